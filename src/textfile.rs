//! Reading text input safely: a file or standard input becomes a `String`, or a located,
//! localizable error (invalid UTF-8 with its byte offset and line, a binary file, a file too
//! large to be a speech). Every reader of user files goes through here, and every writer of
//! output files goes through [`write_atomically`], so no output is ever half-written.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::i18n::{Args, Localize};

/// The largest text input Tribune reads (a long speech is well under 1 MB; this leaves room
/// for whole corpora while refusing files that would exhaust memory).
pub const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;

/// Where a piece of text came from: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Origin {
    /// The origin for a command-line argument, where `-` means standard input.
    pub fn from_arg(arg: &str) -> Self {
        if arg == "-" {
            Origin::Stdin
        } else {
            Origin::File(PathBuf::from(arg))
        }
    }

    /// The origin for a path, where `-` means standard input.
    pub fn from_path(path: &Path) -> Self {
        if path.as_os_str() == "-" {
            Origin::Stdin
        } else {
            Origin::File(path.to_path_buf())
        }
    }

    /// The file path, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::File(p) => Some(p),
            Origin::Stdin => None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(p) => write!(f, "{}", p.display()),
            Origin::Stdin => f.write_str("<stdin>"),
        }
    }
}

/// A place in an input: origin, 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The input.
    pub origin: Origin,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl Location {
    /// A location at a line.
    pub fn line(origin: &Origin, line: usize) -> Self {
        Location {
            origin: origin.clone(),
            line,
            column: None,
        }
    }

    /// The whole file, for what is wrong with it as a whole (it is binary, too large).
    pub fn file(origin: &Origin) -> Self {
        Location {
            origin: origin.clone(),
            line: 0,
            column: None,
        }
    }

    /// A location at a line and column.
    pub fn at(origin: &Origin, line: usize, column: usize) -> Self {
        Location {
            origin: origin.clone(),
            line,
            column: Some(column),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            _ if self.line == 0 => write!(f, "{}", self.origin),
            Some(c) => write!(f, "{}:{}:{}", self.origin, self.line, c),
            None => write!(f, "{}:{}", self.origin, self.line),
        }
    }
}

/// Why a text input could not be read.
#[derive(Debug, Error)]
pub enum TextFileError {
    /// The operating system refused (missing file, permissions).
    Io {
        /// The input.
        origin: Origin,
        /// The system error.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8.
    InvalidUtf8 {
        /// Line and column of the first bad byte.
        location: Location,
        /// Offset of the first bad byte from the start of the input.
        byte_offset: usize,
    },
    /// The input holds NUL bytes: a binary file, not text.
    Binary {
        /// The input.
        origin: Origin,
        /// Offset of the first NUL byte.
        byte_offset: usize,
    },
    /// A C0 control character that is neither a line break nor a tab: it has no place in
    /// a speech, and would reach the memory, the exports (XML forbids it) and a terminal.
    ControlCharacter {
        /// Where it is.
        location: Location,
        /// Its code point.
        code: u32,
    },
    /// The input is larger than [`MAX_TEXT_BYTES`].
    TooLarge {
        /// The input.
        origin: Origin,
        /// Its size (at least), in bytes.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl TextFileError {
    /// Where the error is, as precisely as known: a line for what is wrong inside the file,
    /// the file for what is wrong with it as a whole, nothing for a file that could not be
    /// opened (its message names it, and it has no line).
    pub fn location(&self) -> Option<Location> {
        match self {
            TextFileError::InvalidUtf8 { location, .. }
            | TextFileError::ControlCharacter { location, .. } => Some(location.clone()),
            TextFileError::Binary { origin, .. } | TextFileError::TooLarge { origin, .. } => {
                Some(Location::file(origin))
            }
            TextFileError::Io { .. } => None,
        }
    }
}

impl Localize for TextFileError {
    fn message_id(&self) -> &'static str {
        match self {
            TextFileError::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::NotFound => "error-file-not-found",
                std::io::ErrorKind::PermissionDenied => "error-file-permission",
                _ => "error-file-io",
            },
            TextFileError::InvalidUtf8 { .. } => "error-invalid-utf8",
            TextFileError::Binary { .. } => "error-binary-file",
            TextFileError::ControlCharacter { .. } => "error-control-character",
            TextFileError::TooLarge { .. } => "error-file-too-large",
        }
    }

