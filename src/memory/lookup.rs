//! Fuzzy lookup: candidates from the token index, exact scores on a few.
//!
//! The score (see [`super::score`]) has a bound the index can use: a stored source scoring
//! at least `t` shares at least `t × max(Nq, Ns) / 100` of its words and numbers with the
//! query (Nq, Ns: the counts of words and numbers in query and source). So:
//!
//! 1. the query's keys are sorted from the rarest to the most frequent; any source that
//!    reaches the threshold must hold one of the first few (the *prefix*: enough keys that
//!    missing all of them would leave too few in common), so only their lists are read to
//!    find candidates;
//! 2. candidates whose length is out of range are dropped, and the other keys' lists are
//!    used to count what each candidate shares (*count filter*), while that is cheaper than
//!    scoring the few that remain;
//! 3. the remaining candidates are scored exactly, best bound first, and the search stops
//!    when no candidate left can beat the matches found.
//!
//! No candidate that could reach the threshold is ever dropped, so the lookup finds every
//! stored source an exhaustive scan would find (the tests compare the two).

use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::OptionalExtension;
use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use unic_langid::LanguageIdentifier;

use super::index::{decode, Postings, LENGTH_CAP};
use super::record::{self, VariantView};
use super::score::{Comparison, NumberChange, QueryComparer, TagChange, WordForms, MIN_STEM};
use super::tokens::{
    tokenize, word_index_key, NumberStyle, Token, TokenKind, Tokens, NUMBER_CLASS_KEY,
    TAG_CLASS_KEY,
};
use super::{Memory, MemoryError, Timestamp};
use crate::speech::normalize_for_id;
use crate::text::number::number_value;

/// The neighbouring segments of a query, for in-context matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegmentContext {
    /// The source text of the previous segment.
    pub before: Option<String>,
    /// The source text of the next segment.
    pub after: Option<String>,
}

/// A lookup: the text, the language pair, the lowest score wanted and how many matches.
#[derive(Debug, Clone)]
pub struct LookupRequest<'a> {
    /// The text to translate.
    pub text: &'a str,
    /// Its language; units match on the language subtag (`en` finds `en-US` and `en-GB`),
    /// an exact tag ranking first among equal scores.
    pub from: &'a LanguageIdentifier,
    /// The language wanted.
    pub to: &'a LanguageIdentifier,
    /// The lowest score returned, 1 to 100 (0 counts as 1: a score-0 match is no match).
    pub threshold: u8,
    /// The most matches returned.
    pub limit: usize,
    /// The neighbouring segments, when known.
    pub context: Option<&'a SegmentContext>,
}

impl<'a> LookupRequest<'a> {
    /// A request with the usual threshold (75) and limit (5), without context.
    pub fn new(
        text: &'a str,
        from: &'a LanguageIdentifier,
        to: &'a LanguageIdentifier,
    ) -> LookupRequest<'a> {
        LookupRequest {
            text,
            from,
            to,
            threshold: 75,
            limit: 5,
            context: None,
        }
    }
}

/// One part of the word-level difference between a stored source and the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    /// In both.
    Equal,
    /// In the stored source only.
    Delete,
    /// In the query only.
    Insert,
}

/// A run of text of the difference, with the kind of change for changed runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffPart {
    /// Equal, deleted or inserted.
    pub op: DiffOp,
    /// The text, with the white space that follows it.
    pub text: String,
    /// For changes: `word`, `number`, `punctuation`, `case` or `tag`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
}

/// One query answered: the memory's matches and the term base's terms found in the query,
/// as `memory lookup --format jsonl` writes it, one object a line. Its JSON field names are
/// a contract scripts (and a workspace) read, so it lives beside the lookup.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LookupResult<'a> {
    /// The text looked up.
    pub query: &'a str,
    /// Its matches, best first.
    pub matches: &'a [Match],
    /// The term base's terms found in the query (left out of the JSON when none is).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub terms: &'a [crate::terms::TermHit],
}

