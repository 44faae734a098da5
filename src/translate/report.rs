//! The analysis a translation manager expects before accepting a job: segments and words per
//! match band (100 % in context, 100 %, joined, 95–99 %, 85–94 %, 75–84 %, no match,
//! repetitions), with the segments that are not for translation (stage directions, passages in another
//! language) counted apart.
//!
//! Each translatable segment falls in one band, tried in this order: in context (an exact
//! match whose neighbours match too, or a segment unchanged since the previous draft), then
//! repetition (a second or later occurrence in the speech), then by its best score; two
//! segments that one stored unit translates together are both in the joined band. This is the
//! order of the analyses of the usual CAT tools, so the figures compare.

use serde::Serialize;

use super::{Band, Candidate, Pretranslation, SegmentResult, Treatment};
use crate::terms::TermHit;

/// Segments and words of one band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BandCount {
    /// The band.
    pub band: Band,
    /// Segments in it.
    pub segments: usize,
    /// Their words.
    pub words: usize,
}

/// The analysis of a pre-translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// One row per band, in [`Band::ALL`] order.
    pub bands: Vec<BandCount>,
    /// All translatable segments.
    pub total: Totals,
    /// Stage directions (never translated).
    pub directions: usize,
    /// Passages in another language (passed through): segments and words.
    pub passages: Totals,
    /// Segments whose target is filled (score at or above the threshold).
    pub filled: usize,
    /// Filled segments below 100 %, to review.
    pub to_review: usize,
    /// Segments left in the source language.
    pub to_translate: usize,
}

/// A count of segments and words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Segments.
    pub segments: usize,
    /// Words.
    pub words: usize,
}

impl Analysis {
    /// Counts a pre-translation.
    pub fn of(result: &Pretranslation) -> Analysis {
        let mut bands: Vec<BandCount> = Band::ALL
            .iter()
            .map(|&band| BandCount {
                band,
                segments: 0,
                words: 0,
            })
            .collect();
        let mut analysis = Analysis {
            bands: Vec::new(),
            total: Totals::default(),
            directions: 0,
            passages: Totals::default(),
            filled: 0,
            to_review: 0,
            to_translate: 0,
        };
        for segment in &result.segments {
            // A joined segment is covered by the proposal of the segment before it: filled
            // (and to review) with it.
            let (band, filled) = match &segment.treatment {
                Treatment::Direction { .. } => {
                    analysis.directions += 1;
                    continue;
                }
                Treatment::Passage => {
                    analysis.passages.segments += 1;
                    analysis.passages.words += segment.words;
                    continue;
                }
                Treatment::Joined { into } => (
                    Band::Joined,
                    result.segments[*into].filled(result.threshold),
                ),
                Treatment::Translate { band, .. } => (*band, segment.filled(result.threshold)),
            };
            if let Some(row) = bands.iter_mut().find(|row| row.band == band) {
                row.segments += 1;
                row.words += segment.words;
            }
            analysis.total.segments += 1;
            analysis.total.words += segment.words;
            match filled {
                Some(candidate) => {
                    analysis.filled += 1;
                    if candidate.score < 100 {
                        analysis.to_review += 1;
                    }
                }
                None => analysis.to_translate += 1,
            }
        }
        analysis.bands = bands;
        analysis
    }

    /// The row of a band.
    pub fn band(&self, band: Band) -> BandCount {
        self.bands
            .iter()
            .copied()
            .find(|row| row.band == band)
            .unwrap_or(BandCount {
                band,
                segments: 0,
                words: 0,
            })
    }
}

/// One segment in the JSON report of `tribune translate --report json`: a front end that
/// lists the segments (a browser workspace) reads the same fields a script does, so the
/// schema lives here and not in the CLI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentReport<'a> {
    /// The segment's id.
    pub id: &'a str,
    /// Its line in the speech.
    pub line: usize,
    /// Its text.
    pub text: &'a str,
    /// Its match band (segments to translate, and joined ones).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<Band>,
    /// The best candidate's score, whether or not it fills the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    /// The target the draft holds: the direction's wording, the passage itself, or the
    /// candidate that fills a segment to translate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<&'a str>,
    /// What is done with the segment: `direction`, `passage`, `translate` or `joined`.
    pub treatment: &'static str,
    /// The id of the segment translated together with this one (the next one for the
    /// segment whose target holds both, the previous one for the other).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joined_with: Option<&'a str>,
    /// The term base's terms found in the segment.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub terms: &'a [TermHit],
}

