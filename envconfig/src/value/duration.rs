//! `Duration` (STUB).
use super::{EnvValue, Noun, ValueError};
use std::time::Duration;
impl EnvValue for Duration {
    fn parse_env(raw: &str) -> Result<Duration, ValueError> {
        let raw = raw.trim();
        let secs = raw
            .strip_suffix('s')
            .ok_or_else(|| ValueError::new("missing unit"))?;
        secs.parse()
            .map(Duration::from_secs)
            .map_err(|_| ValueError::new("bad"))
    }
    fn noun() -> Noun {
        Noun::regular("duration")
    }
}
pub(crate) fn format_duration(d: Duration) -> String {
    format!("{}s", d.as_secs())
}
