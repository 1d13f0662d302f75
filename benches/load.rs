//! Load time of a 40-field configuration three ways: envconfig's `from_vars`,
//! envconfig's `from_env`, and hand-written `std::env::var` + `parse` code;
//! and a failing load with 5 problems against a successful one.
//!
//! Run with `cargo bench --bench load`. The process environment the
//! `from_env` benchmarks read is set up by re-running this binary with the 40
//! variables added, so no code mutates its own environment.

use std::process::{Command, ExitCode};

use envconfig::Config;

#[path = "cost/forty.rs"]
mod forty;
#[path = "cost/forty_by_hand.rs"]
mod forty_by_hand;

use forty::{Forty, VARS};
use forty_by_hand::FortyByHand;

const CHILD_MARKER: &str = "ENVCONFIG_BENCH_CHILD";

fn main() -> ExitCode {
    if std::env::var_os(CHILD_MARKER).is_none() {
        let status =
            Command::new(std::env::current_exe().expect("the bench binary knows its path"))
                .args(std::env::args_os().skip(1))
                .envs(VARS)
                .env(CHILD_MARKER, "1")
                .status()
                .expect("the bench binary can re-run itself");
        return if status.success() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    divan::main();
    ExitCode::SUCCESS
}

#[divan::bench]
fn hand_written_from_env() -> FortyByHand {
    FortyByHand::from_env().expect("the bench environment is valid")
}

/// The hand-written floor plus the one thing the contract adds to every
/// variable: looking for its `NAME_FILE` (absent here, as it usually is).
/// A `getenv` that finds nothing scans the whole environment, so this is
/// most of the distance between envconfig and the plain floor.
#[divan::bench]
fn hand_written_with_file_lookups_from_env() -> (FortyByHand, usize) {
    let files = VARS
        .iter()
        .filter(|(name, _)| std::env::var_os(format!("{name}_FILE")).is_some())
        .count();
    let config = FortyByHand::from_env().expect("the bench environment is valid");
    (config, files)
}

#[divan::bench]
fn envconfig_from_env() -> Forty {
    Forty::from_env().expect("the bench environment is valid")
}

#[divan::bench]
fn envconfig_from_vars() -> Forty {
    Forty::from_vars(VARS).expect("the bench variables are valid")
}

#[divan::bench]
fn envconfig_from_vars_5_problems() -> envconfig::Error {
    let mut vars = VARS;
    // Two integers, a boolean and two durations: strings accept anything.
    for index in [0, 5, 12, 18, 20] {
        vars[index].1 = "not valid";
    }
    Forty::from_vars(vars).expect_err("5 variables are invalid")
}
