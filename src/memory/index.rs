//! The lookup index: for each (language, token key), the ascending list of the units whose
//! text in that language holds the token, each with the unit's count of words and numbers in
//! that language (for the length filter). Lists are compact blobs in the `postings` table:
//! per entry, the difference from the previous unit id as a LEB128 varint, then the length
//! as one byte (capped at 255).
//!
//! An import collects new entries in memory ([`PostingsBuilder`]) and merges them into the
//! table when it commits: new unit ids are always larger than stored ones, so merging is an
//! append. Lists are read back whole and decoded ([`decode`]), which for a list of a few
//! hundred thousand entries takes about a millisecond.

use rusqlite::{params, Connection, OptionalExtension};
use rustc_hash::FxHashMap;

/// The largest length a list entry stores: a unit of more words is stored as this, which
/// means "at least this many" (the length filter treats it so, and a long unit is never
/// missed).
pub(crate) const LENGTH_CAP: u8 = u8::MAX;

/// A unit's length as a list entry stores it.
pub(crate) fn stored_length(length: u32) -> u8 {
    length.min(u32::from(LENGTH_CAP)) as u8
}

/// A decoded posting list.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Postings {
    /// Unit ids, ascending (a unit with two variants sharing a language may appear twice).
    pub ids: Vec<u32>,
    /// The unit's count of content tokens in the list's language, parallel to `ids`.
    pub lengths: Vec<u8>,
}

impl Postings {
    /// Bytes held, for the cache's budget.
    pub fn heap_size(&self) -> usize {
        self.ids.len() * 5
    }
}

fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Decodes a posting blob; a damaged blob decodes as far as it is readable.
pub(crate) fn decode(data: &[u8]) -> Postings {
    let mut postings = Postings {
        ids: Vec::with_capacity(data.len() / 2),
        lengths: Vec::with_capacity(data.len() / 2),
    };
    let mut id: u32 = 0;
    let mut i = 0;
    while i < data.len() {
        let mut delta: u32 = 0;
        let mut shift = 0;
        loop {
            let Some(&byte) = data.get(i) else {
                return postings;
            };
            i += 1;
            if shift < 32 {
                delta |= u32::from(byte & 0x7f) << shift;
            }
            shift += 7;
            if byte & 0x80 == 0 {
                break;
            }
        }
        let Some(&length) = data.get(i) else {
            return postings;
        };
        i += 1;
        id = id.wrapping_add(delta);
        postings.ids.push(id);
        postings.lengths.push(length);
    }
    postings
}

/// The keys and language tags met during an import, each numbered once: preparing a unit
/// turns its keys into numbers (on the reading thread), and the import files posting
/// entries under those numbers without hashing a string again.
///
/// The keys sit end to end in one arena and an open-addressing table of 8-byte slots
/// (32 bits of the key's hash, its number) finds them: an import looks up tens of millions
/// of keys, and a table this compact stays in the processor's cache where a map of strings
/// would not.
#[derive(Debug)]
pub(crate) struct Vocabulary {
    /// Language subtags (`en`), by index.
    languages: Vec<Box<str>>,
    /// Slot: hash fragment in the high half, key number + 1 in the low half (0: empty).
    slots: Vec<u64>,
    /// The keys' texts end to end; key `n` is `arena[ends[n - 1]..ends[n]]`.
    arena: Vec<u8>,
    ends: Vec<u32>,
    /// The language index of each key.
    key_languages: Vec<u32>,
    /// The hash seed of each language.
    seeds: Vec<u64>,
    /// Full language tags (`en-GB`), by number, for the counts of variants per tag.
    tags: Vec<Box<str>>,
    tag_numbers: FxHashMap<Box<str>, u32>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            languages: Vec::new(),
            slots: vec![0; 1 << 12],
            arena: Vec::new(),
            ends: Vec::new(),
            key_languages: Vec::new(),
            seeds: Vec::new(),
            tags: Vec::new(),
            tag_numbers: FxHashMap::default(),
        }
    }
}

