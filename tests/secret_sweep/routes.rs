//! The sweep's second dimension: the *routes* by which the operator's
//! environment hands a secret's value to a plain variable, whatever the
//! field's shape.
//!
//! A route is one line of [`ROUTES`]: how it writes one pair, a secret's
//! variable (the *source*, with its value) and a plain one (the *target*),
//! in a [`Channel`]'s terms (a literal, a copy `${NAME}` or `$(NAME)`, a
//! `NAME_FILE` path, a ConfigMap key, a YAML anchor), and the channels it
//! applies to. The pairs are the matrix's own: each `copied` secret and the
//! plain field that copies it (`Place::Copier`), so that every route also
//! runs with the secret set through its alias and with the plain variable
//! read through its alias, for every kind. The control is routed too, from
//! a variable no field reads into `SWEEP_CONTROL_PORT`, with its invalid
//! value: every run must show it, or the route delivers nothing and proves
//! nothing.
//!
//! A manifest's routes also run with the pair in two containers of one
//! pod ([`Channel::OtherContainer`]): the secret's entries in `api`, the
//! plain variable's in `matrix`, which is checked.
//!
//! Each (route × channel) runs the built binary with the secrets' values
//! valid and invalid, the other cells set as in the sweep's own runs, in
//! every mode the channel has, and its outputs join the sweep's scan.

use std::path::{Path, PathBuf};

use super::{CONTROL_VAR, Outputs, Sweep, dotenv, setting};
use crate::matrix::CONTROL_INVALID;
use crate::support::Env;

/// Where the values are set, and how the binary is asked to read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Channel {
    /// The process environment: a start, `--check-env`, `--print-config`.
    Environment,
    /// `./.env` (the other cells in the environment), read as at a start.
    DotEnv,
    /// `./.env` whose copies copy what the process environment sets: the
    /// route's literals are in the environment, its copies in `./.env`.
    DotEnvOverEnvironment,
    /// `--check-env --env-file PATH`, the file alone.
    EnvFile,
    /// `--check-env --env-file PATH --read-secret-files`.
    EnvFileReadingFiles,
    /// `--check-env --manifest PATH`.
    Manifest,
    /// `--check-env --manifest PATH --container matrix`, the secret set in
    /// another container of the pod, `api`: what a secret reads there is
    /// secret in the checked container too.
    OtherContainer,
}

use Channel::{
    DotEnv, DotEnvOverEnvironment, EnvFile, EnvFileReadingFiles, Environment, Manifest,
    OtherContainer,
};

impl Channel {
    fn label(self) -> &'static str {
        match self {
            Environment => "environment",
            DotEnv => "./.env",
            DotEnvOverEnvironment => "./.env over the environment",
            EnvFile => "--env-file",
            EnvFileReadingFiles => "--env-file --read-secret-files",
            Manifest => "--manifest",
            OtherContainer => "--manifest, the secret in another container",
        }
    }

    fn is_dotenv(self) -> bool {
        matches!(
            self,
            DotEnv | DotEnvOverEnvironment | EnvFile | EnvFileReadingFiles
        )
    }
}

/// Every copy channel: where `${NAME}` or `$(NAME)` can be written.
const COPYING: &[Channel] = &[DotEnv, DotEnvOverEnvironment, EnvFile, Manifest];
/// The dotenv channels.
const DOTENV: &[Channel] = &[DotEnv, DotEnvOverEnvironment, EnvFile];
/// Where a `NAME_FILE` may be read, or named and left unread.
const FILES: &[Channel] = &[Environment, DotEnv, EnvFile, EnvFileReadingFiles];
/// The manifest channels: one ConfigMap key or one YAML node can be read
/// from any container of the manifest.
const MANIFEST: &[Channel] = &[Manifest, OtherContainer];

/// One secret and the plain variable a route hands its value to.
pub(super) struct Pair {
    /// The name the secret is set under: its variable, or its alias.
    pub source: String,
    /// The name the plain variable is set under.
    pub target: String,
    pub value: String,
    /// Numbers the pair's files, hops, anchors and keys.
    pub n: usize,
}

