//! A container's environment, built from the manifest as the kubelet builds
//! it (`makeEnvironmentVariables` in Kubernetes' kubelet):
//!
//! 1. each `envFrom` source in order, every key of its ConfigMap or Secret
//!    with the source's `prefix`, a later source winning;
//! 2. then each `env` entry in order, winning over `envFrom` and over the
//!    entries above it: a `value` expanded ([`expand`]) from what is set
//!    above it, or a `valueFrom` reference resolved.
//!
//! What only the cluster knows (a Secret's data, the pod's fields, a
//! ConfigMap that is not among the documents) is set but not known here.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::expand::expand;
use super::facts::{Facts, HowSet, MaybeSet};
use super::scalar::ScalarKind;
use super::workload::{Container, Manifest, Object};
use super::yaml::{NodeId, Value};
use crate::provenance::Provenance;
use crate::shown::Abridged;
use crate::warning::Warning;

/// What the kubelet would set a variable to, as far as the manifest tells.
pub(super) enum Setting {
    Known(Zeroizing<String>),
    /// Set, to what only the cluster knows: why.
    Unknown(String),
    /// Kubernetes would reject the manifest, or not start the container:
    /// why.
    Undeployable(String),
}

pub(super) struct Var {
    pub setting: Setting,
    pub origin: Provenance,
    /// The variables its value copies, through `$(NAME)`.
    pub copies: Vec<String>,
    pub how: HowSet,
    /// The YAML node its value is, when it is one: a ConfigMap's key that
    /// another entry may read too, or a literal that an alias may repeat.
    pub node: Option<NodeId>,
}

/// The environment being built.
pub(super) struct Env<'m, 's> {
    pub manifest: &'m Manifest<'s>,
    pub container: &'m Container<'s>,
    path: Arc<Path>,
    pub vars: HashMap<String, Var>,
    pub facts: Facts,
    pub warnings: Vec<Warning>,
    /// The line of the `env` entry that set each name.
    env_lines: HashMap<String, usize>,
    /// The names of the configuration's secret variables: text of their
    /// values (a `$(...)` in a literal) is never quoted in a message.
    secret: &'m [&'m str],
    /// What each expanded entry copies, kept once under a key no name can
    /// be (`NAME\0n`): an entry's [`Var::copies`] points at its list, and
    /// a later entry that copies it points at that list in turn, so that
    /// no list is copied into another (the loader follows the chain).
    pub copy_lists: HashMap<String, Vec<String>>,
    /// Every name each YAML node has set, entries that later ones hide
    /// included: an alias may repeat a hidden secret's literal, and a
    /// `$(NAME)` copies what NAME was then, which was this node.
    node_names: HashMap<NodeId, Vec<String>>,
}

/// The longest environment string Linux starts a process with,
/// `NAME=value` and its final NUL (`MAX_ARG_STRLEN`): `execve` refuses a
/// longer one, so the container would not start.
const MAX_ARG_STRLEN: usize = 128 * 1024;

