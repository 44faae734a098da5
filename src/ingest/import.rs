//! `import_file`: a TMX or TSV file stored in a memory, on three threads.
//!
//! Each thread hands batches to the next and gets them back empty, so that their buffers are
//! reused instead of allocated per unit: one reads and converts the file, one prepares the
//! units (records encoded, texts cut into index keys), and the caller's thread writes.
//! Reading and preparing each take longer than writing, so splitting them keeps both
//! processor cores busy (docs/memory.md, "Import").

use std::io::{self, Read};
use std::path::Path;

use unic_langid::LanguageIdentifier;

use crate::exchange::input::{utf8_input, SniffedInput};
use crate::exchange::{Format, TmxReader, TmxUnit, TsvReader};
use crate::memory::{
    ImportSummary, NewUnit, PreparedBatch, Preparer, Provenance, SkipReason, Timestamp,
    TranslationStore, Variant,
};
use crate::textfile::Origin;

use super::tmx::{fill_unit, LanguageCache};
use super::IngestError;

/// How a file is imported.
#[derive(Default)]
pub struct ImportOptions<'a> {
    /// The origin recorded for the units (default: the file name).
    pub origin: Option<String>,
    /// Language of the first column of a TSV file.
    pub from: Option<LanguageIdentifier>,
    /// Language of the second column of a TSV file.
    pub to: Option<LanguageIdentifier>,
    /// Who is recorded as creator of units that do not say (see [`super::default_user`]).
    pub user: Option<String>,
    /// Told how many bytes of the file are read, of how many (0 when unknown), as the
    /// import goes.
    pub progress: Option<&'a (dyn Fn(u64, u64) + Sync)>,
}

impl std::fmt::Debug for ImportOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportOptions")
            .field("origin", &self.origin)
            .field("from", &self.from)
            .field("to", &self.to)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// Units sent from the reading thread at a time.
const BATCH: usize = 512;

