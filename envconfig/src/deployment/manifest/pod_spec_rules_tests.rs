//! A pod spec as `ValidatePodSpec` takes it. Ported cases, of
//! `pkg/apis/core/validation/validation_test.go`: `TestValidateVolumeMounts`
//! (the success case's mounts, subPaths `baz`, `.baz` and `..baz`; "empty
//! name", "name not found", "empty mountpath", "mountpath collision",
//! "absolute subpath", "subpath in ..", "subpath contains ..", "subpath ends
//! in .."), `TestValidateContainerPorts` (its success cases; "name > 15
//! characters", "name contains invalid characters", "name is a number",
//! "name not unique", "zero container port", "invalid container port",
//! "invalid host port", "invalid protocol case", "invalid protocol";
//! "protocol required" is accepted, as the v1 defaults make it TCP),
//! `TestValidateContainers` ("zero-length name", "name > 63 characters",
//! "name not a DNS label", "name not unique" is `duplicate_names`', and
//! "zero-length image"), and `TestValidateVolumes` ("zero-length name",
//! "name > 63 characters", "name has dots", "name not a DNS label",
//! "duplicate names", "empty secretName" of a Secret source, "empty
//! name" of a ConfigMap source, "absolute path", "dot dot path", "dot dot
//! first level dirent" of `items`).

use super::refused;
use crate::deployment::manifest::yaml::{NodeId, Stream};

/// The stream of a document holding the pod spec `spec` (YAML, as under
/// `spec:`), and the spec's node.
pub(crate) fn parsed_spec(spec: &str) -> (Stream, NodeId) {
    let text = format!(
        "spec:\n{}",
        spec.lines()
            .map(|line| format!("  {line}\n"))
            .collect::<String>()
    );
    let stream = Stream::parse(&text, |_, _| true).expect("the spec parses");
    let pod = stream
        .get(stream.documents[0].root, "spec")
        .expect("a spec");
    (stream, pod)
}

/// The reasons the API server refuses the pod spec `spec` (YAML, as under
/// `spec:` of a Pod), each without its common ending.
pub(crate) fn reasons(spec: &str) -> Vec<String> {
    let (stream, pod) = parsed_spec(spec);
    refused(&stream, pod, true, &[])
        .into_iter()
        .map(|(_, why)| {
            let why = why.strip_suffix(": Kubernetes rejects the pod");
            why.expect("the common ending").to_owned()
        })
        .collect()
}

/// A pod of one container `api` with `container` (as under `- name: api`)
/// and `volumes` (as under `volumes:`).
fn pod(container: &str, volumes: &str) -> String {
    let indent = |text: &str, by: usize| -> String {
        text.lines()
            .map(|line| format!("{:by$}{line}\n", ""))
            .collect()
    };
    format!(
        "containers:\n- name: api\n  image: api:1\n{}volumes:\n{}",
        indent(container, 2),
        indent(volumes, 0)
    )
}

const VOLUMES: &str = "- name: abc\n  emptyDir: {}\n- name: '123'\n  emptyDir: {}\n\
                       - name: abc-123\n  emptyDir: {}\n";

#[test]
fn volume_mounts_as_validate_volume_mounts_takes_them() {
    let success = "volumeMounts:\n- {name: abc, mountPath: /foo}\n- {name: '123', mountPath: /bar}\n\
                   - {name: abc-123, mountPath: /baz}\n- {name: abc-123, mountPath: /baa, subPath: ''}\n\
                   - {name: abc-123, mountPath: /bab, subPath: baz}\n\
                   - {name: abc-123, mountPath: /bac, subPath: .baz}\n\
                   - {name: abc-123, mountPath: /bad, subPath: ..baz}\n";
    assert_eq!(reasons(&pod(success, VOLUMES)), Vec::<String>::new());
    for (case, mounts, why) in [
        (
            "empty name",
            "{name: '', mountPath: /foo}",
            "a volume mount names no volume",
        ),
        (
            "name not found",
            "{name: foo, mountPath: /foo}",
            "it mounts the volume foo, which the pod does not have",
        ),
        (
            "empty mountpath",
            "{name: abc, mountPath: ''}",
            "a volume mount has no mountPath",
        ),
        (
            "mountpath collision",
            "{name: abc, mountPath: /path/a}\n- {name: '123', mountPath: /path/a}",
            "it mounts two volumes at /path/a",
        ),
        (
            "absolute subpath",
            "{name: abc, mountPath: /bar, subPath: /baz}",
            "the subPath of a volume mount is absolute, where a relative path is required",
        ),
        (
            "subpath in ..",
            "{name: abc, mountPath: /bar, subPath: ../baz}",
            "the subPath of a volume mount has a `..` part",
        ),
        (
            "subpath contains ..",
            "{name: abc, mountPath: /bar, subPath: baz/../bat}",
            "the subPath of a volume mount has a `..` part",
        ),
        (
            "subpath ends in ..",
            "{name: abc, mountPath: /bar, subPath: ./..}",
            "the subPath of a volume mount has a `..` part",
        ),
    ] {
        let container = format!("volumeMounts:\n- {mounts}\n");
        let reasons = reasons(&pod(&container, VOLUMES));
        assert_eq!(reasons, [format!("the container api: {why}")], "{case}");
    }
}

