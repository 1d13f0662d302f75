//! The entries of a dotenv file, by the grammar of dotenvy 0.15.7: for each,
//! its lines, its name, and its value or why it is malformed, with the
//! names its value expands and where each took its value from.
//!
//! [`parse`] reads the file's bytes. `outside` is where a `${NAME}` looks
//! first, as dotenvy looks in the process environment: at start-up the
//! caller passes [`process_environment`]; a file checked alone passes
//! [`nothing_outside`], and then what the parse gives depends only on the
//! file. The values of the whole file are bounded ([`MAX_EXPANDED_BYTES`]):
//! past that, parsing stops with [`TooLarge`].
//!
//! The grammar, as dotenvy's `src/iter.rs` and `src/parse.rs` implement it
//! ("blank" is any Unicode whitespace unless said otherwise):
//!
//! - Splitting. A physical line ends after `\n`. A logical line, parsed as one
//!   entry, goes on over the next physical lines while a quote is open. For
//!   this split only, a backslash hides the next character (inside single
//!   quotes too), and a `#` after a run of blanks of odd length, outside
//!   quotes, ends the line there (`A=1 #x`, but not `A=1  #x`), quotes in the
//!   comment included. A physical line whose first non-blank is `#` is a
//!   comment. A final `\n` or `\r\n` is dropped. When the file ends with a
//!   quote open, a backslash or an odd run of blanks (no final newline), the
//!   entry is malformed and holds the rest of the file.
//! - Bytes. A physical line that is not UTF-8 (a comment too) ends the
//!   logical line it is part of, which is malformed; the next logical line
//!   starts after it. A byte order mark that starts the file is skipped, as
//!   dotenvy's loaders do (its iterator does not).
//! - An entry. A logical line is trimmed at its end; blank or starting with
//!   `#`, it is skipped. Else it is `[export ]NAME=value`, with blanks allowed
//!   around `=`: NAME is an ASCII letter or `_`, then ASCII letters, digits,
//!   `_` and `.`. `export` directly followed by `=` is a name.
//! - A value. After `=` and blanks, nothing or a `#` makes it empty. Else it
//!   glues quoted and unquoted parts (`a"b c"'d'`). `'…'` is literal. `"…"`
//!   and unquoted text take the escapes `\\ \' \" \$ \n` and backslash-space,
//!   and expand. Unquoted text ends at a space or tab; after that only spaces,
//!   tabs and a `#` comment may follow. A final lone backslash is dropped.
//! - Expansion. A `$` outside single quotes and not escaped starts a name.
//!   `${` takes every character up to `}`, shell syntax included
//!   ([`ShellSyntax`]). Unbraced, the name is the Unicode alphanumeric
//!   characters that follow (not `_`: `$HOME_DIR` is `$HOME`, then `_DIR`),
//!   and the character that ends it is always literal text, even a quote, a
//!   backslash or a space: `"$A"` leaves its quote open, and `$A b` is a
//!   valid value. A name takes its value from outside, else from the latest
//!   earlier valid entry of the file, else is empty; a `$` with no name
//!   expands to nothing.
//! - dotenvy goes on after a malformed entry, with the next logical line; a
//!   malformed entry changes nothing of what later lines expand.

use std::collections::HashMap;
use std::fmt;

use zeroize::Zeroizing;

mod entry;
mod lines;
mod shell;

use entry::{Expand, Parsed, ValueBuffer, parse_entry};
use lines::LogicalLines;
// For the caller, which names the form of a `ShellSyntax` in its warning.
#[cfg_attr(not(test), allow(unused_imports))]
pub(crate) use shell::{ShellForm, ShellSyntax};

/// The most bytes the values of one file may take, expansions included:
/// `X1=$X0$X0`, `X2=$X1$X1`, ... doubles a value on each line.
pub(crate) const MAX_EXPANDED_BYTES: usize = 16 * 1024 * 1024;

