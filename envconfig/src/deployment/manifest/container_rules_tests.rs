//! A container's probes, lifecycle hooks, restartPolicy and policies as
//! the API server takes them, through the pod spec check. Ported cases, of
//! `pkg/apis/core/validation/validation_test.go`: `TestValidateProbe`,
//! `Test_validateProbe` (its cases have no names: each is named here by
//! what it sets), `TestValidateHandler`, `TestValidatePullPolicy`,
//! `TestValidateSleepAction`, and the cases of `TestValidateContainers`
//! and `TestValidateInitContainers` about these fields. Upstream tests
//! the internal object, which no defaults have reached: of its refusals,
//! "invalid lifecycle, no http path.", "invalid lifecycle, no http
//! scheme." and "empty message termination policy" are accepted here,
//! where the v1 defaults set `/`, `HTTP` and `File` first.

// The pod spec's reasons, as the pod spec rules' tests take them: these
// rules are called from there.
use crate::deployment::manifest::pod_spec_rules::tests::reasons;

/// `text` with every line indented by `by` spaces.
fn indent(text: &str, by: usize) -> String {
    text.lines()
        .map(|line| format!("{:by$}{line}\n", ""))
        .collect()
}

/// The reasons of a pod whose one container `api` has `fields` (as under
/// `- name: api`), each without the container's name.
fn container(fields: &str) -> Vec<String> {
    let spec = format!(
        "containers:\n- name: api\n  image: api:1\n{}",
        indent(fields, 2)
    );
    reasons(&spec)
        .into_iter()
        .map(|why| why.replacen("the container api: ", "", 1))
        .collect()
}

/// The reasons of a pod whose init container `init` has `fields`.
fn init(fields: &str) -> Vec<String> {
    let spec = format!(
        "initContainers:\n- name: init\n  image: init:1\n{}containers:\n- name: api\n  image: api:1\n",
        indent(fields, 2)
    );
    reasons(&spec)
        .into_iter()
        .map(|why| why.replacen("the container init: ", "", 1))
        .collect()
}

/// A probe at `key` with `fields`.
fn probe(key: &str, fields: &str) -> String {
    format!("{key}:\n{}", indent(fields, 2))
}

const EXEC: &str = "exec: {command: [echo]}\n";
const TCP: &str = "tcpSocket: {port: 80}\n";

#[test]
fn probes_as_validate_probe_takes_them() {
    // TestValidateProbe: each field set to 10, as a readinessProbe (a
    // liveness or startup probe takes only a successThreshold of 1).
    let fields = [
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ];
    for field in fields {
        let fields = format!("{EXEC}{field}: 10\n");
        let reasons = container(&probe("readinessProbe", &fields));
        assert_eq!(
            reasons,
            Vec::<String>::new(),
            "TestValidateProbe/{field} 10"
        );
        let fields = format!("{EXEC}{field}: -10\n");
        let reasons = container(&probe("readinessProbe", &fields));
        let why = format!("its readinessProbe's {field} -10 is negative");
        assert_eq!(reasons, [why], "TestValidateProbe/{field} -10");
    }
    assert_eq!(
        container(&probe(
            "readinessProbe",
            "timeoutSeconds: 10\ninitialDelaySeconds: 10\n"
        )),
        ["its readinessProbe has no handler (one of exec, httpGet, tcpSocket, grpc)"],
        "TestValidateProbe/no handler"
    );
    // Test_validateProbe, as a livenessProbe (a successThreshold of -1 is
    // also none of 1).
    for (case, fields, expected) in [
        (
            "no handler",
            "",
            &["its livenessProbe has no handler (one of exec, httpGet, tcpSocket, grpc)"][..],
        ),
        ("exec", EXEC, &[]),
        (
            "initialDelaySeconds -1",
            "initialDelaySeconds: -1",
            &["its livenessProbe's initialDelaySeconds -1 is negative"],
        ),
        (
            "timeoutSeconds -1",
            "timeoutSeconds: -1",
            &["its livenessProbe's timeoutSeconds -1 is negative"],
        ),
        (
            "periodSeconds -1",
            "periodSeconds: -1",
            &["its livenessProbe's periodSeconds -1 is negative"],
        ),
        (
            "successThreshold -1",
            "successThreshold: -1",
            &[
                "its livenessProbe's successThreshold -1 is negative",
                "its livenessProbe's successThreshold is -1, where a livenessProbe takes only 1",
            ],
        ),
        (
            "failureThreshold -1",
            "failureThreshold: -1",
            &["its livenessProbe's failureThreshold -1 is negative"],
        ),
        (
            "terminationGracePeriodSeconds -1",
            "terminationGracePeriodSeconds: -1",
            &["its livenessProbe's terminationGracePeriodSeconds -1 is not above 0"],
        ),
        (
            "terminationGracePeriodSeconds 0",
            "terminationGracePeriodSeconds: 0",
            &["its livenessProbe's terminationGracePeriodSeconds 0 is not above 0"],
        ),
        (
            "terminationGracePeriodSeconds 1",
            "terminationGracePeriodSeconds: 1",
            &[],
        ),
    ] {
        let fields = match case {
            "no handler" => "successThreshold: 1\n".to_owned(),
            _ => format!("{EXEC}{fields}\n"),
        };
        let reasons = container(&probe("livenessProbe", &fields));
        assert_eq!(reasons, expected, "Test_validateProbe/{case}");
    }
}

