//! What the API server (Kubernetes v1.32) refuses of a workload's own
//! spec, beyond its selector and its pods: how a Deployment rolls out
//! (`ValidateDeploymentSpec`, `ValidateDeploymentStrategy`,
//! `ValidateRollingUpdateDeployment`), a StatefulSet's policies
//! (`ValidateStatefulSetSpec`), a DaemonSet's update strategy
//! (`ValidateDaemonSetSpec`, `ValidateDaemonSetUpdateStrategy`,
//! `ValidateRollingUpdateDaemonSet`), a ReplicaSet's and a
//! ReplicationController's counts, and a Job's and a CronJob's (in
//! [`batch_spec_rules`]). A workload refused makes no pod.
//!
//! The v1 defaults come first, as the API server applies them (see each
//! place); a value left out, null, or (for a string the defaults fill when
//! empty) empty is the default.

#[path = "batch_spec_rules.rs"]
mod batch_spec_rules;

use crate::deployment::manifest::scalar::ScalarKind;
use crate::deployment::manifest::validation::noun;
use crate::deployment::manifest::workload::Object;
use crate::deployment::manifest::yaml::{NodeId, Stream, Value};
use crate::shown::Abridged;

/// The controllers whose pods run until replaced: their template may not
/// set `activeDeadlineSeconds` (`ValidatePodTemplateSpecForReplicaSet` and
/// its siblings).
const LONG_RUNNING: &[&str] = &[
    "Deployment",
    "ReplicaSet",
    "ReplicationController",
    "StatefulSet",
    "DaemonSet",
];

/// Why the API server refuses the spec of `workload`, whose pod spec is
/// `pod`, each with the node it is about.
pub(super) fn refused(
    stream: &Stream,
    workload: &Object<'_>,
    pod: NodeId,
) -> Vec<(NodeId, String)> {
    let mut check = Check {
        stream,
        found: Vec::new(),
    };
    if let Some(spec) = stream.get(workload.node, "spec") {
        match workload.kind {
            "Deployment" => check.deployment(spec),
            "ReplicaSet" | "ReplicationController" => {
                check.non_negative(spec, "replicas", "replicas", 32);
                check.non_negative(spec, "minReadySeconds", "minReadySeconds", 32);
            }
            "StatefulSet" => check.stateful_set(spec),
            "DaemonSet" => check.daemon_set(spec),
            "Job" => check.job(spec, pod, workload.name),
            "CronJob" => check.cron_job(spec, pod, workload.name, workload.node),
            _ => {}
        }
    }
    if LONG_RUNNING.contains(&workload.kind)
        && let Some(node) = check.present(pod, "activeDeadlineSeconds")
    {
        let why = format!(
            "its pods set activeDeadlineSeconds, which a {}'s pods may not (they run until \
             replaced)",
            workload.kind
        );
        check.refuse(node, why);
    }
    let title = workload.title();
    check
        .found
        .into_iter()
        .map(|(node, why)| (node, format!("the {title}: {why}: Kubernetes rejects it")))
        .collect()
}

/// A `maxSurge` or `maxUnavailable` (an `IntOrString`) as read: a count,
/// a percentage, or refused (said already).
#[derive(Clone, Copy, PartialEq)]
enum Amount {
    Count(i64),
    Percent(u64),
    Refused,
}

impl Amount {
    fn is_zero(self) -> bool {
        matches!(self, Amount::Count(0) | Amount::Percent(0))
    }

    fn shown(self) -> String {
        match self {
            Amount::Count(n) => n.to_string(),
            Amount::Percent(p) => format!("{p}%"),
            Amount::Refused => String::new(),
        }
    }
}

struct Check<'s> {
    stream: &'s Stream,
    found: Vec<(NodeId, String)>,
}

impl<'s> Check<'s> {
    fn refuse(&mut self, node: NodeId, why: String) {
        self.found.push((node, why));
    }

    /// The node at `key` of `map`, unless it is left out or null.
    fn present(&self, map: NodeId, key: &str) -> Option<NodeId> {
        let node = self.stream.get(map, key)?;
        match self.stream.node(node).value {
            Value::Scalar(_, ScalarKind::Null) => None,
            _ => Some(node),
        }
    }

