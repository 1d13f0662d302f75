//! [`Format`]: the renderings of [`Docs`](super::Docs) and their names.

use std::fmt;
use std::str::FromStr;

use crate::shown::Abridged;

/// A rendering of [`Docs`](super::Docs): the `FORMAT` of `--print-env-docs=FORMAT`.
///
/// Every format says once that any variable `NAME` can also be read from
/// the file that `NAME_FILE` names, and names each secret's `NAME_FILE`
/// in its entry.
///
/// Parsed from its name, in any case, or from a short form (`md` for
/// `markdown`, `env` for `dotenv`); displayed as its name:
///
/// ```
/// use envconfig::Format;
///
/// let format: Format = "k8s".parse()?;
/// assert_eq!(format, Format::K8s);
/// assert_eq!(format.to_string(), "k8s");
/// assert_eq!("MD".parse::<Format>()?, Format::Markdown);
/// assert_eq!(Format::default(), Format::Text);
///
/// let unknown = "yaml".parse::<Format>().unwrap_err();
/// assert_eq!(
///     unknown.to_string(),
///     "unknown format \"yaml\": expected one of text, markdown (md), dotenv (env), \
///      docker-env, json, k8s, k8s-files"
/// );
/// # Ok::<(), envconfig::UnknownFormat>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum Format {
    /// `text`: an aligned table for a terminal, one variable a row. The
    /// description column wraps to the width of the terminal (see
    /// [`Docs::render_text`](super::Docs::render_text)); when the table leaves it too little room,
    /// each description goes on the lines under its row instead.
    #[default]
    #[cfg_attr(feature = "clap", value(help = "an aligned table (the default)"))]
    Text,
    /// `markdown` (or `md`): a table to paste into a README. It passes
    /// markdownlint's default rules but line length, and every cell shows
    /// its text as written in CommonMark and GitHub renderers and in
    /// Python-Markdown (which MkDocs uses).
    #[cfg_attr(feature = "clap", value(alias = "md", help = "a Markdown table"))]
    Markdown,
    /// `dotenv` (or `env`): a commented `.env.example`, for envconfig's own
    /// `.env` (read with dotenvy) and for POSIX shells
    /// (`set -a; . ./.env`). Required variables are set to nothing
    /// (`NAME=`) for someone to fill in; optional ones are commented out,
    /// with their default when it is not secret. Once uncommented, every
    /// default and example reads back as written in both readers, and
    /// sourcing the file never runs a command. A value no spelling keeps
    /// the same in both (a line break, a control character) is left out,
    /// with a comment saying so.
    #[cfg_attr(
        feature = "clap",
        value(alias = "env", help = "a commented .env.example, for dotenv and sh")
    )]
    Dotenv,
    /// `docker-env`: the same template for `docker run --env-file`, which
    /// takes every value verbatim: no quotes, no escapes, no `${NAME}`.
    #[cfg_attr(
        feature = "clap",
        value(name = "docker-env", help = "the template for docker run --env-file")
    )]
    DockerEnv,
    /// `json`: for tools, with a stable schema, which ships as a JSON
    /// Schema in `envconfig/schema/docs.v2.schema.json`:
    ///
    /// ```json
    /// {
    ///   "version": 2,
    ///   "file_suffix": "_FILE",
    ///   "variables": [
    ///     {
    ///       "name": "APP_PORT",
    ///       "file_var": "APP_PORT_FILE",
    ///       "type": {
    ///         "kind": "integer",
    ///         "text": "integer 1024..=49151",
    ///         "min": "1024",
    ///         "max": "49151"
    ///       },
    ///       "required": false,
    ///       "required_when": null,
    ///       "switched_on_by": null,
    ///       "default": "8080",
    ///       "default_is_value": true,
    ///       "secret": false,
    ///       "description": "Port the HTTP server listens on.",
    ///       "example": null,
    ///       "aliases": ["PORT"],
    ///       "deprecated": null,
    ///       "group": null
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// Every key of a variable is always present. `file_suffix` says that
    /// any variable `NAME` can also be read from the file that `NAME_FILE`
    /// names, and each variable's `file_var` is its `NAME_FILE`.
    /// `type.kind` is one of
    /// `boolean`, `integer`, `float`, `duration`, `byte_size`, `string`,
    /// `path`, `choice`, `list` and `other`; `min` and `max` (written as
    /// environment values), `choices`, and a list's `separator` and `item`
    /// are present when they apply. `default` is an environment value when
    /// `default_is_value`, else a Rust expression as written; a secret
    /// default is `"<redacted>"`. `group` is the title of the nested struct
    /// the variable belongs to. In an optional group, `required_when` says
    /// in words when a variable is required (`"any APP_TLS_* is set"`), and
    /// `switched_on_by` what switches the group on, as data:
    /// `{"any_set": {"prefix": "APP_TLS_", "variables": ["APP_TLS_CERT",
    /// "APP_TLS_KEY"]}}` or `{"enabled_by": "APP_TLS_ENABLED"}`. `version` is [`Docs::SCHEMA_VERSION`](super::Docs::SCHEMA_VERSION).
    ///
    /// With the `serde` feature, [`Docs`](super::Docs) implements `serde::Serialize`
    /// with this same schema.
    #[cfg_attr(feature = "clap", value(help = "JSON, for tools"))]
    Json,
    /// `k8s`: the `env:` list of a Kubernetes container, in YAML, to paste
    /// as it is among the keys of a container of a Deployment: `env:` is
    /// indented by 8 spaces, as `kubectl create deployment -o yaml` and the
    /// Kubernetes documentation write a container's keys.
    ///
    /// Every variable is listed, so the list is a complete template:
    ///
    /// - a secret is a `valueFrom.secretKeyRef` whose key is the variable's
    ///   name, in a Secret named after the root struct's prefix (`BILLING_`
    ///   gives `billing-secrets`; no prefix gives `app-secrets`): a
    ///   placeholder to rename, derived so that two services' lists do not
    ///   collide. A secret that may be absent gets `optional: true`.
    /// - any other required variable gets `value: ""`, which envconfig reads
    ///   as unset: the container then stops with "set but empty" until
    ///   someone fills it in, rather than deploying an example by accident.
    /// - any other variable is commented out, with its default as its value
    ///   when the default is one, as in the `dotenv` template: the default
    ///   in the code applies, and a later change of it takes effect.
    ///   Uncommenting an entry pins its value in the manifest. Each `$` of
    ///   a default is written `$$`, which the kubelet reads as one `$`
    ///   (it expands `$(NAME)` in a `value:`).
    ///
    /// The description, type, default and example of each variable are in
    /// the comment above it.
    #[cfg_attr(feature = "clap", value(help = "a Kubernetes container env: list"))]
    K8s,
    /// `k8s-files`: as `k8s`, but every secret is read from a file of a
    /// mounted Secret, the way the `NAME_FILE` convention reads it: the
    /// container gets `NAME_FILE` pointing at
    /// `/run/secrets/<secret>/NAME` and a read-only `volumeMounts` entry,
    /// and the pod a `volumes` entry of the Secret, named after it but cut
    /// to the 63 characters a volume's name may have. A secret that may be
    /// absent is commented out: its file would be missing until the Secret
    /// has its key. Paste it as it is at the end of the keys of the pod's
    /// only container: the container's `env:` and `volumeMounts:` are
    /// indented by 8 spaces, and the pod's `volumes:` by 6.
    #[cfg_attr(
        feature = "clap",
        value(
            name = "k8s-files",
            help = "the k8s env: list, with secrets mounted as files (NAME_FILE)"
        )
    )]
    K8sFiles,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: &'static [Format] = &[
        Format::Text,
        Format::Markdown,
        Format::Dotenv,
        Format::DockerEnv,
        Format::Json,
        Format::K8s,
        Format::K8sFiles,
    ];

    /// The name `--print-env-docs=FORMAT` takes: `text`, `markdown`,
    /// `dotenv`, `docker-env`, `json`, `k8s` or `k8s-files`.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Dotenv => "dotenv",
            Format::DockerEnv => "docker-env",
            Format::Json => "json",
            Format::K8s => "k8s",
            Format::K8sFiles => "k8s-files",
        }
    }

    /// The short form its name may be given as: `md`, `env`.
    const fn short_name(self) -> Option<&'static str> {
        match self {
            Format::Markdown => Some("md"),
            Format::Dotenv => Some("env"),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// A format from its name or short form, in any case: `markdown`,
    /// `Markdown`, `md`.
    fn from_str(name: &str) -> Result<Format, UnknownFormat> {
        Format::ALL
            .iter()
            .copied()
            .find(|format| {
                std::iter::once(format.name())
                    .chain(format.short_name())
                    .any(|known| known.eq_ignore_ascii_case(name))
            })
            .ok_or_else(|| UnknownFormat {
                name: name.to_owned(),
            })
    }
}

