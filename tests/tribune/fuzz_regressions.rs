//! Inputs that fuzzing found to break an invariant (tests/fixtures/fuzz/TARGET/), kept as
//! regression tests: each runs through the same checks as its fuzz target.

use tribune::speech::{self, sentences::sentence_ranges};
use tribune::textfile::{decode, Origin};
use unic_langid::LanguageIdentifier;

use crate::repo_path;

fn fixtures(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repo_path("tests/fixtures/fuzz").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

/// The checks of fuzz/fuzz_targets/speech.rs.
pub fn check_speech(data: &[u8]) {
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
        assert!(segments.iter().all(|s| !s.text.is_empty()), "empty segment");
        let written = speech::write(&first);
        let second = speech::parse(&written, &Origin::Stdin, None)
            .unwrap_or_else(|e| panic!("written speech does not parse: {e}\n{written}"));
        assert_eq!(first, second, "round trip changed the speech:\n{written}");
    }
}

#[test]
fn speech_fuzz_findings_stay_fixed() {
    let files = fixtures("speech");
    assert!(!files.is_empty());
    for (name, data) in files {
        let result = std::panic::catch_unwind(|| check_speech(&data));
        assert!(result.is_ok(), "{name}");
    }
}
