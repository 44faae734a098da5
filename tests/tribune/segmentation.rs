//! The segmentation test set: hundreds of cases written for Tribune, in English and French
//! (tests/fixtures/segmentation/, format in docs/segmentation.md). Each case runs through the
//! same code as `tribune segment --format lines`; each language must get ≥ 97 % exactly right.

use std::fs;

use tribune::speech;
use tribune::textfile::Origin;
use unic_langid::LanguageIdentifier;

use crate::repo_path;

/// One case: an input and the segments expected from it.
#[derive(Debug)]
pub struct Case {
    pub id: String,
    pub file: String,
    pub input: String,
    pub expected: Vec<String>,
}

/// Reads every case of one language: the files of `segmentation/<language>/` and the
/// independent set `segmentation-holdout/<language>.txt`.
pub fn load_cases(language: &str) -> Vec<Case> {
    let dir = repo_path("tests/fixtures/segmentation").join(language);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let holdout = repo_path("tests/fixtures/segmentation-holdout").join(format!("{language}.txt"));
    if holdout.exists() {
        files.push(holdout);
    }
    let mut cases = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut current: Option<(String, Vec<String>, Vec<String>, bool)> = None;
        let finish = |c: Option<(String, Vec<String>, Vec<String>, bool)>,
                      cases: &mut Vec<Case>| {
            if let Some((id, input, expected, _)) = c {
                cases.push(Case {
                    id,
                    file: file.clone(),
                    input: input.join("\n"),
                    expected: expected
                        .into_iter()
                        .filter(|l| !l.trim().is_empty())
                        .collect(),
                });
            }
        };
        for line in text.lines() {
            if let Some(header) = line.strip_prefix("@@ ") {
                finish(current.take(), &mut cases);
                let id = header.split(':').next().unwrap_or(header).trim().to_owned();
                current = Some((id, Vec::new(), Vec::new(), false));
            } else if let Some((_, input, expected, in_expected)) = current.as_mut() {
                if !*in_expected && line == "--" {
                    *in_expected = true;
                } else if *in_expected {
                    expected.push(line.to_owned());
                } else {
                    input.push(line.to_owned());
                }
            }
        }
        finish(current.take(), &mut cases);
    }
    cases
}

/// Segments a case's input the way `tribune segment --format lines` does.
pub fn segment_lines(input: &str, language: &LanguageIdentifier) -> Vec<String> {
    match speech::parse(input, &Origin::Stdin, Some(language)) {
        Ok(parsed) => speech::segment(&parsed)
            .into_iter()
            .map(|s| s.text)
            .collect(),
        Err(e) => vec![format!("ERROR: {e}")],
    }
}

fn accuracy(language: &str) -> (usize, usize, Vec<String>) {
    let lang: LanguageIdentifier = language.parse().unwrap();
    let cases = load_cases(language);
    let mut failures = Vec::new();
    let mut right = 0;
    for case in &cases {
        let got = segment_lines(&case.input, &lang);
        if got == case.expected {
            right += 1;
        } else {
            failures.push(format!(
                "{} ({}):\n  expected: {:#?}\n  got:      {:#?}",
                case.id, case.file, case.expected, got
            ));
        }
    }
    (right, cases.len(), failures)
}

fn check_language(language: &str) {
    let (right, total, failures) = accuracy(language);
    assert!(total >= 300, "{language}: only {total} cases");
    let share = right as f64 / total as f64;
    println!(
        "{language}: {right}/{total} cases exactly right ({:.1} %)",
        share * 100.0
    );
    for failure in &failures {
        println!("{failure}");
    }
    assert!(share >= 0.97, "{language}: {:.1} % < 97 %", share * 100.0);
}

#[test]
fn segmentation_accuracy_english() {
    check_language("en");
}

#[test]
fn segmentation_accuracy_french() {
    check_language("fr");
}

#[test]
fn case_ids_are_unique() {
    for language in ["en", "fr"] {
        let cases = load_cases(language);
        let mut ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "duplicate case ids in {language}");
    }
}
