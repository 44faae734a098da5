//! Quality checks of a translation against its source (docs/check.md): the two speeches are
//! aligned ([`crate::align::align`]), then each pair of segments is checked for numbers that
//! differ, each stage direction for its counterpart, each target segment for text left in the
//! source language, and the whole translation for the typography of its locale.
//!
//! A [`Finding`] is an error (the translation is wrong: a number, a missing direction, an
//! untranslated segment; with `strict`, a punctuation space too) or a warning (worth a look:
//! a source segment with no translation found, typography). Findings are located in the file they are
//! about, and localised through [`Localize`].

pub mod numbers;
mod report;
pub mod speech;
pub mod typography;

pub use report::{column, refuse_swapped, CheckedFile, LocatedFinding, Report};

use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::align::{Alignment, Bead, BeadKind};
use crate::i18n::{Args, Localize};
use crate::lang;
use crate::speech::{normalize_for_id, Segment, SegmentKind};
use crate::terms::TermMatcher;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The translation is wrong; `tribune check` exits with 1.
    Error,
    /// Worth a look; does not fail the check.
    Warning,
}

/// Which check found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    /// Numbers that differ between a segment and its translation.
    Number,
    /// A stage direction missing, added or changed.
    Direction,
    /// A segment left in the source language.
    Untranslated,
    /// Spaces the target locale's typography wants otherwise.
    Typography,
    /// A source segment for which no translation was found.
    Alignment,
    /// A term of the term base translated without its approved term, or with one not to use.
    Term,
    /// Writing of one speech on its own: quotation marks, brackets, doubled words.
    Writing,
}

/// Which file a finding is located in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileSide {
    /// The source speech.
    Source,
    /// The translation.
    Target,
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The check.
    pub check: CheckKind,
    /// What exactly (the Fluent message is `check-CODE`).
    pub code: &'static str,
    /// The file it is located in.
    pub side: FileSide,
    /// The 1-based line there.
    pub line: usize,
    /// For typography: the character offset in the target segment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// The source text concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The target text concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The message arguments (numbers, marks, kinds), by name.
    #[serde(skip)]
    pub args: Vec<(&'static str, String)>,
}

impl Localize for Finding {
    fn message_id(&self) -> &'static str {
        match self.code {
            "number" => "check-number",
            "direction-missing" => "check-direction-missing",
            "direction-extra" => "check-direction-extra",
            "direction-differs" => "check-direction-differs",
            "untranslated-identical" => "check-untranslated-identical",
            "untranslated-language" => "check-untranslated-language",
            "typography-before-mark" => "check-typography-before-mark",
            "typography-guillemets" => "check-typography-guillemets",
            "typography-percent" => "check-typography-percent",
            "typography-thousands" => "check-typography-thousands",
            "term-missing" => "check-term-missing",
            "term-forbidden" => "check-term-forbidden",
            "writing-quotes" => "check-writing-quotes",
            "writing-brackets" => "check-writing-brackets",
            "writing-doubled" => "check-writing-doubled",
            _ => "check-unaligned",
        }
    }

    /// Counts go to Fluent as numbers, so that its `[0]` and plural variants pick on them
    /// (as text, `[0]` never matched and a missing number printed as an empty slot).
    fn message_args(&self) -> Args {
        self.args
            .iter()
            .map(|(name, value)| {
                let value = match (*name, value.parse::<usize>()) {
                    ("missing" | "extra", Ok(count)) => count.into(),
                    _ => value.clone().into(),
                };
                (*name, value)
            })
            .collect()
    }
}

/// What the checks need to know besides the two texts.
#[derive(Debug)]
pub struct CheckOptions {
    /// The locale whose typography the target must follow (`fr-FR`, `fr-CA`).
    pub target_locale: LanguageIdentifier,
    /// Typography of punctuation and quotation marks counts as errors (house style that a
    /// publication enforces); otherwise every typography finding is a warning, since a
    /// missing no-break space is no mistranslation.
    pub strict: bool,
    /// The term base of the pair, when there is one: its terms found in a source segment
    /// must be translated with an approved term, never with one not to use.
    pub terms: Option<TermMatcher>,
}

fn joined(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn direction_args(segment: &Segment) -> (String, String) {
    let direction = segment.direction.as_ref();
    (
        direction.map_or("note", |d| d.kind.as_str()).to_owned(),
        direction
            .and_then(|d| d.seconds)
            .map_or_else(String::new, crate::speech::format_clock),
    )
}

/// Whether a text holds one of a language's frequent words (so that an identical segment
/// is prose left untranslated, not a name or a figure).
fn has_language_word(text: &str, language: &LanguageIdentifier) -> bool {
    let profile = lang::profile(language);
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let w = w.to_lowercase();
            profile.stopwords.contains(&w) || profile.salutation_openers.contains(&w)
        })
}

