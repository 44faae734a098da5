//! The speech model: metadata, blocks, lines and their inline items (prose, passages in
//! another language, stage directions). It is what the parser builds, what the writer writes
//! back, and what segmentation turns into [`Segment`](super::Segment)s.

use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::pronunciation::NamePronunciation;

/// A whole speech: its front matter and its blocks, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Speech {
    /// Title, speaker, language and the like.
    pub meta: Meta,
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
}

/// What the front matter says about a speech. Every field is optional.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// Title of the remarks.
    pub title: Option<String>,
    /// Who delivers them.
    pub speaker: Option<String>,
    /// The event or meeting.
    pub event: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// When, as written (ISO dates like `2017-12-04` are recommended).
    pub date: Option<String>,
    /// The language the speech is written in.
    pub language: Option<LanguageIdentifier>,
    /// The time the speaker has, in seconds.
    pub target_seconds: Option<u32>,
    /// Which language the speaker reads (`deliver:`), for speaker scripts.
    pub deliver: Option<Delivery>,
    /// What the document is (`kind:`); when it is not said, [`crate::speech::document_kind`]
    /// guesses it.
    pub kind: Option<DocumentKind>,
    /// How the names the writer marked (`Annadif{pron=an-na-DIF}`) are said, in the order
    /// of the marks; the marks themselves are not in the text.
    pub pronunciations: Vec<NamePronunciation>,
}

/// What a document is: something said (remarks, a statement, a message read out) or a
/// story written to be read (a news story a speechwriter starts from).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// Remarks delivered by a speaker.
    Remarks,
    /// A statement read out.
    Statement,
    /// A message read on someone's behalf.
    Message,
    /// A story: narration with quotations, read rather than delivered.
    Story,
}

impl DocumentKind {
    /// Reads a `kind:` value (`remarks`, `statement`, `message`, `story`, in English as the
    /// front matter's keys are).
    pub fn parse(value: &str) -> Option<DocumentKind> {
        Some(match value.trim().to_lowercase().as_str() {
            "remarks" | "speech" => DocumentKind::Remarks,
            "statement" => DocumentKind::Statement,
            "message" => DocumentKind::Message,
            "story" | "article" | "news" => DocumentKind::Story,
            _ => return None,
        })
    }

    /// The `kind:` value that says it.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Remarks => "remarks",
            DocumentKind::Statement => "statement",
            DocumentKind::Message => "message",
            DocumentKind::Story => "story",
        }
    }

    /// Whether it is delivered aloud (its times are speaking times, its script says "check
    /// against delivery"), rather than read.
    pub fn is_delivered(self) -> bool {
        self != DocumentKind::Story
    }
}

/// Which language the speaker reads from a bilingual script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The whole speech in this language.
    Language(LanguageIdentifier),
    /// Block by block: the speech's language until a stage direction such as "[In French]"
    /// switches to another (docs/scripts.md).
    Mixed,
}

impl Delivery {
    /// Reads a `deliver:` value: `mixed` or a language tag.
    pub fn parse(value: &str) -> Option<Delivery> {
        if value.trim().eq_ignore_ascii_case("mixed") {
            Some(Delivery::Mixed)
        } else {
            crate::lang::parse_tag(value).map(Delivery::Language)
        }
    }
}

impl std::fmt::Display for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Delivery::Language(lang) => write!(f, "{lang}"),
            Delivery::Mixed => f.write_str("mixed"),
        }
    }
}

impl Meta {
    /// True when no field is set (no front matter needs to be written).
    pub fn is_empty(&self) -> bool {
        *self == Meta::default()
    }
}

/// What a block is, which decides how it is segmented and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// An organisation line, a title, a section heading: one segment per line.
    Heading,
    /// A place-and-date line ("4 December 2017 - Bamako, Mali").
    Dateline,
    /// Lines of address ending in a comma ("Excellencies, Ladies and Gentlemen,").
    Salutation,
    /// Prose: sentences, possibly with inline directions.
    Paragraph,
    /// Stage directions standing on their own lines.
    Direction,
    /// Text of the web page a story was pasted from: a site line ("Welcome to the United
    /// Nations", "Read more"), a byline ("By UN News"). Never spoken, timed, aligned or
    /// stored.
    WebText,
    /// A photo caption with its credit ("… UN Photo/Name"), from a pasted web page: never
    /// spoken, timed, aligned or stored.
    Caption,
}

impl BlockKind {
    /// Whether the block is part of what is said (not the web page around a pasted story).
    pub fn is_speech(self) -> bool {
        !matches!(self, BlockKind::WebText | BlockKind::Caption)
    }
}

