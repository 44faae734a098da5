//! `tribune segment`: a speech cut into segments, as lines, JSON lines or a readable list.

use std::io::Write;

use clap::{Args, ValueEnum};
use unic_langid::LanguageIdentifier;

use super::error::CommandResult;
use super::{write_stdout, Context};
use crate::lang;
use crate::speech::{self, Segment, SegmentKind};

/// Parses `--lang` values (any case, `_` or `-`).
pub fn language_arg(value: &str) -> Result<LanguageIdentifier, String> {
    lang::parse_tag(value).ok_or_else(|| super::value_error("value-error-language", value))
}

/// Output formats of `tribune segment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SegmentFormat {
    /// One segment per line, nothing else.
    Lines,
    /// One JSON object per segment.
    Jsonl,
    /// A readable list grouped by block.
    Text,
}

/// Arguments of `tribune segment`.
#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The speech file; `-` or nothing reads standard input.
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: String,
    /// The speech's language, when neither front matter nor file name says it.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub lang: Option<LanguageIdentifier>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SegmentFormat::Lines)]
    pub format: SegmentFormat,
}

/// Warns when a language has no profile and generic rules apply.
pub fn warn_if_generic(language: &LanguageIdentifier, ctx: &Context) {
    if let Some(warning) = speech::SpeechWarning::generic_profile(language) {
        ctx.warn(&warning);
    }
}

/// Prints the warnings about a speech, on standard error.
pub fn warn_all(warnings: &[speech::SpeechWarning], ctx: &Context) {
    for warning in warnings {
        ctx.warn(warning);
    }
}

/// Reads, parses and segments one speech, printing the warnings about it.
pub fn read_segments(
    file: &str,
    language: Option<&LanguageIdentifier>,
    ctx: &Context,
) -> CommandResult<(speech::Speech, Vec<Segment>)> {
    let examined = speech::load(file, language)?;
    warn_all(&examined.warnings, ctx);
    Ok((examined.speech, examined.segments))
}

fn print_text(
    out: &mut dyn Write,
    segments: &[Segment],
    speech_lang: &LanguageIdentifier,
    ctx: &Context,
) -> std::io::Result<()> {
    let width = [
        SegmentKind::Heading,
        SegmentKind::Dateline,
        SegmentKind::Salutation,
        SegmentKind::Sentence,
        SegmentKind::Direction,
    ]
    .iter()
    .map(|k| {
        ctx.l10n
            .text(&format!("kind-{}", k.as_str()))
            .chars()
            .count()
    })
    .max()
    .unwrap_or(10);
    let mut previous_block = None;
    for segment in segments {
        if previous_block.is_some() && previous_block != Some(segment.block) {
            writeln!(out)?;
        }
        previous_block = Some(segment.block);
        let label = ctx.l10n.text(&format!("kind-{}", segment.kind.as_str()));
        let mut line = format!(
            "{:>4}  {label:<width$}  {}",
            segment.line,
            super::terminal_safe(&segment.text)
        );
        if let Some(direction) = &segment.direction {
            let kind = ctx
                .l10n
                .text(&format!("direction-{}", direction.kind.as_str()));
            match direction.seconds {
                Some(s) => line.push_str(&format!("  ({kind}, {})", speech::format_clock(s))),
                None => line.push_str(&format!("  ({kind})")),
            }
        }
        if &segment.lang != speech_lang {
            line.push_str(&format!("  [{}]", segment.lang));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Runs `tribune segment`.
pub fn run(args: SegmentArgs, ctx: &Context) -> CommandResult {
    let (parsed, segments) = read_segments(&args.file, args.lang.as_ref(), ctx)?;
    let speech_lang = parsed.meta.language.clone().unwrap_or_default();
    write_stdout(|out| {
        match args.format {
            SegmentFormat::Lines => {
                for segment in &segments {
                    writeln!(out, "{}", segment.text)?;
                }
            }
            SegmentFormat::Jsonl => {
                // The web page's lines set apart, each with its kind, where they stand.
                let apart = speech::set_apart(&parsed);
                for segment in speech::with_set_apart(&segments, &apart) {
                    serde_json::to_writer(&mut *out, segment)?;
                    writeln!(out)?;
                }
            }
            SegmentFormat::Text => print_text(out, &segments, &speech_lang, ctx)?,
        }
        Ok(())
    })
}
