//! Integers of every width: decimal, with an optional sign.
//!
//! Only ASCII digits after an optional `+` or `-`: no whitespace inside, no
//! `_` separators, no `0x` prefixes, no Unicode digits. `-0` is zero for the
//! unsigned types too. A well-formed number the type cannot hold (however
//! many digits it has) is reported with the type's range, so the reader
//! learns the limits without seeing the value.

use super::{EnvValue, Noun, ValueError};

use envconfig_core::syntax::int::{IntError, parse_int as parse_digits};
pub(super) use envconfig_core::syntax::int::{NOT_AN_INTEGER, out_of_range};

/// Parses into any integer type `T`; `range` says its range when the value
/// is out of it.
fn parse_int<T>(raw: &str, range: fn() -> String) -> Result<T, ValueError>
where
    T: TryFrom<u128> + TryFrom<i128>,
{
    parse_digits(raw).map_err(|error| int_error(error, range))
}

fn int_error(error: IntError, range: fn() -> String) -> ValueError {
    match error {
        IntError::NotAnInteger => ValueError::new(NOT_AN_INTEGER),
        IntError::OutOfRange => ValueError::new(range()),
    }
}

macro_rules! int {
    ($($t:ty => $noun:expr),* $(,)?) => {$(
        impl EnvValue for $t {
            fn parse_env(raw: &str) -> Result<$t, ValueError> {
                parse_int(raw, || out_of_range(<$t>::MIN, <$t>::MAX))
            }

            fn noun() -> Noun {
                Noun::regular($noun)
            }

            fn value_kind() -> super::ValueKind {
                let kind = super::ValueKind::of(super::Kind::Integer);
                // A pointer-sized integer's range depends on the platform.
                match stringify!($t) {
                    "usize" => kind.between(Some("0".into()), None),
                    "isize" => kind,
                    _ => kind.between(Some(<$t>::MIN.to_string()), Some(<$t>::MAX.to_string())),
                }
            }

            fn to_env(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}

/// `integer 0..=255`: the type's range, as the docs show it.
fn range_of<T: std::fmt::Display>(min: T, max: T) -> String {
    format!("integer {min}..={max}")
}

// The docs of one program read the same on every platform: a pointer-sized
// integer's range is not shown (a value out of range still says it).
int!(
    u8 => range_of(u8::MIN, u8::MAX),
    u16 => range_of(u16::MIN, u16::MAX),
    u32 => range_of(u32::MIN, u32::MAX),
    u64 => range_of(u64::MIN, u64::MAX),
    u128 => range_of(u128::MIN, u128::MAX),
    usize => "integer 0..",
    i8 => range_of(i8::MIN, i8::MAX),
    i16 => range_of(i16::MIN, i16::MAX),
    i32 => range_of(i32::MIN, i32::MAX),
    i64 => range_of(i64::MIN, i64::MAX),
    i128 => range_of(i128::MIN, i128::MAX),
    isize => "integer",
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::proptests::assert_rejects;

    /// For each width: MIN and MAX parse, one past each end is out of range
    /// (written as text, since it does not fit the type).
    macro_rules! bounds_tests {
        ($($name:ident: $t:ty, below_min = $below:expr, above_max = $above:expr;)*) => {$(
            #[test]
            fn $name() {
                let range = out_of_range(<$t>::MIN, <$t>::MAX);
                let valid: &[(String, $t)] = &[
                    (<$t>::MIN.to_string(), <$t>::MIN),
                    (<$t>::MAX.to_string(), <$t>::MAX),
                    (format!("+{}", <$t>::MAX), <$t>::MAX),
                    (format!(" {}\t", <$t>::MAX), <$t>::MAX),
                    (format!("000{}", <$t>::MAX), <$t>::MAX),
                    ("0".into(), 0),
                    ("-0".into(), 0),
                    ("+0".into(), 0),
                    ("00000000000000000000000000000000000000000000000000".into(), 0),
                    ("1".into(), 1),
                    ("42".into(), 42),
                    ("0127".into(), 127),
                ];
                for (input, expected) in valid {
                    assert_eq!(<$t>::parse_env(input), Ok(*expected), "input {input:?}");
                }
                let out_of_range: &[&str] = &[
                    $below,
                    $above,
                    "340282366920938463463374607431768211456",
                    "-340282366920938463463374607431768211456",
                    "99999999999999999999999999999999999999999999999999",
                ];
                for input in out_of_range {
                    assert_rejects::<$t>(input, &range);
                }
                let invalid: &[&str] = &[
                    "", " ", "+", "-", "+-1", "-+1", "--1", "++1", "1-", "1+",
                    "1.0", "1.", ".5", "1e3", "1_000", "1,000", "1 000", "0x10",
                    "0b1", "ten", "one", "NaN", "inf", "12a", "a12",
                    "\u{ff11}\u{ff12}", "\u{663}", "\u{0967}", "\u{2460}", "\u{b2}",
                    "\u{1f4af}", "1\u{fe0f}\u{20e3}", "12\u{0}", "\u{0}12", "- 1", "+ 1",
                ];
                for input in invalid {
                    // Only the trimmed-empty cases are not real raw values;
                    // they must still be rejected.
                    assert_rejects::<$t>(input, NOT_AN_INTEGER);
                }
            }
        )*};
    }

    bounds_tests! {
        u8_bounds: u8, below_min = "-1", above_max = "256";
        u16_bounds: u16, below_min = "-1", above_max = "65536";
        u32_bounds: u32, below_min = "-1", above_max = "4294967296";
        u64_bounds: u64, below_min = "-1", above_max = "18446744073709551616";
        u128_bounds: u128, below_min = "-1",
            above_max = "340282366920938463463374607431768211456";
        usize_bounds: usize, below_min = "-1",
            above_max = if cfg!(target_pointer_width = "64") { "18446744073709551616" } else { "4294967296" };
        i8_bounds: i8, below_min = "-129", above_max = "128";
        i16_bounds: i16, below_min = "-32769", above_max = "32768";
        i32_bounds: i32, below_min = "-2147483649", above_max = "2147483648";
        i64_bounds: i64, below_min = "-9223372036854775809", above_max = "9223372036854775808";
        i128_bounds: i128, below_min = "-170141183460469231731687303715884105729",
            above_max = "170141183460469231731687303715884105728";
        isize_bounds: isize,
            below_min = if cfg!(target_pointer_width = "64") { "-9223372036854775809" } else { "-2147483649" },
            above_max = if cfg!(target_pointer_width = "64") { "9223372036854775808" } else { "2147483648" };
    }

    #[test]
    fn negative_values() {
        assert_eq!(i8::parse_env("-128"), Ok(-128));
        assert_eq!(i32::parse_env(" -17 "), Ok(-17));
        assert_eq!(i128::parse_env("-1"), Ok(-1));
        assert_rejects::<u32>("-5", &out_of_range(0, u32::MAX));
        assert_rejects::<u128>(
            "-99999999999999999999999999999999999999999",
            &out_of_range(0, u128::MAX),
        );
    }

    #[test]
    fn survives_very_long_inputs() {
        let zeros = "0".repeat(100_000);
        assert_eq!(u8::parse_env(&format!("{zeros}255")), Ok(255));
        assert_eq!(i64::parse_env(&format!("-{zeros}1")), Ok(-1));
        assert_rejects::<u8>(&"9".repeat(100_000), &out_of_range(0, 255));
        assert_rejects::<i64>(&"1a".repeat(50_000), NOT_AN_INTEGER);
    }

    #[test]
    fn noun_names_the_range() {
        let noun = <u16 as EnvValue>::noun();
        assert_eq!(
            (&*noun.one, &*noun.many),
            ("integer 0..=65535", "integers 0..=65535")
        );
        assert_eq!(<i8 as EnvValue>::noun().one, "integer -128..=127");
        assert_eq!(
            <u128 as EnvValue>::noun().one,
            "integer 0..=340282366920938463463374607431768211455"
        );
    }
}