/// A block: lines of one kind between blank lines (a raw block of mixed lines is split into
/// several blocks of one kind each).
#[derive(Debug, Clone)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its lines, soft wraps already joined.
    pub lines: Vec<Line>,
    /// The 1-based input line where each line starts (empty when built in code). Not part
    /// of equality: a speech written and parsed again is the same speech.
    pub source_lines: Vec<usize>,
}

impl PartialEq for Block {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.lines == other.lines
    }
}

impl Block {
    /// A block built in code (no source line).
    pub fn new(kind: BlockKind, lines: Vec<Line>) -> Self {
        Block {
            kind,
            lines,
            source_lines: Vec::new(),
        }
    }
}

/// One line of a block: a sequence of inline items.
pub type Line = Vec<Inline>;

/// An item inside a line.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text in the speech's language, exactly as written.
    Text(String),
    /// Text explicitly marked as being in another language (`[Merci.]{lang=fr}`): passed
    /// through, never translated.
    Foreign {
        /// Its language.
        lang: LanguageIdentifier,
        /// The text.
        text: String,
    },
    /// A stage direction.
    Direction(Direction),
}

/// A stage direction: never spoken as prose, never a translation unit, but it takes time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Direction {
    /// What happens.
    pub kind: DirectionKind,
    /// How long it takes, in seconds, when known (a minute of silence is 60).
    pub seconds: Option<u32>,
    /// The original wording, exactly as written, brackets included (`[Pause 5 s]`).
    pub wording: String,
}

impl Direction {
    /// The wording without its brackets or parentheses (`Pause 5 s`): what a script shows
    /// beside the label, and what a translation compares with the label.
    pub fn bare_wording(&self) -> &str {
        let trimmed = self.wording.trim();
        trimmed
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .or_else(|| trimmed.strip_prefix('(').and_then(|t| t.strip_suffix(')')))
            .unwrap_or(trimmed)
            .trim()
    }
}

/// The kinds of stage direction, in the order they are tried when recognising one (so that
/// "[STOP for minute of silence]" is a silence, not a stop).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DirectionKind {
    /// A minute or moment of silence.
    Silence,
    /// Applause.
    Applause,
    /// Laughter.
    Laughter,
    /// A slide change.
    Slide,
    /// A video, music or anthem.
    Media,
    /// A pause.
    Pause,
    /// Stop speaking (end, or wait).
    Stop,
    /// A delivery note ("Check against delivery").
    Delivery,
    /// A change of language ("[in French]").
    Language,
    /// A gesture or movement.
    Gesture,
    /// Any other note to the speaker.
    Note,
}

impl DirectionKind {
    /// All kinds, in recognition order.
    pub const ALL: [DirectionKind; 11] = [
        DirectionKind::Silence,
        DirectionKind::Applause,
        DirectionKind::Laughter,
        DirectionKind::Slide,
        DirectionKind::Media,
        DirectionKind::Pause,
        DirectionKind::Stop,
        DirectionKind::Delivery,
        DirectionKind::Language,
        DirectionKind::Gesture,
        DirectionKind::Note,
    ];

    /// The kind's name in JSON, in language profiles and in Fluent message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            DirectionKind::Silence => "silence",
            DirectionKind::Applause => "applause",
            DirectionKind::Laughter => "laughter",
            DirectionKind::Slide => "slide",
            DirectionKind::Media => "media",
            DirectionKind::Pause => "pause",
            DirectionKind::Stop => "stop",
            DirectionKind::Delivery => "delivery",
            DirectionKind::Language => "language",
            DirectionKind::Gesture => "gesture",
            DirectionKind::Note => "note",
        }
    }

    /// Kinds whose keywords are common words: inside a sentence, a bracket is one of these
    /// only when it starts with the keyword.
    pub fn is_weak(self) -> bool {
        matches!(self, DirectionKind::Gesture | DirectionKind::Note)
    }

    /// Whether the kind's label says everything its wording can say but a duration
    /// ("[Minute of silence]"): a script shows the label alone, a translation writes the
    /// label. The wording of the other kinds may say more ("[Slide 2]", "[Turn to the
    /// Governor]").
    pub fn label_says_all(self) -> bool {
        matches!(
            self,
            DirectionKind::Silence
                | DirectionKind::Applause
                | DirectionKind::Laughter
                | DirectionKind::Pause
                | DirectionKind::Language
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_wording_drops_brackets_or_parentheses() {
        let direction = |wording: &str| Direction {
            kind: DirectionKind::Pause,
            seconds: None,
            wording: wording.to_owned(),
        };
        assert_eq!(direction(" [ Pause 5 s ] ").bare_wording(), "Pause 5 s");
        assert_eq!(direction("(Applause)").bare_wording(), "Applause");
        assert_eq!(
            direction("Minute de silence").bare_wording(),
            "Minute de silence"
        );
        assert_eq!(direction("[Pause)").bare_wording(), "[Pause)");
    }
}
