//! Tests of the memory on real SQLite files in temporary folders.

use super::*;
use unic_langid::langid;

fn unit(origin: &str, en: &str, fr: &str) -> NewUnit {
    NewUnit {
        variants: vec![
            Variant::new(langid!("en-US"), en),
            Variant::new(langid!("fr-FR"), fr),
        ],
        provenance: Provenance {
            origin: origin.to_owned(),
            ..Provenance::default()
        },
        properties: Vec::new(),
        notes: Vec::new(),
    }
}

fn memory_with(units: &[(&str, &str)]) -> (tempfile::TempDir, Memory) {
    let dir = tempfile::tempdir().unwrap();
    let mut memory = Memory::open(dir.path().join("m/tm.sqlite")).unwrap();
    let mut import = memory.begin_import().unwrap();
    for (en, fr) in units {
        import.add(unit("test", en, fr)).unwrap();
    }
    import.commit().unwrap();
    (dir, memory)
}

fn lookup(memory: &Memory, text: &str, threshold: u8) -> Vec<Match> {
    let (en, fr) = (langid!("en"), langid!("fr"));
    let mut request = LookupRequest::new(text, &en, &fr);
    request.threshold = threshold;
    request.limit = 1000;
    memory.lookup(&request).unwrap()
}

#[test]
fn a_new_memory_is_created_with_its_folder_and_schema() {
    let (dir, memory) = memory_with(&[]);
    assert!(dir.path().join("m/tm.sqlite").exists());
    let stats = memory.stats().unwrap();
    assert_eq!(stats.units, 0);
    assert_eq!(stats.schema, SCHEMA_VERSION);
}

#[test]
fn duplicates_are_merged_with_their_provenance() {
    let (_dir, mut memory) = memory_with(&[("Thank you.", "Merci.")]);
    let mut import = memory.begin_import().unwrap();
    assert!(matches!(
        import.add(unit("test", "Thank you.", "Merci.")).unwrap(),
        Added::Merged(_)
    ));
    assert!(matches!(
        import.add(unit("other", "Thank you.", "Merci.")).unwrap(),
        Added::Merged(_)
    ));
    assert!(matches!(
        import.add(unit("other", "Thank you.", "Merci !")).unwrap(),
        Added::New(_)
    ));
    assert_eq!(
        import.add(unit("other", "Thank you.", " ")).unwrap(),
        Added::Skipped(SkipReason::OneLanguage)
    );
    let summary = import.commit().unwrap();
    assert_eq!(
        (
            summary.read,
            summary.added,
            summary.merged,
            summary.skipped_total()
        ),
        (4, 1, 2, 1)
    );
    let stats = memory.stats().unwrap();
    assert_eq!(stats.units, 2);
    let origins: Vec<(String, u64)> = stats
        .origins
        .iter()
        .map(|o| (o.origin.clone(), o.units))
        .collect();
    assert_eq!(
        origins,
        vec![("other".to_owned(), 2), ("test".to_owned(), 1)]
    );
    let first = memory.unit(1).unwrap().unwrap();
    let names: Vec<&str> = first.provenance.iter().map(|p| p.origin.as_str()).collect();
    assert_eq!(names, vec!["test", "other"]);
}

#[test]
fn a_dropped_import_changes_nothing() {
    let (_dir, mut memory) = memory_with(&[("One.", "Un.")]);
    {
        let mut import = memory.begin_import().unwrap();
        import.add(unit("x", "Two words.", "Deux mots.")).unwrap();
    }
    assert_eq!(memory.stats().unwrap().units, 1);
    assert!(lookup(&memory, "Two words.", 50).is_empty());
}

