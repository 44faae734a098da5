//! `tribune segment` end to end: the samples, the raw examples in ../shared, every output
//! format, language resolution, and bad input.

use predicates::prelude::*;
use serde_json::Value;

use crate::{repo_path, shared_path, tribune};

fn jsonl(args: &[&str]) -> Vec<Value> {
    let output = tribune()
        .arg("segment")
        .args(args)
        .arg("--format")
        .arg("jsonl")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn kinds(segments: &[Value]) -> Vec<&str> {
    segments
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect()
}

#[test]
fn the_raw_example_parses_into_headings_salutations_sentences_and_a_silence() {
    let path = shared_path("examples/remarks-bamako-2017.en.txt");
    let segments = jsonl(&[path.to_str().unwrap(), "--lang", "en"]);
    let kinds = kinds(&segments);
    assert_eq!(&kinds[..3], ["heading", "dateline", "heading"]);
    assert_eq!(&kinds[3..8], ["salutation"; 5]);
    assert!(kinds.iter().filter(|k| **k == "sentence").count() > 20);
    let silences: Vec<&Value> = segments
        .iter()
        .filter(|s| s["kind"] == "direction")
        .collect();
    assert_eq!(silences.len(), 1);
    assert_eq!(silences[0]["direction"]["kind"], "silence");
    assert_eq!(silences[0]["direction"]["seconds"], 60);
    assert_eq!(
        silences[0]["direction"]["wording"],
        "[STOP for minute of silence]"
    );
    let last = segments.last().unwrap();
    assert_eq!(last["text"], "Merci.");
    assert_eq!(last["lang"], "fr");
    assert_eq!(segments[segments.len() - 2]["lang"], "en");
}

#[test]
fn the_raw_news_example_parses() {
    let path = shared_path("examples/news-mopti-2018.en.txt");
    let segments = jsonl(&[path.to_str().unwrap(), "--lang", "en"]);
    let kinds = kinds(&segments);
    // The site's welcome line is set apart, and the story's title is the first heading.
    assert_eq!(&kinds[..2], ["web-text", "heading"]);
    assert!(kinds.contains(&"sentence"));
    assert!(segments.iter().all(|s| s["kind"] != "direction"));
    // The photo caption glued to its credit is set apart too, on its line.
    let caption = segments.iter().find(|s| s["kind"] == "caption").unwrap();
    assert_eq!(caption["line"], 19);
    assert!(caption["text"].as_str().unwrap().contains("UN Photo/"));
    // The speech's own segments leave both out, and the command says so once.
    tribune()
        .args(["segment", "--lang", "en"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("Welcome to the United Nations").not())
        .stdout(predicate::str::contains("UN Photo/").not())
        .stderr(predicate::str::contains(
            "2 lines of the web page it was pasted from left out of the speech (one photo caption, the rest site text and bylines)",
        ));
}

#[test]
fn every_sample_speech_segments_with_its_language_from_the_file_name() {
    let mut count = 0;
    for entry in std::fs::read_dir(repo_path("speeches")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.to_string_lossy().into_owned();
        if !name.ends_with(".txt") {
            continue;
        }
        count += 1;
        let expected_lang = if name.ends_with(".fr.txt") {
            "fr"
        } else {
            "en"
        };
        let segments = jsonl(&[&name]);
        assert!(segments.len() > 30, "{name}");
        assert!(segments.iter().any(|s| s["kind"] == "salutation"), "{name}");
        assert!(segments.iter().any(|s| s["kind"] == "direction"), "{name}");
        let own = segments
            .iter()
            .filter(|s| s["lang"] == expected_lang)
            .count();
        assert!(own * 10 > segments.len() * 9, "{name}: language");
        // Ids are unique within a speech.
        let mut ids: Vec<&str> = segments.iter().map(|s| s["id"].as_str().unwrap()).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "{name}: duplicate ids");
    }
    assert!(count >= 4, "at least two sample speeches in two languages");
}

#[test]
fn jsonl_fields_are_the_contract() {
    let output = tribune()
        .args(["segment", "--lang", "en", "--format", "jsonl"])
        .write_stdin("Excellencies,\n\nWe begin. [Pause 5 s] We end.\n")
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        for field in ["id", "block", "kind", "text", "lang"] {
            assert!(line.get(field).is_some(), "{field} missing in {line}");
        }
    }
    assert_eq!(lines[0]["kind"], "salutation");
    assert_eq!(lines[0]["block"], 0);
    assert_eq!(lines[1]["block"], 1);
    assert!(lines[1].get("direction").is_none());
    assert_eq!(lines[2]["kind"], "direction");
    assert_eq!(lines[2]["direction"]["kind"], "pause");
    assert_eq!(lines[2]["direction"]["seconds"], 5);
    assert_eq!(lines[2]["direction"]["wording"], "[Pause 5 s]");
    assert_eq!(lines[2]["text"], "[Pause 5 s]");
}

#[test]
fn lines_output_is_one_segment_per_line_and_nothing_else() {
    tribune()
        .args(["segment", "--lang", "fr"])
        .write_stdin("MINISTÈRE DE L’EAU\n\nMesdames et Messieurs,\n\nM. Sall est arrivé. Il a parlé\u{a0}: « Merci\u{202f}! » a-t-il dit.\n\nMinute de silence\n")
        .assert()
        .success()
        .stdout("MINISTÈRE DE L’EAU\nMesdames et Messieurs,\nM. Sall est arrivé.\nIl a parlé\u{a0}: « Merci\u{202f}! » a-t-il dit.\nMinute de silence\n")
        .stderr("");
}

