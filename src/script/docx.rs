//! The Word script: a two-column table, the way translators lay out bilingual copies in Word
//! (one row per aligned segment, rows that do not break across pages), cues in italics, page
//! numbers as Word fields. Plain editable paragraphs and tables, no content controls, so the
//! speaker's office can still change a word before printing.

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, NumPages, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Table, TableCell, TableRow, WidthType,
};

use super::error::ScriptError;
use super::model::{Item, Layout, PagePart, Row, Script};
use super::plain::{cue_text, flowing_parts};

/// The font Word is asked for, with common fallbacks chosen by Word itself.
const FONT: &str = "Arial";
/// Left and right page margins, in twentieths of a point (25 mm).
const SIDE_MARGIN: i32 = 1417;

fn half_points(points: f32) -> usize {
    (points * 2.0).round() as usize
}

fn paragraph(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(text).size(size))
        .line_spacing(LineSpacing::new().line(360).after(120))
        .keep_lines(true)
}

fn item_paragraph(
    item: &Item,
    lang: &unic_langid::LanguageIdentifier,
    size: usize,
    dim: bool,
) -> Paragraph {
    let mut run = match item {
        Item::Text { text, .. } => Run::new().add_text(text),
        Item::Cue(cue) => Run::new().add_text(cue_text(cue, lang)).italic().bold(),
    };
    run = run.size(size);
    if dim {
        run = run.color("666666");
    }
    Paragraph::new()
        .add_run(run)
        .line_spacing(LineSpacing::new().line(360).after(80))
        .keep_lines(true)
}

fn cell(script: &Script, row: &Row, column: usize, width: usize, size: usize) -> TableCell {
    let lang = &script.columns[column].lang;
    let dim = row.deliver != column;
    let mut cell = TableCell::new().width(width, WidthType::Dxa);
    let items = &row.cells[column].items;
    if items.is_empty() {
        return cell.add_paragraph(Paragraph::new());
    }
    for item in items {
        cell = cell.add_paragraph(item_paragraph(
            item,
            lang,
            if dim { size * 85 / 100 } else { size },
            dim,
        ));
    }
    cell
}

fn footer(script: &Script) -> Footer {
    let mut p = Paragraph::new().align(AlignmentType::Center);
    for part in &script.ui.page_label {
        p = match part {
            PagePart::Text(text) => p.add_run(Run::new().add_text(text).size(20)),
            PagePart::Page => p.add_page_num(PageNum::new()),
            PagePart::Pages => p.add_num_pages(NumPages::new()),
        };
    }
    Footer::new().add_paragraph(p)
}

/// Renders a script as a Word document (the bytes of a .docx file).
pub fn render_docx(script: &Script) -> Result<Vec<u8>, ScriptError> {
    let size = half_points(script.font_size_pt);
    let small = half_points(script.font_size_pt * 0.8);
    let (page_width, page_height) = script.paper.twips();
    let text_width = page_width as usize - 2 * SIDE_MARGIN as usize;
    let mut doc = Docx::new()
        .page_size(page_width, page_height)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1247)
                .left(SIDE_MARGIN)
                .right(SIDE_MARGIN)
                .header(567)
                .footer(567),
        )
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
        .default_size(size)
        .footer(footer(script));

    doc = header_paragraphs(doc, script, size, small);
    doc = if script.layout == Layout::Columns && script.columns.len() > 1 {
        columns_table(doc, script, text_width, size, small)
    } else {
        flowing_paragraphs(doc, script, size)
    };
    doc = doc.add_paragraph(
        Paragraph::new().align(AlignmentType::Center).add_run(
            Run::new()
                .add_text(&script.ui.end)
                .bold()
                .size(time_mark_size(size)),
        ),
    );

    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| ScriptError::Render {
            reason: e.to_string(),
        })?;
    Ok(bytes.into_inner())
}

/// The size of a time mark, in half-points: near the reading size (85 %), so that the speaker
/// reads it at arm's length, as in the HTML and PDF scripts.
fn time_mark_size(reading: usize) -> usize {
    reading * 85 / 100
}

/// The header of each column shown (title, speaker, event, place and date, note), then the
/// timing: total, breakdown and target.
fn header_paragraphs(mut doc: Docx, script: &Script, size: usize, small: usize) -> Docx {
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
            doc = doc.add_paragraph(paragraph(line, small));
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
        doc = doc.add_paragraph(paragraph(line, small));
    }
    if let Some(target) = &script.ui.target {
        let mut run = Run::new().add_text(target).size(small);
        if script.timing.over_target().is_some() {
            run = run.bold().color("A00000");
        }
        doc = doc.add_paragraph(Paragraph::new().add_run(run));
    }
    doc
}

/// Side-by-side columns: a table with a row per paired row, the time marks in rows of their own.
fn columns_table(
    mut doc: Docx,
    script: &Script,
    text_width: usize,
    size: usize,
    small: usize,
) -> Docx {
    let width = text_width / script.columns.len();
    let mut rows = vec![TableRow::new(
        script
            .columns
            .iter()
            .map(|c| {
                TableCell::new().width(width, WidthType::Dxa).add_paragraph(
                    Paragraph::new().add_run(Run::new().add_text(&c.name).bold().size(small)),
                )
            })
            .collect(),
    )
    .cant_split()];
    for block in &script.blocks {
        if let Some(mark) = &block.time_mark {
            let mut cells: Vec<TableCell> = Vec::new();
            for c in 0..script.columns.len() {
                let text = if c == 0 { mark.text.as_str() } else { "" };
                cells.push(
                    TableCell::new().width(width, WidthType::Dxa).add_paragraph(
                        Paragraph::new()
                            .add_run(Run::new().add_text(text).size(time_mark_size(size)).bold())
                            .keep_next(true),
                    ),
                );
            }
            rows.push(TableRow::new(cells).cant_split());
        }
        for row in &block.rows {
            let cells = (0..script.columns.len())
                .map(|c| cell(script, row, c, width, size))
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
    }
    doc = doc.add_table(
        Table::new(rows)
            .set_grid(vec![width; script.columns.len()])
            .width(text_width, WidthType::Dxa),
    );
    doc
}

/// One column after the other: each block's delivered language, then the others dimmed.
fn flowing_paragraphs(mut doc: Docx, script: &Script, size: usize) -> Docx {
    for block in &script.blocks {
        if let Some(mark) = &block.time_mark {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .add_run(
                        Run::new()
                            .add_text(&mark.text)
                            .size(time_mark_size(size))
                            .bold(),
                    )
                    .keep_next(true),
            );
        }
        for (part, (column, items)) in flowing_parts(script, block).into_iter().enumerate() {
            let dim = part > 0;
            let item_size = if dim { size * 85 / 100 } else { size };
            for item in items {
                doc = doc.add_paragraph(item_paragraph(
                    item,
                    &script.columns[column].lang,
                    item_size,
                    dim,
                ));
            }
        }
    }
    doc
}
