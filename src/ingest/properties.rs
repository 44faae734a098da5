//! The one place that names what Tribune stores beside a unit's texts: the TMX attributes
//! that become provenance, and every property it writes or reads back. An exchange format
//! or a backend that needs one of these names takes it from here.

/// Attributes of a TMX `<tu>` that become provenance rather than properties.
pub const PROVENANCE_ATTRIBUTES: &[&str] = &[
    "tuid",
    "creationdate",
    "creationid",
    "changedate",
    "changeid",
];

/// Prefix of the properties that hold TMX attributes Tribune does not interpret, so that
/// they are written back as attributes on export.
pub const ATTRIBUTE_PREFIX: &str = "tmx:";

/// The source text of the previous segment, as CAT tools write it in TMX.
pub const CONTEXT_BEFORE: &str = "x-context-pre";

/// The source text of the next segment, as CAT tools write it in TMX.
pub const CONTEXT_AFTER: &str = "x-context-post";

/// The origin of a unit (a file name, a speech, `--origin`) in an exported TMX, read back
/// on import unless the import names its own origin.
pub const ORIGIN: &str = "x-tribune-origin";

/// The XLIFF state (`translated`, `final`, …) of a segment imported from a CAT tool.
pub const XLIFF_STATE: &str = "x-xliff-state";

/// The XLIFF `original` (the document the CAT tool translated) of an imported segment.
pub const XLIFF_ORIGINAL: &str = "x-xliff-original";

/// The aligner's confidence in a stored bead, from 0 to 1.
pub const ALIGN_CONFIDENCE: &str = "x-tribune-align-confidence";

/// The index of the stored bead in its alignment.
pub const ALIGN_BEAD: &str = "x-tribune-align-bead";

/// What an aligned unit pairs when it is not sentences: `salutation` for salutation lines
/// ("Excellencies, Ladies and Gentlemen," with its translation). Sentences carry no kind.
pub const UNIT_KIND: &str = "x-tribune-kind";
