//! The `json` rendering is the `serde::Serialize` schema of `Docs`: the
//! built-in writer and serde_json produce the same document.

use envconfig::{Config, Format};

/// Strings that need escaping in JSON, and in YAML (the writer is shared
/// with the `k8s` rendering).
#[derive(Config)]
#[config(prefix = "ODD_")]
#[allow(dead_code)] // only its docs are read
struct Odd {
    /// Quotes ", backslashes \ and non-ASCII: grüße, 日本.
    #[config(
        default = "a\"b\\c\n",
        example = "tab\there \u{1}\u{7f}\u{85}\u{2028}\u{feff}"
    )]
    text: String,
    #[config(secret, default = "hidden")]
    key: String,
    maybe: Option<u8>,
}

#[test]
fn the_json_rendering_is_the_serde_serialization() {
    let docs = Odd::docs();
    let rendered = docs.render(Format::Json);
    let parsed: serde_json::Value = serde_json::from_str(&rendered).expect("valid JSON");
    assert_eq!(parsed, serde_json::to_value(&docs).expect("serializable"));
    assert_eq!(parsed["version"], 2);
    assert_eq!(parsed["variables"][1]["default"], "<redacted>");
}

#[test]
fn plain_strings_render_byte_for_byte_as_serde_json_does() {
    /// The port.
    #[derive(Config)]
    #[allow(dead_code)] // only its docs are read
    struct Plain {
        #[config(default = 8080, example = "80")]
        port: u16,
        name: Option<String>,
    }
    let docs = Plain::docs();
    let serde = serde_json::to_string_pretty(&docs).expect("serializable") + "\n";
    assert_eq!(docs.render(Format::Json), serde);
}
