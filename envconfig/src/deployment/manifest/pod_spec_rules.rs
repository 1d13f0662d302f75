//! What `ValidatePodSpec` (`pkg/apis/core/validation`, Kubernetes v1.32)
//! refuses of a pod's containers and volumes, of what a rendered chart
//! runs into: a pod without containers; a container without a name or
//! image, or whose name is no DNS-1123 label (`validateContainerCommon`);
//! its ports (`validateContainerPorts`: names, numbers, protocols, after
//! the v1 defaults); its volume mounts (`ValidateVolumeMounts`: a volume
//! the pod lacks, a `mountPath` twice, a `subPath` that climbs); the
//! volumes (`ValidateVolumes`: names, a Secret or ConfigMap source
//! without a name, `items` whose `key` is empty or whose `path` climbs, a
//! projected volume whose sources write one path twice); and what
//! [`container_rules`](super::container_rules) refuses of a container,
//! and what [`pod_settings_rules`] refuses of the pod's own settings.
//! Any of these refuses the whole pod, init containers' included.

#[path = "pod_settings_rules.rs"]
mod pod_settings_rules;

use super::container_rules;
use super::scalar::ScalarKind;
use super::service_rules::{dns_1123_label, port_name};
use super::validation::noun;
use super::yaml::{NodeId, Stream, Value};
use crate::shown::Abridged;

/// Why the API server refuses the pod spec `pod` (of a bare Pod when
/// `bare`), each with the node it is about. `claims` names the volumes a
/// StatefulSet's controller adds, from its volume claim templates, in
/// place of the template's own of those names.
pub(super) fn refused(
    stream: &Stream,
    pod: NodeId,
    bare: bool,
    claims: &[&str],
) -> Vec<(NodeId, String)> {
    let mut refused = Vec::new();
    let list = |key: &str| stream.get(pod, key).map_or(&[][..], |l| stream.items(l));
    if list("containers").is_empty() {
        refused.push((pod, "the pod has no containers".to_owned()));
    }
    let mut volumes = volumes(stream, list("volumes"), claims, &mut refused);
    volumes.extend_from_slice(claims);
    let grace = container_rules::grace_period(stream, pod);
    for key in ["initContainers", "containers"] {
        for &container in list(key) {
            let shown = match text(stream, container, "name") {
                Ok(name) if !name.is_empty() => format!("the container {}", Abridged::name(name)),
                _ => "a container".to_owned(),
            };
            let mut say =
                |node: NodeId, why: String| refused.push((node, format!("{shown}: {why}")));
            match text(stream, container, "name") {
                Ok("") => say(container, "it has no name".to_owned()),
                Ok(name) if !dns_1123_label(name) => say(
                    container,
                    format!(
                        "its name {} is no DNS-1123 label (at most 63 lowercase letters, digits \
                         and `-`, a letter or digit at both ends)",
                        Abridged::name(name)
                    ),
                ),
                Ok(_) => {}
                Err((node, why)) => say(node, format!("its name {why}")),
            }
            match text(stream, container, "image") {
                Ok("") => say(container, "it has no image".to_owned()),
                // Only a pod's own container may not pad its image: a
                // template's may (`validateContainerOnlyForPod`).
                Ok(image) if bare && image.trim() != image => {
                    let node = stream.get(container, "image").unwrap_or(container);
                    say(node, "its image starts or ends with a space".to_owned());
                }
                Ok(_) => {}
                Err((node, why)) => say(node, format!("its image {why}")),
            }
            let init = key == "initContainers";
            for (node, why) in ports(stream, container)
                .into_iter()
                .chain(mounts(stream, container, &volumes))
                .chain(container_rules::refused(stream, container, init, grace))
            {
                say(node, why);
            }
        }
    }
    refused.extend(pod_settings_rules::refused(stream, pod, bare));
    refused
        .into_iter()
        .map(|(node, why)| (node, format!("{why}: Kubernetes rejects the pod")))
        .collect()
}

/// The string at `key` of `map`: `""` when it is left out or null; or the
/// node, and why it is no string.
fn text<'s>(stream: &'s Stream, map: NodeId, key: &str) -> Result<&'s str, (NodeId, String)> {
    let Some(node) = stream.get(map, key) else {
        return Ok("");
    };
    match &stream.node(node).value {
        Value::Scalar(_, ScalarKind::Null) => Ok(""),
        Value::Scalar(text, ScalarKind::String) => Ok(text),
        other => Err((node, format!("is {}, not a string", noun(other)))),
    }
}

