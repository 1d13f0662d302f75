use envconfig::Config;

// An end of another type than the field's is a mismatch at that end,
// expected because of the field's type.
#[derive(Config)]
struct Settings {
    #[config(range = 1..=64)]
    name: String,
}

fn main() {}
