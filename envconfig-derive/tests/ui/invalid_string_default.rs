use std::time::Duration;

use envconfig::{ByteSize, Config};

#[derive(Config)]
struct Settings {
    #[config(default = "30")]
    timeout: Duration,
    #[config(default = "70000")]
    port: u16,
    #[config(default = "maybe")]
    debug: bool,
    #[config(default = "1.5")]
    body_limit: ByteSize,
    #[config(default = "1s, 2x", separator = ",")]
    backoff: Vec<Duration>,
    #[config(default = "2000", range = 1..=1024)]
    workers: u32,
    #[config(default = 2000, range = 1..=1024)]
    threads: u32,
    #[config(default = "2h", range = "1s"..="1h")]
    deadline: Duration,
    // Number literals in any of Rust's syntaxes are checked too.
    #[config(default = 0x800, range = 1..=1024)]
    queue: u32,
    #[config(default = 2_000u32, range = 1..=1024)]
    backlog: u32,
    #[config(default = -5, range = 0..=10)]
    offset: i32,
    // An expression is checked when it is used, at run time.
    #[config(default = 2 * 1000, range = 1..=1024)]
    burst: u32,
    // A blank list default is an empty item, as the runtime reads it.
    #[config(default = " ")]
    ports: Vec<u16>,
    // A string end of a range is parsed like the variable.
    #[config(range = "30"..="1h", default = "5m")]
    grace: Duration,
}

fn main() {}
