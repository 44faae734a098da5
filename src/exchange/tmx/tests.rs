//! TMX reader and writer tests on hand-written documents.

use super::*;
use crate::exchange::input::utf8_input;
use proptest::prelude::*;

fn read_all(text: &str) -> Result<(TmxHeader, Vec<TmxUnit>), ExchangeError> {
    let mut reader = TmxReader::new(text.as_bytes(), Origin::File("t.tmx".into()))?;
    let header = reader.header().clone();
    let units = reader.by_ref().collect::<Result<Vec<_>, _>>()?;
    Ok((header, units))
}

const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- written by hand -->
<tmx version="1.4">
  <header creationtool="hand" creationtoolversion="1" segtype="sentence" o-tmf="none"
          adminlang="en" srclang="*all*" datatype="plaintext">
    <prop type="x-project">Speeches</prop>
  </header>
  <body>
    <tu tuid="7" creationdate="20240501T093000Z" creationid="ana">
      <note>Checked &amp; approved</note>
      <prop type="x-origin">remarks</prop>
      <tuv xml:lang="EN-US"><seg>Press <bpt i="1" x="1">&lt;b&gt;</bpt>Enter<ept i="1">&lt;/b&gt;</ept> &#8212; now</seg></tuv>
      <tuv lang="fr-fr"><prop type="x-status">final</prop><seg>Appuyez sur <hi type="b">Entrée</hi><ph x="2"/> — maintenant</seg></tuv>
    </tu>
    <tu><tuv xml:lang="en"><seg>A &quot;quote&quot; &lt; &gt; &apos;</seg></tuv><tuv xml:lang="fr"><seg><![CDATA[Une <citation>]]></seg></tuv></tu>
  </body>
</tmx>
"#;

#[test]
fn units_are_read_with_their_markup_properties_and_notes() {
    let (header, units) = read_all(SAMPLE).unwrap();
    assert_eq!(header.attribute("srclang"), Some("*all*"));
    assert_eq!(
        header.properties,
        vec![("x-project".to_owned(), "Speeches".to_owned())]
    );
    assert_eq!(units.len(), 2);
    let tu = &units[0];
    assert_eq!(tu.line, 9);
    assert_eq!(tu.attribute("tuid"), Some("7"));
    assert_eq!(tu.notes, vec!["Checked & approved"]);
    assert_eq!(
        tu.properties,
        vec![("x-origin".to_owned(), "remarks".to_owned())]
    );
    let en = &tu.variants[0];
    assert_eq!(en.lang, "EN-US");
    assert_eq!(en.text, "Press Enter — now");
    assert_eq!(
        en.markup.as_deref(),
        Some("Press <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Enter<ept i=\"1\">&lt;/b&gt;</ept> — now")
    );
    let fr = &tu.variants[1];
    assert_eq!(fr.lang, "fr-fr");
    assert_eq!(fr.text, "Appuyez sur Entrée — maintenant");
    assert_eq!(
        fr.properties,
        vec![("x-status".to_owned(), "final".to_owned())]
    );
    assert_eq!(units[1].variants[0].text, "A \"quote\" < > '");
    assert_eq!(units[1].variants[0].markup, None);
    assert_eq!(units[1].variants[1].text, "Une <citation>");
}

#[test]
fn utf16_files_with_a_bom_are_read() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in SAMPLE.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let input = utf8_input(std::io::Cursor::new(bytes)).unwrap();
    let reader = TmxReader::new(input, Origin::File("t.tmx".into())).unwrap();
    let units: Vec<TmxUnit> = reader.collect::<Result<_, _>>().unwrap();
    assert_eq!(units[0].variants[1].text, "Appuyez sur Entrée — maintenant");
}

