//! Input plumbing for the streaming readers: UTF-16 transcoding (TMX files from Windows
//! tools are often UTF-16 with a BOM) and line/column tracking, so that an error deep in a
//! 1 GB file still says where it is without keeping the file in memory.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};

/// Turns any input into UTF-8: a UTF-8 BOM is dropped, UTF-16 (with a BOM, or detected
/// from `<?` in UTF-16) is transcoded as it streams; anything else passes through.
pub fn utf8_input<R: Read + Send + 'static>(input: R) -> io::Result<Box<dyn BufRead + Send>> {
    let mut reader = BufReader::with_capacity(256 * 1024, input);
    let head = reader.fill_buf()?;
    let little = if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[b'<', 0, b'?', 0]) {
        Some(true)
    } else if head.starts_with(&[0xFE, 0xFF]) || head.starts_with(&[0, b'<', 0, b'?']) {
        Some(false)
    } else {
        None
    };
    match little {
        Some(little_endian) => {
            if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
                reader.consume(2);
            }
            Ok(Box::new(BufReader::with_capacity(
                256 * 1024,
                Utf16ToUtf8 {
                    inner: reader,
                    little_endian,
                    pending: Vec::new(),
                    high_surrogate: None,
                    carry: None,
                },
            )))
        }
        None => {
            if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
                reader.consume(3);
            }
            Ok(Box::new(reader))
        }
    }
}

/// Transcodes UTF-16 to UTF-8 on the fly.
struct Utf16ToUtf8<R: BufRead> {
    inner: R,
    little_endian: bool,
    pending: Vec<u8>,
    high_surrogate: Option<u16>,
    carry: Option<u8>,
}

impl<R: BufRead> Read for Utf16ToUtf8<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pending.is_empty() {
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                if self.carry.is_some() || self.high_surrogate.is_some() {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "the UTF-16 text ends in the middle of a character",
                    ));
                }
                return Ok(0);
            }
            let mut bytes: Vec<u8> = Vec::with_capacity(chunk.len() + 1);
            bytes.extend(self.carry.take());
            bytes.extend_from_slice(chunk);
            let used = chunk.len();
            self.inner.consume(used);
            if bytes.len() % 2 == 1 {
                self.carry = bytes.pop();
            }
            for pair in bytes.chunks_exact(2) {
                let unit = if self.little_endian {
                    u16::from_le_bytes([pair[0], pair[1]])
                } else {
                    u16::from_be_bytes([pair[0], pair[1]])
                };
                let c = match (self.high_surrogate.take(), unit) {
                    (None, 0xD800..=0xDBFF) => {
                        self.high_surrogate = Some(unit);
                        continue;
                    }
                    (Some(high), 0xDC00..=0xDFFF) => char::from_u32(
                        0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00),
                    ),
                    (None, _) => char::from_u32(u32::from(unit)),
                    (Some(_), _) => None,
                };
                let Some(c) = c else {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "invalid UTF-16 (a lone surrogate)",
                    ));
                };
                let mut buffer = [0; 4];
                self.pending
                    .extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
        }
        let n = out.len().min(self.pending.len());
        out[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

/// The most bytes an XML file may hold between two markup characters (`<` or `>`): a text
/// or a tag longer than this is refused before it is held in memory, so that a hostile file
/// (a 500 MB `<seg>`) cannot make a reader buffer all of it. Real files stay far below it,
/// even XLIFF with a whole document embedded in base64 (`<internal-file>`).
pub const MAX_MARKUP_GAP: u64 = 64 << 20;

/// The error a [`LineTracker`] returns, inside an `io::Error`, when a text or tag is longer
/// than [`MAX_MARKUP_GAP`]: the readers turn it into a located
/// `ExchangeError::TooLongWithoutMarkup`.
#[derive(Debug, thiserror::Error)]
#[error("more than {} MiB without markup", MAX_MARKUP_GAP >> 20)]
pub struct TooLongWithoutMarkup {
    /// Where the long text or tag starts (a byte offset of the UTF-8 input).
    pub start: u64,
    /// Its 1-based line and column (in bytes).
    pub line_column: (usize, usize),
}

impl TooLongWithoutMarkup {
    /// This error, when an I/O error is this one.
    pub fn find_in(error: &io::Error) -> Option<&TooLongWithoutMarkup> {
        error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<TooLongWithoutMarkup>())
    }
}

/// How many recent line starts and bytes are kept to turn an offset into line:column.
const KEPT_LINES: usize = 65_536;
const KEPT_BYTES: usize = 1 << 20;

