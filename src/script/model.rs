//! What a speaker script holds, independent of its format: columns (one per language), blocks
//! of rows, cues with their labels, time marks and the timing summary. Every text in it is
//! final (localised, typeset): the renderers only lay it out.

use unic_langid::LanguageIdentifier;

use crate::speech::{BlockKind, DirectionKind, LanguageTime, SegmentKind};

/// How the languages are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One row per aligned segment, the languages side by side.
    Columns,
    /// Each paragraph in the language read, then in the other.
    Interleaved,
    /// The language read only, in large type.
    Single,
}

/// How tightly a printed script is set: how much of a page it fills, and whether a row may
/// break across pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Density {
    /// Tighter spacing, and a row may break across pages between two of its sentences (never
    /// inside one), marked "(continued)" where it resumes.
    Compact,
    /// Rows never break; a page end leaves at most a third of the page blank unless the next
    /// row would not fit in it.
    #[default]
    Normal,
    /// More air between rows and lines, for a speaker who reads from further away; rows never
    /// break.
    Spacious,
}

/// Paper size of printed scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4 (210 × 297 mm), used at the UN and in most of the world.
    A4,
    /// US Letter (8.5 × 11 in).
    Letter,
}

impl Paper {
    /// The CSS `@page size` keyword.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }

    /// Width and height in millimetres.
    pub fn millimetres(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }

    /// Width and height in twentieths of a point (Word's unit).
    pub fn twips(self) -> (u32, u32) {
        match self {
            Paper::A4 => (11906, 16838),
            Paper::Letter => (12240, 15840),
        }
    }
}

/// The note on how the text relates to what is said, printed in the header of each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryNote {
    /// "Check against delivery": the speaker may depart from the text.
    CheckAgainstDelivery,
    /// "Read out verbatim": a message read on someone's behalf, word for word.
    Verbatim,
    /// No note.
    None,
}

/// One language of the script and its header, in that language.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The language.
    pub lang: LanguageIdentifier,
    /// Its name in itself ("English", "Français"), for column headings.
    pub name: String,
    /// Title, speaker and the like, typeset for the language.
    pub header: Header,
}

/// The header of one language on page 1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// Title of the remarks.
    pub title: Option<String>,
    /// Who delivers them.
    pub speaker: Option<String>,
    /// The event.
    pub event: Option<String>,
    /// Place and date on one line, the date written in full.
    pub place_date: Option<String>,
    /// The delivery note ("Check against delivery").
    pub note: Option<String>,
}

/// A stage direction as the speaker sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// What happens.
    pub kind: DirectionKind,
    /// The label in the reading language, with the duration ("Minute of silence — 1:00").
    pub label: String,
    /// The original wording when it says more than the label ("Turn to the Governor").
    pub detail: Option<String>,
    /// Duration in seconds, when timed.
    pub seconds: Option<u32>,
}

/// One item of a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A segment of text, typeset.
    Text {
        /// The text.
        text: String,
        /// What it is (sentence, salutation, heading…).
        kind: SegmentKind,
        /// Its language, when it differs from the column's (a passage in another language).
        foreign: Option<LanguageIdentifier>,
        /// How to say the names in it the writer marked (`Annadif{pron=an-na-DIF}`), each to be
        /// printed just after the name, in smaller type.
        pronunciations: Vec<Pronunciation>,
    },
    /// A stage direction.
    Cue(Cue),
}

/// How a name is said, printed beside it in the script.
#[derive(Debug, Clone, PartialEq)]
pub struct Pronunciation {
    /// Byte offset in the item's text just after the name.
    pub after: usize,
    /// The pronunciation as the writer spelled it ("an-na-DIF").
    pub say: String,
}

impl Item {
    /// Whether the item is a stage direction.
    pub fn is_cue(&self) -> bool {
        matches!(self, Item::Cue(_))
    }
}

/// The items of one language in one row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// Text and cues, in order.
    pub items: Vec<Item>,
}

impl Cell {
    /// Whether the language has nothing in this row.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// One row: a cell per column, and which column the speaker reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One cell per [`Column`], in column order.
    pub cells: Vec<Cell>,
    /// Index of the column read aloud in this row.
    pub deliver: usize,
    /// Estimated time before this row, in seconds.
    pub elapsed: u32,
}

impl Row {
    /// Whether the row holds only stage directions.
    pub fn is_cue(&self) -> bool {
        self.cells.iter().all(|c| c.items.iter().all(Item::is_cue))
    }
}

/// An estimated time mark, shown where a paragraph starts.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeMark {
    /// Time before the paragraph, in seconds.
    pub elapsed: u32,
    /// Time from the paragraph to the end, in seconds.
    pub remaining: u32,
    /// The mark as shown ("1:05 · 4:55 left"), in the interface language.
    pub text: String,
}

