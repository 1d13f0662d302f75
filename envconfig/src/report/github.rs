//! `--check-env --report github`: the report as GitHub Actions workflow
//! commands, so that a failed check annotates the pull request at the
//! file's line: `::error file=deploy/k8s.yaml,line=42::BILLING_PORT: ...`
//! for each problem, `::warning ...` for each warning, and the verdict as
//! a plain last line.
//!
//! The format is GitHub's documented one (`::COMMAND PROPERTIES::MESSAGE`),
//! escaped as its toolkit escapes it: in a message `%`, CR and LF; in a
//! property also `:` and `,`.

use std::fmt::Write as _;

use super::Report;
use crate::outcome::Status;
use crate::provenance::Provenance;

impl Report {
    /// The report as workflow commands, one line each.
    pub fn render_github(&self) -> String {
        let mut out = String::new();
        for checked in &self.vars {
            // The problem as an error message says it, with where the
            // value came from when that is not the annotation's line.
            if let Status::Failed(problem) = &checked.status {
                let message = problem.to_string();
                command(&mut out, "error", checked.origin.as_ref(), &message);
            }
        }
        for error in &self.errors {
            command(&mut out, "error", error.at.as_ref(), &error.to_string());
        }
        for warning in &self.warnings {
            // One about a variable that names no line of its own (a
            // deprecated name, a group that is off) is where the variable
            // is set.
            let at = warning.at().or_else(|| {
                let var = warning.var()?;
                let checked = self.vars.iter().find(|checked| checked.var == var)?;
                checked.origin.as_ref()
            });
            command(&mut out, "warning", at, &warning.to_string());
        }
        out.push_str(&self.verdict());
        out.push('\n');
        out
    }
}

/// One workflow command, with the file and line of `at` when it is a
/// file's line.
fn command(out: &mut String, name: &str, at: Option<&Provenance>, message: &str) {
    out.push_str("::");
    out.push_str(name);
    if let Some((path, line)) = at.and_then(file_and_line) {
        let _ = write!(out, " file={},line={line}", escape_property(&path));
    }
    out.push_str("::");
    out.push_str(&escape_data(message));
    out.push('\n');
}

/// The file and line an origin names, looking through an alias.
fn file_and_line(at: &Provenance) -> Option<(String, usize)> {
    match at {
        Provenance::EnvFile { path, line } | Provenance::Manifest { path, line } => {
            Some((path.to_string_lossy().into_owned(), *line))
        }
        Provenance::Alias { via, .. } => file_and_line(via),
        _ => None,
    }
}

/// A message: `%`, CR and LF escaped.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property's value: as a message, and `:` and `,` too.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_githubs_toolkit_does() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(
            escape_property("deploy/a:b,c%\n.yaml"),
            "deploy/a%3Ab%2Cc%25%0A.yaml"
        );
    }

    #[test]
    fn a_command_names_the_file_and_line_when_there_is_one() {
        let mut out = String::new();
        let at = Provenance::Manifest {
            path: "deploy/k8s.yaml".into(),
            line: 42,
        };
        command(&mut out, "error", Some(&at), "BILLING_PORT: invalid");
        command(&mut out, "warning", None, "a\nb");
        assert_eq!(
            out,
            "::error file=deploy/k8s.yaml,line=42::BILLING_PORT: invalid\n::warning::a%0Ab\n"
        );
    }
}
