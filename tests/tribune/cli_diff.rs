//! `tribune diff`: kept, edited, added, removed and moved segments between two drafts, in
//! text, JSON and HTML (snapshots).

use serde_json::Value;

use crate::tribune;

const OLD: &str = "OFFICE FOR WATER\n\nExcellencies,\n\n\
We meet today in Niamey. The rains came early this year. We have 3,700 volunteers ready. \
The old bridge is closed. Our partners stand with us.\n\n[Minute of silence]\n\nThank you.\n";
const NEW: &str = "OFFICE FOR WATER\n\nExcellencies,\nDear colleagues,\n\n\
Our partners stand with us. We meet today in Niamey. The rains came much earlier this year. \
We have 3,800 volunteers ready.\n\n[Minute of silence]\n\nThank you.\n";

fn drafts() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("draft1.en.txt");
    let new = dir.path().join("draft2.en.txt");
    std::fs::write(&old, OLD).unwrap();
    std::fs::write(&new, NEW).unwrap();
    (
        dir,
        old.to_string_lossy().into_owned(),
        new.to_string_lossy().into_owned(),
    )
}

#[test]
fn json_lists_every_change() {
    let (_dir, old, new) = drafts();
    let output = tribune()
        .args(["diff", &old, &new, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let summary = &report["summary"];
    assert_eq!(summary["edited"], 2, "{report:#}");
    assert_eq!(summary["added"], 1);
    assert_eq!(summary["removed"], 1);
    assert_eq!(summary["moved"], 1);
    let edited: Vec<&Value> = report["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["change"] == "edited")
        .collect();
    assert!(edited.iter().any(|e| e["diff"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["tag"] == "insert" && p["text"] == "3,800")));
    for segment in report["segments"].as_array().unwrap() {
        assert!(
            segment.get("change").is_some()
                && (segment.get("old").is_some() || segment.get("new").is_some())
        );
    }
}

#[test]
fn text_output_snapshot() {
    let (_dir, old, new) = drafts();
    let output = tribune().args(["diff", &old, &new]).output().unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!("diff_text", String::from_utf8(output.stdout).unwrap());
}

#[test]
fn html_output_snapshot_in_french() {
    let (dir, old, new) = drafts();
    let out = dir.path().join("changes.html");
    tribune()
        .args([
            "diff",
            &old,
            &new,
            "--format",
            "html",
            "--ui-lang",
            "fr",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let html = std::fs::read_to_string(&out)
        .unwrap()
        .replace(&old, "draft1.en.txt")
        .replace(&new, "draft2.en.txt");
    assert!(html.contains("<ins>") && html.contains("<del>"));
    assert!(!html.contains("http"), "self-contained: no network");
    insta::assert_snapshot!("diff_html_fr", html);
}

#[test]
fn html_escapes_speech_text() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("a.en.txt");
    let new = dir.path().join("b.en.txt");
    std::fs::write(&old, "We said <b>no</b> to this.\n").unwrap();
    std::fs::write(&new, "We said <script>alert(1)</script> to this.\n").unwrap();
    let output = tribune()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .args(["--format", "html"])
        .output()
        .unwrap();
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(!html.contains("<script") && !html.contains("<b>") && html.contains("&#60;"));
}

#[test]
fn writing_into_a_missing_directory_fails_cleanly() {
    let (dir, old, new) = drafts();
    let out = dir.path().join("no/such/dir/out.html");
    tribune()
        .args(["diff", &old, &new, "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("out.html"));
}
