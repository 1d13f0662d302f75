//! The shapes of a field's type as written: the wrappers that decide how a
//! value is read, and whether the type holds a secret. Only syntax is seen
//! here, so a wrapper is known by the last segment of its path
//! (`Option`, `std::option::Option`).

use syn::{GenericArgument, PathArguments, Type};

/// A type whose shape decides how its value is read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Wrapper {
    Option,
    Vec,
    SecretBox,
}

/// `Option<T>`, `Vec<T>` or `SecretBox<T>`: the wrapper and `T`.
pub fn wrapped(ty: &Type) -> Option<(Wrapper, &Type)> {
    let segment = last_segment(ty)?;
    let wrapper = [
        ("Option", Wrapper::Option),
        ("Vec", Wrapper::Vec),
        ("SecretBox", Wrapper::SecretBox),
    ]
    .into_iter()
    .find_map(|(name, wrapper)| (segment.ident == name).then_some(wrapper))?;
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>()[..] {
        [GenericArgument::Type(inner)] => Some((wrapper, inner)),
        _ => None,
    }
}

/// Whether `ty` is `SecretString` or `SecretBox<_>`, itself or inside
/// `Option` and `Vec` (`Option<SecretString>`, `Vec<SecretBox<u32>>`).
/// Read from the type as written rather than from the parser: behind
/// `parse_with`, the runtime sees only a function.
pub fn holds_secret(ty: &Type) -> bool {
    match wrapped(ty) {
        Some((Wrapper::SecretBox, _)) => true,
        Some((Wrapper::Option | Wrapper::Vec, inner)) => holds_secret(inner),
        None => last_segment(ty).is_some_and(|segment| segment.ident == "SecretString"),
    }
}

/// The name of a value type envconfig parses itself, known by how it is
/// written: `bool`, the integers and floats by name, `Duration` (also
/// `std::time::Duration`, `core::time::Duration`) and `ByteSize` (also
/// `envconfig::ByteSize`). `None` for anything else, which the runtime
/// parses by `FromStr` or a user's function.
pub fn builtin_name(ty: &Type) -> Option<&'static str> {
    const PRIMITIVES: [&str; 15] = [
        "bool", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128",
        "isize", "f32", "f64",
    ];
    let Type::Path(path) = ungroup(ty) else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let segments: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    match segments[..] {
        [name] => PRIMITIVES
            .into_iter()
            .chain(["Duration", "ByteSize"])
            .find(|builtin| *builtin == name),
        ["std" | "core", "time", "Duration"] => Some("Duration"),
        ["envconfig", "ByteSize"] => Some("ByteSize"),
        _ => None,
    }
}

/// The name of a type written as one name without generic arguments, or
/// a path ending in one (`String`, `std::path::PathBuf`).
pub fn plain_name(ty: &Type) -> Option<String> {
    let segment = last_segment(ty)?;
    segment
        .arguments
        .is_none()
        .then(|| segment.ident.to_string())
}

/// For a reference type (`&'static str`, `&[u8]`), the owned type to
/// write instead: `String`, `Vec<u8>`, or the referenced type.
pub fn borrowed(ty: &Type) -> Option<String> {
    let Type::Reference(reference) = ungroup(ty) else {
        return None;
    };
    Some(match ungroup(&reference.elem) {
        elem if is_str(elem) => "String".to_owned(),
        Type::Slice(slice) => format!("Vec<{}>", spaced(&slice.elem)),
        Type::Path(path) if path.qself.is_none() && path.path.is_ident("Path") => {
            "PathBuf".to_owned()
        }
        elem => spaced(elem),
    })
}

/// A type as its user would write it: `Vec<u8>`, not `Vec < u8 >`.
fn spaced(ty: &Type) -> String {
    quote::ToTokens::to_token_stream(ty)
        .to_string()
        .replace(" < ", "<")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" :: ", "::")
        .replace(" ,", ",")
}

pub fn is_str(ty: &Type) -> bool {
    matches!(ungroup(ty), Type::Path(path) if path.qself.is_none() && path.path.is_ident("str"))
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ungroup(ty) {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        _ => None,
    }
}

/// Types from `macro_rules!` arrive wrapped in invisible groups.
fn ungroup(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Group(group) => ty = &group.elem,
            Type::Paren(paren) => ty = &paren.elem,
            _ => return ty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_types_are_found_through_wrappers() {
        let table = [
            ("SecretString", true),
            ("secrecy::SecretString", true),
            ("SecretBox<u32>", true),
            ("secrecy::SecretBox<str>", true),
            ("Option<SecretString>", true),
            ("Vec<SecretString>", true),
            ("Option<Vec<SecretString>>", true),
            ("Option<SecretBox<Vec<u8>>>", true),
            ("(SecretString)", true),
            ("String", false),
            ("Option<String>", false),
            ("Vec<u8>", false),
            ("Box<SecretString>", false),
            ("SecretStringish", false),
        ];
        for (written, secret) in table {
            let ty: Type = syn::parse_str(written).unwrap();
            assert_eq!(holds_secret(&ty), secret, "{written}");
        }
    }

    #[test]
    fn references_say_what_to_own_instead() {
        let table = [
            ("&'static str", Some("String")),
            ("&str", Some("String")),
            ("&'a [u8]", Some("Vec<u8>")),
            ("&'static Path", Some("PathBuf")),
            ("&'static std::net::IpAddr", Some("std::net::IpAddr")),
            ("&Vec<u8>", Some("Vec<u8>")),
            ("String", None),
            ("Option<&str>", None),
        ];
        for (written, expected) in table {
            let ty: Type = syn::parse_str(written).unwrap();
            assert_eq!(borrowed(&ty).as_deref(), expected, "{written}");
        }
    }

    #[test]
    fn wrappers_by_their_last_segment() {
        let table = [
            ("Option<u8>", Some((Wrapper::Option, "u8"))),
            ("std::option::Option<u8>", Some((Wrapper::Option, "u8"))),
            ("Vec<String>", Some((Wrapper::Vec, "String"))),
            ("SecretBox<str>", Some((Wrapper::SecretBox, "str"))),
            ("HashMap<u8, u8>", None),
            ("Vec<u8, A>", None),
            ("u8", None),
        ];
        for (written, expected) in table {
            let ty: Type = syn::parse_str(written).unwrap();
            let found = wrapped(&ty).map(|(wrapper, inner)| {
                (wrapper, quote::ToTokens::to_token_stream(inner).to_string())
            });
            let expected = expected.map(|(wrapper, inner)| (wrapper, inner.to_owned()));
            assert_eq!(found, expected, "{written}");
        }
    }
}
