//! The binary of the agreement tests (`tests/check_agreement.rs`): a
//! configuration with one field of every way a value can be given (an
//! alias, a deprecation, a `secrets_dir`, a group on when any of its
//! variables is set, a group a switch turns on, a list, a duration, a size,
//! a validator, a variable two fields read), loaded with `load_or_exit`
//! and exiting at once, so that the tests can compare what `--check-env`
//! says of an environment with whether the program starts in it.
//!
//! ```sh
//! cargo run --example check_agreement -- --check-env
//! ```

#![allow(dead_code)] // loaded, never read

use std::path::PathBuf;
use std::time::Duration;

use envconfig::{ByteSize, Config};
use secrecy::{ExposeSecret, SecretString};

/// Settings that exercise every way of giving a value. The secrets
/// directory is `secrets` in the working directory of the process, through
/// the link Linux gives each process to its own: every run of the tests has
/// its own.
#[derive(Config)]
#[config(prefix = "AG_", secrets_dir = "/proc/self/cwd/secrets")]
struct Settings {
    #[config(default = 8080, alias = "OLD_PORT")]
    port: u16,
    token: SecretString,
    #[config(secret, alias = "LEGACY_KEY", validate = long_enough)]
    key: String,
    #[config(separator = ";")]
    ports: Vec<u16>,
    #[config(default = "30s")]
    timeout: Duration,
    limit: Option<ByteSize>,
    #[config(deprecated = "use AG_LEVEL")]
    verbose: Option<bool>,
    #[config(default = 5432)]
    db_port: u16,
    #[config(nested)]
    db: Database,
    #[config(nested)]
    tls: Option<Tls>,
    #[config(default = false)]
    cache_enabled: bool,
    #[config(nested, enabled_by = cache_enabled)]
    cache: Option<Cache>,
}

/// Read by `db_port` too: `AG_DB_PORT`.
#[derive(Config)]
struct Database {
    #[config(default = 5432, range = 1..=9999)]
    port: u16,
}

/// On when any of `AG_TLS_*` is set.
#[derive(Config)]
struct Tls {
    cert: PathBuf,
    key: SecretString,
}

/// On when `AG_CACHE_ENABLED` is true.
#[derive(Config)]
struct Cache {
    url: String,
    #[config(default = "1m")]
    ttl: Duration,
    password: Option<SecretString>,
}

fn long_enough(key: &String) -> Result<(), String> {
    match key.len() >= 8 {
        true => Ok(()),
        false => Err(format!("{key:?} is shorter than 8 characters")),
    }
}

fn main() {
    let settings: Settings = envconfig::load_or_exit();
    let _ = settings.token.expose_secret().len();
    println!("started");
}
