use envconfig::Choice;

#[derive(Choice)]
enum Never {}

fn main() {}
