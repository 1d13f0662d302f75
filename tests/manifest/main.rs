//! `--check-env --manifest PATH` end to end (feature `k8s`): the service
//! example checks the container of real manifests, written as files (or
//! piped to stdin), as a CI job would before they reach a cluster.
//!
//! - `streams.rs`: the shapes manifests come in (a Deployment, a CronJob,
//!   a pod of several containers, `helm template` and `kubectl kustomize`
//!   output, the service's own `--print-env-docs=k8s`);
//! - `environment.rs`: the container's environment as the kubelet builds
//!   it (`envFrom`, `$(NAME)`, references, `NAME_FILE`) and the report;
//! - `bad_input.rs`: what Kubernetes would reject, malformed, huge and
//!   hostile input, and Secret data that never shows;
//! - `kubelet.rs`: what the cluster adds and refuses: service links, the
//!   API server's rules for entries and container names, a later source
//!   outside the documents, manifests built to exhaust memory;
//! - `kubectl_yaml.rs`: YAML read as kubectl reads it;
//! - `secrets_dir.rs`: the service's secrets directory, and what the
//!   volume mounted there holds.

#[path = "../support/mod.rs"]
mod support;

mod api_server;
mod bad_input;
mod environment;
mod kubectl_yaml;
mod kubelet;
mod secrets_dir;
mod streams;

use support::{Env, Run};

/// The env entries the service needs to start: its secrets from a Secret
/// that is not among the documents, its hosts as a literal.
const NEEDED: &str = "\
- name: BILLING_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: billing-secrets
      key: database-url
- name: PAYMENT_TOKEN
  valueFrom:
    secretKeyRef:
      name: billing-secrets
      key: payment-token
- name: BILLING_ALLOWED_HOSTS
  value: a.example.com,b.example.com
";

/// A Deployment `billing` whose pod spec has `pod` (YAML, as under
/// `spec:`, unindented) and one container `api` with `container` (as under
/// `- name: api`).
fn deployment(pod: &str, container: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: billing\nspec:\n  \
         selector: {{matchLabels: {{app: billing}}}}\n  template:\n    metadata:\n      labels:\n        app: billing\n    \
         spec:\n{}      containers:\n        - name: api\n          image: billing:1.4.2\n{}",
        indent(pod, 6),
        indent(container, 10)
    )
}

/// A Deployment whose pod spec has `pod` (unindented) and whose container
/// has `env:` with the needed entries.
fn with_pod(pod: &str) -> String {
    deployment(pod, &format!("env:\n{}", indent(NEEDED, 2)))
}

/// A Deployment whose container has `env:` with the needed entries, then
/// `extra` entries.
fn with_env(extra: &str) -> String {
    deployment(
        "",
        &format!("env:\n{}", indent(&format!("{NEEDED}{extra}"), 2)),
    )
}

/// `text` with every line that is not empty indented by `by` spaces.
fn indent(text: &str, by: usize) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                "\n".to_owned()
            } else {
                format!("{:by$}{line}\n", "")
            }
        })
        .collect()
}

/// `--check-env --manifest deploy.yaml` with `flags`, in an empty
/// environment.
fn check(manifest: &str, flags: &[&str]) -> Run {
    let env = Env::new(&[]);
    check_in(&env, manifest, flags)
}

fn check_in(env: &Env, manifest: &str, flags: &[&str]) -> Run {
    let path = env.file("deploy.yaml", manifest);
    let path = path.to_str().expect("a UTF-8 temporary path").to_owned();
    let mut args = vec!["--check-env", "--manifest", &path];
    args.extend_from_slice(flags);
    env.run(&args)
}

/// The report's lines that are not about one variable: its header, its
/// warnings and errors, its summary.
fn other_lines(run: &Run) -> Vec<&str> {
    run.stdout
        .lines()
        .filter(|line| !line.starts_with("  "))
        .collect()
}
