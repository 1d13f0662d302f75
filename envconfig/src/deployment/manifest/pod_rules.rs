//! What makes the whole pod fail, whatever variable is checked: two
//! containers of one name, metadata of the workload or of a ConfigMap or
//! Secret that the API server rejects, an entry of another container that
//! the API server rejects, an environment too large to start with, a manifest too
//! large to check.

use super::api_versions;
use super::budget::{MAX_COPIED_BYTES, MAX_EXEC_BYTES};
use super::env::{Env, Setting};
use super::object_meta;
use super::pod_spec_rules;
use super::scalar::{self, ScalarKind};
use super::validation::{self, noun};
use super::workload_rules;
use super::yaml::{NodeId, Stream, Value};
use crate::order::sorted_names;

#[path = "workload_spec_rules.rs"]
mod workload_spec_rules;
use crate::shown::Abridged;

impl Env<'_, '_> {
    /// What makes the whole pod fail, whatever variable it is about: two
    /// containers of one name, an entry of another container that the API
    /// server rejects, an environment too large to start with, a manifest
    /// too large to check.
    pub(super) fn pod_rules(&mut self) {
        let manifest = self.manifest;
        let stream = manifest.stream;
        let workload = &manifest.workloads[self.container.workload];
        for (name, lines) in manifest.duplicate_names(self.container) {
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            let reason = format!(
                "the pod of {} has {} containers named {} (lines {}): container names are \
                 unique in a pod, init containers included, and Kubernetes rejects the manifest",
                workload.title(),
                lines.len(),
                Abridged::name(name),
                lines.join(", ")
            );
            self.facts
                .unnamed
                .push((self.origin(self.container.node), reason));
        }
        // Metadata the API server refuses, the workload's or its pod
        // template's: no pod is made.
        let own = stream.get(workload.node, "metadata");
        // A bare Pod's template is itself.
        let template = manifest
            .pod_metadata(self.container)
            .filter(|template| Some(*template) != own);
        let metadata = [own, template];
        for (at, of) in metadata.into_iter().zip(["", "its pod template: "]) {
            if let Some((node, why)) = at.and_then(|at| object_meta::metadata(stream, at)) {
                let reason = format!("the {}: {of}{why}: Kubernetes rejects it", workload.title());
                self.facts.unnamed.push((self.origin(node), reason));
            }
        }
        // An apiVersion that does not serve the kind: no workload, no pod.
        if let Some((node, why)) = api_versions::refused(stream, workload.node, workload.kind) {
            let reason = format!(
                "the {} (document {}): {why}: kubectl apply refuses it, and its pods never exist",
                workload.title(),
                workload.document
            );
            self.facts.unnamed.push((self.origin(node), reason));
        }
        // A container or volume the API server refuses: no pod.
        let bare = workload.kind == "Pod";
        let claims: Vec<&str> = manifest
            .claim_templates(self.container)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        let refused = pod_spec_rules::refused(stream, self.container.pod, bare, &claims);
        for (node, why) in refused {
            let reason = format!("the pod of {}: {why}", workload.title());
            self.facts.unnamed.push((self.origin(node), reason));
        }
        // A selector, restart policy or workload spec the API server
        // refuses: no workload, so no pod.
        let template = manifest.pod_metadata(self.container);
        let pod = self.container.pod;
        let refused = workload_rules::refused(stream, workload, template).into_iter();
        let restart = workload_rules::refused_restart_policy(stream, workload, pod);
        let spec = workload_spec_rules::refused(stream, workload, pod);
        for (node, reason) in refused.chain(restart).chain(spec) {
            self.facts.unnamed.push((self.origin(node), reason));
        }
        // A switch that is no boolean (`"false"`, `0`): the API server
        // rejects the pod, and which way the kubelet would take it is moot.
        if let Some(node) = stream.get(self.container.pod, "enableServiceLinks") {
            let value = &stream.node(node).value;
            if !matches!(value, Value::Scalar(_, ScalarKind::Bool | ScalarKind::Null)) {
                let reason = format!(
                    "enableServiceLinks is {}, not a boolean: Kubernetes rejects the manifest",
                    validation::noun(value)
                );
                self.facts.unnamed.push((self.origin(node), reason));
            }
        }
        let siblings = manifest
            .containers
            .iter()
            .filter(|other| other.pod == self.container.pod && other.node != self.container.node);
        for other in siblings {
            let container = format!("container {}", Abridged::name(other.name));
            for key in ["envFrom", "env"] {
                let list = stream.get(other.node, key);
                for &item in list.map_or(&[][..], |list| stream.items(list)) {
                    let reason = match key {
                        "envFrom" => validation::env_from_entry(stream, item).err(),
                        _ => validation::env_entry(stream, item).err().map(|r| r.reason),
                    };
                    if let Some(reason) = reason {
                        let reason = format!("{container}: {reason}");
                        self.facts.unnamed.push((self.origin(item), reason));
                    }
                }
            }
        }
        for (node, reason) in volume_items(stream, self.container.pod) {
            self.facts.unnamed.push((self.origin(node), reason));
        }
        // The API server refuses a ConfigMap or Secret whose keys or values
        // it cannot take, or whose values come to more than 1 MiB
        // (`ValidateConfigMap`, `ValidateSecret`), or whose metadata it
        // cannot take (`ValidateObjectMeta`): it is never created, and
        // what reads it fails. Of two documents of one, the later is kept.
        for (objects, kind) in [
            (&manifest.config_maps, "ConfigMap"),
            (&manifest.secrets, "Secret"),
        ] {
            for (index, object) in objects.all.iter().enumerate() {
                if manifest.find(objects, object.name, self.container) != Some(index) {
                    continue;
                }
                if let Some((node, why)) = api_versions::refused(stream, object.node, kind) {
                    let reason = format!(
                        "the {kind} {} (document {}): {why}: kubectl apply refuses it, and it \
                         is never made",
                        Abridged::name(object.name),
                        object.document
                    );
                    self.facts.unnamed.push((self.origin(node), reason));
                }
                for (node, reason) in refused_data(stream, object.node, object.name, kind) {
                    self.facts.unnamed.push((self.origin(node), reason));
                }
                if let Some((node, why)) = object_meta::refused(stream, object.node) {
                    let reason = format!(
                        "the {kind} {}: {why}: Kubernetes rejects it",
                        Abridged::name(object.name)
                    );
                    self.facts.unnamed.push((self.origin(node), reason));
                }
                if kind == "Secret"
                    && let Some(reason) = refused_type(stream, object.node, object.name)
                {
                    self.facts.unnamed.push((self.origin(object.node), reason));
                }
                if kind == "ConfigMap" {
                    self.refused_values(object.node, object.name);
                }
                let size = data_bytes(stream, object.node, kind == "Secret");
                if size > MAX_OBJECT_BYTES {
                    let reason = format!(
                        "the {kind} {} holds {} KiB of data, more than the {} MiB the API \
                         server accepts: Kubernetes rejects it",
                        Abridged::name(object.name),
                        size / 1024,
                        MAX_OBJECT_BYTES >> 20
                    );
                    self.facts.unnamed.push((self.origin(object.node), reason));
                }
            }
        }
        let size: usize = self
            .vars
            .iter()
            .map(|(name, var)| match &var.setting {
                // `NAME=value`, its NUL, and the pointer to it.
                Setting::Known(value) => name.len() + value.len() + 2 + 8,
                _ => name.len() + 2 + 8,
            })
            .sum();
        if size > MAX_EXEC_BYTES {
            let reason = format!(
                "the container's environment takes {} KiB, more than the {} MiB that Linux \
                 starts a process with (arguments and environment together), so the \
                 container would not start",
                size / 1024,
                MAX_EXEC_BYTES >> 20
            );
            self.facts
                .unnamed
                .push((self.origin(self.container.node), reason));
        }
        if self.budget.is_exhausted() {
            let reason = format!(
                "building the container's environment takes more than the {} MiB envconfig \
                 allows (its variables, $(NAME) references, ConfigMap values copied into many \
                 variables): the check stops there and fails",
                MAX_COPIED_BYTES >> 20
            );
            self.facts
                .unnamed
                .push((self.origin(self.container.node), reason));
        }
    }
}

