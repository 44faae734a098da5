//! `tribune translate` through the real binary: the whole loop on the bundled samples (align
//! into a memory, pre-translate into XLIFF, edit the XLIFF with translate-toolkit, import it
//! back, find the edit), the XLIFF checked against the OASIS schemas, the analysis report, the
//! draft, and the previous-draft workflow.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use predicates::prelude::*;

use crate::repo_path;
use crate::xliff::Workspace;

const EN: &str = "speeches/water-summit-dakar.en.txt";
const FR: &str = "speeches/water-summit-dakar.fr.txt";
const EN_V2: &str = "speeches/drafts/water-summit-dakar.v2.en.txt";

/// Two sentences of the sample that the aligned memory holds as one unit (a 2-1 bead), and
/// the translation the translator's edit gives them.
const WATER: &str =
    "Water is not a sector. It is the thread that runs through health, food, energy, education and peace.";
const WATER_FR: &str = "L’eau n’est pas un secteur. C’est le fil qui relie la santé, l’alimentation, l’énergie, l’éducation et la paix.";

fn sample(path: &str) -> PathBuf {
    repo_path(path)
}

/// A workspace whose memory holds the aligned sample pair (`tribune align --store`).
fn aligned() -> Workspace {
    let ws = Workspace::new();
    ws.run(&["align", "--store"])
        .arg(sample(EN))
        .arg(sample(FR))
        .assert()
        .success()
        .stderr(predicate::str::contains("44 new units"));
    ws
}

fn python(script: &str, args: &[&Path]) -> String {
    let out = StdCommand::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Edits an XLIFF file the way a translator's tool would, with translate-toolkit: translates
/// the unit without a match, corrects an exact match, confirms both, saves.
const EDIT_WITH_TRANSLATE_TOOLKIT: &str = r#"
import sys
try:
    from translate.storage import xliff, xliff2
except ImportError:
    sys.exit("translate-toolkit is missing: sh scripts/test.sh installs it (pip install translate-toolkit)")
path, out = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
store = (xliff2.Xliff2File if b'version="2.' in data[:400] else xliff.xlifffile).parsestring(data)
seen = 0
for unit in store.units:
    if unit.isheader():
        continue
    seen += 1
    source = str(unit.source)
    if source.startswith("Water is not a sector. "):
        unit.target = "L’eau n’est pas un secteur. C’est le fil qui relie la santé, l’alimentation, l’énergie, l’éducation et la paix."
    elif source == "That is exactly the mix we need.":
        unit.target = "C’est exactement le mélange qu’il nous faut."
    else:
        continue
    if isinstance(unit, xliff2.Xliff2Unit):
        unit.xmlelement.set("state", "translated")
    else:
        unit.getlanguageNode(lang=None, index=1).set("state", "translated")
        unit.markapproved(True)
print(seen, sum(1 for u in store.units if not u.isheader() and not u.istranslatable()))
with open(out, "wb") as f:
    store.serialize(f)
"#;

#[test]
fn the_whole_loop_on_the_samples_in_both_xliff_versions() {
    for version in ["1.2", "2.1"] {
        let ws = aligned();
        let xlf = ws.path("draft.xlf");
        ws.run(&[
            "translate",
            "--to",
            "fr",
            "--xliff-version",
            version,
            "--xliff",
        ])
        .arg(&xlf)
        .arg(sample(EN))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "45 segments: 45 filled (0 to review), 0 left to translate",
        ));
        let edited = ws.path("edited.xlf");
        let counts = python(EDIT_WITH_TRANSLATE_TOOLKIT, &[&xlf, &edited]);
        // translate-toolkit read every unit: 44 to translate (one of them joins two segments
        // that the memory holds as one unit), 3 directions and 1 passage not.
        assert_eq!(counts.trim(), "48 4", "{version}");
        ws.run(&["xliff", "import"])
            .arg(&edited)
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "edited.xlf: 48 read, 0 added, 2 updated, 42 unchanged, 4 skipped",
            ));
        assert_eq!(
            ws.lookup(WATER, "en", "fr"),
            Some((100, WATER_FR.to_owned())),
            "{version}"
        );
        assert_eq!(
            ws.lookup("That is exactly the mix we need.", "en", "fr"),
            Some((
                100,
                "C’est exactement le mélange qu’il nous faut.".to_owned()
            )),
            "{version}"
        );
        // Pre-translating again now fills the new translation.
        ws.run(&["translate", "--to", "fr", "-o", "again.fr.txt"])
            .arg(sample(EN))
            .assert()
            .success()
            .stderr(predicate::str::contains("45 filled"));
        let again = std::fs::read_to_string(ws.path("again.fr.txt")).unwrap();
        assert!(again.contains(WATER_FR), "{again}");
    }
}

