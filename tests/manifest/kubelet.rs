//! What the cluster adds to the documents, and what it refuses: the
//! service links the kubelet sets, the entries the API server rejects, a
//! pod of two containers of one name, a later source that is not among the
//! documents, and manifests built to exhaust memory.

use std::process::Command;

use super::support::service_binary;
use super::*;

/// A Service named `billing` (`spec`, unindented) before the Deployment
/// `billing` whose container gets the needed entries; `pod` is the pod
/// spec's extra YAML.
fn with_service(spec: &str, pod: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: billing\nspec:\n{}---\n{}",
        indent(spec, 2),
        with_pod(pod)
    )
}

const PORT_80: &str = "ports:\n  - port: 80\n    targetPort: 8080\n";

/// A Service `billing` makes the kubelet set `BILLING_PORT` to
/// `tcp://<cluster IP>:80`, which no `u16` reads: the check fails, and
/// says which Service, and how to turn service links off.
#[test]
fn a_service_link_sets_a_port_variable() {
    let run = check(
        &with_service(&format!("clusterIP: 10.96.0.12\n{PORT_80}"), ""),
        &[],
    );
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(
        run.report_line("BILLING_PORT"),
        format!(
            "invalid BILLING_PORT {}:8 invalid value \"tcp://10.96.0.12:80\": not an integer; \
             expected integer 0..=65535; is set by the kubelet for the Service billing (a \
             service link; `enableServiceLinks: false` in the pod spec turns service links off)",
            run_path(&run)
        )
    );

    // Its cluster IP left to the API server: the shape is enough.
    let run = check(&with_service(PORT_80, ""), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.report_line("BILLING_PORT")
            .contains("invalid value \"tcp://<cluster IP>:80\": not an integer"),
        "{}",
        run.stdout
    );

    // Service links off, or a Service without a cluster IP: no link.
    for (spec, pod) in [
        (PORT_80.to_owned(), "enableServiceLinks: false\n"),
        (format!("clusterIP: None\n{PORT_80}"), ""),
        (
            "type: ExternalName\nexternalName: billing.example.com\n".into(),
            "",
        ),
    ] {
        let run = check(&with_service(&spec, pod), &[]);
        assert_eq!(run.code, 0, "{spec}{pod}{run:?}");
        assert!(
            run.report_line("BILLING_PORT")
                .starts_with("default BILLING_PORT default 8080"),
            "{}",
            run.stdout
        );
    }
}

/// `enableServiceLinks` that is no boolean (a quoted `"false"`, `0`) is a
/// pod the API server rejects: an error of the manifest, whatever the
/// links would have set.
#[test]
fn a_service_links_switch_that_is_no_boolean() {
    for (written, noun) in [("\"false\"", "a string"), ("0", "a YAML number")] {
        let pod = format!("enableServiceLinks: {written}\n");
        let run = check(&with_pod(&pod), &[]);
        assert_eq!(run.code, 78, "{written}: {run:?}");
        let error =
            format!("enableServiceLinks is {noun}, not a boolean: Kubernetes rejects the manifest");
        assert!(run.stdout.contains(&error), "{error} in {}", run.stdout);
    }
    for written in ["false", "no", "null"] {
        let pod = format!("enableServiceLinks: {written}\n");
        let run = check(&with_pod(&pod), &[]);
        assert_eq!(run.code, 0, "{written}: {run:?}");
    }
}

fn run_path(run: &Run) -> String {
    let line = run.stdout.lines().next().unwrap_or("");
    let start = line.find(" of /").map_or(0, |at| at + 4);
    let end = line
        .find("deploy.yaml")
        .map_or(start, |at| at + "deploy.yaml".len());
    line[start..end].to_owned()
}

