//! The Word script: a two-column table, the way translators lay out bilingual copies in Word
//! (one row per aligned segment), with what the HTML and PDF scripts have: a running head in
//! the page header from page 2 on, "page 2 of 5" in the footer as Word fields, the column
//! headings repeated at the top of every page, cues set apart in a shaded box, pronunciations
//! in small type after the names, and the density's rule for page breaks. Plain editable
//! paragraphs and tables, no content controls, so the speaker's office can still change a
//! word before printing.
//!
//! Density in Word: with `normal` and `spacious` a row never splits across pages
//! (`w:cantSplit`); with `compact` a row that holds several sentences (or cues) in a cell may
//! split, but each sentence keeps its lines together (`w:keepLines`), so Word breaks only
//! between sentences; a row of one sentence a side stays whole. Word cannot print a
//! "(continued)" mark where it breaks a row (its page breaks are made when it lays out the
//! pages, which a document cannot react to): that mark is left to the HTML and PDF scripts.

use docx_rs::{
    AlignmentType, BorderType, Docx, FieldCharType, Footer, Header, InstrNUMPAGES, InstrPAGE,
    InstrText, LineSpacing, PageMargin, Paragraph, ParagraphBorder, ParagraphBorderPosition, Run,
    RunFonts, Shading, Table, TableCell, TableCellBorder, TableCellBorderPosition, TableRow,
    WidthType, XMLDocx,
};
use unic_langid::LanguageIdentifier;

use super::error::ScriptError;
use super::html::text_parts;
use super::model::{Density, Item, Layout, PagePart, Pronunciation, Row, Script};
use super::plain::{cue_text, flowing_parts};

/// The font Word is asked for, with common fallbacks chosen by Word itself.
const FONT: &str = "Arial";
/// Left and right page margins, in twentieths of a point (25 mm, as the HTML's `@page`).
const SIDE_MARGIN: i32 = 1417;
/// Top page margin, in twentieths of a point (20 mm, as the HTML's `@page`).
const TOP_MARGIN: i32 = 1134;
/// Bottom page margin, in twentieths of a point (22 mm, as the HTML's `@page`).
const BOTTOM_MARGIN: i32 = 1247;
/// Distance of the header and the footer from the page edge, in twentieths of a point
/// (10 mm): inside the top and bottom margins.
const HEADER_FOOTER_DISTANCE: i32 = 567;

/// Size of the page-number label and its numbers, in half-points (10 pt, as the HTML's
/// `@bottom-center`).
const PAGE_LABEL_SIZE: usize = 20;
/// Colour of the page-number label (the HTML's `#333`).
const PAGE_LABEL_COLOR: &str = "333333";
/// Size of the running head, in half-points (9 pt, as the HTML's `@top-left`): small, so it
/// is never mistaken for text to read.
const RUNNING_HEAD_SIZE: usize = 18;
/// Colour of the running head (the HTML's `#555`).
const RUNNING_HEAD_COLOR: &str = "555555";

/// Size of the language not read, in per cent of the reading size: smaller, so the eye stays
/// on the column read (the HTML's `.84em`).
const OTHER_PERCENT: usize = 85;
/// Colour of the language not read: grey, still legible at arm's length.
const OTHER_COLOR: &str = "666666";
/// Size of a pronunciation, in per cent of its text's size (the HTML's `.62em`): clearly an
/// aside, not a word to read out.
const PRONUNCIATION_PERCENT: usize = 62;
/// Colour of a pronunciation in the column read (the HTML's `#333`).
const PRONUNCIATION_COLOR: &str = "333333";

/// Fill of a cue in the column read (the HTML's `#e9e9e9`): a light grey box the speaker sees
/// before reading the words.
const CUE_FILL: &str = "E9E9E9";
/// Fill of a cue in the other column (the HTML's `#f4f4f4`), lighter like its text.
const OTHER_CUE_FILL: &str = "F4F4F4";
/// Border colour of a cue in the column read.
const CUE_BORDER_COLOR: &str = "000000";
/// Border colour of a cue in the other column (the HTML's `#999`).
const OTHER_CUE_BORDER_COLOR: &str = "999999";
/// Width of a cue's border, in eighths of a point (1.5 pt, as the HTML's).
const CUE_BORDER_SIZE: usize = 12;
/// Gap between a cue's text and its border, in points.
const CUE_BORDER_SPACE: usize = 2;

