//! Writing out the impls of `envconfig::Choice`, `FromStr` and `Display`
//! from the model: the table of spellings and a `match` each way between a
//! variant and its row, nothing decided here. Matching, the "did you mean"
//! and every message are the runtime's, shared by every enum.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use syn::{DeriveInput, Path};

use super::model::{ChoiceEnum, Variant};

pub fn choice(choice: &ChoiceEnum) -> TokenStream {
    let ChoiceEnum {
        ident,
        vis,
        krate,
        variants,
    } = choice;
    let private = quote!(#krate::__private);
    let spellings = variants.iter().map(|variant| &variant.spelling);
    let rows = variants.iter().map(
        |Variant {
             spelling, aliases, ..
         }| { quote!((#spelling, &[#(#aliases),*])) },
    );
    let as_str = variants.iter().map(
        |Variant {
             ident, spelling, ..
         }| { quote!(Self::#ident => #spelling) },
    );
    let by_index = variants.iter().enumerate().map(|(index, variant)| {
        let index = Literal::usize_unsuffixed(index);
        let ident = variant.ident;
        quote!(#index => #private::Option::Some(Self::#ident))
    });
    // A constant or static in scope named like a parameter would make a
    // pattern of it, hygiene or not: functions of those names, declared in
    // the block around the impls, shadow them and let the parameters bind.
    // A constant uses them, rather than an `allow(dead_code)`, which a crate
    // that forbids the lint would be warned about.
    let value = Ident::new("__value", Span::mixed_site());
    let formatter = Ident::new("__formatter", Span::mixed_site());
    let index = Ident::new("__index", Span::mixed_site());
    quote! {
        const _: () = {
            fn #value() {}
            fn #formatter() {}
            fn #index() {}
            const _: [fn(); 3] = [#value, #formatter, #index];

            #[automatically_derived]
            impl #krate::Choice for #ident {
                const CHOICES: &'static [&'static #private::str] = &[#(#spellings),*];

                fn as_str(&self) -> &'static #private::str {
                    match self {
                        #(#as_str,)*
                    }
                }

                const __TABLE: #private::Choices = #private::Choices::new(&[#(#rows),*]);

                fn __variant(#index: #private::usize) -> #private::Option<Self> {
                    match #index {
                        #(#by_index,)*
                        _ => #private::Option::None,
                    }
                }
            }

            // Found before `__private::NotAChoice`'s constant by the derive of
            // `Config`, which checks a string default of this type with it.
            #[automatically_derived]
            impl #ident {
                #[doc(hidden)]
                #vis const __ENVCONFIG_CHOICES: #private::Option<#private::Choices> =
                    #private::Option::Some(<Self as #krate::Choice>::__TABLE);
            }

            #[automatically_derived]
            impl #private::FromStr for #ident {
                type Err = #krate::ChoiceError;

                fn from_str(#value: &#private::str) -> #private::Result<Self, #krate::ChoiceError> {
                    #private::choice_from_str(#value)
                }
            }

            #[automatically_derived]
            impl #private::Display for #ident {
                fn fmt(&self, #formatter: &mut #private::Formatter<'_>) -> #private::FmtResult {
                    #formatter.pad(#krate::Choice::as_str(self))
                }
            }
        };
    }
}

/// Impls whose methods are never called, emitted next to the errors so
/// that code using the type does not add errors of its own.
pub fn fallback(input: &DeriveInput, krate: &Path) -> TokenStream {
    let ident = &input.ident;
    let private = quote!(#krate::__private);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::Choice for #ident #ty_generics #where_clause {
            const CHOICES: &'static [&'static #private::str] = &[];

            fn as_str(&self) -> &'static #private::str {
                ::core::unreachable!()
            }

            const __TABLE: #private::Choices = #private::Choices::new(&[]);

            fn __variant(_: #private::usize) -> #private::Option<Self> {
                #private::Option::None
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::FromStr for #ident #ty_generics #where_clause {
            type Err = #krate::ChoiceError;

            fn from_str(_: &#private::str) -> #private::Result<Self, #krate::ChoiceError> {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::Display for #ident #ty_generics #where_clause {
            fn fmt(&self, _: &mut #private::Formatter<'_>) -> #private::FmtResult {
                ::core::unreachable!()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Errors;

    fn expand(source: &str) -> TokenStream {
        let input: DeriveInput = syn::parse_str(source).expect("an enum");
        let errors = Errors::default();
        let model = ChoiceEnum::from_input(&input, &errors);
        if let Some(error) = errors.finish() {
            panic!("{source} is not a valid choice enum: {error}");
        }
        choice(&model)
    }

    #[test]
    fn the_runtime_is_reached_through_the_crate_path_only() {
        let names = crate::ident_names(expand(
            r#"#[choice(crate = "typedenv")] enum Level { Error, Warn }"#,
        ));
        assert!(names.iter().any(|name| name == "typedenv"), "{names:?}");
        assert!(!names.iter().any(|name| name == "envconfig"), "{names:?}");
        let derived = names
            .iter()
            .filter(|name| *name == "automatically_derived")
            .count();
        assert_eq!(derived, 4, "every impl is marked");
    }
}
