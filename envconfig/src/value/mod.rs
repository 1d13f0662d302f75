//! Parsers from an environment value to a Rust value, one file per family.
//!
//! Every parser receives the raw value (never empty: an empty value counts as
//! unset before any parser runs) and trims surrounding whitespace itself unless
//! it parses a string type. Parsers never panic, and their error reasons never
//! quote the input: the caller decides whether the value may be shown, since it
//! may be a secret.

use std::borrow::Cow;
use std::fmt;

mod bool;
mod choice;
mod custom;
mod duration;
mod erased;
mod float;
mod int;
mod list;
mod pick;
mod range;
mod secret;
mod size;
mod text;

#[cfg(test)]
mod proptests;

pub(crate) use choice::decode as decode_utf8;
pub use choice::{Choice, ChoiceError, Choices, choice_from_str};
pub use custom::WithFn;
pub(crate) use erased::{Erased, Slot};
pub use list::List;
pub use pick::{Pick, PickBuiltin, PickFromStr, PickNone, PickPlainType, PickSecretType};
pub use range::{InRange, Limit, Ordered, Validated, ValidatedAs};
pub use secret::Secret;
pub use size::{ByteSize, ParseByteSizeError};

/// A type envconfig parses itself, with its own syntax and description.
///
/// Generated code prefers this over `FromStr` (see [`Pick`]).
#[doc(hidden)]
pub trait EnvValue: Sized {
    /// Parses a raw, non-empty environment value.
    fn parse_env(raw: &str) -> Result<Self, ValueError>;

    /// What this type is called in docs and errors.
    fn noun() -> Noun;

    /// Whether a value of this type is secret (`SecretString`).
    const SECRET: bool = false;

    /// The value written the way [`parse_env`](Self::parse_env) reads it,
    /// so that parsing the text gives the value back: how the docs show a
    /// default written as a Rust expression. `None` when it cannot be
    /// shown (a secret).
    fn to_env(&self) -> Option<String>;

    /// For a [`Choice`] enum, the canonical spelling of every choice, for
    /// the docs to give as data.
    fn choices() -> Option<&'static [&'static str]> {
        None
    }

    /// The type as data, for the `json` docs.
    fn value_kind() -> ValueKind {
        ValueKind::of(Kind::Other)
    }
}

/// A variable's type as data, for tools: the `type` of the `json` docs
/// format, and [`VarDoc::kind`](crate::VarDoc::kind).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ValueKind {
    /// What kind of value it is.
    pub kind: Kind,
    /// The least value accepted, written as an environment value: the
    /// type's (`0` for a `u16`) or the field's `range`.
    pub min: Option<String>,
    /// The greatest value accepted, written as an environment value.
    pub max: Option<String>,
    /// For a [`Kind::Choice`], the canonical spelling of every choice.
    pub choices: Vec<String>,
    /// For a [`Kind::List`], what separates its items.
    pub separator: Option<String>,
    /// For a [`Kind::List`], the type of its items.
    pub item: Option<Box<ValueKind>>,
    /// An item's type in words (`integer 1..`), which the `json` docs give
    /// as its `text`; a variable's own is [`VarDoc::value_type`](crate::VarDoc::value_type).
    pub(crate) item_text: Option<String>,
}

/// What kind of value a variable holds.
///
/// Displayed as its name in the `json` docs, [`as_str`](Self::as_str).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// `true/false`, `1/0`, `yes/no`, `on/off`.
    Boolean,
    /// An integer.
    Integer,
    /// A floating-point number.
    Float,
    /// A duration (`30s`, `1h30m`).
    Duration,
    /// A number of bytes (`512Mi`).
    ByteSize,
    /// Text, taken verbatim (`string` in the `json` docs).
    Text,
    /// A path, taken verbatim.
    Path,
    /// One of a [`Choice`] enum's spellings.
    Choice,
    /// A list of items, split on a separator.
    List,
    /// Anything else: a type's `FromStr`, or a `parse_with` function.
    Other,
}

