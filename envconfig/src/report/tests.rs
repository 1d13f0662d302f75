use super::*;

#[test]
fn unknown_variables_and_their_suggestions() {
    let known = [
        "BILLING_PORT",
        "BILLING_DATABASE_URL",
        "BILLING_DB_MAX_CONNECTIONS",
        "PAYMENT_TOKEN",
    ];
    let set = [
        "BILLING_PROT",
        "BILLING_PORT",
        "BILLING_DATABASE_URL_FILE",
        "BILLING_DATABASE_URL_FIEL",
        "billing_port",
        "BILLING_COMPLETELY_DIFFERENT",
        "BILLING_DB_MAX_CONECTIONS",
        "PATH",
        "PAYMENT_TOKENS",
        "BILLING_",
        "BILL",
    ];
    let unknown = unknown_vars("BILLING_", &known, set.into_iter());
    let got: Vec<(&str, Option<&str>)> = unknown
        .iter()
        .map(|u| (u.name.as_str(), u.did_you_mean.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("BILLING_", None),
            ("BILLING_COMPLETELY_DIFFERENT", None),
            (
                "BILLING_DATABASE_URL_FIEL",
                Some("BILLING_DATABASE_URL_FILE")
            ),
            (
                "BILLING_DB_MAX_CONECTIONS",
                Some("BILLING_DB_MAX_CONNECTIONS")
            ),
            ("BILLING_PROT", Some("BILLING_PORT")),
            // No prefix, but a near miss of a variable: the configuration's
            // business all the same.
            ("PAYMENT_TOKENS", Some("PAYMENT_TOKEN")),
            ("billing_port", Some("BILLING_PORT")),
        ]
    );
}

/// Without a prefix, only near misses of the configuration's variables are
/// its business: `POD_NAME` and `JAVA_OPTS` are not, wherever they are set.
#[test]
fn without_a_prefix_only_near_misses() {
    let set = ["PROT", "PORT", "POD_NAME", "JAVA_OPTS", "PATH"];
    assert_eq!(
        unknown_vars("", &["PORT"], set.into_iter()),
        [Unknown {
            name: "PROT".into(),
            did_you_mean: Some("PORT".into())
        }]
    );
}

/// The `--check-env` report of `T` against `source`.
fn check_report<T: crate::Config>(source: &dyn Subject) -> String {
    let checking = crate::config::check::<T>(source);
    Report::new(&T::docs(), source, checking, "the test".into(), false).render()
}

const CANARY: &str = "canary-s3cret";

// The structs are loaded to look at the report, not read.
#[allow(dead_code)]
mod secrets_in_the_report {
    use secrecy::{ExposeSecret, SecretString};

    use super::{CANARY, check_report};
    use crate::Violation;
    use crate::deployment::env_file::{EnvFile, EnvFormat};
    use crate::source::Source;

    #[derive(crate::Config)]
    #[config(prefix = "APP_", validate = token_fits_port)]
    struct Ruled {
        #[config(default = 80)]
        port: u16,
        token: SecretString,
    }

    /// Quotes the secret, which the problem must withhold.
    fn token_fits_port(ruled: &Ruled) -> Result<(), Violation> {
        let message = format!("{} does not fit the port", ruled.token.expose_secret());
        Err(Violation::new(message).of(["port", "token"]))
    }

    /// The rule's problem sits on the line of its first variable, a plain
    /// one: it is withheld there too.
    #[test]
    fn a_rule_naming_a_secret_second() {
        let report = check_report::<Ruled>(&Source::from_pairs([("APP_TOKEN", CANARY)]));
        assert!(!report.contains(CANARY), "{report}");
        assert!(
            report.contains("a rule across fields is broken"),
            "{report}"
        );
    }

    #[derive(crate::Config)]
    #[config(prefix = "APP_")]
    struct SecretWithAlias {
        #[config(alias = "OLD_TOKEN")]
        token: SecretString,
        url: String,
    }

    #[derive(crate::Config)]
    #[config(prefix = "APP_")]
    struct PlainWithAlias {
        token: SecretString,
        #[config(alias = "OLD_URL")]
        url: String,
    }

    fn env_file<T: crate::Config>(text: &str) -> (tempfile::TempDir, EnvFile) {
        env_file_opening_files::<T>(text, false)
    }

