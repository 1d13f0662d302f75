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
//! `--check-env`, and exits with status 78 when the environment is wrong.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Lets this crate's own tests use the derive, whose code names `::envconfig`.
#[cfg(test)]
extern crate self as envconfig;

mod check;
mod cli;
mod docs;
mod error;
mod field;
mod load;
mod shown;
mod source;
mod value;

#[doc(hidden)]
pub mod __private;

#[cfg(feature = "clap")]
pub use crate::cli::Args;
pub use crate::cli::{Startup, load_or_exit};
pub use crate::docs::{Docs, Format, UnknownFormat, VarDoc};
pub use crate::error::{Error, Problem, ProblemKind};
pub use crate::value::{ByteSize, ParseByteSizeError};

/// Derives [`Config`](trait@Config) for a struct with named fields.
pub use envconfig_derive::Config;

use crate::load::Loader;
use crate::source::{EnvScope, Source};

/// A configuration loaded from environment variables.
///
/// Derive it with `#[derive(Config)]`; the methods below are all a program
/// needs. The hidden items are implemented by the derive.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a configuration struct",
    label = "`{Self}` does not derive `envconfig::Config`",
    note = "the type of a `#[config(nested)]` field must derive `Config` too; to read it from one variable instead, remove `nested`"
)]
pub trait Config: Sized {
    /// Loads the configuration from the process environment.
    fn from_env() -> Result<Self, Error> {
        load(&Source::from_process_env(EnvScope::Fields))
    }

    /// Loads the configuration from the given `(name, value)` pairs only,
    /// never from the process environment: the way tests build configs.
    ///
    /// The pairs are anything iterable whose items are [`VarPair`]s: pairs
    /// of `&str` or `String`, owned or borrowed.
    ///
    /// ```
    /// use envconfig::Config;
    ///
    /// #[derive(Config)]
    /// struct Settings {
    ///     port: u16,
    /// }
    ///
    /// assert_eq!(Settings::from_vars([("PORT", "80")])?.port, 80);
    /// let vars = vec![("PORT".to_owned(), "8080".to_owned())];
    /// assert_eq!(Settings::from_vars(&vars)?.port, 8080);
    /// # Ok::<(), envconfig::Error>(())
    /// ```
    fn from_vars<I>(vars: I) -> Result<Self, Error>
    where
        I: IntoIterator,
        I::Item: VarPair,
    {
        load(&Source::from_pairs(vars))
    }

    /// The reference of every variable this configuration reads.
    fn docs() -> Docs {
        let mut docs = Docs::new(Self::__PREFIX);
        Self::__describe(&mut docs, Self::__PREFIX);
        docs.share_secrecy();
        docs
    }

    #[doc(hidden)]
    const __PREFIX: &'static str;

    #[doc(hidden)]
    fn __load(loader: &mut Loader<'_>, prefix: &str) -> Option<Self>;

    #[doc(hidden)]
    fn __describe(docs: &mut Docs, prefix: &str);
}

/// One `(name, value)` pair for [`Config::from_vars`]: a tuple of two
/// strings (`&str`, `String`, anything `AsRef<str>`), or a reference to one.
pub trait VarPair {
    /// The variable's name.
    fn name(&self) -> &str;
    /// Its value.
    fn value(&self) -> &str;
}

impl<K: AsRef<str>, V: AsRef<str>> VarPair for (K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &str {
        self.1.as_ref()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> VarPair for &(K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &str {
        self.1.as_ref()
    }
}

fn load<T: Config>(source: &Source) -> Result<T, Error> {
    let mut loader = Loader::new(source);
    let loaded = T::__load(&mut loader, T::__PREFIX);
    let (problems, _) = loader.finish();
    match loaded {
        Some(config) if problems.is_empty() => Ok(config),
        _ => Err(Error::new(problems)),
    }
}

// The README's Rust blocks are compiled and run as doc tests, so its tour
// cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
