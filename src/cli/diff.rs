//! `tribune diff OLD NEW`: what changed between two drafts of a speech, as a readable list,
//! JSON, or a self-contained HTML page.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use unic_langid::LanguageIdentifier;

use super::error::CommandResult;
use super::segment::{language_arg, read_segments};
use super::{write_output, Context, Style};
use crate::revision::{self, Change, ChangeCounts, DiffReport, Revision};
use crate::wording::Tag;

/// Output formats of `tribune diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A readable list, coloured on a terminal.
    Text,
    /// One JSON document.
    Json,
    /// A self-contained HTML page.
    Html,
}

/// Arguments of `tribune diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier draft.
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The later draft.
    #[arg(value_name = "NEW")]
    pub new: String,
    /// Language of the drafts, when neither front matter nor file name says it.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub lang: Option<LanguageIdentifier>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn index(r: Option<&revision::SegmentRef>) -> String {
    r.map_or(String::new(), |s| (s.index + 1).to_string())
}

fn write_text(
    out: &mut dyn Write,
    revisions: &[Revision],
    color: bool,
    ctx: &Context,
) -> std::io::Result<()> {
    let paint = |style: Style, text: &str| super::paint(color, style, text).into_owned();
    let width = Change::ALL
        .iter()
        .map(|c| {
            ctx.l10n
                .text(&format!("diff-{}", c.as_str()))
                .chars()
                .count()
        })
        .max()
        .unwrap_or(8);
    for r in revisions {
        let (marker, code) = match r.change {
            Change::Kept => (' ', Style::Dim),
            Change::Edited => ('~', Style::Edited),
            Change::Added => ('+', Style::New),
            Change::Removed => ('-', Style::Gone),
            Change::Moved => ('>', Style::Moved),
        };
        let label = ctx.l10n.text(&format!("diff-{}", r.change.as_str()));
        let text = if r.change == Change::Edited {
            r.diff
                .iter()
                .map(|p| {
                    let piece = super::terminal_safe(&p.text);
                    match p.tag {
                        Tag::Equal => piece.into_owned(),
                        Tag::Delete if color => paint(Style::Deleted, &piece),
                        Tag::Insert if color => paint(Style::Inserted, &piece),
                        Tag::Delete => format!("[-{piece}-]"),
                        Tag::Insert => format!("{{+{piece}+}}"),
                    }
                })
                .collect()
        } else {
            let segment = r.new.as_ref().or(r.old.as_ref()).expect("a side");
            super::terminal_safe(&segment.text).into_owned()
        };
        let positions = format!("{:>4} {:>4}", index(r.old.as_ref()), index(r.new.as_ref()));
        writeln!(
            out,
            "{} {} {positions}  {text}",
            paint(code, &marker.to_string()),
            paint(code, &format!("{label:<width$}"))
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", ctx.l10n.localize(&ChangeCounts::of(revisions)))
}

/// Runs `tribune diff`.
pub fn run(args: DiffArgs, ctx: &Context) -> CommandResult {
    if let Some(output) = &args.output {
        let inputs = [Path::new(&args.old), Path::new(&args.new)];
        crate::textfile::refuse_overwriting_inputs(output, &inputs)?;
    }
    let (_, old) = read_segments(&args.old, args.lang.as_ref(), ctx)?;
    let (_, new) = read_segments(&args.new, args.lang.as_ref(), ctx)?;
    let revisions = revision::compare(&old, &new);
    let color = args.output.is_none() && ctx.stdout_color;
    write_output(args.output.as_deref(), |out| match args.format {
        DiffFormat::Text => write_text(out, &revisions, color, ctx),
        DiffFormat::Json => {
            let report = DiffReport::new(&args.old, &args.new, &revisions);
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        DiffFormat::Html => {
            let page = revision::html_page(&revisions, &args.old, &args.new, &ctx.l10n);
            out.write_all(page.as_bytes())
        }
    })
}
