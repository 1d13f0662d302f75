//! The events of the first document of a text, as go-yaml v2 parses it:
//! libyaml's grammar of block and flow collections, properties (anchors
//! and tags) and empty nodes, over the tokens of [`Scanner`].

use zeroize::Zeroizing;

use super::scanner::{Mark, Scanner, Style, SyntaxError, Token, TokenKind as Kind};

#[path = "yaml_document.rs"]
mod document;

pub(super) enum Event {
    /// The text holds no document.
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Alias(String),
    Scalar(Scalar),
    SequenceStart(Properties),
    SequenceEnd,
    MappingStart(Properties),
    MappingEnd,
}

#[derive(Default)]
pub(super) struct Properties {
    pub anchor: Option<String>,
    /// The full tag: `tag:yaml.org,2002:str` for `!!str`, `!x` for `!x`.
    pub tag: Option<String>,
}

pub(super) struct Scalar {
    pub value: Zeroizing<String>,
    pub properties: Properties,
    /// Plain and untagged (or tagged `!`): its type is resolved from its
    /// text.
    pub plain_implicit: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    StreamStart,
    DocumentContent,
    DocumentEnd,
    BlockNode,
    BlockSequenceFirstEntry,
    BlockSequenceEntry,
    IndentlessSequenceEntry,
    BlockMappingFirstKey,
    BlockMappingKey,
    BlockMappingValue,
    FlowSequenceFirstEntry,
    FlowSequenceEntry,
    FlowSequenceEntryMappingKey,
    FlowSequenceEntryMappingValue,
    FlowSequenceEntryMappingEnd,
    FlowMappingFirstKey,
    FlowMappingKey,
    FlowMappingValue,
    FlowMappingEmptyValue,
    End,
}

type Parse<T> = Result<T, SyntaxError>;

pub(super) struct Parser<'t> {
    scanner: Scanner<'t>,
    state: State,
    /// The states to return to, innermost last.
    states: Vec<State>,
    /// Where the open collections start, for messages.
    marks: Vec<Mark>,
    /// The document's `%TAG` directives: each handle and its prefix.
    tag_handles: Vec<(String, String)>,
}

