//! `serde::Serialize` for [`Docs`] (feature `serde`), for applications that
//! want the reference as data in a format of their own.
//!
//! This is the schema of the `json` rendering, key for key: the built-in
//! renderer writes the same document without making every application
//! compile a JSON serializer, and `tests/docs_serde.rs` proves the two agree.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::{Docs, VarDoc};
use crate::value::ValueKind;

impl Serialize for Docs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut docs = serializer.serialize_struct("Docs", 2)?;
        docs.serialize_field("version", &Docs::SCHEMA_VERSION)?;
        docs.serialize_field("variables", self.vars())?;
        docs.end()
    }
}

impl Serialize for VarDoc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut var = serializer.serialize_struct("VarDoc", 12)?;
        var.serialize_field("name", &self.name)?;
        var.serialize_field(
            "type",
            &TypeOf {
                kind: &self.kind,
                text: &self.value_type,
            },
        )?;
        var.serialize_field("required", &self.required)?;
        var.serialize_field("default", &self.default)?;
        var.serialize_field("default_is_value", &self.default_value().is_some())?;
        var.serialize_field("secret", &self.secret)?;
        var.serialize_field("description", &self.description)?;
        var.serialize_field("example", &self.example)?;
        var.serialize_field("aliases", &self.aliases)?;
        var.serialize_field("deprecated", &self.deprecated)?;
        var.serialize_field("group", &self.group)?;
        var.end()
    }
}

/// A variable's `type`: its kind as data, and its text. Keys without a
/// value are left out, as the `json` rendering leaves them.
struct TypeOf<'a> {
    kind: &'a ValueKind,
    text: &'a str,
}

impl Serialize for TypeOf<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let kind = self.kind;
        let mut ty = serializer.serialize_struct("Type", 7)?;
        ty.serialize_field("kind", kind.kind.as_str())?;
        ty.serialize_field("text", self.text)?;
        match &kind.min {
            Some(min) => ty.serialize_field("min", min)?,
            None => ty.skip_field("min")?,
        }
        match &kind.max {
            Some(max) => ty.serialize_field("max", max)?,
            None => ty.skip_field("max")?,
        }
        if kind.choices.is_empty() {
            ty.skip_field("choices")?;
        } else {
            ty.serialize_field("choices", &kind.choices)?;
        }
        match &kind.separator {
            Some(separator) => ty.serialize_field("separator", separator)?,
            None => ty.skip_field("separator")?,
        }
        match &kind.item {
            Some(item) => ty.serialize_field(
                "item",
                &TypeOf {
                    kind: item,
                    text: "",
                },
            )?,
            None => ty.skip_field("item")?,
        }
        ty.end()
    }
}
