//! Term bases kept as spreadsheets: CSV (`,`) or TSV (tab), with a header row that names
//! the columns (docs/terms.md, "CSV and TSV"):
//!
//! - a language tag (`en`, `fr`, `fr-CA`): a term in that language; a language may have
//!   several columns (synonyms, variants);
//! - `status`, `pos` (or `part of speech`) and `term note`: about the term of the nearest
//!   language column to their left;
//! - `id` (or `concept`), `subject`, `definition`, `note`: about the concept of the row.
//!
//! Names are read in any case; the words above come before language tags (so Indonesian
//! is written `id-ID`). Each row is one concept; empty cells say nothing, blank rows are
//! skipped. Fields are quoted as spreadsheets quote them (`"Casques bleus, les"`).

use std::io::{self, BufRead, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use unic_langid::LanguageIdentifier;

use crate::exchange::{ExchangeError, MAX_SEGMENT_BYTES};
use crate::textfile::{Location, Origin};

use super::model::{collapse_space, is_valid_id, Concept, Status, Term, MAX_TERMS};
use super::TermsError;

/// The field separator of a term base spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// `,` (CSV).
    Comma,
    /// A tab (TSV).
    Tab,
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Term(LanguageIdentifier),
    /// About the term of the column at this index.
    Status(usize),
    PartOfSpeech(usize),
    TermNote(usize),
    Id,
    Subject,
    Definition,
    Note,
    /// A column without a name: its cells are not read.
    Unnamed,
}

/// What a header cell names, before it is placed.
enum Named {
    Term(LanguageIdentifier),
    Status,
    PartOfSpeech,
    TermNote,
    Id,
    Subject,
    Definition,
    Note,
    Unnamed,
}

fn name_column(cell: &str) -> Option<Named> {
    let name = collapse_space(&cell.replace('_', " ")).to_lowercase();
    Some(match name.as_str() {
        "" => Named::Unnamed,
        "id" | "concept" | "concept id" | "conceptid" => Named::Id,
        "subject" | "subject field" | "subjectfield" | "domain" => Named::Subject,
        "definition" => Named::Definition,
        "note" | "concept note" => Named::Note,
        "status" | "administrative status" | "administrativestatus" => Named::Status,
        "pos" | "part of speech" | "partofspeech" => Named::PartOfSpeech,
        "term note" | "termnote" | "usage note" => Named::TermNote,
        _ => return crate::lang::parse_tag(cell).map(Named::Term),
    })
}

/// The longest row, in bytes: a row is a concept with a few terms and notes, and a longer
/// one (a file without line ends, a quote never closed) is refused before it is held in
/// memory.
const MAX_ROW_BYTES: u64 = MAX_SEGMENT_BYTES as u64;

/// The error [`Bounded`] returns inside an `io::Error` when a row is too long.
#[derive(Debug, thiserror::Error)]
#[error("a row longer than {MAX_ROW_BYTES} bytes")]
struct RowTooLong;

/// An input that refuses to give more than [`MAX_ROW_BYTES`] (and a read buffer) past the
/// start of the row being read.
struct Bounded<R> {
    inner: R,
    read: u64,
    row_start: Arc<AtomicU64>,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let start = self.row_start.load(Ordering::Relaxed);
        if self.read.saturating_sub(start) > MAX_ROW_BYTES + 64 * 1024 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, RowTooLong));
        }
        let n = self.inner.read(out)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// A streaming reader of a term base spreadsheet: one concept per row.
pub struct CsvReader<R: BufRead> {
    records: csv::Reader<Bounded<R>>,
    row_start: Arc<AtomicU64>,
    origin: Origin,
    columns: Option<Vec<Column>>,
    record: csv::StringRecord,
}

impl<R: BufRead> CsvReader<R> {
    /// Reads concepts from `input` (UTF-8, a byte order mark dropped).
    pub fn new(input: R, origin: Origin, delimiter: Delimiter) -> Self {
        let row_start = Arc::new(AtomicU64::new(0));
        let records = csv::ReaderBuilder::new()
            .delimiter(match delimiter {
                Delimiter::Comma => b',',
                Delimiter::Tab => b'\t',
            })
            .has_headers(false)
            .flexible(true)
            .from_reader(Bounded {
                inner: input,
                read: 0,
                row_start: Arc::clone(&row_start),
            });
        CsvReader {
            records,
            row_start,
            origin,
            columns: None,
            record: csv::StringRecord::new(),
        }
    }

    /// Bytes read so far, for a progress bar.
    pub fn position(&self) -> u64 {
        self.records.position().byte()
    }

    fn line(&self) -> usize {
        self.record
            .position()
            .map_or(1, |p| usize::try_from(p.line()).unwrap_or(usize::MAX))
    }

