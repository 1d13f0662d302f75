//! A dotenv file under the real environment, as a service reads `./.env`
//! at start-up (dotenvy's grammar, [`dotenv_syntax`]), and what both it and
//! a deployment's file checked alone make of a file's parsed entries.

use std::fmt;
use std::path::{Path, PathBuf};

use super::dotenv_syntax::{self, DotenvEntry, Resolved};
use super::text_file::read_file;
use super::{Entries, FILE_SUFFIX, Source};
use crate::order::{sorted_by, sorted_names};
use crate::provenance::Provenance;
use crate::shown::Abridged;
use crate::warning::Warning;

/// The largest dotenv file envconfig reads: `--env-file` of a huge file
/// must not read until memory runs out.
pub const MAX_ENV_FILE_BYTES: usize = 4 * 1024 * 1024;

impl Source {
    /// Adds the variables of a dotenv file that are not already set: the
    /// real environment always wins, and a `${NAME}` expands from it first,
    /// as dotenvy does. Within the file, the last of two lines that set one
    /// name wins, as when a shell sources it.
    pub fn add_env_file(&mut self, path: &Path) -> Result<(), EnvFileError> {
        let unreadable = |reason: String| EnvFileError {
            path: path.to_owned(),
            reason,
        };
        let bytes = read_file(path, MAX_ENV_FILE_BYTES).map_err(unreadable)?;
        let parsed = dotenv_syntax::parse(&bytes, &dotenv_syntax::process_environment)
            .map_err(|too_large| unreadable(format!("{too_large}")))?;
        add_entries(&mut self.entries, path, parsed, &|_| false, &mut |_, _| {
            None
        });
        Ok(())
    }

    /// Keeps warnings about how a dotenv file sets `names` only: those of
    /// the configuration (see [`Entries::concerned`]).
    pub fn concern(&mut self, names: Vec<String>) {
        self.entries.concern(names);
    }

    /// Whether `name` (or `NAME_FILE`) is one of those names.
    pub fn concerns(&self, name: &str) -> bool {
        self.entries.concerns(name)
    }

    /// The names the dotenv file at `path` gives a value to, in the order
    /// of their lines: those it sets, not to the empty string, that the
    /// real environment does not (neither the name, nor its
    /// `NAME`/`NAME_FILE` companion set to a value, which wins over the
    /// file's; an empty companion counts as unset and gives way).
    pub fn set_by_file(&self, path: &Path) -> Vec<&str> {
        let in_environment = |name: &str, even_empty: bool| match self.live {
            true => std::env::var_os(name).is_some_and(|value| even_empty || !value.is_empty()),
            false => self.entries.get(name).is_some_and(|entry| {
                entry.origin == Provenance::Environment && (even_empty || !entry.is_empty())
            }),
        };
        let mut set: Vec<(&str, usize)> = Vec::new();
        for (name, entry) in self.entries.vars() {
            let line = match &entry.origin {
                Provenance::EnvFile { path: file, line } if file == path => *line,
                _ => continue,
            };
            // An empty value counts as unset: the file supplies nothing.
            let supplied = !entry.is_empty()
                && !in_environment(name, true)
                && !in_environment(&format!("{name}{FILE_SUFFIX}"), false)
                && !name
                    .strip_suffix(FILE_SUFFIX)
                    .is_some_and(|name| in_environment(name, false));
            if supplied {
                set.push((name, line));
            }
        }
        let mut names = Vec::with_capacity(set.len());
        for (name, _) in sorted_by(set, |(_, line)| (&[], *line)) {
            names.push(name);
        }
        names
    }
}

