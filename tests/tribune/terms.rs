//! `tribune terms …` through the real binary: the sample TBX-Basic term base
//! (memory/un-basic.tbx) imported, looked up against the sample speeches, exported and
//! imported again; CSV term bases; bad files refused where they are wrong.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::{repo_path, tribune};

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

    fn import_into(&self, file: &Path, memory: &Path) -> assert_cmd::assert::Assert {
        self.run(&["terms", "import"])
            .arg(file)
            .arg("--memory")
            .arg(memory)
            .assert()
    }

    fn import(&self, file: &Path) -> assert_cmd::assert::Assert {
        self.import_into(file, &self.memory())
    }

    fn lookup(&self, text: &str, from: &str, to: &str, format: &str) -> String {
        let out = self
            .run(&["terms", "lookup", text, "--from", from, "--to", to])
            .args(["--format", format, "--memory"])
            .arg(self.memory())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn export(&self, memory: &Path, name: &str) -> String {
        let path = self.path(name);
        self.run(&["terms", "export", "-o"])
            .arg(&path)
            .arg("--memory")
            .arg(memory)
            .assert()
            .success()
            .stdout("");
        std::fs::read_to_string(path).unwrap()
    }
}

fn sample() -> PathBuf {
    repo_path("memory/un-basic.tbx")
}

#[test]
fn the_sample_term_base_imports_and_imports_again_unchanged() {
    let ws = Workspace::new();
    ws.import(&sample())
        .success()
        .stdout(predicate::str::ends_with(
            "un-basic.tbx: 18 read, 18 added, 0 updated, 0 unchanged\n",
        ));
    ws.import(&sample())
        .success()
        .stdout(predicate::str::ends_with(
            "un-basic.tbx: 18 read, 0 added, 0 updated, 18 unchanged\n",
        ));
    // The summary in French.
    ws.run(&["--ui-lang", "fr", "terms", "import"])
        .arg(sample())
        .arg("--memory")
        .arg(ws.memory())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "18 lus, 0 ajouté, 0 mis à jour, 18 inchangés",
        ));
}

#[test]
fn lookup_shows_the_terms_of_a_text_with_their_translations_and_status() {
    let ws = Workspace::new();
    ws.import(&sample()).success();
    let text = ws.lookup(
        "We honour the peacekeepers who serve under the blue flag.",
        "en",
        "fr",
        "text",
    );
    assert!(
        text.contains("  peacekeepers (peacekeeper)  peacekeeping\n"),
        "{text}"
    );
    assert!(text.contains("      → Casque bleu  preferred"), "{text}");
    assert!(
        text.contains("      ✗ gardien de la paix  deprecated · not to use"),
        "{text}"
    );
    let none = ws.lookup("Nothing to see here.", "en", "fr", "text");
    assert_eq!(none, "Text: Nothing to see here.\n  no term\n");
    // French to English, plural forms, and the JSON fields of docs/cli.md.
    let json = ws.lookup(
        "Les Casques bleus protègent les civils ; l’OMM surveille les eaux souterraines.",
        "fr-FR",
        "en",
        "json",
    );
    let value: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    let terms = value["terms"].as_array().unwrap();
    let found: Vec<&str> = terms.iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert_eq!(found, ["Casques bleus", "OMM", "eaux souterraines"]);
    assert_eq!(terms[0]["concept"], "peacekeeper");
    assert_eq!(terms[0]["source"]["text"], "Casque bleu");
    assert_eq!(terms[0]["targets"][0]["text"], "peacekeeper");
    assert_eq!(terms[0]["targets"][0]["status"], "preferred");
    let query = value["query"].as_str().unwrap();
    let (start, end) = (
        terms[1]["start"].as_u64().unwrap() as usize,
        terms[1]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&query[start..end], "OMM");
}

