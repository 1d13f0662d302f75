//! [`Origin`]: where a value was found, as the check report and problems
//! say it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::shown::Abridged;

/// Where a value was found.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Origin {
    /// The process environment, or the pairs given to `from_vars`.
    Environment,
    /// A line of a dotenv file.
    EnvFile {
        /// The file.
        path: Arc<Path>,
        /// The 1-based line where the entry starts.
        line: usize,
    },
    /// The file named by the `NAME_FILE` variable.
    SecretFile(PathBuf),
    /// A line of a Kubernetes manifest: the container's `env` entry, or the
    /// ConfigMap key, that sets the variable.
    #[cfg_attr(not(feature = "k8s"), allow(dead_code))]
    Manifest {
        /// The manifest (`<stdin>` for `-`).
        path: Arc<Path>,
        /// The 1-based line.
        line: usize,
    },
    /// The field's default.
    Default,
    /// An alias of the variable (`#[config(alias = "OLD_NAME")]`), and
    /// where that was found.
    Alias { alias: String, via: Box<Origin> },
}

impl Origin {
    /// Where the value came from, as a report's column, a problem's
    /// `(from ...)` and a warning say it: `environment`, the dotenv file's
    /// path and line (`.env:3`), `NAME_FILE` (of `var`), `default`.
    pub fn label(&self, var: &str) -> String {
        match self {
            Origin::Environment => "environment".to_owned(),
            Origin::EnvFile { path, line } | Origin::Manifest { path, line } => {
                format!("{}:{line}", Abridged::name(&path.to_string_lossy()))
            }
            Origin::SecretFile(_) => format!("{var}_FILE"),
            Origin::Default => "default".to_owned(),
            Origin::Alias { alias, via } => match **via {
                Origin::Environment => format!("alias {alias}"),
                _ => format!("alias {alias} ({})", via.label(alias)),
            },
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Environment => f.write_str("environment"),
            Origin::EnvFile { path, line } | Origin::Manifest { path, line } => {
                write!(f, "{}:{line}", path.display())
            }
            Origin::SecretFile(path) => write!(f, "file {}", path.display()),
            Origin::Default => f.write_str("default"),
            Origin::Alias { alias, via } => write!(f, "alias {alias} ({via})"),
        }
    }
}
