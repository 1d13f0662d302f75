use envconfig::Config;
use secrecy::SecretBox;
use std::net::IpAddr;

#[derive(Config)]
struct Settings {
    addr: SecretBox<IpAddr>,
}

fn main() {}
