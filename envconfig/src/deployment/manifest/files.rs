//! `NAME_FILE` in a container's environment: a path of the container, read
//! by the service at start. Under a volume mount of a Secret it is how
//! Kubernetes hands over a secret, and the variable counts as set; under a
//! mount of a ConfigMap among the documents, the file's value is known and
//! checked; under no volume mount, the file must come from the image,
//! which is worth a warning.

use std::borrow::Cow;

use super::env::{Env, Setting, Var};
use super::facts::{HowSet, ReadFile};
use super::mounts::At;
use crate::shown::{Abridged, REDACTED};
use crate::warning::Warning;

impl Env<'_, '_> {
    /// Each `NAME_FILE` that holds a path sets `NAME`, whose value is in
    /// the container only: the volume mounted there says whether the file
    /// is there, as it says for a secrets directory.
    pub(super) fn secret_files(&mut self) {
        let mounts = &self.mounts;
        let cost = mounts.lookup_cost();
        let mut files: Vec<(String, Var)> = Vec::new();
        for (name, var) in &self.vars {
            let Some(base) = name.strip_suffix("_FILE") else {
                continue;
            };
            // Both set is the variable's problem, as anywhere else.
            if base.is_empty() || self.vars.contains_key(base) {
                continue;
            }
            if !self.budget.charge(cost) {
                break;
            }
            let is_secret = self.secret.contains(&base);
            let Setting::Known(path) = &var.setting else {
                continue;
            };
            if path.is_empty() {
                continue;
            }
            // A path under a mount is a path, which the operator needs to
            // fix the mount; one that is not absolute may be the secret
            // itself, and is never shown.
            let shown = shown_path(path, is_secret, true);
            let file_var = Abridged::name(name);
            let mut optional = var.how.optional.clone();
            // `..` through a mount point is resolved as Linux resolves it;
            // through anything else, what is there is the cluster's to say.
            let dots = path.split('/').any(|part| part == "..");
            let looked_up = match dots {
                true => mounts.through_mount_points(path).map(Cow::Owned),
                false => Some(Cow::Borrowed(path.as_str())),
            };
            let reason = match looked_up.as_deref().map(|at| mounts.at(at)) {
                // A path that copies another variable (`$(TOKEN)`) may be a
                // secret's value: it is never shown.
                _ if !var.copies.is_empty() => {
                    "read from a path that copies another variable's value, a file of the \
                     container"
                        .to_owned()
                }
                None => {
                    format!(
                        "read from {}, a file of the container",
                        Abridged::name(shown)
                    )
                }
                Some(At::Missing(why) | At::Unreadable(why, _)) => {
                    let why = match shown != REDACTED {
                        true => why,
                        false => "it names no file of the container".to_owned(),
                    };
                    let setting = Setting::Unreadable(format!(
                        "{file_var}: {why}; the service cannot read it"
                    ));
                    let file = Var::new(setting, var.origin.clone());
                    files.push((base.to_owned(), file));
                    continue;
                }
                Some(At::File {
                    from,
                    volume,
                    content: Some(content),
                    ..
                }) => {
                    let read = format!(
                        "set by {name}: read from {}: {from}, in {volume}",
                        Abridged::name(shown)
                    );
                    self.facts.notes.insert(base.to_owned(), read);
                    let how = HowSet {
                        plain_text: is_secret
                            .then(|| (format!("{from}, through {volume},"), content.at.clone())),
                        optional: var.how.optional.clone(),
                    };
                    if how.plain_text.is_some() || how.optional.is_some() {
                        self.facts.how_set.insert(base.to_owned(), how);
                    }
                    let file = ReadFile {
                        file_var: name.clone(),
                        path: path.to_string(),
                        content: content.clone(),
                    };
                    self.facts.read_files.insert(base.to_owned(), file);
                    continue;
                }
                Some(At::File {
                    from,
                    volume,
                    optional: source,
                    ..
                }) => {
                    optional = optional.or(source.map(str::to_owned));
                    format!("read from {}: {from}, in {volume}", Abridged::name(shown))
                }
                Some(At::Maybe {
                    why,
                    volume,
                    optional: source,
                }) => {
                    optional = optional.or(source.map(str::to_owned));
                    format!(
                        "read from {}, if it is there: it is in {volume}, and {why}",
                        Abridged::name(shown)
                    )
                }
                Some(At::NoMount) => {
                    let known = looked_up
                        .as_deref()
                        .is_some_and(|at| mounts.parent_is_known(at));
                    let shown = shown_path(path, is_secret, known);
                    self.warnings.push(Warning::FileFromImage {
                        at: var.origin.clone(),
                        file_var: name.clone(),
                        path: shown.to_owned(),
                    });
                    format!("read from {}, a file of the image", Abridged::name(shown))
                }
            };
            let how = HowSet {
                plain_text: None,
                optional,
            };
            let file = Var {
                how,
                ..Var::new(
                    Setting::External(format!("set by {name}: {reason}")),
                    var.origin.clone(),
                )
            };
            files.push((base.to_owned(), file));
        }
        for (base, file) in files {
            self.vars.insert(base, file);
        }
    }
}

/// The path a secret's `NAME_FILE` names, as a report shows it: when it is
/// absolute and its directory is known to exist (`known`), it is a path,
/// which the operator needs to fix the mount; otherwise it may be the
/// secret itself, pasted into `NAME_FILE` by mistake, and shows as
/// `<redacted>` (the manifest's line, which is shown, is where to look).
/// The container's file system is not here: only the volume mounts tell
/// which directories exist.
fn shown_path(path: &str, is_secret: bool, known: bool) -> &str {
    if !is_secret || (known && path.starts_with('/')) {
        path
    } else {
        REDACTED
    }
}
