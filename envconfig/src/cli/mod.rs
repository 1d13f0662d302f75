//! The entry point of a service: [`load_or_exit`], which loads the
//! configuration or answers the flags a container or a CI job runs the
//! binary with (the crate documentation lists them), and exits.

use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

mod args;
mod check;
#[cfg(feature = "clap")]
mod clap;
mod exit;

#[cfg(feature = "clap")]
pub use self::clap::Args;

use self::args::{Action, parse_args};
pub use self::args::{ConfigFormat, ReportFormat};
use self::exit::{EX_CONFIG, EX_USAGE, Exit, Run};
use crate::docs::Format;
use crate::effective::EffectiveConfig;
use crate::error::{Error, StartupError};
use crate::outcome::Outcomes;
use crate::warning::Warning;

use crate::config::{self, Config};
use crate::docs::Docs;
use crate::effective::Loaded;
use crate::source::{EnvFileError, EnvScope, Source, Variables};

/// The dotenv file read from the working directory, if it exists.
const DOTENV: &str = ".env";

/// Loads the configuration `T`, or answers `--print-env-docs[=FORMAT]` and
/// `--check-env [--env-file PATH]` and exits: the first line of a service's
/// `main`.
///
/// - With `--print-env-docs[=FORMAT]`, prints `T`'s reference in that
///   [`Format`] (`text`, `markdown`, `dotenv`, `docker-env`,
///   `json`, `k8s`, `k8s-files`; `text` by default, wrapped to `COLUMNS`)
///   and exits with 0. No variable needs to be set.
/// - With `--check-env`, checks the process environment, plus the `.env`
///   file of the working directory if there is one; with
///   `--env-file PATH` as well, checks that dotenv file alone; with
///   `--manifest PATH [--container NAME]` (feature `k8s`), a container of
///   that Kubernetes manifest (`-` reads it from stdin). Prints one
///   line per variable (ok, default, missing or invalid; where its
///   value came from, the value itself unless it is secret), a warning for
///   each set variable that carries `T`'s prefix but belongs to no field
///   (with a "did you mean" when one is close), and a summary; exits with 0
///   when `T` would load, and 78 (`EX_CONFIG`) otherwise.
/// - Otherwise, reads the `.env` file of the working directory if there is
///   one (its values never override the real environment), loads `T` and
///   returns it. If it does not load, prints every problem to stderr and
///   exits with 78.
///
/// An unknown `FORMAT` or a bad use of the flags (`--env-file` without
/// `--check-env` or without a path, an `--env-file` that is not a file,
/// both `--print-env-docs` and `--check-env`, a flag given twice, a
/// manifest with no pod template or several containers and no
/// `--container`) prints what is wrong to stderr and exits with 64
/// (`EX_USAGE`). A malformed dotenv
/// file exits with 78, naming the file and the line, never quoting it: it
/// may hold a secret. Output that cannot be written (a full disk, a closed
/// stdout) exits with 74 (`EX_IOERR`); a reader that stops early (`| head`)
/// is no error. Every other argument is left to the
/// application, and nothing after `--` is looked at. `FORMAT` is attached
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

/// How a service starts: which dotenv file [`load_or_exit`] reads before
/// the environment. [`load_or_exit`] is `Startup::new().load_or_exit()`.
///
/// A `./.env` in the working directory is read by default, if it exists;
/// its values never override the real environment. A service that must not
/// depend on its working directory turns that off, or names its own file:
///
/// ```no_run
/// use envconfig::{Config, Startup};
///
/// #[derive(Config)]
/// #[config(prefix = "APP_")]
/// struct Settings {
///     #[config(default = 8080)]
///     port: u16,
/// }
///
/// let settings: Settings = Startup::new().without_dotenv().load_or_exit();
/// let settings: Settings = Startup::new().dotenv("/etc/app/app.env").load_or_exit();
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Startup {
    dotenv: Option<PathBuf>,
}

impl Default for Startup {
    fn default() -> Startup {
        Startup {
            dotenv: Some(PathBuf::from(DOTENV)),
        }
    }
}

impl Startup {
    /// The default start-up: `./.env` is read if it exists.
    #[must_use]
    pub fn new() -> Startup {
        Startup::default()
    }

    /// Reads the dotenv file at `path` (if it exists) instead of `./.env`.
    #[must_use]
    pub fn dotenv(self, path: impl Into<PathBuf>) -> Startup {
        Startup {
            dotenv: Some(path.into()),
        }
    }

    /// Reads no dotenv file: only the process environment.
    #[must_use]
    pub fn without_dotenv(self) -> Startup {
        Startup { dotenv: None }
    }

