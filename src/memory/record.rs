//! How a unit is stored: one compact binary record per row of `units` (schema 3), holding
//! its variants, its first provenance, its properties and notes, and the provenance merged
//! into it since. Everything a lookup, a concordance search or an export needs of a unit is
//! read with one row; nothing in it is ever queried by SQL, so it needs no columns of its own.
//!
//! The layout (integers are LEB128 varints, signed ones zigzag-encoded; a string is its byte
//! length then its UTF-8 bytes; a list is its length then its items):
//!
//! ```text
//! record     = FORMAT variants provenance properties notes merged
//! variants   = list of (lang text flags [markup] [properties] [notes])
//!              flags: 1 markup, 2 properties, 4 notes
//! provenance = flags [segment] [context_before] [context_after] [created] [created_by]
//!              [changed] [changed_by]       flags: one bit per field, in that order
//! properties = list of (name value)
//! notes      = list of string
//! merged     = list of (origin provenance)
//! ```
//!
//! A record is about a third smaller than the JSON and text columns of schema 2 and an order
//! of magnitude cheaper to write and read.

use super::{Property, Provenance, Timestamp, VariantRecord};

/// The first byte of a record: the layout version.
const FORMAT: u8 = 1;

const VARIANT_MARKUP: u8 = 1;
const VARIANT_PROPERTIES: u8 = 2;
const VARIANT_NOTES: u8 = 4;

/// A unit as stored, decoded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UnitRecord {
    pub variants: Vec<VariantRecord>,
    /// The first provenance, without its origin (kept in the `origin` column).
    pub first: Provenance,
    pub properties: Vec<Property>,
    pub notes: Vec<String>,
    /// Provenance merged into the unit since it was stored, with their origins.
    pub merged: Vec<Provenance>,
}

/// Why a record could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum RecordError {
    #[error("the unit record is damaged")]
    Damaged,
    #[error("the unit record has an unknown layout {0}")]
    UnknownFormat(u8),
}

impl From<RecordError> for rusqlite::Error {
    fn from(e: RecordError) -> rusqlite::Error {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, Box::new(e))
    }
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn put_time(out: &mut Vec<u8>, time: Timestamp) {
    let s = time.seconds;
    put_varint(out, ((s << 1) ^ (s >> 63)) as u64);
}

fn put_properties(out: &mut Vec<u8>, properties: &[Property]) {
    put_varint(out, properties.len() as u64);
    for p in properties {
        put_str(out, &p.name);
        put_str(out, &p.value);
    }
}

fn put_notes(out: &mut Vec<u8>, notes: &[String]) {
    put_varint(out, notes.len() as u64);
    for n in notes {
        put_str(out, n);
    }
}

/// The provenance fields after the origin.
fn put_provenance(out: &mut Vec<u8>, p: &Provenance) {
    let strings = [
        &p.segment,
        &p.context_before,
        &p.context_after,
        &p.created_by,
        &p.changed_by,
    ];
    let mut flags = 0u8;
    for (bit, present) in [
        strings[0].is_some(),
        strings[1].is_some(),
        strings[2].is_some(),
        p.created.is_some(),
        strings[3].is_some(),
        p.changed.is_some(),
        strings[4].is_some(),
    ]
    .into_iter()
    .enumerate()
    {
        if present {
            flags |= 1 << bit;
        }
    }
    out.push(flags);
    for s in strings[..3].iter().copied().flatten() {
        put_str(out, s);
    }
    if let Some(t) = p.created {
        put_time(out, t);
    }
    if let Some(s) = &p.created_by {
        put_str(out, s);
    }
    if let Some(t) = p.changed {
        put_time(out, t);
    }
    if let Some(s) = &p.changed_by {
        put_str(out, s);
    }
}