/// Validates a file against the OASIS schema of its version with lxml, and checks what the
/// schemas leave open (the matches module of 2.x).
const VALIDATE: &str = r##"
import sys
from lxml import etree
schemas, version, path = sys.argv[1], sys.argv[2], sys.argv[3]
class Local(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url.endswith("xml.xsd"):
            return self.resolve_filename(schemas + "/xml.xsd", context)
parser = etree.XMLParser()
parser.resolvers.add(Local())
name = "xliff-core-1.2-strict.xsd" if version == "1.2" else "xliff-core-2.0.xsd"
schema = etree.XMLSchema(etree.parse(schemas + "/" + name, parser))
document = etree.parse(path)
if not schema.validate(document):
    for error in schema.error_log:
        print(error)
    sys.exit(1)
MTC = "{urn:oasis:names:tc:xliff:matches:2.0}"
XLF = "{urn:oasis:names:tc:xliff:document:2.0}"
matches = 0
for unit in document.iter(XLF + "unit"):
    ids = {s.get("id") for s in unit.iter(XLF + "segment")}
    for match in unit.iter(MTC + "match"):
        matches += 1
        assert match.get("ref", "").lstrip("#") in ids, match.get("ref")
        assert 0 <= float(match.get("matchQuality")) <= 100
        assert match.find(XLF + "target") is not None
print("valid", matches)
"##;

fn schemas() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("TRIBUNE_XLIFF_SCHEMAS").map(PathBuf::from),
        Some(repo_path("target/xliff-schemas")),
        Some(PathBuf::from(
            "/usr/share/php/Symfony/Component/Translation/Resources/schemas",
        )),
    ];
    candidates.into_iter().flatten().find(|dir| {
        dir.join("xliff-core-1.2-strict.xsd").exists() && dir.join("xliff-core-2.0.xsd").exists()
    })
}

#[test]
fn the_xliff_is_valid_against_the_oasis_schemas() {
    let Some(schemas) = schemas() else {
        assert!(
            std::env::var_os("TRIBUNE_REQUIRE_XLIFF_SCHEMAS").is_none(),
            "the XLIFF schemas are missing: sh scripts/test.sh fetches them"
        );
        eprintln!("skipped: no XLIFF schemas (sh scripts/test.sh fetches them)");
        return;
    };
    let ws = aligned();
    // With a term base, so that the 2.x glossary module is validated too.
    ws.run(&["terms", "import"])
        .arg(sample("memory/un-basic.tbx"))
        .assert()
        .success();
    for (version, previous) in [("1.2", false), ("2.1", false), ("1.2", true), ("2.1", true)] {
        let xlf = ws.path(&format!("out-{version}-{previous}.xlf"));
        let mut cmd = ws.run(&[
            "translate",
            "--to",
            "fr-FR",
            "--xliff-version",
            version,
            "--xliff",
        ]);
        cmd.arg(&xlf);
        if previous {
            cmd.arg("--previous")
                .arg(ws.path("out-1.2-false.xlf"))
                .arg(sample(EN_V2));
        } else {
            cmd.arg(sample(EN));
        }
        cmd.assert().success();
        let out = python(VALIDATE, &[&schemas, Path::new(version), &xlf]);
        assert!(out.starts_with("valid"), "{version}: {out}");
        if version == "2.1" {
            let matches: usize = out.trim().rsplit(' ').next().unwrap().parse().unwrap();
            assert!(matches >= 30, "{out}");
        }
    }
}

