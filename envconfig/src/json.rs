//! The one JSON writer: each JSON output (the `json` docs, `--print-config
//! json`, the `--check-env --report json` report) is built once as a [`Json`]
//! tree, which is written as text here and, with the `serde` feature,
//! serialized through serde from the same tree, so the two cannot disagree.
//!
//! Written by hand rather than with serde_json: the outputs are a few fixed
//! shapes of strings, numbers, booleans and nulls, and a dependency here
//! would be compiled into every application, for flags most of them run
//! once in CI.

use std::borrow::Cow;

/// A JSON value; an object's keys keep their order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json<'a> {
    String(Cow<'a, str>),
    Number(u64),
    Bool(bool),
    Null,
    Array(Vec<Json<'a>>),
    Object(Vec<(&'static str, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// A string.
    pub fn str(text: &'a str) -> Json<'a> {
        Json::String(Cow::Borrowed(text))
    }

    /// A string, or `null`.
    pub fn optional(text: Option<&'a str>) -> Json<'a> {
        text.map_or(Json::Null, Json::str)
    }

    /// The document as text: objects and arrays are spread over indented
    /// lines, as serde_json's pretty printer writes them, down to `depth`
    /// levels of nesting; deeper ones are written on one line
    /// (`{"name": "A", "value": null}`), so that a list of small objects
    /// reads as a table and diffs line by line. Ends with a newline.
    pub fn to_text(&self, depth: usize) -> String {
        let mut out = String::new();
        self.write(&mut out, 0, depth);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, level: usize, spread: usize) {
        const STEP: &str = "  ";
        let inline = level >= spread;
        match self {
            Json::String(text) => push_string(out, text),
            Json::Number(number) => {
                out.push_str(&format!("{number}"));
            }
            Json::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
            Json::Null => out.push_str("null"),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(keys) if keys.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    separate(out, i, inline, level);
                    item.write(out, level + 1, spread);
                }
                close(out, ']', inline, level);
            }
            Json::Object(keys) => {
                out.push('{');
                for (i, (key, value)) in keys.iter().enumerate() {
                    separate(out, i, inline, level);
                    push_string(out, key);
                    out.push_str(": ");
                    value.write(out, level + 1, spread);
                }
                close(out, '}', inline, level);
            }
        }

        fn separate(out: &mut String, index: usize, inline: bool, level: usize) {
            match (inline, index) {
                (true, 0) => {}
                (true, _) => out.push_str(", "),
                (false, _) => {
                    out.push_str(if index == 0 { "\n" } else { ",\n" });
                    out.push_str(&STEP.repeat(level + 1));
                }
            }
        }

        fn close(out: &mut String, bracket: char, inline: bool, level: usize) {
            if !inline {
                out.push('\n');
                out.push_str(&STEP.repeat(level));
            }
            out.push(bracket);
        }
    }
}

/// Appends `text` as a JSON string (RFC 8259, section 7): `"` and `\`
/// escaped, control characters as `\n`-style or `\uXXXX` escapes.
///
/// A few characters JSON allows raw are escaped too, so that the same string
/// is also a valid YAML double-quoted scalar (the `k8s` rendering uses it):
/// DEL and the C1 controls, which YAML does not allow raw; U+2028 and U+2029,
/// which YAML reads as line breaks; and U+FEFF, U+FFFE and U+FFFF.
pub(crate) fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            // Controls, U+2028, bidi overrides, zero-width and other
            // format characters: escaped, as everywhere text from outside
            // is printed; a surrogate pair for one outside the BMP.
            c if !crate::shown::is_printable(c) || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str(&format!("\\u{:04x}", unit));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The same tree, through serde: what the `serde` feature's `Serialize`
/// impls of the outputs' types hand on.
#[cfg(feature = "serde")]
impl serde::Serialize for Json<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::String(text) => serializer.serialize_str(text),
            Json::Number(number) => serializer.serialize_u64(*number),
            Json::Bool(flag) => serializer.serialize_bool(*flag),
            Json::Null => serializer.serialize_none(),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(keys) => {
                let mut map = serializer.serialize_map(Some(keys.len()))?;
                for (key, value) in keys {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_to_a_depth_then_writes_on_one_line() {
        let document = Json::Object(vec![
            ("version", Json::Number(1)),
            (
                "variables",
                Json::Array(vec![Json::Object(vec![
                    ("name", Json::str("A")),
                    ("value", Json::Null),
                    ("tags", Json::Array(vec![Json::Bool(true)])),
                ])]),
            ),
            ("empty", Json::Array(Vec::new())),
        ]);
        assert_eq!(
            document.to_text(2),
            "{\n  \"version\": 1,\n  \"variables\": [\n    \
             {\"name\": \"A\", \"value\": null, \"tags\": [true]}\n  ],\n  \"empty\": []\n}\n"
        );
        assert_eq!(
            document.to_text(usize::MAX),
            "{\n  \"version\": 1,\n  \"variables\": [\n    {\n      \"name\": \"A\",\n      \
             \"value\": null,\n      \"tags\": [\n        true\n      ]\n    }\n  ],\n  \
             \"empty\": []\n}\n"
        );
    }

    #[test]
    fn strings_round_trip_through_serde_json() {
        let mut every_control: String = ('\0'..='\u{a0}').collect();
        every_control.push_str("\u{2028}\u{2029}\u{feff}\u{fffe}\u{ffff}é😀\"\\/");
        let cases = [
            "",
            "plain",
            "quote \" backslash \\",
            "tab\tnew\nline\r",
            &every_control,
        ];
        for case in cases {
            let mut out = String::new();
            push_string(&mut out, case);
            assert!(!out.contains(char::is_control), "{out:?}");
            let back: String = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
            assert_eq!(back, case);
        }
    }
}
