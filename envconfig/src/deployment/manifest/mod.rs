//! `--check-env --manifest PATH` (feature `k8s`): the environment of one
//! container of a Kubernetes manifest, as the kubelet would build it
//! ([`ContainerEnv`]), to check the configuration against.
//!
//! The manifest is what a deployment applies (`helm template`, `kubectl
//! kustomize` output): a stream of YAML documents ([`yaml`]), of which the
//! pod templates, the ConfigMaps, Secrets and Services are read
//! ([`workload`]). The chosen container's environment is built as the
//! kubelet builds it ([`env`], [`service_links`], [`references`],
//! [`expand`], [`files`]), each entry checked as the API server checks it
//! ([`validation`]), every copy counted ([`budget`]); what only the
//! cluster knows is external, and a Secret's values are never read. What
//! the volume mounts put in a secrets directory is [`mounts`]'s.

mod api_versions;
mod budget;
mod container_rules;
mod env;
mod expand;
#[cfg(test)]
mod expand_tests;
mod facts;
mod files;
mod mounts;
#[cfg(test)]
mod mounts_tests;
mod object_meta;
mod pod_rules;
mod pod_spec_rules;
mod quantity;
mod references;
mod resource_rules;
mod scalar;
mod secrets_elsewhere;
mod service_links;
mod service_rules;
#[cfg(test)]
mod upstream_tests;
mod validation;
mod volumes;
mod workload;
mod workload_rules;
mod yaml;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use self::env::{Env, Setting};
pub(crate) use self::facts::Facts;
use self::facts::{Linked, Undeployable};
use self::mounts::{At, Mounts};
use self::workload::Manifest;
use self::yaml::{NodeId, Stream};
use crate::outcome::Outcome;
use crate::provenance::Provenance;
use crate::report::{Subject, SubjectError};
use crate::secrecy::Declared;
use crate::shown::Abridged;
use crate::source::text_file::read_given_file;
use crate::source::{
    DirFile, Entries, Entry, Lookup, RawValue, Tainted, Unseen, Unusable, VarName, Variables,
};
use crate::warning::Warning;

/// The largest manifest envconfig reads: rendered charts run to a few
/// megabytes, and an endless pipe must not be read until memory runs out.
pub const MAX_MANIFEST_BYTES: usize = 16 * 1024 * 1024;

/// Why a manifest cannot be checked.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ManifestError {
    /// The command line asks for what the manifest does not have: no pod
    /// template, no such container, several without `--container`.
    Usage(String),
    /// The manifest cannot be read, or is not YAML.
    Unreadable(String),
}

/// The environment that `--check-env --manifest PATH [--container NAME]`
/// checks, and what it is, in words; `-` reads the manifest from stdin.
pub(crate) fn read(
    path: &Path,
    container: Option<&str>,
    secret: &[&str],
) -> Result<(ContainerEnv, String), ManifestError> {
    let stdin = path == Path::new("-");
    let shown_path: Arc<Path> = Arc::from(if stdin {
        Path::new(crate::provenance::STDIN)
    } else {
        path
    });
    let shown = Abridged::name(&shown_path.to_string_lossy()).to_string();
    let unreadable = |reason: String| ManifestError::Unreadable(format!("{shown}: {reason}"));
    let bytes = read_given_file(path, MAX_MANIFEST_BYTES).map_err(unreadable)?;
    let text = yaml::encoding::decode_file(bytes);
    from_text(&text, shown_path, &shown, container, secret)
}

/// The source of the manifest `text`, read from `shown_path` (`shown` as
/// messages show it).
pub(crate) fn from_text(
    text: &str,
    shown_path: Arc<Path>,
    shown: &str,
    container: Option<&str>,
    secret: &[&str],
) -> Result<(ContainerEnv, String), ManifestError> {
    let unreadable = |reason: String| ManifestError::Unreadable(format!("{shown}: {reason}"));
    let stream = Stream::parse(text, workload::is_read).map_err(|error| {
        unreadable(format!(
            "document {}, line {}: not valid YAML: {}",
            error.document,
            error.line,
            Abridged::reason(&error.reason)
        ))
    })?;
    let manifest = Manifest::new(&stream).map_err(|refused| {
        unreadable(format!(
            "document {}, line {}: kubectl refuses it: {}",
            refused.document,
            stream.line(refused.node),
            refused.reason
        ))
    })?;
    let container = manifest
        .choose(container)
        .map_err(|why| ManifestError::Usage(format!("--manifest {shown}: {why}")))?;
    let workload = &manifest.workloads[container.workload];
    let checked = format!(
        "container {} of {} (document {} of {shown}, line {})",
        Abridged::name(container.name),
        workload.title(),
        workload.document,
        stream.line(container.node)
    );
    let env = Env::build(&manifest, container, shown_path, secret);
    Ok((env.into_container_env(), checked))
}

