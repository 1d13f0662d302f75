//! The secret sweep, generated: every value kind × every shape of a secret
//! field × every output envconfig can produce.
//!
//! The fields are declared once, by two lists in `tests/support/matrix.rs`
//! (a kind or a shape is one line there); the sweep reads that table, gives
//! every field a canary that is a valid value of its kind and one that is
//! invalid (`canary-invalid-<n>`), plus its default's when the default is a
//! canary of its own, and scans every output for every canary:
//!
//! - in process: `Display` and `Debug` (`{:?}`, `{:#?}`) of the `Error` and
//!   of each `Problem`, each `ProblemKind`, the error as a
//!   `Box<dyn std::error::Error>`, for every load that fails (all invalid,
//!   all invalid from `NAME_FILE`s, nothing set; the loads with every value
//!   valid, from the variables or from files, or with the defaults applied,
//!   must succeed); `Docs` as `Display`, `Debug` and in each `Format`, and
//!   each `VarDoc`'s `Debug`, and both serialized by serde (serde_json);
//!   the `Error` also as `{:#}` and as a boxed error's `Debug`; and every
//!   `load_from_vars` of the same settings: when it loads, the `Loaded`
//!   (`Debug`, `warnings()`), its `EffectiveConfig` (`Display`, `{:#}`,
//!   `Debug`, `to_json()`, serde) and each `EffectiveVar` (`Debug`, value,
//!   provenance, serde), and when it does not, its `Error`'s outputs;
//! - through the built `secret_matrix` example, run with nothing but the
//!   sweep's variables: stdout and stderr of a start and of `--check-env`,
//!   with every value valid and every value invalid, from the environment,
//!   from `NAME_FILE`s and from `./.env`, with the defaults applied, with
//!   nothing set, and with every value pasted into its `NAME_FILE` in
//!   `./.env` (copied by another name too); `--check-env --env-file PATH` with the valid and the
//!   invalid values, and as a docker env file with every value in quotes
//!   (a warning per line); with `k8s`, `--check-env --manifest PATH` with them as
//!   literal `value:`s, as `value:`s that hold each secret's value in
//!   references (`$(<value>)$(<value>_PORT)`: a warning and an unchecked
//!   reason that must not quote them), as a ConfigMap's `data`, and as
//!   every variable's `NAME_FILE` (a secret pasted there by mistake), alone
//!   or naming by a YAML alias the value that another container of the pod
//!   sets the variable to (`--container matrix`), and as the keys of a
//!   Secret among the documents mounted at the matrix's `secrets_dir`;
//!   every value read from the `secrets_dir` (the files of a directory
//!   of the run's own, `Matrix`'s being `/proc/self/cwd/secrets`); and
//!   `--print-env-docs` in every format, and `--check-docs` in every format
//!   against a reference as printed and a stale one (whose diff holds every
//!   line of the docs);
//! - through the built `secret_matrix_startup` example, `Startup::load` in
//!   every setting above, printing every output of the library it is handed
//!   (`Loaded`, `EffectiveConfig`, `EffectiveVar`; or the `StartupError`'s
//!   `Display`, `{:#}` and `Debug`, its warnings, problems and kinds), and
//!   with a `./.env` that cannot be read (`StartupError::Dotenv`), as
//!   every mode of `secret_matrix` reports it too;
//! - with the `clap` feature, through the built `secret_matrix_clap`
//!   example (`envconfig::Args` flattened into an application's parser):
//!   every setting in every mode, `--check-env --env-file`, every
//!   `--print-env-docs` format, `--check-docs` with a stale reference in
//!   every format, and `--help`.
//!
//! Some plain fields take part: a `copied` secret is copied by a plain field
//! whose value in a dotenv file is `${NAME}` (`$(NAME)` in a manifest), the
//! secret's variable or the alias it is set under, and which may itself be
//! set under an alias; a `ruled` secret is quoted by its struct's rule,
//! which names a plain field first and breaks when that field is set, in the
//! invalid runs (the `ruled` secret is then valid, so that the rule runs).
//!
//! A leak is a canary, or its last ten characters (a value cut short), in
//! any output, in any case. Every leak is listed, not only the first, and
//! then grouped by shape. The docs must also mark every variable of a secret
//! field secret (a shared variable's every entry: it is secret if either
//! field is), or the `k8s` rendering deploys it as a plain `value:`.
//!
//! The sweep checks itself: the docs list the table's variables in its
//! order; no canary contains another; each load fails or succeeds as it
//! should, and the failing one reports every variable it made invalid; the
//! control, a non-secret invalid value, is shown by every output that
//! reports the invalid values; and it prints its figures:
//! `secret sweep: 33 shapes × 10 kinds = 256 fields (...), ... leaks`.
//!
//! A second dimension, `routes` (`tests/secret_sweep/routes.rs`), is the
//! operator's: the ways an environment hands a secret's value to a plain
//! variable (a copy `${S}` or `$(S)`, a chain of copies, a secret that
//! copies a plain variable, two `NAME_FILE`s naming one file however its
//! path is spelt, a `NAME_FILE` whose path copies the secret or that names
//! the dotenv file setting it, one ConfigMap key, a YAML alias or merge
//! key, one Secret key), each written in every channel it applies to (the
//! environment, `./.env`, `--env-file` with and without
//! `--read-secret-files`, `--manifest`, and `--manifest` with the secret
//! set in another container of the pod) for every `copied` secret and the
//! plain field that copies it, and scanned like the rest; it prints its
//! own figures: `secret routes: ...`.
//!
//! Each run of the binary goes through every one of [`MODES`]: a start,
//! `--check-env`, and `--print-config` in both its formats.

mod support;

#[path = "support/matrix.rs"]
mod matrix;

#[path = "secret_sweep/routes.rs"]
mod routes;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use envconfig::{Config, Docs, Format};
use matrix::{CONTROL_INVALID, CONTROL_VALID, DefaultCanary, KINDS, KindSpec, Matrix, Place};
use support::{Env, Run};
use tempfile::TempDir;

/// `Loaded<T>: Debug` needs `T: Debug`: the matrix's own fields are the
/// program's to show, not the library's, so they are left out, and the
/// sweep scans what `Loaded` adds (its warnings, its `EffectiveConfig`).
impl std::fmt::Debug for Matrix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matrix { .. }")
    }
}

/// Every docs format, new ones included.
const FORMATS: &[Format] = Format::ALL;

/// The control's variable: not secret, so its invalid value must be shown.
const CONTROL_VAR: &str = "SWEEP_CONTROL_PORT";

/// The sweep asks this much of itself, at least.
const MIN_COMBINATIONS: usize = 500;

/// One field of the matrix: a kind in a shape, and its canaries.
struct Cell {
    kind: &'static KindSpec,
    /// Its field's name in the kind's module.
    field: &'static str,
    shape: &'static str,
    place: Place,
    var: String,
    /// The name its value is set under: the variable, or its first alias,
    /// so that the alias shape loads through the alias.
    set_as: String,
    /// A `Vec`: its values are lists.
    list: bool,
    valid_canary: Option<String>,
    invalid_canary: String,
    default: Option<DefaultCanary>,
    /// Whether the invalid value is a problem: envconfig (or the type's
    /// `FromStr`, or the shape's `parse_with`) rejects it.
    invalid_is_rejected: bool,
}

