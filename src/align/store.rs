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
    /// What the pair is: sentences (and headings, datelines) or salutation lines, stored
    /// with the unit so that a lookup can tell them apart.
    pub kind: BeadKind,
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
/// when it is 1-1, 1-2 or 2-1, pairs translatable text (sentences, headings, datelines, or
/// a salutation line with a salutation line; never stage directions, which are anchors)
/// whose segments are in their text's language, and its confidence is at least
/// `min_confidence`. Beads with text on one side only are
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
            kind: bead.kind,
            context_before: context(alignment, position.checked_sub(1).map(|p| textual[p])),
            context_after: context(alignment, textual.get(position + 1).copied()),
        });
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{side_from_lines, Bead, BeadKind};
    use crate::textfile::Origin;
    use unic_langid::langid;

    fn side(name: &str, text: &str, lang: LanguageIdentifier) -> Side {
        let mut side = side_from_lines(text, &Origin::Stdin, &lang).unwrap().0;
        side.name = name.to_owned();
        side
    }

    fn bead(
        source: std::ops::Range<usize>,
        target: std::ops::Range<usize>,
        confidence: f64,
        kind: BeadKind,
    ) -> Bead {
        Bead {
            source,
            target,
            confidence,
            kind,
        }
    }

    /// A salutation, a sentence, a minute of silence, a 2-1 join, a weak pair, a pair with
    /// numbers, "Merci." in the English text, a sentence on each side without counterpart,
    /// and a 1-2 split.
    fn alignment() -> Alignment {
        let source = side(
            "a.en.txt",
            "Ladies and Gentlemen,\nWe remember them.\n[Minute of silence]\nWe act.\nWe build.\nThe plan is ready.\nIt costs 3,700 dollars.\nMerci.\nWe will return.\nOne and two.\n",
            langid!("en"),
        );
        let target = side(
            "a.fr.txt",
            "Mesdames et Messieurs,\nNous nous souvenons d’eux.\nMinute de silence\nNous agissons et nous construisons.\nLe plan est prêt.\nIl coûte 3 700 dollars.\nMerci.\nNous reviendrons.\nUn.\nDeux.\n",
            langid!("fr"),
        );
        assert_eq!(source.segments.len(), 10);
        assert_eq!(target.segments.len(), 10);
        let beads = vec![
            bead(0..1, 0..1, 0.99, BeadKind::Salutation),
            bead(1..2, 1..2, 0.95, BeadKind::Translation),
            bead(2..3, 2..3, 0.98, BeadKind::Direction),
            bead(3..5, 3..4, 0.90, BeadKind::Translation),
            bead(5..6, 4..5, 0.40, BeadKind::Translation),
            bead(6..7, 5..6, 0.97, BeadKind::Translation),
            bead(7..8, 6..7, 0.99, BeadKind::Translation),
            bead(8..9, 7..7, 0.80, BeadKind::SourceOnly),
            bead(9..9, 7..8, 0.80, BeadKind::TargetOnly),
            bead(9..10, 8..10, 0.90, BeadKind::Translation),
        ];
        Alignment {
            source,
            target,
            beads,
        }
    }

    #[test]
    fn confident_one_and_two_segment_pairs_are_stored_with_provenance() {
        let alignment = alignment();
        let plan = storable_pairs(&alignment, 0.5);
        let stored: Vec<usize> = plan.pairs.iter().map(|p| p.bead).collect();
        assert_eq!(
            stored,
            [0, 1, 3, 5, 9],
            "salutations are stored, directions never"
        );
        assert_eq!(plan.pairs[0].kind, BeadKind::Salutation);
        assert_eq!(plan.pairs[0].target_text, "Mesdames et Messieurs,");
        assert_eq!(plan.pairs[1].kind, BeadKind::Translation);
        let plan = storable_pairs(&alignment, 0.995);
        assert!(
            plan.pairs.iter().all(|p| p.bead != 0),
            "a salutation aligned without confidence is held back"
        );
        let plan = storable_pairs(&alignment, 0.5);
        let join = &plan.pairs[2];
        assert_eq!(join.source_text, "We act. We build.");
        assert_eq!(join.target_text, "Nous agissons et nous construisons.");
        assert_eq!(join.source_ids.len(), 2);
        assert_eq!(join.target_ids.len(), 1);
        assert_eq!(join.source_ids[0], alignment.source.segments[3].id);
        assert_eq!(join.source_file, "a.en.txt");
        assert_eq!(join.target_file, "a.fr.txt");
        assert_eq!(join.source_language, langid!("en"));
        assert_eq!(join.target_language, langid!("fr"));
        assert_eq!(join.confidence, 0.90);
        let split = &plan.pairs[4];
        assert_eq!(split.target_text, "Un. Deux.");
        assert_eq!((split.source_ids.len(), split.target_ids.len()), (1, 2));
    }

    #[test]
    fn directions_and_one_sided_beads_are_never_stored_nor_held() {
        let alignment = alignment();
        let plan = storable_pairs(&alignment, 0.0);
        let all: Vec<usize> = plan
            .pairs
            .iter()
            .map(|p| p.bead)
            .chain(plan.held_back.iter().map(|h| h.bead))
            .collect();
        for excluded in [2, 7, 8] {
            assert!(!all.contains(&excluded), "bead {excluded} in {all:?}");
        }
        assert!(plan
            .pairs
            .iter()
            .all(|p| !p.source_text.contains("silence") && !p.target_text.contains("silence")));
    }

    #[test]
    fn weak_beads_and_other_languages_are_held_back_with_a_reason() {
        let plan = storable_pairs(&alignment(), 0.5);
        let held: Vec<(usize, HoldReason)> =
            plan.held_back.iter().map(|h| (h.bead, h.reason)).collect();
        assert_eq!(
            held,
            [
                (4, HoldReason::LowConfidence),
                (6, HoldReason::OtherLanguage)
            ]
        );
        assert_eq!(plan.held_back[0].confidence, 0.40);
        // A stricter threshold holds more back; the sum stays the same.
        let strict = storable_pairs(&alignment(), 0.95);
        assert_eq!(strict.pairs.len() + strict.held_back.len(), 7);
        assert_eq!(
            strict.pairs.iter().map(|p| p.bead).collect::<Vec<_>>(),
            [0, 1, 5]
        );
    }

    #[test]
    fn two_by_two_beads_are_held_back_as_too_coarse() {
        let mut alignment = alignment();
        alignment.beads[9].source = 8..10;
        alignment.beads[7].source = 8..8;
        alignment.beads[7].target = 7..8;
        alignment.beads[7].kind = BeadKind::TargetOnly;
        alignment.beads.remove(8);
        let plan = storable_pairs(&alignment, 0.5);
        let last = plan.held_back.last().unwrap();
        assert_eq!((last.bead, last.reason), (8, HoldReason::Shape));
    }

    #[test]
    fn context_is_the_nearest_text_bead_on_each_side() {
        let plan = storable_pairs(&alignment(), 0.5);
        // The neighbour may be a salutation.
        let first = &plan.pairs[1];
        assert_eq!(first.source_text, "We remember them.");
        assert_eq!(
            first.context_before.as_ref().unwrap().source,
            "Ladies and Gentlemen,"
        );
        // "We remember them." is followed by a direction: its context skips it.
        assert_eq!(
            first.context_after,
            Some(BeadContext {
                source: "We act. We build.".into(),
                target: "Nous agissons et nous construisons.".into()
            })
        );
        assert_eq!(
            first.context_before.as_ref().unwrap().target,
            "Mesdames et Messieurs,"
        );
        // A one-sided neighbour is context too (its other side is empty).
        let last = plan.pairs.last().unwrap();
        assert_eq!(
            last.context_before,
            Some(BeadContext {
                source: String::new(),
                target: "Nous reviendrons.".into()
            })
        );
        assert_eq!(last.context_after, None);
    }

    #[test]
    fn an_empty_alignment_stores_nothing() {
        let mut alignment = alignment();
        alignment.beads.clear();
        assert_eq!(storable_pairs(&alignment, 0.5), StorePlan::default());
    }
}
