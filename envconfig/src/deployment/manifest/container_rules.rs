//! What `ValidatePodSpec` (Kubernetes v1.32) refuses of a container beyond
//! its name, image, ports and mounts: its `resources`
//! ([`resource_rules`](super::resource_rules)); its probes (`validateProbe`,
//! and `validateLivenessProbe`, `validateReadinessProbe`,
//! `validateStartupProbe`) and lifecycle hooks (`validateLifecycle`), each
//! with one handler (`validateHandler`: `validateExecAction`,
//! `validateHTTPGetAction`, `validateTCPSocketAction`, `validateGRPCAction`,
//! `validateSleepAction`, `ValidatePortNumOrName`); probes and hooks of an
//! init container that is no sidecar (`validateInitContainers`); its
//! `restartPolicy`; its `imagePullPolicy` (`validatePullPolicy`) and
//! `terminationMessagePolicy` (`validateContainerCommon`).
//!
//! The v1 defaults come first, as the API server applies them: an
//! `imagePullPolicy` and a `terminationMessagePolicy` left out are set
//! (`SetDefaults_Container`); a probe's `timeoutSeconds`, `periodSeconds`,
//! `successThreshold` and `failureThreshold` of 0 become 1, 10, 1 and 3
//! (`SetDefaults_Probe`); an `httpGet` without `path` or `scheme` gets `/`
//! and `HTTP` (`SetDefaults_HTTPGetAction`); a pod without
//! `terminationGracePeriodSeconds` gets 30 (`SetDefaults_PodSpec`).

use super::resource_rules;
use super::scalar::ScalarKind;
use super::service_rules::port_name;
use super::validation::noun;
use super::yaml::{NodeId, Stream, Value};
use crate::shown::Abridged;

/// The handlers a probe may have, and those a lifecycle hook may have.
const PROBE_HANDLERS: &[&str] = &["exec", "httpGet", "tcpSocket", "grpc"];
const HOOK_HANDLERS: &[&str] = &["exec", "httpGet", "tcpSocket", "sleep"];

/// The pod's `terminationGracePeriodSeconds`, after the v1 default (30);
/// `None` when it is no whole number (or negative), which no sleep is
/// then measured against.
pub(super) fn grace_period(stream: &Stream, pod: NodeId) -> Option<i64> {
    match stream.get(pod, "terminationGracePeriodSeconds") {
        None => Some(30),
        Some(node) if matches!(stream.node(node).value, Value::Scalar(_, ScalarKind::Null)) => {
            Some(30)
        }
        Some(node) => stream.integer(node).filter(|&seconds| seconds >= 0),
    }
}

/// Why the API server refuses `container` (an init container when `init`)
/// of a pod whose grace period is `grace`, each with its node.
pub(super) fn refused(
    stream: &Stream,
    container: NodeId,
    init: bool,
    grace: Option<i64>,
) -> Vec<(NodeId, String)> {
    let mut refused = resource_rules::refused(stream, container);
    for (key, takes) in [
        ("imagePullPolicy", &["Always", "IfNotPresent", "Never"][..]),
        (
            "terminationMessagePolicy",
            &["File", "FallbackToLogsOnError"],
        ),
    ] {
        let Some(node) = stream.get(container, key) else {
            continue;
        };
        let why = match &stream.node(node).value {
            Value::Scalar(_, ScalarKind::Null) => continue,
            Value::Scalar(text, ScalarKind::String) if text.is_empty() => continue,
            Value::Scalar(text, ScalarKind::String) if takes.contains(&text.as_str()) => continue,
            Value::Scalar(text, ScalarKind::String) => format!(
                "its {key} {} is none of {}",
                Abridged::name(text),
                takes.join(", ")
            ),
            other => format!("its {key} is {}, not a string", noun(other)),
        };
        refused.push((node, why));
    }
    let sidecar = sidecar(stream, container, init, &mut refused);
    for key in [
        "lifecycle",
        "livenessProbe",
        "readinessProbe",
        "startupProbe",
    ] {
        let Some(node) = present(stream, container, key) else {
            continue;
        };
        if init && !sidecar {
            let why = format!(
                "it is an init container without restartPolicy: Always, which may not have a \
                 {key}"
            );
            refused.push((node, why));
        } else if !matches!(stream.node(node).value, Value::Map(_)) {
            let what = noun(&stream.node(node).value);
            refused.push((node, format!("its {key} is {what}, not a mapping")));
        } else if key == "lifecycle" {
            for hook in ["postStart", "preStop"] {
                if let Some(handler) = present(stream, node, hook) {
                    let of = format!("its {hook} hook");
                    handler_refused(stream, handler, HOOK_HANDLERS, &of, grace, &mut refused);
                }
            }
        } else {
            probe_refused(stream, node, key, grace, &mut refused);
        }
    }
    refused
}

