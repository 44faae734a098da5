//! The properties every input must keep, whatever it is: the fuzz targets (fuzz/) run them on
//! generated inputs and the regression tests (tests/fixtures/fuzz/) on the inputs fuzzing
//! once broke. Each function panics, with a message, when a property fails.

use unic_langid::LanguageIdentifier;

use crate::exchange::{TmxReader, TsvReader, XliffReader, MAX_SEGMENT_BYTES};
use crate::memory::{score, score_in};
use crate::speech::{self, sentences::sentence_ranges};
use crate::textfile::{decode, Origin};

/// Speech text: sentences cover a line exactly (nothing lost or added but white space at the
/// edges), no segment is empty, and parse → write → parse gives the same speech.
pub fn check_speech(data: &[u8]) {
    let Ok(text) = decode(&Origin::Stdin, data.to_vec()) else {
        return;
    };
    for profile in crate::lang::profiles() {
        let lang: &LanguageIdentifier = &profile.language;
        let ranges = sentence_ranges(&text, &profile.segmentation);
        let mut end = 0;
        for range in &ranges {
            assert!(
                range.start >= end && range.end > range.start,
                "ranges out of order"
            );
            assert!(
                text[end..range.start].chars().all(char::is_whitespace),
                "text lost between sentences"
            );
            end = range.end;
        }
        assert!(
            text[end..].chars().all(char::is_whitespace),
            "text lost at the end"
        );
        let Ok(first) = speech::parse(&text, &Origin::Stdin, Some(lang)) else {
            continue;
        };
        let segments = speech::segment(&first);
        assert!(segments.iter().all(|s| !s.text.is_empty()), "empty segment");
        let written = speech::write(&first);
        let second = speech::parse(&written, &Origin::Stdin, None)
            .unwrap_or_else(|e| panic!("written speech does not parse: {e}\n{written}"));
        assert_eq!(first, second, "round trip changed the speech:\n{written}");
    }
}

/// Bytes read as a speech file, with C0 control characters put in on purpose (see
/// `with_control_characters`): reading gives a speech or a located error, never a panic;
/// no segment keeps a control character but the tab, since it would reach the memory, the
/// exports and the interpreter's screen; and writing the speech as `translate -o` writes a
/// draft ([`speech::write`]) and reading it again keeps every segment's text and kind.
pub fn check_speech_roundtrip(data: &[u8]) {
    let bytes = String::from_utf8_lossy(&with_control_characters(data)).into_owned();
    // The way a speech file is read (`speech::read`): decoded, then parsed.
    let Ok(text) = decode(&Origin::Stdin, bytes.into_bytes()) else {
        return;
    };
    for profile in crate::lang::profiles() {
        let Ok(first) = speech::parse(&text, &Origin::Stdin, Some(&profile.language)) else {
            continue;
        };
        let segments = speech::segment(&first);
        for segment in &segments {
            assert!(
                !segment.text.contains(|c: char| c < ' ' && c != '\t'),
                "a control character in a {} segment: {:?}",
                segment.kind.as_str(),
                segment.text
            );
        }
        let written = speech::write(&first);
        let reread = decode(&Origin::Stdin, written.clone().into_bytes())
            .unwrap_or_else(|e| panic!("the written speech cannot be read: {e}\n{written:?}"));
        let second = speech::parse(&reread, &Origin::Stdin, None)
            .unwrap_or_else(|e| panic!("the written speech does not parse: {e}\n{written:?}"));
        let texts = |segments: &[speech::Segment]| -> Vec<(speech::SegmentKind, String)> {
            segments.iter().map(|s| (s.kind, s.text.clone())).collect()
        };
        assert_eq!(
            texts(&segments),
            texts(&speech::segment(&second)),
            "the round trip changed the segments:\n{written:?}"
        );
    }
}

/// The input of [`check_speech_roundtrip`]: the bytes as they are, but 0xF5 to 0xFF (which
/// never occur in UTF-8) replaced by the C0 control characters a speech file may carry
/// (vertical tab, form feed, escape, start of heading, backspace, NUL, tab, lone CR, line
/// feed, unit separator), so that fuzzing puts them anywhere with a one-byte change.
fn with_control_characters(data: &[u8]) -> Vec<u8> {
    data.iter()
        .map(|&b| match b {
            0xF5 | 0xFF => 0x0b,
            0xF6 => 0x0c,
            0xF7 => 0x1b,
            0xF8 => 0x01,
            0xF9 => 0x08,
            0xFA => 0x00,
            0xFB => b'\t',
            0xFC => b'\r',
            0xFD => b'\n',
            0xFE => 0x1f,
            other => other,
        })
        .collect()
}

