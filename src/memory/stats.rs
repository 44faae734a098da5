//! The figures of a memory: units, variants per language, units per origin, file size.

use serde::Serialize;

use super::{Memory, MemoryError, SCHEMA_VERSION};

/// Variants in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageCount {
    /// The language tag.
    pub lang: String,
    /// How many variants.
    pub variants: u64,
}

/// Units from one origin (a unit merged from several origins counts in each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OriginCount {
    /// The origin's name.
    pub origin: String,
    /// How many units.
    pub units: u64,
}

/// What `tribune memory stats` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemoryStats {
    /// The memory file.
    pub path: String,
    /// Translation units.
    pub units: u64,
    /// Variants per language tag, most first.
    pub languages: Vec<LanguageCount>,
    /// Units per origin, most first.
    pub origins: Vec<OriginCount>,
    /// Bytes on disk (database and write-ahead log).
    pub size_bytes: u64,
    /// The schema version.
    pub schema: i64,
}

impl Memory {
    /// The memory's figures.
    pub fn stats(&self) -> Result<MemoryStats, MemoryError> {
        let sql = |e| self.sql_error(e);
        let units = self
            .conn
            // Every unit has one 12-byte entry in the hash buckets; their lengths are read
            // without their contents.
            .query_row(
                "SELECT coalesce(sum(length(data)), 0) / 12 FROM unit_hashes",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(sql)? as u64;
        let mut st = self
            .conn
            .prepare("SELECT tag, variants FROM languages WHERE variants > 0 ORDER BY variants DESC, tag")
            .map_err(sql)?;
        let languages = st
            .query_map([], |r| {
                Ok(LanguageCount {
                    lang: r.get(0)?,
                    variants: r.get::<_, i64>(1)? as u64,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(sql)?;
        let mut st = self
            .conn
            .prepare("SELECT name, units FROM origins WHERE units > 0 ORDER BY units DESC, name")
            .map_err(sql)?;
        let origins = st
            .query_map([], |r| {
                Ok(OriginCount {
                    origin: r.get(0)?,
                    units: r.get::<_, i64>(1)? as u64,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(sql)?;
        let size = |suffix: &str| {
            let mut name = self.path.as_os_str().to_owned();
            name.push(suffix);
            std::fs::metadata(std::path::PathBuf::from(name)).map_or(0, |m| m.len())
        };
        Ok(MemoryStats {
            path: self.path.display().to_string(),
            units,
            languages,
            origins,
            size_bytes: size("") + size("-wal"),
            schema: SCHEMA_VERSION,
        })
    }
}
