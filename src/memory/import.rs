//! Storing units: one transaction per import, deduplication on insert (same languages and
//! texts: one unit is kept and the new provenance is merged into it), and the lookup index
//! built in memory and merged into SQLite at commit.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::index::PostingsBuilder;
use super::tokens::index_keys_joined;
use super::{
    content_hash, parse_variants, same_content, Memory, MemoryError, NewUnit, PropertiesRecord,
    Provenance, VariantRecord,
};

/// What a merge reads of the stored unit: origin, segment, provenance, properties, changed.
type MergeRow = (
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Why a unit was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// Fewer than two languages have a non-empty text.
    OneLanguage,
    /// A variant's language is not a valid language tag.
    BadLanguage,
}

impl SkipReason {
    /// The reason's name in summaries and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::OneLanguage => "one-language",
            SkipReason::BadLanguage => "bad-language",
        }
    }
}

/// What became of a unit given to [`Import::add`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Stored as a new unit with this id.
    New(i64),
    /// The memory had the same unit (this id); the provenance was merged into it.
    Merged(i64),
    /// Not stored.
    Skipped(SkipReason),
}

/// The counts of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Units read (added + merged + skipped).
    pub read: u64,
    /// New units stored.
    pub added: u64,
    /// Units the memory already had, whose provenance was merged.
    pub merged: u64,
    /// Units not stored, by reason.
    pub skipped: BTreeMap<SkipReason, u64>,
}

impl ImportSummary {
    /// Units skipped for any reason.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
}

/// An import in progress: one write transaction. Nothing is visible to others before
/// [`Import::commit`]; dropping the import (or an error, or the process being killed)
/// leaves the memory exactly as it was.
pub struct Import<'m> {
    tx: Transaction<'m>,
    path: &'m std::path::Path,
    postings: PostingsBuilder,
    postings_empty: bool,
    units_empty: bool,
    seen: FxHashMap<u64, u32>,
    seen_more: HashMap<u64, Vec<u32>>,
    new_hashes: Vec<(u64, u32)>,
    origins: FxHashMap<String, i64>,
    origin_counts: HashMap<i64, i64>,
    language_counts: FxHashMap<String, i64>,
    summary: ImportSummary,
}

impl Memory {
    /// Starts an import: takes the write lock (waiting for another writer if needed) and
    /// opens the transaction that [`Import::commit`] ends.
    pub fn begin_import(&mut self) -> Result<Import<'_>, MemoryError> {
        if self.read_only {
            return Err(MemoryError::ReadOnly {
                path: self.path.clone(),
            });
        }
        self.cache.get_mut().clear();
        let path = &self.path;
        let sql = |e| MemoryError::from_sql(path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        // A big import needs a bigger page cache than the default 2 MB.
        tx.pragma_update(None, "cache_size", -32_768).map_err(sql)?;
        let units_empty = !tx
            .query_row("SELECT EXISTS (SELECT 1 FROM units)", [], |r| {
                r.get::<_, bool>(0)
            })
            .map_err(sql)?;
        let postings_empty = !tx
            .query_row("SELECT EXISTS (SELECT 1 FROM postings)", [], |r| {
                r.get::<_, bool>(0)
            })
            .map_err(sql)?;
        Ok(Import {
            tx,
            path,
            postings: PostingsBuilder::default(),
            postings_empty,
            units_empty,
            seen: FxHashMap::default(),
            seen_more: HashMap::new(),
            new_hashes: Vec::new(),
            origins: FxHashMap::default(),
            origin_counts: HashMap::new(),
            language_counts: FxHashMap::default(),
            summary: ImportSummary::default(),
        })
    }
}

fn optional_json<T: serde::Serialize>(value: &T, empty: bool) -> Option<String> {
    (!empty).then(|| serde_json::to_string(value).expect("plain data serialises"))
}