/// One variant, as [`encode`] writes it, from borrowed parts (the import encodes without
/// building a [`VariantRecord`]).
pub(crate) fn put_variant(
    out: &mut Vec<u8>,
    lang: &str,
    text: &str,
    markup: Option<&str>,
    properties: &[Property],
    notes: &[String],
) {
    put_str(out, lang);
    put_str(out, text);
    let mut flags = 0;
    if markup.is_some() {
        flags |= VARIANT_MARKUP;
    }
    if !properties.is_empty() {
        flags |= VARIANT_PROPERTIES;
    }
    if !notes.is_empty() {
        flags |= VARIANT_NOTES;
    }
    out.push(flags);
    if let Some(m) = markup {
        put_str(out, m);
    }
    if !properties.is_empty() {
        put_properties(out, properties);
    }
    if !notes.is_empty() {
        put_notes(out, notes);
    }
}

/// Starts a record: the format byte and the variant count, to be followed by
/// [`put_variant`] for each variant and [`put_rest`].
pub(crate) fn put_head(out: &mut Vec<u8>, variants: usize) {
    out.push(FORMAT);
    put_varint(out, variants as u64);
}

/// Ends a record: first provenance (its origin is not written), properties, notes and
/// merged provenance.
pub(crate) fn put_rest(
    out: &mut Vec<u8>,
    first: &Provenance,
    properties: &[Property],
    notes: &[String],
    merged: &[Provenance],
) {
    put_provenance(out, first);
    put_properties(out, properties);
    put_notes(out, notes);
    put_varint(out, merged.len() as u64);
    for p in merged {
        put_str(out, &p.origin);
        put_provenance(out, p);
    }
}

/// Encodes a whole record.
pub(crate) fn encode(record: &UnitRecord) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    put_head(&mut out, record.variants.len());
    for v in &record.variants {
        put_variant(
            &mut out,
            &v.lang,
            &v.text,
            v.markup.as_deref(),
            &v.props,
            &v.notes,
        );
    }
    put_rest(
        &mut out,
        &record.first,
        &record.properties,
        &record.notes,
        &record.merged,
    );
    out
}

/// A reader over a record's bytes.
struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn byte(&mut self) -> Result<u8, RecordError> {
        let b = *self.data.get(self.at).ok_or(RecordError::Damaged)?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, RecordError> {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift >= 64 {
                return Err(RecordError::Damaged);
            }
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    fn count(&mut self) -> Result<usize, RecordError> {
        let n = self.varint()? as usize;
        // Every item takes at least a byte: a larger count is damage, not a reason to
        // reserve gigabytes.
        if n > self.data.len() - self.at {
            return Err(RecordError::Damaged);
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<&'a str, RecordError> {
        let n = self.count()?;
        let bytes = &self.data[self.at..self.at + n];
        self.at += n;
        std::str::from_utf8(bytes).map_err(|_| RecordError::Damaged)
    }

    fn string(&mut self) -> Result<String, RecordError> {
        self.str().map(str::to_owned)
    }

    fn time(&mut self) -> Result<Timestamp, RecordError> {
        let z = self.varint()?;
        Ok(Timestamp {
            seconds: ((z >> 1) as i64) ^ -((z & 1) as i64),
        })
    }

    fn properties(&mut self) -> Result<Vec<Property>, RecordError> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(Property {
                name: self.string()?,
                value: self.string()?,
            });
        }
        Ok(out)
    }

    fn notes(&mut self) -> Result<Vec<String>, RecordError> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.string()?);
        }
        Ok(out)
    }

    fn provenance(&mut self, origin: String) -> Result<Provenance, RecordError> {
        let flags = self.byte()?;
        let has = |bit: u8| flags & (1 << bit) != 0;
        let mut p = Provenance {
            origin,
            ..Provenance::default()
        };
        if has(0) {
            p.segment = Some(self.string()?);
        }
        if has(1) {
            p.context_before = Some(self.string()?);
        }
        if has(2) {
            p.context_after = Some(self.string()?);
        }
        if has(3) {
            p.created = Some(self.time()?);
        }
        if has(4) {
            p.created_by = Some(self.string()?);
        }
        if has(5) {
            p.changed = Some(self.time()?);
        }
        if has(6) {
            p.changed_by = Some(self.string()?);
        }
        Ok(p)
    }

    fn head(&mut self) -> Result<usize, RecordError> {
        match self.byte()? {
            FORMAT => self.count(),
            other => Err(RecordError::UnknownFormat(other)),
        }
    }
}