impl Cell {
    fn label(&self) -> String {
        format!("{} × {}", self.kind.ty, self.shape)
    }

    /// The value of the all-valid runs.
    fn valid_value(&self) -> String {
        let value = self.valid_canary.as_deref().unwrap_or(self.kind.plain);
        if self.list {
            format!("{},{value}", self.kind.plain)
        } else {
            value.to_owned()
        }
    }

    /// The value of the all-invalid runs: a list's middle item. A `ruled`
    /// secret stays valid, so that its struct's rule runs (and breaks).
    fn invalid_value(&self) -> String {
        if self.place == Place::Ruled {
            self.valid_value()
        } else if self.list {
            let plain = self.kind.plain;
            format!("{plain},{},{plain}", self.invalid_canary)
        } else {
            self.invalid_canary.clone()
        }
    }

    /// A valid default: unset in the "defaults" runs, so that it applies.
    fn has_valid_default(&self) -> bool {
        matches!(self.default, Some(DefaultCanary::Valid(_)))
    }
}

/// A text that must never appear.
struct Canary {
    text: String,
    /// Which of the cell's values it is.
    role: &'static str,
    cell: usize,
}

/// A plain field that copies a cell's value (`Place::Copier`).
struct Copier {
    /// The name it is set under: its variable, or its first alias.
    set_as: String,
    /// Its variable.
    var: String,
    /// The cell it copies.
    cell: usize,
}

/// Where the values are written, which decides how a copier copies.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Medium {
    /// The process environment, `NAME_FILE`s, a ConfigMap's `data`: no
    /// reference is expanded, a copier is given a plain value.
    Plain,
    /// A dotenv file: a copier is `${NAME}`.
    Dotenv,
    /// A manifest's literal `value:`: a copier is `$(NAME)`, and every
    /// other `$` is written `$$`, as Kubernetes escapes it.
    Manifest,
}

/// The whole matrix, as the sweep sees it.
struct Sweep {
    cells: Vec<Cell>,
    /// The variables of the plain fields that break their struct's rule
    /// (`Place::RulePartner`), set in the invalid runs.
    rule_partners: Vec<String>,
    /// The switches of the `switched` groups (`Place::Switch`): true in the
    /// valid runs, false in the invalid ones, whose values of the group's
    /// secrets are then ignored, with a warning naming each.
    switches: Vec<String>,
    copiers: Vec<Copier>,
    canaries: Vec<Canary>,
    /// Shapes in the order of the lists.
    shapes: Vec<&'static str>,
    /// Cells a kind does not allow: by reason, how many, and whether it is
    /// the type system that forbids them.
    skipped: BTreeMap<&'static str, (usize, bool)>,
}

impl Sweep {
    fn new() -> Sweep {
        let docs = Matrix::docs();
        let mut vars = docs.vars().iter();
        let mut cells: Vec<Cell> = Vec::new();
        let mut shapes: Vec<&'static str> = Vec::new();
        let mut skipped = BTreeMap::new();
        let mut rule_partners = Vec::new();
        let mut switches = Vec::new();
        let mut copiers = Vec::new();
        for kind in KINDS {
            let mut in_kind = 0;
            // The shared variables, as the non-secret partners read them.
            let mut partners = Vec::new();
            for spec in kind.fields {
                if spec.place.is_secret() && !shapes.contains(&spec.shape) {
                    shapes.push(spec.shape);
                }
                if !spec.applies {
                    if spec.place.is_secret() {
                        let entry = skipped
                            .entry(spec.skip.reason())
                            .or_insert((0, spec.skip.by_type_system()));
                        entry.0 += 1;
                    }
                    continue;
                }
                // A variable that two fields read is listed once in the
                // docs, where the first reads it: a shared variable's
                // second reader takes the first one's entry.
                let shared = match spec.place {
                    Place::SharedBefore => partners
                        .iter()
                        .find(|(field, _)| *field == spec.field)
                        .map(|(_, var)| *var),
                    Place::Partner => cells
                        .iter()
                        .find(|cell: &&Cell| {
                            std::ptr::eq(cell.kind, kind) && cell.field == spec.field
                        })
                        .and_then(|cell| docs.vars().iter().find(|var| var.name == cell.var)),
                    _ => None,
                };
                let var = match shared {
                    Some(var) => var,
                    None => vars
                        .next()
                        .unwrap_or_else(|| panic!("no variable for {}.{}", kind.name, spec.field)),
                };
                match spec.place {
                    Place::Partner => {
                        partners.push((spec.field, var));
                        continue;
                    }
                    Place::RulePartner => {
                        rule_partners.push(var.name.clone());
                        continue;
                    }
                    Place::Switch => {
                        switches.push(var.name.clone());
                        continue;
                    }
                    Place::Copier => {
                        // It copies the secret of its name, listed above it.
                        let cell = cells
                            .iter()
                            .position(|cell| {
                                std::ptr::eq(cell.kind, kind) && cell.field == spec.field
                            })
                            .unwrap_or_else(|| panic!("{} copies no secret", var.name));
                        copiers.push(Copier {
                            set_as: var.aliases.first().unwrap_or(&var.name).clone(),
                            var: var.name.clone(),
                            cell,
                        });
                        continue;
                    }
                    Place::Top
                    | Place::Nested
                    | Place::SharedBefore
                    | Place::SharedAfter
                    | Place::Optional
                    | Place::Switched
                    | Place::Ruled => {}
                }
                let n = cells.len();
                let invalid_canary = format!("canary-invalid-{n:03}");
                cells.push(Cell {
                    kind,
                    field: spec.field,
                    shape: spec.shape,
                    place: spec.place,
                    var: var.name.clone(),
                    set_as: var.aliases.first().unwrap_or(&var.name).clone(),
                    list: var.value_type.starts_with("list of"),
                    valid_canary: (kind.valid)(n, in_kind),
                    // The shapes' `parse_with` and `validate` functions reject every
                    // `canary-invalid-...`, whatever the kind. A `ruled`
                    // secret is valid in the invalid runs: its rule fails. A
                    // switched secret's group is off in the invalid runs.
                    invalid_is_rejected: !matches!(spec.place, Place::Ruled | Place::Switched)
                        && ((kind.rejects)(&invalid_canary)
                            || spec.shape.contains("parse_with")
                            || spec.shape.contains("validate")),
                    invalid_canary,
                    default: spec.default,
                });
                in_kind += 1;
            }
            // Each partner reads a variable of a secret field of its kind.
            for (_, partner) in partners {
                assert!(
                    cells.iter().any(|cell| cell.var == partner.name),
                    "{} is read by a non-secret field only",
                    partner.name
                );
            }
        }
        let rest: Vec<&str> = vars.map(|var| var.name.as_str()).collect();
        assert_eq!(rest, [CONTROL_VAR], "the docs and the table disagree");

        // Every value of a kind whose valid values can be told apart is a
        // canary; a bool's valid values (and defaults) are words any output
        // has.
        let mut canaries = Vec::new();
        for (index, cell) in cells.iter().enumerate() {
            let mut add = |text: &str, role| {
                canaries.push(Canary {
                    text: text.to_owned(),
                    role,
                    cell: index,
                })
            };
            add(&cell.invalid_canary, "invalid value");
            if let Some(valid) = &cell.valid_canary {
                add(valid, "valid value");
            }
            match cell.default {
                Some(DefaultCanary::Invalid(text)) => add(text, "invalid default"),
                Some(DefaultCanary::Valid(text)) if cell.valid_canary.is_some() => {
                    add(text, "default")
                }
                _ => {}
            }
        }
        // Each canary names one value of one field: none is, or ends like,
        // another (a kind's line gives each default its own literal).
        for canary in &canaries {
            for other in &canaries {
                if std::ptr::eq(canary, other) {
                    continue;
                }
                let (text, other_text) = (canary.text.to_lowercase(), other.text.to_lowercase());
                assert!(
                    !other_text.contains(&text) && !other_text.contains(fragment(&text)),
                    "canary {} is part of canary {} (or equal): the scan could not tell them apart",
                    canary.text,
                    other.text
                );
            }
        }
        Sweep {
            cells,
            rule_partners,
            switches,
            copiers,
            canaries,
            shapes,
            skipped,
        }
    }

