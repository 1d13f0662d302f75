//! Reading a deployment's files, as `--check-env` checks them on a machine
//! that is not the deployment: Kubernetes manifests (feature `k8s`).

#[cfg(feature = "k8s")]
pub(crate) mod manifest;