    /// As `--read-secret-files` reads it.
    fn env_file_opening_files<T: crate::Config>(
        text: &str,
        open: bool,
    ) -> (tempfile::TempDir, EnvFile) {
        let dir = tempfile::TempDir::new().expect("a temporary directory");
        let path = dir.path().join("deploy.env");
        std::fs::write(&path, text).expect("the env file is written");
        let source =
            EnvFile::read(&path, EnvFormat::Dotenv, open, &T::docs()).expect("the env file reads");
        (dir, source)
    }

    /// A `NAME_FILE` that copies a secret names a path that is the secret:
    /// the file cannot be read, and the problem that would name the path
    /// withholds it, directly and through an alias.
    #[test]
    fn a_file_path_that_copies_a_secret() {
        for text in [
            format!("APP_TOKEN={CANARY}\nAPP_URL_FILE=${{APP_TOKEN}}\n"),
            format!("APP_TOKEN={CANARY}\nOLD_URL_FILE=${{APP_TOKEN}}\n"),
        ] {
            let (_dir, source) = env_file_opening_files::<PlainWithAlias>(&text, true);
            let report = check_report::<PlainWithAlias>(&source);
            assert!(!report.contains(CANARY), "{report}");
            assert!(report.contains("cannot read"), "{report}");
            // `--print-config` names the file a value was to come from.
            let checking = crate::config::check::<PlainWithAlias>(&source);
            let effective = crate::EffectiveConfig::from_checked(&checking.vars);
            let shown = format!("{effective:#}{}{effective:?}", effective.to_json());
            assert!(!shown.contains(CANARY), "{shown}");
        }
    }

    /// A `NAME_FILE` that copies a secret that happens to be the path of
    /// a file that can be read: the value read is shown nowhere, nor is
    /// the path, which is the secret, in the row's source.
    #[test]
    fn a_readable_file_path_that_copies_a_secret() {
        let dir = tempfile::TempDir::new().expect("a temporary directory");
        let secret_path = dir.path().join(CANARY);
        std::fs::write(&secret_path, "https://example.com\n").expect("the file is written");
        let secret_path = secret_path.to_str().expect("a UTF-8 path");
        for text in [
            format!("APP_TOKEN={secret_path}\nAPP_URL_FILE=${{APP_TOKEN}}\n"),
            format!("APP_TOKEN={secret_path}\nOLD_URL_FILE=${{APP_TOKEN}}\n"),
        ] {
            let (_dir, source) = env_file_opening_files::<PlainWithAlias>(&text, true);
            let report = check_report::<PlainWithAlias>(&source);
            assert!(!report.contains(CANARY), "{report}");
            assert!(!report.contains("example.com"), "{report}");
            let checking = crate::config::check::<PlainWithAlias>(&source);
            let effective = crate::EffectiveConfig::from_checked(&checking.vars);
            let shown = format!("{effective:#}{}{effective:?}", effective.to_json());
            assert!(!shown.contains(CANARY), "{shown}");
            assert!(!shown.contains("example.com"), "{shown}");
        }
    }

    /// A dotenv value that copies a secret set under the secret's alias,
    /// and a plain field read through an alias whose value copies a
    /// secret: both are secret.
    #[test]
    fn copies_of_a_secret_through_an_alias() {
        let (_dir, source) =
            env_file::<SecretWithAlias>(&format!("OLD_TOKEN={CANARY}\nAPP_URL=${{OLD_TOKEN}}\n"));
        let report = check_report::<SecretWithAlias>(&source);
        assert!(!report.contains(CANARY), "{report}");
        let (_dir, source) =
            env_file::<PlainWithAlias>(&format!("APP_TOKEN={CANARY}\nOLD_URL=${{APP_TOKEN}}\n"));
        let report = check_report::<PlainWithAlias>(&source);
        assert!(!report.contains(CANARY), "{report}");
    }
}

#[allow(dead_code)]
mod rules_in_the_report {
    use super::check_report;
    use crate::Violation;
    use crate::source::Source;

    #[derive(crate::Config)]
    struct Pool {
        #[config(default = 2)]
        size: u16,
    }

    #[derive(crate::Config)]
    #[config(prefix = "APP_", validate = pool_is_wrong)]
    struct OnlyNested {
        #[config(nested)]
        pool: Pool,
    }

    fn pool_is_wrong(_: &OnlyNested) -> Result<(), Violation> {
        Err(Violation::new("the pool is wrong").of(["pool"]))
    }

    #[derive(crate::Config)]
    #[config(prefix = "APP_", validate = names_no_field)]
    struct Misnamed {
        #[config(default = 1)]
        workers: u16,
    }