    fn message_args(&self) -> Args {
        match self {
            TextFileError::Io { origin, source } => vec![
                ("file", origin.to_string().into()),
                ("reason", source.to_string().into()),
            ],
            TextFileError::InvalidUtf8 {
                location,
                byte_offset,
            } => vec![
                ("file", location.origin.to_string().into()),
                ("line", location.line.into()),
                ("offset", (*byte_offset).into()),
            ],
            TextFileError::ControlCharacter { code, .. } => {
                vec![("code", format!("U+{code:04X}").into())]
            }
            TextFileError::Binary {
                origin,
                byte_offset,
            } => vec![
                ("file", origin.to_string().into()),
                ("offset", (*byte_offset).into()),
            ],
            TextFileError::TooLarge {
                origin,
                size,
                limit,
            } => vec![
                ("file", origin.to_string().into()),
                ("size", crate::i18n::megabytes(*size).into()),
                ("limit", crate::i18n::megabytes(*limit).into()),
            ],
        }
    }
}

/// Reads raw bytes from a file or stdin, refusing more than `limit` bytes.
pub fn read_bytes(origin: &Origin, limit: u64) -> Result<Vec<u8>, TextFileError> {
    let io = |source| TextFileError::Io {
        origin: origin.clone(),
        source,
    };
    match origin {
        Origin::File(path) => {
            let file = std::fs::File::open(path).map_err(io)?;
            let size = file.metadata().map_err(io)?.len();
            if size > limit {
                return Err(TextFileError::TooLarge {
                    origin: origin.clone(),
                    size,
                    limit,
                });
            }
            read_bytes_from(origin, file, limit)
        }
        Origin::Stdin => read_bytes_from(origin, std::io::stdin().lock(), limit),
    }
}

