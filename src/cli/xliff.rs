//! `tribune xliff import FILE.xlf`: the translator's confirmed translations, read from the
//! XLIFF their CAT tool wrote, stored in the memory by [`crate::ingest::import_xliff`] (one
//! transaction per file), and the report printed.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use unic_langid::LanguageIdentifier;

use super::error::{CommandError, CommandResult};
use super::memory::MemoryPath;
use super::segment::language_arg;
use super::{terminal_safe, write_stdout, Context};
use crate::ingest::{self, FileReport, StateFilter, XliffImportOptions};
use crate::memory::with_new_store_discarded_on_error;

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

impl From<StateArg> for StateFilter {
    fn from(state: StateArg) -> StateFilter {
        match state {
            StateArg::Translated => StateFilter::Translated,
            StateArg::Final => StateFilter::Final,
            StateArg::Any => StateFilter::Any,
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

/// The summary line of one file, then the skipped units worth a look.
fn print_report(report: &FileReport, ctx: &Context) -> CommandResult {
    write_stdout(|out| {
        writeln!(out, "{}", terminal_safe(&summary_line(report, ctx)))?;
        for unit in report.units.iter().filter(|u| u.outcome.is_worth_listing()) {
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
    })
}

/// Runs `tribune xliff …`.
pub fn run(args: XliffArgs, ctx: &Context) -> CommandResult {
    match args.command {
        XliffCommand::Import(args) => {
            let options = XliffImportOptions {
                state: args.state.into(),
                origin: args.origin.clone(),
                from: args.from.clone(),
                to: args.to.clone(),
                user: ingest::default_user(),
            };
            let mut reports = Vec::new();
            // A failed import discards a memory it created; a report that cannot be printed
            // (`Ok(Err(…))`) keeps it.
            let printed = with_new_store_discarded_on_error(
                &args.memory.location(),
                |store| -> Result<CommandResult, CommandError> {
                    for path in &args.files {
                        let report = ingest::import_xliff(store, path, &options)
                            .map_err(CommandError::from)?;
                        if args.format == ImportFormat::Json {
                            // One document for all the files, printed at the end.
                            reports.push(report);
                            continue;
                        }
                        if let Err(e) = print_report(&report, ctx) {
                            return Ok(Err(e));
                        }
                    }
                    Ok(Ok(()))
                },
            )?;
            printed?;
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
