//! Dotenv files: `./.env` under the real environment, and the file that
//! `--check-env --env-file` checks alone.

use std::cell::Cell;
use std::collections::HashSet;
use std::collections::hash_map::Entry::{Occupied, Vacant};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zeroize::Zeroizing;

use super::env_file_syntax::{ScannedEntry, scan};
use super::text_file::read_text;
use super::{Entry, Origin, RawValue, Source};
use crate::shown::Abridged;

/// The largest dotenv file envconfig reads: `--env-file /dev/zero` must not
/// read until memory runs out.
pub const MAX_ENV_FILE_BYTES: usize = 4 * 1024 * 1024;

/// How the values of a dotenv file are taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvFileMode {
    /// Under the real environment, as at start-up: `${NAME}` expands from
    /// the environment, then from the file's earlier lines, as dotenvy does.
    UnderEnvironment,
    /// Alone, as `--check-env --env-file` checks a deployment's file on a
    /// machine that is not the deployment: `${NAME}` may expand only from
    /// the file's earlier lines, and the files of `NAME_FILE` variables are
    /// the container's, opened only when asked to.
    Alone { open_secret_files: bool },
}

/// An entry of a dotenv file that dotenvy rejects, kept under the name it
/// was meant to set: a problem of that variable if it belongs to the
/// configuration, else a warning.
#[derive(Debug)]
pub(super) struct MalformedLine {
    pub origin: Origin,
    pub reason: &'static str,
    /// Whether a field asked for the name.
    pub claimed: Cell<bool>,
}

impl Source {
    /// Adds the variables of a dotenv file that are not already set: the real
    /// environment always wins. Within the file, the last of two lines that
    /// set one name wins, as when a shell sources it or Docker reads it.
    pub fn add_env_file(&mut self, path: &Path) -> Result<(), EnvFileError> {
        let text = read_env_file(path)?;
        self.add_env_text(path, &text, EnvFileMode::UnderEnvironment);
        Ok(())
    }

    /// The variables of a dotenv file and nothing else, taken as
    /// [`EnvFileMode::Alone`]: what `--check-env --env-file` checks.
    pub fn from_env_file(path: &Path, open_secret_files: bool) -> Result<Source, EnvFileError> {
        let text = read_env_file(path)?;
        let mut source = Source::empty();
        source.file_alone = true;
        source.open_secret_files = open_secret_files;
        source.add_env_text(path, &text, EnvFileMode::Alone { open_secret_files });
        Ok(source)
    }

    /// Adds the entries of `text`. dotenvy parses it and gives the values;
    /// [`scan`], which follows dotenvy's grammar entry by entry, gives what
    /// dotenvy does not: each entry's line, the names its value expands, and
    /// why a malformed one is rejected, without quoting it.
    fn add_env_text(&mut self, path: &Path, text: &str, mode: EnvFileMode) {
        let path: Arc<Path> = Arc::from(path);
        let scanned = scan(text);
        let mut repeated = Vec::new();
        // The names set by the file's earlier lines: all that `${NAME}` may
        // expand from when the file is checked alone.
        let mut set_above: HashSet<&str> = HashSet::new();
        for (entry, item) in scanned.iter().zip(dotenvy::from_read_iter(text.as_bytes())) {
            let origin = Origin::EnvFile {
                path: Arc::clone(&path),
                line: entry.line,
            };
            let (name, value) = match item {
                Ok(pair) => pair,
                Err(_) => {
                    self.add_malformed(entry, origin, &path);
                    continue;
                }
            };
            // A later line wins, a malformed one too.
            if self
                .malformed
                .get(&name)
                .is_some_and(|malformed| is_from_file(&malformed.origin, &path))
            {
                self.malformed.remove(&name);
            }
            if let EnvFileMode::Alone { .. } = mode {
                self.check_references_alone(entry, &name, &origin, &set_above);
            }
            let copies = self.copies_of(&entry.references);
            let entry_value = Entry {
                value: RawValue::Text(Zeroizing::new(value)),
                origin,
            };
            match self.vars.entry(name) {
                Vacant(slot) => {
                    if !copies.is_empty() {
                        self.copies.insert(slot.key().clone(), copies);
                    }
                    slot.insert(entry_value);
                }
                // An earlier line of this file: the last one wins, and the
                // value it replaces is zeroized as it drops.
                Occupied(mut slot) if is_from_file(&slot.get().origin, &path) => {
                    repeated.push(slot.key().clone());
                    if copies.is_empty() {
                        self.copies.remove(slot.key());
                    } else {
                        self.copies.insert(slot.key().clone(), copies);
                    }
                    slot.insert(entry_value);
                }
                // The real environment wins.
                Occupied(_) => {}
            }
            if let Some(name) = entry.name {
                set_above.insert(name);
            }
        }
        let mut repeated: Vec<&str> = repeated.iter().map(String::as_str).collect();
        repeated.sort_unstable();
        repeated.dedup();
        for name in repeated {
            self.warnings.push(format!(
                "{} sets {} more than once; the last one is used",
                Abridged::name(&path.to_string_lossy()),
                Abridged::name(name)
            ));
        }
    }

