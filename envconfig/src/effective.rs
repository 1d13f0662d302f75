//! The operator's view: every variable's effective value and where it came
//! from, as [`load_from_env`](crate::Config::load_from_env) hands it to code
//! and `--print-config` prints it.

use std::fmt::{self, Write as _};

use crate::docs::json;
use crate::outcome::{Outcome, Status};
use crate::provenance::Provenance;
use crate::shown::{Abridged, OneLine, REDACTED, mask_url_passwords};
use crate::warning::Warning;

/// A configuration as loaded, with what an operator should know about it:
/// its warnings and its [`EffectiveConfig`]. What
/// [`Config::load_from_env`](crate::Config::load_from_env) and
/// [`Config::load_from_vars`](crate::Config::load_from_vars) return.
///
/// ```
/// use envconfig::Config;
///
/// #[derive(Config)]
/// #[config(prefix = "APP_")]
/// struct Settings {
///     #[config(default = 8080, alias = "PORT")]
///     port: u16,
/// }
///
/// let loaded = Settings::load_from_vars([("PORT", "80")])?;
/// assert_eq!(
///     loaded.warnings()[0].to_string(),
///     "PORT is the old name of APP_PORT: it is read for now; rename it to APP_PORT"
/// );
/// // One line for a start-up log.
/// assert_eq!(loaded.effective().to_string(), r#"APP_PORT="80" (alias PORT)"#);
/// let settings = loaded.into_config();
/// assert_eq!(settings.port, 80);
/// # Ok::<(), envconfig::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Loaded<T> {
    config: T,
    warnings: Vec<Warning>,
    effective: EffectiveConfig,
}

impl<T> Loaded<T> {
    pub(crate) fn new(config: T, warnings: Vec<Warning>, effective: EffectiveConfig) -> Loaded<T> {
        Loaded {
            config,
            warnings,
            effective,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &T {
        &self.config
    }

    /// The configuration, for keeps.
    pub fn into_config(self) -> T {
        self.config
    }

    /// What an operator should know although the configuration loaded, one
    /// line each: an alias in use or ignored, a deprecated variable that is
    /// set, a dotenv line that was ignored. Never a value.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Every variable's effective value and where it came from.
    pub fn effective(&self) -> &EffectiveConfig {
        &self.effective
    }
}

/// Every variable of a configuration with its effective value and where it
/// came from: secrets as `<redacted>`, and a password in a URL as `***`.
///
/// Its `Display` is one line, for a start-up log
/// (`APP_PORT=8080 (default), APP_TOKEN=<redacted> (environment)`); the
/// alternate form (`{:#}`) is the table `--print-config` prints. With the
/// `serde` feature it is `Serialize`, as the `json` form of `--print-config`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EffectiveConfig {
    vars: Vec<EffectiveVar>,
}

/// One variable of an [`EffectiveConfig`].
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EffectiveVar {
    /// The variable's name (`APP_PORT`).
    pub name: String,
    /// The value in effect, as an operator may see it: `<redacted>` for a
    /// secret, a URL's password as `***`; a default as written in the
    /// source. `None` when the variable is unset and has no default, or
    /// when its value could not be used.
    pub value: Option<String>,
    /// Whether the variable is secret.
    pub secret: bool,
    /// Where the value came from.
    pub provenance: Provenance,
}

impl EffectiveConfig {
    /// The view of a checking load's rows.
    pub(crate) fn from_checked(checked: &[Outcome]) -> EffectiveConfig {
        let vars = checked
            .iter()
            .map(|checked| {
                let provenance = checked.origin.clone().unwrap_or(Provenance::Unset);
                let value = match &checked.status {
                    Status::Ok | Status::Default if checked.secret => Some(REDACTED.to_owned()),
                    Status::Ok | Status::Default => checked
                        .shown_value
                        .as_deref()
                        .map(|value| mask_url_passwords(value).into_owned()),
                    Status::Unset | Status::Failed(_) | Status::Unchecked(_) => None,
                };
                EffectiveVar {
                    name: checked.var.clone(),
                    value,
                    secret: checked.secret,
                    provenance,
                }
            })
            .collect();
        EffectiveConfig { vars }
    }

    /// Every variable, in the order of the struct's fields.
    pub fn vars(&self) -> &[EffectiveVar] {
        &self.vars
    }

