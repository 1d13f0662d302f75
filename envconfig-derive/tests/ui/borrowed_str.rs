use envconfig::Config;

#[derive(Config)]
struct Settings {
    name: &'static str,
    hosts: Vec<&'static str>,
    address: Option<&'static std::net::IpAddr>,
}

fn main() {}
