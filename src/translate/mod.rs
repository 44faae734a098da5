//! Pre-translation: every segment of a speech looked up in the translation memory (and in the
//! previous draft's translation, when there is one), so that the translator starts from
//! everything already known (docs/translate.md).
//!
//! [`pretranslate`] gives each segment a [`Treatment`]: a stage direction carried over with a
//! target-language wording, a passage in another language passed through, or a translatable
//! segment with its ranked [`Candidate`]s and its match [`Band`]. From that one result come
//! the target-language draft ([`draft`]), the XLIFF units ([`xliff_units`]) and the analysis
//! report ([`Analysis`]). The module reads the memory through its public lookup; it writes
//! nothing.

mod directions;
mod draft;
mod error;
mod previous;
mod report;
mod xliff;

use crate::terms::{TermHit, TermMatcher};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::memory::{self, DiffPart, LookupRequest, MemoryError, SegmentContext, TranslationStore};
use crate::revision::{self, Change};
use crate::speech::sentences::sentence_ranges;
use crate::speech::{Segment, SegmentKind, Speech};

pub use directions::direction_wording;
pub use draft::draft;
pub use error::{NoMemory, TranslateError};
pub use previous::PreviousDraft;
pub use report::{Analysis, BandCount, FoundTerm, PretranslationReport, SegmentReport, WorkLists};
pub use xliff::{diff_text, write_xliff, xliff_header, xliff_units};

/// The lowest match score worth proposing, unless `--threshold` says otherwise.
pub const DEFAULT_THRESHOLD: u8 = 75;
/// Candidates kept per segment (the best fills the target, the others are alternatives).
pub const DEFAULT_CANDIDATES: usize = 3;

/// How a pre-translation is made.
#[derive(Debug, Clone)]
pub struct Options {
    /// The language to translate into.
    pub to: LanguageIdentifier,
    /// The lowest match score proposed and filled in, 1–100.
    pub threshold: u8,
    /// Candidates kept per segment.
    pub candidates: usize,
}

impl Options {
    /// The usual options for a target language.
    pub fn new(to: LanguageIdentifier) -> Options {
        Options {
            to,
            threshold: DEFAULT_THRESHOLD,
            candidates: DEFAULT_CANDIDATES,
        }
    }
}

/// Where a candidate translation comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "lowercase")]
pub enum Provider {
    /// A unit of the translation memory.
    Memory {
        /// Its origin (file or speech it was stored from).
        #[serde(skip_serializing_if = "Option::is_none")]
        origin: Option<String>,
        /// Its id in the memory.
        unit: i64,
    },
    /// The previous draft's translation of this segment.
    Previous {
        /// What happened to the segment since that draft: kept, moved or edited.
        change: Change,
    },
}

/// A proposed translation of a segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The match score, 0–100 (docs/match-score.md).
    pub score: u8,
    /// The source text the translation was made for.
    pub source: String,
    /// The translation proposed: the stored target, with the segment's numbers put in when
    /// only numbers differ.
    pub target: String,
    /// The translation as stored (the pair `source` ↔ `stored_target` is what the memory
    /// holds; `target` may have the segment's numbers put in).
    pub stored_target: String,
    /// The stored source holds more sentences than the segment (a unit stored from a 2-1
    /// bead, found for one of its sentences): its target translates more than the segment,
    /// so it is only proposed, ranked after the others, and never fills the target.
    pub covers_more: bool,
    /// An exact match whose neighbouring segments are this segment's too (or a segment
    /// kept in place since the previous draft).
    pub in_context: bool,
    /// Word-level differences from the candidate's source to the segment.
    pub diff: Vec<DiffPart>,
    /// Where it comes from.
    pub provider: Provider,
}

impl Candidate {
    /// Whether this is the previous draft's translation.
    pub fn is_previous(&self) -> bool {
        matches!(self.provider, Provider::Previous { .. })
    }
}

/// The match bands of a translation manager's analysis, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    /// An exact match in the same context (or a segment unchanged since the previous draft).
    InContext,
    /// A second or later occurrence of a segment in the same speech.
    Repetition,
    /// An exact match.
    Exact,
    /// Two consecutive segments matched together by one stored unit (a unit stored from a
    /// 2-1 bead): one proposal covers both.
    Joined,
    /// 95–99 %.
    #[serde(rename = "fuzzy-95")]
    Fuzzy95,
    /// 85–94 %.
    #[serde(rename = "fuzzy-85")]
    Fuzzy85,
    /// 75–84 %.
    #[serde(rename = "fuzzy-75")]
    Fuzzy75,
    /// No match of 75 % or more.
    NoMatch,
}

