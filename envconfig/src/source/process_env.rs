//! [`ProcessEnv`]: the process environment, each variable read when a field
//! asks for it.

use super::{Entry, Found, Lookup, Provenance, Tainted, VarName, Variables, raw_value, resolve};

/// The process environment as it is: nothing is read or copied for the
/// variables no field names, however many the process has. What
/// [`Config::from_env`](crate::Config::from_env) loads from; a
/// [`Source`](super::Source) adds a dotenv file to it.
pub struct ProcessEnv;

impl Variables for ProcessEnv {
    fn lookup(&self, var: &VarName) -> Lookup<'_> {
        let read = |name: &str| {
            std::env::var_os(name).map(|value| {
                Found::Read(Entry {
                    value: raw_value(value),
                    origin: Provenance::Environment,
                })
            })
        };
        let via_file = read(var.file_var()).filter(|entry| !entry.is_empty());
        resolve(var, read(var.name()), via_file, true)
    }

    // The process environment copies nothing.
    fn copying_secrets(&self, _: &[&str]) -> Tainted {
        Tainted::default()
    }

    fn warnings(&self) -> Vec<crate::warning::Warning> {
        Vec::new()
    }

    // A loop: a collect of the filtered variables was a copy of Vec's
    // collecting code of its own, in every program that loads.
    fn set_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for (name, _) in std::env::vars_os() {
            if let Ok(name) = name.into_string() {
                names.push(name);
            }
        }
        names
    }
}
