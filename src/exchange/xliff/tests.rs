use super::*;
use crate::exchange::ExchangeError;
use crate::textfile::Origin;

fn read_all(xml: &str) -> Result<Vec<XliffUnit>, ExchangeError> {
    XliffReader::new(xml.as_bytes(), Origin::Stdin)?.collect()
}

fn sample_units() -> Vec<XliffUnit> {
    vec![
        XliffUnit {
            id: "0a1b2c3d4e5f".into(),
            translate: true,
            notes: vec!["100 % match from speech.tmx".into()],
            segments: vec![XliffSegment {
                source: XliffText::plain("We act <now> & \"together\"."),
                target: Some(XliffText::plain("Nous agissons « maintenant » & ensemble.")),
                state: Some(SegmentState::Translated),
                qualifier: Some("exact-match".into()),
                ..XliffSegment::default()
            }],
            matches: vec![XliffMatch {
                quality: Some(100.0),
                origin: Some("speech.tmx".into()),
                kind: None,
                source: Some("We act <now> & \"together\".".into()),
                target: "Nous agissons « maintenant » & ensemble.".into(),
                segment: None,
            }],
            ..XliffUnit::default()
        },
        XliffUnit {
            id: "0a1b2c3d4e5f-2".into(),
            translate: true,
            segments: vec![XliffSegment {
                source: XliffText::plain("No match here."),
                ..XliffSegment::default()
            }],
            ..XliffUnit::default()
        },
        XliffUnit {
            id: "ffeeddccbbaa".into(),
            translate: false,
            kind: Some("x-tribune-direction".into()),
            notes: vec!["Stage direction: pause".into()],
            segments: vec![XliffSegment {
                source: XliffText::plain("[Pause]"),
                target: Some(XliffText::plain("[Pause]")),
                state: Some(SegmentState::Final),
                ..XliffSegment::default()
            }],
            ..XliffUnit::default()
        },
    ]
}

fn write(version: XliffVersion, units: &[XliffUnit]) -> String {
    let header = XliffHeader {
        version,
        source_language: "en".into(),
        target_language: "fr-FR".into(),
        original: "speech.en.txt".into(),
        tool_version: "0.1.0".into(),
    };
    let mut writer = XliffWriter::new(Vec::new(), &header).unwrap();
    for unit in units {
        writer.write_unit(unit).unwrap();
    }
    String::from_utf8(writer.finish().unwrap()).unwrap()
}

#[test]
fn what_we_write_we_read_back_in_both_versions() {
    for version in [XliffVersion::V1_2, XliffVersion::V2_1] {
        let xml = write(version, &sample_units());
        let reader = XliffReader::new(xml.as_bytes(), Origin::Stdin).unwrap();
        assert_eq!(reader.is_v2(), version.is_v2());
        assert_eq!(reader.version(), version.as_str());
        let units: Vec<XliffUnit> = reader.collect::<Result<_, _>>().unwrap();
        assert_eq!(units.len(), 3, "{xml}");
        let first = &units[0];
        assert_eq!(first.id, "0a1b2c3d4e5f");
        assert_eq!(first.source_lang.as_deref(), Some("en"));
        assert_eq!(first.target_lang.as_deref(), Some("fr-FR"));
        assert_eq!(first.original.as_deref(), Some("speech.en.txt"));
        assert_eq!(
            first.segments[0].source.text,
            "We act <now> & \"together\"."
        );
        assert_eq!(
            first.segments[0].target.as_ref().unwrap().text,
            "Nous agissons « maintenant » & ensemble."
        );
        assert_eq!(first.segments[0].state, Some(SegmentState::Translated));
        assert_eq!(first.notes, ["100 % match from speech.tmx"]);
        assert_eq!(first.matches[0].quality, Some(100.0));
        assert_eq!(
            first.matches[0].target,
            "Nous agissons « maintenant » & ensemble."
        );
        assert!(units[1].segments[0].target.is_none());
        assert!(!units[2].translate);
        assert_eq!(units[2].kind.as_deref(), Some("x-tribune-direction"));
        assert_eq!(units[2].segments[0].state, Some(SegmentState::Final));
    }
}