impl Band {
    /// The bands in the order a report shows them.
    pub const ALL: [Band; 8] = [
        Band::InContext,
        Band::Exact,
        Band::Joined,
        Band::Fuzzy95,
        Band::Fuzzy85,
        Band::Fuzzy75,
        Band::NoMatch,
        Band::Repetition,
    ];

    /// The band's name in JSON and in Fluent message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::InContext => "in-context",
            Band::Repetition => "repetition",
            Band::Exact => "exact",
            Band::Joined => "joined",
            Band::Fuzzy95 => "fuzzy-95",
            Band::Fuzzy85 => "fuzzy-85",
            Band::Fuzzy75 => "fuzzy-75",
            Band::NoMatch => "no-match",
        }
    }

    /// The band of a best score (no in-context or repetition considered).
    pub fn of_score(score: Option<u8>) -> Band {
        match score {
            Some(100) => Band::Exact,
            Some(95..=99) => Band::Fuzzy95,
            Some(85..=94) => Band::Fuzzy85,
            Some(75..=84) => Band::Fuzzy75,
            _ => Band::NoMatch,
        }
    }
}

/// What pre-translation does with a segment.
#[derive(Debug, Clone, PartialEq)]
pub enum Treatment {
    /// A stage direction: never translated, carried over with a wording in the target
    /// language.
    Direction {
        /// The wording in the target language (the original when it cannot be rendered).
        wording: String,
    },
    /// A passage already in another language ("Merci." in an English speech): passed through.
    Passage,
    /// A segment to translate.
    Translate {
        /// The candidates, best first (the first fills the target when its score reaches the
        /// threshold).
        candidates: Vec<Candidate>,
        /// For a repeated segment: the index of its first occurrence.
        repetition_of: Option<usize>,
        /// Its match band.
        band: Band,
        /// When the best candidate translates this segment and the next one together: the
        /// index of that next segment (which is then [`Treatment::Joined`]).
        joined_with: Option<usize>,
    },
    /// A segment translated together with the one before it: the proposal of segment
    /// `into` covers both, and this one adds nothing to the draft.
    Joined {
        /// The index of the segment whose proposal covers this one.
        into: usize,
    },
}

/// One segment and what pre-translation made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentResult {
    /// The source segment.
    pub segment: Segment,
    /// What is done with it.
    pub treatment: Treatment,
    /// Its word count (for the analysis).
    pub words: usize,
    /// The term base's terms found in it, in text order (segments to translate only).
    pub terms: Vec<TermHit>,
}

impl SegmentResult {
    /// The candidate that fills the target, when one reaches the threshold (a candidate that
    /// covers more than the segment never does).
    pub fn filled(&self, threshold: u8) -> Option<&Candidate> {
        match &self.treatment {
            Treatment::Translate { candidates, .. } => candidates
                .first()
                .filter(|c| c.score >= threshold && !c.covers_more),
            _ => None,
        }
    }

    /// The match band, for translatable segments.
    pub fn band(&self) -> Option<Band> {
        match &self.treatment {
            Treatment::Translate { band, .. } => Some(*band),
            Treatment::Joined { .. } => Some(Band::Joined),
            _ => None,
        }
    }

    /// The index of the next segment this one's proposal also covers, when it does.
    pub fn joined_with(&self) -> Option<usize> {
        match &self.treatment {
            Treatment::Translate { joined_with, .. } => *joined_with,
            _ => None,
        }
    }
}

/// A whole speech pre-translated.
#[derive(Debug, Clone, PartialEq)]
pub struct Pretranslation {
    /// The source language.
    pub from: LanguageIdentifier,
    /// The target language.
    pub to: LanguageIdentifier,
    /// The threshold used.
    pub threshold: u8,
    /// Every segment, in order.
    pub segments: Vec<SegmentResult>,
}

impl Pretranslation {
    /// The analysis report of this pre-translation.
    pub fn analysis(&self) -> Analysis {
        Analysis::of(self)
    }
}

