//! `tribune memory …` through the real binary, on real SQLite files and TMX written here.

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::tribune;

/// A small TMX of speech sentences, with a property, a note and inline markup.
const SPEECH_TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none"
          adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu tuid="s1" creationdate="20240115T100000Z" creationid="ana">
      <prop type="x-event">Opening</prop>
      <note>Approved by the chief editor</note>
      <tuv xml:lang="EN-US"><seg>We have deployed 3,700 peacekeepers in the region.</seg></tuv>
      <tuv xml:lang="fr-fr"><seg>Nous avons déployé 3 700 Casques bleus dans la région.</seg></tuv>
    </tu>
    <tu tuid="s2">
      <tuv xml:lang="en"><seg>The Council adopted the resolution <bpt i="1">&lt;i&gt;</bpt>unanimously<ept i="1">&lt;/i&gt;</ept>.</seg></tuv>
      <tuv xml:lang="fr"><seg>Le Conseil a adopté la résolution <bpt i="1">&lt;i&gt;</bpt>à l’unanimité<ept i="1">&lt;/i&gt;</ept>.</seg></tuv>
    </tu>
    <tu tuid="s3">
      <tuv xml:lang="en"><seg>Thank you, Madam President.</seg></tuv>
      <tuv xml:lang="fr"><seg>Merci, Madame la Présidente.</seg></tuv>
    </tu>
    <tu tuid="s4">
      <tuv xml:lang="en"><seg>Only one language here.</seg></tuv>
    </tu>
  </body>
</tmx>
"#;

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, content: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, content).unwrap();
        path
    }

    fn memory(&self) -> PathBuf {
        self.path("tm/tribune.sqlite")
    }

    fn run(&self, args: &[&str]) -> Command {
        let mut cmd = tribune();
        cmd.current_dir(self.dir.path()).args(args);
        cmd
    }

    fn import(&self, file: &Path) -> assert_cmd::assert::Assert {
        self.run(&["memory", "import"])
            .arg(file)
            .arg("--memory")
            .arg(self.memory())
            .assert()
    }

    fn units(&self) -> u64 {
        let out = self
            .run(&["memory", "stats", "--format", "json", "--memory"])
            .arg(self.memory())
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
}

#[test]
fn import_summarises_and_stats_count_units() {
    let ws = Workspace::new();
    let tmx = ws.write("speech.tmx", SPEECH_TMX);
    ws.import(&tmx).success().stdout(predicate::str::contains(
        "speech.tmx: 4 read, 3 added, 0 merged, 1 skipped (1 with fewer than two languages)",
    ));
    assert_eq!(ws.units(), 3);
    // The same file again: everything merges, nothing is duplicated.
    ws.import(&tmx)
        .success()
        .stdout(predicate::str::contains("4 read, 0 added, 3 merged"));
    assert_eq!(ws.units(), 3);
    ws.run(&["memory", "stats", "--memory"])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("Units: 3"))
        .stdout(predicate::str::contains("speech.tmx"));
}

