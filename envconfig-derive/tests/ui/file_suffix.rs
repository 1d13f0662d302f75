use envconfig::Config;

#[derive(Config)]
#[config(prefix = "APP_")]
struct Settings {
    token: String,
    token_file: String,
}

fn main() {}
