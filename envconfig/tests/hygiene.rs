//! The generated code names everything it uses by absolute path, so a user's
//! own items called `str`, `Option`, `Some`, `Result`, `String`, `Vec`, ...
//! do not change what it means. Every name the prelude or the primitive
//! types provide is shadowed here by a unit struct.
#![allow(non_camel_case_types, dead_code, clippy::disallowed_names)]

mod shadowed {
    // The primitive types.
    struct str;
    struct bool;
    struct char;
    struct u8;
    struct u16;
    struct u32;
    struct u64;
    struct u128;
    struct usize;
    struct i8;
    struct i16;
    struct i32;
    struct i64;
    struct i128;
    struct isize;
    struct f32;
    struct f64;
    // The prelude's types, variants and traits.
    struct Option;
    struct Some;
    struct None;
    struct Result;
    struct Ok;
    struct Err;
    struct String;
    struct Vec;
    struct Box;
    struct ToString;
    struct ToOwned;
    struct Into;
    struct From;
    struct Iterator;
    struct IntoIterator;
    struct Default;
    struct Clone;
    struct Drop;
    struct Fn;
    struct FnMut;
    struct FnOnce;
    struct Send;
    struct Sync;
    struct Sized;
    struct PartialEq;
    struct AsRef;
    struct Extend;
    struct core;
    struct std;
    struct alloc;
    struct envconfig;

    use ::core::time::Duration;
    use ::envconfig::{ByteSize, Choice, Config};
    use ::secrecy::SecretString;

    #[derive(Config, ::core::fmt::Debug)]
    #[config(prefix = "APP_")]
    #[config(validate = token_or_db)]
    pub struct Settings {
        /// A number with a default and a range.
        #[config(default = 8080, range = 1..=65535)]
        port: ::core::primitive::u16,
        #[config(default = "30s")]
        timeout: Duration,
        #[config(default = "512Mi")]
        cache: ByteSize,
        #[config(secret, alias = "OLD_TOKEN")]
        token: ::core::option::Option<SecretString>,
        #[config(default = "a,b")]
        hosts: ::std::vec::Vec<::std::string::String>,
        #[config(default = "info")]
        level: Level,
        #[config(default = ::core::primitive::f64::MAX / 2.0)]
        ratio: ::core::primitive::f64,
        flag: ::core::option::Option<::core::primitive::bool>,
        #[config(default = 60 * 60, range = 1.., alias = "MAX_AGE")]
        max_age_secs: ::core::primitive::u32,
        #[config(range = "1s".., separator = ";")]
        retry_every: ::core::option::Option<::std::vec::Vec<Duration>>,
        #[config(parse_with = parse_pin, deprecated = "use APP_PIN_V2")]
        pin: ::core::option::Option<::secrecy::SecretBox<::core::primitive::u32>>,
        #[config(nested)]
        db: Db,
    }

    #[derive(Config, ::core::fmt::Debug)]
    pub struct Db {
        #[config(default = "localhost", validate = non_empty)]
        host: ::std::string::String,
    }

    fn non_empty(
        host: &::core::primitive::str,
    ) -> ::core::result::Result<(), &'static ::core::primitive::str> {
        if host.trim().is_empty() {
            ::core::result::Result::Err("empty")
        } else {
            ::core::result::Result::Ok(())
        }
    }

    fn token_or_db(settings: &Settings) -> ::core::result::Result<(), ::envconfig::Violation> {
        if settings.token.is_none() && settings.db.host == "none" {
            return ::core::result::Result::Err(
                ::envconfig::Violation::new("no token and no database").of(["token", "db"]),
            );
        }
        ::core::result::Result::Ok(())
    }

    fn parse_pin(
        text: &::core::primitive::str,
    ) -> ::core::result::Result<
        ::secrecy::SecretBox<::core::primitive::u32>,
        ::core::num::ParseIntError,
    > {
        ::core::result::Result::Ok(::secrecy::SecretBox::new(::std::boxed::Box::new(
            text.parse()?,
        )))
    }

    #[derive(Choice, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub enum Level {
        Info,
        #[choice(rename = "debug", alias = "verbose")]
        Debug,
    }

    pub fn load(
        pairs: &[(&::core::primitive::str, &::core::primitive::str)],
    ) -> ::core::result::Result<Settings, ::envconfig::Error> {
        <Settings as Config>::from_vars(pairs.iter().copied())
    }

    pub fn docs() -> ::envconfig::Docs {
        <Settings as Config>::docs()
    }

    impl Settings {
        pub fn port(&self) -> ::core::primitive::u16 {
            self.port
        }
    }
}

