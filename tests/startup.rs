//! How a service starts, end to end through built examples: which dotenv
//! file a debug and a release build read, and the `note:` lines that say
//! so.

mod support;

use support::{Env, VALID, example_binary, release_example_binary, service_binary};

/// The development `.env` of the repository, as `COPY . .` puts it next to
/// a release binary in an image.
const DEVELOPMENT_DOTENV: &str = "BILLING_DATABASE_URL=postgres://billing:dev@localhost/billing\n\
     PAYMENT_TOKEN=tok_test_not_a_real_token\n\
     BILLING_ALLOWED_HOSTS=localhost\n\
     BILLING_LOG_LEVEL=debug\n\
     OTHER_TOOL=not-envconfigs\n";

/// A release build reads no `./.env`: a development file copied into an
/// image configures nothing, and a note says it was left unread.
#[test]
fn a_release_build_leaves_dotenv_unread_and_says_so() {
    let release = release_example_binary("service");
    let env = Env::new(&[("BILLING_ALLOWED_HOSTS", "shop.example.com")]);
    env.file(".env", DEVELOPMENT_DOTENV);
    let run = env.run_binary(&release, &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "note: ./.env is not read: a release build reads a dotenv file only when the program \
         names one\n\
         invalid configuration (2 problems):\n  \
         BILLING_DATABASE_URL: required but not set; expected string\n  \
         PAYMENT_TOKEN: required but not set; expected string\n"
    );

    // With the environment complete, it starts, on the environment alone.
    let env = Env::new(VALID).set("BILLING_ALLOWED_HOSTS", "shop.example.com");
    env.file(".env", DEVELOPMENT_DOTENV);
    let run = env.run_binary(&release, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.starts_with("note: ./.env is not read"),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("accepting calls from shop.example.com\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("log level info"), "{}", run.stdout);

    // `--check-env` and `--print-config` check what a start would read.
    let run = env.run_binary(&release, &["--check-env"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .starts_with("Checking the process environment:\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.starts_with("note: ./.env is not read"),
        "{run:?}"
    );
    let run = env.run_binary(&release, &["--print-config"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains(".env:"), "{}", run.stdout);
}

/// A dotenv file the application names in code is read by every build,
/// and a note names the variables it supplied (names only).
#[test]
fn a_dotenv_file_named_in_code_is_read_by_a_release_build() {
    let key = "LEDGER_RECONCILIATION_WORKER_FOR_THE_EUROPEAN_PAYMENTS_PLATFORM_SIGNING_KEY";
    let host = "LEDGER_RECONCILIATION_WORKER_FOR_THE_EUROPEAN_PAYMENTS_PLATFORM_DB_HOST";
    let env = Env::new(&[(host, "db.internal")]);
    env.file(
        "ledger.env",
        &format!("{key}=canary-0123456789abcdef0123456789abcdef\n{host}=localhost\nOTHER_TOOL=x\n"),
    );
    for binary in [
        release_example_binary("ledger"),
        example_binary("ledger", &[]),
    ] {
        let run = env.run_binary(&binary, &[]);
        assert_eq!(run.code, 0, "{run:?}");
        assert_eq!(
            run.stderr,
            format!("note: 1 variable from ./ledger.env: {key}\n")
        );
        assert!(
            run.stdout.starts_with("ledger: database db.internal:5432"),
            "{}",
            run.stdout
        );
    }
}

/// A debug build reads `./.env` under the environment, and a note names
/// the variables it supplied: not their values, not those the environment
/// sets, not those that are none of the configuration's.
#[test]
fn a_debug_build_reads_dotenv_and_names_what_it_supplied() {
    let env = Env::new(&[("BILLING_LOG_LEVEL", "warn")]);
    env.file(".env", DEVELOPMENT_DOTENV);
    let run = env.run_binary(service_binary(), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "note: 3 variables from ./.env: BILLING_DATABASE_URL, PAYMENT_TOKEN, \
         BILLING_ALLOWED_HOSTS\n"
    );
    assert!(run.stdout.contains("log level warn"), "{}", run.stdout);

    // A variable the file sets to the empty string, or to what expands to
    // it, is unset: the file supplies nothing for it.
    env.file(
        ".env",
        &format!("{DEVELOPMENT_DOTENV}BILLING_PORT=\nBILLING_DEBUG=${{NOTHING:-true}}\n"),
    );
    let run = env.run_binary(service_binary(), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.starts_with(
            "note: 3 variables from ./.env: BILLING_DATABASE_URL, PAYMENT_TOKEN, \
             BILLING_ALLOWED_HOSTS\n"
        ),
        "{}",
        run.stderr
    );
}

/// A `./.env` that is a directory (a Python virtual environment) is no
/// dotenv file; one that is a pipe is refused at once, as a `NAME_FILE`
/// is, rather than read (it could block) or passed over in silence.
#[cfg(unix)]
#[test]
fn a_dotenv_that_is_no_regular_file() {
    let env = Env::new(&[
        ("BILLING_DATABASE_URL", "postgres://db/billing"),
        ("PAYMENT_TOKEN", "tok"),
        ("BILLING_ALLOWED_HOSTS", "a.example.com"),
    ]);
    std::fs::create_dir(env.dir.path().join(".env")).expect("a directory");
    let run = env.run_binary(service_binary(), &[]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    std::fs::remove_dir(env.dir.path().join(".env")).expect("removed");
    let made = std::process::Command::new("mkfifo")
        .arg(env.dir.path().join(".env"))
        .status();
    if made.is_ok_and(|status| status.success()) {
        let run = env.run_binary(service_binary(), &[]);
        assert_eq!(run.code, 78, "{run:?}");
        assert!(
            run.stderr.contains("it is a pipe, which could block"),
            "{run:?}"
        );
    }
}

/// The ledger's secret key, valid.
fn ledger_env() -> Env {
    Env::new(&[(
        "LEDGER_RECONCILIATION_WORKER_FOR_THE_EUROPEAN_PAYMENTS_PLATFORM_SIGNING_KEY",
        "0123456789abcdef0123456789abcdef",
    )])
}

/// `-h` and `--help` print envconfig's usage and exit 0, wherever they
/// are, without starting the service: a container that only asked for
/// help must not start serving.
#[test]
fn help_prints_the_usage_and_starts_nothing() {
    let env = Env::new(VALID);
    for args in [&["--help"][..], &["-h"], &["serve", "--workers", "4", "-h"]] {
        let run = env.run(args);
        assert_eq!(run.code, 0, "{args:?}: {run:?}");
        assert_eq!(run.stderr, "", "{args:?}");
        assert!(
            run.stdout
                .starts_with("usage: service [--print-env-docs[=FORMAT]"),
            "{args:?}: {}",
            run.stdout
        );
        assert!(
            run.stdout
                .contains("service is configured by environment variables: service --print-env-docs lists them."),
            "{}",
            run.stdout
        );
        assert!(!run.stdout.contains("billing: listening"), "{}", run.stdout);
    }
    // After `--`, it is the application's.
    let run = env.run(&["--", "--help"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with("billing: listening"),
        "{}",
        run.stdout
    );
}

/// A near miss of one of envconfig's flags is a typo of it: the service
/// does not start, and the message says which flag was meant.
#[test]
fn a_near_miss_of_a_flag_exits_64_with_a_did_you_mean() {
    let env = Env::new(VALID);
    let cases = [
        (&["--print-env-doc"][..], "--print-env-docs"),
        (&["--print-env-doc=markdown"], "--print-env-docs"),
        (&["--chek-env"], "--check-env"),
        (&["serve", "--check-envs"], "--check-env"),
        (&["--check-env", "--stirct"], "--strict"),
    ];
    for (args, meant) in cases {
        let run = env.run(args);
        assert_eq!(run.code, 64, "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.starts_with(&format!(
                "error: unknown flag {}: did you mean {meant}?\nusage: ",
                args.last()
                    .expect("an argument")
                    .split('=')
                    .next()
                    .unwrap_or_default()
            )),
            "{args:?}: {}",
            run.stderr
        );
    }
    // Before `--check-env`, `--stirct` may be the application's own.
    let run = env.run(&["--stirct"]);
    assert_eq!(run.code, 0, "{run:?}");
}

/// An application that claims `-h` and `--help` in code gets them: the
/// ledger's `-h` is the database host, as in `psql`, and its `--help` is
/// its own. envconfig's other flags, and its near misses, still work.
#[test]
fn an_application_that_claims_help_keeps_it() {
    let ledger = example_binary("ledger", &[]);
    let env = ledger_env();
    let run = env.run_binary(&ledger, &["-h", "db.example.com", "--dry-run"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "ledger: database db.example.com:5432 (health check on port 5432), dry run\n"
    );
    let run = env.run_binary(&ledger, &["--help"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with("usage: ledger [-h HOST]"),
        "{}",
        run.stdout
    );
    let run = env.run_binary(&ledger, &["--print-env-doc"]);
    assert_eq!(run.code, 64, "{run:?}");
    let run = env.run_binary(&ledger, &["-h", "db", "--print-env-docs=json"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with('{'), "{}", run.stdout);
}
