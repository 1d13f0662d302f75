//! Optional groups: `Option<Group>` nested structs, on when any of their
//! variables is set or when their `enabled_by` switch is true.

use envconfig::{Config, Warning};

#[derive(Config, Debug, PartialEq)]
struct Tls {
    /// Certificate chain, PEM.
    cert: String,
    /// Private key, PEM.
    key: String,
    #[config(default = 443)]
    port: u16,
}

#[allow(dead_code)]
#[derive(Config, Debug)]
#[config(prefix = "APP_")]
struct AnySet {
    #[config(default = 8080)]
    port: u16,
    /// TLS.
    #[config(nested)]
    tls: Option<Tls>,
}

#[allow(dead_code)]
#[derive(Config, Debug)]
#[config(prefix = "APP_")]
struct Switched {
    #[config(default = false)]
    tls_enabled: bool,
    /// TLS.
    #[config(nested, enabled_by = tls_enabled)]
    tls: Option<Tls>,
}

#[test]
fn a_group_none_of_whose_variables_is_set_is_none() {
    let config = AnySet::from_vars([("APP_PORT", "80")]).expect("loads");
    assert_eq!(config.tls, None);
    // Empty counts as unset.
    let config = AnySet::from_vars([("APP_TLS_CERT", "")]).expect("loads");
    assert_eq!(config.tls, None);
}

#[test]
fn a_group_with_any_variable_set_loads_and_says_why_the_others_are_required() {
    let config = AnySet::from_vars([("APP_TLS_CERT", "c"), ("APP_TLS_KEY", "k")]).expect("loads");
    assert_eq!(
        config.tls,
        Some(Tls {
            cert: "c".into(),
            key: "k".into(),
            port: 443
        })
    );
    let error = AnySet::from_vars([("APP_TLS_CERT", "c")]).expect_err("the key is missing");
    let text = error.to_string();
    assert!(text.contains("APP_TLS_KEY"), "{text}");
    assert!(
        text.contains("required because APP_TLS_CERT is set"),
        "{text}"
    );
    assert!(!text.contains("APP_TLS_CERT:"), "{text}");
}

/// A group switched on through `NAME_FILE` names what the operator set.
#[test]
fn a_group_switched_on_by_a_file_names_the_file_variable() {
    let dir = tempfile::tempdir().expect("a directory");
    let cert = dir.path().join("cert.pem");
    std::fs::write(&cert, "c").expect("a file");
    let cert = cert.to_str().expect("a UTF-8 path");
    let error = AnySet::from_vars([("APP_TLS_CERT_FILE", cert)]).expect_err("the key is missing");
    let text = error.to_string();
    assert!(
        text.contains("APP_TLS_KEY: required because APP_TLS_CERT_FILE is set"),
        "{text}"
    );
}

#[test]
fn a_switched_group_loads_exactly_when_its_switch_is_true() {
    let config = Switched::from_vars([("APP_OTHER", "")]).expect("off by default");
    assert_eq!(config.tls, None);
    let error = Switched::from_vars([("APP_TLS_ENABLED", "true")]).expect_err("on, unset");
    let text = error.to_string();
    assert!(
        text.contains("required because APP_TLS_ENABLED is true"),
        "{text}"
    );
    let config = Switched::from_vars([
        ("APP_TLS_ENABLED", "true"),
        ("APP_TLS_CERT", "c"),
        ("APP_TLS_KEY", "k"),
    ])
    .expect("on and set");
    assert!(config.tls.is_some());
}

#[test]
fn a_variable_of_a_switched_off_group_is_ignored_with_a_warning() {
    let loaded = Switched::load_from_vars([("APP_TLS_CERT", "c"), ("APP_TLS_PORT", "x")])
        .expect("off: nothing of it is required or checked");
    assert_eq!(loaded.config().tls, None);
    let said: Vec<String> = loaded.warnings().iter().map(Warning::to_string).collect();
    assert!(
        said.contains(&"APP_TLS_CERT is set but ignored: APP_TLS_ENABLED is false".to_owned()),
        "{said:?}"
    );
}

