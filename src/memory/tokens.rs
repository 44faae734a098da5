//! Tokens for matching: a segment becomes words, numbers, punctuation marks and tags
//! (placeholders such as `%s`, `{0}` or `<b>`). The scorer compares token sequences and the
//! index stores the keys of words and numbers; both use this one tokenizer, so what the index
//! finds is exactly what the scorer counts.
//!
//! The rules are language-generic (Unicode letter and digit classes): a word is a run of
//! letters, marks, digits and `_`; an apostrophe inside a word ends it and stays with the
//! first part (`l’ONU` is `l’` + `ONU`, `don't` is `don'` + `t`), so elided articles match
//! on their own; a number is a run of digits with `,` `.` or a no-break space between digits
//! (`3,700`, `3 700`, `1.5`); anything else that is not white space is one punctuation mark.

use std::borrow::Cow;

use crate::text::fold::is_apostrophe;
use crate::text::fold::key_into;
use crate::text::number::number_value;

/// What a token is; each kind has its own cost in the match score (docs/match-score.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word (letters, possibly with digits: `MINUSMA`, `v1.2`, `2e`).
    Word,
    /// A number made of digits and separators only (`3,700`, `1.5`).
    Number,
    /// One punctuation mark or symbol.
    Punctuation,
    /// A placeholder or inline tag written as text (`%s`, `%1$d`, `{0}`, `<b>`, `</x>`).
    Tag,
}

/// One token of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// What it is.
    pub kind: TokenKind,
    /// The token as written.
    pub text: &'a str,
    /// Byte offset of the token in the segment.
    pub start: usize,
    /// Byte offset where the next token (or the end) starts, white space included, so that
    /// `segment[start..end_with_space]` rebuilds the text.
    pub end_with_space: usize,
}

impl<'a> Token<'a> {
    /// The comparison form: lower case with one kind of apostrophe for words, the numeric
    /// value for numbers (`3,700` and `3 700` are both `3700`), a canonical mark for
    /// punctuation (curly and straight quotes are the same), the text for tags.
    pub fn key(&self) -> Cow<'a, str> {
        match self.kind {
            TokenKind::Word => word_key(self.text),
            TokenKind::Number => Cow::Owned(number_value(self.text)),
            TokenKind::Punctuation => Cow::Borrowed(punctuation_key(self.text)),
            TokenKind::Tag => Cow::Borrowed(self.text),
        }
    }

    /// The text as written, with typographic apostrophes made straight: two words that
    /// differ only in this are the same word.
    pub fn surface(&self) -> Cow<'a, str> {
        if self.text.contains(['\u{2019}', '\u{2018}', '\u{02bc}']) {
            Cow::Owned(self.text.replace(['\u{2019}', '\u{2018}', '\u{02bc}'], "'"))
        } else {
            Cow::Borrowed(self.text)
        }
    }

    /// Whether the token counts in the length of a segment: words, numbers and tags do
    /// (a placeholder is part of what a translator carries over); punctuation marks only
    /// cost when they differ.
    pub fn is_content(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Tag
        )
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_mark(c)
}

/// Combining marks (accents written as separate code points) stay inside their word.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_number_separator(c: char) -> bool {
    matches!(c, ',' | '.' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Whether `text` starts with exactly three digits: the next group of a number written with
/// spaces between thousands (`3 700`, as French is often typed).
fn is_digit_group(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 3
        && bytes[..3].iter().all(u8::is_ascii_digit)
        && bytes.get(3).is_none_or(|b| !b.is_ascii_alphanumeric())
}

fn word_key(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .all(|c| !c.is_uppercase() && !is_apostrophe(c) || c == '\'')
    {
        return Cow::Borrowed(text);
    }
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        if is_apostrophe(c) {
            key.push('\'');
        } else {
            key.extend(c.to_lowercase());
        }
    }
    Cow::Owned(key)
}

fn punctuation_key(text: &str) -> &str {
    match text {
        "\u{2019}" | "\u{2018}" | "\u{02bc}" | "\u{2032}" => "'",
        "\u{201c}" | "\u{201d}" | "\u{ab}" | "\u{bb}" | "\u{201e}" | "\u{2033}" => "\"",
        "\u{2013}" | "\u{2014}" | "\u{2212}" | "\u{2010}" | "\u{2011}" => "-",
        "\u{2026}" => "...",
        other => other,
    }
}

/// How a number is written: its grouping and decimal separators, so that a substituted
/// number keeps the target's format (`3 700` stays French, `3,700` English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    /// The grouping separator, if the number uses one.
    pub grouping: Option<char>,
    /// The decimal separator, if the number has a fractional part.
    pub decimal: Option<char>,
}