/// A `BufRead` that counts lines as its bytes are read, and keeps the last lines so that
/// a byte offset near the current position can be given as line and column (in characters).
///
/// Lines are counted when the inner buffer is filled, a buffer at a time: an XML parser
/// consumes a few bytes at a time, millions of times, and must not pay for the count each
/// time.
pub struct LineTracker<R: BufRead> {
    inner: R,
    consumed: u64,
    /// Bytes counted so far (ahead of `consumed` by at most the inner buffer).
    scanned: u64,
    lines: u64,
    line_starts: VecDeque<(u64, u64)>,
    window: Vec<u8>,
    window_start: u64,
    /// Just after the last `<` or `>` scanned: where the current text or tag started.
    after_markup: u64,
    /// The line of `after_markup` and the offset where that line starts.
    after_markup_line: (u64, u64),
    /// The most bytes allowed without markup ([`MAX_MARKUP_GAP`] unless changed).
    max_gap: u64,
}

impl<R: BufRead> LineTracker<R> {
    /// Wraps a reader.
    pub fn new(inner: R) -> Self {
        let mut line_starts = VecDeque::new();
        line_starts.push_back((1, 0));
        LineTracker {
            inner,
            consumed: 0,
            scanned: 0,
            lines: 1,
            line_starts,
            window: Vec::new(),
            window_start: 0,
            after_markup: 0,
            after_markup_line: (1, 0),
            max_gap: MAX_MARKUP_GAP,
        }
    }

    /// The same tracker with another limit of bytes between markup characters (tests use a
    /// small one).
    pub fn with_max_gap(mut self, max_gap: u64) -> Self {
        self.max_gap = max_gap;
        self
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> u64 {
        self.consumed
    }

    fn line_start(&self, offset: u64) -> (u64, u64) {
        // The offsets asked for are near the end: look at the last few lines first.
        for &(line, start) in self.line_starts.iter().rev().take(4) {
            if start <= offset {
                return (line, start);
            }
        }
        let index = self
            .line_starts
            .partition_point(|(_, start)| *start <= offset);
        if index == 0 {
            // Older than what is kept: the line is unknown beyond this bound.
            self.line_starts.front().copied().unwrap_or((1, 0))
        } else {
            self.line_starts[index - 1]
        }
    }

    /// The 1-based line of a byte offset at or before the current position.
    pub fn line(&self, offset: u64) -> usize {
        self.line_start(offset).0 as usize
    }

    /// The 1-based line and column of a byte offset at or before the current position.
    pub fn line_column(&self, offset: u64) -> (usize, usize) {
        let (line, start) = self.line_start(offset);
        let column = if start >= self.window_start
            && offset <= self.window_start + self.window.len() as u64
        {
            let from = (start - self.window_start) as usize;
            let to = (offset - self.window_start) as usize;
            String::from_utf8_lossy(&self.window[from..to])
                .chars()
                .count()
                + 1
        } else {
            (offset.saturating_sub(start)) as usize + 1
        };
        (line as usize, column)
    }
}

impl<R: BufRead> Read for LineTracker<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineTracker<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let buffer = self.inner.fill_buf()?;
        let end = self.consumed + buffer.len() as u64;
        if self.consumed > self.scanned {
            // Bytes consumed without being seen (not through `fill_buf`): start afresh.
            self.window.clear();
            self.window_start = self.consumed;
            self.scanned = self.consumed;
            // Whether the unseen bytes held markup is unknown: count the run from here.
            self.after_markup = self.consumed;
            self.after_markup_line = (self.lines, self.consumed);
        }
        if end > self.scanned {
            let new = &buffer[(self.scanned - self.consumed) as usize..];
            for at in memchr::memchr_iter(b'\n', new) {
                self.lines += 1;
                self.line_starts
                    .push_back((self.lines, self.scanned + at as u64 + 1));
                if self.line_starts.len() > KEPT_LINES {
                    self.line_starts.pop_front();
                }
            }
            if let Some(at) = memchr::memrchr2(b'<', b'>', new) {
                self.after_markup = self.scanned + at as u64 + 1;
                let later_lines = memchr::memchr_iter(b'\n', &new[at + 1..]).count() as u64;
                let line = self.lines - later_lines;
                let line_start = match memchr::memrchr(b'\n', &new[..=at]) {
                    Some(newline) => self.scanned + newline as u64 + 1,
                    // The line began before this buffer: it is the last line start known
                    // before the buffer's first byte.
                    None => {
                        let scanned = self.scanned;
                        self.line_starts
                            .iter()
                            .rev()
                            .find(|(_, start)| *start <= scanned)
                            .map_or(0, |(_, start)| *start)
                    }
                };
                self.after_markup_line = (line, line_start);
            }
            self.window.extend_from_slice(new);
            if self.window.len() > 2 * KEPT_BYTES {
                let drop = self.window.len() - KEPT_BYTES;
                self.window.drain(..drop);
                self.window_start += drop as u64;
            }
            self.scanned = end;
        }
        if self.scanned - self.after_markup > self.max_gap {
            let (line, line_start) = self.after_markup_line;
            return Err(io::Error::other(TooLongWithoutMarkup {
                start: self.after_markup,
                line_column: (line as usize, (self.after_markup - line_start) as usize + 1),
            }));
        }
        Ok(buffer)
    }

    fn consume(&mut self, amount: usize) {
        self.consumed += amount as u64;
        self.inner.consume(amount);
    }
}

