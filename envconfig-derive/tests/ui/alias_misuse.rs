use envconfig::Config;

#[derive(Config)]
#[config(prefix = "APP_")]
struct Settings {
    #[config(alias = "APP_HOST")]
    port: u16,
    host: String,
    #[config(alias = "OLD_NAME")]
    name: String,
    #[config(alias = "OLD_NAME", alias = "9LIVES")]
    title: String,
    #[config(deprecated)]
    debug: bool,
    #[config(nested, alias = "DB")]
    db: Db,
}

#[derive(Config)]
struct Db {
    url: String,
}

fn main() {}
