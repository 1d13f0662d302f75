//! The loader: the one path every field's value takes, from a [`Source`]
//! lookup through its parser to the user's struct, collecting a [`Problem`]
//! for each variable that fails instead of stopping at the first.

use crate::check::{CheckStatus, Checked};
use crate::error::{Problem, ProblemKind};
use crate::field::{DefaultValue, Field, FieldName};
use crate::shown::origin_label;
use crate::source::{Lookup, Origin, Source, Unusable, VarName};
use crate::value::Parse;
use crate::value::ValueError;

/// Loads fields from one [`Source`], collecting problems.
#[doc(hidden)]
pub struct Loader<'a> {
    source: &'a Source,
    problems: Vec<Problem>,
    checked: Option<Vec<Checked>>,
    /// The name of the variable being loaded, a buffer reused from field to
    /// field.
    var: VarName,
}

/// What became of one variable before its value is handed to the struct.
enum Outcome<T> {
    Loaded(T),
    NotSet,
    Failed,
}

impl<'a> Loader<'a> {
    pub(crate) fn new(source: &'a Source) -> Loader<'a> {
        Loader {
            source,
            problems: Vec::new(),
            checked: None,
            var: VarName::default(),
        }
    }

    /// A loader that also records how each variable fared.
    pub(crate) fn checking(source: &'a Source) -> Loader<'a> {
        Loader {
            source,
            problems: Vec::new(),
            checked: Some(Vec::new()),
            var: VarName::default(),
        }
    }

    pub(crate) fn finish(self) -> (Vec<Problem>, Vec<Checked>) {
        (self.problems, self.checked.unwrap_or_default())
    }

    /// A field that must be set, or has a default.
    ///
    /// `default_expr` is the compiled `default = <expr>`, if that is what the
    /// field has.
    pub fn required<P: Parse>(
        &mut self,
        prefix: &str,
        field: &Field,
        parser: P,
        default_expr: Option<fn() -> P::Value>,
    ) -> Option<P::Value> {
        let var = self.take_var(prefix, field);
        let loaded = self.required_var(&var, field, parser, default_expr);
        self.var = var;
        loaded
    }

    /// An `Option<T>` field: unset or empty is `None`.
    pub fn optional<P: Parse>(
        &mut self,
        prefix: &str,
        field: &Field,
        parser: P,
    ) -> Option<Option<P::Value>> {
        let var = self.take_var(prefix, field);
        let loaded = self.optional_var(&var, field, parser);
        self.var = var;
        loaded
    }

    /// The name buffer, set to the variable of `field`; give it back after.
    fn take_var(&mut self, prefix: &str, field: &Field) -> VarName {
        let mut var = std::mem::take(&mut self.var);
        match field.name {
            FieldName::Suffix(suffix) => var.set(&[prefix, suffix]),
            FieldName::Exact(name) => var.set(&[name]),
        }
        var
    }

    fn required_var<P: Parse>(
        &mut self,
        var: &VarName,
        field: &Field,
        parser: P,
        default_expr: Option<fn() -> P::Value>,
    ) -> Option<P::Value> {
        let secret = field.is_secret(&parser);
        match self.value(var, secret, &parser) {
            Outcome::Loaded(value) => Some(value),
            Outcome::Failed => None,
            Outcome::NotSet => match (&field.default, default_expr) {
                (_, Some(default)) => {
                    self.record(
                        var.name(),
                        CheckStatus::Default,
                        Some(Origin::Default),
                        field.default_text(),
                        secret,
                    );
                    Some(default())
                }
                (DefaultValue::Parsed(text), None) => match parser.parse(text) {
                    Ok(value) => {
                        self.record(
                            var.name(),
                            CheckStatus::Default,
                            Some(Origin::Default),
                            Some(text),
                            secret,
                        );
                        Some(value)
                    }
                    Err(error) => {
                        let kind = ProblemKind::InvalidDefault {
                            value: (!secret).then(|| (*text).to_owned()),
                            reason: reason(&error, secret),
                        };
                        self.fail(var.name(), &parser, kind, Some(Origin::Default), secret);
                        None
                    }
                },
                _ => {
                    // Where an empty value was set tells `--check-env`
                    // readers which file to fix.
                    let (kind, origin) = match self.source.lookup(var) {
                        Lookup::Empty(origin) => (ProblemKind::Empty, Some(origin)),
                        _ => (ProblemKind::Missing, None),
                    };
                    self.fail(var.name(), &parser, kind, origin, secret);
                    None
                }
            },
        }
    }

    fn optional_var<P: Parse>(
        &mut self,
        var: &VarName,
        field: &Field,
        parser: P,
    ) -> Option<Option<P::Value>> {
        let secret = field.is_secret(&parser);
        match self.value(var, secret, &parser) {
            Outcome::Loaded(value) => Some(Some(value)),
            Outcome::Failed => None,
            Outcome::NotSet => {
                self.record(var.name(), CheckStatus::Unset, None, None, secret);
                Some(None)
            }
        }
    }

    /// Looks up and parses one variable; a problem is recorded on failure.
    fn value<P: Parse>(&mut self, var: &VarName, secret: bool, parser: &P) -> Outcome<P::Value> {
        let (raw, origin) = match self.source.lookup(var) {
            Lookup::Unset | Lookup::Empty(_) => return Outcome::NotSet,
            Lookup::Value(raw, origin) => (raw, origin),
            Lookup::Unusable(unusable) => {
                let kind = match unusable {
                    Unusable::NotUnicode => ProblemKind::NotUnicode,
                    Unusable::BothSet { file_var } => ProblemKind::BothSet { file_var },
                    Unusable::FileUnreadable {
                        file_var,
                        path,
                        reason,
                    } => ProblemKind::FileUnreadable {
                        file_var,
                        path,
                        reason,
                    },
                };
                self.fail(var.name(), parser, kind, None, secret);
                return Outcome::Failed;
            }
        };
        match parser.parse(&raw) {
            Ok(value) => {
                let shown = (!secret).then_some(&*raw);
                self.record(var.name(), CheckStatus::Ok, Some(origin), shown, secret);
                Outcome::Loaded(value)
            }
            Err(error) => {
                let kind = ProblemKind::Invalid {
                    value: (!secret).then(|| raw.to_string()),
                    reason: reason(&error, secret),
                };
                self.fail(var.name(), parser, kind, Some(origin), secret);
                Outcome::Failed
            }
        }
    }

    fn fail<P: Parse>(
        &mut self,
        var: &str,
        parser: &P,
        kind: ProblemKind,
        origin: Option<Origin>,
        secret: bool,
    ) {
        let problem = Problem::new(var.to_owned(), parser.noun().one, kind);
        let problem = match &origin {
            Some(from @ (Origin::EnvFile(_) | Origin::SecretFile(_))) => {
                problem.from(origin_label(from, var))
            }
            Some(Origin::Environment | Origin::Default) | None => problem,
        };
        if self.checked.is_some() {
            let status = CheckStatus::Failed(problem.clone());
            self.record(var, status, origin, None, secret);
        }
        self.problems.push(problem);
    }

    fn record(
        &mut self,
        var: &str,
        status: CheckStatus,
        origin: Option<Origin>,
        shown: Option<&str>,
        secret: bool,
    ) {
        if let Some(checked) = &mut self.checked {
            checked.push(Checked {
                var: var.to_owned(),
                status,
                origin,
                shown_value: if secret {
                    None
                } else {
                    shown.map(str::to_owned)
                },
                secret,
            });
        }
    }
}

/// The reason to show: a reason from user code may quote a secret's value.
fn reason(error: &ValueError, secret: bool) -> String {
    if secret && error.is_from_user_code() {
        "rejected by its parser (details withheld: the variable is secret)".to_owned()
    } else {
        error.reason().to_owned()
    }
}
