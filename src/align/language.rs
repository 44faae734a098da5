//! What the aligner knows about languages: how each writes numbers, which of its words carry
//! no content, and bilingual word lists per language pair. All of it is data
//! (`languages/<subtag>/align.toml`, `languages/pairs/<a>-<b>.tsv`, embedded by build.rs,
//! see [`crate::lang::data`]), so the code stays language-generic: a new language pair is a
//! new pair of files, and no code lists them.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::lang::data;

/// How a language writes numbers and which words it never uses as evidence.
#[derive(Debug, Default)]
pub struct AlignLanguage {
    /// Characters this language needs for what English says in one.
    pub expansion: f32,
    /// The decimal mark.
    pub decimal: char,
    /// Marks that group thousands.
    pub group: Vec<char>,
    /// Number words (folded) and their values.
    pub number_words: HashMap<String, u64>,
    /// Words without content (folded).
    pub stopwords: HashSet<String>,
    /// Words so common in the texts Tribune aligns (the organisation's name, its staff,
    /// "today", "world") that they are weak evidence (folded, stemmed).
    pub common: HashSet<String>,
    /// Ending rules, pass by pass: (ending, replacement).
    pub stemming: Vec<Vec<(String, String)>>,
}

#[derive(Deserialize)]
struct LanguageFile {
    expansion: f32,
    numbers: NumbersFile,
    stemming: StemmingFile,
    words: WordsFile,
}

#[derive(Deserialize)]
struct StemmingFile {
    passes: Vec<Vec<String>>,
}

#[derive(Deserialize)]
struct NumbersFile {
    decimal: String,
    group: Vec<String>,
    words: HashMap<String, u64>,
}

#[derive(Deserialize)]
struct WordsFile {
    stopwords: Vec<String>,
    #[serde(default)]
    common: Vec<String>,
}

fn parse_language(subtag: &str, text: &str) -> AlignLanguage {
    let file: LanguageFile = toml::from_str(text).unwrap_or_else(|e| {
        panic!("built-in aligner data languages/{subtag}/align.toml is invalid: {e}")
    });
    let first_char = |s: &str| {
        s.chars()
            .next()
            .unwrap_or_else(|| panic!("languages/{subtag}/align.toml: empty number mark"))
    };
    let mut stopwords: HashSet<String> = file.words.stopwords.iter().map(|w| fold(w)).collect();
    // The language profile's detection words are frequent words too.
    if let Ok(lang) = subtag.parse::<LanguageIdentifier>() {
        if let Some(profile) = crate::lang::known_profile(&lang) {
            stopwords.extend(profile.stopwords.iter().map(|w| fold(w)));
        }
    }
    let stemming: Vec<Vec<(String, String)>> = file
        .stemming
        .passes
        .iter()
        .map(|pass| {
            pass.iter()
                .map(|rule| {
                    let (from, to) = rule.split_once('>').unwrap_or_else(|| {
                        panic!("languages/{subtag}/align.toml: stemming rule {rule:?} has no '>'")
                    });
                    (fold(from), fold(to))
                })
                .collect()
        })
        .collect();
    let common = file
        .words
        .common
        .iter()
        .map(|w| stem_with(&fold(w), &stemming))
        .collect();
    AlignLanguage {
        expansion: file.expansion,
        decimal: first_char(&file.numbers.decimal),
        group: file.numbers.group.iter().map(|g| first_char(g)).collect(),
        number_words: file
            .numbers
            .words
            .into_iter()
            .map(|(w, n)| (fold(&w), n))
            .collect(),
        stopwords,
        common,
        stemming,
    }
}

static LANGUAGES: LazyLock<Vec<(String, AlignLanguage)>> = LazyLock::new(|| {
    data::files(data::ALIGN)
        .map(|file| {
            (
                file.subtag.to_owned(),
                parse_language(file.subtag, file.text),
            )
        })
        .collect()
});

static GENERIC: LazyLock<AlignLanguage> = LazyLock::new(|| AlignLanguage {
    expansion: 1.0,
    decimal: '.',
    group: vec![',', ' ', '\u{a0}', '\u{202f}'],
    ..AlignLanguage::default()
});

/// The aligner's data for a language (matched on the language subtag), or generic rules.
pub fn language(lang: &LanguageIdentifier) -> &'static AlignLanguage {
    LANGUAGES
        .iter()
        .find(|(subtag, _)| subtag.as_str() == lang.language.as_str())
        .map(|(_, data)| data)
        .unwrap_or(&GENERIC)
}

/// Word stems of one language mapped to entry numbers shared with the other language.
#[derive(Debug, Default, Clone, Copy)]
pub struct Lexicon {
    /// Source-language stem to entries.
    pub source: Option<&'static HashMap<String, Vec<u32>>>,
    /// Target-language stem to entries.
    pub target: Option<&'static HashMap<String, Vec<u32>>>,
}

