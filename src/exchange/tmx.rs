//! TMX 1.4b, streaming: [`TmxReader`] yields one `<tu>` at a time from any `BufRead`, so
//! memory stays flat whatever the file size; [`TmxWriter`] writes units as they come.
//!
//! Read as real tools write it: `xml:lang` or the TMX 1.1 `lang`, tags in any case,
//! `srclang="*all*"`, UTF-8 or UTF-16 with a BOM (see [`super::input::utf8_input`]). Inline
//! elements (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`, `<hi>`, `<sub>`) are kept in
//! [`TmxVariant::markup`] and left out of [`TmxVariant::text`], so they survive a round trip
//! without disturbing matching.

use std::borrow::Cow;
use std::io::{self, BufRead, Write};

use crate::exchange::xml_escape as escape;
use quick_xml::events::{BytesStart, Event};

use super::error::MAX_INLINE_DEPTH;
use super::input::LineTracker;
use super::xml::{attribute, found, is_blank, name_of, tag_text, XmlCursor};
use super::{ExchangeError, Expected, Found};
use crate::textfile::Origin;

/// The `<header>` of a TMX file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TmxHeader {
    /// Its attributes (`srclang`, `creationtool`, `segtype`, …), in order.
    pub attributes: Vec<(String, String)>,
    /// Its `<prop type="…">` elements.
    pub properties: Vec<(String, String)>,
    /// Its `<note>` elements.
    pub notes: Vec<String>,
}

impl TmxHeader {
    /// The value of an attribute.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        attribute(&self.attributes, name)
    }
}

/// One `<tuv>`: a language version of a unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TmxVariant {
    /// The language tag as written (`EN-US`, `fr-fr`).
    pub lang: String,
    /// The text without inline markup.
    pub text: String,
    /// The `<seg>` content as TMX inline XML, when it has inline elements.
    pub markup: Option<String>,
    /// Other attributes of the `<tuv>` (`creationdate`, …).
    pub attributes: Vec<(String, String)>,
    /// Its `<prop>` elements.
    pub properties: Vec<(String, String)>,
    /// Its `<note>` elements.
    pub notes: Vec<String>,
}

/// One `<tu>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TmxUnit {
    /// The line the `<tu>` starts on.
    pub line: usize,
    /// Its attributes (`tuid`, `creationdate`, `changeid`, …), in order.
    pub attributes: Vec<(String, String)>,
    /// Its `<prop type="…">` elements.
    pub properties: Vec<(String, String)>,
    /// Its `<note>` elements.
    pub notes: Vec<String>,
    /// Its `<tuv>` elements.
    pub variants: Vec<TmxVariant>,
}

impl TmxUnit {
    /// The value of an attribute.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        attribute(&self.attributes, name)
    }
}

/// Inline elements whose content is native code, not text.
const CODE_ELEMENTS: &[&str] = &["bpt", "ept", "ph", "it", "ut"];
/// Inline elements whose content is text.
const TEXT_ELEMENTS: &[&str] = &["hi", "sub"];

/// A streaming TMX reader.
pub struct TmxReader<R: BufRead> {
    xml: XmlCursor<quick_xml::Reader<LineTracker<R>>>,
    header: TmxHeader,
    finished: bool,
    buf: Vec<u8>,
}

/// Fills a list again, reusing the items it already has: `next` hands out the items in
/// order (new ones when the list runs out), and the unused rest is dropped at the end.
struct Refill<'a, T: Default> {
    items: &'a mut Vec<T>,
    used: usize,
}

impl<'a, T: Default> Refill<'a, T> {
    fn new(items: &'a mut Vec<T>) -> Self {
        Refill { items, used: 0 }
    }

    fn next(&mut self) -> &mut T {
        if self.used == self.items.len() {
            self.items.push(T::default());
        }
        self.used += 1;
        &mut self.items[self.used - 1]
    }
}

impl<T: Default> Drop for Refill<'_, T> {
    fn drop(&mut self) {
        self.items.truncate(self.used);
    }
}

/// Replaces a string's content, keeping its allocation.
fn set(target: &mut String, value: &str) {
    target.clear();
    target.push_str(value);
}

impl<R: BufRead> TmxReader<R> {
    /// Starts reading: checks the root `<tmx>` and reads the `<header>`, up to `<body>`.
    pub fn new(input: R, origin: Origin) -> Result<Self, ExchangeError> {
        let mut reader = TmxReader {
            xml: XmlCursor::new(input, origin),
            header: TmxHeader::default(),
            finished: false,
            buf: Vec::new(),
        };
        reader.read_prologue()?;
        Ok(reader)
    }

