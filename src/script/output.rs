//! Where a script goes and in what format, decided from the output file name: every front
//! end that writes scripts to files decides the same way.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::Format;
use crate::i18n::{Args, Localize};

/// The output file name ends in an extension no format has (`script.odt`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct UnknownExtension {
    /// The file name, as given.
    pub file: String,
}

impl Localize for UnknownExtension {
    fn message_id(&self) -> &'static str {
        "script-error-unknown-extension"
    }
    fn message_args(&self) -> Args {
        vec![("file", self.file.clone().into())]
    }
}

crate::english_display!(UnknownExtension);

/// Where a script is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A file.
    File(PathBuf),
    /// Standard output (`-o -`, or a text format without `-o`).
    Stdout,
}

/// The format when none is asked for: the one the output file's extension announces, HTML
/// when there is no file, no extension or the output is `-`; an extension of no format is
/// refused rather than guessed.
pub fn format_for_output(output: Option<&Path>) -> Result<Format, UnknownExtension> {
    match output {
        Some(path) if path.as_os_str() != "-" && path.extension().is_some() => {
            Format::from_path(path).ok_or_else(|| UnknownExtension {
                file: path.display().to_string(),
            })
        }
        _ => Ok(Format::Html),
    }
}

/// Where a script goes: `-` is standard output, a named file is that file; without one, a
/// binary format (never written to a terminal) goes to [`default_file_name`] of the speech,
/// a text format to standard output.
pub fn destination(output: Option<&Path>, format: Format, speech: &str) -> Destination {
    match output {
        Some(path) if path.as_os_str() == "-" => Destination::Stdout,
        Some(path) => Destination::File(path.to_path_buf()),
        None if format.is_binary() => Destination::File(default_file_name(speech, format)),
        None => Destination::Stdout,
    }
}

/// A default output name for binary formats, in the current directory, without the
/// speech's language tag: `speeches/x.en.txt` -> `x.pdf`; standard input (`-`) gives
/// `script.pdf`.
pub fn default_file_name(speech: &str, format: Format) -> PathBuf {
    let stem = Path::new(speech)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| speech != "-" && !s.is_empty())
        .unwrap_or_else(|| "script".to_owned());
    let stem = match stem.rsplit_once('.') {
        Some((base, tag)) if crate::lang::parse_tag(tag).is_some() && !base.is_empty() => {
            base.to_owned()
        }
        _ => stem,
    };
    PathBuf::from(format!("{stem}.{}", format.extension()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_drop_the_language_tag() {
        assert_eq!(
            default_file_name("speeches/water.en.txt", Format::Pdf),
            PathBuf::from("water.pdf")
        );
        assert_eq!(
            default_file_name("-", Format::Docx),
            PathBuf::from("script.docx")
        );
        assert_eq!(
            default_file_name("remarks.txt", Format::Pdf),
            PathBuf::from("remarks.pdf")
        );
    }

    #[test]
    fn the_format_follows_the_output_name() {
        assert_eq!(format_for_output(None), Ok(Format::Html));
        assert_eq!(format_for_output(Some(Path::new("-"))), Ok(Format::Html));
        assert_eq!(format_for_output(Some(Path::new("out"))), Ok(Format::Html));
        assert_eq!(
            format_for_output(Some(Path::new("a.DOCX"))),
            Ok(Format::Docx)
        );
        assert_eq!(
            format_for_output(Some(Path::new("a.odt"))),
            Err(UnknownExtension {
                file: "a.odt".into()
            })
        );
    }

    #[test]
    fn binary_formats_go_to_a_file() {
        assert_eq!(
            destination(None, Format::Pdf, "x.fr.txt"),
            Destination::File(PathBuf::from("x.pdf"))
        );
        assert_eq!(
            destination(None, Format::Html, "x.txt"),
            Destination::Stdout
        );
        assert_eq!(
            destination(Some(Path::new("-")), Format::Pdf, "x.txt"),
            Destination::Stdout
        );
        assert_eq!(
            destination(Some(Path::new("o.md")), Format::Markdown, "x.txt"),
            Destination::File(PathBuf::from("o.md"))
        );
    }
}
