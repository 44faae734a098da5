//! Sentence alignment of a speech with its translation: two segmented texts become *beads*
//! (0-1, 1-0, 1-1, 2-1, 1-2, 2-2 … groups of segments that translate each other), each
//! with a confidence, from which the confident pairs can be stored in a translation memory.
//!
//! How (docs/alignment.md): paragraphs are aligned first; the sentences are then aligned by
//! dynamic programming inside a corridor around the paragraph pairs (memory linear in the
//! input). A bead's score weighs lexical anchors (numbers, names, acronyms, cognates, a
//! bilingual word list, quotation marks) and a length model against the cost of leaving
//! segments unaligned, so material without a counterpart stays unaligned rather than being
//! forced into a pair. Stage directions and salutations are anchors: they pair only with
//! their own kind, one to one, and are never glued to prose. The module knows no SQL and no
//! XML: storing is [`storable_pairs`], and the memory module does the rest.

mod dp;
mod error;
pub mod eval;
mod features;
mod input;
mod language;
mod model;
mod report;
mod store;

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::speech::{DirectionKind, Segment, SegmentKind};

pub use error::{AlignError, AlignWarning};
pub use input::{
    check_languages, read_side, read_text, side_from, side_from_lines, side_from_text,
    side_language, AlignInputs, InputFormat, FALLBACK_LANGUAGES,
};
pub use language::has_lexicon;
pub use report::{tsv_line, AlignSummary, BeadReport};
pub use store::{storable_pairs, HeldBack, HoldReason, StorablePair, StorePlan};

use dp::{best_path, Band, Step};
use features::{Features, SideContext};
use model::{Class, Item, Matches, Model};

/// One text to align: where it came from, its language and its segments.
#[derive(Debug, Clone)]
pub struct Side {
    /// The file name as given (provenance of stored units).
    pub name: String,
    /// The text's language.
    pub language: LanguageIdentifier,
    /// Its segments, in order.
    pub segments: Vec<Segment>,
}

/// What a bead is, for output and for storage decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BeadKind {
    /// Text on both sides: sentences, headings, datelines.
    Translation,
    /// A salutation line on each side.
    Salutation,
    /// A stage direction on each side (an anchor, never a translation unit).
    Direction,
    /// Source segments without a counterpart.
    SourceOnly,
    /// Target segments without a counterpart.
    TargetOnly,
}

impl BeadKind {
    /// The kind's name in JSON and in Fluent message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            BeadKind::Translation => "translation",
            BeadKind::Salutation => "salutation",
            BeadKind::Direction => "direction",
            BeadKind::SourceOnly => "source-only",
            BeadKind::TargetOnly => "target-only",
        }
    }
}

/// A group of source segments aligned with a group of target segments (either may be
/// empty, never both).
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// Source segment indices.
    pub source: Range<usize>,
    /// Target segment indices.
    pub target: Range<usize>,
    /// How sure the aligner is, 0 to 1 (the bead's posterior probability).
    pub confidence: f64,
    /// What it is.
    pub kind: BeadKind,
}

impl Bead {
    /// The bead in the evaluation format: `EN_INDICES<TAB>FR_INDICES`, 0-based,
    /// comma-separated, either side possibly empty (`2,3\t2`, `5\t`).
    pub fn indices_line(&self) -> String {
        let join = |r: &Range<usize>| {
            r.clone()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        format!("{}\t{}", join(&self.source), join(&self.target))
    }

    /// The shape, as `2-1`.
    pub fn shape(&self) -> String {
        format!("{}-{}", self.source.len(), self.target.len())
    }
}

/// Two texts and their beads, in order on both sides.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// The source text.
    pub source: Side,
    /// The target text.
    pub target: Side,
    /// The beads; every segment of each side is in exactly one.
    pub beads: Vec<Bead>,
}

impl Alignment {
    /// The text of a bead's side: its segments joined with a space.
    pub fn source_text(&self, bead: &Bead) -> String {
        join_texts(&self.source.segments[bead.source.clone()])
    }

    /// The text of a bead's target side.
    pub fn target_text(&self, bead: &Bead) -> String {
        join_texts(&self.target.segments[bead.target.clone()])
    }
}

