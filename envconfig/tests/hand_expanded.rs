//! What `#[derive(Config)]` generates, written by hand: pins the contract
//! between the derive and the runtime's hidden API.
#![allow(dead_code)]
// The `&&Pick` autoref dispatch is what the derive emits; clippy cannot see
// that the extra borrow selects the parser.
#![allow(clippy::needless_borrow)]
use envconfig::Config;
use secrecy::{ExposeSecret, SecretBox, SecretString};
use std::time::Duration;

#[derive(Debug, PartialEq)]
enum Level {
    Info,
    Debug,
}
fn parse_level(s: &str) -> Result<Level, String> {
    match s {
        "info" => Ok(Level::Info),
        "debug" => Ok(Level::Debug),
        _ => Err("unknown level".into()),
    }
}

struct Db {
    max_connections: u32,
}
struct Settings {
    port: u16,
    database_url: SecretString,
    payment_token: String,
    request_timeout: Duration,
    allowed_hosts: Vec<String>,
    sentry_dsn: Option<SecretString>,
    pin: SecretBox<u32>,
    db: Db,
    log_level: Level,
    addr: std::net::IpAddr,
}

const _: () = {
    #[allow(unused_imports)]
    use __ec::{PickBuiltin as _, PickFromStr as _, PickNone as _};
    use ::envconfig::__private as __ec;
    static __FIELDS: [__ec::Field; 1] = [__ec::Field {
        name: __ec::FieldName::Suffix("MAX_CONNECTIONS"),
        doc: "",
        example: None,
        secret: false,
        default: __ec::DefaultValue::Expr("10"),
    }];
    #[automatically_derived]
    impl ::envconfig::Config for Db {
        const __PREFIX: &'static str = "";
        fn __load(__loader: &mut __ec::Loader<'_>, __prefix: &str) -> __ec::Option<Self> {
            let max_connections = __loader.required(
                __prefix,
                &__FIELDS[0],
                __ec::picked((&&__ec::Pick::<u32>::new()).parser()),
                Some(|| 10),
            );
            __ec::Option::Some(Self {
                max_connections: max_connections?,
            })
        }
        fn __describe(__docs: &mut __ec::Docs, __prefix: &str) {
            __docs.__push(
                __prefix,
                &__FIELDS[0],
                &__ec::picked((&&__ec::Pick::<u32>::new()).parser()),
                false,
            );
        }
    }
};

