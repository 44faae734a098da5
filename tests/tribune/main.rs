//! Tribune's integration tests: one test binary, one module per area.

// Tests say on the console what they skipped or measured.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod align;
mod align_eval;
mod align_store;
mod check;
mod cli_contracts;
mod cli_diff;
mod cli_segment;
mod cli_stats;
mod fuzz_regressions;
mod hardening;
mod hardening_round_two;
mod language_detection;
mod memory;
mod retranslate;
mod script;
mod script_browser;
mod script_docx;
mod script_rules;
mod segmentation;
mod speech_format;
mod terms;
mod terms_in_use;
mod tmx_roundtrip;
mod translate;
mod xliff;

/// Path of a file under the repository root.
pub fn repo_path(relative: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Path of a file in ../shared (beside the repository, as in CI).
pub fn shared_path(relative: &str) -> std::path::PathBuf {
    repo_path("..").join("shared").join(relative)
}

/// The `tribune` binary, in English, with no colour and no stray memory location.
pub fn tribune() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("tribune").expect("binary built");
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .env_remove("TRIBUNE_MEMORY");
    cmd
}