/// Whether `container` is a sidecar, an init container of `restartPolicy:
/// Always`; and why the API server refuses its `restartPolicy`, which
/// only an init container may set, to `Always` only
/// (`validateInitContainerRestartPolicy`).
fn sidecar(
    stream: &Stream,
    container: NodeId,
    init: bool,
    refused: &mut Vec<(NodeId, String)>,
) -> bool {
    let Some(node) = present(stream, container, "restartPolicy") else {
        return false;
    };
    let why = match &stream.node(node).value {
        _ if !init => "it sets restartPolicy, which only an init container may".to_owned(),
        Value::Scalar(text, ScalarKind::String) if text.as_str() == "Always" => return true,
        Value::Scalar(text, ScalarKind::String) => {
            let written = match text.is_empty() {
                true => "is empty,".to_owned(),
                false => format!("{} is", Abridged::name(text)),
            };
            format!("its restartPolicy {written} not Always, the only one an init container takes")
        }
        other => format!("its restartPolicy is {}, not a string", noun(other)),
    };
    refused.push((node, why));
    false
}

/// The value of `key` of `map`, when it is there and not null (a pointer
/// the API server decodes as set).
fn present(stream: &Stream, map: NodeId, key: &str) -> Option<NodeId> {
    let node = stream.get(map, key)?;
    let null = matches!(stream.node(node).value, Value::Scalar(_, ScalarKind::Null));
    (!null).then_some(node)
}

/// Why the API server refuses the probe `probe` at `key` of a container.
fn probe_refused(
    stream: &Stream,
    probe: NodeId,
    key: &str,
    grace: Option<i64>,
    refused: &mut Vec<(NodeId, String)>,
) {
    let of = format!("its {key}");
    handler_refused(stream, probe, PROBE_HANDLERS, &of, grace, refused);
    let number = |field: &str, wide: bool, refused: &mut Vec<(NodeId, String)>| {
        whole(stream, probe, field, wide).unwrap_or_else(|(node, why)| {
            refused.push((node, format!("{of}'s {field} {why}")));
            None
        })
    };
    let mut success = None;
    for field in [
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ] {
        let value = number(field, false, refused);
        if field == "successThreshold" {
            success = value;
        }
        if let Some((node, n)) = value.filter(|&(_, n)| n < 0) {
            refused.push((node, format!("{of}'s {field} {n} is negative")));
        }
    }
    let own_grace = number("terminationGracePeriodSeconds", true, refused);
    if let Some((node, n)) = own_grace.filter(|&(_, n)| n <= 0) {
        let why = format!("{of}'s terminationGracePeriodSeconds {n} is not above 0");
        refused.push((node, why));
    }
    if key == "readinessProbe"
        && let Some(node) = present(stream, probe, "terminationGracePeriodSeconds")
    {
        let why =
            format!("{of} sets terminationGracePeriodSeconds, which a readinessProbe may not");
        refused.push((node, why));
    }
    // A successThreshold of 0 (or left out) is defaulted to 1.
    if key != "readinessProbe"
        && let Some((node, n)) = success
        && n != 0
        && n != 1
    {
        let why = format!("{of}'s successThreshold is {n}, where a {key} takes only 1");
        refused.push((node, why));
    }
}

/// Why the API server refuses the handler of `map` (a probe or a hook,
/// called `of`), of which `handlers` are the kinds it may have.
fn handler_refused(
    stream: &Stream,
    map: NodeId,
    handlers: &[&str],
    of: &str,
    grace: Option<i64>,
    refused: &mut Vec<(NodeId, String)>,
) {
    let set: Vec<(&str, NodeId)> = handlers
        .iter()
        .filter_map(|&kind| Some((kind, present(stream, map, kind)?)))
        .collect();
    let (kind, action) = match set[..] {
        [] => {
            let kinds = handlers.join(", ");
            refused.push((map, format!("{of} has no handler (one of {kinds})")));
            return;
        }
        [(kind, action), ..] => (kind, action),
    };
    // The API server checks the first, in the order of `handlers`.
    for &(other, node) in &set[1..] {
        let why = format!("{of} has both {kind} and {other}, where one handler is allowed");
        refused.push((node, why));
    }
    let of = format!("{of}'s {kind}");
    if !matches!(stream.node(action).value, Value::Map(_)) {
        let what = noun(&stream.node(action).value);
        refused.push((action, format!("{of} is {what}, not a mapping")));
        return;
    }
    match kind {
        "exec" => match stream
            .get(action, "command")
            .map(|c| (c, &stream.node(c).value))
        {
            Some((_, Value::Seq(items))) if !items.is_empty() => {}
            None | Some((_, Value::Seq(_) | Value::Scalar(_, ScalarKind::Null))) => {
                refused.push((action, format!("{of} has no command")));
            }
            Some((node, other)) => {
                let why = format!("{of} command is {}, not a list", noun(other));
                refused.push((node, why));
            }
        },
        "httpGet" => {
            refused.extend(port_refused(stream, action, &of, false));
            http_get_refused(stream, action, &of, refused);
        }
        "tcpSocket" => refused.extend(port_refused(stream, action, &of, false)),
        "grpc" => refused.extend(port_refused(stream, action, &of, true)),
        _ => match whole(stream, action, "seconds", true) {
            Err((node, why)) => refused.push((node, format!("{of} seconds {why}"))),
            // Kubernetes v1.32 takes no sleep of 0 seconds: the
            // `PodLifecycleSleepActionAllowZero` gate is off until v1.33.
            Ok(seconds) => {
                let (node, n) = seconds.unwrap_or((action, 0));
                if let Some(grace) = grace.filter(|&grace| n <= 0 || n > grace) {
                    let why = format!(
                        "{of} of {n} seconds is not between 1 and the pod's \
                         terminationGracePeriodSeconds ({grace})"
                    );
                    refused.push((node, why));
                }
            }
        },
    }
}

