//! [`Config`]: what a configuration struct is, and the loads of one
//! (from the environment or given pairs, with or without a record of each
//! variable) that everything above the loader calls.

use crate::docs::Docs;
use crate::effective::{EffectiveConfig, Loaded};
use crate::error::{Error, Problem, ProblemKind};
use crate::load::Loader;
use crate::outcome::Outcomes;
use crate::source::{ProcessEnv, Source, VarPair, Variables};
use crate::warning::Warning;

/// A configuration loaded from environment variables.
///
/// Derive it with `#[derive(Config)]`; the methods below are all a program
/// needs. The hidden items are implemented by the derive.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a configuration struct",
    label = "`{Self}` does not derive `envconfig::Config`",
    note = "the type of a `#[config(nested)]` field must derive `Config` too; to read it from one variable instead, remove `nested`"
)]
pub trait Config: Sized {
    /// Loads the configuration from the process environment.
    ///
    /// No dotenv file is read: [`load_or_exit`](crate::load_or_exit) reads `./.env` first.
    ///
    /// # Errors
    ///
    /// Every problem of every variable (missing, empty, invalid, an
    /// unreadable `NAME_FILE`, a broken rule), in one [`Error`].
    fn from_env() -> Result<Self, Error> {
        load_into(&ProcessEnv, None)
    }

    /// Loads the configuration from the given `(name, value)` pairs only,
    /// never from the process environment: the way tests build configs.
    ///
    /// The pairs are anything iterable whose items are [`VarPair`]s: pairs
    /// of `&str` or `String`, owned or borrowed. A name given twice takes
    /// its last value, as with [`Command::env`](std::process::Command::env).
    /// A `NAME_FILE` pair still reads the file it names.
    ///
    /// ```
    /// use envconfig::Config;
    ///
    /// #[derive(Config)]
    /// struct Settings {
    ///     port: u16,
    /// }
    ///
    /// assert_eq!(Settings::from_vars([("PORT", "80")])?.port, 80);
    /// let vars = vec![("PORT".to_owned(), "8080".to_owned())];
    /// assert_eq!(Settings::from_vars(&vars)?.port, 8080);
    /// assert_eq!(Settings::from_vars([("PORT", "80"), ("PORT", "81")])?.port, 81);
    /// # Ok::<(), envconfig::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`from_env`](Self::from_env).
    fn from_vars<I>(vars: I) -> Result<Self, Error>
    where
        I: IntoIterator,
        I::Item: VarPair,
    {
        load_into(&Source::from_pairs(vars), None)
    }

    /// Loads the configuration from the process environment, with what an
    /// operator should know about it: its warnings (an alias in use, a
    /// deprecated variable) and every variable's effective value and where
    /// it came from, for a start-up log line. See [`Loaded`].
    ///
    /// # Errors
    ///
    /// As [`from_env`](Self::from_env).
    fn load_from_env() -> Result<Loaded<Self>, Error> {
        load_recording(&ProcessEnv)
    }

    /// [`load_from_env`](Self::load_from_env) from the given pairs only, as
    /// [`from_vars`](Self::from_vars) reads them.
    ///
    /// # Errors
    ///
    /// As [`from_env`](Self::from_env).
    fn load_from_vars<I>(vars: I) -> Result<Loaded<Self>, Error>
    where
        I: IntoIterator,
        I::Item: VarPair,
    {
        load_recording(&Source::from_pairs(vars))
    }

    /// The reference of every variable this configuration reads.
    fn docs() -> Docs {
        let mut docs = Docs::new(Self::__PREFIX);
        Self::__describe(&mut docs, Self::__PREFIX);
        docs.share_secrecy();
        docs
    }

    #[doc(hidden)]
    const __PREFIX: &'static str;

