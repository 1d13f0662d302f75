//! Finding envconfig's own flags among a program's arguments.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use super::help::{CHECK_FLAGS, near_miss};
use super::{EX_USAGE, Exit};
use crate::deployment::env_file::EnvFormat;
use crate::docs::{Format, FormatNames};
use crate::shown::Abridged;

use super::formats::{ConfigFormat, ReportFormat};

/// What the command line asks of envconfig.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Load the configuration and hand it to the application.
    Load,
    /// `--print-env-docs[=FORMAT]`.
    PrintDocs(Format),
    /// `--check-env [--env-file PATH | --manifest PATH [--container NAME]]
    /// [--read-secret-files] [--strict]`.
    Check(CheckOptions),
    /// `--print-config[=FORMAT]`.
    PrintConfig(ConfigFormat),
    /// `--check-docs[=FORMAT] PATH`.
    CheckDocs(CheckDocs),
    /// `-h` or `--help`, given to the program of this name.
    Help { program: String },
}

/// `--check-docs[=FORMAT] PATH`: compare the committed reference at `path`
/// with the docs in `format`, or in the format its extension says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CheckDocs {
    pub format: Option<Format>,
    pub path: PathBuf,
}

/// The flags that follow `--check-env`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CheckOptions {
    /// `--env-file PATH`: check this dotenv file alone, as the deployment
    /// will see it, instead of the process environment.
    pub env_file: Option<PathBuf>,
    /// `--read-secret-files`: open the files that `NAME_FILE` variables of
    /// the env file name, rather than reporting them as unchecked.
    pub read_secret_files: bool,
    /// `--strict`: any warning or unchecked variable fails the check.
    pub strict: bool,
    /// `--report FORM`: how the report is printed.
    pub report: Option<ReportFormat>,
    /// `--env-format FORMAT`: how the `--env-file` is read.
    pub env_format: Option<EnvFormat>,
    /// `--manifest PATH` (`-` for stdin): check the environment of a
    /// container of this Kubernetes manifest instead.
    #[cfg(feature = "k8s")]
    pub manifest: Option<PathBuf>,
    /// `--container NAME`: the container of the manifest to check.
    #[cfg(feature = "k8s")]
    pub container: Option<String>,
}

/// A bad use of the flags: exit status 64. The usage line follows it
/// when envconfig read the command line itself ([`with_usage_line`]).
///
/// [`with_usage_line`]: super::help::with_usage_line
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Usage(pub(crate) String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.0)
    }
}

impl From<Usage> for Exit {
    fn from(usage: Usage) -> Exit {
        Exit::failure(EX_USAGE, format!("{usage}"))
    }
}

/// The value of a flag: written after `=`, or the next argument. A
/// following flag is not a value (`--env-file --strict` forgot the path),
/// but `-` alone is (stdin); a path that starts with `-` can be written
/// `./-name` or `--env-file=-name`. An empty value is none.
fn value_of(written: Option<&str>, args: &mut Args) -> Option<OsString> {
    let value = match written {
        Some(value) => OsString::from(value),
        None => args.next_if(|next| next == "-" || !next.as_encoded_bytes().starts_with(b"-"))?,
    };
    (!value.is_empty()).then_some(value)
}

/// [`parse_args_with`], `-h` and `--help` included.
#[cfg(test)]
pub(crate) fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Action, Usage> {
    parse_args_with(args, true)
}

