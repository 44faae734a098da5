//! Languages: identifiers, and the per-language profiles (word lists, speaking rates) that
//! the language-generic code of the other modules reads.
//!
//! Logic never compares language strings: it asks for the profile of a
//! [`LanguageIdentifier`] and reads data from it. Profiles are the `profile.toml` files of
//! `languages/<subtag>/`, embedded at build time ([`data`]); a language without a folder
//! gets a generic profile with empty lists.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::LazyLock;

use serde::Deserialize;
pub use unic_langid::LanguageIdentifier;

/// A set of words or short phrases; a fast hash, since the segmenter asks for every word.
pub type WordSet = rustc_hash::FxHashSet<String>;

pub mod data;
pub mod names;
pub mod typography;

/// Speaking rates in words per minute, used to estimate delivery time.
#[derive(Debug, Clone, Deserialize)]
pub struct SpeakingRates {
    /// An ordinary delivery.
    pub words_per_minute: u32,
    /// The slower pace simultaneous interpreters ask for.
    pub interpretable_words_per_minute: u32,
}

/// Abbreviation classes and sentence openers for the sentence segmenter.
#[derive(Debug, Default)]
pub struct SegmentationLists {
    /// Never end a sentence ("Mr.", "M.", "e.g.").
    pub titles: WordSet,
    /// Do not end a sentence before a number ("No.", "art.").
    pub before_number: WordSet,
    /// End a sentence only before a usual sentence opener ("U.S.", "a.m.").
    pub ambiguous: WordSet,
    /// End a sentence before any capital ("etc.").
    pub terminal: WordSet,
    /// Words that usually open a sentence ("The", "Nous").
    pub sentence_openers: WordSet,
    /// One-letter words that are never an initial ("I" in English): "you and I. Did you"
    /// ends a sentence there.
    pub letter_words: WordSet,
}

/// Stage-direction vocabulary: keywords per kind, bare lines, duration words.
#[derive(Debug, Default)]
pub struct DirectionWords {
    /// Keywords per direction kind name ("silence" -> ["minute of silence", ...]), lower case.
    pub kinds: BTreeMap<String, Vec<String>>,
    /// Whole lines that are directions without brackets, normalised for comparison.
    pub bare_lines: WordSet,
    /// Words for seconds ("s", "seconds", "secondes").
    pub second_units: WordSet,
    /// Words for minutes ("min", "minute").
    pub minute_units: WordSet,
    /// Number words ("two" -> 2, "une" -> 1).
    pub number_words: HashMap<String, u32>,
    /// Small words that join a direction's keywords, numbers and durations ("of" in "two
    /// minutes of silence", "de" in « minute de silence »), lower case: a wording made of
    /// these and keywords says no more than its label.
    pub connectors: WordSet,
}

/// Units of a duration written as a value (front matter `target: 12 min`, `--target 90 s`).
#[derive(Debug, Default)]
pub struct DurationUnits {
    /// Words for seconds ("s", "seconds", "secondes"), lower case.
    pub seconds: WordSet,
    /// Words for minutes ("m", "min", "minutes"), lower case.
    pub minutes: WordSet,
}

/// Everything Tribune knows about one language.
#[derive(Debug)]
pub struct LanguageProfile {
    /// The language this profile describes (a bare language subtag, e.g. `fr`).
    pub language: LanguageIdentifier,
    /// Default speaking rates.
    pub speaking: SpeakingRates,
    /// Segmentation word lists.
    pub segmentation: SegmentationLists,
    /// First words of salutation lines, lower case.
    pub salutation_openers: WordSet,
    /// Greetings and closings in this language, normalised (see [`normalize_phrase`]).
    pub courtesies: WordSet,
    /// Stage-direction vocabulary.
    pub directions: DirectionWords,
    /// Units of durations written as values.
    pub durations: DurationUnits,
    /// Month names and abbreviations, lower case, for datelines.
    pub months: WordSet,
    /// Days of the week, lower case, for datelines.
    pub weekdays: WordSet,
    /// Small words a dateline may hold besides names and the date ("le", "of"), lower case.
    pub dateline_connectors: WordSet,
    /// Frequent words for language detection, lower case.
    pub stopwords: WordSet,
    /// What a web page adds around a story pasted from it.
    pub web: WebText,
    /// Words written twice in a row on purpose ("had had", « nous nous »), lower case: not
    /// reported as doubled by `tribune check FILE`.
    pub writing_repeats: WordSet,
    /// Verbs that report speech in a story ("said", « a déclaré » as "déclaré"), lower case:
    /// quotations with them make a text a story rather than remarks.
    pub reporting_verbs: WordSet,
}

