//! The module tree of one crate, read from its files starting at `lib.rs`,
//! and the imports between its files.
//!
//! A file imports another when its code names a module of the other file:
//! in a `use` (grouped or not, `pub use` too) or in a path in code
//! (`crate::a::f()`, `super::Type`, or `m::f()` after `use crate::m`). A path
//! is resolved, segment after segment, to the deepest module it names, and
//! that module's file is the one imported (`crate::Error`, re-exported by
//! `lib.rs`, imports `lib.rs`). Not imports: declaring a child (`mod m;`),
//! and naming one's own descendants (a parent using or re-exporting its
//! children, `lib.rs` naming anything). Code under `#[cfg(test)]` (or
//! `cfg(all(test, ...))`) imports nothing: test modules, test files, and
//! test items.

use std::collections::{BTreeMap, HashMap};

use crate::lexer::{Tok, Token, tokens};

/// One crate: its files (paths relative to `src/`) and their text.
pub type Files = BTreeMap<String, String>;

/// Where a file sits in the module tree.
#[derive(Debug)]
pub struct FileModule {
    /// The module path of the file (`["source", "env_file"]`).
    pub module: Vec<String>,
    /// Compiled only in tests.
    pub test: bool,
}

/// An import of one file by another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Import {
    pub from: String,
    pub to: String,
    pub line: usize,
    /// The path as written (`crate::source::Variables`).
    pub path: String,
}

/// The module tree: files, and every module (inline ones too) with the file
/// that holds it.
#[derive(Debug, Default)]
pub struct ModuleTree {
    pub files: BTreeMap<String, FileModule>,
    modules: BTreeMap<Vec<String>, String>,
    paths: BTreeMap<String, Vec<PathRef>>,
}

/// A path that code names, where it names it.
#[derive(Debug)]
struct PathRef {
    /// The module whose code names it (an inline module's, inside one).
    scope: Vec<String>,
    segments: Vec<String>,
    line: usize,
    /// For a `use`: the name it brings into scope (`as` or its last segment).
    binds: Option<String>,
}

impl ModuleTree {
    /// Reads the tree from `lib.rs` (or `main.rs`) down, through `mod`
    /// declarations and `#[path]` attributes.
    pub fn read(files: &Files) -> ModuleTree {
        let mut tree = ModuleTree::default();
        let root = ["lib.rs", "main.rs"]
            .into_iter()
            .find(|root| files.contains_key(*root))
            .expect("a crate root");
        let mut queue = vec![(root.to_owned(), Vec::new(), false)];
        while let Some((file, module, test)) = queue.pop() {
            if tree.files.contains_key(&file) {
                continue;
            }
            let Some(text) = files.get(&file) else {
                continue;
            };
            tree.modules.insert(module.clone(), file.clone());
            let scan = scan_file(&file, text, &module, test);
            for (child, child_file, child_test) in scan.children {
                queue.push((child_file, child, child_test));
            }
            for inline in scan.inline_modules {
                tree.modules.insert(inline, file.clone());
            }
            tree.paths.insert(file.clone(), scan.paths);
            tree.files.insert(file, FileModule { module, test });
        }
        tree
    }

    /// Every import of a file by another, in file and line order.
    pub fn imports(&self) -> Vec<Import> {
        let mut imports = Vec::new();
        for (file, module) in &self.files {
            if module.test {
                continue;
            }
            let mut aliases: HashMap<&str, Vec<String>> = HashMap::new();
            for path in &self.paths[file] {
                let Some((target, whole)) = self.resolve(&path.scope, &path.segments, &aliases)
                else {
                    continue;
                };
                if whole && let Some(name) = &path.binds {
                    aliases.insert(name, target.clone());
                }
                let to = &self.modules[&target];
                if to == file || target.starts_with(&module.module) {
                    continue;
                }
                imports.push(Import {
                    from: file.clone(),
                    to: to.clone(),
                    line: path.line,
                    path: path.segments.join("::"),
                });
            }
        }
        imports.sort();
        imports.dedup();
        imports
    }

    /// The deepest module `segments` names, seen from `scope`, and whether
    /// the path is that module itself (`use crate::source;`).
    fn resolve(
        &self,
        scope: &[String],
        segments: &[String],
        aliases: &HashMap<&str, Vec<String>>,
    ) -> Option<(Vec<String>, bool)> {
        let first = segments.first()?.as_str();
        let (mut module, rest) = match first {
            "crate" => (Vec::new(), &segments[1..]),
            "self" => (scope.to_vec(), &segments[1..]),
            "super" => {
                let ups = segments.iter().take_while(|s| *s == "super").count();
                let depth = scope.len().checked_sub(ups)?;
                (scope[..depth].to_vec(), &segments[ups..])
            }
            _ if self.modules.contains_key(&child(scope, first)) => (scope.to_vec(), segments),
            _ => (aliases.get(first)?.clone(), &segments[1..]),
        };
        let mut whole = true;
        for segment in rest.iter().filter(|s| *s != "self") {
            let next = child(&module, segment);
            if !self.modules.contains_key(&next) {
                whole = false;
                break;
            }
            module = next;
        }
        Some((module, whole))
    }
}

