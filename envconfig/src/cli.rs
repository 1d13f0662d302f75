//! The entry point of a service: [`load_or_exit`], which loads the
//! configuration or answers the flags a container or a CI job runs the
//! binary with.
//!
//! | command line | does | exit status |
//! | --- | --- | --- |
//! | (none of the flags below) | loads `.env` if there is one, then the configuration; returns it | 78 if it does not load |
//! | `--print-env-docs[=FORMAT]` | prints the reference of every variable ([`Format`], `text` by default) | 0 |
//! | `--check-env` | prints how each variable of the environment (and `.env`) fares | 0 if it would load, else 78 |
//! | `--check-env --env-file PATH` | the same, for the dotenv file `PATH` alone | 0 if it would load, else 78 |
//! | a bad use of the flags above | prints what is wrong | 64 |
//!
//! The exit statuses are those of BSD's `sysexits.h`: 64 is `EX_USAGE`, 78
//! is `EX_CONFIG`. Every other argument is left to the application, and
//! nothing after `--` is looked at.
//!
//! With the `clap` feature, [`Args`] puts the same flags into an
//! application's own clap parser.

use std::ffi::OsString;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::check::Report;
use crate::docs::{Format, FormatNames};
use crate::source::{EnvScope, Source};
use crate::{Config, load};

/// `EX_USAGE`: a bad use of the flags.
const EX_USAGE: i32 = 64;
/// `EX_IOERR`: the output could not be written.
const EX_IOERR: i32 = 74;
/// `EX_CONFIG`: the configuration does not load.
const EX_CONFIG: i32 = 78;

/// The dotenv file read from the working directory, if it exists.
const DOTENV: &str = ".env";

/// Loads the configuration `T`, or answers `--print-env-docs[=FORMAT]` and
/// `--check-env [--env-file PATH]` and exits: the first line of a service's
/// `main`.
///
/// - With `--print-env-docs[=FORMAT]`, prints `T`'s reference in that
///   [`Format`] (`text`, `markdown`, `dotenv`, `json`, `k8s`; `text` by
///   default) and exits with 0. No variable needs to be set.
/// - With `--check-env`, checks the process environment, plus the `.env`
///   file of the working directory if there is one; with
///   `--env-file PATH` as well, checks that dotenv file alone. Prints one
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
/// both `--print-env-docs` and `--check-env`, a flag given twice) prints what
/// is wrong to stderr and exits with 64 (`EX_USAGE`). A malformed dotenv
/// file exits with 78, naming the file and the line, never quoting it: it
/// may hold a secret. Output that cannot be written (a full disk, a closed
/// pipe) exits with 74 (`EX_IOERR`). Every other argument is left to the
/// application, and nothing after `--` is looked at. `FORMAT` is attached
/// with `=`, or follows as the next argument when that is a format's name.
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
    let run = match parse_args(std::env::args_os()) {
        Ok(action) => run::<T>(action, Source::from_process_env, Path::new(DOTENV)),
        Err(usage) => Run::Exit(usage.into()),
    };
    run.finish()
}

/// What the command line asks of envconfig.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Load the configuration and hand it to the application.
    Load,
    /// `--print-env-docs[=FORMAT]`.
    PrintDocs(Format),
    /// `--check-env [--env-file PATH]`.
    Check { env_file: Option<PathBuf> },
}

/// A bad use of the flags: exit status 64.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Usage(String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error: {}\n\
             usage: --print-env-docs[=FORMAT] | --check-env [--env-file PATH]",
            self.0
        )
    }
}

impl From<Usage> for Exit {
    fn from(usage: Usage) -> Exit {
        Exit::failure(EX_USAGE, usage.to_string())
    }
}