/// One route: a line of [`ROUTES`].
pub(super) struct Route {
    pub name: &'static str,
    pub channels: &'static [Channel],
    /// Channels in which the target's value is never read (a `NAME_FILE`
    /// unopened, a Secret's key): the control is not shown there.
    pub unread: &'static [Channel],
    /// Whether the control is withheld, for it reads what holds the
    /// secrets too (the dotenv file that sets them): the run must then
    /// show that the control read its `NAME_FILE`, not its value.
    pub withheld: bool,
    pub write: fn(&mut Writer, &Pair),
}

/// The inputs of one run, as the routes write them.
pub(super) struct Writer {
    channel: Channel,
    /// The run's working directory.
    dir: PathBuf,
    /// The process environment.
    env: Vec<(String, String)>,
    /// The dotenv file's lines (`./.env`, or the `--env-file`'s after the
    /// other cells').
    dotenv: Vec<String>,
    /// The container's `env:` entries, YAML, each from `- `.
    entries: Vec<String>,
    /// The container's `envFrom:` entries.
    env_from: Vec<String>,
    /// The other container's `env:` and `envFrom:` entries, in
    /// [`OtherContainer`]: the secrets'.
    other_entries: Vec<String>,
    other_env_from: Vec<String>,
    /// Whether the other container comes first in the pod: it has the
    /// first entry written (an anchor comes before its aliases).
    other_first: Option<bool>,
    /// Documents besides the Deployment: ConfigMaps, Secrets.
    documents: Vec<String>,
    /// Whether the objects are one document, a `List`: a YAML alias
    /// reaches an anchor of its own document only.
    one_document: bool,
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a JSON string")
}

impl Writer {
    /// `name` set to `value`, as the channel writes a value.
    fn literal(&mut self, name: &str, value: &str) {
        match self.channel {
            Environment | DotEnvOverEnvironment => self.env.push((name.into(), value.into())),
            DotEnv | EnvFile | EnvFileReadingFiles => self.dotenv.push(format!("{name}={value}")),
            Manifest | OtherContainer => self.entries.push(format!(
                "- name: {}\n  value: {}",
                quoted(name),
                quoted(&value.replace('$', "$$"))
            )),
        }
    }

    /// `name` set to a copy of `of`, between two texts.
    fn copy(&mut self, name: &str, before: &str, of: &str, after: &str) {
        match self.channel {
            Manifest => self.entries.push(format!(
                "- name: {}\n  value: {}",
                quoted(name),
                quoted(&format!("{before}$({of}){after}"))
            )),
            channel if channel.is_dotenv() => {
                self.dotenv.push(format!("{name}={before}${{{of}}}{after}"));
            }
            channel => panic!("{channel:?} cannot copy"),
        }
    }

    /// A dotenv line as written.
    fn dotenv_line(&mut self, line: String) {
        assert!(self.channel.is_dotenv());
        self.dotenv.push(line);
    }

    /// A file of the run holding the pair's value: its absolute path.
    fn secret_file(&self, pair: &Pair) -> PathBuf {
        let dir = self.dir.join("secrets");
        std::fs::create_dir_all(dir.join("sub")).expect("a directory");
        let path = dir.join(format!("s-{}", pair.n));
        std::fs::write(&path, format!("{}\n", pair.value)).expect("a secret file");
        path
    }

    /// The secret's `NAME_FILE` naming a file with its value, and the
    /// target's naming the same file as `spell` writes its path.
    fn same_file(&mut self, pair: &Pair, spell: impl Fn(&Writer, &Path) -> String) {
        let path = self.secret_file(pair);
        let other = spell(self, &path);
        self.literal(&format!("{}_FILE", pair.source), &text(&path));
        self.literal(&format!("{}_FILE", pair.target), &other);
    }

    /// The dotenv file the channel reads, as a `NAME_FILE` would name it.
    fn dotenv_path(&self) -> String {
        match self.channel {
            DotEnv => ".env".into(),
            EnvFile | EnvFileReadingFiles => text(&self.dir.join("deploy.env")),
            channel => panic!("{channel:?} reads no dotenv file"),
        }
    }

