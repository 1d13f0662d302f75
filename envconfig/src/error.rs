//! [`Error`] and [`Problem`]: every problem of one load, each naming its
//! variable, what was expected and what was wrong.

use std::fmt;
use std::path::{Path, PathBuf};

use zeroize::Zeroize;

use crate::shown::{Abridged, REDACTED, Shown};
use crate::value::ReasonBy;
use crate::warning::Warning;

/// What a rule's words are replaced with when a secret is involved.
const WITHHELD_RULE: &str =
    "a rule across fields is broken (details withheld: a variable involved is secret)";

/// What a secret's reason from its parser is replaced with.
const WITHHELD_BY_PARSER: &str =
    "rejected by its parser (details withheld: the variable is secret)";

/// What a secret's reason from its `validate` function is replaced with.
const WITHHELD_BY_VALIDATOR: &str =
    "rejected by its validate function (details withheld: the variable is secret)";

/// Why [`Startup::load`](crate::Startup::load) loaded no configuration:
/// its dotenv file could not be read, or the configuration does not load.
///
/// ```no_run
/// use envconfig::{Config, Startup, StartupError};
///
/// #[derive(Config)]
/// #[config(prefix = "APP_")]
/// struct Settings {
///     #[config(default = 8080)]
///     port: u16,
/// }
///
/// match Startup::new().load::<Settings>() {
///     Ok(loaded) => println!("port {}", loaded.config().port),
///     Err(StartupError::Config { error, warnings }) => {
///         for warning in warnings {
///             eprintln!("warning: {warning}");
///         }
///         for problem in error.problems() {
///             eprintln!("{problem}");
///         }
///     }
///     Err(error) => eprintln!("{error}"),
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StartupError {
    /// The dotenv file exists but cannot be read: `.env: line 2 is not
    /// valid UTF-8`. Its text is never shown.
    #[error("{}: {reason}", Abridged::name(&path.to_string_lossy()))]
    Dotenv {
        /// The file.
        path: PathBuf,
        /// Why it cannot be read.
        reason: String,
    },
    /// The configuration does not load: every problem, and the warnings
    /// that [`load_or_exit`](crate::load_or_exit) prints before them (an
    /// alias ignored may be why).
    #[error("{error}")]
    Config {
        /// Every problem.
        error: Error,
        /// What an operator should know, one line each, as
        /// [`Loaded::warnings`](crate::Loaded::warnings).
        warnings: Vec<Warning>,
    },
}

/// Every problem found while loading a configuration, in one value.
///
/// Loading never stops at the first problem: a service with three missing
/// variables learns about all three from one start.
///
/// ```
/// use envconfig::Config;
///
/// #[derive(Config, Debug)]
/// #[config(prefix = "APP_")]
/// struct Settings {
///     port: u16,
///     workers: u8,
/// }
///
/// let error = Settings::from_vars([("APP_PORT", "http")]).unwrap_err();
/// let vars: Vec<&str> = error.problems().iter().map(|p| p.var()).collect();
/// assert_eq!(vars, ["APP_PORT", "APP_WORKERS"]);
/// assert_eq!(
///     error.to_string(),
///     "invalid configuration (2 problems):\n  \
///      APP_PORT: invalid value \"http\": not an integer; expected integer 0..=65535\n  \
///      APP_WORKERS: required but not set; expected integer 0..=255"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration {}", Listed(.problems))]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    pub(crate) fn new(problems: Vec<Problem>) -> Error {
        debug_assert!(!problems.is_empty(), "an Error holds at least one problem");
        Error { problems }
    }

    /// Every problem, in the order of the struct's fields.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// `(2 problems):` then each problem on a line of its own, indented.
struct Listed<'a>(&'a [Problem]);

impl fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.len() {
            1 => f.write_str("(1 problem):")?,
            n => write!(f, "({n} problems):")?,
        }
        for problem in self.0 {
            write!(f, "\n  {problem}")?;
        }
        Ok(())
    }
}

/// One variable that could not be loaded.
///
/// It is an [`Error`](std::error::Error) of its own, so that one problem
/// can be handed on (`Box<dyn Error>`, `anyhow`) with its variable named.
#[derive(Clone, PartialEq, Eq)]
pub struct Problem {
    var: String,
    expected: String,
    kind: ProblemKind,
    /// Where the value came from, when not from the variable in the
    /// environment: a dotenv file's path and line, or the `NAME_FILE`
    /// variable.
    from: Option<String>,
    /// Who wrote the reason: user code (`FromStr`, `parse_with`,
    /// `validate`) may quote the value.
    reason_by: ReasonBy,
    /// For a missing variable, a set one whose name looks like a typo of
    /// its name.
    typo: Option<String>,
    /// What the checked input adds about where the value comes from: the
    /// service link that sets it, a Secret outside the manifest that may
    /// set it instead.
    note: Option<String>,
    /// Why a variable of an optional group that is on is required: `APP_TLS_CERT
    /// is set`.
    required_because: Option<String>,
}

