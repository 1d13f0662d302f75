use envconfig::{Config, Violation};

fn even(port: &u32) -> Result<(), String> {
    if port % 2 == 0 { Ok(()) } else { Err("odd".into()) }
}

fn short(name: &[u8]) -> Result<(), String> {
    if name.len() < 8 { Ok(()) } else { Err("too long".into()) }
}

fn positive(workers: u16) -> bool {
    workers > 0
}

struct Silent;

fn quiet(_: &u16) -> Result<(), Silent> {
    Ok(())
}

fn agree(_: &Settings) -> Result<(), String> {
    Ok(())
}

#[derive(Config)]
#[config(validate = agree)]
struct Settings {
    #[config(validate = even)]
    port: u16,
    #[config(validate = short)]
    name: String,
    #[config(validate = positive)]
    workers: u16,
    #[config(validate = quiet)]
    retries: u16,
}

#[allow(dead_code)]
fn uses(_: Violation) {}

fn main() {}