/// The environment of a container, as the kubelet would build it from the
/// manifest: what the configuration is checked against, with what the
/// manifest tells besides values.
pub(crate) struct ContainerEnv {
    entries: Entries,
    facts: Facts,
    /// The container's volume mounts and what they hold: where a secrets
    /// directory may be.
    mounts: Mounts,
    /// What looking variables up in a secrets directory found worth
    /// saying: why a file is not there, for a problem of its variable; the
    /// optional source a file depends on, for a warning.
    from_dir: RefCell<FromDir>,
    /// The names each YAML node of a value sets: a file of a ConfigMap
    /// holds the text of its key's node, which other entries may read.
    by_node: HashMap<NodeId, Vec<String>>,
}

#[derive(Default)]
struct FromDir {
    notes: HashMap<String, String>,
    optional: HashMap<String, String>,
    /// The ConfigMaps whose values the files read hold, in words, and
    /// where: a secret read from one sits in the manifest in plain text.
    plain_text: HashMap<String, (String, Provenance)>,
    /// The node of the ConfigMap value each file read holds, by the name
    /// that read it.
    read: Vec<(String, NodeId)>,
}

impl Env<'_, '_> {
    /// The environment as the check reads it.
    fn into_container_env(self) -> ContainerEnv {
        let mounts = self.mounts;
        let mut by_node: HashMap<NodeId, Vec<String>> = HashMap::new();
        for (name, var) in &self.vars {
            if let Some(node) = var.node {
                by_node.entry(node).or_default().push(name.clone());
            }
        }
        let mut entries = Entries::default();
        let mut facts = self.facts;
        for (name, copies) in self.copy_lists {
            entries.set_copies(name, copies);
        }
        for (name, var) in self.vars {
            // Where a value is written in plain text matters for a secret
            // only: kept for every variable, it would double what a large
            // environment takes.
            let plain_text = var.how.plain_text.is_some() && self.secret.contains(&name.as_str());
            if plain_text || var.how.optional.is_some() {
                facts.how_set.insert(name.clone(), var.how);
            }
            if let Some(note) = var.note {
                facts.notes.insert(name.clone(), note);
            }
            if var.from_link {
                let linked = match var.setting {
                    Setting::Known(value) => Linked::Value(value),
                    Setting::External(reason) | Setting::Unchecked(reason) => {
                        Linked::External(reason)
                    }
                    Setting::Shaped(shape) => Linked::Shaped(shape),
                    Setting::Undeployable(_) | Setting::Unreadable(_) => continue,
                };
                facts.links.insert(name, (linked, var.origin));
                continue;
            }
            match var.setting {
                Setting::Known(value) => {
                    if !var.copies.is_empty() {
                        entries.set_copies(name.clone(), var.copies);
                    }
                    let entry = Entry {
                        value: RawValue::Text(value),
                        origin: var.origin,
                    };
                    entries.insert(name, entry);
                }
                Setting::External(reason) => {
                    entries.insert_unseen(name, Unseen::External(reason), var.origin);
                }
                Setting::Unchecked(reason) => {
                    entries.insert_unseen(name, Unseen::Unchecked(reason), var.origin);
                }
                Setting::Shaped(shape) => {
                    facts.shaped.insert(name, (shape, var.origin));
                }
                Setting::Undeployable(reason) => {
                    let undeployable = Undeployable::new(var.origin, reason, false);
                    facts.undeployable.insert(name, undeployable);
                }
                Setting::Unreadable(reason) => {
                    let undeployable = Undeployable::new(var.origin, reason, true);
                    facts.undeployable.insert(name, undeployable);
                }
            }
        }
        entries.warnings = self.warnings;
        ContainerEnv {
            entries,
            facts,
            mounts,
            from_dir: RefCell::default(),
            by_node,
        }
    }
}

