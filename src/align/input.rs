//! The two ways texts reach the aligner: whole speeches, parsed and segmented by the core
//! (`--input text`), or files already segmented, one segment per line (`--input lines`),
//! where each line is still recognised as a stage direction, a salutation, a heading or a
//! sentence by the speech parser itself.

use unic_langid::{langid, LanguageIdentifier};

use super::error::{AlignError, AlignWarning};
use super::{Alignment, Side};
use crate::lang;
use crate::speech::{self, Segment, SegmentKind};
use crate::textfile::{self, Origin};

/// How an input file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// A speech: paragraphs, headings, directions; segmented by Tribune.
    Text,
    /// One segment per line, already segmented.
    Lines,
}

/// The languages of the two files when neither a flag, the file nor its words say
/// (`--source-lang` and `--target-lang` defaulted to them before files could say).
pub const FALLBACK_LANGUAGES: [LanguageIdentifier; 2] = [langid!("en"), langid!("fr")];

/// The two texts to align, read, each with the language it is aligned in. Reading and
/// aligning are two steps so that a front end can warn about the languages (no profile, no
/// aligner data) before the texts are cut, as `tribune align` does.
#[derive(Debug, Clone)]
pub struct AlignInputs {
    /// Where the source text came from.
    pub source_origin: Origin,
    /// Where the target text came from.
    pub target_origin: Origin,
    /// The source text.
    pub source_text: String,
    /// The target text.
    pub target_text: String,
    /// The source language: given, else the file's, else [`FALLBACK_LANGUAGES`]`[0]`.
    pub source_language: LanguageIdentifier,
    /// The target language: given, else the file's, else [`FALLBACK_LANGUAGES`]`[1]`.
    pub target_language: LanguageIdentifier,
}

impl AlignInputs {
    /// Reads both texts (the source first) and chooses each one's language
    /// ([`side_language`]).
    pub fn read(
        source: Origin,
        target: Origin,
        source_language: Option<&LanguageIdentifier>,
        target_language: Option<&LanguageIdentifier>,
    ) -> Result<AlignInputs, AlignError> {
        let source_text = read_text(&source)?;
        let target_text = read_text(&target)?;
        let [source_fallback, target_fallback] = FALLBACK_LANGUAGES;
        let source_language =
            side_language(source_language, &source_text, &source, source_fallback);
        let target_language =
            side_language(target_language, &target_text, &target, target_fallback);
        Ok(AlignInputs {
            source_origin: source,
            target_origin: target,
            source_text,
            target_text,
            source_language,
            target_language,
        })
    }

    /// The warning that the language pair has no aligner data (only numbers, names and
    /// lengths are used), when it has none.
    pub fn lexicon_warning(&self) -> Option<AlignWarning> {
        (!super::has_lexicon(&self.source_language, &self.target_language)).then(|| {
            AlignWarning::NoLexicon {
                source: self.source_language.to_string(),
                target: self.target_language.to_string(),
            }
        })
    }

    /// Cuts both texts into sides laid out as `format`, checks that each is in its
    /// language ([`check_languages`]) and aligns them; the warnings about the layout come
    /// back with the alignment, source side's first.
    pub fn align(&self, format: InputFormat) -> Result<(Alignment, Vec<AlignWarning>), AlignError> {
        let (source, mut warnings) = side_from(
            &self.source_text,
            &self.source_origin,
            format,
            &self.source_language,
        )?;
        let (target, target_warnings) = side_from(
            &self.target_text,
            &self.target_origin,
            format,
            &self.target_language,
        )?;
        check_languages(
            (&source.name, &self.source_text, &self.source_language),
            (&target.name, &self.target_text, &self.target_language),
        )?;
        warnings.extend(target_warnings);
        Ok((super::align(source, target), warnings))
    }
}

/// Reads one side from a file (or stdin) in `language`.
pub fn read_side(
    origin: &Origin,
    format: InputFormat,
    language: &LanguageIdentifier,
) -> Result<(Side, String, Vec<AlignWarning>), AlignError> {
    let text = read_text(origin)?;
    let (side, warnings) = side_from(&text, origin, format, language)?;
    Ok((side, text, warnings))
}

/// Reads a side's text from a file (or stdin), so that its language can be taken from it
/// ([`speech::language_of`]) before it is cut into a [`Side`] with [`side_from`].
pub fn read_text(origin: &Origin) -> Result<String, AlignError> {
    Ok(textfile::read_text(origin)?)
}

