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
        found: String,
    },
    /// The root element is not `<xliff>`.
    NotXliff {
        /// Where.
        location: Location,
        /// What was found.
        found: String,
    },
    /// The root element is not a TBX one (`<tbx>`, `<martif>`, TBX-Min's `<TBX>`).
    NotTbx {
        /// Where.
        location: Location,
        /// What was found.
        found: String,
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
        found: String,
        /// What may stand there.
        expected: String,
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
        expected: String,
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
            | ExchangeError::NotTbx { found, .. } => {
                vec![("found", found.clone().into())]
            }
            ExchangeError::XliffVersion { version, .. } => {
                vec![("version", version.clone().into())]
            }
            ExchangeError::Unexpected {
                found, expected, ..
            } => vec![
                ("found", found.clone().into()),
                ("expected", expected.clone().into()),
            ],
            ExchangeError::MissingAttribute {
                element, attribute, ..
            } => vec![
                ("element", element.clone().into()),
                ("attribute", attribute.clone().into()),
            ],
            ExchangeError::UnexpectedEnd { expected, .. } => {
                vec![("expected", expected.clone().into())]
            }
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
