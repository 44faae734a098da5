//! Sentence boundaries inside one line of prose, by rule (docs/segmentation.md).
//!
//! One pass over the bytes finds candidate final marks (`.`, `!`, `?`, `…`); each candidate
//! is judged from what follows it (white space, then a capital, a digit, an opening quote)
//! and, for a period, from the word before it (titles, abbreviations, initials, list
//! markers, from the language profile). Matched parentheses and square brackets are found
//! first, in another linear pass, so nothing inside them is split. There are no regular
//! expressions and no backtracking: time is linear in the input.

use std::ops::Range;

use crate::lang::SegmentationLists;

const ELLIPSIS: &[u8] = "…".as_bytes();
const NBSP: &[u8] = "\u{a0}".as_bytes();
const NNBSP: &[u8] = "\u{202f}".as_bytes();
const THIN_SPACE: &[u8] = "\u{2009}".as_bytes();
/// Closing quotes and brackets that stay with the sentence they follow.
const CLOSERS: [&[u8]; 8] = [
    b"\"",
    b"'",
    b")",
    b"]",
    "\u{201d}".as_bytes(), // ”
    "\u{2019}".as_bytes(), // ’
    "\u{bb}".as_bytes(),   // »
    "\u{203a}".as_bytes(), // ›
];
/// Closing quotes that French typography separates from the text by a (narrow) space.
const SPACED_CLOSERS: [&[u8]; 2] = ["\u{bb}".as_bytes(), "\u{201d}".as_bytes()];

/// How a run of final marks ends a sentence.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// A single period: depends on the word before it.
    Period,
    /// `!` or `?`: ends a sentence unless lower case follows.
    Strong,
    /// `...` or `…`: like `!`/`?`, except as an omission mark `[…]`.
    Ellipsis,
}

/// What starts after the white space following a final mark.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Start {
    Upper,
    Lower,
    Digit,
    /// Punctuation that continues a sentence: `: ; , ) ] »` (French spacing puts a space
    /// before some of them: "Tél. : +41…").
    Continuation,
    Other,
}

fn starts_with_at(bytes: &[u8], at: usize, needle: &[u8]) -> bool {
    bytes.len() >= at + needle.len() && &bytes[at..at + needle.len()] == needle
}

/// Length of the space-like character at `at` (ASCII white space, no-break spaces), or 0.
fn space_len(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b' ' | b'\t' | b'\n' | b'\r') => 1,
        Some(0xC2) if starts_with_at(bytes, at, NBSP) => 2,
        Some(0xE2) if starts_with_at(bytes, at, NNBSP) || starts_with_at(bytes, at, THIN_SPACE) => {
            3
        }
        _ => 0,
    }
}

fn spaces_len(bytes: &[u8], mut at: usize) -> usize {
    let start = at;
    loop {
        let n = space_len(bytes, at);
        if n == 0 {
            return at - start;
        }
        at += n;
    }
}

/// Outermost matched `(…)` and `[…]` pairs as (open, close) byte positions, in order.
/// Only the top of the stack is matched, so the pass stays linear on any input.
fn protected_ranges(bytes: &[u8]) -> Vec<(usize, usize)> {
    const MAX_DEPTH: usize = 64;
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' if stack.len() < MAX_DEPTH => stack.push((b, i)),
            b')' | b']' => {
                let want = if b == b')' { b'(' } else { b'[' };
                if let Some(&(open_byte, open)) = stack.last() {
                    if open_byte == want {
                        stack.pop();
                        while ranges.last().is_some_and(|&(o, _)| o > open) {
                            ranges.pop();
                        }
                        ranges.push((open, i));
                    }
                }
            }
            _ => {}
        }
    }
    ranges
}

fn is_opening_punctuation(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201c}'
            | '\u{2018}'
            | '\u{ab}'
            | '\u{2039}'
            | '\u{201e}'
            | '('
            | '['
            | '\u{bf}'
            | '\u{a1}'
            | '\u{2014}'
            | '\u{2013}'
            | '-'
    )
}

/// The first word of what follows a final mark, to check for a usual sentence opener.
#[derive(Clone, Copy)]
struct NextWord<'a> {
    /// Letters only.
    word: &'a str,
    /// Whether a period follows it ("M.", "J.-C."): then it is an abbreviation.
    abbreviated: bool,
}

