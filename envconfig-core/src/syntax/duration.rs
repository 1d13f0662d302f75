//! `std::time::Duration` in Go's `time.ParseDuration` syntax, plus days and
//! spaces: `300ms`, `1.5h`, `2h45m`, `1d 12h`; or as an ISO 8601 duration
//! (`PT30S`, `PT1H30M`, `P2D`: see [`super::iso_duration`]), which
//! operators of Java and .NET services write.
//!
//! The grammar, after trimming, is `[+|-] part (space* part)*` where a part is
//! `number space* unit`:
//!
//! - a number is decimal digits with an optional fraction, with at least one
//!   digit on either side of the point (`5`, `5.5`, `.5`, `5.`), as in Go;
//! - a unit is one of `ns`, `us`, `µs` (U+00B5), `μs` (U+03BC), `ms`, `s`,
//!   `m`, `h` and `d` (24 hours), case-sensitive as in Go;
//! - whitespace may separate parts (`1h 30m`) and a number from its unit
//!   (`30 s`), but never splits a number (`1 000s` is an error).
//!
//! `0` alone (or `+0`) is zero, as in Go; any other number needs a unit. A
//! leading `-` is rejected unless the duration is zero (`-0`, `-0s`, which
//! Go reads as zero): a configured duration is never negative. Unlike Go, values are not limited to `i64` nanoseconds (about 292
//! years) but to what `Duration` holds, and fractions are exact: the value is
//! computed in integer nanoseconds and a fraction of a nanosecond is dropped
//! (`0.3333333333333333333h` is 20 minutes minus one nanosecond; Go's
//! floating-point path rounds it to 20 minutes).

use std::fmt::Write as _;
use std::time::Duration;

use super::decimal::{Decimal, Units};
use super::iso_duration;

/// A reason this parser gives.
pub const NOT_A_DURATION: &str =
    "not a duration (use numbers with units, e.g. 30s, 1h30m or 1.5h, or ISO 8601, e.g. PT30S)";
/// A reason this parser gives.
pub const NEGATIVE: &str = "negative durations are not allowed";
/// A reason this parser gives.
pub const MISSING_UNIT: &str = "missing unit (add one of ns, us, ms, s, m, h, d: e.g. 30s)";
/// A reason this parser gives.
pub const UNKNOWN_UNIT: &str = "unknown unit (use ns, us, ms, s, m, h or d)";
/// A reason this parser gives.
pub const TOO_LARGE: &str = "too large (the maximum is about 584 billion years)";

/// Every reason this parser gives: fixed wording, never built from the input.
pub const REASONS: &[&str] = &[
    NOT_A_DURATION,
    NEGATIVE,
    MISSING_UNIT,
    UNKNOWN_UNIT,
    TOO_LARGE,
    iso_duration::NOT_ISO,
    iso_duration::NO_PART,
    iso_duration::YEARS_OR_MONTHS,
    iso_duration::FRACTION,
    iso_duration::WEEKS,
    iso_duration::EMPTY_TIME,
    iso_duration::TIME_BEFORE_T,
    iso_duration::DAYS_AFTER_T,
    iso_duration::ORDER,
    iso_duration::NEGATIVE_PART,
];

const NANOS_PER_SEC: u128 = 1_000_000_000;

/// Each unit and its length in nanoseconds.
const UNITS: Units = Units(&[
    ("ns", 1),
    ("us", 1_000),
    ("\u{b5}s", 1_000),  // µs: MICRO SIGN, as Go accepts
    ("\u{3bc}s", 1_000), // μs: GREEK SMALL LETTER MU, as Go accepts
    ("ms", 1_000_000),
    ("s", NANOS_PER_SEC),
    ("m", 60 * NANOS_PER_SEC),
    ("h", 3_600 * NANOS_PER_SEC),
    ("d", 86_400 * NANOS_PER_SEC),
]);

/// Parses a duration (see the module's docs for the grammar).
pub fn parse_duration(raw: &str) -> Result<Duration, &'static str> {
    let s = raw.trim();
    if let Some(magnitude) = s.strip_prefix('-') {
        // Go reads `-0s` (and `-0.1ns`, truncated) as zero, which is not
        // negative; anything else after a `-` is.
        return match parse_magnitude(magnitude) {
            Ok(zero) if zero.is_zero() => Ok(zero),
            _ => Err(NEGATIVE),
        };
    }
    parse_magnitude(s.strip_prefix('+').unwrap_or(s))
}