/// Adds the entries dotenvy parses of the file at `path` to `entries`.
/// `is_secret` tells the names whose values are never quoted, not even the
/// names they seem to expand; `unchecked` tells, of a valid entry, why its
/// value is not checked here, if it is not (a file checked alone: a
/// reference the file does not settle).
pub(crate) fn add_entries(
    entries: &mut Entries,
    path: &Path,
    parsed: Vec<DotenvEntry<'_>>,
    is_secret: &dyn Fn(&str) -> bool,
    unchecked: &mut dyn FnMut(&DotenvEntry<'_>, &Entries) -> Option<String>,
) {
    let mut repeated: Vec<&str> = Vec::new();
    for entry in &parsed {
        let origin = Provenance::EnvFile {
            path: path.to_owned(),
            line: entry.line,
        };
        let value = match &entry.value {
            Ok(value) => value,
            Err(reason) => {
                entries.set_malformed(path, entry.name, origin, reason);
                continue;
            }
        };
        // A valid entry has a name.
        let Some(name) = entry.name else { continue };
        let references: Vec<&str> = entry.references.iter().map(|r| r.name).collect();
        let concerned = entries.concerns(name);
        let set_above = entries.is_unseen(name)
            || entries
                .get(name)
                .is_some_and(|set| super::is_from_file(&set.origin, path));
        if set_above && concerned {
            repeated.push(name);
            // A file that sets one name on every line warns once per name.
            entries.forget_line_warnings(name);
        }
        for reference in entry.references.iter().filter(|_| concerned) {
            if let Some(syntax) = &reference.shell_syntax {
                entries.warnings.push(Warning::ShellSyntax {
                    at: origin.clone(),
                    var: name.to_owned(),
                    form: syntax.form.written(),
                    name: match is_secret(name) {
                        true => "...".to_owned(),
                        false => reference.name.to_owned(),
                    },
                });
            }
        }
        match unchecked(entry, entries) {
            Some(why) => {
                if concerned {
                    entries.warnings.push(Warning::NotChecked {
                        at: origin.clone(),
                        var: name.to_owned(),
                        reason: why.clone(),
                    });
                }
                // Expansions only add text: a value that holds text of
                // its own with every unsettled name empty is set, whatever
                // they turn out to be.
                let unseen = match value.is_empty() {
                    true => super::Unseen::Unchecked(why),
                    false => super::Unseen::UncheckedButSet(why),
                };
                entries.set_unseen(name, unseen, origin, &references);
            }
            None => {
                entries.set_from_line(path, name, value.clone(), origin, &references);
            }
        }
    }
    for name in sorted_names(repeated) {
        entries.warnings.push(Warning::SetTwice {
            file: path.to_owned(),
            var: name.to_owned(),
        });
    }
}

/// Why a valid entry of a file checked alone is not checked: a name its
/// value expands that the file does not set above it, or whose value (the
/// entry at a line of `unchecked_lines`, in ascending order) is not
/// checked either. `None` when
/// every name it expands is settled (a name in shell syntax that dotenvy
/// reads as one name, which nothing sets, is settled: it expands to nothing
/// at a real start too).
pub(crate) fn unsettled_reference(
    entry: &DotenvEntry<'_>,
    unchecked_lines: &[usize],
    is_secret: bool,
) -> Option<String> {
    let (reference, why) =
        entry
            .references
            .iter()
            .find_map(|reference| match reference.resolved {
                Resolved::Unresolved if reference.shell_syntax.is_none() => {
                    Some((reference, "which the file does not set above it"))
                }
                Resolved::Entry { line } if unchecked_lines.binary_search(&line).is_ok() => {
                    Some((reference, "which is not checked"))
                }
                _ => None,
            })?;
    // A secret's value is secret text, whatever `$` it holds: a password
    // `pa$sw0rd` does not expand `${sw0rd}` in a message.
    let shown = match is_secret {
        true => "...".to_owned(),
        false => format!("{}", Abridged::name(reference.name)),
    };
    Some(format!("its value expands ${{{shown}}}, {why}"))
}

/// A dotenv file that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvFileError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for EnvFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            Abridged::name(&self.path.to_string_lossy()),
            self.reason
        )
    }
}