    /// An `env:` entry setting the pair's secret (`of_secret`) or its plain
    /// variable: in [`OtherContainer`], the secret's is in the other
    /// container.
    fn entry(&mut self, of_secret: bool, entry: String) {
        self.in_container(of_secret, false, entry);
    }

    /// An `envFrom:` entry, likewise.
    fn env_from(&mut self, of_secret: bool, entry: String) {
        self.in_container(of_secret, true, entry);
    }

    fn in_container(&mut self, of_secret: bool, env_from: bool, entry: String) {
        let other = of_secret && self.channel == OtherContainer;
        self.other_first.get_or_insert(other);
        let list = match (other, env_from) {
            (false, false) => &mut self.entries,
            (false, true) => &mut self.env_from,
            (true, false) => &mut self.other_entries,
            (true, true) => &mut self.other_env_from,
        };
        list.push(entry);
    }

    /// A ConfigMap of the manifest: its name, and `data` lines.
    fn config_map(&mut self, name: &str, data: &[String]) {
        let mut document =
            format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n");
        for line in data {
            document.push_str(&format!("  {line}\n"));
        }
        self.documents.push(document);
    }
}

fn text(path: &Path) -> String {
    path.to_str().expect("a UTF-8 path").to_owned()
}

/// The part of `name` after its last `_`, and what comes before it.
fn split_last(name: &str) -> (&str, &str) {
    let at = name.rfind('_').map_or(0, |at| at + 1);
    (&name[..at], &name[at..])
}

