use envconfig::Config;

#[derive(Debug, PartialEq)]
struct Color(u8);

impl std::str::FromStr for Color {
    type Err = String;
    fn from_str(s: &str) -> Result<Color, String> {
        s.parse().map(Color).map_err(|_| "not a color".to_owned())
    }
}

#[derive(envconfig::Choice)]
enum Level {
    Error,
    Warn,
}

#[derive(Config)]
struct Settings {
    #[config(range = Color(1)..=Color(9))]
    color: Color,
    #[config(range = Level::Error..=Level::Warn)]
    level: Level,
}

fn main() {}
