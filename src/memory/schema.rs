//! The SQLite schema and its migrations, versioned with `PRAGMA user_version`.
//!
//! Each migration is a step from version N−1 to N, run in one transaction. A file whose
//! version is newer than [`SCHEMA_VERSION`] was made by a newer Tribune: it is refused and
//! left untouched. The file carries `PRAGMA application_id` [`APPLICATION_ID`] so that another
//! program's SQLite file is never mistaken for a memory.

use rusqlite::{Connection, TransactionBehavior};

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 5;

/// `PRAGMA application_id` of a Tribune memory: "TRIB".
pub const APPLICATION_ID: i64 = 0x5452_4942;

/// Version 1: units, origins, languages, the dedupe hashes and the lookup postings.
pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE origins (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    units INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE languages (
    tag TEXT PRIMARY KEY,
    variants INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    variants TEXT NOT NULL,
    origin INTEGER REFERENCES origins(id),
    segment TEXT,
    context_before TEXT,
    context_after TEXT,
    created TEXT,
    created_by TEXT,
    changed TEXT,
    changed_by TEXT,
    properties TEXT,
    provenance TEXT
);
CREATE TABLE unit_hashes (
    hash INTEGER NOT NULL,
    unit INTEGER NOT NULL,
    PRIMARY KEY (hash, unit)
) WITHOUT ROWID;
CREATE TABLE postings (
    id INTEGER PRIMARY KEY,
    lang TEXT NOT NULL,
    token TEXT NOT NULL,
    df INTEGER NOT NULL,
    last INTEGER NOT NULL,
    data BLOB NOT NULL,
    UNIQUE (lang, token)
);
";

/// Version 2: the vocabulary of the postings under a trigram full-text index, for
/// concordance searches on parts of words.
pub(crate) const SCHEMA_V2: &str = "
CREATE VIRTUAL TABLE vocabulary USING fts5(
    token, content='postings', content_rowid='id', tokenize='trigram'
);
INSERT INTO vocabulary (vocabulary) VALUES ('rebuild');
";

/// Version 3: one compact binary record per unit (src/memory/record.rs) instead of JSON and
/// text columns; content hashes in 4,096 buckets instead of one row per unit; index keys
/// without diacritics. Made from version 2 by [`super::migrate::to_v3`], which converts
/// every unit and rebuilds the index.
pub(crate) const SCHEMA_V3: &str = "
CREATE TABLE units_v3 (
    id INTEGER PRIMARY KEY,
    origin INTEGER REFERENCES origins(id),
    record BLOB NOT NULL
);
CREATE TABLE unit_hashes_v3 (
    bucket INTEGER PRIMARY KEY,
    data BLOB NOT NULL
);
";

/// Version 4: no new tables; tags count in the lengths the index stores and are indexed
/// under one key ([`super::tokens::TAG_CLASS_KEY`]), so [`super::migrate::to_v4`] rebuilds
/// the index.
pub(crate) const SCHEMA_V4: &str = "";

/// Version 5: the term base (docs/terms.md, "Storage"): concepts, each with its id in the
/// term base and the hash of its term set (deduplication), and their terms, in order, with
/// the language subtag that lookups by language pair read.
pub(crate) const SCHEMA_V5: &str = "
CREATE TABLE concepts (
    id INTEGER PRIMARY KEY,
    concept TEXT NOT NULL UNIQUE,
    term_set INTEGER NOT NULL,
    subject_field TEXT,
    definition TEXT,
    note TEXT
);
CREATE INDEX concepts_term_set ON concepts (term_set);
CREATE TABLE terms (
    concept INTEGER NOT NULL REFERENCES concepts(id),
    position INTEGER NOT NULL,
    lang TEXT NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    part_of_speech TEXT,
    status TEXT,
    note TEXT,
    PRIMARY KEY (concept, position)
) WITHOUT ROWID;
CREATE INDEX terms_language ON terms (language, concept);
";

/// One step of the schema's history.
pub(crate) enum Migration {
    /// Statements.
    Sql(&'static str),
    /// Statements, then a conversion of the data.
    Convert(
        &'static str,
        fn(&rusqlite::Transaction<'_>) -> rusqlite::Result<()>,
    ),
}

/// The steps, in order: `MIGRATIONS[n]` takes a file from version `n` to `n + 1`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration::Sql(SCHEMA_V1),
    Migration::Sql(SCHEMA_V2),
    Migration::Convert(SCHEMA_V3, super::migrate::to_v3),
    Migration::Convert(SCHEMA_V4, super::migrate::to_v4),
    Migration::Sql(SCHEMA_V5),
];

/// What the header of a file says.
pub(crate) struct Header {
    pub user_version: i64,
    pub application_id: i64,
    pub has_tables: bool,
}

/// Reads the header without changing anything, in one statement so that the three values
/// come from one snapshot even while another process creates the file.
pub(crate) fn read_header(conn: &Connection) -> rusqlite::Result<Header> {
    conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version),
                (SELECT application_id FROM pragma_application_id),
                (SELECT count(*) > 0 FROM sqlite_master)",
        [],
        |row| {
            Ok(Header {
                user_version: row.get(0)?,
                application_id: row.get(1)?,
                has_tables: row.get(2)?,
            })
        },
    )
}

/// Brings the file up to [`SCHEMA_VERSION`], one step per transaction. Concurrent
/// processes are safe: each step re-reads the version under the write lock.
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version >= SCHEMA_VERSION {
            return Ok(());
        }
        // check_header refuses negative versions; a file changed since is not upgraded.
        let Some(step) = usize::try_from(version)
            .ok()
            .and_then(|v| MIGRATIONS.get(v))
        else {
            return Ok(());
        };
        match step {
            Migration::Sql(sql) => tx.execute_batch(sql)?,
            Migration::Convert(sql, convert) => {
                tx.execute_batch(sql)?;
                convert(&tx)?;
            }
        }
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
}
