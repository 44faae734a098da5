//! The XML cursor the TMX and XLIFF readers share: quick-xml events read through a
//! [`LineTracker`], so that every error says file:line:column, and the rules both formats
//! read by: attribute values unescaped and normalised, the five XML entities and character
//! references resolved (no other entity ever is), fields held to the segment limit and to the
//! characters XML allows, elements skipped whole, and the "unexpected …", "the file ends
//! early" and "the end of the document" errors worded once.

use std::borrow::Cow;
use std::io::BufRead;

use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Config;
use quick_xml::{NsReader, Reader, XmlVersion};

use super::error::MAX_SEGMENT_BYTES;
use super::input::LineTracker;
use super::{is_xml_char, refuse_forbidden_chars, ExchangeError, Expected, Found};
use crate::textfile::{Location, Origin};

/// A quick-xml reader over a [`LineTracker`]: the plain one (TMX) or the one that resolves
/// namespaces (XLIFF), so that one cursor serves both.
pub(crate) trait Parser {
    /// What the tracker reads from.
    type Input: BufRead;
    /// A parser reading `input`.
    fn open(input: LineTracker<Self::Input>) -> Self;
    /// The parser's settings.
    fn config(&mut self) -> &mut Config;
    /// The next event (the namespace-aware parser updates its scopes on the way).
    fn next_event<'b>(&mut self, buf: &'b mut Vec<u8>) -> quick_xml::Result<Event<'b>>;
    /// The underlying reader: positions and the tracker.
    fn reader(&self) -> &Reader<LineTracker<Self::Input>>;
}

impl<R: BufRead> Parser for Reader<LineTracker<R>> {
    type Input = R;

    fn open(input: LineTracker<R>) -> Self {
        Reader::from_reader(input)
    }

    fn config(&mut self) -> &mut Config {
        self.config_mut()
    }

    fn next_event<'b>(&mut self, buf: &'b mut Vec<u8>) -> quick_xml::Result<Event<'b>> {
        self.read_event_into(buf)
    }

    fn reader(&self) -> &Reader<LineTracker<R>> {
        self
    }
}

impl<R: BufRead> Parser for NsReader<LineTracker<R>> {
    type Input = R;

    fn open(input: LineTracker<R>) -> Self {
        NsReader::from_reader(input)
    }

    fn config(&mut self) -> &mut Config {
        self.config_mut()
    }

    fn next_event<'b>(&mut self, buf: &'b mut Vec<u8>) -> quick_xml::Result<Event<'b>> {
        self.read_event_into(buf)
    }

    fn reader(&self) -> &Reader<LineTracker<R>> {
        self
    }
}

/// Reads XML events from one file and turns every failure into a located [`ExchangeError`].
pub(crate) struct XmlCursor<P> {
    parser: P,
    origin: Origin,
}

impl<P: Parser> XmlCursor<P> {
    /// A cursor at the start of `input`: text untrimmed, end tags checked against their start
    /// tags, empty elements reported as such.
    pub(crate) fn new(input: P::Input, origin: Origin) -> Self {
        let mut parser = P::open(LineTracker::new(input));
        let config = parser.config();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        XmlCursor { parser, origin }
    }

    /// The parser, for what only one format asks of it (namespace resolution).
    pub(crate) fn parser(&self) -> &P {
        &self.parser
    }

    /// Bytes read so far (of the UTF-8 input), for a progress bar.
    pub(crate) fn position(&self) -> u64 {
        self.parser.reader().get_ref().position()
    }

    /// The line of a byte offset.
    pub(crate) fn line(&self, offset: u64) -> usize {
        self.parser.reader().get_ref().line(offset)
    }

    /// The place in the file of a byte offset.
    pub(crate) fn location(&self, offset: u64) -> Location {
        let (line, column) = self.parser.reader().get_ref().line_column(offset);
        Location::at(&self.origin, line, column)
    }

    /// The offset the next event starts at.
    pub(crate) fn offset(&self) -> u64 {
        self.parser.reader().buffer_position()
    }

