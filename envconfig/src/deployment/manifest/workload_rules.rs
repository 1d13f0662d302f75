//! What makes the API server refuse a workload for how it finds its pods:
//! the selector of a Deployment, StatefulSet, DaemonSet or ReplicaSet
//! (`ValidateDeploymentSpec` and its siblings in `pkg/apis/apps/validation`,
//! `ValidateLabelSelector` in `k8s.io/apimachinery`), of a
//! ReplicationController (`ValidateReplicationControllerSpec`, after its
//! defaults), of a Job (`ValidateJob`, after the selector the server
//! generates) and of a CronJob's job template (`ValidateJobTemplateSpec`).
//! apps/v1 requires a selector and defaults none: a manifest without one
//! makes no workload, and its pods never exist. A Pod has no selector.

use super::object_meta::label_value;
use super::scalar::ScalarKind;
use super::validation::{noun, qualified_name};
use super::workload::Object;
use super::yaml::{NodeId, Stream, Value};
use crate::shown::Abridged;

/// What a label of the pod is, to a selector: a value, or one that only
/// the cluster will know (the Job's uid, a generated name), which no value
/// written in a manifest equals.
#[derive(Clone, Copy, PartialEq)]
enum Label<'s> {
    Text(&'s str),
    Unknown,
}

/// The labels a Job's server adds to its pod template and its selector
/// (`generateSelector`): the Job's name, and its uid.
const JOB_NAME_LABELS: [&str; 2] = ["job-name", "batch.kubernetes.io/job-name"];
const JOB_UID_LABELS: [&str; 2] = ["controller-uid", "batch.kubernetes.io/controller-uid"];

/// A requirement of a selector (`LabelSelectorRequirement`, or one pair of
/// `matchLabels`).
struct Requirement<'s> {
    key: &'s str,
    operator: Operator,
    values: Vec<&'s str>,
}

#[derive(Clone, Copy, PartialEq)]
enum Operator {
    Equals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

impl Requirement<'_> {
    /// Whether labels (`label` gives each key's) meet it, as `labels.Selector`
    /// matches them.
    fn matches<'l>(&self, label: &dyn Fn(&str) -> Option<Label<'l>>) -> bool {
        let found = label(self.key);
        let among = |value: Option<Label<'l>>| match value {
            Some(Label::Text(text)) => self.values.contains(&text),
            _ => false,
        };
        match self.operator {
            Operator::Equals | Operator::In => among(found),
            Operator::NotIn => !among(found),
            Operator::Exists => found.is_some(),
            Operator::DoesNotExist => found.is_none(),
        }
    }

    /// `app=billing`, `tier in (a, b)`, for a message; label values are
    /// no secrets.
    fn shown(&self) -> String {
        let key = Abridged::name(self.key);
        let values = || {
            let values: Vec<String> = self
                .values
                .iter()
                .map(|value| Abridged::name(value).to_string())
                .collect();
            values.join(", ")
        };
        match self.operator {
            Operator::Equals => format!("{key}={}", values()),
            Operator::In => format!("{key} in ({})", values()),
            Operator::NotIn => format!("{key} notin ({})", values()),
            Operator::Exists => format!("{key}"),
            Operator::DoesNotExist => format!("!{key}"),
        }
    }
}

/// A selector as the API server reads it: `None` when it is absent or
/// null; or why it refuses it (`ValidateLabelSelector`,
/// `LabelSelectorAsSelector`, or decoding), with the node.
fn label_selector(
    stream: &Stream,
    node: Option<NodeId>,
) -> Result<Option<Vec<Requirement<'_>>>, (NodeId, String)> {
    let Some(node) = node else {
        return Ok(None);
    };
    match &stream.node(node).value {
        Value::Scalar(_, ScalarKind::Null) => return Ok(None),
        Value::Map(_) => {}
        other => {
            return Err((
                node,
                format!("its selector is {}, not a mapping", noun(other)),
            ));
        }
    }
    let mut requirements = match_labels(stream, stream.get(node, "matchLabels"))?;
    let expressions = stream.get(node, "matchExpressions");
    if let Some(list) = expressions.filter(|&list| !is_null(stream, list)) {
        if !matches!(stream.node(list).value, Value::Seq(_)) {
            let what = noun(&stream.node(list).value);
            return Err((list, format!("its matchExpressions are {what}, not a list")));
        }
        for &item in stream.items(list) {
            requirements.push(expression(stream, item)?);
        }
    }
    Ok(Some(requirements))
}

fn is_null(stream: &Stream, node: NodeId) -> bool {
    matches!(stream.node(node).value, Value::Scalar(_, ScalarKind::Null))
}

