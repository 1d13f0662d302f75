//! `#[config(range = A..=B)]` and `#[config(validate = path)]`: parsers that
//! check what another parser produced.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt::Display;

use super::{Noun, Parse, ValueError};

/// One end of a `range`: none, a number, another Rust value, or a string
/// parsed like the variable (`"1s"..="1h"`).
#[doc(hidden)]
pub enum Limit<T> {
    Open,
    /// A number, shown as written.
    Value(T),
    /// An expression (`Self::MAX`, `Duration::from_mins(5)`), shown as the
    /// value it makes: an operator reads no Rust.
    Expr(T),
    Text(&'static str),
}

impl<T> Limit<T> {
    /// The value of a number or an expression.
    fn value(&self) -> Option<&T> {
        match self {
            Limit::Value(value) | Limit::Expr(value) => Some(value),
            Limit::Open | Limit::Text(_) => None,
        }
    }
}

/// The bound a `range` needs of a value: an order.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`range` needs a type with an order: `{Self}` has none",
    label = "`{Self}` does not implement `PartialOrd`",
    note = "`range` is for integers, floats, `Duration`, `ByteSize` and other ordered types; \
            to check anything else, use `#[config(validate = path::to::fn)]`"
)]
pub trait Ordered: PartialOrd {}

impl<T: PartialOrd> Ordered for T {}

/// The value of `inner`, which must lie in `min..=max`.
#[doc(hidden)]
pub struct InRange<P: Parse> {
    inner: P,
    min: Limit<P::Value>,
    max: Limit<P::Value>,
    /// The range as written: `1..=65535`, `"1s"..`.
    shown: &'static str,
    /// The value's order, taken where the range is made: the one place
    /// that asks for it, so that a type without one is one error, there.
    order: fn(&P::Value, &P::Value) -> Option<Ordering>,
}

impl<P: Parse> InRange<P>
where
    P::Value: Ordered,
{
    pub fn new(inner: P, min: Limit<P::Value>, max: Limit<P::Value>, shown: &'static str) -> Self {
        InRange {
            inner,
            min,
            max,
            shown,
            order: PartialOrd::partial_cmp,
        }
    }
}

impl<P: Parse> InRange<P> {
    /// The limit's value; a string limit that does not parse is a bug of
    /// the program, reported like an invalid default.
    fn limit(&self, limit: &Limit<P::Value>) -> Result<Option<P::Value>, ValueError> {
        match limit {
            Limit::Open | Limit::Value(_) | Limit::Expr(_) => Ok(None),
            Limit::Text(text) => self.inner.parse(text).map(Some).map_err(|error| {
                ValueError::new(format!(
                    "the range {}'s limit {text:?} is invalid: {}",
                    self.shown,
                    error.reason()
                ))
            }),
        }
    }
}

impl<P: Parse> InRange<P> {
    /// The range as an operator reads it: as written, but for each end
    /// written as an expression, shown as the value it makes when the
    /// parser can write it (`..=5m` for `..=Duration::from_mins(5)`).
    fn shown(&self) -> String {
        let Some((min, max)) = self.shown.split_once("..") else {
            return self.shown.to_owned();
        };
        let (inclusive, max) = match max.strip_prefix('=') {
            Some(max) => ("=", max),
            None => ("", max),
        };
        let end = |limit: &Limit<P::Value>, written: &str| match limit {
            Limit::Expr(value) => self
                .inner
                .to_env(value)
                .unwrap_or_else(|| written.to_owned()),
            _ => written.to_owned(),
        };
        format!(
            "{}..{inclusive}{}",
            end(&self.min, min),
            end(&self.max, max)
        )
    }
}

impl<P: Parse> Parse for InRange<P> {
    type Value = P::Value;

    fn parse(&self, raw: &str) -> Result<P::Value, ValueError> {
        let value = self.inner.parse(raw)?;
        self.check(&value)?;
        Ok(value)
    }

    fn secret(&self) -> bool {
        self.inner.secret()
    }

    fn check(&self, value: &P::Value) -> Result<(), ValueError> {
        self.inner.check(value)?;
        let (min, max) = (self.limit(&self.min)?, self.limit(&self.max)?);
        // Unordered (a NaN) is out of every range: `NaN < min` and
        // `NaN > max` are both false.
        let below = match self.min.value().or(min.as_ref()) {
            Some(min) => (self.order)(value, min).is_none_or(|order| order.is_lt()),
            None => false,
        };
        let above = match self.max.value().or(max.as_ref()) {
            Some(max) => (self.order)(value, max).is_none_or(|order| order.is_gt()),
            None => false,
        };
        if below || above {
            return Err(ValueError::new(format!("out of range {}", self.shown())));
        }
        Ok(())
    }

    fn noun(&self) -> Noun {
        let inner = self.inner.noun();
        // An integer's own range gives way to the narrower one.
        match inner.one.strip_prefix("integer ") {
            Some(_) => Noun::regular(format!("integer {}", self.shown())),
            None => Noun::regular(format!("{} in {}", inner.one, self.shown())),
        }
    }

    fn to_env(&self, value: &P::Value) -> Option<String> {
        self.inner.to_env(value)
    }