/// A unit checked, serialised, hashed and tokenised: the part of storing it that needs no
/// database. [`Import::add`] prepares each unit itself; an importer reading a large file can
/// prepare units on another thread ([`PreparedUnit::new`] is `Send`) and hand them to
/// [`Import::add_prepared`], so that parsing and indexing overlap with writing.
#[derive(Debug)]
pub struct PreparedUnit(Result<Prepared, SkipReason>);

#[derive(Debug)]
struct Prepared {
    tags: Vec<String>,
    variants_json: String,
    hash: u64,
    postings: Vec<(String, String, u8)>,
    provenance: Provenance,
    properties: Vec<super::Property>,
    notes: Vec<String>,
    properties_json: Option<String>,
    created: Option<String>,
    changed: Option<String>,
}

impl PreparedUnit {
    /// Prepares a unit: drops empty variants, checks that two languages remain, and
    /// computes what the import stores.
    pub fn new(unit: NewUnit) -> PreparedUnit {
        let NewUnit {
            variants,
            provenance,
            properties,
            notes,
        } = unit;
        let variants: Vec<_> = variants
            .into_iter()
            .filter(|v| !v.text.trim().is_empty())
            .collect();
        let mut languages: Vec<String> = variants.iter().map(|v| v.lang.to_string()).collect();
        languages.sort_unstable();
        languages.dedup();
        if languages.len() < 2 {
            return PreparedUnit(Err(SkipReason::OneLanguage));
        }
        let postings = variants
            .iter()
            .map(|v| {
                let (keys, content) = index_keys_joined(&v.text);
                (
                    v.lang.language.as_str().to_owned(),
                    keys,
                    content.min(255) as u8,
                )
            })
            .collect();
        let records: Vec<VariantRecord> = variants
            .into_iter()
            .map(VariantRecord::from_owned)
            .collect();
        let variants_json = serde_json::to_string(&records).expect("plain data serialises");
        let props = PropertiesRecord {
            props: properties,
            notes,
        };
        let properties_json =
            optional_json(&props, props.props.is_empty() && props.notes.is_empty());
        PreparedUnit(Ok(Prepared {
            hash: content_hash(&records),
            tags: languages,
            variants_json,
            postings,
            created: provenance.created.map(|t| t.to_string()),
            changed: provenance
                .changed
                .or(provenance.created)
                .map(|t| t.to_string()),
            provenance,
            properties: props.props,
            notes: props.notes,
            properties_json,
        }))
    }

    /// A unit that could not even be read as one, counted as skipped for this reason.
    pub fn skipped(reason: SkipReason) -> PreparedUnit {
        PreparedUnit(Err(reason))
    }
}

