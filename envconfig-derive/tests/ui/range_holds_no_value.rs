use std::time::Duration;

use envconfig::Config;

// A range whose start is above its end refuses every value: the program
// could never start.
#[derive(Config)]
struct Settings {
    #[config(range = 10..=1)]
    workers: u8,
    #[config(range = "1h"..="1s")]
    timeout: Duration,
    #[config(range = 0x20..=0x10, separator = ",")]
    ports: Vec<u16>,
    #[config(range = "NaN"..)]
    ratio: f32,
    // One value is a range too.
    #[config(range = 5..=5)]
    replicas: u8,
}

fn main() {}
