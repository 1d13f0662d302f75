//! The validated description of one `Choice` enum: every rule checked here,
//! each error spanned on what the user wrote, and every variant's spellings
//! resolved. What is left for `expand` is writing them out.

use std::collections::HashMap;

use proc_macro2::Ident;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, LitStr, Path, Visibility};

use super::attr::{EnumAttrs, VariantAttrs};
use crate::Errors;
use crate::name::kebab_case;

/// One enum whose values are words.
pub struct ChoiceEnum<'a> {
    pub ident: &'a Ident,
    /// The enum's visibility: that of what the derive adds to it.
    pub vis: &'a Visibility,
    /// The runtime crate: `::envconfig`, or `#[choice(crate = "...")]`.
    pub krate: Path,
    pub variants: Vec<Variant<'a>>,
}

/// One unit variant and the words that name it.
pub struct Variant<'a> {
    pub ident: &'a Ident,
    /// The canonical spelling: `rename`, or the name in kebab-case.
    pub spelling: String,
    /// `alias = "..."`: other accepted spellings.
    pub aliases: Vec<String>,
}

/// Where a spelling comes from, for the errors about it.
enum Origin<'a> {
    /// The variant's name, kebab-cased.
    Name,
    Rename(&'a LitStr),
    Alias(&'a LitStr),
}

impl<'a> ChoiceEnum<'a> {
    /// The model of `input`. Errors go to `errors`; the model may be
    /// incomplete when there are any (no variants, when `input` is not an
    /// enum).
    pub fn from_input(input: &'a DeriveInput, errors: &Errors) -> ChoiceEnum<'a> {
        let attrs = EnumAttrs::from_attrs(&input.attrs, errors);
        let ident = &input.ident;
        let variants = match &input.data {
            Data::Enum(data) => {
                if data.variants.is_empty() {
                    let enum_token = &data.enum_token;
                    errors.spanned(
                        quote!(#enum_token #ident),
                        "`Choice` needs at least one variant: a value names one of them",
                    );
                }
                Some(&data.variants)
            }
            Data::Struct(data) => {
                let struct_token = &data.struct_token;
                errors.spanned(
                    quote!(#struct_token #ident),
                    "`Choice` can only be derived for an enum of unit variants, not a struct",
                );
                None
            }
            Data::Union(data) => {
                let union_token = &data.union_token;
                errors.spanned(
                    quote!(#union_token #ident),
                    "`Choice` can only be derived for an enum of unit variants, not a union",
                );
                None
            }
        };
        if !input.generics.params.is_empty() {
            errors.spanned(
                &input.generics,
                "`Choice` cannot be derived for a generic enum: its unit variants have no \
                 use for generic parameters",
            );
        }
        let krate = match attrs.krate {
            Some(krate) => krate.value,
            None => crate::manifest::runtime_path(),
        };
        // One variant at a time, so that errors come in the order of the
        // source.
        let mut spellings = Spellings::default();
        let mut choices = Vec::new();
        for variant in variants.into_iter().flatten() {
            let ident = &variant.ident;
            let attrs = VariantAttrs::from_attrs(&variant.attrs, errors);
            if !matches!(variant.fields, Fields::Unit) {
                errors.spanned(
                    &variant.fields,
                    format_args!(
                        "a choice is a unit variant: `{ident}` carries data, which a word \
                         cannot give; read such a value with `#[config(parse_with = ...)]`"
                    ),
                );
            }
            let spelling = match &attrs.rename {
                Some(rename) => {
                    let spelling = checked(&rename.value, errors);
                    spellings.add(spelling, ident, Origin::Rename(&rename.value), errors)
                }
                None => {
                    let spelling = kebab_case(&ident.unraw().to_string());
                    spellings.add(spelling, ident, Origin::Name, errors)
                }
            };
            let aliases = attrs
                .aliases
                .iter()
                .map(|alias| {
                    let spelling = checked(&alias.value, errors);
                    spellings.add(spelling, ident, Origin::Alias(&alias.value), errors)
                })
                .collect();
            choices.push(Variant {
                ident,
                spelling,
                aliases,
            });
        }
        ChoiceEnum {
            ident,
            vis: &input.vis,
            krate,
            variants: choices,
        }
    }
}

/// The value of a `rename` or an `alias`, with an error on the literal
/// unless it is a word that a value can spell and the docs can list.
fn checked(lit: &LitStr, errors: &Errors) -> String {
    let value = lit.value();
    if value.is_empty() {
        errors.spanned(lit, "a choice cannot be empty: an empty variable is unset");
    } else if let Some(bad) = value
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || *c == ',')
    {
        errors.spanned(
            lit,
            format_args!(
                "a choice cannot hold {bad:?}: values are trimmed, and the docs list the \
                 choices separated by `, `"
            ),
        );
    }
    value
}

/// Every spelling seen so far, as a value is matched against it.
#[derive(Default)]
struct Spellings<'a> {
    /// By its folded form: the spelling as written, its variant, and whether
    /// it is an alias.
    seen: HashMap<String, (String, &'a Ident, bool)>,
}

impl<'a> Spellings<'a> {
    /// Records `spelling` of `variant`, with an error on it when a value
    /// spelling it would already name a variant; returns it.
    fn add(
        &mut self,
        spelling: String,
        variant: &'a Ident,
        origin: Origin,
        errors: &Errors,
    ) -> String {
        let folded = fold(&spelling);
        let is_alias = matches!(origin, Origin::Alias(_));
        let Some((first, owner, first_is_alias)) = self.seen.get(&folded) else {
            self.seen
                .insert(folded, (spelling.clone(), variant, is_alias));
            return spelling;
        };
        let what = if *first_is_alias {
            format!("an alias of variant `{owner}`")
        } else {
            format!("the spelling of variant `{owner}`")
        };
        let why = if *first == spelling {
            String::new()
        } else {
            format!(" (`{first}`: choices match ignoring case, and `-` and `_` alike)")
        };
        match origin {
            Origin::Name => errors.spanned(
                variant,
                format_args!(
                    "variant `{variant}` is spelled `{spelling}`, which is already {what}{why}; \
                     give one of them `#[choice(rename = \"...\")]`"
                ),
            ),
            Origin::Rename(lit) | Origin::Alias(lit) => {
                errors.spanned(lit, format_args!("`{spelling}` is already {what}{why}"))
            }
        }
        spelling
    }
}

/// A spelling as values are matched against it: ASCII case aside, `_` as
/// `-`. The runtime's matching (`value/choice.rs`) folds the same way.
fn fold(spelling: &str) -> String {
    spelling
        .chars()
        .map(|c| match c {
            '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spellings of `source`'s variants, or its errors.
    fn spellings(source: &str) -> Result<Vec<(String, Vec<String>)>, Vec<String>> {
        let input: DeriveInput = syn::parse_str(source).expect("an item");
        let errors = Errors::default();
        let model = ChoiceEnum::from_input(&input, &errors);
        let rows = model
            .variants
            .into_iter()
            .map(|variant| (variant.spelling, variant.aliases))
            .collect();
        match errors.finish() {
            None => Ok(rows),
            Some(error) => Err(error.into_iter().map(|e| e.to_string()).collect()),
        }
    }

    #[test]
    fn variants_are_spelled_in_kebab_case_unless_renamed() {
        let rows = spellings(
            "enum Level {
                TraceAll,
                #[choice(rename = \"warn\", alias = \"warning\", alias = \"W\")]
                Warning,
                HTTPOnly,
                r#Type,
            }",
        );
        let expected = [
            ("trace-all", &[][..]),
            ("warn", &["warning", "W"][..]),
            ("http-only", &[]),
            ("type", &[]),
        ]
        .map(|(spelling, aliases)| {
            let aliases = aliases.iter().map(|alias| alias.to_string()).collect();
            (spelling.to_owned(), aliases)
        });
        assert_eq!(rows, Ok(expected.to_vec()));
    }

    #[test]
    fn spellings_that_match_alike_are_errors() {
        let table = [
            (
                "enum E { TraceAll, Trace_All }",
                "variant `Trace_All` is spelled `trace-all`, which is already the spelling of \
                 variant `TraceAll`; give one of them `#[choice(rename = \"...\")]`",
            ),
            (
                "enum E { Warn, #[choice(alias = \"WARN\")] Warning }",
                "`WARN` is already the spelling of variant `Warn` (`warn`: choices match \
                 ignoring case, and `-` and `_` alike)",
            ),
            (
                "enum E { #[choice(alias = \"all\")] A, #[choice(rename = \"all\")] B }",
                "`all` is already an alias of variant `A`",
            ),
            (
                "enum E { #[choice(alias = \"a\")] A }",
                "`a` is already the spelling of variant `A`",
            ),
        ];
        for (source, message) in table {
            assert_eq!(spellings(source), Err(vec![message.to_owned()]), "{source}");
        }
    }
}