/// The pairs of a `matchLabels` (or of a ReplicationController's
/// selector, a plain mapping): each key a qualified name, each value a
/// label value.
fn match_labels(
    stream: &Stream,
    node: Option<NodeId>,
) -> Result<Vec<Requirement<'_>>, (NodeId, String)> {
    let Some(map) = node.filter(|&map| !is_null(stream, map)) else {
        return Ok(Vec::new());
    };
    if !matches!(stream.node(map).value, Value::Map(_)) {
        let what = noun(&stream.node(map).value);
        return Err((
            map,
            format!("its selector's labels are {what}, not a mapping"),
        ));
    }
    let mut requirements = Vec::new();
    for (key, value) in stream.entries(map) {
        let shown = Abridged::name(key);
        if !qualified_name(key) {
            return Err((
                value,
                format!("its selector's key {shown} is no qualified name"),
            ));
        }
        let text = match &stream.node(value).value {
            Value::Scalar(_, ScalarKind::Null) => "",
            Value::Scalar(text, ScalarKind::String) => text.as_str(),
            other => {
                let what = noun(other);
                let reason = format!("its selector's {shown} is {what}, not a string (quote it)");
                return Err((value, reason));
            }
        };
        if !label_value(text) {
            let reason = format!("its selector's {shown} has a value that is no label value");
            return Err((value, reason));
        }
        let (operator, values) = (Operator::Equals, vec![text]);
        requirements.push(Requirement {
            key,
            operator,
            values,
        });
    }
    Ok(requirements)
}

/// One of `matchExpressions` (`ValidateLabelSelectorRequirement`).
fn expression(stream: &Stream, item: NodeId) -> Result<Requirement<'_>, (NodeId, String)> {
    let text = |field: &str| stream.get(item, field).and_then(|node| stream.str(node));
    let key = text("key").unwrap_or("");
    if !qualified_name(key) {
        let reason = format!(
            "a matchExpressions entry of its selector has the key {}, which is no qualified name",
            Abridged::name(key)
        );
        return Err((item, reason));
    }
    let operator = match text("operator").unwrap_or("") {
        "In" => Operator::In,
        "NotIn" => Operator::NotIn,
        "Exists" => Operator::Exists,
        "DoesNotExist" => Operator::DoesNotExist,
        other => {
            let reason = format!(
                "a matchExpressions entry of its selector has the operator {}, which is none \
                 of In, NotIn, Exists and DoesNotExist",
                Abridged::name(other)
            );
            return Err((item, reason));
        }
    };
    let list = stream.get(item, "values").filter(|&l| !is_null(stream, l));
    let mut values = Vec::new();
    for &value in list.map_or(&[][..], |list| stream.items(list)) {
        let why = match &stream.node(value).value {
            Value::Scalar(text, ScalarKind::String) if label_value(text) => {
                values.push(text.as_str());
                continue;
            }
            Value::Scalar(_, ScalarKind::String) => "no label value".to_owned(),
            other => format!("{}, not a string (quote it)", noun(other)),
        };
        let reason = format!(
            "a matchExpressions entry of its selector for {} has a value that is {why}",
            Abridged::name(key)
        );
        return Err((value, reason));
    }
    let needs_values = matches!(operator, Operator::In | Operator::NotIn);
    if needs_values == values.is_empty() {
        let reason = match needs_values {
            true => "has no values, which In and NotIn need",
            false => "has values, which Exists and DoesNotExist forbid",
        };
        let reason = format!(
            "a matchExpressions entry of its selector for {} {reason}",
            Abridged::name(key)
        );
        return Err((item, reason));
    }
    Ok(Requirement {
        key,
        operator,
        values,
    })
}

/// The first requirement that the labels do not meet.
fn unmet<'r, 's, 'l>(
    requirements: &'r [Requirement<'s>],
    label: &dyn Fn(&str) -> Option<Label<'l>>,
) -> Option<&'r Requirement<'s>> {
    requirements
        .iter()
        .find(|requirement| !requirement.matches(label))
}