/// A match of the memory for a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// The match percentage (100: identical source).
    pub score: u8,
    /// The stored source text.
    pub source: String,
    /// The stored target text.
    pub target: String,
    /// From the stored source to the query, word by word.
    pub diff: Vec<DiffPart>,
    /// Where the unit comes from (its first origin).
    pub origin: Option<String>,
    /// When it was last changed.
    pub changed: Option<Timestamp>,
    /// The unit's id.
    pub unit: i64,
    /// The stored source's language tag.
    pub source_lang: String,
    /// The stored target's language tag.
    pub target_lang: String,
    /// The target with its inline markup, when it has some.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_markup: Option<String>,
    /// What differs (`word`, `number`, `punctuation`, `case`, `tag`, `spacing`).
    pub differences: Vec<&'static str>,
    /// An exact match whose neighbouring segments are the query's too.
    pub in_context: bool,
    /// When only numbers (and tags) differ: the numbers, stored source → query.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub number_changes: Vec<NumberChange>,
    /// When only tags and placeholders (and numbers) differ: the tags, stored source →
    /// query.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tag_changes: Vec<TagChange>,
    /// When only numbers and tags differ: the target with the query's put in, numbers
    /// written the way the target writes its numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub substituted: Option<String>,
    #[serde(skip)]
    exact_tags: u8,
}

impl Serialize for NumberChange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_change(s, "NumberChange", &self.source, &self.query)
    }
}

impl Serialize for TagChange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_change(s, "TagChange", &self.source, &self.query)
    }
}

/// A change of a placeable in JSON: `{"source": …, "query": …}`.
fn serialize_change<S: serde::Serializer>(
    s: S,
    name: &'static str,
    source: &str,
    query: &str,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = s.serialize_struct(name, 2)?;
    st.serialize_field("source", source)?;
    st.serialize_field("query", query)?;
    st.end()
}

/// A key of the query with the stored keys that are forms of the same word.
#[derive(Debug)]
struct KeyClass {
    key: String,
    /// How many times the query has the key.
    weight: u32,
    /// The key and its stored forms.
    members: Vec<String>,
    /// Units holding any member, at most (the sum of their counts).
    df: u32,
}

/// A candidate unit with the bound of what it shares with the query.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    id: u32,
    shared: u32,
    length: u32,
}

impl Memory {
    pub(super) fn postings(
        &self,
        lang: &str,
        token: &str,
    ) -> Result<Option<Rc<Postings>>, MemoryError> {
        if let Some(list) = self.cache.borrow().get(lang, token) {
            return Ok(Some(list));
        }
        let data: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT data FROM postings WHERE lang = ?1 AND token = ?2")
            .and_then(|mut st| st.query_row([lang, token], |r| r.get(0)).optional())
            .map_err(|e| self.sql_error(e))?;
        Ok(data.map(|data| {
            let list = Rc::new(decode(&data));
            self.cache.borrow_mut().put(lang, token, Rc::clone(&list));
            list
        }))
    }

