//! The operator's view, through the public API: renamed and deprecated
//! variables, typo hints, and every variable's effective value with where it
//! came from (`Config::load_from_vars`).

use std::path::PathBuf;

use envconfig::{Config, Provenance, Warning};
use secrecy::{ExposeSecret, SecretString};

#[derive(Config, Debug)]
#[config(prefix = "APP_")]
#[allow(dead_code)] // the fields are loaded to be looked at through `effective()`
struct Settings {
    /// Port the HTTP server listens on.
    #[config(default = 8080, alias = "PORT", alias = "HTTP_PORT")]
    port: u16,
    /// Postgres connection URL.
    #[config(alias = "DATABASE_URL")]
    database_url: SecretString,
    /// Where events go.
    #[config(separator = ",")]
    brokers: Vec<String>,
    #[config(deprecated = "the cache is gone; remove it")]
    cache_size: Option<u32>,
    sentry_dsn: Option<String>,
}

const REQUIRED: [(&str, &str); 2] = [
    ("APP_DATABASE_URL", "postgres://db/app"),
    ("APP_BROKERS", "amqp://a"),
];

fn with(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    REQUIRED.iter().chain(extra).copied().collect()
}

#[test]
fn an_alias_is_read_when_the_variable_is_unset_with_a_warning() {
    let loaded = Settings::load_from_vars(with(&[("HTTP_PORT", "81")])).unwrap();
    assert_eq!(loaded.config().port, 81);
    assert_eq!(
        said(loaded.warnings()),
        ["HTTP_PORT is the old name of APP_PORT: it is read for now; rename it to APP_PORT"]
    );
    let port = &loaded.effective().vars()[0];
    assert_eq!(port.value.as_deref(), Some("81"));
    assert_eq!(
        port.provenance,
        Provenance::Alias {
            alias: "HTTP_PORT".into(),
            via: Box::new(Provenance::Environment)
        }
    );
}

#[test]
fn the_variable_wins_over_its_aliases_and_the_first_alias_over_the_next() {
    let loaded = Settings::load_from_vars(with(&[
        ("APP_PORT", "80"),
        ("PORT", "81"),
        ("HTTP_PORT", "82"),
    ]))
    .unwrap();
    assert_eq!(loaded.config().port, 80);
    assert_eq!(
        said(loaded.warnings()),
        [
            "PORT is ignored: APP_PORT is set",
            "HTTP_PORT is ignored: APP_PORT is set"
        ]
    );
    let loaded = Settings::load_from_vars(with(&[("PORT", "81"), ("HTTP_PORT", "82")])).unwrap();
    assert_eq!(loaded.config().port, 81);
    assert_eq!(
        said(loaded.warnings())[1],
        "HTTP_PORT is ignored: PORT is set"
    );
}

#[test]
fn an_alias_reads_its_file_too() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("db");
    std::fs::write(&path, "postgres://from-file\n").unwrap();
    let path = path.to_str().unwrap();
    let loaded =
        Settings::load_from_vars([("DATABASE_URL_FILE", path), ("APP_BROKERS", "amqp://a")])
            .unwrap();
    assert_eq!(
        loaded.config().database_url.expose_secret(),
        "postgres://from-file"
    );
    let url = &loaded.effective().vars()[1];
    assert_eq!(url.value.as_deref(), Some("<redacted>"));
    assert_eq!(
        url.provenance,
        Provenance::Alias {
            alias: "DATABASE_URL".into(),
            via: Box::new(Provenance::SecretFile {
                file_var: "DATABASE_URL_FILE".into(),
                path: PathBuf::from(path),
            })
        }
    );
}

#[test]
fn a_problem_through_an_alias_names_the_alias_and_hides_a_secret() {
    let error = Settings::from_vars([
        ("PORT", "http"),
        ("DATABASE_URL", "canary-secret\u{0}"),
        ("APP_BROKERS", "amqp://a"),
    ])
    .unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("APP_PORT (from alias PORT): invalid value \"http\""),
        "{text}"
    );
    assert!(!format!("{text}{error:?}").contains("canary"), "{text}");
}

#[test]
fn a_deprecated_variable_warns_only_when_set() {
    let loaded = Settings::load_from_vars(with(&[])).unwrap();
    assert!(loaded.warnings().is_empty(), "{:?}", loaded.warnings());
    let loaded = Settings::load_from_vars(with(&[("APP_CACHE_SIZE", "10")])).unwrap();
    assert_eq!(
        said(loaded.warnings()),
        ["APP_CACHE_SIZE is deprecated: the cache is gone; remove it"]
    );
}

