use envconfig::Config;

// What the docs and warnings show cannot be blank.
#[derive(Config)]
struct Settings {
    #[config(example = "")]
    port: u16,
    #[config(deprecated = " ")]
    debug: bool,
    #[config(value_name = "")]
    url: String,
}

fn main() {}
