//! Service links: the variables the kubelet sets in every container for the
//! Services of its pod's namespace (`getServiceEnvVarMap` in Kubernetes'
//! `pkg/kubelet/kubelet_pods.go`, `FromServices` in
//! `pkg/kubelet/envvars/envvars.go`), before `envFrom` and `env`, which
//! win over them.
//!
//! For a Service `billing-db` with the port 5432 (TCP, named `pg`):
//! `BILLING_DB_SERVICE_HOST`, `BILLING_DB_SERVICE_PORT`,
//! `BILLING_DB_SERVICE_PORT_PG`, `BILLING_DB_PORT`
//! (`tcp://<cluster IP>:5432`), and `BILLING_DB_PORT_5432_TCP` with its
//! `_PROTO`, `_PORT` and `_ADDR`. A Service without a cluster IP
//! (`clusterIP: None`, `type: ExternalName`) sets none; one that leaves
//! its cluster IP to the API server has one, unknown here: the shape of
//! the values is still known (`tcp://<cluster IP>:80` is no port number).
//!
//! Every pod also gets the links of the cluster's own `kubernetes` Service
//! in the namespace `default`, even with `enableServiceLinks: false`.

use std::collections::HashMap;

use super::budget::{Budget, VAR_COST};
use super::scalar::ScalarKind;
use super::service_rules;
use super::workload::{Container, Manifest, Object};
use super::yaml::{NodeId, Stream, Value};
use crate::shown::Abridged;

/// What the kubelet sets a service link to.
pub(super) enum LinkValue {
    Known(String),
    /// A Service's cluster IP, bare (`_SERVICE_HOST`, `_ADDR`), which the
    /// documents do not give: its shape is known.
    Address,
}

/// One service link.
pub(super) struct Link {
    pub name: String,
    pub value: LinkValue,
    /// Where the Service is: its document, or the container for the
    /// cluster's own `kubernetes` Service.
    pub node: NodeId,
    /// `the Service billing`.
    pub service: String,
    /// Whether the pod gets it with service links off too: the links of
    /// the cluster's own `kubernetes` Service.
    pub always: bool,
}

/// How the text of an unknown cluster IP shows in a value.
pub(super) const CLUSTER_IP: &str = "<cluster IP>";

/// A cluster IP of each family, put in a value in its place to check its
/// shape: a cluster's Services have addresses of one family or the other.
pub(super) const CLUSTER_IPS: [(&str, &str); 2] = [
    ("an IPv4 cluster IP", "10.96.0.1"),
    ("an IPv6 cluster IP", "fd00::1"),
];

/// The port of the cluster's own `kubernetes` Service (named `https`).
const API_SERVER_PORT: u16 = 443;

/// The service links of `container`'s pod, in the order the kubelet sets
/// them, and whether the pod has them (`enableServiceLinks`, true unless
/// set to false). Each link is charged to `budget`; past it, no more are
/// made.
pub(super) fn links(
    manifest: &Manifest<'_>,
    container: &Container<'_>,
    budget: &mut Budget,
) -> (Vec<Link>, bool) {
    let stream = manifest.stream;
    let enabled = stream
        .get(container.pod, "enableServiceLinks")
        .is_none_or(|node| !is_false(stream, node));
    let workload = &manifest.workloads[container.workload];
    // A later document of the same Service replaces an earlier one, as
    // `kubectl apply` does: each is taken where it last is.
    let mut in_namespace: Vec<&Object<'_>> = Vec::new();
    let mut master: Option<&Object<'_>> = None;
    for service in &manifest.services {
        if enabled && service.shares_namespace(workload) {
            in_namespace.push(service);
        } else if service.name == "kubernetes" && service.namespace == Some("default") {
            master = Some(service);
        }
    }
    let last: HashMap<&str, usize> = in_namespace
        .iter()
        .enumerate()
        .map(|(at, service)| (service.name, at))
        .collect();
    let services = in_namespace
        .iter()
        .enumerate()
        .filter(|(at, service)| last[service.name] == *at)
        .map(|(_, service)| *service);
    // The pod's own `kubernetes` Service, when it has links, hides the
    // cluster's (the kubelet maps both by name).
    let hidden = last.contains_key("kubernetes");
    let mut links = Links {
        all: Vec::new(),
        budget,
    };
    if !hidden {
        match master {
            Some(master) => from_service(manifest, master, true, &mut links),
            None => cluster_service(container, &mut links),
        }
    }
    for service in services {
        if links.budget.is_exhausted() {
            break;
        }
        from_service(manifest, service, false, &mut links);
    }
    (links.all, enabled)
}

