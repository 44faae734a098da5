//! `tribune script`: a print-ready, timed speaker script of one speech or of a speech and its
//! translation, as HTML, PDF, Word, Markdown or text.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use unic_langid::LanguageIdentifier;

use super::error::CommandResult;
use super::segment::{language_arg, warn_if_generic};
use super::stats::{rate_arg, PaceArg, RateSpec};
use super::{write_stdout, Context};
use crate::i18n::{Args as MessageArgs, Localize};
use crate::script::{self, DeliveryNote, Density, Format, Layout, Paper, ScriptOptions};
use crate::speech::{self, format_clock, Delivery, Pace, Rates};
use crate::textfile::Origin;

/// `--layout` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Languages side by side, one row per aligned segment.
    Columns,
    /// Each paragraph in the language read, then in the other.
    Interleaved,
    /// The language read only, in large type.
    Single,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Self-contained HTML for print.
    Html,
    /// PDF printed by headless Chromium.
    Pdf,
    /// Word document.
    Docx,
    /// Markdown.
    Md,
    /// Plain text.
    Txt,
}

/// `--paper` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

/// `--density` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DensityArg {
    /// Tighter, rows may break between sentences.
    Compact,
    /// Rows whole, pages filled.
    Normal,
    /// More space, rows whole.
    Spacious,
}

/// `--note` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NoteArg {
    /// "Check against delivery".
    Check,
    /// "Read out verbatim".
    Verbatim,
    /// No delivery note.
    None,
}

fn deliver_arg(value: &str) -> Result<Delivery, String> {
    Delivery::parse(value).ok_or_else(|| super::value_error("value-error-delivery", value))
}

fn target_arg(value: &str) -> Result<u32, String> {
    speech::parse_duration(value)
        .filter(|s| *s > 0)
        .ok_or_else(|| super::value_error("value-error-duration", value))
}

fn font_size_arg(value: &str) -> Result<f32, String> {
    match value.trim().trim_end_matches("pt").trim().parse::<f32>() {
        Ok(size) if (8.0..=72.0).contains(&size) => Ok(size),
        _ => Err(super::value_error("value-error-font-size", value)),
    }
}

/// Arguments of `tribune script`.
#[derive(Debug, Args)]
pub struct ScriptArgs {
    /// The speech (`-` for standard input).
    #[arg(value_name = "SOURCE")]
    pub speech: String,
    /// Its translation, shown beside it.
    #[arg(value_name = "TARGET")]
    pub translation: Option<String>,
    /// How the languages are laid out.
    #[arg(long, value_enum, default_value_t = LayoutArg::Columns)]
    pub layout: LayoutArg,
    /// The language the speaker reads, or `mixed` to follow "[In French]" directions.
    #[arg(long, value_name = "LANG|mixed", value_parser = deliver_arg)]
    pub deliver: Option<Delivery>,
    /// Output format (default: from the -o file name, else html).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Output file (`-` for standard output).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Speaking rate in words per minute, for all languages (`120`) or one (`fr=140`).
    #[arg(long = "rate", value_name = "[LANG=]WPM", value_parser = rate_arg)]
    pub rates: Vec<RateSpec>,
    /// Default rates: ordinary delivery, or the slower interpretable pace.
    #[arg(long, value_enum, default_value_t = PaceArg::Normal)]
    pub pace: PaceArg,
    /// The time the speaker has (MM:SS); a warning says when the script runs over it.
    #[arg(long, value_name = "MM:SS", value_parser = target_arg)]
    pub target: Option<u32>,
    /// Paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Body type size in points (default 16, 18 interleaved, 20 single).
    #[arg(long, value_name = "PT", value_parser = font_size_arg)]
    pub font_size: Option<f32>,
    /// The delivery note in the header (default: "check against delivery", none for a story).
    #[arg(long, value_enum)]
    pub note: Option<NoteArg>,
    /// How tightly printed pages are set.
    #[arg(long, value_enum, default_value_t = DensityArg::Normal)]
    pub density: DensityArg,
    /// The languages of the columns, left to right (default: the language read aloud first).
    #[arg(long, value_name = "LANG,LANG", value_delimiter = ',', value_parser = language_arg)]
    pub columns: Option<Vec<LanguageIdentifier>>,
}

/// The estimated time runs over the target.
struct OverTarget {
    total: u32,
    target: u32,
}

impl Localize for OverTarget {
    fn message_id(&self) -> &'static str {
        "script-warning-over-target"
    }
    fn message_args(&self) -> MessageArgs {
        vec![
            ("total", format_clock(self.total).into()),
            ("target", format_clock(self.target).into()),
            ("over", format_clock(self.total - self.target).into()),
        ]
    }
}

/// Where the script goes: a file, or standard output.
enum Destination {
    File(PathBuf),
    Stdout,
}