/// A variable with a service link's shape, left to its default, would be
/// set by a Service of its name elsewhere in the namespace: a warning,
/// which `enableServiceLinks: false` silences. The cluster's own
/// `kubernetes` Service is set in every pod, to what only the cluster
/// knows, and its names are nobody's typo.
#[test]
fn a_variable_with_the_shape_of_a_service_link() {
    let run = check(&with_env(""), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains(
            "deploy.yaml:12: BILLING_PORT has the shape of a service link: a Service named \
             billing in the pod's namespace would make the kubelet set it; set \
             `enableServiceLinks: false` in the pod spec"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("KUBERNETES_"), "{}", run.stdout);
    assert_eq!(check(&with_env(""), &["--strict"]).code, 78);

    let off = with_pod("enableServiceLinks: false\n");
    let run = check(&off, &[]);
    assert!(
        !run.stdout.contains("shape of a service link"),
        "{}",
        run.stdout
    );

    // `$(KUBERNETES_SERVICE_HOST)` is the cluster's to say, but it is an
    // IP address whatever the cluster: any IP address fits an `IpAddr`.
    let run = check(
        &with_env("- name: BILLING_BIND_ADDRESS\n  value: $(KUBERNETES_SERVICE_HOST)\n"),
        &[],
    );
    assert!(
        run.report_line("BILLING_BIND_ADDRESS").ends_with(
            "its value holds the cluster IP of the cluster's kubernetes Service, which any \
             value fits"
        ),
        "{}",
        run.stdout
    );
    // No integer is one, and its `_PORT` links are `tcp://<cluster IP>:443`
    // in every cluster: links on or off, the pod could never load.
    for pod in ["", "enableServiceLinks: false\n"] {
        let run = check(
            &deployment(
                pod,
                &format!(
                    "env:\n{}",
                    indent(
                        &format!(
                            "{NEEDED}- name: BILLING_PORT\n  value: $(KUBERNETES_SERVICE_HOST)\n\
                             - name: BILLING_DB_MAX_CONNECTIONS\n  \
                             value: $(KUBERNETES_PORT_443_TCP)\n"
                        ),
                        2
                    )
                ),
            ),
            &[],
        );
        assert_eq!(run.code, 78, "{pod}{run:?}");
        assert!(
            run.report_line("BILLING_PORT")
                .contains("invalid value \"<cluster IP>\": not an integer"),
            "{}",
            run.stdout
        );
        assert!(
            run.report_line("BILLING_DB_MAX_CONNECTIONS")
                .contains("invalid value \"tcp://<cluster IP>:443\""),
            "{}",
            run.stdout
        );
    }
}

/// `{SVC}_SERVICE_HOST` and `_ADDR` are the Service's cluster IP, bare:
/// a value that holds one is checked with an IPv4 and an IPv6 cluster IP
/// in its place. Invalid with both, it fails, naming the Service; valid
/// with both, or with one only (the cluster decides), it is external.
#[test]
fn a_service_link_sets_a_bare_cluster_ip() {
    let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: metrics\nspec:\n  \
                   ports:\n  - port: 9090\n---\n";
    let manifest = |extra: &str| format!("{service}{}", with_env(extra));
    let run = check(
        &manifest(
            "- name: BILLING_METRICS_ADDRESS\n  value: $(METRICS_SERVICE_HOST)\n\
             - name: BILLING_PORT\n  value: $(METRICS_PORT_9090_TCP_ADDR)\n\
             - name: BILLING_LOG_LEVEL\n  value: $(METRICS_SERVICE_HOST)\n\
             - name: BILLING_BIND_ADDRESS\n  value: $(METRICS_SERVICE_HOST)\n",
        ),
        &[],
    );
    assert_eq!(run.code, 78, "{}", run.stdout);
    let line = |var: &str| run.report_line(var);
    let service = "is set by the kubelet for the Service metrics (a service link; \
                   `enableServiceLinks: false` in the pod spec turns service links off)";
    for (var, reason) in [
        ("BILLING_METRICS_ADDRESS", "invalid socket address syntax"),
        ("BILLING_PORT", "not an integer"),
        ("BILLING_LOG_LEVEL", ""),
    ] {
        let line = line(var);
        assert!(
            line.starts_with(&format!("invalid {var} {}:", run_path(&run)))
                && line.contains(&format!("invalid value \"<cluster IP>\": {reason}"))
                && line.ends_with(service),
            "{line}"
        );
    }
    assert!(
        line("BILLING_BIND_ADDRESS").ends_with(
            "its value holds the cluster IP of the Service metrics, which any value fits"
        ),
        "{}",
        run.stdout
    );
    assert!(line("BILLING_BIND_ADDRESS").starts_with("external "));

    // `10.96.0.1:9090` is an address, `fd00::1:9090` is not.
    let run = check(
        &manifest("- name: BILLING_METRICS_ADDRESS\n  value: $(METRICS_SERVICE_HOST):9090\n"),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.report_line("BILLING_METRICS_ADDRESS").ends_with(
            "its value holds the cluster IP of the Service metrics: it is valid with an IPv4 \
             cluster IP and not with an IPv6 cluster IP, which only the cluster decides"
        ),
        "{}",
        run.stdout
    );
}

/// A value a ConfigMap among the documents gives is checked, though a
/// later `envFrom` Secret that is not among them may set the same name:
/// the problem says so.
#[test]
fn a_value_of_the_documents_is_checked_though_a_later_secret_may_set_it() {
    let manifest = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orders-config\ndata:\n  \
         BILLING_REQUEST_TIMEOUT: \"40\"\n---\n{}",
        deployment(
            "",
            &format!(
                "envFrom:\n  - configMapRef:\n      name: orders-config\n  - secretRef:\n      \
                 name: orders-extra\nenv:\n{}",
                indent(NEEDED, 2)
            )
        )
    );
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 78, "{run:?}");
    let line = run.report_line("BILLING_REQUEST_TIMEOUT");
    assert!(
        line.starts_with("invalid BILLING_REQUEST_TIMEOUT")
            && line.ends_with(
                "; fails unless the Secret orders-extra sets it (envFrom; it is not among the \
                 documents)"
            ),
        "{}",
        run.stdout
    );
}

