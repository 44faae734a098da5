//! `tribune script`: a print-ready, timed speaker script of one speech or of a speech and its
//! translation, as HTML, PDF, Word, Markdown or text.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use unic_langid::LanguageIdentifier;

use super::error::CommandResult;
use super::segment::language_arg;
use super::stats::{rate_arg, PaceArg, RateSpec};
use super::{write_stdout, Context};
use crate::i18n::{Args as MessageArgs, Localize};
use crate::script::{
    self, DeliveryNote, Density, Destination, Format, Layout, Paper, ScriptOptions,
};
use crate::speech::{self, format_clock, Delivery, Pace, Rates};

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

/// Runs `tribune script`.
pub fn run(args: ScriptArgs, ctx: &Context) -> CommandResult {
    let format = match args.format {
        Some(FormatArg::Html) => Format::Html,
        Some(FormatArg::Pdf) => Format::Pdf,
        Some(FormatArg::Docx) => Format::Docx,
        Some(FormatArg::Md) => Format::Markdown,
        Some(FormatArg::Txt) => Format::Text,
        None => {
            script::format_for_output(args.output.as_deref()).map_err(|e| super::UsageError {
                message_id: e.message_id(),
                args: vec![("file", e.file)],
            })?
        }
    };
    let destination = script::destination(args.output.as_deref(), format, &args.speech);
    if let Destination::File(path) = &destination {
        let mut inputs = vec![Path::new(&args.speech)];
        inputs.extend(args.translation.as_deref().map(Path::new));
        crate::textfile::refuse_overwriting_inputs(path, &inputs)?;
    }

    let first = speech::load(&args.speech, None)?;
    let second = match &args.translation {
        Some(file) => Some(speech::load(file, None)?),
        None => None,
    };
    for examined in std::iter::once(&first).chain(second.as_ref()) {
        // This command has always told of the language's profile last.
        let (generic, others): (Vec<_>, Vec<_>) = examined
            .warnings
            .iter()
            .cloned()
            .partition(|w| matches!(w, speech::SpeechWarning::GenericProfile { .. }));
        super::segment::warn_all(&others, ctx);
        super::segment::warn_all(&generic, ctx);
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
            None => script::default_note(&first.speech),
        },
    };
    let built = script::compose(&first.speech, second.as_ref().map(|s| &s.speech), &options)?;
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
    fn argument_values_are_checked() {
        assert_eq!(target_arg("6:30"), Ok(390));
        assert!(target_arg("soon").is_err());
        assert_eq!(font_size_arg("18pt"), Ok(18.0));
        assert!(font_size_arg("4").is_err());
        assert_eq!(deliver_arg("mixed"), Ok(Delivery::Mixed));
        assert!(deliver_arg("!!").is_err());
    }
}