#[test]
fn handlers_as_validate_handler_takes_them() {
    for handler in [
        "exec: {command: [echo]}",
        "httpGet: {path: /, port: 1, host: '', scheme: HTTP}",
        "httpGet: {path: /foo, port: 65535, host: host, scheme: HTTP}",
        "httpGet: {path: /, port: port, host: '', scheme: HTTP}",
        "httpGet: {path: /, port: port, scheme: HTTP, httpHeaders: [{name: Host, value: foo.example.com}]}",
        "httpGet: {path: /, port: port, scheme: HTTP, httpHeaders: [{name: X-Forwarded-For, value: 1.2.3.4}, {name: X-Forwarded-For, value: 5.6.7.8}]}",
    ] {
        let reasons = container(&probe("readinessProbe", handler));
        assert_eq!(
            reasons,
            Vec::<String>::new(),
            "TestValidateHandler: {handler}"
        );
    }
    let of = "its readinessProbe";
    for (handler, why) in [
        (
            "{}",
            format!("{of} has no handler (one of exec, httpGet, tcpSocket, grpc)"),
        ),
        ("exec: {command: []}", format!("{of}'s exec has no command")),
        (
            "httpGet: {path: '', port: 0, host: ''}",
            format!("{of}'s httpGet port 0 is not between 1 and 65535"),
        ),
        (
            "httpGet: {path: /foo, port: 65536, host: host}",
            format!("{of}'s httpGet port 65536 is not between 1 and 65535"),
        ),
        (
            "httpGet: {path: '', port: '', host: ''}",
            format!(
                "{of}'s httpGet port is empty, and neither a port number nor a port name (at most 15 lowercase letters, digits and `-`, at least one letter; a quoted number is a name)"
            ),
        ),
        (
            "httpGet: {path: /, port: port, scheme: HTTP, httpHeaders: [{name: 'Host:', value: foo.example.com}]}",
            format!(
                "{of}'s httpGet header name Host: is no HTTP header name (letters, digits and `-`)"
            ),
        ),
        (
            "httpGet: {path: /, port: port, scheme: HTTP, httpHeaders: [{name: X_Forwarded_For, value: foo.example.com}]}",
            format!(
                "{of}'s httpGet header name X_Forwarded_For is no HTTP header name (letters, digits and `-`)"
            ),
        ),
    ] {
        let fields = match handler {
            "{}" => "periodSeconds: 5".to_owned(),
            _ => handler.to_owned(),
        };
        let reasons = container(&probe("readinessProbe", &fields));
        assert_eq!(reasons, [why], "TestValidateHandler: {handler}");
    }
}