/// Every route, one line each.
pub(super) const ROUTES: &[Route] = &[
    // Copies: the target's value is written as a reference to the secret's.
    Route {
        name: "a copy: P=${S}, $(S)",
        channels: COPYING,
        unread: &[],
        withheld: false,
        write: |w, p| {
            w.literal(&p.source, &p.value);
            w.copy(&p.target, "", &p.source, "");
        },
    },
    Route {
        name: "a copy within a value: P=x-${S}-y",
        channels: COPYING,
        unread: &[],
        withheld: false,
        write: |w, p| {
            w.literal(&p.source, &p.value);
            w.copy(&p.target, "x-", &p.source, "-y");
        },
    },
    Route {
        name: "a copy of a copy: H=${S}, P=${H}",
        channels: COPYING,
        unread: &[],
        withheld: false,
        write: |w, p| {
            let hop = format!("ROUTE_HOP_{}", p.n);
            w.literal(&p.source, &p.value);
            w.copy(&hop, "", &p.source, "");
            w.copy(&p.target, "", &hop, "");
        },
    },
    Route {
        name: "a quoted copy: P=\"${S}\"",
        channels: DOTENV,
        unread: &[],
        withheld: false,
        write: |w, p| {
            w.literal(&p.source, &p.value);
            w.dotenv_line(format!("{}=\"${{{}}}\"", p.target, p.source));
        },
    },
    Route {
        name: "an unbraced copy: H=${S}, P=$H",
        channels: DOTENV,
        unread: &[],
        withheld: false,
        write: |w, p| {
            // `$NAME` ends at the first character that is not a letter or
            // a digit, as dotenvy reads it: the hop has no `_`.
            let hop = format!("ROUTEHOP{}", p.n);
            w.literal(&p.source, &p.value);
            w.copy(&hop, "", &p.source, "");
            w.dotenv_line(format!("{}=${hop}", p.target));
        },
    },
    Route {
        name: "copied by the secret: P=value, S=${P}",
        channels: COPYING,
        unread: &[],
        withheld: false,
        write: |w, p| {
            w.literal(&p.target, &p.value);
            w.copy(&p.source, "", &p.target, "");
        },
    },
    Route {
        name: "copied by the secret in part: P=value, S=x-${P}-y",
        channels: COPYING,
        unread: &[],
        withheld: false,
        write: |w, p| {
            w.literal(&p.target, &p.value);
            w.copy(&p.source, "x-", &p.target, "-y");
        },
    },
    Route {
        name: "both copy one value: H=value, S=${H}, P=${H}",
        channels: COPYING,
        unread: &[],
        withheld: false,
        write: |w, p| {
            let hop = format!("ROUTE_HOP_{}", p.n);
            w.literal(&hop, &p.value);
            w.copy(&p.source, "", &hop, "");
            w.copy(&p.target, "", &hop, "");
        },
    },
    // A `NAME_FILE` whose path is, or holds, the secret.
    Route {
        name: "a NAME_FILE copies it: P_FILE=${S}",
        channels: &[
            DotEnv,
            DotEnvOverEnvironment,
            EnvFile,
            EnvFileReadingFiles,
            Manifest,
        ],
        // The manifest check never shows a path that copies a variable.
        unread: &[EnvFile, Manifest],
        withheld: false,
        write: |w, p| {
            w.literal(&p.source, &p.value);
            w.copy(&format!("{}_FILE", p.target), "", &p.source, "");
        },
    },
    Route {
        name: "a NAME_FILE's path holds it: P_FILE=/run/${S}",
        channels: &[
            DotEnv,
            DotEnvOverEnvironment,
            EnvFile,
            EnvFileReadingFiles,
            Manifest,
        ],
        unread: &[EnvFile, Manifest],
        withheld: false,
        write: |w, p| {
            w.literal(&p.source, &p.value);
            w.copy(&format!("{}_FILE", p.target), "/run/", &p.source, "");
        },
    },
    // Two `NAME_FILE`s naming one file, however its path is spelt.
    Route {
        name: "one file: S_FILE=f, P_FILE=f",
        channels: FILES,
        unread: &[EnvFile],
        withheld: false,
        write: |w, p| w.same_file(p, |_, path| text(path)),
    },
    Route {
        name: "one file, relative: P_FILE=./f",
        channels: FILES,
        unread: &[EnvFile],
        withheld: false,
        write: |w, p| {
            w.same_file(p, |w, path| {
                let relative = path.strip_prefix(&w.dir).expect("in the run's directory");
                format!("./{}", text(relative))
            })
        },
    },
    Route {
        name: "one file, spelt with /./ and //: P_FILE=d/.//f",
        channels: FILES,
        unread: &[EnvFile],
        withheld: false,
        write: |w, p| {
            w.same_file(p, |_, path| {
                let (dir, name) = (path.parent().unwrap(), path.file_name().unwrap());
                format!("{}/.//{}", text(dir), name.to_str().unwrap())
            })
        },
    },
    Route {
        name: "one file, through ..: P_FILE=d/sub/../f",
        channels: FILES,
        unread: &[EnvFile],
        withheld: false,
        write: |w, p| {
            w.same_file(p, |_, path| {
                let (dir, name) = (path.parent().unwrap(), path.file_name().unwrap());
                format!("{}/sub/../{}", text(dir), name.to_str().unwrap())
            })
        },
    },
    Route {
        name: "one file, through a symbolic link to it",
        channels: FILES,
        unread: &[EnvFile],
        withheld: false,
        write: |w, p| {
            w.same_file(p, |w, path| {
                let link = w.dir.join(format!("link-{}", p.n));
                std::os::unix::fs::symlink(path, &link).expect("a symbolic link");
                text(&link)
            })
        },
    },
    Route {
        name: "one file, through a symbolic link to its directory",
        channels: FILES,
        unread: &[EnvFile],
        withheld: false,
        write: |w, p| {
            w.same_file(p, |w, path| {
                let link = w.dir.join("linked");
                if !link.exists() {
                    std::os::unix::fs::symlink(path.parent().unwrap(), &link)
                        .expect("a symbolic link");
                }
                text(&link.join(path.file_name().unwrap()))
            })
        },
    },
    Route {
        name: "one file, through a hard link",
        channels: FILES,
        unread: &[EnvFile],
        withheld: false,
        write: |w, p| {
            w.same_file(p, |w, path| {
                let link = w.dir.join(format!("hard-{}", p.n));
                std::fs::hard_link(path, &link).expect("a hard link");
                text(&link)
            })
        },
    },
    Route {
        name: "a NAME_FILE copies the secret's: S_FILE=f, P_FILE=${S_FILE}",
        channels: &[DotEnv, DotEnvOverEnvironment, EnvFile, EnvFileReadingFiles],
        unread: &[EnvFile],
        withheld: false,
        write: |w, p| {
            let path = w.secret_file(p);
            let file_var = format!("{}_FILE", p.source);
            w.literal(&file_var, &text(&path));
            w.copy(&format!("{}_FILE", p.target), "", &file_var, "");
        },
    },
    Route {
        name: "a NAME_FILE names the dotenv file that sets the secret",
        channels: &[DotEnv, EnvFile, EnvFileReadingFiles],
        unread: &[EnvFile],
        withheld: true,
        write: |w, p| {
            w.literal(&p.source, &p.value);
            let path = w.dotenv_path();
            w.literal(&format!("{}_FILE", p.target), &path);
        },
    },
    // A manifest: one ConfigMap key, one YAML node.
    Route {
        name: "one ConfigMap key: S by envFrom, P by configMapKeyRef",
        channels: MANIFEST,
        unread: &[],
        withheld: false,
        write: |w, p| {
            w.config_map(
                &format!("route-{}", p.n),
                &[format!("{}: {}", quoted(&p.source), quoted(&p.value))],
            );
            w.env_from(true, format!("- configMapRef:\n    name: route-{}", p.n));
            w.entry(false, key_ref(&p.target, "configMapKeyRef", p.n, &p.source));
        },
    },
    Route {
        name: "one ConfigMap key: S and P by configMapKeyRef",
        channels: MANIFEST,
        unread: &[],
        withheld: false,
        write: |w, p| {
            w.config_map(
                &format!("route-{}", p.n),
                &[format!("key: {}", quoted(&p.value))],
            );
            w.entry(true, key_ref(&p.source, "configMapKeyRef", p.n, "key"));
            w.entry(false, key_ref(&p.target, "configMapKeyRef", p.n, "key"));
        },
    },
    Route {
        name: "one ConfigMap key: S by configMapKeyRef, P by envFrom",
        channels: MANIFEST,
        unread: &[],
        withheld: false,
        write: |w, p| {
            w.config_map(
                &format!("route-{}", p.n),
                &[format!("{}: {}", quoted(&p.target), quoted(&p.value))],
            );
            w.env_from(false, format!("- configMapRef:\n    name: route-{}", p.n));
            w.entry(true, key_ref(&p.source, "configMapKeyRef", p.n, &p.target));
        },
    },
    Route {
        name: "one ConfigMap key: S by envFrom with a prefix, P by configMapKeyRef",
        channels: MANIFEST,
        unread: &[],
        withheld: false,
        write: |w, p| {
            let (prefix, key) = split_last(&p.source);
            w.config_map(
                &format!("route-{}", p.n),
                &[format!("{}: {}", quoted(key), quoted(&p.value))],
            );
            w.env_from(
                true,
                format!(
                    "- prefix: {}\n  configMapRef:\n    name: route-{}",
                    quoted(prefix),
                    p.n
                ),
            );
            w.entry(false, key_ref(&p.target, "configMapKeyRef", p.n, key));
        },
    },
    Route {
        name: "one ConfigMap key: P by envFrom with a prefix, S by configMapKeyRef",
        channels: MANIFEST,
        unread: &[],
        withheld: false,
        write: |w, p| {
            let (prefix, key) = split_last(&p.target);
            w.config_map(
                &format!("route-{}", p.n),
                &[format!("{}: {}", quoted(key), quoted(&p.value))],
            );
            w.env_from(
                false,
                format!(
                    "- prefix: {}\n  configMapRef:\n    name: route-{}",
                    quoted(prefix),
                    p.n
                ),
            );
            w.entry(true, key_ref(&p.source, "configMapKeyRef", p.n, key));
        },
    },
    Route {
        name: "a YAML alias: S value: &a, P value: *a",
        channels: MANIFEST,
        unread: &[],
        withheld: false,
        write: |w, p| {
            let anchor = format!(
                "- name: {}\n  value: &a{} {}",
                quoted(&p.source),
                p.n,
                quoted(&p.value)
            );
            w.entry(true, anchor);
            w.entry(
                false,
                format!("- name: {}\n  value: *a{}", quoted(&p.target), p.n),
            );
        },
    },
    Route {
        name: "a YAML alias: P value: &a, S value: *a",
        channels: MANIFEST,
        unread: &[],
        withheld: false,
        write: |w, p| {
            let anchor = format!(
                "- name: {}\n  value: &a{} {}",
                quoted(&p.target),
                p.n,
                quoted(&p.value)
            );
            w.entry(false, anchor);
            w.entry(
                true,
                format!("- name: {}\n  value: *a{}", quoted(&p.source), p.n),
            );
        },
    },
    Route {
        name: "a YAML alias of a ConfigMap's value: S by envFrom, P value: *a",
        channels: MANIFEST,
        unread: &[],
        withheld: false,
        write: |w, p| {
            w.one_document = true;
            w.config_map(
                &format!("route-{}", p.n),
                &[format!(
                    "{}: &a{} {}",
                    quoted(&p.source),
                    p.n,
                    quoted(&p.value)
                )],
            );
            w.env_from(true, format!("- configMapRef:\n    name: route-{}", p.n));
            w.entry(
                false,
                format!("- name: {}\n  value: *a{}", quoted(&p.target), p.n),
            );
        },
    },
    Route {
        name: "a YAML merge key: P's entry is <<: *S's entry",
        channels: MANIFEST,
        unread: &[],
        withheld: false,
        write: |w, p| {
            let anchor = format!(
                "- &e{}\n  name: {}\n  value: {}",
                p.n,
                quoted(&p.source),
                quoted(&p.value)
            );
            w.entry(true, anchor);
            w.entry(
                false,
                format!("- <<: *e{}\n  name: {}", p.n, quoted(&p.target)),
            );
        },
    },
    Route {
        name: "one Secret key: S and P by secretKeyRef",
        channels: MANIFEST,
        unread: MANIFEST,
        withheld: false,
        write: |w, p| {
            w.documents.push(format!(
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: route-{}\nstringData:\n  key: {}\n",
                p.n,
                quoted(&p.value)
            ));
            w.entry(true, key_ref(&p.source, "secretKeyRef", p.n, "key"));
            w.entry(false, key_ref(&p.target, "secretKeyRef", p.n, "key"));
        },
    },
];

