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

use super::{Band, Pretranslation, Treatment};

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