/// Finds envconfig's flags among `args` (the first of which is the
/// program), ignoring every other argument and everything after `--`, and
/// `-h` and `--help` when `help` says they are envconfig's (the
/// application has not claimed them). A flag of the check's but
/// `--env-file` is a usage error before `--check-env`: the check would run
/// without what it asks.
pub(crate) fn parse_args_with(
    args: impl IntoIterator<Item = OsString>,
    help: bool,
) -> Result<Action, Usage> {
    let mut args = args.into_iter();
    let program = args.next().unwrap_or_default();
    let args: Vec<OsString> = args.collect();
    // Help wins over every other flag, and over any bad use of them.
    if help
        && args
            .iter()
            .take_while(|arg| *arg != "--")
            .any(|arg| arg == "-h" || arg == "--help")
    {
        let program = Path::new(&program).file_name().map_or_else(
            || "program".to_owned(),
            |name| name.to_string_lossy().into_owned(),
        );
        return Ok(Action::Help { program });
    }

    let mut flags = Flags::default();
    let mut args = args.into_iter().peekable();
    while let Some(arg) = args.next() {
        if !flags.take(arg, &mut args)? {
            break;
        }
    }
    flags.into_action()
}

/// The arguments after the program's name, as they are read.
type Args = std::iter::Peekable<std::vec::IntoIter<OsString>>;

/// envconfig's flags among the arguments read so far.
#[derive(Default)]
struct Flags {
    print_docs: Option<Format>,
    print_config: Option<ConfigFormat>,
    check: Option<CheckOptions>,
    check_docs: Option<CheckDocs>,
    /// The first flag of the check's seen before `--check-env`.
    misplaced: Option<String>,
}

