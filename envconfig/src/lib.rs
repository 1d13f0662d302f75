//! Typed 12-factor configuration: declare one struct, derive [`Config`], and
//! get typed loading from the environment, every problem reported at once,
//! secrets that never leak, and a reference of every variable.
//!
//! ```
//! use envconfig::Config;
//! use secrecy::{ExposeSecret, SecretString};
//! use std::time::Duration;
//!
//! /// Settings of the billing service.
//! #[derive(Config)]
//! #[config(prefix = "BILLING_")]
//! struct Settings {
//!     /// Port the HTTP server listens on.
//!     #[config(default = 8080)]
//!     port: u16,
//!     /// Postgres connection URL.
//!     database_url: SecretString,
//!     /// How long a request may take.
//!     #[config(default = "30s")]
//!     request_timeout: Duration,
//! }
//!
//! let settings = Settings::from_vars([
//!     ("BILLING_DATABASE_URL", "postgres://db/billing"),
//!     ("BILLING_REQUEST_TIMEOUT", "1m30s"),
//! ])?;
//! assert_eq!(settings.port, 8080);
//! assert_eq!(settings.database_url.expose_secret(), "postgres://db/billing");
//! assert_eq!(settings.request_timeout, Duration::from_secs(90));
//! # Ok::<(), envconfig::Error>(())
//! ```
//!
//! In `main`, [`load_or_exit`] also answers `--print-env-docs` and
//! `--check-env`, and exits with status 78 when the environment is wrong:
//!
//! ```no_run
//! # use envconfig::Config;
//! # #[derive(Config)]
//! # struct Settings {}
//! fn main() {
//!     let settings: Settings = envconfig::load_or_exit();
//!     // ...
//! }
//! ```
//!
#![doc = include_str!("../guide/attributes.md")]
//!
//! # Values
//!
//! | type | accepted |
//! | --- | --- |
//! | `bool` | `true/false`, `1/0`, `yes/no`, `on/off`, any case |
//! | `u8` ... `u128`, `i8` ... `i128`, `usize`, `isize` | decimal, optional sign; out of range names the range |
//! | `f32`, `f64` | Rust float syntax |
//! | [`Duration`](std::time::Duration) | Go's `time.ParseDuration`, never negative (`300ms`, `1.5h`, `2h45m`; units `ns us µs ms s m h`), plus `d` and spaces between parts; a bare number other than `0` asks for a unit. Or ISO 8601, as Java and .NET write it (`PT30S`, `PT1H30M`, `P2D`, `PT0.5S`), without years or months, whose length varies |
//! | [`ByteSize`] | bytes with `k M G T P E` (powers of 1000) or `Ki Mi Gi Ti Pi Ei` (powers of 1024), also written `KB`, `KiB`...; decimals allowed (`1.5Gi`) |
//! | `String`, `PathBuf` | verbatim (not trimmed) |
//! | `SecretString`, `SecretBox<T>` | secret; parsed as the inner type |
//! | `Vec<T>` | split on the separator; each item trimmed (strings too: `" a , b "` is `["a", "b"]`) and parsed as `T`; an empty item is a problem; `default = ""` is the empty list |
//! | `Option<T>` | absent or empty is `None` |
//! | a `#[derive(Choice)]` enum | one of its variants' names in kebab-case, any case, `-` or `_` ([choices](#choices)) |
//! | anything `FromStr` | `IpAddr`, `SocketAddr`, your own enums... |
//!
//! Surrounding whitespace is trimmed for every type but strings. A
//! variable set to the empty string counts as unset. A value that is not
//! valid UTF-8 is a problem of its variable, never a panic; no input
//! panics. A `parse_with` function or a `FromStr` that panics is a bug of
//! the program, and panics like one.
//!
//! # `NAME_FILE`
//!
//! For every variable `NAME`, `NAME_FILE=/path` reads the value from that
//! file, the way Docker and Kubernetes mount secrets: one trailing newline
//! is dropped, a file over 1 MiB or one that is not a regular file (after
//! symlinks: a FIFO, a device, a directory) is refused at once, and setting
//! both `NAME` and `NAME_FILE` is a problem. Every docs format says so, and
//! names each secret's `NAME_FILE` in its entry (`json`: `file_suffix`,
//! and each variable's `file_var`).
//!
//! With `#[config(secrets_dir = "/run/secrets")]` on the struct, a
//! variable that is unset and has no `NAME_FILE` is read from the file
//! named like it in that directory (`/run/secrets/APP_TOKEN`), when it
//! exists: Docker's secrets, or a Kubernetes Secret mounted as a
//! directory. The same bounds and rules apply as to `NAME_FILE`; the
//! file is the value's origin in every report, and the `k8s-files` docs
//! format mounts one Secret there instead of a `NAME_FILE` per variable.
//!
//! # Secrets
//!
//! A variable is secret when its field's type, as written, is
//! `SecretString` or `SecretBox<T>` (also inside `Option` or `Vec`), or
//! when the field has `#[config(secret)]`, whatever parses it. A variable
//! read by two fields is secret if either is, and so is a value that a
//! dotenv file copies from a secret with `${NAME}`. A secret's value never
//! appears in any output: `Display` and `Debug` of [`Error`] and
//! [`Problem`], a parser's message about it, the [`Docs`] (a secret default
//! shows as `<redacted>`), the check report, a warning. A type alias of
//! `SecretString` is secret too (its parser says so), except behind
//! `parse_with`, which needs `#[config(secret)]`. The path of a secret's
//! `NAME_FILE` that cannot be read is shown when it is absolute and its
//! directory exists, since the operator needs it to fix the mount; any
//! other shows as `<redacted>`, since it may be the secret, pasted into
//! `NAME_FILE` by mistake.
//!
//! Text from outside (values, names, paths, parser messages) is cut short
//! and escaped wherever it is printed, so that it cannot flood a log, forge
//! a line or colour a terminal.
//!
#![doc = include_str!("../guide/command-line.md")]
//!
//! # Warnings, and the operator's view
//!
//! What an operator should know although the configuration loads (an alias
//! in use or set in vain, a deprecated variable that is set, a dotenv line
//! that is ignored) is a warning: [`load_or_exit`] prints each to stderr as
//! `warning: ...` and starts, `--check-env` lists them, and
//! [`Config::load_from_env`] returns them with the configuration and its
//! [`EffectiveConfig`], for a start-up log line.
//!
//! # Start-up
//!
//! A debug build (`debug_assertions` on, as `cargo build` and `cargo run`
//! make it) reads the `.env` file of the working directory, if there is
//! one; its values never override the real environment. A release build
//! does not, so that a `.env` copied into an image (`COPY . .`) configures
//! nothing, and says so when it finds one:
//!
//! ```text
//! note: ./.env is not read: a release build reads a dotenv file only when the program names one
//! ```
//!
//! A dotenv file that the program names ([`Startup::dotenv`]) is read by
//! every build. Whenever a dotenv file supplies variables of the
//! configuration, stderr says which, by name only:
//!
//! ```text
//! note: 3 variables from ./.env: BILLING_DATABASE_URL, PAYMENT_TOKEN, BILLING_ALLOWED_HOSTS
//! ```
//!
//! A malformed line that sets a variable of the configuration is that
//! variable's problem; any other is a warning.
//!
//! In code, [`Startup`] points the dotenv file elsewhere or turns it off:
//! `Startup::new().dotenv("/etc/app/app.env").load_or_exit()` reads that
//! file, in every build, instead of `./.env`
//! ([`Startup::dotenv`]), and `Startup::new().without_dotenv().load_or_exit()`
//! reads none ([`Startup::without_dotenv`]).
//!
#![doc = include_str!("../guide/operators.md")]
#![doc = include_str!("../guide/security.md")]
//!
//! # Features
//!
//! - `clap`: `Args`, the flags above for an application's own clap parser.
//! - `serde`: `Serialize` for [`Docs`].
//! - `k8s`: `--check-env --manifest PATH [--container NAME]`, above. It
//!   adds no dependency: envconfig reads the manifest's YAML itself, as
//!   `kubectl` reads it. Without it, `--manifest` after `--check-env` is
//!   refused (64), never ignored.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// Lets this crate's own tests use the derive, whose code names `::envconfig`.
#[cfg(test)]
extern crate self as envconfig;

