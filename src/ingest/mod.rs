//! The ingest layer: what goes into a translation memory and what comes out of it.
//!
//! Exchange files ([`crate::exchange`]: TMX, TSV, XLIFF) and alignments ([`crate::align`])
//! become memory units here, and units become TMX again, with every stored property named in
//! one place ([`properties`]). Everything here reaches the memory through
//! [`crate::memory::TranslationStore`], so it works the same on any backend, and any front end
//! (the command line, the browser workspace, a test) calls the same functions:
//!
//! - [`import_file`] stores a TMX or TSV file (three threads, one transaction);
//! - [`import_xliff`] stores the confirmed translations of a CAT tool's XLIFF file, with a
//!   report per segment;
//! - [`store_alignment`] stores the confident beads of an alignment;
//! - [`export_tmx`] writes the memory (or part of it) as TMX.

mod alignment;
mod import;
pub mod properties;
mod tmx;
mod xliff;

pub use alignment::{store_alignment, unit_from_pair};
pub use import::{import_file, ImportOptions};
pub use tmx::{export_header, export_tmx, unit_to_tmx, ExportOptions, LanguagePair};
pub use xliff::{import_xliff, FileReport, Outcome, StateFilter, UnitReport, XliffImportOptions};

use crate::exchange::ExchangeError;
use crate::i18n::{Args, Localize};
use crate::memory::MemoryError;

/// The user recorded as creator of new units: `USER`, `USERNAME` or `LOGNAME`.
pub fn default_user() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
}

/// Why a file could not be stored in the memory, or the memory written out.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The memory refused (read-only, busy, full disk, …).
    Memory(#[from] MemoryError),
    /// The file is not valid TMX, TSV or XLIFF (located).
    Exchange(#[from] ExchangeError),
    /// The file cannot be opened or read.
    Open {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// A TSV file does not say its languages: the import must.
    TsvNeedsLanguages {
        /// The file.
        file: String,
    },
    /// An XLIFF file does not say a language and the import does not give it.
    NoLanguage {
        /// The file.
        file: String,
        /// The line of the unit.
        line: usize,
        /// `source` or `target`.
        which: &'static str,
        /// The option that gives it.
        option: &'static str,
    },
    /// Writing an export failed.
    Write(std::io::Error),
}

impl Localize for IngestError {
    fn message_id(&self) -> &'static str {
        match self {
            IngestError::Memory(e) => e.message_id(),
            IngestError::Exchange(e) => e.message_id(),
            IngestError::Open { .. } => "memory-error-open-file",
            IngestError::TsvNeedsLanguages { .. } => "memory-error-tsv-languages",
            IngestError::NoLanguage {
                which: "source", ..
            } => "xliff-error-no-source-language",
            IngestError::NoLanguage { .. } => "xliff-error-no-target-language",
            IngestError::Write(_) => "error-output",
        }
    }

    fn message_args(&self) -> Args {
        match self {
            IngestError::Memory(e) => e.message_args(),
            IngestError::Exchange(e) => e.message_args(),
            IngestError::Open { file, reason } => vec![
                ("file", file.clone().into()),
                ("reason", reason.clone().into()),
            ],
            IngestError::TsvNeedsLanguages { file } => vec![("file", file.clone().into())],
            IngestError::NoLanguage { file, line, .. } => {
                vec![("file", file.clone().into()), ("line", (*line).into())]
            }
            IngestError::Write(e) => vec![("reason", e.to_string().into())],
        }
    }
}

crate::english_display!(IngestError);

#[cfg(test)]
mod tests;
