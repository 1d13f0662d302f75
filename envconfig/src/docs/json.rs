//! The `json` rendering, for tools; its schema is documented on
//! [`Format::Json`](super::Format::Json). The `serde` feature serializes
//! the same tree (see `docs/serde.rs`).

use super::{Docs, FILE_SUFFIX, GroupSwitch, VarDoc};
use crate::json::Json;
use crate::value::ValueKind;

pub(super) fn render(docs: &Docs) -> String {
    document(docs).to_text(usize::MAX)
}

/// The whole reference.
pub(super) fn document(docs: &Docs) -> Json<'_> {
    let variables = docs.vars().iter().map(variable).collect();
    Json::Object(vec![
        ("version", Json::Number(Docs::SCHEMA_VERSION.into())),
        // Any variable NAME can also be read from the file NAME_FILE names.
        ("file_suffix", Json::str(FILE_SUFFIX)),
        ("variables", Json::Array(variables)),
    ])
}

/// One variable.
pub(super) fn variable(var: &VarDoc) -> Json<'_> {
    Json::Object(vec![
        ("name", Json::str(&var.name)),
        ("file_var", Json::String(var.file_var().into())),
        ("type", kind(&var.kind, &var.value_type)),
        ("required", Json::Bool(var.required)),
        (
            "required_when",
            Json::optional(var.required_when.as_deref()),
        ),
        ("switched_on_by", switch(var.switched_on_by.as_ref())),
        ("default", Json::optional(var.default.as_deref())),
        (
            "default_is_value",
            Json::Bool(var.default_value().is_some()),
        ),
        ("secret", Json::Bool(var.secret)),
        ("description", Json::str(&var.description)),
        ("example", Json::optional(var.example.as_deref())),
        (
            "aliases",
            Json::Array(var.aliases.iter().map(|alias| Json::str(alias)).collect()),
        ),
        ("deprecated", Json::optional(var.deprecated.as_deref())),
        ("group", Json::optional(var.group.as_deref())),
    ])
}

/// What switches the variable's group on: `{"any_set": {"prefix": ...,
/// "variables": [...]}}` or `{"enabled_by": NAME}`; null outside groups.
fn switch(switch: Option<&GroupSwitch>) -> Json<'_> {
    let data = match switch {
        None => return Json::Null,
        Some(GroupSwitch::AnySet { prefix, variables }) => (
            "any_set",
            Json::Object(vec![
                ("prefix", Json::str(prefix)),
                (
                    "variables",
                    Json::Array(variables.iter().map(|var| Json::str(var)).collect()),
                ),
            ]),
        ),
        Some(GroupSwitch::EnabledBy(var)) => ("enabled_by", Json::str(var)),
    };
    Json::Object(vec![data])
}

/// A type: its kind as data, and its text; keys without a value left out.
fn kind<'a>(kind: &'a ValueKind, text: &'a str) -> Json<'a> {
    let mut keys = vec![
        ("kind", Json::str(kind.kind.as_str())),
        ("text", Json::str(text)),
    ];
    if let Some(min) = &kind.min {
        keys.push(("min", Json::str(min)));
    }
    if let Some(max) = &kind.max {
        keys.push(("max", Json::str(max)));
    }
    if !kind.choices.is_empty() {
        let choices = kind.choices.iter().map(|choice| Json::str(choice));
        keys.push(("choices", Json::Array(choices.collect())));
    }
    if let Some(separator) = &kind.separator {
        keys.push(("separator", Json::str(separator)));
    }
    if let Some(item) = &kind.item {
        keys.push((
            "item",
            self::kind(item, item.item_text.as_deref().unwrap_or("")),
        ));
    }
    Json::Object(keys)
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
        assert_eq!(parsed["file_suffix"], json!("_FILE"));
        let vars = parsed["variables"].as_array().expect("an array");
        assert_eq!(vars.len(), docs.vars().len());
        for (parsed, var) in vars.iter().zip(docs.vars()) {
            assert_eq!(parsed["name"], json!(var.name));
            assert_eq!(parsed["file_var"], json!(format!("{}_FILE", var.name)));
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
                "file_var": "BILLING_DATABASE_URL_FILE",
                "type": {"kind": "other", "text": "string"},
                "required": true,
                "required_when": null,
                "switched_on_by": null,
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
            .take(19)
            .collect();
        assert_eq!(
            keys,
            [
                "version",
                "file_suffix",
                "variables",
                "name",
                "file_var",
                "type",
                "kind",
                "text",
                "required",
                "required_when",
                "switched_on_by",
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
        assert_eq!(
            parsed,
            json!({ "version": 2, "file_suffix": "_FILE", "variables": [] })
        );
    }
}
