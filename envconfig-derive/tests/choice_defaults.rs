//! A string default of a `Choice` type is checked when the program compiles
//! (`tests/ui/choice_default_invalid.rs`): what passes the check is what
//! the runtime reads, in every shape the built-in checks cover, and types
//! that are not `Choice`s are left alone.

use envconfig::__private::{Choices, choice_default};
use envconfig::{Choice, Config};
use secrecy::{ExposeSecret, SecretBox};

mod levels {
    /// Visible to the crate only, as its constant of spellings is.
    #[derive(envconfig::Choice, Debug, PartialEq)]
    pub(crate) enum Level {
        Error,
        #[choice(alias = "warning")]
        Warn,
        TraceAll,
    }

    impl secrecy::zeroize::Zeroize for Level {
        fn zeroize(&mut self) {}
    }
}

use levels::Level;

type Alias = Level;

/// Parsed at run time by its `FromStr`, whatever the default says.
#[derive(Debug, PartialEq)]
struct Motto(String);

impl std::str::FromStr for Motto {
    type Err = std::convert::Infallible;
    fn from_str(text: &str) -> Result<Motto, Self::Err> {
        Ok(Motto(text.to_owned()))
    }
}

#[derive(Config)]
struct Settings {
    #[config(default = " WARNING ")]
    level: Level,
    #[config(default = "trace_all; ERROR", separator = ";")]
    levels: Vec<Level>,
    #[config(default = "")]
    no_levels: Vec<Level>,
    #[config(default = "Trace-All")]
    secret_level: SecretBox<Level>,
    #[config(default = "warn")]
    alias: Alias,
    #[config(default = "not a level")]
    motto: Motto,
    #[config(default = "info")]
    name: String,
}

#[derive(Choice, Debug, PartialEq)]
enum Mode {
    Fast,
}

#[test]
fn defaults_that_compile_load_as_written() {
    let settings = Settings::from_vars(Vec::<(String, String)>::new()).unwrap();
    assert_eq!(settings.level, Level::Warn);
    assert_eq!(settings.levels, [Level::TraceAll, Level::Error]);
    assert!(settings.no_levels.is_empty());
    assert_eq!(*settings.secret_level.expose_secret(), Level::TraceAll);
    assert_eq!(settings.alias, Level::Warn);
    assert_eq!(settings.motto, Motto("not a level".into()));
    assert_eq!(settings.name, "info");
    assert_eq!(Mode::CHOICES, ["fast"]);
}

/// The check's message, as the compiler prints it.
#[test]
fn the_message_lists_the_choices_and_the_spelling_meant() {
    const ROWS: Choices = Choices::new(&[("error", &[]), ("warn", &["warning"]), ("info", &[])]);
    let table: [(Option<Choices>, &[&str], bool, &str); 9] = [
        (Some(ROWS), &["info"], false, ""),
        (Some(ROWS), &["WARNING"], false, ""),
        (None, &["anything"], false, ""),
        (Some(ROWS), &[], true, ""),
        (
            Some(ROWS),
            &["infoo"],
            false,
            "invalid default: not one of: error, warn, info (did you mean `info`?)",
        ),
        (
            Some(ROWS),
            &[""],
            false,
            "invalid default: an empty default is no value; leave the default out",
        ),
        (
            Some(ROWS),
            &["verbose"],
            false,
            "invalid default: not one of: error, warn, info",
        ),
        (
            Some(ROWS),
            &["error", "warnin", "x"],
            true,
            "invalid default: item 2: not one of: error, warn, info (did you mean `warning`?)",
        ),
        (
            Some(ROWS),
            &[
                "info", "info", "info", "info", "info", "info", "info", "info", "info", "x",
            ],
            true,
            "invalid default: item 10: not one of: error, warn, info",
        ),
    ];
    for (choices, values, list, message) in table {
        let problem = choice_default(choices, values, list);
        assert_eq!(problem.as_str(), message, "{values:?}");
        assert_eq!(problem.is_problem(), !message.is_empty(), "{values:?}");
    }
}

#[test]
fn a_long_list_of_choices_is_cut_short() {
    let spellings: Vec<String> = (0..200).map(|n| format!("choice-number-{n}")).collect();
    let rows: Vec<(&'static str, &'static [&'static str])> = spellings
        .into_iter()
        .map(|spelling| (&*spelling.leak(), &[][..]))
        .collect();
    let choices = Choices::new(rows.leak());
    let problem = choice_default(Some(choices), &["choice-number-1999"], false);
    let message = problem.as_str();
    assert!(message.starts_with("invalid default: not one of: choice-number-0, "));
    assert!(
        message.contains(", ... (did you mean `choice-number-199`?)"),
        "{message}"
    );
    assert!(message.len() <= 1024);
}
