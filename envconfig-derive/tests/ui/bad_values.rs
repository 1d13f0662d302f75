use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(env = PORT)]
    port: u16,
    #[config(secret = true)]
    token: String,
    #[config(example)]
    host: String,
    #[config(parse_with = |text| text.parse())]
    level: u8,
    #[config(default)]
    workers: u8,
    #[config(default: 3, secret(true), env = 7)]
    retries: u8,
}

fn main() {}
