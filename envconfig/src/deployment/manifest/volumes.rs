//! What the kubelet writes in each volume of a pod, as far as the
//! documents tell: the files of a `secret`, `configMap`, `projected` or
//! `downwardAPI` volume (kubelet `MakePayload`), an `emptyDir` that is
//! empty, and volumes whose files only the node knows. A file of a
//! ConfigMap among the documents holds the key's value, as written there
//! (`binaryData` decoded); a Secret's is never read. See
//! [`mounts`](super::mounts) for where they are mounted.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use zeroize::Zeroizing;

use super::validation::{binary_data, config_map_text};
use super::workload::{Container, Manifest, Objects};
use super::yaml::{NodeId, Stream};
use crate::provenance::Provenance;
use crate::shown::Abridged;

/// What the kubelet writes in one volume.
pub(super) struct Volume {
    /// In words: `the Secret volume db (Secret billing-db)`.
    pub what: String,
    /// Where the volume is declared, for a problem.
    pub origin: Provenance,
    /// Why the kubelet cannot set it up, when it cannot: then the
    /// container does not start.
    pub broken: Option<String>,
    /// The files that `items` (or a source's `path`) name, by their path
    /// in the volume.
    pub files: HashMap<String, File>,
    /// The sources without `items` that are among the documents: every
    /// key is a file.
    pub whole: Vec<(Arc<Keys>, String)>,
    /// Why some of its files are not known here (a source that is not
    /// among the documents), each with the `optional` source, if any.
    pub unknown: Vec<(String, Option<String>)>,
    /// Why it holds no other file, in words.
    pub otherwise: String,
}

/// A file that a volume's source writes.
pub(super) struct File {
    /// Where its content comes from, in words.
    pub from: String,
    /// When the file may be missing (an `optional` source that is not
    /// among the documents): that source, in words.
    pub optional: Option<String>,
    /// What it holds, when a ConfigMap among the documents writes it.
    pub content: Option<Arc<Content>>,
}

/// The keys of a Secret or ConfigMap among the documents, each with what
/// its file holds when that is known (a ConfigMap's).
pub(super) type Keys = HashMap<String, Option<Arc<Content>>>;

/// What the file of a ConfigMap's key holds (the kubelet writes the value
/// as it is, newline and all), and where the value is written.
pub(crate) struct Content {
    pub held: Held,
    pub at: Provenance,
    /// The value's node: what else reads it reads the same text.
    pub node: NodeId,
}

pub(crate) enum Held {
    /// A key of `data`.
    Text(Zeroizing<String>),
    /// A key of `binaryData`, decoded.
    Bytes(Zeroizing<Vec<u8>>),
    /// A value the API server rejects, which keeps the ConfigMap from
    /// being made: why.
    Rejected(String),
}

impl Volume {
    pub(super) fn broken(what: String, origin: Provenance, why: String) -> Volume {
        Volume {
            what,
            origin,
            broken: Some(why),
            files: HashMap::new(),
            whole: Vec::new(),
            unknown: Vec::new(),
            otherwise: String::new(),
        }
    }

    /// A volume of a StatefulSet's claim template: what it holds is the
    /// storage's.
    pub(super) fn claim(name: &str, origin: Provenance) -> Volume {
        Volume {
            what: format!(
                "the volume {} (of volumeClaimTemplates)",
                Abridged::name(name)
            ),
            origin,
            broken: None,
            files: HashMap::new(),
            whole: Vec::new(),
            unknown: vec![("the documents do not tell what it holds".into(), None)],
            otherwise: String::new(),
        }
    }
}

/// Builds the volumes, sharing the key set of an object among the
/// volumes that project it whole.
pub(super) struct Builder<'e, 'm, 's> {
    manifest: &'m Manifest<'s>,
    container: &'m Container<'s>,
    /// Where a node of the manifest is, for a problem.
    origin: &'e dyn Fn(NodeId) -> Provenance,
    /// The keys of each object, by kind and index among its kind.
    keys: HashMap<(bool, usize), Arc<Keys>>,
    shared: HashSet<&'s str>,
}

/// A Secret or ConfigMap source of a volume: its object's kind, the keys
/// that name it and its items.
struct Source {
    secret: bool,
    node: NodeId,
}

