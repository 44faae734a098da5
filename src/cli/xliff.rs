//! `tribune xliff import FILE.xlf`: the translator's confirmed translations, read from the
//! XLIFF their CAT tool wrote, stored in the memory with their provenance, in one transaction
//! per file.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::memory::{user_name, MemoryPath};
use super::segment::language_arg;
use super::{terminal_safe, write_stdout, Context};
use crate::exchange::input::{utf8_input, SniffedInput};
use crate::exchange::xliff::{SegmentState, XliffReader, XliffUnit};
use crate::i18n::{Args as MessageArgs, Localize};
use crate::lang;
use crate::memory::{
    Added, ExactTranslations, Memory, NewUnit, Property, Provenance, Timestamp, Variant,
};
use crate::textfile::Origin;

/// Arguments of `tribune xliff`.
#[derive(Debug, Args)]
pub struct XliffArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: XliffCommand,
}

/// The subcommands of `tribune xliff`.
#[derive(Debug, Subcommand)]
pub enum XliffCommand {
    /// Store the translations of an XLIFF file in the memory.
    Import(XliffImportArgs),
}

/// Which translations an import takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    /// Translated, reviewed or final segments.
    Translated,
    /// Final (signed-off) segments only.
    Final,
    /// Any segment with a target, confirmed or not.
    Any,
}

impl StateArg {
    fn accepts(self, state: Option<SegmentState>) -> bool {
        match self {
            StateArg::Any => true,
            StateArg::Translated => state.is_some_and(|s| s >= SegmentState::Translated),
            StateArg::Final => state == Some(SegmentState::Final),
        }
    }
}

/// Output formats of the import report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// One summary line per file.
    Text,
    /// One JSON document per file, every unit listed.
    Json,
}

/// Arguments of `tribune xliff import`.
#[derive(Debug, Args)]
pub struct XliffImportArgs {
    /// XLIFF files (1.2 or 2.x).
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub memory: MemoryPath,
    /// Which translations to take: translated (or better), final, or any.
    #[arg(long, value_enum, default_value_t = StateArg::Translated)]
    pub state: StateArg,
    /// The origin recorded for the units (default: the file name).
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
    /// Source language, when the file does not say it.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub from: Option<LanguageIdentifier>,
    /// Target language, when the file does not say it.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub to: Option<LanguageIdentifier>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ImportFormat::Text)]
    pub format: ImportFormat,
}

/// Problems of `tribune xliff import` that are not the library's to see.
#[derive(Debug, thiserror::Error)]
pub enum XliffCliError {
    /// A file cannot be opened.
    #[error("cannot open {file}: {reason}")]
    Open {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// The file does not say a language and no option gives it.
    #[error("{file}:{line}: the file does not say its {which} language: give --{option}")]
    NoLanguage {
        /// The file.
        file: String,
        /// The line of the unit.
        line: usize,
        /// `source` or `target`.
        which: &'static str,
        /// The option that gives it.
        option: &'static str,
    },
}

impl Localize for XliffCliError {
    fn message_id(&self) -> &'static str {
        match self {
            XliffCliError::Open { .. } => "translate-error-open",
            XliffCliError::NoLanguage {
                which: "source", ..
            } => "xliff-error-no-source-language",
            XliffCliError::NoLanguage { .. } => "xliff-error-no-target-language",
        }
    }

    fn message_args(&self) -> MessageArgs {
        match self {
            XliffCliError::Open { file, reason } => vec![
                ("file", file.clone().into()),
                ("reason", reason.clone().into()),
            ],
            XliffCliError::NoLanguage { file, line, .. } => {
                vec![("file", file.clone().into()), ("line", (*line).into())]
            }
        }
    }
}