impl Flags {
    /// Takes `arg`, and the value it takes from `args`, if it is one of
    /// envconfig's flags: false at `--`, after which nothing is.
    fn take(&mut self, arg: OsString, args: &mut Args) -> Result<bool, Usage> {
        let twice = |flag: &str| Usage(format!("{flag} is given more than once"));
        let lossy;
        let text = match arg.to_str() {
            Some(text) => text,
            None => {
                // Not UTF-8: not one of ours, unless it is one of ours with a
                // value; saying so beats ignoring the flag. A format name is
                // never valid, and reported as such.
                if self.check.is_some() && arg.as_encoded_bytes().starts_with(b"--env-file=") {
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
        match (flag, value, &mut self.check) {
            ("--", None, _) => return Ok(false),
            ("--print-env-docs", value, _) => {
                if self.print_docs.is_some() {
                    return Err(twice("--print-env-docs"));
                }
                // `--print-env-docs markdown` means what it says: the word
                // after the flag, unless it is another flag, is the format,
                // as with `=`. The program exits after the docs, so no
                // argument of the application's is lost by taking it, and a
                // misspelt format is an error in either spelling rather than
                // the default table.
                let word = match value {
                    Some(name) => Some(OsString::from(name)),
                    None => args.next_if(|next| !next.as_encoded_bytes().starts_with(b"-")),
                };
                let format = match word {
                    None => Format::default(),
                    Some(word) if word.is_empty() => {
                        return Err(Usage(format!(
                            "--print-env-docs needs a FORMAT: {FormatNames}"
                        )));
                    }
                    Some(word) => word
                        .to_string_lossy()
                        .parse()
                        .map_err(|unknown| Usage(format!("--print-env-docs: {unknown}")))?,
                };
                self.print_docs = Some(format);
            }
            ("--print-config", value, _) => {
                if self.print_config.is_some() {
                    return Err(twice("--print-config"));
                }
                let format = match value {
                    Some(name) => ConfigFormat::named(name).ok_or_else(|| {
                        Usage(format!(
                            "--print-config: unknown format {:?}: expected text or json",
                            format!("{}", Abridged::name(name))
                        ))
                    })?,
                    None => match args
                        .peek()
                        .and_then(|next| ConfigFormat::named(next.to_str()?))
                    {
                        Some(format) => {
                            args.next();
                            format
                        }
                        None => ConfigFormat::default(),
                    },
                };
                self.print_config = Some(format);
            }
            ("--check-env", None, Some(_)) => return Err(twice("--check-env")),
            ("--check-env", None, None) => self.check = Some(CheckOptions::default()),
            ("--check-env", Some(_), _) => {
                return Err(Usage("--check-env takes no value".into()));
            }
            ("--env-file", value, Some(options)) => {
                if options.env_file.is_some() {
                    return Err(twice("--env-file"));
                }
                let path =
                    value_of(value, args).ok_or_else(|| Usage("--env-file needs a PATH".into()))?;
                options.env_file = Some(PathBuf::from(path));
            }
            ("--manifest" | "--container", value, Some(options)) => {
                let value = value_of(value, args)
                    .ok_or_else(|| Usage(format!("{flag} needs a {}", value_name(flag))))?;
                set_manifest_flag(options, flag, value)?;
            }
            ("--report", value, Some(options)) => {
                if options.report.is_some() {
                    return Err(twice("--report"));
                }
                let form = value_of(value, args)
                    .ok_or_else(|| Usage("--report needs a FORM: text, json or github".into()))?;
                let form = form.to_str().and_then(ReportFormat::named).ok_or_else(|| {
                    Usage(format!(
                        "--report: unknown form {:?}: expected text, json or github",
                        format!("{}", Abridged::name(&form.to_string_lossy()))
                    ))
                })?;
                options.report = Some(form);
            }
            ("--env-format", value, Some(options)) => {
                if options.env_format.is_some() {
                    return Err(twice("--env-format"));
                }
                let format = value_of(value, args)
                    .ok_or_else(|| Usage("--env-format needs a FORMAT: dotenv or docker".into()))?;
                let format = match format.to_str().map(str::to_ascii_lowercase).as_deref() {
                    Some("dotenv") => EnvFormat::Dotenv,
                    Some("docker") => EnvFormat::Docker,
                    _ => {
                        return Err(Usage(format!(
                            "--env-format: unknown format {:?}: expected dotenv or docker",
                            format!("{}", Abridged::name(&format.to_string_lossy()))
                        )));
                    }
                };
                options.env_format = Some(format);
            }
            ("--read-secret-files", None, Some(options)) => {
                if options.read_secret_files {
                    return Err(twice("--read-secret-files"));
                }
                options.read_secret_files = true;
            }
            ("--strict", None, Some(options)) => {
                if options.strict {
                    return Err(twice("--strict"));
                }
                options.strict = true;
            }
            ("--read-secret-files" | "--strict", Some(_), Some(_)) => {
                return Err(Usage(format!("{flag} takes no value")));
            }
            ("--check-docs", value, _) => {
                if self.check_docs.is_some() {
                    return Err(twice("--check-docs"));
                }
                let format = match value {
                    None => None,
                    Some("") => {
                        return Err(Usage(format!(
                            "--check-docs= needs a FORMAT: {FormatNames}"
                        )));
                    }
                    Some(name) => Some(
                        name.parse()
                            .map_err(|unknown| Usage(format!("--check-docs: {unknown}")))?,
                    ),
                };
                let path = value_of(None, args).ok_or_else(|| {
                    Usage("--check-docs needs the PATH of a committed reference".into())
                })?;
                self.check_docs = Some(CheckDocs {
                    format,
                    path: PathBuf::from(path),
                });
            }
            // A near miss of a flag of envconfig's is a typo of it, not an
            // argument of the application's: starting the service instead
            // of answering would be the surprise.
            (flag, _, check) => {
                // `--env-file` may be the application's own, naming the
                // dotenv file it loads, which the check reads as a start.
                let checks_only = flag != "--env-file" && CHECK_FLAGS.contains(&flag);
                if check.is_none() && checks_only && self.misplaced.is_none() {
                    self.misplaced = Some(flag.to_owned());
                }
                if let Some(ours) = near_miss(flag, check.is_some()) {
                    return Err(Usage(format!(
                        "unknown flag {}: did you mean {ours}?",
                        Abridged::name(flag)
                    )));
                }
            }
        }
        Ok(true)
    }

    /// The action of the flags, or why they do not go together.
    fn into_action(self) -> Result<Action, Usage> {
        let Flags {
            print_docs,
            print_config,
            check,
            check_docs,
            misplaced,
        } = self;
        // The application's flag, yet the application does not run: the check
        // would run without what the operator asked of it (`--strict`, the
        // file), and pass where it should fail.
        if let (Some(flag), Some(_)) = (misplaced, &check) {
            return Err(Usage(format!(
                "{flag} before --check-env is not the check's: write it after --check-env"
            )));
        }
        if check_docs.is_some()
            && (print_docs.is_some() || print_config.is_some() || check.is_some())
        {
            return Err(Usage(
                "--check-docs cannot be used with --print-env-docs, --print-config or --check-env"
                    .into(),
            ));
        }
        if print_config.is_some() && (print_docs.is_some() || check.is_some()) {
            return Err(Usage(
                "--print-config cannot be used with --print-env-docs or --check-env".into(),
            ));
        }
        if let Some(check_docs) = check_docs {
            return Ok(Action::CheckDocs(check_docs));
        }
        match print_config {
            Some(format) => Ok(Action::PrintConfig(format)),
            None => Action::from_flags(print_docs, check),
        }
    }
}

fn value_name(flag: &str) -> &'static str {
    if flag == "--manifest" { "PATH" } else { "NAME" }
}

/// `--manifest PATH` or `--container NAME`, after `--check-env`.
#[cfg(feature = "k8s")]
fn set_manifest_flag(options: &mut CheckOptions, flag: &str, value: OsString) -> Result<(), Usage> {
    let twice = Usage(format!("{flag} is given more than once"));
    if flag == "--manifest" {
        if options.manifest.is_some() {
            return Err(twice);
        }
        options.manifest = Some(PathBuf::from(value));
    } else {
        if options.container.is_some() {
            return Err(twice);
        }
        let name = value
            .into_string()
            .map_err(|_| Usage("the NAME of --container is not valid UTF-8".into()))?;
        options.container = Some(name);
    }
    Ok(())
}

/// Without the `k8s` feature, `--manifest` after `--check-env` is refused
/// rather than ignored: a CI job must not pass by checking something else.
#[cfg(not(feature = "k8s"))]
fn set_manifest_flag(_: &mut CheckOptions, flag: &str, _: OsString) -> Result<(), Usage> {
    Err(Usage(format!(
        "{flag} needs envconfig's `k8s` feature, which this program is built without"
    )))
}

impl Action {
    /// The action of a set of flags, or why they do not go together.
    pub(super) fn from_flags(
        print_docs: Option<Format>,
        check: Option<CheckOptions>,
    ) -> Result<Action, Usage> {
        match (print_docs, check) {
            (Some(_), Some(_)) => Err(Usage(
                "--print-env-docs and --check-env cannot be used together".into(),
            )),
            (Some(format), None) => Ok(Action::PrintDocs(format)),
            (None, Some(options)) => {
                options.check_combination()?;
                Ok(Action::Check(options))
            }
            (None, None) => Ok(Action::Load),
        }
    }
}

impl CheckOptions {
    /// Whether the flags after `--check-env` go together.
    fn check_combination(&self) -> Result<(), Usage> {
        #[cfg(feature = "k8s")]
        {
            let conflict =
                |other: &str| Usage(format!("--manifest and {other} cannot be used together"));
            if self.manifest.is_some() && self.env_file.is_some() {
                return Err(conflict("--env-file"));
            }
            // The files a manifest names are the container's.
            if self.manifest.is_some() && self.read_secret_files {
                return Err(conflict("--read-secret-files"));
            }
            if self.container.is_some() && self.manifest.is_none() {
                return Err(Usage("--container needs --manifest".into()));
            }
        }
        // The format is the env file's; nothing else is read as one.
        if self.env_format.is_some() && self.env_file.is_none() {
            return Err(Usage("--env-format needs --env-file".into()));
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "args_tests.rs"]
mod tests;