    /// The cells' values, as `value` writes them, then the rule partners'
    /// (set when `invalid`),
    /// the copiers' (after what they copy, as a reference must be), and
    /// the control's.
    fn vars(
        &self,
        medium: Medium,
        invalid: bool,
        value: impl Fn(&Cell) -> Option<String>,
    ) -> Vec<(String, String)> {
        let mut vars: Vec<(String, String)> = self
            .cells
            .iter()
            .filter_map(|cell| Some((cell.set_as.clone(), value(cell)?)))
            .collect();
        if invalid {
            for partner in &self.rule_partners {
                vars.push((partner.clone(), "true".to_owned()));
            }
        }
        for switch in &self.switches {
            vars.push((switch.clone(), (!invalid).to_string()));
        }
        let (control, control_value) = (
            CONTROL_VAR.to_owned(),
            if invalid {
                CONTROL_INVALID
            } else {
                CONTROL_VALID
            }
            .to_owned(),
        );
        for copier in &self.copiers {
            let copied = &self.cells[copier.cell];
            let value = match medium {
                Medium::Plain => copied.kind.plain.to_owned(),
                Medium::Dotenv => format!("${{{}}}", copied.set_as),
                Medium::Manifest => format!("$({})", copied.set_as),
            };
            vars.push((copier.set_as.clone(), value));
        }
        vars.push((control, control_value));
        vars
    }

    fn valid_vars(&self) -> Vec<(String, String)> {
        self.valid_in(Medium::Plain)
    }

    fn invalid_vars(&self) -> Vec<(String, String)> {
        self.invalid_in(Medium::Plain)
    }

    fn valid_in(&self, medium: Medium) -> Vec<(String, String)> {
        self.vars(medium, false, |cell| {
            Some(written(medium, cell.valid_value()))
        })
    }

    fn invalid_in(&self, medium: Medium) -> Vec<(String, String)> {
        self.vars(medium, true, |cell| {
            Some(written(medium, cell.invalid_value()))
        })
    }

    /// The same values under the variables' own names, as the files of a
    /// secrets directory are named (an alias is not looked for there).
    fn by_var_name(&self, vars: Vec<(String, String)>) -> Vec<(String, String)> {
        let names: BTreeMap<&str, &str> = self
            .cells
            .iter()
            .map(|cell| (cell.set_as.as_str(), cell.var.as_str()))
            .chain(
                self.copiers
                    .iter()
                    .map(|c| (c.set_as.as_str(), c.var.as_str())),
            )
            .collect();
        vars.into_iter()
            .map(|(name, value)| {
                (
                    names
                        .get(name.as_str())
                        .map_or(name.clone(), |var| (*var).to_owned()),
                    value,
                )
            })
            .collect()
    }

    /// Every value valid, and the fields with a valid default unset.
    fn defaults_vars(&self) -> Vec<(String, String)> {
        self.vars(Medium::Plain, false, |cell| {
            (!cell.has_valid_default()).then(|| cell.valid_value())
        })
    }

    /// A manifest's literal `value:`s in which every secret's value is
    /// written as references, `$(<value>)$(<value>_PORT)`: the first is set
    /// by nothing (a warning: Kubernetes leaves the text as it is), the
    /// second may be a Service's link (the value is not known, unchecked).
    /// Neither message may quote a reference of a secret's value.
    ///
    /// The control is invalid with the valid values too, so that the check
    /// fails whatever it makes of the values it cannot know: it exits 78.
    #[cfg(feature = "k8s")]
    fn references_in_manifest(&self, invalid: bool) -> Vec<(String, String)> {
        self.vars(Medium::Manifest, true, |cell| {
            let value = if invalid {
                cell.invalid_value()
            } else {
                cell.valid_value()
            };
            Some(format!("$({value})$({value}_PORT)"))
        })
    }

    /// The variables whose invalid value is a problem, and those of the
    /// plain fields whose struct's rule the invalid values break.
    fn rejected_vars(&self) -> BTreeSet<&str> {
        self.cells
            .iter()
            .filter(|cell| cell.invalid_is_rejected)
            .map(|cell| cell.var.as_str())
            .chain(self.rule_partners.iter().map(String::as_str))
            .collect()
    }
}

/// A value as `medium` holds it: a manifest's literal `value:` writes `$`
/// as `$$`.
fn written(medium: Medium, value: String) -> String {
    if medium == Medium::Manifest {
        value.replace('$', "$$")
    } else {
        value
    }
}

/// A Deployment whose container `matrix` has each of `vars` as its
/// `NAME_FILE`, set to its value: a secret pasted into `NAME_FILE` by
/// mistake. With `other_container`, the container `api` sets each variable
/// to its value (an anchor), and `matrix` names the same YAML node (an
/// alias): what a secret reads there is secret in `matrix` too. The
/// manifest is checked with `--container matrix`.
#[cfg(feature = "k8s")]
fn name_files_in_manifest(vars: &[(String, String)], other_container: bool) -> String {
    let quoted = |text: &str| serde_json::to_string(text).expect("a JSON string");
    let mut api = String::from("        - name: api\n          image: api\n          env:\n");
    let mut matrix =
        String::from("        - name: matrix\n          image: matrix\n          env:\n");
    for (n, (name, value)) in vars.iter().enumerate() {
        let value = quoted(&value.replace('$', "$$"));
        let file = quoted(&format!("{name}_FILE"));
        if other_container {
            let name = quoted(name);
            api += &format!("            - name: {name}\n              value: &v{n} {value}\n");
            matrix += &format!("            - name: {file}\n              value: *v{n}\n");
        } else {
            matrix += &format!("            - name: {file}\n              value: {value}\n");
        }
    }
    let containers = if other_container {
        api + &matrix
    } else {
        matrix
    };
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: matrix\nspec:\n  selector:\n    matchLabels:\n      app: matrix\n  template:\n    metadata:\n      labels:\n        app: matrix\n    spec:\n      \
         containers:\n{containers}"
    )
}

