//! The items of the expansion's block that a field needs beside the impl:
//! its parser, its default expression, its nested struct's functions, the
//! check of a string default the compiler makes, and a doc comment the
//! compiler joins.

use proc_macro2::{Group, Ident, Literal, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::Path;
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use super::{Hidden, local};
use crate::default_check::{ChoiceDefault, number_literal};
use crate::doc::Doc;
use crate::model::{DefaultValue, Field, FieldKind, Presence, Var};
use crate::parser::Parser;
use crate::range::Limit;

/// `fn __default_field() -> Option<DefaultExpr<T>>`, for a field with
/// `default = <expr>`: the expression, and how its value is written (the
/// parser's `to_env`) in a function of this field alone, so that a program
/// links the `to_env` of only the types that have a default expression.
pub(super) fn default_fn(field: &Field, var: &Var) -> Option<TokenStream> {
    let Presence::Default(DefaultValue::Expr { tokens, .. }) = &var.presence else {
        return None;
    };
    let span = field.ty.span();
    let Hidden { ec, value, .. } = &Hidden::at(span);
    let name = default_fn_name(field);
    let parser = parser_fn_name(field);
    let value_ty = var.value_ty;
    // The expression keeps its spans: the compiler's errors about it (a
    // wrong type, an overflowing literal) point into the attribute. The
    // closures are the macro's own (call-site spans), so that lints such as
    // clippy's `redundant_closure` do not take them for the user's. The
    // block keeps tokens that are no expression (`default = 1 2`) to a
    // syntax error at them, rather than extra arguments of the call.
    let closures = quote! {
        || { #tokens }, |#value| #ec::Parse::to_env(&#parser(), #value)
    };
    Some(quote_spanned! {span=>
        fn #name() -> #ec::DefaultExpr<#value_ty> {
            #ec::default_expr(#closures)
        }
    })
}

/// `fn __nested_field() -> Nested<T>`: the functions of the `Config` impl
/// of a nested field's type, named here only, so that a type that does not
/// derive `Config` is one error, on the field's type.
pub(super) fn nested_fn(field: &Field, krate: &Path) -> TokenStream {
    let ty = match &field.kind {
        FieldKind::Nested { group_ty, .. } => *group_ty,
        FieldKind::Var(_) => field.ty,
    };
    let span = ty.span();
    let ec = &Hidden::at(span).ec;
    let name = nested_fn_name(field);
    quote_spanned! {span=>
        fn #name() -> #ec::Nested<#ty> {
            #ec::Nested::new(<#ty as #krate::Config>::__load, <#ty as #krate::Config>::__describe)
        }
    }
}

pub(super) fn nested_fn_name(field: &Field) -> Ident {
    let span = Span::mixed_site().located_at(field.ty.span());
    format_ident!("__nested_{}", field.member.unraw(), span = span)
}

pub(super) fn default_fn_name(field: &Field) -> Ident {
    let span = Span::mixed_site().located_at(field.ty.span());
    format_ident!("__default_{}", field.member.unraw(), span = span)
}

/// The function that gives the parser of a field's variable, named after
/// the field.
pub(super) fn parser_fn_name(field: &Field) -> Ident {
    let span = Span::mixed_site().located_at(field.ty.span());
    format_ident!("__parser_{}", field.member.unraw(), span = span)
}

/// `fn __parser_field() -> impl Parse<Value = T> { ... }`: the parser of
/// one variable, built in one place for loading and describing alike, so
/// that a type that cannot be parsed is one error, not one per use.
pub(super) fn parser_fn(field: &Field, var: &Var) -> TokenStream {
    let span = field.ty.span();
    let ec = &Hidden::at(span).ec;
    let name = parser_fn_name(field);
    let value_ty = var.value_ty;
    let body = parser(&var.parser, value_ty, span);
    quote_spanned! {span=>
        fn #name() -> impl #ec::Parse<Value = #value_ty> {
            #body
        }
    }
}

