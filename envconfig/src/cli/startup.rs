//! [`Startup`]: how a service starts, and the dotenv file it reads before
//! the environment: `./.env` in a debug build, a file the application names
//! in any build, or none; and the `note:` lines that say which.

use std::path::{Component, Path, PathBuf};

use super::args::parse_args_with;
use super::exit::Run;
use super::help::with_usage_line;
use super::run;
use crate::config::{self, Config};
use crate::effective::Loaded;
use crate::error::StartupError;
use crate::shown::{Abridged, OneLine};
use crate::source::{EnvFileError, EnvScope, Source};

/// The dotenv file of the working directory, read by debug builds.
const DOTENV: &str = ".env";

/// How a service starts: which dotenv file [`load_or_exit`] reads before
/// the environment, and whether it answers `-h` and `--help`.
/// [`load_or_exit`] is `Startup::new().load_or_exit()`.
///
/// A debug build (`debug_assertions` on, as `cargo build` and `cargo run`
/// make it) reads `./.env` by default, if it exists; a release build does
/// not, so that a `.env` copied into an image by accident (`COPY . .`)
/// configures nothing, and says so on stderr in a `note:` line. A file
/// the application names with [`dotenv`](Self::dotenv) is read by every
/// build. Whichever file supplies variables, stderr gets a `note:` line
/// naming it and them (names only), and the real environment always wins
/// over it:
///
/// ```text
/// note: 3 variables from ./.env: BILLING_DATABASE_URL, PAYMENT_TOKEN, BILLING_ALLOWED_HOSTS
/// ```
///
/// A service that must not depend on its working directory turns the file
/// off, or names its own; a service whose own command line has `-h` or
/// `--help` keeps them:
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
/// let settings: Settings = Startup::new().without_help().load_or_exit();
/// ```
///
/// [`load_or_exit`]: crate::load_or_exit
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Startup {
    dotenv: Dotenv,
    /// Whether `-h` and `--help` are envconfig's.
    help: bool,
}

/// Which dotenv file a start reads.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Dotenv {
    /// `./.env`, in a debug build.
    WorkingDir,
    /// A file the application names, in every build.
    Named(PathBuf),
    /// None.
    Off,
}

/// The dotenv files of one run: the one it reads (if it exists), and the
/// one it leaves unread (a release build's `./.env`), which a note names if
/// it exists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DotenvFiles<'a> {
    pub(crate) read: Option<&'a Path>,
    pub(crate) unread: Option<&'a Path>,
}

impl<'a> DotenvFiles<'a> {
    /// Reads the file at `path`, if it exists.
    #[cfg(test)]
    pub(crate) fn reading(path: &'a Path) -> DotenvFiles<'a> {
        DotenvFiles {
            read: Some(path),
            unread: None,
        }
    }
}

impl Default for Startup {
    fn default() -> Startup {
        Startup {
            dotenv: Dotenv::WorkingDir,
            help: true,
        }
    }
}

impl Startup {
    /// The default start-up: a debug build reads `./.env` if it exists, and
    /// `-h` and `--help` print envconfig's usage.
    #[must_use]
    pub fn new() -> Startup {
        Startup::default()
    }

    /// Reads the dotenv file at `path` (if it exists) instead of `./.env`,
    /// in every build, release builds included.
    #[must_use]
    pub fn dotenv(self, path: impl Into<PathBuf>) -> Startup {
        Startup {
            dotenv: Dotenv::Named(path.into()),
            ..self
        }
    }

    /// Reads no dotenv file: only the process environment.
    #[must_use]
    pub fn without_dotenv(self) -> Startup {
        Startup {
            dotenv: Dotenv::Off,
            ..self
        }
    }

    /// Leaves `-h` and `--help` to the application, for a service whose own
    /// command line has them (`-h HOST`): [`load_or_exit`](Self::load_or_exit)
    /// then ignores them, as it ignores every argument that is not its own.
    #[must_use]
    pub fn without_help(self) -> Startup {
        Startup {
            help: false,
            ..self
        }
    }

    /// Loads `T` as [`load_or_exit`](Self::load_or_exit) does when a
    /// service starts (this start-up's dotenv file, under the process
    /// environment), but looks at no argument, prints nothing (no `note:`
    /// either) and never exits: for a service that reports its start
    /// through its own logging. The warnings come with the configuration
    /// ([`Loaded::warnings`](crate::Loaded::warnings)).
    ///
    /// # Errors
    ///
    /// [`StartupError::Dotenv`] when the dotenv file exists but cannot be
    /// read; [`StartupError::Config`], with every problem, when `T` does not
    /// load.
    pub fn load<T: Config>(&self) -> Result<Loaded<T>, StartupError> {
        let mut source = Source::from_process_env(EnvScope::Fields);
        read_dotenv::<T>(&mut source, self.dotenv_files().read)?;
        config::load_recording_warned(&source)
            .map_err(|(error, warnings)| StartupError::Config { error, warnings })
    }

    /// [`load_or_exit`](crate::load_or_exit) with this start-up.
    pub fn load_or_exit<T: Config>(&self) -> T {
        let run = match parse_args_with(std::env::args_os(), self.help) {
            Ok(action) => run::<T>(action, Source::from_process_env, self.dotenv_files()),
            Err(usage) => Run::Exit(usage.into()),
        };
        with_usage_line(run).finish()
    }

