//! Speeches: the model, the text format (parse and write), segmentation and timing.
//!
//! Text flows one way: [`parse`] builds a [`Speech`], [`segment()`] cuts it into
//! [`Segment`]s, [`stats`] times them. [`write`] turns a speech back into text.

pub mod direction;
mod error;
mod model;
mod parse;
mod segment;
pub mod sentences;
mod timing;
mod write;

pub use error::SpeechError;
pub use model::{Block, BlockKind, Delivery, Direction, DirectionKind, Inline, Line, Meta, Speech};
pub use parse::{language_of, parse, parse_duration};
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

/// The language a speech's prose reads as, when it is not the one the speech is taken to be
/// in (its front matter, file name or `--lang`): French saved as `speech.en.txt`. The
/// sentences count (headings, salutations and directions do not; a short passage in another
/// language is outweighed), and a text too short to tell gives `None`.
pub fn language_mismatch(speech: &Speech, segments: &[Segment]) -> Option<LanguageIdentifier> {
    let declared = speech.meta.language.as_ref()?;
    let prose: Vec<&str> = segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Sentence)
        .map(|s| s.text.as_str())
        .collect();
    let found = crate::lang::detect(&prose.join(" "))?;
    (found.language != declared.language).then_some(found)
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
    fn french_prose_marked_english_is_found() {
        let french = "---\nlanguage: en\n---\n\nNous sommes réunis ici pour parler de l’eau. C’est une question de vie et de dignité pour les familles de la région.\n";
        assert_eq!(mismatch(french), Some(langid!("fr")));
        let english = "---\nlanguage: en\n---\n\nWe are here to talk about water. It is a question of life and of dignity for the families of the region.\n";
        assert_eq!(mismatch(english), None);
        // Too short to tell.
        assert_eq!(mismatch("---\nlanguage: en\n---\n\nMerci.\n"), None);
    }
}
