use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(default = 80, default = 8080)]
    port: u16,
    #[config(env = "HOST")]
    #[config(secret, env = "SERVER_HOST")]
    host: String,
}

fn main() {}
