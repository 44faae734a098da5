//! `tribune check SOURCE TARGET` through the real binary: the samples pass, a broken
//! translation fails with located findings in text and JSON, the locale decides typography.

use predicates::prelude::*;

use crate::repo_path;
use crate::xliff::Workspace;

const EN: &str = "---\nlanguage: en\n---\n\nExcellencies,\n\nWe have deployed 3,700 peacekeepers! Here it is: “Thank you”.\n\n[Pause 5 s]\n\nWhy does it matter? Because 1.5 million people wait.\n";
const FR: &str = "---\nlanguage: fr-FR\n---\n\nExcellences,\n\nNous avons déployé 3 800 Casques bleus ! Voici : «Merci».\n\nPourquoi est-ce important ? Parce que 1,5 million de personnes attendent.\n";

#[test]
fn the_bundled_translations_pass() {
    let ws = Workspace::new();
    for name in [
        "flood-relief-niamey",
        "peacekeeping-day-goma",
        "water-summit-dakar",
    ] {
        ws.run(&["check"])
            .arg(repo_path(&format!("speeches/{name}.en.txt")))
            .arg(repo_path(&format!("speeches/{name}.fr.txt")))
            .assert()
            .success()
            .stdout(predicate::str::contains("0 errors"));
    }
}

#[test]
fn a_broken_translation_fails_with_located_findings() {
    let ws = Workspace::new();
    let en = ws.write("talk.en.txt", EN);
    let fr = ws.write("talk.fr.txt", FR);
    let out = ws
        .run(&["check", "talk.en.txt", "talk.fr.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("check_text", text);
    // Typography is a warning: the number and the direction are the errors.
    assert!(String::from_utf8_lossy(&out.stderr).contains("error: the check found 2 errors"));
    // JSON, strict: the same findings, typography of marks as errors, with the fields a tool
    // reads.
    let out = ws
        .run(&["check", "--strict", "--format", "json"])
        .arg(&en)
        .arg(&fr)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"], 7);
    assert_eq!(json["target_lang"], "fr-FR");
    let findings = json["findings"].as_array().unwrap();
    let number = &findings[0];
    assert_eq!(number["check"], "number");
    assert_eq!(number["line"], 7);
    assert!(number["file"].as_str().unwrap().ends_with("talk.fr.txt"));
    assert_eq!(number["source"], "We have deployed 3,700 peacekeepers!");
    let direction = findings.iter().find(|f| f["check"] == "direction").unwrap();
    assert_eq!(direction["code"], "direction-missing");
    assert!(direction["file"].as_str().unwrap().ends_with("talk.en.txt"));
    assert_eq!(direction["line"], 9);
    let typography: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["check"] == "typography")
        .collect();
    assert!(typography.iter().all(|f| f["column"].as_u64().is_some()));
    // In French.
    ws.run(&[
        "--ui-lang",
        "fr",
        "check",
        "--strict",
        "talk.en.txt",
        "talk.fr.txt",
    ])
    .assert()
    .code(3)
    .stdout(predicate::str::contains(
        "avant « ! », attendu une espace fine insécable (U+202F), trouvé une espace",
    ))
    .stderr(predicate::str::contains("le contrôle a trouvé 7 erreurs"));
}

#[test]
fn canadian_french_has_its_own_typography() {
    let ws = Workspace::new();
    ws.write(
        "talk.en.txt",
        "Excellencies,\n\nWhy? Here it is: “Thank you”.\n",
    );
    ws.write(
        "talk.fr.txt",
        "Excellences,\n\nPourquoi? Voici\u{a0}: «\u{a0}Merci\u{a0}».\n",
    );
    ws.run(&[
        "check",
        "talk.en.txt",
        "talk.fr.txt",
        "--target-lang",
        "fr-CA",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("0 errors, 0 warnings"));
    ws.run(&["check", "talk.en.txt", "talk.fr.txt", "--target-lang", "fr-FR"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "talk.fr.txt:3:9: warning: typography (fr-FR): before “?” expected a narrow no-break space (U+202F), found no space",
        ));
    ws.run(&[
        "check",
        "--strict",
        "talk.en.txt",
        "talk.fr.txt",
        "--target-lang",
        "fr-FR",
    ])
    .assert()
    .code(3)
        .stdout(predicate::str::contains(
            "talk.fr.txt:3:9: error: typography (fr-FR): before “?” expected a narrow no-break space (U+202F), found no space",
        ));
}

#[test]
fn warnings_alone_do_not_fail() {
    let ws = Workspace::new();
    ws.write("a.en.txt", "Excellencies,\n\nWe helped 25000 families.\n");
    ws.write(
        "a.fr.txt",
        "Excellences,\n\nNous avons aidé 25 000 familles.\n",
    );
    ws.run(&["check", "a.en.txt", "a.fr.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "warning: typography (fr): between digit groups",
        ))
        .stdout(predicate::str::contains("0 errors, one warning"));
}

#[test]
fn one_speech_is_checked_on_its_own() {
    let ws = Workspace::new();
    ws.write(
        "story.en.txt",
        "Water for all\n\n“\"We will not wait”, said the mayor. The the wells are dry.\n\nThe Office (UNSRO will report. He left \"with a warm heart”.\n",
    );
    let out = ws
        .run(&["check", "--format", "json", "story.en.txt"])
        .output()
        .unwrap();
    // Warnings only: the speech is not wrong, a human looks.
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["target"], serde_json::Value::Null);
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "writing-quotes",
            "writing-doubled",
            "writing-quotes",
            "writing-brackets"
        ]
    );
    ws.run(&["check", "story.en.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "story.en.txt:3: warning: word written twice: “the the”",
        ))
        .stdout(predicate::str::contains("0 errors, 4 warnings"));
    // The bundled samples are clean on their own too.
    for name in [
        "flood-relief-niamey",
        "peacekeeping-day-goma",
        "water-summit-dakar",
    ] {
        for lang in ["en", "fr"] {
            ws.run(&["check"])
                .arg(repo_path(&format!("speeches/{name}.{lang}.txt")))
                .assert()
                .success()
                .stdout(predicate::str::contains("0 errors, 0 warnings"));
        }
    }
}
