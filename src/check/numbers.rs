//! The quantities of a text, written in digits or in words, and their values: `3,700`,
//! `3 700` and `3 700` are one value, `1.5` and `1,5` another, `1.1 million` and « 1,1
//! million » and « un million cent mille » the same; `3,800` differs. Digits are read by the
//! memory's tokenizer (the same reading of numbers that match scores use,
//! docs/match-score.md); words by the language's `languages/<subtag>/numbers.toml`.
//!
//! A quantity in digits is *firm*: it must have a counterpart in the translation. One in
//! words ("three", « trois ») is *soft*, as are the figures of a phrase that is no quantity
//! (« 24 heures sur 24 »): a translation may say it otherwise, so a soft quantity without a
//! counterpart is reported only when the other text also has one left over ("three
//! priorities" against « quatre priorités »).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::lang::data;
use crate::memory::tokens::{tokenize, Token, TokenKind};
use crate::text::fold::{fold_for_search, SearchFold};
use crate::text::number::number_value;

/// A quantity of a text: as written, its value, and whether it must be carried over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// As written (`3 700`, `twenty-three`, `1.5 million`).
    pub written: String,
    /// Its value, canonical (`3700`, `23`, `1500000`).
    pub value: String,
    /// Written in digits outside a phrase that is no quantity: it needs a counterpart.
    pub firm: bool,
}

#[derive(Debug, Default, Deserialize)]
struct NumbersFile {
    #[serde(default)]
    words: HashMap<String, u64>,
    #[serde(default)]
    multipliers: HashMap<String, u64>,
    #[serde(default)]
    reading: Reading,
}

#[derive(Debug, Default, Deserialize)]
struct Reading {
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    only_in_numbers: Vec<String>,
    #[serde(default)]
    not_quantities: Vec<String>,
    #[serde(default)]
    ordinal_suffixes: Vec<String>,
}

/// One language's number words, ready to read with.
#[derive(Debug, Default)]
struct NumberWords {
    words: HashMap<String, u64>,
    multipliers: HashMap<String, u64>,
    connectors: HashSet<String>,
    only_in_numbers: HashSet<String>,
    /// Folded as texts are for the search ([`SearchFold::default`]).
    not_quantities: Vec<String>,
    /// The most hyphen-separated parts of a listed word (`quatre-vingt` has two).
    longest: usize,
    /// What follows the digits of an ordinal (`30th`, `1er`): read as the number, soft.
    ordinal_suffixes: Vec<String>,
}

static NUMBER_WORDS: LazyLock<HashMap<String, NumberWords>> = LazyLock::new(|| {
    data::files(data::NUMBERS)
        .map(|file| {
            let parsed: NumbersFile = toml::from_str(file.text).unwrap_or_else(|e| {
                panic!("languages/{}/numbers.toml is invalid: {e}", file.subtag)
            });
            let lower = |w: &String| w.to_lowercase();
            let words: HashMap<String, u64> =
                parsed.words.iter().map(|(w, v)| (lower(w), *v)).collect();
            let multipliers: HashMap<String, u64> = parsed
                .multipliers
                .iter()
                .map(|(w, v)| (lower(w), *v))
                .collect();
            let longest = words
                .keys()
                .chain(multipliers.keys())
                .map(|w| w.split('-').count())
                .max()
                .unwrap_or(1);
            let table = NumberWords {
                words,
                multipliers,
                connectors: parsed.reading.connectors.iter().map(lower).collect(),
                only_in_numbers: parsed.reading.only_in_numbers.iter().map(lower).collect(),
                not_quantities: parsed
                    .reading
                    .not_quantities
                    .iter()
                    .map(|p| squeeze(&fold_for_search(p, SearchFold::default()).text))
                    .collect(),
                longest,
                ordinal_suffixes: parsed.reading.ordinal_suffixes.iter().map(lower).collect(),
            };
            (file.subtag.to_owned(), table)
        })
        .collect()
});

static NO_WORDS: LazyLock<NumberWords> = LazyLock::new(NumberWords::default);

fn number_words(language: &LanguageIdentifier) -> &'static NumberWords {
    NUMBER_WORDS
        .get(language.language.as_str())
        .unwrap_or(&NO_WORDS)
}

/// Runs of white space as one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A decimal value: `units / 10^scale`, exact (a float would make 1.1 million 1100000.0000002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Decimal {
    units: u128,
    scale: u32,
}

