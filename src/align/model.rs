//! How a bead is scored: lexical evidence (a weighted Dice over evidence tokens), a length
//! model (French runs 15–20 % longer than English: the expected ratio comes from the
//! languages' data), the shape of the bead, and what its segments are. Stage directions pair
//! only with directions of the same kind, salutations only with salutations, one to one.

use crate::speech::{DirectionKind, SegmentKind};

use super::features::Features;

/// What an item (a segment, or a paragraph in the first pass) can pair with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Prose, headings, datelines: translation units.
    Text(SegmentKind),
    /// A line of address: pairs only with another, one to one.
    Salutation,
    /// A stage direction: pairs only with a direction of the same kind, never stored.
    Direction(DirectionKind),
}

/// One item to align.
#[derive(Debug, Clone)]
pub struct Item {
    /// What it can pair with.
    pub class: Class,
    /// Its evidence.
    pub features: Features,
    /// The paragraph (block) it belongs to.
    pub block: usize,
    /// A bare stage-direction line that may fill a heading's slot on the other side.
    pub heading_slot: bool,
    /// A repetition of the segment next to it (a page artefact): never paired.
    pub repeat: bool,
}

/// The weights of the score. Log-scale: a bead's score is compared with the cost of
/// leaving its segments unaligned.
#[derive(Debug, Clone)]
pub struct Model {
    /// Expected target characters per source character.
    pub ratio: f32,
    /// Variance of the length difference per character (Gale & Church: 6.8).
    pub variance: f32,
    /// Weight of the lexical Dice score.
    pub lexical: f32,
    /// Weight of the length model.
    pub length: f32,
    /// Cost of leaving a text segment unaligned.
    pub null_text: f32,
    /// Cost of leaving a salutation unaligned.
    pub null_salutation: f32,
    /// Cost of leaving a direction unaligned.
    pub null_direction: f32,
    /// Score of two directions of the same kind.
    pub direction_match: f32,
    /// Score of a heading with a bare direction line in its slot, and the least score of
    /// two headings in the same slot in separately written texts.
    pub heading_slot: f32,
    /// Extra cost of a 2-1 or 1-2 bead.
    pub merge: f32,
    /// Extra cost of a 2-2 bead.
    pub merge_both: f32,
    /// Extra cost of a 3-1 or 1-3 bead.
    pub merge_three: f32,
    /// Cost of pairing a heading or dateline with prose, per segment.
    pub kind_mismatch: f32,
    /// Cost of a bead that joins segments of two paragraphs on one side only.
    pub paragraph_crossing: f32,
    /// Bonus of a bead that starts where the paragraph pass put a paragraph pair.
    pub paragraph_start: f32,
    /// How far the document looks separately written rather than translated (0 to 1): the
    /// score is a blend of the translation score and the comparable-text score.
    pub comparable: f32,
    /// The comparable-text score's parameters.
    pub loose: Loose,
}

/// The score of separately written texts: a pair shares a proposition or it does not, so the
/// lexical evidence saturates (a strong pair is worth about as much as a fair one, and the
/// alignment keeps as many pairs as it can rather than one strong crossing pair), lengths say
/// little, and every segment joined to a bead must bring evidence of its own.
#[derive(Debug, Clone)]
pub struct Loose {
    /// Dice score at which a pair starts to be worth more than two unaligned segments.
    pub floor: f32,
    /// Dice score at which a pair is worth `gain`.
    pub full: f32,
    /// Worth of a pair at `full`.
    pub gain: f32,
    /// Slope above `full`, so that stronger evidence still breaks ties.
    pub slope: f32,
    /// Weight of the length penalty.
    pub length: f32,
    /// Cost of a segment of a 2-1, 1-2, 2-2, 3-1 or 1-3 bead that does not bring evidence.
    pub part: f32,
    /// Share of its evidence found on the other side below which a part costs `part`.
    pub part_cover: f32,
    /// Cost of leaving a text segment unaligned.
    pub null_text: f32,
    /// Extra cost of a bead of two or more segments on one side.
    pub merge: f32,
    /// Worth of a part of a 2-1, 1-2 … bead that brings evidence of its own, at most.
    pub part_bonus: f32,
    /// Worth of a heading paired with a heading, per heading beyond the first (titles fill
    /// the same slot even when they are worded differently).
    pub heading: f32,
}

impl Default for Loose {
    fn default() -> Self {
        Loose {
            floor: 0.2,
            full: 0.4,
            gain: 3.0,
            slope: 1.0,
            length: 0.1,
            part: 3.0,
            part_cover: 0.4,
            null_text: 0.3,
            merge: 0.2,
            part_bonus: 0.15,
            heading: 2.0,
        }
    }
}

/// Matched evidence of the items of a bead: for each item, the weight of its tokens found on
/// the other side (summed over the other side's items).
#[derive(Debug, Clone, Copy)]
pub struct Matches<'a> {
    /// Per source item.
    pub source: &'a [f32],
    /// Per target item.
    pub target: &'a [f32],
}

impl Model {
    /// The default weights for a source → target character ratio.
    pub fn new(ratio: f32) -> Model {
        Model {
            ratio,
            variance: 6.8,
            lexical: 8.0,
            length: 1.0,
            null_text: 2.6,
            null_salutation: 1.5,
            null_direction: 1.0,
            direction_match: 4.0,
            heading_slot: -0.5,
            merge: 2.0,
            merge_both: 4.5,
            merge_three: 4.0,
            kind_mismatch: 1.5,
            paragraph_crossing: 2.0,
            paragraph_start: 0.8,
            comparable: 0.0,
            loose: Loose::default(),
        }
    }

