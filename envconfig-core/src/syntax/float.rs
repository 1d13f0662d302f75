//! `f32`, `f64`: Rust's own float syntax (`1.5`, `-2e-3`, `.5`, `inf`, `NaN`).

use std::str::FromStr;

/// Why a value is not a number.
pub const NOT_A_NUMBER: &str = "not a number (use decimal notation, e.g. 0.25 or 1e-3)";

/// Every reason this parser gives: fixed wording, never built from the input.
pub const REASONS: &[&str] = &[NOT_A_NUMBER];

/// Parses a float, surrounding whitespace aside: `str::parse` as is, which
/// accepts `inf` and `NaN` (any case) and rounds out-of-range values to
/// infinity or zero.
pub fn parse_float<T: FromStr>(raw: &str) -> Result<T, &'static str> {
    raw.trim().parse().map_err(|_| NOT_A_NUMBER)
}