/// Width of the rule under the column headings, in eighths of a point (1.5 pt, as the HTML's).
const HEADING_RULE_SIZE: usize = 12;
/// Colour of the heading of the column not read (the HTML's `#555`).
const OTHER_HEADING_COLOR: &str = "555555";
/// Colour of a target verdict that is over the target.
const OVER_TARGET_COLOR: &str = "A00000";

/// Line spacing of the page-1 header lines, in 240ths of a line (1.5 lines).
const HEADER_LINE: i32 = 360;
/// Space after a page-1 header line, in twentieths of a point (6 pt).
const HEADER_AFTER: u32 = 120;

/// How paragraphs are spaced and rows kept whole, for one [`Density`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Spacing {
    /// Line spacing, in 240ths of a line (Word's "auto" rule).
    line: i32,
    /// Space after each sentence or cue, in twentieths of a point.
    after: u32,
    /// Whether every table row must stay on one page (`w:cantSplit`), even one that could
    /// break between two of its sentences.
    whole_rows: bool,
}

impl Spacing {
    /// The spacing of a density: 1.5 lines and 4 pt after each sentence in `normal` (the
    /// reading-copy rule); 1.3 lines and 2 pt in `compact`, whose point is fewer pages (the
    /// Dakar sample: 6 in LibreOffice, against 7) and whose rows may split; 1.8 lines and 8 pt
    /// in `spacious`, for a speaker who reads from further away.
    fn of(density: Density) -> Spacing {
        match density {
            Density::Compact => Spacing {
                line: 312,
                after: 40,
                whole_rows: false,
            },
            Density::Normal => Spacing {
                line: 360,
                after: 80,
                whole_rows: true,
            },
            Density::Spacious => Spacing {
                line: 432,
                after: 160,
                whole_rows: true,
            },
        }
    }

    fn line_spacing(self) -> LineSpacing {
        LineSpacing::new().line(self.line).after(self.after)
    }
}

/// The sizes and spacing the body of a script is set with, worked out once.
#[derive(Debug, Clone, Copy)]
struct Setting {
    /// Reading size, in half-points.
    size: usize,
    /// Size of header lines and column headings, in half-points (80 % of reading).
    small: usize,
    /// Spacing and page breaks.
    spacing: Spacing,
}

impl Setting {
    fn of(script: &Script) -> Setting {
        Setting {
            size: half_points(script.font_size_pt),
            small: half_points(script.font_size_pt * 0.8),
            spacing: Spacing::of(script.density),
        }
    }

    /// The size of the language read (`dim` false) or of the other one.
    fn item_size(self, dim: bool) -> usize {
        if dim {
            self.size * OTHER_PERCENT / 100
        } else {
            self.size
        }
    }
}

fn half_points(points: f32) -> usize {
    (points * 2.0).round() as usize
}

/// The size of a time mark, in half-points: near the reading size (85 %), so that the speaker
/// reads it at arm's length, as in the HTML and PDF scripts.
fn time_mark_size(reading: usize) -> usize {
    reading * 85 / 100
}

/// Renders a script as a Word document (the bytes of a .docx file).
pub fn render_docx(script: &Script) -> Result<Vec<u8>, ScriptError> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx_parts(script)
        .pack(&mut bytes)
        .map_err(|e| ScriptError::Render {
            reason: e.to_string(),
        })?;
    Ok(bytes.into_inner())
}

