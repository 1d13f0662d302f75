//! What the API server refuses in a container's `env` and `envFrom`, rule
//! for rule as Kubernetes v1.32 checks them: `ValidateEnv` and
//! `ValidateEnvFrom` of `pkg/apis/core/validation`, with the name rules of
//! `k8s.io/apimachinery/pkg/util/validation` (`IsRelaxedEnvVarName`, on by
//! default since v1.32 through RelaxedEnvironmentVariableValidation;
//! `IsConfigMapKey`; `IsDNS1123Subdomain`; `IsQualifiedName`).
//!
//! Each rule gives the reason in words, or nothing when the API server
//! accepts; the reasons never quote a value, only names and keys, escaped.

use zeroize::Zeroizing;

use super::quantity::Quantity;
use super::scalar::{self, ScalarKind};
use super::yaml::{NodeId, Stream, Value};
use crate::shown::Abridged;

/// Whether `name` is a variable name the API server accepts: not empty, and
/// only printable ASCII other than `=` (`IsRelaxedEnvVarName`).
pub(super) fn env_var_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("an empty variable name");
    }
    if name.chars().all(|c| (' '..='~').contains(&c) && c != '=') {
        Ok(())
    } else {
        Err("a variable name holds only printable ASCII characters other than `=`")
    }
}

/// Whether `key` is a key of a ConfigMap or a Secret (`IsConfigMapKey`).
pub(super) fn config_map_key(key: &str) -> Result<(), &'static str> {
    if key.len() > 253 {
        return Err("a key has at most 253 characters");
    }
    if key.is_empty()
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
    {
        return Err("a key holds only letters, digits, `-`, `_` and `.`");
    }
    if key == "." || key == ".." || key.starts_with("..") {
        return Err("a key is not `.` or `..` and does not start with `..`");
    }
    Ok(())
}

/// Whether `name` can name a ConfigMap or a Secret: a lowercase RFC 1123
/// subdomain (`IsDNS1123Subdomain`).
pub(super) fn object_name(name: &str) -> Result<(), &'static str> {
    let label_ok = |label: &str| {
        let bytes = label.as_bytes();
        !bytes.is_empty()
            && bytes[0].is_ascii_alphanumeric()
            && bytes[bytes.len() - 1].is_ascii_alphanumeric()
            && bytes
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
    };
    if name.len() <= 253 && name.split('.').all(label_ok) {
        Ok(())
    } else {
        Err("a name is a lowercase RFC 1123 subdomain (lowercase letters, digits, `-` and `.`)")
    }
}

/// Whether `name` is a label or annotation key (`IsQualifiedName`): an
/// optional DNS subdomain and `/`, then 63 characters at most, letters and
/// digits at both ends, `-`, `_` and `.` inside.
pub(super) fn qualified_name(name: &str) -> bool {
    let (prefix, name) = match name.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, name),
    };
    let bytes = name.as_bytes();
    let name_ok = !bytes.is_empty()
        && bytes.len() <= 63
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(b));
    name_ok && prefix.is_none_or(|prefix| !prefix.is_empty() && object_name(prefix).is_ok())
}

