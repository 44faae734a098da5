//! Word-level differences between two texts, the way translators read them: words, numbers,
//! punctuation marks and spaces are separate tokens, so "early" → "very early" shows one
//! inserted word, not a changed sentence. Used for draft revisions and TM matches.

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffTag};

/// What happened to a run of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// A run of text with what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// Equal, deleted or inserted.
    pub tag: Tag,
    /// The text of the run (spaces included).
    pub text: String,
}

/// Splits a text into tokens: runs of letters and digits (with inner apostrophes, hyphens,
/// and the separators of numbers such as 3,700 or 3 700), runs of white space, and single
/// other characters. Concatenating the tokens gives the text back.
pub fn tokens(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let mut j = i + 1;
        if c.is_alphanumeric() {
            while j < chars.len() {
                let d = chars[j].1;
                let joins = matches!(d, '\'' | '’' | '-' | '.' | ',' | '\u{a0}' | '\u{202f}')
                    && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric())
                    && (!matches!(d, '.' | ',' | '\u{a0}' | '\u{202f}')
                        || (chars[j - 1].1.is_ascii_digit()
                            && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit())));
                if d.is_alphanumeric() || joins {
                    j += if joins { 2 } else { 1 };
                } else {
                    break;
                }
            }
        } else if c.is_whitespace() {
            while j < chars.len() && chars[j].1.is_whitespace() {
                j += 1;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        out.push(&text[start..end]);
        i = j;
    }
    out
}

/// The word-level differences from `old` to `new`, as runs of equal, deleted and inserted
/// text: the equal and deleted runs spell `old`, the equal and inserted runs spell `new`.
pub fn diff(old: &str, new: &str) -> Vec<Piece> {
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |tag: Tag, text: String| {
        if text.is_empty() {
            return;
        }
        match pieces.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(&text),
            _ => pieces.push(Piece { tag, text }),
        }
    };
    for op in capture_diff_slices(Algorithm::Patience, &old_tokens, &new_tokens) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let old_text = old_tokens[old_range].concat();
        let new_text = new_tokens[new_range].concat();
        match tag {
            DiffTag::Equal => push(Tag::Equal, old_text),
            DiffTag::Delete => push(Tag::Delete, old_text),
            DiffTag::Insert => push(Tag::Insert, new_text),
            DiffTag::Replace => {
                push(Tag::Delete, old_text);
                push(Tag::Insert, new_text);
            }
        }
    }
    pieces
}

/// How alike two texts are, from 0 (nothing in common) to 1 (same words): the share of
/// word tokens (spaces aside) that the diff keeps, case-insensitively.
pub fn similarity(old: &str, new: &str) -> f64 {
    let words = |text: &str| -> Vec<String> {
        tokens(text)
            .into_iter()
            .filter(|t| !t.chars().all(char::is_whitespace))
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(old), words(new));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let kept: usize = capture_diff_slices(Algorithm::Patience, &a, &b)
        .iter()
        .filter(|op| op.tag() == DiffTag::Equal)
        .map(|op| op.old_range().len())
        .sum();
    2.0 * kept as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_numbers_and_elisions_whole() {
        assert_eq!(
            tokens("l’ONU a 3,700 soldats (3\u{202f}700)."),
            [
                "l’ONU",
                " ",
                "a",
                " ",
                "3,700",
                " ",
                "soldats",
                " ",
                "(",
                "3\u{202f}700",
                ")",
                "."
            ]
        );
        assert_eq!(
            tokens("counter-terrorism, 1.5"),
            ["counter-terrorism", ",", " ", "1.5"]
        );
    }

    #[test]
    fn diff_spells_both_texts() {
        let old = "The rains came early this year.";
        let new = "The rains came very early, this year!";
        let pieces = diff(old, new);
        let spell = |keep: Tag| -> String {
            pieces
                .iter()
                .filter(|p| p.tag == Tag::Equal || p.tag == keep)
                .map(|p| p.text.as_str())
                .collect()
        };
        assert_eq!(spell(Tag::Delete), old);
        assert_eq!(spell(Tag::Insert), new);
        assert!(pieces
            .iter()
            .any(|p| p.tag == Tag::Insert && p.text.contains("very")));
    }

    #[test]
    fn similarity_ranges_from_zero_to_one() {
        assert_eq!(similarity("We act now.", "We act now."), 1.0);
        assert_eq!(similarity("We act now.", "we ACT now."), 1.0);
        assert_eq!(similarity("alpha beta", "gamma delta"), 0.0);
        let s = similarity("The rains came early.", "The rains came very early.");
        assert!(s > 0.8 && s < 1.0, "{s}");
    }
}
