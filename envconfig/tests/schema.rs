//! The richer schema, through the public API: ranges, validation of a field
//! and of rules across fields, value names, and defaults written as Rust
//! expressions shown as environment values.

use std::time::Duration;

use envconfig::{ByteSize, Config, ProblemKind, Violation};
use secrecy::SecretString;

#[derive(Config, Debug)]
#[config(prefix = "S_", validate = pool_fits)]
#[allow(dead_code)] // loaded to look at its problems and docs
struct Settings {
    /// Port the HTTP server listens on.
    #[config(default = 8080, range = 1024..=49151)]
    port: u16,
    #[config(default = "30s", range = "1s"..="1h")]
    timeout: Duration,
    #[config(range = ..=100)]
    retries: Option<u8>,
    #[config(default = "1,2", range = 1.., validate = ascending)]
    weights: Vec<u32>,
    #[config(default = 0.5, range = 0.0..=1.0)]
    ratio: f64,
    #[config(default = ByteSize::new(8 * 1024 * 1024), range = ..=ByteSize::new(1 << 30))]
    body_limit: ByteSize,
    #[config(default = 1)]
    min_connections: u32,
    #[config(default = 10)]
    max_connections: u32,
    #[config(validate = https_only, value_name = "URL")]
    callback: String,
    #[config(validate = long_enough, default = "long-enough-key")]
    api_key: SecretString,
}

fn pool_fits(settings: &Settings) -> Result<(), Violation> {
    if settings.min_connections > settings.max_connections {
        return Err(Violation::new("the pool's minimum exceeds its maximum")
            .of(["min_connections", "max_connections"]));
    }
    Ok(())
}

// A validator takes what the field's type borrows as: `&str` for a
// `String`, `&[T]` for a `Vec<T>`, as clippy's `ptr_arg` asks.
fn https_only(url: &str) -> Result<(), String> {
    match url.starts_with("https://") {
        true => Ok(()),
        false => Err(format!("{url} is not https")),
    }
}

fn ascending(weights: &[u32]) -> Result<(), &'static str> {
    match weights.is_sorted() {
        true => Ok(()),
        false => Err("not in ascending order"),
    }
}

fn long_enough(key: &SecretString) -> Result<(), String> {
    use secrecy::ExposeSecret;
    match key.expose_secret().len() >= 8 {
        true => Ok(()),
        false => Err(format!("{} is too short", key.expose_secret())),
    }
}

const CALLBACK: (&str, &str) = ("S_CALLBACK", "https://example.com/hook");

