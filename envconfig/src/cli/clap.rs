//! [`Args`]: envconfig's flags in an application's own clap parser (feature
//! `clap`).

use std::path::PathBuf;

use super::args::CheckOptions;
use super::args::{Action, CheckDocs, Usage};
use super::formats::{ConfigFormat, ReportFormat};
use super::{Run, Startup, run};
use crate::config::Config;
use crate::deployment::env_file::EnvFormat;
use crate::docs::Format;
use crate::source::Source;

/// envconfig's flags, to flatten into an application's own clap parser
/// (feature `clap`): `--print-env-docs[=FORMAT]`, `--print-config[=FORMAT]`,
/// `--check-env` with `--env-file PATH`, `--env-format FORMAT`,
/// `--read-secret-files`, `--strict` and `--report FORM` (and, with the
/// `k8s` feature, `--manifest PATH` and `--container NAME`), and
/// `--check-docs PATH`, which mean what they mean to [`load_or_exit`].
/// `-h` and `--help` are clap's.
///
/// One spelling differs: clap gives a flag written with `=` one value, so
/// the format of a reference whose extension does not say it is named
/// with `--check-docs-format FORMAT` rather than `--check-docs=FORMAT
/// PATH`.
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
///     env: envconfig::Args,
/// }
///
/// let cli = Cli::parse();
/// let settings: Settings = cli.env.load_or_exit();
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
#[non_exhaustive]
pub struct Args {
    /// Print the environment variables this program reads, and exit
    // As on envconfig's own command line: the word after the flag, unless
    // it is a flag, is the format (`--print-env-docs json`), in any case.
    #[arg(
        long,
        value_name = "FORMAT",
        num_args = 0..=1,
        ignore_case = true,
        default_missing_value = "text",
        conflicts_with = "check_env"
    )]
    pub print_env_docs: Option<Format>,

    /// Check the environment variables (and .env) without starting, and
    /// exit: 0 if they are valid, 78 if not
    #[arg(long)]
    pub check_env: bool,

    /// Print every variable's effective value and where it came from, and
    /// exit: 0 if the configuration loads, 78 if not
    #[arg(
        long,
        value_name = "FORMAT",
        num_args = 0..=1,
        ignore_case = true,
        default_missing_value = "text",
        conflicts_with_all = ["check_env", "print_env_docs"]
    )]
    pub print_config: Option<ConfigFormat>,

    /// With --check-env: check this dotenv file alone instead, as the
    /// deployment will see it
    #[arg(long, value_name = "PATH", requires = "check_env")]
    pub env_file: Option<PathBuf>,

    /// With --check-env --env-file: open the files its NAME_FILE variables
    /// name, rather than reporting them as external
    #[arg(long, requires = "env_file")]
    pub read_secret_files: bool,

    /// With --check-env: fail on any warning or unchecked variable too
    #[arg(long, requires = "check_env")]
    pub strict: bool,

    /// With --check-env: how the report is printed
    #[arg(long, value_name = "FORM", ignore_case = true, requires = "check_env")]
    pub report: Option<ReportFormat>,

    /// With --check-env --env-file: read the file as dotenvy (the default)
    /// or as docker run --env-file reads it
    #[arg(long, value_name = "FORMAT", ignore_case = true, requires = "env_file")]
    pub env_format: Option<EnvFormat>,

    /// With --check-env: check a container of this Kubernetes manifest
    /// instead (- for stdin), as the kubelet would set its environment
    #[cfg(feature = "k8s")]
    #[cfg_attr(docsrs, doc(cfg(feature = "k8s")))]
    #[arg(
        long,
        value_name = "PATH",
        requires = "check_env",
        conflicts_with = "env_file"
    )]
    pub manifest: Option<PathBuf>,

    /// With --check-env --manifest: the container to check, when the
    /// manifest has several (NAME, or WORKLOAD/NAME)
    #[cfg(feature = "k8s")]
    #[cfg_attr(docsrs, doc(cfg(feature = "k8s")))]
    #[arg(long, value_name = "NAME", requires = "manifest")]
    pub container: Option<String>,

    /// Compare the committed reference at PATH with the docs printed now,
    /// and exit: 0 if they are the same, 1 with a diff if not
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with_all = ["check_env", "print_env_docs", "print_config"]
    )]
    pub check_docs: Option<PathBuf>,

    /// With --check-docs: the reference's format, when its extension does
    /// not say it
    #[arg(
        long,
        value_name = "FORMAT",
        ignore_case = true,
        requires = "check_docs"
    )]
    pub check_docs_format: Option<Format>,
}