impl Kind {
    /// Its name in the `json` docs: `boolean`, `byte_size`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Boolean => "boolean",
            Kind::Integer => "integer",
            Kind::Float => "float",
            Kind::Duration => "duration",
            Kind::ByteSize => "byte_size",
            Kind::Text => "string",
            Kind::Path => "path",
            Kind::Choice => "choice",
            Kind::List => "list",
            Kind::Other => "other",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl ValueKind {
    /// A kind with nothing more to say.
    pub fn of(kind: Kind) -> ValueKind {
        ValueKind {
            kind,
            min: None,
            max: None,
            choices: Vec::new(),
            separator: None,
            item: None,
            item_text: None,
        }
    }

    /// The same kind between `min` and `max`.
    pub(crate) fn between(self, min: Option<String>, max: Option<String>) -> ValueKind {
        ValueKind { min, max, ..self }
    }
}

/// A parser of one field's value.
#[doc(hidden)]
pub trait Parse {
    /// What the parser produces.
    type Value;

    /// Parses a raw, non-empty value.
    fn parse(&self, raw: &str) -> Result<Self::Value, ValueError>;

    /// What the value is called in docs and errors.
    fn noun(&self) -> Noun;

    /// Whether the value is secret by its type, however the field's type
    /// is written: `type DbUrl = SecretString` is secret too, which the
    /// derive cannot see.
    fn secret(&self) -> bool {
        false
    }

    /// Checks a value that was not parsed (a default written as a Rust
    /// expression) as [`parse`](Self::parse) checks one it parses: its
    /// `range` and its `validate`. A value of the type has no syntax left
    /// to check.
    fn check(&self, value: &Self::Value) -> Result<(), ValueError> {
        let _ = value;
        Ok(())
    }

    /// `value` written as an environment value that parses back to it, if
    /// this parser knows how (see [`EnvValue::to_env`]).
    fn to_env(&self, value: &Self::Value) -> Option<String> {
        let _ = value;
        None
    }

    /// When the value is one of a [`Choice`] enum's (not a list of them),
    /// the canonical spelling of every choice.
    fn choices(&self) -> Option<&'static [&'static str]> {
        None
    }

    /// The value's type as data, for the `json` docs.
    fn value_kind(&self) -> ValueKind {
        ValueKind::of(Kind::Other)
    }
}

/// How a value type is named for a person: `integer 0..=65535`, and the plural
/// used when it is the item of a list: `integers 0..=65535`.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Noun {
    pub one: Cow<'static, str>,
    pub many: Cow<'static, str>,
}

impl Noun {
    /// A noun whose plural adds an `s` to its first word: `integer 0..=255`
    /// becomes `integers 0..=255`.
    pub fn regular(one: impl Into<Cow<'static, str>>) -> Noun {
        Noun::regular_cow(one.into())
    }

    // Not generic: one copy for every caller of `regular`.
    fn regular_cow(one: Cow<'static, str>) -> Noun {
        let many = match one.find(' ') {
            Some(space) => format!("{}s{}", &one[..space], &one[space..]),
            None => format!("{one}s"),
        };
        Noun {
            one,
            many: many.into(),
        }
    }

    /// The noun of a type known only by its Rust name (a `FromStr` type, a
    /// `parse_with` target): words for the standard library's common ones,
    /// else its last path segment, generics dropped.
    pub fn of_type<T: ?Sized>() -> Noun {
        let full = std::any::type_name::<T>();
        let without_generics = full.split('<').next().unwrap_or(full);
        let short = without_generics
            .rsplit("::")
            .next()
            .unwrap_or(without_generics);
        // Operators read the docs, not the code: say what `IpAddr` is.
        let from_std = full == "char"
            || ["core::", "alloc::", "std::"]
                .iter()
                .any(|krate| full.starts_with(krate));
        let words = match short {
            "IpAddr" => Some(("IP address", "IP addresses")),
            "Ipv4Addr" => Some(("IPv4 address", "IPv4 addresses")),
            "Ipv6Addr" => Some(("IPv6 address", "IPv6 addresses")),
            "SocketAddr" => Some(("socket address (IP:port)", "socket addresses (IP:port)")),
            "SocketAddrV4" => Some((
                "IPv4 socket address (IP:port)",
                "IPv4 socket addresses (IP:port)",
            )),
            "SocketAddrV6" => Some((
                "IPv6 socket address ([IP]:port)",
                "IPv6 socket addresses ([IP]:port)",
            )),
            "char" => Some(("character", "characters")),
            "NonZero" => Some(("non-zero integer", "non-zero integers")),
            _ => None,
        };
        if let (true, Some((one, many))) = (from_std, words) {
            return Noun {
                one: Cow::Borrowed(one),
                many: Cow::Borrowed(many),
            };
        }
        Noun {
            one: Cow::Owned(short.to_owned()),
            many: Cow::Owned(format!("{short} values")),
        }
    }
}

