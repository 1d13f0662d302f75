//! `#[derive(Config)]` through the public API: names, defaults, type shapes,
//! secrets, problems and docs. Every config is built with `from_vars`, never
//! from the process environment.
#![allow(dead_code)]
// The generated code must not trip lints in the user's crate.
#![deny(unused_qualifications)]

use std::net::{IpAddr, Ipv4Addr};
use std::str::FromStr;
use std::time::Duration;

use envconfig::{Config, Error, ProblemKind, VarDoc};
use secrecy::{ExposeSecret, SecretBox, SecretString};

fn load<T: Config>(pairs: &[(&str, &str)]) -> Result<T, Error> {
    T::from_vars(pairs.iter().copied())
}

/// The variables of every problem, in order.
fn problem_vars(error: &Error) -> Vec<&str> {
    error
        .problems()
        .iter()
        .map(|problem| problem.var())
        .collect()
}

fn doc<'a>(docs: &'a envconfig::Docs, name: &str) -> &'a VarDoc {
    docs.vars()
        .iter()
        .find(|var| var.name == name)
        .unwrap_or_else(|| panic!("no variable {name} in {docs:#?}"))
}

// ---------------------------------------------------------------------------
// Names

#[derive(Config, Debug)]
struct Pool {
    max_connections: u32,
    /// Exact names stay exact, however deep.
    #[config(env = "POOL_EXACT")]
    exact: u8,
    #[config(nested)]
    timeouts: Timeouts,
}

#[derive(Config, Debug)]
#[config(prefix = "IGNORED_WHEN_NESTED_")]
struct Timeouts {
    connect_secs: u32,
}

#[derive(Config, Debug)]
#[config(prefix = "APP_")]
#[allow(non_snake_case)]
struct Names {
    port: u16,
    request_timeout_secs: u32,
    r#type: String,
    httpProxyURL: String,
    #[config(env = "DATABASE_URL")]
    database: String,
    #[config(nested)]
    db: Pool,
    #[config(nested, prefix = "CACHE_POOL_")]
    cache: Pool,
    #[config(nested, prefix = "")]
    flat: Flat,
}

#[derive(Config, Debug)]
struct Flat {
    flat_value: u8,
}

#[test]
fn variable_names() {
    let names: Vec<String> = Names::docs()
        .vars()
        .iter()
        .map(|var| var.name.clone())
        .collect();
    assert_eq!(
        names,
        [
            "APP_PORT",
            "APP_REQUEST_TIMEOUT_SECS",
            "APP_TYPE",
            "APP_HTTP_PROXY_URL",
            "DATABASE_URL",
            "APP_DB_MAX_CONNECTIONS",
            "POOL_EXACT",
            "APP_DB_TIMEOUTS_CONNECT_SECS",
            "APP_CACHE_POOL_MAX_CONNECTIONS",
            "APP_CACHE_POOL_TIMEOUTS_CONNECT_SECS",
            "APP_FLAT_VALUE",
        ]
    );
    // A struct's own prefix applies when it is loaded on its own.
    assert_eq!(
        Timeouts::docs().vars()[0].name,
        "IGNORED_WHEN_NESTED_CONNECT_SECS"
    );
}

