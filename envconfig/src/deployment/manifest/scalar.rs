//! What Kubernetes reads a YAML scalar as.
//!
//! `kubectl` (and Helm) read manifests with `sigs.k8s.io/yaml`: go-yaml v2
//! resolves each scalar by the rules of YAML 1.1 as it applies them
//! (`resolve.go`), not by YAML 1.2's: `yes`, `on` and `y` are booleans,
//! `0777` and `1_000` are integers; then the document becomes JSON, where
//! a key is a string (`1` becomes `"1"`, `yes` `"true"`) and NaN or an
//! infinity cannot be. The API server rejects anything but a string where
//! it wants one (`value: 8080`, `value: yes` in an `env` entry, a number in
//! a ConfigMap's `data`). This module tells which scalars those are.

use zeroize::Zeroizing;

#[path = "scalar_timestamp.rs"]
mod timestamp;

/// The core schema's tags, which `!!` abbreviates.
pub(super) const CORE_TAG_PREFIX: &str = "tag:yaml.org,2002:";

/// What a scalar is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ScalarKind {
    String,
    /// `~`, `null`, or nothing: an empty string where a string is wanted.
    Null,
    Bool,
    Number,
}

impl ScalarKind {
    /// What a scalar of this kind is called where a string is wanted.
    pub(super) fn noun(self) -> &'static str {
        match self {
            ScalarKind::String => "a string",
            ScalarKind::Null => "null",
            ScalarKind::Bool => "a YAML boolean",
            ScalarKind::Number => "a YAML number",
        }
    }
}

/// What a scalar is as a mapping's key, once the document is JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Key {
    /// Its text (a string).
    Text,
    /// Another text: `"16"` for `0x10`, `"true"` for `yes`.
    Other(Box<str>),
    /// None: kubectl refuses the document, for this reason.
    Refused(&'static str),
}

/// A scalar resolved.
#[derive(Debug)]
pub(super) struct Resolved {
    pub kind: ScalarKind,
    /// A string's text (`!!binary` decoded); the scalar's text otherwise.
    pub text: Zeroizing<String>,
    pub key: Key,
    /// NaN or an infinity: JSON has no such value, and kubectl refuses the
    /// document where it is a value (as a key it is `.inf`, `.nan`).
    pub not_json: bool,
}

/// What the core tags resolve to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Str,
    Null,
    Bool,
    Int,
    Float,
    Timestamp,
}

impl Tag {
    fn short(self) -> &'static str {
        match self {
            Tag::Str => "!!str",
            Tag::Null => "!!null",
            Tag::Bool => "!!bool",
            Tag::Int => "!!int",
            Tag::Float => "!!float",
            Tag::Timestamp => "!!timestamp",
        }
    }
}

/// A value resolved from a scalar's text.
enum Value {
    Str,
    Null,
    Bool(bool),
    Int(i64),
    /// Past `i64`: JSON has it, a key cannot be it.
    Uint,
    Float(f64),
    Timestamp,
}

impl Value {
    fn tag(&self) -> Tag {
        match self {
            Value::Str => Tag::Str,
            Value::Null => Tag::Null,
            Value::Bool(_) => Tag::Bool,
            Value::Int(_) | Value::Uint => Tag::Int,
            Value::Float(_) => Tag::Float,
            Value::Timestamp => Tag::Timestamp,
        }
    }
}

