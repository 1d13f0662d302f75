//! The one place that decides what is secret. Every output asks it:
//!
//! - is this variable secret: a secret field reads it, under its name or
//!   an alias ([`Declared`]);
//! - is this value a secret's: it copies a secret or a secret copies it
//!   (`${NAME}` in a dotenv file, `$(NAME)` and shared YAML nodes in a
//!   manifest), it was read under an alias that is secret, or it was read
//!   from a file a secret was read from ([`Ledger::verdict`]);
//! - is this path a secret's: the `NAME_FILE` that names it copies a
//!   secret, so the path is secret text.
//!
//! The loader, the docs, the file readers, the check report and
//! `--print-config` apply the answers; none of them decides.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::Problem;
use crate::order::sorted_by;
use crate::outcome::{Outcome, Status};
use crate::source::{FILE_SUFFIX, Tainted, VarName, Variables};

/// The variables that secret fields read: secret, whichever other field
/// reads them too.
#[derive(Clone, Debug, Default)]
pub(crate) struct Declared {
    names: Vec<String>,
}

impl Declared {
    /// Declares `name` secret: a secret field reads it (or it is an alias
    /// of such a field's variable).
    pub fn declare(&mut self, name: &str) {
        if !self.is_secret(name) {
            self.names.push(name.to_owned());
        }
    }

    /// Whether a secret field reads `name`.
    // Not inlined: it is asked in many places, each a loop of its own.
    #[inline(never)]
    pub fn is_secret(&self, name: &str) -> bool {
        self.names.iter().any(|known| known == name)
    }

    /// Whether the text set under `name` may be a secret's: see
    /// [`is_secret_text`].
    pub fn holds_secret_text(&self, name: &str) -> bool {
        is_secret_text(name, &|name| self.is_secret(name))
    }

    /// Every name declared secret.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }
}

/// What one load learns, as it reads, that bears on secrecy: what the
/// fields declare secret, the aliases values were read under, and the files
/// values were read from. [`Ledger::verdict`] decides from it.
#[derive(Default)]
pub(crate) struct Ledger {
    declared: Declared,
    /// The variables whose value was read under an alias, and the alias:
    /// the value is secret if the alias is.
    read_as: Vec<(String, &'static str)>,
    /// The variables whose value was read from a file, the file, and
    /// whether a `NAME_FILE` named it (rather than a dotenv file's line
    /// setting the variable): a file that a secret's value was read from
    /// holds the secret, whatever other variable's `NAME_FILE` names it.
    read_files: Vec<(String, PathBuf, bool)>,
}

impl Ledger {
    /// A secret field reads `var` (and, under its aliases, `aliases`).
    pub fn declare(&mut self, var: &str, aliases: &[&str]) {
        self.declared.declare(var);
        for alias in aliases {
            self.declared.declare(alias);
        }
    }

    /// Whether a secret field read `var`, as far as the load has gone.
    pub fn is_declared(&self, var: &str) -> bool {
        self.declared.is_secret(var)
    }

    /// What the secret fields read, under their names and aliases.
    pub fn into_declared(self) -> Declared {
        self.declared
    }

    /// `var`'s value was read under `alias`.
    pub fn read_as(&mut self, var: &str, alias: &'static str) {
        self.read_as.push((var.to_owned(), alias));
    }

    /// `var`'s value was read from the file at `path`, which its
    /// `NAME_FILE` named if `named`, else a dotenv file's line.
    pub fn read_file(&mut self, var: &str, path: &Path, named: bool) {
        self.read_files
            .push((var.to_owned(), path.to_owned(), named));
    }

    /// What is secret, now that every field has been read from `source`.
    pub fn verdict(self, source: &dyn Variables) -> Verdict {
        let Ledger {
            declared,
            read_as,
            read_files,
        } = self;
        let names: Vec<&str> = declared.names().collect();
        // What copies a secret holds it, and so does what a secret copies
        // (`TOKEN=${PORT}` makes PORT's value the token's, or a part of
        // it): the source follows its copies (none in the process
        // environment, which links none of that).
        let tainted = source.copying_secrets(&names);
        let mut verdict = Verdict {
            declared,
            tainted,
            read_as,
            secret_file_readers: Vec::new(),
        };
        let readers =
            names_reading_secret_files(&read_files, &|var| verdict.holds_secret_directly(var));
        verdict.secret_file_readers = readers;
        verdict
    }
}

/// What is secret after a load: the answers every output applies.
pub(crate) struct Verdict {
    declared: Declared,
    tainted: Tainted,
    read_as: Vec<(String, &'static str)>,
    /// The variables whose `NAME_FILE` names a file a secret was read from.
    secret_file_readers: Vec<String>,
}

impl Verdict {
    /// Whether `var`'s value is a secret's, or may hold a part of one.
    pub fn holds_secret(&self, var: &str) -> bool {
        self.holds_secret_directly(var) || self.secret_file_readers.iter().any(|name| name == var)
    }