/// The parser of a value of `value_ty` (that of the field, without its
/// `Option`); `span` is the field's type.
fn parser(parser: &Parser, value_ty: &syn::Type, span: Span) -> TokenStream {
    let Hidden { ec, parse, .. } = &Hidden::at(span);
    match parser {
        // Spanned on the type it picks for: `Endpoint` in `Vec<Endpoint>`.
        Parser::Pick(ty) => {
            let ec = &Hidden::at(ty.span()).ec;
            quote_spanned! {ty.span()=>
                (&&#ec::Pick::<#ty>::new()).__parser()
            }
        }
        // An item's or a secret's value type is not written anywhere: only
        // `parse_with`, which is neither, needs it.
        Parser::List { separator, item } => {
            let item = self::parser(item, value_ty, span);
            quote_spanned!(span=> #ec::List::new(#separator, #item))
        }
        Parser::Secret(inner) => {
            let inner = self::parser(inner, value_ty, span);
            quote_spanned!(span=> #ec::Secret::new(#inner))
        }
        // The function is coerced to the pointer type that `parse_with`
        // takes, so that a wrong signature is one type mismatch, located on
        // the path, "expected due to" the field's type, and showing the
        // signature to write.
        Parser::With(path) => {
            // Through an alias: spanned on the user's type, `Result` would
            // look to `unused_qualifications` like the user's own path.
            let expected = quote_spanned!(value_ty.span()=> #ec::ParseFn<#value_ty, _>);
            // The function's type is secret if it is a `SecretBox`, spelled
            // so or through an alias, which only the compiler can tell.
            quote_spanned! {span=>
                {
                    let #parse: #expected = #path;
                    #ec::WithFn::new(#parse, (&&#ec::Pick::<#value_ty>::new()).__secret_type())
                }
            }
        }
        // Spanned on what the user wrote: a type with no order, or a
        // function of the wrong type, is an error there.
        Parser::Ranged { inner, range } => {
            let inner = self::parser(inner, value_ty, span);
            // In a block, as a default expression is (see `default_fn`).
            let limit = |limit: &Limit| match limit {
                Limit::Open => quote!(#ec::Limit::Open),
                // A number is shown as written; an expression (`Self::MAX`,
                // `Duration::from_mins(5)`) as the value it makes.
                Limit::Value(tokens) if number_literal(tokens).is_some() => {
                    quote!(#ec::Limit::Value({ #tokens }))
                }
                Limit::Value(tokens) => quote!(#ec::Limit::Expr({ #tokens })),
                Limit::Text(text) => quote!(#ec::Limit::Text(#text)),
            };
            let (min, max, shown) = (limit(&range.min), limit(&range.max), &range.shown);
            quote_spanned!(range.span=> #ec::InRange::new(#inner, #min, #max, #shown))
        }
        // As `parse_with`: coerced first, so that a function of another
        // shape is one type mismatch on the path; then `Check` picks the
        // parser as `Pick` does, so that a function of another value type,
        // or whose error is not `Display`, is one error there too, saying
        // what it may take.
        Parser::Validated { inner, check } => {
            let inner = self::parser(inner, value_ty, span);
            let Hidden { check: local, .. } = &Hidden::at(check.span());
            let expected = quote_spanned!(value_ty.span()=> #ec::CheckFn<_, _>);
            // The field's type as the function's: what the bound on it
            // blames is the function.
            let checked_ty = respan(quote!(#value_ty), check.span());
            quote_spanned! {check.span()=>
                {
                    let #local: #expected = #check;
                    (&&#ec::Check::<#checked_ty, _, _>::new(#local)).__around(#inner)
                }
            }
        }
    }
}

/// `tokens`, each located at `span`.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let TokenTree::Group(group) = &tree {
                let mut respanned = Group::new(group.delimiter(), respan(group.stream(), span));
                respanned.set_span(span);
                tree = TokenTree::Group(respanned);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

/// The check of a string default of a type the derive does not parse
/// itself, which the compiler makes: a `Choice` enum has an inherent
/// constant of its spellings, found before the `NotAChoice` trait's `None`
/// that every other type has. A default that names no choice stops the
/// build, located at the literal, with the runtime's "did you mean".
/// Constants only: nothing of it is left in the program.
pub(super) fn choice_default_check(var: &Var) -> Option<TokenStream> {
    let ChoiceDefault {
        ty,
        values,
        list,
        span,
    } = var.choice_default.as_ref()?;
    // Located at the literal, and of the derive's own context, so that
    // lints (`clippy::panic`) do not take the check for the user's code.
    let span = *span;
    let ec = Ident::new("__ec", span);
    let problem = format_ident!("__CHOICE_DEFAULT_{}", var.index, span = span);
    let ty = respan(quote!(#ty), span);
    Some(quote_spanned! {span=>
        const #problem: #ec::DefaultProblem =
            #ec::choice_default(<#ty>::__ENVCONFIG_CHOICES, &[#(#values),*], #list);
        const _: () = if #problem.is_problem() {
            #ec::panic!("{}", #problem.as_str())
        };
    })
}

/// The doc comment of the field at `place`: the text, or the constant that
/// [`doc_const`] declares.
pub(super) fn doc_value(doc: &Doc, place: usize) -> TokenStream {
    match doc {
        Doc::Text(text) => quote!(#text),
        Doc::Expanded(_) => doc_const_name(place).into_token_stream(),
    }
}

/// For a doc comment whose text only macro expansion gives, a constant of
/// it, joined by the runtime's `doc_write` as `doc::joined` would: the
/// value of each `#[doc = ...]` as written, so that `include_str!` finds
/// its file next to the user's source.
pub(super) fn doc_const(doc: &Doc, place: usize) -> Option<TokenStream> {
    let Doc::Expanded(values) = doc else {
        return None;
    };
    let ec = &Hidden::at(Span::call_site()).ec;
    let name = doc_const_name(place);
    Some(quote! {
        const #name: &#ec::str = {
            const PARTS: &[&#ec::str] = &[#(#values),*];
            const BYTES: [#ec::u8; #ec::doc_len(PARTS)] = #ec::doc_bytes(PARTS);
            #ec::doc_text(&BYTES)
        };
    })
}

fn doc_const_name(place: usize) -> Ident {
    format_ident!("__DOC_{}", place)
}

/// The index in the table of the switch field `name` of an optional group,
/// and its local, which holds `Option<bool>` once it has loaded. The model
/// has checked that it is a `bool` field declared before the group.
pub(super) fn switch_field(fields: &[Field], name: &Ident) -> (Literal, Ident) {
    let field = fields.iter().find(|field| field.member == *name);
    let index = match field.map(|field| &field.kind) {
        Some(FieldKind::Var(var)) => var.index,
        _ => 0,
    };
    let local = field.map_or_else(|| name.clone(), local);
    (Literal::usize_unsuffixed(index), local)
}
