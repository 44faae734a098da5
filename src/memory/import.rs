//! Storing units: one transaction per import, deduplication on insert (same languages and
//! texts: one unit is kept and the new provenance is merged into it), and the lookup index
//! built in memory and merged into SQLite at commit.
//!
//! The work is split so that it can run on two threads (docs/memory.md, "Import"):
//!
//! - a [`Preparer`] (any thread) checks a unit, encodes its record, hashes its content,
//!   and cuts its texts into index keys, each hashed, into a [`PreparedBatch`] of flat
//!   buffers (a few allocations per batch, not per unit);
//! - the [`Import`] (the thread that owns the connection) deduplicates, inserts one row per
//!   unit, numbers the keys and files the unit under them in in-memory posting lists, which
//!   it writes once, at commit, with the content hashes.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use unic_langid::LanguageIdentifier;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::hash::Hasher;
use super::index::{PostingsBuilder, Vocabulary};
use super::keys::{language_seed, KeyBatch};
use super::record::{self, VariantView};
use super::{Memory, MemoryError, NewUnit};

/// Why a unit was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// Fewer than two languages have a non-empty text.
    OneLanguage,
    /// A variant's language is not a valid language tag.
    BadLanguage,
}

impl SkipReason {
    /// Every reason (for the test that each has its message).
    pub const ALL: [SkipReason; 2] = [SkipReason::OneLanguage, SkipReason::BadLanguage];

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
    vocabulary: Vocabulary,
    postings: PostingsBuilder,
    postings_empty: bool,
    units_empty: bool,
    dedupe: Dedupe,
    origins: FxHashMap<String, i64>,
    origin_counts: FxHashMap<i64, i64>,
    tag_counts: Vec<i64>,
    summary: ImportSummary,
    /// For [`Import::add`]: a preparer and a batch of one.
    own: Option<(Preparer, PreparedBatch)>,
    /// The current batch's origins, tags and languages as this import numbers them.
    batch_origins: Vec<i64>,
    batch_tags: Vec<u32>,
    batch_languages: Vec<u32>,
    batch_keys: Vec<u32>,
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
        tx.pragma_update(None, "cache_size", IMPORT_CACHE_KIB)
            .map_err(sql)?;
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
            vocabulary: Vocabulary::default(),
            postings: PostingsBuilder::default(),
            postings_empty,
            units_empty,
            dedupe: Dedupe::with_limit(HASHES_IN_MEMORY),
            origins: FxHashMap::default(),
            origin_counts: FxHashMap::default(),
            tag_counts: Vec::new(),
            summary: ImportSummary::default(),
            own: None,
            batch_origins: Vec::new(),
            batch_tags: Vec::new(),
            batch_languages: Vec::new(),
            batch_keys: Vec::new(),
        })
    }
}

/// The page cache of an import, in KiB as `PRAGMA cache_size` takes it (negative): 32 MB.
pub(crate) const IMPORT_CACHE_KIB: i64 = -32_768;

/// A unit handed to [`Import::add_prepared`]: either already prepared by a [`Preparer`]
/// (possibly on another thread), or a plain unit the import prepares itself.
#[derive(Debug)]
pub struct PreparedUnit(PreparedInner);

#[derive(Debug)]
enum PreparedInner {
    Plain(Box<NewUnit>),
    Skipped(SkipReason),
    Prepared(Box<PreparedBatch>),
}

impl PreparedUnit {
    /// Wraps a unit for [`Import::add_prepared`], which prepares it when it stores it. To
    /// do the preparation on another thread, use [`Preparer::prepare`] (or, for many
    /// units, [`Preparer::prepare_into`] and [`Import::add_batch`]).
    pub fn new(unit: NewUnit) -> PreparedUnit {
        PreparedUnit(PreparedInner::Plain(Box::new(unit)))
    }

    /// A unit that could not even be read as one, counted as skipped for this reason.
    pub fn skipped(reason: SkipReason) -> PreparedUnit {
        PreparedUnit(PreparedInner::Skipped(reason))
    }
}