fn child(module: &[String], name: &str) -> Vec<String> {
    let mut child = module.to_vec();
    child.push(name.to_owned());
    child
}

/// What one file declares and names.
#[derive(Default)]
struct FileScan {
    /// Child modules in files: module path, file, compiled only in tests.
    children: Vec<(Vec<String>, String, bool)>,
    inline_modules: Vec<Vec<String>>,
    paths: Vec<PathRef>,
}

/// A brace-delimited scope of a file: a module (the file's own, or an
/// inline one) or any other block.
struct Scope {
    module: Vec<String>,
    /// The directory of the files of this module's children.
    child_dir: String,
    test: bool,
}

/// What the attributes above the next item say.
#[derive(Default)]
struct Pending {
    test: bool,
    path: Option<String>,
}

fn scan_file(file: &str, text: &str, module: &[String], test: bool) -> FileScan {
    let toks = tokens(text);
    let dir = match file.rfind('/') {
        Some(slash) => &file[..=slash],
        None => "",
    };
    let name = &file[dir.len()..];
    let child_dir = match name {
        "lib.rs" | "main.rs" | "mod.rs" => dir.to_owned(),
        _ => format!("{dir}{}/", name.trim_end_matches(".rs")),
    };
    let mut scan = FileScan::default();
    let mut scopes = vec![Scope {
        module: module.to_vec(),
        child_dir,
        test,
    }];
    let mut pending = Pending::default();
    let mut i = 0;
    while i < toks.len() {
        let scope = scopes.last().expect("the file's scope");
        let in_test = scope.test || pending.test;
        let token = &toks[i];
        let inner = toks.get(i + 1).is_some_and(|t| t.is_punct("!"));
        let open = i + 1 + usize::from(inner);
        if token.is_punct("#") && toks.get(open).is_some_and(|t| t.is_punct("[")) {
            let close = matching(&toks, open);
            let attribute = &toks[(open + 1).min(close)..close];
            if is_test_cfg(attribute) {
                if inner {
                    scopes.last_mut().expect("a scope").test = true;
                } else {
                    pending.test = true;
                }
            }
            if let [path, eq, value] = attribute
                && path.is_ident("path")
                && eq.is_punct("=")
                && let Tok::Str(value) = &value.tok
            {
                pending.path = Some(value.clone());
            }
            i = close + 1;
        } else if token.is_ident("mod")
            && let Some(name) = toks.get(i + 1).and_then(Token::ident)
        {
            let module = child(&scope.module, name);
            if toks.get(i + 2).is_some_and(|t| t.is_punct("{")) {
                let child_dir = format!("{}{name}/", scope.child_dir);
                scan.inline_modules.push(module.clone());
                scopes.push(Scope {
                    module,
                    child_dir,
                    test: in_test,
                });
            } else {
                // `#[path]` is relative to the file's directory; else the
                // child is `name.rs` or `name/mod.rs`.
                let files = match &pending.path {
                    Some(path) => vec![format!("{dir}{path}")],
                    None => vec![
                        format!("{}{name}.rs", scope.child_dir),
                        format!("{}{name}/mod.rs", scope.child_dir),
                    ],
                };
                for file in files {
                    scan.children.push((module.clone(), file, in_test));
                }
            }
            pending = Pending::default();
            i += 3;
        } else if token.is_ident("use") && !toks.get(i + 1).is_some_and(|t| t.is_punct("<")) {
            let end = (i..toks.len())
                .find(|&j| toks[j].is_punct(";"))
                .unwrap_or(toks.len());
            if !in_test {
                let mut leaves = Vec::new();
                use_tree(&toks[i + 1..end], &mut 0, &[], &mut leaves);
                for (segments, line, binds) in leaves {
                    scan.paths.push(PathRef {
                        scope: scope.module.clone(),
                        segments,
                        line,
                        binds,
                    });
                }
            }
            pending = Pending::default();
            i = end + 1;
        } else if token.ident().is_some()
            && toks.get(i + 1).is_some_and(|t| t.is_punct("::"))
            && !follows(&toks, i, &["$"])
            && !follows(&toks, i, &["pub", "(", "in"])
        {
            let mut segments = vec![token.ident().unwrap_or_default().to_owned()];
            let mut line = token.line;
            i += 1;
            while toks.get(i).is_some_and(|t| t.is_punct("::"))
                && let Some(next) = toks.get(i + 1).and_then(Token::ident)
            {
                segments.push(next.to_owned());
                line = toks[i + 1].line;
                i += 2;
            }
            // `f::<T>`: generic arguments follow an item, never a module.
            if toks.get(i).is_some_and(|t| t.is_punct("::")) {
                segments.pop();
            }
            if !in_test && !segments.is_empty() {
                scan.paths.push(PathRef {
                    scope: scope.module.clone(),
                    segments,
                    line,
                    binds: None,
                });
            }
        } else {
            if token.is_punct("{") {
                scopes.push(Scope {
                    module: scope.module.clone(),
                    child_dir: scope.child_dir.clone(),
                    test: in_test,
                });
                pending = Pending::default();
            } else if token.is_punct("}") {
                if scopes.len() > 1 {
                    scopes.pop();
                }
                pending = Pending::default();
            } else if token.is_punct(";") {
                pending = Pending::default();
            }
            i += 1;
        }
    }
    scan
}

