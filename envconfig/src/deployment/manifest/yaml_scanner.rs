//! The tokens of one document, as go-yaml v2 (the libyaml port that
//! `kubectl` reads YAML with) scans them: YAML 1.1, where U+0085, U+2028
//! and U+2029 break lines, `\/` is no escape and a tab may follow `key:`.
//!
//! The scanner keeps libyaml's model: a queue of tokens, the indentation
//! levels of the block collections, and per flow level the one place where
//! a key without `?` (a "simple key") may have started, which becomes a key
//! when a `:` follows it on the same line within 1024 characters. The
//! scalars themselves are scanned in [`scalars`].

use std::collections::{HashMap, VecDeque};

use zeroize::Zeroizing;

#[path = "yaml_indicators.rs"]
mod indicators;
#[path = "yaml_reader.rs"]
mod reader;
#[path = "yaml_scalars.rs"]
mod scalars;
#[path = "yaml_tags.rs"]
mod tags;

use self::reader::Reader;

/// The deepest nesting go-yaml accepts, of flow collections and of block
/// indentation alike.
const MAX_DEPTH: usize = 10_000;

/// A place in the document: characters from its start, its line and
/// column from 0 (go-yaml's, where U+0085, U+2028, U+2029 and a lone `\r`
/// end a line), and its line as a text editor counts them, by `\n`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Mark {
    pub index: usize,
    pub line: usize,
    pub column: usize,
    pub text_line: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TokenKind {
    StreamStart,
    StreamEnd,
    /// A `%YAML` or `%TAG` line.
    Directive(Directive),
    DocumentStart,
    DocumentEnd,
    BlockSequenceStart,
    BlockMappingStart,
    BlockEnd,
    FlowSequenceStart,
    FlowSequenceEnd,
    FlowMappingStart,
    FlowMappingEnd,
    BlockEntry,
    FlowEntry,
    Key,
    Value,
    Alias,
    Anchor,
    Tag,
    Scalar(Style),
}

/// A directive: `%YAML` and its version, or `%TAG` (its handle and prefix
/// are the token's `handle` and `text`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Directive {
    Version(u8, u8),
    Tag,
}

#[derive(Debug)]
pub(super) struct Token {
    pub kind: TokenKind,
    pub start: Mark,
    /// A scalar's value, an anchor's or alias's name, a tag's suffix.
    pub text: Zeroizing<String>,
    /// A tag's handle: `!!`, `!`, or empty for `!<...>` and a lone `!`.
    pub handle: String,
}

impl Token {
    pub(super) fn new(kind: TokenKind, start: Mark) -> Token {
        Token {
            kind,
            start,
            text: Zeroizing::default(),
            handle: String::new(),
        }
    }
}

/// What libyaml reports: the problem and where it was found, and the
/// construct it was in and where that started.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct SyntaxError {
    pub context: Option<(&'static str, Mark)>,
    pub problem: &'static str,
    pub mark: Mark,
}

type Scan<T = ()> = Result<T, SyntaxError>;

/// Where a simple key may have started, at one flow level.
#[derive(Clone, Copy, Default)]
struct SimpleKey {
    possible: bool,
    /// In block context at the current indentation: if no `:` follows,
    /// the document is invalid.
    required: bool,
    /// The number of its first token, counted from the stream's start.
    token_number: usize,
    mark: Mark,
}

pub(super) struct Scanner<'t> {
    text: &'t str,
    reader: Reader,
    /// The byte offset of `mark`.
    pos: usize,
    mark: Mark,
    tokens: VecDeque<Token>,
    /// How many tokens have left the queue.
    tokens_parsed: usize,
    stream_start_produced: bool,
    stream_end_fetched: bool,
    /// The column of the innermost block collection, -1 outside any.
    indent: isize,
    indents: Vec<isize>,
    simple_key_allowed: bool,
    /// One per flow level, the block context's first.
    simple_keys: Vec<SimpleKey>,
    /// The simple key that starts at a token number, by its flow level.
    simple_keys_by_token: HashMap<usize, usize>,
    flow_level: usize,
    failed: bool,
}

