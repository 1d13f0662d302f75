//! The `k8s` and `k8s-files` formats, read back as YAML.

use super::super::fixtures::{self, var};
use super::*;
use yaml_rust2::{Yaml, YamlLoader};

/// A Deployment with one container, `output` pasted where its
/// documentation says: among the container's keys (followed by one
/// more) for `k8s`, at the end of the container for `k8s-files`.
pub(crate) fn in_deployment(output: &str, secrets: Secrets) -> String {
    let after = match secrets {
        Secrets::KeyRefs => "        ports:\n        - containerPort: 8080\n",
        Secrets::Files => "",
    };
    format!(
        "apiVersion: apps/v1\n\
         kind: Deployment\n\
         metadata:\n  name: billing\n\
         spec:\n  selector:\n    matchLabels:\n      app: billing\n  \
         template:\n    metadata:\n      labels:\n        app: billing\n    \
         spec:\n      containers:\n      - name: billing\n        image: billing:1.0\n\
         {output}{after}"
    )
}

/// The pod spec of the Deployment `output` is pasted into.
pub(crate) fn pod_spec(output: &str, secrets: Secrets) -> Yaml {
    let manifest = in_deployment(output, secrets);
    let mut documents = YamlLoader::load_from_str(&manifest)
        .unwrap_or_else(|e| panic!("invalid YAML: {e}\n{manifest}"));
    assert_eq!(documents.len(), 1, "{manifest}");
    let pod = documents.remove(0)["spec"]["template"]["spec"].clone();
    let container = &pod["containers"][0];
    assert_eq!(container["name"].as_str(), Some("billing"), "{manifest}");
    assert_eq!(
        container["image"].as_str(),
        Some("billing:1.0"),
        "{manifest}"
    );
    if secrets == Secrets::KeyRefs {
        assert_eq!(
            container["ports"][0]["containerPort"].as_i64(),
            Some(8080),
            "{manifest}"
        );
    }
    pod
}

fn env(output: &str, secrets: Secrets) -> Vec<Yaml> {
    let pod = pod_spec(output, secrets);
    match &pod["containers"][0]["env"] {
        Yaml::Array(env) => env.clone(),
        Yaml::Null => Vec::new(),
        other => panic!("env is not a list: {other:?}\n{output}"),
    }
}

/// Every commented-out entry uncommented.
pub(crate) fn uncommented(output: &str) -> String {
    output
        .lines()
        .map(|line| match line.strip_prefix(CONTAINER) {
            Some(rest) if rest.starts_with("# - ") || rest.starts_with("#   ") => {
                format!("{CONTAINER}{}\n", &rest[2..])
            }
            _ => format!("{line}\n"),
        })
        .collect()
}

#[test]
fn required_variables_and_secrets_are_entries_the_others_comments() {
    let docs = fixtures::billing();
    let text = render(&docs, Secrets::KeyRefs);
    let env = env(&text, Secrets::KeyRefs);
    let active: Vec<&VarDoc> = docs
        .vars()
        .iter()
        .filter(|var| var.secret || var.required)
        .collect();
    assert_eq!(env.len(), active.len(), "{text}");
    for (entry, var) in env.iter().zip(active) {
        assert_eq!(entry["name"].as_str(), Some(var.name.as_str()), "{text}");
        if var.secret {
            let reference = &entry["valueFrom"]["secretKeyRef"];
            assert_eq!(reference["name"].as_str(), Some("billing-secrets"));
            assert_eq!(reference["key"].as_str(), Some(var.name.as_str()));
            let optional = reference["optional"].as_bool();
            let may_be_absent = !var.required && var.required_when.is_none();
            assert_eq!(optional, may_be_absent.then_some(true), "{}", var.name);
            assert!(
                entry["value"].is_badvalue(),
                "{}: a secret has no value",
                var.name
            );
        } else {
            assert_eq!(entry["value"].as_str(), Some(""), "{}", var.name);
        }
    }
}

#[test]
fn uncommented_entries_pin_the_defaults() {
    let docs = fixtures::billing();
    let text = uncommented(&render(&docs, Secrets::KeyRefs));
    let env = env(&text, Secrets::KeyRefs);
    assert_eq!(env.len(), docs.vars().len(), "{text}");
    for (entry, var) in env.iter().zip(docs.vars()) {
        assert_eq!(entry["name"].as_str(), Some(var.name.as_str()), "{text}");
        if !var.secret {
            // Empty, so that a default written in Rust applies; each
            // `$` doubled, which the kubelet reads as one.
            let expected = var.default_value().unwrap_or("").replace('$', "$$");
            assert_eq!(entry["value"].as_str(), Some(&*expected), "{}", var.name);
        }
    }
}

