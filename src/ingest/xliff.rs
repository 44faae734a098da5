//! The confirmed translations of an XLIFF file (as a CAT tool wrote it) stored as units,
//! with their provenance and context, and a report of what became of every segment.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::exchange::input::{utf8_input, SniffedInput};
use crate::exchange::xliff::{SegmentState, XliffReader, XliffUnit};
use crate::lang;
use crate::memory::{
    Added, ExactLookup, NewUnit, Property, Provenance, SkipReason, StoreImport, Timestamp,
    TranslationStore, Variant,
};
use crate::textfile::Origin;

use super::{properties, IngestError};

/// Which translations an XLIFF import takes, by segment state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateFilter {
    /// Translated, reviewed or final segments.
    #[default]
    Translated,
    /// Final (signed-off) segments only.
    Final,
    /// Any segment with a target, confirmed or not.
    Any,
}

impl StateFilter {
    fn accepts(self, state: Option<SegmentState>) -> bool {
        match self {
            StateFilter::Any => true,
            StateFilter::Translated => state.is_some_and(|s| s >= SegmentState::Translated),
            StateFilter::Final => state == Some(SegmentState::Final),
        }
    }
}

/// How an XLIFF file is imported.
#[derive(Debug, Clone, Default)]
pub struct XliffImportOptions {
    /// Which translations to take.
    pub state: StateFilter,
    /// The origin recorded for the units (default: the file name).
    pub origin: Option<String>,
    /// Source language, when the file does not say it.
    pub from: Option<LanguageIdentifier>,
    /// Target language, when the file does not say it.
    pub to: Option<LanguageIdentifier>,
    /// Who is recorded as creator and last editor of the units.
    pub user: Option<String>,
}

/// What became of one segment of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// A new unit: the memory had no translation of this source.
    Added,
    /// A new unit for a source the memory translated differently: the translator's version
    /// now ranks first among equal matches (it is the most recent).
    Updated,
    /// The memory already had this translation (its provenance was merged).
    Unchanged,
    /// Not a translation unit (`translate="no"`: stage directions, passages).
    NotTranslatable,
    /// No target, or an empty one.
    NoTarget,
    /// Its state is below what `--state` takes.
    State,
    /// A language tag that is not one.
    BadLanguage,
    /// Source and target in the same language, or nothing in one of them.
    OneLanguage,
}

impl Outcome {
    /// Every outcome (for the test that each has its messages).
    pub const ALL: [Outcome; 8] = [
        Outcome::Added,
        Outcome::Updated,
        Outcome::Unchanged,
        Outcome::NotTranslatable,
        Outcome::NoTarget,
        Outcome::State,
        Outcome::BadLanguage,
        Outcome::OneLanguage,
    ];

    /// The outcome's name in JSON and in message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Added => "added",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::NotTranslatable => "not-translatable",
            Outcome::NoTarget => "no-target",
            Outcome::State => "state",
            Outcome::BadLanguage => "bad-language",
            Outcome::OneLanguage => "one-language",
        }
    }

    /// Whether the segment was not stored.
    pub fn is_skip(self) -> bool {
        self > Outcome::Unchanged
    }

    /// Whether the segment was not stored for a reason the translator should see, unit by
    /// unit: every skip but [`Outcome::NotTranslatable`] (stage directions and passages are
    /// left out on purpose). What a report lists under a file's summary, in any front end.
    pub fn is_worth_listing(self) -> bool {
        self.is_skip() && self != Outcome::NotTranslatable
    }
}

/// What became of one segment (its JSON form is part of `xliff import --format json`).
#[derive(Debug, Clone, Serialize)]
pub struct UnitReport {
    /// The unit id (`UNIT#SEGMENT` when a unit has several segments).
    pub id: String,
    /// Its line in the file.
    pub line: usize,
    /// What became of it.
    pub outcome: Outcome,
    /// Its state as the file writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// What an import did with one file (its JSON form is part of `xliff import --format json`).
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file, as given.
    pub file: String,
    /// Segments read.
    pub read: usize,
    /// New units.
    pub added: usize,
    /// New units for sources the memory translated differently.
    pub updated: usize,
    /// Translations the memory had.
    pub unchanged: usize,
    /// Segments not stored, by outcome name.
    pub skipped: BTreeMap<&'static str, usize>,
    /// Every segment, in file order.
    pub units: Vec<UnitReport>,
}

