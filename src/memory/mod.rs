//! The translation memory: one SQLite file of translation units, with fuzzy lookup and
//! concordance (docs/memory.md). It knows nothing of XML: exchange formats are read and
//! written by [`crate::exchange`] and glued to the memory by the CLI.
//!
//! - [`Memory::open`] creates or opens a file (WAL mode, migrated in place);
//!   [`Memory::open_read_only`] opens one for lookups only.
//! - [`Memory::begin_import`] starts one transaction in which [`Import::add`] stores units
//!   with their provenance (deduplicated) and [`Import::commit`] makes them visible with
//!   their index; dropping the import leaves the memory as it was. A [`Preparer`] does the
//!   database-free half of storing units on another thread ([`Import::add_batch`]).
//! - [`Memory::lookup`] returns ranked fuzzy matches ([`Match`]); the score is the pure
//!   function [`score::compare`] (docs/match-score.md).
//! - [`Memory::search`] is the concordance; [`Memory::stats`] the figures;
//!   [`Memory::for_each_unit`] reads units back for export.
//! - The term base lives in the same file ([`Memory::begin_terms_import`],
//!   [`Memory::for_each_concept`], [`Memory::concepts_for`]; docs/terms.md).

mod concordance;
mod error;
mod exact;
mod hash;
mod import;
mod index;
mod keys;
mod lookup;
mod migrate;
mod record;
mod schema;
pub mod score;
mod stats;
mod store;
mod terms;
mod time;
pub mod tokens;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

pub use concordance::{ConcordanceHit, HitSide, SearchFold, SearchRequest};
pub use error::MemoryError;
pub use exact::ExactTranslations;
pub use import::{Added, Import, ImportSummary, PreparedBatch, PreparedUnit, Preparer, SkipReason};
pub use lookup::{
    diff, substitute_placeables, DiffOp, DiffPart, LookupRequest, LookupResult, Match,
    SegmentContext,
};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use score::{
    compare, compare_in, score, score_in, Comparison, Differences, NumberChange, QueryComparer,
    TagChange,
};
pub use stats::{LanguageCount, MemoryStats, OriginCount};
pub use store::{
    open_store, with_new_store_discarded_on_error, Access, ExactLookup, OpenedStore, StoreImport,
    StoreLocation, TermImport, TranslationStore,
};
pub use terms::{TermAdded, TermImportSummary, TermsImport};
pub use time::Timestamp;

/// The memory Tribune uses when neither `--memory` nor `TRIBUNE_MEMORY` names one, relative
/// to the working directory.
pub const DEFAULT_PATH: &str = "memory/tribune.sqlite";

/// How long a writer waits for another one (a concurrent import) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(600);

/// A property kept with a unit or a variant: a TMX `<prop type="…">`, an aligner's
/// confidence, anything a source wants to survive a round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Property {
    /// Its name (TMX `type`).
    pub name: String,
    /// Its value.
    pub value: String,
}

/// One language version of a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The language, as a BCP 47 tag (`en`, `fr-CA`).
    pub lang: LanguageIdentifier,
    /// The plain text, without inline markup: what lookups match and show.
    pub text: String,
    /// The text with its inline markup, when it has some (TMX 1.4b inline elements such as
    /// `<bpt>`, `<ept>`, `<ph>`), so that the markup survives an export. The memory stores it
    /// as it is and never parses it.
    pub markup: Option<String>,
    /// Properties of this variant.
    pub properties: Vec<Property>,
    /// Notes on this variant.
    pub notes: Vec<String>,
}

