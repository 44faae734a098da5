//! Exchange formats of translation memories and CAT tools: TMX 1.4b and XLIFF 1.2 / 2.x (read
//! and written, streaming) and a simple tab-separated format (read). This module knows nothing of SQL: readers yield
//! units, writers take units, and the CLI moves them in and out of [`crate::memory`].
//!
//! Reading is hostile-input safe: a DOCTYPE is skipped unread, entities other than the five
//! XML ones and character references are refused with a located error (no external entity
//! is ever fetched, no entity is ever expanded), and every error says file:line:column and
//! what was expected.

mod error;
pub mod input;
pub mod tmx;
pub mod tsv;
pub mod xliff;

pub use error::{ExchangeError, MAX_SEGMENT_BYTES};
pub use tmx::{TmxHeader, TmxReader, TmxUnit, TmxVariant, TmxWriter};
pub use tsv::{TsvPair, TsvReader};
pub use xliff::{XliffHeader, XliffReader, XliffUnit, XliffVersion, XliffWriter};

/// The formats `tribune memory import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TMX 1.4 / 1.4b.
    Tmx,
    /// `source<TAB>target` lines.
    Tsv,
}

impl Format {
    /// The format of a file, from its name (`.tmx`, `.tsv`, `.tab`, `.txt`) or, failing that,
    /// its first bytes (`<` or a BOM means XML).
    pub fn detect(name: &std::path::Path, head: &[u8]) -> Format {
        let extension = name
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("tmx") | Some("xml") => Format::Tmx,
            Some("tsv") | Some("tab") | Some("txt") => Format::Tsv,
            _ => {
                let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
                let trimmed = head.iter().skip_while(|b| b.is_ascii_whitespace());
                match trimmed.clone().next() {
                    Some(b'<') | Some(0xFF) | Some(0xFE) | Some(0) => Format::Tmx,
                    _ => Format::Tsv,
                }
            }
        }
    }
}
