//! The term base: concepts with their terms in each language and the status of each term
//! (preferred, admitted, deprecated, superseded), as translators of official speeches keep
//! them (docs/terms.md).
//!
//! - [`model`]: [`Concept`], [`Term`], [`Status`];
//! - [`tbx`]: TBX read (2008, 2019, TBX-Min) and written (TBX-Basic 2019), streaming,
//!   through the XML cursor every exchange format shares, with its hostile-input rules;
//! - [`csv`]: term bases kept as spreadsheets (CSV, TSV) with a header row of languages;
//! - [`find`]: terms found in a text with the memory's tolerance (case, accents, word forms):
//!   [`TermMatcher`], [`target_has`];
//! - [`import_terms`] and [`export_tbx`]: files into a memory's term base and back, through
//!   the store boundary (`crate::memory::TranslationStore`), one transaction per file.
//!
//! Terms live in the memory file; this module knows nothing of SQL. It uses the memory's
//! tokenizer and word forms (pure functions), so that a term is found the way a lookup
//! matches words.

pub mod csv;
mod error;
pub mod find;
mod import;
pub mod model;
pub mod tbx;

pub use error::TermsError;
pub use find::{find_terms, target_has, PreparedText, TargetCheck, TermHit, TermMatcher, TermUse};
pub use import::{export_tbx, import_terms, ConceptReader, TermFormat};
pub use model::{Concept, LanguageTerms, Status, Term};
