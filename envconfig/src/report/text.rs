//! The `--check-env` report as a person reads it: a header, one aligned
//! line per variable, the warnings and errors, and the verdict.

use std::fmt::Write as _;

use super::Report;
use crate::error::ProblemKind;
use crate::outcome::Status;
use crate::shown::{OneLine, REDACTED, Shown};
use crate::warning::Warning;

impl Report {
    /// The report as printed: a header, one aligned line per variable, one
    /// warning per unknown variable, and a summary.
    pub fn render(&self) -> String {
        let rows: Vec<[String; 4]> = self
            .vars
            .iter()
            .map(|checked| {
                let status = match &checked.status {
                    Status::Ok => "ok",
                    Status::Default => "default",
                    // An optional variable's default is to be unset.
                    Status::Unset => "default",
                    Status::Failed(problem) => match problem.kind() {
                        ProblemKind::Missing | ProblemKind::Empty => "missing",
                        _ => "invalid",
                    },
                    Status::Unchecked(_) => "unchecked",
                };
                let origin = match &checked.origin {
                    None => "-".to_owned(),
                    Some(origin) => origin.label(),
                };
                let shown = checked.shown_value.as_deref();
                let detail = match &checked.status {
                    // A rule's problem expects nothing of one variable.
                    Status::Failed(problem) if problem.expected().is_empty() => {
                        problem.kind().to_string()
                    }
                    Status::Failed(problem) => {
                        format!("{}; expected {}", problem.kind(), problem.expected())
                    }
                    Status::Unset => "optional, not set".to_owned(),
                    Status::Unchecked(reason) => reason.clone(),
                    // The loader never hands over a secret's value; this is
                    // a second lock on the same door.
                    _ if checked.secret => REDACTED.to_owned(),
                    // A default as written in the source; a value as set.
                    Status::Default => shown
                        .map(|text| OneLine(text).to_string())
                        .unwrap_or_default(),
                    Status::Ok => shown
                        .map(|value| Shown(Some(value)).to_string())
                        .unwrap_or_default(),
                };
                [status.to_owned(), checked.var.clone(), origin, detail]
            })
            .collect();

        let mut widths = [0; 3];
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }

        let mut out = format!("Checking {}:\n", self.checked);
        for row in &rows {
            let mut line = String::new();
            for (cell, width) in row[..3].iter().zip(widths) {
                let _ = write!(
                    line,
                    "  {cell}{:pad$}",
                    "",
                    pad = width - cell.chars().count()
                );
            }
            line.push_str("  ");
            line.push_str(&row[3]);
            out.push_str(line.trim_end());
            out.push('\n');
        }
        for unknown in &self.unknown {
            let warning = Warning::Unknown {
                var: unknown.name.clone(),
                did_you_mean: unknown.did_you_mean.clone(),
            };
            let _ = writeln!(out, "warning: {warning}");
        }
        let failing = self
            .vars
            .iter()
            .filter(|checked| matches!(checked.status, Status::Failed(_)))
            .count();
        let total = self.vars.len();
        for warning in &self.warnings {
            let _ = writeln!(out, "warning: {warning}");
        }
        for error in &self.errors {
            let _ = writeln!(out, "error: {error}");
        }
        let warnings = match self.unknown.len() + self.warnings.len() {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        };
        let unchecked = match self.unchecked() {
            0 => String::new(),
            n => format!(" ({n} unchecked)"),
        };
        let errors = match self.errors.len() {
            0 => String::new(),
            1 => "1 error".to_owned(),
            n => format!("{n} errors"),
        };
        if self.loads {
            let _ = writeln!(
                out,
                "OK: all {total} variables would load{unchecked}{warnings}"
            );
        } else if failing == 0 && !errors.is_empty() {
            let _ = writeln!(
                out,
                "FAILED: {errors} in the manifest{warnings}; the container would not start"
            );
        } else {
            let errors = if errors.is_empty() {
                errors
            } else {
                format!(", {errors}")
            };
            let have = if failing == 1 {
                "has a problem"
            } else {
                "have problems"
            };
            let _ = writeln!(
                out,
                "FAILED: {failing} of {total} variables {have}{errors}{warnings}; \
                 the configuration would not load"
            );
        }
        out
    }
}
