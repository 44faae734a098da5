//! Speaker scripts: what the speaker holds at the podium. One or two speeches become a
//! [`Script`] ([`compose`]: pairing, delivery language, cues, typography, timing), which is
//! then rendered as HTML for print, PDF (that HTML printed by headless Chromium), Word,
//! Markdown or plain text. See docs/scripts.md.

mod compose;
mod docx;
mod error;
mod html;
mod labels;
mod model;
mod output;
mod pair;
mod pdf;
mod plain;

use std::path::Path;

pub use compose::{compose, default_font_size, default_note, ScriptOptions};
pub use docx::render_docx;
pub use error::ScriptError;
pub use html::render_html;
pub use labels::{autonym, cue, duration};
pub use model::{
    Cell, Column, Cue, DeliveryNote, Density, Header, Item, Layout, PagePart, Paper, Pronunciation,
    Row, Script, ScriptBlock, TimeMark, Timing, UiTexts,
};
pub use output::{
    default_file_name, destination, format_for_output, Destination, UnknownExtension,
};
pub use pair::{pair_segments, PairedRow};
pub use pdf::{find_browser, print_pdf, BROWSER_VARIABLE};
pub use plain::{render_markdown, render_text};

/// The file formats of a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One self-contained HTML file, laid out for print.
    Html,
    /// The HTML printed to PDF by headless Chromium.
    Pdf,
    /// A Word document with a two-column table.
    Docx,
    /// Markdown.
    Markdown,
    /// Plain UTF-8 text.
    Text,
}

impl Format {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Markdown => "md",
            Format::Text => "txt",
        }
    }

    /// The format a file name announces (`script.pdf`), if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// Whether the output is binary (never written to a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Pdf | Format::Docx)
    }
}

/// Renders a script in a format. PDF needs a browser ([`find_browser`]).
pub fn render(script: &Script, format: Format) -> Result<Vec<u8>, ScriptError> {
    Ok(match format {
        Format::Html => render_html(script)?.into_bytes(),
        Format::Markdown => render_markdown(script).into_bytes(),
        Format::Text => render_text(script).into_bytes(),
        Format::Docx => render_docx(script)?,
        Format::Pdf => {
            let browser = find_browser().ok_or(ScriptError::BrowserMissing)?;
            print_pdf(&render_html(script)?, &browser)?
        }
    })
}

/// Writes an output file whole or not at all: into a temporary file beside it, then renamed
/// over it, so a failure never leaves a half-written script behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ScriptError> {
    crate::textfile::write_atomically(path, bytes).map_err(|e| ScriptError::write(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_file_names() {
        assert_eq!(Format::from_path(Path::new("a/b.PDF")), Some(Format::Pdf));
        assert_eq!(Format::from_path(Path::new("b.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("b")), None);
        assert_eq!(Format::Docx.extension(), "docx");
    }

    #[test]
    fn write_failures_are_script_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing_dir = dir.path().join("no/such/dir/script.txt");
        assert!(matches!(
            write_atomically(&missing_dir, b"x"),
            Err(ScriptError::Write { .. })
        ));
    }
}