impl Vocabulary {
    /// The index of a language subtag.
    pub fn language(&mut self, subtag: &str) -> u32 {
        match self.languages.iter().position(|l| &**l == subtag) {
            Some(index) => index as u32,
            None => {
                self.languages.push(subtag.into());
                self.seeds.push(super::keys::language_seed(subtag));
                (self.languages.len() - 1) as u32
            }
        }
    }

    fn key_bytes(&self, number: usize) -> &[u8] {
        let start = if number == 0 {
            0
        } else {
            self.ends[number - 1] as usize
        };
        &self.arena[start..self.ends[number] as usize]
    }

    /// The number of a key in a language (given by [`Vocabulary::language`]).
    #[cfg(test)]
    pub fn key(&mut self, language: u32, key: &str) -> u32 {
        let hash = super::hash::hash(self.seeds[language as usize], key.as_bytes());
        self.key_hashed(language, key, hash)
    }

    /// The numbers of every key of a batch, in order, appended to `out`; `languages` maps
    /// the batch's language indexes to this vocabulary's. The table and the arena are read
    /// for all keys before any is resolved, so that the processor waits for their cache
    /// misses together rather than one after the other.
    pub(crate) fn keys(
        &mut self,
        batch: &super::keys::KeyBatch,
        languages: &[u32],
        out: &mut Vec<u32>,
    ) {
        let mask = self.slots.len() - 1;
        let mut touched = 0u64;
        for &hash in &batch.hashes {
            touched ^= self.slots[hash as usize & mask];
        }
        for &hash in &batch.hashes {
            let slot = self.slots[hash as usize & mask];
            if slot != 0 && slot >> 32 == hash >> 32 {
                let number = (slot as u32 - 1) as usize;
                let at = if number == 0 {
                    0
                } else {
                    self.ends[number - 1]
                };
                touched ^= u64::from(self.arena.get(at as usize).copied().unwrap_or(0));
            }
        }
        std::hint::black_box(touched);
        for (i, &hash) in batch.hashes.iter().enumerate() {
            let language = languages[batch.languages[i] as usize];
            let key = batch.key(i);
            // The batch hashed with its languages' seeds, which are this vocabulary's too.
            out.push(self.key_hashed(language, key, hash));
        }
    }

    #[inline]
    fn key_hashed(&mut self, language: u32, key: &str, hash: u64) -> u32 {
        let fragment = hash >> 32;
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                break;
            }
            if slot >> 32 == fragment {
                let number = (slot as u32 - 1) as usize;
                if self.key_languages[number] == language
                    && self.key_bytes(number) == key.as_bytes()
                {
                    return number as u32;
                }
            }
            at = (at + 1) & mask;
        }
        let number = self.ends.len() as u32;
        self.slots[at] = (fragment << 32) | u64::from(number + 1);
        self.arena.extend_from_slice(key.as_bytes());
        self.ends.push(self.arena.len() as u32);
        self.key_languages.push(language);
        if self.ends.len() * 2 > self.slots.len() {
            self.grow();
        }
        number
    }

    fn grow(&mut self) {
        let mut slots = vec![0u64; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for number in 0..self.ends.len() {
            let hash = super::hash::hash(
                self.seeds[self.key_languages[number] as usize],
                self.key_bytes(number),
            );
            let mut at = hash as usize & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = ((hash >> 32) << 32) | (number as u64 + 1);
        }
        self.slots = slots;
    }

    /// The number of a full language tag.
    pub fn tag(&mut self, tag: &str) -> u32 {
        if let Some(&number) = self.tag_numbers.get(tag) {
            return number;
        }
        let number = self.tags.len() as u32;
        self.tags.push(tag.into());
        self.tag_numbers.insert(tag.into(), number);
        number
    }

    /// The language subtag and text of a key number.
    pub fn key_text(&self, number: u32) -> Option<(&str, &str)> {
        let number = number as usize;
        let language = *self.key_languages.get(number)?;
        let text = std::str::from_utf8(self.key_bytes(number)).ok()?;
        Some((&self.languages[language as usize], text))
    }

    /// The tag of a tag number.
    pub fn tag_text(&self, number: u32) -> Option<&str> {
        self.tags.get(number as usize).map(|t| &**t)
    }
}