#[test]
fn shadowed_prelude_names_do_not_change_the_generated_code() {
    let settings = shadowed::load(&[("APP_PORT", "9090"), ("APP_DB_HOST", "db")]).unwrap();
    assert_eq!(settings.port(), 9090);

    let error = shadowed::load(&[("APP_PORT", "0"), ("APP_LEVEL", "loud")]).unwrap_err();
    let vars: Vec<&str> = error
        .problems()
        .iter()
        .map(|problem| problem.var())
        .collect();
    assert_eq!(vars, ["APP_PORT", "APP_LEVEL"]);

    // The validator takes `&str` for a `String` field, and runs.
    let error = shadowed::load(&[("APP_DB_HOST", " ")]).unwrap_err();
    assert_eq!(
        error.problems()[0].to_string(),
        "APP_DB_HOST: invalid value \" \": empty; expected string"
    );

    let docs = shadowed::docs();
    let names: Vec<&str> = docs.vars().iter().map(|var| &*var.name).collect();
    assert!(names.contains(&"APP_DB_HOST"), "{names:?}");
}

/// A trait of the user's, for every type, with methods named like those the
/// generated code calls: in scope where it expands, it must not be a
/// candidate of those calls.
mod user_traits_in_scope {
    use ::envconfig::{Choice, Config};

    pub trait Everything {
        fn parser(&self) -> u8 {
            0
        }
        fn secret_type(&self) -> u8 {
            0
        }
        fn around<P>(&self, _: P) -> u8 {
            0
        }
        fn load(&self) -> u8 {
            0
        }
        fn describe(&self) -> u8 {
            0
        }
        fn names(&self) -> u8 {
            0
        }
    }

    impl<T: ?Sized> Everything for T {}

    #[derive(Choice, Debug, PartialEq)]
    pub enum Mode {
        Fast,
        Safe,
    }

    #[derive(Config, Debug)]
    pub struct Db {
        pub url: Option<String>,
    }

    #[derive(Config, Debug)]
    #[config(prefix = "T_")]
    pub struct Settings {
        #[config(default = 2, range = 1..=5, validate = small)]
        pub workers: u8,
        #[config(parse_with = parse_pin)]
        pub pin: Option<u32>,
        #[config(default = "fast")]
        pub mode: Mode,
        #[config(nested)]
        pub db: Db,
        #[config(nested)]
        pub replica: Option<Db>,
    }

    fn small(workers: &u8) -> Result<(), String> {
        match *workers < 5 {
            true => Ok(()),
            false => Err("too many".to_owned()),
        }
    }

    fn parse_pin(text: &str) -> Result<u32, std::num::ParseIntError> {
        text.parse()
    }

    #[test]
    fn the_generated_calls_are_envconfig_s() {
        let settings = Settings::from_vars([("T_PIN", "42"), ("T_MODE", "safe")]).unwrap();
        assert_eq!(
            (settings.workers, settings.pin, settings.mode),
            (2, Some(42), Mode::Safe)
        );
        assert!(settings.replica.is_none());
        let error = Settings::from_vars([("T_WORKERS", "5")]).unwrap_err();
        assert_eq!(error.problems()[0].var(), "T_WORKERS");
    }
}