/// The last ten characters: a value cut short still shows them.
fn fragment(text: &str) -> &str {
    let start = text.char_indices().rev().nth(9).map_or(0, |(at, _)| at);
    &text[start..]
}

/// `VAR_FILE` for each variable, each naming a file in `dir` that holds its
/// value (and a newline, as editors write).
fn as_files(dir: &Path, vars: &[(String, String)], tag: &str) -> Vec<(String, String)> {
    vars.iter()
        .map(|(name, value)| {
            let path = dir.join(format!("{}.{tag}", name.to_lowercase()));
            std::fs::write(&path, format!("{value}\n")).expect("a secret file");
            let path = path.to_str().expect("a UTF-8 path").to_owned();
            (format!("{name}_FILE"), path)
        })
        .collect()
}

/// A Deployment whose container `matrix` has the Secret `matrix-secrets`,
/// among the documents and holding `vars` as keys, mounted at the matrix's
/// secrets directory; the control is a literal `value:`.
#[cfg(feature = "k8s")]
fn secret_at_secrets_dir(vars: &[(String, String)]) -> String {
    let quoted = |text: &str| serde_json::to_string(text).expect("a JSON string");
    let mut out = String::from(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: matrix-secrets\nstringData:\n",
    );
    let mut control = String::new();
    for (name, value) in vars {
        if name == CONTROL_VAR {
            control = quoted(value);
            continue;
        }
        out.push_str(&format!("  {}: {}\n", quoted(name), quoted(value)));
    }
    out.push_str(&format!(
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: matrix\nspec:\n  selector:\n    matchLabels:\n      app: matrix\n  template:\n    metadata:\n      labels:\n        app: matrix\n    spec:\n      \
         volumes:\n        - name: secrets\n          secret:\n            secretName: \
         matrix-secrets\n      containers:\n        - name: matrix\n          image: matrix\n          volumeMounts:\n            \
         - name: secrets\n              mountPath: {}\n          env:\n            - name: {CONTROL_VAR}\n              \
         value: {control}\n",
        matrix::SECRETS_DIR
    ));
    out
}

/// Writes each value in the file named like its variable in `secrets`
/// under `dir`, the matrix's secrets directory when `dir` is the working
/// directory of the binary.
fn in_secrets_dir(dir: &Path, vars: &[(String, String)]) {
    let secrets = dir.join("secrets");
    std::fs::create_dir_all(&secrets).expect("a secrets directory");
    for (name, value) in vars {
        std::fs::write(secrets.join(name), format!("{value}\n")).expect("a secret's file");
    }
}

/// A dotenv file's text.
fn dotenv(vars: &[(String, String)]) -> String {
    vars.iter()
        .map(|(name, value)| format!("{name}={value}\n"))
        .collect()
}

/// One output, and where it came from.
struct Output {
    /// What kind of output: counted in the figures.
    channel: String,
    /// Which part of it (a problem's variable), if it has parts.
    part: String,
    text: String,
}

#[derive(Default)]
struct Outputs {
    list: Vec<Output>,
    /// Setup expectations that failed: the outputs are then worth less.
    broken: Vec<String>,
}

impl Outputs {
    fn push(&mut self, channel: impl Into<String>, part: impl Into<String>, text: String) {
        self.list.push(Output {
            channel: channel.into(),
            part: part.into(),
            text,
        });
    }

    /// Every output of one load in process.
    fn load(&mut self, what: &str, vars: &[(String, String)], loads: bool) {
        let error = match (Matrix::from_vars(vars), loads) {
            (Ok(_), true) => return,
            (Ok(_), false) => {
                self.broken.push(format!("in process, {what}: loaded"));
                return;
            }
            (Err(error), expected) => {
                if expected {
                    self.broken
                        .push(format!("in process, {what}: does not load:\n{error}"));
                }
                error
            }
        };
        self.error(what, error);
    }

    /// Every output of an `Error`: its own, each problem's and each kind's.
    fn error(&mut self, what: &str, error: envconfig::Error) {
        let channel = |name: &str| format!("in process, {what}: {name}");
        self.push(channel("Error Display"), "", error.to_string());
        self.push(channel("Error Display {:#}"), "", format!("{error:#}"));
        self.push(channel("Error Debug"), "", format!("{error:?}"));
        self.push(channel("Error Debug {:#?}"), "", format!("{error:#?}"));
        for problem in error.problems() {
            let var = format!("problem {}", problem.var());
            let kind = problem.kind();
            self.push(channel("Problem Display"), &var, problem.to_string());
            self.push(channel("Problem Debug"), &var, format!("{problem:?}"));
            self.push(
                channel("Problem Debug {:#?}"),
                &var,
                format!("{problem:#?}"),
            );
            self.push(channel("ProblemKind Display"), &var, kind.to_string());
            self.push(channel("ProblemKind Debug"), &var, format!("{kind:?}"));
        }
        let boxed: Box<dyn std::error::Error> = Box::new(error);
        self.push(channel("Box<dyn Error> Display"), "", boxed.to_string());
        self.push(channel("Box<dyn Error> Debug"), "", format!("{boxed:?}"));
    }

    /// Every output of one `load_from_vars`: when it loads, the `Loaded`
    /// (`Debug`, its warnings) and its `EffectiveConfig` (`Display`, `{:#}`,
    /// `Debug`, `to_json()`, serde) and each `EffectiveVar`; when it does
    /// not, the `Error`'s, as [`load`](Self::load).
    fn loaded(&mut self, what: &str, vars: &[(String, String)], loads: bool) {
        let what = format!("load_from_vars, {what}");
        let loaded = match (Matrix::load_from_vars(vars), loads) {
            (Ok(loaded), true) => loaded,
            (Ok(_), false) => {
                self.broken.push(format!("in process, {what}: loaded"));
                return;
            }
            (Err(error), expected) => {
                if expected {
                    self.broken
                        .push(format!("in process, {what}: does not load:\n{error}"));
                }
                return self.error(&what, error);
            }
        };
        let channel = |name: &str| format!("in process, {what}: {name}");
        self.push(channel("Loaded Debug"), "", format!("{loaded:?}"));
        self.push(channel("Loaded Debug {:#?}"), "", format!("{loaded:#?}"));
        for warning in loaded.warnings() {
            self.push(channel("Loaded::warnings"), "", warning.to_string());
            self.push(channel("Warning Debug"), "", format!("{warning:?}"));
        }
        let effective = loaded.effective();
        self.push(
            channel("EffectiveConfig Display"),
            "",
            effective.to_string(),
        );
        self.push(
            channel("EffectiveConfig Display {:#}"),
            "",
            format!("{effective:#}"),
        );
        self.push(
            channel("EffectiveConfig Debug"),
            "",
            format!("{effective:?}"),
        );
        self.push(
            channel("EffectiveConfig Debug {:#?}"),
            "",
            format!("{effective:#?}"),
        );
        self.push(channel("EffectiveConfig::to_json"), "", effective.to_json());
        self.push(
            channel("EffectiveConfig serde_json"),
            "",
            serde_json::to_string_pretty(effective).expect("serializable"),
        );
        for var in effective.vars() {
            let part = format!("variable {}", var.name);
            self.push(channel("EffectiveVar Debug"), &part, format!("{var:?}"));
            self.push(
                channel("EffectiveVar Debug {:#?}"),
                &part,
                format!("{var:#?}"),
            );
            self.push(
                channel("EffectiveVar value"),
                &part,
                format!("{:?}", var.value),
            );
            self.push(
                channel("EffectiveVar provenance"),
                &part,
                format!("{} {:?}", var.provenance, var.provenance),
            );
            self.push(
                channel("EffectiveVar serde_json"),
                &part,
                serde_json::to_string(var).expect("serializable"),
            );
        }
    }