/// The most data one ConfigMap or Secret may hold (`MaxSecretSize`).
const MAX_OBJECT_BYTES: usize = 1024 * 1024;

/// The bytes of a ConfigMap's or Secret's values, as the API server counts
/// them: a ConfigMap's `data` and its `binaryData` decoded; a Secret's
/// `data` decoded, where its `stringData` (which wins) does not set the key.
fn data_bytes(stream: &Stream, object: NodeId, secret: bool) -> usize {
    let entries = |field: &str| {
        stream
            .get(object, field)
            .map(|map| stream.entries(map))
            .unwrap_or_default()
    };
    let text = |node: NodeId| stream.text(node).map_or(0, str::len);
    let decoded = |node: NodeId| {
        stream
            .text(node)
            .and_then(scalar::base64)
            .map_or(0, |bytes| bytes.len())
    };
    match secret {
        false => {
            let data: usize = entries("data").iter().map(|(_, value)| text(*value)).sum();
            let binary: usize = entries("binaryData")
                .iter()
                .map(|(_, value)| decoded(*value))
                .sum();
            data + binary
        }
        true => {
            let strings = entries("stringData");
            let set = sorted_names(strings.iter().map(|(key, _)| *key).collect());
            let data: usize = entries("data")
                .iter()
                .filter(|(key, _)| set.binary_search(key).is_err())
                .map(|(_, value)| decoded(*value))
                .sum();
            data + strings.iter().map(|(_, value)| text(*value)).sum::<usize>()
        }
    }
}

