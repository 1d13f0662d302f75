//! `--check-env --report json`: the report as one JSON document, for
//! tools: every variable with its status, where its value came from, its
//! problem and warnings, the warnings about no variable, the errors, and
//! the verdict. Its schema ships as
//! `envconfig/schema/check-report.v1.schema.json`.

use super::Report;
use super::text::detail;
use crate::json::Json;
use crate::outcome::Status;
use crate::provenance::Provenance;
use crate::shown::mask_url_passwords;

/// The version of the document's schema, its `"version"` field.
pub(crate) const SCHEMA_VERSION: u64 = 1;

impl Report {
    /// The report as one JSON document.
    pub fn render_json(&self) -> String {
        let variables = self
            .vars
            .iter()
            .map(|checked| {
                let mut warnings = Vec::new();
                for warning in &self.warnings {
                    if warning.var() == Some(checked.var.as_str()) {
                        warnings.push(Json::String(format!("{warning}").into()));
                    }
                }
                let problem = match &checked.status {
                    Status::Failed(_) => Json::String(detail(checked).into()),
                    _ => Json::Null,
                };
                let reason = match &checked.status {
                    Status::External(reason) | Status::Unchecked(reason) => Json::str(reason),
                    _ => Json::Null,
                };
                let value = match &checked.status {
                    // A URL's password shows as `***`, as in the text form.
                    Status::Ok | Status::Default if !checked.secret => match &checked.shown_value {
                        Some(value) => Json::String(mask_url_passwords(value)),
                        None => Json::Null,
                    },
                    _ => Json::Null,
                };
                Json::Object(vec![
                    ("name", Json::str(&checked.var)),
                    ("status", Json::str(checked.status.word())),
                    ("source", checked.origin.as_ref().map_or(Json::Null, source)),
                    ("value", value),
                    ("secret", Json::Bool(checked.secret)),
                    ("required", Json::Bool(checked.required)),
                    ("problem", problem),
                    ("reason", reason),
                    ("warnings", Json::Array(warnings)),
                ])
            })
            .collect();
        let mut warnings = Vec::new();
        for warning in &self.warnings {
            let of_a_variable = warning
                .var()
                .is_some_and(|var| self.vars.iter().any(|checked| checked.var == var));
            if !of_a_variable {
                warnings.push(Json::Object(vec![
                    ("message", Json::String(format!("{warning}").into())),
                    ("source", warning.at().map_or(Json::Null, source)),
                ]));
            }
        }
        let errors = self
            .errors
            .iter()
            .map(|error| Json::String(format!("{error}").into()))
            .collect();
        Json::Object(vec![
            ("version", Json::Number(SCHEMA_VERSION)),
            ("checked", Json::str(&self.checked)),
            ("variables", Json::Array(variables)),
            ("warnings", Json::Array(warnings)),
            ("errors", Json::Array(errors)),
            (
                "verdict",
                Json::Object(vec![
                    ("passes", Json::Bool(self.passes())),
                    ("loads", Json::Bool(self.loads)),
                    ("strict", Json::Bool(self.strict)),
                    ("summary", Json::String(self.verdict().into())),
                ]),
            ),
        ])
        .to_text(usize::MAX)
    }
}

/// Where a value came from, as the report's `source`: its `kind`, the
/// label the text report shows, and a file's path and line.
fn source(at: &Provenance) -> Json<'_> {
    let mut keys = vec![
        ("kind", Json::str(at.kind())),
        ("label", Json::String(at.label().into())),
    ];
    let mut file = at;
    while let Provenance::Alias { via, .. } = file {
        file = via;
    }
    if let Provenance::EnvFile { path, line } | Provenance::Manifest { path, line } = file {
        keys.push(("path", Json::String(path.to_string_lossy())));
        keys.push(("line", Json::Number(*line as u64)));
    }
    Json::Object(keys)
}