#[test]
fn the_analysis_report_as_a_table_and_as_json() {
    let ws = aligned();
    let text = ws
        .run(&["translate", "--to", "fr", "--report", "text"])
        .arg(sample(EN_V2))
        .output()
        .unwrap();
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    let text = text
        .replace(&repo_path("").display().to_string(), "")
        .replace(&ws.memory().display().to_string(), "MEMORY");
    insta::assert_snapshot!("translate_report_text", text);
    let json = ws
        .run(&["translate", "--to", "fr", "--report", "json"])
        .arg(sample(EN_V2))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let bands: Vec<(&str, u64, u64)> = json["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["band"].as_str().unwrap(),
                b["segments"].as_u64().unwrap(),
                b["words"].as_u64().unwrap(),
            )
        })
        .collect();
    let names: Vec<&str> = bands.iter().map(|b| b.0).collect();
    assert_eq!(
        names,
        [
            "in-context",
            "exact",
            "joined",
            "fuzzy-95",
            "fuzzy-85",
            "fuzzy-75",
            "no-match",
            "repetition"
        ]
    );
    let total: u64 = bands.iter().map(|b| b.1).sum();
    assert_eq!(total, json["total"]["segments"].as_u64().unwrap());
    let words: u64 = bands.iter().map(|b| b.2).sum();
    assert_eq!(words, json["total"]["words"].as_u64().unwrap());
    assert_eq!(json["directions"], 3);
    assert_eq!(json["to"], "fr");
    // The two changed figures make a fuzzy match with the numbers put in.
    let segments = json["segments"].as_array().unwrap();
    let edited = segments
        .iter()
        .find(|s| {
            s["text"]
                .as_str()
                .unwrap()
                .starts_with("More than 700 delegates")
        })
        .unwrap();
    assert_eq!(edited["band"], "fuzzy-85");
    assert!(edited["target"]
        .as_str()
        .unwrap()
        .starts_with("Plus de 700 délégués venus de 17 pays"));
    // In French.
    ws.run(&[
        "--ui-lang",
        "fr",
        "translate",
        "--to",
        "fr",
        "--report",
        "text",
    ])
    .arg(sample(EN))
    .assert()
    .success()
    .stdout(predicate::str::contains("100 % en contexte"))
    .stdout(predicate::str::contains("Aucune correspondance"));
}

#[test]
fn the_draft_is_a_french_speech_with_what_is_left_marked() {
    let ws = aligned();
    let out = ws
        .run(&["translate", "--to", "fr"])
        .arg(sample(EN_V2))
        .output()
        .unwrap();
    assert!(out.status.success());
    let draft = String::from_utf8(out.stdout).unwrap();
    assert!(draft.contains("language: fr\n"), "{draft}");
    assert!(
        draft.contains("[Diapositive 2] En Afrique de l’Ouest, 84 millions"),
        "{draft}"
    );
    assert!(draft.contains("\n[Diapositive 3]\n"), "{draft}");
    assert!(draft.contains("[Applaudissements]"), "{draft}");
    // The two sentences the second draft adds are left in English, marked as such.
    assert!(
        draft.contains("[That is exactly the mix this region needs.]{lang=en}"),
        "{draft}"
    );
    assert!(
        draft.contains("[Nor do I believe that she would accept it.]{lang=en}"),
        "{draft}"
    );
    // The two sentences the memory holds as one unit come back as that unit's translation.
    assert!(
        draft.contains("c’est le fil qui relie la santé, l’alimentation"),
        "{draft}"
    );
    // The check finds exactly what is left to translate.
    let file = ws.write("draft.fr.txt", &draft);
    ws.run(&["check"])
        .arg(sample(EN_V2))
        .arg(&file)
        .assert()
        .code(3)
        .stdout(predicate::str::contains("2 errors, 0 warnings"))
        .stdout(predicate::str::contains(
            "draft.fr.txt:18: error: untranslated",
        ));
}

