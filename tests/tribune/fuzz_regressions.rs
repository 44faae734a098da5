//! Inputs that fuzzing found to break a property (tests/fixtures/fuzz/TARGET/), kept as
//! regression tests: each runs through the same check as its fuzz target
//! (`tribune::invariants`).

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

fn run_all(target: &str, check: impl Fn(&[u8]) + std::panic::RefUnwindSafe) {
    let files = fixtures(target);
    assert!(!files.is_empty(), "no fixtures for {target}");
    for (name, data) in files {
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{name}");
    }
}

#[test]
fn speech_fuzz_findings_stay_fixed() {
    run_all("speech", tribune::invariants::check_speech);
}

#[test]
fn tmx_seeds_and_findings_stay_fixed() {
    run_all("tmx", tribune::invariants::check_tmx);
}

#[test]
fn xliff_seeds_and_findings_stay_fixed() {
    run_all("xliff", tribune::invariants::check_xliff);
}

#[test]
fn score_seeds_and_findings_stay_fixed() {
    run_all("score", tribune::invariants::check_score_bytes);
}

#[test]
fn tsv_seeds_and_findings_stay_fixed() {
    run_all("tsv", tribune::invariants::check_tsv);
}

#[test]
fn speech_roundtrip_seeds_and_findings_stay_fixed() {
    run_all(
        "speech_roundtrip",
        tribune::invariants::check_speech_roundtrip,
    );
}