/// The names of the pod's volumes, and why the API server refuses them.
fn volumes<'s>(
    stream: &'s Stream,
    list: &[NodeId],
    claims: &[&str],
    refused: &mut Vec<(NodeId, String)>,
) -> Vec<&'s str> {
    let mut names: Vec<&'s str> = Vec::new();
    for &volume in list {
        let name = match text(stream, volume, "name") {
            Ok(name) if claims.contains(&name) => continue,
            Ok(name) => name,
            Err((node, why)) => {
                refused.push((node, format!("a volume's name {why}")));
                continue;
            }
        };
        let shown = Abridged::name(name);
        if name.is_empty() {
            refused.push((volume, "a volume has no name".to_owned()));
        } else if !dns_1123_label(name) {
            let why = format!("the volume name {shown} is no DNS-1123 label");
            refused.push((volume, why));
        } else if names.contains(&name) {
            refused.push((volume, format!("two volumes are named {shown}")));
        }
        names.push(name);
        let of = format!("the volume {shown}");
        let mut sources = Vec::new();
        for (kind, named) in [("secret", "secretName"), ("configMap", "name")] {
            sources.extend(stream.get(volume, kind).map(|node| (kind, named, node)));
        }
        sources.extend(
            stream
                .get(volume, "downwardAPI")
                .map(|n| ("downwardAPI", "", n)),
        );
        if let Some(projected) = stream.get(volume, "projected") {
            let list = stream.get(projected, "sources");
            for (node, path) in duplicate_paths(stream, projected) {
                let why = format!(
                    "{of}: its sources write the path {} twice (conflicting duplicate paths)",
                    Abridged::name(path)
                );
                refused.push((node, why));
            }
            for &source in list.map_or(&[][..], |l| stream.items(l)) {
                for kind in ["secret", "configMap"] {
                    sources.extend(stream.get(source, kind).map(|node| (kind, "name", node)));
                }
                sources.extend(
                    stream
                        .get(source, "downwardAPI")
                        .map(|n| ("downwardAPI", "", n)),
                );
            }
        }
        for (kind, named, source) in sources {
            if !named.is_empty() && matches!(text(stream, source, named), Ok("")) {
                let node = stream.get(source, named).unwrap_or(source);
                refused.push((node, format!("{of}: its {kind} source has no {named}")));
            }
            let items = stream.get(source, "items");
            for &item in items.map_or(&[][..], |l| stream.items(l)) {
                if kind != "downwardAPI" && matches!(text(stream, item, "key"), Ok("")) {
                    refused.push((item, format!("{of}: an item has no key")));
                }
                // A path that is no string has been said (`volume_items`).
                if let Ok(path) = text(stream, item, "path")
                    && let Some(why) = climbing(path, true)
                {
                    let node = stream.get(item, "path").unwrap_or(item);
                    refused.push((node, format!("{of}: an item's path {why}")));
                }
            }
        }
    }
    names
}

/// The paths that the sources of the projected volume `projected` write
/// a second time, each with its node: the API server compares the
/// `path`s of the Secret, ConfigMap and downwardAPI items and of a
/// `clusterTrustBundle` as written (`validateProjectionSources`), not a
/// `serviceAccountToken`'s.
fn duplicate_paths(stream: &Stream, projected: NodeId) -> Vec<(NodeId, &str)> {
    let list = |node: NodeId, key: &str| stream.get(node, key).map_or(&[][..], |l| stream.items(l));
    let mut seen: Vec<&str> = Vec::new();
    let mut twice = Vec::new();
    let mut write = |node: NodeId| {
        // A path that is no string has been said (`volume_items`).
        if let Ok(path) = text(stream, node, "path")
            && !path.is_empty()
        {
            match seen.contains(&path) {
                true => twice.push((stream.get(node, "path").unwrap_or(node), path)),
                false => seen.push(path),
            }
        }
    };
    for &source in list(projected, "sources") {
        for kind in ["secret", "configMap", "downwardAPI"] {
            if let Some(source) = stream.get(source, kind) {
                list(source, "items").iter().for_each(|&item| write(item));
            }
        }
        if let Some(bundle) = stream.get(source, "clusterTrustBundle") {
            write(bundle);
        }
    }
    twice
}

/// Why the API server refuses a path in a volume (`validateLocalDescendingPath`;
/// `validateLocalNonReservedPath` when `reserved`, which also refuses an
/// empty path and one that starts with `..`, the kubelet's own names).
fn climbing(path: &str, reserved: bool) -> Option<&'static str> {
    if reserved && path.is_empty() {
        Some("is empty")
    } else if path.starts_with('/') {
        Some("is absolute, where a relative path is required")
    } else if path.split('/').any(|part| part == "..") {
        Some("has a `..` part")
    } else if reserved && path.starts_with("..") {
        Some("starts with `..`")
    } else {
        None
    }
}

