//! `--check-env --env-file` and `--print-config` on generated dotenv
//! files: a secret's value never shows, whatever copies it.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use tempfile::TempDir;

use super::tests::Billing;
use super::{ConfigFormat, Exit, check_every_form, print_config};
use crate::config::Config;
use crate::deployment::env_file::{EnvFile, EnvFormat};
use crate::source::Source;

/// 300 cases, more when `PROPTEST_CASES` asks for more.
fn run<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    crate::props::run(file!(), 300, strategy, test);
}

const NAMES: &[&str] = &[
    "BILLING_PORT",
    "BILLING_DATABASE_URL",
    "SIGNING_KEY",
    "BILLING_SENTRY_DSN",
    "BILLING_REQUEST_TIMEOUT",
    "BILLING_DB_MAX_CONNECTIONS",
    "BILLING_PROT",
    "SIGNING_KY",
    "OTHER",
];

/// The variables of [`Billing`] that are secret.
const SECRET: &[&str] = &["BILLING_DATABASE_URL", "SIGNING_KEY", "BILLING_SENTRY_DSN"];

/// Pieces of a value that is not secret, each a whole token, so that no
/// such value opens a quote or hides a line break: the secrets' marker `QZ`
/// is in none, and only a secret's line holds it.
const PLAIN_PIECES: &[&str] = &[
    "x",
    "8080",
    "30s",
    "${SIGNING_KEY}",
    "${BILLING_DATABASE_URL}",
    "${BILLING_SENTRY_DSN}",
    "${BILLING_PORT}",
    "${OTHER}",
    "$SIGNING",
    "é",
    "$",
    "\\n",
    "\\$",
    "postgres://u:p@h",
];

/// Pieces of a secret's value: anything, malformed too.
const SECRET_PIECES: &[&str] = &[
    "QZ",
    "QZ",
    "x",
    " ",
    "'",
    "\"",
    "\\",
    "$",
    "${",
    "}",
    "${SIGNING_KEY}",
    "${BILLING_PORT}",
    "#",
    " #",
    "\n",
    "é",
    "\u{202e}",
];

/// The names, the secret ones, and the pieces of plain values of a
/// configuration.
#[derive(Clone, Copy)]
struct Names {
    all: &'static [&'static str],
    secret: &'static [&'static str],
    plain_pieces: &'static [&'static str],
}

const BILLING: Names = Names {
    all: NAMES,
    secret: SECRET,
    plain_pieces: PLAIN_PIECES,
};

/// A secret read through its alias, and a plain variable with an alias.
#[derive(crate::Config)]
#[config(prefix = "APP_")]
#[allow(dead_code)] // checked, not read
struct Aliased {
    #[config(secret, alias = "OLD_TOKEN")]
    token: String,
    #[config(alias = "OLD_PORT", default = 80)]
    port: u16,
    label: Option<String>,
}

const ALIASED: Names = Names {
    all: &[
        "APP_TOKEN",
        "OLD_TOKEN",
        "APP_PORT",
        "OLD_PORT",
        "APP_LABEL",
        "APP_TOKN",
        "OTHER",
    ],
    secret: &["APP_TOKEN", "OLD_TOKEN"],
    plain_pieces: &[
        "x",
        "8080",
        "${APP_TOKEN}",
        "${OLD_TOKEN}",
        "${APP_PORT}",
        "${OLD_PORT}",
        "${OTHER}",
        "$OLD",
        "$",
        "\\n",
    ],
};

fn line(names: Names) -> impl Strategy<Value = String> {
    let Names {
        all,
        secret: secret_names,
        plain_pieces,
    } = names;
    let plain = vec(select(plain_pieces), 0..4).prop_map(|pieces| pieces.concat());
    let secret =
        vec(select(SECRET_PIECES), 0..5).prop_map(|pieces| format!("QZ{}", pieces.concat()));
    (
        select(all),
        plain,
        secret,
        select(&["", "'", "\""][..]),
        select(&["", "export "][..]),
    )
        .prop_map(|(name, plain, secret, quote, export)| {
            if secret_names.contains(&name) {
                return format!("{export}{name}={quote}{secret}{quote}\n");
            }
            // No `$` or backslash in single quotes, where a backslash hides
            // the closing quote from the line split.
            let plain = match quote {
                "'" => plain.replace(['\\', '$'], ""),
                _ => plain,
            };
            format!("{export}{name}={quote}{plain}{quote}\n")
        })
}

/// Everything printed for the file `text`: `--check-env --env-file`,
/// and `--print-config` in both formats with the file under an empty
/// environment.
fn outputs<T: Config>(dir: &TempDir, text: &str) -> String {
    let path = dir.path().join(".env");
    std::fs::write(&path, text).expect("the file is written");
    let mut shown = String::new();
    let alone =
        EnvFile::read(&path, EnvFormat::Dotenv, false, &T::docs()).expect("the file is read");
    let Exit { stdout, stderr, .. } = check_every_form::<T>(&alone, "the file");
    shown += &(stdout + &stderr);
    let mut under = Source::empty();
    under.add_env_file(&path).expect("the file is read");
    let Exit { stdout, stderr, .. } = check_every_form::<T>(&under, "the file");
    shown += &(stdout + &stderr);
    for format in [ConfigFormat::Text, ConfigFormat::Json] {
        let Exit { stdout, stderr, .. } = print_config::<T>(&under, format);
        shown += &(stdout + &stderr);
    }
    shown
}

#[test]
fn no_secret_shows_for_a_dotenv_file() {
    let dir = TempDir::new().expect("a temporary directory");
    run(vec(line(BILLING), 0..8), |lines| {
        let text = lines.concat();
        let shown = outputs::<Billing>(&dir, &text);
        prop_assert!(!shown.contains("QZ"), "{}\n{}", text, shown);
        Ok(())
    });
}

/// The same, with a secret read through its alias.
#[test]
fn no_secret_read_through_an_alias_shows_for_a_dotenv_file() {
    let dir = TempDir::new().expect("a temporary directory");
    run(vec(line(ALIASED), 0..8), |lines| {
        let text = lines.concat();
        let shown = outputs::<Aliased>(&dir, &text);
        prop_assert!(!shown.contains("QZ"), "{}\n{}", text, shown);
        Ok(())
    });
}

/// Any text as a dotenv file: every output is made without panicking.
#[test]
fn any_dotenv_file_is_checked_without_panicking() {
    const PIECES: &[&str] = &[
        "BILLING_PORT",
        "SIGNING_KEY",
        "A",
        "_",
        "1",
        "=",
        " ",
        "\t",
        "'",
        "\"",
        "$",
        "${",
        "}",
        "\\",
        "#",
        "\n",
        "\r\n",
        "\r",
        "export ",
        "é",
        "\u{feff}",
        "\u{202e}",
        "\0",
        "_FILE",
    ];
    let dir = TempDir::new().expect("a temporary directory");
    let text = prop_oneof![
        any::<String>(),
        vec(select(PIECES), 0..40).prop_map(|pieces| pieces.concat()),
    ];
    run(text, |text| {
        let _ = outputs::<Billing>(&dir, &text);
        Ok(())
    });
}
