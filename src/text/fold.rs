//! Folding case, accents and typographic variants away, so that "Ségolène", "SEGOLENE" and
//! "segolene" meet. One table of rules, read three ways:
//!
//! - [`key_into`]: the memory's word index keys (lower case, no accents, typographic
//!   apostrophes as `'`). Stored in every memory file: its output must never change.
//! - [`fold`]: the aligner's words (the same, with the ligatures œ and æ read as their first
//!   letter, and the modifier letter apostrophe ʼ kept), which its word lists and stems use.
//! - [`fold_case`]: the concordance's matching (lower case and apostrophes only, accents
//!   kept), with the position of each folded byte in the original text for highlights.
//!
//! The differences between the three are those their callers had before they shared this
//! table; the tests hold each to its old output over every Unicode scalar value.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Whether `c` is an apostrophe as speeches type it: the ASCII one, the right and left
/// single quotation marks (`l’ONU`, `‘tis`) or the modifier letter apostrophe.
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

/// Whether `c` is one of the fixed-width spaces typography puts inside numbers and before
/// marks (no-break, narrow no-break, thin), which a search typed with a plain space matches.
#[inline]
fn is_fixed_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The lower-case base letter of the accented Latin letters of Western European languages,
/// without decomposing them: the common case of [`fold_char`], and its fast path.
#[inline]
fn fold_latin(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => return None,
    })
}

/// Gives `c` in lower case without its accents to `push` (one character, several when the
/// lower case has several, none for a combining mark): the lower case is decomposed (NFD)
/// and its combining marks dropped.
#[inline]
pub fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
    } else if let Some(folded) = fold_latin(c) {
        push(folded);
    } else {
        for lower in c.to_lowercase() {
            let mut buffer = [0u8; 4];
            for d in lower.encode_utf8(&mut buffer).nfd() {
                if !is_combining_mark(d) {
                    push(d);
                }
            }
        }
    }
}

/// Gives `c` in lower case to `push`, typographic apostrophes as `'` and fixed-width spaces
/// as a plain space; accents are kept.
#[inline]
pub fn fold_case_char(c: char, mut push: impl FnMut(char)) {
    if is_apostrophe(c) {
        push('\'');
    } else if is_fixed_space(c) {
        push(' ');
    } else {
        c.to_lowercase().for_each(push);
    }
}

/// Writes the memory's index key of a word into `out` (cleared first): lower case, without
/// accents, typographic apostrophes as `'`. ASCII text, the common case, is copied and
/// lowered in one pass.
#[inline]
pub fn key_into(text: &str, out: &mut String) {
    out.clear();
    let ascii = text.bytes().take_while(u8::is_ascii).count();
    out.push_str(&text[..ascii]);
    out.make_ascii_lowercase();
    for c in text[ascii..].chars() {
        if is_apostrophe(c) {
            out.push('\'');
        } else {
            fold_char(c, |d| out.push(d));
        }
    }
}

/// The aligner's fold of a text: lower case without accents ("Ségolène" -> "segolene",
/// "Kőrösi" -> "korosi"), `’` and `‘` as `'`, and œ, æ as o, a.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |d| {
            out.push(match d {
                '\u{2019}' | '\u{2018}' => '\'',
                'œ' => 'o',
                'æ' => 'a',
                other => other,
            });
        });
    }
    out
}

/// A text folded by [`fold_case_char`], with, for each byte of it, the byte range of the
/// original character it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFolded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the range of the original character in the input.
    pub origin: Vec<(usize, usize)>,
}

/// What a search folds away before comparing (typographic apostrophes and fixed-width
/// spaces always go).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchFold {
    /// Upper and lower case meet.
    pub case: bool,
    /// Accented and plain letters meet ("securite" finds "sécurité").
    pub accents: bool,
}

impl Default for SearchFold {
    /// Case and accents both folded: what a translator typing a word expects.
    fn default() -> Self {
        SearchFold {
            case: true,
            accents: true,
        }
    }
}

/// Folds a text for a search (see [`SearchFold`]), keeping where each folded byte came from;
/// a combining mark that folds to nothing joins the range of the letter before it.
pub fn fold_for_search(text: &str, fold: SearchFold) -> CaseFolded {
    let mut folded = CaseFolded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    let push = |folded: &mut CaseFolded, d: char, start: usize, end: usize| {
        folded.text.push(d);
        for _ in 0..d.len_utf8() {
            folded.origin.push((start, end));
        }
    };
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        let before = folded.text.len();
        if is_apostrophe(c) {
            push(&mut folded, '\'', start, end);
        } else if is_fixed_space(c) {
            push(&mut folded, ' ', start, end);
        } else {
            let cased: Vec<char> = if fold.case {
                c.to_lowercase().collect()
            } else {
                vec![c]
            };
            for lower in cased {
                if !fold.accents {
                    push(&mut folded, lower, start, end);
                } else if let Some(plain) = fold_latin(lower) {
                    push(&mut folded, plain, start, end);
                } else {
                    let mut buffer = [0u8; 4];
                    for d in lower.encode_utf8(&mut buffer).nfd() {
                        if !is_combining_mark(d) {
                            push(&mut folded, d, start, end);
                        }
                    }
                }
            }
        }
        if folded.text.len() == before {
            // Nothing came out (a combining mark): the letter before takes it in.
            let last = folded.origin.last().map(|o| o.0);
            for origin in folded.origin.iter_mut().rev() {
                if Some(origin.0) != last {
                    break;
                }
                origin.1 = end;
            }
        }
    }
    folded
}

