//! Checking a string default (`default = "30s"`) at compile time, for the
//! value types envconfig parses itself: with the runtime's own parsers
//! (`envconfig_core::syntax`), so that a default the derive accepts is one
//! the runtime reads, and the other way round.

use std::time::Duration;

use envconfig_core::syntax::{bool, duration, float, int, size};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;
use syn::{Lit, LitStr, Type};

use crate::Errors;
use crate::attr::DefaultValue;
use crate::range::{Limit, Range};
use crate::ty::{Wrapper, builtin_name, plain_name, wrapped};

/// A string default of a type the derive does not parse itself: the
/// compiler checks it, through a constant of the type that only a `Choice`
/// enum has (see `expand`), as the runtime would parse it.
pub struct ChoiceDefault<'a> {
    /// The type of each value: the field's value type, or its list's item
    /// type, without `SecretBox`.
    pub ty: &'a Type,
    /// The values, trimmed as the runtime trims them: the default, or each
    /// item of a list's.
    pub values: Vec<String>,
    pub list: bool,
    /// The literal, which the compiler's error points at.
    pub span: Span,
}

/// Checks the default of a field whose value type is `ty` (no `Option`),
/// and the string ends of its `range`, for the value types envconfig
/// parses itself. A string default of any other type is returned, for the
/// compiler to check should the type be a `Choice`.
pub fn check_field_default<'a>(
    ty: &'a Type,
    default: Option<&DefaultValue>,
    separator: Option<&LitStr>,
    range: Option<&Range>,
    errors: &Errors,
) -> Option<ChoiceDefault<'a>> {
    if let Some(range) = range {
        check_range_limits(ty, range, errors);
    }
    match default? {
        DefaultValue::Parsed(text) => {
            let separator = separator.map(LitStr::value);
            check_default(ty, text, separator.as_deref(), range, errors)
        }
        DefaultValue::Expr(tokens) => {
            check_default_in_range(ty, tokens, range, errors);
            None
        }
    }
}

/// Checks that a default written as a number literal (`default = 2000`,
/// `-1`, `0x10`, `1_000u32`, `0.5`) lies in the field's `range`; any other
/// expression (`2 * 300`) is left to the runtime, which checks its value
/// when it is used.
fn check_default_in_range(ty: &Type, tokens: &TokenStream, range: Option<&Range>, errors: &Errors) {
    if range.is_none() || builtin_name(ty).is_none() {
        return;
    }
    let Some(text) = number_literal(tokens) else {
        return;
    };
    if let Err(reason) = check_one(ty, &text, range) {
        errors.spanned(
            tokens,
            format_args!("invalid default: {reason}{}", read_as(ty)),
        );
    }
}

/// For a type written `ByteSize` alone, which another crate may have too
/// (`bytesize::ByteSize`), how to have it parsed as that crate's:
/// envconfig's `ByteSize` is what the derive checks a default against.
fn read_as(ty: &Type) -> &'static str {
    match ty {
        Type::Path(path) if path.qself.is_none() && path.path.is_ident("ByteSize") => {
            " (checked as envconfig's `ByteSize`; for another crate's, write its path: \
             `bytesize::ByteSize`)"
        }
        _ => "",
    }
}

/// A number literal, with an optional `-`, in the decimal syntax the
/// runtime's parsers read; `None` for any other expression.
pub(crate) fn number_literal(tokens: &TokenStream) -> Option<String> {
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
/// its ends are literals. Errors are spanned on the literal. What is left
/// to the compiler is returned.
fn check_default<'a>(
    ty: &'a Type,
    text: &LitStr,
    separator: Option<&str>,
    range: Option<&Range>,
    errors: &Errors,
) -> Option<ChoiceDefault<'a>> {
    let value = text.value();
    match wrapped(ty) {
        Some((Wrapper::Vec, item)) => {
            // An empty default is the empty list; a blank one is an empty
            // item, as the runtime's `List` reads it; otherwise the value is
            // trimmed when the separator is whitespace, then split, as the
            // runtime does (`trimmed_for` in envconfig's `value/list.rs`).
            if value.is_empty() {
                return None;
            }
            let item = unwrapped_secret(item);
            let separator = separator.unwrap_or(",");
            let value = match separator.trim() {
                "" => value.trim(),
                _ => value.as_str(),
            };
            let mut items = Vec::new();
            for (index, piece) in value.split(separator).enumerate() {
                let checked = match piece.trim() {
                    "" => Err("it is empty".to_owned()),
                    piece => check_one(item, piece, range),
                };
                if let Err(reason) = checked {
                    errors.spanned(
                        text,
                        format_args!(
                            "invalid default: item {}: {reason}{}",
                            index + 1,
                            read_as(item)
                        ),
                    );
                    return None;
                }
                items.push(piece.trim().to_owned());
            }
            left_to_compiler(item, items, true, text)
        }
        Some((Wrapper::SecretBox, inner)) => check_default(inner, text, separator, range, errors),
        _ => {
            if let Err(reason) = check_one(ty, &value, range) {
                errors.spanned(
                    text,
                    format_args!("invalid default: {reason}{}", read_as(ty)),
                );
                return None;
            }
            left_to_compiler(ty, vec![value.trim().to_owned()], false, text)
        }
    }
}

