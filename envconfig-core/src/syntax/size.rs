//! Byte sizes: a non-negative decimal number, optionally followed by
//! whitespace and a Kubernetes quantity suffix (`512Mi`, `1.5G`, `4096`).

use super::decimal::{Decimal, Units};

/// A reason this parser gives.
pub const NOT_A_SIZE: &str = "not a byte size (use a number and a suffix, e.g. 512Mi or 1.5G)";
/// A reason this parser gives.
pub const NEGATIVE: &str = "negative sizes are not allowed";
/// A reason this parser gives.
pub const UNKNOWN_SUFFIX: &str =
    "unknown suffix (use k, M, G, T, P, E or Ki, Mi, Gi, Ti, Pi, Ei, optionally followed by B)";
/// A reason this parser gives.
pub const FRACTIONAL: &str = "not a whole number of bytes";
/// A reason this parser gives.
pub const TOO_LARGE: &str = "too large (the maximum is 16Ei minus one byte)";

/// Every reason this parser gives: fixed wording, never built from the input.
pub const REASONS: &[&str] = &[NOT_A_SIZE, NEGATIVE, UNKNOWN_SUFFIX, FRACTIONAL, TOO_LARGE];

/// Each suffix and its multiplier.
const SUFFIXES: Units = Units(&[
    ("", 1),
    ("B", 1),
    ("k", 1_000),
    ("K", 1_000),
    ("kB", 1_000),
    ("KB", 1_000),
    ("M", 1_000_000),
    ("MB", 1_000_000),
    ("G", 1_000_000_000),
    ("GB", 1_000_000_000),
    ("T", 1_000_000_000_000),
    ("TB", 1_000_000_000_000),
    ("P", 1_000_000_000_000_000),
    ("PB", 1_000_000_000_000_000),
    ("E", 1_000_000_000_000_000_000),
    ("EB", 1_000_000_000_000_000_000),
    ("Ki", 1 << 10),
    ("KiB", 1 << 10),
    ("Mi", 1 << 20),
    ("MiB", 1 << 20),
    ("Gi", 1 << 30),
    ("GiB", 1 << 30),
    ("Ti", 1 << 40),
    ("TiB", 1 << 40),
    ("Pi", 1 << 50),
    ("PiB", 1 << 50),
    ("Ei", 1 << 60),
    ("EiB", 1 << 60),
]);

/// Parses a byte size into its number of bytes.
pub fn parse_byte_size(s: &str) -> Result<u64, &'static str> {
    let s = s.trim();
    if s.starts_with('-') {
        return Err(NEGATIVE);
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    let (number, rest) = Decimal::split(s).ok_or(NOT_A_SIZE)?;
    let suffix = rest.trim_start();
    if suffix.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        // `1 000`, `1.2.3`: a malformed number, not a suffix.
        return Err(NOT_A_SIZE);
    }
    let multiplier = SUFFIXES.get(suffix).ok_or(UNKNOWN_SUFFIX)?;
    let (bytes, exact) = number.times(multiplier).ok_or(TOO_LARGE)?;
    let bytes = u64::try_from(bytes).map_err(|_| TOO_LARGE)?;
    if !exact {
        return Err(FRACTIONAL);
    }
    Ok(bytes)
}