#[test]
fn lookup_finds_exact_and_fuzzy_matches_across_regional_tags() {
    let (_dir, memory) = memory_with(&[
        (
            "We have deployed 3,700 peacekeepers in the region.",
            "Nous avons déployé 3\u{202f}700 Casques bleus dans la région.",
        ),
        (
            "The Council adopted the resolution unanimously.",
            "Le Conseil a adopté la résolution à l’unanimité.",
        ),
        ("Something else entirely.", "Tout autre chose."),
    ]);
    let found = lookup(
        &memory,
        "The Council adopted the resolution unanimously.",
        75,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].score, 100);
    assert_eq!(found[0].target_lang, "fr-FR");
    let found = lookup(
        &memory,
        "The Council adopted the draft resolution unanimously.",
        75,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].score, 85);
    assert!(found[0]
        .diff
        .iter()
        .any(|d| d.op == DiffOp::Insert && d.text.trim() == "draft"));
    assert!(lookup(&memory, "The Council rejected everything.", 75).is_empty());
}

#[test]
fn a_changed_number_is_substituted_in_the_target_format() {
    let (_dir, memory) = memory_with(&[(
        "We have deployed 3,700 peacekeepers in the region.",
        "Nous avons déployé 3\u{202f}700 Casques bleus dans la région.",
    )]);
    let found = lookup(
        &memory,
        "We have deployed 12,800 peacekeepers in the region.",
        75,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].differences, vec!["number"]);
    assert_eq!(
        found[0].substituted.as_deref(),
        Some("Nous avons déployé 12\u{202f}800 Casques bleus dans la région.")
    );
}

#[test]
fn changed_placeholders_are_put_into_the_target() {
    let (_dir, memory) = memory_with(&[
        (
            "The delegation of {country} has {count} minutes.",
            "La délégation de {country} dispose de {count} minutes.",
        ),
        (
            "Item %1 of the agenda: 2,500 participants.",
            "Point %1 de l’ordre du jour : 2 500 participants.",
        ),
        ("Send {0} to {0}.", "Envoyer {0} à {0}."),
    ]);
    let found = lookup(
        &memory,
        "The delegation of {nation} has {count} minutes.",
        75,
    );
    assert_eq!(found[0].differences, vec!["tag"]);
    assert_eq!(found[0].tag_changes.len(), 1);
    assert!(found[0].number_changes.is_empty());
    assert_eq!(
        found[0].substituted.as_deref(),
        Some("La délégation de {nation} dispose de {count} minutes.")
    );
    // A number and a placeholder changed: both are put in, the number in French style.
    let found = lookup(&memory, "Item %2 of the agenda: 3,100 participants.", 75);
    assert_eq!(
        found[0].substituted.as_deref(),
        Some("Point %2 de l’ordre du jour : 3 100 participants.")
    );
    assert_eq!(found[0].number_changes.len(), 1);
    assert_eq!(found[0].tag_changes.len(), 1);
    // A word changed too: no substitution.
    let found = lookup(
        &memory,
        "The delegation of {nation} had {count} minutes.",
        50,
    );
    assert!(found[0].substituted.is_none() && found[0].tag_changes.is_empty());
    // The stored placeholder is in the target twice: which one to replace is unknown.
    let found = lookup(&memory, "Send {1} to {0}.", 75);
    assert!(found[0].substituted.is_none());
}

#[test]
fn exact_matches_in_context_rank_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut memory = Memory::open(dir.path().join("tm.sqlite")).unwrap();
    let mut import = memory.begin_import().unwrap();
    let mut a = unit("a", "Thank you.", "Merci.");
    a.provenance.context_before = Some("I give the floor to Ghana.".into());
    let mut b = unit("b", "Thank you.", "Je vous remercie.");
    b.provenance.context_before = Some("The meeting is adjourned.".into());
    import.add(a).unwrap();
    import.add(b).unwrap();
    import.commit().unwrap();
    let (en, fr) = (langid!("en"), langid!("fr"));
    let context = SegmentContext {
        before: Some("I give the floor to Ghana.".into()),
        after: None,
    };
    let mut request = LookupRequest::new("Thank you.", &en, &fr);
    request.context = Some(&context);
    let found = memory.lookup(&request).unwrap();
    assert_eq!(found.len(), 2);
    assert!(found[0].in_context && !found[1].in_context);
    assert_eq!(found[0].target, "Merci.");
}

