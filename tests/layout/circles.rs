//! Circles of imports: the strongly connected components of the graph of
//! files (Tarjan's algorithm), each with the imports that make it.

use std::collections::BTreeMap;
use std::fmt;

use crate::modules::Import;

/// Files that import each other, directly or through one another.
#[derive(Debug)]
pub struct Circle {
    /// Sorted.
    pub files: Vec<String>,
    /// The imports between them.
    pub imports: Vec<Import>,
}

impl fmt::Display for Circle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "circle of {}:", self.files.join(", "))?;
        for import in &self.imports {
            writeln!(
                f,
                "  {}:{}: {} (in {})",
                import.from, import.line, import.path, import.to
            )?;
        }
        Ok(())
    }
}

/// Every circle among `imports`, in the order of their first file.
pub fn circles(imports: &[Import]) -> Vec<Circle> {
    let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for import in imports {
        graph.entry(&import.from).or_default().push(&import.to);
        graph.entry(&import.to).or_default();
    }
    let mut tarjan = Tarjan {
        graph: &graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        components: Vec::new(),
    };
    for &file in graph.keys() {
        if !tarjan.index.contains_key(file) {
            tarjan.visit(file);
        }
    }
    let mut circles: Vec<Circle> = tarjan
        .components
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|mut component| {
            component.sort_unstable();
            let within = |file: &String| component.binary_search(&file.as_str()).is_ok();
            Circle {
                imports: imports
                    .iter()
                    .filter(|import| within(&import.from) && within(&import.to))
                    .cloned()
                    .collect(),
                files: component.into_iter().map(str::to_owned).collect(),
            }
        })
        .collect();
    circles.sort_by(|a, b| a.files.cmp(&b.files));
    circles
}

struct Tarjan<'a> {
    graph: &'a BTreeMap<&'a str, Vec<&'a str>>,
    index: BTreeMap<&'a str, usize>,
    low: BTreeMap<&'a str, usize>,
    stack: Vec<&'a str>,
    components: Vec<Vec<&'a str>>,
}

impl<'a> Tarjan<'a> {
    fn visit(&mut self, file: &'a str) {
        let index = self.index.len();
        self.index.insert(file, index);
        self.low.insert(file, index);
        self.stack.push(file);
        for &next in &self.graph[file] {
            if !self.index.contains_key(next) {
                self.visit(next);
                let low = self.low[file].min(self.low[next]);
                self.low.insert(file, low);
            } else if self.stack.contains(&next) {
                let low = self.low[file].min(self.index[next]);
                self.low.insert(file, low);
            }
        }
        if self.low[file] == self.index[file] {
            let at = self
                .stack
                .iter()
                .rposition(|&f| f == file)
                .expect("on the stack");
            self.components.push(self.stack.split_off(at));
        }
    }
}