/// Each entry the API server rejects fails the check on its own, naming
/// its line: bad names, references without a name or a key, a key that is
/// no key, a field or resource that cannot be read.
#[test]
fn entries_the_api_server_rejects() {
    let reference = |kind: &str, fields: &str| {
        format!("- name: BILLING_LOG_LEVEL\n  valueFrom:\n    {kind}: {{{fields}}}\n")
    };
    for (entry, error) in [
        (
            "- name: \"\"\n  value: x\n".to_owned(),
            "deploy.yaml:28: an env entry without a name",
        ),
        (
            "- name: X=Y\n  value: x\n".into(),
            "deploy.yaml:28: the env entry X=Y has no valid name",
        ),
        (
            "- name: \"A\\tB\"\n  value: x\n".into(),
            "deploy.yaml:28: the env entry A\\tB has no valid name",
        ),
        (
            "- name: Été\n  value: x\n".into(),
            "deploy.yaml:28: the env entry Été has no valid name",
        ),
        (
            reference("secretKeyRef", "name: billing-secrets"),
            "its secretKeyRef has no key: Kubernetes rejects the manifest",
        ),
        (
            reference("secretKeyRef", "key: level"),
            "its secretKeyRef has no name: Kubernetes rejects the manifest",
        ),
        (
            reference("configMapKeyRef", "key: level"),
            "its configMapKeyRef has no name: Kubernetes rejects the manifest",
        ),
        (
            reference("configMapKeyRef", "name: billing, key: a/b"),
            "its configMapKeyRef reads the key a/b, but a key holds only letters, digits, `-`, \
             `_` and `.`",
        ),
        (
            reference("fieldRef", "fieldPath: metadata.nam"),
            "its fieldRef reads metadata.nam, which is no field of a pod",
        ),
        (
            reference("resourceFieldRef", "resource: limits.cpux"),
            "its resourceFieldRef reads limits.cpux, which is no resource it can read",
        ),
        (
            reference("resourceFieldRef", "resource: limits.cpu, divisor: 1k"),
            "its resourceFieldRef's divisor 1k is not one the API server accepts for limits.cpu",
        ),
    ] {
        let run = check(&with_env(&entry), &[]);
        assert_eq!(run.code, 78, "{entry}{run:?}");
        assert!(run.stdout.contains(error), "{entry}\n{}", run.stdout);
    }

    // envFrom: a prefix that makes no valid names.
    let run = check(
        &deployment(
            "",
            &format!(
                "envFrom:\n  - prefix: \"A=\"\n    configMapRef:\n      name: billing\nenv:\n{}",
                indent(NEEDED, 2)
            ),
        ),
        &[],
    );
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout.contains(
            "deploy.yaml:16: its prefix A= makes no valid names (a variable name holds only \
             printable ASCII characters other than `=`): Kubernetes rejects the manifest"
        ),
        "{}",
        run.stdout
    );

    // Another container of the pod: the pod is rejected all the same.
    let sidecar = with_pod("").replace(
        "      containers:\n",
        "      containers:\n        - name: proxy\n          image: proxy:1\n          env:\n            \
         - name: X=Y\n              value: x\n",
    );
    let run = check(&sidecar, &["--container", "api"]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout
            .contains("container proxy: the env entry X=Y has no valid name"),
        "{}",
        run.stdout
    );
}

/// An init container and a container of one name: Kubernetes rejects the
/// pod, and the check says so rather than asking which one to check.
#[test]
fn two_containers_of_one_name() {
    let manifest = with_pod("initContainers:\n  - name: api\n    image: migrate:1\n");
    for flags in [
        &[][..],
        &["--container", "api"][..],
        &["--container", "billing/api"][..],
    ] {
        let run = check(&manifest, flags);
        assert_eq!(run.code, 78, "{flags:?}: {run:?}");
        assert!(
            run.stdout.contains(
                "the pod of Deployment billing has 2 containers named api (lines 13, 16): \
                 container names are unique in a pod, init containers included, and Kubernetes \
                 rejects the manifest"
            ),
            "{flags:?}: {}",
            run.stdout
        );
        assert!(
            run.stdout.ends_with("the container would not start\n"),
            "{}",
            run.stdout
        );
    }
}

/// A `resourceFieldRef`'s divisor written as a YAML number reaches the
/// API server as kubectl's JSON writes the number, and its `Quantity`
/// parses that text (`1e3` unquoted is `1000`, which is `1k`; quoted,
/// `1e3` stays `1e3`, which no divisor is). kubectl's JSON for each is
/// in `numbers_as_kubectl_sends_them`.
#[test]
fn a_divisor_written_as_a_number_is_checked_as_the_api_server_reads_it() {
    for (resource, divisor, accepted) in [
        ("limits.memory", "1e3", true),
        ("limits.memory", "\"1e3\"", false),
        ("limits.memory", "1e6", true),
        ("limits.cpu", "1e-3", true),
        ("limits.cpu", "1.0", true),
        ("limits.cpu", "1e3", false),
        ("limits.memory", "1024", false),
        ("limits.memory", "0x400", false),
        ("limits.memory", "1e21", false),
        ("limits.cpu", "1e-7", false),
        ("limits.memory", "null", true),
    ] {
        let entry = format!(
            "- name: POD_LIMIT\n  valueFrom:\n    resourceFieldRef: {{resource: {resource}, \
             divisor: {divisor}}}\n"
        );
        let env = format!("env:\n{}", indent(&format!("{NEEDED}{entry}"), 2));
        let manifest = deployment("enableServiceLinks: false\n", &env);
        let run = check(&manifest, &["--strict"]);
        assert!(
            accepted || run.stdout.contains("its resourceFieldRef's divisor"),
            "{run:?}"
        );
        assert_eq!(
            run.code == 0,
            accepted,
            "{resource} {divisor}: {}",
            run.stdout
        );
    }
}