/// Folds a text's case (see [`fold_case_char`]), keeping where each folded byte came from.
pub fn fold_case(text: &str) -> CaseFolded {
    fold_for_search(
        text,
        SearchFold {
            case: true,
            accents: false,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // The three folds as they were written before they shared one table: the oracles the
    // shared rules are held to (memory files store the output of the first).

    fn old_word_index_key_into(text: &str, out: &mut String) {
        out.clear();
        let bytes = text.as_bytes();
        let ascii = bytes.iter().take_while(|b| b.is_ascii()).count();
        out.push_str(&text[..ascii]);
        out.make_ascii_lowercase();
        for c in text[ascii..].chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}') {
                out.push('\'');
            } else if let Some(folded) = fold_latin(c) {
                out.push(folded);
            } else {
                for lower in c.to_lowercase() {
                    let mut buffer = [0u8; 4];
                    for d in UnicodeNormalization::nfd(&*lower.encode_utf8(&mut buffer)) {
                        if !is_combining_mark(d) {
                            out.push(d);
                        }
                    }
                }
            }
        }
    }

    fn old_align_fold(text: &str) -> String {
        text.nfd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' => '\'',
                'œ' => 'o',
                'æ' => 'a',
                other => other,
            })
            .collect()
    }

    fn old_concordance_fold(text: &str) -> CaseFolded {
        let mut folded = CaseFolded {
            text: String::with_capacity(text.len()),
            origin: Vec::with_capacity(text.len()),
        };
        for (start, c) in text.char_indices() {
            let end = start + c.len_utf8();
            let mut push = |c: char| {
                folded.text.push(c);
                for _ in 0..c.len_utf8() {
                    folded.origin.push((start, end));
                }
            };
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02bc}' => push('\''),
                '\u{a0}' | '\u{202f}' | '\u{2009}' => push(' '),
                c => c.to_lowercase().for_each(&mut push),
            }
        }
        folded
    }

    fn new_key(text: &str) -> String {
        let mut key = String::new();
        key_into(text, &mut key);
        key
    }

    fn old_key(text: &str) -> String {
        let mut key = String::new();
        old_word_index_key_into(text, &mut key);
        key
    }

    #[test]
    fn every_character_folds_as_before() {
        let mut differences = Vec::new();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let one = c.to_string();
            // After an ASCII letter too, so the key's ASCII fast path is left mid-text.
            let two = format!("A{c}");
            for text in [&one, &two] {
                if new_key(text) != old_key(text)
                    || fold(text) != old_align_fold(text)
                    || fold_case(text) != old_concordance_fold(text)
                {
                    differences.push(format!("U+{:04X}", c as u32));
                }
            }
        }
        assert!(differences.is_empty(), "{}", differences.join(" "));
    }

    #[test]
    fn the_latin_fast_path_is_the_general_rule() {
        for c in (0..=0x24F).filter_map(char::from_u32) {
            if let Some(fast) = fold_latin(c) {
                let general: String = c
                    .to_lowercase()
                    .collect::<String>()
                    .nfd()
                    .filter(|d| !is_combining_mark(*d))
                    .collect();
                assert_eq!(general, fast.to_string(), "{c}");
            }
        }
    }

    #[test]
    fn the_three_folds_say_what_they_do() {
        assert_eq!(fold("Kőrösi Ségolène l’ONU"), "korosi segolene l'onu");
        assert_eq!(fold("Œuvre ʼx"), "ouvre ʼx");
        assert_eq!(new_key("L’Œuvre Ségolène"), "l'œuvre segolene");
        let folded = fold_case("L’É\u{a0}x");
        assert_eq!(folded.text, "l'é x");
        assert_eq!(folded.origin[1], (1, 4));
        assert_eq!(folded.origin[2], (4, 6));
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        // Runs mixing ASCII, Latin-1 and Latin Extended letters, combining marks, Greek,
        // Cyrillic, Hangul, apostrophes and spaces: sequences where canonical ordering,
        // final sigma or the ASCII fast path could matter.
        let pieces = prop::sample::select(vec![
            "a", "Z", "'", "’", "‘", "ʼ", " ", "\u{a0}", "\u{202f}", "\u{2009}", "é", "É", "ő",
            "Œ", "æ", "ß", "ẞ", "İ", "ı", "Σ", "ς", "σ", "\u{2126}", "\u{3a9}", "\u{212a}",
            "\u{212b}", "ǅ", "ﬁ", "\u{301}", "\u{323}", "\u{345}", "\u{5b0}", "한", "ㄱ", "ア",
            "ｶ", "Ⅳ", "①", "1", "٣",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn texts_fold_as_before(text in text_strategy()) {
            prop_assert_eq!(new_key(&text), old_key(&text));
            prop_assert_eq!(fold(&text), old_align_fold(&text));
            prop_assert_eq!(fold_case(&text), old_concordance_fold(&text));
        }

        #[test]
        fn any_text_folds_as_before(text in "\\PC{0,40}") {
            prop_assert_eq!(new_key(&text), old_key(&text));
            prop_assert_eq!(fold(&text), old_align_fold(&text));
            prop_assert_eq!(fold_case(&text), old_concordance_fold(&text));
        }
    }
}
