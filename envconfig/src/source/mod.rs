//! Where a running service's raw values come from: the process environment,
//! given pairs, a dotenv file (`./.env`), and the `NAME_FILE` files that
//! mounted secrets live in. [`Variables`] is what the loader reads them
//! through; a deployment's files, checked in CI, are read in `deployment/`
//! and are variables too.
//!
//! Values are held in [`Zeroizing`] buffers from the moment they are read:
//! which of them are secret is only known once a field asks for them.

use std::ffi::OsString;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::order::sorted_names;
use crate::warning::Warning;

pub(crate) mod dotenv;
pub(crate) mod dotenv_syntax;
mod entries;
mod pairs;
mod process_env;
mod secret_file;
pub(crate) mod text_file;

pub(crate) use crate::provenance::Provenance;
pub use dotenv::EnvFileError;
pub(crate) use entries::{Entries, Unseen, is_from_file};
pub use pairs::VarPair;
pub use process_env::ProcessEnv;
use secret_file::read_secret_file;

pub(crate) enum RawValue {
    Text(Zeroizing<String>),
    /// Not UTF-8: no value, but as a `NAME_FILE` still a path.
    NotUnicode(Zeroizing<Vec<u8>>),
}

pub(crate) struct Entry {
    pub(crate) value: RawValue,
    pub(crate) origin: Provenance,
}

/// A variable's name and the name of its `_FILE` companion, in buffers
/// that a loader reuses from field to field: looking a variable up
/// allocates nothing. Two buffers, not `PORT_FILE` and a slice of it: the
/// name is then read without a check of where the slice ends, which was
/// code of its own at each of its many uses.
#[derive(Default)]
pub struct VarName {
    name: String,
    file_var: String,
}

impl VarName {
    /// Sets the name to `parts`, concatenated.
    pub fn set(&mut self, parts: &[&str]) {
        self.name.clear();
        for part in parts {
            self.name.push_str(part);
        }
        self.file_var.clear();
        self.file_var.push_str(&self.name);
        self.file_var.push_str(FILE_SUFFIX);
    }

    /// `PORT`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `PORT_FILE`.
    pub fn file_var(&self) -> &str {
        &self.file_var
    }
}

/// What `NAME_FILE` adds to a variable `NAME`, after its name.
pub(crate) const FILE_SUFFIX: &str = "_FILE";

/// What a loader reads variables from: the process environment as it is
/// ([`ProcessEnv`]), or a [`Source`] that can also hold given pairs, dotenv
/// files and a manifest. A loader sees either through this one type, so a
/// program that only loads from the environment links none of what a
/// `Source` can do besides.
pub trait Variables {
    /// Finds the value of `var`, from `var` itself or from the file that
    /// its `_FILE` companion names.
    fn lookup(&self, var: &VarName) -> Lookup<'_>;

    /// The names whose values hold a secret's through copies (a dotenv
    /// file's `${NAME}`, a manifest's `$(NAME)`), given the names that are
    /// secret: those that copy one, directly or through others, and those
    /// that a secret copies (`TOKEN=${PORT}` makes PORT's value the
    /// token's, or a part of it), and what copies those in turn. Sorted,
    /// for [`Tainted::contains`].
    fn copying_secrets(&self, secrets: &[&str]) -> Tainted;

    /// What reading the variables found that a person should know.
    fn warnings(&self) -> Vec<Warning>;

    /// The names of every variable set, for spotting typos.
    fn set_names(&self) -> Vec<String>;

    /// Whether `var`'s `NAME_FILE` is set here to a path that is not
    /// opened: `var` is then set, whatever the file holds, and what a
    /// start says of a set variable (an alias in use, a deprecation, a
    /// group that is off) holds for it. A source that opens the file sees
    /// the value instead.
    fn names_unopened_file(&self, var: &VarName) -> bool {
        let _ = var;
        false
    }

