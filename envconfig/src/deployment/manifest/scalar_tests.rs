//! Resolution, key texts, floats as keys, `!!binary`.

use super::*;

fn plain(text: &str) -> Resolved {
    resolve(Zeroizing::new(text.to_owned()), true, None).expect("a plain scalar resolves")
}

fn tagged(text: &str, tag: &str) -> Result<Resolved, String> {
    resolve(Zeroizing::new(text.to_owned()), false, Some(tag))
}

#[test]
fn plain_scalars_as_kubectl_reads_them() {
    use ScalarKind::*;
    let table = [
        ("8080", Number),
        ("-1", Number),
        ("+1", Number),
        ("1_000", Number),
        ("0x1F", Number),
        ("0o17", Number),
        ("0b101", Number),
        ("-0b101", Number),
        ("0777", Number),
        // Not octal, but a float's digits.
        ("0778", Number),
        ("99999999999999999999999", Number),
        ("18446744073709551615", Number),
        ("-9223372036854775809", Number),
        ("1.5", Number),
        ("1.", Number),
        (".5", Number),
        (".5_5", Number),
        ("1e3", Number),
        ("1e-400", Number),
        ("-1.5E+3", Number),
        (".inf", Number),
        ("-.Inf", Number),
        (".NaN", Number),
        ("yes", Bool),
        ("No", Bool),
        ("on", Bool),
        ("OFF", Bool),
        ("y", Bool),
        ("TRUE", Bool),
        ("", Null),
        ("~", Null),
        ("Null", Null),
        // Strings.
        ("<<", String),
        ("yEs", String),
        ("nul", String),
        ("30s", String),
        ("1.2.3", String),
        ("12:30", String),
        ("0x", String),
        ("+", String),
        ("-", String),
        ("_1", String),
        ("1e", String),
        (".", String),
        ("..5", String),
        ("._5", String),
        ("1_0x", String),
        ("2024-01-01", String),
        ("2001-12-14t21:59:43.10-05:00", String),
        ("a.example.com,b.example.com", String),
        ("postgres://db/billing", String),
        ("infinity", String),
        // Integers past 64 bits in hex, octal or binary, and floats past
        // float64, are no numbers to go-yaml.
        ("0x742d35Cc6634C0532925a3b844Bc454e4438f44e", String),
        ("0xFFFFFFFFFFFFFFFFFF", String),
        ("-0x8000000000000001", String),
        ("0o7777777777777777777777", String),
        ("1e400", String),
        ("-1e400", String),
        (&format!("0b1{}", "0".repeat(69)), String),
    ];
    for (text, kind) in table {
        assert_eq!(plain(text).kind, kind, "{text:?}");
    }
}

#[test]
fn quotes_and_tags() {
    let quoted = resolve(Zeroizing::new("8080".into()), false, None).expect("resolves");
    assert_eq!(quoted.kind, ScalarKind::String);
    let core = |suffix: &str| format!("{CORE_TAG_PREFIX}{suffix}");
    let kind = |text: &str, tag: &str| tagged(text, tag).map(|resolved| resolved.kind);
    assert_eq!(kind("8080", &core("str")), Ok(ScalarKind::String));
    assert_eq!(kind("8080", &core("int")), Ok(ScalarKind::Number));
    assert_eq!(kind("0x10", &core("float")), Ok(ScalarKind::Number));
    assert_eq!(kind("yes", &core("bool")), Ok(ScalarKind::Bool));
    assert_eq!(kind("", &core("null")), Ok(ScalarKind::Null));
    assert_eq!(
        kind("2015-01-01", &core("timestamp")),
        Ok(ScalarKind::String)
    );
    // A tag go-yaml does not resolve leaves a string.
    assert_eq!(kind("8080", "!custom"), Ok(ScalarKind::String));
    assert_eq!(kind("8080", "!"), Ok(ScalarKind::String));
    assert_eq!(kind("<<", &core("merge")), Ok(ScalarKind::String));
    // A tag the text does not fit: refused, without the text.
    for (text, tag, reason) in [
        ("x", "int", "cannot decode a !!str as a !!int"),
        ("1.5", "int", "cannot decode a !!float as a !!int"),
        ("1", "bool", "cannot decode a !!int as a !!bool"),
        ("x", "null", "cannot decode a !!str as a !!null"),
        ("", "int", "cannot decode a !!null as a !!int"),
        ("12", "timestamp", "cannot decode a !!int as a !!timestamp"),
        ("1e400", "float", "cannot decode a !!str as a !!float"),
        (
            "not base64",
            "binary",
            "!!binary value contains invalid base64 data",
        ),
    ] {
        assert_eq!(
            kind(text, &core(tag)),
            Err(reason.to_owned()),
            "{text:?} {tag}"
        );
    }
}

