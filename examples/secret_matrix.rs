//! The binary of the secret sweep (`tests/secret_sweep.rs`): loads the
//! matrix of every value kind × every shape of a secret field, declared in
//! `tests/support/matrix.rs`, with `load_or_exit`, so that the sweep can
//! scan what a process prints: the load's errors, `--check-env` and
//! `--print-env-docs`.
//!
//! ```sh
//! cargo run --example secret_matrix -- --print-env-docs
//! ```

#[path = "../tests/support/matrix.rs"]
mod matrix;

fn main() {
    let _: matrix::Matrix = envconfig::load_or_exit();
    println!("started");
}