impl NumberStyle {
    /// The style of a written number.
    pub fn of(text: &str) -> NumberStyle {
        let value = number_value(text);
        let has_fraction = value.contains('.');
        let separators: Vec<char> = text.chars().filter(|c| !c.is_ascii_digit()).collect();
        let decimal = if has_fraction {
            separators.last().copied()
        } else {
            None
        };
        let grouping_count = separators.len() - usize::from(decimal.is_some());
        NumberStyle {
            grouping: (grouping_count > 0).then(|| separators[0]),
            decimal,
        }
    }

    /// Writes a canonical value (see [`number_value`]) in this style. Values of four digits
    /// or fewer are not grouped unless the model was.
    pub fn format(&self, value: &str) -> String {
        let (int, frac) = match value.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (value, None),
        };
        let mut out = String::new();
        match self.grouping {
            Some(sep) if int.len() > 3 => {
                let first = int.len() % 3;
                for (i, c) in int.chars().enumerate() {
                    if i > 0 && (i + 3 - first) % 3 == 0 {
                        out.push(sep);
                    }
                    out.push(c);
                }
            }
            _ => out.push_str(int),
        }
        if let Some(frac) = frac {
            out.push(self.decimal.unwrap_or('.'));
            out.push_str(frac);
        }
        out
    }
}

/// Length of a tag or placeholder starting at `rest`, if there is one.
fn tag_length(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    match bytes.first()? {
        b'<' => {
            // <b>, </b>, <br/>, <x id="1"/>: a name, then attributes with `=` if anything.
            let end = rest.char_indices().take(80).find(|(_, c)| *c == '>')?.0;
            let inner = rest[1..end].trim_start_matches('/').trim_end_matches('/');
            let name_length = inner
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_'))
                .count();
            let (name, attributes) = inner.split_at(name_length);
            let is_tag = name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
                && !inner.contains('<')
                && (attributes.is_empty()
                    || (attributes.starts_with(char::is_whitespace) && attributes.contains('=')));
            is_tag.then_some(end + 1)
        }
        b'{' => {
            let end = rest.char_indices().take(40).find(|(_, c)| *c == '}')?.0;
            let inner = &rest[1..end];
            (!inner.is_empty()
                && inner
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | ':' | '-' | ',')))
            .then_some(end + 1)
        }
        b'%' => {
            let mut i = 1;
            if bytes.get(1) == Some(&b'(') {
                let close = rest[1..].find(')')? + 1;
                if close > 40 {
                    return None;
                }
                i = close + 1;
            } else {
                let digits = bytes[1..].iter().take_while(|b| b.is_ascii_digit()).count();
                if digits > 0 && bytes.get(1 + digits) == Some(&b'$') {
                    i = 2 + digits;
                } else if digits > 0 {
                    // Qt and Windows style %1, %2.
                    let after = bytes.get(1 + digits);
                    if after.is_none_or(|b| !b.is_ascii_alphanumeric()) {
                        return Some(1 + digits);
                    }
                }
            }
            while bytes
                .get(i)
                .is_some_and(|b| matches!(b, b'-' | b'+' | b' ' | b'#' | b'0'))
            {
                i += 1;
            }
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if bytes.get(i) == Some(&b'.') {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            while bytes
                .get(i)
                .is_some_and(|b| matches!(b, b'l' | b'h' | b'z'))
            {
                i += 1;
            }
            let conversion = *bytes.get(i)?;
            b"sdifuxXeEgGcpqQ@"
                .contains(&conversion)
                .then_some(i + 1)
                .filter(|&end| {
                    bytes
                        .get(end)
                        .is_none_or(|b| !b.is_ascii_alphabetic() || conversion == b's')
                })
        }
        _ => None,
    }
}

/// Cuts a segment into tokens (see the module documentation for the rules).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    tokens.extend(Tokens::new(text));
    tokens
}

