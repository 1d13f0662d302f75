//! `--check-env --manifest`, end to end on generated manifests: reading
//! and checking never panics, and a secret's value never shows.

use std::path::Path;
use std::sync::Arc;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::tests::Billing;
use super::{Exit, check_every_form};
use crate::config::Config;
use crate::deployment::manifest::{ManifestError, from_text};

/// 500 cases per property, more when `PROPTEST_CASES` asks for more.
fn run<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    crate::props::run(file!(), 500, strategy, test);
}

/// What `--check-env --manifest deploy.yaml` prints for `text`.
fn checked<T: Config>(text: &str) -> String {
    let secret = T::docs().secrets();
    let secret: Vec<&str> = secret.names().collect();
    let path: Arc<Path> = Arc::from(Path::new("deploy.yaml"));
    match from_text(text, path, "deploy.yaml", None, &secret) {
        Ok((source, checked)) => {
            let Exit { stdout, stderr, .. } = check_every_form::<T>(&source, &checked);
            stdout + &stderr
        }
        Err(ManifestError::Usage(message) | ManifestError::Unreadable(message)) => message,
    }
}

const NAMES: &[&str] = &[
    "BILLING_PORT",
    "BILLING_DATABASE_URL",
    "SIGNING_KEY",
    "BILLING_SENTRY_DSN",
    "BILLING_REQUEST_TIMEOUT",
    "BILLING_DB_MAX_CONNECTIONS",
    "BILLING_PROT",
    "OTHER",
    "SIGNING_KEY_FILE",
    "BILLING_DATABASE_URL_FILE",
    "PORT",
];

/// The variables of [`Billing`] that are secret.
const SECRET: &[&str] = &["BILLING_DATABASE_URL", "SIGNING_KEY", "BILLING_SENTRY_DSN"];

/// Pieces of a value that is not secret: `QZ`, the secrets' marker, is in
/// none of them.
const VALUE_PIECES: &[&str] = &[
    "$(",
    ")",
    "$(SIGNING_KEY)",
    "$(BILLING_DATABASE_URL)",
    "$(BILLING_PORT)",
    "$(PORT)",
    "$$",
    "8080",
    "30s",
    "x",
    "é",
    " ",
    "\n",
    "postgres://u:p@h",
    "\u{202e}",
    "/run/secrets/k",
];

const KEYS: &[&str] = &[
    "port",
    "url",
    "key",
    "BILLING_PORT",
    "SIGNING_KEY",
    "missing",
];

/// The names a manifest sets, the secret ones, the pieces of plain
/// values, and the prefixes of `envFrom`, for one configuration.
#[derive(Clone, Copy)]
struct Names {
    all: &'static [&'static str],
    secret: &'static [&'static str],
    value_pieces: &'static [&'static str],
    prefixes: &'static [&'static str],
}

const BILLING: Names = Names {
    all: NAMES,
    secret: SECRET,
    value_pieces: VALUE_PIECES,
    prefixes: &["", "BILLING_", "SIGNING_"],
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
        "APP_TOKEN_FILE",
        "OLD_TOKEN_FILE",
        "OTHER",
    ],
    secret: &["APP_TOKEN", "OLD_TOKEN"],
    value_pieces: &[
        "$(",
        ")",
        "$(APP_TOKEN)",
        "$(OLD_TOKEN)",
        "$(APP_PORT)",
        "$(OLD_PORT)",
        "$(OTHER)",
        "$$",
        "80",
        "x",
        "/run/secrets/k",
    ],
    prefixes: &["", "APP_", "OLD_"],
};

fn value(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    vec(select(pieces), 0..5).prop_map(|pieces| pieces.concat())
}

/// One item of a container's `env`, unindented.
fn env_entry(names: Names) -> impl Strategy<Value = String> {
    let Names {
        all,
        secret: secret_names,
        value_pieces,
        ..
    } = names;
    let source = (
        0..9u8,
        value(value_pieces),
        select(&["cm", "absent"][..]),
        select(KEYS),
        any::<bool>(),
        any::<bool>(),
    );
    (select(all), source).prop_map(|(name, (kind, value, map, key, optional, secret_key))| {
        // Only a secret reads the ConfigMap's key `KEY`, whose value is
        // secret text.
        let key = if secret_key && secret_names.contains(&name) {
            "KEY"
        } else {
            key
        };
        let optional = if optional {
            "\n      optional: true"
        } else {
            ""
        };
        match kind {
            0..=2 => {
                // A secret's literal value carries the marker, and an anchor
                // that a later entry's value may alias.
                let (value, anchor) = match secret_names.contains(&name) {
                    true => (format!("QZ{value}"), "&tok "),
                    false => (value, ""),
                };
                let quoted = serde_json::to_string(&value).expect("a string");
                format!("- name: {name}\n  value: {anchor}{quoted}\n")
            }
            3 => format!(
                "- name: {name}\n  valueFrom:\n    configMapKeyRef:\n      name: {map}\n      \
                 key: {key}{optional}\n"
            ),
            4 => format!(
                "- name: {name}\n  valueFrom:\n    secretKeyRef:\n      name: s\n      \
                 key: {key}{optional}\n"
            ),
            5 => format!(
                "- name: {name}\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.name\n"
            ),
            6 => format!("- name: {name}\n  value: 8080\n"),
            7 => format!("- name: {name}\n  value: *tok\n"),
            _ => format!("- name: {name}\n"),
        }
    })
}