/// Not upstream cases: what a rendered chart writes, as the API server
/// decodes it (a quoted port is a name; a named port need not be one the
/// container declares), and the handlers it may not combine.
#[test]
fn handlers_as_a_chart_writes_them() {
    let of = "its livenessProbe";
    for (fields, expected) in [
        ("httpGet: {path: /healthz, port: http}", &[][..]),
        ("httpGet: {port: 8080}", &[]),
        ("tcpSocket: {port: metrics}", &[]),
        ("grpc: {port: 9090, service: health}", &[]),
        (
            "httpGet: {path: /healthz, port: '8080'}",
            &[
                "its livenessProbe's httpGet port 8080 is neither a port number nor a port name (at most 15 lowercase letters, digits and `-`, at least one letter; a quoted number is a name)",
            ],
        ),
        (
            "httpGet: {path: /healthz, port: 8080, scheme: https}",
            &["its livenessProbe's httpGet scheme https is neither HTTP nor HTTPS"],
        ),
        (
            "httpGet: {path: /healthz}",
            &["its livenessProbe's httpGet has no port"],
        ),
        (
            "tcpSocket: {port: http-metrics-port}",
            &[
                "its livenessProbe's tcpSocket port http-metrics-port is neither a port number nor a port name (at most 15 lowercase letters, digits and `-`, at least one letter; a quoted number is a name)",
            ],
        ),
        (
            "grpc: {port: '9090'}",
            &["its livenessProbe's grpc port is a string, not a whole number"],
        ),
        ("grpc: {}", &["its livenessProbe's grpc has no port"]),
        (
            "exec: {command: curl localhost}",
            &["its livenessProbe's exec command is a string, not a list"],
        ),
        (
            "exec: {command: [true]}\nhttpGet: {port: 80}",
            &["its livenessProbe has both exec and httpGet, where one handler is allowed"],
        ),
        (
            "httpGet: /healthz",
            &["its livenessProbe's httpGet is a string, not a mapping"],
        ),
        (
            "tcpSocket: {port: 80}\nperiodSeconds: '10'",
            &["its livenessProbe's periodSeconds is a string, not a whole number"],
        ),
        (
            "tcpSocket: {port: 80}\nperiodSeconds: 10.5",
            &["its livenessProbe's periodSeconds 10.5 is not a whole number of 32 bits"],
        ),
        // 0 is the default's way in: 1.
        ("tcpSocket: {port: 80}\nsuccessThreshold: 0", &[]),
    ] {
        let reasons = container(&probe("livenessProbe", fields));
        assert_eq!(reasons, expected, "{of}: {fields}");
    }
}

