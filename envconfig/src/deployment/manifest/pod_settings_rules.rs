//! What `ValidatePodSpec` (Kubernetes v1.32) refuses of a pod's own
//! settings, beside its containers and volumes: two ports of its
//! containers that take one host port (`AccumulateUniqueHostPorts`), a
//! host port that is not the container port on the host's network
//! (`validateHostNetwork`), `dnsPolicy` (`validateDNSPolicy`,
//! `validatePodDNSConfig`), `tolerations` (`ValidateTolerations`),
//! `nodeSelector` (`ValidateLabels`), the names of its service account,
//! node, priority class, host and subdomain, `activeDeadlineSeconds`, and
//! `imagePullSecrets` entries that do not decode.
//!
//! Not refused, as the API server takes them: a negative
//! `terminationGracePeriodSeconds` (the pod is made, and the only change
//! then allowed is to 1: `ValidatePodSpecUpdate`), and an
//! `imagePullSecrets` entry without a name (a warning of the API server,
//! not an error).

use crate::deployment::manifest::object_meta::label_value;
use crate::deployment::manifest::scalar::ScalarKind;
use crate::deployment::manifest::service_rules::dns_1123_label;
use crate::deployment::manifest::validation::{noun, object_name, qualified_name};
use crate::deployment::manifest::yaml::{NodeId, Stream, Value};
use crate::shown::Abridged;

/// Why the API server refuses the settings of the pod spec `pod` (a bare
/// Pod's when `bare`), each with its node.
pub(super) fn refused(stream: &Stream, pod: NodeId, bare: bool) -> Vec<(NodeId, String)> {
    let mut refused = host_ports(stream, pod, bare);
    refused.extend(dns(stream, pod));
    refused.extend(tolerations(stream, pod));
    refused.extend(node_selector(stream, pod));
    refused.extend(names(stream, pod));
    if let Some(node) = present(stream, pod, "activeDeadlineSeconds")
        && let Some(seconds) = stream.integer(node)
        && !(1..=i64::from(i32::MAX)).contains(&seconds)
    {
        let why = format!("its activeDeadlineSeconds {seconds} is not between 1 and 2147483647");
        refused.push((node, why));
    }
    let secrets = present(stream, pod, "imagePullSecrets");
    for &item in secrets.map_or(&[][..], |list| stream.items(list)) {
        match &stream.node(item).value {
            Value::Map(_) | Value::Scalar(_, ScalarKind::Null) => {}
            other => {
                let why = format!(
                    "an imagePullSecrets entry is {}, not a mapping (write `- name: ...`)",
                    noun(other)
                );
                refused.push((item, why));
            }
        }
    }
    refused
}

/// The node at `key` of `map`, unless it is left out or null.
fn present(stream: &Stream, map: NodeId, key: &str) -> Option<NodeId> {
    let node = stream.get(map, key)?;
    match stream.node(node).value {
        Value::Scalar(_, ScalarKind::Null) => None,
        _ => Some(node),
    }
}

/// The string at `key` of `map`: `""` when it is left out, null, or no
/// string (which other rules, or decoding, refuse).
fn text<'s>(stream: &'s Stream, map: NodeId, key: &str) -> &'s str {
    stream
        .get(map, key)
        .and_then(|node| stream.str(node))
        .unwrap_or("")
}

