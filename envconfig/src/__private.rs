//! What generated code calls. Not public API: it changes without notice.
//!
//! The derive names everything here by absolute path
//! (`::envconfig::__private::...`) so that it never depends on what the
//! user's module has in scope.

pub use crate::docs::Docs;
pub use crate::field::{
    DefaultExpr, DefaultValue, Field, FieldName, NestedField, default_expr, nested_prefix,
    no_default,
};
pub use crate::load::Loader;
pub use crate::value::{
    Choices, EnvValue, InRange, Limit, List, Noun, Ordered, Parse, Pick, PickBuiltin, PickFromStr,
    PickNone, PickPlainType, PickSecretType, Secret, Validated, ValueError, WithFn,
    choice_from_str,
};
pub use core::fmt::{Display, Formatter, Result as FmtResult};
pub use core::option::Option;
pub use core::primitive::{str, usize};
pub use core::result::Result;
pub use core::str::FromStr;

use crate::config::Config;
use crate::value::Slot;

/// A field's default expression, if it has one. Through an alias: spanned
/// on the user's type, `Option` would look to `unused_qualifications` like
/// the user's own path.
pub type OptionalDefault<T> = Option<DefaultExpr<T>>;

/// What `#[config(parse_with = path)]` takes.
pub type ParseFn<T, E> = fn(&str) -> Result<T, E>;

/// The struct of a nested field, reached through the functions of its
/// `Config` impl. Generated code names them in one function per nested
/// field, so that a type that does not derive `Config` is one error there,
/// not one for each use (loading, describing, naming its variables).
pub struct Nested<N> {
    load: fn(&mut Loader<'_>, &str) -> Option<N>,
    describe: fn(&mut Docs, &str),
}

impl<N> Nested<N> {
    pub const fn new(
        load: fn(&mut Loader<'_>, &str) -> Option<N>,
        describe: fn(&mut Docs, &str),
    ) -> Nested<N> {
        Nested { load, describe }
    }

    pub fn load(&self, loader: &mut Loader<'_>, prefix: &str) -> Option<N> {
        (self.load)(loader, prefix)
    }

    pub fn describe(&self, docs: &mut Docs, prefix: &str) {
        (self.describe)(docs, prefix);
    }

    /// The variables of the struct whose prefix is `prefix`: what a rule
    /// across fields that names its field is about.
    pub fn names(&self, prefix: &str) -> Vec<String> {
        let source = crate::source::ProcessEnv;
        let mut naming = Loader::naming(&source).without_aliases();
        let _ = (self.load)(&mut naming, prefix);
        naming.into_names()
    }
}

/// Adds the variables `describe` adds to `docs` as a group titled `title`
/// (a nested field's doc comment).
pub fn describe_group(docs: &mut Docs, title: &'static str, describe: impl FnOnce(&mut Docs)) {
    docs.in_group(title, describe);
}

/// Adds the variable of `field`, read with `parser`, to `docs`;
/// `default_expr` is the field's `default = <expr>`, if it has one.
pub fn describe_var<P: Parse>(
    docs: &mut Docs,
    prefix: &str,
    field: &Field,
    parser: &P,
    optional: bool,
    default_expr: Option<DefaultExpr<P::Value>>,
) {
    // One copy of `push_var` for every field type (see `Slot`).
    let slot = Slot::new(parser, default_expr);
    docs.push_var(
        prefix,
        field,
        &slot.described(),
        optional,
        slot.erased_default(),
    );
}