/// A greeting or closing kept in the source language on purpose ("Thank you." ending a
/// French speech).
fn is_courtesy(text: &str, language: &LanguageIdentifier) -> bool {
    lang::is_listed_phrase(text, &lang::profile(language).courtesies)
}

fn check_pair(
    alignment: &Alignment,
    bead: &Bead,
    options: &CheckOptions,
    findings: &mut Vec<Finding>,
) {
    let source = &alignment.source.segments[bead.source.clone()];
    let target = &alignment.target.segments[bead.target.clone()];
    let source_lang = &alignment.source.language;
    let source_text = joined(source);
    let target_text = joined(target);
    let line = target.first().map_or(0, |s| s.line);
    let finding =
        |code: &'static str, check: CheckKind, args: Vec<(&'static str, String)>| Finding {
            severity: Severity::Error,
            check,
            code,
            side: FileSide::Target,
            line,
            offset: None,
            source: Some(source_text.clone()),
            target: Some(target_text.clone()),
            args,
        };
    let (only_source, only_target) = numbers::differences(
        &source_text,
        source_lang,
        &target_text,
        &alignment.target.language,
    );
    if !only_source.is_empty() || !only_target.is_empty() {
        findings.push(finding(
            "number",
            CheckKind::Number,
            vec![
                ("source", only_source.join(", ")),
                ("target", only_target.join(", ")),
                ("missing", only_source.len().to_string()),
                ("extra", only_target.len().to_string()),
            ],
        ));
    }
    if let Some(terms) = &options.terms {
        for hit in terms.find_terms(&source_text) {
            let used = hit.check_target(&target_text, &alignment.target.language);
            let approved: Vec<&str> = hit.approved_targets().map(|t| t.text.as_str()).collect();
            // A term not to use says what is wrong more precisely than a missing one.
            if used.missing_approved() && used.forbidden.is_empty() {
                findings.push(finding(
                    "term-missing",
                    CheckKind::Term,
                    vec![
                        ("term", hit.text.clone()),
                        ("approved", approved.join(", ")),
                    ],
                ));
            }
            for wrong in &used.forbidden {
                findings.push(finding(
                    "term-forbidden",
                    CheckKind::Term,
                    vec![
                        ("term", hit.text.clone()),
                        ("used", target_text[wrong.start..wrong.end].to_owned()),
                        ("approved", approved.join(", ")),
                    ],
                ));
            }
        }
    }
    // Text passed through on purpose in both (a bilingual closing) is not untranslated.
    let in_source_language = |s: &Segment| s.lang.language == source_lang.language;
    if !source.iter().all(in_source_language) {
        return;
    }
    if normalize_for_id(&source_text) == normalize_for_id(&target_text) {
        if has_language_word(&source_text, source_lang) && !is_courtesy(&source_text, source_lang) {
            findings.push(finding(
                "untranslated-identical",
                CheckKind::Untranslated,
                Vec::new(),
            ));
        }
        return;
    }
    for segment in target {
        if in_source_language(segment) && !is_courtesy(&segment.text, source_lang) {
            findings.push(Finding {
                line: segment.line,
                target: Some(segment.text.clone()),
                ..finding(
                    "untranslated-language",
                    CheckKind::Untranslated,
                    vec![("lang", source_lang.to_string())],
                )
            });
        }
    }
}

fn check_directions(alignment: &Alignment, bead: &Bead, findings: &mut Vec<Finding>) {
    let source = &alignment.source.segments[bead.source.clone()];
    let target = &alignment.target.segments[bead.target.clone()];
    match (source, target) {
        ([s], [t]) => {
            let (sd, td) = (s.direction.as_ref(), t.direction.as_ref());
            let same = match (sd, td) {
                (Some(a), Some(b)) => a.kind == b.kind && a.seconds == b.seconds,
                _ => true,
            };
            if !same {
                let (source_kind, source_time) = direction_args(s);
                let (target_kind, target_time) = direction_args(t);
                findings.push(Finding {
                    severity: Severity::Error,
                    check: CheckKind::Direction,
                    code: "direction-differs",
                    side: FileSide::Target,
                    line: t.line,
                    offset: None,
                    source: Some(s.text.clone()),
                    target: Some(t.text.clone()),
                    args: vec![
                        ("source_kind", source_kind),
                        ("source_time", source_time),
                        ("target_kind", target_kind),
                        ("target_time", target_time),
                    ],
                });
            }
        }
        _ => {
            for s in source {
                missing_direction(s, findings);
            }
            for t in target {
                extra_direction(t, findings);
            }
        }
    }
}

