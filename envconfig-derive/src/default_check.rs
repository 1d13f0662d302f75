//! Checking a string default (`default = "30s"`) at compile time, for the
//! value types envconfig parses itself: with the runtime's own parsers
//! (`envconfig_core::syntax`), so that a default the derive accepts is one
//! the runtime reads, and the other way round.

use std::time::Duration;

use envconfig_core::syntax::{bool, duration, float, int, size};
use proc_macro2::{TokenStream, TokenTree};
use syn::{Lit, LitStr, Type};

use crate::Errors;
use crate::range::{Limit, Range};
use crate::ty::{Wrapper, builtin_name, wrapped};

/// A default as written, for checking.
pub enum DefaultLiteral {
    /// `default = "30s"`.
    Text(LitStr),
    /// `default = <expression>`: checked only when it is a number literal.
    Number(TokenStream),
}

/// Checks that a default written as a number literal (`default = 2000`,
/// `-1`, `0x10`, `1_000u32`, `0.5`) lies in the field's `range`; any other
/// expression (`2 * 300`) is left to the runtime, which checks its value
/// when it is used.
pub fn check_default_in_range(
    ty: &Type,
    tokens: &TokenStream,
    range: Option<&Range>,
    errors: &Errors,
) {
    if range.is_none() || builtin_name(ty).is_none() {
        return;
    }
    let Some(text) = number_literal(tokens) else {
        return;
    };
    if let Err(reason) = check_one(ty, &text, range) {
        errors.spanned(tokens, format_args!("invalid default: {reason}"));
    }
}

/// A number literal, with an optional `-`, in the decimal syntax the
/// runtime's parsers read; `None` for any other expression.
fn number_literal(tokens: &TokenStream) -> Option<String> {
    let mut trees = tokens.clone().into_iter().peekable();
    let negative = matches!(trees.peek(), Some(TokenTree::Punct(punct)) if punct.as_char() == '-');
    if negative {
        trees.next();
    }
    let literal = match (trees.next(), trees.next()) {
        (Some(TokenTree::Literal(literal)), None) => Lit::new(literal),
        _ => return None,
    };
    let sign = if negative { "-" } else { "" };
    match literal {
        Lit::Int(int) => Some(format!("{sign}{}", int.base10_parse::<u128>().ok()?)),
        Lit::Float(float) => Some(format!("{sign}{}", float.base10_parse::<f64>().ok()?)),
        _ => None,
    }
}

/// A value of a built-in type, as far as comparing it with a range goes.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Value {
    Integer(i128),
    Unsigned(u128),
    Float(f64),
    Duration(Duration),
    Bytes(u64),
    Other,
}

/// Checks the string default `text` of a field of type `ty` (its value type:
/// no `Option`), split on `separator` for a `Vec`, and against `range` when
/// its ends are literals. Errors are spanned on the literal.
pub fn check_default(
    ty: &Type,
    text: &LitStr,
    separator: Option<&str>,
    range: Option<&Range>,
    errors: &Errors,
) {
    let value = text.value();
    match wrapped(ty) {
        Some((Wrapper::Vec, item)) => {
            // An empty default is the empty list.
            if value.trim().is_empty() {
                return;
            }
            for (index, piece) in value.split(separator.unwrap_or(",")).enumerate() {
                if let Err(reason) = check_one(item, piece.trim(), range) {
                    errors.spanned(
                        text,
                        format_args!("invalid default: item {}: {reason}", index + 1),
                    );
                    return;
                }
            }
        }
        Some((Wrapper::SecretBox, inner)) => check_default(inner, text, separator, range, errors),
        _ => {
            if let Err(reason) = check_one(ty, &value, range) {
                errors.spanned(text, format_args!("invalid default: {reason}"));
            }
        }
    }
}

/// One value of `ty`, and whether it lies in `range`.
fn check_one(ty: &Type, text: &str, range: Option<&Range>) -> Result<(), String> {
    let Some(name) = builtin_name(ty) else {
        return Ok(());
    };
    if text.trim().is_empty() {
        return Err("an empty default is no value; leave the default out".into());
    }
    let value = parse(name, text)?;
    let Some(range) = range else {
        return Ok(());
    };
    let limit = |limit: &Limit| match limit {
        Limit::Text(text) => parse(name, &text.value()).ok(),
        Limit::Value(tokens) => parse(name, &tokens.to_string().replace(' ', "")).ok(),
        Limit::Open => None,
    };
    let below = limit(&range.min).is_some_and(|min| value < min);
    let above = limit(&range.max).is_some_and(|max| value > max);
    if value != Value::Other && (below || above) {
        return Err(format!("out of the field's range {}", range.shown));
    }
    Ok(())
}

/// `text` as a value of the built-in type `name`, or why it is none.
fn parse(name: &str, text: &str) -> Result<Value, String> {
    macro_rules! integer {
        ($($t:ident => $variant:ident),*) => {
            match name {
                $(stringify!($t) => {
                    return int::parse_int::<$t>(text)
                        .map(|value| Value::$variant(value.into()))
                        .map_err(|error| match error {
                            int::IntError::NotAnInteger => int::NOT_AN_INTEGER.to_owned(),
                            int::IntError::OutOfRange => int::out_of_range($t::MIN, $t::MAX),
                        });
                })*
                _ => {}
            }
        };
    }
    integer!(
        u8 => Unsigned, u16 => Unsigned, u32 => Unsigned, u64 => Unsigned, u128 => Unsigned,
        i8 => Integer, i16 => Integer, i32 => Integer, i64 => Integer, i128 => Integer
    );
    match name {
        "usize" => int::parse_int::<u64>(text)
            .map(|value| Value::Unsigned(value.into()))
            .map_err(|_| int::NOT_AN_INTEGER.to_owned()),
        "isize" => int::parse_int::<i64>(text)
            .map(|value| Value::Integer(value.into()))
            .map_err(|_| int::NOT_AN_INTEGER.to_owned()),
        "bool" => bool::parse_bool(text)
            .map(|_| Value::Other)
            .map_err(str::to_owned),
        "f32" | "f64" => float::parse_float::<f64>(text)
            .map(Value::Float)
            .map_err(str::to_owned),
        "Duration" => duration::parse_duration(text)
            .map(Value::Duration)
            .map_err(str::to_owned),
        "ByteSize" => size::parse_byte_size(text)
            .map(Value::Bytes)
            .map_err(str::to_owned),
        _ => Ok(Value::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_defaults_are_parsed_as_the_runtime_parses_them() {
        let table = [
            ("u16", "8080", None),
            ("u16", "70000", Some("out of range 0..=65535")),
            ("u8", "-1", Some("out of range 0..=255")),
            ("i32", "twelve", Some("not an integer")),
            ("bool", "yes", None),
            ("bool", "maybe", Some("not a boolean")),
            ("f64", "0.5", None),
            ("f64", "half", Some("not a number")),
            ("std::time::Duration", "30s", None),
            ("Duration", "30", Some("missing unit")),
            ("envconfig::ByteSize", "512Mi", None),
            ("ByteSize", "1.5", Some("not a whole number of bytes")),
            ("String", "anything", None),
            ("MyType", "anything", None),
        ];
        for (written, text, error) in table {
            let ty: Type = syn::parse_str(written).unwrap();
            let got = check_one(&ty, text, None).err();
            match (got, error) {
                (None, None) => {}
                (Some(got), Some(error)) => assert!(got.contains(error), "{written} {text}: {got}"),
                (got, _) => panic!("{written} {text}: {got:?}"),
            }
        }
    }
}
