//! Embeds the data files (Fluent locales and language profiles) into the binary, so that
//! `tribune` works from any directory and a new language is added by adding files only.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    entries
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("out dir"));

    // locales/<lang>/*.ftl -> &[(lang, &[(file name, content)])]
    let locales_dir = root.join("locales");
    println!("cargo:rerun-if-changed={}", locales_dir.display());
    let mut code = String::from("pub static LOCALES: &[(&str, &[(&str, &str)])] = &[\n");
    for dir in sorted_entries(&locales_dir)
        .into_iter()
        .filter(|p| p.is_dir())
    {
        println!("cargo:rerun-if-changed={}", dir.display());
        let lang = dir.file_name().unwrap().to_string_lossy().into_owned();
        writeln!(code, "    ({lang:?}, &[").unwrap();
        for file in sorted_entries(&dir) {
            if file.extension().is_some_and(|e| e == "ftl") {
                println!("cargo:rerun-if-changed={}", file.display());
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                writeln!(
                    code,
                    "        ({name:?}, include_str!({:?})),",
                    file.display()
                )
                .unwrap();
            }
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    fs::write(out.join("locales.rs"), code).expect("write locales.rs");

    // src/lang/profiles/<subtag>.toml -> &[(subtag, content)]
    let profiles_dir = root.join("src/lang/profiles");
    println!("cargo:rerun-if-changed={}", profiles_dir.display());
    let mut code = String::from("pub static PROFILES: &[(&str, &str)] = &[\n");
    for file in sorted_entries(&profiles_dir) {
        if file.extension().is_some_and(|e| e == "toml") {
            println!("cargo:rerun-if-changed={}", file.display());
            let subtag = file.file_stem().unwrap().to_string_lossy().into_owned();
            writeln!(
                code,
                "    ({subtag:?}, include_str!({:?})),",
                file.display()
            )
            .unwrap();
        }
    }
    code.push_str("];\n");
    fs::write(out.join("profiles.rs"), code).expect("write profiles.rs");
}