impl Args {
    /// Does what [`load_or_exit`](crate::load_or_exit) does, for the flags
    /// clap parsed: prints the docs or the check report and exits, or
    /// loads the configuration (after the dotenv file a start reads) and
    /// returns it, or prints every problem and exits with 78.
    pub fn load_or_exit<T: Config>(&self) -> T {
        self.load_or_exit_with(&Startup::new())
    }

    /// [`load_or_exit`](Self::load_or_exit) with the given [`Startup`].
    pub fn load_or_exit_with<T: Config>(&self, startup: &Startup) -> T {
        let run = match self.action() {
            Ok(action) => run::<T>(action, Source::from_process_env, startup.dotenv_files()),
            Err(usage) => Run::Exit(usage.into()),
        };
        run.finish()
    }

    /// The same rules as the command line's, for flags set in code.
    fn action(&self) -> Result<Action, Usage> {
        let check = self.check_env.then(|| CheckOptions {
            env_file: self.env_file.clone(),
            read_secret_files: self.read_secret_files,
            strict: self.strict,
            report: self.report,
            env_format: self.env_format,
            #[cfg(feature = "k8s")]
            manifest: self.manifest.clone(),
            #[cfg(feature = "k8s")]
            container: self.container.clone(),
        });
        if let Some(path) = &self.check_docs {
            if self.print_env_docs.is_some() || self.print_config.is_some() || self.check_env {
                return Err(Usage(
                    "--check-docs cannot be used with --print-env-docs, --print-config or \
                     --check-env"
                        .into(),
                ));
            }
            return Ok(Action::CheckDocs(CheckDocs {
                format: self.check_docs_format,
                path: path.clone(),
            }));
        }
        if let Some(format) = self.print_config {
            if self.print_env_docs.is_some() || self.check_env {
                return Err(Usage(
                    "--print-config cannot be used with --print-env-docs or --check-env".into(),
                ));
            }
            return Ok(Action::PrintConfig(format));
        }
        Action::from_flags(self.print_env_docs, check)
    }
}

#[cfg(test)]
mod tests {
    use super::super::args::parse_args;
    use super::*;
    use ::clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        env: Args,
    }

    /// The same flags mean the same to clap and to the plain parser.
    #[test]
    fn print_config_agrees_with_the_plain_parser() {
        for args in [
            &["app", "--print-config=json"][..],
            &["app", "--print-config=JSON"],
            &["app", "--print-config=Text"],
        ] {
            let plain = parse_args(args.iter().map(Into::into));
            let clap = Cli::try_parse_from(args.iter().copied())
                .map_err(|error| error.kind())
                .map(|cli| cli.env.action());
            assert_eq!(clap, Ok(plain), "{args:?}");
        }
    }

    /// `--check-docs PATH` means the same to clap and to the plain parser;
    /// the format that the plain parser takes after `=` is
    /// `--check-docs-format` to clap.
    #[test]
    fn check_docs_agrees_with_the_plain_parser() {
        let clap = |args: &[&str]| {
            Cli::try_parse_from(args.iter().copied())
                .map_err(|error| error.kind())
                .map(|cli| cli.env.action())
        };
        let plain = parse_args(["app", "--check-docs", "docs/env.md"].map(Into::into));
        assert_eq!(clap(&["app", "--check-docs", "docs/env.md"]), Ok(plain));
        let plain = parse_args(["app", "--check-docs=markdown", "docs/ENV"].map(Into::into));
        assert_eq!(
            clap(&[
                "app",
                "--check-docs",
                "docs/ENV",
                "--check-docs-format",
                "Markdown"
            ]),
            Ok(plain)
        );
        assert_eq!(
            clap(&["app", "--check-docs-format", "markdown"]),
            Err(::clap::error::ErrorKind::MissingRequiredArgument)
        );
        assert_eq!(
            clap(&["app", "--check-docs", "x.md", "--check-env"]),
            Err(::clap::error::ErrorKind::ArgumentConflict)
        );
    }

    /// Flags set in code follow the command line's rules.
    #[test]
    fn flags_set_in_code_follow_the_command_lines_rules() {
        let mut args = Args {
            print_config: Some(ConfigFormat::Json),
            ..Args::default()
        };
        assert_eq!(args.action(), Ok(Action::PrintConfig(ConfigFormat::Json)));
        args.check_env = true;
        assert!(args.action().is_err(), "{:?}", args.action());
        let args = Args {
            check_docs: Some("docs/env.md".into()),
            print_env_docs: Some(Format::Markdown),
            ..Args::default()
        };
        assert!(args.action().is_err(), "{:?}", args.action());
    }
}