/// One unit of a batch: where its parts end in the batch's buffers.
#[derive(Debug, Clone, Copy)]
struct BatchEntry {
    skipped: Option<SkipReason>,
    hash: u64,
    record_end: usize,
    variants_end: usize,
    origin: u32,
}

/// One variant of a batch: its tag (an index into the batch's list), its length for the
/// lookup's length filter, and where its keys end in the batch's occurrences (the keys
/// know their language).
#[derive(Debug, Clone, Copy)]
struct BatchVariant {
    tag: u32,
    length: u8,
    keys_end: usize,
}

/// Units prepared for an import, in flat buffers: each unit's encoded record, content
/// hash and origin, and per variant its language tag, length and index keys (texts end to
/// end, each with its hash). A batch is reused: [`Import::add_batch`] empties it and
/// keeps its memory.
#[derive(Debug, Default)]
pub struct PreparedBatch {
    entries: Vec<BatchEntry>,
    records: Vec<u8>,
    variants: Vec<BatchVariant>,
    keys: KeyBatch,
    tags: Vec<String>,
    languages: Vec<String>,
    origins: Vec<String>,
}

impl PreparedBatch {
    /// An empty batch.
    pub fn new() -> PreparedBatch {
        PreparedBatch::default()
    }

    /// Units in the batch (skipped ones included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the batch holds no unit.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn clear(&mut self) {
        self.entries.clear();
        self.records.clear();
        self.variants.clear();
        self.keys.clear();
        self.tags.clear();
        self.languages.clear();
        self.origins.clear();
    }

    /// Counts a unit that could not be read as one, in order with the others.
    pub fn push_skipped(&mut self, reason: SkipReason) {
        self.entries.push(BatchEntry {
            skipped: Some(reason),
            hash: 0,
            record_end: self.records.len(),
            variants_end: self.variants.len(),
            origin: 0,
        });
    }

    fn index_of(list: &mut Vec<String>, text: &str) -> u32 {
        match list.iter().position(|t| t == text) {
            Some(index) => index as u32,
            None => {
                list.push(text.to_owned());
                (list.len() - 1) as u32
            }
        }
    }

    fn origin_index(&mut self, origin: &str) -> u32 {
        match self.origins.last() {
            Some(last) if last == origin => (self.origins.len() - 1) as u32,
            _ => {
                self.origins.push(origin.to_owned());
                (self.origins.len() - 1) as u32
            }
        }
    }
}

/// A language tag met by a preparer: as written, in lower case (for the content hash),
/// its language subtag and the seed its keys are hashed with.
#[derive(Debug)]
struct TagInfo {
    lang: LanguageIdentifier,
    text: String,
    lower: String,
    subtag: String,
    seed: u64,
}

/// Prepares units for an import: the database-free half of storing them, which a reading
/// thread can do while the import writes (see the module documentation). `Send`.
#[derive(Debug, Default)]
pub struct Preparer {
    tags: Vec<TagInfo>,
}

impl Import<'_> {
    /// A preparer for this import (any preparer works with any import; this is a
    /// convenience).
    pub fn preparer(&self) -> Preparer {
        Preparer::new()
    }
}

impl Preparer {
    /// A preparer.
    pub fn new() -> Preparer {
        Preparer::default()
    }

    /// Prepares one unit.
    pub fn prepare(&mut self, unit: NewUnit) -> PreparedUnit {
        let mut batch = Box::new(PreparedBatch::new());
        self.prepare_into(unit, &mut batch);
        PreparedUnit(PreparedInner::Prepared(batch))
    }

    fn tag_index(&mut self, lang: &LanguageIdentifier) -> usize {
        if let Some(index) = self.tags.iter().position(|t| &t.lang == lang) {
            return index;
        }
        let text = lang.to_string();
        let subtag = lang.language.as_str().to_owned();
        self.tags.push(TagInfo {
            lang: lang.clone(),
            lower: text.to_ascii_lowercase(),
            text,
            seed: language_seed(&subtag),
            subtag,
        });
        self.tags.len() - 1
    }

