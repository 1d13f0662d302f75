//! What Kubernetes would reject, what is not YAML, what is too big or
//! hostile, and Secret data, which never shows whatever is wrong.

use super::support::Env;
use super::*;

/// A `value:` that is not a string is rejected by the API server
/// (`value: 8080`, and `value: yes`, which kubectl reads as YAML 1.1 does):
/// a problem of the variable, or an error of the manifest when no variable
/// reads it.
#[test]
fn values_that_are_not_strings() {
    let run = check(
        &with_env(
            "- name: BILLING_PORT
  value: 8080
- name: BILLING_DEBUG
  value: yes
- name: BILLING_LOG_LEVEL
  value: \"8080\"
- name: BILLING_REQUEST_TIMEOUT
  value: '30s'
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: FEATURE_FLAGS
  value: [a, b]
- value: orphan
",
        ),
        &[],
    );
    assert_eq!(run.code, 78, "{run:?}");
    let line = |var: &str| run.report_line(var);
    assert!(
        line("BILLING_PORT").ends_with(
            "deploy.yaml:28 its `value` is a YAML number, not a string: Kubernetes rejects the \
             manifest (quote it)"
        ),
        "{}",
        run.stdout
    );
    assert!(line("BILLING_DEBUG").contains("its `value` is a YAML boolean, not a string"));
    assert!(line("BILLING_LOG_LEVEL").contains("invalid value \"8080\": not one of"));
    assert!(
        line("BILLING_REQUEST_TIMEOUT")
            .contains("it has both `value` and `valueFrom`: Kubernetes rejects the manifest")
    );
    let errors: Vec<&str> = other_lines(&run)
        .into_iter()
        .filter(|line| line.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{}", run.stdout);
    assert!(errors[0].ends_with(
        "deploy.yaml:39: FEATURE_FLAGS: its `value` is a YAML sequence, not a string: \
         Kubernetes rejects the manifest (quote it)"
    ));
    assert!(
        errors[1].ends_with(
            "deploy.yaml:41: an env entry without a name: Kubernetes rejects the manifest"
        )
    );
    // The one warning: BILLING_DEBUG, which is set, is deprecated.
    // FEATURE_FLAGS is no name of the configuration's, nor close to one.
    assert!(
        run.stdout
            .contains("FAILED: 4 of 19 variables have problems, 2 errors, 1 warning;"),
        "{}",
        run.stdout
    );

    // An error of the manifest fails the check on its own. The warnings:
    // FEATURE_FLAGS, and BILLING_PORT, which has the shape of a service link.
    let run = check(&with_env("- name: FEATURE_FLAGS\n  value: true\n"), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout.ends_with(
            "FAILED: 1 error in the manifest, 1 warning; the container would not start\n"
        ),
        "{}",
        run.stdout
    );
}

/// Malformed YAML names the document and the line, never the text.
#[test]
fn malformed_yaml_names_the_document_and_line() {
    let manifest = format!(
        "{}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  A: \"canary-unclosed\n",
        with_env("")
    );
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: ")
            && run.stderr.contains(
                "deploy.yaml: document 2, line 33: not valid YAML: while scanning a quoted scalar \
                 (from line 32), found unexpected end of stream"
            ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("canary"));

    let run = check(
        "kind: Pod\nspec:\n  containers: [\n    {name: api\n  ]\n",
        &[],
    );
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stderr.contains("document 1, line 5: not valid YAML"),
        "{}",
        run.stderr
    );

    // Twice the same key: kubectl reads the later value, as go-yaml does.
    let run = check(
        &with_env("- name: BILLING_PORT\n  value: \"99999\"\n  value: \"8443\"\n"),
        &[],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let line = run.report_line("BILLING_PORT");
    assert!(
        line.starts_with("ok ") && line.ends_with(" \"8443\""),
        "{line}"
    );
}

/// Anchors and aliases cannot blow up memory: a "billion laughs" is
/// refused at once.
#[test]
fn billion_laughs() {
    let mut manifest = String::from(
        "kind: ConfigMap\ndata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for level in 1..9 {
        let items = vec![format!("*a{}", level - 1); 10].join(", ");
        manifest.push_str(&format!("  a{level}: &a{level} [{items}]\n"));
    }
    manifest.push_str(&format!("---\n{}", with_env("")));
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stderr.contains(
            "document 1, line 8: not valid YAML: its aliases expand it to more than 1000000 \
             nodes (a \"billion laughs\")"
        ),
        "{}",
        run.stderr
    );
}

