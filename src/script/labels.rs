//! Labels printed in a script, from Fluent: cues for stage directions in the reading
//! language ("Minute of silence — 1:00", « Minute de silence — 1 min »), delivery notes,
//! language names, and the page-number label split for CSS counters and Word fields.

use unic_langid::LanguageIdentifier;

use super::model::{Cue, DeliveryNote, PagePart};
use crate::i18n::Localizer;
use crate::lang::{self, names, typography};
use crate::speech::{format_clock, Direction, DirectionKind};

/// A duration as a cue shows it in a language ("1:00", « 1 min »).
pub fn duration(seconds: u32, l10n: &Localizer) -> String {
    l10n.format(
        "script-duration",
        &[
            ("clock", format_clock(seconds).into()),
            ("minutes", (seconds / 60).into()),
            ("seconds", (seconds % 60).into()),
        ],
    )
}

/// The name of a language written in itself, capitalised as a heading ("Français"); the
/// tag when Tribune has no name for it.
pub fn autonym(lang: &LanguageIdentifier) -> String {
    match names::language_name(lang, lang) {
        Some(name) => capitalize(name),
        None => lang.to_string(),
    }
}

/// The text with its first letter in upper case ("français" at the start of a line).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The cue for a stage direction, in the reading language `lang` (labels from `l10n`, a
/// localizer for that language), typeset for it.
///
/// The writer's wording is kept when it says more than the kind's label: "[STOP for minute
/// of silence]" is printed "STOP for minute of silence — 1:00" and "[MOMENT OF SILENCE]"
/// "MOMENT OF SILENCE — 1:00", not both "Minute of silence — 1:00". `own_wording` is false
/// for a direction shown in the other language's column (one written in one language only):
/// its wording is not in the column's language, so the column shows the label alone.
pub fn cue(
    direction: &Direction,
    lang: &LanguageIdentifier,
    l10n: &Localizer,
    own_wording: bool,
) -> Cue {
    let kind = direction.kind;
    let seconds = direction.seconds.unwrap_or(0);
    let mut label = match kind {
        DirectionKind::Language => names::named_language(&direction.wording)
            .and_then(|target| names::language_name(&target, lang))
            .map(|name| l10n.format("script-cue-language-to", &[("language", name.into())]))
            .unwrap_or_else(|| l10n.text("script-cue-language")),
        _ => l10n.format(
            &format!("script-cue-{}", kind.as_str()),
            &[("seconds", seconds.into())],
        ),
    };
    let wording = direction.bare_wording();
    let mut detail = None;
    // "Continue in French" is the instruction itself; "[In French]" adds nothing to it.
    if own_wording
        && kind != DirectionKind::Language
        && says_more(wording, &label, direction.seconds.is_some())
    {
        let said = lang::normalize_phrase(wording);
        let labelled = lang::normalize_phrase(&label);
        if kind.label_says_all() || said.starts_with(&labelled) {
            label = wording.to_owned();
        } else {
            detail = Some(wording.to_owned());
        }
    }
    if let Some(seconds) = direction.seconds {
        label = l10n.format(
            "script-cue-timed",
            &[
                ("label", label.into()),
                ("duration", duration(seconds, l10n).into()),
            ],
        );
    }
    Cue {
        kind,
        label: typography::typeset(&label, lang),
        detail: detail.map(|d| typography::typeset(&d, lang)),
        seconds: direction.seconds,
    }
}

/// Whether the writer's wording of a direction says more than its label: other words than
/// the label's, once the duration of a timed direction ("5 s", "2 minutes": a number and the
/// word after it, which the cue prints as its own duration) is left out.
fn says_more(wording: &str, label: &str, timed: bool) -> bool {
    let words = |text: &str| -> Vec<String> {
        let normal = lang::normalize_phrase(text);
        let all: Vec<&str> = normal.split(' ').filter(|w| !w.is_empty()).collect();
        let is_number = |w: &str| w.chars().any(|c| c.is_ascii_digit());
        let mut kept = Vec::new();
        let mut i = 0;
        while i < all.len() {
            if timed && is_number(all[i]) && all.get(i + 1).is_some_and(|w| !is_number(w)) {
                i += 2;
                continue;
            }
            let word = all[i].trim_matches(|c: char| !c.is_alphanumeric());
            if !word.is_empty() {
                kept.push(word.to_owned());
            }
            i += 1;
        }
        kept
    };
    let said = words(wording);
    !said.is_empty() && said != words(label)
}

/// The delivery note in a language, when there is one.
pub fn delivery_note(note: DeliveryNote, l10n: &Localizer) -> Option<String> {
    match note {
        DeliveryNote::CheckAgainstDelivery => Some(l10n.text("script-note-check")),
        DeliveryNote::Verbatim => Some(l10n.text("script-note-verbatim")),
        DeliveryNote::None => None,
    }
}

