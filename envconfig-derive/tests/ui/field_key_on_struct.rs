use envconfig::Config;

#[derive(Config)]
#[config(prefix = "APP_", env = "SETTINGS", nested)]
struct Settings {
    port: u16,
}

fn main() {}
