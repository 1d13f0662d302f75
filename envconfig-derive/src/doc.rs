//! Doc comments as user-facing text: a field's comment becomes its
//! variable's description in every docs format, a nested field's the title
//! of its group.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// A doc comment: each `#[doc = ...]` attribute's lines trimmed, a `/**
/// ... */` block's leading `*`s dropped, empty lines left out, all joined
/// with spaces.
pub enum Doc {
    /// Every attribute a string literal: the text, joined now.
    Text(String),
    /// Some attribute's text is known only after macro expansion
    /// (`#[doc = include_str!("...")]`, `#[doc = concat!(...)]`): the
    /// value of every attribute as written, joined by the compiler with
    /// the runtime's `doc_write`, which does what [`joined`] does.
    Expanded(Vec<TokenStream>),
}

impl Default for Doc {
    fn default() -> Doc {
        Doc::Text(String::new())
    }
}

/// The doc comment of an item with `attrs`.
pub fn doc_comment(attrs: &[Attribute]) -> Doc {
    let mut texts = Vec::new();
    let mut values = Vec::new();
    for attr in attrs {
        let Meta::NameValue(doc) = &attr.meta else {
            continue;
        };
        if !doc.path.is_ident("doc") {
            continue;
        }
        if let Expr::Lit(ExprLit {
            lit: Lit::Str(text),
            ..
        }) = &doc.value
        {
            texts.push(Some(text.value()));
        } else {
            texts.push(None);
        }
        values.push(doc.value.to_token_stream());
    }
    match texts.into_iter().collect::<Option<Vec<String>>>() {
        Some(texts) => Doc::Text(joined(&texts)),
        None => Doc::Expanded(values),
    }
}

/// The description that attributes of the texts `texts` make.
pub fn joined(texts: &[String]) -> String {
    let mut lines = Vec::new();
    for text in texts {
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
                .filter(|line| !line.is_empty()),
        );
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
                    #[doc(hidden)]
                    struct S;
                },
                "Written as an attribute.",
            ),
        ];
        for (input, doc) in table {
            match doc_comment(&input.attrs) {
                Doc::Text(text) => assert_eq!(text, doc),
                Doc::Expanded(_) => panic!("{doc}: literals are joined now"),
            }
        }
    }

    #[test]
    fn text_known_after_expansion_is_kept_as_written() {
        let input: syn::DeriveInput = syn::parse_quote! {
            /// Read from a file:
            #[doc = include_str!("README.md")]
            #[doc = concat!("and ", "more.")]
            struct S;
        };
        let Doc::Expanded(values) = doc_comment(&input.attrs) else {
            panic!("a doc of macros is joined by the compiler");
        };
        let values: Vec<String> = values.iter().map(ToString::to_string).collect();
        assert_eq!(
            values,
            [
                "r\" Read from a file:\"",
                "include_str ! (\"README.md\")",
                "concat ! (\"and \" , \"more.\")",
            ]
        );
    }

    /// What the compiler joins with the runtime's `doc_write` is what
    /// `joined` gives for the same texts.
    #[test]
    fn the_runtime_joins_texts_as_the_derive_does() {
        let table: &[&[&str]] = &[
            &[
                " Port the HTTP server",
                "   listens on.",
                "",
                " * `0` picks one.",
            ],
            &["\n     * Block doc\n     * with stars.\n     "],
            &[
                " Intro:",
                "Line one\r\n\n  *not a block star*\nline two\n",
                " End.",
            ],
            &["\u{3000}wide\u{a0}space\u{2003}", "\t\ttabs\t"],
            &["", "   ", "\n\n"],
            &["**bold** start", "* star\n** two stars"],
            &["ünïcödé\n    ✓ done  "],
        ];
        for texts in table {
            let owned: Vec<String> = texts.iter().map(|text| (*text).to_owned()).collect();
            let mut out = vec![0; 4096];
            let len = envconfig::__private::doc_write(texts, &mut out);
            out.truncate(len);
            assert_eq!(String::from_utf8(out).unwrap(), joined(&owned), "{texts:?}");
            assert_eq!(envconfig::__private::doc_write(texts, &mut []), len);
        }
    }
}
