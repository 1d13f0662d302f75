//! The objects of a manifest that the check reads: the pod templates of
//! workloads and their containers, the ConfigMaps and Secrets, and the
//! Services.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::api_versions;
use super::scalar::ScalarKind;
use super::yaml::{NodeId, Stream, Value};
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

/// Whether a document is of a kind the check reads, or a list that may
/// hold one; the others are dropped as soon as they are parsed.
pub(super) fn is_read(stream: &Stream, root: NodeId) -> bool {
    !api_versions::is_of_another_api(stream, root)
        && (stream
            .get(root, "kind")
            .and_then(|kind| stream.str(kind))
            .is_some_and(|kind| {
                matches!(kind, "ConfigMap" | "Secret" | "Service")
                    || POD_SPECS.iter().any(|(known, _)| *known == kind)
            })
            || !matches!(list_items(stream, root), Ok(None)))
}

/// The objects of a list: `kind: List` (`kubectl get -o yaml` of several
/// objects), `PodList`, `ServiceList`, ... kubectl reads any object that
/// has `items` as a list of them, whatever its kind, and `items: null` as
/// an empty one. It refuses the whole stream when `items` is anything else,
/// or holds what is not an object: the node, and why.
fn list_items(stream: &Stream, root: NodeId) -> Result<Option<&[NodeId]>, (NodeId, &'static str)> {
    let kind = stream.get(root, "kind").and_then(|kind| stream.str(kind));
    let Some(items) = stream.get(root, "items").filter(|_| kind.is_some()) else {
        return Ok(None);
    };
    match &stream.node(items).value {
        Value::Scalar(_, ScalarKind::Null) => Ok(Some(&[])),
        Value::Seq(all) => match all
            .iter()
            .find(|&&item| !matches!(stream.node(item).value, Value::Map(_)))
        {
            Some(&item) => Err((item, "an item of a list is not an object")),
            None => Ok(Some(all)),
        },
        _ => Err((items, "`items` is not a list")),
    }
}

/// A list that kubectl refuses: where, and why.
pub(super) struct ListRefused {
    pub document: usize,
    pub node: NodeId,
    pub reason: &'static str,
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
    pub config_maps: Objects<'s>,
    pub secrets: Objects<'s>,
    pub services: Vec<Object<'s>>,
}

/// The ConfigMaps, or the Secrets, of a manifest, found by name and key
/// without a search through all of them: a manifest may hold thousands,
/// each read by thousands of references.
pub(super) struct Objects<'s> {
    pub all: Vec<Object<'s>>,
    /// Where their keys are: `data` for a ConfigMap (the kubelet reads no
    /// other), `data` then `stringData` (which wins) for a Secret.
    fields: &'static [&'static str],
    by_name: HashMap<&'s str, Vec<usize>>,
    /// The keys of each one's `data` (and, for a Secret, `stringData`),
    /// indexed when first asked for.
    keys: Vec<OnceCell<HashMap<&'s str, NodeId>>>,
}

impl<'s> Objects<'s> {
    fn new(fields: &'static [&'static str]) -> Objects<'s> {
        Objects {
            all: Vec::new(),
            fields,
            by_name: HashMap::new(),
            keys: Vec::new(),
        }
    }

    fn push(&mut self, object: Object<'s>) {
        self.by_name
            .entry(object.name)
            .or_default()
            .push(self.all.len());
        self.all.push(object);
        self.keys.push(OnceCell::new());
    }

    /// The keys of the object `index`, each with its value's node, in
    /// order.
    pub fn entries(&self, stream: &'s Stream, index: usize) -> Vec<(&'s str, NodeId)> {
        let mut entries: Vec<(&'s str, NodeId)> = Vec::new();
        let mut at: HashMap<&'s str, usize> = HashMap::new();
        for field in self.fields {
            let Some(data) = stream.get(self.all[index].node, field) else {
                continue;
            };
            for (key, node) in stream.entries(data) {
                match at.get(key) {
                    Some(&known) => entries[known].1 = node,
                    None => {
                        at.insert(key, entries.len());
                        entries.push((key, node));
                    }
                }
            }
        }
        entries
    }

    /// The node of the value of `key` in the object `index`.
    pub fn key(&self, stream: &'s Stream, index: usize, key: &str) -> Option<NodeId> {
        let keys = self.keys[index].get_or_init(|| {
            let mut keys = HashMap::new();
            for field in self.fields {
                if let Some(data) = stream.get(self.all[index].node, field) {
                    keys.extend(stream.entries(data));
                }
            }
            keys
        });
        keys.get(key).copied()
    }
}

