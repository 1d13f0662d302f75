//! [`Entries`]: variables held in memory, as given pairs, a snapshot of the
//! process environment, or the lines of a file set them, with what reading
//! a file found besides values: its malformed lines, the names each value
//! copies, and its warnings.

use std::cell::Cell;
use std::collections::HashMap;
use std::path::Path;

use zeroize::Zeroizing;

use super::{Entry, FILE_SUFFIX, Found, Lookup, RawValue, Tainted, Unusable, VarName, resolve};
use crate::order::sorted_names;
use crate::provenance::Provenance;
use crate::warning::Warning;

mod found;

/// Variables held in memory, and what reading them found.
#[derive(Default)]
pub(crate) struct Entries {
    /// What is kept under each name: one map for every kind, since each
    /// type of map is one more copy of the hash table's code.
    names: HashMap<String, Kept>,
    /// The lines that cannot be read and whose name cannot be told.
    pub unnamed_malformed: Vec<MalformedLine>,
    /// What reading the file found that a person should know.
    pub warnings: Vec<Warning>,
    /// The configuration's names (aliases included), sorted, when they are
    /// known before a file is read: how a file sets any other name
    /// (`JAVA_OPTS`) is none of the configuration's business, and no
    /// warning is kept about it.
    pub concerned: Option<Vec<String>>,
}

/// What is kept under one name. A value and what is not seen here never
/// go together; a line that cannot be read goes with neither of those
/// from the same file, but may go with a value of the real environment.
#[derive(Default)]
struct Kept {
    /// The value it is set to.
    var: Option<Entry>,
    /// What it is set to that is not seen here (a file checked alone: a
    /// `${NAME}` the file does not settle, a value from outside it), and
    /// where. Rare: boxed, to keep each name small.
    unseen: Option<Box<(Unseen, Provenance)>>,
    /// The line that cannot be read that was meant to set it. Rare too.
    malformed: Option<Box<MalformedLine>>,
    /// When a file sets it by expanding others, the names its value copies,
    /// directly or through others: a value that copies a secret is secret
    /// too. Kept under names of lines too ([`Entries::keep_copies`]).
    copies: Vec<String>,
}

/// What a variable whose value is not seen here is set to.
#[derive(Clone, Debug)]
pub(crate) enum Unseen {
    /// From outside what is checked, by design, and set for sure: from
    /// where (a manifest's references).
    #[cfg_attr(not(feature = "k8s"), allow(dead_code))]
    External(String),
    /// A bare name of a docker file below a line that sets the name to a
    /// value, which stands when the deploying shell has none: set for sure,
    /// to a value unless that shell has it empty. From where.
    ShellOrLine(String),
    /// From outside what is checked, if at all: a bare name of a docker
    /// file, which the deploying shell may not have. From where.
    MaybeExternal(String),
    /// To what depends on what the input should settle and does not: why.
    Unchecked(String),
    /// The same, with text of its own whatever the unsettled names turn out
    /// to be (`${X}/a`: expansions only add text): set, and not empty, for
    /// sure. Why.
    UncheckedButSet(String),
}

/// A line that cannot be read, kept under the name it was meant to set: a
/// problem of that variable if the configuration has it, else a warning.
#[derive(Debug)]
pub(crate) struct MalformedLine {
    pub origin: Provenance,
    pub reason: &'static str,
    /// Whether a field asked for the name.
    pub claimed: Cell<bool>,
}

impl Entries {
    /// Whether a warning about how a file sets `name` (or `NAME_FILE`) is
    /// kept: see [`Entries::concerned`].
    pub fn concerns(&self, name: &str) -> bool {
        let Some(names) = &self.concerned else {
            return true;
        };
        let known = |name: &str| {
            names
                .binary_search_by(|known| known.as_str().cmp(name))
                .is_ok()
        };
        known(name) || name.strip_suffix(FILE_SUFFIX).is_some_and(known)
    }

    /// Keeps warnings about `names` only (see [`Entries::concerned`]).
    pub fn concern(&mut self, names: Vec<String>) {
        self.concerned = Some(sorted_names(names));
    }

    /// What is kept under `name`, if anything is.
    // Not inlined: names are looked up in some twenty places, and each
    // inlined lookup is a hash table probe of its own.
    #[inline(never)]
    fn kept(&self, name: &str) -> Option<&Kept> {
        self.names.get(name)
    }

