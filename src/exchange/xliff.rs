//! XLIFF, the file format CAT tools (OmegaT, Trados, memoQ, Phrase, translate-toolkit) open:
//! 1.2 and 2.x, streaming both ways. [`XliffReader`] yields one unit at a time from any
//! `BufRead`, so a large file never sits in memory; [`XliffWriter`] writes units as they come.
//!
//! The two versions are read into one model: a [`XliffUnit`] (1.2 `<trans-unit>`, 2.x
//! `<unit>`) holds one or more [`XliffSegment`]s (a 1.2 unit is one segment, or one per
//! `<mrk mtype="seg">` of its `<seg-source>`; a 2.x unit has its `<segment>`s), its notes and
//! its alternative matches (1.2 `<alt-trans>`, 2.x matches module). States of both versions
//! are mapped to one [`SegmentState`] scale (docs/translate.md has the table).
//!
//! Read as real tools write it: extra namespaces (elements of other namespaces are skipped,
//! `sdl:seg-defs` confirmation levels are read), `<group>`s, `<mrk>`, inline codes (1.2 `<g>`,
//! `<x/>`, `<bx/>`, `<ex/>`, `<bpt>`, `<ept>`, `<ph>`, `<it>`; 2.x `<pc>`, `<ph/>`, `<sc/>`,
//! `<ec/>`, `<cp/>`, `<sm/>`, `<em/>`). The plain text of a segment leaves the codes out; the
//! codes are kept as TMX inline markup ([`XliffText::markup`]), the form the translation memory
//! stores. Reading is as safe as TMX reading: the DOCTYPE is never processed, entities other
//! than the five XML ones and character references are a located error.

mod read;
mod write;

pub use read::XliffReader;
pub use write::{XliffHeader, XliffWriter};

/// The XLIFF versions Tribune writes (it reads 1.0 to 1.2 and 2.0 to 2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum XliffVersion {
    /// XLIFF 1.2 (OASIS, 2008): what most CAT tools read.
    V1_2,
    /// XLIFF 2.0 (OASIS, 2014).
    V2_0,
    /// XLIFF 2.1 (OASIS, 2018): 2.0 with the ITS module; same core namespace.
    V2_1,
}

impl XliffVersion {
    /// The `version` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            XliffVersion::V1_2 => "1.2",
            XliffVersion::V2_0 => "2.0",
            XliffVersion::V2_1 => "2.1",
        }
    }

    /// Whether this is a 2.x version.
    pub fn is_v2(self) -> bool {
        self != XliffVersion::V1_2
    }

    /// Reads a `--xliff-version` value.
    pub fn parse(value: &str) -> Option<XliffVersion> {
        match value.trim() {
            "1.2" => Some(XliffVersion::V1_2),
            "2.0" => Some(XliffVersion::V2_0),
            "2.1" | "2" => Some(XliffVersion::V2_1),
            _ => None,
        }
    }
}

/// The XLIFF 1.2 namespace.
pub const NAMESPACE_1_2: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// The XLIFF 2.x core namespace (2.0, 2.1 and 2.2 share it).
pub const NAMESPACE_2: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The XLIFF 2.x translation candidates (matches) module.
pub const NAMESPACE_MATCHES: &str = "urn:oasis:names:tc:xliff:matches:2.0";
/// Trados Studio's SDLXLIFF extension namespace (per-segment confirmation levels).
pub const NAMESPACE_SDL: &str = "http://sdl.com/FileTypes/SdlXliff/1.0";

/// How far a segment's translation has come, on one scale for both versions.
///
/// | scale | XLIFF 1.2 `state` | XLIFF 2.x `state` | SDLXLIFF `conf` |
/// |---|---|---|---|
/// | `Initial` | `new`, `needs-translation` | `initial` (the default) | `Unspecified` |
/// | `NeedsReview` | `needs-review-*`, `needs-adaptation`, `needs-l10n` | — | `Draft`, `Rejected…` |
/// | `Translated` | `translated` (or a target without state) | `translated` | `Translated` |
/// | `Reviewed` | `signed-off` | `reviewed` | `ApprovedTranslation` |
/// | `Final` | `final` | `final` | `ApprovedSignOff` |
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SegmentState {
    /// Not translated yet (a target, if any, is a suggestion).
    Initial,
    /// A target that must be checked (a fuzzy match, an unconfirmed edit).
    NeedsReview,
    /// Translated.
    Translated,
    /// Translated and reviewed.
    Reviewed,
    /// Final: signed off.
    Final,
}

