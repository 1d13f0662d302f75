//! A stream split into documents as kubectl splits it, before any YAML is
//! parsed (`k8s.io/apimachinery/pkg/util/yaml`, `YAMLReader`): line by
//! line, each `\r\n` read as `\n`, at every line that starts with `---`.
//! Such a line followed by anything but spaces or a comment (`--- |`,
//! `---x`) is refused; two separators in a row make no document. A
//! separator that ends a part is dropped; one that starts a part (the
//! stream's first line, or after another) stays in it. go-yaml
//! then reads each part on its own, and only its first document: what
//! follows a `...` in it is never read.

use zeroize::Zeroizing;

/// One part of the stream.
pub(super) struct Chunk {
    /// The number of the document it is, from 1: a separator starts a new
    /// one once the stream has held more than blank lines and comments.
    pub document: usize,
    /// The line of the stream its text starts on, from 1.
    pub first_line: usize,
    /// Its lines, each ending with `\n`.
    pub text: Zeroizing<String>,
}

/// A separator line followed by text.
pub(super) struct BadSeparator {
    pub document: usize,
    pub line: usize,
}

/// The parts of a stream, in order.
pub(super) struct Chunks<'t> {
    rest: &'t str,
    /// The number of the next line, from 1.
    line: usize,
    /// The number of the document being read.
    document: usize,
    /// Whether the stream has held a line that is not blank or a comment.
    content: bool,
}

impl<'t> Chunks<'t> {
    pub(super) fn new(text: &'t str) -> Chunks<'t> {
        Chunks {
            rest: text,
            line: 1,
            document: 1,
            content: false,
        }
    }

    /// The next line, without its `\n` and a `\r` before it.
    fn next_line(&mut self) -> Option<&'t str> {
        if self.rest.is_empty() {
            return None;
        }
        let (line, rest) = match self.rest.find('\n') {
            Some(at) => (&self.rest[..at], &self.rest[at + 1..]),
            None => (self.rest, ""),
        };
        self.rest = rest;
        self.line += 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

impl Iterator for Chunks<'_> {
    type Item = Result<Chunk, BadSeparator>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut text = Zeroizing::new(String::new());
        let first_line = self.line;
        while let Some(line) = self.next_line() {
            if let Some(after) = line.strip_prefix("---") {
                let after = after.trim();
                if !after.is_empty() && !after.starts_with('#') {
                    let bad = BadSeparator {
                        document: self.document,
                        line: self.line - 1,
                    };
                    self.rest = "";
                    return Some(Err(bad));
                }
                let document = self.document;
                if self.content {
                    self.document += 1;
                }
                self.content = true;
                if !text.is_empty() {
                    return Some(Ok(Chunk {
                        document,
                        first_line,
                        text,
                    }));
                }
                // A separator that starts a part stays in it, as kubectl
                // keeps it: go-yaml reads it as the document's start.
                text.push_str(line);
                text.push('\n');
                continue;
            }
            let trimmed = line.trim_start();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                self.content = true;
            }
            text.push_str(line);
            text.push('\n');
        }
        (!text.is_empty()).then(|| {
            Ok(Chunk {
                document: self.document,
                first_line,
                text,
            })
        })
    }
}
