//! Concordance: every unit whose text in a language holds a piece of text, case- and
//! accent-insensitive unless asked otherwise ([`SearchFold`]), with the hit highlighted.
//!
//! The words of the query are found in the token index: inner words exactly; the first word
//! as the end of a stored word and the last as the start of one (the query may cut words);
//! a one-word query anywhere inside a stored word, through the trigram full-text index
//! (FTS5) of the vocabulary. The units holding all of them are then checked for the whole
//! text, newest first, until enough hits are found.

use std::collections::BTreeSet;

use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::record;
use super::tokens::{tokenize, Token};
use super::{Memory, MemoryError};
use crate::text::fold::fold_for_search;
pub use crate::text::fold::SearchFold;

/// Most stored words one query word may stand for (a two-letter fragment could match
/// thousands); the most frequent are kept.
const MAX_EXPANSIONS: usize = 400;

/// A concordance search.
#[derive(Debug, Clone)]
pub struct SearchRequest<'a> {
    /// The text to find (at least one word or number).
    pub text: &'a str,
    /// Search this language only (on its language subtag); otherwise every language.
    pub lang: Option<&'a LanguageIdentifier>,
    /// The most hits returned.
    pub limit: usize,
    /// What the search ignores: by default case and accents (`securite` finds "sécurité").
    pub fold: SearchFold,
}

/// One variant of a hit unit, with the byte ranges of the hits in its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HitSide {
    /// The language tag.
    pub lang: String,
    /// The text.
    pub text: String,
    /// Byte ranges of the searched text (empty on the other sides).
    pub highlights: Vec<(usize, usize)>,
}

/// A unit found by a concordance search: all its sides, the hits highlighted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConcordanceHit {
    /// The unit's id.
    pub unit: i64,
    /// Its first origin.
    pub origin: Option<String>,
    /// Its variants.
    pub sides: Vec<HitSide>,
}

/// Byte ranges of `needle` (already folded by `fold`) in `text`.
fn find_all(text: &str, needle: &str, fold: SearchFold) -> Vec<(usize, usize)> {
    let folded = fold_for_search(text, fold);
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(at) = folded.text[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        ranges.push((folded.origin[start].0, folded.origin[end - 1].1));
        from = end;
    }
    ranges
}

/// Where a query word may sit in a stored word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Anywhere,
    End,
    Start,
    Whole,
}

fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

