//! `tribune stats`: words, segments, directions and estimated speaking time per language.

use std::io::Write;

use clap::{Args, ValueEnum};
use unic_langid::LanguageIdentifier;

use super::error::CommandResult;
use super::segment::{language_arg, read_segments};
use super::{write_stdout, Context};
use crate::speech::{format_clock, FileStats, Pace, Rates, StatsReport};

/// Output formats of `tribune stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// A readable summary per file.
    Text,
    /// One JSON document: `{"files": [...]}`.
    Json,
}

/// Which default speaking rate to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaceArg {
    /// Ordinary delivery (130 words/min in English, 150 in French).
    Normal,
    /// The slower pace for interpretation (110 in English, 125 in French).
    Interpretable,
}

/// A `--rate` value: `120` for every language, or `fr=140` for one.
#[derive(Debug, Clone, PartialEq)]
pub struct RateSpec {
    /// The language it applies to, or all.
    pub lang: Option<LanguageIdentifier>,
    /// Words per minute.
    pub words_per_minute: u32,
}

/// Parses `--rate` values.
pub fn rate_arg(value: &str) -> Result<RateSpec, String> {
    let (lang, number) = match value.split_once('=') {
        Some((lang, number)) => (Some(language_arg(lang)?), number),
        None => (None, value),
    };
    match number.trim().parse::<u32>() {
        Ok(n) if (30..=400).contains(&n) => Ok(RateSpec {
            lang,
            words_per_minute: n,
        }),
        _ => Err(super::value_error("value-error-rate", number)),
    }
}

/// Arguments of `tribune stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Speech files (`-` for standard input).
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<String>,
    /// Language of the speeches, when neither front matter nor file name says it.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub lang: Option<LanguageIdentifier>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
    /// Speaking rate in words per minute, for all languages (`120`) or one (`fr=140`).
    #[arg(long = "rate", value_name = "[LANG=]WPM", value_parser = rate_arg)]
    pub rates: Vec<RateSpec>,
    /// Default rates: ordinary delivery, or the slower interpretable pace.
    #[arg(long, value_enum, alias = "preset", default_value_t = PaceArg::Normal)]
    pub pace: PaceArg,
}

fn print_text(out: &mut dyn Write, report: &StatsReport, ctx: &Context) -> std::io::Result<()> {
    let l = &ctx.l10n;
    for (index, file) in report.files.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        let s = &file.stats;
        writeln!(
            out,
            "{}",
            l.format(
                "stats-file",
                &[
                    ("file", file.file.clone().into()),
                    ("lang", file.language.clone().into())
                ]
            )
        )?;
        writeln!(
            out,
            "  {}",
            l.format(
                "stats-words",
                &[("words", s.words.into()), ("spoken", s.spoken_words.into())]
            )
        )?;
        writeln!(
            out,
            "  {}",
            l.format(
                "stats-segments",
                &[
                    ("segments", s.segments.into()),
                    ("directions", s.directions.into()),
                    ("timed", s.timed_directions.into()),
                    ("time", format_clock(s.direction_seconds).into()),
                ]
            )
        )?;
        for language in &s.languages {
            writeln!(
                out,
                "  {}",
                l.format(
                    "stats-language",
                    &[
                        ("lang", language.lang.to_string().into()),
                        ("words", language.words.into()),
                        ("rate", language.words_per_minute.into()),
                        ("time", format_clock(language.seconds).into()),
                    ]
                )
            )?;
        }
        writeln!(
            out,
            "  {}",
            l.format(
                "stats-total",
                &[("time", format_clock(s.total_seconds).into())]
            )
        )?;
        if !file.kind.is_delivered() {
            let how = if file.kind_guessed { "guessed" } else { "said" };
            writeln!(out, "  {}", l.format("stats-story", &[("how", how.into())]))?;
        }
        if let Some(target) = file.target_seconds {
            let message = if s.total_seconds > target {
                l.format(
                    "stats-target-over",
                    &[
                        ("target", format_clock(target).into()),
                        ("over", format_clock(s.total_seconds - target).into()),
                    ],
                )
            } else {
                l.format(
                    "stats-target-within",
                    &[
                        ("target", format_clock(target).into()),
                        ("left", format_clock(target - s.total_seconds).into()),
                    ],
                )
            };
            writeln!(out, "  {message}")?;
        }
    }
    Ok(())
}

/// Runs `tribune stats`.
pub fn run(args: StatsArgs, ctx: &Context) -> CommandResult {
    let rates = Rates {
        pace: match args.pace {
            PaceArg::Normal => Pace::Normal,
            PaceArg::Interpretable => Pace::Interpretable,
        },
        overrides: args
            .rates
            .iter()
            .map(|r| (r.lang.clone(), r.words_per_minute))
            .collect(),
    };
    let mut files = Vec::new();
    for file in &args.files {
        let (parsed, segments) = read_segments(file, args.lang.as_ref(), ctx)?;
        files.push(FileStats::new(file, &parsed, &segments, &rates));
    }
    let report = StatsReport { files };
    write_stdout(|out| match args.format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        StatsFormat::Text => print_text(out, &report, ctx),
    })
}
