//! A deployment's env file, checked alone on a machine that is not the
//! deployment (`--check-env --env-file PATH`): as dotenvy reads it when a
//! service starts with it as `./.env` (`--env-format dotenv`, the default),
//! or as `docker run --env-file` reads it (`--env-format docker`).
//!
//! What the file cannot settle here is not read from the checking
//! machine: a `${NAME}` expands only from the file's own lines above it (a
//! value that depends on another is `unchecked`), and a `NAME_FILE`'s path,
//! a bare `NAME` of a docker file, are the container's (`external`). So the
//! same file gets the same verdict on every machine.

use std::path::Path;

use super::docker_env::{self, DockerValue};
use crate::docs::Docs;
use crate::order::{sorted_by, sorted_names};
use crate::outcome::Outcome;
use crate::provenance::{Provenance, STDIN, is_stdin};
use crate::report::{Subject, SubjectError};
use crate::secrecy::Declared;
use crate::source::dotenv::{EnvFileError, MAX_ENV_FILE_BYTES, add_entries, unsettled_reference};
use crate::source::dotenv_syntax::{self, nothing_outside};
use crate::source::text_file::read_given_file;
use crate::source::{DirFile, Entries, Lookup, Tainted, Unseen, VarName, Variables};
use crate::warning::Warning;

/// How an env file is read: the `FORMAT` of `--check-env --env-file PATH
/// --env-format FORMAT`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum EnvFormat {
    /// `dotenv`: as dotenvy reads it when a service starts with it as
    /// `./.env`: quotes, escapes, `${NAME}` from the lines above, `#`
    /// comments. What the `dotenv` docs format writes.
    #[default]
    #[cfg_attr(
        feature = "clap",
        value(help = "as a start with it as ./.env reads it")
    )]
    Dotenv,
    /// `docker`: as `docker run --env-file` reads it: every `NAME=VALUE`
    /// taken literally (no quotes, no expansion: a value of the
    /// configuration in quotes is a warning), `#` only at the start of a
    /// line, a bare `NAME` taken from the deploying shell. What the
    /// `docker-env` docs format writes.
    #[cfg_attr(feature = "clap", value(help = "as docker run --env-file reads it"))]
    Docker,
}

/// A deployment's env file, read alone.
pub(crate) struct EnvFile {
    entries: Entries,
    /// Whether the files its `NAME_FILE` variables name are opened
    /// (`--read-secret-files`), rather than left to the container.
    open_secret_files: bool,
    /// The names of lines that follow a secret's malformed line (a pasted
    /// multi-line key), which are part of the secret's text: never shown,
    /// not even as names. Sorted.
    hidden: Vec<String>,
    /// Whether one malformed line refuses the whole file: `docker run
    /// --env-file` stops at the first and creates no container, where a
    /// dotenv file's loader skips the line.
    refused_whole: bool,
    /// In docker's format, every line docker itself refuses, in order: a
    /// later line that sets the same name replaces the variable's value,
    /// never the refusal. (A NUL byte is not among them: docker passes it
    /// on, and the runtime fails the start only when the line is the last
    /// of its name, so it stays with the name, replaced like a value.)
    refused_lines: Vec<(Provenance, &'static str)>,
}

impl EnvFile {
    /// The file at `path` (`-` for stdin), read in `format` for the
    /// configuration of `docs`, whose secrets' values are never quoted.
    pub fn read(
        path: &Path,
        format: EnvFormat,
        open_secret_files: bool,
        docs: &Docs,
    ) -> Result<EnvFile, EnvFileError> {
        let unreadable = |reason: String| EnvFileError {
            path: path.to_owned(),
            reason,
        };
        let bytes = read_given_file(path, MAX_ENV_FILE_BYTES).map_err(unreadable)?;
        // Its lines' origins name stdin as every report does.
        let path = match is_stdin(path) {
            true => Path::new(STDIN),
            false => path,
        };
        let secret = docs.secrets();
        let mut file = EnvFile {
            entries: Entries::default(),
            open_secret_files,
            hidden: Vec::new(),
            refused_whole: format == EnvFormat::Docker,
            refused_lines: Vec::new(),
        };
        let mut names = Vec::new();
        for var in docs.vars() {
            names.push(var.name.clone());
            names.extend_from_slice(&var.aliases);
        }
        file.entries.concern(names);
        // The lines whose names are read: each entry's first line, its name,
        // and whether it is malformed.
        let lines: Vec<(usize, Option<&str>, bool)> = match format {
            EnvFormat::Dotenv => {
                let parsed = dotenv_syntax::parse(&bytes, &nothing_outside)
                    .map_err(|too_large| unreadable(format!("{too_large}")))?;
                let lines = parsed
                    .iter()
                    .map(|entry| (entry.line, entry.name, entry.value.is_err()))
                    .collect();
                // The entries come in the file's order: the lines stay
                // sorted.
                let mut unchecked_lines = Vec::new();
                // What a secret's value (or its `NAME_FILE`'s) seems to
                // expand is never quoted.
                let is_secret = |name: &str| secret.holds_secret_text(name);
                add_entries(
                    &mut file.entries,
                    path,
                    parsed,
                    &is_secret,
                    &mut |entry, _| {
                        let name = entry.name.unwrap_or_default();
                        let why = unsettled_reference(entry, &unchecked_lines, is_secret(name));
                        if why.is_some() {
                            unchecked_lines.push(entry.line);
                        }
                        why
                    },
                );
                lines
            }
            EnvFormat::Docker => file.add_docker_entries(path, &bytes),
        };
        file.hide_pasted_secrets(&lines, &secret);
        Ok(file)
    }

