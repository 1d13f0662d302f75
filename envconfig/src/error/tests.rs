use super::*;

#[test]
fn long_values_are_cut_short_at_a_char_boundary() {
    let value = "é".repeat(100);
    let kind = ProblemKind::Invalid {
        value: Some(value.clone()),
        reason: "bad".into(),
    };
    let shown = kind.to_string();
    assert!(
        shown.starts_with(&format!(
            "invalid value \"{}\"...",
            "é".repeat(crate::shown::SHOWN_CHARS)
        )),
        "{shown}"
    );
    assert!(shown.contains("(200 bytes in all)"), "{shown}");
}

#[test]
fn paths_and_reasons_keep_to_one_short_line() {
    let kind = ProblemKind::FileUnreadable {
        file_var: "APP_TOKEN_FILE".into(),
        path: Some("/run/token\n  APP_FORGED: problem".into()),
        reason: "No such file or directory".into(),
    };
    assert_eq!(
        kind.to_string(),
        "cannot read APP_TOKEN_FILE=/run/token\\n  APP_FORGED: problem: \
         No such file or directory"
    );
    let kind = ProblemKind::Invalid {
        value: Some("x".into()),
        reason: format!("{}\r\n", "r".repeat(1000)),
    };
    let shown = kind.to_string();
    assert!(!shown.contains(['\r', '\n']), "{shown}");
    assert!(shown.ends_with("... (1002 bytes in all)"), "{shown}");
    assert!(
        shown.len() < 2 * crate::shown::SHOWN_REASON_CHARS,
        "{shown}"
    );
}

#[test]
fn debug_is_bounded_like_display() {
    let problem = Problem::new(
        "APP_X",
        "integer",
        ProblemKind::Invalid {
            value: Some("v".repeat(100_000)),
            reason: "r\u{202e}".repeat(10_000),
        },
    );
    let error = Error::new(vec![problem]);
    for shown in [format!("{error:?}"), format!("{error:#?}")] {
        assert!(shown.len() < 4_000, "{} bytes", shown.len());
        assert!(!shown.contains('\u{202e}'), "{shown}");
    }
}

#[test]
fn debug_masks_a_url_password_like_display() {
    let problem = Problem::new(
        "APP_PORT",
        "integer",
        ProblemKind::Invalid {
            value: Some("postgres://app:hunter2@db/app".into()),
            reason: "bad".into(),
        },
    );
    let default = ProblemKind::InvalidDefault {
        value: Some("postgres://app:hunter2@db/app".into()),
        reason: "bad".into(),
    };
    let error = Error::new(vec![problem]);
    for shown in [
        format!("{error:?}"),
        format!("{error:#?}"),
        format!("{default:?}"),
        error.to_string(),
    ] {
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("app:***@db"), "{shown}");
    }
}

/// A parser's reason may quote the value it rejects, or a rule's
/// message a value it read: a URL's password is masked there too.
#[test]
fn a_reason_masks_a_url_password_like_the_value() {
    let url = "postgres://app:hunter2@db/app";
    let kinds = [
        ProblemKind::Invalid {
            value: Some(url.into()),
            reason: format!("{url} has no port"),
        },
        ProblemKind::InvalidDefault {
            value: Some(url.into()),
            reason: format!("{url} has no port"),
        },
        ProblemKind::Rule {
            vars: vec!["APP_URL".into()],
            message: format!("{url} is not the replica's"),
        },
    ];
    for kind in kinds {
        for shown in [kind.to_string(), format!("{kind:?}")] {
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains("app:***@db"), "{shown}");
        }
    }
}

#[test]
fn a_problem_is_an_error_that_names_its_variable() {
    let problem = Problem::new("APP_PORT", "integer", ProblemKind::Missing);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(problem);
    assert_eq!(
        boxed.to_string(),
        "APP_PORT: required but not set; expected integer"
    );
    assert!(boxed.source().is_none());
}

#[test]
fn secret_values_are_redacted() {
    let kind = ProblemKind::Invalid {
        value: None,
        reason: "bad".into(),
    };
    assert_eq!(kind.to_string(), "invalid value <redacted>: bad");
}

/// "; expected TYPE" follows a problem whose fix is a value of that type,
/// and no other.
#[test]
fn the_expected_type_follows_only_problems_it_helps_to_fix() {
    let table = [
        (ProblemKind::Missing, true),
        (ProblemKind::Empty, true),
        (ProblemKind::NotUnicode, true),
        (
            ProblemKind::Invalid {
                value: Some("x".into()),
                reason: "not an integer".into(),
            },
            true,
        ),
        (
            ProblemKind::InvalidDefault {
                value: Some("x".into()),
                reason: "not an integer".into(),
            },
            true,
        ),
        (
            ProblemKind::BothSet {
                file_var: "APP_PORT_FILE".into(),
            },
            false,
        ),
        (
            ProblemKind::FileUnreadable {
                file_var: "APP_PORT_FILE".into(),
                path: Some("/run/port".into()),
                reason: "No such file or directory".into(),
            },
            false,
        ),
        (
            ProblemKind::MalformedLine {
                reason: "unclosed quote".into(),
            },
            false,
        ),
        (
            ProblemKind::Undeployable {
                reason: "Kubernetes rejects it".into(),
            },
            false,
        ),
    ];
    for (kind, shown) in table {
        let text = Problem::new("APP_PORT", "integer", kind.clone()).to_string();
        assert_eq!(text.ends_with("; expected integer"), shown, "{text}");
    }
}

/// A secret's reason from user code is withheld, saying whose it was.
#[test]
fn a_withheld_reason_says_whether_the_parser_or_the_validator_gave_it() {
    for (by, said) in [
        (ReasonBy::Parser, "rejected by its parser"),
        (ReasonBy::Validator, "rejected by its validate function"),
    ] {
        let mut problem = Problem::new(
            "APP_KEY",
            "string",
            ProblemKind::Invalid {
                value: Some("canary".into()),
                reason: "canary is too short".into(),
            },
        )
        .with_reason_by(by);
        problem.redact();
        let text = problem.to_string();
        assert_eq!(
            text,
            format!(
                "APP_KEY: invalid value <redacted>: {said} (details withheld: the variable \
                 is secret); expected string"
            )
        );
    }
}

/// A secret's unreadable `NAME_FILE` shows its path when it is surely a
/// path: absolute, in a directory that exists.
#[test]
fn a_secrets_unreadable_file_shows_its_path_only_when_surely_a_path() {
    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let in_dir = dir.path().join("token");
    let table = [
        (in_dir.clone(), true),
        (dir.path().join("no-such-dir/token"), false),
        ("relative/token".into(), false),
        ("hunter2".into(), false),
        ("/".into(), false),
    ];
    for (path, shown) in table {
        let mut problem = Problem::new(
            "APP_TOKEN",
            "string",
            ProblemKind::FileUnreadable {
                file_var: "APP_TOKEN_FILE".into(),
                path: Some(path.clone()),
                reason: "No such file or directory".into(),
            },
        );
        problem.redact();
        let text = problem.to_string();
        let expected = match shown {
            true => format!("APP_TOKEN_FILE={}", path.display()),
            false => "the file APP_TOKEN_FILE names (<redacted>)".to_owned(),
        };
        assert!(text.contains(&expected), "{path:?}: {text}");
        // A path that copies a secret is withheld whatever it looks like.
        problem.redact_file_path();
        assert!(problem.to_string().contains("(<redacted>)"), "{path:?}");
    }
}
