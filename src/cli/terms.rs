//! `tribune terms import|export|lookup`: arguments, calls into [`crate::terms`], and the
//! printing of their results.

use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::error::{CommandError, CommandResult};
use super::memory::MemoryPath;
use super::segment::language_arg;
use super::{paint, terminal_safe as safe, write_stdout, Context, Style};
use crate::memory::{open_store, with_new_store_discarded_on_error, Access, TermImportSummary};
use crate::terms::{self, TermFormat, TermHit, TermMatcher, TermsError};

/// Arguments of `tribune terms`.
#[derive(Debug, Args)]
pub struct TermsArgs {
    /// What to do with the term base.
    #[command(subcommand)]
    pub command: TermsCommand,
}

/// The subcommands of `tribune terms`.
#[derive(Debug, Subcommand)]
pub enum TermsCommand {
    /// Import TBX, CSV or TSV files.
    Import(ImportArgs),
    /// Export as TBX.
    Export(ExportArgs),
    /// The terms of a text.
    Lookup(LookupArgs),
}

/// The formats `tribune terms import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// TBX.
    Tbx,
    /// Comma-separated, with a header row.
    Csv,
    /// Tab-separated, with a header row.
    Tsv,
}

impl From<FormatArg> for TermFormat {
    fn from(format: FormatArg) -> TermFormat {
        match format {
            FormatArg::Tbx => TermFormat::Tbx,
            FormatArg::Csv => TermFormat::Csv,
            FormatArg::Tsv => TermFormat::Tsv,
        }
    }
}

/// Arguments of `tribune terms import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// TBX, CSV or TSV files.
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// The format (default: from the file).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
    #[command(flatten)]
    pub memory: MemoryPath,
}

/// Arguments of `tribune terms export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub memory: MemoryPath,
}

/// Output formats of `tribune terms lookup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LookupFormat {
    /// A readable list.
    Text,
    /// One JSON object per text.
    #[value(alias = "json")]
    Jsonl,
}

/// Arguments of `tribune terms lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The text; `-` reads one text per line from standard input.
    #[arg(value_name = "TEXT", default_value = "-")]
    pub text: String,
    /// Language of the text.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub from: LanguageIdentifier,
    /// Language of the translations wanted.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub to: LanguageIdentifier,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LookupFormat::Text)]
    pub format: LookupFormat,
    #[command(flatten)]
    pub memory: MemoryPath,
}

/// Runs `tribune terms …`.
pub fn run(args: TermsArgs, ctx: &Context) -> CommandResult {
    match args.command {
        TermsCommand::Import(args) => import(args, ctx),
        TermsCommand::Export(args) => export(args),
        TermsCommand::Lookup(args) => lookup(args, ctx),
    }
}

fn summary_line(file: &str, s: &TermImportSummary, ctx: &Context) -> String {
    let mut line = ctx.l10n.format(
        "terms-import-summary",
        &[
            ("file", file.into()),
            ("read", s.read.into()),
            ("added", s.added.into()),
            ("updated", s.updated.into()),
            ("unchanged", s.unchanged.into()),
        ],
    );
    if s.skipped > 0 {
        let skipped = ctx
            .l10n
            .format("terms-import-skipped", &[("count", s.skipped.into())]);
        line.push_str(&format!(" ({skipped})"));
    }
    line
}

fn import(args: ImportArgs, ctx: &Context) -> CommandResult {
    // A failed import discards a memory it created; a summary that cannot be printed
    // (`Ok(Err(…))`) keeps it.
    with_new_store_discarded_on_error(
        &args.memory.location(),
        |store| -> Result<CommandResult, CommandError> {
            for path in &args.files {
                let format = args.format.map(TermFormat::from);
                let summary =
                    terms::import_terms(store, path, format).map_err(CommandError::from)?;
                let file = safe(&path.display().to_string()).into_owned();
                let line = summary_line(&file, &summary, ctx);
                if let Err(e) = write_stdout(|out| writeln!(out, "{line}")) {
                    return Ok(Err(e));
                }
            }
            Ok(Ok(()))
        },
    )?
}

