//! ISO 8601 durations, as Java's `Duration.parse` (and so Spring Boot)
//! reads them: `PT30S`, `PT1H30M`, `P2D`, `PT0.5S`, `P1DT12H`.
//!
//! The grammar, after the sign the caller strips, is `P [n D] [T [n H] [n
//! M] [n S]]`, letters in either case, at least one part, each at most
//! once and in that order. Every number is whole but the seconds', which
//! may have a fraction after `.` or `,`. Years and months are refused:
//! their length varies, so no `Duration` is their value. Weeks (`P2W`)
//! are refused as Java refuses them, with a reason of their own.

use std::time::Duration;

use super::decimal::Decimal;

/// A reason this parser gives.
pub const NOT_ISO: &str = "not an ISO 8601 duration (e.g. PT30S, PT1H30M or P2D)";
/// A reason this parser gives.
pub const NO_PART: &str = "an ISO 8601 duration needs at least one part (e.g. PT30S)";
/// A reason this parser gives.
pub const YEARS_OR_MONTHS: &str =
    "years and months are not allowed in a duration (their length varies): use days, e.g. P30D";
/// A reason this parser gives.
pub const FRACTION: &str = "only the seconds of an ISO 8601 duration may have a fraction";
/// A reason this parser gives: `P2W` is ISO 8601, which Java does not read.
pub const WEEKS: &str = "weeks are not read in an ISO 8601 duration: use days, e.g. P14D for P2W";

/// A reason this parser gives: `PT` and `P1DT`.
pub const EMPTY_TIME: &str =
    "the T of an ISO 8601 duration must be followed by hours, minutes or seconds (e.g. PT30S)";
/// A reason this parser gives: `P1H`, `P30S`.
pub const TIME_BEFORE_T: &str =
    "hours, minutes and seconds of an ISO 8601 duration come after a T (e.g. PT1H, P1DT12H)";
/// A reason this parser gives: `PT1D`.
pub const DAYS_AFTER_T: &str = "the days of an ISO 8601 duration come before its T (e.g. P1DT12H)";
/// A reason this parser gives: `PT1S1M`, `PT1H1H`.
pub const ORDER: &str =
    "each part of an ISO 8601 duration comes once, in the order D, T, H, M, S (e.g. P1DT2H3M4S)";
/// A reason this parser gives: `PT-1S`, which Java reads as a negative
/// part.
pub const NEGATIVE_PART: &str = "a part of an ISO 8601 duration cannot be negative";

/// Every reason this parser gives: fixed wording, never built from the input.
pub const REASONS: &[&str] = &[
    NOT_ISO,
    NO_PART,
    YEARS_OR_MONTHS,
    FRACTION,
    WEEKS,
    EMPTY_TIME,
    TIME_BEFORE_T,
    DAYS_AFTER_T,
    ORDER,
    NEGATIVE_PART,
];

const NANOS_PER_SEC: u128 = 1_000_000_000;

/// Whether `s` (after its sign) is written as an ISO 8601 duration.
pub fn is_iso(s: &str) -> bool {
    s.starts_with(['P', 'p'])
}

/// The duration `s` (after its sign, starting with `P`) is, in nanoseconds;
/// `too_large` is the caller's reason for one beyond `u128`.
pub fn parse_nanos(s: &str, too_large: &'static str) -> Result<u128, &'static str> {
    let rest = s.get(1..).ok_or(NOT_ISO)?;
    let (date, time) = match rest.find(['T', 't']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let mut total: u128 = 0;
    let mut parts = 0;
    // Each part's designator, its length, and whether it is of the date.
    let date_units: &[(char, u128)] = &[('D', 86_400 * NANOS_PER_SEC)];
    let time_units: &[(char, u128)] = &[
        ('H', 3_600 * NANOS_PER_SEC),
        ('M', 60 * NANOS_PER_SEC),
        ('S', NANOS_PER_SEC),
    ];
    for (text, units) in [(Some(date), date_units), (time, time_units)] {
        let Some(mut text) = text else { continue };
        if units == time_units && text.is_empty() {
            // `PT` and `P1DT`: a `T` promises a time part.
            return Err(EMPTY_TIME);
        }
        let mut next_unit = 0;
        while !text.is_empty() {
            if text.starts_with('-') && text[1..].starts_with(|c: char| c.is_ascii_digit()) {
                return Err(NEGATIVE_PART);
            }
            // ISO 8601's decimal comma, as a point. Not `replacen`, a
            // function of its own in every program that parses a duration.
            let with_point = match text.split_once(',') {
                Some((whole, rest)) => format!("{whole}.{rest}"),
                None => text.to_owned(),
            };
            let (number, after) = Decimal::split(&with_point).ok_or(NOT_ISO)?;
            let consumed = with_point.len() - after.len();
            let designator = after.chars().next().ok_or(NOT_ISO)?.to_ascii_uppercase();
            if units == date_units && matches!(designator, 'Y' | 'M') {
                return Err(YEARS_OR_MONTHS);
            }
            if units == date_units && designator == 'W' {
                return Err(WEEKS);
            }
            let index = match units.iter().position(|(unit, _)| *unit == designator) {
                Some(index) if index >= next_unit => index,
                Some(_) => return Err(ORDER),
                None if units == date_units && matches!(designator, 'H' | 'S') => {
                    return Err(TIME_BEFORE_T);
                }
                None if designator == 'D' => return Err(DAYS_AFTER_T),
                None => return Err(NOT_ISO),
            };
            let (_, unit_nanos) = units[index];
            if designator != 'S' && number.has_fraction() {
                return Err(FRACTION);
            }
            let (nanos, _exact) = number.times(unit_nanos).ok_or(too_large)?;
            total = total.checked_add(nanos).ok_or(too_large)?;
            parts += 1;
            next_unit = index + 1;
            text = &text[consumed + 1..];
        }
    }
    match parts {
        0 => Err(NO_PART),
        _ => Ok(total),
    }
}

/// The duration of `nanos` nanoseconds, or `too_large` beyond `Duration`.
pub fn to_duration(nanos: u128, too_large: &'static str) -> Result<Duration, &'static str> {
    let secs = u64::try_from(nanos / NANOS_PER_SEC).map_err(|_| too_large)?;
    let subsec = u32::try_from(nanos % NANOS_PER_SEC).map_err(|_| too_large)?;
    Ok(Duration::new(secs, subsec))
}
