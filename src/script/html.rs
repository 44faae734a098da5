//! The HTML script: one self-contained file (inline CSS, no network), laid out for print with
//! CSS paged media (`@page` margin boxes for "page 2 of 5", rows that never split across
//! pages) and readable on screen too. The markup is the askama template
//! `templates/script.html`; this module prepares what it shows.

use askama::Template;

use super::error::ScriptError;
use super::model::{Density, Item, Layout, PagePart, Pronunciation, Row, Script, ScriptBlock};

/// The page margins (top, right, bottom, left) in millimetres: wide, for a speaker's
/// thumbs and notes; the running head and the page number sit in them.
const MARGINS_MM: [f32; 4] = [20.0, 25.0, 22.0, 25.0];

/// Decides page breaks before printing and marks "(continued)" where a paragraph goes on
/// (see the comment at its top).
const PAGINATE_JS: &str = include_str!("../../templates/paginate.js");

/// The spacing of a density. Reading-copy rules hold in all of them: line spacing of at
/// least 1.35 (1.5 from normal on), ragged right, nothing under 16 pt read aloud.
struct Spacing {
    /// Line height, in lines.
    line: f32,
    /// Space above a row, in em (none below: a row ends with its last line, so that what
    /// fits on a page is measured exactly).
    row_padding: f32,
    /// Extra space above a paragraph's first row, in em.
    block_gap: f32,
    /// Space after a sentence, in em.
    sentence_gap: f32,
    /// The size of the column for reference, against the body size.
    reference_size: f32,
}

fn spacing(density: Density) -> Spacing {
    match density {
        Density::Compact => Spacing {
            line: 1.35,
            row_padding: 0.25,
            block_gap: 0.3,
            sentence_gap: 0.15,
            reference_size: 0.8,
        },
        Density::Normal => Spacing {
            line: 1.55,
            row_padding: 0.5,
            block_gap: 0.55,
            sentence_gap: 0.3,
            reference_size: 0.84,
        },
        Density::Spacious => Spacing {
            line: 1.8,
            row_padding: 0.9,
            block_gap: 0.9,
            sentence_gap: 0.5,
            reference_size: 0.84,
        },
    }
}

#[derive(Template)]
#[template(path = "script.html")]
struct HtmlScript {
    lang: String,
    title: String,
    css: String,
    layout: &'static str,
    heads: Vec<HtmlHead>,
    ui_lang: String,
    total: String,
    breakdown: Vec<String>,
    target: Option<String>,
    over_target: bool,
    column_heads: Vec<ColumnHead>,
    rows: Vec<HtmlRow>,
    end: String,
    /// The height of a page's text area in millimetres, for the pagination script.
    page_height_mm: String,
    density: &'static str,
    continued: String,
    paginate: &'static str,
}

struct HtmlHead {
    lang: String,
    title: Option<String>,
    speaker: Option<String>,
    event: Option<String>,
    place_date: Option<String>,
    note: Option<String>,
}

struct ColumnHead {
    class: &'static str,
    name: String,
    role: Option<String>,
}

struct HtmlRow {
    class: String,
    time: Option<String>,
    cells: Vec<HtmlCell>,
}

struct HtmlCell {
    class: &'static str,
    lang: String,
    items: Vec<HtmlItem>,
}

struct HtmlItem {
    cue: bool,
    class: &'static str,
    text: String,
    /// The text cut after each name with a pronunciation: (text, pronunciation).
    parts: Vec<(String, Option<String>)>,
    detail: Option<String>,
    lang: Option<String>,
}

fn html_item(item: &Item) -> HtmlItem {
    match item {
        Item::Text {
            text,
            kind,
            foreign,
            pronunciations,
        } => HtmlItem {
            cue: false,
            class: kind.as_str(),
            text: text.clone(),
            parts: text_parts(text, pronunciations),
            detail: None,
            lang: foreign.as_ref().map(ToString::to_string),
        },
        Item::Cue(cue) => HtmlItem {
            cue: true,
            class: cue.kind.as_str(),
            text: cue.label.clone(),
            parts: Vec::new(),
            detail: cue.detail.clone(),
            lang: None,
        },
    }
}

