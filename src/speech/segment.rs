//! From the speech model to segments: the units that are translated, aligned, timed and
//! shown. Each segment has a stable id from its normalised text and occurrence, so a revised
//! draft keeps the ids (and thus the translations) of the sentences that did not change.

use serde::{Serialize, Serializer};
use unic_langid::LanguageIdentifier;
use unicode_normalization::UnicodeNormalization;

use super::model::{BlockKind, Direction, Inline, Speech};
use super::sentences::sentence_ranges;
use crate::lang::{self, LanguageProfile};

/// What a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
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
    /// A site line or byline of a pasted web page ([`set_apart`]: never in a speech's
    /// segments).
    WebText,
    /// A photo caption of a pasted web page ([`set_apart`]).
    Caption,
}

impl SegmentKind {
    /// Every kind (for the test that each has its messages).
    pub const ALL: [SegmentKind; 7] = [
        SegmentKind::Heading,
        SegmentKind::Dateline,
        SegmentKind::Salutation,
        SegmentKind::Sentence,
        SegmentKind::Direction,
        SegmentKind::WebText,
        SegmentKind::Caption,
    ];

    /// The kind's name in JSON and in Fluent message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Heading => "heading",
            SegmentKind::Dateline => "dateline",
            SegmentKind::Salutation => "salutation",
            SegmentKind::Sentence => "sentence",
            SegmentKind::Direction => "direction",
            SegmentKind::WebText => "web-text",
            SegmentKind::Caption => "caption",
        }
    }

    /// Whether the segment is translated (directions and a web page's text are not).
    pub fn is_translatable(self) -> bool {
        !matches!(
            self,
            SegmentKind::Direction | SegmentKind::WebText | SegmentKind::Caption
        )
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

/// Feeds the normalised characters of `text` to `sink`: NFC, lower case, one kind of quote
/// and apostrophe, white space (no-break spaces included) collapsed, and no space before
/// punctuation or inside quotes and brackets, so typographic variants (French spacing,
/// curly quotes) keep their id.
fn for_each_normalized_char(text: &str, mut sink: impl FnMut(char)) {
    let mut pending_space = false;
    let mut first = true;
    let mut last = ' ';
    let mut emit = |c: char| {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' | '\u{201e}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{2026}' => '.',
            other => other,
        };
        if c.is_whitespace() {
            pending_space = !first;
            return;
        }
        if pending_space
            && !matches!(c, ';' | ':' | '!' | '?' | '"' | '.' | ',' | ')')
            && !matches!(last, '"' | '(')
        {
            sink(' ');
        }
        pending_space = false;
        first = false;
        last = c;
        sink(c);
    };
    let mut visit = |c: char| {
        if c.is_ascii() {
            emit(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut emit);
        }
    };
    if text.is_ascii()
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        text.chars().for_each(&mut visit);
    } else {
        text.nfc().for_each(&mut visit);
    }
}

/// The text a segment id is computed from (see [`assign_ids`]).
pub fn normalize_for_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_normalized_char(text, |c| out.push(c));
    out
}

/// 64-bit FNV-1a of the normalised text: tiny, stable across versions and platforms (ids
/// are stored in translation memories), computed without building the normalised string.
fn normalized_hash(text: &str) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    if text.is_ascii() {
        // The same normalisation as below, byte by byte: most segments are ASCII.
        let mut pending_space = false;
        let mut first = true;
        let mut last = b' ';
        for b in text.bytes() {
            if b.is_ascii_whitespace() || b == 0x0b {
                pending_space = !first;
                continue;
            }
            if pending_space
                && !matches!(b, b';' | b':' | b'!' | b'?' | b'"' | b'.' | b',' | b')')
                && !matches!(last, b'"' | b'(')
            {
                hash = (hash ^ u64::from(b' ')).wrapping_mul(PRIME);
            }
            pending_space = false;
            first = false;
            last = b;
            hash = (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(PRIME);
        }
        return hash;
    }
    let mut buffer = [0u8; 4];
    for_each_normalized_char(text, |c| {
        for &b in c.encode_utf8(&mut buffer).as_bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
        }
    });
    hash
}

/// Gives every segment its id, in order: 12 hex digits of the hash of its normalised text,
/// and `-N` for the N-th occurrence of the same text.
pub fn assign_ids(segments: &mut [Segment]) {
    let mut seen: rustc_hash::FxHashMap<u64, usize> = rustc_hash::FxHashMap::default();
    for segment in segments {
        let hash = normalized_hash(&segment.text);
        let base = format!("{:012x}", hash >> 16);
        let count = seen.entry(hash).or_insert(0);
        *count += 1;
        segment.id = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
    }
}

