//! Finding a term base's terms in a text, the way the memory matches words: case and
//! accents do not matter ("SECRETAIRE GENERAL" is "Secrétaire général"), and each word of a
//! term may be another form of it, by the language's word forms (`languages/<lang>/
//! word_forms.toml`: "peacekeeper" finds "peacekeepers", "Casque bleu" finds "Casques
//! bleus"). Hyphens and dashes are not needed ("Secretary General" is "Secretary-General"),
//! other punctuation is ("U.N." is not "UN"), and a term written in capitals (an acronym:
//! UN, WMO, ONU) is found only as written, so that "UN" is not the French article "un".
//!
//! [`TermMatcher`] holds the terms of a language pair, indexed by their first word, for the
//! segments of a speech; [`target_has`] tells whether a translation uses a term (for
//! `tribune check`).

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::memory::score::WordForms;
use crate::memory::tokens::{tokenize, word_index_key, TokenKind};
use crate::memory::{MemoryError, TranslationStore};
use crate::text::fold::is_apostrophe;

use super::model::{Concept, Term};

/// A term found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermHit {
    /// Where it is: a byte range of the text.
    pub start: usize,
    /// The end of the byte range.
    pub end: usize,
    /// The text there, as written (`peacekeepers`).
    pub text: String,
    /// The concept's id in the term base.
    pub concept: String,
    /// The concept's subject field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_field: Option<String>,
    /// The source-language term found (`peacekeeper`).
    pub source: Term,
    /// The concept's terms in the target language, preferred first, those not to use last.
    pub targets: Vec<Term>,
}

impl TermHit {
    /// The byte range of the hit in the text.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The target terms a translation may use (preferred, admitted, unmarked).
    pub fn approved_targets(&self) -> impl Iterator<Item = &Term> {
        self.targets.iter().filter(|t| t.is_approved())
    }

    /// The target terms the term base says not to use (deprecated, superseded).
    pub fn forbidden_targets(&self) -> impl Iterator<Item = &Term> {
        self.targets.iter().filter(|t| t.is_forbidden())
    }

    /// What a translation (`target_text`, in `lang`) does with this hit's concept: which
    /// approved term it uses, and which terms not to use it uses (`tribune check`).
    pub fn check_target(&self, target_text: &str, lang: &LanguageIdentifier) -> TargetCheck {
        let target = PreparedText::new(target_text, lang);
        let mut approved = None;
        let mut approved_spans: Vec<Range<usize>> = Vec::new();
        for term in self.approved_targets() {
            let spans = target.find_all(&term.text);
            if approved.is_none() {
                if let Some(first) = spans.first() {
                    approved = Some(TermUse {
                        term: term.clone(),
                        start: first.start,
                        end: first.end,
                    });
                }
            }
            approved_spans.extend(spans);
        }
        let mut forbidden = Vec::new();
        for term in self.forbidden_targets() {
            // Where an approved term is, a forbidden one that reads the same once folded
            // (or lies inside it) is the approved one.
            let used = target.find_all(&term.text).into_iter().find(|span| {
                !approved_spans
                    .iter()
                    .any(|a| a.start <= span.start && span.end <= a.end)
            });
            if let Some(span) = used {
                forbidden.push(TermUse {
                    term: term.clone(),
                    start: span.start,
                    end: span.end,
                });
            }
        }
        TargetCheck {
            has_approved: self.approved_targets().next().is_some(),
            approved,
            forbidden,
        }
    }
}

/// A target term a translation uses, and where (a byte range of the translation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermUse {
    /// The term.
    pub term: Term,
    /// Where it starts.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
}

/// What a translation does with a concept found in its source ([`TermHit::check_target`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetCheck {
    /// Whether the concept has an approved term in the target language at all.
    pub has_approved: bool,
    /// The first approved term the translation uses.
    pub approved: Option<TermUse>,
    /// The terms not to use that the translation uses, each once, where it first does.
    pub forbidden: Vec<TermUse>,
}

impl TargetCheck {
    /// Whether the translation lacks the approved translation of the term: the concept has
    /// one, and the translation uses none.
    pub fn missing_approved(&self) -> bool {
        self.has_approved && self.approved.is_none()
    }
}

