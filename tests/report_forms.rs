//! `--check-env --report text|json|github`: one check, three forms. The
//! exit status does not change with the form, the `json` document follows
//! the schema that ships (`envconfig/schema/check-report.v1.schema.json`),
//! and the `github` form is GitHub Actions workflow commands that point at
//! the env file's line.

mod support;

use support::Env;

fn validator() -> jsonschema::Validator {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/envconfig/schema/check-report.v1.schema.json"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the schema")).expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn assert_valid(json: &str) -> serde_json::Value {
    let value: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{json}");
    value
}

/// A deployment's env file with a broken port on line 2, a typo on line
/// 3, a secret in a file of the container and a canary secret.
const BROKEN: &str = "\
BILLING_DATABASE_URL=postgres://billing:canary-pw@db/billing
BILLING_PORT=http
BILLING_PROT=80
PAYMENT_TOKEN_FILE=/run/secrets/payment-token
BILLING_ALLOWED_HOSTS=a.example.com
";

const CORRECT: &str = "\
BILLING_DATABASE_URL=postgres://billing:canary-pw@db/billing
PAYMENT_TOKEN_FILE=/run/secrets/payment-token
BILLING_ALLOWED_HOSTS=a.example.com
";

fn check(text: &str, extra: &[&str]) -> support::Run {
    let env = Env::new(&[]);
    let file = env.file("deploy.env", text);
    let mut args = vec!["--check-env", "--env-file", file.to_str().expect("UTF-8")];
    args.extend_from_slice(extra);
    env.run(&args)
}

#[test]
fn every_form_has_the_same_exit_status() {
    for (text, code) in [(CORRECT, 0), (BROKEN, 78)] {
        for form in [
            &[][..],
            &["--report", "text"],
            &["--report=json"],
            &["--report", "github"],
        ] {
            let run = check(text, form);
            assert_eq!(run.code, code, "{form:?}\n{run:?}");
            assert!(!run.stdout.contains("canary"), "{form:?}\n{}", run.stdout);
            assert!(!run.stderr.contains("canary"), "{form:?}\n{}", run.stderr);
        }
    }
    // --strict fails on the typo's warning, in every form.
    let strict = check(
        &format!("{CORRECT}BILLING_PROT=80\n"),
        &["--strict", "--report", "json"],
    );
    assert_eq!(strict.code, 78, "{strict:?}");
    let report = assert_valid(&strict.stdout);
    assert_eq!(report["verdict"]["passes"], false);
    assert_eq!(report["verdict"]["loads"], true);
    assert_eq!(report["verdict"]["summary"], "FAILED (--strict): 1 warning");
}

/// A file that cannot be read at all still gives a program a report: a
/// JSON document with the one error, a workflow command that annotates
/// the pull request; the exit status is 78 in every form.
#[test]
fn an_unreadable_file_is_reported_in_every_form() {
    let too_large = "BILLING_PORT=8080\n".repeat(300_000);
    let json = check(&too_large, &["--report", "json"]);
    assert_eq!(json.code, 78, "{json:?}");
    let report = assert_valid(&json.stdout);
    assert_eq!(report["verdict"]["passes"], false);
    assert_eq!(report["variables"], serde_json::json!([]));
    let error = report["errors"][0].as_str().unwrap_or_default();
    assert!(
        error.ends_with("it is larger than the 4 MiB limit"),
        "{report}"
    );
    let github = check(&too_large, &["--report", "github"]);
    assert_eq!(github.code, 78, "{github:?}");
    assert!(github.stdout.starts_with("::error::"), "{}", github.stdout);
    let text = check(&too_large, &[]);
    assert_eq!(text.code, 78, "{text:?}");
    assert!(text.stderr.starts_with("error: "), "{}", text.stderr);
    // The same of a `./.env` read with the process environment.
    let env = Env::new(&[]);
    env.file(".env", &too_large);
    let json = env.run(&["--check-env", "--report", "json"]);
    assert_eq!(json.code, 78, "{json:?}");
    let report = assert_valid(&json.stdout);
    assert_eq!(report["verdict"]["passes"], false);
    let github = env.run(&["--check-env", "--report", "github"]);
    assert_eq!(github.code, 78, "{github:?}");
    assert!(github.stdout.starts_with("::error::"), "{}", github.stdout);
}

#[test]
fn the_json_report_follows_its_schema() {
    let run = check(BROKEN, &["--report", "json"]);
    let report = assert_valid(&run.stdout);
    let variables = report["variables"].as_array().expect("an array");
    let find = |name: &str| {
        variables
            .iter()
            .find(|var| var["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {report}"))
    };
    let port = find("BILLING_PORT");
    assert_eq!(port["status"], "invalid");
    assert_eq!(port["source"]["line"], 2);
    assert!(
        port["problem"]
            .as_str()
            .is_some_and(|problem| problem.contains("invalid value \"http\"")),
        "{port}"
    );
    let token = find("PAYMENT_TOKEN");
    assert_eq!(token["status"], "external");
    assert_eq!(token["value"], serde_json::Value::Null);
    let url = find("BILLING_DATABASE_URL");
    assert_eq!(url["status"], "ok");
    assert_eq!(url["secret"], true);
    assert_eq!(url["value"], serde_json::Value::Null);
    assert_eq!(find("BILLING_REQUEST_TIMEOUT")["status"], "default");
    // A URL's password in a plain value shows as `***`, as in the text form.
    let with_password = check(
        &BROKEN.replace("a.example.com", "https://u:pw-7f3a@a.example.com"),
        &["--report", "json"],
    );
    assert!(
        !with_password.stdout.contains("pw-7f3a"),
        "{}",
        with_password.stdout
    );
    let report = assert_valid(&with_password.stdout);
    let hosts = report["variables"]
        .as_array()
        .and_then(|vars| {
            vars.iter()
                .find(|var| var["name"] == "BILLING_ALLOWED_HOSTS")
        })
        .map(|var| var["value"].clone());
    assert_eq!(
        hosts,
        Some(serde_json::json!("https://u:***@a.example.com")),
        "{report}"
    );
    let typo = &report["warnings"][0];
    assert!(
        typo["message"]
            .as_str()
            .is_some_and(|message| message.contains("BILLING_PROT")),
        "{report}"
    );
    assert_eq!(typo["source"]["line"], 3);
    assert_eq!(report["verdict"]["passes"], false);
}

