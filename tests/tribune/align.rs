//! `tribune align` from the command line: output formats, anchors (the minute of silence,
//! one-sided salutations) and bad input (wrong order, wrong language, empty files).

use predicates::prelude::*;

use crate::repo_path;

use crate::tribune;

fn fixture(name: &str) -> String {
    repo_path("tests/fixtures/align")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn speech(name: &str) -> String {
    repo_path("speeches")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn stdout_of(args: &[&str]) -> String {
    let output = tribune().arg("align").args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn beads_are_printed_in_the_evaluation_format() {
    let out = stdout_of(&[
        &fixture("harbour-opening.en.sent"),
        &fixture("harbour-opening.fr.sent"),
        "--input",
        "lines",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    // The French-only salutation is a 0-1 bead, the minute of silence pairs with itself,
    // "Thank you." after it with "Je vous remercie.", the join and the split are kept.
    assert!(lines.contains(&"\t5"), "{out}");
    assert!(lines.contains(&"10\t10"), "{out}");
    assert!(lines.contains(&"11\t11"), "{out}");
    assert!(lines.contains(&"7,8\t8"), "{out}");
    assert!(lines.contains(&"17\t17,18"), "{out}");
    for line in &lines {
        let (en, fr) = line.split_once('\t').expect("a tab");
        for side in [en, fr] {
            assert!(side.is_empty() || side.split(',').all(|i| i.parse::<usize>().is_ok()));
        }
    }
}

#[test]
fn the_minute_of_silence_is_never_a_translation_unit() {
    let out = stdout_of(&[
        &speech("flood-relief-niamey.en.txt"),
        &speech("flood-relief-niamey.fr.txt"),
        "--format",
        "jsonl",
    ]);
    let mut silence = 0;
    for line in out.lines() {
        let bead: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let texts = bead["texts"].as_array().expect("texts");
        let joined = format!("{} | {}", texts[0], texts[1]);
        if joined.contains("Minute de silence") || joined.contains("[STOP for minute of silence]") {
            silence += 1;
            assert_eq!(bead["kind"], "direction", "{joined}");
            assert_eq!(texts[0], "[STOP for minute of silence]");
            assert_eq!(texts[1], "Minute de silence");
        }
        assert!(bead["confidence"]
            .as_f64()
            .is_some_and(|c| (0.0..=1.0).contains(&c)));
        assert!(bead["bead"].as_array().is_some_and(|b| b.len() == 2));
    }
    assert_eq!(silence, 1);
}

#[test]
fn a_one_sided_salutation_stands_alone() {
    let out = stdout_of(&[
        &speech("water-summit-dakar.en.txt"),
        &speech("water-summit-dakar.fr.txt"),
        "--format",
        "tsv",
    ]);
    assert!(
        out.lines().any(|l| l == "\tMesdames et Messieurs,"),
        "{out}"
    );
    assert!(out
        .lines()
        .any(|l| l == "Distinguished delegates,\tMesdames et Messieurs les délégués,"));
    assert!(out.lines().all(|l| l.matches('\t').count() == 1));
}

#[test]
fn the_side_by_side_view_marks_beads_to_review() {
    let out = stdout_of(&[
        &fixture("mission-farewell.en.txt"),
        &fixture("mission-farewell.fr.txt"),
        "--format",
        "text",
        "--min-confidence",
        "0.999",
    ]);
    assert!(out.contains("mission-farewell.en.txt"));
    assert!(
        out.lines().any(|l| l.trim_start().starts_with('?')),
        "{out}"
    );
    assert!(out.contains("[Applause]"));
    let relaxed = stdout_of(&[
        &fixture("mission-farewell.en.txt"),
        &fixture("mission-farewell.fr.txt"),
        "--format",
        "text",
        "--min-confidence",
        "0",
    ]);
    assert!(!relaxed.lines().any(|l| l.trim_start().starts_with('?')));
}

#[test]
fn a_summary_goes_to_stderr() {
    tribune()
        .args([
            "align",
            &fixture("harbour-opening.en.txt"),
            &fixture("harbour-opening.fr.txt"),
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("beads:").and(predicate::str::contains("held back")));
}

#[test]
fn standard_input_can_be_one_side() {
    let text =
        std::fs::read_to_string(repo_path("tests/fixtures/align/clinic-news.fr.txt")).unwrap();
    tribune()
        .args(["align", &fixture("clinic-news.en.txt"), "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("0\t0"));
}

/// The body of a speech, without its front matter (and so without its `language:`).
fn body_of(path: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.strip_prefix("---\n") {
        Some(rest) => rest.split_once("\n---\n").expect("closed").1.to_owned(),
        None => text,
    }
}

#[test]
fn files_in_the_wrong_order_are_refused() {
    // The languages the flags expect...
    let expected = ["--source-lang", "en", "--target-lang", "fr"];
    tribune()
        .args([
            "align",
            &speech("water-summit-dakar.fr.txt"),
            &speech("water-summit-dakar.en.txt"),
        ])
        .args(expected)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("wrong order"))
        .stderr(predicate::str::contains("give the en file first"));
    tribune()
        .args([
            "--ui-lang",
            "fr",
            "align",
            &speech("water-summit-dakar.fr.txt"),
            &speech("water-summit-dakar.en.txt"),
        ])
        .args(expected)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("mauvais ordre"))
        .stderr(predicate::str::contains(
            "donnez d’abord le fichier en « en »",
        ));
    // ...or the file names say, against the words of the texts.
    let dir = tempfile::tempdir().unwrap();
    let (en, fr) = (
        dir.path().join("remarks.en.txt"),
        dir.path().join("remarks.fr.txt"),
    );
    std::fs::write(&en, body_of(&speech("water-summit-dakar.fr.txt"))).unwrap();
    std::fs::write(&fr, body_of(&speech("water-summit-dakar.en.txt"))).unwrap();
    tribune()
        .arg("align")
        .args([&en, &fr])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("wrong order"));
    // `check` refuses the two files swapped the same way.
    tribune()
        .arg("check")
        .args([&en, &fr])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("wrong order"));
}

#[test]
fn a_speech_whose_text_is_not_in_its_language_is_warned_about_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let mislabelled = dir.path().join("speech.en.txt");
    std::fs::write(&mislabelled, body_of(&speech("water-summit-dakar.fr.txt"))).unwrap();
    let warning = "is taken to be in “en” (its front matter, file name or --lang), but its text reads as “fr”";
    for command in [
        vec!["segment"],
        vec!["stats"],
        vec!["script", "-o", "out.html"],
    ] {
        tribune()
            .current_dir(dir.path())
            .args(&command)
            .arg(&mislabelled)
            .assert()
            .success()
            .stderr(predicate::str::contains(warning));
    }
    // Told otherwise, it is read as French without a warning.
    tribune()
        .args(["segment", "--lang", "fr"])
        .arg(&mislabelled)
        .assert()
        .success()
        .stderr(predicate::str::contains("reads as").not());
    // A correctly labelled sample raises no warning.
    tribune()
        .arg("stats")
        .arg(speech("water-summit-dakar.fr.txt"))
        .assert()
        .success()
        .stderr("");
}

#[test]
fn a_file_in_the_wrong_language_is_named() {
    tribune()
        .args([
            "align",
            &speech("water-summit-dakar.en.txt"),
            &speech("flood-relief-niamey.en.txt"),
            "--target-lang",
            "fr",
        ])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("flood-relief-niamey.en.txt")
                .and(predicate::str::contains("fr")),
        );
    // A file name that says French over an English text.
    let dir = tempfile::tempdir().unwrap();
    let named_fr = dir.path().join("flood-relief.fr.txt");
    std::fs::write(&named_fr, body_of(&speech("flood-relief-niamey.en.txt"))).unwrap();
    tribune()
        .args(["align", &speech("water-summit-dakar.en.txt")])
        .arg(&named_fr)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("flood-relief.fr.txt").and(predicate::str::contains("fr")),
        );
}

#[test]
fn the_languages_come_from_the_front_matter() {
    // No language in the file names: each front matter says it, the French speech first.
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first.txt"), dir.path().join("second.txt"));
    std::fs::copy(speech("water-summit-dakar.fr.txt"), &first).unwrap();
    std::fs::copy(speech("water-summit-dakar.en.txt"), &second).unwrap();
    let out = stdout_of(&[
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        "--format",
        "tsv",
    ]);
    // French to English: the French-only salutation is now on the source side.
    assert!(
        out.lines().any(|l| l == "Mesdames et Messieurs,\t"),
        "{out}"
    );
    // The front matter wins over the text's words and over the fallback (en, fr): a
    // language without a word list is named as such.
    std::fs::write(&first, "---\nlanguage: es\n---\n¡Gracias, Dakar!\n").unwrap();
    tribune()
        .arg("align")
        .args([&first, &second])
        .assert()
        .stderr(predicate::str::contains("no word list for es and en"));
}

#[test]
fn without_any_clue_the_languages_are_english_and_french() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first.txt"), dir.path().join("second.txt"));
    std::fs::write(&first, "Bamako, 2017.\n").unwrap();
    std::fs::write(&second, "Bamako, 2017.\n").unwrap();
    tribune()
        .arg("align")
        .args([&first, &second])
        .assert()
        .success()
        .stderr(predicate::str::contains("no word list").not());
    tribune()
        .arg("align")
        .args([&first, &second])
        .args(["--source-lang", "de"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no word list for de and fr"));
}

#[test]
fn empty_and_unalignable_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.fr.txt");
    std::fs::write(&empty, "\n  \n").unwrap();
    let directions = dir.path().join("directions.fr.txt");
    std::fs::write(&directions, "[Applaudissements]\n\nMinute de silence\n").unwrap();
    let en = fixture("harbour-opening.en.txt");
    for input in ["text", "lines"] {
        tribune()
            .args(["align", &en, empty.to_str().unwrap(), "--input", input])
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("empty"));
        tribune()
            .args(["align", &en, directions.to_str().unwrap(), "--input", input])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("only stage directions"));
    }
    tribune()
        .args(["align", &en, "no-such-file.fr.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-file.fr.txt"));
}

#[test]
fn running_text_given_as_lines_is_warned_about() {
    tribune()
        .args([
            "align",
            &speech("water-summit-dakar.en.txt"),
            &speech("water-summit-dakar.fr.txt"),
            "--input",
            "lines",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("--input text"));
}

#[test]
fn usage_errors_exit_with_two() {
    tribune()
        .args(["align", "a", "b", "--min-confidence", "2"])
        .assert()
        .code(2);
    tribune()
        .args(["align", "a", "b", "--format", "xml"])
        .assert()
        .code(2);
}