/// The host ports of the pod's containers: one port, protocol and host
/// IP (after the v1 defaults: TCP, and a bare Pod on the host's network
/// gets its container port as host port, where a template does not) may
/// be taken once (`checkHostPortConflicts`, across the containers, not the
/// init containers); on the host's network, a host port that is set is
/// the container port.
fn host_ports(stream: &Stream, pod: NodeId, bare: bool) -> Vec<(NodeId, String)> {
    let mut refused = Vec::new();
    let host_network = stream.is_true(pod, "hostNetwork");
    let mut taken: Vec<(i64, &str, &str)> = Vec::new();
    let containers = present(stream, pod, "containers");
    for &container in containers.map_or(&[][..], |list| stream.items(list)) {
        let ports = present(stream, container, "ports");
        for &port in ports.map_or(&[][..], |list| stream.items(list)) {
            let number = |key: &str| {
                let node = present(stream, port, key);
                node.and_then(|node| stream.integer(node)).unwrap_or(0)
            };
            let (container_port, mut host_port) = (number("containerPort"), number("hostPort"));
            if host_network && host_port != 0 && host_port != container_port {
                let node = present(stream, port, "hostPort").unwrap_or(port);
                let why = format!(
                    "its hostPort {host_port} is not its containerPort {container_port}, which \
                     it must be on the host's network (hostNetwork: true)"
                );
                refused.push((node, why));
            }
            if bare && host_network && host_port == 0 {
                host_port = container_port;
            }
            if host_port == 0 {
                continue;
            }
            let protocol = match text(stream, port, "protocol") {
                "" => "TCP",
                protocol => protocol,
            };
            let ip = text(stream, port, "hostIP");
            let key = (host_port, protocol, ip);
            if taken.contains(&key) {
                let on = match ip {
                    "" => String::new(),
                    ip => format!(" on {}", Abridged::name(ip)),
                };
                let why = format!(
                    "two ports of its containers take the host port {host_port}/{}{on}",
                    Abridged::name(protocol)
                );
                refused.push((port, why));
            } else {
                taken.push(key);
            }
        }
    }
    refused
}

/// `dnsPolicy`, `ClusterFirst` when left out or empty (`SetDefaults_PodSpec`);
/// `None` takes its servers from `dnsConfig`, which then names one to
/// three; any policy takes three at most.
fn dns(stream: &Stream, pod: NodeId) -> Vec<(NodeId, String)> {
    let mut refused = Vec::new();
    let node = present(stream, pod, "dnsPolicy");
    let policy = match node.map(|node| &stream.node(node).value) {
        None => "ClusterFirst",
        Some(Value::Scalar(text, ScalarKind::String)) if text.is_empty() => "ClusterFirst",
        Some(Value::Scalar(text, ScalarKind::String)) => text.as_str(),
        Some(other) => {
            let why = format!("its dnsPolicy is {}, not a string", noun(other));
            return vec![(node.unwrap_or(pod), why)];
        }
    };
    const POLICIES: [&str; 4] = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    if !POLICIES.contains(&policy) {
        let why = format!(
            "its dnsPolicy is {}, where Kubernetes takes only ClusterFirstWithHostNet, \
             ClusterFirst, Default or None",
            Abridged::name(policy)
        );
        refused.push((node.unwrap_or(pod), why));
    }
    let config = present(stream, pod, "dnsConfig");
    let servers = config.and_then(|config| present(stream, config, "nameservers"));
    let count = servers.map_or(0, |list| stream.items(list).len());
    if policy == "None" && config.is_none() {
        let why = "its dnsPolicy is None, which needs a dnsConfig with its nameservers";
        refused.push((node.unwrap_or(pod), why.to_owned()));
    } else if policy == "None" && count == 0 {
        let why = "its dnsPolicy is None, and its dnsConfig names no nameservers";
        refused.push((config.unwrap_or(pod), why.to_owned()));
    }
    if count > 3 {
        let why = format!("its dnsConfig names {count} nameservers, where 3 is the most");
        refused.push((servers.unwrap_or(pod), why));
    }
    refused
}

