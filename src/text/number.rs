//! Reading written numbers (`3,700`, `3 700`, `1,8`, `1.8`) as canonical values (`3700`,
//! `1.8`), so that the same number meets itself across writing conventions.
//!
//! Two readings, for the two things a reader can know:
//!
//! - [`read_number`]: the marks of the text's language are known (the aligner reads each side
//!   with its language's decimal and grouping marks), so `3.700` is 3.7 in English and 3700
//!   in French; it reads from a position in a text and says where the number ends; `1.50`
//!   and `1.5` are one value.
//! - [`number_value`]: the language is not known (a memory unit, a draft), so the marks are
//!   guessed from the number's shape: one separator followed by exactly three digits groups
//!   thousands. Its output is stored in memory files (`#3700` keys): it must never change.
//!   `1.50` and `1.5` stay apart, which a translator checking figures wants.

/// The marks a language writes numbers with.
#[derive(Debug, Clone, Copy)]
pub struct NumberMarks<'a> {
    /// The decimal mark.
    pub decimal: char,
    /// The marks that group thousands.
    pub group: &'a [char],
}

/// Reads a number starting at `chars[start]` (a digit) with the given marks: returns its
/// canonical value ("3700", "1.8": no leading zeros, no trailing decimal zeros) and the
/// index where it ends.
pub fn read_number(chars: &[char], start: usize, marks: NumberMarks<'_>) -> (String, usize) {
    let mut integer = String::new();
    let mut i = start;
    let mut group_len = 0;
    while i < chars.len() && chars[i].is_ascii_digit() {
        integer.push(chars[i]);
        group_len += 1;
        i += 1;
    }
    // Thousands groups: a group mark followed by exactly three digits.
    while i < chars.len()
        && marks.group.contains(&chars[i])
        && group_len <= 3
        && chars
            .get(i + 1..i + 4)
            .is_some_and(|g| g.iter().all(char::is_ascii_digit))
        && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
    {
        integer.extend(&chars[i + 1..i + 4]);
        i += 4;
        group_len = 3;
    }
    let mut value = integer.trim_start_matches('0').to_owned();
    if value.is_empty() {
        value.push('0');
    }
    if i + 1 < chars.len() && chars[i] == marks.decimal && chars[i + 1].is_ascii_digit() {
        let mut decimals = String::new();
        let mut j = i + 1;
        while j < chars.len() && chars[j].is_ascii_digit() {
            decimals.push(chars[j]);
            j += 1;
        }
        let decimals = decimals.trim_end_matches('0');
        if !decimals.is_empty() {
            value.push('.');
            value.push_str(decimals);
        }
        i = j;
    }
    (value, i)
}

/// The numeric value of a number token as a canonical string: grouping separators dropped,
/// the decimal separator written `.`. A single separator followed by exactly three digits is
/// read as grouping (`3,700`, `3.700`), except after a lone `0` (`0.125`); when separators
/// differ, the last one is the decimal separator (`1,234.5`, `1 234,5`).
pub fn number_value(text: &str) -> String {
    let separators: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| !c.is_ascii_digit())
        .collect();
    let digits_only = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let Some(&(last_pos, last_char)) = separators.last() else {
        return text.to_owned();
    };
    let after = &text[last_pos + last_char.len_utf8()..];
    let before = &text[..last_pos];
    let all_same = separators.iter().all(|(_, c)| *c == last_char);
    let grouping = last_char.is_whitespace()
        || (after.len() == 3 && all_same && before != "0")
        || (all_same && separators.len() > 1);
    if grouping {
        digits_only(text)
    } else {
        format!("{}.{}", digits_only(before), after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: NumberMarks<'static> = NumberMarks {
        decimal: '.',
        group: &[',', ' ', '\u{a0}', '\u{202f}'],
    };
    const FRENCH: NumberMarks<'static> = NumberMarks {
        decimal: ',',
        group: &[' ', '\u{a0}', '\u{202f}', '.'],
    };

    fn read(text: &str, marks: NumberMarks<'_>) -> (String, usize) {
        let chars: Vec<char> = text.chars().collect();
        read_number(&chars, 0, marks)
    }

    #[test]
    fn numbers_are_read_with_the_language_marks() {
        assert_eq!(read("3,700 troops", ENGLISH), ("3700".into(), 5));
        assert_eq!(read("3\u{202f}700 soldats", FRENCH), ("3700".into(), 5));
        assert_eq!(read("1.80 m", ENGLISH), ("1.8".into(), 4));
        assert_eq!(read("1,8 m", FRENCH), ("1.8".into(), 3));
        assert_eq!(read("1,1 appel", ENGLISH), ("1".into(), 1));
        assert_eq!(read("007", ENGLISH), ("7".into(), 3));
        assert_eq!(read("2.0", ENGLISH), ("2".into(), 3));
        assert_eq!(read("1,2345", ENGLISH), ("1".into(), 1));
    }

    #[test]
    fn number_values_ignore_the_format() {
        assert_eq!(number_value("3,700"), "3700");
        assert_eq!(number_value("3\u{202f}700"), "3700");
        assert_eq!(number_value("3.700"), "3700");
        assert_eq!(number_value("1.5"), "1.5");
        assert_eq!(number_value("3,5"), "3.5");
        assert_eq!(number_value("0.125"), "0.125");
        assert_eq!(number_value("1,234.56"), "1234.56");
        assert_eq!(number_value("1 234,56"), "1234.56");
        assert_eq!(number_value("1,234,567"), "1234567");
    }
}
