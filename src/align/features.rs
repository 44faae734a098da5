//! What the aligner sees in a segment: its length, and its *evidence tokens* — numbers
//! (`3,700` = `3 700` = `3 700`), names and acronyms, cognates (`ceremony`/`cérémonie`),
//! words of the bilingual list, quotation marks and question marks. Each token carries a
//! few concept numbers; a token is matched when the other side holds one of them.

use std::hash::{DefaultHasher, Hash, Hasher};

use unic_langid::LanguageIdentifier;

use super::language::{self, fold, stem, stem_with, AlignLanguage, Lexicon};
use crate::text::number::{read_number, NumberMarks};

/// Concept families, kept in the top bits of a concept number.
const FAMILY_SHIFT: u32 = 29;
const NUMBER: u32 = 1;
const WORD: u32 = 2;
const COGNATE: u32 = 3;
const LEXICON: u32 = 4;
const MARK: u32 = 5;

/// How much a matched token weighs, by what it is.
const NUMBER_WEIGHT: f32 = 2.5;
const NAME_WEIGHT: f32 = 2.0;
const WORD_WEIGHT: f32 = 1.0;
const MARK_WEIGHT: f32 = 0.3;
const COMMON_WEIGHT: f32 = 0.4;

/// Letters shared at the start of two long words that make them cognates.
const COGNATE_PREFIX: usize = 6;

/// The evidence of one segment (or of several joined).
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Length in characters, white space runs counted once.
    pub chars: f32,
    /// Sum of the token weights.
    pub total: f32,
    /// Every concept number of every token, sorted, for membership tests.
    pub concepts: Vec<u32>,
    /// The tokens: weight and the range of their concepts in `token_concepts`.
    tokens: Vec<(f32, u32, u32)>,
    token_concepts: Vec<u32>,
}

impl Features {
    /// The weight of this segment's tokens that the other segment has a concept for.
    pub fn matched_in(&self, other: &Features) -> f32 {
        if other.concepts.is_empty() {
            return 0.0;
        }
        let mut matched = 0.0;
        for &(weight, start, end) in &self.tokens {
            let ids = &self.token_concepts[start as usize..end as usize];
            if ids
                .iter()
                .any(|id| other.concepts.binary_search(id).is_ok())
            {
                matched += weight;
            }
        }
        matched
    }

    /// The features of several segments read as one.
    pub fn join<'a>(parts: impl IntoIterator<Item = &'a Features>) -> Features {
        let mut out = Features::default();
        for part in parts {
            out.chars += part.chars;
            out.total += part.total;
            let offset = out.token_concepts.len() as u32;
            out.token_concepts.extend_from_slice(&part.token_concepts);
            out.tokens.extend(
                part.tokens
                    .iter()
                    .map(|&(w, s, e)| (w, s + offset, e + offset)),
            );
            out.concepts.extend_from_slice(&part.concepts);
        }
        out.concepts.sort_unstable();
        out.concepts.dedup();
        out
    }

    /// Scales each token's weight by `factor(its concepts)` (for document frequencies).
    pub fn reweight(&mut self, factor: impl Fn(&[u32]) -> f32) {
        let mut total = 0.0;
        for token in &mut self.tokens {
            let ids = &self.token_concepts[token.1 as usize..token.2 as usize];
            token.0 *= factor(ids);
            total += token.0;
        }
        self.total = total;
    }

    /// Number of evidence tokens.
    #[cfg(test)]
    pub fn token_count(&self) -> usize {
        self.tokens.len()
    }
}

fn concept(family: u32, key: &str) -> u32 {
    let mut hasher = DefaultHasher::new();
    key.hash(&mut hasher);
    (family << FAMILY_SHIFT) | (hasher.finish() as u32 & ((1 << FAMILY_SHIFT) - 1))
}

fn number_concept(value: &str) -> u32 {
    concept(NUMBER, value)
}

/// What the tokenizer needs to know about a side.
#[derive(Clone, Copy)]
pub struct SideContext<'a> {
    /// The side's language.
    pub lang: &'a LanguageIdentifier,
    /// The other side's language (its frequent words are not names either).
    pub other: &'a LanguageIdentifier,
    /// Stems of this side's language in the bilingual list.
    pub lexicon: Option<&'static std::collections::HashMap<String, Vec<u32>>>,
}

impl<'a> SideContext<'a> {
    /// The context of the source side of a lexicon.
    pub fn source(
        lang: &'a LanguageIdentifier,
        other: &'a LanguageIdentifier,
        lexicon: Lexicon,
    ) -> Self {
        SideContext {
            lang,
            other,
            lexicon: lexicon.source,
        }
    }

