//! The stored translations of one source text exactly, many times over: what `xliff import`
//! asks of every unit it reads ("does the memory translate this source differently?").
//!
//! A 100 % lookup answers it, but through the token index: when the memory's vocabulary is
//! small every list is long, and 30,000 questions took minutes. [`ExactTranslations`] asks
//! the index for the first few (a handful of questions into a large memory cost less than
//! reading it), then reads the memory once into a table of source-text hashes and answers
//! each question from that table with one or two record reads, however many follow.
//!
//! Both ways give the same answer: a 100 % score means the same text once trimmed
//! ([`super::score`]), and the table compares exactly that.

use rustc_hash::FxHashMap;
use unic_langid::LanguageIdentifier;

use super::hash::hash;
use super::lookup::{candidates_in, pick};
use super::record;
use super::{LookupRequest, Memory, MemoryError};

/// The hash seed of source texts in the table.
const SOURCE_SEED: u64 = 0x6578_6163_7473_7263;

/// Questions answered through the index before the table is built, at the least; more for
/// a larger memory (one per [`UNITS_PER_LOOKUP`] units), since the table costs one read of
/// every unit.
const LOOKUPS_BEFORE_TABLE: usize = 64;

/// Units of the memory that reading costs about as much as one lookup through the index.
const UNITS_PER_LOOKUP: usize = 2_000;

/// Exact-source questions to one memory, answered through the index at first and through a
/// table of source hashes once there are many (see the module documentation).
pub struct ExactTranslations {
    memory: Memory,
    asked: usize,
    switch_at: Option<usize>,
    /// Per source language subtag: (hash of the trimmed text, unit id), sorted.
    tables: FxHashMap<String, Vec<(u64, u32)>>,
}

impl ExactTranslations {
    /// Questions to `memory` (which should not change while they are asked: a read-only
    /// connection that sees the memory as it was before an import, for instance).
    pub fn new(memory: Memory) -> ExactTranslations {
        ExactTranslations {
            memory,
            asked: 0,
            switch_at: None,
            tables: FxHashMap::default(),
        }
    }

