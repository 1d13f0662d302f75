use envconfig::Config;

#[derive(Config)]
#[config(prefx = "APP_", rename_all = "lowercase")]
struct Settings {
    port: u16,
}

fn main() {}
