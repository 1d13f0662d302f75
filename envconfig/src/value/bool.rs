//! `bool`: true/false, 1/0, yes/no, on/off, any case.
use super::{EnvValue, Noun, ValueError};

impl EnvValue for bool {
    fn parse_env(raw: &str) -> Result<bool, ValueError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(true),
            "false" | "0" | "no" | "off" => Ok(false),
            _ => Err(ValueError::new(
                "not a boolean (use true/false, 1/0, yes/no or on/off)",
            )),
        }
    }
    fn noun() -> Noun {
        Noun::regular("boolean")
    }
}
