//! Typography of a target locale: the spaces French puts before `; ! ? :`, inside « », between
//! groups of digits and before `%` (and which differ between France and Canada), and how a
//! date is written in full. Applied when a script is rendered, never stored: the translation
//! memory keeps text as written, and the same text can be typeset for fr-FR or fr-CA.
//!
//! The rules are data: the `[typography]` table of each language profile
//! (`languages/<subtag>/profile.toml`), with one spacing table per region and a `default` one.
//! A language without rules (English) is shown exactly as written.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

/// A narrow no-break space (U+202F), the French "espace fine insécable".
pub const NARROW_NBSP: char = '\u{202f}';
/// A no-break space (U+00A0), the French "espace insécable".
pub const NBSP: char = '\u{a0}';

/// What goes in one typographic position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Space {
    /// A narrow no-break space (U+202F).
    Narrow,
    /// A no-break space (U+00A0).
    Nbsp,
    /// No space at all.
    None,
}

impl Space {
    fn text(self) -> &'static str {
        match self {
            Space::Narrow => "\u{202f}",
            Space::Nbsp => "\u{a0}",
            Space::None => "",
        }
    }
}

/// The spacing rules of one locale; `None` leaves a position as written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct Spacing {
    /// Before `;`.
    pub semicolon: Option<Space>,
    /// Before `!`.
    pub exclamation: Option<Space>,
    /// Before `?`.
    pub question: Option<Space>,
    /// Before `:` (never in `10:30` or `https://`).
    pub colon: Option<Space>,
    /// After `«` and before `»`.
    pub guillemets: Option<Space>,
    /// Between a number and `%`.
    pub percent: Option<Space>,
    /// Between groups of three digits (`5 000`; numbers of five digits or more are grouped,
    /// four-digit ones are left as written since they are mostly years).
    pub thousands: Option<Space>,
}

impl Spacing {
    fn before(&self, mark: char) -> Option<Space> {
        match mark {
            ';' => self.semicolon,
            '!' => self.exclamation,
            '?' => self.question,
            ':' => self.colon,
            _ => None,
        }
    }

    /// Whether these rules change nothing.
    pub fn is_empty(&self) -> bool {
        *self == Spacing::default()
    }
}

#[derive(Debug, Default, Deserialize)]
struct TypographyFile {
    date: Option<String>,
    first_day: Option<String>,
    #[serde(default)]
    months: Vec<String>,
    #[serde(default)]
    spacing: HashMap<String, Spacing>,
}

#[derive(Deserialize)]
struct ProfileTypography {
    #[serde(default)]
    typography: TypographyFile,
}

/// The typographic rules of one language, from its profile.
#[derive(Debug, Default)]
pub struct Typography {
    /// Full date pattern with `{day}`, `{month}` and `{year}`.
    pub date: Option<String>,
    /// How day 1 is written when it differs from "1" (French "1er").
    pub first_day: Option<String>,
    /// Month names, January first.
    pub months: Vec<String>,
    /// Spacing per region subtag, and `default`.
    pub spacing: HashMap<String, Spacing>,
}

static RULES: LazyLock<Vec<(LanguageIdentifier, Typography)>> = LazyLock::new(|| {
    super::data::files(super::data::PROFILE)
        .map(|profile| {
            let subtag = profile.subtag;
            let file: ProfileTypography = toml::from_str(profile.text).unwrap_or_else(|e| {
                panic!("built-in language profile languages/{subtag}/profile.toml: bad [typography]: {e}")
            });
            let language: LanguageIdentifier = subtag
                .parse()
                .unwrap_or_else(|e| panic!("folder name languages/{subtag} is not a language: {e}"));
            let t = file.typography;
            (
                language,
                Typography {
                    date: t.date,
                    first_day: t.first_day,
                    months: t.months,
                    spacing: t.spacing,
                },
            )
        })
        .collect()
});

static NO_RULES: LazyLock<Typography> = LazyLock::new(Typography::default);

