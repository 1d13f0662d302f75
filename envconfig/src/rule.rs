//! [`Violation`]: what a rule across the fields of a configuration returns
//! when the configuration breaks it.

use std::fmt;

/// A rule across fields that a configuration breaks: what a struct's
/// `#[config(validate = path::to::fn)]` function returns, a
/// `fn(&Self) -> Result<(), Violation>`. It runs once every field has
/// loaded, and its problem joins the others, naming the variables of the
/// fields it names.
///
/// ```
/// use envconfig::{Config, Violation};
///
/// #[derive(Config, Debug)]
/// #[config(prefix = "POOL_", validate = min_within_max)]
/// struct Pool {
///     #[config(default = 1)]
///     min: u32,
///     #[config(default = 10)]
///     max: u32,
/// }
///
/// fn min_within_max(pool: &Pool) -> Result<(), Violation> {
///     if pool.min > pool.max {
///         return Err(Violation::new("the minimum exceeds the maximum").of(["min", "max"]));
///     }
///     Ok(())
/// }
///
/// let error = Pool::from_vars([("POOL_MIN", "20")]).unwrap_err();
/// assert_eq!(error.problems()[0].var(), "POOL_MIN");
/// assert_eq!(
///     error.problems()[0].to_string(),
///     "POOL_MIN, POOL_MAX: the minimum exceeds the maximum"
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Violation {
    message: String,
    fields: Vec<String>,
}

impl Violation {
    /// A broken rule, said in words for the operator. Do not quote a
    /// secret's value: if a named field is secret, the words are withheld.
    #[must_use]
    pub fn new(message: impl fmt::Display) -> Violation {
        Violation {
            message: message.to_string(),
            fields: Vec::new(),
        }
    }

    /// The fields involved, by their name in the struct (`"max_connections"`):
    /// the problem names their variables.
    #[must_use]
    pub fn of<I, S>(mut self, fields: I) -> Violation
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.fields.extend(fields.into_iter().map(Into::into));
        self
    }

    pub(crate) fn into_parts(self) -> (String, Vec<String>) {
        (self.message, self.fields)
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Violation")
            .field("message", &crate::shown::Abridged::reason(&self.message))
            .field("fields", &self.fields)
            .finish()
    }
}

impl std::error::Error for Violation {}
