//! `NAME_FILE` in a container's environment: a path of the container, read
//! by the service at start. Under a volume mount of a Secret it is how
//! Kubernetes hands over a secret, and the variable counts as set; under no
//! volume mount, the file must come from the image, which is worth a
//! warning.

use super::env::{Env, Setting, Var};
use super::facts::HowSet;
use crate::shown::Abridged;

impl Env<'_, '_> {
    /// Each `NAME_FILE` that holds a path sets `NAME`, whose value is in
    /// the container only.
    pub(super) fn secret_files(&mut self) {
        let mut files: Vec<(String, String, Var)> = Vec::new();
        for (name, var) in &self.vars {
            let Some(base) = name.strip_suffix("_FILE") else {
                continue;
            };
            // Both set is the variable's problem, as anywhere else.
            if base.is_empty() || self.vars.contains_key(base) {
                continue;
            }
            let reason = match &var.setting {
                Setting::Known(path) if path.is_empty() => continue,
                Setting::Known(path) => match self.volume_at(path) {
                    Some(volume) => {
                        format!("read from {}, {volume}", Abridged::name(path))
                    }
                    None => {
                        self.warnings.push(format!(
                            "{}: {} names {}, which no volume of the container mounts: \
                             the file must be in the image",
                            var.origin.label(name),
                            Abridged::name(name),
                            Abridged::name(path)
                        ));
                        format!("read from {}, a file of the image", Abridged::name(path))
                    }
                },
                _ => continue,
            };
            let how = HowSet {
                plain_text: None,
                optional: var.how.optional.clone(),
            };
            let file = Var {
                setting: Setting::Unknown(format!("set by {name}: {reason}")),
                origin: var.origin.clone(),
                copies: Vec::new(),
                node: None,
                how,
            };
            files.push((base.to_owned(), name.clone(), file));
        }
        for (base, _, file) in files {
            self.vars.insert(base, file);
        }
    }

    /// The volume mounted where `path` is (the deepest mount), in words:
    /// `in the Secret volume db (Secret billing-db) mounted at
    /// /run/secrets`.
    fn volume_at(&self, path: &str) -> Option<String> {
        let stream = self.manifest.stream;
        let mounts = stream.get(self.container.node, "volumeMounts");
        let (mount_path, volume_name) = mounts
            .map_or(&[][..], |mounts| stream.items(mounts))
            .iter()
            .filter_map(|&mount| {
                let mount_path = stream.get(mount, "mountPath").and_then(|p| stream.str(p))?;
                let volume = stream.get(mount, "name").and_then(|n| stream.str(n))?;
                let under = path == mount_path
                    || path
                        .strip_prefix(mount_path.trim_end_matches('/'))
                        .is_some_and(|rest| rest.starts_with('/'));
                under.then_some((mount_path, volume))
            })
            .max_by_key(|(mount_path, _)| mount_path.len())?;
        let volumes = stream.get(self.container.pod, "volumes");
        let volume = volumes
            .map_or(&[][..], |volumes| stream.items(volumes))
            .iter()
            .copied()
            .find(|&volume| {
                stream.get(volume, "name").and_then(|n| stream.str(n)) == Some(volume_name)
            });
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
        Some(match secret {
            Some(secret) => format!(
                "in the Secret volume {volume_name} (Secret {}) mounted at {mount_path}",
                Abridged::name(secret)
            ),
            None => format!("in the volume {volume_name} mounted at {mount_path}"),
        })
    }
}
