//! "Did you mean": the key a typo most likely meant.

/// The allowed key closest to `written`, if it is close enough to be what
/// was meant.
pub fn closest<'a>(written: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|key| (envconfig_core::edit_distance(written, key), *key))
        .filter(|(distance, key)| *distance <= key.len() / 3)
        .min()
        .map(|(_, key)| key)
}
