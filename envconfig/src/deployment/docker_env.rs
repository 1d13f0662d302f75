//! The entries of a file as `docker run --env-file` reads it: for each
//! line that sets a variable, its line, its name, and its value or why
//! docker refuses the file there, in words that never quote the line.
//!
//! The grammar is docker/cli's `parseKeyValueFile` (`pkg/kvfile`, earlier
//! `opts/file.go`), whose answers docker 28.2.2 gave for the cases in the
//! tests:
//!
//! - Lines end at `\n`, and one `\r` before it (or before the end of the
//!   file) is dropped. A line of 64 KiB or more (counting a `\r` and, on
//!   the first line, a byte order mark) stops docker's reader.
//! - A line that is not UTF-8 is refused, a comment too.
//! - A byte order mark that starts the file is skipped.
//! - Each line is trimmed of its leading blanks (any Unicode whitespace);
//!   then an empty line, or one that starts with `#`, is skipped. A `#`
//!   anywhere else is text.
//! - `NAME=VALUE` splits at the first `=`: the value is everything after it,
//!   verbatim (quotes, `$`, blanks and all). The name may be anything but
//!   empty or holding a space or tab (`1A`, `A-B`, `é` are names to docker).
//! - A bare `NAME` (no `=`) takes its value from the environment of the
//!   shell that runs `docker run`; where that has none, docker leaves the
//!   variable out.
//!
//! docker refuses the whole file at its first bad line; [`parse`] goes on,
//! so that every bad line is reported. One refusal is envconfig's own: a
//! NUL byte, which docker passes on but which no process environment can
//! hold (kvfile's documentation rules it out of names).

use zeroize::Zeroizing;

/// One entry of the file: a line that sets a variable, or that docker
/// refuses. Blank lines and comments have none.
pub(crate) struct DockerEntry<'a> {
    /// The 1-based line.
    pub line: usize,
    /// The variable's name; for a refused line, when what precedes its
    /// first `=` is a name all the same.
    pub name: Option<&'a str>,
    /// The value, or why docker refuses the line, in plain words that never
    /// quote it.
    pub value: Result<DockerValue, &'static str>,
}

/// What a variable of the file is set to.
pub(crate) enum DockerValue {
    /// `NAME=VALUE`: the value as written.
    Literal(Zeroizing<String>),
    /// A bare `NAME`: whatever the shell that runs `docker run` has, if
    /// anything.
    FromDeployingShell,
}

/// Why docker refuses a line.
pub(crate) mod reason {
    pub(crate) const NOT_UTF8: &str = "not valid UTF-8";
    pub(crate) const TOO_LONG: &str = "a line of 64 KiB or more, which docker does not read";
    pub(crate) const NO_NAME: &str = "no name before `=`";
    pub(crate) const BLANK_IN_NAME: &str =
        "a space or tab in the name (docker reads the name up to the first `=`)";
    pub(crate) const NUL: &str = "a NUL byte, which no process environment can hold";
}

/// The longest line docker reads, its `\r` included: `bufio.Scanner`'s
/// `MaxScanTokenSize` less the newline.
const MAX_LINE_BYTES: usize = 64 * 1024 - 1;

const BYTE_ORDER_MARK: &[u8] = b"\xef\xbb\xbf";

/// The entries of a file, in order.
pub(crate) fn parse(bytes: &[u8]) -> Vec<DockerEntry<'_>> {
    let mut entries = Vec::new();
    let mut rest = bytes;
    let mut line = 0;
    while !rest.is_empty() {
        line += 1;
        let (raw, after) = match rest.iter().position(|&byte| byte == b'\n') {
            Some(newline) => (&rest[..newline], &rest[newline + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        rest = after;
        // docker measures the line before it drops the `\r` and the mark.
        let too_long = raw.len() > MAX_LINE_BYTES;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let raw = match line {
            1 => raw.strip_prefix(BYTE_ORDER_MARK).unwrap_or(raw),
            _ => raw,
        };
        if let Some(entry) = parse_line(line, raw, too_long) {
            entries.push(entry);
        }
    }
    entries
}

/// One line, without its line end: `None` for a blank line or a comment.
fn parse_line(line: usize, raw: &[u8], too_long: bool) -> Option<DockerEntry<'_>> {
    let text = match std::str::from_utf8(raw) {
        Ok(text) => text,
        Err(error) => {
            let valid = std::str::from_utf8(&raw[..error.valid_up_to()]).unwrap_or_default();
            let reason = match too_long {
                true => reason::TOO_LONG,
                false => reason::NOT_UTF8,
            };
            return refused(line, reason, valid);
        }
    };
    if too_long {
        return refused(line, reason::TOO_LONG, text);
    }
    let text = text.trim_start();
    if text.is_empty() || text.starts_with('#') {
        return None;
    }
    let (name, value) = match text.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (text, None),
    };
    if name.is_empty() {
        return refused(line, reason::NO_NAME, text);
    }
    if name.contains([' ', '\t']) {
        return refused(line, reason::BLANK_IN_NAME, text);
    }
    if text.contains('\0') {
        return refused(line, reason::NUL, text);
    }
    let value = match value {
        Some(value) => DockerValue::Literal(Zeroizing::new(value.to_owned())),
        None => DockerValue::FromDeployingShell,
    };
    Some(DockerEntry {
        line,
        name: Some(name),
        value: Ok(value),
    })
}

/// A refused line, named by what precedes its first `=` if that is a name.
fn refused<'a>(line: usize, reason: &'static str, text: &'a str) -> Option<DockerEntry<'a>> {
    let name = name_of(text).filter(|name| !name.contains('\0'));
    Some(DockerEntry {
        line,
        name,
        value: Err(reason),
    })
}

/// The name a line sets, if what precedes its first `=` is one.
fn name_of(text: &str) -> Option<&str> {
    let (name, _) = text.trim_start().split_once('=')?;
    let valid = !name.is_empty() && !name.contains([' ', '\t']);
    valid.then_some(name)
}

#[cfg(test)]
mod tests;
