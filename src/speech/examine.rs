//! A speech read for a command: parsed, segmented, and what is odd about it (a language
//! without a profile, prose in another language, lines of a web page set apart), so that every
//! front end warns the same way.

use unic_langid::LanguageIdentifier;

use super::{language_mismatch, segment, set_apart, Segment, SegmentKind, Speech, SpeechError};
use crate::i18n::{Args, Localize};
use crate::textfile::{self, Origin};

/// Something odd about a speech that does not stop the command reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeechWarning {
    /// The language has no profile: generic segmentation rules apply.
    GenericProfile {
        /// The language.
        lang: String,
    },
    /// The prose reads as another language than the one the speech is taken to be in
    /// (French saved as `speech.en.txt`).
    Mislabelled {
        /// The file, as named by the user.
        file: String,
        /// The language it is taken to be in.
        declared: String,
        /// The language its prose reads as.
        found: String,
    },
    /// Lines of a pasted web page (site lines, bylines, captions) were left out of the speech.
    SetApart {
        /// The file, as named by the user.
        file: String,
        /// How many lines were set apart.
        lines: usize,
        /// How many of them are photo captions.
        captions: usize,
    },
}

impl SpeechWarning {
    /// The warning for a language Tribune has no profile for, if it has none: commands warn
    /// about the languages they work in, not only those of the speeches they read.
    pub fn generic_profile(language: &LanguageIdentifier) -> Option<SpeechWarning> {
        crate::lang::known_profile(language)
            .is_none()
            .then(|| SpeechWarning::GenericProfile {
                lang: language.to_string(),
            })
    }
}

impl Localize for SpeechWarning {
    fn message_id(&self) -> &'static str {
        match self {
            SpeechWarning::GenericProfile { .. } => "warning-generic-profile",
            SpeechWarning::Mislabelled { .. } => "warning-language-mismatch",
            SpeechWarning::SetApart { .. } => "warning-set-apart",
        }
    }

    fn message_args(&self) -> Args {
        match self {
            SpeechWarning::GenericProfile { lang } => vec![("lang", lang.clone().into())],
            SpeechWarning::Mislabelled {
                file,
                declared,
                found,
            } => vec![
                ("file", file.clone().into()),
                ("declared", declared.clone().into()),
                ("found", found.clone().into()),
            ],
            SpeechWarning::SetApart {
                file,
                lines,
                captions,
            } => vec![
                ("file", file.clone().into()),
                ("lines", (*lines).into()),
                ("captions", (*captions).into()),
            ],
        }
    }
}

/// A speech with its segments and the warnings about it, as every command reading a speech
/// needs them.
#[derive(Debug)]
pub struct Examined {
    /// The parsed speech.
    pub speech: Speech,
    /// Its segments.
    pub segments: Vec<Segment>,
    /// What is odd about it, in the order the warnings are given.
    pub warnings: Vec<SpeechWarning>,
}

/// Segments a parsed speech and finds what to warn about: a language without a profile,
/// prose in another language, lines set apart. `file` names the speech in the warnings as
/// the user named it.
pub fn examine(file: &str, speech: Speech) -> Examined {
    let mut warnings = Vec::new();
    if let Some(language) = &speech.meta.language {
        warnings.extend(SpeechWarning::generic_profile(language));
    }
    let segments = segment(&speech);
    if let (Some(declared), Some(found)) = (
        speech.meta.language.as_ref(),
        language_mismatch(&speech, &segments),
    ) {
        warnings.push(SpeechWarning::Mislabelled {
            file: file.to_owned(),
            declared: declared.to_string(),
            found: found.to_string(),
        });
    }
    let apart = set_apart(&speech);
    if !apart.is_empty() {
        let captions = apart
            .iter()
            .filter(|s| s.kind == SegmentKind::Caption)
            .count();
        warnings.push(SpeechWarning::SetApart {
            file: file.to_owned(),
            lines: apart.len(),
            captions,
        });
    }
    Examined {
        speech,
        segments,
        warnings,
    }
}

/// Reads (`-` is standard input), parses and [`examine`]s one speech: the one call a
/// command reading a speech makes.
pub fn load(file: &str, language: Option<&LanguageIdentifier>) -> Result<Examined, SpeechError> {
    let origin = Origin::from_arg(file);
    let parsed = super::read(&origin, language)?;
    Ok(examine(file, parsed))
}

/// Like [`load`], keeping the text read too, for commands that locate findings in it.
pub fn load_with_text(
    file: &str,
    language: Option<&LanguageIdentifier>,
) -> Result<(Examined, String), SpeechError> {
    let origin = Origin::from_arg(file);
    let text = textfile::read_text(&origin)?;
    let parsed = super::parse(&text, &origin, language)?;
    Ok((examine(file, parsed), text))
}

/// The segments with the lines set apart ([`set_apart`]) put back among them in line order
/// (a segment before a line set apart on the same line): a full listing of the document,
/// each line with its kind, as `tribune segment --format jsonl` gives it.
pub fn with_set_apart<'a>(segments: &'a [Segment], apart: &'a [Segment]) -> Vec<&'a Segment> {
    let mut all: Vec<&Segment> = segments.iter().collect();
    all.extend(apart);
    all.sort_by_key(|s| s.line);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    #[test]
    fn warnings_come_in_order() {
        let text = "---\nlanguage: en\n---\n\nNous sommes réunis ici pour parler de l’eau. C’est une question de vie et de dignité pour les familles de la région.\n";
        let speech = super::super::parse(text, &Origin::Stdin, None).unwrap();
        let examined = examine("x.en.txt", speech);
        assert_eq!(
            examined.warnings,
            [SpeechWarning::Mislabelled {
                file: "x.en.txt".into(),
                declared: "en".into(),
                found: "fr".into(),
            }]
        );
        assert_eq!(
            examined.warnings[0].message_id(),
            "warning-language-mismatch"
        );
    }

    #[test]
    fn a_language_without_profile_is_told() {
        assert!(SpeechWarning::generic_profile(&langid!("en")).is_none());
        let warning = SpeechWarning::generic_profile(&langid!("xx")).unwrap();
        assert_eq!(warning.message_id(), "warning-generic-profile");
    }

    #[test]
    fn set_apart_lines_go_back_in_line_order() {
        let speech = super::super::parse(
            "Hello there.\n\nGood bye.\n",
            &Origin::Stdin,
            Some(&langid!("en")),
        )
        .unwrap();
        let segments = segment(&speech);
        let apart = set_apart(&speech);
        let all = with_set_apart(&segments, &apart);
        assert_eq!(all.len(), segments.len());
        assert!(all.windows(2).all(|w| w[0].line <= w[1].line));
    }
}
