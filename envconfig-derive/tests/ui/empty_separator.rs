use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(separator = "")]
    hosts: Vec<String>,
}

fn main() {}
