//! The target-language draft: the source speech with every filled segment replaced by its
//! translation, stage directions in the target language, passages in other languages passed
//! through, and the segments still to translate left in the source language: sentences
//! marked as such (`[We act now.]{lang=en}`), headings and salutation lines as written (so
//! that they keep their kind), so that the draft reads as one speech, `tribune check` flags
//! what is left, and Tribune reads the draft back as written.

use unic_langid::LanguageIdentifier;

use super::{Pretranslation, SegmentResult, Treatment};
use crate::lang;
use crate::speech::sentences::sentence_ranges;
use crate::speech::{Block, BlockKind, Direction, Inline, Line, SegmentKind, Speech};

/// Adds a piece of text to a line, joining it to the previous piece of the same language.
fn push_piece(line: &mut Line, piece: Inline) {
    match (line.last_mut(), piece) {
        (Some(Inline::Text(previous)), Inline::Text(text)) => {
            previous.push(' ');
            previous.push_str(&text);
        }
        (
            Some(Inline::Foreign {
                lang: previous_lang,
                text: previous,
            }),
            Inline::Foreign { lang, text },
        ) if *previous_lang == lang => {
            previous.push(' ');
            previous.push_str(&text);
        }
        (_, piece) => line.push(piece),
    }
}

/// The piece a segment becomes in the draft (none for a segment whose translation is in
/// the one before it).
fn piece(
    result: &SegmentResult,
    from: &LanguageIdentifier,
    to: &LanguageIdentifier,
    threshold: u8,
) -> Option<Inline> {
    let segment = &result.segment;
    Some(match &result.treatment {
        Treatment::Joined { .. } => return None,
        Treatment::Direction { wording } => {
            let original = segment.direction.clone().unwrap_or(Direction {
                kind: crate::speech::DirectionKind::Note,
                seconds: None,
                wording: segment.text.clone(),
            });
            Inline::Direction(Direction {
                wording: wording.clone(),
                ..original
            })
        }
        Treatment::Passage if segment.lang.language == to.language => {
            Inline::Text(segment.text.clone())
        }
        Treatment::Passage => Inline::Foreign {
            lang: segment.lang.clone(),
            text: segment.text.clone(),
        },
        Treatment::Translate { .. } => match result.filled(threshold) {
            Some(candidate) => Inline::Text(candidate.target.clone()),
            // A heading, dateline or salutation line keeps its kind only as plain text: it
            // stays as written (a marked passage would read as prose).
            None if segment.kind != SegmentKind::Sentence => Inline::Text(segment.text.clone()),
            None => Inline::Foreign {
                lang: from.clone(),
                text: segment.text.clone(),
            },
        },
    })
}

/// The draft speech in the target language. `speech` must be the speech `result` was made
/// from (its segments are walked in the same order as [`crate::speech::segment`] makes them).
pub fn draft(speech: &Speech, result: &Pretranslation) -> Speech {
    let from = &result.from;
    let to = &result.to;
    let profile = lang::profile(from);
    let mut results = result.segments.iter();
    let mut take = |line: &mut Line, fallback: &str| match results.next() {
        Some(r) => {
            if let Some(piece) = piece(r, from, to, result.threshold) {
                push_piece(line, piece);
            }
        }
        None => push_piece(
            line,
            Inline::Foreign {
                lang: from.clone(),
                text: fallback.to_owned(),
            },
        ),
    };
    let mut blocks = Vec::with_capacity(speech.blocks.len());
    // The web page's lines a paste brought along have no segments and no place in the draft.
    for block in speech.blocks.iter().filter(|b| b.kind.is_speech()) {
        let mut lines = Vec::with_capacity(block.lines.len());
        for line in &block.lines {
            let mut out: Line = Vec::new();
            for item in line {
                match item {
                    Inline::Direction(direction) => take(&mut out, &direction.wording),
                    Inline::Foreign {
                        lang: foreign,
                        text,
                    } => {
                        let lists = &lang::profile(foreign).segmentation;
                        for range in sentence_ranges(text, lists) {
                            take(&mut out, &text[range]);
                        }
                    }
                    Inline::Text(text) if block.kind == BlockKind::Paragraph => {
                        for range in sentence_ranges(text, &profile.segmentation) {
                            take(&mut out, &text[range]);
                        }
                    }
                    Inline::Text(text) => take(&mut out, text),
                }
            }
            // A line whose only segment went into the line before it (joined) is gone.
            if !out.is_empty() || line.is_empty() {
                lines.push(out);
            }
        }
        if lines.is_empty() && !block.lines.is_empty() {
            continue;
        }
        blocks.push(Block {
            kind: block.kind,
            lines,
            source_lines: Vec::new(),
        });
    }
    let mut meta = speech.meta.clone();
    meta.language = Some(to.clone());
    Speech { meta, blocks }
}
