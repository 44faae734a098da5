//! A pre-translation as XLIFF units, one per segment, with the version's own vocabulary:
//!
//! | | XLIFF 1.2 | XLIFF 2.x |
//! |---|---|---|
//! | 100 % match | `<target state="translated" state-qualifier="exact-match">` | `state="translated" subState="tribune:exact"` |
//! | unchanged since the previous draft | `state-qualifier="id-match"` | `subState="tribune:previous"` |
//! | fuzzy match | `state="needs-review-translation" state-qualifier="fuzzy-match"` | `state="initial" subState="tribune:fuzzy"` |
//! | no match | no `<target>` | `state="initial"`, no `<target>` |
//! | candidates | `<alt-trans match-quality origin alttranstype>` | `<mtc:match matchQuality origin type>` |
//! | stage direction | `translate="no" restype="x-tribune-direction"` | `translate="no" type="tribune:direction"` |
//! | passage in another language | `translate="no" restype="x-tribune-passage"` | `translate="no" type="tribune:passage"` |
//!
//! Notes (in the interface language) say what each unit is and show the differences of a
//! fuzzy match. Two segments that one stored unit translates together are one unit (id
//! `FIRST_SECOND`, the two sources joined by a space), as a CAT tool's merged segments are:
//! every CAT tool reads a unit, whereas a target spread over a 1.2 `<group>` or over the
//! segments of a 2.x `<unit>` has no place for one translation of both. A proposal's
//! `<alt-trans>` / `<mtc:match>` holds the stored source and target as they are; the
//! segment's numbers put into a fuzzy match go in `<target>` only.

use super::{Candidate, Pretranslation, Provider, SegmentResult, Treatment};
use crate::exchange::xliff::{
    SegmentState, XliffGlossEntry, XliffHeader, XliffMatch, XliffSegment, XliffText, XliffUnit,
    XliffVersion, XliffWriter,
};
use crate::i18n::Localizer;
use crate::lang::names;
use crate::memory::{DiffOp, DiffPart};
use crate::revision::Change;

/// Differences as text: `[-deleted-]{+inserted+}`.
pub fn diff_text(parts: &[DiffPart]) -> String {
    let mut out = String::new();
    for (k, part) in parts.iter().enumerate() {
        match part.op {
            DiffOp::Equal => out.push_str(&part.text),
            DiffOp::Delete | DiffOp::Insert => {
                let (open, close) = if part.op == DiffOp::Delete {
                    ("[-", "-]")
                } else {
                    ("{+", "+}")
                };
                out.push_str(open);
                out.push_str(part.text.trim_end());
                out.push_str(close);
                // A replacement reads as one change: no space between its two halves.
                let replaced = part.op == DiffOp::Delete
                    && parts
                        .get(k + 1)
                        .is_some_and(|next| next.op == DiffOp::Insert);
                if part.text.ends_with(char::is_whitespace) && !replaced {
                    out.push(' ');
                }
            }
        }
    }
    out.trim_end().to_owned()
}

fn origin_of(candidate: &Candidate) -> String {
    match &candidate.provider {
        Provider::Memory { origin, .. } => origin.clone().unwrap_or_else(|| "memory".to_owned()),
        Provider::Previous { .. } => "previous-draft".to_owned(),
    }
}

fn is_previous_kept(candidate: &Candidate) -> bool {
    matches!(
        candidate.provider,
        Provider::Previous {
            change: Change::Kept | Change::Moved
        }
    )
}

fn qualifier(candidate: &Candidate, version: XliffVersion) -> &'static str {
    let previous = is_previous_kept(candidate);
    match (
        version.is_v2(),
        previous,
        candidate.score,
        candidate.in_context,
    ) {
        (false, true, _, _) => "id-match",
        (false, false, 100, _) => "exact-match",
        (false, false, _, _) => "fuzzy-match",
        (true, true, _, _) => "tribune:previous",
        (true, false, 100, true) => "tribune:in-context",
        (true, false, 100, false) => "tribune:exact",
        (true, false, _, _) => "tribune:fuzzy",
    }
}

fn match_kind(candidate: &Candidate, version: XliffVersion) -> &'static str {
    match (version.is_v2(), candidate.is_previous()) {
        (false, true) => "previous-version",
        (false, false) => "proposal",
        (true, true) if is_previous_kept(candidate) => "idm",
        (true, _) if candidate.in_context => "icm",
        (true, _) => "tm",
    }
}

