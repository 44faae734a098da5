//! The match percentage: a pure function over two strings, so that it can be tested, fuzzed
//! and documented on its own (docs/match-score.md).
//!
//! It is a word-level edit distance in which each edit has a cost that translators expect:
//! a different, missing or extra word, number or tag costs a full word; two neighbouring
//! words swapped cost one word; another form of the same word (`adopted` → `adopts`) or a
//! number whose value changed costs half of that; a case or accent change, a punctuation
//! mark or a changed tag (`%s` → `%d`) costs a fraction, and marks attached to a missing
//! word go with it (`note:` missing costs one word). The score is
//! `100 × (1 − cost / length)`, rounded down, where the length is the number of words,
//! numbers and tags of the longer segment. Only identical texts score 100.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::lang::data;
use crate::text::number::number_value;

use super::tokens::{joined, tokenize, word_index_key, Token, TokenKind};

/// Cost of a word, number or tag that is different, missing or extra, in tenths.
pub const WORD_COST: u32 = 10;
/// Cost of a number whose value changed (`3,700` → `3,800`).
pub const NUMBER_VALUE_COST: u32 = 5;
/// Cost of another form of the same word (`adopted` → `adopts`, `résolution` →
/// `résolutions`): the endings of the query's language (`languages/<subtag>/word_forms.toml`).
pub const FORM_COST: u32 = 5;
/// Cost of a word whose accents changed (`election` → `élection`, `a` → `à`).
pub const ACCENT_COST: u32 = 3;
/// Cost of a number written differently with the same value (`3,700` → `3 700`).
pub const NUMBER_FORMAT_COST: u32 = 1;
/// Cost of a word whose case changed (`Council` → `council`).
pub const CASE_COST: u32 = 2;
/// Cost of a punctuation mark that is different, missing or extra.
pub const PUNCTUATION_COST: u32 = 2;
/// Cost of a tag or placeholder that became another (`%s` → `%d`, `<b>` → `<i>`); a
/// missing or extra one costs a word, since it counts in the length.
pub const TAG_COST: u32 = 3;

/// The shortest length, in words, a difference of less than a word is weighed against: in a
/// unit of one to three words a comma or a case change is no bigger than in a longer one.
pub const SHORT_UNIT_WORDS: u32 = 3;

/// The longest written word (tokens without white space between them, as `view.` or
/// `(%s),`) that a transposition moves.
pub const MAX_MOVED_TOKENS: usize = 4;

/// Which kinds of difference two segments have, to tell the translator what changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Differences {
    /// Words differ (different, missing or extra).
    pub words: bool,
    /// Numbers differ in value or format.
    pub numbers: bool,
    /// Punctuation differs.
    pub punctuation: bool,
    /// Some words differ only in case.
    pub case: bool,
    /// Tags or placeholders differ.
    pub tags: bool,
    /// Only white space or typographic variants (’ and ') differ.
    pub spacing: bool,
    /// Some words differ only in their accents.
    pub accents: bool,
    /// Some words are other forms of the same word (another ending).
    pub forms: bool,
    /// Two neighbouring words are swapped.
    pub order: bool,
}

impl Differences {
    /// Every name [`Differences::names`] may give.
    pub const NAMES: [&'static str; 9] = [
        "word",
        "number",
        "punctuation",
        "case",
        "tag",
        "spacing",
        "accent",
        "form",
        "order",
    ];

    /// The names of the kinds present, for JSON and messages: `word`, `number`,
    /// `punctuation`, `case`, `tag`, `spacing`, `accent`, `form`, `order`.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        for (present, name) in [
            (self.words, "word"),
            (self.numbers, "number"),
            (self.punctuation, "punctuation"),
            (self.case, "case"),
            (self.tags, "tag"),
            (self.spacing, "spacing"),
            (self.accents, "accent"),
            (self.forms, "form"),
            (self.order, "order"),
        ] {
            if present {
                names.push(name);
            }
        }
        names
    }
}

/// A number of the stored source that the query has with another value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberChange {
    /// The number as written in the stored source.
    pub source: String,
    /// The number as written in the query.
    pub query: String,
}

/// A tag or placeholder of the stored source that the query has as another (`{city}` →
/// `{town}`, `%s` → `%d`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagChange {
    /// The tag as written in the stored source.
    pub source: String,
    /// The tag as written in the query.
    pub query: String,
}

/// The comparison of a query with a stored source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The match percentage, 0 to 100.
    pub score: u8,
    /// What differs.
    pub differences: Differences,
    /// Numbers whose value differs, in order, when they could be paired.
    pub number_changes: Vec<NumberChange>,
    /// Whether numbers are the only thing that differs (besides white space), so that the
    /// stored target can be offered with the numbers substituted.
    pub only_numbers_differ: bool,
    /// Tags or placeholders that became others, in order, when numbers and tags are the only
    /// things that differ.
    pub tag_changes: Vec<TagChange>,
    /// Whether numbers and tags (the *placeables* of CAT tools) are the only things that
    /// differ, so that the stored target can be offered with the query's put in.
    pub only_placeables_differ: bool,
}

/// The endings that make the forms of a language's words (`-s`, `-ed`, `-ing`; `-e`,
/// `-es`, `-ons`, `-aient`), without accents as the index keys are written. Two words are
/// forms of one word when they are a common stem of at least [`MIN_STEM`] letters followed
/// by two different endings of the list (or by nothing).
#[derive(Debug, Default)]
pub struct WordForms {
    endings: Vec<String>,
    longest: usize,
}

/// The shortest stem two forms of a word share, in characters: shorter stems would make
/// `car`/`care` or `not`/`note` forms of one word.
pub const MIN_STEM: usize = 4;

#[derive(Deserialize)]
struct FormsFile {
    endings: Vec<String>,
    /// The endings that make the forms of a term (`crate::terms`), when fewer than all.
    #[serde(default)]
    term_endings: Option<Vec<String>>,
}

