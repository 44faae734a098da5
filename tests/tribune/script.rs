//! `tribune script`: snapshots of the HTML, Markdown and text scripts, timing, delivery,
//! typography, the Word file read back, and errors.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::repo_path;

const EN: &str = "tests/fixtures/script/harbour.en.txt";
const FR: &str = "tests/fixtures/script/harbour.fr.txt";

/// The shared `tribune()` (one environment for every test), run from the repository root.
fn tribune() -> Command {
    let mut cmd = crate::tribune();
    cmd.current_dir(repo_path(""));
    cmd
}

/// Runs `tribune script EN FR ARGS…` and returns standard output.
fn script(args: &[&str]) -> String {
    let output = tribune()
        .args(["script", EN, FR])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn text_columns_snapshot() {
    insta::assert_snapshot!("harbour_columns_txt", script(&["--format", "txt"]));
}

#[test]
fn markdown_columns_snapshot() {
    insta::assert_snapshot!("harbour_columns_md", script(&["--format", "md"]));
}

#[test]
fn html_columns_snapshot() {
    insta::assert_snapshot!("harbour_columns_html", script(&["--format", "html"]));
}

#[test]
fn markdown_interleaved_snapshot() {
    insta::assert_snapshot!(
        "harbour_interleaved_md",
        script(&["--format", "md", "--layout", "interleaved"])
    );
}

#[test]
fn html_interleaved_in_french_snapshot() {
    insta::assert_snapshot!(
        "harbour_interleaved_html_fr",
        script(&[
            "--format",
            "html",
            "--layout",
            "interleaved",
            "--deliver",
            "fr",
            "--ui-lang",
            "fr"
        ])
    );
}

#[test]
fn text_single_mixed_snapshot() {
    insta::assert_snapshot!(
        "harbour_single_mixed_txt",
        script(&[
            "--format",
            "txt",
            "--layout",
            "single",
            "--deliver",
            "mixed"
        ])
    );
}

#[test]
fn the_total_is_the_one_stats_gives_and_over_target_is_warned() {
    let stats = tribune()
        .args(["stats", "--format", "json", EN])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    let total = json["files"][0]["total_seconds"].as_u64().unwrap() as u32;
    let clock = format!("{}:{:02}", total / 60, total % 60);
    tribune()
        .args(["script", EN, FR, "--format", "txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Estimated time: {clock}")))
        .stderr(predicate::str::contains(format!(
            "the estimated time, {clock}, is over the target of 1:00"
        )));
    // A looser target from the command line: no warning, and time to spare.
    tribune()
        .args(["script", EN, FR, "--format", "txt", "--target", "5:00"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Within the target of 5:00"))
        .stderr(predicate::str::is_empty());
}

#[test]
fn rates_change_the_time_marks() {
    let slow = script(&["--format", "txt", "--rate", "en=65"]);
    let normal = script(&["--format", "txt"]);
    assert!(
        normal.contains("English: 56 words at 130 words/min, 0:26"),
        "{normal}"
    );
    assert!(
        slow.contains("English: 56 words at 65 words/min, 0:52"),
        "{slow}"
    );
    assert!(slow.contains("Estimated time: 1:57"), "{slow}");
}

#[test]
fn french_is_typeset_for_its_region() {
    let text = script(&["--format", "txt", "--deliver", "fr"]);
    assert!(text.contains("15\u{202f}000 personnes"), "{text}");
    assert!(text.contains("le bac\u{a0}: aujourd’hui"), "{text}");
    assert!(text.contains("un toit\u{202f}!"), "{text}");
    assert!(text.contains("le 1er mars 2026"), "{text}");
    assert!(text.contains("Minute de silence — 1\u{a0}min"), "{text}");
    // English is left as written.
    assert!(text.contains("15000 people"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let canadian = dir.path().join("harbour.fr.txt");
    let source = std::fs::read_to_string(repo_path(FR)).unwrap();
    std::fs::write(&canadian, source.replace("language: fr", "language: fr-CA")).unwrap();
    let output = tribune()
        .args(["script", EN])
        .arg(&canadian)
        .args(["--format", "txt"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("un toit!"), "{text}");
    assert!(text.contains("le bac\u{a0}: aujourd’hui"), "{text}");
    assert!(text.contains("15\u{a0}000 personnes"), "{text}");
    assert!(text.contains("Qui l’aurait cru?"), "{text}");
}

#[test]
fn the_interface_language_sets_pages_and_timing_labels() {
    let html = script(&["--format", "html", "--ui-lang", "fr"]);
    assert!(
        html.contains(r#"content: "page " counter(page) " sur " counter(pages);"#),
        "page label"
    );
    assert!(html.contains("Durée estimée\u{a0}: 1:31"), "total");
    assert!(html.contains("reste"), "time marks");
    // Cues stay in the language of each column.
    assert!(html.contains("Minute of silence — 1:00"));
    assert!(html.contains("Minute de silence — 1\u{a0}min"));
}

#[test]
fn a_single_speech_makes_a_single_column_script() {
    let output = tribune()
        .args(["script", EN, "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(output.stdout).unwrap();
    assert!(md.starts_with("# Remarks at the opening of the Lakeside Harbour Centre\n"));
    assert!(!md.contains('|'), "{md}");
    assert!(md.contains("*\\[Minute of silence — 1:00\\]*"), "{md}");
}

#[test]
fn the_word_file_is_a_two_column_table_with_italic_cues() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("harbour.docx");
    tribune()
        .args(["script", EN, FR, "-o"])
        .arg(&out)
        .assert()
        .success();
    let bytes = std::fs::read(&out).unwrap();
    let doc = docx_rs::read_docx(&bytes).expect("the .docx reads back");
    let table = doc
        .document
        .children
        .iter()
        .find_map(|c| match c {
            docx_rs::DocumentChild::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut italic_cues = Vec::new();
    for row in &table.rows {
        let docx_rs::TableChild::TableRow(row) = row;
        assert_eq!(row.cells.len(), 2, "two columns in every row");
        let texts: Vec<String> = row
            .cells
            .iter()
            .map(|cell| {
                let docx_rs::TableRowChild::TableCell(cell) = cell;
                let mut text = String::new();
                for child in &cell.children {
                    if let docx_rs::TableCellContent::Paragraph(p) = child {
                        for run in p.children() {
                            if let docx_rs::ParagraphChild::Run(run) = run {
                                let run_text: String = run
                                    .children
                                    .iter()
                                    .filter_map(|c| match c {
                                        docx_rs::RunChild::Text(t) => Some(t.text.clone()),
                                        _ => None,
                                    })
                                    .collect();
                                if run.run_property.italic.is_some() {
                                    italic_cues.push(run_text.clone());
                                }
                                text.push_str(&run_text);
                            }
                        }
                        text.push('\n');
                    }
                }
                text
            })
            .collect();
        pairs.push((texts[0].clone(), texts[1].clone()));
    }
    assert!(pairs
        .iter()
        .any(|(en, fr)| en.contains("It is a joy to stand on this quay.")
            && fr.contains("C’est une joie d’être sur ce quai.")));
    assert!(
        italic_cues.contains(&"[Minute of silence — 1:00]".to_owned()),
        "{italic_cues:?}"
    );
    assert!(
        italic_cues.contains(&"[Minute de silence — 1\u{a0}min]".to_owned()),
        "{italic_cues:?}"
    );
    assert!(
        !italic_cues.iter().any(|c| c.contains("quay")),
        "prose is not in italics"
    );
}

#[test]
fn errors_are_clear_and_leave_no_file_behind() {
    tribune()
        .args(["script", EN, EN, "--format", "txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("both speeches are in en"));
    tribune()
        .args(["script", EN, FR, "--deliver", "es", "--format", "txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the speaker cannot read es: the script is in en, fr",
        ));
    tribune()
        .args(["script", EN, FR, "--target", "soon"])
        .assert()
        .code(2);
    tribune()
        .args(["script", "no-such-speech.en.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-speech.en.txt"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing-dir").join("x.html");
    tribune()
        .args(["script", EN, FR, "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write"));
    assert!(!out.exists());
    // A bad front matter value is located.
    let bad = dir.path().join("bad.en.txt");
    std::fs::write(&bad, "---\ndeliver: both\n---\nHello there.\n").unwrap();
    tribune()
        .args(["script"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.en.txt:2"))
        .stderr(predicate::str::contains("is not a delivery language"));
}

#[test]
fn the_format_follows_the_output_name_and_files_are_replaced_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("harbour.md");
    std::fs::write(&out, "old content").unwrap();
    tribune()
        .args(["script", EN, FR, "-o"])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# Remarks at the opening"), "{md}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["harbour.md"]);
}

#[test]
fn every_sample_pair_makes_a_script_in_every_text_format() {
    for name in [
        "flood-relief-niamey",
        "peacekeeping-day-goma",
        "water-summit-dakar",
    ] {
        for layout in ["columns", "interleaved", "single"] {
            for format in ["html", "md", "txt"] {
                let output = tribune()
                    .args([
                        "script",
                        &format!("speeches/{name}.en.txt"),
                        &format!("speeches/{name}.fr.txt"),
                        "--layout",
                        layout,
                        "--format",
                        format,
                    ])
                    .output()
                    .unwrap();
                assert!(output.status.success(), "{name} {layout} {format}");
                let text = String::from_utf8(output.stdout).unwrap();
                assert!(text.contains("Estimated time"), "{name} {layout} {format}");
            }
        }
    }
}

#[test]
fn the_html_is_one_self_contained_file() {
    let html = script(&["--format", "html"]);
    // One inline script (the pagination), nothing loaded from elsewhere.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("<script>\n// Page breaks of a printed speaker script"));
    for outside in [
        "<link",
        "<script src",
        "src=",
        "url(",
        "http:",
        "https:",
        "@import",
        "fetch(",
        "XMLHttpRequest",
    ] {
        assert!(
            !html.contains(outside),
            "the HTML refers outside: {outside}"
        );
    }
    assert!(html.contains("@page"));
    assert!(html.contains("break-inside: avoid"));
    assert!(html.contains("line-height: 1.55"));
    assert!(html.contains("--body: 16pt"));
    let large = script(&[
        "--format",
        "html",
        "--layout",
        "single",
        "--font-size",
        "24",
    ]);
    assert!(large.contains("--body: 24pt"));
}

/// The CSS content of the running head (`@top-left`) of an HTML script.
fn running_head(html: &str) -> &str {
    let at = html
        .find("@top-left { content: ")
        .expect("a running head rule");
    let rest = &html[at + "@top-left { content: ".len()..];
    &rest[..rest.find(';').unwrap()]
}

#[test]
fn the_running_head_is_a_title_heading_or_event_never_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let run = |text: &str| -> String {
        let file = dir.path().join("talk.en.txt");
        std::fs::write(&file, text).unwrap();
        let out = tribune()
            .args(["script", "--format", "html"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        running_head(&String::from_utf8(out.stdout).unwrap()).to_owned()
    };
    let sentence =
        "Before I begin, please join me in a moment of silence for all those who served with us.";
    // No title, no heading, no event: no running head rather than the first sentence cut.
    assert_eq!(run(&format!("{sentence}\n")), "\"\"");
    // The event, else the speech's heading, else the front matter's title.
    assert_eq!(
        run(&format!("---\nevent: Harbour Day\n---\n\n{sentence}\n")),
        "\"Harbour Day\""
    );
    assert_eq!(
        run(&format!(
            "---\nevent: Harbour Day\n---\n\nOpening of the new harbour\n\n{sentence}\n"
        )),
        "\"Opening of the new harbour\""
    );
    // A long title is cut at a word.
    let long = "Remarks at the opening of the regional dialogue on water, sanitation and the resilience of coastal cities";
    let head = run(&format!("---\ntitle: {long}\n---\n\n{sentence}\n"));
    assert_eq!(
        head,
        "\"Remarks at the opening of the regional dialogue on water, sanitation…\""
    );
}

#[test]
fn a_closing_word_in_another_language_gets_no_rate_of_its_own() {
    // The English Dakar sample ends with "Thank you. Merci.": one French word.
    let out = tribune()
        .args([
            "script",
            "--format",
            "txt",
            "speeches/water-summit-dakar.en.txt",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("English: 685 words at 130 words/min"),
        "{text}"
    );
    assert!(!text.contains("French:"), "{text}");
    // Its time is still in the total, and a bilingual script lists both languages.
    assert!(text.contains("Estimated time: 5:16"), "{text}");
    let both = script(&["--format", "txt"]);
    assert!(
        both.contains("English:") || both.contains("French:"),
        "{both}"
    );
}