/// A text cut after each name that has a pronunciation, each piece with the pronunciation
/// that follows it.
pub(super) fn text_parts(
    text: &str,
    pronunciations: &[Pronunciation],
) -> Vec<(String, Option<String>)> {
    let mut parts = Vec::new();
    let mut start = 0;
    for p in pronunciations {
        let after = p.after.clamp(start, text.len());
        if !text.is_char_boundary(after) {
            continue;
        }
        parts.push((text[start..after].to_owned(), Some(p.say.clone())));
        start = after;
    }
    parts.push((text[start..].to_owned(), None));
    parts
}

fn block_class(block: &ScriptBlock) -> String {
    format!("b-{}", format!("{:?}", block.kind).to_lowercase())
}

/// The class of a cell: read aloud, for reference or empty. In a mixed delivery every cell
/// read carries the read-aloud bar (`switch`), and every cell leaves room for it, so that
/// text does not move sideways from row to row.
fn cell_class(row: &Row, index: usize, mixed: bool) -> &'static str {
    match (row.cells[index].is_empty(), row.deliver == index, mixed) {
        (true, _, false) => "empty",
        (true, _, true) => "empty barred",
        (false, true, true) => "deliver switch barred",
        (false, true, false) => "deliver",
        (false, false, true) => "other barred",
        (false, false, false) => "other",
    }
}

/// Rows of the columns layout: one grid row per script row, never split across pages.
fn column_rows(script: &Script) -> Vec<HtmlRow> {
    let mut rows = Vec::new();
    for block in &script.blocks {
        for (i, row) in block.rows.iter().enumerate() {
            let mut class = format!("row {}", block_class(block));
            if i == 0 {
                class.push_str(" first");
            }
            if row.is_cue() {
                class.push_str(" cue-row");
            }
            rows.push(HtmlRow {
                class,
                time: (i == 0)
                    .then(|| block.time_mark.as_ref().map(|m| m.text.clone()))
                    .flatten(),
                cells: row
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(c, cell)| HtmlCell {
                        class: cell_class(row, c, script.mixed),
                        lang: script.columns[c].lang.to_string(),
                        items: cell.items.iter().map(html_item).collect(),
                    })
                    .collect(),
            });
        }
    }
    rows
}

/// Rows of the interleaved and single layouts: a block per language, whose sentences and
/// cues never split across pages but whose paragraphs may.
fn flowing_rows(script: &Script) -> Vec<HtmlRow> {
    let mut rows = Vec::new();
    for block in &script.blocks {
        let first = block.rows[0].deliver;
        let mut order = vec![first];
        if script.layout == Layout::Interleaved {
            order.extend((0..script.columns.len()).filter(|c| *c != first));
        }
        for (part, &column) in order.iter().enumerate() {
            let single = script.layout == Layout::Single;
            let items: Vec<HtmlItem> = block
                .rows
                .iter()
                .flat_map(|row| {
                    let c = if single { row.deliver } else { column };
                    row.cells[c].items.iter().map(html_item)
                })
                .collect();
            if items.is_empty() {
                continue;
            }
            let class = if single || column == first {
                "deliver"
            } else {
                "other"
            };
            rows.push(HtmlRow {
                class: format!(
                    "row flow {}{}",
                    block_class(block),
                    if part == 0 { " first" } else { "" }
                ),
                time: (part == 0)
                    .then(|| block.time_mark.as_ref().map(|m| m.text.clone()))
                    .flatten(),
                cells: vec![HtmlCell {
                    class,
                    lang: script.columns[column].lang.to_string(),
                    items,
                }],
            });
        }
    }
    rows
}