    fn docs(&mut self, docs: &Docs) {
        self.push("in process: Docs Display", "", docs.to_string());
        self.push("in process: Docs Debug", "", format!("{docs:?}"));
        self.push("in process: Docs Debug {:#?}", "", format!("{docs:#?}"));
        for var in docs.vars() {
            self.push("in process: VarDoc Debug", &var.name, format!("{var:?}"));
        }
        for &format in FORMATS {
            self.push(
                format!("in process: Docs::render({format:?})"),
                "",
                docs.render(format),
            );
        }
        self.push(
            "in process: Docs serde_json",
            "",
            serde_json::to_string_pretty(docs).expect("serializable"),
        );
        for var in docs.vars() {
            self.push(
                "in process: VarDoc serde_json",
                &var.name,
                serde_json::to_string(var).expect("serializable"),
            );
        }
    }

    /// One run of the binary: its stdout and stderr.
    fn run(&mut self, what: &str, run: Run, code: i32) {
        if run.code != code {
            self.broken.push(format!(
                "binary, {what}: exit status {} rather than {code}\n{}{}",
                run.code, run.stdout, run.stderr
            ));
        }
        let start = what.starts_with("start") || what.starts_with("clap, start");
        if code == 0 && start && run.stdout.trim() != "started" {
            self.broken
                .push(format!("binary, {what}: did not start:\n{}", run.stdout));
        }
        self.push(format!("binary, {what}: stdout"), "", run.stdout);
        self.push(format!("binary, {what}: stderr"), "", run.stderr);
    }
}

/// A working directory, the process environment, and the arguments of one
/// kind of run.
struct Setting {
    what: &'static str,
    env: Env,
    /// What the run is given after its mode's flags.
    args: Vec<String>,
    /// Whether the configuration loads.
    loads: bool,
}

fn setting(root: &Path, what: &'static str, vars: Vec<(String, String)>, loads: bool) -> Setting {
    Setting {
        what,
        env: Env {
            dir: TempDir::new_in(root).expect("a temporary directory"),
            vars,
        },
        args: Vec::new(),
        loads,
    }
}

/// How the binary is run with each setting: a start, and `--check-env`.
///
/// FUTURE OUTPUTS plug in here. `--print-config` (DESIGN.md, "The
/// operator's view") exits as a start does, so it is one line once
/// `load_or_exit` claims it: `("--print-config", &["--print-config"])`, and
/// `("--print-config=json", &["--print-config=json"])`. Warnings at start-up
/// (aliases, deprecations: `warning: ` lines) are on stderr, which every
/// run's output includes already; a shape that warns (`alias`,
/// `deprecated`) is a line in `shapes!`.
const MODES: &[(&str, &[&str])] = &[
    ("start", &[]),
    ("--check-env", &["--check-env"]),
    (
        "--check-env --report json",
        &["--check-env", "--report", "json"],
    ),
    (
        "--check-env --report github",
        &["--check-env", "--report", "github"],
    ),
    ("--print-config", &["--print-config"]),
    ("--print-config=json", &["--print-config=json"]),
];

/// Every form of the `--check-env` report.
const REPORT_FORMS: &[&str] = &["text", "json", "github"];

