use envconfig::Config;

#[derive(Config)]
#[config(crate = 42)]
struct Number {
    port: u16,
}

#[derive(Config)]
#[config(crate = "envconfig::")]
struct Unfinished {
    port: u16,
}

#[derive(Config)]
struct OnAField {
    #[config(crate = "envconfig")]
    port: u16,
}

fn main() {}
