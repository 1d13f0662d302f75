//! Reading `#[config(...)]` and doc comments, as written: every key once,
//! each value of the right syntax. Whether keys go together is the model's
//! business; this file only keeps each key's span for its errors. The
//! readers of single keys serve `#[choice(...)]` too.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, LitStr, Path, PathArguments, Token};

use crate::Errors;
use crate::doc::{Doc, doc_comment};
use crate::suggest::{FIELD_SYNONYMS, STRUCT_SYNONYMS, Synonym, suggestion};

/// One key as written: the key itself, for errors about its use, and its
/// value.
pub struct Attr<T> {
    pub key: Ident,
    pub value: T,
}

/// The attributes of the struct.
#[derive(Default)]
pub struct StructAttrs {
    pub prefix: Option<Attr<LitStr>>,
    /// `crate = "..."`: the path generated code names the runtime crate by.
    pub krate: Option<Attr<Path>>,
    /// `validate = path::to::fn`: a rule across the struct's fields.
    pub validate: Option<Attr<Path>>,
    /// `secrets_dir = "/run/secrets"`: where unset variables are read from.
    pub secrets_dir: Option<Attr<LitStr>>,
}

/// The attributes of one field.
#[derive(Default)]
pub struct FieldAttrs {
    pub env: Option<Attr<LitStr>>,
    pub default: Option<Attr<DefaultValue>>,
    pub secret: Option<Attr<()>>,
    pub nested: Option<Attr<()>>,
    pub prefix: Option<Attr<LitStr>>,
    pub separator: Option<Attr<LitStr>>,
    pub parse_with: Option<Attr<Path>>,
    pub example: Option<Attr<LitStr>>,
    /// `alias = "OLD_NAME"`, as often as written.
    pub aliases: Vec<Attr<LitStr>>,
    /// `deprecated = "note"`.
    pub deprecated: Option<Attr<LitStr>>,
    /// `range = A..=B`, as written.
    pub range: Option<Attr<TokenStream>>,
    /// `validate = path::to::fn`.
    pub validate: Option<Attr<Path>>,
    /// `value_name = "URL"`.
    pub value_name: Option<Attr<LitStr>>,
    /// `enabled_by = field`, on an optional group.
    pub enabled_by: Option<Attr<Path>>,
    /// The doc comment.
    pub doc: Doc,
}

/// `default = ...`.
pub enum DefaultValue {
    /// A string literal, parsed like an environment value.
    Parsed(LitStr),
    /// Anything else: a Rust expression, kept as tokens (with their spans, so
    /// that the compiler's errors about it point into the attribute).
    Expr(TokenStream),
}

pub const STRUCT_KEYS: &[&str] = &["prefix", "crate", "validate", "secrets_dir"];
pub const FIELD_KEYS: &[&str] = &[
    "env",
    "default",
    "secret",
    "nested",
    "prefix",
    "separator",
    "parse_with",
    "example",
    "alias",
    "deprecated",
    "range",
    "validate",
    "value_name",
    "enabled_by",
];

impl StructAttrs {
    pub fn from_attrs(attrs: &[Attribute], errors: &Errors) -> StructAttrs {
        let mut parsed = StructAttrs::default();
        read_attrs(attrs, &STRUCT, errors, |meta| parsed.read_key(meta, errors));
        parsed
    }

    fn read_key(&mut self, meta: &ParseNestedMeta, errors: &Errors) -> syn::Result<()> {
        let Some(key) = meta.path.get_ident().cloned() else {
            return unknown_key(meta, errors, &STRUCT);
        };
        if key == "prefix" {
            if let Some(value) = string(meta, &key, "`prefix = \"APP_\"`", errors)? {
                set(&mut self.prefix, key, value, errors);
            }
            Ok(())
        } else if key == "crate" {
            if let Some(value) = crate_path(meta, &key, errors)? {
                set(&mut self.krate, key, value, errors);
            }
            Ok(())
        } else if key == "validate" {
            let usage = "`validate = path::to::function`, a `fn(&Self) -> Result<(), Violation>`";
            if let Some(value) = path(meta, &key, FUNCTION, usage, errors)? {
                set(&mut self.validate, key, value, errors);
            }
            Ok(())
        } else if key == "secrets_dir" {
            if let Some(value) = string(meta, &key, "`secrets_dir = \"/run/secrets\"`", errors)? {
                set(&mut self.secrets_dir, key, value, errors);
            }
            Ok(())
        } else if FIELD_KEYS.contains(&&*key.to_string()) {
            errors.spanned(
                &key,
                format_args!(
                    "`{key}` is a field attribute; on a struct, `#[config]` takes `prefix`, \
                     `crate`, `validate` and `secrets_dir`"
                ),
            );
            skip_value(meta)
        } else {
            unknown_key(meta, errors, &STRUCT)
        }
    }
}

