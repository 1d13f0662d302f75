//! A parser behind a pointer. The loader and the docs run every field's
//! parser as an [`Erased`], whose value is `()`, so that their code is
//! compiled once rather than once per field type (cargo bloat counted nine
//! copies of `Loader::required`, 6 KiB each, in a 40-field program); the
//! value itself goes to a [`Slot`], the only code left per type.
//!
//! The loader's view ([`Slot::erased`]) and the docs' ([`Slot::described`])
//! are two `dyn` types: a program that loads and never builds the docs
//! links no code per field type for what only the docs ask (the type as
//! data, the choices). Neither calls the parser's `to_env`: a default
//! expression's text comes from the function the derive writes for its
//! field ([`DefaultExpr`](crate::field::DefaultExpr)).

use std::cell::Cell;

use super::{Noun, Parse, ValueError, ValueKind};
use crate::field::MaybeDefault;

/// A parser, the field's `default = <expr>` if it has one, and the value
/// parsed or defaulted last, for the caller to take.
pub(crate) struct Slot<'p, P: Parse, D> {
    parser: &'p P,
    default_expr: D,
    value: Cell<Option<P::Value>>,
}

impl<'p, P: Parse, D: MaybeDefault<P::Value>> Slot<'p, P, D> {
    pub(crate) fn new(parser: &'p P, default_expr: D) -> Self {
        Slot {
            parser,
            default_expr,
            value: Cell::new(None),
        }
    }

    /// The parser, with its values going to this slot: what the loader
    /// runs.
    pub(crate) fn erased(&self) -> Erased<'_> {
        Erased(self)
    }

    /// [`Slot::erased`], and what the docs also ask of a parser.
    pub(crate) fn described(&self) -> Described<'_> {
        Described(self)
    }

    /// What an erased caller passes for the default expression: whether
    /// there is one. The erased parser's `to_env` calls the real one.
    pub(crate) fn erased_default(&self) -> Option<fn()> {
        self.default_expr.expr().map(|_| (|| ()) as fn())
    }

    /// The value parsed or defaulted last, if any.
    pub(crate) fn take(&self) -> Option<P::Value> {
        self.value.take()
    }
}

/// [`Parse`] without the type of the value: what the loader asks.
trait ParseIntoSlot {
    fn parse_into_slot(&self, raw: &str) -> Result<(), ValueError>;
    /// The default expression's value as an environment value, as its
    /// field's `shown` writes it; the value is kept in the slot, so that
    /// the expression is called once.
    fn default_to_env(&self) -> Option<String>;
    /// Checks the default expression's value (see [`Parse::check`]),
    /// kept in the slot as for [`default_to_env`](Self::default_to_env).
    fn check_default(&self) -> Result<(), ValueError>;
    fn noun(&self) -> Noun;
}

/// What the docs also ask.
trait DescribeSlot: ParseIntoSlot {
    fn secret(&self) -> bool;
    fn choices(&self) -> Option<&'static [&'static str]>;
    fn value_kind(&self) -> ValueKind;
}

impl<P: Parse, D: MaybeDefault<P::Value>> ParseIntoSlot for Slot<'_, P, D> {
    fn parse_into_slot(&self, raw: &str) -> Result<(), ValueError> {
        self.value.set(Some(self.parser.parse(raw)?));
        Ok(())
    }

    fn default_to_env(&self) -> Option<String> {
        let default = self.default_expr.expr()?;
        let value = self.value.take().unwrap_or_else(default.value);
        let text = (default.shown)(&value);
        self.value.set(Some(value));
        text
    }

    fn check_default(&self) -> Result<(), ValueError> {
        let Some(default) = self.default_expr.expr() else {
            return Ok(());
        };
        let value = self.value.take().unwrap_or_else(default.value);
        let checked = self.parser.check(&value);
        self.value.set(Some(value));
        checked
    }

    fn noun(&self) -> Noun {
        self.parser.noun()
    }
}