impl Memory {
    /// Stored keys of `lang` that `word` may stand for, most frequent first.
    fn expand(&self, lang: &str, word: &str, place: Place) -> Result<Vec<String>, MemoryError> {
        let sql = |e| self.sql_error(e);
        let mut keys: Vec<(String, i64)> = Vec::new();
        let use_trigrams =
            word.chars().count() >= 3 && matches!(place, Place::Anywhere | Place::End);
        if use_trigrams {
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT p.token, p.df FROM vocabulary v JOIN postings p ON p.id = v.rowid
                     WHERE vocabulary MATCH ?1 AND p.lang = ?2",
                )
                .map_err(sql)?;
            let rows = st
                .query_map([fts_phrase(word), lang.to_owned()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .map_err(sql)?;
            for row in rows {
                let (token, df): (String, i64) = row.map_err(sql)?;
                if place == Place::Anywhere || token.ends_with(word) {
                    keys.push((token, df));
                }
            }
        } else if place == Place::Whole || (place == Place::End && !use_trigrams) {
            if let Some(df) = self
                .conn
                .prepare_cached("SELECT df FROM postings WHERE lang = ?1 AND token = ?2")
                .and_then(|mut st| {
                    use rusqlite::OptionalExtension;
                    st.query_row([lang, word], |r| r.get::<_, i64>(0))
                        .optional()
                })
                .map_err(sql)?
            {
                keys.push((word.to_owned(), df));
            }
        }
        if matches!(place, Place::Start) || (place == Place::Anywhere && !use_trigrams) {
            let upper = format!("{word}\u{10ffff}");
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT token, df FROM postings WHERE lang = ?1 AND token >= ?2 AND token < ?3",
                )
                .map_err(sql)?;
            let rows = st
                .query_map([lang, word, upper.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql)?;
            for row in rows {
                keys.push(row.map_err(sql)?);
            }
        }
        keys.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        keys.dedup_by(|a, b| a.0 == b.0);
        keys.truncate(MAX_EXPANSIONS);
        Ok(keys.into_iter().map(|(k, _)| k).collect())
    }

    fn units_with_any(&self, lang: &str, keys: &[String]) -> Result<Vec<u32>, MemoryError> {
        let mut ids: Vec<u32> = Vec::new();
        for key in keys {
            if let Some(list) = self.postings(lang, key)? {
                ids.extend_from_slice(&list.ids);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    fn search_language(&self, lang: &str, words: &[String]) -> Result<Vec<u32>, MemoryError> {
        let mut result: Option<Vec<u32>> = None;
        for (index, word) in words.iter().enumerate() {
            let place = match (index == 0, index + 1 == words.len()) {
                (true, true) => Place::Anywhere,
                (true, false) => Place::End,
                (false, true) => Place::Start,
                (false, false) => Place::Whole,
            };
            let place = if word.starts_with('#') {
                Place::Whole
            } else {
                place
            };
            let keys = self.expand(lang, word, place)?;
            let ids = self.units_with_any(lang, &keys)?;
            result = Some(match result {
                None => ids,
                Some(previous) => {
                    let set: BTreeSet<u32> = ids.into_iter().collect();
                    previous.into_iter().filter(|id| set.contains(id)).collect()
                }
            });
            if result.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
        }
        Ok(result.unwrap_or_default())
    }

    /// Units holding the text in the requested language (or any), newest first.
    pub fn search(&self, request: &SearchRequest<'_>) -> Result<Vec<ConcordanceHit>, MemoryError> {
        let sql = |e| self.sql_error(e);
        let needle = fold_for_search(request.text.trim(), request.fold).text;
        // The words as the index keys them (no case, no diacritics); the hits are then
        // checked on the text itself.
        let words: Vec<String> = tokenize(&needle)
            .iter()
            .filter_map(Token::index_key)
            .collect();
        if needle.is_empty() || request.limit == 0 {
            return Ok(Vec::new());
        }
        // Newest first, each with the language it was found in (None: any language).
        let mut ids: Vec<(u32, Option<String>)> = Vec::new();
        if words.is_empty() {
            // Only punctuation or symbols (`) (`, `%`): no index key holds them, so every
            // unit is a candidate and the text itself decides.
            let mut st = self
                .conn
                .prepare("SELECT id FROM units ORDER BY id DESC")
                .map_err(sql)?;
            let lang = request.lang.map(|l| l.language.as_str().to_owned());
            for id in st.query_map([], |r| r.get::<_, u32>(0)).map_err(sql)? {
                ids.push((id.map_err(sql)?, lang.clone()));
            }
            return self.hits(ids, &needle, request);
        }
        let languages: Vec<String> = match request.lang {
            Some(lang) => vec![lang.language.as_str().to_owned()],
            None => {
                let mut st = self
                    .conn
                    .prepare("SELECT tag FROM languages")
                    .map_err(sql)?;
                let tags = st
                    .query_map([], |r| r.get::<_, String>(0))
                    .map_err(sql)?
                    .collect::<rusqlite::Result<Vec<String>>>()
                    .map_err(sql)?;
                let mut subtags: Vec<String> = tags
                    .iter()
                    .filter_map(|t| t.parse::<LanguageIdentifier>().ok())
                    .map(|l| l.language.as_str().to_owned())
                    .collect();
                subtags.sort();
                subtags.dedup();
                subtags
            }
        };
        for lang in &languages {
            for id in self.search_language(lang, &words)? {
                ids.push((id, Some(lang.clone())));
            }
        }
        ids.sort_by_key(|b| std::cmp::Reverse(b.0));
        self.hits(ids, &needle, request)
    }

    /// The candidates that really hold `needle`, with its places highlighted, up to `limit`.
    fn hits(
        &self,
        ids: Vec<(u32, Option<String>)>,
        needle: &str,
        request: &SearchRequest<'_>,
    ) -> Result<Vec<ConcordanceHit>, MemoryError> {
        let limit = request.limit;
        let sql = |e| self.sql_error(e);
        let mut hits: Vec<ConcordanceHit> = Vec::new();
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT u.record, o.name FROM units u LEFT JOIN origins o ON o.id = u.origin
                 WHERE u.id = ?1",
            )
            .map_err(sql)?;
        for (id, lang) in ids {
            if hits.len() >= limit {
                break;
            }
            if hits.last().is_some_and(|h| h.unit == i64::from(id)) {
                continue;
            }
            let (data, origin): (Vec<u8>, Option<String>) = statement
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql)?;
            let variants = record::variants(&data).map_err(|e| sql(e.into()))?;
            let mut found = false;
            let sides: Vec<HitSide> = variants
                .into_iter()
                .map(|v| {
                    let in_language = lang.as_ref().is_none_or(|lang| {
                        v.lang
                            .parse::<LanguageIdentifier>()
                            .is_ok_and(|l| l.language.as_str() == lang)
                    });
                    let highlights = if in_language {
                        find_all(v.text, needle, request.fold)
                    } else {
                        Vec::new()
                    };
                    found |= !highlights.is_empty();
                    HitSide {
                        lang: v.lang.to_owned(),
                        text: v.text.to_owned(),
                        highlights,
                    }
                })
                .collect();
            if found {
                hits.push(ConcordanceHit {
                    unit: i64::from(id),
                    origin,
                    sides,
                });
            }
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_are_found_case_insensitively_with_original_ranges() {
        let text = "L’Assemblée GÉNÉRALE et l’assemblée";
        let accents = SearchFold {
            case: true,
            accents: false,
        };
        let find = |needle: &str, fold: SearchFold| {
            find_all(text, &fold_for_search(needle, fold).text, fold)
        };
        let ranges = find("l'assemblée", accents);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[0].0..ranges[0].1], "L’Assemblée");
        assert_eq!(&text[ranges[1].0..ranges[1].1], "l’assemblée");
        let ranges = find("générale", accents);
        assert_eq!(&text[ranges[0].0..ranges[0].1], "GÉNÉRALE");
        // Accents kept: the plain word is not the accented one.
        assert!(find("generale", accents).is_empty());
        // By default accents are folded too, and the ranges are the original text's.
        let ranges = find("l'assemblee generale", SearchFold::default());
        assert_eq!(&text[ranges[0].0..ranges[0].1], "L’Assemblée GÉNÉRALE");
        // Case kept as well.
        let exact = SearchFold {
            case: false,
            accents: false,
        };
        assert_eq!(find("l’assemblée", exact).len(), 1);
        assert_eq!(find("L'Assemblée", exact).len(), 1);
        // A decomposed accent belongs to its letter's range.
        let decomposed = "se\u{301}curite\u{301}";
        let ranges = find_all(decomposed, "securite", SearchFold::default());
        assert_eq!(ranges, [(0, decomposed.len())]);
    }
}
