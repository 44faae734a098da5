//! `tribune align`: a speech and its translation aligned into beads, printed as indices
//! (the evaluation format), TSV, JSON lines or a readable side-by-side view.

use std::io::Write;

use clap::{Args, ValueEnum};
use unic_langid::LanguageIdentifier;

use super::error::CommandResult;
use super::segment::{language_arg, warn_if_generic};
use super::{write_stdout, Context};
use crate::align::{self, AlignInputs, AlignSummary, Alignment, BeadKind, BeadReport, InputFormat};
use crate::ingest;
use crate::memory::{open_store, Access};
use crate::text::columns::{pad, wrap, LongWords};
use crate::textfile::Origin;

/// How the input files are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    /// Speeches: Tribune parses and segments them.
    Text,
    /// One segment per line, already segmented.
    Lines,
}

/// Output formats of `tribune align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// `EN_INDICES<TAB>FR_INDICES` per bead.
    Beads,
    /// Source and target text per bead.
    Tsv,
    /// One JSON object per bead.
    Jsonl,
    /// A readable side-by-side view.
    Text,
}

/// Arguments of `tribune align`.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The source speech.
    #[arg(value_name = "SOURCE")]
    pub source: String,
    /// Its translation.
    #[arg(value_name = "TARGET")]
    pub target: String,
    /// How the files are laid out.
    #[arg(long, value_enum, default_value_t = InputArg::Text)]
    pub input: InputArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AlignFormat::Beads)]
    pub format: AlignFormat,
    /// Beads under this confidence are marked for review.
    #[arg(long, value_name = "X", default_value_t = 0.5, value_parser = confidence_arg)]
    pub min_confidence: f64,
    /// Language of the first file (default: its front matter, file name or words, else en).
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub source_lang: Option<LanguageIdentifier>,
    /// Language of the second file (default: its front matter, file name or words, else fr).
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub target_lang: Option<LanguageIdentifier>,
    /// Store the confident 1-1, 1-2 and 2-1 beads in the translation memory.
    #[arg(long)]
    pub store: bool,
    /// Where the memory is (with --store).
    #[command(flatten)]
    pub memory: super::memory::MemoryPath,
}

/// Stores the plan's pairs in one transaction; returns how many units were added and how
/// many merged into units already there.
fn store(plan: &align::StorePlan, args: &AlignArgs) -> CommandResult<(u64, u64)> {
    let opened = open_store(&args.memory.location(), Access::Write)?;
    let user = ingest::default_user();
    opened.run_discarding_if_new_on_error(|store| {
        let summary = ingest::store_alignment(store, plan, user.as_deref())?;
        Ok((summary.added, summary.merged))
    })
}

/// Parses `--min-confidence`: a number from 0 to 1.
pub fn confidence_arg(value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(super::value_error("value-error-confidence", value)),
    }
}

/// Reads both files and aligns them, with the checks of bad input.
pub fn read_and_align(args: &AlignArgs, ctx: &Context) -> CommandResult<Alignment> {
    let format = match args.input {
        InputArg::Text => InputFormat::Text,
        InputArg::Lines => InputFormat::Lines,
    };
    let inputs = AlignInputs::read(
        Origin::from_arg(&args.source),
        Origin::from_arg(&args.target),
        args.source_lang.as_ref(),
        args.target_lang.as_ref(),
    )?;
    for lang in [&inputs.source_language, &inputs.target_language] {
        warn_if_generic(lang, ctx);
    }
    if let Some(warning) = inputs.lexicon_warning() {
        ctx.warn(&warning);
    }
    let (alignment, warnings) = inputs.align(format)?;
    for warning in &warnings {
        ctx.warn(warning);
    }
    Ok(alignment)
}

fn print_side_by_side(
    out: &mut dyn Write,
    alignment: &Alignment,
    min_confidence: f64,
    ctx: &Context,
) -> std::io::Result<()> {
    const COLUMN: usize = 44;
    // A long path keeps its end: the file name is what tells the columns apart.
    let header = |name: &str| -> String {
        let count = name.chars().count();
        if count <= COLUMN {
            name.to_owned()
        } else {
            let tail: String = name.chars().skip(count - (COLUMN - 1)).collect();
            format!("…{tail}")
        }
    };
    writeln!(
        out,
        "{:>9}  {:<COLUMN$}  {}",
        "",
        header(&alignment.source.name),
        header(&alignment.target.name)
    )?;
    let review_mark = ctx.l10n.text("align-text-review");
    for bead in &alignment.beads {
        let mark = if bead.needs_review(min_confidence) {
            review_mark.as_str()
        } else {
            ""
        };
        let label = match bead.kind {
            BeadKind::Direction => format!(" ({})", ctx.l10n.text("align-kind-direction")),
            BeadKind::Salutation => format!(" ({})", ctx.l10n.text("align-kind-salutation")),
            _ => String::new(),
        };
        // The kind is marked on each side that has text.
        let side = |text: String| {
            let text = if text.is_empty() { text } else { text + &label };
            wrap(&super::terminal_safe(&text), COLUMN, LongWords::Cut)
        };
        let left = side(alignment.source_text(bead));
        let right = side(alignment.target_text(bead));
        let rows = left.len().max(right.len()).max(1);
        for row in 0..rows {
            let prefix = if row == 0 {
                format!("{:>2} {:>4.0}%", mark, bead.confidence * 100.0)
            } else {
                String::new()
            };
            let l = left.get(row).map_or("", String::as_str);
            let r = right.get(row).map_or("", String::as_str);
            writeln!(out, "{prefix:>9}  {}  {r}", pad(l, COLUMN))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Runs `tribune align`.
pub fn run(args: AlignArgs, ctx: &Context) -> CommandResult {
    let alignment = read_and_align(&args, ctx)?;
    let plan = align::storable_pairs(&alignment, args.min_confidence);
    let stored = if args.store {
        Some(store(&plan, &args)?)
    } else {
        None
    };
    write_stdout(|out| {
        match args.format {
            AlignFormat::Beads => {
                for bead in &alignment.beads {
                    writeln!(out, "{}", bead.indices_line())?;
                }
            }
            AlignFormat::Tsv => {
                for bead in &alignment.beads {
                    writeln!(out, "{}", align::tsv_line(&alignment, bead))?;
                }
            }
            AlignFormat::Jsonl => {
                for index in 0..alignment.beads.len() {
                    let json = BeadReport::of(&alignment, index, &plan, args.min_confidence);
                    serde_json::to_writer(&mut *out, &json)?;
                    writeln!(out)?;
                }
            }
            AlignFormat::Text => print_side_by_side(out, &alignment, args.min_confidence, ctx)?,
        }
        Ok(())
    })?;
    super::stderr_line(ctx.l10n.localize(&AlignSummary::of(&alignment, &plan)));
    if let Some((added, merged)) = stored {
        super::stderr_line(ctx.l10n.format(
            "align-stored",
            &[
                ("added", added.into()),
                ("merged", merged.into()),
                ("held", plan.held_back.len().into()),
                ("memory", args.memory.memory.display().to_string().into()),
            ],
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidences_are_checked() {
        assert_eq!(confidence_arg("0.8"), Ok(0.8));
        assert!(confidence_arg("1.5").is_err());
        assert!(confidence_arg("high").is_err());
    }
}
