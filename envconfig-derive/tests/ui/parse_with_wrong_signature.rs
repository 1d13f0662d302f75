use envconfig::Config;

fn parse_port(text: String) -> u16 {
    text.len() as u16
}

#[derive(Config)]
struct Settings {
    #[config(parse_with = parse_port)]
    port: u16,
}

fn main() {}