/// What `text` is read as: `implicit` when it is plain and untagged (or
/// tagged `!`), `tag` its full tag, if any. An error is kubectl's refusal
/// of the document, in words that never quote the text.
pub(super) fn resolve(
    text: Zeroizing<String>,
    implicit: bool,
    tag: Option<&str>,
) -> Result<Resolved, String> {
    let string = |text| Resolved {
        kind: ScalarKind::String,
        text,
        key: Key::Text,
        not_json: false,
    };
    let core = match tag {
        None if !implicit => return Ok(string(text)),
        None => None,
        Some(tag) => match tag.strip_prefix(CORE_TAG_PREFIX) {
            Some("str") => Some(Tag::Str),
            Some("null") => Some(Tag::Null),
            Some("bool") => Some(Tag::Bool),
            Some("int") => Some(Tag::Int),
            Some("float") => Some(Tag::Float),
            Some("timestamp") => Some(Tag::Timestamp),
            Some("binary") => {
                let bytes = base64(&text)
                    .ok_or_else(|| "!!binary value contains invalid base64 data".to_owned())?;
                return Ok(string(Zeroizing::new(as_json_text(&bytes))));
            }
            // Any other tag (`!`, `!x`, `!!merge`) leaves a string.
            _ => return Ok(string(text)),
        },
    };
    let value = if core == Some(Tag::Str) {
        Value::Str
    } else {
        value_of(&text, core)
    };
    let value = match (core, value) {
        (None | Some(Tag::Str), value) => value,
        (Some(tag), value) if value.tag() == tag => value,
        (Some(Tag::Float), Value::Int(int)) => Value::Float(int as f64),
        (Some(tag), value) => {
            return Err(format!(
                "cannot decode a {} as a {}",
                value.tag().short(),
                tag.short()
            ));
        }
    };
    let (kind, key) = match value {
        Value::Str | Value::Timestamp => return Ok(string(text)),
        Value::Null => (ScalarKind::Null, Key::Refused("a null key")),
        Value::Bool(true) => (ScalarKind::Bool, Key::Other("true".into())),
        Value::Bool(false) => (ScalarKind::Bool, Key::Other("false".into())),
        Value::Int(int) => (ScalarKind::Number, Key::Other(int.to_string().into())),
        Value::Uint => (
            ScalarKind::Number,
            Key::Refused("an integer key past the range of int64"),
        ),
        Value::Float(float) => {
            let key = Key::Other(float_key(float).into());
            let not_json = !float.is_finite();
            return Ok(Resolved {
                kind: ScalarKind::Number,
                text,
                key,
                not_json,
            });
        }
    };
    Ok(Resolved {
        kind,
        text,
        key,
        not_json: false,
    })
}

/// go-yaml's resolution of a text by its first character: a word of its
/// table, a float starting with `.`, or (from a digit or a sign) a
/// timestamp, an integer in Go's syntax once its `_` are removed, in the
/// range of `i64` or `u64`, or a float in range.
fn value_of(text: &str, tag: Option<Tag>) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        _ => {}
    }
    match text.as_bytes().first() {
        Some(b'.') => dot_float(text).map_or(Value::Str, Value::Float),
        Some(b'0'..=b'9' | b'+' | b'-') => {
            if matches!(tag, None | Some(Tag::Timestamp)) && timestamp::is_timestamp(text) {
                return Value::Timestamp;
            }
            let plain: String = text.chars().filter(|&c| c != '_').collect();
            if let Some(value) = go_integer(&plain) {
                return value;
            }
            if is_yaml_float(&plain)
                && let Some(float) = finite(&plain)
            {
                return Value::Float(float);
            }
            Value::Str
        }
        _ => Value::Str,
    }
}

/// Go's `strconv.ParseInt(text, 0, 64)`, then `ParseUint`: a sign (not for
/// `ParseUint`), `0x`, `0o`, `0b` or `0` (octal), and digits of that base.
fn go_integer(text: &str) -> Option<Value> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let signed = digits.len() != text.len();
    let (digits, radix) = match digits.get(..2) {
        Some("0x" | "0X") => (&digits[2..], 16),
        Some("0o" | "0O") => (&digits[2..], 8),
        Some("0b" | "0B") => (&digits[2..], 2),
        _ if digits.len() > 1 && digits.starts_with('0') => (&digits[1..], 8),
        _ => (digits, 10),
    };
    if digits.is_empty() {
        return None;
    }
    let mut magnitude: u64 = 0;
    for c in digits.chars() {
        let digit = c.to_digit(radix)?;
        magnitude = magnitude
            .checked_mul(u64::from(radix))?
            .checked_add(u64::from(digit))?;
    }
    if negative {
        return match magnitude {
            m if m <= i64::MAX as u64 => Some(Value::Int(-(m as i64))),
            m if m == i64::MAX as u64 + 1 => Some(Value::Int(i64::MIN)),
            _ => None,
        };
    }
    match i64::try_from(magnitude) {
        Ok(int) => Some(Value::Int(int)),
        Err(_) if !signed => Some(Value::Uint),
        Err(_) => None,
    }
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, go-yaml's float.
fn is_yaml_float(text: &str) -> bool {
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => !fraction.is_empty() && all_digits(fraction),
        Some((whole, fraction)) => !whole.is_empty() && all_digits(whole) && all_digits(fraction),
        None => !mantissa.is_empty() && all_digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|exponent| {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        !digits.is_empty() && all_digits(digits)
    });
    mantissa_ok && exponent_ok
}

/// A decimal float in range: Go's `ParseFloat` fails past `f64::MAX`
/// (and reads `1e-400` as 0).
fn finite(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|float| float.is_finite())
}

