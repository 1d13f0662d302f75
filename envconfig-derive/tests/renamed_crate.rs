//! `#[config(crate = "...")]` and `#[choice(crate = "...")]`: the derives
//! reach the runtime through the path given, here the `envconfig` package
//! known as `typedenv`, as a re-export would name it. (That the expansions
//! name no `envconfig` then is the derive's unit tests
//! `a_renamed_crate_is_the_only_path_to_the_runtime` and
//! `the_runtime_is_reached_through_the_crate_path_only`: Cargo refuses one
//! package under two names, and the UI tests here need `envconfig`. A
//! dependency renamed in `Cargo.toml`, found without `crate`, is
//! `tests/standalone.rs`.)

extern crate envconfig as typedenv;

use typedenv::Config;

/// Settings of a service that knows envconfig by another name.
#[derive(Config, Debug)]
#[config(crate = "typedenv", prefix = "APP_")]
struct Settings {
    /// Port the HTTP server listens on.
    #[config(default = 8080)]
    port: u16,
    #[config(secret)]
    token: String,
    retries: Option<u8>,
    #[config(nested)]
    db: Db,
    #[config(default = "info")]
    log_level: Level,
}

#[derive(typedenv::Choice, Debug, PartialEq)]
#[choice(crate = "typedenv")]
enum Level {
    Error,
    Info,
}

#[derive(Config, Debug)]
#[config(crate = "::typedenv")]
struct Db {
    #[config(default = "10")]
    pool: u32,
}

#[test]
fn loads_through_the_renamed_crate() {
    let settings = Settings::from_vars([("APP_TOKEN", "t"), ("APP_RETRIES", "2")]).unwrap();
    assert_eq!(settings.port, 8080);
    assert_eq!(settings.token, "t");
    assert_eq!(settings.retries, Some(2));
    assert_eq!(settings.db.pool, 10);
    assert_eq!(settings.log_level, Level::Info);
    assert_eq!("ERROR".parse(), Ok(Level::Error));
    assert_eq!(Level::Error.to_string(), "error");

    let error = Settings::from_vars([("APP_PORT", "http")]).unwrap_err();
    let vars: Vec<&str> = error
        .problems()
        .iter()
        .map(|problem| problem.var())
        .collect();
    assert_eq!(vars, ["APP_PORT", "APP_TOKEN"]);
}

#[test]
fn documents_through_the_renamed_crate() {
    let docs = Settings::docs();
    // name, required, secret, description
    let rows: Vec<(&str, bool, bool, &str)> = docs
        .vars()
        .iter()
        .map(|var| (&*var.name, var.required, var.secret, &*var.description))
        .collect();
    assert_eq!(
        rows,
        [
            ("APP_PORT", false, false, "Port the HTTP server listens on."),
            ("APP_TOKEN", true, true, ""),
            ("APP_RETRIES", false, false, ""),
            ("APP_DB_POOL", false, false, ""),
            ("APP_LOG_LEVEL", false, false, ""),
        ]
    );
    assert_eq!(docs.vars()[0].default.as_deref(), Some("8080"));
}
