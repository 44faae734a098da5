//! Stage directions in the target language: "[Minute of silence]" becomes « [Minute de
//! silence] », "[Slide 2]" « [Diapositive 2] », "[Pause 5 s]" « [Pause — 5 s] », with the labels
//! speaker scripts use (the `script-cue-*` messages of the target language). A wording is only
//! used when Tribune reads it back as the same direction (same kind, same duration), so a
//! translated draft keeps every direction `tribune check` compares; free wording ("[Turn to
//! the Governor]") is kept as written.

use unic_langid::LanguageIdentifier;

use crate::i18n::Localizer;
use crate::lang::{self, names};
use crate::speech::direction::whole_line;
use crate::speech::{format_clock, Direction, DirectionKind};

fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '—' | '–'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether every word of the wording is a keyword of its kind, a duration word, a connector
/// ("of", "de") or a number, in some known language (the wording's language is not known
/// here): then the label (and the numbers) say all the wording says.
fn only_keywords_and_numbers(wording: &str, kind: DirectionKind) -> bool {
    lower_words(wording).iter().all(|word| {
        word.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ','))
            || lang::profiles().iter().any(|p| {
                let d = &p.directions;
                d.second_units.contains(word)
                    || d.minute_units.contains(word)
                    || d.number_words.contains_key(word)
                    || d.connectors.contains(word)
                    || d.kinds.get(kind.as_str()).is_some_and(|phrases| {
                        phrases
                            .iter()
                            .any(|phrase| phrase.split(' ').any(|w| w == word))
                    })
            })
    })
}

/// The numbers of a wording ("2" of "[Slide 2]").
fn numbers(wording: &str) -> Vec<String> {
    lower_words(wording)
        .into_iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect()
}

/// Whether Tribune reads `wording` as the same direction.
fn reads_back(wording: &str, direction: &Direction) -> bool {
    whole_line(wording).is_some_and(|d| d.kind == direction.kind && d.seconds == direction.seconds)
}

/// The wording of a direction in the target language `to`, with the labels of `l10n` (a
/// localizer for that language); the original wording when no label reads back as the same
/// direction.
pub fn direction_wording(
    direction: &Direction,
    to: &LanguageIdentifier,
    l10n: &Localizer,
) -> String {
    let kind = direction.kind;
    let inner = direction.bare_wording();
    let seconds = direction.seconds.unwrap_or(0);
    let label = match kind {
        DirectionKind::Language => names::named_language(inner)
            .and_then(|target| names::language_name(&target, to))
            .map(|name| l10n.format("script-cue-language-to", &[("language", name.into())]))
            .unwrap_or_else(|| l10n.text("script-cue-language")),
        _ => l10n.format(
            &format!("script-cue-{}", kind.as_str()),
            &[("seconds", seconds.into())],
        ),
    };
    if !kind.label_says_all() && !only_keywords_and_numbers(inner, kind) {
        return direction.wording.clone();
    }
    let mut tries = Vec::new();
    let figures = numbers(inner);
    if direction.seconds.is_none() && !figures.is_empty() {
        tries.push(format!("[{label} {}]", figures.join(" ")));
    }
    tries.push(format!("[{label}]"));
    if let Some(seconds) = direction.seconds {
        let duration = l10n.format(
            "script-duration",
            &[
                ("clock", format_clock(seconds).into()),
                ("minutes", (seconds / 60).into()),
                ("seconds", (seconds % 60).into()),
            ],
        );
        let timed = l10n.format(
            "script-cue-timed",
            &[
                ("label", label.clone().into()),
                ("duration", duration.into()),
            ],
        );
        tries.push(format!("[{timed}]"));
    }
    tries
        .into_iter()
        .find(|wording| reads_back(wording, direction))
        .unwrap_or_else(|| direction.wording.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    fn direction(wording: &str) -> Direction {
        whole_line(wording).unwrap()
    }

    fn french(wording: &str) -> String {
        direction_wording(
            &direction(wording),
            &langid!("fr"),
            &Localizer::for_tag("fr-FR"),
        )
    }

    #[test]
    fn labels_of_the_target_language() {
        assert_eq!(french("[Minute of silence]"), "[Minute de silence]");
        assert_eq!(french("[Applause]"), "[Applaudissements]");
        assert_eq!(french("[Slide 2]"), "[Diapositive 2]");
        assert_eq!(
            french("[STOP for minute of silence]"),
            "[Minute de silence]"
        );
        let pause = french("[Pause 5 s]");
        assert_eq!(whole_line(&pause).unwrap().seconds, Some(5), "{pause}");
        assert!(pause.starts_with("[Pause"), "{pause}");
    }

    #[test]
    fn free_wording_is_kept() {
        assert_eq!(french("[Turn to the Governor]"), "[Turn to the Governor]");
    }

    #[test]
    fn every_wording_reads_back_as_the_same_direction() {
        for wording in [
            "[Minute of silence]",
            "[Two minutes of silence]",
            "[Pause 1 min 30 s]",
            "[Video 1:30]",
            "[Slide 12]",
            "[In French]",
            "[Laughter]",
            "[Check against delivery]",
            "[MOMENT OF SILENCE]",
        ] {
            let original = direction(wording);
            let translated = french(wording);
            let read = whole_line(&translated).unwrap();
            assert_eq!(
                (read.kind, read.seconds),
                (original.kind, original.seconds),
                "{wording} -> {translated}"
            );
        }
    }
}