/// Classifies what starts at `at` and returns the word there.
fn start_at(text: &str, at: usize) -> (Start, NextWord<'_>) {
    let rest = &text[at..];
    let mut chars = rest.char_indices();
    let none = NextWord {
        word: "",
        abbreviated: false,
    };
    let Some((_, mut c)) = chars.next() else {
        return (Start::Other, none);
    };
    let mut offset = 0;
    if is_opening_punctuation(c) {
        offset = c.len_utf8();
        offset += spaces_len(rest.as_bytes(), offset);
        match rest[offset..].chars().next() {
            Some(next) => c = next,
            None => return (Start::Other, none),
        }
    }
    let word_start = &rest[offset..];
    let word_end = word_start
        .char_indices()
        .find(|&(_, ch)| !ch.is_alphabetic())
        .map_or(word_start.len(), |(i, _)| i);
    let word = NextWord {
        word: &word_start[..word_end],
        abbreviated: word_start[word_end..].starts_with('.'),
    };
    let start = if offset == 0 && matches!(c, ':' | ';' | ',' | ')' | ']' | '\u{bb}') {
        Start::Continuation
    } else if c.is_uppercase() {
        Start::Upper
    } else if c.is_lowercase() {
        Start::Lower
    } else if c.is_numeric() {
        Start::Digit
    } else {
        Start::Other
    };
    (start, word)
}

/// Drops opening punctuation at the front of a token and closing quotes at its end, so that
/// `(Mr.` and `triumph”.` are judged on `Mr.` and `triumph.`.
fn core_token(token: &str) -> (usize, String) {
    let mut front = token
        .char_indices()
        .find(|&(_, c)| !is_opening_punctuation(c))
        .map_or(token.len(), |(i, _)| i);
    // An elided article or pronoun in front ("l’art.", "d’env.") does not change the word.
    if let Some((i, c)) = token[front..]
        .char_indices()
        .find(|&(_, c)| c == '\u{2019}' || c == '\'')
    {
        let prefix = &token[front..front + i];
        if (1..=2).contains(&prefix.chars().count()) && prefix.chars().all(char::is_alphabetic) {
            front += i + c.len_utf8();
        }
    }
    let body = &token[front..];
    let body = body.strip_suffix('.').unwrap_or(body);
    let body = body.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', '\u{bb}', ')', ']']);
    (front, format!("{body}."))
}

fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 6
        && (word.chars().all(|c| "IVXLC".contains(c)) || word.chars().all(|c| "ivxlc".contains(c)))
}

fn is_list_marker(word: &str) -> bool {
    let n = word.chars().count();
    (n <= 3 && word.chars().all(|c| c.is_ascii_digit()))
        || (n == 1 && word.chars().all(char::is_alphabetic))
        || is_roman_numeral(word)
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// "U.S", "e.g", "a.m", "Ph.D", "J.-C": short letter groups joined by periods.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            let part = part.trim_start_matches('-');
            let n = part.chars().count();
            (1..=3).contains(&n) && part.chars().all(char::is_alphabetic)
        })
}

fn in_list(list: &crate::lang::WordSet, token: &str) -> bool {
    if list.contains(token) {
        return true;
    }
    // "MR." in a line typed in capitals, "Art." at the start of a sentence.
    let mut chars = token.chars();
    match chars.next() {
        Some(first) if first.is_uppercase() => {
            let lowered: String = first.to_lowercase().chain(chars).collect();
            list.contains(&lowered)
        }
        Some(first) if first.is_lowercase() => {
            let raised: String = first.to_uppercase().chain(chars).collect();
            list.contains(&raised)
        }
        _ => false,
    }
}

/// Decides whether a period ends a sentence, from the token before it.
fn period_ends_sentence(
    lists: &SegmentationLists,
    text: &str,
    token_start: usize,
    period: usize,
    segment_start: usize,
    start: Start,
    next: NextWord<'_>,
) -> bool {
    let token = &text[token_start..=period];
    let (front, core) = core_token(token);
    if core == "." {
        return true;
    }
    let word = &core[..core.len() - 1];
    if in_list(&lists.titles, &core) {
        return false;
    }
    if start == Start::Digit && in_list(&lists.before_number, &core) {
        return false;
    }
    if token_start + front == segment_start && is_list_marker(word) {
        return false;
    }
    if in_list(&lists.terminal, &core) {
        return true;
    }
    let initial = is_initial(word) && !lists.letter_words.contains(word);
    if in_list(&lists.ambiguous, &core) || initial || is_dotted_abbreviation(word) {
        // A new sentence has begun if a usual opener follows, or, after an abbreviation, a
        // title ("… left at 6 P.M. Mr. Smith then went", "… à 9 h. M. Sow a parlé"); after a
        // dotted one in lower case the title goes on the sentence ("At 5 a.m. Mr. Smith went
        // to the bank."). An
        // initial or abbreviation ("J.-C.") does not open one, nor a title after an initial
        // ("S. E. M. Sissoko").
        let opener = if initial {
            !next.abbreviated && lists.sentence_openers.contains(next.word)
        } else {
            (!next.abbreviated && lists.sentence_openers.contains(next.word))
                || ((word.chars().any(char::is_uppercase) || !is_dotted_abbreviation(word))
                    && in_list(&lists.titles, &format!("{}.", next.word)))
        };
        return start == Start::Upper && opener;
    }
    true
}

