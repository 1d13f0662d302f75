// A string default of a `Choice` type is checked when the program
// compiles, as the runtime would read it.
use envconfig::{Choice, Config};
use secrecy::SecretBox;

#[derive(Choice)]
enum LogLevel {
    Error,
    #[choice(alias = "warning")]
    Warn,
    Info,
    TraceAll,
}

// A `SecretBox<LogLevel>` wipes its value on drop.
impl secrecy::zeroize::Zeroize for LogLevel {
    fn zeroize(&mut self) {}
}

type Level = LogLevel;

#[derive(Config)]
struct Settings {
    #[config(default = "infoo")]
    log_level: LogLevel,
    #[config(default = "error, wran", separator = ",")]
    alert_levels: Vec<LogLevel>,
    #[config(default = "verbose")]
    secret_level: SecretBox<LogLevel>,
    #[config(default = "")]
    empty_level: Level,
    // Matched as the runtime matches: these compile.
    #[config(default = " WARNING ")]
    audit_level: LogLevel,
    #[config(default = "trace_all")]
    trace_level: Level,
    #[config(default = "anything at all")]
    motto: Motto,
}

// A `FromStr` type is left to its own parser, at run time.
struct Motto;

impl std::str::FromStr for Motto {
    type Err = String;
    fn from_str(_: &str) -> Result<Motto, String> {
        Err("no".into())
    }
}

fn main() {}
