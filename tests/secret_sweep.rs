//! The secret sweep: a distinct canary in every place a secret can come
//! from, and every output envconfig can produce, scanned for all of them.
//!
//! In process, a configuration with secrets in every position: valid,
//! invalid (by envconfig's parser and by the user's, whose error quotes its
//! input), a list with an invalid item, optional, a default and an invalid
//! default, a `NAME_FILE`'s content, set both directly and by file, a nested
//! struct. Through the built `service` example, what only a process shows:
//! `load_or_exit`'s stderr and stdout, the `--check-env` report
//! (environment, `.env`, `NAME_FILE`, `--env-file`; valid and invalid
//! secrets from each) and every `--print-env-docs` format.

mod support;

use std::fmt;
use std::str::FromStr;

use envconfig::{Config, Format};
use secrecy::{SecretBox, SecretString};
use support::{Env, VALID};
use tempfile::TempDir;

const FORMATS: [Format; 5] = [
    Format::Text,
    Format::Markdown,
    Format::Dotenv,
    Format::Json,
    Format::K8s,
];

/// Every canary of the in-process configuration, by position.
const VALID_SECRET: &str = "canary-valid-2f81";
const INVALID_SECRET: &str = "canary-invalid-7c3d";
const INVALID_BOXED: &str = "canary-invalid-boxed-5e02";
const QUOTED_BY_PARSER: &str = "canary-quoted-by-parser-91ab";
const SECRET_DEFAULT: &str = "canary-default-4b6e";
const FILE_CONTENT: &str = "canary-file-content-0d59";
const FILE_CONTENT_INVALID: &str = "canary-file-invalid-a7f3";
const NESTED_VALID: &str = "canary-nested-valid-63c0";
const NESTED_INVALID: &str = "canary-nested-invalid-e41d";
const OPTIONAL: &str = "canary-optional-5a27";
const LIST_ITEM: &str = "canary-list-item-38fe";
const INVALID_DEFAULT: &str = "canary-invalid-default-c1d0";
const BOTH_DIRECT: &str = "canary-both-direct-7e45";
const BOTH_FILE: &str = "canary-both-file-06b3";

/// A non-secret invalid value: it must appear, or the sweep proves nothing.
const NOT_SECRET: &str = "not-a-port-but-no-secret";

#[derive(Config)]
#[config(prefix = "SWEEP_")]
#[allow(dead_code)] // loaded to produce outputs, never read
struct Sweep {
    valid: SecretString,
    #[config(secret)]
    invalid: u16,
    invalid_boxed: SecretBox<u32>,
    /// A key with a secret default.
    #[config(secret, default = "canary-default-4b6e")]
    defaulted: String,
    from_file: SecretString,
    #[config(secret)]
    from_file_invalid: u64,
    #[config(secret)]
    quoted: Quoting,
    optional: Option<SecretString>,
    #[config(secret)]
    list: Vec<u32>,
    #[config(secret, default = "canary-invalid-default-c1d0")]
    invalid_default: u16,
    both: SecretString,
    #[config(nested)]
    inner: Inner,
    plain_port: u16,
}

#[derive(Config)]
#[allow(dead_code)] // loaded to produce outputs, never read
struct Inner {
    key: SecretString,
    #[config(secret, parse_with = parse_pin)]
    pin: u32,
}

/// A type whose parser error quotes its input, as many do.
#[allow(dead_code)] // loaded to produce outputs, never read
struct Quoting(String);

impl FromStr for Quoting {
    type Err = String;
    fn from_str(text: &str) -> Result<Quoting, String> {
        Err(format!("{text:?} is not accepted"))
    }
}

fn parse_pin(text: &str) -> Result<u32, String> {
    text.parse().map_err(|_| format!("{text} is not a PIN"))
}

/// One output and where it came from.
struct Output {
    source: String,
    text: String,
}

impl Output {
    fn new(source: impl fmt::Display, text: impl Into<String>) -> Output {
        Output {
            source: source.to_string(),
            text: text.into(),
        }
    }
}