impl Variables for ContainerEnv {
    fn lookup(&self, var: &VarName) -> Lookup<'_> {
        if let Some(undeployable) = self.facts.undeployable(var) {
            return undeployable;
        }
        if let Some((shape, origin)) = self.facts.shaped.get(var.name()) {
            return shape.lookup(origin);
        }
        // A `NAME_FILE` that names a file of a ConfigMap among the
        // documents: its value is known.
        if let Some(file) = self.facts.read_files.get(var.name()) {
            return file.content.lookup(&file.file_var, &file.path, |path| {
                Provenance::SecretFile {
                    file_var: file.file_var.clone(),
                    path,
                }
            });
        }
        // Its `NAME_FILE`s are the container's, never opened here.
        match self.entries.lookup(var, false) {
            Lookup::Unset => self.facts.maybe_set(var.name()).unwrap_or(Lookup::Unset),
            found => found,
        }
    }

    /// Its `NAME_FILE`s are the container's paths, never opened here.
    fn names_unopened_file(&self, var: &VarName) -> bool {
        self.entries.names_a_file(var)
    }

    fn may_be_unset(&self, var: &VarName) -> Option<String> {
        self.facts.may_be_unset(&self.entries, var)
    }

    /// A file of a ConfigMap holds what its key's node sets: the name
    /// that read the file copies every name the node sets, as a
    /// `$(NAME)` would copy it (either way, a secret's value is theirs).
    fn copying_secrets(&self, secrets: &[&str]) -> Tainted {
        let from_dir = self.from_dir.borrow();
        let by_file = self.facts.read_files.iter();
        let by_file = by_file.map(|(name, file)| (name.as_str(), file.content.node));
        let by_dir = from_dir
            .read
            .iter()
            .map(|(name, node)| (name.as_str(), *node));
        let mut reads = by_file.chain(by_dir).peekable();
        if reads.peek().is_none() {
            return self.entries.copying_secrets(secrets);
        }
        let mut copies: HashMap<String, Vec<String>> = (self.entries.copies().into_iter())
            .map(|(name, copies)| (name.to_owned(), copies.to_vec()))
            .collect();
        for (name, node) in reads {
            let key = env::node_key(node);
            copies.entry(name.to_owned()).or_default().push(key.clone());
            let names = self.by_node.get(&node).into_iter().flatten().cloned();
            copies.entry(key).or_default().extend(names);
        }
        let copies: Vec<(&str, &[String])> = (copies.iter())
            .map(|(name, copies)| (name.as_str(), copies.as_slice()))
            .collect();
        crate::secrecy::tainted(secrets, &copies)
    }

    fn warnings(&self) -> Vec<Warning> {
        self.entries.warnings()
    }

    fn set_names(&self) -> Vec<String> {
        self.names()
            .into_iter()
            .map(|(name, _)| name.to_owned())
            .collect()
    }

    /// The file named like the variable in a secrets directory, as the
    /// volumes mounted there hold it: a file of a ConfigMap among the
    /// documents gives its value; another file that the documents show is
    /// there sets the variable, from outside what is checked (its value,
    /// a Secret's, is never read); one they show is not there leaves it
    /// unset, saying why; one they cannot tell about (or that an optional
    /// source may leave out) is unseen, as an `--env-file` check sees the
    /// directory.
    fn in_secrets_dir(&self, dir: &Path, name: &str) -> DirFile<'static> {
        let dir = dir.to_string_lossy();
        let dir = dir.trim_end_matches('/');
        let path = format!("{dir}/{name}");
        let shown = Abridged::name(&path).to_string();
        let origin = || Provenance::SecretsDir {
            path: PathBuf::from(&path),
        };
        let mut from_dir = self.from_dir.borrow_mut();
        let mut note = |why: String| {
            from_dir.notes.insert(name.to_owned(), why);
            DirFile::Known(Lookup::Unset)
        };
        match self.mounts.at(&path) {
            At::NoMount => note(format!(
                "no volume is mounted at {}, where it would be read from",
                Abridged::name(dir)
            )),
            At::Missing(why) => note(why),
            At::File {
                from,
                volume,
                content: Some(content),
                ..
            } => {
                let written = format!("{from}, through {volume},");
                let read = format!("read from {shown}: {from}, in {volume}");
                from_dir
                    .plain_text
                    .insert(name.to_owned(), (written, content.at.clone()));
                from_dir.read.push((name.to_owned(), content.node));
                from_dir.notes.insert(name.to_owned(), read);
                DirFile::Known(
                    content.lookup("secrets_dir", &path, |path| Provenance::SecretsDir { path }),
                )
            }
            At::File {
                from,
                volume,
                optional: None,
                ..
            } => DirFile::Known(Lookup::External(
                format!("read from {shown}: {from}, in {volume}"),
                origin(),
            )),
            At::File {
                from,
                volume,
                optional: Some(optional),
                ..
            } => {
                from_dir
                    .optional
                    .insert(name.to_owned(), optional.to_owned());
                DirFile::Unseen(format!("read from {shown}: {from}, in {volume}"), origin())
            }
            At::Maybe {
                why,
                volume,
                optional,
            } => {
                if let Some(optional) = optional {
                    from_dir
                        .optional
                        .insert(name.to_owned(), optional.to_owned());
                }
                DirFile::Unseen(
                    format!("read from {shown}, if it is there: it is in {volume}, and {why}"),
                    origin(),
                )
            }
            At::Unreadable(reason, at) => {
                DirFile::Known(Lookup::Unusable(Unusable::Undeployable {
                    origin: at.clone(),
                    reason,
                }))
            }
        }
    }
}