#[test]
fn external_entities_are_never_read() {
    let doc = r#"<?xml version="1.0"?>
<!DOCTYPE tmx [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv><tuv xml:lang="fr"><seg>x</seg></tuv></tu>
</body></tmx>"#;
    let err = read_all(doc).unwrap_err();
    assert!(
        matches!(&err, ExchangeError::UnknownEntity { name, .. } if name == "xxe"),
        "{err}"
    );
    assert_eq!(err.location().to_string(), "t.tmx:4:29");
}

#[test]
fn entity_bombs_do_not_expand() {
    let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let previous = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        doc.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{previous};").repeat(10)
        ));
    }
    doc.push_str("]>\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>&lol9;</seg></tuv></tu></body></tmx>");
    let err = read_all(&doc).unwrap_err();
    assert!(
        matches!(&err, ExchangeError::UnknownEntity { name, .. } if name == "lol9"),
        "{err}"
    );
    let doc = "<tmx><header/><body><tu tuid=\"&lol;\"></tu></body></tmx>";
    assert!(matches!(
        read_all(doc).unwrap_err(),
        ExchangeError::UnknownEntity { .. }
    ));
}

#[test]
fn malformed_documents_are_located() {
    let doc = "<tmx version=\"1.4\">\n<header/>\n<body>\n<tu><tuv xml:lang=\"en\"><seg>text</tuv></tu>\n</body></tmx>";
    let err = read_all(doc).unwrap_err();
    assert!(matches!(err, ExchangeError::Xml { .. }), "{err}");
    assert_eq!(err.location().line, 4);
    let doc = "<tmx><header/><body>\n  <tu><tuv><seg>x</seg></tuv></tu></body></tmx>";
    let err = read_all(doc).unwrap_err();
    assert!(matches!(err, ExchangeError::MissingAttribute { .. }));
    assert_eq!(err.location().to_string(), "t.tmx:2:7");
    let doc = "<tmx><header/><body><tu><tuv xml:lang=\"en\"><seg>cut";
    assert!(matches!(
        read_all(doc).unwrap_err(),
        ExchangeError::UnexpectedEnd { .. }
    ));
    let err = read_all("<html><body/></html>").unwrap_err();
    assert!(matches!(err, ExchangeError::NotTmx { .. }));
    let doc = "<tmx><header/><body><unit/></body></tmx>";
    assert!(matches!(
        read_all(doc).unwrap_err(),
        ExchangeError::Unexpected { .. }
    ));
    let doc = "<tmx><header/><body><tu><tuv xml:lang=\"en\"><seg>a <b>b</b></seg></tuv></tu></body></tmx>";
    assert!(matches!(
        read_all(doc).unwrap_err(),
        ExchangeError::Unexpected { .. }
    ));
}

fn round_trip(units: &[TmxUnit]) -> Vec<TmxUnit> {
    let header = TmxHeader {
        attributes: vec![("srclang".to_owned(), "en".to_owned())],
        ..TmxHeader::default()
    };
    let mut writer = TmxWriter::new(Vec::new(), &header).unwrap();
    for unit in units {
        writer.write_unit(unit).unwrap();
    }
    let bytes = writer.finish().unwrap();
    let text = String::from_utf8(bytes).unwrap();
    read_all(&text).unwrap().1
}

#[test]
fn written_units_read_back_the_same() {
    let (_, units) = read_all(SAMPLE).unwrap();
    let back = round_trip(&units);
    assert_eq!(back.len(), units.len());
    for (a, b) in units.iter().zip(&back) {
        assert_eq!(a.variants, b.variants);
        assert_eq!(a.properties, b.properties);
        assert_eq!(a.notes, b.notes);
        assert_eq!(a.attributes, b.attributes);
    }
}

proptest! {
    #[test]
    fn any_text_survives_the_writer_and_reader(en in "[^\u{0}-\u{8}\u{b}\u{c}\u{e}-\u{1f}\r\u{fffe}\u{ffff}]{0,40}", fr in "\\PC{0,40}") {
        let unit = TmxUnit {
            variants: vec![
                TmxVariant { lang: "en".into(), text: en.clone(), ..TmxVariant::default() },
                TmxVariant { lang: "fr".into(), text: fr.clone(), ..TmxVariant::default() },
            ],
            ..TmxUnit::default()
        };
        let back = round_trip(&[unit]);
        prop_assert_eq!(&back[0].variants[0].text, &en);
        prop_assert_eq!(&back[0].variants[1].text, &fr);
    }

    #[test]
    fn the_reader_never_panics(doc in "(<tmx>|<header/>|<body>|<tu>|<tuv xml:lang=\"en\">|<seg>|</seg>|</tuv>|</tu>|</body>|</tmx>|&amp;|&x;|&#0;|<ph/>|text| ){0,30}") {
        let _ = read_all(&doc);
    }
}