#[test]
fn probes_and_hooks_as_validate_containers_takes_them() {
    for (case, fields) in [
        (
            "life-123",
            "lifecycle:\n  preStop:\n    exec: {command: [ls, -l]}\n".to_owned(),
        ),
        (
            "live-123",
            probe("livenessProbe", &format!("{TCP}successThreshold: 1")),
        ),
        (
            "startup-123",
            probe("startupProbe", &format!("{TCP}successThreshold: 1")),
        ),
        (
            "fallback-to-logs-termination-message",
            "terminationMessagePolicy: FallbackToLogsOnError".to_owned(),
        ),
        (
            "file-termination-message",
            "terminationMessagePolicy: File".to_owned(),
        ),
        // Refused upstream, which tests the object before defaults.
        (
            "invalid lifecycle, no http path.",
            "lifecycle:\n  preStop:\n    httpGet: {port: 80, scheme: HTTP}\n".to_owned(),
        ),
        (
            "invalid lifecycle, no http scheme.",
            "lifecycle:\n  preStop:\n    httpGet: {path: /, port: 80}\n".to_owned(),
        ),
        (
            "empty message termination policy",
            "terminationMessagePolicy: ''".to_owned(),
        ),
    ] {
        assert_eq!(
            container(&fields),
            Vec::<String>::new(),
            "TestValidateContainers/{case}"
        );
    }
    let negative = |key: &str| {
        let mut expected: Vec<String> = [
            "initialDelaySeconds",
            "timeoutSeconds",
            "periodSeconds",
            "successThreshold",
            "failureThreshold",
        ]
        .iter()
        .map(|field| format!("its {key}'s {field} -1 is negative"))
        .collect();
        expected.push(format!(
            "its {key}'s terminationGracePeriodSeconds -1 is not above 0"
        ));
        expected.push(match key {
            "readinessProbe" => "its readinessProbe sets terminationGracePeriodSeconds, which a readinessProbe may not".to_owned(),
            _ => format!("its {key}'s successThreshold is -1, where a {key} takes only 1"),
        });
        (
            probe(
                key,
                &format!(
                    "{TCP}initialDelaySeconds: -1\ntimeoutSeconds: -1\nperiodSeconds: -1\nsuccessThreshold: -1\nfailureThreshold: -1\nterminationGracePeriodSeconds: -1"
                ),
            ),
            expected,
        )
    };
    let hook = |handler: &str| format!("lifecycle:\n  preStop:\n    {handler}\n");
    let mut cases = vec![
        ("invalid lifecycle, no exec command.", hook("exec: {}"), vec!["its preStop hook's exec has no command".to_owned()]),
        ("invalid lifecycle, no http port.", hook("httpGet: {path: /, scheme: HTTP}"), vec!["its preStop hook's httpGet has no port".to_owned()]),
        ("invalid lifecycle, no tcp socket port.", hook("tcpSocket: {}"), vec!["its preStop hook's tcpSocket has no port".to_owned()]),
        ("invalid lifecycle, zero tcp socket port.", hook("tcpSocket: {port: 0}"), vec!["its preStop hook's tcpSocket port 0 is not between 1 and 65535".to_owned()]),
        ("invalid lifecycle, no action.", "lifecycle:\n  preStop: {}\n".to_owned(), vec!["its preStop hook has no handler (one of exec, httpGet, tcpSocket, sleep)".to_owned()]),
        ("invalid readiness probe, terminationGracePeriodSeconds set.", probe("readinessProbe", &format!("{TCP}terminationGracePeriodSeconds: 10")), vec!["its readinessProbe sets terminationGracePeriodSeconds, which a readinessProbe may not".to_owned()]),
        ("invalid liveness probe, no tcp socket port.", probe("livenessProbe", "tcpSocket: {}\nsuccessThreshold: 1"), vec!["its livenessProbe's tcpSocket has no port".to_owned()]),
        ("invalid liveness probe, no action.", probe("livenessProbe", "successThreshold: 1"), vec!["its livenessProbe has no handler (one of exec, httpGet, tcpSocket, grpc)".to_owned()]),
        ("invalid liveness probe, successThreshold != 1", probe("livenessProbe", &format!("{TCP}successThreshold: 2")), vec!["its livenessProbe's successThreshold is 2, where a livenessProbe takes only 1".to_owned()]),
        ("invalid startup probe, successThreshold != 1", probe("startupProbe", &format!("{TCP}successThreshold: 2")), vec!["its startupProbe's successThreshold is 2, where a startupProbe takes only 1".to_owned()]),
        ("invalid message termination policy", "terminationMessagePolicy: Unknown".to_owned(), vec!["its terminationMessagePolicy Unknown is none of File, FallbackToLogsOnError".to_owned()]),
    ];
    for (case, key) in [
        ("invalid liveness probe, negative numbers", "livenessProbe"),
        (
            "invalid readiness probe, negative numbers",
            "readinessProbe",
        ),
        ("invalid startup probe, negative numbers", "startupProbe"),
    ] {
        let (fields, expected) = negative(key);
        cases.push((case, fields, expected));
    }
    for policy in ["Always", "OnFailure", "Never", "invalid", "''"] {
        let why = "it sets restartPolicy, which only an init container may".to_owned();
        cases.push((
            "Forbidden RestartPolicy",
            format!("restartPolicy: {policy}"),
            vec![why],
        ));
    }
    for (case, fields, expected) in cases {
        assert_eq!(
            container(&fields),
            expected,
            "TestValidateContainers/{case}: {fields}"
        );
    }
}

