//! A workload's selector as the API server takes it. Ported cases:
//! `TestValidateStatefulSet` ("empty selector", "selector_doesnt_match",
//! "invalid_label 2"), `TestValidateDaemonSet` ("nil selector", "empty
//! selector", "selector_doesnt_match"), `TestValidateDeployment`
//! ("`selector` does not match template `labels`") in
//! `pkg/apis/apps/validation`; `TestValidateReplicationController`
//! ("selector_doesnt_match") in `pkg/apis/core/validation` with
//! `TestSetDefaultReplicationController` (a selector made of the
//! template's labels) in `pkg/apis/core/v1`; `TestValidateJob`
//! ("`selector` not auto-generated", a manual selector that does not
//! match) and `TestValidateCronJob` ("`selector` will be auto-generated",
//! manualSelector unsupported) in `pkg/apis/batch/validation`;
//! `TestLabelSelectorAsSelector` (operators, and one that is none) and
//! `TestValidateLabelSelector` (In without values) in `k8s.io/apimachinery`.

use std::path::Path;
use std::sync::Arc;

use crate::deployment::manifest::from_text;
use crate::report::Subject;

/// The apiVersion that serves `kind`.
fn api_version(kind: &str) -> &'static str {
    match kind {
        "Pod" | "ReplicationController" => "v1",
        "Job" | "CronJob" => "batch/v1",
        _ => "apps/v1",
    }
}

/// The problems of the whole pod that a workload of `kind` (whose spec
/// has `spec`, then `template` with `labels`) makes, that are about its
/// selector or labels.
fn refusals(kind: &str, spec: &str, labels: &str) -> Vec<String> {
    let template = format!(
        "template:\n  metadata:\n    labels:\n{}  spec:\n    containers:\n    \
         - name: api\n      image: api:1\n",
        labels
            .lines()
            .map(|line| format!("      {line}\n"))
            .collect::<String>()
    );
    let body = match kind {
        "CronJob" => format!(
            "schedule: '@daily'\njobTemplate:\n  spec:\n{}",
            format!("{spec}{template}")
                .lines()
                .map(|line| format!("    {line}\n"))
                .collect::<String>()
        ),
        _ => format!("{spec}{template}"),
    };
    let text = format!(
        "apiVersion: {}\nkind: {kind}\nmetadata:\n  name: billing\nspec:\n{}",
        api_version(kind),
        body.lines()
            .map(|line| format!("  {line}\n"))
            .collect::<String>()
    );
    let path: Arc<Path> = Arc::from(Path::new("w.yaml"));
    let (env, _) = match from_text(&text, path, "w.yaml", None, &[]) {
        Ok(read) => read,
        Err(error) => panic!("{error:?}\n{text}"),
    };
    env.errors()
        .into_iter()
        .map(|error| error.message)
        .filter(|message| {
            let message = message.to_lowercase();
            message.contains("selector") || message.contains("label")
        })
        .collect()
}

const SELECTS_APP: &str = "selector:\n  matchLabels:\n    app: billing\n";
const APP: &str = "app: billing\n";

#[test]
fn apps_workloads_need_a_selector_that_matches_their_template() {
    for kind in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"] {
        let refused = |spec: &str, labels: &str, why: &str| {
            let found = refusals(kind, spec, labels);
            assert_eq!(found.len(), 1, "{kind} {spec:?}: {found:?}");
            let expected = format!("the {kind} billing: {why}");
            assert!(found[0].starts_with(&expected), "{kind}: {found:?}");
            assert!(found[0].ends_with(": Kubernetes rejects it"), "{found:?}");
        };
        let accepted = |spec: &str, labels: &str| {
            assert_eq!(
                refusals(kind, spec, labels),
                Vec::<String>::new(),
                "{kind} {spec:?}"
            );
        };
        accepted(SELECTS_APP, APP);
        // More labels on the template than the selector asks for.
        accepted(SELECTS_APP, "app: billing\ntier: web\n");
        // "nil selector" / "empty selector" (a nil one).
        refused("", APP, "it has no selector");
        refused("selector: null\n", APP, "it has no selector");
        // "empty selector" (`&metav1.LabelSelector{}`).
        refused("selector: {}\n", APP, "its selector is empty");
        // "selector_doesnt_match".
        refused(
            "selector:\n  matchLabels:\n    foo: bar\n",
            APP,
            "its selector does not match its pod template's labels, which do not meet foo=bar",
        );
        // "`selector` does not match template `labels`": same key, other value.
        refused(
            "selector:\n  matchLabels:\n    app: def\n",
            APP,
            "its selector does not match its pod template's labels, which do not meet app=def",
        );
        refused(SELECTS_APP, "", "its selector does not match");
        // "invalid_label 2": a selector key that is no qualified name.
        refused(
            "selector:\n  matchLabels:\n    NoUppercaseOrSpecialCharsLike=Equals: b\n",
            APP,
            "its selector's key NoUppercaseOrSpecialCharsLike=Equals is no qualified name",
        );
        refused(
            "selector:\n  matchLabels:\n    version: 2\n",
            "version: '2'\n",
            "its selector's version is a YAML number, not a string (quote it)",
        );
    }
}

