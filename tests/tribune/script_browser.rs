//! Speaker scripts in a real headless Chromium: PDFs printed from the HTML and checked with
//! poppler (pdfinfo, pdftotext, pdftoppm), layout facts read from the printed pages, and a
//! screenshot of the HTML. scripts/test.sh installs Chromium and poppler; without them these
//! tests say so loudly and skip, unless TRIBUNE_REQUIRE_BROWSER is set (as CI sets it when
//! the install worked), where they fail.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

use crate::repo_path;

/// The browser, or `None` after a loud message when it cannot be had.
fn browser() -> Option<PathBuf> {
    let found = tribune::script::find_browser()
        .filter(|path| path.is_file() && Process::new("pdftotext").arg("-v").output().is_ok());
    if found.is_none() {
        if std::env::var_os("TRIBUNE_REQUIRE_BROWSER").is_some() {
            panic!("Chromium or poppler-utils is missing, and TRIBUNE_REQUIRE_BROWSER is set");
        }
        eprintln!(
            "\n!!!!!!!! SKIPPED: no Chromium (or no pdftotext) on this machine; \
             scripts/test.sh installs chromium and poppler-utils !!!!!!!!\n"
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

fn make_pdf(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(format!("{name}.pdf"));
    let output = tribune()
        .arg("script")
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

fn run(program: &str, args: &[&str]) -> String {
    let output = Process::new(program).args(args).output().unwrap();
    assert!(output.status.success(), "{program} {args:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn page_count(pdf: &Path) -> usize {
    run("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

fn pdf_text(pdf: &Path) -> String {
    run("pdftotext", &[pdf.to_str().unwrap(), "-"])
}

/// Text with every kind of white space removed, so that line breaks, no-break spaces and
/// hyphenated line ends do not matter when comparing.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{25b6}' | '\u{fe0e}'))
        .collect()
}

/// A word on a page: left edge, top edge, text.
type Word = (f64, f64, String);

/// The width of the pages and the words of each page, from `pdftotext -bbox`.
fn page_words(pdf: &Path) -> (f64, Vec<Vec<Word>>) {
    let xhtml = run("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    let mut width = 0.0;
    let mut pages = Vec::new();
    for chunk in xhtml.split("<page ").skip(1) {
        width = attribute(chunk, "width");
        let mut words = Vec::new();
        for word in chunk.split("<word ").skip(1) {
            let close = word.find('>').unwrap();
            let tag = &word[..close];
            let text = &word[close + 1..word.find("</word>").unwrap()];
            let text = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'");
            words.push((attribute(tag, "xMin"), attribute(tag, "yMin"), text));
        }
        pages.push(words);
    }
    (width, pages)
}

/// One page's text in the left or right half, in reading order.
fn column_text(words: &[Word], width: f64, left: bool) -> String {
    let mut column: Vec<&Word> = words
        .iter()
        .filter(|(x, _, _)| (*x < width / 2.0) == left)
        .collect();
    column.sort_by_key(|w| (w.1.round() as i64, w.0 as i64));
    column.iter().map(|(_, _, w)| w.as_str()).collect()
}

/// The text of a cell as the script shows it (cue labels and details included).
fn cell_text(cell: &tribune::script::Cell) -> String {
    cell.items
        .iter()
        .map(|item| match item {
            tribune::script::Item::Text { text, .. } => text.clone(),
            tribune::script::Item::Cue(cue) => {
                format!("{}{}", cue.label, cue.detail.clone().unwrap_or_default())
            }
        })
        .collect()
}

#[test]
fn the_pdf_has_both_languages_cues_page_numbers_and_timing() {
    if browser().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = make_pdf(
        dir.path(),
        "water",
        &[
            "speeches/water-summit-dakar.en.txt",
            "speeches/water-summit-dakar.fr.txt",
        ],
    );
    let pages = page_count(&pdf);
    assert!(pages >= 2, "{pages} pages");
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "{info}");
    let text = pdf_text(&pdf);
    for page in 1..=pages {
        assert!(
            text.contains(&format!("page {page} of {pages}")),
            "page {page}"
        );
    }
    // Two columns side by side: read each half of each page on its own.
    let (width, page_list) = page_words(&pdf);
    let flat: String = page_list
        .iter()
        .flat_map(|p| [column_text(p, width, true), column_text(p, width, false)])
        .map(|t| squeeze(&t))
        .collect();
    for expected in [
        "It is a great pleasure to open this Summit in Dakar",
        "C’est un grand plaisir pour moi d’ouvrir ce Sommet à Dakar",
        "Slide 2",
        "Diapositive 2",
        "Applause",
        "Applaudissements",
        "CHECK AGAINST DELIVERY",
        "SEUL LE PRONONCÉ FAIT FOI",
        "Estimated time:",
        "Within the target of 6:00",
        "left",
        "le 12 juin 2025",
    ] {
        assert!(flat.contains(&squeeze(expected)), "missing: {expected}");
    }

    // In French, with the US paper size.
    let pdf = make_pdf(
        dir.path(),
        "water-fr",
        &[
            "speeches/water-summit-dakar.en.txt",
            "speeches/water-summit-dakar.fr.txt",
            "--ui-lang",
            "fr",
            "--paper",
            "letter",
        ],
    );
    let pages = page_count(&pdf);
    let text = pdf_text(&pdf);
    assert!(
        text.contains(&format!("page {pages} sur {pages}")),
        "{text}"
    );
    assert!(squeeze(&text).contains("Duréeestimée"));
    assert!(run("pdfinfo", &[pdf.to_str().unwrap()]).contains("(letter)"));
}

#[test]
fn rows_never_split_across_pages_and_each_language_keeps_its_column() {
    if browser().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["peacekeeping-day-goma", "flood-relief-niamey"] {
        let en_file = format!("speeches/{name}.en.txt");
        let fr_file = format!("speeches/{name}.fr.txt");
        let pdf = make_pdf(dir.path(), name, &[&en_file, &fr_file]);
        let (width, pages) = page_words(&pdf);
        assert!(pages.len() >= 2);
        let columns: [Vec<String>; 2] = [true, false].map(|left| {
            pages
                .iter()
                .map(|p| squeeze(&column_text(p, width, left)))
                .collect()
        });
        // The same rows the CLI printed, from the library.
        let read = |f: &str| {
            let origin = tribune::textfile::Origin::from_arg(repo_path(f).to_str().unwrap());
            tribune::speech::read(&origin, None).unwrap()
        };
        let script = tribune::script::compose(
            &read(&en_file),
            Some(&read(&fr_file)),
            &tribune::script::ScriptOptions::default(),
        )
        .unwrap();
        let mut rows = 0;
        for row in script.rows() {
            let mut row_pages = Vec::new();
            for (c, cell) in row.cells.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let wanted = squeeze(&cell_text(cell));
                let page = columns[c].iter().position(|text| text.contains(&wanted));
                assert!(
                    page.is_some(),
                    "{name}: the cell “{}” is not whole on one page, in column {}",
                    cell_text(cell),
                    c + 1
                );
                row_pages.push(page);
            }
            row_pages.dedup();
            assert_eq!(row_pages.len(), 1, "{name}: a row spans pages: {row:?}");
            rows += 1;
        }
        assert!(rows > 20, "{name}: {rows} rows");
        // Body text on every page in both columns.
        for (index, (l, r)) in columns[0].iter().zip(&columns[1]).enumerate() {
            assert!(
                !l.is_empty() && !r.is_empty(),
                "{name}: page {} lacks a column",
                index + 1
            );
        }
    }
}

/// Reads a binary PGM (P5) image: width, height, grey pixels.
fn read_pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[i + 1..].to_vec();
    assert_eq!(pixels.len(), w * h);
    (w, h, pixels)
}

#[test]
fn a_screenshot_and_a_rendered_page_show_two_columns_of_text() {
    let Some(browser) = browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("harbour.html");
    tribune()
        .args([
            "script",
            "tests/fixtures/script/harbour.en.txt",
            "tests/fixtures/script/harbour.fr.txt",
            "-o",
        ])
        .arg(&html)
        .assert()
        .success();
    // The screen view, as a browser shows it.
    let png = dir.path().join("screen.png");
    let status = Process::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1000,1400",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(status.status.success());
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1000, 1400));

    // The first printed page, as pixels: ink in both halves of the body, and a blank
    // gutter between them.
    let pdf = make_pdf(
        dir.path(),
        "harbour",
        &[
            "tests/fixtures/script/harbour.en.txt",
            "tests/fixtures/script/harbour.fr.txt",
        ],
    );
    let prefix = dir.path().join("page");
    run(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let pgm = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pgm"))
        .expect("pdftoppm wrote a page");
    let (w, h, pixels) = read_pgm(&std::fs::read(pgm).unwrap());
    let ink = |x0: usize, x1: usize| -> usize {
        (h / 3..h * 9 / 10)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| pixels[y * w + x] < 128)
            .count()
    };
    let left = ink(w / 10, w / 2 - w / 20);
    let right = ink(w / 2 + w / 20, w * 9 / 10);
    let gutter = ink(w / 2 - 3, w / 2 + 3);
    assert!(left > 500, "left column ink: {left}");
    assert!(right > 500, "right column ink: {right}");
    assert!(gutter < left / 50, "the gutter has ink: {gutter}");
}

#[test]
fn every_layout_prints() {
    if browser().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let en = "tests/fixtures/script/harbour.en.txt";
    let fr = "tests/fixtures/script/harbour.fr.txt";
    let interleaved = make_pdf(
        dir.path(),
        "interleaved",
        &[en, fr, "--layout", "interleaved"],
    );
    let text = squeeze(&pdf_text(&interleaved));
    assert!(text.contains("Itisajoytostandonthisquay."));
    assert!(text.contains("C’estunejoied’êtresurcequai."));
    let single = make_pdf(
        dir.path(),
        "single",
        &[
            en,
            fr,
            "--layout",
            "single",
            "--deliver",
            "fr",
            "--ui-lang",
            "fr",
        ],
    );
    let text = pdf_text(&single);
    let flat = squeeze(&text);
    assert!(flat.contains("C’estunejoied’êtresurcequai."));
    assert!(!flat.contains("Itisajoy"), "single shows one language");
    assert!(flat.contains("Minutedesilence—1min"));
    assert!(text.contains("page 1 sur"));
    assert!(flat.contains("Dépasseladuréeprévuede1:00"));
}

/// Each page's height, how far down its text area the text goes (0 to 1, the running head
/// and page number left out), and its first words.
fn page_fill(pdf: &Path) -> Vec<(f64, String)> {
    let xhtml = run("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let number = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    let points = |mm: f64| mm / 25.4 * 72.0;
    xhtml
        .split("<page ")
        .skip(1)
        .map(|page| {
            let (top, bottom) = (points(20.0), number(page, "height") - points(22.0));
            let mut lowest = top;
            let mut first = Vec::new();
            for word in page.split("<word ").skip(1) {
                let tag = &word[..word.find('>').unwrap()];
                let (y_min, y_max) = (number(tag, "yMin"), number(tag, "yMax"));
                if y_min < top - 1.0 || y_max > bottom + 1.0 {
                    continue;
                }
                lowest = lowest.max(y_max);
                if first.len() < 3 {
                    let text = &word[word.find('>').unwrap() + 1..word.find("</word>").unwrap()];
                    first.push(text.to_owned());
                }
            }
            ((lowest - top) / (bottom - top), first.join(" "))
        })
        .collect()
}

#[test]
fn densities_fill_pages_and_mark_where_a_paragraph_goes_on() {
    if browser().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pair = [
        "speeches/water-summit-dakar.en.txt",
        "speeches/water-summit-dakar.fr.txt",
    ];
    let pdf = |density: &str| {
        let mut args = pair.to_vec();
        args.extend(["--density", density]);
        make_pdf(dir.path(), density, &args)
    };
    let (compact, normal, spacious) = (pdf("compact"), pdf("normal"), pdf("spacious"));
    let pages = [&compact, &normal, &spacious].map(|p| page_count(p));
    assert!(
        pages[0] < pages[1] && pages[1] < pages[2],
        "compact, normal, spacious: {pages:?} pages"
    );
    for (name, pdf) in [("compact", &compact), ("normal", &normal)] {
        let fill = page_fill(pdf);
        // Every page but the last is at least two thirds full: the rows of this speech are
        // all shorter than a third of a page.
        for (page, (filled, first)) in fill.iter().enumerate().take(fill.len() - 1) {
            assert!(
                *filled >= 2.0 / 3.0,
                "{name}: page {} is only {:.0} % full (it starts “{first}”): {fill:?}",
                page + 1,
                filled * 100.0
            );
        }
        // "(continued)" stands at the top of a page, and only there.
        let text = pdf_text(pdf);
        let marks = text.matches("(continued)").count();
        let at_top = fill
            .iter()
            .filter(|(_, first)| first.starts_with("(continued)"))
            .count();
        assert!(
            marks > 0 && marks == at_top,
            "{name}: {marks} marks, {at_top} at a page top"
        );
    }
    // Compact breaks between sentences, never inside one: each sentence read is whole on
    // one page (the column read is the left one).
    let (width, words) = page_words(&compact);
    let columns: Vec<String> = words
        .iter()
        .map(|page| squeeze(&column_text(page, width, true)))
        .collect();
    let segments = tribune()
        .args(["segment", pair[0], "--format", "jsonl"])
        .output()
        .unwrap();
    let segments = String::from_utf8(segments.stdout).unwrap();
    let sentences: Vec<String> = segments
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|s| s["kind"] == "sentence" && s["lang"] == "en")
        .map(|s| squeeze(s["text"].as_str().unwrap()))
        .collect();
    assert!(sentences.len() > 30);
    for sentence in &sentences {
        assert!(
            columns.iter().any(|page| page.contains(sentence.as_str())),
            "a sentence is cut across pages in compact density: {sentence}"
        );
    }
}
