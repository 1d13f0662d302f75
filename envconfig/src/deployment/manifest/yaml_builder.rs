//! The tree of one document, built as go-yaml builds it from the parser's
//! events: anchors and aliases (an alias is the node it names, never a
//! copy), merges checked as each mapping ends, each node's size with its
//! aliases expanded, and what go-yaml refuses once the document parses.

use std::collections::{HashMap, HashSet};

use zeroize::Zeroizing;

use super::super::scalar::{Key, Resolved, ScalarKind, resolve};
use super::events::Event;
use super::{MAX_EXPANDED_NODES, NodeId, Slot, Stage, Stream, Value, decode};

/// A node being built: a sequence, or a mapping with the key that waits
/// for its value.
struct Open {
    id: NodeId,
    key: Option<NodeId>,
}

/// The tree of one document, as its events come.
pub(super) struct Builder<'s> {
    stream: &'s mut Stream,
    /// The document's first node.
    pub start: NodeId,
    open: Vec<Open>,
    /// The nodes of the document's anchors, the last of each name.
    anchors: HashMap<String, NodeId>,
    /// Where the document refers to a node by an alias.
    pub aliases: HashSet<Slot>,
    pub root: Option<NodeId>,
    /// The first thing wrong that go-yaml finds once the document parses.
    pub problem: Option<(Stage, usize, String)>,
}

impl<'s> Builder<'s> {
    /// A builder of the next document of `stream`.
    pub(super) fn new(stream: &'s mut Stream) -> Builder<'s> {
        Builder {
            start: stream.nodes.len(),
            stream,
            open: Vec::new(),
            anchors: HashMap::new(),
            aliases: HashSet::new(),
            root: None,
            problem: None,
        }
    }

    /// Notes what go-yaml finds wrong after parsing: the earliest stage's
    /// first.
    fn problem(&mut self, stage: Stage, line: usize, reason: String) {
        if self
            .problem
            .as_ref()
            .is_none_or(|(first, _, _)| *first < stage)
        {
            self.problem = Some((stage, line, reason));
        }
    }

    /// Puts the node an event starts or ends in the tree.
    pub(super) fn build(&mut self, event: Event, line: usize) -> Result<(), String> {
        let mut alias = false;
        let built = match event {
            Event::Scalar(scalar) => {
                let tag = scalar.properties.tag.as_deref();
                let merge = scalar.value.as_str() == "<<"
                    && (scalar.plain_implicit || tag == Some("tag:yaml.org,2002:merge"));
                let resolved = match resolve(scalar.value, scalar.plain_implicit, tag) {
                    Ok(resolved) => resolved,
                    Err(reason) => {
                        self.problem(Stage::Decode, line, reason);
                        Resolved {
                            kind: ScalarKind::String,
                            text: Zeroizing::default(),
                            key: Key::Text,
                            not_json: false,
                        }
                    }
                };
                let value = Value::Scalar(resolved.text, resolved.kind);
                let id = self.stream.push(value, line)?;
                let node = &mut self.stream.nodes[id];
                node.key = resolved.key;
                node.not_json = resolved.not_json;
                node.merge = merge;
                if let Some(anchor) = scalar.properties.anchor {
                    self.anchors.insert(anchor, id);
                }
                id
            }
            Event::SequenceStart(properties) => {
                return self.open(Value::Seq(Vec::new()), properties.anchor, line);
            }
            Event::MappingStart(properties) => {
                return self.open(Value::Map(Vec::new()), properties.anchor, line);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(done) = self.open.pop() else {
                    return Err("a collection ends that never started".to_owned());
                };
                self.stream.nodes[done.id].open = false;
                if let Some(reason) = decode::bad_merge(self.stream, done.id, &self.aliases) {
                    self.problem(Stage::Decode, self.stream.nodes[done.id].line, reason);
                }
                done.id
            }
            Event::Alias(name) => {
                alias = true;
                match self.anchors.get(&name) {
                    Some(&id) if !self.stream.nodes[id].open => id,
                    Some(_) => {
                        // go-yaml refuses it when it decodes the document.
                        let reason = "an alias inside the node it names".to_owned();
                        self.problem(Stage::Decode, line, reason);
                        let null = Value::Scalar(Zeroizing::default(), ScalarKind::Null);
                        self.stream.push(null, line)?
                    }
                    None => return Err("an alias to an unknown anchor".to_owned()),
                }
            }
            Event::StreamEnd | Event::DocumentStart | Event::DocumentEnd => return Ok(()),
        };
        self.attach(built, alias, line)
    }

    /// A collection starts.
    fn open(&mut self, value: Value, anchor: Option<String>, line: usize) -> Result<(), String> {
        let id = self.stream.push(value, line)?;
        self.stream.nodes[id].open = true;
        if let Some(anchor) = anchor {
            self.anchors.insert(anchor, id);
        }
        self.open.push(Open { id, key: None });
        Ok(())
    }

    /// A complete node goes into the one it belongs to.
    fn attach(&mut self, built: NodeId, alias: bool, line: usize) -> Result<(), String> {
        let Some(&Open { id: parent, key }) = self.open.last() else {
            self.root = Some(built);
            return Ok(());
        };
        let is_collection = !matches!(self.stream.nodes[built].value, Value::Scalar(..));
        let size = self.stream.nodes[built].size;
        let node = &mut self.stream.nodes[parent];
        node.size = node.size.saturating_add(size);
        if node.size > MAX_EXPANDED_NODES {
            return Err(format!(
                "its aliases expand it to more than {MAX_EXPANDED_NODES} nodes \
                 (a \"billion laughs\")"
            ));
        }
        let (slot, waiting_key) = match (&mut node.value, key) {
            (Value::Seq(items), _) => {
                items.push(built);
                (items.len() - 1, None)
            }
            (Value::Map(entries), Some(key)) => {
                entries.push((key, built));
                (2 * entries.len() - 1, None)
            }
            (Value::Map(entries), None) => (2 * entries.len(), Some(built)),
            (Value::Scalar(..), _) => return Ok(()),
        };
        if let Some(open) = self.open.last_mut() {
            open.key = waiting_key;
        }
        if alias {
            self.aliases.insert((parent, slot));
        }
        if waiting_key.is_some() && is_collection {
            let reason = "a mapping or a sequence as a key".to_owned();
            self.problem(Stage::Decode, line, reason);
        }
        Ok(())
    }
}
