//! `Vec<T>`: the value split on a separator, each item parsed as `T`.

use super::{Noun, Parse, ValueError};

/// A `Vec<T>`: the value split on a separator, each item trimmed and parsed.
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
        for (index, item) in raw.split(self.separator).enumerate() {
            let item = item.trim();
            if item.is_empty() {
                return Err(ValueError::new(format!("item {} is empty", index + 1)));
            }
            items.push(
                self.item
                    .parse(item)
                    .map_err(|e| e.context(format_args!("item {}", index + 1)))?,
            );
        }
        Ok(items)
    }
    fn to_env(&self, items: &Vec<P::Value>) -> Option<String> {
        let items: Option<Vec<String>> = items.iter().map(|item| self.item.to_env(item)).collect();
        Some(items?.join(self.separator))
    }
    fn noun(&self) -> Noun {
        Noun::regular(format!(
            "list of {} separated by '{}'",
            self.item.noun().many,
            self.separator
        ))
    }
}
