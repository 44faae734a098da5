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

use super::{
    SegmentState, XliffMatch, XliffSegment, XliffText, XliffUnit, NAMESPACE_2, NAMESPACE_MATCHES,
    NAMESPACE_SDL,
};
use crate::exchange::input::LineTracker;
use crate::exchange::xml::{attribute, found, is_blank, name_of, tag_text, XmlCursor};
use crate::exchange::MAX_INLINE_DEPTH;
use crate::exchange::{ExchangeError, Expected, Found};
use crate::textfile::Origin;

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

    /// The inline markup gathered so far (empty while there is none).
    fn markup(&self) -> &str {
        if self.coded {
            &self.markup
        } else {
            ""
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
    /// The `<mrk mtype="seg">` open now, with its `mid`: what is read goes to it too.
    open_segment: Option<(String, Accumulator)>,
}

impl Content {
    fn push_text(&mut self, piece: &str) {
        self.whole.push_text(piece);
        if let Some((_, segment)) = self.open_segment.as_mut() {
            segment.push_text(piece);
        }
    }

    fn push_code(&mut self, markup: &str) {
        self.whole.push_code(markup);
        if let Some((_, segment)) = self.open_segment.as_mut() {
            segment.push_code(markup);
        }
    }

    /// What a placeholder adds: its markup, then its text.
    fn push_placeholder(&mut self, markup: Option<String>, text: Option<String>) {
        if let Some(markup) = markup {
            self.push_code(&markup);
        }
        if let Some(text) = text {
            self.push_text(&text);
        }
    }

    /// An inline element closes: a segment is complete, or its closing markup is added.
    fn close(&mut self, closed: Open) {
        match closed {
            Open::Segment => {
                if let Some(segment) = self.open_segment.take() {
                    self.segments.push(segment);
                }
            }
            Open::Text(Some(markup)) | Open::Code(markup) => self.push_code(&markup),
            Open::Text(None) => {}
        }
    }
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

/// The inline elements open in a content being read, and how many of them are native code:
/// a count, so that each event costs the same however deep the nesting is.
struct OpenInlines {
    stack: Vec<Open>,
    codes: usize,
    /// The `i` the next paired code (`<g>`, `<pc>`) gets in TMX markup.
    next_code: usize,
}

impl OpenInlines {
    fn new() -> Self {
        OpenInlines {
            stack: Vec::new(),
            codes: 0,
            next_code: 1,
        }
    }

    /// Whether the text read now is inside native code.
    fn in_code(&self) -> bool {
        self.codes > 0
    }

    fn push(&mut self, item: Open) {
        self.codes += usize::from(matches!(item, Open::Code(_)));
        self.stack.push(item);
    }

    fn pop(&mut self) -> Option<Open> {
        let closed = self.stack.pop();
        self.codes -= usize::from(matches!(closed, Some(Open::Code(_))));
        closed
    }
}

/// An inline tag read inside a content: what [`XliffReader::inline_start`] and
/// [`XliffReader::inline_empty`] decide on.
struct InlineTag<'a> {
    space: Space,
    /// The local name.
    name: &'a str,
    /// The name as written, prefix included.
    qualified: &'a str,
    attributes: &'a [(String, String)],
    /// Where it starts.
    at: u64,
}

/// What an inline start tag does to the content.
enum InlineStart {
    /// It opens an element (with markup to add now).
    Open(Open, Option<String>),
    /// It is a placeholder written with an end tag: its markup and text, and its content is
    /// skipped.
    Placeholder(Option<String>, Option<String>),
}

/// What a 1.2 `<trans-unit>` holds besides its notes and candidates, as read: its sources,
/// its target (with the target's attributes) and SDLXLIFF confirmations by segment id.
#[derive(Default)]
struct Parts1_2 {
    source: Option<(Content, Option<String>)>,
    seg_source: Option<Content>,
    target: Option<(Content, Vec<(String, String)>)>,
    confirmations: HashMap<String, String>,
}

/// What a 1.2 `<target>` says of every segment of its unit.
struct TargetState1_2 {
    raw_state: Option<String>,
    qualifier: Option<String>,
    lang: Option<String>,
    /// The unit's `approved="yes"`.
    approved: bool,
}

impl TargetState1_2 {
    /// A segment of the unit; `confirmation`: its SDLXLIFF `conf`, which outranks `state`.
    fn segment(
        &self,
        id: Option<String>,
        source: XliffText,
        target: Option<XliffText>,
        confirmation: Option<&String>,
    ) -> XliffSegment {
        let has_text = target.as_ref().is_some_and(|t| !t.text.trim().is_empty());
        let mut state = match (confirmation, &self.raw_state) {
            (Some(conf), _) => SegmentState::from_sdl(conf),
            (None, Some(raw)) => SegmentState::from_1_2(raw),
            (None, None) if has_text => Some(SegmentState::Translated),
            (None, None) => None,
        };
        if self.approved && has_text {
            state = Some(state.map_or(SegmentState::Reviewed, |s| s.max(SegmentState::Reviewed)));
        }
        XliffSegment {
            id,
            source,
            target,
            state,
            raw_state: confirmation.cloned().or_else(|| self.raw_state.clone()),
            qualifier: self.qualifier.clone(),
        }
    }
}

impl Parts1_2 {
    /// The unit's segments: one per `<mrk mtype="seg">` of its `<seg-source>` when it has
    /// them, else one. `None` when the unit has no `<source>`.
    fn into_segments(self, approved: bool) -> Option<Vec<XliffSegment>> {
        let (source, source_lang) = self.source?;
        let (target, target_attributes) = match self.target {
            Some((content, attributes)) => (Some(content), attributes),
            None => (None, Vec::new()),
        };
        let states = TargetState1_2 {
            raw_state: owned_attribute(&target_attributes, "state"),
            qualifier: owned_attribute(&target_attributes, "state-qualifier"),
            lang: owned_attribute(&target_attributes, "xml:lang"),
            approved,
        };
        let segments = match self.seg_source {
            Some(segmented) if !segmented.segments.is_empty() => {
                let mut targets: HashMap<String, Accumulator> = target
                    .map(|t| t.segments.into_iter().collect())
                    .unwrap_or_default();
                let mut segments = Vec::with_capacity(segmented.segments.len());
                for (mid, text) in segmented.segments {
                    let target = targets.remove(&mid).map(|t| t.finish(states.lang.clone()));
                    let confirmation = self.confirmations.get(&mid);
                    let source = text.finish(source_lang.clone());
                    segments.push(states.segment(Some(mid), source, target, confirmation));
                }
                segments
            }
            _ => {
                let target = target.map(|t| t.whole.finish(states.lang.clone()));
                let confirmation = self.confirmations.values().next();
                let source = source.whole.finish(source_lang);
                vec![states.segment(None, source, target, confirmation)]
            }
        };
        Some(segments)
    }
}

/// How a version names a translation candidate (1.2 `<alt-trans>`, 2.x `<mtc:match>`) and
/// its attributes: the one thing the two readings differ in.
struct CandidateNames {
    /// The element as the errors name it.
    element: &'static str,
    /// The match quality attribute.
    quality: &'static str,
    /// Whether the quality may end with `%` (1.2 tools write `87%`).
    percent: bool,
    /// The kind attribute.
    kind: &'static str,
    /// The attribute naming the segment it applies to (`#id`), when the version has one.
    segment: Option<&'static str>,
}

/// XLIFF 1.2 `<alt-trans>`.
const ALT_TRANS: CandidateNames = CandidateNames {
    element: "alt-trans",
    quality: "match-quality",
    percent: true,
    kind: "alttranstype",
    segment: None,
};

/// XLIFF 2.x `<mtc:match>` (matches module).
const MATCH: CandidateNames = CandidateNames {
    element: "mtc:match",
    quality: "matchQuality",
    percent: false,
    kind: "type",
    segment: Some("ref"),
};

/// A streaming XLIFF reader.
pub struct XliffReader<R: BufRead> {
    xml: XmlCursor<NsReader<LineTracker<R>>>,
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

fn yes_no(value: &str) -> Option<bool> {
    match value.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn owned_attribute(attributes: &[(String, String)], name: &str) -> Option<String> {
    attribute(attributes, name).map(str::to_owned)
}

/// The attributes of an element, in order, as read.
fn attributes<R: BufRead>(
    xml: &XmlCursor<NsReader<LineTracker<R>>>,
    e: &BytesStart<'_>,
    at: u64,
) -> Result<Vec<(String, String)>, ExchangeError> {
    let mut out = Vec::new();
    xml.for_each_attribute(e, at, |name, value| {
        out.push((name.to_owned(), value.into_owned()));
        Ok(())
    })?;
    Ok(out)
}

impl<R: BufRead> XliffReader<R> {
    /// Starts reading: checks the root `<xliff>` and its version.
    pub fn new(input: R, origin: Origin) -> Result<Self, ExchangeError> {
        let mut reader = XliffReader {
            xml: XmlCursor::new(input, origin),
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
        self.xml.position()
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
        let (resolved, local) = self.xml.parser().resolver().resolve_element(e.name());
        let local = local.as_ref().to_owned();
        (self.space_of(resolved), local)
    }

    fn attributes(
        &self,
        e: &BytesStart<'_>,
        at: u64,
    ) -> Result<Vec<(String, String)>, ExchangeError> {
        attributes(&self.xml, e, at)
    }

    fn read_root(&mut self) -> Result<(), ExchangeError> {
        let mut buf = std::mem::take(&mut self.buf);
        let not_xliff = |location, found| ExchangeError::NotXliff { location, found };
        let (at, namespace, attributes, empty) =
            self.xml
                .read_root(&mut buf, not_xliff, |xml, at, root, empty| {
                    let (resolved, local) = xml.parser().resolver().resolve_element(root.name());
                    let namespace = match resolved {
                        ResolveResult::Bound(ns) => Some(ns.0.to_owned()),
                        _ => None,
                    };
                    if local.as_ref() != "xliff" {
                        return Err(not_xliff(
                            xml.location(at),
                            Found::Tag(format!("<{}>", name_of(root))),
                        ));
                    }
                    Ok((at, namespace, attributes(xml, root, at)?, empty))
                })?;
        let version = match (owned_attribute(&attributes, "version"), &namespace) {
            (Some(v), _) => v,
            (None, Some(ns)) if ns == NAMESPACE_2 => "2.0".to_owned(),
            (None, Some(ns)) if ns.starts_with("urn:oasis:names:tc:xliff:document:1.") => {
                ns.rsplit(':').next().unwrap_or("1.2").to_owned()
            }
            (None, _) => return Err(self.xml.missing(at, "xliff", "version")),
        };
        let v2 = namespace.as_deref() == Some(NAMESPACE_2) || version.starts_with("2.");
        if !(version.starts_with("1.") || version.starts_with("2.")) {
            return Err(ExchangeError::XliffVersion {
                location: self.xml.location(at),
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
        Ok(())
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
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    if space != Space::Xliff {
                        self.xml.skip_element(&name_of(&e), buf)?;
                        continue;
                    }
                    match name.as_str() {
                        "file" => {
                            let attributes = self.attributes(&e, at)?;
                            self.enter_file(&attributes);
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
                            self.xml.skip_element(&name, buf)?;
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
                            return Err(self.xml.unexpected(
                                at,
                                Found::Tag(format!("<{}>", name_of(&e))),
                                Expected::one_of(&["<file>", "<group>", &format!("<{unit_name}>")]),
                            ))
                        }
                    }
                }
                Event::Empty(e) => {
                    let (space, name) = self.element(&e);
                    if space == Space::Xliff && name == unit_name {
                        return Err(self.xml.unexpected(
                            at,
                            Found::Tag(format!("<{}/>", name_of(&e))),
                            Expected::tag(format!("<{unit_name}>")),
                        ));
                    }
                }
                Event::End(_) => {
                    if self.stack.pop().is_none() {
                        self.finished = true;
                        self.xml.expect_document_end(buf, None)?;
                        return Ok(None);
                    }
                    if self.stack.is_empty() {
                        self.file = FileContext::default();
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.xml.early_end("</xliff>")),
                _ => {
                    return Err(self.xml.unexpected(
                        at,
                        Found::Text,
                        Expected::one_of(&["<file>", "<group>", &format!("<{unit_name}>")]),
                    ))
                }
            }
        }
    }

    /// A `<file>` opens: what it says of its units, and the `translate` it sets.
    fn enter_file(&mut self, attributes: &[(String, String)]) {
        self.file = FileContext {
            original: owned_attribute(attributes, "original"),
            source_lang: owned_attribute(attributes, "source-language")
                .or_else(|| self.source_lang.clone()),
            target_lang: owned_attribute(attributes, "target-language")
                .or_else(|| self.target_lang.clone()),
        };
        let translate = attribute(attributes, "translate").and_then(yes_no);
        self.stack.push(Frame::Container(translate));
    }

    fn new_unit(
        &self,
        attributes: &[(String, String)],
        at: u64,
    ) -> Result<XliffUnit, ExchangeError> {
        let element = if self.v2 { "unit" } else { "trans-unit" };
        let id =
            owned_attribute(attributes, "id").ok_or_else(|| self.xml.missing(at, element, "id"))?;
        let translate = attribute(attributes, "translate")
            .and_then(yes_no)
            .unwrap_or_else(|| self.inherited_translate());
        let kind_attribute = if self.v2 { "type" } else { "restype" };
        Ok(XliffUnit {
            id,
            line: self.xml.line(at),
            original: self.file.original.clone(),
            source_lang: self.file.source_lang.clone(),
            target_lang: self.file.target_lang.clone(),
            translate,
            kind: owned_attribute(attributes, kind_attribute),
            notes: Vec::new(),
            segments: Vec::new(),
            matches: Vec::new(),
            glossary: Vec::new(),
        })
    }

    /// A 1.2 `<trans-unit>` whose start tag (with `attributes`, at `at`) was read.
    fn read_unit_1_2(
        &mut self,
        buf: &mut Vec<u8>,
        attributes: Vec<(String, String)>,
        at: u64,
    ) -> Result<XliffUnit, ExchangeError> {
        let mut unit = self.new_unit(&attributes, at)?;
        let approved = attribute(&attributes, "approved").and_then(yes_no) == Some(true);
        let parts = self.read_parts_1_2(buf, &mut unit)?;
        let Some(segments) = parts.into_segments(approved) else {
            let end = self.xml.offset();
            let expected = Expected::tag("<source>").within("<trans-unit>");
            let found = Found::Tag("</trans-unit>".to_owned());
            return Err(self.xml.unexpected(end, found, expected));
        };
        unit.segments = segments;
        Ok(unit)
    }

    /// The children of a 1.2 `<trans-unit>`, up to its end tag: notes and candidates go to
    /// `unit`, the rest is returned.
    fn read_parts_1_2(
        &mut self,
        buf: &mut Vec<u8>,
        unit: &mut XliffUnit,
    ) -> Result<Parts1_2, ExchangeError> {
        let mut parts = Parts1_2::default();
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    let attributes = self.attributes(&e, at)?;
                    match (space, name.as_str()) {
                        (Space::Xliff, "source") => {
                            let lang = owned_attribute(&attributes, "xml:lang");
                            parts.source = Some((self.read_content(buf, "source")?, lang));
                        }
                        (Space::Xliff, "seg-source") => {
                            parts.seg_source = Some(self.read_content(buf, "seg-source")?);
                        }
                        (Space::Xliff, "target") => {
                            parts.target = Some((self.read_content(buf, "target")?, attributes));
                        }
                        (Space::Xliff, "alt-trans") => {
                            let candidate = self.read_candidate(buf, &attributes, &ALT_TRANS)?;
                            unit.matches.extend(candidate);
                        }
                        (Space::Xliff, "note") => {
                            let note = self.read_content(buf, "note")?;
                            unit.notes.push(note.whole.text);
                        }
                        (Space::Sdl, "seg-defs") => {
                            self.read_seg_defs(buf, &mut parts.confirmations)?;
                        }
                        _ => self.xml.skip_element(&name_of(&e), buf)?,
                    }
                }
                Event::Empty(e) => {
                    let (space, name) = self.element(&e);
                    if space == Space::Xliff && name == "target" {
                        let attributes = self.attributes(&e, at)?;
                        parts.target = Some((Content::default(), attributes));
                    } else if space == Space::Xliff && name == "source" {
                        parts.source = Some((Content::default(), None));
                    }
                }
                Event::End(_) => return Ok(parts),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.xml.early_end("</trans-unit>")),
                _ => {
                    return Err(self.xml.unexpected(
                        at,
                        Found::Text,
                        Expected::one_of(&["<source>", "<target>", "<alt-trans>", "<note>"])
                            .within("<trans-unit>"),
                    ))
                }
            }
        }
    }

    fn read_seg_defs(
        &mut self,
        buf: &mut Vec<u8>,
        confirmations: &mut HashMap<String, String>,
    ) -> Result<(), ExchangeError> {
        loop {
            let (at, event) = self.xml.read(buf)?;
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
                        self.xml.skip_element(&name_of(e), buf)?;
                    }
                }
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.xml.early_end("</sdl:seg-defs>")),
                _ => {}
            }
        }
    }

    fn read_unit_2(
        &mut self,
        buf: &mut Vec<u8>,
        attributes: Vec<(String, String)>,
        at: u64,
    ) -> Result<XliffUnit, ExchangeError> {
        let mut unit = self.new_unit(&attributes, at)?;
        loop {
            let (at, event) = self.xml.read(buf)?;
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
                        _ => self.xml.skip_element(&name_of(&e), buf)?,
                    }
                }
                Event::End(_) => break,
                Event::Empty(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.xml.early_end("</unit>")),
                _ => {
                    return Err(self.xml.unexpected(
                        at,
                        Found::Text,
                        Expected::one_of(&["<segment>", "<ignorable>", "<notes>"]).within("<unit>"),
                    ))
                }
            }
        }
        if unit.segments.is_empty() {
            let end = self.xml.offset();
            let expected = Expected::tag("<segment>").within("<unit>");
            let found = Found::Tag("</unit>".to_owned());
            return Err(self.xml.unexpected(end, found, expected));
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
            let (at, event) = self.xml.read(buf)?;
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
                        _ => self.xml.skip_element(&name_of(&e), buf)?,
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
                Event::Eof => return Err(self.xml.early_end("</segment>")),
                _ => {
                    return Err(self.xml.unexpected(
                        at,
                        Found::Text,
                        Expected::one_of(&["<source>", "<target>"]).within("<segment>"),
                    ))
                }
            }
        }
        if !has_source {
            let expected = Expected::tag("<source>").within("<segment>");
            let found = Found::Tag("<segment>".to_owned());
            return Err(self.xml.unexpected(at, found, expected));
        }
        Ok(segment)
    }

    fn read_notes_2(
        &mut self,
        buf: &mut Vec<u8>,
        notes: &mut Vec<String>,
    ) -> Result<(), ExchangeError> {
        loop {
            let (_, event) = self.xml.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    if space == Space::Xliff && name == "note" {
                        notes.push(self.read_content(buf, "note")?.whole.text);
                    } else {
                        self.xml.skip_element(&name_of(&e), buf)?;
                    }
                }
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.xml.early_end("</notes>")),
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
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::Start(e) => {
                    let (space, name) = self.element(&e);
                    if space == Space::Matches && name == "match" {
                        let attributes = self.attributes(&e, at)?;
                        matches.extend(self.read_candidate(buf, &attributes, &MATCH)?);
                    } else {
                        self.xml.skip_element(&name_of(&e), buf)?;
                    }
                }
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.xml.early_end("</mtc:matches>")),
                _ => {}
            }
        }
    }

    /// A translation candidate (1.2 `<alt-trans>`, 2.x `<mtc:match>`, as `names` says) whose
    /// start tag was read: its attributes, and its `<source>` and `<target>` up to its end tag
    /// (other elements are skipped). `None` when it has no target.
    fn read_candidate(
        &mut self,
        buf: &mut Vec<u8>,
        attributes: &[(String, String)],
        names: &CandidateNames,
    ) -> Result<Option<XliffMatch>, ExchangeError> {
        let quality = attribute(attributes, names.quality).and_then(|q| {
            let q = q.trim();
            let q = if names.percent {
                q.trim_end_matches('%').trim()
            } else {
                q
            };
            q.parse::<f64>().ok()
        });
        let mut candidate = XliffMatch {
            quality,
            origin: owned_attribute(attributes, "origin"),
            kind: owned_attribute(attributes, names.kind),
            segment: names
                .segment
                .and_then(|name| attribute(attributes, name))
                .map(|r| r.trim_start_matches('#').to_owned()),
            ..XliffMatch::default()
        };
        let mut has_target = false;
        loop {
            let (at, event) = self.xml.read(buf)?;
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
                        _ => self.xml.skip_element(&name_of(&e), buf)?,
                    }
                }
                Event::End(_) => break,
                Event::Eof => return Err(self.xml.early_end(format!("</{}>", names.element))),
                Event::Text(t) if !is_blank(&t.xml10_content()) => {
                    let expected = Expected::tag("<target>").within(format!("<{}>", names.element));
                    return Err(self.xml.unexpected(at, Found::Text, expected));
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
        let mut inlines = OpenInlines::new();
        loop {
            let (at, event) = self.xml.read(buf)?;
            self.xml.limit_length(&content.whole.text, at)?;
            self.xml.limit_length(content.whole.markup(), at)?;
            let in_code = inlines.in_code();
            let piece = match event {
                Event::Text(t) => {
                    let text = t.xml10_content().into_owned();
                    self.xml.refuse_forbidden(&text, at)?;
                    Some(text)
                }
                Event::CData(c) => Some(c.xml10_content().into_owned()),
                Event::GeneralRef(r) => Some(self.xml.resolve(&r.xml10_content(), at)?.to_string()),
                Event::Start(e) => {
                    if let Some(skipped) = self.start_inline(&e, at, &mut content, &mut inlines)? {
                        self.xml.skip_element(&skipped, buf)?;
                    }
                    None
                }
                Event::Empty(e) => {
                    self.empty_inline(&e, at, in_code, &mut content)?;
                    None
                }
                Event::End(_) => match inlines.pop() {
                    None => return Ok(content),
                    Some(closed) => {
                        content.close(closed);
                        None
                    }
                },
                Event::Comment(_) | Event::PI(_) => None,
                Event::Eof => return Err(self.xml.early_end(format!("</{element}>"))),
                other => {
                    let expected = Expected::tag(format!("</{element}>"));
                    return Err(self.xml.unexpected(at, found(&other), expected));
                }
            };
            if let Some(piece) = piece {
                if in_code {
                    content.push_code(&escape(piece.as_str()));
                } else {
                    content.push_text(&piece);
                }
            }
        }
    }

    /// An inline start tag in a content: it opens an element, or it is a placeholder written
    /// with an end tag, whose name is returned so that the caller skips its content.
    fn start_inline(
        &self,
        e: &BytesStart<'_>,
        at: u64,
        content: &mut Content,
        inlines: &mut OpenInlines,
    ) -> Result<Option<String>, ExchangeError> {
        if inlines.stack.len() == MAX_INLINE_DEPTH {
            return Err(ExchangeError::NestedTooDeep {
                location: self.xml.location(at),
                limit: MAX_INLINE_DEPTH,
            });
        }
        let (space, name) = self.element(e);
        let attributes = self.attributes(e, at)?;
        let qualified = name_of(e);
        let tag = InlineTag {
            space,
            name: &name,
            qualified: &qualified,
            attributes: &attributes,
            at,
        };
        let in_code = inlines.in_code();
        match self.inline_start(&tag, in_code, &mut inlines.next_code)? {
            InlineStart::Open(item, markup) => {
                if let Some(markup) = markup {
                    content.push_code(&markup);
                }
                if matches!(item, Open::Segment) && content.open_segment.is_none() {
                    let mid = owned_attribute(&attributes, "mid")
                        .unwrap_or_else(|| (content.segments.len() + 1).to_string());
                    content.open_segment = Some((mid, Accumulator::default()));
                }
                inlines.push(item);
                Ok(None)
            }
            InlineStart::Placeholder(markup, text) => {
                content.push_placeholder(markup, text);
                Ok(Some(qualified))
            }
        }
    }

    /// An empty inline element in a content: code inside native code, else a placeholder.
    fn empty_inline(
        &self,
        e: &BytesStart<'_>,
        at: u64,
        in_code: bool,
        content: &mut Content,
    ) -> Result<(), ExchangeError> {
        let (space, name) = self.element(e);
        let attributes = self.attributes(e, at)?;
        let qualified = name_of(e);
        if in_code {
            content.push_code(&escape(tag_text(&qualified, &attributes, true).as_str()));
        } else {
            let tag = InlineTag {
                space,
                name: &name,
                qualified: &qualified,
                attributes: &attributes,
                at,
            };
            let (markup, text) = self.inline_empty(&tag)?;
            content.push_placeholder(markup, text);
        }
        Ok(())
    }

    /// What an inline start tag does.
    fn inline_start(
        &self,
        tag: &InlineTag<'_>,
        in_code: bool,
        next_code: &mut usize,
    ) -> Result<InlineStart, ExchangeError> {
        let InlineTag {
            space,
            name,
            qualified,
            attributes,
            ..
        } = *tag;
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
                let (markup, text) = self.inline_empty(tag)?;
                InlineStart::Placeholder(markup, text)
            }
        })
    }

    /// What an empty inline element adds: its markup and its text.
    fn inline_empty(
        &self,
        tag: &InlineTag<'_>,
    ) -> Result<(Option<String>, Option<String>), ExchangeError> {
        let InlineTag {
            space,
            name,
            qualified,
            attributes,
            at,
        } = *tag;
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
                        location: self.xml.location(at),
                        detail: format!("<cp hex=\"{hex}\"> is not a character"),
                    })?;
                Ok((placeholder(), Some(c.to_string())))
            }
            _ => Err(self.xml.unexpected(
                at,
                Found::Tag(format!("<{qualified}>")),
                Expected::inline(if self.v2 {
                    &[
                        "<pc>", "<ph/>", "<sc/>", "<ec/>", "<mrk>", "<sm/>", "<em/>", "<cp/>",
                    ]
                } else {
                    &[
                        "<g>", "<x/>", "<bx/>", "<ex/>", "<bpt>", "<ept>", "<ph>", "<it>", "<mrk>",
                    ]
                }),
            )),
        }
    }
}

impl<R: BufRead> Iterator for XliffReader<R> {
    type Item = Result<XliffUnit, ExchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_unit().transpose()
    }
}
