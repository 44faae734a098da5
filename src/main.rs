//! The `tribune` command: everything happens in the library's `cli` module.

fn main() {
    std::process::exit(tribune::cli::run(std::env::args_os()));
}