/// A small deterministic generator, so the recall test needs no data file.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[test]
fn lookup_finds_everything_an_exhaustive_scan_finds() {
    let words = [
        "the",
        "council",
        "peace",
        "security",
        "resolution",
        "general",
        "assembly",
        "member",
        "states",
        "of",
        "and",
        "to",
        "in",
        "we",
        "must",
        "support",
        "mission",
        "report",
        "on",
        "human",
        "rights",
        "development",
        "climate",
        "a",
        "for",
        "all",
        "women",
        "children",
    ];
    let mut rng = Lcg(7);
    // Mostly sentence-sized, but one in twelve past every length the index caps (one byte:
    // 255 words), up to 750 words, so that long units are held to the same promise.
    let sentence = |rng: &mut Lcg| {
        let n = if rng.next(12) == 0 {
            200 + rng.next(550)
        } else {
            2 + rng.next(12)
        };
        let mut s: Vec<String> = (0..n)
            .map(|_| words[rng.next(words.len())].to_owned())
            .collect();
        if rng.next(4) == 0 {
            s.insert(rng.next(n), format!("{}", rng.next(5000)));
        }
        if rng.next(3) == 0 {
            s[0] = s[0].to_uppercase();
        }
        let mut text = s.join(" ");
        text.push(['.', '!', '?', ';'][rng.next(4)]);
        text
    };
    let sources: Vec<String> = (0..1500).map(|_| sentence(&mut rng)).collect();
    let pairs: Vec<(String, String)> = sources
        .iter()
        .map(|s| (s.clone(), format!("fr {s}")))
        .collect();
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let (_dir, memory) = memory_with(&refs);
    for round in 0..150 {
        let query = if round % 2 == 0 {
            // A stored source with an edit or two.
            let mut q: Vec<String> = sources[rng.next(sources.len())]
                .split(' ')
                .map(str::to_owned)
                .collect();
            for _ in 0..1 + rng.next(2) {
                let i = rng.next(q.len());
                q[i] = words[rng.next(words.len())].to_owned();
            }
            q.join(" ")
        } else {
            sentence(&mut rng)
        };
        for threshold in [50u8, 75, 90] {
            let mut expected: Vec<String> = sources
                .iter()
                .filter(|s| score(&query, s) >= threshold)
                .cloned()
                .collect();
            expected.sort();
            expected.dedup();
            let mut got: Vec<String> = lookup(&memory, &query, threshold)
                .into_iter()
                .map(|m| m.source)
                .collect();
            got.sort();
            got.dedup();
            assert_eq!(got, expected, "query {query:?} at {threshold}");
        }
    }
}

