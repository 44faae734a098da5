//! `tribune segment`: a speech cut into segments, as lines, JSON lines or a readable list.

use std::io::Write;

use clap::{Args, ValueEnum};
use unic_langid::LanguageIdentifier;

use super::error::CommandResult;
use super::{write_stdout, Context};
use crate::lang;
use crate::speech::{self, Segment, SegmentKind};
use crate::textfile::Origin;

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
    if lang::known_profile(language).is_none() {
        ctx.warn(&GenericProfile(language.to_string()));
    }
}

struct GenericProfile(String);

impl crate::i18n::Localize for GenericProfile {
    fn message_id(&self) -> &'static str {
        "warning-generic-profile"
    }
    fn message_args(&self) -> crate::i18n::Args {
        vec![("lang", self.0.clone().into())]
    }
}

/// Warns when a speech's prose reads as another language than the one it is taken to be in
/// (French saved as `speech.en.txt`): every command that reads a speech calls it.
pub fn warn_if_mislabelled(
    file: &str,
    parsed: &speech::Speech,
    segments: &[Segment],
    ctx: &Context,
) {
    if let (Some(declared), Some(found)) = (
        parsed.meta.language.as_ref(),
        speech::language_mismatch(parsed, segments),
    ) {
        ctx.warn(&Mislabelled {
            file: file.to_owned(),
            declared: declared.to_string(),
            found: found.to_string(),
        });
    }
}

/// Says how many lines of a pasted web page (site lines, bylines, captions) the command left
/// out of the speech: once, on standard error.
pub fn warn_if_set_apart(file: &str, parsed: &speech::Speech, ctx: &Context) {
    let apart = speech::set_apart(parsed);
    if apart.is_empty() {
        return;
    }
    let captions = apart
        .iter()
        .filter(|s| s.kind == speech::SegmentKind::Caption)
        .count();
    ctx.warn(&SetApart {
        file: file.to_owned(),
        lines: apart.len(),
        captions,
    });
}

struct SetApart {
    file: String,
    lines: usize,
    captions: usize,
}

impl crate::i18n::Localize for SetApart {
    fn message_id(&self) -> &'static str {
        "warning-set-apart"
    }
    fn message_args(&self) -> crate::i18n::Args {
        vec![
            ("file", self.file.clone().into()),
            ("lines", self.lines.into()),
            ("captions", self.captions.into()),
        ]
    }
}

struct Mislabelled {
    file: String,
    declared: String,
    found: String,
}

impl crate::i18n::Localize for Mislabelled {
    fn message_id(&self) -> &'static str {
        "warning-language-mismatch"
    }
    fn message_args(&self) -> crate::i18n::Args {
        vec![
            ("file", self.file.clone().into()),
            ("declared", self.declared.clone().into()),
            ("found", self.found.clone().into()),
        ]
    }
}

/// Reads, parses and segments one speech.
pub fn read_segments(
    file: &str,
    language: Option<&LanguageIdentifier>,
    ctx: &Context,
) -> CommandResult<(speech::Speech, Vec<Segment>)> {
    let origin = Origin::from_arg(file);
    let parsed = speech::read(&origin, language)?;
    if let Some(language) = &parsed.meta.language {
        warn_if_generic(language, ctx);
    }
    let segments = speech::segment(&parsed);
    warn_if_mislabelled(file, &parsed, &segments, ctx);
    warn_if_set_apart(file, &parsed, ctx);
    Ok((parsed, segments))
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
                let mut all: Vec<&Segment> = segments.iter().collect();
                let apart = speech::set_apart(&parsed);
                all.extend(&apart);
                all.sort_by_key(|s| s.line);
                for segment in all {
                    serde_json::to_writer(&mut *out, segment)?;
                    writeln!(out)?;
                }
            }
            SegmentFormat::Text => print_text(out, &segments, &speech_lang, ctx)?,
        }
        Ok(())
    })
}
