use proptest::prelude::*;
use unic_langid::langid;

use super::*;
use crate::exchange::ExchangeError;
use crate::terms::{Concept, LanguageTerms, Status, Term, TermsError};
use crate::textfile::Origin;

fn read(text: &str) -> Result<Vec<Concept>, TermsError> {
    TbxReader::new(text.as_bytes(), Origin::File("t.tbx".into()))?.collect()
}

fn located(text: &str) -> String {
    let error = read(text).unwrap_err();
    format!("{}: {error}", error.location().unwrap())
}

const V2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader>
    <fileDesc><sourceDesc><p>Test</p></sourceDesc></fileDesc>
    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="peacekeeper">
        <descrip type="subjectField">peacekeeping</descrip>
        <descripGrp><descrip type="definition">A member of a
          peacekeeping operation.</descrip><admin type="source">UN</admin></descripGrp>
        <transacGrp><transac type="transactionType">origination</transac><date>2024-01-01</date></transacGrp>
        <langSet xml:lang="en">
          <tig>
            <term>peacekeeper</term>
            <termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="fr">
          <ntig>
            <termGrp>
              <term>Casque bleu</term>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            </termGrp>
            <descrip type="context">Les Casques bleus patrouillent.</descrip>
            <note>Capital C, capital</note>
            <note>  lower-case b.</note>
          </ntig>
          <tig>
            <term>gardien de la <hi type="bold">paix</hi></term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
      <termEntry>
        <langSet xml:lang="en"><tig><term>water &amp; sanitation</term></tig></langSet>
      </termEntry>
    </body>
  </text>
</martif>
"#;

#[test]
fn tbx_2008_basic_is_read() {
    let concepts = read(V2).unwrap();
    assert_eq!(concepts.len(), 2);
    let peacekeeper = &concepts[0];
    assert_eq!(peacekeeper.id.as_deref(), Some("peacekeeper"));
    assert_eq!(peacekeeper.subject_field.as_deref(), Some("peacekeeping"));
    assert_eq!(
        peacekeeper.definition.as_deref(),
        Some("A member of a peacekeeping operation.")
    );
    let en: Vec<&Term> = peacekeeper.terms_in(&langid!("en")).collect();
    assert_eq!(en[0].part_of_speech.as_deref(), Some("noun"));
    assert_eq!(en[0].status, Some(Status::Preferred));
    let fr: Vec<&Term> = peacekeeper.terms_in(&langid!("fr")).collect();
    assert_eq!(fr[0].text, "Casque bleu");
    assert_eq!(
        fr[0].note.as_deref(),
        Some("Capital C, capital\nlower-case b.")
    );
    assert_eq!(fr[1].text, "gardien de la paix");
    assert_eq!(fr[1].status, Some(Status::Deprecated));
    assert_eq!(concepts[1].id, None);
    assert_eq!(concepts[1].languages[0].terms[0].text, "water & sanitation");
}

const V3: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="TBXcoreStructV03.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>Test</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="sg">
        <descrip type="subjectField">United Nations</descrip>
        <note>The title of the head of the Secretariat.</note>
        <langSec xml:lang="en">
          <termSec>
            <term>Secretary-General</term>
            <termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="fr-FR">
          <termSec>
            <term>Secrétaire général</term>
            <termNoteGrp><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termNoteGrp>
          </termSec>
          <termSec>
            <term>Secrétaire-Général</term>
            <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"#;

#[test]
fn tbx_2019_basic_is_read() {
    let mut reader = TbxReader::new(V3.as_bytes(), Origin::File("t.tbx".into())).unwrap();
    assert_eq!(reader.version(), TbxVersion::V3);
    let concept = reader.next_concept().unwrap().unwrap();
    assert!(reader.next_concept().unwrap().is_none());
    assert_eq!(concept.id.as_deref(), Some("sg"));
    assert_eq!(
        concept.note.as_deref(),
        Some("The title of the head of the Secretariat.")
    );
    assert_eq!(concept.languages[1].lang, langid!("fr-FR"));
    let fr: Vec<&Term> = concept.terms_in(&langid!("fr")).collect();
    assert_eq!(fr[0].status, Some(Status::Admitted));
    assert_eq!(fr[1].status, Some(Status::Superseded));
    assert!(fr[1].is_forbidden());
}

