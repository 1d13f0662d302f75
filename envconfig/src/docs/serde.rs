//! `serde::Serialize` for [`Docs`] (feature `serde`), for applications that
//! want the reference as data in a format of their own.
//!
//! This is the `json` rendering, key for key: both serialize one tree
//! (`docs/json.rs`), which the built-in renderer writes as text without
//! making every application compile a JSON serializer.

use serde::ser::{Serialize, Serializer};

use super::{Docs, VarDoc, json};

impl Serialize for Docs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        json::document(self).serialize(serializer)
    }
}

impl Serialize for VarDoc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        json::variable(self).serialize(serializer)
    }
}
