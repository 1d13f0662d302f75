//! What makes the API server refuse a Service, beyond its ports' numbers,
//! protocols and the names of several ports, which
//! [`service_links`](super::service_links) reads with them: its name, its
//! `type`, each port's name, target port and node port, two ports of one
//! number and protocol, and metadata it refuses of any object
//! ([`object_meta`](super::object_meta)) (`ValidateService` and `validateServicePort`
//! in `pkg/apis/core/validation`, after `SetDefaults_Service`). A Service
//! it refuses is never made, and the kubelet sets no links for it.

use super::api_versions;
use super::object_meta;
use super::scalar::ScalarKind;
use super::yaml::{NodeId, Stream, Value};

/// The types the API server takes (`supportedServiceType`); none is
/// `ClusterIP`, as is an empty one.
const TYPES: [&str; 4] = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];

/// Whether the API server refuses the Service `name` (the node
/// `service`, whose `spec` is given), for any of the rules this module has.
pub(super) fn is_refused(stream: &Stream, name: &str, service: NodeId, spec: NodeId) -> bool {
    if api_versions::refused(stream, service, "Service").is_some() {
        return true;
    }
    let metadata = stream.get(service, "metadata");
    if metadata.is_some_and(|metadata| object_meta::metadata(stream, metadata).is_some()) {
        return true;
    }
    let kind = match stream.get(spec, "type") {
        None => "ClusterIP",
        Some(node) => match &stream.node(node).value {
            Value::Scalar(_, ScalarKind::Null) => "ClusterIP",
            Value::Scalar(text, ScalarKind::String) if text.is_empty() => "ClusterIP",
            Value::Scalar(text, ScalarKind::String) => text,
            _ => return true,
        },
    };
    if !dns_1035_label(name) || !TYPES.contains(&kind) {
        return true;
    }
    let ports = stream
        .get(spec, "ports")
        .map_or(&[][..], |ports| stream.items(ports));
    let mut seen: Vec<(String, i64)> = Vec::new();
    for &port in ports {
        let field = |key| stream.get(port, key);
        // A field of another JSON type than its own fails to decode (a
        // null is as good as a missing field).
        let mistyped = |key, kind: ScalarKind| {
            field(key).is_some_and(|node| {
                !matches!(stream.node(node).value, Value::Scalar(_, found)
                    if found == kind || found == ScalarKind::Null)
            })
        };
        if mistyped("name", ScalarKind::String)
            || mistyped("protocol", ScalarKind::String)
            || mistyped("nodePort", ScalarKind::Number)
        {
            return true;
        }
        let name = field("name").and_then(|name| stream.str(name));
        if name.is_some_and(|name| !name.is_empty() && !dns_1123_label(name)) {
            return true;
        }
        if field("targetPort").is_some_and(|target| !is_target_port(stream, target)) {
            return true;
        }
        let node_port = field("nodePort").and_then(|node| stream.integer(node));
        if kind == "ClusterIP" && node_port.is_some_and(|number| number != 0) {
            return true;
        }
        // Two ports of one number and protocol, the protocol defaulted.
        let number = field("port").and_then(|node| stream.integer(node));
        let protocol = protocol(stream, port);
        if let Some(number) = number {
            let key = (protocol.to_owned(), number);
            if seen.contains(&key) {
                return true;
            }
            seen.push(key);
        }
    }
    false
}

/// The protocol of the Service port `port`, as `SetDefaults_Service`
/// leaves it: `TCP` for a missing, null or empty one. (One of another
/// type refuses the Service.)
pub(super) fn protocol(stream: &Stream, port: NodeId) -> &str {
    stream
        .get(port, "protocol")
        .and_then(|protocol| stream.str(protocol))
        .filter(|protocol| !protocol.is_empty())
        .unwrap_or("TCP")
}

