//! What makes the API server refuse an object for its metadata, whatever
//! its kind (`ValidateObjectMeta` in `k8s.io/apimachinery`'s
//! `api/validation`, after the JSON that kubectl sends is decoded): labels
//! and annotations that are not a mapping of strings (`version: 1.0`
//! unquoted is a number), a label or annotation key that is no qualified
//! name, a label value that is no label value, annotations over 256 KiB;
//! and an `immutable` that is no boolean. An object it refuses is never
//! made: a ConfigMap or Secret that a container reads then stops it, a
//! Service sets no links.

use super::scalar::ScalarKind;
use super::validation::{noun, qualified_name};
use super::yaml::{NodeId, Stream, Value};
use crate::shown::Abridged;

/// The most the keys and values of an object's annotations may hold
/// (`TotalAnnotationSizeLimitB`).
const MAX_ANNOTATIONS_BYTES: usize = 256 * 1024;

/// Why the API server refuses the ConfigMap or Secret `object` for its
/// metadata or its `immutable`, with the node it is about; the first
/// reason found. Values are never quoted.
pub(super) fn refused(stream: &Stream, object: NodeId) -> Option<(NodeId, String)> {
    if let Some(node) = stream.get(object, "immutable") {
        let value = &stream.node(node).value;
        if !matches!(value, Value::Scalar(_, ScalarKind::Bool | ScalarKind::Null)) {
            return Some((
                node,
                format!("its immutable is {}, not a boolean", noun(value)),
            ));
        }
    }
    metadata(stream, stream.get(object, "metadata")?)
}

/// Why the API server refuses the metadata `metadata` (of an object, or
/// of a pod template), with the node it is about.
pub(super) fn metadata(stream: &Stream, metadata: NodeId) -> Option<(NodeId, String)> {
    for (field, noun_of) in [("labels", "label"), ("annotations", "annotation")] {
        let Some(map) = stream.get(metadata, field) else {
            continue;
        };
        match &stream.node(map).value {
            Value::Scalar(_, ScalarKind::Null) => continue,
            Value::Map(_) => {}
            other => {
                return Some((
                    map,
                    format!("its {field} are {}, not a mapping", noun(other)),
                ));
            }
        }
        let mut size = 0;
        for (key, node) in stream.entries(map) {
            let shown = Abridged::name(key);
            let key_ok = match field {
                "labels" => qualified_name(key),
                _ => qualified_name(&key.to_ascii_lowercase()),
            };
            if !key_ok {
                return Some((
                    node,
                    format!("its {noun_of} key {shown} is no qualified name"),
                ));
            }
            let text = match &stream.node(node).value {
                Value::Scalar(_, ScalarKind::Null) => "",
                Value::Scalar(text, ScalarKind::String) => text.as_str(),
                other => {
                    let reason = format!(
                        "its {noun_of} {shown} is {}, not a string (quote it)",
                        noun(other)
                    );
                    return Some((node, reason));
                }
            };
            if field == "labels" && !label_value(text) {
                let reason = format!(
                    "its label {shown} has a value that is no label value (63 characters at \
                     most: letters, digits, `-`, `_` and `.`, a letter or digit at both ends)"
                );
                return Some((node, reason));
            }
            size += key.len() + text.len();
        }
        if size > MAX_ANNOTATIONS_BYTES {
            let reason = format!(
                "its annotations hold {} KiB, more than the 256 KiB the API server accepts",
                size / 1024
            );
            return Some((map, reason));
        }
    }
    None
}

/// `IsValidLabelValue`: empty, or at most 63 letters, digits, `-`, `_` and
/// `.`, with a letter or digit at both ends.
pub(super) fn label_value(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.is_empty()
        || bytes.len() <= 63
            && bytes[0].is_ascii_alphanumeric()
            && bytes[bytes.len() - 1].is_ascii_alphanumeric()
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `TestIsValidLabelValue` (`k8s.io/apimachinery/pkg/util/validation`).
    #[test]
    fn label_values_as_apimachinery_takes_them() {
        let long = "a".repeat(63);
        for value in [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "end-with-num-1",
            "1234",
            &long,
            "",
        ] {
            assert!(label_value(value), "{value:?}");
        }
        let too_long = "a".repeat(64);
        for value in [
            "nospecialchars%^=@",
            "Tama-nui-te-rā.is.Māori.sun",
            "\\backslashes\\are\\bad",
            "-starts-with-dash",
            "ends-with-dash-",
            ".starts.with.dot",
            "ends.with.dot.",
            &too_long,
        ] {
            assert!(!label_value(value), "{value:?}");
        }
    }
}