impl<'s> Manifest<'s> {
    pub fn new(stream: &'s Stream) -> Result<Manifest<'s>, ListRefused> {
        let mut manifest = Manifest {
            stream,
            workloads: Vec::new(),
            containers: Vec::new(),
            config_maps: Objects::new(&["data"]),
            secrets: Objects::new(&["data", "stringData"]),
            services: Vec::new(),
        };
        for document in &stream.documents {
            // A list's items may be lists too: kubectl flattens them all
            // (`FlattenListVisitor`), in order.
            let mut todo = vec![document.root];
            while let Some(node) = todo.pop() {
                match list_items(stream, node) {
                    Ok(Some(items)) => todo.extend(items.iter().rev()),
                    Ok(None) => manifest.add(node, document.number),
                    Err((node, reason)) => {
                        let document = document.number;
                        return Err(ListRefused {
                            document,
                            node,
                            reason,
                        });
                    }
                }
            }
        }
        Ok(manifest)
    }

    fn add(&mut self, node: NodeId, document: usize) {
        let stream = self.stream;
        let field = |map: NodeId, key: &str| stream.get(map, key).and_then(|v| stream.str(v));
        let Some(kind) = field(node, "kind") else {
            return;
        };
        if api_versions::is_of_another_api(stream, node) {
            return;
        }
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
            "Service" => self.services.push(object),
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
                // `kubectl apply` applies two documents of one workload in
                // order, and the cluster keeps the later: the earlier's
                // pods never start. A name left to `generateName` is a new
                // object each time.
                let earlier = self.workloads.iter().position(|other| {
                    !object.name.is_empty()
                        && (other.kind, other.name, other.namespace)
                            == (object.kind, object.name, object.namespace)
                });
                if let Some(earlier) = earlier {
                    self.containers
                        .retain(|container| container.workload != earlier);
                }
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

    /// The ConfigMap (or Secret, in `objects`) named `name` that
    /// `container`'s workload sees: its index in `objects.all`. Of two
    /// documents of it, the later: `kubectl apply` applies them in order,
    /// and the cluster keeps the last.
    pub fn find(
        &self,
        objects: &Objects<'s>,
        name: &str,
        container: &Container<'_>,
    ) -> Option<usize> {
        let workload = &self.workloads[container.workload];
        objects
            .by_name
            .get(name)?
            .iter()
            .copied()
            .rev()
            .find(|&index| objects.all[index].shares_namespace(workload))
    }

    /// The metadata of `container`'s pod template (a Pod's own), which
    /// the pods it makes carry.
    pub fn pod_metadata(&self, container: &Container<'_>) -> Option<NodeId> {
        let workload = &self.workloads[container.workload];
        let (_, path) = POD_SPECS.iter().find(|(kind, _)| *kind == workload.kind)?;
        let (_, template) = path.split_last()?;
        let template = template
            .iter()
            .try_fold(workload.node, |node, key| self.stream.get(node, key))?;
        self.stream.get(template, "metadata")
    }

    /// The volume claim templates of `container`'s workload, a
    /// StatefulSet's, by name: its controller adds each to the pod as a
    /// volume, in place of one of the template's of that name.
    pub fn claim_templates(&self, container: &Container<'_>) -> Vec<(&'s str, NodeId)> {
        let stream = self.stream;
        let workload = &self.workloads[container.workload];
        if workload.kind != "StatefulSet" {
            return Vec::new();
        }
        let templates = stream
            .get(workload.node, "spec")
            .and_then(|spec| stream.get(spec, "volumeClaimTemplates"));
        let templates = templates.map_or(&[][..], |list| stream.items(list));
        templates
            .iter()
            .filter_map(|&claim| {
                let metadata = stream.get(claim, "metadata")?;
                let name = stream.get(metadata, "name").and_then(|n| stream.str(n))?;
                Some((name, claim))
            })
            .collect()
    }

    /// The names that two containers of `container`'s pod share (init
    /// containers included), which make Kubernetes reject the pod: for
    /// each, the lines of the containers that have it.
    pub fn duplicate_names(&self, container: &Container<'_>) -> Vec<(&'s str, Vec<usize>)> {
        let mut lines: HashMap<&'s str, Vec<usize>> = HashMap::new();
        let mut order = Vec::new();
        for other in self.containers.iter().filter(|c| c.pod == container.pod) {
            let seen = lines.entry(other.name).or_default();
            if seen.is_empty() {
                order.push(other.name);
            }
            seen.push(self.stream.line(other.node));
        }
        order
            .into_iter()
            .filter_map(|name| {
                let lines = lines.remove(name)?;
                (lines.len() > 1).then_some((name, lines))
            })
            .collect()
    }

    /// The container `wanted` names (`NAME`, `WORKLOAD/NAME`,
    /// `KIND/WORKLOAD/NAME` or, for a stream that deploys one workload to
    /// two namespaces, `NAMESPACE/KIND/WORKLOAD/NAME`), or the only
    /// container when none is named; or why there is none, as a usage
    /// error.
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
        // Containers of one pod that share a name are one mistake of the
        // manifest, which the check reports (see `duplicate_names`): the
        // user has nothing to choose between.
        let one_pod = matching
            .windows(2)
            .all(|pair| pair[0].pod == pair[1].pod && pair[0].name == pair[1].name);
        if one_pod && let Some(first) = matching.iter().find(|c| !c.init).or(matching.first()) {
            return Ok(first);
        }
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
            (several, Some(wanted)) => {
                // The shortest form that tells them apart.
                let workload = |c: &&Container<'_>| &self.workloads[c.workload];
                let differ = |part: fn(&Object<'s>) -> String| {
                    several
                        .iter()
                        .any(|c| part(workload(c)) != part(workload(&several[0])))
                };
                let how = if differ(|w| w.name.to_owned()) {
                    "WORKLOAD/CONTAINER"
                } else if differ(|w| w.kind.to_ascii_lowercase()) {
                    "KIND/WORKLOAD/CONTAINER"
                } else {
                    "NAMESPACE/KIND/WORKLOAD/CONTAINER"
                };
                Err(format!(
                    "{} containers are named {}: {}; name one as {how}",
                    several.len(),
                    Abridged::name(wanted),
                    self.list(several)
                ))
            }
        }
    }

    fn is_named(&self, container: &Container<'_>, wanted: &str) -> bool {
        let workload = &self.workloads[container.workload];
        let mut parts = wanted.rsplitn(4, '/');
        let (name, workload_name, kind) = (parts.next(), parts.next(), parts.next());
        name == Some(container.name)
            && workload_name.is_none_or(|wanted| wanted == workload.name)
            && kind.is_none_or(|wanted| wanted.eq_ignore_ascii_case(workload.kind))
            && parts
                .next()
                .is_none_or(|wanted| Some(wanted) == workload.namespace)
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
                let namespace = match workload.namespace {
                    Some(namespace) => format!(", namespace {}", Abridged::name(namespace)),
                    None => String::new(),
                };
                format!(
                    "{}/{} ({init}{}{namespace})",
                    Abridged::name(workload.name),
                    Abridged::name(container.name),
                    workload.title()
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}
