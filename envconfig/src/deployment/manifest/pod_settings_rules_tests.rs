//! A pod's own settings as `ValidatePodSpec` (v1.32) takes them. Ported
//! cases, of `pkg/apis/core/validation/validation_test.go` and
//! `pkg/apis/core/v1/validation/validation_test.go`: `TestValidatePodSpec`
//! ("bad DNS policy", "bad service account name", "with hostNetwork hostPort
//! not equal to containerPort", "bad-active-deadline-seconds", and the
//! success case of a host network port without a host port);
//! `TestAccumulateUniqueHostPorts` ("HostPort is not allocated while
//! containers use the same port with different protocol", "HostPort is
//! not allocated while containers use different ports", "HostPort is
//! already allocated"); `TestValidateTolerations` (an invalid key, a value
//! with `Exists`, no key without `Exists`, `tolerationSeconds` without
//! `NoExecute`, an unknown operator and effect); `TestValidatePodDNSConfig`
//! (`None` without a config or without nameservers, four nameservers);
//! `TestValidateLabels` for `nodeSelector`.

use super::refused;
use crate::deployment::manifest::pod_spec_rules::tests::parsed_spec;

/// The reasons the API server refuses the settings of the pod spec `spec`
/// (YAML, as under `spec:`), of a template, or of a bare Pod when `bare`.
fn reasons_of(spec: &str, bare: bool) -> Vec<String> {
    let (stream, pod) = parsed_spec(spec);
    refused(&stream, pod, bare)
        .into_iter()
        .map(|(_, why)| why)
        .collect()
}

fn reasons(spec: &str) -> Vec<String> {
    reasons_of(spec, false)
}

fn accepted(spec: &str) {
    assert_eq!(reasons(spec), Vec::<String>::new(), "{spec}");
}

fn refused_for(spec: &str, why: &str) {
    let found = reasons(spec);
    assert_eq!(found.len(), 1, "{spec}: {found:?}");
    assert!(found[0].contains(why), "{found:?}\nexpected: {why}");
}

/// Two containers of one port each (as under `ports:`).
fn two(first: &str, second: &str) -> String {
    format!("containers:\n- name: a\n  ports:\n  - {first}\n- name: b\n  ports:\n  - {second}\n")
}

#[test]
fn host_ports_are_taken_once() {
    // "HostPort is not allocated while containers use the same port with
    // different protocol", "... use different ports".
    accepted(&two(
        "{hostPort: 8080, containerPort: 80, protocol: UDP}",
        "{hostPort: 8080, containerPort: 80}",
    ));
    accepted(&two(
        "{hostPort: 8080, containerPort: 80, protocol: UDP}",
        "{hostPort: 8081, containerPort: 80, protocol: UDP}",
    ));
    // Another host IP is another port; no host port is none.
    accepted(&two(
        "{hostPort: 80, containerPort: 80, hostIP: 10.0.0.1}",
        "{hostPort: 80, containerPort: 80, hostIP: 10.0.0.2}",
    ));
    accepted(&two("{containerPort: 80}", "{containerPort: 80}"));
    // "HostPort is already allocated"; TCP is the default protocol.
    refused_for(
        &two(
            "{hostPort: 8080, containerPort: 80}",
            "{hostPort: 8080, containerPort: 81, protocol: TCP}",
        ),
        "two ports of its containers take the host port 8080/TCP",
    );
    refused_for(
        "containers:\n- name: a\n  ports:\n  - {hostPort: 53, containerPort: 53, protocol: UDP}\n  \
         - {hostPort: 53, containerPort: 5353, protocol: UDP}\n",
        "the host port 53/UDP",
    );
    // Init containers are not counted with the containers.
    accepted(
        "initContainers:\n- name: i\n  ports:\n  - {hostPort: 80, containerPort: 80}\n\
         containers:\n- name: a\n  ports:\n  - {hostPort: 80, containerPort: 80}\n",
    );
}

#[test]
fn on_the_host_network_a_host_port_is_the_container_port() {
    let host = |ports: &str| format!("hostNetwork: true\n{ports}");
    // The success case: no host port, in a template and in a Pod (whose
    // host port defaults to the container port).
    accepted(&host(&two(
        "{containerPort: 12345}",
        "{containerPort: 12346}",
    )));
    assert!(
        reasons_of(
            &host(&two("{containerPort: 1}", "{containerPort: 2}")),
            true
        )
        .is_empty()
    );
    accepted(&host(&two(
        "{hostPort: 9000, containerPort: 9000}",
        "{containerPort: 9001}",
    )));
    // "with hostNetwork hostPort not equal to containerPort".
    refused_for(
        &host("containers:\n- name: a\n  ports:\n  - {hostPort: 8080, containerPort: 2600}\n"),
        "its hostPort 8080 is not its containerPort 2600",
    );
    // A Pod's defaulted host ports collide where a template's do not.
    let same = host(&two("{containerPort: 80}", "{containerPort: 80}"));
    accepted(&same);
    let found = reasons_of(&same, true);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("the host port 80/TCP"), "{found:?}");
}