// Text is made with `format!` (and `push_str`), not `to_string()` on a
// value that is not a string, nor `write!` into a `String`: those compile
// a copy of the code that writes into a `String` into each unit that uses
// them, where `format!` calls the standard library's one function.

mod cli;
mod config;
mod deployment;
mod docs;
mod effective;
mod error;
mod field;
mod json;
mod load;
mod order;
mod outcome;
#[cfg(test)]
mod props;
mod provenance;
mod report;
mod rule;
mod secrecy;
mod shown;
mod source;
mod value;
mod warning;

#[doc(hidden)]
pub mod __private;

#[cfg(feature = "clap")]
#[cfg_attr(docsrs, doc(cfg(feature = "clap")))]
pub use crate::cli::Args;
pub use crate::cli::{ConfigFormat, ReportFormat, Startup, load_or_exit};
pub use crate::config::Config;
pub use crate::deployment::env_file::EnvFormat;
pub use crate::docs::{Docs, Format, GroupSwitch, UnknownFormat, VarDoc};
pub use crate::effective::{EffectiveConfig, EffectiveVar, Loaded};
pub use crate::error::{Error, Problem, ProblemKind, StartupError};
pub use crate::provenance::Provenance;
pub use crate::rule::Violation;
pub use crate::source::VarPair;
pub use crate::value::{ByteSize, Choice, ChoiceError, Kind, ParseByteSizeError, ValueKind};
pub use crate::warning::Warning;

/// Derives [`Config`](trait@Config) for a struct with named fields: one
/// variable per field, named and read as the [attributes](crate#attributes)
/// say.
pub use envconfig_derive::Config;

/// Derives [`Choice`](trait@Choice), [`FromStr`](std::str::FromStr) and
/// [`Display`](std::fmt::Display) for an enum of unit variants: a value
/// that is one of their names, as the [choices](crate#choices) section
/// says.
pub use envconfig_derive::Choice;

// The README's Rust blocks are compiled and run as doc tests, so its tour
// cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
