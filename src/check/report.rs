//! Findings made ready to show: their messages in the interface language, each located at
//! its file, line and column, counted, and gathered in a report that serializes as
//! `tribune check --format json` prints it. Any front end shows findings the same way.

use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::{CheckKind, FileSide, Finding, Severity};
use crate::align::{self, AlignError};
use crate::i18n::{Arg, Localize, Localizer};

impl Finding {
    /// The finding's message in the interface language, its arguments completed there:
    /// direction kinds named (`direction-*`), space names (`nbsp+space`) named one by one
    /// (`check-space-*`), a direction's time bracketed.
    pub fn message(&self, l: &Localizer) -> String {
        let args: Vec<(&str, Arg)> = self
            .message_args()
            .into_iter()
            .map(|(name, arg)| {
                let Arg::Text(value) = &arg else {
                    return (name, arg);
                };
                let shown = match name {
                    "kind" | "source_kind" | "target_kind" => l.text(&format!("direction-{value}")),
                    "found" | "expected" => value
                        .split('+')
                        .map(|part| l.text(&format!("check-space-{part}")))
                        .collect::<Vec<_>>()
                        .join(" + "),
                    "time" | "source_time" | "target_time" if !value.is_empty() => {
                        format!(" ({value})")
                    }
                    _ => value.clone(),
                };
                (name, shown.into())
            })
            .collect();
        l.format(self.message_id(), &args)
    }
}

/// Refuses two files given the wrong way round, as `align` refuses them; any other language
/// mismatch (a single text in the other language) is left to the check, which reports it as
/// untranslated rather than failing.
pub fn refuse_swapped(
    source: (&str, &str, &LanguageIdentifier),
    target: (&str, &str, &LanguageIdentifier),
) -> Result<(), AlignError> {
    match align::check_languages(source, target) {
        Err(swapped @ AlignError::Swapped { .. }) => Err(swapped),
        _ => Ok(()),
    }
}

/// The 1-based column of a character offset of a segment, found on its 1-based line of the
/// file: the line is searched for the segment's first 24 characters, and `None` is given
/// when the line does not hold them.
pub fn column(lines: &[&str], line: usize, segment: &str, offset: usize) -> Option<usize> {
    let text = lines.get(line.checked_sub(1)?)?;
    let head: String = segment.chars().take(24).collect();
    let at = text.find(&head)?;
    Some(text[..at].chars().count() + offset + 1)
}

/// A file checked, as the report names and locates findings in it.
#[derive(Debug, Clone, Copy)]
pub struct CheckedFile<'a> {
    /// Its name, as the user gave it.
    pub name: &'a str,
    /// Its text, to find columns in.
    pub text: &'a str,
    /// Its language.
    pub lang: &'a LanguageIdentifier,
}

/// One finding with its place and message.
#[derive(Debug, Serialize)]
pub struct LocatedFinding<'a> {
    /// Error or warning.
    pub severity: Severity,
    /// The check.
    pub check: CheckKind,
    /// What exactly.
    pub code: &'static str,
    /// The file it is in (empty for the target when a speech is checked on its own).
    pub file: &'a str,
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, when the finding has an offset and its text is found on the line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The message in the interface language.
    pub message: String,
    /// The source text concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
    /// The target text concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<&'a str>,
}

/// The findings of one check, located and counted: what `tribune check --format json` prints.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// The source file.
    pub source: &'a str,
    /// The translation; `None` when one speech is checked on its own.
    pub target: Option<&'a str>,
    /// The source's language.
    pub source_lang: String,
    /// The translation's language.
    pub target_lang: Option<String>,
    /// How many findings are errors.
    pub errors: usize,
    /// How many are warnings.
    pub warnings: usize,
    /// The findings, in the order found.
    pub findings: Vec<LocatedFinding<'a>>,
}

impl<'a> Report<'a> {
    /// Locates and counts findings; `target` is `None` when one speech was checked on its
    /// own. Messages are in the language of `l`.
    pub fn new(
        findings: &'a [Finding],
        source: CheckedFile<'a>,
        target: Option<CheckedFile<'a>>,
        l: &Localizer,
    ) -> Report<'a> {
        let source_lines: Vec<&str> = source.text.lines().collect();
        let target_lines: Vec<&str> = target.map_or_else(Vec::new, |t| t.text.lines().collect());
        let target_file = target.map_or("", |t| t.name);
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let located = findings
            .iter()
            .map(|f| {
                let (file, lines) = match f.side {
                    FileSide::Source => (source.name, &source_lines),
                    FileSide::Target => (target_file, &target_lines),
                };
                let column = match (f.offset, &f.target) {
                    (Some(offset), Some(text)) => column(lines, f.line, text, offset),
                    _ => None,
                };
                LocatedFinding {
                    severity: f.severity,
                    check: f.check,
                    code: f.code,
                    file,
                    line: f.line,
                    column,
                    message: f.message(l),
                    source: f.source.as_deref(),
                    target: f.target.as_deref(),
                }
            })
            .collect();
        Report {
            source: source.name,
            target: target.map(|t| t.name),
            source_lang: source.lang.to_string(),
            target_lang: target.map(|t| t.lang.to_string()),
            errors,
            warnings: findings.len() - errors,
            findings: located,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    fn finding(severity: Severity, line: usize, offset: Option<usize>, target: &str) -> Finding {
        Finding {
            severity,
            check: CheckKind::Typography,
            code: "typography-before-mark",
            side: FileSide::Target,
            line,
            offset,
            source: None,
            target: Some(target.to_owned()),
            args: vec![
                ("locale", "fr-FR".into()),
                ("mark", ":".into()),
                ("found", "space".into()),
                ("expected", "nbsp".into()),
            ],
        }
    }

    #[test]
    fn columns_are_found_from_the_segment_head() {
        let lines = ["", "  Bonjour : merci."];
        assert_eq!(column(&lines, 2, "Bonjour : merci.", 8), Some(11));
        assert_eq!(column(&lines, 2, "Absent", 0), None);
        assert_eq!(column(&lines, 0, "Bonjour", 0), None);
        assert_eq!(column(&lines, 9, "Bonjour", 0), None);
    }

    #[test]
    fn reports_locate_and_count() {
        let l = Localizer::for_tag("en-US");
        let (en, fr) = (langid!("en"), langid!("fr"));
        let findings = [
            finding(Severity::Warning, 1, Some(7), "Bonjour : merci."),
            finding(Severity::Error, 1, None, "Bonjour : merci."),
        ];
        let source = CheckedFile {
            name: "a.en.txt",
            text: "Hello: thanks.\n",
            lang: &en,
        };
        let target = CheckedFile {
            name: "a.fr.txt",
            text: "Bonjour : merci.\n",
            lang: &fr,
        };
        let report = Report::new(&findings, source, Some(target), &l);
        assert_eq!((report.errors, report.warnings), (1, 1));
        assert_eq!(report.findings[0].file, "a.fr.txt");
        assert_eq!(report.findings[0].column, Some(8));
        assert_eq!(report.findings[1].column, None);
        assert!(!report.findings[0].message.contains("check-space"));
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["target_lang"], "fr");
        assert!(json["findings"][1].get("column").is_none());
        let alone = Report::new(&findings, source, None, &l);
        assert_eq!(alone.findings[0].file, "");
        assert_eq!(
            serde_json::to_value(&alone).unwrap()["target"],
            serde_json::Value::Null
        );
    }
}