    /// The next record into `self.record`; false at the end.
    fn read_record(&mut self) -> Result<bool, TermsError> {
        let read = self.records.read_record(&mut self.record);
        self.row_start
            .store(self.records.position().byte(), Ordering::Relaxed);
        match read {
            Ok(more) => Ok(more),
            Err(error) => {
                let line = error
                    .position()
                    .map(|p| usize::try_from(p.line()).unwrap_or(usize::MAX))
                    .unwrap_or_else(|| self.line());
                let location = Location::line(&self.origin, line);
                Err(match error.into_kind() {
                    csv::ErrorKind::Utf8 { .. } => ExchangeError::InvalidUtf8 { location }.into(),
                    csv::ErrorKind::Io(e) if e.get_ref().is_some_and(|e| e.is::<RowTooLong>()) => {
                        ExchangeError::SegmentTooLong {
                            location,
                            limit_kib: MAX_SEGMENT_BYTES >> 10,
                        }
                        .into()
                    }
                    csv::ErrorKind::Io(source) => ExchangeError::Io { location, source }.into(),
                    other => TermsError::Csv {
                        location,
                        detail: format!("{other:?}"),
                    },
                })
            }
        }
    }

    fn is_blank_record(&self) -> bool {
        self.record.iter().all(|field| field.trim().is_empty())
    }

    /// Reads the header row: what each column holds.
    fn read_header(&mut self) -> Result<Vec<Column>, TermsError> {
        loop {
            if !self.read_record()? {
                // An empty file: a term base without concepts.
                return Ok(Vec::new());
            }
            if !self.is_blank_record() {
                break;
            }
        }
        let location = Location::line(&self.origin, self.line());
        if self.record.len() > MAX_TERMS {
            return Err(TermsError::TooMany {
                location,
                limit: MAX_TERMS,
            });
        }
        let mut columns = Vec::with_capacity(self.record.len());
        let mut last_term = None;
        for cell in self.record.iter() {
            let Some(named) = name_column(cell) else {
                return Err(TermsError::CsvColumn {
                    location,
                    name: cell.trim().to_owned(),
                });
            };
            let attribute = |make: fn(usize) -> Column| match last_term {
                Some(index) => Ok(make(index)),
                None => Err(TermsError::CsvAttributeFirst {
                    location: location.clone(),
                    name: cell.trim().to_owned(),
                }),
            };
            let column = match named {
                Named::Term(lang) => {
                    last_term = Some(columns.len());
                    Column::Term(lang)
                }
                Named::Status => attribute(Column::Status)?,
                Named::PartOfSpeech => attribute(Column::PartOfSpeech)?,
                Named::TermNote => attribute(Column::TermNote)?,
                Named::Id => Column::Id,
                Named::Subject => Column::Subject,
                Named::Definition => Column::Definition,
                Named::Note => Column::Note,
                Named::Unnamed => Column::Unnamed,
            };
            let once = matches!(
                column,
                Column::Id | Column::Subject | Column::Definition | Column::Note
            );
            if once && columns.contains(&column) {
                return Err(TermsError::CsvColumnTwice {
                    location,
                    name: cell.trim().to_owned(),
                });
            }
            columns.push(column);
        }
        if last_term.is_none() {
            return Err(TermsError::CsvNoLanguage { location });
        }
        Ok(columns)
    }

    /// The next concept (a row), or `None` at the end. A row without a term gives a concept
    /// without terms.
    pub fn next_concept(&mut self) -> Result<Option<Concept>, TermsError> {
        let columns = match self.columns.take() {
            Some(columns) => columns,
            None => self.read_header()?,
        };
        let result = self.next_row(&columns);
        self.columns = Some(columns);
        result
    }

    fn next_row(&mut self, columns: &[Column]) -> Result<Option<Concept>, TermsError> {
        if columns.is_empty() {
            return Ok(None);
        }
        loop {
            if !self.read_record()? {
                return Ok(None);
            }
            if !self.is_blank_record() {
                break;
            }
        }
        let location = Location::line(&self.origin, self.line());
        if self
            .record
            .iter()
            .skip(columns.len())
            .any(|field| !field.trim().is_empty())
        {
            return Err(TermsError::CsvExtraField {
                location,
                columns: columns.len(),
            });
        }
        let cell = |index: usize| {
            let text = collapse_space(self.record.get(index).unwrap_or_default());
            (!text.is_empty()).then_some(text)
        };
        let mut concept = Concept::default();
        for (index, column) in columns.iter().enumerate() {
            let value = cell(index);
            match column {
                Column::Id => {
                    if let Some(id) = &value {
                        if !is_valid_id(id) {
                            return Err(TermsError::BadId {
                                location,
                                id: id.clone(),
                            });
                        }
                    }
                    concept.id = value;
                }
                Column::Subject => concept.subject_field = value,
                Column::Definition => concept.definition = value,
                Column::Note => concept.note = value,
                _ => {}
            }
        }
        let mut terms: Vec<Option<(&LanguageIdentifier, Term)>> = columns
            .iter()
            .enumerate()
            .map(|(index, column)| match column {
                Column::Term(lang) => cell(index).map(|text| (lang, Term::new(text))),
                _ => None,
            })
            .collect();
        // Each attribute column says something about the term of the column it follows.
        for (index, column) in columns.iter().enumerate() {
            let (Column::Status(of) | Column::PartOfSpeech(of) | Column::TermNote(of)) = column
            else {
                continue;
            };
            let (Some(Some((_, term))), Some(value)) = (terms.get_mut(*of), cell(index)) else {
                continue;
            };
            match column {
                Column::Status(_) => {
                    let status = Status::parse(&value).ok_or(TermsError::BadStatus {
                        location: location.clone(),
                        value,
                    })?;
                    term.status = Some(status);
                }
                Column::PartOfSpeech(_) => term.part_of_speech = Some(value),
                _ => term.note = Some(value),
            }
        }
        for (lang, term) in terms.into_iter().flatten() {
            concept.push_term(lang.clone(), term);
        }
        Ok(Some(concept))
    }
}

