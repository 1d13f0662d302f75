//! dotenvy's parser of one logical line (`src/parse.rs`): the name, and the
//! value with its quotes, escapes and `${NAME}` expansions.

use zeroize::Zeroizing;

use super::lines::{LogicalLine, Text};
use super::reason;

/// What a logical line that is not skipped makes.
pub(super) enum Parsed<'a> {
    Valid {
        name: &'a str,
        value: Zeroizing<String>,
    },
    Malformed {
        name: Option<&'a str>,
        failure: Failure,
    },
}

/// Why and where dotenvy rejects an entry.
pub(super) struct Failure {
    pub reason: &'static str,
    /// The byte offset, in the logical line, of the character dotenvy stops
    /// at: the end of the (trimmed) line when it ends too early. The tests
    /// check it against the index in dotenvy's error.
    pub at: usize,
}

impl Failure {
    fn new(reason: &'static str, at: usize) -> Failure {
        Failure { reason, at }
    }
}

/// Where a value's `${NAME}` and `$NAME` take their values from.
pub(super) trait Expand<'a> {
    /// Appends the value of `name` (written `${name}` when `braced`) to
    /// `value`, unless that would take the values past their budget.
    fn expand(&mut self, name: &'a str, braced: bool, value: &mut ValueBuffer);
}

/// A value being made, in a buffer wiped when it drops. It grows by hand:
/// a `String`'s own growth would free the old buffer without wiping it.
pub(super) struct ValueBuffer(Zeroizing<String>);

impl ValueBuffer {
    fn with_capacity(capacity: usize) -> ValueBuffer {
        ValueBuffer(Zeroizing::new(String::with_capacity(capacity)))
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    fn push(&mut self, c: char) {
        self.reserve(c.len_utf8());
        self.0.push(c);
    }

    pub(super) fn push_str(&mut self, text: &str) {
        self.reserve(text.len());
        self.0.push_str(text);
    }

    fn reserve(&mut self, more: usize) {
        let needed = self.0.len().saturating_add(more);
        if needed > self.0.capacity() {
            let capacity = needed.max(self.0.capacity().saturating_mul(2));
            let mut grown = Zeroizing::new(String::with_capacity(capacity));
            grown.push_str(&self.0);
            self.0 = grown;
        }
    }
}

/// dotenvy's `parse_line`: `None` for a line it skips.
pub(super) fn parse_entry<'a>(
    logical: &LogicalLine<'a>,
    expand: &mut dyn Expand<'a>,
) -> Option<Parsed<'a>> {
    let (text, rejected) = match logical.text {
        Text::Complete(text) => (text, None),
        Text::Unterminated(text, why) => (text, Some(why)),
        Text::NotUtf8(text) => (text, Some(reason::NOT_UTF8)),
    };
    if let Some(reason) = rejected {
        let name = parse_name(text).ok().map(|(name, _)| name);
        let failure = Failure::new(reason, text.len());
        return Some(Parsed::Malformed { name, failure });
    }
    let line = text.trim_end();
    let first = &line[skip_blanks(line, 0)..];
    if first.is_empty() || first.starts_with('#') {
        return None;
    }
    let (name, value_start) = match parse_name(line) {
        Ok(name_and_value_start) => name_and_value_start,
        Err(failure) => {
            let name = None;
            return Some(Parsed::Malformed { name, failure });
        }
    };
    let value = &line[value_start..];
    if value.is_empty() || value.starts_with('#') {
        let value = Zeroizing::new(String::new());
        return Some(Parsed::Valid { name, value });
    }
    Some(match parse_value(line, value_start, expand) {
        Ok(value) => Parsed::Valid { name, value },
        Err(failure) => Parsed::Malformed {
            name: Some(name),
            failure,
        },
    })
}

