//! The loader: the one path every field's value takes, from a [`Variables`]
//! lookup through its parser to the user's struct, collecting a [`Problem`]
//! for each variable that fails instead of stopping at the first.

use crate::error::Problem;
use crate::field::{DefaultValue, Field, FieldName, MaybeDefault, NoDefault};
use crate::outcome::{Outcome, Outcomes, Status};
use crate::secrecy::{Declared, Ledger};
use crate::source::{Provenance, VarName, Variables};

mod group;
pub use self::group::Switch;
mod read;
mod rule;
use crate::value::{Erased, Parse, Slot};
use crate::warning::Warning;

/// Loads fields from one source of variables ([`Variables`]: the process
/// environment, or a [`Source`]), collecting problems.
#[doc(hidden)]
pub struct Loader<'a> {
    source: &'a dyn Variables,
    problems: Vec<Problem>,
    checked: Option<Vec<Outcome>>,
    /// How a checking loader copies a failed variable's problem onto its
    /// row (`Problem::clone`): a pointer only [`Loader::checking`] sets, so
    /// that a program that only loads links no copying of a problem.
    copy_problem: Option<fn(&Problem) -> Problem>,
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
    /// While an optional group loads, the names under which its variables
    /// are set, and how: whether any is decides whether the group is on.
    set_in_group: Option<Vec<(String, SetHow)>>,
    /// Every variable a secret field reads, known before the load when a
    /// check has named them first: a field that reads one before its secret
    /// field does is reading a secret.
    secrets_ahead: Declared,
    /// The `secrets_dir` of the struct being loaded, if it has one.
    secrets_dir: Option<&'static str>,
    /// The lines that could not be read for a variable (where, and why),
    /// each with the index of its problem: when an optional group that is
    /// off drops the problem, the line is still said to be ignored.
    unreadable_lines: Vec<(usize, Provenance, &'static str)>,
}

/// What gives a failed load's missing variables their typo hints: a
/// function of the config module, which runs the struct's load to name
/// what it reads.
type Hint<'h> = &'h mut dyn FnMut(&mut [Problem]);

/// How a variable of an optional group is set, as far as the input tells.
#[derive(Clone, Debug, PartialEq, Eq)]
enum SetHow {
    /// Its value is seen here.
    Seen,
    /// From outside what is checked, or not settled by it, but set: with
    /// text of its own, or from a reference a deployment realistically
    /// has (a manifest's Secret).
    Outside,
    /// From outside what is checked, or not settled by it, and it may be
    /// unset or empty at a start: why. Whether it switches its group on
    /// cannot be told.
    MaybeUnset(String),
    /// A file of a secrets directory that the checked input cannot tell
    /// about, taken to be there for a required secret: what decides
    /// whether its group is on is what the input shows, not this.
    Taken,
}

/// What became of one variable before its value is handed to the struct.
enum Read<T> {
    Loaded(T),
    NotSet,
    Failed,
    /// Set, but its value is not seen here (`--check-env`): it comes from
    /// outside what is checked, or depends on what is not settled.
    Unseen,
}

