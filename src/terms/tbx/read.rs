//! The streaming TBX reader: one concept at a time from any `BufRead`, through the XML
//! cursor every exchange format shares (`crate::exchange::xml`), so that a TBX file gets
//! the TMX reader's hostile-input rules and located errors.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use unic_langid::LanguageIdentifier;

use crate::exchange::input::LineTracker;
use crate::exchange::xml::{found, is_blank, name_of, XmlCursor};
use crate::exchange::{ExchangeError, Expected, Found, MAX_INLINE_DEPTH};
use crate::textfile::Origin;

use super::super::model::{collapse_space, is_valid_id, Concept, Status, Term, MAX_TERMS};
use super::super::TermsError;

/// Which TBX a file is, from its root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TbxVersion {
    /// TBX 2008 (ISO 30042:2008, TBX v2): `<martif>`, `<termEntry>`, `<langSet>`, `<tig>` or
    /// `<ntig>`.
    V2,
    /// TBX 2019 (ISO 30042:2019, TBX v3): `<tbx>`, `<conceptEntry>`, `<langSec>`,
    /// `<termSec>`.
    V3,
    /// TBX-Min 2013: `<TBX>`, `<entry>`, `<langGroup>`, `<termGroup>`, with the data
    /// categories as elements (`<administrativeStatus>`, `<partOfSpeech>`).
    Min2013,
}

/// The elements of a concept, whatever the version.
const CONCEPT_ELEMENTS: &[&str] = &["conceptEntry", "termEntry", "entry"];
/// The elements of a language section.
const LANGUAGE_ELEMENTS: &[&str] = &["langSec", "langSet", "langGroup"];
/// The elements that hold one term and what is said about it (`<ntig>` holds a
/// `<termGrp>`, read the same way).
const TERM_ELEMENTS: &[&str] = &["termSec", "tig", "ntig", "termGroup", "termGrp"];

/// Whether an element is one of `names`, whatever its namespace prefix.
fn is(e: &BytesStart<'_>, names: &[&str]) -> bool {
    names.contains(&e.local_name().as_ref())
}

/// What a term group says, before it is known to have a term.
#[derive(Default)]
struct PartialTerm {
    text: Option<String>,
    part_of_speech: Option<String>,
    status: Option<Status>,
    notes: Vec<String>,
}

impl PartialTerm {
    fn absorb(&mut self, inner: PartialTerm) {
        self.text = self.text.take().or(inner.text);
        self.part_of_speech = self.part_of_speech.take().or(inner.part_of_speech);
        self.status = self.status.or(inner.status);
        self.notes.extend(inner.notes);
    }
}