impl Decimal {
    fn integer(n: u64) -> Decimal {
        Decimal {
            units: u128::from(n),
            scale: 0,
        }
    }

    /// From a canonical value of [`number_value`] (`3700`, `1.5`).
    fn parse(value: &str) -> Option<Decimal> {
        let (integer, fraction) = value.split_once('.').unwrap_or((value, ""));
        let digits = format!("{integer}{fraction}");
        Some(Decimal {
            units: digits.parse().ok()?,
            scale: u32::try_from(fraction.len()).ok()?,
        })
    }

    fn aligned(self, other: Decimal) -> (u128, u128, u32) {
        let scale = self.scale.max(other.scale);
        let up = |d: Decimal| {
            d.units
                .saturating_mul(10u128.saturating_pow(scale - d.scale))
        };
        (up(self), up(other), scale)
    }

    fn add(self, other: Decimal) -> Decimal {
        let (a, b, scale) = self.aligned(other);
        Decimal {
            units: a.saturating_add(b),
            scale,
        }
    }

    fn times(self, n: u64) -> Decimal {
        Decimal {
            units: self.units.saturating_mul(u128::from(n)),
            scale: self.scale,
        }
    }

    fn is_zero(self) -> bool {
        self.units == 0
    }

    /// Whether it is a whole number divisible by `n`.
    fn divisible_by(self, n: u64) -> bool {
        self.scale == 0 && self.units % u128::from(n) == 0
    }

    fn less_than(self, n: u64) -> bool {
        let (a, b, _) = self.aligned(Decimal::integer(n));
        a < b
    }

    /// The canonical form: no trailing decimal zeros.
    fn canonical(self) -> String {
        let (mut units, mut scale) = (self.units, self.scale);
        while scale > 0 && units % 10 == 0 {
            units /= 10;
            scale -= 1;
        }
        let digits = units.to_string();
        if scale == 0 {
            return digits;
        }
        let scale = scale as usize;
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (integer, fraction) = padded.split_at(padded.len() - scale);
        format!("{integer}.{fraction}")
    }
}

/// What a word of a number is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    /// A number word (`three`, `vingt`).
    Word(u64),
    /// A word multiplying what comes before (`hundred`, `millions`).
    Multiplier(u64),
}

/// A number being read: `total` holds what multipliers of a thousand and more closed,
/// `current` what is being added up.
#[derive(Debug, Default)]
struct Run {
    start: usize,
    end: usize,
    total: Decimal,
    current: Decimal,
    /// Parts read (words, digits and multipliers).
    parts: usize,
    digits: bool,
    /// Made only of words that are numbers only inside a longer number.
    only_ambiguous: bool,
    /// A connector was read and waits for the part after it.
    connector: bool,
}

impl Run {
    /// Whether `value` can be added to what is being read: "twenty" + "three", "hundred" +
    /// "five", « soixante » + « treize », but not "three" + "four".
    fn takes(&self, value: u64) -> bool {
        let current = self.current;
        current.is_zero()
            || (current.divisible_by(100) && value < 100)
            || (current.divisible_by(10) && !current.less_than(20) && value < 20)
    }
}

/// Reads the quantities of a text in `language` (its number words; digits in any language).
pub fn quantities(text: &str, language: &LanguageIdentifier) -> Vec<Quantity> {
    let words = number_words(language);
    let soft_spans = not_quantity_spans(text, words);
    let mut out = Vec::new();
    let mut run: Option<Run> = None;
    let finish = |run: &mut Option<Run>, out: &mut Vec<Quantity>| {
        if let Some(run) = run.take() {
            if run.parts == 0 || run.only_ambiguous && run.parts == 1 {
                return;
            }
            let value = run.total.add(run.current);
            let inside_phrase = soft_spans
                .iter()
                .any(|(start, end)| run.start < *end && *start < run.end);
            out.push(Quantity {
                written: text[run.start..run.end].to_owned(),
                value: value.canonical(),
                firm: run.digits && !inside_phrase,
            });
        }
    };
    for token in hyphenated_words(text) {
        let end = token.start + token.text.len();
        match token.kind {
            TokenKind::Number => {
                finish(&mut run, &mut out);
                let Some(value) = Decimal::parse(&number_value(token.text)) else {
                    continue;
                };
                run = Some(Run {
                    start: token.start,
                    end,
                    current: value,
                    parts: 1,
                    digits: true,
                    ..Run::default()
                });
            }
            TokenKind::Word => read_word(&token, words, &mut run, &mut out, &finish),
            _ => finish(&mut run, &mut out),
        }
    }
    finish(&mut run, &mut out);
    out
}