    /// Prepares a unit into a batch: drops empty variants, checks that two languages
    /// remain (or records it as skipped), and computes what the import stores.
    pub fn prepare_into(&mut self, unit: NewUnit, batch: &mut PreparedBatch) {
        self.prepare_ref(&unit, batch);
    }

    /// As [`Preparer::prepare_into`], from a borrowed unit: a reader can refill one unit
    /// again and again instead of allocating a new one each time.
    pub fn prepare_ref(&mut self, unit: &NewUnit, batch: &mut PreparedBatch) {
        let NewUnit {
            variants,
            provenance,
            properties,
            notes,
        } = unit;
        let mut kept: Vec<(usize, &super::Variant)> = Vec::with_capacity(variants.len());
        for v in variants {
            if !v.text.trim().is_empty() {
                let index = self.tag_index(&v.lang);
                kept.push((index, v));
            }
        }
        let mut languages: Vec<&str> = kept.iter().map(|(i, _)| &*self.tags[*i].text).collect();
        languages.sort_unstable();
        languages.dedup();
        if languages.len() < 2 {
            batch.push_skipped(SkipReason::OneLanguage);
            return;
        }
        // The record.
        record::put_head(&mut batch.records, kept.len());
        for (index, v) in &kept {
            record::put_variant(
                &mut batch.records,
                &self.tags[*index].text,
                &v.text,
                v.markup.as_deref(),
                &v.properties,
                &v.notes,
            );
        }
        record::put_rest(&mut batch.records, provenance, properties, notes, &[]);
        // The content hash.
        let mut parts: Vec<(&str, &str)> = kept
            .iter()
            .map(|(i, v)| {
                (
                    &*self.tags[*i].lower,
                    v.markup.as_deref().unwrap_or(&v.text),
                )
            })
            .collect();
        parts.sort_unstable();
        let hash = hash_parts(&parts);
        // The keys.
        for (index, v) in &kept {
            let tag = &self.tags[*index];
            let language = PreparedBatch::index_of(&mut batch.languages, &tag.subtag);
            let length = batch.keys.add_text(&v.text, language, tag.seed);
            let variant = BatchVariant {
                tag: PreparedBatch::index_of(&mut batch.tags, &tag.text),
                length: super::index::stored_length(length),
                keys_end: batch.keys.occurrences.len(),
            };
            batch.variants.push(variant);
        }
        let origin = batch.origin_index(&provenance.origin);
        batch.entries.push(BatchEntry {
            skipped: None,
            hash,
            record_end: batch.records.len(),
            variants_end: batch.variants.len(),
            origin,
        });
    }
}

/// The stable 64-bit hash of a unit's content: its (lower-case language tag, text with
/// markup) pairs in order, under which units are deduplicated.
fn hash_parts(parts: &[(&str, &str)]) -> u64 {
    let mut hasher = Hasher::new(0);
    for (lang, content) in parts {
        hasher.write(lang.as_bytes());
        hasher.write(content.as_bytes());
    }
    hasher.finish()
}

