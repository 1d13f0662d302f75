//! `bool`: `true/false`, `1/0`, `yes/no`, `on/off`, in any case.

use super::{EnvValue, Noun, ValueError};

use envconfig_core::syntax::bool::parse_bool;
#[cfg(test)]
pub(super) use envconfig_core::syntax::bool::{NOT_A_BOOLEAN, REASONS};

impl EnvValue for bool {
    fn to_env(&self) -> Option<String> {
        Some(self.to_string())
    }

    fn parse_env(raw: &str) -> Result<bool, ValueError> {
        parse_bool(raw).map_err(ValueError::new)
    }

    fn noun() -> Noun {
        Noun::regular("boolean")
    }

    fn value_kind() -> super::ValueKind {
        super::ValueKind::of(super::Kind::Boolean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::proptests::assert_rejects;

    const VALID: &[(&str, bool)] = &[
        ("true", true),
        ("True", true),
        ("TRUE", true),
        ("tRuE", true),
        ("1", true),
        ("yes", true),
        ("Yes", true),
        ("YES", true),
        ("on", true),
        ("On", true),
        ("ON", true),
        ("false", false),
        ("False", false),
        ("FALSE", false),
        ("fAlSe", false),
        ("0", false),
        ("no", false),
        ("No", false),
        ("NO", false),
        ("off", false),
        ("Off", false),
        ("OFF", false),
        (" true ", true),
        ("\tyes\n", true),
        ("\u{a0}off\u{3000}", false),
        ("0\r\n", false),
    ];

    const INVALID: &[(&str, &str)] = &[
        ("t", NOT_A_BOOLEAN),
        ("f", NOT_A_BOOLEAN),
        ("y", NOT_A_BOOLEAN),
        ("n", NOT_A_BOOLEAN),
        ("2", NOT_A_BOOLEAN),
        ("-1", NOT_A_BOOLEAN),
        ("01", NOT_A_BOOLEAN),
        ("00", NOT_A_BOOLEAN),
        ("+1", NOT_A_BOOLEAN),
        ("1.0", NOT_A_BOOLEAN),
        ("tru", NOT_A_BOOLEAN),
        ("truee", NOT_A_BOOLEAN),
        ("yess", NOT_A_BOOLEAN),
        ("enabled", NOT_A_BOOLEAN),
        ("disabled", NOT_A_BOOLEAN),
        ("nope", NOT_A_BOOLEAN),
        ("t rue", NOT_A_BOOLEAN),
        ("true false", NOT_A_BOOLEAN),
        ("true\u{0}", NOT_A_BOOLEAN),
        ("\u{ff54}rue", NOT_A_BOOLEAN),        // fullwidth t
        ("\u{131}", NOT_A_BOOLEAN),            // dotless i
        ("\u{ff11}", NOT_A_BOOLEAN),           // fullwidth 1
        ("\u{661}", NOT_A_BOOLEAN),            // Arabic-Indic 1
        ("\u{2705}", NOT_A_BOOLEAN),           // check mark emoji
        ("\u{1f44d}\u{1f3fd}", NOT_A_BOOLEAN), // thumbs up, skin tone
        ("   ", NOT_A_BOOLEAN),
    ];

    #[test]
    fn parses_valid_inputs() {
        for &(input, expected) in VALID {
            assert_eq!(bool::parse_env(input), Ok(expected), "input {input:?}");
        }
    }

    #[test]
    fn rejects_invalid_inputs_without_quoting_them() {
        for &(input, reason) in INVALID {
            assert_rejects::<bool>(input, reason);
        }
        assert_rejects::<bool>(&"yes".repeat(100_000), NOT_A_BOOLEAN);
    }

    #[test]
    fn noun() {
        let noun = <bool as EnvValue>::noun();
        assert_eq!((&*noun.one, &*noun.many), ("boolean", "booleans"));
    }
}