    /// The mapping at `key` of `map` (`path` in messages); `None` when it
    /// is left out or null, or is no mapping (then refused: the request
    /// does not decode).
    fn mapping(&mut self, map: NodeId, key: &str, path: &str) -> Option<NodeId> {
        let node = self.present(map, key)?;
        match &self.stream.node(node).value {
            Value::Map(_) => Some(node),
            other => {
                let why = format!("its {path} is {}, not a mapping", noun(other));
                self.refuse(node, why);
                None
            }
        }
    }

    /// The whole number at `key`, an integer of `bits` bits; `None` when
    /// it is left out or null, or refused for its type or size.
    fn number(&mut self, map: NodeId, key: &str, path: &str, bits: u32) -> Option<(i64, NodeId)> {
        let node = self.present(map, key)?;
        let value = &self.stream.node(node).value;
        let why = match (value, self.stream.integer(node)) {
            (_, Some(n)) if bits == 64 || i32::try_from(n).is_ok() => return Some((n, node)),
            (_, Some(n)) => format!("its {path} {n} is beyond a 32-bit integer"),
            (Value::Scalar(text, ScalarKind::Number), None) => {
                format!("its {path} is {}, not a whole number", Abridged::name(text))
            }
            (Value::Scalar(text, ScalarKind::String), None) => format!(
                "its {path} is the string {}, not a whole number (unquote it)",
                shown_value(text)
            ),
            (other, None) => format!("its {path} is {}, not a whole number", noun(other)),
        };
        self.refuse(node, why);
        None
    }

    /// A count that may not be negative (`ValidateNonnegativeField`).
    fn non_negative(&mut self, map: NodeId, key: &str, path: &str, bits: u32) -> Option<i64> {
        let (n, node) = self.number(map, key, path, bits)?;
        if n < 0 {
            self.refuse(node, format!("its {path} is {n}, below 0"));
            return None;
        }
        Some(n)
    }

    /// The `updateStrategy` of a StatefulSet's or DaemonSet's `spec`, when
    /// it is a mapping, and its `type` (`RollingUpdate` when left out;
    /// `None` when refused).
    fn update_strategy(&mut self, spec: NodeId) -> Option<(Option<&'s str>, NodeId)> {
        let strategy = self.mapping(spec, "updateStrategy", "updateStrategy")?;
        let types = &["RollingUpdate", "OnDelete"];
        let default = ("RollingUpdate", true);
        let kind = self.choice(strategy, "type", "updateStrategy.type", default, types);
        Some((kind, strategy))
    }

    /// The string at `key`, one of `allowed`: `default` when it is left
    /// out or null, or empty when `empty_is_default` (a string field the
    /// defaults fill, not a pointer). `None` when refused.
    fn choice(
        &mut self,
        map: NodeId,
        key: &str,
        path: &str,
        (default, empty_is_default): (&'static str, bool),
        allowed: &[&'static str],
    ) -> Option<&'s str> {
        let stream = self.stream;
        let Some(node) = self.present(map, key) else {
            return Some(default);
        };
        let value = match &stream.node(node).value {
            Value::Scalar(text, ScalarKind::String) if text.is_empty() && empty_is_default => {
                return Some(default);
            }
            Value::Scalar(text, ScalarKind::String) => text.as_str(),
            other => {
                let why = format!("its {path} is {}, not a string", noun(other));
                self.refuse(node, why);
                return None;
            }
        };
        if allowed.contains(&value) {
            return Some(value);
        }
        let why = format!(
            "its {path} is {}, where Kubernetes takes only {}",
            Abridged::name(value),
            listed(allowed)
        );
        self.refuse(node, why);
        None
    }

    /// A `maxSurge` or `maxUnavailable`: a count, not negative, or a
    /// percentage of digits and `%` (`ValidatePositiveIntOrPercent`); a
    /// quoted number is a string, and no percentage. `default` when it is
    /// left out or null.
    fn amount(&mut self, map: NodeId, key: &str, path: &str, default: Amount) -> Amount {
        let Some(node) = self.present(map, key) else {
            return default;
        };
        match &self.stream.node(node).value {
            Value::Scalar(text, ScalarKind::String) => {
                let digits = text.strip_suffix('%').unwrap_or("");
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    // Only whether it is above 100 matters: saturate.
                    let percent = digits.parse().unwrap_or(u64::MAX);
                    return Amount::Percent(percent);
                }
                let why = format!(
                    "its {path} is {}, neither a whole number nor a percentage like 25% (a \
                     quoted number is a string)",
                    shown_value(text)
                );
                self.refuse(node, why);
                Amount::Refused
            }
            _ => match self.non_negative(map, key, path, 32) {
                Some(n) => Amount::Count(n),
                None => Amount::Refused,
            },
        }
    }

