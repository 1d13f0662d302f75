//! A secrets directory in a container of a manifest: which variables the
//! volumes mounted there set, as the kubelet writes them. Each case is a
//! pod's volumes, its container's mounts and the documents beside it, and
//! what a lookup in the directory finds.
//!
//! Ported from `pkg/volume/secret/secret_test.go` (Kubernetes v1.32),
//! whose cases are about the files of a Secret volume: `TestMakePayload`
//! ("no overrides", "basic 1", "subdirs", "subdirs 3", "non existent key",
//! "optional non existent key"; "mapping with Mode" and "mapping with
//! defaultMode" are about file modes, which a lookup does not see),
//! `TestPluginOptional` (an optional Secret that does not exist: an empty
//! volume; adapted: a Secret that is not among the documents may exist)
//! and `TestPluginOptionalKeys` (an optional source's listed key that the
//! Secret lacks is skipped).

use std::path::Path;
use std::sync::Arc;

use super::{ContainerEnv, from_text};
use crate::report::Subject;
use crate::source::{DirFile, Lookup, Unusable, Variables};

/// A Pod whose spec has `volumes` (YAML under `volumes:`), whose container
/// `api` has `mounts` (under `volumeMounts:`), after the documents `docs`;
/// `init` adds an init container that mounts the volume `scratch`.
fn pod(docs: &str, volumes: &str, mounts: &str, init: bool) -> ContainerEnv {
    let indent = |text: &str, by: usize| -> String {
        text.lines()
            .map(|line| format!("{:by$}{line}\n", ""))
            .collect()
    };
    let init = if init {
        "  initContainers:\n  - name: fetch\n    image: fetch:1\n    volumeMounts:\n    \
         - name: scratch\n      mountPath: /out\n"
    } else {
        ""
    };
    let docs = if docs.is_empty() {
        String::new()
    } else {
        format!("{docs}---\n")
    };
    let text = format!(
        "{docs}apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: app\nspec:\n{init}  volumes:\n{}  \
         containers:\n  - name: api\n    image: api:1\n    volumeMounts:\n{}",
        indent(volumes, 2),
        indent(mounts, 4)
    );
    let path: Arc<Path> = Arc::from(Path::new("pod.yaml"));
    match from_text(&text, path, "pod.yaml", Some("api"), &[]) {
        Ok((env, _)) => env,
        Err(error) => panic!("{error:?}\n{text}"),
    }
}

/// What looking `name` up in `dir` finds, in short: `external: why`,
/// `unset` (with the note a problem would carry), `problem: why`, or the
/// value of a ConfigMap's file (`value "x" from PATH; note: ...`).
fn found(env: &ContainerEnv, dir: &str, name: &str, assumed: bool) -> String {
    // As the loader takes it: a file the documents cannot tell about is
    // there for a required secret only.
    let lookup = match env.in_secrets_dir(Path::new(dir), name) {
        DirFile::Known(lookup) => lookup,
        DirFile::Unseen(why, origin) if assumed => Lookup::External(why, origin),
        DirFile::Unseen(..) => Lookup::Unset,
    };
    match lookup {
        Lookup::Unset => match Subject::note(env, name) {
            Some(note) => format!("unset: {note}"),
            None => "unset".to_owned(),
        },
        Lookup::External(why, _) => format!("external: {why}"),
        Lookup::Unusable(Unusable::Undeployable { reason, .. }) => format!("problem: {reason}"),
        Lookup::Value(value, origin) => {
            let note = Subject::note(env, name).unwrap_or_default();
            format!("value {:?} from {origin}; note: {note}", &*value)
        }
        Lookup::Empty(_) => "empty".to_owned(),
        Lookup::Unusable(Unusable::FileUnreadable { path, reason, .. }) => {
            format!("unreadable {}: {reason}", path.display())
        }
        _ => "something else".to_owned(),
    }
}

const SECRET_FOO_BAR: &str =
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  foo: a\n  bar: b\n";

/// One case: a name, the documents, the volumes, the mounts, then lookups
/// of (directory, name, whether a file that cannot be told about is assumed: a required secret) and the start of what each finds.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, bool, &'static str)],
);

const SECRET_VOLUME: &str = "- name: v\n  secret:\n    secretName: s\n";