impl FileReport {
    fn count(&mut self, outcome: Outcome) {
        self.read += 1;
        match outcome {
            Outcome::Added => self.added += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            skip => *self.skipped.entry(skip.as_str()).or_default() += 1,
        }
    }
}

/// A segment ready to store, waiting for the source of the next segment (its context).
struct Pending {
    unit: NewUnit,
    report: UnitReport,
}

/// Whether a unit is one of Tribune's stage directions (left out of the context, as
/// pre-translation leaves them out).
fn is_direction(unit: &XliffUnit) -> bool {
    unit.kind
        .as_deref()
        .is_some_and(|k| k.ends_with("direction"))
}

struct Importer<'a> {
    options: &'a XliffImportOptions,
    file: String,
    origin: String,
    now: Timestamp,
    before: Option<Box<dyn ExactLookup>>,
    report: FileReport,
    previous_source: Option<String>,
    pending: Option<Pending>,
}

impl Importer<'_> {
    fn language(
        &self,
        tag: Option<&str>,
        given: Option<&LanguageIdentifier>,
        line: usize,
        which: &'static str,
    ) -> Result<Option<LanguageIdentifier>, IngestError> {
        if let Some(given) = given {
            return Ok(Some(given.clone()));
        }
        match tag {
            Some(tag) => Ok(lang::parse_tag(tag)),
            None => Err(IngestError::NoLanguage {
                file: self.file.clone(),
                line,
                which,
                option: if which == "source" { "from" } else { "to" },
            }),
        }
    }

    /// Whether the memory (as it was before this import) translates `source` differently.
    fn translated_differently(
        &mut self,
        source: &str,
        target: &str,
        from: &LanguageIdentifier,
        to: &LanguageIdentifier,
    ) -> Result<bool, IngestError> {
        let Some(memory) = &mut self.before else {
            return Ok(false);
        };
        let targets = memory.targets(source, from, to)?;
        Ok(!targets.is_empty() && targets.iter().all(|t| t.trim() != target))
    }

    /// Stores the pending segment, now that its following context is known.
    fn flush(
        &mut self,
        import: &mut dyn StoreImport,
        after: Option<String>,
    ) -> Result<(), IngestError> {
        let Some(mut pending) = self.pending.take() else {
            return Ok(());
        };
        pending.unit.provenance.context_after = after;
        let (source, target, from, to) = {
            let v = &pending.unit.variants;
            (
                v[0].text.clone(),
                v[1].text.clone(),
                v[0].lang.clone(),
                v[1].lang.clone(),
            )
        };
        let differently = self.translated_differently(&source, &target, &from, &to)?;
        let outcome = match import.add(pending.unit)? {
            Added::New(_) if differently => Outcome::Updated,
            Added::New(_) => Outcome::Added,
            Added::Merged(_) => Outcome::Unchanged,
            Added::Skipped(SkipReason::BadLanguage) => Outcome::BadLanguage,
            Added::Skipped(_) => Outcome::OneLanguage,
        };
        pending.report.outcome = outcome;
        self.report.count(outcome);
        self.report.units.push(pending.report);
        Ok(())
    }

    fn skip(&mut self, report: UnitReport) {
        self.report.count(report.outcome);
        self.report.units.push(report);
    }

    fn unit(&mut self, import: &mut dyn StoreImport, unit: XliffUnit) -> Result<(), IngestError> {
        let direction = is_direction(&unit);
        let from = self.language(
            unit.source_lang.as_deref(),
            self.options.from.as_ref(),
            unit.line,
            "source",
        )?;
        let to = self.language(
            unit.target_lang.as_deref(),
            self.options.to.as_ref(),
            unit.line,
            "target",
        )?;
        let several = unit.segments.len() > 1;
        for segment in unit.segments {
            let source = segment.source.text.trim().to_owned();
            let id = match (&segment.id, several) {
                (Some(sid), true) => format!("{}#{sid}", unit.id),
                _ => unit.id.clone(),
            };
            let mut report = UnitReport {
                id: id.clone(),
                line: unit.line,
                outcome: Outcome::Added,
                state: segment.raw_state.clone(),
            };
            // Context: the neighbouring segments' sources, stage directions left out.
            if !direction && !source.is_empty() {
                self.flush(import, Some(source.clone()))?;
            }
            let target = segment
                .target
                .as_ref()
                .map(|t| t.text.trim().to_owned())
                .filter(|t| !t.is_empty());
            let outcome = if !unit.translate {
                Some(Outcome::NotTranslatable)
            } else if target.is_none() {
                Some(Outcome::NoTarget)
            } else if !self.options.state.accepts(segment.state) {
                Some(Outcome::State)
            } else {
                None
            };
            let context_before = self.previous_source.clone();
            if !direction && !source.is_empty() {
                self.previous_source = Some(source.clone());
            }
            if let Some(outcome) = outcome {
                report.outcome = outcome;
                self.skip(report);
                continue;
            }
            let (Some(from), Some(to), Some(target)) = (from.clone(), to.clone(), target) else {
                report.outcome = Outcome::BadLanguage;
                self.skip(report);
                continue;
            };
            let target_markup = segment.target.as_ref().and_then(|t| t.markup.clone());
            let mut properties = Vec::new();
            if let Some(state) = &segment.raw_state {
                properties.push(Property {
                    name: properties::XLIFF_STATE.into(),
                    value: state.clone(),
                });
            }
            if let Some(original) = &unit.original {
                properties.push(Property {
                    name: properties::XLIFF_ORIGINAL.into(),
                    value: original.clone(),
                });
            }
            let mut source_variant = Variant::new(from, source);
            source_variant.markup = segment.source.markup.clone();
            let mut target_variant = Variant::new(to, target);
            target_variant.markup = target_markup;
            self.pending = Some(Pending {
                unit: NewUnit {
                    variants: vec![source_variant, target_variant],
                    provenance: Provenance {
                        origin: self.origin.clone(),
                        segment: Some(id),
                        context_before,
                        context_after: None,
                        created: Some(self.now),
                        created_by: self.options.user.clone(),
                        changed: Some(self.now),
                        changed_by: self.options.user.clone(),
                    },
                    properties,
                    notes: Vec::new(),
                },
                report,
            });
        }
        Ok(())
    }
}

