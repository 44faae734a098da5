//! The term base inside a memory file (schema 5): `concepts` (one row per concept: its id in
//! the term base, subject field, definition, note, and the hash of its term set) and
//! `terms` (one row per term, in the concept's order, with its language tag and subtag,
//! part of speech, status and note). docs/terms.md, "Storage".
//!
//! A term base holds thousands of concepts, not millions: finding terms in a speech loads
//! the concepts of its language pair once ([`Memory::concepts_for`]) and matches them in
//! memory ([`crate::terms::TermMatcher`]).

use std::ops::ControlFlow;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::hash::Hasher;
use super::{Memory, MemoryError};
use crate::terms::{Concept, LanguageTerms, Status, Term};

/// What storing one concept did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermAdded {
    /// A new concept.
    New,
    /// Merged into a stored concept (the same id, or the same terms), which changed.
    Updated,
    /// Merged into a stored concept that already said all of it.
    Unchanged,
    /// Not stored: it has no term.
    Skipped,
}

/// The counts of a term base import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TermImportSummary {
    /// Concepts read.
    pub read: u64,
    /// New concepts stored.
    pub added: u64,
    /// Stored concepts changed by the import.
    pub updated: u64,
    /// Concepts the memory already had as they were.
    pub unchanged: u64,
    /// Concepts without a term, not stored.
    pub skipped: u64,
}

impl TermImportSummary {
    fn count(&mut self, added: TermAdded) {
        self.read += 1;
        match added {
            TermAdded::New => self.added += 1,
            TermAdded::Updated => self.updated += 1,
            TermAdded::Unchanged => self.unchanged += 1,
            TermAdded::Skipped => self.skipped += 1,
        }
    }
}

/// A term base import in progress: one transaction, which [`TermsImport::commit`] ends;
/// dropped, it leaves the memory as it was.
pub struct TermsImport<'m> {
    tx: Transaction<'m>,
    path: &'m std::path::Path,
    summary: TermImportSummary,
}

/// The hash of a concept's term set: concepts with the same terms are one concept.
fn term_set_hash(concept: &Concept) -> i64 {
    let mut hasher = Hasher::new(0x7465_726d);
    for (lang, text) in concept.term_set() {
        hasher.write(lang.as_bytes());
        hasher.write(text.as_bytes());
    }
    hasher.finish() as i64
}

/// The language subtag terms are looked up by (`en` for `en-GB`).
fn subtag(lang: &LanguageIdentifier) -> &str {
    lang.language.as_str()
}

/// Reads concepts from rows of (row id, concept id, subject field, definition, note, term
/// language, text, part of speech, status, note), ordered by concept and position.
fn read_concepts(
    rows: &mut rusqlite::Rows<'_>,
    mut visit: impl FnMut(Concept) -> ControlFlow<()>,
) -> rusqlite::Result<()> {
    let mut current: Option<(i64, Concept)> = None;
    while let Some(row) = rows.next()? {
        let rowid: i64 = row.get(0)?;
        if current.as_ref().is_none_or(|(id, _)| *id != rowid) {
            if let Some((_, concept)) = current.take() {
                if visit(concept).is_break() {
                    return Ok(());
                }
            }
            current = Some((
                rowid,
                Concept {
                    id: Some(row.get(1)?),
                    subject_field: row.get(2)?,
                    definition: row.get(3)?,
                    note: row.get(4)?,
                    languages: Vec::new(),
                },
            ));
        }
        let Some((_, concept)) = current.as_mut() else {
            continue;
        };
        let lang: String = row.get(5)?;
        let lang: LanguageIdentifier = lang.parse().unwrap_or_default();
        let term = Term {
            text: row.get(6)?,
            part_of_speech: row.get(7)?,
            status: row
                .get::<_, Option<String>>(8)?
                .and_then(|s| Status::parse(&s)),
            note: row.get(9)?,
        };
        match concept.languages.last_mut() {
            Some(section) if section.lang == lang => section.terms.push(term),
            _ => concept.languages.push(LanguageTerms {
                lang,
                terms: vec![term],
            }),
        }
    }
    if let Some((_, concept)) = current {
        let _ = visit(concept);
    }
    Ok(())
}