impl<R: BufRead> Iterator for CsvReader<R> {
    type Item = Result<Concept, TermsError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_concept().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    fn read(text: &str, delimiter: Delimiter) -> Result<Vec<Concept>, TermsError> {
        CsvReader::new(text.as_bytes(), Origin::File("t.csv".into()), delimiter).collect()
    }

    #[test]
    fn columns_name_languages_terms_and_concepts() {
        let text = "ID,en,fr,Status,fr,status,Subject,Note\n\
                    c1,peacekeeper,Casque bleu,preferred,gardien de la paix,deprecated,peacekeeping,\"UN usage, capital C\"\n\
                    \n\
                    ,Secretary-General,Secrétaire général,,,,,\n";
        let concepts = read(text, Delimiter::Comma).unwrap();
        assert_eq!(concepts.len(), 2);
        let first = &concepts[0];
        assert_eq!(first.id.as_deref(), Some("c1"));
        assert_eq!(first.subject_field.as_deref(), Some("peacekeeping"));
        assert_eq!(first.note.as_deref(), Some("UN usage, capital C"));
        let fr: Vec<&Term> = first.terms_in(&langid!("fr")).collect();
        assert_eq!(fr.len(), 2);
        assert_eq!(fr[0].status, Some(Status::Preferred));
        assert_eq!(fr[1].text, "gardien de la paix");
        assert!(fr[1].is_forbidden());
        assert_eq!(concepts[1].id, None);
        assert_eq!(concepts[1].term_count(), 2);
    }

    #[test]
    fn tabs_separate_a_tsv_file() {
        let text = "en\tfr\tpos\nwater\teau\tnoun\n";
        let concepts = read(text, Delimiter::Tab).unwrap();
        let fr: Vec<&Term> = concepts[0].terms_in(&langid!("fr")).collect();
        assert_eq!(fr[0].part_of_speech.as_deref(), Some("noun"));
    }

    #[test]
    fn bad_headers_and_rows_are_located() {
        let error = read("en,colour\nx,y\n", Delimiter::Comma).unwrap_err();
        assert!(matches!(error, TermsError::CsvColumn { ref name, .. } if name == "colour"));
        assert_eq!(error.location().unwrap().to_string(), "t.csv:1");
        let error = read("status,en\n", Delimiter::Comma).unwrap_err();
        assert!(matches!(error, TermsError::CsvAttributeFirst { .. }));
        let error = read("note,subject\n", Delimiter::Comma).unwrap_err();
        assert!(matches!(error, TermsError::CsvNoLanguage { .. }));
        let text = "en,fr,status\na,b,preferred\nd,e,maybe\n";
        let error = read(text, Delimiter::Comma).unwrap_err();
        assert!(matches!(error, TermsError::BadStatus { ref value, .. } if value == "maybe"));
        assert_eq!(error.location().unwrap().to_string(), "t.csv:3");
        let error = read("en,fr\na,b,c\n", Delimiter::Comma).unwrap_err();
        assert!(matches!(
            error,
            TermsError::CsvExtraField { columns: 2, .. }
        ));
        let error = read("id,en\n12,a\n", Delimiter::Comma).unwrap_err();
        assert!(matches!(error, TermsError::BadId { .. }));
        let error = read("en,fr\n\"open,b\n", Delimiter::Comma);
        // A quote left open takes the rest of the file into one field: one row, or an error.
        assert!(error.map(|c| c.len() <= 1).unwrap_or(true));
    }

    #[test]
    fn a_header_of_too_many_columns_is_refused() {
        let header = vec!["en"; MAX_TERMS + 1].join(",");
        let error = read(&format!("{header}\n"), Delimiter::Comma).unwrap_err();
        assert!(matches!(error, TermsError::TooMany { .. }));
    }

    #[test]
    fn a_row_without_line_ends_is_refused_before_it_is_held() {
        let mut text = b"en,fr\n\"".to_vec();
        text.extend(std::iter::repeat_n(b'a', 3 * MAX_SEGMENT_BYTES));
        let error: Result<Vec<Concept>, _> = CsvReader::new(
            text.as_slice(),
            Origin::File("t.csv".into()),
            Delimiter::Comma,
        )
        .collect();
        assert!(matches!(
            error.unwrap_err(),
            TermsError::Exchange(ExchangeError::SegmentTooLong { .. })
        ));
    }
}
