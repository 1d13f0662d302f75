//! The path generated code names the runtime by when no `crate = "..."`
//! says: `::envconfig`, or the name the deriving crate's `Cargo.toml` gives
//! the `envconfig` package (`cfg = { package = "envconfig" }`), where
//! `::envconfig` would not resolve. Found by a small scan of the manifest's
//! dependency tables rather than with a TOML parser, whose build every user
//! would pay for.

use std::path::Path as FsPath;

use proc_macro2::Span;
use syn::{Ident, Path};

/// The package whose renames are looked for.
const PACKAGE: &str = "envconfig";

/// `::envconfig`, or `::cfg` for a crate that depends on envconfig as
/// `cfg`.
pub fn runtime_path() -> Path {
    let name = std::env::var_os("CARGO_MANIFEST_DIR")
        .and_then(|dir| renamed_in(FsPath::new(&dir)))
        .unwrap_or_else(|| PACKAGE.to_owned());
    let ident = Ident::new(&name, Span::call_site());
    syn::parse_quote!(::#ident)
}

/// The name the manifest in `dir` gives the `envconfig` package, when it
/// is not `envconfig`: written there, or inherited from the workspace's
/// `[workspace.dependencies]` (`cfg.workspace = true`).
fn renamed_in(dir: &FsPath) -> Option<String> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let deps = dependencies(&manifest);
    if deps.iter().any(Dependency::is_plain) {
        return None;
    }
    if let Some(name) = rename(&deps) {
        return Some(name);
    }
    let inherited: Vec<&Dependency> = deps.iter().filter(|dep| dep.workspace).collect();
    if inherited.is_empty() {
        return None;
    }
    let workspace = dir.ancestors().skip(1).find_map(|dir| {
        let text = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
        text.lines()
            .any(|line| line.trim() == "[workspace]")
            .then_some(text)
    })?;
    dependencies(&workspace)
        .into_iter()
        .find(|dep| {
            dep.package.as_deref() == Some(PACKAGE)
                && inherited.iter().any(|member| member.key == dep.key)
        })
        .map(|dep| crate_name(&dep.key))
}

/// A dependency as a manifest names it.
#[derive(Debug, PartialEq)]
struct Dependency {
    /// The name it is known by: the key of its entry.
    key: String,
    /// `package = "..."`, when the key is not the package's name.
    package: Option<String>,
    /// `workspace = true`: the rest is in the workspace's manifest.
    workspace: bool,
}

impl Dependency {
    /// The `envconfig` package, under its own name.
    fn is_plain(&self) -> bool {
        self.key == PACKAGE
            && self
                .package
                .as_deref()
                .is_none_or(|package| package == PACKAGE)
    }
}

/// The crate name of the `envconfig` package among `deps` under another
/// name.
fn rename(deps: &[Dependency]) -> Option<String> {
    deps.iter()
        .find(|dep| dep.key != PACKAGE && dep.package.as_deref() == Some(PACKAGE))
        .map(|dep| crate_name(&dep.key))
}

/// The entries of every dependency table of `manifest`
/// (`[dependencies]`, `[dev-dependencies]`, `[target.'cfg(..)'.dependencies]`,
/// `[workspace.dependencies]`, ...), in the forms Cargo's documentation
/// shows: `key = { package = "..." }`, `key.package = "..."`, and a table
/// `[dependencies.key]` of its own.
fn dependencies(manifest: &str) -> Vec<Dependency> {
    let mut deps: Vec<Dependency> = Vec::new();
    // The dependency table being read, and the dependency whose own table
    // it is (`[dependencies.key]`).
    let mut in_table = false;
    let mut own: Option<usize> = None;
    for line in manifest.lines().map(uncommented) {
        if line.is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            let header = header.trim_start_matches('[');
            let header = header[..header.find(']').unwrap_or(header.len())].trim();
            let parts = dotted(header);
            let at = parts
                .iter()
                .rposition(|part| DEPENDENCY_TABLES.contains(&part.as_str()));
            (in_table, own) = match at {
                Some(at) if at + 1 == parts.len() => (true, None),
                Some(at) if at + 2 == parts.len() => {
                    deps.push(Dependency {
                        key: parts[at + 1].clone(),
                        package: None,
                        workspace: false,
                    });
                    (false, Some(deps.len() - 1))
                }
                _ => (false, None),
            };
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = dotted(key.trim());
        let value = value.trim();
        if let Some(index) = own {
            set(&mut deps[index], key.first().map(String::as_str), value);
        } else if in_table && let Some(name) = key.first() {
            let index = match deps.iter().position(|dep| dep.key == *name) {
                Some(index) => index,
                None => {
                    deps.push(Dependency {
                        key: name.clone(),
                        package: None,
                        workspace: false,
                    });
                    deps.len() - 1
                }
            };
            match key.get(1) {
                // `key.package = "..."`.
                Some(field) => set(&mut deps[index], Some(field), value),
                // `key = { package = "...", ... }`, or a version.
                None => {
                    let inline = value.trim_start_matches('{').trim_end_matches('}');
                    for entry in inline.split(',') {
                        if let Some((field, value)) = entry.split_once('=') {
                            set(&mut deps[index], Some(field.trim()), value.trim());
                        }
                    }
                }
            }
        }
    }
    deps
}

