//! The secret sweep's binary for the clap integration (feature `clap`,
//! `tests/secret_sweep.rs`): the matrix of `tests/support/matrix.rs`
//! loaded through `envconfig::Args` flattened into an application's own
//! clap parser, as `examples/clap_service.rs` does, so that the sweep can
//! scan what it prints: a start, `--check-env`, `--print-config` and
//! `--print-env-docs`.
//!
//! ```sh
//! cargo run --features clap --example secret_matrix_clap -- --print-env-docs
//! ```

use clap::Parser;

#[path = "../tests/support/matrix.rs"]
mod matrix;

/// The sweep's matrix behind a command line of its own.
#[derive(Parser)]
#[command(name = "secret-matrix")]
struct Cli {
    /// An application flag next to envconfig's.
    #[arg(long)]
    verbose: bool,
    #[command(flatten)]
    env: envconfig::Args,
}

fn main() {
    let cli = Cli::parse();
    let _: matrix::Matrix = cli.env.load_or_exit();
    println!("started{}", if cli.verbose { " (verbose)" } else { "" });
}
