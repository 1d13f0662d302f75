//! The rules of variable names: a field's name as a variable, and what a
//! prefix or an exact name may hold.

use syn::LitStr;

use crate::Errors;

/// The name of a field's variable.
pub enum VarName {
    /// Appended to the prefix: the field's name in `SCREAMING_SNAKE_CASE`.
    Suffix(String),
    /// `env = "NAME"`.
    Exact(String),
}

impl VarName {
    /// The variable's full name under `prefix`.
    pub fn resolve(&self, prefix: &str) -> String {
        match self {
            VarName::Suffix(suffix) => format!("{prefix}{suffix}"),
            VarName::Exact(name) => name.clone(),
        }
    }
}

/// The value of a `prefix = "..."`, with an error on the literal unless it
/// is empty or a name ending in `_`.
pub fn checked_prefix(prefix: &LitStr, errors: &Errors) -> String {
    let value = prefix.value();
    if !value.is_empty() && !value.ends_with('_') {
        errors.spanned(
            prefix,
            format_args!(
                "a prefix must end with `_`: `{value}_` makes `{value}_PORT`, \
                 `{value}` would make `{value}PORT`"
            ),
        );
    } else {
        check_var_name(prefix, true, errors);
    }
    value
}

/// An error on `lit` unless it is a portable variable name (or, for a
/// prefix, empty).
pub fn check_var_name(lit: &LitStr, is_prefix: bool, errors: &Errors) {
    let name = lit.value();
    let what = if is_prefix {
        "a prefix"
    } else {
        "a variable name"
    };
    if name.is_empty() && !is_prefix {
        errors.spanned(lit, "a variable name cannot be empty");
    } else if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
    {
        errors.spanned(
            lit,
            format_args!("{what} holds only ASCII letters, digits and `_`, not `{bad}`"),
        );
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        errors.spanned(lit, format_args!("{what} cannot start with a digit"));
    }
}

/// ASCII letters, digits and `_`, not starting with a digit: what every
/// shell and orchestrator accepts.
pub fn is_var_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `request_timeout` -> `REQUEST_TIMEOUT`; also splits `camelCase` words.
pub fn screaming_snake_case(ident: &str) -> String {
    let chars: Vec<char> = ident.chars().collect();
    let mut out = String::with_capacity(ident.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let previous = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|next| next.is_lowercase());
            if previous.is_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_uppercase() && next_is_lower)
            {
                out.push('_');
            }
        }
        out.extend(c.to_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screaming_snake_case_of_field_names() {
        let table = [
            ("port", "PORT"),
            ("request_timeout", "REQUEST_TIMEOUT"),
            ("ipv6_addr", "IPV6_ADDR"),
            ("httpProxyURL", "HTTP_PROXY_URL"),
            ("HTTPPort", "HTTP_PORT"),
            ("v2", "V2"),
        ];
        for (field, name) in table {
            assert_eq!(screaming_snake_case(field), name, "{field}");
        }
    }
}
