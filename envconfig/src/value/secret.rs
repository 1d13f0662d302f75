//! `SecretBox<T>`: parsed as `T`, and boxed so that it is wiped on drop.

use secrecy::{ExposeSecret, SecretBox};
use zeroize::Zeroize;

use super::{Noun, Parse, ValueError};

/// A `SecretBox<T>`: parsed as `T`, always secret.
#[doc(hidden)]
pub struct Secret<P>(P);

impl<P> Secret<P> {
    pub fn new(inner: P) -> Self {
        Secret(inner)
    }
}

impl<P> Parse for Secret<P>
where
    P: Parse,
    P::Value: Zeroize,
{
    type Value = SecretBox<P::Value>;
    fn parse(&self, raw: &str) -> Result<Self::Value, ValueError> {
        self.0
            .parse(raw)
            .map(|value| SecretBox::new(Box::new(value)))
    }
    fn check(&self, value: &Self::Value) -> Result<(), ValueError> {
        self.0.check(value.expose_secret())
    }
    fn noun(&self) -> Noun {
        self.0.noun()
    }
    fn secret(&self) -> bool {
        true
    }
    fn value_kind(&self) -> super::ValueKind {
        self.0.value_kind()
    }
    fn choices(&self) -> Option<&'static [&'static str]> {
        self.0.choices()
    }
}
