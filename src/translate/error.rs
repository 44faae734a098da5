//! Why a speech cannot be pre-translated, and what is worth a warning: rules of the
//! translation job itself (not of one front end), so every front end refuses the same
//! things with the same messages.

use thiserror::Error;

use crate::align::AlignError;
use crate::exchange::ExchangeError;
use crate::i18n::{Args, Localize};
use crate::textfile::TextFileError;

/// Why a pre-translation cannot be made. Nothing is written when one of these is returned.
#[derive(Debug, Error)]
pub enum TranslateError {
    /// The speech is already in the target language: there is nothing to translate.
    SameLanguage {
        /// The language.
        lang: String,
    },
    /// A translated speech given as the previous draft needs its source draft, to be
    /// aligned with it (an XLIFF file holds both).
    PreviousNeedsSource {
        /// The file.
        file: String,
    },
    /// The previous draft's file cannot be opened.
    Open {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// The previous draft's XLIFF cannot be read.
    Exchange(#[from] ExchangeError),
    /// The previous draft and its translation cannot be aligned.
    Align(#[from] AlignError),
    /// The previous draft's translation cannot be read.
    File(#[from] TextFileError),
}

impl TranslateError {
    /// Where the error is, when it is in a file (`file:line:column`, or the file).
    pub fn location(&self) -> Option<String> {
        match self {
            TranslateError::Exchange(e) => Some(e.location().to_string()),
            TranslateError::Align(e) => e.location().map(|l| l.to_string()),
            TranslateError::File(e) => e.location().map(|l| l.to_string()),
            _ => None,
        }
    }
}

impl Localize for TranslateError {
    fn message_id(&self) -> &'static str {
        match self {
            TranslateError::SameLanguage { .. } => "translate-error-same-language",
            TranslateError::PreviousNeedsSource { .. } => "translate-error-previous-source",
            TranslateError::Open { .. } => "translate-error-open",
            TranslateError::Exchange(e) => e.message_id(),
            TranslateError::Align(e) => e.message_id(),
            TranslateError::File(e) => e.message_id(),
        }
    }

    fn message_args(&self) -> Args {
        match self {
            TranslateError::SameLanguage { lang } => vec![("lang", lang.clone().into())],
            TranslateError::PreviousNeedsSource { file } => vec![("file", file.clone().into())],
            TranslateError::Open { file, reason } => vec![
                ("file", file.clone().into()),
                ("reason", reason.clone().into()),
            ],
            TranslateError::Exchange(e) => e.message_args(),
            TranslateError::Align(e) => e.message_args(),
            TranslateError::File(e) => e.message_args(),
        }
    }
}

/// The memory file does not exist: the speech is pre-translated without one (directions,
/// passages and the previous draft still fill what they can).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoMemory {
    /// Where the memory was looked for.
    pub path: String,
}

impl Localize for NoMemory {
    fn message_id(&self) -> &'static str {
        "translate-warning-no-memory"
    }
    fn message_args(&self) -> Args {
        vec![("path", self.path.clone().into())]
    }
}

crate::english_display!(TranslateError);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Localizer;

    #[test]
    fn the_rules_keep_their_messages() {
        let english = Localizer::for_tag("en-US");
        let same = TranslateError::SameLanguage { lang: "fr".into() };
        assert_eq!(same.message_id(), "translate-error-same-language");
        assert_eq!(same.to_string(), english.localize(&same));
        let previous = TranslateError::PreviousNeedsSource {
            file: "old.fr.txt".into(),
        };
        assert!(english.localize(&previous).contains("old.fr.txt"));
        assert_eq!(previous.location(), None);
        let warning = NoMemory {
            path: "tm.sqlite".into(),
        };
        assert!(english.localize(&warning).contains("tm.sqlite"));
    }
}
