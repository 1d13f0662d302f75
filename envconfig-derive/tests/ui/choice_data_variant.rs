use envconfig::Choice;

#[derive(Choice)]
enum Backend {
    Memory,
    Postgres(String),
    Redis { url: String, db: u8 },
}

fn main() {}
