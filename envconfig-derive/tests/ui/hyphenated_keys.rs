use envconfig::{Choice, Config};

// Keys written the way a command's flags are; `env-name` must not read as
// `env` with a stray `-name`.
#[derive(Config)]
#[config(secrets-dir = "/run/secrets", env-prefix = "APP_")]
struct Settings {
    #[config(env-name = "PORT", value-name = "PORT")]
    port: u16,
    #[config(parse-with = parse_level)]
    level: u8,
}

#[derive(Choice)]
enum Level {
    #[choice(re-name = "err")]
    Error,
}

fn main() {}
