use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(default = 70000)]
    port: u16,
}

fn main() {}