/// `TestLabelSelectorAsSelector`: each operator, as the template's labels
/// meet it or not; an operator that is none, and `In` without values
/// (`TestValidateLabelSelector`), are refused.
#[test]
fn match_expressions_select_as_apimachinery_does() {
    let expression = |key: &str, operator: &str, values: &str| {
        format!(
            "selector:\n  matchExpressions:\n  - key: {key}\n    operator: {operator}\n{values}"
        )
    };
    let values = |list: &[&str]| match list {
        [] => String::new(),
        list => format!("    values: [{}]\n", list.join(", ")),
    };
    let labels = "app: billing\ntier: web\n";
    for (key, operator, list, matches) in [
        ("app", "In", &["billing", "shop"][..], true),
        ("app", "In", &["shop"][..], false),
        ("app", "NotIn", &["shop"][..], true),
        ("app", "NotIn", &["billing"][..], false),
        ("canary", "NotIn", &["beta"][..], true),
        ("tier", "Exists", &[][..], true),
        ("canary", "Exists", &[][..], false),
        ("canary", "DoesNotExist", &[][..], true),
        ("tier", "DoesNotExist", &[][..], false),
    ] {
        let found = refusals(
            "Deployment",
            &expression(key, operator, &values(list)),
            labels,
        );
        assert_eq!(
            found.is_empty(),
            matches,
            "{key} {operator} {list:?}: {found:?}"
        );
    }
    for (operator, list, why) in [
        (
            "in",
            &["billing"][..],
            "the operator in, which is none of In",
        ),
        ("In", &[][..], "has no values, which In and NotIn need"),
        (
            "Exists",
            &["billing"][..],
            "has values, which Exists and DoesNotExist forbid",
        ),
        // `yes` is a YAML boolean: the request does not decode.
        (
            "In",
            &["yes"][..],
            "for app has a value that is a YAML boolean, not a string",
        ),
    ] {
        let found = refusals(
            "Deployment",
            &expression("app", operator, &values(list)),
            labels,
        );
        assert_eq!(found.len(), 1, "{operator}: {found:?}");
        assert!(found[0].contains(why), "{operator}: {found:?}");
    }
}

/// A ReplicationController's empty selector is its template's labels.
#[test]
fn a_replication_controller_defaults_its_selector() {
    assert!(refusals("ReplicationController", "", APP).is_empty());
    assert!(refusals("ReplicationController", "selector:\n  app: billing\n", APP).is_empty());
    let found = refusals("ReplicationController", "selector:\n  foo: bar\n", APP);
    assert!(found[0].contains("which do not meet foo=bar"), "{found:?}");
    let found = refusals("ReplicationController", "", "");
    assert!(found[0].contains("it has no selector, and its pod template no labels"));
}

#[test]
fn a_job_has_its_selector_generated_unless_it_asks_otherwise() {
    // The usual Job: no selector, whatever labels.
    assert!(refusals("Job", "", APP).is_empty());
    assert!(refusals("Job", "", "").is_empty());
    // "`selector` not auto-generated": a selector of the user's own.
    let found = refusals("Job", SELECTS_APP, APP);
    assert!(
        found[0].starts_with(
            "the Job billing: its selector is not the one the server generates (app=billing"
        ),
        "{found:?}"
    );
    // One that only names the Job's own label matches what is generated.
    assert!(
        refusals(
            "Job",
            "selector:\n  matchLabels:\n    job-name: billing\n",
            ""
        )
        .is_empty()
    );
    // A manual selector is required, and matches the template as written.
    let manual = "manualSelector: true\n";
    assert!(refusals("Job", &format!("{manual}{SELECTS_APP}"), APP).is_empty());
    let found = refusals("Job", manual, APP);
    assert!(
        found[0].contains("manualSelector: true and no selector"),
        "{found:?}"
    );
    let found = refusals("Job", &format!("{manual}{SELECTS_APP}"), "app: other\n");
    assert!(
        found[0].contains("which do not meet app=billing"),
        "{found:?}"
    );
    // The template may not set what the server sets.
    for labels in ["controller-uid: abc\n", "job-name: other\n"] {
        let found = refusals("Job", "", labels);
        assert!(
            found[0].contains("which the server sets"),
            "{labels}: {found:?}"
        );
    }
    assert!(refusals("Job", "", "job-name: billing\n").is_empty());
    let found = refusals("Job", "manualSelector: 'true'\n", APP);
    assert!(found[0].contains("manualSelector is a string"), "{found:?}");
}