    #[doc(hidden)]
    fn __load(loader: &mut Loader<'_>, prefix: &str) -> Option<Self>;

    #[doc(hidden)]
    fn __describe(docs: &mut Docs, prefix: &str);
}

/// `T`'s `__load`, whose value is dropped at once (and with it any secret
/// it holds): what a pass that names the variables, or checks them, runs.
/// The passes take it as a function pointer, so that their code is
/// compiled once rather than once per struct.
fn run<T: Config>(loader: &mut Loader<'_>) -> bool {
    T::__load(loader, T::__PREFIX).is_some()
}

/// Loads `T` from `source`: the configuration or every problem, and the
/// warnings either way.
pub(crate) fn load<T: Config>(source: &dyn Variables) -> (Result<T, Error>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let result = load_into(source, Some(&mut warnings));
    (result, warnings)
}

/// [`load()`], the warnings put in `warnings`, or dropped by the library
/// (not in the caller's code, which would compile their drop again).
pub(crate) fn load_into<T: Config>(
    source: &dyn Variables,
    warnings: Option<&mut Vec<Warning>>,
) -> Result<T, Error> {
    let mut config = None;
    let problems = Loader::new(source).problems(
        &mut |loader| {
            config = T::__load(loader, T::__PREFIX);
            config.is_some()
        },
        &mut |problems| hint_typos_erased(problems, source, run::<T>),
        warnings,
    );
    match config {
        Some(config) if problems.is_empty() => Ok(config),
        _ => Err(Error::new(problems)),
    }
}

/// [`load()`], recording every variable's effective value and origin.
pub(crate) fn load_recording<T: Config>(source: &dyn Variables) -> Result<Loaded<T>, Error> {
    load_recording_warned(source).map_err(|(error, _)| error)
}

/// [`load_recording`], with the warnings also when `T` does not load.
pub(crate) fn load_recording_warned<T: Config>(
    source: &dyn Variables,
) -> Result<Loaded<T>, (Error, Vec<Warning>)> {
    let mut config = None;
    let (problems, warnings, effective) = load_recording_erased(
        source,
        &mut |loader| {
            config = T::__load(loader, T::__PREFIX);
            config.is_some()
        },
        run::<T>,
    );
    match (config, effective) {
        (Some(config), Some(effective)) => Ok(Loaded::new(config, warnings, effective)),
        _ => Err((Error::new(problems), warnings)),
    }
}

/// [`load_recording_warned`] of the struct that `load` loads (`run` runs it
/// too, see [`run`]): the problems, the warnings, and when there is no
/// problem, the effective values.
fn load_recording_erased(
    source: &dyn Variables,
    load: &mut dyn FnMut(&mut Loader<'_>) -> bool,
    run: fn(&mut Loader<'_>) -> bool,
) -> (Vec<Problem>, Vec<Warning>, Option<EffectiveConfig>) {
    let Outcomes {
        problems,
        vars,
        warnings,
        ..
    } = Loader::checking(source).run(
        load,
        Some(&mut |problems| hint_typos_erased(problems, source, run)),
    );
    let effective = problems
        .is_empty()
        .then(|| EffectiveConfig::from_checked(&vars));
    (problems, warnings, effective)
}

/// Says, of each required variable that is missing, which set variable
/// looks like a typo of it.
pub(crate) fn hint_typos<T: Config>(problems: &mut [Problem], source: &dyn Variables) {
    hint_typos_erased(problems, source, run::<T>);
}

/// [`hint_typos`] of the struct that `run` loads.
fn hint_typos_erased(
    problems: &mut [Problem],
    source: &dyn Variables,
    run: fn(&mut Loader<'_>) -> bool,
) {
    if !problems
        .iter()
        .any(|problem| matches!(problem.kind(), ProblemKind::Missing))
    {
        return;
    }
    let names = names_erased(source, run);
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    let set = source.set_names();
    for problem in problems {
        if matches!(problem.kind(), ProblemKind::Missing) {
            problem.set_typo(crate::report::typo_of(problem.var(), &known, &set));
        }
    }
}

/// The name of every variable `T` reads, aliases included, as `source`
/// would be read: a loader that names reads nothing.
pub(crate) fn names<T: Config>(source: &dyn Variables) -> Vec<String> {
    names_erased(source, run::<T>)
}

/// [`names`] of the struct that `run` loads.
fn names_erased(source: &dyn Variables, run: fn(&mut Loader<'_>) -> bool) -> Vec<String> {
    Loader::naming(source).names(&mut |loader| {
        run(loader);
    })
}

/// Loads `T` from `source` the way a start would, recording how each
/// variable fares.
pub(crate) fn check<T: Config>(source: &dyn Variables) -> Outcomes {
    check_erased(source, run::<T>)
}

/// [`check`] of the struct that `run` loads.
fn check_erased(source: &dyn Variables, run: fn(&mut Loader<'_>) -> bool) -> Outcomes {
    // A variable two fields read is secret if either is: the field that
    // reads it first knows so from a naming pass.
    let secrets = Loader::naming(source).secrets(&mut |loader| {
        run(loader);
    });
    Loader::checking(source)
        .knowing_secrets(secrets)
        .run(&mut |loader| run(loader), None)
}