    /// Whether the text set under `var` may be a secret's: see
    /// [`is_secret_text`].
    pub fn holds_secret_text(&self, var: &str) -> bool {
        is_secret_text(var, &|var| self.holds_secret(var))
    }

    /// Whether the path of the file `var` was read from is secret text: its
    /// `NAME_FILE` copies a secret (`APP_URL_FILE=${TOKEN}`).
    pub fn file_path_is_secret(&self, var: &str) -> bool {
        self.or_its_alias(var, &|var| self.file_var_copies_secret(var))
    }

    /// Hides what `problems` and `outcomes` could show of a secret.
    pub fn redact(&self, problems: &mut [Problem], outcomes: &mut [Outcome]) {
        for problem in problems {
            if problem.vars().iter().any(|var| self.holds_secret(var)) {
                problem.redact();
            }
            if self.file_path_is_secret(problem.var()) {
                problem.redact_file_path();
            }
        }
        for outcome in outcomes {
            if self.file_path_is_secret(&outcome.var) {
                outcome.redact_file_path();
                if let Status::Failed(problem) = &mut outcome.status {
                    problem.redact_file_path();
                }
            }
            if self.holds_secret(&outcome.var) {
                outcome.redact();
            } else if let Status::Failed(problem) = &mut outcome.status
                && problem.vars().iter().any(|var| self.holds_secret(var))
            {
                // A broken rule sits on its first variable's row, which
                // may be plain while another variable of the rule is not.
                problem.redact();
            }
        }
    }

    /// Secret by what the fields declare, what the source copies, and the
    /// alias the value was read under; not yet by the files it shares.
    fn holds_secret_directly(&self, var: &str) -> bool {
        self.or_its_alias(var, &|var| {
            self.copies_secret(var) || self.file_var_copies_secret(var)
        })
    }

    fn copies_secret(&self, var: &str) -> bool {
        self.declared.is_secret(var) || self.tainted.contains(var)
    }

    /// A `NAME_FILE` that copies a secret names a path that is the secret.
    fn file_var_copies_secret(&self, var: &str) -> bool {
        let mut name = VarName::default();
        name.set(&[var]);
        self.copies_secret(name.file_var())
    }

