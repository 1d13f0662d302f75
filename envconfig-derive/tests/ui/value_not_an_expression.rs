use envconfig::Config;

// Tokens that are no expression are a syntax error at them, and nothing
// more: not extra arguments of the code the derive writes around them.
#[derive(Config)]
struct Settings {
    #[config(default = 80 80)]
    port: u16,
    #[config(default == 3)]
    retries: u8,
    #[config(range = 1 2..=5)]
    workers: u8,
}

fn main() {}
