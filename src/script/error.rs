//! Why a script could not be made: each error says what to do about it.

use std::path::PathBuf;

use thiserror::Error;

use crate::i18n::{Args, Localize};

/// Why a script could not be made or written.
#[derive(Debug, Error)]
pub enum ScriptError {
    /// Two speeches in the same language.
    SameLanguage {
        /// The language.
        lang: String,
    },
    /// `--deliver` names a language the script does not have.
    DeliverMissing {
        /// The language asked for.
        lang: String,
        /// The script's languages.
        languages: String,
    },
    /// `--columns` does not list each of the script's two languages once.
    ColumnsMismatch {
        /// The order asked for.
        columns: String,
        /// The script's languages.
        languages: String,
    },
    /// No Chromium to print the PDF with.
    BrowserMissing,
    /// Chromium ran and failed.
    BrowserFailed {
        /// Its exit status.
        status: String,
        /// The end of what it printed on stderr.
        detail: String,
    },
    /// Chromium did not finish in time.
    BrowserTimeout {
        /// The time allowed.
        seconds: u64,
    },
    /// A signal (Ctrl-C, `kill`, a closed terminal) stopped the print; the browser was
    /// stopped and the temporary folder removed.
    Interrupted {
        /// The signal's number.
        signal: i32,
    },
    /// The output file could not be written (nothing is left half-written).
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A renderer failed (a template or the Word packager).
    Render {
        /// Why.
        reason: String,
    },
}

impl ScriptError {
    /// A write error for `path`.
    pub fn write(path: impl Into<PathBuf>, reason: impl std::fmt::Display) -> Self {
        ScriptError::Write {
            path: path.into(),
            reason: reason.to_string(),
        }
    }
}

impl Localize for ScriptError {
    fn message_id(&self) -> &'static str {
        match self {
            ScriptError::SameLanguage { .. } => "error-script-same-language",
            ScriptError::DeliverMissing { .. } => "error-script-deliver-missing",
            ScriptError::ColumnsMismatch { .. } => "error-script-columns-mismatch",
            ScriptError::BrowserMissing => "error-script-browser-missing",
            ScriptError::BrowserFailed { .. } => "error-script-browser-failed",
            ScriptError::BrowserTimeout { .. } => "error-script-browser-timeout",
            ScriptError::Interrupted { .. } => "error-script-interrupted",
            ScriptError::Write { .. } => "error-script-write",
            ScriptError::Render { .. } => "error-script-render",
        }
    }

    fn message_args(&self) -> Args {
        match self {
            ScriptError::SameLanguage { lang } => vec![("lang", lang.clone().into())],
            ScriptError::DeliverMissing { lang, languages } => vec![
                ("lang", lang.clone().into()),
                ("languages", languages.clone().into()),
            ],
            ScriptError::ColumnsMismatch { columns, languages } => vec![
                ("columns", columns.clone().into()),
                ("languages", languages.clone().into()),
            ],
            ScriptError::BrowserMissing => Vec::new(),
            ScriptError::BrowserFailed { status, detail } => vec![
                ("status", status.clone().into()),
                ("detail", detail.clone().into()),
            ],
            ScriptError::BrowserTimeout { seconds } => vec![("seconds", (*seconds).into())],
            ScriptError::Interrupted { signal } => vec![("signal", f64::from(*signal).into())],
            ScriptError::Write { path, reason } => vec![
                ("file", path.display().to_string().into()),
                ("reason", reason.clone().into()),
            ],
            ScriptError::Render { reason } => vec![("reason", reason.clone().into())],
        }
    }
}

crate::english_display!(ScriptError);
