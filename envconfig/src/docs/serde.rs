//! `serde::Serialize` for [`Docs`] (feature `serde`), for applications that
//! want the reference as data in a format of their own.
//!
//! This is the schema of the `json` rendering, key for key: the built-in
//! renderer writes the same document without making every application
//! compile a JSON serializer, and `tests/docs_serde.rs` proves the two agree.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::{Docs, VarDoc};

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
        let mut var = serializer.serialize_struct("VarDoc", 7)?;
        var.serialize_field("name", &self.name)?;
        var.serialize_field("type", &self.value_type)?;
        var.serialize_field("required", &self.required)?;
        var.serialize_field("default", &self.default)?;
        var.serialize_field("secret", &self.secret)?;
        var.serialize_field("description", &self.description)?;
        var.serialize_field("example", &self.example)?;
        var.end()
    }
}
