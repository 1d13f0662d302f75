// A misspelt key does not hide the mistakes only the compiler sees: one
// build reports them all. Only the field with the misspelt key is left to
// the next build.
use envconfig::{Choice, Config};

#[derive(Choice)]
enum Level {
    Error,
    Warn,
}

struct Db;

fn parse_port(text: String) -> u16 {
    text.len() as u16
}

#[derive(Config)]
struct Settings {
    #[config(defualt = 8080)]
    port: u16,
    #[config(default = 8080)]
    name: String,
    #[config(default = "wran")]
    level: Level,
    #[config(parse_with = parse_port)]
    admin_port: u16,
    #[config(nested)]
    db: Db,
}

fn main() {}