/// Every output of the in-process configuration.
fn in_process_outputs(dir: &TempDir) -> Vec<Output> {
    let file = |name: &str, content: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("a secret file");
        path.to_str().expect("a UTF-8 path").to_owned()
    };
    let from_file = file("from-file", &format!("{FILE_CONTENT}\n"));
    let from_file_invalid = file("from-file-invalid", FILE_CONTENT_INVALID);
    let both_file = file("both", BOTH_FILE);
    let list = format!("1,2,{LIST_ITEM},4");
    let vars = [
        ("SWEEP_VALID", VALID_SECRET),
        ("SWEEP_INVALID", INVALID_SECRET),
        ("SWEEP_INVALID_BOXED", INVALID_BOXED),
        ("SWEEP_FROM_FILE_FILE", &from_file),
        ("SWEEP_FROM_FILE_INVALID_FILE", &from_file_invalid),
        ("SWEEP_QUOTED", QUOTED_BY_PARSER),
        ("SWEEP_OPTIONAL", OPTIONAL),
        ("SWEEP_LIST", &list),
        ("SWEEP_BOTH", BOTH_DIRECT),
        ("SWEEP_BOTH_FILE", &both_file),
        ("SWEEP_INNER_KEY", NESTED_VALID),
        ("SWEEP_INNER_PIN", NESTED_INVALID),
        ("SWEEP_PLAIN_PORT", NOT_SECRET),
    ];
    let Err(error) = Sweep::from_vars(vars) else {
        panic!("the sweep's configuration has invalid values");
    };
    let vars: Vec<&str> = error.problems().iter().map(|p| p.var()).collect();
    assert_eq!(
        vars,
        [
            "SWEEP_INVALID",
            "SWEEP_INVALID_BOXED",
            "SWEEP_FROM_FILE_INVALID",
            "SWEEP_QUOTED",
            "SWEEP_LIST",
            "SWEEP_INVALID_DEFAULT",
            "SWEEP_BOTH",
            "SWEEP_INNER_PIN",
            "SWEEP_PLAIN_PORT",
        ]
    );

    let mut outputs = vec![
        Output::new("Error Display", error.to_string()),
        Output::new("Error Debug", format!("{error:?}")),
        Output::new("Error Debug (alternate)", format!("{error:#?}")),
    ];
    for problem in error.problems() {
        let var = problem.var();
        outputs.push(Output::new(format!("{var} Display"), problem.to_string()));
        outputs.push(Output::new(format!("{var} Debug"), format!("{problem:?}")));
        let kind = problem.kind();
        outputs.push(Output::new(format!("{var} kind"), kind.to_string()));
        outputs.push(Output::new(
            format!("{var} kind Debug"),
            format!("{kind:?}"),
        ));
    }
    // An error as applications report it, through `std::error::Error`.
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    outputs.push(Output::new("Box<dyn Error>", boxed.to_string()));

    let docs = Sweep::docs();
    outputs.push(Output::new("Docs Debug", format!("{docs:?}")));
    outputs.push(Output::new("Docs Debug (alternate)", format!("{docs:#?}")));
    for var in docs.vars() {
        outputs.push(Output::new(
            format!("{} VarDoc", var.name),
            format!("{var:?}"),
        ));
    }
    for format in FORMATS {
        outputs.push(Output::new(format!("docs {format}"), docs.render(format)));
    }
    outputs
}

/// The service's canaries, by position.
const SERVICE_VALID: &str = "canary-service-valid-8d2a";
const SERVICE_INVALID: &str = "canary-service-invalid-c5b7";
const SERVICE_FILE: &str = "canary-service-file-13e9";
const SERVICE_DOTENV: &str = "canary-service-dotenv-f0c4";
const SERVICE_NESTED: &str = "canary-service-nested-4a1b";
const SERVICE_ENV_FILE: &str = "canary-service-env-file-b9d8";
const SERVICE_ENV_FILE_VALID: &str = "canary-service-env-file-valid-2c86";
const SERVICE_DOTENV_INVALID: &str = "canary-service-dotenv-invalid-97e0";
const SERVICE_FILE_INVALID: &str = "canary-service-file-invalid-4f1c";
/// The service's own secret default, from its source.
const SERVICE_DEFAULT: &str = "dev-only-webhook-key";