impl<'e, 'm, 's> Builder<'e, 'm, 's> {
    pub(super) fn new(
        manifest: &'m Manifest<'s>,
        container: &'m Container<'s>,
        origin: &'e dyn Fn(NodeId) -> Provenance,
    ) -> Self {
        let stream = manifest.stream;
        // The volumes the pod's other containers mount: they may write in
        // an `emptyDir`.
        let shared = manifest
            .containers
            .iter()
            .filter(|other| other.pod == container.pod && other.node != container.node)
            .flat_map(|other| {
                let mounts = stream.get(other.node, "volumeMounts");
                mounts.map_or(&[][..], |mounts| stream.items(mounts))
            })
            .filter_map(|&mount| stream.get(mount, "name").and_then(|n| stream.str(n)))
            .collect();
        Builder {
            manifest,
            container,
            origin,
            keys: HashMap::new(),
            shared,
        }
    }
}

impl<'s> Builder<'_, '_, 's> {
    fn stream(&self) -> &'s Stream {
        self.manifest.stream
    }

    /// The volume `name`, declared at `node`.
    pub(super) fn volume(&mut self, name: &str, node: NodeId) -> Volume {
        let stream = self.stream();
        let shown = Abridged::name(name);
        let mut volume = Volume {
            what: format!("the volume {shown}"),
            origin: (self.origin)(node),
            broken: None,
            files: HashMap::new(),
            whole: Vec::new(),
            unknown: Vec::new(),
            otherwise: String::new(),
        };
        let object_name = |source, key| {
            let name = stream.get(source, key).and_then(|n| stream.str(n));
            Abridged::name(name.unwrap_or("")).to_string()
        };
        if let Some(secret) = stream.get(node, "secret") {
            volume.what = format!(
                "the Secret volume {shown} (Secret {})",
                object_name(secret, "secretName")
            );
            self.source(
                &mut volume,
                Source {
                    secret: true,
                    node: secret,
                },
            );
        } else if let Some(config_map) = stream.get(node, "configMap") {
            volume.what = format!(
                "the ConfigMap volume {shown} (ConfigMap {})",
                object_name(config_map, "name")
            );
            self.source(
                &mut volume,
                Source {
                    secret: false,
                    node: config_map,
                },
            );
        } else if let Some(projected) = stream.get(node, "projected") {
            volume.what = format!("the projected volume {shown}");
            let sources = stream.get(projected, "sources");
            for &source in sources.map_or(&[][..], |s| stream.items(s)) {
                if let Some(secret) = stream.get(source, "secret") {
                    self.source(
                        &mut volume,
                        Source {
                            secret: true,
                            node: secret,
                        },
                    );
                } else if let Some(config_map) = stream.get(source, "configMap") {
                    self.source(
                        &mut volume,
                        Source {
                            secret: false,
                            node: config_map,
                        },
                    );
                } else if let Some(downward) = stream.get(source, "downwardAPI") {
                    self.downward(&mut volume, downward);
                } else if let Some(named) = ["serviceAccountToken", "clusterTrustBundle"]
                    .into_iter()
                    .find_map(|kind| Some((kind, stream.get(source, kind)?)))
                {
                    let (kind, source) = named;
                    if let Some(path) = stream.get(source, "path").and_then(|p| stream.str(p)) {
                        volume.files.insert(
                            plain(path),
                            File {
                                from: format!("written by the kubelet ({kind})"),
                                optional: None,
                                content: None,
                            },
                        );
                    }
                } else {
                    volume
                        .unknown
                        .push(("envconfig does not know one of its sources".into(), None));
                }
            }
            volume.otherwise = "none of its sources writes that file".to_owned();
        } else if let Some(downward) = stream.get(node, "downwardAPI") {
            volume.what = format!("the downwardAPI volume {shown}");
            self.downward(&mut volume, downward);
            volume.otherwise = "its items do not name that file".to_owned();
        } else if stream.get(node, "emptyDir").is_some()
            // A volume of no source is an emptyDir (`SetDefaults_Volume`).
            || stream.entries(node).iter().all(|(key, _)| *key == "name")
        {
            volume.what = format!("the emptyDir volume {shown}");
            if self.shared.contains(name) {
                volume.unknown.push((
                    "another container of the pod mounts it, and may write it".into(),
                    None,
                ));
            }
            volume.otherwise = "it is empty when the container starts".to_owned();
        } else {
            let kind = stream
                .entries(node)
                .into_iter()
                .map(|(key, _)| key)
                .find(|&key| key != "name")
                .unwrap_or("unknown");
            volume.what = format!("the {} volume {shown}", Abridged::name(kind));
            volume
                .unknown
                .push(("the documents do not tell what it holds".into(), None));
        }
        volume
    }

    /// The files of a Secret or ConfigMap source, as the kubelet's
    /// `MakePayload` writes them.
    fn source(&mut self, volume: &mut Volume, source: Source) {
        let stream = self.stream();
        let manifest = self.manifest;
        let (objects, name_key, kind) = match source.secret {
            true => (&manifest.secrets, "secretName", "Secret"),
            false => (&manifest.config_maps, "name", "ConfigMap"),
        };
        // A projected volume's Secret source calls it `name`.
        let name = [name_key, "name"]
            .into_iter()
            .find_map(|key| stream.get(source.node, key).and_then(|n| stream.str(n)))
            .unwrap_or("");
        let shown = Abridged::name(name);
        let optional = stream.is_true(source.node, "optional");
        let items: Vec<(&str, &str)> = stream
            .get(source.node, "items")
            .map_or(&[][..], |items| stream.items(items))
            .iter()
            .filter_map(|&item| {
                let key = stream.get(item, "key").and_then(|k| stream.str(k))?;
                let path = stream.get(item, "path").and_then(|p| stream.str(p))?;
                Some((key, path))
            })
            .collect();
        let from = |key: &str| format!("the {kind} {shown} (key {})", Abridged::name(key));
        let Some(index) = manifest.find(objects, name, self.container) else {
            let outside = format!("the {kind} {shown} is not among the documents");
            let optional = optional.then(|| format!("the optional {kind} volume source {shown}"));
            if items.is_empty() {
                volume.unknown.push((outside, optional.clone()));
            }
            for (key, path) in items {
                let file = File {
                    from: format!("{}, which is not among the documents", from(key)),
                    optional: optional.clone(),
                    content: None,
                };
                volume.files.insert(plain(path), file);
            }
            volume.otherwise = format!("the items of the {kind} {shown} do not name that file");
            return;
        };
        let keys = self
            .keys
            .entry((source.secret, index))
            .or_insert_with(|| {
                let keys = object_keys(stream, objects, index, source.secret, self.origin);
                Arc::new(keys)
            })
            .clone();
        if items.is_empty() {
            volume.whole.push((keys, format!("the {kind} {shown}")));
            volume.otherwise = format!("the {kind} {shown} has no such key");
            return;
        }
        for (key, path) in items {
            if let Some(content) = keys.get(key) {
                let file = File {
                    from: from(key),
                    optional: None,
                    content: content.clone(),
                };
                volume.files.insert(plain(path), file);
            } else if !optional && volume.broken.is_none() {
                volume.broken = Some(format!(
                    "the items of {} name the key {}, which the {kind} {shown} does not have: \
                     the kubelet cannot mount the volume, and the container does not start",
                    volume.what,
                    Abridged::name(key)
                ));
            }
        }
        volume.otherwise = format!("the items of the {kind} {shown} do not name that file");
    }

    /// The files of a `downwardAPI` volume or source: its items' paths.
    fn downward(&self, volume: &mut Volume, downward: NodeId) {
        let stream = self.stream();
        let items = stream.get(downward, "items");
        for &item in items.map_or(&[][..], |items| stream.items(items)) {
            if let Some(path) = stream.get(item, "path").and_then(|p| stream.str(p)) {
                let file = File {
                    from: "the pod's fields (downwardAPI)".to_owned(),
                    optional: None,
                    content: None,
                };
                volume.files.insert(plain(path), file);
            }
        }
    }
}

