//! What the environment of a container read from a Kubernetes manifest
//! knows besides values: what would not deploy, what an `envFrom` of an
//! unknown ConfigMap or Secret may set, how each variable is set (in plain
//! text, through an optional reference, by a service link), and whether
//! the pod has service links.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::service_links::CLUSTER_IPS;
use super::volumes::Content;
use crate::order::sorted_by;
use crate::outcome::{Outcome, Status};
use crate::report::SubjectError;
use crate::secrecy::Declared;
use crate::shown::Abridged;
use crate::source::{Entries, Lookup, Provenance, RawText, Unusable, VarName};
use crate::warning::Warning;

#[derive(Default)]
pub(crate) struct Facts {
    /// The variables that would not deploy, by name.
    pub undeployable: HashMap<String, Undeployable>,
    /// The `envFrom` sources whose keys are not known here, in order: any
    /// name they could set and that nothing else sets may be set.
    pub maybe_set: Vec<MaybeSet>,
    /// How each variable is set, when that deserves a warning.
    pub how_set: HashMap<String, HowSet>,
    /// What would not deploy and has no name: an `env` entry without one.
    pub unnamed: Vec<(Provenance, String)>,
    /// What a problem of a variable should also say: the service link
    /// that sets it, the source that may set it instead.
    pub notes: HashMap<String, String>,
    /// Where the pod spec is, when the pod has service links.
    pub service_links: Option<Provenance>,
    /// The variables that the kubelet sets for Services and that no entry
    /// hides: kept apart from the documents' entries, since their names are
    /// nobody's typo.
    pub links: HashMap<String, (Linked, Provenance)>,
    /// The variables whose `NAME_FILE` names a file of a ConfigMap among
    /// the documents, by name: their values are known.
    pub read_files: HashMap<String, ReadFile>,
    /// The variables whose values hold a cluster IP, by name.
    pub shaped: HashMap<String, (Shape, Provenance)>,
}

/// A file of a ConfigMap among the documents that a `NAME_FILE` names.
pub(crate) struct ReadFile {
    pub file_var: String,
    /// The path, as written.
    pub path: String,
    pub content: Arc<Content>,
}

/// What a service link sets a variable to.
pub(crate) enum Linked {
    Value(Zeroizing<String>),
    /// What only the cluster knows (its IP), in words.
    External(String),
    /// A value that holds a cluster IP, whose shape is known.
    Shaped(Shape),
}

/// A value that holds what only the cluster knows (a Service's cluster
/// IP), with each of [`CLUSTER_IPS`] put in its place.
pub(crate) struct Shape {
    /// The value with each representative, in the order of
    /// [`CLUSTER_IPS`].
    pub forms: Vec<Zeroizing<String>>,
    /// The value as shown: `<cluster IP>:9090`.
    pub shown: Zeroizing<String>,
    /// What it holds that is unknown, in words: `the cluster IP of the
    /// Service metrics`.
    pub unknown: String,
}

impl Shape {
    /// What a lookup of the value set at `origin` finds.
    pub fn lookup(&self, origin: &Provenance) -> Lookup<'static> {
        let forms = CLUSTER_IPS.iter().map(|(name, _)| *name);
        Lookup::Shaped {
            forms: forms.zip(self.forms.iter().cloned()).collect(),
            shown: self.shown.to_string(),
            unknown: self.unknown.clone(),
            origin: origin.clone(),
        }
    }
}

/// A variable that Kubernetes would reject, or that keeps the container
/// from starting.
pub(crate) struct Undeployable {
    pub origin: Provenance,
    pub reason: String,
    /// Whether a field asked for it: if none did, it is an error of the
    /// manifest rather than a variable's problem.
    pub claimed: Cell<bool>,
    /// Whether the container starts all the same: a variable read from a
    /// file that is not there stops only a field that reads it (the
    /// `SSL_CERT_FILE` of a tool in the image is none of the service's).
    pub starts: bool,
}

/// An `envFrom` source whose keys are not known here.
pub(crate) struct MaybeSet {
    /// Its `prefix`: the names it can set start with it.
    pub prefix: String,
    /// What it is, in words: `the ConfigMap billing-config (envFrom), which
    /// is not among the documents`.
    pub what: String,
    pub origin: Provenance,
    /// `optional: true`, in words, if it is.
    pub optional: Option<String>,
}

/// How a variable is set, as far as a warning goes.
#[derive(Default)]
pub(crate) struct HowSet {
    /// Where its value is written in plain text (`a literal value:`, `the
    /// ConfigMap x`), if it is.
    pub plain_text: Option<(String, Provenance)>,
    /// The optional reference its value depends on, in words.
    pub optional: Option<String>,
}

impl Undeployable {
    /// A problem that no field has asked for yet.
    pub fn new(origin: Provenance, reason: String, starts: bool) -> Undeployable {
        Undeployable {
            origin,
            reason,
            claimed: Cell::new(false),
            starts,
        }
    }
}

