//! The operator's view: every variable's effective value and where it came
//! from, as [`load_from_env`](crate::Config::load_from_env) hands it to code
//! and `--print-config` prints it.

use std::fmt;

use crate::json::Json;
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
    /// secret, a URL's password as `***`; a default as the docs show it
    /// (`Level::Info` as `info`). `None` when the variable is unset and has no default, or
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
                    Status::Unset
                    | Status::Failed(_)
                    | Status::Unchecked(_)
                    | Status::External(_) => None,
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
    /// in a fixed order, each object on a line of its own, so that two
    /// deployments can be diffed.
    pub fn to_json(&self) -> String {
        self.to_json_tree().to_text(2)
    }

    /// The `json` form as one tree, which the text and serde share.
    pub(crate) fn to_json_tree(&self) -> Json<'_> {
        let variables = self.vars.iter().map(EffectiveVar::to_json_tree).collect();
        Json::Object(vec![
            ("version", Json::Number(1)),
            ("variables", Json::Array(variables)),
        ])
    }
}

impl EffectiveVar {
    /// One variable of the `json` form.
    fn to_json_tree(&self) -> Json<'_> {
        Json::Object(vec![
            ("name", Json::str(&self.name)),
            ("value", Json::optional(self.value.as_deref())),
            ("secret", Json::Bool(self.secret)),
            ("source", provenance_json(&self.provenance)),
        ])
    }
}

/// Where a value came from, as the `json` form says it.
fn provenance_json(provenance: &Provenance) -> Json<'_> {
    let mut keys = vec![("kind", Json::str(provenance.kind()))];
    match provenance {
        Provenance::EnvFile { path, line } | Provenance::Manifest { path, line } => {
            keys.push(("path", Json::String(path.to_string_lossy())));
            keys.push(("line", Json::Number(*line as u64)));
        }
        Provenance::SecretFile { file_var, path } => {
            keys.push(("variable", Json::str(file_var)));
            keys.push(("path", Json::String(path.to_string_lossy())));
        }
        Provenance::SecretsDir { path } => {
            keys.push(("path", Json::String(path.to_string_lossy())));
        }
        Provenance::Alias { alias, via } => {
            keys.push(("alias", Json::str(alias)));
            keys.push(("via", provenance_json(via)));
        }
        _ => {}
    }
    Json::Object(keys)
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
            (Some(default), Provenance::Default) => format!("{}", OneLine(default)),
            (Some(value), _) => format!("{}", Abridged::quoted(value)),
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
            .map(|var| [var.name.clone(), var.shown(), format!("{}", var.provenance)])
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

/// The `json` form of `--print-config`, key for key (feature `serde`).
#[cfg(feature = "serde")]
impl serde::Serialize for EffectiveConfig {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json_tree().serialize(serializer)
    }
}

/// One variable of the `json` form of `--print-config` (feature `serde`).
#[cfg(feature = "serde")]
impl serde::Serialize for EffectiveVar {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json_tree().serialize(serializer)
    }
}

/// A variable's `source` in the `json` form of `--print-config` (feature
/// `serde`).
#[cfg(feature = "serde")]
impl serde::Serialize for Provenance {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        provenance_json(self).serialize(serializer)
    }
}