#[test]
fn the_previous_round_xliff_keeps_translations_that_never_reached_the_memory() {
    let ws = aligned();
    let first = ws.path("round1.xlf");
    ws.run(&["translate", "--to", "fr", "--xliff"])
        .arg(&first)
        .arg(sample(EN))
        .assert()
        .success();
    let edited = ws.path("round1-done.xlf");
    python(EDIT_WITH_TRANSLATE_TOOLKIT, &[&first, &edited]);
    // The second draft, against an empty memory: only the previous round helps.
    let empty = Workspace::new();
    let second = empty.path("round2.xlf");
    let out = empty
        .run(&["translate", "--to", "fr", "--report", "json", "--xliff"])
        .arg(&second)
        .arg("--previous")
        .arg(&edited)
        .arg(sample(EN_V2))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no translation memory at"), "{stderr}");
    assert!(
        stderr.contains("Previous draft: 44 segments, 44 with a translation"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let find = |start: &str| {
        json["segments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["text"].as_str().unwrap().starts_with(start))
            .unwrap()
            .clone()
    };
    // Unchanged and translated by the translator in round 1 (never in this memory), as the
    // one unit of two segments that round 1 wrote.
    let kept = find("Water is not a sector.");
    assert_eq!(kept["band"], "joined");
    assert_eq!(kept["target"], WATER_FR);
    assert_eq!(find("It is the thread")["treatment"], "joined");
    // Edited: the old translation as a fuzzy match, with the new figures put in.
    let edited_numbers = find("More than 700 delegates");
    assert_eq!(edited_numbers["band"], "fuzzy-85");
    assert!(edited_numbers["target"]
        .as_str()
        .unwrap()
        .starts_with("Plus de 700 délégués venus de 17 pays"));
    let reworded = find("That is exactly the mix this region needs.");
    assert_eq!(reworded["band"], "no-match");
    // New and moved sentences.
    assert_eq!(find("Nor do I believe")["band"], "no-match");
    assert_eq!(find("I see three priorities.")["band"], "exact");
    // The XLIFF shows the previous translation as a previous-version alternative with the
    // differences in a note.
    let xlf = std::fs::read_to_string(&second).unwrap();
    assert!(xlf.contains("alttranstype=\"previous-version\""), "{xlf}");
    assert!(xlf.contains("state-qualifier=\"id-match\""), "{xlf}");
    assert!(xlf.contains("Edited since the previous draft (94 %): More than [-600-]{+700+} delegates from [-16-]{+17+} countries"), "{xlf}");
}

#[test]
fn the_previous_source_and_translation_pair_works_too() {
    let empty = Workspace::new();
    let out = empty
        .run(&["translate", "--to", "fr", "--report", "json", "--previous"])
        .arg(sample(FR))
        .arg("--previous-source")
        .arg(sample(EN))
        .arg(sample(EN_V2))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["filled"].as_u64().unwrap() >= 35, "{}", json["filled"]);
    // A speech as --previous without its source is refused with a hint.
    empty
        .run(&["translate", "--to", "fr", "--previous"])
        .arg(sample(FR))
        .arg(sample(EN_V2))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "give the source draft it translates with --previous-source",
        ));
}

#[test]
fn bad_input_is_refused_clearly() {
    let ws = Workspace::new();
    ws.run(&["translate", "--to", "en"])
        .arg(sample(EN))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the speech is already in en"));
    ws.run(&["translate", "--to", "fr", "--xliff-version", "3.0"])
        .arg(sample(EN))
        .assert()
        .code(2);
    ws.run(&["translate", "--to", "fr", "--threshold", "120"])
        .arg(sample(EN))
        .assert()
        .code(2);
    let broken = ws.write("broken.xlf", "<xliff version=\"1.2\"><file>");
    ws.run(&["translate", "--to", "fr", "--previous"])
        .arg(&broken)
        .arg(sample(EN))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.xlf:1:"));
    // A failed run leaves no half-written output.
    assert!(!ws.path("out.xlf").exists());
}

#[test]
fn a_pasted_web_page_leaves_its_site_lines_out_of_the_draft() {
    let ws = Workspace::new();
    let out = ws
        .run(&["translate", "--to", "fr"])
        .arg(crate::shared_path("examples/news-mopti-2018.en.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let draft = String::from_utf8(out.stdout).unwrap();
    assert!(!draft.contains("Welcome to the United Nations"), "{draft}");
    assert!(!draft.contains("UN Photo/"), "{draft}");
    // Each block keeps its own kind: the story's first paragraph is no heading.
    assert!(!draft.contains("# [On the second day"), "{draft}");
    assert!(
        draft.contains("[On the second day of his visit to Mali"),
        "{draft}"
    );
}
