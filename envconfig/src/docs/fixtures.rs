//! Test fixtures: a hand-built model with every kind of variable and the
//! characters each format must escape.

use super::{Docs, VarDoc};
use crate::shown::REDACTED;

pub fn var(name: &str, value_type: &str) -> VarDoc {
    VarDoc {
        name: name.to_owned(),
        value_type: value_type.to_owned(),
        required: false,
        required_when: None,
        switched_on_by: None,
        default: None,
        default_is_value: false,
        secret: false,
        description: String::new(),
        example: None,
        aliases: Vec::new(),
        deprecated: None,
        group: None,
        kind: crate::value::ValueKind::of(crate::value::Kind::Other),
    }
}

/// The billing service's variables, plus awkward characters.
pub fn billing() -> Docs {
    let mut docs = Docs::new("BILLING_");
    docs.vars = vec![
        VarDoc {
            default: Some("8080".into()),
            description: "Port the HTTP server listens on.".into(),
            ..var("BILLING_PORT", "integer 0..=65535")
        },
        VarDoc {
            required: true,
            secret: true,
            description: "Postgres connection URL.".into(),
            example: Some("postgres://user:pass@db:5432/billing".into()),
            ..var("BILLING_DATABASE_URL", "string")
        },
        VarDoc {
            secret: true,
            default: Some(REDACTED.into()),
            description: "Signing key; the default is for development.".into(),
            ..var("BILLING_SIGNING_KEY", "string")
        },
        VarDoc {
            default: Some("30s".into()),
            description: "How long a request may take.".into(),
            ..var("BILLING_REQUEST_TIMEOUT", "duration")
        },
        VarDoc {
            required: true,
            description: "Hosts allowed to call us | comma-separated.\nSecond line.".into(),
            example: Some("a.example.com,b.example.com".into()),
            ..var("BILLING_ALLOWED_HOSTS", "list of strings separated by '|'")
        },
        VarDoc {
            secret: true,
            description: "Sentry DSN; errors are not reported when unset.".into(),
            ..var("BILLING_SENTRY_DSN", "string")
        },
        VarDoc {
            default: Some("café it's \"quoted\" \\ $HOME #not-a-comment\ttab `tick`".into()),
            description: "A greeting with \u{1} a control char, café and \u{2028}.".into(),
            ..var("BILLING_GREETING", "string")
        },
        VarDoc {
            default: Some("info".into()),
            ..var("BILLING_LOG_LEVEL", "Level")
        },
    ];
    for var in &mut docs.vars {
        var.default_is_value = var.default.is_some() && !var.secret;
    }
    docs.vars.push(VarDoc {
        default: Some("Duration::from_secs(5)".into()),
        description: "A default written as a Rust expression.".into(),
        ..var("BILLING_IDLE_TIMEOUT", "duration")
    });
    docs
}