#[test]
fn loads_every_name() {
    let names: Names = load(&[
        ("APP_PORT", "80"),
        ("APP_REQUEST_TIMEOUT_SECS", "5"),
        ("APP_TYPE", "web"),
        ("APP_HTTP_PROXY_URL", "http://proxy"),
        ("DATABASE_URL", "postgres://db"),
        ("APP_DB_MAX_CONNECTIONS", "10"),
        ("POOL_EXACT", "7"),
        ("APP_DB_TIMEOUTS_CONNECT_SECS", "3"),
        ("APP_CACHE_POOL_MAX_CONNECTIONS", "20"),
        ("APP_CACHE_POOL_TIMEOUTS_CONNECT_SECS", "4"),
        ("APP_FLAT_VALUE", "1"),
    ])
    .unwrap();
    assert_eq!(names.port, 80);
    assert_eq!(names.request_timeout_secs, 5);
    assert_eq!(names.r#type, "web");
    assert_eq!(names.httpProxyURL, "http://proxy");
    assert_eq!(names.database, "postgres://db");
    assert_eq!(names.db.max_connections, 10);
    assert_eq!(names.db.exact, 7);
    assert_eq!(names.db.timeouts.connect_secs, 3);
    assert_eq!(names.cache.max_connections, 20);
    assert_eq!(names.cache.exact, 7);
    assert_eq!(names.cache.timeouts.connect_secs, 4);
    assert_eq!(names.flat.flat_value, 1);
}

/// Field names that are also the names the generated code uses.
#[derive(Config, Debug)]
#[allow(non_snake_case)]
struct GeneratedNames {
    loader: u8,
    prefix: u8,
    docs: u8,
    __loader: u8,
    __prefix: u8,
    __FIELDS: u8,
    __f_loader: u8,
}

#[test]
fn field_names_do_not_clash_with_generated_code() {
    let config: GeneratedNames = load(&[
        ("LOADER", "1"),
        ("PREFIX", "2"),
        ("DOCS", "3"),
        ("__LOADER", "4"),
        ("__PREFIX", "5"),
        ("__FIELDS", "6"),
        ("__F_LOADER", "7"),
    ])
    .unwrap();
    let values = [
        config.loader,
        config.prefix,
        config.docs,
        config.__loader,
        config.__prefix,
        config.__FIELDS,
        config.__f_loader,
    ];
    assert_eq!(values, [1, 2, 3, 4, 5, 6, 7]);
}

/// Items named like those of the generated code, in scope where it
/// expands: they must not stand for its parameters, locals or items.
mod generated_items_in_scope {
    #![allow(non_upper_case_globals)]

    use envconfig::Config;

    const __loader: u8 = 1;
    const __prefix: u8 = 2;
    const __docs: u8 = 3;
    const __FIELDS: u8 = 4;
    const __f_port: u8 = 5;
    static __f_nested: u8 = 6;
    static __value: u8 = 7;
    const __outer_secrets_dir: u8 = 8;
    mod __ec {}

    #[derive(Config, Debug)]
    #[config(prefix = "H_", secrets_dir = "/nonexistent/envconfig-test-secrets")]
    struct Hygiene {
        port: u16,
        #[config(default = 3)]
        retries: u8,
        tags: Option<Vec<String>>,
        #[config(nested)]
        nested: HygieneNested,
    }

    #[derive(Config, Debug)]
    struct HygieneNested {
        #[config(default = "x")]
        value: String,
    }

    #[test]
    fn items_named_like_generated_ones_do_not_break_the_derive() {
        let config = Hygiene::from_vars([("H_PORT", "80"), ("H_TAGS", "a,b")]).unwrap();
        assert_eq!(config.port, 80);
        assert_eq!(config.retries, 3);
        assert_eq!(
            config.tags.as_deref(),
            Some(&["a".to_owned(), "b".to_owned()][..])
        );
        assert_eq!(config.nested.value, "x");
        let names: Vec<String> = Hygiene::docs()
            .vars()
            .iter()
            .map(|var| var.name.clone())
            .collect();
        assert_eq!(names, ["H_PORT", "H_RETRIES", "H_TAGS", "H_NESTED_VALUE"]);
        // The user's items are still theirs.
        assert_eq!(
            (__loader, __prefix, __docs, __FIELDS, __f_port, __f_nested),
            (1, 2, 3, 4, 5, 6)
        );
        assert_eq!((__value, __outer_secrets_dir), (7, 8));
    }
}

#[derive(Config, Debug)]
struct Empty {}

#[test]
fn a_struct_without_fields_loads() {
    load::<Empty>(&[]).unwrap();
    assert!(Empty::docs().vars().is_empty());
}

// ---------------------------------------------------------------------------
// Defaults

const DEFAULT_WORKERS: u8 = 4;

fn default_retries() -> u8 {
    3
}

#[derive(Config, Debug)]
#[config(prefix = "D_")]
struct Defaults {
    #[config(default = "8080")]
    parsed_port: u16,
    #[config(default = 8080)]
    expr_port: u16,
    #[config(default = "30s")]
    parsed_timeout: Duration,
    #[config(default = Duration::from_secs(30))]
    expr_timeout: Duration,
    #[config(default = Duration::from_secs(90))]
    expr_ninety: Duration,
    #[config(default = Duration::from_millis(1500))]
    expr_subsecond: Duration,
    #[config(default = Duration::from_secs(2 * 3600))]
    expr_hours: Duration,
    #[config(default = DEFAULT_WORKERS)]
    workers: u8,
    #[config(default = default_retries())]
    retries: u8,
    #[config(default = -1)]
    offset: i32,
    #[config(default = 1 << 20)]
    buffer: u32,
    #[config(default = false)]
    debug: bool,
    #[config(default = "info")]
    level: String,
    #[config(default = vec!["a".to_owned(), "b".to_owned()])]
    hosts: Vec<String>,
    #[config(default = "1;2", separator = ";")]
    ids: Vec<u16>,
    #[config(default = "hunter2")]
    password: SecretString,
    #[config(secret, default = "s3cret")]
    token: String,
    #[config(default = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
}

#[test]
fn defaults_apply_when_unset() {
    let config: Defaults = load(&[]).unwrap();
    assert_eq!(config.parsed_port, 8080);
    assert_eq!(config.expr_port, 8080);
    assert_eq!(config.parsed_timeout, Duration::from_secs(30));
    assert_eq!(config.expr_timeout, Duration::from_secs(30));
    assert_eq!(config.workers, 4);
    assert_eq!(config.retries, 3);
    assert_eq!(config.offset, -1);
    assert_eq!(config.buffer, 1 << 20);
    assert!(!config.debug);
    assert_eq!(config.level, "info");
    assert_eq!(config.hosts, ["a", "b"]);
    assert_eq!(config.ids, [1, 2]);
    assert_eq!(config.password.expose_secret(), "hunter2");
    assert_eq!(config.token, "s3cret");
    assert_eq!(config.bind, IpAddr::V4(Ipv4Addr::LOCALHOST));
}

#[test]
fn set_values_override_defaults() {
    let config: Defaults = load(&[
        ("D_PARSED_PORT", "1"),
        ("D_EXPR_PORT", "2"),
        ("D_EXPR_TIMEOUT", "5s"),
        ("D_HOSTS", "c"),
        ("D_PASSWORD", "other"),
        ("D_BIND", "::1"),
    ])
    .unwrap();
    assert_eq!(config.parsed_port, 1);
    assert_eq!(config.expr_port, 2);
    assert_eq!(config.expr_timeout, Duration::from_secs(5));
    assert_eq!(config.hosts, ["c"]);
    assert_eq!(config.password.expose_secret(), "other");
    assert_eq!(config.bind, "::1".parse::<IpAddr>().unwrap());
}

#[test]
fn defaults_in_the_docs() {
    let docs = Defaults::docs();
    // (variable, its default as the docs show it, whether that is how its
    // value is written: only such a default is a value in the dotenv and
    // k8s renderings). A Rust expression of a type envconfig writes is shown
    // as its value; of any other type, as written.
    let table = [
        ("D_PARSED_PORT", "8080", true),
        ("D_EXPR_PORT", "8080", true),
        ("D_PARSED_TIMEOUT", "30s", true),
        ("D_EXPR_TIMEOUT", "30s", true),
        // DESIGN.md's own example: `Duration::from_secs(90)` as `90s`.
        ("D_EXPR_NINETY", "90s", true),
        ("D_EXPR_SUBSECOND", "1.5s", true),
        ("D_EXPR_HOURS", "2h", true),
        ("D_WORKERS", "4", true),
        ("D_RETRIES", "3", true),
        ("D_OFFSET", "-1", true),
        ("D_BUFFER", "1048576", true),
        ("D_DEBUG", "false", true),
        ("D_LEVEL", "info", true),
        ("D_HOSTS", "a,b", true),
        ("D_IDS", "1;2", true),
        ("D_PASSWORD", "<redacted>", false),
        ("D_TOKEN", "<redacted>", false),
        ("D_BIND", "IpAddr::V4(Ipv4Addr::LOCALHOST)", false),
    ];
    for (name, default, is_env_value) in table {
        let var = doc(&docs, name);
        assert_eq!(var.default.as_deref(), Some(default), "{name}");
        assert_eq!(var.default_value().is_some(), is_env_value, "{name}");
        assert!(!var.required, "{name}");
    }
    // A Rust expression is no value to deploy: empty is unset, so the
    // default applies.
    let k8s = docs.render(envconfig::Format::K8s);
    assert!(
        k8s.contains(
            "# IP address, default IpAddr::V4(Ipv4Addr::LOCALHOST)\n        \
             # - name: D_BIND\n        #   value: \"\"\n"
        ),
        "{k8s}"
    );
    let dotenv = docs.render(envconfig::Format::Dotenv);
    assert!(
        dotenv
            .contains("# type: IP address, default: IpAddr::V4(Ipv4Addr::LOCALHOST)\n# D_BIND=\n"),
        "{dotenv}"
    );
    assert!(dotenv.contains("# D_EXPR_TIMEOUT=30s\n"), "{dotenv}");
}

/// A string default of a type envconfig parses itself is checked when the
/// program compiles (`tests/ui/invalid_string_default.rs`); one parsed by
/// the type's `FromStr` only when it is needed.
#[derive(Config, Debug)]
struct BadDefault {
    #[config(default = "soon")]
    bind: IpAddr,
}

#[test]
fn an_invalid_string_default_is_a_problem() {
    let error = load::<BadDefault>(&[]).unwrap_err();
    assert_eq!(problem_vars(&error), ["BIND"]);
    assert!(matches!(
        error.problems()[0].kind(),
        ProblemKind::InvalidDefault { .. }
    ));
    // A valid value set in the environment does not need the default.
    load::<BadDefault>(&[("BIND", "::1")]).unwrap();
}

// ---------------------------------------------------------------------------
// Option

#[derive(Config, Debug)]
struct Optional {
    retries: Option<u8>,
}

#[test]
fn optional_values() {
    // The variables set, and the value loaded (`None`: a problem).
    type Case = (&'static [(&'static str, &'static str)], Option<Option<u8>>);
    let table: [Case; 5] = [
        (&[], Some(None)),
        (&[("RETRIES", "")], Some(None)),
        (&[("RETRIES", "3")], Some(Some(3))),
        (&[("RETRIES", " 3 ")], Some(Some(3))),
        (&[("RETRIES", "three")], None),
    ];
    for (vars, expected) in table {
        let loaded = load::<Optional>(vars);
        match expected {
            Some(retries) => assert_eq!(loaded.unwrap().retries, retries, "{vars:?}"),
            None => assert_eq!(problem_vars(&loaded.unwrap_err()), ["RETRIES"], "{vars:?}"),
        }
    }
    let docs = Optional::docs();
    assert!(!docs.vars()[0].required);
    assert_eq!(docs.vars()[0].default, None);
}

// ---------------------------------------------------------------------------
// Lists, secrets and their combinations

#[derive(Config, Debug)]
struct Shapes {
    #[config(default = "a,b")]
    hosts: Vec<String>,
    #[config(separator = ";")]
    ports: Vec<u16>,
    tags: Option<Vec<String>>,
    pin: SecretBox<u32>,
    backup_pin: Option<SecretBox<u32>>,
    #[config(separator = ":")]
    codes: SecretBox<Vec<u16>>,
}

#[test]
fn lists_and_secret_boxes() {
    let shapes: Shapes =
        load(&[("PORTS", "80; 443"), ("PIN", "1234"), ("CODES", "1:2:3")]).unwrap();
    assert_eq!(shapes.hosts, ["a", "b"]);
    assert_eq!(shapes.ports, [80, 443]);
    assert_eq!(shapes.tags, None);
    assert_eq!(*shapes.pin.expose_secret(), 1234);
    assert!(shapes.backup_pin.is_none());
    assert_eq!(*shapes.codes.expose_secret(), [1, 2, 3]);

    let shapes: Shapes = load(&[
        ("HOSTS", "x"),
        ("PORTS", "1"),
        ("TAGS", "t1,t2"),
        ("PIN", "1"),
        ("BACKUP_PIN", "2"),
        ("CODES", "4"),
    ])
    .unwrap();
    assert_eq!(shapes.hosts, ["x"]);
    assert_eq!(
        shapes.tags.as_deref(),
        Some(&["t1".to_owned(), "t2".to_owned()][..])
    );
    assert_eq!(shapes.backup_pin.map(|pin| *pin.expose_secret()), Some(2));
}

/// Lists whose separator is whitespace, as a value from a ConfigMap's block
/// scalar or a `NAME_FILE` often is.
#[derive(Config, Debug)]
struct SpacedLists {
    #[config(separator = " ")]
    words: Vec<String>,
    #[config(separator = "\n")]
    lines: Vec<u16>,
}

/// Surrounding whitespace is trimmed for every type but strings (DESIGN.md,
/// Values): a list's value is trimmed before it is split, so whitespace
/// around it is no empty item at either end, whatever the separator.
#[test]
fn a_list_is_trimmed_before_it_is_split() {
    let lists: SpacedLists = load(&[("WORDS", " a b "), ("LINES", "80\n443\n")]).unwrap();
    assert_eq!(lists.words, ["a", "b"]);
    assert_eq!(lists.lines, [80, 443]);
    // Inside the value, an empty item is still one.
    let error = load::<SpacedLists>(&[("WORDS", "a  b"), ("LINES", "80\n\n443")]).unwrap_err();
    assert_eq!(problem_vars(&error), ["WORDS", "LINES"]);
    assert!(error.to_string().contains("item 2 is empty"), "{error}");
    // Blank is not the empty list: only nothing at all is.
    let error = load::<SpacedLists>(&[("WORDS", " "), ("LINES", "\n")]).unwrap_err();
    assert_eq!(problem_vars(&error), ["WORDS", "LINES"]);
    assert!(error.to_string().contains("item 1 is empty"), "{error}");
}

#[test]
fn shapes_in_the_docs() {
    let docs = Shapes::docs();
    let table = [
        // name, required, secret
        ("HOSTS", false, false),
        ("PORTS", true, false),
        ("TAGS", false, false),
        ("PIN", true, true),
        ("BACKUP_PIN", false, true),
        ("CODES", true, true),
    ];
    for (name, required, secret) in table {
        let var = doc(&docs, name);
        assert_eq!((var.required, var.secret), (required, secret), "{name}");
    }
    assert!(doc(&docs, "PORTS").value_type.contains("';'"), "{docs:#?}");
    assert!(doc(&docs, "HOSTS").value_type.contains("','"), "{docs:#?}");
}

#[derive(Config, Debug)]
#[config(prefix = "S_")]
struct Secrets {
    url: SecretString,
    pin: SecretBox<u32>,
    #[config(secret)]
    token: String,
    #[config(secret)]
    port: u16,
}

#[test]
fn secrets_load_and_never_show() {
    let secrets: Secrets = load(&[
        ("S_URL", "postgres://user:pw@db"),
        ("S_PIN", "4321"),
        ("S_TOKEN", "tok"),
        ("S_PORT", "5432"),
    ])
    .unwrap();
    assert_eq!(secrets.url.expose_secret(), "postgres://user:pw@db");
    assert_eq!(*secrets.pin.expose_secret(), 4321);
    assert_eq!(secrets.token, "tok");
    assert_eq!(secrets.port, 5432);

    let error = load::<Secrets>(&[
        ("S_URL", "postgres://user:pw@db"),
        ("S_PIN", "pin-9876"),
        ("S_TOKEN", "tok"),
        ("S_PORT", "port-6543"),
    ])
    .unwrap_err();
    assert_eq!(problem_vars(&error), ["S_PIN", "S_PORT"]);
    for shown in [error.to_string(), format!("{error:?}")] {
        for secret in ["pin-9876", "port-6543", "postgres://", "tok"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }
    for var in Secrets::docs().vars() {
        assert!(var.secret, "{}", var.name);
    }
}

/// A `parse_with` function that hands back a secret.
fn parse_token(text: &str) -> Result<SecretString, String> {
    if text.starts_with("tok_") {
        Ok(SecretString::from(text))
    } else {
        Err(format!("{text:?} does not start with tok_"))
    }
}

/// Every way a type can say "secret", whatever parses it.
#[derive(Config, Debug)]
struct SecretTypes {
    plain: SecretString,
    optional: Option<SecretString>,
    list: Vec<SecretString>,
    boxed: SecretBox<u32>,
    optional_box: Option<SecretBox<Vec<u8>>>,
    #[config(parse_with = parse_token)]
    parsed: SecretString,
    #[config(parse_with = parse_token)]
    optional_parsed: Option<SecretString>,
    #[config(secret, parse_with = parse_level)]
    marked: Level,
    not_secret: String,
}

#[test]
fn a_secret_type_makes_a_secret_variable_whatever_parses_it() {
    let table = [
        ("PLAIN", true),
        ("OPTIONAL", true),
        ("LIST", true),
        ("BOXED", true),
        ("OPTIONAL_BOX", true),
        ("PARSED", true),
        ("OPTIONAL_PARSED", true),
        ("MARKED", true),
        ("NOT_SECRET", false),
    ];
    let docs = SecretTypes::docs();
    for (i, (name, secret)) in table.into_iter().enumerate() {
        assert_eq!(docs.vars()[i].name, name);
        assert_eq!(docs.vars()[i].secret, secret, "{name}");
    }
    // A parser's message about a secret never shows, lest it quote the
    // value.
    let error = load::<SecretTypes>(&[
        ("PARSED", "pw-hunter2"),
        ("OPTIONAL_PARSED", "pw-swordfish"),
    ])
    .unwrap_err();
    for shown in [error.to_string(), format!("{error:?}")] {
        for secret in ["hunter2", "swordfish"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }
}

/// Secret types named by their path (`SecretString` is not in scope here).
mod qualified {
    #[derive(envconfig::Config)]
    pub struct Qualified {
        pub token: secrecy::SecretString,
        pub pin: Option<secrecy::SecretBox<u32>>,
    }
}

#[test]
fn a_secret_type_is_known_by_the_last_segment_of_its_path() {
    for var in qualified::Qualified::docs().vars() {
        assert!(var.secret, "{}", var.name);
    }
}

// ---------------------------------------------------------------------------
// parse_with and FromStr types

#[derive(Debug, PartialEq)]
enum Level {
    Info,
    Debug,
}

fn parse_level(text: &str) -> Result<Level, String> {
    match text {
        "info" => Ok(Level::Info),
        "debug" => Ok(Level::Debug),
        _ => Err(format!("unknown level {text:?} (use info or debug)")),
    }
}

mod parsers {
    use std::str::FromStr;

    pub fn parse_csv(text: &str) -> Result<Vec<String>, std::convert::Infallible> {
        Ok(text.split('|').map(str::to_owned).collect())
    }

    /// `WIDTHxHEIGHT`.
    pub fn parse_pair<T: FromStr>(text: &str) -> Result<(T, T), &'static str> {
        let (width, height) = text.split_once('x').ok_or("expected WIDTHxHEIGHT")?;
        let width = width.parse().map_err(|_| "bad width")?;
        let height = height.parse().map_err(|_| "bad height")?;
        Ok((width, height))
    }
}

#[derive(Debug, PartialEq)]
enum Mode {
    Fast,
    Safe,
}

impl FromStr for Mode {
    type Err = String;
    fn from_str(text: &str) -> Result<Mode, String> {
        match text {
            "fast" => Ok(Mode::Fast),
            "safe" => Ok(Mode::Safe),
            _ => Err("expected fast or safe".to_owned()),
        }
    }
}

#[derive(Config, Debug)]
struct Custom {
    #[config(parse_with = parse_level, default = "info")]
    level: Level,
    #[config(parse_with = parse_level)]
    fallback_level: Option<Level>,
    #[config(parse_with = parsers::parse_csv)]
    parts: Vec<String>,
    #[config(parse_with = parsers::parse_pair::<u16>, default = (640, 480))]
    size: (u16, u16),
    // Generic arguments written as in a type are taken as a turbofish.
    #[config(parse_with = parsers::parse_pair<u8>)]
    ratio: Option<(u8, u8)>,
    mode: Mode,
    modes: Vec<Mode>,
    addr: IpAddr,
}

#[test]
fn parse_with_and_from_str() {
    let custom: Custom = load(&[
        ("FALLBACK_LEVEL", " debug "),
        ("PARTS", "a,b|c"),
        ("RATIO", "16x9"),
        ("MODE", "fast"),
        ("MODES", "safe, fast"),
        ("ADDR", "10.0.0.1"),
    ])
    .unwrap();
    assert_eq!(custom.level, Level::Info);
    assert_eq!(custom.fallback_level, Some(Level::Debug));
    assert_eq!(custom.parts, ["a,b", "c"]);
    assert_eq!(custom.size, (640, 480));
    assert_eq!(custom.ratio, Some((16, 9)));
    assert_eq!(custom.mode, Mode::Fast);
    assert_eq!(custom.modes, [Mode::Safe, Mode::Fast]);
    assert_eq!(custom.addr, IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)));

    let error = load::<Custom>(&[
        ("LEVEL", "loud"),
        ("PARTS", "x"),
        ("SIZE", "640x"),
        ("MODE", "slow"),
        ("MODES", "fast,"),
        ("ADDR", "10.0.0"),
    ])
    .unwrap_err();
    assert_eq!(
        problem_vars(&error),
        ["LEVEL", "SIZE", "MODE", "MODES", "ADDR"]
    );
    let shown = error.to_string();
    assert!(shown.contains("unknown level \"loud\""), "{shown}");
    assert!(shown.contains("bad height"), "{shown}");
    assert!(shown.contains("expected fast or safe"), "{shown}");
    assert_eq!(
        doc(&Custom::docs(), "SIZE").default.as_deref(),
        Some("(640, 480)")
    );
}

// ---------------------------------------------------------------------------
// Every problem at once

#[derive(Config, Debug)]
#[config(prefix = "SVC_")]
struct Service {
    port: u16,
    host: String,
    #[config(default = 4)]
    workers: u8,
    debug: bool,
    #[config(nested)]
    db: Database,
    #[config(nested, prefix = "REPLICA_")]
    replica: Database,
}

#[derive(Config, Debug)]
struct Database {
    url: SecretString,
    #[config(default = 10)]
    pool: u32,
}

#[test]
fn every_problem_at_once() {
    let error = load::<Service>(&[
        ("SVC_PORT", "http"),
        ("SVC_HOST", ""),
        ("SVC_WORKERS", "-1"),
        ("SVC_DB_POOL", "many"),
        ("SVC_REPLICA_URL", "postgres://replica"),
        ("SVC_REPLICA_POOL", "ten"),
    ])
    .unwrap_err();
    assert_eq!(
        problem_vars(&error),
        [
            "SVC_PORT",
            "SVC_HOST",
            "SVC_WORKERS",
            "SVC_DEBUG",
            "SVC_DB_URL",
            "SVC_DB_POOL",
            "SVC_REPLICA_POOL",
        ]
    );
    let kinds: Vec<&ProblemKind> = error.problems().iter().map(|p| p.kind()).collect();
    assert!(matches!(kinds[0], ProblemKind::Invalid { .. }));
    assert_eq!(kinds[1], &ProblemKind::Empty);
    assert!(matches!(kinds[2], ProblemKind::Invalid { .. }));
    assert_eq!(kinds[3], &ProblemKind::Missing);
    assert_eq!(kinds[4], &ProblemKind::Missing);
    assert!(matches!(kinds[5], ProblemKind::Invalid { .. }));
    assert!(matches!(kinds[6], ProblemKind::Invalid { .. }));
    // One line per problem.
    assert_eq!(error.to_string().lines().count(), 1 + 7);
}

#[test]
fn a_required_variable_set_but_empty() {
    let error = load::<Database>(&[("URL", "")]).unwrap_err();
    assert_eq!(problem_vars(&error), ["URL"]);
    assert_eq!(error.problems()[0].kind(), &ProblemKind::Empty);
    assert!(error.to_string().contains("URL: set but empty"), "{error}");
}

// ---------------------------------------------------------------------------
// Docs

/// Settings of the billing service.
#[derive(Config, Debug)]
#[config(prefix = "BILLING_")]
struct Billing {
    /// Port the HTTP server listens on.
    #[config(default = 8080)]
    port: u16,
    /// Postgres connection URL.
    ///
    ///   Include the database name.
    database_url: SecretString,
    /// Token for the payment provider.
    #[config(secret, env = "PAYMENT_TOKEN")]
    payment_token: String,
    /** How long a request may take,
    at most. */
    #[config(default = "30s")]
    request_timeout: Duration,
    /// Hosts allowed to call us.
    #[config(separator = ",", example = "a.example.com,b.example.com")]
    allowed_hosts: Vec<String>,
    sentry_dsn: Option<SecretString>,
    #[config(nested)]
    db: Database,
}

#[test]
fn docs_describe_every_variable() {
    let docs = Billing::docs();
    // name, required, default, secret, description, example
    type Row<'a> = (
        &'a str,
        bool,
        Option<&'a str>,
        bool,
        &'a str,
        Option<&'a str>,
    );
    let rows: Vec<Row> = docs
        .vars()
        .iter()
        .map(|var| {
            (
                &*var.name,
                var.required,
                var.default.as_deref(),
                var.secret,
                &*var.description,
                var.example.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // name, required, default, secret, description, example
            (
                "BILLING_PORT",
                false,
                Some("8080"),
                false,
                "Port the HTTP server listens on.",
                None
            ),
            (
                "BILLING_DATABASE_URL",
                true,
                None,
                true,
                "Postgres connection URL. Include the database name.",
                None
            ),
            (
                "PAYMENT_TOKEN",
                true,
                None,
                true,
                "Token for the payment provider.",
                None
            ),
            (
                "BILLING_REQUEST_TIMEOUT",
                false,
                Some("30s"),
                false,
                "How long a request may take, at most.",
                None
            ),
            (
                "BILLING_ALLOWED_HOSTS",
                true,
                None,
                false,
                "Hosts allowed to call us.",
                Some("a.example.com,b.example.com")
            ),
            ("BILLING_SENTRY_DSN", false, None, true, "", None),
            ("BILLING_DB_URL", true, None, true, "", None),
            ("BILLING_DB_POOL", false, Some("10"), false, "", None),
        ]
    );
    assert_eq!(doc(&docs, "BILLING_PORT").value_type, "integer 0..=65535");
    assert_eq!(doc(&docs, "BILLING_REQUEST_TIMEOUT").value_type, "duration");
}

/// Two nested structs whose variables meet: the derive cannot see it, since
/// each struct is derived alone.
#[derive(Config)]
#[config(prefix = "APP_")]
struct Overlapping {
    db_url: String,
    #[config(nested)]
    db: OverlappingDb,
}

#[derive(Config)]
struct OverlappingDb {
    url: String,
}

#[test]
fn a_variable_read_by_two_nested_fields_is_in_the_docs_once() {
    let names: Vec<String> = Overlapping::docs()
        .vars()
        .iter()
        .map(|var| var.name.clone())
        .collect();
    // `--check-env` warns about it (the check's unit tests cover the
    // warning).
    assert_eq!(names, ["APP_DB_URL"]);
}

/// `default = ""` on a list: the empty list, shown as empty.
#[derive(Config)]
#[config(prefix = "L_")]
struct EmptyLists {
    /// Hosts allowed to call us; nobody by default.
    #[config(default = "")]
    hosts: Vec<String>,
    #[config(default = "", separator = ";")]
    ports: Vec<u16>,
}

#[test]
fn an_empty_default_is_the_empty_list() {
    let config = EmptyLists::from_vars(std::iter::empty::<(&str, &str)>()).unwrap();
    assert!(config.hosts.is_empty());
    assert!(config.ports.is_empty());
    let config = EmptyLists::from_vars([("L_HOSTS", " a , b "), ("L_PORTS", "80; 443")]).unwrap();
    assert_eq!(config.hosts, ["a", "b"]);
    assert_eq!(config.ports, [80, 443]);

    let docs = EmptyLists::docs();
    let hosts = doc(&docs, "L_HOSTS");
    assert_eq!(hosts.default.as_deref(), Some(""));
    assert_eq!(hosts.default_value(), Some(""));
    let text = docs.render(envconfig::Format::Text);
    assert!(text.contains("default empty"), "{text}");
    let markdown = docs.render(envconfig::Format::Markdown);
    assert!(markdown.contains("| *empty* |"), "{markdown}");
    let dotenv = docs.render(envconfig::Format::Dotenv);
    assert!(
        dotenv.contains("default: (empty)\n# L_HOSTS=\n"),
        "{dotenv}"
    );
}

/// `Self` in a field's attributes is the struct, as anywhere in its
/// definition.
#[derive(Config, Debug)]
struct SelfInAttributes {
    #[config(default = Self::DEFAULT_PORT, range = Self::MIN_PORT..)]
    port: u16,
    #[config(parse_with = Self::parse_level, validate = Self::not_debug)]
    level: Level,
}

impl SelfInAttributes {
    const DEFAULT_PORT: u16 = 8080;
    const MIN_PORT: u16 = 1024;

    fn parse_level(text: &str) -> Result<Level, String> {
        parse_level(text)
    }

    fn not_debug(level: &Level) -> Result<(), &'static str> {
        match level {
            Level::Debug => Err("no debug here"),
            Level::Info => Ok(()),
        }
    }
}

