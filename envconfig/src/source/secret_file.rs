//! `NAME_FILE`: a value read from the file a variable names, as Docker and
//! Kubernetes mount secrets.

use std::io::Read;
use std::path::PathBuf;

use zeroize::Zeroizing;

use super::{Entry, Lookup, Origin, RawText, RawValue, Unusable};

/// The largest `NAME_FILE` envconfig reads; a larger file is an error rather
/// than an unbounded read (a misconfigured mount could point at a device).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

pub(super) fn read_secret_file(file_var: String, entry: &Entry) -> Lookup<'static> {
    let path = match &entry.value {
        RawValue::Text(path) => PathBuf::from(path.as_str()),
        RawValue::NotUnicode => return Lookup::Unusable(Unusable::NotUnicode),
    };
    let unreadable = |reason: String| {
        Lookup::Unusable(Unusable::FileUnreadable {
            file_var: file_var.clone(),
            path: path.clone(),
            reason,
        })
    };
    let mut file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) => return unreadable(e.to_string()),
    };
    match file.metadata() {
        Ok(meta) if meta.is_dir() => return unreadable("it is a directory".into()),
        Ok(_) => {}
        Err(e) => return unreadable(e.to_string()),
    }
    let mut bytes = Zeroizing::new(Vec::new());
    if let Err(e) = file
        .by_ref()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
    {
        return unreadable(e.to_string());
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return unreadable(format!(
            "it is larger than the {} KiB limit",
            MAX_FILE_BYTES / 1024
        ));
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(_) => return unreadable("its content is not valid UTF-8".into()),
    };
    // Editors and `echo` end files with a newline that is not part of the secret.
    let text = text
        .strip_suffix('\n')
        .map(|t| t.strip_suffix('\r').unwrap_or(t))
        .unwrap_or(text);
    let origin = Origin::SecretFile(path.clone());
    if text.is_empty() {
        return Lookup::Empty(origin);
    }
    Lookup::Value(RawText::Owned(Zeroizing::new(text.to_owned())), origin)
}
