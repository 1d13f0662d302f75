//! `--check-env --manifest`, end to end on generated manifests: reading
//! and checking never panics, and a secret's value never shows.

use std::path::Path;
use std::sync::Arc;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestRunner;

use super::tests::Billing;
use super::{Exit, check};
use crate::Config;
use crate::source::manifest::{ManifestError, from_text};

/// 500 cases per property, more when `PROPTEST_CASES` asks for more.
fn run<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .map_or(500, |cases: u32| cases.max(500));
    let config = ProptestConfig {
        source_file: Some(file!()),
        ..ProptestConfig::with_cases(cases)
    };
    if let Err(failure) = TestRunner::new(config).run(&strategy, test) {
        panic!("{failure}");
    }
}

/// What `--check-env --manifest deploy.yaml` prints for `text`.
fn checked(text: &str) -> String {
    let docs = Billing::docs();
    let secret: Vec<&str> = docs
        .vars()
        .iter()
        .filter(|var| var.secret)
        .flat_map(|var| std::iter::once(&var.name).chain(&var.aliases))
        .map(String::as_str)
        .collect();
    let path: Arc<Path> = Arc::from(Path::new("deploy.yaml"));
    match from_text(text, path, "deploy.yaml", None, &secret) {
        Ok((source, checked)) => {
            let Exit { stdout, stderr, .. } = check::<Billing>(&source, checked, true);
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

fn value() -> impl Strategy<Value = String> {
    vec(select(VALUE_PIECES), 0..5).prop_map(|pieces| pieces.concat())
}

/// One item of a container's `env`, unindented.
fn env_entry() -> impl Strategy<Value = String> {
    let source = (
        0..9u8,
        value(),
        select(&["cm", "absent"][..]),
        select(KEYS),
        any::<bool>(),
        any::<bool>(),
    );
    (select(NAMES), source).prop_map(|(name, (kind, value, map, key, optional, secret_key))| {
        // Only a secret reads the ConfigMap's key `KEY`, whose value is
        // secret text.
        let key = if secret_key && SECRET.contains(&name) {
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
                let (value, anchor) = match SECRET.contains(&name) {
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
fn env_from() -> impl Strategy<Value = String> {
    (
        select(&["configMapRef", "secretRef"][..]),
        select(&["cm", "absent", "s"][..]),
        select(&["", "BILLING_", "SIGNING_"][..]),
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
fn manifest() -> impl Strategy<Value = String> {
    let data = vec((select(KEYS), value()), 0..4);
    (any::<bool>(), data, vec(env_from(), 0..3), vec(env_entry(), 0..8)).prop_map(
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
                     template:\n    spec:\n      volumes:\n      - name: keys\n        secret:\n          \
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
    run(manifest(), |text| {
        let shown = checked(&text);
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
    run((manifest(), edits), |(mut text, edits)| {
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
        let _ = checked(&text);
        Ok(())
    });
}
