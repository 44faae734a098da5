//! The speech parser and segmenter on arbitrary input: never a panic or a hang, and for
//! every input that parses, parse → write → parse gives the same speech and the sentences
//! of every prose line cover its text exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tribune::speech::{self, sentences::sentence_ranges};
use tribune::textfile::{decode, Origin};
use unic_langid::LanguageIdentifier;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(&Origin::Stdin, data.to_vec()) else {
        return;
    };
    for tag in ["en", "fr"] {
        let lang: LanguageIdentifier = tag.parse().unwrap();
        let profile = tribune::lang::profile(&lang);
        let ranges = sentence_ranges(&text, &profile.segmentation);
        let mut end = 0;
        for range in &ranges {
            assert!(range.start >= end && range.end > range.start);
            assert!(text[end..range.start].chars().all(char::is_whitespace));
            end = range.end;
        }
        assert!(text[end..].chars().all(char::is_whitespace));

        let Ok(first) = speech::parse(&text, &Origin::Stdin, Some(&lang)) else {
            continue;
        };
        let segments = speech::segment(&first);
        assert!(segments.iter().all(|s| !s.text.is_empty()));
        let written = speech::write(&first);
        let second = speech::parse(&written, &Origin::Stdin, None)
            .unwrap_or_else(|e| panic!("written speech does not parse: {e}\n{written}"));
        assert_eq!(first, second, "round trip changed the speech:\n{written}");
    }
});