    /// `test` of `var`, or of the alias its value was read under: a value
    /// read under an alias is the alias's, and so is its file.
    fn or_its_alias(&self, var: &str, test: &dyn Fn(&str) -> bool) -> bool {
        test(var)
            || self
                .read_as
                .iter()
                .any(|(read, alias)| read == var && test(alias))
    }
}

/// Whether the text set under `name` may be a secret's, given which names
/// hold one: a secret's value, and its `NAME_FILE`'s, into which the secret
/// itself may be pasted by mistake (so its path is shown only when it is
/// surely one, and what it seems to expand never is).
pub(crate) fn is_secret_text(name: &str, secret: &dyn Fn(&str) -> bool) -> bool {
    secret(name) || name.strip_suffix(FILE_SUFFIX).is_some_and(secret)
}

/// The names whose values hold a secret's through copies, given the names
/// that are secret and, for each name, the names its value copies: those
/// that copy a secret, directly or through others, and those that a secret
/// copies (`TOKEN=${PORT}` makes PORT's value the token's, or a part of it),
/// and what copies those in turn. What copies a secret's `NAME_FILE` copies
/// text that may be the secret, pasted there by mistake
/// ([`is_secret_text`]).
pub(crate) fn tainted(secrets: &[&str], copies: &[(&str, &[String])]) -> Tainted {
    // Each copy as (what copies, what is copied), and the other way round.
    let (mut copying, mut copied_by) = (Vec::new(), Vec::new());
    for &(name, copied) in copies {
        for copied in copied {
            copying.push((name, copied.as_str()));
            copied_by.push((copied.as_str(), name));
        }
    }
    let (copying, copied_by) = (by_first(copying), by_first(copied_by));
    let file_vars: Vec<String> = secrets
        .iter()
        .map(|secret| format!("{secret}{FILE_SUFFIX}"))
        .collect();
    // Forward, what the secrets copy; then backward, everything that copies
    // a secret or one of those. Sets: a value may copy every name of a
    // large dotenv file (`TOKEN=${H1}${H2}...`).
    // Each name reached, with how many were reached before it: a map of
    // the type the dotenv reader uses, not a set, since each type of hash
    // table compiles its own copy of the table's code.
    let mut tainted: HashMap<&str, usize> = HashMap::new();
    for &secret in secrets {
        reach(&mut tainted, secret);
    }
    spread(&copying, secrets.to_vec(), &mut tainted);
    let mut todo: Vec<&str> = Vec::with_capacity(tainted.len() + file_vars.len());
    for &name in tainted.keys() {
        todo.push(name);
    }
    for file_var in &file_vars {
        todo.push(file_var);
    }
    spread(&copied_by, todo, &mut tainted);
    let mut names = Vec::with_capacity(tainted.len());
    for name in tainted.into_keys() {
        names.push(name.to_owned());
    }
    Tainted::new(names)
}

/// `pairs` sorted by their first name: the pairs of one name are one run.
fn by_first<'a>(pairs: Vec<(&'a str, &'a str)>) -> Vec<(&'a str, &'a str)> {
    sorted_by(pairs, |(first, _)| (first.as_bytes(), 0))
}

/// Adds to `reached` the names that those of `todo` lead to through
/// `pairs` (sorted by their first name), and those these lead to in turn.
fn spread<'a>(
    pairs: &[(&'a str, &'a str)],
    mut todo: Vec<&'a str>,
    reached: &mut HashMap<&'a str, usize>,
) {
    while let Some(name) = todo.pop() {
        let run = pairs.partition_point(|(first, _)| *first < name);
        for &(_, next) in pairs[run..].iter().take_while(|(first, _)| *first == name) {
            if reach(reached, next) {
                todo.push(next);
            }
        }
    }
}

/// Adds `name` to `reached`; whether it was not there yet.
fn reach<'a>(reached: &mut HashMap<&'a str, usize>, name: &'a str) -> bool {
    let new = !reached.contains_key(name);
    if new {
        reached.insert(name, reached.len());
    }
    new
}

/// The variables whose `NAME_FILE` names a file that a secret's value was
/// read from (its `NAME_FILE`, or the dotenv file that sets it): the file
/// holds the secret, under any other name too. Which files are one is only
/// worked out when a `NAME_FILE` was read, once per path (a dotenv file and
/// the secrets' files: a few): a load from the environment and a dotenv
/// file makes no file-system call for it.
fn names_reading_secret_files(
    read_files: &[(String, PathBuf, bool)],
    holds_secret: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    if !read_files.iter().any(|(_, _, named)| *named) {
        return Vec::new();
    }
    let mut ids: Vec<(&Path, FileId)> = Vec::new();
    for (_, path, _) in read_files {
        if !ids.iter().any(|(known, _)| known == path) {
            ids.push((path, FileId::of(path)));
        }
    }
    let id_of = |path: &Path| {
        ids.iter()
            .find(|(known, _)| *known == path)
            .map(|(_, id)| id)
    };
    // Built in loops: a collect of a filtered iterator was a copy of
    // Vec's collecting code for each, in every program that loads.
    let mut secret_files: Vec<&FileId> = Vec::new();
    for (var, path, _) in read_files {
        if holds_secret(var)
            && let Some(id) = id_of(path)
        {
            secret_files.push(id);
        }
    }
    let mut readers = Vec::new();
    for (var, path, named) in read_files {
        if *named && id_of(path).is_some_and(|id| secret_files.iter().any(|file| file.is(id))) {
            readers.push(var.clone());
        }
    }
    readers
}

/// A file, however it is named: its canonical path (symbolic links, `.`
/// and `..` resolved) and, on Unix, its device and inode, which a hard
/// link shares.
struct FileId {
    path: PathBuf,
    inode: Option<(u64, u64)>,
}

impl FileId {
    fn of(path: &Path) -> FileId {
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt as _;
            std::fs::metadata(path)
                .ok()
                .map(|meta| (meta.dev(), meta.ino()))
        };
        #[cfg(not(unix))]
        let inode = None;
        FileId {
            path: std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
            inode,
        }
    }

    /// Whether both name one file.
    fn is(&self, other: &FileId) -> bool {
        self.path == other.path || (self.inode.is_some() && self.inode == other.inode)
    }
}
