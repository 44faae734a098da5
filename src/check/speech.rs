//! Checks of one speech on its own (`tribune check FILE`): what a speechwriter wants caught
//! before the text goes to translation, kept to what is reliable:
//!
//! - quotation marks that do not balance in a paragraph (`“"I wish …`, `"with a warm
//!   heart”`): an opening curly mark without its closing one, a closing one without its
//!   opening one, or an odd number of straight `"`; « » likewise;
//! - brackets that do not balance in a line (`(` without `)`, `[` without `]`);
//! - a word written twice in a row ("the the"), case aside, within a sentence, except the
//!   words a language repeats on purpose (`writing.may_repeat` in its profile: « nous nous
//!   engageons », "had had").
//!
//! All are warnings: the speech is not wrong, a human looks. Sentences without a verb, long
//! sentences and the like are left out: no rule for them is reliable across languages.

use unic_langid::LanguageIdentifier;

use crate::speech::{Segment, SegmentKind};

use super::{CheckKind, FileSide, Finding, Severity};

/// Pairs of quotation marks that open and close: English “ ”, French « », and German „ “
/// (whose closing mark is the English opening one, so a text uses one or the other). ‘ ’ is
/// left out: it is also the apostrophe of "l’eau".
const QUOTE_PAIRS: [(char, char); 2] = [('\u{201c}', '\u{201d}'), ('«', '»')];
const LOW_QUOTE_PAIRS: [(char, char); 2] = [('\u{201e}', '\u{201c}'), ('«', '»')];

/// Pairs of brackets.
const BRACKET_PAIRS: [(char, char); 2] = [('(', ')'), ('[', ']')];

fn finding(code: &'static str, segment: &Segment, args: Vec<(&'static str, String)>) -> Finding {
    Finding {
        severity: Severity::Warning,
        check: CheckKind::Writing,
        code,
        side: FileSide::Source,
        line: segment.line,
        offset: None,
        source: Some(segment.text.clone()),
        target: None,
        args,
    }
}

/// The mark of one of `pairs` left alone in `text` (a closing one before its opening one,
/// or an opening one never closed), if one is.
fn unbalanced_pair(text: &str, pairs: &[(char, char)]) -> Option<char> {
    for &(open, close) in pairs {
        let mut depth: i32 = 0;
        for c in text.chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth < 0 {
                    return Some(close);
                }
            }
        }
        if depth > 0 {
            return Some(open);
        }
    }
    None
}

/// Whether a paragraph's quotation marks balance: `None` when they do, else the mark that
/// is alone.
fn unbalanced_quote(text: &str) -> Option<char> {
    let straight = text.chars().filter(|c| *c == '"').count();
    if straight % 2 == 1 {
        return Some('"');
    }
    let pairs = if text.contains('\u{201e}') {
        LOW_QUOTE_PAIRS
    } else {
        QUOTE_PAIRS
    };
    unbalanced_pair(text, &pairs)
}

/// The bracket left alone in a line, if one is.
fn unbalanced_bracket(text: &str) -> Option<char> {
    unbalanced_pair(text, &BRACKET_PAIRS)
}

/// The first word written twice in a row ("the the"), as written the second time. Numbers
/// ("20 20") and one-letter words are left alone.
fn doubled_word(text: &str, may_repeat: &crate::lang::WordSet) -> Option<String> {
    let mut previous: Option<String> = None;
    for word in text.split_whitespace() {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() || core.chars().count() < 2 || core.chars().any(|c| c.is_ascii_digit()) {
            previous = None;
            continue;
        }
        let lower = core.to_lowercase();
        if previous.as_deref() == Some(lower.as_str()) && !may_repeat.contains(&lower) {
            return Some(core.to_owned());
        }
        // A mark after the word ("that, that") ends the run: that repetition is rhetoric.
        previous = (word.ends_with(|c: char| c.is_alphanumeric())).then_some(lower);
    }
    None
}

/// Checks one speech on its own (see the module documentation). `segments` are the
/// speech's (`crate::speech::segment`); paragraphs are their sentences of one block.
pub fn check_speech(segments: &[Segment], language: &LanguageIdentifier) -> Vec<Finding> {
    let may_repeat = &crate::lang::profile(language).writing_repeats;
    let mut findings = Vec::new();
    let prose: Vec<&Segment> = segments
        .iter()
        .filter(|s| s.kind != SegmentKind::Direction)
        .collect();
    // Quotation marks, paragraph by paragraph: a quotation may run over several sentences.
    let mut start = 0;
    while start < prose.len() {
        let block = prose[start].block;
        let end = start
            + prose[start..]
                .iter()
                .take_while(|s| s.block == block)
                .count();
        let paragraph: Vec<&str> = prose[start..end].iter().map(|s| s.text.as_str()).collect();
        if let Some(mark) = unbalanced_quote(&paragraph.join(" ")) {
            let at = prose[start..end]
                .iter()
                .find(|s| s.text.contains(mark))
                .unwrap_or(&prose[start]);
            findings.push(finding(
                "writing-quotes",
                at,
                vec![("mark", mark.to_string())],
            ));
        }
        start = end;
    }
    for segment in &prose {
        if let Some(mark) = unbalanced_bracket(&segment.text) {
            findings.push(finding(
                "writing-brackets",
                segment,
                vec![("mark", mark.to_string())],
            ));
        }
        if let Some(word) = doubled_word(&segment.text, may_repeat) {
            findings.push(finding("writing-doubled", segment, vec![("word", word)]));
        }
    }
    findings.sort_by_key(|f| f.line);
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_that_do_not_balance_are_found() {
        assert_eq!(
            unbalanced_quote("“\"I wish I could support them better.”"),
            Some('"')
        );
        assert_eq!(
            unbalanced_quote("He left Mali \"with a warm heart”."),
            Some('"')
        );
        assert_eq!(unbalanced_quote("He said “yes” and « oui »."), None);
        assert_eq!(unbalanced_quote("He said “yes."), Some('\u{201c}'));
        assert_eq!(unbalanced_quote("« Merci, dit-il."), Some('«'));
        // The apostrophe is no quotation mark.
        assert_eq!(unbalanced_quote("L’eau n’attend pas."), None);
    }

    fn doubled(text: &str, lang: &str) -> Option<String> {
        let language: LanguageIdentifier = lang.parse().unwrap();
        doubled_word(text, &crate::lang::profile(&language).writing_repeats)
    }

    #[test]
    fn brackets_and_doubled_words_are_found() {
        assert_eq!(
            unbalanced_bracket("The Office (UNSRO will report."),
            Some('(')
        );
        assert_eq!(unbalanced_bracket("The Office (UNSRO) will report."), None);
        assert_eq!(
            doubled("We will the the work.", "en"),
            Some("the".to_owned())
        );
        assert_eq!(doubled("We will do it, it is time.", "en"), None);
        assert_eq!(doubled("Never, never again.", "en"), None);
        assert_eq!(doubled("In 20 20 cases.", "en"), None);
        assert_eq!(doubled("What we had had was enough.", "en"), None);
        assert_eq!(doubled("Nous nous engageons.", "fr"), None);
        assert_eq!(
            doubled("Nous allons le le faire.", "fr"),
            Some("le".to_owned())
        );
    }
}
