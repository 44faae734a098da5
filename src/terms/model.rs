//! The term base's model: a [`Concept`] (a TBX `conceptEntry`) holds, per language, the
//! [`Term`]s that name it, each with its part of speech, a note and its [`Status`].

use serde::Serialize;
use unic_langid::LanguageIdentifier;

/// How a term base says a term may be used: TBX's `administrativeStatus`.
///
/// TBX-Basic has four values, and so has Tribune, so that a file written by `terms export`
/// says what the file it came from said. The values other dialects and tools write are read
/// as the nearest of the four ([`Status::parse`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The term to use (`preferredTerm-admn-sts`).
    Preferred,
    /// A term that may be used (`admittedTerm-admn-sts`).
    Admitted,
    /// A term not to use (`deprecatedTerm-admn-sts`).
    Deprecated,
    /// A term that was replaced and is not to be used any more (`supersededTerm-admn-sts`).
    Superseded,
}

impl Status {
    /// Every status, in order of preference.
    pub const ALL: [Status; 4] = [
        Status::Preferred,
        Status::Admitted,
        Status::Deprecated,
        Status::Superseded,
    ];

    /// Its short name: `preferred`, `admitted`, `deprecated`, `superseded` (JSON output, CSV
    /// files, Fluent message ids).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
            Status::Superseded => "superseded",
        }
    }

    /// The TBX-Basic value of `<termNote type="administrativeStatus">`.
    pub fn tbx_value(self) -> &'static str {
        match self {
            Status::Preferred => "preferredTerm-admn-sts",
            Status::Admitted => "admittedTerm-admn-sts",
            Status::Deprecated => "deprecatedTerm-admn-sts",
            Status::Superseded => "supersededTerm-admn-sts",
        }
    }

    /// Reads a status as files write it, in any case: the TBX values (`preferredTerm-admn-sts`
    /// …, and TBX 2008's `standardizedTerm-admn-sts`, `legalTerm-admn-sts` and
    /// `regulatedTerm-admn-sts`, which are approved terms, as preferred), TBX-Min's
    /// (`preferred`, `admitted`, `notRecommended`, `obsolete`), the short names, and
    /// `forbidden` as some tools write it (read as deprecated).
    pub fn parse(value: &str) -> Option<Status> {
        let value = value.trim().to_ascii_lowercase();
        let name = value.strip_suffix("-admn-sts").unwrap_or(&value);
        let name = name.strip_suffix("term").unwrap_or(name);
        Some(match name {
            "preferred" | "standardized" | "legal" | "regulated" => Status::Preferred,
            "admitted" => Status::Admitted,
            "deprecated" | "notrecommended" | "forbidden" => Status::Deprecated,
            "superseded" | "obsolete" => Status::Superseded,
            _ => return None,
        })
    }

    /// Whether a translation may use a term of this status.
    pub fn is_approved(self) -> bool {
        matches!(self, Status::Preferred | Status::Admitted)
    }
}

/// The most terms one concept may have, and the most columns a term base spreadsheet may
/// have: a real concept has a few terms in each of a few dozen languages; a file with more
/// is refused where it goes over, before it costs time and memory.
pub const MAX_TERMS: usize = 2_000;

/// One term: a word or phrase that names a concept in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// The term as written (white space collapsed).
    pub text: String,
    /// Its part of speech (`noun`, `verb`, `adjective`, `adverb`, `other` in TBX-Basic).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of_speech: Option<String>,
    /// Its status; a term base that says nothing admits the term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// A note on the term (a usage note).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Term {
    /// A term with nothing but its text.
    pub fn new(text: impl Into<String>) -> Term {
        Term {
            text: text.into(),
            part_of_speech: None,
            status: None,
            note: None,
        }
    }

    /// The same term with a status.
    pub fn with_status(mut self, status: Status) -> Term {
        self.status = Some(status);
        self
    }

    /// Whether a translation may use it: preferred, admitted, or without a status.
    pub fn is_approved(&self) -> bool {
        self.status.is_none_or(Status::is_approved)
    }

    /// Whether the term base says not to use it (deprecated or superseded): what
    /// `tribune check` reports when a translation uses it.
    pub fn is_forbidden(&self) -> bool {
        !self.is_approved()
    }

    /// Its rank among a concept's terms in one language: preferred first, then admitted and
    /// unmarked, then the ones not to use.
    pub fn rank(&self) -> u8 {
        match self.status {
            Some(Status::Preferred) => 0,
            Some(Status::Admitted) | None => 1,
            Some(Status::Deprecated) => 2,
            Some(Status::Superseded) => 3,
        }
    }
}

