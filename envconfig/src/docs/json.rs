//! The `json` rendering, for tools; its schema is documented on
//! [`Format::Json`](super::Format::Json).
//!
//! Written by hand rather than with serde_json: the output is one fixed
//! shape of strings, booleans and nulls, and a dependency here would be
//! compiled into every application that uses envconfig, for a flag most of
//! them run once in CI.

use std::fmt::Write as _;

use super::Docs;

pub(super) fn render(docs: &Docs) -> String {
    let mut out = format!(
        "{{\n  \"version\": {},\n  \"variables\": [",
        Docs::SCHEMA_VERSION
    );
    for (i, var) in docs.vars().iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str("    {\n");
        let fields: [(&str, Value<'_>); 7] = [
            ("name", Value::String(&var.name)),
            ("type", Value::String(&var.value_type)),
            ("required", Value::Bool(var.required)),
            (
                "default",
                var.default.as_deref().map_or(Value::Null, Value::String),
            ),
            ("secret", Value::Bool(var.secret)),
            ("description", Value::String(&var.description)),
            (
                "example",
                var.example.as_deref().map_or(Value::Null, Value::String),
            ),
        ];
        for (j, (key, value)) in fields.into_iter().enumerate() {
            out.push_str("      ");
            push_string(&mut out, key);
            out.push_str(": ");
            match value {
                Value::String(text) => push_string(&mut out, text),
                Value::Bool(flag) => out.push_str(if flag { "true" } else { "false" }),
                Value::Null => out.push_str("null"),
            }
            out.push_str(if j + 1 < fields.len() { ",\n" } else { "\n" });
        }
        out.push_str("    }");
    }
    if !docs.vars().is_empty() {
        out.push_str("\n  ");
    }
    out.push_str("]\n}\n");
    out
}

#[derive(Clone, Copy)]
enum Value<'a> {
    String(&'a str),
    Bool(bool),
    Null,
}

/// Appends `text` as a JSON string (RFC 8259, section 7): `"` and `\`
/// escaped, control characters as `\n`-style or `\uXXXX` escapes.
///
/// A few characters JSON allows raw are escaped too, so that the same string
/// is also a valid YAML double-quoted scalar (the `k8s` rendering uses it):
/// DEL and the C1 controls, which YAML does not allow raw; U+2028 and U+2029,
/// which YAML reads as line breaks; and U+FEFF, U+FFFE and U+FFFF.
pub(crate) fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\0'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                // Every such char is in the Basic Multilingual Plane: one
                // `\uXXXX` escape, no surrogate pair.
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::super::fixtures;
    use super::*;
    use crate::shown::REDACTED;
    use serde_json::{Value as Json, json};

    #[test]
    fn follows_the_documented_schema() {
        let docs = fixtures::billing();
        let parsed: Json = serde_json::from_str(&render(&docs)).expect("valid JSON");
        assert_eq!(parsed["version"], json!(Docs::SCHEMA_VERSION));
        let vars = parsed["variables"].as_array().expect("an array");
        assert_eq!(vars.len(), docs.vars().len());
        for (parsed, var) in vars.iter().zip(docs.vars()) {
            let expected = json!({
                "name": var.name,
                "type": var.value_type,
                "required": var.required,
                "default": var.default,
                "secret": var.secret,
                "description": var.description,
                "example": var.example,
            });
            assert_eq!(*parsed, expected);
        }
        assert_eq!(
            vars[1],
            json!({
                "name": "BILLING_DATABASE_URL",
                "type": "string",
                "required": true,
                "default": null,
                "secret": true,
                "description": "Postgres connection URL.",
                "example": "postgres://user:pass@db:5432/billing",
            })
        );
        assert_eq!(vars[2]["default"], json!(REDACTED));
    }

    #[test]
    fn keys_keep_their_order() {
        let text = render(&fixtures::billing());
        let keys: Vec<&str> = text
            .lines()
            .filter_map(|line| line.trim().strip_prefix('"')?.split('"').next())
            .take(9)
            .collect();
        assert_eq!(
            keys,
            [
                "version",
                "variables",
                "name",
                "type",
                "required",
                "default",
                "secret",
                "description",
                "example"
            ]
        );
    }

    #[test]
    fn empty_docs_are_an_empty_list() {
        let parsed: Json = serde_json::from_str(&render(&Docs::default())).expect("valid JSON");
        assert_eq!(parsed, json!({ "version": 1, "variables": [] }));
    }

    #[test]
    fn strings_round_trip_through_serde_json() {
        let mut every_control: String = ('\0'..='\u{a0}').collect();
        every_control.push_str("\u{2028}\u{2029}\u{feff}\u{fffe}\u{ffff}é😀\"\\/");
        let cases = [
            "",
            "plain",
            "quote \" backslash \\",
            "tab\tnew\nline\r",
            &every_control,
        ];
        for case in cases {
            let mut out = String::new();
            push_string(&mut out, case);
            assert!(!out.contains(char::is_control), "{out:?}");
            let back: String = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
            assert_eq!(back, case);
        }
    }
}