/// The links made so far, and what more may cost.
struct Links<'b> {
    all: Vec<Link>,
    budget: &'b mut Budget,
}

impl Links<'_> {
    fn push(&mut self, link: Link) {
        let value = match &link.value {
            LinkValue::Known(value) => value.len(),
            LinkValue::Address => CLUSTER_IP.len(),
        };
        if self.budget.charge(link.name.len() + value + VAR_COST) {
            self.all.push(link);
        }
    }
}

/// The links of the cluster's own `kubernetes` Service, whose address only
/// the cluster knows; its port (`https`, 443 over TCP) every cluster has.
fn cluster_service(container: &Container<'_>, links: &mut Links<'_>) {
    let service = "the cluster's kubernetes Service".to_owned();
    let port = API_SERVER_PORT;
    let known = |text: &str| LinkValue::Known(text.to_owned());
    let url = format!("tcp://{CLUSTER_IP}:{port}");
    let names = [
        ("KUBERNETES_SERVICE_HOST".to_owned(), LinkValue::Address),
        (
            "KUBERNETES_SERVICE_PORT".to_owned(),
            known(&port.to_string()),
        ),
        (
            "KUBERNETES_SERVICE_PORT_HTTPS".to_owned(),
            known(&port.to_string()),
        ),
        ("KUBERNETES_PORT".to_owned(), known(&url)),
        (format!("KUBERNETES_PORT_{port}_TCP"), known(&url)),
        (format!("KUBERNETES_PORT_{port}_TCP_PROTO"), known("tcp")),
        (
            format!("KUBERNETES_PORT_{port}_TCP_PORT"),
            known(&port.to_string()),
        ),
        (
            format!("KUBERNETES_PORT_{port}_TCP_ADDR"),
            LinkValue::Address,
        ),
    ];
    for (name, value) in names {
        links.push(Link {
            name,
            value,
            node: container.node,
            service: service.clone(),
            always: true,
        });
    }
}

/// One port of a Service.
struct Port<'s> {
    number: u16,
    name: Option<&'s str>,
    protocol: String,
    node: NodeId,
}

