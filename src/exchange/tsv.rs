//! The simple tab-separated format: one pair per line, `source<TAB>target`; further columns
//! are ignored and blank lines skipped. The languages are not in the file: the caller gives
//! them.

use std::io::{BufRead, Read};

use super::{ExchangeError, MAX_SEGMENT_BYTES};
use crate::textfile::{Location, Origin};

/// One line of a TSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsvPair {
    /// The 1-based line.
    pub line: usize,
    /// The first column.
    pub source: String,
    /// The second column.
    pub target: String,
}

/// A streaming TSV reader.
pub struct TsvReader<R: BufRead> {
    input: R,
    origin: Origin,
    line: usize,
    position: u64,
    buffer: Vec<u8>,
}

impl<R: BufRead> TsvReader<R> {
    /// Reads pairs from `input`.
    pub fn new(input: R, origin: Origin) -> Self {
        TsvReader {
            input,
            origin,
            line: 0,
            position: 0,
            buffer: Vec::new(),
        }
    }

    /// Bytes read so far, for a progress bar.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// The next pair, or `None` at the end.
    pub fn next_pair(&mut self) -> Result<Option<TsvPair>, ExchangeError> {
        loop {
            self.buffer.clear();
            // A line holds two segments at most as long as a segment may be, and is refused
            // beyond that before it is held in memory.
            let most = 2 * MAX_SEGMENT_BYTES as u64 + 2;
            let read = (&mut self.input)
                .take(most)
                .read_until(b'\n', &mut self.buffer)
                .map_err(|source| ExchangeError::Io {
                    location: Location::line(&self.origin, self.line + 1),
                    source,
                })?;
            if read == 0 {
                return Ok(None);
            }
            self.line += 1;
            if read as u64 == most && !self.buffer.ends_with(b"\n") {
                return Err(ExchangeError::SegmentTooLong {
                    location: Location::at(&self.origin, self.line, 1),
                    limit_kib: MAX_SEGMENT_BYTES >> 10,
                });
            }
            self.position += read as u64;
            let text =
                std::str::from_utf8(&self.buffer).map_err(|e| ExchangeError::InvalidUtf8 {
                    location: Location::at(
                        &self.origin,
                        self.line,
                        String::from_utf8_lossy(&self.buffer[..e.valid_up_to()])
                            .chars()
                            .count()
                            + 1,
                    ),
                })?;
            let text = text.trim_end_matches(['\n', '\r']);
            if text.trim().is_empty() {
                continue;
            }
            let mut columns = text.split('\t');
            let source = columns.next().unwrap_or_default();
            let Some(target) = columns.next() else {
                return Err(ExchangeError::TsvColumns {
                    location: Location::at(&self.origin, self.line, text.chars().count() + 1),
                });
            };
            return Ok(Some(TsvPair {
                line: self.line,
                source: source.to_owned(),
                target: target.to_owned(),
            }));
        }
    }
}

impl<R: BufRead> Iterator for TsvReader<R> {
    type Item = Result<TsvPair, ExchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_pair().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_read_and_bad_lines_located() {
        let input = "Hello\tBonjour\textra\r\n\nThank you\tMerci\nno tab here\n";
        let mut reader = TsvReader::new(input.as_bytes(), Origin::File("x.tsv".into()));
        let first = reader.next_pair().unwrap().unwrap();
        assert_eq!(
            (first.line, first.source.as_str(), first.target.as_str()),
            (1, "Hello", "Bonjour")
        );
        assert_eq!(reader.next_pair().unwrap().unwrap().line, 3);
        let err = reader.next_pair().unwrap_err();
        assert_eq!(err.location().to_string(), "x.tsv:4:12");
    }

    #[test]
    fn a_line_longer_than_two_segments_is_refused() {
        let mut input = b"Hello\tBonjour\n".to_vec();
        input.extend(std::iter::repeat_n(b'a', 2 * MAX_SEGMENT_BYTES + 10));
        input.extend(b"\tb\n");
        let mut reader = TsvReader::new(input.as_slice(), Origin::File("x.tsv".into()));
        assert!(reader.next_pair().unwrap().is_some());
        let err = reader.next_pair().unwrap_err();
        assert!(matches!(err, ExchangeError::SegmentTooLong { .. }));
        assert_eq!(err.location().to_string(), "x.tsv:2:1");
    }
}
