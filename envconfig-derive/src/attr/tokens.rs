//! Reading past a key's value as tokens: to skip a key that is refused,
//! and to take an expression up to the `,` that ends it.

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::Token;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;

/// Consumes whatever follows a key, up to the `,` before the next key, so
/// that reading goes on with it: `default: 1` is one error, not also an
/// "expected `,`" at the `1`.
pub fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        until_comma(meta.value()?)?;
    } else {
        until_comma(meta.input)?;
    }
    Ok(())
}

/// The token trees up to the next `,` that separates keys: a `,` between
/// the generic arguments of a path (`HashMap::<K, V>::new()`,
/// `<T as Trait>::f()`) does not count.
pub(super) fn until_comma(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    let mut generics_depth = 0usize;
    // The punctuation joined to the token being read (`::` before `<`).
    let mut joined: Vec<char> = Vec::new();
    while !input.is_empty() {
        if generics_depth == 0 && input.peek(Token![,]) {
            break;
        }
        let token: TokenTree = input.parse()?;
        match &token {
            TokenTree::Punct(punct) => {
                match punct.as_char() {
                    '<' if tokens.is_empty()
                        || joined.ends_with(&[':', ':'])
                        || generics_depth > 0 =>
                    {
                        generics_depth += 1;
                    }
                    '>' if generics_depth > 0 && joined.last() != Some(&'-') => {
                        generics_depth -= 1;
                    }
                    _ => {}
                }
                joined.push(punct.as_char());
                if punct.spacing() == Spacing::Alone {
                    joined.clear();
                }
            }
            _ => joined.clear(),
        }
        tokens.extend([token]);
    }
    Ok(tokens)
}