    /// A query key and the stored keys that are forms of the same word (see
    /// [`WordForms`]): they all start with the key's shortest possible stem, so one range
    /// of the index holds them.
    fn key_class(
        &self,
        lang: &str,
        key: String,
        weight: u32,
        forms: &WordForms,
    ) -> Result<KeyClass, MemoryError> {
        let mut df = self.document_frequency(lang, &key)?;
        let mut members = Vec::new();
        let stem = forms.shortest_stem(&key);
        if key != NUMBER_CLASS_KEY && key != TAG_CLASS_KEY && stem.chars().count() >= MIN_STEM {
            let upper = format!("{stem}\u{10ffff}");
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT token, df FROM postings WHERE lang = ?1 AND token >= ?2 AND token < ?3",
                )
                .map_err(|e| self.sql_error(e))?;
            let rows = st
                .query_map([lang, stem, upper.as_str()], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
                })
                .map_err(|e| self.sql_error(e))?;
            for row in rows {
                let (token, count) = row.map_err(|e| self.sql_error(e))?;
                if forms.related(&key, &token) {
                    df += count;
                    members.push(token);
                }
            }
        }
        members.push(key.clone());
        Ok(KeyClass {
            key,
            weight,
            members,
            df,
        })
    }

    fn document_frequency(&self, lang: &str, token: &str) -> Result<u32, MemoryError> {
        if let Some(list) = self.cache.borrow().get(lang, token) {
            return Ok(list.ids.len() as u32);
        }
        self.conn
            .prepare_cached("SELECT df FROM postings WHERE lang = ?1 AND token = ?2")
            .and_then(|mut st| st.query_row([lang, token], |r| r.get(0)).optional())
            .map(Option::unwrap_or_default)
            .map_err(|e| self.sql_error(e))
    }

    /// The best matches for a query, best first: score, then exact matches in context,
    /// then exact language tags, then the most recently changed.
    pub fn lookup(&self, request: &LookupRequest<'_>) -> Result<Vec<Match>, MemoryError> {
        let threshold = u32::from(request.threshold.clamp(1, 100));
        if request.limit == 0 {
            return Ok(Vec::new());
        }
        let lang = request.from.language.as_str();
        let counts = query_key_counts(request.text);
        let query_length: u32 = counts.values().sum();
        if query_length == 0 {
            return Ok(Vec::new());
        }
        let forms = WordForms::of(request.from);
        let keys = self.key_classes(lang, counts, forms)?;
        let lengths = LengthRange::new(threshold, query_length);

        // 1. The prefix: enough of the rarest keys that a source holding none of them
        //    shares fewer than `min_shared` with the query.
        let prefix_len = prefix_len(&keys, lengths.min_shared(), query_length);
        let mut candidates = self.prefix_candidates(lang, &keys, prefix_len, &lengths)?;

        // 2. The count filter over the other keys, while it pays.
        let remaining = self.count_filter(
            lang,
            &keys[prefix_len..],
            &mut candidates,
            threshold,
            query_length,
        )?;
        let ranked = ranked_by_bound(&candidates, remaining, threshold, query_length);

        // 3. Exact scores, best bound first.
        self.exact_scores(ranked, request, threshold, forms)
    }

    /// The query's keys, each with the stored forms of the same word, rarest first: a
    /// source holding any of them shares that key with the query (docs/match-score.md,
    /// "Why the index never misses a match"). The order is what step 1 takes its prefix
    /// from.
    fn key_classes(
        &self,
        lang: &str,
        counts: HashMap<String, u32>,
        forms: &WordForms,
    ) -> Result<Vec<KeyClass>, MemoryError> {
        let mut keys: Vec<KeyClass> = Vec::with_capacity(counts.len());
        for (key, weight) in counts {
            keys.push(self.key_class(lang, key, weight, forms)?);
        }
        keys.sort_by(|a, b| a.df.cmp(&b.df).then_with(|| a.key.cmp(&b.key)));
        Ok(keys)
    }

    /// Step 1: the candidates, from the postings of the prefix's keys only, each with what
    /// it shares with the query among those keys; units whose length cannot reach the
    /// threshold are left out. Sorted by unit id, as step 2's merge needs.
    fn prefix_candidates(
        &self,
        lang: &str,
        keys: &[KeyClass],
        prefix_len: usize,
        lengths: &LengthRange,
    ) -> Result<Vec<Candidate>, MemoryError> {
        // (unit, class, length): a unit counts once per class, whichever forms it holds.
        let mut entries: Vec<(u32, usize, u8)> = Vec::new();
        for (index, class) in keys[..prefix_len].iter().enumerate() {
            for member in &class.members {
                let Some(list) = self.postings(lang, member)? else {
                    continue;
                };
                for (id, length) in list.ids.iter().zip(&list.lengths) {
                    if lengths.ok(*length) {
                        entries.push((*id, index, *length));
                    }
                }
            }
        }
        entries.sort_unstable();
        entries.dedup_by_key(|e| (e.0, e.1));
        let mut candidates: Vec<Candidate> = Vec::new();
        for (id, index, length) in entries {
            let weight = keys[index].weight;
            match candidates.last_mut() {
                Some(last) if last.id == id => last.shared += weight,
                _ => candidates.push(Candidate {
                    id,
                    shared: weight,
                    length: lengths.bound(length),
                }),
            }
        }
        Ok(candidates)
    }

    /// Step 2: the count filter. For each key after the prefix (`rest`), rarest first, it
    /// drops the candidates that cannot reach the threshold even holding all the keys left,
    /// then adds the key's weight to those that hold it; it stops once reading the key's
    /// lists would cost more than scoring the candidates left. Returns the weight of the
    /// keys not read, which every candidate may still hold.
    fn count_filter(
        &self,
        lang: &str,
        rest: &[KeyClass],
        candidates: &mut Vec<Candidate>,
        threshold: u32,
        query_length: u32,
    ) -> Result<u32, MemoryError> {
        let needed = |length: u32| (threshold * query_length.max(length)).div_ceil(100);
        let mut remaining: u32 = rest.iter().map(|k| k.weight).sum();
        for class in rest {
            candidates.retain(|c| c.shared + remaining >= needed(c.length));
            if candidates.is_empty() || (candidates.len() as u64) * 64 < u64::from(class.df) {
                break;
            }
            remaining -= class.weight;
            let mut lists = Vec::with_capacity(class.members.len());
            for member in &class.members {
                if let Some(list) = self.postings(lang, member)? {
                    lists.push((list, 0usize));
                }
            }
            for candidate in candidates.iter_mut() {
                let mut found = false;
                for (list, position) in lists.iter_mut() {
                    let ids = &list.ids[*position..];
                    *position += ids.partition_point(|id| *id < candidate.id);
                    found |= list.ids.get(*position) == Some(&candidate.id);
                }
                if found {
                    candidate.shared += class.weight;
                }
            }
        }
        Ok(remaining)
    }

    /// Step 3: the candidates scored exactly, best bound first, until no bound left can
    /// beat the `limit`-th match found; then the matches ranked and cut to the limit.
    fn exact_scores(
        &self,
        ranked: Vec<(u32, u32)>,
        request: &LookupRequest<'_>,
        threshold: u32,
        forms: &WordForms,
    ) -> Result<Vec<Match>, MemoryError> {
        let mut comparer = QueryComparer::new(request.text, forms);
        let mut matches: Vec<Match> = Vec::new();
        for (bound, id) in ranked {
            if matches.len() >= request.limit {
                let mut scores: Vec<u8> = matches.iter().map(|m| m.score).collect();
                scores.sort_unstable_by(|a, b| b.cmp(a));
                if bound < u32::from(scores[request.limit - 1]) {
                    break;
                }
            }
            if let Some(found) = self.score_unit(id, request, threshold, &mut comparer)? {
                matches.push(found);
                if matches.len() > request.limit * 4 {
                    rank(&mut matches);
                    matches.truncate(request.limit);
                }
            }
        }
        rank(&mut matches);
        matches.truncate(request.limit);
        Ok(matches)
    }

    fn score_unit(
        &self,
        id: u32,
        request: &LookupRequest<'_>,
        threshold: u32,
        comparer: &mut QueryComparer<'_>,
    ) -> Result<Option<Match>, MemoryError> {
        let row: Option<(Vec<u8>, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT u.record, o.name FROM units u LEFT JOIN origins o ON o.id = u.origin
                 WHERE u.id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.sql_error(e))?;
        let Some((data, origin)) = row else {
            return Ok(None);
        };
        let unit = record::lookup_view(&data, request.context.is_some())
            .map_err(|e| self.sql_error(e.into()))?;
        let Some((target, target_exact)) = pick(&unit.variants, request.to) else {
            return Ok(None);
        };
        let mut best: Option<(Comparison, &VariantView<'_>, bool)> = None;
        for (source, exact) in candidates_in(&unit.variants, request.from) {
            let comparison = comparer.compare(source.text);
            if best
                .as_ref()
                .is_none_or(|(b, _, e)| (comparison.score, exact) > (b.score, *e))
            {
                best = Some((comparison, source, exact));
            }
        }
        let Some((comparison, source, source_exact)) = best else {
            return Ok(None);
        };
        if u32::from(comparison.score) < threshold {
            return Ok(None);
        }
        let in_context = comparison.score == 100
            && request.context.is_some_and(|context| {
                unit.contexts.iter().any(|(b, a)| {
                    same_context(&context.before, b) && same_context(&context.after, a)
                })
            });
        let substituted = if comparison.only_placeables_differ {
            substitute_placeables(
                target.text,
                &comparison.number_changes,
                &comparison.tag_changes,
            )
        } else {
            None
        };
        Ok(Some(Match {
            score: comparison.score,
            diff: diff(source.text, request.text),
            source: source.text.to_owned(),
            target: target.text.to_owned(),
            origin,
            changed: unit.changed,
            unit: i64::from(id),
            source_lang: source.lang.to_owned(),
            target_lang: target.lang.to_owned(),
            target_markup: target.markup.map(str::to_owned),
            differences: comparison.differences.names(),
            in_context,
            number_changes: if comparison.only_placeables_differ {
                comparison.number_changes
            } else {
                Vec::new()
            },
            tag_changes: comparison.tag_changes,
            substituted,
            exact_tags: u8::from(source_exact) + u8::from(target_exact),
        }))
    }
}

