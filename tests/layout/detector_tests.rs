//! The import reader and the circle finder on small crates held in memory.

use crate::circles::circles;
use crate::modules::{Files, Import, ModuleTree};

fn krate(files: &[(&str, &str)]) -> Files {
    files
        .iter()
        .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
        .collect()
}

/// `from -> to` for each import, with its line.
fn imports(files: &[(&str, &str)]) -> Vec<String> {
    ModuleTree::read(&krate(files))
        .imports()
        .iter()
        .map(
            |Import {
                 from,
                 to,
                 line,
                 path,
             }| format!("{from}:{line} {path} -> {to}"),
        )
        .collect()
}

fn circle_files(files: &[(&str, &str)]) -> Vec<Vec<String>> {
    circles(&ModuleTree::read(&krate(files)).imports())
        .into_iter()
        .map(|circle| circle.files)
        .collect()
}

#[test]
fn two_files_that_import_each_other_are_a_circle() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\n"),
        ("a.rs", "use crate::b::B;\npub struct A;\n"),
        (
            "b.rs",
            "pub struct B;\n\nfn f() -> crate::a::A {\n    crate::a::A\n}\n",
        ),
    ];
    let found = circles(&ModuleTree::read(&krate(&files)).imports());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].files, ["a.rs", "b.rs"]);
    assert_eq!(
        found[0].to_string(),
        "circle of a.rs, b.rs:\n  a.rs:1: crate::b::B (in b.rs)\n  \
         b.rs:3: crate::a::A (in a.rs)\n  b.rs:4: crate::a::A (in a.rs)\n"
    );
}

#[test]
fn a_circle_through_three_files_is_one_circle() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\nmod c;\nmod d;\n"),
        ("a.rs", "use crate::b::B;"),
        ("b.rs", "use crate::c::C;"),
        ("c.rs", "use crate::a::A;\nuse crate::d::D;"),
        ("d.rs", "pub struct D;"),
    ];
    assert_eq!(circle_files(&files), [["a.rs", "b.rs", "c.rs"]]);
}

#[test]
fn imports_in_one_direction_are_no_circle() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
        ("a.rs", "use crate::b::B;\nuse crate::c::C;"),
        ("b.rs", "use crate::c::C;"),
        ("c.rs", "pub struct C;"),
    ];
    assert_eq!(imports(&files).len(), 3);
    assert!(circle_files(&files).is_empty());
}

#[test]
fn a_parent_naming_its_children_imports_nothing_and_a_child_imports_its_parent() {
    let files = [
        ("lib.rs", "mod source;\npub use crate::source::Source;\n"),
        (
            "source/mod.rs",
            "mod env_file;\npub use self::env_file::EnvFile;\npub use env_file::parse;\npub struct Source;\n",
        ),
        (
            "source/env_file.rs",
            "use super::Source;\npub struct EnvFile;\n",
        ),
    ];
    assert_eq!(
        imports(&files),
        ["source/env_file.rs:1 super::Source -> source/mod.rs"]
    );
    assert!(circle_files(&files).is_empty());
}

#[test]
fn super_super_climbs_two_modules() {
    let files = [
        ("lib.rs", "mod outer;\nmod other;\n"),
        ("outer.rs", "mod inner;\n"),
        (
            "outer/inner.rs",
            "use super::super::other::O;\npub struct I;\n",
        ),
        ("other.rs", "pub struct O;\nuse crate::outer::inner::I;\n"),
    ];
    assert_eq!(
        imports(&files),
        [
            "other.rs:2 crate::outer::inner::I -> outer/inner.rs",
            "outer/inner.rs:1 super::super::other::O -> other.rs",
        ]
    );
    assert_eq!(circle_files(&files), [["other.rs", "outer/inner.rs"]]);
}

