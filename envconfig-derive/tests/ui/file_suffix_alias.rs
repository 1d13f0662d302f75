use envconfig::Config;

// An alias is read through its `NAME_FILE` too: neither a variable nor an
// alias may be named like the file of another.
#[derive(Config)]
#[config(prefix = "APP_")]
struct Settings {
    token: String,
    #[config(alias = "APP_TOKEN_FILE")]
    key: String,
    #[config(alias = "OLD_CERT")]
    cert: String,
    #[config(alias = "OLD_CERT_FILE")]
    chain: String,
    #[config(alias = "OLD_CA")]
    ca: String,
    #[config(env = "OLD_CA_FILE")]
    bundle: String,
}

fn main() {}