const DEPENDENCY_TABLES: [&str; 5] = [
    "dependencies",
    "dev-dependencies",
    "build-dependencies",
    "dev_dependencies",
    "build_dependencies",
];

/// `line` without its comment, trimmed: up to a `#` outside quotes.
fn uncommented(line: &str) -> &str {
    let mut quote = None;
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (None, '#') => return line[..at].trim(),
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            _ => {}
        }
    }
    line.trim()
}

/// Records the field `field = value` of a dependency's entry.
fn set(dep: &mut Dependency, field: Option<&str>, value: &str) {
    match field {
        Some("package") => dep.package = Some(value.trim_matches(['"', '\'']).to_owned()),
        Some("workspace") => dep.workspace = value == "true",
        _ => {}
    }
}

/// The parts of a dotted key, unquoted: `target.'cfg(unix)'.dependencies`.
fn dotted(key: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut quote = None;
    for c in key.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '.') => parts.push(std::mem::take(&mut part).trim().to_owned()),
            (_, c) => part.push(c),
        }
    }
    parts.push(part.trim().to_owned());
    parts
}

/// The name a dependency's key gives its crate in code.
fn crate_name(key: &str) -> String {
    key.replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_are_found_in_every_form_cargo_documents() {
        let table = [
            ("[dependencies]\nenvconfig = \"0.1\"\n", None),
            (
                "[dependencies]\nenvconfig = { path = \"../envconfig\" }\n",
                None,
            ),
            (
                "[dependencies]\ncfg = { package = \"envconfig\", version = \"0.1\" }\n",
                Some("cfg"),
            ),
            (
                "[dependencies]\ntyped-env = {git=\"https://x.invalid/a#b\",package=\"envconfig\"} # ours\n",
                Some("typed_env"),
            ),
            (
                "[dependencies.cfg]\nversion = \"0.1\"\npackage = \"envconfig\"\n",
                Some("cfg"),
            ),
            (
                "[dependencies]\ncfg.package = \"envconfig\"\ncfg.version = \"0.1\"\n",
                Some("cfg"),
            ),
            (
                "[target.'cfg(unix)'.dependencies]\ncfg = { package = \"envconfig\" }\n",
                Some("cfg"),
            ),
            (
                "[dev-dependencies]\ncfg = { package = \"envconfig\", path = \"x\" }\n",
                Some("cfg"),
            ),
            // Not a dependency table.
            (
                "[package]\nname = \"app\"\n[patch.crates-io]\ncfg = { package = \"envconfig\" }\n",
                None,
            ),
            // Another package renamed, envconfig itself under its name.
            (
                "[dependencies]\nser = { package = \"serde\" }\nenvconfig = \"0.1\"\n",
                None,
            ),
            (
                "# cfg = { package = \"envconfig\" }\n[dependencies]\n",
                None,
            ),
            // A crate of that name that is another package.
            (
                "[dependencies]\nenvconfig = { package = \"envconfig-legacy\" }\n\
                 cfg = { package = \"envconfig\" }\n",
                Some("cfg"),
            ),
        ];
        for (manifest, renamed) in table {
            let deps = dependencies(manifest);
            let found = match deps.iter().any(Dependency::is_plain) {
                true => None,
                false => rename(&deps),
            };
            assert_eq!(found.as_deref(), renamed, "{manifest}");
        }
    }

    #[test]
    fn a_rename_is_inherited_from_the_workspace() {
        let root = std::env::temp_dir().join(format!("envconfig-manifest-{}", std::process::id()));
        let member = root.join("app");
        std::fs::create_dir_all(&member).unwrap();
        std::fs::write(
            root.join("Cargo.toml"),
            "[workspace]\nmembers = [\"app\"]\n\n[workspace.dependencies]\n\
             cfg = { package = \"envconfig\", version = \"0.1\" }\n",
        )
        .unwrap();
        let renamed = |manifest: &str| {
            std::fs::write(member.join("Cargo.toml"), manifest).unwrap();
            renamed_in(&member)
        };
        assert_eq!(
            renamed("[package]\nname = \"app\"\n[dependencies]\ncfg = { workspace = true }\n"),
            Some("cfg".to_owned())
        );
        assert_eq!(
            renamed("[package]\nname = \"app\"\n[dependencies]\ncfg.workspace = true\n"),
            Some("cfg".to_owned())
        );
        assert_eq!(
            renamed("[package]\nname = \"app\"\n[dependencies]\nserde = { workspace = true }\n"),
            None
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
