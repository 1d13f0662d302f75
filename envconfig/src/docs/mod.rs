//! [`Docs`]: the reference of every variable of a configuration, as data, and
//! its renderings, one file per [`Format`]. Every format renders this one
//! model, so they cannot disagree about a variable.

use std::fmt;

use crate::field::{DefaultValue, Field};
use crate::secrecy::Declared;
use crate::shown::REDACTED;
use crate::value::{Parse, ValueKind};

mod dotenv;
#[cfg(test)]
pub(crate) mod fixtures;
mod format;
pub(crate) mod json;
mod k8s;
mod markdown;
#[cfg(feature = "serde")]
mod serde;
mod switch;
mod text;

pub(crate) use format::FormatNames;
#[cfg(all(test, feature = "k8s"))]
pub(crate) use k8s::tests::uncommented as k8s_uncommented;

pub(crate) use crate::source::FILE_SUFFIX;

/// What every format says once: the `NAME_FILE` convention.
pub(crate) const FILE_VARS: &str =
    "Any variable NAME can also be read from the file that NAME_FILE names.";
pub use format::{Format, UnknownFormat};
pub use switch::GroupSwitch;

/// The reference of every variable a configuration reads, nested ones
/// included, in the order of the struct's fields; a variable that two
/// fields read is listed once, where the first reads it.
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
    /// When the optional groups being described are on, innermost last.
    switched_on_when: Vec<GroupSwitch>,
    /// The `secrets_dir` of the configuration, if it has one.
    secrets_dir: Option<&'static str>,
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
    /// When a variable of an optional group is required: `any APP_TLS_*
    /// is set`, `APP_TLS_ENABLED is true`. It is not `required` then,
    /// since the group may be off.
    pub required_when: Option<String>,
    /// What switches on the optional group the variable belongs to (the
    /// innermost one), as data; `None` outside optional groups.
    pub switched_on_by: Option<GroupSwitch>,
    /// The default as an environment value (a string default as written;
    /// an expression as its value, `Duration::from_secs(90)` as `90s`, when
    /// its type can write one, else as written), or `<redacted>` for a
    /// secret.
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
    /// `default_is_value`, `aliases`, `deprecated` and `group`; since then,
    /// `required_when` and `switched_on_by` were added, which a reader of
    /// version 2 may ignore.
    pub const SCHEMA_VERSION: u32 = 2;

    /// Empty docs of a configuration whose root struct has `prefix`.
    pub(crate) fn new(prefix: &str) -> Docs {
        Docs {
            prefix: prefix.to_owned(),
            vars: Vec::new(),
            groups: Vec::new(),
            switched_on_when: Vec::new(),
            secrets_dir: None,
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
    /// `--print-env-docs` wraps it to `COLUMNS` when that is set, else to
    /// [`Docs::TEXT_WIDTH`].
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
        let secret = self.secrets();
        for var in &mut self.vars {
            if !var.secret && secret.is_secret(&var.name) {
                var.secret = true;
                var.default_is_value = false;
                if var.default.is_some() {
                    var.default = Some(REDACTED.to_owned());
                }
            }
        }
    }

    /// The variables that secret fields read, and their aliases: what the
    /// readers of a deployment's files must never quote.
    pub(crate) fn secrets(&self) -> Declared {
        let mut secret = Declared::default();
        for var in self.vars.iter().filter(|var| var.secret) {
            secret.declare(&var.name);
            for alias in &var.aliases {
                secret.declare(alias);
            }
        }
        secret
    }

    /// Describes `describe`'s variables as the group `title`.
    pub(crate) fn in_group(&mut self, title: &'static str, describe: impl FnOnce(&mut Docs)) {
        self.groups.push(title);
        describe(self);
        self.groups.pop();
    }

    /// Records the configuration's secrets directory; the outermost
    /// struct's wins.
    pub(crate) fn set_secrets_dir(&mut self, dir: &'static str) {
        self.secrets_dir.get_or_insert(dir);
    }

    /// The directory unset variables are read from, when the
    /// configuration has one (`#[config(secrets_dir = "...")]`).
    pub fn secrets_dir(&self) -> Option<&str> {
        self.secrets_dir
    }

    /// What every format says after [`FILE_VARS`] when the configuration
    /// has a secrets directory: the file of it that a variable is read
    /// from, as `shown` writes a path.
    pub(crate) fn secrets_dir_note(&self, shown: impl Fn(&str) -> String) -> Option<String> {
        let dir = self.secrets_dir?.trim_end_matches('/');
        let file = shown(&format!("{dir}/NAME"));
        Some(format!(
            "When neither is set, it is read from {file}, if that file exists."
        ))
    }

    /// Describes `describe`'s variables as the optional group `title`,
    /// which `switch` turns on; the variables of an `AnySet` group are
    /// filled in once described.
    pub(crate) fn in_optional_group(
        &mut self,
        title: &'static str,
        switch: GroupSwitch,
        describe: impl FnOnce(&mut Docs),
    ) {
        let first = self.vars.len();
        self.switched_on_when.push(switch);
        self.in_group(title, describe);
        let mut switch = self.switched_on_when.pop();
        if let Some(GroupSwitch::AnySet { variables, .. }) = &mut switch {
            variables.extend(self.vars[first..].iter().map(|var| var.name.clone()));
        }
        // An inner group's variables keep their own switch.
        for var in &mut self.vars[first..] {
            if var.switched_on_by.is_none() {
                var.switched_on_by.clone_from(&switch);
            }
        }
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
        let secret = field.is_secret() || parser.secret();
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
        let required = !optional && matches!(field.default, DefaultValue::None);
        let required_when = self
            .switched_on_when
            .last()
            .filter(|_| required)
            .map(GroupSwitch::when);
        let var = VarDoc {
            name: field.name.resolve(prefix),
            kind: parser.value_kind(),
            value_type,
            required: required && required_when.is_none(),
            required_when,
            // Filled in by `in_optional_group`, which knows every variable.
            switched_on_by: None,
            default,
            default_is_value,
            secret,
            description: field.doc.to_owned(),
            example: field.example().map(str::to_owned),
            aliases: field
                .aliases()
                .iter()
                .map(|alias| (*alias).to_owned())
                .collect(),
            deprecated: field.deprecated().map(str::to_owned),
            group: self
                .groups
                .iter()
                .rev()
                .find(|title| !title.is_empty())
                // A title, not a sentence.
                .map(|title| title.trim_end_matches('.').to_owned()),
        };
        // A variable that two fields read (through nesting) is one
        // variable: listed once, where the first field reads it.
        match self.vars.iter_mut().find(|listed| listed.name == var.name) {
            Some(listed) => listed.merge(var),
            None => self.vars.push(var),
        }
    }
}

