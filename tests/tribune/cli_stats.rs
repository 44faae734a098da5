//! `tribune stats`: counts and speaking time per language, rates, presets, targets.

use predicates::prelude::*;
use serde_json::Value;

use crate::{repo_path, tribune};

fn stats_json(args: &[&str], stdin: Option<&str>) -> Value {
    let mut cmd = tribune();
    cmd.arg("stats").args(args).args(["--format", "json"]);
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

const SPEECH: &str = "---\ntitle: Test remarks\nlanguage: en\ntarget: 0:30\n---\n\
TEST OFFICE\n\nExcellencies,\n\n\
One two three four five six seven eight nine ten. [Minute of silence] Eleven twelve.\n\n\
[Pause]\n\nThank you. Merci.\n";

#[test]
fn counts_and_times_a_speech() {
    let report = stats_json(&["-"], Some(SPEECH));
    let file = &report["files"][0];
    assert_eq!(file["language"], "en");
    assert_eq!(file["title"], "Test remarks");
    assert_eq!(file["directions"], 2);
    assert_eq!(file["timed_directions"], 1);
    assert_eq!(file["direction_seconds"], 60);
    // Spoken: Excellencies (1) + 10 + 2 + "Thank you." (2) = 15 English words, "Merci." 1 French.
    assert_eq!(file["spoken_words"], 16);
    assert_eq!(file["words"], 18);
    let languages = file["languages"].as_array().unwrap();
    assert_eq!(languages.len(), 2);
    assert_eq!(languages[0]["lang"], "en");
    assert_eq!(languages[0]["words"], 15);
    assert_eq!(languages[0]["words_per_minute"], 130);
    assert_eq!(languages[0]["seconds"], 7);
    assert_eq!(languages[1]["lang"], "fr");
    assert_eq!(languages[1]["words_per_minute"], 150);
    assert_eq!(file["total_seconds"], 60 + 7);
    assert_eq!(file["target_seconds"], 30);
    assert_eq!(file["over_target"], true);
}

#[test]
fn rates_and_the_interpretable_preset() {
    let normal = stats_json(&["-"], Some(SPEECH));
    let slow = stats_json(&["-", "--pace", "interpretable"], Some(SPEECH));
    assert_eq!(slow["files"][0]["languages"][0]["words_per_minute"], 110);
    assert!(
        slow["files"][0]["speaking_seconds"].as_u64()
            > normal["files"][0]["speaking_seconds"].as_u64()
    );
    let custom = stats_json(&["-", "--rate", "60", "--rate", "fr=30"], Some(SPEECH));
    assert_eq!(custom["files"][0]["languages"][0]["words_per_minute"], 60);
    assert_eq!(custom["files"][0]["languages"][0]["seconds"], 15);
    assert_eq!(custom["files"][0]["languages"][1]["words_per_minute"], 30);
    tribune()
        .args(["stats", "-", "--rate", "fast"])
        .assert()
        .code(2);
}

#[test]
fn samples_in_both_languages_take_similar_time() {
    let en = repo_path("speeches/flood-relief-niamey.en.txt");
    let fr = repo_path("speeches/flood-relief-niamey.fr.txt");
    let report = stats_json(&[en.to_str().unwrap(), fr.to_str().unwrap()], None);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let en_time = files[0]["total_seconds"].as_f64().unwrap();
    let fr_time = files[1]["total_seconds"].as_f64().unwrap();
    assert!(en_time > 240.0, "a sample speech takes minutes: {en_time}");
    assert!(
        (en_time - fr_time).abs() / en_time < 0.2,
        "{en_time} vs {fr_time}"
    );
    assert!(
        files[1]["words"].as_u64() > files[0]["words"].as_u64(),
        "French is longer"
    );
}

#[test]
fn text_output_in_both_interface_languages() {
    tribune()
        .args(["stats", "-"])
        .write_stdin(SPEECH)
        .assert()
        .success()
        .stdout(predicate::str::contains("Estimated total: 1:07"))
        .stdout(predicate::str::contains("Over the target of 0:30 by 0:37"));
    tribune()
        .args(["stats", "-", "--ui-lang", "fr"])
        .write_stdin(SPEECH)
        .assert()
        .success()
        .stdout(predicate::str::contains("Durée totale estimée : 1:07"));
}
