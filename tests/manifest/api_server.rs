//! What the API server refuses before any pod exists: an `apiVersion` that
//! Kubernetes v1.32 no longer serves, and the pod spec rules of
//! `ValidatePodSpec` that a rendered chart runs into.

use super::{NEEDED, check, indent, with_pod};

/// A Deployment of `extensions/v1beta1` (or `apps/v1beta1`, `apps/v1beta2`),
/// a CronJob of `batch/v1beta1`: `kubectl apply` finds no resource for it
/// in v1.32 and refuses the document, so its pods never exist. The check
/// fails naming the document, whatever the container's environment.
#[test]
fn an_api_version_kubernetes_no_longer_serves() {
    let good = with_pod("enableServiceLinks: false\n");
    assert_eq!(check(&good, &["--strict"]).code, 0);
    for version in ["extensions/v1beta1", "apps/v1beta1", "apps/v1beta2"] {
        let old = good.replacen("apiVersion: apps/v1", &format!("apiVersion: {version}"), 1);
        let run = check(&old, &[]);
        assert_eq!(run.code, 78, "{version}: {run:?}");
        let expected = format!(
            "deploy.yaml:1: the Deployment billing (document 1): its apiVersion {version} does \
             not serve Deployment in Kubernetes v1.32 (only apps/v1 does): kubectl apply \
             refuses it, and its pods never exist"
        );
        assert!(run.stdout.contains(&expected), "{}", run.stdout);
    }
    let cron_job = |version: &str| {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  \
             BILLING_PORT: '8080'\n---\napiVersion: {version}\nkind: CronJob\nmetadata:\n  \
             name: report\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      \
             template:\n        spec:\n          restartPolicy: OnFailure\n          \
             enableServiceLinks: false\n          containers:\n          - name: api\n            \
             image: billing:1.4.2\n            env:\n{}",
            indent(NEEDED, 12)
        )
    };
    assert_eq!(check(&cron_job("batch/v1"), &["--strict"]).code, 0);
    let run = check(&cron_job("batch/v1beta1"), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout.contains(
            "deploy.yaml:8: the CronJob report (document 2): its apiVersion batch/v1beta1 does \
             not serve CronJob in Kubernetes v1.32 (only batch/v1 does)"
        ),
        "{}",
        run.stdout
    );
    let no_version = good.replacen("apiVersion: apps/v1\n", "", 1);
    let run = check(&no_version, &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout
            .contains("the Deployment billing (document 1): it has no apiVersion"),
        "{}",
        run.stdout
    );
}

