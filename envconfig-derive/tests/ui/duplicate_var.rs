use envconfig::Config;

#[derive(Config)]
#[config(prefix = "APP_")]
struct Settings {
    port: u16,
    #[config(env = "APP_PORT")]
    server_port: u16,
    #[config(env = "HOST")]
    host: String,
    #[config(env = "HOST")]
    hostname: String,
}

fn main() {}