pub(super) fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// A line break or the end of the text (NUL, which the text cannot hold).
fn is_breakz(c: char) -> bool {
    is_break(c) || c == '\0'
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_blankz(c: char) -> bool {
    is_blank(c) || is_breakz(c)
}

/// The characters of anchors and tag handles.
fn is_alpha(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

impl<'t> Scanner<'t> {
    /// A scanner of `text`, which go-yaml's input holds after `skipped`
    /// bytes (a BOM).
    pub(super) fn new(text: &'t str, skipped: usize) -> Scanner<'t> {
        Scanner {
            text,
            reader: Reader::new(text, skipped),
            pos: 0,
            mark: Mark::default(),
            tokens: VecDeque::new(),
            tokens_parsed: 0,
            stream_start_produced: false,
            stream_end_fetched: false,
            indent: -1,
            indents: Vec::new(),
            simple_key_allowed: false,
            simple_keys: Vec::new(),
            simple_keys_by_token: HashMap::new(),
            flow_level: 0,
            failed: false,
        }
    }

    /// The next token, left in the queue.
    pub(super) fn peek(&mut self) -> Scan<&Token> {
        if self.failed {
            return Err(self.fail(None, "the document could not be read"));
        }
        let fetched = self.fetch_more_tokens();
        // go-yaml's reader refuses a control character when the scanner
        // asks for it, before the scanner goes on.
        if let Some(text_line) = self.reader.refused() {
            self.failed = true;
            let mark = Mark {
                text_line,
                ..Mark::default()
            };
            return Err(SyntaxError {
                context: None,
                problem: "control characters are not allowed",
                mark,
            });
        }
        if let Err(error) = fetched {
            self.failed = true;
            return Err(error);
        }
        if self.tokens.is_empty() {
            return Err(self.fail(None, "the document ended"));
        }
        Ok(&self.tokens[0])
    }

    /// Takes the token [`Scanner::peek`] gave.
    pub(super) fn take(&mut self) -> Option<Token> {
        let token = self.tokens.pop_front()?;
        self.tokens_parsed += 1;
        Some(token)
    }

    /// The `k`th character from the current one, NUL past the end.
    fn at(&self, k: usize) -> char {
        match self.text[self.pos..].char_indices().nth(k) {
            Some((at, c)) => {
                self.reader.ask(Some(self.pos + at + c.len_utf8()));
                c
            }
            None => {
                self.reader.ask(None);
                '\0'
            }
        }
    }

    /// Asks the reader for `n` characters from the current one, where
    /// libyaml asks for more than it looks at: the reader's blocks are
    /// those go-yaml decodes.
    fn cache(&self, n: usize) {
        self.at(n - 1);
    }

    fn skip(&mut self) {
        if let Some(c) = self.text[self.pos..].chars().next() {
            self.pos += c.len_utf8();
            self.mark.index += 1;
            self.mark.column += 1;
        }
    }

    /// Skips a line break, `\r\n` being one.
    fn skip_line(&mut self) {
        self.cache(2);
        if self.at(0) == '\r' && self.at(1) == '\n' {
            self.pos += 2;
            self.mark.index += 2;
            self.mark.text_line += 1;
        } else if is_break(self.at(0)) {
            if self.at(0) == '\n' {
                self.mark.text_line += 1;
            }
            self.pos += self.at(0).len_utf8();
            self.mark.index += 1;
        } else {
            return;
        }
        self.mark.column = 0;
        self.mark.line += 1;
    }

    /// The rest of a line after a directive or a block scalar's header:
    /// blanks, maybe a comment, then a line break, which is skipped.
    fn end_line(&mut self, context: Option<(&'static str, Mark)>) -> Scan {
        while is_blank(self.at(0)) {
            self.skip();
        }
        if self.at(0) == '#' {
            while !is_breakz(self.at(0)) {
                self.skip();
            }
        }
        if !is_breakz(self.at(0)) {
            return Err(self.fail(context, "did not find expected comment or line break"));
        }
        self.skip_line();
        Ok(())
    }

    fn read(&mut self, into: &mut String) {
        into.push(self.at(0));
        self.skip();
    }

    /// Reads a line break: `\n` for `\r\n`, `\r`, `\n` and U+0085, itself
    /// for U+2028 and U+2029.
    fn read_line(&mut self, into: &mut String) {
        match self.at(0) {
            '\u{2028}' | '\u{2029}' => into.push(self.at(0)),
            c if is_break(c) => into.push('\n'),
            _ => return,
        }
        self.skip_line();
    }

    fn fail(&self, context: Option<(&'static str, Mark)>, problem: &'static str) -> SyntaxError {
        SyntaxError {
            context,
            problem,
            mark: self.mark,
        }
    }

    fn push(&mut self, kind: TokenKind, start: Mark) {
        self.tokens.push_back(Token::new(kind, start));
    }

    /// Fetches until the head of the queue can no longer become a key.
    fn fetch_more_tokens(&mut self) -> Scan {
        loop {
            if !self.tokens.is_empty() {
                match self.simple_keys_by_token.get(&self.tokens_parsed) {
                    None => break,
                    Some(&level) => {
                        if !self.simple_key_is_valid(level)? {
                            break;
                        }
                    }
                }
            }
            if self.stream_end_fetched {
                break;
            }
            self.fetch_next_token()?;
        }
        Ok(())
    }

    fn fetch_next_token(&mut self) -> Scan {
        self.cache(1);
        if !self.stream_start_produced {
            self.indent = -1;
            self.simple_keys.push(SimpleKey::default());
            self.simple_key_allowed = true;
            self.stream_start_produced = true;
            self.push(TokenKind::StreamStart, self.mark);
            return Ok(());
        }
        self.scan_to_next_token();
        self.unroll_indent(self.mark.column as isize);
        self.cache(4);
        let c = self.at(0);
        let column0 = self.mark.column == 0;
        let marker = column0 && self.at(1) == c && self.at(2) == c && is_blankz(self.at(3));
        match c {
            '\0' => self.fetch_stream_end(),
            '%' if column0 => self.fetch_directive(),
            '-' if marker => self.fetch_document_indicator(TokenKind::DocumentStart),
            '.' if marker => self.fetch_document_indicator(TokenKind::DocumentEnd),
            '[' => self.fetch_flow_collection_start(TokenKind::FlowSequenceStart),
            '{' => self.fetch_flow_collection_start(TokenKind::FlowMappingStart),
            ']' => self.fetch_flow_collection_end(TokenKind::FlowSequenceEnd),
            '}' => self.fetch_flow_collection_end(TokenKind::FlowMappingEnd),
            ',' => {
                self.remove_simple_key()?;
                self.simple_key_allowed = true;
                self.fetch_indicator(TokenKind::FlowEntry);
                Ok(())
            }
            '-' if is_blankz(self.at(1)) => self.fetch_block_entry(),
            '?' if self.flow_level > 0 || is_blankz(self.at(1)) => self.fetch_key(),
            ':' if self.flow_level > 0 || is_blankz(self.at(1)) => self.fetch_value(),
            '*' | '&' => self.fetch_property(|scanner| scanner.scan_anchor()),
            '!' => self.fetch_property(|scanner| scanner.scan_tag()),
            '|' | '>' if self.flow_level == 0 => {
                self.remove_simple_key()?;
                self.simple_key_allowed = true;
                let scalar = self.scan_block_scalar(c == '|')?;
                self.tokens.push_back(scalar);
                Ok(())
            }
            '\'' | '"' => self.fetch_property(|scanner| scanner.scan_flow_scalar(c == '\'')),
            _ if self.starts_plain_scalar(c) => {
                self.save_simple_key()?;
                self.simple_key_allowed = false;
                let scalar = self.scan_plain_scalar()?;
                self.tokens.push_back(scalar);
                Ok(())
            }
            _ => Err(self.fail(
                Some(("while scanning for the next token", self.mark)),
                "found character that cannot start any token",
            )),
        }
    }

    fn starts_plain_scalar(&self, c: char) -> bool {
        let next = self.at(1);
        !(is_blankz(c) || "-?:,[]{}#&*!|>'\"%@`".contains(c))
            || (c == '-' && !is_blank(next))
            || (self.flow_level == 0 && (c == '?' || c == ':') && !is_blankz(next))
    }

    /// Skips spaces, comments and line breaks (tabs too where no simple key
    /// may start, and in flow context).
    ///
    /// libyaml skips a BOM that starts a line too, but go-yaml looks for it
    /// at the start of its buffer, not at the line: the BOM is skipped where
    /// the reader strips it, at the start of each document, and is text
    /// anywhere else.
    fn scan_to_next_token(&mut self) {
        loop {
            while self.at(0) == ' '
                || ((self.flow_level > 0 || !self.simple_key_allowed) && self.at(0) == '\t')
            {
                self.skip();
            }
            if self.at(0) == '#' {
                while !is_breakz(self.at(0)) {
                    self.skip();
                }
            }
            if !is_break(self.at(0)) {
                return;
            }
            self.skip_line();
            if self.flow_level == 0 {
                self.simple_key_allowed = true;
            }
        }
    }
}
