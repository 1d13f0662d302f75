//! A stream kubectl reads as JSON: one whose first 4096 bytes hold `{`
//! after nothing but white space (`YAMLOrJSONDecoder`). It is then a
//! sequence of JSON values that Go's `encoding/json` reads, not YAML:
//! `{a: 1}` is refused, a later key wins, and a number must fit a float64.

use zeroize::Zeroizing;

use super::{Document, NodeId, Stream, Value, YamlError};
use super::{Key, ScalarKind};

/// How deep Go's decoder lets values nest.
const MAX_DEPTH: usize = 10_000;

/// Whether kubectl reads `text` as JSON.
pub(super) fn is_json(text: &str) -> bool {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].trim_start().starts_with('{')
}

/// A cursor over the stream.
struct Reader<'t> {
    text: &'t str,
    pos: usize,
    line: usize,
    document: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        self.line += usize::from(c == '\n');
        Some(c)
    }

    /// JSON's white space: space, tab, line feed, carriage return.
    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
    }

    fn fail(&self, reason: &str) -> YamlError {
        YamlError {
            document: self.document,
            line: self.line,
            reason: format!("not valid JSON: {reason}"),
        }
    }

    fn expect(&mut self, word: &str) -> Result<(), YamlError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.fail("invalid character in a literal"))
        }
    }

    fn hex4(&mut self) -> Result<u32, YamlError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let value = digits
            .and_then(|digits| u32::from_str_radix(digits, 16).ok())
            .ok_or_else(|| self.fail("invalid character in a \\u escape"))?;
        self.pos += 4;
        Ok(value)
    }

    /// A string, after its `"`: Go replaces a lone surrogate with U+FFFD.
    fn string(&mut self) -> Result<Zeroizing<String>, YamlError> {
        let mut text = Zeroizing::new(String::new());
        loop {
            match self.bump() {
                None => return Err(self.fail("unexpected end of JSON input")),
                Some('"') => return Ok(text),
                Some(c) if c < ' ' => return Err(self.fail("invalid character in a string")),
                Some('\\') => match self.bump() {
                    Some('"') => text.push('"'),
                    Some('\\') => text.push('\\'),
                    Some('/') => text.push('/'),
                    Some('b') => text.push('\x08'),
                    Some('f') => text.push('\x0c'),
                    Some('n') => text.push('\n'),
                    Some('r') => text.push('\r'),
                    Some('t') => text.push('\t'),
                    Some('u') => {
                        let high = self.hex4()?;
                        let paired = (0xD800..0xDC00).contains(&high)
                            && self.text[self.pos..].starts_with("\\u");
                        if paired {
                            let save = self.pos;
                            self.pos += 2;
                            let low = self.hex4()?;
                            if (0xDC00..0xE000).contains(&low) {
                                let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                                text.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                                continue;
                            }
                            self.pos = save;
                        }
                        text.push(char::from_u32(high).unwrap_or('\u{fffd}'));
                    }
                    _ => return Err(self.fail("invalid escape in a string")),
                },
                Some(c) => text.push(c),
            }
        }
    }

    /// A number, `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, which
    /// kubectl must read as an int64 or a float64.
    fn number(&mut self) -> Result<Zeroizing<String>, YamlError> {
        let start = self.pos;
        let digits = |reader: &mut Self| {
            let from = reader.pos;
            while reader.peek().is_some_and(|c| c.is_ascii_digit()) {
                reader.bump();
            }
            reader.pos > from
        };
        if self.peek() == Some('-') {
            self.bump();
        }
        if self.peek() == Some('0') {
            self.bump();
        } else if !digits(self) {
            return Err(self.fail("invalid character in a number"));
        }
        if self.peek() == Some('.') {
            self.bump();
            if !digits(self) {
                return Err(self.fail("invalid character in a number"));
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if !digits(self) {
                return Err(self.fail("invalid character in a number"));
            }
        }
        let text = &self.text[start..self.pos];
        if text.parse::<i64>().is_err() && !text.parse::<f64>().is_ok_and(f64::is_finite) {
            return Err(self.fail("a number out of the range of a float64"));
        }
        Ok(Zeroizing::new(text.to_owned()))
    }
}

/// Reads the JSON values of `text` as documents.
pub(super) fn parse(
    stream: &mut Stream,
    text: &str,
    keep: &impl Fn(&Stream, NodeId) -> bool,
) -> Result<(), YamlError> {
    let mut reader = Reader {
        text,
        pos: 0,
        line: 1,
        document: 0,
    };
    loop {
        reader.skip_space();
        if reader.peek().is_none() {
            return Ok(());
        }
        reader.document += 1;
        let start = stream.nodes.len();
        let root = value(stream, &mut reader)?;
        if let Some(reason) = stream.not_an_object(root) {
            return Err(YamlError {
                document: reader.document,
                line: stream.nodes[root].line,
                reason,
            });
        }
        match &stream.nodes[root].value {
            Value::Scalar(_, ScalarKind::Null) => stream.nodes.truncate(start),
            _ if keep(stream, root) => stream.documents.push(Document {
                number: reader.document,
                root,
            }),
            _ => stream.nodes.truncate(start),
        }
    }
}

