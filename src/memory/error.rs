//! Errors of the translation memory: each names the file and says what to do.

use std::path::PathBuf;

use thiserror::Error;

use crate::i18n::{Args, Localize};

/// Why the translation memory could not be opened, read or written.
#[derive(Debug, Error)]
pub enum MemoryError {
    /// The folder for a new memory could not be created.
    CreateFolder {
        /// The memory file.
        path: PathBuf,
        /// The system error.
        source: std::io::Error,
    },
    /// No memory there, for a command that only reads one.
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// The file is not a SQLite database, or not one made by Tribune.
    NotAMemory {
        /// The file.
        path: PathBuf,
    },
    /// The file was made by a newer Tribune; it is left untouched.
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The schema version is one no Tribune ever wrote (negative): a damaged file, or one
    /// another program marked.
    UnknownSchema {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
    },
    /// The memory's `-wal` or `-shm` file belongs to another user, who left it behind: this
    /// user cannot open the memory even for reading until that user, or an administrator,
    /// deals with it.
    ForeignJournal {
        /// The memory file.
        path: PathBuf,
        /// The `-wal` or `-shm` file.
        journal: PathBuf,
        /// Its owner's user name (or number).
        owner: String,
    },
    /// The memory is read-only: lookups work, changes do not.
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// The memory needs an upgrade, but it is read-only.
    ReadOnlyNeedsUpgrade {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
    },
    /// Another process holds the memory for too long.
    Busy {
        /// The file.
        path: PathBuf,
    },
    /// The disk is full.
    DiskFull {
        /// The file.
        path: PathBuf,
    },
    /// The operating system refused a read or write (a file-size limit, a failing disk).
    Io {
        /// The file.
        path: PathBuf,
    },
    /// Any other SQLite error.
    Sql {
        /// The file.
        path: PathBuf,
        /// The SQLite error.
        source: rusqlite::Error,
    },
}

impl MemoryError {
    /// Classifies a SQLite error for the user.
    pub(crate) fn from_sql(path: &std::path::Path, source: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) => {
                match foreign_journal(&path) {
                    Some((journal, owner)) => MemoryError::ForeignJournal {
                        path,
                        journal,
                        owner,
                    },
                    None if source.sqlite_error_code() == Some(ErrorCode::ReadOnly) => {
                        MemoryError::ReadOnly { path }
                    }
                    None => MemoryError::Sql { path, source },
                }
            }
            Some(ErrorCode::NotADatabase) => MemoryError::NotAMemory { path },
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                MemoryError::Busy { path }
            }
            Some(ErrorCode::DiskFull) => MemoryError::DiskFull { path },
            Some(ErrorCode::SystemIoFailure) => MemoryError::Io { path },
            _ => MemoryError::Sql { path, source },
        }
    }

    /// The memory file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            MemoryError::CreateFolder { path, .. }
            | MemoryError::NotAMemory { path }
            | MemoryError::NotFound { path }
            | MemoryError::NewerSchema { path, .. }
            | MemoryError::UnknownSchema { path, .. }
            | MemoryError::ForeignJournal { path, .. }
            | MemoryError::ReadOnly { path }
            | MemoryError::ReadOnlyNeedsUpgrade { path, .. }
            | MemoryError::Busy { path }
            | MemoryError::DiskFull { path }
            | MemoryError::Io { path }
            | MemoryError::Sql { path, .. } => path,
        }
    }
}

/// The memory's `-wal` or `-shm` file, when one exists that this process cannot write
/// although it belongs to someone else, with its owner.
#[allow(unsafe_code)]
fn foreign_journal(path: &std::path::Path) -> Option<(PathBuf, String)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions.
        let me = unsafe { libc::geteuid() };
        for suffix in ["-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let journal = PathBuf::from(name);
            let Ok(meta) = std::fs::metadata(&journal) else {
                continue;
            };
            if meta.uid() == me {
                continue;
            }
            let c_path = std::ffi::CString::new(journal.as_os_str().as_encoded_bytes()).ok()?;
            // SAFETY: a NUL-terminated path; access() only reads it.
            let writable = unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } == 0;
            if !writable {
                return Some((journal, user_name(meta.uid())));
            }
        }
        None
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// A user's name from the system's user list, or `user NUMBER`.
#[cfg(unix)]
fn user_name(uid: u32) -> String {
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|list| {
            list.lines().find_map(|line| {
                let mut fields = line.split(':');
                let name = fields.next()?;
                (fields.nth(1)? == uid.to_string()).then(|| name.to_owned())
            })
        })
        .unwrap_or_else(|| format!("user {uid}"))
}

impl Localize for MemoryError {
    fn message_id(&self) -> &'static str {
        match self {
            MemoryError::CreateFolder { .. } => "memory-error-create-folder",
            MemoryError::NotAMemory { .. } => "memory-error-not-a-memory",
            MemoryError::NotFound { .. } => "memory-error-no-memory",
            MemoryError::NewerSchema { .. } => "memory-error-newer-schema",
            MemoryError::UnknownSchema { .. } => "memory-error-unknown-schema",
            MemoryError::ForeignJournal { .. } => "memory-error-foreign-journal",
            MemoryError::ReadOnly { .. } => "memory-error-read-only",
            MemoryError::ReadOnlyNeedsUpgrade { .. } => "memory-error-read-only-upgrade",
            MemoryError::Busy { .. } => "memory-error-busy",
            MemoryError::DiskFull { .. } => "memory-error-disk-full",
            MemoryError::Io { .. } => "memory-error-io",
            MemoryError::Sql { .. } => "memory-error-sql",
        }
    }

    fn message_args(&self) -> Args {
        let mut args: Args = vec![("path", self.path().display().to_string().into())];
        match self {
            MemoryError::CreateFolder { source, .. } => {
                args.push(("reason", source.to_string().into()));
            }
            MemoryError::NewerSchema {
                found, supported, ..
            } => {
                args.push(("found", (*found as f64).into()));
                args.push(("supported", (*supported as f64).into()));
            }
            MemoryError::UnknownSchema { found, .. } => {
                args.push(("found", (*found as f64).into()));
            }
            MemoryError::ForeignJournal { journal, owner, .. } => {
                args.push(("journal", journal.display().to_string().into()));
                args.push(("owner", owner.clone().into()));
            }
            MemoryError::ReadOnlyNeedsUpgrade { found, .. } => {
                args.push(("found", (*found as f64).into()));
            }
            MemoryError::Sql { source, .. } => {
                args.push(("reason", source.to_string().into()));
            }
            _ => {}
        }
        args
    }
}

crate::english_display!(MemoryError);
