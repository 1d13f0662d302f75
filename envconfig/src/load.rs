//! The loader: the one path every field's value takes, from a [`Source`]
//! lookup through its parser to the user's struct, collecting a [`Problem`]
//! for each variable that fails instead of stopping at the first.

use std::path::{Path, PathBuf};

use crate::error::{Problem, ProblemKind};
use crate::field::{DefaultExpr, DefaultValue, Field, FieldName, NestedField, nested_prefix};
use crate::outcome::{Outcome, Outcomes, Status};
use crate::secrecy::Ledger;
use crate::shown::REDACTED;
use crate::source::{Lookup, Provenance, Unusable, VarName, Variables};
use crate::value::{Parse, Slot};
use crate::warning::Warning;

/// Loads fields from one source of variables ([`Variables`]: the process
/// environment, or a [`Source`]), collecting problems.
#[doc(hidden)]
pub struct Loader<'a> {
    source: &'a dyn Variables,
    problems: Vec<Problem>,
    checked: Option<Vec<Outcome>>,
    /// What the load learns that bears on secrecy: what secret fields
    /// read, under which aliases, from which files. A variable that two
    /// fields read is secret if either is, so what is shown of the others
    /// is redacted when loading ends, as the secrecy module decides.
    ledger: Ledger,
    /// What an operator should know although nothing failed: an alias in
    /// use or ignored, a deprecated variable that is set.
    warnings: Vec<Warning>,
    /// The name of the variable being loaded, a buffer reused from field to
    /// field.
    var: VarName,
    /// Whether the variable being loaded must be set: no default, no
    /// `Option`.
    required: bool,
    /// Whether the variable being loaded is secret: by its field's type as
    /// written or `secret` ([`Field::is_secret`]), or by the type its
    /// parser gives (an alias of `SecretString`).
    secret: bool,
    /// When set, the loader only names the variables the fields read,
    /// aliases included, and looks nothing up (see [`Loader::naming`]).
    names: Option<Vec<String>>,
    /// Whether a naming loader names aliases too.
    name_aliases: bool,
}

/// What became of one variable before its value is handed to the struct.
enum Read<T> {
    Loaded(T),
    NotSet,
    Failed,
    /// Set, but its value cannot be known here (`--check-env --env-file`).
    Unchecked,
}