/// What became of one segment of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// A new unit: the memory had no translation of this source.
    Added,
    /// A new unit for a source the memory translated differently: the translator's version
    /// now ranks first among equal matches (it is the most recent).
    Updated,
    /// The memory already had this translation (its provenance was merged).
    Unchanged,
    /// Not a translation unit (`translate="no"`: stage directions, passages).
    NotTranslatable,
    /// No target, or an empty one.
    NoTarget,
    /// Its state is below what `--state` takes.
    State,
    /// A language tag that is not one.
    BadLanguage,
    /// Source and target in the same language, or nothing in one of them.
    OneLanguage,
}

impl Outcome {
    /// Every outcome (for the test that each has its messages).
    #[cfg(test)]
    pub(crate) const ALL: [Outcome; 8] = [
        Outcome::Added,
        Outcome::Updated,
        Outcome::Unchanged,
        Outcome::NotTranslatable,
        Outcome::NoTarget,
        Outcome::State,
        Outcome::BadLanguage,
        Outcome::OneLanguage,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Outcome::Added => "added",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::NotTranslatable => "not-translatable",
            Outcome::NoTarget => "no-target",
            Outcome::State => "state",
            Outcome::BadLanguage => "bad-language",
            Outcome::OneLanguage => "one-language",
        }
    }

    pub(crate) fn is_skip(self) -> bool {
        self > Outcome::Unchanged
    }
}

#[derive(Debug, Serialize)]
struct UnitReport {
    id: String,
    line: usize,
    outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
}

#[derive(Debug, Serialize)]
struct FileReport {
    file: String,
    read: usize,
    added: usize,
    updated: usize,
    unchanged: usize,
    skipped: BTreeMap<&'static str, usize>,
    units: Vec<UnitReport>,
}

impl FileReport {
    fn count(&mut self, outcome: Outcome) {
        self.read += 1;
        match outcome {
            Outcome::Added => self.added += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            skip => *self.skipped.entry(skip.as_str()).or_default() += 1,
        }
    }
}

/// A segment ready to store, waiting for the source of the next segment (its context).
struct Pending {
    unit: NewUnit,
    report: UnitReport,
}

/// Whether a unit is one of Tribune's stage directions (left out of the context, as
/// pre-translation leaves them out).
fn is_direction(unit: &XliffUnit) -> bool {
    unit.kind
        .as_deref()
        .is_some_and(|k| k.ends_with("direction"))
}

struct Importer<'a> {
    args: &'a XliffImportArgs,
    file: String,
    origin: String,
    user: Option<String>,
    now: Timestamp,
    before: Option<ExactTranslations>,
    report: FileReport,
    previous_source: Option<String>,
    pending: Option<Pending>,
}

