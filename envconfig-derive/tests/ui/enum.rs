use envconfig::Config;

#[derive(Config)]
enum Mode {
    Fast,
    Safe,
}

fn main() {}
