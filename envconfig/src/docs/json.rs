//! The `json` rendering, for tools; its schema is documented on
//! [`Format::Json`](super::Format::Json).
//!
//! Written by hand rather than with serde_json: the output is one fixed
//! shape of strings, booleans and nulls, and a dependency here would be
//! compiled into every application that uses envconfig, for a flag most of
//! them run once in CI.

use std::fmt::Write as _;

use super::{Docs, VarDoc};
use crate::value::ValueKind;

pub(super) fn render(docs: &Docs) -> String {
    let variables = docs.vars().iter().map(variable).collect();
    let document = Json::Object(vec![
        ("version", Json::Number(Docs::SCHEMA_VERSION.into())),
        ("variables", Json::Array(variables)),
    ]);
    let mut out = String::new();
    document.write(&mut out, 0);
    out.push('\n');
    out
}

/// One variable.
fn variable(var: &VarDoc) -> Json<'_> {
    Json::Object(vec![
        ("name", Json::String(&var.name)),
        ("type", kind(&var.kind, &var.value_type)),
        ("required", Json::Bool(var.required)),
        ("default", Json::optional(var.default.as_deref())),
        (
            "default_is_value",
            Json::Bool(var.default_value().is_some()),
        ),
        ("secret", Json::Bool(var.secret)),
        ("description", Json::String(&var.description)),
        ("example", Json::optional(var.example.as_deref())),
        (
            "aliases",
            Json::Array(
                var.aliases
                    .iter()
                    .map(|alias| Json::String(alias))
                    .collect(),
            ),
        ),
        ("deprecated", Json::optional(var.deprecated.as_deref())),
        ("group", Json::optional(var.group.as_deref())),
    ])
}

/// A type: its kind as data, and its text; keys without a value left out.
fn kind<'a>(kind: &'a ValueKind, text: &'a str) -> Json<'a> {
    let mut keys = vec![
        ("kind", Json::String(kind.kind.as_str())),
        ("text", Json::String(text)),
    ];
    if let Some(min) = &kind.min {
        keys.push(("min", Json::String(min)));
    }
    if let Some(max) = &kind.max {
        keys.push(("max", Json::String(max)));
    }
    if !kind.choices.is_empty() {
        let choices = kind.choices.iter().map(|choice| Json::String(choice));
        keys.push(("choices", Json::Array(choices.collect())));
    }
    if let Some(separator) = &kind.separator {
        keys.push(("separator", Json::String(separator)));
    }
    if let Some(item) = &kind.item {
        keys.push(("item", self::kind(item, "")));
    }
    Json::Object(keys)
}

/// The few JSON values the docs are made of, written as `serde_json`'s
/// pretty printer writes them, so that the `serde` feature's serialization
/// and this rendering are the same text.
enum Json<'a> {
    String(&'a str),
    Number(u64),
    Bool(bool),
    Null,
    Array(Vec<Json<'a>>),
    Object(Vec<(&'static str, Json<'a>)>),
}

impl Json<'_> {
    fn optional(text: Option<&str>) -> Json<'_> {
        text.map_or(Json::Null, Json::String)
    }

    /// Writes the value, its nested lines indented by `depth` steps.
    fn write(&self, out: &mut String, depth: usize) {
        const STEP: &str = "  ";
        match self {
            Json::String(text) => push_string(out, text),
            Json::Number(number) => {
                let _ = write!(out, "{number}");
            }
            Json::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
            Json::Null => out.push_str("null"),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(keys) if keys.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    out.push_str(&STEP.repeat(depth + 1));
                    item.write(out, depth + 1);
                }
                out.push('\n');
                out.push_str(&STEP.repeat(depth));
                out.push(']');
            }
            Json::Object(keys) => {
                out.push('{');
                for (i, (key, value)) in keys.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    out.push_str(&STEP.repeat(depth + 1));
                    push_string(out, key);
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                out.push('\n');
                out.push_str(&STEP.repeat(depth));
                out.push('}');
            }
        }
    }
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
            // Controls, U+2028, bidi overrides, zero-width and other
            // format characters: escaped, as everywhere text from outside
            // is printed; a surrogate pair for one outside the BMP.
            c if !crate::shown::is_printable(c) || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    let _ = write!(out, "\\u{:04x}", unit);
                }
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
            assert_eq!(parsed["name"], json!(var.name));
            assert_eq!(parsed["type"]["text"], json!(var.value_type));
            assert_eq!(parsed["type"]["kind"], json!(var.kind.kind.as_str()));
            assert_eq!(parsed["default"], json!(var.default));
            assert_eq!(parsed["aliases"], json!(var.aliases));
            assert_eq!(parsed["group"], json!(var.group));
        }
        assert_eq!(
            vars[1],
            json!({
                "name": "BILLING_DATABASE_URL",
                "type": {"kind": "other", "text": "string"},
                "required": true,
                "default": null,
                "default_is_value": false,
                "secret": true,
                "description": "Postgres connection URL.",
                "example": "postgres://user:pass@db:5432/billing",
                "aliases": [],
                "deprecated": null,
                "group": null,
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
            .take(15)
            .collect();
        assert_eq!(
            keys,
            [
                "version",
                "variables",
                "name",
                "type",
                "kind",
                "text",
                "required",
                "default",
                "default_is_value",
                "secret",
                "description",
                "example",
                "aliases",
                "deprecated",
                "group",
            ]
        );
    }

    #[test]
    fn empty_docs_are_an_empty_list() {
        let parsed: Json = serde_json::from_str(&render(&Docs::default())).expect("valid JSON");
        assert_eq!(parsed, json!({ "version": 2, "variables": [] }));
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
