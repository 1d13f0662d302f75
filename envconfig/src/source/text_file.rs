//! Reading a whole text file that envconfig checks (a dotenv file, a
//! Kubernetes manifest): bounded, into one buffer that is wiped on drop.

use std::io::Read;

use zeroize::Zeroizing;

/// The text `reader` holds, at most `limit` bytes, without the byte order
/// mark that editors on Windows start files with; `length` is the file's
/// length if it is known (a regular file), so that the buffer is sized once
/// and no growth leaves a copy of a secret behind. A pipe is read too, up to
/// the limit like a file: `/dev/zero` or an endless pipe is refused, not read
/// until memory runs out.
pub(super) fn read_text(
    reader: impl Read,
    length: u64,
    limit: usize,
) -> Result<Zeroizing<String>, String> {
    let capacity = usize::try_from(length).map_or(limit, |length| length.min(limit)) + 1;
    let mut bytes = Zeroizing::new(Vec::with_capacity(capacity));
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > limit {
        return Err(format!(
            "it is larger than the {} MiB limit",
            limit / (1024 * 1024)
        ));
    }
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err("it is not valid UTF-8".into());
    };
    Ok(Zeroizing::new(
        text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
    ))
}
