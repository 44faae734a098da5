//! The index keys of an import's texts, numbered once per batch: what the preparer (on
//! the reading thread) cuts texts into, and what the index ([`super::index::Vocabulary`])
//! files under numbers. Its own module so that the import and the index both depend on it
//! and not on each other.

use super::hash::hash;
use super::tokens::{
    number_index_key_into, word_index_key_into, TokenKind, Tokens, NUMBER_CLASS_KEY, TAG_CLASS_KEY,
};

/// The seed a language's index keys are hashed with, so that the same text in two
/// languages is two keys.
pub(crate) fn language_seed(subtag: &str) -> u64 {
    hash(0x6c61_6e67, subtag.as_bytes())
}

/// The index keys of many texts: each distinct (language, key) once, with its hash, and
/// for each text the indexes of its distinct keys. A batch of units repeats its frequent
/// words thousands of times; the import numbers each distinct key once per batch.
#[derive(Debug, Default)]
pub(crate) struct KeyBatch {
    /// The distinct keys end to end; key `i` ends at `ends[i]`.
    pub text: String,
    pub ends: Vec<usize>,
    pub hashes: Vec<u64>,
    /// The language of each key (an index into the owner's list of languages).
    pub languages: Vec<u32>,
    /// Per text, the indexes of its distinct keys.
    pub occurrences: Vec<u32>,
    /// For each key, the last text that had it (texts are counted from 1).
    stamps: Vec<u32>,
    texts: u32,
    /// Open addressing: key index + 1 (0: empty).
    table: Vec<u32>,
    word: String,
}

impl KeyBatch {
    pub fn clear(&mut self) {
        if self.ends.len() * 8 < self.table.len() {
            // Few keys in a big table: empty their slots only.
            let mask = self.table.len() - 1;
            for (i, hash) in self.hashes.iter().enumerate() {
                let mut at = *hash as usize & mask;
                while self.table[at] != i as u32 + 1 {
                    at = (at + 1) & mask;
                }
                self.table[at] = 0;
            }
        } else {
            self.table.iter_mut().for_each(|slot| *slot = 0);
        }
        self.text.clear();
        self.ends.clear();
        self.hashes.clear();
        self.languages.clear();
        self.occurrences.clear();
        self.stamps.clear();
        self.texts = 0;
    }

    /// The key `i`.
    pub fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn index_of(&mut self, language: u32, seed: u64, key: &str) -> u32 {
        if self.table.len() < 2 * (self.ends.len() + 1) {
            self.grow();
        }
        let hash = hash(seed, key.as_bytes());
        let mask = self.table.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            match self.table[at] {
                0 => break,
                slot => {
                    let i = (slot - 1) as usize;
                    if self.hashes[i] == hash && self.languages[i] == language && self.key(i) == key
                    {
                        return i as u32;
                    }
                }
            }
            at = (at + 1) & mask;
        }
        self.text.push_str(key);
        self.ends.push(self.text.len());
        self.hashes.push(hash);
        self.languages.push(language);
        self.stamps.push(0);
        let index = self.ends.len() as u32;
        self.table[at] = index;
        index - 1
    }

    fn grow(&mut self) {
        let size = (self.table.len() * 2).max(1024);
        self.table = vec![0; size];
        let mask = size - 1;
        for (i, hash) in self.hashes.iter().enumerate() {
            let mut at = *hash as usize & mask;
            while self.table[at] != 0 {
                at = (at + 1) & mask;
            }
            self.table[at] = i as u32 + 1;
        }
    }

    /// Adds a text's keys (each word's key, each number's value key, [`NUMBER_CLASS_KEY`]
    /// if it has numbers and [`TAG_CLASS_KEY`] if it has tags) and appends the indexes of
    /// its distinct keys to the occurrences; returns the count of its words, numbers and
    /// tags (its length for the match score). `seed` is the language's ([`language_seed`]).
    pub fn add_text(&mut self, source: &str, language: u32, seed: u64) -> u32 {
        self.texts += 1;
        let mut length = 0u32;
        let (mut has_number, mut has_tag) = (false, false);
        let mut word = std::mem::take(&mut self.word);
        for token in Tokens::new(source) {
            match token.kind {
                TokenKind::Word => word_index_key_into(token.text, &mut word),
                TokenKind::Number => {
                    has_number = true;
                    number_index_key_into(token.text, &mut word);
                }
                TokenKind::Tag => {
                    has_tag = true;
                    length += 1;
                    continue;
                }
                TokenKind::Punctuation => continue,
            }
            length += 1;
            self.occur(language, seed, &word);
        }
        if has_number {
            self.occur(language, seed, NUMBER_CLASS_KEY);
        }
        if has_tag {
            self.occur(language, seed, TAG_CLASS_KEY);
        }
        self.word = word;
        length
    }

    /// Records that the current text has a key, once.
    fn occur(&mut self, language: u32, seed: u64, key: &str) {
        let index = self.index_of(language, seed, key) as usize;
        if self.stamps[index] != self.texts {
            self.stamps[index] = self.texts;
            self.occurrences.push(index as u32);
        }
    }
}
