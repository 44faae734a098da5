//! Alignment speed and memory: 10,000 English segments against 10,000 French segments,
//! built from the bundled sample speeches (each copy numbered, so the text is not one
//! repeated string). Segmentation is done once, outside the timing; each run aligns the
//! two sides from scratch. Prints the median of several runs and the peak resident memory.
//! Run with `cargo bench --bench align`.
// A benchmark prints its figures.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::{Duration, Instant};

use tribune::align::{self, Side};
use tribune::speech::{self, Segment};
use tribune::textfile::Origin;
use unic_langid::{langid, LanguageIdentifier};

/// Segments per side; `ALIGN_BENCH_SEGMENTS` changes it (to check that memory is linear).
fn wanted_segments() -> usize {
    std::env::var("ALIGN_BENCH_SEGMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}
const RUNS: usize = 5;
const SAMPLES: [&str; 3] = [
    "flood-relief-niamey",
    "peacekeeping-day-goma",
    "water-summit-dakar",
];

fn segments(lang: &LanguageIdentifier, suffix: &str, part: &str) -> Vec<Segment> {
    let mut text = String::new();
    let mut copy = 0;
    let mut out = Vec::new();
    let wanted = wanted_segments();
    while out.len() < wanted {
        text.clear();
        for name in SAMPLES {
            let path = format!(
                "{}/speeches/{name}.{suffix}.txt",
                env!("CARGO_MANIFEST_DIR")
            );
            let sample = std::fs::read_to_string(&path).expect("sample speech");
            let body = match sample.strip_prefix("---\n") {
                Some(rest) => rest
                    .split_once("\n---\n")
                    .map_or(sample.as_str(), |(_, b)| b)
                    .to_owned(),
                None => sample.clone(),
            };
            text.push_str(&format!("\n{part} {copy}\n\n{body}\n"));
            copy += 1;
        }
        let parsed = speech::parse(&text, &Origin::Stdin, Some(lang)).expect("parses");
        let offset = out.last().map_or(0, |s: &Segment| s.block + 1);
        for mut segment in speech::segment(&parsed) {
            segment.block += offset;
            out.push(segment);
        }
    }
    out.truncate(wanted);
    speech::assign_ids(&mut out);
    out
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn main() {
    let (en, fr) = (langid!("en"), langid!("fr"));
    let source = Side {
        name: "bench.en.txt".into(),
        language: en.clone(),
        segments: segments(&en, "en", "Part"),
    };
    let target = Side {
        name: "bench.fr.txt".into(),
        language: fr.clone(),
        segments: segments(&fr, "fr", "Partie"),
    };
    let before = peak_rss_kib();
    let mut times = Vec::new();
    let mut beads = 0;
    for _ in 0..RUNS {
        let (s, t) = (source.clone(), target.clone());
        let start = Instant::now();
        let alignment = align::align(s, t);
        times.push(start.elapsed());
        beads = alignment.beads.len();
    }
    times.sort();
    let median: Duration = times[RUNS / 2];
    println!(
        "align {} x {} segments: median {:.3} s over {RUNS} runs (min {:.3} s, max {:.3} s), {beads} beads",
        source.segments.len(),
        target.segments.len(),
        median.as_secs_f64(),
        times[0].as_secs_f64(),
        times[RUNS - 1].as_secs_f64(),
    );
    if let (Some(before), Some(after)) = (before, peak_rss_kib()) {
        println!(
            "peak resident memory: {:.1} MiB (inputs loaded: {:.1} MiB)",
            after as f64 / 1024.0,
            before as f64 / 1024.0
        );
    }
}
