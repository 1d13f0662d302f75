//! What the API server (Kubernetes v1.32) refuses of a Job's spec
//! (`validateJobSpec`, `ValidateJob`) and of a CronJob's
//! (`validateCronJobSpec`, `validateScheduleFormat`, `validateTimeZone`,
//! `validateConcurrencyPolicy`, `ValidateCronJobCreate`), after the v1
//! defaults.

#[path = "cron_schedule.rs"]
mod cron_schedule;

use super::{Check, shown_value};
use crate::deployment::manifest::scalar::ScalarKind;
use crate::deployment::manifest::service_rules::dns_1123_label;
use crate::deployment::manifest::validation::noun;
use crate::deployment::manifest::yaml::{NodeId, Value};
use crate::shown::Abridged;

/// An indexed Job's parallelism and failed indexes, at most.
const MAX_INDEXED: i64 = 100_000;

impl Check<'_> {
    /// A Job's spec, or a CronJob's job template's (`name` empty). Its
    /// `completionMode` left out is `NonIndexed`; `parallelism` and
    /// `completions` both left out are 1 (`SetDefaults_Job`).
    pub(super) fn job(&mut self, spec: NodeId, pod: NodeId, name: &str) {
        let parallelism = self.non_negative(spec, "parallelism", "parallelism", 32);
        let completions = self.non_negative(spec, "completions", "completions", 32);
        let deadline = "activeDeadlineSeconds";
        self.non_negative(spec, deadline, deadline, 64);
        self.non_negative(spec, "backoffLimit", "backoffLimit", 32);
        let ttl = "ttlSecondsAfterFinished";
        self.non_negative(spec, ttl, ttl, 32);
        let per_index = "backoffLimitPerIndex";
        self.non_negative(spec, per_index, per_index, 32);
        let max_failed = self.non_negative(spec, "maxFailedIndexes", "maxFailedIndexes", 32);
        if let Some(node) = self.present(spec, "maxFailedIndexes")
            && self.present(spec, per_index).is_none()
        {
            let why = "its maxFailedIndexes is set without backoffLimitPerIndex".to_owned();
            self.refuse(node, why);
        }
        let modes = &["NonIndexed", "Indexed"];
        let default = ("NonIndexed", false);
        let mode = self.choice(spec, "completionMode", "completionMode", default, modes);
        if mode == Some("Indexed") {
            let counts = (parallelism, completions, max_failed);
            self.refused_indexed(spec, name, counts);
        }
        if mode == Some("NonIndexed") {
            for key in [per_index, "maxFailedIndexes"] {
                if let Some(node) = self.present(spec, key) {
                    let why = format!("its {key} needs completionMode: Indexed");
                    self.refuse(node, why);
                }
            }
        }
        // `podFailurePolicy` takes only pods that are not restarted, and
        // only pods replaced once they have failed.
        let failure_policy = self.present(spec, "podFailurePolicy").is_some();
        let allowed: &[&str] = match failure_policy {
            true => &["Failed"],
            false => &["TerminatingOrFailed", "Failed"],
        };
        let key = "podReplacementPolicy";
        if self.present(spec, key).is_some() {
            self.choice(spec, key, key, ("", false), allowed);
        }
        if failure_policy
            && let Some(node) = self.present(pod, "restartPolicy")
            && self.stream.str(node) == Some("OnFailure")
        {
            let why = "it has a podFailurePolicy, which takes only pods with restartPolicy: Never";
            self.refuse(node, why.to_owned());
        }
    }

    /// An Indexed Job: `completions` is required (it is defaulted to 1 only
    /// when `parallelism` is left out too; a CronJob's job template may not
    /// be given that default, but is not refused here without both);
    /// `parallelism` and `maxFailedIndexes` are bounded; and, for a Job of
    /// its own, each pod's hostname, the Job's name and its index, is a
    /// DNS-1123 label.
    fn refused_indexed(
        &mut self,
        spec: NodeId,
        name: &str,
        (parallelism, completions, max_failed): (Option<i64>, Option<i64>, Option<i64>),
    ) {
        let mode = self.present(spec, "completionMode").unwrap_or(spec);
        if self.present(spec, "completions").is_none()
            && self.present(spec, "parallelism").is_some()
        {
            let why = "its completionMode is Indexed, which needs completions".to_owned();
            self.refuse(mode, why);
        }
        if let Some(n) = parallelism.filter(|&n| n > MAX_INDEXED) {
            let node = self.present(spec, "parallelism").unwrap_or(spec);
            let why = format!("its parallelism {n} is above {MAX_INDEXED}, an Indexed Job's most");
            self.refuse(node, why);
        }
        if let Some(failed) = max_failed {
            let node = self.present(spec, "maxFailedIndexes").unwrap_or(spec);
            if let Some(completions) = completions.filter(|&c| failed > c) {
                let why =
                    format!("its maxFailedIndexes {failed} is above its completions {completions}");
                self.refuse(node, why);
            } else if failed > MAX_INDEXED {
                let why = format!("its maxFailedIndexes {failed} is above {MAX_INDEXED}");
                self.refuse(node, why);
            }
        }
        if let Some(last) = completions.filter(|&c| c > 0 && !name.is_empty()) {
            let host = format!("{name}-{}", last - 1);
            if !dns_1123_label(&host) {
                let why = format!(
                    "its last pod's hostname would be {}, which is no DNS-1123 label (at most \
                     63 characters): shorten its name",
                    Abridged::name(&host)
                );
                self.refuse(mode, why);
            }
        }
    }

    /// `SetDefaults_CronJob`: `concurrencyPolicy` is `Allow`. A CronJob's
    /// name is at most 52 characters: its Jobs' names add 11.
    pub(super) fn cron_job(&mut self, spec: NodeId, pod: NodeId, name: &str, object: NodeId) {
        if name.chars().count() > 52 {
            let why = format!(
                "its name is {} characters long, where a CronJob's is at most 52 (the names of \
                 its Jobs add 11)",
                name.chars().count()
            );
            self.refuse(object, why);
        }
        self.schedule(spec);
        self.time_zone(spec);
        let deadline = "startingDeadlineSeconds";
        self.non_negative(spec, deadline, deadline, 64);
        let policies = &["Allow", "Forbid", "Replace"];
        let default = ("Allow", true);
        self.choice(
            spec,
            "concurrencyPolicy",
            "concurrencyPolicy",
            default,
            policies,
        );
        for key in ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"] {
            self.non_negative(spec, key, key, 32);
        }
        let template = self.mapping(spec, "jobTemplate", "jobTemplate");
        if let Some(job) = template.and_then(|t| self.mapping(t, "spec", "jobTemplate.spec")) {
            self.job(job, pod, "");
        }
    }

    fn schedule(&mut self, spec: NodeId) {
        let Some(node) = self.present(spec, "schedule") else {
            self.refuse(spec, "it has no schedule".to_owned());
            return;
        };
        let schedule = match &self.stream.node(node).value {
            Value::Scalar(text, ScalarKind::String) => text.as_str(),
            other => {
                let why = format!("its schedule is {}, not a string (quote it)", noun(other));
                self.refuse(node, why);
                return;
            }
        };
        let shown = shown_value(schedule);
        let why = if schedule.is_empty() {
            "it has no schedule".to_owned()
        } else if schedule.contains("TZ") {
            format!(
                "its schedule {shown} names a time zone (TZ or CRON_TZ), which Kubernetes takes \
                 only in timeZone"
            )
        } else if let Some(why) = cron_schedule::refused(schedule) {
            format!("its schedule {shown} is no cron schedule: {why}")
        } else {
            return;
        };
        self.refuse(node, why);
    }

    /// `validateTimeZone`: a name of the time zone database, each part of
    /// at most 14 letters, digits, `.`, `-`, `_` and `+`, not `.` nor `..`
    /// nor starting with `-`; not `Local`. Whether the database has the
    /// name is not checked here.
    fn time_zone(&mut self, spec: NodeId) {
        let Some(node) = self.present(spec, "timeZone") else {
            return;
        };
        let zone = match &self.stream.node(node).value {
            Value::Scalar(text, ScalarKind::String) => text.as_str(),
            other => {
                let why = format!("its timeZone is {}, not a string", noun(other));
                self.refuse(node, why);
                return;
            }
        };
        let part_ok = |part: &str| {
            (1..=14).contains(&part.len())
                && part != "."
                && part != ".."
                && !part.starts_with('-')
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-+".contains(&b))
        };
        let why = if zone.is_empty() {
            "its timeZone is empty (leave it out for the cluster's own)".to_owned()
        } else if !zone.split('/').all(part_ok) {
            format!("its timeZone {} is no time zone name", shown_value(zone))
        } else if zone.eq_ignore_ascii_case("Local") {
            "its timeZone is Local, where Kubernetes takes only an explicit IANA time zone"
                .to_owned()
        } else {
            return;
        };
        self.refuse(node, why);
    }
}