/// Why the API server refuses `workload` for its selector, or what it
/// generates of one, with the node it is about; `template` is the
/// metadata of its pod template.
pub(super) fn refused(
    stream: &Stream,
    workload: &Object<'_>,
    template: Option<NodeId>,
) -> Option<(NodeId, String)> {
    let spec = stream.get(workload.node, "spec")?;
    let labels: Vec<(&str, NodeId)> = template
        .and_then(|metadata| stream.get(metadata, "labels"))
        .map(|labels| stream.entries(labels))
        .unwrap_or_default();
    let written = |key: &str| {
        let (_, node) = labels.iter().find(|(label, _)| *label == key)?;
        Some(Label::Text(stream.text(*node).unwrap_or("")))
    };
    let why = match workload.kind {
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" => {
            apps_selector(stream, spec, &written)
        }
        "ReplicationController" => controller_selector(stream, spec, &labels, &written),
        "Job" => job_selector(stream, spec, workload.name, &written),
        "CronJob" => {
            let job = stream
                .get(spec, "jobTemplate")
                .and_then(|template| stream.get(template, "spec"))?;
            job_template_selector(stream, job, &written)
        }
        _ => None,
    };
    let (node, why) = why.map(|(node, why)| (node.unwrap_or(workload.node), why))?;
    Some((
        node,
        format!("the {}: {why}: Kubernetes rejects it", workload.title()),
    ))
}

/// Why the API server refuses `workload` for its pods' `restartPolicy`
/// (absent, null or empty, it is `Always`: `SetDefaults_PodSpec`): a controller that keeps pods running takes
/// only `Always`, a Job's pods only `OnFailure` or `Never`
/// (`ValidatePodTemplateSpecForReplicaSet`, `validateJobSpec`), a Pod any
/// of the three (`validateRestartPolicy`). `pod` is the pod spec.
pub(super) fn refused_restart_policy(
    stream: &Stream,
    workload: &Object<'_>,
    pod: NodeId,
) -> Option<(NodeId, String)> {
    let node = stream.get(pod, "restartPolicy");
    let (policy, default) = match node.map(|node| &stream.node(node).value) {
        None | Some(Value::Scalar(_, ScalarKind::Null)) => ("Always", " (the default)"),
        Some(Value::Scalar(text, ScalarKind::String)) if text.is_empty() => {
            ("Always", " (the default)")
        }
        Some(Value::Scalar(text, ScalarKind::String)) => (text.as_str(), ""),
        Some(other) => {
            let why = format!("its restartPolicy is {}, not a string", noun(other));
            return Some((
                node?,
                format!("the {}: {why}: Kubernetes rejects it", workload.title()),
            ));
        }
    };
    let (allowed, takes): (&[&str], _) = match workload.kind {
        "Job" | "CronJob" => (&["OnFailure", "Never"], "OnFailure or Never"),
        "Pod" => (
            &["Always", "OnFailure", "Never"],
            "Always, OnFailure or Never",
        ),
        _ => (&["Always"], "Always"),
    };
    if allowed.contains(&policy) {
        return None;
    }
    let why = format!(
        "its pods' restartPolicy is {}{default}, where a {} takes only {takes}",
        Abridged::name(policy),
        workload.kind,
    );
    let at = node.unwrap_or(pod);
    Some((
        at,
        format!("the {}: {why}: Kubernetes rejects it", workload.title()),
    ))
}

type Refusal = Option<(Option<NodeId>, String)>;

const NO_MATCH: &str = "its selector does not match its pod template's labels";

/// apps/v1: a selector is required, is not empty, and matches the pod
/// template's labels.
fn apps_selector<'l>(
    stream: &Stream,
    spec: NodeId,
    written: &dyn Fn(&str) -> Option<Label<'l>>,
) -> Refusal {
    let node = stream.get(spec, "selector");
    let requirements = match label_selector(stream, node) {
        Err((node, why)) => return Some((Some(node), why)),
        Ok(None) => {
            let why = "it has no selector (spec.selector, which apps/v1 requires: the labels of \
                       its pod template that make its pods)";
            return Some((None, why.to_owned()));
        }
        Ok(Some(requirements)) => requirements,
    };
    if requirements.is_empty() {
        let why = "its selector is empty (no matchLabels nor matchExpressions)";
        return Some((node, why.to_owned()));
    }
    let unmet = unmet(&requirements, written)?;
    Some((
        node,
        format!("{NO_MATCH}, which do not meet {}", unmet.shown()),
    ))
}

/// A ReplicationController's selector is a mapping, which its pod
/// template's labels fill when it is empty (`SetDefaults_ReplicationController`).
fn controller_selector<'l>(
    stream: &Stream,
    spec: NodeId,
    labels: &[(&str, NodeId)],
    written: &dyn Fn(&str) -> Option<Label<'l>>,
) -> Refusal {
    let node = stream.get(spec, "selector");
    let requirements = match match_labels(stream, node) {
        Err((node, why)) => return Some((Some(node), why)),
        Ok(requirements) => requirements,
    };
    if requirements.is_empty() {
        let why = "it has no selector, and its pod template no labels to make one of";
        return labels.is_empty().then(|| (node, why.to_owned()));
    }
    let unmet = unmet(&requirements, written)?;
    Some((
        node,
        format!("{NO_MATCH}, which do not meet {}", unmet.shown()),
    ))
}