impl Env<'_, '_> {
    /// The values of a ConfigMap that the API server cannot take: one
    /// that is no string in `data`, or not base64 in `binaryData`. A value
    /// that the container reads (`envFrom`, `configMapKeyRef`) has said
    /// so already, in the same words.
    fn refused_values(&mut self, object: NodeId, name: &str) {
        let stream = self.manifest.stream;
        for field in ["data", "binaryData"] {
            let Some(map) = stream.get(object, field) else {
                continue;
            };
            for (key, value) in stream.entries(map) {
                let refused = match field {
                    "data" => validation::config_map_text(stream, value, name, key).err(),
                    _ => validation::binary_data(stream, value, name, key).err(),
                };
                let Some(reason) = refused else {
                    continue;
                };
                let said = self.vars.values().any(
                    |var| matches!(&var.setting, Setting::Undeployable(said) if *said == reason),
                );
                if !said {
                    self.facts.unnamed.push((self.origin(value), reason));
                }
            }
        }
    }
}

/// Why the API server refuses the keys and values of a ConfigMap or
/// Secret, each with the node it is about; sizes aside. Every key is a
/// ConfigMap key (`IsConfigMapKey`), and a ConfigMap's is in `data` or
/// `binaryData`, not both. A Secret's `data` decodes into Go's
/// `map[string][]byte` (base64 text, or null) and its `stringData` into
/// `map[string]string`: the request fails on anything else. Values never
/// show. A ConfigMap's values are checked where they are read.
fn refused_data(stream: &Stream, object: NodeId, name: &str, kind: &str) -> Vec<(NodeId, String)> {
    let shown = Abridged::name(name);
    let mut refused = Vec::new();
    let fields: [&str; 2] = match kind {
        "Secret" => ["data", "stringData"],
        _ => ["data", "binaryData"],
    };
    let entries = |field: &str| {
        stream
            .get(object, field)
            .map(|map| stream.entries(map))
            .unwrap_or_default()
    };
    for field in fields {
        for (key, value) in entries(field) {
            if let Err(why) = validation::config_map_key(key) {
                let reason = format!(
                    "the {kind} {shown} has the key {}, but {why}: Kubernetes rejects it",
                    Abridged::name(key)
                );
                refused.push((value, reason));
                continue;
            }
            if kind != "Secret" {
                continue;
            }
            let of = format!("the key {} of the Secret {shown}", Abridged::name(key));
            let reason = match (&stream.node(value).value, field) {
                (Value::Scalar(_, ScalarKind::Null), _) => None,
                (Value::Scalar(text, ScalarKind::String), "data") => scalar::base64(text)
                    .is_none()
                    .then(|| format!("{of} is not base64 (stringData takes plain text)")),
                (Value::Scalar(_, ScalarKind::String), _) => None,
                (other, "data") => Some(format!("{of} is {}, not base64 text", noun(other))),
                (other, _) => Some(format!("{of} is {}, not a string", noun(other))),
            };
            if let Some(reason) = reason {
                let scalar = matches!(stream.node(value).value, Value::Scalar(..));
                let quote = match field == "stringData" && scalar {
                    true => " (quote it)",
                    false => "",
                };
                refused.push((value, format!("{reason}: Kubernetes rejects it{quote}")));
            }
        }
    }
    if kind != "Secret" {
        let data = entries("data");
        for (key, value) in entries("binaryData") {
            if data.iter().any(|(other, _)| *other == key) {
                let reason = format!(
                    "the ConfigMap {shown} has the key {} in both data and binaryData: \
                     Kubernetes rejects it",
                    Abridged::name(key)
                );
                refused.push((value, reason));
            }
        }
    }
    refused
}