    /// Keeps a rejected entry under its name, in place of what an earlier
    /// line of the file set it to: the last line wins, a malformed one too.
    /// One whose name cannot be told cannot belong to any variable.
    fn add_malformed(&mut self, entry: &ScannedEntry<'_>, origin: Origin, path: &Path) {
        let malformed = MalformedLine {
            origin,
            reason: entry.malformed.unwrap_or("malformed line"),
            claimed: Cell::new(false),
        };
        let Some(name) = entry.name else {
            self.unnamed_malformed.push(malformed);
            return;
        };
        if self
            .vars
            .get(name)
            .is_some_and(|set| is_from_file(&set.origin, path))
        {
            self.vars.remove(name);
            self.copies.remove(name);
            self.unchecked.remove(name);
        }
        self.malformed.insert(name.to_owned(), malformed);
    }

    /// When the file is checked alone, a value that expands a name the file
    /// does not set above it would be expanded from the environment of the
    /// machine that checks, which is not the deployment's (dotenvy looks
    /// there first, and cannot be told not to): it is not checked, and never
    /// shown.
    fn check_references_alone(
        &mut self,
        entry: &ScannedEntry<'_>,
        name: &str,
        origin: &Origin,
        set_above: &HashSet<&str>,
    ) {
        let unresolved = entry.references.iter().find(|reference| {
            !set_above.contains(*reference) || std::env::var_os(reference).is_some()
        });
        let Some(reference) = unresolved else {
            return;
        };
        let shown = Abridged::name(reference);
        let reason = if set_above.contains(reference) {
            format!(
                "its value expands ${{{shown}}}, which this machine's environment also sets, \
                 and dotenvy would take it from there"
            )
        } else {
            format!("its value expands ${{{shown}}}, which the file does not set above it")
        };
        self.warnings.push(format!(
            "{}: {} is not checked: {reason}",
            origin.label(name),
            Abridged::name(name),
        ));
        self.unchecked
            .insert(name.to_owned(), (reason, origin.clone()));
    }

    /// The names a value that expands `references` copies, directly or
    /// through the earlier entries it expands.
    fn copies_of(&self, references: &[&str]) -> Vec<String> {
        let mut copies: Vec<&str> = Vec::new();
        for reference in references {
            copies.push(reference);
            if let Some(further) = self.copies.get(*reference) {
                copies.extend(further.iter().map(String::as_str));
            }
        }
        // Sorted as `&str`, as the checks sort names: one copy of the
        // sort's code.
        copies.sort_unstable();
        copies.dedup();
        copies.into_iter().map(str::to_owned).collect()
    }
}

fn is_from_file(origin: &Origin, path: &Path) -> bool {
    matches!(origin, Origin::EnvFile { path: from, .. } if **from == *path)
}

