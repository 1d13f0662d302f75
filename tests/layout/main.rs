//! The layout rules of the source tree, held by tests.
//!
//! 1. **No source file of `envconfig`, `envconfig-derive` or
//!    `envconfig-core` is longer than 500 lines**, except test files. A file
//!    of `src/` is a test file when its name is `tests.rs`, ends in
//!    `_tests.rs` or contains `props` (property tests), when it sits in a
//!    directory named `tests`, or when the `mod` item that declares it (or
//!    one of its parent modules) is under `#[cfg(test)]` (or a
//!    `cfg(all(...))` that requires `test`). Every line counts, comments and
//!    inline `mod tests { ... }` blocks included: long tests go to a test
//!    file of their own.
//! 2. **The files of one crate do not import each other in a circle**, so
//!    that the flow from the environment to the user's struct reads in one
//!    direction. What counts as an import is in `modules.rs`: in short, a
//!    `use` or a path in code that names a module of another file; a file
//!    naming its own descendants (a parent using or re-exporting its
//!    children) and code under `#[cfg(test)]` do not count. Each circle is
//!    printed with the lines that make it.
//! 3. **Every example is declared** in `examples/Cargo.toml`, whose files
//!    sit next to it rather than in `examples/examples/`, so that none is
//!    silently left unbuilt.
//!
//! The allow-lists below name today's exceptions to rules 1 and 2. A test
//! fails on an exception that is not listed, and on a listed one that no
//! longer exists: remove its entry when the restructuring that removes it
//! lands, and the lists end empty.

mod circles;
mod detector_tests;
mod lexer;
mod modules;

use std::collections::BTreeMap;
use std::path::Path;

use circles::{Circle, circles};
use modules::{Files, ModuleTree};

/// The crates the rules hold for.
const CRATES: &[&str] = &["envconfig", "envconfig-derive", "envconfig-core"];

/// The longest a source file may be, in lines.
const MAX_LINES: usize = 500;

#[test]
fn source_files_stay_within_500_lines() {
    let mut long = Vec::new();
    for krate in CRATES {
        let files = read_crate(krate);
        let tree = ModuleTree::read(&files);
        for (file, text) in &files {
            let lines = text.lines().count();
            if lines > MAX_LINES && !is_test_file(file, &tree) {
                long.push((format!("{krate}/src/{file}"), lines));
            }
        }
    }
    let long: Vec<String> = long
        .iter()
        .map(|(file, lines)| format!("{file}: {lines} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "source files over {MAX_LINES} lines (split them):\n{}",
        long.join("\n")
    );
}

#[test]
fn files_of_a_crate_import_each_other_in_no_circle() {
    let mut found: Vec<(Vec<String>, Circle)> = Vec::new();
    for krate in CRATES {
        let files = read_crate(krate);
        let tree = ModuleTree::read(&files);
        // A file the reader does not reach would be left out of the graph.
        let unread: Vec<&String> = files
            .keys()
            .filter(|file| !tree.files.contains_key(*file))
            .collect();
        assert!(
            unread.is_empty(),
            "{krate}: files that no `mod` declares, as read from src/lib.rs: {unread:?}"
        );
        for circle in circles(&tree.imports()) {
            let files = circle
                .files
                .iter()
                .map(|file| format!("{krate}/src/{file}"))
                .collect();
            found.push((files, circle));
        }
    }
    let circles: Vec<String> = found.iter().map(|(_, circle)| circle.to_string()).collect();
    assert!(
        circles.is_empty(),
        "files that import each other in a circle:\n{}",
        circles.join("\n")
    );
}

#[test]
fn every_example_is_declared_in_its_manifest() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("examples/Cargo.toml");
    let declared: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.strip_prefix("path = \"")?.strip_suffix('"'))
        .collect();
    let mut undeclared = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("examples/") {
        let name = entry.expect("an entry").file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".rs") && !declared.contains(&name.as_ref()) {
            undeclared.push(name.into_owned());
        }
    }
    assert!(
        undeclared.is_empty(),
        "examples without an [[example]] in examples/Cargo.toml: {undeclared:?}"
    );
}

fn is_test_file(file: &str, tree: &ModuleTree) -> bool {
    let name = file.rsplit('/').next().unwrap_or(file);
    name == "tests.rs"
        || name.ends_with("_tests.rs")
        || name.contains("props")
        || file.split('/').any(|dir| dir == "tests")
        || tree.files.get(file).is_some_and(|module| module.test)
}

/// Every `.rs` file under a crate's `src/`, by its path from `src/`.
fn read_crate(krate: &str) -> Files {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(krate)
        .join("src");
    let mut files = BTreeMap::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let relative = path.strip_prefix(&src).expect("under src/");
                let relative = relative.to_str().expect("a UTF-8 path").replace('\\', "/");
                let text = std::fs::read_to_string(&path).expect("a UTF-8 source file");
                files.insert(relative, text);
            }
        }
    }
    files
}
