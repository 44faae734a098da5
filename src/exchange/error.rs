//! Errors of reading exchange files: each is located (file:line:column) and says what was
//! expected.

use std::io::{self, BufRead};

use thiserror::Error;

use super::input::{LineTracker, TooLongWithoutMarkup, MAX_MARKUP_GAP};
use crate::i18n::{Args, Localize};
use crate::textfile::{Location, Origin};

/// Why an exchange file could not be read.
#[derive(Debug, Error)]
pub enum ExchangeError {
    /// The file could not be read.
    Io {
        /// Where reading stopped.
        location: Location,
        /// The system error.
        source: std::io::Error,
    },
    /// The XML is not well-formed.
    Xml {
        /// Where.
        location: Location,
        /// The parser's description.
        detail: String,
    },
    /// An entity reference other than the XML ones (`&lt;` …) or a character reference.
    UnknownEntity {
        /// Where.
        location: Location,
        /// The entity name.
        name: String,
    },
    /// The root element is not `<tmx>`.
    NotTmx {
        /// Where.
        location: Location,
        /// What was found.
        found: Found,
    },
    /// The root element is not `<xliff>`.
    NotXliff {
        /// Where.
        location: Location,
        /// What was found.
        found: Found,
    },
    /// The root element is not a TBX one (`<tbx>`, `<martif>`, TBX-Min's `<TBX>`).
    NotTbx {
        /// Where.
        location: Location,
        /// What was found.
        found: Found,
    },
    /// An XLIFF version Tribune does not read (it reads 1.x and 2.x).
    XliffVersion {
        /// Where.
        location: Location,
        /// The version found.
        version: String,
    },
    /// An element or text where another was expected.
    Unexpected {
        /// Where.
        location: Location,
        /// What was found.
        found: Found,
        /// What may stand there (boxed: it is rare, and keeps every `Result` small).
        expected: Box<Expected>,
    },
    /// A required attribute is missing.
    MissingAttribute {
        /// Where.
        location: Location,
        /// The element.
        element: String,
        /// The attribute.
        attribute: String,
    },
    /// The file ends before the document does.
    UnexpectedEnd {
        /// Where.
        location: Location,
        /// What was expected.
        expected: Box<Expected>,
    },
    /// A TSV line without a tab.
    TsvColumns {
        /// Where.
        location: Location,
    },
    /// Bytes that are not UTF-8.
    InvalidUtf8 {
        /// Where.
        location: Location,
    },
    /// A text or tag longer than [`MAX_MARKUP_GAP`]: refused before it is held in memory.
    TooLongWithoutMarkup {
        /// Where it starts.
        location: Location,
        /// The limit, in MiB.
        limit_mib: u64,
    },
    /// A segment longer than [`MAX_SEGMENT_BYTES`]: no translation unit is that long.
    SegmentTooLong {
        /// Where the segment's overflowing part is.
        location: Location,
        /// The limit, in KiB.
        limit_kib: usize,
    },
    /// Inline elements nested deeper than [`MAX_INLINE_DEPTH`].
    NestedTooDeep {
        /// The start tag that goes one level too deep.
        location: Location,
        /// The limit.
        limit: usize,
    },
}

/// What a reader met where it expected something else: the markup as written in the file, or
/// a kind of content whose name is a message of its own (so that no English word is built into
/// an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A start, end or empty tag, as written: `<b>`, `</tuv>`, `<ph/>`.
    Tag(String),
    /// Text (or any content that is not a tag).
    Text,
    /// Nothing at all: the file is empty.
    Nothing,
}

impl Found {
    fn args(&self) -> Args {
        let (kind, tag) = match self {
            Found::Tag(tag) => ("tag", tag.as_str()),
            Found::Text => ("text", ""),
            Found::Nothing => ("nothing", ""),
        };
        vec![
            ("found-kind", kind.into()),
            ("found", tag.to_owned().into()),
        ]
    }
}

/// What may stand where a reader stopped: tags as written in the file, perhaps text, inside a
/// named element. Each part is a message argument, and the words around them ("or", "in",
/// "text") are the locale's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// The tags that may stand here, as written (`<seg>`, `</tu>`); empty for the end of
    /// the document.
    tags: Vec<String>,
    /// What may stand here besides the tags.
    content: ExpectedContent,
    /// The element all this stands in, as written (`<tu>`), when the message names it.
    within: Option<String>,
}

/// What besides tags an [`Expected`] allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ExpectedContent {
    /// Only the tags.
    Tags,
    /// Text or the tags.
    Text,
    /// Text or the inline elements listed in `tags`.
    Inline,
    /// Nothing more: the end of the document.
    DocumentEnd,
}

impl Expected {
    /// One of `tags` (at least one).
    pub fn one_of(tags: &[&str]) -> Self {
        Expected {
            tags: tags.iter().map(|&tag| tag.to_owned()).collect(),
            content: ExpectedContent::Tags,
            within: None,
        }
    }

