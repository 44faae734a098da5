//! TMX units and memory units, both ways: what an import stores for each `<tu>` (its
//! attributes as provenance, its properties kept) and what an export writes back, so that
//! a round trip through Tribune keeps what the file said.

use std::io::Write;
use std::ops::ControlFlow;

use unic_langid::LanguageIdentifier;

use crate::exchange::{TmxHeader, TmxUnit, TmxVariant, TmxWriter};
use crate::lang;
use crate::memory::{
    NewUnit, Property, SkipReason, StoredUnit, Timestamp, TranslationStore, Variant,
};

use super::properties::{
    ATTRIBUTE_PREFIX, CONTEXT_AFTER as CONTEXT_AFTER_PROP, CONTEXT_BEFORE as CONTEXT_BEFORE_PROP,
    ORIGIN as ORIGIN_PROP, PROVENANCE_ATTRIBUTES,
};
use super::IngestError;

/// The two languages an export keeps (`--lang-pair en:fr`).
#[derive(Debug, Clone, PartialEq)]
pub struct LanguagePair {
    /// The source language.
    pub from: LanguageIdentifier,
    /// The target language.
    pub to: LanguageIdentifier,
}

/// What an export writes.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Only units with both languages, and only these two variants.
    pub lang_pair: Option<LanguagePair>,
    /// Only units from this origin.
    pub origin: Option<String>,
}

/// Language tags as written in a file, parsed once: a file repeats the same few thousands
/// of times.
#[derive(Default)]
pub(crate) struct LanguageCache {
    parsed: Vec<(String, Option<LanguageIdentifier>)>,
}

impl LanguageCache {
    pub(crate) fn parse(&mut self, tag: &str) -> Option<LanguageIdentifier> {
        if let Some((_, lang)) = self.parsed.iter().find(|(t, _)| t == tag) {
            return lang.clone();
        }
        let lang = lang::parse_tag(tag);
        if self.parsed.len() < 64 {
            self.parsed.push((tag.to_owned(), lang.clone()));
        }
        lang
    }
}

/// Replaces a string's content, keeping its allocation.
fn set(target: &mut String, value: &str) {
    target.clear();
    target.push_str(value);
}

/// Sets an optional string, keeping its allocation when it has one.
fn set_optional(target: &mut Option<String>, value: Option<&str>) {
    match (target.as_mut(), value) {
        (Some(t), Some(v)) => set(t, v),
        (None, Some(v)) => *target = Some(v.to_owned()),
        (_, None) => *target = None,
    }
}

/// Refills a list of properties from (prefix + name, value) pairs, reusing its strings.
fn refill_properties<'p>(
    properties: &mut Vec<Property>,
    used: &mut usize,
    prefix: &str,
    pairs: impl Iterator<Item = (&'p str, &'p str)>,
) {
    for (name, value) in pairs {
        if *used == properties.len() {
            properties.push(Property {
                name: String::new(),
                value: String::new(),
            });
        }
        let property = &mut properties[*used];
        property.name.clear();
        property.name.push_str(prefix);
        property.name.push_str(name);
        set(&mut property.value, value);
        *used += 1;
    }
}

/// Refills a list of strings, reusing them.
fn refill_strings(strings: &mut Vec<String>, values: &[String]) {
    strings.truncate(values.len());
    for (i, value) in values.iter().enumerate() {
        match strings.get_mut(i) {
            Some(s) => set(s, value),
            None => strings.push(value.clone()),
        }
    }
}