impl Subject for ContainerEnv {
    fn names(&self) -> Vec<(&str, Option<Provenance>)> {
        let mut names = self.entries.names();
        names.extend(self.facts.names());
        names
    }

    fn errors(&self) -> Vec<SubjectError> {
        self.facts.errors()
    }

    fn kind(&self) -> &'static str {
        "the manifest"
    }

    fn warnings_about(&self, outcomes: &[Outcome], secrets: &Declared) -> Vec<Warning> {
        let set = |name: &str| self.entries.is_set(name);
        let mut warnings = self.facts.warnings(outcomes, secrets, set);
        let from_dir = self.from_dir.borrow();
        for outcome in outcomes {
            if secrets.is_secret(&outcome.var)
                && matches!(outcome.origin, Some(Provenance::SecretsDir { .. }))
                && let Some((written, at)) = from_dir.plain_text.get(&outcome.var)
            {
                warnings.push(Warning::SecretInPlainText {
                    at: at.clone(),
                    var: outcome.var.clone(),
                    written: written.clone(),
                });
            }
        }
        for outcome in outcomes.iter().filter(|outcome| outcome.required) {
            if let Some(optional) = from_dir.optional.get(&outcome.var) {
                warnings.push(Warning::RequiredBehindOptional {
                    var: outcome.var.clone(),
                    optional: optional.clone(),
                });
            }
        }
        warnings
    }

    fn note(&self, var: &str) -> Option<String> {
        let from_dir = || self.from_dir.borrow().notes.get(var).cloned();
        self.facts.notes.get(var).cloned().or_else(from_dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is kept of `$(NAME)` copies grows with the manifest, not with
    /// the product of its entries: each entry's list is kept once.
    #[test]
    fn copies_stay_in_proportion_to_the_manifest() {
        let mut env = String::new();
        for i in 0..1000 {
            env += &format!("    - name: N{i}\n      value: x\n");
        }
        let all: String = (0..1000).map(|i| format!("$(N{i})")).collect();
        env += &format!("    - name: A\n      value: {all}\n");
        for k in 0..1000 {
            env += &format!("    - name: B{k}\n      value: $(A)\n");
        }
        let text = format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  \
             - name: c\n    image: c:1\n    env:\n{env}"
        );
        let dir = tempfile::TempDir::new().expect("a temporary directory");
        let path = dir.path().join("pod.yaml");
        std::fs::write(&path, &text).expect("the manifest is written");
        let Ok((env, _)) = read(&path, None, &[]) else {
            panic!("the manifest reads");
        };
        let stored: usize = env.entries.copies().iter().map(|(_, c)| c.len()).sum();
        assert!(
            stored <= text.len() / 10,
            "{stored} names kept for a manifest of {} bytes",
            text.len()
        );
    }
}
