//! What Kubernetes reads a YAML scalar as.
//!
//! `kubectl` (and Helm) read manifests with `sigs.k8s.io/yaml`, which
//! resolves a plain scalar by the rules of YAML 1.1 as go-yaml v2 applies
//! them (`goyaml.v2/resolve.go`), not by YAML 1.2's: `yes`, `on` and `y`
//! are booleans, `0777` and `1_000` are integers. The API server then
//! rejects anything but a string where it wants a string (`value: 8080`,
//! `value: yes` in an `env` entry, a number in a ConfigMap's `data`). This
//! module tells which scalars those are.

/// What a scalar is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ScalarKind {
    String,
    /// `~`, `null`, or nothing: an empty string where a string is wanted.
    Null,
    Bool,
    Number,
    /// `<<`, the key that merges a mapping into another.
    Merge,
}

impl ScalarKind {
    /// What a scalar of this kind is called where a string is wanted.
    pub(super) fn noun(self) -> &'static str {
        match self {
            ScalarKind::String => "a string",
            ScalarKind::Null => "null",
            ScalarKind::Bool => "a YAML boolean",
            ScalarKind::Number => "a YAML number",
            ScalarKind::Merge => "a merge key",
        }
    }
}

/// What `text` is read as: `plain` when it is not quoted and not a block
/// scalar, `tag` its explicit core tag (`str`, `int`, ...), if any.
pub(super) fn resolve(text: &str, plain: bool, tag: Option<&str>) -> ScalarKind {
    match tag {
        Some("str" | "binary") => return ScalarKind::String,
        Some("null") => return ScalarKind::Null,
        Some("bool") => return ScalarKind::Bool,
        Some("int" | "float") => return ScalarKind::Number,
        _ => {}
    }
    if !plain {
        return ScalarKind::String;
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => ScalarKind::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" | "n"
        | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            ScalarKind::Bool
        }
        ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF"
        | "-.inf" | "-.Inf" | "-.INF" => ScalarKind::Number,
        "<<" => ScalarKind::Merge,
        _ if is_number(text) => ScalarKind::Number,
        _ => ScalarKind::String,
    }
}

/// Whether go-yaml v2 reads a plain scalar as an integer or a float: one
/// that starts with a digit or a sign and is, once its `_` are removed, an
/// integer in Go's syntax (`0x1F`, `0o17`, `0b101`, `017`), in any range,
/// or a float (`1.5`, `1e3`, `1.`); or one that starts with `.` and is a
/// float (`.5`).
fn is_number(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b'.') => is_decimal_float(text),
        Some(b'0'..=b'9' | b'+' | b'-') => {
            let plain: String = text.chars().filter(|&c| c != '_').collect();
            is_integer(&plain) || is_decimal_float(&plain)
        }
        _ => false,
    }
}

/// Go's `strconv.ParseInt(text, 0, _)` syntax, range aside.
fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (digits, radix) = match digits.get(..2) {
        Some("0x" | "0X") => (&digits[2..], 16),
        Some("0o" | "0O") => (&digits[2..], 8),
        Some("0b" | "0B") => (&digits[2..], 2),
        _ if digits.len() > 1 && digits.starts_with('0') => (&digits[1..], 8),
        _ => (digits, 10),
    };
    !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, go-yaml's float.
fn is_decimal_float(text: &str) -> bool {
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => !fraction.is_empty() && all_digits(fraction),
        Some((whole, fraction)) => all_digits(whole) && all_digits(fraction),
        None => !mantissa.is_empty() && all_digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|exponent| {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        !digits.is_empty() && all_digits(digits)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

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
            ("0778", Number),
            ("99999999999999999999999", Number),
            ("1.5", Number),
            ("1.", Number),
            (".5", Number),
            ("1e3", Number),
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
            ("<<", Merge),
            // Strings.
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
            ("1_0x", String),
            ("2024-01-01", String),
            ("a.example.com,b.example.com", String),
            ("postgres://db/billing", String),
            ("infinity", String),
        ];
        for (text, kind) in table {
            assert_eq!(resolve(text, true, None), kind, "{text:?}");
        }
    }

    #[test]
    fn quotes_and_tags() {
        assert_eq!(resolve("8080", false, None), ScalarKind::String);
        assert_eq!(resolve("yes", false, None), ScalarKind::String);
        assert_eq!(resolve("8080", true, Some("str")), ScalarKind::String);
        assert_eq!(resolve("8080", false, Some("int")), ScalarKind::Number);
        assert_eq!(resolve("x", true, Some("bool")), ScalarKind::Bool);
        assert_eq!(resolve("x", false, Some("null")), ScalarKind::Null);
        assert_eq!(resolve("8080", true, Some("custom")), ScalarKind::Number);
    }
}
