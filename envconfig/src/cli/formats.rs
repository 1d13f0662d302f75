//! How `--print-config` and `--check-env --report` print what they print.

/// The `FORMAT` of `--print-config[=FORMAT]`: how the
/// [`EffectiveConfig`](crate::EffectiveConfig) is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum ConfigFormat {
    /// `text`: an aligned table of name, value and source, the
    /// [`EffectiveConfig`](crate::EffectiveConfig)'s alternate `Display`
    /// (`{:#}`).
    #[default]
    #[cfg_attr(feature = "clap", value(help = "an aligned table (the default)"))]
    Text,
    /// `json`: one object per variable, for tools (diffing two
    /// deployments, a start-up log), as
    /// [`EffectiveConfig::to_json`](crate::EffectiveConfig::to_json) gives
    /// it; its JSON Schema is `envconfig/schema/config.v1.schema.json` in the
    /// repository:
    ///
    /// ```json
    /// {
    ///   "version": 1,
    ///   "variables": [
    ///     {"name": "APP_PORT", "value": "9000", "secret": false, "source": {"kind": "alias", "alias": "PORT", "via": {"kind": "env_file", "path": ".env", "line": 4}}},
    ///     {"name": "APP_DATABASE_URL", "value": "<redacted>", "secret": true, "source": {"kind": "secret_file", "variable": "APP_DATABASE_URL_FILE", "path": "/run/secrets/db"}},
    ///     {"name": "APP_TIMEOUT", "value": "30s", "secret": false, "source": {"kind": "default"}},
    ///     {"name": "APP_SENTRY_DSN", "value": null, "secret": true, "source": {"kind": "unset"}}
    ///   ]
    /// }
    /// ```
    ///
    /// Every variable has its four keys. `value` is the value in effect
    /// (a default as an environment value), `"<redacted>"` for a secret
    /// that has one, a URL's password as `***`, and `null` when the
    /// variable is unset with no default or its value cannot be used.
    /// `source.kind` is `environment`, `env_file` (with `path` and
    /// `line`), `secret_file` (with the `NAME_FILE` `variable` and its
    /// `path`), `secrets_dir` (the `path` of the file named like the
    /// variable in the struct's `secrets_dir`), `manifest` (`path` and
    /// `line`), `alias` (with the old
    /// name as `alias`, and where that was set as `via`), `default` or
    /// `unset`. `version` changes only when a change could break a reader.
    #[cfg_attr(feature = "clap", value(help = "one object per variable"))]
    Json,
}

impl ConfigFormat {
    /// The format of `name`, case aside.
    pub(crate) fn named(name: &str) -> Option<ConfigFormat> {
        [("text", ConfigFormat::Text), ("json", ConfigFormat::Json)]
            .into_iter()
            .find_map(|(known, format)| known.eq_ignore_ascii_case(name).then_some(format))
    }
}

/// The `FORM` of `--check-env --report FORM`: how the check report is
/// printed. The exit status does not change with it, and no form shows a
/// secret.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum ReportFormat {
    /// `text`: for a person, one aligned line per variable, then the
    /// warnings and the verdict.
    #[default]
    #[cfg_attr(feature = "clap", value(help = "for a person (the default)"))]
    Text,
    /// `json`: one document for tools, every variable with its status,
    /// origin, problem and warnings, and the verdict; its JSON Schema is
    /// `envconfig/schema/check-report.v1.schema.json` in the repository.
    #[cfg_attr(feature = "clap", value(help = "one JSON document"))]
    Json,
    /// `github`: GitHub Actions workflow commands (`::error file=...,
    /// line=...::...`), which annotate a pull request at the file's line.
    #[cfg_attr(feature = "clap", value(help = "GitHub Actions annotations"))]
    Github,
}

impl ReportFormat {
    /// The form of `name`, case aside.
    pub(super) fn named(name: &str) -> Option<ReportFormat> {
        [
            ("text", ReportFormat::Text),
            ("json", ReportFormat::Json),
            ("github", ReportFormat::Github),
        ]
        .into_iter()
        .find_map(|(known, format)| known.eq_ignore_ascii_case(name).then_some(format))
    }
}
