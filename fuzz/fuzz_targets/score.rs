//! The match scorer on arbitrary pairs of texts, the query before the first NUL byte and the
//! stored source after it (`tribune::invariants::check_score_bytes`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tribune::invariants::check_score_bytes(data));
