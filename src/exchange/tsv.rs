//! The simple tab-separated format: one pair per line, `source<TAB>target`; further columns
//! are ignored and blank lines skipped. Lines end in `\n`, `\r\n` or a lone `\r` (old Mac
//! and Excel exports), each column holds at most [`MAX_SEGMENT_BYTES`]. The languages are not in the file: the caller gives
//! them.

use std::io::BufRead;

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
    /// The last line ended in `\r`: a `\n` right after it belongs to the same line end.
    after_cr: bool,
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
            after_cr: false,
        }
    }

    /// Bytes read so far, for a progress bar.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// The next pair, or `None` at the end.
    pub fn next_pair(&mut self) -> Result<Option<TsvPair>, ExchangeError> {
        loop {
            // A line holds two segments at most as long as a segment may be, and is refused
            // beyond that before it is held in memory.
            let most = 2 * MAX_SEGMENT_BYTES + 2;
            let (read, ended) = self.read_line(most).map_err(|source| ExchangeError::Io {
                location: Location::line(&self.origin, self.line + 1),
                source,
            })?;
            if read == 0 {
                return Ok(None);
            }
            self.line += 1;
            if !ended && self.buffer.len() >= most {
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
            for (column, start) in [(source, 0), (target, source.len() + 1)] {
                if column.len() > MAX_SEGMENT_BYTES {
                    return Err(ExchangeError::SegmentTooLong {
                        location: Location::at(
                            &self.origin,
                            self.line,
                            text[..start].chars().count() + 1,
                        ),
                        limit_kib: MAX_SEGMENT_BYTES >> 10,
                    });
                }
            }
            return Ok(Some(TsvPair {
                line: self.line,
                source: source.to_owned(),
                target: target.to_owned(),
            }));
        }
    }

    /// Reads one line into the buffer, without its line end and at most `most` bytes of
    /// it: the bytes consumed, and whether a line end (or the end of the input) was met.
    fn read_line(&mut self, most: usize) -> std::io::Result<(usize, bool)> {
        self.buffer.clear();
        let mut consumed = 0;
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok((consumed, true));
            }
            if std::mem::take(&mut self.after_cr) && chunk[0] == b'\n' {
                self.input.consume(1);
                consumed += 1;
                continue;
            }
            let room = most - self.buffer.len();
            let window = &chunk[..chunk.len().min(room)];
            match memchr::memchr2(b'\n', b'\r', window) {
                Some(end) => {
                    self.buffer.extend_from_slice(&window[..end]);
                    self.after_cr = window[end] == b'\r';
                    self.input.consume(end + 1);
                    return Ok((consumed + end + 1, true));
                }
                None => {
                    let taken = window.len();
                    self.buffer.extend_from_slice(window);
                    self.input.consume(taken);
                    consumed += taken;
                    if self.buffer.len() >= most {
                        return Ok((consumed, false));
                    }
                }
            }
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
    fn every_kind_of_line_end_separates_pairs() {
        for end in ["\n", "\r\n", "\r"] {
            let input = ["A\tB", "C\tD", "", "E\tF"].join(end) + end;
            let pairs: Vec<(usize, String)> =
                TsvReader::new(input.as_bytes(), Origin::File("x.tsv".into()))
                    .map(|p| p.map(|p| (p.line, p.source + &p.target)))
                    .collect::<Result<_, _>>()
                    .unwrap();
            assert_eq!(
                pairs,
                [(1, "AB".into()), (2, "CD".into()), (4, "EF".into())],
                "{end:?}"
            );
        }
        // A \r\n split across two reads of the input is still one line end.
        let input = std::io::BufReader::with_capacity(4, &b"A\tBC\r\nD\tE\r\n"[..]);
        let lines: Vec<usize> = TsvReader::new(input, Origin::File("x.tsv".into()))
            .map(|p| p.unwrap().line)
            .collect();
        assert_eq!(lines, [1, 2]);
    }

    #[test]
    fn a_column_over_the_segment_limit_is_refused_where_it_starts() {
        let mut input = b"Hello\t".to_vec();
        input.extend(std::iter::repeat_n(b'a', MAX_SEGMENT_BYTES + 1));
        input.extend(b"\n");
        let mut reader = TsvReader::new(input.as_slice(), Origin::File("x.tsv".into()));
        let err = reader.next_pair().unwrap_err();
        assert!(matches!(err, ExchangeError::SegmentTooLong { .. }));
        assert_eq!(err.location().to_string(), "x.tsv:1:7");
        let mut exact = b"Hello\t".to_vec();
        exact.extend(std::iter::repeat_n(b'a', MAX_SEGMENT_BYTES));
        let mut reader = TsvReader::new(exact.as_slice(), Origin::File("x.tsv".into()));
        assert!(reader.next_pair().unwrap().is_some());
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
