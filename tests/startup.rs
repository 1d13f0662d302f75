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
}