struct LexiconPair {
    first: String,
    second: String,
    /// Stems of the first language's words to entry numbers.
    first_stems: HashMap<String, Vec<u32>>,
    /// Stems of the second language's words to entry numbers.
    second_stems: HashMap<String, Vec<u32>>,
}

fn parse_lexicon(first: &str, second: &str, text: &str) -> LexiconPair {
    let first_lang: LanguageIdentifier = first.parse().expect("lexicon language");
    let second_lang: LanguageIdentifier = second.parse().expect("lexicon language");
    let mut pair = LexiconPair {
        first: first.to_owned(),
        second: second.to_owned(),
        first_stems: HashMap::new(),
        second_stems: HashMap::new(),
    };
    let mut entry = 0u32;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((word, renderings)) = line.split_once('\t') else {
            panic!("languages/pairs/{first}-{second}.tsv: expected a tab in {line:?}");
        };
        // The first language's side may list forms that stemming does not join
        // ("bring, brought").
        for form in word.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            let list = pair
                .first_stems
                .entry(stem(&fold(form), &first_lang))
                .or_default();
            if !list.contains(&entry) {
                list.push(entry);
            }
        }
        for rendering in renderings.split(',') {
            let rendering = rendering.trim();
            if rendering.is_empty() {
                continue;
            }
            let key = stem(&fold(rendering), &second_lang);
            let list = pair.second_stems.entry(key).or_default();
            if !list.contains(&entry) {
                list.push(entry);
            }
        }
        entry += 1;
    }
    pair
}

static LEXICONS: LazyLock<Vec<LexiconPair>> = LazyLock::new(|| {
    data::pairs()
        .map(|pair| parse_lexicon(pair.first, pair.second, pair.text))
        .collect()
});

/// Whether Tribune has a word list for these two languages (in either order).
pub fn has_lexicon(source: &LanguageIdentifier, target: &LanguageIdentifier) -> bool {
    lexicon(source, target).source.is_some()
}

/// The word list for a source and a target language (either order), or an empty one.
pub fn lexicon(source: &LanguageIdentifier, target: &LanguageIdentifier) -> Lexicon {
    let (s, t) = (source.language.as_str(), target.language.as_str());
    for pair in LEXICONS.iter() {
        if pair.first == s && pair.second == t {
            return Lexicon {
                source: Some(&pair.first_stems),
                target: Some(&pair.second_stems),
            };
        }
        if pair.first == t && pair.second == s {
            return Lexicon {
                source: Some(&pair.second_stems),
                target: Some(&pair.first_stems),
            };
        }
    }
    Lexicon::default()
}

/// Lower case without accents: "Ségolène" -> "segolene", "Kőrösi" -> "korosi".
pub fn fold(text: &str) -> String {
    crate::text::fold::fold(text)
}

/// A folded word without its inflection endings, by the language's rules.
pub fn stem(folded: &str, lang: &LanguageIdentifier) -> String {
    stem_with(folded, &language(lang).stemming)
}

/// A folded word without its endings, by the given passes of rules.
pub fn stem_with(folded: &str, passes: &[Vec<(String, String)>]) -> String {
    let mut word = folded.to_owned();
    for pass in passes {
        for (ending, replacement) in pass {
            if word.len() >= ending.len() + 3 && word.ends_with(ending.as_str()) {
                word.truncate(word.len() - ending.len());
                word.push_str(replacement);
                break;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    #[test]
    fn data_files_load() {
        let en = language(&langid!("en"));
        assert_eq!(en.decimal, '.');
        assert_eq!(en.number_words.get("seventy"), Some(&70));
        assert!(en.stopwords.contains("the"));
        let fr = language(&langid!("fr-CA"));
        assert_eq!(fr.decimal, ',');
        assert!(fr.group.contains(&'\u{202f}'));
        assert_eq!(fr.number_words.get("soixante-dix"), Some(&70));
    }

    #[test]
    fn the_lexicon_works_in_both_directions() {
        let en_fr = lexicon(&langid!("en"), &langid!("fr"));
        let (en, fr) = (en_fr.source.unwrap(), en_fr.target.unwrap());
        let peace = en.get(&stem("peace", &langid!("en"))).expect("peace");
        assert!(fr
            .get(&stem("paix", &langid!("fr")))
            .expect("paix")
            .contains(&peace[0]));
        let fr_en = lexicon(&langid!("fr"), &langid!("en"));
        assert!(std::ptr::eq(fr_en.source.unwrap(), fr));
        // Plural and feminine endings are folded.
        let women = en.get(&stem("women", &langid!("en"))).expect("women");
        let femmes = fr.get(&stem("femmes", &langid!("fr"))).expect("femmes");
        assert!(women.iter().any(|c| femmes.contains(c)));
        assert!(lexicon(&langid!("en"), &langid!("de")).source.is_none());
    }
}
