//! A container's environment, built from the manifest as the kubelet builds
//! it (`makeEnvironmentVariables` in Kubernetes' kubelet), later sources
//! winning over earlier ones:
//!
//! 1. the service links of the pod's namespace ([`service_links`]);
//! 2. each `envFrom` source in order, every key of its ConfigMap or Secret
//!    with the source's `prefix`;
//! 3. each `env` entry in order: a `value` expanded ([`expand`]) from what
//!    is set above it, or a `valueFrom` reference resolved
//!    ([`references`](super::references)).
//!
//! Each entry is first checked as the API server checks it
//! ([`validation`]): one it rejects is a problem, and the check fails.
//! What only the cluster knows (a Secret's data, the pod's fields, a
//! ConfigMap that is not among the documents) is set from outside:
//! external. Copies are counted against a [`Budget`].

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::budget::{Budget, VAR_COST};
use super::facts::{Facts, HowSet, MaybeSet, Shape};
use super::mounts::Mounts;
use super::service_links::{self, LinkValue};
use super::validation;
use super::workload::{Container, Manifest};
use super::yaml::NodeId;
use crate::order::sorted_names;
use crate::provenance::Provenance;
use crate::shown::Abridged;
use crate::warning::Warning;

/// What the kubelet would set a variable to, as far as the manifest tells.
pub(super) enum Setting {
    Known(Zeroizing<String>),
    /// Set from outside what is checked, by design (a Secret, the pod's
    /// fields, a ConfigMap that is not among the documents): from where.
    External(String),
    /// Set from what the documents should settle and do not: why.
    Unchecked(String),
    /// Kubernetes would reject the manifest, or not start the container:
    /// why.
    Undeployable(String),
    /// Read from a file of the container that is not there (a `NAME_FILE`
    /// naming a key its ConfigMap lacks): why. The container starts; a
    /// field that reads the variable fails, and is alone in doing so.
    Unreadable(String),
    /// Holds a Service's cluster IP, which only the cluster knows: its
    /// shape is known.
    Shaped(Shape),
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
    /// What a problem of the variable should also say: that a service
    /// link sets it, or that a source which is not among the documents may
    /// set it instead.
    pub note: Option<String>,
    /// Whether a service link set it.
    pub from_link: bool,
    /// The line of the `env` entry that set it, if one did.
    pub entry_line: Option<usize>,
}

impl Var {
    pub fn new(setting: Setting, origin: Provenance) -> Var {
        Var {
            setting,
            origin,
            copies: Vec::new(),
            how: HowSet::default(),
            node: None,
            note: None,
            from_link: false,
            entry_line: None,
        }
    }
}

/// The environment being built.
pub(super) struct Env<'m, 's> {
    pub manifest: &'m Manifest<'s>,
    pub container: &'m Container<'s>,
    pub path: Arc<Path>,
    pub vars: HashMap<String, Var>,
    pub facts: Facts,
    pub warnings: Vec<Warning>,
    /// The names of the configuration's secret variables: text of their
    /// values (a `$(...)` in a literal) is never quoted in a message.
    pub secret: &'m [&'m str],
    /// What each expanded entry copies, kept once under a key no name can
    /// be (`NAME\0n`): an entry's [`Var::copies`] points at its list, and
    /// a later entry that copies it points at that list in turn, so that
    /// no list is copied into another (the loader follows the chain).
    pub copy_lists: HashMap<String, Vec<String>>,
    /// Every name each YAML node has set, entries that later ones hide
    /// included: an alias may repeat a hidden secret's literal, and a
    /// `$(NAME)` copies what NAME was then, which was this node.
    pub node_names: HashMap<NodeId, Vec<String>>,
    /// What copies may still cost.
    pub budget: Budget,
    /// Whether the pod has service links (`enableServiceLinks`).
    pub links_enabled: bool,
    /// The container's volume mounts and what they hold: where its
    /// `NAME_FILE`s and a secrets directory are looked up.
    pub mounts: Mounts,
}

impl<'m, 's> Env<'m, 's> {
    /// Whether a literal set under `name` is a secret's text: the secret's
    /// own (under its name or an alias), or its `NAME_FILE`'s, into which
    /// the secret itself may have been pasted by mistake.
    pub fn is_secret_text(&self, name: &str) -> bool {
        crate::secrecy::is_secret_text(name, &|name| self.secret.contains(&name))
    }

