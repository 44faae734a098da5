use unic_langid::langid;

use super::*;
use crate::exchange::xliff::{SegmentState, XliffVersion};
use crate::i18n::Localizer;
use crate::memory::{Memory, NewUnit, Provenance, Variant};
use crate::speech::{self, Inline};
use crate::textfile::Origin;

const DRAFT: &str = "\
# Opening remarks

Excellencies,

We have deployed 3,700 peacekeepers in the region. [Pause 5 s] The rains came early this year. Nobody expected this. We have deployed 3,700 peacekeepers in the region.

[Minute of silence]

Thank you. Merci.
";

/// A source, its translation, and the context (before, after) it was stored with.
type Pair<'a> = (&'a str, &'a str, Option<(&'a str, &'a str)>);

fn memory_with(dir: &tempfile::TempDir, pairs: &[Pair<'_>]) -> Memory {
    let mut memory = Memory::open(dir.path().join("tm.sqlite")).unwrap();
    let mut import = memory.begin_import().unwrap();
    for (en, fr, context) in pairs {
        import
            .add(NewUnit {
                variants: vec![
                    Variant::new(langid!("en"), *en),
                    Variant::new(langid!("fr"), *fr),
                ],
                provenance: Provenance {
                    origin: "old.tmx".into(),
                    context_before: context.map(|c| c.0.to_owned()),
                    context_after: context.map(|c| c.1.to_owned()),
                    ..Provenance::default()
                },
                properties: Vec::new(),
                notes: Vec::new(),
            })
            .unwrap();
    }
    import.commit().unwrap();
    memory
}

fn parse(text: &str) -> (Speech, Vec<Segment>) {
    let parsed = speech::parse(text, &Origin::Stdin, Some(&langid!("en"))).unwrap();
    let segments = speech::segment(&parsed);
    (parsed, segments)
}

pub(super) fn run(
    memory: Option<&Memory>,
    previous: Option<&PreviousDraft>,
) -> (Speech, Pretranslation) {
    let (parsed, segments) = parse(DRAFT);
    let result = pretranslate(
        &parsed,
        &segments,
        memory.map(|m| m as &dyn TranslationStore),
        previous,
        &Options::new(langid!("fr")),
        &Localizer::for_tag("fr"),
    )
    .unwrap();
    (parsed, result)
}

pub(super) fn french_memory(dir: &tempfile::TempDir) -> Memory {
    memory_with(
        dir,
        &[
            (
                "We have deployed 3,700 peacekeepers in the region.",
                "Nous avons déployé 3 700 Casques bleus dans la région.",
                Some(("Excellencies,", "The rains came early this year.")),
            ),
            (
                "The rains came early last year.",
                "Les pluies sont arrivées tôt l’an dernier.",
                None,
            ),
            ("Opening remarks", "Allocution d’ouverture", None),
        ],
    )
}

fn texts(result: &Pretranslation) -> Vec<(&str, Option<Band>)> {
    result
        .segments
        .iter()
        .map(|s| (s.segment.text.as_str(), s.band()))
        .collect()
}

#[test]
fn every_segment_gets_its_band() {
    let dir = tempfile::tempdir().unwrap();
    let memory = french_memory(&dir);
    let (_, result) = run(Some(&memory), None);
    assert_eq!(
        texts(&result),
        [
            ("Opening remarks", Some(Band::Exact)),
            ("Excellencies,", Some(Band::NoMatch)),
            (
                "We have deployed 3,700 peacekeepers in the region.",
                Some(Band::InContext)
            ),
            ("[Pause 5 s]", None),
            ("The rains came early this year.", Some(Band::Fuzzy75)),
            ("Nobody expected this.", Some(Band::NoMatch)),
            (
                "We have deployed 3,700 peacekeepers in the region.",
                Some(Band::Repetition)
            ),
            ("[Minute of silence]", None),
            ("Thank you.", Some(Band::NoMatch)),
            ("Merci.", None),
        ]
    );
    assert!(matches!(result.segments[9].treatment, Treatment::Passage));
    let analysis = result.analysis();
    assert_eq!(analysis.band(Band::InContext).segments, 1);
    assert_eq!(analysis.band(Band::InContext).words, 8);
    assert_eq!(analysis.band(Band::Repetition).words, 8);
    assert_eq!(analysis.band(Band::NoMatch).segments, 3);
    assert_eq!(analysis.total.segments, 7);
    assert_eq!(analysis.directions, 2);
    assert_eq!(analysis.passages.segments, 1);
    assert_eq!(
        (analysis.filled, analysis.to_review, analysis.to_translate),
        (4, 1, 3)
    );
}

#[test]
fn the_draft_fills_matches_and_marks_what_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let memory = french_memory(&dir);
    let (parsed, result) = run(Some(&memory), None);
    let french = draft(&parsed, &result);
    let text = speech::write(&french);
    assert!(text.contains("Allocution d’ouverture"), "{text}");
    assert!(text.contains("\n\nExcellencies,\n"), "{text}");
    assert!(text.contains(
        "Nous avons déployé 3 700 Casques bleus dans la région. [Pause — 5\u{a0}s] Les pluies sont arrivées tôt l’an dernier. [Nobody expected this.]{lang=en} Nous avons déployé 3 700 Casques bleus dans la région."
    ), "{text}");
    assert!(text.contains("[Minute de silence]"), "{text}");
    assert!(text.contains("[Thank you.]{lang=en} Merci."), "{text}");
    // Tribune reads its draft back: the same directions, the English left marked as English.
    let reread = speech::parse(&text, &Origin::Stdin, None).unwrap();
    assert_eq!(reread.meta.language, Some(langid!("fr")));
    let segments = speech::segment(&reread);
    let directions: Vec<(DirectionKind, Option<u32>)> = segments
        .iter()
        .filter_map(|s| s.direction.as_ref().map(|d| (d.kind, d.seconds)))
        .collect();
    assert_eq!(
        directions,
        [
            (DirectionKind::Pause, Some(5)),
            (DirectionKind::Silence, Some(60))
        ]
    );
    assert!(segments
        .iter()
        .any(|s| s.text == "Nobody expected this." && s.lang == langid!("en")));
}