/// A variant read without copying: what lookups and dedupe need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct VariantView<'a> {
    pub lang: &'a str,
    pub text: &'a str,
    pub markup: Option<&'a str>,
}

impl<'a> VariantView<'a> {
    /// What deduplication compares: the text with its markup.
    pub fn content(&self) -> &'a str {
        self.markup.unwrap_or(self.text)
    }
}

fn skip_variant_extras(c: &mut Cursor<'_>, flags: u8) -> Result<(), RecordError> {
    if flags & VARIANT_PROPERTIES != 0 {
        for _ in 0..c.count()? {
            c.str()?;
            c.str()?;
        }
    }
    if flags & VARIANT_NOTES != 0 {
        for _ in 0..c.count()? {
            c.str()?;
        }
    }
    Ok(())
}

/// The variants of a record, borrowed from its bytes.
pub(crate) fn variants(data: &[u8]) -> Result<Vec<VariantView<'_>>, RecordError> {
    let mut c = Cursor { data, at: 0 };
    let n = c.head()?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let lang = c.str()?;
        let text = c.str()?;
        let flags = c.byte()?;
        let markup = if flags & VARIANT_MARKUP != 0 {
            Some(c.str()?)
        } else {
            None
        };
        skip_variant_extras(&mut c, flags)?;
        out.push(VariantView { lang, text, markup });
    }
    Ok(out)
}

/// The variants, with the first provenance's context and change time and the merged
/// provenance's contexts: what a lookup shows and ranks by.
pub(crate) struct LookupView<'a> {
    pub variants: Vec<VariantView<'a>>,
    pub changed: Option<Timestamp>,
    /// (before, after) of the first provenance, then of each merged one.
    pub contexts: Vec<(Option<String>, Option<String>)>,
}

/// Reads what a lookup needs of a record.
pub(crate) fn lookup_view(data: &[u8], with_contexts: bool) -> Result<LookupView<'_>, RecordError> {
    let mut c = Cursor { data, at: 0 };
    let n = c.head()?;
    let mut variants = Vec::with_capacity(n);
    for _ in 0..n {
        let lang = c.str()?;
        let text = c.str()?;
        let flags = c.byte()?;
        let markup = if flags & VARIANT_MARKUP != 0 {
            Some(c.str()?)
        } else {
            None
        };
        skip_variant_extras(&mut c, flags)?;
        variants.push(VariantView { lang, text, markup });
    }
    let first = c.provenance(String::new())?;
    let changed = first.changed.or(first.created);
    let mut contexts = Vec::new();
    if with_contexts {
        contexts.push((first.context_before, first.context_after));
        c.properties()?;
        c.notes()?;
        for _ in 0..c.count()? {
            let origin = c.string()?;
            let p = c.provenance(origin)?;
            contexts.push((p.context_before, p.context_after));
        }
    }
    Ok(LookupView {
        variants,
        changed,
        contexts,
    })
}

