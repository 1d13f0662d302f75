//! Reading a deployment's files, as `--check-env` checks them on a machine
//! that is not the deployment: a `docker run --env-file` file, and
//! Kubernetes manifests (feature `k8s`).

// Not wired in yet: `--env-format docker` reads a file with it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) mod docker_env;
#[cfg(feature = "k8s")]
pub(crate) mod manifest;