/// The terms of one language in a concept (a TBX `langSec`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageTerms {
    /// The language.
    pub lang: LanguageIdentifier,
    /// Its terms, in the order of the file, at least one.
    pub terms: Vec<Term>,
}

/// A concept: what a term base entry is about, with the terms that name it in each language
/// (a TBX `conceptEntry`, a TBX 2008 `termEntry`, a row of a CSV file).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Concept {
    /// Its id in the term base (an XML name: `c12`, `peacekeeper`). A concept read from a
    /// file without one gets one when it is stored.
    pub id: Option<String>,
    /// Its subject field (`peacekeeping`, `water and sanitation`).
    pub subject_field: Option<String>,
    /// Its definition.
    pub definition: Option<String>,
    /// A note on the concept.
    pub note: Option<String>,
    /// Its terms, one section per language, in the order of the file.
    pub languages: Vec<LanguageTerms>,
}

impl Concept {
    /// The terms of a language, matched on its language subtag as lookups match (`en` finds
    /// `en-GB` terms, `fr-CA` finds `fr` ones), the sections with the exact tag first.
    pub fn terms_in<'c>(&'c self, lang: &LanguageIdentifier) -> impl Iterator<Item = &'c Term> {
        let (wanted, other) = (lang.clone(), lang.clone());
        let exact = self.languages.iter().filter(move |s| s.lang == wanted);
        let others = self
            .languages
            .iter()
            .filter(move |s| s.lang != other && s.lang.language == other.language);
        exact.chain(others).flat_map(|s| s.terms.iter())
    }

    /// Whether the concept has a term in the language (matched on the subtag).
    pub fn has_language(&self, lang: &LanguageIdentifier) -> bool {
        self.languages
            .iter()
            .any(|s| s.lang.language == lang.language && !s.terms.is_empty())
    }

    /// Every term with its language, in order.
    pub fn all_terms(&self) -> impl Iterator<Item = (&LanguageIdentifier, &Term)> {
        self.languages
            .iter()
            .flat_map(|s| s.terms.iter().map(move |t| (&s.lang, t)))
    }

    /// How many terms it has.
    pub fn term_count(&self) -> usize {
        self.languages.iter().map(|s| s.terms.len()).sum()
    }

    /// Adds a term in a language, after the ones it has (a second term of the same text in
    /// the same language is not added: the first one's fields are kept, and filled in where
    /// it had none).
    pub fn push_term(&mut self, lang: LanguageIdentifier, term: Term) {
        let section = match self.languages.iter().position(|s| s.lang == lang) {
            Some(index) => &mut self.languages[index],
            None => {
                self.languages.push(LanguageTerms {
                    lang,
                    terms: Vec::new(),
                });
                self.languages.last_mut().expect("just pushed")
            }
        };
        match section.terms.iter_mut().find(|t| t.text == term.text) {
            Some(existing) => {
                existing.part_of_speech = existing.part_of_speech.take().or(term.part_of_speech);
                existing.status = existing.status.or(term.status);
                existing.note = existing.note.take().or(term.note);
            }
            None => section.terms.push(term),
        }
    }

    /// The set of its terms, (language tag, text) sorted: two concepts with the same set are
    /// one concept to an import.
    pub fn term_set(&self) -> Vec<(String, &str)> {
        let mut set: Vec<(String, &str)> = self
            .all_terms()
            .map(|(lang, term)| (lang.to_string(), term.text.as_str()))
            .collect();
        set.sort_unstable();
        set.dedup();
        set
    }

    /// The id a concept without one is stored under: `c` and a hash of its term set, so
    /// that the same terms read again (from a file without ids) get the same id.
    pub fn derived_id(&self) -> String {
        // FNV-1a: stable across versions, as an id kept in a memory must be.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for (lang, text) in self.term_set() {
            for byte in lang.bytes().chain([0]).chain(text.bytes()).chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("c{hash:016x}")
    }

    /// Merges a concept read again (from another file, or a new version of the same one):
    /// its subject field, definition and note replace these when it has them; its terms
    /// are added, and the fields a term it shares with this one has replace that term's.
    /// Whether anything changed.
    pub fn merge(&mut self, other: Concept) -> bool {
        let before = self.clone();
        if other.subject_field.is_some() {
            self.subject_field = other.subject_field;
        }
        if other.definition.is_some() {
            self.definition = other.definition;
        }
        if other.note.is_some() {
            self.note = other.note;
        }
        for section in other.languages {
            for term in section.terms {
                let existing = self
                    .languages
                    .iter_mut()
                    .filter(|s| s.lang == section.lang)
                    .flat_map(|s| s.terms.iter_mut())
                    .find(|t| t.text == term.text);
                match existing {
                    Some(existing) => {
                        if term.part_of_speech.is_some() {
                            existing.part_of_speech = term.part_of_speech;
                        }
                        if term.status.is_some() {
                            existing.status = term.status;
                        }
                        if term.note.is_some() {
                            existing.note = term.note;
                        }
                    }
                    None => self.push_term(section.lang.clone(), term),
                }
            }
        }
        *self != before
    }
}

