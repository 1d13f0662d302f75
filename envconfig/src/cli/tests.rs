//! `run`: what each command line does, without printing or exiting.

use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use tempfile::TempDir;

use super::*;
use crate::cli::args::CheckOptions;
use crate::cli::startup::DotenvFiles;
use crate::docs::Format;

/// The configuration of these tests, through the real derive.
#[derive(crate::Config)]
#[config(prefix = "BILLING_")]
pub(crate) struct Billing {
    /// Port the HTTP server listens on.
    #[config(default = 8080)]
    pub port: u16,
    /// Postgres connection URL.
    #[config(example = "postgres://db/billing")]
    pub database_url: SecretString,
    /// How long a request may take.
    #[config(default = "30s")]
    pub request_timeout: Duration,
    /// Key that signs receipts.
    #[config(env = "SIGNING_KEY", secret, default = "canary-secret-default")]
    pub signing_key: String,
    /// Where errors are reported.
    pub sentry_dsn: Option<SecretString>,
    #[config(nested)]
    pub db: Db,
}

#[derive(crate::Config)]
pub(crate) struct Db {
    /// Connections in the pool.
    #[config(default = 10)]
    pub max_connections: u32,
}

/// Runs `action` against `vars`, with `dotenv` as the `.env` file.
fn run_with(action: Action, vars: &[(&str, &str)], dotenv: &Path) -> Run<Billing> {
    run::<Billing>(
        action,
        |_| Source::from_pairs(vars.iter().copied()),
        DotenvFiles::reading(dotenv),
    )
}

fn exit(run: Run<Billing>) -> Exit {
    match run {
        Run::Exit(exit) => exit,
        Run::Loaded(..) => panic!("expected an exit, got a loaded configuration"),
    }
}

const VALID: &[(&str, &str)] = &[("BILLING_DATABASE_URL", "postgres://canary-db-secret")];
const NO_DOTENV: &str = "/nonexistent/.env";

#[test]
fn loads_and_hands_the_configuration_over() {
    let Run::Loaded(settings, _) = run_with(Action::Load, VALID, Path::new(NO_DOTENV)) else {
        panic!("expected the configuration to load");
    };
    assert_eq!(settings.port, 8080);
    assert_eq!(
        settings.database_url.expose_secret(),
        "postgres://canary-db-secret"
    );
    assert_eq!(settings.request_timeout, Duration::from_secs(30));
    assert_eq!(settings.signing_key, "canary-secret-default");
    assert!(settings.sentry_dsn.is_none());
    assert_eq!(settings.db.max_connections, 10);
}

#[test]
fn a_configuration_that_does_not_load_exits_with_78_and_every_problem() {
    let vars = [
        ("BILLING_PORT", "http"),
        ("BILLING_DB_MAX_CONNECTIONS", "-1"),
    ];
    let exit = exit(run_with(Action::Load, &vars, Path::new(NO_DOTENV)));
    assert_eq!(exit.code, 78);
    assert_eq!(exit.stdout, "");
    let Err(error) = Billing::from_vars(vars) else {
        panic!("expected an error");
    };
    assert_eq!(error.problems().len(), 3);
    assert_eq!(exit.stderr, format!("{error}\n"));
}

#[test]
fn docs_print_without_any_variable() {
    for &format in Format::ALL {
        let exit = exit(run_with(
            Action::PrintDocs(format),
            &[],
            Path::new(NO_DOTENV),
        ));
        assert_eq!(exit.code, 0);
        // The table is as wide as the terminal or `COLUMNS` of the run.
        let expected = match format {
            Format::Text => Billing::docs().render_text(text_width()),
            format => Billing::docs().render(format),
        };
        assert_eq!(exit.stdout, expected);
        assert_eq!(exit.stderr, "");
    }
}

#[test]
fn the_dotenv_file_fills_in_but_never_overrides() {
    let dir = TempDir::new().expect("a temporary directory");
    let dotenv = write(
        &dir,
        ".env",
        "BILLING_DATABASE_URL=postgres://from-dotenv\nBILLING_PORT=9000\nBILLING_REQUEST_TIMEOUT=60s\n",
    );
    let vars = [("BILLING_PORT", "7000")];
    let Run::Loaded(settings, _) = run_with(Action::Load, &vars, &dotenv) else {
        panic!("expected the configuration to load");
    };
    assert_eq!(settings.port, 7000);
    assert_eq!(
        settings.database_url.expose_secret(),
        "postgres://from-dotenv"
    );
    assert_eq!(settings.request_timeout, Duration::from_secs(60));
}

