use envconfig::Config;

#[derive(Config)]
struct Settings(u16, String);

fn main() {}
