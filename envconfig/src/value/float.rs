//! `f32`, `f64` (STUB).
use super::{EnvValue, Noun, ValueError};
impl EnvValue for f64 {
    fn parse_env(raw: &str) -> Result<f64, ValueError> {
        raw.trim()
            .parse()
            .map_err(|_| ValueError::new("not a number"))
    }
    fn noun() -> Noun {
        Noun::regular("number")
    }
}