fn export(args: ExportArgs) -> CommandResult {
    let location = args.memory.location();
    if let (Some(path), Some(memory_file)) = (&args.output, location.file()) {
        crate::textfile::refuse_overwriting_inputs(path, &[memory_file])?;
    }
    let opened = open_store(&location, Access::Existing)?;
    super::write_export(
        args.output.as_deref(),
        |out| terms::export_tbx(opened.store(), out).map(drop),
        |e| match e {
            TermsError::Write(e) => Ok(e),
            other => Err(other),
        },
    )
}

#[derive(Serialize)]
struct LookupResult<'a> {
    query: &'a str,
    terms: &'a [TermHit],
}

fn print_hits(
    out: &mut dyn Write,
    query: &str,
    hits: &[TermHit],
    color: bool,
    ctx: &Context,
) -> io::Result<()> {
    let l = &ctx.l10n;
    writeln!(
        out,
        "{}",
        l.format(
            "terms-lookup-query",
            &[("query", safe(query).into_owned().into())]
        )
    )?;
    if hits.is_empty() {
        writeln!(out, "  {}", l.text("terms-lookup-none"))?;
    }
    print_term_hits(out, hits, color, ctx)
}

/// The terms found, each with its target terms and their statuses (`terms lookup`, and
/// `memory lookup` after its matches).
pub(crate) fn print_term_hits(
    out: &mut dyn Write,
    hits: &[TermHit],
    color: bool,
    ctx: &Context,
) -> io::Result<()> {
    let l = &ctx.l10n;
    for hit in hits {
        let mut line = format!("  {}", paint(color, Style::Strong, &safe(&hit.text)));
        if hit.text != hit.source.text {
            line.push_str(&format!(" ({})", safe(&hit.source.text)));
        }
        if let Some(subject) = &hit.subject_field {
            line.push_str(&format!("  {}", paint(color, Style::Dim, &safe(subject))));
        }
        writeln!(out, "{line}")?;
        for target in &hit.targets {
            let mut notes = Vec::new();
            if let Some(status) = target.status {
                notes.push(l.text(&format!("terms-status-{}", status.as_str())));
            }
            if target.is_forbidden() {
                notes.push(l.text("terms-lookup-avoid"));
            }
            if let Some(note) = &target.note {
                notes.push(safe(note).into_owned());
            }
            let (arrow, style) = if target.is_forbidden() {
                ("✗", Style::Deleted)
            } else {
                ("→", Style::Added)
            };
            let text = paint(color, style, &safe(&target.text)).into_owned();
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!("  {}", paint(color, Style::Dim, &notes.join(" · ")))
            };
            writeln!(out, "      {arrow} {text}{notes}")?;
        }
    }
    Ok(())
}

fn lookup(args: LookupArgs, ctx: &Context) -> CommandResult {
    let opened = open_store(&args.memory.location(), Access::Existing)?;
    let matcher = TermMatcher::for_store(opened.store(), &args.from, &args.to)?;
    let color = ctx.stdout_color;
    let answer = |query: &str| -> CommandResult {
        let hits = matcher
            .as_ref()
            .map_or_else(Vec::new, |m| m.find_terms(query));
        write_stdout(|out| match args.format {
            LookupFormat::Jsonl => {
                serde_json::to_writer(
                    &mut *out,
                    &LookupResult {
                        query,
                        terms: &hits,
                    },
                )?;
                writeln!(out)
            }
            LookupFormat::Text => print_hits(out, query, &hits, color, ctx),
        })
    };
    if args.text == "-" {
        let stdin = io::stdin();
        let mut line = String::new();
        let mut input = stdin.lock();
        loop {
            line.clear();
            let read = input.read_line(&mut line).map_err(|e| TermsError::Open {
                file: "<stdin>".into(),
                reason: e.to_string(),
            })?;
            if read == 0 {
                break;
            }
            answer(line.trim_end_matches(['\n', '\r']))?;
        }
        Ok(())
    } else {
        answer(&args.text)
    }
}
