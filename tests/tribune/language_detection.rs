//! The language detector (`tribune::lang::detect`, the profiles' frequent words) measured on
//! texts nobody here wrote: every paragraph of the sample speeches, of ../shared/examples and
//! of ../shared/align-dev (when they are there) is detected as its file's language; the
//! figures are printed (`cargo test --release --test tribune language_detection -- --nocapture`).
//! What the detector cannot tell (a paragraph of a few words) must say so, never guess wrong.

use std::path::Path;

use unic_langid::LanguageIdentifier;

use crate::repo_path;

/// (right, unsure, wrong) over the paragraphs of a folder's `*.en.txt` and `*.fr.txt`, and
/// the wrong ones.
fn measure(dir: &Path) -> (usize, usize, Vec<String>) {
    let (mut right, mut unsure, mut wrong) = (0, 0, Vec::new());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (0, 0, wrong);
    };
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(lang) = [".en.txt", ".fr.txt"]
            .iter()
            .find(|end| name.ends_with(*end))
            .map(|end| &end[1..3])
        else {
            continue;
        };
        let expected: LanguageIdentifier = lang.parse().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        for paragraph in text.split("\n\n") {
            // Front matter and one-line headings are not prose.
            if paragraph.starts_with("---") || paragraph.split_whitespace().count() < 8 {
                continue;
            }
            match tribune::lang::detect(paragraph) {
                Some(found) if found.language == expected.language => right += 1,
                Some(found) => wrong.push(format!("{name}: {found}: {paragraph}")),
                None => unsure += 1,
            }
        }
    }
    (right, unsure, wrong)
}

#[test]
fn every_paragraph_is_detected_as_its_language_or_left_unsure() {
    let mut total = (0, 0, 0);
    for dir in ["speeches", "../shared/examples", "../shared/align-dev"] {
        let (right, unsure, wrong) = measure(&repo_path(dir));
        eprintln!(
            "{dir}: {right} paragraphs right, {unsure} unsure, {} wrong",
            wrong.len()
        );
        assert!(wrong.is_empty(), "{wrong:#?}");
        total = (total.0 + right, total.1 + unsure, total.2 + wrong.len());
    }
    // The samples alone give well over a hundred paragraphs; nearly all are told.
    assert!(total.0 >= 100, "{total:?}");
    assert!(
        total.1 * 10 <= total.0 + total.1,
        "too many unsure: {total:?}"
    );
}
