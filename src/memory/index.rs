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

/// Entries gathered for one key during an import.
#[derive(Debug)]
struct Pending {
    token: Box<str>,
    first: u32,
    first_length: u8,
    last: u32,
    count: u32,
    rest: Vec<u8>,
}

/// A token as a hash-map key, stored inline when short (most are), so that finding it does
/// not chase a pointer: an import looks up tens of millions of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Inline(u8, [u8; 22]),
    Heap(Box<str>),
}

impl Key {
    fn new(token: &str) -> Key {
        let bytes = token.as_bytes();
        if bytes.len() <= 22 {
            let mut inline = [0u8; 22];
            inline[..bytes.len()].copy_from_slice(bytes);
            Key::Inline(bytes.len() as u8, inline)
        } else {
            Key::Heap(token.into())
        }
    }
}

/// The keys of one language: each new key gets a number, its entries a slot.
#[derive(Debug, Default)]
struct LanguagePostings {
    language: String,
    numbers: FxHashMap<Key, u32>,
    pending: Vec<Pending>,
}

/// New posting entries of an import, merged into the table at commit (or earlier when they
/// outgrow their memory budget, so that an import of any size stays within bounded memory).
#[derive(Debug, Default)]
pub(crate) struct PostingsBuilder {
    languages: Vec<LanguagePostings>,
    bytes: usize,
}

/// Memory the builder may hold before it merges what it has into the table.
pub(crate) const BUILDER_BUDGET_BYTES: usize = 64 * 1024 * 1024;

impl PostingsBuilder {
    /// Records that unit `id` holds each of `keys` (distinct) in `language`; ids must come
    /// in ascending order.
    pub fn add<'k>(
        &mut self,
        language: &str,
        keys: impl Iterator<Item = &'k str>,
        id: u32,
        length: u8,
    ) {
        let index = match self.languages.iter().position(|l| l.language == language) {
            Some(index) => index,
            None => {
                self.languages.push(LanguagePostings {
                    language: language.to_owned(),
                    ..LanguagePostings::default()
                });
                self.languages.len() - 1
            }
        };
        let postings = &mut self.languages[index];
        for key in keys {
            let map_key = Key::new(key);
            match postings.numbers.get(&map_key) {
                Some(&number) => {
                    let pending = &mut postings.pending[number as usize];
                    let before = pending.rest.capacity();
                    push_varint(&mut pending.rest, id - pending.last);
                    pending.rest.push(length);
                    pending.last = id;
                    pending.count += 1;
                    self.bytes += pending.rest.capacity() - before;
                }
                None => {
                    let number = postings.pending.len() as u32;
                    let token: Box<str> = key.into();
                    self.bytes += token.len() + 96;
                    postings.numbers.insert(map_key, number);
                    postings.pending.push(Pending {
                        token,
                        first: id,
                        first_length: length,
                        last: id,
                        count: 1,
                        rest: Vec::new(),
                    });
                }
            }
        }
    }

    /// Whether the builder has outgrown its budget.
    pub fn is_full(&self) -> bool {
        self.bytes > BUILDER_BUDGET_BYTES
    }

    /// Merges everything gathered into the `postings` table (and new keys into the
    /// `vocabulary` full-text index), then empties the builder. `table_was_empty` skips the
    /// look-up of existing lists on a first import.
    pub fn flush(&mut self, conn: &Connection, table_was_empty: bool) -> rusqlite::Result<()> {
        let mut select = conn
            .prepare_cached("SELECT id, last, data FROM postings WHERE lang = ?1 AND token = ?2")?;
        let mut update = conn.prepare_cached(
            "UPDATE postings SET df = df + ?2, last = ?3, data = ?4 WHERE id = ?1",
        )?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO postings (lang, token, df, last, data) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut vocabulary =
            conn.prepare_cached("INSERT INTO vocabulary (rowid, token) VALUES (?1, ?2)")?;
        for postings in std::mem::take(&mut self.languages) {
            let language = postings.language;
            drop(postings.numbers);
            let mut entries = postings.pending;
            entries.sort_unstable_by(|a, b| a.token.cmp(&b.token));
            for pending in entries {
                let token = &*pending.token;
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
                    Some((row_id, last, mut data)) => {
                        push_varint(&mut data, pending.first - last);
                        data.push(pending.first_length);
                        data.extend_from_slice(&pending.rest);
                        update.execute(params![row_id, pending.count, pending.last, data])?;
                    }
                    None => {
                        let mut data = Vec::with_capacity(pending.rest.len() + 6);
                        push_varint(&mut data, pending.first);
                        data.push(pending.first_length);
                        data.extend_from_slice(&pending.rest);
                        insert.execute(params![
                            language,
                            token,
                            pending.count,
                            pending.last,
                            data
                        ])?;
                        vocabulary.execute(params![conn.last_insert_rowid(), token])?;
                    }
                }
            }
        }
        self.bytes = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