/// Why the API server refuses the scheme or the header names of the
/// `httpGet` action `action` (its path, when left out, is `/`).
fn http_get_refused(
    stream: &Stream,
    action: NodeId,
    of: &str,
    refused: &mut Vec<(NodeId, String)>,
) {
    if let Some(node) = present(stream, action, "scheme") {
        match &stream.node(node).value {
            Value::Scalar(text, ScalarKind::String)
                if ["", "HTTP", "HTTPS"].contains(&text.as_str()) => {}
            Value::Scalar(text, ScalarKind::String) => {
                let why = format!(
                    "{of} scheme {} is neither HTTP nor HTTPS",
                    Abridged::name(text)
                );
                refused.push((node, why));
            }
            other => refused.push((
                node,
                format!("{of} scheme is {}, not a string", noun(other)),
            )),
        }
    }
    let headers = stream.get(action, "httpHeaders");
    for &header in headers.map_or(&[][..], |list| stream.items(list)) {
        let node = stream.get(header, "name").unwrap_or(header);
        let name = match &stream.node(node).value {
            Value::Scalar(text, ScalarKind::String) => text.as_str(),
            Value::Scalar(_, ScalarKind::Null) | Value::Map(_) => "",
            other => {
                let why = format!("{of} header name is {}, not a string", noun(other));
                refused.push((node, why));
                continue;
            }
        };
        // `IsHTTPHeaderName`: one or more letters, digits and `-`.
        if name.is_empty() {
            refused.push((node, format!("{of} has a header without a name")));
        } else if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            let why = format!(
                "{of} header name {} is no HTTP header name (letters, digits and `-`)",
                Abridged::name(name)
            );
            refused.push((node, why));
        }
    }
}

/// Why `ValidatePortNumOrName` refuses the `port` of `action` (of a `grpc`
/// action, a number): a number from 1 to 65535, or a port name; left out,
/// it is 0. A quoted number is a name, and no valid one.
fn port_refused(stream: &Stream, action: NodeId, of: &str, grpc: bool) -> Option<(NodeId, String)> {
    let Some(node) = present(stream, action, "port") else {
        return Some((action, format!("{of} has no port")));
    };
    let why = match &stream.node(node).value {
        Value::Scalar(text, ScalarKind::Number) => match stream.integer(node) {
            Some(port) if (1..=65535).contains(&port) => return None,
            Some(port) => format!("{of} port {port} is not between 1 and 65535"),
            None => format!("{of} port {} is not a whole number", Abridged::name(text)),
        },
        Value::Scalar(text, ScalarKind::String) if !grpc => {
            if port_name(text) {
                return None;
            }
            let port = match text.is_empty() {
                true => "is empty, and".to_owned(),
                false => format!("{} is", Abridged::name(text)),
            };
            format!(
                "{of} port {port} neither a port number nor a port name (at most 15 lowercase \
                 letters, digits and `-`, at least one letter; a quoted number is a name)"
            )
        }
        other if grpc => format!("{of} port is {}, not a whole number", noun(other)),
        other => format!("{of} port is {}, not a port number or name", noun(other)),
    };
    Some((node, why))
}

/// The whole number at `field` of `map`, as an `int32` field (`int64`
/// when `wide`) decodes it: `None` when left out or null; or why it does
/// not decode.
fn whole(
    stream: &Stream,
    map: NodeId,
    field: &str,
    wide: bool,
) -> Result<Option<(NodeId, i64)>, (NodeId, String)> {
    let Some(node) = present(stream, map, field) else {
        return Ok(None);
    };
    let fits = |n: &i64| wide || i32::try_from(*n).is_ok();
    match &stream.node(node).value {
        Value::Scalar(text, ScalarKind::Number) => match stream.integer(node).filter(fits) {
            Some(n) => Ok(Some((node, n))),
            None => {
                let bits = if wide { 64 } else { 32 };
                let why = format!(
                    "{} is not a whole number of {bits} bits",
                    Abridged::name(text)
                );
                Err((node, why))
            }
        },
        other => Err((node, format!("is {}, not a whole number", noun(other)))),
    }
}

#[cfg(test)]
#[path = "container_rules_tests.rs"]
mod tests;