/// A token of a term or a text as matching compares it.
#[derive(Debug, Clone)]
struct Piece {
    kind: TokenKind,
    /// The comparison key: a word's index key (lower case, no accents), a number's value, a
    /// punctuation mark's canonical form.
    key: String,
    /// A word as written (its final apostrophe left out).
    word: String,
    /// A word in capitals (an acronym) is only matched as written.
    acronym: bool,
    start: usize,
    end: usize,
}

fn is_dash(key: &str) -> bool {
    key == "-" || key == "/"
}

fn is_acronym(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// The pieces of a text: its words, numbers and punctuation marks, without hyphens,
/// dashes, slashes and tags (`<b>`, `{0}`), which never keep a term from matching.
fn pieces(text: &str) -> Vec<Piece> {
    tokenize(text)
        .into_iter()
        .filter_map(|token| {
            let key = token.key();
            match token.kind {
                TokenKind::Tag => None,
                TokenKind::Punctuation if is_dash(&key) => None,
                TokenKind::Word => {
                    let word = token.text.trim_end_matches(is_apostrophe);
                    let word = if word.is_empty() { token.text } else { word };
                    Some(Piece {
                        kind: TokenKind::Word,
                        key: word_index_key(word),
                        word: word.to_owned(),
                        acronym: is_acronym(word),
                        start: token.start,
                        end: token.start + word.len(),
                    })
                }
                kind => Some(Piece {
                    kind,
                    key: key.into_owned(),
                    word: String::new(),
                    acronym: false,
                    start: token.start,
                    end: token.start + token.text.len(),
                }),
            }
        })
        .collect()
}

/// Whether a piece of a term matches a piece of a text.
fn piece_matches(term: &Piece, text: &Piece, forms: &WordForms) -> bool {
    if term.kind != text.kind {
        return false;
    }
    if term.kind != TokenKind::Word {
        return term.key == text.key;
    }
    if term.acronym {
        return term.word == text.word;
    }
    // The forms of terms ([`WordForms::of_terms`]): "peacekeeper" and "peacekeepers", not
    // "peacekeeping".
    term.key == text.key || forms.related(&term.key, &text.key)
}

/// Whether `term` matches the text's pieces from `at` on.
fn matches_at(term: &[Piece], text: &[Piece], at: usize, forms: &WordForms) -> bool {
    term.len() <= text.len() - at
        && term
            .iter()
            .zip(&text[at..])
            .all(|(t, x)| piece_matches(t, x, forms))
}

/// The keys a piece is filed and probed under: its key and, for a word, every stem the
/// language's endings allow (two forms of a word share a stem). A term's acronym is filed
/// under its key only: it matches only as written.
fn probe_keys<'p>(
    piece: &'p Piece,
    forms: &'p WordForms,
    filing: bool,
) -> impl Iterator<Item = &'p str> {
    let stems = (piece.kind == TokenKind::Word && !(filing && piece.acronym))
        .then(|| forms.stems(&piece.key))
        .into_iter()
        .flatten();
    std::iter::once(piece.key.as_str()).chain(stems)
}

/// A text prepared once for several term questions ([`PreparedText::find`]).
#[derive(Debug, Clone)]
pub struct PreparedText<'t> {
    text: &'t str,
    pieces: Vec<Piece>,
    forms: &'static WordForms,
}

