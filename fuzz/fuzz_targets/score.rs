//! The match scorer on arbitrary pairs of texts (`tribune::invariants::check_score`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: (&str, &str)| tribune::invariants::check_score(data.0, data.1));
