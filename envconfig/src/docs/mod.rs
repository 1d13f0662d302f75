//! [`Docs`]: the reference of every variable of a configuration, as data, and
//! its renderings, one file per [`Format`]. Every format renders this one
//! model, so they cannot disagree about a variable.

use std::fmt;
use std::str::FromStr;

use crate::field::{DefaultValue, Field};
use crate::shown::{Abridged, REDACTED};
use crate::value::{Parse, ValueKind};

mod dotenv;
pub(crate) mod json;
mod k8s;
mod markdown;
#[cfg(feature = "serde")]
mod serde;
mod text;

/// The reference of every variable a configuration reads, nested ones
/// included, in the order of the struct's fields.
///
/// ```
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
/// let docs = Settings::docs();
/// let port = &docs.vars()[0];
/// assert_eq!(port.name, "APP_PORT");
/// assert_eq!(port.value_type, "integer 0..=65535");
/// assert_eq!(port.default.as_deref(), Some("8080"));
/// assert_eq!(port.description, "Port the HTTP server listens on.");
///
/// // Its `Display` is the `text` table of `--print-env-docs`.
/// assert!(docs.to_string().starts_with("NAME "));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    prefix: String,
    vars: Vec<VarDoc>,
    /// The titles of the groups being described, outermost first.
    groups: Vec<&'static str>,
}

/// The reference of one variable.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct VarDoc {
    /// The variable's name (`APP_PORT`).
    pub name: String,
    /// Its type in words (`integer 0..=65535`, `duration`,
    /// `list of strings separated by ','`).
    pub value_type: String,
    /// Whether the application fails to start without it.
    pub required: bool,
    /// The default as written in the source, or `<redacted>` for a secret.
    pub default: Option<String>,
    /// Whether `default` is written the way the variable's value is; see
    /// [`default_value`](Self::default_value).
    pub(crate) default_is_value: bool,
    /// Whether the value is secret: never shown, and a Kubernetes
    /// `secretKeyRef` in the `k8s` rendering.
    pub secret: bool,
    /// The field's doc comment.
    pub description: String,
    /// An example value, from `#[config(example = "...")]`.
    pub example: Option<String>,
    /// Old names still read when the variable is unset
    /// (`#[config(alias = "...")]`).
    pub aliases: Vec<String>,
    /// Its type as data: kind, range, choices, list separator and item.
    pub kind: ValueKind,
    /// The group of a nested struct's variables: the nested field's doc
    /// comment (of the innermost one that has one). `None` at the top.
    pub group: Option<String>,
    /// Why the variable is deprecated, and what to do instead
    /// (`#[config(deprecated = "...")]`).
    pub deprecated: Option<String>,
}

impl Docs {
    /// The version of the schema of the [`Format::Json`] rendering, its
    /// `"version"` field. It changes only when a change could break a reader:
    /// a renamed or removed key, or a changed meaning.
    ///
    /// Version 2 gives each type as data (`type` is an object with `kind`,
    /// `text`, `min`, `max`, `choices`, `separator`, `item`), and adds
    /// `default_is_value`, `aliases`, `deprecated` and `group`.
    pub const SCHEMA_VERSION: u32 = 2;

    /// Empty docs of a configuration whose root struct has `prefix`.
    pub(crate) fn new(prefix: &str) -> Docs {
        Docs {
            prefix: prefix.to_owned(),
            vars: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// The prefix of the root struct (`BILLING_`), empty when it has none.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Every variable.
    pub fn vars(&self) -> &[VarDoc] {
        &self.vars
    }

    /// Renders the reference in one of the [`Format`]s: what
    /// `--print-env-docs=FORMAT` prints.
    ///
    /// ```
    /// use envconfig::{Config, Format};
    ///
    /// #[derive(Config)]
    /// #[config(prefix = "APP_")]
    /// struct Settings {
    ///     /// Port the HTTP server listens on.
    ///     #[config(default = 8080)]
    ///     port: u16,
    /// }
    ///
    /// let text = Settings::docs().render(Format::Dotenv);
    /// assert!(text.contains("# Port the HTTP server listens on.\n"));
    /// assert!(text.contains("# APP_PORT=8080\n"));
    /// ```
    ///
    /// The `text` table is wrapped to [`Docs::TEXT_WIDTH`] columns here;
    /// [`render_text`](Self::render_text) wraps it to another width.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => text::render(self, Docs::TEXT_WIDTH),
            Format::Markdown => markdown::render(self),
            Format::Dotenv => dotenv::render(self, dotenv::Reader::DotenvAndShell),
            Format::DockerEnv => dotenv::render(self, dotenv::Reader::Docker),
            Format::Json => json::render(self),
            Format::K8s => k8s::render(self, k8s::Secrets::KeyRefs),
            Format::K8sFiles => k8s::render(self, k8s::Secrets::Files),
        }
    }

    /// The width the `text` table is wrapped to when no other is known: what
    /// `--print-env-docs` uses when its output is not a terminal and
    /// `COLUMNS` is not set.
    pub const TEXT_WIDTH: usize = 100;

