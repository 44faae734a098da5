//! The previous draft's translation: what the translator already did for the last version of
//! the speech, whether or not it ever reached the memory. Two things a translator actually
//! has can provide it:
//!
//! - the XLIFF they returned for the previous draft (each unit's source and confirmed target);
//! - the previous source draft and its translation as speeches, which are aligned.
//!
//! The new draft is compared with the previous source draft ([`crate::revision::compare`]):
//! kept and moved segments take their old translation as an exact match, edited ones as a
//! fuzzy match with the differences.

use std::io;
use std::path::Path;

use unic_langid::LanguageIdentifier;

use super::{candidates_from_revisions, previous_candidate, Candidate, TranslateError};
use crate::align::{self, AlignWarning, Alignment, BeadKind, InputFormat};
use crate::exchange::input::{utf8_input, SniffedInput};
use crate::exchange::xliff::{SegmentState, XliffReader, XliffUnit};
use crate::revision::Change;
use crate::speech::{assign_ids, Segment, SegmentKind};
use crate::textfile::{self, Origin};

/// The previous draft's source segments and their translations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PreviousDraft {
    /// The previous source draft's segments, in order.
    pub segments: Vec<Segment>,
    /// The translation of each segment, when it has one.
    pub translations: Vec<Option<String>>,
}

impl PreviousDraft {
    /// From the XLIFF of the previous round: every translatable segment, with its target
    /// when the target is translated or better (a `needs-review` suggestion the translator
    /// never confirmed is not their translation).
    pub fn from_xliff(
        units: impl IntoIterator<Item = XliffUnit>,
        language: &LanguageIdentifier,
    ) -> PreviousDraft {
        let mut draft = PreviousDraft::default();
        for unit in units {
            if !unit.translate {
                continue;
            }
            for segment in unit.segments {
                let text = segment.source.text.trim().to_owned();
                if text.is_empty() {
                    continue;
                }
                let confirmed = segment.state.is_some_and(|s| s >= SegmentState::Translated);
                let translation = segment
                    .target
                    .map(|t| t.text.trim().to_owned())
                    .filter(|t| confirmed && !t.is_empty());
                draft.segments.push(Segment {
                    id: String::new(),
                    block: draft.segments.len(),
                    kind: SegmentKind::Sentence,
                    text,
                    lang: language.clone(),
                    direction: None,
                    line: unit.line,
                });
                draft.translations.push(translation);
            }
        }
        assign_ids(&mut draft.segments);
        draft
    }

    /// From the previous source draft aligned with its translation: segments in 1-1 and
    /// 1-2 beads get the bead's target text (a 2-1 bead's translation cannot be split
    /// between its two source segments, so they get none).
    pub fn from_alignment(alignment: &Alignment) -> PreviousDraft {
        let segments = alignment.source.segments.clone();
        let mut translations = vec![None; segments.len()];
        for bead in &alignment.beads {
            let pairs = matches!(bead.kind, BeadKind::Translation | BeadKind::Salutation);
            if pairs && bead.source.len() == 1 && !bead.target.is_empty() {
                translations[bead.source.start] = Some(alignment.target_text(bead));
            }
        }
        PreviousDraft {
            segments,
            translations,
        }
    }

    /// For each pair of consecutive segments of the new draft (index `k`: segments `k` and
    /// `k + 1`), the previous translation of a unit whose source is the two joined: the
    /// translator's tool (or Tribune's own XLIFF, for a unit the memory held joined) kept
    /// them as one unit. Only unchanged pairs are found (at 100 %, in context); an edited
    /// joined pair is left to the memory.
    pub fn joined_candidates(&self, new: &[Segment]) -> Vec<Option<Candidate>> {
        let joined_sources: std::collections::HashMap<String, usize> = self
            .segments
            .iter()
            .enumerate()
            .filter(|(k, s)| s.kind != SegmentKind::Direction && self.translations[*k].is_some())
            .map(|(k, s)| (normalized(&s.text), k))
            .collect();
        let mut out = vec![None; new.len()];
        for (k, pair) in new.windows(2).enumerate() {
            if pair.iter().any(|s| s.kind == SegmentKind::Direction) {
                continue;
            }
            let text = normalized(&format!("{} {}", pair[0].text, pair[1].text));
            if let Some(&old) = joined_sources.get(&text) {
                let translation = self.translations[old].as_deref().unwrap_or_default();
                out[k] = Some(previous_candidate(
                    Change::Kept,
                    &self.segments[old].text,
                    translation,
                    &text,
                ));
            }
        }
        out
    }

    /// How many segments have a translation.
    pub fn translated(&self) -> usize {
        self.translations.iter().filter(|t| t.is_some()).count()
    }