/// Whether a port's `targetPort` is one the API server takes
/// (`ValidatePortNumOrName`): a JSON number from 1 to 65535, or the name
/// of a container's port (`IsValidPortName`); 0, `""` and null are
/// defaulted to the port itself. A quoted number is a string, and no
/// port's name: it has no letter.
fn is_target_port(stream: &Stream, node: NodeId) -> bool {
    match &stream.node(node).value {
        Value::Scalar(_, ScalarKind::Null) => true,
        Value::Scalar(_, ScalarKind::Number) => stream
            .integer(node)
            .is_some_and(|n| (0..=65535).contains(&n)),
        Value::Scalar(text, ScalarKind::String) => text.is_empty() || port_name(text),
        _ => false,
    }
}

/// `IsValidPortName`: at most 15 lowercase letters, digits and `-`, at
/// least one letter, no `-` at either end or twice in a row.
pub(super) fn port_name(name: &str) -> bool {
    name.len() <= 15
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && name.bytes().any(|b| b.is_ascii_lowercase())
        && !name.contains("--")
        && !name.starts_with('-')
        && !name.ends_with('-')
}

/// `IsDNS1123Label`: at most 63 lowercase letters, digits and `-`, a
/// letter or digit at both ends.
pub(super) fn dns_1123_label(name: &str) -> bool {
    let bytes = name.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

/// `IsDNS1035Label`, which names a Service: a DNS-1123 label that starts
/// with a letter.
fn dns_1035_label(name: &str) -> bool {
    dns_1123_label(name) && name.as_bytes()[0].is_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cases of `TestIsValidPortName`, `TestIsDNS1123Label` and
    /// `TestIsDNS1035Label` (`k8s.io/apimachinery/pkg/util/validation`).
    #[test]
    fn names_as_apimachinery_takes_them() {
        let long = "a".repeat(16);
        for (name, valid) in [
            ("telnet", true),
            ("re-mail-ck", true),
            ("pop3", true),
            ("a", true),
            ("a-1", true),
            ("1-a", true),
            ("a-1-b-2-c", true),
            ("1-a-2-b-3", true),
            ("longerthan15characters", false),
            ("", false),
            (&long, false),
            ("12345", false),
            ("1-2-3-4", false),
            ("-begin", false),
            ("end-", false),
            ("two--hyphens", false),
            ("whois++", false),
        ] {
            assert_eq!(port_name(name), valid, "port name {name:?}");
        }
        for (name, label, label_1035) in [
            ("a", true, true),
            ("ab", true, true),
            ("abc", true, true),
            ("a1", true, true),
            ("a-1", true, true),
            ("a--1--2--b", true, true),
            ("0", true, false),
            ("01", true, false),
            ("012", true, false),
            ("1a", true, false),
            ("1-a", true, false),
            ("1--a--b--2", true, false),
            ("", false, false),
            ("A", false, false),
            ("ABC", false, false),
            ("aBc", false, false),
            ("A1", false, false),
            ("A-1", false, false),
            ("1-A", false, false),
            ("-", false, false),
            ("a-", false, false),
            ("-a", false, false),
            ("1-", false, false),
            ("-1", false, false),
            ("_", false, false),
            ("a_", false, false),
            ("_a", false, false),
            ("a_b", false, false),
            ("1_", false, false),
            ("_1", false, false),
            ("1_2", false, false),
            (".", false, false),
            ("a.", false, false),
            (".a", false, false),
            ("a.b", false, false),
            ("1.", false, false),
            (".1", false, false),
            ("1.2", false, false),
            (" ", false, false),
            ("a ", false, false),
            (" a", false, false),
            ("a b", false, false),
            ("1 ", false, false),
            (" 1", false, false),
            ("1 2", false, false),
        ] {
            assert_eq!(dns_1123_label(name), label, "DNS-1123 label {name:?}");
            assert_eq!(dns_1035_label(name), label_1035, "DNS-1035 label {name:?}");
        }
        let long = "a".repeat(63);
        assert!(dns_1035_label(&long));
        assert!(!dns_1123_label(&format!("{long}a")));
    }
}
