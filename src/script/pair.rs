//! Pairing the segments of two speeches into the rows of a bilingual script, with the
//! sentence aligner (the `align` module): one row per bead, so a sentence the translator
//! split or joined sits beside its counterpart, stage directions face stage directions, and
//! text without a counterpart gets a row of its own with the other side empty.

use unic_langid::LanguageIdentifier;

use crate::align::{self, Side};
use crate::speech::Segment;

/// One row of a bilingual script: the segments of each language shown side by side. Either
/// side may be empty (text with no counterpart); together the rows hold every segment of
/// both speeches exactly once, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedRow {
    /// Segments of the first speech.
    pub left: Vec<Segment>,
    /// Segments of the second speech.
    pub right: Vec<Segment>,
}

/// Pairs the segments of two segmented speeches into rows, one per aligned bead.
pub fn pair_segments(
    left: &[Segment],
    left_language: &LanguageIdentifier,
    right: &[Segment],
    right_language: &LanguageIdentifier,
) -> Vec<PairedRow> {
    let side = |segments: &[Segment], language: &LanguageIdentifier| Side {
        name: String::new(),
        language: language.clone(),
        segments: segments.to_vec(),
    };
    let alignment = align::align(side(left, left_language), side(right, right_language));
    alignment
        .beads
        .iter()
        .map(|bead| PairedRow {
            left: left[bead.source.clone()].to_vec(),
            right: right[bead.target.clone()].to_vec(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::{parse, segment};
    use crate::textfile::Origin;
    use unic_langid::langid;

    fn segments(text: &str, lang: &LanguageIdentifier) -> Vec<Segment> {
        segment(&parse(text, &Origin::Stdin, Some(lang)).unwrap())
    }

    fn texts(rows: &[PairedRow]) -> Vec<(Vec<&str>, Vec<&str>)> {
        rows.iter()
            .map(|r| {
                (
                    r.left.iter().map(|s| s.text.as_str()).collect(),
                    r.right.iter().map(|s| s.text.as_str()).collect(),
                )
            })
            .collect()
    }

    fn pair(en: &str, fr: &str) -> (Vec<Segment>, Vec<Segment>, Vec<PairedRow>) {
        let (en_lang, fr_lang) = (langid!("en"), langid!("fr"));
        let en = segments(en, &en_lang);
        let fr = segments(fr, &fr_lang);
        let rows = pair_segments(&en, &en_lang, &fr, &fr_lang);
        (en, fr, rows)
    }

    #[test]
    fn sentences_pair_one_to_one_and_directions_with_directions() {
        let (_, _, rows) = pair(
            "Excellencies,\nLadies and Gentlemen,\n\nWe meet today in Geneva. We act now for 3,700 families.\n\n[Minute of silence]\n\nThank you.",
            "Excellences,\nMesdames et Messieurs,\n\nNous nous réunissons aujourd’hui à Genève. Nous agissons maintenant pour 3\u{202f}700 familles.\n\n[Minute de silence]\n\nMerci.",
        );
        assert_eq!(
            texts(&rows),
            [
                (vec!["Excellencies,"], vec!["Excellences,"]),
                (
                    vec!["Ladies and Gentlemen,"],
                    vec!["Mesdames et Messieurs,"]
                ),
                (
                    vec!["We meet today in Geneva."],
                    vec!["Nous nous réunissons aujourd’hui à Genève."]
                ),
                (
                    vec!["We act now for 3,700 families."],
                    vec!["Nous agissons maintenant pour 3\u{202f}700 familles."]
                ),
                (vec!["[Minute of silence]"], vec!["[Minute de silence]"]),
                (vec!["Thank you."], vec!["Merci."]),
            ]
        );
    }

    #[test]
    fn every_segment_of_both_sides_appears_once_in_order() {
        let (en, fr, rows) = pair(
            "Excellencies,\n\nOne point is clear. Two more follow today. [Applause] Four.\n\nAn extra paragraph with no counterpart at all.",
            "Excellences,\nMesdames et Messieurs,\n\nUn point est clair, et deux autres suivent aujourd’hui. [Applaudissements] Quatre. Cinq.",
        );
        let left: Vec<&Segment> = rows.iter().flat_map(|r| &r.left).collect();
        let right: Vec<&Segment> = rows.iter().flat_map(|r| &r.right).collect();
        assert_eq!(left, en.iter().collect::<Vec<_>>());
        assert_eq!(right, fr.iter().collect::<Vec<_>>());
        assert!(rows.iter().any(|r| r.left.len() == 1
            && r.left[0].text == "[Applause]"
            && r.right.len() == 1
            && r.right[0].text == "[Applaudissements]"));
        assert!(rows
            .iter()
            .any(|r| r.left.is_empty() && r.right[0].text == "Mesdames et Messieurs,"));
    }
}
