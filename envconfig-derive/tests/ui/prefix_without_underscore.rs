use envconfig::Config;

#[derive(Config)]
struct Db {
    url: String,
}

#[derive(Config)]
#[config(prefix = "APP")]
struct Settings {
    port: u16,
    #[config(nested, prefix = "DB")]
    db: Db,
}

fn main() {}
