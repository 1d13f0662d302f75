//! Where each entry of a dotenv file starts, and which variables its value
//! expands, by the grammar of dotenvy 0.15.7.
//!
//! dotenvy produces the values, but its errors carry no line number, only the
//! offending text (which may be a secret), and its iterator gives no
//! positions. It also expands `$NAME` from the process environment before the
//! file's earlier lines, so a check in CI can silently take a variable of the
//! runner. [`scan`] follows dotenvy's grammar to tell, for each item dotenvy
//! yields, its line, its name, the names its value expands and, when dotenvy
//! rejects it, why.
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
//!   entry is an error holding the rest of the file.
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
//!   `${` takes every character up to `}`. Unbraced, the name is the Unicode
//!   alphanumeric characters that follow (not `_`: `$HOME_DIR` is `$HOME`,
//!   then `_DIR`), and the character that ends it is always literal text,
//!   even a quote, a backslash or a space: `"$A"` leaves its quote open, and
//!   `$A b` is a valid value. A name takes its value from the process
//!   environment, else from the latest earlier entry of the file, else is
//!   empty; a `$` with no name expands to nothing.
//! - dotenvy's iterator goes on after an error, with the next logical line;
//!   an error at the end of the file, which holds the rest, comes last. The
//!   iterator does not skip a byte order mark: the caller strips it.

/// One entry of a dotenv file, in the order dotenvy yields them: a valid entry
/// where dotenvy yields a name and value, a malformed one where it yields an
/// error. Blank lines and comments, which dotenvy skips, have none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ScannedEntry<'a> {
    /// The 1-based line where the entry starts.
    pub line: usize,
    /// The variable's name; for a malformed entry, when it starts with
    /// `[export ]NAME=` all the same.
    pub name: Option<&'a str>,
    /// The names dotenvy expands in the value, in order, each once. Empty for
    /// a malformed entry.
    pub references: Vec<&'a str>,
    /// Why dotenvy rejects the entry, in plain words that never quote it.
    pub malformed: Option<&'static str>,
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

/// The entries of a dotenv file (without its byte order mark), one for each
/// item that `dotenvy::from_read_iter` yields on it.
pub(crate) fn scan(text: &str) -> Vec<ScannedEntry<'_>> {
    entries(text)
        .map(|(logical, entry)| match entry {
            Entry::Valid { name, references } => ScannedEntry {
                line: logical.line,
                name: Some(name),
                references,
                malformed: None,
            },
            Entry::Malformed { name, failure } => ScannedEntry {
                line: logical.line,
                name,
                references: Vec::new(),
                malformed: Some(failure.reason),
            },
        })
        .collect()
}

