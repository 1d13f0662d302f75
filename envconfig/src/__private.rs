//! What generated code calls. Not public API: it changes without notice.
//!
//! The derive names everything here by absolute path
//! (`::envconfig::__private::...`) so that it never depends on what the
//! user's module has in scope.

pub use crate::docs::Docs;
pub use crate::load::{DefaultValue, Field, FieldName, Loader, no_default};
pub use crate::parse::{
    List, Parse, Pick, PickBuiltin, PickFromStr, PickNone, Secret, WithFn, picked,
};
pub use crate::value::{EnvValue, Noun, ValueError};
pub use core::option::Option;