/// Byte ranges of the sentences in `text`, trimmed of white space, in order, never empty.
/// Every non-white-space character of `text` is in exactly one range.
pub fn sentence_ranges(text: &str, lists: &SegmentationLists) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let protected = protected_ranges(bytes);
    let mut next_protected = 0usize;
    let mut ranges = Vec::new();
    let mut segment_start = spaces_len(bytes, 0);
    let mut i = segment_start;
    while i < len {
        let b = bytes[i];
        let is_mark = b == b'.'
            || b == b'!'
            || b == b'?'
            || (b == 0xE2 && starts_with_at(bytes, i, ELLIPSIS));
        if !is_mark {
            i += 1;
            continue;
        }
        let mark_start = i;
        let (j, mark) = mark_run(bytes, i);
        i = j;
        let k = closers_end(bytes, j);
        let gap = spaces_len(bytes, k);
        if gap == 0 {
            // "3.5", "www.un.org", "U.S.A": not a boundary; but "Monday.The" is a
            // sentence end with its space missing.
            if is_missing_space(text, lists, mark, mark_start, k, segment_start)
                && !inside_protected(&protected, &mut next_protected, k)
            {
                ranges.push(segment_start..k);
                segment_start = k;
                i = k;
            }
            continue;
        }
        let next = k + gap;
        if next >= len {
            break;
        }
        // Nothing ends inside matched brackets; a bracket closed by the closers is left.
        if inside_protected(&protected, &mut next_protected, k) {
            continue;
        }
        if mark_ends_sentence(text, lists, mark, mark_start, segment_start, next) {
            ranges.push(segment_start..k);
            segment_start = next;
            i = next;
        }
    }
    let end = trim_end(bytes, len);
    if end > segment_start {
        ranges.push(segment_start..end);
    }
    ranges
}

/// Three periods with a space between each: an ellipsis as style guides for quotations set it.
const SPACED_ELLIPSIS: &[u8] = b". . .";

/// The run of final marks starting at `at` ("?!", "...", "…"): where it ends, and how it
/// ends a sentence. Called once per candidate mark by [`sentence_ranges`]'s byte loop.
#[inline]
fn mark_run(bytes: &[u8], at: usize) -> (usize, Mark) {
    let mut dots = 0;
    let mut strong = false;
    let mut ellipsis = false;
    let mut j = at;
    // A spaced ellipsis (". . .", in quotations with omissions) is one mark, not three.
    if bytes[at..].starts_with(SPACED_ELLIPSIS) {
        ellipsis = true;
        j = at + SPACED_ELLIPSIS.len();
        while bytes[j..].starts_with(b" .") {
            j += 2;
        }
    }
    loop {
        match bytes.get(j) {
            Some(b'.') => {
                dots += 1;
                j += 1;
            }
            Some(b'!' | b'?') => {
                strong = true;
                j += 1;
            }
            Some(0xE2) if starts_with_at(bytes, j, ELLIPSIS) => {
                ellipsis = true;
                j += ELLIPSIS.len();
            }
            _ => break,
        }
    }
    let mark = if ellipsis || dots >= 2 {
        Mark::Ellipsis
    } else if strong {
        Mark::Strong
    } else {
        Mark::Period
    };
    (j, mark)
}

/// Where the closing quotes and brackets after a run of final marks end: they stay with
/// the sentence, "… demain ? »" included (a closer French spacing separates by a space,
/// not across a line break). Called once per candidate mark.
#[inline]
fn closers_end(bytes: &[u8], at: usize) -> usize {
    let mut k = at;
    'closers: loop {
        for closer in CLOSERS {
            if starts_with_at(bytes, k, closer) {
                k += closer.len();
                continue 'closers;
            }
        }
        let gap = space_len(bytes, k);
        if gap > 0 && bytes.get(k) != Some(&b'\n') {
            for closer in SPACED_CLOSERS {
                if starts_with_at(bytes, k + gap, closer) {
                    k += gap + closer.len();
                    continue 'closers;
                }
            }
        }
        break;
    }
    k
}