    /// A percentage above 100% (`IsNotMoreThan100Percent`).
    fn at_most_all(&mut self, map: NodeId, key: &str, path: &str, amount: Amount) {
        if let (Amount::Percent(p), Some(node)) = (amount, self.present(map, key))
            && p > 100
        {
            self.refuse(
                node,
                format!("its {path} is {}, above 100%", amount.shown()),
            );
        }
    }

    /// `SetDefaults_Deployment`: a `strategy` left out is `RollingUpdate`,
    /// its `maxSurge` and `maxUnavailable` 25% each; `progressDeadlineSeconds`
    /// is 600.
    fn deployment(&mut self, spec: NodeId) {
        self.non_negative(spec, "replicas", "replicas", 32);
        let ready = self.non_negative(spec, "minReadySeconds", "minReadySeconds", 32);
        self.non_negative(spec, "revisionHistoryLimit", "revisionHistoryLimit", 32);
        let deadline = "progressDeadlineSeconds";
        let progress = match self.present(spec, deadline) {
            None => Some((600, " (the default)")),
            Some(_) => self
                .non_negative(spec, deadline, deadline, 32)
                .map(|n| (n, "")),
        };
        if let (Some(ready), Some((progress, default))) = (ready, progress)
            && progress <= ready
        {
            let node = self.present(spec, deadline).unwrap_or(spec);
            let why = format!(
                "its progressDeadlineSeconds is {progress}{default}, not above its \
                 minReadySeconds {ready}"
            );
            self.refuse(node, why);
        }
        let strategy = self.mapping(spec, "strategy", "strategy");
        let types = &["Recreate", "RollingUpdate"];
        let default = ("RollingUpdate", true);
        let kind = match strategy {
            Some(strategy) => self.choice(strategy, "type", "strategy.type", default, types),
            None => Some("RollingUpdate"),
        };
        let path = "strategy.rollingUpdate";
        let rolling = strategy.and_then(|strategy| self.mapping(strategy, "rollingUpdate", path));
        match (kind, rolling) {
            (Some("Recreate"), Some(rolling)) => {
                let why = "its strategy is Recreate and has a rollingUpdate, which only the \
                           RollingUpdate strategy takes (remove it, or set type: RollingUpdate)";
                self.refuse(rolling, why.to_owned());
            }
            (Some("RollingUpdate"), Some(rolling)) => {
                let default = Amount::Percent(25);
                let surge = self.amount(rolling, "maxSurge", &format!("{path}.maxSurge"), default);
                let key = "maxUnavailable";
                let unavailable = self.amount(rolling, key, &format!("{path}.{key}"), default);
                self.at_most_all(rolling, key, &format!("{path}.{key}"), unavailable);
                if surge.is_zero() && unavailable.is_zero() {
                    let why = format!(
                        "its {path} has maxSurge and maxUnavailable both 0, so no rollout \
                         could start a pod nor stop one"
                    );
                    self.refuse(rolling, why);
                }
            }
            _ => {}
        }
    }