/// Rows that belong to one block of the speech (a paragraph, a salutation…).
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptBlock {
    /// What the block is.
    pub kind: BlockKind,
    /// The time mark, for paragraphs.
    pub time_mark: Option<TimeMark>,
    /// Its rows.
    pub rows: Vec<Row>,
}

/// The timing of the delivered text.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    /// Estimated total, in seconds: speaking plus timed directions.
    pub total_seconds: u32,
    /// The time the speaker has, when known.
    pub target_seconds: Option<u32>,
    /// Speaking time per language read.
    pub languages: Vec<LanguageTime>,
    /// Timed stage directions read.
    pub timed_directions: usize,
    /// Their duration.
    pub direction_seconds: u32,
}

impl Timing {
    /// Seconds over the target, when over it.
    pub fn over_target(&self) -> Option<u32> {
        self.target_seconds
            .filter(|t| self.total_seconds > *t)
            .map(|t| self.total_seconds - t)
    }
}

/// Texts in the interface language.
#[derive(Debug, Clone, PartialEq)]
pub struct UiTexts {
    /// The interface language.
    pub lang: LanguageIdentifier,
    /// "Estimated time: 6:12".
    pub total: String,
    /// One line per language read, and one for timed directions.
    pub breakdown: Vec<String>,
    /// The verdict against the target, when there is one.
    pub target: Option<String>,
    /// The page-number label split around its numbers: literal texts and placeholders, for
    /// CSS `counter(page)` / `counter(pages)` and Word fields.
    pub page_label: Vec<PagePart>,
    /// "read aloud", for the heading of the column read.
    pub deliver_label: String,
    /// "for reference", for the heading of the other column.
    pub reference_label: String,
    /// The end-of-speech mark after the last row ("End of the speech · 6:12"), so that the
    /// speaker knows the last page is the last.
    pub end: String,
    /// "(continued)", at the top of a page where a paragraph goes on.
    pub continued: String,
}

/// A piece of the "page 2 of 5" label.
#[derive(Debug, Clone, PartialEq)]
pub enum PagePart {
    /// Literal text.
    Text(String),
    /// The current page number.
    Page,
    /// The number of pages.
    Pages,
}

/// A speaker script, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    /// How the languages are laid out.
    pub layout: Layout,
    /// Paper size.
    pub paper: Paper,
    /// Body type size in points.
    pub font_size_pt: f32,
    /// How tightly pages are set.
    pub density: Density,
    /// The languages, in the order of the input files.
    pub columns: Vec<Column>,
    /// The blocks of rows.
    pub blocks: Vec<ScriptBlock>,
    /// Timing of the text read aloud.
    pub timing: Timing,
    /// Texts in the interface language.
    pub ui: UiTexts,
    /// Whether the speaker changes language during the speech (`--deliver mixed`).
    pub mixed: bool,
}

impl Script {
    /// All rows, in order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.blocks.iter().flat_map(|b| &b.rows)
    }

    /// The column read in most rows (the one a single-language header shows).
    pub fn main_column(&self) -> usize {
        let mut counts = vec![0usize; self.columns.len()];
        for row in self.rows() {
            counts[row.deliver] += 1;
        }
        counts
            .iter()
            .enumerate()
            .max_by_key(|(i, c)| (**c, std::cmp::Reverse(*i)))
            .map_or(0, |(i, _)| i)
    }

    /// The running head of pages after the first, in the main column's language: the front
    /// matter's title, else the speech's first heading, else the event; never a sentence of
    /// the speech. A long one is cut at a word, with an ellipsis.
    pub fn running_head(&self) -> Option<String> {
        let main = self.main_column();
        let header = &self.columns.get(main)?.header;
        let heading = || {
            self.rows().find_map(|r| {
                r.cells.get(main)?.items.iter().find_map(|i| match i {
                    Item::Text {
                        text,
                        kind: SegmentKind::Heading,
                        ..
                    } => Some(text.clone()),
                    _ => None,
                })
            })
        };
        let head = header
            .title
            .clone()
            .or_else(heading)
            .or_else(|| header.event.clone())?;
        Some(cut_at_word(&head, RUNNING_HEAD_CHARS))
    }
}

/// The longest running head, in characters: one line of the page's top margin.
pub const RUNNING_HEAD_CHARS: usize = 70;

/// `text` cut to at most `limit` characters at a word boundary, with an ellipsis when cut.
fn cut_at_word(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let needed = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if needed + 1 > limit {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(limit - 1).collect();
    }
    out.push('…');
    out
}
