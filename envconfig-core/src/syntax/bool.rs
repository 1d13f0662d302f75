//! `bool`: `true/false`, `1/0`, `yes/no`, `on/off`, in any case.

/// Why a value is not a boolean.
pub const NOT_A_BOOLEAN: &str = "not a boolean (use true/false, 1/0, yes/no or on/off)";

/// Every reason this parser gives: fixed wording, never built from the input.
pub const REASONS: &[&str] = &[NOT_A_BOOLEAN];

const TRUE: [&str; 4] = ["true", "1", "yes", "on"];
const FALSE: [&str; 4] = ["false", "0", "no", "off"];

/// Parses a boolean, surrounding whitespace aside.
pub fn parse_bool(raw: &str) -> Result<bool, &'static str> {
    let s = raw.trim();
    // ASCII case folding in place: no lowercase copy of the value.
    let is = |words: &[&str]| words.iter().any(|word| s.eq_ignore_ascii_case(word));
    if is(&TRUE) {
        Ok(true)
    } else if is(&FALSE) {
        Ok(false)
    } else {
        Err(NOT_A_BOOLEAN)
    }
}
