use envconfig::Config;

#[derive(Config)]
struct Tls {
    cert: String,
}

#[derive(Config)]
struct MissingSwitch {
    #[config(nested, enabled_by = tls_on)]
    tls: Option<Tls>,
}

#[derive(Config)]
struct NotABool {
    tls_enabled: String,
    #[config(nested, enabled_by = tls_enabled)]
    tls: Option<Tls>,
}

#[derive(Config)]
struct DeclaredAfter {
    #[config(nested, enabled_by = tls_enabled)]
    tls: Option<Tls>,
    tls_enabled: bool,
}

#[derive(Config)]
struct NotOptional {
    tls_enabled: bool,
    #[config(nested, enabled_by = tls_enabled)]
    tls: Tls,
}

#[derive(Config)]
struct NotAGroup {
    tls_enabled: bool,
    #[config(enabled_by = tls_enabled)]
    cert: String,
}

fn main() {}