/// The package parts of the Word document, before they are zipped.
fn docx_parts(script: &Script) -> XMLDocx {
    let setting = Setting::of(script);
    let columns = script.layout == Layout::Columns && script.columns.len() > 1;
    let mut doc = page_setup(script);
    doc = header_paragraphs(doc, script, setting);
    doc = if columns {
        columns_table(doc, script, setting)
    } else {
        flowing_paragraphs(doc, script, setting)
    };
    doc = doc.add_paragraph(
        Paragraph::new().align(AlignmentType::Center).add_run(
            Run::new()
                .add_text(&script.ui.end)
                .bold()
                .size(time_mark_size(setting.size)),
        ),
    );
    let mut parts = doc.build();
    if columns {
        parts.document = repeat_first_row(parts.document);
    }
    parts
}

/// Paper, margins, fonts, the footer with page numbers and, when the script has one, the
/// running head in the header of every page but the first.
fn page_setup(script: &Script) -> Docx {
    let (page_width, page_height) = script.paper.twips();
    let mut doc = Docx::new()
        .page_size(page_width, page_height)
        .page_margin(
            PageMargin::new()
                .top(TOP_MARGIN)
                .bottom(BOTTOM_MARGIN)
                .left(SIDE_MARGIN)
                .right(SIDE_MARGIN)
                .header(HEADER_FOOTER_DISTANCE)
                .footer(HEADER_FOOTER_DISTANCE),
        )
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
        .default_size(half_points(script.font_size_pt))
        .footer(footer(script));
    if let Some(head) = script.running_head() {
        // The first page has its own (empty) header and the same footer: `w:titlePg`.
        doc = doc
            .header(running_head(&head))
            .first_header(Header::new().add_paragraph(Paragraph::new()))
            .first_footer(footer(script));
    }
    doc
}

/// The page header of pages after the first: the running head, small and grey.
fn running_head(head: &str) -> Header {
    Header::new().add_paragraph(
        Paragraph::new().add_run(
            Run::new()
                .add_text(head)
                .size(RUNNING_HEAD_SIZE)
                .color(RUNNING_HEAD_COLOR),
        ),
    )
}

/// The runs of one part of the page-number label: literal text, or a field (`PAGE`,
/// `NUMPAGES`) whose every run (begin, instruction, separator, result, end, one run each as
/// Word writes them, which LibreOffice needs to size the result) has the label's size and
/// colour.
fn page_label_runs(part: &PagePart) -> Vec<Run> {
    let run = || Run::new().size(PAGE_LABEL_SIZE).color(PAGE_LABEL_COLOR);
    let instr = match part {
        PagePart::Text(text) => return vec![run().add_text(text)],
        PagePart::Page => InstrText::PAGE(InstrPAGE::new()),
        PagePart::Pages => InstrText::NUMPAGES(InstrNUMPAGES::new()),
    };
    vec![
        run().add_field_char(FieldCharType::Begin, false),
        run().add_instr_text(instr),
        run().add_field_char(FieldCharType::Separate, false),
        run().add_text("1"),
        run().add_field_char(FieldCharType::End, false),
    ]
}

/// The footer: "page 2 of 5", centred.
fn footer(script: &Script) -> Footer {
    let p = script.ui.page_label.iter().flat_map(page_label_runs).fold(
        Paragraph::new().align(AlignmentType::Center),
        Paragraph::add_run,
    );
    Footer::new().add_paragraph(p)
}

