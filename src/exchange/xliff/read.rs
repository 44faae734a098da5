//! Reading XLIFF 1.x and 2.x, streaming: [`XliffReader::next_unit`] reads one unit at a time
//! from any `BufRead`, keeping only that unit in memory.
//!
//! Elements are told apart by namespace, not by prefix: XLIFF elements are those of the root's
//! namespace (or of no namespace, for old 1.0/1.1 files), the matches module and SDLXLIFF's
//! `seg-defs` are read, and elements of any other namespace are skipped whole where they stand
//! between units, or kept for their text where they stand inside a source or target.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use quick_xml::XmlVersion;

use super::{
    SegmentState, XliffMatch, XliffSegment, XliffText, XliffUnit, NAMESPACE_2, NAMESPACE_MATCHES,
    NAMESPACE_SDL,
};
use crate::exchange::input::LineTracker;
use crate::exchange::ExchangeError;
use crate::exchange::{MAX_INLINE_DEPTH, MAX_SEGMENT_BYTES};
use crate::textfile::{Location, Origin};

/// Which vocabulary an element belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    /// The document's XLIFF namespace.
    Xliff,
    /// The 2.x matches module.
    Matches,
    /// SDLXLIFF extensions.
    Sdl,
    /// Anything else.
    Other,
}

/// A structural element open between units.
#[derive(Debug, Clone, Copy)]
enum Frame {
    /// `<file>`, `<body>` or `<group>`, with the `translate` it sets (if any).
    Container(Option<bool>),
}

/// What the enclosing `<file>` says.
#[derive(Debug, Clone, Default)]
struct FileContext {
    original: Option<String>,
    source_lang: Option<String>,
    target_lang: Option<String>,
}

/// Text being collected: the plain text, and TMX inline markup once a code appears.
#[derive(Debug, Default)]
struct Accumulator {
    text: String,
    markup: String,
    coded: bool,
}

impl Accumulator {
    fn push_text(&mut self, piece: &str) {
        self.text.push_str(piece);
        if self.coded {
            self.markup.push_str(&escape(piece));
        }
    }

    fn push_code(&mut self, markup: &str) {
        if !self.coded {
            self.markup = escape(self.text.as_str()).into_owned();
            self.coded = true;
        }
        self.markup.push_str(markup);
    }

    /// The length of the inline markup gathered so far (0 while there is none).
    fn markup_len(&self) -> usize {
        if self.coded {
            self.markup.len()
        } else {
            0
        }
    }

    fn finish(self, lang: Option<String>) -> XliffText {
        XliffText {
            text: self.text,
            markup: self.coded.then_some(self.markup),
            lang,
        }
    }
}

/// The content of a `<source>`, `<target>` or `<seg-source>`: the whole text, and the
/// `<mrk mtype="seg">` segments it holds (1.2 segmented units).
#[derive(Debug, Default)]
struct Content {
    whole: Accumulator,
    segments: Vec<(String, Accumulator)>,
}

/// An inline element open inside a content.
#[derive(Debug)]
enum Open {
    /// Text-bearing (`<g>`, `<pc>`, `<mrk>`, another namespace's element); the markup
    /// written when it closes.
    Text(Option<String>),
    /// A 1.2 `<mrk mtype="seg">`: its text goes to its own segment too.
    Segment,
    /// Native code (1.2 `<bpt>`, `<ept>`, `<ph>`, `<it>`, and `<sub>` inside them): its text
    /// is markup, not text. The closing markup.
    Code(String),
}

/// A streaming XLIFF reader.
pub struct XliffReader<R: BufRead> {
    xml: NsReader<LineTracker<R>>,
    origin: Origin,
    namespace: Option<String>,
    version: String,
    v2: bool,
    source_lang: Option<String>,
    target_lang: Option<String>,
    file: FileContext,
    stack: Vec<Frame>,
    finished: bool,
    buf: Vec<u8>,
}

fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

fn yes_no(value: &str) -> Option<bool> {
    match value.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// `&name;` or `&#N;` resolved: the five XML entities and character references only.
fn resolve_reference(name: &str) -> Result<String, ReferenceError> {
    let resolved = match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => {
            let Some(number) = name.strip_prefix('#') else {
                return Err(ReferenceError::Unknown);
            };
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse::<u32>().ok(),
            };
            return code
                .and_then(char::from_u32)
                .filter(|c| crate::exchange::is_xml_char(*c))
                .map(String::from)
                .ok_or(ReferenceError::BadCharacter);
        }
    };
    Ok(resolved.to_owned())
}

enum ReferenceError {
    Unknown,
    BadCharacter,
}

/// A tag as text, for the markup of a code (`<x id="1"/>`, `<g id="2">`).
fn tag_text(name: &str, attributes: &[(String, String)], empty: bool) -> String {
    let mut tag = format!("<{name}");
    for (key, value) in attributes {
        tag.push_str(&format!(" {key}=\"{}\"", escape(value.as_str())));
    }
    tag.push_str(if empty { "/>" } else { ">" });
    tag
}

fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn owned_attribute(attributes: &[(String, String)], name: &str) -> Option<String> {
    attribute(attributes, name).map(str::to_owned)
}

impl<R: BufRead> XliffReader<R> {
    /// Starts reading: checks the root `<xliff>` and its version.
    pub fn new(input: R, origin: Origin) -> Result<Self, ExchangeError> {
        let mut xml = NsReader::from_reader(LineTracker::new(input));
        let config = xml.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        let mut reader = XliffReader {
            xml,
            origin,
            namespace: None,
            version: String::new(),
            v2: false,
            source_lang: None,
            target_lang: None,
            file: FileContext::default(),
            stack: Vec::new(),
            finished: false,
            buf: Vec::new(),
        };
        reader.read_root()?;
        Ok(reader)
    }

    /// The `version` attribute of the document (`1.2`, `2.1`…).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Whether the document is XLIFF 2.x.
    pub fn is_v2(&self) -> bool {
        self.v2
    }

    /// Bytes read so far, for a progress bar.
    pub fn position(&self) -> u64 {
        self.xml.get_ref().position()
    }

    fn location(&self, offset: u64) -> Location {
        let (line, column) = self.xml.get_ref().line_column(offset);
        Location::at(&self.origin, line, column)
    }

    fn read<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<(u64, Event<'b>), ExchangeError> {
        buf.clear();
        let start = self.xml.buffer_position();
        match self.xml.read_event_into(buf) {
            Ok(event) => Ok((start, event)),
            Err(error) => Err(ExchangeError::from_xml(
                error,
                self.xml.get_ref(),
                &self.origin,
                // Some errors (nesting, namespace limits) leave the error position unset:
                // the event that failed started at `start` at the earliest.
                self.xml.error_position().max(start),
            )),
        }
    }

    fn space_of(&self, resolved: ResolveResult<'_>) -> Space {
        let namespace = match resolved {
            ResolveResult::Bound(ns) => Some(ns.0),
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(_) => return Space::Other,
        };
        if namespace == self.namespace.as_deref() {
            Space::Xliff
        } else if namespace == Some(NAMESPACE_MATCHES) {
            Space::Matches
        } else if namespace == Some(NAMESPACE_SDL) {
            Space::Sdl
        } else {
            Space::Other
        }
    }

    /// The vocabulary and local name of an element.
    fn element(&self, e: &BytesStart<'_>) -> (Space, String) {
        let (resolved, local) = self.xml.resolver().resolve_element(e.name());
        let local = local.as_ref().to_owned();
        (self.space_of(resolved), local)
    }

