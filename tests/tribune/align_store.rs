//! `tribune align --store`: confident beads become translation units with provenance; stage
//! directions, salutations without counterpart and held-back beads do not; bad input stores
//! nothing.

use serde_json::Value;

use crate::{repo_path, tribune};

fn units(memory: &std::path::Path) -> Vec<(String, String)> {
    let out = tempfile::NamedTempFile::new().unwrap();
    tribune()
        .args(["memory", "export", "--memory"])
        .arg(memory)
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    let tmx = std::fs::read_to_string(out.path()).unwrap();
    // Pull the <seg> texts pairwise (our own export: one en and one fr variant per unit).
    let segs: Vec<String> = tmx
        .split("<seg>")
        .skip(1)
        .map(|s| s.split("</seg>").next().unwrap().to_owned())
        .collect();
    segs.chunks(2)
        .map(|c| (c[0].clone(), c[1].clone()))
        .collect()
}

#[test]
fn the_sample_pair_is_stored_without_its_directions() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("tm.sqlite");
    let en = repo_path("speeches/flood-relief-niamey.en.txt");
    let fr = repo_path("speeches/flood-relief-niamey.fr.txt");
    let output = tribune()
        .arg("align")
        .arg(&en)
        .arg(&fr)
        .args(["--store", "--format", "jsonl", "--memory"])
        .arg(&memory)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("new units"), "{stderr}");
    let beads: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let stored = units(&memory);
    let storable = beads
        .iter()
        .filter(|b| {
            (b["kind"] == "translation" || b["kind"] == "salutation")
                && b["review"] == false
                && ["1-1", "1-2", "2-1"].contains(&b["shape"].as_str().unwrap())
        })
        .count();
    assert!(
        stored.len() >= storable.saturating_sub(2) && stored.len() <= storable,
        "{} vs {storable}",
        stored.len()
    );
    // What the JSON says is storable is what was stored.
    // (A bead whose pair is already stored, from earlier in the speech, adds no unit.)
    let marked = beads.iter().filter(|b| b["storable"] == true).count();
    assert!(
        marked >= stored.len() && marked <= storable,
        "{marked} marked, {} stored",
        stored.len()
    );
    // Salutation lines are stored, with their translation.
    assert!(
        stored
            .iter()
            .any(|(s, t)| s == "Ladies and Gentlemen," && t == "Mesdames et Messieurs,"),
        "{stored:?}"
    );
    for (source, target) in &stored {
        assert!(
            !source.contains("[STOP") && !target.contains("Minute de silence"),
            "{source} | {target}"
        );
        assert!(!source.is_empty() && !target.is_empty());
    }
    // The silence is aligned with its counterpart, as a direction bead, never stored.
    assert!(beads.iter().any(|b| b["kind"] == "direction"
        && b["texts"][0]
            .as_str()
            .unwrap()
            .contains("minute of silence")
        && b["texts"][1] == "Minute de silence"));
    // Provenance names both files.
    let stats = tribune()
        .args(["memory", "stats", "--format", "json", "--memory"])
        .arg(&memory)
        .output()
        .unwrap();
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["units"].as_u64().unwrap() as usize, stored.len());
    assert!(stats.to_string().contains("flood-relief-niamey.en.txt | "));
}

#[test]
fn storing_twice_adds_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("tm.sqlite");
    let en = repo_path("speeches/peacekeeping-day-goma.en.txt");
    let fr = repo_path("speeches/peacekeeping-day-goma.fr.txt");
    for _ in 0..2 {
        tribune()
            .arg("align")
            .arg(&en)
            .arg(&fr)
            .args(["--store", "--memory"])
            .arg(&memory)
            .assert()
            .success();
    }
    let output = tribune()
        .arg("align")
        .arg(&en)
        .arg(&fr)
        .args(["--store", "--memory"])
        .arg(&memory)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains(": 0 new units"));
}

#[test]
fn files_in_the_wrong_order_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("tm.sqlite");
    let en = repo_path("speeches/water-summit-dakar.en.txt");
    let fr = repo_path("speeches/water-summit-dakar.fr.txt");
    tribune()
        .arg("align")
        .arg(&fr)
        .arg(&en)
        .args(["--source-lang", "en", "--target-lang", "fr"])
        .args(["--store", "--memory"])
        .arg(&memory)
        .assert()
        .code(1);
    assert!(!memory.exists(), "no memory created for a failed alignment");
}