impl<P: Parse, D: MaybeDefault<P::Value>> DescribeSlot for Slot<'_, P, D> {
    fn secret(&self) -> bool {
        self.parser.secret()
    }

    fn choices(&self) -> Option<&'static [&'static str]> {
        self.parser.choices()
    }

    fn value_kind(&self) -> ValueKind {
        self.parser.value_kind()
    }
}

/// A parser whose values go to a [`Slot`], as the loader runs it: its
/// [`Parse::choices`] and [`Parse::value_kind`] are not the field's (the
/// docs use [`Described`]).
pub(crate) struct Erased<'s>(&'s dyn ParseIntoSlot);

impl Parse for Erased<'_> {
    type Value = ();

    fn parse(&self, raw: &str) -> Result<(), ValueError> {
        self.0.parse_into_slot(raw)
    }

    fn noun(&self) -> Noun {
        self.0.noun()
    }

    /// The default expression's value (see [`Slot::erased_default`]): the
    /// erased caller holds only `()`, and asks for a default's text only.
    fn to_env(&self, (): &()) -> Option<String> {
        self.0.default_to_env()
    }

    /// Checks the default expression's value, as [`to_env`](Self::to_env)
    /// writes it.
    fn check(&self, (): &()) -> Result<(), ValueError> {
        self.0.check_default()
    }
}

/// A parser whose values go to a [`Slot`], as the docs run it.
pub(crate) struct Described<'s>(&'s dyn DescribeSlot);

impl<'s> Described<'s> {
    /// The loader's view of the same slot, which the docs' extends.
    fn erased(&self) -> Erased<'s> {
        Erased(self.0)
    }
}

impl Parse for Described<'_> {
    type Value = ();

    fn parse(&self, raw: &str) -> Result<(), ValueError> {
        self.erased().parse(raw)
    }

    fn noun(&self) -> Noun {
        self.erased().noun()
    }

    /// As [`Erased`]'s.
    fn to_env(&self, value: &()) -> Option<String> {
        self.erased().to_env(value)
    }

    fn secret(&self) -> bool {
        self.0.secret()
    }

    fn choices(&self) -> Option<&'static [&'static str]> {
        self.0.choices()
    }

    fn value_kind(&self) -> ValueKind {
        self.0.value_kind()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::{DefaultExpr, NoDefault};
    use crate::value::{List, Pick, PickBuiltin as _};

    #[test]
    fn the_value_goes_to_the_slot_and_the_rest_is_the_parser_s() {
        let parser = List::new(",", (&&Pick::<u8>::new()).__parser());
        let slot = Slot::new(&parser, NoDefault);
        let erased = slot.erased();
        assert_eq!(erased.noun(), parser.noun());
        let described = slot.described();
        assert_eq!(described.noun(), parser.noun());
        assert_eq!(described.value_kind(), parser.value_kind());
        assert_eq!(described.choices(), parser.choices());
        assert_eq!(erased.parse("1, 2"), Ok(()));
        assert_eq!(erased.parse("3"), Ok(()));
        // Without a default expression there is no default to write.
        assert_eq!(erased.to_env(&()), None);
        assert_eq!(slot.take(), Some(vec![3]));
        assert_eq!(slot.take(), None);
        assert!(erased.parse("1, x").is_err());
        assert_eq!(slot.take(), None);
    }

    #[test]
    fn the_default_expression_is_called_once_and_kept() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static CALLS: AtomicUsize = AtomicUsize::new(0);
        let parser = (&&Pick::<u16>::new()).__parser();
        let default = DefaultExpr::new(
            || {
                CALLS.fetch_add(1, Ordering::Relaxed);
                80
            },
            |value| (&&Pick::<u16>::new()).__parser().to_env(value),
        );
        let slot = Slot::new(&parser, default);
        assert!(slot.erased_default().is_some());
        assert_eq!(slot.erased().to_env(&()), Some("80".to_owned()));
        assert_eq!(slot.described().to_env(&()), Some("80".to_owned()));
        assert_eq!(slot.take(), Some(80));
        assert_eq!(CALLS.load(Ordering::Relaxed), 1);
        assert!(Slot::new(&parser, NoDefault).erased_default().is_none());
    }
}