    /// Reads the next event into `buf` (cleared first); the caller gets its start offset too.
    pub(crate) fn read<'b>(
        &mut self,
        buf: &'b mut Vec<u8>,
    ) -> Result<(u64, Event<'b>), ExchangeError> {
        buf.clear();
        let start = self.offset();
        match self.parser.next_event(buf) {
            Ok(event) => Ok((start, event)),
            Err(error) => Err(ExchangeError::from_xml(
                error,
                self.parser.reader().get_ref(),
                &self.origin,
                // Some errors (nesting, namespace limits) leave the error position unset:
                // the event that failed started at `start` at the earliest.
                self.parser.reader().error_position().max(start),
            )),
        }
    }

    /// Skips the prolog (declaration, comments, processing instructions, the DOCTYPE unread,
    /// blank text) up to the root element, and hands it to `root` with its offset and whether
    /// it is empty. `not_root` words the error when something else comes first.
    pub(crate) fn read_root<T>(
        &mut self,
        buf: &mut Vec<u8>,
        not_root: fn(Location, Found) -> ExchangeError,
        root: impl FnOnce(&Self, u64, &BytesStart<'_>, bool) -> Result<T, ExchangeError>,
    ) -> Result<T, ExchangeError> {
        loop {
            let (at, event) = self.read(buf)?;
            let found = match event {
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => continue,
                Event::Text(t) if is_blank(&t.xml10_content()) => continue,
                Event::Start(e) => return root(self, at, &e, false),
                Event::Empty(e) => return root(self, at, &e, true),
                Event::Eof => Found::Nothing,
                _ => Found::Text,
            };
            return Err(not_root(self.location(at), found));
        }
    }

    /// Calls `each` with the name and the value (unescaped and normalised) of every attribute
    /// of `e`, in order.
    pub(crate) fn for_each_attribute(
        &self,
        e: &BytesStart<'_>,
        at: u64,
        mut each: impl FnMut(&str, Cow<'_, str>) -> Result<(), ExchangeError>,
    ) -> Result<(), ExchangeError> {
        for attribute in e.attributes() {
            let attribute = attribute.map_err(|err| ExchangeError::Xml {
                location: self.location(at),
                detail: err.to_string(),
            })?;
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| self.escape_error(err, at))?;
            each(attribute.key.as_ref(), value)?;
        }
        Ok(())
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

    /// Resolves `&name;` or `&#N;` read at `at`: the five XML entities and character
    /// references to characters XML allows, nothing else.
    pub(crate) fn resolve(&self, name: &str, at: u64) -> Result<char, ExchangeError> {
        let resolved = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "apos" => '\'',
            "quot" => '"',
            _ => {
                let Some(number) = name.strip_prefix('#') else {
                    return Err(ExchangeError::UnknownEntity {
                        location: self.location(at),
                        name: name.to_owned(),
                    });
                };
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse::<u32>().ok(),
                };
                return code
                    .and_then(char::from_u32)
                    .filter(|c| is_xml_char(*c))
                    .ok_or_else(|| ExchangeError::Xml {
                        location: self.location(at),
                        detail: format!("&{name}; is not a valid character"),
                    });
            }
        };
        Ok(resolved)
    }

    /// A stored field (attribute value, note, property) is held to the segment limit, and
    /// to the characters XML allows.
    pub(crate) fn limit_field(&self, value: &str, at: u64) -> Result<(), ExchangeError> {
        self.limit_length(value, at)?;
        self.refuse_forbidden(value, at)
    }

    /// A located error for text longer than a segment may be.
    pub(crate) fn limit_length(&self, text: &str, at: u64) -> Result<(), ExchangeError> {
        if text.len() > MAX_SEGMENT_BYTES {
            return Err(ExchangeError::SegmentTooLong {
                location: self.location(at),
                limit_kib: MAX_SEGMENT_BYTES >> 10,
            });
        }
        Ok(())
    }

    /// A located error for the first character XML forbids in text read at `at`.
    pub(crate) fn refuse_forbidden(&self, text: &str, at: u64) -> Result<(), ExchangeError> {
        refuse_forbidden_chars(text, |offset| self.location(at + offset as u64))
    }

    /// "unexpected `found`; expected `expected`", at `at`.
    pub(crate) fn unexpected(&self, at: u64, found: Found, expected: Expected) -> ExchangeError {
        ExchangeError::Unexpected {
            location: self.location(at),
            found,
            expected: Box::new(expected),
        }
    }

    /// "the file ends early; expected `expected`", where reading stopped.
    pub(crate) fn early_end(&self, expected: impl Into<Expected>) -> ExchangeError {
        ExchangeError::UnexpectedEnd {
            location: self.location(self.offset()),
            expected: Box::new(expected.into()),
        }
    }

    /// "`<element>` has no `attribute` attribute", at `at`.
    pub(crate) fn missing(&self, at: u64, element: &str, attribute: &str) -> ExchangeError {
        ExchangeError::MissingAttribute {
            location: self.location(at),
            element: element.to_owned(),
            attribute: attribute.to_owned(),
        }
    }

    /// Skips the rest of an element whose start tag was read (`name`: for the error when
    /// the file ends inside it; it comes first so that it may be taken from a tag in `buf`).
    pub(crate) fn skip_element(
        &mut self,
        name: &str,
        buf: &mut Vec<u8>,
    ) -> Result<(), ExchangeError> {
        let mut depth = 1;
        while depth > 0 {
            let (_, event) = self.read(buf)?;
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(self.early_end(format!("</{name}>"))),
                _ => {}
            }
        }
        Ok(())
    }

    /// Checks that nothing but comments, processing instructions and blank text follows:
    /// the end tag of the root first when it is still open (`open_root`, its name).
    pub(crate) fn expect_document_end(
        &mut self,
        buf: &mut Vec<u8>,
        mut open_root: Option<&str>,
    ) -> Result<(), ExchangeError> {
        loop {
            let (at, event) = self.read(buf)?;
            match event {
                Event::End(e) if open_root.is_some_and(|root| e.name().as_ref() == root) => {
                    open_root = None
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => match open_root {
                    None => return Ok(()),
                    Some(root) => return Err(self.early_end(format!("</{root}>"))),
                },
                other => return Err(self.unexpected(at, found(&other), Expected::document_end())),
            }
        }
    }
}

