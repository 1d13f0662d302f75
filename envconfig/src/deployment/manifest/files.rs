//! `NAME_FILE` in a container's environment: a path of the container, read
//! by the service at start. Under a volume mount of a Secret it is how
//! Kubernetes hands over a secret, and the variable counts as set; under no
//! volume mount, the file must come from the image, which is worth a
//! warning.

use super::env::{Env, Setting, Var};
use super::facts::HowSet;
use super::yaml::NodeId;
use crate::shown::{Abridged, REDACTED};
use crate::warning::Warning;

impl Env<'_, '_> {
    /// Each `NAME_FILE` that holds a path sets `NAME`, whose value is in
    /// the container only.
    pub(super) fn secret_files(&mut self) {
        let mut files: Vec<(String, String, Var)> = Vec::new();
        let cost = self.file_lookup_cost();
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
            let reason = match &var.setting {
                Setting::Known(path) if path.is_empty() => continue,
                Setting::Known(path) => match self.volume_at(path) {
                    // A path that copies another variable (`$(TOKEN)`) may
                    // be a secret's value: it is never shown.
                    _ if !var.copies.is_empty() => {
                        "read from a path that copies another variable's value, a file \
                         of the container"
                            .to_owned()
                    }
                    Some((volume, Some(missing))) => {
                        let setting = Setting::Undeployable(format!(
                            "{name} names {}, {volume}, which {missing}: the service cannot \
                             read it",
                            Abridged::name(shown_path(path, is_secret, true)),
                            name = Abridged::name(name),
                        ));
                        let file = Var::new(setting, var.origin.clone());
                        files.push((base.to_owned(), name.clone(), file));
                        continue;
                    }
                    Some((volume, None)) => {
                        let shown = shown_path(path, is_secret, true);
                        format!("read from {}, {volume}", Abridged::name(shown))
                    }
                    None => {
                        let known = self.parent_is_known(path);
                        let shown = shown_path(path, is_secret, known);
                        self.warnings.push(Warning::FileFromImage {
                            at: var.origin.clone(),
                            file_var: name.clone(),
                            path: shown.to_owned(),
                        });
                        format!("read from {}, a file of the image", Abridged::name(shown))
                    }
                },
                _ => continue,
            };
            let how = HowSet {
                plain_text: None,
                optional: var.how.optional.clone(),
            };
            let file = Var {
                how,
                ..Var::new(
                    Setting::External(format!("set by {name}: {reason}")),
                    var.origin.clone(),
                )
            };
            files.push((base.to_owned(), name.clone(), file));
        }
        for (base, _, file) in files {
            self.vars.insert(base, file);
        }
    }

    /// Whether the directory that holds `path`, an absolute path under no
    /// volume mount, is known to exist in the container: a mount's
    /// directory, or one that holds a mount (the runtime makes those). The
    /// root is no sign: a secret that starts with `/` is under it.
    fn parent_is_known(&self, path: &str) -> bool {
        let Some((parent, _)) = path.rsplit_once('/') else {
            return false;
        };
        if parent.is_empty() || !parent.starts_with('/') {
            return false;
        }
        let stream = self.manifest.stream;
        let mounts = stream.get(self.container.node, "volumeMounts");
        mounts
            .map_or(&[][..], |mounts| stream.items(mounts))
            .iter()
            .filter_map(|&mount| stream.get(mount, "mountPath").and_then(|p| stream.str(p)))
            .any(|mount_path| {
                let mount_path = mount_path.trim_end_matches('/');
                mount_path
                    .strip_prefix(parent)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
    }

    /// What looking one path up among the volumes costs at most: every
    /// mount, volume, and file of a Secret volume. Thousands of `NAME_FILE`
    /// entries and thousands of mounts must not make the check slow.
    fn file_lookup_cost(&self) -> usize {
        let stream = self.manifest.stream;
        let list = |map, key| {
            stream
                .get(map, key)
                .map_or(&[][..], |list| stream.items(list))
        };
        let volumes = list(self.container.pod, "volumes");
        let files: usize = volumes
            .iter()
            .filter_map(|&volume| stream.get(volume, "secret"))
            .map(|secret| match stream.get(secret, "items") {
                Some(items) => stream.items(items).len(),
                None => {
                    let name = stream.get(secret, "secretName").and_then(|n| stream.str(n));
                    let secrets = &self.manifest.secrets;
                    self.manifest
                        .find(secrets, name.unwrap_or(""), self.container)
                        .map_or(0, |index| secrets.entries(stream, index).len())
                }
            })
            .sum();
        1 + list(self.container.node, "volumeMounts").len() + volumes.len() + files
    }

    /// The volume mounted where `path` is (the deepest mount), in words:
    /// `in the Secret volume db (Secret billing-db) mounted at
    /// /run/secrets`; and, when the manifest tells that the volume has no
    /// file there, why (`is the directory where it is mounted`).
    fn volume_at(&self, path: &str) -> Option<(String, Option<String>)> {
        let stream = self.manifest.stream;
        let mounts = stream.get(self.container.node, "volumeMounts");
        let (mount_path, volume_name, mount) = mounts
            .map_or(&[][..], |mounts| stream.items(mounts))
            .iter()
            .filter_map(|&mount| {
                let mount_path = stream.get(mount, "mountPath").and_then(|p| stream.str(p))?;
                let volume = stream.get(mount, "name").and_then(|n| stream.str(n))?;
                let under = path == mount_path
                    || path
                        .strip_prefix(mount_path.trim_end_matches('/'))
                        .is_some_and(|rest| rest.starts_with('/'));
                under.then_some((mount_path, volume, mount))
            })
            .max_by_key(|(mount_path, _, _)| mount_path.len())?;
        let volumes = stream.get(self.container.pod, "volumes");
        let volume = volumes
            .map_or(&[][..], |volumes| stream.items(volumes))
            .iter()
            .copied()
            .find(|&volume| {
                stream.get(volume, "name").and_then(|n| stream.str(n)) == Some(volume_name)
            });
        let missing = volume.and_then(|volume| self.no_file_at(path, mount_path, mount, volume));
        let secret = volume.and_then(|volume| {
            let name = |node, key| stream.get(node, key).and_then(|n| stream.str(n));
            if let Some(secret) = stream.get(volume, "secret") {
                return Some(name(secret, "secretName").unwrap_or(""));
            }
            let sources = stream.get(volume, "projected")?;
            let sources = stream.get(sources, "sources")?;
            stream
                .items(sources)
                .iter()
                .find_map(|&source| stream.get(source, "secret"))
                .map(|secret| name(secret, "name").unwrap_or(""))
        });
        let (volume_name, mount_path) = (Abridged::name(volume_name), Abridged::name(mount_path));
        let volume = match secret {
            Some(secret) => format!(
                "in the Secret volume {volume_name} (Secret {}) mounted at {mount_path}",
                Abridged::name(secret)
            ),
            None => format!("in the volume {volume_name} mounted at {mount_path}"),
        };
        Some((volume, missing))
    }

    /// Why the volume `volume`, mounted by `mount` at `mount_path`, has no
    /// file at `path`, when the manifest tells: `path` is the directory
    /// where it is mounted, or, in a Secret volume, no file of its `items`
    /// (or, without `items`, no key of the Secret, when it is among the
    /// documents). `None` when there may be one.
    fn no_file_at(
        &self,
        path: &str,
        mount_path: &str,
        mount: NodeId,
        volume: NodeId,
    ) -> Option<String> {
        let stream = self.manifest.stream;
        // A `subPath` mounts one file or directory of the volume, and a
        // `hostPath` may be a file of the node: what is there is not known
        // here.
        if ["subPath", "subPathExpr"]
            .iter()
            .any(|key| stream.get(mount, key).is_some())
            || stream.get(volume, "hostPath").is_some()
        {
            return None;
        }
        let relative = path
            .strip_prefix(mount_path.trim_end_matches('/'))
            .unwrap_or("")
            .trim_start_matches('/');
        if relative.is_empty() {
            return Some("is the directory where it is mounted, not a file".to_owned());
        }
        // The kubelet's `..data` link, and paths that are not written
        // plainly (`a/../b`, `a//b`, `./a`), are left to the cluster.
        let unplain = |path: &str| {
            path.split('/')
                .any(|part| part.is_empty() || part.starts_with('.'))
        };
        if unplain(relative) {
            return None;
        }
        let secret = stream.get(volume, "secret")?;
        let str_of = |node, key| stream.get(node, key).and_then(|n| stream.str(n));
        let files: Vec<&str> = match stream.get(secret, "items") {
            Some(items) => stream
                .items(items)
                .iter()
                .filter_map(|&item| str_of(item, "path"))
                .collect(),
            None => {
                let name = str_of(secret, "secretName").unwrap_or("");
                let secrets = &self.manifest.secrets;
                let index = self.manifest.find(secrets, name, self.container)?;
                secrets
                    .entries(stream, index)
                    .into_iter()
                    .map(|(key, _)| key)
                    .collect()
            }
        };
        // An item written `./token` is the file `token`: such paths, too,
        // are left to the cluster.
        if files.contains(&relative) || files.iter().any(|file| unplain(file)) {
            return None;
        }
        let directory = files.iter().any(|file| {
            file.strip_prefix(relative)
                .is_some_and(|rest| rest.starts_with('/'))
        });
        Some(if directory {
            format!(
                "holds {} as a directory, not a file",
                Abridged::name(relative)
            )
        } else if stream.get(secret, "items").is_some() {
            format!("has no file {} among its items", Abridged::name(relative))
        } else {
            format!(
                "has no file {} (the Secret has no such key)",
                Abridged::name(relative)
            )
        })
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