#[test]
fn a_directory_named_dotenv_is_not_a_dotenv_file() {
    let dir = TempDir::new().expect("a temporary directory");
    let venv = dir.path().join(".env");
    std::fs::create_dir(&venv).unwrap();
    assert!(matches!(
        run_with(Action::Load, VALID, &venv),
        Run::Loaded(..)
    ));
}

/// A stray `.env` with a malformed line that sets nothing of the
/// configuration does not stop a service that is fully configured.
#[test]
fn a_malformed_line_of_no_variable_is_a_warning() {
    let dir = TempDir::new().expect("a temporary directory");
    let dotenv = write(&dir, ".env", "OTHER_TOOL=a b\n");
    let Run::Loaded(_, stderr) = run_with(Action::Load, VALID, &dotenv) else {
        panic!("the configuration loads");
    };
    assert_eq!(
        stderr,
        format!(
            "warning: {}:1: space in an unquoted value (quote the value); the line is ignored\n",
            dotenv.display()
        )
    );
}

#[test]
fn check_reports_every_variable() {
    let dir = TempDir::new().expect("a temporary directory");
    let dotenv = write(&dir, ".env", "BILLING_REQUEST_TIMEOUT=60s\n");
    let secret_file = write(&dir, "dsn", "https://canary-file-secret@sentry\n");
    let secret_file = secret_file.to_str().unwrap();
    let vars = [
        ("BILLING_PORT", "8081"),
        ("BILLING_DATABASE_URL", "postgres://canary-db-secret"),
        ("BILLING_SENTRY_DSN_FILE", secret_file),
        ("BILLING_PROT", "1"),
        ("PATH", "/bin"),
    ];
    let exit = exit(run_with(
        Action::Check(CheckOptions::default()),
        &vars,
        &dotenv,
    ));
    assert_eq!(exit.code, 0, "{}", exit.stdout);
    let env_file = dotenv.display().to_string();
    assert_eq!(
        exit.stderr,
        format!("note: 1 variable from {env_file}: BILLING_REQUEST_TIMEOUT\n")
    );
    assert_eq!(
        collapsed(&exit.stdout),
        [
            format!("Checking the process environment and {env_file}:"),
            "ok BILLING_PORT environment \"8081\"".into(),
            "ok BILLING_DATABASE_URL environment <redacted>".into(),
            format!("ok BILLING_REQUEST_TIMEOUT {env_file}:1 \"60s\""),
            "default SIGNING_KEY default <redacted>".into(),
            "ok BILLING_SENTRY_DSN BILLING_SENTRY_DSN_FILE <redacted>".into(),
            "default BILLING_DB_MAX_CONNECTIONS default 10".into(),
            "warning: BILLING_PROT is set but is not a variable of this configuration; \
             did you mean BILLING_PORT?"
                .into(),
            "OK: all 6 variables would load, 1 warning".to_owned(),
        ]
    );
    // The columns line up.
    let rows: Vec<&str> = exit.stdout.lines().skip(1).take(6).collect();
    // Where a cell starts: after at least two spaces.
    let starts = |row: &str| -> Vec<usize> {
        let chars: Vec<char> = row.chars().collect();
        (2..chars.len())
            .filter(|&i| chars[i] != ' ' && chars[i - 1] == ' ' && chars[i - 2] == ' ')
            .collect()
    };
    for row in &rows {
        assert_eq!(starts(row), starts(rows[0]), "misaligned:\n{}", exit.stdout);
    }
    assert!(!exit.stdout.contains("canary"), "{}", exit.stdout);
}

#[test]
fn check_fails_with_78_and_says_why() {
    let vars = [
        ("BILLING_PORT", "99999"),
        ("BILLING_DATABASE_URL", ""),
        ("BILLING_SENTRY_DSN", "canary-dsn-secret"),
        ("BILLING_SENTRY_DSN_FILE", "/run/secrets/dsn"),
        ("SIGNING_KEY", ""),
    ];
    let exit = exit(run_with(
        Action::Check(CheckOptions::default()),
        &vars,
        Path::new(NO_DOTENV),
    ));
    assert_eq!(exit.code, 78);
    // The reason is the value parser's business; the report quotes it.
    let Err(error) = Billing::from_vars([("BILLING_PORT", "99999")]) else {
        panic!("expected an error");
    };
    let port = &error.problems()[0];
    let port_problem = format!("{}; expected {}", port.kind(), port.expected());
    assert_eq!(
        collapsed(&exit.stdout),
        [
            "Checking the process environment:".to_owned(),
            format!("invalid BILLING_PORT environment {port_problem}"),
            "missing BILLING_DATABASE_URL environment set but empty; expected string".into(),
            "default BILLING_REQUEST_TIMEOUT default 30s".into(),
            "default SIGNING_KEY default <redacted>".into(),
            "invalid BILLING_SENTRY_DSN environment both it and BILLING_SENTRY_DSN_FILE are set; \
             set only one"
                .into(),
            "default BILLING_DB_MAX_CONNECTIONS default 10".into(),
            "FAILED: 3 of 6 variables have problems; the configuration would not load".into(),
        ]
    );
}