/// Each language's forms: (of its words, of its terms).
static FORMS: LazyLock<HashMap<String, (WordForms, WordForms)>> = LazyLock::new(|| {
    data::files(data::WORD_FORMS)
        .map(|file| {
            let forms: FormsFile = toml::from_str(file.text).unwrap_or_else(|e| {
                panic!("languages/{}/word_forms.toml is invalid: {e}", file.subtag)
            });
            let terms = WordForms::new(forms.term_endings.unwrap_or_else(|| forms.endings.clone()));
            (
                file.subtag.to_owned(),
                (WordForms::new(forms.endings), terms),
            )
        })
        .collect()
});

static NO_FORMS: LazyLock<WordForms> = LazyLock::new(WordForms::default);

impl WordForms {
    fn new(endings: Vec<String>) -> WordForms {
        let mut endings: Vec<String> = endings.iter().map(|e| word_index_key(e)).collect();
        endings.retain(|e| !e.is_empty());
        endings.sort();
        endings.dedup();
        let longest = endings.iter().map(String::len).max().unwrap_or(0);
        WordForms { endings, longest }
    }

    /// The forms of a language (matched on its language subtag); none for a language
    /// Tribune has no endings for.
    pub fn of(lang: &LanguageIdentifier) -> &'static WordForms {
        FORMS
            .get(lang.language.as_str())
            .map_or(&NO_FORMS, |forms| &forms.0)
    }

    /// The forms of a language's terms (`term_endings` in its file, else all its endings):
    /// a term base names things, so a language may leave out the endings that make other
    /// words of one stem ("peacekeeper", "peacekeeping").
    pub fn of_terms(lang: &LanguageIdentifier) -> &'static WordForms {
        FORMS
            .get(lang.language.as_str())
            .map_or(&NO_FORMS, |forms| &forms.1)
    }

    fn is_ending(&self, tail: &str) -> bool {
        tail.is_empty()
            || self
                .endings
                .binary_search_by(|e| e.as_str().cmp(tail))
                .is_ok()
    }

    /// The stems `key` (an index key: lower case, no accents) can be cut into: every prefix
    /// of at least [`MIN_STEM`] letters followed by an ending of the language or by nothing
    /// (the whole key). None for a language without endings.
    pub fn stems<'k>(&self, key: &'k str) -> impl Iterator<Item = &'k str> + use<'k, '_> {
        let from = if self.endings.is_empty() {
            key.len() + 1
        } else {
            key.len().saturating_sub(self.longest)
        };
        (from..=key.len())
            .filter(move |&cut| {
                key.is_char_boundary(cut)
                    && key[..cut].chars().nth(MIN_STEM - 1).is_some()
                    && self.is_ending(&key[cut..])
            })
            .map(move |cut| &key[..cut])
    }

    /// Whether two different index keys (lower case, no accents) are forms of one word: a
    /// stem of at least [`MIN_STEM`] letters followed by two endings of the language (or by
    /// one and nothing).
    pub fn related(&self, a: &str, b: &str) -> bool {
        a != b
            && self
                .stems(a)
                .any(|stem| self.stems(b).any(|other| other == stem))
    }

    /// The shortest stem a form of `key` can have: every key related to `key` starts with
    /// it (the lookup reads the index from there).
    pub fn shortest_stem<'k>(&self, key: &'k str) -> &'k str {
        self.stems(key).next().unwrap_or(key)
    }
}

/// The match percentage of a stored source for a query (see the module documentation),
/// without word forms (see [`score_in`]).
pub fn score(query: &str, source: &str) -> u8 {
    compare(query, source).score
}

/// The match percentage in the query's language: other forms of a word cost
/// [`FORM_COST`] rather than a different word. What the lookup uses.
pub fn score_in(query: &str, source: &str, lang: &LanguageIdentifier) -> u8 {
    compare_in(query, source, lang).score
}

/// The cost of a missing or extra token: a full word for what counts in the length (so
/// that a source scoring t shares t % of the longer text's words, numbers and tags with
/// the query, which the index relies on), a fraction for a punctuation mark.
fn indel_cost(token: &Token<'_>) -> u32 {
    if token.is_content() {
        WORD_COST
    } else {
        PUNCTUATION_COST
    }
}

/// A token reduced to what the comparison needs, computed once per token. Texts are
/// compared as numbers (ids given by one [`Interner`] for both texts), because the table
/// compares every token of one text with every token of the other.
struct Prepared<'a> {
    token: Token<'a>,
    /// The text as written (typographic variants made one).
    surface: u32,
    /// The comparison key (case folded; a number's value).
    key: u32,
    /// The index key of a word (no case, no accents); 0 for other tokens.
    folded: u32,
    /// The stems this word can be cut into before an ending of the language (sorted); two
    /// words sharing one are forms of one word (see [`WordForms::related`]).
    stems: Vec<u32>,
    /// Where the written word this token belongs to starts (tokens without white space
    /// between them).
    group_start: usize,
    /// The runs of this token's written word that end with it and may be deleted or
    /// inserted as one word (see [`attached_runs`]).
    run_starts: u8,
}

/// Numbers for the strings of the two texts being compared (0 is kept for "none").
#[derive(Default)]
struct Interner(rustc_hash::FxHashMap<String, u32>);

impl Interner {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(id) = self.0.get(text) {
            return *id;
        }
        let id = self.0.len() as u32 + 1;
        self.0.insert(text.to_owned(), id);
        id
    }
}

fn prepare<'t>(text: &'t str, forms: &WordForms, interner: &mut Interner) -> Vec<Prepared<'t>> {
    let tokens = tokenize(text);
    let mut out: Vec<Prepared<'t>> = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.into_iter().enumerate() {
        let group_start = match out.last() {
            Some(previous) if joined(&previous.token, &token) => previous.group_start,
            _ => i,
        };
        let (folded, stems) = if token.kind == TokenKind::Word {
            let folded = word_index_key(token.text);
            let mut stems: Vec<u32> = forms.stems(&folded).map(|stem| interner.id(stem)).collect();
            stems.sort_unstable();
            (interner.id(&folded), stems)
        } else {
            (0, Vec::new())
        };
        out.push(Prepared {
            surface: interner.id(&token.surface()),
            key: interner.id(&token.key()),
            folded,
            stems,
            group_start,
            run_starts: 0,
            token,
        });
    }
    for end in 1..=out.len() {
        out[end - 1].run_starts = run_starts_mask(&out, end);
    }
    out
}

