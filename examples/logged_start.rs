//! A service that reports its start through its own logging, one JSON
//! object per line, instead of letting `load_or_exit` print and exit:
//! `Startup::load` reads `./.env` under the environment as `load_or_exit`
//! does, and hands back the configuration with its warnings and effective
//! values, or what went wrong.
//!
//! ```sh
//! cargo run --example logged_start                          # one line per problem, exit status 78
//! REPORTS_DATABASE_URL=postgres://db/reports cargo run --example logged_start
//! ```

use std::process::ExitCode;

use envconfig::{Config, Startup, StartupError};
use secrecy::SecretString;
use serde_json::json;

/// Settings of a reporting service.
#[derive(Config)]
#[config(prefix = "REPORTS_")]
struct Settings {
    /// Postgres connection URL.
    database_url: SecretString,
    /// Port the HTTP server listens on.
    #[config(default = 8080, alias = "PORT")]
    port: u16,
    /// Reports kept, at most.
    #[config(default = 100, range = 1..=10_000)]
    keep: u32,
}

/// `EX_CONFIG`, as `load_or_exit` exits when the configuration does not
/// load.
const EX_CONFIG: u8 = 78;

fn log(level: &str, message: &str, fields: serde_json::Value) {
    println!(
        "{}",
        json!({"level": level, "message": message, "fields": fields})
    );
}

fn main() -> ExitCode {
    let loaded = match Startup::new().load::<Settings>() {
        Ok(loaded) => loaded,
        Err(StartupError::Config { error, warnings }) => {
            for warning in &warnings {
                log("warn", &warning.to_string(), json!({}));
            }
            for problem in error.problems() {
                log(
                    "error",
                    &problem.to_string(),
                    json!({"variable": problem.var()}),
                );
            }
            return ExitCode::from(EX_CONFIG);
        }
        Err(error) => {
            log("error", &error.to_string(), json!({}));
            return ExitCode::from(EX_CONFIG);
        }
    };
    for warning in loaded.warnings() {
        log("warn", &warning.to_string(), json!({}));
    }
    // The effective configuration as data: secrets redacted, a URL's
    // password masked.
    let effective: serde_json::Value =
        serde_json::from_str(&loaded.effective().to_json()).expect("envconfig writes JSON");
    log("info", "configuration loaded", effective);
    let settings = loaded.into_config();
    // A real service would open its database pool with the URL here.
    let _database_url = settings.database_url;
    log(
        "info",
        "listening",
        json!({"port": settings.port, "keep": settings.keep}),
    );
    ExitCode::SUCCESS
}
