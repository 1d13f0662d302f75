//! Property tests of every value parser, and the helpers the parsers' unit
//! tables share.
//!
//! Each property runs [`cases`] cases: at least 10 000, more when the
//! `PROPTEST_CASES` environment variable asks for more. The properties run
//! through [`check`] rather than the `proptest!` macro, which would let
//! `PROPTEST_CASES` lower the count below that floor.

use std::fmt::Debug;
use std::path::PathBuf;
use std::time::Duration;

use proptest::prelude::*;
use proptest::string::{RegexGeneratorStrategy, string_regex};
use proptest::test_runner::TestRunner;

use super::{ByteSize, EnvValue, ValueError, duration, float, int, size};

const MIN_CASES: u32 = 10_000;

/// The number of cases of each property: `PROPTEST_CASES` if it is set to
/// more than [`MIN_CASES`], else `MIN_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .map_or(MIN_CASES, |cases: u32| cases.max(MIN_CASES))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // Where failing cases are saved (proptest-regressions/), as the
        // `proptest!` macro would set it.
        source_file: Some(file!()),
        ..ProptestConfig::with_cases(cases())
    }
}

/// Runs `test` on [`cases`] values of `strategy`; on failure, panics with
/// the shrunk failing input.
#[track_caller]
pub(super) fn check<S>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Debug,
{
    if let Err(failure) = TestRunner::new(config()).run(&strategy, test) {
        panic!("{failure}");
    }
}

/// A strategy for strings matching `pattern`, compiled once per property
/// (a bare `&str` strategy would recompile the regex for every case).
pub(super) fn re(pattern: &str) -> RegexGeneratorStrategy<String> {
    string_regex(pattern).expect("a valid regex")
}

/// A parser whose error reasons form a fixed set.
pub(super) trait FixedReasons: EnvValue + Debug {
    /// Every reason the parser can give.
    fn fixed_reasons() -> Vec<String>;
}

macro_rules! fixed_reasons {
    ($($t:ty => $reasons:expr;)*) => {$(
        impl FixedReasons for $t {
            fn fixed_reasons() -> Vec<String> {
                $reasons.iter().map(|r| r.to_string()).collect()
            }
        }
    )*};
}

fixed_reasons! {
    bool => super::bool::REASONS;
    f32 => float::REASONS;
    f64 => float::REASONS;
    Duration => duration::REASONS;
    ByteSize => size::REASONS;
}

macro_rules! int_reasons {
    ($($t:ty),*) => {$(
        fixed_reasons! {
            $t => [int::NOT_AN_INTEGER.to_owned(), int::out_of_range(<$t>::MIN, <$t>::MAX)];
        }
    )*};
}

int_reasons!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
);

/// Checks that an error reason cannot carry any part of the input.
///
/// The reason must be one of the parser's fixed reasons: text written in
/// advance cannot depend on the input. Then, literally, it must not contain
/// the trimmed input (3 chars or more), unless that input is itself a
/// fragment of the fixed wording: `128` is in `out of range -128..=127`
/// because the range is, not because the input is quoted.
fn check_reason<T: FixedReasons>(input: &str, reason: &str) -> Result<(), String> {
    let fixed = T::fixed_reasons();
    if !fixed.iter().any(|f| f == reason) {
        return Err(format!(
            "{reason:?} is not one of the fixed reasons {fixed:?}"
        ));
    }
    let trimmed = input.trim();
    let coincidence = fixed.iter().any(|f| f.contains(trimmed));
    if trimmed.chars().count() >= 3 && !coincidence && reason.contains(trimmed) {
        return Err(format!("{reason:?} quotes the input {input:?}"));
    }
    Ok(())
}

/// Asserts that `T` rejects `input` with `reason`, which does not quote it.
#[track_caller]
pub(super) fn assert_rejects<T: FixedReasons>(input: &str, reason: &str) {
    let short: String = input.chars().take(40).collect();
    match T::parse_env(input) {
        Ok(value) => panic!("{short:?} parsed as {value:?}, expected {reason:?}"),
        Err(error) => {
            assert_eq!(error.reason(), reason, "input {short:?}");
            assert!(!error.is_from_user_code());
            if let Err(problem) = check_reason::<T>(input, error.reason()) {
                panic!("{problem}");
            }
        }
    }
}