impl Problem {
    pub(crate) fn new(
        var: impl Into<String>,
        expected: impl Into<String>,
        kind: ProblemKind,
    ) -> Problem {
        Problem {
            var: var.into(),
            expected: expected.into(),
            kind,
            from: None,
            reason_by: ReasonBy::Envconfig,
            typo: None,
            note: None,
            required_because: None,
        }
    }

    /// Records that `typo`, which is set, looks like a typo of this
    /// missing variable's name.
    pub(crate) fn set_typo(&mut self, typo: Option<String>) {
        self.typo = typo;
    }

    /// Adds what the checked input says about where the value comes from
    /// (`unless the Secret extra sets it`), shown after the problem.
    pub(crate) fn set_note(&mut self, note: String) {
        self.note = Some(note);
    }

    /// Records why the variable is required: its optional group is on.
    pub(crate) fn set_required_because(&mut self, because: String) {
        self.required_because = Some(because);
    }

    /// What is wrong, in words: the kind, or for a variable of a group
    /// that is on, why it was required.
    pub(crate) fn what(&self) -> String {
        match (&self.kind, &self.required_because) {
            (ProblemKind::Missing, Some(because)) => {
                format!("required because {because}, but not set")
            }
            (ProblemKind::Empty, Some(because)) => {
                format!("required because {because}, but set empty")
            }
            (kind, _) => format!("{kind}"),
        }
    }

    /// What the checked input says about where the value comes from.
    pub(crate) fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// For a missing variable, a set variable whose name looks like a typo
    /// of its name (`BILLING_DATABSE_URL` for `BILLING_DATABASE_URL`).
    pub fn typo(&self) -> Option<&str> {
        self.typo.as_deref()
    }

    /// The same problem, whose reason `by` wrote.
    pub(crate) fn with_reason_by(mut self, by: ReasonBy) -> Problem {
        self.reason_by = by;
        self
    }

    /// Hides everything that could show the value of a secret: the value
    /// itself (wiped), a reason from user code, which may quote it, and a
    /// `NAME_FILE` path that may be the secret pasted there by mistake
    /// (see [`file_path_is_shown`]).
    pub(crate) fn redact(&mut self) {
        match &mut self.kind {
            ProblemKind::Invalid { value, reason }
            | ProblemKind::InvalidDefault { value, reason } => {
                if let Some(mut value) = value.take() {
                    value.zeroize();
                }
                let withheld = match self.reason_by {
                    ReasonBy::Envconfig => None,
                    ReasonBy::Parser => Some(WITHHELD_BY_PARSER),
                    ReasonBy::Validator => Some(WITHHELD_BY_VALIDATOR),
                };
                if let Some(withheld) = withheld {
                    reason.zeroize();
                    *reason = withheld.to_owned();
                }
            }
            ProblemKind::FileUnreadable { path, .. } => {
                if !path.as_deref().is_some_and(file_path_is_shown) {
                    *path = None;
                }
            }
            ProblemKind::Rule { message, .. } => {
                message.zeroize();
                *message = WITHHELD_RULE.to_owned();
            }
            ProblemKind::Missing
            | ProblemKind::Empty
            | ProblemKind::NotUnicode
            | ProblemKind::BothSet { .. }
            | ProblemKind::MalformedLine { .. }
            | ProblemKind::Undeployable { .. } => {}
        }
    }

    /// Hides the path of the file a `NAME_FILE` names, whatever it is:
    /// the path is itself secret text (a `NAME_FILE` that copies a secret).
    pub(crate) fn redact_file_path(&mut self) {
        if let ProblemKind::FileUnreadable { path, .. } = &mut self.kind {
            *path = None;
        }
    }

    /// The same problem, with a value that came from `from` (`.env`,
    /// `APP_TOKEN_FILE`) rather than from the variable itself: the
    /// operator then knows which file to fix.
    pub(crate) fn from(mut self, from: String) -> Problem {
        self.from = Some(from);
        self
    }

    /// The variable's name, as the operator sets it (`APP_PORT`); for a
    /// broken rule across fields, the first of the variables involved.
    pub fn var(&self) -> &str {
        &self.var
    }

    /// Every variable involved: the one, or those of a broken rule.
    pub(crate) fn vars(&self) -> &[String] {
        match &self.kind {
            ProblemKind::Rule { vars, .. } => vars,
            _ => std::slice::from_ref(&self.var),
        }
    }

    /// What the variable should hold, in words (`integer 0..=65535`).
    pub fn expected(&self) -> &str {
        &self.expected
    }

