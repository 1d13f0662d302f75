//! `#[config(parse_with = path)]`: the user's own function.

use std::fmt::Display;

use super::{Noun, Parse, ValueError};

/// The parser given by `#[config(parse_with = path)]`, on the trimmed value.
/// `secret` is whether its type is a `SecretBox`, however it is spelled
/// (the derive asks [`Pick::secret_type`](super::PickSecretType)).
#[doc(hidden)]
pub struct WithFn<T, E> {
    parse: fn(&str) -> Result<T, E>,
    secret: bool,
}

impl<T, E: Display> WithFn<T, E> {
    pub fn new(parse: fn(&str) -> Result<T, E>, secret: bool) -> Self {
        WithFn { parse, secret }
    }
}

impl<T, E: Display> Parse for WithFn<T, E> {
    type Value = T;
    fn parse(&self, raw: &str) -> Result<T, ValueError> {
        (self.parse)(raw.trim()).map_err(ValueError::from_user_code)
    }
    fn noun(&self) -> Noun {
        Noun::of_type::<T>()
    }
    fn secret(&self) -> bool {
        self.secret
    }
}