fn error(context: Option<(&'static str, Mark)>, problem: &'static str, mark: Mark) -> SyntaxError {
    SyntaxError {
        context,
        problem,
        mark,
    }
}

fn empty_scalar() -> Event {
    Event::Scalar(Scalar {
        value: Zeroizing::new(String::new()),
        properties: Properties::default(),
        plain_implicit: true,
    })
}

impl<'t> Parser<'t> {
    /// A parser of `text`, which go-yaml's input holds after `skipped`
    /// bytes (a BOM).
    pub(super) fn new(text: &'t str, skipped: usize) -> Parser<'t> {
        Parser {
            scanner: Scanner::new(text, skipped),
            state: State::StreamStart,
            states: Vec::new(),
            marks: Vec::new(),
            tag_handles: Vec::new(),
        }
    }

    fn peek(&mut self) -> Parse<(Kind, Mark)> {
        let token = self.scanner.peek()?;
        Ok((token.kind, token.start))
    }

    /// Takes the token [`Parser::peek`] saw: what it holds.
    fn take(&mut self) -> Token {
        self.scanner
            .take()
            .unwrap_or_else(|| Token::new(Kind::StreamEnd, Mark::default()))
    }

    fn pop_state(&mut self) {
        self.state = self.states.pop().unwrap_or(State::End);
    }

    /// The next event of the first document and where it starts; after the
    /// document's end, [`Event::StreamEnd`].
    pub(super) fn next(&mut self) -> Parse<(Event, Mark)> {
        match self.state {
            State::StreamStart => {
                self.peek()?;
                self.take();
                self.document_start()
            }
            State::DocumentContent => {
                let (kind, mark) = self.peek()?;
                if matches!(
                    kind,
                    Kind::Directive(_) | Kind::DocumentStart | Kind::DocumentEnd | Kind::StreamEnd
                ) {
                    self.pop_state();
                    return Ok((empty_scalar(), mark));
                }
                self.node(true, false)
            }
            State::DocumentEnd => {
                let (kind, mark) = self.peek()?;
                if kind == Kind::DocumentEnd {
                    self.take();
                }
                self.state = State::End;
                Ok((Event::DocumentEnd, mark))
            }
            State::BlockNode => self.node(true, false),
            State::BlockSequenceFirstEntry => self.block_sequence_entry(true),
            State::BlockSequenceEntry => self.block_sequence_entry(false),
            State::IndentlessSequenceEntry => self.indentless_sequence_entry(),
            State::BlockMappingFirstKey => self.block_mapping_key(true),
            State::BlockMappingKey => self.block_mapping_key(false),
            State::BlockMappingValue => self.block_mapping_value(),
            State::FlowSequenceFirstEntry => self.flow_sequence_entry(true),
            State::FlowSequenceEntry => self.flow_sequence_entry(false),
            State::FlowSequenceEntryMappingKey => self.flow_sequence_entry_mapping_key(),
            State::FlowSequenceEntryMappingValue => self.flow_sequence_entry_mapping_value(),
            State::FlowSequenceEntryMappingEnd => {
                let (_, mark) = self.peek()?;
                self.state = State::FlowSequenceEntry;
                Ok((Event::MappingEnd, mark))
            }
            State::FlowMappingFirstKey => self.flow_mapping_key(true),
            State::FlowMappingKey => self.flow_mapping_key(false),
            State::FlowMappingValue => self.flow_mapping_value(false),
            State::FlowMappingEmptyValue => self.flow_mapping_value(true),
            State::End => Ok((Event::StreamEnd, Mark::default())),
        }
    }

    /// A node: an alias, or properties then content (a collection, a
    /// scalar, or nothing).
    fn node(&mut self, block: bool, indentless_sequence: bool) -> Parse<(Event, Mark)> {
        let (mut kind, start) = self.peek()?;
        if kind == Kind::Alias {
            let name = std::mem::take(&mut *self.take().text);
            self.pop_state();
            return Ok((Event::Alias(name), start));
        }
        // ANCHOR TAG? or TAG ANCHOR?: a second anchor (or tag) is the next
        // node's.
        let mut anchor = None;
        let mut handle_suffix = None;
        let mut tag_mark = start;
        for _ in 0..2 {
            match (kind, anchor.is_none(), handle_suffix.is_none()) {
                (Kind::Anchor, true, _) => {
                    anchor = Some(std::mem::take(&mut *self.take().text));
                }
                (Kind::Tag, _, true) => {
                    let mut tag = self.take();
                    tag_mark = tag.start;
                    handle_suffix = Some((tag.handle, std::mem::take(&mut *tag.text)));
                }
                _ => break,
            }
            kind = self.peek()?.0;
        }
        let tag = match handle_suffix {
            None => None,
            Some((handle, suffix)) if handle.is_empty() => Some(suffix),
            Some((handle, suffix)) => match self.tag_prefix(&handle) {
                Some(prefix) => Some(format!("{prefix}{suffix}")),
                None => {
                    return Err(error(
                        Some(("while parsing a node", start)),
                        "found undefined tag handle",
                        tag_mark,
                    ));
                }
            },
        };
        let implicit = tag.is_none();
        let properties = Properties { anchor, tag };
        let (kind, at) = self.peek()?;
        if indentless_sequence && kind == Kind::BlockEntry {
            self.state = State::IndentlessSequenceEntry;
            return Ok((Event::SequenceStart(properties), start));
        }
        match kind {
            Kind::Scalar(style) => {
                let value = self.take().text;
                let plain_implicit =
                    (implicit && style == Style::Plain) || properties.tag.as_deref() == Some("!");
                self.pop_state();
                let scalar = Scalar {
                    value,
                    properties,
                    plain_implicit,
                };
                Ok((Event::Scalar(scalar), start))
            }
            Kind::FlowSequenceStart => {
                self.state = State::FlowSequenceFirstEntry;
                Ok((Event::SequenceStart(properties), start))
            }
            Kind::FlowMappingStart => {
                self.state = State::FlowMappingFirstKey;
                Ok((Event::MappingStart(properties), start))
            }
            Kind::BlockSequenceStart if block => {
                self.state = State::BlockSequenceFirstEntry;
                Ok((Event::SequenceStart(properties), start))
            }
            Kind::BlockMappingStart if block => {
                self.state = State::BlockMappingFirstKey;
                Ok((Event::MappingStart(properties), start))
            }
            _ if properties.anchor.is_some() || properties.tag.is_some() => {
                self.pop_state();
                let scalar = Scalar {
                    value: Zeroizing::new(String::new()),
                    plain_implicit: implicit,
                    properties,
                };
                Ok((Event::Scalar(scalar), start))
            }
            _ => {
                let context = if block {
                    "while parsing a block node"
                } else {
                    "while parsing a flow node"
                };
                Err(error(
                    Some((context, start)),
                    "did not find expected node content",
                    at,
                ))
            }
        }
    }

    /// The end of a collection: the state it returns to.
    fn end(&mut self, event: Event, mark: Mark) -> Parse<(Event, Mark)> {
        self.pop_state();
        self.marks.pop();
        self.take();
        Ok((event, mark))
    }

    /// Where the collection being read started, for a message.
    fn context(&mut self, what: &'static str) -> Option<(&'static str, Mark)> {
        Some((what, self.marks.pop().unwrap_or_default()))
    }

    fn open(&mut self) -> Parse<()> {
        let (_, mark) = self.peek()?;
        self.marks.push(mark);
        self.take();
        Ok(())
    }

    /// After an entry's indicator: the node, or an empty one.
    fn entry_node(
        &mut self,
        next: State,
        ends: &[Kind],
        mark: Mark,
        indentless: bool,
    ) -> Parse<(Event, Mark)> {
        let (kind, _) = self.peek()?;
        if ends.contains(&kind) {
            self.state = next;
            return Ok((empty_scalar(), mark));
        }
        self.states.push(next);
        self.node(true, indentless)
    }

    fn block_sequence_entry(&mut self, first: bool) -> Parse<(Event, Mark)> {
        if first {
            self.open()?;
        }
        let (kind, mark) = self.peek()?;
        match kind {
            Kind::BlockEntry => {
                self.take();
                let ends = [Kind::BlockEntry, Kind::BlockEnd];
                self.entry_node(State::BlockSequenceEntry, &ends, mark, false)
            }
            Kind::BlockEnd => self.end(Event::SequenceEnd, mark),
            _ => {
                let context = self.context("while parsing a block collection");
                Err(error(context, "did not find expected '-' indicator", mark))
            }
        }
    }

    fn indentless_sequence_entry(&mut self) -> Parse<(Event, Mark)> {
        let (kind, mark) = self.peek()?;
        if kind != Kind::BlockEntry {
            self.pop_state();
            return Ok((Event::SequenceEnd, mark));
        }
        self.take();
        let ends = [Kind::BlockEntry, Kind::Key, Kind::Value, Kind::BlockEnd];
        self.entry_node(State::IndentlessSequenceEntry, &ends, mark, false)
    }

    fn block_mapping_key(&mut self, first: bool) -> Parse<(Event, Mark)> {
        if first {
            self.open()?;
        }
        let (kind, mark) = self.peek()?;
        match kind {
            Kind::Key => {
                self.take();
                let ends = [Kind::Key, Kind::Value, Kind::BlockEnd];
                self.entry_node(State::BlockMappingValue, &ends, mark, true)
            }
            Kind::BlockEnd => self.end(Event::MappingEnd, mark),
            _ => {
                let context = self.context("while parsing a block mapping");
                Err(error(context, "did not find expected key", mark))
            }
        }
    }

    fn block_mapping_value(&mut self) -> Parse<(Event, Mark)> {
        let (kind, mark) = self.peek()?;
        if kind != Kind::Value {
            self.state = State::BlockMappingKey;
            return Ok((empty_scalar(), mark));
        }
        self.take();
        let ends = [Kind::Key, Kind::Value, Kind::BlockEnd];
        self.entry_node(State::BlockMappingKey, &ends, mark, true)
    }

    fn flow_sequence_entry(&mut self, first: bool) -> Parse<(Event, Mark)> {
        if first {
            self.open()?;
        }
        let (mut kind, mut mark) = self.peek()?;
        if kind != Kind::FlowSequenceEnd {
            if !first {
                if kind != Kind::FlowEntry {
                    let context = self.context("while parsing a flow sequence");
                    return Err(error(context, "did not find expected ',' or ']'", mark));
                }
                self.take();
                (kind, mark) = self.peek()?;
            }
            if kind == Kind::Key {
                // `[a: b]`: a mapping of one pair.
                self.state = State::FlowSequenceEntryMappingKey;
                self.take();
                let properties = Properties::default();
                return Ok((Event::MappingStart(properties), mark));
            }
            if kind != Kind::FlowSequenceEnd {
                self.states.push(State::FlowSequenceEntry);
                return self.node(false, false);
            }
        }
        self.end(Event::SequenceEnd, mark)
    }

    fn flow_sequence_entry_mapping_key(&mut self) -> Parse<(Event, Mark)> {
        let (kind, mark) = self.peek()?;
        if ![Kind::Value, Kind::FlowEntry, Kind::FlowSequenceEnd].contains(&kind) {
            self.states.push(State::FlowSequenceEntryMappingValue);
            return self.node(false, false);
        }
        self.take();
        self.state = State::FlowSequenceEntryMappingValue;
        Ok((empty_scalar(), mark))
    }

    fn flow_sequence_entry_mapping_value(&mut self) -> Parse<(Event, Mark)> {
        let (mut kind, mut mark) = self.peek()?;
        if kind == Kind::Value {
            self.take();
            (kind, mark) = self.peek()?;
            if kind != Kind::FlowEntry && kind != Kind::FlowSequenceEnd {
                self.states.push(State::FlowSequenceEntryMappingEnd);
                return self.node(false, false);
            }
        }
        self.state = State::FlowSequenceEntryMappingEnd;
        Ok((empty_scalar(), mark))
    }

    fn flow_mapping_key(&mut self, first: bool) -> Parse<(Event, Mark)> {
        if first {
            self.open()?;
        }
        let (mut kind, mut mark) = self.peek()?;
        if kind != Kind::FlowMappingEnd {
            if !first {
                if kind != Kind::FlowEntry {
                    let context = self.context("while parsing a flow mapping");
                    return Err(error(context, "did not find expected ',' or '}'", mark));
                }
                self.take();
                (kind, mark) = self.peek()?;
            }
            if kind == Kind::Key {
                self.take();
                (kind, mark) = self.peek()?;
                if ![Kind::Value, Kind::FlowEntry, Kind::FlowMappingEnd].contains(&kind) {
                    self.states.push(State::FlowMappingValue);
                    return self.node(false, false);
                }
                self.state = State::FlowMappingValue;
                return Ok((empty_scalar(), mark));
            }
            if kind != Kind::FlowMappingEnd {
                self.states.push(State::FlowMappingEmptyValue);
                return self.node(false, false);
            }
        }
        self.end(Event::MappingEnd, mark)
    }

    fn flow_mapping_value(&mut self, empty: bool) -> Parse<(Event, Mark)> {
        let (mut kind, mut mark) = self.peek()?;
        if !empty && kind == Kind::Value {
            self.take();
            (kind, mark) = self.peek()?;
            if kind != Kind::FlowEntry && kind != Kind::FlowMappingEnd {
                self.states.push(State::FlowMappingKey);
                return self.node(false, false);
            }
        }
        self.state = State::FlowMappingKey;
        Ok((empty_scalar(), mark))
    }
}
