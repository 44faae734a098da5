//! Plain-text primitives every stage shares, below the one-way flow of the other modules
//! (they import nothing from them): folding case and accents for keys and matching,
//! reading written numbers, and laying text out in fixed-width columns.

pub mod columns;
pub mod fold;
pub mod number;