/// Whether two different words are forms of one word: they share a stem.
fn share_a_stem(a: &[u32], b: &[u32]) -> bool {
    a.iter().any(|stem| b.contains(stem))
}

fn substitution_cost(a: &Prepared<'_>, b: &Prepared<'_>) -> u32 {
    use TokenKind::*;
    match (a.token.kind, b.token.kind) {
        (Word, Word) => {
            if a.surface == b.surface {
                0
            } else if a.key == b.key {
                CASE_COST
            } else if a.folded == b.folded {
                ACCENT_COST
            } else if share_a_stem(&a.stems, &b.stems) {
                FORM_COST
            } else {
                WORD_COST
            }
        }
        (Number, Number) => {
            if a.token.text == b.token.text {
                0
            } else if a.key == b.key {
                NUMBER_FORMAT_COST
            } else {
                NUMBER_VALUE_COST
            }
        }
        (Word, Number) | (Number, Word) | (Word | Number, Tag) | (Tag, Word | Number) => WORD_COST,
        (Punctuation, Punctuation) => {
            if a.key == b.key {
                0
            } else {
                PUNCTUATION_COST
            }
        }
        (Tag, Tag) => {
            if a.token.text == b.token.text {
                0
            } else {
                TAG_COST
            }
        }
        // A word or tag never turns into a mark: that is a deletion and an insertion.
        _ => indel_cost(&a.token) + indel_cost(&b.token),
    }
}

/// Whether two runs of tokens are the same, token for token.
fn same_run(a: &[Prepared<'_>], b: &[Prepared<'_>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.surface == y.surface)
}