/// The keys of a Secret (`data` and `stringData`), never read, or a
/// ConfigMap (`data` and `binaryData`, which its volumes write too), with
/// what their files hold.
fn object_keys<'s>(
    stream: &'s Stream,
    objects: &Objects<'s>,
    index: usize,
    secret: bool,
    origin: &dyn Fn(NodeId) -> Provenance,
) -> Keys {
    let name = objects.all[index].name;
    let entries = objects.entries(stream, index).into_iter();
    if secret {
        return entries.map(|(key, _)| (key.to_owned(), None)).collect();
    }
    let content = |value: NodeId, held: Held| {
        let at = origin(value);
        Some(Arc::new(Content {
            held,
            at,
            node: value,
        }))
    };
    let mut keys: Keys = entries
        .map(|(key, value)| {
            let held = match config_map_text(stream, value, name, key) {
                Ok(text) => Held::Text(text),
                Err(reason) => Held::Rejected(reason),
            };
            (key.to_owned(), content(value, held))
        })
        .collect();
    if let Some(binary) = stream.get(objects.all[index].node, "binaryData") {
        for (key, value) in stream.entries(binary) {
            let held = match binary_data(stream, value, name, key) {
                Ok(bytes) => Held::Bytes(Zeroizing::new(bytes)),
                Err(reason) => Held::Rejected(reason),
            };
            keys.insert(key.to_owned(), content(value, held));
        }
    }
    keys
}

/// A relative path as the kubelet writes it: `./a//b/` is `a/b`.
pub(super) fn plain(path: &str) -> String {
    path.split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/")
}