/// Entries gathered for one key during an import: the first entry as numbers, the others
/// already encoded as the stored list encodes them.
#[derive(Debug, Default)]
struct Pending {
    first: u32,
    last: u32,
    count: u32,
    first_length: u8,
    rest: Vec<u8>,
}

/// New posting entries of an import, by key number, merged into the table at commit (or
/// earlier when they outgrow their memory budget, so that an import of any size stays
/// within bounded memory).
///
/// Entries arrive unit by unit, each unit under a few dozen keys; filing each at once would
/// touch a random list per entry. They wait instead, in arrival order, and are filed a
/// few million at a time with a counting sort by key, so that each list is touched once
/// per round.
#[derive(Debug, Default)]
pub(crate) struct PostingsBuilder {
    lists: Vec<Pending>,
    /// Key numbers that have entries, in the order they got their first.
    used: Vec<u32>,
    bytes: usize,
    waiting_keys: Vec<u32>,
    waiting_ids: Vec<u32>,
    waiting_lengths: Vec<u8>,
    /// Buffers of the counting sort, kept between rounds.
    counts: Vec<u32>,
    sorted: Vec<(u32, u8)>,
}

/// Entries that wait before they are filed.
const WAITING_ENTRIES: usize = 1 << 21;

/// Memory the builder may hold before it merges what it has into the table.
pub(crate) const BUILDER_BUDGET_BYTES: usize = 96 * 1024 * 1024;

impl PostingsBuilder {
    /// Records that unit `id` holds key `number`; ids must come in ascending order (a unit
    /// with two variants in one language may give a key twice: the lookup reads it once).
    #[inline]
    pub fn add(&mut self, number: u32, id: u32, length: u8) {
        self.waiting_keys.push(number);
        self.waiting_ids.push(id);
        self.waiting_lengths.push(length);
        if self.waiting_keys.len() >= WAITING_ENTRIES {
            self.file();
        }
    }

    /// Files the waiting entries into their lists.
    fn file(&mut self) {
        if self.waiting_keys.is_empty() {
            return;
        }
        let keys = self
            .waiting_keys
            .iter()
            .max()
            .map_or(0, |m| *m as usize + 1);
        if keys > self.lists.len() {
            self.lists.resize_with(keys, Pending::default);
        }
        self.counts.clear();
        self.counts.resize(keys + 1, 0);
        for &key in &self.waiting_keys {
            self.counts[key as usize + 1] += 1;
        }
        for i in 1..self.counts.len() {
            self.counts[i] += self.counts[i - 1];
        }
        // `counts[k]` is now where key k's entries start; the scatter keeps arrival order
        // (ascending ids) within each key.
        self.sorted.clear();
        self.sorted.resize(self.waiting_keys.len(), (0, 0));
        let mut next = self.counts.clone();
        for (i, &key) in self.waiting_keys.iter().enumerate() {
            let at = &mut next[key as usize];
            self.sorted[*at as usize] = (self.waiting_ids[i], self.waiting_lengths[i]);
            *at += 1;
        }
        for key in 0..keys {
            let (start, end) = (self.counts[key] as usize, self.counts[key + 1] as usize);
            if start == end {
                continue;
            }
            let pending = &mut self.lists[key];
            let before = pending.rest.capacity();
            let mut entries = self.sorted[start..end].iter();
            if pending.count == 0 {
                let Some(&(id, length)) = entries.next() else {
                    continue;
                };
                pending.first = id;
                pending.first_length = length;
                pending.last = id;
                pending.count = 1;
                self.used.push(key as u32);
                self.bytes += 16;
            }
            for &(id, length) in entries {
                push_varint(&mut pending.rest, id - pending.last);
                pending.rest.push(length);
                pending.last = id;
                pending.count += 1;
            }
            self.bytes += pending.rest.capacity() - before;
        }
        self.waiting_keys.clear();
        self.waiting_ids.clear();
        self.waiting_lengths.clear();
    }