#[test]
fn version_specific_shapes() {
    let v12 = write(XliffVersion::V1_2, &sample_units());
    assert!(v12.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">"));
    assert!(v12.contains("source-language=\"en\" target-language=\"fr-FR\" datatype=\"plaintext\""));
    assert!(v12.contains("<target state=\"translated\" state-qualifier=\"exact-match\">"));
    assert!(v12.contains("<alt-trans match-quality=\"100\" origin=\"speech.tmx\">"));
    assert!(v12.contains("translate=\"no\" restype=\"x-tribune-direction\""));
    let v21 = write(XliffVersion::V2_1, &sample_units());
    assert!(v21.contains("version=\"2.1\" srcLang=\"en\" trgLang=\"fr-FR\""));
    assert!(v21.contains("xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\""));
    assert!(v21.contains("<mtc:match ref=\"#s1\" matchQuality=\"100.0\""));
    assert!(v21.contains("<segment id=\"s1\" state=\"translated\" subState=\"exact-match\">"));
    // No target: the segment stays initial.
    assert!(v21.contains(
        "<segment id=\"s1\" state=\"initial\">\n        <source>No match here.</source>"
    ));
}

#[test]
fn a_control_character_is_written_as_a_code_point_in_2x() {
    let units = vec![XliffUnit {
        id: "u1".into(),
        translate: true,
        segments: vec![XliffSegment {
            source: XliffText::plain("bell\u{7}here"),
            ..XliffSegment::default()
        }],
        ..XliffUnit::default()
    }];
    let xml = write(XliffVersion::V2_1, &units);
    assert!(xml.contains("bell<cp hex=\"0007\"/>here"), "{xml}");
    let read = read_all(&xml).unwrap();
    assert_eq!(read[0].segments[0].source.text, "bell\u{7}here");
    let v12 = write(XliffVersion::V1_2, &units);
    assert!(v12.contains("bell\u{fffd}here"));
}

#[test]
fn several_segments_in_a_1_2_unit_use_seg_source() {
    let units = vec![XliffUnit {
        id: "p1".into(),
        translate: true,
        segments: vec![
            XliffSegment {
                source: XliffText::plain("One."),
                target: Some(XliffText::plain("Un.")),
                state: Some(SegmentState::Translated),
                ..XliffSegment::default()
            },
            XliffSegment {
                source: XliffText::plain("Two."),
                target: Some(XliffText::plain("Deux.")),
                state: Some(SegmentState::NeedsReview),
                ..XliffSegment::default()
            },
        ],
        ..XliffUnit::default()
    }];
    let xml = write(XliffVersion::V1_2, &units);
    let read = read_all(&xml).unwrap();
    let segments = &read[0].segments;
    assert_eq!(segments.len(), 2);
    assert_eq!(segments[1].source.text, "Two.");
    assert_eq!(segments[1].target.as_ref().unwrap().text, "Deux.");
    assert_eq!(segments[0].id.as_deref(), Some("1"));
}

#[test]
fn inline_codes_are_left_out_of_the_text_and_kept_as_tmx_markup() {
    let xml = r#"<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a" source-language="en" target-language="fr" datatype="plaintext"><body>
  <trans-unit id="1">
   <source>Read <g id="1" ctype="bold">this</g> now<x id="2"/>, <bpt id="3">{\i}</bpt>please<ept id="3">{\i0}</ept>.</source>
   <target state="translated">Lisez <g id="1" ctype="bold">ceci</g> maintenant<x id="2"/>, <bpt id="3">{\i}</bpt>svp<ept id="3">{\i0}</ept>.</target>
  </trans-unit>
 </body></file>
</xliff>"#;
    let units = read_all(xml).unwrap();
    let segment = &units[0].segments[0];
    assert_eq!(segment.source.text, "Read this now, please.");
    let target = segment.target.as_ref().unwrap();
    assert_eq!(target.text, "Lisez ceci maintenant, svp.");
    let markup = target.markup.as_deref().unwrap();
    assert_eq!(
        markup,
        "Lisez <bpt i=\"1\">&lt;g id=&quot;1&quot; ctype=&quot;bold&quot;&gt;</bpt>ceci<ept i=\"1\">&lt;/g&gt;</ept> maintenant<ph>&lt;x id=&quot;2&quot;/&gt;</ph>, <bpt i=\"3\">{\\i}</bpt>svp<ept i=\"3\">{\\i0}</ept>."
    );
}

