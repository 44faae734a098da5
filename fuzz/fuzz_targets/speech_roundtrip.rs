//! The speech reader, segmenter and writer on text full of control characters: no control
//! character but the tab in a segment, and write → read keeps the segments
//! (`tribune::invariants::check_speech_roundtrip`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tribune::invariants::check_speech_roundtrip(data));