/// The "page 2 of 5" label of the interface language, split around its two numbers.
pub fn page_label(l10n: &Localizer) -> Vec<PagePart> {
    const PAGE: &str = "\u{1}";
    const PAGES: &str = "\u{2}";
    let text = l10n.format(
        "script-page",
        &[("page", PAGE.into()), ("pages", PAGES.into())],
    );
    let mut parts = Vec::new();
    let mut literal = String::new();
    for c in text.chars() {
        let marker = match c {
            '\u{1}' => Some(PagePart::Page),
            '\u{2}' => Some(PagePart::Pages),
            _ => None,
        };
        match marker {
            Some(part) => {
                if !literal.is_empty() {
                    parts.push(PagePart::Text(std::mem::take(&mut literal)));
                }
                parts.push(part);
            }
            None => literal.push(c),
        }
    }
    if !literal.is_empty() {
        parts.push(PagePart::Text(literal));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::direction::{recognise, Position};
    use unic_langid::langid;

    fn direction(wording: &str) -> Direction {
        let inner = &wording[1..wording.len() - 1];
        recognise(inner, wording, Position::BetweenSentences)
            .or_else(|| crate::speech::direction::whole_line(wording))
            .unwrap()
    }

    #[test]
    fn a_minute_of_silence_in_each_language() {
        let en = Localizer::for_tag("en-US");
        let fr = Localizer::for_tag("fr-FR");
        let silence = direction("[Minute of silence]");
        assert_eq!(
            cue(&silence, &langid!("en"), &en, true).label,
            "Minute of silence — 1:00"
        );
        assert_eq!(
            cue(&silence, &langid!("fr"), &fr, false).label,
            "Minute de silence — 1\u{a0}min"
        );
        let pause = direction("[Pause 5 s]");
        assert_eq!(cue(&pause, &langid!("en"), &en, true).label, "Pause — 0:05");
        assert_eq!(
            cue(&pause, &langid!("fr"), &fr, false).label,
            "Pause — 5\u{a0}s"
        );
        let long = Direction {
            seconds: Some(90),
            ..silence
        };
        assert_eq!(
            cue(&long, &langid!("fr"), &fr, false).label,
            "Silence — 1\u{a0}min\u{a0}30\u{a0}s"
        );
    }

    #[test]
    fn informative_wording_is_kept() {
        let en = Localizer::for_tag("en-US");
        let slide = direction("[Slide 2]");
        let shown = cue(&slide, &langid!("en"), &en, true);
        assert_eq!((shown.label.as_str(), shown.detail), ("Slide 2", None));
        let gesture = direction("[Turn to the Governor]");
        let shown = cue(&gesture, &langid!("en"), &en, true);
        assert_eq!(shown.label, "Gesture");
        assert_eq!(shown.detail.as_deref(), Some("Turn to the Governor"));
        let switch = direction("[In French]");
        let fr = Localizer::for_tag("fr-FR");
        assert_eq!(
            cue(&switch, &langid!("en"), &en, true).label,
            "Continue in French"
        );
        assert_eq!(
            cue(&switch, &langid!("fr"), &fr, false).label,
            "Poursuivre en français"
        );
    }

    #[test]
    fn the_writers_wording_is_kept_when_it_says_more_than_the_kind() {
        let en = Localizer::for_tag("en-US");
        let fr = Localizer::for_tag("fr-FR");
        let stop = direction("[STOP for minute of silence]");
        let moment = direction("[MOMENT OF SILENCE]");
        let stop_cue = cue(&stop, &langid!("en"), &en, true);
        let moment_cue = cue(&moment, &langid!("en"), &en, true);
        assert_eq!(stop_cue.label, "STOP for minute of silence — 1:00");
        assert_eq!(moment_cue.label, "MOMENT OF SILENCE — 1:00");
        assert_ne!(stop_cue.label, moment_cue.label);
        // In the other language's column the label alone, in that language.
        assert_eq!(
            cue(&stop, &langid!("fr"), &fr, false).label,
            "Minute de silence — 1\u{a0}min"
        );
        // A wording that only repeats the kind and its duration gets the label.
        let plain = direction("[Minute of silence, 1 minute]");
        assert_eq!(
            cue(&plain, &langid!("en"), &en, true).label,
            "Minute of silence — 1:00"
        );
    }

    #[test]
    fn page_labels_split_around_the_numbers() {
        assert_eq!(
            page_label(&Localizer::for_tag("fr-FR")),
            [
                PagePart::Text("page ".into()),
                PagePart::Page,
                PagePart::Text(" sur ".into()),
                PagePart::Pages
            ]
        );
    }

    #[test]
    fn autonyms_head_the_columns() {
        assert_eq!(autonym(&langid!("fr-CA")), "Français");
        assert_eq!(autonym(&langid!("en")), "English");
        assert_eq!(autonym(&langid!("de")), "de");
    }
}
