//! Doc comments as user-facing text: a field's comment becomes its
//! variable's description in every docs format.

use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// The doc comment, lines trimmed and joined with spaces, empty lines
/// dropped. A `#[doc = ...]` whose value is not a literal (`include_str!`)
/// is left out.
pub fn doc_comment(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if let Meta::NameValue(doc) = &attr.meta
            && doc.path.is_ident("doc")
            && let Expr::Lit(ExprLit {
                lit: Lit::Str(text),
                ..
            }) = &doc.value
        {
            let text = text.value();
            // A `/** ... */` comment is one attribute of many lines, often
            // each starting with ` * `, which is layout, not text.
            let block = text.contains('\n');
            lines.extend(
                text.lines()
                    .map(str::trim)
                    .map(|line| match line.strip_prefix('*') {
                        Some(rest) if block => rest.trim_start(),
                        _ => line,
                    })
                    .filter(|line| !line.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    lines.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comments_become_one_line() {
        let table: [(syn::DeriveInput, &str); 3] = [
            (
                syn::parse_quote! {
                    /// Port the HTTP server
                    ///   listens on.
                    ///
                    /// * `0` picks one.
                    struct S;
                },
                "Port the HTTP server listens on. * `0` picks one.",
            ),
            (
                syn::parse_quote! {
                    /**
                     * Block doc
                     * with stars.
                     */
                    struct S;
                },
                "Block doc with stars.",
            ),
            (
                syn::parse_quote! {
                    #[doc = "Written as an attribute."]
                    #[doc = include_str!("README.md")]
                    struct S;
                },
                "Written as an attribute.",
            ),
        ];
        for (input, doc) in table {
            assert_eq!(doc_comment(&input.attrs), doc);
        }
    }
}