/// An `env` entry read from the key `key` of the object `route-<n>`.
fn key_ref(name: &str, kind: &str, n: usize, key: &str) -> String {
    format!(
        "- name: {}\n  valueFrom:\n    {kind}:\n      name: route-{n}\n      key: {}",
        quoted(name),
        quoted(key)
    )
}

/// The lines of a list, indented under a key of the container.
fn indented(items: &[String], indent: &str) -> String {
    items
        .iter()
        .flat_map(|item| item.lines())
        .map(|line| format!("{indent}{line}\n"))
        .collect()
}

/// The pairs: the control first, from a variable no field reads (a
/// `NAME_FILE` that names a whole file shows its start), then each copied
/// secret and the plain field that copies it.
fn pairs(sweep: &Sweep, invalid: bool) -> Vec<Pair> {
    let control = Pair {
        source: "ROUTE_CONTROL".into(),
        target: CONTROL_VAR.into(),
        value: CONTROL_INVALID.into(),
        n: 0,
    };
    let copied = sweep.copiers.iter().enumerate().map(|(n, copier)| {
        let cell = &sweep.cells[copier.cell];
        Pair {
            source: cell.set_as.clone(),
            target: copier.set_as.clone(),
            value: if invalid {
                cell.invalid_value()
            } else {
                cell.valid_value()
            },
            n: n + 1,
        }
    });
    std::iter::once(control).chain(copied).collect()
}

