//! `tribune memory import|export|lookup|search|stats`: the glue between exchange files
//! ([`crate::exchange`]) and the SQLite memory ([`crate::memory`]).

use std::io::{self, BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::segment::language_arg;
use super::{paint, terminal_safe as safe, write_stdout, Context, Style};
use crate::exchange::input::{utf8_input, SniffedInput};
use crate::exchange::{Format, TmxHeader, TmxReader, TmxUnit, TmxVariant, TmxWriter, TsvReader};
use crate::i18n::{Args as MessageArgs, Localize};
use crate::lang;
use crate::memory::{
    DiffOp, ImportSummary, LookupRequest, Match, Memory, NewUnit, PreparedBatch, Preparer,
    Property, Provenance, SearchRequest, SkipReason, StoredUnit, Timestamp, Variant,
};
use crate::textfile::Origin;

/// Where the memory is: `--memory`, `TRIBUNE_MEMORY`, or `memory/tribune.sqlite`.
#[derive(Debug, Args)]
pub struct MemoryPath {
    /// The memory file.
    #[arg(long = "memory", value_name = "PATH", env = "TRIBUNE_MEMORY", default_value = crate::memory::DEFAULT_PATH)]
    pub memory: PathBuf,
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

/// A `--lang-pair` value: `en:fr`.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguagePair {
    /// The source language.
    pub from: LanguageIdentifier,
    /// The target language.
    pub to: LanguageIdentifier,
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

/// A problem of the command line itself that is not clap's to see.
#[derive(Debug, thiserror::Error)]
pub enum MemoryCliError {
    /// A TSV file needs `--from` and `--to`.
    #[error("{file}: a TSV file needs --from and --to")]
    TsvNeedsLanguages {
        /// The file.
        file: String,
    },
    /// No memory at the path, for a command that only reads.
    #[error("no translation memory at {path}")]
    NoMemory {
        /// The path.
        path: String,
    },
    /// A file to import cannot be opened.
    #[error("cannot open {file}: {reason}")]
    Open {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
}

impl Localize for MemoryCliError {
    fn message_id(&self) -> &'static str {
        match self {
            MemoryCliError::TsvNeedsLanguages { .. } => "memory-error-tsv-languages",
            MemoryCliError::NoMemory { .. } => "memory-error-no-memory",
            MemoryCliError::Open { .. } => "memory-error-open-file",
        }
    }

    fn message_args(&self) -> MessageArgs {
        match self {
            MemoryCliError::TsvNeedsLanguages { file } => vec![("file", file.clone().into())],
            MemoryCliError::NoMemory { path } => vec![("path", path.clone().into())],
            MemoryCliError::Open { file, reason } => vec![
                ("file", file.clone().into()),
                ("reason", reason.clone().into()),
            ],
        }
    }
}

/// Runs `tribune memory …`.
pub fn run(args: MemoryArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.command {
        MemoryCommand::Import(args) => import(args, ctx),
        MemoryCommand::Export(args) => export(args, ctx),
        MemoryCommand::Lookup(args) => lookup(args, ctx),
        MemoryCommand::Search(args) => search(args, ctx),
        MemoryCommand::Stats(args) => stats(args, ctx),
    }
}

/// Opens an existing memory for a command that reads (read-write when possible, so an
/// older file is upgraded; read-only otherwise).
fn open_existing(path: &Path) -> anyhow::Result<Memory> {
    if !path.exists() {
        return Err(MemoryCliError::NoMemory {
            path: path.display().to_string(),
        }
        .into());
    }
    Ok(Memory::open(path)?)
}

/// The user recorded as creator of new units (`USER`, `USERNAME` or `LOGNAME`).
pub(crate) fn user_name() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
}

/// Attributes of `<tu>` that become provenance rather than properties.
const PROVENANCE_ATTRIBUTES: &[&str] = &[
    "tuid",
    "creationdate",
    "creationid",
    "changedate",
    "changeid",
];
/// Prefix of properties that hold TMX attributes, so that they are written back as such.
const ATTRIBUTE_PREFIX: &str = "tmx:";
/// Properties for the neighbouring segments, as CAT tools write them.
const CONTEXT_BEFORE_PROP: &str = "x-context-pre";
const CONTEXT_AFTER_PROP: &str = "x-context-post";
/// The property Tribune writes its origin in, and reads it back from.
const ORIGIN_PROP: &str = "x-tribune-origin";

/// Language tags as written in a file, parsed once: a file repeats the same few thousands
/// of times.
#[derive(Default)]
struct LanguageCache {
    parsed: Vec<(String, Option<LanguageIdentifier>)>,
}

impl LanguageCache {
    fn parse(&mut self, tag: &str) -> Option<LanguageIdentifier> {
        if let Some((_, lang)) = self.parsed.iter().find(|(t, _)| t == tag) {
            return lang.clone();
        }
        let lang = lang::parse_tag(tag);
        if self.parsed.len() < 64 {
            self.parsed.push((tag.to_owned(), lang.clone()));
        }
        lang
    }
}

/// Replaces a string's content, keeping its allocation.
fn set(target: &mut String, value: &str) {
    target.clear();
    target.push_str(value);
}

/// Sets an optional string, keeping its allocation when it has one.
fn set_optional(target: &mut Option<String>, value: Option<&str>) {
    match (target.as_mut(), value) {
        (Some(t), Some(v)) => set(t, v),
        (None, Some(v)) => *target = Some(v.to_owned()),
        (_, None) => *target = None,
    }
}

/// Refills a list of properties from (prefix + name, value) pairs, reusing its strings.
fn refill_properties<'p>(
    properties: &mut Vec<Property>,
    used: &mut usize,
    prefix: &str,
    pairs: impl Iterator<Item = (&'p str, &'p str)>,
) {
    for (name, value) in pairs {
        if *used == properties.len() {
            properties.push(Property {
                name: String::new(),
                value: String::new(),
            });
        }
        let property = &mut properties[*used];
        property.name.clear();
        property.name.push_str(prefix);
        property.name.push_str(name);
        set(&mut property.value, value);
        *used += 1;
    }
}

