//! A workload's own spec as the API server (v1.32) takes it, after the v1
//! defaults. Ported cases: `TestValidateDeployment` ("supported values:
//! \"Recreate\", \"RollingUpdate\"", "may not be specified when strategy
//! `type` is 'Recreate'", "a valid percent string must be", "may not be 0
//! when `maxSurge` is 0", "must not be greater than 100%", "must be greater
//! than minReadySeconds"), `TestValidateStatefulSet` ("invalid pod
//! management policy", "invalid udpate strategy", "empty update strategy",
//! "invalid rolling update", "negative parition", "negative replicas",
//! "negative minReadySeconds", "invalid ordinals.start"),
//! in `pkg/apis/apps/validation`, and, for a DaemonSet's rolling update
//! (of which no upstream test table was found), the branches of
//! `ValidateRollingUpdateDaemonSet` and `ValidateDaemonSetUpdateStrategy`;
//! `TestValidateJob` ("spec.parallelism:must be greater than or equal to
//! 0", "spec.completions:...", "spec.activeDeadlineSeconds:...",
//! "spec.backoffLimit:...", "spec.completionMode: Unsupported value",
//! "spec.completions: Required value" for Indexed, "spec.parallelism: must
//! be less than or equal to 100000", "spec.backoffLimitPerIndex: Invalid
//! value: requires indexed completion mode", "spec.maxFailedIndexes:
//! Required value: when maxFailedIndexes is specified", "metadata.name:
//! Invalid value: will not able to create pod with invalid DNS label") and
//! `TestValidateCronJob` ("spec.schedule: Invalid value", "spec.schedule:
//! Required value", the `spec.timeZone` cases but the one only the time
//! zone database refuses, "spec.startingDeadlineSeconds", the history
//! limits, "spec.concurrencyPolicy", "spec.jobTemplate.spec.*"; and the
//! rules of `ValidateCronJobCreate` on a name of 52 characters at most and a
//! schedule without `TZ`) in `pkg/apis/batch/validation`.

use std::path::Path;
use std::sync::Arc;

use crate::deployment::manifest::from_text;
use crate::report::Subject;

/// Indents every line of `text` by `by` spaces.
fn indented(text: &str, by: usize) -> String {
    text.lines()
        .map(|line| format!("{}{line}\n", " ".repeat(by)))
        .collect()
}

/// The problems of a workload of `kind` named `name` whose spec has
/// `spec`, a valid selector and a pod template whose spec has `pod`; a
/// CronJob's job template's spec has `job`.
fn problems_of(kind: &str, name: &str, spec: &str, job: &str, pod: &str) -> Vec<String> {
    let restart = match kind {
        "Job" | "CronJob" => "restartPolicy: Never\n",
        _ => "",
    };
    let template = format!(
        "template:\n  metadata:\n    labels:\n      app: billing\n  spec:\n{}{}    \
         containers:\n    - name: api\n      image: api:1\n",
        indented(restart, 4),
        indented(pod, 4),
    );
    let (api_version, body) = match kind {
        "CronJob" => {
            let schedule = match spec.contains("schedule:") {
                true => "",
                false => "schedule: '@daily'\n",
            };
            let job = format!("{job}{template}");
            let body = format!(
                "{schedule}{spec}jobTemplate:\n  spec:\n{}",
                indented(&job, 4)
            );
            ("batch/v1", body)
        }
        "Job" => ("batch/v1", format!("{spec}{template}")),
        "ReplicationController" => ("v1", format!("{spec}selector:\n  app: billing\n{template}")),
        _ => (
            "apps/v1",
            format!("{spec}selector:\n  matchLabels:\n    app: billing\n{template}"),
        ),
    };
    let text = format!(
        "apiVersion: {api_version}\nkind: {kind}\nmetadata:\n  name: {name}\nspec:\n{}",
        indented(&body, 2)
    );
    let path: Arc<Path> = Arc::from(Path::new("w.yaml"));
    let (env, _) = match from_text(&text, path, "w.yaml", None, &[]) {
        Ok(read) => read,
        Err(error) => panic!("{error:?}\n{text}"),
    };
    env.errors()
        .into_iter()
        .map(|error| error.message)
        .collect()
}

fn problems(kind: &str, spec: &str) -> Vec<String> {
    problems_of(kind, "billing", spec, "", "")
}

/// `spec` is accepted for each of `kinds`.
fn accepted(kinds: &[&str], spec: &str) {
    for kind in kinds {
        assert_eq!(problems(kind, spec), Vec::<String>::new(), "{kind}: {spec}");
    }
}