#[test]
fn segment_ids_are_stable_across_drafts() {
    let run = |text: &str| -> Vec<(String, String)> {
        let output = tribune()
            .args(["segment", "--lang", "en", "--format", "jsonl"])
            .write_stdin(text)
            .output()
            .unwrap();
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                (
                    v["text"].as_str().unwrap().to_owned(),
                    v["id"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let draft1 = run("We met today. The rains came early. We must act.\n");
    let draft2 = run("Friends,\n\nWe met today. The rains came very early. We must act.\n");
    assert_eq!(draft1[0].1, draft2[1].1, "unchanged sentence keeps its id");
    assert_eq!(draft1[2].1, draft2[3].1, "unchanged sentence keeps its id");
    assert_ne!(draft1[1].1, draft2[2].1, "edited sentence gets a new id");
}

#[test]
fn language_comes_from_front_matter_or_file_name_or_flag() {
    tribune()
        .arg("segment")
        .write_stdin("---\nlanguage: fr\n---\nM. Diallo est là. Il parle.\n")
        .assert()
        .success()
        .stdout("M. Diallo est là.\nIl parle.\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note.fr.txt");
    std::fs::write(&path, "M. Diallo est là. Il parle.\n").unwrap();
    tribune()
        .arg("segment")
        .arg(&path)
        .assert()
        .success()
        .stdout("M. Diallo est là.\nIl parle.\n");
    // --lang wins over the file name.
    let forced = jsonl(&[path.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(forced[0]["lang"], "en");
    let named = jsonl(&[path.to_str().unwrap()]);
    assert_eq!(named[0]["lang"], "fr");
}

#[test]
fn an_unknown_language_asks_for_lang() {
    tribune()
        .arg("segment")
        .write_stdin("MINUSMA 2017\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--lang"));
}

#[test]
fn text_format_is_localised() {
    let path = repo_path("speeches/flood-relief-niamey.fr.txt");
    tribune()
        .args(["segment", "--format", "text", "--ui-lang", "fr"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("formule d’appel"))
        .stdout(predicate::str::contains("(silence, 1:00)"));
}

// ---- bad input: clear located errors, exit 1, never a panic ----

fn fails_with(input: &[u8], needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.en.txt");
    std::fs::write(&path, input).unwrap();
    let output = tribune().arg("segment").arg(&path).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{:?}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(needle),
        "{stderr:?} should contain {needle:?}"
    );
    assert!(
        stderr.contains("bad.en.txt"),
        "{stderr:?} should name the file"
    );
    assert!(!stderr.contains("panicked"));
    assert!(output.stdout.is_empty());
}

#[test]
fn invalid_utf8_is_located() {
    fails_with(b"Line one.\nLine \xC3\x28 two.\n", "bad.en.txt:2:6");
    fails_with(b"Line one.\nLine \xC3\x28 two.\n", "offset 15");
}

#[test]
fn a_binary_file_is_refused() {
    fails_with(b"PK\x03\x04\x14\x00\x00\x00binary", "binary");
}

#[test]
fn an_unclosed_bracket_is_located() {
    fails_with(b"Welcome.\n\nWe start [Pause now.\n", "bad.en.txt:3:10");
}

#[test]
fn unknown_front_matter_keys_are_located() {
    fails_with(
        b"---\ntitle: Remarks\nspeeker: Ms. Ortiz\n---\nHello.\n",
        "bad.en.txt:3",
    );
    fails_with(
        b"---\ntitle: Remarks\nspeeker: Ms. Ortiz\n---\nHello.\n",
        "speeker",
    );
}

#[test]
fn an_empty_file_is_refused() {
    fails_with(b"", "empty");
    fails_with(b"\n \n\t\n", "empty");
}

#[test]
fn a_one_gigabyte_single_line_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.en.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(1024 * 1024 * 1024).unwrap(); // sparse: no disk used
    drop(file);
    let start = std::time::Instant::now();
    tribune()
        .arg("segment")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("huge.en.txt"))
        .stderr(predicate::str::contains("1073.7 MB"));
    assert!(start.elapsed().as_secs() < 10);
}

#[test]
fn a_missing_file_is_a_user_error() {
    tribune()
        .args(["segment", "no-such-speech.en.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-speech.en.txt"));
}

#[test]
fn errors_are_localised() {
    tribune()
        .args(["segment", "--ui-lang", "fr", "absent.fr.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("erreur"))
        .stderr(predicate::str::contains("fichier introuvable"));
}

#[test]
fn usage_errors_exit_2() {
    tribune()
        .args(["segment", "--format", "pdf"])
        .assert()
        .code(2);
    tribune().args(["no-such-command"]).assert().code(2);
    tribune()
        .args(["segment", "--lang", "not a tag"])
        .assert()
        .code(2);
}

#[test]
fn help_version_completions_and_man() {
    tribune()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("segment"));
    tribune()
        .args(["segment", "--help", "--ui-lang", "fr"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Découper un discours"));
    tribune()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    tribune()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("tribune"));
    tribune()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH tribune"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // Reading only the first line of a long output must not make tribune fail loudly.
    let text = "One sentence here. ".repeat(50_000);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tribune"))
        .args(["segment", "--lang", "en"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn a_pasted_news_story_is_read_as_a_story() {
    let path = shared_path("examples/news-mopti-2018.en.txt");
    let out = tribune()
        .args(["stats", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["kind"], "story");
    assert_eq!(json["files"][0]["kind_guessed"], true);
    tribune()
        .arg("stats")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("these times are reading times"));
    // Its script has no "check against delivery" note; remarks keep theirs.
    let html = |file: &std::path::Path| {
        let out = tribune()
            .args(["script", "--format", "html"])
            .arg(file)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(!html(&path).to_lowercase().contains("against delivery"));
    assert!(html(&repo_path("speeches/water-summit-dakar.en.txt"))
        .to_lowercase()
        .contains("against delivery"));
}