    /// Why `var`, which a lookup found set to what is not seen here, may
    /// still be unset or empty when the deployment starts (a `${NAME}`
    /// that may expand to nothing, a bare name of a docker file); `None`
    /// when it is set for sure. A group it alone switches on may be off.
    /// A start sees every value: never.
    fn may_be_unset(&self, var: &VarName) -> Option<String> {
        let _ = var;
        None
    }

    /// What the file named `name` in the secrets directory `dir` gives a
    /// variable that is unset: read here, unless the checked input is a
    /// deployment's, whose container has the directory, and which may not
    /// tell whether the file is there.
    fn in_secrets_dir(&self, dir: &Path, name: &str) -> DirFile<'static> {
        DirFile::Known(secret_file::read_in_secrets_dir(dir, name))
    }
}

impl Variables for Source {
    fn lookup(&self, var: &VarName) -> Lookup<'_> {
        Source::lookup(self, var)
    }

    fn copying_secrets(&self, secrets: &[&str]) -> Tainted {
        self.entries.copying_secrets(secrets)
    }

    fn warnings(&self) -> Vec<Warning> {
        Source::warnings(self)
    }

    fn set_names(&self) -> Vec<String> {
        Source::set_names(self)
    }
}

/// The names whose values hold a secret's through copies
/// ([`Variables::copying_secrets`]).
#[derive(Default)]
pub struct Tainted(Vec<String>);

impl Tainted {
    /// The names, in any order.
    pub fn new(names: Vec<String>) -> Tainted {
        Tainted(sorted_names(names))
    }

    /// Whether `name` is one of them.
    // Not inlined: it is asked in many places, each a search of its own.
    #[inline(never)]
    pub fn contains(&self, name: &str) -> bool {
        self.0
            .binary_search_by(|tainted| tainted.as_str().cmp(name))
            .is_ok()
    }
}

/// How much of the process environment a run reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvScope {
    /// The variables the fields name: what loading needs.
    Fields,
    /// Every variable: what `--check-env` needs to spot variables that
    /// match no field.
    Everything,
}

/// The variables a running service loads from: given pairs, or the process
/// environment (read live, as fields ask for it, or as a snapshot), and a
/// dotenv file under it.
pub struct Source {
    /// Given pairs, a dotenv file's variables, or a snapshot of the process
    /// environment.
    entries: Entries,
    /// Whether a name is first looked up in the process environment, at the
    /// moment a field asks for it: `entries` then only holds a dotenv file's
    /// variables, which the real environment overrides.
    live: bool,
}

/// An entry of `vars`, or one just read from the process environment.
pub(crate) enum Found<'a> {
    Stored(&'a Entry),
    Read(Entry),
}

impl Deref for Found<'_> {
    type Target = Entry;
    fn deref(&self) -> &Entry {
        match self {
            Found::Stored(entry) => entry,
            Found::Read(entry) => entry,
        }
    }
}

/// What a lookup found for one variable name.
pub enum Lookup<'a> {
    /// Neither `NAME` nor `NAME_FILE` is set.
    Unset,
    /// `NAME` (or the file `NAME_FILE` names) is empty.
    Empty(Provenance),
    /// A value to parse.
    Value(RawText<'a>, Provenance),
    /// Something is set but cannot be used.
    Unusable(Unusable),
    /// Something is set, but its value depends on what the checked input
    /// should settle and does not (a reference to a name nothing sets
    /// above it): why, and where it is set.
    Unchecked(String, Provenance),
    /// Something is set from outside what is checked, by design (a Secret
    /// not among the documents, a `NAME_FILE` path of the container): where
    /// the value comes from, and where it is set. Never read.
    External(String, Provenance),
    /// Holding what only the deployment knows, of a known shape (a cluster
    /// IP): the value with each named representative in its place, as
    /// shown, what is unknown in words, and where it is set. Invalid when
    /// no representative parses, external otherwise.
    #[cfg(feature = "k8s")]
    Shaped {
        forms: Vec<(&'static str, Zeroizing<String>)>,
        shown: String,
        unknown: String,
        origin: Provenance,
    },
}

/// What a secrets directory gives a variable that is unset.
pub(crate) enum DirFile<'a> {
    /// What is known: read from the directory (a running service's), or
    /// what the checked documents show is there or not.
    Known(Lookup<'a>),
    /// A file the checked input cannot tell about (the container's, of a
    /// deployment's env file; a Secret not among the documents): where it
    /// would be read from, in words, and its path. The loader decides
    /// whether to take it to be there.
    Unseen(String, Provenance),
}

/// Why a set variable cannot be used; the loader turns it into a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unusable {
    /// The value is not valid UTF-8: where it is set.
    NotUnicode { origin: Provenance },
    /// Both `NAME` and `NAME_FILE` are set: where `NAME` is.
    BothSet {
        file_var: String,
        origin: Provenance,
    },
    /// `NAME_FILE` names a file that cannot be read (or holds no UTF-8).
    FileUnreadable {
        file_var: String,
        path: PathBuf,
        reason: String,
    },
    /// The dotenv line that sets it cannot be parsed.
    Malformed {
        origin: Provenance,
        reason: &'static str,
    },
    /// The Kubernetes manifest that sets it would not deploy: Kubernetes
    /// rejects the value, or the container cannot start.
    #[cfg_attr(not(feature = "k8s"), allow(dead_code))]
    Undeployable { origin: Provenance, reason: String },
}