#[test]
fn ports_as_validate_container_ports_takes_them() {
    let success = "ports:\n- {name: abc, containerPort: 80, hostPort: 80, protocol: TCP}\n\
                   - {name: easy, containerPort: 82, protocol: TCP}\n\
                   - {name: as, containerPort: 83, protocol: UDP}\n\
                   - {name: do-re-me, containerPort: 84, protocol: SCTP}\n\
                   - {containerPort: 85, protocol: TCP}\n\
                   - {name: no-protocol, containerPort: 86}\n";
    assert_eq!(reasons(&pod(success, VOLUMES)), Vec::<String>::new());
    let long = "a".repeat(16);
    for (case, port, why) in [
        (
            "name > 15 characters",
            format!("{{name: {long}, containerPort: 80}}"),
            format!("its port name {long} is no port name"),
        ),
        (
            "name contains invalid characters",
            "{name: a.b.c, containerPort: 80}".into(),
            "its port name a.b.c is no port name".into(),
        ),
        (
            "name is a number",
            "{name: '80', containerPort: 80}".into(),
            "its port name 80 is no port name".into(),
        ),
        (
            "name not unique",
            "{name: abc, containerPort: 80}\n- {name: abc, containerPort: 81}".into(),
            "two of its ports are named abc".into(),
        ),
        (
            "zero container port",
            "{containerPort: 0}".into(),
            "a port has no containerPort".into(),
        ),
        (
            "invalid container port",
            "{containerPort: 65536}".into(),
            "its containerPort 65536 is not between 1 and 65535".into(),
        ),
        (
            "invalid host port",
            "{containerPort: 80, hostPort: 65536}".into(),
            "its hostPort 65536 is not between 1 and 65535".into(),
        ),
        (
            "invalid protocol case",
            "{containerPort: 80, protocol: tcp}".into(),
            "its port protocol tcp is none of TCP, UDP and SCTP".into(),
        ),
        (
            "invalid protocol",
            "{containerPort: 80, protocol: ICMP}".into(),
            "its port protocol ICMP is none of TCP, UDP and SCTP".into(),
        ),
        (
            "a quoted number (no upstream case)",
            "{containerPort: '80'}".into(),
            "its containerPort is a string, not a whole number".into(),
        ),
    ] {
        let reasons = reasons(&pod(&format!("ports:\n- {port}\n"), VOLUMES));
        assert_eq!(reasons.len(), 1, "{case}: {reasons:?}");
        assert!(
            reasons[0].starts_with(&format!("the container api: {why}")),
            "{case}: {reasons:?}"
        );
    }
}

#[test]
fn containers_as_validate_containers_takes_them() {
    let long = "a".repeat(64);
    for (case, container, why) in [
        (
            "zero-length name",
            "- name: ''\n  image: image".to_owned(),
            "a container: it has no name",
        ),
        (
            "name > 63 characters",
            format!("- name: {long}\n  image: image"),
            "is no DNS-1123 label",
        ),
        (
            "name not a DNS label",
            "- name: a.b.c\n  image: image".to_owned(),
            "the container a.b.c: its name a.b.c is no DNS-1123 label",
        ),
        (
            "name with capitals (no upstream case)",
            "- name: Api\n  image: image".to_owned(),
            "the container Api: its name Api is no DNS-1123 label",
        ),
        (
            "zero-length image",
            "- name: abc\n  image: ''".to_owned(),
            "the container abc: it has no image",
        ),
        (
            "no image (no upstream case)",
            "- name: abc".to_owned(),
            "the container abc: it has no image",
        ),
        (
            "an image left to a value that is not set (no upstream case)",
            "- name: abc\n  image:".to_owned(),
            "the container abc: it has no image",
        ),
        (
            "a padded image of a pod (validateContainerOnlyForPod)",
            "- name: abc\n  image: ' image'".to_owned(),
            "the container abc: its image starts or ends with a space",
        ),
    ] {
        let reasons = reasons(&format!("containers:\n{container}\n"));
        assert_eq!(reasons.len(), 1, "{case}: {reasons:?}");
        assert!(reasons[0].contains(why), "{case}: {reasons:?}");
    }
    let reasons = reasons("initContainers:\n- name: init\n  image: init:1\n");
    assert_eq!(reasons, ["the pod has no containers"]);
    // A template's container may pad its image.
    let text = "spec:\n  containers:\n  - name: abc\n    image: ' image'\n";
    let stream = Stream::parse(text, |_, _| true).expect("the spec parses");
    let pod = stream
        .get(stream.documents[0].root, "spec")
        .expect("a spec");
    assert!(refused(&stream, pod, false, &[]).is_empty());
}

