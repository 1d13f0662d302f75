use envconfig::Choice;

#[derive(Choice)]
enum Level<const VERBOSE: bool> {
    Error,
    Warn,
}

fn main() {}
