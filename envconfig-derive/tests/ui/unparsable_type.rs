use envconfig::Config;

struct Endpoint {
    host: String,
}

#[derive(Config)]
struct Settings {
    endpoint: Endpoint,
    endpoints: Vec<Endpoint>,
}

fn main() {}