#[test]
fn dns_policies_as_the_api_server_takes_them() {
    for policy in ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "''"] {
        accepted(&format!("dnsPolicy: {policy}\n"));
    }
    accepted("dnsPolicy: None\ndnsConfig:\n  nameservers: [1.1.1.1]\n");
    // "bad DNS policy".
    refused_for(
        "dnsPolicy: invalid\n",
        "its dnsPolicy is invalid, where Kubernetes takes only ClusterFirstWithHostNet",
    );
    refused_for("dnsPolicy: clusterFirst\n", "its dnsPolicy is clusterFirst");
    refused_for(
        "dnsPolicy: None\n",
        "its dnsPolicy is None, which needs a dnsConfig",
    );
    refused_for(
        "dnsPolicy: None\ndnsConfig:\n  searches: [a.example]\n",
        "its dnsConfig names no nameservers",
    );
    refused_for(
        "dnsConfig:\n  nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4]\n",
        "its dnsConfig names 4 nameservers, where 3 is the most",
    );
}

/// `TestValidateTolerations`.
#[test]
fn tolerations_as_the_api_server_takes_them() {
    for toleration in [
        "{key: foo, operator: Exists, effect: NoSchedule}",
        "{key: foo, operator: Equal, value: bar, effect: NoSchedule}",
        "{key: foo, value: bar}",
        "{operator: Exists}",
        "{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}",
        "{key: foo, operator: Exists, effect: PreferNoSchedule}",
        "{key: foo, operator: Equal, value: ''}",
        // A negative tolerationSeconds is taken (as 0).
        "{key: foo, operator: Exists, effect: NoExecute, tolerationSeconds: -2}",
    ] {
        accepted(&format!("tolerations:\n- {toleration}\n"));
    }
    for (toleration, why) in [
        (
            "{key: 'nospecialchars^=@', operator: Equal, value: bar}",
            "has a key that is no label name",
        ),
        (
            "{key: foo, operator: Exists, value: bar}",
            "has the operator Exists and a value",
        ),
        (
            "{operator: Equal, value: bar}",
            "has no key, which only the operator Exists takes",
        ),
        ("{value: bar}", "has no key"),
        (
            "{key: foo, operator: Exists, effect: NoSchedule, tolerationSeconds: 20}",
            "has tolerationSeconds, which only the effect NoExecute takes",
        ),
        (
            "{key: foo, operator: In, value: bar}",
            "has the operator In, where Kubernetes takes only Equal or Exists",
        ),
        ("{key: foo, operator: exists}", "has the operator exists"),
        (
            "{key: foo, operator: Exists, effect: NoScheduleNoAdmit}",
            "has the effect NoScheduleNoAdmit",
        ),
        (
            "{key: foo, value: 'bad value!'}",
            "has the value bad value!, which is no label value",
        ),
    ] {
        refused_for(&format!("tolerations:\n- {toleration}\n"), why);
    }
}

/// `TestValidateLabels`, for `nodeSelector`.
#[test]
fn a_node_selector_is_labels() {
    accepted("nodeSelector:\n  kubernetes.io/os: linux\n  disktype: ssd\n  empty: ''\n");
    refused_for(
        "nodeSelector:\n  'bad key': ssd\n",
        "its nodeSelector key bad key is no label name",
    );
    refused_for(
        "nodeSelector:\n  disktype: 'a b'\n",
        "its nodeSelector's disktype is a b, which is no label value",
    );
    refused_for(
        "nodeSelector:\n  gpu: true\n",
        "its nodeSelector's gpu is a YAML boolean, not a string (quote it)",
    );
    refused_for("nodeSelector:\n  zone: 1\n", "not a string (quote it)");
    refused_for(
        "nodeSelector: linux\n",
        "its nodeSelector is a string, not a mapping",
    );
}

#[test]
fn names_and_deadlines_of_a_pod() {
    accepted(
        "serviceAccountName: billing.api\nnodeName: node-1\npriorityClassName: high\n\
         hostname: api-0\nsubdomain: billing\nactiveDeadlineSeconds: 1\n",
    );
    // An entry without a name is a warning, not an error.
    accepted("imagePullSecrets:\n- name: ''\n- {}\n- name: regcred\n");
    // A negative grace period is taken.
    accepted("terminationGracePeriodSeconds: -1\n");
    // "bad service account name".
    refused_for(
        "serviceAccountName: invalidName\n",
        "its serviceAccountName invalidName is no DNS subdomain",
    );
    refused_for(
        "serviceAccount: Bad_Name\n",
        "its serviceAccount Bad_Name is no DNS subdomain",
    );
    // The deprecated field is read only when the other is empty.
    accepted("serviceAccountName: good\nserviceAccount: Bad_Name\n");
    refused_for(
        "priorityClassName: High\n",
        "its priorityClassName High is no DNS subdomain",
    );
    refused_for(
        "nodeName: node_1\n",
        "its nodeName node_1 is no DNS subdomain",
    );
    refused_for(
        "hostname: api.0\n",
        "its hostname api.0 is no DNS-1123 label",
    );
    refused_for(
        "subdomain: Billing\n",
        "its subdomain Billing is no DNS-1123 label",
    );
    // "bad-active-deadline-seconds".
    refused_for(
        "activeDeadlineSeconds: 0\n",
        "its activeDeadlineSeconds 0 is not between 1 and 2147483647",
    );
    refused_for(
        "activeDeadlineSeconds: 2147483648\n",
        "is not between 1 and 2147483647",
    );
    refused_for(
        "imagePullSecrets:\n- regcred\n",
        "an imagePullSecrets entry is a string, not a mapping",
    );
}