impl SegmentState {
    /// The state's name in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentState::Initial => "initial",
            SegmentState::NeedsReview => "needs-review",
            SegmentState::Translated => "translated",
            SegmentState::Reviewed => "reviewed",
            SegmentState::Final => "final",
        }
    }

    /// A 1.2 `state` value on this scale (`None` for custom `x-` values).
    pub fn from_1_2(value: &str) -> Option<SegmentState> {
        Some(match value {
            "new" | "needs-translation" => SegmentState::Initial,
            "needs-review-translation"
            | "needs-review-adaptation"
            | "needs-review-l10n"
            | "needs-adaptation"
            | "needs-l10n" => SegmentState::NeedsReview,
            "translated" => SegmentState::Translated,
            "signed-off" => SegmentState::Reviewed,
            "final" => SegmentState::Final,
            _ => return None,
        })
    }

    /// A 2.x `state` value on this scale.
    pub fn from_2(value: &str) -> Option<SegmentState> {
        Some(match value {
            "initial" => SegmentState::Initial,
            "translated" => SegmentState::Translated,
            "reviewed" => SegmentState::Reviewed,
            "final" => SegmentState::Final,
            _ => return None,
        })
    }

    /// An SDLXLIFF `conf` value on this scale.
    pub fn from_sdl(value: &str) -> Option<SegmentState> {
        Some(match value {
            "Unspecified" => SegmentState::Initial,
            "Draft" | "RejectedTranslation" | "RejectedSignOff" => SegmentState::NeedsReview,
            "Translated" => SegmentState::Translated,
            "ApprovedTranslation" => SegmentState::Reviewed,
            "ApprovedSignOff" => SegmentState::Final,
            _ => return None,
        })
    }

    /// The 1.2 `state` value written for this state.
    pub fn to_1_2(self) -> &'static str {
        match self {
            SegmentState::Initial => "new",
            SegmentState::NeedsReview => "needs-review-translation",
            SegmentState::Translated => "translated",
            SegmentState::Reviewed => "signed-off",
            SegmentState::Final => "final",
        }
    }

    /// The 2.x `state` value written for this state (2.x has no "needs review": a
    /// suggested target stays `initial`).
    pub fn to_2(self) -> &'static str {
        match self {
            SegmentState::Initial | SegmentState::NeedsReview => "initial",
            SegmentState::Translated => "translated",
            SegmentState::Reviewed => "reviewed",
            SegmentState::Final => "final",
        }
    }
}

/// The content of a `<source>` or `<target>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XliffText {
    /// The text without inline codes (the text of `<g>`, `<pc>` and `<mrk>` is kept, codes
    /// and placeholders are left out).
    pub text: String,
    /// The content with its inline codes as TMX inline markup (`<bpt>`, `<ept>`, `<ph>`,
    /// `<it>`), when it has codes: what the translation memory stores beside the text.
    pub markup: Option<String>,
    /// Its `xml:lang`, when the element has one.
    pub lang: Option<String>,
}

impl XliffText {
    /// Plain text without codes.
    pub fn plain(text: impl Into<String>) -> XliffText {
        XliffText {
            text: text.into(),
            markup: None,
            lang: None,
        }
    }
}

/// One segment: a source, maybe a target, and how far its translation has come.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XliffSegment {
    /// Its id (2.x `<segment id>`, 1.2 `<mrk mid>`), when it has one.
    pub id: Option<String>,
    /// The source.
    pub source: XliffText,
    /// The target, when there is one.
    pub target: Option<XliffText>,
    /// The state on Tribune's scale (`None` when the file says nothing Tribune knows).
    pub state: Option<SegmentState>,
    /// The state as written (`needs-review-translation`, `x-custom`, 2.x `subState`…), for
    /// reports.
    pub raw_state: Option<String>,
    /// 1.2 `state-qualifier` / 2.x `subState` (`exact-match`, `tribune:fuzzy`…).
    pub qualifier: Option<String>,
}

/// A translation candidate: 1.2 `<alt-trans>`, 2.x `<mtc:match>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XliffMatch {
    /// The match quality, 0–100, when given as a number.
    pub quality: Option<f64>,
    /// Where it comes from (`origin`).
    pub origin: Option<String>,
    /// Its kind: 1.2 `alttranstype` (`proposal`, `previous-version`…), 2.x `type` (`tm`,
    /// `icm`, `mt`…).
    pub kind: Option<String>,
    /// The source it translates, when given.
    pub source: Option<String>,
    /// The candidate translation.
    pub target: String,
    /// The id of the segment it applies to (2.x `ref="#id"`), when given.
    pub segment: Option<String>,
}

/// The XLIFF 2 glossary module's namespace (terms of a unit with their translations).
pub const NAMESPACE_GLOSSARY: &str = "urn:oasis:names:tc:xliff:glossary:2.0";

/// A term of a unit's source and its translations from a term base: written as a 2.x
/// `<gls:glossEntry>`; 1.2 has no glossary, so writers of 1.2 put terms in a note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XliffGlossEntry {
    /// The term as the source writes it.
    pub term: String,
    /// Where the term comes from (the term base's concept id).
    pub origin: Option<String>,
    /// The approved translations, preferred first.
    pub translations: Vec<String>,
    /// What to know about it (the terms not to use).
    pub definition: Option<String>,
}

/// A unit: a 1.2 `<trans-unit>` or a 2.x `<unit>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XliffUnit {
    /// Its id.
    pub id: String,
    /// The line it starts on (0 for units built in code).
    pub line: usize,
    /// The `original` of its `<file>`.
    pub original: Option<String>,
    /// The source language (1.2 `<file source-language>`, 2.x `<xliff srcLang>`).
    pub source_lang: Option<String>,
    /// The target language (1.2 `<file target-language>`, 2.x `<xliff trgLang>`).
    pub target_lang: Option<String>,
    /// Whether it is to be translated (`translate="no"` on it or an enclosing element).
    pub translate: bool,
    /// Its kind: 1.2 `restype`, 2.x `type` (Tribune writes `x-tribune-direction` /
    /// `tribune:direction` for stage directions, `…-passage` for passages passed through).
    pub kind: Option<String>,
    /// Its notes.
    pub notes: Vec<String>,
    /// Its segments, in order.
    pub segments: Vec<XliffSegment>,
    /// Its translation candidates, best first as written.
    pub matches: Vec<XliffMatch>,
    /// The terms of its source with their translations (written in 2.x only).
    pub glossary: Vec<XliffGlossEntry>,
}

#[cfg(test)]
mod tests;