/// Turns a TMX unit into the unit to store, in `out`, reusing its strings and lists: an
/// import converts millions of units.
pub(crate) fn fill_unit(
    unit: &TmxUnit,
    out: &mut NewUnit,
    origin: &str,
    explicit_origin: bool,
    user: &Option<String>,
    languages: &mut LanguageCache,
    now: Timestamp,
) -> Result<(), SkipReason> {
    let mut bad_language = false;
    let mut used = 0;
    for v in &unit.variants {
        let Some(lang) = languages.parse(&v.lang) else {
            bad_language = true;
            continue;
        };
        if used == out.variants.len() {
            out.variants.push(Variant::new(lang.clone(), String::new()));
        }
        let variant = &mut out.variants[used];
        used += 1;
        variant.lang = lang;
        set(&mut variant.text, &v.text);
        variant.markup.clone_from(&v.markup);
        let mut properties = 0;
        refill_properties(
            &mut variant.properties,
            &mut properties,
            ATTRIBUTE_PREFIX,
            v.attributes.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        );
        refill_properties(
            &mut variant.properties,
            &mut properties,
            "",
            v.properties.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        );
        variant.properties.truncate(properties);
        refill_strings(&mut variant.notes, &v.notes);
    }
    out.variants.truncate(used);
    if bad_language {
        let mut tags: Vec<String> = out.variants.iter().map(|v| v.lang.to_string()).collect();
        tags.sort();
        tags.dedup();
        if tags.len() < 2 {
            return Err(SkipReason::BadLanguage);
        }
    }
    let attribute = |name: &str| {
        unit.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let provenance = &mut out.provenance;
    set(&mut provenance.origin, origin);
    set_optional(&mut provenance.segment, attribute("tuid"));
    provenance.created = attribute("creationdate")
        .and_then(Timestamp::parse)
        .or(Some(now));
    set_optional(
        &mut provenance.created_by,
        attribute("creationid").or(user.as_deref()),
    );
    provenance.changed = attribute("changedate").and_then(Timestamp::parse);
    set_optional(&mut provenance.changed_by, attribute("changeid"));
    provenance.context_before = None;
    provenance.context_after = None;
    let mut properties = 0;
    for (name, value) in &unit.properties {
        match name.as_str() {
            CONTEXT_BEFORE_PROP => provenance.context_before = Some(value.clone()),
            CONTEXT_AFTER_PROP => provenance.context_after = Some(value.clone()),
            ORIGIN_PROP if !explicit_origin => set(&mut provenance.origin, value),
            ORIGIN_PROP => {}
            _ => refill_properties(
                &mut out.properties,
                &mut properties,
                "",
                std::iter::once((name.as_str(), value.as_str())),
            ),
        }
    }
    refill_properties(
        &mut out.properties,
        &mut properties,
        ATTRIBUTE_PREFIX,
        unit.attributes
            .iter()
            .filter(|(name, _)| !PROVENANCE_ATTRIBUTES.contains(&name.as_str()))
            .map(|(n, v)| (n.as_str(), v.as_str())),
    );
    out.properties.truncate(properties);
    refill_strings(&mut out.notes, &unit.notes);
    Ok(())
}

/// The TMX unit a stored unit becomes (only the pair's two variants, when one is given;
/// `None` when the unit lacks one of them).
pub fn unit_to_tmx(unit: StoredUnit, pair: Option<&LanguagePair>) -> Option<TmxUnit> {
    let mut variants: Vec<Variant> = unit.variants;
    if let Some(pair) = pair {
        let pick = |lang: &LanguageIdentifier, variants: &[Variant]| {
            variants.iter().position(|v| v.lang == *lang).or_else(|| {
                variants
                    .iter()
                    .position(|v| v.lang.language == lang.language)
            })
        };
        let from = pick(&pair.from, &variants)?;
        let to = pick(&pair.to, &variants)?;
        if from == to {
            return None;
        }
        variants = vec![variants[from].clone(), variants[to].clone()];
    }
    let first = unit.provenance.first().cloned().unwrap_or_default();
    let mut attributes = vec![(
        "tuid".to_owned(),
        first.segment.clone().unwrap_or_else(|| unit.id.to_string()),
    )];
    let mut push = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            attributes.push((name.to_owned(), value));
        }
    };
    push("creationdate", first.created.map(|t| t.to_basic()));
    push("creationid", first.created_by.clone());
    push("changedate", first.changed.map(|t| t.to_basic()));
    push("changeid", first.changed_by.clone());
    let mut properties = Vec::new();
    for p in unit.properties {
        match p.name.strip_prefix(ATTRIBUTE_PREFIX) {
            Some(name) if !attributes.iter().any(|(n, _)| n == name) => {
                attributes.push((name.to_owned(), p.value));
            }
            Some(_) => {}
            None => properties.push((p.name, p.value)),
        }
    }
    if !first.origin.is_empty() {
        properties.push((ORIGIN_PROP.to_owned(), first.origin.clone()));
    }
    if let Some(before) = first.context_before {
        properties.push((CONTEXT_BEFORE_PROP.to_owned(), before));
    }
    if let Some(after) = first.context_after {
        properties.push((CONTEXT_AFTER_PROP.to_owned(), after));
    }
    let variants = variants
        .into_iter()
        .map(|v| {
            let mut tv = TmxVariant {
                lang: v.lang.to_string(),
                text: v.text,
                markup: v.markup,
                notes: v.notes,
                ..TmxVariant::default()
            };
            for p in v.properties {
                match p.name.strip_prefix(ATTRIBUTE_PREFIX) {
                    Some(name) => tv.attributes.push((name.to_owned(), p.value)),
                    None => tv.properties.push((p.name, p.value)),
                }
            }
            tv
        })
        .collect();
    Some(TmxUnit {
        line: 0,
        attributes,
        properties,
        notes: unit.notes,
        variants,
    })
}

/// The `adminlang` of an exported memory: the language of its administrative text, which is
/// only property names and values Tribune defines (`x-tribune-kind`, `salutation`), written
/// in English whatever the interface language; a unit's own notes keep their `xml:lang`.
pub const EXPORT_ADMIN_LANGUAGE: &str = "en";

/// The header of an exported TMX file (its source language the pair's, or `*all*`).
pub fn export_header(pair: Option<&LanguagePair>) -> TmxHeader {
    let srclang = pair.map_or_else(|| "*all*".to_owned(), |p| p.from.to_string());
    TmxHeader {
        attributes: vec![
            ("creationtool".into(), "Tribune".into()),
            (
                "creationtoolversion".into(),
                env!("CARGO_PKG_VERSION").into(),
            ),
            ("segtype".into(), "sentence".into()),
            ("o-tmf".into(), "Tribune".into()),
            ("adminlang".into(), EXPORT_ADMIN_LANGUAGE.into()),
            ("srclang".into(), srclang),
            ("datatype".into(), "plaintext".into()),
        ],
        ..TmxHeader::default()
    }
}

/// Writes the memory as TMX to `out` (units in storage order, filtered by `options`) and
/// returns the writer, flushed of nothing: the caller commits a file or flushes a stream.
pub fn export_tmx<W: Write>(
    store: &dyn TranslationStore,
    out: W,
    options: &ExportOptions,
) -> Result<W, IngestError> {
    let mut writer = TmxWriter::new(out, &export_header(options.lang_pair.as_ref()))
        .map_err(IngestError::Write)?;
    let mut failed: Option<std::io::Error> = None;
    store.for_each_unit(options.origin.as_deref(), &mut |unit| {
        let Some(tmx) = unit_to_tmx(unit, options.lang_pair.as_ref()) else {
            return ControlFlow::Continue(());
        };
        match writer.write_unit(&tmx) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failed = Some(e);
                ControlFlow::Break(())
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(IngestError::Write(e));
    }
    writer.finish().map_err(IngestError::Write)
}
