//! What the entries tell of what was read: the warnings, the lines that
//! cannot be read, the names set.

use super::{Entries, MalformedLine};
use crate::order::sorted_by;
use crate::provenance::Provenance;
use crate::warning::Warning;

impl Entries {
    /// What reading the file found that a person should know, once the
    /// configuration has been loaded from it: a malformed line that no
    /// field asked for is a warning, not a problem.
    pub fn warnings(&self) -> Vec<Warning> {
        self.warnings_but_ignored_lines(false)
    }

    /// [`Entries::warnings`], without those of the lines ignored when
    /// `but_ignored_lines` (a reader that ignores no line).
    pub fn warnings_but_ignored_lines(&self, but_ignored_lines: bool) -> Vec<Warning> {
        let mut warnings = Vec::new();
        let ignored = if but_ignored_lines {
            Vec::new()
        } else {
            self.malformed_lines()
        };
        for malformed in ignored {
            if !malformed.claimed.get() {
                warnings.push(Warning::LineIgnored {
                    at: malformed.origin.clone(),
                    reason: malformed.reason.to_owned(),
                });
            }
        }
        warnings.extend_from_slice(&self.warnings);
        warnings
    }

    /// Every line that cannot be read, whether a field asked for its name
    /// or not, in the order of the files' lines.
    pub fn malformed_lines(&self) -> Vec<&MalformedLine> {
        let mut lines: Vec<&MalformedLine> = Vec::new();
        for kept in self.names.values() {
            lines.extend(kept.malformed.as_deref());
        }
        lines.extend(&self.unnamed_malformed);
        sorted_by(lines, |malformed| match &malformed.origin {
            Provenance::EnvFile { path, line } => (path.as_os_str().as_encoded_bytes(), *line),
            _ => (&[], 0),
        })
    }

    /// The name of every variable set, with where a file sets it.
    pub fn names(&self) -> Vec<(&str, Option<Provenance>)> {
        let mut names = Vec::new();
        for (name, kept) in &self.names {
            let origin = match (&kept.var, &kept.unseen) {
                (Some(entry), _) => &entry.origin,
                (None, Some(unseen)) => &unseen.1,
                (None, None) => continue,
            };
            let in_a_file = match origin {
                Provenance::Environment => None,
                origin => Some(origin.clone()),
            };
            names.push((name.as_str(), in_a_file));
        }
        names
    }
}
