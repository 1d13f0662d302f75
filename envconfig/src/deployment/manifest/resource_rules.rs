//! What the API server (Kubernetes v1.32) refuses of a container's
//! `resources` (`ValidateContainerResourceRequirements` in
//! `pkg/apis/core/validation`): a quantity it cannot decode, a resource
//! name no container can have (`validateContainerResourceName`), a
//! negative quantity, an extended resource that is not a whole number
//! (`ValidateResourceQuantityValue`), a request above its limit, a request
//! of hugepages or of an extended resource that differs from its limit or
//! has none, hugepages that are no whole number of pages or come without
//! cpu or memory. Quantities compare by value, as `Quantity.Cmp` does.
//!
//! A Pod's requests left out default to its limits (`SetDefaults_Pod`),
//! which changes none of these answers: a request equal to its limit is
//! always accepted.

use super::quantity::{Amount, Quantity};
use super::scalar::{self, ScalarKind};
use super::validation::{noun, qualified_name};
use super::yaml::{NodeId, Stream, Value};
use crate::shown::Abridged;

/// What a container's resources have, with one request or limit.
struct Entry<'s> {
    name: &'s str,
    node: NodeId,
    /// As written.
    text: String,
    /// `None` when it does not decode.
    amount: Option<Amount>,
}

/// Why the API server refuses the `resources` of `container`, each with
/// the node it is about.
pub(super) fn refused(stream: &Stream, container: NodeId) -> Vec<(NodeId, String)> {
    let mut refused = Vec::new();
    let Some(resources) = stream.get(container, "resources") else {
        return refused;
    };
    match &stream.node(resources).value {
        Value::Map(_) => {}
        Value::Scalar(_, ScalarKind::Null) => return refused,
        other => {
            let why = format!("its resources is {}, not a mapping", noun(other));
            return vec![(resources, why)];
        }
    }
    let [limits, requests] =
        ["limits", "requests"].map(|kind| entries(stream, resources, kind, &mut refused));
    let mut named: Vec<&str> = Vec::new();
    for (entries, kind) in [(&limits, "limit"), (&requests, "request")] {
        for entry in entries {
            let mut say = |why: String| refused.push((entry.node, why));
            let shown = Abridged::name(entry.name);
            if !named.contains(&entry.name) {
                named.push(entry.name);
                if let Some(why) = name_refused(entry.name) {
                    say(format!("its resource name {shown} {why}"));
                }
            }
            let written = Abridged::name(&entry.text);
            let Some(amount) = &entry.amount else {
                let what = match entry.text.trim().is_empty() {
                    true => "is empty,".to_owned(),
                    false => format!("{written} is"),
                };
                say(format!(
                    "its {shown} {kind} {what} not a quantity (such as 250m, 2 or 1.5Gi), and \
                     the API server cannot decode the pod"
                ));
                continue;
            };
            if amount.is_negative() {
                say(format!("its {shown} {kind} {written} is negative"));
            } else if extended(entry.name) && !whole_at_milli(amount) {
                say(format!(
                    "its {shown} {kind} {written} is not a whole number, which an extended \
                     resource's must be"
                ));
            } else if let Some(size) = entry.name.strip_prefix("hugepages-")
                && let Some(why) = pages(size, amount)
            {
                say(format!("its {shown} {kind} {written} {why}"));
            }
        }
    }
    for request in &requests {
        let shown = Abridged::name(request.name);
        let which = match request.name.starts_with("hugepages-") {
            true => "hugepages",
            false => "an extended resource",
        };
        let limit = limits.iter().find(|limit| limit.name == request.name);
        let why = match (limit, &request.amount) {
            (None, _) if !overcommit_allowed(request.name) => format!(
                "it requests {shown} without a limit, which a request of {which} needs, equal \
                 to the request"
            ),
            (Some(limit), Some(amount)) => {
                let (wanted, most) = (Abridged::name(&request.text), Abridged::name(&limit.text));
                match &limit.amount {
                    Some(cap) if cap != amount && !overcommit_allowed(request.name) => format!(
                        "its {shown} request {wanted} differs from its limit {most}, where a \
                         request of {which} must equal its limit"
                    ),
                    Some(cap) if amount > cap => {
                        format!("its {shown} request {wanted} is above its limit {most}")
                    }
                    _ => continue,
                }
            }
            _ => continue,
        };
        refused.push((request.node, why));
    }
    let mut names = limits.iter().chain(&requests).map(|entry| entry.name);
    let hugepages = names.clone().any(|name| name.starts_with("hugepages-"));
    if hugepages && !names.any(|name| name == "cpu" || name == "memory") {
        let why = "it has hugepages without a cpu or memory request or limit, which hugepages \
                   require";
        refused.push((resources, why.to_owned()));
    }
    refused
}