/// Reads `[export ]NAME=` at the start of a line: the name, and where the
/// value starts (after the `=` and blanks).
pub(super) fn parse_name(line: &str) -> Result<(&str, usize), Failure> {
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
pub(super) fn name_end(line: &str, start: usize) -> Option<usize> {
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

/// The name being read after a `$`, by the offset where it starts.
#[derive(Clone, Copy)]
enum Expansion {
    None,
    Unbraced(usize),
    Braced(usize),
}

/// dotenvy's `parse_value` on the value that starts at `start` in the
/// (trimmed) line: the value, or why it is malformed. The checks come in
/// dotenvy's order, which decides what `$`, a quote or a backslash means
/// where two rules could apply.
fn parse_value<'a>(
    line: &'a str,
    start: usize,
    expand: &mut dyn Expand<'a>,
) -> Result<Zeroizing<String>, Failure> {
    let text = &line[start..];
    // Every character of the text makes at most one of the value; only
    // expansions grow it past this.
    let mut value = ValueBuffer::with_capacity(text.len());
    let (mut single, mut double, mut escaped) = (false, false, false);
    let mut expansion = Expansion::None;
    // Once a space or tab ends unquoted text: whether it followed a quote.
    let mut ended_after_quote = None;
    let mut closing_quote_end = None;
    let mut quote_taken_literally = false;
    let malformed = |reason, offset| Err(Failure::new(reason, start + offset));
    for (offset, c) in text.char_indices() {
        if let Some(after_quote) = ended_after_quote {
            match c {
                ' ' | '\t' => continue,
                '#' => break,
                _ if after_quote => return malformed(reason::TEXT_AFTER_QUOTE, offset),
                _ => return malformed(reason::SPACE_IN_UNQUOTED_VALUE, offset),
            }
        } else if escaped {
            match c {
                '\\' | '\'' | '"' | '$' | ' ' => value.push(c),
                'n' => value.push('\n'),
                _ if double => return malformed(reason::DOUBLE_QUOTED_ESCAPE, offset),
                _ => return malformed(reason::UNQUOTED_ESCAPE, offset),
            }
            escaped = false;
        } else if single {
            match c {
                '\'' => {
                    single = false;
                    closing_quote_end = Some(offset + 1);
                }
                _ => value.push(c),
            }
        } else if let Expansion::Unbraced(name_start) | Expansion::Braced(name_start) = expansion {
            if c.is_alphanumeric() {
                continue;
            }
            match expansion {
                Expansion::Unbraced(_) if c == '{' && name_start == offset => {
                    expansion = Expansion::Braced(offset + 1);
                }
                Expansion::Unbraced(_) => {
                    expand.expand(&text[name_start..offset], false, &mut value);
                    // The character that ends the name is literal, whatever
                    // it is; another `$` starts another name.
                    if c == '$' {
                        expansion = Expansion::Unbraced(offset + 1);
                    } else {
                        expansion = Expansion::None;
                        value.push(c);
                        quote_taken_literally |= c == '"' || c == '\'';
                    }
                }
                _ if c == '}' => {
                    expand.expand(&text[name_start..offset], true, &mut value);
                    expansion = Expansion::None;
                }
                _ => {}
            }
        } else if c == '$' {
            expansion = Expansion::Unbraced(offset + 1);
        } else if double {
            match c {
                '"' => {
                    double = false;
                    closing_quote_end = Some(offset + 1);
                }
                '\\' => escaped = true,
                _ => value.push(c),
            }
        } else {
            match c {
                '\'' => single = true,
                '"' => double = true,
                '\\' => escaped = true,
                ' ' | '\t' => ended_after_quote = Some(closing_quote_end == Some(offset)),
                _ => value.push(c),
            }
        }
    }
    let end = line.len() - start;
    match expansion {
        Expansion::Braced(_) => return malformed(reason::UNCLOSED_BRACE, end),
        _ if single || double => {
            let reason = match quote_taken_literally {
                true => reason::QUOTE_AFTER_NAME,
                false => reason::UNCLOSED_QUOTE,
            };
            return malformed(reason, end);
        }
        Expansion::Unbraced(name_start) => {
            expand.expand(&text[name_start..], false, &mut value);
        }
        Expansion::None => {}
    }
    Ok(value.0)
}
