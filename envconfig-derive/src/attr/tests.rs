use super::*;
use crate::suggest::closest;
use syn::parse::ParseStream;

#[test]
fn typos_find_the_key_meant() {
    let table = [
        ("defualt", Some("default")),
        ("seperator", Some("separator")),
        ("parse_whit", Some("parse_with")),
        ("env", Some("env")),
        ("rename", None),
        ("e", None),
    ];
    for (written, meant) in table {
        assert_eq!(closest(written, FIELD_KEYS), meant, "{written}");
    }
}

#[test]
fn values_end_at_the_comma_between_keys() {
    let table = [
        ("8080, secret", "8080"),
        (
            "HashMap::<u8, u8>::new(), secret",
            "HashMap::<u8,u8>::new()",
        ),
        (
            "<u16 as Default>::default(), secret",
            "<u16asDefault>::default()",
        ),
        ("f(1, 2), secret", "f(1,2)"),
        ("1 < 2, secret", "1<2"),
    ];
    for (written, value) in table {
        let value_then_rest = |input: ParseStream| {
            let value = until_comma(input)?;
            input.parse::<Token![,]>()?;
            input.parse::<TokenStream>()?;
            Ok(value)
        };
        let parsed = syn::parse::Parser::parse_str(value_then_rest, written).unwrap();
        assert_eq!(parsed.to_string().replace(' ', ""), value, "{written}");
    }
}
