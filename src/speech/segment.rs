//! From the speech model to segments: the units that are translated, aligned, timed and
//! shown. Each segment has a stable id from its normalised text and occurrence, so a revised
//! draft keeps the ids (and thus the translations) of the sentences that did not change.

use std::collections::HashMap;

use serde::{Serialize, Serializer};
use unic_langid::LanguageIdentifier;
use unicode_normalization::UnicodeNormalization;

use super::model::{BlockKind, Direction, Inline, Speech};
use super::sentences::sentence_ranges;
use crate::lang::{self, LanguageProfile};

/// What a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// A heading line.
    Heading,
    /// A place-and-date line.
    Dateline,
    /// A line of address.
    Salutation,
    /// A sentence of prose.
    Sentence,
    /// A stage direction (never a translation unit).
    Direction,
}

impl SegmentKind {
    /// The kind's name in JSON and in Fluent message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Heading => "heading",
            SegmentKind::Dateline => "dateline",
            SegmentKind::Salutation => "salutation",
            SegmentKind::Sentence => "sentence",
            SegmentKind::Direction => "direction",
        }
    }

    /// Whether the segment is translated (directions are not).
    pub fn is_translatable(self) -> bool {
        self != SegmentKind::Direction
    }
}

fn serialize_language<S: Serializer>(lang: &LanguageIdentifier, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&lang.to_string())
}

/// One segment of a speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// Stable id: a hash of the normalised text, plus `-N` for its N-th occurrence.
    pub id: String,
    /// Index of the block it belongs to.
    pub block: usize,
    /// What it is.
    pub kind: SegmentKind,
    /// Its text, exactly as written (directions: their original wording).
    pub text: String,
    /// Its language: the speech's, or another one for passages passed through.
    #[serde(serialize_with = "serialize_language")]
    pub lang: LanguageIdentifier,
    /// For directions: kind, duration and wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The 1-based input line it starts on (0 when unknown).
    pub line: usize,
}

/// The text a segment id is computed from: NFC, lower case, one kind of quote and
/// apostrophe, white space (no-break spaces included) collapsed, and no space before
/// French high punctuation, so typographic variants keep their id.
pub fn normalize_for_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfc().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' | '\u{201e}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{2026}' => '.',
            other => other,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space && !matches!(c, ';' | ':' | '!' | '?' | '"' | '.' | ',') {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// 64-bit FNV-1a: tiny, stable across versions and platforms (ids are stored in TMs).
fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Gives every segment its id, in order (occurrences are counted in order too).
pub fn assign_ids(segments: &mut [Segment]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for segment in segments {
        let key = normalize_for_id(&segment.text);
        let base = format!("{:012x}", fnv1a(&key) >> 16);
        let count = seen.entry(key).or_insert(0);
        *count += 1;
        segment.id = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
    }
}

/// Score of a short text for one language: its words that are frequent words, salutation
/// words or courtesies of that language.
fn language_score(words: &[String], profile: &LanguageProfile) -> usize {
    words
        .iter()
        .filter(|w| profile.stopwords.contains(*w) || profile.salutation_openers.contains(*w))
        .count()
}

/// The language of a segment that may be in another language than the speech: a greeting
/// or closing of another language ("Merci." in an English speech), or a salutation or
/// sentence whose frequent words are all another language's.
fn segment_language(
    text: &str,
    kind: SegmentKind,
    own: &LanguageIdentifier,
) -> Option<LanguageIdentifier> {
    let own_profile = lang::known_profile(own);
    let phrase = lang::normalize_phrase(text);
    if own_profile.is_some_and(|p| p.courtesies.contains(&phrase)) {
        return None;
    }
    let others = lang::profiles()
        .iter()
        .filter(|p| p.language.language != own.language);
    if kind == SegmentKind::Sentence {
        if let Some(p) = others.clone().find(|p| p.courtesies.contains(&phrase)) {
            return Some(p.language.clone());
        }
    }
    let own_profile = own_profile?;
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if language_score(&words, own_profile) > 0 {
        return None;
    }
    let needed = if kind == SegmentKind::Salutation {
        2
    } else {
        3
    };
    others
        .map(|p| (language_score(&words, p), p))
        .filter(|(score, _)| *score >= needed)
        .max_by_key(|(score, _)| *score)
        .map(|(_, p)| p.language.clone())
}

/// Cuts a speech into segments (docs/segmentation.md).
pub fn segment(speech: &Speech) -> Vec<Segment> {
    let language = speech.meta.language.clone().unwrap_or_default();
    let profile = lang::profile(&language);
    let mut segments = Vec::new();
    for (block_index, block) in speech.blocks.iter().enumerate() {
        let kind = match block.kind {
            BlockKind::Heading => SegmentKind::Heading,
            BlockKind::Dateline => SegmentKind::Dateline,
            BlockKind::Salutation => SegmentKind::Salutation,
            BlockKind::Paragraph => SegmentKind::Sentence,
            BlockKind::Direction => SegmentKind::Direction,
        };
        for (line_index, line) in block.lines.iter().enumerate() {
            let source_line = block.source_lines.get(line_index).copied().unwrap_or(0);
            let mut push = |kind: SegmentKind,
                            text: &str,
                            lang: &LanguageIdentifier,
                            direction: Option<Direction>| {
                segments.push(Segment {
                    id: String::new(),
                    block: block_index,
                    kind,
                    text: text.to_owned(),
                    lang: lang.clone(),
                    direction,
                    line: source_line,
                });
            };
            for item in line {
                match item {
                    Inline::Direction(direction) => {
                        push(
                            SegmentKind::Direction,
                            &direction.wording,
                            &language,
                            Some(direction.clone()),
                        );
                    }
                    Inline::Foreign {
                        lang: foreign,
                        text,
                    } => {
                        let foreign_profile = lang::profile(foreign);
                        for range in sentence_ranges(text, &foreign_profile.segmentation) {
                            push(kind, &text[range], foreign, None);
                        }
                    }
                    Inline::Text(text) if kind == SegmentKind::Sentence => {
                        for range in sentence_ranges(text, &profile.segmentation) {
                            let sentence = &text[range];
                            let lang = segment_language(sentence, kind, &language)
                                .unwrap_or_else(|| language.clone());
                            push(kind, sentence, &lang, None);
                        }
                    }
                    Inline::Text(text) => {
                        let lang = segment_language(text, kind, &language)
                            .unwrap_or_else(|| language.clone());
                        push(kind, text, &lang, None);
                    }
                }
            }
        }
    }
    assign_ids(&mut segments);
    segments
}
