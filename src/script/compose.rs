//! From one or two speeches to a [`Script`]: segment, pair the languages, decide which
//! language is read in each row, label the cues, typeset, and time the text read aloud.

use unic_langid::LanguageIdentifier;

use super::error::ScriptError;
use super::labels;
use super::model::{
    Cell, Column, DeliveryNote, Density, Header, Item, Layout, Paper, Pronunciation, Row, Script,
    ScriptBlock, TimeMark, Timing, UiTexts,
};
use super::pair::{pair_segments, PairedRow};
use crate::i18n::Localizer;
use crate::lang::{self, names, typography};
use crate::speech::{
    self, format_clock, is_spoken, speaking_seconds, BlockKind, Delivery, DirectionKind,
    NamePronunciation, Rates, Segment, SegmentKind, Speech,
};

/// Everything that shapes a script besides the speeches.
#[derive(Debug, Clone)]
pub struct ScriptOptions {
    /// How the languages are laid out.
    pub layout: Layout,
    /// Which language is read; `None` takes the speeches' `deliver:` front matter, else the
    /// first speech's language.
    pub deliver: Option<Delivery>,
    /// Speaking rates.
    pub rates: Rates,
    /// The time the speaker has; `None` takes the speeches' `target:` front matter.
    pub target_seconds: Option<u32>,
    /// Language of page numbers and timing texts.
    pub ui_language: LanguageIdentifier,
    /// Paper size.
    pub paper: Paper,
    /// Body type size in points; `None` for the layout's default (16, 18 or 20 pt).
    pub font_size_pt: Option<f32>,
    /// The delivery note in the header.
    pub note: DeliveryNote,
    /// How tightly pages are set.
    pub density: Density,
    /// The languages of the columns from left to right (`--columns fr,en`); `None` puts the
    /// language read aloud first, else keeps the order of the speeches.
    pub column_order: Option<Vec<LanguageIdentifier>>,
}

/// The delivery note a speech gets when none is asked for: a story is read, not
/// delivered, so it gets no "check against delivery" box; everything else does.
pub fn default_note(speech: &Speech) -> DeliveryNote {
    if crate::speech::document_kind(speech, &crate::speech::segment(speech))
        .0
        .is_delivered()
    {
        DeliveryNote::CheckAgainstDelivery
    } else {
        DeliveryNote::None
    }
}

impl Default for ScriptOptions {
    fn default() -> Self {
        ScriptOptions {
            layout: Layout::Columns,
            deliver: None,
            rates: Rates::default(),
            target_seconds: None,
            ui_language: "en-US".parse().expect("valid tag"),
            paper: Paper::A4,
            font_size_pt: None,
            note: DeliveryNote::CheckAgainstDelivery,
            density: Density::Normal,
            column_order: None,
        }
    }
}

/// The default body size of a layout, in points: reading copy is never under 16 pt.
pub fn default_font_size(layout: Layout) -> f32 {
    match layout {
        Layout::Columns => 16.0,
        Layout::Interleaved => 18.0,
        Layout::Single => 20.0,
    }
}

fn speech_language(speech: &Speech) -> LanguageIdentifier {
    speech.meta.language.clone().unwrap_or_default()
}

fn header(
    speech: &Speech,
    lang: &LanguageIdentifier,
    note: DeliveryNote,
    l10n: &Localizer,
) -> Header {
    let meta = &speech.meta;
    let typeset = |text: &Option<String>| text.as_deref().map(|t| typography::typeset(t, lang));
    let date = meta
        .date
        .as_deref()
        .map(|d| typography::long_date(d, lang).unwrap_or_else(|| typography::typeset(d, lang)));
    let place = typeset(&meta.place);
    let place_date = match (place, date) {
        (Some(place), Some(date)) => Some(typography::typeset(
            &l10n.format(
                "script-place-date",
                &[("place", place.into()), ("date", date.into())],
            ),
            lang,
        )),
        (place, date) => place.or(date),
    };
    Header {
        title: typeset(&meta.title),
        speaker: typeset(&meta.speaker),
        event: typeset(&meta.event),
        place_date,
        note: labels::delivery_note(note, l10n).map(|n| typography::typeset(&n, lang)),
    }
}

fn item(segment: &Segment, column: &Column, l10n: &Localizer) -> Item {
    match &segment.direction {
        Some(direction) => Item::Cue(labels::cue(
            direction,
            &column.lang,
            l10n,
            segment.lang.language == column.lang.language,
        )),
        None => Item::Text {
            text: typography::typeset(&segment.text, &segment.lang),
            kind: segment.kind,
            foreign: (segment.lang.language != column.lang.language).then(|| segment.lang.clone()),
            pronunciations: Vec::new(),
        },
    }
}