/// The tokens of a segment one at a time, without allocating: what [`tokenize`] collects.
/// An import tokenises millions of segments, so this walks bytes, with a fast path for
/// ASCII.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Tokens<'a> {
    /// The tokens of `text`.
    pub fn new(text: &'a str) -> Tokens<'a> {
        let mut tokens = Tokens { text, at: 0 };
        tokens.at = tokens.skip_space(0);
        tokens
    }

    /// The character at byte `i` and its length.
    #[inline]
    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        let byte = *self.text.as_bytes().get(i)?;
        if byte < 0x80 {
            return Some((byte as char, 1));
        }
        let c = self.text[i..].chars().next()?;
        Some((c, c.len_utf8()))
    }

    /// The first byte at or after `i` that is not white space.
    #[inline]
    fn skip_space(&self, mut i: usize) -> usize {
        let bytes = self.text.as_bytes();
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        while let Some((c, len)) = self.char_at(i) {
            if !c.is_whitespace() {
                break;
            }
            i += len;
        }
        i
    }

    /// The end of the word or number starting at `start` (whose first character is a word
    /// character), and whether it has a letter.
    fn word_end(&self, start: usize) -> (usize, bool) {
        let text = self.text;
        let mut end = start;
        let mut has_letter = false;
        let mut prev: Option<char> = None;
        let mut group = 0;
        let mut i = start;
        let bytes = text.as_bytes();
        // Letters of ASCII words, the common case, a byte at a time.
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphabetic() || b == b'_' {
                has_letter = true;
            } else if !b.is_ascii_digit() {
                break;
            }
            group += 1;
            i += 1;
            end = i;
            prev = Some(b as char);
        }
        // The word ends at most ASCII bytes; only separators between digits, apostrophes
        // and anything not ASCII need the rules below.
        match bytes.get(i) {
            None => return (end, has_letter),
            Some(b'\'') => {}
            Some(b',' | b'.') if prev.is_some_and(|p| p.is_ascii_digit()) => {}
            Some(b' ') if !has_letter => {}
            Some(&b) if b.is_ascii() => return (end, has_letter),
            Some(_) => {}
        }
        while let Some((ch, len)) = self.char_at(i) {
            if is_word_char(ch) {
                has_letter |= !ch.is_ascii_digit();
                group += 1;
                prev = Some(ch);
                i += len;
                end = i;
                continue;
            }
            let after = &text[i + len..];
            let next = after.chars().next();
            let separator = is_number_separator(ch)
                || (ch == ' ' && !has_letter && group <= 3 && is_digit_group(after));
            if separator
                && prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit())
            {
                prev = Some(ch);
                group = 0;
                i += len;
                end = i;
                continue;
            }
            if is_apostrophe(ch)
                && prev.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic)
            {
                // The apostrophe ends the word and stays with it: l’ + ONU.
                end = i + len;
            }
            break;
        }
        (end, has_letter)
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let start = self.at;
        let (c, len) = self.char_at(start)?;
        let may_be_tag = matches!(c, '<' | '{' | '%');
        let tag = if may_be_tag {
            tag_length(&self.text[start..])
        } else {
            None
        };
        let word_start = if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '_'
        } else {
            is_word_char(c) && !is_mark(c)
        };
        let (kind, end) = if let Some(tag) = tag {
            (TokenKind::Tag, start + tag)
        } else if word_start {
            let (end, has_letter) = self.word_end(start);
            let kind = if has_letter {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            (kind, end)
        } else {
            (TokenKind::Punctuation, start + len)
        };
        self.at = self.skip_space(end);
        Some(Token {
            kind,
            text: &self.text[start..end],
            start,
            end_with_space: self.at,
        })
    }
}

/// Whether `a` is directly followed by `b` in the text, without white space: the two are
/// parts of one written word (`view.`, `l’ONU`, `%(name)s`), which the score moves as one.
pub fn joined(a: &Token<'_>, b: &Token<'_>) -> bool {
    a.start + a.text.len() == b.start
}

/// The key under which a number is indexed for fuzzy lookup: every number shares it, so
/// that a sentence that differs only by a number is still a candidate.
pub const NUMBER_CLASS_KEY: &str = "#";

/// The key under which every tag or placeholder is indexed for fuzzy lookup: a changed
/// placeholder costs less than a word, so all of them share one key, as numbers do. (`<>`
/// is never the key of a word or a number.)
pub const TAG_CLASS_KEY: &str = "<>";

/// Writes the index key of a word into `out` (cleared first): lower case, one kind of
/// apostrophe, and no diacritics (`Élection`, `election` and `élection` share a key), so
/// that a case or accent difference never hides a candidate from the lookup.
#[inline]
pub fn word_index_key_into(text: &str, out: &mut String) {
    key_into(text, out);
}

/// The index key of a word (see [`word_index_key_into`]).
pub fn word_index_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    word_index_key_into(text, &mut key);
    key
}

/// Writes the concordance key of a number (`#` and its value: `#3700`) into `out`.
pub fn number_index_key_into(text: &str, out: &mut String) {
    out.clear();
    out.push('#');
    if text.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str(text);
    } else {
        out.push_str(&number_value(text));
    }
}

impl Token<'_> {
    /// The key this token is indexed under, when it is a word or a number: the word's
    /// index key, or the number's value key (`#3700`); `None` for marks and tags.
    pub fn index_key(&self) -> Option<String> {
        let mut key = String::new();
        match self.kind {
            TokenKind::Word => word_index_key_into(self.text, &mut key),
            TokenKind::Number => number_index_key_into(self.text, &mut key),
            TokenKind::Punctuation | TokenKind::Tag => return None,
        }
        Some(key)
    }
}

