use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(secrets_dir = "/run/secrets")]
    password: String,
}

fn main() {}