    fn attributes(
        &self,
        e: &BytesStart<'_>,
        at: u64,
    ) -> Result<Vec<(String, String)>, ExchangeError> {
        let mut out = Vec::new();
        for attribute in e.attributes() {
            let attribute = attribute.map_err(|err| ExchangeError::Xml {
                location: self.location(at),
                detail: err.to_string(),
            })?;
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| self.escape_error(err, at))?;
            out.push((attribute.key.as_ref().to_owned(), value.into_owned()));
        }
        Ok(out)
    }

    fn escape_error(&self, error: quick_xml::Error, at: u64) -> ExchangeError {
        let location = self.location(at);
        match error {
            quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(
                _,
                name,
            )) => ExchangeError::UnknownEntity { location, name },
            other => ExchangeError::Xml {
                location,
                detail: other.to_string(),
            },
        }
    }

    fn resolve(&self, name: &str, at: u64) -> Result<String, ExchangeError> {
        resolve_reference(name).map_err(|e| match e {
            ReferenceError::Unknown => ExchangeError::UnknownEntity {
                location: self.location(at),
                name: name.to_owned(),
            },
            ReferenceError::BadCharacter => ExchangeError::Xml {
                location: self.location(at),
                detail: format!("&{name}; is not a valid character"),
            },
        })
    }

    fn unexpected(&self, at: u64, found: String, expected: &str) -> ExchangeError {
        ExchangeError::Unexpected {
            location: self.location(at),
            found,
            expected: expected.to_owned(),
        }
    }

    fn early_end(&self, expected: &str) -> ExchangeError {
        ExchangeError::UnexpectedEnd {
            location: self.location(self.xml.buffer_position()),
            expected: expected.to_owned(),
        }
    }

    fn missing(&self, at: u64, element: &str, attribute: &str) -> ExchangeError {
        ExchangeError::MissingAttribute {
            location: self.location(at),
            element: element.to_owned(),
            attribute: attribute.to_owned(),
        }
    }

    fn read_root(&mut self) -> Result<(), ExchangeError> {
        let mut buf = std::mem::take(&mut self.buf);
        loop {
            let (at, event) = self.read(&mut buf)?;
            let (e, empty) = match event {
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => continue,
                Event::Text(t) if is_blank(&t.xml10_content()) => continue,
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::Eof => {
                    return Err(ExchangeError::NotXliff {
                        location: self.location(at),
                        found: "an empty file".to_owned(),
                    })
                }
                _ => {
                    return Err(ExchangeError::NotXliff {
                        location: self.location(at),
                        found: "text".to_owned(),
                    })
                }
            };
            let (resolved, local) = self.xml.resolver().resolve_element(e.name());
            let namespace = match resolved {
                ResolveResult::Bound(ns) => Some(ns.0.to_owned()),
                _ => None,
            };
            if local.as_ref() != "xliff" {
                return Err(ExchangeError::NotXliff {
                    location: self.location(at),
                    found: format!("<{}>", e.name().as_ref()),
                });
            }
            let attributes = self.attributes(&e, at)?;
            let version = match (owned_attribute(&attributes, "version"), &namespace) {
                (Some(v), _) => v,
                (None, Some(ns)) if ns == NAMESPACE_2 => "2.0".to_owned(),
                (None, Some(ns)) if ns.starts_with("urn:oasis:names:tc:xliff:document:1.") => {
                    ns.rsplit(':').next().unwrap_or("1.2").to_owned()
                }
                (None, _) => return Err(self.missing(at, "xliff", "version")),
            };
            let v2 = namespace.as_deref() == Some(NAMESPACE_2) || version.starts_with("2.");
            if !(version.starts_with("1.") || version.starts_with("2.")) {
                return Err(ExchangeError::XliffVersion {
                    location: self.location(at),
                    version,
                });
            }
            self.namespace = namespace;
            self.version = version;
            self.v2 = v2;
            self.source_lang = owned_attribute(&attributes, "srcLang");
            self.target_lang = owned_attribute(&attributes, "trgLang");
            if empty {
                self.finished = true;
            }
            self.buf = buf;
            return Ok(());
        }
    }

    fn skip_element(&mut self, buf: &mut Vec<u8>, name: &str) -> Result<(), ExchangeError> {
        let mut depth = 1;
        while depth > 0 {
            let (_, event) = self.read(buf)?;
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(self.early_end(&format!("</{name}>"))),
                _ => {}
            }
        }
        Ok(())
    }

    fn expect_document_end(&mut self, buf: &mut Vec<u8>) -> Result<(), ExchangeError> {
        loop {
            let (at, event) = self.read(buf)?;
            match event {
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Ok(()),
                Event::Start(e) | Event::Empty(e) => {
                    return Err(self.unexpected(
                        at,
                        format!("<{}>", e.name().as_ref()),
                        "the end of the document",
                    ))
                }
                _ => return Err(self.unexpected(at, "text".to_owned(), "the end of the document")),
            }
        }
    }

    /// The `translate` in force: the innermost container that sets one, else yes.
    fn inherited_translate(&self) -> bool {
        self.stack
            .iter()
            .rev()
            .find_map(|Frame::Container(t)| *t)
            .unwrap_or(true)
    }

    /// The next unit, or `None` at the end of the document (after checking it ends
    /// properly).
    pub fn next_unit(&mut self) -> Result<Option<XliffUnit>, ExchangeError> {
        if self.finished {
            return Ok(None);
        }
        let mut buf = std::mem::take(&mut self.buf);
        let result = self.next_unit_with(&mut buf);
        self.buf = buf;
        if result.is_err() {
            self.finished = true;
        }
        result
    }

    fn next_unit_with(&mut self, buf: &mut Vec<u8>) -> Result<Option<XliffUnit>, ExchangeError> {
        let unit_name = if self.v2 { "unit" } else { "trans-unit" };
        loop {
            let (at, event) = self.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    if space != Space::Xliff {
                        let qualified = e.name().as_ref().to_owned();
                        self.skip_element(buf, &qualified)?;
                        continue;
                    }
                    match name.as_str() {
                        "file" => {
                            let attributes = self.attributes(&e, at)?;
                            self.file = FileContext {
                                original: owned_attribute(&attributes, "original"),
                                source_lang: owned_attribute(&attributes, "source-language")
                                    .or_else(|| self.source_lang.clone()),
                                target_lang: owned_attribute(&attributes, "target-language")
                                    .or_else(|| self.target_lang.clone()),
                            };
                            let translate = attribute(&attributes, "translate").and_then(yes_no);
                            self.stack.push(Frame::Container(translate));
                        }
                        "body" => self.stack.push(Frame::Container(None)),
                        "group" => {
                            let attributes = self.attributes(&e, at)?;
                            let translate = attribute(&attributes, "translate").and_then(yes_no);
                            self.stack.push(Frame::Container(translate));
                        }
                        "header" | "skeleton" | "notes" | "originalData" | "bin-unit"
                        | "glossary" | "reference" | "phase-group" | "tool" | "note"
                        | "context-group" | "count-group" | "prop-group" => {
                            self.skip_element(buf, &name)?;
                        }
                        n if n == unit_name => {
                            let attributes = self.attributes(&e, at)?;
                            let unit = if self.v2 {
                                self.read_unit_2(buf, attributes, at)?
                            } else {
                                self.read_unit_1_2(buf, attributes, at)?
                            };
                            return Ok(Some(unit));
                        }
                        _ => {
                            return Err(self.unexpected(
                                at,
                                format!("<{}>", e.name().as_ref()),
                                &format!("<file>, <group> or <{unit_name}>"),
                            ))
                        }
                    }
                }
                Event::Empty(e) => {
                    let (space, name) = self.element(&e);
                    if space == Space::Xliff && name == unit_name {
                        return Err(self.unexpected(
                            at,
                            format!("<{}/>", e.name().as_ref()),
                            &format!("<{unit_name}> with a <source>"),
                        ));
                    }
                }
                Event::End(_) => {
                    if self.stack.pop().is_none() {
                        self.finished = true;
                        self.expect_document_end(buf)?;
                        return Ok(None);
                    }
                    if self.stack.is_empty() {
                        self.file = FileContext::default();
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.early_end("</xliff>")),
                _ => {
                    return Err(self.unexpected(
                        at,
                        "text".to_owned(),
                        &format!("<file>, <group> or <{unit_name}>"),
                    ))
                }
            }
        }
    }

    fn new_unit(
        &self,
        attributes: &[(String, String)],
        at: u64,
    ) -> Result<XliffUnit, ExchangeError> {
        let element = if self.v2 { "unit" } else { "trans-unit" };
        let id =
            owned_attribute(attributes, "id").ok_or_else(|| self.missing(at, element, "id"))?;
        let translate = attribute(attributes, "translate")
            .and_then(yes_no)
            .unwrap_or_else(|| self.inherited_translate());
        let kind_attribute = if self.v2 { "type" } else { "restype" };
        Ok(XliffUnit {
            id,
            line: self.xml.get_ref().line(at),
            original: self.file.original.clone(),
            source_lang: self.file.source_lang.clone(),
            target_lang: self.file.target_lang.clone(),
            translate,
            kind: owned_attribute(attributes, kind_attribute),
            notes: Vec::new(),
            segments: Vec::new(),
            matches: Vec::new(),
        })
    }

    fn read_unit_1_2(
        &mut self,
        buf: &mut Vec<u8>,
        attributes: Vec<(String, String)>,
        at: u64,
    ) -> Result<XliffUnit, ExchangeError> {
        let mut unit = self.new_unit(&attributes, at)?;
        let approved = attribute(&attributes, "approved").and_then(yes_no) == Some(true);
        let mut source: Option<(Content, Option<String>)> = None;
        let mut seg_source: Option<Content> = None;
        let mut target: Option<(Content, Vec<(String, String)>)> = None;
        let mut confirmations: HashMap<String, String> = HashMap::new();
        loop {
            let (at, event) = self.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    let attributes = self.attributes(&e, at)?;
                    match (space, name.as_str()) {
                        (Space::Xliff, "source") => {
                            let lang = owned_attribute(&attributes, "xml:lang");
                            source = Some((self.read_content(buf, "source")?, lang));
                        }
                        (Space::Xliff, "seg-source") => {
                            seg_source = Some(self.read_content(buf, "seg-source")?);
                        }
                        (Space::Xliff, "target") => {
                            target = Some((self.read_content(buf, "target")?, attributes));
                        }
                        (Space::Xliff, "alt-trans") => {
                            if let Some(candidate) = self.read_alt_trans(buf, &attributes)? {
                                unit.matches.push(candidate);
                            }
                        }
                        (Space::Xliff, "note") => {
                            let note = self.read_content(buf, "note")?;
                            unit.notes.push(note.whole.text);
                        }
                        (Space::Sdl, "seg-defs") => {
                            self.read_seg_defs(buf, &mut confirmations)?;
                        }
                        _ => {
                            let qualified = e.name().as_ref().to_owned();
                            self.skip_element(buf, &qualified)?;
                        }
                    }
                }
                Event::Empty(e) => {
                    let (space, name) = self.element(&e);
                    if space == Space::Xliff && name == "target" {
                        let attributes = self.attributes(&e, at)?;
                        target = Some((Content::default(), attributes));
                    } else if space == Space::Xliff && name == "source" {
                        source = Some((Content::default(), None));
                    }
                }
                Event::End(_) => break,
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.early_end("</trans-unit>")),
                _ => {
                    return Err(self.unexpected(
                        at,
                        "text".to_owned(),
                        "<source>, <target>, <alt-trans> or <note> in <trans-unit>",
                    ))
                }
            }
        }
        let Some((source, source_lang)) = source else {
            return Err(self.unexpected(
                self.xml.buffer_position(),
                "</trans-unit>".to_owned(),
                "<source> in <trans-unit>",
            ));
        };
        let (target, target_attributes) = match target {
            Some((content, attributes)) => (Some(content), attributes),
            None => (None, Vec::new()),
        };
        let raw_state = owned_attribute(&target_attributes, "state");
        let qualifier = owned_attribute(&target_attributes, "state-qualifier");
        let target_lang = owned_attribute(&target_attributes, "xml:lang");
        let state_of = |has_text: bool, confirmation: Option<&String>| -> Option<SegmentState> {
            let mut state = match (confirmation, &raw_state) {
                (Some(conf), _) => SegmentState::from_sdl(conf),
                (None, Some(raw)) => SegmentState::from_1_2(raw),
                (None, None) if has_text => Some(SegmentState::Translated),
                (None, None) => None,
            };
            if approved && has_text {
                state =
                    Some(state.map_or(SegmentState::Reviewed, |s| s.max(SegmentState::Reviewed)));
            }
            state
        };
        match seg_source {
            Some(segmented) if !segmented.segments.is_empty() => {
                let mut targets: HashMap<String, Accumulator> = target
                    .map(|t| t.segments.into_iter().collect())
                    .unwrap_or_default();
                for (mid, text) in segmented.segments {
                    let target = targets.remove(&mid).map(|t| t.finish(target_lang.clone()));
                    let has_text = target.as_ref().is_some_and(|t| !t.text.trim().is_empty());
                    let confirmation = confirmations.get(&mid);
                    unit.segments.push(XliffSegment {
                        state: state_of(has_text, confirmation),
                        raw_state: confirmation.cloned().or_else(|| raw_state.clone()),
                        qualifier: qualifier.clone(),
                        id: Some(mid),
                        source: text.finish(source_lang.clone()),
                        target,
                    });
                }
            }
            _ => {
                let target = target.map(|t| t.whole.finish(target_lang.clone()));
                let has_text = target.as_ref().is_some_and(|t| !t.text.trim().is_empty());
                let confirmation = confirmations.values().next();
                unit.segments.push(XliffSegment {
                    id: None,
                    source: source.whole.finish(source_lang),
                    target,
                    state: state_of(has_text, confirmation),
                    raw_state: confirmation.cloned().or(raw_state),
                    qualifier,
                });
            }
        }
        Ok(unit)
    }

    fn read_seg_defs(
        &mut self,
        buf: &mut Vec<u8>,
        confirmations: &mut HashMap<String, String>,
    ) -> Result<(), ExchangeError> {
        loop {
            let (at, event) = self.read(buf)?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let is_start = matches!(event, Event::Start(_));
                    let (space, name) = self.element(e);
                    if space == Space::Sdl && name == "seg" {
                        let attributes = self.attributes(e, at)?;
                        if let (Some(id), Some(conf)) = (
                            owned_attribute(&attributes, "id"),
                            owned_attribute(&attributes, "conf"),
                        ) {
                            confirmations.insert(id, conf);
                        }
                    }
                    if is_start {
                        let qualified = e.name().as_ref().to_owned();
                        self.skip_element(buf, &qualified)?;
                    }
                }
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.early_end("</sdl:seg-defs>")),
                _ => {}
            }
        }
    }

    fn read_alt_trans(
        &mut self,
        buf: &mut Vec<u8>,
        attributes: &[(String, String)],
    ) -> Result<Option<XliffMatch>, ExchangeError> {
        let candidate = XliffMatch {
            quality: attribute(attributes, "match-quality")
                .and_then(|q| q.trim().trim_end_matches('%').trim().parse::<f64>().ok()),
            origin: owned_attribute(attributes, "origin"),
            kind: owned_attribute(attributes, "alttranstype"),
            ..XliffMatch::default()
        };
        self.read_match_content(buf, candidate, "</alt-trans>", "<target> in <alt-trans>")
    }

    fn read_unit_2(
        &mut self,
        buf: &mut Vec<u8>,
        attributes: Vec<(String, String)>,
        at: u64,
    ) -> Result<XliffUnit, ExchangeError> {
        let mut unit = self.new_unit(&attributes, at)?;
        loop {
            let (at, event) = self.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    match (space, name.as_str()) {
                        (Space::Xliff, "segment") => {
                            let attributes = self.attributes(&e, at)?;
                            let segment = self.read_segment_2(buf, &attributes, at)?;
                            unit.segments.push(segment);
                        }
                        (Space::Xliff, "notes") => self.read_notes_2(buf, &mut unit.notes)?,
                        (Space::Matches, "matches") => self.read_matches(buf, &mut unit.matches)?,
                        _ => {
                            let qualified = e.name().as_ref().to_owned();
                            self.skip_element(buf, &qualified)?;
                        }
                    }
                }
                Event::End(_) => break,
                Event::Empty(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.early_end("</unit>")),
                _ => {
                    return Err(self.unexpected(
                        at,
                        "text".to_owned(),
                        "<segment>, <ignorable> or <notes> in <unit>",
                    ))
                }
            }
        }
        if unit.segments.is_empty() {
            return Err(self.unexpected(
                self.xml.buffer_position(),
                "</unit>".to_owned(),
                "<segment> in <unit>",
            ));
        }
        Ok(unit)
    }

    fn read_segment_2(
        &mut self,
        buf: &mut Vec<u8>,
        attributes: &[(String, String)],
        at: u64,
    ) -> Result<XliffSegment, ExchangeError> {
        let raw_state = owned_attribute(attributes, "state");
        let mut segment = XliffSegment {
            id: owned_attribute(attributes, "id"),
            state: Some(
                raw_state
                    .as_deref()
                    .map_or(Some(SegmentState::Initial), SegmentState::from_2)
                    .unwrap_or(SegmentState::Initial),
            ),
            raw_state: raw_state.or_else(|| Some("initial".to_owned())),
            qualifier: owned_attribute(attributes, "subState"),
            ..XliffSegment::default()
        };
        let mut has_source = false;
        loop {
            let (at, event) = self.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    let attributes = self.attributes(&e, at)?;
                    let lang = owned_attribute(&attributes, "xml:lang");
                    match (space, name.as_str()) {
                        (Space::Xliff, "source") => {
                            segment.source = self.read_content(buf, "source")?.whole.finish(lang);
                            has_source = true;
                        }
                        (Space::Xliff, "target") => {
                            segment.target =
                                Some(self.read_content(buf, "target")?.whole.finish(lang));
                        }
                        _ => {
                            let qualified = e.name().as_ref().to_owned();
                            self.skip_element(buf, &qualified)?;
                        }
                    }
                }
                Event::Empty(e) => {
                    let (space, name) = self.element(&e);
                    if space == Space::Xliff && name == "source" {
                        has_source = true;
                    } else if space == Space::Xliff && name == "target" {
                        segment.target = Some(XliffText::default());
                    }
                }
                Event::End(_) => break,
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.early_end("</segment>")),
                _ => {
                    return Err(self.unexpected(
                        at,
                        "text".to_owned(),
                        "<source> or <target> in <segment>",
                    ))
                }
            }
        }
        if !has_source {
            return Err(self.unexpected(at, "<segment>".to_owned(), "<source> in <segment>"));
        }
        Ok(segment)
    }

    fn read_notes_2(
        &mut self,
        buf: &mut Vec<u8>,
        notes: &mut Vec<String>,
    ) -> Result<(), ExchangeError> {
        loop {
            let (_, event) = self.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    if space == Space::Xliff && name == "note" {
                        notes.push(self.read_content(buf, "note")?.whole.text);
                    } else {
                        let qualified = e.name().as_ref().to_owned();
                        self.skip_element(buf, &qualified)?;
                    }
                }
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.early_end("</notes>")),
                _ => {}
            }
        }
    }

    fn read_matches(
        &mut self,
        buf: &mut Vec<u8>,
        matches: &mut Vec<XliffMatch>,
    ) -> Result<(), ExchangeError> {
        loop {
            let (at, event) = self.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    if space == Space::Matches && name == "match" {
                        let attributes = self.attributes(&e, at)?;
                        if let Some(candidate) = self.read_match(buf, &attributes)? {
                            matches.push(candidate);
                        }
                    } else {
                        let qualified = e.name().as_ref().to_owned();
                        self.skip_element(buf, &qualified)?;
                    }
                }
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.early_end("</mtc:matches>")),
                _ => {}
            }
        }
    }

    fn read_match(
        &mut self,
        buf: &mut Vec<u8>,
        attributes: &[(String, String)],
    ) -> Result<Option<XliffMatch>, ExchangeError> {
        let candidate = XliffMatch {
            quality: attribute(attributes, "matchQuality").and_then(|q| q.trim().parse().ok()),
            origin: owned_attribute(attributes, "origin"),
            kind: owned_attribute(attributes, "type"),
            segment: attribute(attributes, "ref").map(|r| r.trim_start_matches('#').to_owned()),
            ..XliffMatch::default()
        };
        self.read_match_content(buf, candidate, "</mtc:match>", "<target> in <mtc:match>")
    }

    /// The `<source>` and `<target>` of a translation candidate (`<alt-trans>` in 1.2,
    /// `<mtc:match>` in 2.x), up to its end tag; other elements are skipped. `None` when it
    /// has no target.
    fn read_match_content(
        &mut self,
        buf: &mut Vec<u8>,
        mut candidate: XliffMatch,
        end: &str,
        expected: &str,
    ) -> Result<Option<XliffMatch>, ExchangeError> {
        let mut has_target = false;
        loop {
            let (at, event) = self.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    match (space, name.as_str()) {
                        (Space::Xliff, "source") => {
                            candidate.source = Some(self.read_content(buf, "source")?.whole.text);
                        }
                        (Space::Xliff, "target") => {
                            candidate.target = self.read_content(buf, "target")?.whole.text;
                            has_target = true;
                        }
                        _ => {
                            let qualified = e.name().as_ref().to_owned();
                            self.skip_element(buf, &qualified)?;
                        }
                    }
                }
                Event::End(_) => break,
                Event::Eof => return Err(self.early_end(end)),
                Event::Text(t) if !is_blank(&t.xml10_content()) => {
                    return Err(self.unexpected(at, "text".to_owned(), expected))
                }
                _ => {}
            }
        }
        Ok(has_target.then_some(candidate))
    }

    /// Reads the content of `<source>`, `<target>`, `<seg-source>` or `<note>` up to its end
    /// tag: text, inline elements and codes.
    fn read_content(&mut self, buf: &mut Vec<u8>, element: &str) -> Result<Content, ExchangeError> {
        let mut content = Content::default();
        // The open inline elements, and how many of them are native code: a count, so that
        // each event costs the same however deep the nesting is.
        let mut open: Vec<Open> = Vec::new();
        let mut open_codes = 0usize;
        let mut current_segment: Option<(String, Accumulator)> = None;
        let mut next_code = 1usize;
        loop {
            let (at, event) = self.read(buf)?;
            if content.whole.text.len() > MAX_SEGMENT_BYTES
                || content.whole.markup_len() > MAX_SEGMENT_BYTES
            {
                return Err(ExchangeError::SegmentTooLong {
                    location: self.location(at),
                    limit_kib: MAX_SEGMENT_BYTES >> 10,
                });
            }
            let in_code = open_codes > 0;
            let piece = match event {
                Event::Text(t) => {
                    let content = t.xml10_content().into_owned();
                    crate::exchange::refuse_forbidden_chars(&content, |offset| {
                        self.location(at + offset as u64)
                    })?;
                    Some(content)
                }
                Event::CData(c) => Some(c.xml10_content().into_owned()),
                Event::GeneralRef(r) => {
                    let name = r.xml10_content().into_owned();
                    Some(self.resolve(&name, at)?)
                }
                Event::Start(e) => {
                    if open.len() == MAX_INLINE_DEPTH {
                        return Err(ExchangeError::NestedTooDeep {
                            location: self.location(at),
                            limit: MAX_INLINE_DEPTH,
                        });
                    }
                    let (space, name) = self.element(&e);
                    let attributes = self.attributes(&e, at)?;
                    let qualified = e.name().as_ref().to_owned();
                    let action = self.inline_start(
                        space,
                        &name,
                        &qualified,
                        &attributes,
                        in_code,
                        &mut next_code,
                        at,
                    )?;
                    match action {
                        InlineStart::Open(item, markup) => {
                            if let Some(markup) = markup {
                                content.whole.push_code(&markup);
                                if let Some((_, acc)) = current_segment.as_mut() {
                                    acc.push_code(&markup);
                                }
                            }
                            if matches!(item, Open::Segment) && current_segment.is_none() {
                                let mid = owned_attribute(&attributes, "mid")
                                    .unwrap_or_else(|| (content.segments.len() + 1).to_string());
                                current_segment = Some((mid, Accumulator::default()));
                            }
                            open_codes += usize::from(matches!(item, Open::Code(_)));
                            open.push(item);
                        }
                        InlineStart::Placeholder(markup, text) => {
                            self.apply_placeholder(
                                &mut content,
                                &mut current_segment,
                                markup,
                                text,
                            );
                            self.skip_element(buf, &qualified)?;
                        }
                    }
                    None
                }
                Event::Empty(e) => {
                    let (space, name) = self.element(&e);
                    let attributes = self.attributes(&e, at)?;
                    let qualified = e.name().as_ref().to_owned();
                    if in_code {
                        let markup =
                            escape(tag_text(&qualified, &attributes, true).as_str()).into_owned();
                        content.whole.push_code(&markup);
                        if let Some((_, acc)) = current_segment.as_mut() {
                            acc.push_code(&markup);
                        }
                    } else {
                        let (markup, text) =
                            self.inline_empty(space, &name, &qualified, &attributes, at)?;
                        self.apply_placeholder(&mut content, &mut current_segment, markup, text);
                    }
                    None
                }
                Event::End(_) => {
                    let closed = open.pop();
                    open_codes -= usize::from(matches!(closed, Some(Open::Code(_))));
                    match closed {
                        None => return Ok(content),
                        Some(Open::Segment) => {
                            if let Some(segment) = current_segment.take() {
                                content.segments.push(segment);
                            }
                        }
                        Some(Open::Text(Some(markup))) | Some(Open::Code(markup)) => {
                            content.whole.push_code(&markup);
                            if let Some((_, acc)) = current_segment.as_mut() {
                                acc.push_code(&markup);
                            }
                        }
                        Some(Open::Text(None)) => {}
                    }
                    None
                }
                Event::Comment(_) | Event::PI(_) => None,
                Event::Eof => return Err(self.early_end(&format!("</{element}>"))),
                other => {
                    return Err(self.unexpected(at, format!("{other:?}"), &format!("</{element}>")))
                }
            };
            if let Some(piece) = piece {
                if in_code {
                    let markup = escape(piece.as_str()).into_owned();
                    content.whole.push_code(&markup);
                    if let Some((_, acc)) = current_segment.as_mut() {
                        acc.push_code(&markup);
                    }
                } else {
                    content.whole.push_text(&piece);
                    if let Some((_, acc)) = current_segment.as_mut() {
                        acc.push_text(&piece);
                    }
                }
            }
        }
    }

    fn apply_placeholder(
        &self,
        content: &mut Content,
        current_segment: &mut Option<(String, Accumulator)>,
        markup: Option<String>,
        text: Option<String>,
    ) {
        if let Some(markup) = markup {
            content.whole.push_code(&markup);
            if let Some((_, acc)) = current_segment.as_mut() {
                acc.push_code(&markup);
            }
        }
        if let Some(text) = text {
            content.whole.push_text(&text);
            if let Some((_, acc)) = current_segment.as_mut() {
                acc.push_text(&text);
            }
        }
    }

    /// What an inline start tag does.
    #[allow(clippy::too_many_arguments)]
    fn inline_start(
        &self,
        space: Space,
        name: &str,
        qualified: &str,
        attributes: &[(String, String)],
        in_code: bool,
        next_code: &mut usize,
        at: u64,
    ) -> Result<InlineStart, ExchangeError> {
        if in_code {
            // Inside native code everything is code; a <sub> stays a TMX <sub>.
            let (open, close) = if space == Space::Xliff && name == "sub" {
                ("<sub>".to_owned(), "</sub>".to_owned())
            } else {
                (
                    escape(tag_text(qualified, attributes, false).as_str()).into_owned(),
                    escape(format!("</{qualified}>").as_str()).into_owned(),
                )
            };
            return Ok(InlineStart::Open(Open::Code(close), Some(open)));
        }
        if space != Space::Xliff {
            return Ok(InlineStart::Open(Open::Text(None), None));
        }
        let paired = |next_code: &mut usize| {
            let i = *next_code;
            *next_code += 1;
            let start = format!(
                "<bpt i=\"{i}\">{}</bpt>",
                escape(tag_text(qualified, attributes, false).as_str())
            );
            let end = format!(
                "<ept i=\"{i}\">{}</ept>",
                escape(format!("</{qualified}>").as_str())
            );
            (start, end)
        };
        Ok(match (self.v2, name) {
            (false, "g") | (true, "pc") => {
                let (start, end) = paired(next_code);
                InlineStart::Open(Open::Text(Some(end)), Some(start))
            }
            (false, "mrk") if attribute(attributes, "mtype") == Some("seg") => {
                InlineStart::Open(Open::Segment, None)
            }
            (_, "mrk") => InlineStart::Open(Open::Text(None), None),
            (false, "bpt" | "ept") => {
                let i = attribute(attributes, "rid")
                    .or_else(|| attribute(attributes, "id"))
                    .unwrap_or("1");
                InlineStart::Open(
                    Open::Code(format!("</{name}>")),
                    Some(format!("<{name} i=\"{}\">", escape(i))),
                )
            }
            (false, "ph") => {
                InlineStart::Open(Open::Code("</ph>".to_owned()), Some("<ph>".to_owned()))
            }
            (false, "it") => {
                let pos = match attribute(attributes, "pos") {
                    Some("close") => "end",
                    _ => "begin",
                };
                InlineStart::Open(
                    Open::Code("</it>".to_owned()),
                    Some(format!("<it pos=\"{pos}\">")),
                )
            }
            // Elements defined empty, written with an end tag: the same as their empty form.
            _ => {
                let (markup, text) = self.inline_empty(space, name, qualified, attributes, at)?;
                InlineStart::Placeholder(markup, text)
            }
        })
    }

    /// What an empty inline element adds: its markup and its text.
    fn inline_empty(
        &self,
        space: Space,
        name: &str,
        qualified: &str,
        attributes: &[(String, String)],
        at: u64,
    ) -> Result<(Option<String>, Option<String>), ExchangeError> {
        if space != Space::Xliff {
            return Ok((None, None));
        }
        let placeholder = || {
            Some(format!(
                "<ph>{}</ph>",
                escape(tag_text(qualified, attributes, true).as_str())
            ))
        };
        match (self.v2, name) {
            (false, "x" | "bx" | "ex" | "g" | "ph" | "bpt" | "ept" | "it")
            | (true, "ph" | "sc" | "ec" | "pc") => Ok((placeholder(), None)),
            (_, "mrk") | (true, "sm" | "em") => Ok((None, None)),
            (true, "cp") => {
                let hex = attribute(attributes, "hex").unwrap_or("");
                let c = u32::from_str_radix(hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .filter(|c| *c != '\0')
                    .ok_or_else(|| ExchangeError::Xml {
                        location: self.location(at),
                        detail: format!("<cp hex=\"{hex}\"> is not a character"),
                    })?;
                Ok((placeholder(), Some(c.to_string())))
            }
            _ => Err(self.unexpected(
                at,
                format!("<{qualified}>"),
                if self.v2 {
                    "text or inline elements (<pc>, <ph/>, <sc/>, <ec/>, <mrk>, <sm/>, <em/>, <cp/>)"
                } else {
                    "text or inline elements (<g>, <x/>, <bx/>, <ex/>, <bpt>, <ept>, <ph>, <it>, <mrk>)"
                },
            )),
        }
    }
}

/// What an inline start tag does to the content.
enum InlineStart {
    /// It opens an element (with markup to add now).
    Open(Open, Option<String>),
    /// It is a placeholder written with an end tag: its markup and text, and its content is
    /// skipped.
    Placeholder(Option<String>, Option<String>),
}

impl<R: BufRead> Iterator for XliffReader<R> {
    type Item = Result<XliffUnit, ExchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_unit().transpose()
    }
}