impl<'m, 's> Env<'m, 's> {
    /// The environment of `container`, which is in the manifest read from
    /// `path`.
    pub fn build(
        manifest: &'m Manifest<'s>,
        container: &'m Container<'s>,
        path: Arc<Path>,
        secret: &'m [&'m str],
    ) -> Self {
        let mut env = Env {
            secret,
            manifest,
            container,
            path,
            vars: HashMap::new(),
            facts: Facts::default(),
            warnings: Vec::new(),
            env_lines: HashMap::new(),
            copy_lists: HashMap::new(),
            node_names: HashMap::new(),
        };
        let stream = manifest.stream;
        for key in ["envFrom", "env"] {
            let list = stream.get(container.node, key);
            for &item in list.map_or(&[][..], |list| stream.items(list)) {
                match key {
                    "envFrom" => env.env_from(item),
                    _ => env.entry(item),
                }
            }
        }
        env.same_values();
        env.secret_files();
        env
    }

    /// Variables whose values are one YAML node copy each other, as a
    /// `$(NAME)` copies: a ConfigMap's key read by a secret's entry and by
    /// another's (`envFrom` and a `configMapKeyRef`, or two of them), or a
    /// literal repeated by an alias (`value: *token`). A secret's value
    /// shown under another name would be shown all the same.
    ///
    /// Every name a node has set counts, an entry that a later one hides
    /// too: its text is a secret's all the same (`value: &token ...`, the
    /// entry hidden, then `value: *token`), and a `$(NAME)` above the later
    /// entry copied it (see [`node_key`]).
    fn same_values(&mut self) {
        // The names each node sets now.
        let mut current: HashMap<NodeId, Vec<String>> = HashMap::new();
        for (name, var) in &self.vars {
            if let Some(node) = var.node {
                current.entry(node).or_default().push(name.clone());
            }
        }
        for (node, mut names) in std::mem::take(&mut self.node_names) {
            names.sort_unstable();
            names.dedup();
            // A node that sets one name is no copy: a `$(NAME)` that
            // copied it names that name already.
            if names.len() < 2 {
                continue;
            }
            let list = node_key(node);
            for name in current.get(&node).into_iter().flatten() {
                if let Some(var) = self.vars.get_mut(name) {
                    var.copies.push(list.clone());
                }
            }
            self.copy_lists.insert(list, names);
        }
    }

    /// Sets `name` to `var`, hiding what it was, and notes the node it is.
    fn set(&mut self, name: String, var: Var) {
        if let Some(node) = var.node {
            self.node_names.entry(node).or_default().push(name.clone());
        }
        self.vars.insert(name, var);
    }

    pub fn origin(&self, node: NodeId) -> Provenance {
        Provenance::Manifest {
            path: self.path.to_path_buf(),
            line: self.manifest.stream.line(node),
        }
    }

    fn field(&self, map: NodeId, key: &str) -> Option<&'s str> {
        let stream = self.manifest.stream;
        stream.get(map, key).and_then(|value| stream.str(value))
    }

    /// One `envFrom` source.
    fn env_from(&mut self, item: NodeId) {
        let stream = self.manifest.stream;
        let prefix = self.field(item, "prefix").unwrap_or("");
        let (reference, kind, objects) = match (
            stream.get(item, "configMapRef"),
            stream.get(item, "secretRef"),
        ) {
            (Some(reference), None) => (reference, "ConfigMap", &self.manifest.config_maps),
            (None, Some(reference)) => (reference, "Secret", &self.manifest.secrets),
            _ => {
                let reason = "an envFrom entry needs one of configMapRef and secretRef: \
                              Kubernetes rejects the manifest";
                self.facts.unnamed.push((self.origin(item), reason.into()));
                return;
            }
        };
        let name = self.field(reference, "name").unwrap_or("");
        let origin = self.origin(item);
        let what = format!("the {kind} {} (envFrom)", Abridged::name(name));
        match self.manifest.find(objects, name, self.container) {
            Some(object) if kind == "ConfigMap" => {
                let data = stream.get(object.node, "data");
                for (key, value) in data.map_or_else(Vec::new, |data| stream.entries(data)) {
                    let var = Var {
                        setting: self.data_setting(value, object, key),
                        origin: self.origin(value),
                        copies: Vec::new(),
                        node: Some(value),
                        how: self.in_config_map(object, value),
                    };
                    self.set(format!("{prefix}{key}"), var);
                }
            }
            Some(object) => {
                for (key, node) in secret_keys(self.manifest, object) {
                    let var = Var {
                        setting: Setting::Unknown(format!("from {what}, never read")),
                        origin: self.origin(node),
                        copies: Vec::new(),
                        node: None,
                        how: HowSet::default(),
                    };
                    self.vars.insert(format!("{prefix}{key}"), var);
                }
            }
            None => {
                let what = format!("{what}, which is not among the documents");
                // It may set again what an earlier source set.
                for (name, var) in &mut self.vars {
                    if name.starts_with(prefix) {
                        var.setting = Setting::Unknown(format!("may be set by {what}"));
                        var.origin = origin.clone();
                    }
                }
                let optional = stream
                    .is_true(reference, "optional")
                    .then(|| format!("an optional envFrom of the {kind} {}", Abridged::name(name)));
                self.facts.maybe_set.push(MaybeSet {
                    prefix: prefix.to_owned(),
                    what,
                    origin,
                    optional,
                });
            }
        }
    }

    /// One `env` entry.
    fn entry(&mut self, item: NodeId) {
        let stream = self.manifest.stream;
        let origin = self.origin(item);
        let name = match stream
            .get(item, "name")
            .map(|name| &stream.node(name).value)
        {
            Some(Value::Scalar(name, ScalarKind::String)) => name.as_str(),
            Some(Value::Scalar(name, kind)) if *kind != ScalarKind::Null => {
                let reason = format!(
                    "the name of an env entry ({}) is {}, not a string: Kubernetes rejects \
                     the manifest (quote it)",
                    Abridged::name(name),
                    kind.noun()
                );
                self.facts.unnamed.push((origin, reason));
                return;
            }
            _ => {
                let reason = "an env entry without a name: Kubernetes rejects the manifest";
                self.facts.unnamed.push((origin, reason.into()));
                return;
            }
        };
        let value_from = stream.get(item, "valueFrom");
        let text = match stream
            .get(item, "value")
            .map(|value| &stream.node(value).value)
        {
            None | Some(Value::Scalar(_, ScalarKind::Null)) => "",
            Some(Value::Scalar(text, ScalarKind::String)) => text.as_str(),
            Some(other) => {
                let reason = format!(
                    "its `value` is {}, not a string: Kubernetes rejects the manifest \
                     (quote it)",
                    noun(other)
                );
                self.undeployable(name, item, reason, origin);
                return;
            }
        };
        let var = match (text, value_from) {
            ("", Some(from)) => match self.value_from(from, origin) {
                Some(var) => var,
                // An optional reference to a missing key sets nothing.
                None => return,
            },
            (_, Some(_)) => {
                let reason = "it has both `value` and `valueFrom`: Kubernetes rejects the \
                              manifest";
                return self.undeployable(name, item, reason.into(), origin);
            }
            (text, None) => Var {
                node: stream.get(item, "value"),
                ..self.expanded(name, text, origin)
            },
        };
        self.insert_entry(name, item, var);
    }

    /// An `env` entry, which hides an earlier one of the same name, as the
    /// API server warns.
    fn insert_entry(&mut self, name: &str, item: NodeId, var: Var) {
        let line = self.manifest.stream.line(item);
        if let Some(hidden) = self.env_lines.insert(name.to_owned(), line) {
            self.warnings.push(Warning::EntryHidden {
                at: self.origin(item),
                var: name.to_owned(),
                hidden_line: hidden,
            });
        }
        self.set(name.to_owned(), var);
    }

    fn undeployable(&mut self, name: &str, item: NodeId, reason: String, origin: Provenance) {
        let var = Var {
            setting: Setting::Undeployable(reason),
            origin,
            copies: Vec::new(),
            node: None,
            how: HowSet::default(),
        };
        self.insert_entry(name, item, var);
    }

    /// A `value`, its `$(NAME)` references expanded from what is set above
    /// it, as Kubernetes does; a reference to what only the cluster knows
    /// leaves the value unknown.
    fn expanded(&mut self, name: &str, text: &str, origin: Provenance) -> Var {
        let mut unknown: Option<String> = None;
        let mut copies: Vec<String> = Vec::new();
        let mut optional: Option<String> = None;
        let mut undefined: Vec<String> = Vec::new();
        // A secret's literal is secret text, whatever `$(` it holds.
        let is_secret = self.secret.contains(&name);
        let quoted = |reference: &str| {
            if is_secret {
                "...".to_owned()
            } else {
                Abridged::name(reference).to_string()
            }
        };
        // `$(A)$(A)` doubles a value, and an entry per line doubles it
        // again: expanding stops past what a container could start with.
        let longest = MAX_ARG_STRLEN.saturating_sub(name.len() + 2);
        let mut too_long = text.len() > longest;
        // What the references put in the value, and where the first one
        // that is written in plain text is: a value that is only
        // `$(TOKEN)`, from a `secretKeyRef`, holds no text of the manifest.
        let mut expanded_len = 0;
        let mut copied_plain_text = None;
        let value = expand(text, |reference, out| {
            let shown = quoted(reference);
            let why = match self.vars.get(reference) {
                Some(var) => {
                    copies.push(reference.to_owned());
                    copies.extend(var.copies.iter().cloned());
                    // What the name is now may be hidden later: the copy
                    // is of the node, and of every name it sets.
                    copies.extend(var.node.map(node_key));
                    if copied_plain_text.is_none() {
                        copied_plain_text.clone_from(&var.how.plain_text);
                    }
                    if optional.is_none() {
                        optional.clone_from(&var.how.optional);
                    }
                    match &var.setting {
                        Setting::Known(value) => {
                            if out.len() + value.len() > longest {
                                too_long = true;
                            } else {
                                out.push_str(value);
                                expanded_len += value.len();
                            }
                            return true;
                        }
                        Setting::Unknown(_) | Setting::Undeployable(_) => {
                            "whose value is not known here".to_owned()
                        }
                    }
                }
                None => match self.facts.source_of(reference) {
                    Some(source) => format!("which may come from {}", source.what),
                    None if is_service_link(reference) => {
                        "which the cluster may set for a Service".to_owned()
                    }
                    None => {
                        undefined.push(reference.to_owned());
                        return false;
                    }
                },
            };
            unknown.get_or_insert_with(|| format!("its value expands $({shown}), {why}"));
            true
        });
        for reference in undefined {
            // A secret's literal is secret text, whatever `$(` it holds.
            let reference = match is_secret {
                true => "...".to_owned(),
                false => reference,
            };
            self.warnings.push(Warning::UndefinedReference {
                at: origin.clone(),
                var: name.to_owned(),
                reference,
            });
        }
        copies.sort_unstable();
        copies.dedup();
        if !copies.is_empty() {
            let list = format!("{name}\0{}", self.copy_lists.len());
            self.copy_lists.insert(list.clone(), copies);
            copies = vec![list];
        }
        let written_here = value.len() > expanded_len;
        let how = HowSet {
            plain_text: match written_here {
                true => Some(("a literal `value:`".into(), origin.clone())),
                false => copied_plain_text,
            },
            optional,
        };
        let setting = if too_long {
            Setting::Undeployable(format!(
                "its value is longer than the {} KiB that Linux starts a process with for one \
                 variable (with its name), so the container would not start",
                MAX_ARG_STRLEN / 1024
            ))
        } else {
            unknown.map_or(Setting::Known(value), Setting::Unknown)
        };
        Var {
            setting,
            origin,
            copies,
            how,
            node: None,
        }
    }

    /// A `valueFrom` reference; `None` when it is optional and its key is
    /// missing, which sets nothing.
    fn value_from(&self, from: NodeId, origin: Provenance) -> Option<Var> {
        let stream = self.manifest.stream;
        let kinds = [
            "configMapKeyRef",
            "secretKeyRef",
            "fieldRef",
            "resourceFieldRef",
        ];
        let given: Vec<(&str, NodeId)> = kinds
            .iter()
            .filter_map(|kind| Some((*kind, stream.get(from, kind)?)))
            .collect();
        let var = |setting: Setting, optional: Option<String>| Var {
            setting,
            origin: origin.clone(),
            copies: Vec::new(),
            node: None,
            how: HowSet {
                plain_text: None,
                optional,
            },
        };
        let [(kind, reference)] = given[..] else {
            let reason = "its valueFrom needs exactly one of configMapKeyRef, secretKeyRef, \
                          fieldRef and resourceFieldRef: Kubernetes rejects the manifest";
            return Some(var(Setting::Undeployable(reason.into()), None));
        };
        let field = |key| Abridged::name(self.field(reference, key).unwrap_or("")).to_string();
        let (name, key) = (field("name"), self.field(reference, "key").unwrap_or(""));
        let optional = stream.is_true(reference, "optional").then(|| {
            format!(
                "the optional {kind} to {name} (key {})",
                Abridged::name(key)
            )
        });
        let shown_key = Abridged::name(key);
        let (objects, what) = match kind {
            "fieldRef" => {
                let reason = format!(
                    "from the pod's {} (fieldRef), known in the cluster",
                    field("fieldPath")
                );
                return Some(var(Setting::Unknown(reason), None));
            }
            "resourceFieldRef" => {
                let reason = format!(
                    "from the container's {} (resourceFieldRef), known in the cluster",
                    field("resource")
                );
                return Some(var(Setting::Unknown(reason), None));
            }
            "configMapKeyRef" => (&self.manifest.config_maps, format!("the ConfigMap {name}")),
            _ => (&self.manifest.secrets, format!("the Secret {name}")),
        };
        let reference_name = self.field(reference, "name").unwrap_or("");
        let Some(object) = self.manifest.find(objects, reference_name, self.container) else {
            let reason = match kind {
                "configMapKeyRef" => {
                    format!("from {what} (key {shown_key}), which is not among the documents")
                }
                _ => format!("from {what} (key {shown_key}), never read"),
            };
            return Some(var(Setting::Unknown(reason), optional));
        };
        let found = match kind {
            "configMapKeyRef" => stream
                .get(object.node, "data")
                .and_then(|data| stream.get(data, key)),
            _ => secret_keys(self.manifest, object)
                .into_iter()
                .find(|(name, _)| *name == key)
                .map(|(_, node)| node),
        };
        match (found, kind) {
            (None, _) if optional.is_some() => None,
            (None, _) => {
                let reason = format!(
                    "{what} has no key {shown_key}, and the reference is not optional: the \
                     container cannot start"
                );
                Some(var(Setting::Undeployable(reason), None))
            }
            (Some(value), "configMapKeyRef") => Some(Var {
                setting: self.data_setting(value, object, key),
                origin: self.origin(value),
                copies: Vec::new(),
                node: Some(value),
                how: HowSet {
                    optional,
                    ..self.in_config_map(object, value)
                },
            }),
            (Some(_), _) => {
                let reason = format!("from {what} (key {shown_key}), never read");
                Some(var(Setting::Unknown(reason), optional))
            }
        }
    }

    /// The value of a ConfigMap's key.
    fn data_setting(&self, value: NodeId, config_map: &Object<'_>, key: &str) -> Setting {
        match &self.manifest.stream.node(value).value {
            Value::Scalar(text, ScalarKind::String) => Setting::Known(text.clone()),
            Value::Scalar(_, ScalarKind::Null) => Setting::Known(Zeroizing::new(String::new())),
            other => Setting::Undeployable(format!(
                "the key {} of the ConfigMap {} is {}, not a string: Kubernetes rejects the \
                 ConfigMap (quote it)",
                Abridged::name(key),
                Abridged::name(config_map.name),
                noun(other)
            )),
        }
    }

    /// A value written in a ConfigMap, in plain text.
    fn in_config_map(&self, config_map: &Object<'_>, value: NodeId) -> HowSet {
        let written = format!("the ConfigMap {}", Abridged::name(config_map.name));
        HowSet {
            plain_text: Some((written, self.origin(value))),
            optional: None,
        }
    }
}

