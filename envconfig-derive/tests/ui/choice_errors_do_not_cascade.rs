// An enum with a mistake still implements `Choice`, so a config that reads
// it reports nothing more than the mistake.
use envconfig::{Choice, Config};

#[derive(Choice, Debug)]
enum Level {
    Error,
    Custom(u8),
}

#[derive(Config)]
struct Settings {
    #[config(default = "error")]
    level: Level,
}

fn main() {
    let _ = "error".parse::<Level>();
    let _ = Level::Error.to_string();
}