/// A Job's selector is generated, unless `manualSelector: true`: then it
/// is required and matches the pod template's labels as written.
/// Otherwise the server adds the Job's name and uid to the template's
/// labels and its uid to the selector, and refuses a selector that does
/// not match those labels alone, or a template that sets them otherwise.
fn job_selector<'l>(
    stream: &Stream,
    spec: NodeId,
    name: &str,
    written: &dyn Fn(&str) -> Option<Label<'l>>,
) -> Refusal {
    let manual = match manual_selector(stream, spec) {
        Ok(manual) => manual,
        Err(refused) => return Some(refused),
    };
    let node = stream.get(spec, "selector");
    let requirements = match label_selector(stream, node) {
        Err((node, why)) => return Some((Some(node), why)),
        Ok(requirements) => requirements,
    };
    if manual {
        let Some(requirements) = requirements else {
            let why = "it has manualSelector: true and no selector";
            return Some((None, why.to_owned()));
        };
        let unmet = unmet(&requirements, written)?;
        return Some((
            node,
            format!("{NO_MATCH}, which do not meet {}", unmet.shown()),
        ));
    }
    if let Some(refused) = generated_labels_kept(name, written) {
        return Some((None, refused));
    }
    let generated = |key: &str| match key {
        _ if JOB_UID_LABELS.contains(&key) => Some(Label::Unknown),
        _ if JOB_NAME_LABELS.contains(&key) && name.is_empty() => Some(Label::Unknown),
        _ if JOB_NAME_LABELS.contains(&key) => Some(Label::Text(name)),
        _ => None,
    };
    let requirements = requirements?;
    let unmet = unmet(&requirements, &generated)?;
    let why = format!(
        "its selector is not the one the server generates ({} is none of the Job's own \
         labels): leave it out, or set manualSelector: true",
        unmet.shown()
    );
    Some((node, why))
}

/// A CronJob's Jobs always get a generated selector.
fn job_template_selector<'l>(
    stream: &Stream,
    job: NodeId,
    written: &dyn Fn(&str) -> Option<Label<'l>>,
) -> Refusal {
    if let Some(node) = stream.get(job, "selector").filter(|&n| !is_null(stream, n)) {
        let why = "its jobTemplate has a selector, which the server generates for each Job";
        return Some((Some(node), why.to_owned()));
    }
    match manual_selector(stream, job) {
        Err(refused) => Some(refused),
        Ok(true) => Some((
            stream.get(job, "manualSelector"),
            "its jobTemplate has manualSelector: true, which a CronJob's Jobs cannot have"
                .to_owned(),
        )),
        // Each Job's name is made when it is: a label of its own name
        // that the template sets cannot be it.
        Ok(false) => generated_labels_kept("", written).map(|why| (None, why)),
    }
}

/// `manualSelector`: a boolean or null, or the request fails.
fn manual_selector(stream: &Stream, spec: NodeId) -> Result<bool, (Option<NodeId>, String)> {
    let Some(node) = stream.get(spec, "manualSelector") else {
        return Ok(false);
    };
    match &stream.node(node).value {
        Value::Scalar(_, ScalarKind::Null) => Ok(false),
        Value::Scalar(_, ScalarKind::Bool) => Ok(stream.is_true(spec, "manualSelector")),
        other => Err((
            Some(node),
            format!("its manualSelector is {}, not a boolean", noun(other)),
        )),
    }
}

/// A label of the pod template that the server would set itself, set to
/// another value (`ValidateGeneratedSelector`): the uid is the Job's, the
/// name its name (`job_name` empty when it is made later).
fn generated_labels_kept<'l>(
    job_name: &str,
    written: &dyn Fn(&str) -> Option<Label<'l>>,
) -> Option<String> {
    let uid = JOB_UID_LABELS.iter().find(|key| written(key).is_some());
    let name = JOB_NAME_LABELS.iter().find(|key| match written(key) {
        Some(Label::Text(value)) => job_name.is_empty() || value != job_name,
        _ => false,
    });
    let key = uid.or(name)?;
    Some(format!(
        "its pod template sets the label {key}, which the server sets to the Job's own"
    ))
}

#[cfg(test)]
#[path = "workload_rules_tests.rs"]
mod tests;
