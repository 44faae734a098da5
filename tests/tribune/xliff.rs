//! `tribune xliff import` through the real binary: the shapes real CAT tools write (fixtures
//! in tests/fixtures/xliff/), states, provenance, one transaction per file, hostile input.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::{repo_path, tribune};

/// A temporary folder with a memory in it.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, content).unwrap();
        path
    }

    pub fn memory(&self) -> PathBuf {
        self.path("tm.sqlite")
    }

    /// `tribune ARGS`, run in the folder, with TRIBUNE_MEMORY naming the workspace's memory.
    pub fn run(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = tribune();
        cmd.current_dir(self.dir.path())
            .env("TRIBUNE_MEMORY", self.memory())
            .args(args);
        cmd
    }

    pub fn import(&self, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
        self.run(&["xliff", "import"])
            .arg(file)
            .args(extra)
            .assert()
    }

    pub fn units(&self) -> u64 {
        if !self.memory().exists() {
            return 0;
        }
        let out = self
            .run(&["memory", "stats", "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["units"].as_u64().unwrap()
    }

    /// The best match's target for a text, if any (`memory lookup --format jsonl`).
    pub fn lookup(&self, text: &str, from: &str, to: &str) -> Option<(u64, String)> {
        let out = self
            .run(&[
                "memory", "lookup", text, "--from", from, "--to", to, "--format", "jsonl",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let best = json["matches"].get(0)?;
        Some((
            best["score"].as_u64().unwrap(),
            best["target"].as_str().unwrap().to_owned(),
        ))
    }
}

fn fixture(name: &str) -> PathBuf {
    repo_path("tests/fixtures/xliff").join(name)
}

#[test]
fn a_1_2_file_of_a_cat_tool_imports_its_confirmed_translations() {
    let ws = Workspace::new();
    ws.import(&fixture("omegat-style-1.2.xlf"), &[])
        .success()
        .stdout(predicate::str::contains(
            "omegat-style-1.2.xlf: 8 read, 4 added, 0 updated, 0 unchanged, 4 skipped (2 without translation, 1 not for translation, 1 not confirmed)",
        ))
        .stdout(predicate::str::contains(
            "omegat-style-1.2.xlf:30: u3 skipped: state needs-review-translation is not confirmed",
        ))
        .stdout(predicate::str::contains("omegat-style-1.2.xlf:34: u4 skipped: no translation"));
    assert_eq!(ws.units(), 4);
    // Inline codes are left out of the text; entities are resolved.
    assert_eq!(
        ws.lookup(
            "The harbour reopens to fishing boats on Monday.",
            "en",
            "fr"
        ),
        Some((100, "Le port rouvre aux bateaux de pêche lundi.".to_owned()))
    );
    assert_eq!(
        ws.lookup("We counted 1,250 boats in May.", "en", "fr")
            .unwrap()
            .1,
        "Nous avons compté 1 250 bateaux en mai."
    );
    assert_eq!(
        ws.lookup(
            "Tides & currents were measured at \u{2248}3 knots.",
            "en",
            "fr"
        )
        .unwrap()
        .1,
        "Les marées & courants ont été mesurés à \u{2248}3 nœuds."
    );
    assert_eq!(
        ws.lookup("The dredging will take eighteen months.", "en", "fr"),
        None
    );
    // The same file again changes nothing.
    ws.import(&fixture("omegat-style-1.2.xlf"), &[])
        .success()
        .stdout(predicate::str::contains("0 added, 0 updated, 4 unchanged"));
    assert_eq!(ws.units(), 4);
    // --state any takes the unconfirmed one too; --state final only the final ones.
    let any = Workspace::new();
    any.import(&fixture("omegat-style-1.2.xlf"), &["--state", "any"])
        .success()
        .stdout(predicate::str::contains("5 added"));
    let last = Workspace::new();
    last.import(&fixture("omegat-style-1.2.xlf"), &["--state", "final"])
        .success()
        .stdout(predicate::str::contains("1 added"));
}

#[test]
fn provenance_and_inline_markup_are_kept() {
    let ws = Workspace::new();
    ws.import(
        &fixture("omegat-style-1.2.xlf"),
        &["--origin", "harbour job"],
    )
    .success();
    let export = ws.run(&["memory", "export"]).output().unwrap();
    let tmx = String::from_utf8(export.stdout).unwrap();
    assert!(tmx.contains("tuid=\"u1\""), "{tmx}");
    assert!(
        tmx.contains("<prop type=\"x-tribune-origin\">harbour job</prop>"),
        "{tmx}"
    );
    assert!(
        tmx.contains("<prop type=\"x-xliff-state\">translated</prop>"),
        "{tmx}"
    );
    // The <g> code survives as TMX inline markup; the context is the neighbouring sources.
    assert!(tmx.contains("<bpt i=\"1\">&lt;g id=&quot;1&quot; ctype=&quot;bold&quot;&gt;</bpt>bateaux de pêche<ept i=\"1\">&lt;/g&gt;</ept>"), "{tmx}");
    assert!(
        tmx.contains("<prop type=\"x-context-post\">We counted 1,250 boats in May.</prop>"),
        "{tmx}"
    );
}

#[test]
fn sdlxliff_segments_take_their_own_confirmation_level() {
    let ws = Workspace::new();
    ws.import(&fixture("trados-style.sdlxliff"), &[])
        .success()
        .stdout(predicate::str::contains(
            "2 read, 1 added, 0 updated, 0 unchanged, 1 skipped",
        ))
        .stdout(predicate::str::contains(
            "7b2c#2 skipped: state Draft is not confirmed",
        ));
    assert_eq!(
        ws.lookup("The quay is ready.", "en", "fr"),
        Some((100, "Le quai est prêt.".to_owned()))
    );
    ws.import(&fixture("trados-style.sdlxliff"), &["--state", "any"])
        .success()
        .stdout(predicate::str::contains("1 added, 0 updated, 1 unchanged"));
    assert_eq!(
        ws.lookup("The cranes arrive in June.", "en", "fr")
            .unwrap()
            .1,
        "Les grues arrivent en juin."
    );
}

#[test]
fn a_2_1_file_with_modules_groups_and_codes() {
    let ws = Workspace::new();
    ws.import(&fixture("memoq-style-2.1.xlf"), &["--format", "json"])
        .success()
        .stdout(predicate::str::contains("\"added\": 3"))
        .stdout(predicate::str::contains("\"state\": 1"))
        .stdout(predicate::str::contains("\"no-target\": 1"))
        .stdout(predicate::str::contains("\"not-translatable\": 1"));
    assert_eq!(
        ws.lookup("The new clinic opened in 2019.", "en", "fr"),
        Some((100, "La nouvelle clinique a ouvert en 2019.".to_owned()))
    );
    assert_eq!(
        ws.lookup("It treats 300 patients a day.", "en", "fr")
            .unwrap()
            .1,
        "Elle soigne 300 patients par jour."
    );
    assert_eq!(ws.lookup("Staff are volunteers.", "en", "fr"), None);
}

#[test]
fn a_new_translation_of_a_known_source_is_an_update_and_ranks_first() {
    let ws = Workspace::new();
    ws.import(&fixture("omegat-style-1.2.xlf"), &[]).success();
    let revised = std::fs::read_to_string(fixture("omegat-style-1.2.xlf"))
        .unwrap()
        .replace("en mai.", "au mois de mai.");
    let file = ws.write("revised.xlf", &revised);
    ws.import(&file, &[])
        .success()
        .stdout(predicate::str::contains("0 added, 1 updated, 3 unchanged"));
    assert_eq!(
        ws.lookup("We counted 1,250 boats in May.", "en", "fr")
            .unwrap()
            .1,
        "Nous avons compté 1 250 bateaux au mois de mai."
    );
}

#[test]
fn hostile_entities_stay_inert_and_nothing_is_imported() {
    let ws = Workspace::new();
    ws.import(&fixture("hostile-entities.xlf"), &[])
        .code(1)
        .stderr(predicate::str::contains("hostile-entities.xlf:15:"))
        .stderr(predicate::str::contains("unknown entity “&secret;”"))
        .stderr(predicate::str::contains("root:").not());
    assert_eq!(ws.units(), 0);
}

#[test]
fn a_truncated_file_is_a_located_error_and_changes_nothing() {
    let ws = Workspace::new();
    ws.import(&fixture("omegat-style-1.2.xlf"), &[]).success();
    ws.import(&fixture("truncated.xlf"), &[])
        .code(1)
        .stderr(predicate::str::contains("truncated.xlf:"))
        .stderr(predicate::str::contains("the file ends too early"));
    assert_eq!(ws.units(), 4);
    assert_eq!(ws.lookup("Complete.", "en", "fr"), None);
    // Not XLIFF at all, or a version Tribune does not read.
    let tmx = ws.write("memory.xlf", "<tmx version=\"1.4\"><header/><body/></tmx>");
    ws.import(&tmx, &[])
        .code(1)
        .stderr(predicate::str::contains(
            "memory.xlf:1:1: expected an XLIFF document (<xliff>), found <tmx>",
        ));
    let future = ws.write("future.xlf", "<xliff version=\"3.0\"/>");
    ws.import(&future, &[])
        .code(1)
        .stderr(predicate::str::contains(
            "XLIFF version 3.0 is not supported",
        ));
}

#[test]
fn a_file_without_a_target_language_needs_to() {
    let ws = Workspace::new();
    let file = ws.write(
        "nolang.xlf",
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body>\n<trans-unit id=\"1\"><source>Yes.</source><target state=\"final\">Oui.</target></trans-unit>\n</body></file></xliff>\n",
    );
    ws.import(&file, &[])
        .code(1)
        .stderr(predicate::str::contains(
            "nolang.xlf:3: the file does not say its target language: give --to",
        ));
    ws.import(&file, &["--to", "fr"])
        .success()
        .stdout(predicate::str::contains("1 added"));
    // Messages in French too.
    ws.run(&["--ui-lang", "fr", "xliff", "import"])
        .arg(&file)
        .args(["--to", "fr"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 lus, 0 ajoutés, 0 mis à jour, 1 inchangés",
        ));
}
