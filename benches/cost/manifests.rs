//! Manifests of 16 MiB, the most `--check-env --manifest` reads, in the
//! shapes that make checking one cost the most: each stresses one part of
//! the check (expansion, references, `envFrom`, service links, the other
//! containers, the volumes, the YAML reader). Names and values are padded
//! so that each stays under the million YAML nodes the reader holds, and is
//! checked rather than refused; one shape goes past it.
//!
//! `benches/manifest.rs` times them; `tests/manifest/kubelet.rs` checks
//! each under a memory limit.

/// The most a manifest may hold (`MAX_MANIFEST_BYTES`), less room for a
/// last unit.
const SIZE: usize = 16 * 1024 * 1024 - 4096;

/// A shape: its name, the manifest, and the `--container` to check.
pub struct Shape {
    pub name: &'static str,
    pub text: String,
    pub container: Option<&'static str>,
}

/// `head`, then `unit(i)` for i = 0, 1, ... while the text stays within
/// `size`.
fn filled_to(size: usize, head: String, unit: impl Fn(usize) -> String) -> String {
    let mut text = head;
    for i in 0.. {
        let next = unit(i);
        if text.len() + next.len() > size {
            break;
        }
        text += &next;
    }
    text
}

fn filled(head: String, unit: impl Fn(usize) -> String) -> String {
    filled_to(SIZE, head, unit)
}

/// `n` bytes of filler, for a name or a value.
fn pad(n: usize) -> String {
    "x".repeat(n)
}

/// A Pod whose only container `c` has `container` (YAML under `- name:
/// c`, indented by four), after `documents`.
fn pod(documents: &str, container: &str) -> String {
    format!(
        "{documents}apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  \
         - name: c\n    image: c:1\n{container}"
    )
}

fn config_map(name: &str, data: &str) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n{data}---\n")
}