/// The keys of a Secret (`data` and `stringData`), each with its node;
/// their values are never read.
pub(super) fn secret_keys<'s>(
    manifest: &Manifest<'s>,
    secret: &Object<'s>,
) -> Vec<(&'s str, NodeId)> {
    let stream = manifest.stream;
    ["data", "stringData"]
        .iter()
        .filter_map(|key| stream.get(secret.node, key))
        .flat_map(|data| stream.entries(data))
        .collect()
}

/// What a value that is not a string is, in words.
/// The key of the names a YAML node sets, among the copy lists: one that
/// no name can be.
fn node_key(node: NodeId) -> String {
    format!("\0{node}")
}

fn noun(value: &Value) -> &'static str {
    match value {
        Value::Scalar(_, kind) => kind.noun(),
        Value::Seq(_) => "a YAML sequence",
        Value::Map(_) => "a YAML mapping",
    }
}

/// Whether the kubelet may set `name` for a Service of the namespace
/// (`REDIS_SERVICE_HOST`, `REDIS_SERVICE_PORT_HTTP`, `REDIS_PORT`,
/// `REDIS_PORT_6379_TCP_ADDR`).
fn is_service_link(name: &str) -> bool {
    name.ends_with("_SERVICE_HOST")
        || name.contains("_SERVICE_PORT")
        || name.ends_with("_PORT")
        || name.contains("_PORT_")
}
