//! Errors of reading exchange files: each is located (file:line:column) and says what was
//! expected.

use thiserror::Error;

use crate::i18n::{Args, Localize};
use crate::textfile::Location;

/// Why an exchange file could not be read.
#[derive(Debug, Error)]
pub enum ExchangeError {
    /// The file could not be read.
    #[error("{location}: {source}")]
    Io {
        /// Where reading stopped.
        location: Location,
        /// The system error.
        source: std::io::Error,
    },
    /// The XML is not well-formed.
    #[error("{location}: malformed XML: {detail}")]
    Xml {
        /// Where.
        location: Location,
        /// The parser's description.
        detail: String,
    },
    /// An entity reference other than the XML ones (`&lt;` …) or a character reference.
    #[error("{location}: unknown entity &{name}; (only &lt; &gt; &amp; &apos; &quot; and &#N; are read)")]
    UnknownEntity {
        /// Where.
        location: Location,
        /// The entity name.
        name: String,
    },
    /// The root element is not `<tmx>`.
    #[error("{location}: expected a <tmx> document, found {found}")]
    NotTmx {
        /// Where.
        location: Location,
        /// What was found.
        found: String,
    },
    /// The root element is not `<xliff>`.
    #[error("{location}: expected an XLIFF document, found {found}")]
    NotXliff {
        /// Where.
        location: Location,
        /// What was found.
        found: String,
    },
    /// An XLIFF version Tribune does not read (it reads 1.x and 2.x).
    #[error(
        "{location}: XLIFF version {version} is not supported (1.0 to 1.2 and 2.0 to 2.2 are)"
    )]
    XliffVersion {
        /// Where.
        location: Location,
        /// The version found.
        version: String,
    },
    /// An element or text where another was expected.
    #[error("{location}: unexpected {found}; expected {expected}")]
    Unexpected {
        /// Where.
        location: Location,
        /// What was found.
        found: String,
        /// What may stand there.
        expected: String,
    },
    /// A required attribute is missing.
    #[error("{location}: <{element}> has no {attribute} attribute")]
    MissingAttribute {
        /// Where.
        location: Location,
        /// The element.
        element: String,
        /// The attribute.
        attribute: String,
    },
    /// The file ends before the document does.
    #[error("{location}: the file ends early; expected {expected}")]
    UnexpectedEnd {
        /// Where.
        location: Location,
        /// What was expected.
        expected: String,
    },
    /// A TSV line without a tab.
    #[error("{location}: expected source<TAB>target")]
    TsvColumns {
        /// Where.
        location: Location,
    },
    /// Bytes that are not UTF-8.
    #[error("{location}: the text is not valid UTF-8")]
    InvalidUtf8 {
        /// Where.
        location: Location,
    },
}

impl ExchangeError {
    /// Where the error is.
    pub fn location(&self) -> &Location {
        match self {
            ExchangeError::Io { location, .. }
            | ExchangeError::Xml { location, .. }
            | ExchangeError::UnknownEntity { location, .. }
            | ExchangeError::NotTmx { location, .. }
            | ExchangeError::NotXliff { location, .. }
            | ExchangeError::XliffVersion { location, .. }
            | ExchangeError::Unexpected { location, .. }
            | ExchangeError::MissingAttribute { location, .. }
            | ExchangeError::UnexpectedEnd { location, .. }
            | ExchangeError::TsvColumns { location }
            | ExchangeError::InvalidUtf8 { location } => location,
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
            ExchangeError::XliffVersion { .. } => "exchange-error-xliff-version",
            ExchangeError::Unexpected { .. } => "exchange-error-unexpected",
            ExchangeError::MissingAttribute { .. } => "exchange-error-missing-attribute",
            ExchangeError::UnexpectedEnd { .. } => "exchange-error-end",
            ExchangeError::TsvColumns { .. } => "exchange-error-tsv",
            ExchangeError::InvalidUtf8 { .. } => "exchange-error-utf8",
        }
    }

    fn message_args(&self) -> Args {
        match self {
            ExchangeError::Io { source, .. } => vec![("reason", source.to_string().into())],
            ExchangeError::Xml { detail, .. } => vec![("detail", detail.clone().into())],
            ExchangeError::UnknownEntity { name, .. } => vec![("name", name.clone().into())],
            ExchangeError::NotTmx { found, .. } | ExchangeError::NotXliff { found, .. } => {
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
            ExchangeError::TsvColumns { .. } | ExchangeError::InvalidUtf8 { .. } => Vec::new(),
        }
    }
}
