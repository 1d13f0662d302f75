//! The derive macro of envconfig; use it through the `envconfig` crate, which
//! documents it.
//!
//! A pipeline of three stages: `attr` reads the `#[config(...)]` attributes
//! and doc comments as written (with `doc` and `suggest`), `model` checks
//! every rule and resolves names into the description of one config struct
//! (with `ty` for the shapes of types, `name` for variable names,
//! `expr_text` for the docs' text of a default and `manifest` for the
//! runtime's path when no `crate = "..."` gives it), and `expand` turns that
//! description into calls to the runtime's `__private` module. Every stage
//! reports into one `Errors`, so a struct with three mistakes gets three
//! errors from one build.
//!
//! `#[derive(Choice)]` follows the same three stages in `choice/`, reusing
//! the readers of single keys from `attr` and the word splitting of `name`.

mod attr;
mod choice;
mod default_check;
mod doc;
mod expand;
mod expr_text;
mod manifest;
mod model;
mod name;
mod parser;
mod range;
mod suggest;
mod ty;

use std::cell::RefCell;
use std::fmt::Display;
use std::thread;

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::ToTokens;
use syn::{DeriveInput, parse_macro_input};

#[proc_macro_derive(Config, attributes(config))]
pub fn derive_config(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let errors = Errors::default();
    let config = model::Config::from_input(&input, &errors);
    match errors.finish() {
        None => expand::config(&config),
        // Still implement the trait, so that code using the type does not
        // add errors of its own to the ones that matter.
        Some(errors) => {
            let mut tokens = expand::fallback(&input, &config.krate);
            tokens.extend(expand::sound_parts(&input, &config));
            tokens.extend(errors.into_compile_error());
            tokens
        }
    }
    .into()
}

#[proc_macro_derive(Choice, attributes(choice))]
pub fn derive_choice(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let errors = Errors::default();
    let choice = choice::model::ChoiceEnum::from_input(&input, &errors);
    match errors.finish() {
        None => choice::expand::choice(&choice),
        Some(errors) => {
            let mut tokens = choice::expand::fallback(&input, &choice.krate);
            tokens.extend(errors.into_compile_error());
            tokens
        }
    }
    .into()
}

/// Every error of one expansion, reported together at the end.
///
/// Dropping it without [`Errors::finish`] panics: errors recorded and never
/// reported would let a wrong struct compile.
struct Errors(RefCell<Option<Vec<syn::Error>>>);

impl Default for Errors {
    fn default() -> Errors {
        Errors(RefCell::new(Some(Vec::new())))
    }
}

impl Errors {
    /// An error spanned on `tokens` (from their first to their last token).
    fn spanned(&self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    fn at(&self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    fn push(&self, error: syn::Error) {
        self.0
            .borrow_mut()
            .as_mut()
            .expect("errors pushed after `finish`")
            .push(error);
    }

    /// How many errors are recorded so far.
    fn count(&self) -> usize {
        self.0.borrow().as_ref().map_or(0, Vec::len)
    }

    /// Every error recorded, as one.
    fn finish(self) -> Option<syn::Error> {
        let errors = self.0.borrow_mut().take()?;
        errors.into_iter().reduce(|mut all, error| {
            all.combine(error);
            all
        })
    }
}

impl Drop for Errors {
    fn drop(&mut self) {
        // A panic already under way has its own story to tell.
        if self.0.get_mut().is_some() && !thread::panicking() {
            panic!("forgot to check for errors");
        }
    }
}

/// Every identifier in `tokens`, in groups too: what tests look for in an
/// expansion (the path it reaches the runtime by, its attributes).
#[cfg(test)]
fn ident_names(tokens: proc_macro2::TokenStream) -> Vec<String> {
    let mut names = Vec::new();
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Ident(ident) => names.push(ident.to_string()),
            proc_macro2::TokenTree::Group(group) => names.extend(ident_names(group.stream())),
            _ => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_reported_together() {
        let errors = Errors::default();
        errors.at(Span::call_site(), "first");
        errors.at(Span::call_site(), "second");
        let messages: Vec<String> = errors
            .finish()
            .into_iter()
            .flatten()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(messages, ["first", "second"]);
        assert!(Errors::default().finish().is_none());
    }

    #[test]
    #[should_panic(expected = "forgot to check for errors")]
    fn errors_never_finished_panic() {
        let errors = Errors::default();
        errors.at(Span::call_site(), "lost");
    }
}