impl Facts {
    /// The problem of a variable (or its `_FILE`) that would not deploy.
    pub fn undeployable(&self, var: &VarName) -> Option<Lookup<'static>> {
        let found = self
            .undeployable
            .get(var.name())
            .or_else(|| self.undeployable.get(var.file_var()))?;
        found.claimed.set(true);
        Some(Lookup::Unusable(Unusable::Undeployable {
            origin: found.origin.clone(),
            reason: found.reason.clone(),
        }))
    }

    /// `name`, which no entry of the documents sets, as a service link
    /// sets it, or as the last `envFrom` source that may set it leaves it:
    /// external.
    pub fn maybe_set(&self, name: &str) -> Option<Lookup<'static>> {
        if let Some((linked, origin)) = self.links.get(name) {
            return Some(match linked {
                Linked::Value(value) => {
                    Lookup::Value(RawText::Owned(value.clone()), origin.clone())
                }
                Linked::External(from) => Lookup::External(from.clone(), origin.clone()),
                Linked::Shaped(shape) => shape.lookup(origin),
            });
        }
        let source = self.source_of(name)?;
        // An `envFrom` source that is not among the documents is made
        // outside them by design (an operator's Secret): what it sets is
        // external, as its `secretKeyRef`s are.
        Some(Lookup::External(
            format!("may be set by {}", source.what),
            source.origin.clone(),
        ))
    }

    /// Why `var`, set to what is not seen here, may be unset when the
    /// container starts: what an `optional: true` reference gives is
    /// missing where its object or key is, and a name only an `envFrom`
    /// source may set is unset where that source does not set it.
    pub fn may_be_unset(&self, entries: &Entries, var: &VarName) -> Option<String> {
        let mut why = None;
        for name in [var.name(), var.file_var()] {
            let optional = self.how_set.get(name).and_then(|how| how.optional.as_ref());
            let maybe = if entries.get(name).is_some_and(|entry| !entry.is_empty()) {
                return None;
            } else if entries.is_unseen(name) {
                match optional {
                    Some(optional) => format!("{name} may be unset: it depends on {optional}"),
                    None => return None,
                }
            } else if self.links.contains_key(name) {
                return None;
            } else if let Some(source) = self.source_of(name) {
                format!("{name} may be unset: it is set only by {}", source.what)
            } else {
                continue;
            };
            why.get_or_insert(maybe);
        }
        why
    }

    /// The last `envFrom` source that may set `name`.
    pub fn source_of(&self, name: &str) -> Option<&MaybeSet> {
        self.maybe_set
            .iter()
            .rev()
            .find(|source| name.starts_with(&source.prefix))
    }

    /// The names of the variables that would not deploy.
    pub fn names(&self) -> impl Iterator<Item = (&str, Option<Provenance>)> {
        self.undeployable
            .iter()
            .map(|(name, found)| (name.as_str(), Some(found.origin.clone())))
    }

    /// The variables that would not deploy and that no field reads: the
    /// manifest's own errors, in the order of its lines.
    pub fn errors(&self) -> Vec<SubjectError> {
        let errors: Vec<SubjectError> = self
            .undeployable
            .iter()
            .filter(|(_, found)| !found.claimed.get() && !found.starts)
            .map(|(name, found)| SubjectError {
                at: Some(found.origin.clone()),
                message: format!("{}: {}", Abridged::name(name), found.reason),
            })
            .chain(self.unnamed.iter().map(|(origin, reason)| SubjectError {
                at: Some(origin.clone()),
                message: reason.clone(),
            }))
            .collect();
        // By line, then message (the sort keeps the order of equal keys);
        // the lines are all of the one manifest checked.
        let errors = sorted_by(errors, |error| (error.message.as_bytes(), 0));
        sorted_by(errors, |error| match &error.at {
            Some(Provenance::Manifest { path, line }) => {
                (path.as_os_str().as_encoded_bytes(), *line)
            }
            _ => (&[], 0),
        })
    }

    /// What the configuration's view of the variables makes worth a
    /// warning: a secret in plain text, a required variable behind an
    /// optional reference.
    pub fn warnings(
        &self,
        vars: &[Outcome],
        secrets: &Declared,
        set: impl Fn(&str) -> bool,
    ) -> Vec<Warning> {
        let mut warnings = Vec::new();
        for checked in vars {
            if let Some(pod) = &self.service_links
                && matches!(checked.status, Status::Default | Status::Unset)
                && !set(&checked.var)
                && !self.links.contains_key(&checked.var)
                && self.source_of(&checked.var).is_none()
                && let Some(service) = super::service_links::service_of(&checked.var)
            {
                warnings.push(Warning::ServiceLinkShape {
                    at: pod.clone(),
                    var: checked.var.clone(),
                    service,
                });
            }
            let how = self.how_set.get(&checked.var);
            // A plain variable that reads what a secret reads is redacted,
            // but it is no secret in plain text.
            if secrets.is_secret(&checked.var)
                && let Some((written, origin)) = how.and_then(|how| how.plain_text.as_ref())
            {
                warnings.push(Warning::SecretInPlainText {
                    at: origin.clone(),
                    var: checked.var.clone(),
                    written: written.clone(),
                });
            }
            let optional = match how.and_then(|how| how.optional.as_ref()) {
                Some(optional) => Some(optional),
                None if !set(&checked.var) && !self.links.contains_key(&checked.var) => self
                    .source_of(&checked.var)
                    .and_then(|source| source.optional.as_ref()),
                None => None,
            };
            if checked.required
                && let Some(optional) = optional
            {
                warnings.push(Warning::RequiredBehindOptional {
                    var: checked.var.clone(),
                    optional: optional.clone(),
                });
            }
        }
        warnings
    }
}
