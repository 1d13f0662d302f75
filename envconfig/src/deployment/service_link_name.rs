//! The names the kubelet gives a Service's link variables
//! (`{SVC}_SERVICE_HOST`, `{SVC}_PORT`, ...): what the manifest check warns
//! about, and what the `k8s` docs formats tell an operator to turn off.

/// The Service whose link a variable named `name` would be, when it has the
/// shape of one (`BILLING_PORT`, `REDIS_SERVICE_HOST`,
/// `REDIS_PORT_6379_TCP_ADDR`): the Service's name as written in the
/// namespace (`billing`, `redis`). A Service is named by an RFC 1035 label:
/// a letter, then letters, digits and `-`.
pub(crate) fn service_of(name: &str) -> Option<String> {
    let service = if let Some(service) = name
        .strip_suffix("_SERVICE_HOST")
        .or_else(|| name.strip_suffix("_SERVICE_PORT"))
    {
        service
    } else if let Some((service, _port_name)) = name.split_once("_SERVICE_PORT_") {
        service
    } else if let Some(service) = name.strip_suffix("_PORT") {
        service
    } else {
        // `{SVC}_PORT_{N}_{PROTO}`, and its `_PROTO`, `_PORT`, `_ADDR`.
        let (service, rest) = name.rsplit_once("_PORT_")?;
        let rest = ["_PROTO", "_PORT", "_ADDR"]
            .iter()
            .find_map(|suffix| rest.strip_suffix(suffix))
            .unwrap_or(rest);
        let (number, protocol) = rest.split_once('_')?;
        let known = ["TCP", "UDP", "SCTP"].contains(&protocol);
        if !known || number.parse::<u16>().is_err() {
            return None;
        }
        service
    };
    let label = service.to_ascii_lowercase().replace('_', "-");
    let bytes = label.as_bytes();
    let valid = bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes.len() <= 63
        && !label.ends_with('-')
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && service.bytes().all(|b| !b.is_ascii_lowercase());
    valid.then_some(label)
}