use crate::speech::DirectionKind;

#[test]
fn numbers_are_substituted_in_a_fuzzy_match() {
    let dir = tempfile::tempdir().unwrap();
    let memory = french_memory(&dir);
    let (parsed, segments) = parse("We have deployed 4,100 peacekeepers in the region.");
    let result = pretranslate(
        &parsed,
        &segments,
        Some(&memory),
        None,
        &Options::new(langid!("fr")),
        &Localizer::for_tag("fr"),
    )
    .unwrap();
    let filled = result.segments[0].filled(75).unwrap();
    assert_eq!(
        filled.target,
        "Nous avons déployé 4 100 Casques bleus dans la région."
    );
    assert_eq!(result.segments[0].band(), Some(Band::Fuzzy85));
}

#[test]
fn the_previous_draft_supplies_what_the_memory_lacks() {
    let old = "We have deployed 3,700 peacekeepers in the region. The rains came early this year. Nobody expected this.";
    let (_, old_segments) = parse(old);
    let previous = PreviousDraft {
        translations: vec![
            Some("Nous avons déployé 3 700 Casques bleus dans la région.".into()),
            Some("Les pluies sont arrivées tôt cette année.".into()),
            Some("Personne ne s’y attendait.".into()),
        ],
        segments: old_segments,
    };
    let new = "We have deployed 3,700 peacekeepers in the region. The rains came very early this year. Nobody expected this at all.";
    let (parsed, segments) = parse(new);
    let result = pretranslate(
        &parsed,
        &segments,
        None,
        Some(&previous),
        &Options::new(langid!("fr")),
        &Localizer::for_tag("fr"),
    )
    .unwrap();
    let kept = &result.segments[0];
    assert_eq!(kept.band(), Some(Band::InContext));
    assert_eq!(
        kept.filled(75).unwrap().target,
        "Nous avons déployé 3 700 Casques bleus dans la région."
    );
    let edited = result.segments[1].filled(75).unwrap();
    assert_eq!(edited.target, "Les pluies sont arrivées tôt cette année.");
    assert!(edited.score < 100 && edited.score >= 75, "{}", edited.score);
    assert!(matches!(
        edited.provider,
        Provider::Previous {
            change: Change::Edited
        }
    ));
    assert_eq!(
        diff_text(&edited.diff),
        "The rains came {+very+} early this year."
    );
    // An edit below the threshold is still offered, not filled.
    let Treatment::Translate { candidates, .. } = &result.segments[2].treatment else {
        panic!("not translatable");
    };
    assert_eq!(candidates[0].target, "Personne ne s’y attendait.");
}