#[test]
fn keys_as_json_writes_them() {
    let key = |text: &str| plain(text).key;
    let other = |text: &str| Key::Other(text.into());
    assert_eq!(key("name"), Key::Text);
    assert_eq!(key("0x10"), other("16"));
    assert_eq!(key("-0b11"), other("-3"));
    assert_eq!(key("yes"), other("true"));
    assert_eq!(key("off"), other("false"));
    assert_eq!(key(".inf"), other(".inf"));
    assert_eq!(key("-.inf"), other("-.inf"));
    assert_eq!(key(".nan"), other(".nan"));
    assert!(matches!(key("~"), Key::Refused(_)));
    assert!(matches!(key("9223372036854775808"), Key::Refused(_)));
    // Go's FormatFloat(f, 'g', -1, 32).
    for (text, written) in [
        ("1.5", "1.5"),
        ("1.0", "1"),
        ("-0.0", "-0"),
        ("0.0", "0"),
        ("1e3", "1000"),
        ("123456.0", "123456"),
        ("1e6", "1e+06"),
        ("1234567.0", "1.234567e+06"),
        ("0.0001", "0.0001"),
        ("0.00001", "1e-05"),
        ("0.1", "0.1"),
        ("3.14159265358979", "3.1415927"),
        ("99999999999999999999999", "1e+23"),
        ("1e39", ".inf"),
        ("1e-50", "0"),
    ] {
        assert_eq!(key(text), other(written), "{text}");
    }
    assert!(plain(".inf").not_json);
    assert!(plain(".nan").not_json);
    assert!(!plain("1e308").not_json);
}

#[test]
fn binary_as_go_decodes_it() {
    let binary = |text: &str| {
        let tag = format!("{CORE_TAG_PREFIX}binary");
        tagged(text, &tag).map(|resolved| resolved.text.to_string())
    };
    assert_eq!(binary("aGVsbG8="), Ok("hello".to_owned()));
    assert_eq!(binary("aGVs\nbG8=\n"), Ok("hello".to_owned()));
    assert_eq!(binary(""), Ok(String::new()));
    // Invalid UTF-8: each byte becomes U+FFFD, as Go's JSON writes it.
    assert_eq!(binary("gIGC"), Ok("\u{fffd}\u{fffd}\u{fffd}".to_owned()));
    for bad in ["aGVsbG8", "aGVsbG8==", "aG=sbG8=", "aGVs bG8="] {
        assert!(binary(bad).is_err(), "{bad}");
    }
}

/// What kubectl sends for a number, as `kubectl label --local -f FILE
/// x=y -o json` printed each (kubectl v1.32): the text a `Quantity`
/// then parses.
#[test]
fn numbers_as_kubectl_sends_them() {
    for (yaml, json) in [
        ("1e3", "1000"),
        ("1e-3", "0.001"),
        ("1e21", "1e+21"),
        ("1024", "1024"),
        ("0x400", "1024"),
        ("1.0", "1"),
        ("1e-7", "1e-7"),
        ("1e6", "1000000"),
        ("1_000", "1000"),
        ("-2.5", "-2.5"),
        ("18446744073709551615", "18446744073709551615"),
    ] {
        assert_eq!(json_number(yaml).as_deref(), Some(json), "{yaml}");
    }
    assert_eq!(json_number("abc"), None);
    assert_eq!(json_number(".inf"), None);
}
