//! Tribune: prepare multilingual speeches.
//!
//! Data flows one way: text → [`speech`] model → segments → memory / alignment → scripts.
//! Each module owns one concept; see docs/ for the formats and design notes.

// Unit tests say on the console what they measured.
#![cfg_attr(test, allow(clippy::print_stdout, clippy::print_stderr))]

pub mod align;
pub mod check;
pub mod cli;
pub mod exchange;
pub mod i18n;
pub mod ingest;
pub mod invariants;
pub mod lang;
pub mod memory;
pub mod resources;
pub mod revision;
pub mod script;
pub mod speech;
pub mod terms;
pub mod text;
pub mod textfile;
pub mod translate;
pub mod wording;
