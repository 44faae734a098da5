//! The speech text format, read side: front matter, blank-line blocks, soft wraps, and the
//! recognition of headings, datelines, salutations, stage directions and marked passages
//! in another language (docs/speech-format.md).
//!
//! Each line is classified on its own content, so that writing a parsed speech and reading
//! it again gives the same speech; the only context used is the run of comma-ended lines a
//! salutation belongs to.

use std::borrow::Cow;

use unic_langid::LanguageIdentifier;

use super::direction::{self, Position};
use super::error::SpeechError;
use super::model::{Block, BlockKind, Delivery, DocumentKind, Inline, Line, Meta, Speech};
use super::pronunciation;
use super::sentences::sentence_ranges;
use crate::lang::{self, LanguageProfile};
use crate::textfile::{Location, Origin};

/// The most words a heading, dateline or salutation line has; longer lines are prose.
const MAX_HEADING_WORDS: usize = 20;
const MAX_DATELINE_WORDS: usize = 14;
const MAX_SALUTATION_WORDS: usize = 20;

/// Reads a speech. The language is, in order: `language` (from `--lang`), the front
/// matter, the file name (`NAME.fr.txt`), or a guess from the text; the result's
/// `meta.language` always holds it.
pub fn parse(
    text: &str,
    origin: &Origin,
    language: Option<&LanguageIdentifier>,
) -> Result<Speech, SpeechError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    refuse_what_would_not_fit(text, origin)?;
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let (mut meta, body_start) = parse_front_matter(&lines, origin)?;
    let language = language
        .cloned()
        .or_else(|| stated_language(&meta, text, origin))
        .ok_or_else(|| {
            if lines[body_start..].iter().all(|l| l.trim().is_empty()) {
                SpeechError::Empty {
                    origin: origin.clone(),
                }
            } else {
                SpeechError::UnknownLanguage {
                    origin: origin.clone(),
                }
            }
        })?;
    meta.language = Some(language.clone());
    let profile = lang::profile(&language);

    // Pronunciation marks leave the text before anything reads it (only a text that has
    // one pays for a copy of its lines).
    let unmarked: Option<Vec<Cow<'_, str>>> = if pronunciation::has_marks(text) {
        let mut body = Vec::with_capacity(lines.len() - body_start);
        for (index, line) in lines.iter().enumerate().skip(body_start) {
            body.push(pronunciation::take_marks(
                line,
                index + 1,
                origin,
                &mut meta.pronunciations,
            )?);
        }
        Some(body)
    } else {
        None
    };
    let mut blocks = Vec::new();
    let mut raw_block: Vec<(usize, &str)> = Vec::new();
    for index in body_start..lines.len() {
        let line: &str = match &unmarked {
            Some(body) => &body[index - body_start],
            None => lines[index],
        };
        if line.trim().is_empty() {
            if !raw_block.is_empty() {
                parse_raw_block(&raw_block, origin, profile, &mut blocks)?;
                raw_block.clear();
            }
        } else {
            raw_block.push((index + 1, line));
        }
    }
    if !raw_block.is_empty() {
        parse_raw_block(&raw_block, origin, profile, &mut blocks)?;
    }
    if blocks.is_empty() {
        return Err(SpeechError::Empty {
            origin: origin.clone(),
        });
    }
    // Vectors grown by pushing keep up to twice the room they need: the model of a long
    // speech is held whole, so it keeps only what it holds.
    for block in blocks
        .iter_mut()
        .filter(|b| b.lines.capacity() > b.lines.len() + 64)
    {
        block.lines.shrink_to_fit();
        block.source_lines.shrink_to_fit();
    }
    Ok(Speech { meta, blocks })
}

// ---------------------------------------------------------------------------------------
// Size

/// Texts shorter than this are never measured: even of one-word lines, their model and
/// segments take tens of megabytes at most.
const MEASURED_FROM_BYTES: usize = 1 << 20;
/// Memory held per line of text while the speech is parsed and segmented: its place in
/// the lists of lines, its line of the model and that line's text item.
const BYTES_PER_LINE: u64 = 160;
/// Memory held per segment: the segment itself, its id and its copy of the text.
const BYTES_PER_SEGMENT: u64 = 200;

