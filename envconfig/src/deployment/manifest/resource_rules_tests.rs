//! A container's `resources` as the API server takes them. Ported cases,
//! of `pkg/apis/core/validation/validation_test.go`: `TestValidateContainers`
//! (the success cases "resources-test", "resources-test-with-request-and-limit",
//! "resources-request-limit-simple", "resources-request-limit-edge",
//! "resources-request-limit-partials", "resources-request"; the error cases
//! "invalid compute resource", "Resource CPU invalid", "Resource Requests
//! CPU invalid", "Resource Memory invalid", "Request limit simple invalid",
//! "Invalid storage limit request", "CPU request limit multiple invalid",
//! "Memory request limit multiple invalid") and `TestValidateResourceNames`
//! (every name, as a container's: the quota's names it accepts, such as
//! `requests.cpu`, no container has); of
//! `pkg/apis/core/v1/validation/validation_test.go`:
//! `TestValidateResourceRequirements` (every case) and
//! `TestValidateContainerResourceName` (every case).

use super::{name_refused, refused};
use crate::deployment::manifest::yaml::Stream;

/// The reasons the API server refuses a container with `resources` (YAML,
/// as under `resources:`).
fn reasons(resources: &str) -> Vec<String> {
    let indented: String = resources
        .lines()
        .map(|line| format!("  {line}\n"))
        .collect();
    let text = format!("name: api\nimage: api:1\nresources:\n{indented}");
    let stream = Stream::parse(&text, |_, _| true).expect("the container parses");
    refused(&stream, stream.documents[0].root)
        .into_iter()
        .map(|(_, why)| why)
        .collect()
}

#[test]
fn resources_as_validate_containers_takes_them() {
    for (case, resources) in [
        (
            "resources-test",
            "limits: {cpu: '10', memory: 10G, my.org/resource: '10'}",
        ),
        (
            "resources-test-with-request-and-limit",
            "requests: {cpu: '10', memory: 10G}\nlimits: {cpu: '10', memory: 10G}",
        ),
        (
            "resources-request-limit-simple",
            "requests: {cpu: '8'}\nlimits: {cpu: '10'}",
        ),
        (
            "resources-request-limit-edge",
            "requests: {cpu: '10', memory: 10G, my.org/resource: '10'}\n\
             limits: {cpu: '10', memory: 10G, my.org/resource: '10'}",
        ),
        (
            "resources-request-limit-partials",
            "requests: {cpu: '9.5', memory: 10G}\nlimits: {cpu: '10', my.org/resource: '10'}",
        ),
        ("resources-request", "requests: {cpu: '9.5', memory: 10G}"),
    ] {
        assert_eq!(reasons(resources), Vec::<String>::new(), "{case}");
    }
    let not_for_containers = "is none a container can have (cpu, memory, ephemeral-storage, \
                              hugepages-<size>, or an extended resource of a domain, such as \
                              example.com/gpu)";
    for (case, resources, why) in [
        // Upstream reports the name twice (no standard resource, and none
        // for containers); it is said once here.
        (
            "invalid compute resource",
            "limits: {disk: 10G}".to_owned(),
            format!("its resource name disk {not_for_containers}"),
        ),
        (
            "Resource CPU invalid",
            "limits: {cpu: '-10', memory: '0'}".to_owned(),
            "its cpu limit -10 is negative".to_owned(),
        ),
        (
            "Resource Requests CPU invalid",
            "requests: {cpu: '-10', memory: '0'}".to_owned(),
            "its cpu request -10 is negative".to_owned(),
        ),
        (
            "Resource Memory invalid",
            "limits: {cpu: '0', memory: '-10'}".to_owned(),
            "its memory limit -10 is negative".to_owned(),
        ),
        (
            "Request limit simple invalid",
            "limits: {cpu: '5', memory: '3'}\nrequests: {cpu: '6', memory: '3'}".to_owned(),
            "its cpu request 6 is above its limit 5".to_owned(),
        ),
        (
            "Invalid storage limit request",
            "limits: {attachable-volumes-aws-ebs: 10}".to_owned(),
            format!("its resource name attachable-volumes-aws-ebs {not_for_containers}"),
        ),
        (
            "CPU request limit multiple invalid",
            "limits: {cpu: '5', memory: '3'}\nrequests: {cpu: '6', memory: '3'}".to_owned(),
            "its cpu request 6 is above its limit 5".to_owned(),
        ),
        (
            "Memory request limit multiple invalid",
            "limits: {cpu: '5', memory: '3'}\nrequests: {cpu: '5', memory: '4'}".to_owned(),
            "its memory request 4 is above its limit 3".to_owned(),
        ),
    ] {
        assert_eq!(reasons(&resources), [why], "TestValidateContainers/{case}");
    }
}