/// Whether a word (lower case) is one of a language's frequent or salutation words.
fn is_language_word(word: &str, profile: &LanguageProfile) -> bool {
    profile.stopwords.contains(word) || profile.salutation_openers.contains(word)
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
    let others: Vec<&LanguageProfile> = lang::profiles()
        .iter()
        .filter(|p| p.language.language != own.language)
        .collect();
    if kind == SegmentKind::Sentence && text.len() <= lang::MAX_PHRASE_BYTES {
        let phrase = lang::normalize_phrase(text);
        if own_profile.is_some_and(|p| p.courtesies.contains(&phrase)) {
            return None;
        }
        if let Some(p) = others.iter().find(|p| p.courtesies.contains(&phrase)) {
            return Some(p.language.clone());
        }
    }
    let own_profile = own_profile?;
    // Forty words tell a language; a long sentence need not be read to its end.
    let words = || {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(40)
            .map(|w| -> std::borrow::Cow<str> {
                if w.chars().any(char::is_uppercase) {
                    w.to_lowercase().into()
                } else {
                    w.into()
                }
            })
    };
    // One word of the speech's own language settles it (the usual case, found early).
    if words().any(|w| is_language_word(&w, own_profile)) {
        return None;
    }
    let mut scores = vec![0usize; others.len()];
    for word in words() {
        for (score, profile) in scores.iter_mut().zip(&others) {
            if is_language_word(&word, profile) {
                *score += 1;
            }
        }
    }
    let needed = if kind == SegmentKind::Salutation {
        2
    } else {
        3
    };
    scores
        .iter()
        .zip(&others)
        .filter(|(score, _)| **score >= needed)
        .max_by_key(|(score, _)| **score)
        .map(|(_, p)| p.language.clone())
}

/// The lines of a pasted web page that [`segment`] leaves out (site lines, bylines,
/// captions), each as a segment of its kind, in document order: `tribune segment` lists them,
/// and every command says how many it left out.
pub fn set_apart(speech: &Speech) -> Vec<Segment> {
    let language = speech.meta.language.clone().unwrap_or_default();
    let mut out = Vec::new();
    for (block_index, block) in speech.blocks.iter().enumerate() {
        let kind = match block.kind {
            BlockKind::WebText => SegmentKind::WebText,
            BlockKind::Caption => SegmentKind::Caption,
            _ => continue,
        };
        for (line_index, line) in block.lines.iter().enumerate() {
            out.push(Segment {
                id: String::new(),
                block: block_index,
                kind,
                text: super::line_text(line),
                lang: language.clone(),
                direction: None,
                line: block.source_lines.get(line_index).copied().unwrap_or(0),
            });
        }
    }
    assign_ids(&mut out);
    out
}

/// Cuts a speech into segments (docs/segmentation.md).
pub fn segment(speech: &Speech) -> Vec<Segment> {
    let language = speech.meta.language.clone().unwrap_or_default();
    let profile = lang::profile(&language);
    // At least one segment per line: reserved at once rather than doubled as it grows.
    let lines: usize = speech.blocks.iter().map(|b| b.lines.len()).sum();
    let mut segments = Vec::with_capacity(lines);
    for (block_index, block) in speech.blocks.iter().enumerate() {
        let kind = match block.kind {
            BlockKind::Heading => SegmentKind::Heading,
            BlockKind::Dateline => SegmentKind::Dateline,
            BlockKind::Salutation => SegmentKind::Salutation,
            BlockKind::Paragraph => SegmentKind::Sentence,
            BlockKind::Direction => SegmentKind::Direction,
            // Not part of the speech: see [`set_apart`].
            BlockKind::WebText | BlockKind::Caption => continue,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn slow_hash(text: &str) -> u64 {
        normalize_for_id(text)
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
    }

    #[test]
    fn the_ascii_fast_path_hashes_like_the_general_one() {
        for text in [
            "We met.  Then  LEFT !",
            "\tA\x0bb\x0cc ; d",
            "",
            "  x  ",
            "Il a dit : « oui »",
        ] {
            assert_eq!(normalized_hash(text), slow_hash(text), "{text:?}");
        }
    }

    #[test]
    fn typographic_variants_share_an_id_text() {
        assert_eq!(
            normalize_for_id("Il a dit\u{a0}: « Oui\u{202f}! »"),
            normalize_for_id("il a dit: \"oui!\"")
        );
        assert_eq!(
            normalize_for_id("Mali’s  people"),
            normalize_for_id("mali's people")
        );
    }
}