fn join_texts(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Bead shapes of the sentence pass.
const SENTENCE_SHAPES: [(usize, usize); 8] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
];

/// Bead shapes of the paragraph pass (paragraphs are split and joined more freely).
const PARAGRAPH_SHAPES: [(usize, usize); 10] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (4, 1),
    (1, 4),
];

/// Temperature of the posteriors: scores are log-odds of roughly this scale.
const TEMPERATURE: f32 = 1.5;

/// Searches the whole matrix when it has at most this many cells.
const FULL_SEARCH_CELLS: usize = 250_000;
/// Otherwise, the half-width of the diagonal band (plus the length difference).
const DIAGONAL_WIDTH: usize = 64;
/// The most a diagonal band is widened for a length difference.
const MAX_EXTRA_WIDTH: usize = 2_000;
/// Paragraph beads on each side of a paragraph pair that the sentence corridor includes.
const CORRIDOR_PARAGRAPHS: usize = 1;
/// Sentences added on each side of the corridor.
const CORRIDOR_MARGIN: usize = 6;

/// Aligns two segmented texts.
pub fn align(source: Side, target: Side) -> Alignment {
    let lexicon = language::lexicon(&source.language, &target.language);
    let source_context = SideContext::source(&source.language, &target.language, lexicon);
    let target_context = SideContext::target(&target.language, &source.language, lexicon);
    let mut source_items = items(&source.segments, &source_context);
    let mut target_items = items(&target.segments, &target_context);
    weigh_by_document_frequency(&mut source_items, &mut target_items);
    let ratio = language::language(&target.language).expansion
        / language::language(&source.language).expansion;
    let mut model = Model::new(ratio);
    let (n, m) = (source_items.len(), target_items.len());

    let paragraphs_informative =
        has_paragraphs(&source.segments) || has_paragraphs(&target.segments);
    if !paragraphs_informative {
        // One segment per line: blocks say nothing about paragraphs.
        model.paragraph_crossing = 0.0;
    }
    let (band, corners) = if paragraphs_informative && n > 0 && m > 0 {
        paragraph_corridor(
            &source.segments,
            &target.segments,
            &source_items,
            &target_items,
            &model,
        )
    } else {
        (search_band(n, m), HashSet::new())
    };
    // Two readings of the document: as a translation (lengths and order are reliable, every
    // segment has a counterpart unless the evidence says otherwise) and as separately written
    // texts (a pair needs evidence of its own). How many prose sentences the second reading
    // leaves without counterpart tells which the document is; in between, the scores blend.
    // The lexical matches of single items are computed once for all passes.
    let mut cache = PairCache::new(&source_items, &target_items, &band);
    let strict = align_items(&mut cache, &band, &model, &SENTENCE_SHAPES, &corners, true);
    let mut loose_model = model.clone();
    loose_model.comparable = 1.0;
    let loose = align_items(
        &mut cache,
        &band,
        &loose_model,
        &SENTENCE_SHAPES,
        &corners,
        false,
    );
    let comparable = comparability(&strict, &loose, &source_items, &target_items);
    let steps = if comparable <= 0.0 {
        strict
    } else {
        // The final pass gives the beads their confidence.
        let mut last = model.clone();
        last.comparable = comparable.min(1.0);
        align_items(&mut cache, &band, &last, &SENTENCE_SHAPES, &corners, true)
    };
    let beads = source_nulls_first(steps)
        .into_iter()
        .map(|step| {
            let kind = bead_kind(&step, &source_items, &target_items);
            Bead {
                source: step.i0..step.i1,
                target: step.j0..step.j1,
                confidence: f64::from(step.posterior),
                kind,
            }
        })
        .collect();
    Alignment {
        source,
        target,
        beads,
    }
}

/// Share of prose sentences whose alignment is in doubt at or below which a document reads
/// as a translation, and at or above which it reads as separately written texts.
const TRANSLATED_DOUBT: f32 = 0.10;
const COMPARABLE_DOUBT: f32 = 0.18;
/// Prose sentences of prior agreement added to a document's count.
const DOUBT_PRIOR: f32 = 4.0;

