use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(default = 5)]
    name: String,
}

fn main() {}
