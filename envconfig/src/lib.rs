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
//! # Attributes
//!
//! `#[config(...)]` on the struct and its fields:
//!
//! | on | attribute | meaning |
//! | --- | --- | --- |
//! | struct | `prefix = "APP_"` | prefix of every variable of the struct |
//! | struct | `crate = "path"` | where the `envconfig` crate is, when `Cargo.toml` does not say (a re-export); a dependency renamed there (`cfg = { package = "envconfig" }`) is found without it |
//! | field | `env = "NAME"` | the exact variable name (no prefix) |
//! | field | `default = "30s"` | parsed like an environment value; for envconfig's own types (`bool`, numbers, `Duration`, `ByteSize`, `Choice` enums, and lists and secrets of them), checked when the program compiles |
//! | field | `default = <expr>` | a Rust value of the field's type, checked by the compiler |
//! | field | `secret` | secret even though its type is not a `secrecy` type |
//! | field | `nested` | a struct that derives `Config`; its variables are `PREFIX_FIELD_...` |
//! | field | `nested, prefix = "X_"` | the same, with variables `PREFIX_X_...` |
//! | field | `separator = ";"` | separator of a `Vec<T>` (default `,`) |
//! | field | `parse_with = path::to::fn` | `fn(&str) -> Result<T, E>` with `E: Display` |
//! | field | `example = "..."` | example value for the docs |
//! | field | `alias = "OLD_NAME"` | an old, exact name, read when the variable is unset (its `OLD_NAME_FILE` too), with a warning to rename it; repeatable |
//! | field | `deprecated = "note"` | still read; when set, a warning carries the note |
//! | field | `range = A..=B` | also `A..`, `..=B`; each end a value of the field's type or a string parsed like the variable (`"1s"..="1h"`); a value out of range is a problem naming it, the docs show it, and a literal default out of it does not compile |
//! | field | `validate = path::to::fn` | `fn(&T) -> Result<(), E>` with `E: Display`, run on the parsed value; or a reference to what `T` borrows as (`&str` for a `String`, `&[U]` for a `Vec<U>`) |
//! | struct | `validate = path::to::fn` | `fn(&Self) -> Result<(), Violation>`: a rule across fields, run once every field has loaded; its problem names the variables of the fields it names |
//! | field | `value_name = "URL"` | what the docs and problems call the value instead of its type |
//! | field | `///` doc comment | the variable's description in the docs (a nested field's: its group's title); `#[doc = include_str!("...")]` and `#[doc = concat!(...)]` too |
//!
//! A variable's name is the prefix, then the field's name in
//! `SCREAMING_SNAKE_CASE`. A misused attribute (an unknown key, `default`
//! on an `Option`, `separator` on a field that is no list, two fields with
//! one variable) is a compile error pointing at it; every mistake of a
//! struct is reported by one build.
//!
//! ## Choices
//!
//! `#[derive(Choice)]` makes an enum of unit variants a value type. Each
//! variant is a word: its name in kebab-case, split where the case changes
//! (`TraceAll` is `trace-all`, `HTTPOnly` is `http-only`, `Ipv6Only` is
//! `ipv6-only`), matched ignoring ASCII case and with `-` and `_` alike.
//! On a variant, `#[choice(rename = "...")]` replaces the word and
//! `#[choice(alias = "...")]` (repeatable) adds another; on the enum,
//! `#[choice(crate = "path")]` is `#[config(crate)]`'s twin. The derive
//! also implements `FromStr` (its error a [`ChoiceError`]) and `Display`
//! (the word). The docs say `one of: error, warn, info`, and a value that
//! is none of them is a problem with a "did you mean" (left out when the
//! variable is secret: it would tell what the value nearly is).
//!
//! ```
//! use envconfig::{Choice, Config};
//!
//! #[derive(Choice, Debug, PartialEq)]
//! enum Level {
//!     Error,
//!     #[choice(alias = "warning")]
//!     Warn,
//!     Info,
//! }
//!
//! #[derive(Config, Debug)]
//! #[config(prefix = "APP_")]
//! struct Settings {
//!     #[config(default = Level::Info)]
//!     log_level: Level,
//! }
//!
//! let settings = Settings::from_vars([("APP_LOG_LEVEL", "WARNING")])?;
//! assert_eq!(settings.log_level, Level::Warn);
//! assert_eq!(settings.log_level.to_string(), "warn");
//!
//! let error = Settings::from_vars([("APP_LOG_LEVEL", "wran")]).unwrap_err();
//! assert_eq!(
//!     error.problems()[0].to_string(),
//!     "APP_LOG_LEVEL: invalid value \"wran\": not one of the choices \
//!      (did you mean warn?); expected one of: error, warn, info"
//! );
//! # Ok::<(), envconfig::Error>(())
//! ```
//!
//! A variant that carries data, two variants that one value would name,
//! an empty or generic enum, and `Choice` on a struct are compile errors
//! pointing at what is wrong.
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
//! # The command line
//!
//! [`load_or_exit`] (and [`Startup::load_or_exit`]) read the program's
//! arguments and claim only these; every other argument is the
//! application's, and nothing after `--` is looked at.
//!
//! | command line | does | exit status |
//! | --- | --- | --- |
//! | (none of these) | loads `./.env` if there is one (in a debug build: [start-up](#start-up)), then the configuration, and returns it; notes and warnings go to stderr | 78 if it does not load |
//! | `--print-env-docs[=FORMAT]` | prints the reference of every variable: `text` (the default), `markdown`, `dotenv`, `docker-env`, `json`, `k8s`, `k8s-files` ([`Format`]) | 0 |
//! | `--check-env` | prints how each variable of the environment (and `.env`) fares: `ok`, `default`, `missing`, `invalid` | 0 if it would load, else 78 |
//! | `--check-env --env-file PATH` | the same for a deployment's dotenv file, alone (below) | 0 if it would load, else 78 |
//! | `--check-env --manifest PATH [--container NAME]` | the same for a container of a Kubernetes manifest, `-` for stdin (feature `k8s`, below) | 0 if it would load, else 78; 64 if it has no pod template, or several containers and no `--container` |
//! | `--check-env --read-secret-files` | opens the files of the env file's `NAME_FILE` variables | |
//! | `--check-env --strict` | any warning or `unchecked` variable fails the check too | 78 |
//! | `--print-config[=text\|json]` | prints every variable's effective value and where it came from (environment, `.env:LINE`, `NAME_FILE` and its path, an alias, default, unset); secrets redacted, URL passwords as `***`; `json` is versioned, with a JSON Schema ([`ConfigFormat::Json`]) | 0 if it loads, else 78 |
//! | `--check-docs[=FORMAT] PATH` | compares a committed reference (`docs/CONFIG.md`, a `.env.example`) with what `--print-env-docs` prints now, and prints a unified diff when they differ; FORMAT comes from the extension when not given (below) | 0 if equal, 1 if not |
//! | `-h`, `--help` | prints the usage of these flags, unless the application claims them ([`Startup::without_help`]) | 0 |
//! | a bad use of the flags above, or a near miss of one (`--print-env-doc`, `--chek-env`) | prints what is wrong, with a "did you mean" for a near miss | 64 |
//! | output that cannot be written | | 74 |
//!
//! `FORMAT` follows `--print-env-docs` after `=` or as the next argument
//! (unless that starts with `-`), in any case; `md` and `env` are short for
//! `markdown` and `dotenv`. An unknown one exits 64 however it is written.
//! `--check-docs` takes it after `=` only; without it, the reference's name
//! says it: `.md` is `markdown`, `.env` and `.example` `dotenv`, `.json`
//! `json`, `.yaml` and `.yml` `k8s`, anything else `text` (a `text`
//! reference is equal at whatever width `COLUMNS` printed it); a `.env` or `.yaml` reference whose first line says
//! `docker-env` or `k8s-files` printed it is that format. Line breaks
//! written CRLF by a checkout do not count as a difference.
//!
//! The exit statuses are those of BSD's `sysexits.h`: 64 is `EX_USAGE`, 74
//! `EX_IOERR`, 78 `EX_CONFIG`. `--env-file`, `--env-format`,
//! `--read-secret-files`, `--strict`, `--report`, `--manifest` and
//! `--container` are envconfig's only after `--check-env`; all but
//! `--env-file` before a `--check-env` are a usage error (64), since the
//! check would run without them. With the `clap` feature, `Args` puts the same flags into
//! an application's own clap parser. What each prints, and how to use it in
//! a container, in Kubernetes and in CI, is in [the operator's
//! guide](#the-operators-guide).
//!
//! ## Checking a deployment's file in CI
//!
//! `myapp --check-env --env-file deploy/prod.env` checks the file as the
//! deployment will see it, on a machine that is not the deployment:
//! `${NAME}` in the file expands only from names the file sets above it,
//! never from the environment of the check (a value that would is
//! `unchecked`, with a warning, and neither checked nor printed), and a
//! `NAME_FILE` is not opened, since its path is the container's
//! (`external`, unless `--read-secret-files`). Every malformed line is
//! reported with its line number and what is wrong with it, never its
//! text, and every name that is no variable of the configuration is a
//! warning with a "did you mean".
//!
//! ## Checking a Kubernetes manifest in CI
//!
//! With the `k8s` feature, `helm template ./chart | myapp --check-env
//! --manifest - --container api` (or `kubectl kustomize overlays/prod |
//! ...`) checks the environment that container would get, before the
//! manifests reach a cluster. Every document of the stream is read; the
//! container is the one `--container` names (`NAME`, or `WORKLOAD/NAME`),
//! or the only one of the pod templates (Deployment, StatefulSet,
//! DaemonSet, ReplicaSet, Job, CronJob, Pod). Its environment is built as
//! the kubelet builds it: `envFrom` (with `prefix`), then `env` in order,
//! a later entry winning, `$(NAME)` expanded from the entries above as
//! Kubernetes does (`$$` escapes). A ConfigMap among the documents gives
//! its values, checked like any other and reported at their line; a
//! missing key is a problem unless the reference is `optional`. What only
//! the cluster knows is `unchecked`: a Secret (whose data is never read), a
//! `fieldRef` or `resourceFieldRef`, a ConfigMap that is not among the
//! documents, a `NAME_FILE` (one under a Secret's volume mount counts as
//! set). A required variable behind an `optional: true` reference, and a
//! secret written as a literal `value:` (never shown), are warnings; a
//! value Kubernetes would reject (`value: 8080`, unquoted `yes`) is a
//! problem. Statuses, warnings, "did you mean", `--strict` and exit statuses
//! are those of `--env-file`; the report's header names the document and
//! the container. Malformed YAML names its document and line; input is
//! bounded (16 MiB, a million nodes, aliases included).
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
//! variable's problem; any other is a warning. [`Startup`] also turns
//! reading a dotenv file off.
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