/// Whether the tokens before `i` are `before` (`$` of `$crate`, or the
/// `pub(in` of a visibility, which names a module without importing it).
fn follows(toks: &[Token], i: usize, before: &[&str]) -> bool {
    i >= before.len()
        && toks[i - before.len()..i]
            .iter()
            .zip(before)
            .all(|(token, expected)| token.is_ident(expected) || token.is_punct(expected))
}

/// The index of the bracket that closes the one at `open`.
fn matching(toks: &[Token], open: usize) -> usize {
    let mut depth = 0;
    for (i, token) in toks.iter().enumerate().skip(open) {
        if token.is_punct("[") || token.is_punct("(") || token.is_punct("{") {
            depth += 1;
        } else if token.is_punct("]") || token.is_punct(")") || token.is_punct("}") {
            depth -= 1;
            if depth == 0 {
                return i;
            }
        }
    }
    toks.len()
}

/// `cfg(test)`, or a `cfg(all(...))` that requires `test`.
fn is_test_cfg(attribute: &[Token]) -> bool {
    match attribute {
        [cfg, open, predicate @ .., close]
            if cfg.is_ident("cfg") && open.is_punct("(") && close.is_punct(")") =>
        {
            requires_test(predicate)
        }
        _ => false,
    }
}

fn requires_test(predicate: &[Token]) -> bool {
    match predicate {
        [test] => test.is_ident("test"),
        [all, open, items @ .., close]
            if all.is_ident("all") && open.is_punct("(") && close.is_punct(")") =>
        {
            let mut depth = 0;
            let mut start = 0;
            for (i, token) in items.iter().enumerate() {
                if token.is_punct("(") {
                    depth += 1;
                } else if token.is_punct(")") {
                    depth -= 1;
                } else if token.is_punct(",") && depth == 0 {
                    if requires_test(&items[start..i]) {
                        return true;
                    }
                    start = i + 1;
                }
            }
            requires_test(&items[start..])
        }
        _ => false,
    }
}

/// The leaves of a `use` tree (`a::{b, c::{self, d as e}, f::*}`): each
/// full path, the line of its last segment, and the name it binds.
fn use_tree(
    toks: &[Token],
    i: &mut usize,
    prefix: &[String],
    leaves: &mut Vec<(Vec<String>, usize, Option<String>)>,
) {
    let mut path = prefix.to_vec();
    let mut line = toks.get(*i).map_or(0, |t| t.line);
    if toks.get(*i).is_some_and(|t| t.is_punct("::")) {
        // `use ::name`: another crate.
        path.push("::".to_owned());
        *i += 1;
    }
    while let Some(token) = toks.get(*i) {
        if token.is_punct("{") {
            *i += 1;
            while toks.get(*i).is_some_and(|t| !t.is_punct("}")) {
                use_tree(toks, i, &path, leaves);
                if toks.get(*i).is_some_and(|t| t.is_punct(",")) {
                    *i += 1;
                }
            }
            *i += 1;
            return;
        }
        if token.is_punct("*") {
            *i += 1;
            leaves.push((path, token.line, None));
            return;
        }
        let Some(segment) = token.ident() else { break };
        path.push(segment.to_owned());
        line = token.line;
        *i += 1;
        if toks.get(*i).is_some_and(|t| t.is_punct("::")) {
            *i += 1;
        } else {
            break;
        }
    }
    let mut binds = path.last().cloned();
    if path.last().is_some_and(|s| s == "self") {
        path.pop();
        binds = path.last().cloned();
    }
    if toks.get(*i).is_some_and(|t| t.is_ident("as")) {
        binds = toks.get(*i + 1).and_then(Token::ident).map(str::to_owned);
        *i += 2;
    }
    if !path.is_empty() {
        leaves.push((path, line, binds));
    }
}