/// The tokens of a text, with words joined by hyphens and nothing else (`quatre-vingt-dix`)
/// made one word, as number words are listed.
fn hyphenated_words(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    let tokens = tokenize(text);
    let mut k = 0;
    while k < tokens.len() {
        let mut token = tokens[k].clone();
        k += 1;
        if token.kind == TokenKind::Word {
            let end = |t: &Token<'_>| t.start + t.text.len();
            while k + 1 < tokens.len()
                && tokens[k].text == "-"
                && tokens[k].start == end(&token)
                && tokens[k + 1].kind == TokenKind::Word
                && tokens[k + 1].start == end(&tokens[k])
            {
                let last = &tokens[k + 1];
                token.text = &text[token.start..end(last)];
                token.end_with_space = last.end_with_space;
                k += 2;
            }
        }
        out.push(token);
    }
    out
}

/// Reads one word token into the number being read (or starts one, or ends it).
fn read_word(
    token: &Token<'_>,
    words: &NumberWords,
    run: &mut Option<Run>,
    out: &mut Vec<Quantity>,
    finish: &dyn Fn(&mut Option<Run>, &mut Vec<Quantity>),
) {
    let lower = token.text.to_lowercase();
    let end = token.start + token.text.len();
    if let Some(value) = ordinal_value(&lower, words) {
        finish(run, out);
        *run = Some(Run {
            start: token.start,
            end,
            current: Decimal::integer(value),
            parts: 1,
            ..Run::default()
        });
        finish(run, out);
        return;
    }
    if words.connectors.contains(&lower) {
        match run {
            Some(r)
                if !r.connector
                    && r.parts > 0
                    && ((r.current.divisible_by(10) && !r.current.less_than(20))
                        || r.current.divisible_by(100)) =>
            {
                r.connector = true;
            }
            _ => finish(run, out),
        }
        return;
    }
    let Some(parts) = split_parts(&lower, words) else {
        finish(run, out);
        return;
    };
    let ambiguous = words.only_in_numbers.contains(&lower);
    for part in parts {
        match part {
            Part::Word(value) => {
                let continues = run.as_ref().is_some_and(|r| r.takes(value));
                if !continues {
                    finish(run, out);
                    *run = Some(Run {
                        start: token.start,
                        only_ambiguous: true,
                        ..Run::default()
                    });
                }
                let r = run.as_mut().expect("a run was started");
                r.current = r.current.add(Decimal::integer(value));
                r.parts += 1;
                r.only_ambiguous &= ambiguous;
                r.connector = false;
                r.end = end;
            }
            Part::Multiplier(factor) => {
                let Some(r) = run
                    .as_mut()
                    .filter(|r| !r.current.is_zero() && !r.connector)
                else {
                    finish(run, out);
                    continue;
                };
                if factor < 1000 {
                    if !r.current.less_than(factor) {
                        finish(run, out);
                        continue;
                    }
                    r.current = r.current.times(factor);
                } else {
                    r.total = r.total.add(r.current.times(factor));
                    r.current = Decimal::default();
                }
                r.parts += 1;
                r.only_ambiguous = false;
                r.end = end;
            }
        }
    }
}

/// The number of an ordinal written with digits (`30th`, `1er`), by the language's suffixes.
fn ordinal_value(word: &str, words: &NumberWords) -> Option<u64> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &word[digits..];
    (digits > 0 && words.ordinal_suffixes.iter().any(|s| s == suffix))
        .then(|| word[..digits].parse().ok())
        .flatten()
}

/// A word as number parts: the whole word when it is listed, else its hyphen-separated
/// parts, the longest listed run of parts first (`quatre-vingt-dix`: `quatre-vingt`, `dix`).
fn split_parts(word: &str, words: &NumberWords) -> Option<Vec<Part>> {
    let lookup = |w: &str| {
        words
            .words
            .get(w)
            .map(|v| Part::Word(*v))
            .or_else(|| words.multipliers.get(w).map(|v| Part::Multiplier(*v)))
    };
    if let Some(part) = lookup(word) {
        return Some(vec![part]);
    }
    let pieces: Vec<&str> = word.split('-').collect();
    if pieces.len() < 2 || pieces.iter().any(|p| p.is_empty()) {
        return None;
    }
    let mut parts = Vec::new();
    let mut at = 0;
    while at < pieces.len() {
        let longest = words.longest.min(pieces.len() - at);
        let (taken, part) = (1..=longest)
            .rev()
            .find_map(|n| lookup(&pieces[at..at + n].join("-")).map(|p| (n, p)))?;
        parts.push(part);
        at += taken;
    }
    Some(parts)
}