    /// Whether the builder has outgrown its budget.
    pub fn is_full(&self) -> bool {
        self.bytes + self.lists.len() * std::mem::size_of::<Pending>() > BUILDER_BUDGET_BYTES
    }

    /// Merges everything gathered into the `postings` table (and new keys into the
    /// `vocabulary` full-text index), then empties the builder. `table_was_empty` skips the
    /// look-up of existing lists on a first import.
    pub fn flush(
        &mut self,
        conn: &Connection,
        vocabulary: &Vocabulary,
        table_was_empty: bool,
    ) -> rusqlite::Result<()> {
        self.file();
        let mut select = conn
            .prepare_cached("SELECT id, last, data FROM postings WHERE lang = ?1 AND token = ?2")?;
        let mut update = conn.prepare_cached(
            "UPDATE postings SET df = df + ?2, last = ?3, data = ?4 WHERE id = ?1",
        )?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO postings (lang, token, df, last, data) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut words =
            conn.prepare_cached("INSERT INTO vocabulary (rowid, token) VALUES (?1, ?2)")?;
        // In key order, so that the table's B-trees are written in order.
        let mut order: Vec<(&str, &str, u32)> = self
            .used
            .iter()
            .filter_map(|&n| vocabulary.key_text(n).map(|(l, t)| (l, t, n)))
            .collect();
        order.sort_unstable();
        let mut data = Vec::new();
        for (language, token, number) in order {
            let pending = std::mem::take(&mut self.lists[number as usize]);
            let existing: Option<(i64, u32, Vec<u8>)> = if table_was_empty {
                None
            } else {
                select
                    .query_row(params![language, token], |row| {
                        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                    })
                    .optional()?
            };
            match existing {
                Some((row_id, last, mut stored)) => {
                    push_varint(&mut stored, pending.first - last);
                    stored.push(pending.first_length);
                    stored.extend_from_slice(&pending.rest);
                    update.execute(params![row_id, pending.count, pending.last, stored])?;
                }
                None => {
                    data.clear();
                    push_varint(&mut data, pending.first);
                    data.push(pending.first_length);
                    data.extend_from_slice(&pending.rest);
                    insert.execute(params![language, token, pending.count, pending.last, data])?;
                    words.execute(params![conn.last_insert_rowid(), token])?;
                }
            }
        }
        self.used.clear();
        self.bytes = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_numbers_each_key_once_per_language() {
        let mut vocabulary = Vocabulary::default();
        let en = vocabulary.language("en");
        let fr = vocabulary.language("fr");
        assert_eq!(vocabulary.language("en"), en);
        let mut numbers = Vec::new();
        for i in 0..20_000 {
            numbers.push(vocabulary.key(en, &format!("word{i}")));
        }
        for (i, number) in numbers.iter().enumerate() {
            assert_eq!(vocabulary.key(en, &format!("word{i}")), *number);
        }
        let same_text = vocabulary.key(fr, "word7");
        assert_ne!(same_text, numbers[7]);
        assert_eq!(vocabulary.key_text(same_text), Some(("fr", "word7")));
        assert_eq!(
            vocabulary.key_text(numbers[19_999]),
            Some(("en", "word19999"))
        );
        assert_eq!(vocabulary.key(en, ""), vocabulary.key(en, ""));
    }

    #[test]
    fn varints_round_trip() {
        let mut data = Vec::new();
        let mut last = 0;
        let ids = [1u32, 2, 130, 20_000, 4_000_000_000];
        for (n, id) in ids.iter().enumerate() {
            push_varint(&mut data, id - last);
            data.push(n as u8);
            last = *id;
        }
        let decoded = decode(&data);
        assert_eq!(decoded.ids, ids);
        assert_eq!(decoded.lengths, vec![0, 1, 2, 3, 4]);
        // A truncated blob decodes what it can.
        assert_eq!(decode(&data[..data.len() - 1]).ids.len(), 4);
    }
}
