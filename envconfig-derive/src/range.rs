//! `#[config(range = A..=B)]`, also `A..` and `..=B`: each end a Rust value
//! of the field's type, or a string parsed like the variable (`"1s"..="1h"`).

use proc_macro2::{Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::LitStr;

use crate::Errors;
use crate::expr_text::expr_text;

/// A range as written, read into its ends.
pub struct Range {
    pub min: Limit,
    pub max: Limit,
    /// How the docs and problems show it: `1..=65535`, `1s..`.
    pub shown: String,
    /// Where the range starts, for the compiler's errors about it.
    pub span: Span,
}

/// One end of a range.
pub enum Limit {
    Open,
    /// A Rust expression of the field's type.
    Value(TokenStream),
    /// A string literal, parsed like the variable.
    Text(LitStr),
}

impl Limit {
    fn shown(&self) -> String {
        match self {
            Limit::Open => String::new(),
            Limit::Value(tokens) => expr_text(tokens),
            Limit::Text(text) => text.value(),
        }
    }
}

/// The range of `tokens`; `None`, with an error, when it is not one.
pub fn range(tokens: &TokenStream, errors: &Errors) -> Option<Range> {
    const USAGE: &str = "write `range = A..=B`, `range = A..` or `range = ..=B`";
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let span = tokens
        .clone()
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |tree| tree.span());
    // The `..` that splits the range: two joint dots outside any group.
    let mut all_dots = (0..trees.len().saturating_sub(1)).filter(|&at| {
        matches!((&trees[at], &trees[at + 1]),
            (TokenTree::Punct(a), TokenTree::Punct(b))
                if a.as_char() == '.' && a.spacing() == Spacing::Joint && b.as_char() == '.')
    });
    let Some(dots) = all_dots.next() else {
        errors.spanned(tokens, format_args!("`range` takes a range: {USAGE}"));
        return None;
    };
    // `1..=5..=9` would reach the compiler as an end that is a range.
    if all_dots.next().is_some() {
        errors.spanned(tokens, format_args!("`range` takes one range: {USAGE}"));
        return None;
    }
    let inclusive =
        matches!(trees.get(dots + 2), Some(TokenTree::Punct(eq)) if eq.as_char() == '=');
    let after = dots + 2 + usize::from(inclusive);
    let left: TokenStream = trees[..dots].iter().cloned().collect();
    let right: TokenStream = trees[after..].iter().cloned().collect();
    if !inclusive && !right.is_empty() {
        errors.spanned(
            tokens,
            "the end of a `range` is included: write `..=` rather than `..`",
        );
        return None;
    }
    if inclusive && right.is_empty() {
        errors.spanned(tokens, format_args!("`..=` needs an end: {USAGE}"));
        return None;
    }
    if left.is_empty() && right.is_empty() {
        errors.spanned(
            tokens,
            format_args!("a `range` needs at least one end: {USAGE}"),
        );
        return None;
    }
    let (min, max) = (limit(left), limit(right));
    let shown = format!(
        "{}..{}{}",
        min.shown(),
        if inclusive { "=" } else { "" },
        max.shown()
    );
    Some(Range {
        min,
        max,
        shown,
        span,
    })
}

fn limit(tokens: TokenStream) -> Limit {
    if tokens.is_empty() {
        return Limit::Open;
    }
    match syn::parse2::<LitStr>(tokens.clone()) {
        Ok(text) => Limit::Text(text),
        Err(_) => Limit::Value(tokens),
    }
}

impl ToTokens for Limit {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            Limit::Open => {}
            Limit::Value(value) => value.to_tokens(tokens),
            Limit::Text(text) => text.to_tokens(tokens),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_as_written() {
        let table = [
            ("1..=65535", Some("1..=65535")),
            ("1..", Some("1..")),
            ("..=10", Some("..=10")),
            (r#""1s"..="1h""#, Some("1s..=1h")),
            ("Duration::from_secs(1)..", Some("Duration::from_secs(1)..")),
            ("-1.5..=1.5", Some("-1.5..=1.5")),
            ("1..10", None),
            ("1..=", None),
            ("..", None),
            ("5", None),
            ("1..=5..=9", None),
            ("1....", None),
        ];
        for (written, shown) in table {
            let errors = Errors::default();
            let tokens: TokenStream = written.parse().unwrap();
            let got = range(&tokens, &errors).map(|range| range.shown);
            let failed = errors.finish().is_some();
            assert_eq!(got.as_deref(), shown, "{written}");
            assert_eq!(failed, shown.is_none(), "{written}");
        }
    }
}
