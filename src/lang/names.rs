//! Names of languages in each language ("French", « anglais »), from the `[names]` table of
//! the language profiles: a script labels a language change in the reading language, and
//! reads which language a "[In French]" stage direction switches to.

use std::sync::LazyLock;

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

#[derive(Deserialize)]
struct NamesFile {
    #[serde(default)]
    names: std::collections::BTreeMap<String, Vec<String>>,
}

/// (language the names are written in, named language, its names; the first for labels).
type NameTable = Vec<(LanguageIdentifier, LanguageIdentifier, Vec<String>)>;

static NAMES: LazyLock<NameTable> = LazyLock::new(|| {
    let mut table = Vec::new();
    for profile in super::data::files(super::data::PROFILE) {
        let subtag = profile.subtag;
        let file: NamesFile = toml::from_str(profile.text).unwrap_or_else(|e| {
            panic!("built-in language profile languages/{subtag}/profile.toml: bad [names]: {e}")
        });
        let written_in: LanguageIdentifier = subtag
            .parse()
            .unwrap_or_else(|e| panic!("folder name languages/{subtag} is not a language: {e}"));
        for (named, names) in file.names {
            let named: LanguageIdentifier = named.parse().unwrap_or_else(|e| {
                panic!("languages/{subtag}/profile.toml: [names] key {named}: {e}")
            });
            table.push((written_in.clone(), named, names));
        }
    }
    table
});

/// The name of language `of` written in language `in_language` ("French" in English,
/// « français » in French), when the profile of `in_language` has it.
pub fn language_name(
    of: &LanguageIdentifier,
    in_language: &LanguageIdentifier,
) -> Option<&'static str> {
    NAMES
        .iter()
        .find(|(written, named, _)| {
            written.language == in_language.language && named.language == of.language
        })
        .and_then(|(_, _, names)| names.first())
        .map(String::as_str)
}

/// The language a short text names, in any known language ("[In French]", « [en anglais] »):
/// the first whole-word name found, `None` when none or when two different languages are
/// named.
pub fn named_language(text: &str) -> Option<LanguageIdentifier> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut found: Option<&LanguageIdentifier> = None;
    for (_, named, names) in NAMES.iter() {
        if names
            .iter()
            .any(|name| words.iter().any(|w| *w == name.to_lowercase()))
        {
            match found {
                Some(previous) if previous.language != named.language => return None,
                _ => found = Some(named),
            }
        }
    }
    found.map(|l| LanguageIdentifier::from_parts(l.language, None, None, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    #[test]
    fn names_in_each_language() {
        assert_eq!(
            language_name(&langid!("fr"), &langid!("en")),
            Some("French")
        );
        assert_eq!(
            language_name(&langid!("en-US"), &langid!("fr-CA")),
            Some("anglais")
        );
        assert_eq!(language_name(&langid!("fr"), &langid!("de")), None);
    }

    #[test]
    fn directions_name_a_language() {
        assert_eq!(named_language("[In French]"), Some(langid!("fr")));
        assert_eq!(
            named_language("[continues in English]"),
            Some(langid!("en"))
        );
        assert_eq!(named_language("[En anglais]"), Some(langid!("en")));
        assert_eq!(
            named_language("[Poursuit en français]"),
            Some(langid!("fr"))
        );
        assert_eq!(named_language("[Pause]"), None);
        assert_eq!(named_language("[French, then English]"), None);
    }
}