/// One item of a container's `envFrom`, unindented.
fn env_from(names: Names) -> impl Strategy<Value = String> {
    (
        select(&["configMapRef", "secretRef"][..]),
        select(&["cm", "absent", "s"][..]),
        select(names.prefixes),
    )
        .prop_map(|(kind, name, prefix)| {
            let prefix = if prefix.is_empty() {
                String::new()
            } else {
                format!("\n  prefix: {prefix}")
            };
            format!("- {kind}:\n    name: {name}{prefix}\n")
        })
}

fn indented(lines: &str, by: &str) -> String {
    lines.lines().map(|line| format!("{by}{line}\n")).collect()
}

/// A ConfigMap `cm` (or none) and a Deployment whose one container has
/// the generated `envFrom` and `env`.
fn manifest(names: Names) -> impl Strategy<Value = String> {
    let data = vec((select(KEYS), value(names.value_pieces)), 0..4);
    let env_from = vec(env_from(names), 0..3);
    (any::<bool>(), data, env_from, vec(env_entry(names), 0..8)).prop_map(
        |(config_map, data, env_from, env)| {
            let mut text = String::new();
            if config_map {
                text += "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  \
                         KEY: \"QZ in a ConfigMap\"\n";
                for (key, value) in data {
                    let quoted = serde_json::to_string(&value).expect("a string");
                    text += &format!("  {key}: {quoted}\n");
                }
                text += "---\n";
            }
            text += "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: billing\nspec:\n  \
                     selector:\n    matchLabels:\n      app: billing\n  template:\n    metadata:\n      labels:\n        app: billing\n    spec:\n      volumes:\n      - name: keys\n        secret:\n          \
                     secretName: s\n      containers:\n      - name: app\n        image: app:1\n        \
                     volumeMounts:\n        - name: keys\n          mountPath: /run/secrets\n";
            text += "        envFrom:\n";
            text += &indented(&env_from.concat(), "        ");
            text += "        env:\n";
            text += &indented(&env.concat(), "        ");
            text
        },
    )
}

/// Whatever the manifest sets and copies, no secret's value (the `QZ` of
/// each literal value of a secret, and of the ConfigMap's key that only
/// secrets read, `envFrom` aside) is ever printed.
#[test]
fn no_secret_shows_in_the_check_of_a_manifest() {
    run(manifest(BILLING), |text| {
        let shown = checked::<Billing>(&text);
        prop_assert!(!shown.contains("QZ"), "{}\n{}", text, shown);
        Ok(())
    });
}

/// The same, with a secret read through its alias.
#[test]
fn no_secret_read_through_an_alias_shows_in_the_check_of_a_manifest() {
    run(manifest(ALIASED), |text| {
        let shown = checked::<Aliased>(&text);
        prop_assert!(!shown.contains("QZ"), "{}\n{}", text, shown);
        Ok(())
    });
}

/// Pieces that break a manifest's YAML in every way.
const BREAKS: &[&str] = &[
    "",
    "\n",
    " ",
    "  ",
    "- ",
    ": ",
    "&a ",
    "*a",
    "<<: *a\n",
    "[",
    "]",
    "{",
    "}",
    "'",
    "\"",
    "!!str ",
    "!!int ",
    "---\n",
    "#",
    "~",
    "|\n",
    "$(",
    "é",
    "\t",
    "? ",
    ",",
    "value: x\n",
    "name: OTHER\n",
];

/// A generated manifest with bytes deleted and pieces inserted anywhere:
/// reading and checking it never panics.
#[test]
fn a_broken_manifest_never_panics() {
    let edits = vec(
        (any::<prop::sample::Index>(), 0..4usize, select(BREAKS)),
        1..6,
    );
    run((manifest(BILLING), edits), |(mut text, edits)| {
        for (at, delete, insert) in edits {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + delete).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, insert);
        }
        let _ = checked::<Billing>(&text);
        Ok(())
    });
}