#[test]
fn tbx_min_2013_is_read() {
    let text = r#"<TBX dialect="TBX-Min">
  <header><id>x</id><languages source="en" target="fr"/></header>
  <body>
    <entry id="water">
      <subjectField>water</subjectField>
      <langGroup xml:lang="en"><termGroup><term>water</term><partOfSpeech>noun</partOfSpeech></termGroup></langGroup>
      <langGroup xml:lang="fr"><termGroup><term>eau</term><administrativeStatus>notRecommended</administrativeStatus></termGroup></langGroup>
    </entry>
  </body>
</TBX>"#;
    let concepts = read(text).unwrap();
    assert_eq!(concepts[0].subject_field.as_deref(), Some("water"));
    let fr: Vec<&Term> = concepts[0].terms_in(&langid!("fr")).collect();
    assert_eq!(fr[0].status, Some(Status::Deprecated));
}

#[test]
fn entities_are_never_expanded_and_the_doctype_never_read() {
    let lol = r#"<?xml version="1.0"?>
<!DOCTYPE martif [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>&lol2;</term></tig></langSet></termEntry>
</body></text></martif>"#;
    assert!(matches!(
        read(lol).unwrap_err(),
        TermsError::Exchange(ExchangeError::UnknownEntity { ref name, .. }) if name == "lol2"
    ));
    assert_eq!(
        located(&lol.replace("&lol2;", "x&xxe;")),
        "t.tbx:8:47: unknown entity “&xxe;”: only &lt; &gt; &amp; &apos; &quot; and character references are read (entities are never expanded)"
    );
    // An entity in an attribute is refused too.
    let attribute = V3.replace("id=\"sg\"", "id=\"&xxe;\"");
    assert!(matches!(
        read(&attribute).unwrap_err(),
        TermsError::Exchange(ExchangeError::UnknownEntity { .. })
    ));
}

#[test]
fn a_truncated_file_says_where_it_ends_and_what_was_expected() {
    let cut = &V3[..V3.find("<termNote type=\"partOfSpeech\"").unwrap()];
    assert_eq!(
        located(cut),
        "t.tbx:13:13: the file ends too early: expected </termSec>"
    );
    let error = read(&V3[..V3.find("</body>").unwrap()]).unwrap_err();
    assert!(error.to_string().contains("expected </body>"), "{error}");
}

#[test]
fn structure_errors_are_located() {
    assert_eq!(
        located("<tmx version=\"1.4\"/>"),
        "t.tbx:1:1: expected a TBX document (<tbx>, <martif>), found <tmx>"
    );
    let no_term = V3.replace("<term>Secretary-General</term>", "");
    let located_start = |text: &str| {
        let message = located(text);
        message.split(": ").take(2).collect::<Vec<_>>().join(": ")
    };
    assert_eq!(
        located_start(&no_term),
        "t.tbx:15:11: unexpected </termSec>"
    );
    assert!(located(&no_term).ends_with("expected <term> in <termSec>"));
    let no_lang = V3.replace("<langSec xml:lang=\"en\">", "<langSec>");
    assert_eq!(
        located(&no_lang),
        "t.tbx:10:9: <langSec> has no xml:lang attribute"
    );
    let bad_lang = V3.replace("xml:lang=\"fr-FR\"", "xml:lang=\"français\"");
    assert_eq!(
        located_start(&bad_lang),
        "t.tbx:17:9: “français” is not a language tag (write it as BCP 47 does"
    );
    let bad_status = V3.replace("preferredTerm-admn-sts", "bestTerm");
    assert_eq!(
        located_start(&bad_status),
        "t.tbx:14:13: unknown term status “bestTerm”"
    );
    let bad_id = V3.replace("id=\"sg\"", "id=\"1 2\"");
    assert_eq!(
        located_start(&bad_id),
        "t.tbx:7:7: the concept id “1 2” is not an XML name, as TBX ids must be"
    );
    let text_in_concept = V3.replace("<note>", "stray text<note>");
    assert!(located(&text_in_concept).contains("unexpected text"));
}

#[test]
fn an_empty_term_base_is_no_error() {
    assert!(
        read("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"/>")
            .unwrap()
            .is_empty()
    );
    assert!(read("<martif><martifHeader/><text><body/></text></martif>")
        .unwrap()
        .is_empty());
    let written = TbxWriter::new(Vec::new(), &langid!("en"), "t")
        .unwrap()
        .finish()
        .unwrap();
    assert!(read(std::str::from_utf8(&written).unwrap())
        .unwrap()
        .is_empty());
}

fn write(concepts: &[Concept]) -> String {
    let mut writer = TbxWriter::new(Vec::new(), &langid!("en"), "Tribune test").unwrap();
    for concept in concepts {
        writer.write_concept(concept).unwrap();
    }
    String::from_utf8(writer.finish().unwrap()).unwrap()
}

#[test]
fn what_is_written_is_escaped_and_read_back() {
    let mut concept = Concept {
        id: Some("c1".into()),
        subject_field: Some("<b>&\"x\"</b>".into()),
        note: Some("one\ntwo".into()),
        ..Concept::default()
    };
    concept.push_term(langid!("en"), Term::new("R&D <unit>"));
    concept.push_term(
        langid!("fr-CA"),
        Term {
            text: "« R-D »".into(),
            part_of_speech: Some("noun".into()),
            status: Some(Status::Superseded),
            note: Some("l’unité".into()),
        },
    );
    let text = write(std::slice::from_ref(&concept));
    assert!(text.contains("<term>R&amp;D &lt;unit&gt;</term>"), "{text}");
    assert_eq!(read(&text).unwrap(), vec![concept]);
}

fn field() -> impl Strategy<Value = String> {
    // Texts as the reader keeps them: no leading, trailing or doubled white space, and
    // characters XML allows, markup characters included.
    "[a-zA-Z0-9éÉœ’«»&<>\"' .,;:!?-]{1,20}"
        .prop_map(|s| crate::terms::model::collapse_space(&s))
        .prop_filter("not empty", |s| !s.is_empty())
}

fn term() -> impl Strategy<Value = Term> {
    (
        field(),
        proptest::option::of(prop_oneof![Just("noun"), Just("verb"), Just("adjective")]),
        proptest::option::of(proptest::sample::select(Status::ALL.to_vec())),
        proptest::option::of(proptest::collection::vec(field(), 1..3)),
    )
        .prop_map(|(text, pos, status, note)| Term {
            text,
            part_of_speech: pos.map(str::to_owned),
            status,
            note: note.map(|lines| lines.join("\n")),
        })
}

/// Random concepts as a reader gives them (also used by the store's round trip).
pub(crate) fn concept() -> impl Strategy<Value = Concept> {
    let languages = proptest::sample::subsequence(vec!["en", "fr", "fr-CA", "es", "zh-Hans"], 1..4);
    (
        "[a-z][a-z0-9._-]{0,8}",
        proptest::option::of(field()),
        proptest::option::of(field()),
        proptest::option::of(field()),
        languages,
        proptest::collection::vec(term(), 1..4),
    )
        .prop_map(|(id, subject, definition, note, languages, terms)| {
            let mut concept = Concept {
                id: Some(id),
                subject_field: subject,
                definition,
                note,
                languages: Vec::new(),
            };
            for (n, lang) in languages.iter().enumerate() {
                let lang: unic_langid::LanguageIdentifier = lang.parse().unwrap();
                let mut section = LanguageTerms {
                    lang,
                    terms: Vec::new(),
                };
                for term in terms.iter().skip(n % terms.len()) {
                    if !section.terms.iter().any(|t| t.text == term.text) {
                        section.terms.push(term.clone());
                    }
                }
                concept.languages.push(section);
            }
            concept
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// What the writer writes, the reader reads back as it was.
    #[test]
    fn written_concepts_are_read_back_identically(
        concepts in proptest::collection::vec(concept(), 0..6)
    ) {
        let text = write(&concepts);
        prop_assert_eq!(read(&text).unwrap(), concepts);
    }
}

#[test]
fn a_concept_with_too_many_terms_is_refused_where_it_goes_over() {
    let terms: String = (0..=crate::terms::model::MAX_TERMS)
        .map(|n| format!("<termSec><term>t{n}</term></termSec>\n"))
        .collect();
    let text = format!(
        "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body>\n\
         <conceptEntry id=\"c\"><langSec xml:lang=\"en\">\n{terms}</langSec></conceptEntry>\n\
         </body></text></tbx>"
    );
    let error = read(&text).unwrap_err();
    assert!(matches!(error, TermsError::TooMany { limit: 2_000, .. }));
    assert_eq!(error.location().unwrap().line, 2_003);
}
