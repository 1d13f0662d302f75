use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(range = ..)]
    limit: u8,
    #[config(nested, range = 1..)]
    db: Db,
    #[config(range = 1..10)]
    workers: u8,
    #[config(range = 5)]
    retries: u8,
    #[config(range = 1..=5..=9)]
    threads: u8,
}

#[derive(Config)]
struct Db {
    url: String,
}

fn main() {}
