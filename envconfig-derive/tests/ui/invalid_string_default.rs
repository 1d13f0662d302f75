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
}

fn main() {}