    /// The dotenv files of this build.
    pub(crate) fn dotenv_files(&self) -> DotenvFiles<'_> {
        self.dotenv_files_of(cfg!(debug_assertions))
    }

    /// The dotenv files of a debug build, or of a release build.
    fn dotenv_files_of(&self, debug_build: bool) -> DotenvFiles<'_> {
        match &self.dotenv {
            Dotenv::WorkingDir if debug_build => DotenvFiles {
                read: Some(Path::new(DOTENV)),
                unread: None,
            },
            Dotenv::WorkingDir => DotenvFiles {
                read: None,
                unread: Some(Path::new(DOTENV)),
            },
            Dotenv::Named(path) => DotenvFiles {
                read: Some(path),
                unread: None,
            },
            Dotenv::Off => DotenvFiles::default(),
        }
    }
}

/// A dotenv file added to a run's variables: its path, if it was read, and
/// the `note:` lines to print.
pub(crate) struct Added<'a> {
    pub(crate) path: Option<&'a Path>,
    pub(crate) notes: String,
}

/// Adds the dotenv file that `files` reads, if there is one and it is a
/// file, and says in `note:` lines which variables it supplied to `T`, or
/// that it was left unread.
pub(crate) fn add_dotenv<'a, T: Config>(
    source: &mut Source,
    files: DotenvFiles<'a>,
) -> Result<Added<'a>, StartupError> {
    let path = read_dotenv::<T>(source, files.read)?;
    let mut notes = String::new();
    if let Some(path) = path {
        // Of the configuration's names, as `read_dotenv` gave them: its
        // own names, whole, escaped all the same.
        let (mut listed, mut supplied) = (String::new(), 0);
        for name in source.set_by_file(path) {
            if source.concerns(name) {
                if supplied > 0 {
                    listed.push_str(", ");
                }
                listed.push_str(&format!("{}", OneLine(name)));
                supplied += 1;
            }
        }
        if supplied > 0 {
            let variables = match supplied {
                1 => "1 variable".to_owned(),
                n => format!("{n} variables"),
            };
            let path = shown_path(path);
            notes.push_str(&format!("note: {variables} from {path}: {listed}\n"));
        }
    }
    if let Some(unread) = files.unread.filter(|path| is_there(path)) {
        notes.push_str(&format!(
            "note: {} is not read: a release build reads a dotenv file only when the \
             program names one\n",
            shown_path(unread)
        ));
    }
    Ok(Added { path, notes })
}

/// Adds the dotenv file at `path` to `source`, if there is one: the file
/// added, if any. What is there but is no regular file (a pipe, a device)
/// is refused as `NAME_FILE`s are, rather than passed over in silence.
fn read_dotenv<'a, T: Config>(
    source: &mut Source,
    path: Option<&'a Path>,
) -> Result<Option<&'a Path>, StartupError> {
    let Some(path) = path.filter(|path| is_there(path)) else {
        return Ok(None);
    };
    // How the file sets names that are none of `T`'s is not its business.
    source.concern(config::names::<T>(source));
    source
        .add_env_file(path)
        .map_err(|EnvFileError { path, reason }| StartupError::Dotenv { path, reason })?;
    Ok(Some(path))
}

/// Whether there is a dotenv file at `path`: anything but nothing or a
/// directory (`.env` is also a common name for a Python virtual
/// environment).
fn is_there(path: &Path) -> bool {
    path.exists() && !path.is_dir()
}

/// A dotenv file's path as a note shows it: a bare name of the working
/// directory as `./.env`, so that it reads as a file.
fn shown_path(path: &Path) -> String {
    let shown = format!("{}", Abridged::name(&path.to_string_lossy()));
    match path.components().next() {
        Some(Component::Normal(_)) => format!("./{shown}"),
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which file each start-up reads, in a debug and in a release build.
    #[test]
    fn a_release_build_reads_only_a_dotenv_file_named_in_code() {
        let dotenv = Some(Path::new(".env"));
        let named = Some(Path::new("/etc/app.env"));
        let table = [
            (Startup::new(), true, dotenv, None),
            (Startup::new(), false, None, dotenv),
            (Startup::new().dotenv("/etc/app.env"), true, named, None),
            (Startup::new().dotenv("/etc/app.env"), false, named, None),
            (Startup::new().dotenv(".env"), false, dotenv, None),
            (Startup::new().without_dotenv(), true, None, None),
            (Startup::new().without_dotenv(), false, None, None),
        ];
        for (startup, debug_build, read, unread) in table {
            assert_eq!(
                startup.dotenv_files_of(debug_build),
                DotenvFiles { read, unread },
                "{startup:?}, debug build: {debug_build}"
            );
        }
    }

    #[test]
    fn a_bare_name_is_shown_as_a_file_of_the_working_directory() {
        for (path, shown) in [
            (".env", "./.env"),
            ("conf/app.env", "./conf/app.env"),
            ("./.env", "./.env"),
            ("../app.env", "../app.env"),
            ("/etc/app.env", "/etc/app.env"),
        ] {
            assert_eq!(shown_path(Path::new(path)), shown);
        }
    }
}
