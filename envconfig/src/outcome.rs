//! [`Outcome`]: how one variable fared in a load (its value or its problem,
//! where it came from, its status), the plain record that the loader
//! produces and that the check report and the operator's view are built
//! from.

use std::path::PathBuf;

use crate::error::{Problem, ProblemKind, file_path_is_shown};
use crate::provenance::Provenance;
use crate::shown::REDACTED;
use crate::warning::Warning;

/// How one variable fared.
#[derive(Clone, Debug)]
pub(crate) struct Outcome {
    pub var: String,
    pub status: Status,
    /// Where the value came from; `None` when nothing was set.
    pub origin: Option<Provenance>,
    /// The value to show: `None` for a secret or when there is none.
    pub shown_value: Option<String>,
    pub secret: bool,
    /// Whether it must be set: no default, no `Option`.
    #[cfg_attr(not(feature = "k8s"), allow(dead_code))]
    pub required: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// Set and valid.
    Ok,
    /// Not set; the default applies.
    Default,
    /// Not set, and optional.
    Unset,
    /// Missing (not set, or empty, and required) or invalid: the problem
    /// says which, and why.
    Failed(Problem),
    /// Set, but its value depends on what the checked input should settle
    /// and does not, and why: a dotenv file checked alone expands a name it
    /// does not set above.
    Unchecked(String),
    /// Set from outside what was checked, by design, and from where: a
    /// Secret or ConfigMap not among the documents, the pod's fields, a
    /// `NAME_FILE` path in the container. Never read.
    External(String),
}

impl Status {
    /// The status as the report names it: `ok`, `default`, `missing`,
    /// `invalid`, `external` or `unchecked`.
    pub fn word(&self) -> &'static str {
        match self {
            Status::Ok => "ok",
            // An optional variable's default is to be unset.
            Status::Default | Status::Unset => "default",
            Status::Failed(problem) => match problem.kind() {
                ProblemKind::Missing | ProblemKind::Empty => "missing",
                _ => "invalid",
            },
            Status::External(_) => "external",
            Status::Unchecked(_) => "unchecked",
        }
    }

    /// Whether the variable is set to what is not checked here: its value
    /// comes from outside, or depends on what is not settled.
    pub fn is_set_unseen(&self) -> bool {
        matches!(self, Status::External(_) | Status::Unchecked(_))
    }
}

impl Outcome {
    /// Hides the value, and whatever a problem could show of it.
    pub fn redact(&mut self) {
        self.secret = true;
        self.shown_value = None;
        // The path of a file that cannot be read may be a secret pasted
        // into `NAME_FILE`, unless it is surely a path; one that was read
        // is shown, as for any secret read from a file.
        if let Status::Failed(problem) = &self.status
            && let ProblemKind::FileUnreadable { path, .. } = problem.kind()
            && !path.as_deref().is_some_and(file_path_is_shown)
        {
            self.redact_file_path();
        }
        if let Status::Failed(problem) = &mut self.status {
            problem.redact();
        }
    }

    /// Hides the path of the file the value was read from, when the path
    /// itself is a secret (a `NAME_FILE` that copies one), also when the
    /// file could be read.
    pub fn redact_file_path(&mut self) {
        if let Some(origin) = &mut self.origin {
            redact_file_path(origin);
        }
    }
}

/// `origin`, with the path of the file it names withheld.
fn redact_file_path(origin: &mut Provenance) {
    match origin {
        Provenance::SecretFile { path, .. } => *path = PathBuf::from(REDACTED),
        Provenance::Alias { via, .. } => redact_file_path(via),
        _ => {}
    }
}

/// What a load found: whether the value could be built, every problem, how
/// each variable fared (when the loader recorded it), and the warnings.
pub(crate) struct Outcomes {
    pub loaded: bool,
    pub problems: Vec<Problem>,
    pub vars: Vec<Outcome>,
    /// The source's and the fields' warnings.
    pub warnings: Vec<Warning>,
}