/// The text of a dotenv file, bounded by [`MAX_ENV_FILE_BYTES`]. A pipe
/// (`--env-file <(vault read ...)`) is read too. dotenvy's own loaders skip
/// a byte order mark, its iterator does not: [`read_text`] does.
fn read_env_file(path: &Path) -> Result<Zeroizing<String>, EnvFileError> {
    let unreadable = |reason: String| EnvFileError {
        path: path.to_owned(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let length = file.metadata().map_or(0, |metadata| metadata.len());
    read_text(file, length, MAX_ENV_FILE_BYTES).map_err(unreadable)
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
    use super::*;
    use crate::source::{Lookup, VarName};
    use tempfile::TempDir;

    fn lookup(source: &Source, name: &str) -> String {
        let mut var = VarName::default();
        var.set(&[name]);
        match source.lookup(&var) {
            Lookup::Value(value, origin) => format!("{} at {}", &*value, &origin.label("")),
            Lookup::Unchecked(reason, _) => format!("unchecked: {reason}"),
            Lookup::Unusable(super::super::Unusable::Malformed { origin, reason }) => {
                format!("malformed at {}: {reason}", &origin.label(""))
            }
            Lookup::Unset => "unset".to_owned(),
            _ => "other".to_owned(),
        }
    }

    fn alone(text: &str) -> Source {
        let mut source = Source::empty();
        source.file_alone = true;
        source.open_secret_files = false;
        source.add_env_text(
            Path::new("f.env"),
            text,
            EnvFileMode::Alone {
                open_secret_files: false,
            },
        );
        source
    }

    #[test]
    fn every_malformed_line_is_kept_with_its_line_and_reason() {
        let source = alone("A=1\nB=https://a, https://b\nC D\n\nE='open\nF=2\n");
        assert_eq!(lookup(&source, "A"), "1 at f.env:1");
        assert_eq!(
            lookup(&source, "B"),
            "malformed at f.env:2: space in an unquoted value (quote the value)"
        );
        assert_eq!(
            lookup(&source, "E"),
            "malformed at f.env:5: unclosed quote (it runs to the end of the file)"
        );
        assert_eq!(
            source.warnings(),
            ["f.env:3: unexpected text between the name and `=`; the line is ignored"]
        );
    }

    #[test]
    fn alone_a_file_expands_only_what_it_sets_above() {
        // A name that no environment has: what the file sets, or nothing.
        let source = alone(
            "TOKEN_Q7=s3cret\nCOPY=${TOKEN_Q7}\nCOPY2=x${COPY}\n\
             EARLY=${LATER_Q7}\nLATER_Q7=1\nHOME=/h\nMINE=$HOME\n",
        );
        assert_eq!(lookup(&source, "COPY"), "s3cret at f.env:2");
        assert_eq!(source.copies["COPY2"], ["COPY", "TOKEN_Q7"]);
        assert_eq!(
            lookup(&source, "EARLY"),
            "unchecked: its value expands ${LATER_Q7}, which the file does not set above it"
        );
        // HOME is set in this process's environment, which dotenvy would
        // expand from first.
        assert!(lookup(&source, "MINE").contains("which this machine's environment also sets"));
        assert_eq!(source.warnings.len(), 2, "{:?}", source.warnings);
    }

    #[test]
    fn a_name_and_its_file_split_between_environment_and_dotenv() {
        let temp = TempDir::new().expect("a temporary directory");
        let dir = temp.path();
        let secret = dir.join("secret");
        std::fs::write(&secret, "from-file\n").expect("a temporary file");
        let dotenv = dir.join(".env");
        let secret_path = secret.to_str().expect("a UTF-8 path");
        std::fs::write(&dotenv, format!("A=from-dotenv\nB_FILE={secret_path}\n"))
            .expect("a temporary file");
        let mut source = Source::from_pairs([("A_FILE", secret_path), ("B", "from-env")]);
        let added = source.add_env_file(&dotenv);
        let (a, b) = (lookup(&source, "A"), lookup(&source, "B"));
        assert_eq!(added, Ok(()));
        assert!(a.starts_with("from-file at "), "{a}");
        assert_eq!(b, "from-env at environment");
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
}