/// The links of one Service of the documents (`FromServices`); none when it
/// has no cluster IP, or no valid ports (the API server rejects it).
fn from_service(
    manifest: &Manifest<'_>,
    service: &Object<'_>,
    always: bool,
    links: &mut Links<'_>,
) {
    let stream = manifest.stream;
    let Some(spec) = stream.get(service.node, "spec") else {
        return;
    };
    let field = |key| stream.get(spec, key).and_then(|node| stream.str(node));
    if field("type") == Some("ExternalName") {
        return;
    }
    let given_ip = field("clusterIP").filter(|ip| !ip.is_empty()).or_else(|| {
        let ips = stream.get(spec, "clusterIPs")?;
        stream.items(ips).first().and_then(|&ip| stream.str(ip))
    });
    if given_ip == Some("None")
        || service_rules::is_refused(stream, service.name, service.node, spec)
    {
        return;
    }
    let ports = stream
        .get(spec, "ports")
        .map_or(&[][..], |ports| stream.items(ports));
    // The API server takes an `int32` from 1 to 65535 (a JSON number,
    // once kubectl has read the YAML), a protocol it supports, and a
    // distinct name for each of several ports (`validateServicePort`).
    let ports: Option<Vec<Port<'_>>> = ports
        .iter()
        .map(|&node| {
            let number = stream
                .get(node, "port")
                .and_then(|port| stream.integer(port));
            let number = number.and_then(|number| u16::try_from(number).ok())?;
            let protocol = service_rules::protocol(stream, node).to_owned();
            let name = stream
                .get(node, "name")
                .and_then(|name| stream.str(name))
                .filter(|name| !name.is_empty());
            let supported = ["TCP", "UDP", "SCTP"].contains(&protocol.as_str());
            (number != 0 && supported).then_some(Port {
                number,
                name,
                protocol,
                node,
            })
        })
        .collect();
    let Some(ports) = ports.filter(|ports| !ports.is_empty()) else {
        return;
    };
    if ports.len() > 1 {
        let mut names: Vec<&str> = ports.iter().filter_map(|port| port.name).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() < ports.len() {
            return;
        }
    }
    if service.name.is_empty() {
        return;
    }
    let prefix = env_name(service.name);
    let what = format!("the Service {}", Abridged::name(service.name));
    let ip = given_ip.map(str::to_owned);
    let url = |port: &Port<'_>| {
        let ip = ip.as_deref().unwrap_or(CLUSTER_IP);
        LinkValue::Known(format!(
            "{}://{ip}:{}",
            port.protocol.to_lowercase(),
            port.number
        ))
    };
    let address = || match &ip {
        Some(ip) => LinkValue::Known(ip.clone()),
        None => LinkValue::Address,
    };
    let mut push = |name: String, value: LinkValue, node: NodeId| {
        links.push(Link {
            name,
            value,
            node,
            service: what.clone(),
            always,
        });
    };
    let first = &ports[0];
    let name_node = stream
        .get(service.node, "metadata")
        .and_then(|metadata| stream.get(metadata, "name"))
        .unwrap_or(service.node);
    push(format!("{prefix}_SERVICE_HOST"), address(), name_node);
    let known = |port: u16| LinkValue::Known(port.to_string());
    push(
        format!("{prefix}_SERVICE_PORT"),
        known(first.number),
        first.node,
    );
    for port in &ports {
        if let Some(name) = port.name {
            let name = format!("{prefix}_SERVICE_PORT_{}", env_name(name));
            push(name, known(port.number), port.node);
        }
    }
    push(format!("{prefix}_PORT"), url(first), first.node);
    for port in &ports {
        let port_prefix = format!(
            "{prefix}_PORT_{}_{}",
            port.number,
            port.protocol.to_uppercase()
        );
        push(port_prefix.clone(), url(port), port.node);
        let protocol = LinkValue::Known(port.protocol.to_lowercase());
        push(format!("{port_prefix}_PROTO"), protocol, port.node);
        push(format!("{port_prefix}_PORT"), known(port.number), port.node);
        push(format!("{port_prefix}_ADDR"), address(), port.node);
    }
}

/// A Service's or port's name as the kubelet writes it in a variable's
/// name (`makeEnvVariableName`): upper-cased, `-` as `_`.
fn env_name(name: &str) -> String {
    name.to_uppercase().replace('-', "_")
}

pub(super) use crate::deployment::service_link_name::service_of;

/// Whether `node` is the boolean false (`false`, `no`, `off`, `n`).
fn is_false(stream: &Stream, node: NodeId) -> bool {
    matches!(&stream.node(node).value, Value::Scalar(text, ScalarKind::Bool)
        if ["n", "no", "false", "off"].iter().any(|word| text.eq_ignore_ascii_case(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_the_shape_of_a_service_link() {
        for (name, service) in [
            ("BILLING_PORT", Some("billing")),
            ("BILLING_DB_PORT", Some("billing-db")),
            ("REDIS_SERVICE_HOST", Some("redis")),
            ("REDIS_SERVICE_PORT", Some("redis")),
            ("REDIS_SERVICE_PORT_HTTP", Some("redis")),
            ("REDIS_PORT_6379_TCP", Some("redis")),
            ("REDIS_PORT_6379_TCP_ADDR", Some("redis")),
            ("REDIS_PORT_53_UDP_PROTO", Some("redis")),
            ("A1_PORT", Some("a1")),
            ("PORT", None),
            ("_PORT", None),
            ("1A_PORT", None),
            ("BILLING_HOST", None),
            ("billing_PORT", None),
            ("REDIS_PORT_X_TCP_ADDR", None),
            ("BILLING_PORT_FILE", None),
        ] {
            assert_eq!(service_of(name).as_deref(), service, "{name}");
        }
    }
}
