//! Conversions of stored data between schema versions (the SQL of each version is in
//! `schema.rs`).

use rusqlite::{params, Transaction};

use super::import::{bucket_of, content_hash, encode_bucket};
use super::index::{PostingsBuilder, Vocabulary};
use super::keys::{language_seed, KeyBatch};
use super::record::{self, UnitRecord};
use super::{PropertiesRecord, Provenance, Timestamp, VariantRecord};

fn json_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

/// Version 2 → 3: every unit's JSON and text columns become one record, the content
/// hashes move into buckets, and the lookup index is rebuilt (its word keys lose their
/// diacritics).
pub(crate) fn to_v3(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let mut read = tx.prepare(
        "SELECT id, variants, origin, segment, context_before, context_after, created,
                created_by, changed, changed_by, properties, provenance
         FROM units ORDER BY id",
    )?;
    let mut write = tx.prepare("INSERT INTO units_v3 (id, origin, record) VALUES (?1, ?2, ?3)")?;
    let mut hashes: Vec<(u64, u32)> = Vec::new();
    let mut index = IndexRebuild::start(tx)?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let variants: Vec<VariantRecord> =
            serde_json::from_str(&row.get::<_, String>(1)?).map_err(json_error)?;
        let origin: Option<i64> = row.get(2)?;
        let time = |index: usize| -> rusqlite::Result<Option<Timestamp>> {
            Ok(row
                .get::<_, Option<String>>(index)?
                .and_then(|t| Timestamp::parse(&t)))
        };
        let first = Provenance {
            origin: String::new(),
            segment: row.get(3)?,
            context_before: row.get(4)?,
            context_after: row.get(5)?,
            created: time(6)?,
            created_by: row.get(7)?,
            changed: time(8)?,
            changed_by: row.get(9)?,
        };
        let properties: PropertiesRecord = match row.get::<_, Option<String>>(10)? {
            Some(json) => serde_json::from_str(&json).map_err(json_error)?,
            None => PropertiesRecord::default(),
        };
        let merged: Vec<Provenance> = match row.get::<_, Option<String>>(11)? {
            Some(json) => serde_json::from_str(&json).map_err(json_error)?,
            None => Vec::new(),
        };
        let unit = UnitRecord {
            variants,
            first,
            properties: properties.props,
            notes: properties.notes,
            merged,
        };
        let data = record::encode(&unit);
        write.execute(params![id, origin, data])?;
        let id32 =
            u32::try_from(id).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, id))?;
        let views = record::variants(&data)?;
        hashes.push((content_hash(&views), id32));
        index.add(tx, id32, &views)?;
    }
    drop(rows);
    index.finish(tx)?;
    hashes.sort_unstable();
    let mut bucket_write =
        tx.prepare("INSERT INTO unit_hashes_v3 (bucket, data) VALUES (?1, ?2)")?;
    let mut rest = &hashes[..];
    while let Some(first) = rest.first() {
        let bucket = bucket_of(first.0);
        let end = rest.partition_point(|e| bucket_of(e.0) == bucket);
        bucket_write.execute(params![bucket, encode_bucket(&rest[..end])])?;
        rest = &rest[end..];
    }
    tx.execute_batch(
        "DROP TABLE units; ALTER TABLE units_v3 RENAME TO units;
         DROP TABLE unit_hashes; ALTER TABLE unit_hashes_v3 RENAME TO unit_hashes;",
    )?;
    Ok(())
}

/// Version 3 → 4: tags and placeholders count in a text's length for the match score, and
/// are indexed under one key; the lookup index is rebuilt from the stored units.
pub(crate) fn to_v4(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let mut read = tx.prepare("SELECT id, record FROM units ORDER BY id")?;
    let mut index = IndexRebuild::start(tx)?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let id32 =
            u32::try_from(id).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, id))?;
        let data = row.get_ref(1)?.as_blob()?;
        index.add(tx, id32, &record::variants(data)?)?;
    }
    drop(rows);
    index.finish(tx)
}

/// The lookup index (postings and vocabulary) made again from every unit, in id order, as
/// an import makes it.
struct IndexRebuild {
    vocabulary: Vocabulary,
    postings: PostingsBuilder,
    keys: KeyBatch,
    languages: Vec<u32>,
    numbers: Vec<u32>,
    table_empty: bool,
}

impl IndexRebuild {
    /// Empties the index.
    fn start(tx: &Transaction<'_>) -> rusqlite::Result<IndexRebuild> {
        tx.execute_batch(
            "DELETE FROM postings; INSERT INTO vocabulary (vocabulary) VALUES ('delete-all');",
        )?;
        Ok(IndexRebuild {
            vocabulary: Vocabulary::default(),
            postings: PostingsBuilder::default(),
            keys: KeyBatch::default(),
            languages: Vec::new(),
            numbers: Vec::new(),
            table_empty: true,
        })
    }

    /// Files unit `id` under the keys of its variants.
    fn add(
        &mut self,
        tx: &Transaction<'_>,
        id: u32,
        views: &[record::VariantView<'_>],
    ) -> rusqlite::Result<()> {
        self.keys.clear();
        self.languages.clear();
        let mut lengths = Vec::with_capacity(views.len());
        for view in views {
            let subtag = view
                .lang
                .parse::<unic_langid::LanguageIdentifier>()
                .map(|l| l.language.as_str().to_owned())
                .unwrap_or_else(|_| view.lang.to_ascii_lowercase());
            let language = self.vocabulary.language(&subtag);
            self.languages.push(language);
            self.vocabulary.tag(view.lang);
            let local = (self.languages.len() - 1) as u32;
            let length = self.keys.add_text(view.text, local, language_seed(&subtag));
            lengths.push((
                super::index::stored_length(length),
                self.keys.occurrences.len(),
            ));
        }
        self.numbers.clear();
        self.vocabulary
            .keys(&self.keys, &self.languages, &mut self.numbers);
        let mut start = 0;
        for (length, end) in lengths {
            for &key in &self.keys.occurrences[start..end] {
                self.postings.add(self.numbers[key as usize], id, length);
            }
            start = end;
        }
        if self.postings.is_full() {
            self.postings
                .flush(tx, &self.vocabulary, self.table_empty)?;
            self.table_empty = false;
        }
        Ok(())
    }

    /// Writes what is left.
    fn finish(mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        self.postings.flush(tx, &self.vocabulary, self.table_empty)
    }
}