fn candidate_note(candidate: &Candidate, l10n: &Localizer) -> String {
    match &candidate.provider {
        Provider::Previous {
            change: Change::Kept | Change::Moved,
        } => l10n.text("translate-note-previous-kept"),
        Provider::Previous { .. } => l10n.format(
            "translate-note-previous-edited",
            &[
                ("score", u32::from(candidate.score).into()),
                ("diff", diff_text(&candidate.diff).into()),
            ],
        ),
        Provider::Memory { .. } if candidate.score == 100 => l10n.format(
            "translate-note-exact",
            &[("origin", origin_of(candidate).into())],
        ),
        Provider::Memory { .. } => l10n.format(
            "translate-note-fuzzy",
            &[
                ("score", u32::from(candidate.score).into()),
                ("origin", origin_of(candidate).into()),
                ("diff", diff_text(&candidate.diff).into()),
            ],
        ),
    }
}

fn unit(
    result: &SegmentResult,
    pretranslation: &Pretranslation,
    version: XliffVersion,
    l10n: &Localizer,
) -> XliffUnit {
    let segment = &result.segment;
    let kind = |name: &str| {
        Some(if version.is_v2() {
            format!("tribune:{name}")
        } else {
            format!("x-tribune-{name}")
        })
    };
    let mut unit = XliffUnit {
        id: segment.id.clone(),
        line: segment.line,
        translate: true,
        ..XliffUnit::default()
    };
    let mut source = XliffText::plain(segment.text.clone());
    if let Some(next) = result.joined_with() {
        // One unit spans both segments, as a CAT tool's merged segments do.
        let next = &pretranslation.segments[next].segment;
        unit.id = format!("{}_{}", segment.id, next.id);
        source = XliffText::plain(format!("{} {}", segment.text, next.text));
        unit.notes
            .push(l10n.format("translate-note-joined", &[("line", next.line.into())]));
    }
    match &result.treatment {
        // Written inside the unit of the segment before it.
        Treatment::Joined { .. } => {}
        Treatment::Direction { wording } => {
            unit.translate = false;
            unit.kind = kind("direction");
            let direction = segment.direction.as_ref();
            let name = direction.map_or_else(String::new, |d| {
                l10n.text(&format!("direction-{}", d.kind.as_str()))
            });
            unit.notes
                .push(l10n.format("translate-note-direction", &[("kind", name.into())]));
            unit.segments.push(XliffSegment {
                source,
                target: Some(XliffText::plain(wording.clone())),
                state: Some(SegmentState::Final),
                ..XliffSegment::default()
            });
        }
        Treatment::Passage => {
            unit.translate = false;
            unit.kind = kind("passage");
            let language = names::language_name(&segment.lang, l10n.language())
                .map_or_else(|| segment.lang.to_string(), str::to_owned);
            unit.notes
                .push(l10n.format("translate-note-passage", &[("language", language.into())]));
            unit.segments.push(XliffSegment {
                source: source.clone(),
                target: Some(source),
                state: Some(SegmentState::Final),
                ..XliffSegment::default()
            });
        }
        Treatment::Translate {
            candidates,
            repetition_of,
            ..
        } => translatable_unit(
            result,
            candidates,
            *repetition_of,
            source,
            pretranslation,
            version,
            l10n,
            &mut unit,
        ),
    }
    unit
}

/// A unit to translate: its target when a candidate fills it, the candidates as proposals,
/// and the notes and terms the translator needs beside it.
#[allow(clippy::too_many_arguments)]
fn translatable_unit(
    result: &SegmentResult,
    candidates: &[Candidate],
    repetition_of: Option<usize>,
    source: XliffText,
    pretranslation: &Pretranslation,
    version: XliffVersion,
    l10n: &Localizer,
    unit: &mut XliffUnit,
) {
    let filled = result.filled(pretranslation.threshold);
    let mut xliff_segment = XliffSegment {
        source,
        ..XliffSegment::default()
    };
    if let Some(best) = filled {
        xliff_segment.target = Some(XliffText::plain(best.target.clone()));
        xliff_segment.state = Some(if best.score == 100 {
            SegmentState::Translated
        } else {
            SegmentState::NeedsReview
        });
        xliff_segment.qualifier = Some(qualifier(best, version).to_owned());
    }
    unit.segments.push(xliff_segment);
    if let Some(best) = candidates.first() {
        unit.notes.push(candidate_note(best, l10n));
        if best.covers_more {
            unit.notes.push(l10n.text("translate-note-covers-more"));
        }
    }
    terms_of_unit(result, pretranslation, version, l10n, unit);
    if let Some(first) = repetition_of {
        let line = pretranslation.segments[first].segment.line;
        unit.notes
            .push(l10n.format("translate-note-repetition", &[("line", line.into())]));
    }
    unit.matches = candidates
        .iter()
        .map(|c| XliffMatch {
            quality: Some(f64::from(c.score)),
            origin: Some(origin_of(c)),
            kind: Some(match_kind(c, version).to_owned()),
            source: Some(c.source.clone()),
            // The stored pair: the numbers put in go in <target> only.
            target: c.stored_target.clone(),
            segment: None,
        })
        .collect();
}

