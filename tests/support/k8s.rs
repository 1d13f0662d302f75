//! Kubernetes manifests for the tests that check them.

/// A Deployment whose container is given `vars`: as literal `value:`s, or
/// from a ConfigMap of the same stream through `envFrom`. Values are JSON
/// strings, which YAML reads as they are, and a literal's `$` is escaped
/// as Kubernetes escapes it.
pub fn manifest(vars: &[(String, String)], config_map: bool) -> String {
    let escaped: Vec<(String, String)> = vars
        .iter()
        .map(|(name, value)| {
            let value = if config_map {
                value.clone()
            } else {
                value.replace('$', "$$")
            };
            (name.clone(), value)
        })
        .collect();
    manifest_as_written(&escaped, config_map)
}

/// The same, with each value written as it is: a literal `value:` may hold
/// references, `$(NAME)`, and writes a `$` of its own `$$`.
pub fn manifest_as_written(vars: &[(String, String)], config_map: bool) -> String {
    let quoted = |text: &str| serde_json::to_string(text).expect("a JSON string");
    let mut out = String::new();
    if config_map {
        out.push_str("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: matrix\ndata:\n");
        for (name, value) in vars {
            out.push_str(&format!("  {}: {}\n", quoted(name), quoted(value)));
        }
        out.push_str("---\n");
    }
    out.push_str(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: matrix\nspec:\n  selector:\n    matchLabels:\n      app: matrix\n  template:\n    metadata:\n      labels:\n        app: matrix\n    spec:\n      \
         containers:\n        - name: matrix\n          image: matrix\n",
    );
    if config_map {
        out.push_str(
            "          envFrom:\n            - configMapRef:\n                name: matrix\n",
        );
    } else {
        out.push_str("          env:\n");
        for (name, value) in vars {
            out.push_str(&format!(
                "            - name: {}\n              value: {}\n",
                quoted(name),
                quoted(value)
            ));
        }
    }
    out
}
