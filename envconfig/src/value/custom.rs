//! `#[config(parse_with = path)]`: the user's own function.

use std::fmt::Display;

use super::{Noun, Parse, ValueError};

/// The parser given by `#[config(parse_with = path)]`, on the trimmed value.
#[doc(hidden)]
pub struct WithFn<T, E>(fn(&str) -> Result<T, E>);

impl<T, E: Display> WithFn<T, E> {
    pub fn new(parse: fn(&str) -> Result<T, E>) -> Self {
        WithFn(parse)
    }
}

impl<T, E: Display> Parse for WithFn<T, E> {
    type Value = T;
    fn parse(&self, raw: &str) -> Result<T, ValueError> {
        (self.0)(raw.trim()).map_err(ValueError::from_user_code)
    }
    fn noun(&self) -> Noun {
        Noun::of_type::<T>()
    }
}