#[test]
fn self_in_field_attributes_names_the_struct() {
    let config: SelfInAttributes = load(&[("LEVEL", "info")]).unwrap();
    assert_eq!((config.port, config.level), (8080, Level::Info));
    let error = load::<SelfInAttributes>(&[("PORT", "80"), ("LEVEL", "debug")]).unwrap_err();
    assert_eq!(problem_vars(&error), ["PORT", "LEVEL"]);
}

mod renamed_secret_types {
    use envconfig::Config;
    use secrecy::SecretString as Password;

    pub type DbUrl = secrecy::SecretString;

    /// A secret type under another name is still a secret type.
    #[derive(Config)]
    pub struct Renamed {
        pub database_url: DbUrl,
        pub password: Password,
        pub replicas: Option<Vec<DbUrl>>,
        /// Read by the program's own function, whose type is only an alias.
        #[config(parse_with = token)]
        pub token: Option<DbUrl>,
        /// A list of them, read by the program's own function.
        #[config(parse_with = tokens)]
        pub tokens: Vec<DbUrl>,
        /// The same through an alias of the list.
        #[config(parse_with = tokens)]
        pub keys: Option<Keys>,
    }

    pub type Keys = Vec<secrecy::SecretString>;

    fn token(text: &str) -> Result<DbUrl, std::convert::Infallible> {
        Ok(DbUrl::from(text))
    }

