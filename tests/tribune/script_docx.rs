//! Word scripts opened in a real LibreOffice: the .docx converted to PDF by `soffice
//! --headless` (a throw-away profile each time) and its pages read with poppler's
//! `pdftotext -layout`, so that what is checked is what a word processor lays out: the running
//! head, the column headings repeated on every page, "page N of M", cues, the end mark, and
//! fewer pages when compact. scripts/test.sh installs LibreOffice Writer and poppler; without
//! them these tests say so loudly and skip, unless TRIBUNE_REQUIRE_LIBREOFFICE is set (as the
//! script sets it when the install worked), where they fail.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

use crate::repo_path;

const EN: &str = "speeches/water-summit-dakar.en.txt";
const FR: &str = "speeches/water-summit-dakar.fr.txt";

/// Whether `soffice` and `pdftotext` can be run; `false` after a loud message when not.
fn libreoffice() -> bool {
    let runs = |program: &str, arg: &str| Process::new(program).arg(arg).output().is_ok();
    let found = runs("soffice", "--version") && runs("pdftotext", "-v");
    if !found {
        if std::env::var_os("TRIBUNE_REQUIRE_LIBREOFFICE").is_some() {
            panic!(
                "LibreOffice or poppler-utils is missing, and TRIBUNE_REQUIRE_LIBREOFFICE is set"
            );
        }
        eprintln!(
            "\n!!!!!!!! SKIPPED: no LibreOffice (soffice) or no pdftotext on this machine; \
             scripts/test.sh installs libreoffice-writer-nogui and poppler-utils !!!!!!!!\n"
        );
    }
    found
}

/// The shared `tribune()` (one environment for every test), run from the repository root.
fn tribune() -> Command {
    let mut cmd = crate::tribune();
    cmd.current_dir(repo_path(""));
    cmd
}

/// `tribune script EN FR ARGS… -o DIR/NAME.docx`.
fn make_docx(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(format!("{name}.docx"));
    let output = tribune()
        .args(["script", EN, FR])
        .args(args)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// The pages of each document as LibreOffice lays them out, converted to PDF in one run of
/// `soffice` with a fresh profile in `dir`, then read with `pdftotext -layout`.
fn libreoffice_pages(dir: &Path, documents: &[&Path]) -> Vec<Vec<String>> {
    let profile = format!("file://{}", dir.join("profile").display());
    let output = Process::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(documents)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    documents
        .iter()
        .map(|docx| {
            let pdf = docx.with_extension("pdf");
            assert!(pdf.is_file(), "LibreOffice wrote no {}", pdf.display());
            let text = Process::new("pdftotext")
                .arg("-layout")
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            assert!(text.status.success(), "pdftotext {}", pdf.display());
            // pdftotext ends each page with a form feed.
            let text = String::from_utf8(text.stdout).unwrap();
            let mut pages: Vec<String> = text.split('\u{c}').map(squeeze_spaces).collect();
            if pages.last().is_some_and(|p| p.is_empty()) {
                pages.pop();
            }
            pages
        })
        .collect()
}

/// A page's text with each run of spaces (the layout's columns and centring) made one space,
/// and its blank lines dropped.
fn squeeze_spaces(page: &str) -> String {
    page.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The running head the script has (its title), from the library.
fn running_head() -> String {
    let read = |f: &str| {
        let origin = tribune::textfile::Origin::from_arg(repo_path(f).to_str().unwrap());
        tribune::speech::read(&origin, None).unwrap()
    };
    tribune::script::compose(
        &read(EN),
        Some(&read(FR)),
        &tribune::script::ScriptOptions::default(),
    )
    .unwrap()
    .running_head()
    .expect("the speech has a title")
}

/// Checks what every printed Word script has: page labels with the right numbers, the running
/// head and the repeated column headings from page 2 on, the end mark on the last page only.
fn assert_pages(pages: &[String], head: &str, what: &str) {
    let count = pages.len();
    assert!(count >= 2, "{what}: {count} pages");
    for (i, page) in pages.iter().enumerate() {
        let number = i + 1;
        assert!(
            page.contains(&format!("page {number} of {count}")),
            "{what}: page {number} has no “page {number} of {count}”:\n{page}"
        );
        let first_line = page.lines().next().unwrap_or_default();
        if number == 1 {
            // Page 1 has the title itself, in large type, but no running head.
            assert_ne!(first_line, head, "{what}: a running head on page 1");
            continue;
        }
        assert_eq!(first_line, head, "{what}: page {number}'s header:\n{page}");
        let headings = page.lines().nth(1).unwrap_or_default();
        assert!(
            headings.contains("English read aloud") && headings.contains("Français for reference"),
            "{what}: page {number} does not start with the column headings:\n{page}"
        );
    }
    let end = "End of the speech";
    assert!(pages[count - 1].contains(end), "{what}: no end mark last");
    assert!(
        pages[..count - 1].iter().all(|p| !p.contains(end)),
        "{what}: an end mark before the last page"
    );
}

#[test]
fn libreoffice_lays_out_the_word_script_with_its_header_headings_and_page_numbers() {
    if !libreoffice() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = make_docx(dir.path(), "water", &[]);
    let pages = libreoffice_pages(dir.path(), &[&docx]).remove(0);
    let head = running_head();
    assert_eq!(
        head,
        "Opening remarks at the West African Water Security Summit"
    );
    assert_pages(&pages, &head, "normal");
    // Page 2 as the speaker sees it: the head, then the headings.
    let page_two: Vec<&str> = pages[1].lines().take(2).collect();
    assert_eq!(page_two[0], head);
    assert!(
        page_two[1].starts_with("English read aloud"),
        "{page_two:?}"
    );
    let all = pages.join("\n");
    for cue in [
        "[Slide 2]",
        "[Diapositive 2]",
        "[Applause]",
        "[Applaudissements]",
    ] {
        assert!(all.contains(cue), "no cue {cue}");
    }
    // Both languages, side by side (each line of the column, so only its start).
    assert!(all.contains("It is a great pleasure"));
    assert!(all.contains("C’est un grand plaisir"));
    assert!(pages[0].contains("CHECK AGAINST DELIVERY"));
}

#[test]
fn a_compact_word_script_takes_no_more_pages_than_a_normal_one() {
    if !libreoffice() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let normal = make_docx(dir.path(), "normal", &[]);
    let compact = make_docx(dir.path(), "compact", &["--density", "compact"]);
    let spacious = make_docx(dir.path(), "spacious", &["--density", "spacious"]);
    let laid_out = libreoffice_pages(dir.path(), &[&normal, &compact, &spacious]);
    let head = running_head();
    for (pages, what) in laid_out.iter().zip(["normal", "compact", "spacious"]) {
        assert_pages(pages, &head, what);
    }
    let [normal, compact, spacious] = [0, 1, 2].map(|i| laid_out[i].len());
    eprintln!(
        "Dakar in LibreOffice: {compact} pages compact, {normal} normal, {spacious} spacious"
    );
    assert!(compact <= normal, "compact {compact} > normal {normal}");
    assert!(spacious >= normal, "spacious {spacious} < normal {normal}");
}
