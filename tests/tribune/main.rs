//! Tribune's integration tests: one test binary, one module per area.

mod cli_segment;
mod cli_stats;
mod memory;
mod segmentation;
mod speech_format;

/// Path of a file under the repository root.
pub fn repo_path(relative: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}
