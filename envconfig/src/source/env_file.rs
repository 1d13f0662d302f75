//! Dotenv files: `./.env` under the real environment, and the file that
//! `--check-env --env-file` checks alone.

use std::cell::Cell;
use std::collections::HashSet;
use std::collections::hash_map::Entry::{Occupied, Vacant};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zeroize::Zeroizing;

use super::env_file_syntax::{ScannedEntry, expanded_size_bound, scan, unindented};
use super::text_file::read_text;
use super::{Entry, Provenance, RawValue, Source};
use crate::shown::Abridged;
use crate::warning::Warning;

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
    pub origin: Provenance,
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
        self.add_env_text(path, &text, EnvFileMode::UnderEnvironment, &[]);
        Ok(())
    }

    /// The variables of a dotenv file and nothing else, taken as
    /// [`EnvFileMode::Alone`]: what `--check-env --env-file` checks.
    /// `secret` names the configuration's secret variables, whose values
    /// are never quoted, not even the names of what they seem to expand.
    pub fn from_env_file(
        path: &Path,
        open_secret_files: bool,
        secret: &[&str],
    ) -> Result<Source, EnvFileError> {
        let text = read_env_file(path)?;
        let mut source = Source::empty();
        source.open_secret_files = open_secret_files;
        source.add_env_text(
            path,
            &text,
            EnvFileMode::Alone { open_secret_files },
            secret,
        );
        Ok(source)
    }

    /// Adds the entries of `text`. dotenvy parses it and gives the values;
    /// [`scan`], which follows dotenvy's grammar entry by entry, gives what
    /// dotenvy does not: each entry's line, the names its value expands, and
    /// why a malformed one is rejected, without quoting it.
    fn add_env_text(&mut self, path: &Path, text: &str, mode: EnvFileMode, secret: &[&str]) {
        let path: Arc<Path> = Arc::from(path);
        let scanned = scan(text);
        let mut repeated = Vec::new();
        // The names set by the file's earlier lines: all that `${NAME}` may
        // expand from when the file is checked alone.
        let mut set_above: HashSet<&str> = HashSet::new();
        // The names whose value, as dotenvy would expand them on a later
        // line, is not known here. A malformed line changes nothing of
        // what dotenvy expands: the name keeps its earlier value.
        let mut unresolved: HashSet<String> = HashSet::new();
        let for_dotenvy = unindented(text);
        for (entry, item) in scanned
            .iter()
            .zip(dotenvy::from_read_iter(for_dotenvy.as_bytes()))
        {
            let origin = Provenance::EnvFile {
                path: path.to_path_buf(),
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
                // A later line wins, over an unchecked one too.
                self.unchecked.remove(&name);
                self.check_references_alone(entry, &name, &origin, &set_above, &unresolved, secret);
                if self.unchecked.contains_key(&name) {
                    unresolved.insert(name.clone());
                } else {
                    unresolved.remove(&name);
                }
            }
            let mut copies = self.copies_of(&entry.references);
            if !copies.is_empty() {
                // Kept once, under a key of this line that no name can be
                // (`\0`): the name points at it, and a later line copying
                // the name points at it in turn, so no list is copied into
                // another. The loader follows the chain.
                let node = format!("{name}\0{}:{}", path.display(), entry.line);
                self.copies.insert(node.clone(), copies);
                copies = vec![node];
            }
            let entry_value = Entry {
                value: RawValue::Text(Zeroizing::new(value)),
                origin,
            };
            match self.vars.entry(name) {
                Vacant(slot) => {
                    // What an earlier malformed line left is replaced.
                    if copies.is_empty() {
                        self.copies.remove(slot.key());
                    } else {
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
            self.warnings.push(Warning::SetTwice {
                file: path.to_path_buf(),
                var: name.to_owned(),
            });
        }
    }

    /// Keeps a rejected entry under its name, in place of what an earlier
    /// line of the file set it to: the last line wins, a malformed one too.
    /// One whose name cannot be told cannot belong to any variable.
    fn add_malformed(&mut self, entry: &ScannedEntry<'_>, origin: Provenance, path: &Path) {
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
            // What it copies stays: dotenvy still expands the name to the
            // value of that earlier line, which a later line may copy.
            self.vars.remove(name);
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
        origin: &Provenance,
        set_above: &HashSet<&str>,
        unresolved: &HashSet<String>,
        secret: &[&str],
    ) {
        let not_checked = |reference: &str| unresolved.contains(reference);
        let unresolved = entry.references.iter().find(|reference| {
            !set_above.contains(*reference)
                || not_checked(reference)
                || std::env::var_os(reference).is_some()
        });
        let Some(reference) = unresolved else {
            return;
        };
        // A secret's value is secret text, whatever `$` it holds: a
        // password `pa$sw0rd` does not expand `${sw0rd}` in a message.
        let shown = match secret.contains(&name) {
            true => "...".to_owned(),
            false => Abridged::name(reference).to_string(),
        };
        let reason = if not_checked(reference) {
            format!("its value expands ${{{shown}}}, which is not checked")
        } else if set_above.contains(reference) {
            format!(
                "its value expands ${{{shown}}}, which this machine's environment also sets, \
                 and dotenvy would take it from there"
            )
        } else {
            format!("its value expands ${{{shown}}}, which the file does not set above it")
        };
        self.warnings.push(Warning::NotChecked {
            at: origin.clone(),
            var: name.to_owned(),
            reason: reason.clone(),
        });
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

fn is_from_file(origin: &Provenance, path: &Path) -> bool {
    matches!(origin, Provenance::EnvFile { path: from, .. } if **from == *path)
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
    let text = read_text(file, length, MAX_ENV_FILE_BYTES).map_err(unreadable)?;
    // dotenvy expands `${NAME}` with no bound of its own.
    let from_environment = |name: &str| std::env::var_os(name).map_or(0, |value| value.len());
    if expanded_size_bound(&text, MAX_EXPANDED_BYTES, from_environment).is_none() {
        return Err(unreadable(format!(
            "its `${{NAME}}` expansions could exceed the {} MiB limit",
            MAX_EXPANDED_BYTES / (1024 * 1024)
        )));
    }
    Ok(text)
}

/// The most bytes the values of a dotenv file may expand to.
const MAX_EXPANDED_BYTES: usize = 4 * MAX_ENV_FILE_BYTES;

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
            Lookup::Value(value, origin) => format!("{} at {}", &*value, &origin.label()),
            Lookup::Unchecked(reason, _) => format!("unchecked: {reason}"),
            Lookup::Unusable(super::super::Unusable::Malformed { origin, reason }) => {
                format!("malformed at {}: {reason}", &origin.label())
            }
            Lookup::Unset => "unset".to_owned(),
            _ => "other".to_owned(),
        }
    }

    /// The warnings as an operator reads them.
    fn said(source: &Source) -> Vec<String> {
        source.warnings().iter().map(ToString::to_string).collect()
    }

    fn alone(text: &str) -> Source {
        let mut source = Source::empty();
        source.open_secret_files = false;
        source.add_env_text(
            Path::new("f.env"),
            text,
            EnvFileMode::Alone {
                open_secret_files: false,
            },
            &["SECRET_Q7"],
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
            said(&source),
            ["f.env:3: unexpected text between the name and `=`; the line is ignored"]
        );
    }

    /// A secret's value with a `$` in it (a generated password) seems to
    /// expand a name, which is part of the secret: the reason and the
    /// warning never name it (found by the property tests).
    #[test]
    fn a_secret_value_with_a_dollar_is_never_quoted() {
        let source = alone("SECRET_Q7=pa$sw0rdQ7\nPLAIN=a$b0Q7\n");
        assert_eq!(
            lookup(&source, "SECRET_Q7"),
            "unchecked: its value expands ${...}, which the file does not set above it"
        );
        assert_eq!(
            lookup(&source, "PLAIN"),
            "unchecked: its value expands ${b0Q7}, which the file does not set above it"
        );
        assert!(
            said(&source).iter().all(|w| !w.contains("sw0rd")),
            "{:?}",
            source.warnings()
        );
    }

    /// A malformed line does not change what dotenvy expands its name to:
    /// the earlier line's value, which a later line copies, with what that
    /// value copied and whether it is known (found by the property tests:
    /// `OTHER=${TOKEN}`, `OTHER="$X"`, `PORT=${OTHER}` showed the token).
    #[test]
    fn a_malformed_line_keeps_what_its_name_expands_to() {
        let source = alone(
            "TOKEN_Q7=s3cret\nOTHER=${TOKEN_Q7}\nOTHER=\"$X\"\nCOPY=${OTHER}\n\
             LATE=${UNSET_Q7}\nLATE=\"$X\"\nCOPY2=${LATE}\n",
        );
        assert_eq!(lookup(&source, "COPY"), "s3cret at f.env:4");
        let mut copied: Vec<&str> = Vec::new();
        let mut todo = vec!["COPY"];
        while let Some(name) = todo.pop() {
            for next in source.copies(name) {
                if !copied.contains(&next.as_str()) {
                    copied.push(next);
                    todo.push(next);
                }
            }
        }
        copied.retain(|name| !name.contains('\0'));
        copied.sort_unstable();
        assert_eq!(copied, ["OTHER", "TOKEN_Q7"]);
        assert_eq!(
            lookup(&source, "COPY2"),
            "unchecked: its value expands ${LATE}, which is not checked"
        );
        assert!(lookup(&source, "LATE").starts_with("malformed at f.env:6"));
    }

    #[test]
    fn alone_a_file_expands_only_what_it_sets_above() {
        // A name that no environment has: what the file sets, or nothing.
        let source = alone(
            "TOKEN_Q7=s3cret\nCOPY=${TOKEN_Q7}\nCOPY2=x${COPY}\n\
             EARLY=${LATER_Q7}\nLATER_Q7=1\nHOME=/h\nMINE=$HOME\n",
        );
        assert_eq!(lookup(&source, "COPY"), "s3cret at f.env:2");
        // Followed from name to name, as the loader does.
        let mut copied: Vec<&str> = Vec::new();
        let mut todo = vec!["COPY2"];
        while let Some(name) = todo.pop() {
            for next in source.copies(name) {
                if !next.contains('\0') {
                    copied.push(next);
                }
                todo.push(next);
            }
        }
        copied.sort_unstable();
        copied.dedup();
        assert_eq!(copied, ["COPY", "TOKEN_Q7"]);
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

    /// What is kept of `${NAME}` copies grows with the file, not with the
    /// product of its lines: each line's list is kept once.
    #[test]
    fn copies_stay_in_proportion_to_the_file() {
        let refs: String = (0..1000).map(|i| format!("$n{i}")).collect();
        let mut text = format!("A={refs}\n");
        for k in 0..1000 {
            text += &format!("B{k}=$A\n");
        }
        let source = alone(&text);
        let stored: usize = source.copies.values().map(Vec::len).sum();
        assert!(
            stored <= text.len(),
            "{stored} names kept for a file of {} bytes",
            text.len()
        );
    }

    /// A 300-byte file whose lines each double the one above: dotenvy
    /// would make 32 MiB of values of it (and of 40 such lines, 8 TiB).
    #[test]
    fn expansions_that_could_exhaust_memory_are_refused() {
        let dir = TempDir::new().expect("a temporary directory");
        let path = dir.path().join("bomb.env");
        let mut text = "X0=xxxxxxxx\n".to_owned();
        for k in 1..22 {
            text += &format!("X{k}=$X{}$X{}\n", k - 1, k - 1);
        }
        std::fs::write(&path, &text).expect("a temporary file");
        let Err(error) = Source::from_env_file(&path, false, &[]) else {
            panic!("a {}-byte file was read", text.len());
        };
        assert!(error.to_string().contains("could exceed"), "{error}");
    }

    /// The last line wins: a later line that sets the name to a plain value
    /// is what the deployment loads, so it is checked.
    #[test]
    fn a_later_line_replaces_an_unchecked_one() {
        let source = alone("PORT=${NOT_SET_ANYWHERE_Q9}\nPORT=notaport\n");
        assert_eq!(lookup(&source, "PORT"), "notaport at f.env:2");
    }

    /// A value that copies a name whose own value is unchecked depends on
    /// a reference the file does not resolve: it is unchecked too, and the
    /// checking machine's value is never shown.
    #[test]
    fn a_copy_of_an_unchecked_value_is_unchecked() {
        // PATH: set on the machine that checks, not in the file.
        let source = alone("BASE=${PATH}\nPORT=${BASE}\n");
        assert!(lookup(&source, "BASE").starts_with("unchecked"));
        assert_eq!(
            lookup(&source, "PORT"),
            "unchecked: its value expands ${BASE}, which is not checked"
        );
    }
}