    fn value_kind(&self) -> super::ValueKind {
        let inner = self.inner.value_kind();
        let limit = |limit: &Limit<P::Value>, own: Option<String>| match limit {
            Limit::Open => own,
            Limit::Value(value) | Limit::Expr(value) => self.inner.to_env(value),
            Limit::Text(text) => Some((*text).to_owned()),
        };
        let (min, max) = (
            limit(&self.min, inner.min.clone()),
            limit(&self.max, inner.max.clone()),
        );
        inner.between(min, max)
    }
}

/// The bound a `validate` function puts on a field's type: it takes the
/// value or what the value borrows as, so that a `String` field's function
/// can take `&str` (as clippy's `ptr_arg` asks) and a `Vec<T>` field's
/// `&[T]`.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "a `validate` function of a `{Self}` field cannot take `&{Checked}`",
    label = "takes `&{Checked}`",
    note = "it takes `&{Self}`, or a reference to what `{Self}` borrows as (`&str` for a `String`, `&[T]` for a `Vec<T>`)"
)]
pub trait ValidatedAs<Checked: ?Sized>: Borrow<Checked> {}

impl<T: Borrow<Checked>, Checked: ?Sized> ValidatedAs<Checked> for T {}

/// The value of `inner`, accepted by the user's `validate` function.
#[doc(hidden)]
pub struct Validated<P: Parse, Checked: ?Sized, E> {
    inner: P,
    check: fn(&Checked) -> Result<(), E>,
}

impl<P: Parse, Checked: ?Sized, E: Display> Validated<P, Checked, E>
where
    P::Value: ValidatedAs<Checked>,
{
    pub fn new(inner: P, check: fn(&Checked) -> Result<(), E>) -> Self {
        Validated { inner, check }
    }
}

impl<P: Parse, Checked: ?Sized, E: Display> Parse for Validated<P, Checked, E>
where
    P::Value: ValidatedAs<Checked>,
{
    type Value = P::Value;

    fn parse(&self, raw: &str) -> Result<P::Value, ValueError> {
        let value = self.inner.parse(raw)?;
        Parse::check(self, &value)?;
        Ok(value)
    }

    fn secret(&self) -> bool {
        self.inner.secret()
    }

    fn check(&self, value: &P::Value) -> Result<(), ValueError> {
        self.inner.check(value)?;
        (self.check)(value.borrow()).map_err(ValueError::from_validator)
    }

    fn noun(&self) -> Noun {
        self.inner.noun()
    }

    fn to_env(&self, value: &P::Value) -> Option<String> {
        self.inner.to_env(value)
    }

    fn value_kind(&self) -> super::ValueKind {
        self.inner.value_kind()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::value::Pick;
    use crate::value::PickBuiltin as _;

    fn port(
        min: Limit<u16>,
        max: Limit<u16>,
        shown: &'static str,
    ) -> InRange<impl Parse<Value = u16>> {
        InRange::new((&&Pick::<u16>::new()).__parser(), min, max, shown)
    }

    #[test]
    fn values_outside_the_range_are_refused() {
        let ports = port(Limit::Value(1024), Limit::Value(49151), "1024..=49151");
        let table = [
            ("1024", Ok(1024)),
            ("49151", Ok(49151)),
            ("1023", Err("out of range 1024..=49151")),
            ("65535", Err("out of range 1024..=49151")),
            ("x", Err("not an integer")),
        ];
        for (raw, expected) in table {
            let got = ports.parse(raw).map_err(|error| error.reason().to_owned());
            assert_eq!(got, expected.map_err(str::to_owned), "{raw}");
        }
        assert_eq!(ports.noun().one, "integer 1024..=49151");
        let open = port(Limit::Open, Limit::Text("10"), "..=\"10\"");
        assert!(open.parse("11").is_err());
        assert_eq!(open.parse("0").ok(), Some(0));
    }

    #[test]
    fn text_limits_are_parsed_like_the_variable() {
        let timeouts = InRange::new(
            (&&Pick::<Duration>::new()).__parser(),
            Limit::Text("1s"),
            Limit::Text("1h"),
            "\"1s\"..=\"1h\"",
        );
        assert_eq!(timeouts.parse("30s").ok(), Some(Duration::from_secs(30)));
        assert!(timeouts.parse("2h").is_err());
        assert_eq!(timeouts.noun().one, "duration in \"1s\"..=\"1h\"");
    }

    /// NaN is in no range: `NaN < min` and `NaN > max` are both false, so a
    /// check written as `value < min || value > max` lets it through.
    #[test]
    fn nan_is_out_of_every_float_range() {
        let ratio = InRange::new(
            (&&Pick::<f64>::new()).__parser(),
            Limit::Value(0.0),
            Limit::Value(1.0),
            "0.0..=1.0",
        );
        for raw in ["NaN", "nan", "-nan"] {
            let got = ratio.parse(raw).map_err(|e| e.reason().to_owned());
            assert_eq!(got.ok().map(f64::is_nan), None, "{raw} was accepted");
        }
        assert!(
            ratio.check(&f64::NAN).is_err(),
            "a NaN default expression passed"
        );
        let text = InRange::new(
            (&&Pick::<f32>::new()).__parser(),
            Limit::Text("0"),
            Limit::Open,
            "\"0\"..",
        );
        assert!(text.parse("NaN").is_err(), "NaN accepted in \"0\"..");
    }
}
