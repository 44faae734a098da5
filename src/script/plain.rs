//! Markdown and plain-text scripts, for e-mail and teleprompters: cues in brackets, time
//! marks before each paragraph, the header and timing summary on top. Columns become a
//! Markdown table, or two wrapped text columns; the other layouts are one paragraph per
//! line, which teleprompter software re-flows.

use unic_langid::LanguageIdentifier;

use super::html::text_parts;
use super::model::{Column, Cue, Item, Layout, Pronunciation, Row, Script, ScriptBlock};
use crate::lang::typography;
use crate::speech::SegmentKind;
use crate::text::columns::{pad, wrap, LongWords};

/// Width of a plain-text line in the columns layout.
const TEXT_WIDTH: usize = 80;
const COLUMN_SEPARATOR: &str = " │ ";

/// A cue as bracketed text: `[Minute of silence — 1:00]`, `[Gesture: Turn to the Governor]`.
pub fn cue_text(cue: &Cue, lang: &LanguageIdentifier) -> String {
    match &cue.detail {
        Some(detail) => typography::typeset(&format!("[{}: {detail}]", cue.label), lang),
        None => format!("[{}]", cue.label),
    }
}

/// A text with each marked name followed by its pronunciation in parentheses.
fn with_pronunciations(text: &str, pronunciations: &[Pronunciation]) -> String {
    if pronunciations.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16 * pronunciations.len());
    for (piece, say) in text_parts(text, pronunciations) {
        out.push_str(&piece);
        if let Some(say) = say {
            out.push_str(&format!(" ({say})"));
        }
    }
    out
}

fn item_text(item: &Item, lang: &LanguageIdentifier) -> String {
    match item {
        Item::Text {
            text,
            pronunciations,
            ..
        } => with_pronunciations(text, pronunciations),
        Item::Cue(cue) => cue_text(cue, lang),
    }
}

/// Items of a cell joined into paragraphs: runs of sentences joined by spaces; each cue,
/// heading and salutation line alone. Returns (is a cue, text).
fn paragraphs(items: &[&Item], lang: &LanguageIdentifier) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut previous_sentence = false;
    for item in items {
        let text = item_text(item, lang);
        let sentence = matches!(
            item,
            Item::Text {
                kind: SegmentKind::Sentence,
                ..
            }
        );
        match out.last_mut() {
            Some((false, paragraph)) if sentence && previous_sentence => {
                paragraph.push(' ');
                paragraph.push_str(&text);
            }
            _ => out.push((item.is_cue(), text)),
        }
        previous_sentence = sentence;
    }
    out
}

/// The items a flowing layout shows for one block, per part: (column, items).
pub(super) fn flowing_parts<'a>(
    script: &Script,
    block: &'a ScriptBlock,
) -> Vec<(usize, Vec<&'a Item>)> {
    let first = block.rows[0].deliver;
    if script.layout == Layout::Single {
        let items = block
            .rows
            .iter()
            .flat_map(|r| r.cells[r.deliver].items.iter())
            .collect();
        return vec![(first, items)];
    }
    let mut order = vec![first];
    order.extend((0..script.columns.len()).filter(|c| *c != first));
    order
        .into_iter()
        .map(|c| {
            (
                c,
                block
                    .rows
                    .iter()
                    .flat_map(|r| r.cells[c].items.iter())
                    .collect(),
            )
        })
        .filter(|(_, items): &(usize, Vec<&Item>)| !items.is_empty())
        .collect()
}

fn shown_columns(script: &Script) -> Vec<&Column> {
    let main = script.main_column();
    script
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| script.layout != Layout::Single || *i == main)
        .map(|(_, c)| c)
        .collect()
}

fn column_heading(script: &Script, index: usize) -> String {
    let column = &script.columns[index];
    if script.mixed {
        return column.name.clone();
    }
    let role = if index == script.main_column() {
        &script.ui.deliver_label
    } else {
        &script.ui.reference_label
    };
    format!("{} ({role})", column.name)
}