/// How far a document is separately written rather than translated (0 to 1), from the two
/// readings: the share of its prose sentences that the reading asking every pair for
/// evidence of its own leaves without counterpart, or aligns otherwise than the translation
/// reading. A translation has few (a freely translated sentence here and there); texts written
/// separately have many.
fn comparability(strict: &[Step], loose: &[Step], source: &[Item], target: &[Item]) -> f32 {
    let prose = |item: &Item| item.class == Class::Text(SegmentKind::Sentence);
    let prose_in = |s: &Step| {
        source[s.i0..s.i1]
            .iter()
            .chain(&target[s.j0..s.j1])
            .filter(|i| prose(i))
            .count()
    };
    let total = source.iter().chain(target).filter(|i| prose(i)).count();
    if total == 0 {
        return 0.0;
    }
    let unaligned: usize = loose
        .iter()
        .filter(|s| s.i0 == s.i1 || s.j0 == s.j1)
        .map(prose_in)
        .sum();
    let loose_beads: HashSet<(usize, usize, usize, usize)> =
        loose.iter().map(|s| (s.i0, s.i1, s.j0, s.j1)).collect();
    let disputed: usize = strict
        .iter()
        .filter(|s| !loose_beads.contains(&(s.i0, s.i1, s.j0, s.j1)))
        .map(prose_in)
        .sum();
    // A short text says little: a few prose sentences of prior agreement keep a six-line
    // translation with one free sentence a translation.
    let doubt = unaligned.max(disputed) as f32 / (total as f32 + DOUBT_PRIOR);

    ((doubt - TRANSLATED_DOUBT) / (COMPARABLE_DOUBT - TRANSLATED_DOUBT)).clamp(0.0, 1.0)
}