    /// Exactly `tag`.
    pub fn tag(tag: impl Into<String>) -> Self {
        Expected {
            tags: vec![tag.into()],
            content: ExpectedContent::Tags,
            within: None,
        }
    }

    /// Text or `tag`.
    pub fn text_or(tag: impl Into<String>) -> Self {
        Expected {
            content: ExpectedContent::Text,
            ..Expected::tag(tag)
        }
    }

    /// Text or the inline elements `tags` of a segment.
    pub fn inline(tags: &[&str]) -> Self {
        Expected {
            content: ExpectedContent::Inline,
            ..Expected::one_of(tags)
        }
    }

    /// Nothing but the end of the document.
    pub fn document_end() -> Self {
        Expected {
            tags: Vec::new(),
            content: ExpectedContent::DocumentEnd,
            within: None,
        }
    }

    /// The same, inside element `parent` (written as in the file: `<tu>`).
    pub fn within(self, parent: impl Into<String>) -> Self {
        Expected {
            within: Some(parent.into()),
            ..self
        }
    }

    fn args(&self) -> Args {
        let content = match self.content {
            ExpectedContent::Tags => "tags",
            ExpectedContent::Text => "text",
            ExpectedContent::Inline => "inline",
            ExpectedContent::DocumentEnd => "document-end",
        };
        let (last, first) = self
            .tags
            .split_last()
            .map_or(("", &[][..]), |(l, f)| (l, f));
        vec![
            ("expected-kind", content.into()),
            // The tags but the last, joined by commas, and the last: the locale joins them
            // with its own "or".
            ("expected-first", first.join(", ").into()),
            ("expected-last", last.to_owned().into()),
            ("expected-count", self.tags.len().into()),
            (
                "within-kind",
                if self.within.is_some() {
                    "some"
                } else {
                    "none"
                }
                .into(),
            ),
            ("within", self.within.clone().unwrap_or_default().into()),
        ]
    }
}

impl From<String> for Expected {
    fn from(tag: String) -> Self {
        Expected::tag(tag)
    }
}

impl From<&str> for Expected {
    fn from(tag: &str) -> Self {
        Expected::tag(tag)
    }
}

/// The longest text one segment of a TMX or XLIFF file may have, in bytes of UTF-8: a
/// translation unit is a sentence or a paragraph, and a longer one would make every lookup
/// that meets it slow. 1 MiB is a hundred times the longest paragraph of a real speech.
pub const MAX_SEGMENT_BYTES: usize = 1 << 20;

/// How deep inline elements (TMX `<hi>`, XLIFF `<g>`, `<pc>`, `<mrk>` …) may nest in one
/// segment. CAT tools write a handful of levels (bold inside a link inside a footnote); a
/// hundred leaves room for any real document and refuses a hostile one before it costs time.
pub const MAX_INLINE_DEPTH: usize = 100;

impl ExchangeError {
    /// Where the error is.
    pub fn location(&self) -> &Location {
        match self {
            ExchangeError::Io { location, .. }
            | ExchangeError::Xml { location, .. }
            | ExchangeError::UnknownEntity { location, .. }
            | ExchangeError::NotTmx { location, .. }
            | ExchangeError::NotXliff { location, .. }
            | ExchangeError::NotTbx { location, .. }
            | ExchangeError::XliffVersion { location, .. }
            | ExchangeError::Unexpected { location, .. }
            | ExchangeError::MissingAttribute { location, .. }
            | ExchangeError::UnexpectedEnd { location, .. }
            | ExchangeError::TsvColumns { location }
            | ExchangeError::InvalidUtf8 { location }
            | ExchangeError::TooLongWithoutMarkup { location, .. }
            | ExchangeError::SegmentTooLong { location, .. }
            | ExchangeError::NestedTooDeep { location, .. } => location,
        }
    }

    /// The located error for a failure of an XML parser reading through a [`LineTracker`]
    /// (`at`: the parser's error position): what the XML cursor (`exchange/xml.rs`) reports.
    pub(crate) fn from_xml<R: BufRead>(
        error: quick_xml::Error,
        tracker: &LineTracker<R>,
        origin: &Origin,
        at: u64,
    ) -> ExchangeError {
        let locate = |offset: u64| {
            let (line, column) = tracker.line_column(offset);
            Location::at(origin, line, column)
        };
        match error {
            quick_xml::Error::Io(e) => match TooLongWithoutMarkup::find_in(&e) {
                Some(long) => ExchangeError::TooLongWithoutMarkup {
                    location: Location::at(origin, long.line_column.0, long.line_column.1),
                    limit_mib: MAX_MARKUP_GAP >> 20,
                },
                None if e.kind() == io::ErrorKind::InvalidData => ExchangeError::InvalidUtf8 {
                    location: locate(at),
                },
                None => ExchangeError::Io {
                    location: locate(at),
                    source: io::Error::new(e.kind(), e.to_string()),
                },
            },
            quick_xml::Error::Encoding(_) => ExchangeError::InvalidUtf8 {
                location: locate(at),
            },
            // The parser's own words name its API ("raise the limit with …"): not for a
            // translator.
            quick_xml::Error::Namespace(quick_xml::name::NamespaceError::TooManyBindings(
                limit,
            )) => ExchangeError::Xml {
                location: locate(at),
                detail: format!("more than {limit} namespace declarations in scope"),
            },
            other => ExchangeError::Xml {
                location: locate(at),
                detail: other.to_string(),
            },
        }
    }
}