/// Why the API server refuses a Secret of a built-in `type` that lacks
/// what its type requires (`ValidateSecret`): the keys `tls.crt` and
/// `tls.key`; `username` or `password`; a non-empty `ssh-privatekey`,
/// `.dockercfg` or `.dockerconfigjson` (whose JSON is a value, never read
/// here); or, for a service account token, the annotation naming the
/// account. Keys of `data` and `stringData` (which wins) alike.
fn refused_type(stream: &Stream, object: NodeId, name: &str) -> Option<String> {
    let kind = stream
        .get(object, "type")
        .and_then(|node| stream.str(node))?;
    let value = |key: &str| {
        ["stringData", "data"].iter().find_map(|field| {
            let node = stream.get(stream.get(object, field)?, key)?;
            Some((*field, node))
        })
    };
    let has = |key: &str| value(key).is_some();
    let lacks = |keys: &[&str]| {
        let key = keys.iter().find(|key| !has(key))?;
        Some(format!("no key {key}"))
    };
    let empty = |key: &str| {
        let empty = match value(key) {
            None => true,
            // A null value is an empty one (`[]byte(nil)`, `""`).
            Some((_, node))
                if matches!(stream.node(node).value, Value::Scalar(_, ScalarKind::Null)) =>
            {
                true
            }
            Some((field, node)) => {
                let text = stream.text(node).unwrap_or("");
                match field {
                    "data" => scalar::base64(text).is_some_and(|bytes| bytes.is_empty()),
                    _ => text.is_empty(),
                }
            }
        };
        empty.then(|| format!("no key {key}, or an empty one"))
    };
    let lack = match kind {
        "kubernetes.io/tls" => lacks(&["tls.crt", "tls.key"]),
        "kubernetes.io/basic-auth" => (!has("username") && !has("password"))
            .then(|| "neither the key username nor password".to_owned()),
        "kubernetes.io/ssh-auth" => empty("ssh-privatekey"),
        "kubernetes.io/dockercfg" => empty(".dockercfg"),
        "kubernetes.io/dockerconfigjson" => empty(".dockerconfigjson"),
        "kubernetes.io/service-account-token" => {
            let account = stream
                .get(object, "metadata")
                .and_then(|metadata| stream.get(metadata, "annotations"))
                .and_then(|notes| stream.get(notes, "kubernetes.io/service-account.name"))
                .and_then(|node| stream.str(node));
            account
                .is_none_or(str::is_empty)
                .then(|| "no annotation kubernetes.io/service-account.name".to_owned())
        }
        _ => None,
    }?;
    Some(format!(
        "the Secret {} of type {} has {lack}: Kubernetes rejects it",
        Abridged::name(name),
        Abridged::name(kind)
    ))
}

/// The `items` of the pod's Secret and ConfigMap volumes (projected ones'
/// too) whose `key` or `path` is not a string (`key: n` is a YAML boolean):
/// the API server rejects the pod. Each with why.
fn volume_items(stream: &Stream, pod: NodeId) -> Vec<(NodeId, String)> {
    let list = |node: NodeId, key: &str| stream.get(node, key).map_or(&[][..], |l| stream.items(l));
    let mut sources = Vec::new();
    for &volume in list(pod, "volumes") {
        for kind in ["secret", "configMap"] {
            sources.extend(stream.get(volume, kind));
        }
        if let Some(projected) = stream.get(volume, "projected") {
            for &source in list(projected, "sources") {
                for kind in ["secret", "configMap"] {
                    sources.extend(stream.get(source, kind));
                }
            }
        }
    }
    let mut refused = Vec::new();
    for source in sources {
        for &item in list(source, "items") {
            for field in ["key", "path"] {
                let Some(node) = stream.get(item, field) else {
                    continue;
                };
                let value = &stream.node(node).value;
                if !matches!(value, Value::Scalar(_, ScalarKind::String)) {
                    let reason = format!(
                        "a volume's items: its {field} is {}, not a string: Kubernetes \
                         rejects the manifest",
                        validation::noun(value)
                    );
                    refused.push((node, reason));
                }
            }
        }
    }
    refused
}