    /// The [`Format::Text`] table, its description column wrapped so that
    /// no line is wider than `width` columns of a terminal (counted as a
    /// terminal shows them: a CJK character or an emoji takes two). When
    /// the other columns leave the descriptions fewer than
    /// 30 columns, each description goes on the lines under its row,
    /// indented, instead. A single word wider than the room is broken.
    ///
    /// `--print-env-docs` wraps it to `COLUMNS` when that is set, else to 80
    /// columns on a terminal (the width of the terminal cannot be asked
    /// without `unsafe` code or another dependency; a shell sets `COLUMNS`
    /// but does not always export it), else to [`Docs::TEXT_WIDTH`].
    ///
    /// ```
    /// use envconfig::Config;
    ///
    /// #[derive(Config)]
    /// struct Settings {
    ///     /// Port the HTTP server listens on; ports below 1024 need privileges.
    ///     #[config(default = 8080)]
    ///     port: u16,
    /// }
    ///
    /// let text = Settings::docs().render_text(80);
    /// assert!(text.lines().all(|line| line.chars().count() <= 80));
    /// ```
    pub fn render_text(&self, width: usize) -> String {
        text::render(self, width)
    }

    /// Makes secret every variable that a secret field reads, whichever
    /// other field reads it too (across nested structs, which the derive
    /// cannot see).
    pub(crate) fn share_secrecy(&mut self) {
        let secret: Vec<String> = self
            .vars
            .iter()
            .filter(|var| var.secret)
            .map(|var| var.name.clone())
            .collect();
        for var in &mut self.vars {
            if !var.secret && secret.contains(&var.name) {
                var.secret = true;
                var.default_is_value = false;
                if var.default.is_some() {
                    var.default = Some(REDACTED.to_owned());
                }
            }
        }
    }

    /// Describes `describe`'s variables as the group `title`.
    pub(crate) fn in_group(&mut self, title: &'static str, describe: impl FnOnce(&mut Docs)) {
        self.groups.push(title);
        describe(self);
        self.groups.pop();
    }

    /// Adds the variable of `field`, read with `parser`, under `prefix`.
    ///
    /// `default_expr` is the compiled `default = <expr>`, if the field has
    /// one: the docs show its value as an environment value when the parser
    /// can write it (`Duration::from_secs(90)` as `90s`), else its text.
    pub(crate) fn push_var<P: Parse>(
        &mut self,
        prefix: &str,
        field: &Field,
        parser: &P,
        optional: bool,
        default_expr: Option<fn() -> P::Value>,
    ) {
        let secret = field.is_secret();
        let (default, default_is_value) = match (&field.default, default_expr) {
            (_, _) if secret => (field.default_text().map(|_| REDACTED.to_owned()), false),
            (DefaultValue::Expr(text), Some(default)) => match parser.to_env(&default()) {
                Some(value) => (Some(value), true),
                None => (Some((*text).to_owned()), false),
            },
            (DefaultValue::Expr(text), None) => (Some((*text).to_owned()), false),
            (DefaultValue::Parsed(text), _) => (Some((*text).to_owned()), true),
            (DefaultValue::None, _) => (None, false),
        };
        let value_type = field.expected(parser).into_owned();
        self.vars.push(VarDoc {
            name: field.name.resolve(prefix),
            kind: parser.value_kind(),
            value_type,
            required: !optional && matches!(field.default, DefaultValue::None),
            default,
            default_is_value,
            secret,
            description: field.doc.to_owned(),
            example: field.example.map(str::to_owned),
            aliases: field
                .aliases
                .iter()
                .map(|alias| (*alias).to_owned())
                .collect(),
            deprecated: field.deprecated.map(str::to_owned),
            group: self
                .groups
                .iter()
                .rev()
                .find(|title| !title.is_empty())
                // A title, not a sentence.
                .map(|title| title.trim_end_matches('.').to_owned()),
        });
    }
}

/// The [`Format::Text`] rendering: `println!("{}", Settings::docs())`.
impl fmt::Display for Docs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Format::Text))
    }
}