impl<'a> Loader<'a> {
    pub(crate) fn new(source: &'a dyn Variables) -> Loader<'a> {
        Loader {
            source,
            problems: Vec::new(),
            checked: None,
            copy_problem: None,
            ledger: Ledger::default(),
            warnings: Vec::new(),
            var: VarName::default(),
            required: false,
            secret: false,
            names: None,
            name_aliases: true,
            set_in_group: None,
            secrets_ahead: Declared::default(),
            secrets_dir: None,
            unreadable_lines: Vec::new(),
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

    /// The names a [`Loader::naming`] collects as `load` runs it.
    // Every run of a loader is a method of it, not inlined: a loader
    // dropped in another module, if only on the way out of a panic of
    // `load`, was a copy of its drop (1.2 KiB) there.
    #[inline(never)]
    pub(crate) fn names(mut self, load: &mut dyn FnMut(&mut Loader<'_>)) -> Vec<String> {
        load(&mut self);
        // Taken, not moved out: the loader is then dropped whole, by the
        // one drop of a `Loader`, not by a copy of it for what is left.
        self.names.take().unwrap_or_default()
    }

    /// What a naming loader's secret fields read as `load` runs it.
    #[inline(never)]
    pub(crate) fn secrets(mut self, load: &mut dyn FnMut(&mut Loader<'_>)) -> Declared {
        load(&mut self);
        // Taken, as `names` takes the names.
        std::mem::take(&mut self.ledger).into_declared()
    }

    /// Runs `load`, which says whether the fields gave a value, and
    /// finishes (see [`Loader::finish`]); then, when the struct gives no
    /// value or has problems, `hint` gives each missing variable its typo
    /// hint, if it is given.
    #[inline(never)]
    pub(crate) fn run(
        mut self,
        load: &mut dyn FnMut(&mut Loader<'_>) -> bool,
        hint: Option<Hint<'_>>,
    ) -> Outcomes {
        let loaded = load(&mut self);
        let mut outcomes = self.finish(loaded);
        if let Some(hint) = hint
            && (!loaded || !outcomes.problems.is_empty())
        {
            hint(&mut outcomes.problems);
        }
        outcomes
    }

    /// [`Loader::run`], for a load that keeps only the problems, and the
    /// warnings in `warnings` if given. Here, not in its caller: what is
    /// dropped of the outcomes is dropped by this module's drops, not by
    /// copies of them there.
    #[inline(never)]
    pub(crate) fn problems(
        self,
        load: &mut dyn FnMut(&mut Loader<'_>) -> bool,
        hint: Hint<'_>,
        warnings: Option<&mut Vec<Warning>>,
    ) -> Vec<Problem> {
        let Outcomes {
            problems,
            warnings: mut found,
            ..
        } = self.run(load, Some(hint));
        if let Some(warnings) = warnings {
            std::mem::swap(warnings, &mut found);
        }
        problems
    }

    /// This loader, knowing ahead which variables secret fields read.
    pub(crate) fn knowing_secrets(self, secrets: Declared) -> Loader<'a> {
        Loader {
            secrets_ahead: secrets,
            ..self
        }
    }

    /// A loader that also records how each variable fared.
    pub(crate) fn checking(source: &'a dyn Variables) -> Loader<'a> {
        Loader {
            checked: Some(Vec::new()),
            copy_problem: Some(Problem::clone),
            ..Loader::new(source)
        }
    }

    /// The problems, how each variable fared and the warnings, with every
    /// secret redacted: a variable is secret when a secret field reads it,
    /// or when a dotenv file set it by copying one (`${SECRET}`). `loaded`
    /// says whether the fields gave a value.
    fn finish(mut self, loaded: bool) -> Outcomes {
        // Taken, as `names` takes the names.
        let source = self.source;
        let mut problems = std::mem::take(&mut self.problems);
        let mut checked = self.checked.take().unwrap_or_default();
        let mut warnings = std::mem::take(&mut self.warnings);
        let verdict = std::mem::take(&mut self.ledger).verdict(source);
        drop(self);
        verdict.redact(&mut problems, &mut checked);
        one_row_per_variable(&mut checked);
        // Two fields that read one variable find the same problem with it
        // once: an operator fixes it once. Removed in place, from the last:
        // a loop over the problems moved out dropped those it did not
        // reach with a drop of its own.
        for at in (0..problems.len()).rev() {
            if problems[..at].contains(&problems[at]) {
                problems.remove(at);
            }
        }
        let mut all_warnings = source.warnings();
        // A source that does not know which variables are secret (a live
        // `./.env`) may quote what a secret's value seems to expand.
        for warning in &mut all_warnings {
            if let Warning::ShellSyntax { var, name, .. } = warning
                && verdict.holds_secret_text(var)
            {
                *name = "...".to_owned();
            }
        }
        // Moved over, not extended from an iterator, whose drop of what it
        // did not reach was a drop of every kind of warning of its own.
        all_warnings.append(&mut warnings);
        Outcomes {
            loaded,
            problems,
            vars: checked,
            warnings: all_warnings,
        }
    }

    /// Reads the variables of the struct about to load from `dir` too, when
    /// they are unset; gives what to restore with [`Loader::leave_secrets_dir`].
    pub fn enter_secrets_dir(&mut self, dir: &'static str) -> Option<&'static str> {
        self.secrets_dir.replace(dir)
    }

    /// Restores the secrets directory of the struct around the one loaded.
    pub fn leave_secrets_dir(&mut self, outer: Option<&'static str>) {
        self.secrets_dir = outer;
    }

    /// A field that must be set, or has a default.
    ///
    /// `default_expr` is the compiled `default = <expr>` if that is what the
    /// field has, else [`NoDefault`].
    // Generated code calls it once per field: a copy per field type is
    // smaller than the inlined body in every field's load.
    #[inline(never)]
    pub fn required<P: Parse, D: MaybeDefault<P::Value>>(
        &mut self,
        prefix: &str,
        field: &Field,
        parser: P,
        default_expr: D,
    ) -> Option<P::Value> {
        // The loader sees every parser as one type (see `Slot`); the value
        // is taken from the slot, or is the default expression's.
        let slot = Slot::new(&parser, default_expr);
        let default = slot.erased_default();
        self.required_erased(prefix, field, slot.erased(), parser.secret(), default)?;
        slot.take()
            .or_else(|| default_expr.expr().map(|default| (default.value)()))
    }

    /// An `Option<T>` field: unset or empty is `None`.
    pub fn optional<P: Parse>(
        &mut self,
        prefix: &str,
        field: &Field,
        parser: P,
    ) -> Option<Option<P::Value>> {
        let slot = Slot::new(&parser, NoDefault);
        let set = self.optional_erased(prefix, field, slot.erased(), parser.secret())?;
        Some(set.and_then(|()| slot.take()))
    }

    /// [`Loader::required`] of the field's parser as every field's is run,
    /// so that this code is compiled once, not once per field type.
    fn required_erased(
        &mut self,
        prefix: &str,
        field: &Field,
        parser: Erased<'_>,
        parser_secret: bool,
        default_expr: Option<fn()>,
    ) -> Option<()> {
        self.secret = field.is_secret() || parser_secret;
        let var = self.take_var(prefix, field);
        let loaded = if self.only_names(&var, field) {
            None
        } else {
            self.required = default_expr.is_none() && matches!(field.default, DefaultValue::None);
            self.required_var(&var, field, parser, default_expr)
        };
        self.var = var;
        loaded
    }

    /// [`Loader::optional`], compiled once as [`Loader::required_erased`] is.
    fn optional_erased(
        &mut self,
        prefix: &str,
        field: &Field,
        parser: Erased<'_>,
        parser_secret: bool,
    ) -> Option<Option<()>> {
        self.secret = field.is_secret() || parser_secret;
        let var = self.take_var(prefix, field);
        let loaded = if self.only_names(&var, field) {
            None
        } else {
            self.required = false;
            self.optional_var(&var, field, parser)
        };
        self.var = var;
        loaded
    }

    /// Whether this loader only names variables; if so, names `var` and the
    /// field's aliases.
    fn only_names(&mut self, var: &VarName, field: &Field) -> bool {
        let Some(names) = &mut self.names else {
            return false;
        };
        names.push(var.name().to_owned());
        if self.name_aliases {
            names.extend(field.aliases().iter().map(|alias| (*alias).to_owned()));
        }
        true
    }

    /// Adds a warning.
    // Not inlined: a push, with its growth, at each place that warns was
    // code of its own.
    #[inline(never)]
    fn warn(&mut self, warning: Warning) {
        self.warnings.push(warning);
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
            self.ledger.declare(var.name(), field.aliases());
        }
        var
    }
}

/// `rows`, with a variable that two fields read on one row, where the
/// first field reads it: the row that says most of it (a problem, then a
/// value not seen, then a value, then a default), secret and required if
/// either field's row is. Merged in place, as the problems are made unique.
fn one_row_per_variable(rows: &mut Vec<Outcome>) {
    fn weight(status: &Status) -> u8 {
        match status {
            Status::Failed(_) => 5,
            Status::Unchecked(_) => 4,
            Status::External(_) => 3,
            Status::Ok => 2,
            Status::Default => 1,
            Status::Unset => 0,
        }
    }
    let mut at = 0;
    while at < rows.len() {
        let Some(first) = rows[..at]
            .iter()
            .position(|first| first.var == rows[at].var)
        else {
            at += 1;
            continue;
        };
        let row = rows.remove(at);
        let first = &mut rows[first];
        let (secret, required) = (first.secret || row.secret, first.required || row.required);
        if weight(&row.status) > weight(&first.status) {
            *first = row;
        }
        if secret && !first.secret {
            first.redact();
        }
        first.required = required;
    }
}

#[cfg(test)]
mod tests {
    use crate::Config;

    // Loaded to look at its problems and its rows, not read.
    #[allow(dead_code)]
    #[derive(crate::Config)]
    #[config(prefix = "APP_")]
    struct Service {
        #[config(default = 5432)]
        db_port: u16,
        #[config(nested)]
        db: Db,
    }

    #[allow(dead_code)]
    #[derive(crate::Config)]
    struct Db {
        #[config(default = 5432)]
        port: u16,
        host: String,
    }

    /// A variable that two fields read is one variable to an operator: one
    /// problem when its value is wrong, one row of what was loaded.
    #[test]
    fn a_variable_two_fields_read_is_one_problem_and_one_row() {
        let error = Service::from_vars([("APP_DB_PORT", "x")])
            .err()
            .expect("neither field takes x");
        let problems: Vec<String> = error.problems().iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "APP_DB_PORT: invalid value \"x\": not an integer; expected integer 0..=65535",
                "APP_DB_HOST: required but not set; expected string",
            ]
        );
        let loaded = Service::load_from_vars([("APP_DB_PORT", "6432"), ("APP_DB_HOST", "db")])
            .expect("it loads");
        let names: Vec<&str> = loaded
            .effective()
            .vars()
            .iter()
            .map(|var| var.name.as_str())
            .collect();
        assert_eq!(names, ["APP_DB_PORT", "APP_DB_HOST"]);
    }
}
