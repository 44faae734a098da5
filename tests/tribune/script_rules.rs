//! `tribune script`: the rules a speaker relies on at the podium: directions written in one
//! language only, cue labels that keep the writer's words, the column read aloud on the
//! left, the read-aloud bar in a mixed delivery, and pronunciations beside names.

use assert_cmd::Command;

use crate::repo_path;

const EN: &str = "tests/fixtures/script/vigil.en.txt";
const FR: &str = "tests/fixtures/script/vigil.fr.txt";

fn tribune() -> Command {
    let mut cmd = crate::tribune();
    cmd.current_dir(repo_path(""));
    cmd
}

fn run(args: &[&str]) -> String {
    let output = tribune().arg("script").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The lines of a text script, each split at the column rule into (left, right).
fn rows(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.split_once('│'))
        .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
        .collect()
}

#[test]
fn a_direction_written_in_one_language_only_is_shown_in_both_and_timed() {
    let text = run(&[EN, FR, "--format", "txt"]);
    let rows = rows(&text);
    // The French has three silences, the English two: the third still shows in English.
    let silences = rows
        .iter()
        .filter(|(en, fr)| {
            en.contains("silence") || en.contains("SILENCE") || fr.contains("silence")
        })
        .count();
    assert_eq!(silences, 3, "{text}");
    assert!(
        rows.iter()
            .all(|(en, fr)| !fr.starts_with("[Minute de silence") || en.starts_with('[')),
        "every French silence faces an English cue:\n{text}"
    );
    // Three timed directions in the reader's timing, as stats would count if the English
    // had them all.
    assert!(text.contains("3 timed stage directions, 3:00"), "{text}");
}

#[test]
fn cue_labels_keep_the_writers_words() {
    let text = run(&[EN, FR, "--format", "txt"]);
    assert!(
        text.contains("[STOP for minute of silence — 1:00]"),
        "{text}"
    );
    assert!(text.contains("[MOMENT OF SILENCE — 1:00]"), "{text}");
    // The French column labels them in French, without the English words.
    assert!(
        !rows(&text).iter().any(|(_, fr)| fr.contains("STOP")),
        "{text}"
    );
}

#[test]
fn the_column_read_aloud_comes_first_unless_columns_says_otherwise() {
    let heads = |args: &[&str]| -> String {
        let mut all = vec![EN, FR, "--format", "txt"];
        all.extend_from_slice(args);
        let text = run(&all);
        text.lines()
            .find(|l| l.contains("read aloud"))
            .unwrap()
            .to_owned()
    };
    let default = heads(&[]);
    assert!(default.starts_with("English (read aloud)"), "{default}");
    let french = heads(&["--deliver", "fr"]);
    assert!(french.starts_with("Français (read aloud)"), "{french}");
    let kept = heads(&["--deliver", "fr", "--columns", "en,fr"]);
    assert!(kept.starts_with("English (for reference)"), "{kept}");
    tribune()
        .args(["script", EN, FR, "--format", "txt", "--columns", "en,de"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("--columns en,de"));
}

#[test]
fn in_a_mixed_delivery_every_row_read_has_the_read_aloud_bar() {
    let html = run(&[
        "tests/fixtures/script/harbour.en.txt",
        "tests/fixtures/script/harbour.fr.txt",
        "--deliver",
        "mixed",
    ]);
    let read_english = html
        .matches(r#"class="cell deliver switch barred" lang="en""#)
        .count();
    let read_french = html
        .matches(r#"class="cell deliver switch barred" lang="fr""#)
        .count();
    assert!(read_english > 0 && read_french > 0, "{html}");
    assert!(!html.contains(r#"class="cell deliver" "#), "{html}");
    // The bar is drawn inside the cell, never in the page margin where print clips it.
    assert!(!html.contains("margin-left: -"), "{html}");
}

#[test]
fn a_pronunciation_is_printed_beside_the_name_and_kept_out_of_the_text() {
    let text = run(&[EN, FR, "--format", "txt"]);
    assert!(text.contains("Kwabenya (kwah-BEN-yah)"), "{text}");
    // Only at the first mention.
    assert_eq!(text.matches("kwah-BEN-yah").count(), 1, "{text}");
    let html = run(&[EN, FR]);
    assert!(
        html.contains(r#"Kwabenya <span class="pron">(kwah-BEN-yah)</span>"#),
        "{html}"
    );
    // Segmentation (and so alignment and the memory) never sees the mark.
    let segments = tribune()
        .args(["segment", EN, "--format", "jsonl"])
        .output()
        .unwrap();
    let segments = String::from_utf8(segments.stdout).unwrap();
    assert!(segments.contains("Ms. Kwabenya and the crew"), "{segments}");
    assert!(!segments.contains("pron"), "{segments}");
    // Read aloud in French, the English mark is not the reader's: no pronunciation.
    let french = run(&[EN, FR, "--format", "txt", "--deliver", "fr"]);
    assert!(!french.contains("kwah-BEN-yah"), "{french}");
}

#[test]
fn a_broken_pronunciation_mark_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.en.txt");
    std::fs::write(
        &path,
        "Good morning.\n\nWe thank Ms. Adoyo{pron=ah-DOY-oh for coming.\n",
    )
    .unwrap();
    tribune()
        .args(["segment", path.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "broken.en.txt:3:19: a pronunciation mark",
        ));
}
