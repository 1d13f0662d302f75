//! `std::time::Duration` in Go's `time.ParseDuration` syntax, plus days and
//! spaces: `300ms`, `1.5h`, `2h45m`, `1d 12h`.
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

use std::time::Duration;

pub(crate) use envconfig_core::syntax::duration::format_duration;
use envconfig_core::syntax::duration::parse_duration;
#[cfg(test)]
pub(super) use envconfig_core::syntax::duration::{
    MISSING_UNIT, NEGATIVE, NOT_A_DURATION, REASONS, TOO_LARGE, UNKNOWN_UNIT,
};

use super::{EnvValue, Noun, ValueError};

impl EnvValue for Duration {
    fn to_env(&self) -> Option<String> {
        Some(format_duration(*self))
    }

    fn parse_env(raw: &str) -> Result<Duration, ValueError> {
        parse_duration(raw).map_err(ValueError::new)
    }

    fn noun() -> Noun {
        Noun::regular("duration")
    }

    fn value_kind() -> super::ValueKind {
        super::ValueKind::of(super::Kind::Duration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::proptests::assert_rejects;
    use envconfig_core::syntax::iso_duration as iso;

    const SEC: u64 = 1_000_000_000;
    const MIN: u64 = 60 * SEC;
    const HOUR: u64 = 60 * MIN;

    const fn ns(n: u64) -> Duration {
        Duration::from_nanos(n)
    }

    /// Valid inputs. The first block is every non-negative case of Go's own
    /// `parseDurationTests` (`src/time/time_test.go`).
    const VALID: &[(&str, Duration)] = &[
        ("0", Duration::ZERO),
        ("5s", Duration::from_secs(5)),
        ("30s", Duration::from_secs(30)),
        ("1478s", Duration::from_secs(1478)),
        ("+5s", Duration::from_secs(5)),
        ("+0", Duration::ZERO),
        // Zero with a `-` is zero in Go, and not negative.
        ("-0", Duration::ZERO),
        ("-0s", Duration::ZERO),
        ("-0.1ns", Duration::ZERO),
        ("5.0s", Duration::from_secs(5)),
        ("5.6s", Duration::from_millis(5_600)),
        ("5.s", Duration::from_secs(5)),
        (".5s", Duration::from_millis(500)),
        ("1.0s", Duration::from_secs(1)),
        ("1.00s", Duration::from_secs(1)),
        ("1.004s", Duration::from_millis(1_004)),
        ("1.0040s", Duration::from_millis(1_004)),
        ("100.00100s", Duration::from_millis(100_001)),
        ("10ns", Duration::from_nanos(10)),
        ("11us", Duration::from_micros(11)),
        ("12\u{b5}s", Duration::from_micros(12)),
        ("12\u{3bc}s", Duration::from_micros(12)),
        ("13ms", Duration::from_millis(13)),
        ("14s", Duration::from_secs(14)),
        ("15m", Duration::from_secs(15 * 60)),
        ("16h", Duration::from_secs(16 * 3600)),
        ("3h30m", Duration::from_secs(3 * 3600 + 30 * 60)),
        ("10.5s4m", Duration::from_millis(250_500)),
        ("1h2m3s4ms5us6ns", ns(HOUR + 2 * MIN + 3 * SEC + 4_005_006)),
        (
            "39h9m14.425s",
            ns(39 * HOUR + 9 * MIN + 14 * SEC + 425_000_000),
        ),
        ("52763797000ns", ns(52_763_797_000)),
        // Go gets 20m through float64 rounding; the exact value is 1ns less.
        ("0.3333333333333333333h", ns(20 * MIN - 1)),
        ("9007199254740993ns", ns((1 << 53) + 1)),
        ("9223372036854775807ns", ns(i64::MAX as u64)),
        ("9223372036854775.807us", ns(i64::MAX as u64)),
        ("9223372036s854ms775us807ns", ns(i64::MAX as u64)),
        ("0.100000000000000000000h", Duration::from_secs(6 * 60)),
        (
            "0.830103483285477580700h",
            ns(49 * MIN + 48 * SEC + 372_539_827),
        ),
        // Values Go rejects as overflowing int64 nanoseconds.
        ("9223372036854775810ns", ns(9_223_372_036_854_775_810)),
        ("9223372036854776us", ns(9_223_372_036_854_776_000)),
        ("3000000h", Duration::from_secs(3_000_000 * 3600)),
        // Days, and spaces between parts or before a unit.
        ("1d", Duration::from_secs(86_400)),
        ("1.5d", Duration::from_secs(129_600)),
        ("1d 12h", Duration::from_secs(129_600)),
        ("1h 30m", Duration::from_secs(5_400)),
        ("1h  30m", Duration::from_secs(5_400)),
        ("1h\t30m\n15s", Duration::from_secs(5_415)),
        ("30 s", Duration::from_secs(30)),
        ("1 h 30 m", Duration::from_secs(5_400)),
        ("  1m30s  ", Duration::from_secs(90)),
        ("\u{a0}2s\u{3000}", Duration::from_secs(2)),
        // Zero in every spelling that has a unit.
        ("0s", Duration::ZERO),
        ("0.0h", Duration::ZERO),
        ("+0ns", Duration::ZERO),
        (
            "000000000000000000000000000000000000000000001s",
            Duration::from_secs(1),
        ),
        // Exact fractions and truncation below a nanosecond.
        ("1.000000001s", ns(SEC + 1)),
        ("1.0000000019s", ns(SEC + 1)),
        ("0.5ns", Duration::ZERO),
        ("1.5ns", ns(1)),
        ("0.001us", ns(1)),
        ("1.5h", Duration::from_secs(5_400)),
        ("0.1m", Duration::from_secs(6)),
        ("1s1s1s", Duration::from_secs(3)),
        ("1m90s", Duration::from_secs(150)),
        // The largest Duration, in three spellings.
        ("18446744073709551615.999999999s", Duration::MAX),
        ("18446744073709551615.99999999999999999999s", Duration::MAX),
        ("18446744073709551615s999999999ns", Duration::MAX),
        (
            "5124095576030431h",
            Duration::from_secs(5_124_095_576_030_431 * 3600),
        ),
        (
            "213503982334601d",
            Duration::from_secs(213_503_982_334_601 * 86_400),
        ),
    ];

    const INVALID: &[(&str, &str)] = &[
        // Go's invalid cases (those expressible as UTF-8).
        ("3", MISSING_UNIT),
        ("-", NEGATIVE),
        ("s", NOT_A_DURATION),
        (".", NOT_A_DURATION),
        ("-.", NEGATIVE),
        (".s", NOT_A_DURATION),
        ("+.s", NOT_A_DURATION),
        ("\u{fffd}", NOT_A_DURATION),
        ("hello \u{fffd} world", NOT_A_DURATION),
        // Go's negative cases.
        ("-5s", NEGATIVE),
        ("-2m3.4s", NEGATIVE),
        ("-9223372036854775808ns", NEGATIVE),
        ("-2562047h47m16.854775808s", NEGATIVE),
        // Bare numbers, and parts missing their unit.
        ("30", MISSING_UNIT),
        ("00", MISSING_UNIT),
        ("0.0", MISSING_UNIT),
        ("1.5", MISSING_UNIT),
        ("1h30", MISSING_UNIT),
        ("1 000s", MISSING_UNIT),
        ("1.5.5h", MISSING_UNIT),
        // Units: unknown, wrong case, not separated.
        ("1x", UNKNOWN_UNIT),
        ("1H", UNKNOWN_UNIT),
        ("1S", UNKNOWN_UNIT),
        ("1sec", UNKNOWN_UNIT),
        ("1hour", UNKNOWN_UNIT),
        ("1w", UNKNOWN_UNIT),
        ("1h\u{0}", UNKNOWN_UNIT),
        ("1e3s", UNKNOWN_UNIT),
        ("1h-30m", UNKNOWN_UNIT),
        ("1h,30m", UNKNOWN_UNIT),
        ("1\u{1f600}", UNKNOWN_UNIT),
        ("5\u{3bc}", UNKNOWN_UNIT),
        // No number where one is expected.
        ("+", NOT_A_DURATION),
        ("   ", NOT_A_DURATION),
        ("+ 5s", NOT_A_DURATION),
        ("++5s", NOT_A_DURATION),
        ("h1", NOT_A_DURATION),
        ("\u{ff11}\u{ff12}s", NOT_A_DURATION),
        ("\u{663}s", NOT_A_DURATION),
        ("\u{1f600}", NOT_A_DURATION),
        ("inf", NOT_A_DURATION),
        // Beyond Duration::MAX.
        ("18446744073709551616s", TOO_LARGE),
        ("18446744073709551615s1s", TOO_LARGE),
        ("5124095576030432h", TOO_LARGE),
        ("213503982334602d", TOO_LARGE),
        ("1000000000000000000000000000000000000000d", TOO_LARGE),
    ];

    /// ISO 8601 durations. The first block is the positive cases of
    /// OpenJDK's `TCKDuration.data_parseSuccess` (Java's `Duration.parse`,
    /// which Spring Boot reads durations with) that have no negative part.
    const VALID_ISO: &[(&str, Duration)] = &[
        ("PT0S", Duration::ZERO),
        ("PT1S", Duration::from_secs(1)),
        ("PT12S", Duration::from_secs(12)),
        ("PT123456789S", Duration::from_secs(123_456_789)),
        ("PT0.1S", Duration::from_millis(100)),
        ("PT1.1S", Duration::from_millis(1_100)),
        ("PT1.12345678S", ns(1_123_456_780)),
        ("PT1.123456789S", ns(1_123_456_789)),
        ("PT1,1S", Duration::from_millis(1_100)),
        ("pT0S", Duration::ZERO),
        ("Pt0S", Duration::ZERO),
        ("PT0s", Duration::ZERO),
        ("PT1M", Duration::from_secs(60)),
        ("PT1H", Duration::from_secs(3_600)),
        ("P1D", Duration::from_secs(86_400)),
        ("P1DT1H", Duration::from_secs(90_000)),
        ("P1DT1H1M1S", Duration::from_secs(90_061)),
        ("PT1H1M", Duration::from_secs(3_660)),
        ("PT1M1S", Duration::from_secs(61)),
        // The contract's examples, and a sign that changes nothing.
        ("PT30S", Duration::from_secs(30)),
        ("PT1H30M", Duration::from_secs(5_400)),
        ("P2D", Duration::from_secs(172_800)),
        ("PT0.5S", Duration::from_millis(500)),
        ("+PT5S", Duration::from_secs(5)),
        ("-PT0S", Duration::ZERO),
        ("  PT5S  ", Duration::from_secs(5)),
    ];

    /// Invalid ISO 8601 durations: the negative and malformed cases of
    /// `TCKDuration.data_parseFailure`, then what the contract names.
    const INVALID_ISO: &[(&str, &str)] = &[
        ("P", iso::NO_PART),
        ("PT", iso::EMPTY_TIME),
        ("P1DT", iso::EMPTY_TIME),
        ("PT+S", iso::NOT_ISO),
        ("PT-S", iso::NOT_ISO),
        ("PT.S", iso::NOT_ISO),
        ("PTAS", iso::NOT_ISO),
        ("PT-.S", iso::NOT_ISO),
        ("PT+.S", iso::NOT_ISO),
        ("PT1ABC2S", iso::NOT_ISO),
        ("PT1.1ABC2S", iso::NOT_ISO),
        ("PT2.-3S", iso::NOT_ISO),
        ("PT1S1M", iso::ORDER),
        ("PT1S1S", iso::ORDER),
        ("PT1D", iso::DAYS_AFTER_T),
        ("P1H", iso::TIME_BEFORE_T),
        ("PT1.5.5S", iso::NOT_ISO),
        ("P30S", iso::TIME_BEFORE_T),
        ("PT-1S", iso::NEGATIVE_PART),
        ("PT1H-30M", iso::NEGATIVE_PART),
        ("P1DT1D", iso::DAYS_AFTER_T),
        ("PT5", iso::NOT_ISO),
        ("P1Y", iso::YEARS_OR_MONTHS),
        ("P1M", iso::YEARS_OR_MONTHS),
        ("P1W", iso::WEEKS),
        ("p2w", iso::WEEKS),
        ("P1WT1H", iso::WEEKS),
        ("P1Y2M3DT4H", iso::YEARS_OR_MONTHS),
        ("PT1.5H", iso::FRACTION),
        ("P0.5D", iso::FRACTION),
        ("-PT5S", NEGATIVE),
        ("PT123456789123456789123456789S", TOO_LARGE),
    ];

    #[test]
    fn parses_iso_8601_durations() {
        for &(input, expected) in VALID_ISO {
            assert_eq!(Duration::parse_env(input), Ok(expected), "input {input:?}");
        }
        for &(input, reason) in INVALID_ISO {
            assert_rejects::<Duration>(input, reason);
        }
    }

    #[test]
    fn parses_valid_inputs() {
        for &(input, expected) in VALID {
            assert_eq!(Duration::parse_env(input), Ok(expected), "input {input:?}");
        }
    }

    #[test]
    fn rejects_invalid_inputs_without_quoting_them() {
        for &(input, reason) in INVALID {
            assert_rejects::<Duration>(input, reason);
        }
    }

    #[test]
    fn survives_very_long_inputs() {
        let digits = "9".repeat(100_000);
        assert_rejects::<Duration>(&format!("{digits}s"), TOO_LARGE);
        assert_rejects::<Duration>(&digits, MISSING_UNIT);
        let zeros = "0".repeat(100_000);
        assert_eq!(
            Duration::parse_env(&format!("{zeros}7.{zeros}1s")),
            Ok(Duration::from_secs(7))
        );
        assert_eq!(
            Duration::parse_env(&"1s".repeat(50_000)),
            Ok(Duration::from_secs(50_000))
        );
        assert_rejects::<Duration>(&"\u{b5}".repeat(100_000), NOT_A_DURATION);
    }

    #[test]
    fn formats_canonically() {
        let cases: &[(Duration, &str)] = &[
            (Duration::ZERO, "0s"),
            (ns(4), "4ns"),
            (ns(999), "999ns"),
            (Duration::from_micros(1), "1us"),
            (ns(1_500), "1.5us"),
            (ns(1_000_001), "1.000001ms"),
            (Duration::from_millis(250), "250ms"),
            (Duration::from_millis(1_500), "1.5s"),
            (Duration::from_secs(30), "30s"),
            (Duration::from_secs(90), "90s"),
            (Duration::from_secs(300), "5m"),
            (Duration::from_secs(3_600), "1h"),
            (Duration::from_secs(5_400), "90m"),
            (Duration::from_secs(5_401), "5401s"),
            (Duration::from_secs(129_600), "36h"),
            (Duration::from_millis(3_600_500), "3600.5s"),
            (ns(61 * SEC + 1), "61.000000001s"),
            (Duration::from_secs(u64::MAX), "18446744073709551615s"),
            (Duration::MAX, "18446744073709551615.999999999s"),
        ];
        for &(duration, text) in cases {
            assert_eq!(format_duration(duration), text);
            assert_eq!(Duration::parse_env(text), Ok(duration), "text {text:?}");
        }
    }

    #[test]
    fn noun() {
        assert_eq!(<Duration as EnvValue>::noun(), Noun::regular("duration"));
        assert_eq!(<Duration as EnvValue>::noun().many, "durations");
    }
}