/// `text` without the blanks that start each logical line, when text
/// follows them on that line: what to hand dotenvy, which yields the same
/// items for it (it skips those blanks, and a `#` after them is a comment
/// either way), but which looks through a line's leading blanks again for
/// every further line of it: on an indented line whose quote stays open,
/// quadratic time. Line breaks are all kept.
pub(crate) fn unindented(text: &str) -> zeroize::Zeroizing<String> {
    let mut out = zeroize::Zeroizing::new(String::with_capacity(text.len()));
    let mut copied = 0;
    let lines = LogicalLines {
        text,
        start: 0,
        line: 1,
    };
    for logical in lines {
        let rest = &text[logical.start..];
        let blanks = rest
            .find(|c: char| !c.is_whitespace() || c == '\n')
            .unwrap_or(rest.len());
        if blanks > 0 && rest[blanks..].starts_with(|c: char| c != '\n') {
            out.push_str(&text[copied..logical.start]);
            copied = logical.start + blanks;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// An upper bound of the bytes of every value dotenvy makes of `text`, or
/// `None` past `limit`: `X1=$X0$X0`, `X2=$X1$X1`, ... doubles a value on
/// each line. Each `$` expands at most one name, whose value is at most the
/// larger of what `from_environment` gives (dotenvy looks there first) and
/// what the file last set it to.
pub(crate) fn expanded_size_bound(
    text: &str,
    limit: usize,
    from_environment: impl Fn(&str) -> usize,
) -> Option<usize> {
    let mut sizes: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut total = 0usize;
    for (logical, entry) in entries(text) {
        let Entry::Valid { name, references } = entry else {
            continue;
        };
        let largest = (references.iter())
            .map(|name| from_environment(name).max(sizes.get(name).copied().unwrap_or(0)))
            .max()
            .unwrap_or(0);
        let dollars = logical.text.matches('$').count();
        let size = logical
            .text
            .len()
            .checked_add(dollars.checked_mul(largest)?)?;
        total = total.checked_add(size).filter(|total| *total <= limit)?;
        sizes.insert(name, size);
    }
    Some(total)
}

/// The logical lines that dotenvy yields an item for, with what it makes of
/// them.
fn entries(text: &str) -> impl Iterator<Item = (LogicalLine<'_>, Entry<'_>)> {
    LogicalLines {
        text,
        start: 0,
        line: 1,
    }
    .filter_map(|logical| parse_entry(&logical).map(|entry| (logical, entry)))
}

/// What dotenvy's line splitter hands its parser.
struct LogicalLine<'a> {
    /// The 1-based line of its first character.
    line: usize,
    /// The byte offset of its first character in the file.
    start: usize,
    /// Without the final `\n` or `\r\n`, or cut before a comment.
    text: &'a str,
    /// Why the file ends inside it, when it does; `text` is then the rest of
    /// the file.
    unterminated: Option<&'static str>,
}

/// dotenvy's line splitter (`QuotedLines`).
struct LogicalLines<'a> {
    text: &'a str,
    /// Where the next physical line starts.
    start: usize,
    /// Its 1-based number.
    line: usize,
}

impl<'a> Iterator for LogicalLines<'a> {
    type Item = LogicalLine<'a>;

    fn next(&mut self) -> Option<LogicalLine<'a>> {
        let (start, line) = (self.start, self.line);
        let logical = |text, unterminated| LogicalLine {
            line,
            start,
            text,
            unterminated,
        };
        let mut state = Split::Complete;
        loop {
            let physical_start = self.start;
            let rest = self.text.get(physical_start..).unwrap_or_default();
            if rest.is_empty() {
                let rest_of_file = self.text.get(start..).unwrap_or_default();
                return state
                    .unterminated()
                    .map(|why| logical(rest_of_file, Some(why)));
            }
            let physical = rest.find('\n').map_or(rest, |end| &rest[..=end]);
            self.start += physical.len();
            self.line += usize::from(physical.ends_with('\n'));
            let so_far = self.text.get(start..self.start).unwrap_or_default();
            // dotenvy checks this on each physical line, but only the first
            // can match: a logical line goes on only where a quote opened.
            // Checking the others would look through the first line's
            // blanks again for each of them.
            if physical_start == start && physical.trim_start().starts_with('#') {
                return Some(logical("", None));
            }
            for (offset, c) in physical.char_indices() {
                match state.after(c) {
                    Some(next) => state = next,
                    None => {
                        let end = physical_start + offset;
                        return Some(logical(self.text.get(start..end).unwrap_or_default(), None));
                    }
                }
            }
            if let Split::Complete = state {
                let text = so_far
                    .strip_suffix('\n')
                    .map_or(so_far, |text| text.strip_suffix('\r').unwrap_or(text));
                return Some(logical(text, None));
            }
        }
    }
}

/// The state of dotenvy's line splitter after a character.
#[derive(Clone, Copy)]
enum Split {
    Complete,
    /// After an odd run of blanks outside quotes: a `#` here starts a comment.
    AfterBlank,
    Escape,
    Single,
    SingleEscape,
    Double,
    DoubleEscape,
}

impl Split {
    /// The state after `c`, or `None` when `c` starts a comment.
    fn after(self, c: char) -> Option<Split> {
        Some(match (self, c) {
            (Split::AfterBlank, '#') => return None,
            (Split::Complete | Split::AfterBlank, '\\') => Split::Escape,
            (Split::Complete | Split::AfterBlank, '"') => Split::Double,
            (Split::Complete | Split::AfterBlank, '\'') => Split::Single,
            // A second blank goes back to `Complete`: `#` after two is text.
            (Split::Complete, c) if c.is_whitespace() && c != '\n' && c != '\r' => {
                Split::AfterBlank
            }
            (Split::Complete | Split::AfterBlank | Split::Escape, _) => Split::Complete,
            (Split::Single, '\\') => Split::SingleEscape,
            (Split::Single, '\'') => Split::Complete,
            (Split::Single, _) | (Split::SingleEscape, _) => Split::Single,
            (Split::Double, '\\') => Split::DoubleEscape,
            (Split::Double, '"') => Split::Complete,
            (Split::Double, _) | (Split::DoubleEscape, _) => Split::Double,
        })
    }