#[test]
fn xliff_units_carry_state_score_and_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let memory = french_memory(&dir);
    let (_, result) = run(Some(&memory), None);
    let l10n = Localizer::for_tag("en");
    for version in [XliffVersion::V1_2, XliffVersion::V2_1] {
        let units = xliff_units(&result, version, &l10n);
        assert_eq!(units.len(), result.segments.len());
        let exact = &units[2];
        assert_eq!(exact.segments[0].state, Some(SegmentState::Translated));
        assert_eq!(exact.matches[0].quality, Some(100.0));
        let fuzzy = &units[4];
        assert_eq!(fuzzy.segments[0].state, Some(SegmentState::NeedsReview));
        assert!(
            fuzzy.notes[0].contains("[-last-]{+this+}"),
            "{:?}",
            fuzzy.notes
        );
        let none = &units[5];
        assert!(none.segments[0].target.is_none());
        let pause = &units[3];
        assert!(!pause.translate);
        assert_eq!(
            pause.segments[0].target.as_ref().unwrap().text,
            "[Pause — 5\u{a0}s]"
        );
        let passage = &units[9];
        assert!(!passage.translate);
        assert!(passage.notes[0].contains("French"), "{:?}", passage.notes);
        if version.is_v2() {
            assert_eq!(exact.kind, None);
            assert_eq!(pause.kind.as_deref(), Some("tribune:direction"));
            assert_eq!(
                exact.segments[0].qualifier.as_deref(),
                Some("tribune:in-context")
            );
            assert_eq!(exact.matches[0].kind.as_deref(), Some("icm"));
        } else {
            assert_eq!(pause.kind.as_deref(), Some("x-tribune-direction"));
            assert_eq!(exact.segments[0].qualifier.as_deref(), Some("exact-match"));
        }
    }
}

#[test]
fn without_a_memory_everything_is_left_to_translate() {
    let (parsed, result) = run(None, None);
    assert_eq!(result.analysis().filled, 0);
    let french = draft(&parsed, &result);
    // Headings and salutation lines stay as written; sentences are marked as English.
    assert_eq!(
        french.blocks[0].lines[0][0],
        Inline::Text("Opening remarks".into())
    );
    let first = &french.blocks[2].lines[0][0];
    assert!(matches!(first, Inline::Foreign { lang, .. } if *lang == langid!("en")));
}

fn pretranslate_with(memory: &Memory, text: &str) -> (Speech, Pretranslation) {
    let (parsed, segments) = parse(text);
    let result = pretranslate(
        &parsed,
        &segments,
        Some(memory as &dyn TranslationStore),
        None,
        &Options::new(langid!("fr")),
        &Localizer::for_tag("en"),
    )
    .unwrap();
    (parsed, result)
}

/// A unit stored from a 2-1 bead: two English sentences, one French one.
fn joined_memory(dir: &tempfile::TempDir) -> Memory {
    memory_with(
        dir,
        &[
            (
                "The wells are dry. The herds walk further every week.",
                "Les puits étant à sec, les troupeaux marchent chaque semaine plus loin.",
                None,
            ),
            (
                "We will dig new wells.",
                "Nous creuserons de nouveaux puits.",
                None,
            ),
        ],
    )
}

#[test]
fn two_segments_stored_as_one_unit_are_matched_together() {
    let dir = tempfile::tempdir().unwrap();
    let memory = joined_memory(&dir);
    let (parsed, result) = pretranslate_with(
        &memory,
        "The wells are dry. The herds walk further every week. We will dig new wells.",
    );
    assert_eq!(
        texts(&result),
        [
            ("The wells are dry.", Some(Band::Joined)),
            ("The herds walk further every week.", Some(Band::Joined)),
            ("We will dig new wells.", Some(Band::Exact)),
        ]
    );
    assert_eq!(result.segments[0].joined_with(), Some(1));
    assert!(matches!(
        result.segments[1].treatment,
        Treatment::Joined { into: 0 }
    ));
    let analysis = result.analysis();
    assert_eq!(analysis.band(Band::Joined).segments, 2);
    assert_eq!((analysis.filled, analysis.to_translate), (3, 0));
    // The draft holds the one translation in place of both sentences.
    let text = speech::write(&draft(&parsed, &result));
    assert!(
        text.contains("Les puits étant à sec, les troupeaux marchent chaque semaine plus loin. Nous creuserons de nouveaux puits."),
        "{text}"
    );
    // XLIFF: one unit spans both segments.
    for version in [XliffVersion::V1_2, XliffVersion::V2_1] {
        let units = xliff_units(&result, version, &Localizer::for_tag("en"));
        assert_eq!(units.len(), 2);
        assert_eq!(
            units[0].id,
            format!(
                "{}_{}",
                result.segments[0].segment.id, result.segments[1].segment.id
            )
        );
        assert_eq!(
            units[0].segments[0].source.text,
            "The wells are dry. The herds walk further every week."
        );
        assert!(units[0].notes.iter().any(|n| n.contains("Two segments")));
    }
}

