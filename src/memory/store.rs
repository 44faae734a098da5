//! The boundary between Tribune and wherever its translation memory lives.
//!
//! Everything outside this module reaches a memory through [`TranslationStore`] (and the
//! [`StoreImport`] transaction it opens): the command line, the ingest layer, pre-translation
//! and the benchmarks. The SQLite file ([`Memory`]) is the first implementation; a second
//! one (a team memory on a server) implements the same traits, and [`open_store`] picks the
//! implementation from the [`StoreLocation`], so that no caller changes. docs/memory.md,
//! "Backends", says what an implementation must provide.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use super::terms::{TermAdded, TermImportSummary, TermsImport};
use super::{
    Added, ConcordanceHit, Creation, ExactTranslations, Import, ImportSummary, LookupRequest,
    Match, Memory, MemoryError, MemoryStats, NewUnit, PreparedBatch, SearchRequest, SkipReason,
    StoredUnit,
};
use crate::terms::Concept;

/// A translation memory, wherever it is kept: what every backend provides.
///
/// Implementations deduplicate on insert (same languages and texts: one unit, the new
/// provenance merged into it), make an import visible all at once at commit and not at all
/// when it is dropped, and give the lookup scores of [`super::score`], so that a memory
/// answers the same whatever keeps it.
pub trait TranslationStore: std::fmt::Debug {
    /// Where the memory is, as messages name it (a file path; never a password).
    fn location(&self) -> String;

    /// Whether the memory was opened for lookups only (imports fail with
    /// [`MemoryError::ReadOnly`]).
    fn is_read_only(&self) -> bool;

    /// Whether the memory holds no unit and no term.
    fn is_empty(&self) -> Result<bool, MemoryError>;

    /// Starts an import: one transaction, visible to others only once committed.
    fn begin_import(&mut self) -> Result<Box<dyn StoreImport + '_>, MemoryError>;