/// Why a value was rejected.
///
/// A reason written by envconfig never contains the input; a reason from user
/// code (`FromStr`, `parse_with`, `validate`) may, and a "did you mean" tells
/// what the input nearly is, so those are withheld for secrets.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    reason: Cow<'static, str>,
    /// Who wrote the reason: whether it is withheld for a secret, and what
    /// is said instead.
    by: ReasonBy,
}

/// Who wrote why a value was rejected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum ReasonBy {
    /// envconfig, in words that never quote the value.
    #[default]
    Envconfig,
    /// The field's parser (`FromStr`, `parse_with`), or envconfig with a
    /// hint of what the value nearly is: withheld for a secret.
    Parser,
    /// The field's `validate` function: withheld for a secret.
    Validator,
}

impl ValueError {
    /// A reason written by envconfig; it must not quote the input.
    pub fn new(reason: impl Into<Cow<'static, str>>) -> ValueError {
        ValueError {
            reason: reason.into(),
            by: ReasonBy::Envconfig,
        }
    }

    /// A reason produced by user code, which may quote the input.
    pub fn from_user_code(reason: impl fmt::Display) -> ValueError {
        ValueError {
            reason: Cow::Owned(reason.to_string()),
            by: ReasonBy::Parser,
        }
    }

    /// A reason produced by the field's `validate` function, which may
    /// quote the input.
    pub(crate) fn from_validator(reason: impl fmt::Display) -> ValueError {
        ValueError {
            reason: Cow::Owned(reason.to_string()),
            by: ReasonBy::Validator,
        }
    }

    /// A reason written by envconfig that hints at the input (a "did you
    /// mean"): withheld for a secret, like a reason from user code.
    pub(crate) fn hinting(reason: String) -> ValueError {
        ValueError {
            reason: Cow::Owned(reason),
            by: ReasonBy::Parser,
        }
    }

    pub(crate) fn reason(&self) -> &str {
        &self.reason
    }

    /// Whether the reason is withheld for a secret.
    #[cfg(test)]
    pub(crate) fn is_from_user_code(&self) -> bool {
        self.by != ReasonBy::Envconfig
    }

    /// Who wrote the reason.
    pub(crate) fn by(&self) -> ReasonBy {
        self.by
    }

    /// Prefixes the reason with where in the value it happened (`item 3: ...`).
    pub(crate) fn context(self, context: fmt::Arguments<'_>) -> ValueError {
        ValueError {
            reason: Cow::Owned(format!("{context}: {}", self.reason)),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Noun;

    #[test]
    fn standard_types_are_named_in_words_and_others_by_their_name() {
        struct Level;
        let one = |noun: Noun| noun.one.into_owned();
        assert_eq!(one(Noun::of_type::<std::net::IpAddr>()), "IP address");
        assert_eq!(
            Noun::of_type::<std::net::SocketAddr>().many,
            "socket addresses (IP:port)"
        );
        assert_eq!(one(Noun::of_type::<char>()), "character");
        assert_eq!(
            one(Noun::of_type::<std::num::NonZeroU32>()),
            "non-zero integer"
        );
        assert_eq!(one(Noun::of_type::<Level>()), "Level");
        assert_eq!(Noun::of_type::<Level>().many, "Level values");
    }

    #[test]
    fn a_kind_is_displayed_as_its_json_name() {
        use super::Kind;
        assert_eq!(Kind::ByteSize.to_string(), "byte_size");
        assert_eq!(Kind::Text.to_string(), Kind::Text.as_str());
        assert_eq!(format!("[{:>8}]", Kind::Float), "[   float]");
    }
}