/// The pod fields a `fieldRef` of an `env` entry may read
/// (`validEnvDownwardAPIFieldPathExpressions`).
const ENV_FIELD_PATHS: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// The field labels of a pod that `v1` knows (`ConvertDownwardAPIFieldLabel`).
const POD_FIELD_LABELS: &[&str] = &[
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.serviceAccountName",
    "spec.schedulerName",
    "status.phase",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// Whether a `fieldRef` reads a field the API server lets an `env` entry
/// read (`validateObjectFieldSelector`). An `apiVersion` left out is
/// `v1`, as the API server defaults it.
pub(super) fn field_ref(api_version: Option<&str>, path: &str) -> Result<(), String> {
    if let Some(version) = api_version.filter(|version| !version.is_empty() && *version != "v1") {
        return Err(format!(
            "its fieldRef has apiVersion {}: only v1 is supported",
            Abridged::name(version)
        ));
    }
    if path.is_empty() {
        return Err("its fieldRef has no fieldPath".to_owned());
    }
    if let Some((field, subscript)) = subscripted(path) {
        let valid = match field {
            "metadata.annotations" => qualified_name(&subscript.to_ascii_lowercase()),
            "metadata.labels" => qualified_name(subscript),
            _ => {
                return Err(format!(
                    "its fieldRef reads {}, which takes no subscript",
                    Abridged::name(field)
                ));
            }
        };
        return match valid {
            true => Ok(()),
            false => Err(format!(
                "its fieldRef reads the key {}, which is no valid label or annotation key",
                Abridged::name(subscript)
            )),
        };
    }
    // `spec.host` is an old name of `spec.nodeName`.
    let field = if path == "spec.host" {
        "spec.nodeName"
    } else {
        path
    };
    if ENV_FIELD_PATHS.contains(&field) {
        return Ok(());
    }
    let known = if POD_FIELD_LABELS.contains(&field) {
        "which an env entry cannot read"
    } else {
        "which is no field of a pod"
    };
    Err(format!(
        "its fieldRef reads {}, {known} (it can read {})",
        Abridged::name(path),
        ENV_FIELD_PATHS.join(", ")
    ))
}

/// `metadata.labels['key']` as the field and the key
/// (`SplitMaybeSubscriptedPath`).
fn subscripted(path: &str) -> Option<(&str, &str)> {
    let inner = path.strip_suffix("']")?;
    let (field, subscript) = inner.split_once("['")?;
    (!field.is_empty()).then_some((field, subscript))
}

/// The container resources a `resourceFieldRef` may read
/// (`validContainerResourceFieldPathExpressions`, and the hugepages
/// prefixes).
const RESOURCES: &[&str] = &[
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
];

/// Whether a `resourceFieldRef` reads a resource the API server accepts,
/// with a divisor it accepts for that resource
/// (`validateContainerResourceFieldSelector`,
/// `validateContainerResourceDivisor`).
pub(super) fn resource_field_ref(resource: &str, divisor: Option<&str>) -> Result<(), String> {
    let shown = Abridged::name(resource);
    if resource.is_empty() {
        return Err("its resourceFieldRef has no resource".to_owned());
    }
    let hugepages = ["requests.hugepages-", "limits.hugepages-"]
        .iter()
        .any(|prefix| resource.starts_with(prefix));
    if !hugepages && !RESOURCES.contains(&resource) {
        return Err(format!(
            "its resourceFieldRef reads {shown}, which is no resource it can read (it can \
             read {}, and requests.hugepages-* and limits.hugepages-*)",
            RESOURCES.join(", ")
        ));
    }
    let Some(divisor) = divisor else {
        return Ok(());
    };
    let Some(quantity) = Quantity::parse(divisor) else {
        return Err(format!(
            "its resourceFieldRef's divisor {} is not a quantity",
            Abridged::name(divisor)
        ));
    };
    let cpu = resource.ends_with(".cpu");
    if quantity.is_zero() || quantity.is_divisor(cpu) {
        return Ok(());
    }
    let allowed = match cpu {
        true => "1m and 1",
        false => "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei",
    };
    Err(format!(
        "its resourceFieldRef's divisor {} is not one the API server accepts for {shown} \
         (only {allowed})",
        Abridged::name(divisor)
    ))
}

/// Why the API server rejects an `env` entry: the reason, and the entry's
/// name when it has a valid one (the problem is then that variable's).
pub(super) struct Rejection {
    pub name: Option<String>,
    pub reason: String,
}

/// The sources a `valueFrom` may have.
const VALUE_FROM: [&str; 4] = [
    "configMapKeyRef",
    "secretKeyRef",
    "fieldRef",
    "resourceFieldRef",
];

const REJECTED: &str = "Kubernetes rejects the manifest";

/// Checks an `env` entry as `ValidateEnv` does: its name, its `value` (a
/// string), and its `valueFrom` (one source, each with what it needs).
/// Gives the entry's name.
pub(super) fn env_entry(stream: &Stream, item: NodeId) -> Result<&str, Rejection> {
    let name = match stream
        .get(item, "name")
        .map(|name| &stream.node(name).value)
    {
        Some(Value::Scalar(name, ScalarKind::String)) => name.as_str(),
        Some(Value::Scalar(name, kind)) if *kind != ScalarKind::Null => {
            return Err(Rejection {
                name: None,
                reason: format!(
                    "the name of an env entry ({}) is {}, not a string: {REJECTED} (quote it)",
                    Abridged::name(name),
                    kind.noun()
                ),
            });
        }
        _ => "",
    };
    if let Err(why) = env_var_name(name) {
        let reason = match name.is_empty() {
            true => format!("an env entry without a name: {REJECTED}"),
            false => format!(
                "the env entry {} has no valid name ({why}): {REJECTED}",
                Abridged::name(name)
            ),
        };
        return Err(Rejection { name: None, reason });
    }
    let rejected = |reason: String| Rejection {
        name: Some(name.to_owned()),
        reason: format!("{reason}: {REJECTED}"),
    };
    let text = match stream
        .get(item, "value")
        .map(|value| &stream.node(value).value)
    {
        None | Some(Value::Scalar(_, ScalarKind::Null)) => "",
        Some(Value::Scalar(text, ScalarKind::String)) => text.as_str(),
        Some(other) => {
            let noun = noun(other);
            return Err(rejected(format!("its `value` is {noun}, not a string")).quote_it());
        }
    };
    let Some(from) = value_from(stream, item) else {
        return Ok(name);
    };
    if !text.is_empty() {
        return Err(rejected("it has both `value` and `valueFrom`".to_owned()));
    }
    let given: Vec<(&str, NodeId)> = VALUE_FROM
        .iter()
        .filter_map(|kind| Some((*kind, stream.get(from, kind)?)))
        .collect();
    let [(kind, reference)] = given[..] else {
        return Err(rejected(
            "its valueFrom needs exactly one of configMapKeyRef, secretKeyRef, fieldRef and \
             resourceFieldRef"
                .to_owned(),
        ));
    };
    let field = |key: &str| text_field(stream, reference, key, kind);
    let checked = match kind {
        "fieldRef" => field("apiVersion").and_then(|version| {
            let path = field("fieldPath")?;
            field_ref((!version.is_empty()).then_some(version), path)
        }),
        "resourceFieldRef" => field("resource").and_then(|resource| {
            // A number reaches the API server as JSON writes it, which
            // is what its `Quantity` parses; a null is no divisor.
            let divisor =
                stream
                    .get(reference, "divisor")
                    .and_then(|d| match &stream.node(d).value {
                        Value::Scalar(_, ScalarKind::Null) => None,
                        Value::Scalar(text, ScalarKind::Number) => scalar::json_number(text),
                        _ => stream.text(d).map(str::to_owned),
                    });
            resource_field_ref(resource, divisor.as_deref().filter(|d| !d.is_empty()))
        }),
        _ => field("name").and_then(|object| {
            let key = field("key")?;
            reference_to(kind, object, Some(key))
        }),
    };
    checked.map(|()| name).map_err(rejected)
}

/// The `valueFrom` of an entry, unless it is left out or null.
pub(super) fn value_from(stream: &Stream, item: NodeId) -> Option<NodeId> {
    stream
        .get(item, "valueFrom")
        .filter(|&from| !matches!(stream.node(from).value, Value::Scalar(_, ScalarKind::Null)))
}

impl Rejection {
    fn quote_it(mut self) -> Rejection {
        self.reason.push_str(" (quote it)");
        self
    }
}

/// Checks an `envFrom` entry as `ValidateEnvFrom` does: its prefix, and
/// one source with a valid name.
pub(super) fn env_from_entry(stream: &Stream, item: NodeId) -> Result<(), String> {
    let rejected = |reason: String| format!("{reason}: {REJECTED}");
    let prefix = text_field(stream, item, "prefix", "envFrom").map_err(rejected)?;
    if !prefix.is_empty()
        && let Err(why) = env_var_name(prefix)
    {
        return Err(rejected(format!(
            "its prefix {} makes no valid names ({why})",
            Abridged::name(prefix)
        )));
    }
    let refs: Vec<(&str, NodeId)> = ["configMapRef", "secretRef"]
        .iter()
        .filter_map(|kind| Some((*kind, stream.get(item, kind)?)))
        .collect();
    let [(kind, reference)] = refs[..] else {
        return Err(rejected(
            "an envFrom entry needs exactly one of configMapRef and secretRef".to_owned(),
        ));
    };
    let name = text_field(stream, reference, "name", kind).map_err(rejected)?;
    reference_to(kind, name, None).map_err(rejected)
}

/// Checks the ConfigMap or Secret a reference of `kind` names, and the key
/// it reads, if it reads one.
fn reference_to(kind: &str, name: &str, key: Option<&str>) -> Result<(), String> {
    if name.is_empty() {
        return Err(format!("its {kind} has no name"));
    }
    if let Err(why) = object_name(name) {
        return Err(format!(
            "its {kind} names {}, which {why}",
            Abridged::name(name)
        ));
    }
    match key {
        Some("") => Err(format!("its {kind} has no key")),
        Some(key) => config_map_key(key).map_err(|why| {
            format!(
                "its {kind} reads the key {}, but {why}",
                Abridged::name(key)
            )
        }),
        None => Ok(()),
    }
}

/// The string at `key` of `map` (of a `kind` reference), `""` when it is
/// left out or null, or why it is not a string.
fn text_field<'s>(
    stream: &'s Stream,
    map: NodeId,
    key: &str,
    kind: &str,
) -> Result<&'s str, String> {
    match stream.get(map, key).map(|node| &stream.node(node).value) {
        None | Some(Value::Scalar(_, ScalarKind::Null)) => Ok(""),
        Some(Value::Scalar(text, ScalarKind::String)) => Ok(text),
        Some(other) => Err(format!(
            "the {key} of its {kind} is {}, not a string (quote it)",
            noun(other)
        )),
    }
}

