//! Errors of reading a speech: every one names the input and, where it applies, the line
//! and column, and says what was expected.

use thiserror::Error;

use crate::i18n::{Args, Localize};
use crate::textfile::{Location, Origin, TextFileError};

/// Why a speech could not be read.
#[derive(Debug, Error)]
pub enum SpeechError {
    /// The input itself could not be read as text.
    Text(#[from] TextFileError),
    /// Nothing but white space (and perhaps front matter).
    Empty {
        /// The input.
        origin: Origin,
    },
    /// A `[` with no `]` before the end of its line.
    UnclosedBracket {
        /// Where the `[` is.
        location: Location,
    },
    /// A `{pron=…}` mark that does not follow a word, has no pronunciation or is not closed
    /// on its line.
    PronunciationMark {
        /// Where the mark starts.
        location: Location,
    },
    /// A front matter opened with `---` and never closed.
    UnclosedFrontMatter {
        /// The opening line.
        location: Location,
    },
    /// A front matter line that is not `key: value`.
    FrontMatterSyntax {
        /// The line.
        location: Location,
    },
    /// A key Tribune does not know (a typo would otherwise be silently ignored).
    UnknownFrontMatterKey {
        /// The line.
        location: Location,
        /// The key as written.
        key: String,
    },
    /// The same key twice.
    DuplicateFrontMatterKey {
        /// The second occurrence.
        location: Location,
        /// The key.
        key: String,
    },
    /// `language:` is not a language tag.
    BadLanguage {
        /// The line.
        location: Location,
        /// The value.
        value: String,
    },
    /// `target:` is not a duration.
    BadDuration {
        /// The line.
        location: Location,
        /// The value.
        value: String,
    },
    /// `deliver:` is neither a language tag nor `mixed`.
    BadDelivery {
        /// The line.
        location: Location,
        /// The value.
        value: String,
    },
    /// A `kind:` value that is not a document kind.
    BadKind {
        /// The line.
        location: Location,
        /// The value.
        value: String,
    },
    /// The text would take more memory to hold than the process may still allocate.
    TooLarge {
        /// The line where it stops fitting.
        location: Location,
        /// The memory it would take up to that line, in MiB.
        needed_mib: u64,
        /// The memory the process may still allocate, in MiB.
        available_mib: u64,
    },
    /// Nothing says which language the speech is in, and detection is not sure.
    UnknownLanguage {
        /// The input.
        origin: Origin,
    },
}

impl SpeechError {
    /// Where the error is, when it has a place.
    pub fn location(&self) -> Option<Location> {
        match self {
            SpeechError::Text(e) => e.location(),
            SpeechError::Empty { origin } | SpeechError::UnknownLanguage { origin } => {
                Some(Location::line(origin, 1))
            }
            SpeechError::UnclosedBracket { location }
            | SpeechError::PronunciationMark { location }
            | SpeechError::UnclosedFrontMatter { location }
            | SpeechError::FrontMatterSyntax { location }
            | SpeechError::UnknownFrontMatterKey { location, .. }
            | SpeechError::DuplicateFrontMatterKey { location, .. }
            | SpeechError::BadLanguage { location, .. }
            | SpeechError::BadDuration { location, .. }
            | SpeechError::BadDelivery { location, .. }
            | SpeechError::BadKind { location, .. }
            | SpeechError::TooLarge { location, .. } => Some(location.clone()),
        }
    }
}

impl Localize for SpeechError {
    fn message_id(&self) -> &'static str {
        match self {
            SpeechError::Text(e) => e.message_id(),
            SpeechError::Empty { .. } => "error-speech-empty",
            SpeechError::UnclosedBracket { .. } => "error-unclosed-bracket",
            SpeechError::PronunciationMark { .. } => "error-pronunciation-mark",
            SpeechError::UnclosedFrontMatter { .. } => "error-front-matter-unclosed",
            SpeechError::FrontMatterSyntax { .. } => "error-front-matter-syntax",
            SpeechError::UnknownFrontMatterKey { .. } => "error-front-matter-unknown-key",
            SpeechError::DuplicateFrontMatterKey { .. } => "error-front-matter-duplicate-key",
            SpeechError::BadLanguage { .. } => "error-bad-language",
            SpeechError::BadDuration { .. } => "error-bad-duration",
            SpeechError::BadDelivery { .. } => "error-bad-delivery",
            SpeechError::BadKind { .. } => "error-bad-kind",
            SpeechError::UnknownLanguage { .. } => "error-unknown-language",
            SpeechError::TooLarge { .. } => "error-speech-too-large",
        }
    }

    fn message_args(&self) -> Args {
        let mut args: Args = match self {
            SpeechError::Text(e) => return e.message_args(),
            SpeechError::UnknownFrontMatterKey { key, .. }
            | SpeechError::DuplicateFrontMatterKey { key, .. } => {
                vec![("key", key.clone().into())]
            }
            SpeechError::BadLanguage { value, .. }
            | SpeechError::BadDuration { value, .. }
            | SpeechError::BadDelivery { value, .. }
            | SpeechError::BadKind { value, .. } => {
                vec![("value", value.clone().into())]
            }
            SpeechError::TooLarge {
                needed_mib,
                available_mib,
                ..
            } => vec![
                ("needed", (*needed_mib).into()),
                ("available", (*available_mib).into()),
            ],
            _ => Vec::new(),
        };
        if let Some(location) = self.location() {
            args.push(("file", location.origin.to_string().into()));
            args.push(("line", location.line.into()));
            if let Some(column) = location.column {
                args.push(("column", column.into()));
            }
        }
        args
    }
}

crate::english_display!(SpeechError);
