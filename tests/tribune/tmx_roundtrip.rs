//! TMX through the memory: any set of units written as TMX, imported, and exported again
//! comes back the same — texts, languages, inline markup and properties — with nothing lost
//! and nothing duplicated (a property test through the real binary).

use proptest::prelude::*;
use tribune::exchange::{TmxHeader, TmxReader, TmxUnit, TmxVariant, TmxWriter};
use tribune::textfile::Origin;

use crate::tribune;

fn text() -> impl Strategy<Value = String> {
    // Letters, digits, punctuation, no-break spaces, markup-looking characters; no control
    // characters (not allowed in XML 1.0) and no leading or trailing space (TMX tools trim).
    "[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9 ,.;:!?'’«»\u{a0}\u{202f}<>&\"-]{0,40}[A-Za-z0-9.!?»]"
}

fn markup_for(text: &str, i: usize) -> Option<String> {
    // Wrap the first word in a bpt/ept pair, as CAT tools mark bold text.
    // Escaped the way XML writers usually do (the reader keeps markup in that form).
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;");
    (i % 2 == 0)
        .then(|| format!("<bpt i=\"1\">&lt;b&gt;</bpt>{escaped}<ept i=\"1\">&lt;/b&gt;</ept>"))
}

/// A generated unit: English text, French text, an optional property, the French tag.
type GeneratedUnit = (String, String, Option<(String, String)>, String);

fn units() -> impl Strategy<Value = Vec<GeneratedUnit>> {
    prop::collection::vec(
        (
            text(),
            text(),
            prop::option::of(("x-[a-z]{1,8}", "[A-Za-z0-9 ]{1,12}")),
            prop::sample::select(&["fr", "fr-CA", "FR-fr"][..]),
        )
            .prop_map(|(a, b, p, l)| (a, b, p, l.to_owned())),
        1..8,
    )
}

fn write_tmx(units: &[GeneratedUnit]) -> Vec<u8> {
    let header = TmxHeader {
        attributes: vec![("srclang".into(), "en".into())],
        ..TmxHeader::default()
    };
    let mut writer = TmxWriter::new(Vec::new(), &header).unwrap();
    for (i, (en, fr, prop, fr_tag)) in units.iter().enumerate() {
        let unit = TmxUnit {
            properties: prop.iter().cloned().collect(),
            variants: vec![
                TmxVariant {
                    lang: "en-US".into(),
                    text: en.clone(),
                    markup: markup_for(en, i),
                    ..TmxVariant::default()
                },
                TmxVariant {
                    lang: fr_tag.clone(),
                    text: fr.clone(),
                    ..TmxVariant::default()
                },
            ],
            ..TmxUnit::default()
        };
        writer.write_unit(&unit).unwrap();
    }
    writer.finish().unwrap()
}

fn read_units(bytes: &[u8]) -> Vec<TmxUnit> {
    let mut reader = TmxReader::new(bytes, Origin::Stdin).unwrap();
    let mut out = Vec::new();
    while let Some(unit) = reader.next_unit().unwrap() {
        out.push(unit);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn units_survive_import_and_export(units in units()) {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.tmx");
        let output = dir.path().join("out.tmx");
        let memory = dir.path().join("tm.sqlite");
        std::fs::write(&input, write_tmx(&units)).unwrap();
        tribune().args(["memory", "import"]).arg(&input).arg("--memory").arg(&memory).assert().success();
        tribune().args(["memory", "export", "-o"]).arg(&output).arg("--memory").arg(&memory).assert().success();
        let exported = read_units(&std::fs::read(&output).unwrap());
        // Same-text units are one unit (deduplicated on insert).
        let mut expected: Vec<(String, String, String)> = Vec::new();
        for (en, fr, _, tag) in &units {
            let key = (en.clone(), fr.clone(), tag.to_lowercase());
            if !expected.iter().any(|k| k.0 == key.0 && k.1 == key.1 && k.2 == key.2) {
                expected.push(key);
            }
        }
        prop_assert_eq!(exported.len(), expected.len());
        for (i, (en, fr, prop, tag)) in units.iter().enumerate() {
            let found = exported.iter().find(|u| {
                u.variants.len() == 2 && u.variants[0].text == *en && u.variants[1].text == *fr
                    && u.variants[1].lang.eq_ignore_ascii_case(tag)
            });
            prop_assert!(found.is_some(), "unit {} not exported: {:?}", i, (en, fr));
            let found = found.unwrap();
            prop_assert!(found.variants[0].lang.eq_ignore_ascii_case("en-US"));
            if let Some(markup) = markup_for(en, i) {
                if expected.iter().filter(|k| k.0 == *en).count() == 1 {
                    prop_assert_eq!(found.variants[0].markup.as_deref(), Some(markup.as_str()));
                }
            }
            if let Some(p) = prop {
                prop_assert!(found.properties.iter().any(|q| q == p), "property {:?} lost", p);
            }
        }
    }
}