/// Finds envconfig's flags among `args` (the first of which is the
/// program), ignoring every other argument and everything after `--`.
pub(crate) fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Action, Usage> {
    let mut print_docs: Option<Format> = None;
    let mut check_env = false;
    let mut env_file: Option<PathBuf> = None;
    let twice = |flag: &str| Usage(format!("{flag} is given more than once"));

    let mut args = args.into_iter().skip(1).peekable();
    while let Some(arg) = args.next() {
        let lossy;
        let text = match arg.to_str() {
            Some(text) => text,
            None => {
                // Not UTF-8: not one of ours, unless it is one of ours with a
                // value; saying so beats ignoring the flag. A format name is
                // never valid, and reported as such.
                if arg.as_encoded_bytes().starts_with(b"--env-file=") {
                    return Err(Usage(
                        "the path in --env-file=PATH is not valid UTF-8; write --env-file PATH"
                            .into(),
                    ));
                }
                lossy = arg.to_string_lossy();
                &lossy
            }
        };
        let (flag, value) = match text.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (text, None),
        };
        match (flag, value) {
            ("--", None) => break,
            ("--print-env-docs", value) => {
                if print_docs.is_some() {
                    return Err(twice("--print-env-docs"));
                }
                let format = match value {
                    Some("") => {
                        return Err(Usage(format!(
                            "--print-env-docs= needs a FORMAT after '=': {FormatNames}"
                        )));
                    }
                    Some(name) => name
                        .parse()
                        .map_err(|unknown| Usage(format!("--print-env-docs: {unknown}")))?,
                    // `--print-env-docs markdown` means what it says: the
                    // program exits after the docs, so no argument of the
                    // application's is lost by taking a format's name.
                    None => match args.peek().and_then(|next| next.to_str()?.parse().ok()) {
                        Some(format) => {
                            args.next();
                            format
                        }
                        None => Format::default(),
                    },
                };
                print_docs = Some(format);
            }
            ("--check-env", None) => {
                if check_env {
                    return Err(twice("--check-env"));
                }
                check_env = true;
            }
            ("--check-env", Some(_)) => {
                return Err(Usage("--check-env takes no value".into()));
            }
            ("--env-file", value) => {
                if env_file.is_some() {
                    return Err(twice("--env-file"));
                }
                let path = match value {
                    Some(path) => OsString::from(path),
                    // A following flag is not a path: `--env-file --check-env`
                    // forgot the path. A path that starts with `-` can be
                    // written `./-name` or `--env-file=-name`.
                    None => args
                        .next()
                        .filter(|next| !next.as_encoded_bytes().starts_with(b"-"))
                        .ok_or_else(|| Usage("--env-file needs a PATH".into()))?,
                };
                if path.is_empty() {
                    return Err(Usage("--env-file needs a PATH".into()));
                }
                env_file = Some(PathBuf::from(path));
            }
            _ => {}
        }
    }

    Action::from_flags(print_docs, check_env, env_file)
}

impl Action {
    /// The action of a set of flags, or why they do not go together.
    fn from_flags(
        print_docs: Option<Format>,
        check_env: bool,
        env_file: Option<PathBuf>,
    ) -> Result<Action, Usage> {
        match (print_docs, check_env, env_file) {
            (Some(_), true, _) => Err(Usage(
                "--print-env-docs and --check-env cannot be used together".into(),
            )),
            (_, false, Some(_)) => Err(Usage("--env-file is only used with --check-env".into())),
            (Some(format), false, None) => Ok(Action::PrintDocs(format)),
            (None, true, env_file) => Ok(Action::Check { env_file }),
            (None, false, None) => Ok(Action::Load),
        }
    }
}

/// How a run ends: the application goes on, or the process exits.
pub(crate) enum Run<T> {
    /// The configuration loaded; the application goes on with it.
    Loaded(T),
    /// Print these and exit.
    Exit(Exit),
}

/// What a run that ends the process prints, and its exit status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Exit {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Exit {
    fn success(stdout: String) -> Exit {
        Exit {
            code: 0,
            stdout,
            stderr: String::new(),
        }
    }

    fn failure(code: i32, mut stderr: String) -> Exit {
        if !stderr.ends_with('\n') {
            stderr.push('\n');
        }
        Exit {
            code,
            stdout: String::new(),
            stderr,
        }
    }
}

impl<T> Run<T> {
    /// The side effects, kept out of [`run`]: prints and exits, or returns
    /// the configuration.
    fn finish(self) -> T {
        let exit = match self {
            Run::Loaded(config) => return config,
            Run::Exit(exit) => exit,
        };
        let mut code = exit.code;
        let mut stdout = std::io::stdout().lock();
        if let Err(error) = stdout
            .write_all(exit.stdout.as_bytes())
            .and_then(|()| stdout.flush())
        {
            // A reader that stopped reading (`| head`, `| grep -q`) wanted no
            // more; the status stays the run's own. Any other failure is one:
            // `--print-env-docs > full-disk/file` must not pass for a
            // report that reached its reader.
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("error: cannot write to stdout: {error}");
                if code == 0 {
                    code = EX_IOERR;
                }
            }
        }
        // Nothing sensible is left to do if stderr cannot be written.
        let _ = std::io::stderr().write_all(exit.stderr.as_bytes());
        std::process::exit(code)
    }
}