impl FieldAttrs {
    pub fn from_attrs(attrs: &[Attribute], errors: &Errors) -> FieldAttrs {
        let mut parsed = FieldAttrs {
            doc: doc_comment(attrs),
            ..FieldAttrs::default()
        };
        read_attrs(attrs, &FIELD, errors, |meta| parsed.read_key(meta, errors));
        parsed
    }

    fn read_key(&mut self, meta: &ParseNestedMeta, errors: &Errors) -> syn::Result<()> {
        let Some(key) = meta.path.get_ident().cloned() else {
            return unknown_key(meta, errors, &FIELD);
        };
        match &*key.to_string() {
            "env" => {
                if let Some(value) = string(meta, &key, "`env = \"NAME\"`", errors)? {
                    set(&mut self.env, key, value, errors);
                }
            }
            "default" => {
                if let Some(value) = default(meta, &key, errors)? {
                    set(&mut self.default, key, value, errors);
                }
            }
            "secret" => {
                if flag(meta, &key, errors)? {
                    set(&mut self.secret, key, (), errors);
                }
            }
            "nested" => {
                if flag(meta, &key, errors)? {
                    set(&mut self.nested, key, (), errors);
                }
            }
            "prefix" => {
                if let Some(value) = string(meta, &key, "`nested, prefix = \"DB_\"`", errors)? {
                    set(&mut self.prefix, key, value, errors);
                }
            }
            "separator" => {
                if let Some(value) = string(meta, &key, "`separator = \",\"`", errors)? {
                    set(&mut self.separator, key, value, errors);
                }
            }
            "parse_with" => {
                let usage = "`parse_with = path::to::function`, a `fn(&str) -> Result<T, E>`";
                if let Some(value) = path(meta, &key, FUNCTION, usage, errors)? {
                    set(&mut self.parse_with, key, value, errors);
                }
            }
            "example" => {
                if let Some(value) = string(meta, &key, "`example = \"...\"`", errors)? {
                    set(&mut self.example, key, value, errors);
                }
            }
            "alias" => {
                if let Some(value) = string(meta, &key, "`alias = \"OLD_NAME\"`", errors)? {
                    // Repeatable: a variable may have been renamed twice.
                    self.aliases.push(Attr { key, value });
                }
            }
            "range" => {
                let usage = "`range = A..=B`, `range = A..` or `range = ..=B`";
                if let Some(value) = value_of(meta, &key, usage, errors)? {
                    set(&mut self.range, key, value, errors);
                }
            }
            "validate" => {
                let usage = "`validate = path::to::function`, a `fn(&T) -> Result<(), E>`";
                if let Some(value) = path(meta, &key, FUNCTION, usage, errors)? {
                    set(&mut self.validate, key, value, errors);
                }
            }
            "enabled_by" => {
                let usage = "`enabled_by = field`, a `bool` field of this struct";
                if let Some(value) = path(meta, &key, "the name of a field", usage, errors)? {
                    set(&mut self.enabled_by, key, value, errors);
                }
            }
            "value_name" => {
                if let Some(value) = string(meta, &key, "`value_name = \"URL\"`", errors)? {
                    set(&mut self.value_name, key, value, errors);
                }
            }
            "deprecated" => {
                let usage = "`deprecated = \"what to do instead\"`";
                if let Some(value) = string(meta, &key, usage, errors)? {
                    set(&mut self.deprecated, key, value, errors);
                }
            }
            "crate" | "secrets_dir" => {
                let what = if key == "crate" {
                    "it names the envconfig crate for the whole derive"
                } else {
                    "`#[config(secrets_dir = \"/run/secrets\")]` above the struct reads any of \
                     its variables from that directory"
                };
                errors.spanned(&key, format_args!("`{key}` is a struct attribute: {what}"));
                return skip_value(meta);
            }
            _ => return unknown_key(meta, errors, &FIELD),
        }
        Ok(())
    }
}