// ---------------------------------------------------------------------------------------
// Plain text

fn text_row(script: &Script, row: &Row, width: usize, out: &mut String) {
    let cells: Vec<Vec<String>> = row
        .cells
        .iter()
        .enumerate()
        .map(|(c, cell)| {
            cell.items
                .iter()
                .flat_map(|item| {
                    wrap(
                        &item_text(item, &script.columns[c].lang),
                        width,
                        LongWords::Keep,
                    )
                })
                .collect()
        })
        .collect();
    let height = cells.iter().map(Vec::len).max().unwrap_or(0);
    for line in 0..height {
        let parts: Vec<String> = cells
            .iter()
            .map(|lines| pad(lines.get(line).map_or("", String::as_str), width))
            .collect();
        out.push_str(parts.join(COLUMN_SEPARATOR).trim_end());
        out.push('\n');
    }
}

fn text_header(script: &Script, out: &mut String) {
    for column in shown_columns(script) {
        let h = &column.header;
        for line in [&h.title, &h.speaker, &h.event, &h.place_date]
            .into_iter()
            .flatten()
        {
            out.push_str(line);
            out.push('\n');
        }
        if let Some(note) = &h.note {
            out.push_str(&format!("*** {} ***\n", note.to_uppercase()));
        }
        out.push('\n');
    }
    out.push_str(&script.ui.total);
    out.push('\n');
    for line in &script.ui.breakdown {
        out.push_str(&format!("  {line}\n"));
    }
    if let Some(target) = &script.ui.target {
        let mark = if script.timing.over_target().is_some() {
            "!! "
        } else {
            ""
        };
        out.push_str(&format!("{mark}{target}\n"));
    }
}

/// Renders a script as plain UTF-8 text.
pub fn render_text(script: &Script) -> String {
    let mut out = String::new();
    text_header(script, &mut out);
    let columns = script.layout == Layout::Columns && script.columns.len() > 1;
    let width = (TEXT_WIDTH - COLUMN_SEPARATOR.chars().count() * (script.columns.len() - 1))
        / script.columns.len();
    if columns {
        out.push('\n');
        let headings: Vec<String> = (0..script.columns.len())
            .map(|c| pad(&column_heading(script, c), width))
            .collect();
        out.push_str(headings.join(COLUMN_SEPARATOR).trim_end());
        out.push('\n');
        out.push_str(&"=".repeat(TEXT_WIDTH));
        out.push('\n');
    }
    for block in &script.blocks {
        out.push('\n');
        if let Some(mark) = &block.time_mark {
            out.push_str(&format!("--- {} ---\n", mark.text));
        }
        if columns {
            for (i, row) in block.rows.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                text_row(script, row, width, &mut out);
            }
            continue;
        }
        for (part, (column, items)) in flowing_parts(script, block).into_iter().enumerate() {
            let prefix = if part == 0 { "" } else { "    " };
            for (_, paragraph) in paragraphs(&items, &script.columns[column].lang) {
                out.push_str(prefix);
                out.push_str(&paragraph);
                out.push('\n');
            }
        }
    }
    out.push_str(&format!("\n=== {} ===\n", script.ui.end));
    out
}

// ---------------------------------------------------------------------------------------
// Markdown

/// Escapes text for Markdown: inline markup characters always, and the marks that would
/// start a block at the beginning of a line.
fn md_escape(text: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~')
            || (in_table && c == '|')
        {
            out.push('\\');
        }
        out.push(c);
    }
    let starts_block = out.starts_with(['#', '-', '+', '='])
        || out
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if starts_block && !in_table {
        if let Some(pos) = out.find(['#', '-', '+', '=', '.', ')']) {
            out.insert(pos, '\\');
        }
    }
    out
}