    /// Why a file that ends in this state has an unterminated entry.
    fn unterminated(self) -> Option<&'static str> {
        match self {
            Split::Complete => None,
            Split::AfterBlank => Some(reason::BLANK_AT_END),
            Split::Escape => Some(reason::BACKSLASH_AT_END),
            Split::Single | Split::SingleEscape | Split::Double | Split::DoubleEscape => {
                Some(reason::UNCLOSED_QUOTE_AT_END)
            }
        }
    }
}

/// What dotenvy's parser makes of a logical line it does not skip.
enum Entry<'a> {
    Valid {
        name: &'a str,
        references: Vec<&'a str>,
    },
    Malformed {
        name: Option<&'a str>,
        failure: Failure,
    },
}

/// Why and where dotenvy rejects an entry.
struct Failure {
    reason: &'static str,
    /// The byte offset, in the logical line, of the character dotenvy stops
    /// at: the end of the (trimmed) line when it ends too early. The tests
    /// check it against the index in dotenvy's error.
    #[cfg_attr(not(test), allow(dead_code))]
    at: usize,
}

impl Failure {
    fn new(reason: &'static str, at: usize) -> Failure {
        Failure { reason, at }
    }
}

/// dotenvy's `parse_line`: `None` for a line it skips.
fn parse_entry<'a>(logical: &LogicalLine<'a>) -> Option<Entry<'a>> {
    if let Some(reason) = logical.unterminated {
        let name = parse_name(logical.text).ok().map(|(name, _)| name);
        let failure = Failure::new(reason, logical.text.len());
        return Some(Entry::Malformed { name, failure });
    }
    let line = logical.text.trim_end();
    let first = &line[skip_blanks(line, 0)..];
    if first.is_empty() || first.starts_with('#') {
        return None;
    }
    let (name, value_start) = match parse_name(line) {
        Ok(name_and_value_start) => name_and_value_start,
        Err(failure) => {
            return Some(Entry::Malformed {
                name: None,
                failure,
            });
        }
    };
    let value = &line[value_start..];
    if value.is_empty() || value.starts_with('#') {
        let references = Vec::new();
        return Some(Entry::Valid { name, references });
    }
    Some(match parse_value(line, value_start) {
        Ok(references) => Entry::Valid { name, references },
        Err(failure) => Entry::Malformed {
            name: Some(name),
            failure,
        },
    })
}

/// Reads `[export ]NAME=` at the start of a line: the name, and where the
/// value starts (after the `=` and blanks).
fn parse_name(line: &str) -> Result<(&str, usize), Failure> {
    let start = skip_blanks(line, 0);
    let Some(mut end) = name_end(line, start) else {
        let reason = if line[start..].starts_with('=') {
            reason::NO_NAME
        } else {
            reason::NAME_START
        };
        return Err(Failure::new(reason, start));
    };
    let mut name = &line[start..end];
    let mut equals = skip_blanks(line, end);
    // `export` is a prefix, unless `=` follows it: then it is the name.
    if name == "export" && !line[equals..].starts_with('=') {
        let (export_end, start) = (end, equals);
        let Some(exported_end) = name_end(line, start) else {
            let rest = &line[start..];
            let reason = if start == export_end && !rest.is_empty() {
                // `export-A=`: one word.
                reason::NAME_CHARACTER
            } else if rest.is_empty() || rest.starts_with('#') {
                reason::NO_NAME_AFTER_EXPORT
            } else {
                reason::NAME_START
            };
            return Err(Failure::new(reason, start));
        };
        end = exported_end;
        name = &line[start..end];
        equals = skip_blanks(line, end);
    }
    let rest = &line[equals..];
    if !rest.starts_with('=') {
        let reason = if equals == end && !rest.is_empty() {
            reason::NAME_CHARACTER
        } else if rest.is_empty() || rest.starts_with('#') {
            reason::NO_EQUALS
        } else {
            reason::TEXT_BEFORE_EQUALS
        };
        return Err(Failure::new(reason, equals));
    }
    Ok((name, skip_blanks(line, equals + 1)))
}

/// The end of the name that starts at `start`, if one does there.
fn name_end(line: &str, start: usize) -> Option<usize> {
    let rest = &line[start..];
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return None;
    }
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    Some(start + rest.find(|c| !is_name(c)).unwrap_or(rest.len()))
}