#[cfg(test)]
mod tests {
    use tempfile::TempDir;

    use super::*;
    use crate::source::{Lookup, VarName};

    fn lookup(source: &Source, name: &str) -> String {
        let mut var = VarName::default();
        var.set(&[name]);
        match source.lookup(&var) {
            Lookup::Value(value, origin) => format!("{} at {}", &*value, &origin.label()),
            Lookup::Unset => "unset".to_owned(),
            _ => "other".to_owned(),
        }
    }

    /// A directory with a file `secret` (holding `from-file`) and a `.env`
    /// of the text `dotenv` gives for the secret's path: the directory, the
    /// `.env`'s path and the secret's.
    fn secret_and_dotenv(dotenv: impl Fn(&str) -> String) -> (TempDir, std::path::PathBuf, String) {
        let temp = TempDir::new().expect("a temporary directory");
        let secret = temp.path().join("secret");
        std::fs::write(&secret, "from-file\n").expect("a temporary file");
        let secret = secret.to_str().expect("a UTF-8 path").to_owned();
        let path = temp.path().join(".env");
        std::fs::write(&path, dotenv(&secret)).expect("a temporary file");
        (temp, path, secret)
    }

    /// `NAME` in one and `NAME_FILE` in the other: the environment's wins,
    /// whichever of the two it is.
    #[test]
    fn a_name_and_its_file_split_between_environment_and_dotenv() {
        let (_temp, dotenv, secret_path) =
            secret_and_dotenv(|secret| format!("A=from-dotenv\nB_FILE={secret}\n"));
        let secret_path = secret_path.as_str();
        let mut source = Source::from_pairs([("A_FILE", secret_path), ("B", "from-env")]);
        let added = source.add_env_file(&dotenv);
        let (a, b) = (lookup(&source, "A"), lookup(&source, "B"));
        assert_eq!(added, Ok(()));
        assert!(a.starts_with("from-file at "), "{a}");
        assert_eq!(b, "from-env at environment");
    }

    /// An empty `NAME` or `NAME_FILE` of the environment counts as unset,
    /// and gives way to its companion in the file: the file supplies that
    /// one. An empty value of the same name still wins over the file's.
    #[test]
    fn an_empty_companion_in_the_environment_leaves_the_file_supplying() {
        let (_temp, dotenv, _) =
            secret_and_dotenv(|secret| format!("A_FILE={secret}\nB=from-dotenv\nC=2\n"));
        let mut source = Source::from_pairs([("A", ""), ("B_FILE", ""), ("C", "")]);
        source.add_env_file(&dotenv).expect("the file is read");
        assert!(lookup(&source, "A").starts_with("from-file at "));
        assert!(lookup(&source, "B").starts_with("from-dotenv at "));
        assert_eq!(source.set_by_file(&dotenv), ["A_FILE", "B"]);
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_name() {
        let dir = TempDir::new().expect("a temporary directory");
        let path = dir.path().join("bom.env");
        std::fs::write(&path, "\u{feff}A=1\n").expect("a temporary file");
        let mut source = Source::empty();
        let added = source.add_env_file(&path);
        assert_eq!(added, Ok(()));
        assert!(lookup(&source, "A").starts_with("1 at "));
    }

    /// The environment wins over the file; a `${NAME}` that the process's
    /// own environment does not set expands from the lines above.
    #[test]
    fn the_environment_wins_over_the_file() {
        let dir = TempDir::new().expect("a temporary directory");
        let path = dir.path().join(".env");
        std::fs::write(&path, "A=file\nB=${A}-b\n").expect("a temporary file");
        let mut source = Source::from_pairs([("A", "env")]);
        source.add_env_file(&path).expect("the file is read");
        assert_eq!(lookup(&source, "A"), "env at environment");
        assert!(
            lookup(&source, "B").starts_with("file-b at "),
            "{}",
            lookup(&source, "B")
        );
    }
}
