//! `#[derive(Choice)]` through the public API: how variants are spelled and
//! matched, `FromStr` and `Display`, and a `Choice` as the value of a
//! config field, in its problems and its docs.
#![allow(dead_code)]
// The generated code must not trip lints in the user's crate.
#![deny(unused_qualifications)]

use std::str::FromStr;

use envconfig::{Choice, ChoiceError, Config, Error, Format};

#[derive(Choice, Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Error,
    #[choice(alias = "warning")]
    Warn,
    Info,
}

/// Every rule of spelling in one enum.
#[derive(Choice, Debug, Clone, Copy, PartialEq, Eq)]
enum Spelled {
    TraceAll,
    HTTPOnly,
    Ipv6Only,
    Http2,
    X509Cert,
    Tls1_3,
    #[choice(rename = "legacy")]
    OldStyle,
    #[choice(alias = "pg", alias = "postgresql")]
    Postgres,
    #[choice(rename = "S3", alias = "aws_s3")]
    AmazonS3,
    r#Type,
}

#[test]
fn variants_are_spelled_in_kebab_case_unless_renamed() {
    assert_eq!(
        Spelled::CHOICES,
        [
            "trace-all",
            "http-only",
            "ipv6-only",
            "http2",
            "x509-cert",
            "tls1-3",
            "legacy",
            "postgres",
            "S3",
            "type",
        ]
    );
    assert_eq!(Level::CHOICES, ["error", "warn", "info"]);
}

#[test]
fn values_match_ignoring_case_and_dash_against_underscore() {
    use Spelled::*;
    let table = [
        ("trace-all", Ok(TraceAll)),
        ("TRACE_ALL", Ok(TraceAll)),
        ("Trace-All", Ok(TraceAll)),
        ("  trace_all\n", Ok(TraceAll)),
        ("traceall", Err(())),
        ("trace all", Err(())),
        ("TraceAll", Err(())),
        ("http-only", Ok(HTTPOnly)),
        ("HTTP_ONLY", Ok(HTTPOnly)),
        ("httponly", Err(())),
        ("ipv6-only", Ok(Ipv6Only)),
        ("http2", Ok(Http2)),
        ("http-2", Err(())),
        ("x509-cert", Ok(X509Cert)),
        ("tls1_3", Ok(Tls1_3)),
        ("TLS1-3", Ok(Tls1_3)),
        // `rename` replaces the spelling; `alias` adds one.
        ("legacy", Ok(OldStyle)),
        ("old-style", Err(())),
        ("postgres", Ok(Postgres)),
        ("PG", Ok(Postgres)),
        ("PostgreSQL", Ok(Postgres)),
        ("s3", Ok(AmazonS3)),
        ("AWS-S3", Ok(AmazonS3)),
        ("amazon-s3", Err(())),
        ("type", Ok(r#Type)),
        ("", Err(())),
        // ASCII case only: the Kelvin sign is not `k`, nor `ı` an `i`.
        ("\u{212a}", Err(())),
        ("\u{131}nfo", Err(())),
    ];
    for (value, expected) in table {
        let parsed = value.parse::<Spelled>().map_err(|_| ());
        assert_eq!(parsed, expected, "{value:?}");
    }
}

#[test]
fn display_writes_the_canonical_spelling_that_from_str_reads() {
    for choice in Spelled::CHOICES {
        let parsed = Spelled::from_str(choice).unwrap();
        assert_eq!(parsed.to_string(), *choice);
        assert_eq!(parsed.as_str(), *choice);
    }
    assert_eq!(Level::Warn.to_string(), "warn");
    assert_eq!("warning".parse::<Level>().unwrap().to_string(), "warn");
    // `Display` pads like `str`.
    assert_eq!(format!("[{:>6}]", Level::Info), "[  info]");
}

#[test]
fn a_value_that_is_no_choice_lists_them_and_the_one_meant() {
    let table = [
        (
            "wran",
            Some("warn"),
            "not one of: error, warn, info (did you mean warn?)",
        ),
        (
            "ERRO",
            Some("error"),
            "not one of: error, warn, info (did you mean error?)",
        ),
        (
            "warnig",
            Some("warning"),
            "not one of: error, warn, info (did you mean warning?)",
        ),
        ("debug", None, "not one of: error, warn, info"),
    ];
    for (value, meant, message) in table {
        let error: ChoiceError = value.parse::<Level>().unwrap_err();
        assert_eq!(error.did_you_mean(), meant, "{value}");
        assert_eq!(error.choices(), Level::CHOICES);
        assert_eq!(error.to_string(), message, "{value}");
    }
    // The message never quotes the value: the caller decides whether it
    // may be shown.
    let error = "secret-token".parse::<Level>().unwrap_err();
    assert!(!error.to_string().contains("secret-token"));
    let _: &dyn std::error::Error = &error;
}

// ---------------------------------------------------------------------------
// A `Choice` as a field's value

#[derive(Config, Debug)]
#[config(prefix = "APP_")]
struct Settings {
    /// How much to log.
    log_level: Level,
    #[config(default = "warn")]
    stderr_level: Level,
    #[config(default = Level::Info)]
    file_level: Level,
    audit_level: Option<Level>,
    #[config(default = "error, warn")]
    alert_levels: Vec<Level>,
}

fn load(pairs: &[(&str, &str)]) -> Result<Settings, Error> {
    Settings::from_vars(pairs.iter().copied())
}

#[test]
fn a_choice_field_is_read_by_envconfig() {
    let settings = load(&[("APP_LOG_LEVEL", "INFO")]).unwrap();
    assert_eq!(settings.log_level, Level::Info);
    assert_eq!(settings.stderr_level, Level::Warn);
    assert_eq!(settings.file_level, Level::Info);
    assert_eq!(settings.audit_level, None);
    assert_eq!(settings.alert_levels, [Level::Error, Level::Warn]);

    let settings = load(&[
        ("APP_LOG_LEVEL", " warning "),
        ("APP_STDERR_LEVEL", "error"),
        ("APP_FILE_LEVEL", "Warn"),
        ("APP_AUDIT_LEVEL", "info"),
        ("APP_ALERT_LEVELS", "info,WARNING , error"),
    ])
    .unwrap();
    assert_eq!(settings.log_level, Level::Warn);
    assert_eq!(settings.stderr_level, Level::Error);
    assert_eq!(settings.file_level, Level::Warn);
    assert_eq!(settings.audit_level, Some(Level::Info));
    assert_eq!(
        settings.alert_levels,
        [Level::Info, Level::Warn, Level::Error]
    );
}

#[test]
fn an_invalid_choice_is_a_problem_that_lists_the_choices() {
    let error = load(&[
        ("APP_LOG_LEVEL", "wran"),
        ("APP_AUDIT_LEVEL", "debug"),
        ("APP_ALERT_LEVELS", "error,inf"),
    ])
    .unwrap_err();
    let lines: Vec<String> = error.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        lines,
        [
            "APP_LOG_LEVEL: invalid value \"wran\": not one of the choices \
             (did you mean warn?); expected one of: error, warn, info",
            "APP_AUDIT_LEVEL: invalid value \"debug\": not one of the choices; \
             expected one of: error, warn, info",
            "APP_ALERT_LEVELS: invalid value \"error,inf\": item 2: not one of the choices \
             (did you mean info?); expected list of choices (error, warn, info) \
             separated by ','",
        ]
    );
    let missing = load(&[]).unwrap_err();
    assert_eq!(
        missing.problems()[0].to_string(),
        "APP_LOG_LEVEL: required but not set; expected one of: error, warn, info"
    );
}

#[derive(Config, Debug)]
#[config(prefix = "APP_")]
struct SecretChoice {
    #[config(secret)]
    region: Level,
}

#[test]
fn a_secret_choice_gets_no_did_you_mean() {
    // A suggestion would tell how near the value is to a choice.
    let error = SecretChoice::from_vars([("APP_REGION", "wran")]).unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("wran"), "{shown}");
    assert!(!shown.contains("did you mean"), "{shown}");
    assert!(
        shown.contains("expected one of: error, warn, info"),
        "{shown}"
    );
    // Without one, nothing of the value is in the reason.
    let error = SecretChoice::from_vars([("APP_REGION", "debug")]).unwrap_err();
    assert_eq!(
        error.problems()[0].to_string(),
        "APP_REGION: invalid value <redacted>: not one of the choices; \
         expected one of: error, warn, info"
    );
}

