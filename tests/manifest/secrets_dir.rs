//! The service's `secrets_dir` (`/run/secrets`) in a manifest: what the
//! volume mounted there holds decides whether each secret is set, as the
//! kubelet writes the volume; a Secret's values are never read, nor shown.

use super::{check, deployment};

/// The container's env (the service's hosts) and the mount of the volume
/// `secrets` at `/run/secrets`.
const CONTAINER: &str = "\
env:
- name: BILLING_ALLOWED_HOSTS
  value: a.example.com
volumeMounts:
- name: secrets
  mountPath: /run/secrets
  readOnly: true
";

/// A Deployment whose volume `secrets` is `volume` (as under `- name:
/// secrets`), after the documents `docs`.
fn mounted(docs: &str, volume: &str) -> String {
    let pod = format!(
        "enableServiceLinks: false\nvolumes:\n- name: secrets\n{}",
        super::indent(volume, 2)
    );
    format!("{docs}{}", deployment(&pod, CONTAINER))
}

const SECRET_VOLUME: &str = "secret:\n  secretName: billing-secrets\n";

/// The Secret `billing-secrets` among the documents, with `keys`, each set
/// to a value that must never be shown.
fn secret(keys: &[&str]) -> String {
    let data: String = keys
        .iter()
        .map(|key| format!("  {key}: never-shown-{key}\n"))
        .collect();
    format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-secrets\nstringData:\n{data}---\n"
    )
}

#[test]
fn a_secret_outside_the_documents_is_external() {
    let run = check(&mounted("", SECRET_VOLUME), &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.report_line("PAYMENT_TOKEN"),
        "external PAYMENT_TOKEN /run/secrets/PAYMENT_TOKEN read from \
         /run/secrets/PAYMENT_TOKEN, if it is there: it is in the Secret volume secrets \
         (Secret billing-secrets), and the Secret billing-secrets is not among the documents"
    );
    // A secret with a default keeps it: the Secret may not have the key.
    assert!(
        run.report_line("BILLING_WEBHOOK_SIGNING_KEY")
            .starts_with("default ")
    );
}

#[test]
fn a_secret_among_the_documents_sets_the_keys_it_has() {
    let keys = [
        "BILLING_DATABASE_URL",
        "PAYMENT_TOKEN",
        "BILLING_WEBHOOK_SIGNING_KEY",
    ];
    let run = check(&mounted(&secret(&keys), SECRET_VOLUME), &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.report_line("PAYMENT_TOKEN"),
        "external PAYMENT_TOKEN /run/secrets/PAYMENT_TOKEN read from \
         /run/secrets/PAYMENT_TOKEN: the Secret billing-secrets (key PAYMENT_TOKEN), in the \
         Secret volume secrets (Secret billing-secrets)"
    );
    // Its key is there: the default does not apply.
    assert!(
        run.report_line("BILLING_WEBHOOK_SIGNING_KEY")
            .starts_with("external ")
    );
    assert!(!run.stdout.contains("never-shown"), "{}", run.stdout);

    // Without a key, the secret is missing, and the problem says why.
    let run = check(
        &mounted(&secret(&["BILLING_DATABASE_URL"]), SECRET_VOLUME),
        &[],
    );
    assert_eq!(run.code, 78, "{}", run.stdout);
    let line = run.report_line("PAYMENT_TOKEN");
    assert!(
        line.starts_with("missing PAYMENT_TOKEN - required but not set")
            && line.contains(
                "/run/secrets/PAYMENT_TOKEN is not there: the Secret volume secrets (Secret \
                 billing-secrets) is mounted at /run/secrets, and the Secret billing-secrets \
                 has no such key"
            ),
        "{line}"
    );
    assert!(!run.stdout.contains("never-shown"), "{}", run.stdout);
}

