//! `tribune memory import|export|lookup|search|stats`: arguments, calls into
//! [`crate::ingest`] and [`crate::memory`], and the printing of their results.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use unic_langid::LanguageIdentifier;

use super::error::{CommandError, CommandResult};
use super::segment::language_arg;
use super::{paint, terminal_safe as safe, write_stdout, Context, Style};
use crate::ingest::{self, ExportOptions, ImportOptions, IngestError, LanguagePair};
use crate::memory::{
    open_store, with_new_store_discarded_on_error, Access, DiffOp, ImportSummary, LookupRequest,
    LookupResult, Match, SearchFold, SearchRequest, StoreLocation, TranslationStore,
};

/// Where the memory is: `--memory`, `TRIBUNE_MEMORY`, or `memory/tribune.sqlite`.
#[derive(Debug, Args)]
pub struct MemoryPath {
    /// The memory file.
    #[arg(long = "memory", value_name = "PATH", env = "TRIBUNE_MEMORY", default_value = crate::memory::DEFAULT_PATH)]
    pub memory: PathBuf,
}

impl MemoryPath {
    /// The memory the path names.
    pub fn location(&self) -> StoreLocation {
        StoreLocation::from_arg(&self.memory)
    }
}

/// Arguments of `tribune memory`.
#[derive(Debug, Args)]
pub struct MemoryArgs {
    /// What to do with the memory.
    #[command(subcommand)]
    pub command: MemoryCommand,
}

/// The subcommands of `tribune memory`.
#[derive(Debug, Subcommand)]
pub enum MemoryCommand {
    /// Import TMX or TSV files.
    Import(ImportArgs),
    /// Export as TMX.
    Export(ExportArgs),
    /// Fuzzy matches for a text.
    Lookup(LookupArgs),
    /// Concordance search.
    Search(SearchArgs),
    /// Units, languages, origins, size.
    Stats(MemoryStatsArgs),
}

/// Arguments of `tribune memory import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// TMX or TSV files.
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// The origin recorded for the units (default: the file name).
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
    /// Language of the first column of TSV files.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub from: Option<LanguageIdentifier>,
    /// Language of the second column of TSV files.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub to: Option<LanguageIdentifier>,
    #[command(flatten)]
    pub memory: MemoryPath,
}

fn language_pair_arg(value: &str) -> Result<LanguagePair, String> {
    let (from, to) = value
        .split_once(':')
        .ok_or_else(|| super::value_error("value-error-language-pair", value))?;
    Ok(LanguagePair {
        from: language_arg(from)?,
        to: language_arg(to)?,
    })
}

/// Arguments of `tribune memory export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only units with both languages, and only these two variants (`en:fr`).
    #[arg(long, value_name = "FROM:TO", value_parser = language_pair_arg)]
    pub lang_pair: Option<LanguagePair>,
    /// Only units from this origin.
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
    #[command(flatten)]
    pub memory: MemoryPath,
}

/// Output formats of lookups and searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    /// A readable list.
    Text,
    /// One JSON object per query.
    Jsonl,
}

pub(crate) fn threshold_arg(value: &str) -> Result<u8, String> {
    match value.trim().trim_end_matches('%').parse::<u8>() {
        Ok(n) if (1..=100).contains(&n) => Ok(n),
        _ => Err(super::value_error("value-error-threshold", value)),
    }
}

/// Arguments of `tribune memory lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The text to look up; `-` reads one query per line from standard input.
    #[arg(value_name = "TEXT", default_value = "-")]
    pub text: String,
    /// Language of the text.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub from: LanguageIdentifier,
    /// Language of the translations wanted.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub to: LanguageIdentifier,
    /// Lowest match percentage shown.
    #[arg(long, value_name = "PERCENT", default_value = "75", value_parser = threshold_arg)]
    pub threshold: u8,
    /// Most matches per query.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ResultFormat::Text)]
    pub format: ResultFormat,
    #[command(flatten)]
    pub memory: MemoryPath,
}

