//! `String`, `PathBuf`, `SecretString`: verbatim (STUB).
use super::{EnvValue, Noun, ValueError};
use secrecy::SecretString;
impl EnvValue for String {
    fn parse_env(raw: &str) -> Result<String, ValueError> {
        Ok(raw.to_owned())
    }
    fn noun() -> Noun {
        Noun::regular("string")
    }
}
impl EnvValue for SecretString {
    const SECRET: bool = true;
    fn parse_env(raw: &str) -> Result<SecretString, ValueError> {
        Ok(SecretString::from(raw.to_owned()))
    }
    fn noun() -> Noun {
        Noun::regular("string")
    }
}