/// A duration after its sign.
fn parse_magnitude(s: &str) -> Result<Duration, &'static str> {
    if s == "0" {
        return Ok(Duration::ZERO);
    }
    if iso_duration::is_iso(s) {
        let nanos = iso_duration::parse_nanos(s, TOO_LARGE)?;
        return iso_duration::to_duration(nanos, TOO_LARGE);
    }

    // Nanoseconds in u128: `Duration::MAX` is about 1.8e28 ns, far below
    // u128::MAX, so only absurd inputs overflow and they are "too large" too.
    let mut total: u128 = 0;
    let mut rest = s;
    loop {
        // No trim before the number: spaces separate parts, they may not
        // follow the sign.
        let (number, after) = Decimal::split(rest).ok_or(NOT_A_DURATION)?;
        let after = after.trim_start();
        // As in Go, the unit runs up to the next number; it also stops at a
        // space, which may separate parts.
        let unit_len = after
            .find(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_len);
        if unit.is_empty() {
            return Err(MISSING_UNIT);
        }
        let unit_nanos = UNITS.get(unit).ok_or(UNKNOWN_UNIT)?;
        // Truncating a fraction of a nanosecond, as Go does.
        let (nanos, _exact) = number.times(unit_nanos).ok_or(TOO_LARGE)?;
        total = total.checked_add(nanos).ok_or(TOO_LARGE)?;
        rest = after.trim_start();
        if rest.is_empty() {
            break;
        }
    }

    let secs = u64::try_from(total / NANOS_PER_SEC).map_err(|_| TOO_LARGE)?;
    // The remainder is below 1e9, so it fits a u32 and `Duration::new` cannot
    // carry it into (and overflow) the seconds.
    let nanos = u32::try_from(total % NANOS_PER_SEC).map_err(|_| TOO_LARGE)?;
    Ok(Duration::new(secs, nanos))
}

/// Formats a duration in the syntax [`parse_duration`] parses, so that parsing the
/// text gives back the identical `Duration`; it is also Go syntax (which
/// Go accepts up to its limit of about 292 years).
///
/// One number and one unit, as a person writes a setting: whole hours or
/// whole minutes when the duration is one (`1h`, `36h`, `5m`), else seconds
/// with any fraction (`30s`, `90s`, `1.5s`, `3600.5s`); below a second, the
/// largest unit that keeps an integer part (`0s`, `4ns`, `1.5us`, `250ms`).
/// Hours are the largest unit (no days), as in Go.
pub fn format_duration(d: Duration) -> String {
    let (secs, nanos) = (d.as_secs(), d.subsec_nanos());
    let mut out = String::new();
    if secs == 0 {
        // Below a second, the largest unit that keeps an integer part.
        match nanos {
            0 => out.push_str("0s"),
            1..1_000 => push_decimal(&mut out, nanos, 1, "ns"),
            1_000..1_000_000 => push_decimal(&mut out, nanos, 1_000, "us"),
            _ => push_decimal(&mut out, nanos, 1_000_000, "ms"),
        }
        return out;
    }
    // Writing to a String cannot fail.
    if nanos == 0 && secs.is_multiple_of(3_600) {
        let _ = write!(out, "{}h", secs / 3_600);
    } else if nanos == 0 && secs.is_multiple_of(60) {
        let _ = write!(out, "{}m", secs / 60);
    } else {
        let _ = write!(out, "{secs}");
        push_fraction(&mut out, nanos, 1_000_000_000);
        out.push('s');
    }
    out
}

/// Pushes `value / unit` as a decimal with no trailing zeros, then `suffix`.
fn push_decimal(out: &mut String, value: u32, unit: u32, suffix: &str) {
    let _ = write!(out, "{}", value / unit);
    push_fraction(out, value % unit, unit);
    out.push_str(suffix);
}

/// Pushes `.digits` for `numerator / denominator` (a power of ten, above the
/// numerator), trailing zeros dropped; nothing when the numerator is zero.
fn push_fraction(out: &mut String, numerator: u32, denominator: u32) {
    if numerator == 0 {
        return;
    }
    let width = denominator.ilog10() as usize;
    let digits = format!("{numerator:0width$}");
    out.push('.');
    out.push_str(digits.trim_end_matches('0'));
}