fn md_item(item: &Item, lang: &LanguageIdentifier, in_table: bool) -> String {
    match item {
        Item::Text {
            text,
            pronunciations,
            ..
        } => md_escape(&with_pronunciations(text, pronunciations), in_table),
        Item::Cue(cue) => format!("*{}*", md_escape(&cue_text(cue, lang), in_table)),
    }
}

fn md_header(script: &Script, out: &mut String) {
    for (i, column) in shown_columns(script).into_iter().enumerate() {
        let h = &column.header;
        if let Some(title) = &h.title {
            let level = if i == 0 { "#" } else { "##" };
            out.push_str(&format!("{level} {}\n\n", md_escape(title, false)));
        }
        if let Some(speaker) = &h.speaker {
            out.push_str(&format!("**{}**\n\n", md_escape(speaker, false)));
        }
        for line in [&h.event, &h.place_date].into_iter().flatten() {
            out.push_str(&format!("{}\n\n", md_escape(line, false)));
        }
        if let Some(note) = &h.note {
            out.push_str(&format!(
                "**{}**\n\n",
                md_escape(&note.to_uppercase(), false)
            ));
        }
    }
    out.push_str(&format!("**{}**\n\n", md_escape(&script.ui.total, false)));
    for line in &script.ui.breakdown {
        out.push_str(&format!("- {}\n", md_escape(line, false)));
    }
    if !script.ui.breakdown.is_empty() {
        out.push('\n');
    }
    if let Some(target) = &script.ui.target {
        if script.timing.over_target().is_some() {
            out.push_str(&format!("> **⚠ {}**\n\n", md_escape(target, false)));
        } else {
            out.push_str(&format!("{}\n\n", md_escape(target, false)));
        }
    }
}

/// Renders a script as Markdown (CommonMark with a GitHub table for columns).
pub fn render_markdown(script: &Script) -> String {
    let mut out = String::new();
    md_header(script, &mut out);
    if script.layout == Layout::Columns && script.columns.len() > 1 {
        let headings: Vec<String> = (0..script.columns.len())
            .map(|c| md_escape(&column_heading(script, c), true))
            .collect();
        out.push_str(&format!("| {} |\n", headings.join(" | ")));
        out.push_str(&format!("|{}\n", " --- |".repeat(script.columns.len())));
        for block in &script.blocks {
            if let Some(mark) = &block.time_mark {
                let mut cells = vec![String::new(); script.columns.len()];
                cells[0] = format!("*{}*", md_escape(&mark.text, true));
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            for row in &block.rows {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        let lang = &script.columns[c].lang;
                        cell.items
                            .iter()
                            .map(|i| md_item(i, lang, true))
                            .collect::<Vec<_>>()
                            .join("<br>")
                    })
                    .collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
        out.push_str(&format!("\n**{}**\n", md_escape(&script.ui.end, false)));
        return out;
    }
    for block in &script.blocks {
        if let Some(mark) = &block.time_mark {
            out.push_str(&format!("*{}*\n\n", md_escape(&mark.text, false)));
        }
        for (part, (column, items)) in flowing_parts(script, block).into_iter().enumerate() {
            let lang = &script.columns[column].lang;
            let prefix = if part == 0 { "" } else { "> " };
            for (is_cue, paragraph) in paragraphs(&items, lang) {
                let text = if is_cue {
                    format!("*{}*", md_escape(&paragraph, false))
                } else {
                    md_escape(&paragraph, false)
                };
                out.push_str(&format!("{prefix}{text}\n\n"));
            }
        }
    }
    out.push_str(&format!("**{}**\n", md_escape(&script.ui.end, false)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(md_escape("a *b* [c] | d", true), r"a \*b\* \[c\] \| d");
        assert_eq!(md_escape("1. First point.", false), r"1\. First point.");
        assert_eq!(md_escape("# not a title", false), r"\# not a title");
        assert_eq!(md_escape("Paragraph 12. Then", false), "Paragraph 12. Then");
    }
}
