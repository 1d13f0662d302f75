//! The `--check-env` report as a person reads it: a header, one aligned
//! line per variable, the warnings and errors, and the verdict.

use super::Report;
use crate::outcome::{Outcome, Status};
use crate::shown::{OneLine, REDACTED, Shown};

impl Report {
    /// The report as printed: a header, one aligned line per variable
    /// (status, name, where its value came from, and the value or what is
    /// wrong), the warnings and errors, and the verdict.
    pub fn render(&self) -> String {
        let rows: Vec<[String; 4]> = self
            .vars
            .iter()
            .map(|checked| {
                let origin = match &checked.origin {
                    None => "-".to_owned(),
                    Some(origin) => origin.label(),
                };
                [
                    checked.status.word().to_owned(),
                    checked.var.clone(),
                    origin,
                    detail(checked),
                ]
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
                line.push_str(&format!(
                    "  {cell}{:pad$}",
                    "",
                    pad = width - cell.chars().count()
                ));
            }
            line.push_str("  ");
            line.push_str(&row[3]);
            out.push_str(line.trim_end());
            out.push('\n');
        }
        for warning in &self.warnings {
            out.push_str(&format!("warning: {warning}\n"));
        }
        for error in &self.errors {
            out.push_str(&format!("error: {error}\n"));
        }
        out.push_str(&self.verdict());
        out.push('\n');
        out
    }
}

/// What the report says of a variable after its status, name and origin:
/// its value (never a secret's), its default, or what is wrong.
pub(super) fn detail(checked: &Outcome) -> String {
    let shown = checked.shown_value.as_deref();
    match &checked.status {
        Status::Failed(problem) => {
            let mut detail = problem.what();
            if problem.shows_expected() {
                detail += &format!("; expected {}", problem.expected());
            }
            if let Some(note) = problem.note() {
                detail += &format!("; {note}");
            }
            detail
        }
        Status::Unset => "optional, not set".to_owned(),
        Status::Unchecked(reason) | Status::External(reason) => reason.clone(),
        // The loader never hands over a secret's value; this is a second
        // lock on the same door.
        _ if checked.secret => REDACTED.to_owned(),
        // A default as written in the source; a value as set.
        Status::Default => shown
            .map(|text| format!("{}", OneLine(text)))
            .unwrap_or_default(),
        Status::Ok => shown
            .map(|value| format!("{}", Shown(Some(value))))
            .unwrap_or_default(),
    }
}