#[test]
fn concordance_finds_parts_of_words_in_either_language() {
    let (_dir, memory) = memory_with(&[
        (
            "Peacekeeping operations need support.",
            "Les opérations de maintien de la paix ont besoin d’appui.",
        ),
        ("Peace is possible.", "La paix est possible."),
    ]);
    let search = |text: &str, lang: Option<&LanguageIdentifier>| {
        memory
            .search(&SearchRequest {
                text,
                lang,
                limit: 10,
                fold: SearchFold::default(),
            })
            .unwrap()
    };
    let hits = search("keeping oper", None);
    assert_eq!(hits.len(), 1);
    let side = &hits[0].sides[0];
    let (a, b) = side.highlights[0];
    assert_eq!(&side.text[a..b], "keeping oper");
    assert_eq!(search("PAIX", Some(&langid!("fr"))).len(), 2);
    assert_eq!(search("paix", Some(&langid!("en"))).len(), 0);
    assert_eq!(search("eacek", None).len(), 1);
    assert_eq!(search("maintien de la", None).len(), 1);
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tm.sqlite");
    drop(Memory::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "delete").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Memory::open(&path).unwrap_err();
    assert!(matches!(err, MemoryError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_of_the_previous_schema_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tm.sqlite");
    {
        // What version 1 of Tribune made: its schema and a unit with its postings.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(schema::SCHEMA_V1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
    }
    {
        let mut memory = Memory::open(&path).unwrap();
        let mut import = memory.begin_import().unwrap();
        import
            .add(unit(
                "old",
                "Peacekeeping works.",
                "Le maintien de la paix fonctionne.",
            ))
            .unwrap();
        import.commit().unwrap();
    }
    let memory = Memory::open(&path).unwrap();
    let version: i64 = memory
        .conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(
        memory
            .search(&SearchRequest {
                text: "keeping",
                lang: None,
                limit: 5,
                fold: SearchFold::default(),
            })
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_version_1_file_with_units_gets_its_vocabulary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tm.sqlite");
    // A file as version 1 wrote it: JSON variants, text columns, one row per hash, and
    // postings with the keys it used then (lower case, accents kept).
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(schema::SCHEMA_V1).unwrap();
        conn.execute_batch(
            r#"INSERT INTO origins (id, name, units) VALUES (1, 'old', 1);
               INSERT INTO languages (tag, variants) VALUES ('en', 1), ('fr', 1);
               INSERT INTO units (id, variants, origin, segment, created, changed)
               VALUES (1, '[{"lang":"en","text":"Peacekeeping works."},
                            {"lang":"fr","text":"Le maintien de la paix fonctionne."}]',
                       1, 's1', '2024-01-15T10:00:00Z', '2024-01-15T10:00:00Z');
               INSERT INTO unit_hashes (hash, unit) VALUES (42, 1);
               INSERT INTO postings (lang, token, df, last, data)
               VALUES ('en', 'peacekeeping', 1, 1, x'0102'), ('en', 'works', 1, 1, x'0102');"#,
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
    }
    let mut memory = Memory::open(&path).unwrap();
    assert_eq!(
        memory
            .search(&SearchRequest {
                text: "keeping",
                lang: None,
                limit: 5,
                fold: SearchFold::default(),
            })
            .unwrap()
            .len(),
        1
    );
    assert_eq!(lookup(&memory, "Peacekeeping works.", 75).len(), 1);
    let unit = memory.unit(1).unwrap().unwrap();
    assert_eq!(unit.provenance[0].segment.as_deref(), Some("s1"));
    assert_eq!(memory.stats().unwrap().units, 1);
    // Its content hash was recomputed: the same unit again merges.
    let mut import = memory.begin_import().unwrap();
    let mut again = self::unit("again", "Peacekeeping works.", "x");
    again.variants = vec![
        Variant::new(langid!("en"), "Peacekeeping works."),
        Variant::new(langid!("fr"), "Le maintien de la paix fonctionne."),
    ];
    assert_eq!(import.add(again).unwrap(), Added::Merged(1));
    import.commit().unwrap();
}

/// A copy of a memory file of tests/fixtures/memory made by an earlier schema, opened (and
/// so upgraded) by this version.
fn open_upgraded_copy(fixture: &str) -> (tempfile::TempDir, Memory) {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/memory");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tm.sqlite");
    std::fs::copy(fixtures.join(fixture), &path).unwrap();
    let memory = Memory::open(&path).unwrap();
    let version: i64 = memory
        .conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    (dir, memory)
}

/// The fixture made by Tribune's schema 2 (tests/fixtures/memory/: the TMX and TSV files it
/// imported, and its export), opened by this version.
#[test]
fn a_file_made_by_schema_2_is_converted_with_everything_kept() {
    let (_dir, mut memory) = open_upgraded_copy("schema-v2.sqlite");
    let mut units = Vec::new();
    memory
        .for_each_unit(None, |u| {
            units.push(u);
            Ok::<(), ()>(())
        })
        .unwrap()
        .unwrap();
    assert_eq!(units.len(), 5);
    // Variant properties, notes, tags as written.
    let harbour = &units[0];
    assert_eq!(harbour.variants[0].lang.to_string(), "en-GB");
    assert_eq!(harbour.variants[0].notes, vec!["UK spelling".to_owned()]);
    assert!(harbour.variants[0]
        .properties
        .iter()
        .any(|p| p.name == "x-style" && p.value == "formal"));
    assert_eq!(
        harbour.notes,
        vec!["Checked against the delivered speech".to_owned()]
    );
    let first = &harbour.provenance[0];
    assert_eq!(first.origin, "v2-speech.tmx");
    assert_eq!(first.segment.as_deref(), Some("a1"));
    assert_eq!(
        first.context_after.as_deref(),
        Some("The ferries will run every hour.")
    );
    assert_eq!(first.created_by.as_deref(), Some("lena"));
    assert_eq!(first.changed_by.as_deref(), Some("omar"));
    assert_eq!(
        first.changed.map(|t| t.to_string()).as_deref(),
        Some("2025-03-03T12:00:00Z")
    );
    // Inline markup and a third language.
    let dockers = &units[1];
    assert_eq!(dockers.variants.len(), 3);
    assert!(dockers.variants[0]
        .markup
        .as_deref()
        .is_some_and(|m| m.contains("<ph x=\"1\">&lt;br/&gt;</ph>")));
    // Merged provenance.
    let construction = &units[2];
    assert_eq!(construction.provenance.len(), 2);
    assert_eq!(construction.provenance[1].origin, "notes");
    assert_eq!(
        construction.provenance[1].context_before.as_deref(),
        Some("Welcome to the harbour.")
    );
    assert_eq!(
        construction.notes,
        vec!["Reused in the press release".to_owned()]
    );
    // The index, the counts and the hashes.
    let stats = memory.stats().unwrap();
    assert_eq!(stats.units, 5);
    assert!(stats
        .languages
        .iter()
        .any(|l| l.lang == "de" && l.variants == 1));
    assert_eq!(
        lookup(
            &memory,
            "The new harbour will welcome 1,300 vessels a year.",
            75
        )[0]
        .substituted
        .as_deref(),
        Some("Le nouveau port accueillera 1 300 navires par an.")
    );
    assert_eq!(
        memory
            .search(&SearchRequest {
                text: "bateaux de pê",
                lang: None,
                limit: 5,
                fold: SearchFold::default(),
            })
            .unwrap()
            .len(),
        1
    );
    let mut import = memory.begin_import().unwrap();
    let mut same = self::unit("notes", "Construction lasted three years.", "x");
    same.variants[0].lang = langid!("en");
    same.variants[1] = Variant::new(langid!("fr"), "Les travaux ont duré trois ans.");
    assert_eq!(import.add(same).unwrap(), Added::Merged(3));
    import.commit().unwrap();
}

#[test]
fn another_programs_database_is_not_a_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    assert!(matches!(
        Memory::open(&path).unwrap_err(),
        MemoryError::NotAMemory { .. }
    ));
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "just some text, certainly not SQLite, long enough to have a header",
    )
    .unwrap();
    assert!(matches!(
        Memory::open(&text).unwrap_err(),
        MemoryError::NotAMemory { .. }
    ));
}

