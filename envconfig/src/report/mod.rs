//! The `--check-env` report: how each variable of a configuration fares in
//! what was checked (a [`Subject`]: the process environment, a deployment's
//! env file, a container of a manifest), and which set variables look like
//! typos of its names.
//!
//! The report is a model first ([`Report`]) and text second
//! ([`Report::render`]), so tests can assert on either.

use crate::docs::Docs;
use crate::order::sorted_by;
use crate::outcome::{Outcome, Outcomes, Status};
use crate::provenance::Provenance;
use crate::secrecy::Declared;
use crate::source::{Source, Variables};
use crate::warning::Warning;

/// What `--check-env` checks: variables to load the configuration from,
/// and what the report needs of them besides.
pub(crate) trait Subject: Variables {
    /// The name of every variable set, with where it is set when that is a
    /// file's line, for spotting ones that match no field.
    fn names(&self) -> Vec<(&str, Option<Provenance>)>;

    /// What keeps it from deploying beyond the configuration's variables:
    /// a manifest that Kubernetes would reject, an env file that docker
    /// would.
    fn errors(&self) -> Vec<SubjectError>;

    /// What it is, as the verdict names it: `the manifest`.
    fn kind(&self) -> &'static str;

    /// What the configuration's view of its variables makes worth a
    /// warning about how they are set; `secrets` are the variables declared
    /// secret (not those that only read what a secret reads).
    fn warnings_about(&self, outcomes: &[Outcome], secrets: &Declared) -> Vec<Warning>;

    /// What a problem of `var` should also say about where its value comes
    /// from (a manifest's service link, a Secret that may set it instead).
    fn note(&self, _var: &str) -> Option<String> {
        None
    }
}

/// The process environment (and `./.env`), as `--check-env` checks it.
impl Subject for Source {
    fn names(&self) -> Vec<(&str, Option<Provenance>)> {
        Source::names(self)
    }

    fn errors(&self) -> Vec<SubjectError> {
        Vec::new()
    }

    fn kind(&self) -> &'static str {
        "the environment"
    }

    fn warnings_about(&self, _: &[Outcome], _: &Declared) -> Vec<Warning> {
        Vec::new()
    }
}

/// What keeps a checked input from deploying beyond the configuration's
/// variables, and where in its file, when it is at a line.
#[derive(Debug)]
pub(crate) struct SubjectError {
    pub at: Option<Provenance>,
    pub message: String,
}

impl std::fmt::Display for SubjectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{}: {}", at.label(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The outcome of checking one source against a configuration.
#[derive(Debug)]
pub(crate) struct Report {
    /// What was checked, in words: `the process environment and .env`.
    pub checked: String,
    /// One line per variable, in the order of the struct's fields.
    pub vars: Vec<Outcome>,
    /// What needs a person's look although nothing failed: set variables
    /// that belong to no field first, by name, then the others.
    pub warnings: Vec<Warning>,
    /// What keeps the source from deploying beyond the configuration's
    /// variables: a manifest that Kubernetes would reject, an env file
    /// that docker would.
    pub errors: Vec<SubjectError>,
    /// What the errors are in: `the manifest`.
    pub errors_in: &'static str,
    /// Whether the configuration would load.
    pub loads: bool,
    /// `--strict`: a warning or an unchecked variable fails the check too.
    pub strict: bool,
}

/// A set variable that matches no field.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Unknown {
    pub name: String,
    /// The variable it is probably a typo of.
    pub did_you_mean: Option<String>,
}

impl Report {
    /// The report of a checking load of `source` for the configuration of
    /// `docs`; `checked` says what was checked, in words.
    pub fn new(
        docs: &Docs,
        source: &dyn Subject,
        checking: Outcomes,
        checked: String,
        strict: bool,
    ) -> Report {
        let Outcomes {
            loaded,
            mut problems,
            mut vars,
            warnings: found,
        } = checking;
        for problem in &mut problems {
            if let Some(note) = source.note(problem.var()) {
                problem.set_note(note);
            }
        }
        for outcome in &mut vars {
            if let Status::Failed(problem) = &mut outcome.status
                && let Some(note) = source.note(&outcome.var)
            {
                problem.set_note(note);
            }
        }
        let unseen = vars.iter().any(|checked| checked.status.is_set_unseen());
        let mut errors = source.errors();
        // A rule's problem is shown on its first variable's line; one whose
        // variable has no line (a name the rule gave that is no field's) is
        // shown on its own, so that a failure never goes unexplained.
        for problem in &problems {
            if !vars.iter().any(|checked| checked.var == problem.var()) {
                let message = format!("{problem}");
                errors.push(SubjectError { at: None, message });
            }
        }
        // A variable set from outside, or to what is not settled, is set;
        // what it holds is not known here.
        let loads = (loaded || unseen) && problems.is_empty() && errors.is_empty();
        let mut names: Vec<&str> = vars.iter().map(|checked| checked.var.as_str()).collect();
        // An alias is a name of the configuration: set, it is read (with a
        // warning of its own), not unknown.
        for var in docs.vars() {
            names.extend(var.aliases.iter().map(String::as_str));
        }
        let set = source.names();
        let mut warnings = Vec::new();
        for unknown in unknown_vars(docs.prefix(), &names, set.iter().map(|(name, _)| *name)) {
            let at = set.iter().find(|(name, _)| *name == unknown.name);
            warnings.push(Warning::Unknown {
                at: at.and_then(|(_, at)| at.clone()),
                var: unknown.name,
                did_you_mean: unknown.did_you_mean,
            });
        }
        // The sources keep no warning about how a name that is none of the
        // configuration's is set (`Entries::concerned`).
        // Moved over, not extended from iterators, whose drops of what
        // they did not reach would each be compiled here.
        warnings.append(&mut { found });
        warnings.append(&mut source.warnings_about(&vars, &docs.secrets()));
        warnings.append(&mut alias_collisions(docs));
        Report {
            checked,
            vars,
            warnings,
            errors,
            errors_in: source.kind(),
            loads,
            strict,
        }
    }

