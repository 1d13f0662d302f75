use envconfig::Config;

#[derive(Config)]
#[config(secrets_dir = "run/secrets")]
struct Settings {
    token: String,
}

fn main() {}
