use envconfig::Config;

#[derive(Config)]
struct Settings {
    #[config(default = 3)]
    retries: Option<u8>,
    #[config(default = "30s")]
    timeout: Option<std::time::Duration>,
    // One mistake, one error: the default is not also checked.
    #[config(default = "soon")]
    deadline: Option<std::time::Duration>,
}

fn main() {}
