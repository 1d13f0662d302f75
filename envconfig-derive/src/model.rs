//! The validated description of one config struct: every rule checked here,
//! each error spanned on what the user wrote, names resolved, and each
//! field's parser chosen from the syntax of its type. What is left for
//! `expand` is writing it out.

use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream};
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, LitStr, Path, Type};

use crate::Errors;
use crate::attr::{self, Attr, FieldAttrs, StructAttrs};
use crate::default_check::{ChoiceDefault, check_field_default};
use crate::doc::Doc;
use crate::expr_text::expr_text;
use crate::name::{VarName, check_var_name, checked_prefix, is_var_name, screaming_snake_case};
use crate::parser::{Parser, Within, parser};
use crate::range;
use crate::ty::{Wrapper, holds_secret, wrapped};

mod nested;
pub use self::nested::Switch;

/// One config struct.
pub struct Config<'a> {
    pub ident: Ident,
    /// The runtime crate: `::envconfig`, or `#[config(crate = "...")]`.
    pub krate: Path,
    /// `#[config(prefix = "...")]`, or empty.
    pub prefix: String,
    /// `#[config(secrets_dir = "/run/secrets")]`: an absolute path.
    pub secrets_dir: Option<String>,
    pub fields: Vec<Field<'a>>,
    /// `#[config(validate = path)]` on the struct: a rule across fields.
    pub validate: Option<Path>,
}

pub struct Field<'a> {
    pub member: Ident,
    /// The field's type, as written.
    pub ty: &'a Type,
    pub kind: FieldKind<'a>,
    /// No mistake in its attributes: the compiler may check its items.
    pub sound: bool,
}

pub enum FieldKind<'a> {
    /// One variable.
    Var(Box<Var<'a>>),
    /// `#[config(nested)]`: a struct of variables of its own.
    Nested {
        /// The struct: the field's type, or `T` of an `Option<T>` group.
        group_ty: &'a Type,
        /// What switches an `Option` group on.
        switch: Option<Switch>,
        /// Appended to the parent's prefix: `DB_`.
        prefix: String,
        /// The field's doc comment: the title of its variables' group in
        /// the docs.
        doc: Doc,
        /// Where the prefix comes from: the field's name or its `prefix`.
        prefix_span: Span,
    },
}

/// A field read from one variable.
pub struct Var<'a> {
    /// Its place in the struct's table of variables.
    pub index: usize,
    pub name: VarName,
    /// Where the name comes from: the field's name or its `env`.
    pub name_span: Span,
    pub doc: Doc,
    pub example: Option<String>,
    /// `#[config(secret)]`, or a secret type (`SecretString`,
    /// `Option<SecretBox<T>>`, ...), whatever parses it.
    pub secret: bool,
    pub presence: Presence,
    pub parser: Parser<'a>,
    /// `alias = "OLD_NAME"`: exact names read when the variable is unset,
    /// each with where it is written.
    pub aliases: Vec<(String, Span)>,
    /// `deprecated = "note"`.
    pub deprecated: Option<String>,
    /// `value_name = "URL"`: what the docs call the value.
    pub value_name: Option<String>,
    /// What the parser gives: the field's type, or `T` of an `Option<T>`.
    pub value_ty: &'a Type,
    /// A string default left to the compiler to check, should its type be
    /// a `Choice`.
    pub choice_default: Option<ChoiceDefault<'a>>,
}

/// What an unset variable means. An `Option` field has no default: unset is
/// its `None`.
pub enum Presence {
    Required,
    Default(DefaultValue),
    /// An `Option<_>` field.
    Optional,
}

pub enum DefaultValue {
    /// `default = "30s"`: parsed like the variable.
    Parsed(String),
    /// `default = <expr>`: the expression, and its text for the docs.
    Expr { tokens: TokenStream, text: String },
}

