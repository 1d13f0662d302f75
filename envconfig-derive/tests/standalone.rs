//! What the UI tests cannot show, on a tiny crate of its own checked with
//! `cargo check`, as trybuild checks its cases: a crate that depends on
//! envconfig under another name in its `Cargo.toml` (trybuild's project has
//! this package's dependencies under their own names), and how many errors
//! the compiler counts (trybuild drops the "aborting due to" line).
//!
//! Cost: the crate and its target directory stay under `target/tmp`, so
//! envconfig and its dependencies are checked once (under a minute on two
//! cores); a run after that takes a few seconds.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// The crate's manifest: envconfig is known as `cfg`.
const MANIFEST: &str = r#"[package]
name = "renamed-envconfig"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
cfg = { package = "envconfig", path = "ENVCONFIG" }

[workspace]
"#;

/// The crate's directory, written once.
fn project() -> &'static Path {
    static PROJECT: OnceLock<PathBuf> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("renamed-envconfig");
        let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../envconfig");
        let manifest = MANIFEST.replace("ENVCONFIG", &runtime.display().to_string());
        std::fs::create_dir_all(dir.join("src/bin")).unwrap();
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        // The workspace's lock: the same versions, found offline.
        let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
        std::fs::copy(lock, dir.join("Cargo.lock")).unwrap();
        dir
    })
}

/// `cargo check` of `source` as a binary of the crate: whether it
/// compiled, and what the compiler said.
fn check(name: &str, source: &str) -> (bool, String) {
    // One check at a time: the tests share the crate.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _guard = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poison| poison.into_inner());
    let dir = project();
    std::fs::write(dir.join("src/bin").join(format!("{name}.rs")), source).unwrap();
    let output = Command::new(env!("CARGO"))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        // Incremental, as a user's debug build is: without it, rustc
        // counts a diagnostic it deduplicates once, not twice.
        .env_remove("CARGO_INCREMENTAL")
        .args([
            "check",
            "--offline",
            "--quiet",
            "--color=never",
            "--bin",
            name,
        ])
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), stderr)
}

#[test]
fn a_renamed_dependency_needs_no_crate_attribute() {
    let (compiled, stderr) = check(
        "renamed",
        r#"
use cfg::{Choice, Config};

#[derive(Config)]
#[config(prefix = "APP_")]
struct Settings {
    #[config(default = 8080)]
    port: u16,
    #[config(default = "info")]
    level: Level,
    #[config(nested)]
    db: Db,
}

#[derive(Config)]
struct Db {
    url: Option<String>,
}

#[derive(Choice)]
enum Level {
    Info,
    Debug,
}

fn main() {
    let settings = Settings::from_vars([("APP_LEVEL", "debug")]).unwrap();
    assert!(matches!(settings.level, Level::Debug));
    assert_eq!(settings.port, 8080);
    assert!(settings.db.url.is_none());
}
"#,
    );
    assert!(compiled, "{stderr}");
}

/// A nested field whose type does not derive `Config`, used to load, to
/// describe and by a rule across fields: one error, counted once.
#[test]
fn a_nested_type_that_is_no_config_is_one_error() {
    let (compiled, stderr) = check(
        "nested_not_config",
        r#"
use cfg::{Config, Violation};

struct Db {
    url: String,
}

fn agree(_: &Settings) -> Result<(), Violation> {
    Ok(())
}

#[derive(Config)]
#[config(crate = "cfg", validate = agree)]
struct Settings {
    #[config(nested)]
    db: Db,
}

fn main() {}
"#,
    );
    assert!(!compiled);
    let shown = stderr.matches("error[E").count();
    assert_eq!(shown, 1, "{stderr}");
    assert!(stderr.contains("due to 1 previous error"), "{stderr}");
}

/// A `range` on a `Choice` enum that has no order: one error, at the
/// range, with the note on what `range` is for. The bound was also asked
/// by the parser's impl, which added a "can't compare" that trybuild's
/// build deduplicates and a user's does not.
#[test]
fn a_range_of_a_type_without_order_is_one_error() {
    let (compiled, stderr) = check(
        "range_without_order",
        r#"
use cfg::{Choice, Config};

#[derive(Choice)]
enum Level {
    Error,
    Warn,
}

#[derive(Config)]
struct Settings {
    #[config(range = Level::Error..=Level::Warn)]
    level: Level,
}

fn main() {}
"#,
    );
    assert!(!compiled);
    let shown = stderr.matches("error[E").count();
    assert_eq!(shown, 1, "{stderr}");
    assert!(
        stderr.contains("`range` needs a type with an order"),
        "{stderr}"
    );
    assert!(stderr.contains("due to 1 previous error"), "{stderr}");
}
