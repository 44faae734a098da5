//! Term base files into a memory and back: [`import_terms`] reads a TBX, CSV or TSV file
//! into the store in one transaction, [`export_tbx`] writes the store's term base as TBX.

use std::io::{BufRead, Write};
use std::ops::ControlFlow;
use std::path::Path;

use unic_langid::LanguageIdentifier;

use crate::exchange::input::{utf8_input, SniffedInput};
use crate::memory::{TermImportSummary, TranslationStore};
use crate::textfile::Origin;

use super::csv::{CsvReader, Delimiter};
use super::model::Concept;
use super::tbx::{TbxReader, TbxWriter};
use super::TermsError;

/// The formats of a term base file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermFormat {
    /// TBX (2008 or 2019; TBX-Basic, TBX-Min and the concepts of other dialects).
    Tbx,
    /// Comma-separated values with a header row (docs/terms.md).
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
}

impl TermFormat {
    /// The format of a file, from its name (`.tbx`, `.xml`, `.csv`, `.tsv`, `.tab`, `.txt`)
    /// or else its first bytes: XML (a `<` or a UTF-16 byte order mark) is TBX, a first line
    /// with a tab TSV, anything else CSV.
    pub fn detect(name: &Path, head: &[u8]) -> TermFormat {
        let extension = name
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("tbx") | Some("xml") => return TermFormat::Tbx,
            Some("csv") => return TermFormat::Csv,
            Some("tsv") | Some("tab") | Some("txt") => return TermFormat::Tsv,
            _ => {}
        }
        let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
        let first = head.iter().copied().find(|b| !b.is_ascii_whitespace());
        if matches!(first, Some(b'<') | Some(0xFF) | Some(0xFE) | Some(0)) {
            return TermFormat::Tbx;
        }
        let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
        if line.contains(&b'\t') {
            TermFormat::Tsv
        } else {
            TermFormat::Csv
        }
    }
}

/// A reader of concepts from a file of any term base format.
pub enum ConceptReader<R: BufRead> {
    /// TBX.
    Tbx(TbxReader<R>),
    /// CSV or TSV.
    Csv(CsvReader<R>),
}

impl<R: BufRead> ConceptReader<R> {
    /// Starts reading `input` (UTF-8) in `format`.
    pub fn new(input: R, origin: Origin, format: TermFormat) -> Result<Self, TermsError> {
        Ok(match format {
            TermFormat::Tbx => ConceptReader::Tbx(TbxReader::new(input, origin)?),
            TermFormat::Csv => ConceptReader::Csv(CsvReader::new(input, origin, Delimiter::Comma)),
            TermFormat::Tsv => ConceptReader::Csv(CsvReader::new(input, origin, Delimiter::Tab)),
        })
    }

    /// The next concept, or `None` at the end of the file.
    pub fn next_concept(&mut self) -> Result<Option<Concept>, TermsError> {
        match self {
            ConceptReader::Tbx(reader) => reader.next_concept(),
            ConceptReader::Csv(reader) => reader.next_concept(),
        }
    }
}

impl<R: BufRead> Iterator for ConceptReader<R> {
    type Item = Result<Concept, TermsError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_concept().transpose()
    }
}

/// Imports one term base file (`-`: standard input) into `store` in one transaction: on any
/// error nothing of the file is stored. `format` is told by the file when not given
/// ([`TermFormat::detect`]). UTF-8 and UTF-16 (with a byte order mark) are read.
pub fn import_terms(
    store: &mut dyn TranslationStore,
    path: &Path,
    format: Option<TermFormat>,
) -> Result<TermImportSummary, TermsError> {
    let display = path.display().to_string();
    let open_error = |e: std::io::Error| TermsError::Open {
        file: display.clone(),
        reason: e.to_string(),
    };
    let input = SniffedInput::open(path).map_err(open_error)?;
    let format = format.unwrap_or_else(|| TermFormat::detect(path, input.head()));
    let origin = if path.as_os_str() == "-" {
        Origin::Stdin
    } else {
        Origin::File(path.to_path_buf())
    };
    let input = utf8_input(input.into_reader()).map_err(open_error)?;
    let mut reader = ConceptReader::new(input, origin, format)?;
    let mut import = store.begin_terms_import()?;
    while let Some(concept) = reader.next_concept()? {
        import.add(concept)?;
    }
    Ok(import.commit()?)
}