/// Go's `strconv.ParseFloat` of a text that starts with `.`: `.5`,
/// `.5e3`, with `_` only between digits.
fn dot_float(text: &str) -> Option<f64> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[1..at], Some(&text[at + 1..])),
        None => (&text[1..], None),
    };
    let digits = |s: &str| {
        s.bytes().any(|b| b.is_ascii_digit()) && s.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if !digits(mantissa) || !exponent_ok || !underscores_between_digits(text) {
        return None;
    }
    finite(&text.replace('_', ""))
}

/// Go's rule for `_` in a number: only between two digits.
fn underscores_between_digits(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(at, &b)| {
        b != b'_'
            || (at > 0
                && bytes[at - 1].is_ascii_digit()
                && bytes.get(at + 1).is_some_and(u8::is_ascii_digit))
    })
}

/// A float as sigs.k8s.io/yaml writes a key: Go's
/// `FormatFloat(f, 'g', -1, 32)`, the shortest digits of the float32
/// nearest, in `%e` form for exponents below -4 or from 6 up.
fn float_key(float: f64) -> String {
    let float = float as f32;
    if float.is_nan() {
        return ".nan".to_owned();
    }
    if float.is_infinite() {
        return if float > 0.0 { ".inf" } else { "-.inf" }.to_owned();
    }
    let scientific = format!("{float:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let count = digits.len() as i32;
    if !(-4..6).contains(&exponent) {
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        return format!(
            "{sign}{first}{point}{rest}e{exponent_sign}{:02}",
            exponent.unsigned_abs()
        );
    }
    let point = exponent + 1;
    if point <= 0 {
        format!(
            "{sign}0.{}{digits}",
            "0".repeat(point.unsigned_abs() as usize)
        )
    } else if point >= count {
        format!("{sign}{digits}{}", "0".repeat((point - count) as usize))
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{sign}{whole}.{fraction}")
    }
}

/// The text of a YAML number once kubectl has sent it as JSON, which is
/// what a field read from a JSON number (a `Quantity`) parses: Go's
/// `encoding/json` writes an integer's digits, and a float's shortest
/// digits, in `%e` form below 1e-6 or from 1e21 up (`1e3` is `1000`,
/// `1.0` is `1`, `1e-7` is `1e-7`, `1e21` is `1e+21`).
pub(super) fn json_number(text: &str) -> Option<String> {
    match value_of(text, None) {
        Value::Int(int) => Some(int.to_string()),
        Value::Uint => Some(text.chars().filter(|&c| c != '_').collect()),
        Value::Float(float) if float.is_finite() => {
            let magnitude = float.abs();
            if magnitude == 0.0 || (1e-6..1e21).contains(&magnitude) {
                return Some(format!("{float}"));
            }
            let scientific = format!("{float:e}");
            let (mantissa, exponent) = scientific.split_once('e')?;
            let sign = if exponent.starts_with('-') { "" } else { "+" };
            Some(format!("{mantissa}e{sign}{exponent}"))
        }
        _ => None,
    }
}

/// Go's `base64.StdEncoding.DecodeString`: padded, line breaks ignored.
pub(super) fn base64(text: &str) -> Option<Vec<u8>> {
    let symbols: Vec<u8> = text
        .bytes()
        .filter(|b| !matches!(b, b'\r' | b'\n'))
        .collect();
    if !symbols.len().is_multiple_of(4) {
        return None;
    }
    let value = |b: u8| match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut bytes = Vec::with_capacity(symbols.len() / 4 * 3);
    let quanta = symbols.len() / 4;
    for (index, quantum) in symbols.chunks(4).enumerate() {
        let padding = quantum.iter().rev().take_while(|&&b| b == b'=').count();
        if padding > 2 || (padding > 0 && index + 1 != quanta) {
            return None;
        }
        let mut bits: u32 = 0;
        for &symbol in &quantum[..4 - padding] {
            bits = (bits << 6) | u32::from(value(symbol)?);
        }
        bits <<= 6 * padding as u32;
        let decoded = [(bits >> 16) as u8, (bits >> 8) as u8, bits as u8];
        bytes.extend_from_slice(&decoded[..3 - padding]);
    }
    Some(bytes)
}

/// Bytes as Go's JSON encoder writes them: each byte of an invalid UTF-8
/// sequence becomes U+FFFD.
fn as_json_text(mut bytes: &[u8]) -> String {
    let mut text = String::new();
    loop {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                text.push_str(valid);
                return text;
            }
            Err(error) => {
                let (valid, rest) = bytes.split_at(error.valid_up_to());
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let invalid = error.error_len().unwrap_or(rest.len());
                text.extend(std::iter::repeat_n('\u{fffd}', invalid));
                bytes = &rest[invalid..];
            }
        }
    }
}

#[cfg(test)]
#[path = "scalar_tests.rs"]
mod tests;
