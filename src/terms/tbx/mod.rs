//! TBX, the TermBase eXchange format (ISO 30042), read and written as a stream.
//!
//! [`TbxReader`] reads TBX 2008 (`<martif>`: `<termEntry>`, `<langSet>`, `<tig>` or
//! `<ntig>`/`<termGrp>`), TBX 2019 (`<tbx>`: `<conceptEntry>`, `<langSec>`, `<termSec>`)
//! and TBX-Min 2013 (`<TBX>`: `<entry>`, `<langGroup>`, `<termGroup>`): TBX-Basic and
//! TBX-Min, and the concepts and terms of other dialects. [`TbxWriter`] writes TBX-Basic
//! in the 2019 format. docs/terms.md says what is kept.

mod read;
mod write;

pub use read::{TbxReader, TbxVersion};
pub use write::{TbxWriter, TBX_NAMESPACE};

#[cfg(test)]
pub(crate) mod tests;
