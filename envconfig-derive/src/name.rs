//! The rules of names: a field's name as a variable, what a prefix or an
//! exact name may hold, and a variant's name as a choice.

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
    words_split(ident).to_uppercase()
}

/// A variant's name as a choice: `TraceAll` -> `trace-all`, `HTTPOnly` ->
/// `http-only`, `Ipv6Only` -> `ipv6-only`, `Tls1_3` -> `tls1-3`.
pub fn kebab_case(ident: &str) -> String {
    words_split(ident).to_lowercase().replace('_', "-")
}

/// `ident` with a `_` where a word starts within it: a capital after a
/// lowercase letter or a digit (`httpProxy`, `Ipv6Only`), or the last
/// capital of an acronym followed by a lowercase letter (`HTTPPort`).
/// Digits belong to the word before them (`Http2`, `V1`).
fn words_split(ident: &str) -> String {
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
        out.push(c);
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

    #[test]
    fn kebab_case_of_variant_names() {
        let table = [
            ("Info", "info"),
            ("TraceAll", "trace-all"),
            ("HTTPOnly", "http-only"),
            ("HttpOnly", "http-only"),
            ("HTTP", "http"),
            ("IOError", "io-error"),
            ("ABTest", "ab-test"),
            ("Http2", "http2"),
            ("HTTP2Only", "http2-only"),
            ("Ipv6Only", "ipv6-only"),
            ("X509Cert", "x509-cert"),
            ("P99", "p99"),
            ("Tls1_3", "tls1-3"),
            ("Read_Write", "read-write"),
            ("A", "a"),
            ("AB", "ab"),
            ("lowercase", "lowercase"),
            ("Émoi", "émoi"),
        ];
        for (variant, spelling) in table {
            assert_eq!(kebab_case(variant), spelling, "{variant}");
        }
    }
}