/// Arguments of `tribune memory search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The text to find.
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// Search this language only.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub lang: Option<LanguageIdentifier>,
    /// Most units shown.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Accents as typed: "securite" no longer finds "sécurité" (case is still ignored).
    #[arg(long)]
    pub exact: bool,
    /// Case as typed: "council" no longer finds "Council".
    #[arg(long)]
    pub match_case: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ResultFormat::Text)]
    pub format: ResultFormat,
    #[command(flatten)]
    pub memory: MemoryPath,
}

/// Output formats of `tribune memory stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// A readable summary.
    Text,
    /// One JSON document.
    Json,
}

/// Arguments of `tribune memory stats`.
#[derive(Debug, Args)]
pub struct MemoryStatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
    #[command(flatten)]
    pub memory: MemoryPath,
}

/// Runs `tribune memory …`.
pub fn run(args: MemoryArgs, ctx: &Context) -> CommandResult {
    match args.command {
        MemoryCommand::Import(args) => import(args, ctx),
        MemoryCommand::Export(args) => export(args, ctx),
        MemoryCommand::Lookup(args) => lookup(args, ctx),
        MemoryCommand::Search(args) => search(args, ctx),
        MemoryCommand::Stats(args) => stats(args, ctx),
    }
}

fn progress_bar() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40} {percent:>3}% {binary_bytes}/{binary_total_bytes} {per_sec} {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// What the summary line says for one file.
struct ImportReport<'a> {
    file: &'a str,
    summary: &'a ImportSummary,
}

fn summary_line(report: &ImportReport<'_>, ctx: &Context) -> String {
    let s = report.summary;
    let mut line = ctx.l10n.format(
        "memory-import-summary",
        &[
            ("file", report.file.into()),
            ("read", s.read.into()),
            ("added", s.added.into()),
            ("merged", s.merged.into()),
            ("skipped", s.skipped_total().into()),
        ],
    );
    if !s.skipped.is_empty() {
        let reasons: Vec<String> = s
            .skipped
            .iter()
            .map(|(reason, count)| {
                ctx.l10n.format(
                    &format!("memory-skip-{}", reason.as_str()),
                    &[("count", (*count).into())],
                )
            })
            .collect();
        line.push_str(&format!(" ({})", reasons.join(", ")));
    }
    line
}

fn import(args: ImportArgs, ctx: &Context) -> CommandResult {
    with_new_store_discarded_on_error(&args.memory.location(), |store| {
        import_files(store, &args, ctx)
    })?
}

/// Imports the files one by one, printing each one's summary. A failed import is the `Err`
/// that discards a memory it created; a summary that cannot be printed (`Ok(Err(…))`) keeps
/// it.
fn import_files(
    store: &mut dyn TranslationStore,
    args: &ImportArgs,
    ctx: &Context,
) -> Result<CommandResult, CommandError> {
    for path in &args.files {
        let bar = progress_bar();
        let progress = |position: u64, size: u64| {
            bar.set_length(size);
            bar.set_position(position);
        };
        let options = ImportOptions {
            origin: args.origin.clone(),
            from: args.from.clone(),
            to: args.to.clone(),
            user: ingest::default_user(),
            progress: Some(&progress),
        };
        let imported = ingest::import_file(store, path, &options);
        bar.finish_and_clear();
        let summary = imported?;
        let file = safe(&path.display().to_string()).into_owned();
        let line = summary_line(
            &ImportReport {
                file: &file,
                summary: &summary,
            },
            ctx,
        );
        if let Err(e) = write_stdout(|out| writeln!(out, "{line}")) {
            return Ok(Err(e));
        }
    }
    Ok(Ok(()))
}

fn export(args: ExportArgs, _ctx: &Context) -> CommandResult {
    let location = args.memory.location();
    if let (Some(path), Some(memory_file)) = (&args.output, location.file()) {
        crate::textfile::refuse_overwriting_inputs(path, &[memory_file])?;
    }
    let opened = open_store(&location, Access::Existing)?;
    let options = ExportOptions {
        lang_pair: args.lang_pair.clone(),
        origin: args.origin.clone(),
    };
    super::write_export(
        args.output.as_deref(),
        |out| ingest::export_tmx(opened.store(), out, &options).map(drop),
        |e| match e {
            IngestError::Write(e) => Ok(e),
            other => Err(other),
        },
    )
}