/// Marks the first row of the document's table as its heading row (`w:tblHeader`), which
/// Word and LibreOffice repeat at the top of every page the table runs onto. docx-rs 0.4 has
/// no setter for it, so it goes into the built XML: the row's properties are the first
/// `<w:trPr>` after `<w:tbl>`, empty (`<w:trPr />`) or not.
fn repeat_first_row(document: Vec<u8>) -> Vec<u8> {
    const TABLE: &[u8] = b"<w:tbl>";
    const PROPERTIES: &[u8] = b"<w:trPr";
    const HEADING: &[u8] = b"<w:tblHeader />";
    let find = |from: usize, needle: &[u8]| {
        document[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| from + i)
    };
    let Some(start) = find(0, TABLE).and_then(|table| find(table, PROPERTIES)) else {
        debug_assert!(false, "the document has a table with rows");
        return document;
    };
    // Where the mark goes, how many bytes it replaces, and what goes in: after `<w:trPr>`,
    // or instead of `<w:trPr />`, opened, marked and closed.
    let tail = &document[start + PROPERTIES.len()..];
    let (at, removed, inserted) = if tail.starts_with(b">") {
        (start + PROPERTIES.len() + 1, 0, HEADING.to_vec())
    } else if tail.starts_with(b" />") {
        let inserted = [b"<w:trPr>", HEADING, b"</w:trPr>"].concat();
        (start, PROPERTIES.len() + 3, inserted)
    } else {
        debug_assert!(false, "unexpected row properties");
        return document;
    };
    let mut out = Vec::with_capacity(document.len() + inserted.len());
    out.extend_from_slice(&document[..at]);
    out.extend_from_slice(&inserted);
    out.extend_from_slice(&document[at + removed..]);
    out
}

/// A page-1 header line: small, 1.5 lines.
fn header_line(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(text).size(size))
        .line_spacing(LineSpacing::new().line(HEADER_LINE).after(HEADER_AFTER))
        .keep_lines(true)
}

/// The runs of a text: the text cut after each name that has a pronunciation, each
/// pronunciation as " (say)" in small, upright, regular type.
fn text_runs(text: &str, pronunciations: &[Pronunciation], size: usize, dim: bool) -> Vec<Run> {
    let mut runs = Vec::new();
    for (piece, say) in text_parts(text, pronunciations) {
        if !piece.is_empty() {
            let run = Run::new().add_text(piece).size(size);
            runs.push(if dim { run.color(OTHER_COLOR) } else { run });
        }
        if let Some(say) = say {
            runs.push(
                Run::new()
                    .add_text(format!(" ({say})"))
                    .size(size * PRONUNCIATION_PERCENT / 100)
                    .color(if dim {
                        OTHER_COLOR
                    } else {
                        PRONUNCIATION_COLOR
                    })
                    .disable_bold()
                    .disable_italic(),
            );
        }
    }
    runs
}

/// A cue: bold italics in a shaded, bordered box (lighter in the other column).
fn cue_paragraph(text: String, size: usize, dim: bool) -> Paragraph {
    let (fill, border_color) = if dim {
        (OTHER_CUE_FILL, OTHER_CUE_BORDER_COLOR)
    } else {
        (CUE_FILL, CUE_BORDER_COLOR)
    };
    let run = Run::new().add_text(text).italic().bold().size(size);
    let mut p = Paragraph::new().add_run(if dim { run.color(OTHER_COLOR) } else { run });
    let border = |position| {
        ParagraphBorder::new(position)
            .val(BorderType::Single)
            .size(CUE_BORDER_SIZE)
            .space(CUE_BORDER_SPACE)
            .color(border_color)
    };
    p.property = p
        .property
        .shading(Shading::new().fill(fill))
        .set_border(border(ParagraphBorderPosition::Top))
        .set_border(border(ParagraphBorderPosition::Left))
        .set_border(border(ParagraphBorderPosition::Bottom))
        .set_border(border(ParagraphBorderPosition::Right));
    p
}

/// One item of a cell or of a flowing part, as a paragraph that keeps its lines together.
fn item_paragraph(
    item: &Item,
    lang: &LanguageIdentifier,
    setting: Setting,
    dim: bool,
) -> Paragraph {
    let size = setting.item_size(dim);
    let p = match item {
        Item::Text {
            text,
            pronunciations,
            ..
        } => text_runs(text, pronunciations, size, dim)
            .into_iter()
            .fold(Paragraph::new(), Paragraph::add_run),
        Item::Cue(cue) => cue_paragraph(cue_text(cue, lang), size, dim),
    };
    p.line_spacing(setting.spacing.line_spacing())
        .keep_lines(true)
}

