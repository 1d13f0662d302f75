//! The secret sweep's binary for `Startup::load` (`tests/secret_sweep.rs`):
//! loads the matrix of `tests/support/matrix.rs` as a service that logs its
//! own start does (`examples/logged_start.rs`), and prints every output of
//! the library it is handed, so that the sweep can scan them: on success,
//! `Loaded`'s `Debug`, its warnings, and the `EffectiveConfig` (`Display`,
//! `{:#}`, `Debug`, `{:#?}`, `to_json()`, serde) and each `EffectiveVar`'s
//! `Debug`; on failure, the `StartupError` (`Display`, `{:#}`, `Debug`,
//! `{:#?}`) and, for a configuration that does not load, its warnings, the
//! `Error` and each `Problem` and `ProblemKind`.
//!
//! ```sh
//! cargo run --example secret_matrix_startup
//! ```

use std::fmt;
use std::process::ExitCode;

use envconfig::{Startup, StartupError};

#[path = "../tests/support/matrix.rs"]
mod matrix;

/// `Loaded<T>: Debug` needs `T: Debug`: the matrix's own fields are the
/// program's to show, not the library's, so they are left out.
impl fmt::Debug for matrix::Matrix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Matrix { .. }")
    }
}

fn main() -> ExitCode {
    match Startup::new().load::<matrix::Matrix>() {
        Ok(loaded) => {
            println!("Loaded Debug: {loaded:?}");
            println!("Loaded Debug {{:#?}}: {loaded:#?}");
            for warning in loaded.warnings() {
                eprintln!("warning: {warning}");
            }
            let effective = loaded.effective();
            println!("EffectiveConfig Display: {effective}");
            println!("EffectiveConfig {{:#}}:\n{effective:#}");
            println!("EffectiveConfig Debug: {effective:?}");
            println!("EffectiveConfig Debug {{:#?}}: {effective:#?}");
            println!("EffectiveConfig::to_json: {}", effective.to_json());
            println!(
                "EffectiveConfig serde: {}",
                serde_json::to_string(effective).expect("serializable")
            );
            for var in effective.vars() {
                println!("EffectiveVar Debug: {var:?}");
                println!("EffectiveVar provenance: {}", var.provenance);
                println!(
                    "EffectiveVar serde: {}",
                    serde_json::to_string(var).expect("serializable")
                );
            }
            println!("started");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("StartupError Display: {error}");
            eprintln!("StartupError {{:#}}: {error:#}");
            eprintln!("StartupError Debug: {error:?}");
            eprintln!("StartupError Debug {{:#?}}: {error:#?}");
            if let StartupError::Config { error, warnings } = &error {
                for warning in warnings {
                    eprintln!("warning: {warning}");
                }
                eprintln!("Error {{:#}}: {error:#}");
                for problem in error.problems() {
                    eprintln!("Problem Display: {problem}");
                    eprintln!("Problem Debug: {problem:?}");
                    eprintln!("ProblemKind Display: {}", problem.kind());
                    eprintln!("ProblemKind Debug: {:?}", problem.kind());
                }
            }
            ExitCode::from(78)
        }
    }
}
