//! `f32`, `f64`: Rust's own float syntax (`1.5`, `-2e-3`, `.5`, `inf`, `NaN`).

use super::{EnvValue, Noun, ValueError};

use envconfig_core::syntax::float::parse_float;
#[cfg(test)]
pub(super) use envconfig_core::syntax::float::{NOT_A_NUMBER, REASONS};

macro_rules! float {
    ($($t:ty),*) => {$(
        impl EnvValue for $t {
            fn parse_env(raw: &str) -> Result<$t, ValueError> {
                parse_float(raw).map_err(ValueError::new)
            }

            fn noun() -> Noun {
                Noun::regular("number")
            }

            fn value_kind() -> super::ValueKind {
                super::ValueKind::of(super::Kind::Float)
            }

            // Rust writes the shortest text that reads back as the same
            // float.
            fn to_env(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}

float!(f32, f64);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::proptests::assert_rejects;

    /// Valid inputs and their `f64` values; the `f32` value is the same
    /// number rounded to `f32`.
    const VALID: &[(&str, f64)] = &[
        ("0", 0.0),
        ("-0", -0.0),
        ("+0.0", 0.0),
        ("1", 1.0),
        ("1.5", 1.5),
        ("-1.5", -1.5),
        ("+2", 2.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("1e3", 1000.0),
        ("1E3", 1000.0),
        ("1e+3", 1000.0),
        ("2.5e-3", 0.0025),
        ("0.1", 0.1),
        ("  3.25\n", 3.25),
        ("\u{a0}7\u{3000}", 7.0),
        ("inf", f64::INFINITY),
        ("+inf", f64::INFINITY),
        ("-inf", f64::NEG_INFINITY),
        ("Infinity", f64::INFINITY),
        ("-INFINITY", f64::NEG_INFINITY),
        ("1e400", f64::INFINITY),
        ("1e-400", 0.0),
        ("000000000000000000000000000000000000001.5", 1.5),
        ("340282346638528859811704183484516925440", f32::MAX as f64),
    ];

    const INVALID: &[&str] = &[
        ".",
        "e3",
        "1e",
        "1.2.3",
        "1,5",
        "1_000",
        "0x10",
        "1 000",
        "--1",
        "+-1",
        "+",
        "-",
        "   ",
        "infinite",
        "nan1",
        "1f",
        "1.5f64",
        "\u{ff11}\u{ff12}",
        "\u{663}",
        "\u{bd}",
        "\u{221e}",
        "\u{1f4af}",
        "1.5\u{0}",
    ];

    #[test]
    fn parses_valid_inputs() {
        for &(input, expected) in VALID {
            assert_eq!(f64::parse_env(input), Ok(expected), "input {input:?}");
            assert_eq!(
                f32::parse_env(input),
                Ok(expected as f32),
                "input {input:?}"
            );
        }
        // Compared by sign, since -0.0 == 0.0.
        assert!(f64::parse_env("-0").is_ok_and(f64::is_sign_negative));
    }

    #[test]
    fn parses_nan_in_any_case() {
        for input in ["NaN", "nan", "NAN", "+NaN", "-nan", " NaN "] {
            assert!(f64::parse_env(input).is_ok_and(f64::is_nan), "{input:?}");
            assert!(f32::parse_env(input).is_ok_and(f32::is_nan), "{input:?}");
        }
    }

    #[test]
    fn rejects_invalid_inputs_without_quoting_them() {
        for &input in INVALID {
            assert_rejects::<f64>(input, NOT_A_NUMBER);
            assert_rejects::<f32>(input, NOT_A_NUMBER);
        }
        assert_rejects::<f64>(&"1.".repeat(50_000), NOT_A_NUMBER);
    }

    #[test]
    fn noun() {
        let noun = <f64 as EnvValue>::noun();
        assert_eq!((&*noun.one, &*noun.many), ("number", "numbers"));
        assert_eq!(<f32 as EnvValue>::noun(), noun);
    }
}