/// Reads every key of every `#[config(...)]` (or whichever attribute
/// `keys` are of) in `attrs` with `read_key`.
pub fn read_attrs(
    attrs: &[Attribute],
    keys: &Keys,
    errors: &Errors,
    mut read_key: impl FnMut(&ParseNestedMeta) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(keys.attr)) {
        let result = attr.parse_nested_meta(|meta| {
            // `secrets-dir`: no key has a `-`, and the key's own reader
            // would take the `-` for its value (`env-name` for `env`).
            if meta.input.peek(Token![-]) {
                unknown_key(&meta, errors, keys)
            } else {
                read_key(&meta)
            }
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
}

/// Keeps the first value of a key; a second one is an error on its key.
pub fn set<T>(slot: &mut Option<Attr<T>>, key: Ident, value: T, errors: &Errors) {
    if slot.is_some() {
        errors.spanned(&key, format_args!("duplicate `{key}`"));
    } else {
        *slot = Some(Attr { key, value });
    }
}

/// The keys an attribute takes in one place, for the error on any other.
pub struct Keys {
    /// `config`, `choice`.
    pub attr: &'static str,
    /// `on a field`.
    pub place: &'static str,
    pub allowed: &'static [&'static str],
    /// Other crates' names for the keys.
    pub synonyms: &'static [Synonym],
}

const STRUCT: Keys = Keys {
    attr: "config",
    place: "on a struct",
    allowed: STRUCT_KEYS,
    synonyms: STRUCT_SYNONYMS,
};

const FIELD: Keys = Keys {
    attr: "config",
    place: "on a field",
    allowed: FIELD_KEYS,
    synonyms: FIELD_SYNONYMS,
};

/// An error on a key that is none of `keys`, with the key meant or the
/// keys it takes.
pub fn unknown_key(meta: &ParseNestedMeta, errors: &Errors, keys: &Keys) -> syn::Result<()> {
    let Keys {
        attr,
        place,
        allowed,
        synonyms,
    } = keys;
    let mut path = meta.path.to_token_stream();
    // A key written with `-`, as in a command's flags: `secrets-dir`.
    while meta.input.peek(Token![-]) && meta.input.peek2(Ident::peek_any) {
        path.extend([
            meta.input.parse::<Token![-]>()?.into_token_stream(),
            meta.input.call(Ident::parse_any)?.into_token_stream(),
        ]);
    }
    let written = path.to_string().replace(' ', "");
    let allowed_list = allowed
        .iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let message = match suggestion(&written.replace('-', "_"), allowed, synonyms) {
        Some(suggestion) => format!("unknown attribute `{written}`: {suggestion}"),
        None if allowed.len() == 1 => {
            format!("unknown attribute `{written}`; {place}, `#[{attr}]` takes only {allowed_list}")
        }
        None => format!("unknown attribute `{written}`; {place}, `#[{attr}]` takes {allowed_list}"),
    };
    errors.spanned(&path, message);
    skip_value(meta)
}

/// The tokens after `key =`, up to the next key; `None` (with an error
/// showing `usage`) when the key has no `=`.
fn value_of(
    meta: &ParseNestedMeta,
    key: &Ident,
    usage: &str,
    errors: &Errors,
) -> syn::Result<Option<TokenStream>> {
    if !meta.input.peek(Token![=]) {
        errors.spanned(key, format_args!("`{key}` needs a value: {usage}"));
        skip_value(meta)?;
        return Ok(None);
    }
    until_comma(meta.value()?).map(Some)
}

/// What an error about a value points at: the value, or the key when the
/// value is missing (`env = ,`).
fn value_or_key(tokens: TokenStream, key: &Ident) -> TokenStream {
    if tokens.is_empty() {
        key.to_token_stream()
    } else {
        tokens
    }
}

/// `key = "..."`; `None` (with an error recorded) when the value is not a
/// string.
pub fn string(
    meta: &ParseNestedMeta,
    key: &Ident,
    usage: &str,
    errors: &Errors,
) -> syn::Result<Option<LitStr>> {
    let Some(tokens) = value_of(meta, key, usage, errors)? else {
        return Ok(None);
    };
    match syn::parse2::<LitStr>(tokens.clone()) {
        Ok(lit) => Ok(Some(lit)),
        Err(_) => {
            errors.spanned(
                value_or_key(tokens, key),
                format_args!("`{key}` takes a string literal: {usage}"),
            );
            Ok(None)
        }
    }
}

/// A key with no value: `secret`, `nested`.
fn flag(meta: &ParseNestedMeta, key: &Ident, errors: &Errors) -> syn::Result<bool> {
    if meta.input.is_empty() || meta.input.peek(Token![,]) {
        return Ok(true);
    }
    errors.spanned(
        key,
        format_args!("`{key}` takes no value: write `#[config({key})]`"),
    );
    skip_value(meta)?;
    Ok(false)
}

fn default(
    meta: &ParseNestedMeta,
    key: &Ident,
    errors: &Errors,
) -> syn::Result<Option<DefaultValue>> {
    const USAGE: &str =
        "`default = \"30s\"` (parsed like the variable) or `default = <expression>`";
    let Some(tokens) = value_of(meta, key, USAGE, errors)? else {
        return Ok(None);
    };
    if tokens.is_empty() {
        errors.spanned(key, format_args!("`default` needs a value: {USAGE}"));
        return Ok(None);
    }
    Ok(Some(match syn::parse2::<LitStr>(tokens.clone()) {
        Ok(lit) => DefaultValue::Parsed(lit),
        Err(_) => DefaultValue::Expr(tokens),
    }))
}

/// What `parse_with` and `validate` take.
const FUNCTION: &str = "a path to a function";

/// `key = path::to::function`, or `key = field`: `expected` says which.
fn path(
    meta: &ParseNestedMeta,
    key: &Ident,
    expected: &str,
    usage: &str,
    errors: &Errors,
) -> syn::Result<Option<Path>> {
    let Some(tokens) = value_of(meta, key, usage, errors)? else {
        return Ok(None);
    };
    match syn::parse2::<Path>(tokens.clone()) {
        Ok(mut path) => {
            // `parse::<T>` is how a path is written in an expression.
            for segment in &mut path.segments {
                if let PathArguments::AngleBracketed(args) = &mut segment.arguments {
                    args.colon2_token
                        .get_or_insert_with(|| Token![::](args.lt_token.span));
                }
            }
            Ok(Some(path))
        }
        Err(_) => {
            // serde writes its paths in strings (`with = "module"`).
            let quoted = syn::parse2::<LitStr>(tokens.clone())
                .ok()
                .filter(|lit| lit.parse::<Path>().is_ok());
            let message = match quoted {
                Some(lit) => format!(
                    "`{key}` takes {expected}, without quotes: `{key} = {}`",
                    lit.value()
                ),
                None => format!("expected {expected}: {usage}"),
            };
            errors.spanned(value_or_key(tokens, key), message);
            Ok(None)
        }
    }
}

/// `crate = "path"`, as serde has it: for code that reaches envconfig under
/// another name (a renamed dependency, a re-export).
pub fn crate_path(
    meta: &ParseNestedMeta,
    key: &Ident,
    errors: &Errors,
) -> syn::Result<Option<Path>> {
    const USAGE: &str = "`crate = \"path::to::envconfig\"`";
    let Some(lit) = string(meta, key, USAGE, errors)? else {
        return Ok(None);
    };
    // Spanned on the literal, so that a path that does not resolve is an
    // error there.
    match lit.parse::<Path>() {
        Ok(path) => Ok(Some(path)),
        Err(_) => {
            errors.spanned(
                &lit,
                format_args!(
                    "`crate` takes a path to the envconfig crate, such as {USAGE}, not `{}`",
                    lit.value()
                ),
            );
            Ok(None)
        }
    }
}

mod tokens;

pub use self::tokens::skip_value;
use self::tokens::until_comma;

#[cfg(test)]
mod tests;
