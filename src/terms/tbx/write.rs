//! The TBX writer: TBX-Basic in the 2019 format (ISO 30042:2019, TBX v3, DCA style), one
//! concept at a time, every text escaped, so that what [`super::TbxReader`] reads back is
//! what was written.

use std::io::{self, Write};

use unic_langid::LanguageIdentifier;

use crate::exchange::xml_escape as escape;

use super::super::model::Concept;

/// The namespace of TBX 2019.
pub const TBX_NAMESPACE: &str = "urn:iso:std:iso:30042:ed-2";

/// Writes TBX-Basic (TBX v3, DCA style), one concept at a time.
pub struct TbxWriter<W: Write> {
    out: W,
    body_open: bool,
}

fn write_notes<W: Write>(out: &mut W, indent: &str, note: Option<&str>) -> io::Result<()> {
    for line in note.into_iter().flat_map(str::lines) {
        writeln!(out, "{indent}<note>{}</note>", escape(line))?;
    }
    Ok(())
}

impl<W: Write> TbxWriter<W> {
    /// Writes the XML declaration, the root (`xml:lang`: the language of the file, that is
    /// of its header) and the header, and opens `<text>`. `source` is written in the
    /// header's source description.
    pub fn new(mut out: W, lang: &LanguageIdentifier, source: &str) -> io::Result<Self> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"{}\" xmlns=\"{TBX_NAMESPACE}\">",
            escape(&lang.to_string())
        )?;
        writeln!(out, "  <tbxHeader>")?;
        writeln!(out, "    <fileDesc>")?;
        writeln!(out, "      <sourceDesc>")?;
        writeln!(out, "        <p>{}</p>", escape(source))?;
        writeln!(out, "      </sourceDesc>")?;
        writeln!(out, "    </fileDesc>")?;
        writeln!(out, "  </tbxHeader>")?;
        writeln!(out, "  <text>")?;
        Ok(TbxWriter {
            out,
            body_open: false,
        })
    }

    /// Writes one `<conceptEntry>`. A concept must have an id (stored concepts have one) and
    /// at least one term; one without a term is not written (TBX requires a `<langSec>`
    /// with a `<termSec>`).
    pub fn write_concept(&mut self, concept: &Concept) -> io::Result<()> {
        if concept.term_count() == 0 {
            return Ok(());
        }
        let out = &mut self.out;
        if !self.body_open {
            writeln!(out, "    <body>")?;
            self.body_open = true;
        }
        let id = concept.id.clone().unwrap_or_else(|| concept.derived_id());
        writeln!(out, "      <conceptEntry id=\"{}\">", escape(&id))?;
        if let Some(subject) = &concept.subject_field {
            writeln!(
                out,
                "        <descrip type=\"subjectField\">{}</descrip>",
                escape(subject)
            )?;
        }
        if let Some(definition) = &concept.definition {
            writeln!(
                out,
                "        <descrip type=\"definition\">{}</descrip>",
                escape(definition)
            )?;
        }
        write_notes(out, "        ", concept.note.as_deref())?;
        for section in concept.languages.iter().filter(|s| !s.terms.is_empty()) {
            writeln!(
                out,
                "        <langSec xml:lang=\"{}\">",
                escape(&section.lang.to_string())
            )?;
            for term in &section.terms {
                writeln!(out, "          <termSec>")?;
                writeln!(out, "            <term>{}</term>", escape(&term.text))?;
                if let Some(pos) = &term.part_of_speech {
                    writeln!(
                        out,
                        "            <termNote type=\"partOfSpeech\">{}</termNote>",
                        escape(pos)
                    )?;
                }
                if let Some(status) = term.status {
                    writeln!(
                        out,
                        "            <termNote type=\"administrativeStatus\">{}</termNote>",
                        status.tbx_value()
                    )?;
                }
                write_notes(out, "            ", term.note.as_deref())?;
                writeln!(out, "          </termSec>")?;
            }
            writeln!(out, "        </langSec>")?;
        }
        writeln!(out, "      </conceptEntry>")
    }

    /// Closes the document and returns the output (a file without a concept has no
    /// `<body>`, which TBX allows).
    pub fn finish(mut self) -> io::Result<W> {
        if self.body_open {
            writeln!(self.out, "    </body>")?;
        }
        writeln!(self.out, "  </text>")?;
        writeln!(self.out, "</tbx>")?;
        self.out.flush()?;
        Ok(self.out)
    }
}