#[test]
fn a_missing_variable_names_a_set_one_that_looks_like_a_typo_of_it() {
    let error = Settings::from_vars([
        ("APP_DATABSE_URL", "postgres://canary-typo"),
        ("APP_BROKRES", "x"),
        ("UNRELATED", "x"),
    ])
    .unwrap_err();
    let typos: Vec<(&str, Option<&str>)> = error
        .problems()
        .iter()
        .map(|problem| (problem.var(), problem.typo()))
        .collect();
    assert_eq!(
        typos,
        [
            ("APP_DATABASE_URL", Some("APP_DATABSE_URL")),
            ("APP_BROKERS", Some("APP_BROKRES"))
        ]
    );
    let text = error.to_string();
    assert!(
        text.contains(
            "APP_DATABASE_URL: required but not set (APP_DATABSE_URL is set; a typo?); \
             expected string"
        ),
        "{text}"
    );
    // The name only, never the value.
    assert!(!text.contains("canary"), "{text}");
    // A name of the configuration, an alias among them, is no typo.
    let error = Settings::from_vars([("PORT", "80"), ("APP_BROKERS", "x")]).unwrap_err();
    assert_eq!(error.problems()[0].typo(), None);
}

#[test]
fn a_typo_of_a_nested_variable_is_found_under_the_nested_prefix() {
    #[derive(Config, Debug)]
    #[allow(dead_code)]
    struct Pool {
        max_size: u32,
    }
    #[derive(Config, Debug)]
    #[config(prefix = "APP_")]
    #[allow(dead_code)]
    struct Service {
        #[config(nested, prefix = "DB_")]
        db: Pool,
        #[config(nested, prefix = "CACHE_")]
        cache: Pool,
    }
    let error =
        Service::from_vars([("APP_DB_MAX_SIZE", "10"), ("APP_CACHE_MAX_SZIE", "5")]).unwrap_err();
    let typos: Vec<(&str, Option<&str>)> = error
        .problems()
        .iter()
        .map(|problem| (problem.var(), problem.typo()))
        .collect();
    assert_eq!(typos, [("APP_CACHE_MAX_SIZE", Some("APP_CACHE_MAX_SZIE"))]);
}

#[test]
fn the_effective_configuration_for_a_log_line_and_a_table() {
    let loaded = Settings::load_from_vars([
        ("APP_DATABASE_URL", "postgres://user:canary-pass@db/app"),
        (
            "APP_BROKERS",
            "amqp://u:canary-one@mq1/v,amqp://u:canary-two@mq2/v",
        ),
        ("APP_SENTRY_DSN", "https://key:canary-dsn@sentry.example/1"),
    ])
    .unwrap();
    let effective = loaded.effective();
    assert_eq!(
        effective.to_string(),
        "APP_PORT=8080 (default), APP_DATABASE_URL=<redacted> (environment), \
         APP_BROKERS=\"amqp://u:***@mq1/v,amqp://u:***@mq2/v\" (environment), \
         APP_CACHE_SIZE=- (unset), \
         APP_SENTRY_DSN=\"https://key:***@sentry.example/1\" (environment)"
    );
    let table = format!("{effective:#}");
    assert_eq!(
        table.lines().next(),
        Some("NAME              VALUE                                    SOURCE")
    );
    assert!(
        table.contains("APP_PORT          8080                                     default\n"),
        "{table}"
    );
    assert!(!format!("{table}{effective}{effective:?}{}", effective.to_json()).contains("canary"));
    let json: serde_json::Value = serde_json::from_str(&effective.to_json()).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(
        json["variables"][0],
        serde_json::json!({
            "name": "APP_PORT", "value": "8080", "secret": false, "source": {"kind": "default"}
        })
    );
    assert_eq!(json["variables"][3]["value"], serde_json::Value::Null);
    assert_eq!(json["variables"][3]["source"]["kind"], "unset");
}

#[test]
fn the_docs_show_aliases_and_deprecations() {
    let docs = Settings::docs();
    let port = &docs.vars()[0];
    assert_eq!(port.aliases, ["PORT", "HTTP_PORT"]);
    assert_eq!(
        docs.vars()[3].deprecated.as_deref(),
        Some("the cache is gone; remove it")
    );
}