    /// The context of the target side of a lexicon.
    pub fn target(
        lang: &'a LanguageIdentifier,
        other: &'a LanguageIdentifier,
        lexicon: Lexicon,
    ) -> Self {
        SideContext {
            lang,
            other,
            lexicon: lexicon.target,
        }
    }
}

struct Builder {
    features: Features,
}

impl Builder {
    fn token(&mut self, weight: f32, ids: &[u32]) {
        if ids.is_empty() {
            return;
        }
        let start = self.features.token_concepts.len() as u32;
        self.features.token_concepts.extend_from_slice(ids);
        let end = self.features.token_concepts.len() as u32;
        self.features.tokens.push((weight, start, end));
        self.features.total += weight;
        self.features.concepts.extend_from_slice(ids);
    }
}

/// The evidence tokens of a text.
pub fn features(text: &str, side: &SideContext) -> Features {
    let data = language::language(side.lang);
    let other = language::language(side.other);
    let chars: Vec<char> = text.chars().collect();
    let mut builder = Builder {
        features: Features::default(),
    };
    let mut previous_space = true;
    for &c in &chars {
        let space = c.is_whitespace();
        if !(space && previous_space) {
            builder.features.chars += 1.0;
        }
        previous_space = space;
    }
    let mut i = 0;
    let mut first_word = true;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let marks = NumberMarks {
                decimal: data.decimal,
                group: &data.group,
            };
            let (value, end) = read_number(&chars, i, marks);
            // An ordinal or a unit glued to the number ("1st", "1er", "5km") is dropped.
            let mut j = end;
            while j < chars.len() && chars[j].is_alphabetic() {
                j += 1;
            }
            builder.token(NUMBER_WEIGHT, &[number_concept(&value)]);
            i = j;
            first_word = false;
            continue;
        }
        if c.is_alphabetic() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_alphanumeric()
                    || (chars[j] == '-' && chars.get(j + 1).is_some_and(|n| n.is_alphanumeric())))
            {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            word_tokens(&word, first_word, side, data, other, &mut builder);
            first_word = false;
            i = j;
            continue;
        }
        let mark = match c {
            '?' => Some("?"),
            '!' => Some("!"),
            '"' | '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' | '\u{201e}' => Some("\""),
            '(' => Some("("),
            _ => None,
        };
        if let Some(mark) = mark {
            builder.token(MARK_WEIGHT, &[concept(MARK, mark)]);
        }
        if matches!(c, '.' | '!' | '?' | ':' | ';') {
            first_word = true;
        }
        i += 1;
    }
    let mut features = builder.features;
    features.concepts.sort_unstable();
    features.concepts.dedup();
    features
}