/// A raw value: borrowed from the source, or read from a `NAME_FILE`.
pub enum RawText<'a> {
    Borrowed(&'a str),
    Owned(Zeroizing<String>),
}

impl Deref for RawText<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            RawText::Borrowed(text) => text,
            RawText::Owned(text) => text,
        }
    }
}

impl Source {
    /// No variables: what a test adds a dotenv file to.
    #[cfg(test)]
    pub fn empty() -> Source {
        Source::new(Entries::default(), false)
    }

    fn new(entries: Entries, live: bool) -> Source {
        Source { entries, live }
    }

    /// The process environment, as much of it as `scope` needs.
    // Inlined, so that a caller passing `Fields` links no snapshot code.
    #[inline]
    pub fn from_process_env(scope: EnvScope) -> Source {
        match scope {
            // Each variable is read when a field asks for it: nothing is
            // read or copied for the variables no field names, however many
            // the process has.
            EnvScope::Fields => Source::new(Entries::default(), true),
            EnvScope::Everything => Source::snapshot_process_env(),
        }
    }

    /// The given pairs and nothing else.
    pub fn from_pairs<I>(pairs: I) -> Source
    where
        I: IntoIterator,
        I::Item: VarPair,
    {
        let mut entries = Entries::default();
        for pair in pairs {
            let value = RawValue::Text(Zeroizing::new(pair.value().to_owned()));
            let origin = Provenance::Environment;
            entries.insert(pair.name().to_owned(), Entry { value, origin });
        }
        Source::new(entries, false)
    }

    /// A copy of the whole process environment, read once. Names that are
    /// not UTF-8 cannot belong to any field and are skipped.
    fn snapshot_process_env() -> Source {
        let mut entries = Entries::default();
        for (name, value) in std::env::vars_os() {
            let Ok(name) = name.into_string() else {
                continue;
            };
            let value = raw_value(value);
            let origin = Provenance::Environment;
            entries.insert(name, Entry { value, origin });
        }
        Source::new(entries, false)
    }

    /// What reading the dotenv file found that a person should know, once
    /// the configuration has been loaded from it: a malformed line that no
    /// field asked for is a warning, not a problem.
    pub fn warnings(&self) -> Vec<Warning> {
        self.entries.warnings()
    }