/// TSV bytes: the reader ends in pairs, the end, or a located error; it never panics or
/// loops. A pair is one line (\n, \r\n or a lone \r ends it), so its columns hold no tab
/// and no line break, its line is 1-based, never goes back and is at most one more than the
/// line breaks seen, and each column is within [`MAX_SEGMENT_BYTES`] like every other
/// reader's segments.
pub fn check_tsv(data: &[u8]) {
    let breaks = data.iter().filter(|b| matches!(b, b'\n' | b'\r')).count();
    let mut reader = TsvReader::new(data, Origin::Stdin);
    let mut pairs = 0usize;
    let mut last_line = 0usize;
    loop {
        match reader.next_pair() {
            Ok(Some(pair)) => {
                pairs += 1;
                assert!(
                    pairs <= data.len(),
                    "more pairs than bytes: the reader loops"
                );
                assert!(pair.line >= 1, "a pair without a line");
                assert!(
                    pair.line >= last_line,
                    "line {} after line {last_line}",
                    pair.line
                );
                assert!(
                    pair.line <= breaks + 1,
                    "line {} in an input of {breaks} line breaks",
                    pair.line
                );
                last_line = pair.line;
                for (column, text) in [("source", &pair.source), ("target", &pair.target)] {
                    assert!(
                        !text.contains(['\t', '\n', '\r']),
                        "a tab or line break in the {column} of line {}: {text:?}",
                        pair.line
                    );
                    assert!(
                        text.len() <= MAX_SEGMENT_BYTES,
                        "a {column} of {} bytes on line {}",
                        text.len(),
                        pair.line
                    );
                }
            }
            Ok(None) => break,
            Err(e) => {
                let location = e.location();
                assert!(location.line >= 1, "an error without a line: {e}");
                assert!(location.column != Some(0), "column 0: {e}");
                break;
            }
        }
    }
}

/// TMX bytes: the reader ends in units, the end, or a located error; it never loops.
pub fn check_tmx(data: &[u8]) {
    let Ok(mut reader) = TmxReader::new(data, Origin::Stdin) else {
        return;
    };
    let mut units = 0usize;
    while let Ok(Some(unit)) = reader.next_unit() {
        units += 1;
        assert!(unit.line >= 1, "a unit without a line");
        assert!(
            units <= data.len(),
            "more units than bytes: the reader loops"
        );
    }
}

/// XLIFF bytes (1.2 or 2.x): the reader ends in units, the end, or a located error; it
/// never loops.
pub fn check_xliff(data: &[u8]) {
    let Ok(mut reader) = XliffReader::new(data, Origin::Stdin) else {
        return;
    };
    let mut units = 0usize;
    while let Ok(Some(_)) = reader.next_unit() {
        units += 1;
        assert!(
            units <= data.len(),
            "more units than bytes: the reader loops"
        );
    }
}

/// Two texts: the match score is a percentage, the same in every language when no word
/// has another form, and 100 % only for texts that are the same both ways.
pub fn check_score(query: &str, source: &str) {
    let plain = score(query, source);
    assert!(plain <= 100, "score over 100");
    for profile in crate::lang::profiles() {
        let lang = &profile.language;
        let in_language = score_in(query, source, lang);
        assert!(in_language <= 100, "score over 100 in {lang}");
        assert!(
            in_language >= plain,
            "word forms lowered the score in {lang}"
        );
        assert_eq!(
            in_language == 100,
            plain == 100,
            "100 % depends on the language"
        );
    }
    if plain == 100 {
        assert_eq!(score(source, query), 100, "100 % is not symmetric");
    }
}

/// Bytes as two texts, the query before the first NUL byte and the stored source after it
/// (invalid UTF-8 replaced): the form of the `score` fuzz target's inputs and of its
/// regression files.
pub fn check_score_bytes(data: &[u8]) {
    let (query, source) = match data.iter().position(|b| *b == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (data, &[][..]),
    };
    check_score(
        &String::from_utf8_lossy(query),
        &String::from_utf8_lossy(source),
    );
}
