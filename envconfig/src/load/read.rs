//! One variable, from a lookup through its parser to what the loader hands
//! the struct: the value, or a problem; and, when the loader records them,
//! its [`Outcome`].

use std::path::{Path, PathBuf};

use super::{Loader, Read};
use crate::error::{Problem, ProblemKind, file_path_is_shown};
use crate::field::{DefaultValue, Field};
use crate::outcome::{Outcome, Status};
use crate::shown::REDACTED;
use crate::source::{DirFile, Lookup, Provenance, Unusable, VarName, Variables};
use crate::value::Parse;
use crate::warning::Warning;
#[cfg(feature = "k8s")]
use zeroize::Zeroizing;

impl<'a> Loader<'a> {
    pub(super) fn required_var<P: Parse>(
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
            Read::Failed | Read::Unseen => None,
            Read::NotSet => {
                // The default's value and its text as shown, or its text
                // and why it is invalid.
                let default = match (&field.default, default_expr) {
                    (_, Some(default)) => {
                        let value = default();
                        // As the docs show it: a value when the parser
                        // writes one (`Level::Info` is `info`), else as
                        // written.
                        let written = || {
                            parser
                                .to_env(&value)
                                .or_else(|| field.default_text().map(str::to_owned))
                        };
                        // A value the compiler could not check: its range
                        // and `validate` hold for it as for a parsed one.
                        match parser.check(&value) {
                            Ok(()) => {
                                let shown = self.checked.is_some().then(written).flatten();
                                Ok((value, shown))
                            }
                            Err(error) => Err((written(), error)),
                        }
                    }
                    (DefaultValue::Parsed(text), None) => match parser.parse(text) {
                        Ok(value) => Ok((value, Some(owned(text)))),
                        Err(error) => Err((Some(owned(text)), error)),
                    },
                    _ => {
                        // Where an empty value was set tells `--check-env`
                        // readers which file to fix.
                        let (kind, origin) = match self.source.lookup(var) {
                            Lookup::Empty(origin) => (ProblemKind::Empty, Some(origin)),
                            _ => (ProblemKind::Missing, None),
                        };
                        self.fail(problem(var, field, &parser, kind), origin, secret);
                        return None;
                    }
                };
                match default {
                    Ok((value, shown)) => {
                        let origin = Some(Provenance::Default);
                        self.record(var.name(), Status::Default, origin, shown);
                        Some(value)
                    }
                    Err((value, error)) => {
                        let kind = ProblemKind::InvalidDefault {
                            value,
                            reason: owned(error.reason()),
                        };
                        let problem = problem(var, field, &parser, kind).with_reason_by(error.by());
                        self.fail(problem, Some(Provenance::Default), secret);
                        None
                    }
                }
            }
        }
    }

    pub(super) fn optional_var<P: Parse>(
        &mut self,
        var: &VarName,
        field: &Field,
        parser: P,
    ) -> Option<Option<P::Value>> {
        match self.value(var, field, &parser) {
            Read::Loaded(value) => Some(Some(value)),
            Read::Failed | Read::Unseen => None,
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
    fn find(&mut self, var: &VarName, field: &Field) -> (Lookup<'a>, Option<&'static str>, bool) {
        let (found, alias) = self.find_set(var, field);
        // Unset under every name: the struct's secrets directory may have it.
        match self.secrets_dir {
            Some(dir) if is_unset(&found) => {
                match self.source.in_secrets_dir(Path::new(dir), var.name()) {
                    DirFile::Known(found) => (found, None, false),
                    // A check that cannot see the directory takes a
                    // required secret to be there: what a secrets
                    // directory is for.
                    DirFile::Unseen(why, origin)
                        if self.required
                            && (self.ledger.is_declared(var.name())
                                || self.secrets_ahead.is_secret(var.name())) =>
                    {
                        (Lookup::External(why, origin), None, true)
                    }
                    DirFile::Unseen(..) => (Lookup::Unset, None, false),
                }
            }
            _ => (found, alias, false),
        }
    }

    /// [`Loader::find`] of what is set in the source.
    fn find_set(&mut self, var: &VarName, field: &Field) -> (Lookup<'a>, Option<&'static str>) {
        let source = self.source;
        let mut found = (source.lookup(var), None);
        let mut alias_var = VarName::default();
        for alias in field.aliases() {
            alias_var.set(&[alias]);
            let by_alias = source.lookup(&alias_var);
            if is_unset(&by_alias) {
                continue;
            }
            // An alias set to what cannot be known here (checking a manifest
            // whose Secret is not at hand) is not warned about; with the
            // variable unset, it is what the variable would be read from, so
            // the variable is unchecked, not missing. One whose `_FILE`
            // names a file is set, whatever the file holds.
            if is_unseen(source, &alias_var, None, &by_alias) {
                if is_unset(&found.0) {
                    self.ledger.read_as(var.name(), alias);
                    found = (by_alias, Some(*alias));
                }
                continue;
            }
            if is_unset(&found.0) {
                self.warn(Warning::AliasInUse {
                    alias: owned(alias),
                    var: owned(var.name()),
                });
                self.ledger.read_as(var.name(), alias);
                found = (by_alias, Some(*alias));
            } else {
                let used = found.1.unwrap_or(var.name());
                // An alias's line that cannot be read is ignored like the
                // alias, and says so, with its line.
                if let Lookup::Unusable(Unusable::Malformed { origin, reason }) = by_alias {
                    self.warn(Warning::LineIgnored {
                        at: origin,
                        reason: owned(reason),
                    });
                }
                self.warn(Warning::AliasIgnored {
                    alias: owned(alias),
                    used: owned(used),
                });
            }
        }
        if let Some((file, named)) = file_read(&found.0) {
            self.ledger.read_file(var.name(), file, named);
        }
        if let Some(note) = field.deprecated()
            && !is_unset(&found.0)
            && !is_unseen(source, var, found.1, &found.0)
        {
            let set = found.1.unwrap_or(var.name());
            self.warn(Warning::Deprecated {
                var: owned(set),
                note: owned(note),
            });
        }
        found
    }

    /// Looks up and parses one variable; a problem is recorded on failure.
    fn value<P: Parse>(&mut self, var: &VarName, field: &Field, parser: &P) -> Read<P::Value> {
        // Declared by this field or an earlier one that reads it.
        let secret = self.ledger.is_declared(var.name());
        let (found, alias, taken) = self.find(var, field);
        if self.set_in_group.is_some() && !is_unset(&found) {
            let how = self.set_how(var, field, (&found, alias, taken));
            // The name an operator set: `NAME_FILE` for a file it names.
            let setter = match &found {
                Lookup::Value(_, Provenance::SecretFile { file_var, .. })
                | Lookup::Empty(Provenance::SecretFile { file_var, .. }) => file_var.as_str(),
                _ => alias.unwrap_or(var.name()),
            };
            if let Some(set) = &mut self.set_in_group {
                set.push((owned(setter), how));
            }
        }
        let through_alias = |origin: Provenance| match alias {
            Some(alias) => Provenance::Alias {
                alias: owned(alias),
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
                return Read::Unseen;
            }
            Lookup::External(reason, origin) => {
                let status = Status::External(reason);
                self.record(var.name(), status, Some(through_alias(origin)), None);
                return Read::Unseen;
            }
            #[cfg(feature = "k8s")]
            Lookup::Shaped {
                forms,
                shown,
                unknown,
                origin,
            } => {
                let origin = through_alias(origin);
                return self.shaped(var, field, parser, (forms, shown, unknown), origin);
            }
            Lookup::Unusable(unusable) => {
                let (kind, origin) = match unusable {
                    // Where the value is set, whatever is wrong with it.
                    Unusable::NotUnicode { origin } => (ProblemKind::NotUnicode, Some(origin)),
                    Unusable::BothSet { file_var, origin } => {
                        (ProblemKind::BothSet { file_var }, Some(origin))
                    }
                    // The file is where the value was to come from; a
                    // secret's path is withheld unless it is surely a path
                    // (see `ProblemKind`).
                    Unusable::FileUnreadable {
                        file_var,
                        path,
                        reason,
                    } => {
                        let shown = match secret && !file_path_is_shown(&path) {
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
                        let at = self.problems.len();
                        self.unreadable_lines.push((at, origin.clone(), reason));
                        let kind = ProblemKind::MalformedLine {
                            reason: owned(reason),
                        };
                        (kind, Some(origin))
                    }
                    Unusable::Undeployable { origin, reason } => {
                        (ProblemKind::Undeployable { reason }, Some(origin))
                    }
                };
                let problem = problem(var, field, parser, kind);
                self.fail(problem, origin.map(through_alias), secret);
                return Read::Failed;
            }
        };
        match parser.parse(&raw) {
            Ok(value) => {
                // Only a check report shows the value: no copy otherwise.
                let shown = (self.checked.is_some() && !secret).then(|| owned(&raw));
                self.record(var.name(), Status::Ok, Some(origin), shown);
                Read::Loaded(value)
            }
            Err(error) => {
                let kind = ProblemKind::Invalid {
                    value: (!secret).then(|| owned(&raw)),
                    reason: owned(error.reason()),
                };
                let problem = problem(var, field, parser, kind).with_reason_by(error.by());
                self.fail(problem, Some(origin), secret);
                Read::Failed
            }
        }
    }

    /// A value whose shape only is known ([`Lookup::Shaped`]): invalid
    /// when none of its forms parses, external when all do, and external
    /// with the reason when only some do (the deployment decides).
    #[cfg(feature = "k8s")]
    fn shaped<P: Parse>(
        &mut self,
        var: &VarName,
        field: &Field,
        parser: &P,
        (forms, shown, unknown): (Vec<(&'static str, Zeroizing<String>)>, String, String),
        origin: Provenance,
    ) -> Read<P::Value> {
        let secret = self.ledger.is_declared(var.name());
        let parsed: Vec<_> = forms.iter().map(|(_, form)| parser.parse(form)).collect();
        let fits = |ok: bool| {
            let names = forms.iter().zip(&parsed).filter(|(_, p)| p.is_ok() == ok);
            names
                .map(|((name, _), _)| *name)
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let reason = match parsed.iter().find_map(|p| p.as_ref().err()) {
            None => format!("its value holds {unknown}, which any value fits"),
            Some(_) if parsed.iter().any(Result::is_ok) => format!(
                "its value holds {unknown}: it is valid with {} and not with {}, which only \
                 the cluster decides",
                fits(true),
                fits(false)
            ),
            Some(error) => {
                let kind = ProblemKind::Invalid {
                    value: (!secret).then_some(shown),
                    reason: owned(error.reason()),
                };
                let problem = problem(var, field, parser, kind).with_reason_by(error.by());
                self.fail(problem, Some(origin), secret);
                return Read::Failed;
            }
        };
        self.record(var.name(), Status::External(reason), Some(origin), None);
        Read::Unseen
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
            | Provenance::SecretsDir { .. }
            | Provenance::Alias { .. }
            | Provenance::Manifest { .. }),
        ) = &origin
            && !(names_its_file && matches!(from, Provenance::SecretFile { .. }))
        {
            let label = from.label();
            problem = problem.from(label);
        }
        if let Some(copy) = self.copy_problem {
            let var = owned(problem.var());
            self.record(&var, Status::Failed(copy(&problem)), origin, None);
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
                var: owned(var),
                status,
                origin,
                shown_value: shown,
                secret: false,
                required: self.required,
            });
        }
    }
}

/// A copy of `text`. Not inlined: the loader copies names and reasons in
/// many places, and each copy inlined was an allocation of its own.
#[inline(never)]
fn owned(text: &str) -> String {
    text.to_owned()
}

/// The problem `kind` of `var`, which `field` reads with `parser`.
// Not inlined: the loader makes problems in many places.
#[inline(never)]
fn problem<P: Parse>(var: &VarName, field: &Field, parser: &P, kind: ProblemKind) -> Problem {
    Problem::new(var.name(), field.expected(parser), kind)
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
            Provenance::SecretFile { path, .. } | Provenance::SecretsDir { path } => {
                return Some((path, true));
            }
            Provenance::EnvFile { path, .. } => return Some((path, false)),
            Provenance::Alias { via, .. } => origin = via,
            _ => return None,
        }
    }
}

/// Whether what `lookup` found of `var` (under `alias`, if one) may not be
/// set at all, as far as `source` tells: it is set from outside what is
/// checked, or depends on what the input does not settle. A `NAME_FILE`
/// that names a file sets the variable, whatever the file holds.
pub(super) fn is_unseen(
    source: &dyn Variables,
    var: &VarName,
    alias: Option<&str>,
    lookup: &Lookup<'_>,
) -> bool {
    match (lookup, alias) {
        (Lookup::Unchecked(..), _) => true,
        (Lookup::External(..), None) => !source.names_unopened_file(var),
        (Lookup::External(..), Some(alias)) => {
            let mut name = VarName::default();
            name.set(&[alias]);
            !source.names_unopened_file(&name)
        }
        _ => false,
    }
}

/// Whether a lookup found nothing set: unset or empty.
pub(super) fn is_unset(lookup: &Lookup<'_>) -> bool {
    matches!(lookup, Lookup::Unset | Lookup::Empty(_))
}