    /// The `json` form of `--print-config`: one object per variable, keys
    /// in a fixed order, so that two deployments can be diffed.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n  \"version\": 1,\n  \"variables\": [");
        for (i, var) in self.vars.iter().enumerate() {
            out.push_str(if i == 0 { "\n    {" } else { ",\n    {" });
            out.push_str("\"name\": ");
            json::push_string(&mut out, &var.name);
            out.push_str(", \"value\": ");
            match &var.value {
                Some(value) => json::push_string(&mut out, value),
                None => out.push_str("null"),
            }
            let _ = write!(out, ", \"secret\": {}, \"source\": ", var.secret);
            push_provenance_json(&mut out, &var.provenance);
            out.push('}');
        }
        out.push_str(if self.vars.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        out
    }
}

fn push_provenance_json(out: &mut String, provenance: &Provenance) {
    out.push_str("{\"kind\": ");
    match provenance {
        Provenance::Environment => out.push_str("\"environment\""),
        Provenance::EnvFile { path, line } | Provenance::Manifest { path, line } => {
            json::push_string(out, provenance.kind());
            out.push_str(", \"path\": ");
            json::push_string(out, &path.to_string_lossy());
            let _ = write!(out, ", \"line\": {line}");
        }
        Provenance::SecretFile { file_var, path } => {
            out.push_str("\"secret_file\", \"variable\": ");
            json::push_string(out, file_var);
            out.push_str(", \"path\": ");
            json::push_string(out, &path.to_string_lossy());
        }
        Provenance::Alias { alias, via } => {
            out.push_str("\"alias\", \"alias\": ");
            json::push_string(out, alias);
            out.push_str(", \"via\": ");
            push_provenance_json(out, via);
        }
        Provenance::Default => out.push_str("\"default\""),
        Provenance::Unset => out.push_str("\"unset\""),
    }
    out.push('}');
}

/// Bounded and escaped like `Display`: a value from outside is abridged.
impl fmt::Debug for EffectiveVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EffectiveVar")
            .field("name", &Abridged::name(&self.name))
            .field("value", &self.value.as_deref().map(Abridged::quoted))
            .field("secret", &self.secret)
            .field("provenance", &self.provenance)
            .finish()
    }
}

impl EffectiveVar {
    /// The value as a person reads it: quoted when set, the default as
    /// written, `-` when there is none.
    fn shown(&self) -> String {
        match (&self.value, &self.provenance) {
            (None, _) => "-".to_owned(),
            (Some(value), _) if self.secret => value.clone(),
            (Some(default), Provenance::Default) => OneLine(default).to_string(),
            (Some(value), _) => Abridged::quoted(value).to_string(),
        }
    }
}

impl fmt::Display for EffectiveConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !f.alternate() {
            for (i, var) in self.vars.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{}={} ({})", var.name, var.shown(), var.provenance)?;
            }
            return Ok(());
        }
        let rows: Vec<[String; 3]> = self
            .vars
            .iter()
            .map(|var| [var.name.clone(), var.shown(), var.provenance.to_string()])
            .collect();
        let mut widths = [4, 5];
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let [name, value] = widths;
        writeln!(f, "{:name$}  {:value$}  SOURCE", "NAME", "VALUE")?;
        for [var, shown, source] in &rows {
            let pad_name = name - var.chars().count();
            let pad_value = value - shown.chars().count();
            writeln!(
                f,
                "{var}{:pad_name$}  {shown}{:pad_value$}  {source}",
                "", ""
            )?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use serde::ser::{Serialize, SerializeStruct, Serializer};

    use super::{EffectiveConfig, EffectiveVar, Provenance};

    /// The `json` form of `--print-config`, key for key.
    impl Serialize for EffectiveConfig {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut config = serializer.serialize_struct("EffectiveConfig", 2)?;
            config.serialize_field("version", &1)?;
            config.serialize_field("variables", &self.vars)?;
            config.end()
        }
    }

    impl Serialize for EffectiveVar {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut var = serializer.serialize_struct("EffectiveVar", 4)?;
            var.serialize_field("name", &self.name)?;
            var.serialize_field("value", &self.value)?;
            var.serialize_field("secret", &self.secret)?;
            var.serialize_field("source", &self.provenance)?;
            var.end()
        }
    }

    impl Serialize for Provenance {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Provenance::Environment | Provenance::Default | Provenance::Unset => {
                    let mut source = serializer.serialize_struct("Provenance", 1)?;
                    source.serialize_field("kind", self.kind())?;
                    source.end()
                }
                Provenance::EnvFile { path, line } | Provenance::Manifest { path, line } => {
                    let mut source = serializer.serialize_struct("Provenance", 3)?;
                    source.serialize_field("kind", self.kind())?;
                    source.serialize_field("path", &path.to_string_lossy())?;
                    source.serialize_field("line", line)?;
                    source.end()
                }
                Provenance::SecretFile { file_var, path } => {
                    let mut source = serializer.serialize_struct("Provenance", 3)?;
                    source.serialize_field("kind", self.kind())?;
                    source.serialize_field("variable", file_var)?;
                    source.serialize_field("path", &path.to_string_lossy())?;
                    source.end()
                }
                Provenance::Alias { alias, via } => {
                    let mut source = serializer.serialize_struct("Provenance", 3)?;
                    source.serialize_field("kind", self.kind())?;
                    source.serialize_field("alias", alias)?;
                    source.serialize_field("via", via)?;
                    source.end()
                }
            }
        }
    }
}
