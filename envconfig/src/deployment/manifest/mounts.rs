//! What the container's volume mounts put at a path, as the kubelet writes
//! the volumes: where a `secrets_dir` looks for a variable's file.
//!
//! A `secret` or `configMap` volume (or a `projected` one's sources) holds
//! one file per key, named by the key, or, with `items`, only the listed
//! keys at their `path`s; a key that `items` lists and the object lacks
//! keeps the container from starting, unless the source is `optional`
//! (kubelet `MakePayload`, pkg/volume/secret and pkg/volume/configmap). A
//! `downwardAPI` source writes its `items`, a `serviceAccountToken` its
//! `path`. An `emptyDir` is empty unless another container of the pod
//! mounts it, and what other volumes (`hostPath`, a CSI driver, a claim)
//! hold is not in the documents. A mount's `subPath` shows a part of the
//! volume (an empty directory the kubelet makes, when the volume does not
//! hold it). What a file holds is known when a ConfigMap among the documents
//! writes it, and is then read as the service reads a file; a Secret's
//! never is.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::volumes::{Builder, Content, Held, Volume, plain};
use super::workload::{Container, Manifest};
use super::yaml::NodeId;
use crate::order::sorted_by;
use crate::provenance::Provenance;
use crate::shown::Abridged;
use crate::source::{Lookup, RawText, Unusable};

/// The container's volume mounts, with what each volume holds.
#[derive(Default)]
pub(crate) struct Mounts {
    mounts: Vec<Mount>,
}

struct Mount {
    /// `mountPath`, as [`absolute`] writes it: `""` for the root.
    path: String,
    /// The part of the volume that is mounted: `Part::Path("")` for all.
    part: Part,
    volume: Arc<Volume>,
}

enum Part {
    /// `subPath` (empty without one), written plainly.
    Path(String),
    /// `subPathExpr`: the container's environment decides it.
    Expr,
}

/// What is at a path of the container.
pub(crate) enum At<'a> {
    /// No volume is mounted there, nor above it.
    NoMount,
    /// A file of a volume: from where (in words), in which volume, and,
    /// when it may be missing, the optional source it depends on; what it
    /// holds, when a ConfigMap among the documents writes it.
    File {
        from: String,
        volume: &'a str,
        optional: Option<&'a str>,
        content: Option<&'a Arc<Content>>,
    },
    /// A file the volume may hold: why its files are not known, and, if
    /// that depends on an optional source, it in words.
    Maybe {
        why: &'a str,
        volume: &'a str,
        optional: Option<&'a str>,
    },
    /// The volume has no file there: why.
    Missing(String),
    /// Something the service cannot read as a file, or a volume that keeps
    /// the container from starting: why, and where it is declared.
    Unreadable(String, &'a Provenance),
}

