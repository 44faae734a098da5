//! The ingest layer called as a library, without the binary: import, export and the stored
//! properties, on a real SQLite file.

use std::path::Path;

use unic_langid::langid;

use super::*;
use crate::memory::{open_store, Access, LookupRequest, OpenedStore, StoreLocation};

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence"
 adminlang="en" creationtool="test" creationtoolversion="1" o-tmf="test"/>
<body>
<tu tuid="harbour-1" creationdate="20260105T101500Z" creationid="ana">
 <prop type="x-context-pre">The ferry left at dawn.</prop>
 <prop type="x-note-kind">ours</prop>
 <tuv xml:lang="en"><seg>The lighthouse keepers counted every boat.</seg></tuv>
 <tuv xml:lang="fr"><seg>Les gardiens du phare ont compté chaque bateau.</seg></tuv>
</tu>
<tu tuid="harbour-2">
 <tuv xml:lang="en"><seg>Only one language here.</seg></tuv>
</tu>
</body></tmx>
"#;

fn new_store(dir: &tempfile::TempDir) -> OpenedStore {
    let location = StoreLocation::File(dir.path().join("tm.sqlite"));
    open_store(&location, Access::Write).unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_tmx_file_is_imported_and_exported_back_with_its_provenance_and_properties() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = new_store(&dir);
    let file = write(&dir, "harbour.tmx", TMX);
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = |done: u64, size: u64| seen.lock().unwrap().push((done, size));
    let options = ImportOptions {
        progress: Some(&progress),
        ..ImportOptions::default()
    };
    let summary = import_file(opened.store_mut(), &file, &options).unwrap();
    assert_eq!(
        (summary.read, summary.added, summary.skipped_total()),
        (2, 1, 1)
    );
    let size = TMX.len() as u64;
    assert_eq!(seen.lock().unwrap().last(), Some(&(size, size)));

    let again = import_file(opened.store_mut(), &file, &ImportOptions::default()).unwrap();
    assert_eq!(
        (again.added, again.merged),
        (0, 1),
        "importing twice adds nothing"
    );

    let mut out = Vec::new();
    let out = export_tmx(opened.store(), &mut out, &ExportOptions::default())
        .map(|w| String::from_utf8(w.clone()).unwrap())
        .unwrap();
    assert!(out.contains(r#"tuid="harbour-1""#), "{out}");
    assert!(out.contains(r#"creationid="ana""#), "{out}");
    assert!(out.contains(&format!(
        r#"<prop type="{}">The ferry left at dawn.</prop>"#,
        properties::CONTEXT_BEFORE
    )));
    assert!(
        out.contains(r#"<prop type="x-note-kind">ours</prop>"#),
        "{out}"
    );
    assert!(out.contains(&format!(
        r#"<prop type="{}">harbour.tmx</prop>"#,
        properties::ORIGIN
    )));
}

#[test]
fn a_tsv_file_needs_its_languages_and_a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = new_store(&dir);
    let file = write(&dir, "pairs.tsv", "Good morning.\tBonjour.\n");
    let error = import_file(opened.store_mut(), &file, &ImportOptions::default()).unwrap_err();
    assert!(
        matches!(error, IngestError::TsvNeedsLanguages { .. }),
        "{error:?}"
    );
    let options = ImportOptions {
        from: Some(langid!("en")),
        to: Some(langid!("fr")),
        ..ImportOptions::default()
    };
    let summary = import_file(opened.store_mut(), &file, &options).unwrap();
    assert_eq!(summary.added, 1);
    let (en, fr) = (langid!("en"), langid!("fr"));
    let request = LookupRequest::new("Good morning.", &en, &fr);
    let matches = opened.store().lookup(&request).unwrap();
    assert_eq!(matches[0].target, "Bonjour.");

    let missing = Path::new("/nonexistent/tribune/none.tmx");
    let error = import_file(opened.store_mut(), missing, &ImportOptions::default()).unwrap_err();
    assert!(matches!(error, IngestError::Open { .. }), "{error:?}");
}

#[test]
fn an_xliff_import_reports_every_segment_and_keeps_its_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = new_store(&dir);
    let xliff = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="harbour.txt" source-language="en" target-language="fr" datatype="plaintext">
<body>
<trans-unit id="s1"><source>The boats came home.</source>
 <target state="translated">Les bateaux sont rentrés.</target></trans-unit>
<trans-unit id="s2"><source>Nobody translated this yet.</source></trans-unit>
</body></file></xliff>
"#;
    let file = write(&dir, "harbour.xlf", xliff);
    let options = XliffImportOptions {
        user: Some("ana".into()),
        ..XliffImportOptions::default()
    };
    let report = import_xliff(opened.store_mut(), &file, &options).unwrap();
    assert_eq!((report.read, report.added), (2, 1));
    assert_eq!(report.units[1].outcome, Outcome::NoTarget);
    let mut state = None;
    opened
        .store()
        .for_each_unit(None, &mut |unit| {
            state = unit
                .properties
                .iter()
                .find(|p| p.name == properties::XLIFF_STATE)
                .map(|p| p.value.clone());
            std::ops::ControlFlow::Break(())
        })
        .unwrap();
    assert_eq!(state.as_deref(), Some("translated"));
}

#[test]
fn every_skip_but_an_untranslatable_unit_is_worth_listing() {
    let listed: Vec<Outcome> = Outcome::ALL
        .into_iter()
        .filter(|o| o.is_worth_listing())
        .collect();
    assert_eq!(
        listed,
        [
            Outcome::NoTarget,
            Outcome::State,
            Outcome::BadLanguage,
            Outcome::OneLanguage
        ]
    );
}
