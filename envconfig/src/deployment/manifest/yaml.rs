//! A YAML stream as a bounded tree, read as `kubectl` reads it.
//!
//! kubectl splits the stream into documents at its `---` lines
//! ([`chunks`]), reads each with go-yaml v2 (YAML 1.1, libyaml's scanner
//! and parser: [`scanner`], [`events`], [`builder`]), and turns it into
//! JSON (`sigs.k8s.io/yaml`): duplicate keys and merges (`<<`) overwrite
//! what came before, keys become strings, and a document JSON cannot hold
//! is refused; then it decodes each document that is not null into an
//! object, and refuses one that is no mapping. A stream that starts with
//! `{` is JSON ([`json`]). This module reproduces those steps; what kubectl
//! refuses is refused, naming the document and line.
//!
//! Untrusted input must not exhaust memory or time: an alias is the node it
//! names, never a copy, and a node whose aliases would expand it past
//! [`MAX_EXPANDED_NODES`] is refused ("billion laughs"), as go-yaml refuses
//! excessive aliasing ([`decode`]); at most [`MAX_NODES`] nodes are held
//! at once, and a document that is of no interest is dropped as soon as it
//! ends. No walk recurses, so no nesting can overflow the stack.

use std::collections::{HashMap, HashSet};

use zeroize::Zeroizing;

use super::scalar::{Key, ScalarKind};

#[path = "yaml_builder.rs"]
mod builder;
#[path = "yaml_chunks.rs"]
mod chunks;
#[path = "yaml_decode.rs"]
mod decode;
#[path = "yaml_encoding.rs"]
pub(super) mod encoding;
#[path = "yaml_events.rs"]
mod events;
#[path = "yaml_json.rs"]
mod json;
#[path = "yaml_scanner.rs"]
mod scanner;

use self::builder::Builder;
use self::chunks::{Chunk, Chunks};
use self::events::{Event, Parser};
use self::scanner::{Mark, SyntaxError};

/// The most nodes held at once.
pub(super) const MAX_NODES: usize = 1_000_000;

/// The most nodes one node may stand for, its aliases expanded.
pub(super) const MAX_EXPANDED_NODES: u64 = 1_000_000;

pub(super) type NodeId = usize;

/// The documents of a stream that were kept.
pub(super) struct Stream {
    nodes: Vec<Node>,
    pub documents: Vec<Document>,
}

/// One document of the stream.
pub(super) struct Document {
    /// Its place in the stream, from 1.
    pub number: usize,
    pub root: NodeId,
}

pub(super) struct Node {
    /// The 1-based line it starts on.
    pub line: usize,
    pub value: Value,
    /// How many nodes it stands for, its aliases expanded.
    size: u64,
    /// A collection that has started and not ended: an alias cannot name it.
    open: bool,
    /// What it is as a key once the document is JSON.
    key: Key,
    /// A value JSON cannot hold (NaN, an infinity).
    not_json: bool,
    /// `<<` as a key: the mapping that is its value is merged.
    merge: bool,
}

pub(super) enum Value {
    /// A string's text, or the text of a number, boolean or null.
    Scalar(Zeroizing<String>, ScalarKind),
    Seq(Vec<NodeId>),
    Map(Vec<(NodeId, NodeId)>),
}

/// Why a stream cannot be read: where, and what is wrong, in words that
/// never quote it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct YamlError {
    pub document: usize,
    pub line: usize,
    pub reason: String,
}

/// Where a reference to a node is an alias: in a sequence (the index of
/// the item), in a mapping (twice the index of the pair, plus one for its
/// value).
type Slot = (NodeId, usize);

/// How late kubectl finds what is wrong with a document, once it parses:
/// go-yaml's decoding first, then the keys' conversion to JSON's strings,
/// then JSON's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Json,
    Keys,
    Decode,
}