const CONCEPT_COLUMNS: &str = "c.id, c.concept, c.subject_field, c.definition, c.note,
     t.lang, t.text, t.part_of_speech, t.status, t.note";

impl Memory {
    /// Starts a term base import: takes the write lock and opens the transaction that
    /// [`TermsImport::commit`] ends.
    pub fn begin_terms_import(&mut self) -> Result<TermsImport<'_>, MemoryError> {
        if self.read_only {
            return Err(MemoryError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let path = &self.path;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| MemoryError::from_sql(path, e))?;
        Ok(TermsImport {
            tx,
            path,
            summary: TermImportSummary::default(),
        })
    }

    /// Hands every concept to `visit` in storage order (the order they were first
    /// imported), for export, until it says to stop.
    pub fn for_each_concept(
        &self,
        visit: impl FnMut(Concept) -> ControlFlow<()>,
    ) -> Result<(), MemoryError> {
        let sql = |e| self.sql_error(e);
        let mut statement = self
            .conn
            .prepare(&format!(
                "SELECT {CONCEPT_COLUMNS} FROM concepts c JOIN terms t ON t.concept = c.id
                 ORDER BY c.id, t.position"
            ))
            .map_err(sql)?;
        let mut rows = statement.query([]).map_err(sql)?;
        read_concepts(&mut rows, visit).map_err(sql)
    }

