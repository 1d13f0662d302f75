use envconfig::Choice;

#[derive(Choice)]
struct Level {
    name: String,
}

#[derive(Choice)]
union Bits {
    byte: u8,
}

fn main() {}