#[test]
fn a_config_map_mounted_instead_lacks_the_secrets() {
    let docs = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-config\ndata:\n  \
                BILLING_LOG_LEVEL: debug\n---\n";
    let run = check(&mounted(docs, "configMap:\n  name: billing-config\n"), &[]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    let line = run.report_line("BILLING_DATABASE_URL");
    assert!(
        line.contains(
            "the ConfigMap volume secrets (ConfigMap billing-config) is mounted at \
             /run/secrets, and the ConfigMap billing-config has no such key"
        ),
        "{line}"
    );
}

#[test]
fn items_that_do_not_list_a_key_leave_it_out() {
    let volume = "secret:\n  secretName: billing-secrets\n  items:\n  - key: url\n    \
                  path: BILLING_DATABASE_URL\n";
    // Outside the documents, the listed file is there; the other is not.
    let run = check(&mounted("", volume), &[]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    assert!(
        run.report_line("BILLING_DATABASE_URL")
            .starts_with("external BILLING_DATABASE_URL /run/secrets/BILLING_DATABASE_URL read from /run/secrets/BILLING_DATABASE_URL: the Secret billing-secrets (key url), which is not among the documents"),
        "{}",
        run.stdout
    );
    let line = run.report_line("PAYMENT_TOKEN");
    assert!(
        line.starts_with("missing ")
            && line.contains("the items of the Secret billing-secrets do not name that file"),
        "{line}"
    );
    // Among the documents, a listed key the Secret lacks keeps the pod
    // from starting.
    let run = check(&mounted(&secret(&["PAYMENT_TOKEN"]), volume), &[]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    let line = run.report_line("BILLING_DATABASE_URL");
    assert!(
        line.contains("name the key url, which the Secret billing-secrets does not have"),
        "{line}"
    );
}

/// The HTTPS group off: its secret is not looked for (no problem, not
/// external) even where nothing is mounted, and a variable of it that the
/// manifest sets is warned about, which `--strict` fails.
#[test]
fn an_off_group_takes_nothing_from_the_secrets_directory() {
    let docs = secret(&["BILLING_DATABASE_URL", "PAYMENT_TOKEN"]);
    let manifest = mounted(&docs, SECRET_VOLUME).replace(
        "  value: a.example.com\n",
        "  value: a.example.com\n          - name: BILLING_TLS_ENABLED\n            value: \"false\"\n",
    );
    let run = check(&manifest, &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.report_line("BILLING_TLS_KEY"),
        "default BILLING_TLS_KEY - optional, not set"
    );

    let set = manifest.replace(
        "            value: \"false\"\n",
        "            value: \"false\"\n          - name: BILLING_TLS_CERT_PATH\n            value: /etc/tls.crt\n",
    );
    let run = check(&set, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("BILLING_TLS_CERT_PATH is set but ignored: BILLING_TLS_ENABLED is false"),
        "{}",
        run.stdout
    );
    assert_eq!(check(&set, &["--strict"]).code, 78);
}

/// A projected volume at `/run/secrets` of the Secret `billing-secrets`
/// (not among the documents: the service's secrets) and the ConfigMap
/// `billing-config`.
const SECRET_AND_CONFIG: &str = "projected:\n  sources:\n  - secret:\n      name: billing-secrets\n  \
                                 - configMap:\n      name: billing-config\n";

/// The ConfigMap `billing-config` with `data` (YAML under `data:`).
fn config_map(data: &str) -> String {
    format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-config\ndata:\n{}---\n",
        super::indent(data, 2)
    )
}

/// A ConfigMap among the documents gives its files' values, checked as the
/// service reads them: `30` is no duration, and the pod would exit 78.
#[test]
fn a_config_map_mounted_in_the_secrets_directory_gives_its_values() {
    let run = check(
        &mounted(
            &config_map("BILLING_REQUEST_TIMEOUT: \"30\"\n"),
            SECRET_AND_CONFIG,
        ),
        &[],
    );
    assert_eq!(run.code, 78, "{}", run.stdout);
    let line = run.report_line("BILLING_REQUEST_TIMEOUT");
    assert!(
        line.starts_with(
            "invalid BILLING_REQUEST_TIMEOUT /run/secrets/BILLING_REQUEST_TIMEOUT invalid value \
             \"30\""
        ) && line.ends_with(
            "read from /run/secrets/BILLING_REQUEST_TIMEOUT: the ConfigMap billing-config (key \
             BILLING_REQUEST_TIMEOUT), in the projected volume secrets"
        ),
        "{line}"
    );

    // One final newline is not part of the value, as for `NAME_FILE`.
    let docs = config_map("BILLING_REQUEST_TIMEOUT: \"45s\\n\"\nBILLING_LOG_LEVEL: warn\n");
    let run = check(&mounted(&docs, SECRET_AND_CONFIG), &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.report_line("BILLING_REQUEST_TIMEOUT"),
        "ok BILLING_REQUEST_TIMEOUT /run/secrets/BILLING_REQUEST_TIMEOUT \"45s\""
    );
    assert_eq!(
        run.report_line("BILLING_LOG_LEVEL"),
        "ok BILLING_LOG_LEVEL /run/secrets/BILLING_LOG_LEVEL \"warn\""
    );
}

/// `NAME_FILE` naming a file of a ConfigMap volume among the documents,
/// with `items`: the listed key's value is checked, `binaryData` too.
#[test]
fn a_name_file_in_a_config_map_volume_gives_its_value() {
    let manifest = |docs: &str| {
        let pod = "enableServiceLinks: false\nvolumes:\n- name: secrets\n  secret:\n    \
                   secretName: billing-secrets\n- name: config\n  configMap:\n    name: \
                   billing-config\n    items:\n    - key: level\n      path: level.txt\n    \
                   - key: size\n      path: size\n";
        let container = "env:\n- name: BILLING_ALLOWED_HOSTS\n  value: a.example.com\n\
                         - name: BILLING_LOG_LEVEL_FILE\n  value: /etc/billing/level.txt\n\
                         - name: BILLING_MAX_BODY_SIZE_FILE\n  value: /etc/billing/size\n\
                         volumeMounts:\n- name: secrets\n  mountPath: /run/secrets\n\
                         - name: config\n  mountPath: /etc/billing\n";
        format!("{docs}{}", deployment(pod, container))
    };
    // `binaryData` `OE1p` is `8Mi`.
    let docs = |level: &str| {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-config\ndata:\n  \
             level: {level}\nbinaryData:\n  size: OE1p\n---\n"
        )
    };
    let run = check(&manifest(&docs("verbose")), &[]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    let line = run.report_line("BILLING_LOG_LEVEL");
    assert!(
        line.starts_with(
            "invalid BILLING_LOG_LEVEL BILLING_LOG_LEVEL_FILE invalid value \"verbose\""
        ) && line.contains(
            "set by BILLING_LOG_LEVEL_FILE: read from /etc/billing/level.txt: the ConfigMap \
                 billing-config (key level), in the ConfigMap volume config (ConfigMap \
                 billing-config)"
        ),
        "{line}"
    );
    let run = check(&manifest(&docs("debug")), &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.report_line("BILLING_LOG_LEVEL"),
        "ok BILLING_LOG_LEVEL BILLING_LOG_LEVEL_FILE \"debug\""
    );
    assert_eq!(
        run.report_line("BILLING_MAX_BODY_SIZE"),
        "ok BILLING_MAX_BODY_SIZE BILLING_MAX_BODY_SIZE_FILE \"8Mi\""
    );
}

/// A secret read from a ConfigMap's file is checked, and never shown: its
/// value is in no report form, nor under another name that reads the same
/// key (through a file or a `configMapKeyRef`, whichever the secret uses),
/// and a warning says it sits in plain text.
#[test]
fn a_secret_read_from_a_config_map_file_is_never_shown() {
    const CANARY: &str = "canary-5b1e0c";
    let docs = config_map(&format!(
        "PAYMENT_TOKEN: {CANARY}-token\nBILLING_CARD_ENCRYPTION_KEY: {CANARY}-key\nwebhook: \
         {CANARY}-webhook\ndsn: {CANARY}-dsn\n"
    ));
    let hosts = "- name: BILLING_ALLOWED_HOSTS\n            value: a.example.com\n";
    let from_key = |key: &str| {
        format!(
            "- name: BILLING_ALLOWED_HOSTS\n            valueFrom:\n              \
             configMapKeyRef: {{name: billing-config, key: {key}}}\n"
        )
    };
    let entry =
        |name: &str, value: &str| format!("          - name: {name}\n            value: {value}\n");
    let base = mounted(&docs, SECRET_AND_CONFIG);
    // The webhook key's file holds what BILLING_ALLOWED_HOSTS reads.
    let by_file = base.replace(
        hosts,
        &format!(
            "{}{}",
            from_key("webhook"),
            entry("BILLING_WEBHOOK_SIGNING_KEY_FILE", "/run/secrets/webhook")
        ),
    );
    // The other way round: the secret reads the key, the plain variable
    // its file.
    let by_reference = base.replace(
        hosts,
        &format!(
            "{}{}",
            entry("BILLING_ALLOWED_HOSTS_FILE", "/run/secrets/dsn").trim_start(),
            "          - name: BILLING_SENTRY_DSN\n            valueFrom:\n              \
             configMapKeyRef: {name: billing-config, key: dsn}\n"
        ),
    );
    assert_ne!(by_file, base);
    assert_ne!(by_reference, base);
    for (manifest, report) in [&by_file, &by_reference]
        .into_iter()
        .flat_map(|manifest| ["text", "json", "github"].map(|report| (manifest, report)))
    {
        let run = check(manifest, &["--report", report]);
        assert_eq!(run.code, 78, "{report}: {}", run.stdout);
        assert!(
            !run.stdout.contains(CANARY) && !run.stderr.contains(CANARY),
            "{report}: {}{}",
            run.stdout,
            run.stderr
        );
        assert!(
            run.stdout.contains("BILLING_CARD_ENCRYPTION_KEY"),
            "{report}: {}",
            run.stdout
        );
    }
    let run = check(&by_reference, &[]);
    assert!(
        run.report_line("BILLING_ALLOWED_HOSTS")
            .starts_with("ok BILLING_ALLOWED_HOSTS BILLING_ALLOWED_HOSTS_FILE <redacted>"),
        "{}",
        run.stdout
    );
    let run = check(&by_file, &[]);
    assert!(
        run.report_line("BILLING_ALLOWED_HOSTS")
            .ends_with(" <redacted>"),
        "{}",
        run.stdout
    );
    assert!(
        run.report_line("BILLING_CARD_ENCRYPTION_KEY")
            .starts_with("invalid BILLING_CARD_ENCRYPTION_KEY /run/secrets/BILLING_CARD_ENCRYPTION_KEY invalid value <redacted>"),
        "{}",
        run.stdout
    );
    for var in ["PAYMENT_TOKEN", "BILLING_WEBHOOK_SIGNING_KEY"] {
        assert!(run.report_line(var).starts_with("ok "), "{}", run.stdout);
        assert!(
            run.stdout.contains(&format!(
                "{var} is secret, but the ConfigMap billing-config"
            )),
            "{}",
            run.stdout
        );
    }
}
