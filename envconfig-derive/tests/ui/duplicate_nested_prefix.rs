use envconfig::Config;

#[derive(Config)]
struct Db {
    url: String,
}

#[derive(Config)]
struct Settings {
    #[config(nested, prefix = "DB_")]
    primary: Db,
    #[config(nested)]
    db: Db,
}

fn main() {}