/// A Deployment without a selector, or whose selector does not match its
/// pod template's labels, is refused by the API server (apps/v1 defaults
/// none): its pods never exist, whatever their environment. The check
/// fails naming the workload, with `--strict` or not.
#[test]
fn a_workload_whose_selector_the_api_server_refuses() {
    let good = with_pod("enableServiceLinks: false\n");
    let run = check(&good, &["--strict"]);
    assert_eq!(run.code, 0, "{run:?}");
    let without = good.replacen("  selector: {matchLabels: {app: billing}}\n", "", 1);
    let other = good.replacen("{app: billing}}", "{app: shop}}", 1);
    for (manifest, why, line) in [
        (
            &without,
            "it has no selector (spec.selector, which apps/v1 requires",
            1,
        ),
        (
            &other,
            "its selector does not match its pod template's labels, which do not meet app=shop",
            6,
        ),
    ] {
        assert_ne!(manifest, &good);
        let run = check(manifest, &[]);
        assert_eq!(run.code, 78, "{run:?}");
        let expected = format!("deploy.yaml:{line}: the Deployment billing: {why}");
        assert!(run.stdout.contains(&expected), "{}", run.stdout);
        assert!(
            run.stdout.contains(": Kubernetes rejects it\n"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.ends_with("the container would not start\n"),
            "{}",
            run.stdout
        );
    }
}

/// A Job's pods restart `OnFailure` or `Never`: one that leaves
/// `restartPolicy` to the pod's default, `Always`, is refused, and a
/// Deployment's pods take only `Always`.
#[test]
fn a_restart_policy_the_workload_does_not_take() {
    let job = |policy: &str| {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    \
             spec:\n{policy}      enableServiceLinks: false\n      containers:\n      - name: api\n        \
             image: billing:1.4.2\n        env:\n{}",
            indent(NEEDED, 8)
        )
    };
    let run = check(&job("      restartPolicy: Never\n"), &["--strict"]);
    assert_eq!(run.code, 0, "{run:?}");
    let run = check(&job(""), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout.contains(
            "deploy.yaml:8: the Job migrate: its pods' restartPolicy is Always (the default), \
             where a Job takes only OnFailure or Never: Kubernetes rejects it"
        ),
        "{}",
        run.stdout
    );
    let run = check(&with_pod("restartPolicy: OnFailure\n"), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout
            .contains("its pods' restartPolicy is OnFailure, where a Deployment takes only Always"),
        "{}",
        run.stdout
    );
}

/// The two manifests that exhausted memory: each `$(A)` of 60,000 entries
/// copies a value of 130 KB; a ConfigMap value of 1 MB is read by thousands
/// of `configMapKeyRef`s. Run with 256 MiB of address space, each fails
/// with a problem that says why, and no value is shown.
#[test]
fn manifests_built_to_exhaust_memory_fail_within_bounds() {
    let env = Env::new(&[]);
    let pod = |documents: &str, entries: &str| {
        format!(
            "{documents}apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  \
             - name: c\n    image: c:1\n    env:\n{entries}"
        )
    };
    let mut copies = format!("    - name: A\n      value: {}\n", "a".repeat(130_000));
    for i in 0..60_000 {
        copies += &format!("    - name: B{i}\n      value: $(A)\n");
    }
    let config_map = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: {}\n---\n",
        "v".repeat(1_000_000)
    );
    let mut references = String::new();
    for i in 0..4_000 {
        references += &format!(
            "    - name: B{i}\n      valueFrom:\n        configMapKeyRef: {{name: big, key: k}}\n"
        );
    }
    for (name, manifest) in [
        ("copies.yaml", pod("", &copies)),
        ("references.yaml", pod(&config_map, &references)),
    ] {
        let path = env.file(name, &manifest);
        let output = Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 262144 && exec \"$0\" --check-env --manifest \"$1\"")
            .arg(service_binary())
            .arg(&path)
            .env_clear()
            .current_dir(env.dir.path())
            .output()
            .expect("the service runs under sh");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(78), "{name}: {output:?}");
        assert!(
            stdout.contains(
                "building the container's environment takes more than the 32 MiB envconfig \
                 allows (its variables, $(NAME) references, ConfigMap values copied into many \
                 variables): the check stops there and fails"
            ),
            "{name}: {}",
            &stdout[stdout.len().saturating_sub(2000)..]
        );
        assert!(
            !stdout.contains("aaaaaaaa") && !stdout.contains("vvvvvvvv"),
            "{name}"
        );
    }
}

#[path = "../../benches/cost/manifests.rs"]
mod sixteen_mib;

/// A manifest of 16 MiB, the most the check reads, of every shape that
/// makes checking cost the most (`benches/cost/manifests.rs`): run with
/// 256 MiB of address space, each gets its verdict. `cargo bench --bench
/// manifest` times them and measures their memory. Two run at once.
#[test]
#[ignore = "minutes in a debug build: .ci/run runs it with --release"]
fn sixteen_mib_of_any_shape_is_checked_within_256_mib() {
    let shapes = sixteen_mib::shapes();
    let (first, second) = shapes.split_at(shapes.len() / 2);
    std::thread::scope(|scope| {
        for half in [first, second] {
            scope.spawn(move || half.iter().for_each(check_within_256_mib));
        }
    });
}

fn check_within_256_mib(shape: &sixteen_mib::Shape) {
    let env = Env::new(&[]);
    let path = env.file("manifest.yaml", &shape.text);
    let container = shape
        .container
        .map_or(String::new(), |c| format!(" --container {c}"));
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 262144 && exec \"$0\" --check-env --manifest \"$1\"{container}"
        ))
        .arg(service_binary())
        .arg(&path)
        .env_clear()
        .current_dir(env.dir.path())
        .output()
        .expect("the service runs under sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let verdict = stdout.lines().last().unwrap_or("");
    assert!(
        matches!(output.status.code(), Some(0 | 78))
            && (verdict.starts_with("OK")
                || verdict.starts_with("FAILED")
                || stderr.starts_with("error: ")),
        "{}: {:?}\n{}\n{}",
        shape.name,
        output.status,
        &stdout[stdout.len().saturating_sub(1000)..],
        &stderr[..stderr.len().min(1000)]
    );
}

/// A volume's `items` whose `key` or `path` YAML reads as no string
/// (`key: n` is a boolean to kubectl, `path: 1` a number) is a pod the API
/// server rejects; quoted, it is fine.
#[test]
fn a_volume_item_that_is_no_string() {
    for (written, noun, code) in [("n", "its key is a YAML boolean", 78), ("\"n\"", "", 0)] {
        let pod = format!(
            "volumes:\n  - name: s\n    secret:\n      secretName: billing\n      items:\n        \
             - key: {written}\n          path: token\n"
        );
        let run = check(&with_pod(&pod), &[]);
        assert_eq!(run.code, code, "{written}: {run:?}");
        if code != 0 {
            let error = format!("{noun}, not a string: Kubernetes rejects the manifest");
            assert!(run.stdout.contains(&error), "{error} in {}", run.stdout);
        }
    }
}

