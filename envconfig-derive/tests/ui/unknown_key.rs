use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(defualt = 8080)]
    port: u16,
    #[config(rename = "HOST")]
    host: String,
}

fn main() {}
