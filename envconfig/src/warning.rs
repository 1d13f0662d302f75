//! [`Warning`]: what an operator should know although nothing failed, one
//! variant per rule, each said in words here and nowhere else.

use std::fmt;
use std::path::PathBuf;

use crate::provenance::Provenance;
use crate::shown::{Abridged, OneLine};

/// Something an operator should know about a configuration's variables
/// although nothing failed: an old name in use, a deprecated variable, a
/// line of a file that is ignored. [`load_or_exit`](crate::load_or_exit)
/// prints each on a line of its own starting `warning: `, `--check-env`
/// lists them (and `--strict` fails on them), and code gets them with the
/// loaded configuration ([`Loaded::warnings`](crate::Loaded::warnings)).
///
/// Its `Display` is the sentence an operator reads; text from outside
/// (names, paths) is escaped there, and no warning ever holds a value.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// The variable is unset and an old name of it
    /// (`#[config(alias = "...")]`) is read instead.
    AliasInUse {
        /// The old name, which is set.
        alias: String,
        /// The variable.
        var: String,
    },
    /// An old name of the variable is set, but so is the variable (or an
    /// earlier old name), which is read instead.
    AliasIgnored {
        /// The old name that is ignored.
        alias: String,
        /// The name that is read.
        used: String,
    },
    /// A deprecated variable (`#[config(deprecated = "...")]`) is set.
    Deprecated {
        /// The name it is set under.
        var: String,
        /// Why it is deprecated, and what to do instead.
        note: String,
    },
    /// A line of a dotenv file cannot be read, and no variable of the
    /// configuration is set by it: it is ignored.
    LineIgnored {
        /// The file and line.
        at: Provenance,
        /// What is wrong with the line, in words that never quote it.
        reason: String,
    },
    /// A dotenv file sets one name on more than one line; the last wins.
    SetTwice {
        /// The file.
        file: PathBuf,
        /// The name.
        var: String,
    },
    /// A docker env file sets one name more than once, the last time as a
    /// bare name: the deploying shell's value wins, and, when that shell
    /// has none, docker leaves the bare line out and `line` stands.
    SetTwiceLastFromShell {
        /// The file.
        file: PathBuf,
        /// The name.
        var: String,
        /// The last line above that gives it a value.
        line: usize,
    },
    /// A value of a file checked alone (`--check-env --env-file`) depends
    /// on what the file does not settle, so it is not checked.
    NotChecked {
        /// Where it is set.
        at: Provenance,
        /// The variable.
        var: String,
        /// Why, in words that never quote a secret.
        reason: String,
    },
    /// A dotenv file's value uses shell syntax that dotenvy does not have
    /// (`${NAME:-default}`, `${ NAME }`): dotenvy reads all that is between
    /// the braces as one name, which nothing sets, so it expands to
    /// nothing. The value is checked as dotenvy reads it.
    ShellSyntax {
        /// The file and line.
        at: Provenance,
        /// The variable whose value it is.
        var: String,
        /// The form, as a shell writes it (`${NAME:-default}`).
        form: &'static str,
        /// What dotenvy reads as a name (`X:-a`), or `...` in a secret's
        /// value.
        name: String,
    },
    /// A docker env file's value is in quotes (`NAME="value"`), which
    /// `docker run --env-file` keeps as part of the value.
    QuotesKept {
        /// The file and line.
        at: Provenance,
        /// The variable whose value it is.
        var: String,
    },
    /// A set variable that carries the configuration's prefix, or looks
    /// like one of its variables, belongs to no field.
    Unknown {
        /// Where a file sets it.
        at: Option<Provenance>,
        /// The name that is set.
        var: String,
        /// The variable it is probably a typo of.
        did_you_mean: Option<String>,
    },
    /// A variable of a group that its switch (`enabled_by`) leaves off is
    /// set: it is ignored.
    GroupOff {
        /// The name it is set under.
        var: String,
        /// The switch's variable, which is false or unset.
        switch: String,
    },
    /// A variable of a group that may be on, as far as a check can tell,
    /// is required and unset, or invalid: a start with the group on does
    /// not load. Its switch (`enabled_by`) is set to what the check cannot
    /// tell (from outside what is checked, or not settled by it), so may
    /// be true; or the only variables of the group that are set (which
    /// switch it on) may be unset or empty at a start.
    SwitchedFromOutside {
        /// The variable.
        var: String,
        /// The switch's variable, or the variable of the group that may
        /// be set.
        switch: String,
        /// Whether it is unset (else its value is invalid).
        missing: bool,
        /// When `switch` is a variable of the group: why it may be unset
        /// or empty. `None` for an `enabled_by` switch.
        maybe_unset: Option<String>,
    },
    /// An alias of one variable is also the name of another variable, or
    /// an alias of another.
    AliasTaken {
        /// The alias.
        alias: String,
        /// The variable it is an alias of.
        of: String,
        /// The other variable.
        owner: String,
        /// Whether the alias is the other variable's name (else it is
        /// also its alias).
        is_its_name: bool,
    },
    /// A Kubernetes manifest sets a secret variable in plain text. A value
    /// that takes part of its text from outside the manifest
    /// (`postgres://app:$(DB_PASSWORD)@db`, the password from a
    /// `secretKeyRef`) is taken to have its secret there, and is not.
    SecretInPlainText {
        /// Where.
        at: Provenance,
        /// The variable.
        var: String,
        /// What sets it, in words (`a literal value:`, `the ConfigMap x`).
        written: String,
    },
    /// A required variable depends on an optional reference of a manifest.
    RequiredBehindOptional {
        /// The variable.
        var: String,
        /// The optional reference, in words.
        optional: String,
    },
    /// An `env` entry of a manifest hides an earlier one of the same name.
    EntryHidden {
        /// Where the later entry is.
        at: Provenance,
        /// The name.
        var: String,
        /// The line of the entry it hides.
        hidden_line: usize,
    },
    /// A manifest's value expands `$(NAME)` of a name set nowhere above it,
    /// which Kubernetes leaves in the value as written.
    UndefinedReference {
        /// Where.
        at: Provenance,
        /// The variable whose value it is.
        var: String,
        /// The name referred to, or `...` when the value is a secret's.
        reference: String,
    },
    /// A variable of the configuration has the shape of a service link
    /// (`BILLING_PORT`) and is left to its default or unset in a pod that
    /// has service links: a Service of that name in the namespace would
    /// make the kubelet set it.
    ServiceLinkShape {
        /// The pod spec.
        at: Provenance,
        /// The variable.
        var: String,
        /// The Service's name that would set it (`billing`).
        service: String,
    },
    /// A manifest's `NAME_FILE` names a path that no volume of the
    /// container mounts: the file must come from the image.
    FileFromImage {
        /// Where.
        at: Provenance,
        /// The `NAME_FILE` variable.
        file_var: String,
        /// The path, or `<redacted>` when it may be a secret.
        path: String,
    },
}