#[test]
fn the_default_memory_lives_under_the_working_directory() {
    let ws = Workspace::new();
    ws.write("speech.tmx", SPEECH_TMX);
    ws.run(&["memory", "import", "speech.tmx"])
        .assert()
        .success();
    assert!(ws.path("memory/tribune.sqlite").exists());
    ws.run(&["memory", "stats"])
        .env("TRIBUNE_MEMORY", ws.path("elsewhere.sqlite"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no translation memory at"));
}

#[test]
fn lookup_answers_in_text_and_jsonl_with_number_substitution() {
    let ws = Workspace::new();
    ws.import(&ws.write("speech.tmx", SPEECH_TMX)).success();
    let out = ws
        .run(&[
            "memory",
            "lookup",
            "We have deployed 4,100 peacekeepers in the region.",
            "--from",
            "en",
            "--to",
            "fr",
            "--format",
            "jsonl",
            "--memory",
        ])
        .arg(ws.memory())
        .output()
        .unwrap();
    assert!(out.status.success());
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &answer["matches"][0];
    assert_eq!(
        answer["query"],
        "We have deployed 4,100 peacekeepers in the region."
    );
    assert_eq!(
        first["target"],
        "Nous avons déployé 3 700 Casques bleus dans la région."
    );
    assert_eq!(
        first["substituted"],
        "Nous avons déployé 4 100 Casques bleus dans la région."
    );
    assert_eq!(first["origin"], "speech.tmx");
    assert_eq!(first["changed"], "2024-01-15T10:00:00Z");
    assert!(first["score"].as_u64().unwrap() >= 90 && first["score"].as_u64().unwrap() < 100);
    let diff = first["diff"].as_array().unwrap();
    assert!(diff.iter().any(|d| d["op"] == "delete"
        && d["text"].as_str().unwrap().trim() == "3,700"
        && d["kind"] == "number"));
    assert!(diff
        .iter()
        .any(|d| d["op"] == "insert" && d["text"].as_str().unwrap().trim() == "4,100"));

    ws.run(&[
        "memory",
        "lookup",
        "The Council adopted the resolution.",
        "--from",
        "en-GB",
        "--to",
        "fr",
        "--memory",
    ])
    .arg(ws.memory())
    .assert()
    .success()
    .stdout(predicate::str::contains("[-unanimously-]"))
    .stdout(predicate::str::contains(
        "→ Le Conseil a adopté la résolution à l’unanimité.",
    ));
}

#[test]
fn lookup_reads_queries_from_stdin_in_order() {
    let ws = Workspace::new();
    ws.import(&ws.write("speech.tmx", SPEECH_TMX)).success();
    let out = ws
        .run(&["memory", "lookup", "-", "--from", "en", "--to", "fr", "--format", "jsonl", "--memory"])
        .arg(ws.memory())
        .write_stdin("Thank you, Madam President.\nNothing like anything stored.\n\nThank you, Madam President!\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["matches"][0]["score"], 100);
    assert_eq!(lines[1]["matches"].as_array().unwrap().len(), 0);
    assert_eq!(lines[2]["query"], "");
    let score = lines[3]["matches"][0]["score"].as_u64().unwrap();
    assert!((90..100).contains(&score), "{score}");
    assert_eq!(lines[3]["matches"][0]["differences"][0], "punctuation");
}

#[test]
fn search_shows_both_sides_with_the_hit() {
    let ws = Workspace::new();
    ws.import(&ws.write("speech.tmx", SPEECH_TMX)).success();
    ws.run(&["memory", "search", "casques BLEUS", "--memory"])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("3 700 ⟦Casques bleus⟧ dans"))
        .stdout(predicate::str::contains(
            "We have deployed 3,700 peacekeepers",
        ));
    ws.run(&["memory", "search", "keepers in", "--lang", "fr", "--memory"])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("is not in the memory"));
}

#[test]
fn export_keeps_markup_properties_and_round_trips() {
    let ws = Workspace::new();
    ws.import(&ws.write("speech.tmx", SPEECH_TMX)).success();
    let out = ws.path("out/export.tmx");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    ws.run(&["memory", "export", "--lang-pair", "en:fr", "-o"])
        .arg(&out)
        .arg("--memory")
        .arg(ws.memory())
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("<bpt i=\"1\">&lt;i&gt;</bpt>unanimously<ept i=\"1\">&lt;/i&gt;</ept>"),
        "{text}"
    );
    assert!(text.contains("<prop type=\"x-event\">Opening</prop>"));
    assert!(text.contains("<note>Approved by the chief editor</note>"));
    assert!(text.contains("tuid=\"s1\"") && text.contains("creationdate=\"20240115T100000Z\""));
    assert!(text.contains("srclang=\"en\""));
    // Nothing but the export is left in the folder.
    assert_eq!(std::fs::read_dir(out.parent().unwrap()).unwrap().count(), 1);
    // Into a new memory: the same units, the same origin.
    let other = ws.path("other.sqlite");
    ws.run(&["memory", "import"])
        .arg(&out)
        .arg("--memory")
        .arg(&other)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "3 read, 3 added, 0 merged, 0 skipped",
        ));
    let again = ws.path("again.tmx");
    ws.run(&["memory", "export", "-o"])
        .arg(&again)
        .arg("--memory")
        .arg(&other)
        .assert()
        .success();
    let again_text = std::fs::read_to_string(&again).unwrap();
    assert_eq!(again_text.matches("<tu ").count(), 3);
    assert!(again_text.contains("<prop type=\"x-tribune-origin\">speech.tmx</prop>"));
    // By origin.
    ws.run(&["memory", "export", "--origin", "nowhere", "--memory"])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("<tu ").not());
}

