//! The objects of a manifest that the check reads: the pod templates of
//! workloads and their containers, and the ConfigMaps and Secrets.

use super::yaml::{NodeId, Stream};
use crate::shown::Abridged;

/// The kinds whose pod template is read, and where it is in them.
const POD_SPECS: &[(&str, &[&str])] = &[
    ("Deployment", &["spec", "template", "spec"]),
    ("StatefulSet", &["spec", "template", "spec"]),
    ("DaemonSet", &["spec", "template", "spec"]),
    ("ReplicaSet", &["spec", "template", "spec"]),
    ("ReplicationController", &["spec", "template", "spec"]),
    ("Job", &["spec", "template", "spec"]),
    (
        "CronJob",
        &["spec", "jobTemplate", "spec", "template", "spec"],
    ),
    ("Pod", &["spec"]),
];

/// The kinds, in words, for a message.
pub(super) const POD_KINDS: &str =
    "Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod";

/// Whether a document is of a kind the check reads; the others are dropped
/// as soon as they are parsed.
pub(super) fn is_read(stream: &Stream, root: NodeId) -> bool {
    stream
        .get(root, "kind")
        .and_then(|kind| stream.str(kind))
        .is_some_and(|kind| {
            matches!(kind, "ConfigMap" | "Secret" | "List")
                || POD_SPECS.iter().any(|(known, _)| *known == kind)
        })
}

/// An object of the manifest: its kind, name and namespace, and where it is.
pub(super) struct Object<'s> {
    pub kind: &'s str,
    pub name: &'s str,
    pub namespace: Option<&'s str>,
    /// Its document's place in the stream, from 1.
    pub document: usize,
    pub node: NodeId,
}

impl Object<'_> {
    /// `Deployment billing`.
    pub fn title(&self) -> String {
        format!(
            "{} {}",
            Abridged::name(self.kind),
            Abridged::name(self.name)
        )
    }

    /// Whether a pod of `other`'s namespace sees this object: same namespace,
    /// or one of them is left to `kubectl -n`.
    pub fn shares_namespace(&self, other: &Object<'_>) -> bool {
        match (self.namespace, other.namespace) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// A container of a pod template.
pub(super) struct Container<'s> {
    pub name: &'s str,
    pub node: NodeId,
    /// The pod spec it is in.
    pub pod: NodeId,
    /// Its workload (an index into [`Manifest::workloads`]).
    pub workload: usize,
    /// An init container, run before the others.
    pub init: bool,
}

/// What the check reads of a stream.
pub(super) struct Manifest<'s> {
    pub stream: &'s Stream,
    pub workloads: Vec<Object<'s>>,
    pub containers: Vec<Container<'s>>,
    pub config_maps: Vec<Object<'s>>,
    pub secrets: Vec<Object<'s>>,
}

impl<'s> Manifest<'s> {
    pub fn new(stream: &'s Stream) -> Manifest<'s> {
        let mut manifest = Manifest {
            stream,
            workloads: Vec::new(),
            containers: Vec::new(),
            config_maps: Vec::new(),
            secrets: Vec::new(),
        };
        for document in &stream.documents {
            let root = document.root;
            let is_list = stream.get(root, "kind").and_then(|k| stream.str(k)) == Some("List");
            // `kubectl get -o yaml` gives several objects as one List.
            let objects = match stream.get(root, "items") {
                Some(items) if is_list => stream.items(items).to_vec(),
                _ => vec![root],
            };
            for node in objects {
                manifest.add(node, document.number);
            }
        }
        manifest
    }

    fn add(&mut self, node: NodeId, document: usize) {
        let stream = self.stream;
        let field = |map: NodeId, key: &str| stream.get(map, key).and_then(|v| stream.str(v));
        let Some(kind) = field(node, "kind") else {
            return;
        };
        let metadata = stream.get(node, "metadata");
        let object = Object {
            kind,
            name: metadata.and_then(|m| field(m, "name")).unwrap_or(""),
            namespace: metadata.and_then(|m| field(m, "namespace")),
            document,
            node,
        };
        match kind {
            "ConfigMap" => self.config_maps.push(object),
            "Secret" => self.secrets.push(object),
            _ => {
                let Some((_, path)) = POD_SPECS.iter().find(|(known, _)| *known == kind) else {
                    return;
                };
                let pod = path
                    .iter()
                    .try_fold(node, |node, key| stream.get(node, key));
                let Some(pod) = pod else {
                    return;
                };
                let workload = self.workloads.len();
                self.workloads.push(object);
                for (key, init) in [("initContainers", true), ("containers", false)] {
                    let list = stream.get(pod, key).map_or(&[][..], |l| stream.items(l));
                    for &node in list {
                        let name = field(node, "name").unwrap_or("");
                        self.containers.push(Container {
                            name,
                            node,
                            pod,
                            workload,
                            init,
                        });
                    }
                }
            }
        }
    }

    /// The ConfigMap (or Secret, in `objects`) named `name` that `pod`'s
    /// workload sees.
    pub fn find<'a>(
        &self,
        objects: &'a [Object<'s>],
        name: &str,
        container: &Container<'_>,
    ) -> Option<&'a Object<'s>> {
        let workload = &self.workloads[container.workload];
        objects
            .iter()
            .find(|object| object.name == name && object.shares_namespace(workload))
    }

    /// The container `wanted` names (`NAME`, `WORKLOAD/NAME` or
    /// `KIND/WORKLOAD/NAME`), or the only container when none is named; or
    /// why there is none, as a usage error.
    pub fn choose(&self, wanted: Option<&str>) -> Result<&Container<'s>, String> {
        if self.workloads.is_empty() {
            return Err(format!("no pod template ({POD_KINDS}) among its documents"));
        }
        let matching: Vec<&Container<'s>> = match wanted {
            Some(wanted) => self
                .containers
                .iter()
                .filter(|container| self.is_named(container, wanted))
                .collect(),
            None => self.containers.iter().filter(|c| !c.init).collect(),
        };
        match (matching.as_slice(), wanted) {
            ([only], _) => Ok(only),
            ([], None) => Err("its pod templates have no container".to_owned()),
            ([], Some(wanted)) => Err(format!(
                "no container {} in it; its containers: {}",
                Abridged::name(wanted),
                self.list(&self.containers.iter().collect::<Vec<_>>())
            )),
            (several, None) => Err(format!(
                "it has {} containers: {}; choose one with --container NAME",
                several.len(),
                self.list(several)
            )),
            (several, Some(wanted)) => Err(format!(
                "{} containers are named {}: {}; name one as WORKLOAD/CONTAINER",
                several.len(),
                Abridged::name(wanted),
                self.list(several)
            )),
        }
    }

    fn is_named(&self, container: &Container<'_>, wanted: &str) -> bool {
        let workload = &self.workloads[container.workload];
        let mut parts = wanted.rsplitn(3, '/');
        let (name, workload_name, kind) = (parts.next(), parts.next(), parts.next());
        name == Some(container.name)
            && workload_name.is_none_or(|wanted| wanted == workload.name)
            && kind.is_none_or(|wanted| wanted.eq_ignore_ascii_case(workload.kind))
    }

    /// `api (Deployment billing), migrate (init container, Job billing-migrate)`.
    fn list(&self, containers: &[&Container<'_>]) -> String {
        containers
            .iter()
            .map(|container| {
                let workload = &self.workloads[container.workload];
                let init = if container.init {
                    "init container, "
                } else {
                    ""
                };
                format!(
                    "{}/{} ({init}{})",
                    Abridged::name(workload.name),
                    Abridged::name(container.name),
                    workload.title()
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}