#[test]
fn init_containers_as_validate_init_containers_takes_them() {
    let sidecar = "restartPolicy: Always\n";
    let full = format!(
        "{sidecar}lifecycle:\n  postStart:\n    exec: {{command: [echo, post start]}}\n  preStop:\n    \
         exec: {{command: [echo, pre stop]}}\n{}{}{}",
        probe("livenessProbe", &format!("{TCP}successThreshold: 1")),
        probe("readinessProbe", TCP),
        probe("startupProbe", &format!("{TCP}successThreshold: 1")),
    );
    assert_eq!(
        init(&full),
        Vec::<String>::new(),
        "container-3-restart-always-with-lifecycle-hook-and-probes"
    );
    let forbidden = |key: &str| {
        format!("it is an init container without restartPolicy: Always, which may not have a {key}")
    };
    let mut cases = vec![
        ("invalid termination message policy", "terminationMessagePolicy: Unknown".to_owned(), vec!["its terminationMessagePolicy Unknown is none of File, FallbackToLogsOnError".to_owned()]),
        ("uses disallowed field: Lifecycle", "lifecycle:\n  preStop:\n    exec: {command: [ls, -l]}\n".to_owned(), vec![forbidden("lifecycle")]),
        ("uses disallowed field: LivenessProbe", probe("livenessProbe", &format!("{TCP}successThreshold: 1")), vec![forbidden("livenessProbe")]),
        ("uses disallowed field: ReadinessProbe", probe("readinessProbe", TCP), vec![forbidden("readinessProbe")]),
        ("Container uses disallowed field: StartupProbe", probe("startupProbe", &format!("{TCP}successThreshold: 1")), vec![forbidden("startupProbe")]),
        ("Disallowed field with other errors should only return a single Forbidden", probe("startupProbe", &format!("{TCP}initialDelaySeconds: -1\ntimeoutSeconds: -1\nperiodSeconds: -1\nsuccessThreshold: -1\nfailureThreshold: -1\nterminationGracePeriodSeconds: -1")), vec![forbidden("startupProbe")]),
        ("invalid startup probe in restartable container, successThreshold != 1", format!("{sidecar}{}", probe("startupProbe", &format!("{TCP}successThreshold: 2"))), vec!["its startupProbe's successThreshold is 2, where a startupProbe takes only 1".to_owned()]),
        ("invalid readiness probe, terminationGracePeriodSeconds set.", format!("{sidecar}{}", probe("readinessProbe", &format!("{TCP}terminationGracePeriodSeconds: 10"))), vec!["its readinessProbe sets terminationGracePeriodSeconds, which a readinessProbe may not".to_owned()]),
        ("invalid liveness probe, successThreshold != 1", format!("{sidecar}{}", probe("livenessProbe", &format!("{TCP}successThreshold: 2"))), vec!["its livenessProbe's successThreshold is 2, where a livenessProbe takes only 1".to_owned()]),
        ("invalid lifecycle, no exec command.", format!("{sidecar}lifecycle:\n  preStop:\n    exec: {{}}\n"), vec!["its preStop hook's exec has no command".to_owned()]),
        ("invalid lifecycle, no http port.", format!("{sidecar}lifecycle:\n  preStop:\n    httpGet: {{path: /, scheme: HTTP}}\n"), vec!["its preStop hook's httpGet has no port".to_owned()]),
        ("invalid lifecycle, no tcp socket port.", format!("{sidecar}lifecycle:\n  preStop:\n    tcpSocket: {{}}\n"), vec!["its preStop hook's tcpSocket has no port".to_owned()]),
        ("invalid lifecycle, zero tcp socket port.", format!("{sidecar}lifecycle:\n  preStop:\n    tcpSocket: {{port: 0}}\n"), vec!["its preStop hook's tcpSocket port 0 is not between 1 and 65535".to_owned()]),
        ("invalid lifecycle, no action.", format!("{sidecar}lifecycle:\n  preStop: {{}}\n"), vec!["its preStop hook has no handler (one of exec, httpGet, tcpSocket, sleep)".to_owned()]),
    ];
    for (case, policy, shown) in [
        (
            "Not supported RestartPolicy: OnFailure",
            "OnFailure",
            "OnFailure is",
        ),
        ("Not supported RestartPolicy: Never", "Never", "Never is"),
        (
            "Not supported RestartPolicy: invalid",
            "invalid",
            "invalid is",
        ),
        ("Not supported RestartPolicy: empty", "''", "is empty,"),
    ] {
        let why =
            format!("its restartPolicy {shown} not Always, the only one an init container takes");
        cases.push((case, format!("restartPolicy: {policy}"), vec![why]));
    }
    for (case, fields, expected) in cases {
        assert_eq!(init(&fields), expected, "TestValidateInitContainers/{case}");
    }
    // Left out or null, an init container's restartPolicy is no sidecar's.
    assert_eq!(
        init("restartPolicy:\nreadinessProbe: {tcpSocket: {port: 80}}"),
        [forbidden("readinessProbe")]
    );
}

