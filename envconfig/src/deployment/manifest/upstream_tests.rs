//! Kubernetes' own tests of a container's environment, ported: each case is
//! a manifest in, read by the same reader the check uses, and the
//! environment built (each name with its value, or external, unchecked or
//! rejected), or the entry the API server rejects, out. Each case names its
//! upstream test and case.
//!
//! The release followed is Kubernetes v1.32 (RelaxedEnvironmentVariableValidation
//! on, by default since v1.32). Ported, per upstream file:
//!
//! | upstream file | test | ported | left out |
//! | --- | --- | --- | --- |
//! | `pkg/kubelet/kubelet_pods_test.go` | `TestMakeEnvironmentVariables` | 21 | 10 |
//! | `pkg/kubelet/envvars/envvars_test.go` | `TestFromServices` | 5 | 0 |
//! | `third_party/forked/golang/expansion/expand_test.go` | `TestMapReference`, `TestMapping`, `TestMappingDual` | 75 | 0 |
//! | `pkg/apis/core/validation/validation_test.go` | `TestValidateEnv`, `TestRelaxedValidateEnv`, `TestValidateEnvFrom`, `TestRelaxedValidateEnvFrom`, `TestLocalStorageEnvWithFeatureGate`, `TestHugePagesEnv`, `TestValidateInitContainers` | 68 | the cases of strict names (`a!b`, `.`, `..`, `..abc`, the `updateErrorCase`s): v1.32 validates names relaxed, and accepts them |
//! | `staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go` | `TestIsRelaxedEnvVarName`, `TestIsConfigMapKey`, `TestIsDNS1123Subdomain` (as the names of ConfigMap references) | 152 | 0 |
//!
//! Where the check cannot know what the kubelet knows, the expectation is
//! adapted and says so: a Secret's values and the pod's fields are
//! external, and so are the links of the cluster's own `kubernetes`
//! Service when the documents do not have it. Left out of
//! `TestMakeEnvironmentVariables`: the two "services aren't synced" cases
//! (the kubelet's informer, static pods), "api server = Y, kubelet = N"
//! (a kubelet without an API server), "nil_enableServiceLinks" (the API
//! server defaults it to true), and the six cases of a ConfigMap or Secret
//! that is missing from the cluster (`configmap_missing`,
//! `configmap_missing_optional`, `configmapkeyref_missing_optional`,
//! `secret_missing`, `secret_missing_optional`,
//! `secretkeyref_missing_optional`): whether one that is not among the
//! documents exists only the cluster knows, and the check takes it as
//! external.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::env::{Env, Setting};
use super::service_links::CLUSTER_IP;
use super::workload::{self, Manifest};
use super::yaml::Stream;

/// Names and what the environment sets them to.
type Pairs = Vec<(String, Built)>;

/// What the built environment sets a name to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Built {
    Value(String),
    /// Set from outside what is checked (a Secret, the pod's fields, the
    /// cluster's Services).
    External,
    Unchecked,
    /// The API server rejects the entry, or the container cannot start.
    Rejected,
    /// Read from a file of the container that is not there; the container
    /// starts.
    Unreadable,
}

/// The environment of the container `container` (the only one when
/// `None`) of `manifest`, and the errors of the manifest that no variable
/// holds.
struct Environment {
    vars: BTreeMap<String, Built>,
    errors: Vec<String>,
}

impl Environment {
    /// Whether the API server accepts the pod: no error, no entry rejected.
    fn accepted(&self) -> bool {
        self.errors.is_empty() && !self.vars.values().any(|built| *built == Built::Rejected)
    }
}

fn environment(manifest: &str, container: Option<&str>) -> Environment {
    let stream = match Stream::parse(manifest, workload::is_read) {
        Ok(stream) => stream,
        Err(error) => panic!("not YAML: {error:?}\n{manifest}"),
    };
    let Ok(documents) = Manifest::new(&stream) else {
        panic!("a list kubectl refuses\n{manifest}");
    };
    let container = match documents.choose(container) {
        Ok(container) => container,
        Err(why) => panic!("{why}\n{manifest}"),
    };
    let env = Env::build(&documents, container, Arc::from(Path::new("pod.yaml")), &[]);
    let vars = env
        .vars
        .into_iter()
        .map(|(name, var)| {
            let built = match var.setting {
                Setting::Known(value) => Built::Value(value.as_str().to_owned()),
                Setting::External(_) | Setting::Shaped(_) => Built::External,
                Setting::Unchecked(_) => Built::Unchecked,
                Setting::Undeployable(_) => Built::Rejected,
                Setting::Unreadable(_) => Built::Unreadable,
            };
            (name, built)
        })
        .collect();
    let errors = env.facts.unnamed.into_iter().map(|(_, why)| why).collect();
    Environment { vars, errors }
}

