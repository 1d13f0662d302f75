//! `load_or_exit` end to end: the built `service` example, run as a
//! container or a CI job runs it, with nothing but the variables each test
//! gives it, in a working directory of its own.

mod support;

use support::{Env, FORMATS, Run, VALID, example_binary, service_binary};

/// How many variables the service reads, nested ones included.
const VARIABLES: usize = 19;

#[test]
fn starts_with_a_valid_environment() {
    let run = Env::new(VALID).run(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.contains("billing: listening on 0.0.0.0:8080\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("a.example.com, b.example.com"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_application_keeps_its_own_arguments() {
    let run = Env::new(VALID).run(&["serve", "--workers", "4", "--check-environment", "-v"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("billing: listening on"),
        "{}",
        run.stdout
    );
}

#[test]
fn exits_78_with_every_problem() {
    let env = Env::new(VALID)
        .unset("PAYMENT_TOKEN")
        .unset("BILLING_DATABASE_URL")
        .set("BILLING_PORT", "http")
        .set("BILLING_DEBUG", "maybe");
    let run = env.run(&[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(run.stdout, "");
    // BILLING_DEBUG is deprecated: set, it is warned about, first.
    assert!(
        run.stderr.starts_with(
            "warning: BILLING_DEBUG is deprecated: set BILLING_LOG_LEVEL=debug instead\n\
             invalid configuration (4 problems):\n"
        ),
        "{}",
        run.stderr
    );
    for var in [
        "BILLING_PORT",
        "BILLING_DATABASE_URL",
        "PAYMENT_TOKEN",
        "BILLING_DEBUG",
    ] {
        assert!(
            run.stderr.contains(&format!("\n  {var}: ")),
            "{var} in {}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("invalid value \"http\""),
        "{}",
        run.stderr
    );
}

#[test]
fn dotenv_in_the_working_directory_never_overrides_the_environment() {
    let env = Env::new(&[("BILLING_PORT", "7000")]);
    env.file(
        ".env",
        "# the service's local settings\n\
         BILLING_PORT=9000\n\
         BILLING_DATABASE_URL=postgres://billing@localhost/billing\n\
         PAYMENT_TOKEN=tok_local\n\
         BILLING_ALLOWED_HOSTS=localhost\n",
    );
    let run = env.run(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("billing: listening on 0.0.0.0:7000\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("accepting calls from localhost\n"),
        "{}",
        run.stdout
    );

    let check = env.run(&["--check-env"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(
        check
            .stdout
            .starts_with("Checking the process environment and .env:\n")
    );
    assert_eq!(
        check.report_line("BILLING_PORT"),
        "ok BILLING_PORT environment \"7000\""
    );
    assert_eq!(
        check.report_line("BILLING_ALLOWED_HOSTS"),
        "ok BILLING_ALLOWED_HOSTS .env:5 \"localhost\""
    );
}

#[test]
fn a_problem_says_which_file_its_value_came_from() {
    let env = Env::new(VALID);
    env.file(".env", "BILLING_PORT=http\n");
    let timeout = env.file("timeout", "30\n");
    let env = env.set(
        "BILLING_REQUEST_TIMEOUT_FILE",
        timeout.to_str().expect("a UTF-8 temporary path"),
    );
    let run = env.run(&[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(
        run.stderr,
        "note: 1 variable from ./.env: BILLING_PORT\n\
         invalid configuration (2 problems):\n  \
         BILLING_PORT (from .env:1): invalid value \"http\": not an integer; \
         expected integer 0..=65535\n  \
         BILLING_REQUEST_TIMEOUT (from BILLING_REQUEST_TIMEOUT_FILE): invalid value \"30\": \
         missing unit (add one of ns, us, ms, s, m, h, d: e.g. 30s); expected duration\n"
    );
}

/// "; expected TYPE" follows a problem only where knowing the type helps
/// to fix it: not after `NAME` and `NAME_FILE` both set.
#[test]
fn the_expected_type_follows_only_problems_it_helps_to_fix() {
    let env = Env::new(VALID).set("BILLING_PORT", "http");
    let token = env.file("token", "tok_from_file\n");
    let env = env.set(
        "PAYMENT_TOKEN_FILE",
        token.to_str().expect("a UTF-8 temporary path"),
    );
    let run = env.run(&[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(
        run.stderr,
        "invalid configuration (2 problems):\n  \
         BILLING_PORT: invalid value \"http\": not an integer; expected integer 0..=65535\n  \
         PAYMENT_TOKEN: both it and PAYMENT_TOKEN_FILE are set; set only one\n"
    );
}

#[test]
fn a_malformed_dotenv_names_the_file_and_line_only() {
    let env = Env::new(VALID).unset("PAYMENT_TOKEN");
    env.file(
        ".env",
        "BILLING_PORT=9000\nPAYMENT_TOKEN=tok dotenv_line_secret\nOTHER_TOOL x\n",
    );
    let run = env.run(&[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "note: 1 variable from ./.env: BILLING_PORT\n\
         warning: .env:3: unexpected text between the name and `=`; the line is ignored\n\
         invalid configuration (1 problem):\n  \
         PAYMENT_TOKEN (from .env:2): malformed line: space in an unquoted value \
         (quote the value)\n"
    );
    let run = env.run(&["--check-env"]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(
        run.report_line("PAYMENT_TOKEN"),
        "invalid PAYMENT_TOKEN .env:2 malformed line: space in an unquoted value \
         (quote the value)"
    );
    assert!(!run.stdout.contains("secret"), "{}", run.stdout);
}

/// A secret pasted into its `NAME_FILE` by mistake is the secret's text:
/// what it seems to expand is never quoted, in a deployment's env file
/// (every report form) or in `./.env` at a start and in a check.
#[test]
fn a_secret_pasted_into_its_name_file_never_shows() {
    let pasted = "BILLING_DATABASE_URL_FILE=hunter2${p4ss-canary}w0rd\n\
                  PAYMENT_TOKEN_FILE=x${ p4ss-canary:-y}z\n\
                  BILLING_ALLOWED_HOSTS=a.example.com\n";
    let env = Env::new(&[]);
    let file = env.file("deploy.env", pasted);
    let file = file.to_str().expect("a UTF-8 path");
    for form in ["text", "json", "github"] {
        let run = env.run(&["--check-env", "--env-file", file, "--report", form]);
        assert!(run.stdout.contains("${...}"), "{form}: {}", run.stdout);
        assert!(!run.stdout.contains("canary"), "{form}: {}", run.stdout);
        assert!(!run.stderr.contains("canary"), "{form}: {}", run.stderr);
    }
    env.file(".env", pasted);
    for args in [&[][..], &["--check-env"], &["--print-config"]] {
        let run = env.run(args);
        assert!(!run.stdout.contains("canary"), "{args:?}: {}", run.stdout);
        assert!(!run.stderr.contains("canary"), "{args:?}: {}", run.stderr);
    }
}

/// A line that cannot be read is said to be ignored, with its line, also
/// when what would have read it is ignored too: a variable of a group that
/// is off, an alias that the variable itself overrides.
#[test]
fn a_malformed_line_of_an_ignored_variable_is_reported() {
    let env = Env::new(&[]);
    let file = env.file(
        "deploy.env",
        "BILLING_DATABASE_URL=postgres://db/billing\nPAYMENT_TOKEN=tok\n\
         BILLING_ALLOWED_HOSTS=a.example.com\nBILLING_TLS_CERT_PATH=a b\n\
         BILLING_TLS_KEY=\"canary\\q\"\nBILLING_PORT=1\nPORT=a b\n",
    );
    let file = file.to_str().expect("a UTF-8 path");
    let run = env.run(&["--check-env", "--env-file", file]);
    assert_eq!(run.code, 0, "{run:?}");
    for line in [4, 5, 7] {
        let said = format!("warning: {file}:{line}: ");
        assert!(run.stdout.contains(&said), "{said} in {}", run.stdout);
    }
    assert!(run.stdout.contains("the line is ignored"), "{}", run.stdout);
    assert!(!run.stdout.contains("canary"), "{}", run.stdout);
    // At a start from `./.env`, the same lines are said to be ignored.
    env.file(".env", &std::fs::read_to_string(file).expect("the file"));
    let run = env.run(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    for line in [4, 5, 7] {
        let said = format!("warning: .env:{line}: ");
        assert!(run.stderr.contains(&said), "{said} in {}", run.stderr);
    }
}

/// What copies a secret's `NAME_FILE` copies what may be the secret,
/// pasted there by mistake: it is redacted like a copy of the secret, in a
/// deployment's env file and in `./.env`.
#[test]
fn a_copy_of_a_secrets_name_file_is_secret() {
    let pasted = "BILLING_DATABASE_URL=postgres://db/billing\n\
                  PAYMENT_TOKEN_FILE=pasted-canary-token\n\
                  BILLING_LOG_LEVEL=${PAYMENT_TOKEN_FILE}\n\
                  BILLING_ALLOWED_HOSTS=${PAYMENT_TOKEN_FILE}\n";
    let env = Env::new(&[]);
    let file = env.file("deploy.env", pasted);
    let file = file.to_str().expect("a UTF-8 path");
    for form in ["text", "json", "github"] {
        let run = env.run(&["--check-env", "--env-file", file, "--report", form]);
        assert_eq!(run.code, 78, "{form}: {run:?}");
        assert!(!run.stdout.contains("canary"), "{form}: {}", run.stdout);
    }
    env.file(".env", pasted);
    for args in [&[][..], &["--check-env"], &["--print-config=json"]] {
        let run = env.run(args);
        assert_eq!(run.code, 78, "{args:?}: {run:?}");
        assert!(!run.stdout.contains("canary"), "{args:?}: {}", run.stdout);
        assert!(!run.stderr.contains("canary"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn print_env_docs_needs_no_variable() {
    let env = Env::new(&[]);
    let default = env.run(&["--print-env-docs"]);
    assert_eq!(default.code, 0, "{default:?}");
    assert_eq!(default.stderr, "");
    assert_eq!(default, env.run(&["--print-env-docs=text"]));
    for format in FORMATS {
        let run = env.run(&[&format!("--print-env-docs={format}")]);
        assert_eq!(run.code, 0, "{format}: {run:?}");
        assert!(!run.stdout.is_empty(), "{format}");
        assert_eq!(run.stderr, "", "{format}");
    }
}

/// The text table wraps to `COLUMNS`, else to 100 columns when it is not
/// on a terminal; when the other columns leave the descriptions too little
/// room, they go under their rows.
#[test]
fn the_text_table_fits_the_width() {
    let wide = Env::new(&[("COLUMNS", "400")]).run(&["--print-env-docs"]);
    let header = wide.stdout.lines().next().unwrap_or_default();
    assert!(header.starts_with("NAME "), "{}", wide.stdout);
    assert!(header.ends_with(" DESCRIPTION"), "{}", wide.stdout);
    // A header, one line per variable, and the title of each group (the
    // database pool, HTTPS); then, after a blank line, the note on
    // NAME_FILE.
    assert_eq!(
        wide.stdout.lines().count(),
        1 + VARIABLES + 2 + 2,
        "{}",
        wide.stdout
    );

    for columns in [None, Some(80), Some(130), Some(160)] {
        let env = match columns {
            Some(columns) => Env::new(&[("COLUMNS", &columns.to_string())]),
            None => Env::new(&[]),
        };
        let run = env.run(&["--print-env-docs"]);
        let width = columns.unwrap_or(100);
        let lines: Vec<&str> = run.stdout.lines().collect();
        let header = lines[0];
        // The first four columns are never wrapped: the service's take 95.
        let fixed = header.find("SECRET").expect("a SECRET column") + "SECRET".len();
        for line in &lines {
            assert!(
                line.chars().count() <= width.max(fixed),
                "{width}: {line:?}\n{}",
                run.stdout
            );
        }
        let table = run.stdout.split("\n\n").next().unwrap_or_default();
        let rows = table.lines().filter(|line| !line.starts_with(' ')).count();
        assert_eq!(rows, 1 + VARIABLES + 2, "{}", run.stdout);
        let stacked = !header.ends_with("DESCRIPTION");
        assert_eq!(stacked, width < fixed + 2 + 30, "{width}:\n{}", run.stdout);
        // Every word of every description is there, in order.
        let words = |text: &str| {
            text.split_whitespace()
                .filter(|word| *word != "DESCRIPTION")
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(words(&run.stdout)[..], words(&wide.stdout)[..], "{width}");
    }
}

#[test]
fn docs_as_json() {
    let run = Env::new(&[]).run(&["--print-env-docs=json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(json["version"], 2);
    assert_eq!(json["file_suffix"], "_FILE");
    let vars = json["variables"].as_array().expect("a list of variables");
    assert_eq!(vars.len(), VARIABLES);
    let var = |name: &str| {
        vars.iter()
            .find(|var| var["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {}", run.stdout))
            .clone()
    };
    assert_eq!(
        var("BILLING_PORT"),
        serde_json::json!({
            "name": "BILLING_PORT",
            "file_var": "BILLING_PORT_FILE",
            "type": {"kind": "integer", "text": "integer 0..=65535", "min": "0", "max": "65535"},
            "required": false,
            "required_when": null,
            "switched_on_by": null,
            "default": "8080",
            "default_is_value": true,
            "secret": false,
            "description": "Port the HTTP server listens on.",
            "example": null,
            "aliases": ["PORT"],
            "deprecated": null,
            "group": null,
        })
    );
    assert_eq!(var("PAYMENT_TOKEN")["secret"], true);
    assert_eq!(var("PAYMENT_TOKEN")["required"], true);
    assert_eq!(var("BILLING_WEBHOOK_SIGNING_KEY")["default"], "<redacted>");
    assert_eq!(
        var("BILLING_ALLOWED_HOSTS")["example"],
        "a.example.com,b.example.com"
    );
    assert_eq!(var("BILLING_SENTRY_DSN")["required"], false);
    assert_eq!(var("BILLING_DB_IDLE_TIMEOUT")["default"], "5m");
}

/// A Deployment with the service's container, the output of
/// `--print-env-docs=FORMAT` pasted in where its documentation says: among
/// the container's keys (under `image:`) for `k8s`, after its last key for
/// `k8s-files`.
fn in_deployment(output: &str, format: &str) -> yaml_rust2::Yaml {
    let after = match format {
        "k8s" => "        ports:\n        - containerPort: 8080\n",
        _ => "",
    };
    let manifest = format!(
        "apiVersion: apps/v1\n\
         kind: Deployment\n\
         metadata:\n  name: billing\n\
         spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: billing\n  \
         template:\n    metadata:\n      labels:\n        app: billing\n    \
         spec:\n      containers:\n      - name: billing\n        image: billing:1.0\n\
         {output}{after}"
    );
    let mut documents = yaml_rust2::YamlLoader::load_from_str(&manifest)
        .unwrap_or_else(|e| panic!("invalid YAML: {e}\n{manifest}"));
    assert_eq!(documents.len(), 1, "{manifest}");
    let deployment = documents.remove(0);
    assert_eq!(
        deployment["spec"]["replicas"].as_i64(),
        Some(2),
        "{manifest}"
    );
    let container = &deployment["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(
        container["image"].as_str(),
        Some("billing:1.0"),
        "{manifest}"
    );
    if format == "k8s" {
        assert_eq!(container["ports"][0]["containerPort"].as_i64(), Some(8080));
    }
    deployment
}

#[test]
fn docs_as_kubernetes_env() {
    let run = Env::new(&[]).run(&["--print-env-docs=k8s"]);
    let deployment = in_deployment(&run.stdout, "k8s");
    let pod = &deployment["spec"]["template"]["spec"];
    let env = pod["containers"][0]["env"].as_vec().expect("an env list");
    let entry = |name: &str| {
        env.iter()
            .find(|entry| entry["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("{name} in {}", run.stdout))
    };
    // Required variables and secrets; defaults are the code's, not pinned.
    let names: Vec<&str> = env
        .iter()
        .filter_map(|entry| entry["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "BILLING_DATABASE_URL",
            "PAYMENT_TOKEN",
            "BILLING_WEBHOOK_SIGNING_KEY",
            "BILLING_CARD_ENCRYPTION_KEY",
            "BILLING_ALLOWED_HOSTS",
            "BILLING_SENTRY_DSN",
            "BILLING_DB_PASSWORD",
        ]
    );
    assert_eq!(entry("BILLING_ALLOWED_HOSTS")["value"].as_str(), Some(""));
    assert!(
        run.stdout
            .contains("        # - name: BILLING_PORT\n        #   value: \"8080\"\n"),
        "{}",
        run.stdout
    );
    for secret in [
        "BILLING_DATABASE_URL",
        "PAYMENT_TOKEN",
        "BILLING_WEBHOOK_SIGNING_KEY",
    ] {
        let reference = &entry(secret)["valueFrom"]["secretKeyRef"];
        assert_eq!(
            reference["name"].as_str(),
            Some("billing-secrets"),
            "{secret}"
        );
        assert_eq!(reference["key"].as_str(), Some(secret));
        assert!(entry(secret)["value"].is_badvalue(), "{secret} has a value");
    }
    let optional = &entry("BILLING_SENTRY_DSN")["valueFrom"]["secretKeyRef"];
    assert_eq!(optional["optional"].as_bool(), Some(true));

    // Uncommented, every entry pins its default, and the manifest is
    // still one a Deployment takes.
    let uncommented = support::uncommented_k8s(&run.stdout);
    let deployment = in_deployment(&uncommented, "k8s");
    let env = deployment["spec"]["template"]["spec"]["containers"][0]["env"]
        .as_vec()
        .expect("an env list")
        .clone();
    assert_eq!(env.len(), VARIABLES, "{uncommented}");
    let value = |name: &str| {
        env.iter()
            .find(|entry| entry["name"].as_str() == Some(name))
            .and_then(|entry| entry["value"].as_str())
    };
    assert_eq!(value("BILLING_PORT"), Some("8080"));
    assert_eq!(value("BILLING_DEBUG"), Some("false"));
    assert_eq!(value("BILLING_DB_IDLE_TIMEOUT"), Some("5m"));
}

#[test]
fn docs_as_kubernetes_env_with_secret_files() {
    let run = Env::new(&[]).run(&["--print-env-docs=k8s-files"]);
    assert_eq!(run.code, 0, "{run:?}");
    let deployment = in_deployment(&run.stdout, "k8s-files");
    let pod = &deployment["spec"]["template"]["spec"];
    let container = &pod["containers"][0];
    let env = container["env"].as_vec().expect("an env list");
    // The service reads its secrets from its `secrets_dir`: one Secret is
    // mounted there, and no `NAME_FILE` is needed.
    let names: Vec<&str> = env
        .iter()
        .filter_map(|entry| entry["name"].as_str())
        .collect();
    assert_eq!(names, ["BILLING_ALLOWED_HOSTS"], "{}", run.stdout);
    assert!(env.iter().all(|entry| entry["valueFrom"].is_badvalue()));
    assert_eq!(
        container["volumeMounts"][0]["mountPath"].as_str(),
        Some("/run/secrets")
    );
    assert_eq!(
        pod["volumes"][0]["secret"]["secretName"].as_str(),
        Some("billing-secrets")
    );
    assert!(
        run.stdout.contains(
            "# Read from /run/secrets/PAYMENT_TOKEN, the key of the Secret mounted there."
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn docs_as_dotenv_example() {
    let run = Env::new(&[]).run(&["--print-env-docs=dotenv"]);
    let vars: Vec<(String, String)> = dotenvy::from_read_iter(run.stdout.as_bytes())
        .collect::<Result<_, _>>()
        .expect("dotenvy reads it");
    // Only the required variables are set, to nothing.
    let names: Vec<&str> = vars.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "BILLING_DATABASE_URL",
            "PAYMENT_TOKEN",
            "BILLING_ALLOWED_HOSTS"
        ]
    );
    assert!(vars.iter().all(|(_, value)| value.is_empty()));
    assert!(
        run.stdout.contains("\n# BILLING_REQUEST_TIMEOUT=30s\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\n# BILLING_WEBHOOK_SIGNING_KEY=\n"),
        "{}",
        run.stdout
    );

    // Filled in, the example is a `.env` the service starts with.
    let env = Env::new(&[]);
    let filled = run
        .stdout
        .replace(
            "BILLING_DATABASE_URL=\n",
            "BILLING_DATABASE_URL=postgres://db/billing\n",
        )
        .replace("PAYMENT_TOKEN=\n", "PAYMENT_TOKEN=tok\n")
        .replace(
            "BILLING_ALLOWED_HOSTS=\n",
            "BILLING_ALLOWED_HOSTS=a.example.com\n",
        );
    env.file(".env", &filled);
    let started = env.run(&[]);
    assert_eq!(started.code, 0, "{started:?}");
}

/// The template with every default and example uncommented (the example
/// of `NAME` as `EXAMPLE_NAME`), read by bash as `set -a; . ./.env` reads
/// it, in a subprocess, and by dotenvy: both read each value as the docs
/// give it, and sourcing it runs nothing.
#[test]
fn the_dotenv_template_reads_back_in_bash_and_dotenvy() {
    let env = Env::new(&[]);
    let template = env.run(&["--print-env-docs=env"]);
    assert_eq!(template, env.run(&["--print-env-docs=dotenv"]));
    let uncommented: String = template
        .stdout
        .lines()
        .map(|line| {
            if let Some(example) = line.strip_prefix("# example: ") {
                format!("EXAMPLE_{example}\n")
            } else if line.starts_with("# BILLING_") || line.starts_with("# PAYMENT_") {
                format!("{}\n", &line[2..])
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let path = env.file("template.env", &uncommented);

    let output = std::process::Command::new("bash")
        .args(["-c", "set -a; . \"$1\"; set +a; env -0", "bash"])
        .arg(&path)
        .env_clear()
        .current_dir(env.dir.path())
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    let mut bash: Vec<(String, String)> = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .split('\0')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(name, _)| {
            ["BILLING_", "PAYMENT_", "EXAMPLE_"]
                .iter()
                .any(|prefix| name.starts_with(prefix))
        })
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    let mut dotenvy: Vec<(String, String)> = dotenvy::from_read_iter(uncommented.as_bytes())
        .collect::<Result<_, _>>()
        .expect("dotenvy reads it");
    bash.sort();
    dotenvy.sort();
    assert_eq!(bash, dotenvy, "{uncommented}");

    // Each value is the default or example the docs give.
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["--print-env-docs=json"]).stdout).expect("valid JSON");
    let vars = json["variables"].as_array().expect("variables");
    assert_eq!(
        bash.iter()
            .filter(|(name, _)| !name.starts_with("EXAMPLE_"))
            .count(),
        VARIABLES
    );
    for (name, value) in &bash {
        let (name, key) = match name.strip_prefix("EXAMPLE_") {
            Some(name) => (name, "example"),
            None => (name.as_str(), "default"),
        };
        let var = vars
            .iter()
            .find(|var| var["name"] == name)
            .unwrap_or_else(|| panic!("{name} in the docs"));
        // Secrets and defaults written in Rust are left empty.
        let written = !value.is_empty();
        if written {
            assert_eq!(var[key].as_str(), Some(value.as_str()), "{name}");
        } else {
            assert!(
                var["secret"] == true || var[key].is_null() || key == "default",
                "{name}"
            );
        }
    }
    assert!(bash.contains(&(
        "EXAMPLE_BILLING_DATABASE_URL".to_owned(),
        "postgres://billing@db:5432/billing".to_owned()
    )));
    assert!(bash.contains(&("BILLING_REQUEST_TIMEOUT".to_owned(), "30s".to_owned())));
}

/// `docker run --env-file` takes each value verbatim, as docker/cli's
/// `kvfile` parser reads it: no quotes in the `docker-env` template.
#[test]
fn docs_as_docker_env_file() {
    let run = Env::new(&[]).run(&["--print-env-docs=docker-env"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("\n# BILLING_REQUEST_TIMEOUT=30s\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\nBILLING_DATABASE_URL=\n"),
        "{}",
        run.stdout
    );
    let values: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('=').map(|(_, value)| value))
        .collect();
    assert_eq!(values, ["", "", ""], "{}", run.stdout);
    for line in run.stdout.lines().filter(|line| line.contains('=')) {
        assert!(!line.contains(['\'', '"']), "{line}");
    }
}

#[test]
fn docs_as_markdown() {
    let run = Env::new(&[]).run(&["--print-env-docs=markdown"]);
    // The table, then a paragraph on NAME_FILE and the secrets directory.
    let (table, after) = run
        .stdout
        .split_once("\n\n")
        .expect("a paragraph after the table");
    assert_eq!(
        after,
        "Any variable `NAME` can also be read from the file that `NAME_FILE` names. \
         When neither is set, it is read from `/run/secrets/NAME`, if that file exists.\n"
    );
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "| Variable | Type | Default | Secret | Description |"
    );
    assert_eq!(lines[1], "| --- | --- | --- | --- | --- |");
    // A header, one row per variable, and one that titles each group (the
    // database pool, HTTPS).
    assert_eq!(lines.len(), 2 + VARIABLES + 2);
    assert!(lines.contains(
        &"| `BILLING_PORT` | integer 0..=65535 | `8080` | | Port the HTTP server listens on. \
          Formerly PORT (still read). |"
    ));
    assert!(lines.contains(&"| **The Postgres connection pool** | | | | |"));
    // markdownlint's default rules, as far as a table can break them:
    // five cells a row (MD056), each padded with one space or empty as
    // `| |` (MD060), no inline HTML (MD033), no hard tab (MD010) or
    // trailing space (MD009), and a final newline (MD047).
    for line in &lines {
        assert_eq!(line.matches(" |").count(), 5, "{line}");
        assert!(line.starts_with("| ") && line.ends_with(" |"), "{line}");
        assert!(!line.contains("|  ") && !line.contains("  |"), "{line}");
        assert!(
            !line.contains(['<', '\t']) || line.contains("`<redacted>`"),
            "{line}"
        );
        assert_eq!(line.trim_end(), *line);
    }
    assert!(table.ends_with(" |"));
}

#[test]
fn usage_errors_exit_64() {
    let env = Env::new(VALID);
    let cases: &[(&[&str], &str)] = &[
        (
            &["--print-env-docs=yaml"],
            "unknown format \"yaml\": expected one of text, markdown (md), dotenv (env), \
             docker-env, json, k8s, k8s-files",
        ),
        (
            &["--print-env-docs", "yaml"],
            "unknown format \"yaml\": expected one of text, markdown (md), dotenv (env), \
             docker-env, json, k8s, k8s-files",
        ),
        (&["--check-env", "--env-file"], "--env-file needs a PATH"),
        (
            &["--check-env", "--env-file", "missing.env"],
            "missing.env: no such file",
        ),
        (
            &["--check-env", "--env-file", "."],
            "--env-file .: is a directory",
        ),
        (
            &["--check-env", "--print-env-docs"],
            "cannot be used together",
        ),
        (
            &["--print-env-docs="],
            "--print-env-docs needs a FORMAT: one of text, markdown (md), dotenv (env), \
             docker-env, json, k8s, k8s-files",
        ),
    ];
    for (args, message) in cases {
        let run = env.run(args);
        assert_eq!(run.code, 64, "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn check_env_passes_with_0() {
    let run = Env::new(VALID)
        .set("BILLING_PORT", "8081")
        .run(&["--check-env"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout
            .starts_with("Checking the process environment:\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.report_line("BILLING_PORT"),
        "ok BILLING_PORT environment \"8081\""
    );
    assert_eq!(
        run.report_line("BILLING_DATABASE_URL"),
        "ok BILLING_DATABASE_URL environment <redacted>"
    );
    assert_eq!(
        run.report_line("BILLING_REQUEST_TIMEOUT"),
        "default BILLING_REQUEST_TIMEOUT default 30s"
    );
    assert_eq!(
        run.report_line("BILLING_SENTRY_DSN"),
        "default BILLING_SENTRY_DSN - optional, not set"
    );
    assert!(
        run.stdout
            .ends_with(&format!("OK: all {VARIABLES} variables would load\n")),
        "{}",
        run.stdout
    );
}

#[test]
fn check_env_fails_with_78_and_suggests_names() {
    let env = Env::new(VALID)
        .unset("PAYMENT_TOKEN")
        .set("BILLING_PORT", "http")
        .set("BILLING_PROT", "8080")
        .set("BILLING_DB_MAX_CONECTIONS", "5")
        .set("BILLING_SOMETHING_ELSE", "1")
        .set("UNRELATED", "1");
    let run = env.run(&["--check-env"]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(run.stderr, "");
    assert!(
        run.report_line("BILLING_PORT")
            .starts_with("invalid BILLING_PORT environment invalid value \"http\": ")
    );
    assert_eq!(
        run.report_line("PAYMENT_TOKEN"),
        "missing PAYMENT_TOKEN - required but not set; expected string"
    );
    let warnings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: BILLING_DB_MAX_CONECTIONS is set but is not a variable of this \
             configuration; did you mean BILLING_DB_MAX_CONNECTIONS?",
            "warning: BILLING_PROT is set but is not a variable of this configuration; \
             did you mean BILLING_PORT?",
            "warning: BILLING_SOMETHING_ELSE is set but is not a variable of this configuration",
        ]
    );
    assert!(
        run.stdout.ends_with(&format!(
            "FAILED: 2 of {VARIABLES} variables have problems, 3 warnings; \
             the configuration would not load\n"
        )),
        "{}",
        run.stdout
    );
}

/// `--env-file`, `--strict` and `--read-secret-files` are envconfig's only
/// after `--check-env`: an application may have flags of those names.
#[test]
fn flags_of_the_application_are_left_alone() {
    let env = Env::new(VALID);
    let file = env.file("app.env", "NOT=envconfig's\n");
    let file = file.to_str().expect("a UTF-8 temporary path");
    let attached = format!("--env-file={file}");
    for args in [
        ["--env-file", file, "--strict"].as_slice(),
        [attached.as_str(), "--read-secret-files"].as_slice(),
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 0, "{args:?}: {run:?}");
        assert!(run.stdout.starts_with("billing: listening on"), "{run:?}");
    }
}

#[test]
fn check_env_file_alone() {
    // The process environment would load; the file is what is checked.
    let env = Env::new(VALID);
    let file = env.file(
        "prod.env",
        "BILLING_DATABASE_URL=postgres://prod-db/billing\nBILLING_PORT=443\n",
    );
    let file = file.to_str().expect("a UTF-8 temporary path");
    let attached = format!("--env-file={file}");
    for args in [
        ["--check-env", "--env-file", file].as_slice(),
        ["--check-env", attached.as_str()].as_slice(),
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 78, "{args:?}: {run:?}");
        assert!(
            run.stdout
                .starts_with(&format!("Checking the env file {file} (alone):\n"))
        );
        assert_eq!(
            run.report_line("BILLING_PORT"),
            format!("ok BILLING_PORT {file}:2 \"443\"")
        );
        // A secret the file lacks is read from the container's secrets
        // directory; a plain variable it lacks is missing.
        assert_eq!(
            run.report_line("PAYMENT_TOKEN"),
            "external PAYMENT_TOKEN /run/secrets/PAYMENT_TOKEN read from \
             /run/secrets/PAYMENT_TOKEN, if the container has it"
        );
        assert_eq!(
            run.report_line("BILLING_ALLOWED_HOSTS"),
            "missing BILLING_ALLOWED_HOSTS - required but not set; expected list of strings \
             separated by ','"
        );
    }

    let good = env.file(
        "good.env",
        "BILLING_DATABASE_URL=postgres://prod-db/billing\nPAYMENT_TOKEN=tok\n\
         BILLING_ALLOWED_HOSTS='a.example.com, b.example.com'\n",
    );
    let run = Env::new(&[]).run(&[
        "--check-env",
        "--env-file",
        good.to_str().unwrap_or_default(),
    ]);
    assert_eq!(run.code, 0, "{run:?}");

    let bad = env.file("bad.env", "PAYMENT_TOKEN=tok\n\nBILLING_PORT=\"8080\n");
    let run = env.run(&[
        "--check-env",
        "--env-file",
        bad.to_str().unwrap_or_default(),
    ]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(
        run.report_line("BILLING_PORT"),
        format!(
            "invalid BILLING_PORT {}:3 malformed line: unclosed quote (it runs to the end \
             of the file)",
            bad.display()
        )
    );
}

/// The contract's check of a deployment's file, end to end: the file alone,
/// as the deployment will see it.
mod env_file_alone {
    use super::*;

    /// A file with everything the service needs, and `extra` lines.
    fn check(env: &Env, extra: &str, flags: &[&str]) -> support::Run {
        let file = env.file(
            "deploy.env",
            &format!(
                "BILLING_DATABASE_URL=postgres://db/billing\nPAYMENT_TOKEN=tok\n\
                 BILLING_ALLOWED_HOSTS=a.example.com\n{extra}"
            ),
        );
        let file = file.to_str().expect("a UTF-8 temporary path").to_owned();
        let mut args = vec!["--check-env", "--env-file", &file];
        args.extend_from_slice(flags);
        env.run(&args)
    }

    /// A reference to a name the file does not set above it is not
    /// expanded from the checking machine's environment: the variable is
    /// unchecked, never shown, with a warning.
    #[test]
    fn references_expand_only_from_the_file() {
        let env = Env::new(&[]).set("CI_RUNNER_TOKEN", "canary-runner-token");
        let run = check(&env, "BILLING_LOG_LEVEL=${CI_RUNNER_TOKEN}\n", &[]);
        assert_eq!(run.code, 0, "{run:?}");
        assert!(!run.stdout.contains("canary"), "{}", run.stdout);
        let line = run.report_line("BILLING_LOG_LEVEL");
        assert!(
            line.contains(
                "its value expands ${CI_RUNNER_TOKEN}, which the file does not set above it"
            ),
            "{line}"
        );
        assert!(run.stdout.contains("warning: "), "{}", run.stdout);
        assert!(
            run.stdout
                .contains("OK: all 19 variables would load (1 unchecked)"),
            "{}",
            run.stdout
        );

        // Set above it in the file, it is expanded and checked.
        let run = check(&env, "LEVEL_Q=debug\nBILLING_LOG_LEVEL=${LEVEL_Q}\n", &[]);
        assert!(
            run.report_line("BILLING_LOG_LEVEL")
                .starts_with("ok BILLING_LOG_LEVEL")
        );
    }

    /// A value copied from a secret is secret.
    #[test]
    fn a_copy_of_a_secret_is_secret() {
        let env = Env::new(&[]);
        let run = check(
            &env,
            "BILLING_WEBHOOK_SIGNING_KEY=canary-copied-secret\nBILLING_LOG_LEVEL=${BILLING_WEBHOOK_SIGNING_KEY}\n",
            &[],
        );
        assert!(!run.stdout.contains("canary"), "{}", run.stdout);
        assert!(
            run.report_line("BILLING_LOG_LEVEL").contains("<redacted>"),
            "{}",
            run.stdout
        );
    }

    /// A `NAME_FILE` names a file of the container: not opened, unless
    /// `--read-secret-files`; set from outside the file by design, so
    /// `external`, which `--strict` accepts.
    #[test]
    fn secret_files_are_the_containers() {
        let env = Env::new(&[]);
        let run = check(&env, "BILLING_SENTRY_DSN_FILE=/run/secrets/sentry\n", &[]);
        assert_eq!(run.code, 0, "{run:?}");
        assert!(
            run.report_line("BILLING_SENTRY_DSN")
                .starts_with("external BILLING_SENTRY_DSN"),
            "{}",
            run.stdout
        );
        let strict = check(
            &env,
            "BILLING_SENTRY_DSN_FILE=/run/secrets/sentry\n",
            &["--strict"],
        );
        assert_eq!(strict.code, 0, "{strict:?}");
        let secret = env.file("dsn", "https://canary-dsn@sentry\n");
        let extra = format!("BILLING_SENTRY_DSN_FILE={}\n", secret.display());
        let run = check(&env, &extra, &["--read-secret-files"]);
        assert_eq!(
            run.report_line("BILLING_SENTRY_DSN"),
            "ok BILLING_SENTRY_DSN BILLING_SENTRY_DSN_FILE <redacted>"
        );
        // /proc/self/environ of the checking machine is never opened.
        let run = check(&env, "BILLING_PORT_FILE=/proc/self/environ\n", &[]);
        assert!(
            run.report_line("BILLING_PORT").starts_with("external"),
            "{}",
            run.stdout
        );
    }

    /// `--strict`: a warning or an unchecked variable fails the check,
    /// and the last line says so, never `OK`.
    #[test]
    fn strict_fails_on_warnings_and_unchecked() {
        let env = Env::new(&[]);
        assert_eq!(check(&env, "", &["--strict"]).code, 0);
        for (extra, verdict) in [
            (
                "BILLING_SENTRY_DSN=${NOT_SET_ABOVE_Q7}\n",
                "FAILED (--strict): 1 warning, 1 unchecked",
            ),
            ("BILLING_PROT=80\n", "FAILED (--strict): 1 warning"),
            (
                "BILLING_PORT=80\nBILLING_PORT=81\n",
                "FAILED (--strict): 1 warning",
            ),
        ] {
            assert_eq!(check(&env, extra, &[]).code, 0, "{extra}");
            let strict = check(&env, extra, &["--strict"]);
            assert_eq!(strict.code, 78, "{extra}");
            assert_eq!(strict.stdout.lines().last(), Some(verdict), "{extra}");
        }
    }

    /// Every malformed line, each with its number and what is wrong, never
    /// its text.
    #[test]
    fn every_malformed_line_is_reported() {
        let env = Env::new(&[]);
        let run = check(
            &env,
            "BILLING_ALLOWED_HOSTS=https://a, https://canary-b\nOTHER canary-c\nBILLING_PORT=\"80\n",
            &[],
        );
        assert_eq!(run.code, 78, "{run:?}");
        assert!(!run.stdout.contains("canary"), "{}", run.stdout);
        assert!(
            run.report_line("BILLING_ALLOWED_HOSTS")
                .contains(":4 malformed line: space in an unquoted value"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout
                .contains(":5: unexpected text between the name and `=`; the line is ignored"),
            "{}",
            run.stdout
        );
        assert!(
            run.report_line("BILLING_PORT")
                .contains(":6 malformed line: unclosed quote"),
            "{}",
            run.stdout
        );
    }

    /// Every name that carries the prefix or nearly matches a variable,
    /// and is no variable, gets a warning with a "did you mean"; other
    /// names (`POD_NAME`, `JAVA_OPTS`) are not the configuration's
    /// business, and `--strict` passes with them.
    #[test]
    fn did_you_mean_for_names_the_configuration_owns() {
        let env = Env::new(&[]);
        let run = check(
            &env,
            "PAYMENT_TOKN=x\nBILING_PORT=1\nBILLING_UNKNOWN=1\nPOD_NAME=p\nJAVA_OPTS=-Xmx1g\n",
            &[],
        );
        for expected in [
            "warning: PAYMENT_TOKN is set but is not a variable of this configuration; did you mean PAYMENT_TOKEN?",
            "warning: BILING_PORT is set but is not a variable of this configuration; did you mean BILLING_PORT?",
            "warning: BILLING_UNKNOWN is set but is not a variable of this configuration\n",
        ] {
            assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
        }
        for name in ["POD_NAME", "JAVA_OPTS"] {
            assert!(!run.stdout.contains(name), "{name}\n{}", run.stdout);
        }
        let strict = check(&env, "POD_NAME=p\nJAVA_OPTS=-Xmx1g\n", &["--strict"]);
        assert_eq!(strict.code, 0, "{strict:?}");
    }
}

/// The format after `--print-env-docs`, in every spelling: with `=` or as
/// the next word, in any case, or a short form. An unknown one exits 64 in
/// every spelling.
#[test]
fn print_env_docs_spellings() {
    let env = Env::new(&[]);
    let cases: &[(&[&str], &str)] = &[
        (&["--print-env-docs", "markdown"], "markdown"),
        (&["--print-env-docs=MARKDOWN"], "markdown"),
        (&["--print-env-docs", "md"], "markdown"),
        (&["--print-env-docs=Md"], "markdown"),
        (&["--print-env-docs", "env"], "dotenv"),
        (&["--print-env-docs=DotEnv"], "dotenv"),
        (&["--print-env-docs", "JSON"], "json"),
        (&["--print-env-docs", "K8s-Files"], "k8s-files"),
        (&["--print-env-docs", "Docker-Env"], "docker-env"),
        // A flag after it is no format: the default table.
        (&["--print-env-docs", "--verbose"], "text"),
        (&["serve", "--print-env-docs"], "text"),
    ];
    for (args, format) in cases {
        assert_eq!(
            env.run(args),
            env.run(&[&format!("--print-env-docs={format}")]),
            "{args:?}"
        );
    }
    for args in [
        &["--print-env-docs", "yaml"][..],
        &["--print-env-docs=yaml"],
        &["--print-env-docs", "YAML"],
        &["--print-env-docs", "serve"],
        &["--print-env-docs", ""],
        &["--print-env-docs="],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 64, "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.contains(
                "one of text, markdown (md), dotenv (env), docker-env, json, k8s, k8s-files"
            ),
            "{args:?}: {}",
            run.stderr
        );
    }
}

/// `--env-file <(vault read ...)`: the shell passes a pipe as /dev/fd/N,
/// which is refused at once (a named pipe with no writer would block), and
/// the operator is told to pass it on stdin instead, which is read.
#[test]
fn check_an_env_file_from_a_pipe() {
    let env = Env::new(&[]);
    let file = env.file(
        "prod.env",
        "BILLING_DATABASE_URL=postgres://prod-db/billing\nPAYMENT_TOKEN=tok\n\
         BILLING_ALLOWED_HOSTS=a.example.com\n",
    );
    let run = |command: String| {
        std::process::Command::new("bash")
            .arg("-c")
            .arg(command)
            .env_clear()
            .current_dir(env.dir.path())
            .output()
            .expect("bash runs")
    };
    let binary = service_binary();
    let output = run(format!(
        "{} --check-env --env-file <(cat {})",
        binary.display(),
        file.display()
    ));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(78), "{stderr}");
    assert!(
        stderr.contains("it is a pipe, which could block: pass it on stdin as `-`"),
        "{stderr}"
    );
    let output = run(format!(
        "cat {} | {} --check-env --env-file -",
        file.display(),
        binary.display()
    ));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with("Checking the env file <stdin>"),
        "{stdout}"
    );
    // A `NAME_FILE` that is a pipe is refused too, with no word of stdin,
    // which a variable's file cannot be.
    let output = run(format!(
        "BILLING_DATABASE_URL=postgres://db PAYMENT_TOKEN_FILE=<(echo tok) \
         BILLING_ALLOWED_HOSTS=a.example.com {}",
        binary.display()
    ));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(78), "{stderr}");
    assert!(
        stderr.contains("it is a pipe, which could block"),
        "{stderr}"
    );
    assert!(!stderr.contains("stdin"), "{stderr}");
}

#[test]
fn the_environment_wins_over_dotenv_for_name_and_name_file_alike() {
    let env = Env::new(&[("BILLING_ALLOWED_HOSTS", "a.example.com")]);
    let url_file = env.file("database-url", "postgres://from-the-secret-file\n");
    let url_file = url_file.to_str().expect("a UTF-8 temporary path");
    // The development .env sets values directly; the real environment
    // mounts secrets as files (and the other way around).
    env.file(
        ".env",
        &format!(
            "BILLING_DATABASE_URL=postgres://localhost/dev\n\
             PAYMENT_TOKEN_FILE={url_file}\n"
        ),
    );
    let env = env
        .set("BILLING_DATABASE_URL_FILE", url_file)
        .set("PAYMENT_TOKEN", "tok_from_the_environment");
    let run = env.run(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    let check = env.run(&["--check-env"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_eq!(
        check.report_line("BILLING_DATABASE_URL"),
        "ok BILLING_DATABASE_URL BILLING_DATABASE_URL_FILE <redacted>"
    );
    assert_eq!(
        check.report_line("PAYMENT_TOKEN"),
        "ok PAYMENT_TOKEN environment <redacted>"
    );
}

#[test]
fn env_file_warnings() {
    let env = Env::new(&[("CI_RUNNER_HOME", "/home/runner")]);
    let file = env.file(
        "prod.env",
        "BILLING_PORT=80\n\
         BILLING_DATABASE_URL=postgres://db/billing\n\
         PAYMENT_TOKEN=tok\n\
         BILLING_ALLOWED_HOSTS=${CI_RUNNER_HOME},$UNDEFINED_HOST\n\
         BILLING_LOG_LEVEL='$NOT_EXPANDED'  # ${NOR_THIS}\n\
         BILLING_PORT=8443\n",
    );
    let file = file.to_str().expect("a UTF-8 temporary path");
    let run = env.run(&["--check-env", "--env-file", file]);
    let warnings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            format!(
                "warning: {file}:4: BILLING_ALLOWED_HOSTS is not checked: its value expands \
                 ${{CI_RUNNER_HOME}}, which the file does not set above it"
            ),
            format!("warning: {file} sets BILLING_PORT more than once; the last one is used"),
        ],
        "{}",
        run.stdout
    );
    assert_eq!(
        run.report_line("BILLING_PORT"),
        format!("ok BILLING_PORT {file}:6 \"8443\"")
    );
    // BILLING_LOG_LEVEL is invalid: warnings do not hide problems.
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout.ends_with("FAILED: 1 of 19 variables has a problem, 2 warnings; the configuration would not load\n"),
        "{}",
        run.stdout
    );
}

// The secret sweep over every output is tests/secret_sweep.rs.

impl PartialEq for Run {
    fn eq(&self, other: &Run) -> bool {
        (self.code, &self.stdout, &self.stderr) == (other.code, &other.stdout, &other.stderr)
    }
}

/// The same flags, flattened into an application's own clap parser. The
/// example is built with the `clap` feature whatever features this test
/// was built with, so `cargo test --workspace` covers it.
#[test]
fn clap_application() {
    let binary = example_binary("clap_service", &["clap"]);
    let env = Env::new(&[]);

    let help = env.run_binary(&binary, &["--help"]);
    assert_eq!(help.code, 0, "{help:?}");
    for flag in [
        "--workers",
        "--print-env-docs [<FORMAT>]",
        "--check-env",
        "--env-file <PATH>",
    ] {
        assert!(help.stdout.contains(flag), "{flag} in {}", help.stdout);
    }

    let docs = env.run_binary(&binary, &["--print-env-docs=json"]);
    assert_eq!(docs.code, 0, "{docs:?}");
    let json: serde_json::Value = serde_json::from_str(&docs.stdout).expect("valid JSON");
    assert_eq!(json["variables"][0]["name"], "REPORTS_DATABASE_URL");
    assert_eq!(env.run_binary(&binary, &["--print-env-docs"]).code, 0);

    let check = env.run_binary(&binary, &["--workers", "2", "--check-env"]);
    assert_eq!(check.code, 78, "{check:?}");
    assert!(
        check.stdout.contains("missing  REPORTS_DATABASE_URL"),
        "{}",
        check.stdout
    );

    let file = env.file(
        "reports.env",
        "REPORTS_DATABASE_URL=postgres://db/reports\n",
    );
    let file = file.to_str().unwrap_or_default();
    let check_file = env.run_binary(&binary, &["--check-env", "--env-file", file]);
    assert_eq!(check_file.code, 0, "{check_file:?}");

    // The same spellings as envconfig's own command line.
    for (args, format) in [
        (&["--print-env-docs", "JSON"][..], "json"),
        (&["--print-env-docs=md"], "markdown"),
        (&["--print-env-docs", "env"], "dotenv"),
        (&["--print-env-docs", "k8s-files"], "k8s-files"),
    ] {
        let run = env.run_binary(&binary, args);
        assert_eq!(run.code, 0, "{args:?}: {run:?}");
        let expected = env.run_binary(&binary, &[&format!("--print-env-docs={format}")]);
        assert_eq!(run, expected, "{args:?}");
    }

    // Usage errors are the application parser's: clap exits with 2.
    for args in [
        &["--print-env-docs=xml"][..],
        &["--print-env-docs", "xml"],
        &["--env-file", file],
    ] {
        let run = env.run_binary(&binary, args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
    }

    // With the `k8s` feature, the Args take --manifest and --container.
    #[cfg(feature = "k8s")]
    {
        let manifest = env.file(
            "deploy.yaml",
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: reports\nspec:\n  template:\n    spec:\n      \
             restartPolicy: Never\n      containers:\n        - name: reports\n          image: reports:1\n          env:\n            - name: \
             REPORTS_DATABASE_URL\n              value: postgres://db/reports\n",
        );
        let manifest = manifest.to_str().unwrap_or_default();
        let run = env.run_binary(&binary, &["--check-env", "--manifest", manifest]);
        assert_eq!(run.code, 0, "{run:?}");
        assert!(
            run.stdout
                .starts_with("Checking container reports of Job reports")
        );
        let run = env.run_binary(&binary, &["--check-env", "--container", "reports"]);
        assert_eq!(run.code, 2, "--container needs --manifest: {run:?}");
    }

    let started = Env::new(&[("REPORTS_DATABASE_URL", "postgres://db/reports")])
        .run_binary(&binary, &["--workers", "8", "--dry-run"]);
    assert_eq!(started.code, 0, "{started:?}");
    assert_eq!(
        started.stdout,
        "reports: 8 workers, every 900s, into /var/lib/reports (dry run)\n"
    );
}

/// Without the `k8s` feature, `--manifest` after `--check-env` is refused
/// rather than ignored: a CI job must not pass by checking the runner's
/// environment instead of the manifest.
#[cfg(not(feature = "k8s"))]
#[test]
fn a_manifest_needs_the_k8s_feature() {
    let env = Env::new(VALID);
    let run = env.run(&["--check-env", "--manifest", "deploy.yaml"]);
    assert_eq!(run.code, 64, "{run:?}");
    assert!(
        run.stderr.contains(
            "--manifest needs envconfig's `k8s` feature, which this program is built without"
        ),
        "{}",
        run.stderr
    );
    // Without --check-env, it is the application's flag.
    assert_eq!(env.run(&["--manifest", "deploy.yaml"]).code, 0);
}

/// Output that reaches no reader is an error (74, `EX_IOERR`), never a
/// panic and never a success: a full disk, a closed stdout. A reader that
/// stops reading (`| head`) is no error.
#[test]
fn unwritable_output_exits_74() {
    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let status = dir.path().join("status");
    let cases = [
        ("--print-env-docs >/dev/full 2>/dev/full", "74"),
        ("--print-env-docs >/dev/full", "74"),
        ("--print-env-docs >&-", "74"),
        ("--print-env-docs=json >&- 2>&-", "74"),
        ("--check-env >&-", "74"),
        ("--check-env --report json >/dev/full", "74"),
        ("--check-env --report github >&-", "74"),
        ("--print-config=json >&-", "74"),
        ("--print-config >/dev/full", "74"),
        ("--help >&-", "74"),
        ("--print-env-docs=k8s-files >/dev/full", "74"),
        ("--print-env-docs | head -c 1 >/dev/null", "0"),
        ("--print-env-docs >/dev/null", "0"),
    ];
    for (args, code) in cases {
        // The status goes to descriptor 3, which the redirections leave
        // alone.
        let script = format!("exec 3>\"$1\"; set -o pipefail; \"$0\" {args}; echo $? >&3");
        std::process::Command::new("bash")
            .arg("-c")
            .arg(script)
            .arg(support::service_binary())
            .arg(&status)
            .env_clear()
            .env("BILLING_DATABASE_URL", "postgres://db/billing")
            .env("PAYMENT_TOKEN", "tok")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("bash runs");
        let got = std::fs::read_to_string(&status).expect("the status");
        assert_eq!(got.trim(), code, "{args}");
    }
}

/// An endless device is refused at once, before it is read: `--env-file`
/// reads only regular files (and stdin, up to its limit).
#[test]
fn an_endless_env_file_is_refused() {
    let run = Env::new(&[]).run(&["--check-env", "--env-file", "/dev/zero"]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: /dev/zero: it is a device, not a regular file\n"
    );
}

/// A secret that copies every name of a large `.env`
/// (`PAYMENT_TOKEN=${H0}${H1}...`) makes them all secret, each found once:
/// the names it copies are a set, which a list would search once per name,
/// quadratic (seconds at 40,000 names, minutes at 150,000).
#[test]
fn a_secret_copying_many_names_is_swept_in_one_pass() {
    let names = 150_000;
    let mut text = String::new();
    for k in 0..names {
        text += &format!("H{k}=a\n");
    }
    text += "PAYMENT_TOKEN=";
    for k in 0..names {
        text += &format!("${{H{k}}}");
    }
    text += "\nBILLING_ALLOWED_HOSTS=${H7}\n";
    let env = Env::new(&[("BILLING_DATABASE_URL", "postgres://b@db/b")]);
    env.file(".env", &text);
    let run = env.run(&["--check-env"]);
    assert_eq!(
        run.report_line("BILLING_ALLOWED_HOSTS"),
        format!("ok BILLING_ALLOWED_HOSTS .env:{} <redacted>", names + 2),
        "{run:?}"
    );
}

/// A path is outside text too: escaped in the report's header, its origin
/// column and its warnings, so it cannot forge a line or reverse one.
#[test]
fn an_env_file_path_cannot_forge_lines() {
    let env = Env::new(&[]);
    let name = "x\u{1b}[31m\rFORGED\u{202e}.env";
    env.file(name, "BILLING_PORT=80\nBILLING_PROT=1\nbad line\n");
    let run = env.run(&["--check-env", "--env-file", name]);
    for forbidden in ['\u{1b}', '\r', '\u{202e}'] {
        assert!(!run.stdout.contains(forbidden), "{:?}", run.stdout);
    }
    let shown = "x\\u{1b}[31m\\rFORGED\\u{202e}.env";
    assert!(
        run.stdout
            .starts_with(&format!("Checking the env file {shown} (alone):\n")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&format!("{shown}:1")), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("warning: {shown}:3: ")),
        "{}",
        run.stdout
    );
}

/// The operator's view through the built service: `--print-config`,
/// warnings at start-up, aliases and deprecations in `--check-env`.
mod operator_view {
    use super::*;

    /// The row of `name` in a `--print-config` table, its cells one space
    /// apart; empty if there is none.
    fn table_row(table: &str, name: &str) -> String {
        table
            .lines()
            .find(|line| line.starts_with(&format!("{name} ")))
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    #[test]
    fn print_config_shows_every_value_and_where_it_came_from() {
        let env = Env::new(VALID)
            .unset("BILLING_DATABASE_URL")
            .set("BILLING_SENTRY_DSN", "https://key:canary-pass@sentry/1")
            .set("PORT", "9000");
        let secret = env.file("db-url", "postgres://billing:canary-db@db/billing\n");
        let env = env.set(
            "BILLING_DATABASE_URL_FILE",
            secret.to_str().expect("a UTF-8 temporary path"),
        );
        env.file(".env", "# local\nBILLING_LOG_LEVEL=warn\n");
        let run = env.run(&["--print-config"]);
        assert_eq!(run.code, 0, "{run:?}");
        let row = |name: &str| table_row(&run.stdout, name);
        assert_eq!(row("NAME"), "NAME VALUE SOURCE");
        assert_eq!(row("BILLING_PORT"), "BILLING_PORT \"9000\" alias PORT");
        assert_eq!(
            row("BILLING_DATABASE_URL"),
            format!(
                "BILLING_DATABASE_URL <redacted> BILLING_DATABASE_URL_FILE {}",
                secret.display()
            )
        );
        assert_eq!(
            row("BILLING_LOG_LEVEL"),
            "BILLING_LOG_LEVEL \"warn\" .env:2"
        );
        assert_eq!(
            row("BILLING_REQUEST_TIMEOUT"),
            "BILLING_REQUEST_TIMEOUT 30s default"
        );
        assert_eq!(row("BILLING_DB_PASSWORD"), "BILLING_DB_PASSWORD - unset");
        assert_eq!(
            row("BILLING_SENTRY_DSN"),
            "BILLING_SENTRY_DSN <redacted> environment"
        );
        assert_eq!(
            run.stderr,
            "note: 1 variable from ./.env: BILLING_LOG_LEVEL\n\
             warning: PORT is the old name of BILLING_PORT: it is read for now; \
             rename it to BILLING_PORT\n"
        );
        assert!(!run.stdout.contains("canary") && !run.stderr.contains("canary"));

        let json = env.run(&["--print-config=json"]);
        assert_eq!(json.code, 0, "{json:?}");
        let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
        assert_eq!(value["variables"][1]["name"], "BILLING_PORT");
        assert_eq!(
            value["variables"][1]["source"],
            serde_json::json!({"kind": "alias", "alias": "PORT", "via": {"kind": "environment"}})
        );
    }

    /// A `NAME_FILE` that cannot be read is where the value was to come
    /// from, not `unset`; a secret's path is withheld, since it may be the
    /// secret pasted into `NAME_FILE`.
    #[test]
    fn a_file_that_cannot_be_read_is_the_source_shown() {
        let env = Env::new(VALID)
            .unset("PAYMENT_TOKEN")
            .set("PAYMENT_TOKEN_FILE", "canary-pasted-token")
            .set("BILLING_LOG_LEVEL_FILE", "/nonexistent/log-level");
        let run = env.run(&["--print-config"]);
        assert_eq!(run.code, 78, "{run:?}");
        let row = |name: &str| table_row(&run.stdout, name);
        assert_eq!(
            row("BILLING_LOG_LEVEL"),
            "BILLING_LOG_LEVEL - BILLING_LOG_LEVEL_FILE /nonexistent/log-level"
        );
        assert_eq!(
            row("PAYMENT_TOKEN"),
            "PAYMENT_TOKEN - PAYMENT_TOKEN_FILE <redacted>"
        );
        let check = env.run(&["--check-env"]);
        assert_eq!(check.code, 78, "{check:?}");
        for shown in [&run.stdout, &run.stderr, &check.stdout, &check.stderr] {
            assert!(!shown.contains("canary"), "{shown}");
        }
        assert!(
            check
                .stdout
                .lines()
                .any(|line| line.contains("BILLING_LOG_LEVEL ")
                    && line.contains("BILLING_LOG_LEVEL_FILE")
                    && line.contains("cannot read")),
            "{}",
            check.stdout
        );
    }

    #[test]
    fn print_config_of_a_configuration_that_does_not_load() {
        let env = Env::new(VALID).set("BILLING_PORT", "http");
        let run = env.run(&["--print-config"]);
        assert_eq!(run.code, 78, "{run:?}");
        assert!(run.stdout.starts_with("NAME "), "{}", run.stdout);
        assert!(
            run.stdout.contains("BILLING_PORT "),
            "every variable is listed: {}",
            run.stdout
        );
        assert!(
            run.stderr.contains("BILLING_PORT: invalid value \"http\""),
            "{}",
            run.stderr
        );
        for args in [
            &["--print-config", "--check-env"][..],
            &["--print-config=yaml"],
            &["--print-env-docs", "--print-config"],
        ] {
            assert_eq!(env.run(args).code, 64, "{args:?}");
        }
    }

    #[test]
    fn warnings_at_start_up_and_in_the_check() {
        let env = Env::new(VALID)
            .set("PORT", "9000")
            .set("BILLING_DEBUG", "true");
        let run = env.run(&[]);
        assert_eq!(run.code, 0, "{run:?}");
        assert_eq!(
            run.stderr,
            "warning: PORT is the old name of BILLING_PORT: it is read for now; \
             rename it to BILLING_PORT\n\
             warning: BILLING_DEBUG is deprecated: set BILLING_LOG_LEVEL=debug instead\n"
        );
        let check = env.run(&["--check-env"]);
        assert_eq!(check.code, 0, "{check:?}");
        assert_eq!(
            check.report_line("BILLING_PORT"),
            "ok BILLING_PORT alias PORT \"9000\""
        );
        for warning in run.stderr.lines() {
            assert!(
                check.stdout.contains(warning),
                "{warning}\n{}",
                check.stdout
            );
        }
        // PORT is a name of the configuration: not "unknown".
        assert!(
            !check.stdout.contains("PORT is set but"),
            "{}",
            check.stdout
        );
        assert_eq!(env.run(&["--check-env", "--strict"]).code, 78);
    }

    #[test]
    fn a_missing_variable_with_a_typo_set() {
        let env = Env::new(VALID)
            .unset("BILLING_DATABASE_URL")
            .set("BILLING_DATABSE_URL", "postgres://canary-typo");
        let run = env.run(&[]);
        assert_eq!(run.code, 78, "{run:?}");
        assert!(
            run.stderr.contains(
                "BILLING_DATABASE_URL: required but not set (BILLING_DATABSE_URL is set; a typo?)"
            ),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("canary"), "{}", run.stderr);
    }
}

/// A value that is not UTF-8 is a problem through an alias as through the
/// variable's own name, and names the alias it came from.
#[test]
fn an_alias_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let output = std::process::Command::new(support::service_binary())
        .env_clear()
        .envs(VALID.iter().copied())
        .env("PORT", std::ffi::OsStr::from_bytes(b"80\xff80"))
        .output()
        .expect("the service runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(78), "{stderr}");
    assert!(
        stderr.contains("BILLING_PORT (from alias PORT): value is not valid UTF-8"),
        "{stderr}"
    );
}

/// On a terminal with no `COLUMNS`, the text table is as wide as in a
/// pipe, whatever the terminal's width (the service runs no `stty` to
/// learn it): run in a tmux window of 132 columns, and read off its
/// screen.
#[test]
fn the_text_table_fits_the_terminal() {
    use std::process::Command;
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("skipped: no tmux to give the service a terminal");
        return;
    }
    let session = format!("envconfig-{}", std::process::id());
    let binary = support::service_binary();
    let started = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "132",
            "-y",
            "150",
        ])
        .arg(format!(
            "env -u COLUMNS {} --print-env-docs; sleep 30",
            binary.display()
        ))
        .status()
        .expect("tmux runs");
    assert!(started.success());
    // The table is printed at once; wait for its last line.
    let mut screen = String::new();
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let capture = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &session])
            .output()
            .expect("tmux captures");
        screen = String::from_utf8_lossy(&capture.stdout).into_owned();
        if screen.contains("BILLING_TLS_KEY") {
            break;
        }
    }
    let _ = Command::new("tmux")
        .args(["kill-session", "-t", &session])
        .status();
    let widest = screen.lines().map(|line| line.chars().count()).max();
    assert!(screen.starts_with("NAME "), "{screen}");
    // The 100 columns of output that is not a terminal, not the
    // terminal's 132.
    assert!(
        widest.is_some_and(|widest| (81..=100).contains(&widest)),
        "{widest:?}\n{screen}"
    );
}

/// A password in a URL that is no secret's value (a URL set where a
/// plain value goes) is masked wherever a value is shown: in the check's
/// rows, in problems, in `--print-config`; written without percent-encoding
/// (`/` in it) too.
#[test]
fn a_password_in_a_plain_url_is_masked_in_every_report() {
    let env = Env::new(VALID)
        .set("BILLING_ALLOWED_HOSTS", "https://u:canary-1/x@h/app")
        .set("BILLING_METRICS_ADDRESS", "https://u:canary-2@h");
    for args in [&["--check-env"][..], &["--print-config"], &[]] {
        let run = env.run(args);
        assert_eq!(run.code, 78, "{args:?}: {run:?}");
        let shown = format!("{}{}", run.stdout, run.stderr);
        assert!(!shown.contains("canary"), "{args:?}: {shown}");
        assert!(
            shown.contains("invalid value \"https://u:***@h\""),
            "{args:?}: {shown}"
        );
    }
    let check = env.run(&["--check-env"]);
    assert!(
        check.stdout.contains("\"https://u:***@h/app\""),
        "{}",
        check.stdout
    );
}

/// Text from outside is escaped wherever it is printed, bidi overrides too
/// (DESIGN, Secrets): also in `--print-config=json`.
#[test]
fn print_config_json_escapes_bidi_overrides() {
    let env = Env::new(VALID).set("BILLING_ALLOWED_HOSTS", "evil\u{202e}hs.txt");
    let run = env.run(&["--print-config=json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert!(json["variables"].is_array());
    assert!(!run.stdout.contains('\u{202e}'), "{}", run.stdout);
}

/// The clap integration takes the same spellings of `--print-config` as
/// envconfig's own command line.
#[test]
fn clap_print_config_takes_the_same_spellings() {
    let binary = example_binary("clap_service", &["clap"]);
    let env = Env::new(&[("REPORTS_DATABASE_URL", "postgres://db/reports")]);
    let json = env.run_binary(&binary, &["--print-config=json"]);
    assert_eq!(json.code, 0, "{json:?}");
    assert!(json.stdout.starts_with('{'), "{}", json.stdout);
    for args in [&["--print-config=JSON"][..], &["--print-config", "json"]] {
        let run = env.run_binary(&binary, args);
        assert_eq!(
            (run.code, &run.stdout),
            (json.code, &json.stdout),
            "{args:?}: {run:?}"
        );
    }
}

/// `--check-docs` through clap: a reference as `--print-env-docs` prints it
/// passes, one that drifted fails with 1 and a diff, and a format its
/// extension does not say is named with `--check-docs-format`.
#[test]
fn clap_check_docs() {
    let binary = example_binary("clap_service", &["clap"]);
    let env = Env::new(&[]);
    let markdown = env.run_binary(&binary, &["--print-env-docs=markdown"]);
    assert_eq!(markdown.code, 0, "{markdown:?}");
    let reference = env.file("ENV.md", &markdown.stdout);
    let reference = reference.to_str().unwrap_or_default();
    let same = env.run_binary(&binary, &["--check-docs", reference]);
    assert_eq!((same.code, same.stdout.as_str()), (0, ""), "{same:?}");

    let drifted = env.file("drifted.md", &markdown.stdout.replace("15m", "10m"));
    let drifted = drifted.to_str().unwrap_or_default();
    let run = env.run_binary(&binary, &["--check-docs", drifted]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("+") && run.stdout.contains("15m"),
        "{run:?}"
    );

    let unnamed = env.file("ENV", &markdown.stdout);
    let unnamed = unnamed.to_str().unwrap_or_default();
    let as_text = env.run_binary(&binary, &["--check-docs", unnamed]);
    assert_eq!(as_text.code, 1, "a text reference: {as_text:?}");
    let named = env.run_binary(
        &binary,
        &["--check-docs", unnamed, "--check-docs-format", "markdown"],
    );
    assert_eq!(named.code, 0, "{named:?}");

    // A path that names nothing is a bad use of the flags: 64, saying what
    // is wrong, and without envconfig's own usage line, whose spelling of
    // the flags (`--check-docs[=FORMAT] PATH`) is not clap's.
    let missing = env.dir.path().join("no-such-reference.md");
    let missing = missing.to_str().unwrap_or_default();
    let run = env.run_binary(&binary, &["--check-docs", missing]);
    assert_eq!(run.code, 64, "{run:?}");
    assert!(
        run.stderr.starts_with("error: --check-docs ") && run.stderr.ends_with(": no such file\n"),
        "{run:?}"
    );
    assert!(!run.stderr.contains("usage:"), "{run:?}");
    let run = env.run_binary(&binary, &["--check-env", "--env-file", missing]);
    assert_eq!(run.code, 64, "{run:?}");
    assert!(!run.stderr.contains("usage:"), "{run:?}");
}

/// The same bad path on the command line envconfig reads itself ends with
/// its usage line.
#[test]
fn a_missing_path_ends_with_the_usage_line() {
    let env = Env::new(&[]);
    let missing = env.dir.path().join("no-such-reference.md");
    let missing = missing.to_str().unwrap_or_default();
    for flag in [
        &["--check-docs", missing][..],
        &["--check-env", "--env-file", missing],
    ] {
        let run = env.run(flag);
        assert_eq!(run.code, 64, "{run:?}");
        assert!(run.stderr.contains(": no such file\nusage: "), "{run:?}");
    }
}

/// `Startup::load` through the `logged_start` example, which logs its
/// start as JSON lines: the same dotenv file as `load_or_exit`, under the
/// environment, the warnings and effective values with the configuration,
/// and every problem, or the dotenv file's, as a value; never a secret.
mod startup_load {
    use super::*;

    fn lines(run: &Run) -> Vec<serde_json::Value> {
        run.stdout
            .lines()
            .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
            .collect()
    }

    #[test]
    fn loads_with_the_dotenv_file_under_the_environment() {
        let binary = example_binary("logged_start", &[]);
        let env = Env::new(&[
            ("REPORTS_DATABASE_URL", "postgres://u:canary-pw@db/reports"),
            ("PORT", "9000"),
        ]);
        env.file(".env", "REPORTS_KEEP=5\nPORT=1\n");
        let run = env.run_binary(&binary, &[]);
        assert_eq!(run.code, 0, "{run:?}");
        assert!(!run.stdout.contains("canary"), "{}", run.stdout);
        let lines = lines(&run);
        assert_eq!(
            lines[0]["message"],
            "PORT is the old name of REPORTS_PORT: it is read for now; rename it to REPORTS_PORT"
        );
        let effective = &lines[1]["fields"]["variables"];
        assert_eq!(effective[0]["value"], "<redacted>");
        assert_eq!(effective[2]["source"]["kind"], "env_file");
        assert_eq!(
            lines[2]["fields"],
            serde_json::json!({"port": 9000, "keep": 5})
        );
    }

    #[test]
    fn every_problem_or_the_dotenv_file_is_an_error_value() {
        let binary = example_binary("logged_start", &[]);
        let env = Env::new(&[("REPORTS_KEEP", "0"), ("PORT", "1"), ("REPORTS_PORT", "2")]);
        let run = env.run_binary(&binary, &[]);
        assert_eq!(run.code, 78, "{run:?}");
        let logged = lines(&run);
        // The warnings come with the problems, as `load_or_exit` prints them.
        assert_eq!(logged[0]["message"], "PORT is ignored: REPORTS_PORT is set");
        let vars: Vec<_> = logged[1..]
            .iter()
            .map(|line| line["fields"]["variable"].clone())
            .collect();
        assert_eq!(vars, ["REPORTS_DATABASE_URL", "REPORTS_KEEP"]);

        std::fs::write(
            env.dir.path().join(".env"),
            b"# ok\nREPORTS_KEEP=\xffcanary\n",
        )
        .unwrap();
        let run = env.run_binary(&binary, &[]);
        assert_eq!(run.code, 78, "{run:?}");
        // A line that is not UTF-8 is that line's problem alone, with its
        // number; the real environment's REPORTS_KEEP wins over it anyway.
        assert_eq!(
            lines(&run)[0]["message"],
            ".env:2: not valid UTF-8; the line is ignored"
        );
        assert!(!run.stdout.contains("canary"), "{}", run.stdout);
    }
}

/// The secret of the `ledger` example, which a `validate` function checks.
const LEDGER_KEY: &str =
    "LEDGER_RECONCILIATION_WORKER_FOR_THE_EUROPEAN_PAYMENTS_PLATFORM_SIGNING_KEY";

/// A secret that its `validate` function refuses says which function did,
/// and withholds its words: they may quote the secret.
#[test]
fn a_secret_refused_by_its_validate_function_says_so() {
    let ledger = example_binary("ledger", &[]);
    let run = Env::new(&[(LEDGER_KEY, "short-canary")]).run_binary(&ledger, &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "invalid configuration (1 problem):\n  {LEDGER_KEY}: invalid value <redacted>: \
             rejected by its validate function (details withheld: the variable is secret); \
             expected string\n"
        )
    );
    let run = Env::new(&[(LEDGER_KEY, &"k".repeat(32))]).run_binary(&ledger, &[]);
    assert_eq!(run.code, 0, "{run:?}");
}

/// The crash-loop message of a secret whose mounted file is missing shows
/// the path, which the operator needs to fix the mount, when it is surely
/// a path; anything else may be the secret, pasted into `NAME_FILE`.
#[test]
fn a_missing_secret_file_is_named_when_surely_a_path() {
    let mut env = Env::new(VALID).unset("BILLING_DATABASE_URL");
    std::fs::create_dir(env.dir.path().join("secrets")).expect("a directory");
    let mount = env.dir.path().join("secrets/database-url");
    let mount = mount.to_str().expect("a UTF-8 temporary path");
    for (path, shown) in [
        (mount, format!("BILLING_DATABASE_URL_FILE={mount}")),
        (
            "postgres://billing:canary@db/billing",
            "the file BILLING_DATABASE_URL_FILE names (<redacted>)".to_owned(),
        ),
    ] {
        env = env.set("BILLING_DATABASE_URL_FILE", path);
        let run = env.run(&[]);
        assert_eq!(run.code, 78, "{run:?}");
        assert_eq!(
            run.stderr,
            format!(
                "invalid configuration (1 problem):\n  \
                 BILLING_DATABASE_URL: cannot read {shown}: No such file or directory (os \
                 error 2)\n"
            )
        );
    }
}