/// What a value that is not a string is, in words.
pub(super) fn noun(value: &Value) -> &'static str {
    match value {
        Value::Scalar(_, kind) => kind.noun(),
        Value::Seq(_) => "a YAML sequence",
        Value::Map(_) => "a YAML mapping",
    }
}

/// The bytes of the key `key` of the ConfigMap `config_map` in its
/// `binaryData`, whose value is the node `value`, or why the API server
/// rejects the ConfigMap. A null decodes into a nil `[]byte`: no bytes.
pub(super) fn binary_data(
    stream: &Stream,
    value: NodeId,
    config_map: &str,
    key: &str,
) -> Result<Vec<u8>, String> {
    if matches!(stream.node(value).value, Value::Scalar(_, ScalarKind::Null)) {
        return Ok(Vec::new());
    }
    stream.str(value).and_then(scalar::base64).ok_or_else(|| {
        format!(
            "the key {} of the ConfigMap {} is in binaryData, and is not base64: Kubernetes \
             rejects the ConfigMap",
            Abridged::name(key),
            Abridged::name(config_map)
        )
    })
}

/// The text of the key `key` of the ConfigMap `config_map`, whose value is
/// the node `value`, or why the API server rejects the ConfigMap.
pub(super) fn config_map_text(
    stream: &Stream,
    value: NodeId,
    config_map: &str,
    key: &str,
) -> Result<Zeroizing<String>, String> {
    match &stream.node(value).value {
        Value::Scalar(text, ScalarKind::String) => Ok(text.clone()),
        Value::Scalar(_, ScalarKind::Null) => Ok(Zeroizing::new(String::new())),
        other => Err(format!(
            "the key {} of the ConfigMap {} is {}, not a string: Kubernetes rejects the \
             ConfigMap (quote it)",
            Abridged::name(key),
            Abridged::name(config_map),
            noun(other)
        )),
    }
}
