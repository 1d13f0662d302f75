use std::collections::HashMap;

use envconfig::Config;

struct Endpoint {
    host: String,
}

#[derive(Config)]
struct Settings {
    endpoint: Endpoint,
    endpoints: Vec<Endpoint>,
    // A foreign type, which the orphan rule keeps from implementing
    // `FromStr` here.
    labels: HashMap<String, String>,
    pair: Option<(u8, u8)>,
}

fn main() {}
