//! The syntax of the values envconfig parses itself, one module per
//! family: the runtime parses environment values with these functions, and
//! the derive checks string defaults with the same ones at compile time, so
//! the two cannot disagree.
//!
//! Every function trims surrounding whitespace, never panics, and gives a
//! reason in fixed words that never quote the input: the input may be a
//! secret.

pub mod bool;
pub mod decimal;
pub mod duration;
pub mod float;
pub mod int;
pub mod iso_duration;
pub mod size;