impl Stream {
    /// Reads every document of `text`, keeping those whose root `keep`
    /// wants.
    pub(super) fn parse(
        text: &str,
        keep: impl Fn(&Stream, NodeId) -> bool,
    ) -> Result<Stream, YamlError> {
        let mut stream = Stream {
            nodes: Vec::new(),
            documents: Vec::new(),
        };
        // kubectl drops a BOM that starts the stream.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if json::is_json(text) {
            json::parse(&mut stream, text, &keep)?;
            return Ok(stream);
        }
        for chunk in Chunks::new(text) {
            let chunk = chunk.map_err(|bad| YamlError {
                document: bad.document,
                line: bad.line,
                reason: "a line that starts with `---` and goes on with more than a comment: \
                         kubectl takes `---` alone on its line for a document separator"
                    .to_owned(),
            })?;
            stream.read_document(&chunk, &keep)?;
        }
        Ok(stream)
    }

    /// Reads the first document of `chunk` (go-yaml reads no other).
    fn read_document(
        &mut self,
        chunk: &Chunk,
        keep: &impl Fn(&Stream, NodeId) -> bool,
    ) -> Result<(), YamlError> {
        let at_line = |mark: Mark| chunk.first_line + mark.text_line;
        let fail = |line: usize, reason: String| YamlError {
            document: chunk.document,
            line,
            reason,
        };
        let text = chunk.text.strip_prefix('\u{feff}').unwrap_or(&chunk.text);
        let skipped = chunk.text.len() - text.len();
        let mut builder = Builder::new(self);
        let mut parser = Parser::new(text, skipped);
        loop {
            let (event, mark) = parser.next().map_err(|error| {
                let SyntaxError {
                    context,
                    problem,
                    mark,
                } = error;
                let reason = match context {
                    Some((context, start)) => {
                        format!("{context} (from line {}), {problem}", at_line(start))
                    }
                    None => problem.to_owned(),
                };
                fail(at_line(mark), reason)
            })?;
            let line = at_line(mark);
            match event {
                Event::StreamEnd => return Ok(()),
                Event::DocumentStart => {}
                Event::DocumentEnd => break,
                event => builder
                    .build(event, line)
                    .map_err(|reason| fail(line, reason))?,
            }
        }
        let Builder {
            start,
            root,
            mut problem,
            aliases,
            ..
        } = builder;
        if let Some(root) = root {
            if problem.is_none() {
                problem = decode::excessive_aliasing(self, root, &aliases);
            }
            if problem.is_none() {
                problem = decode::json_problem(self, root);
            }
        }
        if let Some((_, line, reason)) = problem {
            return Err(fail(line, reason));
        }
        if let Some(reason) = root.and_then(|root| self.not_an_object(root)) {
            let line = root.map_or(chunk.first_line, |root| self.nodes[root].line);
            return Err(fail(line, reason));
        }
        match root {
            Some(root) if keep(self, root) => {
                self.documents.push(Document {
                    number: chunk.document,
                    root,
                });
            }
            _ => self.nodes.truncate(start),
        }
        Ok(())
    }

    fn push(&mut self, value: Value, line: usize) -> Result<NodeId, String> {
        if self.nodes.len() >= MAX_NODES {
            return Err(format!("the manifest has more than {MAX_NODES} YAML nodes"));
        }
        self.nodes.push(Node {
            line,
            value,
            size: 1,
            open: false,
            key: Key::Refused("a mapping or a sequence as a key"),
            not_json: false,
            merge: false,
        });
        Ok(self.nodes.len() - 1)
    }

    /// Why kubectl refuses a document with this root, if it does: a null
    /// is no document, and anything else but a mapping is no object.
    fn not_an_object(&self, root: NodeId) -> Option<String> {
        let what = match &self.nodes[root].value {
            Value::Map(_) | Value::Scalar(_, ScalarKind::Null) => return None,
            Value::Seq(_) => "a sequence",
            Value::Scalar(_, kind) => kind.noun(),
        };
        Some(format!(
            "the document is {what}, not an object (a mapping): kubectl refuses it"
        ))
    }

    pub(super) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    pub(super) fn line(&self, id: NodeId) -> usize {
        self.nodes[id].line
    }

    /// A scalar's text, whatever it is read as.
    pub(super) fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].value {
            Value::Scalar(text, _) => Some(text),
            _ => None,
        }
    }

    /// A scalar read as a string (`None` for `8080`, `yes`, a mapping).
    pub(super) fn str(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].value {
            Value::Scalar(text, ScalarKind::String) => Some(text),
            _ => None,
        }
    }

    /// A YAML number that JSON, once kubectl has read the document, writes
    /// as an integer (`0x50`, `80.0` and `8e1` are 80), as an `int32`
    /// field takes it; `None` for a string (`"80"`), `80.5` or anything
    /// else.
    pub(super) fn integer(&self, id: NodeId) -> Option<i64> {
        match &self.nodes[id].value {
            Value::Scalar(_, ScalarKind::Number) => self.key_text(id)?.parse().ok(),
            _ => None,
        }
    }

    /// What a node is as a key: a string's text, `"16"` for `0x10`; `None`
    /// for what cannot be a key.
    fn key_text(&self, id: NodeId) -> Option<&str> {
        let node = &self.nodes[id];
        match (&node.value, &node.key) {
            (Value::Scalar(text, _), Key::Text) => Some(text),
            (Value::Scalar(..), Key::Other(text)) => Some(text),
            _ => None,
        }
    }

    /// Whether a mapping's `key` holds `true`, as `optional: true` does.
    pub(super) fn is_true(&self, map: NodeId, key: &str) -> bool {
        self.get(map, key).is_some_and(|value| {
            matches!(&self.nodes[value].value, Value::Scalar(text, ScalarKind::Bool)
                if ["y", "yes", "true", "on"].iter().any(|word| text.eq_ignore_ascii_case(word)))
        })
    }

    /// A sequence's items; none for anything else.
    pub(super) fn items(&self, id: NodeId) -> &[NodeId] {
        match &self.nodes[id].value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// The value of `key` in a mapping, as go-yaml sets it: of the pairs
    /// of the mapping and of the mappings it merges (`<<: *base`), the last
    /// it sets.
    pub(super) fn get(&self, map: NodeId, key: &str) -> Option<NodeId> {
        let Value::Map(entries) = &self.nodes[map].value else {
            return None;
        };
        if !entries.iter().any(|(k, _)| self.nodes[*k].merge) {
            return entries
                .iter()
                .rev()
                .find(|(k, _)| self.key_text(*k) == Some(key))
                .map(|(_, value)| *value);
        }
        decode::pairs(self, map)
            .into_iter()
            .rev()
            .find(|(k, _)| self.key_text(*k) == Some(key))
            .map(|(_, value)| value)
    }

    /// A mapping's keys and values, merged mappings included, each key once
    /// with the value go-yaml sets last, in the order the keys first appear.
    pub(super) fn entries(&self, map: NodeId) -> Vec<(&str, NodeId)> {
        let pairs = decode::pairs(self, map);
        let mut last: HashMap<&str, NodeId> = HashMap::new();
        for (key, value) in &pairs {
            if let Some(text) = self.key_text(*key) {
                last.insert(text, *value);
            }
        }
        let mut seen: HashSet<&str> = HashSet::new();
        pairs
            .iter()
            .filter_map(|(key, _)| self.key_text(*key))
            .filter(|text| seen.insert(text))
            .map(|text| (text, last[text]))
            .collect()
    }
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "yaml_kubectl_tests.rs"]
mod kubectl_tests;
