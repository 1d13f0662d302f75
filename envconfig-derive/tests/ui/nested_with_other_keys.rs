use envconfig::Config;

#[derive(Config)]
struct Db {
    url: String,
}

#[derive(Config)]
struct Settings {
    #[config(nested, env = "DB")]
    db: Db,
    #[config(nested, default = "x", secret, separator = ",")]
    replica: Db,
    #[config(nested, parse_with = parse_db, example = "x")]
    backup: Db,
}

fn main() {}
