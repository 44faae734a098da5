//! Speeches: the model, the text format (parse and write), segmentation and timing.
//!
//! Text flows one way: [`parse`] builds a [`Speech`], [`segment()`] cuts it into
//! [`Segment`]s, [`stats`] times them. [`write`] turns a speech back into text.

pub mod direction;
mod error;
mod examine;
mod model;
mod parse;
mod pronunciation;
mod report;
mod segment;
pub mod sentences;
mod timing;
mod write;

pub use error::SpeechError;
pub use examine::{examine, load, load_with_text, with_set_apart, Examined, SpeechWarning};
pub use model::{
    Block, BlockKind, Delivery, Direction, DirectionKind, DocumentKind, Inline, Line, Meta, Speech,
};
pub use parse::{language_of, parse, parse_duration};
pub use pronunciation::{end_of_name, NamePronunciation};
pub use report::{FileStats, StatsReport};
pub use segment::{assign_ids, normalize_for_id, segment, set_apart, Segment, SegmentKind};
pub use timing::{
    format_clock, is_spoken, speaking_seconds, stats, LanguageTime, Pace, Rates, SpeechStats,
};
pub use write::{line_text, write};

use unic_langid::LanguageIdentifier;

use crate::textfile::{self, Origin};

/// Reads and parses a speech file (or stdin), with the language rules of [`parse`].
pub fn read(origin: &Origin, language: Option<&LanguageIdentifier>) -> Result<Speech, SpeechError> {
    let text = textfile::read_text(origin)?;
    parse(&text, origin, language)
}

/// How much prose the language check reads: some ten pages, far more than detection needs,
/// and a 25 MB text is not copied whole to check its language.
const DETECTION_SAMPLE_BYTES: usize = 32 * 1024;

/// The language a speech's prose reads as, when it is not the one the speech is taken to be
/// in (its front matter, file name or `--lang`): French saved as `speech.en.txt`. The
/// sentences count (headings, salutations and directions do not; a short passage in another
/// language is outweighed), and a text too short to tell gives `None`.
pub fn language_mismatch(speech: &Speech, segments: &[Segment]) -> Option<LanguageIdentifier> {
    let declared = speech.meta.language.as_ref()?;
    // A sample is enough to tell a language: the first sentences, up to a few pages.
    let mut prose = String::new();
    for sentence in segments.iter().filter(|s| s.kind == SegmentKind::Sentence) {
        if prose.len() >= DETECTION_SAMPLE_BYTES {
            break;
        }
        if !prose.is_empty() {
            prose.push(' ');
        }
        prose.push_str(&sentence.text);
    }
    let found = crate::lang::detect(&prose)?;
    (found.language != declared.language).then_some(found)
}

/// The least quotations with a reporting verb ("said Mr. Guterres") that make a text
/// without salutations a story.
const STORY_REPORTS: usize = 2;

/// What a document is: its front matter's `kind:`, else a guess from its text. A story is
/// narration that reports what people said ("…”, said Mr. X: `[story] reporting_verbs` in
/// the language's profile) and addresses no one (no salutation line); anything else is
/// remarks. Returns the kind and whether it was guessed.
pub fn document_kind(speech: &Speech, segments: &[Segment]) -> (DocumentKind, bool) {
    if let Some(kind) = speech.meta.kind {
        return (kind, false);
    }
    if segments.iter().any(|s| s.kind == SegmentKind::Salutation) {
        return (DocumentKind::Remarks, true);
    }
    let language = speech.meta.language.clone().unwrap_or_default();
    let verbs = &crate::lang::profile(&language).reporting_verbs;
    let reports = segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Sentence)
        .filter(|s| {
            let lower = s.text.to_lowercase();
            let quoted = lower.contains(['“', '”', '"', '«', '»']);
            quoted
                && lower
                    .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                    .any(|w| verbs.contains(w))
        })
        .count();
    let kind = if reports >= STORY_REPORTS {
        DocumentKind::Story
    } else {
        DocumentKind::Remarks
    };
    (kind, true)
}

#[cfg(test)]
mod mismatch_tests {
    use super::*;
    use crate::textfile::Origin;
    use unic_langid::langid;

    fn mismatch(text: &str) -> Option<LanguageIdentifier> {
        let speech = parse(text, &Origin::Stdin, None).unwrap();
        language_mismatch(&speech, &segment(&speech))
    }

    #[test]
    fn a_story_is_told_from_remarks() {
        let kind = |text: &str| {
            let speech = parse(text, &Origin::Stdin, Some(&langid!("en"))).unwrap();
            document_kind(&speech, &segment(&speech))
        };
        let story = "Wells reopen in the north\n\nThe first wells reopened on Monday. “We waited three years”, said the mayor.\n\n“Water changes everything”, she added.\n";
        assert_eq!(kind(story), (DocumentKind::Story, true));
        // A salutation makes remarks, whatever is quoted.
        let remarks = format!("Excellencies,\n\n{}", &story[27..]);
        assert_eq!(kind(&remarks), (DocumentKind::Remarks, true));
        // The front matter says it.
        let said = format!("---\nkind: message\n---\n\n{story}");
        assert_eq!(kind(&said), (DocumentKind::Message, false));
        let wrong = parse("---\nkind: poem\n---\n\nHello.\n", &Origin::Stdin, None);
        assert!(matches!(wrong, Err(SpeechError::BadKind { .. })));
    }

    #[test]
    fn french_prose_marked_english_is_found() {
        let french = "---\nlanguage: en\n---\n\nNous sommes réunis ici pour parler de l’eau. C’est une question de vie et de dignité pour les familles de la région.\n";
        assert_eq!(mismatch(french), Some(langid!("fr")));
        let english = "---\nlanguage: en\n---\n\nWe are here to talk about water. It is a question of life and of dignity for the families of the region.\n";
        assert_eq!(mismatch(english), None);
        // Too short to tell.
        assert_eq!(mismatch("---\nlanguage: en\n---\n\nMerci.\n"), None);
    }
}
