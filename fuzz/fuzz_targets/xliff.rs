//! The streaming XLIFF reader (1.2 and 2.x) on arbitrary bytes
//! (`tribune::invariants::check_xliff`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tribune::invariants::check_xliff(data));
