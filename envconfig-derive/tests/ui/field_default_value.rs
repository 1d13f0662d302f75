use envconfig::Config;

#[derive(Config)]
struct Settings {
    port: u16 = 8080,
}

fn main() {}