#[test]
fn volumes_as_validate_volumes_takes_them() {
    let success = "- name: abc\n  emptyDir: {}\n- name: s\n  secret:\n    secretName: s\n    items:\n    \
                   - {key: a, path: a/b}\n    - {key: b, path: b..}\n- name: d\n  downwardAPI:\n    items:\n    \
                   - path: labels\n      fieldRef: {fieldPath: metadata.labels}\n";
    assert_eq!(reasons(&pod("", success)), Vec::<String>::new());
    for (case, volumes, why) in [
        (
            "zero-length name",
            "- name: ''\n  emptyDir: {}",
            "a volume has no name",
        ),
        (
            "name > 63 characters",
            &*format!("- name: {}\n  emptyDir: {{}}", "a".repeat(64)),
            "is no DNS-1123 label",
        ),
        (
            "name has dots",
            "- name: a.b.c\n  emptyDir: {}",
            "the volume name a.b.c is no DNS-1123 label",
        ),
        (
            "name not a DNS label",
            "- name: Not a DNS label\n  emptyDir: {}",
            "the volume name Not a DNS label is no DNS-1123 label",
        ),
        (
            "duplicate names",
            "- name: abc\n  emptyDir: {}\n- name: abc\n  emptyDir: {}",
            "two volumes are named abc",
        ),
        (
            "empty secretName",
            "- name: s\n  secret: {secretName: ''}",
            "the volume s: its secret source has no secretName",
        ),
        (
            "empty name (ConfigMap)",
            "- name: c\n  configMap: {}",
            "the volume c: its configMap source has no name",
        ),
        (
            "empty name (projected Secret)",
            "- name: p\n  projected:\n    sources:\n    - secret: {}",
            "the volume p: its secret source has no name",
        ),
        (
            "absolute path",
            "- name: s\n  secret:\n    secretName: s\n    items: [{key: a, path: /a}]",
            "the volume s: an item's path is absolute",
        ),
        (
            "dot dot path",
            "- name: s\n  secret:\n    secretName: s\n    items: [{key: a, path: ../a}]",
            "the volume s: an item's path has a `..` part",
        ),
        (
            "dot dot first level dirent",
            "- name: s\n  secret:\n    secretName: s\n    items: [{key: a, path: ..a}]",
            "the volume s: an item's path starts with `..`",
        ),
        (
            "an item without key (validateKeyToPath)",
            "- name: s\n  secret:\n    secretName: s\n    items: [{path: a}]",
            "the volume s: an item has no key",
        ),
        (
            "projected: a Secret and a ConfigMap write one path (validateProjectionSources)",
            "- name: p\n  projected:\n    sources:\n    - secret:\n        name: s\n        \
             items: [{key: a, path: TOKEN}]\n    - configMap:\n        name: c\n        \
             items: [{key: b, path: TOKEN}]",
            "the volume p: its sources write the path TOKEN twice (conflicting duplicate paths)",
        ),
        (
            "projected: one source's items write one path twice",
            "- name: p\n  projected:\n    sources:\n    - secret:\n        name: s\n        \
             items: [{key: a, path: x/TOKEN}, {key: b, path: x/TOKEN}]",
            "the volume p: its sources write the path x/TOKEN twice",
        ),
        (
            "projected: a downwardAPI item and a clusterTrustBundle write one path",
            "- name: p\n  projected:\n    sources:\n    - downwardAPI:\n        \
             items: [{path: ca.pem, fieldRef: {fieldPath: metadata.name}}]\n    \
             - clusterTrustBundle: {signerName: example.com/ca, path: ca.pem}",
            "the volume p: its sources write the path ca.pem twice",
        ),
    ] {
        let reasons = reasons(&pod("", volumes));
        assert_eq!(reasons.len(), 1, "{case}: {reasons:?}");
        assert!(reasons[0].contains(why), "{case}: {reasons:?}");
    }
}

/// Paths are compared as written, and a `serviceAccountToken`'s is not
/// among them (`validateProjectionSources`): these pods are taken.
#[test]
fn projected_paths_that_differ_as_written_are_taken() {
    for (case, volumes) in [
        (
            "`a` and `./a` differ as written",
            "- name: p\n  projected:\n    sources:\n    - secret:\n        name: s\n        \
             items: [{key: a, path: a}]\n    - configMap:\n        name: c\n        \
             items: [{key: b, path: ./a}]",
        ),
        (
            "a serviceAccountToken's path is not compared",
            "- name: p\n  projected:\n    sources:\n    - secret:\n        name: s\n        \
             items: [{key: a, path: token}]\n    - serviceAccountToken: {path: token}",
        ),
        (
            "two volumes may each write a path",
            "- name: p\n  projected:\n    sources:\n    - secret:\n        name: s\n        \
             items: [{key: a, path: TOKEN}]\n- name: q\n  projected:\n    sources:\n    \
             - secret:\n        name: s\n        items: [{key: a, path: TOKEN}]",
        ),
    ] {
        let reasons = reasons(&pod("", volumes));
        assert!(reasons.is_empty(), "{case}: {reasons:?}");
    }
}
