//! Re-translating a speech from the memory its own alignment built: every sentence and
//! salutation the alignment stored comes back at 100 %, including the sentences stored
//! joined in one unit (a 2-1 bead), on every sample pair and on ../shared/align-dev.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::repo_path;
use crate::xliff::Workspace;

/// The sample pairs of `speeches/` and, when it is there, of ../shared/align-dev.
fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut pairs = Vec::new();
    for dir in [repo_path("speeches"), repo_path("../shared/align-dev")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("{} is not there: skipped", dir.display());
            continue;
        };
        let mut sources: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".en.txt"))
            .collect();
        sources.sort();
        for source in sources {
            let target = PathBuf::from(source.to_string_lossy().replace(".en.txt", ".fr.txt"));
            if target.is_file() {
                pairs.push((source, target));
            }
        }
    }
    pairs
}

fn json_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The source texts of the beads `align --store` stored, each segment on its own (a bead's
/// source segments are its text's sentences).
fn stored_sources(ws: &Workspace, source: &Path, target: &Path) -> Vec<(String, String)> {
    let output = ws
        .run(&["align", "--store", "--format", "jsonl"])
        .arg(source)
        .arg(target)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    json_lines(&output.stdout)
        .into_iter()
        .filter(|bead| bead["storable"] == true)
        .map(|bead| {
            let kind = bead["kind"].as_str().unwrap().to_owned();
            (bead["texts"][0].as_str().unwrap().to_owned(), kind)
        })
        .collect()
}

#[test]
fn every_stored_sentence_and_salutation_comes_back_at_100_percent() {
    let mut salutations = 0;
    let mut joined = 0;
    let mut checked = 0;
    for (source, target) in pairs() {
        let ws = Workspace::new();
        let stored = stored_sources(&ws, &source, &target);
        let output = ws
            .run(&["translate", "--to", "fr", "--report", "json"])
            .arg(&source)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        let segments = report["segments"].as_array().unwrap();
        for (text, kind) in &stored {
            salutations += usize::from(kind == "salutation");
            // The stored source is one segment, or two consecutive ones translated together.
            let found = segments.iter().enumerate().find(|(k, s)| {
                s["text"] == text.as_str()
                    || segments.get(k + 1).is_some_and(|next| {
                        format!(
                            "{} {}",
                            s["text"].as_str().unwrap(),
                            next["text"].as_str().unwrap()
                        ) == *text
                    })
            });
            let Some((_, segment)) = found else {
                panic!(
                    "{}: {text:?} is not a segment of the draft",
                    source.display()
                );
            };
            assert_eq!(
                segment["score"],
                100,
                "{}: {text:?} came back as {segment}",
                source.display()
            );
            assert!(
                segment["target"].is_string(),
                "{}: {segment}",
                source.display()
            );
            if segment["band"] == "joined" {
                joined += 1;
            }
            checked += 1;
        }
        // Nothing of the speech is left untranslated that the memory holds.
        for segment in segments {
            if segment["treatment"] == "translate" && segment["target"].is_null() {
                let text = segment["text"].as_str().unwrap();
                assert!(
                    !stored.iter().any(|(s, _)| s.contains(text)),
                    "{}: {text:?} is stored but left to translate",
                    source.display()
                );
            }
        }
    }
    eprintln!(
        "{checked} stored units came back at 100 % ({salutations} salutations, {joined} joined)"
    );
    assert!(checked > 100, "only {checked} units checked");
    assert!(salutations > 5, "only {salutations} salutations stored");
}