    /// The targets in `to` of every stored unit whose source in `from` is `source` once
    /// trimmed (what a 100 % lookup finds), in unit order, each unit once.
    pub fn targets(
        &mut self,
        source: &str,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> Result<Vec<String>, MemoryError> {
        self.asked += 1;
        let switch_at = match self.switch_at {
            Some(at) => at,
            None => {
                let at = LOOKUPS_BEFORE_TABLE.max(self.unit_count()? / UNITS_PER_LOOKUP);
                *self.switch_at.insert(at)
            }
        };
        let subtag = from.language.as_str();
        if self.asked <= switch_at && !self.tables.contains_key(subtag) {
            return self.through_index(source, from, to);
        }
        if !self.tables.contains_key(subtag) {
            let table = self.build_table(subtag)?;
            self.tables.insert(subtag.to_owned(), table);
        }
        let wanted = source.trim();
        let key = hash(SOURCE_SEED, wanted.as_bytes());
        let table = &self.tables[subtag];
        let start = table.partition_point(|e| e.0 < key);
        let mut ids: Vec<u32> = table[start..]
            .iter()
            .take_while(|e| e.0 == key)
            .map(|e| e.1)
            .collect();
        ids.dedup();
        let mut targets = Vec::new();
        for id in ids {
            let data: Option<Vec<u8>> = self
                .memory
                .conn
                .prepare_cached("SELECT record FROM units WHERE id = ?1")
                .and_then(|mut st| {
                    use rusqlite::OptionalExtension;
                    st.query_row([id], |r| r.get(0)).optional()
                })
                .map_err(|e| self.memory.sql_error(e))?;
            let Some(data) = data else { continue };
            let variants = record::variants(&data).map_err(|e| self.memory.sql_error(e.into()))?;
            let same = candidates_in(&variants, from).any(|(v, _)| v.text.trim() == wanted);
            if let (true, Some((target, _))) = (same, pick(&variants, to)) {
                targets.push(target.text.to_owned());
            }
        }
        Ok(targets)
    }

    fn through_index(
        &self,
        source: &str,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> Result<Vec<String>, MemoryError> {
        let mut request = LookupRequest::new(source, from, to);
        request.threshold = 100;
        request.limit = 1_000;
        let mut matches = self.memory.lookup(&request)?;
        matches.sort_by_key(|m| m.unit);
        Ok(matches.into_iter().map(|m| m.target).collect())
    }

    fn unit_count(&self) -> Result<usize, MemoryError> {
        let count: i64 = self
            .memory
            .conn
            .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
            .map_err(|e| self.memory.sql_error(e))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// One read of every unit: the hash of each variant's trimmed text in the language
    /// `subtag` (by the tag's first subtag, a superset that [`Self::targets`] narrows).
    fn build_table(&self, subtag: &str) -> Result<Vec<(u64, u32)>, MemoryError> {
        let sql = |e| self.memory.sql_error(e);
        let mut statement = self
            .memory
            .conn
            .prepare("SELECT id, record FROM units ORDER BY id")
            .map_err(sql)?;
        let mut rows = statement.query([]).map_err(sql)?;
        let mut table = Vec::new();
        while let Some(row) = rows.next().map_err(sql)? {
            let id: i64 = row.get(0).map_err(sql)?;
            let Ok(id) = u32::try_from(id) else { continue };
            let data = row
                .get_ref(1)
                .map_err(sql)?
                .as_blob()
                .map_err(|e| sql(e.into()))?;
            let variants = record::variants(data).map_err(|e| sql(e.into()))?;
            for variant in variants {
                let first = variant.lang.split(['-', '_']).next().unwrap_or_default();
                if first.eq_ignore_ascii_case(subtag) {
                    table.push((hash(SOURCE_SEED, variant.text.trim().as_bytes()), id));
                }
            }
        }
        table.sort_unstable();
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{NewUnit, Provenance, Variant};

    fn lang(tag: &str) -> LanguageIdentifier {
        tag.parse().unwrap()
    }

    /// A memory of `pairs`, each an English source and a French target.
    fn memory_of(dir: &std::path::Path, pairs: &[(&str, &str)]) -> Memory {
        let path = dir.join("tm.sqlite");
        let mut memory = Memory::open(&path).unwrap();
        let mut import = memory.begin_import().unwrap();
        for (source, target) in pairs {
            import
                .add(NewUnit {
                    variants: vec![
                        Variant::new(lang("en-GB"), *source),
                        Variant::new(lang("fr"), *target),
                    ],
                    provenance: Provenance {
                        origin: "test".to_owned(),
                        ..Provenance::default()
                    },
                    properties: Vec::new(),
                    notes: Vec::new(),
                })
                .unwrap();
        }
        import.commit().unwrap();
        Memory::open_read_only(&path).unwrap()
    }

    #[test]
    fn the_table_answers_as_the_index_does() {
        let dir = tempfile::tempdir().unwrap();
        let mut pairs: Vec<(String, String)> = (0..300)
            .map(|i| {
                (
                    format!("The delegation of item {} supports the report.", i % 150),
                    format!("La délégation soutient le rapport, version {i}."),
                )
            })
            .collect();
        pairs.push(("  Peace and security.  ".into(), "Paix et sécurité.".into()));
        pairs.push(("Peace and security!".into(), "Paix et sécurité !".into()));
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(s, t)| (s.as_str(), t.as_str()))
            .collect();
        let memory = memory_of(dir.path(), &borrowed);
        let (en, fr, es) = (lang("en"), lang("fr"), lang("es"));
        let questions: Vec<String> = (0..200)
            .map(|i| format!("The delegation of item {i} supports the report."))
            .chain([
                "Peace and security.".to_owned(),
                "peace and security.".to_owned(),
            ])
            .collect();
        let mut by_index = ExactTranslations::new(Memory::open_read_only(memory.path()).unwrap());
        by_index.switch_at = Some(usize::MAX);
        let mut by_table = ExactTranslations::new(Memory::open_read_only(memory.path()).unwrap());
        by_table.switch_at = Some(0);
        for question in &questions {
            let expected = by_index.targets(question, &en, &fr).unwrap();
            assert_eq!(by_table.targets(question, &en, &fr).unwrap(), expected);
            assert!(by_table.targets(question, &en, &es).unwrap().is_empty());
            assert!(by_table.targets(question, &fr, &en).unwrap().is_empty());
        }
        assert_eq!(
            by_table
                .targets("The delegation of item 7 supports the report.", &en, &fr)
                .unwrap(),
            [
                "La délégation soutient le rapport, version 7.",
                "La délégation soutient le rapport, version 157."
            ]
        );
        assert_eq!(
            by_table.targets(" Peace and security.", &en, &fr).unwrap(),
            ["Paix et sécurité."]
        );
        assert!(by_table.targets("item 200", &en, &fr).unwrap().is_empty());
    }

    #[test]
    fn the_table_is_built_after_the_first_questions() {
        let dir = tempfile::tempdir().unwrap();
        let memory = memory_of(dir.path(), &[("Good morning.", "Bonjour.")]);
        let mut exact = ExactTranslations::new(Memory::open_read_only(memory.path()).unwrap());
        let (en, fr) = (lang("en"), lang("fr"));
        for _ in 0..LOOKUPS_BEFORE_TABLE {
            assert_eq!(
                exact.targets("Good morning.", &en, &fr).unwrap(),
                ["Bonjour."]
            );
        }
        assert!(exact.tables.is_empty());
        assert_eq!(
            exact.targets("Good morning.", &en, &fr).unwrap(),
            ["Bonjour."]
        );
        assert!(exact.tables.contains_key("en"));
    }
}
