//! Pre-translation speed: the three sample pairs aligned into a memory (as `tribune align
//! --store` does), then (1) the English Dakar sample and (2) a 2,000-segment draft made of the
//! three English samples, copied with their figures changed so that most sentences are fuzzy
//! matches with numbers put in, pre-translated against it: lookups, the draft speech and the
//! XLIFF 1.2 file. Prints the median of several runs. Run with `cargo bench --bench translate`.
// A benchmark prints its figures.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::{Duration, Instant};

use tribune::align::{self, Side};
use tribune::exchange::xliff::{XliffHeader, XliffVersion, XliffWriter};
use tribune::i18n::Localizer;
use tribune::ingest;
use tribune::memory::{open_store, Access, OpenedStore, StoreLocation, TranslationStore};
use tribune::speech::{self, Speech};
use tribune::textfile::Origin;
use tribune::translate::{self, Options};
use unic_langid::{langid, LanguageIdentifier};

const RUNS: usize = 7;
const SAMPLES: [&str; 3] = [
    "flood-relief-niamey",
    "peacekeeping-day-goma",
    "water-summit-dakar",
];

fn sample(name: &str, lang: &str) -> String {
    let path = format!("{}/speeches/{name}.{lang}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("sample speech")
}

fn side(text: &str, lang: &LanguageIdentifier) -> Side {
    let parsed = speech::parse(text, &Origin::Stdin, Some(lang)).expect("parses");
    Side {
        name: "sample".into(),
        language: lang.clone(),
        segments: speech::segment(&parsed),
    }
}

fn build_memory(path: &std::path::Path) -> OpenedStore {
    let location = StoreLocation::File(path.to_path_buf());
    let mut opened = open_store(&location, Access::Write).expect("memory");
    let mut added = 0;
    for name in SAMPLES {
        let alignment = align::align(
            side(&sample(name, "en"), &langid!("en")),
            side(&sample(name, "fr"), &langid!("fr")),
        );
        let plan = align::storable_pairs(&alignment, 0.5);
        added += ingest::store_alignment(opened.store_mut(), &plan, None)
            .expect("store")
            .added;
    }
    println!("memory: {added} units from the three aligned samples");
    opened
}

/// A long draft: the English samples again and again, each copy with its figures changed.
fn long_draft(segments_wanted: usize) -> String {
    let mut text = String::from("---\nlanguage: en\n---\n");
    let mut copy = 0u32;
    loop {
        for name in SAMPLES {
            let body = sample(name, "en");
            let body = body
                .strip_prefix("---\n")
                .and_then(|rest| rest.split_once("\n---\n").map(|(_, b)| b.to_owned()))
                .unwrap_or(body);
            let changed: String = body
                .chars()
                .map(|c| match c {
                    '0'..='9' if copy > 0 => {
                        char::from(b'0' + ((c as u8 - b'0') + copy as u8) % 10)
                    }
                    other => other,
                })
                .collect();
            text.push_str(&format!("\n# Part {copy}\n\n{changed}\n"));
            copy += 1;
        }
        let parsed = speech::parse(&text, &Origin::Stdin, None).expect("parses");
        if speech::segment(&parsed).len() >= segments_wanted {
            return text;
        }
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn measure(label: &str, speech: &Speech, memory: &dyn TranslationStore) {
    let segments = speech::segment(speech);
    let labels = Localizer::for_tag("fr");
    let mut times = Vec::new();
    let mut analysis = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let result = translate::pretranslate(
            speech,
            &segments,
            Some(memory),
            None,
            &Options::new(langid!("fr")),
            &labels,
        )
        .expect("pre-translates");
        let draft = speech::write(&translate::draft(speech, &result));
        let header = XliffHeader {
            version: XliffVersion::V1_2,
            source_language: "en".into(),
            target_language: "fr".into(),
            original: "bench.en.txt".into(),
            tool_version: "bench".into(),
        };
        let mut writer = XliffWriter::new(Vec::new(), &header).expect("writer");
        for unit in translate::xliff_units(&result, XliffVersion::V1_2, &labels) {
            writer.write_unit(&unit).expect("unit");
        }
        let xliff = writer.finish().expect("finish");
        times.push(start.elapsed());
        std::hint::black_box((draft, xliff));
        analysis = Some(result.analysis());
    }
    let analysis = analysis.expect("ran");
    let total = median(times);
    println!(
        "{label}: {} segments ({} words), {} filled ({} to review): median {:.1} ms over {RUNS} runs, {:.3} ms a segment",
        segments.len(),
        analysis.total.words,
        analysis.filled,
        analysis.to_review,
        total.as_secs_f64() * 1000.0,
        total.as_secs_f64() * 1000.0 / segments.len() as f64
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let memory = build_memory(&dir.path().join("bench.sqlite"));
    let dakar =
        speech::parse(&sample("water-summit-dakar", "en"), &Origin::Stdin, None).expect("parses");
    measure("Dakar sample", &dakar, memory.store());
    let long = speech::parse(&long_draft(2_000), &Origin::Stdin, None).expect("parses");
    measure("2,000-segment draft", &long, memory.store());
}
