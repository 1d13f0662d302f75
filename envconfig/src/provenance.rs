//! [`Provenance`]: where a variable's value came from, as sources find it,
//! problems and warnings cite it, and the check report and the operator's
//! view show it. One type for all of them.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::shown::Abridged;

/// Where an effective value came from.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Provenance {
    /// The process environment (or the pairs given to `load_from_vars`).
    Environment,
    /// A line of a dotenv file.
    EnvFile {
        /// The file.
        path: PathBuf,
        /// The 1-based line where the entry starts.
        line: usize,
    },
    /// The file a `NAME_FILE` variable names.
    SecretFile {
        /// The `NAME_FILE` variable.
        file_var: String,
        /// The file.
        path: PathBuf,
    },
    /// The file named like the variable in the struct's `secrets_dir`.
    SecretsDir {
        /// The file.
        path: PathBuf,
    },
    /// A line of a Kubernetes manifest (`--check-env --manifest`): the
    /// container's `env` entry, or the ConfigMap key, that sets the
    /// variable.
    Manifest {
        /// The manifest (`<stdin>` when it was read from stdin).
        path: PathBuf,
        /// The 1-based line.
        line: usize,
    },
    /// An old name of the variable (`#[config(alias = "...")]`).
    Alias {
        /// The alias.
        alias: String,
        /// Where the alias was found.
        via: Box<Provenance>,
    },
    /// The field's default.
    Default,
    /// Not set, and no default.
    Unset,
}

/// Written out rather than derived: a derived `clone` is `#[inline]`, and
/// every codegen unit that clones one compiled a copy of its own (4.4 KiB
/// of a service's binary for five copies).
impl Clone for Provenance {
    fn clone(&self) -> Provenance {
        match self {
            Provenance::Environment => Provenance::Environment,
            Provenance::EnvFile { path, line } => Provenance::EnvFile {
                path: path.clone(),
                line: *line,
            },
            Provenance::SecretFile { file_var, path } => Provenance::SecretFile {
                file_var: file_var.clone(),
                path: path.clone(),
            },
            Provenance::SecretsDir { path } => Provenance::SecretsDir { path: path.clone() },
            Provenance::Manifest { path, line } => Provenance::Manifest {
                path: path.clone(),
                line: *line,
            },
            Provenance::Alias { alias, via } => Provenance::Alias {
                alias: alias.clone(),
                via: via.clone(),
            },
            Provenance::Default => Provenance::Default,
            Provenance::Unset => Provenance::Unset,
        }
    }
}

/// How a report names a file read from stdin (`-` on the command line).
pub(crate) const STDIN: &str = "<stdin>";

/// Whether `path`, an origin's file, is stdin (`-` as given, or as a
/// report names it): no file that an annotation can point at.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path == Path::new("-") || path == Path::new(STDIN)
}

impl Provenance {
    /// Where the value came from in a few words, as a report's column, a
    /// problem's `(from ...)` and a warning say it: `environment`, a file's
    /// path and line (`.env:3`), the `NAME_FILE` variable, `alias OLD_NAME`,
    /// `default`. Escaped; unlike `Display`, a `NAME_FILE`'s path is left
    /// out (a problem about the file names it itself).
    pub(crate) fn label(&self) -> String {
        match self {
            Provenance::SecretFile { file_var, .. } => format!("{}", Abridged::name(file_var)),
            Provenance::Alias { alias, via } => match **via {
                Provenance::Environment => format!("alias {alias}"),
                _ => format!("alias {alias} ({})", via.label()),
            },
            other => format!("{other}"),
        }
    }

    /// The `kind` of the `json` form of `--print-config`.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Provenance::Environment => "environment",
            Provenance::EnvFile { .. } => "env_file",
            Provenance::SecretFile { .. } => "secret_file",
            Provenance::SecretsDir { .. } => "secrets_dir",
            Provenance::Manifest { .. } => "manifest",
            Provenance::Alias { .. } => "alias",
            Provenance::Default => "default",
            Provenance::Unset => "unset",
        }
    }
}

/// `environment`, `.env:3`, `APP_TOKEN_FILE /run/secrets/token`,
/// `alias OLD_NAME`, `default`, `unset`: escaped, for a person.
impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provenance::Environment => f.write_str("environment"),
            Provenance::EnvFile { path, line } | Provenance::Manifest { path, line } => {
                write!(f, "{}:{line}", Abridged::name(&path.to_string_lossy()))
            }
            Provenance::SecretFile { file_var, path } => write!(
                f,
                "{} {}",
                Abridged::name(file_var),
                Abridged::name(&path.to_string_lossy())
            ),
            Provenance::SecretsDir { path } => {
                write!(f, "{}", Abridged::name(&path.to_string_lossy()))
            }
            Provenance::Alias { alias, via } => match **via {
                Provenance::Environment => write!(f, "alias {alias}"),
                _ => write!(f, "alias {alias} ({via})"),
            },
            Provenance::Default => f.write_str("default"),
            Provenance::Unset => f.write_str("unset"),
        }
    }
}
