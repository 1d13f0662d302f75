//! Reading a deployment's files, as `--check-env` checks them on a machine
//! that is not the deployment: an env file (`--env-file`, read as dotenvy
//! or as `docker run --env-file` reads it), and Kubernetes manifests
//! (`--manifest`, feature `k8s`). Each is variables the loader reads and a
//! subject of the check report.

mod docker_env;
pub(crate) mod env_file;
#[cfg(feature = "k8s")]
pub(crate) mod manifest;
pub(crate) mod service_link_name;