/// Whether a run of final marks followed by white space ends the sentence, judged from what
/// starts at `next` and, for a period, from the word before it: kept apart from the byte
/// loop of [`sentence_ranges`], which only finds the candidates.
fn mark_ends_sentence(
    text: &str,
    lists: &SegmentationLists,
    mark: Mark,
    mark_start: usize,
    segment_start: usize,
    next: usize,
) -> bool {
    let bytes = text.as_bytes();
    if mark == Mark::Ellipsis && mark_start > 0 && matches!(bytes[mark_start - 1], b'[' | b'(') {
        return false; // "[…]" marks an omission.
    }
    let (start, next_word) = start_at(text, next);
    match (mark, start) {
        (_, Start::Lower | Start::Continuation) => false,
        (Mark::Strong | Mark::Ellipsis, _) => true,
        (Mark::Period, _) => {
            let token_start = token_start(bytes, mark_start).max(segment_start);
            period_ends_sentence(
                lists,
                text,
                token_start,
                mark_start,
                segment_start,
                start,
                next_word,
            )
        }
    }
}

/// Whether position `at` lies inside a matched bracket pair (`cursor` moves forward only, so
/// successive calls with growing positions stay linear).
fn inside_protected(protected: &[(usize, usize)], cursor: &mut usize, at: usize) -> bool {
    while *cursor < protected.len() && protected[*cursor].1 < at {
        *cursor += 1;
    }
    protected
        .get(*cursor)
        .is_some_and(|&(open, close)| open < at && at <= close)
}

/// A final mark glued to the next sentence ("Monday.The", "loin ?Oui"): the next word is
/// capitalised and continues in lower case, the mark follows a lower-case letter or a
/// closing bracket, and the token is no URL, e-mail address or known abbreviation.
fn is_missing_space(
    text: &str,
    lists: &SegmentationLists,
    mark: Mark,
    mark_start: usize,
    next: usize,
    segment_start: usize,
) -> bool {
    let mut after = text[next..].chars();
    let (Some(first), Some(second)) = (after.next(), after.next()) else {
        return false;
    };
    if !(first.is_uppercase() && second.is_lowercase()) {
        return false;
    }
    let before = text[..mark_start].chars().next_back();
    let start = token_start(text.as_bytes(), mark_start).max(segment_start);
    // After a word, a closing bracket or quote, or a number that is not a list marker
    // opening the segment ("bought 1,000.That is", but "1.Introduction").
    let glued_to_word = before.is_some_and(|c| {
        c.is_lowercase()
            || matches!(c, ')' | '\u{201d}' | '"')
            || (c.is_ascii_digit() && start > segment_start)
    });
    if !glued_to_word && mark == Mark::Period {
        return false;
    }
    let token_end = text[next..]
        .find(char::is_whitespace)
        .map_or(text.len(), |p| next + p);
    let token = &text[start..token_end];
    if token.contains("://") || token.contains('@') || token.contains('/') || token.contains('=') {
        return false;
    }
    let lower = token.to_lowercase();
    if lower.starts_with("www.") || lower.ends_with(".org") || lower.ends_with(".com") {
        return false;
    }
    if mark == Mark::Period {
        let (_, core) = core_token(&text[start..=mark_start]);
        let word = &core[..core.len() - 1];
        let abbreviation = in_list(&lists.titles, &core)
            || in_list(&lists.ambiguous, &core)
            || in_list(&lists.before_number, &core)
            || in_list(&lists.terminal, &core)
            || is_dotted_abbreviation(word);
        if abbreviation {
            return false;
        }
    }
    true
}

/// Where the token that ends at `end` starts: after the previous white space, no-break
/// spaces included ("S.E.\u{202f}M." is two tokens).
fn token_start(bytes: &[u8], end: usize) -> usize {
    let mut i = end;
    while i > 0 {
        match bytes[i - 1] {
            b' ' | b'\t' => return i,
            0xA0 if i >= 2 && bytes[i - 2] == 0xC2 => return i,
            0xAF | 0x89 if i >= 3 && bytes[i - 3] == 0xE2 && bytes[i - 2] == 0x80 => return i,
            _ => i -= 1,
        }
    }
    0
}

fn trim_end(bytes: &[u8], mut end: usize) -> usize {
    loop {
        if end >= 1 && matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
            end -= 1;
        } else if end >= 2 && &bytes[end - 2..end] == NBSP {
            end -= 2;
        } else if end >= 3 && (&bytes[end - 3..end] == NNBSP || &bytes[end - 3..end] == THIN_SPACE)
        {
            end -= 3;
        } else {
            return end;
        }
    }
}