/// A secret that the file leaves to the service's secrets directory is
/// `external`, its source that directory's file: the schema names that
/// kind of source too.
#[test]
fn a_secret_left_to_the_secrets_directory_follows_the_schema() {
    let run = check(
        "BILLING_DATABASE_URL=postgres://db/billing\nBILLING_ALLOWED_HOSTS=a.example.com\n",
        &["--report", "json"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let report = assert_valid(&run.stdout);
    let variables = report["variables"].as_array().expect("an array");
    let token = variables
        .iter()
        .find(|var| var["name"] == "PAYMENT_TOKEN")
        .unwrap_or_else(|| panic!("PAYMENT_TOKEN in {report}"));
    assert_eq!(token["status"], "external");
    assert_eq!(token["source"]["kind"], "secrets_dir");
    assert_eq!(token["source"]["label"], "/run/secrets/PAYMENT_TOKEN");
}

#[test]
fn the_github_report_annotates_the_files_lines() {
    let run = check(BROKEN, &["--report", "github"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let error = lines
        .iter()
        .find(|line| line.starts_with("::error "))
        .unwrap_or_else(|| panic!("an error line in {}", run.stdout));
    assert!(
        error.contains("deploy.env,line=2::BILLING_PORT (from ")
            && error.contains("deploy.env:2): invalid value \"http\""),
        "{error}"
    );
    // The file's path is a property: its `:` and `,` would be escaped.
    assert!(error.starts_with("::error file="), "{error}");
    let warning = lines
        .iter()
        .find(|line| line.starts_with("::warning "))
        .unwrap_or_else(|| panic!("a warning line in {}", run.stdout));
    assert!(
        warning.contains(",line=3::BILLING_PROT is set but is not a variable"),
        "{warning}"
    );
    assert!(
        lines
            .last()
            .is_some_and(|last| last.starts_with("FAILED: ")),
        "{}",
        run.stdout
    );
}

/// A file read from stdin (`helm template | app --check-env --manifest
/// -`) is in no file of the repository: its annotations name none, and
/// the text names it `<stdin>`.
#[test]
fn a_file_from_stdin_is_annotated_as_the_runs() {
    let env = Env::new(&[]);
    let run = env.run_stdin(
        &["--check-env", "--env-file", "-", "--report", "github"],
        BROKEN,
    );
    assert_eq!(run.code, 78, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("::error::BILLING_PORT (from <stdin>:2): invalid value \"http\""),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("file="), "{}", run.stdout);
}

#[test]
fn an_unknown_form_is_a_usage_error() {
    let run = check(CORRECT, &["--report", "xml"]);
    assert_eq!(run.code, 64, "{run:?}");
    assert!(
        run.stderr.contains("--report: unknown form"),
        "{}",
        run.stderr
    );
}

/// An error of a manifest that no variable owns (an entry Kubernetes
/// rejects) annotates the manifest's line too.
#[cfg(feature = "k8s")]
#[test]
fn a_manifest_error_is_annotated_at_its_line() {
    let env = Env::new(&[]);
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: billing\nspec:\n  \
                    enableServiceLinks: false\n  containers:\n  - name: api\n    image: i\n    \
                    env:\n    - name: FEATURE_FLAGS\n      value: true\n";
    let file = env.file("k8s.yaml", manifest);
    let path = file.to_str().expect("UTF-8");
    let run = env.run(&["--check-env", "--manifest", path, "--report", "github"]);
    assert_eq!(run.code, 78, "{run:?}");
    let prefix = format!("::error file={},line=11::", path.replace(':', "%3A"));
    assert!(
        run.stdout
            .lines()
            .any(|line| line.starts_with(&prefix) && line.contains("FEATURE_FLAGS")),
        "{}",
        run.stdout
    );
}

/// A warning about a variable that says no line of its own (a deprecated
/// name, an old name in use, a group that is off) annotates the line that
/// sets the variable, through an alias or its `NAME_FILE` too.
#[test]
fn a_variables_warning_is_annotated_where_it_is_set() {
    let text = "BILLING_DATABASE_URL=postgres://db/billing\nPAYMENT_TOKEN=t\n\
                BILLING_ALLOWED_HOSTS=a.example.com\nBILLING_DEBUG=true\nPORT=8081\n\
                BILLING_TLS_KEY_FILE=/run/secrets/tls.key\n";
    let run = check(text, &["--report", "github"]);
    assert_eq!(run.code, 0, "{run:?}");
    for (line, message) in [
        (4, "BILLING_DEBUG is deprecated"),
        (5, "PORT is the old name of BILLING_PORT"),
        (6, "BILLING_TLS_KEY is set but ignored"),
    ] {
        let suffix = format!("deploy.env,line={line}::{message}");
        assert!(
            run.stdout
                .lines()
                .any(|annotation| annotation.starts_with("::warning file=")
                    && annotation.contains(&suffix)),
            "{suffix}: {}",
            run.stdout
        );
    }
}