impl Mounts {
    /// What the mounts of `container` hold; `origin` says where a node of
    /// the manifest is, for a problem.
    pub(super) fn new<'s>(
        manifest: &Manifest<'s>,
        container: &Container<'s>,
        origin: &dyn Fn(NodeId) -> Provenance,
    ) -> Mounts {
        let stream = manifest.stream;
        let list = |node, key| stream.get(node, key).map_or(&[][..], |l| stream.items(l));
        let str_of = |node, key| stream.get(node, key).and_then(|v| stream.str(v));
        let volumes: HashMap<&str, NodeId> = list(container.pod, "volumes")
            .iter()
            .filter_map(|&volume| Some((str_of(volume, "name")?, volume)))
            .collect();
        let claims: HashMap<&str, NodeId> =
            manifest.claim_templates(container).into_iter().collect();
        let mut builder = Builder::new(manifest, container, origin);
        let mut built: HashMap<&str, Arc<Volume>> = HashMap::new();
        let mut mounts = Vec::new();
        for &mount in list(container.node, "volumeMounts") {
            let (Some(path), Some(name)) = (str_of(mount, "mountPath"), str_of(mount, "name"))
            else {
                continue;
            };
            let volume = built.entry(name).or_insert_with(|| {
                Arc::new(match (claims.get(name), volumes.get(name)) {
                    (Some(&claim), _) => Volume::claim(name, origin(claim)),
                    (None, Some(&node)) => builder.volume(name, node),
                    (None, None) => Volume::broken(
                        format!("the volume {}", Abridged::name(name)),
                        origin(mount),
                        format!(
                            "the pod has no volume {}: the API server rejects the pod",
                            Abridged::name(name)
                        ),
                    ),
                })
            });
            let part = if stream.get(mount, "subPathExpr").is_some() {
                Part::Expr
            } else {
                Part::Path(plain(str_of(mount, "subPath").unwrap_or("")))
            };
            mounts.push(Mount {
                path: absolute(path),
                part,
                volume: volume.clone(),
            });
        }
        Mounts { mounts }
    }

    /// What looking one path up costs at most: every mount, and every file
    /// that a volume's `items` name (a directory's files are looked
    /// through). Thousands of `NAME_FILE` entries and thousands of mounts
    /// or items must not make the check slow.
    pub(super) fn lookup_cost(&self) -> usize {
        let volumes: Vec<&Arc<Volume>> = self.mounts.iter().map(|m| &m.volume).collect();
        let mut volumes = sorted_by(volumes, |volume| (&[], Arc::as_ptr(volume).addr()));
        volumes.dedup_by_key(|volume| Arc::as_ptr(volume));
        let files: usize = volumes.iter().map(|volume| volume.files.len()).sum();
        1 + self.mounts.len() + files
    }

    /// Whether the directory that holds `path`, an absolute path under no
    /// volume mount, is known to exist in the container: a mount's
    /// directory, or one that holds a mount (the runtime makes those). The
    /// root is no sign: a secret that starts with `/` is under it.
    pub(super) fn parent_is_known(&self, path: &str) -> bool {
        let path = absolute(path);
        let Some((parent, _)) = path.rsplit_once('/') else {
            return false;
        };
        if parent.is_empty() || !parent.starts_with('/') {
            return false;
        }
        self.mounts.iter().any(|mount| {
            mount
                .path
                .strip_prefix(parent)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }

    /// `path` with each `..` that leaves a mount point taken back, as Linux
    /// takes it: a mount point is a directory, and its `..` is the
    /// directory it is in (`/etc/billing/../billing/key` is
    /// `/etc/billing/key`; `/etc/billing/../key` is out of the volume). A
    /// `..` after a directory that a volume's `items` write is its parent
    /// there (see [`Mounts::volume_directory`]). A `..` after any other
    /// component, which may be a link of the image, a file of the volume
    /// or a directory that only the cluster knows, is the container's file
    /// system's to resolve: `None`, as for a path that is not absolute.
    pub(super) fn through_mount_points(&self, path: &str) -> Option<String> {
        if !path.starts_with('/') {
            return None;
        }
        let mut parts: Vec<&str> = Vec::new();
        // In the kubelet's own directory of a whole volume's files, which
        // is in the mount point: its `..` is the mount point.
        let mut in_payload = false;
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." if parts.is_empty() => {}
                ".." if in_payload => in_payload = false,
                ".." => {
                    let here = format!("/{}", parts.join("/"));
                    let directory = self.volume_directory(&here);
                    if directory.is_none() && !self.mounts.iter().any(|m| m.path == here) {
                        return None;
                    }
                    parts.pop();
                    let there = format!("/{}", parts.join("/"));
                    in_payload = directory == Some(there);
                }
                part => {
                    in_payload = false;
                    parts.push(part);
                }
            }
        }
        // A last `..` names a directory, as a last `/` does.
        let directory = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
        let trailing = if directory { "/" } else { "" };
        Some(format!("/{}{trailing}", parts.join("/")))
    }

    /// The mount point of the volume in which `path` is a directory of
    /// the files its `items` write: every directory the kubelet writes is
    /// a directory (the links are its first names, `..data` and the
    /// volume's top level), so a `..` in one is its parent. A volume that
    /// is mounted whole has the mount point's path, one mounted with a
    /// `subPath` none (its `..` at the top is the mount point's).
    fn volume_directory(&self, path: &str) -> Option<String> {
        let (mount, relative) = self
            .mounts
            .iter()
            .filter_map(|mount| {
                let rest = path.strip_prefix(&mount.path)?.strip_prefix('/')?;
                Some((mount, rest))
            })
            .max_by_key(|(mount, _)| mount.path.len())?;
        let Part::Path(part) = &mount.part else {
            return None;
        };
        let prefix = match part.is_empty() {
            true => format!("{relative}/"),
            false => format!("{part}/{relative}/"),
        };
        let volume = &*mount.volume;
        let directory = volume.broken.is_none()
            && !relative.is_empty()
            && volume.files.keys().any(|file| file.starts_with(&prefix));
        directory.then(|| match part.is_empty() {
            true => mount.path.clone(),
            false => String::new(),
        })
    }

    /// What is at `path`, an absolute path of the container: the deepest
    /// mount at or above it decides.
    pub(crate) fn at(&self, path: &str) -> At<'_> {
        let at = self.at_absolute(path, &absolute(path));
        // Linux opens `file/` only when `file` is a directory (ENOTDIR
        // otherwise), and a directory is no file to read: such a path
        // names no file, whatever is mounted there.
        let trailing = path.ends_with('/') || path.ends_with("/.");
        match at {
            At::File { .. } | At::Maybe { .. } if trailing => At::Missing(format!(
                "{} ends in `/`, which names a directory: the file the service reads is not there",
                Abridged::name(path)
            )),
            at => at,
        }
    }

    /// What is at `path`, written `absolute` as [`absolute`] writes it.
    fn at_absolute(&self, path: &str, absolute: &str) -> At<'_> {
        let Some((mount, relative)) = self
            .mounts
            .iter()
            .filter_map(|mount| {
                let rest = absolute.strip_prefix(&mount.path)?;
                match rest.strip_prefix('/') {
                    Some(rest) => Some((mount, rest)),
                    None if rest.is_empty() => Some((mount, "")),
                    None => None,
                }
            })
            .max_by_key(|(mount, _)| mount.path.len())
        else {
            return At::NoMount;
        };
        let volume = &*mount.volume;
        if let Some(why) = &volume.broken {
            return At::Unreadable(why.clone(), &volume.origin);
        }
        let in_volume = match &mount.part {
            Part::Expr => {
                return At::Maybe {
                    why: "the mount's subPathExpr depends on the container's environment",
                    volume: &volume.what,
                    optional: None,
                };
            }
            Part::Path(part) => match (part.as_str(), plain(relative)) {
                ("", relative) => relative,
                (part, relative) if relative.is_empty() => part.to_owned(),
                (part, relative) => format!("{part}/{relative}"),
            },
        };
        // The kubelet writes these volumes' files in a directory of its own
        // (`..2024_01_01_...`), through a link `..data` to it, and links
        // each file to `..data/<file>`: a path through either is the file.
        let in_volume = match in_volume.split_once('/') {
            Some((first, rest)) if first.starts_with("..") && first != ".." => rest.to_owned(),
            _ => in_volume,
        };
        let mounted_at = Abridged::name(&mount.path);
        if in_volume.is_empty() {
            return At::Unreadable(
                format!(
                    "{} is where {} is mounted: a directory, not a file",
                    Abridged::name(path),
                    volume.what
                ),
                &volume.origin,
            );
        }
        if let Some(file) = volume.files.get(&in_volume) {
            return At::File {
                from: file.from.clone(),
                volume: &volume.what,
                optional: file.optional.as_deref(),
                content: file.content.as_ref(),
            };
        }
        if let Some((content, from)) = volume
            .whole
            .iter()
            .rev()
            .find_map(|(keys, from)| Some((keys.get(&in_volume)?, from)))
        {
            return At::File {
                from: format!("{from} (key {})", Abridged::name(&in_volume)),
                volume: &volume.what,
                optional: None,
                content: content.as_ref(),
            };
        }
        let prefix = format!("{in_volume}/");
        if volume.files.keys().any(|file| file.starts_with(&prefix)) {
            return At::Unreadable(
                format!(
                    "{} is a directory of {} (mounted at {mounted_at}), not a file",
                    Abridged::name(path),
                    volume.what
                ),
                &volume.origin,
            );
        }
        if let Some((why, optional)) = volume.unknown.last() {
            return At::Maybe {
                why,
                volume: &volume.what,
                optional: optional.as_deref(),
            };
        }
        // A subPath the volume does not hold is made an empty directory
        // before the container starts (kubelet `makeMounts`).
        if let Part::Path(part) = &mount.part
            && !part.is_empty()
            && !holds(volume, part)
        {
            let what = match in_volume == *part {
                true => "is an empty directory, not a file",
                false => "is not there, in an empty directory",
            };
            return At::Missing(format!(
                "{} {what}: {} is mounted at {mounted_at} with subPath {}, and {}, so the \
                 kubelet mounts an empty directory there",
                Abridged::name(path),
                volume.what,
                Abridged::name(part),
                volume.otherwise
            ));
        }
        At::Missing(format!(
            "{} is not there: {} is mounted at {mounted_at}, and {}",
            Abridged::name(path),
            volume.what,
            volume.otherwise
        ))
    }
}