#[test]
fn a_secrets_directory_holds_what_its_volumes_write() {
    let cases: &[Case] = &[
        (
            "TestMakePayload no overrides: every key is a file",
            SECRET_FOO_BAR,
            SECRET_VOLUME,
            "- name: v\n  mountPath: /run/secrets\n  readOnly: true\n",
            &[
                (
                    "/run/secrets",
                    "foo",
                    true,
                    "external: read from /run/secrets/foo: the Secret s (key foo), in the Secret volume v (Secret s)",
                ),
                (
                    "/run/secrets/",
                    "bar",
                    false,
                    "external: read from /run/secrets/bar: the Secret s (key bar)",
                ),
                (
                    "/run/secrets",
                    "baz",
                    true,
                    "unset: /run/secrets/baz is not there: the Secret volume v (Secret s) is mounted at /run/secrets, and the Secret s has no such key",
                ),
            ],
        ),
        (
            "TestMakePayload basic 1: items name the only files, at their paths",
            SECRET_FOO_BAR,
            "- name: v\n  secret:\n    secretName: s\n    items:\n    - key: foo\n      path: path/to/foo.txt\n",
            "- name: v\n  mountPath: /etc/app\n",
            &[
                (
                    "/etc/app/path/to",
                    "foo.txt",
                    true,
                    "external: read from /etc/app/path/to/foo.txt: the Secret s (key foo)",
                ),
                (
                    "/etc/app",
                    "foo",
                    true,
                    "unset: /etc/app/foo is not there: the Secret volume v (Secret s) is mounted at /etc/app, and the items of the Secret s do not name that file",
                ),
                ("/etc/app", "bar", true, "unset: /etc/app/bar is not there"),
                (
                    "/etc/app/path",
                    "to",
                    true,
                    "problem: /etc/app/path/to is a directory of the Secret volume v (Secret s) (mounted at /etc/app), not a file",
                ),
            ],
        ),
        (
            "TestMakePayload subdirs 3: each item at its own path",
            SECRET_FOO_BAR,
            "- name: v\n  secret:\n    secretName: s\n    items:\n    - key: foo\n      path: path/to/1/2/3/foo.txt\n    - key: bar\n      path: another/path/to/the/esteemed/bar.bin\n",
            "- name: v\n  mountPath: /m\n",
            &[
                (
                    "/m/path/to/1/2/3",
                    "foo.txt",
                    true,
                    "external: read from /m/path/to/1/2/3/foo.txt: the Secret s (key foo)",
                ),
                (
                    "/m/another/path/to/the/esteemed",
                    "bar.bin",
                    true,
                    "external: read from /m/another/path/to/the/esteemed/bar.bin: the Secret s (key bar)",
                ),
            ],
        ),
        (
            "TestMakePayload non existent key: the volume cannot be set up",
            SECRET_FOO_BAR,
            "- name: v\n  secret:\n    secretName: s\n    items:\n    - key: zab\n      path: path/to/foo.txt\n",
            "- name: v\n  mountPath: /m\n",
            &[(
                "/m/path/to",
                "foo.txt",
                true,
                "problem: the items of the Secret volume v (Secret s) name the key zab, which the Secret s does not have: the kubelet cannot mount the volume",
            )],
        ),
        (
            "TestMakePayload optional non existent key: the item is skipped",
            SECRET_FOO_BAR,
            "- name: v\n  secret:\n    secretName: s\n    optional: true\n    items:\n    - key: zab\n      path: path/to/foo.txt\n",
            "- name: v\n  mountPath: /m\n",
            &[(
                "/m/path/to",
                "foo.txt",
                true,
                "unset: /m/path/to/foo.txt is not there",
            )],
        ),
        (
            "TestPluginOptionalKeys: the keys the Secret has are files, the missing one is not",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  data-1: dmFsdWUtMQ==\n  data-2: dmFsdWUtMg==\n  data-3: dmFsdWUtMw==\n",
            "- name: v\n  secret:\n    secretName: s\n    optional: true\n    items:\n    - {key: data-1, path: data-1}\n    - {key: data-2, path: data-2}\n    - {key: data-3, path: data-3}\n    - {key: missing, path: missing}\n",
            "- name: v\n  mountPath: /m\n",
            &[
                (
                    "/m",
                    "data-3",
                    true,
                    "external: read from /m/data-3: the Secret s (key data-3)",
                ),
                ("/m", "missing", true, "unset: /m/missing is not there"),
            ],
        ),
        (
            "TestPluginOptional, adapted: an optional Secret not among the documents may hold the file",
            "",
            "- name: v\n  secret:\n    secretName: elsewhere\n    optional: true\n",
            "- name: v\n  mountPath: /m\n",
            &[
                (
                    "/m",
                    "TOKEN",
                    true,
                    "external: read from /m/TOKEN, if it is there: it is in the Secret volume v (Secret elsewhere), and the Secret elsewhere is not among the documents",
                ),
                ("/m", "PORT", false, "unset"),
            ],
        ),
        (
            "a Secret not among the documents, without items: required variables only",
            "",
            "- name: v\n  secret:\n    secretName: elsewhere\n",
            "- name: v\n  mountPath: /run/secrets\n",
            &[
                (
                    "/run/secrets",
                    "TOKEN",
                    true,
                    "external: read from /run/secrets/TOKEN, if it is there: it is in the Secret volume v (Secret elsewhere), and the Secret elsewhere is not among the documents",
                ),
                ("/run/secrets", "PORT", false, "unset"),
            ],
        ),
        (
            "a Secret not among the documents, with items: the listed files are there",
            "",
            "- name: v\n  secret:\n    secretName: elsewhere\n    items:\n    - {key: token, path: TOKEN}\n",
            "- name: v\n  mountPath: /run/secrets\n",
            &[
                (
                    "/run/secrets",
                    "TOKEN",
                    false,
                    "external: read from /run/secrets/TOKEN: the Secret elsewhere (key token), which is not among the documents",
                ),
                (
                    "/run/secrets",
                    "OTHER",
                    true,
                    "unset: /run/secrets/OTHER is not there: the Secret volume v (Secret elsewhere) is mounted at /run/secrets, and the items of the Secret elsewhere do not name that file",
                ),
            ],
        ),
        (
            "a Secret of another namespace is not the pod's",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: other\nstringData:\n  foo: a\n",
            SECRET_VOLUME,
            "- name: v\n  mountPath: /m\n",
            &[(
                "/m",
                "foo",
                true,
                "external: read from /m/foo, if it is there: it is in the Secret volume v (Secret s), and the Secret s is not among the documents",
            )],
        ),
        (
            "a ConfigMap volume writes its keys, data and binaryData, with their values",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  LOG_LEVEL: \"debug\\n\"\n  EMPTY: \"\\n\"\nbinaryData:\n  BLOB: aGkNCg==\n  BYTES: /w==\n",
            "- name: cfg\n  configMap:\n    name: c\n",
            "- name: cfg\n  mountPath: /run/secrets\n",
            &[
                (
                    "/run/secrets",
                    "LOG_LEVEL",
                    false,
                    "value \"debug\" from /run/secrets/LOG_LEVEL; note: read from /run/secrets/LOG_LEVEL: the ConfigMap c (key LOG_LEVEL), in the ConfigMap volume cfg (ConfigMap c)",
                ),
                (
                    "/run/secrets",
                    "BLOB",
                    true,
                    "value \"hi\" from /run/secrets/BLOB; note: read from /run/secrets/BLOB: the ConfigMap c (key BLOB)",
                ),
                ("/run/secrets", "EMPTY", false, "empty"),
                (
                    "/run/secrets",
                    "BYTES",
                    false,
                    "unreadable /run/secrets/BYTES: its content is not valid UTF-8",
                ),
                (
                    "/run/secrets",
                    "TOKEN",
                    true,
                    "unset: /run/secrets/TOKEN is not there: the ConfigMap volume cfg (ConfigMap c) is mounted at /run/secrets, and the ConfigMap c has no such key",
                ),
            ],
        ),
        (
            "an emptyDir is empty, unless another container of the pod writes it",
            "",
            "- name: scratch\n  emptyDir: {}\n",
            "- name: scratch\n  mountPath: /run/secrets\n",
            &[(
                "/run/secrets",
                "TOKEN",
                true,
                "unset: /run/secrets/TOKEN is not there: the emptyDir volume scratch is mounted at /run/secrets, and it is empty when the container starts",
            )],
        ),
        (
            "a hostPath or CSI volume holds what the documents do not tell",
            "",
            "- name: host\n  hostPath:\n    path: /var/secrets\n- name: vault\n  csi:\n    driver: secrets-store.csi.k8s.io\n",
            "- name: host\n  mountPath: /run/secrets\n- name: vault\n  mountPath: /mnt/vault\n",
            &[
                (
                    "/run/secrets",
                    "TOKEN",
                    true,
                    "external: read from /run/secrets/TOKEN, if it is there: it is in the hostPath volume host, and the documents do not tell what it holds",
                ),
                (
                    "/mnt/vault",
                    "TOKEN",
                    true,
                    "external: read from /mnt/vault/TOKEN, if it is there: it is in the csi volume vault",
                ),
                ("/run/secrets", "PORT", false, "unset"),
            ],
        ),
        (
            "no volume at the directory: it is not in the container",
            SECRET_FOO_BAR,
            SECRET_VOLUME,
            "- name: v\n  mountPath: /etc/other\n",
            &[
                (
                    "/run/secrets",
                    "foo",
                    true,
                    "unset: no volume is mounted at /run/secrets, where it would be read from",
                ),
                (
                    "/etc/other-dir",
                    "foo",
                    true,
                    "unset: no volume is mounted at /etc/other-dir,",
                ),
            ],
        ),
        (
            "a mount of a parent directory: the items' paths lead to the files",
            SECRET_FOO_BAR,
            "- name: v\n  secret:\n    secretName: s\n    items:\n    - {key: foo, path: secrets/TOKEN}\n",
            "- name: v\n  mountPath: /run\n",
            &[
                (
                    "/run/secrets",
                    "TOKEN",
                    true,
                    "external: read from /run/secrets/TOKEN: the Secret s (key foo)",
                ),
                (
                    "/run/secrets",
                    "OTHER",
                    true,
                    "unset: /run/secrets/OTHER is not there",
                ),
            ],
        ),
        (
            "a subPath mounts a part of the volume; the deepest mount decides",
            SECRET_FOO_BAR,
            "- name: v\n  secret:\n    secretName: s\n    items:\n    - {key: foo, path: app/TOKEN}\n    - {key: bar, path: other/TOKEN}\n- name: scratch\n  emptyDir: {}\n",
            "- name: scratch\n  mountPath: /run\n- name: v\n  mountPath: /run/secrets\n  subPath: app\n- name: v\n  mountPath: /run/one/FILE\n  subPath: other/TOKEN\n",
            &[
                (
                    "/run/secrets",
                    "TOKEN",
                    true,
                    "external: read from /run/secrets/TOKEN: the Secret s (key foo)",
                ),
                (
                    "/run/one",
                    "FILE",
                    true,
                    "external: read from /run/one/FILE: the Secret s (key bar)",
                ),
                (
                    "/run/two",
                    "TOKEN",
                    true,
                    "unset: /run/two/TOKEN is not there: the emptyDir volume scratch",
                ),
            ],
        ),
        (
            "a subPath the volume lacks is an empty directory the kubelet makes",
            SECRET_FOO_BAR,
            SECRET_VOLUME,
            "- name: v\n  mountPath: /run/secrets/TOKEN\n  subPath: TOKEN\n- name: v\n  mountPath: /run/dir\n  subPath: dir\n- name: v\n  mountPath: /run/key/foo\n  subPath: foo\n",
            &[
                (
                    "/run/secrets",
                    "TOKEN",
                    true,
                    "unset: /run/secrets/TOKEN is an empty directory, not a file: the Secret volume v (Secret s) is mounted at /run/secrets/TOKEN with subPath TOKEN, and the Secret s has no such key, so the kubelet mounts an empty directory there",
                ),
                (
                    "/run/dir",
                    "foo",
                    true,
                    "unset: /run/dir/foo is not there, in an empty directory: the Secret volume v (Secret s) is mounted at /run/dir with subPath dir, and the Secret s has no such key, so the kubelet mounts an empty directory there",
                ),
                (
                    "/run/key",
                    "foo",
                    true,
                    "external: read from /run/key/foo: the Secret s (key foo)",
                ),
            ],
        ),
        (
            "a subPathExpr depends on the container's environment",
            SECRET_FOO_BAR,
            SECRET_VOLUME,
            "- name: v\n  mountPath: /m\n  subPathExpr: $(POD_NAME)\n",
            &[(
                "/m",
                "foo",
                true,
                "external: read from /m/foo, if it is there: it is in the Secret volume v (Secret s), and the mount's subPathExpr depends on the container's environment",
            )],
        ),
        (
            "a projected volume: its Secret, ConfigMap, downwardAPI and token sources",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  LEVEL: x\n",
            "- name: all\n  projected:\n    sources:\n    - secret:\n        name: elsewhere\n        items:\n        - {key: token, path: TOKEN}\n    - configMap:\n        name: c\n    - downwardAPI:\n        items:\n        - path: POD_NAME\n          fieldRef: {fieldPath: metadata.name}\n    - serviceAccountToken:\n        path: SA_TOKEN\n",
            "- name: all\n  mountPath: /p\n",
            &[
                (
                    "/p",
                    "TOKEN",
                    true,
                    "external: read from /p/TOKEN: the Secret elsewhere (key token), which is not among the documents, in the projected volume all",
                ),
                (
                    "/p",
                    "LEVEL",
                    false,
                    "value \"x\" from /p/LEVEL; note: read from /p/LEVEL: the ConfigMap c (key LEVEL), in the projected volume all",
                ),
                (
                    "/p",
                    "POD_NAME",
                    false,
                    "external: read from /p/POD_NAME: the pod's fields (downwardAPI)",
                ),
                (
                    "/p",
                    "SA_TOKEN",
                    false,
                    "external: read from /p/SA_TOKEN: written by the kubelet (serviceAccountToken)",
                ),
                (
                    "/p",
                    "OTHER",
                    true,
                    "unset: /p/OTHER is not there: the projected volume all is mounted at /p, and none of its sources writes that file",
                ),
            ],
        ),
        (
            "a mount of a volume the pod does not have",
            "",
            SECRET_VOLUME,
            "- name: nope\n  mountPath: /m\n",
            &[(
                "/m",
                "TOKEN",
                true,
                "problem: the pod has no volume nope: the API server rejects the pod",
            )],
        ),
        (
            "the directory itself is where a volume is mounted: no file",
            SECRET_FOO_BAR,
            SECRET_VOLUME,
            "- name: v\n  mountPath: /m/TOKEN\n",
            &[(
                "/m",
                "TOKEN",
                true,
                "problem: /m/TOKEN is where the Secret volume v (Secret s) is mounted: a directory, not a file",
            )],
        ),
    ];
    let mut failures = Vec::new();
    for (name, docs, volumes, mounts, lookups) in cases {
        let env = pod(docs, volumes, mounts, false);
        for (dir, var, assumed, expected) in *lookups {
            let got = found(&env, dir, var, *assumed);
            if !got.starts_with(expected) {
                failures.push(format!(
                    "{name}: {dir} {var}:\n  got      {got}\n  expected {expected}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_emptydir_that_another_container_mounts_may_hold_the_file() {
    let env = pod(
        "",
        "- name: scratch\n  emptyDir: {}\n",
        "- name: scratch\n  mountPath: /run/secrets\n",
        true,
    );
    let got = found(&env, "/run/secrets", "TOKEN", true);
    assert!(
        got.starts_with("external: read from /run/secrets/TOKEN, if it is there: it is in the emptyDir volume scratch, and another container of the pod mounts it, and may write it"),
        "{got}"
    );
    assert_eq!(found(&env, "/run/secrets", "PORT", false), "unset");
}

/// The kubelet's atomic writer (pkg/volume/util/atomic_writer.go) writes a
/// volume's files in a timestamped directory (`..2024_01_01_00_00_00.1`),
/// points the link `..data` at it, and links each file to `..data/<file>`;
/// no payload path may start with `..`. A path through either is the file.
#[test]
fn the_atomic_writers_links_lead_to_the_files() {
    let env = pod(
        SECRET_FOO_BAR,
        SECRET_VOLUME,
        "- name: v\n  mountPath: /run/secrets\n",
        false,
    );
    for dir in [
        "/run/secrets/..data",
        "/run/secrets/..2024_01_01_00_00_00.1",
    ] {
        let foo = found(&env, dir, "foo", false);
        assert!(
            foo.starts_with(&format!(
                "external: read from {dir}/foo: the Secret s (key foo)"
            )),
            "{foo}"
        );
        let baz = found(&env, dir, "baz", true);
        assert!(baz.starts_with("unset:"), "{baz}");
    }
}