#[test]
fn the_docs_say_when_a_groups_variables_are_required() {
    let docs = AnySet::docs();
    let key = docs
        .vars()
        .iter()
        .find(|var| var.name == "APP_TLS_KEY")
        .expect("documented");
    assert!(!key.required);
    assert_eq!(key.required_when.as_deref(), Some("any APP_TLS_* is set"));
    let docs = Switched::docs();
    let key = docs
        .vars()
        .iter()
        .find(|var| var.name == "APP_TLS_KEY")
        .expect("documented");
    assert_eq!(
        key.required_when.as_deref(),
        Some("APP_TLS_ENABLED is true")
    );
    let port = docs
        .vars()
        .iter()
        .find(|var| var.name == "APP_TLS_PORT")
        .expect("documented");
    assert_eq!(port.required_when, None);
    let text = docs.to_string();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("conditional"), "{text}");
    assert!(
        text.contains("Required when APP_TLS_ENABLED is true."),
        "{text}"
    );
    let text = docs.render(envconfig::Format::Markdown);
    assert!(
        text.contains("*required when APP_TLS_ENABLED is true*"),
        "{text}"
    );
    let text = docs.render(envconfig::Format::Dotenv);
    assert!(
        text.contains("required when APP_TLS_ENABLED is true"),
        "{text}"
    );
}

#[allow(dead_code)]
#[derive(Config, Debug)]
#[config(prefix = "APP_")]
struct Nested {
    /// Telemetry.
    #[config(nested)]
    telemetry: Option<Telemetry>,
}

#[allow(dead_code)]
#[derive(Config, Debug)]
struct Telemetry {
    /// Where spans go.
    endpoint: String,
    #[config(default = false)]
    tls_enabled: bool,
    /// Its TLS.
    #[config(nested, enabled_by = tls_enabled)]
    tls: Option<Tls>,
}

/// The `json` reference gives what switches a group on as data: the
/// group's variables for one that any of them switches on, the switch for
/// an `enabled_by` one, the innermost group's for a group in a group.
#[test]
fn the_json_docs_give_what_switches_a_group_on_as_data() {
    let switched_on_by = |docs: envconfig::Docs| -> Vec<(String, serde_json::Value)> {
        let json: serde_json::Value =
            serde_json::from_str(&docs.render(envconfig::Format::Json)).expect("JSON");
        json["variables"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|var| {
                let name = var["name"].as_str().expect("a name").to_owned();
                (name, var["switched_on_by"].clone())
            })
            .collect()
    };
    let any_set = serde_json::json!({"any_set": {
        "prefix": "APP_TLS_",
        "variables": ["APP_TLS_CERT", "APP_TLS_KEY", "APP_TLS_PORT"],
    }});
    assert_eq!(
        switched_on_by(AnySet::docs()),
        [
            ("APP_PORT".to_owned(), serde_json::Value::Null),
            ("APP_TLS_CERT".to_owned(), any_set.clone()),
            ("APP_TLS_KEY".to_owned(), any_set.clone()),
            ("APP_TLS_PORT".to_owned(), any_set),
        ]
    );
    let enabled = serde_json::json!({"enabled_by": "APP_TLS_ENABLED"});
    assert_eq!(
        switched_on_by(Switched::docs()),
        [
            ("APP_TLS_ENABLED".to_owned(), serde_json::Value::Null),
            ("APP_TLS_CERT".to_owned(), enabled.clone()),
            ("APP_TLS_KEY".to_owned(), enabled.clone()),
            ("APP_TLS_PORT".to_owned(), enabled),
        ]
    );
    let outer = serde_json::json!({"any_set": {
        "prefix": "APP_TELEMETRY_",
        "variables": [
            "APP_TELEMETRY_ENDPOINT",
            "APP_TELEMETRY_TLS_ENABLED",
            "APP_TELEMETRY_TLS_CERT",
            "APP_TELEMETRY_TLS_KEY",
            "APP_TELEMETRY_TLS_PORT",
        ],
    }});
    let inner = serde_json::json!({"enabled_by": "APP_TELEMETRY_TLS_ENABLED"});
    assert_eq!(
        switched_on_by(Nested::docs()),
        [
            ("APP_TELEMETRY_ENDPOINT".to_owned(), outer.clone()),
            ("APP_TELEMETRY_TLS_ENABLED".to_owned(), outer),
            ("APP_TELEMETRY_TLS_CERT".to_owned(), inner.clone()),
            ("APP_TELEMETRY_TLS_KEY".to_owned(), inner.clone()),
            ("APP_TELEMETRY_TLS_PORT".to_owned(), inner),
        ]
    );
}