#[test]
fn tsv_files_need_their_languages() {
    let ws = Workspace::new();
    let tsv = ws.write(
        "pairs.tsv",
        "Good morning.\tBonjour.\nSee you tomorrow.\tÀ demain.\textra\n",
    );
    ws.import(&tsv).code(1).stderr(predicate::str::contains(
        "give its languages with --from and --to",
    ));
    ws.run(&["memory", "import"])
        .arg(&tsv)
        .args([
            "--from", "en", "--to", "fr-CA", "--origin", "glossary", "--memory",
        ])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("2 read, 2 added"));
    ws.run(&[
        "memory",
        "lookup",
        "See you tomorrow.",
        "--from",
        "en",
        "--to",
        "fr",
        "--format",
        "jsonl",
        "--memory",
    ])
    .arg(ws.memory())
    .assert()
    .success()
    .stdout(predicate::str::contains("\"target\":\"À demain.\""))
    .stdout(predicate::str::contains("\"origin\":\"glossary\""));
}

#[test]
fn utf16_tmx_with_a_bom_is_imported() {
    let ws = Workspace::new();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in SPEECH_TMX
        .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
        .encode_utf16()
    {
        bytes.extend(unit.to_le_bytes());
    }
    let path = ws.path("windows.tmx");
    std::fs::write(&path, bytes).unwrap();
    ws.import(&path)
        .success()
        .stdout(predicate::str::contains("3 added"));
    ws.run(&["memory", "search", "Présidente", "--memory"])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("⟦Présidente⟧"));
}

#[test]
fn search_ignores_accents_and_case_unless_asked() {
    let ws = Workspace::new();
    ws.import(&ws.write("speech.tmx", SPEECH_TMX)).success();
    // Typed without accents, in capitals: found, the hit marked on the text as written.
    ws.run(&["memory", "search", "CASQUES BLEUS", "--memory"])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("⟦Casques bleus⟧"));
    let pasted = ws.write(
        "pasted.tsv",
        "en\tfr\nSecurity comes first.\tLa sécurité d’abord.\n",
    );
    ws.run(&["memory", "import", "--from", "en", "--to", "fr", "--memory"])
        .arg(ws.memory())
        .arg(&pasted)
        .assert()
        .success();
    ws.run(&["memory", "search", "securite", "--memory"])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("La ⟦sécurité⟧ d’abord."));
    // --exact: accents as typed (case still ignored).
    ws.run(&["memory", "search", "securite", "--exact", "--memory"])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("is not in the memory"));
    ws.run(&["memory", "search", "SÉCURITÉ", "--exact", "--memory"])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("⟦sécurité⟧"));
    // --match-case: case as typed.
    ws.run(&["memory", "search", "Sécurité", "--match-case", "--memory"])
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains("is not in the memory"));
}

#[test]
fn a_malformed_file_is_located_and_changes_nothing() {
    let ws = Workspace::new();
    ws.import(&ws.write("speech.tmx", SPEECH_TMX)).success();
    let broken = SPEECH_TMX.replace(
        "<tuv xml:lang=\"en\"><seg>Thank you, Madam President.</seg></tuv>",
        "<tuv xml:lang=\"en\"><seg>Thank you, Madam President.</tuv>",
    );
    let broken = broken.replace("Casques bleus", "Casques bleus (new)");
    ws.import(&ws.write("broken.tmx", &broken))
        .code(1)
        .stderr(predicate::str::contains(
            "broken.tmx:17:58: malformed XML: ill-formed document: expected `</seg>`",
        ));
    assert_eq!(ws.units(), 3);
    let hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY secret SYSTEM \"file:///etc/hostname\">]>\n<tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"en\"><seg>&secret;</seg></tuv><tuv xml:lang=\"fr\"><seg>x</seg></tuv></tu>\n</body></tmx>\n";
    ws.import(&ws.write("hostile.tmx", hostile))
        .code(1)
        .stderr(predicate::str::contains(
            "hostile.tmx:4:29: unknown entity “&secret;”",
        ));
    assert_eq!(ws.units(), 3);
}

