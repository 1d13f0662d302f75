//! `--check-env --report github`: the report as GitHub Actions workflow
//! commands, so that a failed check annotates the pull request at the
//! file's line: `::error file=deploy/k8s.yaml,line=42::BILLING_PORT: ...`
//! for each problem, `::warning ...` for each warning, and the verdict as
//! a plain last line.
//!
//! The format is GitHub's documented one (`::COMMAND PROPERTIES::MESSAGE`),
//! escaped as its toolkit escapes it: in a message `%`, CR and LF; in a
//! property also `:` and `,`.

use super::Report;
use crate::outcome::Status;
use crate::provenance::{Provenance, is_stdin};
use crate::shown::is_printable;

impl Report {
    /// The report as workflow commands, one line each.
    pub fn render_github(&self) -> String {
        let mut out = String::new();
        for checked in &self.vars {
            // The problem as an error message says it, with where the
            // value came from when that is not the annotation's line.
            if let Status::Failed(problem) = &checked.status {
                let message = format!("{problem}");
                command(&mut out, "error", checked.origin.as_ref(), &message);
            }
        }
        for error in &self.errors {
            command(&mut out, "error", error.at.as_ref(), &format!("{error}"));
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
            command(&mut out, "warning", at, &format!("{warning}"));
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
        out.push_str(" file=");
        push_escaped(out, &shown_path(&path), true);
        out.push_str(&format!(",line={line}"));
    }
    out.push_str("::");
    push_escaped(out, message, false);
    out.push('\n');
}

/// The file and line an origin names, looking through an alias.
fn file_and_line(at: &Provenance) -> Option<(String, usize)> {
    match at {
        // Read from stdin: the annotation is the run's, not a file's.
        Provenance::EnvFile { path, .. } | Provenance::Manifest { path, .. } if is_stdin(path) => {
            None
        }
        Provenance::EnvFile { path, line } | Provenance::Manifest { path, line } => {
            Some((path.to_string_lossy().into_owned(), *line))
        }
        Provenance::Alias { via, .. } => file_and_line(via),
        _ => None,
    }
}

/// A path as a property shows it: what cannot be shown as it is (an
/// escape sequence, a bidi override) escaped as the text report escapes
/// it. Line breaks and tabs stay, for the property's own escaping: GitHub
/// reads them back into the path.
fn shown_path(path: &str) -> String {
    let mut shown = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '\r' | '\n' | '\t' => shown.push(c),
            c if is_printable(c) => shown.push(c),
            c => shown.extend(c.escape_unicode()),
        }
    }
    shown
}

/// Appends `text` escaped as GitHub's toolkit escapes a message (`%`, CR
/// and LF) or, when `property`, a property's value (`:` and `,` too).
fn push_escaped(out: &mut String, text: &str, property: bool) {
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::STDIN;

    fn escape_data(text: &str) -> String {
        let mut out = String::new();
        push_escaped(&mut out, text, false);
        out
    }

    fn escape_property(text: &str) -> String {
        let mut out = String::new();
        push_escaped(&mut out, text, true);
        out
    }

    #[test]
    fn escapes_as_githubs_toolkit_does() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(
            escape_property("deploy/a:b,c%\n.yaml"),
            "deploy/a%3Ab%2Cc%25%0A.yaml"
        );
    }

    /// What was read from stdin has no file in the repository: its
    /// annotations are the run's.
    #[test]
    fn a_command_from_stdin_names_no_file() {
        let mut out = String::new();
        for path in ["-", STDIN] {
            let at = Provenance::Manifest {
                path: path.into(),
                line: 3,
            };
            command(&mut out, "error", Some(&at), "BILLING_PORT: invalid");
        }
        assert_eq!(out, "::error::BILLING_PORT: invalid\n".repeat(2));
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

    /// A path is text from outside: what would colour a terminal or turn
    /// text around (an escape sequence, a bidi override) is escaped in the
    /// `file` property as in the text report, never written as it is.
    #[test]
    fn a_path_cannot_colour_the_log() {
        let mut out = String::new();
        let at = Provenance::EnvFile {
            path: "deploy/\u{1b}[31mred\u{202e}\u{2028}x\tb.env".into(),
            line: 3,
        };
        command(&mut out, "warning", Some(&at), "BILLING_PROT is set");
        assert_eq!(
            out,
            "::warning file=deploy/\\u{1b}[31mred\\u{202e}\\u{2028}x\tb.env,line=3::BILLING_PROT is set\n"
        );
    }
}
