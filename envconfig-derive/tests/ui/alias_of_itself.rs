use envconfig::Config;

#[derive(Config)]
#[config(prefix = "APP_")]
struct Settings {
    #[config(alias = "APP_PORT")]
    port: u16,
    #[config(alias = "HOSTNAME", alias = "HOSTNAME")]
    host: String,
}

fn main() {}
