//! Finding envconfig's flags: what each command line asks for.

use super::*;
use crate::cli::exit::Run;
use crate::cli::help::{USAGE, with_usage_line};

/// Each command line asks for its action, or is refused with a message
/// holding the text given.
fn assert_cases(cases: &[(&[&str], Result<Action, &str>)]) {
    for (line, expected) in cases {
        let got = parse_args(args(line));
        match (expected, &got) {
            (Ok(expected), Ok(got)) => assert_eq!(got, expected, "{line:?}"),
            (Err(message), Err(usage)) => {
                assert!(usage.0.contains(message), "{line:?}: {usage}");
            }
            _ => panic!("{line:?}: expected {expected:?}, got {got:?}"),
        }
    }
}

fn help() -> Action {
    Action::Help {
        program: "billing".to_owned(),
    }
}

fn check_docs(format: Option<Format>, path: &str) -> Action {
    Action::CheckDocs(CheckDocs {
        format,
        path: PathBuf::from(path),
    })
}

fn args(line: &[&str]) -> Vec<OsString> {
    std::iter::once("billing")
        .chain(line.iter().copied())
        .map(OsString::from)
        .collect()
}

#[test]
// The `k8s` feature adds fields to `CheckOptions`.
#[cfg_attr(not(feature = "k8s"), allow(clippy::needless_update))]
fn flags_and_what_they_ask_for() {
    let check = |env_file: Option<&str>| {
        Ok(Action::Check(CheckOptions {
            env_file: env_file.map(PathBuf::from),
            ..CheckOptions::default()
        }))
    };
    let cases: &[(&[&str], Result<Action, &str>)] = &[
        (&[], Ok(Action::Load)),
        (&["--port", "80", "serve", "-v"], Ok(Action::Load)),
        (&["--print-env-docs"], Ok(Action::PrintDocs(Format::Text))),
        (
            &["--print-env-docs=json"],
            Ok(Action::PrintDocs(Format::Json)),
        ),
        (
            &["--print-env-docs=k8s", "--other"],
            Ok(Action::PrintDocs(Format::K8s)),
        ),
        // The format may follow as a word of its own; a flag after
        // `--print-env-docs` is no format.
        (
            &["--print-env-docs", "json"],
            Ok(Action::PrintDocs(Format::Json)),
        ),
        (
            &["--print-env-docs", "--verbose"],
            Ok(Action::PrintDocs(Format::Text)),
        ),
        (
            &["--print-env-docs", "--", "json"],
            Ok(Action::PrintDocs(Format::Text)),
        ),
        // Names in any case, and short forms.
        (
            &["--print-env-docs=JSON"],
            Ok(Action::PrintDocs(Format::Json)),
        ),
        (
            &["--print-env-docs", "Markdown"],
            Ok(Action::PrintDocs(Format::Markdown)),
        ),
        (
            &["--print-env-docs=md"],
            Ok(Action::PrintDocs(Format::Markdown)),
        ),
        (
            &["--print-env-docs", "ENV"],
            Ok(Action::PrintDocs(Format::Dotenv)),
        ),
        (
            &["--print-env-docs=docker-env"],
            Ok(Action::PrintDocs(Format::DockerEnv)),
        ),
        (
            &["--print-env-docs", "k8s-files"],
            Ok(Action::PrintDocs(Format::K8sFiles)),
        ),
        (&["--check-env"], check(None)),
        (
            &["--check-env", "--env-file", "prod.env"],
            check(Some("prod.env")),
        ),
        (
            &["--check-env", "--env-file=prod.env"],
            check(Some("prod.env")),
        ),
        (
            &["--check-env", "--env-file", "./-odd.env"],
            check(Some("./-odd.env")),
        ),
        (
            &[
                "--check-env",
                "--strict",
                "--env-file",
                "a.env",
                "--read-secret-files",
            ],
            Ok(Action::Check(CheckOptions {
                env_file: Some(PathBuf::from("a.env")),
                read_secret_files: true,
                strict: true,
                ..CheckOptions::default()
            })),
        ),
        // Before `--check-env`, or without it, these flags are the
        // application's own.
        (&["--env-file", "app.env", "--strict"], Ok(Action::Load)),
        (&["--env-file=app.env", "--check-env"], check(None)),
        // With `--check-env` after them, the check would run without what
        // they ask (strict, a report, a manifest): the flag is misplaced.
        (
            &["--strict", "--check-env", "--env-file", "a.env"],
            Err("--strict before --check-env is not the check's: write it after --check-env"),
        ),
        (
            &["--report=json", "serve", "--check-env"],
            Err("--report before --check-env is not the check's: write it after --check-env"),
        ),
        (&["--report=json", "serve"], Ok(Action::Load)),
        // Only the exact flags are ours; a near miss is a typo of one.
        (&["--check-environment", "-check-env"], Ok(Action::Load)),
        (
            &["serve", "--print-env-doc"],
            Err("unknown flag --print-env-doc: did you mean --print-env-docs?"),
        ),
        (
            &["--chek-env"],
            Err("unknown flag --chek-env: did you mean --check-env?"),
        ),
        (
            &["--check-env", "--stirct"],
            Err("unknown flag --stirct: did you mean --strict?"),
        ),
        (&["--stirct"], Ok(Action::Load)),
        // `-h` and `--help`, anywhere before `--`, whatever else is there.
        (&["-h"], Ok(help())),
        (&["serve", "--help", "--print-env-docs=yaml"], Ok(help())),
        (&["--", "--help"], Ok(Action::Load)),
        // `--check-docs[=FORMAT] PATH`.
        (
            &["--check-docs", "docs/CONFIG.md"],
            Ok(check_docs(None, "docs/CONFIG.md")),
        ),
        (
            &["--check-docs=k8s-files", "k8s.yaml", "serve"],
            Ok(check_docs(Some(Format::K8sFiles), "k8s.yaml")),
        ),
        (&["--check-docs"], Err("--check-docs needs the PATH")),
        (
            &["--check-docs=yaml", "a"],
            Err("--check-docs: unknown format"),
        ),
        (
            &["--check-docs", "a.md", "--check-env"],
            Err("--check-docs cannot be used with"),
        ),
        (&["--", "--check-env"], Ok(Action::Load)),
        // An unknown format is an error in every spelling.
        (
            &["--print-env-docs=yaml"],
            Err("--print-env-docs: unknown format \"yaml\""),
        ),
        (
            &["--print-env-docs", "yaml"],
            Err("--print-env-docs: unknown format \"yaml\""),
        ),
        (
            &["--print-env-docs", "serve"],
            Err("--print-env-docs: unknown format \"serve\""),
        ),
        (
            &["--print-env-docs="],
            Err("--print-env-docs needs a FORMAT"),
        ),
        (
            &["--print-env-docs", ""],
            Err("--print-env-docs needs a FORMAT"),
        ),
        (
            &["--check-env", "--env-file"],
            Err("--env-file needs a PATH"),
        ),
        (
            &["--check-env", "--env-file", "--strict"],
            Err("--env-file needs a PATH"),
        ),
        (
            &["--check-env", "--strict=yes"],
            Err("--strict takes no value"),
        ),
        (
            &["--check-env", "--strict", "--strict"],
            Err("--strict is given more than once"),
        ),
        (
            &["--check-env", "--env-file="],
            Err("--env-file needs a PATH"),
        ),
        (
            &["--check-env", "--print-env-docs"],
            Err("cannot be used together"),
        ),
        (
            &["--check-env", "--check-env"],
            Err("--check-env is given more than once"),
        ),
        (&["--check-env=yes"], Err("--check-env takes no value")),
        (
            &["--print-config"],
            Ok(Action::PrintConfig(ConfigFormat::Text)),
        ),
        (
            &["--print-config", "JSON", "serve"],
            Ok(Action::PrintConfig(ConfigFormat::Json)),
        ),
        (
            &["--print-config=json"],
            Ok(Action::PrintConfig(ConfigFormat::Json)),
        ),
        (
            &["--print-config=yaml"],
            Err("--print-config: unknown format \"yaml\": expected text or json"),
        ),
        (
            &["--check-env", "--print-config"],
            Err("--print-config cannot be used with --print-env-docs or --check-env"),
        ),
        (
            &["--print-env-docs=json", "--print-env-docs"],
            Err("--print-env-docs is given more than once"),
        ),
    ];
    assert_cases(cases);
}