/// Refuses a speech already in the target language (`from` and `to` share their language
/// subtag): there is nothing to translate, and a memory lookup would only find it.
pub fn check_languages(
    from: &LanguageIdentifier,
    to: &LanguageIdentifier,
) -> Result<(), TranslateError> {
    if from.language == to.language {
        return Err(TranslateError::SameLanguage {
            lang: from.to_string(),
        });
    }
    Ok(())
}

/// Opens the memory for a pre-translation when its file exists; a missing one is no error
/// (a first speech has no memory yet): the speech is pre-translated without one, and the
/// [`NoMemory`] warning says so.
pub fn open_memory(
    location: &memory::StoreLocation,
) -> Result<(Option<memory::OpenedStore>, Option<NoMemory>), MemoryError> {
    if location.exists() {
        Ok((
            Some(memory::open_store(location, memory::Access::Existing)?),
            None,
        ))
    } else {
        let warning = NoMemory {
            path: location.to_string(),
        };
        Ok((None, Some(warning)))
    }
}

/// The neighbouring segments of each segment: the nearest ones that are not stage
/// directions, as the memory stores context.
fn contexts(segments: &[Segment]) -> Vec<SegmentContext> {
    let text_like: Vec<usize> = segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind != SegmentKind::Direction)
        .map(|(k, _)| k)
        .collect();
    let mut out = vec![SegmentContext::default(); segments.len()];
    for (position, &index) in text_like.iter().enumerate() {
        out[index] = SegmentContext {
            before: position
                .checked_sub(1)
                .map(|p| segments[text_like[p]].text.clone()),
            after: text_like
                .get(position + 1)
                .map(|&n| segments[n].text.clone()),
        };
    }
    out
}

/// The key under which repeated segments are found: the id without its occurrence suffix.
fn repetition_key(segment: &Segment) -> &str {
    segment.id.split('-').next().unwrap_or(&segment.id)
}

/// How many sentences a text holds, by the segmentation rules of its language.
fn sentence_count(text: &str, language: &LanguageIdentifier) -> usize {
    sentence_ranges(text, &crate::lang::profile(language).segmentation).len()
}

/// The memory's candidates for a text (one segment, or two joined), in the memory's order.
fn memory_candidates(
    memory: &dyn TranslationStore,
    text: &str,
    context: &SegmentContext,
    from: &LanguageIdentifier,
    threshold: u8,
    options: &Options,
) -> Result<Vec<Candidate>, MemoryError> {
    let request = LookupRequest {
        text,
        from,
        to: &options.to,
        threshold,
        limit: options.candidates,
        context: Some(context),
    };
    let sentences = sentence_count(text, from);
    Ok(memory
        .lookup(&request)?
        .into_iter()
        .map(|m| Candidate {
            score: m.score,
            target: m.substituted.clone().unwrap_or_else(|| m.target.clone()),
            covers_more: m.score < 100 && sentence_count(&m.source, from) > sentences,
            stored_target: m.target,
            source: m.source,
            in_context: m.in_context,
            diff: m.diff,
            provider: Provider::Memory {
                origin: m.origin,
                unit: m.unit,
            },
        })
        .collect())
}

/// Ranks candidates: those that translate no more than the segment first, then score, then in
/// context, then the previous draft's translation before the memory's (it is the translator's
/// latest word), then the memory's own order.
fn rank(candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| {
        a.covers_more
            .cmp(&b.covers_more)
            .then(b.score.cmp(&a.score))
            .then(b.in_context.cmp(&a.in_context))
            .then(b.is_previous().cmp(&a.is_previous()))
    });
}

/// The band of a segment from its best candidate and whether it repeats an earlier one.
fn band_of(best: Option<&Candidate>, repetition_of: Option<usize>) -> Band {
    let best = best.filter(|b| !b.covers_more);
    match (best, repetition_of) {
        (Some(best), _) if best.in_context && best.score == 100 => Band::InContext,
        (_, Some(_)) => Band::Repetition,
        (best, None) => Band::of_score(best.map(|b| b.score)),
    }
}

