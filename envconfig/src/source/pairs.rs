//! [`VarPair`]: the `(name, value)` pairs that
//! [`Config::from_vars`](crate::Config::from_vars) reads.

/// One `(name, value)` pair for [`Config::from_vars`](crate::Config::from_vars): a tuple of two
/// strings (`&str`, `String`, anything `AsRef<str>`), or a reference to one.
///
/// Sealed: implemented for those tuples only, so that it can grow without
/// breaking anyone.
pub trait VarPair: sealed::Sealed {
    /// The variable's name.
    fn name(&self) -> &str;
    /// Its value.
    fn value(&self) -> &str;
}

mod sealed {
    /// Implemented by the types that may be a [`VarPair`](super::VarPair).
    pub trait Sealed {}

    impl<K: AsRef<str>, V: AsRef<str>> Sealed for (K, V) {}
    impl<K: AsRef<str>, V: AsRef<str>> Sealed for &(K, V) {}
}

impl<K: AsRef<str>, V: AsRef<str>> VarPair for (K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &str {
        self.1.as_ref()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> VarPair for &(K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &str {
        self.1.as_ref()
    }
}
