//! A service with a command line of its own, and the cases that the
//! billing service does not have (the end-to-end tests run it): it names
//! its dotenv file in code, which every build then reads, keeps `-h` and
//! `--help` for its own parser, reads one variable through two fields, has
//! a prefix longer than a Kubernetes name may be, checks a secret with a
//! `validate` function, and has a group that is on when any of its
//! variables is set.
//!
//! ```sh
//! cargo run --example ledger -- --help                  # its own help
//! cargo run --example ledger -- --print-env-docs        # envconfig's flags still work
//! ```

use std::path::PathBuf;

use envconfig::{Config, Startup};
use secrecy::{ExposeSecret, SecretString};

/// Settings of the ledger reconciliation worker.
///
/// The prefix is long on purpose: the Secret and volume names derived from
/// it must still be valid Kubernetes names.
#[derive(Config)]
#[config(prefix = "LEDGER_RECONCILIATION_WORKER_FOR_THE_EUROPEAN_PAYMENTS_PLATFORM_")]
struct Settings {
    /// Port of the database, as the health check dials it.
    #[config(default = 5432)]
    db_port: u16,
    /// The database.
    #[config(nested)]
    db: Database,
    /// Key that signs the exported ledgers: 32 characters at least.
    #[config(validate = long_enough)]
    signing_key: SecretString,
    /// Client certificate presented to the payments platform (mutual TLS).
    #[config(nested)]
    tls: Option<Tls>,
}

/// Mutual TLS: `..._TLS_*`, on when any of them is set, and then both are
/// required.
#[derive(Config)]
struct Tls {
    /// Path of the client certificate, PEM.
    cert: PathBuf,
    /// Path of its private key, PEM.
    key: PathBuf,
}

/// The database: `..._DB_*`. Its port is the variable `db_port` reads too.
#[derive(Config)]
struct Database {
    /// Port the database listens on.
    #[config(default = 5432)]
    port: u16,
    /// Host of the database.
    #[config(default = "localhost")]
    host: String,
}

fn long_enough(key: &SecretString) -> Result<(), String> {
    let key = key.expose_secret();
    match key.len() >= 32 {
        true => Ok(()),
        // Quotes the key, as validators' messages often quote what they
        // reject: envconfig withholds it, since the field is secret.
        false => Err(format!("{key:?} is shorter than 32 characters")),
    }
}

/// The application's own help: `-h` is the database host here, as in
/// `psql`, so envconfig must not take it for a request for help.
const HELP: &str = "usage: ledger [-h HOST] [--dry-run]\n\
    Reconciles the day's ledger. Its environment: ledger --print-env-docs\n";

/// The application's own command line; it leaves every other argument to
/// envconfig.
struct Cli {
    host: Option<String>,
    dry_run: bool,
}

impl Cli {
    fn parse() -> Cli {
        let mut cli = Cli {
            host: None,
            dry_run: false,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--help" => {
                    print!("{HELP}");
                    std::process::exit(0);
                }
                "-h" => cli.host = args.next(),
                "--dry-run" => cli.dry_run = true,
                _ => {}
            }
        }
        cli
    }
}

fn main() {
    let cli = Cli::parse();
    // The dotenv file is named in code, so release builds read it too; `-h`
    // and `--help` are the application's.
    let settings: Settings = Startup::new()
        .dotenv("ledger.env")
        .without_help()
        .load_or_exit();

    let host = cli.host.unwrap_or(settings.db.host);
    let tls = match &settings.tls {
        Some(tls) => format!(", client certificate {}", tls.cert.display()),
        None => String::new(),
    };
    println!(
        "ledger: database {host}:{} (health check on port {}){tls}{}",
        settings.db.port,
        settings.db_port,
        if cli.dry_run { ", dry run" } else { "" }
    );
    let _key_path = settings.tls.map(|tls| tls.key);
    let _key = settings.signing_key;
}