/// The typographic rules of a language (matched on its language subtag).
pub fn rules(lang: &LanguageIdentifier) -> &'static Typography {
    RULES
        .iter()
        .find(|(l, _)| l.language == lang.language)
        .map_or(&*NO_RULES, |(_, t)| t)
}

/// The spacing rules for a locale: its region's table, else the language's `default`.
pub fn spacing(lang: &LanguageIdentifier) -> Spacing {
    let typography = rules(lang);
    lang.region
        .and_then(|region| typography.spacing.get(region.as_str()))
        .or_else(|| typography.spacing.get("default"))
        .copied()
        .unwrap_or_default()
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

fn is_high_mark(c: char) -> bool {
    matches!(c, ';' | '!' | '?' | ':')
}

/// Whether a high mark at `i` is punctuation that takes a space (not `10:30`, `https://`,
/// `?!`'s second mark, or a mark opening the text).
fn mark_takes_space(chars: &[char], i: usize, before: Option<char>) -> bool {
    let Some(before) = before else {
        return false;
    };
    if is_high_mark(before) || before == '(' || before == '[' || before == '«' {
        return false;
    }
    if chars[i] == ':' {
        let next = chars.get(i + 1).copied();
        if next == Some('/')
            || (before.is_ascii_digit() && next.is_some_and(|c| c.is_ascii_digit()))
        {
            return false;
        }
    }
    true
}

/// The digits of the run that ends just before `end` (exclusive), and whether that run is
/// the decimal part of a number (`2,5` / `1.25`) or glued to a letter (`A320`).
fn digit_run_before(chars: &[char], end: usize) -> (usize, bool) {
    let mut start = end;
    while start > 0 && chars[start - 1].is_ascii_digit() {
        start -= 1;
    }
    let len = end - start;
    let excluded = start > 0
        && (chars[start - 1].is_alphabetic()
            || (matches!(chars[start - 1], ',' | '.')
                && start > 1
                && chars[start - 2].is_ascii_digit()));
    (len, excluded)
}

/// Whether the whitespace run `[from, to)` separates two groups of digits of one number:
/// exactly three digits after, and before them a group or the start of a number.
fn is_group_separator(chars: &[char], from: usize, to: usize) -> bool {
    if to - from != 1 {
        return false;
    }
    let three_after = chars.len() >= to + 3
        && chars[to..to + 3].iter().all(char::is_ascii_digit)
        && !chars
            .get(to + 3)
            .is_some_and(|c| c.is_ascii_digit() || c.is_alphabetic());
    if !three_after {
        return false;
    }
    // 1–3 digits (a first group or a group), or five or more (a number grouped itself,
    // whose last group this is): never 4, which is mostly a year.
    let (len, excluded) = digit_run_before(chars, from);
    (len >= 1 && len != 4) && !excluded
}

/// Typesets text for a locale: the spacing rules of [`spacing`], applied so that text
/// already typeset (or typeset for another region) comes out right too. Text in a language
/// without rules is returned unchanged.
pub fn typeset(text: &str, lang: &LanguageIdentifier) -> String {
    let rules = spacing(lang);
    if rules.is_empty() {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_space(c) {
            let start = i;
            let mut end = i;
            while end < chars.len() && is_space(chars[end]) {
                end += 1;
            }
            let before = start.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(end).copied();
            let replacement = match (before, next) {
                (Some(_), Some(mark)) if is_high_mark(mark) => rules
                    .before(mark)
                    .filter(|_| mark_takes_space(&chars, end, before)),
                (_, Some('»')) => rules.guillemets,
                (Some('«'), _) => rules.guillemets,
                (Some(b), Some('%')) if b.is_ascii_digit() => rules.percent,
                (Some(b), Some(_))
                    if b.is_ascii_digit() && is_group_separator(&chars, start, end) =>
                {
                    rules.thousands
                }
                _ => None,
            };
            match replacement {
                Some(space) => out.push_str(space.text()),
                None => out.extend(&chars[start..end]),
            }
            i = end;
            continue;
        }
        let before = i.checked_sub(1).map(|p| chars[p]);
        let glued = before.is_some_and(|b| !is_space(b));
        if is_high_mark(c) && glued && mark_takes_space(&chars, i, before) {
            if let Some(space) = rules.before(c) {
                out.push_str(space.text());
            }
        } else if c == '»' && glued && before != Some('«') {
            if let Some(space) = rules.guillemets {
                out.push_str(space.text());
            }
        } else if c == '%' && before.is_some_and(|b| b.is_ascii_digit()) {
            if let Some(space) = rules.percent {
                out.push_str(space.text());
            }
        }
        if c.is_ascii_digit() && !before.is_some_and(|b| b.is_ascii_digit()) {
            let mut end = i;
            while end < chars.len() && chars[end].is_ascii_digit() {
                end += 1;
            }
            let (_, excluded) = digit_run_before(&chars, i);
            let excluded = excluded
                || (i > 0 && chars[i - 1].is_alphabetic())
                || chars.get(end).is_some_and(|c| c.is_alphabetic());
            let decimal_part =
                i > 1 && matches!(chars[i - 1], ',' | '.') && chars[i - 2].is_ascii_digit();
            match rules.thousands {
                Some(space) if end - i >= 5 && !excluded && !decimal_part => {
                    let digits = &chars[i..end];
                    for (k, d) in digits.iter().enumerate() {
                        if k > 0 && (digits.len() - k) % 3 == 0 {
                            out.push_str(space.text());
                        }
                        out.push(*d);
                    }
                }
                _ => out.extend(&chars[i..end]),
            }
            i = end;
            continue;
        }
        out.push(c);
        if c == '«' {
            let next = chars.get(i + 1).copied();
            if next.is_some_and(|n| !is_space(n) && n != '»') {
                if let Some(space) = rules.guillemets {
                    out.push_str(space.text());
                }
            }
        }
        i += 1;
    }
    out
}

/// Writes an ISO date (`2017-12-04`) in full for a language: "4 December 2017",
/// « le 4 décembre 2017 ». `None` when the text is not an ISO date or the language has no
/// date pattern (the caller then shows the date as written).
pub fn long_date(date: &str, lang: &LanguageIdentifier) -> Option<String> {
    let mut parts = date.trim().splitn(3, '-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=31).contains(&day) || year < 1000 {
        return None;
    }
    let rules = rules(lang);
    let pattern = rules.date.as_deref()?;
    let month_name = rules.months.get(month.checked_sub(1)?)?;
    let day_text = match (&rules.first_day, day) {
        (Some(first), 1) => first.clone(),
        _ => day.to_string(),
    };
    Some(
        pattern
            .replace("{day}", &day_text)
            .replace("{month}", month_name)
            .replace("{year}", &year.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    fn visible(text: &str) -> String {
        text.replace('\u{202f}', "⍽").replace('\u{a0}', "°")
    }

    #[test]
    fn france_narrow_spaces_before_high_punctuation_and_inside_guillemets() {
        let fr = langid!("fr-FR");
        assert_eq!(
            visible(&typeset("Pourquoi? Parce que; enfin! Voici: «Merci»", &fr)),
            "Pourquoi⍽? Parce que⍽; enfin⍽! Voici°: «⍽Merci⍽»"
        );
        // Ordinary spaces typed by the translator are replaced, not doubled.
        assert_eq!(
            visible(&typeset("Vraiment ? « Oui » : c’est dit !", &fr)),
            "Vraiment⍽? «⍽Oui⍽»°: c’est dit⍽!"
        );
        // A bare language tag uses the default (France) rules.
        assert_eq!(typeset("Oui !", &langid!("fr")), typeset("Oui!", &fr));
    }

    #[test]
    fn canada_has_no_space_before_semicolon_exclamation_and_question() {
        let ca = langid!("fr-CA");
        assert_eq!(
            visible(&typeset(
                "Pourquoi ? Parce que ; enfin ! Voici : « Merci »",
                &ca
            )),
            "Pourquoi? Parce que; enfin! Voici°: «°Merci°»"
        );
        assert_eq!(visible(&typeset("22 % et 5 000", &ca)), "22°% et 5°000");
    }

    #[test]
    fn numbers_are_grouped_by_three_with_no_break_spaces() {
        let fr = langid!("fr-FR");
        assert_eq!(
            visible(&typeset("5 000 et 320000 personnes", &fr)),
            "5⍽000 et 320⍽000 personnes"
        );
        assert_eq!(
            visible(&typeset("1 180 appels, 22 %, 15%", &fr)),
            "1⍽180 appels, 22⍽%, 15⍽%"
        );
        // Years, decimals, codes and times are left alone.
        assert_eq!(
            visible(&typeset("en 2025, 2,30000 m, A32000, à 10:30", &fr)),
            "en 2025, 2,30000 m, A32000, à 10:30"
        );
        // Two numbers side by side are not one number.
        assert_eq!(
            visible(&typeset("en 2024 2 000 soldats", &fr)),
            "en 2024 2⍽000 soldats"
        );
    }

    #[test]
    fn urls_times_and_double_marks_are_not_spaced() {
        let fr = langid!("fr-FR");
        assert_eq!(
            visible(&typeset("Voir https://un.org à 9:15?!", &fr)),
            "Voir https://un.org à 9:15⍽?!"
        );
    }

    #[test]
    fn typesetting_is_idempotent_and_switches_regions() {
        let text = "Que faire ? « Agir » : 12000 personnes ; 30 % !";
        for lang in [langid!("fr-FR"), langid!("fr-CA"), langid!("fr-CH")] {
            let once = typeset(text, &lang);
            assert_eq!(typeset(&once, &lang), once, "{lang}");
        }
        let france = typeset(text, &langid!("fr-FR"));
        assert_eq!(
            typeset(&france, &langid!("fr-CA")),
            typeset(text, &langid!("fr-CA"))
        );
    }

    #[test]
    fn english_is_unchanged() {
        let text = "Why? Because: “5,000 people” ; 12000 and 30 %!";
        assert_eq!(typeset(text, &langid!("en")), text);
        assert_eq!(typeset(text, &langid!("en-GB")), text);
        assert_eq!(typeset(text, &langid!("de")), text);
    }

    fn spaceless(text: &str) -> String {
        text.chars().filter(|c| !is_space(*c)).collect()
    }

    proptest::proptest! {
        #[test]
        fn typesetting_only_moves_spaces_and_is_idempotent(
            text in "[a-zé0-9 \u{a0}\u{202f};:!?%«»,.()/]{0,40}",
            region in proptest::sample::select(vec!["fr", "fr-FR", "fr-CA", "fr-BE", "en"]),
        ) {
            let lang: LanguageIdentifier = region.parse().unwrap();
            let once = typeset(&text, &lang);
            proptest::prop_assert_eq!(spaceless(&once), spaceless(&text));
            proptest::prop_assert_eq!(typeset(&once, &lang), once.clone());
        }
    }

    #[test]
    fn dates_in_full() {
        assert_eq!(
            long_date("2017-12-04", &langid!("fr-FR")).as_deref(),
            Some("le 4 décembre 2017")
        );
        assert_eq!(
            long_date("2025-05-01", &langid!("fr-CA")).as_deref(),
            Some("le 1er mai 2025")
        );
        assert_eq!(
            long_date("2017-12-04", &langid!("en")).as_deref(),
            Some("4 December 2017")
        );
        assert_eq!(long_date("4 December 2017", &langid!("en")), None);
        assert_eq!(long_date("2017-13-04", &langid!("fr")), None);
        assert_eq!(long_date("2017-12-04", &langid!("de")), None);
    }
}
