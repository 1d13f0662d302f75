//! `Debug` of [`Problem`] and [`ProblemKind`], written out so that it is
//! bounded and escaped like `Display`: text from outside is abridged,
//! never printed whole.

use std::fmt;

use super::{Problem, ProblemKind};
use crate::shown::{Abridged, Shown};

impl fmt::Debug for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Problem")
            .field("var", &Abridged::name(&self.var))
            .field("expected", &self.expected)
            .field("kind", &self.kind)
            .field("from", &self.from.as_deref().map(Abridged::name))
            .field("typo", &self.typo.as_deref().map(Abridged::name))
            .finish()
    }
}

impl fmt::Debug for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Missing => f.write_str("Missing"),
            ProblemKind::Empty => f.write_str("Empty"),
            ProblemKind::NotUnicode => f.write_str("NotUnicode"),
            ProblemKind::Invalid { value: v, reason } => f
                .debug_struct("Invalid")
                .field("value", &v.as_deref().map(|v| Shown(Some(v))))
                .field("reason", &Abridged::reason(reason))
                .finish(),
            ProblemKind::InvalidDefault { value: v, reason } => f
                .debug_struct("InvalidDefault")
                .field("value", &v.as_deref().map(|v| Shown(Some(v))))
                .field("reason", &Abridged::reason(reason))
                .finish(),
            ProblemKind::Rule { vars, message } => f
                .debug_struct("Rule")
                .field("vars", vars)
                .field("message", &Abridged::reason(message))
                .finish(),
            ProblemKind::MalformedLine { reason } => f
                .debug_struct("MalformedLine")
                .field("reason", &Abridged::reason(reason))
                .finish(),
            ProblemKind::Undeployable { reason } => f
                .debug_struct("Undeployable")
                .field("reason", &Abridged::reason(reason))
                .finish(),
            ProblemKind::BothSet { file_var } => f
                .debug_struct("BothSet")
                .field("file_var", &Abridged::name(file_var))
                .finish(),
            ProblemKind::FileUnreadable {
                file_var,
                path,
                reason,
            } => f
                .debug_struct("FileUnreadable")
                .field("file_var", &Abridged::name(file_var))
                .field(
                    "path",
                    &path
                        .as_ref()
                        .map(|path| Abridged::name(&path.to_string_lossy()).to_string()),
                )
                .field("reason", &Abridged::reason(reason))
                .finish(),
        }
    }
}