/// Refuses, at the line where it stops fitting, a text whose model and segments would
/// take more memory than the process may still allocate ([`crate::resources`]). What a
/// text costs is mostly per line and per sentence: a file of a million `Yes.` lines costs
/// about seventy times its size, a file of paragraphs about three.
fn refuse_what_would_not_fit(text: &str, origin: &Origin) -> Result<(), SpeechError> {
    if text.len() < MEASURED_FROM_BYTES {
        return Ok(());
    }
    let Some(available) = crate::resources::available_bytes() else {
        return Ok(());
    };
    // At most one segment per byte and one line per two: when even that fits, no need to
    // count.
    let length = text.len() as u64;
    if 2 * length + (length / 2 + 1) * BYTES_PER_LINE + length * BYTES_PER_SEGMENT <= available {
        return Ok(());
    }
    let mut needed = 2 * length;
    for (index, line) in text.split('\n').enumerate() {
        let marks = line
            .bytes()
            .filter(|b| matches!(b, b'.' | b'!' | b'?' | b'[' | b'('))
            .count() as u64;
        needed += BYTES_PER_LINE + BYTES_PER_SEGMENT * marks.max(1);
        if needed > available {
            return Err(SpeechError::TooLarge {
                location: Location::line(origin, index + 1),
                needed_mib: needed >> 20,
                available_mib: available >> 20,
            });
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Front matter

/// The language a speech says it is in, in order: its front matter (`language: fr`), its file
/// name (`NAME.fr.txt`), a guess from its words; `None` when nothing tells. This is how
/// [`parse`] finds the language when none is given, for any command that reads a speech
/// before it parses it (`tribune align` reads both languages first). A front matter that
/// does not parse says nothing here; [`parse`] reports it.
pub fn language_of(text: &str, origin: &Origin) -> Option<LanguageIdentifier> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let meta = parse_front_matter(&lines, origin)
        .map(|(meta, _)| meta)
        .unwrap_or_default();
    stated_language(&meta, text, origin)
}

/// The language the front matter, the file name or the words of a speech say.
fn stated_language(meta: &Meta, text: &str, origin: &Origin) -> Option<LanguageIdentifier> {
    meta.language
        .clone()
        .or_else(|| origin.path().and_then(lang::language_from_file_name))
        .or_else(|| lang::detect(text))
}

/// The keys a front matter may hold, with their accepted spellings.
const FRONT_MATTER_KEYS: [(&str, &[&str]); 9] = [
    ("title", &["title"]),
    ("speaker", &["speaker"]),
    ("event", &["event"]),
    ("place", &["place"]),
    ("date", &["date"]),
    ("language", &["language", "lang"]),
    ("target", &["target", "target-duration", "duration"]),
    ("deliver", &["deliver", "delivery-language"]),
    ("kind", &["kind", "type"]),
];

fn parse_front_matter(lines: &[&str], origin: &Origin) -> Result<(Meta, usize), SpeechError> {
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return Ok((Meta::default(), 0));
    };
    if lines[first].trim_end() != "---" {
        return Ok((Meta::default(), 0));
    }
    let open_line = first + 1;
    let close = lines[first + 1..]
        .iter()
        .position(|l| l.trim_end() == "---")
        .map(|p| p + first + 1)
        .ok_or_else(|| SpeechError::UnclosedFrontMatter {
            location: Location::line(origin, open_line),
        })?;
    let mut meta = Meta::default();
    let mut seen: Vec<&str> = Vec::new();
    for (index, raw) in lines.iter().enumerate().take(close).skip(first + 1) {
        let line_no = index + 1;
        let location = Location::line(origin, line_no);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            return Err(SpeechError::FrontMatterSyntax { location });
        };
        let key_written = key.trim();
        let key_lower = key_written.to_lowercase().replace('_', "-");
        let Some((key, _)) = FRONT_MATTER_KEYS
            .iter()
            .find(|(_, spellings)| spellings.contains(&key_lower.as_str()))
        else {
            return Err(SpeechError::UnknownFrontMatterKey {
                location,
                key: key_written.to_owned(),
            });
        };
        if seen.contains(key) {
            return Err(SpeechError::DuplicateFrontMatterKey {
                location,
                key: key_written.to_owned(),
            });
        }
        seen.push(key);
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let text = Some(value.to_owned());
        match *key {
            "title" => meta.title = text,
            "speaker" => meta.speaker = text,
            "event" => meta.event = text,
            "place" => meta.place = text,
            "date" => meta.date = text,
            "language" => {
                meta.language =
                    Some(
                        lang::parse_tag(value).ok_or_else(|| SpeechError::BadLanguage {
                            location,
                            value: value.to_owned(),
                        })?,
                    );
            }
            "target" => {
                meta.target_seconds =
                    Some(
                        parse_duration(value).ok_or_else(|| SpeechError::BadDuration {
                            location,
                            value: value.to_owned(),
                        })?,
                    );
            }
            "deliver" => {
                meta.deliver =
                    Some(
                        Delivery::parse(value).ok_or_else(|| SpeechError::BadDelivery {
                            location,
                            value: value.to_owned(),
                        })?,
                    );
            }
            "kind" => {
                meta.kind =
                    Some(
                        DocumentKind::parse(value).ok_or_else(|| SpeechError::BadKind {
                            location,
                            value: value.to_owned(),
                        })?,
                    );
            }
            _ => unreachable!("every key in FRONT_MATTER_KEYS is handled"),
        }
    }
    Ok((meta, close + 1))
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(quote) && value.ends_with(quote) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

/// Reads a duration: `MM:SS`, `H:MM:SS`, `12 min`, `90 s`, or a bare number of minutes. The
/// units are those of the `[durations]` tables of the language profiles, in any language.
pub fn parse_duration(value: &str) -> Option<u32> {
    let value = value.trim();
    let parts: Vec<&str> = value.split(':').collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.trim().parse().ok()).collect();
    if let Some(numbers) = numbers {
        return match numbers.as_slice() {
            [minutes] => Some(minutes * 60),
            [minutes, seconds] if *seconds < 60 => Some(minutes * 60 + seconds),
            [hours, minutes, seconds] if *minutes < 60 && *seconds < 60 => {
                Some(hours * 3600 + minutes * 60 + seconds)
            }
            _ => None,
        };
    }
    let digits_end = value.find(|c: char| !c.is_ascii_digit())?;
    let number: u32 = value[..digits_end].parse().ok()?;
    let unit = value[digits_end..].trim().to_lowercase();
    let profiles = lang::profiles();
    if profiles.iter().any(|p| p.durations.seconds.contains(&unit)) {
        Some(number)
    } else if profiles.iter().any(|p| p.durations.minutes.contains(&unit)) {
        Some(number * 60)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// Blocks and lines

/// What one logical line is.
enum LineClass {
    Direction(Line),
    Heading(String),
    Dateline(String),
    /// A comma-ended line of address; `strong` when it opens with a salutation word.
    Salutation {
        text: String,
        strong: bool,
    },
    Prose(Line),
    /// A site line or a byline of a pasted web page.
    WebText(String),
    /// A photo caption with its credit.
    Caption(String),
}

impl LineClass {
    fn kind(&self) -> BlockKind {
        match self {
            LineClass::Direction(_) => BlockKind::Direction,
            LineClass::Heading(_) => BlockKind::Heading,
            LineClass::Dateline(_) => BlockKind::Dateline,
            LineClass::Salutation { .. } => BlockKind::Salutation,
            LineClass::Prose(_) => BlockKind::Paragraph,
            LineClass::WebText(_) => BlockKind::WebText,
            LineClass::Caption(_) => BlockKind::Caption,
        }
    }

    fn into_line(self) -> Line {
        match self {
            LineClass::Direction(line) | LineClass::Prose(line) => line,
            LineClass::Heading(text)
            | LineClass::Dateline(text)
            | LineClass::Salutation { text, .. }
            | LineClass::WebText(text)
            | LineClass::Caption(text) => vec![Inline::Text(text)],
        }
    }
}

fn ends_with_punctuation(line: &str) -> bool {
    let core = line.trim_end().trim_end_matches([
        '"', '\'', '\u{201d}', '\u{2019}', '\u{bb}', ')', ']', ' ', '\u{a0}', '\u{202f}',
    ]);
    core.ends_with(['.', '!', '?', '…', ':', ';', ','])
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Joins soft-wrapped lines: a line not ending in punctuation followed by one starting in
/// lower case. A line ending in a hyphen after a letter is joined without a space.
fn logical_lines<'t>(raw: &[(usize, &'t str)]) -> Vec<(usize, Cow<'t, str>)> {
    // Borrowed from the text unless joined: a long speech of short lines copies nothing.
    let mut out: Vec<(usize, Cow<'t, str>)> = Vec::with_capacity(raw.len());
    for &(number, line) in raw {
        let line = line.trim();
        if let Some((_, previous)) = out.last_mut() {
            let joinable = !ends_with_punctuation(previous)
                && starts_lowercase(line)
                && !previous.starts_with('#')
                && direction::whole_line(previous).is_none();
            if joinable {
                let mut chars = previous.chars().rev();
                let hyphenated =
                    chars.next() == Some('-') && chars.next().is_some_and(char::is_alphabetic);
                let previous = previous.to_mut();
                if !hyphenated {
                    previous.push(' ');
                }
                previous.push_str(line);
                continue;
            }
        }
        out.push((number, Cow::Borrowed(line)));
    }
    out
}

fn parse_raw_block(
    raw: &[(usize, &str)],
    origin: &Origin,
    profile: &LanguageProfile,
    blocks: &mut Vec<Block>,
) -> Result<(), SpeechError> {
    let mut classes: Vec<(usize, LineClass)> = Vec::new();
    for (number, text) in logical_lines(raw) {
        let class = classify(&text, number, origin, profile)?;
        classes.push((number, class));
    }
    // A run of comma-ended lines is a salutation when one of them opens with a salutation
    // word ("SRSG Annadif and Colleagues of MINUSMA," between "Excellencies," lines);
    // otherwise its lines are prose.
    let mut i = 0;
    while i < classes.len() {
        if !matches!(classes[i].1, LineClass::Salutation { .. }) {
            i += 1;
            continue;
        }
        let start = i;
        while i < classes.len() && matches!(classes[i].1, LineClass::Salutation { .. }) {
            i += 1;
        }
        let any_strong = classes[start..i]
            .iter()
            .any(|(_, c)| matches!(c, LineClass::Salutation { strong: true, .. }));
        if !any_strong {
            for (number, class) in &mut classes[start..i] {
                if let LineClass::Salutation { text, .. } = class {
                    let line = inline_items(text, *number, origin)?;
                    *class = LineClass::Prose(line);
                }
            }
        }
    }
    for (number, class) in classes {
        let kind = class.kind();
        match blocks.last_mut() {
            Some(last) if last.kind == kind && last.source_lines.first() >= Some(&raw[0].0) => {
                last.lines.push(class.into_line());
                last.source_lines.push(number);
            }
            _ => blocks.push(Block {
                kind,
                lines: vec![class.into_line()],
                source_lines: vec![number],
            }),
        }
    }
    Ok(())
}

/// The block kind a single line of text would get on its own (used by the writer to know
/// when a heading needs its explicit `#` mark).
pub fn implicit_kind(text: &str, profile: &LanguageProfile) -> BlockKind {
    match classify(text, 1, &Origin::Stdin, profile) {
        Ok(class) => class.kind(),
        Err(_) => BlockKind::Paragraph,
    }
}

fn classify(
    text: &str,
    number: usize,
    origin: &Origin,
    profile: &LanguageProfile,
) -> Result<LineClass, SpeechError> {
    if let Some(rest) = text.strip_prefix('#') {
        let rest = rest.trim_start_matches('#');
        if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() {
            return Ok(LineClass::Heading(rest.trim().to_owned()));
        }
    }
    if let Some(web) = web_text(text, profile) {
        return Ok(web);
    }
    if let Some(direction) = direction::whole_line(text) {
        return Ok(LineClass::Direction(vec![Inline::Direction(direction)]));
    }
    // A line around a parenthesised direction is prose, whatever else it looks like: the
    // direction is a timed event of its own, and the spaces the writer puts around it
    // must not turn the line into a salutation, a dateline or a heading.
    if has_parenthesised_direction(text) {
        return Ok(LineClass::Prose(inline_items(text, number, origin)?));
    }
    if let Some(strong) = salutation(text, profile) {
        return Ok(LineClass::Salutation {
            text: text.to_owned(),
            strong,
        });
    }
    if is_dateline(text) {
        return Ok(LineClass::Dateline(text.to_owned()));
    }
    if is_heading(text, profile) {
        return Ok(LineClass::Heading(text.to_owned()));
    }
    Ok(LineClass::Prose(inline_items(text, number, origin)?))
}

/// The most words of a byline ("By Jane Doe, UN News").
const MAX_BYLINE_WORDS: usize = 6;

/// A line a pasted web page brought along (`languages/<lang>/profile.toml`, `[web]`): a site
/// line, a short byline without final punctuation, or a caption holding a photo credit.
fn web_text(text: &str, profile: &LanguageProfile) -> Option<LineClass> {
    let web = &profile.web;
    let trimmed = text.trim();
    if lang::is_listed_phrase(trimmed, &web.lines) {
        return Some(LineClass::WebText(text.to_owned()));
    }
    let first = trimmed.split_whitespace().next()?.to_lowercase();
    if web.byline_openers.contains(&first)
        && word_count_up_to(trimmed, MAX_BYLINE_WORDS) <= MAX_BYLINE_WORDS
        && !ends_with_punctuation(trimmed)
    {
        return Some(LineClass::WebText(text.to_owned()));
    }
    if web.credits.is_in(trimmed) {
        return Some(LineClass::Caption(text.to_owned()));
    }
    None
}

/// Words in `text`, counting no further than `limit + 1` (enough to know it is too many).
fn word_count_up_to(text: &str, limit: usize) -> usize {
    text.split_whitespace().take(limit + 1).count()
}

fn single_sentence(text: &str, profile: &LanguageProfile) -> bool {
    sentence_ranges(text, &profile.segmentation).len() <= 1
}

/// `Some(strong)` when the line is a salutation candidate: it ends in a comma (or, when
/// it opens with a salutation word, a colon or an exclamation mark) and is short.
fn salutation(text: &str, profile: &LanguageProfile) -> Option<bool> {
    let trimmed = text.trim_end();
    let last = trimmed.chars().last()?;
    if !matches!(last, ',' | ':' | '!') {
        return None;
    }
    if word_count_up_to(trimmed, MAX_SALUTATION_WORDS) > MAX_SALUTATION_WORDS
        || trimmed.contains('[')
    {
        return None;
    }
    let first_word = trimmed
        .split_whitespace()
        .next()?
        .trim_end_matches([',', '.', ':', '!'])
        .to_lowercase();
    let strong = lang::profiles()
        .iter()
        .any(|p| p.salutation_openers.contains(&first_word));
    if last != ',' && !strong {
        return None;
    }
    if !single_sentence(trimmed, profile) {
        return None;
    }
    Some(strong)
}

fn is_dateline(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.ends_with(['.', '!', '?', ';', ','])
        || word_count_up_to(trimmed, MAX_DATELINE_WORDS) > MAX_DATELINE_WORDS
    {
        return false;
    }
    let tokens: Vec<&str> = trimmed
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/' | '|' | '–' | '—'))
        .filter(|t| !t.is_empty())
        .collect();
    let profiles = lang::profiles();
    let is_month = |t: &str| {
        let lower = t.trim_end_matches('.').to_lowercase();
        profiles.iter().any(|p| p.months.contains(&lower))
    };
    let is_day_or_year = |t: &str| {
        let digits = t.trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
        !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && match digits.parse::<u32>() {
                Ok(n) => (1..=31).contains(&n) || (1900..=2100).contains(&n),
                Err(_) => false,
            }
    };
    let is_numeric_date = |t: &str| {
        let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && parts.iter().any(|p| p.len() == 4)
    };
    let is_date_token = |t: &str| {
        let lower = t.to_lowercase();
        is_month(t)
            || is_day_or_year(t)
            || is_numeric_date(t)
            || profiles.iter().any(|p| p.weekdays.contains(&lower))
            || !t.chars().any(char::is_alphanumeric)
    };
    let has_month = tokens.iter().any(|t| is_month(t));
    let has_number = tokens.iter().any(|t| is_day_or_year(t));
    let numeric = tokens.iter().any(|t| is_numeric_date(t));
    if !((has_month && has_number) || numeric) {
        return false;
    }
    // The date opens or closes the line ("4 December 2017 - Bamako", "Genève, le 12 mars
    // 2019"); the rest is names, small connecting words, and at most one other word in
    // lower case ("Goma (République démocratique du Congo)").
    let opens = tokens.first().is_some_and(|t| is_date_token(t));
    let closes = tokens.last().is_some_and(|t| is_date_token(t));
    if !(opens || closes) {
        return false;
    }
    let lower_words = tokens
        .iter()
        .filter(|t| {
            let lower = t.to_lowercase();
            !is_date_token(t)
                && !t.chars().next().is_some_and(|c| c.is_uppercase())
                && !profiles
                    .iter()
                    .any(|p| p.dateline_connectors.contains(&lower))
        })
        .count();
    lower_words <= 1
}

fn is_all_caps(text: &str) -> bool {
    let mut upper = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 2
}

fn is_courtesy(text: &str) -> bool {
    lang::profiles()
        .iter()
        .any(|p| lang::is_listed_phrase(text, &p.courtesies))
}

fn is_heading(text: &str, profile: &LanguageProfile) -> bool {
    let words = word_count_up_to(text, 2 * MAX_HEADING_WORDS);
    if words > 2 * MAX_HEADING_WORDS
        || text.contains('[')
        || !text.chars().any(char::is_alphanumeric)
        || has_parenthesised_direction(text)
    {
        return false;
    }
    if is_all_caps(text) {
        return true;
    }
    !ends_with_punctuation(text)
        && words <= MAX_HEADING_WORDS
        && !is_courtesy(text)
        && single_sentence(text, profile)
}

// ---------------------------------------------------------------------------------------
// Inline items

fn is_sentence_end(before: &str) -> bool {
    let core = before.trim_end().trim_end_matches([
        '"', '\'', '\u{201d}', '\u{2019}', '\u{bb}', ')', ' ', '\u{a0}', '\u{202f}',
    ]);
    core.is_empty() || core.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn starts_sentence(after: &str) -> bool {
    match after.trim_start().chars().next() {
        None => true,
        Some(c) => {
            c.is_uppercase()
                || c.is_numeric()
                || matches!(
                    c,
                    '[' | '(' | '"' | '\u{201c}' | '\u{ab}' | '\u{2018}' | '\''
                )
        }
    }
}

/// Finds the `]` matching the `[` at byte `open`, within the line.
fn matching_bracket(
    text: &str,
    open: usize,
    open_char: u8,
    close_char: u8,
    limit: usize,
) -> Option<usize> {
    // The limit counts characters, a run of white space as one: the model keeps a line's
    // items without the white space between them and the writer puts one space back, so
    // a bracket must match the same way in the text as read and as written.
    let mut depth = 0usize;
    let mut counted = 0usize;
    let mut in_space = false;
    for (i, c) in text[open..].char_indices() {
        let space = c.is_whitespace();
        if !(space && in_space) {
            counted += 1;
            if counted > limit {
                return None;
            }
        }
        in_space = space;
        if c == char::from(open_char) {
            depth += 1;
        } else if c == char::from(close_char) {
            depth -= 1;
            if depth == 0 {
                return Some(open + i);
            }
        }
    }
    None
}

/// `{lang=fr}` right after a bracket: the tag and the length of the attribute.
fn language_attribute(rest: &str) -> Option<(&str, usize)> {
    let inner = rest.strip_prefix('{')?;
    let close = inner.find('}')?;
    let body = inner[..close].trim();
    let value = body
        .strip_prefix("lang")?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    Some((unquote(value), close + 2))
}

fn push_text(items: &mut Line, text: &str) {
    let trimmed = text.trim();
    if !trimmed.is_empty() {
        items.push(Inline::Text(trimmed.to_owned()));
    }
}

/// Parenthesised directions are short ("(Applause)"); no need to look further.
const PAREN_LIMIT: usize = 120;

/// Whether a line holds a parenthesised stage direction ("(Applause)"): such a line is
/// prose around a direction, never a heading (as a line with `[` never is), whatever the
/// spaces around the direction.
fn has_parenthesised_direction(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut search = 0;
    while let Some(offset) = memchr::memchr(b'(', &bytes[search..]) {
        let open = search + offset;
        search = open + 1;
        if let Some(close) = matching_bracket(text, open, b'(', b')', PAREN_LIMIT) {
            if direction::parenthesised(&text[open + 1..close], &text[open..=close]).is_some() {
                return true;
            }
        }
    }
    false
}

/// Splits a prose line into text, directions between or inside sentences, and marked
/// passages in another language. Editorial brackets stay in the text.
fn inline_items(text: &str, number: usize, origin: &Origin) -> Result<Line, SpeechError> {
    // Most lines hold one item: a vector grown by pushing would keep room for four.
    let mut items = Vec::with_capacity(1);
    let mut text_start = 0;
    let mut search = 0;
    let bytes = text.as_bytes();
    while let Some(offset) = memchr::memchr2(b'[', b'(', &bytes[search..]) {
        let open = search + offset;
        let is_square = bytes[open] == b'[';
        let close = if is_square {
            match matching_bracket(text, open, b'[', b']', usize::MAX) {
                Some(close) => close,
                None => {
                    let column = text[..open].chars().count() + 1;
                    return Err(SpeechError::UnclosedBracket {
                        location: Location::at(origin, number, column),
                    });
                }
            }
        } else {
            match matching_bracket(text, open, b'(', b')', PAREN_LIMIT) {
                Some(close) => close,
                None => {
                    search = open + 1;
                    continue;
                }
            }
        };
        let inner = &text[open + 1..close];
        let wording = &text[open..=close];
        let before = &text[text_start..open];
        let after = &text[close + 1..];
        if is_square {
            if let Some((tag, attribute_len)) = language_attribute(after) {
                let lang = lang::parse_tag(tag).ok_or_else(|| SpeechError::BadLanguage {
                    location: Location::at(origin, number, text[..=close].chars().count() + 1),
                    value: tag.to_owned(),
                })?;
                push_text(&mut items, before);
                items.push(Inline::Foreign {
                    lang,
                    text: inner.trim().to_owned(),
                });
                text_start = close + 1 + attribute_len;
                search = text_start;
                continue;
            }
        }
        let position = if is_sentence_end(before) && starts_sentence(after) {
            Position::BetweenSentences
        } else {
            Position::InsideSentence
        };
        let found = if is_square {
            direction::recognise(inner, wording, position)
        } else {
            direction::parenthesised(inner, wording)
        };
        if let Some(direction) = found {
            push_text(&mut items, before);
            items.push(Inline::Direction(direction));
            text_start = close + 1;
        }
        search = close + 1;
    }
    push_text(&mut items, &text[text_start..]);
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::speech::model::DirectionKind;
    use unic_langid::langid;

    fn parse_en(text: &str) -> Speech {
        parse(text, &Origin::Stdin, Some(&langid!("en"))).unwrap()
    }

    fn kinds(speech: &Speech) -> Vec<BlockKind> {
        speech.blocks.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn a_web_page_pasted_with_its_story_is_set_apart() {
        let text = "Welcome to the Office for Water Cooperation\n\nShare this story\n\n\
            Wells reopen in the north\n\nBy Office News\n\n\
            The first wells reopened on Monday, said the director.\n\n\
            A pump in the village Photo: Office/Ana RuizThe pump serves 300 families.\n\n\
            By working together, the villages rebuilt three wells.\n\nRead more\n";
        let speech = parse_en(text);
        assert_eq!(
            kinds(&speech),
            [
                // A welcome line not on the list is the site's heading as before.
                BlockKind::Heading,
                BlockKind::WebText,
                BlockKind::Heading,
                BlockKind::WebText,
                BlockKind::Paragraph,
                BlockKind::Caption,
                // A sentence that opens with "By" is prose.
                BlockKind::Paragraph,
                BlockKind::WebText,
            ]
        );
        // Left out of the segments, listed apart.
        let segments = crate::speech::segment(&speech);
        assert!(segments.iter().all(|s| !s.text.contains("Photo:")));
        let apart = crate::speech::set_apart(&speech);
        assert_eq!(apart.len(), 4);
        assert_eq!(apart[2].kind, crate::speech::SegmentKind::Caption);
    }

    #[test]
    fn a_raw_import_gets_its_header_recognised() {
        let text = "\n\n\nOFFICE FOR WATER COOPERATION\n\n12 March 2019 - Geneva, Switzerland\n\n\
            Remarks by Ms. Lena Ortiz at the opening of the regional dialogue\n\n\
            Your Excellency Mr. Koffi, Minister of Water,\nDistinguished delegates,\nColleagues of UNEP,\nLadies and Gentlemen,\n\n\
            It is an honour to be here. Water unites us.\n\n[STOP for minute of silence]\n\nThank you. Merci.\n";
        let speech = parse_en(text);
        assert_eq!(
            kinds(&speech),
            [
                BlockKind::Heading,
                BlockKind::Dateline,
                BlockKind::Heading,
                BlockKind::Salutation,
                BlockKind::Paragraph,
                BlockKind::Direction,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(speech.blocks[3].lines.len(), 4);
        assert_eq!(speech.blocks[3].source_lines, [10, 11, 12, 13]);
    }

    #[test]
    fn front_matter_is_read() {
        let text =
            "---\ntitle: Remarks\nlanguage: fr\ntarget: 6:30\n---\nBonjour à toutes et à tous.\n";
        let speech = parse(text, &Origin::Stdin, None).unwrap();
        assert_eq!(speech.meta.title.as_deref(), Some("Remarks"));
        assert_eq!(speech.meta.language, Some(langid!("fr")));
        assert_eq!(speech.meta.target_seconds, Some(390));
    }

    #[test]
    fn the_delivery_language_is_read_and_checked() {
        let speech = parse(
            "---\nlanguage: en\ndeliver: fr-CA\n---\nHello.\n",
            &Origin::Stdin,
            None,
        )
        .unwrap();
        assert_eq!(
            speech.meta.deliver,
            Some(Delivery::Language(langid!("fr-CA")))
        );
        let speech = parse(
            "---\nlanguage: en\ndeliver: Mixed\n---\nHello.\n",
            &Origin::Stdin,
            None,
        )
        .unwrap();
        assert_eq!(speech.meta.deliver, Some(Delivery::Mixed));
        let written = crate::speech::write(&speech);
        assert!(written.contains("deliver: mixed\n"), "{written}");
        assert_eq!(parse(&written, &Origin::Stdin, None).unwrap(), speech);
        let err = parse(
            "---\nlanguage: en\ndeliver: both!\n---\nHello.\n",
            &Origin::Stdin,
            None,
        )
        .unwrap_err();
        assert!(
            matches!(&err, SpeechError::BadDelivery { location, value } if location.line == 3 && value == "both!")
        );
    }

    #[test]
    fn front_matter_errors_are_located() {
        let err = parse(
            "---\ntitle: X\nspeeker: Y\n---\nHello.\n",
            &Origin::Stdin,
            None,
        )
        .unwrap_err();
        assert!(
            matches!(&err, SpeechError::UnknownFrontMatterKey { location, key } if location.line == 3 && key == "speeker")
        );
        let err = parse("---\ntitle: X\n\nHello.\n", &Origin::Stdin, None).unwrap_err();
        assert!(matches!(err, SpeechError::UnclosedFrontMatter { .. }));
        let err = parse("---\ntarget: soon\n---\nHello.\n", &Origin::Stdin, None).unwrap_err();
        assert!(matches!(err, SpeechError::BadDuration { .. }));
    }

    #[test]
    fn soft_wraps_are_joined_and_hard_breaks_kept() {
        let speech = parse_en("We honour the peacekeepers\nwho serve far from home.\nThey deserve counter-\nterrorism support.\n1. First point.\n2. Second point.");
        let lines: Vec<&Line> = speech.blocks.iter().flat_map(|b| &b.lines).collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(
            lines[0],
            &vec![Inline::Text(
                "We honour the peacekeepers who serve far from home.".into()
            )]
        );
        assert_eq!(
            lines[1],
            &vec![Inline::Text(
                "They deserve counter-terrorism support.".into()
            )]
        );
    }

    #[test]
    fn inline_directions_and_editorial_brackets() {
        let speech = parse_en(
            "We will succeed. [Pause] Let us begin at the MINUSCA [United Nations Mission] base.",
        );
        let line = &speech.blocks[0].lines[0];
        assert_eq!(line.len(), 3);
        assert!(matches!(&line[1], Inline::Direction(d) if d.kind == DirectionKind::Pause));
        assert_eq!(
            line[2],
            Inline::Text("Let us begin at the MINUSCA [United Nations Mission] base.".into())
        );
    }

    #[test]
    fn marked_passages_in_another_language() {
        let speech = parse_en("Thank you. [Je vous remercie.]{lang=fr}");
        assert_eq!(
            speech.blocks[0].lines[0][1],
            Inline::Foreign {
                lang: langid!("fr"),
                text: "Je vous remercie.".into()
            }
        );
    }

    #[test]
    fn unclosed_brackets_are_located() {
        let err = parse(
            "Hello there.\nWe begin [Pause now.\n",
            &Origin::Stdin,
            Some(&langid!("en")),
        )
        .unwrap_err();
        match err {
            SpeechError::UnclosedBracket { location } => {
                assert_eq!((location.line, location.column), (2, Some(10)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_inputs_are_errors() {
        for text in ["", "\n\n  \n", "---\ntitle: x\n---\n\n"] {
            let err = parse(text, &Origin::Stdin, Some(&langid!("en"))).unwrap_err();
            assert!(matches!(err, SpeechError::Empty { .. }), "{text:?}");
        }
    }

    #[test]
    fn datelines_in_both_languages() {
        for line in [
            "4 December 2017 - Bamako, Mali",
            "Genève, le 12 mars 2019",
            "New York, 26 October 2016",
            "Tuesday, 4 December 2017",
            "2017-12-04",
            "29 mai 2025 - Goma (République démocratique du Congo)",
        ] {
            assert!(is_dateline(line), "{line}");
        }
        for line in [
            "Remarks on 4 December at the Council",
            "We met on 4 December 2017.",
            "Remarks delivered on 4 December 2017",
        ] {
            assert!(!is_dateline(line), "{line}");
        }
    }

    #[test]
    fn salutations_in_both_languages() {
        let fr = lang::profile(&langid!("fr"));
        for line in [
            "Mesdames et Messieurs,",
            "Monsieur le Président,",
            "Excellences,",
            "Chers amis !",
        ] {
            assert_eq!(salutation(line, fr), Some(true), "{line}");
        }
        assert_eq!(
            salutation("SRSG Annadif and Colleagues of MINUSMA,", fr),
            Some(false)
        );
        assert_eq!(salutation("We thank you all.", fr), None);
    }

    #[test]
    fn the_language_of_a_text_is_read_as_parse_reads_it() {
        let named = Origin::File("remarks.fr.txt".into());
        let english = "We are here today to honour the memory of those who gave their lives.";
        // Front matter, then file name, then the words.
        let text = format!("---\nlanguage: es\n---\n{english}\n");
        assert_eq!(language_of(&text, &named), Some(langid!("es")));
        assert_eq!(language_of(english, &named), Some(langid!("fr")));
        assert_eq!(language_of(english, &Origin::Stdin), Some(langid!("en")));
        assert_eq!(language_of("MINUSMA 2017", &Origin::Stdin), None);
        // A front matter that does not parse says nothing; parse reports it.
        let broken = format!("---\nlanguage: es\n{english}\n");
        assert_eq!(language_of(&broken, &Origin::Stdin), Some(langid!("en")));
        for text in [text.as_str(), english] {
            let parsed = parse(text, &named, None).unwrap();
            assert_eq!(parsed.meta.language, language_of(text, &named));
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("6:00"), Some(360));
        assert_eq!(parse_duration("1:02:03"), Some(3723));
        assert_eq!(parse_duration("12 min"), Some(720));
        assert_eq!(parse_duration("90 s"), Some(90));
        assert_eq!(parse_duration("7"), Some(420));
        // The units of every profile's [durations], in any case.
        assert_eq!(parse_duration("5 m"), Some(300));
        assert_eq!(parse_duration("3 Mins"), Some(180));
        assert_eq!(parse_duration("2 secondes"), Some(2));
        assert_eq!(parse_duration("2 hours"), None);
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration("1:75"), None);
    }
}