#[test]
fn a_match_that_translates_an_extra_sentence_is_only_proposed() {
    let dir = tempfile::tempdir().unwrap();
    let memory = memory_with(
        &dir,
        &[
            (
                "The wells of the northern villages of the region are dry again this year. Rain fails.",
                "Les puits des villages du nord sont à sec et la pluie tarde.",
                None,
            ),
            (
                "The wells of the southern villages of the province are dry again this year.",
                "Les puits des villages du sud de la province sont encore à sec cette année.",
                None,
            ),
        ],
    );
    let (_, result) = pretranslate_with(
        &memory,
        "The wells of the northern villages of the region are dry again this year.",
    );
    let Treatment::Translate { candidates, .. } = &result.segments[0].treatment else {
        panic!("not translatable");
    };
    assert_eq!(candidates.len(), 2, "{candidates:?}");
    // The wider unit scores higher, but its target holds the extra sentence: it comes last.
    assert!(!candidates[0].covers_more);
    assert_eq!(
        candidates[0].target,
        "Les puits des villages du sud de la province sont encore à sec cette année."
    );
    assert!(candidates[1].covers_more);
    assert!(candidates[1].score > candidates[0].score);
    assert_eq!(
        result.segments[0].filled(75).map(|c| c.target.as_str()),
        Some("Les puits des villages du sud de la province sont encore à sec cette année.")
    );
    // Alone, it is proposed and never fills the target.
    let dir = tempfile::tempdir().unwrap();
    let memory = memory_with(
        &dir,
        &[(
            "The wells of the northern villages of the region are dry again this year. Rain fails.",
            "Les puits des villages du nord sont à sec et la pluie tarde.",
            None,
        )],
    );
    let (_, result) = pretranslate_with(
        &memory,
        "The wells of the northern villages of the region are dry again this year.",
    );
    assert_eq!(result.segments[0].filled(75), None);
    assert_eq!(result.segments[0].band(), Some(Band::NoMatch));
    let units = xliff_units(&result, XliffVersion::V1_2, &Localizer::for_tag("en"));
    assert_eq!(units[0].matches.len(), 1);
    assert!(units[0].notes.iter().any(|n| n.contains("translates more")));
}

#[test]
fn an_xliff_proposal_holds_the_stored_pair_and_the_target_the_new_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let memory = french_memory(&dir);
    let (_, result) = pretranslate_with(
        &memory,
        "We have deployed 4,100 peacekeepers in the region.",
    );
    for version in [XliffVersion::V1_2, XliffVersion::V2_1] {
        let units = xliff_units(&result, version, &Localizer::for_tag("en"));
        let proposal = &units[0].matches[0];
        assert_eq!(
            proposal.source.as_deref(),
            Some("We have deployed 3,700 peacekeepers in the region.")
        );
        assert_eq!(
            proposal.target,
            "Nous avons déployé 3 700 Casques bleus dans la région."
        );
        assert_eq!(
            units[0].segments[0].target.as_ref().unwrap().text,
            "Nous avons déployé 4 100 Casques bleus dans la région."
        );
    }
}

#[test]
fn a_speech_in_the_target_language_is_refused_and_a_missing_memory_is_a_warning() {
    assert!(check_languages(&langid!("en"), &langid!("fr")).is_ok());
    let same = check_languages(&langid!("fr-CA"), &langid!("fr")).unwrap_err();
    assert!(matches!(same, TranslateError::SameLanguage { lang } if lang == "fr-CA"));
    let dir = tempfile::tempdir().unwrap();
    let location = memory::StoreLocation::File(dir.path().join("none.sqlite"));
    let (opened, warning) = open_memory(&location).unwrap();
    assert!(opened.is_none());
    assert_eq!(warning.unwrap().path, location.to_string());
}

#[test]
fn the_xliff_file_names_the_speech_and_the_tool() {
    let (_, result) = run(None, None);
    let header = xliff_header(&result, "drafts/speech.en.txt", XliffVersion::V1_2);
    assert_eq!(header.original, "speech.en.txt");
    assert_eq!(header.source_language, "en");
    assert_eq!(header.target_language, "fr");
    assert_eq!(header.tool_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(xliff_header(&result, "-", XliffVersion::V1_2).original, "-");
    let mut out = Vec::new();
    write_xliff(
        &mut out,
        &result,
        "-",
        XliffVersion::V1_2,
        &Localizer::for_tag("en-US"),
    )
    .unwrap();
    let xml = String::from_utf8(out).unwrap();
    assert!(
        xml.starts_with("<?xml") && xml.contains("original=\"-\""),
        "{xml}"
    );
}