fn problems(vars: &[(&str, &str)]) -> Vec<String> {
    let mut all = vec![CALLBACK];
    all.extend_from_slice(vars);
    match Settings::from_vars(all) {
        Ok(_) => Vec::new(),
        Err(error) => error.problems().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn values_out_of_range_are_problems_naming_the_range() {
    assert_eq!(problems(&[]), Vec::<String>::new());
    let table = [
        (
            ("S_PORT", "80"),
            "S_PORT: invalid value \"80\": out of range 1024..=49151; expected integer 1024..=49151",
        ),
        (
            ("S_TIMEOUT", "2h"),
            "S_TIMEOUT: invalid value \"2h\": out of range 1s..=1h; expected duration in 1s..=1h",
        ),
        (
            ("S_RETRIES", "101"),
            "S_RETRIES: invalid value \"101\": out of range ..=100; expected integer ..=100",
        ),
        (
            ("S_WEIGHTS", "3,0"),
            "S_WEIGHTS: invalid value \"3,0\": item 2: out of range 1..; \
             expected list of integers 1.. separated by ','",
        ),
        (
            ("S_WEIGHTS", "3,2"),
            "S_WEIGHTS: invalid value \"3,2\": not in ascending order; \
             expected list of integers 1.. separated by ','",
        ),
        (
            ("S_RATIO", "1.5"),
            "S_RATIO: invalid value \"1.5\": out of range 0.0..=1.0; expected number in 0.0..=1.0",
        ),
        (
            ("S_BODY_LIMIT", "2Gi"),
            "S_BODY_LIMIT: invalid value \"2Gi\": out of range ..=1Gi; \
             expected byte size in ..=1Gi",
        ),
    ];
    for ((name, value), problem) in table {
        assert_eq!(problems(&[(name, value)]), [problem], "{name}={value}");
    }
}

#[test]
fn a_field_validator_joins_the_problems_and_never_shows_a_secret() {
    let all = problems(&[("S_CALLBACK", "http://x"), ("S_API_KEY", "canary")]);
    assert_eq!(
        all,
        [
            "S_CALLBACK: invalid value \"http://x\": http://x is not https; expected URL",
            "S_API_KEY: invalid value <redacted>: rejected by its validate function \
             (details withheld: the variable is secret); expected string",
        ]
    );
}

#[test]
fn a_rule_across_fields_names_its_variables_and_runs_once_all_fields_load() {
    let error = Settings::from_vars([CALLBACK, ("S_MIN_CONNECTIONS", "20")]).unwrap_err();
    let problem = &error.problems()[0];
    assert_eq!(problem.var(), "S_MIN_CONNECTIONS");
    assert!(matches!(
        problem.kind(),
        ProblemKind::Rule { vars, .. } if vars == &["S_MIN_CONNECTIONS", "S_MAX_CONNECTIONS"]
    ));
    assert_eq!(
        problem.to_string(),
        "S_MIN_CONNECTIONS, S_MAX_CONNECTIONS: the pool's minimum exceeds its maximum"
    );
    // With a field that does not load, the rule is not asked.
    let all = problems(&[("S_MIN_CONNECTIONS", "20"), ("S_PORT", "1")]);
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(all[0].starts_with("S_PORT: "), "{all:?}");
}

#[derive(Config, Debug)]
#[config(prefix = "R_", validate = token_matches)]
#[allow(dead_code)]
struct WithSecret {
    #[config(secret)]
    token: String,
    user: String,
}

fn token_matches(value: &WithSecret) -> Result<(), Violation> {
    Err(
        Violation::new(format!("{} does not fit {}", value.token, value.user))
            .of(["user", "token"]),
    )
}

#[test]
fn a_rule_involving_a_secret_keeps_its_words_to_itself() {
    let error = WithSecret::from_vars([("R_TOKEN", "canary-token"), ("R_USER", "u")]).unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(!text.contains("canary"), "{text}");
    assert!(
        text.contains("R_USER, R_TOKEN: a rule across fields is broken"),
        "{text}"
    );
}

#[test]
fn the_docs_show_ranges_value_names_and_defaults_as_values() {
    let docs = Settings::docs();
    let shown: Vec<(&str, &str, Option<&str>)> = docs
        .vars()
        .iter()
        .map(|var| (&*var.name, &*var.value_type, var.default_value()))
        .collect();
    assert_eq!(
        shown,
        [
            ("S_PORT", "integer 1024..=49151", Some("8080")),
            ("S_TIMEOUT", "duration in 1s..=1h", Some("30s")),
            ("S_RETRIES", "integer ..=100", None),
            (
                "S_WEIGHTS",
                "list of integers 1.. separated by ','",
                Some("1,2")
            ),
            ("S_RATIO", "number in 0.0..=1.0", Some("0.5")),
            ("S_BODY_LIMIT", "byte size in ..=1Gi", Some("8Mi")),
            ("S_MIN_CONNECTIONS", "integer 0..=4294967295", Some("1")),
            ("S_MAX_CONNECTIONS", "integer 0..=4294967295", Some("10")),
            ("S_CALLBACK", "URL", None),
            ("S_API_KEY", "string", None),
        ]
    );
}

#[derive(Config, Debug)]
#[allow(dead_code)]
struct Pool {
    #[config(default = 2)]
    size: u16,
}

#[derive(Config, Debug)]
#[config(prefix = "N_", validate = pool_fits_workers)]
#[allow(dead_code)]
struct WithPool {
    #[config(default = 4)]
    workers: u16,
    #[config(nested)]
    pool: Pool,
}

fn pool_fits_workers(config: &WithPool) -> Result<(), Violation> {
    if config.pool.size < config.workers {
        return Err(Violation::new("the pool is smaller than the workers").of(["workers", "pool"]));
    }
    Ok(())
}

#[test]
fn a_rule_naming_a_nested_field_names_its_variables() {
    let error = WithPool::from_vars([("N_WORKERS", "8")]).unwrap_err();
    assert_eq!(
        error.problems()[0].to_string(),
        "N_WORKERS, N_POOL_SIZE: the pool is smaller than the workers"
    );
}

fn at_most_eight_chars(key: &SecretString) -> Result<(), String> {
    use secrecy::ExposeSecret as _;
    match key.expose_secret().len() {
        0..=8 => Ok(()),
        n => Err(format!("{n} characters is too long")),
    }
}

fn even(n: &u32) -> Result<(), String> {
    if n.is_multiple_of(2) {
        Ok(())
    } else {
        Err(format!("{n} is odd"))
    }
}

#[derive(Config, Debug)]
#[config(prefix = "D_")]
#[allow(dead_code)]
struct ExpressionDefaults {
    #[config(default = 2 * 300, range = 1..=500)]
    port: u16,
    #[config(default = Duration::from_secs(2 * 3600), range = "1s"..="1h")]
    timeout: Duration,
    #[config(default = vec![1, 2, 3], range = 1..=2)]
    weights: Vec<u32>,
    #[config(default = 3, validate = even)]
    pairs: u32,
    #[config(default = SecretString::from("canary-too-long"), validate = at_most_eight_chars)]
    key: SecretString,
}

/// A default written as a Rust expression is not checked by the compiler:
/// its range and `validate` are checked when it is used, and a default
/// that breaks them is the program's bug, reported as an invalid default.
#[test]
fn a_default_expression_keeps_the_range_and_validate_of_its_field() {
    let error = ExpressionDefaults::from_vars::<[(&str, &str); 0]>([]).unwrap_err();
    let problems: Vec<String> = error.problems().iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 5, "{error}");
    let expected = [
        ("D_PORT", "600", "out of range 1..=500"),
        ("D_TIMEOUT", "2h", "out of range 1s..=1h"),
        ("D_WEIGHTS", "1,2,3", "item 3: out of range 1..=2"),
        ("D_PAIRS", "3", ""),
    ];
    for (problem, (var, value, reason)) in problems.iter().zip(expected) {
        assert!(problem.starts_with(var), "{problem}");
        assert!(problem.contains(value), "{problem}");
        assert!(problem.contains(reason), "{problem}");
    }
    assert!(
        error.problems()[..4]
            .iter()
            .all(|problem| matches!(problem.kind(), ProblemKind::InvalidDefault { .. })),
        "{error}"
    );
    // The secret's default is neither shown nor quoted by its validator.
    let text = format!("{error} {error:?}");
    assert!(!text.contains("canary"), "{text}");
    // Set, the variables are checked as ever, and the defaults not used.
    let loaded = ExpressionDefaults::from_vars([
        ("D_PORT", "80"),
        ("D_TIMEOUT", "1s"),
        ("D_WEIGHTS", "1"),
        ("D_PAIRS", "2"),
        ("D_KEY", "short"),
    ]);
    assert!(loaded.is_ok(), "{loaded:?}");
}

#[derive(Config, Debug)]
#[allow(dead_code)]
struct Hosts {
    #[config(default = vec!["a,b".to_owned()])]
    hosts: Vec<String>,
    #[config(default = vec!["a".to_owned(), "b".to_owned()])]
    pair: Vec<String>,
}

/// A list default written in Rust is shown as an environment value only
/// when that value reads back as the same list: an item holding the
/// separator is shown as written.
#[test]
fn a_list_default_is_shown_as_a_value_only_if_it_reads_back() {
    let docs = Hosts::docs();
    let [hosts, pair] = docs.vars() else {
        panic!("two variables");
    };
    assert_eq!(hosts.default_value(), None, "{hosts:?}");
    assert_eq!(pair.default_value(), Some("a,b"), "{pair:?}");
}

/// Range ends written as Rust expressions, which an operator cannot read.
#[derive(Config, Debug)]
#[config(prefix = "E_")]
#[allow(dead_code)] // loaded to look at its problems and docs
struct Expressions {
    #[config(default = 8080, range = Self::LOWEST..=Self::HIGHEST)]
    port: u16,
    #[config(default = "30s", range = ..=Duration::from_secs(5 * 60))]
    timeout: Duration,
}

impl Expressions {
    const LOWEST: u16 = 1024;
    const HIGHEST: u16 = 49151;
}

/// An end written as an expression is shown as the value it makes, in the
/// problem and in the docs, as the `json` format's `min` and `max` are.
#[test]
fn an_expression_end_is_shown_as_its_value() {
    let error = Expressions::from_vars([("E_PORT", "80"), ("E_TIMEOUT", "1h")])
        .expect_err("both out of range");
    let problems: Vec<String> = error.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "E_PORT: invalid value \"80\": out of range 1024..=49151; expected integer \
             1024..=49151",
            "E_TIMEOUT: invalid value \"1h\": out of range ..=5m; expected duration in ..=5m",
        ]
    );
    let types: Vec<String> = Expressions::docs()
        .vars()
        .iter()
        .map(|var| var.value_type.clone())
        .collect();
    assert_eq!(types, ["integer 1024..=49151", "duration in ..=5m"]);
}