/// The offset of the first non-blank at or after `from`, or the end.
fn skip_blanks(line: &str, from: usize) -> usize {
    let rest = &line[from..];
    from + rest
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(rest.len())
}

/// The quotes that dotenvy's value parser is inside.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// The name being expanded, by the offset where it starts.
#[derive(Clone, Copy)]
enum Expansion {
    None,
    Unbraced(usize),
    Braced(usize),
}

/// dotenvy's `parse_value` on the value that starts at `start` in the
/// (trimmed) line: the names it expands, each once.
fn parse_value(line: &str, start: usize) -> Result<Vec<&str>, Failure> {
    let value = &line[start..];
    let mut references = Vec::new();
    // The names already in `references`: a value may expand thousands of
    // names, which a search of the list would read once per name.
    let mut seen = std::collections::HashSet::new();
    let mut quote = Quote::None;
    let mut expansion = Expansion::None;
    let mut escaped = false;
    // Once a space or tab ends unquoted text: whether it followed a quote.
    let mut ended_after_quote = None;
    let mut closing_quote_end = None;
    let mut quote_taken_literally = false;
    for (offset, c) in value.char_indices() {
        let at = start + offset;
        if let Some(after_quote) = ended_after_quote {
            match c {
                ' ' | '\t' => continue,
                '#' => break,
                _ if after_quote => return Err(Failure::new(reason::TEXT_AFTER_QUOTE, at)),
                _ => return Err(Failure::new(reason::SPACE_IN_UNQUOTED_VALUE, at)),
            }
        }
        if escaped {
            if !matches!(c, '\\' | '\'' | '"' | '$' | ' ' | 'n') {
                let reason = match quote {
                    Quote::Double => reason::DOUBLE_QUOTED_ESCAPE,
                    _ => reason::UNQUOTED_ESCAPE,
                };
                return Err(Failure::new(reason, at));
            }
            escaped = false;
            continue;
        }
        if quote == Quote::Single {
            if c == '\'' {
                quote = Quote::None;
                closing_quote_end = Some(offset + 1);
            }
            continue;
        }
        match expansion {
            Expansion::Unbraced(_) | Expansion::Braced(_) if c.is_alphanumeric() => continue,
            Expansion::Unbraced(name_start) if c == '{' && name_start == offset => {
                expansion = Expansion::Braced(offset + 1);
                continue;
            }
            Expansion::Unbraced(name_start) => {
                add_reference(&mut references, &mut seen, &value[name_start..offset]);
                // The character that ends the name is literal, whatever it is.
                expansion = match c {
                    '$' => Expansion::Unbraced(offset + 1),
                    _ => Expansion::None,
                };
                quote_taken_literally |= c == '"' || c == '\'';
                continue;
            }
            Expansion::Braced(name_start) => {
                if c == '}' {
                    add_reference(&mut references, &mut seen, &value[name_start..offset]);
                    expansion = Expansion::None;
                }
                continue;
            }
            Expansion::None => {}
        }
        match (quote, c) {
            (_, '$') => expansion = Expansion::Unbraced(offset + 1),
            (_, '\\') => escaped = true,
            (Quote::Double, '"') => {
                quote = Quote::None;
                closing_quote_end = Some(offset + 1);
            }
            (Quote::None, '"') => quote = Quote::Double,
            (Quote::None, '\'') => quote = Quote::Single,
            (Quote::None, ' ' | '\t') => {
                ended_after_quote = Some(closing_quote_end == Some(offset))
            }
            _ => {}
        }
    }
    let end = line.len();
    match expansion {
        Expansion::Braced(_) => return Err(Failure::new(reason::UNCLOSED_BRACE, end)),
        Expansion::Unbraced(name_start) => {
            add_reference(&mut references, &mut seen, &value[name_start..])
        }
        Expansion::None => {}
    }
    match quote {
        Quote::None => Ok(references),
        _ if quote_taken_literally => Err(Failure::new(reason::QUOTE_AFTER_NAME, end)),
        _ => Err(Failure::new(reason::UNCLOSED_QUOTE, end)),
    }
}

/// Adds a name expanded, unless empty (a `$` alone expands to nothing) or
/// already there.
fn add_reference<'a>(
    references: &mut Vec<&'a str>,
    seen: &mut std::collections::HashSet<&'a str>,
    name: &'a str,
) {
    if !name.is_empty() && seen.insert(name) {
        references.push(name);
    }
}

#[cfg(test)]
mod tests;
