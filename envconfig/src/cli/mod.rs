//! The entry point of a service: [`load_or_exit`], which loads the
//! configuration or answers the flags a container or a CI job runs the
//! binary with (the crate documentation lists them), and exits.

mod args;
mod check;
mod check_docs;
#[cfg(feature = "clap")]
mod clap;
mod diff;
mod exit;
mod formats;
mod help;
mod startup;

#[cfg(feature = "clap")]
pub use self::clap::Args;

use self::args::Action;
use self::exit::{EX_CONFIG, EX_USAGE, Exit, Run};
pub use self::formats::{ConfigFormat, ReportFormat};
pub use self::startup::Startup;
use self::startup::{DotenvFiles, add_dotenv};
use crate::docs::Format;
use crate::effective::EffectiveConfig;
use crate::error::Error;
use crate::outcome::Outcomes;
use crate::warning::Warning;

use crate::config::{self, Config};
use crate::docs::Docs;
use crate::source::{EnvScope, Source, Variables};

/// Loads the configuration `T`, or answers envconfig's flags
/// (`--print-env-docs`, `--print-config`, `--check-env`, `--check-docs`,
/// `--help`) and exits: the first line of a service's `main`. The
/// [command line](crate#the-command-line) section of the crate docs has
/// every flag in a table.
///
/// - With `--print-env-docs[=FORMAT]`, prints `T`'s reference in that
///   [`Format`] (`text`, `markdown`, `dotenv`, `docker-env`,
///   `json`, `k8s`, `k8s-files`; `text` by default, wrapped to `COLUMNS`)
///   and exits with 0. No variable needs to be set.
/// - With `--print-config[=text|json]`, prints every variable's effective
///   value and where it came from ([`ConfigFormat`]), secrets redacted;
///   exits with 0 when `T` loads, and 78 (with its problems) otherwise.
/// - With `--check-env`, checks the process environment, plus the dotenv
///   file a start would read; with
///   `--env-file PATH` as well, checks that dotenv file alone; with
///   `--manifest PATH [--container NAME]` (feature `k8s`), a container of
///   that Kubernetes manifest (`-` reads it from stdin). Prints one
///   line per variable (its status: `ok`, `default`, `missing`, `invalid`,
///   and for a file or a manifest also `external` or `unchecked`; where its
///   value came from; the value itself unless it is secret), a warning for
///   each set variable that carries `T`'s prefix but belongs to no field
///   (with a "did you mean" when one is close), and a verdict; exits with 0
///   when `T` would load, and 78 (`EX_CONFIG`) otherwise. `--strict` also
///   fails (78) on any warning or `unchecked` variable, and `--report
///   json|github` prints the same report in another form ([`ReportFormat`]).
/// - With `--check-docs[=FORMAT] PATH`, compares the reference committed at
///   `PATH` with what `--print-env-docs` prints now: exits with 0 when they
///   are equal, and 1, with a unified diff, when they are not.
/// - With `-h` or `--help`, prints the usage of these flags and exits with
///   0, unless the application claims them
///   ([`Startup::without_help`]).
/// - Otherwise, reads the `.env` file of the working directory if there is
///   one and this is a debug build (its values never override the real
///   environment; see [`Startup`]), loads `T` and returns it. If it does
///   not load, prints every problem to stderr and exits with 78.
///
/// An unknown `FORMAT` or a bad use of the flags (`--env-file`,
/// `--manifest` or `--check-docs` without a path, an `--env-file` that is
/// not a file, a check flag such as `--strict` before `--check-env`, both
/// `--print-env-docs` and `--check-env`, a flag given twice, a
/// manifest with no pod template or several containers and no
/// `--container`, a near miss of one of the flags such as
/// `--print-env-doc`, which gets a "did you mean") prints what is wrong to
/// stderr and exits with 64 (`EX_USAGE`). A malformed line of the dotenv
/// file that sets a variable of `T` is that variable's problem (78),
/// naming the file and the line, never quoting it: it may hold a secret;
/// any other malformed line is a warning. Output that cannot be written (a
/// full disk, a closed stdout) exits with 74 (`EX_IOERR`); a reader that
/// stops early (`| head`) is no error. Every other argument is left to the
/// application (an `--env-file` without `--check-env` too), and nothing
/// after `--` is looked at. `FORMAT` is attached
/// with `=`, or is the next argument unless that starts with `-`; it is
/// matched ignoring case, and `md` and `env` are short forms.
///
/// ```no_run
/// use envconfig::Config;
///
/// /// Settings of the billing service.
/// #[derive(Config)]
/// #[config(prefix = "BILLING_")]
/// struct Settings {
///     /// Port the HTTP server listens on.
///     #[config(default = 8080)]
///     port: u16,
/// }
///
/// fn main() {
///     let settings: Settings = envconfig::load_or_exit();
///     println!("listening on port {}", settings.port);
/// }
/// ```
pub fn load_or_exit<T: Config>() -> T {
    Startup::new().load_or_exit()
}