/// Orders each run of unaligned segments the way the evaluation sets list them: the source
/// side's first, then the target side's (both orders are the same alignment).
fn source_nulls_first(steps: Vec<Step>) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::with_capacity(steps.len());
    let mut run: Vec<Step> = Vec::new();
    let flush = |run: &mut Vec<Step>, out: &mut Vec<Step>| {
        let Some(first) = run.first() else {
            return;
        };
        let (mut i, mut j) = (first.i0, first.j0);
        let (sources, targets): (Vec<Step>, Vec<Step>) = run.drain(..).partition(|s| s.j0 == s.j1);
        for step in sources.into_iter().chain(targets) {
            let (di, dj) = (step.i1 - step.i0, step.j1 - step.j0);
            out.push(Step {
                i0: i,
                i1: i + di,
                j0: j,
                j1: j + dj,
                ..step
            });
            i += di;
            j += dj;
        }
    };
    for step in steps {
        if step.i0 == step.i1 || step.j0 == step.j1 {
            run.push(step);
        } else {
            flush(&mut run, &mut out);
            out.push(step);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn bead_kind(step: &Step, source: &[Item], target: &[Item]) -> BeadKind {
    if step.i0 == step.i1 {
        return BeadKind::TargetOnly;
    }
    if step.j0 == step.j1 {
        return BeadKind::SourceOnly;
    }
    let any_direction = source[step.i0..step.i1]
        .iter()
        .chain(&target[step.j0..step.j1])
        .any(|i| matches!(i.class, Class::Direction(_)));
    if any_direction {
        return BeadKind::Direction;
    }
    match source[step.i0].class {
        Class::Salutation => BeadKind::Salutation,
        _ => BeadKind::Translation,
    }
}

/// Makes evidence that recurs all over the document (the speaker's name, the country, the
/// organisation) weigh less than evidence found in few segments: in a news story about a
/// ceremony in Geneva, "Geneva" says little about which sentence is which.
fn weigh_by_document_frequency(source: &mut [Item], target: &mut [Item]) {
    let count = |items: &[Item]| {
        let mut df: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        for item in items {
            for &id in &item.features.concepts {
                *df.entry(id).or_insert(0) += 1;
            }
        }
        df
    };
    let source_df = count(source);
    let target_df = count(target);
    let factor = |ids: &[u32]| {
        let frequency = ids
            .iter()
            .map(|id| {
                let s = source_df.get(id).copied().unwrap_or(0);
                let t = target_df.get(id).copied().unwrap_or(0);
                s.max(t)
            })
            .filter(|&f| f > 0)
            .min()
            .unwrap_or(1);
        1.0 / (1.0 + (frequency as f32).ln())
    };
    for item in source.iter_mut().chain(target.iter_mut()) {
        item.features.reweight(factor);
    }
}

fn has_paragraphs(segments: &[Segment]) -> bool {
    segments.windows(2).any(|w| w[0].block == w[1].block)
}

fn items(segments: &[Segment], context: &SideContext) -> Vec<Item> {
    let mut items: Vec<Item> = segments
        .iter()
        .map(|segment| Item {
            class: class_of(segment),
            features: features::features(&segment.text, context),
            block: segment.block,
            heading_slot: stands_for_a_heading(segment),
            repeat: false,
        })
        .collect();
    mark_repeats(segments, &mut items);
    items
}

/// Words up to which a line without final punctuation reads as a title rather than a
/// sentence whose full stop is missing.
const TITLE_WORDS: usize = 20;

fn class_of(segment: &Segment) -> Class {
    match segment.kind {
        SegmentKind::Direction => Class::Direction(
            segment
                .direction
                .as_ref()
                .map_or(DirectionKind::Note, |d| d.kind),
        ),
        SegmentKind::Salutation => Class::Salutation,
        // A title the segmenter left as a sentence (it shared its line with a stage
        // direction: "Remarks at the Memorial Service [as delivered]") is a heading to the
        // aligner, which pairs headings with headings.
        SegmentKind::Sentence if reads_as_title(&segment.text) => Class::Text(SegmentKind::Heading),
        kind => Class::Text(kind),
    }
}

fn reads_as_title(text: &str) -> bool {
    let text = text.trim_end();
    let last = text.chars().last().unwrap_or('.');
    let punctuated = matches!(
        last,
        '.' | '!' | '?' | '…' | ':' | ';' | ',' | '"' | '\u{201d}' | '\u{bb}' | '\u{2019}' | '\''
    );
    !punctuated && text.split_whitespace().count() <= TITLE_WORDS
}

/// A stage direction written as a bare line ("Minute de silence", not "[Minute of
/// silence]") may fill the slot of a section heading on the other side, as when a news story
/// titles its section "Minute de silence" where the other language titles it otherwise.
/// Delivery notes pair with delivery notes only.
fn stands_for_a_heading(segment: &Segment) -> bool {
    segment.kind == SegmentKind::Direction
        && !segment.text.starts_with(['[', '('])
        && segment
            .direction
            .as_ref()
            .is_some_and(|d| d.kind != DirectionKind::Delivery)
}

/// Words from which two identical consecutive segments are a page's repetition rather
/// than a speaker's ("Never again. Never again.").
const REPEAT_WORDS: usize = 8;

/// Marks the copy of a sentence repeated right after itself (web pages repeat a story's
/// standfirst as its first paragraph, or a paragraph by mistake): the copy has no
/// counterpart of its own. A standfirst (the first copy, right after the title) is the copy;
/// otherwise the second one is.
fn mark_repeats(segments: &[Segment], items: &mut [Item]) {
    let norm = |s: &Segment| s.text.split_whitespace().collect::<Vec<_>>().join(" ");
    for k in 1..segments.len() {
        let (a, b) = (&segments[k - 1], &segments[k]);
        if a.kind != SegmentKind::Sentence
            || b.kind != SegmentKind::Sentence
            || a.text.split_whitespace().count() < REPEAT_WORDS
            || norm(a) != norm(b)
            || items[k - 1].repeat
        {
            continue;
        }
        let after_title = k >= 2
            && segments[..k - 1]
                .iter()
                .all(|s| s.kind != SegmentKind::Sentence);
        if after_title {
            items[k - 1].repeat = true;
        } else {
            items[k].repeat = true;
        }
    }
}

/// The band of a search without paragraphs: everything when small, else the diagonal.
fn search_band(n: usize, m: usize) -> Band {
    if (n + 1).saturating_mul(m + 1) <= FULL_SEARCH_CELLS {
        Band::diagonal(n, m, n.max(m))
    } else {
        Band::diagonal(n, m, DIAGONAL_WIDTH + n.abs_diff(m).min(MAX_EXTRA_WIDTH))
    }
}

/// Paragraph pass: aligns the blocks, then returns the corridor of sentence cells around
/// the paragraph pairs, and the cells where a paragraph pair starts.
fn paragraph_corridor(
    source_segments: &[Segment],
    target_segments: &[Segment],
    source_items: &[Item],
    target_items: &[Item],
    model: &Model,
) -> (Band, HashSet<(usize, usize)>) {
    let (source_paragraphs, source_starts) = paragraphs(source_segments, source_items);
    let (target_paragraphs, target_starts) = paragraphs(target_segments, target_items);
    let (pn, pm) = (source_paragraphs.len(), target_paragraphs.len());
    let band = search_band(pn, pm);
    let steps = align_items(
        &mut PairCache::new(&source_paragraphs, &target_paragraphs, &band),
        &band,
        model,
        &PARAGRAPH_SHAPES,
        &HashSet::new(),
        false,
    );
    let (n, m) = (source_items.len(), target_items.len());
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0usize; n + 1];
    let mut corners = HashSet::new();
    for (k, step) in steps.iter().enumerate() {
        let first = &steps[k.saturating_sub(CORRIDOR_PARAGRAPHS)];
        let last = &steps[(k + CORRIDOR_PARAGRAPHS).min(steps.len() - 1)];
        let column_lo = target_starts[first.j0].saturating_sub(CORRIDOR_MARGIN);
        let column_hi = target_starts[last.j1] + CORRIDOR_MARGIN;
        let rows = source_starts[step.i0]..=source_starts[step.i1];
        for row in rows {
            lo[row] = lo[row].min(column_lo);
            hi[row] = hi[row].max(column_hi);
        }
        if step.i1 > step.i0 && step.j1 > step.j0 {
            corners.insert((source_starts[step.i0], target_starts[step.j0]));
        }
    }
    // Rows near each row share its range, so that a corridor is never thinner than the
    // margin in either direction.
    let mut wide_lo = lo.clone();
    let mut wide_hi = hi.clone();
    for i in 0..=n {
        let from = i.saturating_sub(CORRIDOR_MARGIN);
        let to = (i + CORRIDOR_MARGIN).min(n);
        for r in from..=to {
            wide_lo[i] = wide_lo[i].min(lo[r]);
            wide_hi[i] = wide_hi[i].max(hi[r]);
        }
    }
    for lo in &mut wide_lo {
        if *lo == usize::MAX {
            *lo = 0;
        }
    }
    (Band::new(wide_lo, wide_hi, m), corners)
}

/// Paragraph items (one per block) and, for each paragraph index 0..=count, the index of
/// its first segment.
fn paragraphs(segments: &[Segment], items: &[Item]) -> (Vec<Item>, Vec<usize>) {
    let mut out: Vec<Item> = Vec::new();
    let mut starts = Vec::new();
    let mut k = 0;
    while k < segments.len() {
        let block = segments[k].block;
        let mut end = k;
        while end < segments.len() && segments[end].block == block {
            end += 1;
        }
        let members = &items[k..end];
        let all_directions = members
            .iter()
            .all(|i| matches!(i.class, Class::Direction(_)));
        let class = if all_directions {
            members[0].class
        } else {
            Class::Text(SegmentKind::Sentence)
        };
        let features = Features::join(
            members
                .iter()
                .filter(|i| !matches!(i.class, Class::Direction(_)))
                .map(|i| &i.features),
        );
        out.push(Item {
            class,
            features,
            block,
            heading_slot: false,
            repeat: false,
        });
        starts.push(k);
        k = end;
    }
    starts.push(segments.len());
    (out, starts)
}

/// Lexical matches between single items, computed once per pair.
struct PairCache<'a> {
    source: &'a [Item],
    target: &'a [Item],
    rows: Vec<(usize, Vec<(f32, f32)>)>,
}

