//! What an alignment is reported as: one JSON object per bead (`--format jsonl`), one TSV
//! line per bead, and the summary counts. A second front end (a browser workspace) shows
//! the same beads with the same review marks, so the schema and the counts live here.

use serde::Serialize;

use super::{Alignment, Bead, BeadKind, StorePlan};
use crate::i18n::{Args, Localize};

impl Bead {
    /// Whether a bead is marked for review: it pairs text (a translation or a salutation)
    /// with a confidence under `min_confidence`. Directions and beads with one side only
    /// are never marked: there is nothing to check in them.
    pub fn needs_review(&self, min_confidence: f64) -> bool {
        self.confidence < min_confidence
            && matches!(self.kind, BeadKind::Translation | BeadKind::Salutation)
    }
}

/// One bead as a JSON line; its field names are a contract scripts rely on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeadReport {
    /// The source and target segment indices.
    pub bead: [Vec<usize>; 2],
    /// The source and target texts.
    pub texts: [String; 2],
    /// The confidence, rounded to 3 decimals (more digits mean nothing and change from
    /// build to build).
    pub confidence: f64,
    /// The kind ([`BeadKind::as_str`]).
    pub kind: &'static str,
    /// The shape, as `2-1`.
    pub shape: String,
    /// Marked for review ([`Bead::needs_review`]).
    pub review: bool,
    /// A confident pair that storing stores (or would store).
    pub storable: bool,
}

impl BeadReport {
    /// The report of bead `index` of `alignment`, with `plan` saying what is storable.
    pub fn of(
        alignment: &Alignment,
        index: usize,
        plan: &StorePlan,
        min_confidence: f64,
    ) -> BeadReport {
        let bead = &alignment.beads[index];
        BeadReport {
            bead: [bead.source.clone().collect(), bead.target.clone().collect()],
            texts: [alignment.source_text(bead), alignment.target_text(bead)],
            confidence: (bead.confidence * 1000.0).round() / 1000.0,
            kind: bead.kind.as_str(),
            shape: bead.shape(),
            review: bead.needs_review(min_confidence),
            storable: plan.pairs.iter().any(|p| p.bead == index),
        }
    }
}

/// A bead as one TSV line (without its line break): source text, a tab, target text, the
/// tabs and line breaks inside each text made spaces so that the columns hold.
pub fn tsv_line(alignment: &Alignment, bead: &Bead) -> String {
    format!(
        "{}\t{}",
        one_line(&alignment.source_text(bead)),
        one_line(&alignment.target_text(bead))
    )
}

fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// The counts an alignment is summed up by: beads, pairs that could be stored, pairs held
/// back, beads without counterpart and stage directions, which add up to the beads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlignSummary {
    /// All beads.
    pub beads: usize,
    /// Pairs the plan stores.
    pub storable: usize,
    /// Pairs held back for review.
    pub held_back: usize,
    /// Beads with one side only.
    pub unaligned: usize,
    /// Stage-direction beads.
    pub directions: usize,
}

impl AlignSummary {
    /// Counts an alignment and its store plan.
    pub fn of(alignment: &Alignment, plan: &StorePlan) -> AlignSummary {
        let count = |kinds: &[BeadKind]| {
            alignment
                .beads
                .iter()
                .filter(|b| kinds.contains(&b.kind))
                .count()
        };
        AlignSummary {
            beads: alignment.beads.len(),
            storable: plan.pairs.len(),
            held_back: plan.held_back.len(),
            unaligned: count(&[BeadKind::SourceOnly, BeadKind::TargetOnly]),
            directions: count(&[BeadKind::Direction]),
        }
    }
}

impl Localize for AlignSummary {
    fn message_id(&self) -> &'static str {
        "align-summary"
    }
    fn message_args(&self) -> Args {
        vec![
            ("beads", self.beads.into()),
            ("storable", self.storable.into()),
            ("held", self.held_back.into()),
            ("unaligned", self.unaligned.into()),
            ("directions", self.directions.into()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{align, side_from_lines, storable_pairs};
    use crate::textfile::Origin;
    use unic_langid::langid;

    fn alignment() -> Alignment {
        let en = "We honour the peacekeepers.\n[Applause]\nThe Mission has 3,700 personnel.\nWe will return.\n";
        let fr = "Nous rendons hommage aux Casques bleus.\n[Applaudissements]\nLa Mission compte 3 700 membres du personnel.\n";
        let source = side_from_lines(en, &Origin::Stdin, &langid!("en"))
            .unwrap()
            .0;
        let target = side_from_lines(fr, &Origin::Stdin, &langid!("fr"))
            .unwrap()
            .0;
        align(source, target)
    }

    #[test]
    fn only_weak_pairs_of_text_need_review() {
        let weak = |kind| Bead {
            source: 0..1,
            target: 0..1,
            confidence: 0.2,
            kind,
        };
        assert!(weak(BeadKind::Translation).needs_review(0.5));
        assert!(weak(BeadKind::Salutation).needs_review(0.5));
        assert!(!weak(BeadKind::Direction).needs_review(0.5));
        assert!(!weak(BeadKind::SourceOnly).needs_review(0.5));
        assert!(!weak(BeadKind::Translation).needs_review(0.1));
    }

    #[test]
    fn beads_report_rounded_confidence_and_storability() {
        let alignment = alignment();
        let plan = storable_pairs(&alignment, 0.5);
        let report = BeadReport::of(&alignment, 0, &plan, 0.5);
        assert_eq!(report.bead, [vec![0], vec![0]]);
        assert_eq!(report.kind, "translation");
        assert_eq!(report.shape, "1-1");
        assert_eq!(
            report.confidence,
            (report.confidence * 1000.0).round() / 1000.0
        );
        assert_eq!(report.storable, plan.pairs.iter().any(|p| p.bead == 0));
        let json = serde_json::to_string(&report).unwrap();
        assert!(
            json.starts_with("{\"bead\":[[0],[0]],\"texts\":["),
            "{json}"
        );
        let summary = AlignSummary::of(&alignment, &plan);
        assert_eq!(summary.beads, alignment.beads.len());
        assert_eq!(summary.directions, 1);
        assert_eq!(summary.unaligned, 1);
    }

    #[test]
    fn tsv_lines_keep_their_columns() {
        assert_eq!(one_line("a\tb\nc\r"), "a b c ");
        let alignment = alignment();
        let line = tsv_line(&alignment, &alignment.beads[0]);
        assert_eq!(line.matches('\t').count(), 1);
    }
}