/// A ConfigMap of an apiVersion that does not serve ConfigMaps is never
/// made: the value the check would read from it never reaches the pod.
#[test]
fn a_config_map_of_a_version_not_served_is_never_made() {
    let manifest = |version: &str| {
        format!(
            "apiVersion: {version}\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  \
             BILLING_PORT: '8080'\n---\n{}",
            with_pod(
                "enableServiceLinks: false\n"
            )
            .replacen(
                "          env:\n",
                "          envFrom:\n          - configMapRef:\n              name: settings\n          env:\n",
                1,
            )
        )
    };
    let run = check(&manifest("v1"), &["--strict"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("BILLING_PORT"), "{}", run.stdout);
    let run = check(&manifest("v1beta1"), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout.contains(
            "deploy.yaml:1: the ConfigMap settings (document 1): its apiVersion v1beta1 does \
             not serve ConfigMap in Kubernetes v1.32 (only v1 does): kubectl apply refuses it, \
             and it is never made"
        ),
        "{}",
        run.stdout
    );
}

/// A Knative `Service` (`serving.knative.dev/v1`) is no Service of
/// Kubernetes: it sets no service links. A Service `billing` of
/// Kubernetes would set `BILLING_PORT=tcp://...`, which the service
/// cannot read as a port.
#[test]
fn a_kind_of_another_api_is_not_read_as_kubernetes_own() {
    let service = |version: &str| {
        format!(
            "apiVersion: {version}\nkind: Service\nmetadata:\n  name: billing\nspec:\n  \
             ports:\n  - port: 80\n---\n{}",
            with_pod("")
        )
    };
    let run = check(&service("serving.knative.dev/v1"), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("tcp://"), "{}", run.stdout);
    let run = check(&service("v1"), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout.contains("  invalid   BILLING_PORT "),
        "{}",
        run.stdout
    );
}

/// What a chart renders when a value is left out: a volume mount whose
/// volume sits behind an `if` that was false, a port name of more than 15
/// characters, an image left to an unset value, in an init container; or
/// when values disagree: a cpu request above its limit (`1` is 1000m); or
/// a probe's port quoted, which makes it a port name, and no valid one.
/// The API server refuses the pod, whichever container is checked.
#[test]
fn a_pod_spec_the_api_server_refuses() {
    let good = with_pod("enableServiceLinks: false\n");
    for (pod, container, why) in [
        (
            "",
            "volumeMounts:\n- name: tls\n  mountPath: /etc/tls\n",
            "the pod of Deployment billing: the container api: it mounts the volume tls, which \
             the pod does not have: Kubernetes rejects the pod",
        ),
        (
            "",
            "ports:\n- name: http-metrics-port\n  containerPort: 9090\n",
            "the pod of Deployment billing: the container api: its port name http-metrics-port \
             is no port name",
        ),
        (
            "",
            "resources:\n  requests: {cpu: '1', memory: 256Mi}\n  limits: {cpu: 500m, memory: 256Mi}\n",
            "the pod of Deployment billing: the container api: its cpu request 1 is above its \
             limit 500m: Kubernetes rejects the pod",
        ),
        (
            "",
            "livenessProbe:\n  httpGet: {path: /healthz, port: '8080'}\n",
            "the pod of Deployment billing: the container api: its livenessProbe's httpGet port \
             8080 is neither a port number nor a port name",
        ),
        (
            "initContainers:\n- name: migrate\n  image:\n",
            "",
            "the pod of Deployment billing: the container migrate: it has no image: Kubernetes \
             rejects the pod",
        ),
        (
            "dnsPolicy: clusterFirst\n",
            "",
            "the pod of Deployment billing: its dnsPolicy is clusterFirst, where Kubernetes \
             takes only ClusterFirstWithHostNet, ClusterFirst, Default or None: Kubernetes \
             rejects the pod",
        ),
        (
            "tolerations:\n- key: dedicated\n  operator: Exists\n  value: billing\n",
            "",
            "the pod of Deployment billing: its toleration of dedicated has the operator Exists \
             and a value",
        ),
        (
            "volumes:\n- name: tls\n  secret:\n    secretName: ''\n",
            "",
            "the pod of Deployment billing: the volume tls: its secret source has no secretName",
        ),
        (
            "volumes:\n- name: tls\n  projected:\n    sources:\n    - secret:\n        \
             name: billing-tls\n        items: [{key: tls.crt, path: tls.pem}]\n    \
             - configMap:\n        name: billing-ca\n        items: [{key: ca.crt, path: tls.pem}]\n",
            "",
            "the pod of Deployment billing: the volume tls: its sources write the path tls.pem \
             twice (conflicting duplicate paths): Kubernetes rejects the pod",
        ),
    ] {
        let manifest = good
            .replacen(
                "      containers:\n",
                &format!("{}      containers:\n", indent(pod, 6)),
                1,
            )
            .replacen(
                "          env:\n",
                &format!("{}          env:\n", indent(container, 10)),
                1,
            );
        assert_ne!(manifest, good);
        let run = check(&manifest, &[]);
        assert_eq!(run.code, 78, "{manifest}\n{run:?}");
        assert!(run.stdout.contains(why), "{}", run.stdout);
        assert!(
            run.stdout.ends_with("the container would not start\n"),
            "{}",
            run.stdout
        );
    }
}

/// A StatefulSet's controller adds a volume for each of its
/// `volumeClaimTemplates`: a mount of one is no mount of a volume the pod
/// lacks, and a file on it is the storage's to hold. A volume of no
/// source is an `emptyDir`.
#[test]
fn a_stateful_set_mounts_its_claim_templates() {
    let manifest = |claims: &str| {
        format!(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: billing\nspec:\n  \
             serviceName: billing\n  selector: {{matchLabels: {{app: billing}}}}\n  template:\n    \
             metadata:\n      labels:\n        app: billing\n    spec:\n      \
             enableServiceLinks: false\n      volumes:\n      - name: scratch\n      \
             containers:\n      - name: api\n        image: billing:1.4.2\n        \
             volumeMounts:\n        - {{name: data, mountPath: /var/lib/billing}}\n        \
             - {{name: scratch, mountPath: /tmp}}\n        env:\n{}        - name: PAYMENT_TOKEN_FILE\n          \
             value: /var/lib/billing/token\n{claims}",
            indent(&NEEDED.replacen("- name: PAYMENT_TOKEN\n  valueFrom:\n    secretKeyRef:\n      name: billing-secrets\n      key: payment-token\n", "", 1), 8)
        )
    };
    let claims = "  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      \
                  accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: 1Gi}}\n";
    let run = check(&manifest(claims), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.report_line("PAYMENT_TOKEN").contains(
            "read from /var/lib/billing/token, if it is there: it is in the volume data (of \
             volumeClaimTemplates)"
        ),
        "{}",
        run.stdout
    );
    let run = check(&manifest(""), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout
            .contains("it mounts the volume data, which the pod does not have"),
        "{}",
        run.stdout
    );
}

/// The apiVersion rule is about what the checked container needs: its
/// workload, and the ConfigMaps and Secrets of its namespace. A Service
/// that `kubectl apply` refuses is never made and sets no links (a
/// Service `billing` of v1 would set `BILLING_PORT=tcp://...`); a
/// ConfigMap of another namespace and another workload are no part of the
/// pod, whatever their apiVersion.
#[test]
fn an_api_version_refused_elsewhere_leaves_the_pod_alone() {
    let service = "apiVersion: v1beta1\nkind: Service\nmetadata:\n  name: billing\nspec:\n  \
                   ports:\n  - port: 80\n---\n";
    let run = check(&format!("{service}{}", with_pod("")), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("tcp://"), "{}", run.stdout);
    assert!(!run.stdout.contains("v1beta1"), "{}", run.stdout);

    let elsewhere = "apiVersion: v1beta1\nkind: ConfigMap\nmetadata:\n  name: settings\n  \
                     namespace: other\ndata:\n  BILLING_PORT: '8080'\n---\n";
    // A workload whose namespace is left to `kubectl -n` may be in any.
    let pod = with_pod("enableServiceLinks: false\n").replacen(
        "  name: billing\n",
        "  name: billing\n  namespace: app\n",
        1,
    );
    let run = check(&format!("{elsewhere}{pod}"), &["--strict"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("v1beta1"), "{}", run.stdout);

    let other = "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: report\n\
                 spec:\n  template:\n    spec:\n      containers:\n      - name: api\n        \
                 image: report:1\n---\n";
    let run = check(
        &format!("{other}{pod}"),
        &["--strict", "--container", "billing/api"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("v1beta1"), "{}", run.stdout);
}

/// A Deployment whose `strategy` is `Recreate` and still has the
/// `rollingUpdate` a chart's values left (`ValidateDeploymentStrategy`),
/// and a CronJob whose schedule has four fields: the API server refuses
/// the workload, so no pod ever starts, whatever its environment.
#[test]
fn a_workload_spec_the_api_server_refuses() {
    let good = with_pod("enableServiceLinks: false\n");
    assert_eq!(check(&good, &["--strict"]).code, 0);
    let recreate = good.replacen(
        "spec:\n  selector:",
        "spec:\n  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n  \
         selector:",
        1,
    );
    assert_ne!(recreate, good);
    let run = check(&recreate, &[]);
    assert_eq!(run.code, 78, "{recreate}\n{run:?}");
    assert!(
        run.stdout.contains(
            "deploy.yaml:9: the Deployment billing: its strategy is Recreate and has a \
             rollingUpdate, which only the RollingUpdate strategy takes"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("the container would not start\n"),
        "{}",
        run.stdout
    );
    let cron_job = format!(
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  \
         schedule: '*/5 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          \
         restartPolicy: OnFailure\n          enableServiceLinks: false\n          containers:\n          \
         - name: api\n            image: billing:1.4.2\n            env:\n{}",
        indent(NEEDED, 12)
    );
    let run = check(&cron_job, &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stdout.contains(
            "deploy.yaml:6: the CronJob report: its schedule \"*/5 * * *\" is no cron \
             schedule: it has 4 fields"
        ),
        "{}",
        run.stdout
    );
    let run = check(&cron_job.replace("*/5 * * *", "@every 5m"), &["--strict"]);
    assert_eq!(run.code, 0, "{run:?}");
}
