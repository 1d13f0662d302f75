//! `#[derive(Choice)]`: an enum of unit variants as a value type, each
//! variant a word. The same pipeline as `Config`'s, in small: `attr` reads
//! `#[choice(...)]`, `model` checks every rule and resolves the spellings,
//! `expand` writes the impls.

mod attr;
pub mod expand;
pub mod model;
