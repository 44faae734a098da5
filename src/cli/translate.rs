//! `tribune translate FILE --to LANG`: pre-translation from the memory (and the previous
//! draft's translation), written as a target-language draft, an XLIFF file for CAT tools and
//! an analysis report.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use unic_langid::LanguageIdentifier;

use super::error::CommandResult;
use super::memory::{threshold_arg, MemoryPath};
use super::segment::{language_arg, read_segments};
use super::{write_output, write_stdout, Context};
use crate::exchange::xliff::XliffVersion;
use crate::i18n::Localizer;
use crate::speech;
use crate::text::columns::pad;
use crate::textfile;
use crate::translate::{
    self, Band, Options, Pretranslation, PretranslationReport, PreviousDraft, WorkLists,
};

/// Formats of the analysis report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A table for a reader.
    Text,
    /// One JSON document.
    Json,
}

/// The `--xliff-version` values, listed so that completions offer them.
fn xliff_version_arg() -> impl clap::builder::TypedValueParser<Value = XliffVersion> {
    use clap::builder::PossibleValue;
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new([
        PossibleValue::new("1.2"),
        PossibleValue::new("2.0"),
        PossibleValue::new("2.1").alias("2"),
    ])
    .map(|value| XliffVersion::parse(&value).unwrap_or(XliffVersion::V1_2))
}

/// Arguments of `tribune translate`.
#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// The speech to pre-translate; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: String,
    /// The language to translate into.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub to: LanguageIdentifier,
    /// The speech's language, when neither front matter nor file name says it.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub lang: Option<LanguageIdentifier>,
    #[command(flatten)]
    pub memory: MemoryPath,
    /// Lowest match percentage proposed and filled in.
    #[arg(long, value_name = "PERCENT", default_value = "75", value_parser = threshold_arg)]
    pub threshold: u8,
    /// Write an XLIFF file for CAT tools.
    #[arg(long, value_name = "OUT.xlf")]
    pub xliff: Option<PathBuf>,
    /// XLIFF version: 1.2 or 2.1.
    #[arg(long, value_name = "VERSION", default_value = "1.2", value_parser = xliff_version_arg())]
    pub xliff_version: XliffVersion,
    /// Write the target-language draft to this file.
    #[arg(short = 'o', long, value_name = "OUT.txt")]
    pub output: Option<PathBuf>,
    /// Print the analysis report (segments and words per match band).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub report: Option<ReportFormat>,
    /// The previous draft's translation: the XLIFF returned for it, or its translated speech
    /// (with --previous-source).
    #[arg(long, value_name = "OLD")]
    pub previous: Option<PathBuf>,
    /// The previous source draft, when --previous is a translated speech.
    #[arg(long, value_name = "OLD_SOURCE", requires = "previous")]
    pub previous_source: Option<PathBuf>,
}

fn write_text_report(
    out: &mut dyn Write,
    result: &Pretranslation,
    args: &TranslateArgs,
    memory: Option<&str>,
    l: &Localizer,
) -> io::Result<()> {
    let analysis = result.analysis();
    let memory_name = memory.map_or_else(|| l.text("translate-report-no-memory"), str::to_owned);
    writeln!(
        out,
        "{}",
        l.format(
            "translate-report-title",
            &[
                ("file", args.file.clone().into()),
                ("from", result.from.to_string().into()),
                ("to", result.to.to_string().into()),
                ("memory", memory_name.into()),
                ("threshold", u32::from(result.threshold).into()),
            ]
        )
    )?;
    writeln!(out)?;
    write_band_table(out, &analysis, l)?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        l.format(
            "translate-report-excluded",
            &[
                ("directions", analysis.directions.into()),
                ("passages", analysis.passages.segments.into()),
                ("words", analysis.passages.words.into()),
            ]
        )
    )?;
    writeln!(
        out,
        "{}",
        l.format(
            "translate-report-filled",
            &[
                ("filled", analysis.filled.into()),
                ("review", analysis.to_review.into()),
                ("left", analysis.to_translate.into()),
            ]
        )
    )?;
    write_segment_lists(out, result, l)
}

/// The table of segments and words per match band, its columns as wide as their labels in
/// the interface language.
fn write_band_table(
    out: &mut dyn Write,
    analysis: &translate::Analysis,
    l: &Localizer,
) -> io::Result<()> {
    let labels: Vec<String> = Band::ALL
        .iter()
        .map(|b| l.text(&format!("translate-band-{}", b.as_str())))
        .collect();
    let header = l.text("translate-report-match");
    let total_label = l.text("translate-report-total");
    let width = labels
        .iter()
        .chain([&header, &total_label])
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(10)
        + 2;
    let segments_label = l.text("translate-report-segments");
    let words_label = l.text("translate-report-words");
    let column = segments_label.chars().count().max(8);
    let words_column = words_label.chars().count().max(8);
    writeln!(
        out,
        "{}{:>column$}  {:>words_column$}",
        pad(&header, width),
        segments_label,
        words_label
    )?;
    for (band, label) in Band::ALL.iter().zip(&labels) {
        let row = analysis.band(*band);
        writeln!(
            out,
            "{}{:>column$}  {:>words_column$}",
            pad(label, width),
            row.segments,
            row.words
        )?;
    }
    writeln!(
        out,
        "{}{:>column$}  {:>words_column$}",
        pad(&total_label, width),
        analysis.total.segments,
        analysis.total.words
    )
}