/// Does what `action` asks, with the variables of `process_env` (called only
/// when they are needed, with how much of the environment is) and the
/// dotenv file `dotenv` (read if it exists).
///
/// Everything but reading the environment and files is left to the caller:
/// this is [`load_or_exit`] without its printing and exiting.
pub(crate) fn run<T: Config>(
    action: Action,
    process_env: impl FnOnce(EnvScope) -> Source,
    dotenv: &Path,
) -> Run<T> {
    match action {
        Action::PrintDocs(format) => Run::Exit(Exit::success(T::docs().render(format))),
        Action::Load => {
            // The normal start of a service: one read of the environment,
            // no docs, no report.
            let mut source = process_env(EnvScope::Fields);
            if let Err(exit) = add_dotenv(&mut source, dotenv) {
                return Run::Exit(exit);
            }
            match load::<T>(&source) {
                Ok(config) => Run::Loaded(config),
                Err(error) => Run::Exit(Exit::failure(EX_CONFIG, error.to_string())),
            }
        }
        Action::Check { env_file: None } => {
            let mut source = process_env(EnvScope::Everything);
            let dotenv_used = match add_dotenv(&mut source, dotenv) {
                Ok(used) => used,
                Err(exit) => return Run::Exit(exit),
            };
            let checked = if dotenv_used {
                format!("the process environment and {}", dotenv.display())
            } else {
                "the process environment".to_owned()
            };
            Run::Exit(check::<T>(&source, checked))
        }
        Action::Check {
            env_file: Some(path),
        } => {
            // Any readable file will do, a pipe too:
            // `--env-file <(vault read ...)` keeps the file off the disk.
            if path.is_dir() {
                return Run::Exit(
                    Usage(format!("--env-file {}: is a directory", path.display())).into(),
                );
            }
            if !path.exists() {
                return Run::Exit(
                    Usage(format!("--env-file {}: no such file", path.display())).into(),
                );
            }
            let source = match Source::from_env_file(&path) {
                Ok(source) => source,
                Err(error) => {
                    return Run::Exit(Exit::failure(EX_CONFIG, format!("error: {error}")));
                }
            };
            Run::Exit(check::<T>(
                &source,
                format!("the env file {} (alone)", path.display()),
            ))
        }
    }
}

/// Adds the dotenv file at `path` if it is a file; whether it was.
///
/// A directory is not an error: `.env` is also a common name for a Python
/// virtual environment.
fn add_dotenv(source: &mut Source, path: &Path) -> Result<bool, Exit> {
    if !path.is_file() {
        return Ok(false);
    }
    source
        .add_env_file(path)
        .map(|()| true)
        .map_err(|error| Exit::failure(EX_CONFIG, format!("error: {error}")))
}

fn check<T: Config>(source: &Source, checked: String) -> Exit {
    let report = Report::new::<T>(source, checked);
    Exit {
        code: if report.loads { 0 } else { EX_CONFIG },
        stdout: report.render(),
        stderr: String::new(),
    }
}

#[cfg(feature = "clap")]
pub use self::clap_args::Args;

#[cfg(feature = "clap")]
mod clap_args {
    use std::path::{Path, PathBuf};

    use super::{Action, DOTENV, Run, Usage, run};
    use crate::Config;
    use crate::docs::Format;
    use crate::source::Source;

