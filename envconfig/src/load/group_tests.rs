//! Whether an optional group is on, as a check sees it: a group that only
//! what may be unset or empty at a start switches on may be off, so what
//! would fail with it on is a warning, not a problem.

use tempfile::TempDir;

use crate::Config;
use crate::config::check;
use crate::deployment::env_file::{EnvFile, EnvFormat};
use crate::source::{Source, Variables};
use crate::warning::Warning;

// Loaded to look at the check, not read.
#[allow(dead_code)]
#[derive(crate::Config)]
#[config(prefix = "APP_")]
struct Service {
    #[config(default = 8080)]
    port: u16,
    #[config(nested)]
    tls: Option<Tls>,
}

#[allow(dead_code)]
#[derive(crate::Config)]
struct Tls {
    #[config(alias = "TLS_CERT")]
    cert: String,
    key: String,
}

/// The problems of a check of `source` as an operator reads them, and the
/// warnings that a group may be on.
fn checked(source: &dyn Variables) -> (Vec<String>, Vec<String>) {
    let outcomes = check::<Service>(source);
    let problems = outcomes.problems.iter().map(ToString::to_string).collect();
    let switched = outcomes
        .warnings
        .iter()
        .filter(|warning| matches!(warning, Warning::SwitchedFromOutside { .. }))
        .map(ToString::to_string)
        .collect();
    (problems, switched)
}

/// A check of `text`, a deployment's env file read in `format`.
fn checked_file(text: &str, format: EnvFormat) -> (Vec<String>, Vec<String>) {
    let dir = TempDir::new().expect("a temporary directory");
    let path = dir.path().join("deploy.env");
    std::fs::write(&path, text).expect("the file is written");
    let file = EnvFile::read(&path, format, false, &Service::docs()).expect("the file is read");
    checked(&file)
}

const MISSING_KEY: &str = "APP_TLS_KEY: required because APP_TLS_CERT is set, but not set";

#[test]
fn a_group_only_what_may_be_unset_switches_on_may_be_off() {
    use EnvFormat::{Docker, Dotenv};
    let unsettled = "its value expands ${X}, which the file does not set above it";
    let shell = "it is taken from the environment of the shell that runs `docker run` (a bare \
                 name in the file)";
    let may_be_on = |switch: &str, why: String| {
        format!(
            "APP_TLS_KEY is required when {switch} is set, which this check cannot tell \
             ({why}); it is not set"
        )
    };
    // The file, how it is read, whether the key's problem fails the check,
    // and the warning that the group may be on.
    let cases: [(&str, EnvFormat, bool, Option<String>); 12] = [
        (
            "APP_TLS_CERT=${X}\n",
            Dotenv,
            false,
            Some(may_be_on(
                "APP_TLS_CERT",
                format!("APP_TLS_CERT may be empty: {unsettled}"),
            )),
        ),
        // Text of its own: set whatever X is.
        ("APP_TLS_CERT=${X}/cert.pem\n", Dotenv, true, None),
        (
            "APP_TLS_CERT_FILE=${X}\n",
            Dotenv,
            false,
            Some(may_be_on(
                "APP_TLS_CERT",
                format!("APP_TLS_CERT_FILE may be empty: {unsettled}"),
            )),
        ),
        // Read under its old name.
        (
            "TLS_CERT=${X}\n",
            Dotenv,
            false,
            Some(may_be_on(
                "TLS_CERT",
                format!("TLS_CERT may be empty: {unsettled}"),
            )),
        ),
        // Settled by the file: empty, so unset, and the group is off.
        ("X=\nAPP_TLS_CERT=${X}\n", Dotenv, false, None),
        // Another variable of the group is set for sure: it is on, and
        // nothing of it is missing.
        ("APP_TLS_CERT=${X}\nAPP_TLS_KEY=k\n", Dotenv, false, None),
        (
            "APP_TLS_CERT\n",
            Docker,
            false,
            Some(may_be_on(
                "APP_TLS_CERT",
                format!("APP_TLS_CERT may be unset: {shell}"),
            )),
        ),
        ("APP_TLS_CERT=/c.pem\n", Docker, true, None),
        // An old name set for sure is read when the variable turns out
        // empty or unset: the group is on either way.
        ("APP_TLS_CERT=${X}\nTLS_CERT=/c.pem\n", Dotenv, true, None),
        ("APP_TLS_CERT\nTLS_CERT=/c.pem\n", Docker, true, None),
        (
            "APP_TLS_CERT=${X}\nTLS_CERT=${Y}\n",
            Dotenv,
            false,
            Some(may_be_on(
                "APP_TLS_CERT",
                format!("APP_TLS_CERT may be empty: {unsettled}"),
            )),
        ),
        // Literal in a docker file: `${X}` is its text.
        ("APP_TLS_CERT=${X}\n", Docker, true, None),
    ];
    for (text, format, fails, warning) in cases {
        let (problems, switched) = checked_file(text, format);
        let case = format!("{text:?} as {format:?}: {problems:?} {switched:?}");
        match fails {
            true => assert!(
                problems.len() == 1 && problems[0].starts_with(MISSING_KEY),
                "{case}"
            ),
            false => assert!(problems.is_empty(), "{case}"),
        }
        assert_eq!(switched, Vec::from_iter(warning), "{case}");
    }
}

/// A start sees every value: the group is on exactly when one of its
/// variables is set and not empty, and no warning says it may be.
#[test]
fn a_start_is_never_unsure_whether_a_group_is_on() {
    for (vars, fails) in [
        (&[("APP_TLS_CERT", "")][..], false),
        (&[("APP_PORT", "1")], false),
        (&[("APP_TLS_CERT", "/c.pem")], true),
        (&[("TLS_CERT", "/c.pem")], true),
    ] {
        let (problems, switched) = checked(&Source::from_pairs(vars.iter().copied()));
        assert_eq!(!problems.is_empty(), fails, "{vars:?}: {problems:?}");
        assert!(switched.is_empty(), "{vars:?}: {switched:?}");
    }
}

// Loaded to look at the check, not read.
#[allow(dead_code)]
#[derive(crate::Config)]
#[config(prefix = "APP_")]
struct Switched {
    #[config(default = false)]
    tls_enabled: bool,
    #[config(nested, enabled_by = tls_enabled)]
    tls: Option<Tls>,
}

/// A group whose switch is false ignores what is set of it, and a warning
/// names the switch; a switch that is not valid is a problem, and does
/// not say the group is off.
#[test]
fn a_set_variable_of_a_group_is_ignored_only_when_its_switch_is_false() {
    let off = "APP_TLS_CERT is set but ignored: APP_TLS_ENABLED is false";
    for (switch, problems, warnings) in [
        (None, 0, &[off][..]),
        (Some("false"), 0, &[off]),
        (Some(""), 0, &[off]),
        (Some("maybe"), 1, &[]),
        (Some("true"), 1, &[]),
    ] {
        let mut vars = vec![("APP_TLS_CERT", "/c.pem")];
        vars.extend(switch.map(|switch| ("APP_TLS_ENABLED", switch)));
        let outcomes = check::<Switched>(&Source::from_pairs(vars));
        let shown: Vec<String> = outcomes.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            outcomes.problems.len(),
            problems,
            "{switch:?}: {:?}",
            outcomes.problems
        );
        assert_eq!(shown, warnings, "{switch:?}");
    }
}