/// The index keys of a segment: each word's index key, [`NUMBER_CLASS_KEY`] for each
/// number and `#VALUE` for each number's value (for concordance), sorted and distinct, and
/// the count of content tokens (words and numbers) that the length filter of the lookup
/// uses.
pub fn index_keys(text: &str) -> (Vec<String>, usize) {
    let mut keys = Vec::new();
    let mut content = 0;
    let mut buffer = String::new();
    for token in Tokens::new(text) {
        match token.kind {
            TokenKind::Word => word_index_key_into(token.text, &mut buffer),
            TokenKind::Number => {
                keys.push(NUMBER_CLASS_KEY.to_owned());
                number_index_key_into(token.text, &mut buffer);
            }
            TokenKind::Punctuation | TokenKind::Tag => continue,
        }
        content += 1;
        keys.push(buffer.clone());
    }
    keys.sort_unstable();
    keys.dedup();
    (keys, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text).iter().map(|t| (t.kind, t.text)).collect()
    }

    #[test]
    fn words_numbers_marks_and_tags() {
        use TokenKind::*;
        assert_eq!(
            kinds("We deployed 3,700 peacekeepers in 2017."),
            vec![
                (Word, "We"),
                (Word, "deployed"),
                (Number, "3,700"),
                (Word, "peacekeepers"),
                (Word, "in"),
                (Number, "2017"),
                (Punctuation, "."),
            ]
        );
        assert_eq!(
            kinds("Open %s in {0} <b>now</b>"),
            vec![
                (Word, "Open"),
                (Tag, "%s"),
                (Word, "in"),
                (Tag, "{0}"),
                (Tag, "<b>"),
                (Word, "now"),
                (Tag, "</b>"),
            ]
        );
        assert_eq!(
            kinds("l’ONU compte 3\u{202f}700 soldats !"),
            vec![
                (Word, "l’"),
                (Word, "ONU"),
                (Word, "compte"),
                (Number, "3\u{202f}700"),
                (Word, "soldats"),
                (Punctuation, "!"),
            ]
        );
        assert_eq!(
            kinds("a < b"),
            vec![(Word, "a"), (Punctuation, "<"), (Word, "b")]
        );
        assert_eq!(kinds("100%"), vec![(Number, "100"), (Punctuation, "%")]);
        assert_eq!(
            kinds("3 700 soldats"),
            vec![(Number, "3 700"), (Word, "soldats")]
        );
        assert_eq!(
            kinds("2017 700 x"),
            vec![(Number, "2017"), (Number, "700"), (Word, "x")]
        );
        assert_eq!(kinds("3 7000"), vec![(Number, "3"), (Number, "7000")]);
    }

    #[test]
    fn tokens_rebuild_the_text() {
        let text = "  Hello,  world — it’s 3,5 km ";
        let tokens = tokenize(text);
        let rebuilt: String = tokens
            .iter()
            .map(|t| &text[t.start..t.end_with_space])
            .collect();
        assert_eq!(rebuilt, text.trim_start());
    }

    #[test]
    fn number_styles_are_kept() {
        let fr = NumberStyle::of("3\u{202f}700");
        assert_eq!(fr.format("3800"), "3\u{202f}800");
        let en = NumberStyle::of("3,700");
        assert_eq!(en.format("12500"), "12,500");
        assert_eq!(NumberStyle::of("1,5").format("2.25"), "2,25");
        assert_eq!(NumberStyle::of("700").format("3800"), "3800");
    }

    #[test]
    fn keys_fold_case_and_apostrophes() {
        let tokens = tokenize("L’Assemblée l'assemblée");
        assert_eq!(tokens[0].key(), tokens[2].key());
        assert_eq!(tokens[1].key(), tokens[3].key());
    }

    #[test]
    fn index_keys_count_content() {
        let (keys, content) = index_keys("Send 3,700 troops, now!");
        assert_eq!(content, 4);
        assert_eq!(keys, vec!["#", "#3700", "now", "send", "troops"]);
        let (keys, _) = index_keys("L’Élection de l'ÉTÉ");
        assert_eq!(keys, vec!["de", "election", "ete", "l'"]);
    }

    proptest::proptest! {
        #[test]
        fn the_token_iterator_rebuilds_the_text(text in "[a-zA-Z0-9éÉ’' ,.!%{}<>/\u{a0}_-]{0,40}") {
            let tokens = tokenize(&text);
            let rebuilt: String = tokens.iter().map(|t| &text[t.start..t.end_with_space]).collect();
            proptest::prop_assert_eq!(rebuilt, text.trim_start());
            for pair in tokens.windows(2) {
                proptest::prop_assert!(pair[0].start + pair[0].text.len() <= pair[1].start);
                proptest::prop_assert_eq!(pair[0].end_with_space, pair[1].start);
            }
        }
    }
}
