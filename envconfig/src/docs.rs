//! [`Docs`]: the reference of every variable of a configuration, as data.
//! Every output format renders this one model.

use crate::load::{DefaultValue, Field};
use crate::parse::Parse;

/// What a secret default is shown as.
pub const REDACTED: &str = "<redacted>";

/// The reference of every variable a configuration reads, nested ones
/// included, in the order of the struct's fields.
///
/// ```
/// use envconfig::Config;
///
/// #[derive(Config)]
/// #[config(prefix = "APP_")]
/// struct Settings {
///     /// Port the HTTP server listens on.
///     #[config(default = 8080)]
///     port: u16,
/// }
///
/// let docs = Settings::docs();
/// let port = &docs.vars()[0];
/// assert_eq!(port.name, "APP_PORT");
/// assert_eq!(port.value_type, "integer 0..=65535");
/// assert_eq!(port.default.as_deref(), Some("8080"));
/// assert_eq!(port.description, "Port the HTTP server listens on.");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    vars: Vec<VarDoc>,
}

/// The reference of one variable.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct VarDoc {
    /// The variable's name (`APP_PORT`).
    pub name: String,
    /// Its type in words (`integer 0..=65535`, `duration`,
    /// `list of strings separated by ','`).
    pub value_type: String,
    /// Whether the application fails to start without it.
    pub required: bool,
    /// The default as written in the source, or `<redacted>` for a secret.
    pub default: Option<String>,
    /// Whether the value is secret: never shown, and a Kubernetes
    /// `secretKeyRef` in the `k8s` rendering.
    pub secret: bool,
    /// The field's doc comment.
    pub description: String,
    /// An example value, from `#[config(example = "...")]`.
    pub example: Option<String>,
}

impl Docs {
    /// Every variable.
    pub fn vars(&self) -> &[VarDoc] {
        &self.vars
    }

    #[doc(hidden)]
    pub fn __push<P: Parse>(&mut self, prefix: &str, field: &Field, parser: &P, optional: bool) {
        let secret = field.secret || parser.is_secret();
        let default = field.default_text().map(|text| {
            if secret {
                REDACTED.to_owned()
            } else {
                text.to_owned()
            }
        });
        self.vars.push(VarDoc {
            name: field.name.resolve(prefix),
            value_type: parser.noun().one.into_owned(),
            required: !optional && matches!(field.default, DefaultValue::None),
            default,
            secret,
            description: field.doc.to_owned(),
            example: field.example.map(str::to_owned),
        });
    }
}
