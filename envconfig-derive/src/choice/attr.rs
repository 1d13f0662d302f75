//! Reading `#[choice(...)]` as written: `crate` on the enum, `rename` and
//! `alias` on a variant. What the spellings may hold is the model's
//! business.

use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Path};

use crate::Errors;
use crate::attr::{Attr, Keys, crate_path, read_attrs, set, skip_value, string, unknown_key};
use crate::suggest::Synonym;

/// The attributes of the enum.
#[derive(Default)]
pub struct EnumAttrs {
    /// `crate = "..."`: the path generated code names the runtime crate by.
    pub krate: Option<Attr<Path>>,
}

/// The attributes of one variant.
#[derive(Default)]
pub struct VariantAttrs {
    /// `rename = "..."`: the spelling instead of the kebab-cased name.
    pub rename: Option<Attr<LitStr>>,
    /// `alias = "..."`, as often as written.
    pub aliases: Vec<Attr<LitStr>>,
}

const ENUM_KEYS: &[&str] = &["crate"];
const VARIANT_KEYS: &[&str] = &["rename", "alias"];

const ENUM: Keys = Keys {
    attr: "choice",
    place: "on the enum",
    allowed: ENUM_KEYS,
    synonyms: &[Synonym {
        written: &["rename_all"],
        meant: None,
        hint: "variants are spelled in kebab-case; `#[choice(rename = \"...\")]` on a variant \
               spells it otherwise",
    }],
};

/// The keys of a variant, as serde, strum and clap's `ValueEnum` name them.
const VARIANT: Keys = Keys {
    attr: "choice",
    place: "on a variant",
    allowed: VARIANT_KEYS,
    synonyms: &[
        Synonym {
            written: &["serialize", "to_string", "name"],
            meant: Some("rename"),
            hint: "`rename = \"spelling\"` replaces the variant's spelling",
        },
        Synonym {
            written: &["aliases"],
            meant: Some("alias"),
            hint: "`alias = \"spelling\"`, once for each spelling",
        },
    ],
};

impl EnumAttrs {
    pub fn from_attrs(attrs: &[Attribute], errors: &Errors) -> EnumAttrs {
        let mut parsed = EnumAttrs::default();
        read_attrs(attrs, &ENUM, errors, |meta| parsed.read_key(meta, errors));
        parsed
    }

    fn read_key(&mut self, meta: &ParseNestedMeta, errors: &Errors) -> syn::Result<()> {
        let key = meta.path.get_ident().cloned();
        match key {
            Some(key) if key == "crate" => {
                if let Some(value) = crate_path(meta, &key, errors)? {
                    set(&mut self.krate, key, value, errors);
                }
                Ok(())
            }
            Some(key) if VARIANT_KEYS.contains(&&*key.to_string()) => {
                errors.spanned(
                    &key,
                    format_args!(
                        "`{key}` is a variant attribute; on the enum, `#[choice]` takes only \
                         `crate`"
                    ),
                );
                skip_value(meta)
            }
            _ => unknown_key(meta, errors, &ENUM),
        }
    }
}

impl VariantAttrs {
    pub fn from_attrs(attrs: &[Attribute], errors: &Errors) -> VariantAttrs {
        let mut parsed = VariantAttrs::default();
        read_attrs(attrs, &VARIANT, errors, |meta| {
            parsed.read_key(meta, errors)
        });
        parsed
    }

    fn read_key(&mut self, meta: &ParseNestedMeta, errors: &Errors) -> syn::Result<()> {
        let key = meta.path.get_ident().cloned();
        match key {
            Some(key) if key == "rename" => {
                if let Some(value) = string(meta, &key, "`rename = \"spelling\"`", errors)? {
                    set(&mut self.rename, key, value, errors);
                }
                Ok(())
            }
            Some(key) if key == "alias" => {
                if let Some(value) = string(meta, &key, "`alias = \"spelling\"`", errors)? {
                    // Repeatable: a choice may have several other names.
                    self.aliases.push(Attr { key, value });
                }
                Ok(())
            }
            Some(key) if key == "crate" => {
                errors.spanned(
                    &key,
                    "`crate` is an enum attribute: it names the envconfig crate for the \
                     whole derive",
                );
                skip_value(meta)
            }
            _ => unknown_key(meta, errors, &VARIANT),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::closest;

    #[test]
    fn typos_find_the_key_meant() {
        let table = [
            ("renam", Some("rename")),
            ("rname", Some("rename")),
            ("alais", Some("alias")),
            ("alias", Some("alias")),
            ("name", Some("rename")),
            ("value", None),
            ("aliases", None),
        ];
        for (written, meant) in table {
            assert_eq!(closest(written, VARIANT_KEYS), meant, "{written}");
        }
    }
}