/// The language of a side: `given` (a flag), else what the file says, as every command that
/// reads a speech takes it ([`speech::language_of`]: front matter, file name, words), else
/// `fallback`.
pub fn side_language(
    given: Option<&LanguageIdentifier>,
    text: &str,
    origin: &Origin,
    fallback: LanguageIdentifier,
) -> LanguageIdentifier {
    given
        .cloned()
        .or_else(|| speech::language_of(text, origin))
        .unwrap_or(fallback)
}

/// One side from its text, laid out as `format`, in `language`.
pub fn side_from(
    text: &str,
    origin: &Origin,
    format: InputFormat,
    language: &LanguageIdentifier,
) -> Result<(Side, Vec<AlignWarning>), AlignError> {
    match format {
        InputFormat::Text => side_from_text(text, origin, language),
        InputFormat::Lines => side_from_lines(text, origin, language),
    }
}

fn name_of(origin: &Origin) -> String {
    origin.to_string()
}

fn ensure_alignable(side: &Side) -> Result<(), AlignError> {
    if side.segments.is_empty() {
        return Err(AlignError::Empty {
            file: side.name.clone(),
        });
    }
    if !side.segments.iter().any(|s| s.kind.is_translatable()) {
        return Err(AlignError::NothingToAlign {
            file: side.name.clone(),
        });
    }
    Ok(())
}

/// A speech parsed and segmented by the core.
pub fn side_from_text(
    text: &str,
    origin: &Origin,
    language: &LanguageIdentifier,
) -> Result<(Side, Vec<AlignWarning>), AlignError> {
    if text.trim().is_empty() {
        return Err(AlignError::Empty {
            file: name_of(origin),
        });
    }
    let parsed = speech::parse(text, origin, Some(language))?;
    let segments = speech::segment(&parsed);
    let side = Side {
        name: name_of(origin),
        language: language.clone(),
        segments,
    };
    ensure_alignable(&side)?;
    let mut warnings = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let has_blank = lines.iter().any(|l| l.trim().is_empty());
    let prose_blocks = side
        .segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Sentence)
        .map(|s| s.block)
        .collect::<std::collections::HashSet<_>>()
        .len();
    if !has_blank && lines.len() >= 8 && prose_blocks <= 1 {
        warnings.push(AlignWarning::TextLooksLikeLines {
            file: side.name.clone(),
        });
    }
    Ok((side, warnings))
}

/// One already-segmented line read as a segment: the parser classifies it (stage
/// direction, salutation, heading, dateline or sentence) as it would a line of a speech,
/// and the text is kept exactly as written. Returns the segment and whether the line holds
/// more than one sentence.
fn line_segment(line: &str, number: usize, language: &LanguageIdentifier) -> (Segment, bool) {
    let text = line.trim();
    let mut segment = Segment {
        id: String::new(),
        block: number,
        kind: SegmentKind::Sentence,
        text: text.to_owned(),
        lang: language.clone(),
        direction: None,
        line: number + 1,
    };
    let Ok(parsed) = speech::parse(text, &Origin::Stdin, Some(language)) else {
        return (segment, false);
    };
    let parts = speech::segment(&parsed);
    match parts.as_slice() {
        [] => (segment, false),
        [only] => {
            segment.kind = only.kind;
            segment.lang = only.lang.clone();
            segment.direction = only.direction.clone();
            (segment, false)
        }
        several => {
            if several.iter().all(|p| p.kind == SegmentKind::Direction) {
                segment.kind = SegmentKind::Direction;
                segment.direction = several[0].direction.clone();
            } else {
                let prose: Vec<&Segment> = several
                    .iter()
                    .filter(|p| p.kind != SegmentKind::Direction)
                    .collect();
                segment.kind = prose[0].kind;
                if prose.iter().all(|p| p.lang == prose[0].lang) {
                    segment.lang = prose[0].lang.clone();
                }
            }
            let sentences = several
                .iter()
                .filter(|p| p.kind == SegmentKind::Sentence)
                .count();
            (segment, sentences > 1)
        }
    }
}

