//! Why two texts cannot be aligned, and what is worth a warning.

use thiserror::Error;

use crate::i18n::{Args, Localize};
use crate::speech::SpeechError;
use crate::textfile::{Location, TextFileError};

/// Why an alignment could not be made. Nothing is written when one of these is returned.
#[derive(Debug, Error)]
pub enum AlignError {
    /// The file could not be read.
    File(#[from] TextFileError),
    /// The speech could not be parsed.
    Speech(#[from] SpeechError),
    /// The file holds no text at all.
    Empty {
        /// The file.
        file: String,
    },
    /// The file holds only stage directions: nothing to translate.
    NothingToAlign {
        /// The file.
        file: String,
    },
    /// A file is not in the language it should be.
    WrongLanguage {
        /// The file.
        file: String,
        /// The language it should be in.
        expected: String,
        /// The language it is in.
        found: String,
    },
    /// The two files are given in the wrong order.
    Swapped {
        /// The file given first.
        source_file: String,
        /// Its language.
        source_found: String,
        /// The file given second.
        target_file: String,
        /// Its language.
        target_found: String,
    },
}

impl AlignError {
    /// Where the error is, when it is in one file.
    pub fn location(&self) -> Option<Location> {
        match self {
            AlignError::File(e) => e.location(),
            AlignError::Speech(e) => e.location(),
            _ => None,
        }
    }
}

impl Localize for AlignError {
    fn message_id(&self) -> &'static str {
        match self {
            AlignError::File(e) => e.message_id(),
            AlignError::Speech(e) => e.message_id(),
            AlignError::Empty { .. } => "align-error-empty",
            AlignError::NothingToAlign { .. } => "align-error-nothing",
            AlignError::WrongLanguage { .. } => "align-error-wrong-language",
            AlignError::Swapped { .. } => "align-error-swapped",
        }
    }

    fn message_args(&self) -> Args {
        match self {
            AlignError::File(e) => e.message_args(),
            AlignError::Speech(e) => e.message_args(),
            AlignError::Empty { file } | AlignError::NothingToAlign { file } => {
                vec![("file", file.clone().into())]
            }
            AlignError::WrongLanguage {
                file,
                expected,
                found,
            } => vec![
                ("file", file.clone().into()),
                ("expected", expected.clone().into()),
                ("found", found.clone().into()),
            ],
            AlignError::Swapped {
                source_file,
                source_found,
                target_file,
                target_found,
            } => vec![
                ("source", source_file.clone().into()),
                ("source_lang", source_found.clone().into()),
                ("target", target_file.clone().into()),
                ("target_lang", target_found.clone().into()),
            ],
        }
    }
}

/// Something odd about the input that does not stop the alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlignWarning {
    /// `--input lines`, but many lines hold several sentences: probably running text.
    LinesLookLikeText {
        /// The file.
        file: String,
        /// How many lines hold several sentences.
        lines: usize,
    },
    /// `--input text`, but the file has no blank lines and many short lines: probably one
    /// segment per line.
    TextLooksLikeLines {
        /// The file.
        file: String,
    },
    /// A language has no aligner data: only numbers, names and lengths are used.
    NoLexicon {
        /// Source language.
        source: String,
        /// Target language.
        target: String,
    },
}

impl Localize for AlignWarning {
    fn message_id(&self) -> &'static str {
        match self {
            AlignWarning::LinesLookLikeText { .. } => "align-warning-lines-look-like-text",
            AlignWarning::TextLooksLikeLines { .. } => "align-warning-text-looks-like-lines",
            AlignWarning::NoLexicon { .. } => "align-warning-no-lexicon",
        }
    }

    fn message_args(&self) -> Args {
        match self {
            AlignWarning::LinesLookLikeText { file, lines } => {
                vec![("file", file.clone().into()), ("lines", (*lines).into())]
            }
            AlignWarning::TextLooksLikeLines { file } => vec![("file", file.clone().into())],
            AlignWarning::NoLexicon { source, target } => vec![
                ("source", source.clone().into()),
                ("target", target.clone().into()),
            ],
        }
    }
}

crate::english_display!(AlignError);