#[test]
fn a_read_only_file_allows_lookups_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tm.sqlite");
    {
        let mut memory = Memory::open(&path).unwrap();
        let mut import = memory.begin_import().unwrap();
        import.add(unit("x", "Good morning.", "Bonjour.")).unwrap();
        import.commit().unwrap();
    }
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let mut memory = Memory::open(&path).unwrap();
    assert!(memory.is_read_only());
    assert_eq!(lookup(&memory, "Good morning.", 75).len(), 1);
    assert!(matches!(
        memory.begin_import().err(),
        Some(MemoryError::ReadOnly { .. })
    ));
}

/// The fixture made by Tribune's schema 3 (tests/fixtures/memory/v3-pairs.tsv imported),
/// whose index left tags out of the lengths: opened by this version, the index is rebuilt
/// and a placeholder string with one word changed is found.
#[test]
fn a_file_made_by_schema_3_gets_an_index_that_counts_tags() {
    let (_dir, memory) = open_upgraded_copy("schema-v3.sqlite");
    assert_eq!(memory.stats().unwrap().units, 4);
    // Three words and three placeholders, one word changed: 1 − 1/6.
    let found = lookup(&memory, "Moved %s to {0} at %d.", 75);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].score, 83);
    assert_eq!(found[0].target, "%s enregistré dans {0} à %d.");
    // A placeholder that became another costs a fraction of a word.
    let found = lookup(&memory, "Welcome to the {event} in {town}.", 75);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].score, 95);
    // The rest of the index is intact: numbers, concordance.
    let found = lookup(
        &memory,
        "We have deployed 3,800 peacekeepers in the region.",
        75,
    );
    assert_eq!(
        found[0].substituted.as_deref(),
        Some("Nous avons déployé 3 800 Casques bleus dans la région.")
    );
    assert_eq!(
        memory
            .search(&SearchRequest {
                text: "delegat",
                lang: None,
                limit: 5,
                fold: SearchFold::default(),
            })
            .unwrap()
            .len(),
        1
    );
}