/// The API server refuses a ConfigMap or Secret whose values come to more
/// than 1 MiB (`ValidateConfigMap`, `ValidateSecret`): never created, it
/// fails the check, whatever reads it. Just under the bound is fine.
#[test]
fn a_config_map_or_secret_over_one_mib_is_refused() {
    let value = "x".repeat(300_000);
    for (kind, field) in [("ConfigMap", "data"), ("Secret", "stringData")] {
        for (keys, refused) in [(4, true), (3, false)] {
            let data: String = (0..keys)
                .map(|key| format!("  K{key}: {value}\n"))
                .collect();
            let manifest = format!(
                "apiVersion: v1\nkind: {kind}\nmetadata:\n  name: big\n{field}:\n{data}---\n{}",
                with_env("")
            );
            let run = check(&manifest, &[]);
            let error = format!(
                "the {kind} big holds 1171 KiB of data, more than the 1 MiB the API server \
                 accepts: Kubernetes rejects it"
            );
            match refused {
                true => {
                    assert_eq!(run.code, 78, "{kind}: {run:?}");
                    assert!(run.stdout.contains(&error), "{}", run.stdout);
                }
                false => assert_eq!(run.code, 0, "{kind}, {keys} keys: {run:?}"),
            }
        }
    }
    // Ported from `pkg/apis/core/validation/validation_test.go`
    // (`TestValidateSecret`, "over max size"): one key of `MaxSecretSize + 1`
    // bytes in `data`, base64 as a manifest writes it; `MaxSecretSize` bytes
    // are within the bound.
    for (bytes, code) in [(1024 * 1024 + 1, 78), (1024 * 1024, 0)] {
        let encoded = "A".repeat(bytes / 3 * 4) + ["", "AA==", "AAA="][bytes % 3];
        let manifest = format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: big\ndata:\n  over: {encoded}\n---\n{}",
            with_env("")
        );
        let run = check(&manifest, &[]);
        assert_eq!(run.code, code, "{bytes} bytes: {}", run.stdout);
    }
}

/// The API server refuses a Secret whose `data` holds what is not base64
/// text, whose `stringData` holds what is not a string (both decode into
/// Go's `map[string][]byte` and `map[string]string`), or whose key is no
/// ConfigMap key (`ValidateSecret`), and a ConfigMap whose key is no
/// ConfigMap key or is in both `data` and `binaryData`
/// (`ValidateConfigMap`), or whose value is no string or not base64 in
/// `binaryData` (decoding): never created, it fails the check, whatever
/// reads it, and its values never show.
#[test]
fn a_config_map_or_secret_the_api_server_refuses_fails() {
    let secret = |fields: &str| {
        format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-secrets\n{fields}")
    };
    let config_map = |fields: &str| {
        format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-config\n{fields}")
    };
    let cases = [
        (
            secret("data:\n  database-url: CANARY-s3cr3t!\n"),
            Some(
                "the key database-url of the Secret billing-secrets is not base64 (stringData \
                 takes plain text): Kubernetes rejects it",
            ),
        ),
        (
            secret("data:\n  database-url: true\n"),
            Some(
                "the key database-url of the Secret billing-secrets is a YAML boolean, not \
                 base64 text: Kubernetes rejects it",
            ),
        ),
        (
            secret("stringData:\n  payment-token: 12345\n"),
            Some(
                "the key payment-token of the Secret billing-secrets is a YAML number, not a \
                 string: Kubernetes rejects it (quote it)",
            ),
        ),
        (
            secret("stringData:\n  pay token: CANARY-s3cr3t\n"),
            Some(
                "the Secret billing-secrets has the key pay token, but a key holds only \
                 letters, digits, `-`, `_` and `.`: Kubernetes rejects it",
            ),
        ),
        (
            config_map("data:\n  app.properties: a\n  \"..x\": b\n"),
            Some(
                "the ConfigMap billing-config has the key ..x, but a key is not `.` or `..` \
                 and does not start with `..`: Kubernetes rejects it",
            ),
        ),
        (
            config_map("data:\n  logo: a\nbinaryData:\n  logo: YWJj\n"),
            Some(
                "the ConfigMap billing-config has the key logo in both data and binaryData: \
                 Kubernetes rejects it",
            ),
        ),
        (
            config_map("data:\n  hosts: a.example.com\n  debug: yes\n"),
            Some(
                "the key debug of the ConfigMap billing-config is a YAML boolean, not a \
                 string: Kubernetes rejects the ConfigMap (quote it)",
            ),
        ),
        (
            config_map("binaryData:\n  logo: \"CANARY-s3cr3t!\"\n"),
            Some(
                "the key logo of the ConfigMap billing-config is in binaryData, and is not \
                 base64: Kubernetes rejects the ConfigMap",
            ),
        ),
        (
            secret(
                "data:\n  database-url: \"Q0FOQVJZ\\nLXMzY3IzdA==\"\n  payment-token: \
                 \"\"\n  empty: null\nstringData:\n  database-url: x\n  other: ~\n",
            ),
            None,
        ),
        (
            config_map("data:\n  a: x\n  b: ~\nbinaryData:\n  c: YWJj\n"),
            None,
        ),
        // A null decodes into a nil `[]byte`, as into `""`.
        (config_map("binaryData:\n  c: null\n  d: ~\n"), None),
    ];
    for (object, refused) in cases {
        let manifest = format!("{object}---\n{}", with_env(""));
        let run = check(&manifest, &[]);
        for output in [&run.stdout, &run.stderr] {
            assert!(!output.contains("CANARY"), "{output}");
        }
        match refused {
            Some(error) => {
                assert_eq!(run.code, 78, "{object}: {run:?}");
                assert!(run.stdout.contains(error), "{object}: {}", run.stdout);
            }
            None => assert_eq!(run.code, 0, "{object}: {run:?}"),
        }
    }
    // Read through envFrom, a value that is no string is said once.
    let manifest = format!(
        "{}---\n{}",
        config_map("data:\n  BILLING_DEBUG: yes\n"),
        deployment(
            "",
            &format!(
                "envFrom:\n  - configMapRef:\n      name: billing-config\nenv:\n{}",
                indent(NEEDED, 2)
            )
        )
    );
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(
        run.stdout.matches("is a YAML boolean").count(),
        1,
        "{}",
        run.stdout
    );
}