/// The [`Format::Text`] rendering: `println!("{}", Settings::docs())`.
impl fmt::Display for Docs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Format::Text))
    }
}

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
    /// description: its old names, why it is deprecated, and for a secret
    /// the `NAME_FILE` that can give it instead, in a sentence or two
    /// (`Formerly PORT (still read). Deprecated: set X instead.`, `Or from
    /// the file that APP_TOKEN_FILE names.`); empty when there is nothing
    /// to say.
    pub fn notes(&self) -> String {
        self.notes_naming_file(true)
    }

    /// [`notes`](Self::notes), without the `NAME_FILE` of a secret unless
    /// `name_file`: for a rendering whose entry is that file already.
    pub(crate) fn notes_naming_file(&self, name_file: bool) -> String {
        let mut notes = String::new();
        if self.secret && name_file {
            notes.push_str("Or from the file that ");
            notes.push_str(&self.file_var());
            notes.push_str(" names.");
        }
        if !self.aliases.is_empty() {
            if !notes.is_empty() {
                notes.push(' ');
            }
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

    /// The variable that names a file to read the variable from instead:
    /// `NAME_FILE`, as Docker and Kubernetes mount secrets.
    pub fn file_var(&self) -> String {
        format!("{}{FILE_SUFFIX}", self.name)
    }

    /// Adds what `other`, another field's reference of this same
    /// variable, says: the variable is required if either field requires
    /// it (a start then fails without it), or when either's group is on,
    /// and secret if either is secret; the first field's type, description
    /// and default stand, unless it has none.
    fn merge(&mut self, other: VarDoc) {
        if other.required && !self.required {
            self.required = true;
            self.required_when = None;
            self.default = None;
            self.default_is_value = false;
        }
        if !self.required && self.default.is_none() {
            // Required when another field's group is on, unless this
            // field already is.
            if self.required_when.is_none() {
                self.required_when = other.required_when;
            }
            if self.switched_on_by.is_none() {
                self.switched_on_by = other.switched_on_by;
            }
            if self.required_when.is_none() {
                self.default = other.default;
                self.default_is_value = other.default_is_value;
            }
        }
        self.secret |= other.secret;
        if self.description.is_empty() {
            self.description = other.description;
        }
        if self.example.is_none() {
            self.example = other.example;
        }
        if self.deprecated.is_none() {
            self.deprecated = other.deprecated;
        }
        for alias in other.aliases {
            if !self.aliases.contains(&alias) {
                self.aliases.push(alias);
            }
        }
    }

    /// `required`, `default <value>` or `optional`: where a variable
    /// stands, in words shared by the renderings.
    pub(crate) fn requirement(&self) -> String {
        match (&self.default, self.required) {
            (Some(default), _) if default.is_empty() => "default empty".to_owned(),
            (Some(default), _) => format!("default {default}"),
            (None, true) => "required".to_owned(),
            (None, false) => match &self.required_when {
                Some(when) => format!("required when {when}"),
                None => "optional".to_owned(),
            },
        }
    }
}
