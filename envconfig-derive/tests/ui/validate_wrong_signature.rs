use envconfig::{Config, Violation};

fn even(port: &u32) -> Result<(), String> {
    if port % 2 == 0 { Ok(()) } else { Err("odd".into()) }
}

fn agree(_: &Settings) -> Result<(), String> {
    Ok(())
}

#[derive(Config)]
#[config(validate = agree)]
struct Settings {
    #[config(validate = even)]
    port: u16,
}

#[allow(dead_code)]
fn uses(_: Violation) {}

fn main() {}
