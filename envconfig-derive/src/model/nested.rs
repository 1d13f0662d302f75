//! Nested fields: `#[config(nested)] db: Db`, a struct of variables of its
//! own, and optional groups, `#[config(nested)] tls: Option<Tls>`, switched
//! on by any of its variables being set, or by `enabled_by = field`, a
//! `bool` field declared before it.

use proc_macro2::Ident;
use syn::ext::IdentExt;
use syn::{LitStr, Path, Type};

use super::{Config, FieldKind};
use crate::Errors;
use crate::attr::{Attr, FieldAttrs};
use crate::name::{checked_prefix, screaming_snake_case};
use crate::ty::{Wrapper, wrapped};

/// What switches an optional group on.
pub enum Switch {
    /// Any of its variables being set.
    AnySet,
    /// `enabled_by = field`: that `bool` field.
    EnabledBy(Ident),
}

/// The group's type (`Tls` of `Option<Tls>`) and its switch, if the
/// nested field of type `ty` is optional.
fn switch<'a>(
    ty: &'a Type,
    enabled_by: Option<Attr<Path>>,
    errors: &Errors,
) -> (&'a Type, Option<Switch>) {
    let enabled_by = enabled_by.and_then(|attr| match attr.value.get_ident() {
        Some(ident) => Some((attr.key, ident.clone())),
        None => {
            errors.spanned(
                &attr.value,
                "`enabled_by` names a `bool` field of this struct",
            );
            None
        }
    });
    // A group is one struct, or an `Option` of one: anything else would be
    // an error about a missing `Config` impl, away from what is wrong.
    let group = match wrapped(ty) {
        Some((Wrapper::Option, inner)) => inner,
        _ => ty,
    };
    if let Some((wrapper, _)) = wrapped(group) {
        let why = match wrapper {
            Wrapper::Option => "nested `Option` is not supported: an optional group is `Option<T>`",
            Wrapper::Vec => "a `nested` field is one group of variables, not a list of them",
            Wrapper::SecretBox => {
                "a `nested` group cannot be secret as a whole: mark the nested struct's \
                 fields as secret"
            }
        };
        errors.spanned(group, why);
        return (ty, None);
    }
    match (wrapped(ty), enabled_by) {
        (Some((Wrapper::Option, group)), Some((_, field))) => {
            (group, Some(Switch::EnabledBy(field)))
        }
        (Some((Wrapper::Option, group)), None) => (group, Some(Switch::AnySet)),
        (_, Some((key, _))) => {
            errors.spanned(
                &key,
                "`enabled_by` switches an optional group: \
                 `#[config(nested, enabled_by = tls_enabled)] tls: Option<Tls>`",
            );
            (ty, None)
        }
        (_, None) => (ty, None),
    }
}

/// `enabled_by` on a field that is no nested group.
pub fn not_on_a_var(attrs: &FieldAttrs, errors: &Errors) {
    if let Some(attr) = &attrs.enabled_by {
        errors.spanned(
            &attr.key,
            "`enabled_by` switches an optional group: \
             `#[config(nested, enabled_by = tls_enabled)] tls: Option<Tls>`",
        );
    }
}

/// Each `enabled_by` names a `bool` field declared before its group, which
/// is read first.
pub fn check_switches(config: &Config, errors: &Errors) {
    for (place, field) in config.fields.iter().enumerate() {
        let FieldKind::Nested {
            switch: Some(Switch::EnabledBy(name)),
            ..
        } = &field.kind
        else {
            continue;
        };
        let Some(at) = config.fields.iter().position(|other| other.member == *name) else {
            errors.spanned(name, format_args!("no field `{name}` in this struct"));
            continue;
        };
        let switch = &config.fields[at];
        let is_bool = matches!(switch.ty, Type::Path(path)
            if path.qself.is_none() && path.path.is_ident("bool"));
        if !is_bool || !matches!(switch.kind, FieldKind::Var(_)) {
            errors.spanned(
                name,
                format_args!("`{name}` switches the group, so it must be a `bool` field"),
            );
        } else if at > place {
            errors.spanned(
                name,
                format_args!("`{name}` switches the group, so it must be declared before it"),
            );
        }
    }
}

pub(super) fn nested<'a>(
    member: &Ident,
    ty: &'a Type,
    attrs: FieldAttrs,
    errors: &Errors,
) -> FieldKind<'a> {
    let FieldAttrs {
        env,
        default,
        secret,
        separator,
        parse_with,
        example,
        prefix,
        aliases,
        deprecated,
        range,
        validate,
        value_name,
        enabled_by,
        doc,
        ..
    } = attrs;
    let not_with_nested = [
        range.map(|attr| (attr.key, "it belongs on a field of the nested struct")),
        validate.map(|attr| {
            let why = "validate the nested struct with `#[config(validate = ...)]` on it";
            (attr.key, why)
        }),
        value_name.map(|attr| (attr.key, "it belongs on a field of the nested struct")),
        aliases.into_iter().next().map(|attr| {
            let why = "the nested struct's fields name their own variables and aliases";
            (attr.key, why)
        }),
        deprecated.map(|attr| (attr.key, "deprecate the nested struct's fields")),
        env.map(|attr| {
            let why = "the nested struct's fields name their own variables; \
                       `prefix = \"...\"` sets their prefix";
            (attr.key, why)
        }),
        default.map(|attr| (attr.key, "give defaults to the nested struct's fields")),
        secret.map(|attr| (attr.key, "mark the nested struct's fields as secret")),
        separator.map(|attr| (attr.key, "it belongs on a `Vec` field of the nested struct")),
        parse_with.map(|attr| (attr.key, "it belongs on a field of the nested struct")),
        example.map(|attr| (attr.key, "it belongs on a field of the nested struct")),
    ];
    for (key, why) in not_with_nested.into_iter().flatten() {
        errors.spanned(
            &key,
            format_args!("`{key}` cannot be used with `nested`: {why}"),
        );
    }
    let (group_ty, switch) = switch(ty, enabled_by, errors);
    let (prefix, prefix_span) = match prefix {
        Some(prefix) => (checked_prefix(&prefix.value, errors), prefix.value.span()),
        None => (
            format!("{}_", screaming_snake_case(&member.unraw().to_string())),
            member.span(),
        ),
    };
    FieldKind::Nested {
        group_ty,
        switch,
        prefix,
        doc,
        prefix_span,
    }
}

/// `secrets_dir = "/run/secrets"`: an absolute path, since the service's
/// working directory is no place to look for secrets.
pub(super) fn secrets_dir(dir: &LitStr, errors: &Errors) -> Option<String> {
    let value = dir.value();
    if value.starts_with('/') {
        return Some(value);
    }
    errors.spanned(
        dir,
        format_args!(
            "`secrets_dir` is an absolute path, such as \"/run/secrets\", not {:?}",
            value
        ),
    );
    None
}