#[test]
fn the_docs_list_the_choices() {
    let docs = Settings::docs();
    let types: Vec<(&str, &str)> = docs
        .vars()
        .iter()
        .map(|var| (&*var.name, &*var.value_type))
        .collect();
    let one_of = "one of: error, warn, info";
    assert_eq!(
        types,
        [
            ("APP_LOG_LEVEL", one_of),
            ("APP_STDERR_LEVEL", one_of),
            ("APP_FILE_LEVEL", one_of),
            ("APP_AUDIT_LEVEL", one_of),
            (
                "APP_ALERT_LEVELS",
                "list of choices (error, warn, info) separated by ','"
            ),
        ]
    );
    // A string default is shown as written. (How an expression default,
    // `Level::Info`, is shown is the docs' business: `Display` gives `info`.)
    assert_eq!(docs.vars()[1].default.as_deref(), Some("warn"));
    assert_eq!(docs.vars()[4].default.as_deref(), Some("error, warn"));
    assert_eq!(Level::Info.to_string(), "info");
    // Every format renders from the same type text.
    for format in Format::ALL {
        let rendered = docs.render(*format);
        assert!(
            rendered.contains("one of: error, warn, info"),
            "{}: {rendered}",
            format.name()
        );
    }
}

/// A `Choice` is read by envconfig, not through `FromStr`: the same
/// spelling rules either way, and the docs say "one of" rather than the
/// type's name.
#[test]
fn choice_types_are_their_own_value_type() {
    fn is_choice<T: Choice>() {}
    is_choice::<Level>();
    assert_eq!(<Spelled as Choice>::CHOICES.len(), 10);
}

/// Constants and statics in scope named like the parameters of the
/// generated impls: they must not turn those into patterns.
mod items_named_like_parameters_in_scope {
    #![allow(non_upper_case_globals)]

    use envconfig::Choice;

    static value: u8 = 1;
    static f: u8 = 2;
    const index: usize = 3;
    static __value: u8 = 4;
    const __formatter: u8 = 5;
    const __index: usize = 6;

    #[derive(Choice, Debug, PartialEq)]
    enum Mode {
        Fast,
        Safe,
    }

    #[test]
    fn the_derive_reads_and_writes_its_words() {
        assert_eq!("SAFE".parse::<Mode>().unwrap(), Mode::Safe);
        assert_eq!(Mode::Fast.to_string(), "fast");
        assert_eq!(
            (value, f, index, __value, __formatter, __index),
            (1, 2, 3, 4, 5, 6)
        );
    }
}