fn block_kind(kind: SegmentKind) -> BlockKind {
    match kind {
        SegmentKind::Heading => BlockKind::Heading,
        SegmentKind::Dateline => BlockKind::Dateline,
        SegmentKind::Salutation => BlockKind::Salutation,
        SegmentKind::Sentence => BlockKind::Paragraph,
        SegmentKind::Direction => BlockKind::Direction,
        SegmentKind::WebText => BlockKind::WebText,
        SegmentKind::Caption => BlockKind::Caption,
    }
}

/// The column a language is in (matched on the language subtag).
fn column_of(columns: &[Column], lang: &LanguageIdentifier) -> Option<usize> {
    columns
        .iter()
        .position(|c| c.lang.language == lang.language)
}

/// The column a language-change direction switches to, if it names one of the script's.
fn switch_target(segment: &Segment, columns: &[Column]) -> Option<usize> {
    let direction = segment.direction.as_ref()?;
    if direction.kind != DirectionKind::Language {
        return None;
    }
    column_of(columns, &names::named_language(&direction.wording)?)
}

/// Running speaking time: words per language and timed directions so far.
#[derive(Default)]
struct Clock {
    words: Vec<(LanguageIdentifier, usize, u32)>,
    direction_seconds: u32,
}

impl Clock {
    fn add(&mut self, segment: &Segment, rates: &Rates) {
        if let Some(direction) = &segment.direction {
            self.direction_seconds += direction.seconds.unwrap_or(0);
            return;
        }
        if !is_spoken(segment.kind) {
            return;
        }
        let count = lang::count_words(&segment.text);
        match self.words.iter_mut().find(|(l, _, _)| *l == segment.lang) {
            Some(entry) => entry.1 += count,
            None => self.words.push((
                segment.lang.clone(),
                count,
                rates.words_per_minute(&segment.lang),
            )),
        }
    }

    fn seconds(&self) -> u32 {
        self.words
            .iter()
            .map(|(_, words, rate)| speaking_seconds(*words, *rate))
            .sum::<u32>()
            + self.direction_seconds
    }
}

/// Builds the script of one speech, or of two speeches in different languages.
pub fn compose(
    first: &Speech,
    second: Option<&Speech>,
    options: &ScriptOptions,
) -> Result<Script, ScriptError> {
    let ui = Localizer::new(std::slice::from_ref(&options.ui_language));
    let speeches = in_column_order(first, second, options)?;
    let languages: Vec<LanguageIdentifier> = speeches.iter().map(|s| speech_language(s)).collect();
    if languages.len() == 2 && languages[0].language == languages[1].language {
        return Err(ScriptError::SameLanguage {
            lang: languages[0].to_string(),
        });
    }
    let localizers: Vec<Localizer> = languages
        .iter()
        .map(|l| Localizer::new(std::slice::from_ref(l)))
        .collect();
    let columns = columns(&speeches, &languages, &localizers, options.note);
    let (current, mixed) = first_delivered_column(&speeches, &languages, &columns, options)?;

    let segmented: Vec<Vec<Segment>> = speeches.iter().map(|s| speech::segment(s)).collect();
    let mut flow = Flow {
        columns: &columns,
        localizers: &localizers,
        rates: &options.rates,
        mixed,
        switch_side: switch_side(&segmented, &columns),
        current,
        clock: Clock::default(),
        delivered: Vec::new(),
        blocks: Vec::new(),
        last_block: vec![None; columns.len()],
    };
    for paired_row in &paired_rows(&segmented, &languages) {
        flow.push(paired_row);
    }
    let Flow {
        clock,
        delivered,
        mut blocks,
        ..
    } = flow;

    mark_pronunciations(&mut blocks, &speeches);
    let stats = speech::stats(&delivered, &options.rates);
    let total = clock.seconds();
    debug_assert_eq!(total, stats.total_seconds);
    add_time_marks(&mut blocks, total, &ui);

    let target_seconds = options
        .target_seconds
        .or_else(|| speeches.iter().find_map(|s| s.meta.target_seconds));
    let timing = Timing {
        total_seconds: total,
        target_seconds,
        languages: stats.languages.clone(),
        timed_directions: stats.timed_directions,
        direction_seconds: stats.direction_seconds,
    };
    let ui_texts = ui_texts(&ui, &timing);
    let layout = if columns.len() == 1 {
        Layout::Single
    } else {
        options.layout
    };
    Ok(Script {
        layout,
        paper: options.paper,
        font_size_pt: options
            .font_size_pt
            .unwrap_or_else(|| default_font_size(layout)),
        density: options.density,
        columns,
        blocks,
        timing,
        ui: ui_texts,
        mixed,
    })
}

