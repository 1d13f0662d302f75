//! A rule across fields (`#[config(validate = ...)]` on a struct): the
//! struct's value, or one problem naming the variables the rule is about.

use super::Loader;
use crate::error::{Problem, ProblemKind};
use crate::field::{Field, NestedField, nested_prefix};
use crate::outcome::Status;

impl Loader<'_> {
    /// `value` if it keeps the struct's rule across fields (`#[config(validate
    /// = ...)]` on the struct), else `None` and a problem naming the
    /// variables of the fields the rule names. `members` are the names of
    /// the struct's fields that read a variable, in the order of `fields`;
    /// `nested` are its nested fields, whose variables a rule that names
    /// one is about.
    pub fn keeps_rule<T>(
        &mut self,
        prefix: &str,
        value: T,
        rule: fn(&T) -> Result<(), crate::Violation>,
        fields: &[Field],
        members: &[&str],
        nested: &[NestedField],
    ) -> Option<T> {
        let Err(violation) = rule(&value) else {
            return Some(value);
        };
        let (message, named) = violation.into_parts();
        let nested_vars =
            |nested: &NestedField| (nested.names)(&nested_prefix(prefix, nested.prefix));
        let mut vars: Vec<String> = named
            .iter()
            .flat_map(|name| {
                if let Some(field) = members
                    .iter()
                    .position(|member| member == name)
                    .and_then(|index| fields.get(index))
                {
                    vec![field.name.resolve(prefix)]
                } else if let Some(nested) = nested.iter().find(|nested| nested.member == name) {
                    nested_vars(nested)
                } else {
                    vec![name.clone()]
                }
            })
            .collect();
        if vars.is_empty() {
            // A rule that names no field is about them all.
            vars = fields
                .iter()
                .map(|field| field.name.resolve(prefix))
                .chain(nested.iter().flat_map(nested_vars))
                .collect();
        }
        let first = vars.first().cloned().unwrap_or_default();
        let kind = ProblemKind::Rule { vars, message };
        // Its message is withheld whole when a variable involved is secret.
        let problem = Problem::new(first, "", kind);
        if let Some(checked) = &mut self.checked {
            // The report lists variables; the rule's problem joins them on
            // the first variable's line.
            if let Some(row) = checked
                .iter_mut()
                .rev()
                .find(|row| row.var == problem.var())
            {
                row.status = Status::Failed(problem.clone());
            }
        }
        self.problems.push(problem);
        None
    }
}
