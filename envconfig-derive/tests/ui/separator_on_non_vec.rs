use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(separator = ";")]
    host: String,
}

fn main() {}
