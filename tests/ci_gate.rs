//! `--check-env` as the gate of a CI job: green on a correct deployment,
//! red on a broken one, whatever the runner. Each test is a case an
//! operator met: a correct file failed, or a broken one passed.

mod support;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use support::{Env, Run};

/// The service's required values, as a deployment's env file sets them.
const REQUIRED: &str = "BILLING_DATABASE_URL=postgres://billing@db/billing\n\
                        PAYMENT_TOKEN=tok_live_1\nBILLING_ALLOWED_HOSTS=shop.example.com\n";

fn check_env_file(env: &Env, text: &str, extra: &[&str]) -> Run {
    let file = env.file("deploy.env", text);
    let mut args = vec!["--check-env", "--env-file", file.to_str().expect("UTF-8")];
    args.extend_from_slice(extra);
    env.run(&args)
}

/// A secret in a file of the container is `external`: `--strict` accepts
/// it, and says how many there are.
#[test]
fn a_secret_file_of_the_container_passes_strict() {
    let env = Env::new(&[]);
    let text = "BILLING_DATABASE_URL_FILE=/run/secrets/db/url\n\
                PAYMENT_TOKEN=tok_live_1\nBILLING_ALLOWED_HOSTS=shop.example.com\n";
    let run = check_env_file(&env, text, &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.report_line("BILLING_DATABASE_URL")
            .starts_with("external ")
    );
    assert!(
        run.stdout
            .ends_with("OK: all 19 variables would load (1 external)\n"),
        "{}",
        run.stdout
    );
}

