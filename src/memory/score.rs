//! The match percentage: a pure function over two strings, so that it can be tested, fuzzed
//! and documented on its own (docs/match-score.md).
//!
//! It is a word-level edit distance in which each edit has a cost that translators expect:
//! a different, missing or extra word or number costs a full word; a number whose value
//! changed costs half of that; a case change, a punctuation mark or a tag costs a fraction.
//! The score is `100 × (1 − cost / length)`, rounded down, where the length is the number of
//! words and numbers of the longer segment. Only identical texts score 100.

use super::tokens::{number_value, tokenize, Token, TokenKind};

/// Cost of a word (or number) that is different, missing or extra, in tenths.
pub const WORD_COST: u32 = 10;
/// Cost of a number whose value changed (`3,700` → `3,800`).
pub const NUMBER_VALUE_COST: u32 = 5;
/// Cost of a number written differently with the same value (`3,700` → `3 700`).
pub const NUMBER_FORMAT_COST: u32 = 1;
/// Cost of a word whose case changed (`Council` → `council`).
pub const CASE_COST: u32 = 2;
/// Cost of a punctuation mark that is different, missing or extra.
pub const PUNCTUATION_COST: u32 = 2;
/// Cost of a tag or placeholder that is different, missing or extra.
pub const TAG_COST: u32 = 3;

/// Which kinds of difference two segments have, to tell the translator what changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Differences {
    /// Words differ (different, missing or extra).
    pub words: bool,
    /// Numbers differ in value or format.
    pub numbers: bool,
    /// Punctuation differs.
    pub punctuation: bool,
    /// Some words differ only in case.
    pub case: bool,
    /// Tags or placeholders differ.
    pub tags: bool,
    /// Only white space or typographic variants (’ and ') differ.
    pub spacing: bool,
}

impl Differences {
    /// The names of the kinds present, for JSON and messages: `word`, `number`,
    /// `punctuation`, `case`, `tag`, `spacing`.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        for (present, name) in [
            (self.words, "word"),
            (self.numbers, "number"),
            (self.punctuation, "punctuation"),
            (self.case, "case"),
            (self.tags, "tag"),
            (self.spacing, "spacing"),
        ] {
            if present {
                names.push(name);
            }
        }
        names
    }
}

/// A number of the stored source that the query has with another value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberChange {
    /// The number as written in the stored source.
    pub source: String,
    /// The number as written in the query.
    pub query: String,
}

/// The comparison of a query with a stored source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The match percentage, 0 to 100.
    pub score: u8,
    /// What differs.
    pub differences: Differences,
    /// Numbers whose value differs, in order, when they could be paired.
    pub number_changes: Vec<NumberChange>,
    /// Whether numbers are the only thing that differs (besides white space), so that the
    /// stored target can be offered with the numbers substituted.
    pub only_numbers_differ: bool,
}

/// The match percentage of a stored source for a query (see the module documentation).
pub fn score(query: &str, source: &str) -> u8 {
    compare(query, source).score
}

fn indel_cost(token: &Token<'_>) -> u32 {
    match token.kind {
        TokenKind::Word | TokenKind::Number => WORD_COST,
        TokenKind::Punctuation => PUNCTUATION_COST,
        TokenKind::Tag => TAG_COST,
    }
}

/// A token reduced to what the comparison needs, computed once per token.
struct Prepared<'a> {
    token: Token<'a>,
    surface: String,
    key: String,
}

fn prepare(text: &str) -> Vec<Prepared<'_>> {
    tokenize(text)
        .into_iter()
        .map(|token| Prepared {
            surface: token.surface().into_owned(),
            key: token.key().into_owned(),
            token,
        })
        .collect()
}

fn substitution_cost(a: &Prepared<'_>, b: &Prepared<'_>) -> u32 {
    use TokenKind::*;
    match (a.token.kind, b.token.kind) {
        (Word, Word) => {
            if a.surface == b.surface {
                0
            } else if a.key == b.key {
                CASE_COST
            } else {
                WORD_COST
            }
        }
        (Number, Number) => {
            if a.token.text == b.token.text {
                0
            } else if a.key == b.key {
                NUMBER_FORMAT_COST
            } else {
                NUMBER_VALUE_COST
            }
        }
        (Word, Number) | (Number, Word) => WORD_COST,
        (Punctuation, Punctuation) => {
            if a.key == b.key {
                0
            } else {
                PUNCTUATION_COST
            }
        }
        (Tag, Tag) => {
            if a.token.text == b.token.text {
                0
            } else {
                TAG_COST
            }
        }
        (Punctuation, Tag) | (Tag, Punctuation) => TAG_COST,
        // A word never turns into a mark: that is a deletion and an insertion.
        _ => indel_cost(&a.token) + indel_cost(&b.token),
    }
}