    /// Ranked fuzzy matches for one text (docs/match-score.md).
    fn lookup(&self, request: &LookupRequest<'_>) -> Result<Vec<Match>, MemoryError>;

    /// The concordance: units whose text holds the words searched for.
    fn search(&self, request: &SearchRequest<'_>) -> Result<Vec<ConcordanceHit>, MemoryError>;

    /// Units, languages, origins and size.
    fn stats(&self) -> Result<MemoryStats, MemoryError>;

    /// Hands every unit (of one origin when given) to `visit` in storage order, for export,
    /// until `visit` says to stop.
    fn for_each_unit(
        &self,
        origin: Option<&str>,
        visit: &mut dyn FnMut(StoredUnit) -> ControlFlow<()>,
    ) -> Result<(), MemoryError>;

    /// One unit by its id in this memory.
    fn unit(&self, id: i64) -> Result<Option<StoredUnit>, MemoryError>;

    /// Exact-source questions answered from the memory as it is now, unaffected by an
    /// import begun afterwards (`xliff import` asks whether the memory translated a source
    /// differently before the file). `None` when the memory cannot be read a second time.
    fn exact_snapshot(&self) -> Option<Box<dyn ExactLookup>>;

    /// Starts an import into the term base: one transaction, like [`Self::begin_import`].
    fn begin_terms_import(&mut self) -> Result<Box<dyn TermImport + '_>, MemoryError>;

    /// Hands every concept of the term base to `visit` in storage order, with its id, for
    /// export, until `visit` says to stop.
    fn for_each_concept(
        &self,
        visit: &mut dyn FnMut(Concept) -> ControlFlow<()>,
    ) -> Result<(), MemoryError>;

    /// The concepts with terms in both languages (matched on the language subtag), in
    /// storage order: what [`crate::terms::TermMatcher::new`] takes to find terms in the
    /// segments of a speech. A term base holds thousands of concepts, so they are loaded
    /// whole.
    fn concepts_for(
        &self,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> Result<Vec<Concept>, MemoryError>;

    /// How many concepts the term base has.
    fn concept_count(&self) -> Result<u64, MemoryError>;
}

/// A term base import in progress (one transaction) in a [`TranslationStore`].
pub trait TermImport {
    /// Stores one concept: merged into the stored concept with the same id or else the same
    /// term set ([`Concept::merge`]), added otherwise.
    fn add(&mut self, concept: Concept) -> Result<TermAdded, MemoryError>;

    /// The counts so far.
    fn summary(&self) -> &TermImportSummary;

    /// Makes the import visible; returns its counts.
    fn commit(self: Box<Self>) -> Result<TermImportSummary, MemoryError>;
}

/// An import in progress (one transaction) in a [`TranslationStore`].
pub trait StoreImport {
    /// Stores one unit (or merges its provenance into the same unit already stored).
    fn add(&mut self, unit: NewUnit) -> Result<Added, MemoryError>;

    /// Stores a batch prepared on another thread by a [`super::Preparer`], in order, and
    /// empties it for reuse.
    fn add_batch(&mut self, batch: &mut PreparedBatch) -> Result<(), MemoryError>;

    /// Counts a unit the caller did not store.
    fn skip(&mut self, reason: SkipReason);

    /// The counts so far.
    fn summary(&self) -> &ImportSummary;

    /// Makes the import visible; returns its counts.
    fn commit(self: Box<Self>) -> Result<ImportSummary, MemoryError>;
}

/// Which stored translations a source text has exactly (a 100 % match, once trimmed).
pub trait ExactLookup {
    /// The targets in `to` of every unit whose source in `from` is `source`, in unit order,
    /// each unit once.
    fn targets(
        &mut self,
        source: &str,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> Result<Vec<String>, MemoryError>;
}

/// Where a memory is: today a SQLite file. A team memory on a server becomes a second
/// variant, parsed from the same `--memory` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// A SQLite file (created on first use).
    File(PathBuf),
}

impl StoreLocation {
    /// The location a `--memory` value (or `TRIBUNE_MEMORY`) names.
    pub fn from_arg(value: &Path) -> StoreLocation {
        StoreLocation::File(value.to_path_buf())
    }

    /// The file, when the memory is one: what an output must not overwrite.
    pub fn file(&self) -> Option<&Path> {
        match self {
            StoreLocation::File(path) => Some(path),
        }
    }

    /// Whether a memory is there already.
    pub fn exists(&self) -> bool {
        match self {
            StoreLocation::File(path) => path.exists(),
        }
    }
}

impl std::fmt::Display for StoreLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreLocation::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// How a command uses the memory it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// To store units: created when missing (and removed again by
    /// [`OpenedStore::close_discarding_if_new`] when nothing was stored).
    Write,
    /// To read an existing memory: [`MemoryError::NotFound`] when there is none. An older
    /// schema is upgraded when the memory can be written, read as it is otherwise.
    Existing,
}

/// An open memory, with what opening it created.
#[derive(Debug)]
pub struct OpenedStore {
    store: Box<dyn TranslationStore>,
    creation: Creation,
}

impl OpenedStore {
    /// The memory.
    pub fn store(&self) -> &dyn TranslationStore {
        self.store.as_ref()
    }

    /// The memory, to import into.
    pub fn store_mut(&mut self) -> &mut dyn TranslationStore {
        self.store.as_mut()
    }

    /// Closes the memory after a command failed: when opening created it and it holds no
    /// unit, it is removed (with the folders made for it), so that a failed first import
    /// leaves nothing behind.
    pub fn close_discarding_if_new(self) {
        let empty = self.store.is_empty().unwrap_or(false);
        drop(self.store);
        if empty {
            self.creation.undo();
        }
    }

    /// Runs `import` on the memory and closes it; when `import` fails, closes it with
    /// [`Self::close_discarding_if_new`], so that a failed first import leaves no empty
    /// memory behind (what [`with_new_store_discarded_on_error`] does after opening).
    pub fn run_discarding_if_new_on_error<T, E>(
        mut self,
        import: impl FnOnce(&mut dyn TranslationStore) -> Result<T, E>,
    ) -> Result<T, E> {
        match import(self.store_mut()) {
            Ok(value) => Ok(value),
            Err(e) => {
                self.close_discarding_if_new();
                Err(e)
            }
        }
    }
}

/// Opens the memory at `location` with the implementation that keeps it.
pub fn open_store(location: &StoreLocation, access: Access) -> Result<OpenedStore, MemoryError> {
    match location {
        StoreLocation::File(path) => {
            if access == Access::Existing && !path.exists() {
                return Err(MemoryError::NotFound { path: path.clone() });
            }
            let (memory, creation) = Memory::open_noting_creation(path)?;
            Ok(OpenedStore {
                store: Box::new(memory),
                creation,
            })
        }
    }
}

/// Opens the memory at `location` for writing and runs `import` on it. When `import` fails,
/// the memory is closed with [`OpenedStore::close_discarding_if_new`]: a failed first import
/// leaves no empty memory behind, whichever front end (command line, workspace) ran it.
/// An error opening the memory is returned as `E` without running `import`.
///
/// What `import` returns as `Ok` keeps the memory even when it holds an error of its own
/// (a report that could not be printed is no failure of the import).
pub fn with_new_store_discarded_on_error<T, E>(
    location: &StoreLocation,
    import: impl FnOnce(&mut dyn TranslationStore) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<MemoryError>,
{
    open_store(location, Access::Write)?.run_discarding_if_new_on_error(import)
}

impl TranslationStore for Memory {
    fn location(&self) -> String {
        self.path().display().to_string()
    }

    fn is_read_only(&self) -> bool {
        Memory::is_read_only(self)
    }

    fn is_empty(&self) -> Result<bool, MemoryError> {
        Memory::is_empty(self)
    }

    fn begin_import(&mut self) -> Result<Box<dyn StoreImport + '_>, MemoryError> {
        Ok(Box::new(Memory::begin_import(self)?))
    }

    fn lookup(&self, request: &LookupRequest<'_>) -> Result<Vec<Match>, MemoryError> {
        Memory::lookup(self, request)
    }

    fn search(&self, request: &SearchRequest<'_>) -> Result<Vec<ConcordanceHit>, MemoryError> {
        Memory::search(self, request)
    }

    fn stats(&self) -> Result<MemoryStats, MemoryError> {
        Memory::stats(self)
    }

    fn for_each_unit(
        &self,
        origin: Option<&str>,
        visit: &mut dyn FnMut(StoredUnit) -> ControlFlow<()>,
    ) -> Result<(), MemoryError> {
        let stopped = Memory::for_each_unit(self, origin, |unit| match visit(unit) {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(()),
        })?;
        // Stopping early is what the visitor asked for, not an error.
        let _ = stopped;
        Ok(())
    }

    fn unit(&self, id: i64) -> Result<Option<StoredUnit>, MemoryError> {
        Memory::unit(self, id)
    }

    fn exact_snapshot(&self) -> Option<Box<dyn ExactLookup>> {
        // A second, read-only connection: it does not see an import's writes until they
        // are committed.
        let memory = Memory::open_read_only(self.path()).ok()?;
        Some(Box::new(ExactTranslations::new(memory)))
    }

    fn begin_terms_import(&mut self) -> Result<Box<dyn TermImport + '_>, MemoryError> {
        Ok(Box::new(Memory::begin_terms_import(self)?))
    }

    fn for_each_concept(
        &self,
        visit: &mut dyn FnMut(Concept) -> ControlFlow<()>,
    ) -> Result<(), MemoryError> {
        Memory::for_each_concept(self, visit)
    }

    fn concepts_for(
        &self,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> Result<Vec<Concept>, MemoryError> {
        Memory::concepts_for(self, from, to)
    }

    fn concept_count(&self) -> Result<u64, MemoryError> {
        Memory::concept_count(self)
    }
}

impl TermImport for TermsImport<'_> {
    fn add(&mut self, concept: Concept) -> Result<TermAdded, MemoryError> {
        TermsImport::add(self, concept)
    }

    fn summary(&self) -> &TermImportSummary {
        TermsImport::summary(self)
    }

    fn commit(self: Box<Self>) -> Result<TermImportSummary, MemoryError> {
        TermsImport::commit(*self)
    }
}

impl StoreImport for Import<'_> {
    fn add(&mut self, unit: NewUnit) -> Result<Added, MemoryError> {
        Import::add(self, unit)
    }