/// Every output of the built service, run as a container would run it.
fn service_outputs() -> Vec<Output> {
    let env = Env::new(VALID)
        .set("BILLING_DATABASE_URL", SERVICE_VALID)
        .set("BILLING_DB_PASSWORD", SERVICE_NESTED);
    let token = env.file("payment-token", &format!("{SERVICE_FILE}\n"));
    let env = env
        .unset("PAYMENT_TOKEN")
        .set("PAYMENT_TOKEN_FILE", token.to_str().expect("a UTF-8 path"));
    env.file(".env", &format!("BILLING_SENTRY_DSN={SERVICE_DOTENV}\n"));
    let env_file = env.file(
        "prod.env",
        &format!(
            "BILLING_DATABASE_URL={SERVICE_ENV_FILE}\n\
             BILLING_CARD_ENCRYPTION_KEY={SERVICE_ENV_FILE}\n\
             PAYMENT_TOKEN={SERVICE_ENV_FILE}\n\
             BILLING_DB_PASSWORD={SERVICE_ENV_FILE}\n\
             BILLING_SENTRY_DSN={SERVICE_ENV_FILE}\n"
        ),
    );
    let env_file = env_file.to_str().expect("a UTF-8 path");
    let broken = env.set("BILLING_CARD_ENCRYPTION_KEY", SERVICE_INVALID);
    let both_set = Env::new(VALID)
        .set("PAYMENT_TOKEN", SERVICE_VALID)
        .set("PAYMENT_TOKEN_FILE", "/nonexistent");
    let invalid_in_dotenv = Env::new(VALID);
    invalid_in_dotenv.file(
        ".env",
        &format!("BILLING_CARD_ENCRYPTION_KEY={SERVICE_DOTENV_INVALID}\n"),
    );
    let invalid_in_file = Env::new(VALID);
    let key_file = invalid_in_file.file("card-key", SERVICE_FILE_INVALID);
    let invalid_in_file = invalid_in_file.set(
        "BILLING_CARD_ENCRYPTION_KEY_FILE",
        key_file.to_str().expect("a UTF-8 path"),
    );
    let valid_env_file = invalid_in_file.file(
        "staging.env",
        &format!(
            "BILLING_DATABASE_URL={SERVICE_ENV_FILE_VALID}\n\
             PAYMENT_TOKEN={SERVICE_ENV_FILE_VALID}\n\
             BILLING_ALLOWED_HOSTS=a.example.com\n\
             BILLING_SENTRY_DSN={SERVICE_ENV_FILE_VALID}\n"
        ),
    );
    let valid_env_file = valid_env_file.to_str().expect("a UTF-8 path");

    let mut runs = vec![
        ("load, an invalid secret", broken.run(&[]), 78),
        (
            "--check-env, an invalid secret",
            broken.run(&["--check-env"]),
            78,
        ),
        (
            "--check-env --env-file",
            broken.run(&["--check-env", "--env-file", env_file]),
            78,
        ),
        ("load, NAME and NAME_FILE", both_set.run(&[]), 78),
        (
            "--check-env, NAME and NAME_FILE",
            both_set.run(&["--check-env"]),
            78,
        ),
        (
            "load, an invalid secret in .env",
            invalid_in_dotenv.run(&[]),
            78,
        ),
        (
            "--check-env, an invalid secret in .env",
            invalid_in_dotenv.run(&["--check-env"]),
            78,
        ),
        (
            "load, an invalid secret in NAME_FILE",
            invalid_in_file.run(&[]),
            78,
        ),
        (
            "--check-env, an invalid secret in NAME_FILE",
            invalid_in_file.run(&["--check-env"]),
            78,
        ),
        (
            "--check-env --env-file, valid secrets",
            invalid_in_file.run(&["--check-env", "--env-file", valid_env_file]),
            0,
        ),
    ];
    let working = broken.unset("BILLING_CARD_ENCRYPTION_KEY");
    runs.push(("load", working.run(&[]), 0));
    runs.push(("--check-env", working.run(&["--check-env"]), 0));
    let formats: Vec<String> = FORMATS
        .iter()
        .map(|format| format!("--print-env-docs={format}"))
        .collect();
    runs.push(("docs", working.run(&["--print-env-docs"]), 0));
    for flag in &formats {
        runs.push(("docs", working.run(&[flag]), 0));
    }

    // The runs did what they should, so that their outputs are worth a scan.
    let check = &runs[1].1;
    for line in [
        "ok PAYMENT_TOKEN PAYMENT_TOKEN_FILE <redacted>",
        "ok BILLING_SENTRY_DSN .env <redacted>",
        "ok BILLING_DB_PASSWORD environment <redacted>",
        "default BILLING_WEBHOOK_SIGNING_KEY default <redacted>",
    ] {
        let var = line.split(' ').nth(1).expect("a variable");
        assert_eq!(check.report_line(var), line);
    }
    for (what, run, _) in &runs {
        if what.starts_with("load, an invalid secret") {
            let from = if what.ends_with(".env") {
                " (from .env)"
            } else if what.ends_with("NAME_FILE") {
                " (from BILLING_CARD_ENCRYPTION_KEY_FILE)"
            } else {
                ""
            };
            assert!(
                run.stderr.contains(&format!(
                    "BILLING_CARD_ENCRYPTION_KEY{from}: invalid value <redacted>"
                )),
                "{what}: {run:?}"
            );
        }
    }

    let mut outputs = Vec::new();
    for (what, run, code) in runs {
        assert_eq!(run.code, code, "{what}: {run:?}");
        outputs.push(Output::new(format!("service {what}: stdout"), run.stdout));
        outputs.push(Output::new(format!("service {what}: stderr"), run.stderr));
    }
    outputs
}