#[test]
fn a_cron_jobs_jobs_always_have_generated_selectors() {
    assert!(refusals("CronJob", "", APP).is_empty());
    let found = refusals("CronJob", SELECTS_APP, APP);
    assert!(
        found[0].contains("its jobTemplate has a selector"),
        "{found:?}"
    );
    let found = refusals("CronJob", "manualSelector: true\n", APP);
    assert!(
        found[0].contains("manualSelector: true, which"),
        "{found:?}"
    );
    let found = refusals("CronJob", "", "job-name: billing\n");
    assert!(found[0].contains("which the server sets"), "{found:?}");
}

/// A bare Pod has no selector.
#[test]
fn a_pod_has_no_selector() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  \
                - name: api\n    image: api:1\n";
    let path: Arc<Path> = Arc::from(Path::new("p.yaml"));
    let Ok((env, _)) = from_text(text, path, "p.yaml", None, &[]) else {
        panic!("the pod reads");
    };
    assert!(env.errors().is_empty());
}

/// `TestValidateDeployment` ("Unsupported value: \"Never\""),
/// `TestValidateStatefulSet` ("invalid restart policy 1", "invalid
/// restart policy 2"), `TestValidateDaemonSet` ("invalid restart policy
/// 1"), and `TestValidateJob`'s restart policy: a Job's pods restart
/// `OnFailure` or `Never`, so one left to the default `Always` is refused.
/// An empty one is left out, as `SetDefaults_PodSpec` reads it (a chart's
/// `restartPolicy: "{{ .Values.restartPolicy }}"` left unset).
#[test]
fn restart_policies_each_kind_takes() {
    let policy = |kind: &str, policy: Option<&str>| {
        let line = |indent: &str| {
            policy.map_or(String::new(), |p| format!("{indent}restartPolicy: {p}\n"))
        };
        let spec = match kind {
            "Pod" => format!(
                "spec:\n{}  containers:\n  - name: api\n    image: api:1\n",
                line("  ")
            ),
            "Job" => format!(
                "spec:\n  template:\n    spec:\n{}      containers:\n      - name: api\n        \
                 image: api:1\n",
                line("      ")
            ),
            _ => format!(
                "spec:\n  selector:\n    matchLabels:\n      app: a\n  template:\n    \
                 metadata:\n      labels:\n        app: a\n    spec:\n{}      containers:\n      \
                 - name: api\n        image: api:1\n",
                line("      ")
            ),
        };
        let version = api_version(kind);
        let text = format!("apiVersion: {version}\nkind: {kind}\nmetadata:\n  name: w\n{spec}");
        let path: Arc<Path> = Arc::from(Path::new("w.yaml"));
        let Ok((env, _)) = from_text(&text, path, "w.yaml", None, &[]) else {
            panic!("{text}");
        };
        let errors: Vec<String> = env.errors().into_iter().map(|e| e.message).collect();
        errors
    };
    for (kind, given, accepted) in [
        ("Deployment", None, true),
        ("Deployment", Some("Always"), true),
        ("Deployment", Some("Never"), false),
        ("Deployment", Some("\"\""), true),
        ("StatefulSet", Some("''"), true),
        ("StatefulSet", Some("OnFailure"), false),
        ("DaemonSet", Some("Never"), false),
        ("ReplicaSet", Some("OnFailure"), false),
        ("Job", None, false),
        ("Job", Some("Always"), false),
        ("Job", Some("Never"), true),
        ("Job", Some("OnFailure"), true),
        ("Pod", None, true),
        ("Pod", Some("Never"), true),
        ("Pod", Some("Sometimes"), false),
        ("Pod", Some("\"\""), true),
        ("Job", Some("\"\""), false),
    ] {
        let errors = policy(kind, given);
        assert_eq!(errors.is_empty(), accepted, "{kind} {given:?}: {errors:?}");
    }
    for given in [None, Some("\"\"")] {
        let errors = policy("Job", given);
        assert_eq!(
            errors,
            [
                "the Job w: its pods' restartPolicy is Always (the default), where a Job takes \
                 only OnFailure or Never: Kubernetes rejects it"
            ],
            "{given:?}"
        );
    }
}
