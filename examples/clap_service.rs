//! A service with its own command line, parsed by clap, into which
//! envconfig's flags are flattened: `--help` lists them with the
//! application's own.
//!
//! ```sh
//! cargo run --features clap --example clap_service -- --help
//! cargo run --features clap --example clap_service -- --print-env-docs=markdown
//! REPORTS_DATABASE_URL=postgres://db/reports \
//!   cargo run --features clap --example clap_service -- --workers 8 --dry-run
//! ```

use std::time::Duration;

use clap::Parser;
use envconfig::Config;
use secrecy::SecretString;

/// Settings of the reports service.
#[derive(Config)]
#[config(prefix = "REPORTS_")]
struct Settings {
    /// Postgres connection URL.
    #[config(example = "postgres://reports@db:5432/reports")]
    database_url: SecretString,
    /// How often the reports are rebuilt.
    #[config(default = "15m")]
    interval: Duration,
    /// Directory the reports are written to.
    #[config(default = "/var/lib/reports")]
    output_dir: std::path::PathBuf,
}

/// Builds the nightly reports.
#[derive(Parser)]
#[command(name = "reports", version)]
struct Cli {
    /// Worker threads that build reports.
    #[arg(long, default_value_t = 4)]
    workers: usize,
    /// Build the reports but do not publish them.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    env: envconfig::Args,
}

fn main() {
    let cli = Cli::parse();
    // Prints the docs or the check report and exits when asked to;
    // otherwise loads the settings, or prints every problem and exits 78.
    let settings: Settings = cli.env.load_or_exit();

    println!(
        "reports: {} workers, every {:?}, into {}{}",
        cli.workers,
        settings.interval,
        settings.output_dir.display(),
        if cli.dry_run { " (dry run)" } else { "" },
    );
    // A real service would hand it to its database pool.
    let _database_url = settings.database_url;
}
