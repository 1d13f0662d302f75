//! What the secrets of the manifest's other containers read. A ConfigMap's
//! key, or a YAML node that aliases repeat, may be read by a secret in one
//! container and by a plain variable in another: what a secret reads is
//! secret in every report, so the plain variable's value is never shown,
//! whichever container is checked.

use std::collections::{HashMap, HashSet};

use super::budget::{Budget, MAX_COPIED_BYTES};

/// What building the other containers' environments may cost in all.
/// Each is built and dropped in turn, so memory holds one at a time, each
/// within [`MAX_COPIED_BYTES`]; this bounds the time they take together
/// (a quarter of a second here for the most).
const OTHERS_BUDGET: usize = 8 * MAX_COPIED_BYTES;
use super::env::{Env, node_key};
use super::workload::Container;
use super::yaml::NodeId;

impl<'m> Env<'m, '_> {
    /// Makes each variable whose value is a node that a secret of another
    /// container reads (or copies, through `$(NAME)`) copy that secret,
    /// as a `$(NAME)` would: the report then treats it as secret.
    pub(super) fn secrets_read_elsewhere(&mut self) {
        // No secret, nothing to hide.
        if self.secret.is_empty() {
            return;
        }
        let manifest = self.manifest;
        // The other containers share one budget: thousands of them must
        // not make the check slow.
        let mut left = OTHERS_BUDGET;
        let mut exhausted = false;
        let mut read: HashMap<NodeId, &'m str> = HashMap::new();
        for other in &manifest.containers {
            if other.node == self.container.node || !self.may_read_for_secrets(other) {
                continue;
            }
            let given = left.min(MAX_COPIED_BYTES);
            let budget = Budget::with(given);
            let env = Env::entries_only(manifest, other, self.path.clone(), self.secret, budget);
            env.nodes_read_by_secrets(&mut read);
            left -= given - env.budget.left();
            if env.budget.is_exhausted() {
                exhausted = true;
                break;
            }
        }
        if exhausted {
            // What the secrets read is not known: every node may be one.
            let any = self.secret[0];
            for var in self.vars.values() {
                read.extend(var.node.map(|node| (node, any)));
            }
            let reason = format!(
                "building the environments of the manifest's other containers, to know what \
                 their secrets read, takes more than the {} MiB envconfig allows: the check \
                 stops there and fails",
                MAX_COPIED_BYTES >> 20
            );
            let origin = self.origin(self.container.node);
            self.facts.unnamed.push((origin, reason));
        }
        for var in self.vars.values_mut() {
            if let Some(node) = var.node.filter(|node| read.contains_key(node)) {
                let key = node_key(node);
                if !var.copies.contains(&key) {
                    var.copies.push(key);
                }
            }
        }
        for (node, secret) in read {
            let list = self.copy_lists.entry(node_key(node)).or_default();
            list.push(secret.to_owned());
        }
    }

    /// Whether a secret of `other` may read a node: an `env` entry sets a
    /// secret's name, or an `envFrom` reads a ConfigMap.
    fn may_read_for_secrets(&self, other: &Container<'_>) -> bool {
        let stream = self.manifest.stream;
        let items = |key| {
            stream
                .get(other.node, key)
                .map_or(&[][..], |list| stream.items(list))
        };
        items("env").iter().any(|&item| {
            stream
                .get(item, "name")
                .and_then(|name| stream.str(name))
                .is_some_and(|name| self.secret.contains(&name))
        }) || items("envFrom")
            .iter()
            .any(|&item| stream.get(item, "configMapRef").is_some())
    }

    /// Adds to `read` each node that a secret of this environment reads or
    /// copies, under the secret's name: the nodes it has been set to (a
    /// later entry may hide it: its text is the secret's all the same),
    /// and those of the names it copies, as they were then.
    fn nodes_read_by_secrets(&self, read: &mut HashMap<NodeId, &'m str>) {
        let keys: HashMap<NodeId, String> = self
            .node_names
            .keys()
            .map(|&node| (node, node_key(node)))
            .collect();
        let nodes: HashMap<&str, NodeId> = keys
            .iter()
            .map(|(&node, key)| (key.as_str(), node))
            .collect();
        let mut nodes_of: HashMap<&str, Vec<NodeId>> = HashMap::new();
        for (&node, names) in &self.node_names {
            for name in names {
                nodes_of.entry(name).or_default().push(node);
            }
        }
        let mut seen: HashSet<&str> = HashSet::new();
        for &secret in self.secret {
            let mut todo = vec![secret];
            while let Some(item) = todo.pop() {
                if !seen.insert(item) {
                    continue;
                }
                if let Some(&node) = nodes.get(item) {
                    // The node, and every name it has set: the same text.
                    read.entry(node).or_insert(secret);
                    todo.extend(self.node_names[&node].iter().map(String::as_str));
                } else if let Some(list) = self.copy_lists.get(item) {
                    todo.extend(list.iter().map(String::as_str));
                } else {
                    let set = nodes_of.get(item).map_or(&[][..], Vec::as_slice);
                    todo.extend(set.iter().map(|node| keys[node].as_str()));
                    let copies = self.vars.get(item).map_or(&[][..], |var| &var.copies[..]);
                    todo.extend(copies.iter().map(String::as_str));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::super::{ContainerEnv, from_text};

    /// A pod whose container `checked` sets `PLAIN`, and whose container
    /// `other` copies a ConfigMap value of 1 MiB `copies` times.
    fn checked(copies: usize) -> ContainerEnv {
        let mut text = format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: {}\n---\n\
             apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  \
             - name: checked\n    image: c:1\n    env:\n    - name: PLAIN\n      value: text\n  \
             - name: other\n    image: c:1\n    envFrom:\n",
            "v".repeat(1 << 20)
        );
        for i in 0..copies {
            text += &format!("    - prefix: P{i}_\n      configMapRef: {{name: big}}\n");
        }
        let path: Arc<Path> = Arc::from(Path::new("pod.yaml"));
        match from_text(&text, path, "pod.yaml", Some("checked"), &["TOKEN"]) {
            Ok((env, _)) => env,
            Err(error) => panic!("{error:?}"),
        }
    }

    /// Another container that takes more than the budget allows: what its
    /// secrets read is not known, so every value of the checked container
    /// that is a node of the manifest is taken as secret, and the check
    /// fails, saying why.
    #[test]
    fn past_the_budget_every_node_may_be_a_secret() {
        let env = checked(40);
        assert!(env.entries.copying_secrets(&["TOKEN"]).contains("PLAIN"));
        assert!(
            env.facts.unnamed.iter().any(|(_, reason)| reason
                .starts_with("building the environments of the manifest's other containers")),
            "{:?}",
            env.facts.unnamed
        );

        let env = checked(1);
        assert!(!env.entries.copying_secrets(&["TOKEN"]).contains("PLAIN"));
        assert!(env.facts.unnamed.is_empty(), "{:?}", env.facts.unnamed);
    }
}
