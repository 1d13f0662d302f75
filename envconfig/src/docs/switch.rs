//! What switches on an optional group, as the docs give it.

/// What switches on an optional group (`#[config(nested)]` on an
/// `Option`), which makes its required variables required.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GroupSwitch {
    /// Any of the group's variables, which the group lists under its
    /// prefix (`APP_TLS_`), being set and not empty.
    AnySet {
        /// The group's prefix, the root's included.
        prefix: String,
        /// Every variable of the group, its nested groups' included.
        variables: Vec<String>,
    },
    /// `enabled_by = field`: this `bool` variable being true.
    EnabledBy(String),
}

impl GroupSwitch {
    /// In words: `any APP_TLS_* is set`, `APP_TLS_ENABLED is true`.
    pub fn when(&self) -> String {
        match self {
            GroupSwitch::AnySet { prefix, .. } => format!("any {prefix}* is set"),
            GroupSwitch::EnabledBy(var) => format!("{var} is true"),
        }
    }
}