#[test]
fn inline_codes_of_2x() {
    let xml = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
 <file id="f"><unit id="u"><segment state="final">
  <source>Press <pc id="1">Save</pc><ph id="2"/> <sc id="3"/>now<ec startRef="3"/> <mrk id="m" translate="no">UNWSP</mrk><sm id="a"/>!<em startRef="a"/><cp hex="0007"/></source>
  <target>Appuyez sur <pc id="1">Enregistrer</pc><ph id="2"/></target>
 </segment></unit></file></xliff>"#;
    let units = read_all(xml).unwrap();
    let segment = &units[0].segments[0];
    assert_eq!(segment.source.text, "Press Save now UNWSP!\u{7}");
    assert_eq!(
        segment.target.as_ref().unwrap().text,
        "Appuyez sur Enregistrer"
    );
    assert!(segment
        .target
        .as_ref()
        .unwrap()
        .markup
        .as_deref()
        .unwrap()
        .contains("<bpt i=\"1\">&lt;pc id=&quot;1&quot;&gt;</bpt>Enregistrer<ept i=\"1\">"));
    assert_eq!(segment.state, Some(SegmentState::Final));
}

#[test]
fn states_map_to_one_scale() {
    assert_eq!(
        SegmentState::from_1_2("needs-review-translation"),
        Some(SegmentState::NeedsReview)
    );
    assert_eq!(
        SegmentState::from_1_2("signed-off"),
        Some(SegmentState::Reviewed)
    );
    assert_eq!(SegmentState::from_1_2("x-custom"), None);
    assert_eq!(
        SegmentState::from_2("reviewed"),
        Some(SegmentState::Reviewed)
    );
    assert_eq!(
        SegmentState::from_sdl("ApprovedSignOff"),
        Some(SegmentState::Final)
    );
    for state in [
        SegmentState::Initial,
        SegmentState::NeedsReview,
        SegmentState::Translated,
        SegmentState::Reviewed,
        SegmentState::Final,
    ] {
        assert_eq!(SegmentState::from_1_2(state.to_1_2()), Some(state));
    }
    assert_eq!(
        SegmentState::from_2(SegmentState::NeedsReview.to_2()),
        Some(SegmentState::Initial)
    );
}

#[test]
fn a_target_without_state_is_translated_in_1_2_and_initial_in_2x() {
    let v12 = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" target-language="fr" datatype="plaintext"><body>
<trans-unit id="1"><source>Yes.</source><target>Oui.</target></trans-unit>
<trans-unit id="2" approved="yes"><source>No.</source><target state="translated">Non.</target></trans-unit>
<trans-unit id="3"><source>Maybe.</source><target/></trans-unit>
</body></file></xliff>"#;
    let units = read_all(v12).unwrap();
    assert_eq!(units[0].segments[0].state, Some(SegmentState::Translated));
    assert_eq!(units[1].segments[0].state, Some(SegmentState::Reviewed));
    assert_eq!(units[2].segments[0].state, None);
    assert_eq!(units[2].segments[0].target.as_ref().unwrap().text, "");
    let v2 = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="f"><unit id="u"><segment><source>Yes.</source><target>Oui.</target></segment></unit></file></xliff>"#;
    assert_eq!(
        read_all(v2).unwrap()[0].segments[0].state,
        Some(SegmentState::Initial)
    );
}