/// A default output name for binary formats: `speeches/x.en.txt` -> `x.pdf`.
fn default_file_name(speech: &str, format: Format) -> PathBuf {
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

/// Runs `tribune script`.
pub fn run(args: ScriptArgs, ctx: &Context) -> CommandResult {
    let format = match args.format {
        Some(FormatArg::Html) => Format::Html,
        Some(FormatArg::Pdf) => Format::Pdf,
        Some(FormatArg::Docx) => Format::Docx,
        Some(FormatArg::Md) => Format::Markdown,
        Some(FormatArg::Txt) => Format::Text,
        None => match args.output.as_deref() {
            Some(path) if path.as_os_str() != "-" && path.extension().is_some() => {
                Format::from_path(path).ok_or_else(|| super::UsageError {
                    message_id: "script-error-unknown-extension",
                    args: vec![("file", path.display().to_string())],
                })?
            }
            _ => Format::Html,
        },
    };
    let destination = match &args.output {
        Some(path) if path.as_os_str() == "-" => Destination::Stdout,
        Some(path) => Destination::File(path.clone()),
        None if format.is_binary() => Destination::File(default_file_name(&args.speech, format)),
        None => Destination::Stdout,
    };
    if let Destination::File(path) = &destination {
        let mut inputs = vec![Path::new(&args.speech)];
        inputs.extend(args.translation.as_deref().map(Path::new));
        crate::textfile::refuse_overwriting_inputs(path, &inputs)?;
    }

    let first = speech::read(&Origin::from_arg(&args.speech), None)?;
    let second = match &args.translation {
        Some(file) => Some(speech::read(&Origin::from_arg(file), None)?),
        None => None,
    };
    let files = std::iter::once(&args.speech).chain(args.translation.as_ref());
    for (s, file) in std::iter::once(&first).chain(second.as_ref()).zip(files) {
        super::segment::warn_if_mislabelled(file, s, &speech::segment(s), ctx);
        super::segment::warn_if_set_apart(file, s, ctx);
        if let Some(language) = &s.meta.language {
            warn_if_generic(language, ctx);
        }
    }
    let options = ScriptOptions {
        layout: match args.layout {
            LayoutArg::Columns => Layout::Columns,
            LayoutArg::Interleaved => Layout::Interleaved,
            LayoutArg::Single => Layout::Single,
        },
        deliver: args.deliver,
        rates: Rates {
            pace: match args.pace {
                PaceArg::Normal => Pace::Normal,
                PaceArg::Interpretable => Pace::Interpretable,
            },
            overrides: args
                .rates
                .iter()
                .map(|r| (r.lang.clone(), r.words_per_minute))
                .collect(),
        },
        target_seconds: args.target,
        ui_language: ctx.l10n.language().clone(),
        paper: match args.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        },
        font_size_pt: args.font_size,
        column_order: args.columns,
        density: match args.density {
            DensityArg::Compact => Density::Compact,
            DensityArg::Normal => Density::Normal,
            DensityArg::Spacious => Density::Spacious,
        },
        note: match args.note {
            Some(NoteArg::Check) => DeliveryNote::CheckAgainstDelivery,
            Some(NoteArg::Verbatim) => DeliveryNote::Verbatim,
            Some(NoteArg::None) => DeliveryNote::None,
            // A story is read, not delivered: no "check against delivery" box.
            None if !speech::document_kind(&first, &speech::segment(&first))
                .0
                .is_delivered() =>
            {
                DeliveryNote::None
            }
            None => DeliveryNote::CheckAgainstDelivery,
        },
    };
    let built = script::compose(&first, second.as_ref(), &options)?;
    if let (Some(target), true) = (
        built.timing.target_seconds,
        built.timing.over_target().is_some(),
    ) {
        ctx.warn(&OverTarget {
            total: built.timing.total_seconds,
            target,
        });
    }
    let bytes = script::render(&built, format)?;
    match destination {
        Destination::Stdout => write_stdout(|out| out.write_all(&bytes)),
        Destination::File(path) => {
            script::write_atomically(&path, &bytes)?;
            if std::io::stderr().is_terminal() {
                super::stderr_line(ctx.l10n.format(
                    "script-written",
                    &[("file", path.display().to_string().into())],
                ));
            }
            Ok(())
        }
    }
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
    fn argument_values_are_checked() {
        assert_eq!(target_arg("6:30"), Ok(390));
        assert!(target_arg("soon").is_err());
        assert_eq!(font_size_arg("18pt"), Ok(18.0));
        assert!(font_size_arg("4").is_err());
        assert_eq!(deliver_arg("mixed"), Ok(Delivery::Mixed));
        assert!(deliver_arg("!!").is_err());
    }
}
