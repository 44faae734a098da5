//! Recognising stage directions: their kind from keywords of every known language (an
//! English speech may carry "[Minute de silence]"), their duration from the wording
//! ("[Pause 5 s]", "[30 seconds of silence]", "[two minutes of silence]").

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::model::{Direction, DirectionKind};
use crate::lang::{self, normalize_phrase};

/// Seconds a silence lasts when the wording gives no figure ("[Moment of silence]").
pub const DEFAULT_SILENCE_SECONDS: u32 = 60;

/// How strictly a bracketed text is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The bracket is a whole line: always a direction (a note when no keyword matches).
    WholeLine,
    /// Between sentences: a direction when it holds a keyword.
    BetweenSentences,
    /// Inside a sentence: a direction only when it starts with a keyword; otherwise it is an
    /// editorial insertion ("the MINUSCA [United Nations … Mission] base").
    InsideSentence,
}

/// Lower-cased words of a text, keeping `1:30`, `1.5` and `1,5` whole.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let joins_digits = matches!(c, ':' | '.' | ',')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || joins_digits {
            current.extend(c.to_lowercase());
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// One direction keyword of some language, split into words.
struct Keyword {
    kind: DirectionKind,
    words: Vec<String>,
}

/// Every keyword of every known language, indexed by its first word, built once.
static KEYWORDS: LazyLock<FxHashMap<String, Vec<Keyword>>> = LazyLock::new(|| {
    let mut index: FxHashMap<String, Vec<Keyword>> = FxHashMap::default();
    for kind in DirectionKind::ALL {
        for profile in lang::profiles() {
            for phrase in profile
                .directions
                .kinds
                .get(kind.as_str())
                .into_iter()
                .flatten()
            {
                let words: Vec<String> = phrase
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect();
                if let Some(first) = words.first() {
                    index
                        .entry(first.clone())
                        .or_default()
                        .push(Keyword { kind, words });
                }
            }
        }
    }
    index
});

/// The kind a text names, judged at `position`: the first kind (in recognition order)
/// with a keyword in the text, whole words only.
fn kind_of(words: &[String], position: Position) -> Option<DirectionKind> {
    let mut best: Option<DirectionKind> = None;
    for (at, word) in words.iter().enumerate() {
        let Some(candidates) = KEYWORDS.get(word) else {
            continue;
        };
        for keyword in candidates {
            let fits = words.len() - at >= keyword.words.len()
                && keyword.words.iter().zip(&words[at..]).all(|(k, w)| k == w);
            if !fits {
                continue;
            }
            let accepted = match position {
                Position::WholeLine => true,
                Position::BetweenSentences => at == 0 || !keyword.kind.is_weak(),
                Position::InsideSentence => at == 0,
            };
            let earlier = |k: DirectionKind| {
                let rank = |k: DirectionKind| DirectionKind::ALL.iter().position(|x| *x == k);
                rank(keyword.kind) < rank(k)
            };
            if accepted && best.is_none_or(earlier) {
                best = Some(keyword.kind);
            }
        }
    }
    best
}

fn number_value(word: &str) -> Option<f64> {
    if let Ok(n) = word.replace(',', ".").parse::<f64>() {
        return Some(n);
    }
    lang::profiles()
        .iter()
        .find_map(|p| p.directions.number_words.get(word))
        .map(|&n| f64::from(n))
}

fn unit_seconds(word: &str) -> Option<f64> {
    for p in lang::profiles() {
        if p.directions.second_units.contains(word) {
            return Some(1.0);
        }
        if p.directions.minute_units.contains(word) {
            return Some(60.0);
        }
    }
    None
}

/// The duration a wording states, in seconds: "5 s", "5s", "30 seconds", "two minutes",
/// "1 min 30 s", "1:30".
fn duration_of(words: &[String]) -> Option<u32> {
    let mut total = 0.0;
    let mut found = false;
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        if let Some((m, s)) = word.split_once(':') {
            if let (Ok(m), Ok(s)) = (m.parse::<u32>(), s.parse::<u32>()) {
                if s < 60 {
                    total += f64::from(m * 60 + s);
                    found = true;
                    i += 1;
                    continue;
                }
            }
        }
        // "5s", "30sec", "2min": digits glued to a unit.
        let split = word
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .filter(|&p| p > 0);
        if let Some(p) = split {
            if let (Some(n), Some(unit)) = (number_value(&word[..p]), unit_seconds(&word[p..])) {
                total += n * unit;
                found = true;
                i += 1;
                continue;
            }
        }
        if let (Some(n), Some(unit)) = (
            number_value(word),
            words.get(i + 1).and_then(|w| unit_seconds(w)),
        ) {
            total += n * unit;
            found = true;
            i += 2;
            continue;
        }
        i += 1;
    }
    found.then(|| total.round() as u32)
}

/// Reads a direction from its inner text (without brackets) and its full original wording.
/// Returns `None` when, at this position, the text is not a direction.
pub fn recognise(inner: &str, wording: &str, position: Position) -> Option<Direction> {
    let words = words(inner);
    if words.len() > 14 && position != Position::WholeLine {
        return None;
    }
    let kind = match kind_of(&words, position) {
        Some(kind) => kind,
        None if position == Position::WholeLine => DirectionKind::Note,
        None => return None,
    };
    let mut seconds = duration_of(&words);
    if kind == DirectionKind::Silence && seconds.is_none() {
        seconds = Some(DEFAULT_SILENCE_SECONDS);
    }
    Some(Direction {
        kind,
        seconds,
        wording: wording.to_owned(),
    })
}

