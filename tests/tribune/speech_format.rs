//! The speech format as a whole: parse → write → parse is the identity on the model
//! (property tests over generated speeches and arbitrary text), segmentation never loses or
//! adds a character, and the parser never panics.

use proptest::prelude::*;
use tribune::speech::{self, sentences::sentence_ranges};
use tribune::textfile::Origin;
use unic_langid::LanguageIdentifier;

use crate::{repo_path, shared_path};

fn lang(tag: &str) -> LanguageIdentifier {
    tag.parse().unwrap()
}

/// Parses, writes, parses again, and checks both models are equal.
fn assert_round_trip(text: &str, language: &LanguageIdentifier) -> Result<(), TestCaseError> {
    let Ok(first) = speech::parse(text, &Origin::Stdin, Some(language)) else {
        return Ok(());
    };
    let written = speech::write(&first);
    let second = speech::parse(&written, &Origin::Stdin, None).map_err(|e| {
        TestCaseError::fail(format!("written speech does not parse: {e}\n{written}"))
    })?;
    prop_assert_eq!(&first, &second, "written:\n{}", written);
    // Writing is stable too.
    prop_assert_eq!(written.clone(), speech::write(&second));
    Ok(())
}

#[test]
fn samples_and_examples_round_trip() {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(repo_path("speeches"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.push(shared_path("examples/remarks-bamako-2017.en.txt"));
    files.push(shared_path("examples/news-mopti-2018.en.txt"));
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let hint = path
            .to_string_lossy()
            .contains("examples")
            .then(|| lang("en"));
        let first = speech::parse(&text, &Origin::File(path.clone()), hint.as_ref()).unwrap();
        let written = speech::write(&first);
        let second = speech::parse(&written, &Origin::Stdin, None).unwrap();
        assert_eq!(first, second, "{}", path.display());
        let without_lines = |s: &speech::Speech| -> Vec<speech::Segment> {
            speech::segment(s)
                .into_iter()
                .map(|seg| speech::Segment { line: 0, ..seg })
                .collect()
        };
        assert_eq!(
            without_lines(&first),
            without_lines(&second),
            "{}",
            path.display()
        );
    }
}

const WORDS: &[&str] = &[
    "the",
    "peace",
    "Mali",
    "we",
    "must",
    "act",
    "Mr.",
    "Dr.",
    "U.N.",
    "3,700",
    "3\u{202f}700",
    "1.5",
    "M.",
    "Mme",
    "la",
    "paix",
    "nous",
    "devons",
    "agir",
    "«",
    "»",
    "“quoted”",
    "(a)",
    "[United Nations Mission]",
    "www.un.org",
    "e.g.",
    "etc.",
    "No.",
    "12",
    "MINUSMA",
    "l’ONU",
    "—",
    "counter-terrorism",
    "J.",
    "Kennedy",
    "in",
    "and",
    "et",
    "\u{a0}:",
    "\u{202f}?",
];
const ENDS: &[&str] = &[
    ".",
    "!",
    "?",
    "…",
    "...",
    ".”",
    "\u{202f}!",
    "\u{202f}? »",
    ":",
    "",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::sample::select(
            &[
                "We",
                "The",
                "Nous",
                "Il",
                "Excellencies",
                "“We",
                "«\u{a0}Nous",
                "1.",
            ][..],
        ),
        prop::collection::vec(prop::sample::select(WORDS), 1..12),
        prop::sample::select(ENDS),
    )
        .prop_map(|(first, words, end)| format!("{first} {}{end}", words.join(" ")))
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" ")),
        1 => prop::sample::select(&[
            "[Pause]", "[STOP for minute of silence]", "[Applause]", "Minute de silence",
            "(Applause)", "[Slide 4]", "[Pause 5 s]", "[Turn to the screen]",
        ][..]).prop_map(String::from),
        1 => prop::sample::select(&[
            "Excellencies,", "Ladies and Gentlemen,", "Mesdames et Messieurs,",
            "SRSG Annadif and Colleagues of MINUSMA,", "Monsieur le Président,",
        ][..]).prop_map(String::from),
        1 => prop::sample::select(&[
            "UNITED NATIONS OFFICE", "4 December 2017 - Bamako, Mali", "Genève, le 12 mars 2019",
            "Remarks by the Special Representative", "# What next?", "Thank you",
        ][..]).prop_map(String::from),
        1 => (sentence(), sentence()).prop_map(|(a, b)| format!("{a} [Pause] {b}")),
        1 => (sentence(), sentence()).prop_map(|(a, b)| format!("{a} [{b}]{{lang=fr}}")),
        1 => sentence().prop_map(|s| s.to_lowercase()),
    ]
}

