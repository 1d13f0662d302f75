//! The shapes manifests come in.

use super::support::{Env, VALID};
use super::*;

/// A Deployment with `envFrom` of a ConfigMap among the documents (with a
/// prefix) and of a Secret that is not: the ConfigMap's values are checked,
/// each from its line; what the Secret may set is set but unchecked.
#[test]
fn a_deployment_with_env_from() {
    const SECRET: &str = "- secretRef:\n    name: billing-secrets\n";
    const CONFIG_MAP: &str = "- configMapRef:\n    name: billing-config\n  prefix: BILLING_\n";
    let manifest = |env_from: [&str; 2]| {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-config\ndata:\n  \
             PORT: \"8443\"\n  LOG_LEVEL: debug\n  ALLOWED_HOSTS: shop.example.com\n---\n{}",
            deployment(
                "",
                &format!(
                    "envFrom:\n{}env:\n  - name: BILLING_LOG_LEVEL\n    value: warn\n",
                    indent(&env_from.concat(), 2)
                ),
            )
        )
    };
    let run = check(&manifest([SECRET, CONFIG_MAP]), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .starts_with("Checking container api of Deployment billing (document 2 of "),
        "{}",
        run.stdout
    );
    let header = run.stdout.lines().next().unwrap_or("");
    assert!(header.ends_with("deploy.yaml, line 22):"), "{header}");
    let line = run.report_line("BILLING_PORT");
    assert!(
        line.starts_with("ok BILLING_PORT ") && line.ends_with("deploy.yaml:6 \"8443\""),
        "{line}"
    );
    // `env` wins over `envFrom`.
    let line = run.report_line("BILLING_LOG_LEVEL");
    assert!(line.ends_with("deploy.yaml:31 \"warn\""), "{line}");
    assert!(run.report_line("BILLING_ALLOWED_HOSTS").starts_with("ok "));
    let maybe = "may be set by the Secret billing-secrets (envFrom), which is not among the \
                 documents";
    for var in [
        "BILLING_DATABASE_URL",
        "PAYMENT_TOKEN",
        "BILLING_SENTRY_DSN",
    ] {
        let line = run.report_line(var);
        assert!(
            line.starts_with(&format!("external {var} ")) && line.ends_with(maybe),
            "{line}"
        );
    }
    assert!(
        run.stdout.contains("OK: all 19 variables would load ("),
        "{}",
        run.stdout
    );

    // A later source whose keys are not known may set again what an
    // earlier one set: the value the documents give is checked all the
    // same (its problem would say which source may set it instead).
    let run = check(&manifest([CONFIG_MAP, SECRET]), &[]);
    let line = run.report_line("BILLING_PORT");
    assert!(
        line.starts_with("ok BILLING_PORT ") && line.ends_with("deploy.yaml:6 \"8443\""),
        "{line}"
    );
}

/// A CronJob's pod template is under its job template.
#[test]
fn a_cron_job() {
    let manifest = format!(
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: invoices\nspec:\n  \
         schedule: \"0 3 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          \
         restartPolicy: OnFailure\n          containers:\n            - name: send-invoices\n              \
         image: billing:1.4.2\n              args: [send-invoices]\n              env:\n{}",
        indent(
            &format!("{NEEDED}- name: BILLING_REQUEST_TIMEOUT\n  value: 5m\n"),
            16
        )
    );
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .starts_with("Checking container send-invoices of CronJob invoices (document 1 of "),
        "{}",
        run.stdout
    );
    assert!(
        run.report_line("BILLING_REQUEST_TIMEOUT")
            .ends_with("\"5m\"")
    );
    assert!(
        run.stdout
            .contains("OK: all 19 variables would load (2 external), 1 warning"),
        "{}",
        run.stdout
    );
}