/// Pre-translates a speech: each segment looked up in `memory` (when there is one) and in
/// the `previous` draft's translation (when given).
pub fn pretranslate(
    speech: &Speech,
    segments: &[Segment],
    memory: Option<&dyn TranslationStore>,
    previous: Option<&PreviousDraft>,
    options: &Options,
    l10n_target: &crate::i18n::Localizer,
) -> Result<Pretranslation, MemoryError> {
    let from = speech.meta.language.clone().unwrap_or_default();
    let contexts = contexts(segments);
    let (previous_candidates, previous_joined) = match previous {
        Some(previous) => (
            previous.candidates(segments),
            previous.joined_candidates(segments),
        ),
        None => (vec![None; segments.len()], vec![None; segments.len()]),
    };
    let mut first_occurrence: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::new();
    let mut results: Vec<SegmentResult> = Vec::with_capacity(segments.len());
    // The term base, loaded once for the speech (thousands of concepts, not millions).
    let terms = match memory {
        Some(memory) => Some(TermMatcher::new(
            memory.concepts_for(&from, &options.to)?,
            &from,
            &options.to,
        )),
        None => None,
    }
    .filter(|matcher| !matcher.is_empty());
    for (index, segment) in segments.iter().enumerate() {
        let words = crate::lang::count_words(&segment.text);
        let treatment = if let Some(direction) = &segment.direction {
            Treatment::Direction {
                wording: direction_wording(direction, &options.to, l10n_target),
            }
        } else if segment.lang.language != from.language {
            Treatment::Passage
        } else {
            let key = repetition_key(segment);
            let repetition_of = first_occurrence.get(key).copied();
            first_occurrence.entry(key).or_insert(index);
            let mut candidates = match memory {
                Some(memory) => memory_candidates(
                    memory,
                    &segment.text,
                    &contexts[index],
                    &from,
                    options.threshold,
                    options,
                )?,
                None => Vec::new(),
            };
            if let Some(candidate) = previous_candidates[index].clone() {
                candidates.retain(|c| c.target != candidate.target || c.score > candidate.score);
                candidates.push(candidate);
            }
            rank(&mut candidates);
            candidates.truncate(options.candidates.max(1));
            let band = band_of(candidates.first(), repetition_of);
            Treatment::Translate {
                candidates,
                repetition_of,
                band,
                joined_with: None,
            }
        };
        let found = match (&treatment, &terms) {
            (Treatment::Translate { .. }, Some(terms)) => terms.find_terms(&segment.text),
            _ => Vec::new(),
        };
        results.push(SegmentResult {
            segment: segment.clone(),
            treatment,
            words,
            terms: found,
        });
    }
    let joined = JoinSources {
        memory,
        previous: &previous_joined,
        contexts: &contexts,
        from: &from,
    };
    join_across_boundaries(&joined, &mut results, options)?;
    Ok(Pretranslation {
        from,
        to: options.to.clone(),
        threshold: options.threshold,
        segments: results,
    })
}

/// The score a segment's target is filled with (0 when it is not), for comparing separate
/// proposals with a joined one.
fn filled_score(result: &SegmentResult, threshold: u8) -> u32 {
    result.filled(threshold).map_or(0, |c| u32::from(c.score))
}

/// Two consecutive segments (of one paragraph, or the last and first of two: an aligner
/// joins across a paragraph break too), both to translate and neither already covered,
/// whose separate proposals are not both exact: worth looking up together.
fn may_join(first: &SegmentResult, second: &SegmentResult, threshold: u8) -> bool {
    let to_translate = |r: &SegmentResult| matches!(r.treatment, Treatment::Translate { .. });
    to_translate(first)
        && to_translate(second)
        && (filled_score(first, threshold) < 100 || filled_score(second, threshold) < 100)
}

/// Whether a segment has a candidate that covers more than it: the sign that the memory
/// holds it joined with a neighbour.
fn has_wider_candidate(result: &SegmentResult) -> bool {
    matches!(&result.treatment, Treatment::Translate { candidates, .. }
        if candidates.iter().any(|c| c.covers_more))
}

/// Where proposals for two segments joined come from: the memory, and the previous draft's
/// units that held the two as one (see [`PreviousDraft::joined_candidates`]).
struct JoinSources<'a> {
    memory: Option<&'a dyn TranslationStore>,
    /// Index `k`: the previous draft's translation of segments `k` and `k + 1` joined.
    previous: &'a [Option<Candidate>],
    contexts: &'a [SegmentContext],
    from: &'a LanguageIdentifier,
}

