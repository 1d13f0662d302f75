//! An `env` entry's `valueFrom`, resolved as the kubelet resolves it: a
//! ConfigMap among the documents gives its value; a Secret's value, the
//! pod's fields and resources, and a ConfigMap that is not among the
//! documents are external. The entry is valid here: the API server's
//! rules were checked before ([`validation`](super::validation)).

use super::env::{Env, Setting, Var};
use super::expand::{longest_value, too_long_reason};
use super::facts::HowSet;
use super::validation::config_map_text;
use super::workload::Object;
use super::yaml::NodeId;
use crate::provenance::Provenance;
use crate::shown::Abridged;

impl Env<'_, '_> {
    /// A `valueFrom` reference; `None` when it is optional and its key is
    /// missing, which sets nothing.
    pub(super) fn value_from(
        &mut self,
        name: &str,
        from: NodeId,
        origin: Provenance,
    ) -> Option<Var> {
        let manifest = self.manifest;
        let stream = manifest.stream;
        let (kind, reference) = [
            "configMapKeyRef",
            "secretKeyRef",
            "fieldRef",
            "resourceFieldRef",
        ]
        .into_iter()
        .find_map(|kind| Some((kind, stream.get(from, kind)?)))?;
        let field = |key| Abridged::name(self.field(reference, key).unwrap_or("")).to_string();
        let external = |reason: String, optional: Option<String>| Var {
            how: HowSet {
                plain_text: None,
                optional,
            },
            ..Var::new(Setting::External(reason), origin.clone())
        };
        let (object_name, key) = (field("name"), self.field(reference, "key").unwrap_or(""));
        let optional = stream.is_true(reference, "optional").then(|| {
            format!(
                "the optional {kind} to {object_name} (key {})",
                Abridged::name(key)
            )
        });
        let shown_key = Abridged::name(key);
        let (objects, what) = match kind {
            "fieldRef" => {
                let reason = format!("from the pod's {} (fieldRef)", field("fieldPath"));
                return Some(external(reason, None));
            }
            "resourceFieldRef" => {
                let reason = format!(
                    "from the container's {} (resourceFieldRef)",
                    field("resource")
                );
                return Some(external(reason, None));
            }
            "configMapKeyRef" => (
                &manifest.config_maps,
                format!("the ConfigMap {object_name}"),
            ),
            _ => (&manifest.secrets, format!("the Secret {object_name}")),
        };
        let reference_name = self.field(reference, "name").unwrap_or("");
        let Some(index) = manifest.find(objects, reference_name, self.container) else {
            let reason = format!("from {what} (key {shown_key}), which is not among the documents");
            return Some(external(reason, optional));
        };
        let found = objects.key(stream, index, key);
        match (found, kind) {
            (None, _) if optional.is_some() => None,
            (None, _) => {
                let reason = format!(
                    "{what} has no key {shown_key}, and the reference is not optional: the \
                     container cannot start"
                );
                Some(Var::new(Setting::Undeployable(reason), origin))
            }
            (Some(value), "configMapKeyRef") => {
                let object = &objects.all[index];
                let length = stream.text(value).map_or(0, str::len);
                if !self.budget.charge(length) {
                    let reason = "not built: the environment's copies went past envconfig's bound";
                    return Some(Var::new(Setting::Unchecked(reason.into()), origin));
                }
                Some(Var {
                    node: Some(value),
                    how: HowSet {
                        optional,
                        ..self.in_config_map(object, value)
                    },
                    ..Var::new(
                        self.data_setting(name, value, object, key),
                        self.origin(value),
                    )
                })
            }
            (Some(_), _) => {
                let reason = format!("from {what} (key {shown_key}), never read");
                Some(external(reason, optional))
            }
        }
    }

    /// The value of a ConfigMap's key, which sets `name`: as long as
    /// Linux starts a process with, or the container would not start.
    pub(super) fn data_setting(
        &self,
        name: &str,
        value: NodeId,
        config_map: &Object<'_>,
        key: &str,
    ) -> Setting {
        match config_map_text(self.manifest.stream, value, config_map.name, key) {
            Ok(text) if text.len() > longest_value(name) => {
                Setting::Undeployable(too_long_reason())
            }
            Ok(text) => Setting::Known(text),
            Err(reason) => Setting::Undeployable(reason),
        }
    }

    /// A value written in a ConfigMap, in plain text.
    pub(super) fn in_config_map(&self, config_map: &Object<'_>, value: NodeId) -> HowSet {
        let written = format!("the ConfigMap {}", Abridged::name(config_map.name));
        HowSet {
            plain_text: Some((written, self.origin(value))),
            optional: None,
        }
    }
}