/// Refills a list of strings, reusing them.
fn refill_strings(strings: &mut Vec<String>, values: &[String]) {
    strings.truncate(values.len());
    for (i, value) in values.iter().enumerate() {
        match strings.get_mut(i) {
            Some(s) => set(s, value),
            None => strings.push(value.clone()),
        }
    }
}

/// Turns a TMX unit into the unit to store, in `out`, reusing its strings and lists: an
/// import converts millions of units.
fn fill_unit(
    unit: &TmxUnit,
    out: &mut NewUnit,
    origin: &str,
    explicit_origin: bool,
    user: &Option<String>,
    languages: &mut LanguageCache,
    now: Timestamp,
) -> Result<(), SkipReason> {
    let mut bad_language = false;
    let mut used = 0;
    for v in &unit.variants {
        let Some(lang) = languages.parse(&v.lang) else {
            bad_language = true;
            continue;
        };
        if used == out.variants.len() {
            out.variants.push(Variant::new(lang.clone(), String::new()));
        }
        let variant = &mut out.variants[used];
        used += 1;
        variant.lang = lang;
        set(&mut variant.text, &v.text);
        variant.markup.clone_from(&v.markup);
        let mut properties = 0;
        refill_properties(
            &mut variant.properties,
            &mut properties,
            ATTRIBUTE_PREFIX,
            v.attributes.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        );
        refill_properties(
            &mut variant.properties,
            &mut properties,
            "",
            v.properties.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        );
        variant.properties.truncate(properties);
        refill_strings(&mut variant.notes, &v.notes);
    }
    out.variants.truncate(used);
    if bad_language {
        let mut tags: Vec<String> = out.variants.iter().map(|v| v.lang.to_string()).collect();
        tags.sort();
        tags.dedup();
        if tags.len() < 2 {
            return Err(SkipReason::BadLanguage);
        }
    }
    let attribute = |name: &str| {
        unit.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let provenance = &mut out.provenance;
    set(&mut provenance.origin, origin);
    set_optional(&mut provenance.segment, attribute("tuid"));
    provenance.created = attribute("creationdate")
        .and_then(Timestamp::parse)
        .or(Some(now));
    set_optional(
        &mut provenance.created_by,
        attribute("creationid").or(user.as_deref()),
    );
    provenance.changed = attribute("changedate").and_then(Timestamp::parse);
    set_optional(&mut provenance.changed_by, attribute("changeid"));
    provenance.context_before = None;
    provenance.context_after = None;
    let mut properties = 0;
    for (name, value) in &unit.properties {
        match name.as_str() {
            CONTEXT_BEFORE_PROP => provenance.context_before = Some(value.clone()),
            CONTEXT_AFTER_PROP => provenance.context_after = Some(value.clone()),
            ORIGIN_PROP if !explicit_origin => set(&mut provenance.origin, value),
            ORIGIN_PROP => {}
            _ => refill_properties(
                &mut out.properties,
                &mut properties,
                "",
                std::iter::once((name.as_str(), value.as_str())),
            ),
        }
    }
    refill_properties(
        &mut out.properties,
        &mut properties,
        ATTRIBUTE_PREFIX,
        unit.attributes
            .iter()
            .filter(|(name, _)| !PROVENANCE_ATTRIBUTES.contains(&name.as_str()))
            .map(|(n, v)| (n.as_str(), v.as_str())),
    );
    out.properties.truncate(properties);
    refill_strings(&mut out.notes, &unit.notes);
    Ok(())
}

fn progress_bar(length: u64) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(length);
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

fn import_file(
    memory: &mut Memory,
    path: &Path,
    args: &ImportArgs,
    user: &Option<String>,
) -> anyhow::Result<ImportSummary> {
    let display = path.display().to_string();
    let open_error = |e: io::Error| MemoryCliError::Open {
        file: display.clone(),
        reason: e.to_string(),
    };
    // Opened once: a pipe, a FIFO or `<(…)` loses whatever a second opening would skip.
    let input = SniffedInput::open(path).map_err(open_error)?;
    let size = input.size();
    let format = Format::detect(path, input.head());
    let origin_name = args.origin.clone().unwrap_or_else(|| {
        path.file_name()
            .map_or_else(|| display.clone(), |n| n.to_string_lossy().into_owned())
    });
    let origin = if path.as_os_str() == "-" {
        Origin::Stdin
    } else {
        Origin::File(path.to_path_buf())
    };
    let file = input.into_reader();
    if format == Format::Tsv && (args.from.is_none() || args.to.is_none()) {
        return Err(MemoryCliError::TsvNeedsLanguages { file: display }.into());
    }
    let bar = progress_bar(size);
    let mut import = memory.begin_import()?;
    // Three threads, each handing batches to the next and getting them back empty, so that
    // their buffers are reused instead of allocated per unit: one reads and converts the
    // file, one prepares the units (records encoded, texts cut into index keys), and this
    // one writes. Reading and preparing each take longer than writing, so splitting them
    // keeps both processor cores busy (docs/memory.md, "Import").
    let (to_prepare, read) = std::sync::mpsc::sync_channel::<Batch<ReadBatch>>(4);
    let (back_to_reader, reader_buffers) = std::sync::mpsc::channel::<Box<ReadBatch>>();
    let (to_write, prepared) = std::sync::mpsc::sync_channel::<Batch<PreparedBatch>>(4);
    let (back_to_preparer, preparer_buffers) = std::sync::mpsc::channel::<Box<PreparedBatch>>();
    let mut preparer = import.preparer();
    let source = UnitSource {
        format,
        file,
        display,
        origin,
        origin_name,
        explicit_origin: args.origin.is_some(),
        from: args.from.clone(),
        to: args.to.clone(),
        user: user.clone(),
        size,
    };
    std::thread::scope(|scope| -> anyhow::Result<ImportSummary> {
        let reading = std::thread::Builder::new()
            .name("tribune-read".into())
            .spawn_scoped(scope, move || source.read(&to_prepare, &reader_buffers));
        let preparing = std::thread::Builder::new()
            .name("tribune-prepare".into())
            .spawn_scoped(scope, move || {
                for message in read {
                    let message = match message {
                        Batch::Units(mut units, position) => {
                            let mut batch = preparer_buffers.try_recv().unwrap_or_default();
                            units.prepare(&mut preparer, &mut batch);
                            let _ = back_to_reader.send(units);
                            Batch::Units(batch, position)
                        }
                        Batch::Failed(error) => Batch::Failed(error),
                    };
                    if to_write.send(message).is_err() {
                        return;
                    }
                }
            });
        for spawned in [reading.map(drop), preparing.map(drop)] {
            spawned.map_err(|e| MemoryCliError::Open {
                file: path.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        for message in prepared {
            match message {
                Batch::Units(mut units, position) => {
                    import.add_batch(&mut units)?;
                    let _ = back_to_preparer.send(units);
                    bar.set_position(position);
                }
                Batch::Failed(error) => return Err(error),
            }
        }
        bar.finish_and_clear();
        Ok(import.commit()?)
    })
}

/// A batch handed from one import thread to the next (with how far into the file it
/// reaches, for the progress bar), or why reading stopped.
enum Batch<T> {
    Units(Box<T>, u64),
    Failed(anyhow::Error),
}

/// Units read and converted, waiting to be prepared: the first `len` slots, each a unit or
/// why it is skipped. Slots beyond `len` are kept for their strings, refilled by the next
/// batch.
#[derive(Default)]
struct ReadBatch {
    slots: Vec<(NewUnit, Option<SkipReason>)>,
    len: usize,
}

impl ReadBatch {
    /// The next slot to fill, counted as used.
    fn next_slot(&mut self) -> &mut (NewUnit, Option<SkipReason>) {
        if self.len == self.slots.len() {
            self.slots.push((empty_unit(), None));
        }
        self.len += 1;
        &mut self.slots[self.len - 1]
    }

    fn is_full(&self) -> bool {
        self.len >= BATCH
    }

    /// Prepares every unit into `batch`, in order, and empties this one.
    fn prepare(&mut self, preparer: &mut Preparer, batch: &mut PreparedBatch) {
        for (unit, skipped) in &self.slots[..self.len] {
            match skipped {
                Some(reason) => batch.push_skipped(*reason),
                None => preparer.prepare_ref(unit, batch),
            }
        }
        self.len = 0;
    }
}

fn empty_unit() -> NewUnit {
    NewUnit {
        variants: Vec::new(),
        provenance: Provenance::default(),
        properties: Vec::new(),
        notes: Vec::new(),
    }
}

/// What the reading thread needs to turn a file into units.
struct UnitSource {
    format: Format,
    file: Box<dyn Read + Send>,
    /// The file's name in messages.
    display: String,
    origin: Origin,
    origin_name: String,
    explicit_origin: bool,
    from: Option<LanguageIdentifier>,
    to: Option<LanguageIdentifier>,
    user: Option<String>,
    size: u64,
}

impl UnitSource {
    /// Reads the file in batches sent to `out` (reusing the batches that come back on
    /// `buffers`), then sends the last batch, or the error that stopped the reading.
    fn read(
        self,
        out: &std::sync::mpsc::SyncSender<Batch<ReadBatch>>,
        buffers: &std::sync::mpsc::Receiver<Box<ReadBatch>>,
    ) {
        let mut batch: Box<ReadBatch> = Box::default();
        // Sends the batch once it is full; false when the import has stopped.
        let mut send = |position: u64, batch: &mut Box<ReadBatch>| {
            if !batch.is_full() {
                return true;
            }
            let next = buffers.try_recv().unwrap_or_default();
            out.send(Batch::Units(std::mem::replace(batch, next), position))
                .is_ok()
        };
        let size = self.size;
        let _ = match self.read_into(&mut batch, &mut send) {
            Ok(()) => out.send(Batch::Units(batch, size)),
            Err(error) => out.send(Batch::Failed(error)),
        };
    }

    fn read_into(
        self,
        batch: &mut Box<ReadBatch>,
        send: &mut impl FnMut(u64, &mut Box<ReadBatch>) -> bool,
    ) -> anyhow::Result<()> {
        match self.format {
            Format::Tmx => {
                let input = utf8_input(self.file).map_err(|e| MemoryCliError::Open {
                    file: self.display.clone(),
                    reason: e.to_string(),
                })?;
                let mut reader = TmxReader::new(input, self.origin)?;
                let mut languages = LanguageCache::default();
                let now = Timestamp::now();
                let mut unit = TmxUnit::default();
                while reader.next_unit_into(&mut unit)? {
                    let (slot, skipped) = batch.next_slot();
                    *skipped = fill_unit(
                        &unit,
                        slot,
                        &self.origin_name,
                        self.explicit_origin,
                        &self.user,
                        &mut languages,
                        now,
                    )
                    .err();
                    if !send(reader.position(), batch) {
                        return Ok(());
                    }
                }
            }
            Format::Tsv => {
                let (Some(from), Some(to)) = (self.from, self.to) else {
                    return Ok(());
                };
                let input = io::BufReader::with_capacity(256 * 1024, self.file);
                let mut reader = TsvReader::new(input, self.origin);
                let created = Some(Timestamp::now());
                while let Some(pair) = reader.next_pair()? {
                    let unit = NewUnit {
                        variants: vec![
                            Variant::new(from.clone(), pair.source),
                            Variant::new(to.clone(), pair.target),
                        ],
                        provenance: Provenance {
                            origin: self.origin_name.clone(),
                            segment: Some(pair.line.to_string()),
                            created,
                            created_by: self.user.clone(),
                            ..Provenance::default()
                        },
                        properties: Vec::new(),
                        notes: Vec::new(),
                    };
                    *batch.next_slot() = (unit, None);
                    if !send(reader.position(), batch) {
                        return Ok(());
                    }
                }
            }
        }
        Ok(())
    }
}

/// Units sent from the reading thread at a time.
const BATCH: usize = 512;

fn import(args: ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    let (mut memory, creation) = Memory::open_noting_creation(&args.memory.memory)?;
    let user = user_name();
    for path in &args.files {
        let summary = match import_file(&mut memory, path, &args, &user) {
            Ok(summary) => summary,
            Err(e) => {
                memory.close_discarding_if_new(creation);
                return Err(e);
            }
        };
        let file = safe(&path.display().to_string()).into_owned();
        let line = summary_line(
            &ImportReport {
                file: &file,
                summary: &summary,
            },
            ctx,
        );
        write_stdout(|out| writeln!(out, "{line}"))?;
    }
    Ok(())
}

fn unit_to_tmx(unit: StoredUnit, pair: Option<&LanguagePair>) -> Option<TmxUnit> {
    let mut variants: Vec<Variant> = unit.variants;
    if let Some(pair) = pair {
        let pick = |lang: &LanguageIdentifier, variants: &[Variant]| {
            variants.iter().position(|v| v.lang == *lang).or_else(|| {
                variants
                    .iter()
                    .position(|v| v.lang.language == lang.language)
            })
        };
        let from = pick(&pair.from, &variants)?;
        let to = pick(&pair.to, &variants)?;
        if from == to {
            return None;
        }
        variants = vec![variants[from].clone(), variants[to].clone()];
    }
    let first = unit.provenance.first().cloned().unwrap_or_default();
    let mut attributes = vec![(
        "tuid".to_owned(),
        first.segment.clone().unwrap_or_else(|| unit.id.to_string()),
    )];
    let mut push = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            attributes.push((name.to_owned(), value));
        }
    };
    push("creationdate", first.created.map(|t| t.to_basic()));
    push("creationid", first.created_by.clone());
    push("changedate", first.changed.map(|t| t.to_basic()));
    push("changeid", first.changed_by.clone());
    let mut properties = Vec::new();
    for p in unit.properties {
        match p.name.strip_prefix(ATTRIBUTE_PREFIX) {
            Some(name) if !attributes.iter().any(|(n, _)| n == name) => {
                attributes.push((name.to_owned(), p.value));
            }
            Some(_) => {}
            None => properties.push((p.name, p.value)),
        }
    }
    if !first.origin.is_empty() {
        properties.push((ORIGIN_PROP.to_owned(), first.origin.clone()));
    }
    if let Some(before) = first.context_before {
        properties.push((CONTEXT_BEFORE_PROP.to_owned(), before));
    }
    if let Some(after) = first.context_after {
        properties.push((CONTEXT_AFTER_PROP.to_owned(), after));
    }
    let variants = variants
        .into_iter()
        .map(|v| {
            let mut tv = TmxVariant {
                lang: v.lang.to_string(),
                text: v.text,
                markup: v.markup,
                notes: v.notes,
                ..TmxVariant::default()
            };
            for p in v.properties {
                match p.name.strip_prefix(ATTRIBUTE_PREFIX) {
                    Some(name) => tv.attributes.push((name.to_owned(), p.value)),
                    None => tv.properties.push((p.name, p.value)),
                }
            }
            tv
        })
        .collect();
    Some(TmxUnit {
        line: 0,
        attributes,
        properties,
        notes: unit.notes,
        variants,
    })
}

fn export_header(pair: Option<&LanguagePair>) -> TmxHeader {
    let srclang = pair.map_or_else(|| "*all*".to_owned(), |p| p.from.to_string());
    TmxHeader {
        attributes: vec![
            ("creationtool".into(), "Tribune".into()),
            (
                "creationtoolversion".into(),
                env!("CARGO_PKG_VERSION").into(),
            ),
            ("segtype".into(), "sentence".into()),
            ("o-tmf".into(), "Tribune".into()),
            ("adminlang".into(), "en".into()),
            ("srclang".into(), srclang),
            ("datatype".into(), "plaintext".into()),
        ],
        ..TmxHeader::default()
    }
}

fn write_export<W: Write>(out: W, memory: &Memory, args: &ExportArgs) -> anyhow::Result<W> {
    let mut writer = TmxWriter::new(out, &export_header(args.lang_pair.as_ref()))?;
    memory.for_each_unit(args.origin.as_deref(), |unit| {
        match unit_to_tmx(unit, args.lang_pair.as_ref()) {
            Some(tmx) => writer.write_unit(&tmx),
            None => Ok(()),
        }
    })??;
    Ok(writer.finish()?)
}

fn export(args: ExportArgs, _ctx: &Context) -> anyhow::Result<()> {
    if let Some(path) = &args.output {
        crate::textfile::refuse_overwriting_inputs(path, &[args.memory.memory.as_path()])?;
    }
    let memory = open_existing(&args.memory.memory)?;
    match &args.output {
        Some(path) => {
            // Written whole or not at all: a failed export leaves no half file.
            let output_error = |e: io::Error| super::OutputFileError {
                path: path.clone(),
                source: e,
            };
            let file = crate::textfile::OutputFile::create(path).map_err(output_error)?;
            let writer = write_export(BufWriter::new(file), &memory, &args)?;
            writer
                .into_inner()
                .map_err(|e| output_error(e.into_error()))?
                .commit()
                .map_err(output_error)?;
            Ok(())
        }
        None => {
            let stdout = io::stdout();
            match write_export(BufWriter::new(stdout.lock()), &memory, &args) {
                Ok(_) => Ok(()),
                Err(e) => match e.downcast_ref::<io::Error>() {
                    Some(io) if io.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                    Some(io) => {
                        Err(super::OutputError(io::Error::new(io.kind(), io.to_string())).into())
                    }
                    None => Err(e),
                },
            }
        }
    }
}

#[derive(Serialize)]
struct LookupResult<'a> {
    query: &'a str,
    matches: &'a [Match],
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

fn lookup(args: LookupArgs, ctx: &Context) -> anyhow::Result<()> {
    let memory = open_existing(&args.memory.memory)?;
    let color = ctx.stdout_color;
    let answer = |query: &str| -> anyhow::Result<()> {
        let mut request = LookupRequest::new(query, &args.from, &args.to);
        request.threshold = args.threshold;
        request.limit = args.limit;
        let matches = memory.lookup(&request)?;
        write_stdout(|out| match args.format {
            ResultFormat::Jsonl => {
                serde_json::to_writer(
                    &mut *out,
                    &LookupResult {
                        query,
                        matches: &matches,
                    },
                )?;
                writeln!(out)
            }
            ResultFormat::Text => print_matches(out, query, &matches, color, ctx),
        })
    };
    if args.text == "-" {
        let stdin = io::stdin();
        let mut line = String::new();
        let mut input = stdin.lock();
        loop {
            line.clear();
            if input
                .read_line(&mut line)
                .map_err(|e| MemoryCliError::Open {
                    file: "<stdin>".into(),
                    reason: e.to_string(),
                })?
                == 0
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

fn search(args: SearchArgs, ctx: &Context) -> anyhow::Result<()> {
    let memory = open_existing(&args.memory.memory)?;
    let color = ctx.stdout_color;
    let hits = memory.search(&SearchRequest {
        text: &args.text,
        lang: args.lang.as_ref(),
        limit: args.limit,
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
                                text.push_str(&format!("[{hit_text}]"));
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

fn format_bytes(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{:.1} kB", bytes as f64 / 1000.0)
    }
}

fn stats(args: MemoryStatsArgs, ctx: &Context) -> anyhow::Result<()> {
    let memory = open_existing(&args.memory.memory)?;
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
                        ("size", format_bytes(stats.size_bytes).into())
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
