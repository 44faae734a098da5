//! Speaker-script speed: a bilingual script of a 2,000-word speech (the Dakar sample pair,
//! its body repeated to 2,000 English words), composed and rendered in each format, and
//! printed to PDF by headless Chromium including the browser start (the budget is 2 s).
//!
//! `cargo bench --bench script` prints the median and the spread of several runs.
// A benchmark prints its figures.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::time::{Duration, Instant};

use tribune::script::{self, Format, ScriptOptions};
use tribune::speech::{self, Speech};
use tribune::textfile::Origin;

/// The sample's body repeated until it has at least `words` words, under its front matter.
fn long_speech(path: &str, words: usize) -> Speech {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(path)).expect("sample speech");
    let body_start = text[3..].find("\n---\n").map_or(0, |i| i + 3 + 5);
    let (front, body) = text.split_at(body_start);
    let mut long = front.to_owned();
    while tribune::lang::count_words(&long) < words + tribune::lang::count_words(front) {
        long.push('\n');
        long.push_str(body);
    }
    speech::parse(&long, &Origin::from_arg(path), None).expect("parses")
}

fn median(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2], times[times.len() - 1])
}

fn measure(label: &str, runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    let (min, mid, max) = median(times);
    println!(
        "{label:<44} median {:>8.1} ms   (min {:.1}, max {:.1}, {runs} runs)",
        mid.as_secs_f64() * 1000.0,
        min.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    );
    mid
}

fn main() {
    let en = long_speech("speeches/water-summit-dakar.en.txt", 2000);
    let fr = long_speech("speeches/water-summit-dakar.fr.txt", 2000);
    let words = |s: &Speech| -> usize {
        speech::segment(s)
            .iter()
            .filter(|seg| speech::is_spoken(seg.kind))
            .map(|seg| tribune::lang::count_words(&seg.text))
            .sum()
    };
    println!(
        "speech: {} English words read out, {} French",
        words(&en),
        words(&fr)
    );
    let options = ScriptOptions::default();
    measure("compose (segment, pair, label, time)", 20, || {
        script::compose(&en, Some(&fr), &options).unwrap();
    });
    let built = script::compose(&en, Some(&fr), &options).unwrap();
    for format in [Format::Html, Format::Markdown, Format::Text, Format::Docx] {
        measure(&format!("render {}", format.extension()), 20, || {
            script::render(&built, format).unwrap();
        });
    }
    match script::find_browser() {
        Some(_) => {
            let pdf = measure("PDF, compose to bytes, browser start included", 7, || {
                let built = script::compose(&en, Some(&fr), &options).unwrap();
                script::render(&built, Format::Pdf).unwrap();
            });
            println!(
                "PDF median {:.2} s against a budget of 2 s: {}",
                pdf.as_secs_f64(),
                if pdf <= Duration::from_secs(2) {
                    "within"
                } else {
                    "OVER"
                }
            );
        }
        None => println!("PDF: no Chromium found (install chromium or set TRIBUNE_BROWSER)"),
    }
}
