//! Numbers of a text and their values: `3,700`, `3 700` and `3 700` are one value, `1.5` and
//! `1,5` another; `3,800` differs. The values come from the memory's tokenizer (the same
//! reading of numbers that match scores use, docs/match-score.md).

use crate::memory::tokens::{tokenize, TokenKind};
use crate::text::number::number_value;

/// A number as written, and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// As written (`3 700`).
    pub written: String,
    /// Its value (`3700`).
    pub value: String,
}

/// The numbers of a text, in order (`3 700` typed with an ordinary space is one number, as
/// the tokenizer reads groups of three digits).
pub fn numbers(text: &str) -> Vec<Number> {
    tokenize(text)
        .into_iter()
        .filter(|token| token.kind == TokenKind::Number)
        .map(|token| Number {
            written: token.text.to_owned(),
            value: number_value(token.text),
        })
        .collect()
}

/// The numbers one text has and the other lacks, as written: (only in `a`, only in `b`),
/// comparing values as multisets.
pub fn differences(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let mut left = numbers(a);
    let mut right = numbers(b);
    let mut only_left = Vec::new();
    for number in left.drain(..) {
        match right.iter().position(|n| n.value == number.value) {
            Some(k) => {
                right.remove(k);
            }
            None => only_left.push(number.written),
        }
    }
    (only_left, right.into_iter().map(|n| n.written).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        numbers(text).into_iter().map(|n| n.value).collect()
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
    fn differences_are_found_as_written() {
        assert_eq!(
            differences(
                "We sent 3,700 people in 2024.",
                "Nous avons envoyé 3 700 personnes en 2024."
            ),
            (vec![], vec![])
        );
        assert_eq!(
            differences(
                "We sent 3,700 people.",
                "Nous avons envoyé 3 800 personnes."
            ),
            (vec!["3,700".to_owned()], vec!["3 800".to_owned()])
        );
        assert_eq!(
            differences("1.8 metres, 9.4 billion", "9,4 milliards, 1,8 mètre"),
            (vec![], vec![])
        );
        // Counted as multisets; "20s" is a word, not a number.
        assert_eq!(
            differences("Two 20s: 20, 20.", "20"),
            (vec!["20".to_owned()], vec![])
        );
    }
}