    /// For each segment of the new draft, the previous translation as a candidate: kept or
    /// moved segments at 100 % (kept ones in context), edited ones scored against their old
    /// source, with the differences.
    pub fn candidates(&self, new: &[Segment]) -> Vec<Option<Candidate>> {
        let old: Vec<Segment> = self
            .segments
            .iter()
            .filter(|s| s.kind != SegmentKind::Direction)
            .cloned()
            .collect();
        let translations: Vec<Option<String>> = self
            .segments
            .iter()
            .zip(&self.translations)
            .filter(|(s, _)| s.kind != SegmentKind::Direction)
            .map(|(_, t)| t.clone())
            .collect();
        // Stage directions are left out on both sides (they are never translated); the
        // indices found are mapped back to the new draft's.
        let new_text: Vec<usize> = new
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind != SegmentKind::Direction)
            .map(|(k, _)| k)
            .collect();
        let new_segments: Vec<Segment> = new_text.iter().map(|&k| new[k].clone()).collect();
        let found = candidates_from_revisions(&old, &translations, &new_segments);
        let mut out = vec![None; new.len()];
        for (position, candidate) in found.into_iter().enumerate() {
            out[new_text[position]] = candidate;
        }
        out
    }
}

/// Whether a file is XLIFF: by its extension, else by its first bytes (`<`, or a UTF-16
/// byte-order mark, after an optional UTF-8 one and white space).
fn looks_like_xml(path: &Path, head: &[u8]) -> bool {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(
        extension.as_deref(),
        Some("xlf" | "xliff" | "sdlxliff" | "xml")
    ) {
        return true;
    }
    let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    matches!(
        head.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'<' | 0xFF | 0xFE)
    )
}

impl PreviousDraft {
    /// Reads the previous draft's translation from `path`: the XLIFF returned for it, or its
    /// translated speech (in `to`), which is aligned with the previous source draft `source`
    /// (in `from`) and so needs it. The warnings are those of reading the two speeches.
    pub fn read(
        path: &Path,
        source: Option<&Path>,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> Result<(PreviousDraft, Vec<AlignWarning>), TranslateError> {
        let display = path.display().to_string();
        let open_error = |e: io::Error| TranslateError::Open {
            file: display.clone(),
            reason: e.to_string(),
        };
        // Opened once, so that a pipe or `<(…)` is read from its first byte.
        let input = SniffedInput::open(path).map_err(open_error)?;
        let origin = Origin::from_path(path);
        if looks_like_xml(path, input.head()) {
            let reader =
                XliffReader::new(utf8_input(input.into_reader()).map_err(open_error)?, origin)?;
            let units = reader.collect::<Result<Vec<_>, _>>()?;
            return Ok((PreviousDraft::from_xliff(units, from), Vec::new()));
        }
        let Some(source) = source else {
            return Err(TranslateError::PreviousNeedsSource { file: display });
        };
        let (source_side, _, mut warnings) =
            align::read_side(&Origin::File(source.to_owned()), InputFormat::Text, from)?;
        let bytes =
            textfile::read_bytes_from(&origin, input.into_reader(), textfile::MAX_TEXT_BYTES)?;
        let text = textfile::decode(&origin, bytes)?;
        let (target_side, more) = align::side_from_text(&text, &origin, to)?;
        warnings.extend(more);
        let alignment = align::align(source_side, target_side);
        Ok((PreviousDraft::from_alignment(&alignment), warnings))
    }
}

/// A text with its runs of white space made one space, for comparing joined sources.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    #[test]
    fn xliff_is_told_by_its_extension_or_its_first_bytes() {
        assert!(looks_like_xml(Path::new("old.XLF"), b"Hello"));
        assert!(looks_like_xml(Path::new("old"), b"\xEF\xBB\xBF  <?xml"));
        assert!(looks_like_xml(Path::new("old"), &[0xFF, 0xFE]));
        assert!(!looks_like_xml(Path::new("old.txt"), b"We act."));
    }

    #[test]
    fn a_translated_speech_needs_its_source() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.fr.txt");
        std::fs::write(&path, "Nous agissons.\n").unwrap();
        let error = PreviousDraft::read(&path, None, &langid!("en"), &langid!("fr")).unwrap_err();
        assert!(matches!(error, TranslateError::PreviousNeedsSource { .. }));
        let source = dir.path().join("old.en.txt");
        std::fs::write(&source, "We act.\n").unwrap();
        let (draft, _) =
            PreviousDraft::read(&path, Some(&source), &langid!("en"), &langid!("fr")).unwrap();
        assert_eq!(draft.segments.len(), 1);
        assert_eq!(draft.segments[0].text, "We act.");
    }
}