    fn add_batch(&mut self, batch: &mut PreparedBatch) -> Result<(), MemoryError> {
        Import::add_batch(self, batch)
    }

    fn skip(&mut self, reason: SkipReason) {
        Import::skip(self, reason)
    }

    fn summary(&self) -> &ImportSummary {
        Import::summary(self)
    }

    fn commit(self: Box<Self>) -> Result<ImportSummary, MemoryError> {
        Import::commit(*self)
    }
}

impl ExactLookup for ExactTranslations {
    fn targets(
        &mut self,
        source: &str,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> Result<Vec<String>, MemoryError> {
        ExactTranslations::targets(self, source, from, to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    fn one_unit(store: &mut dyn TranslationStore) -> Result<(), MemoryError> {
        let mut import = store.begin_import()?;
        import.add(NewUnit {
            variants: vec![
                super::super::Variant::new(langid!("en"), "Thank you."),
                super::super::Variant::new(langid!("fr"), "Merci."),
            ],
            provenance: super::super::Provenance::default(),
            properties: Vec::new(),
            notes: Vec::new(),
        })?;
        import.commit()?;
        Ok(())
    }

    #[test]
    fn a_failed_first_import_leaves_no_memory_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/tm.sqlite");
        let location = StoreLocation::File(path.clone());
        let result: Result<(), MemoryError> = with_new_store_discarded_on_error(&location, |_| {
            Err(MemoryError::NotFound { path: path.clone() })
        });
        assert!(result.is_err());
        assert!(!path.exists());
        assert!(!dir.path().join("new").exists());
    }

    #[test]
    fn a_memory_that_holds_units_is_kept_after_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        let location = StoreLocation::File(path.clone());
        let result: Result<(), MemoryError> =
            with_new_store_discarded_on_error(&location, |store| {
                one_unit(store)?;
                Err(MemoryError::NotFound { path: path.clone() })
            });
        assert!(result.is_err());
        assert!(path.exists());
    }

    #[test]
    fn a_successful_import_keeps_the_new_memory_even_when_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        let location = StoreLocation::File(path.clone());
        let kept: Result<Result<(), &str>, MemoryError> =
            with_new_store_discarded_on_error(&location, |_| Ok(Err("not printed")));
        assert_eq!(kept.unwrap(), Err("not printed"));
        assert!(path.exists());
    }
}
