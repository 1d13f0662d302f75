use envconfig::Config;

#[derive(Config)]
struct Db {
    url: String,
}

#[derive(Config)]
#[config(prefix = "my-app_")]
struct Settings {
    #[config(nested, prefix = "2ND_")]
    db: Db,
}

fn main() {}
