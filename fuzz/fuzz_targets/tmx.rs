//! The streaming TMX reader on arbitrary bytes (`tribune::invariants::check_tmx`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tribune::invariants::check_tmx(data));
