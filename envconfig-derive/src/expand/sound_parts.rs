//! What the compiler can still check of a struct the derive refuses: the
//! parser, default and nested type of each field whose attributes hold no
//! mistake, and the struct's rule. A default of the wrong type is then
//! reported by the build that reports a misspelt key, not by the next.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use super::items::{
    choice_default_check, default_fn, default_fn_name, nested_fn, nested_fn_name, parser_fn,
    parser_fn_name,
};
use super::{Hidden, replace_self};
use crate::model::{Config, FieldKind};

pub fn sound_parts(input: &DeriveInput, config: &Config) -> TokenStream {
    // A generic struct's fields name parameters that have no scope here.
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let Config {
        ident,
        krate,
        fields,
        validate,
        ..
    } = config;
    let Hidden {
        ec, parse, check, ..
    } = &Hidden::at(Span::call_site());
    let mut items = TokenStream::new();
    // Named once, so that no item is unused (a crate may forbid that).
    let mut used = Vec::new();
    for field in fields.iter().filter(|field| field.sound) {
        match &field.kind {
            FieldKind::Var(var) => {
                items.extend(replace_self(parser_fn(field, var), ident));
                used.push(parser_fn_name(field));
                if let Some(default) = default_fn(field, var) {
                    items.extend(replace_self(default, ident));
                    used.push(default_fn_name(field));
                }
                items.extend(choice_default_check(var));
            }
            FieldKind::Nested { .. } => {
                items.extend(nested_fn(field, krate));
                used.push(nested_fn_name(field));
            }
        }
    }
    let rule = validate.as_ref().map(|rule| {
        let expected = quote_spanned!(ident.span()=> #ec::RuleFn<#ident>);
        replace_self(
            quote_spanned!(rule.span()=> const _: #expected = #rule;),
            ident,
        )
    });
    if items.is_empty() && rule.is_none() {
        return TokenStream::new();
    }
    quote! {
        const _: () = {
            use #krate::__private as #ec;
            use #ec::autoref::*;
            // See `Hidden`: a constant of these names in scope would make
            // patterns of the parsers' locals.
            fn #parse() {}
            fn #check() {}
            const _: [fn(); 2] = [#parse, #check];
            #items
            #rule
            const _: () = {
                let _ = (#(#used,)*);
            };
        };
    }
}