    /// The file's header.
    pub fn header(&self) -> &TmxHeader {
        &self.header
    }

    /// Bytes read so far (of the UTF-8 input), for a progress bar.
    pub fn position(&self) -> u64 {
        self.xml.position()
    }

    /// Calls `each` with every attribute of `e`: every stored field is held to the segment
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

    fn attributes(
        &self,
        e: &BytesStart<'_>,
        at: u64,
    ) -> Result<Vec<(String, String)>, ExchangeError> {
        let mut out = Vec::new();
        self.attributes_into(e, at, &mut out)?;
        Ok(out)
    }

    /// The attributes of an element into `out`, reusing its strings.
    fn attributes_into(
        &self,
        e: &BytesStart<'_>,
        at: u64,
        out: &mut Vec<(String, String)>,
    ) -> Result<(), ExchangeError> {
        let mut filled = Refill::new(out);
        self.each_attribute(e, at, |name, value| {
            let (n, v) = filled.next();
            set(n, name);
            set(v, value);
        })
    }

    /// The value of a required attribute into `out` (every attribute is checked).
    fn required_into(
        &self,
        e: &BytesStart<'_>,
        at: u64,
        attribute: &str,
        out: &mut String,
    ) -> Result<(), ExchangeError> {
        let mut found = false;
        self.each_attribute(e, at, |name, value| {
            if name == attribute && !found {
                set(out, value);
                found = true;
            }
        })?;
        if found {
            Ok(())
        } else {
            Err(self.xml.missing(at, &name_of(e), attribute))
        }
    }

    fn read_prologue(&mut self) -> Result<(), ExchangeError> {
        let mut buf = std::mem::take(&mut self.buf);
        let not_tmx = |location, found| ExchangeError::NotTmx { location, found };
        self.xml
            .read_root(&mut buf, not_tmx, |xml, at, root, empty| {
                if !empty && root.name().as_ref() == "tmx" {
                    Ok(())
                } else {
                    Err(not_tmx(
                        xml.location(at),
                        Found::Tag(format!("<{}>", name_of(root))),
                    ))
                }
            })?;
        // The header, then the body.
        loop {
            let (at, event) = self.xml.read(&mut buf)?;
            match event {
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Empty(e) if e.name().as_ref() == "header" => {
                    self.header.attributes = self.attributes(&e, at)?;
                }
                Event::Start(e) if e.name().as_ref() == "header" => {
                    self.header.attributes = self.attributes(&e, at)?;
                    self.read_header_children(&mut buf)?;
                }
                Event::Start(e) if e.name().as_ref() == "body" => break,
                Event::Empty(e) if e.name().as_ref() == "body" => {
                    self.finished = true;
                    self.xml.expect_document_end(&mut buf, Some("tmx"))?;
                    break;
                }
                Event::Eof => return Err(self.xml.early_end("<body>")),
                other => {
                    return Err(self.xml.unexpected(
                        at,
                        found(&other),
                        Expected::one_of(&["<header>", "<body>"]),
                    ))
                }
            }
        }
        self.buf = buf;
        Ok(())
    }