/// The term base's terms found in a unit's source (both segments of a joined unit): a
/// glossary in 2.x (its module, which CAT tools show beside the segment), a note per term in
/// 1.2 (which has no glossary element, and whose notes every tool shows).
fn terms_of_unit(
    result: &SegmentResult,
    pretranslation: &Pretranslation,
    version: XliffVersion,
    l10n: &Localizer,
    unit: &mut XliffUnit,
) {
    let joined = result
        .joined_with()
        .map(|next| pretranslation.segments[next].terms.as_slice())
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    for hit in result.terms.iter().chain(joined) {
        if !seen.insert((&hit.concept, &hit.source.text)) {
            continue;
        }
        let approved: Vec<String> = hit.approved_targets().map(|t| t.text.clone()).collect();
        let forbidden: Vec<String> = hit.forbidden_targets().map(|t| t.text.clone()).collect();
        let avoid = (!forbidden.is_empty()).then(|| {
            l10n.format(
                "translate-term-avoid",
                &[("terms", forbidden.join(", ").into())],
            )
        });
        if version.is_v2() {
            if approved.is_empty() && avoid.is_none() {
                continue;
            }
            unit.glossary.push(XliffGlossEntry {
                term: hit.text.clone(),
                origin: Some(hit.concept.clone()),
                translations: approved,
                definition: avoid,
            });
        } else {
            let mut note = l10n.format(
                "translate-note-term",
                &[
                    ("term", hit.text.clone().into()),
                    ("translations", approved.join(", ").into()),
                    ("count", approved.len().into()),
                ],
            );
            if let Some(avoid) = avoid {
                note.push(' ');
                note.push_str(&avoid);
            }
            unit.notes.push(note);
        }
    }
}

/// The header of a pre-translation's XLIFF file: its languages, the speech's file name as
/// `original` (the whole argument when it has no file name, as `-`), and this version of
/// Tribune as the tool, so that a CAT tool shows where the file came from.
pub fn xliff_header(
    pretranslation: &Pretranslation,
    file: &str,
    version: XliffVersion,
) -> XliffHeader {
    XliffHeader {
        version,
        source_language: pretranslation.from.to_string(),
        target_language: pretranslation.to.to_string(),
        original: std::path::Path::new(file)
            .file_name()
            .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned()),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
    }
}

/// Writes a pre-translation of the speech `file` as one XLIFF document: the header
/// ([`xliff_header`]) and every unit ([`xliff_units`]), notes in the language of `l10n`.
pub fn write_xliff(
    out: &mut dyn std::io::Write,
    pretranslation: &Pretranslation,
    file: &str,
    version: XliffVersion,
    l10n: &Localizer,
) -> std::io::Result<()> {
    let header = xliff_header(pretranslation, file, version);
    let units = xliff_units(pretranslation, version, l10n);
    let mut writer = XliffWriter::new(out, &header)?;
    for unit in &units {
        writer.write_unit(unit)?;
    }
    writer.finish()?;
    Ok(())
}

/// The XLIFF units of a pre-translation, one per segment (one per pair of joined segments),
/// notes in the language of `l10n`.
pub fn xliff_units(
    pretranslation: &Pretranslation,
    version: XliffVersion,
    l10n: &Localizer,
) -> Vec<XliffUnit> {
    pretranslation
        .segments
        .iter()
        .filter(|result| !matches!(result.treatment, Treatment::Joined { .. }))
        .map(|result| unit(result, pretranslation, version, l10n))
        .collect()
}