/// The text a web page puts around a story (site lines, bylines, photo credits), which a
/// paste brings along and a speech never says.
#[derive(Debug, Default)]
pub struct WebText {
    /// Whole lines of site text ("Welcome to the United Nations", "Read more"), normalised
    /// (see [`normalize_phrase`]).
    pub lines: WordSet,
    /// First words of a byline ("by" in "By UN News"), lower case.
    pub byline_openers: WordSet,
    /// Photo credits ("UN Photo/", "Photo:"), found in any case: a line holding one is a
    /// caption. One automaton for all of them, since every line of a speech is searched.
    pub credits: CreditFinder,
}

/// Finds any of a language's photo credits in a line, ignoring the case of ASCII letters,
/// in one pass and without a lower-case copy of the line.
#[derive(Debug, Clone, Default)]
pub struct CreditFinder(Option<aho_corasick::AhoCorasick>);

impl CreditFinder {
    /// A finder for `credits` (none: a finder that finds nothing).
    pub fn new(credits: &[String]) -> Self {
        let credits: Vec<String> = credits.iter().map(|c| c.to_lowercase()).collect();
        CreditFinder(
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&credits)
                .ok()
                .filter(|_| !credits.is_empty()),
        )
    }

    /// Whether `line` holds a credit.
    pub fn is_in(&self, line: &str) -> bool {
        self.0.as_ref().is_some_and(|finder| finder.is_match(line))
    }
}

#[derive(Deserialize)]
struct ProfileFile {
    speaking: SpeakingRates,
    segmentation: SegmentationFile,
    salutations: SalutationsFile,
    courtesies: CourtesiesFile,
    directions: DirectionsFile,
    durations: DurationsFile,
    header: HeaderFile,
    detection: DetectionFile,
    #[serde(default)]
    web: WebFile,
    #[serde(default)]
    writing: WritingFile,
    #[serde(default)]
    story: StoryFile,
}

#[derive(Deserialize, Default)]
struct StoryFile {
    #[serde(default)]
    reporting_verbs: Vec<String>,
}

#[derive(Deserialize, Default)]
struct WritingFile {
    #[serde(default)]
    may_repeat: Vec<String>,
}

#[derive(Deserialize, Default)]
struct WebFile {
    #[serde(default)]
    lines: Vec<String>,
    #[serde(default)]
    byline_openers: Vec<String>,
    #[serde(default)]
    credits: Vec<String>,
}

#[derive(Deserialize)]
struct SegmentationFile {
    titles: Vec<String>,
    before_number: Vec<String>,
    ambiguous: Vec<String>,
    terminal: Vec<String>,
    sentence_openers: Vec<String>,
    #[serde(default)]
    letter_words: Vec<String>,
}

#[derive(Deserialize)]
struct SalutationsFile {
    openers: Vec<String>,
}

#[derive(Deserialize)]
struct CourtesiesFile {
    phrases: Vec<String>,
}