    /// envconfig's flags, to flatten into an application's own clap parser
    /// (feature `clap`): `--print-env-docs[=FORMAT]`, `--check-env` and
    /// `--env-file PATH`, which mean what they mean to [`load_or_exit`].
    ///
    /// A bad use of them is reported by the application's parser, with its
    /// exit status (2 for clap), rather than with 64.
    ///
    /// [`load_or_exit`]: crate::load_or_exit
    ///
    /// ```no_run
    /// use clap::Parser;
    /// use envconfig::Config;
    ///
    /// #[derive(Config)]
    /// #[config(prefix = "APP_")]
    /// struct Settings {
    ///     /// Port the HTTP server listens on.
    ///     #[config(default = 8080)]
    ///     port: u16,
    /// }
    ///
    /// /// The application's own command line.
    /// #[derive(Parser)]
    /// struct Cli {
    ///     /// Log every request.
    ///     #[arg(long)]
    ///     verbose: bool,
    ///     #[command(flatten)]
    ///     env: envconfig::cli::Args,
    /// }
    ///
    /// let cli = Cli::parse();
    /// let settings: Settings = cli.env.load_or_exit();
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
    #[non_exhaustive]
    pub struct Args {
        /// Print the environment variables this program reads, and exit
        #[arg(
            long,
            value_name = "FORMAT",
            num_args = 0..=1,
            require_equals = true,
            default_missing_value = "text",
            conflicts_with = "check_env"
        )]
        pub print_env_docs: Option<Format>,

        /// Check the environment variables (and .env) without starting, and
        /// exit: 0 if they are valid, 78 if not
        #[arg(long)]
        pub check_env: bool,

        /// With --check-env: check this dotenv file alone instead
        #[arg(long, value_name = "PATH", requires = "check_env")]
        pub env_file: Option<PathBuf>,
    }

    impl Args {
        /// Does what [`load_or_exit`](crate::load_or_exit) does, for the flags
        /// clap parsed: prints the docs or the check report and exits, or
        /// loads the configuration (after `.env`) and returns it, or prints
        /// every problem and exits with 78.
        pub fn load_or_exit<T: Config>(&self) -> T {
            let run = match self.action() {
                Ok(action) => run::<T>(action, Source::from_process_env, Path::new(DOTENV)),
                Err(usage) => Run::Exit(usage.into()),
            };
            run.finish()
        }

        /// The same rules as the command line's, for flags set in code.
        fn action(&self) -> Result<Action, Usage> {
            Action::from_flags(self.print_env_docs, self.check_env, self.env_file.clone())
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::time::Duration;

    use secrecy::{ExposeSecret, SecretString};

    /// The configuration of these tests, through the real derive.
    #[derive(crate::Config)]
    #[config(prefix = "BILLING_")]
    pub(crate) struct Billing {
        /// Port the HTTP server listens on.
        #[config(default = 8080)]
        pub port: u16,
        /// Postgres connection URL.
        #[config(example = "postgres://db/billing")]
        pub database_url: SecretString,
        /// How long a request may take.
        #[config(default = "30s")]
        pub request_timeout: Duration,
        /// Key that signs receipts.
        #[config(env = "SIGNING_KEY", secret, default = "canary-secret-default")]
        pub signing_key: String,
        /// Where errors are reported.
        pub sentry_dsn: Option<SecretString>,
        #[config(nested)]
        pub db: Db,
    }

    #[derive(crate::Config)]
    pub(crate) struct Db {
        /// Connections in the pool.
        #[config(default = 10)]
        pub max_connections: u32,
    }

    fn args(line: &[&str]) -> Vec<OsString> {
        std::iter::once("billing")
            .chain(line.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn flags_and_what_they_ask_for() {
        let check = |env_file: Option<&str>| {
            Ok(Action::Check {
                env_file: env_file.map(PathBuf::from),
            })
        };
        let cases: &[(&[&str], Result<Action, &str>)] = &[
            (&[], Ok(Action::Load)),
            (&["--port", "80", "serve", "-v"], Ok(Action::Load)),
            (&["--print-env-docs"], Ok(Action::PrintDocs(Format::Text))),
            (
                &["--print-env-docs=json"],
                Ok(Action::PrintDocs(Format::Json)),
            ),
            (
                &["--print-env-docs=k8s", "--other"],
                Ok(Action::PrintDocs(Format::K8s)),
            ),
            // A format's name may follow as a word of its own; any other
            // word belongs to the application.
            (
                &["--print-env-docs", "json"],
                Ok(Action::PrintDocs(Format::Json)),
            ),
            (
                &["--print-env-docs", "serve"],
                Ok(Action::PrintDocs(Format::Text)),
            ),
            (&["--check-env"], check(None)),
            (
                &["--check-env", "--env-file", "prod.env"],
                check(Some("prod.env")),
            ),
            (
                &["--env-file=prod.env", "--check-env"],
                check(Some("prod.env")),
            ),
            (
                &["--env-file", "./-odd.env", "--check-env"],
                check(Some("./-odd.env")),
            ),
            // Only the exact flags are ours.
            (
                &["--check-environment", "--print-env-doc", "-check-env"],
                Ok(Action::Load),
            ),
            (&["--", "--check-env"], Ok(Action::Load)),
            (
                &["--print-env-docs=yaml"],
                Err("--print-env-docs: unknown format \"yaml\""),
            ),
            (
                &["--print-env-docs="],
                Err("--print-env-docs= needs a FORMAT after '='"),
            ),
            (
                &["--env-file", "prod.env"],
                Err("--env-file is only used with --check-env"),
            ),
            (
                &["--check-env", "--env-file"],
                Err("--env-file needs a PATH"),
            ),
            (
                &["--env-file", "--check-env"],
                Err("--env-file needs a PATH"),
            ),
            (
                &["--check-env", "--env-file="],
                Err("--env-file needs a PATH"),
            ),
            (
                &["--check-env", "--print-env-docs"],
                Err("cannot be used together"),
            ),
            (
                &["--check-env", "--check-env"],
                Err("--check-env is given more than once"),
            ),
            (&["--check-env=yes"], Err("--check-env takes no value")),
            (
                &["--print-env-docs=json", "--print-env-docs"],
                Err("--print-env-docs is given more than once"),
            ),
        ];
        for (line, expected) in cases {
            let got = parse_args(args(line));
            match (expected, &got) {
                (Ok(expected), Ok(got)) => assert_eq!(got, expected, "{line:?}"),
                (Err(message), Err(usage)) => {
                    assert!(usage.0.contains(message), "{line:?}: {usage}");
                }
                _ => panic!("{line:?}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn an_unknown_format_names_the_valid_ones() {
        let usage = parse_args(args(&["--print-env-docs=xml"])).unwrap_err();
        assert_eq!(
            usage.to_string(),
            "error: --print-env-docs: unknown format \"xml\": \
             expected one of text, markdown, dotenv, json, k8s\n\
             usage: --print-env-docs[=FORMAT] | --check-env [--env-file PATH]"
        );
    }

    #[cfg(unix)]
    #[test]
    fn arguments_that_are_not_utf8() {
        use std::os::unix::ffi::OsStringExt;
        let odd = |prefix: &str| {
            let mut bytes = prefix.as_bytes().to_vec();
            bytes.push(0xff);
            OsString::from_vec(bytes)
        };
        let line = |arg: OsString| vec![OsString::from("billing"), arg];
        assert_eq!(parse_args(line(odd("--name="))), Ok(Action::Load));
        assert!(parse_args(line(odd("--env-file="))).is_err());
        assert!(parse_args(line(odd("--print-env-docs="))).is_err());
        let path = parse_args(vec![
            OsString::from("billing"),
            OsString::from("--check-env"),
            OsString::from("--env-file"),
            odd("prod"),
        ]);
        assert_eq!(
            path,
            Ok(Action::Check {
                env_file: Some(PathBuf::from(odd("prod")))
            })
        );
    }

    /// Runs `action` against `vars`, with `dotenv` as the `.env` file.
    fn run_with(action: Action, vars: &[(&str, &str)], dotenv: &Path) -> Run<Billing> {
        run::<Billing>(action, |_| Source::from_pairs(vars.iter().copied()), dotenv)
    }

    fn exit(run: Run<Billing>) -> Exit {
        match run {
            Run::Exit(exit) => exit,
            Run::Loaded(_) => panic!("expected an exit, got a loaded configuration"),
        }
    }

    const VALID: &[(&str, &str)] = &[("BILLING_DATABASE_URL", "postgres://canary-db-secret")];
    const NO_DOTENV: &str = "/nonexistent/.env";

    #[test]
    fn loads_and_hands_the_configuration_over() {
        let Run::Loaded(settings) = run_with(Action::Load, VALID, Path::new(NO_DOTENV)) else {
            panic!("expected the configuration to load");
        };
        assert_eq!(settings.port, 8080);
        assert_eq!(
            settings.database_url.expose_secret(),
            "postgres://canary-db-secret"
        );
        assert_eq!(settings.request_timeout, Duration::from_secs(30));
        assert_eq!(settings.signing_key, "canary-secret-default");
        assert!(settings.sentry_dsn.is_none());
        assert_eq!(settings.db.max_connections, 10);
    }

    #[test]
    fn a_configuration_that_does_not_load_exits_with_78_and_every_problem() {
        let vars = [
            ("BILLING_PORT", "http"),
            ("BILLING_DB_MAX_CONNECTIONS", "-1"),
        ];
        let exit = exit(run_with(Action::Load, &vars, Path::new(NO_DOTENV)));
        assert_eq!(exit.code, 78);
        assert_eq!(exit.stdout, "");
        let Err(error) = Billing::from_vars(vars) else {
            panic!("expected an error");
        };
        assert_eq!(error.problems().len(), 3);
        assert_eq!(exit.stderr, format!("{error}\n"));
    }

    #[test]
    fn docs_print_without_any_variable() {
        for &format in Format::ALL {
            let exit = exit(run_with(
                Action::PrintDocs(format),
                &[],
                Path::new(NO_DOTENV),
            ));
            assert_eq!(exit.code, 0);
            assert_eq!(exit.stdout, Billing::docs().render(format));
            assert_eq!(exit.stderr, "");
        }
    }

    #[test]
    fn the_dotenv_file_fills_in_but_never_overrides() {
        let dir = TempDir::new();
        let dotenv = dir.file(
            ".env",
            "BILLING_DATABASE_URL=postgres://from-dotenv\nBILLING_PORT=9000\nBILLING_REQUEST_TIMEOUT=60s\n",
        );
        let vars = [("BILLING_PORT", "7000")];
        let Run::Loaded(settings) = run_with(Action::Load, &vars, &dotenv) else {
            panic!("expected the configuration to load");
        };
        assert_eq!(settings.port, 7000);
        assert_eq!(
            settings.database_url.expose_secret(),
            "postgres://from-dotenv"
        );
        assert_eq!(settings.request_timeout, Duration::from_secs(60));
    }

    #[test]
    fn a_directory_named_dotenv_is_not_a_dotenv_file() {
        let dir = TempDir::new();
        let venv = dir.path().join(".env");
        std::fs::create_dir(&venv).unwrap();
        assert!(matches!(
            run_with(Action::Load, VALID, &venv),
            Run::Loaded(_)
        ));
    }

    #[test]
    fn a_malformed_dotenv_file_names_its_line_never_its_text() {
        let dir = TempDir::new();
        let dotenv = dir.file(
            ".env",
            "# comment\nBILLING_PORT=1\nthis is canary-line-secret\n",
        );
        for action in [Action::Load, Action::Check { env_file: None }] {
            let exit = exit(run_with(action, VALID, &dotenv));
            assert_eq!(exit.code, 78);
            assert_eq!(
                exit.stderr,
                format!(
                    "error: {}:3: malformed line (expected NAME=value)\n",
                    dotenv.display()
                )
            );
            assert!(!exit.stderr.contains("canary"));
        }
    }

    #[test]
    fn check_reports_every_variable() {
        let dir = TempDir::new();
        let dotenv = dir.file(".env", "BILLING_REQUEST_TIMEOUT=60s\n");
        let secret_file = dir.file("dsn", "https://canary-file-secret@sentry\n");
        let secret_file = secret_file.to_str().unwrap();
        let vars = [
            ("BILLING_PORT", "8081"),
            ("BILLING_DATABASE_URL", "postgres://canary-db-secret"),
            ("BILLING_SENTRY_DSN_FILE", secret_file),
            ("BILLING_PROT", "1"),
            ("PATH", "/bin"),
        ];
        let exit = exit(run_with(Action::Check { env_file: None }, &vars, &dotenv));
        assert_eq!(exit.code, 0, "{}", exit.stdout);
        assert_eq!(exit.stderr, "");
        let env_file = dotenv.display().to_string();
        assert_eq!(
            collapsed(&exit.stdout),
            [
                format!("Checking the process environment and {env_file}:"),
                "ok BILLING_PORT environment \"8081\"".into(),
                "ok BILLING_DATABASE_URL environment <redacted>".into(),
                format!("ok BILLING_REQUEST_TIMEOUT {env_file} \"60s\""),
                "default SIGNING_KEY default <redacted>".into(),
                "ok BILLING_SENTRY_DSN BILLING_SENTRY_DSN_FILE <redacted>".into(),
                "default BILLING_DB_MAX_CONNECTIONS default 10".into(),
                "warning: BILLING_PROT is set but is not a variable of this configuration; \
                 did you mean BILLING_PORT?"
                    .into(),
                "OK: all 6 variables would load, 1 warning".to_owned(),
            ]
        );
        // The columns line up.
        let rows: Vec<&str> = exit.stdout.lines().skip(1).take(6).collect();
        // Where a cell starts: after at least two spaces.
        let starts = |row: &str| -> Vec<usize> {
            let chars: Vec<char> = row.chars().collect();
            (2..chars.len())
                .filter(|&i| chars[i] != ' ' && chars[i - 1] == ' ' && chars[i - 2] == ' ')
                .collect()
        };
        for row in &rows {
            assert_eq!(starts(row), starts(rows[0]), "misaligned:\n{}", exit.stdout);
        }
        assert!(!exit.stdout.contains("canary"), "{}", exit.stdout);
    }

    #[test]
    fn check_fails_with_78_and_says_why() {
        let vars = [
            ("BILLING_PORT", "99999"),
            ("BILLING_DATABASE_URL", ""),
            ("BILLING_SENTRY_DSN", "canary-dsn-secret"),
            ("BILLING_SENTRY_DSN_FILE", "/run/secrets/dsn"),
            ("SIGNING_KEY", ""),
        ];
        let exit = exit(run_with(
            Action::Check { env_file: None },
            &vars,
            Path::new(NO_DOTENV),
        ));
        assert_eq!(exit.code, 78);
        // The reason is the value parser's business; the report quotes it.
        let Err(error) = Billing::from_vars([("BILLING_PORT", "99999")]) else {
            panic!("expected an error");
        };
        let port = &error.problems()[0];
        let port_problem = format!("{}; expected {}", port.kind(), port.expected());
        assert_eq!(
            collapsed(&exit.stdout),
            [
                "Checking the process environment:".to_owned(),
                format!("invalid BILLING_PORT environment {port_problem}"),
                "missing BILLING_DATABASE_URL environment set but empty; expected string".into(),
                "default BILLING_REQUEST_TIMEOUT default 30s".into(),
                "default SIGNING_KEY default <redacted>".into(),
                "invalid BILLING_SENTRY_DSN - both it and BILLING_SENTRY_DSN_FILE are set; \
                 set only one; expected string"
                    .into(),
                "default BILLING_DB_MAX_CONNECTIONS default 10".into(),
                "FAILED: 3 of 6 variables have problems; the configuration would not load".into(),
            ]
        );
    }

    #[test]
    fn check_an_env_file_alone() {
        let dir = TempDir::new();
        let file = dir.file(
            "prod.env",
            "BILLING_DATABASE_URL='postgres://canary-db-secret'\n",
        );
        let action = Action::Check {
            env_file: Some(file.clone()),
        };
        // The process environment is not even read.
        let exit = exit(run::<Billing>(
            action,
            |_| panic!("the process environment is read"),
            Path::new(NO_DOTENV),
        ));
        assert_eq!(exit.code, 0, "{}", exit.stdout);
        assert!(exit.stdout.starts_with(&format!(
            "Checking the env file {} (alone):\n",
            file.display()
        )));
        let line = exit
            .stdout
            .lines()
            .find(|line| line.contains("BILLING_DATABASE_URL"));
        assert_eq!(
            line.map(|line| line.split_whitespace().collect::<Vec<_>>()),
            Some(vec![
                "ok",
                "BILLING_DATABASE_URL",
                &file.display().to_string(),
                "<redacted>"
            ])
        );
        assert!(!exit.stdout.contains("canary"));

        let missing = Action::Check {
            env_file: Some(dir.path().join("nope.env")),
        };
        let exit = super::tests::exit(run_with(missing, VALID, Path::new(NO_DOTENV)));
        assert_eq!(exit.code, 64);
        assert!(
            exit.stderr.contains("nope.env: no such file"),
            "{}",
            exit.stderr
        );

        let bad = dir.file(
            "bad.env",
            "BILLING_PORT=1\nBILLING_DATABASE_URL=\"canary-db-secret\n",
        );
        let exit = super::tests::exit(run_with(
            Action::Check {
                env_file: Some(bad.clone()),
            },
            VALID,
            Path::new(NO_DOTENV),
        ));
        assert_eq!(exit.code, 78);
        assert!(
            exit.stderr
                .starts_with(&format!("error: {}:2: ", bad.display())),
            "{}",
            exit.stderr
        );
        assert!(!exit.stderr.contains("canary"));
    }

    /// The lines of a report, each with its runs of spaces collapsed.
    fn collapsed(text: &str) -> Vec<String> {
        text.lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// A temporary directory, removed on drop (no tempfile dependency in
    /// this crate).
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "envconfig-cli-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        fn path(&self) -> &Path {
            &self.0
        }

        fn file(&self, name: &str, content: &str) -> PathBuf {
            let path = self.0.join(name);
            std::fs::write(&path, content).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
