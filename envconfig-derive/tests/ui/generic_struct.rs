use envconfig::Config;

#[derive(Config)]
struct Settings<T> {
    value: T,
}

fn main() {}
