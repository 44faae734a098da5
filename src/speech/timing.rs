//! Timing: how long a speech takes to deliver, from its spoken words at a rate per language,
//! plus the time of timed stage directions (a minute of silence is 60 s of the speaker's
//! time).

use serde::{Serialize, Serializer};
use unic_langid::LanguageIdentifier;

use super::segment::{Segment, SegmentKind};
use crate::lang;

/// Which default rate applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pace {
    /// An ordinary delivery (130 words a minute in English).
    #[default]
    Normal,
    /// The slower pace interpreters ask for (110 in English).
    Interpretable,
}

/// Speaking rates: a pace, and rates the user set for some languages.
#[derive(Debug, Clone, Default)]
pub struct Rates {
    /// The default pace.
    pub pace: Pace,
    /// Explicit rates; a rate without a language applies to every language.
    pub overrides: Vec<(Option<LanguageIdentifier>, u32)>,
}

impl Rates {
    /// Words per minute for a language.
    pub fn words_per_minute(&self, language: &LanguageIdentifier) -> u32 {
        let explicit = self
            .overrides
            .iter()
            .find(|(lang, _)| {
                lang.as_ref()
                    .is_some_and(|l| l.language == language.language)
            })
            .or_else(|| self.overrides.iter().find(|(lang, _)| lang.is_none()));
        if let Some((_, rate)) = explicit {
            return *rate;
        }
        let speaking = &lang::profile(language).speaking;
        match self.pace {
            Pace::Normal => speaking.words_per_minute,
            Pace::Interpretable => speaking.interpretable_words_per_minute,
        }
    }
}

fn serialize_language<S: Serializer>(lang: &LanguageIdentifier, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&lang.to_string())
}

/// Spoken words and time in one language of a speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageTime {
    /// The language.
    #[serde(serialize_with = "serialize_language")]
    pub lang: LanguageIdentifier,
    /// Segments in that language (directions excluded).
    pub segments: usize,
    /// Spoken words (sentences and salutations; headings and datelines are not read out).
    pub words: usize,
    /// The rate used.
    pub words_per_minute: u32,
    /// Estimated time, in seconds.
    pub seconds: u32,
}

/// Counts and timing of a segmented speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeechStats {
    /// All words, headings included.
    pub words: usize,
    /// Words read out.
    pub spoken_words: usize,
    /// All segments, directions included.
    pub segments: usize,
    /// Stage directions.
    pub directions: usize,
    /// Directions with a duration.
    pub timed_directions: usize,
    /// Their total duration.
    pub direction_seconds: u32,
    /// Time spent speaking.
    pub speaking_seconds: u32,
    /// Speaking plus timed directions.
    pub total_seconds: u32,
    /// Per language, in order of first appearance.
    pub languages: Vec<LanguageTime>,
}

/// Whether a segment of this kind is read out loud.
pub fn is_spoken(kind: SegmentKind) -> bool {
    matches!(kind, SegmentKind::Sentence | SegmentKind::Salutation)
}

/// Seconds to say `words` at `words_per_minute`.
pub fn speaking_seconds(words: usize, words_per_minute: u32) -> u32 {
    if words_per_minute == 0 {
        return 0;
    }
    ((words as f64) * 60.0 / f64::from(words_per_minute)).round() as u32
}

/// Computes the statistics of a segmented speech.
pub fn stats(segments: &[Segment], rates: &Rates) -> SpeechStats {
    let mut languages: Vec<LanguageTime> = Vec::new();
    let mut words = 0;
    let mut spoken_words = 0;
    let mut directions = 0;
    let mut timed_directions = 0;
    let mut direction_seconds = 0;
    for segment in segments {
        if let Some(direction) = &segment.direction {
            directions += 1;
            if let Some(seconds) = direction.seconds {
                timed_directions += 1;
                direction_seconds += seconds;
            }
            continue;
        }
        let count = lang::count_words(&segment.text);
        words += count;
        let entry = match languages.iter_mut().position(|l| l.lang == segment.lang) {
            Some(i) => &mut languages[i],
            None => {
                languages.push(LanguageTime {
                    lang: segment.lang.clone(),
                    segments: 0,
                    words: 0,
                    words_per_minute: rates.words_per_minute(&segment.lang),
                    seconds: 0,
                });
                languages.last_mut().expect("just pushed")
            }
        };
        entry.segments += 1;
        if is_spoken(segment.kind) {
            entry.words += count;
            spoken_words += count;
        }
    }
    for language in &mut languages {
        language.seconds = speaking_seconds(language.words, language.words_per_minute);
    }
    let speaking_seconds: u32 = languages.iter().map(|l| l.seconds).sum();
    SpeechStats {
        words,
        spoken_words,
        segments: segments.len(),
        directions,
        timed_directions,
        direction_seconds,
        speaking_seconds,
        total_seconds: speaking_seconds + direction_seconds,
        languages,
    }
}

/// Formats seconds as `M:SS` (or `H:MM:SS`), the way time marks are read.
pub fn format_clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, (seconds / 60) % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}
