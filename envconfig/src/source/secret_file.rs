//! `NAME_FILE`: a value read from the file a variable names, as Docker and
//! Kubernetes mount secrets.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::text_file::open_regular;
use super::{Entry, Lookup, Provenance, RawText, RawValue, Unusable};

/// The largest `NAME_FILE` envconfig reads; a larger file is an error rather
/// than an unbounded read (a misconfigured mount could point at a device).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

pub(super) fn read_secret_file(file_var: String, entry: &Entry) -> Lookup<'static> {
    let path = match &entry.value {
        RawValue::Text(path) => PathBuf::from(path.as_str()),
        RawValue::NotUnicode(bytes) => match path_from_bytes(bytes) {
            Some(path) => path,
            None => {
                return Lookup::Unusable(Unusable::FileUnreadable {
                    file_var,
                    path: PathBuf::from(String::from_utf8_lossy(bytes).into_owned()),
                    reason: "the path is not valid UTF-8".into(),
                });
            }
        },
    };
    read_at(path, file_var, true)
}

/// The file named `name` in the secrets directory `dir`
/// (`#[config(secrets_dir = "...")]`): unset when it is not there (or the
/// directory is not), read with the rules of a `NAME_FILE` when it is.
pub(crate) fn read_in_secrets_dir(dir: &Path, name: &str) -> Lookup<'static> {
    let path = dir.join(name);
    match std::fs::symlink_metadata(&path) {
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            Lookup::Unset
        }
        _ => read_at(path, "secrets_dir".to_owned(), false),
    }
}

/// The value in the file at `path`; `file_var` names what names the file,
/// in a problem, and is its origin when `named` (a `NAME_FILE`; else a
/// secrets directory). A flag rather than a function making the origin:
/// this is then compiled once, not once for each caller.
fn read_at(path: PathBuf, file_var: String, named: bool) -> Lookup<'static> {
    match read_bounded(&path) {
        Ok(bytes) => {
            let Ok(text) = std::str::from_utf8(&bytes) else {
                return Lookup::Unusable(Unusable::FileUnreadable {
                    file_var,
                    path,
                    reason: "its content is not valid UTF-8".into(),
                });
            };
            // Editors and `echo` end files with a newline that is not part of
            // the secret.
            let text = text
                .strip_suffix('\n')
                .map(|t| t.strip_suffix('\r').unwrap_or(t))
                .unwrap_or(text);
            let origin = match named {
                true => Provenance::SecretFile { file_var, path },
                false => Provenance::SecretsDir { path },
            };
            if text.is_empty() {
                return Lookup::Empty(origin);
            }
            Lookup::Value(RawText::Owned(Zeroizing::new(text.to_owned())), origin)
        }
        Err(reason) => Lookup::Unusable(Unusable::FileUnreadable {
            file_var,
            path,
            reason,
        }),
    }
}

/// The content of the regular file at `path`, at most [`MAX_FILE_BYTES`],
/// in one buffer that is wiped on drop. Anything but a regular file (after
/// symbolic links, as Kubernetes mounts secrets) is refused before it is
/// opened: opening a FIFO with no writer would block forever, and a device
/// could be read without end.
fn read_bounded(path: &Path) -> Result<Zeroizing<Vec<u8>>, String> {
    let file = open_regular(path)?;
    // 0 for a file whose size the system does not know (`/proc`), which
    // is then read up to the limit.
    let length = file.metadata().map_or(0, |metadata| metadata.len());
    super::text_file::read_bounded(file, length, MAX_FILE_BYTES)
}

/// A path that is not UTF-8 is still a path on Unix.
#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(not(unix))]
fn path_from_bytes(_: &[u8]) -> Option<PathBuf> {
    None
}
