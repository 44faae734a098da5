//! Which beads may become translation units: confident 1-1, 1-2 and 2-1 beads of
//! translatable segments in the two texts' own languages, with their provenance and
//! context. Everything else that pairs text is held back for review, with the reason.
//! The memory module writes the pairs; this module only decides.

use unic_langid::LanguageIdentifier;

use super::{Alignment, Bead, BeadKind, Side};

/// The texts of a neighbouring bead (either side may be empty), as context of a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeadContext {
    /// Source text of the neighbour.
    pub source: String,
    /// Target text of the neighbour.
    pub target: String,
}

/// A bead ready to be stored as a translation unit.
#[derive(Debug, Clone, PartialEq)]
pub struct StorablePair {
    /// Index of the bead in the alignment.
    pub bead: usize,
    /// Source text: the bead's source segments joined with a space.
    pub source_text: String,
    /// Target text, joined the same way.
    pub target_text: String,
    /// Source language.
    pub source_language: LanguageIdentifier,
    /// Target language.
    pub target_language: LanguageIdentifier,
    /// Source file name, as given.
    pub source_file: String,
    /// Target file name, as given.
    pub target_file: String,
    /// Ids of the source segments.
    pub source_ids: Vec<String>,
    /// Ids of the target segments.
    pub target_ids: Vec<String>,
    /// The bead's confidence.
    pub confidence: f64,
    /// The nearest bead before it that holds translatable text.
    pub context_before: Option<BeadContext>,
    /// The nearest bead after it that holds translatable text.
    pub context_after: Option<BeadContext>,
}

/// Why a bead that pairs text is not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldReason {
    /// Its confidence is under the threshold.
    LowConfidence,
    /// It is a 2-2, 3-1 or 1-3 bead: too coarse for a translation unit.
    Shape,
    /// One of its segments is in another language than its text ("Merci." in English).
    OtherLanguage,
}

impl HoldReason {
    /// The reason's name in JSON and in Fluent message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            HoldReason::LowConfidence => "low-confidence",
            HoldReason::Shape => "shape",
            HoldReason::OtherLanguage => "other-language",
        }
    }
}

/// A bead pairing text that is held back for review.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldBack {
    /// Index of the bead in the alignment.
    pub bead: usize,
    /// Its confidence.
    pub confidence: f64,
    /// Why it is not stored.
    pub reason: HoldReason,
}

/// What storing an alignment would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StorePlan {
    /// The units to store, in document order.
    pub pairs: Vec<StorablePair>,
    /// The beads held back for review, in document order.
    pub held_back: Vec<HeldBack>,
}

fn pairs_text(bead: &Bead) -> bool {
    !bead.source.is_empty()
        && !bead.target.is_empty()
        && matches!(bead.kind, BeadKind::Translation | BeadKind::Salutation)
}

fn in_own_language(side: &Side, range: std::ops::Range<usize>) -> bool {
    side.segments[range]
        .iter()
        .all(|s| s.lang.language == side.language.language && s.kind.is_translatable())
}

fn context(alignment: &Alignment, index: Option<usize>) -> Option<BeadContext> {
    let bead = &alignment.beads[index?];
    Some(BeadContext {
        source: alignment.source_text(bead),
        target: alignment.target_text(bead),
    })
}

/// The storable pairs of an alignment and the beads held back for review. A bead is stored
/// when it is 1-1, 1-2 or 2-1, pairs translatable text (sentences, headings, datelines,
/// salutations; never stage directions) whose segments are in their text's language, and
/// its confidence is at least `min_confidence`. Beads with text on one side only are
/// neither stored nor held back: there is nothing to review.
pub fn storable_pairs(alignment: &Alignment, min_confidence: f64) -> StorePlan {
    let textual: Vec<usize> = alignment
        .beads
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BeadKind::Direction)
        .map(|(k, _)| k)
        .collect();
    let mut plan = StorePlan::default();
    for (position, &index) in textual.iter().enumerate() {
        let bead = &alignment.beads[index];
        if !pairs_text(bead) {
            continue;
        }
        let hold = |reason| HeldBack {
            bead: index,
            confidence: bead.confidence,
            reason,
        };
        if !matches!(
            (bead.source.len(), bead.target.len()),
            (1, 1) | (1, 2) | (2, 1)
        ) {
            plan.held_back.push(hold(HoldReason::Shape));
            continue;
        }
        if !in_own_language(&alignment.source, bead.source.clone())
            || !in_own_language(&alignment.target, bead.target.clone())
        {
            plan.held_back.push(hold(HoldReason::OtherLanguage));
            continue;
        }
        if bead.confidence < min_confidence || bead.confidence.is_nan() {
            plan.held_back.push(hold(HoldReason::LowConfidence));
            continue;
        }
        let ids = |side: &Side, range: std::ops::Range<usize>| {
            side.segments[range]
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        };
        plan.pairs.push(StorablePair {
            bead: index,
            source_text: alignment.source_text(bead),
            target_text: alignment.target_text(bead),
            source_language: alignment.source.language.clone(),
            target_language: alignment.target.language.clone(),
            source_file: alignment.source.name.clone(),
            target_file: alignment.target.name.clone(),
            source_ids: ids(&alignment.source, bead.source.clone()),
            target_ids: ids(&alignment.target, bead.target.clone()),
            confidence: bead.confidence,
            context_before: context(alignment, position.checked_sub(1).map(|p| textual[p])),
            context_after: context(alignment, textual.get(position + 1).copied()),
        });
    }
    plan
}