/// Names the configuration does not own (a JVM's options, a variable set
/// for a `$(POD_NAME)`) are no warning, so `--strict` passes; a name with
/// the prefix, or one that nearly matches, still is.
#[test]
fn names_the_configuration_does_not_own_are_no_warning() {
    let env = Env::new(&[]);
    let text = format!("{REQUIRED}JAVA_OPTS=-Xmx1g\nPOD_NAME=billing-0\n");
    let run = check_env_file(&env, &text, &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("warning"), "{}", run.stdout);

    let text = format!("{REQUIRED}BILLING_PROT=80\nPAYMENT_TOKN=x\n");
    let run = check_env_file(&env, &text, &["--strict"]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    assert!(run.stdout.contains("BILLING_PROT is set"), "{}", run.stdout);
    assert!(
        run.stdout.contains("did you mean PAYMENT_TOKEN?"),
        "{}",
        run.stdout
    );
}

/// `${X:-a}` and `${ X }` are shell syntax that dotenvy lacks: dotenvy
/// reads the whole as one name, set nowhere, so the value is empty at the
/// real start. The check reads it so, and says why.
#[test]
fn shell_syntax_dotenvy_lacks_is_checked_as_dotenvy_reads_it() {
    let env = Env::new(&[]);
    for value in ["${X:-a.example.com}", "${ X }"] {
        let text = REQUIRED.replace(
            "BILLING_ALLOWED_HOSTS=shop.example.com",
            &format!("BILLING_ALLOWED_HOSTS={value}"),
        );
        let run = check_env_file(&env, &text, &[]);
        assert_eq!(run.code, 78, "{value}: {}", run.stdout);
        assert!(
            run.report_line("BILLING_ALLOWED_HOSTS")
                .starts_with("missing "),
            "{value}: {}",
            run.stdout
        );
        assert!(run.stdout.contains("warning: "), "{value}: {}", run.stdout);
        assert!(run.stdout.contains("dotenvy"), "{value}: {}", run.stdout);
    }
}

/// The verdict does not depend on the runner's environment: a file of 200
/// lines `X_i=${BIG}` gets the same verdict under `env -i` and with a
/// 100 KB `BIG` in the runner's environment.
#[test]
fn the_verdict_does_not_depend_on_the_runner() {
    let mut text = REQUIRED.to_owned();
    for i in 0..200 {
        text += &format!("X_{i}=${{BIG}}\n");
    }
    let clean = Env::new(&[]);
    let run = check_env_file(&clean, &text, &[]);
    let big = "b".repeat(100_000);
    let runner = Env::new(&[("BIG", &big)]);
    let on_runner = check_env_file(&runner, &text, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(on_runner.code, run.code);
    assert_eq!(
        on_runner.stdout.lines().last(),
        run.stdout.lines().last(),
        "{}",
        on_runner.stderr
    );
}

/// A multi-line key pasted without quotes: its base64 lines read as names,
/// which are part of the secret and never shown, not even as names.
#[test]
fn a_pasted_key_never_shows_through_a_warning() {
    let env = Env::new(&[]);
    let text = format!(
        "{REQUIRED}BILLING_WEBHOOK_SIGNING_KEY=-----BEGIN PRIVATE KEY-----\n\
         MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAqPfgaTEWEP3S9w0t\n\
         cAnaryTailOfTheKeyQ7\n-----END PRIVATE KEY-----\nBILLING_LOG_LEVEL=info\n"
    );
    let run = check_env_file(&env, &text, &[]);
    let shown = run.stdout + &run.stderr;
    assert!(!shown.contains("MIIBVQ"), "{shown}");
    assert!(!shown.contains("cAnaryTail"), "{shown}");
}

/// One Latin-1 byte in a comment of `./.env` is no problem: the line sets
/// nothing.
#[test]
fn a_latin1_comment_in_dotenv_does_not_stop_the_service() {
    let env = Env::new(&[]);
    let mut text = b"# Configuraci\xf3n de desarrollo\n".to_vec();
    text.extend_from_slice(REQUIRED.as_bytes());
    std::fs::write(env.dir.path().join(".env"), &text).expect("a .env");
    let run = env.run(&["--check-env"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

/// `--print-config` of a variable set to bytes that are not UTF-8 says
/// so, with where it is set; it is not `unset`.
#[test]
fn print_config_of_a_value_that_is_not_utf8() {
    let env = Env::new(&[]);
    std::fs::write(env.dir.path().join(".env"), REQUIRED).expect("a .env");
    let run = env.run_with(
        &["--print-config"],
        &[(
            OsStr::new("BILLING_LOG_LEVEL"),
            OsStr::from_bytes(b"inf\xff"),
        )],
    );
    let line = run
        .stdout
        .lines()
        .find(|line| line.contains("BILLING_LOG_LEVEL"))
        .unwrap_or_default()
        .to_owned();
    assert!(!line.contains("unset"), "{}", run.stdout);
    assert!(line.contains("environment"), "{}", run.stdout);
}

/// Special files get their own reasons: a loop of symbolic links is no
/// missing file, and a `NAME_FILE` under `/proc` (size 0) is read whole.
#[test]
fn special_files_are_named_for_what_they_are() {
    let env = Env::new(&[]);
    let dir = env.dir.path();
    std::os::unix::fs::symlink(dir.join("b"), dir.join("a")).expect("a link");
    std::os::unix::fs::symlink(dir.join("a"), dir.join("b")).expect("a link");
    let run = env.run(&["--check-env", "--env-file", "a"]);
    assert_ne!(run.code, 0, "{run:?}");
    assert!(!run.stderr.contains("no such file"), "{}", run.stderr);
    assert!(
        run.stderr.to_lowercase().contains("symbolic links"),
        "{}",
        run.stderr
    );

    let text = REQUIRED.replace(
        "BILLING_ALLOWED_HOSTS=shop.example.com",
        "BILLING_ALLOWED_HOSTS_FILE=/proc/self/comm",
    );
    let run = check_env_file(&env, &text, &["--read-secret-files"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("changed while"), "{}", run.stdout);
}

/// A plain variable that reads a ConfigMap key a secret reads too is
/// redacted, as what a secret reads is, but it is not called secret.
#[cfg(feature = "k8s")]
#[test]
fn a_plain_variable_sharing_a_secrets_key_is_not_called_secret() {
    let env = Env::new(&[]);
    let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  \
                    k: a.example.com\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  \
                    name: billing\nspec:\n  enableServiceLinks: false\n  containers:\n  \
                    - name: api\n    image: i\n    env:\n    \
                    - name: BILLING_ALLOWED_HOSTS\n      valueFrom:\n        \
                    configMapKeyRef: {name: shared, key: k}\n    \
                    - name: BILLING_SENTRY_DSN\n      valueFrom:\n        \
                    configMapKeyRef: {name: shared, key: k}\n    \
                    - name: BILLING_DATABASE_URL\n      valueFrom:\n        \
                    secretKeyRef: {name: s, key: url}\n    \
                    - name: PAYMENT_TOKEN\n      valueFrom:\n        \
                    secretKeyRef: {name: s, key: token}\n";
    let file = env.file("deploy.yaml", manifest);
    let run = env.run(&["--check-env", "--manifest", file.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.report_line("BILLING_ALLOWED_HOSTS")
            .ends_with("<redacted>")
    );
    assert!(
        run.stdout
            .contains("BILLING_SENTRY_DSN is secret, but the ConfigMap shared sets it"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("BILLING_ALLOWED_HOSTS is secret"),
        "{}",
        run.stdout
    );
}

/// The service's HTTPS group is off unless BILLING_TLS_ENABLED is true: an
/// env file that leaves it off passes without its variables; one that
/// turns it on must give them, and each problem says why; one that sets
/// them with the group off is warned about (so `--strict` fails it).
#[test]
fn a_switched_group_in_an_env_file() {
    let env = Env::new(&[]);
    let run = check_env_file(&env, REQUIRED, &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.report_line("BILLING_TLS_KEY").starts_with("default "));

    let on = format!("{REQUIRED}BILLING_TLS_ENABLED=true\n");
    let run = check_env_file(&env, &on, &[]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    let line = run.report_line("BILLING_TLS_CERT_PATH");
    assert!(line.starts_with("missing "), "{line}");
    assert!(
        line.contains("required because BILLING_TLS_ENABLED is true"),
        "{line}"
    );

    let ignored = format!("{REQUIRED}BILLING_TLS_CERT_PATH=/etc/tls.crt\n");
    let run = check_env_file(&env, &ignored, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "warning: BILLING_TLS_CERT_PATH is set but ignored: BILLING_TLS_ENABLED is false"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(check_env_file(&env, &ignored, &["--strict"]).code, 78);
}

/// A switch set from outside what is checked (a bare name of a docker
/// file, taken from the deploying shell) may be true or false: the check
/// neither says it is false nor passes `--strict` while the group's
/// required variables are unset, which a start with the switch on would
/// fail on.
#[test]
fn a_group_switched_from_outside_what_is_checked() {
    let env = Env::new(&[]);
    let text = format!("{REQUIRED}BILLING_TLS_ENABLED\n");
    let docker = ["--env-format", "docker"];
    let run = check_env_file(&env, &text, &docker);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "warning: BILLING_TLS_CERT_PATH is required when BILLING_TLS_ENABLED is true, \
             which this check cannot tell; it is not set"
        ),
        "{}",
        run.stdout
    );
    let strict = [&docker[..], &["--strict"]].concat();
    assert_eq!(check_env_file(&env, &text, &strict).code, 78);

    // With the group's variables set, there is nothing to say: they are
    // not ignored, as they would be if the switch were false.
    let set = format!("{text}BILLING_TLS_CERT_PATH=/etc/tls.crt\n");
    let run = check_env_file(&env, &set, &strict);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("warning:"), "{}", run.stdout);
}

/// The same in a manifest: the group on, with its key from a Secret
/// outside the documents (`external`) and its certificate path missing.
#[cfg(feature = "k8s")]
#[test]
fn a_switched_group_in_a_manifest() {
    let env = Env::new(&[]);
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: billing\nspec:\n  \
                    enableServiceLinks: false\n  containers:\n  - name: api\n    image: i\n    \
                    env:\n    - name: BILLING_DATABASE_URL\n      value: postgres://db\n    \
                    - name: PAYMENT_TOKEN\n      valueFrom:\n        \
                    secretKeyRef: {name: s, key: token}\n    \
                    - name: BILLING_ALLOWED_HOSTS\n      value: a.example.com\n    \
                    - name: BILLING_TLS_ENABLED\n      value: \"true\"\n    \
                    - name: BILLING_TLS_KEY\n      valueFrom:\n        \
                    secretKeyRef: {name: s, key: tls-key}\n";
    let file = env.file("deploy.yaml", manifest);
    let run = env.run(&["--check-env", "--manifest", file.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    assert!(run.report_line("BILLING_TLS_KEY").starts_with("external "));
    let line = run.report_line("BILLING_TLS_CERT_PATH");
    assert!(
        line.contains("required because BILLING_TLS_ENABLED is true"),
        "{line}"
    );
    let off = manifest.replace("value: \"true\"", "value: \"false\"");
    let file = env.file("deploy.yaml", &off);
    let run = env.run(&["--check-env", "--manifest", file.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

/// The service reads its secrets from `/run/secrets` (its `secrets_dir`):
/// a deployment's file that leaves a required secret unset passes, the
/// secret `external` (from the container's directory, never read), under
/// `--strict` too; a plain variable it leaves unset is still missing.
#[test]
fn a_secret_the_file_leaves_to_the_secrets_directory() {
    let env = Env::new(&[]);
    let file = "BILLING_ALLOWED_HOSTS=shop.example.com\n";
    for flags in [&[][..], &["--strict"]] {
        let run = check_env_file(&env, file, flags);
        assert_eq!(run.code, 0, "{flags:?}: {}", run.stdout);
        for var in ["BILLING_DATABASE_URL", "PAYMENT_TOKEN"] {
            assert_eq!(
                run.report_line(var),
                format!(
                    "external {var} /run/secrets/{var} read from /run/secrets/{var}, if the \
                     container has it"
                )
            );
        }
        // A secret with a default, or optional, keeps it.
        assert!(
            run.report_line("BILLING_WEBHOOK_SIGNING_KEY")
                .starts_with("default ")
        );
        assert!(
            run.report_line("BILLING_SENTRY_DSN")
                .starts_with("default ")
        );
        assert!(run.stdout.ends_with("(2 external)\n"), "{}", run.stdout);
    }
    // What the file sets wins over the directory.
    let run = check_env_file(&env, REQUIRED, &[]);
    assert!(
        run.report_line("PAYMENT_TOKEN")
            .starts_with("ok PAYMENT_TOKEN")
    );

    let run = check_env_file(&env, "PAYMENT_TOKEN=tok\n", &[]);
    assert_eq!(run.code, 78, "{}", run.stdout);
    assert!(
        run.report_line("BILLING_ALLOWED_HOSTS")
            .starts_with("missing BILLING_ALLOWED_HOSTS - required but not set"),
        "{}",
        run.stdout
    );
}

/// An optional group that is off takes nothing from the secrets directory:
/// its required secret (BILLING_TLS_KEY) is neither a problem nor
/// `external` (what the file sets of it is warned about, as
/// `a_switched_group_in_an_env_file` shows). On, its secret comes from
/// the directory.
#[test]
fn an_off_group_takes_nothing_from_the_secrets_directory() {
    let env = Env::new(&[]);
    let off = "BILLING_ALLOWED_HOSTS=shop.example.com\nBILLING_TLS_ENABLED=false\n";
    let run = check_env_file(&env, off, &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.report_line("BILLING_TLS_KEY"),
        "default BILLING_TLS_KEY - optional, not set"
    );

    let on = format!("{off}BILLING_TLS_CERT_PATH=/etc/tls.crt\n")
        .replace("ENABLED=false", "ENABLED=true");
    let run = check_env_file(&env, &on, &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.report_line("BILLING_TLS_KEY")
            .starts_with("external BILLING_TLS_KEY /run/secrets/BILLING_TLS_KEY"),
        "{}",
        run.stdout
    );
}

/// A variable of the ledger worker, under its long prefix.
fn ledger_var(name: &str) -> String {
    format!("LEDGER_RECONCILIATION_WORKER_FOR_THE_EUROPEAN_PAYMENTS_PLATFORM_{name}")
}

/// A deployment's file that sets the ledger worker's certificate, and
/// what becomes of it.
struct GroupCase<'a> {
    /// The line that sets the certificate.
    line: String,
    /// How the file is read (`--env-format`).
    format: &'a [&'a str],
    /// The check's exit, without and with `--strict`.
    exits: (i32, i32),
    /// Its warning that the group may be on.
    warning: Option<String>,
    /// Starts the deployment may make: the variables of each (besides the
    /// file, for a dotenv file), and its exit.
    starts: Vec<(Vec<(&'a str, &'a str)>, i32)>,
}

/// The ledger worker's mutual TLS is on when any of its variables is set.
/// A deployment's file that sets its certificate to what the check cannot
/// see fails when every start it may give fails (a value with text of its
/// own); when the value may be unset or empty at a start (`${X}` the file
/// never sets, a bare name of a docker file), some starts load and some
/// do not: the check passes with a warning that names the certificate and
/// why, and `--strict` fails. Each case is also started as the deployment
/// may start it: the file as the worker's dotenv file under each
/// environment, or the environment docker would give.
#[test]
fn a_group_its_variables_switch_on_from_outside_what_is_checked() {
    let ledger = support::example_binary("ledger", &[]);
    let (cert, key) = (ledger_var("TLS_CERT"), ledger_var("TLS_KEY"));
    let signing = (ledger_var("SIGNING_KEY"), "k".repeat(32));
    let signing_line = format!("{}={}\n", signing.0, signing.1);
    let may_be_on = |why: &str| {
        format!(
            "warning: {key} is required when {cert} is set, which this check cannot tell \
             ({cert} {why}); it is not set\n"
        )
    };
    let shell = "from the environment of the shell that runs `docker run` (a bare name in the \
                 file)";
    let dotenv: &[&str] = &[];
    let docker: &[&str] = &["--env-format", "docker"];
    let cases = [
        GroupCase {
            line: format!("{cert}=${{X}}"),
            format: dotenv,
            exits: (0, 78),
            warning: Some(may_be_on(
                "may be empty: its value expands ${X}, which the file does not set above it",
            )),
            starts: vec![
                (vec![], 0),
                (vec![("X", "")], 0),
                (vec![("X", "/etc/tls.crt")], 78),
            ],
        },
        GroupCase {
            line: format!("{cert}=${{X}}/cert.pem"),
            format: dotenv,
            exits: (78, 78),
            warning: None,
            starts: vec![(vec![], 78), (vec![("X", "/etc")], 78)],
        },
        GroupCase {
            line: format!("{cert}=/etc/tls.crt"),
            format: dotenv,
            exits: (78, 78),
            warning: None,
            starts: vec![(vec![], 78)],
        },
        GroupCase {
            line: cert.clone(),
            format: docker,
            exits: (0, 78),
            warning: Some(may_be_on(&format!("may be unset: it is taken {shell}"))),
            starts: vec![
                (vec![(&signing.0, &signing.1)], 0),
                (vec![(&signing.0, &signing.1), (&cert, "/etc/tls.crt")], 78),
            ],
        },
        GroupCase {
            line: format!("{cert}=/etc/tls.crt"),
            format: docker,
            exits: (78, 78),
            warning: None,
            starts: vec![(vec![(&signing.0, &signing.1), (&cert, "/etc/tls.crt")], 78)],
        },
    ];
    for GroupCase {
        line,
        format,
        exits: (exit, strict),
        warning,
        starts,
    } in cases
    {
        let env = Env::new(&[]);
        let text = format!("{signing_line}{line}\n");
        let file = env.file("deploy.env", &text);
        let args = [
            &["--check-env", "--env-file", file.to_str().expect("UTF-8")],
            format,
        ]
        .concat();
        let run = env.run_binary(&ledger, &args);
        let case = format!("{line} {format:?}:\n{}", run.stdout);
        assert_eq!(run.code, exit, "{case}");
        match &warning {
            Some(warning) => assert!(run.stdout.contains(warning), "{warning} in {case}"),
            None => {
                assert!(!run.stdout.contains("cannot tell"), "{case}");
                let missing = run.report_line(&key);
                assert!(missing.starts_with("missing "), "{case}");
                assert!(
                    missing.contains(&format!("required because {cert} is set")),
                    "{case}"
                );
            }
        }
        let run = env.run_binary(&ledger, &[&args[..], &["--strict"]].concat());
        assert_eq!(run.code, strict, "{case}");
        for (vars, exit) in starts {
            let start = Env::new(&vars);
            if format.is_empty() {
                start.file("ledger.env", &text);
            }
            let run = start.run_binary(&ledger, &[]);
            assert_eq!(run.code, exit, "{line} started with {vars:?}: {run:?}");
        }
    }
}

/// In a manifest, a Secret's key that sets the certificate is taken to be
/// there, as a deployment realistically has it: the group is on, and its
/// missing key fails the check, as it fails a start with the Secret's
/// value. An empty value leaves the group off.
#[cfg(feature = "k8s")]
#[test]
fn a_group_a_secret_switches_on_in_a_manifest() {
    let ledger = support::example_binary("ledger", &[]);
    let (cert, key) = (ledger_var("TLS_CERT"), ledger_var("TLS_KEY"));
    let signing = ledger_var("SIGNING_KEY");
    let manifest = |cert_entry: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ledger\nspec:\n  \
             enableServiceLinks: false\n  containers:\n  - name: worker\n    image: i\n    \
             env:\n    - name: {signing}\n      valueFrom:\n        \
             secretKeyRef: {{name: s, key: signing-key}}\n    - name: {cert}\n{cert_entry}"
        )
    };
    let env = Env::new(&[]);
    let from_secret = "      valueFrom:\n        secretKeyRef: {name: s, key: tls-cert}\n";
    let file = env.file("deploy.yaml", &manifest(from_secret));
    let run = env.run_binary(
        &ledger,
        &["--check-env", "--manifest", file.to_str().expect("UTF-8")],
    );
    assert_eq!(run.code, 78, "{}", run.stdout);
    assert!(
        run.report_line(&cert).starts_with("external "),
        "{}",
        run.stdout
    );
    assert!(
        run.report_line(&key)
            .contains(&format!("required because {cert} is set")),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("cannot tell"), "{}", run.stdout);
    let key_value = "k".repeat(32);
    let start = Env::new(&[(&signing, &key_value), (&cert, "/etc/tls.crt")]);
    assert_eq!(start.run_binary(&ledger, &[]).code, 78);

    let file = env.file("deploy.yaml", &manifest("      value: \"\"\n"));
    let args = [
        "--check-env",
        "--strict",
        "--manifest",
        file.to_str().expect("UTF-8"),
    ];
    let run = env.run_binary(&ledger, &args);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let start = Env::new(&[(&signing, &key_value), (&cert, "")]);
    assert_eq!(start.run_binary(&ledger, &[]).code, 0);

    // From an `optional: true` reference, or only from an `envFrom`
    // Secret, the certificate may be missing, and the group off: a
    // warning for each of the group's problems, which `--strict` fails on.
    let optional = "      valueFrom:\n        \
                    secretKeyRef: {name: s, key: tls-cert, optional: true}\n";
    // The prefix reaches the certificate (key `ERT`), not the key.
    let env_from = format!(
        "      value: \"\"\n    envFrom:\n    - secretRef: {{name: tls}}\n      prefix: {}\n",
        &cert[..cert.len() - "ERT".len()]
    );
    for (entry, why) in [
        (
            optional,
            "it depends on the optional secretKeyRef to s (key tls-cert)",
        ),
        (
            env_from.as_str(),
            "it is set only by the Secret tls (envFrom), which is not among the documents",
        ),
    ] {
        let text = manifest(entry).replace(&format!("    - name: {cert}\n      value: \"\"\n"), "");
        let file = env.file("deploy.yaml", &text);
        let path = file.to_str().expect("UTF-8");
        let run = env.run_binary(&ledger, &["--check-env", "--manifest", path]);
        assert_eq!(run.code, 0, "{}\n{text}", run.stdout);
        assert!(
            run.stdout.contains(&format!("{cert} may be unset: {why}")),
            "{}",
            run.stdout
        );
        let run = env.run_binary(&ledger, &["--check-env", "--strict", "--manifest", path]);
        assert_eq!(run.code, 78, "{}", run.stdout);
    }
}

/// A manifest with no container to check (a chart that rendered only a
/// ConfigMap, a `--container` that names none) is a usage error, like a
/// `--manifest` path that names no file: exit 64 in every form, the reason
/// on stderr, and nothing on stdout that a reader of `--report json`
/// could take for a verdict (no half document, no `::error` it would
/// count as the check's).
#[cfg(feature = "k8s")]
#[test]
fn a_manifest_with_nothing_to_check_is_a_usage_error_in_every_form() {
    let env = Env::new(&[]);
    let config_map = env.file(
        "only-config.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing\ndata:\n  a: b\n",
    );
    let pod = env.file(
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: billing\nspec:\n  containers:\n  \
         - name: api\n    image: billing:1\n",
    );
    let missing = env.dir.path().join("missing.yaml");
    let path = |file: &std::path::Path| file.to_str().expect("UTF-8").to_owned();
    for (file, container, reason) in [
        (
            path(&config_map),
            None,
            "no pod template (Deployment, StatefulSet",
        ),
        (
            path(&pod),
            Some("web"),
            "no container web in it; its containers: billing/api",
        ),
        (path(&missing), None, "no such file"),
    ] {
        for form in ["text", "json", "github"] {
            let mut args = vec!["--check-env", "--manifest", &file, "--report", form];
            args.extend(container.iter().flat_map(|name| ["--container", name]));
            let run = env.run(&args);
            assert_eq!(run.code, 64, "{form}: {run:?}");
            assert_eq!(run.stdout, "", "{form}: {run:?}");
            let expected = format!("error: --manifest {file}: {reason}");
            assert!(run.stderr.starts_with(&expected), "{form}: {}", run.stderr);
        }
    }
}