/// The header of each column shown (title, speaker, event, place and date, note), then the
/// timing: total, breakdown and target.
fn header_paragraphs(mut doc: Docx, script: &Script, setting: Setting) -> Docx {
    let Setting { size, small, .. } = setting;
    let main = script.main_column();
    for (i, column) in script.columns.iter().enumerate() {
        if script.layout == Layout::Single && i != main {
            continue;
        }
        let h = &column.header;
        if let Some(title) = &h.title {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(title).bold().size(size + 4)),
            );
        }
        for line in [&h.speaker, &h.event, &h.place_date].into_iter().flatten() {
            doc = doc.add_paragraph(header_line(line, small));
        }
        if let Some(note) = &h.note {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(note.to_uppercase()).bold().size(small)),
            );
        }
    }
    doc = doc.add_paragraph(
        Paragraph::new().add_run(Run::new().add_text(&script.ui.total).bold().size(size)),
    );
    for line in &script.ui.breakdown {
        doc = doc.add_paragraph(header_line(line, small));
    }
    if let Some(target) = &script.ui.target {
        let mut run = Run::new().add_text(target).size(small);
        if script.timing.over_target().is_some() {
            run = run.bold().color(OVER_TARGET_COLOR);
        }
        doc = doc.add_paragraph(Paragraph::new().add_run(run));
    }
    doc
}

/// The heading row of the columns table: each language's name and, unless the speaker
/// changes language (`mixed`), its role ("read aloud", "for reference"), over a rule. Word
/// repeats it on every page (see [`repeat_first_row`]).
fn heading_row(script: &Script, width: usize, small: usize) -> TableRow {
    let main = script.main_column();
    let cells = script
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let tint = |run: Run| {
                if script.mixed || i == main {
                    run
                } else {
                    run.color(OTHER_HEADING_COLOR)
                }
            };
            let mut p = Paragraph::new()
                .add_run(tint(Run::new().add_text(&column.name).bold().size(small)));
            if !script.mixed {
                let role = if i == main {
                    &script.ui.deliver_label
                } else {
                    &script.ui.reference_label
                };
                p = p.add_run(tint(Run::new().add_text(format!(" {role}")).size(small)));
            }
            TableCell::new()
                .width(width, WidthType::Dxa)
                .set_border(
                    TableCellBorder::new(TableCellBorderPosition::Bottom)
                        .size(HEADING_RULE_SIZE)
                        .color("000000"),
                )
                .add_paragraph(p)
        })
        .collect();
    TableRow::new(cells).cant_split()
}

/// One cell of a row: its items, the language not read dimmed.
fn cell(script: &Script, row: &Row, column: usize, width: usize, setting: Setting) -> TableCell {
    let lang = &script.columns[column].lang;
    let dim = row.deliver != column;
    let cell = TableCell::new().width(width, WidthType::Dxa);
    let items = &row.cells[column].items;
    if items.is_empty() {
        return cell.add_paragraph(Paragraph::new());
    }
    items.iter().fold(cell, |cell, item| {
        cell.add_paragraph(item_paragraph(item, lang, setting, dim))
    })
}

/// A row of the table. A row stays on one page (`w:cantSplit`) unless the density lets rows
/// split and a cell of it has several items: a page break can then fall between two of
/// them, where each keeps its lines together. A row of one sentence a side could only break
/// inside it, so it stays whole at every density (LibreOffice, unlike Word, does not keep a
/// paragraph's lines together in a row that splits: whole rows spare it too).
fn body_row(script_row: &Row, cells: Vec<TableCell>, spacing: Spacing) -> TableRow {
    let row = TableRow::new(cells);
    let divisible = script_row.cells.iter().any(|c| c.items.len() > 1);
    if spacing.whole_rows || !divisible {
        row.cant_split()
    } else {
        row
    }
}

