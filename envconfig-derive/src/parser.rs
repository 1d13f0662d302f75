//! How a field's value is parsed, following the shape of its type as
//! written: `Vec<_>` and `SecretBox<_>` peeled off, the type left inside
//! picking its own parser, `range` and `validate` around them.

use syn::{LitStr, Path, Type};

use crate::Errors;
use crate::range::Range;
use crate::ty::{Wrapper, borrowed, is_str, wrapped};

/// How a value is parsed, following the shape of its type.
pub enum Parser<'a> {
    /// The type's own parser: `EnvValue` or `FromStr`.
    Pick(&'a Type),
    /// `Vec<T>`.
    List {
        separator: String,
        item: Box<Parser<'a>>,
    },
    /// `SecretBox<T>`.
    Secret(Box<Parser<'a>>),
    /// `parse_with = path`.
    With(Path),
    /// `range = A..=B`, around the parser of the value it bounds.
    Ranged {
        inner: Box<Parser<'a>>,
        range: Range,
    },
    /// `validate = path`, around the field's whole parser.
    Validated { inner: Box<Parser<'a>>, check: Path },
}

/// What a type is inside of, for the messages about what it cannot be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// The field's type itself; `true` inside the field's `Option`.
    Field(bool),
    /// The item type of a `Vec`.
    List,
}

/// The parser of `ty`, peeling `Vec<_>` and `SecretBox<_>` by syntax.
pub fn parser<'a>(
    ty: &'a Type,
    separator: Option<&LitStr>,
    within: Within,
    errors: &Errors,
) -> Parser<'a> {
    if let Some(owned) = borrowed(ty) {
        errors.spanned(
            ty,
            format_args!(
                "a config field cannot borrow: its value is read at run time, \
                 into a value the struct owns; write `{owned}`"
            ),
        );
        return Parser::Pick(ty);
    }
    match wrapped(ty) {
        Some((Wrapper::Option, _)) if within == Within::Field(true) => {
            errors.spanned(
                ty,
                "nested `Option` is not supported: an unset variable is already `None`; \
                 write `Option<T>`",
            );
            Parser::Pick(ty)
        }
        Some((Wrapper::Option, _)) => {
            errors.spanned(
                ty,
                "`Option` can only be the outermost type of a field: \
                 `Option<Vec<T>>`, not `Vec<Option<T>>`",
            );
            Parser::Pick(ty)
        }
        Some((Wrapper::Vec, _)) if within == Within::List => {
            errors.spanned(
                ty,
                "a list of lists cannot be read from one variable; use `parse_with`",
            );
            Parser::Pick(ty)
        }
        Some((Wrapper::Vec, item)) => {
            let separator = match separator {
                Some(separator) if separator.value().is_empty() => {
                    errors.spanned(separator, "the separator cannot be empty");
                    String::from(",")
                }
                Some(separator) => separator.value(),
                None => String::from(","),
            };
            Parser::List {
                separator,
                item: Box::new(parser(item, None, Within::List, errors)),
            }
        }
        // `SecretString` is `SecretBox<str>`: one value, not a wrapper.
        Some((Wrapper::SecretBox, inner)) if !is_str(inner) => {
            Parser::Secret(Box::new(parser(inner, separator, within, errors)))
        }
        _ => Parser::Pick(ty),
    }
}

impl<'a> Parser<'a> {
    /// The parser with `range` around the parser of each value: inside a
    /// list and a `SecretBox`.
    pub fn bound_by(self, range: Range) -> Parser<'a> {
        match self {
            Parser::List { separator, item } => Parser::List {
                separator,
                item: Box::new(item.bound_by(range)),
            },
            Parser::Secret(inner) => Parser::Secret(Box::new(inner.bound_by(range))),
            leaf => Parser::Ranged {
                inner: Box::new(leaf),
                range,
            },
        }
    }

    pub fn has_list(&self) -> bool {
        match self {
            Parser::List { .. } => true,
            Parser::Secret(inner)
            | Parser::Ranged { inner, .. }
            | Parser::Validated { inner, .. } => inner.has_list(),
            Parser::Pick(_) | Parser::With(_) => false,
        }
    }
}