fn speech_text() -> impl Strategy<Value = String> {
    (
        prop::option::of((
            prop::option::of("[A-Za-z][A-Za-z ,'’-]{0,30}"),
            prop::option::of("[0-9]{1,2}:[0-5][0-9]"),
            prop::sample::select(&["en", "fr", "fr-CA", "en-GB"][..]),
        )),
        prop::collection::vec(prop::collection::vec(line(), 1..5), 1..8),
        prop::sample::select(&["\n", "\r\n"][..]),
    )
        .prop_map(|(front, blocks, newline)| {
            let mut text = String::new();
            if let Some((title, target, lang)) = front {
                text.push_str("---\n");
                if let Some(title) = title {
                    text.push_str(&format!("title: {title}\n"));
                }
                if let Some(target) = target {
                    text.push_str(&format!("target: {target}\n"));
                }
                text.push_str(&format!("language: {lang}\n---\n"));
            }
            let body: Vec<String> = blocks.iter().map(|lines| lines.join(newline)).collect();
            text.push_str(&body.join(&format!("{newline}{newline}")));
            text
        })
}

proptest! {
    #[test]
    fn generated_speeches_round_trip(text in speech_text(), lang_tag in prop::sample::select(&["en", "fr"][..])) {
        assert_round_trip(&text, &lang(lang_tag))?;
    }

    #[test]
    fn arbitrary_text_round_trips_or_errors(text in "[a-zA-Z0-9 ,.;:!?'\"()\\[\\]{}«»“”’…#=\u{a0}\u{202f}\n-]{0,200}") {
        assert_round_trip(&text, &lang("en"))?;
    }

    #[test]
    fn parsing_never_panics(text in any::<String>()) {
        let _ = speech::parse(&text, &Origin::Stdin, Some(&lang("fr")));
    }

    /// Segmentation never loses or adds a character, except white space at segment edges.
    #[test]
    fn sentences_cover_the_text_exactly(text in "[a-zA-Z0-9 ,.;:!?'\"()\\[\\]«»“”’…\u{a0}\u{202f}\u{e9}-]{0,300}", lang_tag in prop::sample::select(&["en", "fr", "de"][..])) {
        let profile = tribune::lang::profile(&lang(lang_tag));
        let ranges = sentence_ranges(&text, &profile.segmentation);
        let mut previous_end = 0;
        let mut rebuilt = String::new();
        for range in &ranges {
            prop_assert!(range.start >= previous_end && range.end > range.start);
            prop_assert!(text[previous_end..range.start].chars().all(char::is_whitespace));
            let segment = &text[range.clone()];
            prop_assert!(!segment.starts_with(char::is_whitespace) && !segment.ends_with(char::is_whitespace));
            rebuilt.push_str(segment);
            previous_end = range.end;
        }
        prop_assert!(text[previous_end..].chars().all(char::is_whitespace));
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(squeeze(&rebuilt), squeeze(&text));
    }

    /// Segments of a speech hold every non-space character of its prose, in order.
    #[test]
    fn speech_segments_keep_every_character(lines in prop::collection::vec(sentence(), 1..10)) {
        let text = lines.join(" ");
        let parsed = speech::parse(&text, &Origin::Stdin, Some(&lang("en"))).unwrap();
        let segments = speech::segment(&parsed);
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let joined: String = segments.iter().map(|s| s.text.as_str()).collect();
        prop_assert_eq!(squeeze(&joined), squeeze(&text));
    }
}