/// Side-by-side columns: a table with the heading row, then a row per paired row, the time
/// marks in rows of their own kept with the row after them.
fn columns_table(doc: Docx, script: &Script, setting: Setting) -> Docx {
    let (page_width, _) = script.paper.twips();
    let text_width = page_width as usize - 2 * SIDE_MARGIN as usize;
    let count = script.columns.len();
    let width = text_width / count;
    let mut rows = vec![heading_row(script, width, setting.small)];
    for block in &script.blocks {
        if let Some(mark) = &block.time_mark {
            let cells = (0..count)
                .map(|c| {
                    let text = if c == 0 { mark.text.as_str() } else { "" };
                    TableCell::new().width(width, WidthType::Dxa).add_paragraph(
                        Paragraph::new()
                            .add_run(
                                Run::new()
                                    .add_text(text)
                                    .size(time_mark_size(setting.size))
                                    .bold(),
                            )
                            .keep_next(true),
                    )
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        for row in &block.rows {
            let cells = (0..count)
                .map(|c| cell(script, row, c, width, setting))
                .collect();
            rows.push(body_row(row, cells, setting.spacing));
        }
    }
    doc.add_table(
        Table::new(rows)
            .set_grid(vec![width; count])
            .width(text_width, WidthType::Dxa),
    )
}

/// One column after the other: each block's delivered language, then the others dimmed.
fn flowing_paragraphs(mut doc: Docx, script: &Script, setting: Setting) -> Docx {
    for block in &script.blocks {
        if let Some(mark) = &block.time_mark {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .add_run(
                        Run::new()
                            .add_text(&mark.text)
                            .size(time_mark_size(setting.size))
                            .bold(),
                    )
                    .keep_next(true),
            );
        }
        for (part, (column, items)) in flowing_parts(script, block).into_iter().enumerate() {
            let dim = part > 0;
            for item in items {
                doc = doc.add_paragraph(item_paragraph(
                    item,
                    &script.columns[column].lang,
                    setting,
                    dim,
                ));
            }
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::{compose, ScriptOptions};
    use crate::textfile::Origin;

    /// The harbour fixture (title, cues, two languages) composed with `density`.
    fn harbour(density: Density) -> Script {
        let read = |name: &str| {
            let path = format!(
                "{}/tests/fixtures/script/{name}",
                env!("CARGO_MANIFEST_DIR")
            );
            crate::speech::read(&Origin::from_arg(&path), None).unwrap()
        };
        let options = ScriptOptions {
            density,
            ..ScriptOptions::default()
        };
        compose(
            &read("harbour.en.txt"),
            Some(&read("harbour.fr.txt")),
            &options,
        )
        .unwrap()
    }

    fn xml(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn document(script: &Script) -> String {
        xml(&docx_parts(script).document)
    }

    /// The `<w:r>…</w:r>` run that holds `text`.
    fn run_with<'a>(xml: &'a str, text: &str) -> &'a str {
        let at = xml
            .find(text)
            .unwrap_or_else(|| panic!("no {text} in {xml}"));
        let start = xml[..at].rfind("<w:r>").unwrap();
        let end = at + xml[at..].find("</w:r>").unwrap();
        &xml[start..end]
    }

    #[test]
    fn the_heading_row_repeats_on_every_page_and_says_which_column_is_read() {
        let doc = document(&harbour(Density::Normal));
        assert_eq!(doc.matches("<w:tblHeader />").count(), 1, "{doc}");
        let row = &doc[doc.find("<w:tr>").unwrap()..doc.find("</w:tr>").unwrap()];
        assert!(row.contains("<w:tblHeader />"), "{row}");
        for text in ["English", " read aloud", "Français", " for reference"] {
            assert!(row.contains(&format!(">{text}<")), "{text}: {row}");
        }
    }

    #[test]
    fn mixed_delivery_names_the_columns_without_roles() {
        let mut script = harbour(Density::Normal);
        script.mixed = true;
        let doc = document(&script);
        let row = &doc[doc.find("<w:tr>").unwrap()..doc.find("</w:tr>").unwrap()];
        assert!(
            row.contains(">English<") && row.contains(">Français<"),
            "{row}"
        );
        assert!(!row.contains("read aloud") && !row.contains("for reference"));
    }

    /// The `<w:tr>…</w:tr>` row that holds `text`.
    fn row_with<'a>(xml: &'a str, text: &str) -> &'a str {
        let at = xml
            .find(text)
            .unwrap_or_else(|| panic!("no {text} in {xml}"));
        let start = xml[..at].rfind("<w:tr>").unwrap();
        &xml[start..at + xml[at..].find("</w:tr>").unwrap()]
    }

    #[test]
    fn rows_stay_whole_unless_compact_where_only_sentences_do() {
        // "It is a joy…" gets a second sentence in its row; the other rows have one a side.
        let first = "It is a joy to stand on this quay.";
        let mut script = harbour(Density::Compact);
        let row = script
            .blocks
            .iter_mut()
            .flat_map(|b| &mut b.rows)
            .find(|r| matches!(&r.cells[0].items[0], Item::Text { text, .. } if text == first))
            .expect("the row of the first sentence");
        let again = row.cells[0].items[0].clone();
        row.cells[0].items.push(again);
        let rows = |doc: &str| doc.matches("<w:tr>").count();
        for density in [Density::Normal, Density::Spacious] {
            let doc = document(&harbour(density));
            assert_eq!(
                doc.matches("<w:cantSplit />").count(),
                rows(&doc),
                "{density:?}"
            );
        }
        let compact = document(&script);
        assert!(!row_with(&compact, first).contains("cantSplit"));
        assert!(row_with(&compact, ">Twelve months ago").contains("<w:cantSplit />"));
        assert!(row_with(&compact, ">Minister,<").contains("<w:cantSplit />"));
        assert!(row_with(&compact, ">English<").contains("<w:cantSplit />"));
        // Each sentence of a row that may split keeps its lines together.
        let at = compact.find(first).unwrap();
        let paragraph = &compact[compact[..at].rfind("<w:p ").unwrap()..at];
        assert!(paragraph.contains("<w:keepLines />"), "{paragraph}");
    }

    #[test]
    fn density_sets_the_line_spacing() {
        let line = |density| {
            let doc = document(&harbour(density));
            let at = doc.find("It is a joy").unwrap();
            let spacing = &doc[doc[..at].rfind("<w:spacing").unwrap()..at];
            spacing[..spacing.find("/>").unwrap()].to_owned()
        };
        assert!(line(Density::Compact).contains(r#"w:line="312""#));
        assert!(line(Density::Normal).contains(r#"w:line="360""#));
        assert!(line(Density::Spacious).contains(r#"w:line="432""#));
        assert!(line(Density::Spacious).contains(r#"w:after="160""#));
    }

    #[test]
    fn cues_are_shaded_and_boxed() {
        let doc = document(&harbour(Density::Normal));
        let at = doc.find("[Minute of silence").unwrap();
        let paragraph = &doc[doc[..at].rfind("<w:p ").unwrap()..at];
        assert!(paragraph.contains(r#"w:fill="E9E9E9""#), "{paragraph}");
        assert!(paragraph.contains("<w:pBdr>"), "{paragraph}");
        let run = run_with(&doc, "[Minute of silence");
        assert!(run.contains("<w:b />") && run.contains("<w:i />"), "{run}");
        // In the column not read, lighter.
        let at = doc.find("[Minute de silence").unwrap();
        let paragraph = &doc[doc[..at].rfind("<w:p ").unwrap()..at];
        assert!(paragraph.contains(r#"w:fill="F4F4F4""#), "{paragraph}");
    }

    #[test]
    fn a_pronunciation_follows_the_name_in_small_regular_type() {
        let mut script = harbour(Density::Normal);
        let Item::Text {
            text,
            pronunciations,
            ..
        } = &mut script.blocks[0].rows[0].cells[0].items[0]
        else {
            panic!("the first item is the salutation");
        };
        assert_eq!(text, "Minister,");
        pronunciations.push(Pronunciation {
            after: "Minister".len(),
            say: "MIN-is-ter".into(),
        });
        let doc = document(&script);
        let size = half_points(script.font_size_pt);
        let name = run_with(&doc, ">Minister<");
        assert!(
            name.contains(&format!(r#"<w:sz w:val="{size}" />"#)),
            "{name}"
        );
        let say = run_with(&doc, "> (MIN-is-ter)<");
        let small = size * PRONUNCIATION_PERCENT / 100;
        assert!(
            say.contains(&format!(r#"<w:sz w:val="{small}" />"#)),
            "{say}"
        );
        assert!(
            !say.contains("<w:b />") && !say.contains("<w:i />"),
            "{say}"
        );
        // The rest of the text follows, in reading size.
        let rest = run_with(&doc, ">,<");
        assert!(
            rest.contains(&format!(r#"<w:sz w:val="{size}" />"#)),
            "{rest}"
        );
        assert!(doc.find("> (MIN-is-ter)<").unwrap() < doc.find(">,<").unwrap());
    }

    #[test]
    fn the_running_head_is_in_a_header_of_every_page_but_the_first() {
        let script = harbour(Density::Normal);
        let parts = docx_parts(&script);
        let head = script.running_head().unwrap();
        let headers: Vec<String> = parts.headers.iter().map(|h| xml(h)).collect();
        assert_eq!(headers.len(), 2);
        assert!(headers[0].contains(&head), "{}", headers[0]);
        assert!(headers[0].contains(&format!(r#"<w:sz w:val="{RUNNING_HEAD_SIZE}" />"#)));
        assert!(
            !headers[1].contains("<w:t"),
            "the first page's header is empty"
        );
        let doc = xml(&parts.document);
        assert!(
            doc.contains(r#"<w:headerReference w:type="default""#),
            "{doc}"
        );
        assert!(doc.contains(r#"<w:headerReference w:type="first""#));
        assert!(doc.contains("<w:titlePg />"));
        // Page 1 keeps its page number.
        assert_eq!(parts.footers.len(), 2);
        assert!(doc.contains(r#"<w:footerReference w:type="first""#));
        // And the packed file has the parts.
        let bytes = render_docx(&script).unwrap();
        let has = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
        assert!(has(b"word/header1.xml") && has(b"word/header2.xml"));
    }

    #[test]
    fn without_a_running_head_there_is_no_header() {
        let mut script = harbour(Density::Normal);
        for column in &mut script.columns {
            column.header.title = None;
            column.header.event = None;
        }
        assert_eq!(script.running_head(), None);
        let parts = docx_parts(&script);
        assert!(parts.headers.is_empty());
        assert_eq!(parts.footers.len(), 1);
        assert!(!xml(&parts.document).contains("titlePg"));
    }

    #[test]
    fn page_numbers_are_fields_as_large_as_their_label() {
        let parts = docx_parts(&harbour(Density::Normal));
        let footer = xml(&parts.footers[0]);
        assert!(
            footer.contains("<w:instrText>PAGE</w:instrText>"),
            "{footer}"
        );
        assert!(
            footer.contains("<w:instrText>NUMPAGES</w:instrText>"),
            "{footer}"
        );
        let runs: Vec<&str> = footer.split("<w:r>").skip(1).collect();
        assert_eq!(runs.len(), 12, "page, a field, of, a field: {footer}");
        for run in runs {
            assert!(
                run.contains(&format!(r#"<w:sz w:val="{PAGE_LABEL_SIZE}" />"#)),
                "{run}"
            );
        }
    }

    #[test]
    fn the_heading_mark_goes_into_open_or_empty_row_properties() {
        let open = b"<w:p /><w:tbl><w:tblPr /><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr /></w:tr></w:tbl>";
        assert_eq!(
            xml(&repeat_first_row(open.to_vec())),
            "<w:p /><w:tbl><w:tblPr /><w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr /></w:tr></w:tbl>"
        );
        let empty = b"<w:tbl><w:tr><w:trPr /><w:tc /></w:tr><w:tr><w:trPr /></w:tr></w:tbl>";
        assert_eq!(
            xml(&repeat_first_row(empty.to_vec())),
            "<w:tbl><w:tr><w:trPr><w:tblHeader /></w:trPr><w:tc /></w:tr><w:tr><w:trPr /></w:tr></w:tbl>"
        );
    }
}
