//! Embeds the data files into the binary, so that `tribune` works from any directory and a new
//! language is added by adding files only:
//!
//! - `locales/<locale>/*.ftl`: the interface messages (src/i18n);
//! - `languages/<subtag>/*.toml`: what Tribune knows about a language, one file per module
//!   that reads it (`profile.toml` for src/lang, `align.toml` for src/align,
//!   `word_forms.toml` for src/memory); every folder needs a `profile.toml`;
//! - `languages/pairs/<a>-<b>.tsv`: bilingual word lists, for the aligner.

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

/// The folder of `languages/` that holds the bilingual word lists (not a language).
const PAIRS_FOLDER: &str = "pairs";
/// The file that makes a folder of `languages/` a language.
const PROFILE_FILE: &str = "profile.toml";

/// A bare language subtag, as BCP 47 writes it in lower case.
fn is_language_subtag(name: &str) -> bool {
    (2..=3).contains(&name.len()) && name.chars().all(|c| c.is_ascii_lowercase())
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

    // languages/<subtag>/<kind>.toml -> &[(subtag, &[(kind, content)])], and
    // languages/pairs/<a>-<b>.tsv -> &[(a, b, content)]
    let languages_dir = root.join("languages");
    let pairs_dir = languages_dir.join(PAIRS_FOLDER);
    println!("cargo:rerun-if-changed={}", languages_dir.display());
    let mut code = String::from(
        "/// Each language folder: its subtag and its files (kind, text), sorted.\n\
         pub static LANGUAGES: &[(&str, &[(&str, &str)])] = &[\n",
    );
    let mut subtags = Vec::new();
    for dir in sorted_entries(&languages_dir)
        .into_iter()
        .filter(|p| p.is_dir() && *p != pairs_dir)
    {
        println!("cargo:rerun-if-changed={}", dir.display());
        let subtag = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            is_language_subtag(&subtag),
            "languages/{subtag}: a language folder is named by its language subtag (2 or 3 \
             lower-case letters: en, fr, fil)"
        );
        assert!(
            dir.join(PROFILE_FILE).is_file(),
            "languages/{subtag}: a language folder needs its {PROFILE_FILE}"
        );
        writeln!(code, "    ({subtag:?}, &[").unwrap();
        for file in sorted_entries(&dir) {
            if file.extension().is_some_and(|e| e == "toml") {
                println!("cargo:rerun-if-changed={}", file.display());
                let kind = file.file_stem().unwrap().to_string_lossy().into_owned();
                writeln!(
                    code,
                    "        ({kind:?}, include_str!({:?})),",
                    file.display()
                )
                .unwrap();
            }
        }
        code.push_str("    ]),\n");
        subtags.push(subtag);
    }
    code.push_str("];\n");
    code.push_str(
        "/// Each bilingual word list: its two language subtags and its text, sorted.\n\
         pub static PAIRS: &[(&str, &str, &str)] = &[\n",
    );
    println!("cargo:rerun-if-changed={}", pairs_dir.display());
    if pairs_dir.is_dir() {
        for file in sorted_entries(&pairs_dir) {
            if file.extension().is_some_and(|e| e == "tsv") {
                println!("cargo:rerun-if-changed={}", file.display());
                let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
                let (first, second) = stem
                    .split_once('-')
                    .filter(|(a, b)| {
                        subtags.iter().any(|s| s == a) && subtags.iter().any(|s| s == b)
                    })
                    .unwrap_or_else(|| {
                        panic!(
                            "languages/{PAIRS_FOLDER}/{stem}.tsv: a word list is named after two \
                             language folders of languages/, as en-fr.tsv"
                        )
                    });
                writeln!(
                    code,
                    "    ({first:?}, {second:?}, include_str!({:?})),",
                    file.display()
                )
                .unwrap();
            }
        }
    }
    code.push_str("];\n");
    fs::write(out.join("languages.rs"), code).expect("write languages.rs");
}
