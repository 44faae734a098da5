//! The speech parser and segmenter on arbitrary bytes (`tribune::invariants::check_speech`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tribune::invariants::check_speech(data));