/// One entry of a dotenv file: a logical line that dotenvy yields an item
/// for, a name and value where it yields them, malformed where it yields an
/// error. Blank lines and comments have none.
pub(crate) struct DotenvEntry<'a> {
    /// The 1-based line where the entry starts.
    pub line: usize,
    /// The 1-based line where it ends: a quote open over several lines, or
    /// the rest of the file, are part of it.
    pub last_line: usize,
    /// The variable's name; for a malformed entry, when it starts with
    /// `[export ]NAME=` all the same.
    pub name: Option<&'a str>,
    /// The value (unquoted, escapes applied, names expanded), or why dotenvy
    /// rejects the entry, in plain words that never quote it.
    pub value: Result<Zeroizing<String>, &'static str>,
    /// The names the value expands, in order, each once. Empty for a
    /// malformed entry.
    pub references: Vec<Reference<'a>>,
    /// Where, in the logical line, a malformed entry fails (the tests check
    /// it against dotenvy's error).
    #[cfg_attr(not(test), allow(dead_code))]
    failure_at: usize,
}

/// A name that a value expands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reference<'a> {
    /// The name as dotenvy reads it: all of `X:-a` in `${X:-a}`.
    pub name: &'a str,
    pub resolved: Resolved,
    /// When written in shell syntax that dotenvy reads as one name.
    pub shell_syntax: Option<ShellSyntax<'a>>,
}

/// Where a name that a value expands took its value from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// From `outside` (at start-up, the process environment).
    Outside,
    /// From the latest earlier valid entry of that name, which starts at
    /// this line.
    Entry { line: usize },
    /// Nowhere: it expanded to nothing.
    Unresolved,
}

/// The values of a file take more than [`MAX_EXPANDED_BYTES`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TooLarge {
    /// The line of the entry whose value went past the limit.
    pub line: usize,
    pub limit: usize,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "its values, with their `${{NAME}}` expansions, exceed the {} MiB limit at line {}",
            self.limit / (1024 * 1024),
            self.line
        )
    }
}

/// `name` in the process environment, as dotenvy reads it there: a value
/// that is not Unicode counts as unset.
pub(crate) fn process_environment(name: &str) -> Option<Zeroizing<String>> {
    std::env::var(name).ok().map(Zeroizing::new)
}

/// Nothing outside the file: for a file checked alone.
pub(crate) fn nothing_outside(_name: &str) -> Option<Zeroizing<String>> {
    None
}

/// The entries of a dotenv file, in order.
pub(crate) fn parse<'a>(
    bytes: &'a [u8],
    outside: &dyn Fn(&str) -> Option<Zeroizing<String>>,
) -> Result<Vec<DotenvEntry<'a>>, TooLarge> {
    parse_within(bytes, outside, MAX_EXPANDED_BYTES)
}

/// [`parse`] with values bounded by `limit` bytes in all.
fn parse_within<'a>(
    bytes: &'a [u8],
    outside: &dyn Fn(&str) -> Option<Zeroizing<String>>,
    limit: usize,
) -> Result<Vec<DotenvEntry<'a>>, TooLarge> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut entries: Vec<DotenvEntry<'a>> = Vec::new();
    // The latest valid entry of each name, by its index in `entries`.
    let mut latest: HashMap<&'a str, usize> = HashMap::new();
    let mut used = 0;
    for logical in LogicalLines::new(bytes) {
        let too_large = || TooLarge {
            line: logical.line,
            limit,
        };
        let mut expansion = Expansion {
            outside,
            entries: &entries,
            latest: &latest,
            room: limit - used,
            over_budget: false,
            references: Vec::new(),
            seen: HashMap::new(),
        };
        let Some(parsed) = parse_entry(&logical, &mut expansion) else {
            continue;
        };
        let (references, over_budget) = (expansion.references, expansion.over_budget);
        let (line, last_line) = (logical.line, logical.last_line);
        entries.push(match parsed {
            Parsed::Valid { name, value } => {
                used += value.len();
                if over_budget || used > limit {
                    return Err(too_large());
                }
                latest.insert(name, entries.len());
                DotenvEntry {
                    line,
                    last_line,
                    name: Some(name),
                    value: Ok(value),
                    references,
                    failure_at: 0,
                }
            }
            Parsed::Malformed { name, failure } => DotenvEntry {
                line,
                last_line,
                name,
                value: Err(failure.reason),
                references: Vec::new(),
                failure_at: failure.at,
            },
        });
    }
    Ok(entries)
}

