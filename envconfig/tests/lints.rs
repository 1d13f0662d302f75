//! The generated code trips none of the lints a careful crate turns on:
//! rustc's strict ones and clippy's pedantic and nursery groups (checked by
//! `cargo clippy --all-targets`), on a public struct of every attribute.
//!
//! Not here: clippy's `default_numeric_fallback` (restriction) flags
//! `default = 0.5` on an `f64` field (and `default = 3` on an `i32` one),
//! since the literal's type is inferred through the derive's generic code;
//! where that lint is denied, write `0.5_f64`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(unused_qualifications)]
#![deny(unreachable_pub)]
#![deny(rust_2018_idioms)]
#![deny(missing_debug_implementations)]
#![deny(unused_results)]
#![deny(trivial_casts, trivial_numeric_casts)]
#![deny(unused_extern_crates, unused_import_braces, unused_lifetimes)]
#![deny(single_use_lifetimes)]
#![deny(variant_size_differences)]
#![deny(elided_lifetimes_in_paths)]
#![deny(let_underscore_drop)]
#![deny(non_ascii_idents)]
#![deny(meta_variable_misuse)]
#![deny(redundant_lifetimes)]
#![deny(unit_bindings)]
#![deny(missing_copy_implementations)]
#![deny(unnameable_types)]
#![deny(deprecated_in_future)]
#![deny(warnings)]
// A lint the generated code allowed would be an error where it is
// forbidden; `non_snake_case` and `unused` (which holds `dead_code` and
// `unused_imports`) are ones a strict crate forbids.
#![forbid(non_snake_case)]
#![forbid(unused)]
// Else rustc only warns that the allow is "incompatible with previous forbid".
#![deny(forbidden_lint_groups)]
#![deny(clippy::pedantic)]
#![deny(clippy::nursery)]
// The restriction lints a strict crate picks, where generated code could
// trip them: the user's crate sees the derive's output as its own.
#![deny(
    clippy::absolute_paths,
    clippy::allow_attributes,
    clippy::allow_attributes_without_reason,
    clippy::as_conversions,
    clippy::clone_on_ref_ptr,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::let_underscore_must_use,
    clippy::missing_docs_in_private_items,
    clippy::panic,
    clippy::pattern_type_mismatch,
    clippy::redundant_type_annotations,
    clippy::same_name_method,
    clippy::shadow_unrelated,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core,
    clippy::str_to_string,
    clippy::unreachable,
    clippy::unwrap_used,
    clippy::used_underscore_binding,
    clippy::used_underscore_items,
    clippy::wildcard_enum_match_arm
)]

/// The configuration, public as a library's would be.
pub mod config {
    use core::num::ParseIntError;
    use core::time::Duration;

    use envconfig::{ByteSize, Choice, Config, Violation};
    use secrecy::{SecretBox, SecretString};

    /// How much to log.
    #[derive(Choice, Debug, PartialEq, Eq, Clone, Copy)]
    #[non_exhaustive]
    pub enum Level {
        /// Errors only.
        Error,
        /// Errors and warnings.
        #[choice(alias = "warning")]
        Warn,
        /// Everything.
        #[choice(rename = "info")]
        InfoAll,
    }

    /// Settings of the service.
    #[derive(Config, Debug)]
    #[config(prefix = "APP_", validate = pool_fits)]
    #[non_exhaustive]
    pub struct Settings {
        /// Port the HTTP server listens on.
        #[config(default = 8080, range = 1..=65535)]
        pub port: u16,
        /// Postgres connection URL.
        pub database_url: SecretString,
        /// Payment provider token.
        #[config(secret, env = "PAYMENT_TOKEN", alias = "OLD_PAYMENT_TOKEN")]
        pub payment_token: String,
        /// How long a request may take.
        #[config(default = "30s", range = "1s"..="1h")]
        pub request_timeout: Duration,
        /// Debug mode.
        #[config(default = false, deprecated = "use APP_LEVEL")]
        pub debug: bool,
        /// Hosts allowed to call us.
        #[config(separator = ",", example = "a.example.com,b.example.com")]
        pub allowed_hosts: Vec<String>,
        /// Sentry DSN.
        pub sentry_dsn: Option<SecretString>,
        /// Cache size.
        #[config(default = "512Mi")]
        pub cache: ByteSize,
        /// Log level.
        #[config(default = Level::Error)]
        pub level: Level,
        /// Log level of the audit trail, a string checked when compiling.
        #[config(default = "warning")]
        pub audit_level: Level,
        /// A PIN.
        #[config(parse_with = parse_pin, value_name = "PIN")]
        pub pin: Option<SecretBox<u32>>,
        /// The name.
        #[config(default = "svc", validate = not_blank)]
        pub name: String,
        #[doc = concat!("A ratio, ", "joined when compiling.")]
        #[config(default = 0.5, range = 0.0..=1.0)]
        pub ratio: f64,
        /// A count.
        #[config(default = 3)]
        pub count: i32,
        /// Retry delays.
        #[config(default = "1s;2s", separator = ";")]
        pub retries: Vec<Duration>,
        /// Connection pool.
        #[config(nested)]
        pub pool: Pool,
        /// Replica pool.
        #[config(nested, prefix = "REPLICA_")]
        pub replica: Pool,
        /// A pool used when any of its variables is set.
        #[config(nested, prefix = "SPARE_")]
        pub spare: Option<Pool>,
        /// Whether the cache pool is on.
        #[config(default = false)]
        pub cache_on: bool,
        /// A pool used when `cache_on` is true.
        #[config(nested, enabled_by = cache_on)]
        pub cache_pool: Option<Pool>,
    }

    /// A connection pool.
    #[derive(Config, Debug)]
    #[non_exhaustive]
    pub struct Pool {
        /// Least connections.
        #[config(default = 1)]
        pub min: u32,
        /// Most connections.
        #[config(default = 10)]
        pub max: u32,
    }

    /// The pool's least is at most its most.
    fn pool_fits(settings: &Settings) -> Result<(), Violation> {
        if settings.pool.min > settings.pool.max {
            Err(Violation::new("min exceeds max").of(["pool"]))
        } else {
            Ok(())
        }
    }

    /// A name is not blank.
    fn not_blank(name: &str) -> Result<(), &'static str> {
        if name.trim().is_empty() {
            Err("blank")
        } else {
            Ok(())
        }
    }

    /// A PIN of digits.
    fn parse_pin(text: &str) -> Result<SecretBox<u32>, ParseIntError> {
        text.parse().map(|pin| SecretBox::new(Box::new(pin)))
    }
}

#[test]
fn loads() {
    use envconfig::Config as _;
    let settings = config::Settings::from_vars([
        ("APP_DATABASE_URL", "postgres://db"),
        ("PAYMENT_TOKEN", "t"),
        ("APP_ALLOWED_HOSTS", "a,b"),
    ]);
    assert!(settings.is_ok());
}
