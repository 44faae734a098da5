//! The speech text format, write side: the inverse of [`parse`](super::parse), so that
//! parse → write → parse gives back the same speech (a property test checks it).

use super::model::{BlockKind, Inline, Line, Meta, Speech};
use super::parse::implicit_kind;
use super::pronunciation;
use crate::lang;

fn front_matter(meta: &Meta, out: &mut String) {
    if meta.is_empty() {
        return;
    }
    out.push_str("---\n");
    let mut field = |key: &str, value: &str| {
        // A value that starts with a quote is quoted again, so that reading strips only
        // the added pair.
        if value.starts_with(['"', '\'']) {
            out.push_str(&format!("{key}: \"{value}\"\n"));
        } else {
            out.push_str(&format!("{key}: {value}\n"));
        }
    };
    let fields = [
        ("title", &meta.title),
        ("speaker", &meta.speaker),
        ("event", &meta.event),
        ("place", &meta.place),
        ("date", &meta.date),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            field(key, value);
        }
    }
    if let Some(language) = &meta.language {
        field("language", &language.to_string());
    }
    if let Some(seconds) = meta.target_seconds {
        field("target", &format!("{}:{:02}", seconds / 60, seconds % 60));
    }
    if let Some(deliver) = &meta.deliver {
        field("deliver", &deliver.to_string());
    }
    if let Some(kind) = meta.kind {
        field("kind", kind.as_str());
    }
    out.push_str("---\n\n");
}

/// One line as text: items joined by single spaces, directions in their original wording,
/// marked passages as `[text]{lang=xx}`. A line that opens with nothing but `#` before its
/// first direction (`#[Applause]`) keeps them together: with a space it would read as a
/// heading.
pub fn line_text(line: &Line) -> String {
    let mut out = String::new();
    for item in line {
        if !out.is_empty() && !out.bytes().all(|b| b == b'#') {
            out.push(' ');
        }
        match item {
            Inline::Text(text) => out.push_str(text),
            Inline::Foreign { lang, text } => out.push_str(&format!("[{text}]{{lang={lang}}}")),
            Inline::Direction(direction) => out.push_str(&direction.wording),
        }
    }
    out
}

/// Writes a speech in Tribune's text format.
pub fn write(speech: &Speech) -> String {
    let mut out = String::new();
    front_matter(&speech.meta, &mut out);
    let profile = lang::profile(&speech.meta.language.clone().unwrap_or_default());
    let marks = &speech.meta.pronunciations;
    let mut placed = vec![false; marks.len()];
    for (index, block) in speech.blocks.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let texts: Vec<String> = block.lines.iter().map(line_text).collect();
        for (i, text) in texts.iter().enumerate() {
            // A heading needs its `#` when it would not be read as one, or when the next
            // line starts in lower case (it would be joined to it as a soft wrap).
            let next_is_lowercase = texts
                .get(i + 1)
                .and_then(|next| next.chars().next())
                .is_some_and(char::is_lowercase);
            let explicit = block.kind == BlockKind::Heading
                && (implicit_kind(text, profile) != BlockKind::Heading
                    || text.starts_with('#')
                    || next_is_lowercase);
            if explicit {
                out.push_str("# ");
            }
            if placed.iter().all(|p| *p) {
                out.push_str(text);
            } else {
                out.push_str(&pronunciation::put_back(text, marks, &mut placed));
            }
            out.push('\n');
        }
    }
    out
}