/// Imports one TMX or TSV file (`-`: standard input, read once) into `store`, in one
/// transaction: on any error nothing of the file is stored.
pub fn import_file(
    store: &mut dyn TranslationStore,
    path: &Path,
    options: &ImportOptions<'_>,
) -> Result<ImportSummary, IngestError> {
    let display = path.display().to_string();
    let open_error = |e: io::Error| IngestError::Open {
        file: display.clone(),
        reason: e.to_string(),
    };
    // Opened once: a pipe, a FIFO or `<(…)` loses whatever a second opening would skip.
    let input = SniffedInput::open(path).map_err(open_error)?;
    let size = input.size();
    let format = Format::detect(path, input.head());
    let origin_name = options.origin.clone().unwrap_or_else(|| {
        path.file_name()
            .map_or_else(|| display.clone(), |n| n.to_string_lossy().into_owned())
    });
    let origin = if path.as_os_str() == "-" {
        Origin::Stdin
    } else {
        Origin::File(path.to_path_buf())
    };
    let file = input.into_reader();
    if format == Format::Tsv && (options.from.is_none() || options.to.is_none()) {
        return Err(IngestError::TsvNeedsLanguages { file: display });
    }
    let mut import = store.begin_import()?;
    // The three threads of the module documentation.
    let (to_prepare, read) = std::sync::mpsc::sync_channel::<Batch<ReadBatch>>(4);
    let (back_to_reader, reader_buffers) = std::sync::mpsc::channel::<Box<ReadBatch>>();
    let (to_write, prepared) = std::sync::mpsc::sync_channel::<Batch<PreparedBatch>>(4);
    let (back_to_preparer, preparer_buffers) = std::sync::mpsc::channel::<Box<PreparedBatch>>();
    let mut preparer = Preparer::new();
    let source = UnitSource {
        format,
        file,
        display,
        origin,
        origin_name,
        explicit_origin: options.origin.is_some(),
        from: options.from.clone(),
        to: options.to.clone(),
        user: options.user.clone(),
        size,
    };
    std::thread::scope(|scope| -> Result<ImportSummary, IngestError> {
        let reading = std::thread::Builder::new()
            .name("tribune-read".into())
            .spawn_scoped(scope, move || source.read(&to_prepare, &reader_buffers));
        let preparing = std::thread::Builder::new()
            .name("tribune-prepare".into())
            .spawn_scoped(scope, move || {
                for message in read {
                    let message = match message {
                        Batch::Units(mut units, position) => {
                            let mut batch = preparer_buffers.try_recv().unwrap_or_default();
                            units.prepare(&mut preparer, &mut batch);
                            let _ = back_to_reader.send(units);
                            Batch::Units(batch, position)
                        }
                        Batch::Failed(error) => Batch::Failed(error),
                    };
                    if to_write.send(message).is_err() {
                        return;
                    }
                }
            });
        for spawned in [reading.map(drop), preparing.map(drop)] {
            spawned.map_err(|e| IngestError::Open {
                file: path.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        for message in prepared {
            match message {
                Batch::Units(mut units, position) => {
                    import.add_batch(&mut units)?;
                    let _ = back_to_preparer.send(units);
                    if let Some(progress) = options.progress {
                        progress(position, size);
                    }
                }
                Batch::Failed(error) => return Err(error),
            }
        }
        Ok(import.commit()?)
    })
}

/// A batch handed from one import thread to the next (with how far into the file it
/// reaches, for the progress bar), or why reading stopped.
enum Batch<T> {
    Units(Box<T>, u64),
    Failed(IngestError),
}

/// Units read and converted, waiting to be prepared: the first `len` slots, each a unit or
/// why it is skipped. Slots beyond `len` are kept for their strings, refilled by the next
/// batch.
#[derive(Default)]
struct ReadBatch {
    slots: Vec<(NewUnit, Option<SkipReason>)>,
    len: usize,
}

impl ReadBatch {
    /// The next slot to fill, counted as used.
    fn next_slot(&mut self) -> &mut (NewUnit, Option<SkipReason>) {
        if self.len == self.slots.len() {
            self.slots.push((empty_unit(), None));
        }
        self.len += 1;
        &mut self.slots[self.len - 1]
    }

    fn is_full(&self) -> bool {
        self.len >= BATCH
    }

    /// Prepares every unit into `batch`, in order, and empties this one.
    fn prepare(&mut self, preparer: &mut Preparer, batch: &mut PreparedBatch) {
        for (unit, skipped) in &self.slots[..self.len] {
            match skipped {
                Some(reason) => batch.push_skipped(*reason),
                None => preparer.prepare_ref(unit, batch),
            }
        }
        self.len = 0;
    }
}

fn empty_unit() -> NewUnit {
    NewUnit {
        variants: Vec::new(),
        provenance: Provenance::default(),
        properties: Vec::new(),
        notes: Vec::new(),
    }
}

/// What the reading thread needs to turn a file into units.
struct UnitSource {
    format: Format,
    file: Box<dyn Read + Send>,
    /// The file's name in messages.
    display: String,
    origin: Origin,
    origin_name: String,
    explicit_origin: bool,
    from: Option<LanguageIdentifier>,
    to: Option<LanguageIdentifier>,
    user: Option<String>,
    size: u64,
}

impl UnitSource {
    /// Reads the file in batches sent to `out` (reusing the batches that come back on
    /// `buffers`), then sends the last batch, or the error that stopped the reading.
    fn read(
        self,
        out: &std::sync::mpsc::SyncSender<Batch<ReadBatch>>,
        buffers: &std::sync::mpsc::Receiver<Box<ReadBatch>>,
    ) {
        let mut batch: Box<ReadBatch> = Box::default();
        // Sends the batch once it is full; false when the import has stopped.
        let mut send = |position: u64, batch: &mut Box<ReadBatch>| {
            if !batch.is_full() {
                return true;
            }
            let next = buffers.try_recv().unwrap_or_default();
            out.send(Batch::Units(std::mem::replace(batch, next), position))
                .is_ok()
        };
        let size = self.size;
        let _ = match self.read_into(&mut batch, &mut send) {
            Ok(()) => out.send(Batch::Units(batch, size)),
            Err(error) => out.send(Batch::Failed(error)),
        };
    }

    fn read_into(
        self,
        batch: &mut Box<ReadBatch>,
        send: &mut impl FnMut(u64, &mut Box<ReadBatch>) -> bool,
    ) -> Result<(), IngestError> {
        match self.format {
            Format::Tmx => {
                let input = utf8_input(self.file).map_err(|e| IngestError::Open {
                    file: self.display.clone(),
                    reason: e.to_string(),
                })?;
                let mut reader = TmxReader::new(input, self.origin)?;
                let mut languages = LanguageCache::default();
                let now = Timestamp::now();
                let mut unit = TmxUnit::default();
                while reader.next_unit_into(&mut unit)? {
                    let (slot, skipped) = batch.next_slot();
                    *skipped = fill_unit(
                        &unit,
                        slot,
                        &self.origin_name,
                        self.explicit_origin,
                        &self.user,
                        &mut languages,
                        now,
                    )
                    .err();
                    if !send(reader.position(), batch) {
                        return Ok(());
                    }
                }
            }
            Format::Tsv => {
                let (Some(from), Some(to)) = (self.from, self.to) else {
                    return Ok(());
                };
                let input = io::BufReader::with_capacity(256 * 1024, self.file);
                let mut reader = TsvReader::new(input, self.origin);
                let created = Some(Timestamp::now());
                while let Some(pair) = reader.next_pair()? {
                    let unit = NewUnit {
                        variants: vec![
                            Variant::new(from.clone(), pair.source),
                            Variant::new(to.clone(), pair.target),
                        ],
                        provenance: Provenance {
                            origin: self.origin_name.clone(),
                            segment: Some(pair.line.to_string()),
                            created,
                            created_by: self.user.clone(),
                            ..Provenance::default()
                        },
                        properties: Vec::new(),
                        notes: Vec::new(),
                    };
                    *batch.next_slot() = (unit, None);
                    if !send(reader.position(), batch) {
                        return Ok(());
                    }
                }
            }
        }
        Ok(())
    }
}
