use envconfig::Config;

#[derive(Config)]
struct Settings;

fn main() {}