    fn tokens(text: &str) -> Result<Keys, std::convert::Infallible> {
        Ok(text.split(';').map(DbUrl::from).collect())
    }
}

#[test]
fn a_secret_type_under_another_name_is_secret() {
    use renamed_secret_types::Renamed;
    for var in Renamed::docs().vars() {
        assert!(var.secret, "{}", var.name);
    }
    let loaded = Renamed::load_from_vars([
        ("DATABASE_URL", "postgres://app:hunter2@db/app"),
        ("PASSWORD", "hunter2"),
        ("REPLICAS", "hunter2"),
        ("TOKEN", "hunter2"),
        ("TOKENS", "hunter2"),
        ("KEYS", "hunter2"),
    ])
    .unwrap();
    let shown = loaded.effective().to_json();
    assert!(!shown.contains("hunter2"), "{shown}");
}

mod another_crates_byte_size {
    /// Stands for another crate's `ByteSize`, whose syntax is its own.
    pub mod bytesize {
        #[derive(Debug, PartialEq)]
        pub struct ByteSize(pub f64);

        impl std::str::FromStr for ByteSize {
            type Err = std::num::ParseFloatError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map(ByteSize)
            }
        }
    }

    /// A default envconfig's `ByteSize` would refuse (`1.5` bytes) is the
    /// other type's to check when its path says whose it is.
    #[derive(envconfig::Config, Debug)]
    pub struct Settings {
        #[config(default = "1.5")]
        pub other: bytesize::ByteSize,
    }
}

