//! The `markdown` rendering checked by the tools that read it, where they
//! are installed (`bash scripts/format-tools.sh` installs them into
//! `target/format-tools`; `.ci/run` does): markdownlint with its default
//! rules but line length and first heading, and the cells as Python-Markdown
//! and GitHub's cmark-gfm render them, which must be each value as written.
//! Without a tool, the test says so and checks the rest; the rules it can
//! check in Rust are in `tests/cli.rs` (`docs_as_markdown`) and the unit
//! tests of the rendering.

mod support;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use envconfig::{Config, Format};
use support::Env;

/// Values and descriptions that the renderers disagree about.
#[derive(Config)]
#[config(prefix = "AWK_")]
#[allow(dead_code)]
struct Awkward {
    /// Separated by `|`, like `a|b`; or ``c|`d``; a | b plain; \| escaped.
    #[config(default = "a|b", separator = "|")]
    pipes: Vec<String>,
    /// Spaces at both ends.
    #[config(default = "  padded  ")]
    padded: String,
    /// Backticks `x` and stars *bold* & entities.
    #[config(default = "`tick` *star* _under_ <tag> &amp; ~strike~ $math$ \\")]
    ticks: String,
    /// Quotes and shell: it's "quoted" `here` $(touch x) ${HOME}.
    #[config(
        default = "it's \"quoted\" `here` $(touch x) ${HOME}",
        example = "C:\\dir\\ 'x'"
    )]
    shell: String,
    /// CJK 日本語 and emoji 🎉.
    #[config(default = "日本語 🎉")]
    wide: String,
    /// Multi-line
    /// description.
    ///
    /// Second paragraph.
    #[config(default = "")]
    empty: Vec<String>,
    undocumented: Option<String>,
    #[config(secret, default = "hidden|value")]
    secret: String,
    /// A type of its own.
    #[config(example = "x")]
    custom: Custom,
}

struct Custom;

impl std::str::FromStr for Custom {
    type Err = String;
    fn from_str(_: &str) -> Result<Custom, String> {
        Ok(Custom)
    }
}

fn tools() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/format-tools")
}

/// The awkward table, with its model, and the service's, whose cells are
/// only compared between the renderers.
fn tables() -> Vec<(&'static str, String, Option<envconfig::Docs>)> {
    let service = Env::new(&[]).run(&["--print-env-docs=markdown"]);
    assert_eq!(service.code, 0, "{service:?}");
    vec![
        (
            "awkward",
            Awkward::docs().render(Format::Markdown),
            Some(Awkward::docs()),
        ),
        ("service", service.stdout, None),
    ]
}

#[test]
fn markdownlint_passes_with_its_default_rules() {
    let markdownlint = tools().join("node/node_modules/.bin/markdownlint");
    if !markdownlint.is_file() {
        eprintln!("skipped: no markdownlint in target/format-tools (bash scripts/format-tools.sh)");
        return;
    }
    let dir = tempfile::TempDir::new().expect("a temporary directory");
    for (name, table, _) in tables() {
        let path = dir.path().join(format!("{name}.md"));
        std::fs::write(&path, &table).expect("the table");
        // Line length and first heading aside: a table is long, and is a
        // part of a document.
        let output = Command::new(&markdownlint)
            .args(["--disable", "MD013", "MD041", "--"])
            .arg(&path)
            .output()
            .expect("markdownlint runs");
        assert!(
            output.status.success(),
            "markdownlint on the {name} table:\n{}{}\n{table}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// What a value cell shows: the value as written, quoted when it starts or
/// ends with a space, `empty` when empty.
fn shown(value: &str) -> String {
    if value.is_empty() {
        "empty".to_owned()
    } else if value.trim() != value {
        format!("\"{value}\"")
    } else {
        value.to_owned()
    }
}

#[test]
fn cells_show_their_text_in_python_markdown_and_github() {
    let python = tools().join("python");
    if !python.join("markdown").is_dir() || !python.join("cmarkgfm").is_dir() {
        eprintln!(
            "skipped: no Python-Markdown and cmark-gfm in target/format-tools \
             (bash scripts/format-tools.sh)"
        );
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/markdown_cells.py");
    for (name, table, docs) in tables() {
        let mut child = Command::new("python3")
            .arg(&script)
            .env("PYTHONPATH", &python)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(table.as_bytes())
            .expect("the table");
        let output = child.wait_with_output().expect("the cells");
        assert!(output.status.success(), "{output:?}");
        let cells: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        // Both renderers read the same table, every cell alike.
        assert_eq!(cells["python-markdown"], cells["gfm"], "{name}:\n{table}");
        let rows = cells["gfm"].as_array().expect("rows");
        assert_eq!(
            rows[0],
            serde_json::json!(["Variable", "Type", "Default", "Secret", "Description"])
        );
        let Some(docs) = docs else {
            assert!(rows.len() > 10, "{name}:\n{table}");
            continue;
        };
        assert_eq!(rows.len(), 1 + docs.vars().len(), "{name}:\n{table}");
        for (row, var) in rows[1..].iter().zip(docs.vars()) {
            let default = match (&var.default, var.required) {
                (Some(default), _) => shown(default),
                (None, true) => "required".to_owned(),
                (None, false) => "optional".to_owned(),
            };
            let secret = if var.secret { "yes" } else { "" };
            assert_eq!(
                row.as_array().expect("cells")[..4],
                [
                    serde_json::json!(var.name),
                    serde_json::json!(var.value_type),
                    serde_json::json!(default),
                    serde_json::json!(secret),
                ],
                "{name}: {}",
                var.name
            );
            if let Some(example) = &var.example {
                let description = row[4].as_str().expect("a description");
                assert!(
                    description.ends_with(&format!("Example: {}", shown(example))),
                    "{description:?}"
                );
            }
        }
        if name == "awkward" {
            // The descriptions' Markdown, `|` in code spans included.
            assert_eq!(
                rows[1][4],
                "Separated by |, like a|b; or c|`d; a | b plain; | escaped."
            );
            assert_eq!(rows[6][4], "Multi-line description. Second paragraph.");
        }
    }
}
