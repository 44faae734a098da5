//! Confident beads of an alignment stored as translation units.

use crate::align::{BeadKind, StorablePair, StorePlan};
use crate::memory::{
    ImportSummary, NewUnit, Property, Provenance, Timestamp, TranslationStore, Variant,
};

use super::{properties, IngestError};

/// The translation unit a confident bead becomes: both texts, both files and segment ids as
/// provenance, the neighbouring beads as context, the confidence (and, for salutation
/// lines, the kind) as properties.
pub fn unit_from_pair(pair: &StorablePair, user: Option<&str>, now: Timestamp) -> NewUnit {
    let user = user.map(str::to_owned);
    let mut stored = vec![
        Property {
            name: properties::ALIGN_CONFIDENCE.into(),
            value: format!("{:.3}", pair.confidence),
        },
        Property {
            name: properties::ALIGN_BEAD.into(),
            value: pair.bead.to_string(),
        },
    ];
    if pair.kind != BeadKind::Translation {
        stored.push(Property {
            name: properties::UNIT_KIND.into(),
            value: pair.kind.as_str().to_owned(),
        });
    }
    NewUnit {
        variants: vec![
            Variant::new(pair.source_language.clone(), pair.source_text.clone()),
            Variant::new(pair.target_language.clone(), pair.target_text.clone()),
        ],
        provenance: Provenance {
            origin: format!("{} | {}", pair.source_file, pair.target_file),
            segment: Some(format!(
                "{} | {}",
                pair.source_ids.join(","),
                pair.target_ids.join(",")
            )),
            context_before: pair.context_before.as_ref().map(|c| c.source.clone()),
            context_after: pair.context_after.as_ref().map(|c| c.source.clone()),
            created: Some(now),
            created_by: user.clone(),
            changed: Some(now),
            changed_by: user,
        },
        properties: stored,
        notes: Vec::new(),
    }
}

/// Stores the plan's pairs in one transaction, recording `user` as their creator.
pub fn store_alignment(
    store: &mut dyn TranslationStore,
    plan: &StorePlan,
    user: Option<&str>,
) -> Result<ImportSummary, IngestError> {
    let now = Timestamp::now();
    let mut import = store.begin_import()?;
    for pair in &plan.pairs {
        import.add(unit_from_pair(pair, user, now))?;
    }
    Ok(import.commit()?)
}