impl Warning {
    /// The file and line it is about, when it is about one: where a
    /// `--report github` annotation goes.
    pub(crate) fn at(&self) -> Option<&Provenance> {
        match self {
            Warning::LineIgnored { at, .. }
            | Warning::NotChecked { at, .. }
            | Warning::ShellSyntax { at, .. }
            | Warning::QuotesKept { at, .. }
            | Warning::SecretInPlainText { at, .. }
            | Warning::EntryHidden { at, .. }
            | Warning::UndefinedReference { at, .. }
            | Warning::FileFromImage { at, .. }
            | Warning::ServiceLinkShape { at, .. } => Some(at),
            Warning::Unknown { at, .. } => at.as_ref(),
            _ => None,
        }
    }

    /// The variable of the configuration it is about, when it is about one
    /// (under its name, or the name it is set under).
    pub(crate) fn var(&self) -> Option<&str> {
        match self {
            Warning::AliasInUse { var, .. }
            | Warning::Deprecated { var, .. }
            | Warning::NotChecked { var, .. }
            | Warning::ShellSyntax { var, .. }
            | Warning::QuotesKept { var, .. }
            | Warning::GroupOff { var, .. }
            | Warning::SwitchedFromOutside { var, .. }
            | Warning::SecretInPlainText { var, .. }
            | Warning::RequiredBehindOptional { var, .. }
            | Warning::EntryHidden { var, .. }
            | Warning::UndefinedReference { var, .. }
            | Warning::ServiceLinkShape { var, .. } => Some(var),
            Warning::AliasTaken { of, .. } => Some(of),
            _ => None,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Abridged::name;
        match self {
            Warning::AliasInUse { alias, var } => write!(
                f,
                "{alias} is the old name of {var}: it is read for now; rename it to {var}",
                alias = name(alias),
                var = name(var)
            ),
            Warning::AliasIgnored { alias, used } => {
                write!(f, "{} is ignored: {} is set", name(alias), name(used))
            }
            Warning::Deprecated { var, note } => {
                write!(f, "{} is deprecated: {}", name(var), OneLine(note))
            }
            Warning::LineIgnored { at, reason } => {
                write!(f, "{}: {reason}; the line is ignored", at.label())
            }
            Warning::SetTwice { file, var } => write!(
                f,
                "{} sets {} more than once; the last one is used",
                Abridged::name(&file.to_string_lossy()),
                name(var)
            ),
            Warning::SetTwiceLastFromShell { file, var, line } => write!(
                f,
                "{} sets {} more than once; the last time as a bare name, which takes the \
                 value of the shell that runs `docker run`, or line {line}'s when that shell \
                 has none",
                Abridged::name(&file.to_string_lossy()),
                name(var)
            ),
            Warning::NotChecked { at, var, reason } => {
                write!(f, "{}: {} is not checked: {reason}", at.label(), name(var))
            }
            Warning::ShellSyntax {
                at,
                var,
                form,
                name: read_as,
            } => write!(
                f,
                "{}: {} uses {form}, which dotenvy does not have: it reads ${{{}}} as one \
                 name, which nothing sets, so it expands to nothing",
                at.label(),
                name(var),
                name(read_as)
            ),
            Warning::Unknown {
                var, did_you_mean, ..
            } => {
                write!(
                    f,
                    "{} is set but is not a variable of this configuration",
                    name(var)
                )?;
                match did_you_mean {
                    Some(suggestion) => write!(f, "; did you mean {suggestion}?"),
                    None => Ok(()),
                }
            }
            Warning::AliasTaken {
                alias,
                of,
                owner,
                is_its_name,
            } => {
                let what = match is_its_name {
                    true => "the name of",
                    false => "also an alias of",
                };
                write!(
                    f,
                    "{alias}, an alias of {of}, is {what} {owner}: it cannot be both",
                    alias = name(alias),
                    of = name(of),
                    owner = name(owner)
                )
            }
            Warning::SecretInPlainText { at, var, written } => write!(
                f,
                "{}: {} is secret, but {written} sets it: the secret sits in the manifest in \
                 plain text (use a secretKeyRef)",
                at.label(),
                name(var)
            ),
            Warning::RequiredBehindOptional { var, optional } => write!(
                f,
                "{} is required, but it depends on {optional}: where that is missing, the \
                 container starts without it and the configuration does not load",
                name(var)
            ),
            Warning::EntryHidden {
                at,
                var,
                hidden_line,
            } => write!(
                f,
                "{}: {} hides the env entry of the same name at line {hidden_line}; the last \
                 one wins",
                at.label(),
                name(var)
            ),
            Warning::UndefinedReference { at, var, reference } => write!(
                f,
                "{}: {} expands $({reference}), which is not set above it: Kubernetes leaves \
                 the text $({reference}) in its value",
                at.label(),
                name(var),
                reference = name(reference)
            ),
            Warning::FileFromImage { at, file_var, path } => write!(
                f,
                "{}: {} names {}, which no volume of the container mounts: the file must be in \
                 the image",
                at.label(),
                name(file_var),
                name(path)
            ),
            Warning::GroupOff { var, switch } => write!(
                f,
                "{} is set but ignored: {} is false",
                name(var),
                name(switch)
            ),
            Warning::QuotesKept { at, var } => write!(
                f,
                "{}: {}'s value is in quotes, which docker run --env-file keeps as part of \
                 the value (write it without them)",
                at.label(),
                name(var)
            ),
            Warning::SwitchedFromOutside {
                var,
                switch,
                missing,
                maybe_unset,
            } => {
                let fails = match missing {
                    true => "it is not set",
                    false => "its value is invalid",
                };
                // Names of the configuration, from its code: whole, as a
                // problem shows them, so that two long ones stay apart.
                let (var, switch) = (OneLine(var), OneLine(switch));
                match maybe_unset {
                    None => write!(
                        f,
                        "{var} is required when {switch} is true, which this check cannot \
                         tell; {fails}"
                    ),
                    Some(why) => write!(
                        f,
                        "{var} is required when {switch} is set, which this check cannot \
                         tell ({}); {fails}",
                        OneLine(why)
                    ),
                }
            }
            Warning::ServiceLinkShape { at, var, service } => write!(
                f,
                "{}: {} has the shape of a service link: a Service named {} in the pod's \
                 namespace would make the kubelet set it; set `enableServiceLinks: false` in \
                 the pod spec",
                at.label(),
                name(var),
                name(service)
            ),
        }
    }
}

/// Bounded and escaped like `Display`: what it holds comes from outside.
impl fmt::Debug for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Warning").field(&self.to_string()).finish()
    }
}