/// The API server refuses a Secret of a built-in `type` without what that
/// type requires (`ValidateSecret`), whatever reads it. Ported from
/// `pkg/apis/core/validation/validation_test.go`: `TestValidateSecret`
/// ("empty service-account-token annotation", "missing
/// service-account-token annotation(s)"), `TestValidateDockerConfigSecret`
/// ("missing dockercfg", "empty dockercfg", "missing config.json", "empty
/// config.json"; "invalid ..." reads the value, which the check never
/// does), `TestValidateBasicAuthSecret` ("missing username and password"),
/// `TestValidateSSHAuthSecret` ("missing private key"),
/// `TestValidateTLSSecret` ("missing private key"), and each one's
/// "valid".
#[test]
fn a_secret_without_the_keys_of_its_type_is_refused() {
    let cases = [
        (
            "kubernetes.io/tls",
            "",
            "data:\n  tls.crt: YWJj\n",
            Some("no key tls.key"),
        ),
        (
            "kubernetes.io/tls",
            "",
            "stringData:\n  tls.key: k\n",
            Some("no key tls.crt"),
        ),
        (
            "kubernetes.io/tls",
            "",
            "data:\n  tls.crt: \"\"\nstringData:\n  tls.key: k\n",
            None,
        ),
        (
            "kubernetes.io/basic-auth",
            "",
            "stringData:\n  user: u\n",
            Some("neither the key username nor password"),
        ),
        (
            "kubernetes.io/basic-auth",
            "",
            "stringData:\n  password: p\n",
            None,
        ),
        (
            "kubernetes.io/ssh-auth",
            "",
            "data:\n  ssh-privatekey: \"\"\n",
            Some("no key ssh-privatekey, or an empty one"),
        ),
        (
            "kubernetes.io/ssh-auth",
            "",
            "data:\n  ssh-privatekey: YWJj\n",
            None,
        ),
        // A null value is an empty one: `[]byte(nil)` in `data`, `""` in
        // `stringData`.
        (
            "kubernetes.io/ssh-auth",
            "",
            "data:\n  ssh-privatekey: null\n",
            Some("no key ssh-privatekey, or an empty one"),
        ),
        (
            "kubernetes.io/ssh-auth",
            "",
            "stringData:\n  ssh-privatekey: ~\n",
            Some("no key ssh-privatekey, or an empty one"),
        ),
        (
            "kubernetes.io/dockercfg",
            "",
            "data:\n  .dockercfg:\n",
            Some("no key .dockercfg, or an empty one"),
        ),
        (
            "kubernetes.io/tls",
            "",
            "data:\n  tls.crt: null\n  tls.key: null\n",
            None,
        ),
        (
            "kubernetes.io/dockercfg",
            "",
            "data: {}\n",
            Some("no key .dockercfg, or an empty one"),
        ),
        (
            "kubernetes.io/dockercfg",
            "",
            "stringData:\n  .dockercfg: \"\"\n",
            Some("no key .dockercfg, or an empty one"),
        ),
        (
            "kubernetes.io/dockercfg",
            "",
            "data:\n  .dockercfg: e30=\n",
            None,
        ),
        (
            "kubernetes.io/dockerconfigjson",
            "",
            "data:\n  .dockercfg: e30=\n",
            Some("no key .dockerconfigjson, or an empty one"),
        ),
        (
            "kubernetes.io/dockerconfigjson",
            "",
            "data:\n  .dockerconfigjson: \"\"\n",
            Some("no key .dockerconfigjson, or an empty one"),
        ),
        (
            "kubernetes.io/dockerconfigjson",
            "",
            "stringData:\n  .dockerconfigjson: \"{}\"\n",
            None,
        ),
        (
            "kubernetes.io/service-account-token",
            "  annotations:\n    kubernetes.io/service-account.name: \"\"\n",
            "",
            Some("no annotation kubernetes.io/service-account.name"),
        ),
        (
            "kubernetes.io/service-account-token",
            "",
            "",
            Some("no annotation kubernetes.io/service-account.name"),
        ),
        (
            "kubernetes.io/service-account-token",
            "  annotations:\n    kubernetes.io/service-account.name: billing\n",
            "",
            None,
        ),
        ("Opaque", "", "", None),
        ("example.com/anything", "", "", None),
    ];
    for (kind, metadata, fields, refused) in cases {
        let manifest = format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\n{metadata}type: {kind}\n\
             {fields}---\n{}",
            with_env("")
        );
        let run = check(&manifest, &[]);
        match refused {
            Some(lack) => {
                assert_eq!(run.code, 78, "{manifest}: {run:?}");
                let error =
                    format!("the Secret tls of type {kind} has {lack}: Kubernetes rejects it");
                assert!(run.stdout.contains(&error), "{manifest}: {}", run.stdout);
            }
            None => assert_eq!(run.code, 0, "{manifest}: {run:?}"),
        }
    }
}

