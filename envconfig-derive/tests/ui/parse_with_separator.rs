use envconfig::Config;

fn parse_hosts(text: &str) -> Result<Vec<String>, String> {
    Ok(text.split(' ').map(str::to_owned).collect())
}

#[derive(Config)]
struct Settings {
    #[config(parse_with = parse_hosts, separator = " ")]
    hosts: Vec<String>,
}

fn main() {}
