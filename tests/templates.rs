//! The library's own templates, filled in as an operator fills them in,
//! pass `--check-env --strict`; the same with one broken value fail. A
//! gate that fails on what the library itself wrote would be switched off.

mod support;

use support::{Env, Run};

/// The template `format` of the service, with nothing in its environment.
fn template(env: &Env, format: &str) -> String {
    let run = env.run(&[&format!("--print-env-docs={format}")]);
    assert_eq!(run.code, 0, "{run:?}");
    run.stdout
}

/// `text` with each `from` replaced by its `to`; every `from` must be there.
fn filled(text: &str, fills: &[(&str, &str)]) -> String {
    let mut text = text.to_owned();
    for (from, to) in fills {
        assert!(text.contains(from), "{from:?} is not in\n{text}");
        text = text.replacen(from, to, 1);
    }
    text
}

fn check_file(env: &Env, name: &str, text: &str, extra: &[&str]) -> Run {
    let file = env.file(name, text);
    let mut args = vec!["--check-env", "--strict", "--env-file"];
    args.push(file.to_str().expect("a UTF-8 path"));
    args.extend_from_slice(extra);
    env.run(&args)
}

/// The required values, an optional secret and a default changed, as a
/// person fills in an env file template.
const ENV_FILE_FILLS: &[(&str, &str)] = &[
    (
        "\nBILLING_DATABASE_URL=\n",
        "\nBILLING_DATABASE_URL=postgres://billing@db:5432/billing\n",
    ),
    ("\nPAYMENT_TOKEN=\n", "\nPAYMENT_TOKEN=tok_live_1\n"),
    (
        "\nBILLING_ALLOWED_HOSTS=\n",
        "\nBILLING_ALLOWED_HOSTS=shop.example.com,api.example.com\n",
    ),
    (
        "# BILLING_REQUEST_TIMEOUT=30s\n",
        "BILLING_REQUEST_TIMEOUT=45s\n",
    ),
    (
        "# BILLING_SENTRY_DSN=\n",
        "BILLING_SENTRY_DSN=https://k@sentry.example.com/1\n",
    ),
];

