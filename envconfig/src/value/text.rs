//! `String`, `PathBuf` and `SecretString`: the value verbatim.
//!
//! Not trimmed: surrounding spaces may be meaningful (a separator, a
//! password), and a value that should not have them is better kept visible
//! than silently changed.

use std::path::PathBuf;

use secrecy::SecretString;

use super::{EnvValue, Noun, ValueError};

impl EnvValue for String {
    fn parse_env(raw: &str) -> Result<String, ValueError> {
        Ok(raw.to_owned())
    }

    fn noun() -> Noun {
        Noun::regular("string")
    }

    fn value_kind() -> super::ValueKind {
        super::ValueKind::of(super::Kind::Text)
    }

    fn to_env(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl EnvValue for PathBuf {
    fn parse_env(raw: &str) -> Result<PathBuf, ValueError> {
        Ok(PathBuf::from(raw))
    }

    fn noun() -> Noun {
        Noun::regular("path")
    }

    fn value_kind() -> super::ValueKind {
        super::ValueKind::of(super::Kind::Path)
    }

    fn to_env(&self) -> Option<String> {
        self.to_str().map(str::to_owned)
    }
}

impl EnvValue for SecretString {
    const SECRET: bool = true;

    fn parse_env(raw: &str) -> Result<SecretString, ValueError> {
        // Copied straight into the secret's exact-size box: no intermediate
        // buffer is left behind unzeroized.
        Ok(SecretString::from(raw))
    }

    fn noun() -> Noun {
        Noun::regular("string")
    }

    fn value_kind() -> super::ValueKind {
        super::ValueKind::of(super::Kind::Text)
    }

    fn to_env(&self) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    /// Every input comes back unchanged, whitespace and all.
    const INPUTS: &[&str] = &[
        "plain",
        " leading",
        "trailing ",
        "  both  ",
        "\t\n",
        " ",
        "a=b;c=d",
        "postgres://user:p%40ss@db:5432/app?sslmode=require",
        "line one\nline two",
        "trailing newline\n",
        "quotes \"'`",
        "\u{0}nul",
        "\u{1f600} emoji \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
        "\u{ff11}\u{ff12}",
        "\u{663}",
        "\u{202e}rtl override",
        "/var/lib/app",
        "relative/../path",
        "C:\\Windows\\path",
        "~/home",
    ];

    #[test]
    fn strings_are_verbatim() {
        for &input in INPUTS {
            assert_eq!(String::parse_env(input).as_deref(), Ok(input));
        }
        let long = "x ".repeat(100_000);
        assert_eq!(String::parse_env(&long), Ok(long.clone()));
    }

    #[test]
    fn paths_are_verbatim() {
        for &input in INPUTS {
            assert_eq!(PathBuf::parse_env(input), Ok(PathBuf::from(input)));
        }
    }

    #[test]
    fn secret_strings_are_verbatim() {
        for &input in INPUTS {
            let secret = SecretString::parse_env(input).expect("never fails");
            assert_eq!(secret.expose_secret(), input);
        }
    }

    #[test]
    fn nouns() {
        let nouns = [
            <String as EnvValue>::noun(),
            <PathBuf as EnvValue>::noun(),
            <SecretString as EnvValue>::noun(),
        ];
        let names: Vec<_> = nouns.iter().map(|n| (&*n.one, &*n.many)).collect();
        assert_eq!(
            names,
            [
                ("string", "strings"),
                ("path", "paths"),
                ("string", "strings")
            ]
        );
    }
}
