//! The derive macro of envconfig (STUB).
use proc_macro::TokenStream;
#[proc_macro_derive(Config, attributes(config))]
pub fn derive_config(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