impl Localize for ExchangeError {
    fn message_id(&self) -> &'static str {
        match self {
            ExchangeError::Io { .. } => "exchange-error-io",
            ExchangeError::Xml { .. } => "exchange-error-xml",
            ExchangeError::UnknownEntity { .. } => "exchange-error-entity",
            ExchangeError::NotTmx { .. } => "exchange-error-not-tmx",
            ExchangeError::NotXliff { .. } => "exchange-error-not-xliff",
            ExchangeError::NotTbx { .. } => "exchange-error-not-tbx",
            ExchangeError::XliffVersion { .. } => "exchange-error-xliff-version",
            ExchangeError::Unexpected { .. } => "exchange-error-unexpected",
            ExchangeError::MissingAttribute { .. } => "exchange-error-missing-attribute",
            ExchangeError::UnexpectedEnd { .. } => "exchange-error-end",
            ExchangeError::TsvColumns { .. } => "exchange-error-tsv",
            ExchangeError::InvalidUtf8 { .. } => "exchange-error-utf8",
            ExchangeError::TooLongWithoutMarkup { .. } => "exchange-error-too-long",
            ExchangeError::SegmentTooLong { .. } => "exchange-error-segment-too-long",
            ExchangeError::NestedTooDeep { .. } => "exchange-error-nested-too-deep",
        }
    }

    fn message_args(&self) -> Args {
        match self {
            ExchangeError::Io { source, .. } => vec![("reason", source.to_string().into())],
            ExchangeError::Xml { detail, .. } => vec![("detail", detail.clone().into())],
            ExchangeError::UnknownEntity { name, .. } => vec![("name", name.clone().into())],
            ExchangeError::NotTmx { found, .. }
            | ExchangeError::NotXliff { found, .. }
            | ExchangeError::NotTbx { found, .. } => found.args(),
            ExchangeError::XliffVersion { version, .. } => {
                vec![("version", version.clone().into())]
            }
            ExchangeError::Unexpected {
                found, expected, ..
            } => {
                let mut args = found.args();
                args.extend(expected.args());
                args
            }
            ExchangeError::MissingAttribute {
                element, attribute, ..
            } => vec![
                ("element", element.clone().into()),
                ("attribute", attribute.clone().into()),
            ],
            ExchangeError::UnexpectedEnd { expected, .. } => expected.args(),
            ExchangeError::TooLongWithoutMarkup { limit_mib, .. } => {
                vec![("limit", (*limit_mib).into())]
            }
            ExchangeError::SegmentTooLong { limit_kib, .. } => {
                vec![("limit", (*limit_kib).into())]
            }
            ExchangeError::NestedTooDeep { limit, .. } => vec![("limit", (*limit).into())],
            ExchangeError::TsvColumns { .. } | ExchangeError::InvalidUtf8 { .. } => Vec::new(),
        }
    }
}

crate::english_display!(ExchangeError);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Localizer;
    use crate::textfile::Origin;

    fn at_line_one() -> Location {
        Location::line(&Origin::File("t.tmx".into()), 1)
    }

    #[test]
    fn the_words_around_the_tags_come_from_the_interface_language() {
        let error = ExchangeError::Unexpected {
            location: at_line_one(),
            found: Found::Text,
            expected: Box::new(Expected::one_of(&["<tuv>", "<prop>", "<note>"]).within("<tu>")),
        };
        let english = Localizer::for_tag("en-US").localize(&error);
        let french = Localizer::for_tag("fr-FR").localize(&error);
        assert_eq!(
            english,
            "unexpected text: expected <tuv>, <prop> or <note> in <tu>"
        );
        assert_eq!(
            french,
            "du texte inattendu : <tuv>, <prop> ou <note> dans <tu> attendu"
        );
        let end = ExchangeError::UnexpectedEnd {
            location: at_line_one(),
            expected: Box::new(Expected::tag("</seg>")),
        };
        assert_eq!(
            Localizer::for_tag("en-US").localize(&end),
            "the file ends too early: expected </seg>"
        );
        let inline = ExchangeError::Unexpected {
            location: at_line_one(),
            found: Found::Tag("<b>".into()),
            expected: Box::new(Expected::inline(&["<g>", "<x/>"]).within("<source>")),
        };
        assert_eq!(
            Localizer::for_tag("fr-FR").localize(&inline),
            "<b> inattendu : du texte ou des éléments en ligne (<g>, <x/>) dans <source> attendu"
        );
        let empty = ExchangeError::NotTmx {
            location: at_line_one(),
            found: Found::Nothing,
        };
        assert_eq!(
            Localizer::for_tag("en-US").localize(&empty),
            "expected a TMX document (<tmx>), found an empty file"
        );
    }
}