/// `text` as a YAML double-quoted scalar.
fn q(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A Pod in `namespace` whose container `c` has `container` (YAML, as
/// under the container's name), with `enableServiceLinks` when given, after
/// `documents`.
fn pod(documents: &str, namespace: &str, links: Option<bool>, container: &str) -> String {
    let links = links.map_or(String::new(), |on| format!("  enableServiceLinks: {on}\n"));
    let container: String = container
        .lines()
        .map(|line| format!("    {line}\n"))
        .collect();
    format!(
        "{documents}apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: {namespace}\n\
         spec:\n{links}  containers:\n  - name: c\n    image: c:1\n{container}"
    )
}

fn value(text: &str) -> Built {
    Built::Value(text.to_owned())
}

/// The environment as a map.
fn env(pairs: &[(&str, Built)]) -> BTreeMap<String, Built> {
    pairs
        .iter()
        .map(|(name, built)| ((*name).to_owned(), built.clone()))
        .collect()
}

/// The links `FromServices` makes of a Service `prefix` with one unnamed
/// TCP port.
fn links(prefix: &str, ip: &str, port: u16) -> Vec<(String, Built)> {
    let url = format!("tcp://{ip}:{port}");
    [
        ("_SERVICE_HOST".to_owned(), ip.to_owned()),
        ("_SERVICE_PORT".to_owned(), port.to_string()),
        ("_PORT".to_owned(), url.clone()),
        (format!("_PORT_{port}_TCP"), url),
        (format!("_PORT_{port}_TCP_PROTO"), "tcp".to_owned()),
        (format!("_PORT_{port}_TCP_PORT"), port.to_string()),
        (format!("_PORT_{port}_TCP_ADDR"), ip.to_owned()),
    ]
    .into_iter()
    .map(|(suffix, text)| (format!("{prefix}{suffix}"), Built::Value(text)))
    .collect()
}

/// The links of the cluster's own `kubernetes` Service when the documents
/// do not have it: its cluster IP only the cluster knows (a shape, not a
/// value here), its port is 443 over TCP in every cluster.
fn cluster_kubernetes() -> Vec<(String, Built)> {
    let url = || Built::Value("tcp://<cluster IP>:443".to_owned());
    let port = || Built::Value("443".to_owned());
    [
        ("KUBERNETES_SERVICE_HOST", Built::External),
        ("KUBERNETES_SERVICE_PORT", port()),
        ("KUBERNETES_SERVICE_PORT_HTTPS", port()),
        ("KUBERNETES_PORT", url()),
        ("KUBERNETES_PORT_443_TCP", url()),
        (
            "KUBERNETES_PORT_443_TCP_PROTO",
            Built::Value("tcp".to_owned()),
        ),
        ("KUBERNETES_PORT_443_TCP_PORT", port()),
        ("KUBERNETES_PORT_443_TCP_ADDR", Built::External),
    ]
    .into_iter()
    .map(|(name, built)| (name.to_owned(), built))
    .collect()
}

fn service(name: &str, namespace: &str, ip: &str, port: u16) -> String {
    format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {namespace}\n\
         spec:\n  clusterIP: {ip}\n  ports:\n  - protocol: TCP\n    port: {port}\n---\n"
    )
}

/// The Services of `TestMakeEnvironmentVariables`, as documents. Upstream's
/// lister also holds, under the names `test` (in `test2`) and `not-special`
/// (in `default`), Services with no cluster IP yet, which the kubelet
/// skips; as documents of the same name they would replace the others
/// (`kubectl apply` keeps the last), so they are left out.
fn make_env_services() -> String {
    [
        service("kubernetes", "default", "1.2.3.1", 8081),
        service("test", "test1", "1.2.3.3", 8083),
        service("kubernetes", "test2", "1.2.3.4", 8084),
        service("test", "test2", "1.2.3.5", 8085),
        service("not-special", "default", "1.2.3.8", 8088),
    ]
    .concat()
}

/// `TestMakeEnvironmentVariables` (`pkg/kubelet/kubelet_pods_test.go`).
#[test]
fn kubelet_make_environment_variables() {
    let services = make_env_services();
    let test_literals = "env:
- {name: FOO, value: BAR}
- {name: TEST_SERVICE_HOST, value: 1.2.3.3}
- {name: TEST_SERVICE_PORT, value: \"8083\"}
- {name: TEST_PORT, value: \"tcp://1.2.3.3:8083\"}
- {name: TEST_PORT_8083_TCP, value: \"tcp://1.2.3.3:8083\"}
- {name: TEST_PORT_8083_TCP_PROTO, value: tcp}
- {name: TEST_PORT_8083_TCP_PORT, value: \"8083\"}
- {name: TEST_PORT_8083_TCP_ADDR, value: 1.2.3.3}
";
    let downward = |fields: &[(&str, &str)]| {
        let mut container = String::from("env:\n");
        for (name, path) in fields {
            container += &format!(
                "- name: {name}\n  valueFrom:\n    fieldRef: {{apiVersion: v1, fieldPath: {path}}}\n"
            );
        }
        container
    };
    let downward_all = downward(&[
        ("POD_NAME", "metadata.name"),
        ("POD_NAMESPACE", "metadata.namespace"),
        ("POD_NODE_NAME", "spec.nodeName"),
        ("POD_SERVICE_ACCOUNT_NAME", "spec.serviceAccountName"),
        ("POD_IP", "status.podIP"),
        ("POD_IPS", "status.podIPs"),
        ("HOST_IP", "status.hostIP"),
        ("HOST_IPS", "status.hostIPs"),
    ]);
    let downward_ips = downward(&[
        ("POD_IP", "status.podIP"),
        ("POD_IPS", "status.podIPs"),
        ("HOST_IP", "status.hostIP"),
        ("HOST_IPS", "status.hostIPs"),
    ]);
    let expansion = |service_var: bool| {
        let mut container = String::from(
            "env:
- {name: TEST_LITERAL, value: test-test-test}
- name: POD_NAME
  valueFrom:
    fieldRef: {apiVersion: v1, fieldPath: metadata.name}
- {name: OUT_OF_ORDER_TEST, value: $(OUT_OF_ORDER_TARGET)}
- {name: OUT_OF_ORDER_TARGET, value: FOO}
- {name: EMPTY_VAR}
- {name: EMPTY_TEST, value: foo-$(EMPTY_VAR)}
- {name: POD_NAME_TEST2, value: test2-$(POD_NAME)}
- {name: POD_NAME_TEST3, value: $(POD_NAME_TEST2)-3}
- {name: LITERAL_TEST, value: literal-$(TEST_LITERAL)}
",
        );
        if service_var {
            container += "- {name: SERVICE_VAR_TEST, value: \"$(TEST_SERVICE_HOST):$(TEST_SERVICE_PORT)\"}\n";
        }
        container + "- {name: TEST_UNDEFINED, value: $(UNDEFINED_VAR)}\n"
    };
    let env_from = |kind: &str, object: &str, prefix: &str| {
        format!(
            "envFrom:
- {kind}: {{name: {object}}}
- prefix: {prefix}
  {kind}: {{name: {object}}}
env:
- {{name: TEST_LITERAL, value: test-test-test}}
- {{name: EXPANSION_TEST, value: $(REPLACE_ME)}}
- {{name: DUPE_TEST, value: ENV_VAR}}
"
        )
    };
    let config_map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-config-map\n  \
                      namespace: test1\ndata:\n  REPLACE_ME: FROM_CONFIG_MAP\n  DUPE_TEST: \
                      CONFIG_MAP\n---\n";
    let secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: test-secret\n  namespace: \
                  test1\ndata:\n  REPLACE_ME: RlJPTV9TRUNSRVQ=\n  DUPE_TEST: U0VDUkVU\n---\n";
    let master = links("KUBERNETES", "1.2.3.1", 8081);
    let test1 = links("TEST", "1.2.3.3", 8083);
    let with = |mut pairs: Vec<(String, Built)>, more: Vec<Vec<(String, Built)>>| {
        for more in more {
            pairs.extend(more);
        }
        pairs.into_iter().collect::<BTreeMap<_, _>>()
    };
    let owned = |pairs: &[(&str, Built)]| -> Vec<(String, Built)> {
        pairs
            .iter()
            .map(|(name, built)| ((*name).to_owned(), built.clone()))
            .collect()
    };
    let literal_env = owned(&[
        ("TEST_LITERAL", value("test-test-test")),
        ("EXPANSION_TEST", value("FROM_CONFIG_MAP")),
        ("DUPE_TEST", value("ENV_VAR")),
        ("REPLACE_ME", value("FROM_CONFIG_MAP")),
    ]);
    let expanded = |service_var: bool| {
        let mut pairs = owned(&[
            ("TEST_LITERAL", value("test-test-test")),
            // The pod's fields are the node's to say.
            ("POD_NAME", Built::External),
            ("POD_NAME_TEST2", Built::External),
            ("POD_NAME_TEST3", Built::External),
            ("LITERAL_TEST", value("literal-test-test-test")),
            ("OUT_OF_ORDER_TEST", value("$(OUT_OF_ORDER_TARGET)")),
            ("OUT_OF_ORDER_TARGET", value("FOO")),
            ("TEST_UNDEFINED", value("$(UNDEFINED_VAR)")),
            ("EMPTY_VAR", value("")),
            ("EMPTY_TEST", value("foo-")),
        ]);
        if service_var {
            pairs.push(("SERVICE_VAR_TEST".to_owned(), value("1.2.3.3:8083")));
        }
        pairs
    };
    let secret_env = owned(&[
        ("TEST_LITERAL", value("test-test-test")),
        // A Secret's values are never read.
        ("REPLACE_ME", Built::External),
        ("EXPANSION_TEST", Built::External),
        ("DUPE_TEST", value("ENV_VAR")),
        ("p_REPLACE_ME", Built::External),
        ("p_DUPE_TEST", Built::External),
    ]);
    let cases: Vec<(&str, String, BTreeMap<String, Built>)> = vec![
        (
            "api server = Y, kubelet = Y",
            pod(&services, "test1", Some(false), test_literals),
            with(
                owned(&[("FOO", value("BAR"))]),
                vec![test1.clone(), master.clone()],
            ),
        ),
        (
            "api server = N; kubelet = Y",
            pod(
                &services,
                "test1",
                Some(false),
                "env:\n- {name: FOO, value: BAZ}\n",
            ),
            with(owned(&[("FOO", value("BAZ"))]), vec![master.clone()]),
        ),
        (
            "api server = N; kubelet = Y; service env vars",
            pod(
                &services,
                "test1",
                Some(true),
                "env:\n- {name: FOO, value: BAZ}\n",
            ),
            with(
                owned(&[("FOO", value("BAZ"))]),
                vec![test1.clone(), master.clone()],
            ),
        ),
        (
            "master service in pod ns",
            pod(
                &services,
                "test2",
                Some(false),
                "env:\n- {name: FOO, value: ZAP}\n",
            ),
            with(owned(&[("FOO", value("ZAP"))]), vec![master.clone()]),
        ),
        (
            "master service in pod ns, service env vars",
            pod(
                &services,
                "test2",
                Some(true),
                "env:\n- {name: FOO, value: ZAP}\n",
            ),
            with(
                owned(&[("FOO", value("ZAP"))]),
                vec![
                    links("TEST", "1.2.3.5", 8085),
                    links("KUBERNETES", "1.2.3.4", 8084),
                ],
            ),
        ),
        (
            "pod in master service ns",
            pod(&services, "default", Some(false), ""),
            with(Vec::new(), vec![master.clone()]),
        ),
        (
            "pod in master service ns, service env vars",
            pod(&services, "default", Some(true), ""),
            with(
                Vec::new(),
                vec![links("NOT_SPECIAL", "1.2.3.8", 8088), master.clone()],
            ),
        ),
        // The three downward API cases: what the node says, external here;
        // their kubelet has no API server, ours the cluster's.
        (
            "downward api pod",
            pod("", "downward-api", Some(false), &downward_all),
            with(
                owned(&[
                    ("POD_NAME", Built::External),
                    ("POD_NAMESPACE", Built::External),
                    ("POD_NODE_NAME", Built::External),
                    ("POD_SERVICE_ACCOUNT_NAME", Built::External),
                    ("POD_IP", Built::External),
                    ("POD_IPS", Built::External),
                    ("HOST_IP", Built::External),
                    ("HOST_IPS", Built::External),
                ]),
                vec![cluster_kubernetes()],
            ),
        ),
        (
            "downward api pod ips reverse order",
            pod("", "downward-api", Some(false), &downward_ips),
            with(
                owned(&[
                    ("POD_IP", Built::External),
                    ("POD_IPS", Built::External),
                    ("HOST_IP", Built::External),
                    ("HOST_IPS", Built::External),
                ]),
                vec![cluster_kubernetes()],
            ),
        ),
        (
            "downward api pod ips multiple ips",
            pod("", "downward-api", Some(false), &downward_ips),
            with(
                owned(&[
                    ("POD_IP", Built::External),
                    ("POD_IPS", Built::External),
                    ("HOST_IP", Built::External),
                    ("HOST_IPS", Built::External),
                ]),
                vec![cluster_kubernetes()],
            ),
        ),
        (
            "env expansion",
            pod(&services, "test1", Some(false), &expansion(false)),
            with(expanded(false), vec![master.clone()]),
        ),
        (
            "env expansion, service env vars",
            pod(&services, "test1", Some(true), &expansion(true)),
            with(expanded(true), vec![test1.clone(), master.clone()]),
        ),
        (
            "configmapkeyref_missing_key_optional",
            pod(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-config-map\ndata:\n  \
                 a: b\n---\n",
                "test",
                Some(false),
                "env:\n- name: POD_NAME\n  valueFrom:\n    configMapKeyRef: {name: \
                 test-config-map, key: key, optional: true}\n",
            ),
            with(Vec::new(), vec![cluster_kubernetes()]),
        ),
        (
            "secretkeyref_missing_key_optional",
            pod(
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: test-secret\ndata:\n  a: \
                 Yg==\n---\n",
                "test",
                Some(false),
                "env:\n- name: POD_NAME\n  valueFrom:\n    secretKeyRef: {name: test-secret, \
                 key: key, optional: true}\n",
            ),
            with(Vec::new(), vec![cluster_kubernetes()]),
        ),
        (
            "configmap",
            pod(
                &format!("{config_map}{services}"),
                "test1",
                Some(false),
                &env_from("configMapRef", "test-config-map", "p_"),
            ),
            with(
                literal_env.clone(),
                vec![
                    owned(&[
                        ("p_REPLACE_ME", value("FROM_CONFIG_MAP")),
                        ("p_DUPE_TEST", value("CONFIG_MAP")),
                    ]),
                    master.clone(),
                ],
            ),
        ),
        (
            "configmap allow prefix to start with a digital",
            pod(
                &format!("{config_map}{services}"),
                "test1",
                Some(false),
                &env_from("configMapRef", "test-config-map", "\"1_\""),
            ),
            with(
                literal_env.clone(),
                vec![
                    owned(&[
                        ("1_REPLACE_ME", value("FROM_CONFIG_MAP")),
                        ("1_DUPE_TEST", value("CONFIG_MAP")),
                    ]),
                    master.clone(),
                ],
            ),
        ),
        (
            "configmap, service env vars",
            pod(
                &format!("{config_map}{services}"),
                "test1",
                Some(true),
                &env_from("configMapRef", "test-config-map", "p_"),
            ),
            with(
                literal_env.clone(),
                vec![
                    owned(&[
                        ("p_REPLACE_ME", value("FROM_CONFIG_MAP")),
                        ("p_DUPE_TEST", value("CONFIG_MAP")),
                    ]),
                    test1.clone(),
                    master.clone(),
                ],
            ),
        ),
        (
            "configmap_invalid_keys_valid",
            pod(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-config-map\ndata:\n  \
                 \"1234\": abc\n---\n",
                "test",
                Some(false),
                "envFrom:\n- prefix: p_\n  configMapRef: {name: test-config-map}\n",
            ),
            with(
                owned(&[("p_1234", value("abc"))]),
                vec![cluster_kubernetes()],
            ),
        ),
        (
            "secret",
            pod(
                &format!("{secret}{services}"),
                "test1",
                Some(false),
                &env_from("secretRef", "test-secret", "p_"),
            ),
            with(secret_env.clone(), vec![master.clone()]),
        ),
        (
            "secret, service env vars",
            pod(
                &format!("{secret}{services}"),
                "test1",
                Some(true),
                &env_from("secretRef", "test-secret", "p_"),
            ),
            with(secret_env.clone(), vec![test1.clone(), master.clone()]),
        ),
        (
            "secret_invalid_keys_valid",
            pod(
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: test-secret\ndata:\n  \
                 1234.name: YWJj\n---\n",
                "test",
                Some(false),
                "envFrom:\n- prefix: p_\n  secretRef: {name: test-secret}\n",
            ),
            with(
                owned(&[("p_1234.name", Built::External)]),
                vec![cluster_kubernetes()],
            ),
        ),
    ];
    assert_eq!(cases.len(), 21);
    for (name, manifest, expected) in cases {
        let built = environment(&manifest, None);
        assert!(built.errors.is_empty(), "{name}: {:?}", built.errors);
        assert_eq!(built.vars, expected, "TestMakeEnvironmentVariables/{name}");
    }
}

/// `TestFromServices` (`pkg/kubelet/envvars/envvars_test.go`): each of its
/// Services, alone in the pod's namespace. Adapted: "q-u-u-x" leaves the
/// first of its two ports unnamed, which the API server refuses
/// (`validateServicePort` wants every port named when there are several),
/// so here that port is named too, and sets its `_SERVICE_PORT_` link.
#[test]
fn kubelet_env_vars_from_services() {
    let spec = |ip: &str, ports: &str| {
        format!("  selector: {{bar: baz}}\n  clusterIP: {ip}\n  ports:\n{ports}")
    };
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, Built)> {
        pairs
            .iter()
            .map(|(name, text)| ((*name).to_owned(), value(text)))
            .collect()
    };
    let cases: Vec<(&str, String, Pairs)> = vec![
        (
            "foo-bar",
            spec("1.2.3.4", "  - {port: 8080, protocol: TCP}\n"),
            links("FOO_BAR", "1.2.3.4", 8080),
        ),
        (
            "abc-123",
            spec(
                "5.6.7.8",
                "  - {name: u-d-p, port: 8081, protocol: UDP}\n  - {name: t-c-p, port: 8081, \
                 protocol: TCP}\n",
            ),
            owned(&[
                ("ABC_123_SERVICE_HOST", "5.6.7.8"),
                ("ABC_123_SERVICE_PORT", "8081"),
                ("ABC_123_SERVICE_PORT_U_D_P", "8081"),
                ("ABC_123_SERVICE_PORT_T_C_P", "8081"),
                ("ABC_123_PORT", "udp://5.6.7.8:8081"),
                ("ABC_123_PORT_8081_UDP", "udp://5.6.7.8:8081"),
                ("ABC_123_PORT_8081_UDP_PROTO", "udp"),
                ("ABC_123_PORT_8081_UDP_PORT", "8081"),
                ("ABC_123_PORT_8081_UDP_ADDR", "5.6.7.8"),
                ("ABC_123_PORT_8081_TCP", "tcp://5.6.7.8:8081"),
                ("ABC_123_PORT_8081_TCP_PROTO", "tcp"),
                ("ABC_123_PORT_8081_TCP_PORT", "8081"),
                ("ABC_123_PORT_8081_TCP_ADDR", "5.6.7.8"),
            ]),
        ),
        (
            "q-u-u-x",
            spec(
                "9.8.7.6",
                "  - {name: \"8082\", port: 8082, protocol: TCP}\n  - {name: \"8083\", port: \
                 8083, protocol: TCP}\n",
            ),
            owned(&[
                ("Q_U_U_X_SERVICE_HOST", "9.8.7.6"),
                ("Q_U_U_X_SERVICE_PORT", "8082"),
                ("Q_U_U_X_SERVICE_PORT_8082", "8082"),
                ("Q_U_U_X_SERVICE_PORT_8083", "8083"),
                ("Q_U_U_X_PORT", "tcp://9.8.7.6:8082"),
                ("Q_U_U_X_PORT_8082_TCP", "tcp://9.8.7.6:8082"),
                ("Q_U_U_X_PORT_8082_TCP_PROTO", "tcp"),
                ("Q_U_U_X_PORT_8082_TCP_PORT", "8082"),
                ("Q_U_U_X_PORT_8082_TCP_ADDR", "9.8.7.6"),
                ("Q_U_U_X_PORT_8083_TCP", "tcp://9.8.7.6:8083"),
                ("Q_U_U_X_PORT_8083_TCP_PROTO", "tcp"),
                ("Q_U_U_X_PORT_8083_TCP_PORT", "8083"),
                ("Q_U_U_X_PORT_8083_TCP_ADDR", "9.8.7.6"),
            ]),
        ),
        (
            "svrc-clusterip-none",
            spec("None", "  - {port: 8082, protocol: TCP}\n"),
            Vec::new(),
        ),
        // Upstream's Service has no cluster IP yet; in a manifest, an empty
        // `clusterIP` is one the API server allocates: the links are set,
        // to what only the cluster knows, in a shape that is known.
        (
            "svrc-clusterip-empty",
            spec("\"\"", "  - {port: 8082, protocol: TCP}\n"),
            links("SVRC_CLUSTERIP_EMPTY", CLUSTER_IP, 8082)
                .into_iter()
                .map(
                    |(name, built)| match name.ends_with("_HOST") || name.ends_with("_ADDR") {
                        true => (name, Built::External),
                        false => (name, built),
                    },
                )
                .collect(),
        ),
    ];
    for (name, spec, expected) in cases {
        let documents =
            format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n{spec}---\n");
        let built = environment(&pod(&documents, "ns", None, ""), None);
        let mut expected: BTreeMap<String, Built> = expected.into_iter().collect();
        expected.extend(cluster_kubernetes());
        assert_eq!(built.vars, expected, "TestFromServices/{name}");
    }
}

/// `doExpansionTest` (`third_party/forked/golang/expansion/expand_test.go`):
/// name, input, expected.
const EXPANSION: &[(&str, &str, &str)] = &[
    ("whole string", "$(VAR_A)", "A"),
    ("repeat", "$(VAR_A)-$(VAR_A)", "A-A"),
    ("beginning", "$(VAR_A)-1", "A-1"),
    ("middle", "___$(VAR_B)___", "___B___"),
    ("end", "___$(VAR_C)", "___C"),
    ("compound", "$(VAR_A)_$(VAR_B)_$(VAR_C)", "A_B_C"),
    ("escape & expand", "$$(VAR_B)_$(VAR_A)", "$(VAR_B)_A"),
    (
        "compound escape",
        "$$(VAR_A)_$$(VAR_B)",
        "$(VAR_A)_$(VAR_B)",
    ),
    ("mixed in escapes", "f000-$$VAR_A", "f000-$VAR_A"),
    ("backslash escape ignored", "foo\\$(VAR_C)bar", "foo\\Cbar"),
    (
        "backslash escape ignored",
        "foo\\\\$(VAR_C)bar",
        "foo\\\\Cbar",
    ),
    (
        "lots of backslashes",
        "foo\\\\\\\\$(VAR_A)bar",
        "foo\\\\\\\\Abar",
    ),
    (
        "nested var references",
        "$(VAR_A$(VAR_B))",
        "$(VAR_A$(VAR_B))",
    ),
    (
        "nested var references second type",
        "$(VAR_A$(VAR_B)",
        "$(VAR_A$(VAR_B)",
    ),
    ("value is a reference", "$(VAR_REF)", "$(VAR_A)"),
    (
        "value is a reference x 2",
        "%%$(VAR_REF)--$(VAR_REF)%%",
        "%%$(VAR_A)--$(VAR_A)%%",
    ),
    ("empty var", "foo$(VAR_EMPTY)bar", "foobar"),
    (
        "unterminated expression",
        "foo$(VAR_Awhoops!",
        "foo$(VAR_Awhoops!",
    ),
    (
        "expression without operator",
        "f00__(VAR_A)__",
        "f00__(VAR_A)__",
    ),
    ("shell special vars pass through", "$?_boo_$!", "$?_boo_$!"),
    ("bare operators are ignored", "$VAR_A", "$VAR_A"),
    (
        "undefined vars are passed through",
        "$(VAR_DNE)",
        "$(VAR_DNE)",
    ),
    (
        "multiple (even) operators, var undefined",
        "$$$$$$(BIG_MONEY)",
        "$$$(BIG_MONEY)",
    ),
    (
        "multiple (even) operators, var defined",
        "$$$$$$(VAR_A)",
        "$$$(VAR_A)",
    ),
    (
        "multiple (odd) operators, var undefined",
        "$$$$$$$(GOOD_ODDS)",
        "$$$$(GOOD_ODDS)",
    ),
    (
        "multiple (odd) operators, var defined",
        "$$$$$$$(VAR_A)",
        "$$$A",
    ),
    ("missing open expression", "$VAR_A)", "$VAR_A)"),
    ("shell syntax ignored", "${VAR_A}", "${VAR_A}"),
    (
        "trailing incomplete expression not consumed",
        "$(VAR_B)_______$(A",
        "B_______$(A",
    ),
    (
        "trailing incomplete expression, no content, is not consumed",
        "$(VAR_C)_______$(",
        "C_______$(",
    ),
    (
        "operator at end of input string is preserved",
        "$(VAR_A)foobarzab$",
        "Afoobarzab$",
    ),
    (
        "shell escaped incomplete expr",
        "foo-\\$(VAR_A",
        "foo-\\$(VAR_A",
    ),
    ("lots of $( in middle", "--$($($($($--", "--$($($($($--"),
    (
        "lots of $( in beginning",
        "$($($($($--foo$(",
        "$($($($($--foo$(",
    ),
    ("lots of $( at end", "foo0--$($($($(", "foo0--$($($($("),
    (
        "escaped operators in variable names are not escaped",
        "$(foo$$var)",
        "$(foo$$var)",
    ),
    ("newline not expanded", "\n", "\n"),
];

/// `TestMapping` and `TestMappingDual`: the table, each input the `value`
/// of an entry below those that set the context. In `TestMapping` the
/// context is `env` entries; in `TestMappingDual`, part of it comes from a
/// ConfigMap through `envFrom`, which `env` entries come after.
/// `VAR_REF`'s value is the text `$(VAR_A)`: written `$$(VAR_A)` in an
/// entry, as is in a ConfigMap.
#[test]
fn expansion_mapping_and_mapping_dual() {
    assert_eq!(EXPANSION.len(), 37);
    let single = "env:
- {name: VAR_A, value: A}
- {name: VAR_B, value: B}
- {name: VAR_C, value: C}
- {name: VAR_REF, value: $$(VAR_A)}
- {name: VAR_EMPTY, value: \"\"}
";
    let config_map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: context2\ndata:\n  \
                      VAR_B: B\n  VAR_C: C\n  VAR_REF: $(VAR_A)\n---\n";
    let dual = "envFrom:
- configMapRef: {name: context2}
env:
- {name: VAR_A, value: A}
- {name: VAR_EMPTY, value: \"\"}
";
    for (test, documents, context) in [
        ("TestMapping", "", single),
        ("TestMappingDual", config_map, dual),
    ] {
        for (name, input, expected) in EXPANSION {
            let container = format!("{context}- {{name: TEST, value: {}}}\n", q(input));
            let built = environment(&pod(documents, "ns", Some(false), &container), None);
            assert_eq!(
                built.vars.get("TEST"),
                Some(&value(expected)),
                "{test}/{name}: {input:?}"
            );
        }
    }
}

/// `TestMapReference`: each entry sees the ones above it, expanded.
#[test]
fn expansion_map_reference() {
    let container = "env:
- {name: FOO, value: bar}
- {name: ZOO, value: $(FOO)-1}
- {name: BLU, value: $(ZOO)-2}
";
    let built = environment(&pod("", "ns", Some(false), container), None);
    let mut expected = env(&[
        ("FOO", value("bar")),
        ("ZOO", value("bar-1")),
        ("BLU", value("bar-1-2")),
    ]);
    expected.extend(cluster_kubernetes());
    assert_eq!(built.vars, expected, "TestMapReference");
}

/// An `env` entry under the name `name`, or `entry` (YAML, as a flow
/// mapping's content after the name) when it is given.
fn accepts(entry: &str) -> bool {
    let container = format!("env:\n- {{{entry}}}\n");
    environment(&pod("", "ns", None, &container), None).accepted()
}

fn accepts_env_from(entry: &str) -> bool {
    let container = format!("envFrom:\n- {{{entry}}}\n");
    environment(&pod("", "ns", None, &container), None).accepted()
}

/// The `valueFrom` of an entry named `abc`.
fn from(source: &str) -> String {
    format!("name: abc, valueFrom: {{{source}}}")
}

fn field_ref(path: &str) -> String {
    from(&format!(
        "fieldRef: {{apiVersion: v1, fieldPath: {}}}",
        q(path)
    ))
}

/// `TestValidateEnv` and `TestRelaxedValidateEnv`
/// (`pkg/apis/core/validation/validation_test.go`): what the API server
/// accepts in an `env` entry, and what it rejects.
#[test]
fn api_server_validate_env() {
    let secret_ref = from("secretKeyRef: {name: some-secret, key: secret-key}");
    let config_map_ref = from("configMapKeyRef: {name: some-config-map, key: some-key}");
    let relaxed_names = [
        "!\"#$%&'()",
        "* +,-./0123456789",
        ":;<>?@",
        "ABCDEFG",
        "abcdefghijklmn",
        "[\\]^_`{}|~",
    ];
    let mut accepted: Vec<(&str, String)> = vec![
        // TestValidateEnv: successCase.
        ("TestValidateEnv/abc", "name: abc, value: value".into()),
        ("TestValidateEnv/ABC", "name: ABC, value: value".into()),
        (
            "TestValidateEnv/AbC_123",
            "name: AbC_123, value: value".into(),
        ),
        ("TestValidateEnv/abc empty", "name: abc, value: \"\"".into()),
        ("TestValidateEnv/a.b.c", "name: a.b.c, value: value".into()),
        ("TestValidateEnv/a-b-c", "name: a-b-c, value: value".into()),
    ];
    for name in relaxed_names {
        // TestRelaxedValidateEnv: successCase, the names.
        accepted.push((
            "TestRelaxedValidateEnv/name",
            format!("name: {}, value: value", q(name)),
        ));
    }
    for path in [
        "metadata.annotations['key']",
        "metadata.labels['key']",
        "metadata.name",
        "metadata.namespace",
        "metadata.uid",
        "spec.nodeName",
        "spec.serviceAccountName",
        "status.hostIP",
        "status.podIP",
        "status.podIPs",
    ] {
        // TestRelaxedValidateEnv: successCase, the fieldRefs.
        accepted.push(("TestRelaxedValidateEnv/fieldRef", field_ref(path)));
    }
    accepted.push(("TestRelaxedValidateEnv/secretKeyRef", secret_ref.clone()));
    accepted.push((
        "TestRelaxedValidateEnv/configMapKeyRef",
        config_map_ref.clone(),
    ));
    // "missing APIVersion on ObjectFieldSelector": upstream validates the
    // internal object; the API server first defaults a v1 object's
    // `apiVersion` to v1, so a manifest without one is accepted.
    accepted.push((
        "TestRelaxedValidateEnv/missing APIVersion on ObjectFieldSelector (defaulted)",
        from("fieldRef: {fieldPath: metadata.name}"),
    ));
    for (case, entry) in &accepted {
        assert!(accepts(entry), "{case}: {entry}");
    }
    assert_eq!(accepted.len(), 25);

    let rejected: Vec<(&str, String)> = vec![
        ("illegal character", "name: \"=abc\"".into()),
        ("zero-length name", "name: \"\"".into()),
        (
            "value and valueFrom specified",
            "name: abc, value: foo, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: \
             metadata.name}}"
                .into(),
        ),
        ("valueFrom without a source", from("")),
        (
            "valueFrom.fieldRef and valueFrom.secretKeyRef specified",
            from(
                "fieldRef: {apiVersion: v1, fieldPath: metadata.name}, secretKeyRef: {name: \
                 a-secret, key: a-key}",
            ),
        ),
        (
            "valueFrom.fieldRef and valueFrom.configMapKeyRef set",
            from(
                "fieldRef: {apiVersion: v1, fieldPath: metadata.name}, configMapKeyRef: {name: \
                 some-config-map, key: some-key}",
            ),
        ),
        (
            "valueFrom.fieldRef and valueFrom.secretKeyRef specified (three)",
            from(
                "fieldRef: {apiVersion: v1, fieldPath: metadata.name}, secretKeyRef: {name: \
                 a-secret, key: a-key}, configMapKeyRef: {name: some-config-map, key: \
                 some-key}",
            ),
        ),
        (
            "valueFrom.secretKeyRef.name invalid",
            from("secretKeyRef: {name: \"$%^&*#\", key: a-key}"),
        ),
        (
            "valueFrom.configMapKeyRef.name invalid",
            from("configMapKeyRef: {name: \"$%^&*#\", key: some-key}"),
        ),
        (
            "missing FieldPath on ObjectFieldSelector",
            from("fieldRef: {apiVersion: v1}"),
        ),
        ("invalid fieldPath", field_ref("metadata.whoops")),
        (
            "metadata.name with subscript",
            field_ref("metadata.name['key']"),
        ),
        (
            "metadata.labels without subscript",
            field_ref("metadata.labels"),
        ),
        (
            "metadata.annotations without subscript",
            field_ref("metadata.annotations"),
        ),
        (
            "metadata.annotations with invalid key",
            field_ref("metadata.annotations['invalid~key']"),
        ),
        (
            "metadata.labels with invalid key",
            field_ref("metadata.labels['Www.k8s.io/test']"),
        ),
        ("unsupported fieldPath", field_ref("status.phase")),
    ];
    for (case, entry) in &rejected {
        assert!(!accepts(entry), "TestRelaxedValidateEnv/{case}: {entry}");
    }
    assert_eq!(rejected.len(), 17);
}

/// `TestValidateEnvFrom` and `TestRelaxedValidateEnvFrom`.
#[test]
fn api_server_validate_env_from() {
    let accepted = [
        // TestValidateEnvFrom: successCase.
        "configMapRef: {name: abc}",
        "prefix: pre_, configMapRef: {name: abc}",
        "prefix: a.b, configMapRef: {name: abc}",
        "secretRef: {name: abc}",
        "prefix: pre_, secretRef: {name: abc}",
        "prefix: a.b, secretRef: {name: abc}",
        // TestRelaxedValidateEnvFrom: successCase.
        "configMapRef: {name: abc}",
        "prefix: \"!\\\"#$%&'()\", configMapRef: {name: abc}",
        "prefix: \"* +,-./0123456789\", configMapRef: {name: abc}",
        "secretRef: {name: abc}",
        "prefix: \":;<>?@\", secretRef: {name: abc}",
        "prefix: \"[\\\\]^_`{}|~\", secretRef: {name: abc}",
    ];
    for (at, entry) in accepted.into_iter().enumerate() {
        let test = match at < 6 {
            true => "TestValidateEnvFrom",
            false => "TestRelaxedValidateEnvFrom",
        };
        assert!(accepts_env_from(entry), "{test}/successCase: {entry}");
    }
    let rejected = [
        ("zero-length name", "configMapRef: {name: \"\"}"),
        (
            "invalid prefix",
            "prefix: \"=abc\", configMapRef: {name: abc}",
        ),
        ("zero-length name", "secretRef: {name: \"\"}"),
        ("invalid name", "secretRef: {name: \"&\"}"),
        ("no refs", "prefix: a"),
        (
            "multiple refs",
            "secretRef: {name: abc}, configMapRef: {name: abc}",
        ),
        ("invalid secret ref name", "secretRef: {name: \"$%^&*#\"}"),
        (
            "invalid config ref name",
            "configMapRef: {name: \"$%^&*#\"}",
        ),
    ];
    for (case, entry) in rejected {
        assert!(
            !accepts_env_from(entry),
            "TestRelaxedValidateEnvFrom/{case}: {entry}"
        );
    }
}

/// `TestLocalStorageEnvWithFeatureGate` and `TestHugePagesEnv`: the
/// resources a `resourceFieldRef` may read.
#[test]
fn api_server_resource_field_refs() {
    for resource in [
        "limits.ephemeral-storage",
        "requests.ephemeral-storage",
        "limits.hugepages-2Mi",
        "requests.hugepages-2Mi",
    ] {
        let entry = from(&format!(
            "resourceFieldRef: {{containerName: test-container, resource: {resource}}}"
        ));
        let test = match resource.contains("hugepages") {
            true => "TestHugePagesEnv",
            false => "TestLocalStorageEnvWithFeatureGate",
        };
        assert!(accepts(&entry), "{test}: {resource}");
    }
}

/// `TestValidateInitContainers`: "name collision with regular container"
/// and "duplicate names": the manifest is invalid, whichever container is
/// checked.
#[test]
fn api_server_duplicate_container_names() {
    for (case, init) in [
        (
            "name collision with regular container",
            "  - {name: app, image: image}\n",
        ),
        (
            "duplicate names",
            "  - {name: init, image: image}\n  - {name: init, image: image}\n",
        ),
    ] {
        let manifest = format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n{init}  \
             containers:\n  - {{name: app, image: nginx}}\n"
        );
        let built = environment(&manifest, Some("app"));
        assert!(
            built
                .errors
                .iter()
                .any(|error| error.contains("container names are unique in a pod")),
            "TestValidateInitContainers/{case}: {:?}",
            built.errors
        );
    }
}

/// `TestIsRelaxedEnvVarName`
/// (`staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go`):
/// each name as an `env` entry's.
#[test]
fn apimachinery_is_relaxed_env_var_name() {
    let good = [
        "-", ":", "_", "+a", ">a", "<a", "a.", "a..", "*a", "%a", "?a", "a:a", "a_a", "aAz", "~a",
        "|a", "a0a", "a9", "/a", "a ", "#a", "0a", "0 a", "'a", "(a", "@a",
    ];
    let bad = [
        "",
        "=",
        "a=",
        "1=a",
        "a=b",
        "#%=&&",
        "\u{1}abc",
        "\u{82}abc",
        "Ç ç",
        "Ä ä",
        "Ñ ñ",
        "Ø ø",
    ];
    assert_eq!((good.len(), bad.len()), (26, 12));
    for name in good {
        let entry = format!("name: {}, value: v", q(name));
        assert!(
            accepts(&entry),
            "TestIsRelaxedEnvVarName/goodValues: {name:?}"
        );
    }
    for name in bad {
        let entry = format!("name: {}, value: v", q(name));
        assert!(
            !accepts(&entry),
            "TestIsRelaxedEnvVarName/badValues: {name:?}"
        );
    }
}

/// `TestIsConfigMapKey`: each key as a `configMapKeyRef`'s (and a
/// `secretKeyRef`'s).
#[test]
fn apimachinery_is_config_map_key() {
    let good = [
        "a",
        "good",
        "good-good",
        "still.good",
        "this.is.also.good",
        ".so.is.this",
        "THIS_IS_GOOD",
        "so_is_this_17",
    ];
    let bad = [".", "..", "..bad", "b*d", "bad!&bad"];
    for (keys, accepted) in [(&good[..], true), (&bad[..], false)] {
        for key in keys {
            for kind in ["configMapKeyRef", "secretKeyRef"] {
                let entry = from(&format!("{kind}: {{name: cm, key: {}}}", q(key)));
                let case = if accepted {
                    "successCases"
                } else {
                    "failureCases"
                };
                assert_eq!(
                    accepts(&entry),
                    accepted,
                    "TestIsConfigMapKey/{case}: {kind} {key:?}"
                );
            }
        }
    }
}

/// `TestIsDNS1123Subdomain`: each name as the name of a `configMapKeyRef`
/// and of an `envFrom`'s `configMapRef`, which the API server validates as
/// a ConfigMap's name (`ValidateConfigMapName`, a DNS-1123 subdomain).
#[test]
fn apimachinery_is_dns1123_subdomain() {
    let long_good = "a".repeat(253);
    let long_bad = "a".repeat(254);
    let good: Vec<&str> = [
        "a",
        "ab",
        "abc",
        "a1",
        "a-1",
        "a--1--2--b",
        "0",
        "01",
        "012",
        "1a",
        "1-a",
        "1--a--b--2",
        "a.a",
        "ab.a",
        "abc.a",
        "a1.a",
        "a-1.a",
        "a--1--2--b.a",
        "a.1",
        "ab.1",
        "abc.1",
        "a1.1",
        "a-1.1",
        "a--1--2--b.1",
        "0.a",
        "01.a",
        "012.a",
        "1a.a",
        "1-a.a",
        "1--a--b--2",
        "0.1",
        "01.1",
        "012.1",
        "1a.1",
        "1-a.1",
        "1--a--b--2.1",
        "a.b.c.d.e",
        "aa.bb.cc.dd.ee",
        "1.2.3.4.5",
        "11.22.33.44.55",
    ]
    .into_iter()
    .chain([long_good.as_str()])
    .collect();
    let bad: Vec<&str> = [
        "",
        "A",
        "ABC",
        "aBc",
        "A1",
        "A-1",
        "1-A",
        "-",
        "a-",
        "-a",
        "1-",
        "-1",
        "_",
        "a_",
        "_a",
        "a_b",
        "1_",
        "_1",
        "1_2",
        ".",
        "a.",
        ".a",
        "a..b",
        "1.",
        ".1",
        "1..2",
        " ",
        "a ",
        " a",
        "a b",
        "1 ",
        " 1",
        "1 2",
        "A.a",
        "aB.a",
        "ab.A",
        "A1.a",
        "a1.A",
        "A.1",
        "aB.1",
        "A1.1",
        "1A.1",
        "0.A",
        "01.A",
        "012.A",
        "1A.a",
        "1a.A",
        "A.B.C.D.E",
        "AA.BB.CC.DD.EE",
        "a.B.c.d.e",
        "aa.bB.cc.dd.ee",
        "a@b",
        "a,b",
        "a_b",
        "a;b",
        "a:b",
        "a%b",
        "a?b",
        "a$b",
    ]
    .into_iter()
    .chain([long_bad.as_str()])
    .collect();
    assert_eq!((good.len(), bad.len()), (41, 60));
    for (names, accepted) in [(&good, true), (&bad, false)] {
        let case = if accepted { "goodValues" } else { "badValues" };
        for name in names {
            let key_ref = from(&format!("configMapKeyRef: {{name: {}, key: k}}", q(name)));
            assert_eq!(
                accepts(&key_ref),
                accepted,
                "TestIsDNS1123Subdomain/{case}: configMapKeyRef {name:?}"
            );
            let env_from = format!("configMapRef: {{name: {}}}", q(name));
            assert_eq!(
                accepts_env_from(&env_from),
                accepted,
                "TestIsDNS1123Subdomain/{case}: envFrom {name:?}"
            );
        }
    }
}