/// Largest table the comparison fills with a back trace (tokens × tokens); longer pairs are
/// scored without pairing their numbers.
const MAX_TRACE_CELLS: usize = 4_000_000;

/// Compares a query with a stored source: score, kinds of difference, number changes.
pub fn compare(query: &str, source: &str) -> Comparison {
    let q = prepare(query);
    let s = prepare(source);
    let identical = query.trim() == source.trim();
    let (n, m) = (q.len(), s.len());
    let width = m + 1;
    let trace = n.saturating_mul(m) <= MAX_TRACE_CELLS;
    let mut table: Vec<u32> = if trace {
        vec![0; (n + 1) * width]
    } else {
        vec![0; 2 * width]
    };
    let row = |i: usize| if trace { i * width } else { (i % 2) * width };
    for j in 1..=m {
        table[j] = table[j - 1] + indel_cost(&s[j - 1].token);
    }
    for i in 1..=n {
        let (prev, cur) = (row(i - 1), row(i));
        table[cur] = table[prev] + indel_cost(&q[i - 1].token);
        for j in 1..=m {
            let diagonal = table[prev + j - 1] + substitution_cost(&q[i - 1], &s[j - 1]);
            let delete = table[prev + j] + indel_cost(&q[i - 1].token);
            let insert = table[cur + j - 1] + indel_cost(&s[j - 1].token);
            table[cur + j] = diagonal.min(delete).min(insert);
        }
    }
    let distance = table[row(n) + m];

    let mut differences = Differences::default();
    let mut number_changes = Vec::new();
    let mut only_numbers = true;
    if trace {
        let (mut i, mut j) = (n, m);
        let mut pending = Vec::new();
        while i > 0 || j > 0 {
            let here = table[row(i) + j];
            if i > 0 && j > 0 {
                let cost = substitution_cost(&q[i - 1], &s[j - 1]);
                if table[row(i - 1) + j - 1] + cost == here {
                    let (a, b) = (&q[i - 1], &s[j - 1]);
                    if cost > 0 {
                        note_substitution(a, b, &mut differences);
                        if a.token.kind == TokenKind::Number && b.token.kind == TokenKind::Number {
                            pending.push(NumberChange {
                                source: b.token.text.to_owned(),
                                query: a.token.text.to_owned(),
                            });
                        } else {
                            only_numbers = false;
                        }
                    } else if a.token.text != b.token.text {
                        differences.spacing = true;
                    }
                    i -= 1;
                    j -= 1;
                    continue;
                }
            }
            if i > 0 && table[row(i - 1) + j] + indel_cost(&q[i - 1].token) == here {
                note_indel(&q[i - 1].token, &mut differences);
                only_numbers = false;
                i -= 1;
            } else {
                note_indel(&s[j - 1].token, &mut differences);
                only_numbers = false;
                j -= 1;
            }
        }
        pending.reverse();
        number_changes = pending;
    } else if distance > 0 {
        differences.words = true;
        only_numbers = false;
    }
    if !identical && distance == 0 {
        differences.spacing = true;
    }

    let content = |tokens: &[Prepared<'_>]| tokens.iter().filter(|t| t.token.is_content()).count();
    let mut length = content(&q).max(content(&s)) as u32 * WORD_COST;
    if length == 0 {
        length = n.max(m) as u32 * WORD_COST;
    }
    let mut score = if identical {
        100
    } else if length == 0 || distance >= length {
        0
    } else {
        (100 * (length - distance) / length).min(99)
    };
    if !identical && score == 100 {
        score = 99;
    }
    let only_numbers_differ = !identical && only_numbers && !number_changes.is_empty();
    Comparison {
        score: score as u8,
        differences,
        number_changes: if only_numbers_differ {
            number_changes
        } else {
            number_changes
                .into_iter()
                .filter(|c| number_value(&c.source) != number_value(&c.query))
                .collect()
        },
        only_numbers_differ,
    }
}

fn note_substitution(a: &Prepared<'_>, b: &Prepared<'_>, differences: &mut Differences) {
    use TokenKind::*;
    match (a.token.kind, b.token.kind) {
        (Word, Word) if a.key == b.key => differences.case = true,
        (Number, Number) => differences.numbers = true,
        (Punctuation, Punctuation) => differences.punctuation = true,
        (Tag, Tag) | (Tag, Punctuation) | (Punctuation, Tag) => differences.tags = true,
        _ => differences.words = true,
    }
}

fn note_indel(token: &Token<'_>, differences: &mut Differences) {
    match token.kind {
        TokenKind::Word => differences.words = true,
        TokenKind::Number => differences.numbers = true,
        TokenKind::Punctuation => differences.punctuation = true,
        TokenKind::Tag => differences.tags = true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn identical_text_scores_100_and_only_it() {
        assert_eq!(
            score("Thank you, Mr. President.", "Thank you, Mr. President."),
            100
        );
        assert_eq!(
            score("Thank you, Mr. President.", "Thank you,  Mr. President."),
            99
        );
        assert_eq!(score("It’s time.", "It's time."), 99);
    }

    #[test]
    fn a_different_word_costs_more_than_a_number_punctuation_or_case() {
        let base = "We have deployed 3,700 peacekeepers in the region.";
        let word = score("We have deployed 3,700 soldiers in the region.", base);
        let number = score("We have deployed 3,800 peacekeepers in the region.", base);
        let punctuation = score("We have deployed 3,700 peacekeepers in the region!", base);
        let case = score("We have deployed 3,700 Peacekeepers in the region.", base);
        assert_eq!(word, 87);
        assert!(number > word && number < 99, "{number}");
        assert!(case > number, "{case}");
        assert!(punctuation > number, "{punctuation}");
    }

    #[test]
    fn the_examples_of_the_documentation_hold() {
        // docs/match-score.md, the table under "Formula".
        let stored = "We have deployed 3,700 peacekeepers in the region.";
        for (query, expected) in [
            ("We have deployed 3,700 peacekeepers in the region.", 100),
            ("We have deployed 3,700 peacekeepers in the region!", 97),
            ("We have deployed 3,700 Peacekeepers in the region.", 97),
            ("We have deployed 3,800 peacekeepers in the region.", 93),
            ("We have deployed 3,700 soldiers in the region.", 87),
            ("We deployed 3,700 soldiers in the region.", 75),
        ] {
            assert_eq!(score(query, stored), expected, "{query}");
        }
    }

    #[test]
    fn missing_words_cost_a_word_each() {
        // Five words against seven: two missing words out of seven.
        assert_eq!(
            score(
                "the council adopted the resolution",
                "the council adopted the resolution today unanimously"
            ),
            71
        );
        assert_eq!(score("", "anything"), 0);
        assert_eq!(score("", ""), 100);
    }

    #[test]
    fn only_a_number_differs() {
        let c = compare(
            "We have deployed 3,800 peacekeepers.",
            "We have deployed 3,700 peacekeepers.",
        );
        assert!(c.only_numbers_differ);
        assert_eq!(
            c.number_changes,
            vec![NumberChange {
                source: "3,700".into(),
                query: "3,800".into()
            }]
        );
        assert!(c.differences.numbers && !c.differences.words);
        let c = compare(
            "We have deployed 3,800 soldiers.",
            "We have deployed 3,700 peacekeepers.",
        );
        assert!(!c.only_numbers_differ);
        assert!(c.differences.words && c.differences.numbers);
    }

    #[test]
    fn kinds_are_reported() {
        let c = compare("Open <b>the</b> file", "Open the file");
        assert!(c.differences.tags && !c.differences.words);
        let c = compare("open the file", "Open the file");
        assert!(c.differences.case && !c.differences.words);
        assert_eq!(c.differences.names(), vec!["case"]);
    }

    proptest! {
        #[test]
        fn scores_are_percentages_and_symmetric_enough(a in "[a-zA-Z0-9 ,.!%{}<>/’']{0,60}", b in "[a-zA-Z0-9 ,.!%{}<>/’']{0,60}") {
            let ab = score(&a, &b);
            prop_assert!(ab <= 100);
            prop_assert_eq!(ab == 100, a.trim() == b.trim());
            prop_assert_eq!(score(&a, &a), 100);
            // The distance is symmetric and so is the length: so is the score.
            prop_assert_eq!(ab, score(&b, &a));
        }

        #[test]
        fn the_index_bound_holds(a in "[a-c ,.0-9]{0,40}", b in "[a-c ,.0-9]{0,40}") {
            // The lookup relies on: score >= t implies 100 * common >= t * max(content).
            use std::collections::HashMap;
            let count = |text: &str| {
                let mut counts: HashMap<String, usize> = HashMap::new();
                let mut total = 0;
                for token in tokenize(text) {
                    let key = match token.kind {
                        TokenKind::Word => token.key().into_owned(),
                        TokenKind::Number => "#".to_owned(),
                        _ => continue,
                    };
                    total += 1;
                    *counts.entry(key).or_default() += 1;
                }
                (counts, total)
            };
            let (ca, na) = count(&a);
            let (cb, nb) = count(&b);
            let common: usize = ca.iter().map(|(k, v)| (*v).min(*cb.get(k).unwrap_or(&0))).sum();
            let s = u32::from(score(&a, &b));
            if na.max(nb) > 0 {
                prop_assert!(100 * common as u32 >= s * na.max(nb) as u32, "score {} common {} lengths {} {}", s, common, na, nb);
            }
        }
    }
}
