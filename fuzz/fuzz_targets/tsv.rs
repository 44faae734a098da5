//! The TSV reader on arbitrary bytes (`tribune::invariants::check_tsv`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tribune::invariants::check_tsv(data));