#[derive(Config)]
#[config(prefix = "APP_")]
#[allow(dead_code)]
struct AliasOfAnother {
    #[config(alias = "LEGACY_KEY")]
    key: SecretString,
    #[config(nested)]
    legacy: Legacy,
}

#[derive(Config)]
#[allow(dead_code)]
struct Legacy {
    #[config(env = "LEGACY_KEY", default = "")]
    legacy_key: String,
}

/// A variable that a secret field reads through its alias is secret,
/// though another field reads it under its own name.
#[test]
fn a_secret_read_through_an_alias_is_secret_for_every_field() {
    let loaded = AliasOfAnother::load_from_vars([("LEGACY_KEY", "canary-s3cret")])
        .unwrap_or_else(|error| panic!("{error}"));
    let effective = loaded.effective();
    let shown = format!("{effective} {effective:#} {}", effective.to_json());
    assert!(!shown.contains("canary"), "{shown}");
}

#[derive(Config)]
#[config(prefix = "APP_")]
#[allow(dead_code)]
struct UrlNotSecret {
    /// A URL that is not secret, but may hold a password.
    database_url: String,
    #[config(default = "x")]
    note: String,
}

/// libpq reads `postgres://app:p#ss@db/app` as user `app`, password `p#ss`
/// (it ends the userinfo at `@` or `/` only); so do many drivers for `?`.
/// The operator's view must not print that password.
#[test]
fn a_password_with_hash_or_question_mark_in_a_url_is_masked() {
    for url in [
        "postgres://app:p#ss@db/app",
        "postgres://app:p?ss@db/app",
        "redis://:canary#1?x@cache:6379",
    ] {
        let loaded = UrlNotSecret::load_from_vars([("APP_DATABASE_URL", url)]).unwrap();
        let line = loaded.effective().to_string();
        let table = format!("{:#}", loaded.effective());
        let json = loaded.effective().to_json();
        for shown in [&line, &table, &json] {
            assert!(
                !shown.contains("ss@") && !shown.contains("canary"),
                "{url}: {shown}"
            );
        }
    }
}

/// `Debug` is bounded like `Display` (DESIGN, Secrets): a 100 kB value in
/// the environment must not become a 100 kB `{:?}` of the start-up view.
#[test]
fn debug_of_the_effective_config_is_bounded() {
    let long = "v".repeat(100_000);
    let loaded = UrlNotSecret::load_from_vars([("APP_DATABASE_URL", long.as_str())]).unwrap();
    let display = loaded.effective().to_string();
    assert!(display.len() < 1_000, "Display: {} bytes", display.len());
    let debug = format!("{:?}", loaded.effective());
    assert!(
        debug.len() < 4_000,
        "Debug of EffectiveConfig: {} bytes",
        debug.len()
    );
}

/// A file that a secret's `NAME_FILE` names holds the secret, whatever
/// other variable reads it too (an operator's slip: `APP_PORT_FILE` set to
/// the token's file): shown under the other name, it would be shown all
/// the same.
#[test]
fn a_secret_file_read_by_another_variable_is_secret_there_too() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("db"), "canary-url\n").unwrap();
    let path = dir.path().join("db");
    let path = path.to_str().unwrap();
    // The same file, written another way.
    let same = dir.path().join(".").join("db");
    let same = same.to_str().unwrap();

    let loaded = Settings::load_from_vars([
        ("APP_DATABASE_URL_FILE", path),
        ("APP_SENTRY_DSN_FILE", same),
        ("APP_BROKERS", "amqp://a"),
    ])
    .unwrap();
    let dsn = &loaded.effective().vars()[4];
    assert_eq!(dsn.name, "APP_SENTRY_DSN");
    assert_eq!(dsn.value.as_deref(), Some("<redacted>"));
    let shown = format!("{}{:?}", loaded.effective().to_json(), loaded.effective());
    assert!(!shown.contains("canary"), "{shown}");

    let error = Settings::from_vars([
        ("APP_DATABASE_URL_FILE", path),
        ("APP_PORT_FILE", same),
        ("APP_BROKERS", "amqp://a"),
    ])
    .unwrap_err();
    let text = format!("{error}{error:?}");
    assert!(!text.contains("canary"), "{text}");
    assert!(
        text.contains("APP_PORT (from APP_PORT_FILE): invalid value <redacted>"),
        "{text}"
    );
}

/// The warnings as an operator reads them.
fn said(warnings: &[Warning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}
