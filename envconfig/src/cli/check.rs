//! `--check-env`: what is checked (the process environment and `./.env`,
//! a deployment's env file alone, a container of a Kubernetes manifest),
//! and the report of it, in the form asked for, with its exit status.

use std::path::Path;

use super::args::{CheckOptions, Usage};
use super::exit::{EX_CONFIG, Exit};
use super::formats::ReportFormat;
use super::startup::{DotenvFiles, add_dotenv};
use crate::config::{self, Config};
use crate::deployment::env_file::EnvFile;
use crate::report::{Report, Subject};
use crate::shown::Abridged;
use crate::source::{EnvScope, Source};

/// `--check-env` with `options`, with the variables of `process_env` and
/// the dotenv files of `dotenv` when it checks the process environment.
pub(super) fn check_env<T: Config>(
    options: CheckOptions,
    process_env: impl FnOnce(EnvScope) -> Source,
    dotenv: DotenvFiles<'_>,
) -> Exit {
    let form = options.report.unwrap_or_default();
    let strict = options.strict;
    #[cfg(feature = "k8s")]
    if let Some(path) = &options.manifest {
        use crate::deployment::manifest::{ManifestError, read};
        if let Err(usage) = given_path("--manifest", path) {
            return usage.into();
        }
        let secret = T::docs().secrets();
        let secret: Vec<&str> = secret.names().collect();
        return match read(path, options.container.as_deref(), &secret) {
            Ok((env, checked)) => check::<T>(&env, checked, strict, form),
            Err(ManifestError::Usage(message)) => Usage(message).into(),
            Err(ManifestError::Unreadable(message)) => {
                unreadable(form, "the manifest", "the manifest", message)
            }
        };
    }
    let Some(path) = &options.env_file else {
        let mut source = process_env(EnvScope::Everything);
        let added = match add_dotenv::<T>(&mut source, dotenv) {
            Ok(added) => added,
            Err(error) => {
                let checked = "the process environment and its dotenv file";
                return unreadable(form, checked, "the dotenv file", format!("{error}"));
            }
        };
        let checked = match added.path {
            Some(dotenv) => format!(
                "the process environment and {}",
                Abridged::name(&dotenv.to_string_lossy())
            ),
            None => "the process environment".to_owned(),
        };
        let mut exit = check::<T>(&source, checked, strict, form);
        exit.stderr.insert_str(0, &added.notes);
        return exit;
    };
    if let Err(usage) = given_path("--env-file", path) {
        return usage.into();
    }
    let docs = T::docs();
    let format = options.env_format.unwrap_or_default();
    let file = match EnvFile::read(path, format, options.read_secret_files, &docs) {
        Ok(file) => file,
        Err(error) => return unreadable(form, "the env file", "the env file", format!("{error}")),
    };
    let shown = match path == Path::new("-") {
        true => crate::provenance::STDIN.to_owned(),
        false => format!("{}", Abridged::name(&path.to_string_lossy())),
    };
    check::<T>(&file, format!("the env file {shown} (alone)"), strict, form)
}

/// A path given to `flag`: a usage error when it names nothing or a
/// directory. Any other trouble (a FIFO, a loop of links, no permission)
/// is said when it is read. `-` is stdin.
pub(super) fn given_path(flag: &str, path: &Path) -> Result<(), Usage> {
    if path == Path::new("-") {
        return Ok(());
    }
    let shown = format!("{}", Abridged::name(&path.to_string_lossy()));
    match std::fs::metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(Usage(format!("{flag} {shown}: no such file")))
        }
        Ok(metadata) if metadata.is_dir() => Err(Usage(format!("{flag} {shown}: is a directory"))),
        _ => Ok(()),
    }
}

/// The end of a check of an input that could not be read: exit 78, with
/// the error on stderr, or, for a report a program reads, a report of the
/// one error on stdout (a JSON document, a workflow command).
fn unreadable(form: ReportFormat, checked: &str, errors_in: &'static str, message: String) -> Exit {
    let report = || Report::unreadable(checked.to_owned(), errors_in, message.clone());
    let stdout = match form {
        ReportFormat::Text => return Exit::failure(EX_CONFIG, format!("error: {message}")),
        ReportFormat::Json => report().render_json(),
        ReportFormat::Github => report().render_github(),
    };
    Exit {
        code: EX_CONFIG,
        stdout,
        stderr: String::new(),
    }
}

/// The check report of `T` against `subject` (`checked` says what it is),
/// in `form`, and its status: 78 when the configuration would not load,
/// or, when `strict`, when anything needs a look.
pub(super) fn check<T: Config>(
    subject: &dyn Subject,
    checked: String,
    strict: bool,
    form: ReportFormat,
) -> Exit {
    let mut checking = config::check::<T>(subject);
    config::hint_typos::<T>(&mut checking.problems, subject);
    let report = Report::new(&T::docs(), subject, checking, checked, strict);
    let stdout = match form {
        ReportFormat::Text => report.render(),
        ReportFormat::Json => report.render_json(),
        ReportFormat::Github => report.render_github(),
    };
    Exit {
        code: if report.passes() { 0 } else { EX_CONFIG },
        stdout,
        stderr: String::new(),
    }
}