/// `ValidateTolerations`: a key that is a label name, or none with
/// `Exists`; `Exists` without a value, `Equal` (or none) with a label
/// value; an effect of `NoSchedule`, `PreferNoSchedule` or `NoExecute`,
/// which `tolerationSeconds` needs to be.
fn tolerations(stream: &Stream, pod: NodeId) -> Vec<(NodeId, String)> {
    let mut refused = Vec::new();
    let list = present(stream, pod, "tolerations");
    for &item in list.map_or(&[][..], |list| stream.items(list)) {
        let (key, operator) = (text(stream, item, "key"), text(stream, item, "operator"));
        let (value, effect) = (text(stream, item, "value"), text(stream, item, "effect"));
        let of = match key {
            "" => "a toleration".to_owned(),
            key => format!("its toleration of {}", Abridged::name(key)),
        };
        let mut say = |why: String| refused.push((item, format!("{of} {why}")));
        if !key.is_empty() && !qualified_name(key) {
            say("has a key that is no label name".to_owned());
        }
        if key.is_empty() && operator != "Exists" {
            say(
                "has no key, which only the operator Exists takes (to tolerate every taint)".into(),
            );
        }
        match operator {
            "" | "Equal" if !label_value(value) => {
                say(format!(
                    "has the value {}, which is no label value",
                    Abridged::name(value)
                ));
            }
            "" | "Equal" => {}
            "Exists" if !value.is_empty() => {
                say("has the operator Exists and a value, which Exists takes none of".to_owned());
            }
            "Exists" => {}
            other => say(format!(
                "has the operator {}, where Kubernetes takes only Equal or Exists",
                Abridged::name(other)
            )),
        }
        if !["", "NoSchedule", "PreferNoSchedule", "NoExecute"].contains(&effect) {
            say(format!(
                "has the effect {}, where Kubernetes takes only NoSchedule, PreferNoSchedule \
                 or NoExecute",
                Abridged::name(effect)
            ));
        }
        if present(stream, item, "tolerationSeconds").is_some() && effect != "NoExecute" {
            say("has tolerationSeconds, which only the effect NoExecute takes".to_owned());
        }
    }
    refused
}

/// `nodeSelector`: labels, each key a qualified name and each value a
/// label value, a string (a number or boolean does not decode).
fn node_selector(stream: &Stream, pod: NodeId) -> Vec<(NodeId, String)> {
    let Some(map) = present(stream, pod, "nodeSelector") else {
        return Vec::new();
    };
    if !matches!(stream.node(map).value, Value::Map(_)) {
        let why = format!(
            "its nodeSelector is {}, not a mapping",
            noun(&stream.node(map).value)
        );
        return vec![(map, why)];
    }
    let mut refused = Vec::new();
    for (key, value) in stream.entries(map) {
        let shown = Abridged::name(key);
        let why = match &stream.node(value).value {
            _ if !qualified_name(key) => format!("its nodeSelector key {shown} is no label name"),
            Value::Scalar(_, ScalarKind::Null) => continue,
            Value::Scalar(text, ScalarKind::String) if label_value(text) => continue,
            Value::Scalar(text, ScalarKind::String) => format!(
                "its nodeSelector's {shown} is {}, which is no label value",
                Abridged::name(text)
            ),
            other => format!(
                "its nodeSelector's {shown} is {}, not a string (quote it)",
                noun(other)
            ),
        };
        refused.push((value, why));
    }
    refused
}

/// The names a pod spec gives: a service account (`serviceAccountName`,
/// or the deprecated `serviceAccount` when it is empty), node and
/// priority class are DNS subdomains; a hostname and subdomain DNS-1123
/// labels.
fn names(stream: &Stream, pod: NodeId) -> Vec<(NodeId, String)> {
    let mut refused = Vec::new();
    let account = match text(stream, pod, "serviceAccountName") {
        "" => "serviceAccount",
        _ => "serviceAccountName",
    };
    for (key, subdomain) in [
        (account, true),
        ("nodeName", true),
        ("priorityClassName", true),
        ("hostname", false),
        ("subdomain", false),
    ] {
        let name = text(stream, pod, key);
        let valid = match subdomain {
            true => object_name(name).is_ok(),
            false => dns_1123_label(name),
        };
        if name.is_empty() || valid {
            continue;
        }
        let what = match subdomain {
            true => "no DNS subdomain (lowercase letters, digits, `-` and `.`)",
            false => "no DNS-1123 label (at most 63 lowercase letters, digits and `-`)",
        };
        let node = stream.get(pod, key).unwrap_or(pod);
        refused.push((
            node,
            format!("its {key} {} is {what}", Abridged::name(name)),
        ));
    }
    refused
}

#[cfg(test)]
#[path = "pod_settings_rules_tests.rs"]
mod tests;