/// What an event is, for an "unexpected …" error: the tag as written, or text.
pub(crate) fn found(event: &Event<'_>) -> Found {
    match event {
        Event::Start(e) => Found::Tag(format!("<{}>", name_of(e))),
        Event::Empty(e) => Found::Tag(format!("<{}/>", name_of(e))),
        Event::End(e) => Found::Tag(format!("</{}>", e.name().as_ref())),
        Event::Eof => Found::Nothing,
        _ => Found::Text,
    }
}

/// The name of an element as written, prefix included.
pub(crate) fn name_of(e: &BytesStart<'_>) -> String {
    e.name().as_ref().to_owned()
}

/// Whether text is only white space (between elements, where it means nothing).
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// A start tag as text (`<x id="1"/>`, `<g id="2">`), its attribute values escaped.
pub(crate) fn tag_text(name: &str, attributes: &[(String, String)], empty: bool) -> String {
    let mut tag = format!("<{name}");
    for (key, value) in attributes {
        tag.push(' ');
        tag.push_str(key);
        tag.push_str("=\"");
        tag.push_str(&escape(value.as_str()));
        tag.push('"');
    }
    tag.push_str(if empty { "/>" } else { ">" });
    tag
}

/// The value of the attribute `name` in a list of attributes.
pub(crate) fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(text: &str) -> XmlCursor<Reader<LineTracker<&[u8]>>> {
        XmlCursor::new(text.as_bytes(), Origin::File("t.xml".into()))
    }

    fn not_root(location: Location, found: Found) -> ExchangeError {
        ExchangeError::NotTmx { location, found }
    }

    #[test]
    fn only_the_xml_entities_and_character_references_resolve() {
        let xml = cursor("");
        assert_eq!(xml.resolve("amp", 0).unwrap(), '&');
        assert_eq!(xml.resolve("#x41", 0).unwrap(), 'A');
        assert_eq!(xml.resolve("#233", 0).unwrap(), 'é');
        assert!(matches!(
            xml.resolve("xxe", 0),
            Err(ExchangeError::UnknownEntity { name, .. }) if name == "xxe"
        ));
        assert!(matches!(
            xml.resolve("#1", 0),
            Err(ExchangeError::Xml { .. })
        ));
    }

    #[test]
    fn the_root_comes_after_the_prolog_and_errors_are_located() {
        let mut buf = Vec::new();
        let mut xml = cursor("<?xml version=\"1.0\"?>\n<!-- c -->\n<a x=\"1 &lt; 2\"/>");
        let (line, empty, value) = xml
            .read_root(&mut buf, not_root, |xml, at, root, empty| {
                let mut value = String::new();
                xml.for_each_attribute(root, at, |_, v| {
                    value = v.into_owned();
                    Ok(())
                })?;
                Ok((xml.line(at), empty, value))
            })
            .unwrap();
        assert_eq!((line, empty, value.as_str()), (3, true, "1 < 2"));
        let error = cursor("\n\ntext")
            .read_root(&mut buf, not_root, |_, _, _, _| Ok(()))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "expected a TMX document (<tmx>), found text"
        );
        let at = error.location();
        assert_eq!((at.line, at.column), (1, Some(1)));
    }

    #[test]
    fn a_skipped_element_or_an_open_root_must_end() {
        let mut buf = Vec::new();
        let mut xml = cursor("<a><b><c/>");
        xml.read(&mut buf).unwrap();
        xml.read(&mut buf).unwrap();
        let error = xml.skip_element("b", &mut buf).unwrap_err();
        assert_eq!(error.to_string(), "the file ends too early: expected </b>");
        let mut xml = cursor("<a></a> <!-- end -->\n");
        xml.read(&mut buf).unwrap();
        xml.expect_document_end(&mut buf, Some("a")).unwrap();
        let mut xml = cursor("<a></a><b/>");
        xml.read(&mut buf).unwrap();
        let error = xml.expect_document_end(&mut buf, Some("a")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "unexpected <b/>: expected the end of the document"
        );
    }
}