/// Two documents of one ConfigMap or Secret: `kubectl apply` applies them
/// in order, and the later one is what the cluster keeps (its three-way
/// merge drops what only the earlier one set), as for a Service. The
/// container reads the later one, and only what the cluster keeps can be
/// refused.
#[test]
fn a_later_document_of_the_same_object_replaces_an_earlier_one() {
    let config_map = |data: &str| {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-config\ndata:\n{data}---\n"
        )
    };
    let pod = deployment(
        "",
        &format!(
            "envFrom:\n  - configMapRef:\n      name: billing-config\nenv:\n{}",
            indent(NEEDED, 2)
        ),
    );
    let run = check(
        &format!(
            "{}{}{pod}",
            config_map("  BILLING_PORT: http\n  BILLING_DEBUG: \"on\"\n"),
            config_map("  BILLING_PORT: \"8081\"\n")
        ),
        &[],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.report_line("BILLING_PORT").ends_with("\"8081\""),
        "{}",
        run.stdout
    );
    assert!(
        run.report_line("BILLING_DEBUG").starts_with("default"),
        "{}",
        run.stdout
    );
    // The earlier document, refused, is replaced by one the API server
    // takes; the other way round, what the cluster keeps is refused.
    let refused = config_map("  BILLING_PORT: 8081\n");
    let taken = config_map("  BILLING_PORT: \"8081\"\n");
    let run = check(&format!("{refused}{taken}{pod}"), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    let run = check(&format!("{taken}{refused}{pod}"), &[]);
    assert_eq!(run.code, 78, "{run:?}");
}

/// A Service's ports as the API server reads them: `port` is a JSON
/// number once kubectl has read the YAML (`0x50`, `80.0` and `8e1` are 80;
/// `"80"` is a string, which no `int32` decodes), between 1 and 65535, of
/// the protocol TCP, UDP or SCTP, each named when there are several
/// (`validateServicePort`). A Service it refuses is never made, and sets
/// no links.
#[test]
fn a_service_links_only_with_ports_the_api_server_takes() {
    for (ports, linked) in [
        ("ports:\n  - port: 80\n", true),
        ("ports:\n  - port: 0x50\n", true),
        ("ports:\n  - port: 80.0\n", true),
        ("ports:\n  - port: 8e1\n", true),
        ("ports:\n  - port: \"80\"\n", false),
        ("ports:\n  - port: 80.5\n", false),
        ("ports:\n  - port: 65536\n", false),
        ("ports:\n  - port: 80\n    protocol: UDP\n", true),
        ("ports:\n  - port: 80\n    protocol: tcp\n", false),
        ("ports:\n  - port: 80\n    protocol: HTTP\n", false),
        (
            "ports:\n  - port: 80\n    name: http\n  - port: 443\n    name: https\n",
            true,
        ),
        (
            "ports:\n  - port: 80\n  - port: 443\n    name: https\n",
            false,
        ),
        (
            "ports:\n  - port: 80\n    name: web\n  - port: 443\n    name: web\n",
            false,
        ),
    ] {
        let run = check(&with_service(ports, ""), &[]);
        let line = run.report_line("BILLING_PORT");
        match linked {
            true => {
                assert_eq!(run.code, 78, "{ports}: {run:?}");
                assert!(
                    line.contains("\"tcp://<cluster IP>:80\"")
                        || line.contains("\"udp://<cluster IP>:80\""),
                    "{ports}: {line}"
                );
            }
            false => assert!(line.starts_with("default"), "{ports}: {line}"),
        }
    }
}

/// The rest of what the API server refuses in a Service
/// (`ValidateService`, `validateServicePort`, after `SetDefaults_Service`
/// fills in an empty protocol, type or target port): a name that is no
/// DNS-1035 label, a type it does not know, a port's name that is no
/// DNS-1123 label, a target port that is neither a port number nor a
/// port's name (a quoted number is a string, and no name: it has no
/// letter), a node port on a `ClusterIP` Service, two ports of one number
/// and protocol. Such a Service is never made, and sets no links.
#[test]
fn a_service_the_api_server_refuses_sets_no_links() {
    let port = "ports:\n  - port: 80\n";
    for (spec, linked) in [
        (port.to_owned(), true),
        (format!("{port}    protocol: \"\"\n"), true),
        // A null is a missing field; a field of another JSON type is not
        // decoded, and the Service is refused.
        (format!("{port}    protocol: null\n"), true),
        (format!("{port}    protocol: 6\n"), false),
        (format!("{port}    name: 8080\n"), false),
        (format!("{port}    name: null\n"), true),
        (
            format!("type: NodePort\n{port}    nodePort: \"30080\"\n"),
            false,
        ),
        (format!("type: \"\"\n{port}"), true),
        (format!("type: NodePort\n{port}    nodePort: 30080\n"), true),
        (format!("type: clusterip\n{port}"), false),
        (format!("{port}    nodePort: 30080\n"), false),
        (
            format!("type: ClusterIP\n{port}    nodePort: 30080\n"),
            false,
        ),
        (format!("{port}    name: http\n"), true),
        (format!("{port}    name: HTTP\n"), false),
        (format!("{port}    name: http_port\n"), false),
        (format!("{port}    targetPort: 8080\n"), true),
        (format!("{port}    targetPort: 8080.0\n"), true),
        (format!("{port}    targetPort: 0\n"), true),
        (format!("{port}    targetPort: \"\"\n"), true),
        (format!("{port}    targetPort: http\n"), true),
        (format!("{port}    targetPort: \"8080\"\n"), false),
        (format!("{port}    targetPort: 70000\n"), false),
        (format!("{port}    targetPort: Http\n"), false),
        (
            format!("{port}    targetPort: a-very-long-port-name\n"),
            false,
        ),
        (
            "ports:\n  - {port: 80, name: a}\n  - {port: 80, name: b, protocol: UDP}\n".into(),
            true,
        ),
        (
            "ports:\n  - {port: 80, name: a}\n  - {port: 80, name: b, protocol: TCP}\n".into(),
            false,
        ),
    ] {
        let run = check(&with_service(&spec, ""), &[]);
        let line = run.report_line("BILLING_PORT");
        match linked {
            true => {
                assert_eq!(run.code, 78, "{spec}: {run:?}");
                assert!(line.contains("\"tcp://<cluster IP>:80\""), "{spec}: {line}");
            }
            false => assert!(line.starts_with("default"), "{spec}: {line}"),
        }
    }

    // A Service named `Billing` would link BILLING_PORT, but its name is
    // no DNS-1035 label.
    let upper = with_service(port, "").replacen("  name: billing\n", "  name: Billing\n", 1);
    let run = check(&upper, &[]);
    assert!(
        run.report_line("BILLING_PORT").starts_with("default"),
        "{}",
        run.stdout
    );
}

