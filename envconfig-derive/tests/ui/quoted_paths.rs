use envconfig::Config;

// serde writes its paths in strings; envconfig's keys take them as code.
fn parse_level(text: &str) -> Result<u8, std::num::ParseIntError> {
    text.parse()
}

fn odd(_: &u8) -> Result<(), String> {
    Ok(())
}

#[derive(Config)]
struct Tls {
    cert: String,
}

#[derive(Config)]
struct Settings {
    #[config(parse_with = "parse_level")]
    level: u8,
    #[config(validate = "odd")]
    retries: u8,
    tls_enabled: bool,
    #[config(nested, enabled_by = "tls_enabled")]
    tls: Option<Tls>,
    #[config(nested, enabled_by = 1)]
    mtls: Option<Tls>,
}

fn main() {}