#[derive(Deserialize)]
struct DirectionsFile {
    bare_lines: Vec<String>,
    second_units: Vec<String>,
    minute_units: Vec<String>,
    number_words: HashMap<String, u32>,
    connectors: Vec<String>,
    #[serde(flatten)]
    kinds: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct DurationsFile {
    seconds: Vec<String>,
    minutes: Vec<String>,
}

#[derive(Deserialize)]
struct HeaderFile {
    months: Vec<String>,
    weekdays: Vec<String>,
    connectors: Vec<String>,
}

#[derive(Deserialize)]
struct DetectionFile {
    stopwords: Vec<String>,
}

fn lower_set(words: Vec<String>) -> WordSet {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

impl LanguageProfile {
    fn from_toml(subtag: &str, text: &str) -> Self {
        let file: ProfileFile = toml::from_str(text).unwrap_or_else(|e| {
            panic!("built-in language profile languages/{subtag}/profile.toml is invalid: {e}")
        });
        let language: LanguageIdentifier = subtag
            .parse()
            .unwrap_or_else(|e| panic!("folder name languages/{subtag} is not a language: {e}"));
        let kinds = file
            .directions
            .kinds
            .into_iter()
            .map(|(kind, words)| (kind, words.into_iter().map(|w| w.to_lowercase()).collect()))
            .collect();
        LanguageProfile {
            language,
            speaking: file.speaking,
            segmentation: SegmentationLists {
                titles: file.segmentation.titles.into_iter().collect(),
                before_number: file.segmentation.before_number.into_iter().collect(),
                ambiguous: file.segmentation.ambiguous.into_iter().collect(),
                terminal: file.segmentation.terminal.into_iter().collect(),
                sentence_openers: file.segmentation.sentence_openers.into_iter().collect(),
                letter_words: file.segmentation.letter_words.into_iter().collect(),
            },
            salutation_openers: lower_set(file.salutations.openers),
            courtesies: file
                .courtesies
                .phrases
                .iter()
                .map(|p| normalize_phrase(p))
                .collect(),
            directions: DirectionWords {
                kinds,
                bare_lines: file
                    .directions
                    .bare_lines
                    .iter()
                    .map(|p| normalize_phrase(p))
                    .collect(),
                second_units: lower_set(file.directions.second_units),
                minute_units: lower_set(file.directions.minute_units),
                number_words: file.directions.number_words,
                connectors: lower_set(file.directions.connectors),
            },
            durations: DurationUnits {
                seconds: lower_set(file.durations.seconds),
                minutes: lower_set(file.durations.minutes),
            },
            months: lower_set(file.header.months),
            weekdays: lower_set(file.header.weekdays),
            dateline_connectors: lower_set(file.header.connectors),
            stopwords: lower_set(file.detection.stopwords),
            web: WebText {
                lines: file.web.lines.iter().map(|p| normalize_phrase(p)).collect(),
                byline_openers: lower_set(file.web.byline_openers),
                credits: CreditFinder::new(&file.web.credits),
            },
            writing_repeats: lower_set(file.writing.may_repeat),
            reporting_verbs: lower_set(file.story.reporting_verbs),
        }
    }

    fn generic(language: LanguageIdentifier) -> Self {
        LanguageProfile {
            language,
            speaking: SpeakingRates {
                words_per_minute: 130,
                interpretable_words_per_minute: 110,
            },
            segmentation: SegmentationLists::default(),
            salutation_openers: WordSet::default(),
            courtesies: WordSet::default(),
            directions: DirectionWords::default(),
            durations: DurationUnits::default(),
            months: WordSet::default(),
            weekdays: WordSet::default(),
            dateline_connectors: WordSet::default(),
            stopwords: WordSet::default(),
            web: WebText::default(),
            writing_repeats: WordSet::default(),
            reporting_verbs: WordSet::default(),
        }
    }

    /// Whether this profile came from a data file (false for the generic fallback).
    pub fn is_known(&self) -> bool {
        !self.stopwords.is_empty()
    }
}

static PROFILES: LazyLock<Vec<LanguageProfile>> = LazyLock::new(|| {
    data::files(data::PROFILE)
        .map(|file| LanguageProfile::from_toml(file.subtag, file.text))
        .collect()
});

static GENERIC: LazyLock<LanguageProfile> =
    LazyLock::new(|| LanguageProfile::generic(LanguageIdentifier::default()));

/// All built-in language profiles, in a stable order.
pub fn profiles() -> &'static [LanguageProfile] {
    &PROFILES
}

/// The profile for a language (matched on the language subtag: `fr-CA` uses `fr`), or
/// `None` when Tribune has no data for it.
pub fn known_profile(lang: &LanguageIdentifier) -> Option<&'static LanguageProfile> {
    PROFILES
        .iter()
        .find(|p| p.language.language == lang.language)
}

/// The profile for a language, falling back to generic rules (no abbreviations, 130 wpm).
pub fn profile(lang: &LanguageIdentifier) -> &'static LanguageProfile {
    known_profile(lang).unwrap_or(&GENERIC)
}

/// Parses a BCP 47 tag in any case ("EN-us", "fr_FR") into a canonical identifier.
pub fn parse_tag(tag: &str) -> Option<LanguageIdentifier> {
    let cleaned = tag.trim().replace('_', "-");
    if cleaned.is_empty() || cleaned.contains(char::is_whitespace) {
        return None;
    }
    let first = cleaned.split('-').next()?;
    if !(2..=3).contains(&first.len()) || !first.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    cleaned.parse::<LanguageIdentifier>().ok()
}

/// The language a file name announces: `remarks.fr.txt` -> `fr`. Only tags with a known
/// profile count, so `v1.2.txt` announces nothing.
pub fn language_from_file_name(path: &Path) -> Option<LanguageIdentifier> {
    let stem = path.file_stem()?.to_str()?;
    let tag = Path::new(stem).extension()?.to_str()?;
    let lang = parse_tag(tag)?;
    known_profile(&lang).map(|_| lang)
}

/// Phrases in the short-phrase lists (courtesies, bare directions) are shorter than this;
/// longer texts need not be normalised to know they are not one of them.
pub const MAX_PHRASE_BYTES: usize = 64;

/// Whether `text` is one of a profile list's short phrases (see [`normalize_phrase`]).
pub fn is_listed_phrase(text: &str, list: &WordSet) -> bool {
    text.len() <= MAX_PHRASE_BYTES && list.contains(&normalize_phrase(text))
}