impl Variant {
    /// A plain variant without markup, properties or notes.
    pub fn new(lang: LanguageIdentifier, text: impl Into<String>) -> Variant {
        Variant {
            lang,
            text: text.into(),
            markup: None,
            properties: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// Where a unit comes from: which file or speech, which segment, its neighbours, who made
/// it and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The origin: a file name, a speech, or what `--origin` says.
    pub origin: String,
    /// The segment id in the origin (a speech segment id, a TMX `tuid`, an XLIFF unit id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// The source text of the previous segment, for in-context matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_before: Option<String>,
    /// The source text of the next segment, for in-context matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_after: Option<String>,
    /// When the unit was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    /// Who made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When it was last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Timestamp>,
    /// Who changed it last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_by: Option<String>,
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse(&text).ok_or_else(|| serde::de::Error::custom("not a timestamp"))
    }
}

/// A unit to store: two or more variants, provenance, properties and notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUnit {
    /// The language versions (at least two languages, or the unit is skipped).
    pub variants: Vec<Variant>,
    /// Where it comes from.
    pub provenance: Provenance,
    /// Properties of the unit.
    pub properties: Vec<Property>,
    /// Notes on the unit.
    pub notes: Vec<String>,
}

/// A unit read back from the memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUnit {
    /// Its id in this memory.
    pub id: i64,
    /// Its variants, in the order they were stored.
    pub variants: Vec<Variant>,
    /// Its provenance: the first record is where it was first stored, the others are the
    /// origins merged into it since.
    pub provenance: Vec<Provenance>,
    /// Properties of the unit.
    pub properties: Vec<Property>,
    /// Notes on the unit.
    pub notes: Vec<String>,
}

/// A variant as stored (and as schema 2 kept it in JSON, which the migration reads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct VariantRecord {
    pub lang: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markup: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Property>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl VariantRecord {
    pub(crate) fn into_variant(self) -> Variant {
        Variant {
            lang: self.lang.parse().unwrap_or_default(),
            text: self.text,
            markup: self.markup,
            properties: self.props,
            notes: self.notes,
        }
    }
}

/// How schema 2 kept unit properties and notes (JSON), for the migration.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct PropertiesRecord {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Property>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Decoded posting lists kept between lookups, so that pre-translating a long speech does
/// not decode the lists of frequent words again for every segment.
#[derive(Default)]
pub(crate) struct PostingCache {
    lists: std::collections::HashMap<(String, String), std::rc::Rc<index::Postings>>,
    bytes: usize,
}

/// Lists shorter than this are cheap to decode and are not cached.
const CACHE_MIN_ENTRIES: usize = 2_000;
/// Memory the cache may hold.
const CACHE_BUDGET_BYTES: usize = 64 * 1024 * 1024;

impl PostingCache {
    fn get(&self, lang: &str, token: &str) -> Option<std::rc::Rc<index::Postings>> {
        self.lists
            .get(&(lang.to_owned(), token.to_owned()))
            .cloned()
    }

    fn put(&mut self, lang: &str, token: &str, list: std::rc::Rc<index::Postings>) {
        if list.ids.len() < CACHE_MIN_ENTRIES {
            return;
        }
        if self.bytes + list.heap_size() > CACHE_BUDGET_BYTES {
            self.lists.clear();
            self.bytes = 0;
        }
        self.bytes += list.heap_size();
        self.lists.insert((lang.to_owned(), token.to_owned()), list);
    }

    fn clear(&mut self) {
        self.lists.clear();
        self.bytes = 0;
    }
}

/// An open translation memory.
pub struct Memory {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    cache: RefCell<PostingCache>,
}

impl std::fmt::Debug for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memory")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