/// An import keeps a bounded number of new content hashes in memory and writes the rest to
/// the table as it goes: duplicates are still found on either side of each write, in an
/// empty memory and in one that had units.
#[test]
fn duplicates_are_found_beyond_the_hashes_kept_in_memory() {
    let texts: Vec<(String, String)> = (0..300)
        .map(|i| {
            (
                format!("Item {i} is adopted."),
                format!("Le point {i} est adopté."),
            )
        })
        .collect();
    for had_units in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let mut memory = Memory::open(dir.path().join("tm.sqlite")).unwrap();
        if had_units {
            let mut import = memory.begin_import().unwrap();
            for (en, fr) in &texts[270..] {
                import.add(unit("before", en, fr)).unwrap();
            }
            import.commit().unwrap();
        }
        let mut import = memory.begin_import().unwrap();
        import.set_hashes_in_memory(3);
        let mut ids = std::collections::HashMap::new();
        for (en, fr) in &texts[..270] {
            match import.add(unit("now", en, fr)).unwrap() {
                Added::New(id) => ids.insert(en.clone(), id),
                other => panic!("{en}: {other:?}"),
            };
        }
        // (300 hashes in 4,096 buckets: some buckets get hashes from different writes.)
        // Every unit stored again, in another order: each merges into the one stored.
        let stored = if had_units { &texts[..] } else { &texts[..270] };
        for (en, fr) in stored.iter().rev() {
            match import.add(unit("again", en, fr)).unwrap() {
                Added::Merged(id) => {
                    if let Some(first) = ids.get(en) {
                        assert_eq!(id, *first, "{en}");
                    }
                }
                other => panic!("{en} (had units: {had_units}): {other:?}"),
            }
        }
        let summary = import.commit().unwrap();
        assert_eq!((summary.added, summary.merged), (270, stored.len() as u64));
        assert_eq!(memory.stats().unwrap().units, stored.len() as u64);
        // The hashes written during the import serve the next one.
        let mut import = memory.begin_import().unwrap();
        let (en, fr) = &texts[7];
        assert!(matches!(
            import.add(unit("later", en, fr)).unwrap(),
            Added::Merged(_)
        ));
        import.commit().unwrap();
        assert_eq!(lookup(&memory, "Item 7 is adopted.", 100).len(), 1);
    }
}

/// The fixture made by Tribune's schema 4 (tests/fixtures/memory/v2-speech.tmx imported),
/// before the term base: opened by this version, it gains the term tables and keeps its
/// units.
#[test]
fn a_file_made_by_schema_4_gets_a_term_base() {
    let (_dir, mut memory) = open_upgraded_copy("schema-v4.sqlite");
    assert_eq!(memory.stats().unwrap().units, 3);
    assert_eq!(memory.concept_count().unwrap(), 0);
    let mut concept = crate::terms::Concept::default();
    concept.push_term(langid!("en"), crate::terms::Term::new("peacekeeper"));
    concept.push_term(langid!("fr"), crate::terms::Term::new("Casque bleu"));
    let mut import = memory.begin_terms_import().unwrap();
    import.add(concept).unwrap();
    import.commit().unwrap();
    assert_eq!(
        memory
            .concepts_for(&langid!("en"), &langid!("fr"))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        lookup(&memory, "Construction lasted three years.", 100).len(),
        1
    );
}
