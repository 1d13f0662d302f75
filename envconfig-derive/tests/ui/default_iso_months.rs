use std::time::Duration;

use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(default = "P1M")]
    retention: Duration,
    #[config(default = "PT5S", range = "PT1S"..="PT1M")]
    timeout: Duration,
}

fn main() {}