    /// The names of every variable set, for spotting typos: for a live
    /// source, those of the process environment (read now) too.
    pub fn set_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for (name, _) in self.entries.vars() {
            names.push(name.to_owned());
        }
        if self.live {
            names.extend(ProcessEnv.set_names());
        }
        names
    }

    /// The names of every variable, for spotting ones that match no field,
    /// each with where a file sets it. A live source knows only its dotenv
    /// file's names; `--check-env` reads a snapshot instead.
    pub fn names(&self) -> Vec<(&str, Option<Provenance>)> {
        self.entries.names()
    }

    fn get(&self, name: &str) -> Option<Found<'_>> {
        if self.live
            && let Some(value) = std::env::var_os(name)
        {
            return Some(Found::Read(Entry {
                value: raw_value(value),
                origin: Provenance::Environment,
            }));
        }
        self.entries.get(name).map(Found::Stored)
    }

    /// Finds the value of `name`, from `name` itself or from the file that
    /// `name_FILE` points at.
    pub fn lookup(&self, var: &VarName) -> Lookup<'_> {
        let direct = self.get(var.name());
        let via_file = self.get(var.file_var()).filter(|entry| !entry.is_empty());
        // `NAME` and `NAME_FILE` split between the real environment and a
        // dotenv file are no conflict: the real environment wins, as it does
        // for one name.
        let (direct, via_file) = match (direct, via_file) {
            (Some(direct), Some(file))
                if !direct.is_empty() && direct.is_from_a_file() != file.is_from_a_file() =>
            {
                if direct.is_from_a_file() {
                    (None, Some(file))
                } else {
                    (Some(direct), None)
                }
            }
            pair => pair,
        };
        match resolve(var, direct, via_file, true) {
            Lookup::Unset => self.entries.malformed_line(var).unwrap_or(Lookup::Unset),
            found => found,
        }
    }
}

/// What a lookup found, from what is set under `NAME` (`direct`) and under
/// `NAME_FILE` (`via_file`, when not empty): the rule of every source.
pub(crate) fn resolve<'s>(
    var: &VarName,
    direct: Option<Found<'s>>,
    via_file: Option<Found<'_>>,
    open_secret_files: bool,
) -> Lookup<'s> {
    let Some(entry) = via_file else {
        return found_alone(direct);
    };
    // One return, so that what was found is dropped (and wiped) at one place.
    match direct {
        Some(direct) if !direct.is_empty() => Lookup::Unusable(Unusable::BothSet {
            file_var: var.file_var().to_owned(),
            origin: direct.origin.clone(),
        }),
        _ if !open_secret_files => Lookup::External(
            format!(
                "read from the file {} names, in the container (--read-secret-files opens it)",
                var.file_var()
            ),
            entry.origin.clone(),
        ),
        _ => read_secret_file(var.file_var().to_owned(), &entry),
    }
}

/// What was found under `NAME`, without `NAME_FILE`, as a lookup: a value
/// the source holds is lent, one it read is handed over.
fn found_alone(found: Option<Found<'_>>) -> Lookup<'_> {
    match found {
        Some(Found::Stored(Entry { value, origin })) => match value {
            RawValue::NotUnicode(_) => Lookup::Unusable(Unusable::NotUnicode {
                origin: origin.clone(),
            }),
            RawValue::Text(text) if text.is_empty() => Lookup::Empty(origin.clone()),
            RawValue::Text(text) => Lookup::Value(RawText::Borrowed(text), origin.clone()),
        },
        Some(Found::Read(Entry { value, origin })) => match value {
            RawValue::NotUnicode(_) => Lookup::Unusable(Unusable::NotUnicode { origin }),
            RawValue::Text(text) if text.is_empty() => Lookup::Empty(origin),
            RawValue::Text(text) => Lookup::Value(RawText::Owned(text), origin),
        },
        None => Lookup::Unset,
    }
}

impl Entry {
    /// Whether it is set to the empty string.
    pub(crate) fn is_empty(&self) -> bool {
        matches!(&self.value, RawValue::Text(text) if text.is_empty())
    }

    /// Whether a line of a file (`./.env`) set it, rather than the real
    /// environment.
    fn is_from_a_file(&self) -> bool {
        matches!(self.origin, Provenance::EnvFile { .. })
    }
}

fn raw_value(value: OsString) -> RawValue {
    match value.into_string() {
        Ok(text) => RawValue::Text(Zeroizing::new(text)),
        Err(not_unicode) => RawValue::NotUnicode(Zeroizing::new(not_unicode.into_encoded_bytes())),
    }
}