/// Whether `volume` has a file or a directory at `part`, a path in it.
fn holds(volume: &Volume, part: &str) -> bool {
    // Through the kubelet's `..data` link, as in [`Mounts::at`].
    let part = match part.split_once('/') {
        Some((first, rest)) if first.starts_with("..") && first != ".." => rest,
        _ => part,
    };
    let prefix = format!("{part}/");
    volume
        .files
        .keys()
        .any(|file| file == part || file.starts_with(&prefix))
        || volume.whole.iter().any(|(keys, _)| keys.contains_key(part))
}

/// A path of the container as Linux resolves it: `//a`, `/a//b/` and
/// `/a/./b` are `/a/b`, the root is `""`. `..` is kept: it may cross a
/// link, which only the container's file system resolves. A path that is
/// not absolute is kept as written, under no mount.
fn absolute(path: &str) -> String {
    if !path.starts_with('/') {
        return path.to_owned();
    }
    let plain = plain(path);
    match plain.is_empty() {
        true => String::new(),
        false => format!("/{plain}"),
    }
}

impl Content {
    /// The file as the service reads it (the rules of a `NAME_FILE`):
    /// UTF-8, one final newline dropped. `file_var` names what names the
    /// file, `path` is where it is read, and `origin` makes its origin of
    /// the path.
    pub(super) fn lookup(
        &self,
        file_var: &str,
        path: &str,
        origin: impl FnOnce(PathBuf) -> Provenance,
    ) -> Lookup<'static> {
        let text = match &self.held {
            Held::Text(text) => text.as_str(),
            Held::Bytes(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    return Lookup::Unusable(Unusable::FileUnreadable {
                        file_var: file_var.to_owned(),
                        path: PathBuf::from(path),
                        reason: "its content is not valid UTF-8".into(),
                    });
                }
            },
            Held::Rejected(reason) => {
                return Lookup::Unusable(Unusable::Undeployable {
                    origin: self.at.clone(),
                    reason: reason.clone(),
                });
            }
        };
        let text = text
            .strip_suffix('\n')
            .map(|t| t.strip_suffix('\r').unwrap_or(t))
            .unwrap_or(text);
        let origin = origin(PathBuf::from(path));
        match text.is_empty() {
            true => Lookup::Empty(origin),
            false => Lookup::Value(RawText::Owned(Zeroizing::new(text.to_owned())), origin),
        }
    }
}
