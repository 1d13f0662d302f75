//! The configuration of a billing service: envconfig's main example.
//!
//! ```sh
//! cargo run --example service                               # starts, with ./.env's development values
//! BILLING_PORT=http cargo run --example service             # the problem, and exit status 78
//! cargo run --example service -- --print-env-docs           # the reference, as a table
//! cargo run --example service -- --print-env-docs k8s       # ... or markdown, dotenv, docker-env, json, k8s-files
//! cargo run --example service -- --check-env                # how each variable fares
//! BILLING_DATABASE_URL=postgres://db/billing PAYMENT_TOKEN=tok \
//!   BILLING_ALLOWED_HOSTS=a.example.com cargo run --example service
//! ```

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use envconfig::{ByteSize, Choice, Config};
use secrecy::SecretString;

/// Settings of the billing service.
///
/// A variable that is not set is read from the file named like it in
/// `/run/secrets`, where a Kubernetes Secret (or Docker's secrets) is
/// mounted: `/run/secrets/PAYMENT_TOKEN`.
///
/// No `Debug`: a derived one would print `payment_token`, which is a secret
/// kept in a plain `String`.
#[derive(Config)]
#[config(prefix = "BILLING_", secrets_dir = "/run/secrets")]
struct Settings {
    /// Address the HTTP server binds to.
    #[config(default = "0.0.0.0")]
    bind_address: IpAddr,
    /// Port the HTTP server listens on.
    #[config(default = 8080, alias = "PORT")]
    port: u16,
    /// Postgres connection URL.
    #[config(example = "postgres://billing@db:5432/billing")]
    database_url: SecretString,
    /// Token for the payment provider's API.
    #[config(secret, env = "PAYMENT_TOKEN")]
    payment_token: String,
    /// Key that signs the webhooks sent to merchants; the default is for
    /// local development only.
    #[config(secret, default = "dev-only-webhook-key")]
    webhook_signing_key: String,
    /// Key that encrypts stored card tokens, as 64 hex digits; cards are not
    /// stored when it is unset.
    #[config(secret)]
    card_encryption_key: Option<EncryptionKey>,
    /// How long a request may take before it is cancelled.
    #[config(default = "30s")]
    request_timeout: Duration,
    /// Log request bodies and return error details to callers.
    #[config(default = false, deprecated = "set BILLING_LOG_LEVEL=debug instead")]
    debug: bool,
    /// Hosts allowed to call the service.
    #[config(separator = ",", example = "a.example.com,b.example.com")]
    allowed_hosts: Vec<String>,
    /// Sentry DSN; errors are reported to Sentry only when it is set.
    sentry_dsn: Option<SecretString>,
    /// Largest request body accepted.
    #[config(default = "8Mi")]
    max_body_size: ByteSize,
    /// Address the Prometheus metrics are served on.
    #[config(default = "127.0.0.1:9090")]
    metrics_address: SocketAddr,
    /// Least severe messages logged.
    #[config(default = Level::Info)]
    log_level: Level,
    /// The Postgres connection pool.
    #[config(nested)]
    db: DbPool,
    /// Serve HTTPS, with the certificate and key of `BILLING_TLS_*`.
    #[config(default = false)]
    tls_enabled: bool,
    /// HTTPS.
    #[config(nested, enabled_by = tls_enabled)]
    tls: Option<Tls>,
}

/// HTTPS: `BILLING_TLS_*`, required only when `BILLING_TLS_ENABLED` is
/// true.
#[derive(Config)]
struct Tls {
    /// Path of the certificate chain, PEM.
    #[config(example = "/etc/billing/tls/tls.crt")]
    cert_path: PathBuf,
    /// Private key of the certificate, PEM.
    key: SecretString,
}

/// The Postgres connection pool: `BILLING_DB_*`.
#[derive(Config)]
struct DbPool {
    /// Most connections open at once.
    #[config(default = 10, range = 1..=500)]
    max_connections: u32,
    /// How long an unused connection stays open.
    #[config(default = "5m")]
    idle_timeout: Duration,
    /// Password of the database user, when the URL has none.
    password: Option<SecretString>,
}

/// A 256-bit key. No `Debug` or `Display`: nothing can print it.
struct EncryptionKey([u8; 32]);

impl FromStr for EncryptionKey {
    type Err = String;

    /// 64 hex digits. The error quotes the input, as parsers' errors often
    /// do: envconfig withholds it, since the field is secret.
    fn from_str(text: &str) -> Result<EncryptionKey, String> {
        let digits = text.as_bytes();
        if digits.len() != 64 || !digits.iter().all(u8::is_ascii_hexdigit) {
            return Err(format!("{text:?} is not 64 hex digits"));
        }
        let mut key = [0; 32];
        for (byte, pair) in key.iter_mut().zip(digits.chunks_exact(2)) {
            let pair = std::str::from_utf8(pair).map_err(|e| e.to_string())?;
            *byte = u8::from_str_radix(pair, 16).map_err(|e| e.to_string())?;
        }
        Ok(EncryptionKey(key))
    }
}

/// How much the service logs: `error`, `warn`, `info`, `debug` or `trace`,
/// in any case.
#[derive(Choice, Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

fn main() {
    // Answers --print-env-docs and --check-env; otherwise loads the settings
    // (after `./.env` in a debug build), or prints every problem and exits
    // with status 78.
    let settings: Settings = envconfig::load_or_exit();

    // What an operator wants to see at start-up, and no secret: secrets are
    // only said to be set.
    let listen = SocketAddr::new(settings.bind_address, settings.port);
    println!("billing: listening on {listen}");
    println!(
        "billing: requests time out after {:?}, bodies up to {} bytes",
        settings.request_timeout,
        settings.max_body_size.bytes()
    );
    println!(
        "billing: accepting calls from {}",
        settings.allowed_hosts.join(", ")
    );
    println!(
        "billing: database pool of up to {} connections, idle ones closed after {:?}",
        settings.db.max_connections, settings.db.idle_timeout
    );
    println!(
        "billing: card tokens {}",
        match &settings.card_encryption_key {
            Some(key) if key.0 == [0; 32] => "stored encrypted (warning: the key is all zeros)",
            Some(_) => "stored encrypted",
            None => "not stored",
        }
    );
    println!(
        "billing: log level {}{}, metrics on {}, error reporting {}",
        settings.log_level,
        if settings.debug { " (debug mode)" } else { "" },
        settings.metrics_address,
        if settings.sentry_dsn.is_some() {
            "to Sentry"
        } else {
            "off"
        },
    );
    match (&settings.tls, settings.tls_enabled) {
        (Some(tls), _) => println!("billing: HTTPS with {}", tls.cert_path.display()),
        (None, enabled) => println!("billing: plain HTTP (BILLING_TLS_ENABLED={enabled})"),
    }
    println!("billing: database URL, payment token and webhook key loaded (not shown)");

    // A real service would now hand the secrets to its database pool, its
    // payment client and its webhook sender; this example has none of them.
    let _secrets = (
        settings.database_url,
        settings.payment_token,
        settings.webhook_signing_key,
        settings.db.password,
        settings.tls.map(|tls| tls.key),
    );
}