impl Importer<'_> {
    fn language(
        &self,
        tag: Option<&str>,
        given: Option<&LanguageIdentifier>,
        line: usize,
        which: &'static str,
    ) -> Result<Option<LanguageIdentifier>, XliffCliError> {
        if let Some(given) = given {
            return Ok(Some(given.clone()));
        }
        match tag {
            Some(tag) => Ok(lang::parse_tag(tag)),
            None => Err(XliffCliError::NoLanguage {
                file: self.file.clone(),
                line,
                which,
                option: if which == "source" { "from" } else { "to" },
            }),
        }
    }

    /// Whether the memory (as it was before this import) translates `source` differently.
    fn translated_differently(
        &mut self,
        source: &str,
        target: &str,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> anyhow::Result<bool> {
        let Some(memory) = &mut self.before else {
            return Ok(false);
        };
        let targets = memory.targets(source, from, to)?;
        Ok(!targets.is_empty() && targets.iter().all(|t| t.trim() != target))
    }

    /// Stores the pending segment, now that its following context is known.
    fn flush(
        &mut self,
        import: &mut crate::memory::Import<'_>,
        after: Option<String>,
    ) -> anyhow::Result<()> {
        let Some(mut pending) = self.pending.take() else {
            return Ok(());
        };
        pending.unit.provenance.context_after = after;
        let (source, target, from, to) = {
            let v = &pending.unit.variants;
            (
                v[0].text.clone(),
                v[1].text.clone(),
                v[0].lang.clone(),
                v[1].lang.clone(),
            )
        };
        let differently = self.translated_differently(&source, &target, &from, &to)?;
        let outcome = match import.add(pending.unit)? {
            Added::New(_) if differently => Outcome::Updated,
            Added::New(_) => Outcome::Added,
            Added::Merged(_) => Outcome::Unchanged,
            Added::Skipped(crate::memory::SkipReason::BadLanguage) => Outcome::BadLanguage,
            Added::Skipped(_) => Outcome::OneLanguage,
        };
        pending.report.outcome = outcome;
        self.report.count(outcome);
        self.report.units.push(pending.report);
        Ok(())
    }

    fn skip(&mut self, report: UnitReport) {
        self.report.count(report.outcome);
        self.report.units.push(report);
    }

    fn unit(
        &mut self,
        import: &mut crate::memory::Import<'_>,
        unit: XliffUnit,
    ) -> anyhow::Result<()> {
        let direction = is_direction(&unit);
        let from = self.language(
            unit.source_lang.as_deref(),
            self.args.from.as_ref(),
            unit.line,
            "source",
        )?;
        let to = self.language(
            unit.target_lang.as_deref(),
            self.args.to.as_ref(),
            unit.line,
            "target",
        )?;
        let several = unit.segments.len() > 1;
        for segment in unit.segments {
            let source = segment.source.text.trim().to_owned();
            let id = match (&segment.id, several) {
                (Some(sid), true) => format!("{}#{sid}", unit.id),
                _ => unit.id.clone(),
            };
            let mut report = UnitReport {
                id: id.clone(),
                line: unit.line,
                outcome: Outcome::Added,
                state: segment.raw_state.clone(),
            };
            // Context: the neighbouring segments' sources, stage directions left out.
            if !direction && !source.is_empty() {
                self.flush(import, Some(source.clone()))?;
            }
            let target = segment
                .target
                .as_ref()
                .map(|t| t.text.trim().to_owned())
                .filter(|t| !t.is_empty());
            let outcome = if !unit.translate {
                Some(Outcome::NotTranslatable)
            } else if target.is_none() {
                Some(Outcome::NoTarget)
            } else if !self.args.state.accepts(segment.state) {
                Some(Outcome::State)
            } else {
                None
            };
            let context_before = self.previous_source.clone();
            if !direction && !source.is_empty() {
                self.previous_source = Some(source.clone());
            }
            if let Some(outcome) = outcome {
                report.outcome = outcome;
                self.skip(report);
                continue;
            }
            let (Some(from), Some(to), Some(target)) = (from.clone(), to.clone(), target) else {
                report.outcome = Outcome::BadLanguage;
                self.skip(report);
                continue;
            };
            let target_markup = segment.target.as_ref().and_then(|t| t.markup.clone());
            let mut properties = Vec::new();
            if let Some(state) = &segment.raw_state {
                properties.push(Property {
                    name: "x-xliff-state".into(),
                    value: state.clone(),
                });
            }
            if let Some(original) = &unit.original {
                properties.push(Property {
                    name: "x-xliff-original".into(),
                    value: original.clone(),
                });
            }
            let mut source_variant = Variant::new(from, source);
            source_variant.markup = segment.source.markup.clone();
            let mut target_variant = Variant::new(to, target);
            target_variant.markup = target_markup;
            self.pending = Some(Pending {
                unit: NewUnit {
                    variants: vec![source_variant, target_variant],
                    provenance: Provenance {
                        origin: self.origin.clone(),
                        segment: Some(id),
                        context_before,
                        context_after: None,
                        created: Some(self.now),
                        created_by: self.user.clone(),
                        changed: Some(self.now),
                        changed_by: self.user.clone(),
                    },
                    properties,
                    notes: Vec::new(),
                },
                report,
            });
        }
        Ok(())
    }
}

