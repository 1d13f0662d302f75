//! `Vec<T>`: the value split on a separator, each item parsed as `T`.

use super::{Noun, Parse, ValueError};

/// A `Vec<T>`: the value split on a separator, each item trimmed and
/// parsed. When the separator is whitespace, the value is trimmed first, so
/// that whitespace around it is no empty item at either end (`" a b "` on
/// `" "`, `"80\n443\n"` on `"\n"`); see `trimmed_for`.
/// The empty string is the empty list: only a default can be empty
/// (`default = ""`), since a variable set to nothing counts as unset. An
/// empty item (`a,,b`, or `" "`) is an error.
#[doc(hidden)]
pub struct List<P> {
    separator: &'static str,
    item: P,
}

impl<P> List<P> {
    pub fn new(separator: &'static str, item: P) -> Self {
        List { separator, item }
    }
}

impl<P: Parse> Parse for List<P> {
    type Value = Vec<P::Value>;
    fn parse(&self, raw: &str) -> Result<Vec<P::Value>, ValueError> {
        let mut items = Vec::new();
        for_each_item(raw, self.separator, &mut |item| {
            items.push(self.item.parse(item)?);
            Ok(())
        })?;
        Ok(items)
    }
    fn secret(&self) -> bool {
        self.item.secret()
    }
    fn check(&self, items: &Vec<P::Value>) -> Result<(), ValueError> {
        for (index, item) in items.iter().enumerate() {
            self.item
                .check(item)
                .map_err(|e| e.context(format_args!("item {}", index + 1)))?;
        }
        Ok(())
    }
    fn to_env(&self, items: &Vec<P::Value>) -> Option<String> {
        let items: Vec<String> = items
            .iter()
            .map(|item| self.item.to_env(item))
            .collect::<Option<_>>()?;
        let text = items.join(self.separator);
        // Only text that splits back into the same items: an item with the
        // separator in it, with surrounding whitespace, or empty would not.
        let pieces = text.split(self.separator).map(str::trim);
        let splits_back = items.is_empty() || pieces.eq(items.iter().map(String::as_str));
        let nonempty = items.iter().all(|item| !item.is_empty());
        (splits_back && nonempty).then_some(text)
    }
    fn value_kind(&self) -> super::ValueKind {
        super::ValueKind {
            separator: Some(self.separator.to_owned()),
            item: Some(Box::new(super::ValueKind {
                item_text: Some(self.item.noun().one.into_owned()),
                ..self.item.value_kind()
            })),
            ..super::ValueKind::of(super::Kind::List)
        }
    }
    fn noun(&self) -> Noun {
        Noun::regular(format!(
            "list of {} separated by '{}'",
            self.item.noun().many,
            self.separator
        ))
    }
}

/// Calls `each` with every item of `raw`, trimmed, in order; an empty item
/// or an item `each` rejects is the error, numbered. Not generic, so that
/// this code is compiled once, not once per item type.
fn for_each_item(
    raw: &str,
    separator: &str,
    each: &mut dyn FnMut(&str) -> Result<(), ValueError>,
) -> Result<(), ValueError> {
    if raw.is_empty() {
        return Ok(());
    }
    // Blank is one empty item, not the empty list: `" "` is an error.
    if raw.trim().is_empty() {
        return Err(ValueError::new("item 1 is empty"));
    }
    for (index, item) in trimmed_for(raw, separator).split(separator).enumerate() {
        let item = item.trim();
        if item.is_empty() {
            return Err(ValueError::new(format!("item {} is empty", index + 1)));
        }
        each(item).map_err(|e| e.context(format_args!("item {}", index + 1)))?;
    }
    Ok(())
}

/// `raw` as it is split on `separator`: trimmed when the separator is
/// whitespace, so that whitespace around the value is no empty item at
/// either end. A separator with more than whitespace (`", "`) is split on
/// as written, since each item is trimmed anyway: trimming first would
/// turn a trailing `, ` into part of the last item (`"b,"`) instead of an
/// empty item. The derive's check of a string default splits the same way.
fn trimmed_for<'r>(raw: &'r str, separator: &str) -> &'r str {
    if separator.trim().is_empty() {
        raw.trim()
    } else {
        raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::pick::{Pick, PickBuiltin as _};

    #[test]
    fn items_are_split_and_trimmed_and_nothing_is_the_empty_list() {
        let list = List::new(",", (&&Pick::<u16>::new()).__parser());
        let cases: &[(&str, Result<&[u16], &str>)] = &[
            ("", Ok(&[])),
            ("80", Ok(&[80])),
            ("80,443", Ok(&[80, 443])),
            (" 80 ,\t443 ", Ok(&[80, 443])),
            ("80,443\n", Ok(&[80, 443])),
            (" ", Err("item 1 is empty")),
            ("80,,443", Err("item 2 is empty")),
            ("80,", Err("item 2 is empty")),
            ("80,x", Err("item 2: ")),
        ];
        for (raw, expected) in cases {
            match (list.parse(raw), expected) {
                (Ok(items), Ok(expected)) => assert_eq!(items, *expected, "{raw:?}"),
                (Err(error), Err(reason)) => {
                    assert!(
                        error.reason().starts_with(reason),
                        "{raw:?}: {}",
                        error.reason()
                    );
                }
                (got, _) => panic!("{raw:?}: {:?}", got.map_err(|e| e.reason().to_owned())),
            }
        }
    }

    /// Trimming the value first is for a separator that is whitespace: a
    /// separator that holds whitespace with more (`", "`) still makes a
    /// trailing one an empty item, not part of the last item (`"b,"`).
    #[test]
    fn a_trailing_separator_is_an_empty_item_whatever_whitespace_it_holds() {
        type Case = (
            &'static str,
            &'static str,
            Result<&'static [&'static str], &'static str>,
        );
        let cases: &[Case] = &[
            (" ", " a b ", Ok(&["a", "b"])),
            ("\n", "80\n443\n", Ok(&["80", "443"])),
            (", ", "a, b", Ok(&["a", "b"])),
            (", ", " a, b ", Ok(&["a", "b"])),
            (", ", "a, b, ", Err("item 3 is empty")),
            (" ,", " ,a ,b", Err("item 1 is empty")),
        ];
        for &(separator, raw, expected) in cases {
            let list = List::new(separator, (&&Pick::<String>::new()).__parser());
            let got = list.parse(raw).map_err(|e| e.reason().to_owned());
            let expected = expected
                .map(|items| {
                    items
                        .iter()
                        .map(|&item| item.to_owned())
                        .collect::<Vec<_>>()
                })
                .map_err(str::to_owned);
            assert_eq!(got, expected, "{raw:?} on {separator:?}");
        }
    }

    /// `to_env` promises text that parses back to the same value: the docs
    /// show a `Vec` default expression with it (and `dotenv`/`k8s` emit it).
    #[test]
    fn to_env_parses_back_or_is_none() {
        let list = List::new(",", (&&Pick::<String>::new()).__parser());
        let values: [Vec<String>; 4] = [
            vec!["a,b".into()],
            vec![" padded ".into()],
            vec!["".into()],
            vec!["x".into(), "".into()],
        ];
        for value in values {
            if let Some(text) = list.to_env(&value) {
                let back = list.parse(&text).map_err(|e| e.reason().to_owned());
                assert_eq!(back, Ok(value.clone()), "{value:?} written as {text:?}");
            }
        }
    }
}