/// `TestValidateResourceRequirements` of `pkg/apis/core/v1/validation`,
/// the kubelet's own check of a static pod, which asks less than the API
/// server: it takes a request of an extended resource without a limit,
/// and the API server does not (`validateResourceRequirements`).
#[test]
fn resources_as_validate_resource_requirements_takes_them() {
    for (case, resources) in [
        (
            "Resources with Requests equal to Limits",
            "requests: {cpu: '10', memory: 10G}\nlimits: {cpu: '10', memory: 10G}",
        ),
        (
            "Resources with only Limits",
            "limits: {cpu: '10', memory: 10G, my.org/resource: '10'}",
        ),
        (
            "Resources with Requests Less Than Limits",
            "requests: {cpu: '9', memory: 9G, my.org/resource: '9'}\n\
             limits: {cpu: '10', memory: 10G, my.org/resource: '9'}",
        ),
    ] {
        assert_eq!(reasons(resources), Vec::<String>::new(), "{case}");
    }
    assert_eq!(
        reasons("requests: {cpu: '10', memory: 10G, my.org/resource: '10'}"),
        [
            "it requests my.org/resource without a limit, which a request of an extended resource \
          needs, equal to the request"
        ],
        "Resources with only Requests"
    );
    assert_eq!(
        reasons(
            "limits: {cpu: '9', memory: 9G, my.org/resource: 9m}\n\
             requests: {cpu: '10', memory: 10G, my.org/resource: 10m}"
        ),
        [
            "its my.org/resource limit 9m is not a whole number, which an extended resource's \
             must be",
            "its my.org/resource request 10m is not a whole number, which an extended \
             resource's must be",
            "its cpu request 10 is above its limit 9",
            "its memory request 10G is above its limit 9G",
            "its my.org/resource request 10m differs from its limit 9m, where a request of an \
             extended resource must equal its limit",
        ],
        "Resources with Requests Larger Than Limits"
    );
    for (case, kind) in [
        ("Invalid Resources with Requests", "requests"),
        ("Invalid Resources with Limits", "limits"),
    ] {
        assert_eq!(
            reasons(&format!("{kind}: {{my.org: 10m}}")),
            [
                "its resource name my.org is none a container can have (cpu, memory, \
              ephemeral-storage, hugepages-<size>, or an extended resource of a domain, such as \
              example.com/gpu)"
            ],
            "{case}"
        );
    }
}

#[test]
fn resource_names_as_validate_container_resource_name_takes_them() {
    // TestValidateContainerResourceName (pkg/apis/core/v1/validation).
    let accepted = [
        "cpu",
        "memory",
        "hugepages-2Mi",
        "kubernetes.io/resource-foo",
        "my.org/resource-bar",
    ];
    let refused = ["cpu-core", "kubernetes.io/", "my.org-foo-resource"];
    // TestValidateResourceNames: its accepted names that are a
    // container's, then those no container has, then those it refuses.
    let long = format!("kubernetes.io/{}", "a".repeat(63));
    let too_long = format!("kubernetes.io/{}", "a".repeat(64));
    let accepted_too = ["memory", "cpu", "my.favorite.app.co/12345", &long];
    let quota_names = [
        "storage",
        "requests.cpu",
        "requests.memory",
        "requests.storage",
        "limits.cpu",
        "limits.memory",
    ];
    let refused_too = [
        "network",
        "disk",
        "",
        ".",
        "..",
        "my.favorite.app.co/_12345",
        "my.favorite.app.co/12345_",
        "kubernetes.io/..",
        &too_long,
        "kubernetes.io//",
        "kubernetes.io",
        "kubernetes.io/will/not/work/",
    ];
    for name in accepted.iter().chain(&accepted_too) {
        assert_eq!(name_refused(name), None, "{name}");
    }
    for name in refused.iter().chain(&quota_names).chain(&refused_too) {
        assert!(name_refused(name).is_some(), "{name}");
    }
    // An extended resource's quota name is `requests.` and the name.
    assert!(name_refused("requests.example.com/gpu").is_some());
    assert_eq!(name_refused("nvidia.com/gpu"), None);
}