    fn read_header_children(&mut self, buf: &mut Vec<u8>) -> Result<(), ExchangeError> {
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::End(_) => return Ok(()),
                Event::Start(e) if e.name().as_ref() == "prop" => {
                    let (mut kind, mut value) = (String::new(), String::new());
                    self.required_into(&e, at, "type", &mut kind)?;
                    self.read_text_into(buf, "prop", &mut value)?;
                    self.header.properties.push((kind, value));
                }
                Event::Start(e) if e.name().as_ref() == "note" => {
                    let mut value = String::new();
                    self.read_text_into(buf, "note", &mut value)?;
                    self.header.notes.push(value);
                }
                Event::Start(e) => {
                    // Other header content (<ude> user-defined encodings) is not needed.
                    self.xml.skip_element(&name_of(&e), buf)?;
                }
                Event::Eof => return Err(self.xml.early_end("</header>")),
                _ => {}
            }
        }
    }

    /// The text content of a simple element (`<note>`, `<prop>`) into `text` (cleared first).
    fn read_text_into(
        &mut self,
        buf: &mut Vec<u8>,
        element: &str,
        text: &mut String,
    ) -> Result<(), ExchangeError> {
        text.clear();
        loop {
            let (at, event) = self.xml.read(buf)?;
            // A note or a property is stored like a segment, and held to the same limit
            // (its characters are checked piece by piece below).
            self.xml.limit_length(text, at)?;
            match event {
                Event::Text(t) => {
                    let content = t.xml10_content();
                    self.xml.refuse_forbidden(&content, at)?;
                    text.push_str(&content)
                }
                Event::CData(c) => text.push_str(&c.xml10_content()),
                Event::GeneralRef(r) => {
                    let resolved = self.xml.resolve(&r.xml10_content(), at)?;
                    text.push(resolved);
                }
                Event::End(_) => return Ok(()),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => return Err(self.xml.early_end(format!("</{element}>"))),
                Event::Start(e) | Event::Empty(e) => {
                    return Err(self.xml.unexpected(
                        at,
                        found(&Event::Start(e)),
                        Expected::text_or(format!("</{element}>")),
                    ))
                }
                other => {
                    let expected = Expected::tag(format!("</{element}>"));
                    return Err(self.xml.unexpected(at, found(&other), expected));
                }
            }
        }
    }

    /// The next unit, or `None` at the end of the body (after checking the document ends
    /// properly).
    pub fn next_unit(&mut self) -> Result<Option<TmxUnit>, ExchangeError> {
        let mut unit = TmxUnit::default();
        Ok(self.next_unit_into(&mut unit)?.then_some(unit))
    }

    /// Reads the next unit into `unit`, reusing its strings and lists (an import reads
    /// millions of units without allocating for each); `false` at the end of the body.
    pub fn next_unit_into(&mut self, unit: &mut TmxUnit) -> Result<bool, ExchangeError> {
        if self.finished {
            return Ok(false);
        }
        let mut buf = std::mem::take(&mut self.buf);
        let result = self.next_unit_with(&mut buf, unit);
        self.buf = buf;
        if result.is_err() {
            self.finished = true;
        }
        result
    }

    fn next_unit_with(
        &mut self,
        buf: &mut Vec<u8>,
        unit: &mut TmxUnit,
    ) -> Result<bool, ExchangeError> {
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::Start(e) if e.name().as_ref() == "tu" => {
                    unit.line = self.xml.line(at);
                    self.attributes_into(&e, at, &mut unit.attributes)?;
                    self.read_unit(buf, unit)?;
                    return Ok(true);
                }
                Event::Empty(e) if e.name().as_ref() == "tu" => {}
                Event::End(e) if e.name().as_ref() == "body" => {
                    self.finished = true;
                    self.xml.expect_document_end(buf, Some("tmx"))?;
                    return Ok(false);
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.xml.early_end("</body>")),
                other => {
                    return Err(self
                        .xml
                        .unexpected(at, found(&other), Expected::tag("<tu>")))
                }
            }
        }
    }

    fn read_unit(&mut self, buf: &mut Vec<u8>, unit: &mut TmxUnit) -> Result<(), ExchangeError> {
        let mut properties = Refill::new(&mut unit.properties);
        let mut notes = Refill::new(&mut unit.notes);
        let mut variants = Refill::new(&mut unit.variants);
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::End(_) => return Ok(()),
                Event::Start(e) if e.name().as_ref() == "prop" => {
                    let (kind, value) = properties.next();
                    self.required_into(&e, at, "type", kind)?;
                    self.read_text_into(buf, "prop", value)?;
                }
                Event::Start(e) if e.name().as_ref() == "note" => {
                    let value = notes.next();
                    self.read_text_into(buf, "note", value)?;
                }
                Event::Start(e) if e.name().as_ref() == "tuv" => {
                    let variant = variants.next();
                    self.variant_attributes(&e, at, variant)?;
                    self.read_variant(buf, variant)?;
                }
                Event::Empty(e) if matches!(e.name().as_ref(), "prop" | "note") => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.xml.early_end("</tu>")),
                other => {
                    let expected = Expected::one_of(&["<tuv>", "<prop>", "<note>"]).within("<tu>");
                    return Err(self.xml.unexpected(at, found(&other), expected));
                }
            }
        }
    }

    /// The attributes of a `<tuv>`: its language (`xml:lang`, or TMX 1.1's `lang`) and the
    /// others.
    fn variant_attributes(
        &self,
        e: &BytesStart<'_>,
        at: u64,
        variant: &mut TmxVariant,
    ) -> Result<(), ExchangeError> {
        let mut others = Refill::new(&mut variant.attributes);
        let lang = &mut variant.lang;
        let mut has_lang = false;
        self.each_attribute(e, at, |name, value| {
            if name == "xml:lang" || name == "lang" {
                set(lang, value);
                has_lang = true;
            } else {
                let (n, v) = others.next();
                set(n, name);
                set(v, value);
            }
        })?;
        if has_lang {
            Ok(())
        } else {
            Err(self.xml.missing(at, "tuv", "xml:lang"))
        }
    }

    /// Reads the content of a `<tuv>` (its attributes are read).
    fn read_variant(
        &mut self,
        buf: &mut Vec<u8>,
        variant: &mut TmxVariant,
    ) -> Result<(), ExchangeError> {
        let mut properties = Refill::new(&mut variant.properties);
        let mut notes = Refill::new(&mut variant.notes);
        variant.text.clear();
        variant.markup = None;
        let mut has_seg = false;
        loop {
            let (at, event) = self.xml.read(buf)?;
            match event {
                Event::End(_) => break,
                Event::Start(e) if e.name().as_ref() == "seg" => {
                    variant.markup = self.read_segment(buf, &mut variant.text)?;
                    has_seg = true;
                }
                Event::Empty(e) if e.name().as_ref() == "seg" => has_seg = true,
                Event::Start(e) if e.name().as_ref() == "prop" => {
                    let (kind, value) = properties.next();
                    self.required_into(&e, at, "type", kind)?;
                    self.read_text_into(buf, "prop", value)?;
                }
                Event::Start(e) if e.name().as_ref() == "note" => {
                    let value = notes.next();
                    self.read_text_into(buf, "note", value)?;
                }
                Event::Empty(e) if matches!(e.name().as_ref(), "prop" | "note") => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t.xml10_content()) => {}
                Event::Eof => return Err(self.xml.early_end("</tuv>")),
                Event::Start(e) | Event::Empty(e) => {
                    return Err(self.xml.unexpected(
                        at,
                        found(&Event::Start(e)),
                        Expected::one_of(&["<seg>", "<prop>", "<note>"]).within("<tuv>"),
                    ))
                }
                _ => {
                    return Err(self.xml.unexpected(
                        at,
                        Found::Text,
                        Expected::tag("<seg>").within("<tuv>"),
                    ))
                }
            }
        }
        if !has_seg {
            let end = self.xml.offset();
            return Err(self.xml.unexpected(
                end,
                Found::Tag("</tuv>".to_owned()),
                Expected::tag("<seg>").within("<tuv>"),
            ));
        }
        Ok(())
    }

    /// The content of a `<seg>`: its plain text, and its inline XML when it has elements.
    fn read_segment(
        &mut self,
        buf: &mut Vec<u8>,
        text: &mut String,
    ) -> Result<Option<String>, ExchangeError> {
        text.clear();
        let mut markup = String::new();
        let mut has_elements = false;
        // The open inline elements, and how many of them are native code: a count, so that
        // each event costs the same however deep the nesting is.
        let mut open: Vec<(String, bool)> = Vec::new();
        let mut open_codes = 0usize;
        loop {
            let (at, event) = self.xml.read(buf)?;
            let in_code = open_codes > 0;
            let push_text = |piece: &str, text: &mut String, markup: &mut String| {
                if !in_code {
                    text.push_str(piece);
                }
                if has_elements {
                    markup.push_str(&escape(piece));
                }
            };
            self.xml.limit_length(text, at)?;
            self.xml.limit_length(&markup, at)?;
            match event {
                Event::Text(t) => {
                    let content = t.xml10_content();
                    self.xml.refuse_forbidden(&content, at)?;
                    push_text(&content, text, &mut markup)
                }
                Event::CData(c) => push_text(&c.xml10_content(), text, &mut markup),
                Event::GeneralRef(r) => {
                    let resolved = self.xml.resolve(&r.xml10_content(), at)?;
                    push_text(resolved.encode_utf8(&mut [0; 4]), text, &mut markup);
                }
                Event::Start(e) | Event::Empty(e)
                    if !CODE_ELEMENTS.contains(&e.name().as_ref())
                        && !TEXT_ELEMENTS.contains(&e.name().as_ref()) =>
                {
                    return Err(self.xml.unexpected(
                        at,
                        found(&Event::Start(e)),
                        Expected::inline(&[
                            "<bpt>", "<ept>", "<ph>", "<it>", "<ut>", "<hi>", "<sub>",
                        ])
                        .within("<seg>"),
                    ));
                }
                Event::Start(e) => {
                    if open.len() == MAX_INLINE_DEPTH {
                        return Err(ExchangeError::NestedTooDeep {
                            location: self.xml.location(at),
                            limit: MAX_INLINE_DEPTH,
                        });
                    }
                    if !has_elements {
                        markup = escape(text.as_str()).into_owned();
                        has_elements = true;
                    }
                    let name = name_of(&e);
                    markup.push_str(&tag_text(&name, &self.attributes(&e, at)?, false));
                    let code = CODE_ELEMENTS.contains(&name.as_str());
                    open_codes += usize::from(code);
                    open.push((name, code));
                }
                Event::Empty(e) => {
                    if !has_elements {
                        markup = escape(text.as_str()).into_owned();
                        has_elements = true;
                    }
                    let name = name_of(&e);
                    markup.push_str(&tag_text(&name, &self.attributes(&e, at)?, true));
                }
                Event::End(_) => match open.pop() {
                    Some((name, code)) => {
                        open_codes -= usize::from(code);
                        markup.push_str("</");
                        markup.push_str(&name);
                        markup.push('>');
                    }
                    None => break,
                },
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => return Err(self.xml.early_end("</seg>")),
                other => {
                    return Err(self
                        .xml
                        .unexpected(at, found(&other), Expected::tag("</seg>")))
                }
            }
        }
        Ok(has_elements.then_some(markup))
    }
}