/// Collapses runs of white space into one space and trims: how a term, a note or a field is
/// kept (a TBX file wraps long notes over several lines).
pub fn collapse_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `id` can be a TBX id: an XML name without a colon (`xsd:ID`), which starts with
/// a letter or `_` and goes on with letters, digits, `-`, `.` and `_`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '\u{b7}'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    #[test]
    fn statuses_are_read_from_every_dialect() {
        for (value, status) in [
            ("preferredTerm-admn-sts", Status::Preferred),
            ("admittedTerm-admn-sts", Status::Admitted),
            ("deprecatedTerm-admn-sts", Status::Deprecated),
            ("supersededTerm-admn-sts", Status::Superseded),
            ("standardizedTerm-admn-sts", Status::Preferred),
            ("notRecommended", Status::Deprecated),
            ("obsolete", Status::Superseded),
            ("Forbidden", Status::Deprecated),
            (" preferred ", Status::Preferred),
        ] {
            assert_eq!(Status::parse(value), Some(status), "{value}");
        }
        assert_eq!(Status::parse("maybe"), None);
        for status in Status::ALL {
            assert_eq!(Status::parse(status.tbx_value()), Some(status));
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn merging_adds_terms_and_replaces_the_fields_given() {
        let mut stored = Concept {
            id: Some("c1".into()),
            subject_field: Some("peacekeeping".into()),
            ..Concept::default()
        };
        stored.push_term(langid!("en"), Term::new("peacekeeper"));
        stored.push_term(
            langid!("fr"),
            Term::new("Casque bleu").with_status(Status::Preferred),
        );
        let mut again = stored.clone();
        assert!(!again.merge(stored.clone()));
        let mut update = Concept::default();
        update.push_term(
            langid!("fr"),
            Term::new("gardien de la paix").with_status(Status::Deprecated),
        );
        update.push_term(langid!("fr"), Term::new("Casque bleu"));
        assert!(stored.merge(update));
        let fr: Vec<_> = stored.terms_in(&langid!("fr-FR")).collect();
        assert_eq!(fr.len(), 2);
        assert_eq!(fr[0].status, Some(Status::Preferred));
        assert!(fr[1].is_forbidden());
        assert_eq!(stored.subject_field.as_deref(), Some("peacekeeping"));
    }

    #[test]
    fn ids_are_xml_names() {
        assert!(is_valid_id("c12"));
        assert!(is_valid_id("_x.y-z"));
        assert!(is_valid_id("Casque"));
        assert!(!is_valid_id("12"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("a:b"));
        assert!(!is_valid_id(""));
    }
}