/// Parses any input: it must not panic, and an error must not quote it.
fn parses_safely<T: FixedReasons>(input: &str) -> Result<(), TestCaseError> {
    if let Err(error) = T::parse_env(input) {
        prop_assert!(!error.is_from_user_code());
        check_reason::<T>(input, error.reason()).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

/// Parses `text`, which must give `expected`.
fn parses_to<T: EnvValue + PartialEq + Debug>(
    text: &str,
    expected: T,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(T::parse_env(text).ok(), Some(expected), "text {:?}", text);
    Ok(())
}

/// Runs [`parses_safely`] with each of the listed types.
macro_rules! parse_safely_with {
    ($input:expr => $($t:ty),*) => {$(
        parses_safely::<$t>($input)?;
    )*};
}

/// Every parser, on the same arbitrary strings: one generated string serves
/// them all, as generating arbitrary Unicode dominates the cost.
#[test]
fn any_string_is_parsed_safely_by_every_parser() {
    check(any::<String>(), |s| {
        parse_safely_with!(&s => bool, u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);
        parse_safely_with!(&s => f32, f64, Duration, ByteSize);
        prop_assert_eq!(String::parse_env(&s).ok(), Some(s.clone()));
        prop_assert_eq!(PathBuf::parse_env(&s).ok(), Some(PathBuf::from(&s)));
        prop_assert_eq!(s.parse::<ByteSize>().ok(), ByteSize::parse_env(&s).ok());
        Ok(())
    });
}

#[test]
fn bool_alphabet() {
    check(re("[ \t01+a-zA-Z]{0,7}"), |s| parses_safely::<bool>(&s));
}

#[test]
fn bool_round_trip() {
    check((any::<bool>(), re("[ \t\n]{0,2}")), |(b, pad)| {
        parses_to(&format!("{pad}{b}{pad}"), b)
    });
}

/// Every width on the same numeric-looking strings: each one parses them
/// safely, and the widths that accept one agree on its value.
#[test]
fn integer_alphabet() {
    let strategy = re("[ +0-9-]{0,42}|[+-]?[0-9]{1,42}|[ 0-9a-z_.,+-]{0,8}");
    check(strategy, |s| {
        parse_safely_with!(&s => u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);
        // Every value of every width is an i128 or a u128.
        let wide = i128::parse_env(&s).ok();
        let unsigned_wide = u128::parse_env(&s).ok();
        macro_rules! agrees {
            ($($t:ty),*) => {$(
                if let Ok(n) = <$t>::parse_env(&s) {
                    prop_assert!(
                        i128::try_from(n).ok() == wide || u128::try_from(n).ok() == unsigned_wide,
                        "{} gave {} for {:?}", stringify!($t), n, s
                    );
                }
            )*};
        }
        agrees!(
            u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
        );
        Ok(())
    });
}

/// Integers against a model: the trimmed text is an optional sign and
/// ASCII digits, and its value, if it is in range, is what std's `i128` or
/// `u128` parse of it gives (`-0` is zero for the unsigned types too).
#[test]
fn integers_match_model() {
    let strategy = re(
        "[ \t]{0,2}[+-]{0,2}[0-9]{0,40}[ \t]{0,2}|[ +0-9a-f_.-]{0,6}|[0-9\u{660}-\u{669}\u{ff10}]{1,3}",
    );
    check(strategy, |s| {
        let t = s.trim();
        let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
        let well_formed = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        let negative = t.starts_with('-');
        let model_i64 = well_formed.then(|| t.parse::<i64>().ok()).flatten();
        prop_assert_eq!(i64::parse_env(&s).ok(), model_i64, "i64 {:?}", s);
        let model_u32 = match (well_formed, negative) {
            (false, _) => None,
            (true, true) => digits.bytes().all(|b| b == b'0').then_some(0),
            (true, false) => digits.parse::<u32>().ok(),
        };
        prop_assert_eq!(u32::parse_env(&s).ok(), model_u32, "u32 {:?}", s);
        if well_formed {
            // Well formed, any error is the range.
            if let Err(error) = u8::parse_env(&s) {
                prop_assert_eq!(error.reason(), int::out_of_range(u8::MIN, u8::MAX));
            }
        } else {
            prop_assert_eq!(
                i8::parse_env(&s).map_err(|e| e.reason().to_owned()),
                Err(int::NOT_AN_INTEGER.to_owned())
            );
        }
        Ok(())
    });
}

#[test]
fn float_alphabet() {
    let strategy = re("[ +0-9.eE-]{0,24}|[+-]?(inf|infinity|nan|NaN|INF)[ 0-9]{0,2}");
    check(strategy, |s| {
        parse_safely_with!(&s => f32, f64);
        Ok(())
    });
}

/// Per integer width, the round trip through `to_string`, with a `+` and
/// padding now and then.
macro_rules! int_round_trips {
    ($($name:ident: $t:ty),*) => {$(
        #[test]
        fn $name() {
            check((any::<$t>(), any::<bool>(), re(" {0,2}")), |(n, plus, pad)| {
                let sign = if plus && n >= <$t>::default() { "+" } else { "" };
                parses_to(&format!("{pad}{sign}{n}{pad}"), n)
            });
        }
    )*};
}

int_round_trips!(
    u8_round_trip: u8, u16_round_trip: u16, u32_round_trip: u32,
    u64_round_trip: u64, u128_round_trip: u128, usize_round_trip: usize,
    i8_round_trip: i8, i16_round_trip: i16, i32_round_trip: i32,
    i64_round_trip: i64, i128_round_trip: i128, isize_round_trip: isize
);

/// Per float width, the round trip through `to_string` (the shortest text
/// that parses back to the same bits; NaN compared as NaN).
macro_rules! float_round_trips {
    ($($name:ident: $t:ident),*) => {$(
        #[test]
        fn $name() {
            check(proptest::num::$t::ANY, |x| {
                let parsed = <$t>::parse_env(&x.to_string());
                prop_assert!(
                    parsed.as_ref().is_ok_and(|&y| y.to_bits() == x.to_bits() || (x.is_nan() && y.is_nan())),
                    "{:?} gave {:?}", x, parsed
                );
                Ok(())
            });
        }
    )*};
}

float_round_trips!(f32_round_trip: f32, f64_round_trip: f64);

/// A `Duration` with any seconds and any nanoseconds, biased to small and
/// sub-second values where the formatter picks other units.
fn any_duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (any::<u64>(), 0..1_000_000_000u32).prop_map(|(s, n)| Duration::new(s, n)),
        (0..100_000u64, 0..1_000_000_000u32).prop_map(|(s, n)| Duration::new(s, n)),
        (0..1_000_000_000u64).prop_map(Duration::from_nanos),
        (0..100_000u64).prop_map(Duration::from_millis),
        // The edges: the largest seconds, whole or with any nanoseconds.
        (
            u64::MAX - 100..=u64::MAX,
            prop_oneof![Just(0u32), Just(999_999_999), 0..1_000_000_000u32]
        )
            .prop_map(|(s, n)| Duration::new(s, n)),
    ]
}