/// The other cells, valid or invalid, and the rule partners when invalid:
/// every variable but the pairs'.
fn others(sweep: &Sweep, invalid: bool) -> Vec<(String, String)> {
    let routed: Vec<usize> = sweep.copiers.iter().map(|copier| copier.cell).collect();
    let mut vars: Vec<(String, String)> = sweep
        .cells
        .iter()
        .enumerate()
        .filter(|(index, _)| !routed.contains(index))
        .map(|(_, cell)| {
            let value = if invalid {
                cell.invalid_value()
            } else {
                cell.valid_value()
            };
            (cell.set_as.clone(), value)
        })
        .collect();
    if invalid {
        for partner in &sweep.rule_partners {
            vars.push((partner.clone(), "true".to_owned()));
        }
    }
    vars
}

/// A container of the Deployment: its name, `envFrom:` and `env:`.
fn container(name: &str, env_from: &[String], env: &[String]) -> String {
    let mut container = format!("        - name: {name}\n          image: {name}\n");
    if !env_from.is_empty() {
        container.push_str("          envFrom:\n");
        container.push_str(&indented(env_from, "            "));
    }
    if !env.is_empty() {
        container.push_str("          env:\n");
        container.push_str(&indented(env, "            "));
    }
    container
}

/// The manifest of a run: its documents, then the Deployment whose
/// container `matrix` has the other cells as literal `value:`s and the
/// routes' entries after them; in [`OtherContainer`], the container `api`
/// has the secrets' entries.
fn manifest(writer: &Writer, others: &[(String, String)]) -> String {
    let mut deployment = String::from(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: matrix\nspec:\n  selector:\n    matchLabels:\n      app: matrix\n  template:\n    metadata:\n      labels:\n        app: matrix\n    spec:\n      \
         containers:\n",
    );
    let mut entries: Vec<String> = others
        .iter()
        .map(|(name, value)| {
            format!(
                "- name: {}\n  value: {}",
                quoted(name),
                quoted(&value.replace('$', "$$"))
            )
        })
        .collect();
    entries.extend(writer.entries.iter().cloned());
    let checked = container("matrix", &writer.env_from, &entries);
    let other = container("api", &writer.other_env_from, &writer.other_entries);
    match (writer.channel, writer.other_first) {
        (OtherContainer, Some(true)) => deployment += &(other + &checked),
        (OtherContainer, _) => deployment += &(checked + &other),
        _ => deployment += &checked,
    }
    let mut objects = writer.documents.clone();
    objects.push(deployment);
    if writer.one_document {
        let items: Vec<String> = objects
            .iter()
            .map(|object| {
                let object = indented(std::slice::from_ref(object), "    ");
                format!("  - {}", object.trim_start())
            })
            .collect();
        format!("apiVersion: v1\nkind: List\nitems:\n{}", items.concat())
    } else {
        objects.join("---\n")
    }
}