#[test]
fn a_read_only_memory_answers_lookups_and_refuses_imports() {
    let ws = Workspace::new();
    let tmx = ws.write("speech.tmx", SPEECH_TMX);
    ws.import(&tmx).success();
    let memory = ws.memory();
    let mut permissions = std::fs::metadata(&memory).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&memory, permissions).unwrap();
    ws.run(&[
        "memory",
        "lookup",
        "Thank you, Madam President.",
        "--from",
        "en",
        "--to",
        "fr",
        "--memory",
    ])
    .arg(&memory)
    .assert()
    .success()
    .stdout(predicate::str::contains("Merci, Madame la Présidente."));
    ws.import(&tmx).code(1).stderr(predicate::str::contains(
        "is read-only: lookups work, but nothing can be imported",
    ));
}

#[test]
fn a_memory_from_a_newer_tribune_is_refused_untouched() {
    let ws = Workspace::new();
    let tmx = ws.write("speech.tmx", SPEECH_TMX);
    ws.import(&tmx).success();
    let memory = ws.memory();
    {
        let conn = rusqlite::Connection::open(&memory).unwrap();
        conn.pragma_update(None, "journal_mode", "delete").unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&memory).unwrap();
    ws.import(&tmx).code(1).stderr(predicate::str::contains(
        "was made by a newer Tribune (schema 99",
    ));
    ws.run(&["--ui-lang", "fr", "memory", "stats", "--memory"])
        .arg(&memory)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("version plus récente de Tribune"));
    assert_eq!(std::fs::read(&memory).unwrap(), before);
}

/// A TMX of `count` distinct units, big enough to take a while to import.
fn big_tmx(count: usize) -> String {
    let mut text = String::from(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n",
    );
    let words = [
        "peace",
        "security",
        "council",
        "member",
        "states",
        "development",
        "rights",
        "climate",
        "report",
        "mission",
    ];
    for i in 0..count {
        let a = words[i % 10];
        let b = words[i / 10 % 10];
        let c = words[i / 100 % 10];
        text.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>The {a} of {b} and {c} number {i} matters to us all.</seg></tuv><tuv xml:lang=\"fr\"><seg>Le {a} de {b} et {c} numéro {i} nous concerne tous.</seg></tuv></tu>\n"
        ));
    }
    text.push_str("</body></tmx>\n");
    text
}

fn wal_size(memory: &Path) -> u64 {
    let mut name = memory.as_os_str().to_owned();
    name.push("-wal");
    std::fs::metadata(PathBuf::from(name)).map_or(0, |m| m.len())
}

#[test]
fn killing_an_import_leaves_the_memory_as_it_was() {
    let ws = Workspace::new();
    ws.import(&ws.write("speech.tmx", SPEECH_TMX)).success();
    let big = ws.write("big.tmx", &big_tmx(150_000));
    let memory = ws.memory();
    let before_wal = wal_size(&memory);
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("tribune"))
        .args(["memory", "import"])
        .arg(&big)
        .arg("--memory")
        .arg(&memory)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import has written into the log, then kill it without warning.
    let start = std::time::Instant::now();
    while wal_size(&memory) < before_wal + 2_000_000 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before it could be killed"
        );
        assert!(start.elapsed().as_secs() < 60, "the import never wrote");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(ws.units(), 3);
    ws.run(&[
        "memory",
        "lookup",
        "Thank you, Madam President.",
        "--from",
        "en",
        "--to",
        "fr",
        "--memory",
    ])
    .arg(&memory)
    .assert()
    .success()
    .stdout(predicate::str::contains("100%"));
    // And the memory still takes imports.
    ws.import(&ws.write("small.tmx", &big_tmx(50)))
        .success()
        .stdout(predicate::str::contains("50 added"));
    assert_eq!(ws.units(), 53);
}