/// The API server refuses any object whose metadata it cannot take
/// (`ValidateObjectMeta`, once the JSON kubectl sends is decoded): labels
/// or annotations that are no mapping of strings (`version: 1.0` unquoted
/// is a number), a key that is no qualified name, a label value that is
/// no label value; and an `immutable` that is no boolean. A ConfigMap or
/// Secret it refuses is never made, and the check fails, as it does for
/// a workload whose metadata or pod template's metadata it refuses; a
/// Service it refuses sets no links.
#[test]
fn an_object_whose_metadata_the_api_server_refuses() {
    let cases = [
        ("labels: {version: \"1.0\"}", "", None),
        ("labels: {version: ~}", "", None),
        ("annotations: {note: \"any text at all\"}", "", None),
        ("labels: {a: b}", "immutable: true\n", None),
        (
            "labels: {version: 1.0}",
            "",
            Some("its label version is a YAML number, not a string (quote it)"),
        ),
        (
            "annotations: {replicas: 3}",
            "",
            Some("its annotation replicas is a YAML number, not a string (quote it)"),
        ),
        (
            "labels: {enabled: yes}",
            "",
            Some("its label enabled is a YAML boolean, not a string (quote it)"),
        ),
        (
            "labels: {chart: billing-1.4.2+build}",
            "",
            Some("its label chart has a value that is no label value"),
        ),
        (
            "labels: {\"Example.com/abc\": x}",
            "",
            Some("its label key Example.com/abc is no qualified name"),
        ),
        (
            "labels: [a, b]",
            "",
            Some("its labels are a YAML sequence, not a mapping"),
        ),
        (
            "labels: {a: b}",
            "immutable: \"true\"\n",
            Some("its immutable is a string, not a boolean"),
        ),
    ];
    for (metadata, extra, refused) in cases {
        for kind in ["ConfigMap", "Secret"] {
            let manifest = format!(
                "apiVersion: v1\nkind: {kind}\nmetadata:\n  name: billing-config\n  \
                 {metadata}\n{extra}---\n{}",
                deployment(
                    "",
                    &format!(
                        "envFrom:\n  - {}Ref:\n      name: billing-config\nenv:\n{}",
                        if kind == "Secret" {
                            "secret"
                        } else {
                            "configMap"
                        },
                        indent(NEEDED, 2)
                    )
                )
            );
            let run = check(&manifest, &[]);
            match refused {
                Some(why) => {
                    assert_eq!(run.code, 78, "{manifest}: {run:?}");
                    let error = format!("the {kind} billing-config: {why}");
                    assert!(run.stdout.contains(&error), "{manifest}: {}", run.stdout);
                    assert!(
                        run.stdout.contains("Kubernetes rejects it"),
                        "{manifest}: {}",
                        run.stdout
                    );
                }
                None => assert_eq!(run.code, 0, "{manifest}: {run:?}"),
            }
        }
        // A Service `billing` links BILLING_PORT, unless refused.
        let service = format!(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: billing\n  {metadata}\n\
             spec:\n  ports:\n    - port: 80\n---\n{}",
            with_pod("")
        );
        let line = check(&service, &[]).report_line("BILLING_PORT");
        let linked = line.contains("\"tcp://<cluster IP>:80\"");
        // `immutable` is no field of a Service.
        assert_eq!(
            linked,
            refused.is_none() || !extra.is_empty(),
            "{service}: {line}"
        );
    }

    // The workload's own metadata, and its pod template's: no pod is made.
    let labelled = with_pod("");
    for (from, to, error) in [
        (
            "  name: billing\n",
            "  name: billing\n  labels: {version: 1.0}\n",
            "the Deployment billing: its label version is a YAML number",
        ),
        (
            "        app: billing\n",
            "        app: billing\n        version: 1.0\n",
            "the Deployment billing: its pod template: its label version is a YAML number",
        ),
    ] {
        let manifest = labelled.replacen(from, to, 1);
        let run = check(&manifest, &[]);
        assert_eq!(run.code, 78, "{manifest}: {run:?}");
        assert!(run.stdout.contains(error), "{manifest}: {}", run.stdout);
    }
}