#[test]
fn an_unknown_format_names_the_valid_ones() {
    let usage = parse_args(args(&["--print-env-docs=xml"])).unwrap_err();
    let Run::Exit(exit) = with_usage_line(Run::<()>::Exit(usage.into())) else {
        unreachable!("a usage error ends the run");
    };
    assert_eq!(
        exit.stderr,
        format!(
            "error: --print-env-docs: unknown format \"xml\": \
             expected one of text, markdown (md), dotenv (env), docker-env, json, k8s, \
             k8s-files\n{USAGE}\n"
        )
    );
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8() {
    use std::os::unix::ffi::OsStringExt;
    let odd = |prefix: &str| {
        let mut bytes = prefix.as_bytes().to_vec();
        bytes.push(0xff);
        OsString::from_vec(bytes)
    };
    let line = |arg: OsString| vec![OsString::from("billing"), arg];
    assert_eq!(parse_args(line(odd("--name="))), Ok(Action::Load));
    assert_eq!(parse_args(line(odd("--env-file="))), Ok(Action::Load));
    assert!(
        parse_args(vec![
            OsString::from("billing"),
            OsString::from("--check-env"),
            odd("--env-file=")
        ])
        .is_err()
    );
    assert!(parse_args(line(odd("--print-env-docs="))).is_err());
    assert!(
        parse_args(vec![
            OsString::from("billing"),
            OsString::from("--print-env-docs"),
            odd("json")
        ])
        .is_err()
    );
    let path = parse_args(vec![
        OsString::from("billing"),
        OsString::from("--check-env"),
        OsString::from("--env-file"),
        odd("prod"),
    ]);
    assert_eq!(
        path,
        Ok(Action::Check(CheckOptions {
            env_file: Some(PathBuf::from(odd("prod"))),
            ..CheckOptions::default()
        }))
    );
}

/// `--manifest PATH` and `--container NAME`: envconfig's only after
/// `--check-env`, as the other check flags are.
#[cfg(feature = "k8s")]
#[test]
fn manifest_flags() {
    let manifest = |path: &str, container: Option<&str>| {
        Ok(Action::Check(CheckOptions {
            manifest: Some(PathBuf::from(path)),
            container: container.map(str::to_owned),
            ..CheckOptions::default()
        }))
    };
    let cases: &[(&[&str], Result<Action, &str>)] = &[
        (
            &["--check-env", "--manifest", "deploy.yaml"],
            manifest("deploy.yaml", None),
        ),
        (&["--check-env", "--manifest", "-"], manifest("-", None)),
        (&["--check-env", "--manifest=-"], manifest("-", None)),
        (
            &["--check-env", "--container", "api", "--manifest", "-"],
            manifest("-", Some("api")),
        ),
        (
            &["--check-env", "--manifest", "-", "--container=billing/api"],
            manifest("-", Some("billing/api")),
        ),
        (
            &["--check-env", "--manifest", "-", "--strict"],
            Ok(Action::Check(CheckOptions {
                manifest: Some(PathBuf::from("-")),
                strict: true,
                ..CheckOptions::default()
            })),
        ),
        // Before `--check-env`, or without it, they are the application's.
        (
            &["--manifest", "x.yaml", "--container", "api"],
            Ok(Action::Load),
        ),
        (
            &["--check-env", "--manifest"],
            Err("--manifest needs a PATH"),
        ),
        (
            &["--check-env", "--manifest", "--strict"],
            Err("--manifest needs a PATH"),
        ),
        (
            &["--check-env", "--manifest="],
            Err("--manifest needs a PATH"),
        ),
        (
            &["--check-env", "--manifest", "-", "--container"],
            Err("--container needs a NAME"),
        ),
        (
            &["--check-env", "--container", "api"],
            Err("--container needs --manifest"),
        ),
        (
            &["--check-env", "--manifest", "a", "--manifest", "b"],
            Err("--manifest is given more than once"),
        ),
        (
            &["--check-env", "--manifest", "-", "--env-file", "a.env"],
            Err("--manifest and --env-file cannot be used together"),
        ),
        (
            &["--check-env", "--manifest", "-", "--read-secret-files"],
            Err("--manifest and --read-secret-files cannot be used together"),
        ),
    ];
    assert_cases(cases);
}

/// Without the feature, `--manifest` after `--check-env` is refused, not
/// ignored: a CI job must not pass by checking the runner's environment.
#[cfg(not(feature = "k8s"))]
#[test]
fn manifest_flags_need_the_feature() {
    for line in [
        &["--check-env", "--manifest", "deploy.yaml"][..],
        &["--check-env", "--container", "api"][..],
    ] {
        let usage = parse_args(args(line)).unwrap_err();
        assert!(
            usage.0.contains("needs envconfig's `k8s` feature"),
            "{usage}"
        );
    }
    assert_eq!(
        parse_args(args(&["--manifest", "deploy.yaml"])),
        Ok(Action::Load)
    );
}

/// An application that claims `-h` and `--help` gets them as its own
/// arguments, like any other.
#[test]
fn help_claimed_by_the_application_is_its_own() {
    for line in [&["-h", "db.example.com"][..], &["--help"]] {
        assert_eq!(
            parse_args_with(args(line), false),
            Ok(Action::Load),
            "{line:?}"
        );
    }
    assert_eq!(
        parse_args_with(args(&["-h", "db", "--print-env-docs"]), false),
        Ok(Action::PrintDocs(Format::Text))
    );
}
