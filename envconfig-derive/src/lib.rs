//! The derive macro of envconfig; use it through the `envconfig` crate, which
//! documents it.
//!
//! A pipeline of three stages: `attr` reads the `#[config(...)]` attributes
//! and doc comments as written (with `doc`), `model` checks every rule and
//! resolves names into the description of one config struct (with `ty` for
//! the shapes of types, `name` for variable names and `expr_text` for the
//! docs' text of a default), and `expand` turns that description into calls
//! to `::envconfig::__private`. Every stage reports into one `Errors`, so a
//! struct with three mistakes gets three errors from one build.

mod attr;
mod doc;
mod expand;
mod expr_text;
mod model;
mod name;
mod ty;

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::ToTokens;
use syn::{DeriveInput, parse_macro_input};

#[proc_macro_derive(Config, attributes(config))]
pub fn derive_config(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let errors = Errors::default();
    let config = model::Config::from_input(&input, &errors);
    match (errors.finish(), config) {
        (None, Some(config)) => expand::config(&config),
        // Still implement the trait, so that code using the type does not
        // add errors of its own to the ones that matter.
        (errors, _) => {
            let mut tokens = expand::fallback(&input);
            if let Some(errors) = errors {
                tokens.extend(errors.into_compile_error());
            }
            tokens
        }
    }
    .into()
}

/// Every error of one expansion, reported together at the end.
#[derive(Default)]
struct Errors(RefCell<Option<syn::Error>>);

impl Errors {
    /// An error spanned on `tokens` (from their first to their last token).
    fn spanned(&self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    fn at(&self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    fn push(&self, error: syn::Error) {
        let mut all = self.0.borrow_mut();
        match &mut *all {
            Some(all) => all.combine(error),
            None => *all = Some(error),
        }
    }

    fn finish(self) -> Option<syn::Error> {
        self.0.into_inner()
    }
}