impl<R: BufRead> Iterator for TmxReader<R> {
    type Item = Result<TmxUnit, ExchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_unit().transpose()
    }
}

/// Writes TMX 1.4b, one unit at a time.
pub struct TmxWriter<W: Write> {
    out: W,
}

fn write_props_and_notes<W: Write>(
    out: &mut W,
    indent: &str,
    properties: &[(String, String)],
    notes: &[String],
) -> io::Result<()> {
    for note in notes {
        writeln!(out, "{indent}<note>{}</note>", escape(note.as_str()))?;
    }
    for (kind, value) in properties {
        writeln!(
            out,
            "{indent}<prop type=\"{}\">{}</prop>",
            escape(kind.as_str()),
            escape(value.as_str())
        )?;
    }
    Ok(())
}

fn attributes_text(attributes: &[(String, String)]) -> String {
    let mut text = String::new();
    for (key, value) in attributes {
        text.push(' ');
        text.push_str(key);
        text.push_str("=\"");
        text.push_str(&escape(value.as_str()));
        text.push('"');
    }
    text
}

impl<W: Write> TmxWriter<W> {
    /// Writes the XML declaration, the `<header>` and opens `<body>`. The header must have
    /// the attributes TMX 1.4b requires (creationtool, creationtoolversion, segtype, o-tmf,
    /// adminlang, srclang, datatype).
    pub fn new(mut out: W, header: &TmxHeader) -> io::Result<Self> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<tmx version=\"1.4\">")?;
        if header.properties.is_empty() && header.notes.is_empty() {
            writeln!(out, "  <header{}/>", attributes_text(&header.attributes))?;
        } else {
            writeln!(out, "  <header{}>", attributes_text(&header.attributes))?;
            write_props_and_notes(&mut out, "    ", &header.properties, &header.notes)?;
            writeln!(out, "  </header>")?;
        }
        writeln!(out, "  <body>")?;
        Ok(TmxWriter { out })
    }

    /// Writes one `<tu>`. A variant's markup, when present, is written as is: it must be TMX
    /// inline content (what [`TmxReader`] produces).
    pub fn write_unit(&mut self, unit: &TmxUnit) -> io::Result<()> {
        let out = &mut self.out;
        writeln!(out, "    <tu{}>", attributes_text(&unit.attributes))?;
        write_props_and_notes(out, "      ", &unit.properties, &unit.notes)?;
        for variant in &unit.variants {
            writeln!(
                out,
                "      <tuv xml:lang=\"{}\"{}>",
                escape(variant.lang.as_str()),
                attributes_text(&variant.attributes)
            )?;
            write_props_and_notes(out, "        ", &variant.properties, &variant.notes)?;
            let content: Cow<'_, str> = match &variant.markup {
                Some(markup) => Cow::Borrowed(markup),
                None => escape(variant.text.as_str()),
            };
            writeln!(out, "        <seg>{content}</seg>")?;
            writeln!(out, "      </tuv>")?;
        }
        writeln!(out, "    </tu>")
    }

    /// Closes the document and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        writeln!(self.out, "  </body>")?;
        writeln!(self.out, "</tmx>")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests;
