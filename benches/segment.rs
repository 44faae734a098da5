//! Segmentation throughput: parse and segment ≥ 20 MB of speech-like text built from the
//! bundled sample speeches, and a 10 MB paragraph with no punctuation (linear time check).
//! Run with `cargo bench --bench segment`; prints the median of several runs.
// A benchmark prints its figures.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::{Duration, Instant};

use tribune::speech;
use tribune::textfile::Origin;
use unic_langid::LanguageIdentifier;

/// Size of each corpus (`TRIBUNE_BENCH_MB` overrides, e.g. for a run under callgrind).
fn target_bytes() -> usize {
    std::env::var("TRIBUNE_BENCH_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(24)
        * 1024
        * 1024
}

/// Runs per measurement (`TRIBUNE_BENCH_RUNS` overrides).
fn runs() -> usize {
    std::env::var("TRIBUNE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7)
}

/// Builds a large speech from the samples of one language, numbering each copy so that
/// the text is not one repeated string.
fn corpus(suffix: &str) -> String {
    let mut samples = Vec::new();
    for entry in
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/speeches")).expect("speeches/")
    {
        let path = entry.expect("entry").path();
        if path.to_string_lossy().ends_with(suffix) {
            let text = std::fs::read_to_string(&path).expect("sample");
            // Drop front matter: the big text has none.
            let body = match text.strip_prefix("---\n") {
                Some(rest) => rest
                    .split_once("\n---\n")
                    .map_or(text.as_str(), |(_, b)| b)
                    .to_owned(),
                None => text.clone(),
            };
            samples.push(body);
        }
    }
    assert!(!samples.is_empty(), "no sample speeches ending in {suffix}");
    let target = target_bytes();
    let mut out = String::with_capacity(target + 100_000);
    let mut copy = 0;
    while out.len() < target {
        for sample in &samples {
            out.push_str(&format!("\nPart {copy}\n\n"));
            out.push_str(sample);
            out.push('\n');
            copy += 1;
        }
    }
    out
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn measure(label: &str, text: &str, lang: &LanguageIdentifier) {
    let mut times = Vec::new();
    let mut segments = 0;
    for _ in 0..runs() {
        let start = Instant::now();
        let parsed = speech::parse(text, &Origin::Stdin, Some(lang)).expect("parses");
        let segs = speech::segment(&parsed);
        times.push(start.elapsed());
        segments = segs.len();
    }
    let best = *times.iter().min().unwrap();
    let med = median(times);
    let mb = text.len() as f64 / 1_000_000.0;
    println!(
        "{label}: {mb:.1} MB, {segments} segments, median {:.3} s ({:.1} MB/s), best {:.1} MB/s",
        med.as_secs_f64(),
        mb / med.as_secs_f64(),
        mb / best.as_secs_f64()
    );
}

fn main() {
    let en: LanguageIdentifier = "en".parse().unwrap();
    let fr: LanguageIdentifier = "fr".parse().unwrap();
    measure("parse+segment English", &corpus(".en.txt"), &en);
    measure("parse+segment French", &corpus(".fr.txt"), &fr);
    let flat = "word ".repeat(target_bytes() * 10 / 24 / 5);
    measure("10 MB paragraph, no punctuation", &flat, &en);
    let dots = "a.b ".repeat(target_bytes() * 10 / 24 / 4);
    measure("10 MB of 'a.b' tokens", &dots, &en);
}