#[test]
fn duration_alphabet() {
    let strategy = re(
        "[0-9 .\u{b5}\u{3bc}a-zA-Z+-]{0,20}|([0-9]{0,4}(\\.[0-9]{0,3})? ?(ns|us|ms|s|m|h|d|x|) ?){1,4}",
    );
    check(strategy, |s| parses_safely::<Duration>(&s));
}

#[test]
fn duration_round_trip() {
    check(any_duration(), |d| {
        parses_to(&duration::format_duration(d), d)
    });
}

/// The parser agrees with `secs = h * 3600 + m * 60 + s` on `NhNmNs`, each
/// part optional and below 10 000, with up to two spaces between parts.
#[test]
fn duration_matches_hms_model() {
    let part = || proptest::option::of(0..10_000u64);
    let strategy = (part(), part(), part(), re(" {0,2}"), re(" {0,2}"));
    check(strategy, |(h, m, s, sep1, sep2)| {
        let mut text = String::new();
        let mut secs = 0;
        let parts = [
            (h, "h", 3_600, ""),
            (m, "m", 60, &*sep1),
            (s, "s", 1, &*sep2),
        ];
        for (part, unit, seconds, sep) in parts {
            if let Some(n) = part {
                if !text.is_empty() {
                    text.push_str(sep);
                }
                text.push_str(&n.to_string());
                text.push_str(unit);
                secs += n * seconds;
            }
        }
        if text.is_empty() {
            // No parts at all: a bare `0` is the only unitless duration.
            text.push('0');
        }
        parses_to(&text, Duration::from_secs(secs))
    });
}

/// No ISO 8601-shaped text panics: designators in any order and case,
/// fractions with `.` or `,`, stray signs.
#[test]
fn iso_duration_alphabet() {
    let strategy = re("[+-]?[Pp]([0-9]{0,25}([.,][0-9]{0,12})?[YMWDTHSymwdths+-]?){0,6}");
    check(strategy, |s| parses_safely::<Duration>(&s));
}