/// A pod of several containers: `--container` chooses, and without it the
/// check is a usage error that lists them.
#[test]
fn a_pod_of_several_containers() {
    let needed = indent(NEEDED, 8);
    let manifest = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: billing-debug\nspec:\n  initContainers:\n    \
         - name: migrate\n      image: billing:1.4.2\n  containers:\n    - name: api\n      \
         image: billing:1.4.2\n      env:\n{needed}    - name: envoy\n      image: envoy:1.30\n"
    );
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 64, "{run:?}");
    assert!(
        run.stderr.contains(
            "it has 2 containers: billing-debug/api (Pod billing-debug), billing-debug/envoy \
             (Pod billing-debug); choose one with --container NAME"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\nusage: "), "{}", run.stderr);

    for name in ["api", "billing-debug/api", "Pod/billing-debug/api"] {
        let run = check(&manifest, &["--container", name]);
        assert_eq!(run.code, 0, "{name}: {run:?}");
        assert!(
            run.stdout
                .starts_with("Checking container api of Pod billing-debug")
        );
    }
    // The sidecar is checked as it is: it sets nothing the service needs.
    let run = check(&manifest, &["--container", "envoy"]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(run.report_line("PAYMENT_TOKEN").starts_with("missing"));
    // An init container may be named.
    let run = check(&manifest, &["--container=migrate"]);
    assert!(
        run.stdout
            .starts_with("Checking container migrate of Pod billing-debug")
    );

    let run = check(&manifest, &["--container", "worker"]);
    assert_eq!(run.code, 64, "{run:?}");
    assert!(
        run.stderr.contains(
            "no container worker in it; its containers: billing-debug/migrate (init \
             container, Pod billing-debug), billing-debug/api (Pod billing-debug)"
        ),
        "{}",
        run.stderr
    );
}

/// One workload deployed to two namespaces in one stream (as a chart that
/// renders an internal and an external instance): the namespace tells the
/// containers apart, and the usage error says so.
#[test]
fn one_workload_in_two_namespaces() {
    let deployment = with_env("");
    let in_namespace = |namespace: &str| {
        deployment.replacen(
            "  name: billing\n",
            &format!("  name: billing\n  namespace: {namespace}\n"),
            1,
        )
    };
    let manifest = format!(
        "{}---\n{}",
        in_namespace("internal"),
        in_namespace("external")
    );
    let run = check(&manifest, &["--container", "api"]);
    assert_eq!(run.code, 64, "{run:?}");
    assert!(
        run.stderr.contains(
            "2 containers are named api: billing/api (Deployment billing, namespace internal), \
             billing/api (Deployment billing, namespace external); name one as \
             NAMESPACE/KIND/WORKLOAD/CONTAINER"
        ),
        "{}",
        run.stderr
    );
    let run = check(
        &manifest,
        &["--container", "external/Deployment/billing/api"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .starts_with("Checking container api of Deployment billing (document 2"),
        "{}",
        run.stdout
    );
    let run = check(
        &manifest,
        &["--container", "staging/Deployment/billing/api"],
    );
    assert_eq!(run.code, 64, "{run:?}");
}

/// `helm template` output: `---` separators, `# Source:` comments, objects
/// of every kind, piped to stdin.
#[test]
fn a_helm_template_stream_on_stdin() {
    let deployment = deployment(
        "serviceAccountName: billing",
        &format!(
            "ports:\n  - containerPort: 8080\nenvFrom:\n  - configMapRef:\n      name: \
             billing-env\nenv:\n{}",
            indent(NEEDED, 2)
        ),
    );
    let stream = format!(
        "---\n# Source: billing/templates/serviceaccount.yaml\napiVersion: v1\nkind: \
         ServiceAccount\nmetadata:\n  name: billing\n  labels:\n    helm.sh/chart: \
         billing-0.3.1\n---\n# Source: billing/templates/configmap.yaml\napiVersion: v1\nkind: \
         ConfigMap\nmetadata:\n  name: billing-env\ndata:\n  BILLING_PORT: \"8080\"\n  \
         BILLING_DB_MAX_CONNECTIONS: \"fifty\"\n---\n# Source: billing/templates/service.yaml\n\
         apiVersion: v1\nkind: Service\nmetadata:\n  name: billing\nspec:\n  ports:\n    - port: \
         80\n      targetPort: 8080\n---\n# Source: billing/templates/deployment.yaml\n\
         {deployment}---\n# Source: billing/templates/tests/test-connection.yaml\napiVersion: \
         v1\nkind: Pod\nmetadata:\n  name: billing-test\n  annotations:\n    \"helm.sh/hook\": \
         test\nspec:\n  containers:\n    - name: wget\n      image: busybox\n"
    );
    let env = Env::new(VALID);
    let run = env.run_stdin(
        &["--check-env", "--manifest", "-", "--container", "api"],
        &stream,
    );
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout.starts_with(
            "Checking container api of Deployment billing (document 4 of <stdin>, line 43):"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.report_line("BILLING_DB_MAX_CONNECTIONS"),
        "invalid BILLING_DB_MAX_CONNECTIONS <stdin>:17 invalid value \"fifty\": not an \
         integer; expected integer 1..=500"
    );
    assert!(
        run.report_line("BILLING_PORT")
            .starts_with("ok BILLING_PORT <stdin>:16 ")
    );
    assert!(
        run.stdout
            .contains("FAILED: 1 of 19 variables has a problem")
    );
}

/// `kubectl kustomize` output: no comments, keys sorted, a ConfigMap whose
/// name carries the hash of its content, as the Deployment refers to it.
#[test]
fn a_kustomize_stream() {
    let stream = "apiVersion: v1
data:
  BILLING_LOG_LEVEL: info
  BILLING_REQUEST_TIMEOUT: 45s
kind: ConfigMap
metadata:
  labels:
    app: billing
  name: billing-env-6ct58k7b2h
  namespace: prod
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: billing
  name: prod-billing
  namespace: prod
spec:
  selector:
    matchLabels:
      app: billing
  template:
    metadata:
      labels:
        app: billing
    spec:
      containers:
      - env:
        - name: BILLING_DATABASE_URL
          valueFrom:
            secretKeyRef:
              key: database-url
              name: billing-secrets-8gk2dmt9b5
        - name: PAYMENT_TOKEN
          valueFrom:
            secretKeyRef:
              key: payment-token
              name: billing-secrets-8gk2dmt9b5
        - name: BILLING_ALLOWED_HOSTS
          value: shop.example.com
        - name: BILLING_REQUEST_TIMEOUT
          valueFrom:
            configMapKeyRef:
              key: BILLING_REQUEST_TIMEOUT
              name: billing-env-6ct58k7b2h
        envFrom:
        - configMapRef:
            name: billing-env-6ct58k7b2h
        image: registry.example.com/billing:1.4.2
        name: api
";
    let run = check(stream, &["--strict"]);
    assert_eq!(run.code, 78, "--strict fails on unchecked: {run:?}");
    let run = check(stream, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.report_line("BILLING_REQUEST_TIMEOUT")
            .ends_with("deploy.yaml:4 \"45s\"")
    );
    assert!(
        run.report_line("BILLING_LOG_LEVEL")
            .ends_with("deploy.yaml:3 \"info\"")
    );
    assert!(
        run.stdout
            .contains("OK: all 19 variables would load (2 external), 1 warning\n"),
        "{}",
        run.stdout
    );
}

/// The service's own `--print-env-docs=k8s`, pasted as it is under the
/// `image:` of a Deployment's container (written as `kubectl create
/// deployment -o yaml` writes it), passes the check but for what the docs
/// leave the operator to fill in: the required variable that is not secret
/// is set but empty. Defaults stay the code's: their entries are commented
/// out.
#[test]
fn the_k8s_docs_pasted_into_a_deployment() {
    let env = Env::new(&[]);
    let docs = env.run(&["--print-env-docs=k8s"]);
    assert_eq!(docs.code, 0, "{docs:?}");
    let manifest = format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: billing\nspec:\n  \
         selector:\n    matchLabels:\n      app: billing\n  template:\n    metadata:\n      labels:\n        app: billing\n    spec:\n      containers:\n      - name: api\n        \
         image: billing:1.4.2\n{}",
        docs.stdout
    );
    let run = check_in(&env, &manifest, &[]);
    assert_eq!(run.code, 78, "{run:?}");
    let statuses: Vec<(String, String)> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("  "))
        .map(|line| {
            let mut words = line.split_whitespace();
            let status = words.next().unwrap_or("").to_owned();
            (status, words.next().unwrap_or("").to_owned())
        })
        .collect();
    assert_eq!(statuses.len(), 19, "{}", run.stdout);
    for (status, var) in &statuses {
        let secret = docs.stdout.contains(&format!("key: {var}\n"));
        let listed = docs.stdout.contains(&format!("        - name: {var}\n"));
        let expected = match var.as_str() {
            "BILLING_ALLOWED_HOSTS" => "missing",
            _ if secret && listed => "external",
            _ => "default",
        };
        assert_eq!(status, expected, "{var}\n{}", run.stdout);
    }
    assert!(
        run.report_line("BILLING_ALLOWED_HOSTS")
            .contains("set but empty")
    );

    // Filled in, it loads.
    let filled = manifest.replace(
        "- name: BILLING_ALLOWED_HOSTS\n          value: \"\"",
        "- name: BILLING_ALLOWED_HOSTS\n          value: \"shop.example.com\"",
    );
    assert_ne!(filled, manifest);
    let run = check_in(&env, &filled, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("OK: all 19 variables would load ("),
        "{}",
        run.stdout
    );
}

/// What is not a pod template, or not there, is a usage error.
#[test]
fn no_pod_template_is_a_usage_error() {
    let run = check(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nkind: Service\n",
        &[],
    );
    assert_eq!(run.code, 64, "{run:?}");
    assert!(
        run.stderr.contains(
            "deploy.yaml: no pod template (Deployment, StatefulSet, DaemonSet, ReplicaSet, \
             Job, CronJob or Pod) among its documents"
        ),
        "{}",
        run.stderr
    );
    let env = Env::new(&[]);
    for (args, message) in [
        (
            &["--check-env", "--manifest", "missing.yaml"][..],
            "--manifest missing.yaml: no such file",
        ),
        (
            &["--check-env", "--manifest", "."][..],
            "--manifest .: is a directory",
        ),
        (
            &["--check-env", "--manifest", "-", "--env-file", "a.env"][..],
            "--manifest and --env-file cannot be used together",
        ),
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 64, "{args:?}: {run:?}");
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
}

/// kubectl reads any object with `items` as a list of them, whatever its
/// kind (`kubectl label --local -f FILE x=y -o json` prints each item of a
/// `PodList`, a `ServiceList`, and even of a `Deployment` that has
/// `items`; `items: null` is a list of none): the pod of a `PodList` is
/// checked, and a `ServiceList`'s Service sets its service links.
#[test]
fn lists_of_any_kind_are_unpacked_as_kubectl_unpacks_them() {
    let pod = format!(
        "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: billing\n  spec:\n    \
         containers:\n      - name: api\n        image: billing:1.4.2\n        env:\n{}",
        indent(NEEDED, 10)
    );
    let service = "\
apiVersion: v1
kind: ServiceList
items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: billing
    spec:
      clusterIP: 10.96.0.12
      ports:
        - port: 80
";
    for kind in ["PodList", "List", "Deployment"] {
        let pods = format!("apiVersion: v1\nkind: {kind}\nitems:\n{pod}");
        let run = check(&pods, &[]);
        assert_eq!(run.code, 0, "{kind}: {run:?}");
        assert!(
            run.stdout
                .starts_with("Checking container api of Pod billing (document 1 of "),
            "{kind}: {}",
            run.stdout
        );

        // The ServiceList's Service `billing` sets BILLING_PORT, which no
        // u16 reads.
        let run = check(&format!("{service}---\n{pods}"), &[]);
        assert_eq!(run.code, 78, "{kind}: {run:?}");
        assert!(
            run.report_line("BILLING_PORT").contains(
                "invalid value \"tcp://10.96.0.12:80\": not an integer; expected integer \
                 0..=65535; is set by the kubelet for the Service billing"
            ),
            "{kind}: {}",
            run.stdout
        );
    }

    // A list of lists is flattened, as kubectl's `FlattenListVisitor` does.
    let nested = format!(
        "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: List\n    items:\n{}",
        indent(&pod, 6)
    );
    let run = check(&nested, &[]);
    assert_eq!(run.code, 0, "{run:?}");

    // kubectl refuses the whole stream when `items` is no list, or holds
    // what is no object (`kubectl label --local -f FILE x=y -o json`:
    // "cannot unmarshal string into ... items of type []json.RawMessage",
    // "cannot unmarshal string into Go value of type map[string]interface
    // {}"); an item without a kind it passes over.
    for (items, reason) in [
        ("items: not-a-list\n".to_owned(), "`items` is not a list"),
        (
            format!("items:\n- just-text\n{pod}"),
            "an item of a list is not an object",
        ),
        (
            format!("items:\n- [1]\n{pod}"),
            "an item of a list is not an object",
        ),
    ] {
        let run = check(&format!("apiVersion: v1\nkind: List\n{items}"), &[]);
        assert_eq!(run.code, 78, "{items}: {run:?}");
        let said = format!("kubectl refuses it: {reason}");
        assert!(run.stderr.contains(&said), "{said} in {}", run.stderr);
    }
    let kindless = format!("apiVersion: v1\nkind: List\nitems:\n- metadata: {{name: q}}\n{pod}");
    assert_eq!(check(&kindless, &[]).code, 0);

    // `items: null` is a list of none, whatever else the object has.
    let run = check(
        "apiVersion: v1\nkind: PodList\nitems: null\n---\nkind: Pod\nitems: null\nspec:\n  \
         containers:\n  - name: api\n",
        &[],
    );
    assert_eq!(run.code, 64, "{run:?}");
    assert!(run.stderr.contains("no pod template"), "{}", run.stderr);
}

/// Two documents of one workload (a chart that renders it twice, an
/// overlay appended to its base): `kubectl apply` applies both in order,
/// and the cluster keeps the later, whose pods are the ones that start.
/// The later is checked, found without `--container`, and by any way of
/// naming it; a workload of the same name in another namespace, or of
/// another kind, is another object.
#[test]
fn a_later_document_of_a_workload_replaces_an_earlier_one() {
    let earlier = with_env("- name: BILLING_PORT\n  value: http\n");
    let later = with_env("- name: BILLING_PORT\n  value: \"8081\"\n");
    let stream = format!("{earlier}---\n{later}");
    for flags in [
        &[][..],
        &["--container", "api"],
        &["--container", "billing/api"],
        &["--container", "Deployment/billing/api"],
    ] {
        let run = check(&stream, flags);
        assert_eq!(run.code, 0, "{flags:?}: {run:?}");
        assert!(
            run.stdout
                .starts_with("Checking container api of Deployment billing (document 2 of "),
            "{flags:?}: {}",
            run.stdout
        );
        assert!(
            run.report_line("BILLING_PORT").ends_with("\"8081\""),
            "{flags:?}: {}",
            run.stdout
        );
    }

    // In another namespace, or of another kind: two workloads to choose
    // between.
    let other_namespace =
        earlier.replacen("  name: billing\n", "  name: billing\n  namespace: b\n", 1);
    let other_kind = earlier.replacen("kind: Deployment", "kind: StatefulSet", 1);
    for earlier in [other_namespace, other_kind] {
        let run = check(&format!("{earlier}---\n{later}"), &[]);
        assert_eq!(run.code, 64, "{earlier}: {run:?}");
        assert!(run.stderr.contains("it has 2 containers"), "{}", run.stderr);
    }
}
