//! Integers of every width (STUB: replaced by the value-parser work).
use super::{EnvValue, Noun, ValueError};

macro_rules! int {
    ($($t:ty),*) => {$(
        impl EnvValue for $t {
            fn parse_env(raw: &str) -> Result<$t, ValueError> {
                raw.trim().parse().map_err(|_| ValueError::new("invalid digit"))
            }
            fn noun() -> Noun {
                Noun::regular(format!("integer {}..={}", <$t>::MIN, <$t>::MAX))
            }
        }
    )*};
}
int!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
);
