use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config]
    port: u16,
    #[config = "PORT"]
    other_port: u16,
}

fn main() {}