/// What the routes ran: (route × channel) combinations, and runs.
pub(super) struct Figures {
    pub combinations: usize,
    pub runs: usize,
}

/// Runs every route in every channel it applies to, valid and invalid, in
/// every mode of the channel; the outputs join `outputs`.
pub(super) fn run_routes(
    sweep: &Sweep,
    root: &Path,
    binary: &Path,
    outputs: &mut Outputs,
) -> Figures {
    let mut figures = Figures {
        combinations: 0,
        runs: 0,
    };
    for route in ROUTES {
        for &channel in route.channels {
            if MANIFEST.contains(&channel) && !cfg!(feature = "k8s") {
                continue;
            }
            figures.combinations += 1;
            for invalid in [false, true] {
                let what = format!(
                    "route {}, {}, secrets {}",
                    route.name,
                    channel.label(),
                    if invalid { "invalid" } else { "valid" }
                );
                let mut env = setting(root, "route", Vec::new(), false).env;
                let mut writer = Writer {
                    channel,
                    dir: env.dir.path().to_owned(),
                    env: Vec::new(),
                    dotenv: Vec::new(),
                    entries: Vec::new(),
                    env_from: Vec::new(),
                    other_entries: Vec::new(),
                    other_env_from: Vec::new(),
                    other_first: None,
                    documents: Vec::new(),
                    one_document: false,
                };
                for pair in pairs(sweep, invalid) {
                    (route.write)(&mut writer, &pair);
                    // The checked container has its secrets too, from a
                    // Secret that is not among the documents.
                    if channel == OtherContainer && pair.n > 0 {
                        let entry = format!(
                            "- name: {}\n  valueFrom:\n    secretKeyRef:\n      name: \
                             elsewhere\n      key: key",
                            quoted(&pair.source)
                        );
                        writer.entries.push(entry);
                    }
                }
                let others = others(sweep, invalid);
                let runs = runs_of(channel, &writer, &env, others);
                for (mode, vars, args) in runs {
                    let args: Vec<&str> = args.iter().map(String::as_str).collect();
                    env.vars = vars;
                    let run = env.run_binary(binary, &args);
                    figures.runs += 1;
                    let sign = if route.withheld {
                        format!("{CONTROL_VAR}_FILE")
                    } else {
                        CONTROL_INVALID.to_owned()
                    };
                    let shown = run.stdout.contains(&sign) || run.stderr.contains(&sign);
                    if !shown && !route.unread.contains(&channel) {
                        outputs.broken.push(format!(
                            "binary, {mode}, {what}: the routed control is not shown, so the \
                             route delivers nothing\n{}{}",
                            run.stdout, run.stderr
                        ));
                    }
                    // The control is invalid: the run fails, unless it is
                    // not read.
                    let code = if route.unread.contains(&channel) && !invalid {
                        0
                    } else {
                        78
                    };
                    outputs.run(&format!("{mode}, {what}"), run, code);
                }
            }
        }
    }
    figures
}