/// `spec` is refused for each of `kinds`, with one problem that says `why`.
fn refused(kinds: &[&str], spec: &str, why: &str) {
    for kind in kinds {
        assert_one(problems(kind, spec), kind, why);
    }
}

fn assert_one(found: Vec<String>, kind: &str, why: &str) {
    assert_eq!(found.len(), 1, "{kind} {why}: {found:?}");
    let title = format!("the {kind} billing: ");
    assert!(found[0].starts_with(&title), "{found:?}");
    assert!(found[0].contains(why), "{found:?}\nexpected: {why}");
    assert!(found[0].ends_with(": Kubernetes rejects it"), "{found:?}");
}

const APPS: &[&str] = &["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"];

#[test]
fn counts_are_not_negative() {
    let counted = [
        "Deployment",
        "ReplicaSet",
        "ReplicationController",
        "StatefulSet",
    ];
    accepted(&counted, "replicas: 0\nminReadySeconds: 0\n");
    accepted(&counted, "replicas: null\n");
    refused(&counted, "replicas: -1\n", "its replicas is -1, below 0");
    let all = [&counted[..], &["DaemonSet"]].concat();
    refused(
        &all,
        "minReadySeconds: -1\n",
        "its minReadySeconds is -1, below 0",
    );
    let kept = ["Deployment", "DaemonSet"];
    accepted(&kept, "revisionHistoryLimit: 0\n");
    refused(
        &kept,
        "revisionHistoryLimit: -1\n",
        "its revisionHistoryLimit is -1, below 0",
    );
    // A StatefulSet's revisionHistoryLimit is not validated.
    accepted(&["StatefulSet"], "revisionHistoryLimit: -1\n");
    // The request does not decode: a quoted number, a fraction, or beyond int32.
    refused(
        &["Deployment"],
        "replicas: '3'\n",
        "its replicas is the string \"3\", not a whole number (unquote it)",
    );
    refused(
        &["Deployment"],
        "replicas: 1.5\n",
        "its replicas is 1.5, not a whole number",
    );
    refused(
        &["Deployment"],
        "replicas: 3000000000\n",
        "beyond a 32-bit integer",
    );
}

/// `TestValidateDeployment`.
#[test]
fn a_deployment_rolls_out_as_the_api_server_takes_it() {
    let ok = |spec: &str| accepted(&["Deployment"], spec);
    let no = |spec: &str, why: &str| refused(&["Deployment"], spec, why);
    ok("strategy:\n  type: Recreate\n");
    ok("strategy:\n  type: Recreate\n  rollingUpdate: null\n");
    ok("strategy: {}\n");
    ok("strategy:\n  type: ''\n");
    ok("strategy:\n  rollingUpdate:\n    maxSurge: 1\n    maxUnavailable: 1\n");
    // One of the two at 0: the other is its default, 25%.
    ok("strategy:\n  rollingUpdate:\n    maxSurge: 0\n");
    ok("strategy:\n  rollingUpdate:\n    maxUnavailable: 0\n");
    ok("strategy:\n  rollingUpdate:\n    maxUnavailable: 100%\n    maxSurge: 0\n");
    // maxSurge above 100% is not refused for a Deployment.
    ok("strategy:\n  rollingUpdate:\n    maxSurge: 200%\n");
    ok("progressDeadlineSeconds: 601\nminReadySeconds: 600\n");
    // supported values: "Recreate", "RollingUpdate".
    no(
        "strategy:\n  type: randomType\n",
        "its strategy.type is randomType, where Kubernetes takes only Recreate or RollingUpdate",
    );
    no(
        "strategy:\n  type: rollingUpdate\n",
        "its strategy.type is rollingUpdate",
    );
    // may not be specified when strategy `type` is 'Recreate'.
    no(
        "strategy:\n  type: Recreate\n  rollingUpdate: {}\n",
        "its strategy is Recreate and has a rollingUpdate",
    );
    no(
        "strategy:\n  type: Recreate\n  rollingUpdate:\n    maxSurge: 25%\n",
        "its strategy is Recreate and has a rollingUpdate",
    );
    // a valid percent string must be.
    no(
        "strategy:\n  rollingUpdate:\n    maxSurge: 20Percent\n",
        "its strategy.rollingUpdate.maxSurge is \"20Percent\", neither a whole number nor a \
         percentage",
    );
    no(
        "strategy:\n  rollingUpdate:\n    maxSurge: '1'\n",
        "maxSurge is \"1\", neither",
    );
    no(
        "strategy:\n  rollingUpdate:\n    maxSurge: -1\n",
        "maxSurge is -1, below 0",
    );
    no(
        "strategy:\n  rollingUpdate:\n    maxSurge: 1.5\n",
        "maxSurge is 1.5, not a whole number",
    );
    // may not be 0 when `maxSurge` is 0.
    no(
        "strategy:\n  rollingUpdate:\n    maxSurge: 0%\n    maxUnavailable: 0\n",
        "its strategy.rollingUpdate has maxSurge and maxUnavailable both 0",
    );
    // must not be greater than 100%.
    no(
        "strategy:\n  rollingUpdate:\n    maxUnavailable: 110%\n",
        "its strategy.rollingUpdate.maxUnavailable is 110%, above 100%",
    );
    // must be greater than minReadySeconds.
    no(
        "progressDeadlineSeconds: 600\nminReadySeconds: 600\n",
        "its progressDeadlineSeconds is 600, not above its minReadySeconds 600",
    );
    // The default deadline, 600, counts.
    no(
        "minReadySeconds: 900\n",
        "its progressDeadlineSeconds is 600 (the default), not above its minReadySeconds 900",
    );
    no(
        "progressDeadlineSeconds: -1\n",
        "its progressDeadlineSeconds is -1, below 0",
    );
    no(
        "strategy: Recreate\n",
        "its strategy is a string, not a mapping",
    );
}