/// The content hash of stored variants (see [`hash_parts`]).
pub(crate) fn content_hash(variants: &[VariantView<'_>]) -> u64 {
    let lower: Vec<String> = variants
        .iter()
        .map(|v| v.lang.to_ascii_lowercase())
        .collect();
    let mut parts: Vec<(&str, &str)> = variants
        .iter()
        .zip(&lower)
        .map(|(v, l)| (l.as_str(), v.content()))
        .collect();
    parts.sort_unstable();
    hash_parts(&parts)
}

/// Whether two units have the same content (what [`content_hash`] hashes).
fn same_content(a: &[VariantView<'_>], b: &[VariantView<'_>]) -> bool {
    fn key(vs: &[VariantView<'_>]) -> Vec<(String, String)> {
        let mut parts: Vec<(String, String)> = vs
            .iter()
            .map(|v| (v.lang.to_ascii_lowercase(), v.content().to_owned()))
            .collect();
        parts.sort_unstable();
        parts
    }
    key(a) == key(b)
}

/// Bits of the content hash that choose its bucket in `unit_hashes`.
const BUCKET_BITS: u32 = 12;

pub(crate) fn bucket_of(hash: u64) -> i64 {
    (hash >> (64 - BUCKET_BITS)) as i64
}

/// A bucket of `unit_hashes`: (hash, unit) entries sorted, 12 bytes each (little-endian).
pub(crate) fn decode_bucket(data: &[u8]) -> Vec<(u64, u32)> {
    data.chunks_exact(12)
        .map(|c| {
            let mut hash = [0u8; 8];
            let mut unit = [0u8; 4];
            hash.copy_from_slice(&c[..8]);
            unit.copy_from_slice(&c[8..]);
            (u64::from_le_bytes(hash), u32::from_le_bytes(unit))
        })
        .collect()
}

pub(crate) fn encode_bucket(entries: &[(u64, u32)]) -> Vec<u8> {
    let mut data = Vec::with_capacity(entries.len() * 12);
    for (hash, unit) in entries {
        data.extend_from_slice(&hash.to_le_bytes());
        data.extend_from_slice(&unit.to_le_bytes());
    }
    data
}

/// The content hashes of an import: those it stored since they were last written to the
/// table (at most [`HASHES_IN_MEMORY`]), the stored buckets it has read, and a filter of
/// the hashes it has written during the import, so that an import of any size holds a
/// bounded number of them in memory.
#[derive(Debug, Default)]
struct Dedupe {
    seen: FxHashMap<u64, u32>,
    seen_more: FxHashMap<u64, Vec<u32>>,
    new: Vec<(u64, u32)>,
    buckets: FxHashMap<i64, Vec<(u64, u32)>>,
    /// Entries in `buckets`.
    cached: usize,
    /// How many new hashes, and how many cached entries, it keeps at most.
    limit: usize,
    /// The hashes written to the table by this import so far: one filter per write.
    written: Vec<BloomFilter>,
}

/// New content hashes an import keeps in memory before it writes them to the table.
pub(crate) const HASHES_IN_MEMORY: usize = 1 << 20;

/// A set of hashes that may answer "maybe" for a hash it does not hold (about 1 % of the
/// time at its capacity) but never "no" for one it holds: ten bits per hash, seven probes.
#[derive(Debug)]
struct BloomFilter {
    bits: Vec<u64>,
    mask: u64,
}

impl BloomFilter {
    const PROBES: u32 = 7;

    /// A filter for `capacity` hashes.
    fn with_capacity(capacity: usize) -> BloomFilter {
        let bits = (capacity.max(64) * 10).next_power_of_two();
        BloomFilter {
            bits: vec![0; bits / 64],
            mask: bits as u64 - 1,
        }
    }

    /// The bit positions of a hash (double hashing from its two halves).
    fn positions(hash: u64, mask: u64) -> impl Iterator<Item = u64> {
        let step = hash.rotate_left(32) | 1;
        (0..u64::from(Self::PROBES)).map(move |i| hash.wrapping_add(i.wrapping_mul(step)) & mask)
    }

    fn insert(&mut self, hash: u64) {
        for bit in Self::positions(hash, self.mask) {
            self.bits[(bit / 64) as usize] |= 1 << (bit % 64);
        }
    }

    fn may_contain(&self, hash: u64) -> bool {
        Self::positions(hash, self.mask)
            .all(|bit| self.bits[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }
}

impl Dedupe {
    fn with_limit(limit: usize) -> Dedupe {
        Dedupe {
            limit,
            ..Dedupe::default()
        }
    }

    /// Keeps a bucket read from the table; forgets them all when they would hold more than
    /// the limit.
    fn cache(&mut self, bucket: i64, entries: Vec<(u64, u32)>) {
        if self.cached + entries.len() > self.limit {
            self.buckets = FxHashMap::default();
            self.cached = 0;
        }
        self.cached += entries.len();
        self.buckets.insert(bucket, entries);
    }

    /// A cached bucket, taken out of the cache.
    fn take_cached(&mut self, bucket: i64) -> Option<Vec<(u64, u32)>> {
        let entries = self.buckets.remove(&bucket)?;
        self.cached -= entries.len();
        Some(entries)
    }

    /// Whether this import may have written `hash` to the table.
    fn may_have_written(&self, hash: u64) -> bool {
        self.written.iter().any(|filter| filter.may_contain(hash))
    }

    fn record(&mut self, hash: u64, id: u32) {
        match self.seen.entry(hash) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(id);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.seen_more.entry(hash).or_default().push(id);
            }
        }
        self.new.push((hash, id));
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
        let (mut preparer, mut batch) = self.own.take().unwrap_or_default();
        preparer.prepare_into(unit, &mut batch);
        let result = self.add_first(&mut batch);
        batch.clear();
        self.own = Some((preparer, batch));
        result
    }

    /// Stores a unit prepared beforehand (possibly on another thread), as [`Import::add`].
    pub fn add_prepared(&mut self, unit: PreparedUnit) -> Result<Added, MemoryError> {
        match unit.0 {
            PreparedInner::Plain(unit) => self.add(*unit),
            PreparedInner::Skipped(reason) => {
                self.skip(reason);
                Ok(Added::Skipped(reason))
            }
            PreparedInner::Prepared(mut batch) => self.add_first(&mut batch),
        }
    }

    /// The first unit of a batch (the only one, for [`Import::add`]).
    fn add_first(&mut self, batch: &mut PreparedBatch) -> Result<Added, MemoryError> {
        batch.entries.truncate(1);
        let mut added = Added::Skipped(SkipReason::OneLanguage);
        self.store_batch(batch, |a| added = a)?;
        Ok(added)
    }

    /// Stores every unit of a batch in order (as [`Import::add`] would) and empties the
    /// batch, keeping its memory for the next one.
    pub fn add_batch(&mut self, batch: &mut PreparedBatch) -> Result<(), MemoryError> {
        let result = self.store_batch(batch, |_| {});
        batch.clear();
        result
    }

    fn store_batch(
        &mut self,
        batch: &PreparedBatch,
        mut each: impl FnMut(Added),
    ) -> Result<(), MemoryError> {
        let mut origins = std::mem::take(&mut self.batch_origins);
        origins.clear();
        for name in &batch.origins {
            origins.push(self.origin_id(name)?);
        }
        self.batch_origins = origins;
        self.batch_tags.clear();
        for tag in &batch.tags {
            self.batch_tags.push(self.vocabulary.tag(tag));
        }
        self.batch_languages.clear();
        for language in &batch.languages {
            self.batch_languages
                .push(self.vocabulary.language(language));
        }
        // Every distinct key of the batch, numbered at once.
        self.batch_keys.clear();
        self.vocabulary
            .keys(&batch.keys, &self.batch_languages, &mut self.batch_keys);
        let (mut record_start, mut variants_start) = (0, 0);
        for entry in &batch.entries {
            let record = &batch.records[record_start..entry.record_end];
            let variants = variants_start..entry.variants_end;
            record_start = entry.record_end;
            variants_start = entry.variants_end;
            if let Some(reason) = entry.skipped {
                self.skip(reason);
                each(Added::Skipped(reason));
                continue;
            }
            let origin = self.batch_origins[entry.origin as usize];
            let origin_name = &batch.origins[entry.origin as usize];
            each(self.store(batch, entry.hash, record, variants, origin, origin_name)?);
        }
        Ok(())
    }

    fn store(
        &mut self,
        batch: &PreparedBatch,
        hash: u64,
        record: &[u8],
        variants: std::ops::Range<usize>,
        origin: i64,
        origin_name: &str,
    ) -> Result<Added, MemoryError> {
        self.summary.read += 1;
        if let Some(existing) = self.find_same(hash, record)? {
            self.merge(existing, record, origin, origin_name)?;
            self.summary.merged += 1;
            return Ok(Added::Merged(existing));
        }
        self.tx
            .prepare_cached("INSERT INTO units (origin, record) VALUES (?1, ?2)")
            .and_then(|mut st| st.execute(params![origin, record]))
            .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        let id32 = u32::try_from(id)
            .map_err(|_| self.sql(rusqlite::Error::IntegralValueOutOfRange(0, id)))?;
        let mut keys_start = if variants.start == 0 {
            0
        } else {
            batch.variants[variants.start - 1].keys_end
        };
        for variant in &batch.variants[variants] {
            let tag = self.batch_tags[variant.tag as usize] as usize;
            if tag >= self.tag_counts.len() {
                self.tag_counts.resize(tag + 1, 0);
            }
            self.tag_counts[tag] += 1;
            for &key in &batch.keys.occurrences[keys_start..variant.keys_end] {
                self.postings
                    .add(self.batch_keys[key as usize], id32, variant.length);
            }
            keys_start = variant.keys_end;
        }
        if self.postings.is_full() {
            self.postings
                .flush(&self.tx, &self.vocabulary, self.postings_empty)
                .map_err(|e| MemoryError::from_sql(self.path, e))?;
            self.postings_empty = false;
        }
        self.dedupe.record(hash, id32);
        if self.dedupe.new.len() >= self.dedupe.limit {
            self.write_hashes(true).map_err(|e| self.sql(e))?;
        }
        *self.origin_counts.entry(origin).or_default() += 1;
        self.summary.added += 1;
        Ok(Added::New(id))
    }

    /// The units in the table (stored before this import, or written by it already) whose
    /// content hash is `hash`.
    fn stored_with_hash(&mut self, hash: u64) -> Result<Vec<u32>, MemoryError> {
        if self.units_empty && !self.dedupe.may_have_written(hash) {
            return Ok(Vec::new());
        }
        let bucket = bucket_of(hash);
        let matching = |entries: &[(u64, u32)]| -> Vec<u32> {
            let from = entries.partition_point(|e| e.0 < hash);
            entries[from..]
                .iter()
                .take_while(|e| e.0 == hash)
                .map(|e| e.1)
                .collect()
        };
        if let Some(entries) = self.dedupe.buckets.get(&bucket) {
            return Ok(matching(entries));
        }
        let data: Option<Vec<u8>> = self
            .tx
            .prepare_cached("SELECT data FROM unit_hashes WHERE bucket = ?1")
            .and_then(|mut st| st.query_row([bucket], |r| r.get(0)).optional())
            .map_err(|e| self.sql(e))?;
        let entries = data.map(|d| decode_bucket(&d)).unwrap_or_default();
        let found = matching(&entries);
        // Into a memory that had units, every new unit looks its bucket up: keep them (up
        // to a bound). Into an empty one, only the few the filter lets through do.
        if !self.units_empty {
            self.dedupe.cache(bucket, entries);
        }
        Ok(found)
    }

    /// The stored unit with the same content, if any.
    fn find_same(&mut self, hash: u64, record: &[u8]) -> Result<Option<i64>, MemoryError> {
        let mut candidates: Vec<u32> = Vec::new();
        if let Some(id) = self.dedupe.seen.get(&hash) {
            candidates.push(*id);
            if let Some(more) = self.dedupe.seen_more.get(&hash) {
                candidates.extend(more);
            }
        }
        candidates.extend(self.stored_with_hash(hash)?);
        if candidates.is_empty() {
            return Ok(None);
        }
        let new = record::variants(record).map_err(|e| self.sql(e.into()))?;
        for id in candidates {
            let stored: Option<Vec<u8>> = self
                .tx
                .prepare_cached("SELECT record FROM units WHERE id = ?1")
                .and_then(|mut st| st.query_row([id], |row| row.get(0)).optional())
                .map_err(|e| self.sql(e))?;
            if let Some(stored) = stored {
                let stored = record::variants(&stored).map_err(|e| self.sql(e.into()))?;
                if same_content(&stored, &new) {
                    return Ok(Some(i64::from(id)));
                }
            }
        }
        Ok(None)
    }

    /// Merges new provenance (and properties, notes) into a stored unit.
    fn merge(
        &mut self,
        id: i64,
        new_record: &[u8],
        origin_id: i64,
        origin_name: &str,
    ) -> Result<(), MemoryError> {
        let (origin, stored): (Option<i64>, Vec<u8>) = self
            .tx
            .prepare_cached("SELECT origin, record FROM units WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))))
            .map_err(|e| self.sql(e))?;
        let mut unit = record::decode(&stored, String::new()).map_err(|e| self.sql(e.into()))?;
        let new =
            record::decode(new_record, origin_name.to_owned()).map_err(|e| self.sql(e.into()))?;
        let provenance = new.first;
        let same_as_first = origin == Some(origin_id) && unit.first.segment == provenance.segment;
        let known = same_as_first
            || unit
                .merged
                .iter()
                .any(|p| p.origin == provenance.origin && p.segment == provenance.segment);
        let origin_known =
            origin == Some(origin_id) || unit.merged.iter().any(|p| p.origin == provenance.origin);
        let mut props_changed = false;
        for p in new.properties {
            if !unit.properties.contains(&p) {
                unit.properties.push(p);
                props_changed = true;
            }
        }
        for n in new.notes {
            if !unit.notes.contains(&n) {
                unit.notes.push(n);
                props_changed = true;
            }
        }
        if known && !props_changed {
            return Ok(());
        }
        // The unit's change time is the latest of its provenance.
        let newer = provenance.changed.or(provenance.created);
        unit.first.changed = match (unit.first.changed.or(unit.first.created), newer) {
            (Some(old), Some(new)) => Some(old.max(new)),
            (old, new) => old.or(new),
        };
        if !known {
            unit.merged.push(provenance);
            if !origin_known {
                *self.origin_counts.entry(origin_id).or_default() += 1;
            }
        }
        let encoded = record::encode(&unit);
        self.tx
            .prepare_cached("UPDATE units SET record = ?2 WHERE id = ?1")
            .and_then(|mut st| st.execute(params![id, encoded]))
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

    /// Keeps at most `limit` new content hashes in memory (and cached entries), instead of
    /// [`HASHES_IN_MEMORY`]: for tests of what happens beyond.
    #[cfg(test)]
    pub(crate) fn set_hashes_in_memory(&mut self, limit: usize) {
        self.dedupe.limit = limit;
    }

    /// The counts so far.
    pub fn summary(&self) -> &ImportSummary {
        &self.summary
    }

    /// Writes the index and the counts and commits: the units become visible at once.
    pub fn commit(mut self) -> Result<ImportSummary, MemoryError> {
        let path = self.path;
        let sql = |e| MemoryError::from_sql(path, e);
        {
            let vocabulary = &self.vocabulary;
            self.postings
                .flush(&self.tx, vocabulary, self.postings_empty)
                .map_err(sql)?;
            let mut st = self
                .tx
                .prepare_cached(
                    "INSERT INTO languages (tag, variants) VALUES (?1, ?2)
                     ON CONFLICT (tag) DO UPDATE SET variants = variants + excluded.variants",
                )
                .map_err(sql)?;
            for (tag, count) in self.tag_counts.iter().enumerate() {
                if let (Some(tag), true) = (vocabulary.tag_text(tag as u32), *count > 0) {
                    st.execute(params![tag, count]).map_err(sql)?;
                }
            }
        }
        self.write_hashes(false).map_err(sql)?;
        {
            let mut st = self
                .tx
                .prepare_cached("UPDATE origins SET units = units + ?2 WHERE id = ?1")
                .map_err(sql)?;
            for (origin, count) in &self.origin_counts {
                st.execute(params![origin, count]).map_err(sql)?;
            }
        }
        self.tx
            .pragma_update(None, "cache_size", -2000)
            .map_err(sql)?;
        self.tx.commit().map_err(sql)?;
        Ok(self.summary)
    }

    /// Adds the new content hashes to their buckets in the table and forgets them, at commit
    /// or when [`HASHES_IN_MEMORY`] of them wait (`more_to_come`: remember in a filter
    /// which were written, for the rest of the import).
    fn write_hashes(&mut self, more_to_come: bool) -> rusqlite::Result<()> {
        let mut new = std::mem::take(&mut self.dedupe.new);
        new.sort_unstable();
        // A bucket not read yet holds nothing when the table was empty and nothing was
        // written since.
        let table_empty = self.units_empty && self.dedupe.written.is_empty();
        let mut select = self
            .tx
            .prepare_cached("SELECT data FROM unit_hashes WHERE bucket = ?1")?;
        let mut write = self
            .tx
            .prepare_cached("INSERT OR REPLACE INTO unit_hashes (bucket, data) VALUES (?1, ?2)")?;
        let mut rest = &new[..];
        while let Some(first) = rest.first() {
            let bucket = bucket_of(first.0);
            let end = rest.partition_point(|e| bucket_of(e.0) == bucket);
            let (these, others) = rest.split_at(end);
            rest = others;
            let stored = match self.dedupe.take_cached(bucket) {
                Some(entries) => entries,
                None if table_empty => Vec::new(),
                None => select
                    .query_row([bucket], |r| r.get::<_, Vec<u8>>(0))
                    .optional()?
                    .map(|d| decode_bucket(&d))
                    .unwrap_or_default(),
            };
            let data = if stored.is_empty() {
                encode_bucket(these)
            } else {
                let mut all = stored;
                all.extend_from_slice(these);
                all.sort_unstable();
                encode_bucket(&all)
            };
            write.execute(params![bucket, data])?;
        }
        // The hashes now live in the table. When the table was empty, the lookups of the
        // rest of the import read it only for hashes the filter may hold (otherwise they
        // read each bucket anyway).
        if self.units_empty && more_to_come {
            let mut filter = BloomFilter::with_capacity(new.len());
            for (hash, _) in &new {
                filter.insert(*hash);
            }
            self.dedupe.written.push(filter);
        }
        self.dedupe.seen = FxHashMap::default();
        self.dedupe.seen_more = FxHashMap::default();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::hash::hash;

    #[test]
    fn a_bloom_filter_holds_what_it_was_given_and_little_else() {
        let mut filter = BloomFilter::with_capacity(10_000);
        let hashes: Vec<u64> = (0..10_000u64).map(|i| hash(1, &i.to_le_bytes())).collect();
        for h in &hashes {
            filter.insert(*h);
        }
        assert!(hashes.iter().all(|h| filter.may_contain(*h)));
        let others = (10_000..110_000u64)
            .filter(|i| filter.may_contain(hash(1, &i.to_le_bytes())))
            .count();
        assert!(others < 2_000, "{others} false positives in 100,000");
    }

    #[test]
    fn preparation_can_move_to_another_thread() {
        fn send<T: Send>() {}
        send::<Preparer>();
        send::<PreparedBatch>();
        send::<PreparedUnit>();
    }

    #[test]
    fn buckets_round_trip_in_order() {
        let entries = vec![(1u64, 7u32), (1 << 60, 2), (u64::MAX, u32::MAX)];
        assert_eq!(decode_bucket(&encode_bucket(&entries)), entries);
        assert_eq!(bucket_of(u64::MAX), (1 << BUCKET_BITS) - 1);
        assert_eq!(bucket_of(0), 0);
    }
}