fn missing_direction(segment: &Segment, findings: &mut Vec<Finding>) {
    let (kind, time) = direction_args(segment);
    findings.push(Finding {
        severity: Severity::Error,
        check: CheckKind::Direction,
        code: "direction-missing",
        side: FileSide::Source,
        line: segment.line,
        offset: None,
        source: Some(segment.text.clone()),
        target: None,
        args: vec![("kind", kind), ("time", time)],
    });
}

fn extra_direction(segment: &Segment, findings: &mut Vec<Finding>) {
    let (kind, time) = direction_args(segment);
    findings.push(Finding {
        severity: Severity::Error,
        check: CheckKind::Direction,
        code: "direction-extra",
        side: FileSide::Target,
        line: segment.line,
        offset: None,
        source: None,
        target: Some(segment.text.clone()),
        args: vec![("kind", kind), ("time", time)],
    });
}

fn check_typography(alignment: &Alignment, options: &CheckOptions, findings: &mut Vec<Finding>) {
    for segment in &alignment.target.segments {
        if segment.kind == SegmentKind::Direction
            || segment.lang.language != options.target_locale.language
        {
            continue;
        }
        for issue in typography::spacing_issues(&segment.text, &options.target_locale) {
            let describe = |s: &str| {
                let names = typography::describe(s);
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join("+")
                }
            };
            let mark = match issue.rule {
                typography::Rule::BeforeMark(mark) => mark.to_string(),
                _ => String::new(),
            };
            findings.push(Finding {
                severity: if options.strict && issue.rule.is_error() {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                check: CheckKind::Typography,
                code: match issue.rule {
                    typography::Rule::BeforeMark(_) => "typography-before-mark",
                    typography::Rule::Guillemets => "typography-guillemets",
                    typography::Rule::Percent => "typography-percent",
                    typography::Rule::Thousands => "typography-thousands",
                },
                side: FileSide::Target,
                line: segment.line,
                offset: Some(issue.offset),
                source: None,
                target: Some(segment.text.clone()),
                args: vec![
                    ("mark", mark),
                    ("found", describe(&issue.found)),
                    ("expected", describe(&issue.expected)),
                    ("locale", options.target_locale.to_string()),
                ],
            });
        }
    }
}

/// Checks an aligned source and translation. Findings come in the order of the texts,
/// typography last.
pub fn check(alignment: &Alignment, options: &CheckOptions) -> Vec<Finding> {
    let mut findings = Vec::new();
    for bead in &alignment.beads {
        match bead.kind {
            BeadKind::Translation | BeadKind::Salutation => {
                check_pair(alignment, bead, options, &mut findings)
            }
            BeadKind::Direction => check_directions(alignment, bead, &mut findings),
            BeadKind::SourceOnly => {
                for segment in &alignment.source.segments[bead.source.clone()] {
                    if segment.kind == SegmentKind::Direction {
                        missing_direction(segment, &mut findings);
                    } else if segment.kind == SegmentKind::Sentence
                        && segment.lang.language == alignment.source.language.language
                    {
                        findings.push(Finding {
                            severity: Severity::Warning,
                            check: CheckKind::Alignment,
                            code: "unaligned",
                            side: FileSide::Source,
                            line: segment.line,
                            offset: None,
                            source: Some(segment.text.clone()),
                            target: None,
                            args: Vec::new(),
                        });
                    }
                }
            }
            BeadKind::TargetOnly => {
                let source_lang = &alignment.source.language;
                for segment in &alignment.target.segments[bead.target.clone()] {
                    if segment.kind == SegmentKind::Direction {
                        extra_direction(segment, &mut findings);
                    } else if segment.lang.language == source_lang.language
                        && !is_courtesy(&segment.text, source_lang)
                    {
                        findings.push(Finding {
                            severity: Severity::Error,
                            check: CheckKind::Untranslated,
                            code: "untranslated-language",
                            side: FileSide::Target,
                            line: segment.line,
                            offset: None,
                            source: None,
                            target: Some(segment.text.clone()),
                            args: vec![("lang", source_lang.to_string())],
                        });
                    }
                }
            }
        }
    }
    check_typography(alignment, options, &mut findings);
    findings
}

#[cfg(test)]
mod tests;