fn print_matches(
    out: &mut dyn Write,
    query: &str,
    matches: &[Match],
    color: bool,
    ctx: &Context,
) -> io::Result<()> {
    let l = &ctx.l10n;
    writeln!(
        out,
        "{}",
        l.format(
            "memory-lookup-query",
            &[("query", safe(query).into_owned().into())]
        )
    )?;
    if matches.is_empty() {
        writeln!(out, "  {}", l.text("memory-lookup-none"))?;
    }
    for m in matches {
        let mut source = String::new();
        for part in &m.diff {
            match part.op {
                DiffOp::Equal => source.push_str(&safe(&part.text)),
                DiffOp::Delete if color => {
                    source.push_str(&paint(true, Style::Deleted, &safe(part.text.trim_end())))
                }
                DiffOp::Insert if color => {
                    source.push_str(&paint(true, Style::Added, &safe(part.text.trim_end())))
                }
                DiffOp::Delete => source.push_str(&format!("[-{}-]", safe(part.text.trim_end()))),
                DiffOp::Insert => source.push_str(&format!("{{+{}+}}", safe(part.text.trim_end()))),
            }
            if part.op != DiffOp::Equal && part.text.ends_with(char::is_whitespace) {
                source.push(' ');
            }
        }
        let score = format!("{:>3}%", m.score);
        let score = if m.score == 100 {
            paint(color, Style::Exact, &score).into_owned()
        } else {
            paint(color, Style::Strong, &score).into_owned()
        };
        writeln!(out, "  {score}  {}", source.trim_end())?;
        writeln!(out, "        → {}", safe(&m.target))?;
        if let Some(substituted) = &m.substituted {
            let message = match (m.number_changes.is_empty(), m.tag_changes.is_empty()) {
                (false, false) => "memory-lookup-substituted-both",
                (true, false) => "memory-lookup-substituted-tags",
                _ => "memory-lookup-substituted",
            };
            writeln!(
                out,
                "        {}",
                l.format(
                    message,
                    &[("target", safe(substituted).into_owned().into())]
                )
            )?;
        }
        let mut notes = Vec::new();
        if m.in_context {
            notes.push(l.text("memory-lookup-in-context"));
        }
        for kind in &m.differences {
            notes.push(l.text(&format!("memory-difference-{kind}")));
        }
        if let Some(origin) = &m.origin {
            notes.push(safe(origin).into_owned());
        }
        if let Some(changed) = &m.changed {
            notes.push(changed.to_string());
        }
        writeln!(
            out,
            "        {}",
            paint(color, Style::Dim, &notes.join(" · "))
        )?;
    }
    Ok(())
}

fn lookup(args: LookupArgs, ctx: &Context) -> CommandResult {
    let opened = open_store(&args.memory.location(), Access::Existing)?;
    let memory = opened.store();
    let color = ctx.stdout_color;
    let terms = crate::terms::TermMatcher::for_store(memory, &args.from, &args.to)?;
    let answer = |query: &str| -> CommandResult {
        let mut request = LookupRequest::new(query, &args.from, &args.to);
        request.threshold = args.threshold;
        request.limit = args.limit;
        let matches = memory.lookup(&request)?;
        let found = terms
            .as_ref()
            .map_or_else(Vec::new, |m| m.find_terms(query));
        write_stdout(|out| match args.format {
            ResultFormat::Jsonl => {
                serde_json::to_writer(
                    &mut *out,
                    &LookupResult {
                        query,
                        matches: &matches,
                        terms: &found,
                    },
                )?;
                writeln!(out)
            }
            ResultFormat::Text => {
                print_matches(out, query, &matches, color, ctx)?;
                if !found.is_empty() {
                    writeln!(out, "  {}", ctx.l10n.text("memory-lookup-terms"))?;
                    super::terms::print_term_hits(out, &found, color, ctx)?;
                }
                Ok(())
            }
        })
    };
    if args.text == "-" {
        let stdin = io::stdin();
        let mut line = String::new();
        let mut input = stdin.lock();
        loop {
            line.clear();
            if input.read_line(&mut line).map_err(|e| IngestError::Open {
                file: "<stdin>".into(),
                reason: e.to_string(),
            })? == 0
            {
                break;
            }
            answer(line.trim_end_matches(['\n', '\r']))?;
        }
        Ok(())
    } else {
        answer(&args.text)
    }
}