#[test]
fn another_crates_byte_size_written_with_its_path_is_parsed_as_its_own() {
    use another_crates_byte_size::{Settings, bytesize::ByteSize};
    let settings = Settings::from_vars(std::iter::empty::<(&str, &str)>()).unwrap();
    assert_eq!(settings.other, ByteSize(1.5));
}

/// A duration written as ISO 8601 is read everywhere a duration is: a
/// value, a string default, the ends of a range.
#[test]
fn iso_8601_durations_in_values_defaults_and_ranges() {
    #[derive(Config)]
    #[config(prefix = "ISO_")]
    struct Timeouts {
        #[config(default = "PT1M30S")]
        idle: Duration,
        #[config(default = "PT5S", range = "PT1S"..="PT1M")]
        request: Duration,
    }
    let loaded = Timeouts::from_vars([("ISO_REQUEST", "PT0.5S")]);
    let error = loaded.err().expect("below the range").to_string();
    assert!(error.contains("ISO_REQUEST"), "{error}");
    let loaded = Timeouts::from_vars([("ISO_REQUEST", "PT30S")]).expect("in range");
    assert_eq!(loaded.idle, Duration::from_secs(90));
    assert_eq!(loaded.request, Duration::from_secs(30));
    let error = Timeouts::from_vars([("ISO_IDLE", "P1Y")])
        .err()
        .expect("years");
    assert!(error.to_string().contains("years and months"), "{error}");
}