/// Every output of the built binary, the routes' included: what they ran.
fn binary_outputs(sweep: &Sweep, root: &Path, outputs: &mut Outputs) -> routes::Figures {
    let binary = support::example_binary("secret_matrix", &[]);
    let files_dir = root.join("files");
    std::fs::create_dir(&files_dir).expect("a directory for NAME_FILE files");

    let settings = vec![
        setting(root, "all valid, environment", sweep.valid_vars(), true),
        setting(
            root,
            "all invalid, environment",
            sweep.invalid_vars(),
            false,
        ),
        setting(
            root,
            "all valid, NAME_FILE",
            as_files(&files_dir, &sweep.valid_vars(), "valid"),
            true,
        ),
        setting(
            root,
            "all invalid, NAME_FILE",
            as_files(&files_dir, &sweep.invalid_vars(), "invalid"),
            false,
        ),
        setting(root, "all valid, ./.env", Vec::new(), true),
        setting(root, "all invalid, ./.env", Vec::new(), false),
        setting(root, "defaults applied", sweep.defaults_vars(), true),
        setting(root, "nothing set", Vec::new(), false),
        setting(root, "all valid, secrets_dir", Vec::new(), true),
        setting(root, "all invalid, secrets_dir", Vec::new(), false),
        setting(root, "pasted into NAME_FILE, ./.env", Vec::new(), false),
    ];
    in_secrets_dir(
        settings[8].env.dir.path(),
        &sweep.by_var_name(sweep.valid_vars()),
    );
    in_secrets_dir(
        settings[9].env.dir.path(),
        &sweep.by_var_name(sweep.invalid_vars()),
    );
    settings[4]
        .env
        .file(".env", &dotenv(&sweep.valid_in(Medium::Dotenv)));
    settings[5]
        .env
        .file(".env", &dotenv(&sweep.invalid_in(Medium::Dotenv)));
    // Every value pasted into its variable's `NAME_FILE` by mistake, and
    // each such `NAME_FILE` copied by another name: a secret's is never
    // shown, nor what copies it. An absolute path whose parent exists is
    // shown, by design (DESIGN.md, "Secrets"): the operator needs the path
    // of a mount to fix; the path kind's values are such paths.
    let pasted: Vec<(String, String)> = sweep
        .valid_in(Medium::Dotenv)
        .into_iter()
        .filter(|(_, value)| !value.starts_with('/'))
        .enumerate()
        .flat_map(|(n, (name, value))| {
            let file_var = format!("{name}_FILE");
            let copy = (format!("SWEEP_PASTED_COPY_{n}"), format!("${{{file_var}}}"));
            [(file_var, value), copy]
        })
        .collect();
    settings[10].env.file(".env", &dotenv(&pasted));

    for setting in &settings {
        for (mode, flags) in MODES {
            let mut args: Vec<&str> = flags.to_vec();
            args.extend(setting.args.iter().map(String::as_str));
            let run = setting.env.run_binary(&binary, &args);
            // The operator's view says which file of the secrets directory
            // a value came from (here the control's, which is shown).
            let from_dir = format!("{}/{CONTROL_VAR}", matrix::SECRETS_DIR);
            if setting.what == "all valid, secrets_dir"
                && mode.starts_with("--print-config")
                && !(run.stdout.contains(&from_dir) && run.stdout.contains(CONTROL_VALID))
            {
                outputs.broken.push(format!(
                    "{mode}, {}: {from_dir} is not shown as the origin of {CONTROL_VAR}:\n{}",
                    setting.what, run.stdout
                ));
            }
            let code = if setting.loads { 0 } else { 78 };
            outputs.run(&format!("{mode}, {}", setting.what), run, code);
        }
    }

    // `Startup::load`, as a service that logs its own start does: every
    // output of the library it is handed, for every setting; and a
    // `./.env` that cannot be read (a line not UTF-8, among the values),
    // `StartupError::Dotenv`.
    let startup = support::example_binary("secret_matrix_startup", &[]);
    for setting in &settings {
        let run = setting.env.run_binary(&startup, &[]);
        let what = format!("Startup::load, {}", setting.what);
        if setting.loads && !run.stdout.trim_end().ends_with("started") {
            outputs
                .broken
                .push(format!("binary, {what}: did not start:\n{}", run.stderr));
        }
        outputs.run(&what, run, if setting.loads { 0 } else { 78 });
    }
    {
        // A line that is not UTF-8 is that line's problem alone; the
        // secrets around it load or fail as their own lines say.
        let env = setting(root, "./.env with a line not UTF-8", Vec::new(), false).env;
        let mut text = dotenv(&sweep.valid_in(Medium::Dotenv)).into_bytes();
        text.extend_from_slice(b"SWEEP_NOT_UTF8=\xff\n");
        text.extend_from_slice(dotenv(&sweep.invalid_vars()).as_bytes());
        std::fs::write(env.dir.path().join(".env"), &text).expect("a dotenv file");
        let run = env.run_binary(&startup, &[]);
        outputs.run("Startup::load, ./.env with a line not UTF-8", run, 78);
        // Over the size limit, the file is not read at all: the error
        // names the file, never what is in it.
        while text.len() <= 4 * 1024 * 1024 {
            text.extend_from_within(..);
        }
        std::fs::write(env.dir.path().join(".env"), &text).expect("a dotenv file");
        let run = env.run_binary(&startup, &[]);
        if !run.stderr.contains("StartupError Debug: Dotenv {") {
            outputs
                .broken
                .push(format!("Startup::load, unreadable ./.env: {}", run.stderr));
        }
        outputs.run("Startup::load, unreadable ./.env", run, 78);
        // Every mode of the binary says the same of it, the check's json
        // and github reports included.
        for (mode, flags) in MODES {
            let run = env.run_binary(&binary, flags);
            outputs.run(&format!("{mode}, unreadable ./.env"), run, 78);
        }
    }

    // The clap integration (feature `clap`): `envconfig::Args` flattened
    // into the application's parser, in every setting and mode, its docs
    // in every format, its `--check-env --env-file`, and clap's `--help`.
    #[cfg(feature = "clap")]
    {
        let clap = support::example_binary("secret_matrix_clap", &["clap"]);
        for setting in &settings {
            for (mode, flags) in MODES {
                let run = setting.env.run_binary(&clap, flags);
                let code = if setting.loads { 0 } else { 78 };
                outputs.run(&format!("clap, {mode}, {}", setting.what), run, code);
            }
        }
        for (what, vars, code) in [
            ("valid", sweep.valid_in(Medium::Dotenv), 0),
            ("invalid", sweep.invalid_in(Medium::Dotenv), 78),
        ] {
            let env = setting(root, "env file", Vec::new(), code == 0).env;
            let file = env.file("deploy.env", &dotenv(&vars));
            let file = file.to_str().expect("a UTF-8 path");
            let run = env.run_binary(&clap, &["--check-env", "--env-file", file]);
            outputs.run(
                &format!("clap, --check-env --env-file, all {what}"),
                run,
                code,
            );
        }
        let env = setting(root, "docs", sweep.invalid_vars(), true).env;
        for &format in FORMATS {
            let flag = format!("--print-env-docs={format}");
            outputs.run(&format!("clap, {flag}"), env.run_binary(&clap, &[&flag]), 0);
        }
        outputs.run("clap, --help", env.run_binary(&clap, &["--help"]), 0);
        let stale = env.file("stale.txt", "a reference from long ago\n");
        let stale = stale.to_str().expect("a UTF-8 path");
        for &format in FORMATS {
            let format = format.to_string();
            let args = ["--check-docs", stale, "--check-docs-format", &format];
            outputs.run(
                &format!("clap, --check-docs --check-docs-format {format}, stale"),
                env.run_binary(&clap, &args),
                1,
            );
        }
    }

    // `--check-env --env-file PATH`: the file alone, in an empty
    // environment.
    for (what, vars, code) in [
        ("valid", sweep.valid_in(Medium::Dotenv), 0),
        ("invalid", sweep.invalid_in(Medium::Dotenv), 78),
    ] {
        let env = setting(root, "env file", Vec::new(), code == 0).env;
        let file = env.file("deploy.env", &dotenv(&vars));
        let file = file.to_str().expect("a UTF-8 path");
        for form in REPORT_FORMS {
            let run = env.run_binary(
                &binary,
                &["--check-env", "--env-file", file, "--report", form],
            );
            outputs.run(
                &format!("--check-env --env-file --report {form}, all {what}"),
                run,
                code,
            );
        }
    }

    // The same file for `docker run --env-file`, every value in quotes,
    // which docker keeps: a warning names each line, never its value, and
    // the quoted numbers do not parse.
    let env = setting(root, "docker env file", Vec::new(), false).env;
    let quoted: String = sweep
        .valid_in(Medium::Dotenv)
        .iter()
        .map(|(name, value)| format!("{name}=\"{value}\"\n"))
        .collect();
    let file = env.file("deploy.env", &quoted);
    let file = file.to_str().expect("a UTF-8 path");
    for form in REPORT_FORMS {
        let args = [
            "--check-env",
            "--env-file",
            file,
            "--env-format",
            "docker",
            "--report",
            form,
        ];
        let run = env.run_binary(&binary, &args);
        outputs.run(
            &format!("--check-env --env-file --env-format docker --report {form}, all quoted"),
            run,
            78,
        );
    }

    // `--check-env --manifest PATH`: the values as a container's literal
    // `value:`s, as the same with each secret's value written as
    // references (`$(...)`), and as a ConfigMap's `data` that `envFrom`
    // reads.
    #[cfg(feature = "k8s")]
    for (what, invalid, code) in [("valid", false, 0), ("invalid", true, 78)] {
        let env = setting(root, "manifest", Vec::new(), code == 0).env;
        let (literal, plain) = if invalid {
            (sweep.invalid_in(Medium::Manifest), sweep.invalid_vars())
        } else {
            (sweep.valid_in(Medium::Manifest), sweep.valid_vars())
        };
        let references = sweep.references_in_manifest(invalid);
        for (shape, manifest, code) in [
            (
                "value:",
                support::k8s::manifest_as_written(&literal, false),
                code,
            ),
            // Nothing is read: every variable is external, the control too,
            // whose path is shown.
            ("NAME_FILE:", name_files_in_manifest(&plain, false), 0),
            (
                "NAME_FILE: *alias of another container's value:",
                name_files_in_manifest(&plain, true),
                0,
            ),
            (
                "value: $(...)",
                support::k8s::manifest_as_written(&references, false),
                78,
            ),
            (
                "ConfigMap",
                support::k8s::manifest_as_written(&plain, true),
                code,
            ),
            // Never read: every variable is external, from its file, but
            // the control, a literal `value:`.
            (
                "a Secret among the documents, at the secrets_dir",
                secret_at_secrets_dir(&sweep.by_var_name(plain.clone())),
                code,
            ),
        ] {
            let file = env.file("deploy.yaml", &manifest);
            let file = file.to_str().expect("a UTF-8 path");
            for form in REPORT_FORMS {
                let args = [
                    "--check-env",
                    "--manifest",
                    file,
                    "--container",
                    "matrix",
                    "--report",
                    form,
                ];
                let run = env.run_binary(&binary, &args);
                outputs.run(
                    &format!("--check-env --manifest --report {form}, {shape}, all {what}"),
                    run,
                    code,
                );
            }
        }
    }

    let env = setting(root, "docs", Vec::new(), true).env;
    outputs.run(
        "--print-env-docs",
        env.run_binary(&binary, &["--print-env-docs"]),
        0,
    );
    for &format in FORMATS {
        let flag = format!("--print-env-docs={format}");
        outputs.run(&flag, env.run_binary(&binary, &[&flag]), 0);
    }
    // `--check-docs`: a reference as printed passes; a stale one fails with
    // a diff that holds every line of the docs.
    let stale = env.file("stale.txt", "a reference from long ago\n");
    let stale = stale.to_str().expect("a UTF-8 path");
    for &format in FORMATS {
        let printed = env.run_binary(&binary, &[&format!("--print-env-docs={format}")]);
        let same = env.file(&format!("same-{format}.txt"), &printed.stdout);
        let same = same.to_str().expect("a UTF-8 path");
        let flag = format!("--check-docs={format}");
        outputs.run(
            &format!("{flag}, the same"),
            env.run_binary(&binary, &[&flag, same]),
            0,
        );
        outputs.run(
            &format!("{flag}, stale"),
            env.run_binary(&binary, &[&flag, stale]),
            1,
        );
    }

    routes::run_routes(sweep, root, &binary, outputs)
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[test]
fn no_secret_reaches_any_output() {
    let sweep = Sweep::new();
    let root = TempDir::new().expect("a temporary directory");
    let mut outputs = Outputs::default();

    // In process.
    let files = root.path().join("in-process");
    std::fs::create_dir(&files).expect("a directory");
    outputs.load("all valid", &sweep.valid_vars(), true);
    outputs.load("defaults applied", &sweep.defaults_vars(), true);
    outputs.load("all invalid", &sweep.invalid_vars(), false);
    outputs.load(
        "all invalid, NAME_FILE",
        &as_files(&files, &sweep.invalid_vars(), "invalid"),
        false,
    );
    outputs.load(
        "all valid, NAME_FILE",
        &as_files(&files, &sweep.valid_vars(), "valid"),
        true,
    );
    outputs.load("nothing set", &[], false);
    outputs.loaded("all valid", &sweep.valid_vars(), true);
    outputs.loaded("defaults applied", &sweep.defaults_vars(), true);
    outputs.loaded(
        "all valid, NAME_FILE",
        &as_files(&files, &sweep.valid_vars(), "valid"),
        true,
    );
    outputs.loaded("all invalid", &sweep.invalid_vars(), false);
    outputs.loaded(
        "all invalid, NAME_FILE",
        &as_files(&files, &sweep.invalid_vars(), "invalid"),
        false,
    );
    outputs.loaded("nothing set", &[], false);
    outputs.docs(&Matrix::docs());

    // The invalid load reported every field whose value is invalid, so that
    // each was through the path that must withhold it.
    if let Err(error) = Matrix::from_vars(sweep.invalid_vars()) {
        let reported: BTreeSet<&str> = error.problems().iter().map(|p| p.var()).collect();
        for var in sweep.rejected_vars() {
            if !reported.contains(var) {
                outputs
                    .broken
                    .push(format!("in process, all invalid: no problem for {var}"));
            }
        }
    }

    // Through the binary.
    let routed = binary_outputs(&sweep, root.path(), &mut outputs);

    // Temporary paths are random: a canary's digits could turn up in one.
    let root_path = root.path().to_str().expect("a UTF-8 path").to_owned();
    for output in &mut outputs.list {
        output.text = output.text.replace(&root_path, "<tmp>");
    }

    // The control: a non-secret invalid value is shown by every output that
    // reports the invalid values, or the sweep proves nothing.
    let mut shown_by: BTreeMap<&str, bool> = BTreeMap::new();
    for output in &outputs.list {
        let reports_invalid = output.channel.contains("all invalid")
            && (output.channel.contains("Error Display") || output.channel.starts_with("binary"));
        if reports_invalid {
            let run = output.channel.trim_end_matches(": stdout");
            let run = run.trim_end_matches(": stderr");
            *shown_by.entry(run).or_default() |= output.text.contains(CONTROL_INVALID);
        }
    }
    for (run, shown) in &shown_by {
        if !shown {
            outputs.broken.push(format!(
                "control: {CONTROL_VAR}'s invalid value {CONTROL_INVALID:?} is not shown by {run}"
            ));
        }
    }
    // The invalid runs set the switched groups' secrets with their switch
    // false: every `--check-env` of them warns that each is ignored, so that
    // each went through the path of a group that is off.
    let switched: Vec<&str> = sweep
        .cells
        .iter()
        .filter(|cell| cell.place == Place::Switched)
        .map(|cell| cell.set_as.as_str())
        .collect();
    assert!(!switched.is_empty(), "the matrix has switched groups");
    let mut warned_in = 0;
    for output in &outputs.list {
        let check_run = output
            .channel
            .starts_with("binary, --check-env, all invalid")
            && output.channel.ends_with(": stdout");
        if !check_run {
            continue;
        }
        warned_in += 1;
        // Set through its file, the warning names what was set: NAME_FILE.
        let suffix = match output.channel.contains("NAME_FILE") {
            true => "_FILE",
            false => "",
        };
        for var in &switched {
            if !output
                .text
                .contains(&format!("{var}{suffix} is set but ignored"))
            {
                outputs.broken.push(format!(
                    "{}: no warning that {var}, of a group switched off, is ignored",
                    output.channel
                ));
            }
        }
    }
    assert!(warned_in > 0, "no --check-env run of the invalid values");
    // The docs say which variables are secret (the `SECRET` column, a
    // `secretKeyRef` in `k8s`): every entry of every variable of the matrix
    // must, a shared variable's included, which is secret if either field is.
    let mut not_marked = Vec::new();
    for var in Matrix::docs().vars() {
        if let Some(cell) = sweep.cells.iter().find(|cell| cell.var == var.name)
            && !var.secret
        {
            not_marked.push(format!(
                "{} ({}) is not marked secret in the docs",
                var.name,
                cell.label()
            ));
        }
    }

    let all: String = outputs.list.iter().map(|o| o.text.as_str()).collect();
    assert!(
        all.contains("<redacted>"),
        "secrets are said to be withheld"
    );

    // The scan. A text that holds a canary holds its last ten characters:
    // looking for those finds both.
    let needles: Vec<String> = sweep
        .canaries
        .iter()
        .map(|canary| fragment(&canary.text.to_lowercase()).to_owned())
        .collect();
    // One automaton finds every needle in a text in one pass: the texts
    // are many, and the binary's are long.
    let automaton = aho_corasick::AhoCorasick::new(&needles).expect("an automaton of the canaries");
    let mut leaks = Vec::new();
    for output in &outputs.list {
        let text = output.text.to_lowercase();
        let found: BTreeSet<usize> = automaton
            .find_overlapping_iter(&text)
            .map(|found| found.pattern().as_usize())
            .collect();
        for index in found {
            leaks.push((&sweep.canaries[index], output));
        }
    }
    // The figures.
    let channels: BTreeSet<&str> = outputs.list.iter().map(|o| o.channel.as_str()).collect();
    let cells = sweep.shapes.len() * KINDS.len();
    let (by_type, not_applicable): (Vec<_>, Vec<_>) =
        sweep.skipped.iter().partition(|(_, (_, by_type))| *by_type);
    let sum = |list: &[(&&str, &(usize, bool))]| list.iter().map(|(_, (n, _))| n).sum::<usize>();
    let reasons = |list: &[(&&str, &(usize, bool))]| {
        list.iter()
            .map(|(reason, (n, _))| format!("{n}: {reason}"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let combinations = sweep.shapes.len() * channels.len();
    eprintln!(
        "secret sweep: {} shapes × {} kinds = {} fields ({} skipped, the type system forbids them \
         [{}]; {} not applicable [{}]), {} canaries, {} outputs ({} texts), {} (shape × output) \
         combinations, {} (canary × text) scans, {} leaks, {} secret variables not marked secret",
        sweep.shapes.len(),
        KINDS.len(),
        thousands(sweep.cells.len()),
        sum(&by_type),
        reasons(&by_type),
        sum(&not_applicable),
        reasons(&not_applicable),
        thousands(sweep.canaries.len()),
        channels.len(),
        thousands(outputs.list.len()),
        thousands(combinations),
        thousands(sweep.canaries.len() * outputs.list.len()),
        thousands(leaks.len()),
        not_marked.len(),
    );
    let route_outputs: BTreeSet<&str> = outputs
        .list
        .iter()
        .filter(|output| output.channel.contains(", route "))
        .map(|output| output.channel.as_str())
        .collect();
    let route_leaks = leaks
        .iter()
        .filter(|(_, output)| output.channel.contains(", route "))
        .count();
    eprintln!(
        "secret routes: {} routes by which a secret's value reaches a plain variable × their \
         channels = {} (route × channel) combinations, each with {} secret → plain pairs and \
         the control, valid and invalid, in every mode: {} runs, {} outputs, {} leaks",
        routes::ROUTES.len(),
        routed.combinations,
        sweep.copiers.len(),
        thousands(routed.runs),
        thousands(route_outputs.len()),
        thousands(route_leaks),
    );
    assert_eq!(
        sweep.cells.len() + sum(&by_type) + sum(&not_applicable),
        cells,
        "every cell is a field or skipped"
    );
    assert!(
        combinations >= MIN_COMBINATIONS,
        "only {combinations} (shape × output) combinations"
    );

    let mut report = String::new();
    if !outputs.broken.is_empty() {
        writeln!(
            report,
            "{} expectations of the sweep failed:",
            outputs.broken.len()
        )
        .unwrap();
        for broken in &outputs.broken {
            writeln!(report, "- {broken}").unwrap();
        }
    }
    if !not_marked.is_empty() {
        writeln!(
            report,
            "{} variables of secret fields are not secret in the docs:",
            not_marked.len()
        )
        .unwrap();
        for line in &not_marked {
            writeln!(report, "- {line}").unwrap();
        }
    }
    if !leaks.is_empty() {
        writeln!(report, "{} leaks:", leaks.len()).unwrap();
        for (canary, output) in &leaks {
            let cell = &sweep.cells[canary.cell];
            let part = if output.part.is_empty() {
                String::new()
            } else {
                format!(" ({})", output.part)
            };
            writeln!(
                report,
                "canary {} [{} of {}] ({}) appeared in {}{part}",
                canary.text,
                canary.role,
                cell.var,
                cell.label(),
                output.channel
            )
            .unwrap();
        }
        // The same, grouped: for each shape and value, the kinds it leaked
        // for and the outputs it leaked into.
        writeln!(report, "\nleaks by shape and value:").unwrap();
        // By (shape, value): the kinds, and the outputs.
        type Group<'a> = (BTreeSet<&'a str>, BTreeSet<&'a str>);
        let mut groups: BTreeMap<(&str, &str), Group> = BTreeMap::new();
        for (canary, output) in &leaks {
            let cell = &sweep.cells[canary.cell];
            let (kinds, channels) = groups.entry((cell.shape, canary.role)).or_default();
            kinds.insert(cell.kind.ty);
            channels.insert(&output.channel);
        }
        for ((shape, role), (kinds, channels)) in groups {
            let kinds: Vec<&str> = kinds.into_iter().collect();
            writeln!(
                report,
                "- {shape}, {role}, for {}: {} outputs",
                kinds.join(", "),
                channels.len()
            )
            .unwrap();
            for channel in channels {
                writeln!(report, "    {channel}").unwrap();
            }
        }
    }
    assert!(report.is_empty(), "{report}");
}

/// The sweep's own arithmetic, with no binary.
#[test]
fn thousands_are_grouped() {
    assert_eq!(thousands(7), "7");
    assert_eq!(thousands(1234), "1,234");
    assert_eq!(thousands(1234567), "1,234,567");
    assert_eq!(fragment("canary-invalid-017"), "nvalid-017");
    assert_eq!(fragment("abc"), "abc");
}