impl<'a> Config<'a> {
    /// The model of `input`. Errors go to `errors`; the model may be
    /// incomplete when there are any (no fields, when `input` is not a struct
    /// with named fields).
    pub fn from_input(input: &'a DeriveInput, errors: &Errors) -> Config<'a> {
        let attrs = StructAttrs::from_attrs(&input.attrs, errors);
        let ident = &input.ident;
        let named = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => Some(named),
                Fields::Unnamed(fields) => {
                    errors.spanned(
                        fields,
                        "`Config` needs named fields: each field names its variable",
                    );
                    None
                }
                Fields::Unit => {
                    errors.spanned(
                        ident,
                        "`Config` needs a struct with named fields, one per variable",
                    );
                    None
                }
            },
            Data::Enum(data) => {
                let enum_token = &data.enum_token;
                // An enum of unit variants is most likely a variable's values.
                let units = data
                    .variants
                    .iter()
                    .all(|variant| variant.fields.is_empty());
                let hint = if units && !data.variants.is_empty() {
                    "; to read a variable as one of its variants, derive `Choice`"
                } else {
                    ""
                };
                errors.spanned(
                    quote::quote!(#enum_token #ident),
                    format_args!(
                        "`Config` can only be derived for a struct with named fields, not an \
                         enum{hint}"
                    ),
                );
                None
            }
            Data::Union(data) => {
                let union_token = &data.union_token;
                errors.spanned(
                    quote::quote!(#union_token #ident),
                    "`Config` can only be derived for a struct with named fields, not a union",
                );
                None
            }
        };
        if !input.generics.params.is_empty() {
            errors.spanned(
                &input.generics,
                "`Config` cannot be derived for a generic struct: its variables and their \
                 types must be known from the struct alone",
            );
        }
        let prefix = match &attrs.prefix {
            Some(prefix) => checked_prefix(&prefix.value, errors),
            None => String::new(),
        };
        let krate = match attrs.krate {
            Some(krate) => krate.value,
            None => crate::manifest::runtime_path(),
        };
        let mut fields = Vec::new();
        let mut vars = 0;
        for field in named.into_iter().flat_map(|named| &named.named) {
            // Always there: the fields are named.
            let Some(member) = field.ident.clone() else {
                continue;
            };
            let before = errors.count();
            // `field: T = value` (unstable `default_field_values`): syn 2
            // refused to parse it; syn 3 parses it, and ignoring it would
            // let an unset variable silently skip the value written there.
            if let Some((eq_token, value)) = &field.default {
                let text = expr_text(&quote::ToTokens::to_token_stream(value));
                errors.spanned(
                    quote::quote!(#eq_token #value),
                    format_args!(
                        "the default of a variable is written `#[config(default = {text})]`, \
                         not `= {text}`"
                    ),
                );
            }
            let attrs = FieldAttrs::from_attrs(&field.attrs, errors);
            let kind = if attrs.nested.is_some() {
                nested::nested(&member, &field.ty, attrs, errors)
            } else {
                nested::not_on_a_var(&attrs, errors);
                let index = vars;
                vars += 1;
                FieldKind::Var(Box::new(var(index, &member, &field.ty, attrs, errors)))
            };
            fields.push(Field {
                member,
                ty: &field.ty,
                kind,
                sound: errors.count() == before,
            });
        }
        let config = Config {
            ident: ident.clone(),
            krate,
            prefix,
            fields,
            validate: attrs.validate.map(|validate| validate.value),
            secrets_dir: attrs
                .secrets_dir
                .and_then(|dir| nested::secrets_dir(&dir.value, errors)),
        };
        config.check_names(errors);
        nested::check_switches(&config, errors);
        config
    }

    /// Two fields reading one variable, or a field reading what another's
    /// `NAME_FILE` variant means.
    fn check_names(&self, errors: &Errors) {
        let mut vars: HashMap<String, &Ident> = HashMap::new();
        let mut nested: HashMap<&str, &Ident> = HashMap::new();
        for field in &self.fields {
            match &field.kind {
                FieldKind::Var(var) => {
                    let name = var.name.resolve(&self.prefix);
                    if let Some(first) = vars.get(&name) {
                        errors.at(
                            var.name_span,
                            format_args!("`{name}` is already the variable of field `{first}`"),
                        );
                    } else {
                        vars.insert(name, &field.member);
                    }
                }
                FieldKind::Nested {
                    prefix,
                    prefix_span,
                    ..
                } if !prefix.is_empty() => {
                    if let Some(first) = nested.get(&**prefix) {
                        errors.at(
                            *prefix_span,
                            format_args!(
                                "`{}{prefix}` is already the prefix of nested field `{first}`",
                                self.prefix
                            ),
                        );
                    } else {
                        nested.insert(prefix, &field.member);
                    }
                }
                FieldKind::Nested { .. } => {}
            }
        }
        // An alias is read when its variable is unset: it cannot be another
        // field's variable, nor another field's alias.
        let mut aliases: HashMap<&str, &Ident> = HashMap::new();
        for field in &self.fields {
            let FieldKind::Var(var) = &field.kind else {
                continue;
            };
            for (alias, span) in &var.aliases {
                if vars.get(alias) == Some(&&field.member) {
                    errors.at(
                        *span,
                        format_args!(
                            "`{alias}` is this field's own variable: an alias is another \
                             name, read when the variable is unset"
                        ),
                    );
                } else if let Some(owner) = vars.get(alias) {
                    errors.at(
                        *span,
                        format_args!(
                            "`{alias}` is the variable of field `{owner}`, so it cannot be \
                             an alias of `{}`",
                            field.member
                        ),
                    );
                } else if let Some(first) = aliases.get(&**alias) {
                    let message = if *first == &field.member {
                        format!("duplicate alias `{alias}`")
                    } else {
                        format!("`{alias}` is already an alias of field `{first}`")
                    };
                    errors.at(*span, message);
                } else {
                    aliases.insert(alias, &field.member);
                }
            }
        }
        // An alias is read through its `NAME_FILE` too.
        for field in &self.fields {
            let FieldKind::Var(var) = &field.kind else {
                continue;
            };
            let name = var.name.resolve(&self.prefix);
            let own = var
                .aliases
                .iter()
                .map(|(alias, span)| (alias.as_str(), *span));
            for (name, span) in [(name.as_str(), var.name_span)].into_iter().chain(own) {
                let Some(base) = name.strip_suffix("_FILE") else {
                    continue;
                };
                let whose = match (vars.get(base), aliases.get(base)) {
                    (Some(other), _) => format!("field `{other}`"),
                    (None, Some(other)) => format!("an alias of field `{other}`"),
                    (None, None) => continue,
                };
                errors.at(
                    span,
                    format_args!(
                        "`{name}` is ambiguous: by the `NAME_FILE` convention it names a file \
                         holding `{base}` ({whose}); rename one of them"
                    ),
                );
            }
        }
    }
}

fn var<'a>(
    index: usize,
    member: &Ident,
    ty: &'a Type,
    attrs: FieldAttrs,
    errors: &Errors,
) -> Var<'a> {
    if let Some(prefix) = &attrs.prefix {
        errors.spanned(
            &prefix.key,
            "`prefix` is for `nested` fields; to name this field's variable, use `env = \"NAME\"`",
        );
    }
    let (name, name_span) = match &attrs.env {
        Some(env) => {
            check_var_name(&env.value, false, errors);
            (VarName::Exact(env.value.value()), env.value.span())
        }
        None => {
            let name = screaming_snake_case(&member.unraw().to_string());
            if !is_var_name(&name) {
                errors.spanned(
                    member,
                    format_args!(
                        "`{name}` is not a portable variable name (ASCII letters, digits and `_`); \
                         name the variable with `env = \"NAME\"`"
                    ),
                );
            }
            (VarName::Suffix(name), member.span())
        }
    };
    let (optional, value_ty) = match wrapped(ty) {
        Some((Wrapper::Option, inner)) => (true, inner),
        _ => (false, ty),
    };
    let has_parse_with = attrs.parse_with.is_some();
    let presence = match &attrs.default {
        Some(default) if optional => {
            errors.spanned(
                &default.key,
                "`default` cannot be used on an `Option` field: an unset variable is `None`",
            );
            Presence::Optional
        }
        None if optional => Presence::Optional,
        None => Presence::Required,
        Some(Attr {
            value: attr::DefaultValue::Parsed(text),
            ..
        }) => Presence::Default(DefaultValue::Parsed(text.value())),
        Some(Attr {
            value: attr::DefaultValue::Expr(tokens),
            ..
        }) => Presence::Default(DefaultValue::Expr {
            text: expr_text(tokens),
            tokens: tokens.clone(),
        }),
    };
    let parser = match attrs.parse_with {
        Some(path) => {
            if let Some(separator) = &attrs.separator {
                errors.spanned(
                    &separator.key,
                    "`separator` cannot be used with `parse_with`: \
                     the function receives the whole value",
                );
            }
            Parser::With(path.value)
        }
        None => {
            let separator = attrs.separator.as_ref().map(|separator| &separator.value);
            let parser = parser(value_ty, separator, Within::Field(optional), errors);
            if let (Some(attr), false) = (&attrs.separator, parser.has_list()) {
                errors.spanned(
                    &attr.key,
                    "`separator` is for `Vec<_>` fields: this field holds one value",
                );
            }
            parser
        }
    };
    let range = attrs
        .range
        .as_ref()
        .and_then(|attr| range::range(&attr.value, errors));
    // A default is checked when the program compiles, not when it starts:
    // a service must not fail to start on its own default. Behind
    // `parse_with`, only the user's function knows. On an `Option`, the
    // default is already an error of its own.
    let choice_default = match has_parse_with {
        false => check_field_default(
            value_ty,
            attrs
                .default
                .as_ref()
                .filter(|_| !optional)
                .map(|default| &default.value),
            attrs.separator.as_ref().map(|attr| &attr.value),
            range.as_ref(),
            errors,
        ),
        true => None,
    };
    // A range bounds each value (each item of a list); `validate` sees the
    // field's whole value.
    let parser = match range {
        Some(range) => parser.bound_by(range),
        None => parser,
    };
    let parser = match attrs.validate {
        Some(check) => Parser::Validated {
            inner: Box::new(parser),
            check: check.value,
        },
        None => parser,
    };
    let aliases = attrs
        .aliases
        .iter()
        .map(|alias| {
            check_var_name(&alias.value, false, errors);
            (alias.value.value(), alias.value.span())
        })
        .collect();
    Var {
        index,
        name,
        name_span,
        doc: attrs.doc,
        example: text(attrs.example, "an empty variable is unset", errors),
        secret: attrs.secret.is_some() || holds_secret(ty),
        presence,
        parser,
        aliases,
        deprecated: text(attrs.deprecated, "it says what to do instead", errors),
        value_name: text(attrs.value_name, "it names the value in the docs", errors),
        value_ty,
        choice_default,
    }
}

/// The text of `example`, `deprecated` or `value_name`, which the docs and
/// warnings show: a blank one would show as nothing (`Deprecated: .`). An
/// example of spaces is a value, of a string.
fn text(attr: Option<Attr<LitStr>>, why: &str, errors: &Errors) -> Option<String> {
    let Attr { key, value } = attr?;
    let text = value.value();
    let nothing = match key == "example" {
        true => text.is_empty(),
        false => text.trim().is_empty(),
    };
    if nothing {
        errors.spanned(&value, format_args!("`{key}` cannot be empty: {why}"));
    }
    Some(text)
}