/// The speeches in the order of their columns: as `--columns` lists their languages, else
/// the one read aloud first (a speaker reads the left column), else as given.
fn in_column_order<'s>(
    first: &'s Speech,
    second: Option<&'s Speech>,
    options: &ScriptOptions,
) -> Result<Vec<&'s Speech>, ScriptError> {
    let Some(second) = second else {
        return Ok(vec![first]);
    };
    let same = |speech: &Speech, lang: &LanguageIdentifier| {
        speech_language(speech).language == lang.language
    };
    let swapped = match &options.column_order {
        Some(order) => {
            let listed = |s: &Speech| order.iter().position(|l| same(s, l));
            match (listed(first), listed(second)) {
                (Some(a), Some(b)) if a != b => b < a,
                _ => {
                    return Err(ScriptError::ColumnsMismatch {
                        columns: order
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(","),
                        languages: [first, second]
                            .iter()
                            .map(|s| speech_language(s).to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
                }
            }
        }
        None => {
            let delivery = options
                .deliver
                .clone()
                .or_else(|| first.meta.deliver.clone())
                .or_else(|| second.meta.deliver.clone());
            matches!(delivery, Some(Delivery::Language(lang)) if same(second, &lang) && !same(first, &lang))
        }
    };
    Ok(if swapped {
        vec![second, first]
    } else {
        vec![first, second]
    })
}

/// One column per speech: its language, the language's name, and the speech's header.
fn columns(
    speeches: &[&Speech],
    languages: &[LanguageIdentifier],
    localizers: &[Localizer],
    note: DeliveryNote,
) -> Vec<Column> {
    speeches
        .iter()
        .zip(languages)
        .zip(localizers)
        .map(|((speech, lang), l10n)| Column {
            lang: lang.clone(),
            name: labels::autonym(lang),
            header: header(speech, lang, note, l10n),
        })
        .collect()
}

/// The column read first, and whether the delivery mixes languages (then language-change
/// directions move it): from the options, else the speeches' front matter, else the first
/// speech's language.
fn first_delivered_column(
    speeches: &[&Speech],
    languages: &[LanguageIdentifier],
    columns: &[Column],
    options: &ScriptOptions,
) -> Result<(usize, bool), ScriptError> {
    let delivery = options
        .deliver
        .clone()
        .or_else(|| speeches.iter().find_map(|s| s.meta.deliver.clone()))
        .unwrap_or_else(|| Delivery::Language(languages[0].clone()));
    match &delivery {
        Delivery::Mixed => Ok((0, true)),
        Delivery::Language(lang) => match column_of(columns, lang) {
            Some(index) => Ok((index, false)),
            None => Err(ScriptError::DeliverMissing {
                lang: lang.to_string(),
                languages: languages
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        },
    }
}

/// The rows of the script: the two speeches' segments paired, or one speech's alone.
fn paired_rows(segmented: &[Vec<Segment>], languages: &[LanguageIdentifier]) -> Vec<PairedRow> {
    match segmented {
        [left, right] => pair_segments(left, &languages[0], right, &languages[1]),
        [only] => only
            .iter()
            .map(|s| PairedRow {
                left: vec![s.clone()],
                right: Vec::new(),
            })
            .collect(),
        _ => unreachable!("one or two speeches"),
    }
}

/// The speech whose language changes are read: the first, or the second when only it
/// marks them.
fn switch_side(segmented: &[Vec<Segment>], columns: &[Column]) -> usize {
    if segmented[0]
        .iter()
        .any(|s| switch_target(s, columns).is_some())
    {
        0
    } else {
        segmented.len() - 1
    }
}

/// The rows of a script laid out in order: which column is read, the running clock, and
/// the blocks so far.
struct Flow<'a> {
    columns: &'a [Column],
    localizers: &'a [Localizer],
    rates: &'a Rates,
    mixed: bool,
    switch_side: usize,
    /// The column read from the next row on.
    current: usize,
    clock: Clock,
    /// The segments read aloud, in order.
    delivered: Vec<Segment>,
    blocks: Vec<ScriptBlock>,
    /// The speech block each column's last segment came from.
    last_block: Vec<Option<usize>>,
}

impl Flow<'_> {
    /// Lays out one row: reads a language change, times the delivered side, and adds the
    /// row to the current block or starts a new one.
    fn push(&mut self, paired_row: &PairedRow) {
        let sides: Vec<&Vec<Segment>> = match self.columns.len() {
            1 => vec![&paired_row.left],
            _ => vec![&paired_row.left, &paired_row.right],
        };
        let deliver = self.current;
        if self.mixed {
            for segment in sides[self.switch_side] {
                if let Some(target) = switch_target(segment, self.columns) {
                    self.current = target;
                }
            }
        }
        let shown = with_directions_of_both(&sides);
        let shown: Vec<&Vec<Segment>> = shown.iter().collect();
        let row = self.row(&shown, deliver);
        for segment in shown[deliver].iter() {
            self.clock.add(segment, self.rates);
            self.delivered.push(segment.clone());
        }
        self.append(row, &sides);
    }

    /// The cells of a row, each side's segments as items of its column.
    fn row(&self, sides: &[&Vec<Segment>], deliver: usize) -> Row {
        Row {
            cells: sides
                .iter()
                .enumerate()
                .map(|(c, segments)| Cell {
                    items: segments
                        .iter()
                        .map(|s| item(s, &self.columns[c], &self.localizers[c]))
                        .collect(),
                })
                .collect(),
            deliver,
            elapsed: self.clock.seconds(),
        }
    }

    /// Adds a row to the last block, or starts a block when a side begins a new speech
    /// block; a block of directions takes the kind of the first text that joins it.
    fn append(&mut self, row: Row, sides: &[&Vec<Segment>]) {
        let starts_block = sides.iter().enumerate().any(|(c, segments)| {
            segments
                .first()
                .is_some_and(|s| self.last_block[c] != Some(s.block))
        });
        for (c, segments) in sides.iter().enumerate() {
            if let Some(last) = segments.last() {
                self.last_block[c] = Some(last.block);
            }
        }
        let kind = sides
            .iter()
            .flat_map(|s| s.iter())
            .map(|s| s.kind)
            .find(|k| *k != SegmentKind::Direction)
            .unwrap_or(SegmentKind::Direction);
        match self.blocks.last_mut() {
            Some(block) if !starts_block => {
                if block.kind == BlockKind::Direction && kind != SegmentKind::Direction {
                    block.kind = block_kind(kind);
                }
                block.rows.push(row);
            }
            _ => self.blocks.push(ScriptBlock {
                kind: block_kind(kind),
                time_mark: None,
                rows: vec![row],
            }),
        }
    }
}

/// The sides of a row, each with the stage directions only the other side has (the French
/// "[Minute de silence]" where the English has none): a direction happens whatever the
/// language read, so it is shown in both columns and timed for the reader. A copied
/// direction keeps its language, so its cue is labelled without the other language's words;
/// it goes first when it opened its own side, else last.
fn with_directions_of_both(sides: &[&Vec<Segment>]) -> Vec<Vec<Segment>> {
    let kinds = |segments: &[Segment]| -> Vec<DirectionKind> {
        segments
            .iter()
            .filter_map(|s| s.direction.as_ref().map(|d| d.kind))
            .collect()
    };
    let mut shown: Vec<Vec<Segment>> = sides.iter().map(|s| s.to_vec()).collect();
    for (c, side) in sides.iter().enumerate() {
        let own = kinds(side);
        for other in sides
            .iter()
            .enumerate()
            .filter(|(o, _)| *o != c)
            .map(|(_, s)| s)
        {
            for (i, segment) in other.iter().enumerate() {
                let Some(direction) = &segment.direction else {
                    continue;
                };
                if own.contains(&direction.kind) {
                    continue;
                }
                if i == 0 {
                    let at = shown[c]
                        .iter()
                        .take_while(|s| s.direction.is_some())
                        .count();
                    shown[c].insert(at, segment.clone());
                } else {
                    shown[c].push(segment.clone());
                }
            }
        }
    }
    shown
}

/// Puts each pronunciation the writer marked beside the first mention of its name in the
/// column read aloud (`speeches` in column order): the speaker needs it where the name is
/// first said, in the language being read.
fn mark_pronunciations(blocks: &mut [ScriptBlock], speeches: &[&Speech]) {
    let mut pending: Vec<Vec<&NamePronunciation>> = speeches
        .iter()
        .map(|s| s.meta.pronunciations.iter().collect())
        .collect();
    for row in blocks.iter_mut().flat_map(|b| b.rows.iter_mut()) {
        let column = row.deliver;
        if pending[column].is_empty() {
            continue;
        }
        for item in &mut row.cells[column].items {
            let Item::Text {
                text,
                pronunciations,
                ..
            } = item
            else {
                continue;
            };
            pending[column].retain(|mark| match speech::end_of_name(text, &mark.name) {
                Some(after) => {
                    pronunciations.push(Pronunciation {
                        after,
                        say: mark.say.clone(),
                    });
                    false
                }
                None => true,
            });
            pronunciations.sort_by_key(|p| p.after);
        }
    }
}

/// Marks each paragraph with the time elapsed before it and the time left.
fn add_time_marks(blocks: &mut [ScriptBlock], total: u32, ui: &Localizer) {
    for block in blocks {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        let elapsed = block.rows[0].elapsed;
        let remaining = total.saturating_sub(elapsed);
        block.time_mark = Some(TimeMark {
            elapsed,
            remaining,
            text: ui.format(
                "script-time-mark",
                &[
                    ("elapsed", format_clock(elapsed).into()),
                    ("left", format_clock(remaining).into()),
                ],
            ),
        });
    }
}

/// The most words a language may have in a script without a line of its own in the timing
/// (a closing "Merci." in an English script): its seconds stay in the total.
const PASSING_WORDS: usize = 3;

fn ui_texts(ui: &Localizer, timing: &Timing) -> UiTexts {
    let ui_lang = ui.language().clone();
    let spoken = timing.languages.iter().filter(|l| l.words > 0).count();
    let mut breakdown: Vec<String> = timing
        .languages
        .iter()
        .filter(|l| l.words > 0 && (spoken == 1 || l.words > PASSING_WORDS))
        .map(|l| {
            let name = names::language_name(&l.lang, &ui_lang)
                .map(str::to_owned)
                .unwrap_or_else(|| l.lang.to_string());
            ui.format(
                "script-total-language",
                &[
                    ("language", labels::capitalize(&name).into()),
                    ("words", l.words.into()),
                    ("rate", l.words_per_minute.into()),
                    ("time", format_clock(l.seconds).into()),
                ],
            )
        })
        .collect();
    if timing.timed_directions > 0 {
        breakdown.push(ui.format(
            "script-total-directions",
            &[
                ("count", timing.timed_directions.into()),
                ("time", format_clock(timing.direction_seconds).into()),
            ],
        ));
    }
    let target = timing
        .target_seconds
        .map(|target| match timing.over_target() {
            Some(over) => ui.format(
                "script-target-over",
                &[
                    ("target", format_clock(target).into()),
                    ("over", format_clock(over).into()),
                ],
            ),
            None => ui.format(
                "script-target-within",
                &[
                    ("target", format_clock(target).into()),
                    ("left", format_clock(target - timing.total_seconds).into()),
                ],
            ),
        });
    let typeset = |t: String| typography::typeset(&t, &ui_lang);
    UiTexts {
        lang: ui_lang.clone(),
        total: typeset(ui.format(
            "script-total",
            &[("total", format_clock(timing.total_seconds).into())],
        )),
        breakdown: breakdown.into_iter().map(typeset).collect(),
        target: target.map(typeset),
        page_label: labels::page_label(ui),
        deliver_label: ui.text("script-column-deliver"),
        reference_label: ui.text("script-column-reference"),
        continued: typeset(ui.text("script-continued")),
        end: typeset(ui.format(
            "script-end",
            &[("total", format_clock(timing.total_seconds).into())],
        )),
    }
}

#[cfg(test)]
mod note_tests {
    use super::*;
    use crate::textfile::Origin;

    #[test]
    fn a_story_gets_no_delivery_note() {
        let read = |text: &str| {
            let en: LanguageIdentifier = "en".parse().unwrap();
            crate::speech::parse(text, &Origin::Stdin, Some(&en)).unwrap()
        };
        let story = read("Wells reopen\n\nThe wells reopened. “We waited”, said the mayor.\n\n“Water changes everything”, she added.\n");
        assert_eq!(default_note(&story), DeliveryNote::None);
        let remarks = read("Excellencies,\n\nWe are here to talk about water.\n");
        assert_eq!(default_note(&remarks), DeliveryNote::CheckAgainstDelivery);
    }
}