/// Lower-cases a short phrase and drops final punctuation and extra spaces, so that
/// "Thank you." and "thank you !" compare equal.
pub fn normalize_phrase(text: &str) -> String {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | '!' | '…' | ',' | ';' | ':')
    });
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split(|c: char| c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
    out.replace('\u{2019}', "'")
}

/// Guesses the language of a text from its frequent short words. Returns `None` when no
/// known language clearly wins (too little text, or a language Tribune has no profile for).
pub fn detect(text: &str) -> Option<LanguageIdentifier> {
    let mut counts = vec![0usize; PROFILES.len()];
    let mut words = 0usize;
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(5000)
    {
        words += 1;
        let lower = word.to_lowercase();
        for (count, profile) in counts.iter_mut().zip(PROFILES.iter()) {
            if profile.stopwords.contains(&lower) {
                *count += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = counts.iter().copied().enumerate().collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    let (best, best_count) = *ranked.first()?;
    let second = ranked.get(1).map_or(0, |r| r.1);
    let enough = best_count >= 3 && best_count * 10 >= words.min(50);
    if enough && best_count * 2 > second * 3 {
        Some(PROFILES[best].language.clone())
    } else {
        None
    }
}

/// The word count Tribune uses everywhere: runs of letters or digits separated by white
/// space, so "l’ONU" and "3,700" are one word each, as word processors count them.
pub fn count_words(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_are_found_in_any_case() {
        let finder = CreditFinder::new(&["UN Photo/".into(), "Crédit photo".into()]);
        assert!(finder.is_in("Students at a school. UN PHOTO/Jane Doe"));
        assert!(finder.is_in("CRéDIT PHOTO : Anna"));
        assert!(!finder.is_in("A photograph of the river"));
        assert!(!CreditFinder::new(&[]).is_in("UN Photo/"));
    }
    use unic_langid::langid;

    #[test]
    fn every_profile_loads_and_knows_its_language() {
        assert!(profiles().len() >= 2);
        for p in profiles() {
            assert!(p.is_known());
            assert!(p.speaking.words_per_minute > p.speaking.interpretable_words_per_minute);
            assert!(p.directions.kinds.contains_key("silence"));
        }
    }

    #[test]
    fn direction_connectors_and_duration_units_are_data() {
        let (en, fr) = (profile(&langid!("en")), profile(&langid!("fr")));
        assert!(en.directions.connectors.contains("of"));
        assert!(fr.directions.connectors.contains("du"));
        assert!(en.durations.minutes.contains("m") && fr.durations.seconds.contains("secondes"));
        assert!(profile(&langid!("de")).directions.connectors.is_empty());
    }

    #[test]
    fn regional_tags_use_the_language_profile() {
        assert_eq!(profile(&langid!("fr-CA")).language, langid!("fr"));
        assert!(!profile(&langid!("de")).is_known());
    }

    #[test]
    fn tags_parse_in_any_case() {
        assert_eq!(parse_tag("EN-us"), Some(langid!("en-US")));
        assert_eq!(parse_tag("fr_fr"), Some(langid!("fr-FR")));
        assert_eq!(parse_tag("*all*"), None);
        assert_eq!(parse_tag(""), None);
    }

    #[test]
    fn file_names_announce_known_languages_only() {
        assert_eq!(
            language_from_file_name(Path::new("speeches/x.fr.txt")),
            Some(langid!("fr"))
        );
        assert_eq!(language_from_file_name(Path::new("v1.2.txt")), None);
        assert_eq!(language_from_file_name(Path::new("plain.txt")), None);
    }

    #[test]
    fn detection_tells_english_from_french() {
        let en = "We are here today to honour the memory of those who gave their lives for peace.";
        let fr = "Nous sommes ici aujourd’hui pour honorer la mémoire de celles et ceux qui ont donné leur vie pour la paix.";
        assert_eq!(detect(en), Some(langid!("en")));
        assert_eq!(detect(fr), Some(langid!("fr")));
        assert_eq!(detect("MINUSMA 2017"), None);
    }

    #[test]
    fn words_are_counted_like_a_word_processor() {
        assert_eq!(count_words("l’ONU compte 3,700 soldats — et plus."), 6);
        assert_eq!(count_words("  "), 0);
    }

    #[test]
    fn phrases_normalise_case_spacing_and_final_marks() {
        assert_eq!(normalize_phrase("Thank you !"), "thank you");
        assert_eq!(normalize_phrase("Merci\u{a0}beaucoup."), "merci beaucoup");
    }
}
