use envconfig::Config;
use secrecy::SecretBox;

#[derive(Config)]
struct Replica {
    url: String,
}

// So that `SecretBox<Replica>` is a type: the derive's error is the only one.
impl secrecy::zeroize::Zeroize for Replica {
    fn zeroize(&mut self) {}
}

// A nested field is one group, or an optional one: `Option<Replica>`.
#[derive(Config)]
struct Settings {
    #[config(nested)]
    replicas: Vec<Replica>,
    #[config(nested)]
    spare: Option<Option<Replica>>,
    #[config(nested)]
    backups: Option<Vec<Replica>>,
    #[config(nested)]
    hidden: SecretBox<Replica>,
}

fn main() {}
