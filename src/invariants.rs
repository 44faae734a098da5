//! The properties every input must keep, whatever it is: the fuzz targets (fuzz/) run them on
//! generated inputs and the regression tests (tests/fixtures/fuzz/) on the inputs fuzzing
//! once broke. Each function panics, with a message, when a property fails.

use unic_langid::LanguageIdentifier;

use crate::exchange::{TmxReader, XliffReader};
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