fn import_file(
    memory: &mut Memory,
    path: &Path,
    args: &XliffImportArgs,
) -> anyhow::Result<FileReport> {
    let file = path.display().to_string();
    let open_error = |e: io::Error| XliffCliError::Open {
        file: file.clone(),
        reason: e.to_string(),
    };
    let input = SniffedInput::open(path).map_err(open_error)?.into_reader();
    let input = utf8_input(input).map_err(open_error)?;
    let mut reader = XliffReader::new(input, Origin::from_path(path))?;
    // Lookups see the memory as it was before this file: the import's own writes are not
    // visible to this second connection until they are committed.
    let before = Memory::open_read_only(memory.path())
        .ok()
        .map(ExactTranslations::new);
    let mut importer = Importer {
        args,
        file: file.clone(),
        origin: args.origin.clone().unwrap_or_else(|| {
            path.file_name()
                .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned())
        }),
        user: user_name(),
        now: Timestamp::now(),
        before,
        report: FileReport {
            file: file.clone(),
            read: 0,
            added: 0,
            updated: 0,
            unchanged: 0,
            skipped: BTreeMap::new(),
            units: Vec::new(),
        },
        previous_source: None,
        pending: None,
    };
    let mut import = memory.begin_import()?;
    while let Some(unit) = reader.next_unit()? {
        importer.unit(&mut import, unit)?;
    }
    importer.flush(&mut import, None)?;
    import.commit()?;
    Ok(importer.report)
}

fn summary_line(report: &FileReport, ctx: &Context) -> String {
    let skipped: usize = report.skipped.values().sum();
    let mut line = ctx.l10n.format(
        "xliff-import-summary",
        &[
            ("file", report.file.clone().into()),
            ("read", report.read.into()),
            ("added", report.added.into()),
            ("updated", report.updated.into()),
            ("unchanged", report.unchanged.into()),
            ("skipped", skipped.into()),
        ],
    );
    if skipped > 0 {
        let reasons: Vec<String> = report
            .skipped
            .iter()
            .map(|(reason, count)| {
                ctx.l10n.format(
                    &format!("xliff-skip-{reason}"),
                    &[("count", (*count).into())],
                )
            })
            .collect();
        line.push_str(&format!(" ({})", reasons.join(", ")));
    }
    line
}

/// Runs `tribune xliff …`.
pub fn run(args: XliffArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.command {
        XliffCommand::Import(args) => {
            let (mut memory, creation) = Memory::open_noting_creation(&args.memory.memory)?;
            let mut reports = Vec::new();
            for path in &args.files {
                let report = match import_file(&mut memory, path, &args) {
                    Ok(report) => report,
                    Err(e) => {
                        memory.close_discarding_if_new(creation);
                        return Err(e);
                    }
                };
                if args.format == ImportFormat::Json {
                    // One document for all the files, printed at the end.
                    reports.push(report);
                    continue;
                }
                write_stdout(|out| match args.format {
                    ImportFormat::Text => {
                        writeln!(out, "{}", terminal_safe(&summary_line(&report, ctx)))?;
                        for unit in report.units.iter().filter(|u| {
                            u.outcome.is_skip() && u.outcome != Outcome::NotTranslatable
                        }) {
                            writeln!(
                                out,
                                "  {}:{}: {} {}",
                                terminal_safe(&report.file),
                                unit.line,
                                terminal_safe(&unit.id),
                                ctx.l10n.format(
                                    &format!("xliff-skipped-{}", unit.outcome.as_str()),
                                    &[(
                                        "state",
                                        terminal_safe(unit.state.as_deref().unwrap_or("-"))
                                            .into_owned()
                                            .into()
                                    )]
                                )
                            )?;
                        }
                        Ok(())
                    }
                    ImportFormat::Json => Ok(()),
                })?;
            }
            if args.format == ImportFormat::Json {
                write_stdout(|out| {
                    serde_json::to_writer_pretty(
                        &mut *out,
                        &serde_json::json!({ "files": reports }),
                    )?;
                    writeln!(out)
                })?;
            }
            Ok(())
        }
    }
}