/// As in a speech, a run of comma-ended lines is a salutation when one of them is: a line
/// "Lieutenant General Diarra-Holm, Force Commander," between two salutation lines is one
/// too, although it does not open with a salutation word.
fn salutation_runs(segments: &mut [Segment]) {
    let candidate = |s: &Segment| {
        s.kind == SegmentKind::Sentence
            && s.text.ends_with(',')
            && s.text.split_whitespace().count() <= 20
    };
    loop {
        let mut changed = false;
        for k in 0..segments.len() {
            if !candidate(&segments[k]) {
                continue;
            }
            let before = k > 0 && segments[k - 1].kind == SegmentKind::Salutation;
            let after = segments
                .get(k + 1)
                .is_some_and(|s| s.kind == SegmentKind::Salutation);
            if before || after {
                segments[k].kind = SegmentKind::Salutation;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// A file of one segment per line (blank lines are skipped).
pub fn side_from_lines(
    text: &str,
    origin: &Origin,
    language: &LanguageIdentifier,
) -> Result<(Side, Vec<AlignWarning>), AlignError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut segments = Vec::new();
    let mut running_text = 0;
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (segment, several) = line_segment(line, number, language);
        if several {
            running_text += 1;
        }
        segments.push(segment);
    }
    salutation_runs(&mut segments);
    speech::assign_ids(&mut segments);
    let side = Side {
        name: name_of(origin),
        language: language.clone(),
        segments,
    };
    ensure_alignable(&side)?;
    let mut warnings = Vec::new();
    if running_text * 4 > side.segments.len() {
        warnings.push(AlignWarning::LinesLookLikeText {
            file: side.name.clone(),
            lines: running_text,
        });
    }
    Ok((side, warnings))
}

/// Checks that each text is in its expected language, from its words: a text detected as
/// the other side's language is an error, and two such texts were given in the wrong order.
/// Texts too short to tell pass.
pub fn check_languages(
    source: (&str, &str, &LanguageIdentifier),
    target: (&str, &str, &LanguageIdentifier),
) -> Result<(), AlignError> {
    let (source_name, source_text, source_lang) = source;
    let (target_name, target_text, target_lang) = target;
    let differs = |found: &Option<LanguageIdentifier>, expected: &LanguageIdentifier| {
        found
            .as_ref()
            .is_some_and(|f| f.language != expected.language)
    };
    let source_found = lang::detect(source_text);
    let target_found = lang::detect(target_text);
    let source_wrong = differs(&source_found, source_lang);
    let target_wrong = differs(&target_found, target_lang);
    if source_wrong && target_wrong {
        let (s, t) = (
            source_found.clone().unwrap_or_default(),
            target_found.clone().unwrap_or_default(),
        );
        if s.language == target_lang.language && t.language == source_lang.language {
            return Err(AlignError::Swapped {
                source_file: source_name.to_owned(),
                source_found: s.to_string(),
                target_file: target_name.to_owned(),
                target_found: t.to_string(),
            });
        }
    }
    if source_wrong {
        return Err(AlignError::WrongLanguage {
            file: source_name.to_owned(),
            expected: source_lang.to_string(),
            found: source_found.unwrap_or_default().to_string(),
        });
    }
    if target_wrong {
        return Err(AlignError::WrongLanguage {
            file: target_name.to_owned(),
            expected: target_lang.to_string(),
            found: target_found.unwrap_or_default().to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::DirectionKind;
    use unic_langid::langid;

    #[test]
    fn inputs_fall_back_to_english_and_french_and_align() {
        let dir = tempfile::tempdir().unwrap();
        let (en, fr) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&en, "We honour the peacekeepers.\n").unwrap();
        std::fs::write(&fr, "Nous rendons hommage aux Casques bleus.\n").unwrap();
        let inputs = AlignInputs::read(Origin::File(en), Origin::File(fr), None, None).unwrap();
        assert_eq!(inputs.source_language, langid!("en"));
        assert_eq!(inputs.target_language, langid!("fr"));
        assert_eq!(inputs.lexicon_warning(), None);
        let (alignment, warnings) = inputs.align(InputFormat::Lines).unwrap();
        assert_eq!(alignment.beads.len(), 1);
        assert!(warnings.is_empty());
        let given = langid!("sw");
        let inputs = AlignInputs::read(
            inputs.source_origin.clone(),
            inputs.target_origin.clone(),
            Some(&given),
            None,
        )
        .unwrap();
        assert!(inputs.lexicon_warning().is_some());
    }

    #[test]
    fn a_side_takes_the_flag_then_the_file_then_the_fallback() {
        let named = Origin::File("notes.fr.sent".into());
        let text = "Bamako, 2017.";
        let given = langid!("es");
        assert_eq!(
            side_language(Some(&given), text, &named, langid!("en")),
            given
        );
        assert_eq!(
            side_language(None, text, &named, langid!("en")),
            langid!("fr")
        );
        let front_matter = "---\nlanguage: de\n---\nBamako, 2017.\n";
        assert_eq!(
            side_language(None, front_matter, &Origin::Stdin, langid!("en")),
            langid!("de")
        );
        assert_eq!(
            side_language(None, text, &Origin::Stdin, langid!("en")),
            langid!("en")
        );
    }

    fn lines(text: &str, lang: LanguageIdentifier) -> Side {
        side_from_lines(text, &Origin::Stdin, &lang).unwrap().0
    }

    #[test]
    fn lines_keep_their_text_and_get_their_kind() {
        let side = lines(
            "Mr. Speaker,\nCheck against delivery\n[Applause]\n12 March 2019 - Geneva\nWe will act. Now.\nThank you.\n\nMerci.\n",
            langid!("en"),
        );
        let kinds: Vec<SegmentKind> = side.segments.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SegmentKind::Salutation,
                SegmentKind::Direction,
                SegmentKind::Direction,
                SegmentKind::Dateline,
                SegmentKind::Sentence,
                SegmentKind::Sentence,
                SegmentKind::Sentence,
            ]
        );
        assert_eq!(side.segments[4].text, "We will act. Now.");
        assert_eq!(
            side.segments[1].direction.as_ref().unwrap().kind,
            DirectionKind::Delivery
        );
        assert_eq!(side.segments[6].lang, langid!("fr"));
        assert!(side.segments.iter().all(|s| !s.id.is_empty()));
        // Each line is its own block.
        assert_eq!(side.segments[5].block + 2, side.segments[6].block);
    }

    #[test]
    fn comma_lines_next_to_salutations_are_salutations() {
        let side = lines(
            "Your Excellency Mr. Kalala, Governor,\nLieutenant General Diarra-Holm, Force Commander,\nLadies and Gentlemen,\nWe meet, as always, in hope,\n",
            langid!("en"),
        );
        let kinds: Vec<SegmentKind> = side.segments.iter().map(|s| s.kind).collect();
        assert_eq!(kinds[..3], [SegmentKind::Salutation; 3]);
        let alone = lines("We meet, as always,\nin hope.\n", langid!("en"));
        assert_eq!(alone.segments[0].kind, SegmentKind::Sentence);
    }

    #[test]
    fn a_french_silence_line_is_a_direction() {
        let side = lines("Minute de silence\nNous nous souvenons.\n", langid!("fr"));
        assert_eq!(side.segments[0].kind, SegmentKind::Direction);
        assert_eq!(
            side.segments[0].direction.as_ref().unwrap().kind,
            DirectionKind::Silence
        );
    }

    #[test]
    fn empty_and_direction_only_files_are_errors() {
        let err = side_from_lines("\n \n", &Origin::Stdin, &langid!("en")).unwrap_err();
        assert!(matches!(err, AlignError::Empty { .. }));
        let err = side_from_lines("[Applause]\n", &Origin::Stdin, &langid!("en")).unwrap_err();
        assert!(matches!(err, AlignError::NothingToAlign { .. }));
        let err = side_from_text("  \n", &Origin::Stdin, &langid!("en")).unwrap_err();
        assert!(matches!(err, AlignError::Empty { .. }));
    }

    #[test]
    fn running_text_given_as_lines_is_reported() {
        let text = "We met. We spoke. We agreed.\nThey came. They saw.\nOne more line.\n";
        let (_, warnings) = side_from_lines(text, &Origin::Stdin, &langid!("en")).unwrap();
        assert_eq!(
            warnings,
            [AlignWarning::LinesLookLikeText {
                file: "<stdin>".into(),
                lines: 2
            }]
        );
    }

    #[test]
    fn languages_in_the_wrong_order_are_detected() {
        let en = "We are here today to honour the memory of those who gave their lives for peace.";
        let fr = "Nous sommes ici aujourd’hui pour honorer la mémoire de celles et ceux qui ont donné leur vie pour la paix.";
        let (l_en, l_fr) = (langid!("en"), langid!("fr"));
        assert!(check_languages(("a", en, &l_en), ("b", fr, &l_fr)).is_ok());
        assert!(matches!(
            check_languages(("a", fr, &l_en), ("b", en, &l_fr)),
            Err(AlignError::Swapped { .. })
        ));
        assert!(matches!(
            check_languages(("a", en, &l_en), ("b", en, &l_fr)),
            Err(AlignError::WrongLanguage { file, .. }) if file == "b"
        ));
        assert!(check_languages(("a", "MINUSMA 2017", &l_en), ("b", fr, &l_fr)).is_ok());
    }
}