    /// The length penalty of `source` characters against `target` characters.
    pub fn length_penalty(&self, source: f32, target: f32) -> f32 {
        let mean = (source + target / self.ratio) / 2.0;
        if mean <= 0.0 {
            return 0.0;
        }
        let delta = (target / self.ratio - source) / (self.variance * mean).sqrt();
        (delta * delta / 2.0).min(12.0)
    }

    /// The cost of leaving one item unaligned.
    pub fn null_cost(&self, item: &Item) -> f32 {
        if item.repeat {
            return 0.0;
        }
        let c = self.comparable;
        match item.class {
            Class::Text(_) => (1.0 - c) * self.null_text + c * self.loose.null_text,
            Class::Salutation => (1.0 - c) * self.null_salutation + c * self.loose.null_text,
            Class::Direction(_) => self.null_direction,
        }
    }

    /// The score of a bead joining `source` items with `target` items (both non-empty), given
    /// the matched weights of each side in the other; `None` when the bead is not allowed.
    pub fn pair_score(&self, source: &[Item], target: &[Item], matches: Matches) -> Option<f32> {
        let matched_source: f32 = matches.source.iter().sum();
        let matched_target: f32 = matches.target.iter().sum();
        if source.iter().chain(target).any(|i| i.repeat) {
            return None;
        }
        let one_to_one = source.len() == 1 && target.len() == 1;
        let mut text_kinds = Vec::with_capacity(source.len() + target.len());
        for item in source.iter().chain(target) {
            match item.class {
                Class::Text(kind) => text_kinds.push(kind),
                _ if !one_to_one => return None,
                _ => {}
            }
        }
        if one_to_one {
            match (source[0].class, target[0].class) {
                (Class::Direction(a), Class::Direction(b)) => {
                    return (a == b).then_some(self.direction_match);
                }
                (Class::Direction(_), Class::Text(SegmentKind::Heading))
                    if source[0].heading_slot =>
                {
                    return Some(self.heading_slot);
                }
                (Class::Text(SegmentKind::Heading), Class::Direction(_))
                    if target[0].heading_slot =>
                {
                    return Some(self.heading_slot);
                }
                (Class::Salutation, Class::Salutation) => {}
                (Class::Text(_), Class::Text(_)) => {}
                _ => return None,
            }
        }
        let source_total: f32 = source.iter().map(|i| i.features.total).sum();
        let target_total: f32 = target.iter().map(|i| i.features.total).sum();
        let total = source_total + target_total;
        let dice = if total > 0.0 {
            (matched_source.min(source_total) + matched_target.min(target_total)) / total
        } else {
            0.0
        };
        let source_chars: f32 = source.iter().map(|i| i.features.chars).sum();
        let target_chars: f32 = target.iter().map(|i| i.features.chars).sum();
        let length_penalty = self.length_penalty(source_chars, target_chars);
        let mut strict = self.lexical * dice - self.length * length_penalty;
        strict -= match (source.len(), target.len()) {
            (1, 1) => 0.0,
            (2, 1) | (1, 2) => self.merge,
            (2, 2) => self.merge_both,
            _ => self.merge_three,
        };
        let crosses = |items: &[Item]| items.windows(2).any(|w| w[0].block != w[1].block);
        let crossing = crosses(source) != crosses(target);
        if crossing {
            strict -= self.paragraph_crossing;
        }
        let mut score = strict;
        if self.comparable > 0.0 {
            let mut loose = self.loose_score(source, target, matches, dice, length_penalty);
            if text_kinds.len() > 1 && text_kinds.iter().all(|k| *k == SegmentKind::Heading) {
                // Headings in the same slot pair even when retitled.
                loose += self.loose.heading * (text_kinds.len() - 1) as f32;
                loose = loose.max(self.heading_slot);
            }
            score = (1.0 - self.comparable) * strict + self.comparable * loose;
        }
        let prose = text_kinds
            .iter()
            .filter(|k| **k == SegmentKind::Sentence)
            .count();
        if prose > 0 && prose < text_kinds.len() {
            let fewer = prose.min(text_kinds.len() - prose);
            score -= self.kind_mismatch * fewer as f32;
        }
        Some(score)
    }

    fn loose_score(
        &self,
        source: &[Item],
        target: &[Item],
        matches: Matches,
        dice: f32,
        length_penalty: f32,
    ) -> f32 {
        let l = &self.loose;
        let rise = ((dice - l.floor) / (l.full - l.floor)).clamp(-1.0, 1.0);
        let mut score =
            l.gain * rise + l.slope * (dice - l.full).max(0.0) - l.length * length_penalty;
        let parts = |items: &[Item], matched: &[f32]| -> f32 {
            if items.len() < 2 {
                return 0.0;
            }
            items
                .iter()
                .zip(matched)
                .map(|(item, &m)| {
                    let cover = m.min(item.features.total) / (item.features.total + 1.0);
                    let shortfall = ((l.part_cover - cover) / l.part_cover).max(0.0);
                    let surplus = ((cover - l.part_cover) / l.part_cover).clamp(0.0, 1.0);
                    l.part * shortfall - l.part_bonus * surplus
                })
                .sum()
        };
        score -= parts(source, matches.source) + parts(target, matches.target);
        if source.len() > 1 || target.len() > 1 {
            score -= l.merge * (source.len() + target.len() - 2) as f32;
        }
        score
    }
}