    /// The report of an input that could not be read at all (too large, a
    /// FIFO, over the expansion budget): no variable, one error.
    pub fn unreadable(checked: String, errors_in: &'static str, message: String) -> Report {
        Report {
            checked,
            vars: Vec::new(),
            warnings: Vec::new(),
            errors: vec![SubjectError { at: None, message }],
            errors_in,
            loads: false,
            strict: false,
        }
    }

    /// Whether the check passes: the configuration would load and, with
    /// `--strict`, nothing needs a look. Exit status 0, else 78.
    pub fn passes(&self) -> bool {
        self.loads && !(self.strict && self.needs_a_look())
    }

    /// Whether anything needs a person's look although the configuration
    /// would load: a warning, or a variable that could not be checked.
    /// `--strict` fails on it; never on a variable set from outside.
    fn needs_a_look(&self) -> bool {
        !self.warnings.is_empty() || self.count(|status| matches!(status, Status::Unchecked(_))) > 0
    }

    /// How many variables have a status that `is`.
    fn count(&self, is: impl Fn(&Status) -> bool) -> usize {
        self.vars
            .iter()
            .filter(|checked| is(&checked.status))
            .count()
    }

    /// The last line: the verdict and its cause. It never says OK when the
    /// check fails.
    pub fn verdict(&self) -> String {
        let total = self.vars.len();
        let failing = self.count(|status| matches!(status, Status::Failed(_)));
        let unchecked = self.count(|status| matches!(status, Status::Unchecked(_)));
        let external = self.count(|status| matches!(status, Status::External(_)));
        let (warnings, errors) = (self.warnings.len(), self.errors.len());
        let mut out = String::new();
        if self.loads && self.strict && self.needs_a_look() {
            out.push_str("FAILED (--strict): ");
            let listed = push_count(&mut out, "", warnings, "warning", "warnings");
            let before = if listed { ", " } else { "" };
            push_count(&mut out, before, unchecked, "unchecked", "unchecked");
        } else if self.loads {
            out.push_str(&format!("OK: all {total} variables would load"));
            if external + unchecked > 0 {
                out.push_str(" (");
                let listed = push_count(&mut out, "", external, "external", "external");
                let before = if listed { ", " } else { "" };
                push_count(&mut out, before, unchecked, "unchecked", "unchecked");
                out.push(')');
            }
            push_count(&mut out, ", ", warnings, "warning", "warnings");
        } else if failing == 0 && errors > 0 {
            out.push_str("FAILED: ");
            push_count(&mut out, "", errors, "error", "errors");
            out.push_str(" in ");
            out.push_str(self.errors_in);
            push_count(&mut out, ", ", warnings, "warning", "warnings");
            out.push_str("; the container would not start");
        } else {
            let have = if failing == 1 {
                "has a problem"
            } else {
                "have problems"
            };
            out.push_str(&format!("FAILED: {failing} of {total} variables {have}"));
            push_count(&mut out, ", ", errors, "error", "errors");
            push_count(&mut out, ", ", warnings, "warning", "warnings");
            out.push_str("; the configuration would not load");
        }
        out
    }
}

/// Appends `before`, then `1 one` or `n many`, unless `n` is 0: whether it
/// did.
fn push_count(out: &mut String, before: &str, n: usize, one: &str, many: &str) -> bool {
    if n > 0 {
        out.push_str(&format!("{before}{n} {}", if n == 1 { one } else { many }));
    }
    n > 0
}