/// How a hit is marked without colour: white square brackets, which a speech's text does not
/// hold, so that "[Applause]" stays readable beside a hit.
const HIT_START: char = '⟦';
const HIT_END: char = '⟧';

fn search(args: SearchArgs, ctx: &Context) -> CommandResult {
    let opened = open_store(&args.memory.location(), Access::Existing)?;
    let memory = opened.store();
    let color = ctx.stdout_color;
    let hits = memory.search(&SearchRequest {
        text: &args.text,
        lang: args.lang.as_ref(),
        limit: args.limit,
        fold: SearchFold {
            case: !args.match_case,
            accents: !args.exact,
        },
    })?;
    write_stdout(|out| {
        match args.format {
            ResultFormat::Jsonl => {
                for hit in &hits {
                    serde_json::to_writer(&mut *out, hit)?;
                    writeln!(out)?;
                }
            }
            ResultFormat::Text => {
                if hits.is_empty() {
                    writeln!(
                        out,
                        "{}",
                        ctx.l10n.format(
                            "memory-search-none",
                            &[("text", safe(&args.text).into_owned().into())]
                        )
                    )?;
                }
                for (n, hit) in hits.iter().enumerate() {
                    if n > 0 {
                        writeln!(out)?;
                    }
                    for side in &hit.sides {
                        let mut text = String::new();
                        let mut at = 0;
                        for (start, end) in &side.highlights {
                            text.push_str(&safe(&side.text[at..*start]));
                            let hit_text = &safe(&side.text[*start..*end]);
                            if color {
                                text.push_str(&paint(true, Style::Hit, hit_text));
                            } else {
                                // Signs a speech never uses, unlike its own brackets.
                                text.push_str(&format!("{HIT_START}{hit_text}{HIT_END}"));
                            }
                            at = *end;
                        }
                        text.push_str(&safe(&side.text[at..]));
                        writeln!(out, "{:<6} {text}", safe(&side.lang))?;
                    }
                    if let Some(origin) = &hit.origin {
                        writeln!(out, "{:<6} {}", "", paint(color, Style::Dim, &safe(origin)))?;
                    }
                }
            }
        }
        Ok(())
    })
}

fn stats(args: MemoryStatsArgs, ctx: &Context) -> CommandResult {
    let opened = open_store(&args.memory.location(), Access::Existing)?;
    let memory = opened.store();
    let stats = memory.stats()?;
    let l = &ctx.l10n;
    write_stdout(|out| match args.format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &stats)?;
            writeln!(out)
        }
        StatsFormat::Text => {
            writeln!(
                out,
                "{}",
                l.format(
                    "memory-stats-file",
                    &[
                        ("path", stats.path.clone().into()),
                        ("size", l.byte_size(stats.size_bytes).into())
                    ]
                )
            )?;
            writeln!(
                out,
                "{}",
                l.format("memory-stats-units", &[("units", stats.units.into())])
            )?;
            writeln!(out, "{}", l.text("memory-stats-languages"))?;
            for language in &stats.languages {
                writeln!(out, "  {:<8} {}", safe(&language.lang), language.variants)?;
            }
            writeln!(out, "{}", l.text("memory-stats-origins"))?;
            for origin in &stats.origins {
                writeln!(out, "  {:<8} {}", origin.units, safe(&origin.origin))?;
            }
            Ok(())
        }
    })
}