/// Decodes a whole record; the first provenance gets `origin`.
pub(crate) fn decode(data: &[u8], origin: String) -> Result<UnitRecord, RecordError> {
    let mut c = Cursor { data, at: 0 };
    let n = c.head()?;
    let mut variants = Vec::with_capacity(n);
    for _ in 0..n {
        let lang = c.string()?;
        let text = c.string()?;
        let flags = c.byte()?;
        let markup = if flags & VARIANT_MARKUP != 0 {
            Some(c.string()?)
        } else {
            None
        };
        let props = if flags & VARIANT_PROPERTIES != 0 {
            c.properties()?
        } else {
            Vec::new()
        };
        let notes = if flags & VARIANT_NOTES != 0 {
            c.notes()?
        } else {
            Vec::new()
        };
        variants.push(VariantRecord {
            lang,
            text,
            markup,
            props,
            notes,
        });
    }
    let first = c.provenance(origin)?;
    let properties = c.properties()?;
    let notes = c.notes()?;
    let mut merged = Vec::new();
    for _ in 0..c.count()? {
        let origin = c.string()?;
        merged.push(c.provenance(origin)?);
    }
    if c.at != data.len() {
        return Err(RecordError::Damaged);
    }
    Ok(UnitRecord {
        variants,
        first,
        properties,
        notes,
        merged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> UnitRecord {
        UnitRecord {
            variants: vec![
                VariantRecord {
                    lang: "en-GB".into(),
                    text: "The harbour opens.".into(),
                    markup: Some("The <bpt i=\"1\">&lt;b&gt;</bpt>harbour".into()),
                    props: vec![Property {
                        name: "x-style".into(),
                        value: "formal".into(),
                    }],
                    notes: vec!["UK spelling".into()],
                },
                VariantRecord {
                    lang: "fr".into(),
                    text: "Le port ouvre.".into(),
                    markup: None,
                    props: Vec::new(),
                    notes: Vec::new(),
                },
            ],
            first: Provenance {
                origin: String::new(),
                segment: Some("a1".into()),
                context_before: Some("Good evening.".into()),
                context_after: None,
                created: Some(Timestamp {
                    seconds: 1_700_000_000,
                }),
                created_by: Some("lena".into()),
                changed: Some(Timestamp { seconds: -5 }),
                changed_by: None,
            },
            properties: vec![Property {
                name: "x-event".into(),
                value: "Opening".into(),
            }],
            notes: vec!["Checked".into()],
            merged: vec![Provenance {
                origin: "notes".into(),
                segment: Some("n7".into()),
                context_after: Some("Next.".into()),
                ..Provenance::default()
            }],
        }
    }

    #[test]
    fn records_round_trip() {
        let record = sample();
        let bytes = encode(&record);
        assert_eq!(decode(&bytes, String::new()).unwrap(), record);
        let views = variants(&bytes).unwrap();
        assert_eq!(views.len(), 2);
        assert_eq!(
            views[0].content(),
            "The <bpt i=\"1\">&lt;b&gt;</bpt>harbour"
        );
        assert_eq!(views[1].content(), "Le port ouvre.");
        let view = lookup_view(&bytes, true).unwrap();
        assert_eq!(view.changed, Some(Timestamp { seconds: -5 }));
        assert_eq!(
            view.contexts,
            vec![
                (Some("Good evening.".into()), None),
                (None, Some("Next.".into()))
            ]
        );
    }

    #[test]
    fn damaged_records_are_errors_not_panics() {
        let bytes = encode(&sample());
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut], String::new()).is_err());
        }
        assert_eq!(
            decode(&[9, 0], String::new()),
            Err(RecordError::UnknownFormat(9))
        );
        assert!(variants(&[FORMAT, 0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
    }

    proptest! {
        #[test]
        fn any_record_round_trips(
            texts in proptest::collection::vec(".{0,30}", 2..4),
            segment in proptest::option::of(".{0,10}"),
            seconds in any::<i64>(),
            notes in proptest::collection::vec(".{0,10}", 0..3),
        ) {
            let record = UnitRecord {
                variants: texts.iter().enumerate().map(|(i, t)| VariantRecord {
                    lang: format!("l{i}"),
                    text: t.clone(),
                    markup: None,
                    props: Vec::new(),
                    notes: notes.clone(),
                }).collect(),
                first: Provenance {
                    segment,
                    created: Some(Timestamp { seconds }),
                    ..Provenance::default()
                },
                properties: Vec::new(),
                notes,
                merged: Vec::new(),
            };
            prop_assert_eq!(decode(&encode(&record), String::new()).unwrap(), record);
        }

        #[test]
        fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode(&data, String::new());
            let _ = variants(&data);
            let _ = lookup_view(&data, true);
        }
    }
}