/// A CSS string literal.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\A "),
            '<' => out.push_str("\\3C "),
            '>' => out.push_str("\\3E "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The CSS `content` of the page-number margin box.
fn page_content(parts: &[PagePart]) -> String {
    parts
        .iter()
        .map(|part| match part {
            PagePart::Text(text) => css_string(text),
            PagePart::Page => "counter(page)".to_owned(),
            PagePart::Pages => "counter(pages)".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn css(script: &Script, title: &str) -> String {
    let spacing = spacing(script.density);
    format!(
        r#"@page {{
  size: {paper};
  margin: {mt}mm {mr}mm {mb}mm {ml}mm;
  @bottom-center {{ content: {page}; font: 10pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #333; }}
  @top-left {{ content: {title}; font: 9pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #555; }}
}}
@page :first {{ @top-left {{ content: none; }} }}
:root {{ --body: {size}pt; }}
html {{ font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: var(--body); line-height: {line}; color: #000; background: #fff; }}
body {{ margin: 0; text-align: left; hyphens: manual; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
@media screen {{ body {{ width: {width}mm; margin: 1.5em auto; }} }}
p {{ margin: 0; }}
h1 {{ font-size: 1.2em; line-height: 1.3; margin: 0 0 .3em; }}
.script-header {{ margin-bottom: .8em; }}
.heads {{ display: grid; grid-template-columns: repeat({columns}, 1fr); column-gap: 10mm; }}
.heads-1 {{ grid-template-columns: 1fr; }}
.head p {{ font-size: .8em; line-height: 1.4; }}
.head .speaker {{ font-weight: 700; }}
.head .note {{ display: inline-block; margin-top: .4em; padding: .1em .5em; border: 1.5pt solid #000; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; font-size: .65em; }}
.timing {{ margin: .8em 0 .4em; padding: .35em .6em; border: 1pt solid #000; font-size: .72em; line-height: 1.4; break-inside: avoid; }}
.timing .total {{ font-weight: 700; font-size: 1.25em; }}
.timing.over {{ border-width: 3pt; }}
.timing.over .target {{ font-weight: 700; color: #a00000; }}
.timing.over .target::before {{ content: "\26A0\FE0E  "; }}
.row {{ display: grid; grid-template-columns: repeat({columns}, minmax(0, 1fr)); column-gap: 10mm; padding: {row_padding}em 0 0; break-inside: avoid; page-break-inside: avoid; }}
.row.first {{ margin-top: {block_gap}em; }}
.continued {{ grid-column: 1 / -1; font-size: .7em; font-style: italic; font-weight: 700; color: #333; margin-bottom: .2em; }}
.row.flow {{ display: block; break-inside: auto; page-break-inside: auto; }}
.column-heads {{ border-bottom: 1.5pt solid #000; font-size: .7em; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }}
.column-head .role {{ font-weight: 400; text-transform: none; letter-spacing: 0; }}
.column-head.other {{ color: #555; }}
.end {{ margin-top: 1.2em; padding-top: .3em; border-top: 1.5pt solid #000; text-align: center; font-weight: 700; font-size: .85em; break-before: avoid; }}
.time {{ grid-column: 1 / -1; font-size: .85em; font-weight: 700; line-height: 1.3; color: #000; text-align: right; font-variant-numeric: tabular-nums; border-bottom: .75pt dotted #555; margin-bottom: .2em; break-after: avoid; }}
.seg {{ break-inside: avoid; page-break-inside: avoid; orphans: 2; widows: 2; }}
.cell > * + * {{ margin-top: {sentence_gap}em; }}
.flow .cell > * + * {{ margin-top: .15em; }}
.pron {{ font-size: .62em; font-weight: 400; font-style: normal; color: #333; letter-spacing: .02em; }}
.k-heading {{ font-weight: 700; font-size: .8em; }}
.k-dateline {{ font-style: italic; font-size: .8em; }}
.cell.other {{ color: #5f5f5f; font-size: {reference_size}em; }}
.cell.barred {{ border-left: 3pt solid transparent; padding-left: 2mm; }}
.cell.switch {{ border-left-color: #000; }}
.row.flow .cell.other {{ margin-top: .2em; padding-left: 4mm; border-left: 1pt solid #aaa; }}
.cue {{ break-inside: avoid; page-break-inside: avoid; margin: 0; padding: .15em .5em; border: 1.5pt solid #000; border-radius: 3pt; background: #e9e9e9; font-style: italic; font-weight: 700; }}
.cue::before {{ content: "\25B6\FE0E  "; font-style: normal; }}
.cue .detail {{ font-weight: 400; }}
.cell.other .cue {{ border-color: #999; background: #f4f4f4; }}
[lang] .seg[lang] {{ font-style: italic; }}
"#,
        paper = script.paper.css(),
        page = page_content(&script.ui.page_label),
        title = css_string(title),
        size = script.font_size_pt,
        line = spacing.line,
        row_padding = spacing.row_padding,
        block_gap = spacing.block_gap,
        sentence_gap = spacing.sentence_gap,
        reference_size = spacing.reference_size,
        mt = MARGINS_MM[0],
        mr = MARGINS_MM[1],
        mb = MARGINS_MM[2],
        ml = MARGINS_MM[3],
        width = script.paper.millimetres().0 - MARGINS_MM[1] - MARGINS_MM[3],
        columns = if script.layout == Layout::Columns {
            script.columns.len()
        } else {
            1
        },
    )
}

/// Renders a script as one self-contained HTML document.
pub fn render_html(script: &Script) -> Result<String, ScriptError> {
    let main = script.main_column();
    let heads: Vec<HtmlHead> = script
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| script.layout != Layout::Single || *i == main)
        .map(|(_, c)| HtmlHead {
            lang: c.lang.to_string(),
            title: c.header.title.clone(),
            speaker: c.header.speaker.clone(),
            event: c.header.event.clone(),
            place_date: c.header.place_date.clone(),
            note: c.header.note.clone(),
        })
        .collect();
    let column_heads = if script.layout == Layout::Columns && script.columns.len() > 1 {
        script
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let delivered = i == main;
                ColumnHead {
                    class: if script.mixed || delivered {
                        "deliver"
                    } else {
                        "other"
                    },
                    name: c.name.clone(),
                    role: (!script.mixed).then(|| {
                        if delivered {
                            script.ui.deliver_label.clone()
                        } else {
                            script.ui.reference_label.clone()
                        }
                    }),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let title = script.running_head().unwrap_or_default();
    let view = HtmlScript {
        lang: script.columns[main].lang.to_string(),
        css: css(script, &title),
        title,
        layout: match script.layout {
            Layout::Columns => "columns",
            Layout::Interleaved => "interleaved",
            Layout::Single => "single",
        },
        heads,
        ui_lang: script.ui.lang.to_string(),
        total: script.ui.total.clone(),
        breakdown: script.ui.breakdown.clone(),
        target: script.ui.target.clone(),
        over_target: script.timing.over_target().is_some(),
        column_heads,
        rows: match script.layout {
            Layout::Columns => column_rows(script),
            Layout::Interleaved | Layout::Single => flowing_rows(script),
        },
        end: script.ui.end.clone(),
        page_height_mm: format!(
            "{:.1}",
            script.paper.millimetres().1 - MARGINS_MM[0] - MARGINS_MM[2]
        ),
        density: match script.density {
            Density::Compact => "compact",
            Density::Normal => "normal",
            Density::Spacious => "spacious",
        },
        continued: script.ui.continued.clone(),
        paginate: PAGINATE_JS,
    };
    view.render().map_err(|e| ScriptError::Render {
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_break_out() {
        assert_eq!(
            css_string(r#"a "b" \ </style>"#),
            r#""a \"b\" \\ \3C /style\3E ""#
        );
    }

    #[test]
    fn page_labels_become_css_counters() {
        let parts = [
            PagePart::Text("page ".into()),
            PagePart::Page,
            PagePart::Text(" of ".into()),
            PagePart::Pages,
        ];
        assert_eq!(
            page_content(&parts),
            r#""page " counter(page) " of " counter(pages)"#
        );
    }
}