/// The parser agrees with `days * 86400 + h * 3600 + m * 60 + s` on
/// `PnDTnHnMn.fS`, each part optional.
#[test]
fn iso_duration_matches_its_model() {
    let part = || proptest::option::of(0..100_000u64);
    let strategy = (part(), part(), part(), part(), 0..1_000u32);
    check(strategy, |(d, h, m, s, millis)| {
        let mut text = "P".to_owned();
        let mut nanos = u128::from(millis) * 1_000_000 * u128::from(s.is_some());
        if let Some(d) = d {
            text += &format!("{d}D");
            nanos += u128::from(d) * 86_400 * 1_000_000_000;
        }
        if h.is_some() || m.is_some() || s.is_some() {
            text.push('T');
        }
        for (part, unit, secs) in [(h, 'H', 3_600), (m, 'M', 60)] {
            if let Some(n) = part {
                text += &format!("{n}{unit}");
                nanos += u128::from(n) * secs * 1_000_000_000;
            }
        }
        if let Some(s) = s {
            text += &format!("{s}.{millis:03}S");
            nanos += u128::from(s) * 1_000_000_000;
        }
        if text == "P" {
            // No part at all is no duration.
            return Duration::parse_env(&text)
                .is_err()
                .then_some(())
                .ok_or_else(|| TestCaseError::fail("P parsed"));
        }
        let secs = u64::try_from(nanos / 1_000_000_000).expect("small");
        let subsec = u32::try_from(nanos % 1_000_000_000).expect("below a second");
        parses_to(&text, Duration::new(secs, subsec))
    });
}

/// Seconds with up to nine decimals are exact to the nanosecond.
#[test]
fn duration_fractions_are_exact() {
    let strategy = (0..1_000_000u64, 0..1_000_000_000u32, 1..=9u32);
    check(strategy, |(secs, nanos, digits)| {
        // Keep the first `digits` of the nine decimals of `nanos`.
        let scale = 10u32.pow(9 - digits);
        let nanos = nanos / scale * scale;
        let decimals = format!("{nanos:09}");
        let text = format!("{secs}.{}s", &decimals[..digits as usize]);
        parses_to(&text, Duration::new(secs, nanos))
    });
}

/// A size, biased to the multiples of each suffix so that `Display` uses
/// every one of them.
fn any_size() -> impl Strategy<Value = ByteSize> {
    prop_oneof![
        any::<u64>(),
        (0..4_096u64, 0..7u32).prop_map(|(n, p)| n.wrapping_mul(1_024u64.pow(p))),
        (0..4_096u64, 0..7u32).prop_map(|(n, p)| n.wrapping_mul(1_000u64.pow(p))),
    ]
    .prop_map(ByteSize::new)
}

/// Suffixes with their multipliers, as the model sees them.
const SUFFIXES: &[(&str, u128)] = &[
    ("", 1),
    ("B", 1),
    ("k", 1_000),
    ("K", 1_000),
    ("KB", 1_000),
    ("M", 1_000_000),
    ("GB", 1_000_000_000),
    ("T", 1_000_000_000_000),
    ("PB", 1_000_000_000_000_000),
    ("E", 1_000_000_000_000_000_000),
    ("Ki", 1 << 10),
    ("MiB", 1 << 20),
    ("Gi", 1 << 30),
    ("TiB", 1 << 40),
    ("Pi", 1 << 50),
    ("Ei", 1 << 60),
];

#[test]
fn size_alphabet() {
    let strategy =
        re("[0-9 .kKMGTPEiB+-]{0,20}|[0-9]{0,21}(\\.[0-9]{0,20})? ?([kMGTPE]i?B?|B|b|m|x)?");
    check(strategy, |s| parses_safely::<ByteSize>(&s));
}

#[test]
fn size_round_trip() {
    check((any_size(), re(" {0,2}")), |(size, pad)| {
        parses_to(&format!("{pad}{size}{pad}"), size)?;
        prop_assert_eq!(size.to_string().parse::<ByteSize>(), Ok(size));
        Ok(())
    });
}

/// `n` or `n.5` with a suffix is `n * multiplier` (plus half of it),
/// exactly, when that is a whole number that fits a `u64`.
#[test]
fn size_matches_model() {
    let n = prop_oneof![0..10_000u64, any::<u64>()];
    let strategy = (n, any::<bool>(), 0..SUFFIXES.len(), any::<bool>());
    check(strategy, |(n, half, suffix, space)| {
        let (name, multiplier) = SUFFIXES[suffix];
        let half_text = if half { ".5" } else { "" };
        let space_text = if space { " " } else { "" };
        let text = format!("{n}{half_text}{space_text}{name}");
        let doubled = (2 * u128::from(n) + u128::from(half)) * multiplier;
        let expected = if doubled % 2 != 0 {
            Err(size::FRACTIONAL)
        } else {
            u64::try_from(doubled / 2)
                .map(ByteSize::new)
                .map_err(|_| size::TOO_LARGE)
        };
        let parsed = ByteSize::parse_env(&text);
        prop_assert_eq!(
            parsed.as_ref().map_err(ValueError::reason),
            expected.as_ref().map_err(|e| *e),
            "text {:?}",
            text
        );
        Ok(())
    });
}

#[test]
fn cases_never_go_below_ten_thousand() {
    assert!(cases() >= 10_000);
    assert_eq!(config().cases, cases());
}
