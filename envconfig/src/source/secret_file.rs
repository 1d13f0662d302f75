//! `NAME_FILE`: a value read from the file a variable names, as Docker and
//! Kubernetes mount secrets.

use std::fs::File;
use std::io::Read;
use std::path::PathBuf;

use zeroize::Zeroizing;

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
            let origin = Provenance::SecretFile { file_var, path };
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
/// in one buffer that is wiped on drop: it is never grown, since growing
/// would leave an unwiped copy behind.
///
/// Anything but a regular file (after symlinks, as Kubernetes mounts
/// secrets) is refused before it is opened: opening a FIFO with no writer
/// would block forever, and a device could be read without end.
fn read_bounded(path: &std::path::Path) -> Result<Zeroizing<Vec<u8>>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    not_a_regular_file(&metadata)?;
    let mut file = File::open(path).map_err(|e| e.to_string())?;
    // The file may have been replaced between the two looks.
    let metadata = file.metadata().map_err(|e| e.to_string())?;
    not_a_regular_file(&metadata)?;
    // One byte more than the limit tells a file at the limit from a larger
    // one; a file that grew since `metadata` is read up to the buffer.
    let expected = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
    let capacity = expected.min(MAX_FILE_BYTES) + 1;
    let mut bytes = Zeroizing::new(vec![0u8; capacity]);
    let mut filled = 0;
    while filled < capacity {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    if filled > MAX_FILE_BYTES {
        return Err(format!(
            "it is larger than the {} KiB limit",
            MAX_FILE_BYTES / 1024
        ));
    }
    if filled == capacity {
        return Err("it changed while it was read".into());
    }
    bytes.truncate(filled);
    Ok(bytes)
}

fn not_a_regular_file(metadata: &std::fs::Metadata) -> Result<(), String> {
    if metadata.is_dir() {
        Err("it is a directory".into())
    } else if !metadata.is_file() {
        Err("it is not a regular file (a FIFO, a socket or a device)".into())
    } else {
        Ok(())
    }
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
