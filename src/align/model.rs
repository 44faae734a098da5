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
    /// Dice score below which a pair counts as evidence against itself.
    pub evidence_floor: f32,
    /// Cost of leaving a text segment unaligned.
    pub null_text: f32,
    /// Cost of leaving a salutation unaligned.
    pub null_salutation: f32,
    /// Cost of leaving a direction unaligned.
    pub null_direction: f32,
    /// Score of two directions of the same kind.
    pub direction_match: f32,
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
}

impl Model {
    /// The default weights for a source → target character ratio.
    pub fn new(ratio: f32) -> Model {
        Model {
            ratio,
            variance: 6.8,
            lexical: 8.0,
            length: 1.0,
            evidence_floor: 0.0,
            null_text: 2.6,
            null_salutation: 1.5,
            null_direction: 1.0,
            direction_match: 4.0,
            merge: 2.0,
            merge_both: 4.5,
            merge_three: 4.0,
            kind_mismatch: 1.5,
            paragraph_crossing: 2.0,
            paragraph_start: 0.8,
        }
    }

    /// Weights for a document whose first pass found `parallel` (0 to 1) of its pairs
    /// consistent: a comparable document makes unaligned segments cheap and lengths weak.
    pub fn adapt_to_parallelness(&mut self, parallel: f32) {
        let p = parallel.clamp(0.0, 1.0);
        let comparable = 1.0 - p * p;
        self.null_text -= (self.null_text - 0.5) * comparable;
        self.null_salutation -= (self.null_salutation - 0.5) * comparable;
        self.length *= 1.0 - 0.7 * comparable;
        self.evidence_floor = 0.25 * comparable;
        self.merge *= 1.0 - 0.5 * comparable;
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
        match item.class {
            Class::Text(_) => self.null_text,
            Class::Salutation => self.null_salutation,
            Class::Direction(_) => self.null_direction,
        }
    }

    /// The score of a bead joining `source` items with `target` items (both non-empty), given
    /// the matched weights of each side in the other; `None` when the bead is not allowed.
    pub fn pair_score(
        &self,
        source: &[Item],
        target: &[Item],
        matched_source: f32,
        matched_target: f32,
    ) -> Option<f32> {
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
        let mut score = self.lexical * (dice - self.evidence_floor)
            - self.length * self.length_penalty(source_chars, target_chars);
        score -= match (source.len(), target.len()) {
            (1, 1) => 0.0,
            (2, 1) | (1, 2) => self.merge,
            (2, 2) => self.merge_both,
            _ => self.merge_three,
        };
        let prose = text_kinds
            .iter()
            .filter(|k| **k == SegmentKind::Sentence)
            .count();
        if prose > 0 && prose < text_kinds.len() {
            let fewer = prose.min(text_kinds.len() - prose);
            score -= self.kind_mismatch * fewer as f32;
        }
        let crosses = |items: &[Item]| items.windows(2).any(|w| w[0].block != w[1].block);
        if crosses(source) != crosses(target) {
            score -= self.paragraph_crossing;
        }
        Some(score)
    }
}