/// The query's index keys with how many times it has each: words by their key, every
/// number under [`NUMBER_CLASS_KEY`], every tag under [`TAG_CLASS_KEY`]; punctuation is not
/// indexed. The key classes of the lookup start from these.
fn query_key_counts(text: &str) -> HashMap<String, u32> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for token in Tokens::new(text) {
        match token.kind {
            TokenKind::Word => {
                *counts.entry(word_index_key(token.text)).or_default() += 1;
            }
            TokenKind::Number => *counts.entry(NUMBER_CLASS_KEY.to_owned()).or_default() += 1,
            TokenKind::Tag => *counts.entry(TAG_CLASS_KEY.to_owned()).or_default() += 1,
            TokenKind::Punctuation => {}
        }
    }
    counts
}

/// The shortest and longest source lengths that can reach the threshold, and what a
/// unit's stored length counts as in its bounds: used by step 1 for every posting read,
/// so its two tests are tiny inlined methods.
struct LengthRange {
    query_length: u32,
    min_length: u32,
    max_length: u32,
}

impl LengthRange {
    fn new(threshold: u32, query_length: u32) -> LengthRange {
        LengthRange {
            query_length,
            min_length: (threshold * query_length).div_ceil(100),
            max_length: 100 * query_length / threshold,
        }
    }