/// `ty` without the `SecretBox`es around it: what parses a secret list
/// item (`Vec<SecretBox<u32>>`).
fn unwrapped_secret(ty: &Type) -> &Type {
    match wrapped(ty) {
        Some((Wrapper::SecretBox, inner)) => unwrapped_secret(inner),
        _ => ty,
    }
}

/// The values of a default of `ty` for the compiler to check: none for a
/// type the derive parses itself, for a wrapper it refuses, or for text,
/// which no default can fail.
fn left_to_compiler<'a>(
    ty: &'a Type,
    values: Vec<String>,
    list: bool,
    text: &LitStr,
) -> Option<ChoiceDefault<'a>> {
    let plain_text = matches!(
        plain_name(ty).as_deref(),
        Some("String" | "PathBuf" | "OsString")
    );
    if builtin_name(ty).is_some() || wrapped(ty).is_some() || plain_text {
        return None;
    }
    Some(ChoiceDefault {
        ty,
        values,
        list,
        span: text.span(),
    })
}

/// Checks that each string end of `range` (`"1s"..="1h"`) is a value of
/// the field's built-in type (the item type of a `Vec`): the runtime parses
/// it for every value, and one that does not parse refuses them all.
fn check_range_limits(ty: &Type, range: &Range, errors: &Errors) {
    let ty = match wrapped(ty) {
        Some((Wrapper::Vec | Wrapper::SecretBox, inner)) => {
            return check_range_limits(inner, range, errors);
        }
        _ => ty,
    };
    let Some(name) = builtin_name(ty) else {
        return;
    };
    for limit in [&range.min, &range.max] {
        if let Limit::Text(text) = limit
            && let Err(reason) = parse(name, &text.value())
        {
            errors.spanned(
                text,
                format_args!("invalid end of the range: {reason}{}", read_as(ty)),
            );
        }
    }
    // A range that holds no value refuses every value: the program could
    // never start. Only ends the derive can read are compared.
    let (min, max) = (&range.min, &range.max);
    let ends = (limit_value(name, min), limit_value(name, max));
    let is_nan = |end: Option<Value>| matches!(end, Some(Value::Float(float)) if float.is_nan());
    if is_nan(ends.0) || is_nan(ends.1) {
        errors.spanned(
            quote!(#min #max),
            "an end of a `range` cannot be NaN: no value compares with it",
        );
    } else if let (Some(start), Some(end)) = ends
        && start > end
    {
        errors.spanned(
            quote!(#min #max),
            format_args!(
                "the range {} holds no value: its start is above its end",
                range.shown
            ),
        );
    }
}

/// The value of an end of a range of the built-in type `name`, when the
/// derive can read it: a string, or a number literal.
fn limit_value(name: &str, limit: &Limit) -> Option<Value> {
    let value = match limit {
        Limit::Text(text) => parse(name, &text.value()),
        Limit::Value(tokens) => parse(name, &number_literal(tokens)?),
        Limit::Open => return None,
    };
    value.ok().filter(|value| *value != Value::Other)
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
    // Unordered (a NaN) is out of every range, as at runtime.
    let below = limit_value(name, &range.min)
        .is_some_and(|min| value.partial_cmp(&min).is_none_or(|order| order.is_lt()));
    let above = limit_value(name, &range.max)
        .is_some_and(|max| value.partial_cmp(&max).is_none_or(|order| order.is_gt()));
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
        // The target's width is unknown here: as on a 64-bit target.
        "usize" => int::parse_int::<u64>(text)
            .map(|value| Value::Unsigned(value.into()))
            .map_err(|error| match error {
                int::IntError::NotAnInteger => int::NOT_AN_INTEGER.to_owned(),
                int::IntError::OutOfRange => int::out_of_range(u64::MIN, u64::MAX),
            }),
        "isize" => int::parse_int::<i64>(text)
            .map(|value| Value::Integer(value.into()))
            .map_err(|error| match error {
                int::IntError::NotAnInteger => int::NOT_AN_INTEGER.to_owned(),
                int::IntError::OutOfRange => int::out_of_range(i64::MIN, i64::MAX),
            }),
        "bool" => bool::parse_bool(text)
            .map(|_| Value::Other)
            .map_err(str::to_owned),
        // An `f32` rounded as the runtime rounds it; widening to `f64` is
        // exact and keeps the order.
        "f32" => float::parse_float::<f32>(text)
            .map(|value| Value::Float(value.into()))
            .map_err(str::to_owned),
        "f64" => float::parse_float::<f64>(text)
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

    #[test]
    fn a_string_end_of_a_range_is_a_value_of_the_type() {
        let cases = [
            ("Duration", r#""30"..="1h""#, true),
            ("Vec<Duration>", r#""1s"..="1x""#, true),
            ("u16", r#""1"..="70000""#, true),
            ("Duration", r#""1s"..="1h""#, false),
            ("MyType", r#""anything".."#, false),
        ];
        for (ty, written, fails) in cases {
            let errors = Errors::default();
            let range = crate::range::range(&written.parse().unwrap(), &errors).unwrap();
            check_range_limits(&syn::parse_str(ty).unwrap(), &range, &errors);
            assert_eq!(errors.finish().is_some(), fails, "{ty} {written}");
        }
    }

    fn range_of(written: &str) -> Range {
        let errors = Errors::default();
        let range = crate::range::range(&written.parse().unwrap(), &errors).unwrap();
        assert!(errors.finish().is_none());
        range
    }

    /// What the derive says of a string default, as the runtime would.
    fn verdict(
        ty: &str,
        text: &str,
        separator: Option<&str>,
        range: Option<&str>,
    ) -> Option<String> {
        let errors = Errors::default();
        let ty: Type = syn::parse_str(ty).unwrap();
        let lit = LitStr::new(text, proc_macro2::Span::call_site());
        let range = range.map(range_of);
        check_default(&ty, &lit, separator, range.as_ref(), &errors);
        errors.finish().map(|error| error.to_string())
    }

    #[test]
    fn the_items_of_a_list_of_secrets_are_checked() {
        // Runtime: `List::parse("1, x")` of `Secret(u16)` is "item 2".
        let got = verdict("Vec<SecretBox<u16>>", "1, x", None, None).unwrap_or_default();
        assert!(got.contains("item 2: not an integer"), "{got}");
        assert_eq!(verdict("Vec<SecretBox<u16>>", "1, 2", None, None), None);
    }

    #[test]
    fn a_blank_list_default_is_refused_as_the_runtime_refuses_it() {
        // Runtime: `List::parse(" ")` is "item 1 is empty".
        assert!(verdict("Vec<u16>", " ", None, None).is_some());
        assert!(verdict("Vec<u16>", "", None, None).is_none());
    }

    #[test]
    fn a_list_default_is_trimmed_before_it_is_split_as_the_runtime_does() {
        // Runtime: `List::parse(" 1 2 ")` on `" "` is [1, 2].
        assert_eq!(verdict("Vec<u16>", " 1 2 ", Some(" "), None), None);
        assert!(verdict("Vec<u16>", "1  2", Some(" "), None).is_some());
        // Runtime: on `", "`, a trailing separator is an empty item.
        assert!(verdict("Vec<String>", "a, b, ", Some(", "), None).is_some());
        assert_eq!(verdict("Vec<u16>", " 1, 2 ", Some(", "), None), None);
    }

    #[test]
    fn an_f32_default_is_compared_as_an_f32() {
        // Runtime: "16777217" is 16777216.0 as an f32, inside the range.
        assert_eq!(
            verdict("f32", "16777217", None, Some("0.0..=16777216.0")),
            None
        );
        assert!(verdict("f64", "16777217", None, Some("0.0..=16777216.0")).is_some());
    }

    #[test]
    fn a_pointer_sized_default_out_of_range_names_the_range() {
        // Runtime: "out of range 0..=18446744073709551615".
        for (ty, text) in [("usize", "-1"), ("isize", "9223372036854775808")] {
            let got = verdict(ty, text, None, None).unwrap_or_default();
            assert!(got.contains("out of range"), "{ty} {text}: {got}");
        }
    }

    #[test]
    fn nan_is_out_of_a_float_range() {
        assert!(verdict("f64", "NaN", None, Some("0.0..=1.0")).is_some());
    }
}
