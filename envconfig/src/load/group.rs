//! An optional group (`#[config(nested)] tls: Option<Tls>`): loaded like
//! any nested struct, then kept, or dropped with what it found, as its
//! switch says. Its variables are required only when it is on, and each
//! problem then says why. When a check cannot tell whether it is on, what
//! would fail with it on is a warning.

use super::read::{is_unseen, is_unset};
use super::{Loader, SetHow};
use crate::error::ProblemKind;
use crate::field::{Field, nested_prefix};
use crate::outcome::Status;
use crate::source::{Lookup, VarName};
use crate::warning::Warning;

/// What switches an optional group on.
#[doc(hidden)]
pub enum Switch<'f> {
    /// Any of its variables being set (empty counts as unset).
    AnySet,
    /// `enabled_by = field`: that `bool` field of the same struct, as it
    /// loaded (`None` if it failed).
    EnabledBy { field: &'f Field, on: Option<bool> },
}

impl Loader<'_> {
    /// The optional group whose variables are under `prefix` then
    /// `group_prefix`, loaded by `load`: `Some(None)` when it is off,
    /// `Some(Some(value))` when it is on and loads, `None` after a problem.
    pub fn optional_group<N>(
        &mut self,
        prefix: &str,
        group_prefix: &str,
        switch: Switch<'_>,
        load: impl FnOnce(&mut Self, &str) -> Option<N>,
    ) -> Option<Option<N>> {
        let (problems, checked) = (self.problems.len(), self.checked.as_ref().map(Vec::len));
        let outer = self.set_in_group.replace(Vec::new());
        let value = load(self, &nested_prefix(prefix, group_prefix));
        let set = std::mem::replace(&mut self.set_in_group, outer).unwrap_or_default();
        if let Some(outer) = &mut self.set_in_group {
            outer.extend(set.iter().cloned());
        }
        if self.names.is_some() {
            return Some(value);
        }
        let because = match &switch {
            Switch::AnySet => {
                let on = set
                    .iter()
                    .find(|(_, how)| matches!(how, SetHow::Seen | SetHow::Outside));
                let maybe = set.iter().find_map(|(member, how)| match how {
                    SetHow::MaybeUnset(why) => Some((member, why)),
                    _ => None,
                });
                if let (None, Some((member, why))) = (on, maybe) {
                    // Only what may be unset or empty at a start sets it:
                    // it may be on, and what would fail then is said.
                    self.switched_unseen(problems, member, Some(why));
                }
                on.map(|(first, _)| format!("{first} is set"))
            }
            Switch::EnabledBy { field, on } => {
                let switch = field.name.resolve(prefix);
                if self.checked_as_unseen(&switch) {
                    // Set outside what is checked, it may be true: the
                    // group's variables are not ignored, and what would
                    // fail with it on is said.
                    self.switched_unseen(problems, &switch, None);
                } else if *on == Some(false) {
                    // A switch that did not load is a problem of its own:
                    // whether the group would be on is not known.
                    for (var, _) in set.iter().filter(|(_, how)| *how == SetHow::Seen) {
                        self.warn(Warning::GroupOff {
                            var: var.clone(),
                            switch: switch.clone(),
                        });
                    }
                }
                (*on == Some(true)).then(|| format!("{switch} is true"))
            }
        };
        match because {
            Some(because) => {
                // A missing variable of the group is required because the
                // group is on.
                for problem in &mut self.problems[problems..] {
                    if matches!(problem.kind(), ProblemKind::Missing | ProblemKind::Empty) {
                        problem.set_required_because(because.clone());
                    }
                }
                if let (Some(rows), Some(start)) = (&mut self.checked, checked) {
                    for row in &mut rows[start..] {
                        if let Status::Failed(problem) = &mut row.status
                            && matches!(problem.kind(), ProblemKind::Missing | ProblemKind::Empty)
                        {
                            problem.set_required_because(because.clone());
                        }
                    }
                }
                value.map(Some)
            }
            None => {
                // Off: nothing of it is required, and what is set of it is
                // ignored (with a warning when a switch says so). A line of
                // a file that could not be read is said to be ignored.
                self.problems.truncate(problems);
                let (kept, dropped): (Vec<_>, Vec<_>) = std::mem::take(&mut self.unreadable_lines)
                    .into_iter()
                    .partition(|(problem, ..)| *problem < problems);
                self.unreadable_lines = kept;
                self.warnings
                    .extend(
                        dropped
                            .into_iter()
                            .map(|(_, at, reason)| Warning::LineIgnored {
                                at,
                                reason: reason.to_owned(),
                            }),
                    );
                if let (Some(rows), Some(start)) = (&mut self.checked, checked) {
                    for row in &mut rows[start..] {
                        row.required = false;
                        // A file of a secrets directory was taken to be
                        // there for a required secret, which this one is
                        // not.
                        let taken = set
                            .iter()
                            .any(|(name, how)| *how == SetHow::Taken && *name == row.var);
                        if taken {
                            row.status = Status::Unset;
                            row.origin = None;
                        }
                        if matches!(row.status, Status::Failed(_)) {
                            row.status = Status::Unset;
                            row.shown_value = None;
                        }
                    }
                }
                Some(None)
            }
        }
    }

    /// How `var` of an optional group is set, as what was found of it
    /// tells (under `alias`, if one; `taken` from a secrets directory the
    /// check cannot see): what decides whether the group is on.
    pub(super) fn set_how(
        &self,
        var: &VarName,
        field: &Field,
        (found, alias, taken): (&Lookup<'_>, Option<&str>, bool),
    ) -> SetHow {
        if taken {
            return SetHow::Taken;
        }
        #[cfg(feature = "k8s")]
        if matches!(found, Lookup::Shaped { .. }) {
            return SetHow::Outside;
        }
        if !is_unseen(self.source, var, alias, found) {
            return SetHow::Seen;
        }
        // What may be unset or empty at a start leaves the next name of
        // the field that is set to be read (an old name after it): set
        // for sure when one of them is.
        let found_under = alias.unwrap_or(var.name());
        let mut name = VarName::default();
        let mut why = None;
        for other in std::iter::once(var.name()).chain(field.aliases().iter().copied()) {
            name.set(&[other]);
            if other != found_under {
                let lookup = self.source.lookup(&name);
                if is_unset(&lookup) {
                    continue;
                }
                if !is_unseen(self.source, &name, None, &lookup) {
                    return SetHow::Outside;
                }
            }
            match self.source.may_be_unset(&name) {
                Some(maybe) => why = why.or(Some(maybe)),
                None => return SetHow::Outside,
            }
        }
        why.map_or(SetHow::Outside, SetHow::MaybeUnset)
    }

    /// Warns of each problem since `problems`, which a start with the group
    /// on would fail on: `switch` may turn it on, as far as the check can
    /// tell. `maybe_unset`, when `switch` is a variable of the group: why
    /// it may be unset or empty at a start.
    fn switched_unseen(&mut self, problems: usize, switch: &str, maybe_unset: Option<&str>) {
        for problem in &self.problems[problems..] {
            let missing = matches!(problem.kind(), ProblemKind::Missing | ProblemKind::Empty);
            self.warnings.push(Warning::SwitchedFromOutside {
                var: problem.var().to_owned(),
                switch: switch.to_owned(),
                missing,
                maybe_unset: maybe_unset.map(str::to_owned),
            });
        }
    }

    /// Whether a check sees `var` set to what it cannot tell: from outside
    /// what is checked, or not settled by it.
    fn checked_as_unseen(&self, var: &str) -> bool {
        self.checked.iter().flatten().any(|row| {
            row.var == var && matches!(row.status, Status::External(_) | Status::Unchecked(_))
        })
    }
}

#[cfg(test)]
#[path = "group_tests.rs"]
mod tests;
