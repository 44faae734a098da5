//! Writing XLIFF 1.2 or 2.x, one unit at a time, in the shapes CAT tools open: a 1.2
//! `<file>` with `source-language`, `target-language`, `datatype="plaintext"` and `original`,
//! `<trans-unit>`s with `<source>`, `<target state>` and `<alt-trans match-quality>`; a 2.x
//! document in the core namespace with `<unit><segment state>` and the matches module.
//!
//! The writer is literal: it writes the unit's texts (never markup), its `kind` as 1.2
//! `restype` or 2.x `type`, its states through [`SegmentState::to_1_2`] / [`SegmentState::to_2`]
//! and its qualifiers and match kinds as given, so the caller chooses values valid for the
//! version it writes.

use std::io::{self, Write};

use crate::exchange::xml_escape as escape;

use super::{
    SegmentState, XliffMatch, XliffSegment, XliffUnit, XliffVersion, NAMESPACE_1_2, NAMESPACE_2,
    NAMESPACE_GLOSSARY, NAMESPACE_MATCHES,
};

/// What the document says once, at the top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XliffHeader {
    /// The version written.
    pub version: XliffVersion,
    /// The source language tag.
    pub source_language: String,
    /// The target language tag.
    pub target_language: String,
    /// The file the units come from (1.2 `original`, required; 2.x `original`).
    pub original: String,
    /// The version of the tool that wrote it (1.2 `<tool>`).
    pub tool_version: String,
}

/// Writes XLIFF, one unit at a time.
pub struct XliffWriter<W: Write> {
    out: W,
    version: XliffVersion,
}

/// Whether XML 1.0 allows a character in content.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Text for an attribute or a note: escaped, characters XML cannot hold replaced by U+FFFD.
fn attribute_text(text: &str) -> String {
    if text.chars().all(is_xml_char) {
        escape(text).into_owned()
    } else {
        let cleaned: String = text
            .chars()
            .map(|c| if is_xml_char(c) { c } else { '\u{fffd}' })
            .collect();
        escape(cleaned.as_str()).into_owned()
    }
}