    fn names_no_field(_: &Misnamed) -> Result<(), Violation> {
        Err(Violation::new("the rule names no field").of(["wrokers"]))
    }

    /// A rule that names a nested field is about its struct's variables,
    /// and shows on the first one's line.
    #[test]
    fn a_rule_naming_a_nested_field() {
        let report = check_report::<OnlyNested>(&Source::from_pairs([("APP_POOL_SIZE", "1")]));
        assert!(report.contains("the pool is wrong"), "{report}");
        let line = report
            .lines()
            .find(|line| line.contains("APP_POOL_SIZE"))
            .unwrap_or_default();
        assert!(line.contains("the pool is wrong"), "{report}");
        assert!(!line.contains("expected"), "{report}");
    }

    /// A name that is no field's has no line: the problem is shown all the
    /// same, never a failure without a reason.
    #[test]
    fn a_rule_naming_no_field() {
        let report = check_report::<Misnamed>(&Source::from_pairs([("APP_WORKERS", "1")]));
        assert!(
            report.contains("wrokers: the rule names no field"),
            "{report}"
        );
    }
}

/// An optional group and a secrets directory that the check cannot see: a
/// secret taken to be there does not switch the group on (the container
/// starts without it when it is not there); a variable the file sets does,
/// and then the secret is taken to come from the directory.
#[allow(dead_code)]
mod optional_group_and_secrets_dir {
    use secrecy::SecretString;

    use super::check_report;
    use crate::Config as _;
    use crate::deployment::env_file::{EnvFile, EnvFormat};

    #[derive(crate::Config)]
    #[config(prefix = "APP_", secrets_dir = "/run/secrets")]
    struct Service {
        #[config(default = 8080)]
        port: u16,
        #[config(nested)]
        tls: Option<Tls>,
    }

    #[derive(crate::Config)]
    struct Tls {
        key: SecretString,
        cert_path: String,
    }

    fn report(text: &str) -> String {
        let dir = tempfile::TempDir::new().expect("a temporary directory");
        let path = dir.path().join("deploy.env");
        std::fs::write(&path, text).expect("the env file is written");
        let source = EnvFile::read(&path, EnvFormat::Dotenv, false, &Service::docs())
            .expect("the env file reads");
        check_report::<Service>(&source)
    }

    #[test]
    fn a_secret_taken_to_be_there_switches_no_group_on() {
        let off = report("APP_PORT=1\n");
        assert!(off.contains("OK: all 3 variables would load"), "{off}");
        assert!(!off.contains("external"), "{off}");

        let on = report("APP_TLS_CERT_PATH=/etc/tls/cert.pem\n");
        let key = on.lines().find(|line| line.contains("APP_TLS_KEY"));
        assert!(
            key.is_some_and(|line| line.trim_start().starts_with("external")),
            "{on}"
        );
        assert!(
            on.contains("OK: all 3 variables would load (1 external)"),
            "{on}"
        );
    }
}

/// A variable that a plain field reads before a secret field reads it too
/// is a secret (either field makes it one): a check that cannot see the
/// secrets directory takes it to be there for both fields, as it does for
/// a secret read once, so the deployment of the `k8s-files` docs passes.
#[allow(dead_code)]
mod a_secret_read_first_by_a_plain_field {
    use secrecy::SecretString;

    use super::check_report;
    use crate::Config as _;
    use crate::deployment::env_file::{EnvFile, EnvFormat};

    #[derive(crate::Config)]
    #[config(prefix = "APP_", secrets_dir = "/run/secrets")]
    struct Service {
        #[config(env = "APP_DB_TOKEN")]
        token_as_text: String,
        #[config(nested)]
        db: Db,
    }

    #[derive(crate::Config)]
    struct Db {
        token: SecretString,
    }

    #[test]
    fn is_taken_to_be_in_the_secrets_directory_for_both() {
        let dir = tempfile::TempDir::new().expect("a temporary directory");
        let path = dir.path().join("deploy.env");
        std::fs::write(&path, "OTHER=1\n").expect("the env file is written");
        let source = EnvFile::read(&path, EnvFormat::Dotenv, false, &Service::docs())
            .expect("the env file reads");
        let report = check_report::<Service>(&source);
        let rows: Vec<&str> = report
            .lines()
            .filter(|line| line.contains("APP_DB_TOKEN"))
            .collect();
        // One variable, one row, though two fields read it.
        assert_eq!(rows.len(), 1, "{report}");
        assert!(rows[0].trim_start().starts_with("external"), "{report}");
        assert!(report.contains("would load"), "{report}");
    }
}
