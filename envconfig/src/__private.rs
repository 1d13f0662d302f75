//! What generated code calls. Not public API: it changes without notice.
//!
//! The derive names everything here by absolute path
//! (`::envconfig::__private::...`) so that it never depends on what the
//! user's module has in scope.

pub use crate::docs::Docs;
pub use crate::field::{DefaultValue, Field, FieldName, no_default};
pub use crate::load::Loader;
pub use crate::value::{
    EnvValue, List, Noun, Parse, Pick, PickBuiltin, PickFromStr, PickNone, Secret, ValueError,
    WithFn,
};
pub use core::option::Option;

/// What `#[config(parse_with = path)]` takes.
pub type ParseFn<T, E> = fn(&str) -> Result<T, E>;

/// The prefix of a nested struct's variables: the parent's prefix, then the
/// nested field's (`BILLING_` + `DB_`).
pub fn nested_prefix(prefix: &str, nested: &str) -> String {
    [prefix, nested].concat()
}

/// Adds the variable of `field`, read with `parser`, to `docs`.
pub fn describe_var<P: Parse>(
    docs: &mut Docs,
    prefix: &str,
    field: &Field,
    parser: &P,
    optional: bool,
) {
    docs.push_var(prefix, field, parser, optional);
}