    /// `SetDefaults_StatefulSet`: `podManagementPolicy` is `OrderedReady`,
    /// `updateStrategy.type` `RollingUpdate` with a partition of 0; a
    /// `persistentVolumeClaimRetentionPolicy`'s two fields `Retain`. Its
    /// `rollingUpdate.maxUnavailable` is dropped unless the alpha feature
    /// `MaxUnavailableStatefulSet` is on (it is off by default), so it is
    /// not read.
    fn stateful_set(&mut self, spec: NodeId) {
        self.non_negative(spec, "replicas", "replicas", 32);
        self.non_negative(spec, "minReadySeconds", "minReadySeconds", 32);
        let policies = &["OrderedReady", "Parallel"];
        let default = ("OrderedReady", true);
        self.choice(
            spec,
            "podManagementPolicy",
            "podManagementPolicy",
            default,
            policies,
        );
        if let Some(ordinals) = self.mapping(spec, "ordinals", "ordinals") {
            self.non_negative(ordinals, "start", "ordinals.start", 32);
        }
        let retention = "persistentVolumeClaimRetentionPolicy";
        if let Some(policy) = self.mapping(spec, retention, retention) {
            for key in ["whenDeleted", "whenScaled"] {
                let path = format!("{retention}.{key}");
                self.choice(policy, key, &path, ("Retain", true), &["Retain", "Delete"]);
            }
        }
        let Some((kind, strategy)) = self.update_strategy(spec) else {
            return;
        };
        let path = "updateStrategy.rollingUpdate";
        let rolling = self.mapping(strategy, "rollingUpdate", path);
        match (kind, rolling) {
            (Some("OnDelete"), Some(rolling)) => {
                let why = "its updateStrategy is OnDelete and has a rollingUpdate, which only the \
                           RollingUpdate strategy takes";
                self.refuse(rolling, why.to_owned());
            }
            (Some("RollingUpdate"), Some(rolling)) => {
                self.non_negative(rolling, "partition", &format!("{path}.partition"), 32);
            }
            _ => {}
        }
    }

    /// `SetDefaults_DaemonSet`: `updateStrategy.type` is `RollingUpdate`,
    /// its `maxUnavailable` 1 and `maxSurge` 0. Of the two, exactly one is
    /// not 0. An `OnDelete` strategy's `rollingUpdate` is not read.
    fn daemon_set(&mut self, spec: NodeId) {
        self.non_negative(spec, "minReadySeconds", "minReadySeconds", 32);
        self.non_negative(spec, "revisionHistoryLimit", "revisionHistoryLimit", 32);
        let Some((kind, strategy)) = self.update_strategy(spec) else {
            return;
        };
        let path = "updateStrategy.rollingUpdate";
        let rolling = match kind {
            Some("RollingUpdate") => self.mapping(strategy, "rollingUpdate", path),
            _ => None,
        };
        let Some(rolling) = rolling else {
            return;
        };
        let surge_path = format!("{path}.maxSurge");
        let unavailable_path = format!("{path}.maxUnavailable");
        let surge = self.amount(rolling, "maxSurge", &surge_path, Amount::Count(0));
        let key = "maxUnavailable";
        let unavailable = self.amount(rolling, key, &unavailable_path, Amount::Count(1));
        self.at_most_all(rolling, key, &unavailable_path, unavailable);
        self.at_most_all(rolling, "maxSurge", &surge_path, surge);
        if surge == Amount::Refused || unavailable == Amount::Refused {
            return;
        }
        let default = match self.present(rolling, key) {
            None => " (the default)",
            Some(_) => "",
        };
        if !surge.is_zero() && !unavailable.is_zero() {
            let node = self.present(rolling, "maxSurge").unwrap_or(rolling);
            let why = format!(
                "its {path} has maxSurge {} and maxUnavailable {}{default}, where a DaemonSet \
                 takes only one of them above 0 (set maxUnavailable: 0 to surge)",
                surge.shown(),
                unavailable.shown()
            );
            self.refuse(node, why);
        } else if surge.is_zero() && unavailable.is_zero() {
            let why = format!("its {path} has maxSurge and maxUnavailable both 0");
            self.refuse(rolling, why);
        }
    }
}

/// `A or B`, `A, B or C`.
fn listed(allowed: &[&str]) -> String {
    match allowed {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A value as written (not secret: these are the workload's settings).
fn shown_value(value: &str) -> String {
    format!("{:?}", Abridged::name(value).to_string())
}

#[cfg(test)]
#[path = "workload_spec_rules_tests.rs"]
mod tests;
