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
pub use segment::{assign_ids, normalize_for_id, segment, Segment, SegmentKind};
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