/// The sample term base was written for the sample speeches: their terms are found, in
/// every form the speeches use.
#[test]
fn the_sample_speeches_terms_are_found() {
    let ws = Workspace::new();
    ws.import(&sample()).success();
    for (speech, from, to, expected) in [
        (
            "speeches/peacekeeping-day-goma.en.txt",
            "en",
            "fr",
            &[
                "srsg",
                "peacekeeper",
                "force-commander",
                "minute-of-silence",
                "humanitarian-access",
                "protection-of-civilians",
                "quick-impact-project",
                "early-warning",
                "peacekeeping",
                "security-council",
            ][..],
        ),
        (
            "speeches/water-summit-dakar.fr.txt",
            "fr",
            "en",
            &["sanitation", "drinking-water", "sdg", "groundwater", "wmo"][..],
        ),
        (
            "speeches/flood-relief-niamey.en.txt",
            "en",
            "fr",
            &["srsg", "minute-of-silence", "early-warning", "wmo", "cerf"][..],
        ),
    ] {
        let out = ws
            .run(&["terms", "lookup", "-", "--from", from, "--to", to])
            .args(["--format", "jsonl", "--memory"])
            .arg(ws.memory())
            .write_stdin(std::fs::read(repo_path(speech)).unwrap())
            .output()
            .unwrap();
        assert!(out.status.success());
        let mut found = std::collections::BTreeSet::new();
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            for term in value["terms"].as_array().unwrap() {
                found.insert(term["concept"].as_str().unwrap().to_owned());
            }
        }
        for concept in expected {
            assert!(found.contains(*concept), "{speech}: {concept} in {found:?}");
        }
    }
}

#[test]
fn an_export_imports_again_unchanged_and_exports_the_same_file() {
    let ws = Workspace::new();
    ws.import(&sample()).success();
    let first = ws.export(&ws.memory(), "export.tbx");
    assert!(first.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\""));
    assert!(first
        .contains("<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"));
    ws.import(&ws.path("export.tbx"))
        .success()
        .stdout(predicate::str::ends_with(
            "export.tbx: 18 read, 0 added, 0 updated, 18 unchanged\n",
        ));
    let fresh = ws.path("fresh.sqlite");
    ws.import_into(&ws.path("export.tbx"), &fresh).success();
    assert_eq!(ws.export(&fresh, "again.tbx"), first);
    // Without -o, the TBX goes to standard output.
    ws.run(&["terms", "export", "--memory"])
        .arg(&fresh)
        .assert()
        .success()
        .stdout(first);
    // The memory itself is never an output.
    ws.run(&["terms", "export", "-o"])
        .arg(ws.memory())
        .arg("--memory")
        .arg(ws.memory())
        .assert()
        .code(1);
}

#[test]
fn a_csv_term_base_is_read_by_its_header() {
    let ws = Workspace::new();
    let csv = ws.write(
        "terms.csv",
        "id,en,fr,status,fr,status,subject\n\
         sg,Secretary-General,Secrétaire général,preferred,Secrétaire-Général,superseded,United Nations\n\
         ,delegate,délégué,,,,\n",
    );
    ws.import(&csv).success().stdout(predicate::str::ends_with(
        "terms.csv: 2 read, 2 added, 0 updated, 0 unchanged\n",
    ));
    let text = ws.lookup("Distinguished delegates", "en", "fr", "text");
    assert!(
        text.contains("  delegates (delegate)\n      → délégué\n"),
        "{text}"
    );
    let tsv = ws.write("more.tsv", "en\tfr\nwater\teau\n");
    ws.import(&tsv).success();
    // A file whose format the name does not tell, told by --format.
    let other = ws.write("terms.list", "en,fr\nsanitation,assainissement\n");
    ws.run(&["terms", "import", "--format", "csv", "--memory"])
        .arg(ws.memory())
        .arg(&other)
        .assert()
        .success();
    let text = ws.lookup("Water and sanitation.", "en", "fr", "text");
    assert!(
        text.contains("→ eau") && text.contains("→ assainissement"),
        "{text}"
    );
}

