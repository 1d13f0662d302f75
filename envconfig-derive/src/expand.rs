//! Writing out the impl of `envconfig::Config` from the model: a table of the
//! struct's variables and one runtime call per field, nothing decided here.

use proc_macro2::{Group, Ident, Literal, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use self::items::{
    default_fn, default_fn_name, nested_fn, nested_fn_name, parser_fn, parser_fn_name, switch_field,
};
use crate::model::{Config, DefaultValue, Field, FieldKind, Presence, Switch, Var};
use crate::name::VarName;

/// The names generated code gives its own items, parameters and locals.
///
/// The parameters and locals are of mixed-site hygiene, so that the user's
/// tokens (a `default = <expr>`) cannot name them. Items resolve at the call
/// site whatever their span: ours are declared in the expansion's own
/// block, which shadows the user's module (a `static __FIELDS`, a `mod
/// __ec`); and since a parameter or local cannot be named like a constant
/// or static in scope, hygiene or not, the block also declares a function
/// of each such name, which shadows the user's constant and lets itself be
/// shadowed by a binding.
struct Hidden {
    /// The runtime's `__private` module. Of call-site hygiene, unlike the
    /// others: it starts the calls that the compiler's errors about a
    /// field's type point at, and a mixed-site span there would have them
    /// blame the derive, once per call, instead of the type.
    ec: Ident,
    /// The `static` table of the struct's variables.
    fields: Ident,
    loader: Ident,
    prefix: Ident,
    docs: Ident,
    /// The function of a `parse_with`, as the pointer type it must be.
    parse: Ident,
    /// The function of a field's `validate`, likewise.
    check: Ident,
    /// The struct once every field has loaded, and a default's value.
    value: Ident,
    /// The secrets directory of the struct around, while this one loads.
    outer_dir: Ident,
}

impl Hidden {
    /// The names, located at `span` for the compiler's errors.
    fn at(span: Span) -> Hidden {
        let hygienic = |name| Ident::new(name, Span::mixed_site().located_at(span));
        Hidden {
            ec: Ident::new("__ec", span),
            fields: hygienic("__FIELDS"),
            loader: hygienic("__loader"),
            prefix: hygienic("__prefix"),
            docs: hygienic("__docs"),
            parse: hygienic("__parse"),
            check: hygienic("__check"),
            value: hygienic("__value"),
            outer_dir: hygienic("__outer_secrets_dir"),
        }
    }
}

/// The local holding a field's value while the others load, located at its
/// type, which errors about its value are about.
fn local(field: &Field) -> Ident {
    let span = Span::mixed_site().located_at(field.ty.span());
    format_ident!("__f_{}", field.member.unraw(), span = span)
}

pub fn config(config: &Config) -> TokenStream {
    let Config {
        ident,
        krate,
        prefix,
        fields,
        validate,
        secrets_dir,
    } = config;
    let Hidden {
        ec,
        fields: table_name,
        loader,
        prefix: prefix_param,
        docs,
        parse,
        check,
        value,
        outer_dir,
    } = &Hidden::at(Span::call_site());
    // Each with its place among the fields, which names its doc's
    // constant, if it has one.
    let vars: Vec<(usize, &Var)> = fields
        .iter()
        .enumerate()
        .filter_map(|(place, field)| match &field.kind {
            FieldKind::Var(var) => Some((place, &**var)),
            FieldKind::Nested { .. } => None,
        })
        .collect();
    let count = Literal::usize_unsuffixed(vars.len());
    let table = vars.iter().map(|(place, var)| field_entry(var, *place));
    let doc_consts = fields.iter().enumerate().filter_map(|(place, field)| {
        let doc = match &field.kind {
            FieldKind::Var(var) => &var.doc,
            FieldKind::Nested { doc, .. } => doc,
        };
        items::doc_const(doc, place)
    });
    let parser_fns = fields.iter().filter_map(|field| match &field.kind {
        FieldKind::Var(var) => Some(replace_self(parser_fn(field, var), ident)),
        FieldKind::Nested { .. } => None,
    });
    let default_fns = fields.iter().filter_map(|field| match &field.kind {
        FieldKind::Var(var) => default_fn(field, var).map(|tokens| replace_self(tokens, ident)),
        FieldKind::Nested { .. } => None,
    });
    let choice_checks = vars
        .iter()
        .filter_map(|(_, var)| items::choice_default_check(var));
    let nested_fns = fields.iter().filter_map(|field| match &field.kind {
        FieldKind::Var(_) => None,
        FieldKind::Nested { .. } => Some(nested_fn(field, krate)),
    });
    let loads = fields.iter().map(|field| load(field, fields));
    // The struct's variables, and its nested ones, are read from its
    // secrets directory too; the directory of the struct around it is
    // restored after.
    let (enter_dir, leave_dir, describe_dir) = match secrets_dir {
        Some(dir) => (
            quote!(let #outer_dir = #loader.enter_secrets_dir(#dir);),
            quote!(#loader.leave_secrets_dir(#outer_dir);),
            quote!(#ec::describe_secrets_dir(#docs, #dir);),
        ),
        None => Default::default(),
    };
    let describes = fields
        .iter()
        .enumerate()
        .map(|(place, field)| describe(field, place, fields));
    let shadows: Vec<Ident> = [loader, prefix_param, docs, parse, check, value, outer_dir]
        .into_iter()
        .cloned()
        .chain(fields.iter().map(local))
        .collect();
    let shadow_count = shadows.len();
    let locals: Vec<Ident> = fields.iter().map(local).collect();
    let inits = fields.iter().zip(&locals).map(|(field, local)| {
        let Field { member, ty, .. } = field;
        quote_spanned!(ty.span()=> #member: #local)
    });
    // With a rule across fields, the value is checked once every field has
    // loaded; the rule names fields, the table their variables.
    // The struct's rule, as the pointer type it must be: a function of
    // another type is a mismatch on the path that shows the type expected.
    let rule_const = Ident::new("__RULE", Span::call_site());
    let rule_item = validate.as_ref().map(|rule| {
        let expected = quote_spanned!(ident.span()=> #ec::RuleFn<#ident>);
        replace_self(
            quote_spanned!(rule.span()=> const #rule_const: #expected = #rule;),
            ident,
        )
    });
    let returned = match validate {
        Some(rule) => {
            let members = fields.iter().filter_map(|field| match field.kind {
                FieldKind::Var(_) => Some(field.member.unraw().to_string()),
                FieldKind::Nested { .. } => None,
            });
            // A rule that names a nested field is about its struct's
            // variables.
            let nested = fields.iter().filter_map(|field| match &field.kind {
                FieldKind::Var(_) => None,
                FieldKind::Nested { prefix, .. } => {
                    let member = field.member.unraw().to_string();
                    let nested = nested_fn_name(field);
                    Some(quote! {
                        #ec::NestedField {
                            member: #member,
                            prefix: #prefix,
                            names: |#prefix_param| #nested().names(#prefix_param),
                        }
                    })
                }
            });
            quote_spanned! {rule.span()=>
                #loader.keeps_rule(#prefix_param, #value, #rule_const, &#table_name, &[#(#members),*], &[#(#nested),*])
            }
        }
        None => quote!(#ec::Option::Some(#value)),
    };
    let wrapped = fields
        .iter()
        .zip(&locals)
        .map(|(field, local)| quote_spanned!(field.ty.span()=> #ec::Option::Some(#local)));
    // One test of every field at once: a field that failed leaves the
    // others to one drop of the tuple, rather than a drop ladder per field.
    let unloaded = (!fields.is_empty()).then(|| quote!(_ => #ec::Option::None,));
    // Every variable's field picks its parser through these traits.
    let autoref = fields
        .iter()
        .any(|field| matches!(field.kind, FieldKind::Var(_)))
        .then(|| quote!(use #ec::autoref::*;));
    quote! {
        // No lint is allowed: a crate may `forbid` it (`unused`, say). Names
        // like `__f_httpProxyURL`, the macro's own, escape `non_snake_case`.
        const _: () = {
            use #krate::__private as #ec;
            #autoref

            // See `Hidden`: a constant or static of these names in scope
            // would make patterns of our parameters and locals.
            #(fn #shadows() {})*
            const _: [fn(); #shadow_count] = [#(#shadows),*];

            static #table_name: [#ec::Field; #count] = [#(#table),*];

            #(#parser_fns)*
            #(#default_fns)*
            #(#nested_fns)*
            #(#choice_checks)*
            #(#doc_consts)*
            #rule_item

            #[automatically_derived]
            // Parts of this code carry the spans of the user's types and
            // defaults; should clippy take them for user code, the `&&` of
            // autoref specialization and `|| default()` are on purpose.
            #[allow(clippy::needless_borrow, clippy::redundant_closure)]
            impl #krate::Config for #ident {
                const __PREFIX: &'static #ec::str = #prefix;

                fn __load(
                    #loader: &mut #ec::Loader<'_>,
                    #prefix_param: &#ec::str,
                ) -> #ec::Option<Self> {
                    #enter_dir
                    #(#loads)*
                    #leave_dir
                    match (#(#locals,)*) {
                        (#(#wrapped,)*) => {
                            let #value = Self { #(#inits),* };
                            #returned
                        }
                        #unloaded
                    }
                }

                fn __describe(#docs: &mut #ec::Docs, #prefix_param: &#ec::str) {
                    #describe_dir
                    #(#describes)*
                }
            }
        };
    }
}

/// `tokens` with each `Self` written as the struct's name: the functions of
/// the fields are free functions, where the `Self` of what the user wrote
/// (`default = Self::PORT`, `parse_with = Self::parse`) would name nothing.
/// The struct has no generics, so its name is all that `Self` stands for.
fn replace_self(tokens: TokenStream, ident: &Ident) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Ident(word) if word == "Self" => {
                let mut name = ident.clone();
                name.set_span(word.span());
                TokenTree::Ident(name)
            }
            TokenTree::Group(group) => {
                let mut replaced =
                    Group::new(group.delimiter(), replace_self(group.stream(), ident));
                replaced.set_span(group.span());
                TokenTree::Group(replaced)
            }
            other => other,
        })
        .collect()
}

/// The `static` description of one variable.
fn field_entry(var: &Var, place: usize) -> TokenStream {
    let ec = &Hidden::at(Span::call_site()).ec;
    let name = match &var.name {
        VarName::Suffix(suffix) => quote!(#ec::FieldName::Suffix(#suffix)),
        VarName::Exact(name) => quote!(#ec::FieldName::Exact(#name)),
    };
    let doc = items::doc_value(&var.doc, place);
    let secret = var.secret;
    let default = match &var.presence {
        Presence::Required | Presence::Optional => quote!(#ec::DefaultValue::None),
        Presence::Default(DefaultValue::Parsed(text)) => {
            quote!(#ec::DefaultValue::Parsed(#text))
        }
        Presence::Default(DefaultValue::Expr { text, .. }) => {
            quote!(#ec::DefaultValue::Expr(#text))
        }
    };
    let option = |value: Option<&String>| match value {
        Some(value) => quote!(#ec::Option::Some(#value)),
        None => quote!(#ec::Option::None),
    };
    let has_rare = var.example.is_some()
        || !var.aliases.is_empty()
        || var.deprecated.is_some()
        || var.value_name.is_some();
    let rare = if has_rare {
        let example = option(var.example.as_ref());
        let aliases = var.aliases.iter().map(|(alias, _)| alias);
        let deprecated = option(var.deprecated.as_ref());
        let value_name = option(var.value_name.as_ref());
        quote! {
            #ec::Option::Some(&#ec::RareAttrs {
                example: #example,
                aliases: &[#(#aliases),*],
                deprecated: #deprecated,
                value_name: #value_name,
            })
        }
    } else {
        quote!(#ec::Option::None)
    };
    quote! {
        #ec::Field {
            name: #name,
            doc: #doc,
            secret: #secret,
            default: #default,
            rare: #rare,
        }
    }
}

// The code of each field is spanned on the field's type: when the type does
// not fit what its shape asks of it (a `SecretBox<T>` whose `T` is not
// `Zeroize`, a `nested` type that does not derive `Config`), the error is
// there rather than on the derive.

/// `let __f_field = ...;`: the field's value, or `None` after a problem.
fn load(field: &Field, fields_of: &[Field]) -> TokenStream {
    let ty = field.ty;
    let span = ty.span();
    let Hidden {
        ec,
        fields,
        loader,
        prefix,
        ..
    } = &Hidden::at(span);
    let value = match &field.kind {
        FieldKind::Nested {
            prefix: nested_prefix,
            switch: Some(switch),
            ..
        } => {
            let nested = nested_fn_name(field);
            let switch = match switch {
                Switch::AnySet => quote_spanned!(span=> #ec::Switch::AnySet),
                Switch::EnabledBy(name) => {
                    let (index, on) = switch_field(fields_of, name);
                    quote_spanned! {span=>
                        #ec::Switch::EnabledBy { field: &#fields[#index], on: #on }
                    }
                }
            };
            quote_spanned! {span=>
                #loader.optional_group(#prefix, #nested_prefix, #switch, |#loader, #prefix| {
                    #nested().load(#loader, #prefix)
                })
            }
        }
        FieldKind::Nested {
            prefix: nested_prefix,
            ..
        } => {
            let nested = nested_fn_name(field);
            quote_spanned! {span=>
                #nested().load(#loader, &#ec::nested_prefix(#prefix, #nested_prefix))
            }
        }
        FieldKind::Var(var) => {
            let index = Literal::usize_unsuffixed(var.index);
            let parser = parser_fn_name(field);
            let parser = quote_spanned!(span=> #parser());
            let default = default_fn_name(field);
            let field = quote_spanned!(span=> &#fields[#index]);
            // Of the value's binding's hygiene: an ill-formed type (a
            // `SecretBox<T>` of a `T` without `Zeroize`) is then one error
            // at the two of them, as the compiler drops the same one twice.
            let method = |name| Ident::new(name, Span::mixed_site().located_at(span));
            let (required_method, optional_method) = (method("required"), method("optional"));
            let required = |default: TokenStream| {
                quote_spanned! {span=>
                    #loader.#required_method(#prefix, #field, #parser, #default)
                }
            };
            match &var.presence {
                Presence::Optional => {
                    quote_spanned!(span=> #loader.#optional_method(#prefix, #field, #parser))
                }
                // The expression keeps its spans: the compiler's errors about
                // it (a wrong type, an overflowing literal) point into the
                // attribute.
                Presence::Default(DefaultValue::Expr { .. }) => {
                    required(quote_spanned!(span=> #default()))
                }
                // Paths spanned on the type must not name what the user has
                // in scope (`Option::None`): lints such as
                // `unused_qualifications` would take them for the user's.
                Presence::Required | Presence::Default(DefaultValue::Parsed(_)) => {
                    required(quote_spanned!(span=> #ec::no_default()))
                }
            }
        }
    };
    let local = local(field);
    quote_spanned!(span=> let #local = #value;)
}

/// The field's entries in the docs.
fn describe(field: &Field, place: usize, fields_of: &[Field]) -> TokenStream {
    let span = field.ty.span();
    let Hidden {
        ec,
        fields,
        prefix,
        docs,
        ..
    } = &Hidden::at(span);
    match &field.kind {
        FieldKind::Nested {
            prefix: nested_prefix,
            doc,
            switch: Some(switch),
            ..
        } => {
            let nested = nested_fn_name(field);
            let doc = items::doc_value(doc, place);
            // Not on the type: `unused_qualifications` would blame its `Option`.
            let switch = match switch {
                Switch::AnySet => quote!(#ec::Option::None),
                Switch::EnabledBy(name) => {
                    let (index, _) = switch_field(fields_of, name);
                    quote!(#ec::Option::Some(&#fields[#index]))
                }
            };
            quote_spanned! {span=>
                #ec::describe_optional_group(#docs, #doc, #prefix, #nested_prefix, #switch, |#docs, #prefix| {
                    #nested().describe(#docs, #prefix);
                });
            }
        }
        FieldKind::Nested {
            prefix: nested_prefix,
            doc,
            ..
        } => {
            let nested = nested_fn_name(field);
            let doc = items::doc_value(doc, place);
            quote_spanned! {span=>
                #ec::describe_group(#docs, #doc, |#docs| {
                    #nested().describe(#docs, &#ec::nested_prefix(#prefix, #nested_prefix));
                });
            }
        }
        FieldKind::Var(var) => {
            let index = Literal::usize_unsuffixed(var.index);
            let parser = parser_fn_name(field);
            let optional = matches!(var.presence, Presence::Optional);
            let default = match &var.presence {
                Presence::Default(DefaultValue::Expr { .. }) => {
                    let default = default_fn_name(field);
                    quote_spanned!(span=> #default())
                }
                _ => quote_spanned!(span=> #ec::no_default()),
            };
            quote_spanned! {span=>
                #ec::describe_var(#docs, #prefix, &#fields[#index], &#parser(), #optional, #default);
            }
        }
    }
}

mod fallback;
mod items;
mod sound_parts;

pub use self::fallback::fallback;
pub use self::sound_parts::sound_parts;
#[cfg(test)]
mod tests;
