use envconfig::Choice;

#[derive(Choice)]
enum Level {
    #[choice(rename = "")]
    Error,
    #[choice(alias = "warn ing")]
    Warn,
    #[choice(alias = "info,debug")]
    Info,
    #[choice(rename = trace)]
    Trace,
}

fn main() {}