/// The written words ending at prefix lengths `i` of `q` and `j` of `s`, when the last two
/// of `q` are the last two of `s` swapped: their lengths and the cost of the swap (the
/// lighter of the two words).
fn transposition(
    q: &[Prepared<'_>],
    s: &[Prepared<'_>],
    i: usize,
    j: usize,
) -> Option<(usize, u32)> {
    // Each prefix must end a written word.
    if i < 2 || j < 2 || q.get(i).is_some_and(|t| t.group_start < i) {
        return None;
    }
    if s.get(j).is_some_and(|t| t.group_start < j) {
        return None;
    }
    let qb = i - q[i - 1].group_start;
    let sb = j - s[j - 1].group_start;
    if qb >= i || sb >= j || qb > MAX_MOVED_TOKENS || sb > MAX_MOVED_TOKENS {
        return None;
    }
    let qa = (i - qb) - q[i - qb - 1].group_start;
    let sa = (j - sb) - s[j - sb - 1].group_start;
    if qa != sb || qb != sa {
        return None;
    }
    let (q_first, q_second) = (&q[i - qb - qa..i - qb], &q[i - qb..i]);
    let (s_first, s_second) = (&s[j - sb - sa..j - sb], &s[j - sb..j]);
    if !same_run(q_first, s_second) || !same_run(q_second, s_first) || same_run(q_first, q_second) {
        return None;
    }
    let weight = |run: &[Prepared<'_>]| run.iter().map(|t| indel_cost(&t.token)).sum::<u32>();
    Some((qa + qb, weight(q_first).min(weight(q_second))))
}

/// The most tokens of one written word that one deletion or insertion takes together with
/// its marks (see [`attached_runs`]).
const MAX_RUN_TOKENS: usize = 2 * MAX_MOVED_TOKENS;

/// How many rows of the table a comparison that keeps only recent rows must hold: a cell
/// reads back as far as a transposition of two groups of [`MAX_MOVED_TOKENS`], or a run of
/// [`MAX_RUN_TOKENS`].
const KEPT_ROWS: usize = 1 + if MAX_RUN_TOKENS > 2 * MAX_MOVED_TOKENS {
    MAX_RUN_TOKENS
} else {
    2 * MAX_MOVED_TOKENS
};
const _: () = assert!(
    MAX_RUN_TOKENS <= u8::BITS as usize,
    "a run's starts fit in a u8 mask"
);

/// Where the runs `text[start..end]` start that hold one word, number or tag and one or
/// more punctuation marks, all inside one written word (no white space between them):
/// deleting or inserting such a run costs [`WORD_COST`] alone, since a mark attached to a
/// missing word goes with it, as a translator counts it ("note:" missing costs one word, not
/// a word and a colon; "short-term" becoming "short" costs the word "term"). A run of
/// several words and their marks is never needed: it costs what its pieces of one word
/// each cost one after the other. Read from [`Prepared::run_starts`], nearest start first.
fn attached_runs(text: &[Prepared<'_>], end: usize) -> impl Iterator<Item = usize> {
    let mut starts = match end.checked_sub(1) {
        Some(last) => text[last].run_starts,
        None => 0,
    };
    std::iter::from_fn(move || {
        if starts == 0 {
            return None;
        }
        let back = starts.trailing_zeros() as usize;
        starts &= starts - 1;
        Some(end - 1 - back)
    })
}

/// The runs ending at `end` (see [`attached_runs`]) as a mask: bit `b` stands for the run
/// starting at `end − 1 − b`. Computed once per token by [`prepare`], since the table asks
/// for every cell.
fn run_starts_mask(text: &[Prepared<'_>], end: usize) -> u8 {
    let Some(last) = end.checked_sub(1) else {
        return 0;
    };
    let lowest = text[last]
        .group_start
        .max(end.saturating_sub(MAX_RUN_TOKENS));
    let (mut content, mut marks, mut mask) = (0u32, 0u32, 0u8);
    for start in (lowest..end).rev() {
        if text[start].token.is_content() {
            content += 1;
        } else {
            marks += 1;
        }
        if content > 1 {
            break;
        }
        if content == 1 && marks > 0 {
            mask |= 1 << (last - start);
        }
    }
    mask
}

/// The cost of deleting `text[..end]` whole (a table's first row or column), from the
/// costs of the shorter prefixes: `before(k)` is the cost for `text[..k]`.
fn prefix_deletion_cost(text: &[Prepared<'_>], end: usize, before: impl Fn(usize) -> u32) -> u32 {
    let mut best = before(end - 1) + indel_cost(&text[end - 1].token);
    for start in attached_runs(text, end) {
        best = best.min(before(start) + WORD_COST);
    }
    best
}

/// Largest table the comparison fills whole, with a back trace (tokens × tokens: two texts
/// of 2,000 tokens each). Longer pairs are compared along a band of the table (see
/// [`banded_distance`]), so that the time of one comparison stays bounded whatever the texts
/// (a segment may have 1 MiB of text); their differences are not listed.
const MAX_TABLE_CELLS: usize = 4_000_000;

/// A cost no edit reaches: the cells outside a band.
const UNREACHED: u32 = u32::MAX / 4;

/// The cost of the cheapest edit of `q[..i]` into `s[..j]` (`i`, `j` ≥ 1), from the cells
/// before it: `at(i, j)` gives a cell already filled (the current row's too, left of `j`),
/// `left` the cell `(i, j − 1)`.
#[inline]
fn cell(
    q: &[Prepared<'_>],
    s: &[Prepared<'_>],
    i: usize,
    j: usize,
    left: u32,
    at: impl Fn(usize, usize) -> u32,
) -> u32 {
    let diagonal = at(i - 1, j - 1) + substitution_cost(&q[i - 1], &s[j - 1]);
    let delete = at(i - 1, j) + indel_cost(&q[i - 1].token);
    let insert = left + indel_cost(&s[j - 1].token);
    let mut best = diagonal.min(delete).min(insert);
    if let Some((length, cost)) = transposition(q, s, i, j) {
        best = best.min(at(i - length, j - length) + cost);
    }
    for start in attached_runs(q, i) {
        best = best.min(at(start, j) + WORD_COST);
    }
    for start in attached_runs(s, j) {
        best = best.min(at(i, start) + WORD_COST);
    }
    best
}

/// The table of edit costs of every prefix of `q` into every prefix of `s`, row `i` at
/// `(i % rows) * (m + 1)`: `rows` is `n + 1` for a back trace, fewer to keep only the rows
/// a transposition looks back to.
fn full_table(q: &[Prepared<'_>], s: &[Prepared<'_>], rows: usize) -> Vec<u32> {
    let (n, m) = (q.len(), s.len());
    let width = m + 1;
    let row = |i: usize| (i % rows) * width;
    let mut table = vec![0; rows * width];
    for j in 1..=m {
        table[j] = prefix_deletion_cost(s, j, |k| table[k]);
    }
    for i in 1..=n {
        let cur = row(i);
        table[cur] = prefix_deletion_cost(q, i, |k| table[row(k)]);
        for j in 1..=m {
            let left = table[cur + j - 1];
            table[cur + j] = cell(q, s, i, j, left, |a, b| table[row(a) + b]);
        }
    }
    table
}

/// The edit distance of two long texts, through the cells within `half_width` tokens of
/// the diagonal from (0, 0) to (n, m) only: the time and memory are about n × (2 ×
/// `half_width`). It is never below the true distance, and equal to it when the texts'
/// alignment stays within the band, as it does for two versions of one text.
fn banded_distance(q: &[Prepared<'_>], s: &[Prepared<'_>], half_width: usize) -> u32 {
    let (n, m) = (q.len(), s.len());
    let rows = KEPT_ROWS;
    // Every row's cells fit in `width`: a band never reaches past the text.
    let width = (2 * half_width + 1).min(m + 1);
    // Row `i` lives in slot `i % rows`: its cells from column `low[slot]`, and column 0.
    let mut cells = vec![UNREACHED; rows * width];
    let mut low = vec![1usize; rows];
    let mut first = vec![0u32; rows];
    let center = |i: usize| (i as u128 * m as u128 / n.max(1) as u128) as usize;
    let band = |i: usize| {
        let c = center(i);
        (c.saturating_sub(half_width).max(1), (c + half_width).min(m))
    };
    let at = |cells: &[u32], low: &[usize], first: &[u32], i: usize, j: usize| -> u32 {
        let slot = i % rows;
        if j == 0 {
            return first[slot];
        }
        match j.checked_sub(low[slot]) {
            Some(offset) if offset < width => cells[slot * width + offset],
            _ => UNREACHED,
        }
    };
    // Row 0: insertions only.
    let (lo, hi) = band(0);
    let mut inserted = vec![0u32; hi + 1];
    for j in 1..=hi {
        inserted[j] = prefix_deletion_cost(s, j, |k| inserted[k]);
        if j >= lo {
            cells[j - lo] = inserted[j];
        }
    }
    low[0] = lo;
    for i in 1..=n {
        let slot = i % rows;
        let (lo, hi) = band(i);
        // The slot held row i − rows, which nothing reads any more; the current row is
        // written in place, since insertions read the cells to its left.
        first[slot] = prefix_deletion_cost(q, i, |k| first[k % rows]);
        low[slot] = lo;
        cells[slot * width..(slot + 1) * width].fill(UNREACHED);
        let mut left = if lo == 1 { first[slot] } else { UNREACHED };
        for j in lo..=hi {
            let value = cell(q, s, i, j, left, |a, b| at(&cells, &low, &first, a, b));
            cells[slot * width + (j - lo)] = value;
            left = value;
        }
    }
    at(&cells, &low, &first, n, m)
}

/// Compares a query with a stored source: score, kinds of difference, number changes;
/// without word forms (see [`compare_in`]).
pub fn compare(query: &str, source: &str) -> Comparison {
    compare_with(query, source, &NO_FORMS)
}

/// Compares a query with a stored source in the query's language, whose word forms cost
/// [`FORM_COST`].
pub fn compare_in(query: &str, source: &str, lang: &LanguageIdentifier) -> Comparison {
    compare_with(query, source, WordForms::of(lang))
}

/// Compares with the given word forms.
pub fn compare_with(query: &str, source: &str, forms: &WordForms) -> Comparison {
    QueryComparer::new(query, forms).compare(source)
}

/// A query cut into tokens once, to be compared with many stored sources: a lookup scores
/// dozens of candidates for one query, and preparing the query (tokens, keys, stems) again
/// for each would repeat the same work.
pub struct QueryComparer<'q> {
    query: &'q str,
    prepared: Vec<Prepared<'q>>,
    interner: Interner,
    forms: &'q WordForms,
}

impl<'q> QueryComparer<'q> {
    /// Prepares `query`, whose word forms are `forms` (see [`WordForms::of`]).
    pub fn new(query: &'q str, forms: &'q WordForms) -> QueryComparer<'q> {
        let mut interner = Interner::default();
        let prepared = prepare(query, forms, &mut interner);
        QueryComparer {
            query,
            prepared,
            interner,
            forms,
        }
    }

    /// Compares the query with a stored source (as [`compare_with`]).
    pub fn compare(&mut self, source: &str) -> Comparison {
        let s = prepare(source, self.forms, &mut self.interner);
        compare_prepared(self.query, &self.prepared, source, &s)
    }
}

fn compare_prepared(
    query: &str,
    q: &[Prepared<'_>],
    source: &str,
    s: &[Prepared<'_>],
) -> Comparison {
    let identical = query.trim() == source.trim();
    let (n, m) = (q.len(), s.len());
    // Texts up to MAX_TABLE_CELLS are compared on the whole table, with a back trace that
    // says what differs; longer ones along a band, for the score only.
    let trace = n.saturating_mul(m) <= MAX_TABLE_CELLS;
    let (distance, mut found) = if trace {
        let table = full_table(q, s, n + 1);
        let distance = table[n * (m + 1) + m];
        (distance, trace_back(q, s, &table))
    } else {
        let distance = banded_distance(q, s, band_half_width(n, m));
        (distance, Findings::untraced(distance))
    };
    if !identical && distance == 0 {
        found.differences.spacing = true;
    }
    let score = final_score(identical, distance, q, s);
    found.into_comparison(identical, score)
}

/// The half width of the band along which two texts too long for the whole table are
/// compared: kept apart so that [`compare_prepared`] reads as its three phases.
fn band_half_width(n: usize, m: usize) -> usize {
    (MAX_TABLE_CELLS / (2 * (n + 1)))
        .max(m.div_ceil(n.max(1)) + MAX_MOVED_TOKENS + 2)
        .max(16)
}

/// What the back trace through the table found: the kinds of difference, the numbers and
/// tags that changed, and whether only those differ. A struct of its own so that the back
/// trace, the step that notes a substituted pair, and the building of the [`Comparison`]
/// can each be a function.
struct Findings {
    differences: Differences,
    number_changes: Vec<NumberChange>,
    only_numbers: bool,
    tag_changes: Vec<TagChange>,
    only_placeables: bool,
}

impl Findings {
    fn new() -> Findings {
        Findings {
            differences: Differences::default(),
            number_changes: Vec::new(),
            only_numbers: true,
            tag_changes: Vec::new(),
            only_placeables: true,
        }
    }

    /// The findings of a banded comparison, which has no back trace: any distance means
    /// words differ.
    fn untraced(distance: u32) -> Findings {
        let mut found = Findings::new();
        if distance > 0 {
            found.differences.words = true;
            found.only_numbers = false;
            found.only_placeables = false;
        }
        found
    }

    /// Notes one diagonal step of the back trace: `a` (query) taken for `b` (source) at
    /// `cost`. Called once per step of the back trace's hot loop.
    #[inline]
    fn note_pair(&mut self, a: &Prepared<'_>, b: &Prepared<'_>, cost: u32) {
        if cost > 0 {
            note_substitution(a, b, &mut self.differences);
            match (a.token.kind, b.token.kind) {
                (TokenKind::Number, TokenKind::Number) => self.number_changes.push(NumberChange {
                    source: b.token.text.to_owned(),
                    query: a.token.text.to_owned(),
                }),
                (TokenKind::Tag, TokenKind::Tag) => {
                    self.only_numbers = false;
                    self.tag_changes.push(TagChange {
                        source: b.token.text.to_owned(),
                        query: a.token.text.to_owned(),
                    });
                }
                _ => {
                    self.only_numbers = false;
                    self.only_placeables = false;
                }
            }
        } else if a.token.text != b.token.text {
            self.differences.spacing = true;
        }
    }

    /// The result, from the findings and the score: number changes whose value is the same
    /// are dropped unless numbers are all that differs, tag changes kept only when
    /// placeables are all that differs.
    fn into_comparison(self, identical: bool, score: u32) -> Comparison {
        let Findings {
            differences,
            number_changes,
            only_numbers,
            tag_changes,
            only_placeables,
        } = self;
        let only_numbers_differ = !identical && only_numbers && !number_changes.is_empty();
        let only_placeables_differ =
            !identical && only_placeables && !(number_changes.is_empty() && tag_changes.is_empty());
        Comparison {
            score: score as u8,
            differences,
            number_changes: if only_numbers_differ {
                number_changes
            } else {
                number_changes
                    .into_iter()
                    .filter(|c| number_value(&c.source) != number_value(&c.query))
                    .collect()
            },
            only_numbers_differ,
            tag_changes: if only_placeables_differ {
                tag_changes
            } else {
                Vec::new()
            },
            only_placeables_differ,
        }
    }
}

/// The back trace from cell (n, m) of the whole table to (0, 0), which tells what differs:
/// at each cell, the step (substitution, transposition, insertion, deletion, or a word
/// with its attached marks) whose cost leads to it.
fn trace_back(q: &[Prepared<'_>], s: &[Prepared<'_>], table: &[u32]) -> Findings {
    let (n, m) = (q.len(), s.len());
    let width = m + 1;
    let row = |i: usize| i * width;
    let mut found = Findings::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = table[row(i) + j];
        if i > 0 && j > 0 {
            let cost = substitution_cost(&q[i - 1], &s[j - 1]);
            if table[row(i - 1) + j - 1] + cost == here {
                found.note_pair(&q[i - 1], &s[j - 1], cost);
                i -= 1;
                j -= 1;
                continue;
            }
            if let Some((length, cost)) = transposition(q, s, i, j) {
                if table[row(i - length) + j - length] + cost == here {
                    found.differences.order = true;
                    found.only_numbers = false;
                    found.only_placeables = false;
                    i -= length;
                    j -= length;
                    continue;
                }
            }
        }
        found.only_numbers = false;
        found.only_placeables = false;
        let differences = &mut found.differences;
        if i > 0 && table[row(i - 1) + j] + indel_cost(&q[i - 1].token) == here {
            note_indel(&q[i - 1].token, differences);
            i -= 1;
        } else if j > 0 && table[row(i) + j - 1] + indel_cost(&s[j - 1].token) == here {
            note_indel(&s[j - 1].token, differences);
            j -= 1;
        } else if let Some(start) =
            attached_runs(q, i).find(|&start| table[row(start) + j] + WORD_COST == here)
        {
            note_run(&q[start..i], differences);
            i = start;
        } else if let Some(start) =
            attached_runs(s, j).find(|&start| table[row(i) + start] + WORD_COST == here)
        {
            note_run(&s[start..j], differences);
            j = start;
        } else {
            // Every cell comes from one of the cells above; a step back on either
            // side keeps a release build going should that ever not hold.
            debug_assert!(false, "no way back from cell ({i}, {j})");
            if j > 0 {
                j -= 1;
            } else {
                i -= 1;
            }
        }
    }
    found.number_changes.reverse();
    found.tag_changes.reverse();
    found
}

/// The match percentage from the distance: `100 × (1 − distance / length)`, rounded down,
/// with the length of the longer segment (at least SHORT_UNIT_WORDS for a slip of less
/// than a word), and 100 for identical texts only.
fn final_score(identical: bool, distance: u32, q: &[Prepared<'_>], s: &[Prepared<'_>]) -> u32 {
    let (n, m) = (q.len(), s.len());
    let content = |tokens: &[Prepared<'_>]| tokens.iter().filter(|t| t.token.is_content()).count();
    let mut length = content(q).max(content(s)) as u32 * WORD_COST;
    if length == 0 {
        length = n.max(m) as u32 * WORD_COST;
    }
    // A slip in a short unit (a comma, a case, a form: less than a word) is weighed against
    // a unit of SHORT_UNIT_WORDS, so that "Excellencies:" for "Excellencies," is a near match
    // rather than 80 %, and one-word units do not go from 100 to half for a plural.
    if distance < WORD_COST && length < SHORT_UNIT_WORDS * WORD_COST {
        length = SHORT_UNIT_WORDS * WORD_COST;
    }
    let mut score = if identical {
        100
    } else if length == 0 || distance >= length {
        0
    } else {
        (100 * (length - distance) / length).min(99)
    };
    if !identical && score == 100 {
        score = 99;
    }
    score
}

fn note_substitution(a: &Prepared<'_>, b: &Prepared<'_>, differences: &mut Differences) {
    use TokenKind::*;
    match (a.token.kind, b.token.kind) {
        (Word, Word) if a.key == b.key => differences.case = true,
        (Word, Word) if a.folded == b.folded => differences.accents = true,
        (Word, Word) if share_a_stem(&a.stems, &b.stems) => differences.forms = true,
        (Number, Number) => differences.numbers = true,
        (Punctuation, Punctuation) => differences.punctuation = true,
        (Tag, Tag) | (Tag, Punctuation) | (Punctuation, Tag) => differences.tags = true,
        _ => differences.words = true,
    }
}

/// A word missing or extra with the marks attached to it: the word is the difference.
fn note_run(run: &[Prepared<'_>], differences: &mut Differences) {
    for t in run.iter().filter(|t| t.token.is_content()) {
        note_indel(&t.token, differences);
    }
}

fn note_indel(token: &Token<'_>, differences: &mut Differences) {
    match token.kind {
        TokenKind::Word => differences.words = true,
        TokenKind::Number => differences.numbers = true,
        TokenKind::Punctuation => differences.punctuation = true,
        TokenKind::Tag => differences.tags = true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn identical_text_scores_100_and_only_it() {
        assert_eq!(
            score("Thank you, Mr. President.", "Thank you, Mr. President."),
            100
        );
        assert_eq!(
            score("Thank you, Mr. President.", "Thank you,  Mr. President."),
            99
        );
        assert_eq!(score("It’s time.", "It's time."), 99);
    }

    #[test]
    fn a_different_word_costs_more_than_a_number_punctuation_or_case() {
        let base = "We have deployed 3,700 peacekeepers in the region.";
        let word = score("We have deployed 3,700 soldiers in the region.", base);
        let number = score("We have deployed 3,800 peacekeepers in the region.", base);
        let punctuation = score("We have deployed 3,700 peacekeepers in the region!", base);
        let case = score("We have deployed 3,700 Peacekeepers in the region.", base);
        assert_eq!(word, 87);
        assert!(number > word && number < 99, "{number}");
        assert!(case > number, "{case}");
        assert!(punctuation > number, "{punctuation}");
    }

    #[test]
    fn the_examples_of_the_documentation_hold() {
        // docs/match-score.md, the table under "Formula".
        let stored = "We have deployed 3,700 peacekeepers in the region.";
        for (query, expected) in [
            ("We have deployed 3,700 peacekeepers in the region.", 100),
            ("We have deployed 3,700 peacekeepers in the region!", 97),
            ("We have deployed 3,700 Peacekeepers in the region.", 97),
            ("We have deployed 3,800 peacekeepers in the region.", 93),
            ("We have deployed 3,700 soldiers in the region.", 87),
            ("We deployed 3,700 soldiers in the region.", 75),
            ("We have deployed 3,700 peacekeepers in the regions.", 93),
            ("We have 3,700 deployed peacekeepers in the region.", 87),
        ] {
            let english = unic_langid::langid!("en");
            assert_eq!(score_in(query, stored, &english), expected, "{query}");
        }
    }

    #[test]
    fn missing_words_cost_a_word_each() {
        // Five words against seven: two missing words out of seven.
        assert_eq!(
            score(
                "the council adopted the resolution",
                "the council adopted the resolution today unanimously"
            ),
            71
        );
        assert_eq!(score("", "anything"), 0);
        assert_eq!(score("", ""), 100);
    }

    #[test]
    fn marks_attached_to_a_missing_word_go_with_it() {
        // "Merci." missing: one word (L = 3, D = 10), not a word and a full stop.
        assert_eq!(score("Thank you.", "Thank you. Merci."), 66);
        assert_eq!(score("Thank you. Merci.", "Thank you."), 66);
        // A colon after a missing first word, a comma after a missing salutation.
        assert_eq!(
            score(
                "the old procedure is no longer used",
                "note: the old procedure is no longer used"
            ),
            87
        );
        // Two words of eight missing, one with its comma: 75, where the comma would have
        // made it 72.
        assert_eq!(
            score(
                "Dear friends, thank you for coming.",
                "Dear colleagues, dear friends, thank you for coming."
            ),
            75
        );
        // Half of a hyphenated word missing: that word, the hyphen with it.
        assert_eq!(
            score(
                "We met the short and long-term goals.",
                "We met the short-term and long-term goals."
            ),
            88
        );
        // A missing word inside brackets leaves the brackets: they were not its own.
        assert_eq!(score("(optional)", "(very optional)"), 50);
        // A mark alone still costs its fraction, and so does one left behind by a word
        // that changed rather than went.
        assert_eq!(score("Thank you", "Thank you."), 93);
        assert_eq!(score("we saw the data", "we saw the files."), 70);
        // What is shown: a word missing, not punctuation.
        let comparison = compare("Thank you.", "Thank you. Merci.");
        assert!(comparison.differences.words);
        assert!(!comparison.differences.punctuation);
        let comparison = compare("we saw the data", "we saw the files.");
        assert!(comparison.differences.words && comparison.differences.punctuation);
    }

    #[test]
    fn only_a_number_differs() {
        let c = compare(
            "We have deployed 3,800 peacekeepers.",
            "We have deployed 3,700 peacekeepers.",
        );
        assert!(c.only_numbers_differ);
        assert_eq!(
            c.number_changes,
            vec![NumberChange {
                source: "3,700".into(),
                query: "3,800".into()
            }]
        );
        assert!(c.differences.numbers && !c.differences.words);
        let c = compare(
            "We have deployed 3,800 soldiers.",
            "We have deployed 3,700 peacekeepers.",
        );
        assert!(!c.only_numbers_differ);
        assert!(c.differences.words && c.differences.numbers);
    }

    #[test]
    fn long_texts_are_compared_along_the_diagonal() {
        // 4,500 words each: a table of 20 million cells, more than is filled whole.
        let words: Vec<String> = (0..4_500).map(|i| format!("w{i}x")).collect();
        let query = words.join(" ");
        let mut edited = words.clone();
        for i in (0..4_500).step_by(10) {
            edited[i] = format!("other{i}");
        }
        edited.swap(1001, 1002);
        // 450 different words and one swap in 4,500: (4,500 - 451) / 4,500.
        assert_eq!(score(&query, &edited.join(" ")), 89);
        // Pairs that are not alike stay cheap and low.
        let unrelated: Vec<String> = (0..4_500).map(|i| format!("u{i}")).collect();
        assert_eq!(score(&query, &unrelated.join(" ")), 0);
    }

    #[test]
    fn two_neighbouring_words_swapped_cost_one_word() {
        // One edit of six words, where a deletion and an insertion would cost two.
        assert_eq!(
            score(
                "assume input in is PEM format",
                "assume input is in PEM format"
            ),
            83
        );
        // A written word moves with its punctuation.
        let c = compare(
            "Click to see the view. magnified",
            "Click to see the magnified view.",
        );
        assert_eq!(c.score, 83);
        assert!(c.differences.order && !c.differences.words);
        assert_eq!(c.differences.names(), vec!["order"]);
        // Further than the neighbour is a move, not a swap.
        assert_eq!(score("b c a d", "a b c d"), 50);
    }

    #[test]
    fn forms_and_accents_cost_less_than_another_word() {
        let en = unic_langid::langid!("en");
        let fr = unic_langid::langid!("fr-CA");
        let stored = "The Council adopted the resolution";
        let form = compare_in("The Council adopts the resolution", stored, &en);
        assert_eq!(form.score, 90);
        assert_eq!(form.differences.names(), vec!["form"]);
        // Without the language, an ending is a different word.
        assert_eq!(score("The Council adopts the resolution", stored), 80);
        assert_eq!(
            score_in("The Council rejected the resolution", stored, &en),
            80
        );
        assert_eq!(
            score_in(
                "Le Conseil adoptera la résolution",
                "Le Conseil adopte la résolution",
                &fr
            ),
            90
        );
        let accent = compare("La resolution est adoptee", "La résolution est adoptée");
        assert_eq!(accent.score, 85);
        assert_eq!(accent.differences.names(), vec!["accent"]);
        // Short stems are not forms: car/care, not/note.
        assert_eq!(score_in("the car", "the care", &en), 50);
    }

    #[test]
    fn endings_relate_words_on_a_long_enough_stem() {
        let en = WordForms::of(&unic_langid::langid!("en-GB"));
        for (a, b) in [
            ("adopted", "adopts"),
            ("files", "file"),
            ("policy", "policies"),
            ("applied", "applies"),
        ] {
            assert!(en.related(a, b) && en.related(b, a), "{a} {b}");
            let stem = en.shortest_stem(a);
            assert!(b.starts_with(stem) && a.starts_with(stem), "{a} {b} {stem}");
        }
        for (a, b) in [("car", "care"), ("council", "counsel"), ("with", "within")] {
            assert!(!en.related(a, b), "{a} {b}");
        }
        assert!(!WordForms::of(&unic_langid::langid!("tlh")).related("files", "file"));
    }

    #[test]
    fn short_units_get_near_matches_for_slips() {
        // One to three words: a slip of less than a word is weighed against three words.
        assert_eq!(score("Excellencies:", "Excellencies,"), 93);
        assert_eq!(score("excellencies,", "Excellencies,"), 93);
        assert_eq!(score("Thank you!", "Thank you."), 93);
        assert_eq!(
            score_in("Excellency,", "Excellencies,", &unic_langid::langid!("en")),
            83
        );
        // A different word is still no match, and identical texts still 100.
        assert_eq!(score("Excellencies,", "Ambassadors,"), 0);
        assert_eq!(score("Thank you.", "Thank you."), 100);
        // From four words on, nothing changes.
        assert_eq!(
            score("Ladies and Gentlemen all,", "Ladies and Gentlemen all:"),
            95
        );
    }

    #[test]
    fn placeholders_count_in_the_length() {
        // One word and three placeholders, the word changed: 1 − 1/4 (counting words only,
        // it would be 0).
        assert_eq!(
            score("%s [files] {0}: <value>", "%s [folders] {0}: <value>"),
            75
        );
        // A placeholder that became another costs a fraction of a word...
        assert_eq!(score("Send %s to {0}", "Send %d to {0}"), 92);
        // ...one missing costs a word, like any part of the sentence.
        assert_eq!(score("Send %s to {0}", "Send to {0}"), 75);
        // Speech text without tags scores as before.
        assert_eq!(
            score(
                "We deployed 3,700 soldiers in the region.",
                "We have deployed 3,700 peacekeepers in the region."
            ),
            75
        );
        // Only placeholders: still a percentage of the longer text (of at least three words).
        assert_eq!(score("{0} {1}", "{0} {2}"), 90);
        assert_eq!(score("{0}", "<b>"), 90);
    }

    #[test]
    fn kinds_are_reported() {
        let c = compare("Open <b>the</b> file", "Open the file");
        assert!(c.differences.tags && !c.differences.words);
        let c = compare("open the file", "Open the file");
        assert!(c.differences.case && !c.differences.words);
        assert_eq!(c.differences.names(), vec!["case"]);
    }

    proptest! {
        #[test]
        fn scores_are_percentages_and_symmetric_enough(a in "[a-zA-Z0-9 ,.!%{}<>/’']{0,60}", b in "[a-zA-Z0-9 ,.!%{}<>/’']{0,60}") {
            let ab = score(&a, &b);
            prop_assert!(ab <= 100);
            prop_assert_eq!(ab == 100, a.trim() == b.trim());
            prop_assert_eq!(score(&a, &a), 100);
            // The distance is symmetric and so is the length: so is the score.
            prop_assert_eq!(ab, score(&b, &a));
        }

        #[test]
        fn the_index_bound_holds_with_forms(a in proptest::collection::vec(0usize..17, 0..12), b in proptest::collection::vec(0usize..17, 0..12)) {
            // Words with forms, accents, case, numbers and tags: the lookup counts, for
            // each query key, whether the source has that key or a form of it; a source
            // scoring t has at least t × max(Nq, Ns) / 100 of them.
            const WORDS: [&str; 17] = ["adopted", "adopts", "Adopted", "the", "council", "councils", "résolution", "resolution", "7", "12", "file", "files", "%s", "%d", "{0}", "<b>", ","];
            let en = unic_langid::langid!("en");
            let forms = WordForms::of(&en);
            let text = |ids: &[usize]| ids.iter().map(|i| WORDS[*i]).collect::<Vec<_>>().join(" ");
            let (qa, sb) = (text(&a), text(&b));
            let keys = |t: &str| -> Vec<String> {
                tokenize(t).iter().filter_map(|t| match t.kind {
                    TokenKind::Word => Some(word_index_key(t.text)),
                    TokenKind::Number => Some("#".to_owned()),
                    TokenKind::Tag => Some("<>".to_owned()),
                    TokenKind::Punctuation => None,
                }).collect()
            };
            let (kq, ks) = (keys(&qa), keys(&sb));
            let mut counts: HashMap<&str, u32> = HashMap::new();
            for k in &kq {
                *counts.entry(k.as_str()).or_default() += 1;
            }
            let shared: u32 = counts.iter().filter(|(k, _)| ks.iter().any(|s| s == *k || forms.related(k, s))).map(|(_, c)| *c).sum();
            let s = u32::from(score_in(&qa, &sb, &en));
            let longest = kq.len().max(ks.len()) as u32;
            if longest > 0 {
                prop_assert!(100 * shared >= s * longest, "{qa:?} {sb:?} score {s} shared {shared}");
            }
        }

        #[test]
        fn a_band_never_lowers_the_distance(a in "[a-d ,.0-9]{0,60}", b in "[a-d ,.0-9]{0,60}", w in 1usize..12) {
            let mut interner = Interner::default();
            let forms = WordForms::of(&unic_langid::langid!("en"));
            let q = prepare(&a, forms, &mut interner);
            let s = prepare(&b, forms, &mut interner);
            let rows = KEPT_ROWS;
            let full = full_table(&q, &s, rows)[(q.len() % rows) * (s.len() + 1) + s.len()];
            // A band as wide as the texts is the whole table.
            prop_assert_eq!(banded_distance(&q, &s, q.len() + s.len() + 1), full);
            // A narrower one only leaves paths out.
            prop_assert!(banded_distance(&q, &s, w) >= full);
        }

        #[test]
        fn the_index_bound_holds(a in "([a-c ,.0-9]|%s|%d|\\{0\\}|<b>){0,30}", b in "([a-c ,.0-9]|%s|%d|\\{0\\}|<b>){0,30}") {
            // The lookup relies on: score >= t implies 100 * common >= t * max(content).
            use std::collections::HashMap;
            let count = |text: &str| {
                let mut counts: HashMap<String, usize> = HashMap::new();
                let mut total = 0;
                for token in tokenize(text) {
                    let key = match token.kind {
                        TokenKind::Word => token.key().into_owned(),
                        TokenKind::Number => "#".to_owned(),
                        TokenKind::Tag => "<>".to_owned(),
                        TokenKind::Punctuation => continue,
                    };
                    total += 1;
                    *counts.entry(key).or_default() += 1;
                }
                (counts, total)
            };
            let (ca, na) = count(&a);
            let (cb, nb) = count(&b);
            let common: usize = ca.iter().map(|(k, v)| (*v).min(*cb.get(k).unwrap_or(&0))).sum();
            let s = u32::from(score(&a, &b));
            if na.max(nb) > 0 {
                prop_assert!(100 * common as u32 >= s * na.max(nb) as u32, "score {} common {} lengths {} {}", s, common, na, nb);
            }
        }
    }

    #[test]
    fn the_names_of_differences_are_all_listed() {
        let all = Differences {
            words: true,
            numbers: true,
            punctuation: true,
            case: true,
            tags: true,
            spacing: true,
            accents: true,
            forms: true,
            order: true,
        };
        assert_eq!(all.names(), Differences::NAMES);
    }
}
