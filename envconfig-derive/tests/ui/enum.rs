use envconfig::Config;

// Most likely meant as a variable's values.
#[derive(Config)]
enum Mode {
    Fast,
    Safe,
}

#[derive(Config)]
enum Source {
    File(String),
    Env,
}

fn main() {}