fn check_header(conn: &Connection, path: &Path) -> Result<i64, MemoryError> {
    let header = schema::read_header(conn).map_err(|e| MemoryError::from_sql(path, e))?;
    let foreign = header.application_id != 0 && header.application_id != APPLICATION_ID;
    let unmarked = header.application_id == 0 && header.has_tables;
    if foreign || unmarked {
        return Err(MemoryError::NotAMemory {
            path: path.to_path_buf(),
        });
    }
    if header.user_version < 0 {
        return Err(MemoryError::UnknownSchema {
            path: path.to_path_buf(),
            found: header.user_version,
        });
    }
    if header.user_version > SCHEMA_VERSION {
        return Err(MemoryError::NewerSchema {
            path: path.to_path_buf(),
            found: header.user_version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(header.user_version)
}

/// What [`Memory::open_noting_creation`] created: the memory file, when it did not exist,
/// and the folders made for it. A command that fails before storing anything gives it back
/// to [`Memory::close_discarding_if_new`], so that a failed first import leaves no empty
/// memory (and no folder) behind.
#[derive(Debug, Default)]
#[must_use]
pub struct Creation {
    file: Option<PathBuf>,
    /// Deepest first.
    folders: Vec<PathBuf>,
}

impl Creation {
    /// What opening `path` would create.
    fn before_opening(path: &Path) -> Creation {
        if path.exists() {
            return Creation::default();
        }
        let folders = path
            .ancestors()
            .skip(1)
            .take_while(|folder| !folder.as_os_str().is_empty() && !folder.exists())
            .map(Path::to_path_buf)
            .collect();
        Creation {
            file: Some(path.to_path_buf()),
            folders,
        }
    }

    /// Removes what was created (the file with its journal files, then the folders while
    /// they are empty).
    fn undo(self) {
        let Some(file) = self.file else { return };
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = file.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
        for folder in self.folders {
            if std::fs::remove_dir(&folder).is_err() {
                break;
            }
        }
    }
}

impl Memory {
    /// [`Memory::open`], also saying what it created.
    pub fn open_noting_creation(path: impl AsRef<Path>) -> Result<(Memory, Creation), MemoryError> {
        let path = path.as_ref();
        let creation = Creation::before_opening(path);
        match Memory::open(path) {
            Ok(memory) => Ok((memory, creation)),
            Err(e) => {
                creation.undo();
                Err(e)
            }
        }
    }

    /// Closes a memory after a command failed: when the command created it and it holds no
    /// unit, it is removed with the folders made for it.
    pub fn close_discarding_if_new(self, creation: Creation) {
        if creation.file.is_none() {
            return;
        }
        let empty = self.is_empty().unwrap_or(false);
        drop(self);
        if empty {
            creation.undo();
        }
    }

    /// Opens the memory at `path` for reading and writing, creating it (and its folder) on
    /// first use and upgrading an older schema in place. A file the system marks read-only
    /// is opened read-only instead: lookups work, imports fail with
    /// [`MemoryError::ReadOnly`].
    pub fn open(path: impl AsRef<Path>) -> Result<Memory, MemoryError> {
        let path = path.as_ref();
        // Several processes may create or upgrade the same file at once (four imports
        // started together): the one that loses a race for the schema lock retries.
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            match Memory::open_once(path) {
                Err(MemoryError::Busy { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                result => return result,
            }
        }
    }

    fn open_once(path: &Path) -> Result<Memory, MemoryError> {
        match std::fs::metadata(path) {
            Ok(meta) if meta.permissions().readonly() => return Memory::open_read_only(path),
            Ok(_) => {}
            Err(_) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|source| {
                        MemoryError::CreateFolder {
                            path: path.to_path_buf(),
                            source,
                        }
                    })?;
                }
            }
        }
        let sql = |e| MemoryError::from_sql(path, e);
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        check_header(&conn, path)?;
        if conn.is_readonly("main").unwrap_or(false) {
            drop(conn);
            return Memory::open_read_only(path);
        }
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .map_err(sql)?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update_and_check(None, "journal_mode", "wal", |row| {
                row.get::<_, String>(0)
            })
            .map_err(sql)?;
        }
        conn.pragma_update(None, "synchronous", "normal")
            .map_err(sql)?;
        schema::migrate(&mut conn).map_err(sql)?;
        Ok(Memory {
            conn,
            path: path.to_path_buf(),
            read_only: false,
            cache: RefCell::default(),
        })
    }

    /// Opens an existing memory for lookups only; it is never changed.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Memory, MemoryError> {
        let path = path.as_ref();
        let sql = |e| MemoryError::from_sql(path, e);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sql)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        let version = match check_header(&conn, path) {
            Ok(version) => version,
            Err(MemoryError::Sql { .. }) => {
                // A WAL file whose shared-memory file cannot be made in a read-only folder:
                // read it as an immutable file.
                let uri = format!("file:{}?immutable=1", path.display());
                let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
                    .map_err(sql)?;
                let version = check_header(&conn, path)?;
                return Memory::finish_read_only(conn, path, version);
            }
            Err(e) => return Err(e),
        };
        Memory::finish_read_only(conn, path, version)
    }

    fn finish_read_only(
        conn: Connection,
        path: &Path,
        version: i64,
    ) -> Result<Memory, MemoryError> {
        if version < SCHEMA_VERSION {
            return Err(MemoryError::ReadOnlyNeedsUpgrade {
                path: path.to_path_buf(),
                found: version,
            });
        }
        Ok(Memory {
            conn,
            path: path.to_path_buf(),
            read_only: true,
            cache: RefCell::default(),
        })
    }

    /// Whether the memory holds no unit and no term.
    pub fn is_empty(&self) -> Result<bool, MemoryError> {
        self.conn
            .query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM units) AND NOT EXISTS (SELECT 1 FROM concepts)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.sql_error(e))
    }

    /// The file of this memory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the memory was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub(crate) fn sql_error(&self, e: rusqlite::Error) -> MemoryError {
        MemoryError::from_sql(&self.path, e)
    }

    /// Reads every unit in id order (filtered by origin name when given) and hands each to
    /// `visit`, for export. Stops at the first error `visit` returns.
    pub fn for_each_unit<E>(
        &self,
        origin: Option<&str>,
        mut visit: impl FnMut(StoredUnit) -> Result<(), E>,
    ) -> Result<Result<(), E>, MemoryError> {
        let sql = |e| self.sql_error(e);
        let mut statement = self
            .conn
            .prepare(
                "SELECT u.id, o.name, u.record
                 FROM units u LEFT JOIN origins o ON o.id = u.origin ORDER BY u.id",
            )
            .map_err(sql)?;
        let mut rows = statement.query([]).map_err(sql)?;
        while let Some(row) = rows.next().map_err(sql)? {
            let unit = read_unit(row).map_err(sql)?;
            if let Some(wanted) = origin {
                if !unit.provenance.iter().any(|p| p.origin == wanted) {
                    continue;
                }
            }
            if let Err(e) = visit(unit) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(()))
    }

    /// One unit by id.
    pub fn unit(&self, id: i64) -> Result<Option<StoredUnit>, MemoryError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "SELECT u.id, o.name, u.record
                 FROM units u LEFT JOIN origins o ON o.id = u.origin WHERE u.id = ?1",
                [id],
                read_unit,
            )
            .optional()
            .map_err(|e| self.sql_error(e))
    }
}

/// A unit from a row of (id, origin name, record).
fn read_unit(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredUnit> {
    let origin = row.get::<_, Option<String>>(1)?.unwrap_or_default();
    let data: Vec<u8> = row.get(2)?;
    let unit = record::decode(&data, origin)?;
    let mut first = unit.first;
    // The unit's change time and user default to its creation's.
    first.changed = first.changed.or(first.created);
    first.changed_by = first.changed_by.or_else(|| first.created_by.clone());
    let mut provenance = vec![first];
    provenance.extend(unit.merged);
    Ok(StoredUnit {
        id: row.get(0)?,
        variants: unit
            .variants
            .into_iter()
            .map(VariantRecord::into_variant)
            .collect(),
        provenance,
        properties: unit.properties,
        notes: unit.notes,
    })
}

#[cfg(test)]
mod tests;