/// Writes the term base of `store` as TBX-Basic (TBX v3) to `out` and returns it. The
/// file's language (its root's `xml:lang`) is the first concept's first language.
pub fn export_tbx<W: Write>(store: &dyn TranslationStore, out: W) -> Result<W, TermsError> {
    let mut first: Option<LanguageIdentifier> = None;
    store.for_each_concept(&mut |concept| {
        first = concept.languages.first().map(|s| s.lang.clone());
        ControlFlow::Break(())
    })?;
    let lang = first.unwrap_or_else(|| "und".parse().unwrap_or_default());
    let source = format!("Tribune {}", env!("CARGO_PKG_VERSION"));
    let mut writer = TbxWriter::new(out, &lang, &source).map_err(TermsError::Write)?;
    let mut failed = None;
    store.for_each_concept(&mut |concept| match writer.write_concept(&concept) {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => {
            failed = Some(e);
            ControlFlow::Break(())
        }
    })?;
    if let Some(e) = failed {
        return Err(TermsError::Write(e));
    }
    writer.finish().map_err(TermsError::Write)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{open_store, Access, StoreLocation};

    fn export_of(concepts: &[Concept]) -> (tempfile::TempDir, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let location = StoreLocation::File(dir.path().join("tm.sqlite"));
        let mut opened = open_store(&location, Access::Write).unwrap();
        let mut import = opened.store_mut().begin_terms_import().unwrap();
        for concept in concepts {
            import.add(concept.clone()).unwrap();
        }
        import.commit().unwrap();
        let out = export_tbx(opened.store(), Vec::new()).unwrap();
        (dir, out)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// `terms export` re-imports identically: into the memory it came from nothing
        /// changes, and a fresh memory's export is the same file.
        #[test]
        fn an_export_imports_again_identically(
            concepts in proptest::collection::vec(crate::terms::tbx::tests::concept(), 0..8)
        ) {
            let (dir, first) = export_of(&concepts);
            let path = dir.path().join("export.tbx");
            std::fs::write(&path, &first).unwrap();
            let location = StoreLocation::File(dir.path().join("tm.sqlite"));
            let mut opened = open_store(&location, Access::Write).unwrap();
            let summary = import_terms(opened.store_mut(), &path, None).unwrap();
            proptest::prop_assert_eq!(summary.unchanged, summary.read);
            let read: Vec<Concept> = ConceptReader::new(first.as_slice(), Origin::Stdin, TermFormat::Tbx)
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let (_fresh, second) = export_of(&read);
            proptest::prop_assert_eq!(String::from_utf8(second).unwrap(), String::from_utf8(first).unwrap());
        }
    }

    #[test]
    fn formats_are_told_by_the_name_or_the_first_bytes() {
        let detect = |name: &str, head: &[u8]| TermFormat::detect(Path::new(name), head);
        assert_eq!(detect("a.tbx", b"en,fr"), TermFormat::Tbx);
        assert_eq!(detect("a.CSV", b"<"), TermFormat::Csv);
        assert_eq!(detect("a.tsv", b""), TermFormat::Tsv);
        assert_eq!(detect("terms", b"\xEF\xBB\xBF  <tbx"), TermFormat::Tbx);
        assert_eq!(detect("terms", b"\xFF\xFE<\0"), TermFormat::Tbx);
        assert_eq!(detect("terms", b"en\tfr\nwater\teau"), TermFormat::Tsv);
        assert_eq!(detect("terms", b"en,fr\nwater,eau"), TermFormat::Csv);
    }

    #[test]
    fn a_utf16_tbx_file_is_imported_and_exported_as_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let tbx = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n\
                   <martif type=\"TBX-Basic\" xml:lang=\"en\"><text><body>\n\
                   <termEntry id=\"water\"><langSet xml:lang=\"en\"><tig><term>water</term></tig></langSet>\n\
                   <langSet xml:lang=\"fr\"><tig><term>eau</term></tig></langSet></termEntry>\n\
                   </body></text></martif>\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(tbx.encode_utf16().flat_map(u16::to_le_bytes));
        let path = dir.path().join("windows.tbx");
        std::fs::write(&path, bytes).unwrap();
        let location = StoreLocation::File(dir.path().join("tm.sqlite"));
        let mut opened = open_store(&location, Access::Write).unwrap();
        let summary = import_terms(opened.store_mut(), &path, None).unwrap();
        assert_eq!((summary.read, summary.added), (1, 1));
        let out = export_tbx(opened.store(), Vec::new()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("<conceptEntry id=\"water\">"), "{text}");
        assert!(text.contains("<term>eau</term>"), "{text}");
    }
}
