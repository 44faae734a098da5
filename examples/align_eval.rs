//! Evaluates `tribune align` on a directory of EN/FR pairs with gold beads (the format of
//! ../shared/align-dev: NAME.en.sent, NAME.fr.sent, NAME.en.txt, NAME.fr.txt,
//! NAME.gold.tsv). Prints strict bead precision, recall and F1 per document and overall
//! (pooled over all beads), for `--input lines` (the .sent files) and `--input text` (the
//! .txt files, segmented by Tribune and projected onto the gold segmentation).
//!
//! cargo run --release --example align_eval -- [DIR ...]
// An evaluation prints its figures.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;

use tribune::align::eval::{documents, evaluate, Counts};
use tribune::align::InputFormat;
use unic_langid::langid;

fn main() {
    let mut dirs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs.push(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/align-dev"
        )));
    }
    let (en, fr) = (langid!("en"), langid!("fr"));
    if let Ok(name) = std::env::var("ALIGN_SHOW") {
        show(&dirs[0], &name, &en, &fr);
        return;
    }
    let mut failed = false;
    for dir in &dirs {
        let docs = match documents(dir) {
            Ok(docs) => docs,
            Err(e) => {
                eprintln!("{}: {e}", dir.display());
                failed = true;
                continue;
            }
        };
        for (label, format) in [("lines", InputFormat::Lines), ("text", InputFormat::Text)] {
            println!("\n{} (--input {label})", dir.display());
            println!(
                "{:<28} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}",
                "document", "ok", "test", "gold", "P", "R", "F1"
            );
            let mut total = Counts::default();
            for doc in &docs {
                match evaluate(doc, format, &en, &fr) {
                    Ok(c) => {
                        println!(
                            "{:<28} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}",
                            doc.name,
                            c.correct,
                            c.test,
                            c.gold,
                            c.precision(),
                            c.recall(),
                            c.f1()
                        );
                        total += c;
                    }
                    Err(e) => {
                        println!("{:<28} error: {e}", doc.name);
                        failed = true;
                    }
                }
            }
            println!(
                "{:<28} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}",
                "OVERALL",
                total.correct,
                total.test,
                total.gold,
                total.precision(),
                total.recall(),
                total.f1()
            );
        }
    }
    std::process::exit(i32::from(failed));
}

/// Prints one document's beads next to its gold beads (ALIGN_SHOW=NAME).
fn show(
    dir: &std::path::Path,
    name: &str,
    en: &unic_langid::LanguageIdentifier,
    fr: &unic_langid::LanguageIdentifier,
) {
    use tribune::textfile::Origin;
    let read = |s: &str| std::fs::read_to_string(dir.join(format!("{name}.{s}"))).expect("file");
    let (s, _) = tribune::align::side_from_lines(&read("en.sent"), &Origin::Stdin, en).expect("en");
    let (t, _) = tribune::align::side_from_lines(&read("fr.sent"), &Origin::Stdin, fr).expect("fr");
    let gold = tribune::align::eval::parse_beads(&read("gold.tsv")).expect("gold");
    let alignment = tribune::align::align(s, t);
    for bead in &alignment.beads {
        let pair = (
            bead.source.clone().collect::<Vec<_>>(),
            bead.target.clone().collect::<Vec<_>>(),
        );
        let mark = if gold.contains(&pair) { "  " } else { "XX" };
        println!(
            "{mark} {:<10} {:.2} {:?}\n      EN {}\n      FR {}",
            bead.indices_line().replace('\t', " | "),
            bead.confidence,
            bead.kind,
            alignment
                .source_text(bead)
                .chars()
                .take(110)
                .collect::<String>(),
            alignment
                .target_text(bead)
                .chars()
                .take(110)
                .collect::<String>()
        );
    }
    let ours: Vec<_> = alignment
        .beads
        .iter()
        .map(|b| {
            (
                b.source.clone().collect::<Vec<_>>(),
                b.target.clone().collect::<Vec<_>>(),
            )
        })
        .collect();
    for g in &gold {
        if !ours.contains(g) {
            println!("MISSED {:?}", g);
        }
    }
}
