//! What every `--print-env-docs` format says, end to end through built
//! examples: that any variable can be read from a file, each variable
//! listed once, and names Kubernetes accepts.

mod support;

use support::{Env, FORMATS, example_binary};

/// The ledger example's prefix, longer than a Kubernetes name may be.
const LEDGER: &str = "LEDGER_RECONCILIATION_WORKER_FOR_THE_EUROPEAN_PAYMENTS_PLATFORM_";

/// The docs of the ledger example in `format`.
fn ledger_docs(format: &str) -> String {
    let run = Env::new(&[]).run_binary(
        &example_binary("ledger", &[]),
        &[&format!("--print-env-docs={format}")],
    );
    assert_eq!(run.code, 0, "{format}: {run:?}");
    run.stdout
}

/// The entries of `name` in `docs`, a rendering in `format`: its rows,
/// lines or list items, commented out or not.
fn entries(docs: &str, format: &str, name: &str) -> usize {
    match format {
        "json" => docs.matches(&format!("\"name\": \"{name}\"")).count(),
        _ => docs
            .lines()
            .map(|line| line.trim_start().trim_start_matches("# "))
            .filter(|line| match format {
                "text" => line.split_whitespace().next() == Some(name),
                "markdown" => line.starts_with(&format!("| `{name}` |")),
                "dotenv" | "docker-env" => line.starts_with(&format!("{name}=")),
                _ => *line == format!("- name: {name}"),
            })
            .count(),
    }
}

/// A variable that two fields read (`db_port`, and `port` of the nested
/// `db`) is listed once in every format: in `k8s`, twice would break
/// `kubectl apply`.
#[test]
fn a_variable_two_fields_read_is_listed_once() {
    let port = format!("{LEDGER}DB_PORT");
    for format in FORMATS {
        let docs = ledger_docs(format);
        assert_eq!(entries(&docs, format, &port), 1, "{format}:\n{docs}");
        let host = format!("{LEDGER}DB_HOST");
        assert_eq!(entries(&docs, format, &host), 1, "{format}:\n{docs}");
    }
}

/// Whether `name` is a DNS-1123 label, as Kubernetes checks a volume's
/// name: at most 63 lowercase letters, digits and `-`, starting and ending
/// with a letter or digit.
fn is_dns1123_label(name: &str) -> bool {
    let alphanumeric = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    (1..=63).contains(&name.len())
        && name.chars().all(|c| alphanumeric(c) || c == '-')
        && name.starts_with(alphanumeric)
        && name.ends_with(alphanumeric)
}

/// The volume a `k8s-files` rendering mounts its Secret from has a name
/// Kubernetes accepts, however long the prefix.
#[test]
fn volume_names_are_dns_labels_whatever_the_prefix() {
    let docs = ledger_docs("k8s-files");
    let names: Vec<&str> = docs
        .lines()
        .skip_while(|line| line.trim() != "volumeMounts:")
        .filter_map(|line| line.trim().strip_prefix("- name: "))
        .collect();
    assert_eq!(names.len(), 2, "a mount and a volume:\n{docs}");
    for name in names {
        assert!(
            is_dns1123_label(name),
            "{name:?} ({} characters)",
            name.len()
        );
    }
}

/// The service's docs in `format`.
fn service_docs(format: &str) -> String {
    let run = Env::new(&[]).run(&[&format!("--print-env-docs={format}")]);
    assert_eq!(run.code, 0, "{format}: {run:?}");
    run.stdout
}

/// Every format says once that any variable `NAME` can be read from the
/// file `NAME_FILE` names, and each secret's entry names its `NAME_FILE`:
/// an operator reading any of them learns that the mechanism exists.
#[test]
fn every_format_tells_of_name_file() {
    let json: serde_json::Value = serde_json::from_str(&service_docs("json")).expect("valid JSON");
    let vars = json["variables"].as_array().expect("the variables");
    let secrets: Vec<&str> = vars
        .iter()
        .filter(|var| var["secret"] == true)
        .filter_map(|var| var["name"].as_str())
        .collect();
    assert!(secrets.len() >= 6, "{json}");
    for format in FORMATS {
        let docs = service_docs(format);
        let said = match format {
            "json" => "\"file_suffix\": \"_FILE\"",
            "markdown" => {
                "Any variable `NAME` can also be read from the file that `NAME_FILE` names."
            }
            _ => "Any variable NAME can also be read from the file that NAME_FILE names.",
        };
        assert_eq!(docs.matches(said).count(), 1, "{format}:\n{docs}");
        for secret in &secrets {
            // `k8s-files` mounts one Secret at the service's secrets
            // directory: each secret's entry names its file there instead.
            let file = match format {
                "k8s-files" => format!("/run/secrets/{secret},"),
                _ => format!("{secret}_FILE"),
            };
            assert!(docs.contains(&file), "{format}: {file} in\n{docs}");
        }
        // A plain variable's entry does not name it, but in `json`, where
        // every variable's `file_var` is data.
        let port_file = docs.contains("BILLING_PORT_FILE");
        assert_eq!(port_file, format == "json", "{format}:\n{docs}");
    }
}

/// A configuration with a secrets directory says once, in every format
/// for people, that a variable set neither itself nor by `NAME_FILE` is
/// read from the file named like it there; one without says nothing of it.
#[test]
fn every_format_tells_of_the_secrets_directory() {
    let said = "When neither is set, it is read from /run/secrets/NAME, if that file exists.";
    for format in FORMATS.iter().filter(|format| **format != "json") {
        // Words, as the text table wraps them, and paths as markdown quotes them.
        let words = |docs: &str| {
            docs.split_whitespace()
                .filter(|word| *word != "#")
                .collect::<Vec<_>>()
                .join(" ")
                .replace('`', "")
        };
        let docs = words(&service_docs(format));
        assert_eq!(docs.matches(said).count(), 1, "{format}:\n{docs}");
        let ledger = ledger_docs(format);
        assert!(
            !ledger.contains("When neither is set"),
            "{format}:\n{ledger}"
        );
    }
}