/// One value, its collections read without recursion.
fn value(stream: &mut Stream, reader: &mut Reader<'_>) -> Result<NodeId, YamlError> {
    // Open collections, with the key of an object's pair being read.
    let mut open: Vec<(NodeId, Option<NodeId>)> = Vec::new();
    loop {
        reader.skip_space();
        let line = reader.line;
        let scalar = |text: Zeroizing<String>, kind| Value::Scalar(text, kind);
        let node = match reader.bump() {
            Some('{') | Some('[') if open.len() >= MAX_DEPTH => {
                return Err(reader.fail("exceeded max depth"));
            }
            Some('{') => {
                reader.skip_space();
                let id = push(stream, Value::Map(Vec::new()), line, reader)?;
                if reader.peek() == Some('}') {
                    reader.bump();
                    Some(id)
                } else {
                    open.push((id, None));
                    read_key(stream, reader, &mut open)?;
                    None
                }
            }
            Some('[') => {
                reader.skip_space();
                let id = push(stream, Value::Seq(Vec::new()), line, reader)?;
                if reader.peek() == Some(']') {
                    reader.bump();
                    Some(id)
                } else {
                    open.push((id, None));
                    None
                }
            }
            Some('"') => {
                let text = reader.string()?;
                Some(push(
                    stream,
                    scalar(text, ScalarKind::String),
                    line,
                    reader,
                )?)
            }
            Some('t') => {
                reader.expect("rue")?;
                Some(push(
                    stream,
                    scalar(Zeroizing::new("true".into()), ScalarKind::Bool),
                    line,
                    reader,
                )?)
            }
            Some('f') => {
                reader.expect("alse")?;
                Some(push(
                    stream,
                    scalar(Zeroizing::new("false".into()), ScalarKind::Bool),
                    line,
                    reader,
                )?)
            }
            Some('n') => {
                reader.expect("ull")?;
                Some(push(
                    stream,
                    scalar(Zeroizing::default(), ScalarKind::Null),
                    line,
                    reader,
                )?)
            }
            Some(c) if c == '-' || c.is_ascii_digit() => {
                reader.pos -= 1;
                let text = reader.number()?;
                Some(push(
                    stream,
                    scalar(text, ScalarKind::Number),
                    line,
                    reader,
                )?)
            }
            None => return Err(reader.fail("unexpected end of JSON input")),
            Some(_) => return Err(reader.fail("invalid character looking for a value")),
        };
        let Some(mut done) = node else {
            continue;
        };
        // Put the complete value in its collection; close the collections
        // that end after it.
        loop {
            let Some((parent, key)) = open.last_mut() else {
                return Ok(done);
            };
            let parent = *parent;
            match (&mut stream.nodes[parent].value, key.take()) {
                (Value::Map(entries), Some(key)) => entries.push((key, done)),
                (Value::Seq(items), _) => items.push(done),
                _ => {}
            }
            reader.skip_space();
            let is_map = matches!(stream.nodes[parent].value, Value::Map(_));
            match (reader.bump(), is_map) {
                (Some(','), true) => {
                    read_key(stream, reader, &mut open)?;
                    break;
                }
                (Some(','), false) => break,
                (Some('}'), true) | (Some(']'), false) => {
                    open.pop();
                    done = parent;
                }
                _ => return Err(reader.fail("invalid character after a value")),
            }
        }
    }
}

/// An object's key and its `:`.
fn read_key(
    stream: &mut Stream,
    reader: &mut Reader<'_>,
    open: &mut [(NodeId, Option<NodeId>)],
) -> Result<(), YamlError> {
    reader.skip_space();
    let line = reader.line;
    if reader.bump() != Some('"') {
        return Err(reader.fail("invalid character looking for the beginning of an object key"));
    }
    let text = reader.string()?;
    let key = push(
        stream,
        Value::Scalar(text, ScalarKind::String),
        line,
        reader,
    )?;
    reader.skip_space();
    if reader.bump() != Some(':') {
        return Err(reader.fail("invalid character after an object key"));
    }
    if let Some((_, waiting)) = open.last_mut() {
        *waiting = Some(key);
    }
    Ok(())
}

fn push(
    stream: &mut Stream,
    value: Value,
    line: usize,
    reader: &Reader<'_>,
) -> Result<NodeId, YamlError> {
    let id = stream.push(value, line).map_err(|reason| YamlError {
        document: reader.document,
        line,
        reason,
    })?;
    stream.nodes[id].key = Key::Text;
    Ok(id)
}