#[test]
fn looks_like_a_hand_written_manifest() {
    let text = render(&fixtures::billing(), Secrets::KeyRefs);
    assert!(
        text.contains(
            "        env:\n        \
             # Port the HTTP server listens on.\n        \
             # integer 0..=65535, default 8080\n        \
             # - name: BILLING_PORT\n        \
             #   value: \"8080\"\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "        - name: BILLING_DATABASE_URL\n          \
             valueFrom:\n            \
             secretKeyRef:\n              \
             name: billing-secrets\n              \
             key: BILLING_DATABASE_URL\n        #"
        ),
        "{text}"
    );
    assert!(text.contains("# Secrets are read from the Secret \"billing-secrets\""));
    // Every line is at a container's indentation or deeper.
    for line in text.lines() {
        assert!(line.starts_with(CONTAINER), "{line:?}");
    }
}

#[test]
fn secrets_as_files_of_a_mounted_secret() {
    let docs = fixtures::billing();
    let text = render(&docs, Secrets::Files);
    let pod = pod_spec(&text, Secrets::Files);
    let container = &pod["containers"][0];
    let env = container["env"].as_vec().expect("an env list");
    let file = |name: &str| {
        env.iter()
            .find(|entry| entry["name"].as_str() == Some(name))
            .map(|entry| entry["value"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(
        file("BILLING_DATABASE_URL_FILE").as_deref(),
        Some("/run/secrets/billing-secrets/BILLING_DATABASE_URL")
    );
    // An optional secret's file may be missing: commented out.
    assert_eq!(file("BILLING_SENTRY_DSN_FILE"), None);
    assert!(
        text.contains(
            "        # - name: BILLING_SENTRY_DSN_FILE\n        \
             #   value: \"/run/secrets/billing-secrets/BILLING_SENTRY_DSN\"\n"
        ),
        "{text}"
    );
    assert!(env.iter().all(|entry| entry["valueFrom"].is_badvalue()));
    let mount = &container["volumeMounts"][0];
    assert_eq!(mount["name"].as_str(), Some("billing-secrets"));
    assert_eq!(
        mount["mountPath"].as_str(),
        Some("/run/secrets/billing-secrets")
    );
    assert_eq!(mount["readOnly"].as_bool(), Some(true));
    let volume = &pod["volumes"][0];
    assert_eq!(volume["name"].as_str(), Some("billing-secrets"));
    assert_eq!(
        volume["secret"]["secretName"].as_str(),
        Some("billing-secrets")
    );

    // Uncommented, every optional secret has its file too.
    let env = self::env(&uncommented(&text), Secrets::Files);
    assert_eq!(env.len(), docs.vars().len());
}

#[test]
fn values_and_names_stay_strings() {
    let mut docs = Docs::new("");
    for (name, default) in [
        ("PORT", "8080"),
        ("DEBUG", "true"),
        ("NOTHING", "null"),
        ("RATIO", "1e3"),
        ("ON", "~"),
        ("weird name: #1", "- [a, b]: {c}"),
        ("LINES", "a\nb\u{2028}c \"q\" \\"),
    ] {
        docs.vars.push(super::super::VarDoc {
            default: Some(default.into()),
            default_is_value: true,
            ..var(name, "string")
        });
    }
    let env = env(
        &uncommented(&render(&docs, Secrets::KeyRefs)),
        Secrets::KeyRefs,
    );
    assert_eq!(env.len(), docs.vars().len());
    for (entry, var) in env.iter().zip(docs.vars()) {
        assert_eq!(entry["name"].as_str(), Some(var.name.as_str()));
        assert_eq!(entry["value"].as_str(), var.default.as_deref());
    }
}

#[test]
fn empty_docs_are_an_empty_list() {
    for secrets in [Secrets::KeyRefs, Secrets::Files] {
        assert_eq!(env(&render(&Docs::new("APP_"), secrets), secrets), []);
    }
}

/// A group's secret is commented out; uncommented, which switches the
/// group on, it is required: a missing key is no `optional: true` away.
#[test]
fn a_groups_secret_is_required_once_uncommented() {
    let mut docs = Docs::new("APP_");
    let mut key = var("APP_TLS_KEY", "string");
    key.secret = true;
    key.required_when = Some("APP_TLS_ENABLED is true".to_owned());
    key.group = Some("TLS".to_owned());
    let mut password = var("APP_TLS_PASSWORD", "string");
    password.secret = true;
    password.group = Some("TLS".to_owned());
    docs.vars = vec![key, password];
    let text = render(&docs, Secrets::KeyRefs);
    assert_eq!(env(&text, Secrets::KeyRefs).len(), 1, "{text}");
    let env = env(&uncommented(&text), Secrets::KeyRefs);
    let optional: Vec<Option<bool>> = env
        .iter()
        .map(|entry| entry["valueFrom"]["secretKeyRef"]["optional"].as_bool())
        .collect();
    assert_eq!(optional, [None, Some(true)], "{text}");
}

#[test]
fn the_secret_is_named_after_the_prefix() {
    let cases = [
        ("BILLING_", "billing-secrets"),
        ("MY_APP_", "my-app-secrets"),
        ("", "app-secrets"),
        ("__", "app-secrets"),
        ("Caf\u{e9}_1", "caf-1-secrets"),
    ];
    for (prefix, expected) in cases {
        assert_eq!(secret_name(prefix), expected, "{prefix:?}");
    }
}

/// Whether `name` is a DNS-1123 label, as Kubernetes checks a volume's
/// name (`IsDNS1123Label`): at most 63 characters.
fn is_dns1123_label(name: &str) -> bool {
    name.len() <= 63 && is_dns1123_word(name)
}

/// Whether `name` is a DNS-1123 subdomain, as Kubernetes checks a
/// Secret's name (`IsDNS1123Subdomain`): words joined by dots, 253
/// characters at most.
fn is_dns1123_subdomain(name: &str) -> bool {
    name.len() <= 253 && name.split('.').all(is_dns1123_word)
}

/// Lowercase letters, digits and `-`, starting and ending with a letter
/// or digit: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`.
fn is_dns1123_word(word: &str) -> bool {
    let alphanumeric = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    !word.is_empty()
        && word.chars().all(|c| alphanumeric(c) || c == '-')
        && word.starts_with(alphanumeric)
        && word.ends_with(alphanumeric)
}

#[test]
fn volume_and_secret_names_are_valid_whatever_the_prefix() {
    let long = "LEDGER_RECONCILIATION_WORKER_FOR_THE_EUROPEAN_PAYMENTS_PLATFORM_";
    let prefixes = [
        "",
        "BILLING_",
        long,
        &long.repeat(5),
        "A..B_",
        "_-_.",
        "X_____________________________________________________________________Y_",
        "Caf\u{e9}_1",
    ];
    for prefix in prefixes {
        let secret = secret_name(prefix);
        let volume = volume_name(&secret);
        assert!(is_dns1123_subdomain(&secret), "{prefix:?}: {secret}");
        assert!(is_dns1123_label(&volume), "{prefix:?}: {volume}");
        assert!(volume.ends_with("-secrets"), "{volume}");
        let text = render(
            &Docs {
                prefix: prefix.to_owned(),
                vars: vec![VarDoc {
                    secret: true,
                    required: true,
                    ..var(&format!("{prefix}TOKEN"), "string")
                }],
                ..Docs::default()
            },
            Secrets::Files,
        );
        let pod = pod_spec(&text, Secrets::Files);
        let mounted = pod["containers"][0]["volumeMounts"][0]["name"].as_str();
        assert_eq!(mounted, Some(volume.as_str()), "{text}");
        assert_eq!(pod["volumes"][0]["name"].as_str(), Some(volume.as_str()));
        assert_eq!(
            pod["volumes"][0]["secret"]["secretName"].as_str(),
            Some(secret.as_str())
        );
    }
    assert_eq!(
        volume_name(&secret_name(long)),
        "ledger-reconciliation-worker-for-the-european-payments-secrets"
    );
}

/// A variable named like another's `NAME_FILE` is listed once: the
/// second entry of one name is a comment.
#[test]
fn no_name_is_listed_twice() {
    let mut docs = Docs::new("APP_");
    docs.vars.push(VarDoc {
        secret: true,
        required: true,
        ..var("APP_TOKEN", "string")
    });
    docs.vars.push(VarDoc {
        required: true,
        ..var("APP_TOKEN_FILE", "path")
    });
    for secrets in [Secrets::KeyRefs, Secrets::Files] {
        let text = uncommented(&render(&docs, secrets));
        let env = env(&text, secrets);
        let mut names: Vec<&str> = env
            .iter()
            .filter_map(|entry| entry["name"].as_str())
            .collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all, "{text}");
    }
    let text = render(&docs, Secrets::Files);
    assert!(
        text.contains("# APP_TOKEN_FILE is listed above: a container sets a name once.\n"),
        "{text}"
    );
}