    /// Loads `T` as [`load_or_exit`](Self::load_or_exit) does when a
    /// service starts (this start-up's dotenv file, under the process
    /// environment), but looks at no argument, prints nothing and never
    /// exits: for a service that reports its start through its own logging.
    /// The warnings come with the configuration
    /// ([`Loaded::warnings`](crate::Loaded::warnings)).
    ///
    /// # Errors
    ///
    /// [`StartupError::Dotenv`] when the dotenv file exists but cannot be
    /// read; [`StartupError::Config`], with every problem, when `T` does not
    /// load.
    pub fn load<T: Config>(&self) -> Result<Loaded<T>, StartupError> {
        let mut source = Source::from_process_env(EnvScope::Fields);
        read_dotenv(&mut source, self.dotenv.as_deref())?;
        config::load_recording_warned(&source)
            .map_err(|(error, warnings)| StartupError::Config { error, warnings })
    }

    /// [`load_or_exit`] with this start-up.
    pub fn load_or_exit<T: Config>(&self) -> T {
        let run = match parse_args(std::env::args_os()) {
            Ok(action) => run::<T>(action, Source::from_process_env, self.dotenv.as_deref()),
            Err(usage) => Run::Exit(usage.into()),
        };
        run.finish()
    }
}

/// Does what `action` asks, with the variables of `process_env` (called only
/// when they are needed, with how much of the environment is) and the
/// dotenv file `dotenv` (read if there is one and it exists).
///
/// Everything but reading the environment and files is left to the caller:
/// this is [`load_or_exit`] without its printing and exiting.
pub(crate) fn run<T: Config>(
    action: Action,
    process_env: impl FnOnce(EnvScope) -> Source,
    dotenv: Option<&Path>,
) -> Run<T> {
    match action {
        Action::PrintDocs(Format::Text) => {
            Run::Exit(Exit::success(T::docs().render_text(text_width())))
        }
        Action::PrintDocs(format) => Run::Exit(Exit::success(T::docs().render(format))),
        Action::Load => {
            // The normal start of a service: one read of the environment,
            // no docs, no report.
            let mut source = process_env(EnvScope::Fields);
            if let Err(exit) = add_dotenv(&mut source, dotenv) {
                return Run::Exit(exit);
            }
            match config::load::<T>(&source) {
                (Ok(config), warnings) => Run::Loaded(config, warnings),
                (Err(error), warnings) => {
                    let mut stderr = warning_lines(&warnings);
                    stderr.push_str(&error.to_string());
                    Run::Exit(Exit::failure(EX_CONFIG, stderr))
                }
            }
        }
        Action::PrintConfig(format) => {
            let mut source = process_env(EnvScope::Fields);
            if let Err(exit) = add_dotenv(&mut source, dotenv) {
                return Run::Exit(exit);
            }
            Run::Exit(print_config::<T>(&source, format))
        }
        Action::Check(options) => Run::Exit(check::check_env::<T>(options, process_env, dotenv)),
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
        let _ = writeln!(stderr, "{}", Error::new(problems));
        EX_CONFIG
    };
    Exit {
        code,
        stdout,
        stderr,
    }
}

/// The width the `text` table is wrapped to: `COLUMNS` when it is set to a
/// number; else, on a terminal, the terminal's width, or 80 when it cannot
/// be had; else [`Docs::TEXT_WIDTH`](Docs::TEXT_WIDTH).
fn text_width() -> usize {
    let columns = std::env::var("COLUMNS").ok();
    match columns.as_deref().map(str::trim).map(str::parse::<usize>) {
        Some(Ok(columns)) if columns > 0 => columns,
        _ if std::io::stdout().is_terminal() => terminal_width().unwrap_or(80),
        _ => Docs::TEXT_WIDTH,
    }
}

/// The width of the controlling terminal, as `stty size` reads it.
///
/// Asking the terminal itself takes an `ioctl`, which is `unsafe` code here
/// or a dependency (rustix) that would cost every service seconds of its
/// build, for a table a person prints once in a while; POSIX's `stty` asks
/// it for us, on the rare run that needs it.
fn terminal_width() -> Option<usize> {
    let tty = std::fs::File::open("/dev/tty").ok()?;
    let output = std::process::Command::new("stty")
        .arg("size")
        .stdin(tty)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let size = String::from_utf8(output.stdout).ok()?;
    let columns: usize = size.split_whitespace().nth(1)?.parse().ok()?;
    (columns > 0).then_some(columns)
}

/// Adds the dotenv file at `path`, if there is one and it is a file; the
/// path when it was.
///
/// A directory is not an error: `.env` is also a common name for a Python
/// virtual environment.
fn add_dotenv<'a>(source: &mut Source, path: Option<&'a Path>) -> Result<Option<&'a Path>, Exit> {
    read_dotenv(source, path).map_err(|error| Exit::failure(EX_CONFIG, format!("error: {error}")))
}

/// Adds the dotenv file at `path` to `source`, if there is one: the file
/// added, if any.
fn read_dotenv<'a>(
    source: &mut Source,
    path: Option<&'a Path>,
) -> Result<Option<&'a Path>, StartupError> {
    let Some(path) = path.filter(|path| path.is_file()) else {
        return Ok(None);
    };
    source
        .add_env_file(path)
        .map_err(|EnvFileError { path, reason }| StartupError::Dotenv { path, reason })?;
    Ok(Some(path))
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
