//! Reading a whole text file that envconfig checks (a dotenv file, a
//! Kubernetes manifest): bounded, into one buffer that is wiped on drop.

use std::io::Read;

use zeroize::Zeroizing;

/// The text `reader` holds, at most `limit` bytes, without the byte order
/// mark that editors on Windows start files with; `length` is the file's
/// length if it is known (a regular file), so that the buffer is sized once.
/// A buffer that must grow is copied to a larger one and wiped, so that no
/// growth leaves a copy of a secret behind. A pipe is read too, up to
/// the limit like a file: `/dev/zero` or an endless pipe is refused, not read
/// until memory runs out.
pub(crate) fn read_text(
    reader: impl Read,
    length: u64,
    limit: usize,
) -> Result<Zeroizing<String>, String> {
    let capacity = usize::try_from(length).map_or(limit, |length| length.min(limit)) + 1;
    let mut bytes = Zeroizing::new(Vec::with_capacity(capacity));
    let mut reader = reader.take(limit as u64 + 1);
    let mut chunk = Zeroizing::new([0u8; 8192]);
    loop {
        let read = match reader.read(&mut chunk[..]) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.to_string()),
        };
        if bytes.len() + read > bytes.capacity() {
            // Grown by hand (a pipe's length is not known): a `Vec`'s own
            // growth would free the old buffer without wiping it.
            let wanted = (bytes.capacity() * 2).max(bytes.len() + read);
            let mut grown = Zeroizing::new(Vec::with_capacity(wanted));
            grown.extend_from_slice(&bytes);
            bytes = grown;
        }
        bytes.extend_from_slice(&chunk[..read]);
    }
    if bytes.len() > limit {
        return Err(format!(
            "it is larger than the {} MiB limit",
            limit / (1024 * 1024)
        ));
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(error) => {
            let line = 1 + bytes[..error.valid_up_to()]
                .iter()
                .filter(|&&byte| byte == b'\n')
                .count();
            return Err(format!("line {line} is not valid UTF-8"));
        }
    };
    Ok(Zeroizing::new(
        text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pipe's length is not known: the buffer grows from one byte, in
    /// chunks, and keeps every byte.
    #[test]
    fn a_pipe_is_read_whole_through_every_growth() {
        let text: String = (0..50_000).map(|i| format!("L{i}=v\n")).collect();
        let read = read_text(text.as_bytes(), 0, 1 << 20).expect("the text is read");
        assert_eq!(read.as_str(), text);
        let larger = read_text(text.as_bytes(), 0, 1000);
        assert!(larger.is_err_and(|e| e.contains("larger than")));
        let with_bom = format!("\u{feff}{text}");
        let read = read_text(with_bom.as_bytes(), 0, 1 << 20).expect("the text is read");
        assert_eq!(read.as_str(), text);
    }

    /// Which line is not UTF-8, so that an operator can find it.
    #[test]
    fn the_line_that_is_not_utf8_is_named() {
        let bytes = b"A=1\nB=2\nC=\xff\n";
        let error = read_text(&bytes[..], 0, 1 << 20).expect_err("not UTF-8");
        assert_eq!(error, "line 3 is not valid UTF-8");
    }
}
