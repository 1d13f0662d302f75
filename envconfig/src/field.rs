//! The table of fields the derive emits, one `static` entry per variable:
//! what the loader and the docs read about a field besides its parser.

use crate::value::Parse;

/// What the derive macro knows about one field, as a `static`.
#[doc(hidden)]
#[derive(Debug)]
pub struct Field {
    pub name: FieldName,
    /// The doc comment, lines joined, trimmed.
    pub doc: &'static str,
    /// `#[config(secret)]`; a secret type makes a field secret too.
    pub secret: bool,
    pub default: DefaultValue,
    /// The attributes few fields have, `None` when the field has none of
    /// them: one pointer in every field's entry rather than four slices.
    pub rare: Option<&'static RareAttrs>,
}

/// The attributes of a [`Field`] that few fields have.
#[doc(hidden)]
#[derive(Debug)]
pub struct RareAttrs {
    pub example: Option<&'static str>,
    /// `alias = "OLD_NAME"`: exact names read, with a warning, when the
    /// variable is unset.
    pub aliases: &'static [&'static str],
    /// `deprecated = "note"`: a warning when the variable is set.
    pub deprecated: Option<&'static str>,
    /// `value_name = "URL"`: what the docs call the value instead of its
    /// type.
    pub value_name: Option<&'static str>,
}

#[doc(hidden)]
#[derive(Debug)]
pub enum FieldName {
    /// Appended to the struct's prefix: the field name in SCREAMING_SNAKE_CASE.
    Suffix(&'static str),
    /// `#[config(env = "NAME")]`, used as written.
    Exact(&'static str),
}

#[doc(hidden)]
#[derive(Debug)]
pub enum DefaultValue {
    /// Required (or an `Option`, which needs no default).
    None,
    /// `default = "30s"`: parsed like an environment value.
    Parsed(&'static str),
    /// `default = <expr>`: a Rust value; the expression's source text is
    /// kept for the docs.
    Expr(&'static str),
}

/// A field's `default = <expr>`, compiled: the expression, and how its
/// value is written as an environment value (what the docs and the check
/// report show). The derive writes `shown` for each such field, so that a
/// program links a type's `to_env` only if a field of that type has a
/// default expression.
#[doc(hidden)]
pub struct DefaultExpr<T> {
    pub(crate) value: fn() -> T,
    pub(crate) shown: fn(&T) -> Option<String>,
}

impl<T> DefaultExpr<T> {
    pub fn new(value: fn() -> T, shown: fn(&T) -> Option<String>) -> Self {
        DefaultExpr { value, shown }
    }
}

/// What the derive writes for a field with `default = <expr>`.
#[doc(hidden)]
pub fn default_expr<T>(value: fn() -> T, shown: fn(&T) -> Option<String>) -> DefaultExpr<T> {
    DefaultExpr::new(value, shown)
}

// Not derived: the derive would require `T: Clone`.
impl<T> Clone for DefaultExpr<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for DefaultExpr<T> {}

/// A field's `default = <expr>` ([`DefaultExpr`]) or its absence
/// ([`NoDefault`]), told apart by type: the code that writes and checks a
/// default expression's value is compiled to nothing for a field without
/// one.
#[doc(hidden)]
pub trait MaybeDefault<T>: Copy {
    /// The expression, if the field has one.
    fn expr(self) -> Option<DefaultExpr<T>>;
}

impl<T> MaybeDefault<T> for DefaultExpr<T> {
    fn expr(self) -> Option<DefaultExpr<T>> {
        Some(self)
    }
}

/// What the derive passes for a field without `default = <expr>`.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct NoDefault;

impl<T> MaybeDefault<T> for NoDefault {
    fn expr(self) -> Option<DefaultExpr<T>> {
        None
    }
}

/// The default expression of
/// [`Loader::required`](crate::load::Loader::required) for a field without
/// one.
#[doc(hidden)]
pub fn no_default() -> NoDefault {
    NoDefault
}

impl FieldName {
    pub(crate) fn resolve(&self, prefix: &str) -> String {
        match self {
            FieldName::Suffix(suffix) => [prefix, suffix].concat(),
            FieldName::Exact(name) => (*name).to_owned(),
        }
    }
}

impl Field {
    /// Whether the field is secret as declared: the derive decides it from
    /// the field's type as written (`SecretString`, `SecretBox<T>`, also
    /// inside `Option` and `Vec`) and from `#[config(secret)]`. The loader
    /// and the docs also ask the parser ([`Parse::secret`]), which tells a
    /// type alias of `SecretString`; a value is secret if either says so.
    ///
    /// [`Parse::secret`]: crate::value::Parse::secret
    pub(crate) fn is_secret(&self) -> bool {
        self.secret
    }

    /// What the variable should hold, in words: its `value_name`, else what
    /// its parser calls it.
    pub(crate) fn expected<P: Parse>(&self, parser: &P) -> std::borrow::Cow<'static, str> {
        match self.rare.and_then(|rare| rare.value_name) {
            Some(name) => name.into(),
            None => parser.noun().one,
        }
    }

    /// `example = "..."`.
    pub(crate) fn example(&self) -> Option<&'static str> {
        self.rare.and_then(|rare| rare.example)
    }

    /// The old names read when the variable is unset.
    pub(crate) fn aliases(&self) -> &'static [&'static str] {
        self.rare.map_or(&[], |rare| rare.aliases)
    }

    /// `deprecated = "note"`.
    pub(crate) fn deprecated(&self) -> Option<&'static str> {
        self.rare.and_then(|rare| rare.deprecated)
    }

    /// The default as the docs and the check report show it.
    pub(crate) fn default_text(&self) -> Option<&'static str> {
        match self.default {
            DefaultValue::None => None,
            DefaultValue::Parsed(text) | DefaultValue::Expr(text) => Some(text),
        }
    }
}

/// The prefix of a nested struct's variables: the parent's prefix, then the
/// nested field's (`BILLING_` + `DB_`).
#[doc(hidden)]
pub fn nested_prefix(prefix: &str, nested: &str) -> String {
    [prefix, nested].concat()
}

/// A nested field, as a rule across fields names it: the field's name, its
/// prefix, and what names its struct's variables (`Nested::names`).
#[doc(hidden)]
pub struct NestedField {
    /// The field's name in the struct.
    pub member: &'static str,
    /// Its prefix, after the parent's.
    pub prefix: &'static str,
    /// The variables of the nested struct under a prefix.
    pub names: fn(&str) -> Vec<String>,
}