#[test]
fn four_concurrent_imports_of_one_file_all_succeed() {
    let ws = Workspace::new();
    let file = ws.write("shared.tmx", &big_tmx(3_000));
    let memory = ws.memory();
    let children: Vec<std::process::Child> = (0..4)
        .map(|_| {
            StdCommand::new(assert_cmd::cargo::cargo_bin("tribune"))
                .args(["memory", "import"])
                .arg(&file)
                .arg("--memory")
                .arg(&memory)
                .env("LANG", "C")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut added = 0;
    let mut merged = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8(out.stdout).unwrap();
        if line.contains("3000 added") {
            added += 1;
        } else if line.contains("0 added, 3000 merged") {
            merged += 1;
        }
    }
    assert_eq!((added, merged), (1, 3));
    assert_eq!(ws.units(), 3_000);
}

#[test]
fn translate_toolkit_reads_our_export_and_we_read_its_output() {
    let ws = Workspace::new();
    ws.import(&ws.write("speech.tmx", SPEECH_TMX)).success();
    let ours = ws.path("ours.tmx");
    ws.run(&["memory", "export", "--lang-pair", "en:fr", "-o"])
        .arg(&ours)
        .arg("--memory")
        .arg(ws.memory())
        .assert()
        .success();
    let theirs = ws.path("theirs.tmx");
    let script = r#"
import sys
try:
    from translate.storage import tmx
except ImportError:
    sys.exit("translate-toolkit is missing: sh scripts/test.sh installs it (pip install translate-toolkit)")
source = tmx.tmxfile.parsefile(sys.argv[1])
out = tmx.tmxfile(sourcelanguage="en", targetlanguage="fr")
count = 0
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
for unit in source.units:
    if unit.source and unit.target:
        source_lang = unit.getlanguageNode(index=0).get(XML_LANG)
        target_lang = unit.getlanguageNode(index=1).get(XML_LANG)
        out.addtranslation(unit.source, source_lang, unit.target, target_lang)
        count += 1
        print(unit.source + "\t" + unit.target)
with open(sys.argv[2], "wb") as f:
    out.serialize(f)
"#;
    let out = StdCommand::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&ours)
        .arg(&theirs)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen = String::from_utf8(out.stdout).unwrap();
    // translate-toolkit read all three units, inline codes as text around the words.
    assert_eq!(seen.lines().count(), 3, "{seen}");
    assert!(seen.contains("We have deployed 3,700 peacekeepers in the region.\tNous avons déployé 3 700 Casques bleus dans la région."));
    assert!(seen.contains("Thank you, Madam President.\tMerci, Madame la Présidente."));
    // Its output into a new memory: three units, the texts intact.
    let fresh = ws.path("fresh.sqlite");
    ws.run(&["memory", "import"])
        .arg(&theirs)
        .arg("--memory")
        .arg(&fresh)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "3 read, 3 added, 0 merged, 0 skipped",
        ));
    ws.run(&[
        "memory",
        "lookup",
        "Thank you, Madam President.",
        "--from",
        "en",
        "--to",
        "fr",
        "--format",
        "jsonl",
        "--memory",
    ])
    .arg(&fresh)
    .assert()
    .success()
    .stdout(predicate::str::contains("\"score\":100"));
    // Into the memory it came from: the units merge, nothing is duplicated. translate-toolkit
    // turns inline codes into text (<i> becomes plain characters), so that unit alone comes
    // back as a different text.
    ws.run(&["memory", "import"])
        .arg(&theirs)
        .arg("--memory")
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "3 read, 1 added, 2 merged, 0 skipped",
        ));
    assert_eq!(ws.units(), 4);
}

#[test]
fn text_output_of_lookup_and_search() {
    let ws = Workspace::new();
    ws.import(&ws.write("speech.tmx", SPEECH_TMX)).success();
    let lookup = ws
        .run(&[
            "memory",
            "lookup",
            "We have deployed 4,100 peacekeepers in the region!",
            "--from",
            "en",
            "--to",
            "fr",
            "--memory",
        ])
        .arg(ws.memory())
        .output()
        .unwrap();
    assert!(lookup.status.success());
    insta::assert_snapshot!("lookup_text", String::from_utf8(lookup.stdout).unwrap());
    let lookup = ws
        .run(&[
            "--ui-lang",
            "fr",
            "memory",
            "lookup",
            "We have deployed 4,100 peacekeepers in the region!",
            "--from",
            "en",
            "--to",
            "fr",
            "--memory",
        ])
        .arg(ws.memory())
        .output()
        .unwrap();
    insta::assert_snapshot!("lookup_text_fr", String::from_utf8(lookup.stdout).unwrap());
    let search = ws
        .run(&["memory", "search", "peacekeep", "--memory"])
        .arg(ws.memory())
        .output()
        .unwrap();
    assert!(search.status.success());
    insta::assert_snapshot!("search_text", String::from_utf8(search.stdout).unwrap());
}