/// An input opened once and sniffed without losing what was sniffed: a pipe, a FIFO or a
/// `<(…)` can only be read once, so the first bytes are kept and handed back in front of
/// the rest (opening the file a second time would start past them).
pub struct SniffedInput {
    head: Vec<u8>,
    rest: Box<dyn Read + Send>,
    /// The size reported by the file system: 0 for pipes, whose size is unknown.
    size: u64,
}

impl SniffedInput {
    /// How many bytes are enough to tell the formats apart (a BOM, leading white space
    /// and a `<`).
    pub const HEAD_BYTES: usize = 64;

    /// Opens `path` (or standard input for `-`) and reads its first bytes.
    pub fn open(path: &std::path::Path) -> io::Result<SniffedInput> {
        if path.as_os_str() == "-" {
            return SniffedInput::new(Box::new(io::stdin()), 0);
        }
        let file = std::fs::File::open(path)?;
        let size = file
            .metadata()
            .map(|m| if m.is_file() { m.len() } else { 0 })
            .unwrap_or(0);
        SniffedInput::new(Box::new(file), size)
    }

    /// Reads up to [`Self::HEAD_BYTES`] from `input`, looping over short reads (a pipe can
    /// deliver one byte at a time).
    pub fn new(mut input: Box<dyn Read + Send>, size: u64) -> io::Result<SniffedInput> {
        let mut head = vec![0u8; Self::HEAD_BYTES];
        let mut filled = 0;
        while filled < head.len() {
            match input.read(&mut head[filled..]) {
                Ok(0) => break,
                Ok(read) => filled += read,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        head.truncate(filled);
        Ok(SniffedInput {
            head,
            rest: input,
            size,
        })
    }

    /// The first bytes of the input (fewer when the input is shorter).
    pub fn head(&self) -> &[u8] {
        &self.head
    }

    /// The size of a regular file, 0 when unknown.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The whole input from its first byte.
    pub fn into_reader(self) -> Box<dyn Read + Send> {
        Box::new(io::Cursor::new(self.head).chain(self.rest))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_sniffed_input_gives_back_every_byte_even_one_at_a_time() {
        struct Trickle(Vec<u8>, usize);
        impl Read for Trickle {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                if self.1 >= self.0.len() || out.is_empty() {
                    return Ok(0);
                }
                out[0] = self.0[self.1];
                self.1 += 1;
                Ok(1)
            }
        }
        let text: Vec<u8> = (0..200u8).collect();
        let input = SniffedInput::new(Box::new(Trickle(text.clone(), 0)), 0).unwrap();
        assert_eq!(input.head(), &text[..SniffedInput::HEAD_BYTES]);
        let mut all = Vec::new();
        input.into_reader().read_to_end(&mut all).unwrap();
        assert_eq!(all, text);
    }

    use super::*;

    #[test]
    fn utf16_is_transcoded_with_surrogates() {
        let text = "<?xml?><a>Merci 😀 é</a>";
        for little in [true, false] {
            let mut bytes = if little {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for unit in text.encode_utf16() {
                bytes.extend(if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
            let mut out = String::new();
            utf8_input(io::Cursor::new(bytes))
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            assert_eq!(out, text);
        }
    }

    #[test]
    fn a_utf8_bom_is_dropped() {
        let mut out = String::new();
        utf8_input(io::Cursor::new(b"\xEF\xBB\xBF<a/>".to_vec()))
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "<a/>");
    }

    #[test]
    fn a_long_run_without_markup_is_refused_where_it_starts() {
        let text = format!("<a>\n  <b>{}</b></a>", "x".repeat(5_000));
        let mut tracker =
            LineTracker::new(io::BufReader::with_capacity(64, text.as_bytes())).with_max_gap(1_000);
        let error = io::copy(&mut tracker, &mut io::sink()).unwrap_err();
        let long = TooLongWithoutMarkup::find_in(&error).expect("the limit's error");
        assert_eq!(long.start, 9);
        assert_eq!(long.line_column, (2, 6));
        // Under the limit, everything passes.
        let mut tracker = LineTracker::new(text.as_bytes()).with_max_gap(10_000);
        assert_eq!(
            io::copy(&mut tracker, &mut io::sink()).unwrap(),
            text.len() as u64
        );
    }

    #[test]
    fn offsets_become_lines_and_columns() {
        let mut tracker = LineTracker::new(io::Cursor::new("ab\ncdé f\ng".as_bytes()));
        let mut all = String::new();
        tracker.read_to_string(&mut all).unwrap();
        assert_eq!(tracker.line_column(0), (1, 1));
        assert_eq!(tracker.line_column(4), (2, 2));
        // The "f" after "cdé " (é is two bytes) is in column 5.
        assert_eq!(tracker.line_column(8), (2, 5));
        assert_eq!(tracker.line_column(10), (3, 1));
    }
}