/// Set variables that the configuration owns or nearly matches and that
/// are neither a field's variable nor its `_FILE` variant, sorted by name,
/// each with the variable it is probably a typo of: a name that carries
/// the configuration's prefix (in any case), or that is within the "did
/// you mean" distance of one of its variables. Other names (`POD_NAME`,
/// `JAVA_OPTS`, a whole process environment) are not the configuration's
/// business, wherever they are set.
fn unknown_vars<'a>(
    prefix: &str,
    known: &[&str],
    names: impl Iterator<Item = &'a str>,
) -> Vec<Unknown> {
    let mut candidates = Vec::with_capacity(2 * known.len());
    for name in known {
        candidates.push((*name).to_owned());
        candidates.push(format!("{name}_FILE"));
    }
    let carries_prefix = |name: &str| {
        !prefix.is_empty()
            && name
                .get(..prefix.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    let mut unknown = Vec::new();
    for name in names.filter(|name| !candidates.iter().any(|candidate| candidate == name)) {
        let did_you_mean = did_you_mean(name, &candidates);
        if carries_prefix(name) || did_you_mean.is_some() {
            let name = name.to_owned();
            unknown.push(Unknown { name, did_you_mean });
        }
    }
    let mut unknown = sorted_by(unknown, |unknown| (unknown.name.as_bytes(), 0));
    unknown.dedup_by(|a, b| a.name == b.name);
    unknown
}

/// Of the `set` names that are no `known` variable, the one that looks
/// like a typo of `var` or of `var_FILE`.
pub(crate) fn typo_of(var: &str, known: &[&str], set: &[String]) -> Option<String> {
    closest_typo(var, known, set).or_else(|| closest_typo(&format!("{var}_FILE"), known, set))
}

/// Of the `set` names that are no `known` variable and look like a typo of
/// `target`, the closest, the first of equals: the one that would be
/// suggested for a variable of that name.
fn closest_typo(target: &str, known: &[&str], set: &[String]) -> Option<String> {
    let is_known = |name: &str| {
        known
            .iter()
            .any(|known| name == *known || name.strip_suffix("_FILE") == Some(*known))
    };
    let mut closest: Option<(usize, &String)> = None;
    for name in set.iter().filter(|name| !is_known(name)) {
        let upper = name.to_ascii_uppercase();
        if typo_distance(&upper, target).is_none() {
            continue;
        }
        let distance = envconfig_core::edit_distance(&upper, target);
        if closest.is_none_or(|(least, _)| distance < least) {
            closest = Some((distance, name));
        }
    }
    closest.map(|(_, name)| name.clone())
}

/// An alias that is also another variable's name, or another variable's
/// alias, across nested structs (the derive rejects it within one struct).
fn alias_collisions(docs: &Docs) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for (index, var) in docs.vars().iter().enumerate() {
        for alias in &var.aliases {
            let owner = docs.vars().iter().enumerate().find(|(other, owner)| {
                owner.name == *alias || (*other != index && owner.aliases.contains(alias))
            });
            if let Some((_, owner)) = owner {
                warnings.push(Warning::AliasTaken {
                    alias: alias.clone(),
                    of: var.name.clone(),
                    owner: owner.name.clone(),
                    is_its_name: owner.name == *alias,
                });
            }
        }
    }
    warnings
}

/// The candidate closest to `name` when close enough to be a typo, case
/// aside (see [`typo_distance`]); the earlier of equals, the earlier
/// field's.
fn did_you_mean(name: &str, candidates: &[String]) -> Option<String> {
    let name = name.to_ascii_uppercase();
    let mut closest: Option<(usize, &String)> = None;
    for candidate in candidates {
        if let Some(distance) = typo_distance(&name, candidate)
            && closest.is_none_or(|(least, _)| distance < least)
        {
            closest = Some((distance, candidate));
        }
    }
    closest.map(|(_, candidate)| candidate.clone())
}

/// How far `name` is from `candidate`, when close enough to be a typo of
/// it. Only what follows the start they share counts (`PORT` and `PROT` in
/// `APP_PORT` and `APP_PROT`): at most one edit per three of its
/// characters, and never more than three.
// Loops rather than iterator chains: this runs on every failed load, and
// each chain was a copy of its own of the iterator code.
fn typo_distance(name: &str, candidate: &str) -> Option<usize> {
    let mut shared = 0;
    for (a, b) in name.chars().zip(candidate.chars()) {
        if a != b {
            break;
        }
        shared += a.len_utf8();
    }
    let (rest, candidate_rest) = (&name[shared..], &candidate[shared..]);
    let length = rest.chars().count();
    let limit = (length / 3).clamp(1, 3);
    // Lengths further apart than the limit are further apart than it;
    // skipping them also bounds the work for a huge name.
    if length.abs_diff(candidate_rest.chars().count()) > limit {
        return None;
    }
    let distance = envconfig_core::edit_distance(rest, candidate_rest);
    (distance <= limit).then_some(distance)
}

mod github;
mod json;
mod text;

#[cfg(test)]
mod tests;