/// Every shape.
pub fn shapes() -> Vec<Shape> {
    let big = "v".repeat(1 << 20);
    let name = pad(100);
    let shapes = [
        // Many entries of literal values.
        (
            "literals",
            filled(pod("", "    env:\n"), |i| {
                format!("    - {{name: V{i}{name}, value: x{i}}}\n")
            }),
            None,
        ),
        // A value of 130 KB copied by every entry below it.
        (
            "copies",
            filled(
                pod(
                    "",
                    &format!("    env:\n    - {{name: A, value: {}}}\n", &big[..130_000]),
                ),
                |i| format!("    - {{name: B{i}{name}, value: $(A)}}\n"),
            ),
            None,
        ),
        // Each entry doubles the one above it.
        (
            "doubling",
            filled(pod("", "    env:\n    - {name: X0, value: x}\n"), |i| {
                format!(
                    "    - {{name: X{}{name}, value: $(X{i}{name})$(X{i}{name})}}\n",
                    i + 1
                )
            }),
            None,
        ),
        // A ConfigMap value of 1 MiB read by every entry.
        (
            "key references",
            filled(
                pod(&config_map("big", &format!("  k: {big}\n")), "    env:\n"),
                |i| {
                    format!(
                        "    - {{name: B{i}{name}{name}, valueFrom: {{configMapKeyRef: {{name: \
                         big, key: k}}}}}}\n"
                    )
                },
            ),
            None,
        ),
        // A ConfigMap of 4 MiB of keys, read by `envFrom` with many prefixes.
        (
            "envFrom",
            {
                let data = filled_to(4 << 20, String::new(), |i| {
                    format!("  K{i}{}: v\n", pad(40))
                });
                filled(pod(&config_map("keys", &data), "    envFrom:\n"), |i| {
                    format!("    - {{prefix: P{i}{name}_, configMapRef: {{name: keys}}}}\n")
                })
            },
            None,
        ),
        // As many Services in the pod's namespace as the reader holds (18
        // YAML nodes each), each making its service links, and a long
        // annotation for the rest: the most nodes and the most variables.
        (
            "services",
            {
                let services: String = (0..50_000)
                    .map(|i| {
                        format!(
                            "kind: Service\nmetadata: {{name: s{i}}}\nspec: {{clusterIP: \
                             1.1.1.1, ports: [{{name: p, port: 80}}]}}\n---\n"
                        )
                    })
                    .collect();
                let head = format!(
                    "{services}apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  \
                     annotations: {{note: "
                );
                let tail = "}\nspec:\n  containers:\n  - name: c\n    image: c:1\n";
                let note = pad(SIZE - head.len() - tail.len());
                format!("{head}{note}{tail}")
            },
            None,
        ),
        // Many workloads, each with a secret's literal and a ConfigMap's
        // key: what their secrets read is worked out for each.
        (
            "workloads",
            {
                let note = pad(600);
                filled(config_map("cm", "  k: v\n"), |i| {
                    format!(
                        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\n  annotations: \
                         {{note: {note}}}\nspec:\n  containers:\n  - name: c\n    image: c:1\n    \
                         env:\n    - {{name: PAYMENT_TOKEN, value: t}}\n    - name: \
                         BILLING_DATABASE_URL\n      valueFrom: {{configMapKeyRef: {{name: cm, \
                         key: k}}}}\n---\n"
                    )
                })
            },
            Some("p0/c"),
        ),
        // One pod of many containers.
        (
            "containers",
            {
                let image = pad(300);
                filled(
                    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                        .into(),
                    |i| {
                        format!(
                            "  - name: c{i}\n    image: {image}\n    envFrom: [{{configMapRef: \
                             {{name: cm}}}}]\n    env: [{{name: PAYMENT_TOKEN, value: t}}]\n"
                        )
                    },
                )
            },
            Some("c0"),
        ),
        // Many `NAME_FILE`s, and many volumes mounted.
        (
            "files",
            {
                let mounts = filled_to(4 << 20, String::new(), |i| {
                    format!("    - {{name: v{i}, mountPath: /m/{i}{name}}}\n")
                });
                let volumes: String = (0..mounts.lines().count())
                    .map(|i| format!("  - {{name: v{i}, secret: {{secretName: s{name}}}}}\n"))
                    .collect();
                filled(
                    format!(
                        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n\
                         {volumes}  containers:\n  - name: c\n    image: c:1\n    volumeMounts:\n\
                         {mounts}    env:\n"
                    ),
                    |i| format!("    - {{name: F{i}_FILE, value: /m/{i}{name}/f}}\n"),
                )
            },
            None,
        ),
        // A Secret of many keys, read by `envFrom` with many prefixes.
        (
            "secret keys",
            {
                let data = filled_to(4 << 20, String::new(), |i| {
                    format!("  K{i}{}: dg==\n", pad(40))
                });
                let secret = format!(
                    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n{data}---\n"
                );
                filled(pod(&secret, "    envFrom:\n"), |i| {
                    format!("    - {{prefix: P{i}{name}_, secretRef: {{name: s}}}}\n")
                })
            },
            None,
        ),
        // One value of 16 MiB.
        (
            "one value",
            pod(
                "",
                &format!(
                    "    env:\n    - name: A\n      value: {}\n",
                    pad(SIZE - 200)
                ),
            ),
            None,
        ),
        // An anchored value of 1 MiB, and an alias of it in every entry.
        (
            "aliases",
            filled(
                pod(
                    "",
                    &format!("    env:\n    - {{name: A, value: &a {big}}}\n"),
                ),
                |i| format!("    - {{name: B{i}{name}, value: *a}}\n"),
            ),
            None,
        ),
        // Many ConfigMaps, each read by `envFrom`.
        (
            "documents",
            {
                let value = pad(300);
                let maps = filled_to(8 << 20, String::new(), |i| {
                    config_map(&format!("m{i}{name}"), &format!("  k: {value}\n"))
                });
                filled(pod(&maps, "    envFrom:\n"), |i| {
                    format!("    - {{configMapRef: {{name: m{i}{name}}}}}\n")
                })
            },
            None,
        ),
        // More YAML nodes than the reader holds: refused as it reads.
        (
            "nodes",
            filled(pod("", "    args:\n"), |_| {
                "    - [a, b, c, d, e, f, g, h]\n".into()
            }),
            None,
        ),
    ];
    shapes
        .into_iter()
        .map(|(name, text, container)| Shape {
            name,
            text,
            container,
        })
        .collect()
}