/// Where the names of one entry's value take their values from, and what
/// they were.
struct Expansion<'a, 'p> {
    outside: &'p dyn Fn(&str) -> Option<Zeroizing<String>>,
    entries: &'p [DotenvEntry<'a>],
    latest: &'p HashMap<&'a str, usize>,
    /// The bytes this value may take.
    room: usize,
    /// Whether an expansion would have taken more: it was left out. A
    /// valid entry then stops the parse; a malformed one has no value.
    over_budget: bool,
    references: Vec<Reference<'a>>,
    // The names already in `references`, with their place there: a value
    // may expand thousands of names, which a search of the list would read
    // once per name. A map of the same type as `latest`, not a set: each
    // type of hash table compiles its own copy of the table's code.
    seen: HashMap<&'a str, usize>,
}

impl<'a> Expand<'a> for Expansion<'a, '_> {
    fn expand(&mut self, name: &'a str, braced: bool, value: &mut ValueBuffer) {
        // No entry has an empty name, and no environment variable either.
        if name.is_empty() {
            return;
        }
        let from_outside = (self.outside)(name);
        let earlier = self.latest.get(name).and_then(|&at| self.entries.get(at));
        let (resolved, text) = match (&from_outside, earlier) {
            (Some(text), _) => (Resolved::Outside, text.as_str()),
            (None, Some(entry)) => {
                let text = entry.value.as_ref().map_or("", |value| value.as_str());
                (Resolved::Entry { line: entry.line }, text)
            }
            (None, None) => (Resolved::Unresolved, ""),
        };
        if self.over_budget || value.len().saturating_add(text.len()) > self.room {
            self.over_budget = true;
        } else {
            value.push_str(text);
        }
        if !self.seen.contains_key(name) {
            self.seen.insert(name, self.references.len());
            self.references.push(Reference {
                name,
                resolved,
                shell_syntax: braced.then(|| shell::shell_syntax(name)).flatten(),
            });
        }
    }
}

impl fmt::Debug for DotenvEntry<'_> {
    /// Never the value, which may be a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = match &self.value {
            Ok(value) => format!("Ok(<{} bytes>)", value.len()),
            Err(reason) => format!("Err({reason:?})"),
        };
        f.debug_struct("DotenvEntry")
            .field("line", &self.line)
            .field("last_line", &self.last_line)
            .field("name", &self.name)
            .field("value", &format_args!("{value}"))
            .field("references", &self.references.len())
            .finish()
    }
}

/// Why dotenvy rejects an entry, as precisely as the point where it stops
/// tells.
pub(crate) mod reason {
    // The file ends inside an entry, which then holds the rest of the file.
    pub(crate) const UNCLOSED_QUOTE_AT_END: &str =
        "unclosed quote (it runs to the end of the file)";
    pub(crate) const BACKSLASH_AT_END: &str = "backslash at the end of the file";
    pub(crate) const BLANK_AT_END: &str =
        "whitespace at the end of the file (end the file with a newline)";
    pub(crate) const NOT_UTF8: &str = "not valid UTF-8";
    // Before the `=`.
    pub(crate) const NO_NAME: &str = "no name before `=`";
    pub(crate) const NAME_START: &str = "the name must start with an ASCII letter or `_`";
    pub(crate) const NAME_CHARACTER: &str = "invalid character in the name";
    pub(crate) const NO_NAME_AFTER_EXPORT: &str = "no name after `export`";
    pub(crate) const NO_EQUALS: &str = "no `=` after the name";
    pub(crate) const TEXT_BEFORE_EQUALS: &str = "unexpected text between the name and `=`";
    // In the value.
    pub(crate) const SPACE_IN_UNQUOTED_VALUE: &str = "space in an unquoted value (quote the value)";
    pub(crate) const TEXT_AFTER_QUOTE: &str = "unexpected text after the closing quote";
    pub(crate) const DOUBLE_QUOTED_ESCAPE: &str = "invalid escape in a double-quoted value";
    pub(crate) const UNQUOTED_ESCAPE: &str = "invalid escape in an unquoted value";
    pub(crate) const UNCLOSED_BRACE: &str = "unclosed `${`";
    pub(crate) const QUOTE_AFTER_NAME: &str =
        "a quote right after `$NAME` is taken literally (write `${NAME}`)";
    pub(crate) const UNCLOSED_QUOTE: &str = "unclosed quote";
}

#[cfg(test)]
mod tests;