    /// The fewest keys a source must share with the query to reach the threshold.
    fn min_shared(&self) -> u32 {
        self.min_length
    }

    /// Whether a unit of this stored length can reach the threshold. A capped length
    /// means "at least LENGTH_CAP": such a unit may be any longer length, so it passes.
    #[inline]
    fn ok(&self, length: u8) -> bool {
        length == LENGTH_CAP || (self.min_length..=self.max_length).contains(&u32::from(length))
    }

    /// The length a unit's bounds take: for a capped one, the length most favourable to it.
    #[inline]
    fn bound(&self, length: u8) -> u32 {
        if length == LENGTH_CAP {
            self.query_length.max(u32::from(LENGTH_CAP))
        } else {
            u32::from(length)
        }
    }
}

/// How many of the rarest keys make the prefix (step 1): enough that a source holding
/// none of them shares fewer than `min_shared` with the query.
fn prefix_len(keys: &[KeyClass], min_shared: u32, query_length: u32) -> usize {
    let mut prefix_weight = 0;
    let mut prefix_len = 0;
    while prefix_len < keys.len() && prefix_weight + min_shared <= query_length {
        prefix_weight += keys[prefix_len].weight;
        prefix_len += 1;
    }
    prefix_len
}

/// The end of step 2: each candidate left with its bound (the best score it could reach,
/// holding the `remaining` weight of keys not read), those under the threshold dropped,
/// best bound first (ties: the higher id first), the order step 3 scores them in.
fn ranked_by_bound(
    candidates: &[Candidate],
    remaining: u32,
    threshold: u32,
    query_length: u32,
) -> Vec<(u32, u32)> {
    let mut ranked: Vec<(u32, u32)> = candidates
        .iter()
        .filter_map(|c| {
            let shared = (c.shared + remaining)
                .min(query_length)
                .min(c.length.max(1));
            let bound = 100 * shared / query_length.max(c.length);
            (bound >= threshold).then_some((bound, c.id))
        })
        .collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    ranked
}

