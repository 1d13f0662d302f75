//! The `json` docs are valid against the JSON Schema that ships in the
//! repository (`envconfig/schema/docs.v2.schema.json`): the example
//! service's, through the built binary, and a configuration with every
//! kind of type. So is `--print-config=json`, against
//! `envconfig/schema/config.v1.schema.json`.

mod support;

use std::time::Duration;

use envconfig::{ByteSize, Choice, Config, Format};
use support::Env;

/// The JSON Schema `envconfig/schema/{name}`.
fn validator(name: &str) -> jsonschema::Validator {
    let path = format!("{}/envconfig/schema/{name}", env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the schema")).expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

/// What is wrong with `value` by the schema `name`.
fn errors(name: &str, value: &serde_json::Value) -> Vec<String> {
    validator(name)
        .iter_errors(value)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect()
}

fn assert_valid(json: &str) -> serde_json::Value {
    assert_valid_by("docs.v2.schema.json", json)
}

fn assert_valid_by(schema: &str, json: &str) -> serde_json::Value {
    let value: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let errors = errors(schema, &value);
    assert!(errors.is_empty(), "{errors:#?}\n{json}");
    value
}

#[test]
fn the_services_docs_follow_the_schema() {
    let run = Env::new(&[]).run(&["--print-env-docs=json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let docs = assert_valid(&run.stdout);
    assert_eq!(docs["version"], envconfig::Docs::SCHEMA_VERSION);
}

#[derive(Choice, Debug)]
enum Level {
    Error,
    Warn,
    Info,
}

/// Every kind of type, ranges, aliases, a deprecation and a group.
#[derive(Config)]
#[config(prefix = "K_")]
#[allow(dead_code)]
struct Kinds {
    #[config(default = true)]
    flag: bool,
    #[config(default = 8080, range = 1024..=49151, alias = "PORT")]
    port: u16,
    #[config(default = 0.5)]
    ratio: f64,
    #[config(default = "30s", range = "1s"..)]
    timeout: Duration,
    #[config(default = "8Mi")]
    body: ByteSize,
    #[config(default = "app")]
    name: String,
    #[config(default = "/tmp")]
    dir: std::path::PathBuf,
    #[config(default = Level::Info, deprecated = "use K_VERBOSITY")]
    level: Level,
    #[config(separator = ";", default = "warn;info")]
    levels: Vec<Level>,
    #[config(separator = ",", range = 1..)]
    weights: Option<Vec<u32>>,
    bind: std::net::IpAddr,
    /// The connection pool.
    #[config(nested)]
    pool: Pool,
}

#[derive(Config)]
#[allow(dead_code)]
struct Pool {
    #[config(default = 10)]
    size: usize,
}

#[test]
fn every_kind_of_type_follows_the_schema() {
    let docs = assert_valid(&Kinds::docs().render(Format::Json));
    let kinds: Vec<String> = docs["variables"]
        .as_array()
        .expect("variables")
        .iter()
        .map(|var| var["type"].to_string())
        .collect();
    assert_eq!(
        kinds,
        [
            r#"{"kind":"boolean","text":"boolean"}"#,
            r#"{"kind":"integer","max":"49151","min":"1024","text":"integer 1024..=49151"}"#,
            r#"{"kind":"float","text":"number"}"#,
            r#"{"kind":"duration","min":"1s","text":"duration in 1s.."}"#,
            r#"{"kind":"byte_size","text":"byte size"}"#,
            r#"{"kind":"string","text":"string"}"#,
            r#"{"kind":"path","text":"path"}"#,
            r#"{"choices":["error","warn","info"],"kind":"choice","text":"one of: error, warn, info"}"#,
            r#"{"item":{"choices":["error","warn","info"],"kind":"choice","text":"one of: error, warn, info"},"kind":"list","separator":";","text":"list of choices (error, warn, info) separated by ';'"}"#,
            r#"{"item":{"kind":"integer","max":"4294967295","min":"1","text":"integer 1.."},"kind":"list","separator":",","text":"list of integers 1.. separated by ','"}"#,
            r#"{"kind":"other","text":"IP address"}"#,
            r#"{"kind":"integer","min":"0","text":"integer 0.."}"#,
        ]
    );
    let level = &docs["variables"][7];
    assert_eq!(level["default"], "info");
    assert_eq!(level["default_is_value"], true);
    assert_eq!(level["deprecated"], "use K_VERBOSITY");
    assert_eq!(docs["variables"][1]["aliases"], serde_json::json!(["PORT"]));
    assert_eq!(docs["variables"][11]["group"], "The connection pool");
}

/// Optional groups, one in another: what switches each on, in both of
/// its shapes.
#[derive(Config)]
#[config(prefix = "G_")]
#[allow(dead_code)]
struct Groups {
    /// TLS.
    #[config(nested)]
    tls: Option<GroupTls>,
}

#[derive(Config)]
#[allow(dead_code)]
struct GroupTls {
    cert: String,
    #[config(default = false)]
    mutual: bool,
    /// The client's key.
    #[config(nested, enabled_by = mutual)]
    client: Option<ClientKey>,
}

#[derive(Config)]
#[allow(dead_code)]
struct ClientKey {
    key: String,
}

#[test]
fn optional_groups_follow_the_schema() {
    let docs = assert_valid(&Groups::docs().render(Format::Json));
    let switches: Vec<String> = docs["variables"]
        .as_array()
        .expect("variables")
        .iter()
        .map(|var| var["switched_on_by"].to_string())
        .collect();
    let any_set = r#"{"any_set":{"prefix":"G_TLS_","variables":["G_TLS_CERT","G_TLS_MUTUAL","G_TLS_CLIENT_KEY"]}}"#;
    assert_eq!(
        switches,
        [any_set, any_set, r#"{"enabled_by":"G_TLS_MUTUAL"}"#]
    );
}

/// `--print-config=json` follows its schema, whatever each value came
/// from: the environment, a `./.env` line, a `NAME_FILE`, an old name
/// set in `./.env`, a default, nothing; and when the configuration does
/// not load, too.
#[test]
fn print_config_json_follows_its_schema() {
    let env = Env::new(&[
        ("BILLING_ALLOWED_HOSTS", "shop.example.com"),
        (
            "BILLING_SENTRY_DSN",
            "https://key:canary-dsn@sentry.example.com/1",
        ),
    ]);
    env.file(
        ".env",
        "BILLING_DATABASE_URL=postgres://db/billing\nPORT=9000\n",
    );
    let token = env.file("token", "tok_from_file\n");
    let env = env.set("PAYMENT_TOKEN_FILE", token.to_str().expect("a UTF-8 path"));
    let run = env.run(&["--print-config=json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let config = assert_valid_by("config.v1.schema.json", &run.stdout);
    let source = |name: &str| {
        let vars = config["variables"].as_array().expect("variables");
        let var = vars.iter().find(|var| var["name"] == name).expect(name);
        var["source"]["kind"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let kinds: Vec<String> = [
        "BILLING_ALLOWED_HOSTS",
        "BILLING_DATABASE_URL",
        "PAYMENT_TOKEN",
        "BILLING_PORT",
        "BILLING_REQUEST_TIMEOUT",
        "BILLING_DB_PASSWORD",
    ]
    .iter()
    .map(|name| source(name))
    .collect();
    assert_eq!(
        kinds,
        [
            "environment",
            "env_file",
            "secret_file",
            "alias",
            "default",
            "unset"
        ]
    );
    assert!(!run.stdout.contains("canary"), "{}", run.stdout);

    // A configuration that does not load prints the same document.
    let run = env
        .set("BILLING_PORT", "http")
        .run(&["--print-config=json"]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_valid_by("config.v1.schema.json", &run.stdout);

    // The schema holds a secret to `<redacted>`.
    let mut leaked = config.clone();
    let database = leaked["variables"]
        .as_array_mut()
        .expect("variables")
        .iter_mut()
        .find(|var| var["name"] == "BILLING_DATABASE_URL")
        .expect("the database URL");
    database["value"] = "postgres://db/billing".into();
    assert!(!errors("config.v1.schema.json", &leaked).is_empty());
}

/// A configuration whose secrets are mounted as a directory.
#[derive(Config)]
#[config(
    prefix = "SCHEMA_",
    secrets_dir = "/tmp/envconfig-docs-schema-secrets-dir"
)]
#[allow(dead_code)]
struct FromSecretsDir {
    token: secrecy::SecretString,
}

/// A value read from the `secrets_dir` has that directory's file as its
/// source, a kind the schema names.
#[test]
fn print_config_json_of_a_secrets_dir_value_follows_its_schema() {
    let dir = std::path::Path::new("/tmp/envconfig-docs-schema-secrets-dir");
    std::fs::create_dir_all(dir).expect("the directory");
    std::fs::write(dir.join("SCHEMA_TOKEN"), "canary-token\n").expect("a file");
    let loaded = FromSecretsDir::load_from_vars([("SCHEMA_OTHER", "")]).expect("loads");
    let json = loaded.effective().to_json();
    let config = assert_valid_by("config.v1.schema.json", &json);
    let source = &config["variables"][0]["source"];
    assert_eq!(source["kind"], "secrets_dir", "{json}");
    assert_eq!(
        source["path"], "/tmp/envconfig-docs-schema-secrets-dir/SCHEMA_TOKEN",
        "{json}"
    );
    assert!(!json.contains("canary"), "{json}");
}