#[test]
fn no_secret_reaches_any_output() {
    let dir = TempDir::new().expect("a temporary directory");
    let mut outputs = in_process_outputs(&dir);
    outputs.extend(service_outputs());
    let canaries = [
        VALID_SECRET,
        INVALID_SECRET,
        INVALID_BOXED,
        QUOTED_BY_PARSER,
        SECRET_DEFAULT,
        FILE_CONTENT,
        FILE_CONTENT_INVALID,
        NESTED_VALID,
        NESTED_INVALID,
        OPTIONAL,
        LIST_ITEM,
        INVALID_DEFAULT,
        BOTH_DIRECT,
        BOTH_FILE,
        SERVICE_VALID,
        SERVICE_INVALID,
        SERVICE_FILE,
        SERVICE_DOTENV,
        SERVICE_NESTED,
        SERVICE_ENV_FILE,
        SERVICE_ENV_FILE_VALID,
        SERVICE_DOTENV_INVALID,
        SERVICE_FILE_INVALID,
        SERVICE_DEFAULT,
    ];

    let mut leaks = Vec::new();
    for output in &outputs {
        for canary in canaries {
            // A fragment is a leak too: a value cut short, or re-escaped.
            let fragment = &canary[canary.len() - 10..];
            if output.text.contains(fragment) {
                leaks.push(format!("{canary} in {}:\n{}", output.source, output.text));
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n\n"));

    // Not vacuous: what is not secret is shown, and secrets are said to be
    // withheld.
    let all: String = outputs.iter().map(|output| output.text.as_str()).collect();
    assert!(
        all.contains(NOT_SECRET),
        "the non-secret invalid value is shown"
    );
    assert!(all.contains("<redacted>"));
    assert!(
        all.contains("details withheld"),
        "a parser's quoting error is withheld"
    );
    eprintln!(
        "{} canaries, {} outputs scanned",
        canaries.len(),
        outputs.len()
    );
}