    /// What was wrong.
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }

    /// Whether saying what the variable should hold (`; expected
    /// duration`) helps whoever fixes this problem: it does for a value
    /// that is missing or wrong, not for a problem of where the value is
    /// set (a malformed line, an unreadable file, `NAME` and `NAME_FILE`
    /// both set, a manifest Kubernetes would reject), which the type does
    /// not help to fix.
    pub(crate) fn shows_expected(&self) -> bool {
        !self.expected.is_empty()
            && match self.kind {
                ProblemKind::Missing
                | ProblemKind::Empty
                | ProblemKind::Invalid { .. }
                | ProblemKind::NotUnicode
                | ProblemKind::InvalidDefault { .. } => true,
                ProblemKind::BothSet { .. }
                | ProblemKind::FileUnreadable { .. }
                | ProblemKind::MalformedLine { .. }
                | ProblemKind::Rule { .. }
                | ProblemKind::Undeployable { .. } => false,
            }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ProblemKind::Rule { vars, message } = &self.kind {
            return write!(f, "{}: {}", vars.join(", "), Abridged::reason(message));
        }
        f.write_str(&self.var)?;
        if let Some(from) = &self.from {
            write!(f, " (from {})", Abridged::name(from))?;
        }
        write!(f, ": {}", self.what())?;
        if let Some(typo) = &self.typo {
            write!(f, " ({} is set; a typo?)", Abridged::name(typo))?;
        }
        if self.shows_expected() {
            write!(f, "; expected {}", self.expected)?;
        }
        if let Some(note) = &self.note {
            write!(f, "; {note}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problem {}

/// What was wrong with a variable.
///
/// A secret's value is never held here: for a secret, `value` is `None` and a
/// reason that could quote the value is withheld.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A required variable is not set.
    #[error("required but not set")]
    Missing,
    /// A required variable is set to the empty string.
    #[error("set but empty")]
    Empty,
    /// The value cannot be parsed.
    #[error("invalid value {}: {}", Shown(.value.as_deref()), Abridged::reason(.reason))]
    Invalid {
        /// The value as set, or `None` for a secret.
        value: Option<String>,
        /// Why it was rejected.
        reason: String,
    },
    /// The value is not valid UTF-8.
    #[error("value is not valid UTF-8")]
    NotUnicode,
    /// Both the variable and its `_FILE` variant are set.
    #[error("both it and {file_var} are set; set only one")]
    BothSet {
        /// The `NAME_FILE` variable.
        file_var: String,
    },
    /// The file named by the `_FILE` variant cannot be read.
    #[error("cannot read {}: {}", NamedFile(.file_var, .path.as_deref()), Abridged::reason(.reason))]
    FileUnreadable {
        /// The `NAME_FILE` variable.
        file_var: String,
        /// The file it names; `None` for a secret's, unless it is absolute
        /// and its parent directory exists: a secret pasted into
        /// `NAME_FILE` by mistake would be shown as a path.
        path: Option<PathBuf>,
        /// Why it cannot be read.
        reason: String,
    },
    /// The dotenv line meant to set the variable cannot be parsed (the
    /// problem's origin says which file and line).
    #[error("malformed line: {}", Abridged::reason(.reason))]
    MalformedLine {
        /// What is wrong with the line, in words that never quote it.
        reason: String,
    },
    /// A rule across fields (`#[config(validate = ...)]` on the struct) is
    /// broken.
    #[error("{}", Abridged::reason(.message))]
    Rule {
        /// The variables of the fields the rule names, the first of which
        /// is the problem's [`var`](Problem::var).
        vars: Vec<String>,
        /// The rule's words, or that they are withheld when a variable
        /// involved is secret.
        message: String,
    },
    /// The Kubernetes manifest that sets the variable would not deploy it
    /// (`--check-env --manifest`): Kubernetes rejects the value (`value:
    /// 8080` is not a string), or the container cannot start (the ConfigMap
    /// it refers to has no such key).
    #[error("{}", Abridged::reason(.reason))]
    Undeployable {
        /// What is wrong, in words that never quote the value.
        reason: String,
    },
    /// The field's string default does not parse: a bug in the program, not
    /// in the environment.
    #[error("its default {} is invalid: {}", Shown(.value.as_deref()), Abridged::reason(.reason))]
    InvalidDefault {
        /// The default as written, or `None` for a secret.
        value: Option<String>,
        /// Why it was rejected.
        reason: String,
    },
}

/// Whether the path that a secret's `NAME_FILE` names, when the file cannot
/// be read, is shown: when it is absolute and its parent directory exists,
/// it is a path, and the operator needs it to fix the mount; anything else
/// may be the secret itself, pasted into `NAME_FILE` by mistake.
pub(crate) fn file_path_is_shown(path: &Path) -> bool {
    path.is_absolute() && path.parent().is_some_and(Path::is_dir)
}

/// The file a `NAME_FILE` variable names: `APP_TOKEN_FILE=/run/token`, or,
/// when its path is withheld, `the file APP_TOKEN_FILE names (<redacted>)`.
struct NamedFile<'a>(&'a str, Option<&'a Path>);

impl fmt::Display for NamedFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let NamedFile(file_var, path) = *self;
        match path {
            Some(path) => write!(f, "{file_var}={}", Abridged::name(&path.to_string_lossy())),
            None => write!(f, "the file {file_var} names ({REDACTED})"),
        }
    }
}

mod debug;

#[cfg(test)]
mod tests;