#[test]
fn check_an_env_file_alone() {
    let dir = TempDir::new().expect("a temporary directory");
    let file = write(
        &dir,
        "prod.env",
        "BILLING_DATABASE_URL='postgres://canary-db-secret'\n",
    );
    let action = Action::Check(CheckOptions {
        env_file: Some(file.clone()),
        ..CheckOptions::default()
    });
    // The process environment is not even read.
    let exit = exit(run::<Billing>(
        action,
        |_| panic!("the process environment is read"),
        DotenvFiles::reading(Path::new(NO_DOTENV)),
    ));
    assert_eq!(exit.code, 0, "{}", exit.stdout);
    assert!(exit.stdout.starts_with(&format!(
        "Checking the env file {} (alone):\n",
        file.display()
    )));
    let line = exit
        .stdout
        .lines()
        .find(|line| line.contains("BILLING_DATABASE_URL"));
    assert_eq!(
        line.map(|line| line.split_whitespace().collect::<Vec<_>>()),
        Some(vec![
            "ok",
            "BILLING_DATABASE_URL",
            &format!("{}:1", file.display()),
            "<redacted>"
        ])
    );
    assert!(!exit.stdout.contains("canary"));

    let missing = Action::Check(CheckOptions {
        env_file: Some(dir.path().join("nope.env")),
        ..CheckOptions::default()
    });
    let exit = super::tests::exit(run_with(missing, VALID, Path::new(NO_DOTENV)));
    assert_eq!(exit.code, 64);
    assert!(
        exit.stderr.contains("nope.env: no such file"),
        "{}",
        exit.stderr
    );

    let bad = write(
        &dir,
        "bad.env",
        "BILLING_PORT=1\nBILLING_DATABASE_URL=\"canary-db-secret\n",
    );
    let exit = super::tests::exit(run_with(
        Action::Check(CheckOptions {
            env_file: Some(bad.clone()),
            ..CheckOptions::default()
        }),
        VALID,
        Path::new(NO_DOTENV),
    ));
    assert_eq!(exit.code, 78);
    assert!(
        exit.stdout.contains(&format!(
            "{}:2  malformed line: unclosed quote",
            bad.display()
        )),
        "{}",
        exit.stdout
    );
    assert!(!exit.stdout.contains("canary") && !exit.stderr.contains("canary"));
}

/// The lines of a report, each with its runs of spaces collapsed.
fn collapsed(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Writes `content` to the file `name` in `dir`.
fn write(dir: &TempDir, name: &str, content: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, content).expect("a temporary file");
    path
}

/// A secret field read through its alias: a dotenv line that copies the
/// alias copies the secret.
#[derive(crate::Config)]
#[config(prefix = "APP_")]
#[allow(dead_code)] // checked, not read
struct AliasedSecret {
    #[config(secret, alias = "OLD_TOKEN")]
    token: String,
    label: String,
}

#[test]
fn a_copy_of_a_secret_set_through_its_alias_is_redacted() {
    let dir = TempDir::new().expect("a temporary directory");
    let file = write(
        &dir,
        "prod.env",
        "OLD_TOKEN=canary-aliased-secret\nAPP_LABEL=${OLD_TOKEN}\n",
    );
    let action = Action::Check(CheckOptions {
        env_file: Some(file),
        ..CheckOptions::default()
    });
    let Run::Exit(exit) = run::<AliasedSecret>(action, |_| Source::empty(), DotenvFiles::default())
    else {
        panic!("expected an exit");
    };
    assert!(
        !exit.stdout.contains("canary") && !exit.stderr.contains("canary"),
        "{}{}",
        exit.stdout,
        exit.stderr
    );
}