/// A name that is not one of the [`Format`]s.
#[derive(Clone, PartialEq, Eq)]
pub struct UnknownFormat {
    name: String,
}

// Not derived: the name is from the command line, so `Debug` is bounded
// and escaped like `Display`.
impl fmt::Debug for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownFormat")
            .field("name", &Abridged::quoted(&self.name))
            .finish()
    }
}

impl UnknownFormat {
    /// The name as given.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The name is from the command line: shown escaped and cut short.
        write!(
            f,
            "unknown format {}: expected {FormatNames}",
            Abridged::quoted(&self.name)
        )
    }
}

/// `one of text, markdown (md), dotenv (env), ...`, for messages.
pub(crate) struct FormatNames;

impl fmt::Display for FormatNames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of ")?;
        for (i, format) in Format::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(format.name())?;
            if let Some(short) = format.short_name() {
                write!(f, " ({short})")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for UnknownFormat {}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn an_unknown_format_is_bounded_and_escaped_in_debug_as_in_display() {
        let name = format!("x\u{202e}\n{}", "y".repeat(100_000));
        let unknown = name.parse::<Format>().unwrap_err();
        for shown in [format!("{unknown}"), format!("{unknown:?}")] {
            assert!(shown.len() < 1_000, "{} bytes", shown.len());
            assert!(!shown.contains(['\u{202e}', '\n']), "{shown}");
        }
        assert_eq!(unknown.name(), name);
    }

    #[test]
    fn a_format_is_padded_as_a_str_is() {
        assert_eq!(format!("[{:<6}]", Format::Json), "[json  ]");
        assert_eq!(format!("[{:>4}]", Format::K8s), "[ k8s]");
    }
}