/// One run of the binary: its mode's label, its process environment and
/// its arguments.
type Invocation = (&'static str, Vec<(String, String)>, Vec<String>);

/// The runs of one channel, in the run's directory: each mode's label,
/// process environment and arguments.
fn runs_of(
    channel: Channel,
    writer: &Writer,
    env: &Env,
    others: Vec<(String, String)>,
) -> Vec<Invocation> {
    match channel {
        Environment | DotEnv | DotEnvOverEnvironment => {
            if !writer.dotenv.is_empty() {
                env.file(".env", &lines(&writer.dotenv));
            }
            let mut vars = others;
            vars.extend(writer.env.iter().cloned());
            super::MODES
                .iter()
                .map(|(mode, flags)| {
                    let args = flags.iter().map(|flag| (*flag).to_owned()).collect();
                    (*mode, vars.clone(), args)
                })
                .collect()
        }
        EnvFile | EnvFileReadingFiles => {
            // The route's lines first: they copy only each other, and a
            // `NAME_FILE` that names the file shows its start.
            let mut contents = lines(&writer.dotenv);
            contents.push_str(&dotenv(&others));
            let path = env.file("deploy.env", &contents);
            let mut args = vec!["--check-env".to_owned(), "--env-file".into(), text(&path)];
            if channel == EnvFileReadingFiles {
                args.push("--read-secret-files".into());
            }
            every_report_form(writer.env.clone(), args)
        }
        Manifest | OtherContainer => {
            let path = env.file("deploy.yaml", &manifest(writer, &others));
            let mut args = vec!["--check-env".to_owned(), "--manifest".into(), text(&path)];
            if channel == OtherContainer {
                args.extend(["--container".to_owned(), "matrix".to_owned()]);
            }
            every_report_form(Vec::new(), args)
        }
    }
}

/// A `--check-env` run in every form of its report.
fn every_report_form(env: Vec<(String, String)>, args: Vec<String>) -> Vec<Invocation> {
    ["text", "json", "github"]
        .into_iter()
        .map(|form| {
            let mut args = args.clone();
            args.extend(["--report".to_owned(), form.to_owned()]);
            ("--check-env", env.clone(), args)
        })
        .collect()
}

fn lines(lines: &[String]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}
