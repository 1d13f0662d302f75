use envconfig::Config;

#[derive(Config)]
#[config(prefix = "APP_")]
struct Settings {
    #[config(default = 3)]
    retries: Option<u8>,
    #[config(separator = ";")]
    host: String,
    #[config(nested, env = "DB")]
    db: Db,
}

#[derive(Config)]
struct Db {
    url: String,
}

fn main() {}