/// The entries of `kind` (`limits` or `requests`) of `resources`, as the
/// API server decodes them: a quantity is a string or a number (which
/// kubectl sends as JSON writes it), trimmed of spaces; a null is zero.
fn entries<'s>(
    stream: &'s Stream,
    resources: NodeId,
    kind: &str,
    refused: &mut Vec<(NodeId, String)>,
) -> Vec<Entry<'s>> {
    let Some(list) = stream.get(resources, kind) else {
        return Vec::new();
    };
    match &stream.node(list).value {
        Value::Map(_) => {}
        Value::Scalar(_, ScalarKind::Null) => return Vec::new(),
        other => {
            let why = format!("its resources' {kind} is {}, not a mapping", noun(other));
            refused.push((list, why));
            return Vec::new();
        }
    }
    let mut entries = Vec::new();
    for (name, node) in stream.entries(list) {
        let (text, amount) = match &stream.node(node).value {
            Value::Scalar(_, ScalarKind::Null) => ("0".to_owned(), Quantity::parse("0")),
            Value::Scalar(text, ScalarKind::String) => (text.to_string(), Quantity::parse(text)),
            Value::Scalar(text, ScalarKind::Number) => {
                let sent = scalar::json_number(text);
                let amount = sent.as_deref().and_then(Quantity::parse);
                (text.to_string(), amount)
            }
            other => {
                let shown = Abridged::name(name);
                let singular = kind.trim_end_matches('s');
                let why = format!("its {shown} {singular} is {}, not a quantity", noun(other));
                refused.push((node, why));
                continue;
            }
        };
        let amount = amount.map(|quantity| quantity.amount());
        entries.push(Entry {
            name,
            node,
            text,
            amount,
        });
    }
    entries
}

/// Why `validateContainerResourceName` refuses `name`: it is a qualified
/// name; without a domain, one of the container resources; with one, in
/// `kubernetes.io/` or a valid extended resource name.
fn name_refused(name: &str) -> Option<&'static str> {
    if !qualified_name(name) {
        Some(
            "is no qualified name (an optional DNS subdomain and `/`, then at most 63 letters, \
             digits, `-`, `_` and `.`, a letter or digit at both ends)",
        )
    } else if !name.contains('/') {
        let container = ["cpu", "memory", "ephemeral-storage"].contains(&name)
            || name.starts_with("hugepages-");
        (!container).then_some(
            "is none a container can have (cpu, memory, ephemeral-storage, hugepages-<size>, \
             or an extended resource of a domain, such as example.com/gpu)",
        )
    } else {
        (!native(name) && !extended(name)).then_some(
            "is no extended resource name (a domain, `/` and a name, not starting with \
             `requests.`)",
        )
    }
}

/// `IsNativeResource`: no domain, or one in `kubernetes.io/`.
fn native(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// `IsExtendedResourceName`: a resource of another domain, whose quota
/// name (`requests.` and the name) is a qualified name.
fn extended(name: &str) -> bool {
    !native(name) && !name.starts_with("requests.") && qualified_name(&format!("requests.{name}"))
}

/// `IsOvercommitAllowed`: a request below its limit is allowed of native
/// resources but hugepages.
fn overcommit_allowed(name: &str) -> bool {
    native(name) && !name.starts_with("hugepages-")
}

/// Whether `MilliValue() % 1000 == 0`: the value in thousandths, rounded
/// up, is whole (a value too large to hold is taken as whole).
fn whole_at_milli(amount: &Amount) -> bool {
    amount
        .ceil_scaled(3)
        .is_none_or(|milli| milli.is_multiple_of(1000))
}

/// Why `IsHugePageResourceValueDivisible` refuses `amount` of the
/// hugepages of page size `size`: the size is a positive whole quantity,
/// and the value, rounded up, a whole multiple of it. Values too large
/// for the API server's 64 bits are left alone.
fn pages(size: &str, amount: &Amount) -> Option<String> {
    let shown = Abridged::name(size);
    let page = Quantity::parse(size).map(|size| size.amount());
    let page = page.filter(|page| !page.is_negative() && page.ceil_scaled(0) != Some(0));
    let Some(page) = page.filter(whole_at_milli) else {
        return Some(format!(
            "is no whole multiple of a page size: {shown} is no positive whole quantity"
        ));
    };
    let limit = u128::from(i64::MAX.unsigned_abs());
    let page = page.ceil_scaled(0).filter(|&page| page <= limit)?;
    let value = amount.ceil_scaled(0).filter(|&value| value <= limit)?;
    (!value.is_multiple_of(page)).then(|| format!("is no whole multiple of the page size {shown}"))
}

#[cfg(test)]
#[path = "resource_rules_tests.rs"]
mod tests;
