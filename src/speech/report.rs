//! The statistics of speech files as `tribune stats` reports them, per file: what the file
//! is (language, title, kind), its [`SpeechStats`] and how it stands against its target time.
//! Serializes as `tribune stats --format json` prints it, for any front end to show.

use serde::Serialize;

use super::{document_kind, stats, DocumentKind, Rates, Segment, Speech, SpeechStats};

/// The statistics of one speech file.
#[derive(Debug, Clone, Serialize)]
pub struct FileStats {
    /// The file as named by the user; standard input is `<stdin>`.
    pub file: String,
    /// The speech's language.
    pub language: String,
    /// Its title (front matter).
    pub title: Option<String>,
    /// The time the speaker has (front matter `target:`).
    pub target_seconds: Option<u32>,
    /// Whether the estimated time runs over the target, when there is one.
    pub over_target: Option<bool>,
    /// What the document is (`remarks`, `statement`, `message`, `story`).
    pub kind: DocumentKind,
    /// Whether the kind was guessed from the text (no `kind:` in the front matter).
    pub kind_guessed: bool,
    /// Words, segments, directions and times.
    #[serde(flatten)]
    pub stats: SpeechStats,
}

impl FileStats {
    /// Times a speech read from `file` (`-` for standard input) at `rates`.
    pub fn new(file: &str, speech: &Speech, segments: &[Segment], rates: &Rates) -> FileStats {
        let stats = stats(segments, rates);
        let target = speech.meta.target_seconds;
        let (kind, kind_guessed) = document_kind(speech, segments);
        FileStats {
            file: if file == "-" {
                "<stdin>".to_owned()
            } else {
                file.to_owned()
            },
            language: speech
                .meta
                .language
                .as_ref()
                .map(|l| l.to_string())
                .unwrap_or_default(),
            title: speech.meta.title.clone(),
            target_seconds: target,
            over_target: target.map(|t| stats.total_seconds > t),
            kind,
            kind_guessed,
            stats,
        }
    }
}

/// The statistics of several files: `{"files": [...]}` in JSON.
#[derive(Debug, Clone, Serialize)]
pub struct StatsReport {
    /// One entry per file, in the order given.
    pub files: Vec<FileStats>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::textfile::Origin;
    use unic_langid::langid;

    #[test]
    fn files_are_reported_with_their_target() {
        let text = "---\ntitle: Water\ntarget: 0:01\n---\n\nWe are here to talk about water and about the families of the region.\n";
        let speech = super::super::parse(text, &Origin::Stdin, Some(&langid!("en"))).unwrap();
        let segments = super::super::segment(&speech);
        let file = FileStats::new("-", &speech, &segments, &Rates::default());
        assert_eq!(file.file, "<stdin>");
        assert_eq!(file.language, "en");
        assert_eq!(file.title.as_deref(), Some("Water"));
        assert_eq!(file.over_target, Some(true));
        assert!(file.kind_guessed);
        let json = serde_json::to_value(StatsReport { files: vec![file] }).unwrap();
        assert_eq!(json["files"][0]["over_target"], true);
        assert!(json["files"][0].get("words").is_some());
        assert_eq!(
            FileStats::new("a.txt", &speech, &segments, &Rates::default()).file,
            "a.txt"
        );
    }
}
