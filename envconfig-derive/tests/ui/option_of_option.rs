use envconfig::Config;

#[derive(Config)]
struct Settings {
    name: Option<Option<String>>,
}

fn main() {}
