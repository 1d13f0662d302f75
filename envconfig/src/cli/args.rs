//! Finding envconfig's own flags among a program's arguments.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

use super::{EX_USAGE, Exit};
use crate::docs::{Format, FormatNames};
use crate::shown::Abridged;

/// What the command line asks of envconfig.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Load the configuration and hand it to the application.
    Load,
    /// `--print-env-docs[=FORMAT]`.
    PrintDocs(Format),
    /// `--check-env [--env-file PATH] [--read-secret-files] [--strict]`.
    Check(CheckOptions),
    /// `--print-config[=FORMAT]`.
    PrintConfig(ConfigFormat),
}

/// The `FORMAT` of `--print-config[=FORMAT]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum ConfigFormat {
    /// An aligned table: name, value, source.
    #[default]
    Text,
    /// One object per variable, for tools.
    Json,
}

impl ConfigFormat {
    /// The format of `name`, case aside.
    fn named(name: &str) -> Option<ConfigFormat> {
        match name.to_ascii_lowercase().as_str() {
            "text" => Some(ConfigFormat::Text),
            "json" => Some(ConfigFormat::Json),
            _ => None,
        }
    }
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
}

/// A bad use of the flags: exit status 64.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Usage(pub(crate) String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error: {}\n\
             usage: --print-env-docs[=FORMAT] | --print-config[=text|json] | \
             --check-env [--env-file PATH] [--read-secret-files] [--strict]",
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
///
/// `--env-file`, `--read-secret-files` and `--strict` are envconfig's only
/// after `--check-env`: before it, or without it, they belong to the
/// application, which may have flags of those names.
pub(crate) fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Action, Usage> {
    let mut print_docs: Option<Format> = None;
    let mut print_config: Option<ConfigFormat> = None;
    let mut check: Option<CheckOptions> = None;
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
                if check.is_some() && arg.as_encoded_bytes().starts_with(b"--env-file=") {
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
        match (flag, value, &mut check) {
            ("--", None, _) => break,
            ("--print-env-docs", value, _) => {
                if print_docs.is_some() {
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
                print_docs = Some(format);
            }
            ("--print-config", value, _) => {
                if print_config.is_some() {
                    return Err(twice("--print-config"));
                }
                let format = match value {
                    Some(name) => ConfigFormat::named(name).ok_or_else(|| {
                        Usage(format!(
                            "--print-config: unknown format {:?}: expected text or json",
                            Abridged::name(name).to_string()
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
                print_config = Some(format);
            }
            ("--check-env", None, Some(_)) => return Err(twice("--check-env")),
            ("--check-env", None, None) => check = Some(CheckOptions::default()),
            ("--check-env", Some(_), _) => {
                return Err(Usage("--check-env takes no value".into()));
            }
            ("--env-file", value, Some(options)) => {
                if options.env_file.is_some() {
                    return Err(twice("--env-file"));
                }
                let path = match value {
                    Some(path) => OsString::from(path),
                    // A following flag is not a path: `--env-file --strict`
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
                options.env_file = Some(PathBuf::from(path));
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
            _ => {}
        }
    }

    if print_config.is_some() && (print_docs.is_some() || check.is_some()) {
        return Err(Usage(
            "--print-config cannot be used with --print-env-docs or --check-env".into(),
        ));
    }
    match print_config {
        Some(format) => Ok(Action::PrintConfig(format)),
        None => Action::from_flags(print_docs, check),
    }
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
            (None, Some(options)) => Ok(Action::Check(options)),
            (None, None) => Ok(Action::Load),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &[&str]) -> Vec<OsString> {
        std::iter::once("billing")
            .chain(line.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn flags_and_what_they_ask_for() {
        let check = |env_file: Option<&str>| {
            Ok(Action::Check(CheckOptions {
                env_file: env_file.map(PathBuf::from),
                ..CheckOptions::default()
            }))
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
            // The format may follow as a word of its own; a flag after
            // `--print-env-docs` is no format.
            (
                &["--print-env-docs", "json"],
                Ok(Action::PrintDocs(Format::Json)),
            ),
            (
                &["--print-env-docs", "--verbose"],
                Ok(Action::PrintDocs(Format::Text)),
            ),
            (
                &["--print-env-docs", "--", "json"],
                Ok(Action::PrintDocs(Format::Text)),
            ),
            // Names in any case, and short forms.
            (
                &["--print-env-docs=JSON"],
                Ok(Action::PrintDocs(Format::Json)),
            ),
            (
                &["--print-env-docs", "Markdown"],
                Ok(Action::PrintDocs(Format::Markdown)),
            ),
            (
                &["--print-env-docs=md"],
                Ok(Action::PrintDocs(Format::Markdown)),
            ),
            (
                &["--print-env-docs", "ENV"],
                Ok(Action::PrintDocs(Format::Dotenv)),
            ),
            (
                &["--print-env-docs=docker-env"],
                Ok(Action::PrintDocs(Format::DockerEnv)),
            ),
            (
                &["--print-env-docs", "k8s-files"],
                Ok(Action::PrintDocs(Format::K8sFiles)),
            ),
            (&["--check-env"], check(None)),
            (
                &["--check-env", "--env-file", "prod.env"],
                check(Some("prod.env")),
            ),
            (
                &["--check-env", "--env-file=prod.env"],
                check(Some("prod.env")),
            ),
            (
                &["--check-env", "--env-file", "./-odd.env"],
                check(Some("./-odd.env")),
            ),
            (
                &[
                    "--check-env",
                    "--strict",
                    "--env-file",
                    "a.env",
                    "--read-secret-files",
                ],
                Ok(Action::Check(CheckOptions {
                    env_file: Some(PathBuf::from("a.env")),
                    read_secret_files: true,
                    strict: true,
                })),
            ),
            // Before `--check-env`, or without it, these flags are the
            // application's own.
            (&["--env-file", "app.env", "--strict"], Ok(Action::Load)),
            (&["--env-file=app.env", "--check-env"], check(None)),
            // Only the exact flags are ours.
            (
                &["--check-environment", "--print-env-doc", "-check-env"],
                Ok(Action::Load),
            ),
            (&["--", "--check-env"], Ok(Action::Load)),
            // An unknown format is an error in every spelling.
            (
                &["--print-env-docs=yaml"],
                Err("--print-env-docs: unknown format \"yaml\""),
            ),
            (
                &["--print-env-docs", "yaml"],
                Err("--print-env-docs: unknown format \"yaml\""),
            ),
            (
                &["--print-env-docs", "serve"],
                Err("--print-env-docs: unknown format \"serve\""),
            ),
            (
                &["--print-env-docs="],
                Err("--print-env-docs needs a FORMAT"),
            ),
            (
                &["--print-env-docs", ""],
                Err("--print-env-docs needs a FORMAT"),
            ),
            (
                &["--check-env", "--env-file"],
                Err("--env-file needs a PATH"),
            ),
            (
                &["--check-env", "--env-file", "--strict"],
                Err("--env-file needs a PATH"),
            ),
            (
                &["--check-env", "--strict=yes"],
                Err("--strict takes no value"),
            ),
            (
                &["--check-env", "--strict", "--strict"],
                Err("--strict is given more than once"),
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
                &["--print-config"],
                Ok(Action::PrintConfig(ConfigFormat::Text)),
            ),
            (
                &["--print-config", "JSON", "serve"],
                Ok(Action::PrintConfig(ConfigFormat::Json)),
            ),
            (
                &["--print-config=json"],
                Ok(Action::PrintConfig(ConfigFormat::Json)),
            ),
            (
                &["--print-config=yaml"],
                Err("--print-config: unknown format \"yaml\": expected text or json"),
            ),
            (
                &["--check-env", "--print-config"],
                Err("--print-config cannot be used with --print-env-docs or --check-env"),
            ),
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
             expected one of text, markdown (md), dotenv (env), docker-env, json, k8s, k8s-files\n\
             usage: --print-env-docs[=FORMAT] | --print-config[=text|json] | \
             --check-env [--env-file PATH] [--read-secret-files] [--strict]"
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
        assert_eq!(parse_args(line(odd("--env-file="))), Ok(Action::Load));
        assert!(
            parse_args(vec![
                OsString::from("billing"),
                OsString::from("--check-env"),
                odd("--env-file=")
            ])
            .is_err()
        );
        assert!(parse_args(line(odd("--print-env-docs="))).is_err());
        assert!(
            parse_args(vec![
                OsString::from("billing"),
                OsString::from("--print-env-docs"),
                odd("json")
            ])
            .is_err()
        );
        let path = parse_args(vec![
            OsString::from("billing"),
            OsString::from("--check-env"),
            OsString::from("--env-file"),
            odd("prod"),
        ]);
        assert_eq!(
            path,
            Ok(Action::Check(CheckOptions {
                env_file: Some(PathBuf::from(odd("prod"))),
                ..CheckOptions::default()
            }))
        );
    }
}
