//! Why a term base could not be read, stored or written: located where a file is at fault.

use thiserror::Error;

use crate::exchange::ExchangeError;
use crate::i18n::{Args, Localize};
use crate::memory::MemoryError;
use crate::textfile::Location;

/// Why a term base file could not be imported, or the term base exported.
#[derive(Debug, Error)]
pub enum TermsError {
    /// The XML is not well-formed, not TBX, or not safe to read (located).
    Exchange(#[from] ExchangeError),
    /// The memory refused (read-only, busy, full disk, …).
    Memory(#[from] MemoryError),
    /// The file cannot be opened.
    Open {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// A language tag that is not one (`xml:lang`, a CSV column).
    BadLanguage {
        /// Where.
        location: Location,
        /// The tag as written.
        tag: String,
    },
    /// A term status Tribune does not know.
    BadStatus {
        /// Where.
        location: Location,
        /// The value as written.
        value: String,
    },
    /// A concept id that is not an XML name (TBX ids are `xsd:ID`).
    BadId {
        /// Where.
        location: Location,
        /// The id as written.
        id: String,
    },
    /// A CSV header cell that names no column Tribune reads.
    CsvColumn {
        /// Where.
        location: Location,
        /// The cell.
        name: String,
    },
    /// A CSV column about a term (`status`, `pos`, `term note`) before any language column.
    CsvAttributeFirst {
        /// Where.
        location: Location,
        /// The cell.
        name: String,
    },
    /// A CSV concept column (`id`, `subject`, `definition`, `note`) given twice.
    CsvColumnTwice {
        /// Where.
        location: Location,
        /// The cell.
        name: String,
    },
    /// A CSV header without a language column.
    CsvNoLanguage {
        /// Where.
        location: Location,
    },
    /// A CSV row with a value beyond the header's columns.
    CsvExtraField {
        /// Where.
        location: Location,
        /// How many columns the header has.
        columns: usize,
    },
    /// A concept with more terms, or a spreadsheet with more columns, than a term base has:
    /// refused before it costs time and memory.
    TooMany {
        /// Where.
        location: Location,
        /// The limit.
        limit: usize,
    },
    /// The CSV reader's own complaint (a quote left open).
    Csv {
        /// Where.
        location: Location,
        /// What it says.
        detail: String,
    },
    /// Writing the export failed.
    Write(std::io::Error),
}

impl TermsError {
    /// Where the error is in the file read, when a file is at fault.
    pub fn location(&self) -> Option<&Location> {
        match self {
            TermsError::Exchange(e) => Some(e.location()),
            TermsError::BadLanguage { location, .. }
            | TermsError::BadStatus { location, .. }
            | TermsError::BadId { location, .. }
            | TermsError::CsvColumn { location, .. }
            | TermsError::CsvAttributeFirst { location, .. }
            | TermsError::CsvColumnTwice { location, .. }
            | TermsError::CsvNoLanguage { location }
            | TermsError::CsvExtraField { location, .. }
            | TermsError::TooMany { location, .. }
            | TermsError::Csv { location, .. } => Some(location),
            TermsError::Memory(_) | TermsError::Open { .. } | TermsError::Write(_) => None,
        }
    }
}

impl Localize for TermsError {
    fn message_id(&self) -> &'static str {
        match self {
            TermsError::Exchange(e) => e.message_id(),
            TermsError::Memory(e) => e.message_id(),
            TermsError::Open { .. } => "memory-error-open-file",
            TermsError::BadLanguage { .. } => "terms-error-language",
            TermsError::BadStatus { .. } => "terms-error-status",
            TermsError::BadId { .. } => "terms-error-id",
            TermsError::CsvColumn { .. } => "terms-error-csv-column",
            TermsError::CsvAttributeFirst { .. } => "terms-error-csv-attribute-first",
            TermsError::CsvColumnTwice { .. } => "terms-error-csv-column-twice",
            TermsError::CsvNoLanguage { .. } => "terms-error-csv-no-language",
            TermsError::CsvExtraField { .. } => "terms-error-csv-extra-field",
            TermsError::TooMany { .. } => "terms-error-too-many",
            TermsError::Csv { .. } => "terms-error-csv",
            TermsError::Write(_) => "error-output",
        }
    }

    fn message_args(&self) -> Args {
        match self {
            TermsError::Exchange(e) => e.message_args(),
            TermsError::Memory(e) => e.message_args(),
            TermsError::Open { file, reason } => vec![
                ("file", file.clone().into()),
                ("reason", reason.clone().into()),
            ],
            TermsError::BadLanguage { tag, .. } => vec![("tag", tag.clone().into())],
            TermsError::BadStatus { value, .. } => vec![("value", value.clone().into())],
            TermsError::BadId { id, .. } => vec![("id", id.clone().into())],
            TermsError::CsvColumn { name, .. }
            | TermsError::CsvAttributeFirst { name, .. }
            | TermsError::CsvColumnTwice { name, .. } => vec![("name", name.clone().into())],
            TermsError::CsvNoLanguage { .. } => Vec::new(),
            TermsError::CsvExtraField { columns, .. } => vec![("columns", (*columns).into())],
            TermsError::TooMany { limit, .. } => vec![("limit", (*limit).into())],
            TermsError::Csv { detail, .. } => vec![("detail", detail.clone().into())],
            TermsError::Write(e) => vec![("reason", e.to_string().into())],
        }
    }
}

crate::english_display!(TermsError);
