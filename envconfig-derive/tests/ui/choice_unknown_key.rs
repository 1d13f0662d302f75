use envconfig::Choice;

#[derive(Choice)]
#[choice(rename = "level")]
enum Level {
    #[choice(renme = "err")]
    Error,
    #[choice(crate = "envconfig")]
    Warn,
    #[choice(default)]
    Info,
}

fn main() {}
