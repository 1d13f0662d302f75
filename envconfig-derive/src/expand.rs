//! Writing out the impl of `envconfig::Config` from the model: a table of the
//! struct's variables and one runtime call per field, nothing decided here.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use crate::model::{Config, DefaultValue, Field, FieldKind, Parser, Presence, Var};
use crate::name::VarName;

pub fn config(config: &Config) -> TokenStream {
    let Config {
        ident,
        prefix,
        fields,
    } = config;
    let vars: Vec<&Var> = fields
        .iter()
        .filter_map(|field| match &field.kind {
            FieldKind::Var(var) => Some(var),
            FieldKind::Nested { .. } => None,
        })
        .collect();
    let count = Literal::usize_unsuffixed(vars.len());
    let table = vars.iter().map(|var| field_entry(var));
    let loads = fields.iter().map(load);
    let describes = fields.iter().map(describe);
    let inits = fields.iter().map(|field| {
        let Field {
            member, local, ty, ..
        } = field;
        quote_spanned!(ty.span()=> #member: #local?)
    });
    quote! {
        const _: () = {
            use ::envconfig::__private as __ec;
            #[allow(unused_imports)]
            use __ec::{PickBuiltin as _, PickFromStr as _, PickNone as _};

            static __FIELDS: [__ec::Field; #count] = [#(#table),*];

            #[automatically_derived]
            // Parts of this code carry the spans of the user's types and
            // defaults; should clippy take them for user code, the `&&` of
            // autoref specialization and `|| default()` are on purpose.
            #[allow(clippy::needless_borrow, clippy::redundant_closure)]
            impl ::envconfig::Config for #ident {
                const __PREFIX: &'static str = #prefix;

                fn __load(
                    __loader: &mut __ec::Loader<'_>,
                    __prefix: &str,
                ) -> __ec::Option<Self> {
                    #(#loads)*
                    __ec::Option::Some(Self { #(#inits),* })
                }

                fn __describe(__docs: &mut __ec::Docs, __prefix: &str) {
                    #(#describes)*
                }
            }
        };
    }
}

/// The `static` description of one variable.
fn field_entry(var: &Var) -> TokenStream {
    let name = match &var.name {
        VarName::Suffix(suffix) => quote!(__ec::FieldName::Suffix(#suffix)),
        VarName::Exact(name) => quote!(__ec::FieldName::Exact(#name)),
    };
    let doc = &var.doc;
    let example = match &var.example {
        Some(example) => quote!(__ec::Option::Some(#example)),
        None => quote!(__ec::Option::None),
    };
    let secret = var.secret;
    let default = match &var.presence {
        Presence::Required | Presence::Optional => quote!(__ec::DefaultValue::None),
        Presence::Default(DefaultValue::Parsed(text)) => {
            quote!(__ec::DefaultValue::Parsed(#text))
        }
        Presence::Default(DefaultValue::Expr { text, .. }) => {
            quote!(__ec::DefaultValue::Expr(#text))
        }
    };
    quote! {
        __ec::Field {
            name: #name,
            doc: #doc,
            example: #example,
            secret: #secret,
            default: #default,
        }
    }
}

// The code of each field is spanned on the field's type: when the type does
// not fit what its shape asks of it (a `SecretBox<T>` whose `T` is not
// `Zeroize`, a `nested` type that does not derive `Config`), the error is
// there rather than on the derive.

/// `let __f_field = ...;`: the field's value, or `None` after a problem.
fn load(field: &Field) -> TokenStream {
    let Field { local, ty, .. } = field;
    let span = ty.span();
    let value = match &field.kind {
        FieldKind::Nested { prefix, .. } => quote_spanned! {span=>
            <#ty as ::envconfig::Config>::__load(
                __loader,
                &__ec::nested_prefix(__prefix, #prefix),
            )
        },
        FieldKind::Var(var) => {
            let index = Literal::usize_unsuffixed(var.index);
            let parser = parser(&var.parser, span);
            let required = |default: TokenStream| {
                quote_spanned! {span=>
                    __loader.required(__prefix, &__FIELDS[#index], #parser, #default)
                }
            };
            match &var.presence {
                Presence::Optional => {
                    quote_spanned!(span=> __loader.optional(__prefix, &__FIELDS[#index], #parser))
                }
                // The expression keeps its spans: the compiler's errors about
                // it (a wrong type, an overflowing literal) point into the
                // attribute.
                Presence::Default(DefaultValue::Expr { tokens, .. }) => {
                    required(quote!(__ec::Option::Some(|| #tokens)))
                }
                // Paths spanned on the type must not name what the user has
                // in scope (`Option::None`): lints such as
                // `unused_qualifications` would take them for the user's.
                Presence::Required | Presence::Default(DefaultValue::Parsed(_)) => {
                    required(quote_spanned!(span=> __ec::no_default()))
                }
            }
        }
    };
    quote_spanned!(span=> let #local = #value;)
}

/// The field's entries in the docs.
fn describe(field: &Field) -> TokenStream {
    let ty = field.ty;
    let span = ty.span();
    match &field.kind {
        FieldKind::Nested { prefix, .. } => quote_spanned! {span=>
            <#ty as ::envconfig::Config>::__describe(__docs, &__ec::nested_prefix(__prefix, #prefix));
        },
        FieldKind::Var(var) => {
            let index = Literal::usize_unsuffixed(var.index);
            let parser = parser(&var.parser, span);
            let optional = matches!(var.presence, Presence::Optional);
            quote_spanned! {span=>
                __ec::describe_var(__docs, __prefix, &__FIELDS[#index], &#parser, #optional);
            }
        }
    }
}

/// The parser of a value; `span` is the field's type.
fn parser(parser: &Parser, span: Span) -> TokenStream {
    match parser {
        // Spanned on the type it picks for: `Endpoint` in `Vec<Endpoint>`.
        Parser::Pick(ty) => quote_spanned! {ty.span()=>
            __ec::picked((&&__ec::Pick::<#ty>::new()).parser())
        },
        Parser::List { separator, item } => {
            let item = self::parser(item, span);
            quote_spanned!(span=> __ec::List::new(#separator, #item))
        }
        Parser::Secret(inner) => {
            let inner = self::parser(inner, span);
            quote_spanned!(span=> __ec::Secret::new(#inner))
        }
        Parser::With(path) => quote_spanned!(span=> __ec::WithFn::new(#path)),
    }
}

/// An impl whose methods are never called, emitted next to the errors so
/// that code using the type does not add errors of its own.
pub fn fallback(input: &DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::envconfig::Config for #ident #ty_generics #where_clause {
            const __PREFIX: &'static str = "";

            fn __load(
                _: &mut ::envconfig::__private::Loader<'_>,
                _: &str,
            ) -> ::envconfig::__private::Option<Self> {
                ::core::unreachable!()
            }

            fn __describe(_: &mut ::envconfig::__private::Docs, _: &str) {
                ::core::unreachable!()
            }
        }
    }
}

#[cfg(test)]
mod tests;