impl Import<'_> {
    fn sql(&self, e: rusqlite::Error) -> MemoryError {
        MemoryError::from_sql(self.path, e)
    }

    /// Counts a unit the caller could not even turn into a [`NewUnit`] (for the summary).
    pub fn skip(&mut self, reason: SkipReason) {
        self.summary.read += 1;
        *self.summary.skipped.entry(reason).or_default() += 1;
    }

    /// Stores a unit, or merges its provenance into the same unit already stored. Variants
    /// with an empty text are dropped; a unit left with fewer than two languages is skipped.
    pub fn add(&mut self, unit: NewUnit) -> Result<Added, MemoryError> {
        self.add_prepared(PreparedUnit::new(unit))
    }

    /// Stores a unit prepared beforehand (possibly on another thread), as [`Import::add`].
    pub fn add_prepared(&mut self, unit: PreparedUnit) -> Result<Added, MemoryError> {
        let unit = match unit.0 {
            Ok(unit) => unit,
            Err(reason) => {
                self.skip(reason);
                return Ok(Added::Skipped(reason));
            }
        };
        self.summary.read += 1;
        if let Some(existing) = self.find_same(unit.hash, &unit.variants_json)? {
            self.merge(existing, &unit.provenance, unit.properties, unit.notes)?;
            self.summary.merged += 1;
            return Ok(Added::Merged(existing));
        }
        let provenance = unit.provenance;
        let origin = self.origin_id(&provenance.origin)?;
        self.tx
            .prepare_cached(
                "INSERT INTO units (variants, origin, segment, context_before, context_after,
                                    created, created_by, changed, changed_by, properties)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    unit.variants_json,
                    origin,
                    provenance.segment,
                    provenance.context_before,
                    provenance.context_after,
                    unit.created,
                    provenance.created_by,
                    unit.changed,
                    provenance
                        .changed_by
                        .as_ref()
                        .or(provenance.created_by.as_ref()),
                    unit.properties_json,
                ])
            })
            .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        let id32 = u32::try_from(id)
            .map_err(|_| self.sql(rusqlite::Error::IntegralValueOutOfRange(0, id)))?;
        for (language, keys, length) in &unit.postings {
            self.postings.add(
                language,
                keys.split('\n').filter(|k| !k.is_empty()),
                id32,
                *length,
            );
        }
        for tag in unit.tags {
            *self.language_counts.entry(tag).or_default() += 1;
        }
        if self.postings.is_full() {
            self.postings
                .flush(&self.tx, self.postings_empty)
                .map_err(|e| MemoryError::from_sql(self.path, e))?;
            self.postings_empty = false;
        }
        match self.seen.entry(unit.hash) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(id32);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.seen_more.entry(unit.hash).or_default().push(id32);
            }
        }
        self.new_hashes.push((unit.hash, id32));
        *self.origin_counts.entry(origin).or_default() += 1;
        self.summary.added += 1;
        Ok(Added::New(id))
    }

    /// The stored unit with the same content, if any.
    fn find_same(&self, hash: u64, variants_json: &str) -> Result<Option<i64>, MemoryError> {
        let mut candidates: Vec<i64> = Vec::new();
        if let Some(id) = self.seen.get(&hash) {
            candidates.push(i64::from(*id));
            if let Some(more) = self.seen_more.get(&hash) {
                candidates.extend(more.iter().map(|id| i64::from(*id)));
            }
        }
        if !self.units_empty {
            let mut st = self
                .tx
                .prepare_cached("SELECT unit FROM unit_hashes WHERE hash = ?1")
                .map_err(|e| self.sql(e))?;
            let ids = st
                .query_map([hash as i64], |row| row.get::<_, i64>(0))
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<i64>>>())
                .map_err(|e| self.sql(e))?;
            candidates.extend(ids);
        }
        if candidates.is_empty() {
            return Ok(None);
        }
        let records = parse_variants(variants_json).map_err(|e| self.sql(e))?;
        for id in candidates {
            let json: Option<String> = self
                .tx
                .prepare_cached("SELECT variants FROM units WHERE id = ?1")
                .and_then(|mut st| st.query_row([id], |row| row.get(0)).optional())
                .map_err(|e| self.sql(e))?;
            if let Some(json) = json {
                let stored = parse_variants(&json).map_err(|e| self.sql(e))?;
                if same_content(&stored, &records) {
                    return Ok(Some(id));
                }
            }
        }
        Ok(None)
    }

    /// Merges new provenance (and properties, notes) into a stored unit.
    fn merge(
        &mut self,
        id: i64,
        provenance: &Provenance,
        properties: Vec<super::Property>,
        notes: Vec<String>,
    ) -> Result<(), MemoryError> {
        let row: MergeRow = self
            .tx
            .prepare_cached(
                "SELECT origin, segment, provenance, properties, changed FROM units WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
            })
            .map_err(|e| self.sql(e))?;
        let (origin, segment, more_json, props_json, changed) = row;
        let origin_id = self.origin_id(&provenance.origin)?;
        let mut more: Vec<Provenance> = match &more_json {
            Some(json) => serde_json::from_str(json).unwrap_or_default(),
            None => Vec::new(),
        };
        let same_as_first = origin == Some(origin_id) && segment == provenance.segment;
        let known = same_as_first
            || more
                .iter()
                .any(|p| p.origin == provenance.origin && p.segment == provenance.segment);
        let origin_known =
            origin == Some(origin_id) || more.iter().any(|p| p.origin == provenance.origin);
        let mut props: PropertiesRecord = match &props_json {
            Some(json) => serde_json::from_str(json).unwrap_or_default(),
            None => PropertiesRecord::default(),
        };
        let mut props_changed = false;
        for p in properties {
            if !props.props.contains(&p) {
                props.props.push(p);
                props_changed = true;
            }
        }
        for n in notes {
            if !props.notes.contains(&n) {
                props.notes.push(n);
                props_changed = true;
            }
        }
        if known && !props_changed {
            return Ok(());
        }
        if !known {
            more.push(provenance.clone());
            if !origin_known {
                *self.origin_counts.entry(origin_id).or_default() += 1;
            }
        }
        let newer = provenance
            .changed
            .or(provenance.created)
            .map(|t| t.to_string());
        let changed = match (changed, newer) {
            (Some(old), Some(new)) => Some(old.max(new)),
            (old, new) => old.or(new),
        };
        let more_json = optional_json(&more, more.is_empty());
        let props_json = optional_json(&props, props.props.is_empty() && props.notes.is_empty());
        self.tx
            .prepare_cached(
                "UPDATE units SET provenance = ?2, properties = ?3, changed = ?4 WHERE id = ?1",
            )
            .and_then(|mut st| st.execute(params![id, more_json, props_json, changed]))
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    fn origin_id(&mut self, name: &str) -> Result<i64, MemoryError> {
        if let Some(id) = self.origins.get(name) {
            return Ok(*id);
        }
        let existing: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM origins WHERE name = ?1")
            .and_then(|mut st| st.query_row([name], |r| r.get(0)).optional())
            .map_err(|e| self.sql(e))?;
        let id = match existing {
            Some(id) => id,
            None => {
                self.tx
                    .execute("INSERT INTO origins (name) VALUES (?1)", [name])
                    .map_err(|e| self.sql(e))?;
                self.tx.last_insert_rowid()
            }
        };
        self.origins.insert(name.to_owned(), id);
        Ok(id)
    }

    /// The counts so far.
    pub fn summary(&self) -> &ImportSummary {
        &self.summary
    }

    /// Writes the index and the counts and commits: the units become visible at once.
    pub fn commit(mut self) -> Result<ImportSummary, MemoryError> {
        let path = self.path;
        let sql = |e| MemoryError::from_sql(path, e);
        self.postings
            .flush(&self.tx, self.postings_empty)
            .map_err(sql)?;
        self.new_hashes.sort_unstable();
        {
            let mut st = self
                .tx
                .prepare_cached("INSERT INTO unit_hashes (hash, unit) VALUES (?1, ?2)")
                .map_err(sql)?;
            for (hash, id) in &self.new_hashes {
                st.execute(params![*hash as i64, id]).map_err(sql)?;
            }
            let mut st = self
                .tx
                .prepare_cached("UPDATE origins SET units = units + ?2 WHERE id = ?1")
                .map_err(sql)?;
            for (origin, count) in &self.origin_counts {
                st.execute(params![origin, count]).map_err(sql)?;
            }
            let mut st = self
                .tx
                .prepare_cached(
                    "INSERT INTO languages (tag, variants) VALUES (?1, ?2)
                     ON CONFLICT (tag) DO UPDATE SET variants = variants + excluded.variants",
                )
                .map_err(sql)?;
            for (tag, count) in &self.language_counts {
                st.execute(params![tag, count]).map_err(sql)?;
            }
        }
        self.tx
            .pragma_update(None, "cache_size", -2000)
            .map_err(sql)?;
        self.tx.commit().map_err(sql)?;
        Ok(self.summary)
    }
}