/// Why the API server refuses the ports of `container`, after the v1
/// defaults (a protocol left out is TCP).
fn ports(stream: &Stream, container: NodeId) -> Vec<(NodeId, String)> {
    let mut refused = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    let list = stream.get(container, "ports");
    for &port in list.map_or(&[][..], |l| stream.items(l)) {
        match text(stream, port, "name") {
            Ok("") => {}
            Ok(name) if !port_name(name) => refused.push((
                port,
                format!(
                    "its port name {} is no port name (at most 15 lowercase letters, digits \
                     and `-`, at least one letter)",
                    Abridged::name(name)
                ),
            )),
            Ok(name) if names.contains(&name) => {
                let why = format!("two of its ports are named {}", Abridged::name(name));
                refused.push((port, why));
            }
            Ok(name) => names.push(name),
            Err((node, why)) => refused.push((node, format!("a port's name {why}"))),
        }
        for (key, required) in [("containerPort", true), ("hostPort", false)] {
            let node = stream.get(port, key);
            let number = node.and_then(|node| match &stream.node(node).value {
                Value::Scalar(_, ScalarKind::Null) => None,
                _ => Some((node, stream.integer(node))),
            });
            let why = match number {
                None | Some((_, Some(0))) if required => Some(format!("a port has no {key}")),
                None | Some((_, Some(0))) => None,
                Some((_, Some(n))) if !(1..=65535).contains(&n) => {
                    Some(format!("its {key} {n} is not between 1 and 65535"))
                }
                Some((_, Some(_))) => None,
                Some((node, None)) => {
                    let what = noun(&stream.node(node).value);
                    Some(format!("its {key} is {what}, not a whole number"))
                }
            };
            refused.extend(why.map(|why| (node.unwrap_or(port), why)));
        }
        match text(stream, port, "protocol") {
            Ok("" | "TCP" | "UDP" | "SCTP") => {}
            Ok(protocol) => {
                let node = stream.get(port, "protocol").unwrap_or(port);
                let why = format!(
                    "its port protocol {} is none of TCP, UDP and SCTP",
                    Abridged::name(protocol)
                );
                refused.push((node, why));
            }
            Err((node, why)) => refused.push((node, format!("a port's protocol {why}"))),
        }
    }
    refused
}

/// Why the API server refuses the volume mounts of `container`, of a pod
/// whose volumes are `volumes`.
fn mounts(stream: &Stream, container: NodeId, volumes: &[&str]) -> Vec<(NodeId, String)> {
    let mut refused = Vec::new();
    let mut paths: Vec<&str> = Vec::new();
    let list = stream.get(container, "volumeMounts");
    for &mount in list.map_or(&[][..], |l| stream.items(l)) {
        match text(stream, mount, "name") {
            Ok("") => refused.push((mount, "a volume mount names no volume".to_owned())),
            Ok(name) if !volumes.contains(&name) => {
                let why = format!(
                    "it mounts the volume {}, which the pod does not have",
                    Abridged::name(name)
                );
                refused.push((mount, why));
            }
            Ok(_) => {}
            Err((node, why)) => refused.push((node, format!("a volume mount's name {why}"))),
        }
        match text(stream, mount, "mountPath") {
            Ok("") => refused.push((mount, "a volume mount has no mountPath".to_owned())),
            // The same string twice: `/a` and `/a/` are two to the API server.
            Ok(path) if paths.contains(&path) => {
                let why = format!("it mounts two volumes at {}", Abridged::name(path));
                refused.push((mount, why));
            }
            Ok(path) => paths.push(path),
            Err((node, why)) => refused.push((node, format!("a mountPath {why}"))),
        }
        let sub_path = text(stream, mount, "subPath");
        let expr = text(stream, mount, "subPathExpr");
        for (key, value) in [("subPath", &sub_path), ("subPathExpr", &expr)] {
            let node = stream.get(mount, key).unwrap_or(mount);
            match value {
                Ok("") => {}
                Ok(path) => {
                    if let Some(why) = climbing(path, false) {
                        refused.push((node, format!("the {key} of a volume mount {why}")));
                    }
                }
                Err((node, why)) => refused.push((*node, format!("a {key} {why}"))),
            }
        }
        if matches!((sub_path, expr), (Ok(a), Ok(b)) if !a.is_empty() && !b.is_empty()) {
            let why = "a volume mount has both subPath and subPathExpr".to_owned();
            refused.push((mount, why));
        }
    }
    refused
}

#[cfg(test)]
#[path = "pod_spec_rules_tests.rs"]
pub(crate) mod tests;