#[test]
fn a_bad_file_is_refused_where_it_is_wrong_and_stores_nothing() {
    let ws = Workspace::new();
    let sample = std::fs::read_to_string(sample()).unwrap();
    let cut = &sample[..sample.find("<conceptEntry id=\"sanitation\">").unwrap()];
    let truncated = ws.write("cut.tbx", cut);
    let lines = cut.lines().count();
    // Into a memory that does not exist yet: none is left behind.
    ws.import(&truncated)
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "cut.tbx:{lines}:7: the file ends too early: expected </body>"
        )));
    assert!(
        !ws.memory().exists(),
        "a failed import left a memory behind"
    );
    // Into an existing memory: nothing of the file is stored.
    ws.import(&ws.write("one.csv", "en,fr\nwater,eau\n"))
        .success();
    ws.import(&truncated).code(1);
    let export = ws.export(&ws.memory(), "after.tbx");
    assert_eq!(export.matches("<conceptEntry").count(), 1);
    // Hostile XML: entities are refused, never expanded.
    let entity = ws.write(
        "entity.tbx",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n\
         <tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body>\n\
         <conceptEntry id=\"x\"><langSec xml:lang=\"en\"><termSec><term>&xxe;</term></termSec></langSec></conceptEntry>\n\
         </body></text></tbx>\n",
    );
    ws.import(&entity).code(1).stderr(predicate::str::contains(
        "entity.tbx:4:60: unknown entity “&xxe;”",
    ));
    // A CSV header that names no language, and a bad status on line 3.
    ws.import(&ws.write("bad.csv", "term,translation\na,b\n"))
        .code(1)
        .stderr(predicate::str::contains("bad.csv:1: unknown column “term”"));
    ws.import(&ws.write("status.csv", "en,fr,status\na,b,\nc,d,best\n"))
        .code(1)
        .stderr(predicate::str::contains(
            "status.csv:3: unknown term status “best”",
        ));
    // A TMX file is not a term base.
    ws.import(&ws.write("memory.tbx", "<tmx version=\"1.4\"><body/></tmx>"))
        .code(1)
        .stderr(predicate::str::contains(
            "memory.tbx:1:1: expected a TBX document (<tbx>, <martif>), found <tmx>",
        ));
    // Lookups need a memory.
    ws.run(&[
        "terms", "lookup", "water", "--from", "en", "--to", "fr", "--memory",
    ])
    .arg(ws.path("none.sqlite"))
    .assert()
    .code(1)
    .stderr(predicate::str::contains("there is no translation memory"));
}

/// The sample and an export validated against the TBX-Basic schemas (LTAC's TBX core
/// structure RNG and the TBX-Basic DCA Schematron), when TRIBUNE_TBX_SCHEMAS names a folder
/// holding TBXcoreStructV03.rng and TBX-Basic_DCA.sch (docs/terms.md says where they come
/// from: no package ships them). TRIBUNE_TBX_PYTHON names a Python with lxml and, for the
/// Schematron, pyschematron (Python 3.12 or newer).
#[test]
fn the_sample_and_an_export_are_valid_tbx_basic() {
    let Some(schemas) = std::env::var_os("TRIBUNE_TBX_SCHEMAS") else {
        println!("skipped: TRIBUNE_TBX_SCHEMAS is not set");
        return;
    };
    let ws = Workspace::new();
    ws.import(&sample()).success();
    ws.export(&ws.memory(), "export.tbx");
    let python = std::env::var("TRIBUNE_TBX_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = r#"
import sys, os
from lxml import etree
folder = sys.argv[1]
rng = etree.RelaxNG(etree.parse(os.path.join(folder, "TBXcoreStructV03.rng")))
try:
    from pyschematron import validate_document
except ImportError:
    validate_document = None
    print("no pyschematron: the Schematron rules are not checked")
for path in sys.argv[2:]:
    doc = etree.parse(path)
    if not rng.validate(doc):
        sys.exit(f"{path}: {rng.error_log}")
    if validate_document is not None:
        result = validate_document(doc, etree.parse(os.path.join(folder, "TBX-Basic_DCA.sch")))
        if not result.is_valid():
            sys.exit(f"{path}: {etree.tostring(result.get_svrl())[:2000]}")
"#;
    let out = StdCommand::new(python)
        .arg("-c")
        .arg(script)
        .arg(&schemas)
        .arg(sample())
        .arg(ws.path("export.tbx"))
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