/// `TestValidateStatefulSet`.
#[test]
fn a_stateful_set_has_known_policies() {
    let ok = |spec: &str| accepted(&["StatefulSet"], spec);
    let no = |spec: &str, why: &str| refused(&["StatefulSet"], spec, why);
    ok("podManagementPolicy: Parallel\n");
    ok("podManagementPolicy: ''\n");
    ok("updateStrategy:\n  type: OnDelete\n");
    ok("updateStrategy:\n  type: RollingUpdate\n  rollingUpdate:\n    partition: 2\n");
    // "empty update strategy": filled by the defaults.
    ok("updateStrategy: {}\n");
    // maxUnavailable is dropped: its feature is alpha, off by default.
    ok("updateStrategy:\n  rollingUpdate:\n    maxUnavailable: 0\n");
    ok("persistentVolumeClaimRetentionPolicy:\n  whenDeleted: Delete\n  whenScaled: Retain\n");
    ok("ordinals:\n  start: 0\n");
    // "invalid pod management policy".
    no(
        "podManagementPolicy: foo\n",
        "its podManagementPolicy is foo, where Kubernetes takes only OrderedReady or Parallel",
    );
    // "invalid udpate strategy".
    no(
        "updateStrategy:\n  type: foo\n",
        "its updateStrategy.type is foo, where Kubernetes takes only RollingUpdate or OnDelete",
    );
    // "invalid rolling update".
    no(
        "updateStrategy:\n  type: OnDelete\n  rollingUpdate:\n    partition: 1\n",
        "its updateStrategy is OnDelete and has a rollingUpdate",
    );
    // "negative parition".
    no(
        "updateStrategy:\n  rollingUpdate:\n    partition: -1\n",
        "its updateStrategy.rollingUpdate.partition is -1, below 0",
    );
    // "invalid ordinals.start".
    no(
        "ordinals:\n  start: -2\n",
        "its ordinals.start is -2, below 0",
    );
    no(
        "persistentVolumeClaimRetentionPolicy:\n  whenDeleted: Keep\n",
        "its persistentVolumeClaimRetentionPolicy.whenDeleted is Keep",
    );
}