impl<'a> SegmentReport<'a> {
    /// The report of segment `index` of a pre-translation (the index is needed to name the
    /// segment it is joined with).
    pub fn of(result: &'a Pretranslation, index: usize) -> SegmentReport<'a> {
        let s = &result.segments[index];
        let (treatment, target) = match &s.treatment {
            Treatment::Direction { wording } => ("direction", Some(wording.as_str())),
            Treatment::Passage => ("passage", Some(s.segment.text.as_str())),
            Treatment::Translate { .. } => (
                "translate",
                s.filled(result.threshold).map(|c| c.target.as_str()),
            ),
            Treatment::Joined { .. } => ("joined", None),
        };
        let joined_with = match &s.treatment {
            Treatment::Joined { into } => Some(*into),
            _ => s.joined_with(),
        }
        .map(|k| result.segments[k].segment.id.as_str());
        let score = match &s.treatment {
            Treatment::Translate { candidates, .. } => candidates.first().map(|c| c.score),
            _ => None,
        };
        SegmentReport {
            id: &s.segment.id,
            line: s.segment.line,
            text: &s.segment.text,
            band: s.band(),
            score,
            target,
            treatment,
            joined_with,
            terms: &s.terms,
        }
    }
}

/// The whole JSON report of a pre-translation: the job (file, languages, memory,
/// threshold), the [`Analysis`] flattened into it, and every segment. Its field names are a
/// contract scripts rely on (docs/translate.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PretranslationReport<'a> {
    /// The speech, as named by the user.
    pub file: &'a str,
    /// The source language.
    pub from: String,
    /// The target language.
    pub to: String,
    /// The memory used, when there was one.
    pub memory: Option<String>,
    /// The threshold used.
    pub threshold: u8,
    /// Segments and words per band.
    #[serde(flatten)]
    pub analysis: Analysis,
    /// Every segment, in order.
    pub segments: Vec<SegmentReport<'a>>,
}

impl<'a> PretranslationReport<'a> {
    /// The report of `result`, made from the speech `file` with the memory `memory`.
    pub fn new(
        file: &'a str,
        result: &'a Pretranslation,
        memory: Option<&str>,
    ) -> PretranslationReport<'a> {
        PretranslationReport {
            file,
            from: result.from.to_string(),
            to: result.to.to_string(),
            memory: memory.map(str::to_owned),
            threshold: result.threshold,
            analysis: result.analysis(),
            segments: (0..result.segments.len())
                .map(|k| SegmentReport::of(result, k))
                .collect(),
        }
    }
}

/// A term found in a segment, with the term base's approved translations: what the
/// translator must use.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundTerm<'a> {
    /// The segment's line.
    pub line: usize,
    /// The term as found.
    pub hit: &'a TermHit,
    /// The approved translations, in the term base's order (empty when there is none).
    pub approved: Vec<&'a str>,
}

/// The segments a translator goes through after pre-translation, for the text report (and
/// any front end that lists them the same way).
///
/// Unlike [`Analysis`], which counts a [`Treatment::Joined`] segment with the proposal that
/// covers it (filled, or to review), these lists hold only segments to translate
/// ([`Treatment::Translate`]): the joined segment appears through the segment before it.
/// So the lists may be shorter than the analysis's `to_review` and `to_translate` counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkLists<'a> {
    /// Filled segments below 100 %, with the candidate that fills them.
    pub to_review: Vec<(&'a SegmentResult, &'a Candidate)>,
    /// Segments left in the source language.
    pub to_translate: Vec<&'a SegmentResult>,
    /// The terms found, in segment order.
    pub terms: Vec<FoundTerm<'a>>,
}

impl<'a> WorkLists<'a> {
    /// Sorts the segments of a pre-translation.
    pub fn of(result: &'a Pretranslation) -> WorkLists<'a> {
        let mut lists = WorkLists::default();
        for s in &result.segments {
            if let Treatment::Translate { .. } = s.treatment {
                match s.filled(result.threshold) {
                    Some(c) if c.score < 100 => lists.to_review.push((s, c)),
                    Some(_) => {}
                    None => lists.to_translate.push(s),
                }
            }
        }
        for s in &result.segments {
            for hit in &s.terms {
                lists.terms.push(FoundTerm {
                    line: s.segment.line,
                    hit,
                    approved: hit.approved_targets().map(|t| t.text.as_str()).collect(),
                });
            }
        }
        lists
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{french_memory, run};
    use super::*;

    #[test]
    fn the_json_report_names_treatments_targets_and_scores() {
        let dir = tempfile::tempdir().unwrap();
        let memory = french_memory(&dir);
        let (_, result) = run(Some(&memory), None);
        let report = PretranslationReport::new("speech.txt", &result, Some("tm.sqlite"));
        assert_eq!(report.segments.len(), result.segments.len());
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["file"], "speech.txt");
        assert_eq!(json["from"], "en");
        assert_eq!(json["to"], "fr");
        assert_eq!(json["memory"], "tm.sqlite");
        assert!(json["bands"].is_array(), "the analysis is flattened in");
        let treatments: Vec<&str> = report.segments.iter().map(|s| s.treatment).collect();
        assert!(treatments.contains(&"direction"));
        assert!(treatments.contains(&"passage"));
        assert!(treatments.contains(&"translate"));
        let passage = report.segments.iter().find(|s| s.treatment == "passage");
        assert_eq!(passage.unwrap().target, Some(passage.unwrap().text));
        let exact = report
            .segments
            .iter()
            .find(|s| s.text.starts_with("We have deployed"))
            .expect("an exact match");
        assert_eq!(exact.score, Some(100));
        assert!(exact.target.unwrap().starts_with("Nous avons"));
        let direction = &json["segments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["treatment"] == "direction")
            .unwrap();
        assert!(direction.get("score").is_none() && direction.get("terms").is_none());
    }

    #[test]
    fn the_work_lists_hold_segments_to_translate_only() {
        let (_, result) = run(None, None);
        let lists = WorkLists::of(&result);
        assert!(lists.to_review.is_empty());
        assert!(lists.terms.is_empty());
        assert_eq!(lists.to_translate.len(), result.analysis().to_translate);
        assert!(lists
            .to_translate
            .iter()
            .all(|s| matches!(s.treatment, Treatment::Translate { .. })));
    }
}