/// The sentences of `text` as string slices.
pub fn sentences<'a>(text: &'a str, lists: &SegmentationLists) -> Vec<&'a str> {
    sentence_ranges(text, lists)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang;
    use unic_langid::langid;

    fn en(text: &str) -> Vec<&str> {
        sentences(text, &lang::profile(&langid!("en")).segmentation)
    }

    fn fr(text: &str) -> Vec<&str> {
        sentences(text, &lang::profile(&langid!("fr")).segmentation)
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            en("We met. We agreed! Did we? Yes."),
            ["We met.", "We agreed!", "Did we?", "Yes."]
        );
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            en("Mr. Osei met Dr. Lind and John F. Kennedy Jr. in the hall. They spoke."),
            [
                "Mr. Osei met Dr. Lind and John F. Kennedy Jr. in the hall.",
                "They spoke."
            ]
        );
        assert_eq!(
            fr("M. Diallo a rencontré Mme Traoré. Ils ont parlé."),
            ["M. Diallo a rencontré Mme Traoré.", "Ils ont parlé."]
        );
    }

    #[test]
    fn ambiguous_abbreviations_need_an_opener() {
        assert_eq!(
            en("He joined the U.S. Army in 1990. The U.S. The end."),
            ["He joined the U.S. Army in 1990.", "The U.S.", "The end."]
        );
        assert_eq!(
            en("We meet at 10 a.m. The doors open at 9 a.m. sharp."),
            ["We meet at 10 a.m.", "The doors open at 9 a.m. sharp."]
        );
    }

    #[test]
    fn numbers_after_number_abbreviations() {
        assert_eq!(
            en("See resolution No. 2100 and art. 5 on p. 12. Then vote."),
            ["See resolution No. 2100 and art. 5 on p. 12.", "Then vote."]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            en("She said: “We will act.” Then she left."),
            ["She said: “We will act.”", "Then she left."]
        );
        assert_eq!(
            en("“We act. We win,” she said."),
            ["“We act.", "We win,” she said."]
        );
        assert_eq!(en("“Why?” she asked."), ["“Why?” she asked."]);
        assert_eq!(
            fr("« Pourquoi\u{202f}? » a-t-il demandé. Personne ne répondit."),
            [
                "« Pourquoi\u{202f}? » a-t-il demandé.",
                "Personne ne répondit."
            ]
        );
        assert_eq!(
            fr("Il a dit\u{a0}: « Nous agirons\u{202f}! » Puis il est parti."),
            [
                "Il a dit\u{a0}: « Nous agirons\u{202f}! »",
                "Puis il est parti."
            ]
        );
    }

    #[test]
    fn brackets_are_never_split() {
        assert_eq!(
            en("The options are (a) wait. Or not; (b) act. Then vote."),
            [
                "The options are (a) wait.",
                "Or not; (b) act.",
                "Then vote."
            ]
        );
        assert_eq!(
            en("Note this (It was late. Very late.) and go. Next."),
            ["Note this (It was late. Very late.) and go.", "Next."]
        );
        assert_eq!(
            en("(This was an aside.) The main point follows."),
            ["(This was an aside.)", "The main point follows."]
        );
    }

    #[test]
    fn urls_decimals_and_missing_spaces() {
        assert_eq!(
            en("Visit www.un.org/en. It grew 3.5 per cent.The end."),
            ["Visit www.un.org/en.", "It grew 3.5 per cent.", "The end."]
        );
        assert_eq!(
            en("See www.UN.org, U.S.Army and St.Louis.Then go."),
            ["See www.UN.org, U.S.Army and St.Louis.", "Then go."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            en("We waited... And waited… and then it came."),
            ["We waited...", "And waited… and then it came."]
        );
        assert_eq!(
            fr("« Nous voulons […] La paix. » Voilà."),
            ["« Nous voulons […] La paix. »", "Voilà."]
        );
    }

    #[test]
    fn list_markers_stay_with_their_line() {
        assert_eq!(en("1. The Council decides."), ["1. The Council decides."]);
        assert_eq!(
            en("IV. Conclusions and the way ahead"),
            ["IV. Conclusions and the way ahead"]
        );
    }

    #[test]
    fn whitespace_is_kept_inside_and_dropped_at_edges() {
        assert_eq!(
            fr("  Il y a 3\u{202f}700 soldats.  Ils sont prêts.\u{a0}"),
            ["Il y a 3\u{202f}700 soldats.", "Ils sont prêts."]
        );
    }

    #[test]
    fn a_long_paragraph_without_punctuation_is_one_sentence() {
        let text = "word ".repeat(200_000);
        assert_eq!(en(&text).len(), 1);
        let parens = "(".repeat(100_000) + &")".repeat(100_000);
        assert_eq!(en(&parens).len(), 1);
    }
}