/// Each branch of `ValidateRollingUpdateDaemonSet`, after the defaults:
/// maxUnavailable 1, maxSurge 0.
#[test]
fn a_daemon_set_surges_or_makes_room_but_not_both() {
    let ok = |spec: &str| accepted(&["DaemonSet"], spec);
    let no = |spec: &str, why: &str| refused(&["DaemonSet"], spec, why);
    ok("updateStrategy:\n  type: OnDelete\n");
    ok("updateStrategy:\n  type: RollingUpdate\n");
    ok("updateStrategy:\n  rollingUpdate:\n    maxUnavailable: 10%\n");
    ok("updateStrategy:\n  rollingUpdate:\n    maxSurge: 1\n    maxUnavailable: 0\n");
    ok("updateStrategy:\n  rollingUpdate:\n    maxSurge: 100%\n    maxUnavailable: 0%\n");
    // An OnDelete strategy's rollingUpdate is not read.
    ok("updateStrategy:\n  type: OnDelete\n  rollingUpdate:\n    maxSurge: 1\n");
    no(
        "updateStrategy:\n  type: Invalid\n",
        "its updateStrategy.type is Invalid, where Kubernetes takes only RollingUpdate or OnDelete",
    );
    no(
        "updateStrategy:\n  rollingUpdate:\n    maxSurge: 1\n",
        "its updateStrategy.rollingUpdate has maxSurge 1 and maxUnavailable 1 (the default), \
         where a DaemonSet takes only one of them above 0",
    );
    no(
        "updateStrategy:\n  rollingUpdate:\n    maxSurge: 10%\n    maxUnavailable: 1\n",
        "has maxSurge 10% and maxUnavailable 1, where",
    );
    no(
        "updateStrategy:\n  rollingUpdate:\n    maxUnavailable: 0\n",
        "its updateStrategy.rollingUpdate has maxSurge and maxUnavailable both 0",
    );
    no(
        "updateStrategy:\n  rollingUpdate:\n    maxSurge: 101%\n    maxUnavailable: 0\n",
        "its updateStrategy.rollingUpdate.maxSurge is 101%, above 100%",
    );
    no(
        "updateStrategy:\n  rollingUpdate:\n    maxUnavailable: 150%\n",
        "maxUnavailable is 150%, above 100%",
    );
}

/// `ValidatePodTemplateSpecForReplicaSet` and its siblings.
#[test]
fn long_running_pods_have_no_deadline() {
    for kind in APPS.iter().chain(&["ReplicationController"]) {
        let found = problems_of(kind, "billing", "", "", "activeDeadlineSeconds: 30\n");
        assert_one(found, kind, "its pods set activeDeadlineSeconds");
    }
    assert!(problems_of("Job", "billing", "", "", "activeDeadlineSeconds: 30\n").is_empty());
}

/// `TestValidateJob`, for a Job and a CronJob's job template.
#[test]
fn a_job_counts_and_indexes_as_the_api_server_takes_them() {
    let job = |spec: &str| problems("Job", spec);
    let template = |spec: &str| problems_of("CronJob", "billing", "", spec, "");
    for spec in [
        "parallelism: 0\ncompletions: 0\nbackoffLimit: 0\nactiveDeadlineSeconds: 0\n",
        "completionMode: Indexed\ncompletions: 3\nparallelism: 3\n",
        "completionMode: Indexed\n",
        "completionMode: Indexed\ncompletions: 5\nbackoffLimitPerIndex: 1\nmaxFailedIndexes: 5\n",
        "completionMode: NonIndexed\n",
        "podReplacementPolicy: Failed\n",
        "podReplacementPolicy: TerminatingOrFailed\n",
        "ttlSecondsAfterFinished: 0\n",
    ] {
        assert_eq!(job(spec), Vec::<String>::new(), "{spec}");
        assert_eq!(template(spec), Vec::<String>::new(), "{spec}");
    }
    for (spec, why) in [
        ("parallelism: -1\n", "its parallelism is -1, below 0"),
        ("completions: -1\n", "its completions is -1, below 0"),
        (
            "activeDeadlineSeconds: -1\n",
            "its activeDeadlineSeconds is -1, below 0",
        ),
        ("backoffLimit: -1\n", "its backoffLimit is -1, below 0"),
        (
            "ttlSecondsAfterFinished: -1\n",
            "its ttlSecondsAfterFinished is -1, below 0",
        ),
        (
            "completionMode: Foo\n",
            "its completionMode is Foo, where Kubernetes takes only NonIndexed or Indexed",
        ),
        ("completionMode: ''\n", "its completionMode is , where"),
        (
            "completionMode: Indexed\nparallelism: 2\n",
            "its completionMode is Indexed, which needs completions",
        ),
        (
            "completionMode: Indexed\ncompletions: 2\nparallelism: 100001\n",
            "its parallelism 100001 is above 100000",
        ),
        (
            "completionMode: Indexed\ncompletions: 2\nbackoffLimitPerIndex: 1\nmaxFailedIndexes: 3\n",
            "its maxFailedIndexes 3 is above its completions 2",
        ),
        (
            "backoffLimitPerIndex: 1\n",
            "its backoffLimitPerIndex needs completionMode: Indexed",
        ),
        (
            "completionMode: Indexed\ncompletions: 2\nmaxFailedIndexes: 1\n",
            "its maxFailedIndexes is set without backoffLimitPerIndex",
        ),
        (
            "podReplacementPolicy: Always\n",
            "its podReplacementPolicy is Always, where Kubernetes takes only TerminatingOrFailed \
             or Failed",
        ),
        (
            "podFailurePolicy:\n  rules: []\npodReplacementPolicy: TerminatingOrFailed\n",
            "takes only Failed",
        ),
    ] {
        assert_one(job(spec), "Job", why);
        assert_one(template(spec), "CronJob", why);
    }
    // "metadata.name: ... will not able to create pod with invalid DNS label".
    let long = "a".repeat(60);
    let spec = "completionMode: Indexed\ncompletions: 1000\n";
    let found = problems_of("Job", &long, spec, "", "");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("its last pod's hostname would be"),
        "{found:?}"
    );
    assert!(
        problems_of(
            "Job",
            &long,
            "completionMode: Indexed\ncompletions: 10\n",
            "",
            ""
        )
        .is_empty()
    );
    // A pod failure policy takes only pods that are never restarted.
    let policy = "podFailurePolicy:\n  rules: []\n";
    let found = problems_of("Job", "billing", policy, "", "restartPolicy: OnFailure\n");
    assert_one(
        found,
        "Job",
        "it has a podFailurePolicy, which takes only pods with restartPolicy: Never",
    );
}