/// `--print-env-docs=k8s` writes each default so that, uncommented,
/// it pins the same value; the kubelet reads `$$` in a `value:` as `$` and
/// expands `$(NAME)`, so a default holding them must be written escaped.
#[cfg(feature = "k8s")]
#[test]
fn k8s_docs_pin_a_default_with_dollars() {
    #[derive(crate::Config)]
    #[allow(dead_code)]
    struct Motd {
        #[config(default = "x")]
        greeting: String,
        #[config(default = "cost: $$5 for $(GREETING)")]
        motd: String,
    }
    let docs = Motd::docs().render(Format::K8s);
    let uncommented = crate::docs::k8s_uncommented(&docs);
    let manifest = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: motd\nspec:\n  containers:\n  \
         - name: motd\n    image: motd:1\n{}",
        uncommented
            .replace("\n        ", "\n    ")
            .replacen("        env:", "    env:", 1)
    );
    let dir = TempDir::new().expect("a temporary directory");
    let path = write(&dir, "pod.yaml", &manifest);
    let action = Action::Check(CheckOptions {
        manifest: Some(path),
        ..CheckOptions::default()
    });
    let Run::Exit(exit) = run::<Motd>(action, |_| Source::empty(), DotenvFiles::default()) else {
        panic!("expected an exit");
    };
    let line = exit
        .stdout
        .lines()
        .find(|line| line.contains(" MOTD "))
        .unwrap_or("");
    assert!(
        line.ends_with("\"cost: $$5 for $(GREETING)\""),
        "{line}\n{manifest}\n{}",
        exit.stdout
    );
}

/// A note names the variables a dotenv file gave the configuration: not
/// those the environment sets, nor the names that are none of its
/// variables, nor their values.
#[test]
fn a_note_names_the_variables_a_dotenv_file_supplied() {
    let dir = TempDir::new().expect("a temporary directory");
    let dotenv = write(
        &dir,
        ".env",
        "BILLING_PORT=9000\nOTHER_TOOL=canary-other\nBILLING_DATABASE_URL=postgres://canary\n\
         SIGNING_KEY_FILE=/run/key\n",
    );
    let vars = [("BILLING_PORT", "7000"), ("SIGNING_KEY", "k")];
    let Run::Loaded(_, stderr) = run_with(Action::Load, &vars, &dotenv) else {
        panic!("the configuration loads");
    };
    assert_eq!(
        stderr,
        format!(
            "note: 1 variable from {}: BILLING_DATABASE_URL\n",
            dotenv.display()
        )
    );
}

/// A release build leaves `./.env` unread, and says so when there is one.
#[test]
fn a_dotenv_file_left_unread_is_noted_when_it_exists() {
    let dir = TempDir::new().expect("a temporary directory");
    let dotenv = write(&dir, ".env", "BILLING_DATABASE_URL=postgres://canary\n");
    let files = DotenvFiles {
        read: None,
        unread: Some(&dotenv),
    };
    let loaded = run::<Billing>(
        Action::Load,
        |_| Source::from_pairs(VALID.iter().copied()),
        files,
    );
    let Run::Loaded(_, stderr) = loaded else {
        panic!("the configuration loads");
    };
    assert_eq!(
        stderr,
        format!(
            "note: {} is not read: a release build reads a dotenv file only when the program \
             names one\n",
            dotenv.display()
        )
    );
    let missing = dir.path().join("missing.env");
    let files = DotenvFiles {
        read: None,
        unread: Some(&missing),
    };
    let loaded = run::<Billing>(
        Action::Load,
        |_| Source::from_pairs(VALID.iter().copied()),
        files,
    );
    assert!(matches!(loaded, Run::Loaded(_, stderr) if stderr.is_empty()));
}

/// `--check-docs` passes a reference that is what `--print-env-docs`
/// prints, and shows how one that drifted differs.
#[test]
fn check_docs_compares_a_reference_with_the_docs() {
    let dir = TempDir::new().expect("a temporary directory");
    let current = Billing::docs().render(Format::Markdown);
    let reference = write(&dir, "CONFIG.md", &current);
    let action = |path: &Path| {
        Action::CheckDocs(crate::cli::args::CheckDocs {
            format: None,
            path: path.to_owned(),
        })
    };
    let equal = exit(run_with(action(&reference), &[], Path::new(NO_DOTENV)));
    assert_eq!(
        (equal.code, equal.stdout.as_str()),
        (0, ""),
        "{}",
        equal.stderr
    );

    let drifted = write(
        &dir,
        "OLD.md",
        &current.replace("Connections in the pool.", "Connections."),
    );
    let exit = super::tests::exit(run_with(action(&drifted), &[], Path::new(NO_DOTENV)));
    assert_eq!(exit.code, 1);
    assert!(
        exit.stdout.starts_with(&format!(
            "--- {}\n+++ --print-env-docs=markdown\n@@ ",
            drifted.display()
        )),
        "{}",
        exit.stdout
    );
    let changed: Vec<&str> = exit
        .stdout
        .lines()
        .filter(|line| {
            line.starts_with(['-', '+']) && !line.starts_with("--- ") && !line.starts_with("+++ ")
        })
        .collect();
    assert_eq!(changed.len(), 2, "{}", exit.stdout);
    assert!(changed[0].starts_with('-') && changed[0].ends_with("| Connections. |"));
    assert!(changed[1].starts_with('+') && changed[1].ends_with("| Connections in the pool. |"));
}