impl<W: Write> XliffWriter<W> {
    /// Writes the XML declaration and opens the document and its one `<file>` (and, in
    /// 1.2, its `<header>` and `<body>`).
    pub fn new(mut out: W, header: &XliffHeader) -> io::Result<Self> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        let source = attribute_text(&header.source_language);
        let target = attribute_text(&header.target_language);
        let original = attribute_text(&header.original);
        if header.version.is_v2() {
            writeln!(
                out,
                "<xliff xmlns=\"{NAMESPACE_2}\" xmlns:mtc=\"{NAMESPACE_MATCHES}\" xmlns:gls=\"{NAMESPACE_GLOSSARY}\" version=\"{}\" srcLang=\"{source}\" trgLang=\"{target}\">",
                header.version.as_str()
            )?;
            writeln!(out, "  <file id=\"f1\" original=\"{original}\">")?;
        } else {
            writeln!(out, "<xliff xmlns=\"{NAMESPACE_1_2}\" version=\"1.2\">")?;
            writeln!(
                out,
                "  <file original=\"{original}\" source-language=\"{source}\" target-language=\"{target}\" datatype=\"plaintext\" tool-id=\"tribune\">"
            )?;
            writeln!(out, "    <header>")?;
            writeln!(
                out,
                "      <tool tool-id=\"tribune\" tool-name=\"Tribune\" tool-version=\"{}\"/>",
                attribute_text(&header.tool_version)
            )?;
            writeln!(out, "    </header>")?;
            writeln!(out, "    <body>")?;
        }
        Ok(XliffWriter {
            out,
            version: header.version,
        })
    }

    /// Segment text: escaped; in 2.x a character XML cannot hold becomes `<cp hex>`, in 1.2
    /// U+FFFD.
    fn content(&self, text: &str) -> String {
        if text.chars().all(is_xml_char) {
            return escape(text).into_owned();
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut run = String::new();
        for c in text.chars() {
            if is_xml_char(c) {
                run.push(c);
                continue;
            }
            out.push_str(&escape(run.as_str()));
            run.clear();
            if self.version.is_v2() {
                out.push_str(&format!("<cp hex=\"{:04X}\"/>", c as u32));
            } else {
                out.push('\u{fffd}');
            }
        }
        out.push_str(&escape(run.as_str()));
        out
    }

    /// Writes one unit.
    pub fn write_unit(&mut self, unit: &XliffUnit) -> io::Result<()> {
        if self.version.is_v2() {
            self.write_unit_2(unit)
        } else {
            self.write_unit_1_2(unit)
        }
    }

    fn write_unit_1_2(&mut self, unit: &XliffUnit) -> io::Result<()> {
        let mut attributes = format!(" id=\"{}\"", attribute_text(&unit.id));
        if !unit.translate {
            attributes.push_str(" translate=\"no\"");
        }
        if let Some(kind) = &unit.kind {
            attributes.push_str(&format!(" restype=\"{}\"", attribute_text(kind)));
        }
        writeln!(
            self.out,
            "      <trans-unit{attributes} xml:space=\"preserve\">"
        )?;
        match unit.segments.as_slice() {
            [] => writeln!(self.out, "        <source></source>")?,
            [only] => {
                writeln!(
                    self.out,
                    "        <source>{}</source>",
                    self.content(&only.source.text)
                )?;
                if let Some(target) = &only.target {
                    writeln!(
                        self.out,
                        "        <target{}>{}</target>",
                        state_attributes_1_2(only),
                        self.content(&target.text)
                    )?;
                }
            }
            several => self.write_segmented_1_2(several)?,
        }
        for candidate in &unit.matches {
            self.write_alt_trans(candidate)?;
        }
        for note in &unit.notes {
            writeln!(
                self.out,
                "        <note from=\"tribune\">{}</note>",
                attribute_text(note)
            )?;
        }
        writeln!(self.out, "      </trans-unit>")
    }

    /// Several segments in one 1.2 unit: the whole source, a `<seg-source>` with one
    /// `<mrk mtype="seg">` per segment, and the target segmented the same way.
    fn write_segmented_1_2(&mut self, segments: &[XliffSegment]) -> io::Result<()> {
        let mid = |k: usize, s: &XliffSegment| s.id.clone().unwrap_or_else(|| (k + 1).to_string());
        let whole: Vec<String> = segments
            .iter()
            .map(|s| self.content(&s.source.text))
            .collect();
        writeln!(self.out, "        <source>{}</source>", whole.join(" "))?;
        let marked: Vec<String> = segments
            .iter()
            .enumerate()
            .map(|(k, s)| {
                format!(
                    "<mrk mtype=\"seg\" mid=\"{}\">{}</mrk>",
                    attribute_text(&mid(k, s)),
                    self.content(&s.source.text)
                )
            })
            .collect();
        writeln!(
            self.out,
            "        <seg-source>{}</seg-source>",
            marked.join(" ")
        )?;
        if segments.iter().any(|s| s.target.is_some()) {
            let targets: Vec<String> = segments
                .iter()
                .enumerate()
                .map(|(k, s)| {
                    format!(
                        "<mrk mtype=\"seg\" mid=\"{}\">{}</mrk>",
                        attribute_text(&mid(k, s)),
                        self.content(s.target.as_ref().map_or("", |t| t.text.as_str()))
                    )
                })
                .collect();
            // One state for the whole target: the least advanced of the segments.
            let least = segments
                .iter()
                .filter(|s| s.target.is_some())
                .min_by_key(|s| s.state)
                .cloned()
                .unwrap_or_default();
            writeln!(
                self.out,
                "        <target{}>{}</target>",
                state_attributes_1_2(&least),
                targets.join(" ")
            )?;
        }
        Ok(())
    }

    fn write_alt_trans(&mut self, candidate: &XliffMatch) -> io::Result<()> {
        let mut attributes = String::new();
        if let Some(quality) = candidate.quality {
            attributes.push_str(&format!(" match-quality=\"{}\"", quality.round() as i64));
        }
        if let Some(origin) = &candidate.origin {
            attributes.push_str(&format!(" origin=\"{}\"", attribute_text(origin)));
        }
        if let Some(kind) = &candidate.kind {
            attributes.push_str(&format!(" alttranstype=\"{}\"", attribute_text(kind)));
        }
        writeln!(self.out, "        <alt-trans{attributes}>")?;
        if let Some(source) = &candidate.source {
            writeln!(
                self.out,
                "          <source>{}</source>",
                self.content(source)
            )?;
        }
        writeln!(
            self.out,
            "          <target>{}</target>",
            self.content(&candidate.target)
        )?;
        writeln!(self.out, "        </alt-trans>")
    }

    /// The matches module of a 2.x unit: each candidate with its score, origin and the
    /// segment it is for.
    fn write_matches_2(
        &mut self,
        unit: &XliffUnit,
        segment_id: &dyn Fn(usize, &XliffSegment) -> String,
    ) -> io::Result<()> {
        if !unit.matches.is_empty() {
            writeln!(self.out, "      <mtc:matches>")?;
            for candidate in &unit.matches {
                let reference = candidate
                    .segment
                    .clone()
                    .or_else(|| unit.segments.first().map(|s| segment_id(0, s)))
                    .unwrap_or_else(|| "s1".to_owned());
                let mut attributes = format!(" ref=\"#{}\"", attribute_text(&reference));
                if let Some(quality) = candidate.quality {
                    attributes.push_str(&format!(" matchQuality=\"{:.1}\"", quality));
                }
                if let Some(origin) = &candidate.origin {
                    attributes.push_str(&format!(" origin=\"{}\"", attribute_text(origin)));
                }
                if let Some(kind) = &candidate.kind {
                    attributes.push_str(&format!(" type=\"{}\"", attribute_text(kind)));
                }
                writeln!(self.out, "        <mtc:match{attributes}>")?;
                writeln!(
                    self.out,
                    "          <source>{}</source>",
                    self.content(candidate.source.as_deref().unwrap_or(""))
                )?;
                writeln!(
                    self.out,
                    "          <target>{}</target>",
                    self.content(&candidate.target)
                )?;
                writeln!(self.out, "        </mtc:match>")?;
            }
            writeln!(self.out, "      </mtc:matches>")?;
        }
        Ok(())
    }

    /// The glossary module of a 2.x unit: the term base's terms of its source.
    fn write_glossary_2(&mut self, unit: &XliffUnit) -> io::Result<()> {
        if !unit.glossary.is_empty() {
            writeln!(self.out, "      <gls:glossary>")?;
            for entry in &unit.glossary {
                writeln!(self.out, "        <gls:glossEntry>")?;
                let source = entry.origin.as_deref().map_or_else(String::new, |o| {
                    format!(" source=\"{}\"", attribute_text(o))
                });
                writeln!(
                    self.out,
                    "          <gls:term{source}>{}</gls:term>",
                    attribute_text(&entry.term)
                )?;
                for translation in &entry.translations {
                    writeln!(
                        self.out,
                        "          <gls:translation>{}</gls:translation>",
                        attribute_text(translation)
                    )?;
                }
                if let Some(definition) = &entry.definition {
                    writeln!(
                        self.out,
                        "          <gls:definition>{}</gls:definition>",
                        attribute_text(definition)
                    )?;
                }
                writeln!(self.out, "        </gls:glossEntry>")?;
            }
            writeln!(self.out, "      </gls:glossary>")?;
        }
        Ok(())
    }

    fn write_unit_2(&mut self, unit: &XliffUnit) -> io::Result<()> {
        let mut attributes = format!(" id=\"{}\"", attribute_text(&unit.id));
        if !unit.translate {
            attributes.push_str(" translate=\"no\"");
        }
        if let Some(kind) = &unit.kind {
            attributes.push_str(&format!(" type=\"{}\"", attribute_text(kind)));
        }
        writeln!(self.out, "    <unit{attributes}>")?;
        let segment_id =
            |k: usize, s: &XliffSegment| s.id.clone().unwrap_or_else(|| format!("s{}", k + 1));
        self.write_matches_2(unit, &segment_id)?;
        self.write_glossary_2(unit)?;
        if !unit.notes.is_empty() {
            writeln!(self.out, "      <notes>")?;
            for note in &unit.notes {
                writeln!(
                    self.out,
                    "        <note category=\"tribune\">{}</note>",
                    attribute_text(note)
                )?;
            }
            writeln!(self.out, "      </notes>")?;
        }
        let empty = [XliffSegment::default()];
        let segments = if unit.segments.is_empty() {
            &empty[..]
        } else {
            &unit.segments[..]
        };
        for (k, segment) in segments.iter().enumerate() {
            let mut attributes = format!(" id=\"{}\"", attribute_text(&segment_id(k, segment)));
            let state = match (&segment.target, segment.state) {
                (None, _) | (_, None) => SegmentState::Initial,
                (Some(_), Some(state)) => state,
            };
            attributes.push_str(&format!(" state=\"{}\"", state.to_2()));
            if let Some(qualifier) = &segment.qualifier {
                attributes.push_str(&format!(" subState=\"{}\"", attribute_text(qualifier)));
            }
            writeln!(self.out, "      <segment{attributes}>")?;
            writeln!(
                self.out,
                "        <source>{}</source>",
                self.content(&segment.source.text)
            )?;
            if let Some(target) = &segment.target {
                writeln!(
                    self.out,
                    "        <target>{}</target>",
                    self.content(&target.text)
                )?;
            }
            writeln!(self.out, "      </segment>")?;
        }
        writeln!(self.out, "    </unit>")
    }

    /// Closes the document and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        if self.version.is_v2() {
            writeln!(self.out, "  </file>")?;
        } else {
            writeln!(self.out, "    </body>")?;
            writeln!(self.out, "  </file>")?;
        }
        writeln!(self.out, "</xliff>")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

fn state_attributes_1_2(segment: &XliffSegment) -> String {
    let mut attributes = String::new();
    if let Some(state) = segment.state {
        attributes.push_str(&format!(" state=\"{}\"", state.to_1_2()));
    }
    if let Some(qualifier) = &segment.qualifier {
        attributes.push_str(&format!(
            " state-qualifier=\"{}\"",
            attribute_text(qualifier)
        ));
    }
    attributes
}
