//! Reading a whole file that envconfig reads or checks (a dotenv file, a
//! `NAME_FILE`, a Kubernetes manifest): bounded, into one buffer that is
//! wiped on drop, and only from a regular file.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use zeroize::Zeroizing;

/// The regular file at `path`, opened: anything else (after symbolic
/// links) is refused before it is opened, since opening a FIFO with no
/// writer blocks forever and a device can be read without end. Why not, in
/// words: `it is a directory`, or the system's reason (a missing file, a
/// loop of symbolic links, no permission).
pub(crate) fn open_regular(path: &Path) -> Result<File, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("{e}"))?;
    not_a_regular_file(&metadata)?;
    let file = File::open(path).map_err(|e| format!("{e}"))?;
    // The file may have been replaced between the two looks.
    not_a_regular_file(&file.metadata().map_err(|e| format!("{e}"))?)?;
    Ok(file)
}

/// Why a FIFO is refused.
const PIPE: &str = "it is a pipe, which could block";

fn not_a_regular_file(metadata: &std::fs::Metadata) -> Result<(), String> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(match special_kind(&kind) {
        _ if kind.is_dir() => "it is a directory".into(),
        Some("a pipe") => PIPE.into(),
        Some(special) => format!("it is {special}, not a regular file"),
        None => "it is not a regular file".into(),
    })
}

/// What a file that is neither regular nor a directory is, in words.
#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        Some("a pipe")
    } else if kind.is_socket() {
        Some("a socket")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("a device")
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> Option<&'static str> {
    None
}

/// The bytes `reader` holds, at most `limit`; `length` is the file's length
/// if it is known (a regular file's, which may be 0 where it is not, as in
/// `/proc`), so that the buffer is sized once. A buffer that must grow is
/// copied to a larger one and wiped, so that no growth leaves a copy of a
/// secret behind. A pipe (stdin) is read too, up to the limit like a file:
/// an endless one is refused, not read until memory runs out.
pub(crate) fn read_bounded(
    reader: impl Read,
    length: u64,
    limit: usize,
) -> Result<Zeroizing<Vec<u8>>, String> {
    let capacity = usize::try_from(length).map_or(limit, |length| length.min(limit)) + 1;
    let mut bytes = Zeroizing::new(Vec::with_capacity(capacity));
    let mut reader = reader.take(limit as u64 + 1);
    let mut chunk = Zeroizing::new([0u8; 8192]);
    loop {
        let read = match reader.read(&mut chunk[..]) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("{e}")),
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
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// That a file is larger than `limit` bytes, in words.
fn too_large(limit: usize) -> String {
    match limit {
        limit if limit > 1024 * 1024 => {
            format!("it is larger than the {} MiB limit", limit / (1024 * 1024))
        }
        limit => format!("it is larger than the {} KiB limit", limit / 1024),
    }
}

/// The bytes of the regular file at `path`, or of stdin for `-`, at most
/// `limit`.
pub(crate) fn read_file(path: &Path, limit: usize) -> Result<Zeroizing<Vec<u8>>, String> {
    if path == Path::new("-") {
        return read_bounded(std::io::stdin().lock(), 0, limit);
    }
    let file = open_regular(path)?;
    let length = file.metadata().map_or(0, |metadata| metadata.len());
    read_bounded(file, length, limit)
}

/// [`read_file`] of a path given on the command line, where `-` is stdin:
/// a pipe's refusal says to pass it that way (`<(...)` is a pipe).
pub(crate) fn read_given_file(path: &Path, limit: usize) -> Result<Zeroizing<Vec<u8>>, String> {
    read_file(path, limit).map_err(|reason| match reason == PIPE {
        true => format!("{PIPE}: pass it on stdin as `-`"),
        false => reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pipe's length is not known: the buffer grows from one byte, in
    /// chunks, and keeps every byte.
    #[test]
    fn a_pipe_is_read_whole_through_every_growth() {
        let text: String = (0..50_000).map(|i| format!("L{i}=v\n")).collect();
        let read = read_bounded(text.as_bytes(), 0, 1 << 20).expect("the text is read");
        assert_eq!(&read[..], text.as_bytes());
        let larger = read_bounded(text.as_bytes(), 0, 1000);
        assert!(larger.is_err_and(|e| e.contains("larger than")));
    }

    /// Only a regular file is opened: a FIFO with no writer would block,
    /// a device would never end; a loop of links is said as the system
    /// says it, not as a missing file.
    #[cfg(unix)]
    #[test]
    fn only_a_regular_file_is_opened() {
        let dir = tempfile::TempDir::new().expect("a temporary directory");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|status| status.success()) {
            let error = read_file(&fifo, 1024).expect_err("a FIFO is refused");
            assert_eq!(error, "it is a pipe, which could block");
            // Given on the command line, it could have been stdin.
            let error = read_given_file(&fifo, 1024).expect_err("a FIFO is refused");
            assert_eq!(
                error,
                "it is a pipe, which could block: pass it on stdin as `-`"
            );
        }
        let error = read_file(Path::new("/dev/zero"), 1024).expect_err("a device");
        assert_eq!(error, "it is a device, not a regular file");
        assert_eq!(
            read_file(dir.path(), 1024).expect_err("a directory"),
            "it is a directory"
        );
        let error = read_file(&dir.path().join("missing"), 1024).expect_err("missing");
        assert!(error.starts_with("No such file or directory"), "{error}");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::os::unix::fs::symlink(&b, &a).expect("a link");
        std::os::unix::fs::symlink(&a, &b).expect("a link");
        let error = read_file(&a, 1024).expect_err("a loop");
        assert!(error.contains("symbolic links"), "{error}");
    }

    /// A file whose size the system does not know (`/proc`) is read whole.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_of_size_zero_is_read_whole() {
        let bytes = read_file(Path::new("/proc/self/status"), 1 << 20).expect("read");
        assert!(bytes.starts_with(b"Name:"), "{:?}", &bytes[..10]);
    }
}