impl JoinSources<'_> {
    /// The candidates for segments `index` and `index + 1` joined, best first.
    fn candidates(
        &self,
        results: &[SegmentResult],
        index: usize,
        options: &Options,
    ) -> Result<Vec<Candidate>, MemoryError> {
        let (first, second) = (&results[index], &results[index + 1]);
        let mut joined = Vec::new();
        if let Some(memory) = self.memory {
            let threshold = if has_wider_candidate(first) || has_wider_candidate(second) {
                options.threshold
            } else {
                100
            };
            let text = format!("{} {}", first.segment.text, second.segment.text);
            let context = SegmentContext {
                before: self.contexts[index].before.clone(),
                after: self.contexts[index + 1].after.clone(),
            };
            joined = memory_candidates(memory, &text, &context, self.from, threshold, options)?;
        }
        if let Some(candidate) = self.previous.get(index).cloned().flatten() {
            joined.push(candidate);
        }
        joined.retain(|c| !c.covers_more && c.score >= options.threshold);
        rank(&mut joined);
        Ok(joined)
    }
}

/// Matches across segment boundaries: a unit stored from a 2-1 bead ("We act. We build." ↔
/// "Nous agissons et nous construisons.") is found for the two draft segments it spans,
/// and proposed for both when it beats their separate proposals (weighted by words). Exact
/// joined matches are looked for everywhere (a cheap lookup); fuzzy ones only where a
/// segment's candidates show the memory holds it joined.
fn join_across_boundaries(
    sources: &JoinSources<'_>,
    results: &mut [SegmentResult],
    options: &Options,
) -> Result<(), MemoryError> {
    let mut index = 0;
    while index + 1 < results.len() {
        let (first, second) = (&results[index], &results[index + 1]);
        if !may_join(first, second, options.threshold) {
            index += 1;
            continue;
        }
        let (first_words, second_words) = (first.words.max(1) as u32, second.words.max(1) as u32);
        let separate = (filled_score(first, options.threshold) * first_words
            + filled_score(second, options.threshold) * second_words)
            / (first_words + second_words);
        let joined = sources.candidates(results, index, options)?;
        match joined.first() {
            Some(best) if u32::from(best.score) > separate => {
                results[index].treatment = Treatment::Translate {
                    candidates: joined,
                    repetition_of: None,
                    band: Band::Joined,
                    joined_with: Some(index + 1),
                };
                results[index + 1].treatment = Treatment::Joined { into: index };
                index += 2;
            }
            _ => index += 1,
        }
    }
    Ok(())
}

/// The previous draft's translation of a segment as a candidate: kept or moved segments as
/// exact matches (kept ones in context), edited ones scored like a memory match, with the
/// differences from the old source.
fn previous_candidate(
    change: Change,
    old_source: &str,
    translation: &str,
    new_text: &str,
) -> Candidate {
    let comparison = memory::compare(new_text, old_source);
    let score = match change {
        Change::Kept | Change::Moved => 100,
        _ => comparison.score,
    };
    let target = if comparison.only_placeables_differ && score < 100 {
        memory::substitute_placeables(
            translation,
            &comparison.number_changes,
            &comparison.tag_changes,
        )
    } else {
        None
    };
    Candidate {
        score,
        source: old_source.to_owned(),
        target: target.unwrap_or_else(|| translation.to_owned()),
        stored_target: translation.to_owned(),
        covers_more: false,
        in_context: change == Change::Kept,
        diff: memory::diff(old_source, new_text),
        provider: Provider::Previous { change },
    }
}

/// For each new segment, the previous draft's candidate (see [`PreviousDraft::candidates`]).
fn candidates_from_revisions(
    old: &[Segment],
    translations: &[Option<String>],
    new: &[Segment],
) -> Vec<Option<Candidate>> {
    let mut out = vec![None; new.len()];
    for revision in revision::compare(old, new) {
        let (Some(old_ref), Some(new_ref)) = (&revision.old, &revision.new) else {
            continue;
        };
        let Some(Some(translation)) = translations.get(old_ref.index) else {
            continue;
        };
        if !matches!(
            revision.change,
            Change::Kept | Change::Moved | Change::Edited
        ) {
            continue;
        }
        out[new_ref.index] = Some(previous_candidate(
            revision.change,
            &old_ref.text,
            translation,
            &new_ref.text,
        ));
    }
    out
}

#[cfg(test)]
mod tests;
