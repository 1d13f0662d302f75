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