#[test]
fn groups_and_files_pass_on_translate_and_languages() {
    let xml = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="one" source-language="en-GB" target-language="fr-CA" datatype="plaintext"><body>
 <group id="g" translate="no"><trans-unit id="1"><source>Keep.</source></trans-unit>
  <trans-unit id="2" translate="yes"><source>Go.</source></trans-unit></group>
 <trans-unit id="3"><source>Out.</source></trans-unit>
</body></file>
<file original="two" source-language="en" target-language="fr" datatype="plaintext"><body>
 <trans-unit id="1"><source>Two.</source></trans-unit>
</body></file></xliff>"#;
    let units = read_all(xml).unwrap();
    let summary: Vec<(&str, bool, Option<&str>, Option<&str>)> = units
        .iter()
        .map(|u| {
            (
                u.id.as_str(),
                u.translate,
                u.original.as_deref(),
                u.target_lang.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("1", false, Some("one"), Some("fr-CA")),
            ("2", true, Some("one"), Some("fr-CA")),
            ("3", true, Some("one"), Some("fr-CA")),
            ("1", true, Some("two"), Some("fr")),
        ]
    );
}

#[test]
fn hostile_and_broken_input_is_a_located_error() {
    let entity = r#"<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY boom "boom">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>&boom;</source></trans-unit></body></file></xliff>"#;
    match read_all(entity) {
        Err(ExchangeError::UnknownEntity { location, name }) => {
            assert_eq!(name, "boom");
            assert_eq!(location.line, 4);
        }
        other => panic!("{other:?}"),
    }
    let truncated = "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body>\n<trans-unit id=\"1\"><source>Cut";
    assert!(matches!(
        read_all(truncated),
        Err(ExchangeError::UnexpectedEnd { .. })
    ));
    assert!(matches!(
        read_all("<tmx version=\"1.4\"/>"),
        Err(ExchangeError::NotXliff { .. })
    ));
    assert!(matches!(
        read_all("<xliff version=\"3.0\"/>"),
        Err(ExchangeError::XliffVersion { .. })
    ));
    let no_id = "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body>\n\n<trans-unit><source>x</source></trans-unit></body></file></xliff>";
    match read_all(no_id) {
        Err(ExchangeError::MissingAttribute {
            location,
            attribute,
            ..
        }) => {
            assert_eq!((location.line, attribute.as_str()), (3, "id"));
        }
        other => panic!("{other:?}"),
    }
    let mismatched = "<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"en\"><file id=\"f\"><unit id=\"u\"><segment><source>x</target></segment></unit></file></xliff>";
    assert!(matches!(
        read_all(mismatched),
        Err(ExchangeError::Xml { .. })
    ));
    let no_source = "<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"en\"><file id=\"f\"><unit id=\"u\"><segment><target>x</target></segment></unit></file></xliff>";
    assert!(matches!(
        read_all(no_source),
        Err(ExchangeError::Unexpected { .. })
    ));
}

#[test]
fn a_prefixed_xliff_namespace_and_unknown_extensions_are_read() {
    let xml = r#"<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:1.2" xmlns:okp="okapi-framework:xliff-extensions" version="1.2">
<x:file original="a" source-language="en" target-language="fr" datatype="plaintext"><x:body>
<x:trans-unit id="1" okp:engine="x"><okp:extra><x:source>not me</x:source></okp:extra>
<x:source>Hello <okp:term>world</okp:term>.</x:source><x:target state="final">Bonjour le monde.</x:target></x:trans-unit>
</x:body></x:file></x:xliff>"#;
    let units = read_all(xml).unwrap();
    assert_eq!(units[0].segments[0].source.text, "Hello world.");
    assert_eq!(units[0].segments[0].state, Some(SegmentState::Final));
}

proptest::proptest! {
    #[test]
    fn any_text_survives_a_round_trip(
        source in "[a-zA-Zé«» .,;:!?&<>\"'\u{202f}\u{a0}0-9]{0,40}",
        target in "[a-zA-Zé«» .,;:!?&<>\"'\u{202f}\u{a0}0-9]{1,40}",
        v2 in proptest::bool::ANY,
    ) {
        let version = if v2 { XliffVersion::V2_1 } else { XliffVersion::V1_2 };
        let units = vec![XliffUnit {
            id: "u1".into(),
            translate: true,
            segments: vec![XliffSegment {
                source: XliffText::plain(source.clone()),
                target: Some(XliffText::plain(target.clone())),
                state: Some(SegmentState::Translated),
                ..XliffSegment::default()
            }],
            ..XliffUnit::default()
        }];
        let xml = write(version, &units);
        let read = read_all(&xml).unwrap();
        proptest::prop_assert_eq!(&read[0].segments[0].source.text, &source);
        proptest::prop_assert_eq!(&read[0].segments[0].target.as_ref().unwrap().text, &target);
    }
}

#[test]
fn a_segment_over_the_limit_is_a_located_error() {
    let piece = "word ".repeat(200) + "<x id=\"1\"/>";
    let xml = format!(
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body>\n<trans-unit id=\"1\"><source>{}</source></trans-unit></body></file></xliff>",
        piece.repeat(1_200)
    );
    match read_all(&xml) {
        Err(ExchangeError::SegmentTooLong { location, .. }) => assert_eq!(location.line, 2),
        other => panic!("{:?}", other.map(|units| units.len())),
    }
}
