//! The term base where translators meet it, through the real binary: the sample TBX-Basic
//! term base (memory/un-basic.tbx) beside an aligned memory, its terms shown by `memory
//! lookup`, the `translate` report and both XLIFF versions, and `check` holding a translation
//! to its approved terms.

use predicates::prelude::*;
use serde_json::Value;

use crate::repo_path;
use crate::xliff::Workspace;

const EN: &str = "speeches/peacekeeping-day-goma.en.txt";
const FR: &str = "speeches/peacekeeping-day-goma.fr.txt";

/// A workspace whose memory holds the aligned sample pair and the sample term base.
fn with_terms() -> Workspace {
    let ws = Workspace::new();
    ws.run(&["align", "--store"])
        .arg(repo_path(EN))
        .arg(repo_path(FR))
        .assert()
        .success();
    ws.run(&["terms", "import"])
        .arg(repo_path("memory/un-basic.tbx"))
        .assert()
        .success()
        .stdout(predicate::str::contains("18 added"));
    ws
}

fn target_texts(hit: &Value) -> Vec<&str> {
    hit["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect()
}

#[test]
fn memory_lookup_shows_the_terms_of_the_query() {
    let ws = with_terms();
    let out = ws
        .run(&[
            "memory", "lookup", "--from", "en", "--to", "fr", "--format", "jsonl",
        ])
        .arg("Our peacekeepers need safe drinking water.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let terms = json["terms"].as_array().unwrap();
    let found: Vec<&str> = terms.iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert_eq!(found, ["peacekeepers", "drinking water"]);
    // Another form of the term's word, with the approved translations first.
    assert_eq!(terms[0]["source"]["text"], "peacekeeper");
    assert_eq!(target_texts(&terms[0])[0], "Casque bleu");
    ws.run(&["memory", "lookup", "--from", "en", "--to", "fr"])
        .arg("Our peacekeepers need safe drinking water.")
        .assert()
        .success()
        .stdout(predicate::str::contains("Terms of the term base:"))
        .stdout(predicate::str::contains("✗ gardien de la paix"));
}

#[test]
fn the_translate_report_and_both_xliff_versions_carry_the_terms() {
    let ws = with_terms();
    let out = ws
        .run(&["translate", "--to", "fr", "--report", "json"])
        .arg(repo_path(EN))
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let with_terms: Vec<&Value> = json["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s.get("terms").is_some())
        .collect();
    assert!(with_terms.len() >= 3, "{}", with_terms.len());
    let peacekeepers = with_terms
        .iter()
        .flat_map(|s| s["terms"].as_array().unwrap())
        .find(|t| t["source"]["text"] == "peacekeeper")
        .expect("peacekeepers are found");
    assert!(target_texts(peacekeepers).contains(&"Casque bleu"));
    ws.run(&["translate", "--to", "fr", "--report", "text"])
        .arg(repo_path(EN))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Terms of the term base (line, term → approved translation):",
        ))
        .stdout(predicate::str::contains("→ Casque bleu, soldat de la paix"));
    // XLIFF 2.1: the glossary module; 1.2: a note per term.
    let v2 = ws.path("draft-2.xlf");
    ws.run(&[
        "translate",
        "--to",
        "fr",
        "--xliff-version",
        "2.1",
        "--xliff",
    ])
    .arg(&v2)
    .arg(repo_path(EN))
    .assert()
    .success();
    let xlf = std::fs::read_to_string(&v2).unwrap();
    assert!(xlf.contains("xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\""));
    assert!(
        xlf.contains("<gls:translation>Casque bleu</gls:translation>"),
        "{xlf}"
    );
    assert!(xlf.contains("<gls:definition>Do not use: gardien de la paix.</gls:definition>"));
    let v1 = ws.path("draft-1.xlf");
    ws.run(&[
        "translate",
        "--to",
        "fr",
        "--xliff-version",
        "1.2",
        "--xliff",
    ])
    .arg(&v1)
    .arg(repo_path(EN))
    .assert()
    .success();
    let xlf = std::fs::read_to_string(&v1).unwrap();
    assert!(
        xlf.contains("Term: peacekeepers → Casque bleu, soldat de la paix (term base). Do not use: gardien de la paix."),
        "{xlf}"
    );
    // Our own XLIFF with its glossary reads back as the previous draft.
    ws.run(&["translate", "--to", "fr", "--report", "json", "--previous"])
        .arg(&v2)
        .arg(repo_path(EN))
        .assert()
        .success();
}

#[test]
fn check_holds_a_translation_to_the_approved_terms() {
    let ws = with_terms();
    // The sample translation uses the approved terms.
    ws.run(&["check"])
        .arg(repo_path(EN))
        .arg(repo_path(FR))
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
    // A translation with the deprecated variant, and one without any approved term.
    let fr = std::fs::read_to_string(repo_path(FR)).unwrap();
    let wrong = ws.write(
        "wrong.fr.txt",
        &fr.replace("Casques bleus", "gardiens de la paix"),
    );
    let out = ws
        .run(&["check", "--format", "json"])
        .arg(repo_path(EN))
        .arg(&wrong)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "term")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        !codes.is_empty() && codes.iter().all(|c| *c == "term-forbidden"),
        "{codes:?}"
    );
    ws.run(&["check"])
        .arg(repo_path(EN))
        .arg(&wrong)
        .assert()
        .code(3)
        .stdout(predicate::str::contains(
            "error: term not to use: “gardiens de la paix” for “peacekeepers” (the term base says Casque bleu, soldat de la paix)",
        ));
    let missing = ws.write("missing.fr.txt", &fr.replace("Casques bleus", "militaires"));
    ws.run(&["--ui-lang", "fr", "check"])
        .arg(repo_path(EN))
        .arg(&missing)
        .assert()
        .code(3)
        .stdout(predicate::str::contains(
            "terme non traduit comme le veut la base terminologique : « peacekeepers » devrait être Casque bleu, soldat de la paix",
        ));
}
