//! Load time of a 40-field configuration: envconfig's `from_vars` and
//! `from_env`, hand-written `std::env::var` + `parse` code, and the same
//! hand-written code with envconfig's `NAME_FILE` rule; and a failing load
//! with 5 problems against a successful one.
//!
//! Run with `cargo bench --bench load`; after divan's table, it prints the
//! ratios of envconfig's `from_env` to the two hand-written loaders. The
//! process environment the `from_env` benchmarks read is set up by
//! re-running this binary with the 40 variables added, so no code mutates
//! its own environment.

use std::hint::black_box;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

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
    // `cargo test --benches` runs each benchmark once, as a test.
    if !std::env::args().any(|arg| arg == "--test") {
        print_ratios();
    }
    ExitCode::SUCCESS
}

/// The two ratios of envconfig's `from_env` that benches/README.md quotes, from one
/// run: the three loads take turns, batch after batch, so that a busy
/// machine slows all three alike, and each ratio is of the medians.
fn print_ratios() {
    const ROUNDS: usize = 501;
    const BATCH: u32 = 20;
    let loads: [fn(); 3] = [
        || drop(black_box(hand_written_from_env())),
        || drop(black_box(hand_written_with_file_lookups_from_env())),
        || drop(black_box(envconfig_from_env())),
    ];
    let mut samples = [(); 3].map(|()| Vec::with_capacity(ROUNDS));
    for _ in 0..ROUNDS {
        for (load, samples) in loads.iter().zip(&mut samples) {
            let start = Instant::now();
            for _ in 0..BATCH {
                load();
            }
            samples.push(start.elapsed() / BATCH);
        }
    }
    let [plain, with_files, envconfig] = samples.map(|mut samples| {
        samples.sort_unstable();
        samples[ROUNDS / 2]
    });
    let ratio = |of: Duration, to: Duration| of.as_secs_f64() / to.as_secs_f64();
    println!(
        "\nmedians of {ROUNDS} interleaved batches: hand-written {plain:.1?}, \
         hand-written with NAME_FILE {with_files:.1?}, envconfig from_env {envconfig:.1?}\n\
         envconfig from_env: {:.2}x the hand-written loader, \
         {:.2}x hand-written code with the same NAME/NAME_FILE rule",
        ratio(envconfig, plain),
        ratio(envconfig, with_files),
    );
}

#[divan::bench]
fn hand_written_from_env() -> FortyByHand {
    FortyByHand::from_env().expect("the bench environment is valid")
}

/// The hand-written floor plus the rule envconfig applies to every variable:
/// its `NAME_FILE` may name a file that holds the value (absent here, as it
/// usually is), and setting both is an error. A `getenv` that finds nothing
/// scans the whole environment, so this is most of the distance between
/// envconfig and the plain floor.
#[divan::bench]
fn hand_written_with_file_lookups_from_env() -> FortyByHand {
    FortyByHand::from_env_with_files().expect("the bench environment is valid")
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
