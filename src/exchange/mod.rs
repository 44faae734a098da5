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
pub(crate) mod xml;

pub use error::{ExchangeError, Expected, Found, MAX_INLINE_DEPTH, MAX_SEGMENT_BYTES};
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

/// Whether XML 1.0 allows `c` in a document: the tab, the line breaks, and everything from
/// the space up but the surrogates (which a `char` cannot be) and U+FFFE/U+FFFF. Readers
/// refuse the others (raw or as `&#N;`) with a located error.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

/// Escapes text for XML, and writes a character XML forbids (only `<cp>` in XLIFF 2 can
/// carry one in) as U+FFFD, so that every file Tribune writes is well-formed.
pub fn xml_escape(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        return quick_xml::escape::escape(text);
    }
    let cleaned: String = text
        .chars()
        .map(|c| if is_xml_char(c) { c } else { '\u{fffd}' })
        .collect();
    std::borrow::Cow::Owned(quick_xml::escape::escape(cleaned.as_str()).into_owned())
}

/// A located error for the first character XML forbids in `text`; `locate` turns its byte
/// offset in `text` into a place in the file.
pub(crate) fn refuse_forbidden_chars(
    text: &str,
    locate: impl FnOnce(usize) -> crate::textfile::Location,
) -> Result<(), ExchangeError> {
    // The common case, text without a control character or U+FFFE/U+FFFF, in one byte scan.
    let suspect = text.bytes().any(|b| b < 0x20 || b == 0xEF);
    if !suspect {
        return Ok(());
    }
    match text.char_indices().find(|(_, c)| !is_xml_char(*c)) {
        Some((offset, c)) => Err(ExchangeError::Xml {
            location: locate(offset),
            detail: format!(
                "the control character U+{:04X} is not allowed in XML",
                u32::from(c)
            ),
        }),
        None => Ok(()),
    }
}