    /// The concepts with terms in both languages (matched on their subtags), in storage
    /// order: what [`crate::terms::TermMatcher`] finds in a text.
    pub fn concepts_for(
        &self,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> Result<Vec<Concept>, MemoryError> {
        let sql = |e| self.sql_error(e);
        let mut statement = self
            .conn
            .prepare_cached(&format!(
                "SELECT {CONCEPT_COLUMNS} FROM concepts c JOIN terms t ON t.concept = c.id
                 WHERE EXISTS (SELECT 1 FROM terms f WHERE f.language = ?1 AND f.concept = c.id)
                   AND EXISTS (SELECT 1 FROM terms g WHERE g.language = ?2 AND g.concept = c.id)
                 ORDER BY c.id, t.position"
            ))
            .map_err(sql)?;
        let mut rows = statement
            .query(params![subtag(from), subtag(to)])
            .map_err(sql)?;
        let mut concepts = Vec::new();
        read_concepts(&mut rows, |concept| {
            concepts.push(concept);
            ControlFlow::Continue(())
        })
        .map_err(sql)?;
        Ok(concepts)
    }

    /// How many concepts the term base has.
    pub fn concept_count(&self) -> Result<u64, MemoryError> {
        self.conn
            .query_row("SELECT count(*) FROM concepts", [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .map_err(|e| self.sql_error(e))
    }
}

impl TermsImport<'_> {
    fn sql(&self, e: rusqlite::Error) -> MemoryError {
        MemoryError::from_sql(self.path, e)
    }

    /// The stored concept at a row id.
    fn load(&self, rowid: i64) -> rusqlite::Result<Option<Concept>> {
        let mut statement = self.tx.prepare_cached(&format!(
            "SELECT {CONCEPT_COLUMNS} FROM concepts c JOIN terms t ON t.concept = c.id
             WHERE c.id = ?1 ORDER BY t.position"
        ))?;
        let mut rows = statement.query([rowid])?;
        let mut found = None;
        read_concepts(&mut rows, |concept| {
            found = Some(concept);
            ControlFlow::Break(())
        })?;
        Ok(found)
    }

    /// The stored concept `concept` is one with: the same id, else the same term set.
    fn find(&self, concept: &Concept, hash: i64) -> rusqlite::Result<Option<(i64, Concept)>> {
        if let Some(id) = &concept.id {
            let rowid: Option<i64> = self
                .tx
                .prepare_cached("SELECT id FROM concepts WHERE concept = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(rowid) = rowid {
                return Ok(self.load(rowid)?.map(|stored| (rowid, stored)));
            }
        }
        let rowids: Vec<i64> = self
            .tx
            .prepare_cached("SELECT id FROM concepts WHERE term_set = ?1 ORDER BY id")?
            .query_map([hash], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let wanted = concept.term_set();
        for rowid in rowids {
            if let Some(stored) = self.load(rowid)? {
                if stored.term_set() == wanted {
                    return Ok(Some((rowid, stored)));
                }
            }
        }
        Ok(None)
    }

    /// Writes a concept's terms (after its row), in order.
    fn write_terms(&self, rowid: i64, concept: &Concept) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached("DELETE FROM terms WHERE concept = ?1")?
            .execute([rowid])?;
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO terms (concept, position, lang, language, text, part_of_speech,
                                status, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (position, (lang, term)) in concept.all_terms().enumerate() {
            insert.execute(params![
                rowid,
                position as i64,
                lang.to_string(),
                subtag(lang),
                term.text,
                term.part_of_speech,
                term.status.map(Status::as_str),
                term.note,
            ])?;
        }
        Ok(())
    }

    fn add_inner(&mut self, mut concept: Concept) -> rusqlite::Result<TermAdded> {
        if concept.term_count() == 0 {
            return Ok(TermAdded::Skipped);
        }
        let hash = term_set_hash(&concept);
        if let Some((rowid, mut stored)) = self.find(&concept, hash)? {
            // The stored concept keeps its id.
            concept.id = None;
            if !stored.merge(concept) {
                return Ok(TermAdded::Unchanged);
            }
            self.tx
                .prepare_cached(
                    "UPDATE concepts SET term_set = ?2, subject_field = ?3, definition = ?4,
                                         note = ?5
                     WHERE id = ?1",
                )?
                .execute(params![
                    rowid,
                    term_set_hash(&stored),
                    stored.subject_field,
                    stored.definition,
                    stored.note
                ])?;
            self.write_terms(rowid, &stored)?;
            return Ok(TermAdded::Updated);
        }
        let base = concept.id.take().unwrap_or_else(|| concept.derived_id());
        // A derived id that another concept holds (its terms changed since): another one.
        let mut id = base.clone();
        let mut taken = self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM concepts WHERE concept = ?1)")?;
        let mut n = 1;
        while taken.query_row([&id], |r| r.get::<_, bool>(0))? {
            n += 1;
            id = format!("{base}-{n}");
        }
        drop(taken);
        self.tx
            .prepare_cached(
                "INSERT INTO concepts (concept, term_set, subject_field, definition, note)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                id,
                hash,
                concept.subject_field,
                concept.definition,
                concept.note
            ])?;
        let rowid = self.tx.last_insert_rowid();
        self.write_terms(rowid, &concept)?;
        Ok(TermAdded::New)
    }

    /// Stores a concept: merged into the stored concept with the same id, or else with the
    /// same terms (see [`Concept::merge`]), added otherwise (under its id, or one derived from
    /// its terms: [`Concept::derived_id`]).
    pub fn add(&mut self, concept: Concept) -> Result<TermAdded, MemoryError> {
        let added = self.add_inner(concept).map_err(|e| self.sql(e))?;
        self.summary.count(added);
        Ok(added)
    }

    /// The counts so far.
    pub fn summary(&self) -> &TermImportSummary {
        &self.summary
    }

    /// Makes the import visible; returns its counts.
    pub fn commit(self) -> Result<TermImportSummary, MemoryError> {
        let path = self.path;
        self.tx
            .commit()
            .map_err(|e| MemoryError::from_sql(path, e))?;
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    fn concept(id: Option<&str>, en: &str, fr: &[(&str, Option<Status>)]) -> Concept {
        let mut concept = Concept {
            id: id.map(str::to_owned),
            ..Concept::default()
        };
        concept.push_term(langid!("en"), Term::new(en));
        for (text, status) in fr {
            let mut term = Term::new(*text);
            term.status = *status;
            concept.push_term(langid!("fr-FR"), term);
        }
        concept
    }

    fn all(memory: &Memory) -> Vec<Concept> {
        let mut concepts = Vec::new();
        memory
            .for_each_concept(|c| {
                concepts.push(c);
                ControlFlow::Continue(())
            })
            .unwrap();
        concepts
    }

    #[test]
    fn concepts_merge_on_their_id_or_their_terms() {
        let dir = tempfile::tempdir().unwrap();
        let mut memory = Memory::open(dir.path().join("tm.sqlite")).unwrap();
        let peacekeeper = concept(
            Some("pk"),
            "peacekeeper",
            &[("Casque bleu", Some(Status::Preferred))],
        );
        let sg = concept(None, "Secretary-General", &[("Secrétaire général", None)]);
        let mut import = memory.begin_terms_import().unwrap();
        assert_eq!(import.add(peacekeeper.clone()).unwrap(), TermAdded::New);
        assert_eq!(import.add(sg.clone()).unwrap(), TermAdded::New);
        assert_eq!(import.add(Concept::default()).unwrap(), TermAdded::Skipped);
        // The same terms without an id: the same concept.
        let mut again = peacekeeper.clone();
        again.id = None;
        assert_eq!(import.add(again).unwrap(), TermAdded::Unchanged);
        let summary = import.commit().unwrap();
        assert_eq!(
            (
                summary.read,
                summary.added,
                summary.unchanged,
                summary.skipped
            ),
            (4, 2, 1, 1)
        );
        // A new file version: the same id with a deprecated variant.
        let update = concept(
            Some("pk"),
            "peacekeeper",
            &[("gardien de la paix", Some(Status::Deprecated))],
        );
        let mut import = memory.begin_terms_import().unwrap();
        assert_eq!(import.add(update).unwrap(), TermAdded::Updated);
        assert_eq!(import.add(sg.clone()).unwrap(), TermAdded::Unchanged);
        import.commit().unwrap();
        let stored = all(&memory);
        assert_eq!(stored.len(), 2);
        assert_eq!(stored[0].id.as_deref(), Some("pk"));
        assert_eq!(stored[0].terms_in(&langid!("fr")).count(), 2);
        // A concept without an id got one from its terms.
        assert_eq!(stored[1].id, Some(sg.derived_id()));
        assert_eq!(memory.concept_count().unwrap(), 2);
        assert!(!memory.is_empty().unwrap());
    }

    #[test]
    fn a_dropped_import_stores_nothing_and_lookups_go_by_language_pair() {
        let dir = tempfile::tempdir().unwrap();
        let mut memory = Memory::open(dir.path().join("tm.sqlite")).unwrap();
        {
            let mut import = memory.begin_terms_import().unwrap();
            import.add(concept(Some("a"), "water", &[])).unwrap();
        }
        assert_eq!(memory.concept_count().unwrap(), 0);
        assert!(memory.is_empty().unwrap());
        let mut import = memory.begin_terms_import().unwrap();
        import.add(concept(Some("a"), "water", &[])).unwrap();
        import
            .add(concept(
                Some("b"),
                "sanitation",
                &[("assainissement", None)],
            ))
            .unwrap();
        import.commit().unwrap();
        let found = memory
            .concepts_for(&langid!("en-US"), &langid!("fr"))
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id.as_deref(), Some("b"));
        assert_eq!(found[0].languages[1].lang, langid!("fr-FR"));
        assert!(memory
            .concepts_for(&langid!("en"), &langid!("de"))
            .unwrap()
            .is_empty());
    }
}
