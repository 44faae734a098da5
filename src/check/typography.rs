//! Typography of a translation for its locale: where a text's spaces differ from the same text
//! typeset by [`crate::lang::typography::typeset`] — the one set of rules Tribune has, so
//! `tribune check` flags exactly what a script would correct (fr-FR: a narrow no-break space
//! before `; ! ?` and inside « »; a no-break space before `:`; fr-CA: no space before `; ! ?`).

use unic_langid::LanguageIdentifier;

use crate::lang::typography::typeset;

/// Which rule a spacing difference breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// The space before `;`, `!`, `?` or `:`.
    BeforeMark(char),
    /// The spaces inside « ».
    Guillemets,
    /// The space between a number and `%`.
    Percent,
    /// The space between groups of digits.
    Thousands,
}

impl Rule {
    /// Whether breaking the rule is an error under `tribune check --strict` (else a warning
    /// always): punctuation and quotation marks; digit grouping and percent spacing never.
    pub fn is_error(self) -> bool {
        matches!(self, Rule::BeforeMark(_) | Rule::Guillemets)
    }

    /// The rule's name in JSON and Fluent message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::BeforeMark(_) => "before-mark",
            Rule::Guillemets => "guillemets",
            Rule::Percent => "percent",
            Rule::Thousands => "thousands",
        }
    }
}

/// One spacing difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpacingIssue {
    /// The rule.
    pub rule: Rule,
    /// Character offset in the text where the space is (or is missing).
    pub offset: usize,
    /// The spacing found (possibly empty).
    pub found: String,
    /// The spacing expected (possibly empty).
    pub expected: String,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

/// The spacing differences of `text` for the locale `lang` (none for a language without
/// rules).
pub fn spacing_issues(text: &str, lang: &LanguageIdentifier) -> Vec<SpacingIssue> {
    let typeset_text = typeset(text, lang);
    if typeset_text == text {
        return Vec::new();
    }
    let a: Vec<char> = text.chars().collect();
    let b: Vec<char> = typeset_text.chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut issues = Vec::new();
    while i <= a.len() && j <= b.len() {
        let start = i;
        while i < a.len() && is_space(a[i]) {
            i += 1;
        }
        let typeset_start = j;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        let found: String = a[start..i].iter().collect();
        let expected: String = b[typeset_start..j].iter().collect();
        if found != expected {
            let before = start.checked_sub(1).map(|p| a[p]);
            let next = a.get(i).copied();
            let rule = match (before, next) {
                (_, Some(mark @ (';' | '!' | '?' | ':'))) => Rule::BeforeMark(mark),
                (_, Some('»')) | (Some('«'), _) => Rule::Guillemets,
                (_, Some('%')) => Rule::Percent,
                _ => Rule::Thousands,
            };
            issues.push(SpacingIssue {
                rule,
                offset: start,
                found,
                expected,
            });
        }
        if i >= a.len() || j >= b.len() {
            break;
        }
        // Both texts have the same characters besides spaces.
        i += 1;
        j += 1;
    }
    issues
}

/// Every name of a spacing: those [`describe`] gives, and `none`.
pub const SPACE_NAMES: [&str; 6] = ["narrow", "nbsp", "thin", "figure", "space", "none"];

/// A spacing as a reader can tell it: its characters named.
pub fn describe(spacing: &str) -> Vec<&'static str> {
    spacing
        .chars()
        .map(|c| match c {
            '\u{202f}' => "narrow",
            '\u{a0}' => "nbsp",
            '\u{2009}' => "thin",
            '\u{2007}' => "figure",
            _ => "space",
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    fn rules(text: &str, lang: &LanguageIdentifier) -> Vec<(Rule, String, String)> {
        spacing_issues(text, lang)
            .into_iter()
            .map(|i| (i.rule, i.found, i.expected))
            .collect()
    }

    #[test]
    fn france_wants_narrow_spaces_before_high_marks_and_inside_guillemets() {
        let fr = langid!("fr-FR");
        assert_eq!(
            rules("Pourquoi ? Voici : «Merci»", &fr),
            [
                (Rule::BeforeMark('?'), " ".into(), "\u{202f}".into()),
                (Rule::BeforeMark(':'), " ".into(), "\u{a0}".into()),
                (Rule::Guillemets, String::new(), "\u{202f}".into()),
                (Rule::Guillemets, String::new(), "\u{202f}".into()),
            ]
        );
        assert!(spacing_issues(
            "Pourquoi\u{202f}? Voici\u{a0}: «\u{202f}Merci\u{202f}»",
            &fr
        )
        .is_empty());
    }

    #[test]
    fn canada_wants_no_space_before_question_marks() {
        let ca = langid!("fr-CA");
        assert_eq!(
            rules("Pourquoi\u{202f}?", &ca),
            [(Rule::BeforeMark('?'), "\u{202f}".into(), String::new())]
        );
        assert!(spacing_issues("Pourquoi? Voici\u{a0}: «\u{a0}Merci\u{a0}»", &ca).is_empty());
    }

    #[test]
    fn digits_and_percent_are_their_own_rules() {
        let fr = langid!("fr");
        let found = rules("5 000 personnes, 30 %", &fr);
        assert_eq!(found[0].0, Rule::Thousands);
        assert_eq!(found[1].0, Rule::Percent);
        assert!(!Rule::Thousands.is_error());
        assert!(Rule::BeforeMark('!').is_error());
    }

    #[test]
    fn offsets_point_at_the_space() {
        let issues = spacing_issues("Oui !", &langid!("fr-FR"));
        assert_eq!(issues[0].offset, 3);
        assert!(spacing_issues("Yes !", &langid!("en")).is_empty());
    }
}