/// The byte ranges of the phrases of `words` that are no quantity (« 24 heures sur 24 »).
fn not_quantity_spans(text: &str, words: &NumberWords) -> Vec<(usize, usize)> {
    if words.not_quantities.is_empty() {
        return Vec::new();
    }
    let folded = fold_for_search(text, SearchFold::default());
    // The folded text with runs of spaces squeezed, and the byte of `folded` each byte is.
    let mut squeezed = String::with_capacity(folded.text.len());
    let mut from: Vec<usize> = Vec::with_capacity(folded.text.len());
    let mut space = false;
    for (at, c) in folded.text.char_indices() {
        if c.is_whitespace() {
            if space {
                continue;
            }
            space = true;
            squeezed.push(' ');
            from.push(at);
            continue;
        }
        space = false;
        squeezed.push(c);
        from.extend(std::iter::repeat_n(at, c.len_utf8()));
    }
    let mut spans = Vec::new();
    for phrase in &words.not_quantities {
        let mut search = 0;
        while let Some(found) = squeezed[search..].find(phrase.as_str()) {
            let start = search + found;
            let end = start + phrase.len();
            spans.push((folded.origin[from[start]].0, folded.origin[from[end - 1]].1));
            search = end;
        }
    }
    spans
}

/// The quantities one text has and the other lacks, as written: (only in `a`, only in `b`),
/// compared by value as multisets. Firm ones left over are always reported, soft ones only
/// when the other text has some left over too.
pub fn differences(
    a: &str,
    a_language: &LanguageIdentifier,
    b: &str,
    b_language: &LanguageIdentifier,
) -> (Vec<String>, Vec<String>) {
    let left = quantities(a, a_language);
    let right = quantities(b, b_language);
    let mut right_used = vec![false; right.len()];
    let mut left_used = vec![false; left.len()];
    // Firm before soft on both sides, so that a figure meets a figure when it can.
    for pass_firm in [true, false] {
        for (i, q) in left.iter().enumerate() {
            if left_used[i] || q.firm != pass_firm {
                continue;
            }
            let partner = (0..right.len())
                .filter(|&j| !right_used[j] && right[j].value == q.value)
                .max_by_key(|&j| (right[j].firm, std::cmp::Reverse(j)));
            if let Some(j) = partner {
                left_used[i] = true;
                right_used[j] = true;
            }
        }
    }
    let left_over: Vec<&Quantity> = left
        .iter()
        .zip(&left_used)
        .filter_map(|(q, used)| (!used).then_some(q))
        .collect();
    let right_over: Vec<&Quantity> = right
        .iter()
        .zip(&right_used)
        .filter_map(|(q, used)| (!used).then_some(q))
        .collect();
    let soft_too = !left_over.is_empty() && !right_over.is_empty();
    let shown = |over: &[&Quantity]| -> Vec<String> {
        over.iter()
            .filter(|q| q.firm || soft_too)
            .map(|q| q.written.clone())
            .collect()
    };
    let (only_left, only_right) = (shown(&left_over), shown(&right_over));
    if only_left.is_empty() && only_right.is_empty() {
        return (Vec::new(), Vec::new());
    }
    (only_left, only_right)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    fn values(text: &str) -> Vec<String> {
        quantities(text, &langid!("en"))
            .into_iter()
            .map(|n| n.value)
            .collect()
    }

    fn french(text: &str) -> Vec<(String, bool)> {
        quantities(text, &langid!("fr"))
            .into_iter()
            .map(|n| (n.value, n.firm))
            .collect()
    }

    fn en_fr(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
        differences(a, &langid!("en"), b, &langid!("fr"))
    }

    fn none() -> (Vec<String>, Vec<String>) {
        (Vec::new(), Vec::new())
    }

    #[test]
    fn written_forms_of_one_value_are_equal() {
        for text in ["3,700", "3 700", "3\u{a0}700", "3\u{202f}700", "3700"] {
            assert_eq!(values(text), ["3700"], "{text}");
        }
        assert_eq!(values("1.5 et 1,5"), ["1.5", "1.5"]);
        assert_eq!(values("en 2024 2 000 soldats"), ["2024", "2000"]);
    }

    #[test]
    fn numbers_in_words_are_read_with_their_values() {
        assert_eq!(values("three priorities"), ["3"]);
        assert_eq!(values("twenty-three countries"), ["23"]);
        assert_eq!(values("one hundred and five delegates"), ["105"]);
        assert_eq!(values("1.1 million people"), ["1100000"]);
        assert_eq!(values("$48.6 million"), ["48600000"]);
        assert_eq!(values("two million three hundred thousand"), ["2300000"]);
        // Neighbouring numbers stay apart; "one" alone and "millions" alone are no figure.
        assert_eq!(values("three, four"), ["3", "4"]);
        assert_eq!(
            values("one of them met millions of people"),
            Vec::<String>::new()
        );
        assert_eq!(values("one million"), ["1000000"]);
        assert_eq!(
            french("quatre-vingt-dix-neuf, soixante-treize et vingt et un"),
            [
                ("99".to_owned(), false),
                ("73".to_owned(), false),
                ("21".to_owned(), false)
            ]
        );
        assert_eq!(
            french("un pays, un million"),
            [("1000000".to_owned(), false)]
        );
        assert_eq!(french("trois cents"), [("300".to_owned(), false)]);
        assert_eq!(french("1,1 million"), [("1100000".to_owned(), true)]);
        // Ordinals in digits are their number, soft: "June 30th" is « 30 juin ».
        assert_eq!(values("June 30th, the 1st"), ["30", "1"]);
        assert_eq!(french("le 1er janvier"), [("1".to_owned(), false)]);
    }

    #[test]
    fn words_meet_digits_and_words_in_the_other_language() {
        assert_eq!(en_fr("1 million people", "un million de personnes"), none());
        assert_eq!(en_fr("three priorities", "trois priorités"), none());
        assert_eq!(en_fr("3 priorities", "trois priorités"), none());
        assert_eq!(en_fr("$212 million", "212 millions de dollars"), none());
        // A number in words said otherwise is no error; two that differ are.
        assert_eq!(en_fr("all three of us", "nous tous"), none());
        assert_eq!(
            en_fr("three priorities", "quatre priorités"),
            (vec!["three".to_owned()], vec!["quatre".to_owned()])
        );
        assert_eq!(en_fr("on June 30th", "le 30 juin"), none());
        // A figure needs its counterpart, in digits or in words.
        assert_eq!(
            en_fr(
                "We met 3 times in 2024.",
                "Nous nous sommes réunis trois fois."
            ),
            (vec!["2024".to_owned()], vec![])
        );
    }

    #[test]
    fn phrases_that_are_no_quantity_need_no_counterpart() {
        assert_eq!(
            en_fr(
                "The clinics are open around the clock.",
                "Les centres sont ouverts 24 heures sur 24."
            ),
            none()
        );
        assert_eq!(
            en_fr(
                "open 24 hours a day, 7 days a week",
                "ouverts 24 heures sur 24, 7 jours sur 7"
            ),
            none()
        );
        assert_eq!(
            french("24\u{a0}heures sur\u{202f}24"),
            [("24".to_owned(), false), ("24".to_owned(), false)]
        );
    }

    #[test]
    fn differences_are_found_as_written() {
        assert_eq!(
            en_fr(
                "We sent 3,700 people in 2024.",
                "Nous avons envoyé 3 700 personnes en 2024."
            ),
            none()
        );
        assert_eq!(
            en_fr(
                "We sent 3,700 people.",
                "Nous avons envoyé 3 800 personnes."
            ),
            (vec!["3,700".to_owned()], vec!["3 800".to_owned()])
        );
        assert_eq!(
            en_fr("1.8 metres, 9.4 billion", "9,4 milliards, 1,8 mètre"),
            none()
        );
        // Counted as multisets; "20s" is a word, not a number.
        assert_eq!(
            en_fr("Two 20s: 20, 20.", "20"),
            (vec!["20".to_owned()], vec![])
        );
    }

    #[test]
    fn decimals_are_exact() {
        let d = Decimal::parse("1.1").unwrap().times(1_000_000);
        assert_eq!(d.canonical(), "1100000");
        assert_eq!(Decimal::parse("0.05").unwrap().canonical(), "0.05");
        assert_eq!(
            Decimal::parse("1.5")
                .unwrap()
                .add(Decimal::integer(2))
                .canonical(),
            "3.5"
        );
    }
}
