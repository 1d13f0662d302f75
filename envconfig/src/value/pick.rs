//! How the type left inside a field's wrappers picks its parser: [`Pick`]
//! chooses at compile time between envconfig's own parser ([`EnvValue`]) and
//! the type's `FromStr`.

use std::fmt::Display;
use std::marker::PhantomData;
use std::str::FromStr;

use secrecy::SecretBox;
use zeroize::Zeroize;

use super::{EnvValue, Noun, Parse, ValueError};

/// Chooses the parser of `T`: `(&&Pick::<T>::new()).__parser()` resolves to
/// [`PickBuiltin`] when `T: EnvValue`, else to [`PickFromStr`] when
/// `T: FromStr`, else to [`PickNone`], an error (method resolution tries
/// the receiver with more references first, and a `Deref` target last).
/// The methods are named `__...` because generated code calls them in the
/// user's scope, where a trait of the user's with a method `parser` for
/// every type would otherwise be a candidate too.
#[doc(hidden)]
pub struct Pick<T>(Unpicked<T>);

impl<T> Pick<T> {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        Pick(Unpicked(PhantomData))
    }
}

/// What a [`Pick`] dereferences to: where the last resort is found.
#[doc(hidden)]
pub struct Unpicked<T>(PhantomData<fn() -> T>);

impl<T> std::ops::Deref for Pick<T> {
    type Target = Unpicked<T>;
    fn deref(&self) -> &Unpicked<T> {
        &self.0
    }
}

/// The last resort of a [`Pick`]: a type envconfig cannot parse. The bound
/// on the method, not on the impl, lets method resolution find it for any
/// type, and then fails on the user's type itself, so that the compiler's
/// error names that type and says what to do, with no envconfig type in
/// between.
#[doc(hidden)]
pub trait PickNone<T> {
    fn __parser(&self) -> Unparsable<T>
    where
        T: Parsable;
}

impl<T> PickNone<T> for Unpicked<T> {
    fn __parser(&self) -> Unparsable<T>
    where
        T: Parsable,
    {
        Unparsable(PhantomData)
    }
}

/// The "parser" of a type envconfig cannot parse: only [`PickNone`] makes
/// one, for a type that implements [`Parsable`], which none does.
#[doc(hidden)]
pub struct Unparsable<T>(PhantomData<fn() -> T>);

/// Never implemented: the bound that explains a type envconfig cannot parse.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "envconfig cannot read `{Self}` from an environment variable",
    label = "`{Self}` implements neither `FromStr` nor envconfig's own parsing",
    note = "read it with `#[config(parse_with = path::to::fn)]`, a `fn(&str) -> Result<{Self}, E>`: the way for a type of another crate, which cannot implement `FromStr` in yours",
    note = "for a type of your crate: implement `std::str::FromStr` (with an `Err` that implements `Display`), `#[derive(envconfig::Choice)]` on an enum of words, or `#[derive(Config)]` and `#[config(nested)]` for a struct of variables",
    note = "`Vec<T>`, `Option<T>` and `SecretBox<T>` are known by how the field's type is written, not through a type alias"
)]
pub trait Parsable {}

impl<T> Parse for Unparsable<T> {
    type Value = T;
    fn parse(&self, _: &str) -> Result<T, ValueError> {
        unreachable!("no type implements Parsable")
    }
    fn noun(&self) -> Noun {
        unreachable!("no type implements Parsable")
    }
}

#[doc(hidden)]
pub trait PickBuiltin {
    type Parser;
    fn __parser(&self) -> Self::Parser;
}

impl<T: EnvValue> PickBuiltin for &Pick<T> {
    type Parser = Builtin<T>;
    fn __parser(&self) -> Builtin<T> {
        Builtin(PhantomData)
    }
}

#[doc(hidden)]
pub trait PickFromStr {
    type Parser;
    fn __parser(&self) -> Self::Parser;
}

impl<T> PickFromStr for Pick<T>
where
    T: FromStr,
    T::Err: Display,
{
    type Parser = ViaFromStr<T>;
    fn __parser(&self) -> ViaFromStr<T> {
        ViaFromStr(PhantomData)
    }
}

/// Whether `T` is a `SecretBox`, also inside `Vec` or `Option` (the shapes
/// a secret type has), which a `parse_with` function's type may be through
/// an alias (`type Token = SecretString`, `Vec<Token>`, `type Tokens =
/// Vec<SecretString>`): `(&&Pick::<T>::new()).__secret_type()` resolves to
/// [`PickSecretType`] for those, else to [`PickPlainType`], as [`Pick`]
/// chooses a parser.
#[doc(hidden)]
pub trait PickSecretType {
    fn __secret_type(&self) -> bool;
}

macro_rules! secret_shapes {
    ($($shape:ty),* $(,)?) => {$(
        impl<S: Zeroize + ?Sized> PickSecretType for &Pick<$shape> {
            fn __secret_type(&self) -> bool {
                true
            }
        }
    )*};
}

secret_shapes!(
    SecretBox<S>,
    Vec<SecretBox<S>>,
    Option<SecretBox<S>>,
    Option<Vec<SecretBox<S>>>,
    Vec<Option<SecretBox<S>>>,
);

#[doc(hidden)]
pub trait PickPlainType {
    fn __secret_type(&self) -> bool;
}

impl<T> PickPlainType for Pick<T> {
    fn __secret_type(&self) -> bool {
        false
    }
}

/// The parser of a type envconfig knows.
#[doc(hidden)]
pub struct Builtin<T>(PhantomData<fn() -> T>);

impl<T: EnvValue> Parse for Builtin<T> {
    type Value = T;
    fn parse(&self, raw: &str) -> Result<T, ValueError> {
        T::parse_env(raw)
    }
    fn noun(&self) -> Noun {
        T::noun()
    }
    fn secret(&self) -> bool {
        T::SECRET
    }
    fn to_env(&self, value: &T) -> Option<String> {
        value.to_env()
    }
    fn choices(&self) -> Option<&'static [&'static str]> {
        T::choices()
    }
    fn value_kind(&self) -> super::ValueKind {
        T::value_kind()
    }
}

/// The parser of any other type, through its `FromStr`, on the trimmed value.
#[doc(hidden)]
pub struct ViaFromStr<T>(PhantomData<fn() -> T>);

impl<T> Parse for ViaFromStr<T>
where
    T: FromStr,
    T::Err: Display,
{
    type Value = T;
    fn parse(&self, raw: &str) -> Result<T, ValueError> {
        T::from_str(raw.trim()).map_err(ValueError::from_user_code)
    }
    fn noun(&self) -> Noun {
        Noun::of_type::<T>()
    }
}
