//! What go-yaml and sigs.k8s.io/yaml do with a parsed document: merge
//! keys (`<<`), its limit on aliases, and its conversion to JSON.

use std::collections::{HashMap, HashSet};

use super::{NodeId, Slot, Stage, Stream, Value};

/// The pairs go-yaml sets in a mapping, in the order it sets them: its own,
/// and at each `<<` those of the mappings it merges (of a sequence of them,
/// the last first, so that the first wins).
pub(super) fn pairs(stream: &Stream, map: NodeId) -> Vec<(NodeId, NodeId)> {
    let mut pairs = Vec::new();
    // Mappings being read, with the index of their next pair.
    let mut reading = vec![(map, 0)];
    while let Some((map, index)) = reading.pop() {
        let Value::Map(entries) = &stream.nodes[map].value else {
            continue;
        };
        let Some(&(key, value)) = entries.get(index) else {
            continue;
        };
        reading.push((map, index + 1));
        if !stream.nodes[key].merge {
            pairs.push((key, value));
            continue;
        }
        match &stream.nodes[value].value {
            Value::Map(_) => reading.push((value, 0)),
            Value::Seq(maps) => reading.extend(maps.iter().map(|&map| (map, 0))),
            Value::Scalar(..) => {}
        }
    }
    pairs
}

/// Why a mapping's `<<` cannot merge what it names: go-yaml merges a
/// mapping, or a sequence of them written out (an alias must name a
/// mapping).
pub(super) fn bad_merge(stream: &Stream, map: NodeId, aliases: &HashSet<Slot>) -> Option<String> {
    let Value::Map(entries) = &stream.nodes[map].value else {
        return None;
    };
    let is_map = |id: NodeId| matches!(stream.nodes[id].value, Value::Map(_));
    let bad = entries.iter().enumerate().any(|(index, &(key, value))| {
        stream.nodes[key].merge
            && match &stream.nodes[value].value {
                Value::Map(_) => false,
                Value::Seq(items) => {
                    aliases.contains(&(map, 2 * index + 1))
                        || !items.iter().all(|&item| is_map(item))
                }
                Value::Scalar(..) => true,
            }
    });
    bad.then(|| "map merge requires map or sequence of maps as the value".to_owned())
}

/// The share of a document's decoding that may come from aliases, as
/// go-yaml allows it after `decoded` nodes: 99% up to 400,000, down to 10%
/// at 4,000,000.
fn allowed_alias_ratio(decoded: u64) -> f64 {
    const LOW: u64 = 400_000;
    const HIGH: u64 = 4_000_000;
    match decoded {
        ..=LOW => 0.99,
        HIGH.. => 0.10,
        _ => 0.99 - 0.89 * ((decoded - LOW) as f64 / (HIGH - LOW) as f64),
    }
}

/// go-yaml's "excessive aliasing": its decoding of the document, node by
/// node (an alias, then again each node it names), fails once more than
/// 100 of more than 1,000 decoded nodes came through aliases and their
/// share passes [`allowed_alias_ratio`].
pub(super) fn excessive_aliasing(
    stream: &Stream,
    root: NodeId,
    aliases: &HashSet<Slot>,
) -> Option<(Stage, usize, String)> {
    if aliases.is_empty() {
        return None;
    }
    enum Step {
        /// A node, reached through an alias or not.
        Node(NodeId, bool),
        /// The value of `<<`, reached through an alias or not.
        Merge(NodeId, bool),
        /// Out of an alias.
        Leave,
    }
    // The document node counts.
    let mut decoded: u64 = 1;
    let mut through_aliases: u64 = 0;
    let mut depth = 0;
    let mut steps = vec![Step::Node(root, false)];
    while let Some(step) = steps.pop() {
        let (id, alias) = match step {
            Step::Leave => {
                depth -= 1;
                continue;
            }
            Step::Merge(id, true) => (id, true),
            Step::Merge(id, false) => {
                match &stream.nodes[id].value {
                    Value::Map(_) => steps.push(Step::Node(id, false)),
                    Value::Seq(items) => steps.extend(
                        items
                            .iter()
                            .enumerate()
                            .map(|(index, &item)| Step::Node(item, aliases.contains(&(id, index)))),
                    ),
                    Value::Scalar(..) => {}
                }
                continue;
            }
            Step::Node(id, alias) => (id, alias),
        };
        decoded += 1;
        through_aliases += u64::from(depth > 0);
        if through_aliases > 100
            && decoded > 1000
            && through_aliases as f64 / decoded as f64 > allowed_alias_ratio(decoded)
        {
            let reason = "document contains excessive aliasing".to_owned();
            return Some((Stage::Decode, stream.nodes[root].line, reason));
        }
        if alias {
            // The alias counted; the node it names follows, deeper.
            depth += 1;
            steps.push(Step::Leave);
            steps.push(Step::Node(id, false));
            continue;
        }
        match &stream.nodes[id].value {
            Value::Scalar(..) => {}
            Value::Seq(items) => {
                for (index, &item) in items.iter().enumerate().rev() {
                    steps.push(Step::Node(item, aliases.contains(&(id, index))));
                }
            }
            Value::Map(entries) => {
                for (index, &(key, value)) in entries.iter().enumerate().rev() {
                    let value_alias = aliases.contains(&(id, 2 * index + 1));
                    if stream.nodes[key].merge {
                        steps.push(Step::Merge(value, value_alias));
                    } else {
                        steps.push(Step::Node(value, value_alias));
                        steps.push(Step::Node(key, aliases.contains(&(id, 2 * index))));
                    }
                }
            }
        }
    }
    None
}

/// What sigs.k8s.io/yaml cannot turn into JSON in the document go-yaml
/// decoded: a key that is null or an integer past `i64` (first), a NaN or
/// an infinity as a value.
pub(super) fn json_problem(stream: &Stream, root: NodeId) -> Option<(Stage, usize, String)> {
    let mut first_value: Option<(Stage, usize, String)> = None;
    let mut seen: HashSet<NodeId> = HashSet::new();
    let mut pending = vec![root];
    while let Some(id) = pending.pop() {
        if !seen.insert(id) {
            continue;
        }
        let node = &stream.nodes[id];
        match &node.value {
            Value::Scalar(..) => {
                if node.not_json && first_value.is_none() {
                    let reason = "NaN or an infinite number (`.nan`, `.inf`) as a value, which \
                                  JSON cannot hold"
                        .to_owned();
                    first_value = Some((Stage::Json, node.line, reason));
                }
            }
            Value::Seq(items) => pending.extend(items.iter().rev()),
            Value::Map(_) => {
                let mut last: HashMap<&str, NodeId> = HashMap::new();
                let mut order = Vec::new();
                for (key, value) in pairs(stream, id) {
                    match stream.key_text(key) {
                        Some(text) => {
                            if last.insert(text, value).is_none() {
                                order.push(text);
                            }
                        }
                        None => {
                            if let super::Key::Refused(reason) = &stream.nodes[key].key {
                                let reason = format!("{reason}, which JSON cannot hold");
                                return Some((Stage::Keys, stream.nodes[key].line, reason));
                            }
                        }
                    }
                }
                pending.extend(order.iter().rev().map(|text| last[text]));
            }
        }
    }
    first_value
}
