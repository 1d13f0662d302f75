//! The impl emitted next to the errors of a struct that does not derive.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Path};

/// An impl whose methods are never called, emitted next to the errors so
/// that code using the type does not add errors of its own.
pub fn fallback(input: &DeriveInput, krate: &Path) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::Config for #ident #ty_generics #where_clause {
            const __PREFIX: &'static #krate::__private::str = "";

            fn __load(
                _: &mut #krate::__private::Loader<'_>,
                _: &#krate::__private::str,
            ) -> #krate::__private::Option<Self> {
                ::core::unreachable!()
            }

            fn __describe(_: &mut #krate::__private::Docs, _: &#krate::__private::str) {
                ::core::unreachable!()
            }
        }
    }
}