fn word_tokens(
    word: &str,
    first_word: bool,
    side: &SideContext,
    data: &AlignLanguage,
    other: &AlignLanguage,
    builder: &mut Builder,
) {
    let folded = fold(word);
    if let Some(&n) = data.number_words.get(&folded) {
        builder.token(NUMBER_WEIGHT, &[number_concept(&n.to_string())]);
        return;
    }
    // Hyphenated compounds are read part by part ("Nord-Kivu", "COVID-19").
    if folded.contains('-') {
        let parts: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
        if parts.len() > 1 {
            let mut whole = Vec::new();
            lexicon_concepts(&folded, side, &mut whole);
            if !whole.is_empty() {
                let weight = if data.common.contains(&stem_with(&folded, &data.stemming)) {
                    COMMON_WEIGHT
                } else {
                    WORD_WEIGHT
                };
                builder.token(weight, &whole);
                return;
            }
            for (k, part) in parts.iter().enumerate() {
                if part.chars().all(|c| c.is_ascii_digit()) {
                    builder.token(NUMBER_WEIGHT, &[number_concept(part)]);
                } else {
                    word_tokens(part, first_word && k == 0, side, data, other, builder);
                }
            }
            return;
        }
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let acronym = upper >= 2 && upper * 2 > letters;
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if !acronym && data.stopwords.contains(&folded) {
        return;
    }
    let mut ids = Vec::with_capacity(4);
    lexicon_concepts(&folded, side, &mut ids);
    let name_like = acronym || (capitalised && !first_word);
    let folded_len = folded.chars().count();
    if (folded_len >= 3 || acronym) && !other.stopwords.contains(&folded) {
        ids.push(concept(WORD, &folded));
    }
    if folded_len > COGNATE_PREFIX {
        let prefix: String = folded.chars().take(COGNATE_PREFIX).collect();
        ids.push(concept(COGNATE, &prefix));
    }
    let mut weight = if name_like { NAME_WEIGHT } else { WORD_WEIGHT };
    if data.common.contains(&stem_with(&folded, &data.stemming)) {
        weight = COMMON_WEIGHT;
    }
    builder.token(weight, &ids);
}

fn lexicon_concepts(folded: &str, side: &SideContext, ids: &mut Vec<u32>) {
    let Some(map) = side.lexicon else {
        return;
    };
    let key = stem(folded, side.lang);
    if let Some(entries) = map.get(&key).or_else(|| map.get(folded)) {
        ids.extend(entries.iter().map(|&e| (LEXICON << FAMILY_SHIFT) | e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    fn pair(en: &str, fr: &str) -> (Features, Features) {
        let (l_en, l_fr) = (langid!("en"), langid!("fr"));
        let lexicon = language::lexicon(&l_en, &l_fr);
        (
            features(en, &SideContext::source(&l_en, &l_fr, lexicon)),
            features(fr, &SideContext::target(&l_fr, &l_en, lexicon)),
        )
    }

    #[test]
    fn numbers_meet_across_conventions() {
        for (en, fr) in [
            ("3,700 troops", "3 700 soldats"),
            ("3,700 troops", "3\u{a0}700 soldats"),
            ("3,700 troops", "3\u{202f}700 soldats"),
            ("1.8 metres", "1,8 mètre"),
            ("$9.4 billion", "9,4 milliards"),
            ("Seventy", "70"),
            ("January 1st", "1er janvier"),
        ] {
            let (a, b) = pair(en, fr);
            assert!(a.matched_in(&b) >= NUMBER_WEIGHT, "{en} / {fr}");
        }
        let (a, b) = pair("1,100 calls", "1,1 appel");
        assert!(a.matched_in(&b) < NUMBER_WEIGHT, "1,100 is not 1,1");
    }

    #[test]
    fn names_acronyms_cognates_and_words_match() {
        let (a, b) = pair(
            "The ceremony in Geneva honoured MINUSMA peacekeepers and their families.",
            "La cérémonie à Genève a rendu hommage aux Casques bleus de la MINUSMA et à leurs familles.",
        );
        let matched = a.matched_in(&b);
        assert!(matched >= 5.0, "{matched} of {}", a.total);
        let (a, b) = pair("Thank you.", "Merci.");
        assert_eq!(a.matched_in(&b), a.total);
        let (a, b) = pair("Thank you.", "Minute de silence");
        assert_eq!(a.matched_in(&b), 0.0);
    }

    #[test]
    fn stopwords_are_not_evidence_and_text_is_folded() {
        let (a, _) = pair("the of and", "");
        assert_eq!(a.token_count(), 0);
        assert_eq!(fold("Kőrösi Ségolène l’ONU"), "korosi segolene l'onu");
        assert_eq!(a.chars, 10.0);
    }

    #[test]
    fn joined_features_add_up() {
        let (a, b) = pair("Peace.", "Paix. Sécurité.");
        let j = Features::join([&a, &b]);
        assert_eq!(j.total, a.total + b.total);
        assert_eq!(j.token_count(), a.token_count() + b.token_count());
    }

    #[test]
    fn endings_are_stripped_so_that_forms_of_a_word_meet() {
        let (en, fr) = (langid!("en"), langid!("fr"));
        for forms in [
            ["honour", "honoured", "honouring"],
            ["country", "countries", "country"],
            ["deep", "deeply", "deep"],
            ["commit", "committed", "commits"],
        ] {
            let stems: Vec<String> = forms.iter().map(|w| stem(&fold(w), &en)).collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{forms:?}: {stems:?}");
        }
        for forms in [
            ["honorer", "honorées", "honorent"],
            ["souvenir", "souvenons", "souvenir"],
            ["profond", "profondément", "profonde"],
            ["rendre", "rendent", "rend"],
            ["nation", "nations", "nation"],
        ] {
            let stems: Vec<String> = forms.iter().map(|w| stem(&fold(w), &fr)).collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{forms:?}: {stems:?}");
        }
    }

    #[test]
    fn inflected_forms_and_irregular_forms_meet_through_the_word_list() {
        for (en, fr) in [
            (
                "They honoured the fallen.",
                "Ils ont rendu hommage aux disparus.",
            ),
            (
                "The Council brought them together.",
                "Le Conseil les a réunis.",
            ),
            ("We remember them.", "Nous nous souvenons d’eux."),
            ("Good morning.", "Bonjour."),
        ] {
            let (a, b) = pair(en, fr);
            assert!(a.matched_in(&b) > 0.0, "{en} / {fr}");
        }
    }

    #[test]
    fn words_common_in_every_speech_weigh_less() {
        let (a, _) = pair("United Nations", "");
        let (b, _) = pair("cholera vaccine", "");
        assert!(a.total < b.total / 2.0, "{} vs {}", a.total, b.total);
    }
}