/// `TestValidateCronJob`.
#[test]
fn a_cron_job_has_a_schedule_the_api_server_reads() {
    let cron = |spec: &str| problems("CronJob", spec);
    for spec in [
        "schedule: '* * * * ?'\n",
        "schedule: '@hourly'\n",
        "schedule: '@every 5m'\n",
        "schedule: '0 * * * *'\ntimeZone: America/New_York\n",
        "timeZone: Etc/GMT+5\n",
        "timeZone: null\n",
        "concurrencyPolicy: Forbid\n",
        "concurrencyPolicy: ''\n",
        "startingDeadlineSeconds: 0\nsuccessfulJobsHistoryLimit: 0\nfailedJobsHistoryLimit: 0\n",
    ] {
        assert_eq!(cron(spec), Vec::<String>::new(), "{spec}");
    }
    for (spec, why) in [
        (
            "schedule: error\n",
            "its schedule \"error\" is no cron schedule: it has 1 fields",
        ),
        ("schedule: ''\n", "it has no schedule"),
        ("schedule: null\n", "it has no schedule"),
        (
            "schedule: 5\n",
            "its schedule is a YAML number, not a string",
        ),
        (
            "schedule: '*/5 * * *'\n",
            "its schedule \"*/5 * * *\" is no cron schedule: it has 4 fields",
        ),
        (
            "schedule: '0 */5 * * * *'\n",
            "(a seconds field is not taken)",
        ),
        (
            "schedule: 'CRON_TZ=UTC 0 5 * * *'\n",
            "names a time zone (TZ or CRON_TZ), which Kubernetes takes only in timeZone",
        ),
        ("timeZone: ''\n", "its timeZone is empty"),
        ("timeZone: Local\n", "its timeZone is Local"),
        ("timeZone: local\n", "its timeZone is Local"),
        (
            "timeZone: ' Continent/Zone'\n",
            "its timeZone \" Continent/Zone\" is no time zone name",
        ),
        ("timeZone: 'Continent/Zone '\n", "is no time zone name"),
        ("timeZone: ' '\n", "is no time zone name"),
        ("timeZone: ../etc/passwd\n", "is no time zone name"),
        (
            "startingDeadlineSeconds: -1\n",
            "its startingDeadlineSeconds is -1, below 0",
        ),
        (
            "successfulJobsHistoryLimit: -1\n",
            "its successfulJobsHistoryLimit is -1, below 0",
        ),
        (
            "failedJobsHistoryLimit: -1\n",
            "its failedJobsHistoryLimit is -1, below 0",
        ),
        (
            "concurrencyPolicy: forbid\n",
            "its concurrencyPolicy is forbid, where Kubernetes takes only Allow, Forbid or Replace",
        ),
    ] {
        assert_one(cron(spec), "CronJob", why);
    }
    // "cronjob name length": 52 characters at most.
    let name = "a".repeat(52);
    assert!(problems_of("CronJob", &name, "", "", "").is_empty());
    let name = "a".repeat(53);
    let found = problems_of("CronJob", &name, "", "", "");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("its name is 53 characters long"),
        "{found:?}"
    );
}