impl<'a> PairCache<'a> {
    fn new(source: &'a [Item], target: &'a [Item], band: &Band) -> Self {
        let n = source.len();
        let m = target.len();
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            let lo = band.columns(i).start().saturating_sub(3);
            let hi = (*band.columns(i + 1).end() + 3).min(m);
            let row: Vec<(f32, f32)> = (lo..hi).map(|_| (-1.0, -1.0)).collect();
            rows.push((lo, row));
        }
        PairCache {
            source,
            target,
            rows,
        }
    }

    fn matched(&mut self, i: usize, j: usize) -> (f32, f32) {
        let (lo, row) = &mut self.rows[i];
        if j >= *lo && j - *lo < row.len() {
            let cell = &mut row[j - *lo];
            if cell.0 < 0.0 {
                let s = &self.source[i].features;
                let t = &self.target[j].features;
                *cell = (s.matched_in(t), t.matched_in(s));
            }
            *cell
        } else {
            let s = &self.source[i].features;
            let t = &self.target[j].features;
            (s.matched_in(t), t.matched_in(s))
        }
    }
}

/// The best path of `model` over the band; with `posteriors`, each bead's confidence (else
/// 1, for a pass that is only compared with another).
fn align_items(
    cache: &mut PairCache,
    band: &Band,
    model: &Model,
    shapes: &[(usize, usize)],
    corners: &HashSet<(usize, usize)>,
    posteriors: bool,
) -> Vec<Step> {
    let (source, target) = (cache.source, cache.target);
    let temperature = posteriors.then_some(TEMPERATURE);
    best_path(band, target.len(), shapes, temperature, |i0, i1, j0, j1| {
        if i0 == i1 {
            return Some(-model.null_cost(&target[j0]));
        }
        if j0 == j1 {
            return Some(-model.null_cost(&source[i0]));
        }
        let mut matched_source = [0.0f32; 4];
        let mut matched_target = [0.0f32; 4];
        for i in i0..i1 {
            for j in j0..j1 {
                let (s, t) = cache.matched(i, j);
                matched_source[i - i0] += s;
                matched_target[j - j0] += t;
            }
        }
        let mut score = model.pair_score(
            &source[i0..i1],
            &target[j0..j1],
            Matches {
                source: &matched_source[..i1 - i0],
                target: &matched_target[..j1 - j0],
            },
        )?;
        if corners.contains(&(i0, j0)) {
            score += model.paragraph_start * (1.0 - model.comparable);
        }
        Some(score)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::textfile::Origin;
    use proptest::prelude::*;
    use unic_langid::langid;

    const EN: [&str; 9] = [
        "Honouring our colleagues",
        "We honour the peacekeepers.",
        "The Mission has 3,700 personnel.",
        "[Applause]",
        "Ladies and Gentlemen,",
        "Thank you.",
        "Water is life.",
        "[Minute of silence]",
        "In 2024, floods hit 1.1 million people.",
    ];
    const FR: [&str; 9] = [
        "Hommage aux collègues",
        "Nous rendons hommage aux Casques bleus.",
        "La Mission compte 3 700 membres du personnel.",
        "[Applaudissements]",
        "Mesdames et Messieurs,",
        "Je vous remercie.",
        "L’eau, c’est la vie.",
        "Minute de silence",
        "En 2024, les inondations ont touché 1,1 million de personnes.",
    ];

    fn side(lines: &[&str], lang: LanguageIdentifier) -> Side {
        let text = lines.join("\n");
        input::side_from_lines(&text, &Origin::Stdin, &lang)
            .expect("alignable")
            .0
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the texts, every segment is in exactly one bead, beads are in order on
        /// both sides, confidences are probabilities, and directions pair only with
        /// directions of the same kind.
        #[test]
        fn beads_cover_both_texts_in_order(
            en in proptest::collection::vec(0usize..9, 1..30),
            fr in proptest::collection::vec(0usize..9, 1..30),
        ) {
            let en: Vec<&str> = en.iter().map(|&k| EN[k]).chain(["We act."]).collect();
            let fr: Vec<&str> = fr.iter().map(|&k| FR[k]).chain(["Nous agissons."]).collect();
            let alignment = align(side(&en, langid!("en")), side(&fr, langid!("fr")));
            let (mut i, mut j) = (0, 0);
            for bead in &alignment.beads {
                prop_assert_eq!(bead.source.start, i);
                prop_assert_eq!(bead.target.start, j);
                prop_assert!(!(bead.source.is_empty() && bead.target.is_empty()));
                prop_assert!((0.0..=1.0).contains(&bead.confidence));
                i = bead.source.end;
                j = bead.target.end;
                let s = &alignment.source.segments[bead.source.clone()];
                let t = &alignment.target.segments[bead.target.clone()];
                let directions = s.iter().chain(t).filter(|x| x.kind == SegmentKind::Direction).count();
                if directions > 0 && !s.is_empty() && !t.is_empty() {
                    prop_assert_eq!(bead.kind, BeadKind::Direction);
                    prop_assert_eq!((s.len(), t.len()), (1, 1));
                    // A direction pairs with a direction of its kind, or a bare direction
                    // line with a heading in its slot; never with a sentence.
                    let heading = s[0].kind == SegmentKind::Heading || t[0].kind == SegmentKind::Heading;
                    if !heading {
                        prop_assert_eq!(
                            s[0].direction.as_ref().map(|d| d.kind),
                            t[0].direction.as_ref().map(|d| d.kind)
                        );
                    }
                    prop_assert!(s[0].kind != SegmentKind::Sentence && t[0].kind != SegmentKind::Sentence);
                }
            }
            prop_assert_eq!(i, en.len());
            prop_assert_eq!(j, fr.len());
        }
    }

    #[test]
    fn a_translation_is_aligned_one_to_one_and_thank_you_never_meets_the_silence() {
        let en = side(
            &[
                "Ladies and Gentlemen,",
                "We remember them.",
                "[Minute of silence]",
                "Thank you.",
            ],
            langid!("en"),
        );
        let fr = side(
            &[
                "Mesdames et Messieurs,",
                "Nous nous souvenons d’eux.",
                "Minute de silence",
                "Je vous remercie.",
            ],
            langid!("fr"),
        );
        let alignment = align(en, fr);
        let lines: Vec<String> = alignment.beads.iter().map(Bead::indices_line).collect();
        assert_eq!(lines, ["0\t0", "1\t1", "2\t2", "3\t3"]);
        assert_eq!(alignment.beads[2].kind, BeadKind::Direction);
        assert_eq!(alignment.beads[0].kind, BeadKind::Salutation);
        let en = side(&["We remember them.", "Thank you."], langid!("en"));
        let fr = side(
            &["Nous nous souvenons d’eux.", "Minute de silence"],
            langid!("fr"),
        );
        // With nothing else to pair with, "Thank you." still never meets the silence.
        let alignment = align(en, fr);
        let silence = alignment.beads.last().unwrap();
        assert_eq!(silence.indices_line(), "\t1");
        assert_eq!(silence.kind, BeadKind::TargetOnly);
        assert!(alignment
            .beads
            .iter()
            .all(|b| !(b.source.contains(&1) && b.target.contains(&1))));
    }

    fn lines_of(alignment: &Alignment) -> Vec<String> {
        alignment.beads.iter().map(Bead::indices_line).collect()
    }

    #[test]
    fn separately_written_stories_keep_their_order_and_leave_the_rest_unaligned() {
        // The French story moves the quotation to the end and adds a background sentence:
        // pairing the quotation (strong evidence) would leave three pairs unaligned.
        let en = side(
            &[
                "Floods in Niger: UN appeals for emergency funds",
                "Floods have displaced 40,000 people in the region of Tillabéri since August, the United Nations said on Monday.",
                "\"We need boats, tents and clean water now,\" said Aïcha Moussa, the UNICEF representative in Niamey.",
                "The river rose by three metres in two days.",
                "Schools in 120 villages have been turned into shelters.",
                "The World Food Programme has delivered rice and oil to 15,000 families.",
                "An appeal for $25 million will be launched next week.",
            ],
            langid!("en"),
        );
        let fr = side(
            &[
                "Niger : l'ONU lance un appel d'urgence face aux inondations",
                "Les inondations ont déplacé 40 000 personnes dans la région de Tillabéri depuis le mois d'août, ont annoncé lundi les Nations Unies.",
                "Le pays connaît des crues de plus en plus fréquentes depuis dix ans.",
                "Dans 120 villages, les écoles ont été transformées en abris.",
                "Le Programme alimentaire mondial a distribué du riz et de l'huile à 15 000 familles.",
                "Un appel de fonds de 25 millions de dollars sera lancé la semaine prochaine.",
                "« Il nous faut des bateaux, des tentes et de l'eau potable, maintenant », a déclaré Aïcha Moussa, représentante de l'UNICEF à Niamey.",
            ],
            langid!("fr"),
        );
        let alignment = align(en, fr);
        assert_eq!(
            lines_of(&alignment),
            ["0\t0", "1\t1", "2\t", "3\t", "\t2", "4\t3", "5\t4", "6\t5", "\t6"]
        );
    }

    #[test]
    fn a_repeated_standfirst_and_a_repeated_paragraph_are_left_unaligned() {
        let lead =
            "The United Nations honoured 77 staff members who died in the line of duty last year.";
        let en = side(
            &[
                "UN remembers 77 colleagues",
                lead,
                lead,
                "Their names were read aloud during the ceremony in New York.",
            ],
            langid!("en"),
        );
        let fr = side(
            &[
                "L'ONU rend hommage à 77 collègues",
                "Les Nations Unies ont rendu hommage aux 77 membres du personnel morts en service l'an dernier.",
                "Leurs noms ont été lus pendant la cérémonie à New York.",
            ],
            langid!("fr"),
        );
        // The first copy, right after the title, is the standfirst.
        assert_eq!(lines_of(&align(en, fr)), ["0\t0", "1\t", "2\t1", "3\t2"]);
        let again = "Leurs noms ont été lus pendant la cérémonie au Siège, à New York.";
        let en = side(
            &[
                "The names of the 77 were read aloud at Headquarters in New York.",
                "A minute of silence followed.",
            ],
            langid!("en"),
        );
        let fr = side(
            &[again, again, "Une minute de silence a suivi."],
            langid!("fr"),
        );
        // Elsewhere, the second copy is the page's repetition.
        assert_eq!(lines_of(&align(en, fr)), ["0\t0", "\t1", "1\t2"]);
    }

    #[test]
    fn headings_fill_their_slot_even_when_retitled_or_a_bare_direction() {
        let en = side(
            &[
                "Remembering our colleagues",
                "The Force Commander asked all present to observe a minute of silence.",
                "Thank you.",
            ],
            langid!("en"),
        );
        let fr = side(
            &[
                "Minute de silence",
                "Le commandant de la Force a demandé à l'assistance d'observer une minute de silence.",
                "Je vous remercie.",
            ],
            langid!("fr"),
        );
        let alignment = align(en, fr);
        assert_eq!(lines_of(&alignment), ["0\t0", "1\t1", "2\t2"]);
        assert_eq!(alignment.beads[0].kind, BeadKind::Direction);
        // A title that shares its line with a stage direction is a title to the aligner.
        let title = Segment {
            kind: SegmentKind::Sentence,
            ..alignment.source.segments[1].clone()
        };
        let title = Segment {
            text: "Remarks at the Annual Memorial Service".into(),
            ..title
        };
        assert_eq!(class_of(&title), Class::Text(SegmentKind::Heading));
        let sentence = Segment {
            text: "We remember them.".into(),
            ..title
        };
        assert_eq!(class_of(&sentence), Class::Text(SegmentKind::Sentence));
    }

    #[test]
    fn runs_of_unaligned_segments_list_the_source_side_first() {
        let step = |i0, i1, j0, j1| Step {
            i0,
            i1,
            j0,
            j1,
            posterior: 0.5,
        };
        let steps = vec![
            step(0, 1, 0, 1),
            step(1, 1, 1, 2),
            step(1, 2, 2, 2),
            step(2, 2, 2, 3),
            step(2, 3, 3, 3),
            step(3, 4, 3, 4),
        ];
        let ordered: Vec<(usize, usize, usize, usize)> = source_nulls_first(steps)
            .iter()
            .map(|s| (s.i0, s.i1, s.j0, s.j1))
            .collect();
        assert_eq!(
            ordered,
            [
                (0, 1, 0, 1),
                (1, 2, 1, 1),
                (2, 3, 1, 1),
                (3, 3, 1, 2),
                (3, 3, 2, 3),
                (3, 4, 3, 4)
            ]
        );
    }
}
