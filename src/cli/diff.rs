//! `tribune diff OLD NEW`: what changed between two drafts of a speech, as a readable list,
//! JSON, or a self-contained HTML page.

use std::io::Write;
use std::path::{Path, PathBuf};

use askama::Template;
use clap::{Args, ValueEnum};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::error::CommandResult;
use super::segment::{language_arg, read_segments};
use super::{write_output, Context, Style};
use crate::revision::{self, Change, Revision};
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

const CHANGES: [Change; 5] = [
    Change::Kept,
    Change::Edited,
    Change::Added,
    Change::Removed,
    Change::Moved,
];

fn summary(revisions: &[Revision], ctx: &Context) -> String {
    let args: Vec<(&str, crate::i18n::Arg)> = CHANGES
        .iter()
        .map(|c| (c.as_str(), revision::count(revisions, *c).into()))
        .collect();
    ctx.l10n.format("diff-summary", &args)
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
    let width = CHANGES
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
    writeln!(out, "{}", summary(revisions, ctx))
}

#[derive(Serialize)]
struct Report<'a> {
    old: &'a str,
    new: &'a str,
    summary: std::collections::BTreeMap<&'static str, usize>,
    segments: &'a [Revision],
}

struct HtmlPiece {
    tag: &'static str,
    text: String,
}

struct HtmlRow {
    class: &'static str,
    label: String,
    old_index: String,
    new_index: String,
    pieces: Vec<HtmlPiece>,
}

#[derive(Template)]
#[template(path = "diff.html")]
struct HtmlPage {
    ui_lang: String,
    title: String,
    summary: String,
    change_header: String,
    old_header: String,
    new_header: String,
    text_header: String,
    rows: Vec<HtmlRow>,
}

fn html(revisions: &[Revision], old: &str, new: &str, ctx: &Context) -> String {
    let l = &ctx.l10n;
    let rows = revisions
        .iter()
        .map(|r| {
            let pieces = if r.change == Change::Edited {
                r.diff
                    .iter()
                    .map(|p| HtmlPiece {
                        tag: match p.tag {
                            Tag::Equal => "equal",
                            Tag::Delete => "delete",
                            Tag::Insert => "insert",
                        },
                        text: p.text.clone(),
                    })
                    .collect()
            } else {
                let segment = r.new.as_ref().or(r.old.as_ref()).expect("a side");
                vec![HtmlPiece {
                    tag: match r.change {
                        Change::Added => "insert",
                        Change::Removed => "delete",
                        _ => "equal",
                    },
                    text: segment.text.clone(),
                }]
            };
            HtmlRow {
                class: r.change.as_str(),
                label: l.text(&format!("diff-{}", r.change.as_str())),
                old_index: index(r.old.as_ref()),
                new_index: index(r.new.as_ref()),
                pieces,
            }
        })
        .collect();
    let page = HtmlPage {
        ui_lang: l.language().to_string(),
        title: l.format("diff-title", &[("old", old.into()), ("new", new.into())]),
        summary: summary(revisions, ctx),
        change_header: l.text("diff-header-change"),
        old_header: l.text("diff-header-old"),
        new_header: l.text("diff-header-new"),
        text_header: l.text("diff-header-text"),
        rows,
    };
    page.render().expect("the diff template renders")
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
            let report = Report {
                old: &args.old,
                new: &args.new,
                summary: CHANGES
                    .iter()
                    .map(|c| (c.as_str(), revision::count(&revisions, *c)))
                    .collect(),
                segments: &revisions,
            };
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        DiffFormat::Html => out.write_all(html(&revisions, &args.old, &args.new, ctx).as_bytes()),
    })
}