/// Not upstream cases: the rules of hugepages, of quantities the API
/// server cannot decode, and of values that compare by value, from
/// `validateResourceRequirements`, `IsHugePageResourceValueDivisible` and
/// `Quantity.Cmp`.
#[test]
fn quantities_compare_by_value_and_hugepages_come_whole() {
    for (resources, expected) in [
        // 1Gi is 1073741824, 1G 1000000000; 0.5 is 500m.
        (
            "requests: {memory: 1Gi}\nlimits: {memory: 1G}",
            &["its memory request 1Gi is above its limit 1G"][..],
        ),
        ("requests: {memory: 1G}\nlimits: {memory: 1Gi}", &[]),
        ("requests: {cpu: '0.5'}\nlimits: {cpu: 500m}", &[]),
        ("requests: {cpu: 0.5}\nlimits: {cpu: 500m}", &[]),
        (
            "requests: {cpu: 501m}\nlimits: {cpu: 0.5}",
            &["its cpu request 501m is above its limit 0.5"],
        ),
        ("requests: {cpu: 1e3}\nlimits: {cpu: 1k}", &[]),
        ("requests: {cpu: ' 2 '}\nlimits: {cpu: '2'}", &[]),
        ("requests: {cpu: }\nlimits: {cpu: '0'}", &[]),
        // Below a nano unit, a value rounds up to one.
        ("requests: {cpu: 0.0000000001}\nlimits: {cpu: 1n}", &[]),
        ("requests: {cpu: 2n}\nlimits: {cpu: 0.0000000011}", &[]),
        (
            "requests: {cpu: 1x}",
            &[
                "its cpu request 1x is not a quantity (such as 250m, 2 or 1.5Gi), and the API server cannot decode the pod",
            ],
        ),
        (
            "requests: {cpu: ''}",
            &[
                "its cpu request is empty, not a quantity (such as 250m, 2 or 1.5Gi), and the API server cannot decode the pod",
            ],
        ),
        (
            "requests: {cpu: true}",
            &["its cpu request is a YAML boolean, not a quantity"],
        ),
        (
            "requests: [cpu]",
            &["its resources' requests is a YAML sequence, not a mapping"],
        ),
        (
            "limits: {example.com/gpu: 1}\nrequests: {example.com/gpu: 2}",
            &[
                "its example.com/gpu request 2 differs from its limit 1, where a request of an extended resource must equal its limit",
            ],
        ),
        (
            "limits: {example.com/gpu: 1.5}",
            &[
                "its example.com/gpu limit 1.5 is not a whole number, which an extended resource's must be",
            ],
        ),
        // MilliValue rounds up: 0.9999 is 1000m, a whole number.
        ("limits: {example.com/gpu: 0.9999}", &[]),
        (
            "limits: {memory: 1Gi, hugepages-2Mi: 4Mi}\nrequests: {hugepages-2Mi: 4Mi}",
            &[],
        ),
        (
            "limits: {memory: 1Gi, hugepages-2Mi: 3Mi}",
            &["its hugepages-2Mi limit 3Mi is no whole multiple of the page size 2Mi"],
        ),
        (
            "limits: {memory: 1Gi, hugepages-2Mi: 4Mi}\nrequests: {hugepages-2Mi: 2Mi}",
            &[
                "its hugepages-2Mi request 2Mi differs from its limit 4Mi, where a request of hugepages must equal its limit",
            ],
        ),
        (
            "limits: {memory: 1Gi}\nrequests: {hugepages-1Gi: 1Gi}",
            &[
                "it requests hugepages-1Gi without a limit, which a request of hugepages needs, equal to the request",
            ],
        ),
        (
            "limits: {hugepages-2Mi: 2Mi}\nrequests: {hugepages-2Mi: 2Mi}",
            &["it has hugepages without a cpu or memory request or limit, which hugepages require"],
        ),
        (
            "limits: {cpu: 1, hugepages-x: 2Mi}",
            &[
                "its hugepages-x limit 2Mi is no whole multiple of a page size: x is no positive whole quantity",
            ],
        ),
    ] {
        assert_eq!(reasons(resources), expected, "{resources}");
    }
}