    /// Adds the lines of a file that `docker run --env-file` reads: the
    /// lines whose names are read, as [`EnvFile::read`] keeps them.
    fn add_docker_entries<'b>(
        &mut self,
        path: &Path,
        bytes: &'b [u8],
    ) -> Vec<(usize, Option<&'b str>, bool)> {
        let mut lines = Vec::new();
        let mut repeated: Vec<&str> = Vec::new();
        // The names whose last line is bare, with the line above it that
        // stands when the deploying shell has none.
        let mut bare_last: Vec<(&str, usize)> = Vec::new();
        for entry in docker_env::parse(bytes) {
            lines.push((entry.line, entry.name, entry.value.is_err()));
            let origin = Provenance::EnvFile {
                path: path.to_owned(),
                line: entry.line,
            };
            let (name, value) = match (entry.name, entry.value) {
                (name, Err(reason)) => {
                    if reason != docker_env::reason::NUL {
                        self.refused_lines.push((origin.clone(), reason));
                    }
                    self.entries.set_malformed(path, name, origin, reason);
                    continue;
                }
                (Some(name), Ok(value)) => (name, value),
                (None, Ok(_)) => continue,
            };
            let set_above = self.entries.is_set(name);
            if set_above && self.entries.concerns(name) {
                repeated.push(name);
                self.entries.forget_line_warnings(name);
            }
            bare_last.retain(|&(bare, _)| bare != name);
            match value {
                DockerValue::Literal(value) => {
                    // What a dotenv file or a shell would unquote.
                    let quoted = [b'"', b'\''].into_iter().any(|quote| {
                        value.len() > 1
                            && value.as_bytes().starts_with(&[quote])
                            && value.as_bytes().ends_with(&[quote])
                    });
                    if quoted && self.entries.concerns(name) {
                        self.entries.warnings.push(Warning::QuotesKept {
                            at: origin.clone(),
                            var: name.to_owned(),
                        });
                    }
                    self.entries.set_from_line(path, name, value, origin, &[]);
                }
                DockerValue::FromDeployingShell => {
                    let from = "from the environment of the shell that runs `docker run` (a \
                                bare name in the file)";
                    // The shell may not have it: then docker leaves the
                    // line out, and what a line above set the name to
                    // stands; with no such line, it is unset.
                    let above = self.entries.get(name).filter(|above| !above.is_empty());
                    let unseen = match above.map(|above| &above.origin) {
                        Some(Provenance::EnvFile { line, .. }) => {
                            bare_last.push((name, *line));
                            Unseen::ShellOrLine(format!(
                                "{from}, or from line {line} when that shell has none"
                            ))
                        }
                        _ => Unseen::MaybeExternal(from.to_owned()),
                    };
                    self.entries.set_unseen(name, unseen, origin, &[]);
                }
            }
        }
        for var in sorted_names(repeated) {
            let file = path.to_owned();
            let warning = match bare_last.iter().find(|&&(bare, _)| bare == var) {
                Some(&(_, line)) => Warning::SetTwiceLastFromShell {
                    file,
                    var: var.to_owned(),
                    line,
                },
                None => Warning::SetTwice {
                    file,
                    var: var.to_owned(),
                },
            };
            self.entries.warnings.push(warning);
        }
        lines
    }