    /// The environment of `container`, which is in the manifest read from
    /// `path`.
    pub fn build(
        manifest: &'m Manifest<'s>,
        container: &'m Container<'s>,
        path: Arc<Path>,
        secret: &'m [&'m str],
    ) -> Self {
        Env::build_within(manifest, container, path, secret, Budget::new())
    }

    /// The same, with what copies may cost.
    pub fn build_within(
        manifest: &'m Manifest<'s>,
        container: &'m Container<'s>,
        path: Arc<Path>,
        secret: &'m [&'m str],
        budget: Budget,
    ) -> Self {
        let mut env = Env::new(manifest, container, path, secret, budget);
        env.mounts = Mounts::new(manifest, container, &|node| env.origin(node));
        env.service_links();
        env.entries();
        env.same_values();
        env.secrets_read_elsewhere();
        env.secret_files();
        env.pod_rules();
        env
    }

    /// What the `envFrom` sources and `env` entries of `container` set,
    /// and nothing else: what the secrets of another container read.
    pub fn entries_only(
        manifest: &'m Manifest<'s>,
        container: &'m Container<'s>,
        path: Arc<Path>,
        secret: &'m [&'m str],
        budget: Budget,
    ) -> Self {
        let mut env = Env::new(manifest, container, path, secret, budget);
        env.links_enabled = false;
        env.entries();
        env
    }

    fn new(
        manifest: &'m Manifest<'s>,
        container: &'m Container<'s>,
        path: Arc<Path>,
        secret: &'m [&'m str],
        budget: Budget,
    ) -> Self {
        Env {
            secret,
            manifest,
            container,
            path,
            vars: HashMap::new(),
            facts: Facts::default(),
            warnings: Vec::new(),
            copy_lists: HashMap::new(),
            node_names: HashMap::new(),
            budget,
            links_enabled: true,
            mounts: Mounts::default(),
        }
    }

    /// The `envFrom` sources, then the `env` entries, in order.
    fn entries(&mut self) {
        let stream = self.manifest.stream;
        for key in ["envFrom", "env"] {
            let list = stream.get(self.container.node, key);
            for &item in list.map_or(&[][..], |list| stream.items(list)) {
                if self.budget.is_exhausted() {
                    return;
                }
                match key {
                    "envFrom" => self.env_from(item),
                    _ => self.entry(item),
                }
            }
        }
    }

    /// The service links, set first: every other source wins over them.
    fn service_links(&mut self) {
        let (links, enabled) =
            service_links::links(self.manifest, self.container, &mut self.budget);
        self.links_enabled = enabled;
        if enabled {
            self.facts.service_links = Some(self.origin(self.container.pod));
        }
        for link in links {
            let setting = match link.value {
                LinkValue::Known(value) => Setting::Known(Zeroizing::new(value)),
                LinkValue::Address => Setting::Shaped(Shape {
                    forms: service_links::CLUSTER_IPS
                        .iter()
                        .map(|(_, ip)| Zeroizing::new((*ip).to_owned()))
                        .collect(),
                    shown: Zeroizing::new(service_links::CLUSTER_IP.to_owned()),
                    unknown: format!("the cluster IP of {}", link.service),
                }),
            };
            let mut var = Var::new(setting, self.origin(link.node));
            var.from_link = true;
            var.note = Some(match link.always {
                true => format!(
                    "is set by the kubelet in every container for {}, service links or not",
                    link.service
                ),
                false => format!(
                    "is set by the kubelet for {} (a service link; `enableServiceLinks: false` \
                     in the pod spec turns service links off)",
                    link.service
                ),
            });
            self.vars.insert(link.name, var);
        }
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
        for (node, names) in std::mem::take(&mut self.node_names) {
            // A node that sets one name is no copy: a `$(NAME)` that
            // copied it names that name already.
            if names.len() < 2 {
                continue;
            }
            let names = sorted_names(names);
            if names.len() < 2 {
                continue;
            }
            let list = node_key(node);
            // The names the node sets now.
            for name in &names {
                if let Some(var) = self.vars.get_mut(name)
                    && var.node == Some(node)
                {
                    var.copies.push(list.clone());
                }
            }
            self.copy_lists.insert(list, names);
        }
    }

    /// Sets `name` to `var`, hiding what it was, and notes the node it is.
    pub fn set(&mut self, name: String, var: Var) {
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

    pub fn field(&self, map: NodeId, key: &str) -> Option<&'s str> {
        let stream = self.manifest.stream;
        stream.get(map, key).and_then(|value| stream.str(value))
    }

    /// One `envFrom` source.
    fn env_from(&mut self, item: NodeId) {
        let stream = self.manifest.stream;
        let origin = self.origin(item);
        if let Err(reason) = validation::env_from_entry(stream, item) {
            self.facts.unnamed.push((origin, reason));
            return;
        }
        let prefix = self.field(item, "prefix").unwrap_or("");
        // An alias may repeat a long prefix in many sources.
        if !self.budget.charge(prefix.len() + VAR_COST) {
            return;
        }
        let (reference, kind, objects) = match stream.get(item, "configMapRef") {
            Some(reference) => (reference, "ConfigMap", &self.manifest.config_maps),
            None => match stream.get(item, "secretRef") {
                Some(reference) => (reference, "Secret", &self.manifest.secrets),
                None => return,
            },
        };
        let name = self.field(reference, "name").unwrap_or("");
        let shown = Abridged::name(name);
        let what = format!("the {kind} {shown} (envFrom)");
        let Some(index) = self.manifest.find(objects, name, self.container) else {
            self.set_elsewhere(prefix, kind, name, origin, reference);
            return;
        };
        for (key, value) in objects.entries(stream, index) {
            let name = format!("{prefix}{key}");
            if kind == "Secret" {
                if !self.budget.charge(name.len() + VAR_COST) {
                    return;
                }
                let reason = format!("from {what}, never read");
                self.vars.insert(
                    name,
                    Var::new(Setting::External(reason), self.origin(value)),
                );
                continue;
            }
            // The API server refuses the ConfigMap: the pod's rules say so.
            if validation::config_map_key(key).is_err() {
                continue;
            }
            let length = stream.text(value).map_or(0, str::len);
            if !self.budget.charge(name.len() + length + VAR_COST) {
                return;
            }
            let object = &objects.all[index];
            let var = Var {
                node: Some(value),
                how: self.in_config_map(object, value),
                ..Var::new(
                    self.data_setting(&name, value, object, key),
                    self.origin(value),
                )
            };
            self.set(name, var);
        }
    }

    /// An `envFrom` source that is not among the documents: it may set any
    /// name with its prefix, the ones already set included, which are
    /// still checked as the documents set them.
    fn set_elsewhere(
        &mut self,
        prefix: &str,
        kind: &str,
        name: &str,
        origin: Provenance,
        reference: NodeId,
    ) {
        let shown = Abridged::name(name);
        let unless = format!(
            "fails unless the {kind} {shown} sets it (envFrom; it is not among the documents)"
        );
        for (set, var) in &mut self.vars {
            if !self.budget.charge(1) {
                return;
            }
            // The first source that may set it is enough to name: a note
            // per source would grow with the manifest, for every variable.
            if set.starts_with(prefix) {
                var.note = Some(match var.note.take() {
                    Some(note) if note.contains(" unless the ") => note,
                    Some(link) if link.starts_with("is set by") => format!("{link}, and {unless}"),
                    _ => unless.clone(),
                });
            }
        }
        let optional = self
            .manifest
            .stream
            .is_true(reference, "optional")
            .then(|| format!("an optional envFrom of the {kind} {shown}"));
        self.facts.maybe_set.push(MaybeSet {
            prefix: prefix.to_owned(),
            what: format!("the {kind} {shown} (envFrom), which is not among the documents"),
            origin,
            optional,
        });
    }

    /// One `env` entry.
    fn entry(&mut self, item: NodeId) {
        let stream = self.manifest.stream;
        // Each entry is a variable held, and a literal's text is copied
        // into it: an alias repeats a node's text without its bytes in the
        // manifest.
        let value = stream.get(item, "value");
        let text = value.and_then(|value| stream.str(value)).unwrap_or("");
        let name = stream.get(item, "name").and_then(|name| stream.text(name));
        if !self
            .budget
            .charge(VAR_COST + name.map_or(0, str::len) + text.len())
        {
            return;
        }
        let origin = self.origin(item);
        let name = match validation::env_entry(stream, item) {
            Ok(name) => name,
            Err(validation::Rejection {
                name: Some(name),
                reason,
            }) => {
                let var = Var::new(Setting::Undeployable(reason), origin);
                return self.insert_entry(&name, item, var);
            }
            Err(rejection) => {
                self.facts.unnamed.push((origin, rejection.reason));
                return;
            }
        };
        let var = match validation::value_from(stream, item) {
            Some(from) => match self.value_from(name, from, origin) {
                Some(var) => var,
                // An optional reference to a missing key sets nothing.
                None => return,
            },
            None => Var {
                node: value,
                ..self.expanded(name, text, origin)
            },
        };
        self.insert_entry(name, item, var);
    }

    /// An `env` entry, which hides an earlier one of the same name, as the
    /// API server warns.
    fn insert_entry(&mut self, name: &str, item: NodeId, mut var: Var) {
        let line = self.manifest.stream.line(item);
        var.entry_line = Some(line);
        if let Some(hidden) = self.vars.get(name).and_then(|hidden| hidden.entry_line) {
            self.warnings.push(Warning::EntryHidden {
                at: self.origin(item),
                var: name.to_owned(),
                hidden_line: hidden,
            });
        }
        self.set(name.to_owned(), var);
    }
}

/// The key of the names a YAML node sets, among the copy lists: one that
/// no name can be.
pub(super) fn node_key(node: NodeId) -> String {
    format!("\0{node}")
}