/// Imports the confirmed translations of one XLIFF file (1.2 or 2.x; `-`: standard input)
/// into `store`, in one transaction, and reports what became of every segment.
pub fn import_xliff(
    store: &mut dyn TranslationStore,
    path: &Path,
    options: &XliffImportOptions,
) -> Result<FileReport, IngestError> {
    let file = path.display().to_string();
    let open_error = |e: io::Error| IngestError::Open {
        file: file.clone(),
        reason: e.to_string(),
    };
    let input = SniffedInput::open(path).map_err(open_error)?.into_reader();
    let input = utf8_input(input).map_err(open_error)?;
    let mut reader = XliffReader::new(input, Origin::from_path(path))?;
    // Lookups see the memory as it was before this file: the import's own writes are not
    // visible to this second connection until they are committed.
    let before = store.exact_snapshot();
    let mut importer = Importer {
        options,
        file: file.clone(),
        origin: options.origin.clone().unwrap_or_else(|| {
            path.file_name()
                .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned())
        }),
        now: Timestamp::now(),
        before,
        report: FileReport {
            file: file.clone(),
            read: 0,
            added: 0,
            updated: 0,
            unchanged: 0,
            skipped: BTreeMap::new(),
            units: Vec::new(),
        },
        previous_source: None,
        pending: None,
    };
    let mut import = store.begin_import()?;
    while let Some(unit) = reader.next_unit()? {
        importer.unit(import.as_mut(), unit)?;
    }
    importer.flush(import.as_mut(), None)?;
    import.commit()?;
    Ok(importer.report)
}