#[test]
fn pull_and_termination_message_policies() {
    // TestValidatePullPolicy: the three policies, of images tagged
    // `latest` or not (which only the default depends on).
    for policy in ["IfNotPresent", "Always", "Never"] {
        for image in ["image:latest", "image"] {
            let fields = format!("imagePullPolicy: {policy}\n");
            let spec = format!(
                "containers:\n- name: abc\n  image: {image}\n{}",
                indent(&fields, 2)
            );
            assert_eq!(
                reasons(&spec),
                Vec::<String>::new(),
                "TestValidatePullPolicy: {policy} {image}"
            );
        }
    }
    // Not upstream cases: a policy left out, null or empty is defaulted.
    for fields in [
        "imagePullPolicy: ''",
        "imagePullPolicy:",
        "terminationMessagePolicy:",
    ] {
        assert_eq!(container(fields), Vec::<String>::new(), "{fields}");
    }
    assert_eq!(
        container("imagePullPolicy: always"),
        ["its imagePullPolicy always is none of Always, IfNotPresent, Never"]
    );
    assert_eq!(
        container("imagePullPolicy: true"),
        ["its imagePullPolicy is a YAML boolean, not a string"]
    );
}

#[test]
fn sleeps_as_validate_sleep_action_takes_them() {
    // TestValidateSleepAction, with the zero value not allowed: Kubernetes
    // v1.32 has the `PodLifecycleSleepActionAllowZero` gate off (on from
    // v1.33), so its cases with the gate on are left out.
    let sleep = |seconds: i64, grace: Option<i64>| {
        let grace = grace.map_or(String::new(), |grace| {
            format!("terminationGracePeriodSeconds: {grace}\n")
        });
        let spec = format!(
            "{grace}containers:\n- name: api\n  image: api:1\n  lifecycle:\n    preStop:\n      sleep: {{seconds: {seconds}}}\n"
        );
        reasons(&spec)
    };
    let refused = |seconds: i64, grace: i64| {
        vec![format!(
            "the container api: its preStop hook's sleep of {seconds} seconds is not between 1 and the pod's terminationGracePeriodSeconds ({grace})"
        )]
    };
    assert_eq!(sleep(5, Some(30)), Vec::<String>::new(), "valid setting");
    assert_eq!(sleep(-1, Some(30)), refused(-1, 30), "negative seconds");
    assert_eq!(sleep(5, Some(3)), refused(5, 3), "longer than gracePeriod");
    assert_eq!(
        sleep(0, Some(30)),
        refused(0, 30),
        "sleep duration of zero with zero value feature gate disabled"
    );
    assert_eq!(
        sleep(-1, Some(30)),
        refused(-1, 30),
        "invalid sleep duration (negative value) with zero value disabled"
    );
    // Upstream's "nil grace period with zero value disabled" measures
    // against 0; a pod without one has the v1 default, 30.
    assert_eq!(
        sleep(5, Some(0)),
        refused(5, 0),
        "nil grace period with zero value disabled"
    );
    assert_eq!(
        sleep(30, None),
        Vec::<String>::new(),
        "the default grace period"
    );
    assert_eq!(sleep(31, None), refused(31, 30), "the default grace period");
}