#[test]
fn a_grouped_use_imports_each_of_its_leaves() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
        (
            "a.rs",
            "use crate::{\n    b::B,\n    c::{self, d::{D, E as F}},\n};\nuse std::fmt::{self, Display};\n",
        ),
        ("b.rs", "pub struct B;"),
        ("c.rs", "pub mod d;"),
        ("c/d.rs", "pub struct D;\npub struct E;"),
    ];
    assert_eq!(
        imports(&files),
        [
            "a.rs:2 crate::b::B -> b.rs",
            "a.rs:3 crate::c -> c.rs",
            "a.rs:3 crate::c::d::D -> c/d.rs",
            "a.rs:3 crate::c::d::E -> c/d.rs",
        ]
    );
}

#[test]
fn a_module_brought_into_scope_is_followed_in_code() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\n"),
        (
            "a.rs",
            "use crate::b;\n\nfn f() {\n    b::inner::g();\n    b::<u8>();\n}\n",
        ),
        ("b.rs", "pub mod inner;"),
        ("b/inner.rs", "pub fn g() {}"),
    ];
    // `b::<u8>()` is a function `b`, whose `use` is the import.
    assert_eq!(
        imports(&files),
        [
            "a.rs:1 crate::b -> b.rs",
            "a.rs:4 b::inner::g -> b/inner.rs"
        ]
    );
}

#[test]
fn comments_strings_macros_visibilities_and_test_code_import_nothing() {
    let files = [
        (
            "lib.rs",
            "mod a;\nmod b;\n#[cfg(all(test, feature = \"x\"))]\nmod a_props;\n",
        ),
        (
            "a.rs",
            r##"// use crate::b::B;
/* crate::b::B /* nested */ crate::b::B */
const TEXT: &str = "crate::b::B";
const RAW: &str = r#"crate::b::B"#;
const QUOTE: char = '"';
const ESCAPED: char = '\'';
const ALSO: &str = "'crate::b::B'";
fn lifetime<'a>(text: &'a str) -> &'a str { text }
macro_rules! m { () => { $crate::b::B }; }
#[cfg(test)]
use crate::b::B;
#[cfg(test)]
fn helper() -> crate::b::B { crate::b::B }
#[cfg(test)]
mod tests {
    use super::*;
    use crate::b::B;
}
pub(in crate::b) struct A;
fn names(list: &[u8]) { for _ in crate::b::all() {} }
"##,
        ),
        ("a_props.rs", "use crate::b::B;"),
        ("b.rs", "pub struct B;\nuse crate::a::A;"),
    ];
    // Only the loop's path, after `in`, is an import of a file by a.rs.
    assert_eq!(
        imports(&files),
        [
            "a.rs:20 crate::b::all -> b.rs",
            "b.rs:2 crate::a::A -> a.rs"
        ]
    );
    let tree = ModuleTree::read(&krate(&files));
    assert!(tree.files["a_props.rs"].test);
    assert!(!tree.files["a.rs"].test);
}

#[test]
fn an_inline_module_resolves_super_from_itself() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\n"),
        (
            "a.rs",
            "pub struct A;\nmod inner {\n    use super::A;\n    use super::super::b::B;\n}\n",
        ),
        ("b.rs", "pub struct B;"),
    ];
    assert_eq!(imports(&files), ["a.rs:4 super::super::b::B -> b.rs"]);
}

#[test]
fn a_path_attribute_names_the_file() {
    let files = [
        ("lib.rs", "mod cli;\nmod other;\n"),
        ("cli/mod.rs", "mod args;\n"),
        (
            "cli/args.rs",
            "pub struct Args;\n#[cfg(test)]\n#[path = \"args_tests.rs\"]\nmod tests;\n",
        ),
        ("cli/args_tests.rs", "use crate::other::O;"),
        ("other.rs", "pub struct O;\nuse crate::cli::args::Args;"),
    ];
    let tree = ModuleTree::read(&krate(&files));
    assert!(tree.files["cli/args_tests.rs"].test);
    assert!(circle_files(&files).is_empty());
}
