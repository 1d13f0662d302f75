use envconfig::Config;

fn parse_port(text: &str) -> Result<String, String> {
    Ok(text.to_owned())
}

#[derive(Config)]
struct Settings {
    #[config(parse_with = parse_port)]
    port: Option<u16>,
}

fn main() {}
