//! `ByteSize` (STUB).
use super::{EnvValue, Noun, ValueError};
/// A number of bytes (STUB).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSize(u64);
impl ByteSize {
    /// The number of bytes.
    pub fn bytes(self) -> u64 {
        self.0
    }
}
impl EnvValue for ByteSize {
    fn parse_env(raw: &str) -> Result<ByteSize, ValueError> {
        raw.trim()
            .parse()
            .map(ByteSize)
            .map_err(|_| ValueError::new("bad"))
    }
    fn noun() -> Noun {
        Noun::regular("byte size")
    }
}
