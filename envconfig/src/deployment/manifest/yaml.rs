//! A YAML stream as a bounded tree: yaml-rust2's events, assembled into one
//! arena of nodes that anchors and aliases share rather than copy.
//!
//! Untrusted input must not exhaust memory or time: an alias is the node it
//! names, never a copy, and a node whose aliases would expand it past
//! [`MAX_EXPANDED_NODES`] is refused ("billion laughs"), as go-yaml refuses
//! excessive aliasing; at most [`MAX_NODES`] nodes are held at once, and a
//! document that is of no interest is dropped as soon as it ends. No
//! walk recurses, so no nesting can overflow the stack.

use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use zeroize::Zeroizing;

use super::scalar::{ScalarKind, resolve};

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
}

pub(super) enum Value {
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

/// A node being built: a sequence, or a mapping with the key that waits
/// for its value.
struct Open {
    id: NodeId,
    key: Option<NodeId>,
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
        let mut parser = Parser::new_from_str(text);
        let mut number = 0;
        let mut start = 0;
        let mut open: Vec<Open> = Vec::new();
        let mut root = None;
        // The nodes of this document's anchors.
        let mut anchors: HashMap<usize, NodeId> = HashMap::new();
        loop {
            let (event, mark) = parser.next_token().map_err(|error| YamlError {
                document: number.max(1),
                line: error.marker().line(),
                reason: scan_reason(error.info()),
            })?;
            let fail = |reason: &str| YamlError {
                document: number.max(1),
                line: mark.line(),
                reason: reason.to_owned(),
            };
            let built = match event {
                Event::StreamEnd => break,
                Event::StreamStart | Event::Nothing => continue,
                Event::DocumentStart => {
                    number += 1;
                    start = stream.nodes.len();
                    anchors.clear();
                    continue;
                }
                Event::DocumentEnd => {
                    match root.take() {
                        Some(root) if keep(&stream, root) => {
                            stream.documents.push(Document { number, root });
                        }
                        _ => stream.nodes.truncate(start),
                    }
                    continue;
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let core_tag = tag
                        .as_ref()
                        .filter(|tag| tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!")
                        .map(|tag| tag.suffix.as_str());
                    let kind = resolve(&text, style == TScalarStyle::Plain, core_tag);
                    let value = Value::Scalar(Zeroizing::new(text), kind);
                    let id = stream.push(value, mark).map_err(|reason| fail(&reason))?;
                    if anchor > 0 {
                        anchors.insert(anchor, id);
                    }
                    id
                }
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    let value = match event {
                        Event::SequenceStart(..) => Value::Seq(Vec::new()),
                        _ => Value::Map(Vec::new()),
                    };
                    let id = stream.push(value, mark).map_err(|reason| fail(&reason))?;
                    stream.nodes[id].open = true;
                    if anchor > 0 {
                        anchors.insert(anchor, id);
                    }
                    open.push(Open { id, key: None });
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(done) = open.pop() else {
                        return Err(fail("a collection ends that never started"));
                    };
                    if let Some(first) = stream.repeated_key(done.id) {
                        return Err(fail(&format!(
                            "a key of the mapping at line {} is given twice (first at line \
                             {first}); Kubernetes rejects it",
                            stream.nodes[done.id].line
                        )));
                    }
                    stream.nodes[done.id].open = false;
                    done.id
                }
                Event::Alias(anchor) => match anchors.get(&anchor) {
                    Some(&id) if !stream.nodes[id].open => id,
                    Some(_) => return Err(fail("an alias inside the node it names")),
                    None => return Err(fail("an alias to an unknown anchor")),
                },
            };
            // The node is complete: it goes into the one it belongs to.
            let size = stream.nodes[built].size;
            match open.last_mut() {
                None => root = Some(built),
                Some(parent) => {
                    let node = &mut stream.nodes[parent.id];
                    node.size = node.size.saturating_add(size);
                    if node.size > MAX_EXPANDED_NODES {
                        return Err(fail(&format!(
                            "its aliases expand it to more than {MAX_EXPANDED_NODES} nodes \
                             (a \"billion laughs\")"
                        )));
                    }
                    match (&mut node.value, parent.key.take()) {
                        (Value::Seq(items), _) => items.push(built),
                        (Value::Map(entries), Some(key)) => entries.push((key, built)),
                        (Value::Map(_), None) => parent.key = Some(built),
                        (Value::Scalar(..), _) => {}
                    }
                }
            }
        }
        Ok(stream)
    }

    fn push(&mut self, value: Value, mark: Marker) -> Result<NodeId, String> {
        if self.nodes.len() >= MAX_NODES {
            return Err(format!("the manifest has more than {MAX_NODES} YAML nodes"));
        }
        self.nodes.push(Node {
            line: mark.line(),
            value,
            size: 1,
            open: false,
        });
        Ok(self.nodes.len() - 1)
    }

    /// The line of the first of two keys of a mapping that are the same.
    fn repeated_key(&self, map: NodeId) -> Option<usize> {
        let Value::Map(entries) = &self.nodes[map].value else {
            return None;
        };
        let mut keys: Vec<(&str, usize)> = entries
            .iter()
            .filter_map(|(key, _)| Some((self.text(*key)?, self.nodes[*key].line)))
            .collect();
        keys.sort_unstable();
        keys.windows(2)
            .find(|pair| pair[0].0 == pair[1].0)
            .map(|pair| pair[0].1)
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

    /// The value of `key` in a mapping, merged mappings (`<<: *base`)
    /// included: a key of the mapping itself wins, then the merged ones in
    /// order.
    pub(super) fn get(&self, map: NodeId, key: &str) -> Option<NodeId> {
        let mut pending = vec![map];
        while let Some(map) = pending.pop() {
            let Value::Map(entries) = &self.nodes[map].value else {
                continue;
            };
            if let Some((_, value)) = entries.iter().find(|(k, _)| self.text(*k) == Some(key)) {
                return Some(*value);
            }
            // Merged in reverse, as the stack pops the last first.
            for (k, value) in entries.iter().rev() {
                if matches!(self.nodes[*k].value, Value::Scalar(_, ScalarKind::Merge)) {
                    match &self.nodes[*value].value {
                        Value::Seq(maps) => pending.extend(maps.iter().rev()),
                        _ => pending.push(*value),
                    }
                }
            }
        }
        None
    }

    /// A mapping's keys and values, merged mappings included after its
    /// own keys, each key once.
    pub(super) fn entries(&self, map: NodeId) -> Vec<(&str, NodeId)> {
        let mut seen: Vec<(&str, NodeId)> = Vec::new();
        let mut names: HashSet<&str> = HashSet::new();
        let mut pending = vec![map];
        while let Some(map) = pending.pop() {
            let Value::Map(entries) = &self.nodes[map].value else {
                continue;
            };
            let mut merged = Vec::new();
            for (key, value) in entries {
                match &self.nodes[*key].value {
                    Value::Scalar(_, ScalarKind::Merge) => merged.push(*value),
                    Value::Scalar(text, _) if names.insert(text) => seen.push((text, *value)),
                    _ => {}
                }
            }
            for value in merged.into_iter().rev() {
                match &self.nodes[value].value {
                    Value::Seq(maps) => pending.extend(maps.iter().rev()),
                    _ => pending.push(value),
                }
            }
        }
        seen
    }
}

/// What the scanner says is wrong, never with the text it found: an
/// unexpected character could be the first of a secret.
fn scan_reason(info: &str) -> String {
    match info.find('`') {
        Some(at) => info[..at].trim_end_matches([' ', ':']).to_owned(),
        None => info.to_owned(),
    }
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