/// Several notes at one level become one, a line each (the writer writes them back as one
/// `<note>` a line).
fn join_notes(notes: Vec<String>) -> Option<String> {
    let notes: Vec<String> = notes.into_iter().filter(|n| !n.is_empty()).collect();
    (!notes.is_empty()).then(|| notes.join("\n"))
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// A streaming TBX reader (TBX-Basic and TBX-Min, 2008 and 2019, and other dialects'
/// concepts, terms, statuses and parts of speech).
///
/// Read: a concept's id, subject field, definition and notes; per language, each term with
/// its part of speech, administrative status and notes. Everything else a dialect may say
/// (transactions, cross-references, contexts, sources, customer subsets …) is skipped.
pub struct TbxReader<R: BufRead> {
    xml: XmlCursor<Reader<LineTracker<R>>>,
    version: TbxVersion,
    /// The root element as written, and whether `<text>` is open.
    root: String,
    in_text: bool,
    finished: bool,
    buf: Vec<u8>,
}

impl<R: BufRead> TbxReader<R> {
    /// Starts reading: checks the root (`<tbx>`, `<martif>` or `<TBX>`) and skips the header,
    /// up to the `<body>`.
    pub fn new(input: R, origin: Origin) -> Result<Self, TermsError> {
        let mut xml = XmlCursor::new(input, origin);
        let mut buf = Vec::new();
        let not_tbx = |location, found| ExchangeError::NotTbx { location, found };
        let (root, version, empty) = xml.read_root(&mut buf, not_tbx, |xml, at, e, empty| {
            let version = match e.local_name().as_ref() {
                "tbx" => TbxVersion::V3,
                "martif" => TbxVersion::V2,
                "TBX" => TbxVersion::Min2013,
                _ => {
                    return Err(not_tbx(
                        xml.location(at),
                        Found::Tag(format!("<{}>", name_of(e))),
                    ))
                }
            };
            Ok((name_of(e), version, empty))
        })?;
        let mut reader = TbxReader {
            xml,
            version,
            root,
            in_text: false,
            finished: empty,
            buf: Vec::new(),
        };
        if empty {
            reader.xml.expect_document_end(&mut buf, None)?;
        } else if !reader.find_body(&mut buf)? {
            reader.finished = true;
        }
        reader.buf = buf;
        Ok(reader)
    }

    /// Which TBX the file is.
    pub fn version(&self) -> TbxVersion {
        self.version
    }

    /// Bytes read so far (of the UTF-8 input), for a progress bar.
    pub fn position(&self) -> u64 {
        self.xml.position()
    }

    /// Reads outside the body (the header, `<text>`, `<back>`) up to the start of a `<body>`
    /// (true) or the end of the document, checked (false).
    fn find_body(&mut self, buf: &mut Vec<u8>) -> Result<bool, TermsError> {
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::Start(e) if e.local_name().as_ref() == "body" => return Ok(true),
                Event::Start(e) if !self.in_text && e.local_name().as_ref() == "text" => {
                    self.in_text = true
                }
                // The header, the back matter: nothing Tribune keeps.
                Event::Start(e) => self.xml.skip_element(&name_of(&e), buf)?,
                Event::Empty(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::End(_) if self.in_text => self.in_text = false,
                Event::End(_) => {
                    self.xml.expect_document_end(buf, None)?;
                    return Ok(false);
                }
                Event::Eof => {
                    let open = if self.in_text { "text" } else { &self.root };
                    return Err(self.xml.early_end(format!("</{open}>")).into());
                }
                other => {
                    let expected = Expected::one_of(&["<text>", "<body>"]);
                    return Err(self.xml.unexpected(at, found(&other), expected).into());
                }
            }
        }
    }

    /// The next concept, or `None` at the end of the document (after checking it ends
    /// properly). A concept may come without terms (the file has none for it).
    pub fn next_concept(&mut self) -> Result<Option<Concept>, TermsError> {
        if self.finished {
            return Ok(None);
        }
        let mut buf = std::mem::take(&mut self.buf);
        let result = self.next_with(&mut buf);
        self.buf = buf;
        if !matches!(result, Ok(Some(_))) {
            self.finished = true;
        }
        result
    }

    fn next_with(&mut self, buf: &mut Vec<u8>) -> Result<Option<Concept>, TermsError> {
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::Start(e) if is(&e, CONCEPT_ELEMENTS) => {
                    let (element, id) = (name_of(&e), self.id(&e, at)?);
                    return self.read_concept(buf, &element, id).map(Some);
                }
                Event::Empty(e) if is(&e, CONCEPT_ELEMENTS) => {
                    let id = self.id(&e, at)?;
                    return Ok(Some(Concept {
                        id,
                        ..Concept::default()
                    }));
                }
                Event::End(_) => {
                    if !self.find_body(buf)? {
                        return Ok(None);
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.xml.early_end("</body>").into()),
                other => {
                    let expected =
                        Expected::one_of(&["<conceptEntry>", "<termEntry>"]).within("<body>");
                    return Err(self.xml.unexpected(at, found(&other), expected).into());
                }
            }
        }
    }

    /// Calls `each` with the name and value of every attribute, each held to the segment
    /// limit and to the characters XML allows.
    fn each_attribute(
        &self,
        e: &BytesStart<'_>,
        at: u64,
        mut each: impl FnMut(&str, &str),
    ) -> Result<(), ExchangeError> {
        self.xml.for_each_attribute(e, at, |name, value| {
            self.xml.limit_field(&value, at)?;
            each(name, &value);
            Ok(())
        })
    }

    /// The value of an attribute, when the element has it.
    fn attribute(
        &self,
        e: &BytesStart<'_>,
        at: u64,
        wanted: &str,
    ) -> Result<Option<String>, ExchangeError> {
        let mut value = None;
        self.each_attribute(e, at, |name, v| {
            if name == wanted && value.is_none() {
                value = Some(v.trim().to_owned());
            }
        })?;
        Ok(value)
    }

    /// A concept's id, checked to be an XML name as TBX requires.
    fn id(&self, e: &BytesStart<'_>, at: u64) -> Result<Option<String>, TermsError> {
        match self.attribute(e, at, "id")? {
            Some(id) if !is_valid_id(&id) => Err(TermsError::BadId {
                location: self.xml.location(at),
                id,
            }),
            id => Ok(id.filter(|id| !id.is_empty())),
        }
    }

    /// The content of a concept element whose start tag was read.
    fn read_concept(
        &mut self,
        buf: &mut Vec<u8>,
        element: &str,
        id: Option<String>,
    ) -> Result<Concept, TermsError> {
        let mut concept = Concept {
            id,
            ..Concept::default()
        };
        let mut notes = Vec::new();
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::End(_) => break,
                Event::Start(e) => match e.local_name().as_ref() {
                    "descrip" => {
                        let (name, kind) = (name_of(&e), self.attribute(&e, at, "type")?);
                        let text = self.read_text(&name, buf)?;
                        concept_descrip(&mut concept, kind.as_deref(), text);
                    }
                    "descripGrp" => self.read_descrip_group(buf, &mut concept)?,
                    // TBX-Min 2013 writes its data categories as elements.
                    "subjectField" => {
                        let text = self.read_text(&name_of(&e), buf)?;
                        concept_descrip(&mut concept, Some("subjectField"), text);
                    }
                    "note" => notes.push(self.read_text(&name_of(&e), buf)?),
                    _ if is(&e, LANGUAGE_ELEMENTS) => {
                        let (name, lang) = (name_of(&e), self.language(&e, at)?);
                        self.read_language(buf, &name, lang, &mut concept)?;
                    }
                    _ => self.xml.skip_element(&name_of(&e), buf)?,
                },
                Event::Empty(e) if is(&e, LANGUAGE_ELEMENTS) => {
                    self.language(&e, at)?;
                }
                Event::Empty(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.xml.early_end(format!("</{element}>")).into()),
                other => {
                    let expected = Expected::one_of(&["<langSec>", "<langSet>"])
                        .within(format!("<{element}>"));
                    return Err(self.xml.unexpected(at, found(&other), expected).into());
                }
            }
        }
        concept.note = join_notes(notes);
        Ok(concept)
    }

    /// A `<descripGrp>`: its `<descrip>` is read, the rest (its source) skipped.
    fn read_descrip_group(
        &mut self,
        buf: &mut Vec<u8>,
        concept: &mut Concept,
    ) -> Result<(), TermsError> {
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::End(_) => return Ok(()),
                Event::Start(e) if e.local_name().as_ref() == "descrip" => {
                    let (name, kind) = (name_of(&e), self.attribute(&e, at, "type")?);
                    let text = self.read_text(&name, buf)?;
                    concept_descrip(concept, kind.as_deref(), text);
                }
                Event::Start(e) => self.xml.skip_element(&name_of(&e), buf)?,
                Event::Eof => return Err(self.xml.early_end("</descripGrp>").into()),
                _ => {}
            }
        }
    }

    /// The language of a language section: its `xml:lang` (or `lang`), a language tag.
    fn language(&self, e: &BytesStart<'_>, at: u64) -> Result<LanguageIdentifier, TermsError> {
        let mut tag = None;
        self.each_attribute(e, at, |name, value| {
            if (name == "xml:lang" || name == "lang") && tag.is_none() {
                tag = Some(value.trim().to_owned());
            }
        })?;
        let Some(tag) = tag else {
            return Err(self.xml.missing(at, &name_of(e), "xml:lang").into());
        };
        crate::lang::parse_tag(&tag).ok_or_else(|| TermsError::BadLanguage {
            location: self.xml.location(at),
            tag,
        })
    }

    /// The content of a language section: its terms (definitions and notes about the
    /// language's terms as a whole are skipped).
    fn read_language(
        &mut self,
        buf: &mut Vec<u8>,
        element: &str,
        lang: LanguageIdentifier,
        concept: &mut Concept,
    ) -> Result<(), TermsError> {
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::End(_) => return Ok(()),
                Event::Start(e) if is(&e, TERM_ELEMENTS) => {
                    let name = name_of(&e);
                    if concept.term_count() >= MAX_TERMS {
                        return Err(TermsError::TooMany {
                            location: self.xml.location(at),
                            limit: MAX_TERMS,
                        });
                    }
                    let term = self.read_term_group(buf, &name)?;
                    if let Some(text) = term.text.filter(|t| !t.is_empty()) {
                        concept.push_term(
                            lang.clone(),
                            Term {
                                text,
                                part_of_speech: term.part_of_speech,
                                status: term.status,
                                note: join_notes(term.notes),
                            },
                        );
                    }
                }
                Event::Start(e) => self.xml.skip_element(&name_of(&e), buf)?,
                Event::Empty(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.xml.early_end(format!("</{element}>")).into()),
                other => {
                    let expected = Expected::one_of(&["<termSec>", "<tig>", "<ntig>"])
                        .within(format!("<{element}>"));
                    return Err(self.xml.unexpected(at, found(&other), expected).into());
                }
            }
        }
    }

    /// The content of a term group (`<termSec>`, `<tig>`, `<ntig>` and its `<termGrp>`,
    /// TBX-Min's `<termGroup>`): it must have a `<term>`.
    fn read_term_group(
        &mut self,
        buf: &mut Vec<u8>,
        element: &str,
    ) -> Result<PartialTerm, TermsError> {
        let mut term = PartialTerm::default();
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::End(_) => {
                    if term.text.is_none() {
                        let expected = Expected::tag("<term>").within(format!("<{element}>"));
                        let found = Found::Tag(format!("</{element}>"));
                        let error = self.xml.unexpected(at, found, expected);
                        return Err(error.into());
                    }
                    return Ok(term);
                }
                Event::Start(e) => match e.local_name().as_ref() {
                    "term" => {
                        let text = self.read_text(&name_of(&e), buf)?;
                        term.text = Some(text);
                    }
                    "termNote" => {
                        let (name, kind) = (name_of(&e), self.attribute(&e, at, "type")?);
                        let value = self.read_text(&name, buf)?;
                        self.term_note(&mut term, kind.as_deref(), value, at)?;
                    }
                    "termNoteGrp" => self.read_term_note_group(buf, &mut term)?,
                    "administrativeStatus" | "partOfSpeech" => {
                        let kind = e.local_name().as_ref().to_owned();
                        let value = self.read_text(&kind, buf)?;
                        self.term_note(&mut term, Some(&kind), value, at)?;
                    }
                    "note" => term.notes.push(self.read_text(&name_of(&e), buf)?),
                    "termGrp" => {
                        let inner = self.read_term_group(buf, "termGrp")?;
                        term.absorb(inner);
                    }
                    _ => self.xml.skip_element(&name_of(&e), buf)?,
                },
                Event::Empty(e) if e.local_name().as_ref() == "term" => {
                    term.text = Some(String::new());
                }
                Event::Empty(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.xml.early_end(format!("</{element}>")).into()),
                other => {
                    let expected =
                        Expected::one_of(&["<term>", "<termNote>"]).within(format!("<{element}>"));
                    return Err(self.xml.unexpected(at, found(&other), expected).into());
                }
            }
        }
    }

    /// A `<termNoteGrp>`: its `<termNote>`.
    fn read_term_note_group(
        &mut self,
        buf: &mut Vec<u8>,
        term: &mut PartialTerm,
    ) -> Result<(), TermsError> {
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::End(_) => return Ok(()),
                Event::Start(e) if e.local_name().as_ref() == "termNote" => {
                    let (name, kind) = (name_of(&e), self.attribute(&e, at, "type")?);
                    let value = self.read_text(&name, buf)?;
                    self.term_note(term, kind.as_deref(), value, at)?;
                }
                Event::Start(e) => self.xml.skip_element(&name_of(&e), buf)?,
                Event::Eof => return Err(self.xml.early_end("</termNoteGrp>").into()),
                _ => {}
            }
        }
    }

    /// What a term note says: its status or part of speech (others are skipped).
    fn term_note(
        &self,
        term: &mut PartialTerm,
        kind: Option<&str>,
        value: String,
        at: u64,
    ) -> Result<(), TermsError> {
        match kind {
            Some("administrativeStatus") if !value.is_empty() => {
                let Some(status) = Status::parse(&value) else {
                    return Err(TermsError::BadStatus {
                        location: self.xml.location(at),
                        value,
                    });
                };
                term.status = Some(status);
            }
            Some("partOfSpeech") => term.part_of_speech = non_empty(value),
            _ => {}
        }
        Ok(())
    }

    /// The text of an element whose start tag was read (inline elements such as `<hi>` give
    /// their text), white space collapsed.
    fn read_text(&mut self, element: &str, buf: &mut Vec<u8>) -> Result<String, TermsError> {
        let mut text = String::new();
        let mut depth = 0usize;
        loop {
            let (at, event) = self.xml.read(buf)?;
            self.xml.limit_length(&text, at)?;
            match event {
                Event::Text(t) => {
                    let content = t.xml10_content();
                    self.xml.refuse_forbidden(&content, at)?;
                    text.push_str(&content);
                }
                Event::CData(c) => {
                    let content = c.xml10_content();
                    self.xml.refuse_forbidden(&content, at)?;
                    text.push_str(&content);
                }
                Event::GeneralRef(r) => {
                    let resolved = self.xml.resolve(&r.xml10_content(), at)?;
                    text.push(resolved);
                }
                Event::Start(_) => {
                    if depth == MAX_INLINE_DEPTH {
                        return Err(ExchangeError::NestedTooDeep {
                            location: self.xml.location(at),
                            limit: MAX_INLINE_DEPTH,
                        }
                        .into());
                    }
                    depth += 1;
                }
                Event::End(_) if depth == 0 => return Ok(collapse_space(&text)),
                Event::End(_) => depth -= 1,
                Event::Empty(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => return Err(self.xml.early_end(format!("</{element}>")).into()),
                other => {
                    let expected = Expected::tag(format!("</{element}>"));
                    return Err(self.xml.unexpected(at, found(&other), expected).into());
                }
            }
        }
    }
}

/// What a `<descrip>` of a concept says: its subject field or definition (contexts and
/// other descriptions are skipped).
fn concept_descrip(concept: &mut Concept, kind: Option<&str>, text: String) {
    let field = match kind {
        Some("subjectField") => &mut concept.subject_field,
        Some("definition") => &mut concept.definition,
        _ => return,
    };
    if field.is_none() {
        *field = non_empty(text);
    }
}

impl<R: BufRead> Iterator for TbxReader<R> {
    type Item = Result<Concept, TermsError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_concept().transpose()
    }
}