impl<'a> Loader<'a> {
    pub(crate) fn new(source: &'a dyn Variables) -> Loader<'a> {
        Loader {
            source,
            problems: Vec::new(),
            checked: None,
            ledger: Ledger::default(),
            warnings: Vec::new(),
            var: VarName::default(),
            required: false,
            secret: false,
            names: None,
            name_aliases: true,
        }
    }

    /// A loader that reads nothing and only collects the name of every
    /// variable the fields read, aliases included: what a failed load
    /// compares set names with for typo hints. It runs the struct's own
    /// `__load`, so that no other code per field type (such as the docs)
    /// is linked into a program that only loads.
    pub(crate) fn naming(source: &'a dyn Variables) -> Loader<'a> {
        Loader {
            names: Some(Vec::new()),
            ..Loader::new(source)
        }
    }

    /// A naming loader that names the variables only, not their aliases.
    pub(crate) fn without_aliases(self) -> Loader<'a> {
        Loader {
            name_aliases: false,
            ..self
        }
    }

    /// The names a [`Loader::naming`] collected.
    pub(crate) fn into_names(self) -> Vec<String> {
        self.names.unwrap_or_default()
    }

    /// A loader that also records how each variable fared.
    pub(crate) fn checking(source: &'a dyn Variables) -> Loader<'a> {
        Loader {
            checked: Some(Vec::new()),
            ..Loader::new(source)
        }
    }

    /// The problems, how each variable fared and the warnings, with every
    /// secret redacted: a variable is secret when a secret field reads it,
    /// or when a dotenv file set it by copying one (`${SECRET}`). `loaded`
    /// says whether the fields gave a value.
    pub(crate) fn finish(self, loaded: bool) -> Outcomes {
        let Loader {
            source,
            mut problems,
            checked,
            ledger,
            warnings,
            ..
        } = self;
        let mut checked = checked.unwrap_or_default();
        ledger.verdict(source).redact(&mut problems, &mut checked);
        let mut all_warnings = source.warnings();
        all_warnings.extend(warnings);
        Outcomes {
            loaded,
            problems,
            vars: checked,
            warnings: all_warnings,
        }
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
        default_expr: Option<DefaultExpr<P::Value>>,
    ) -> Option<P::Value> {
        // The loader sees every parser as one type (see `Slot`); the value
        // is taken from the slot, or is the default expression's.
        let slot = Slot::new(&parser, default_expr);
        self.secret = field.is_secret() || parser.secret();
        let var = self.take_var(prefix, field);
        let loaded = if self.only_names(&var, field) {
            None
        } else {
            self.required = default_expr.is_none() && matches!(field.default, DefaultValue::None);
            self.required_var(&var, field, slot.erased(), slot.erased_default())
        };
        self.var = var;
        loaded?;
        slot.take()
            .or_else(|| default_expr.map(|default| (default.value)()))
    }

    /// An `Option<T>` field: unset or empty is `None`.
    pub fn optional<P: Parse>(
        &mut self,
        prefix: &str,
        field: &Field,
        parser: P,
    ) -> Option<Option<P::Value>> {
        let slot = Slot::new(&parser, None);
        self.secret = field.is_secret() || parser.secret();
        let var = self.take_var(prefix, field);
        let loaded = if self.only_names(&var, field) {
            None
        } else {
            self.required = false;
            self.optional_var(&var, field, slot.erased())
        };
        self.var = var;
        loaded.map(|set| set.and_then(|()| slot.take()))
    }

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
        let problem = Problem::new(first, "", kind).with_reason_from_user_code(true);
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

    /// Whether this loader only names variables; if so, names `var` and the
    /// field's aliases.
    fn only_names(&mut self, var: &VarName, field: &Field) -> bool {
        let Some(names) = &mut self.names else {
            return false;
        };
        names.push(var.name().to_owned());
        if self.name_aliases {
            names.extend(field.aliases.iter().map(|alias| (*alias).to_owned()));
        }
        true
    }

    /// The name buffer, set to the variable of `field`; give it back after.
    fn take_var(&mut self, prefix: &str, field: &Field) -> VarName {
        let mut var = std::mem::take(&mut self.var);
        match field.name {
            FieldName::Suffix(suffix) => var.set(&[prefix, suffix]),
            FieldName::Exact(name) => var.set(&[name]),
        }
        if self.secret {
            // What a secret field reads under an old name is secret too.
            self.ledger.declare(var.name(), field.aliases);
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
        // Declared by this field or an earlier one that reads it.
        let secret = self.ledger.is_declared(var.name());
        match self.value(var, field, &parser) {
            Read::Loaded(value) => Some(value),
            Read::Failed | Read::Unchecked => None,
            Read::NotSet => match (&field.default, default_expr) {
                (_, Some(default)) => {
                    let value = default();
                    // As the docs show it: a value when the parser writes
                    // one (`Level::Info` is `info`), else as written.
                    let written = || {
                        parser
                            .to_env(&value)
                            .or_else(|| field.default_text().map(str::to_owned))
                    };
                    // A value the compiler could not check: its range and
                    // `validate` hold for it as for a parsed one.
                    if let Err(error) = parser.check(&value) {
                        let kind = ProblemKind::InvalidDefault {
                            value: written(),
                            reason: error.reason().to_owned(),
                        };
                        let problem = Problem::new(var.name(), field.expected(&parser), kind)
                            .with_reason_from_user_code(error.is_from_user_code());
                        self.fail(problem, Some(Provenance::Default), secret);
                        return None;
                    }
                    let shown = self.checked.is_some().then(written).flatten();
                    self.record(
                        var.name(),
                        Status::Default,
                        Some(Provenance::Default),
                        shown,
                    );
                    Some(value)
                }
                (DefaultValue::Parsed(text), None) => match parser.parse(text) {
                    Ok(value) => {
                        let shown = Some((*text).to_owned());
                        self.record(
                            var.name(),
                            Status::Default,
                            Some(Provenance::Default),
                            shown,
                        );
                        Some(value)
                    }
                    Err(error) => {
                        let kind = ProblemKind::InvalidDefault {
                            value: Some((*text).to_owned()),
                            reason: error.reason().to_owned(),
                        };
                        let problem = Problem::new(var.name(), field.expected(&parser), kind)
                            .with_reason_from_user_code(error.is_from_user_code());
                        self.fail(problem, Some(Provenance::Default), secret);
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
                    self.fail(
                        Problem::new(var.name(), field.expected(&parser), kind),
                        origin,
                        secret,
                    );
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
        match self.value(var, field, &parser) {
            Read::Loaded(value) => Some(Some(value)),
            Read::Failed | Read::Unchecked => None,
            Read::NotSet => {
                self.record(var.name(), Status::Unset, None, None);
                Some(None)
            }
        }
    }

    /// Looks `var` up, and when it is unset, the field's aliases, in order:
    /// what was found, and the alias it was found under. Warns about an
    /// alias in use, an alias that is set in vain, and a deprecated
    /// variable that is set.
    fn find(&mut self, var: &VarName, field: &Field) -> (Lookup<'a>, Option<&'static str>) {
        let source = self.source;
        let mut found = (source.lookup(var), None);
        let mut alias_var = VarName::default();
        for alias in field.aliases {
            alias_var.set(&[alias]);
            let by_alias = source.lookup(&alias_var);
            if is_unset(&by_alias) {
                continue;
            }
            // An alias set to what cannot be known here (checking a manifest
            // whose Secret is not at hand) is not warned about; with the
            // variable unset, it is what the variable would be read from, so
            // the variable is unchecked, not missing.
            if matches!(by_alias, Lookup::Unchecked(..)) {
                if is_unset(&found.0) {
                    self.ledger.read_as(var.name(), alias);
                    found = (by_alias, Some(*alias));
                }
                continue;
            }
            if is_unset(&found.0) {
                self.warnings.push(Warning::AliasInUse {
                    alias: (*alias).to_owned(),
                    var: var.name().to_owned(),
                });
                self.ledger.read_as(var.name(), alias);
                found = (by_alias, Some(*alias));
            } else {
                let used = found.1.unwrap_or(var.name());
                self.warnings.push(Warning::AliasIgnored {
                    alias: (*alias).to_owned(),
                    used: used.to_owned(),
                });
            }
        }
        if let Some((file, named)) = file_read(&found.0) {
            self.ledger.read_file(var.name(), file, named);
        }
        if let Some(note) = field.deprecated
            && !is_unset(&found.0)
            && !matches!(found.0, Lookup::Unchecked(..))
        {
            let set = found.1.unwrap_or(var.name());
            self.warnings.push(Warning::Deprecated {
                var: set.to_owned(),
                note: note.to_owned(),
            });
        }
        found
    }

    /// Looks up and parses one variable; a problem is recorded on failure.
    fn value<P: Parse>(&mut self, var: &VarName, field: &Field, parser: &P) -> Read<P::Value> {
        // Declared by this field or an earlier one that reads it.
        let secret = self.ledger.is_declared(var.name());
        let (found, alias) = self.find(var, field);
        let through_alias = |origin: Provenance| match alias {
            Some(alias) => Provenance::Alias {
                alias: alias.to_owned(),
                via: Box::new(origin),
            },
            None => origin,
        };
        let (raw, origin) = match found {
            Lookup::Unset | Lookup::Empty(_) => return Read::NotSet,
            Lookup::Value(raw, origin) => (raw, through_alias(origin)),
            Lookup::Unchecked(reason, origin) => {
                let status = Status::Unchecked(reason);
                self.record(var.name(), status, Some(through_alias(origin)), None);
                return Read::Unchecked;
            }
            Lookup::Unusable(unusable) => {
                let (kind, origin) = match unusable {
                    // An alias is where the value came from, whatever is
                    // wrong with it.
                    Unusable::NotUnicode => (
                        ProblemKind::NotUnicode,
                        alias.map(|_| Provenance::Environment),
                    ),
                    Unusable::BothSet { file_var } => (
                        ProblemKind::BothSet { file_var },
                        alias.map(|_| Provenance::Environment),
                    ),
                    // The file is where the value was to come from; a
                    // secret's path is withheld (see `ProblemKind`).
                    Unusable::FileUnreadable {
                        file_var,
                        path,
                        reason,
                    } => {
                        let shown = match secret {
                            true => PathBuf::from(REDACTED),
                            false => path.clone(),
                        };
                        let origin = Provenance::SecretFile {
                            file_var: file_var.clone(),
                            path: shown,
                        };
                        let kind = ProblemKind::FileUnreadable {
                            file_var,
                            path: Some(path),
                            reason,
                        };
                        (kind, Some(origin))
                    }
                    Unusable::Malformed { origin, reason } => {
                        let kind = ProblemKind::MalformedLine {
                            reason: reason.to_owned(),
                        };
                        (kind, Some(origin))
                    }
                    Unusable::Undeployable { origin, reason } => {
                        (ProblemKind::Undeployable { reason }, Some(origin))
                    }
                };
                let problem = Problem::new(var.name(), field.expected(parser), kind);
                self.fail(problem, origin.map(through_alias), secret);
                return Read::Failed;
            }
        };
        match parser.parse(&raw) {
            Ok(value) => {
                // Only a check report shows the value: no copy otherwise.
                let shown = (self.checked.is_some() && !secret).then(|| raw.to_string());
                self.record(var.name(), Status::Ok, Some(origin), shown);
                Read::Loaded(value)
            }
            Err(error) => {
                let kind = ProblemKind::Invalid {
                    value: (!secret).then(|| raw.to_string()),
                    reason: error.reason().to_owned(),
                };
                let problem = Problem::new(var.name(), field.expected(parser), kind)
                    .with_reason_from_user_code(error.is_from_user_code());
                self.fail(problem, Some(origin), secret);
                Read::Failed
            }
        }
    }

    /// Records `problem`, of a value from `origin`, redacted if `secret`.
    fn fail(&mut self, mut problem: Problem, origin: Option<Provenance>, secret: bool) {
        if secret {
            problem.redact();
        }
        // A file that cannot be read is named by the problem itself.
        let names_its_file = matches!(problem.kind(), ProblemKind::FileUnreadable { .. });
        if let Some(
            from @ (Provenance::EnvFile { .. }
            | Provenance::SecretFile { .. }
            | Provenance::Alias { .. }
            | Provenance::Manifest { .. }),
        ) = &origin
            && !(names_its_file && matches!(from, Provenance::SecretFile { .. }))
        {
            let label = from.label();
            problem = problem.from(label);
        }
        if self.checked.is_some() {
            let var = problem.var().to_owned();
            self.record(&var, Status::Failed(problem.clone()), origin, None);
        }
        self.problems.push(problem);
    }

    /// Records how a variable fared, for `--check-env`; `shown` is its value
    /// or default as the report shows it, `None` for a secret.
    fn record(
        &mut self,
        var: &str,
        status: Status,
        origin: Option<Provenance>,
        shown: Option<String>,
    ) {
        if let Some(checked) = &mut self.checked {
            // A secret is redacted by `finish`, with those of other fields.
            checked.push(Outcome {
                var: var.to_owned(),
                status,
                origin,
                shown_value: shown,
                secret: false,
                required: self.required,
            });
        }
    }
}

/// The file a lookup's value was read from, if it was (directly or through
/// an alias), and whether a `NAME_FILE` named it rather than a dotenv file
/// setting the variable.
fn file_read<'l>(lookup: &'l Lookup<'_>) -> Option<(&'l Path, bool)> {
    let (Lookup::Value(_, origin) | Lookup::Empty(origin)) = lookup else {
        return None;
    };
    let mut origin = origin;
    loop {
        match origin {
            Provenance::SecretFile { path, .. } => return Some((path, true)),
            Provenance::EnvFile { path, .. } => return Some((path, false)),
            Provenance::Alias { via, .. } => origin = via,
            _ => return None,
        }
    }
}

/// Whether a lookup found nothing set: unset or empty.
fn is_unset(lookup: &Lookup<'_>) -> bool {
    matches!(lookup, Lookup::Unset | Lookup::Empty(_))
}
