//! The language data files, embedded at build time by `build.rs` from `languages/`: one
//! folder per language (`languages/<subtag>/`), one TOML file in it per module that reads
//! it, and bilingual word lists in `languages/pairs/<a>-<b>.tsv`. Adding a language is
//! adding a folder; no code lists the languages.
//!
//! | file | read by |
//! |---|---|
//! | `profile.toml` | [`crate::lang`]: segmentation lists, speaking rates, directions, typography, names |
//! | `align.toml` | `crate::align`: number marks and words, stemming, words without content |
//! | `word_forms.toml` | `crate::memory`: the endings that make the forms of a word |
//! | `numbers.toml` | `crate::check`: numbers written as words, and phrases that are no quantity |
//! | `pairs/<a>-<b>.tsv` | `crate::align`: the bilingual word list of two languages |

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/languages.rs"));
}

/// The language profile: the file every language folder has.
pub const PROFILE: &str = "profile";
/// The aligner's data for a language.
pub const ALIGN: &str = "align";
/// The translation memory's word forms for a language.
pub const WORD_FORMS: &str = "word_forms";
/// The checks' numbers written as words for a language.
pub const NUMBERS: &str = "numbers";

/// A file of one language's folder: `languages/<subtag>/<kind>.toml`.
#[derive(Debug, Clone, Copy)]
pub struct LanguageFile {
    /// The language subtag, the folder's name (`fr`).
    pub subtag: &'static str,
    /// The file's text.
    pub text: &'static str,
}

/// A bilingual word list, `languages/pairs/<first>-<second>.tsv`.
#[derive(Debug, Clone, Copy)]
pub struct PairFile {
    /// The language of the first column.
    pub first: &'static str,
    /// The language of the renderings.
    pub second: &'static str,
    /// The file's text.
    pub text: &'static str,
}

/// The subtags of every language folder, sorted.
pub fn subtags() -> impl Iterator<Item = &'static str> {
    embedded::LANGUAGES.iter().map(|(subtag, _)| *subtag)
}

/// The `<kind>.toml` file of every language that has one (see [`PROFILE`], [`ALIGN`],
/// [`WORD_FORMS`]), sorted by subtag.
pub fn files(kind: &str) -> impl Iterator<Item = LanguageFile> + '_ {
    embedded::LANGUAGES
        .iter()
        .filter_map(move |(subtag, files)| {
            files
                .iter()
                .find(|(name, _)| *name == kind)
                .map(|(_, text)| LanguageFile { subtag, text })
        })
}

/// Every bilingual word list, sorted by file name.
pub fn pairs() -> impl Iterator<Item = PairFile> {
    embedded::PAIRS
        .iter()
        .map(|(first, second, text)| PairFile {
            first,
            second,
            text,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn folders(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("languages/ exists")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_dir())
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .filter(|name| name != "pairs")
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_language_folder_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("languages");
        let embedded: Vec<&str> = subtags().collect();
        assert_eq!(embedded, folders(&root));
        for subtag in &embedded {
            for file in std::fs::read_dir(root.join(subtag)).unwrap() {
                let path = file.unwrap().path();
                if path.extension().is_some_and(|e| e == "toml") {
                    let kind = path.file_stem().unwrap().to_str().unwrap();
                    let found = files(kind).find(|f| f.subtag == *subtag).expect("embedded");
                    assert_eq!(found.text, std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        // Every language has a profile, so a folder is a known language.
        assert_eq!(files(PROFILE).count(), embedded.len());
    }

    #[test]
    fn every_pair_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("languages/pairs");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = pairs()
            .map(|p| format!("{}-{}", p.first, p.second))
            .collect();
        assert_eq!(embedded, on_disk);
        for pair in pairs() {
            assert!(subtags().any(|s| s == pair.first) && subtags().any(|s| s == pair.second));
        }
    }

    #[test]
    fn a_language_without_a_file_of_a_kind_is_left_out() {
        assert_eq!(files("no-such-kind").count(), 0);
        assert!(files(ALIGN).all(|f| subtags().any(|s| s == f.subtag)));
    }
}
