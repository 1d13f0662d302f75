use envconfig::Config;

#[derive(Config)]
struct Settings {
    matrix: Vec<Vec<u8>>,
    maybe: Vec<Option<u8>>,
}

fn main() {}
