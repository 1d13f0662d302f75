//! [`Forty`](super::forty::Forty) loaded by hand: `std::env::var` and
//! `parse` per field, stopping at the first problem. The floor envconfig is
//! measured against.

use std::env;
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

fn var(name: &str) -> Result<String, String> {
    env::var(name).map_err(|e| format!("{name}: {e}"))
}

fn parse<T: std::str::FromStr>(name: &str) -> Result<T, String> {
    var(name)?
        .trim()
        .parse()
        .map_err(|_| format!("{name}: invalid value"))
}

fn seconds(name: &str) -> Result<Duration, String> {
    let value = var(name)?;
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
        Ok(FortyByHand {
            workers: parse("BENCH_WORKERS")?,
            port: parse("BENCH_PORT")?,
            max_connections: parse("BENCH_MAX_CONNECTIONS")?,
            queue_depth: parse("BENCH_QUEUE_DEPTH")?,
            retries: parse("BENCH_RETRIES")?,
            batch_size: parse("BENCH_BATCH_SIZE")?,
            cache_entries: parse("BENCH_CACHE_ENTRIES")?,
            shard_count: parse("BENCH_SHARD_COUNT")?,
            replica_count: parse("BENCH_REPLICA_COUNT")?,
            backlog: parse("BENCH_BACKLOG")?,
            debug: parse("BENCH_DEBUG")?,
            tracing: parse("BENCH_TRACING")?,
            metrics: parse("BENCH_METRICS")?,
            compress: parse("BENCH_COMPRESS")?,
            tls: parse("BENCH_TLS")?,
            read_only: parse("BENCH_READ_ONLY")?,
            maintenance: parse("BENCH_MAINTENANCE")?,
            dry_run: parse("BENCH_DRY_RUN")?,
            request_timeout: seconds("BENCH_REQUEST_TIMEOUT")?,
            idle_timeout: seconds("BENCH_IDLE_TIMEOUT")?,
            connect_timeout: seconds("BENCH_CONNECT_TIMEOUT")?,
            shutdown_grace: seconds("BENCH_SHUTDOWN_GRACE")?,
            cache_ttl: seconds("BENCH_CACHE_TTL")?,
            poll_interval: seconds("BENCH_POLL_INTERVAL")?,
            service_name: var("BENCH_SERVICE_NAME")?,
            region: var("BENCH_REGION")?,
            zone: var("BENCH_ZONE")?,
            log_format: var("BENCH_LOG_FORMAT")?,
            database_url: var("BENCH_DATABASE_URL")?,
            redis_url: var("BENCH_REDIS_URL")?,
            api_base: var("BENCH_API_BASE")?,
            bucket: var("BENCH_BUCKET")?,
            queue_name: var("BENCH_QUEUE_NAME")?,
            instance_id: var("BENCH_INSTANCE_ID")?,
            sentry_dsn: env::var("BENCH_SENTRY_DSN").ok().filter(|v| !v.is_empty()),
            trace_endpoint: env::var("BENCH_TRACE_ENDPOINT")
                .ok()
                .filter(|v| !v.is_empty()),
            admin_email: env::var("BENCH_ADMIN_EMAIL").ok().filter(|v| !v.is_empty()),
            motd: env::var("BENCH_MOTD").ok().filter(|v| !v.is_empty()),
            allowed_hosts: var("BENCH_ALLOWED_HOSTS")?
                .split(',')
                .map(|s| s.trim().to_owned())
                .collect(),
            feature_flags: var("BENCH_FEATURE_FLAGS")?
                .split(',')
                .map(|s| s.trim().to_owned())
                .collect(),
        })
    }
}