/// The segments to review, those left to translate and the terms found, each list with its
/// title and the segments' lines (a list with nothing in it is left out).
fn write_segment_lists(
    out: &mut dyn Write,
    result: &Pretranslation,
    l: &Localizer,
) -> io::Result<()> {
    let lists = WorkLists::of(result);
    let review: Vec<String> = lists
        .to_review
        .iter()
        .map(|(s, c)| {
            let text = super::terminal_safe(&s.segment.text);
            format!("  {:>5}  {:>3} %  {text}", s.segment.line, c.score)
        })
        .collect();
    let left: Vec<String> = lists
        .to_translate
        .iter()
        .map(|s| {
            let text = super::terminal_safe(&s.segment.text);
            format!("  {:>5}  {text}", s.segment.line)
        })
        .collect();
    let terms: Vec<String> = lists
        .terms
        .iter()
        .map(|found| {
            let translations = if found.approved.is_empty() {
                l.text("translate-report-term-none")
            } else {
                found.approved.join(", ")
            };
            format!(
                "  {:>5}  {} → {}",
                found.line,
                super::terminal_safe(&found.hit.text),
                super::terminal_safe(&translations)
            )
        })
        .collect();
    for (title, lines) in [
        ("translate-report-review", review),
        ("translate-report-left", left),
        ("translate-report-terms", terms),
    ] {
        if !lines.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", l.text(title))?;
            for line in lines {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

/// Runs `tribune translate`.
pub fn run(args: TranslateArgs, ctx: &Context) -> CommandResult {
    let mut inputs = vec![Path::new(&args.file), args.memory.memory.as_path()];
    inputs.extend(args.previous.as_deref());
    inputs.extend(args.previous_source.as_deref());
    for output in args.output.iter().chain(&args.xliff) {
        textfile::refuse_overwriting_inputs(output, &inputs)?;
    }
    let (parsed, segments) = read_segments(&args.file, args.lang.as_ref(), ctx)?;
    let from = parsed.meta.language.clone().unwrap_or_default();
    translate::check_languages(&from, &args.to)?;
    super::segment::warn_if_generic(&args.to, ctx);
    let (memory, no_memory) = translate::open_memory(&args.memory.location())?;
    if let Some(warning) = no_memory {
        ctx.warn(&warning);
    }
    let previous = match &args.previous {
        Some(path) => {
            let source = args.previous_source.as_deref();
            let (previous, warnings) = PreviousDraft::read(path, source, &from, &args.to)?;
            for warning in &warnings {
                ctx.warn(warning);
            }
            Some(previous)
        }
        None => None,
    };
    let mut options = Options::new(args.to.clone());
    options.threshold = args.threshold;
    let target_labels = Localizer::new(std::slice::from_ref(&args.to));
    let result = translate::pretranslate(
        &parsed,
        &segments,
        memory.as_ref().map(|m| m.store()),
        previous.as_ref(),
        &options,
        &target_labels,
    )?;
    // The XLIFF file, written whole or not at all.
    if let Some(path) = &args.xliff {
        write_output(Some(path), |out| {
            translate::write_xliff(out, &result, &args.file, args.xliff_version, &ctx.l10n)
        })?;
    }
    let draft_text = speech::write(&translate::draft(&parsed, &result));
    if args.output.is_some() {
        write_output(args.output.as_deref(), |out| {
            out.write_all(draft_text.as_bytes())
        })?;
    } else if args.xliff.is_none() && args.report.is_none() {
        write_stdout(|out| out.write_all(draft_text.as_bytes()))?;
    }
    let memory_shown = memory.as_ref().map(|m| m.store().location());
    write_report(&result, &args, memory_shown.as_deref(), ctx)?;
    print_summary(&result, previous.as_ref(), ctx);
    Ok(())
}

/// The analysis report on standard output, when `--report` asks for one.
fn write_report(
    result: &Pretranslation,
    args: &TranslateArgs,
    memory_shown: Option<&str>,
    ctx: &Context,
) -> CommandResult {
    match args.report {
        Some(ReportFormat::Text) => {
            write_stdout(|out| write_text_report(out, result, args, memory_shown, &ctx.l10n))?
        }
        Some(ReportFormat::Json) => {
            let report = PretranslationReport::new(&args.file, result, memory_shown);
            write_stdout(|out| {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                writeln!(out)
            })?;
        }
        None => {}
    }
    Ok(())
}

/// The summary line on standard error (and the previous draft's, when one was used).
fn print_summary(result: &Pretranslation, previous: Option<&PreviousDraft>, ctx: &Context) {
    let analysis = result.analysis();
    super::stderr_line(ctx.l10n.format(
        "translate-summary",
        &[
            ("segments", analysis.total.segments.into()),
            ("filled", analysis.filled.into()),
            ("review", analysis.to_review.into()),
            ("left", analysis.to_translate.into()),
        ],
    ));
    if let Some(previous) = previous {
        super::stderr_line(ctx.l10n.format(
            "translate-previous-used",
            &[
                ("segments", previous.segments.len().into()),
                ("translated", previous.translated().into()),
            ],
        ));
    }
}
