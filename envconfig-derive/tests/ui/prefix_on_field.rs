use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(prefix = "SERVER_")]
    port: u16,
}

fn main() {}