/// A line that is a direction on its own: `[…]` as a whole line, `(Applause)` (a short
/// parenthesis holding a direction keyword), or a bare line such as "Minute de silence".
pub fn whole_line(line: &str) -> Option<Direction> {
    let trimmed = line.trim();
    if let Some(inner) = trimmed
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        if balanced_single_group(trimmed, '[', ']') {
            return recognise(inner, trimmed, Position::WholeLine);
        }
    }
    if let Some(inner) = trimmed
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
    {
        if balanced_single_group(trimmed, '(', ')') {
            return parenthesised(inner, trimmed);
        }
    }
    if is_bare_direction(trimmed) {
        return recognise(trimmed, trimmed, Position::WholeLine);
    }
    None
}

/// A parenthesis that is a direction: "(Applause)", "(Laughter)", "(Pause)", "(in French)".
pub fn parenthesised(inner: &str, wording: &str) -> Option<Direction> {
    if is_bare_direction(inner) {
        return recognise(inner, wording, Position::WholeLine);
    }
    if inner.split_whitespace().nth(3).is_none() {
        return recognise(inner, wording, Position::InsideSentence);
    }
    None
}

fn is_bare_direction(text: &str) -> bool {
    if text.len() > lang::MAX_PHRASE_BYTES {
        return false;
    }
    let phrase = normalize_phrase(text);
    lang::profiles()
        .iter()
        .any(|p| p.directions.bare_lines.contains(&phrase))
}

/// True when `text` opens with `open` and its matching `close` is the last character.
fn balanced_single_group(text: &str, open: char, close: char) -> bool {
    let mut depth = 0usize;
    let count = text.chars().count();
    for (i, c) in text.chars().enumerate() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return false;
            }
            depth -= 1;
            if depth == 0 && i + 1 != count {
                return false;
            }
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Direction {
        whole_line(text).unwrap_or_else(|| panic!("{text:?} is not a direction"))
    }

    #[test]
    fn a_stop_for_a_minute_of_silence_is_a_sixty_second_silence() {
        let d = line("[STOP for minute of silence]");
        assert_eq!(d.kind, DirectionKind::Silence);
        assert_eq!(d.seconds, Some(60));
        assert_eq!(d.wording, "[STOP for minute of silence]");
    }

    #[test]
    fn french_and_bare_silences() {
        for text in [
            "[Minute de silence]",
            "Minute de silence",
            "Moment of silence",
            "[MOMENT OF SILENCE]",
            "[Une minute de silence]",
        ] {
            let d = line(text);
            assert_eq!(d.kind, DirectionKind::Silence, "{text}");
            assert_eq!(d.seconds, Some(60), "{text}");
            assert_eq!(d.wording, text);
        }
    }

    #[test]
    fn durations_carry_their_own_figures() {
        assert_eq!(line("[Pause 5 s]").seconds, Some(5));
        assert_eq!(line("[Pause 5s]").seconds, Some(5));
        assert_eq!(line("[30 seconds of silence]").seconds, Some(30));
        assert_eq!(line("[Two minutes of silence]").seconds, Some(120));
        assert_eq!(line("[Pause de 10 secondes]").seconds, Some(10));
        assert_eq!(line("[Trente secondes de silence]").seconds, Some(30));
        assert_eq!(line("[Video 1:30]").seconds, Some(90));
        assert_eq!(line("[Pause 1 min 30 s]").seconds, Some(90));
        assert_eq!(line("[Pause]").seconds, None);
        assert_eq!(line("[Slide 4]").seconds, None);
    }

    #[test]
    fn kinds_in_both_languages() {
        let cases = [
            ("[Applause]", DirectionKind::Applause),
            ("[Applaudissements]", DirectionKind::Applause),
            ("(Applause)", DirectionKind::Applause),
            ("[Slide 4]", DirectionKind::Slide),
            ("[Diapositive 3]", DirectionKind::Slide),
            ("[Pause]", DirectionKind::Pause),
            ("[STOP]", DirectionKind::Stop),
            ("[Rires]", DirectionKind::Laughter),
            ("[Turn to the screen]", DirectionKind::Gesture),
            ("[in French]", DirectionKind::Language),
            ("Check against delivery", DirectionKind::Delivery),
            ("Seul le prononcé fait foi", DirectionKind::Delivery),
            ("[Speaker's name to be confirmed]", DirectionKind::Note),
        ];
        for (text, kind) in cases {
            assert_eq!(line(text).kind, kind, "{text}");
        }
    }

    #[test]
    fn editorial_insertions_are_not_directions() {
        assert!(recognise(
            "United Nations Multidimensional Integrated Stabilization Mission",
            "[…]",
            Position::InsideSentence
        )
        .is_none());
        assert!(recognise("sic", "[sic]", Position::BetweenSentences).is_none());
        assert!(recognise("…", "[…]", Position::InsideSentence).is_none());
        // A weak keyword in the middle of an insertion does not make it a direction.
        assert!(recognise("those who stand with us", "[…]", Position::InsideSentence).is_none());
        assert!(recognise("applause", "[applause]", Position::InsideSentence).is_some());
    }

    #[test]
    fn prose_lines_are_not_directions() {
        assert!(whole_line("I would like to request a minute of silence.").is_none());
        assert!(whole_line("(a) the first point; (b) the second.").is_none());
        assert!(whole_line("[a] and [b]").is_none());
        assert!(whole_line("(UNICEF)").is_none());
    }
}