    /// Hides the names of the lines that follow a secret's malformed line
    /// (a multi-line key pasted without quotes: its base64 lines read as
    /// names), up to the next line that sets a name of the configuration.
    fn hide_pasted_secrets(&mut self, lines: &[(usize, Option<&str>, bool)], secret: &Declared) {
        let mut hiding = false;
        let mut hidden = Vec::new();
        for &(_, name, malformed) in lines {
            match name {
                Some(name) if self.entries.concerns(name) => {
                    hiding = malformed && secret.holds_secret_text(name);
                }
                Some(name) if hiding => hidden.push(name),
                _ => {}
            }
        }
        for name in sorted_names(hidden) {
            self.hidden.push(name.to_owned());
        }
    }
}

impl Variables for EnvFile {
    fn lookup(&self, var: &VarName) -> Lookup<'_> {
        self.entries.lookup(var, self.open_secret_files)
    }

    fn names_unopened_file(&self, var: &VarName) -> bool {
        !self.open_secret_files && self.entries.names_a_file(var)
    }

    fn may_be_unset(&self, var: &VarName) -> Option<String> {
        self.entries.may_be_unset(var)
    }

    fn copying_secrets(&self, secrets: &[&str]) -> Tainted {
        self.entries.copying_secrets(secrets)
    }

    fn warnings(&self) -> Vec<Warning> {
        // Docker ignores no line: each is an error of the file instead.
        self.entries.warnings_but_ignored_lines(self.refused_whole)
    }

    fn set_names(&self) -> Vec<String> {
        // A loop: a collect of the mapped names would be an in-place
        // collect, with code of its own.
        let mut names = Vec::new();
        for (name, _) in self.names() {
            names.push(name.to_owned());
        }
        names
    }

    /// The secrets directory is the container's: what it holds is not in
    /// the file.
    fn in_secrets_dir(&self, dir: &Path, name: &str) -> DirFile<'static> {
        let path = dir.join(name);
        DirFile::Unseen(
            format!(
                "read from {}, if the container has it",
                crate::shown::Abridged::name(&path.to_string_lossy())
            ),
            Provenance::SecretsDir { path },
        )
    }
}

impl Subject for EnvFile {
    fn names(&self) -> Vec<(&str, Option<Provenance>)> {
        let mut names = self.entries.names();
        names.retain(|(name, _)| {
            self.hidden
                .binary_search_by(|hidden| hidden.as_str().cmp(name))
                .is_err()
        });
        names
    }

    /// In docker's format, every line docker refuses: any one of them makes
    /// `docker run` refuse the file, whether a field reads its name or not,
    /// and whatever later lines set. And every NUL byte that reaches the
    /// container: the runtime keeps the last line of each name (runc's
    /// `prepareEnv`), and fails the start on a NUL in it.
    fn errors(&self) -> Vec<SubjectError> {
        let mut errors = Vec::new();
        for (origin, reason) in &self.refused_lines {
            errors.push(SubjectError {
                at: Some(origin.clone()),
                message: format!(
                    "{reason}; docker refuses the whole file, and creates no container"
                ),
            });
        }
        for malformed in self.entries.malformed_lines() {
            if self.refused_whole && malformed.reason == docker_env::reason::NUL {
                errors.push(SubjectError {
                    at: Some(malformed.origin.clone()),
                    message: format!("{}; the container would not start", malformed.reason),
                });
            }
        }
        sorted_by(errors, |error| match &error.at {
            Some(Provenance::EnvFile { line, .. }) => (&[], *line),
            _ => (&[], 0),
        })
    }

    fn kind(&self) -> &'static str {
        "the env file"
    }

    fn warnings_about(&self, _: &[Outcome], _: &Declared) -> Vec<Warning> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