/// A rendering of [`Docs`]: the `FORMAT` of `--print-env-docs=FORMAT`.
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
    /// [`Docs::render_text`]); when the table leaves it too little room,
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
    ///   "variables": [
    ///     {
    ///       "name": "APP_PORT",
    ///       "type": {
    ///         "kind": "integer",
    ///         "text": "integer 1024..=49151",
    ///         "min": "1024",
    ///         "max": "49151"
    ///       },
    ///       "required": false,
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
    /// Every key of a variable is always present. `type.kind` is one of
    /// `boolean`, `integer`, `float`, `duration`, `byte_size`, `string`,
    /// `path`, `choice`, `list` and `other`; `min` and `max` (written as
    /// environment values), `choices`, and a list's `separator` and `item`
    /// are present when they apply. `default` is an environment value when
    /// `default_is_value`, else a Rust expression as written; a secret
    /// default is `"<redacted>"`. `group` is the title of the nested struct
    /// the variable belongs to. `version` is [`Docs::SCHEMA_VERSION`].
    ///
    /// With the `serde` feature, [`Docs`] implements `serde::Serialize`
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
    ///   Uncommenting an entry pins its value in the manifest.
    ///
    /// The description, type, default and example of each variable are in
    /// the comment above it.
    #[cfg_attr(feature = "clap", value(help = "a Kubernetes container env: list"))]
    K8s,
    /// `k8s-files`: as `k8s`, but every secret is read from a file of a
    /// mounted Secret, the way the `NAME_FILE` convention reads it: the
    /// container gets `NAME_FILE` pointing at
    /// `/run/secrets/<secret>/NAME` and a read-only `volumeMounts` entry,
    /// and the pod a `volumes` entry of the Secret. A secret that may be
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
        f.write_str(self.name())
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat {
    name: String,
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

impl VarDoc {
    /// The default as a value of the variable, so that setting the variable
    /// to it changes nothing: a string default (`"30s"`), or a plain literal
    /// that reads back as the same value (`8080`, `false`). `None` for a
    /// Rust expression such as `Duration::from_secs(30)`, for a secret, and
    /// when there is no default. The `dotenv` and `k8s` renderings write only
    /// such a default as a value.
    pub fn default_value(&self) -> Option<&str> {
        self.default.as_deref().filter(|_| self.default_is_value)
    }

    /// What an operator should know of the variable besides its
    /// description: its old names and why it is deprecated, in a sentence
    /// or two (`Formerly PORT (still read). Deprecated: set X instead.`);
    /// empty when there is nothing to say.
    pub fn notes(&self) -> String {
        let mut notes = String::new();
        if !self.aliases.is_empty() {
            notes.push_str("Formerly ");
            notes.push_str(&self.aliases.join(", "));
            notes.push_str(" (still read).");
        }
        if let Some(note) = &self.deprecated {
            if !notes.is_empty() {
                notes.push(' ');
            }
            notes.push_str("Deprecated: ");
            notes.push_str(note.trim_end_matches('.'));
            notes.push('.');
        }
        notes
    }

    /// `required`, `default <value>` or `optional`: where a variable
    /// stands, in words shared by the renderings.
    fn requirement(&self) -> String {
        match (&self.default, self.required) {
            (Some(default), _) if default.is_empty() => "default empty".to_owned(),
            (Some(default), _) => format!("default {default}"),
            (None, true) => "required".to_owned(),
            (None, false) => "optional".to_owned(),
        }
    }
}

/// Test fixtures: a hand-built model with every kind of variable and the
/// characters each format must escape.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::{Docs, VarDoc};
    use crate::shown::REDACTED;

    pub fn var(name: &str, value_type: &str) -> VarDoc {
        VarDoc {
            name: name.to_owned(),
            value_type: value_type.to_owned(),
            required: false,
            default: None,
            default_is_value: false,
            secret: false,
            description: String::new(),
            example: None,
            aliases: Vec::new(),
            deprecated: None,
            group: None,
            kind: crate::value::ValueKind::of(crate::value::Kind::Other),
        }
    }

    /// The billing service's variables, plus awkward characters.
    pub fn billing() -> Docs {
        let mut docs = Docs::new("BILLING_");
        docs.vars = vec![
            VarDoc {
                default: Some("8080".into()),
                description: "Port the HTTP server listens on.".into(),
                ..var("BILLING_PORT", "integer 0..=65535")
            },
            VarDoc {
                required: true,
                secret: true,
                description: "Postgres connection URL.".into(),
                example: Some("postgres://user:pass@db:5432/billing".into()),
                ..var("BILLING_DATABASE_URL", "string")
            },
            VarDoc {
                secret: true,
                default: Some(REDACTED.into()),
                description: "Signing key; the default is for development.".into(),
                ..var("BILLING_SIGNING_KEY", "string")
            },
            VarDoc {
                default: Some("30s".into()),
                description: "How long a request may take.".into(),
                ..var("BILLING_REQUEST_TIMEOUT", "duration")
            },
            VarDoc {
                required: true,
                description: "Hosts allowed to call us | comma-separated.\nSecond line.".into(),
                example: Some("a.example.com,b.example.com".into()),
                ..var("BILLING_ALLOWED_HOSTS", "list of strings separated by '|'")
            },
            VarDoc {
                secret: true,
                description: "Sentry DSN; errors are not reported when unset.".into(),
                ..var("BILLING_SENTRY_DSN", "string")
            },
            VarDoc {
                default: Some("café it's \"quoted\" \\ $HOME #not-a-comment\ttab `tick`".into()),
                description: "A greeting with \u{1} a control char, café and \u{2028}.".into(),
                ..var("BILLING_GREETING", "string")
            },
            VarDoc {
                default: Some("info".into()),
                ..var("BILLING_LOG_LEVEL", "Level")
            },
        ];
        for var in &mut docs.vars {
            var.default_is_value = var.default.is_some() && !var.secret;
        }
        docs.vars.push(VarDoc {
            default: Some("Duration::from_secs(5)".into()),
            description: "A default written as a Rust expression.".into(),
            ..var("BILLING_IDLE_TIMEOUT", "duration")
        });
        docs
    }
}
