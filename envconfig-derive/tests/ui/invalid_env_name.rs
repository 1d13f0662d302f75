use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(env = "")]
    empty: String,
    #[config(env = "9LIVES")]
    digit: String,
    #[config(env = "MY-VAR")]
    dash: String,
    größe: u32,
}

fn main() {}
