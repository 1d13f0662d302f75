// What users of serde, clap and confique write, answered with the key
// envconfig knows it by.
use envconfig::{Choice, Config};

#[derive(Config)]
#[config(env_prefix = "APP_", rename_all = "SCREAMING_SNAKE_CASE")]
struct Settings {
    #[config(rename = "HTTP_PORT")]
    port: u16,
    #[config(default_value = "localhost")]
    host: String,
    #[config(flatten)]
    db: Db,
    #[config(with = parse_labels)]
    labels: Vec<String>,
    #[config(skip)]
    cache: String,
    #[config(sensitive)]
    token: String,
}

#[derive(Config)]
struct Db {
    url: String,
}

#[derive(Choice)]
enum Level {
    #[choice(serialize = "warn")]
    Warning,
}

fn parse_labels(_: &str) -> Result<Vec<String>, String> {
    Ok(Vec::new())
}

fn main() {}