impl<'t> PreparedText<'t> {
    /// `text`, in `lang` (whose word forms apply).
    pub fn new(text: &'t str, lang: &LanguageIdentifier) -> PreparedText<'t> {
        PreparedText {
            text,
            pieces: pieces(text),
            forms: WordForms::of_terms(lang),
        }
    }

    /// Where the text first uses `term` (with the tolerance of the module documentation),
    /// as a byte range.
    pub fn find(&self, term: &str) -> Option<Range<usize>> {
        self.find_all(term).into_iter().next()
    }

    /// Everywhere the text uses `term`, in order, without overlaps.
    pub fn find_all(&self, term: &str) -> Vec<Range<usize>> {
        let term = pieces(term);
        let mut found = Vec::new();
        if term.is_empty() {
            return found;
        }
        let mut at = 0;
        while at < self.pieces.len() {
            if matches_at(&term, &self.pieces, at, self.forms) {
                found.push(self.pieces[at].start..self.pieces[at + term.len() - 1].end);
                at += term.len();
            } else {
                at += 1;
            }
        }
        found
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }
}

/// Where `target_text` (in `lang`) uses `term`: `tribune check` asks it of a translation for
/// a concept's approved terms (is one there?) and its forbidden ones (is one there?).
pub fn target_has(
    target_text: &str,
    term: &Term,
    lang: &LanguageIdentifier,
) -> Option<Range<usize>> {
    PreparedText::new(target_text, lang).find(&term.text)
}

/// One source term of a concept, ready to match.
#[derive(Debug)]
struct Pattern {
    concept: usize,
    term: Term,
    pieces: Vec<Piece>,
}

/// The terms of a term base in one language pair, ready to be found in texts
/// ([`TermMatcher::find_terms`]). Made once for a speech, it answers for every segment.
#[derive(Debug)]
pub struct TermMatcher {
    from: LanguageIdentifier,
    to: LanguageIdentifier,
    concepts: Vec<Concept>,
    patterns: Vec<Pattern>,
    /// Patterns by the keys of their first piece.
    index: FxHashMap<String, Vec<u32>>,
}

impl TermMatcher {
    /// The matcher of `concepts`' terms from `from` to `to` (matched on the language subtag,
    /// as lookups match: `en` finds `en-GB` terms). A concept without a term in both
    /// languages is left out. `TranslationStore::concepts_for` gives the concepts.
    pub fn new(
        concepts: Vec<Concept>,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> TermMatcher {
        let forms = WordForms::of_terms(from);
        let concepts: Vec<Concept> = concepts
            .into_iter()
            .filter(|c| c.has_language(from) && c.has_language(to))
            .collect();
        let mut patterns = Vec::new();
        let mut index: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (number, concept) in concepts.iter().enumerate() {
            for term in concept.terms_in(from) {
                let pieces = pieces(&term.text);
                let Some(first) = pieces.first() else {
                    continue;
                };
                let id = patterns.len() as u32;
                for key in probe_keys(first, forms, true) {
                    let list = index.entry(key.to_owned()).or_default();
                    if list.last() != Some(&id) {
                        list.push(id);
                    }
                }
                patterns.push(Pattern {
                    concept: number,
                    term: term.clone(),
                    pieces,
                });
            }
        }
        TermMatcher {
            from: from.clone(),
            to: to.clone(),
            concepts,
            patterns,
            index,
        }
    }

    /// The matcher of the memory's term base from `from` to `to`, or `None` when the term
    /// base holds no concept with terms in both: what a memory lookup, a term lookup and a
    /// check build before finding terms, whichever front end asks.
    pub fn for_store(
        store: &dyn TranslationStore,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> Result<Option<TermMatcher>, MemoryError> {
        let matcher = TermMatcher::new(store.concepts_for(from, to)?, from, to);
        Ok(Some(matcher).filter(|m| !m.is_empty()))
    }

    /// The source language.
    pub fn from(&self) -> &LanguageIdentifier {
        &self.from
    }

    /// The target language.
    pub fn to(&self) -> &LanguageIdentifier {
        &self.to
    }

    /// How many concepts it finds.
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    /// Whether it finds nothing.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// The terms found in `text` (in the source language), in text order. Where terms
    /// overlap the longest wins ("Special Representative of the Secretary-General" rather
    /// than "Secretary-General"), and a text span names each concept once; two concepts
    /// with the same term (a homonym in two subject fields) are both given.
    pub fn find_terms(&self, text: &str) -> Vec<TermHit> {
        let forms = WordForms::of_terms(&self.from);
        let text_pieces = pieces(text);
        let mut hits = Vec::new();
        let mut candidates: Vec<u32> = Vec::new();
        let mut at = 0;
        while at < text_pieces.len() {
            candidates.clear();
            for key in probe_keys(&text_pieces[at], forms, false) {
                if let Some(list) = self.index.get(key) {
                    candidates.extend_from_slice(list);
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            let mut longest = 0;
            let mut best: Vec<u32> = Vec::new();
            for &id in &candidates {
                let pattern = &self.patterns[id as usize];
                if !matches_at(&pattern.pieces, &text_pieces, at, forms) {
                    continue;
                }
                let length = pattern.pieces.len();
                if length > longest {
                    longest = length;
                    best.clear();
                }
                if length == longest {
                    best.push(id);
                }
            }
            if longest == 0 {
                at += 1;
                continue;
            }
            let start = text_pieces[at].start;
            let end = text_pieces[at + longest - 1].end;
            let mut seen: Vec<usize> = Vec::new();
            for id in best {
                let pattern = &self.patterns[id as usize];
                if seen.contains(&pattern.concept) {
                    continue;
                }
                seen.push(pattern.concept);
                let concept = &self.concepts[pattern.concept];
                let mut targets: Vec<Term> = concept.terms_in(&self.to).cloned().collect();
                targets.sort_by_key(Term::rank);
                hits.push(TermHit {
                    start,
                    end,
                    text: text[start..end].to_owned(),
                    concept: concept.id.clone().unwrap_or_else(|| concept.derived_id()),
                    subject_field: concept.subject_field.clone(),
                    source: pattern.term.clone(),
                    targets,
                });
            }
            at += longest;
        }
        hits
    }
}

/// The terms of `concepts` found in `text`, from `from` to `to` (see
/// [`TermMatcher::find_terms`]; make a [`TermMatcher`] once to ask of many texts).
pub fn find_terms(
    concepts: &[Concept],
    text: &str,
    from: &LanguageIdentifier,
    to: &LanguageIdentifier,
) -> Vec<TermHit> {
    TermMatcher::new(concepts.to_vec(), from, to).find_terms(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::Status;
    use unic_langid::langid;

    fn concept(id: &str, en: &[&str], fr: &[(&str, Option<Status>)]) -> Concept {
        let mut concept = Concept {
            id: Some(id.into()),
            ..Concept::default()
        };
        for text in en {
            concept.push_term(langid!("en"), Term::new(*text));
        }
        for (text, status) in fr {
            let mut term = Term::new(*text);
            term.status = *status;
            concept.push_term(langid!("fr"), term);
        }
        concept
    }

    fn base() -> Vec<Concept> {
        vec![
            concept(
                "peacekeeper",
                &["peacekeeper"],
                &[
                    ("gardien de la paix", Some(Status::Deprecated)),
                    ("Casque bleu", Some(Status::Preferred)),
                ],
            ),
            concept(
                "sg",
                &["Secretary-General"],
                &[("Secrétaire général", None)],
            ),
            concept(
                "srsg",
                &["Special Representative of the Secretary-General"],
                &[("Représentant spécial du Secrétaire général", None)],
            ),
            concept(
                "un",
                &["United Nations", "UN"],
                &[("Nations Unies", None), ("ONU", None)],
            ),
            concept(
                "council",
                &["Security Council"],
                &[("Conseil de sécurité", None)],
            ),
            concept("english-only", &["water"], &[]),
        ]
    }

    #[test]
    fn word_forms_case_and_accents_are_tolerated() {
        let matcher = TermMatcher::new(base(), &langid!("en-GB"), &langid!("fr"));
        assert_eq!(matcher.len(), 5, "the concept without French is left out");
        let text = "We salute the PEACEKEEPERS and the Secretary General’s envoy.";
        let hits = matcher.find_terms(text);
        let found: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (h.text.as_str(), h.concept.as_str()))
            .collect();
        assert_eq!(
            found,
            [("PEACEKEEPERS", "peacekeeper"), ("Secretary General", "sg")]
        );
        assert_eq!(&text[hits[0].span()], "PEACEKEEPERS");
        // The preferred translation first, the one not to use last.
        let targets: Vec<&str> = hits[0].targets.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(targets, ["Casque bleu", "gardien de la paix"]);
        assert_eq!(hits[0].approved_targets().count(), 1);
        assert_eq!(hits[0].forbidden_targets().count(), 1);
    }

    #[test]
    fn the_longest_term_wins_and_acronyms_keep_their_case() {
        let matcher = TermMatcher::new(base(), &langid!("en"), &langid!("fr"));
        let hits = matcher.find_terms(
            "The Special Representative of the Secretary-General briefed the UN Security Council.",
        );
        let concepts: Vec<&str> = hits.iter().map(|h| h.concept.as_str()).collect();
        assert_eq!(concepts, ["srsg", "un", "council"]);
        // "un" in a text is not the acronym UN, and "U.N." keeps its points.
        assert!(matcher.find_terms("It was un peu late.").is_empty());
        assert!(matcher.find_terms("U.N.").is_empty());
        // Commas break a term.
        assert!(matcher.find_terms("security, council").is_empty());
    }

    #[test]
    fn a_translation_is_checked_for_the_approved_term_and_the_ones_not_to_use() {
        let matcher = TermMatcher::new(base(), &langid!("en"), &langid!("fr"));
        let hit = &matcher.find_terms("Our peacekeepers serve.")[0];
        let fr = langid!("fr");
        let good = hit.check_target("Nos Casques bleus servent.", &fr);
        assert!(!good.missing_approved() && good.forbidden.is_empty());
        assert_eq!(good.approved.as_ref().unwrap().start, 4);
        let bad = hit.check_target("Nos gardiens de la paix servent.", &fr);
        assert!(bad.missing_approved());
        assert_eq!(bad.forbidden[0].term.text, "gardien de la paix");
        // A variant not to use that reads like the approved term once folded is the
        // approved term.
        let mut concept = concept(
            "sg2",
            &["Secretary-General"],
            &[("Secrétaire général", None)],
        );
        concept.push_term(
            langid!("fr"),
            Term::new("Secrétaire-Général").with_status(Status::Superseded),
        );
        let matcher = TermMatcher::new(vec![concept], &langid!("en"), &langid!("fr"));
        let hit = &matcher.find_terms("The Secretary-General spoke.")[0];
        let check = hit.check_target("Le Secrétaire général a parlé.", &fr);
        assert!(check.approved.is_some() && check.forbidden.is_empty());
    }

    #[test]
    fn words_that_only_share_a_stem_are_not_forms_of_a_term() {
        let matcher = TermMatcher::new(base(), &langid!("en"), &langid!("fr"));
        let hits = matcher.find_terms("Peacekeeping works because peacekeepers serve.");
        let texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["peacekeepers"]);
    }

    #[test]
    fn french_plurals_are_forms_of_the_term() {
        let matcher = TermMatcher::new(base(), &langid!("fr"), &langid!("en"));
        let hits = matcher.find_terms("Les Casques bleus et les secrétaires généraux.");
        let concepts: Vec<&str> = hits.iter().map(|h| h.concept.as_str()).collect();
        assert_eq!(concepts, ["peacekeeper", "sg"]);
        assert_eq!(hits[0].text, "Casques bleus");
        // Short words are not forms of each other: "paix" does not find "pays".
        let fr = langid!("fr");
        let deprecated = Term::new("gardien de la paix");
        assert!(target_has("Les gardiens de la paix sont là.", &deprecated, &fr).is_some());
        assert!(target_has("Les gardiens de la pays.", &deprecated, &fr).is_none());
        let text = "Nous remercions l’ONU.";
        let range = target_has(text, &Term::new("ONU"), &fr).unwrap();
        assert_eq!(&text[range], "ONU");
    }

    #[test]
    fn a_memory_without_terms_of_the_pair_gives_no_matcher() {
        let dir = tempfile::tempdir().unwrap();
        let mut memory = crate::memory::Memory::open(dir.path().join("tm.sqlite")).unwrap();
        let (en, fr) = (langid!("en"), langid!("fr"));
        assert!(TermMatcher::for_store(&memory, &en, &fr).unwrap().is_none());
        let mut import = TranslationStore::begin_terms_import(&mut memory).unwrap();
        for concept in base() {
            import.add(concept).unwrap();
        }
        import.commit().unwrap();
        let matcher = TermMatcher::for_store(&memory, &en, &fr).unwrap().unwrap();
        let hits = matcher.find_terms("The Security Council met.");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].text, "Security Council");
        assert!(TermMatcher::for_store(&memory, &en, &langid!("de"))
            .unwrap()
            .is_none());
    }
}