/// Does what `action` asks, with the variables of `process_env` (called only
/// when they are needed, with how much of the environment is) and the
/// dotenv files of `dotenv`.
///
/// Everything but reading the environment and files is left to the caller:
/// this is [`load_or_exit`] without its printing and exiting.
pub(crate) fn run<T: Config>(
    action: Action,
    process_env: impl FnOnce(EnvScope) -> Source,
    dotenv: DotenvFiles<'_>,
) -> Run<T> {
    match action {
        Action::PrintDocs(Format::Text) => {
            Run::Exit(Exit::success(T::docs().render_text(text_width())))
        }
        Action::PrintDocs(format) => Run::Exit(Exit::success(T::docs().render(format))),
        Action::Help { program } => Run::Exit(Exit::success(help::help(&program))),
        Action::Load => {
            // The normal start of a service: one read of the environment,
            // no docs, no report.
            let mut source = process_env(EnvScope::Fields);
            let mut stderr = match add_dotenv::<T>(&mut source, dotenv) {
                Ok(added) => added.notes,
                Err(error) => {
                    return Run::Exit(Exit::failure(EX_CONFIG, format!("error: {error}")));
                }
            };
            let (loaded, warnings) = config::load::<T>(&source);
            stderr.push_str(&warning_lines(&warnings));
            match loaded {
                Ok(config) => Run::Loaded(config, stderr),
                Err(error) => {
                    stderr.push_str(&format!("{error}"));
                    Run::Exit(Exit::failure(EX_CONFIG, stderr))
                }
            }
        }
        Action::PrintConfig(format) => {
            let mut source = process_env(EnvScope::Fields);
            let notes = match add_dotenv::<T>(&mut source, dotenv) {
                Ok(added) => added.notes,
                Err(error) => {
                    return Run::Exit(Exit::failure(EX_CONFIG, format!("error: {error}")));
                }
            };
            let mut exit = print_config::<T>(&source, format);
            exit.stderr.insert_str(0, &notes);
            Run::Exit(exit)
        }
        Action::Check(options) => Run::Exit(check::check_env::<T>(options, process_env, dotenv)),
        Action::CheckDocs(options) => Run::Exit(check_docs::check_docs::<T>(&options)),
    }
}

/// `warning: ...` lines.
fn warning_lines(warnings: &[Warning]) -> String {
    warnings
        .iter()
        .map(|warning| format!("warning: {warning}\n"))
        .collect()
}

/// `--print-config`: every variable's effective value and where it came
/// from on stdout; warnings, and the problems when it would not load, on
/// stderr. Exits 0 when the configuration loads, 78 otherwise.
fn print_config<T: Config>(source: &dyn Variables, format: ConfigFormat) -> Exit {
    let Outcomes {
        loaded,
        mut problems,
        vars,
        warnings,
    } = config::check::<T>(source);
    let effective = EffectiveConfig::from_checked(&vars);
    let stdout = match format {
        ConfigFormat::Text => format!("{effective:#}"),
        ConfigFormat::Json => effective.to_json(),
    };
    let mut stderr = warning_lines(&warnings);
    let code = if loaded && problems.is_empty() {
        0
    } else {
        config::hint_typos::<T>(&mut problems, source);
        stderr.push_str(&format!("{}\n", Error::new(problems)));
        EX_CONFIG
    };
    Exit {
        code,
        stdout,
        stderr,
    }
}

/// The width the `text` table is wrapped to: `COLUMNS` when it is set to a
/// number, else [`Docs::TEXT_WIDTH`](Docs::TEXT_WIDTH), on a terminal as in
/// a file or a pipe.
///
/// The terminal's own width takes an `ioctl`: `unsafe` code here, a
/// dependency (rustix) that every service would build, or running `stty`,
/// which put a process spawner (about 40 KiB) into every service's binary
/// and had a service run whatever `stty` its `PATH` finds. For a table a
/// person prints once in a while, `COLUMNS` does.
fn text_width() -> usize {
    columns().unwrap_or(Docs::TEXT_WIDTH)
}

/// `COLUMNS`, when it is set to a number.
fn columns() -> Option<usize> {
    let columns = std::env::var("COLUMNS").ok()?;
    columns.trim().parse().ok().filter(|&columns| columns > 0)
}

/// The check report in every form, strict, as one text: what a test
/// looks through for a secret.
#[cfg(test)]
fn check_every_form<T: Config>(source: &dyn crate::report::Subject, checked: &str) -> Exit {
    use self::check::check;
    let forms = [ReportFormat::Text, ReportFormat::Json, ReportFormat::Github];
    let mut all = check::<T>(source, checked.to_owned(), true, ReportFormat::Text);
    for form in &forms[1..] {
        let exit = check::<T>(source, checked.to_owned(), true, *form);
        all.stdout += &exit.stdout;
        all.stderr += &exit.stderr;
    }
    all
}

#[cfg(test)]
mod tests;

#[cfg(all(test, feature = "k8s"))]
mod manifest_props;

#[cfg(test)]
mod dotenv_props;
