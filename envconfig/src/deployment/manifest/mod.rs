//! `--check-env --manifest PATH` (feature `k8s`): the environment of one
//! container of a Kubernetes manifest, as the kubelet would build it, as a
//! [`Source`] to check the configuration against.
//!
//! The manifest is what a deployment applies (`helm template`, `kubectl
//! kustomize` output): a stream of YAML documents ([`yaml`]), of which the
//! pod templates and the ConfigMaps and Secrets are read ([`workload`]).
//! The chosen container's environment is built as the kubelet builds it
//! ([`env`], [`expand`], [`files`]); what only the cluster knows is set but
//! unchecked, and a Secret's values are never read.

mod env;
mod expand;
mod facts;
mod files;
mod scalar;
mod workload;
mod yaml;

use std::cell::Cell;
use std::path::Path;
use std::sync::Arc;

use zeroize::Zeroizing;

use self::env::{Env, Setting};
pub(crate) use self::facts::Facts;
use self::facts::Undeployable;
use self::workload::Manifest;
use self::yaml::Stream;
use crate::shown::Abridged;
use crate::source::text_file::read_text;
use crate::source::{Entry, RawValue, Source};

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

/// The source that `--check-env --manifest PATH [--container NAME]`
/// checks, and what it is, in words; `-` reads the manifest from stdin.
pub(crate) fn read(
    path: &Path,
    container: Option<&str>,
    secret: &[&str],
) -> Result<(Source, String), ManifestError> {
    let stdin = path == Path::new("-");
    let shown_path: Arc<Path> = Arc::from(if stdin { Path::new("<stdin>") } else { path });
    let shown = Abridged::name(&shown_path.to_string_lossy()).to_string();
    let unreadable = |reason: String| ManifestError::Unreadable(format!("{shown}: {reason}"));
    let text: Zeroizing<String> = if stdin {
        read_text(std::io::stdin().lock(), 0, MAX_MANIFEST_BYTES).map_err(unreadable)?
    } else {
        if path.is_dir() {
            return Err(ManifestError::Usage(format!(
                "--manifest {shown}: is a directory"
            )));
        }
        if !path.exists() {
            return Err(ManifestError::Usage(format!(
                "--manifest {shown}: no such file"
            )));
        }
        let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
        let length = file.metadata().map_or(0, |metadata| metadata.len());
        read_text(file, length, MAX_MANIFEST_BYTES).map_err(unreadable)?
    };
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
) -> Result<(Source, String), ManifestError> {
    let unreadable = |reason: String| ManifestError::Unreadable(format!("{shown}: {reason}"));
    let stream = Stream::parse(text, workload::is_read).map_err(|error| {
        unreadable(format!(
            "document {}, line {}: not valid YAML: {}",
            error.document,
            error.line,
            Abridged::reason(&error.reason)
        ))
    })?;
    let manifest = Manifest::new(&stream);
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
    Ok((env.into_source(), checked))
}

impl Env<'_, '_> {
    /// The environment as a source checked alone: its `NAME_FILE`s are the
    /// container's, never opened here.
    fn into_source(self) -> Source {
        let mut source = Source::empty();
        source.open_secret_files = false;
        let mut facts = self.facts;
        source.copies.extend(self.copy_lists);
        for (name, var) in self.vars {
            if var.how.plain_text.is_some() || var.how.optional.is_some() {
                facts.how_set.insert(name.clone(), var.how);
            }
            match var.setting {
                Setting::Known(value) => {
                    if !var.copies.is_empty() {
                        source.copies.insert(name.clone(), var.copies);
                    }
                    let entry = Entry {
                        value: RawValue::Text(value),
                        origin: var.origin,
                    };
                    source.vars.insert(name, entry);
                }
                Setting::Unknown(reason) => {
                    source.unchecked.insert(name, (reason, var.origin));
                }
                Setting::Undeployable(reason) => {
                    let undeployable = Undeployable {
                        origin: var.origin,
                        reason,
                        claimed: Cell::new(false),
                    };
                    facts.undeployable.insert(name, undeployable);
                }
            }
        }
        source.warnings = self.warnings;
        source.manifest = facts;
        source
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
        let Ok((source, _)) = read(&path, None, &[]) else {
            panic!("the manifest reads");
        };
        let stored: usize = source.copies.values().map(Vec::len).sum();
        assert!(
            stored <= text.len() / 10,
            "{stored} names kept for a manifest of {} bytes",
            text.len()
        );
    }
}
