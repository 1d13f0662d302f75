//! [`Forty`](super::forty::Forty) loaded by hand: `std::env::var` and
//! `parse` per field, stopping at the first problem. The floor envconfig is
//! measured against ([`FortyByHand::from_env`]), and the same with the rule
//! envconfig adds to every variable ([`FortyByHand::from_env_with_files`]):
//! `NAME_FILE` names a file that holds the value, and setting both is an
//! error.

use std::env;
use std::fs;
use std::time::Duration;

#[derive(Debug)]
// The fields are loaded to be measured, not read.
#[allow(dead_code)]
pub struct FortyByHand {
    pub workers: u8,
    pub port: u16,
    pub max_connections: u32,
    pub queue_depth: u32,
    pub retries: u8,
    pub batch_size: u32,
    pub cache_entries: u64,
    pub shard_count: u16,
    pub replica_count: u8,
    pub backlog: i32,
    pub debug: bool,
    pub tracing: bool,
    pub metrics: bool,
    pub compress: bool,
    pub tls: bool,
    pub read_only: bool,
    pub maintenance: bool,
    pub dry_run: bool,
    pub request_timeout: Duration,
    pub idle_timeout: Duration,
    pub connect_timeout: Duration,
    pub shutdown_grace: Duration,
    pub cache_ttl: Duration,
    pub poll_interval: Duration,
    pub service_name: String,
    pub region: String,
    pub zone: String,
    pub log_format: String,
    pub database_url: String,
    pub redis_url: String,
    pub api_base: String,
    pub bucket: String,
    pub queue_name: String,
    pub instance_id: String,
    pub sentry_dsn: Option<String>,
    pub trace_endpoint: Option<String>,
    pub admin_email: Option<String>,
    pub motd: Option<String>,
    pub allowed_hosts: Vec<String>,
    pub feature_flags: Vec<String>,
}

/// The value of `name`, `None` when it is not set (or not UTF-8). With
/// `FILES`, the content of the file its `NAME_FILE` names instead, if that
/// is set, as hand-written code would read it.
fn lookup<const FILES: bool>(name: &str) -> Result<Option<String>, String> {
    let value = env::var(name).ok();
    if FILES && let Some(path) = env::var_os(format!("{name}_FILE")) {
        if value.is_some() {
            return Err(format!("{name}: both it and {name}_FILE are set"));
        }
        let text = fs::read_to_string(path).map_err(|e| format!("{name}_FILE: {e}"))?;
        return Ok(Some(text.strip_suffix('\n').unwrap_or(&text).to_owned()));
    }
    Ok(value)
}

fn var<const FILES: bool>(name: &str) -> Result<String, String> {
    lookup::<FILES>(name)?.ok_or_else(|| format!("{name}: not set"))
}

/// Unset or empty is `None`.
fn optional<const FILES: bool>(name: &str) -> Result<Option<String>, String> {
    Ok(lookup::<FILES>(name)?.filter(|v| !v.is_empty()))
}

fn parse<const FILES: bool, T: std::str::FromStr>(name: &str) -> Result<T, String> {
    var::<FILES>(name)?
        .trim()
        .parse()
        .map_err(|_| format!("{name}: invalid value"))
}

fn seconds<const FILES: bool>(name: &str) -> Result<Duration, String> {
    let value = var::<FILES>(name)?;
    let secs = value
        .trim()
        .strip_suffix('s')
        .ok_or_else(|| format!("{name}: missing unit"))?;
    secs.parse()
        .map(Duration::from_secs)
        .map_err(|_| format!("{name}: invalid value"))
}

impl FortyByHand {
    pub fn from_env() -> Result<FortyByHand, String> {
        FortyByHand::load::<false>()
    }

    #[allow(dead_code)] // for the benchmark, not the build-cost app
    pub fn from_env_with_files() -> Result<FortyByHand, String> {
        FortyByHand::load::<true>()
    }

    fn load<const FILES: bool>() -> Result<FortyByHand, String> {
        Ok(FortyByHand {
            workers: parse::<FILES, _>("BENCH_WORKERS")?,
            port: parse::<FILES, _>("BENCH_PORT")?,
            max_connections: parse::<FILES, _>("BENCH_MAX_CONNECTIONS")?,
            queue_depth: parse::<FILES, _>("BENCH_QUEUE_DEPTH")?,
            retries: parse::<FILES, _>("BENCH_RETRIES")?,
            batch_size: parse::<FILES, _>("BENCH_BATCH_SIZE")?,
            cache_entries: parse::<FILES, _>("BENCH_CACHE_ENTRIES")?,
            shard_count: parse::<FILES, _>("BENCH_SHARD_COUNT")?,
            replica_count: parse::<FILES, _>("BENCH_REPLICA_COUNT")?,
            backlog: parse::<FILES, _>("BENCH_BACKLOG")?,
            debug: parse::<FILES, _>("BENCH_DEBUG")?,
            tracing: parse::<FILES, _>("BENCH_TRACING")?,
            metrics: parse::<FILES, _>("BENCH_METRICS")?,
            compress: parse::<FILES, _>("BENCH_COMPRESS")?,
            tls: parse::<FILES, _>("BENCH_TLS")?,
            read_only: parse::<FILES, _>("BENCH_READ_ONLY")?,
            maintenance: parse::<FILES, _>("BENCH_MAINTENANCE")?,
            dry_run: parse::<FILES, _>("BENCH_DRY_RUN")?,
            request_timeout: seconds::<FILES>("BENCH_REQUEST_TIMEOUT")?,
            idle_timeout: seconds::<FILES>("BENCH_IDLE_TIMEOUT")?,
            connect_timeout: seconds::<FILES>("BENCH_CONNECT_TIMEOUT")?,
            shutdown_grace: seconds::<FILES>("BENCH_SHUTDOWN_GRACE")?,
            cache_ttl: seconds::<FILES>("BENCH_CACHE_TTL")?,
            poll_interval: seconds::<FILES>("BENCH_POLL_INTERVAL")?,
            service_name: var::<FILES>("BENCH_SERVICE_NAME")?,
            region: var::<FILES>("BENCH_REGION")?,
            zone: var::<FILES>("BENCH_ZONE")?,
            log_format: var::<FILES>("BENCH_LOG_FORMAT")?,
            database_url: var::<FILES>("BENCH_DATABASE_URL")?,
            redis_url: var::<FILES>("BENCH_REDIS_URL")?,
            api_base: var::<FILES>("BENCH_API_BASE")?,
            bucket: var::<FILES>("BENCH_BUCKET")?,
            queue_name: var::<FILES>("BENCH_QUEUE_NAME")?,
            instance_id: var::<FILES>("BENCH_INSTANCE_ID")?,
            sentry_dsn: optional::<FILES>("BENCH_SENTRY_DSN")?,
            trace_endpoint: optional::<FILES>("BENCH_TRACE_ENDPOINT")?,
            admin_email: optional::<FILES>("BENCH_ADMIN_EMAIL")?,
            motd: optional::<FILES>("BENCH_MOTD")?,
            allowed_hosts: var::<FILES>("BENCH_ALLOWED_HOSTS")?
                .split(',')
                .map(|s| s.trim().to_owned())
                .collect(),
            feature_flags: var::<FILES>("BENCH_FEATURE_FLAGS")?
                .split(',')
                .map(|s| s.trim().to_owned())
                .collect(),
        })
    }
}