    /// What is kept under `name`, made empty if nothing was.
    // Not inlined, for the same reason: each inlined insertion is a probe
    // and an insertion into the hash table of its own.
    #[inline(never)]
    fn kept_mut(&mut self, name: String) -> &mut Kept {
        self.names.entry(name).or_default()
    }

    /// The entry of `name`, if it is set to a value.
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.kept(name)?.var.as_ref()
    }

    /// What `name` is set to that is not seen here, and where, if it is.
    fn unseen(&self, name: &str) -> Option<&(Unseen, Provenance)> {
        self.kept(name)?.unseen.as_deref()
    }

    /// The line meant to set `name` that cannot be read, if there is one.
    fn malformed(&self, name: &str) -> Option<&MalformedLine> {
        self.kept(name)?.malformed.as_deref()
    }

    /// Whether `name` is set, to a value or to what is not seen here.
    pub fn is_set(&self, name: &str) -> bool {
        self.kept(name)
            .is_some_and(|kept| kept.var.is_some() || kept.unseen.is_some())
    }

    /// Whether `name` is set to what is not seen here.
    pub fn is_unseen(&self, name: &str) -> bool {
        self.unseen(name).is_some()
    }

    /// Sets `name` to the value of `entry`.
    pub fn insert(&mut self, name: String, entry: Entry) {
        self.kept_mut(name).var = Some(entry);
    }

    /// Sets `name` to what is not seen here, from `origin`.
    #[cfg(feature = "k8s")]
    pub fn insert_unseen(&mut self, name: String, unseen: Unseen, origin: Provenance) {
        self.kept_mut(name).unseen = Some(Box::new((unseen, origin)));
    }

    /// Makes `copies` what the value of `name` copies (see [`Kept::copies`]).
    pub fn set_copies(&mut self, name: String, copies: Vec<String>) {
        self.kept_mut(name).copies = copies;
    }

    /// Every name whose value copies others, with the names it copies.
    pub fn copies(&self) -> Vec<(&str, &[String])> {
        let mut copies = Vec::new();
        for (name, kept) in &self.names {
            if !kept.copies.is_empty() {
                copies.push((name.as_str(), kept.copies.as_slice()));
            }
        }
        copies
    }

    /// The names set to a value, with their entries.
    pub fn vars(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.names
            .iter()
            .filter_map(|(name, kept)| Some((name.as_str(), kept.var.as_ref()?)))
    }

    /// Whether `var`'s `_FILE` companion is set to a path, not empty.
    pub fn names_a_file(&self, var: &VarName) -> bool {
        self.get(var.file_var())
            .is_some_and(|entry| !matches!(&entry.value, RawValue::Text(text) if text.is_empty()))
    }

    /// Why `var` (or its `_FILE`), set to what is not seen here, may be
    /// unset or empty at a start; `None` when either is set for sure.
    pub fn may_be_unset(&self, var: &VarName) -> Option<String> {
        // Two calls, not a loop over the two names, which the compiler
        // unrolled into two copies of the body.
        let why = self.why_unset(var.name())?;
        let why_file = self.why_unset(var.file_var())?;
        why.or(why_file)
    }

    /// Why `name` may be unset or empty at a start, if it may (`Some(None)`
    /// when nothing is known); `None` when it is set for sure.
    fn why_unset(&self, name: &str) -> Option<Option<String>> {
        if self.get(name).is_some_and(|entry| !entry.is_empty()) {
            return None;
        }
        match self.unseen(name) {
            Some((Unseen::Unchecked(reason), _)) => {
                Some(Some(format!("{name} may be empty: {reason}")))
            }
            Some((Unseen::MaybeExternal(from), _)) => {
                Some(Some(format!("{name} may be unset: it is taken {from}")))
            }
            Some((
                Unseen::External(_) | Unseen::ShellOrLine(_) | Unseen::UncheckedButSet(_),
                _,
            )) => None,
            None => Some(None),
        }
    }

    /// Finds `var` as a file checked alone sets it: from `var` itself, from
    /// the file its `_FILE` companion names (opened if `open_secret_files`,
    /// else the container's), or from what is not seen here.
    pub fn lookup(&self, var: &VarName, open_secret_files: bool) -> Lookup<'_> {
        if let Some(unseen) = self.unseen_lookup(var) {
            return unseen;
        }
        let direct = self.get(var.name()).map(Found::Stored);
        let via_file = self
            .get(var.file_var())
            .filter(|entry| !entry.is_empty())
            .map(Found::Stored);
        match resolve(var, direct, via_file, open_secret_files) {
            Lookup::Unset => self.malformed_line(var).unwrap_or(Lookup::Unset),
            found => found,
        }
    }

    /// `var`, when it (or its `_FILE`) is set to what is not seen here:
    /// both set when each is, for sure; else what is not seen.
    fn unseen_lookup(&self, var: &VarName) -> Option<Lookup<'_>> {
        let file_var = var.file_var();
        let both_set = |origin: &Provenance| {
            Some(Lookup::Unusable(Unusable::BothSet {
                file_var: file_var.to_owned(),
                origin: origin.clone(),
            }))
        };
        let surely_set =
            |name: &str| matches!(self.unseen(name), Some((Unseen::UncheckedButSet(_), _)));
        let set =
            |name: &str| self.get(name).is_some_and(|entry| !entry.is_empty()) || surely_set(name);
        if let Some((unseen, origin)) = self.unseen(var.name()) {
            if surely_set(var.name()) && set(file_var) {
                return both_set(origin);
            }
            // A bare name of a docker file beside its `NAME_FILE`: both
            // are set if the deploying shell has it, or if a line above
            // sets it and the shell does not empty it.
            if let Unseen::MaybeExternal(from) | Unseen::ShellOrLine(from) = unseen
                && set(file_var)
            {
                let why = format!("{file_var} is set, and {} may be too: {from}", var.name());
                return Some(Lookup::Unchecked(why, origin.clone()));
            }
            return Some(unseen.lookup(String::new(), origin));
        }
        let (unseen, origin) = self.unseen(file_var)?;
        let Some(direct) = self.get(var.name()).filter(|direct| !direct.is_empty()) else {
            return Some(unseen.lookup(format!("set by {file_var}, "), origin));
        };
        match unseen {
            Unseen::UncheckedButSet(_) => both_set(&direct.origin),
            // It may turn out empty, and `var` is read; or not, and both
            // are set.
            Unseen::Unchecked(why) => Some(Lookup::Unchecked(
                format!("{file_var} may be set too: {why}"),
                origin.clone(),
            )),
            // From outside: set too if that sets it to a value (a bare
            // name of a docker file, if the deploying shell has it).
            Unseen::External(from) | Unseen::MaybeExternal(from) | Unseen::ShellOrLine(from) => {
                Some(Lookup::Unchecked(
                    format!("{file_var} may be set too: {from}"),
                    origin.clone(),
                ))
            }
        }
    }

    /// A malformed line meant to set `var` (or its `_FILE`), which is then
    /// claimed: its problem is the variable's.
    pub fn malformed_line(&self, var: &VarName) -> Option<Lookup<'static>> {
        let malformed = self
            .malformed(var.name())
            .or_else(|| self.malformed(var.file_var()))?;
        malformed.claimed.set(true);
        Some(Lookup::Unusable(Unusable::Malformed {
            origin: malformed.origin.clone(),
            reason: malformed.reason,
        }))
    }

    /// The names whose values hold a secret's through copies.
    pub fn copying_secrets(&self, secrets: &[&str]) -> Tainted {
        crate::secrecy::tainted(secrets, &self.copies())
    }

    /// Sets `name` from the line of `file` at `origin`, to `value`, which
    /// copies the names `references` expands. The last line of a file that
    /// sets a name wins (a malformed one too); a name already set from
    /// elsewhere (the real environment, under which `./.env` is read)
    /// keeps its value. Returns whether an earlier line of the file set it.
    pub fn set_from_line(
        &mut self,
        file: &Path,
        name: &str,
        value: Zeroizing<String>,
        origin: Provenance,
        references: &[&str],
    ) -> bool {
        let copies = self.keep_copies(name, &origin, references);
        let entry = Entry {
            value: RawValue::Text(value),
            origin,
        };
        let kept = self.kept_mut(name.to_owned());
        // A later line wins over an earlier malformed or unseen one.
        if kept
            .malformed
            .as_ref()
            .is_some_and(|malformed| is_from_file(&malformed.origin, file))
        {
            kept.malformed = None;
        }
        let earlier = match &kept.var {
            None => false,
            // An earlier line of this file: the last one wins, and the
            // value it replaces is zeroized as it drops.
            Some(set) if is_from_file(&set.origin, file) => true,
            // The real environment wins.
            Some(_) => return false,
        };
        kept.var = Some(entry);
        kept.unseen = None;
        // What an earlier line left is replaced.
        kept.copies = copies;
        earlier
    }

    /// Forgets what was said of the line that set `name` (its shell syntax,
    /// why it is not checked, its quotes): moot once a later line sets it.
    pub fn forget_line_warnings(&mut self, name: &str) {
        self.warnings.retain(|warning| {
            !matches!(warning, Warning::ShellSyntax { var, .. }
                | Warning::NotChecked { var, .. }
                | Warning::QuotesKept { var, .. } if var == name)
        });
    }

    /// Sets `name` from the line at `origin` to what is not seen here,
    /// which copies the names `references` expands: the last line wins.
    pub fn set_unseen(
        &mut self,
        name: &str,
        unseen: Unseen,
        origin: Provenance,
        references: &[&str],
    ) {
        let copies = self.keep_copies(name, &origin, references);
        *self.kept_mut(name.to_owned()) = Kept {
            unseen: Some(Box::new((unseen, origin))),
            copies,
            ..Kept::default()
        };
    }

    /// Keeps a line of `file` that cannot be read, under its name if it
    /// can be told, in place of what an earlier line of the file set it to:
    /// the last line wins, a malformed one too. What the earlier line
    /// copied stays: dotenvy still expands the name to that earlier value,
    /// which a later line may copy.
    pub fn set_malformed(
        &mut self,
        file: &Path,
        name: Option<&str>,
        origin: Provenance,
        reason: &'static str,
    ) {
        let malformed = MalformedLine {
            origin,
            reason,
            claimed: Cell::new(false),
        };
        let Some(name) = name else {
            self.unnamed_malformed.push(malformed);
            return;
        };
        let kept = self.kept_mut(name.to_owned());
        if kept
            .var
            .as_ref()
            .is_some_and(|set| is_from_file(&set.origin, file))
        {
            kept.var = None;
        }
        kept.unseen = None;
        kept.malformed = Some(Box::new(malformed));
    }

    /// The names a value that expands `references` copies, directly or
    /// through the earlier entries it expands.
    /// What the line of `name` at `origin` copies through `references`, as
    /// the name's list of copies: the list is kept once, under a key of
    /// this line that no name can be (`\0`), and the name points at it; a
    /// later line copying the name points at it in turn, so no list is
    /// copied into another and what is kept grows with the file. The
    /// secrecy module follows the chain.
    fn keep_copies(&mut self, name: &str, origin: &Provenance, references: &[&str]) -> Vec<String> {
        let copies = self.copies_of(references);
        if copies.is_empty() {
            return copies;
        }
        let node = format!("{name}\0{}", origin.label());
        self.set_copies(node.clone(), copies);
        vec![node]
    }

    fn copies_of(&self, references: &[&str]) -> Vec<String> {
        let mut copies: Vec<&str> = Vec::new();
        for reference in references {
            copies.push(reference);
            if let Some(further) = self.kept(reference) {
                copies.extend(further.copies.iter().map(String::as_str));
            }
        }
        sorted_names(copies)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }
}

impl Unseen {
    /// The lookup of a variable set to this at `origin`; `how` says how it
    /// is set when that is through its `_FILE`.
    fn lookup(&self, how: String, origin: &Provenance) -> Lookup<'static> {
        match self {
            Unseen::External(from) | Unseen::MaybeExternal(from) | Unseen::ShellOrLine(from) => {
                Lookup::External(format!("{how}{from}"), origin.clone())
            }
            Unseen::Unchecked(why) | Unseen::UncheckedButSet(why) => {
                Lookup::Unchecked(format!("{how}{why}"), origin.clone())
            }
        }
    }
}

/// Whether `origin` is a line of `file`.
pub(crate) fn is_from_file(origin: &Provenance, file: &Path) -> bool {
    matches!(
        origin,
        Provenance::EnvFile { path, .. } | Provenance::Manifest { path, .. } if path == file
    )
}