const _: () = {
    #[allow(unused_imports)]
    use __ec::{PickBuiltin as _, PickFromStr as _, PickNone as _};
    use ::envconfig::__private as __ec;
    static __FIELDS: [__ec::Field; 9] = [
        __ec::Field {
            name: __ec::FieldName::Suffix("PORT"),
            doc: "Port.",
            example: None,
            secret: false,
            default: __ec::DefaultValue::Expr("8080"),
        },
        __ec::Field {
            name: __ec::FieldName::Suffix("DATABASE_URL"),
            doc: "",
            example: None,
            secret: false,
            default: __ec::DefaultValue::None,
        },
        __ec::Field {
            name: __ec::FieldName::Exact("PAYMENT_TOKEN"),
            doc: "",
            example: None,
            secret: true,
            default: __ec::DefaultValue::None,
        },
        __ec::Field {
            name: __ec::FieldName::Suffix("REQUEST_TIMEOUT"),
            doc: "",
            example: None,
            secret: false,
            default: __ec::DefaultValue::Parsed("30s"),
        },
        __ec::Field {
            name: __ec::FieldName::Suffix("ALLOWED_HOSTS"),
            doc: "",
            example: Some("a,b"),
            secret: false,
            default: __ec::DefaultValue::None,
        },
        __ec::Field {
            name: __ec::FieldName::Suffix("SENTRY_DSN"),
            doc: "",
            example: None,
            secret: false,
            default: __ec::DefaultValue::None,
        },
        __ec::Field {
            name: __ec::FieldName::Suffix("PIN"),
            doc: "",
            example: None,
            secret: false,
            default: __ec::DefaultValue::None,
        },
        __ec::Field {
            name: __ec::FieldName::Suffix("LOG_LEVEL"),
            doc: "",
            example: None,
            secret: false,
            default: __ec::DefaultValue::None,
        },
        __ec::Field {
            name: __ec::FieldName::Suffix("ADDR"),
            doc: "",
            example: None,
            secret: false,
            default: __ec::DefaultValue::None,
        },
    ];
    #[automatically_derived]
    impl ::envconfig::Config for Settings {
        const __PREFIX: &'static str = "BILLING_";
        fn __load(__loader: &mut __ec::Loader<'_>, __prefix: &str) -> __ec::Option<Self> {
            let port = __loader.required(
                __prefix,
                &__FIELDS[0],
                __ec::picked((&&__ec::Pick::<u16>::new()).parser()),
                Some(|| 8080),
            );
            let database_url = __loader.required(
                __prefix,
                &__FIELDS[1],
                __ec::picked((&&__ec::Pick::<SecretString>::new()).parser()),
                None,
            );
            let payment_token = __loader.required(
                __prefix,
                &__FIELDS[2],
                __ec::picked((&&__ec::Pick::<String>::new()).parser()),
                None,
            );
            let request_timeout = __loader.required(
                __prefix,
                &__FIELDS[3],
                __ec::picked((&&__ec::Pick::<Duration>::new()).parser()),
                None,
            );
            let allowed_hosts = __loader.required(
                __prefix,
                &__FIELDS[4],
                __ec::List::new(",", __ec::picked((&&__ec::Pick::<String>::new()).parser())),
                None,
            );
            let sentry_dsn = __loader.optional(
                __prefix,
                &__FIELDS[5],
                __ec::picked((&&__ec::Pick::<SecretString>::new()).parser()),
            );
            let pin = __loader.required(
                __prefix,
                &__FIELDS[6],
                __ec::Secret::new(__ec::picked((&&__ec::Pick::<u32>::new()).parser())),
                None,
            );
            let db = <Db as ::envconfig::Config>::__load(
                __loader,
                &__loader.nested_prefix(__prefix, "DB_"),
            );
            let log_level =
                __loader.required(__prefix, &__FIELDS[7], __ec::WithFn::new(parse_level), None);
            let addr = __loader.required(
                __prefix,
                &__FIELDS[8],
                __ec::picked((&&__ec::Pick::<std::net::IpAddr>::new()).parser()),
                None,
            );
            __ec::Option::Some(Self {
                port: port?,
                database_url: database_url?,
                payment_token: payment_token?,
                request_timeout: request_timeout?,
                allowed_hosts: allowed_hosts?,
                sentry_dsn: sentry_dsn?,
                pin: pin?,
                db: db?,
                log_level: log_level?,
                addr: addr?,
            })
        }
        fn __describe(__docs: &mut __ec::Docs, __prefix: &str) {
            __docs.__push(
                __prefix,
                &__FIELDS[0],
                &__ec::picked((&&__ec::Pick::<u16>::new()).parser()),
                false,
            );
            __docs.__push(
                __prefix,
                &__FIELDS[1],
                &__ec::picked((&&__ec::Pick::<SecretString>::new()).parser()),
                false,
            );
            __docs.__push(
                __prefix,
                &__FIELDS[2],
                &__ec::picked((&&__ec::Pick::<String>::new()).parser()),
                false,
            );
            __docs.__push(
                __prefix,
                &__FIELDS[3],
                &__ec::picked((&&__ec::Pick::<Duration>::new()).parser()),
                false,
            );
            __docs.__push(
                __prefix,
                &__FIELDS[4],
                &__ec::List::new(",", __ec::picked((&&__ec::Pick::<String>::new()).parser())),
                false,
            );
            __docs.__push(
                __prefix,
                &__FIELDS[5],
                &__ec::picked((&&__ec::Pick::<SecretString>::new()).parser()),
                true,
            );
            __docs.__push(
                __prefix,
                &__FIELDS[6],
                &__ec::Secret::new(__ec::picked((&&__ec::Pick::<u32>::new()).parser())),
                false,
            );
            <Db as ::envconfig::Config>::__describe(__docs, &format!("{__prefix}DB_"));
            __docs.__push(
                __prefix,
                &__FIELDS[7],
                &__ec::WithFn::new(parse_level),
                false,
            );
            __docs.__push(
                __prefix,
                &__FIELDS[8],
                &__ec::picked((&&__ec::Pick::<std::net::IpAddr>::new()).parser()),
                false,
            );
        }
    }
};

#[test]
fn loads_and_reports() {
    let s = Settings::from_vars([
        ("BILLING_DATABASE_URL", "postgres://x"),
        ("PAYMENT_TOKEN", "tok"),
        ("BILLING_ALLOWED_HOSTS", "a, b"),
        ("BILLING_PIN", "1234"),
        ("BILLING_LOG_LEVEL", "info"),
        ("BILLING_ADDR", "127.0.0.1"),
    ])
    .unwrap();
    assert_eq!(s.port, 8080);
    assert_eq!(s.database_url.expose_secret(), "postgres://x");
    assert_eq!(s.allowed_hosts, ["a", "b"]);
    assert_eq!(*s.pin.expose_secret(), 1234);
    assert_eq!(s.db.max_connections, 10);
    assert_eq!(s.request_timeout, Duration::from_secs(30));
    let e = Settings::from_vars([
        ("BILLING_PORT", "x"),
        ("BILLING_PIN", "abc"),
        ("BILLING_DB_MAX_CONNECTIONS", ""),
    ])
    .err()
    .unwrap();
    println!("{e}");
    let d = Settings::docs();
    println!("{d:#?}");
}