/// Huge or endless input is bounded: a manifest over 16 MiB (a file or
/// stdin), a device that never ends (refused before it is read), a stream
/// of a million nodes.
#[test]
fn huge_and_endless_input() {
    let env = Env::new(&[]);
    let huge = format!("{}# {}\n", with_env(""), "x".repeat(17 * 1024 * 1024));
    let path = env.file("huge.yaml", &huge);
    let path = path.to_str().expect("a UTF-8 temporary path");
    for (args, input, reason) in [
        (
            &["--check-env", "--manifest", path][..],
            "",
            "it is larger than the 16 MiB limit",
        ),
        (
            &["--check-env", "--manifest", "/dev/zero"][..],
            "",
            "it is a device, not a regular file",
        ),
        (
            &["--check-env", "--manifest", "-"][..],
            huge.as_str(),
            "it is larger than the 16 MiB limit",
        ),
    ] {
        let run = env.run_stdin(args, input);
        assert_eq!(run.code, 78, "{args:?}: {run:?}");
        assert!(run.stderr.contains(reason), "{args:?}: {}", run.stderr);
    }

    let nodes = format!(
        "{}---\nkind: ConfigMap\ndata: [{}0]\n",
        with_env(""),
        "0,".repeat(1_000_000)
    );
    let run = env.run_stdin(&["--check-env", "--manifest", "-"], &nodes);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stderr.contains(
            "document 2, line 30: not valid YAML: the manifest has more than 1000000 YAML nodes"
        ),
        "{}",
        run.stderr
    );
}

/// A named pipe that nothing writes to would block a read forever: given
/// to `--manifest` or `--env-file`, it is refused at once, and the
/// operator is told to pipe it to stdin instead.
#[test]
fn a_named_pipe_is_refused_at_once() {
    for flag in ["--manifest", "--env-file"] {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let env = Env::new(&[]);
            let fifo = env.dir.path().join("input.fifo");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .expect("mkfifo runs");
            assert!(made.success());
            let fifo = fifo.to_str().expect("a UTF-8 temporary path");
            sender.send(env.run(&["--check-env", flag, fifo]))
        });
        // Only a hang fails here: the run takes milliseconds.
        let run = receiver
            .recv_timeout(std::time::Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("--check-env {flag} blocks on a named pipe"));
        assert_eq!(run.code, 78, "{flag}: {run:?}");
        assert!(
            run.stderr
                .contains("it is a pipe, which could block: pass it on stdin as `-`"),
            "{flag}: {}",
            run.stderr
        );
    }
}

/// A Secret's `data` and `stringData` never appear in any output, whatever
/// is wrong with the Secret or the manifest.
#[test]
fn secret_data_never_shows() {
    // `Y2FuYXJ5LWRhdGE=` is base64 for `canary-data`.
    let secret = "apiVersion: v1
kind: Secret
metadata:
  name: billing-secrets
type: Opaque
data:
  database-url: Y2FuYXJ5LWRhdGE=
  odd: canary-not-base64
  number: 12345
stringData:
  payment-token: canary-string-data
  nested: {canary-key-value: canary-nested}
---
";
    let wanting = |key: &str| {
        format!(
            "- name: BILLING_DATABASE_URL\n  valueFrom:\n    secretKeyRef:\n      name: \
             billing-secrets\n      key: {key}\n- name: BILLING_ALLOWED_HOSTS\n  value: a\n"
        )
    };
    let env_from = "envFrom:\n  - secretRef:\n      name: billing-secrets\n    prefix: BILLING_\n";
    let manifests = [
        format!("{secret}{}", with_env("")),
        format!(
            "{secret}{}",
            deployment(
                "",
                &format!("env:\n{}", indent(&wanting("database-url"), 2))
            )
        ),
        format!(
            "{secret}{}",
            deployment("", &format!("env:\n{}", indent(&wanting("missing"), 2)))
        ),
        format!("{secret}{}", deployment("", env_from)),
        format!(
            "{secret}{}",
            deployment(
                "",
                &format!("{env_from}env:\n{}", indent(&wanting("odd"), 2))
            )
        ),
        // Malformed, in the Secret and after it.
        secret.replace("  odd: canary-not-base64", "  odd: \"canary-unclosed"),
        secret.replace("  number: 12345", "  number: 12345\n odd: canary-indented"),
        secret.replace("  number: 12345", "  number: 12345\n  number: canary-twice"),
        secret.replace("  number: 12345", "  number: @canary-reserved"),
        format!(
            "{secret}{}",
            with_env("- name: X\n  value: \"canary-unclosed")
        ),
        format!("{secret}kind: Pod\n"),
    ];
    for manifest in &manifests {
        for flags in [&[][..], &["--strict"][..], &["--container", "nope"][..]] {
            let run = check(manifest, flags);
            assert!(
                !run.stdout.contains("canary") && !run.stderr.contains("canary"),
                "{manifest}\n{run:?}"
            );
        }
    }
    // And through the paths that could show it: a key that is missing is
    // named, a key that is there is unchecked.
    let run = check(&manifests[2], &[]);
    assert!(run.report_line("BILLING_DATABASE_URL").contains(
        "the Secret billing-secrets has no key missing, and the reference is not optional"
    ));
    let run = check(&manifests[3], &[]);
    assert!(
        run.report_line("PAYMENT_TOKEN").starts_with("missing"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("warning: BILLING_payment-token is set but is not a variable")
    );
}
