//! What the end-to-end tests share: the built examples, and a run of one
//! with nothing but the variables and files a test gives it.
//!
//! Each test crate uses a part of it.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use tempfile::TempDir;

#[cfg(feature = "k8s")]
pub mod k8s;

/// The variables the service needs to start.
pub const VALID: &[(&str, &str)] = &[
    ("BILLING_DATABASE_URL", "postgres://billing@db/billing"),
    ("PAYMENT_TOKEN", "tok_123"),
    ("BILLING_ALLOWED_HOSTS", "a.example.com,b.example.com"),
];

/// The `service` example, built once per test run.
pub fn service_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| example_binary("service", &[]))
}

/// The `k8s` docs with every commented-out entry's lines uncommented, as an
/// operator does to pin a default or switch a group on; comments stay.
pub fn uncommented_k8s(docs: &str) -> String {
    docs.lines()
        .map(|line| match line.strip_prefix("        # ") {
            Some(rest) if rest.starts_with("- ") || rest.starts_with("  ") => {
                format!("        {rest}\n")
            }
            _ => format!("{line}\n"),
        })
        .collect()
}

/// Every `--print-env-docs` format, as the command line names it.
pub const FORMATS: [&str; 7] = [
    "text",
    "markdown",
    "dotenv",
    "docker-env",
    "json",
    "k8s",
    "k8s-files",
];

/// Builds an example of the `examples/` package and gives its path.
///
/// `cargo test` builds the examples too, but `cargo test --test cli` does
/// not, and would run a stale binary: so the test builds it, with the same
/// cargo, profile, target directory and default features as itself, into
/// `target/<profile>/examples/`: `cargo test --no-default-features` tests
/// the examples without the `k8s` feature. `features` are the examples
/// package's (`clap`).
pub fn example_binary(name: &str, features: &[&str]) -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary has a path");
    let profile_dir = test_binary
        .parent()
        .and_then(Path::parent)
        .expect("the test binary is in target/<profile>/deps");
    let profile = match profile_dir.file_name().and_then(|name| name.to_str()) {
        Some("debug") | None => "dev",
        Some(profile) => profile,
    };
    build_example(name, features, profile)
}

/// Builds an example of the `examples/` package in the `release` profile,
/// as a container image ships it (no `debug_assertions`), whatever the
/// tests' own profile; its path.
pub fn release_example_binary(name: &str) -> PathBuf {
    build_example(name, &[], "release")
}

/// Builds an example with `features` in `profile`, in the tests' target
/// directory; its path.
fn build_example(name: &str, features: &[&str], profile: &str) -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary has a path");
    let target_dir = test_binary
        .parent()
        .and_then(Path::parent)
        .and_then(Path::parent)
        .expect("the test binary is in target/<profile>/deps");
    let profile_dir = target_dir.join(match profile {
        "dev" | "test" => "debug",
        profile => profile,
    });
    let mut cargo = Command::new(env!("CARGO"));
    cargo
        .args(["build", "--quiet", "--example", name, "--profile", profile])
        .arg("--manifest-path")
        .arg(examples_manifest())
        .arg("--target-dir")
        .arg(target_dir);
    if !features.is_empty() {
        cargo.arg("--features").arg(features.join(","));
    }
    if !cfg!(feature = "k8s") {
        cargo.arg("--no-default-features");
    }
    let output = cargo.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo build --example {name} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let binary = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.is_file(), "{} is not built", binary.display());
    binary
}

/// The manifest of the examples' package.
fn examples_manifest() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/Cargo.toml")
}

/// One run of the service.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Every line of the check report that names `var`, with its runs of
    /// spaces collapsed: `ok BILLING_PORT environment "8080"`.
    pub fn report_line(&self, var: &str) -> String {
        let lines: Vec<String> = self
            .stdout
            .lines()
            .filter(|line| !line.starts_with("warning: "))
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|line| line.split(' ').nth(1) == Some(var))
            .collect();
        assert_eq!(lines.len(), 1, "{var} in\n{}", self.stdout);
        lines[0].clone()
    }
}

/// A working directory and the process environment of a run.
pub struct Env {
    pub dir: TempDir,
    pub vars: Vec<(String, String)>,
}

impl Env {
    pub fn new(vars: &[(&str, &str)]) -> Env {
        Env {
            dir: TempDir::new().expect("a temporary directory"),
            vars: vars
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect(),
        }
    }

    pub fn set(mut self, name: &str, value: &str) -> Env {
        self.vars.retain(|(set, _)| set != name);
        self.vars.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn unset(mut self, name: &str) -> Env {
        self.vars.retain(|(set, _)| set != name);
        self
    }

    /// Writes a file in the working directory; its path.
    pub fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).expect("a file in the temporary directory");
        path
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_binary(service_binary(), args)
    }

    pub fn run_binary(&self, binary: &Path, args: &[&str]) -> Run {
        self.run_binary_with(binary, args, &[])
    }

    /// Runs the service with `input` on its stdin.
    pub fn run_stdin(&self, args: &[&str], input: &str) -> Run {
        let mut child = self
            .command(service_binary(), args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the service runs");
        let mut stdin = child.stdin.take().expect("a piped stdin");
        let input = input.to_owned();
        // Written from another thread: a service that stops reading early
        // must not leave the test blocked on a full pipe.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        let output = child.wait_with_output().expect("the service runs");
        let _ = writer.join();
        Run::from(output)
    }

    /// Runs the service with `extra` variables too, which need not be
    /// UTF-8.
    pub fn run_with(&self, args: &[&str], extra: &[(&OsStr, &OsStr)]) -> Run {
        self.run_binary_with(service_binary(), args, extra)
    }

    fn run_binary_with(&self, binary: &Path, args: &[&str], extra: &[(&OsStr, &OsStr)]) -> Run {
        let output = self
            .command(binary, args)
            .envs(extra.iter().copied())
            .output()
            .expect("the service runs");
        Run::from(output)
    }

    fn command(&self, binary: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(binary);
        command
            .args(args)
            .env_clear()
            .envs(self.vars.iter().map(|(name, value)| (name, value)))
            .current_dir(self.dir.path());
        command
    }
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output
                .status
                .code()
                .expect("the service exits rather than being killed"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        }
    }
}
