//! Which `apiVersion` serves each kind the check reads, in the release the
//! README names (Kubernetes v1.32). `kubectl apply` maps a document's
//! `apiVersion` and `kind` to a resource the API server serves; a document
//! it cannot map (`extensions/v1beta1` Deployments, removed in v1.16;
//! `batch/v1beta1` CronJobs, removed in v1.25; no `apiVersion` at all) is
//! refused, and the object is never made: a workload's pods never exist,
//! a ConfigMap's or Secret's readers do not start, a Service sets no
//! links. A kind of a group of another API (`serving.knative.dev/v1`
//! Service, a custom resource's `Deployment`) is not the built-in kind,
//! and the check does not read it.

use super::scalar::ScalarKind;
use super::yaml::{NodeId, Stream, Value};
use crate::shown::Abridged;

/// The group and version that serve each kind the check reads.
const SERVED: &[(&str, &str)] = &[
    ("Pod", "v1"),
    ("ReplicationController", "v1"),
    ("ConfigMap", "v1"),
    ("Secret", "v1"),
    ("Service", "v1"),
    ("Deployment", "apps/v1"),
    ("StatefulSet", "apps/v1"),
    ("DaemonSet", "apps/v1"),
    ("ReplicaSet", "apps/v1"),
    ("Job", "batch/v1"),
    ("CronJob", "batch/v1"),
];

/// Whether the document `root` of `kind` belongs to another API than
/// Kubernetes' own: its `apiVersion`'s group has a dot (every custom
/// resource's does) and is no group of Kubernetes (`*.k8s.io`).
pub(super) fn is_of_another_api(stream: &Stream, root: NodeId) -> bool {
    let Some(version) = stream.get(root, "apiVersion").and_then(|v| stream.str(v)) else {
        return false;
    };
    let Some((group, _)) = version.rsplit_once('/') else {
        return false;
    };
    group.contains('.') && !group.ends_with(".k8s.io") && !group.ends_with(".kubernetes.io")
}

/// Why `kubectl apply` refuses the document `root` of `kind` (one of
/// [`SERVED`]) for its `apiVersion`, with the node it is about.
pub(super) fn refused(stream: &Stream, root: NodeId, kind: &str) -> Option<(NodeId, String)> {
    let (_, served) = SERVED.iter().find(|(known, _)| *known == kind)?;
    let Some(node) = stream.get(root, "apiVersion") else {
        return Some((root, "it has no apiVersion".to_owned()));
    };
    let version = match &stream.node(node).value {
        Value::Scalar(text, ScalarKind::String) => text.as_str(),
        Value::Scalar(_, ScalarKind::Null) => "",
        other => {
            let what = super::validation::noun(other);
            return Some((node, format!("its apiVersion is {what}, not a string")));
        }
    };
    if version.is_empty() {
        return Some((node, "it has no apiVersion".to_owned()));
    }
    (version != *served).then(|| {
        let why = format!(
            "its apiVersion {} does not serve {kind} in Kubernetes v1.32 (only {served} does)",
            Abridged::name(version)
        );
        (node, why)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(document: &str) -> Option<String> {
        let stream = Stream::parse(document, |_, _| true).expect("the document parses");
        let root = stream.documents[0].root;
        let kind = stream.get(root, "kind").and_then(|k| stream.str(k))?;
        refused(&stream, root, kind).map(|(_, why)| why)
    }

    /// The versions each kind had and lost (the Kubernetes deprecated API
    /// migration guide: v1.16 for apps/v1beta1, apps/v1beta2 and
    /// extensions/v1beta1 workloads, v1.25 for batch/v1beta1 CronJobs),
    /// and the ones v1.32 serves.
    #[test]
    fn each_kind_is_served_by_its_one_version() {
        for (kind, version, served) in [
            ("Deployment", "apps/v1", true),
            ("Deployment", "extensions/v1beta1", false),
            ("Deployment", "apps/v1beta1", false),
            ("Deployment", "apps/v1beta2", false),
            ("StatefulSet", "apps/v1beta1", false),
            ("DaemonSet", "extensions/v1beta1", false),
            ("ReplicaSet", "extensions/v1beta1", false),
            ("CronJob", "batch/v1", true),
            ("CronJob", "batch/v1beta1", false),
            ("CronJob", "batch/v2alpha1", false),
            ("Job", "batch/v1", true),
            ("Job", "apps/v1", false),
            ("Pod", "v1", true),
            ("Pod", "apps/v1", false),
            ("ConfigMap", "v1", true),
            ("ConfigMap", "v1beta1", false),
            ("Secret", "v1", true),
            ("Service", "v1", true),
            ("ReplicationController", "v1", true),
        ] {
            let document = format!("apiVersion: {version}\nkind: {kind}\n");
            assert_eq!(refusal(&document).is_none(), served, "{kind} {version}");
        }
        let missing = refusal("kind: Deployment\n");
        assert_eq!(missing.as_deref(), Some("it has no apiVersion"));
        let number = refusal("apiVersion: 1\nkind: Pod\n");
        assert_eq!(
            number.as_deref(),
            Some("its apiVersion is a YAML number, not a string")
        );
    }

    #[test]
    fn a_kind_of_another_api_is_not_kubernetes_own() {
        for (version, other) in [
            ("serving.knative.dev/v1", true),
            ("apps.example.com/v1", true),
            ("apps/v1", false),
            ("v1", false),
            ("extensions/v1beta1", false),
            ("metrics.k8s.io/v1beta1", false),
        ] {
            let document = format!("apiVersion: {version}\nkind: Service\n");
            let stream = Stream::parse(&document, |_, _| true).expect("the document parses");
            let root = stream.documents[0].root;
            assert_eq!(is_of_another_api(&stream, root), other, "{version}");
        }
    }
}