fn rank(matches: &mut [Match]) {
    matches.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.in_context.cmp(&a.in_context))
            .then(b.exact_tags.cmp(&a.exact_tags))
            .then(b.changed.cmp(&a.changed))
            .then(b.unit.cmp(&a.unit))
    });
}

fn same_context(wanted: &Option<String>, stored: &Option<String>) -> bool {
    match (wanted, stored) {
        (Some(w), Some(s)) => normalize_for_id(w) == normalize_for_id(s),
        (None, None) => true,
        _ => false,
    }
}

/// The variants in `lang`'s language, each with whether its tag is exactly `lang`.
pub(crate) fn candidates_in<'v, 'd>(
    variants: &'v [VariantView<'d>],
    lang: &LanguageIdentifier,
) -> impl Iterator<Item = (&'v VariantView<'d>, bool)> {
    let wanted = lang.language;
    let exact_tag = lang.to_string();
    variants.iter().filter_map(move |v| {
        let tag: LanguageIdentifier = v.lang.parse().ok()?;
        (tag.language == wanted).then(|| (v, v.lang.eq_ignore_ascii_case(&exact_tag)))
    })
}

/// The variant in `lang`'s language, the exact tag first.
pub(crate) fn pick<'v, 'd>(
    variants: &'v [VariantView<'d>],
    lang: &LanguageIdentifier,
) -> Option<(&'v VariantView<'d>, bool)> {
    let mut found: Option<(&VariantView<'d>, bool)> = None;
    for (v, exact) in candidates_in(variants, lang) {
        if exact {
            return Some((v, true));
        }
        found.get_or_insert((v, false));
    }
    found
}

fn kind_name(token: &Token<'_>) -> &'static str {
    match token.kind {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Punctuation => "punctuation",
        TokenKind::Tag => "tag",
    }
}

/// The word-level difference from a stored source to a query (computed with `similar`),
/// each changed run labelled with its kind.
pub fn diff(source: &str, query: &str) -> Vec<DiffPart> {
    let old = tokenize(source);
    let new = tokenize(query);
    let old_keys: Vec<String> = old.iter().map(|t| t.surface().into_owned()).collect();
    let new_keys: Vec<String> = new.iter().map(|t| t.surface().into_owned()).collect();
    let text_of = |text: &str, tokens: &[Token<'_>]| -> String {
        match (tokens.first(), tokens.last()) {
            (Some(first), Some(last)) => text[first.start..last.end_with_space].to_owned(),
            _ => String::new(),
        }
    };
    let mut parts = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let old_tokens = &old[old_range];
        let new_tokens = &new[new_range];
        let kind_of = |tokens: &[Token<'_>]| {
            let first = tokens.first().map_or("word", kind_name);
            if tokens.iter().all(|t| kind_name(t) == first) {
                first
            } else {
                "word"
            }
        };
        match tag {
            DiffTag::Equal => parts.push(DiffPart {
                op: DiffOp::Equal,
                text: text_of(source, old_tokens),
                kind: None,
            }),
            DiffTag::Delete => parts.push(DiffPart {
                op: DiffOp::Delete,
                text: text_of(source, old_tokens),
                kind: Some(kind_of(old_tokens)),
            }),
            DiffTag::Insert => parts.push(DiffPart {
                op: DiffOp::Insert,
                text: text_of(query, new_tokens),
                kind: Some(kind_of(new_tokens)),
            }),
            DiffTag::Replace => {
                let case_only = old_tokens.len() == new_tokens.len()
                    && old_tokens
                        .iter()
                        .zip(new_tokens)
                        .all(|(a, b)| a.kind == TokenKind::Word && a.key() == b.key());
                let kind = if case_only {
                    "case"
                } else {
                    let a = kind_of(old_tokens);
                    if a == kind_of(new_tokens) {
                        a
                    } else {
                        "word"
                    }
                };
                parts.push(DiffPart {
                    op: DiffOp::Delete,
                    text: text_of(source, old_tokens),
                    kind: Some(kind),
                });
                parts.push(DiffPart {
                    op: DiffOp::Insert,
                    text: text_of(query, new_tokens),
                    kind: Some(kind),
                });
            }
        }
    }
    parts
}

/// The target with the query's numbers and tags in place of the stored source's: numbers
/// written in the style of the target's number they replace, tags as the query writes
/// them. `None` when one of them cannot be found once and only once in the target.
pub fn substitute_placeables(
    target: &str,
    numbers: &[NumberChange],
    tags: &[TagChange],
) -> Option<String> {
    let tokens = tokenize(target);
    let mut replacements: Vec<(usize, usize, String)> = Vec::new();
    // The one token of the target that `wanted` accepts and no change has taken yet.
    let only_one = |replacements: &[(usize, usize, String)],
                    wanted: &dyn Fn(&Token<'_>) -> bool| {
        let mut found = tokens
            .iter()
            .filter(|t| wanted(t) && !replacements.iter().any(|r| r.0 == t.start));
        let token = found.next()?;
        found.next().is_none().then(|| token.clone())
    };
    for change in numbers {
        let old_value = number_value(&change.source);
        let token = only_one(&replacements, &|t| {
            t.kind == TokenKind::Number && number_value(t.text) == old_value
        })?;
        let new_text = NumberStyle::of(token.text).format(&number_value(&change.query));
        replacements.push((token.start, token.start + token.text.len(), new_text));
    }
    for change in tags {
        let token = only_one(&replacements, &|t| {
            t.kind == TokenKind::Tag && t.text == change.source
        })?;
        replacements.push((
            token.start,
            token.start + token.text.len(),
            change.query.clone(),
        ));
    }
    replacements.sort_by_key(|b| std::cmp::Reverse(b.0));
    let mut out = target.to_owned();
    for (start, end, text) in replacements {
        out.replace_range(start..end, &text);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{Concept, Term, TermMatcher};
    use unic_langid::langid;

    #[test]
    fn a_lookup_result_names_its_fields_and_leaves_out_no_terms() {
        let result = LookupResult {
            query: "Thank you.",
            matches: &[],
            terms: &[],
        };
        assert_eq!(
            serde_json::to_string(&result).unwrap(),
            r#"{"query":"Thank you.","matches":[]}"#
        );
        let mut concept = Concept {
            id: Some("council".into()),
            ..Concept::default()
        };
        concept.push_term(langid!("en"), Term::new("Security Council"));
        concept.push_term(langid!("fr"), Term::new("Conseil de sécurité"));
        let matcher = TermMatcher::new(vec![concept], &langid!("en"), &langid!("fr"));
        let hits = matcher.find_terms("The Security Council met.");
        let json = serde_json::to_value(LookupResult {
            query: "The Security Council met.",
            matches: &[],
            terms: &hits,
        })
        .unwrap();
        assert_eq!(json["terms"][0]["text"], "Security Council");
        assert_eq!(json["matches"], serde_json::json!([]));
    }
}