/// Reads raw bytes from an input already open (a pipe whose first bytes were sniffed),
/// refusing more than `limit` bytes.
pub fn read_bytes_from(
    origin: &Origin,
    input: impl Read,
    limit: u64,
) -> Result<Vec<u8>, TextFileError> {
    let mut bytes = Vec::new();
    input
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| TextFileError::Io {
            origin: origin.clone(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(TextFileError::TooLarge {
            origin: origin.clone(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Turns bytes into text: UTF-8 (a BOM is dropped), or UTF-16 with a BOM. NUL bytes mean a
/// binary file; invalid UTF-8 is reported at its byte offset and line.
pub fn decode(origin: &Origin, bytes: Vec<u8>) -> Result<String, TextFileError> {
    line_breaks_and_controls(origin, decode_encoding(origin, bytes)?)
}

/// Word's Shift+Enter (vertical tab), a form feed and a lone carriage return (old Mac line
/// ends) become line breaks; any other C0 control character but the tab is a located
/// error (docs/speech-format.md).
fn line_breaks_and_controls(origin: &Origin, text: String) -> Result<String, TextFileError> {
    let bytes = text.as_bytes();
    let needs_work = bytes.iter().any(|&b| b < 0x20 && b != b'\t' && b != b'\n');
    if !needs_work {
        return Ok(text);
    }
    let mut out = String::with_capacity(text.len());
    let (mut line, mut column) = (1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // Whether a line ends here, for the locations of later errors.
        let line_ends = match c {
            '\u{0b}' | '\u{0c}' => {
                out.push('\n');
                true
            }
            '\r' if chars.peek() != Some(&'\n') => {
                out.push('\n');
                true
            }
            '\n' => {
                out.push(c);
                true
            }
            '\r' | '\t' => {
                out.push(c);
                false
            }
            c if c < ' ' => {
                return Err(TextFileError::ControlCharacter {
                    location: Location::at(origin, line, column),
                    code: u32::from(c),
                })
            }
            c => {
                out.push(c);
                false
            }
        };
        if line_ends {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    Ok(out)
}

/// The bytes as text, by their encoding (UTF-8 with or without a BOM, UTF-16 with one).
fn decode_encoding(origin: &Origin, bytes: Vec<u8>) -> Result<String, TextFileError> {
    if let Some(text) = decode_utf16_with_bom(&bytes) {
        return text.ok_or_else(|| TextFileError::InvalidUtf8 {
            location: Location::line(origin, 1),
            byte_offset: 0,
        });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(TextFileError::Binary {
            origin: origin.clone(),
            byte_offset: offset,
        });
    }
    let start = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    match std::str::from_utf8(&bytes[start..]) {
        Ok(_) => {
            let mut bytes = bytes;
            bytes.drain(..start);
            Ok(String::from_utf8(bytes).expect("checked above"))
        }
        Err(e) => {
            let offset = start + e.valid_up_to();
            let before = &bytes[..offset];
            let line = memchr::memchr_iter(b'\n', before).count() + 1;
            let line_start = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            Err(TextFileError::InvalidUtf8 {
                location: Location::at(origin, line, column),
                byte_offset: offset,
            })
        }
    }
}

fn decode_utf16_with_bom(bytes: &[u8]) -> Option<Option<String>> {
    let little_endian = if bytes.starts_with(&[0xFF, 0xFE]) {
        true
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        false
    } else {
        return None;
    };
    let body = &bytes[2..];
    if body.len() % 2 != 0 {
        return Some(None);
    }
    let units = body.chunks_exact(2).map(|c| {
        if little_endian {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok(),
    )
}

/// Reads a whole text input (file or stdin) as a `String`, with every check above.
pub fn read_text(origin: &Origin) -> Result<String, TextFileError> {
    let bytes = read_bytes(origin, MAX_TEXT_BYTES)?;
    decode(origin, bytes)
}

/// Writes `contents` to `path` so that it is whole or untouched (see [`OutputFile`]).
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = OutputFile::create(path)?;
    file.write_all(contents)?;
    file.commit()
}

/// An output file being written. A regular file (or nothing) at the path is replaced only
/// when [`OutputFile::commit`] renames a complete temporary file over it, keeping its mode
/// (and, for root, its owner); dropped uncommitted, it leaves the path untouched. A symbolic
/// link is followed, so the file it names is replaced and the link stays. A character
/// device (`/dev/null`, a terminal) or a FIFO is written through, never replaced; a
/// directory, a socket or a block device is refused.
pub struct OutputFile {
    target: OutputTarget,
}

enum OutputTarget {
    Replace {
        temporary: tempfile::NamedTempFile,
        path: PathBuf,
    },
    Through(std::fs::File),
}

impl OutputFile {
    /// Starts writing `path` (see [`OutputFile`] for what each kind of node gets).
    pub fn create(path: &Path) -> std::io::Result<OutputFile> {
        use std::io::{Error, ErrorKind};
        let path = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                std::fs::canonicalize(path).map_err(|_| {
                    Error::new(
                        ErrorKind::NotFound,
                        "it is a symbolic link to a file that does not exist",
                    )
                })?
            }
            _ => path.to_path_buf(),
        };
        let existing = match std::fs::metadata(&path) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        if let Some(meta) = &existing {
            if !meta.is_file() {
                return write_through(&path, meta).map(|file| OutputFile {
                    target: OutputTarget::Through(file),
                });
            }
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let temporary = tempfile::Builder::new()
            .prefix(".tribune-")
            .suffix(".part")
            .tempfile_in(dir)?;
        keep_mode_and_owner(temporary.as_file(), existing.as_ref())?;
        Ok(OutputFile {
            target: OutputTarget::Replace { temporary, path },
        })
    }

    /// Finishes the file: flushed to disk, then renamed over the path.
    pub fn commit(self) -> std::io::Result<()> {
        match self.target {
            OutputTarget::Replace { temporary, path } => {
                temporary.as_file().sync_all()?;
                temporary.persist(&path).map_err(|e| e.error)?;
                Ok(())
            }
            OutputTarget::Through(mut file) => std::io::Write::flush(&mut file),
        }
    }
}

impl std::io::Write for OutputFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match &mut self.target {
            OutputTarget::Replace { temporary, .. } => temporary.write(bytes),
            OutputTarget::Through(file) => file.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.target {
            OutputTarget::Replace { temporary, .. } => temporary.flush(),
            OutputTarget::Through(file) => file.flush(),
        }
    }
}

/// Opens a character device or a FIFO for writing; refuses every other kind of node.
fn write_through(path: &Path, meta: &std::fs::Metadata) -> std::io::Result<std::fs::File> {
    use std::io::{Error, ErrorKind};
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() || kind.is_fifo() {
            return std::fs::OpenOptions::new().write(true).open(path);
        }
        let what = if kind.is_dir() {
            "it is a folder"
        } else if kind.is_socket() {
            "it is a socket"
        } else {
            "it is a block device"
        };
        Err(Error::new(ErrorKind::InvalidInput, what))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, meta);
        Err(Error::new(
            ErrorKind::InvalidInput,
            "it is not a regular file",
        ))
    }
}

/// Gives the temporary file the replaced file's mode (and owner, when root can), or that of
/// an ordinary document (0644) for a new file: a temporary file is private (0600).
#[allow(unsafe_code)]
fn keep_mode_and_owner(
    file: &std::fs::File,
    existing: Option<&std::fs::Metadata>,
) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mode = existing.map_or(0o644, |m| m.mode() & 0o7777);
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        if let Some(meta) = existing {
            // SAFETY: geteuid has no preconditions.
            if unsafe { libc::geteuid() } == 0 {
                std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()))?;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, existing);
    }
    Ok(())
}

/// An output that would overwrite one of the command's own inputs.
#[derive(Debug, Error)]
pub struct OutputIsInput {
    /// The output file.
    pub output: PathBuf,
    /// The input it is (the same file by device and inode, whatever the names).
    pub input: PathBuf,
}

impl crate::i18n::Localize for OutputIsInput {
    fn message_id(&self) -> &'static str {
        "error-output-is-input"
    }
    fn message_args(&self) -> crate::i18n::Args {
        vec![
            ("output", self.output.display().to_string().into()),
            ("input", self.input.display().to_string().into()),
        ]
    }
}

/// Refuses an output that is one of `inputs` (same device and inode, through any link or
/// other name): writing it would destroy what the command reads.
pub fn refuse_overwriting_inputs(output: &Path, inputs: &[&Path]) -> Result<(), OutputIsInput> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(out) = std::fs::metadata(output) else {
            return Ok(());
        };
        if !out.is_file() {
            return Ok(());
        }
        for input in inputs {
            if input.as_os_str() == "-" {
                continue;
            }
            if let Ok(meta) = std::fs::metadata(input) {
                if meta.dev() == out.dev() && meta.ino() == out.ino() {
                    return Err(OutputIsInput {
                        output: output.to_path_buf(),
                        input: input.to_path_buf(),
                    });
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (output, inputs);
    }
    Ok(())
}

crate::english_display!(TextFileError, OutputIsInput);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
        assert!(write_atomically(&dir.path().join("missing/out.txt"), b"x").is_err());
    }

    fn origin() -> Origin {
        Origin::File(PathBuf::from("x.txt"))
    }

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let text = decode(&origin(), b"\xEF\xBB\xBFHello".to_vec()).unwrap();
        assert_eq!(text, "Hello");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(&origin(), b"line one\nline \xFF two".to_vec()).unwrap_err();
        match err {
            TextFileError::InvalidUtf8 {
                location,
                byte_offset,
            } => {
                assert_eq!(byte_offset, 14);
                assert_eq!(location.line, 2);
                assert_eq!(location.column, Some(6));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn vertical_tabs_form_feeds_and_lone_returns_are_line_breaks() {
        let text = decode(
            &origin(),
            b"One\x0btwo\x0cthree\rfour\r\nfive\tsix".to_vec(),
        );
        assert_eq!(text.unwrap(), "One\ntwo\nthree\nfour\r\nfive\tsix");
    }

    #[test]
    fn other_control_characters_are_located_errors() {
        for (code, bytes) in [
            (0x1b, &b"Hello\x0b\nWe met\x1b[2J today."[..]),
            (1, b"Hello\r\rWe met\x01 today."),
        ] {
            let err = decode(&origin(), bytes.to_vec()).unwrap_err();
            assert!(matches!(err, TextFileError::ControlCharacter { code: c, .. } if c == code));
            assert_eq!(
                err.location().unwrap().to_string(),
                format!("{}:3:7", origin())
            );
        }
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode(&origin(), b"PK\x03\x04\x00\x00".to_vec()).unwrap_err();
        assert!(matches!(err, TextFileError::Binary { byte_offset: 4, .. }));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Merci ».".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&origin(), bytes).unwrap(), "Merci ».");
    }

    #[test]
    fn locations_print_like_compilers() {
        assert_eq!(Location::at(&origin(), 3, 7).to_string(), "x.txt:3:7");
        assert_eq!(Location::line(&Origin::Stdin, 2).to_string(), "<stdin>:2");
    }
}