#[test]
fn the_dotenv_template_filled_in_passes_strict() {
    let env = Env::new(&[]);
    let text = filled(&template(&env, "dotenv"), ENV_FILE_FILLS);
    let run = check_file(&env, "deploy.env", &text, &[]);
    assert_eq!(run.code, 0, "{}\n{text}", run.stdout);
    assert!(
        run.stdout.ends_with("OK: all 19 variables would load\n"),
        "{}",
        run.stdout
    );

    let broken = filled(
        &text,
        &[("BILLING_REQUEST_TIMEOUT=45s", "BILLING_REQUEST_TIMEOUT=45")],
    );
    let run = check_file(&env, "deploy.env", &broken, &[]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    assert!(
        run.report_line("BILLING_REQUEST_TIMEOUT")
            .starts_with("invalid ")
    );
}

/// As `docker run --env-file` reads it: checked with `--env-format docker`,
/// a value with an apostrophe or quotes is taken as written.
#[test]
fn the_docker_env_template_filled_in_passes_strict() {
    let env = Env::new(&[]);
    let mut fills = ENV_FILE_FILLS.to_vec();
    fills.push(("# BILLING_LOG_LEVEL=info\n", "BILLING_LOG_LEVEL=warn\n"));
    let text = filled(&template(&env, "docker-env"), &fills);
    let text = text.replace(
        "PAYMENT_TOKEN=tok_live_1",
        "PAYMENT_TOKEN=it's \"quoted\" $NOT_EXPANDED",
    );
    let run = check_file(&env, "deploy.env", &text, &["--env-format", "docker"]);
    assert_eq!(run.code, 0, "{}\n{text}", run.stdout);
    assert!(
        run.stdout.ends_with("OK: all 19 variables would load\n"),
        "{}",
        run.stdout
    );
    // Read as dotenvy would, the apostrophe opens a quote that never
    // closes: the format matters.
    let run = check_file(&env, "deploy.env", &text, &[]);
    assert_eq!(run.code, 78, "{}", run.stdout);

    let broken = filled(
        &text,
        &[("BILLING_LOG_LEVEL=warn", "BILLING_LOG_LEVEL=\"warn\"")],
    );
    let run = check_file(&env, "deploy.env", &broken, &["--env-format", "docker"]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    assert!(run.report_line("BILLING_LOG_LEVEL").starts_with("invalid "));
}

/// Names that are none of the configuration's are not its business: how
/// a deployment's file sets them (a reference the file does not settle, a
/// name set twice, shell syntax) fails no `--strict`.
#[test]
fn other_names_fail_no_strict_check() {
    let env = Env::new(&[]);
    let text = filled(&template(&env, "dotenv"), ENV_FILE_FILLS);
    let text = format!(
        "{text}JAVA_OPTS=-Xmx${{MEM}}\nPOD_NAME=$HOSTNAME\nLANG=C\nLANG=C.UTF-8\nTZ=${{ZONE:-UTC}}\n"
    );
    let run = check_file(&env, "deploy.env", &text, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("warning:"), "{}", run.stdout);
    // The configuration's own names still are.
    let twice = format!("{text}BILLING_LOG_LEVEL=warn\nBILLING_LOG_LEVEL=info\n");
    let run = check_file(&env, "deploy.env", &twice, &[]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    assert!(
        run.stdout.contains("BILLING_LOG_LEVEL more than once"),
        "{}",
        run.stdout
    );
}

/// The `ledger` example reads one variable with two fields (a nested
/// struct's port and the struct's own): that is the code's design, which
/// no deployment can change, so its filled-in templates pass `--strict`.
#[test]
fn a_variable_two_fields_read_fails_no_strict_check() {
    let env = Env::new(&[]);
    let ledger = support::example_binary("ledger", &[]);
    let key = "LEDGER_RECONCILIATION_WORKER_FOR_THE_EUROPEAN_PAYMENTS_PLATFORM_SIGNING_KEY=";
    for (format, extra) in [
        ("dotenv", &[][..]),
        ("docker-env", &["--env-format", "docker"]),
    ] {
        let template = env.run_binary(&ledger, &[&format!("--print-env-docs={format}")]);
        assert_eq!(template.code, 0, "{template:?}");
        let text = filled(
            &template.stdout,
            &[(key, &format!("{key}{}", "k".repeat(36)))],
        );
        let file = env.file("ledger.env", &text);
        let mut args = vec!["--check-env", "--strict", "--env-file"];
        args.push(file.to_str().expect("a UTF-8 path"));
        args.extend_from_slice(extra);
        let run = env.run_binary(&ledger, &args);
        assert_eq!(run.code, 0, "{format}: {}\n{text}", run.stdout);
    }
}

/// A variable that two fields of the `ledger` example read is one
/// variable to an operator: one row of the check report and of
/// `--print-config`, and one problem when its value is wrong.
#[test]
fn a_variable_two_fields_read_is_one_row_and_one_problem() {
    let prefix = "LEDGER_RECONCILIATION_WORKER_FOR_THE_EUROPEAN_PAYMENTS_PLATFORM_";
    let port = format!("{prefix}DB_PORT");
    let key = format!("{prefix}SIGNING_KEY");
    let env = Env::new(&[(&port, "x"), (&key, &"k".repeat(36))]);
    let ledger = support::example_binary("ledger", &[]);
    let check = env.run_binary(&ledger, &["--check-env"]);
    assert_eq!(check.code, 78, "{check:?}");
    assert!(
        check.report_line(&port).starts_with("invalid "),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.ends_with(
            "FAILED: 1 of 5 variables has a problem; the configuration would not load\n"
        ),
        "{}",
        check.stdout
    );
    for run in [
        env.run_binary(&ledger, &["--print-config"]),
        env.run_binary(&ledger, &[]),
    ] {
        assert_eq!(run.code, 78, "{run:?}");
        let rows = run.stdout.lines().filter(|line| line.starts_with(&port));
        assert!(rows.count() <= 1, "{}", run.stdout);
        assert_eq!(
            run.stderr.matches(port.as_str()).count(),
            1,
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("(1 problem)"), "{}", run.stderr);
    }
}

/// `docker run --env-file` stops at a malformed line and creates no
/// container, whatever name the line has: the check fails without
/// `--strict`, naming the line, where a dotenv file's loader skips it.
#[test]
fn a_malformed_line_fails_a_docker_env_file() {
    let env = Env::new(&[]);
    let text = filled(&template(&env, "docker-env"), ENV_FILE_FILLS);
    for (line, reason) in [
        ("JAVA OPTS=-Xmx1g\n", "a space or tab in the name"),
        ("=oops\n", "no name before `=`"),
    ] {
        let broken = format!("{text}{line}");
        let at = broken.lines().count();
        let file = env.file("deploy.env", &broken);
        let file = file.to_str().expect("a UTF-8 path");
        let args = ["--check-env", "--env-file", file, "--env-format", "docker"];
        let run = env.run(&args);
        assert_eq!(run.code, 78, "{line}: {}", run.stdout);
        let error = format!("error: {file}:{at}: {reason}");
        assert!(run.stdout.contains(&error), "{error} in {}", run.stdout);
        assert!(
            run.stdout.contains("docker refuses the whole file")
                && run
                    .stdout
                    .ends_with("FAILED: 1 error in the env file; the container would not start\n"),
            "{}",
            run.stdout
        );
        assert!(
            !run.stdout.contains("the line is ignored"),
            "{}",
            run.stdout
        );
        let github = env.run(&[&args[..], &["--report", "github"]].concat());
        assert_eq!(github.code, 78);
        let annotation = format!("::error file={file},line={at}::");
        assert!(github.stdout.contains(&annotation), "{}", github.stdout);
    }
    // A non-UTF-8 comment too: docker reads the file as UTF-8 first.
    let mut bytes = text.clone().into_bytes();
    bytes.extend_from_slice(b"# caf\xe9\n");
    let path = env.dir.path().join("latin1.env");
    std::fs::write(&path, bytes).expect("a file");
    let path = path.to_str().expect("a UTF-8 path");
    let run = env.run(&["--check-env", "--env-file", path, "--env-format", "docker"]);
    assert_eq!(run.code, 78, "{}", run.stdout);
}

/// A Deployment around the container `api`, with `container` (the
/// template, filled in) pasted under its `image:`, and the pod-level
/// lines `pod` (a `volumes:` list).
#[cfg(feature = "k8s")]
fn deployment(container: &str, pod: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: billing\nspec:\n  \
         selector:\n    matchLabels:\n      app: billing\n  template:\n    metadata:\n      labels:\n        app: billing\n    spec:\n      enableServiceLinks: false\n      containers:\n      \
         - name: api\n        image: billing:1.4.2\n{container}{pod}"
    )
}

#[cfg(feature = "k8s")]
fn check_manifest(env: &Env, text: &str) -> Run {
    let file = env.file("deploy.yaml", text);
    let path = file.to_str().expect("a UTF-8 path");
    env.run(&["--check-env", "--strict", "--manifest", path])
}

/// Secrets come from a Secret outside the manifest (`external`), the
/// required plain value is filled in, and the pod turns service links off
/// as the template says.
#[cfg(feature = "k8s")]
#[test]
fn the_k8s_template_filled_in_passes_strict() {
    let env = Env::new(&[]);
    let docs = template(&env, "k8s");
    assert!(
        docs.contains("enableServiceLinks: false"),
        "the template says to turn service links off:\n{docs}"
    );
    let container = filled(
        &docs,
        &[
            (
                "- name: BILLING_ALLOWED_HOSTS\n          value: \"\"",
                "- name: BILLING_ALLOWED_HOSTS\n          value: \"shop.example.com\"",
            ),
            (
                "# - name: BILLING_REQUEST_TIMEOUT\n        #   value: \"30s\"",
                "- name: BILLING_REQUEST_TIMEOUT\n          value: \"45s\"",
            ),
        ],
    );
    let manifest = deployment(&container, "");
    let run = check_manifest(&env, &manifest);
    assert_eq!(run.code, 0, "{}\n{manifest}", run.stdout);
    assert!(
        run.stdout.contains("OK: all 19 variables would load ("),
        "{}",
        run.stdout
    );

    let broken = filled(&manifest, &[("value: \"45s\"", "value: \"45\"")]);
    let run = check_manifest(&env, &broken);
    assert_eq!(run.code, 78, "{}", run.stdout);
    assert!(
        run.report_line("BILLING_REQUEST_TIMEOUT")
            .starts_with("invalid ")
    );
}

/// The same with secrets read from a Secret volume through `NAME_FILE`.
#[cfg(feature = "k8s")]
#[test]
fn the_k8s_files_template_filled_in_passes_strict() {
    let env = Env::new(&[]);
    let docs = template(&env, "k8s-files");
    assert!(docs.contains("enableServiceLinks: false"), "{docs}");
    // Its `volumes:` are the pod's: the template ends with them.
    let at = docs.find("      volumes:\n").expect("a volumes: list");
    let (container, pod) = docs.split_at(at);
    let container = filled(
        container,
        &[(
            "- name: BILLING_ALLOWED_HOSTS\n          value: \"\"",
            "- name: BILLING_ALLOWED_HOSTS\n          value: \"shop.example.com\"",
        )],
    );
    let manifest = deployment(&container, pod);
    let run = check_manifest(&env, &manifest);
    assert_eq!(run.code, 0, "{}\n{manifest}", run.stdout);
    assert!(
        run.stdout.contains("OK: all 19 variables would load ("),
        "{}",
        run.stdout
    );

    let broken = filled(
        &manifest,
        &[(
            "value: \"shop.example.com\"",
            "value: \"shop.example.com,\"",
        )],
    );
    let run = check_manifest(&env, &broken);
    assert_eq!(run.code, 78, "{}", run.stdout);
}

/// Switching a group on in the template: the switch and the group's
/// entries uncommented, the switch set and the required values filled
/// in. The group's secret then has no `optional: true`, which would warn
/// that a required variable hangs on an optional reference.
#[cfg(feature = "k8s")]
#[test]
fn the_k8s_template_with_a_group_switched_on_passes_strict() {
    let env = Env::new(&[]);
    let docs = template(&env, "k8s");
    // The switch and the group come last: uncommented from the switch on.
    let at = docs
        .find("        # - name: BILLING_TLS_ENABLED")
        .expect("the switch");
    let uncommented = format!("{}{}", &docs[..at], support::uncommented_k8s(&docs[at..]));
    let container = filled(
        &uncommented,
        &[
            (
                "- name: BILLING_ALLOWED_HOSTS\n          value: \"\"",
                "- name: BILLING_ALLOWED_HOSTS\n          value: \"shop.example.com\"",
            ),
            (
                "- name: BILLING_TLS_ENABLED\n          value: \"false\"",
                "- name: BILLING_TLS_ENABLED\n          value: \"true\"",
            ),
            (
                "- name: BILLING_TLS_CERT_PATH\n          value: \"\"",
                "- name: BILLING_TLS_CERT_PATH\n          value: \"/etc/billing/tls/tls.crt\"",
            ),
        ],
    );
    assert!(
        container.contains("key: BILLING_TLS_KEY\n") && container.contains("value: \"true\""),
        "{container}"
    );
    let manifest = deployment(&container, "");
    let run = check_manifest(&env, &manifest);
    assert_eq!(run.code, 0, "{}\n{manifest}", run.stdout);
}
