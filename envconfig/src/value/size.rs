//! [`ByteSize`]: a number of bytes written with Kubernetes quantity suffixes.

use std::fmt;
use std::str::FromStr;

use super::{EnvValue, Noun, ValueError};

/// A number of bytes, written the way Kubernetes writes memory quantities:
/// `512Mi`, `1.5Gi`, `100k`, `4096`.
///
/// # Syntax
///
/// A non-negative decimal number (a leading `+` is allowed), optionally
/// followed by whitespace and a suffix:
///
/// | suffix | multiplier |
/// | --- | --- |
/// | none, `B` | 1 |
/// | `k`, `K`, `kB`, `KB` | 1000 |
/// | `M`, `MB` / `G`, `GB` / `T`, `TB` / `P`, `PB` / `E`, `EB` | 1000², 1000³, 1000⁴, 1000⁵, 1000⁶ |
/// | `Ki`, `KiB` / `Mi`, `MiB` / `Gi`, `GiB` / `Ti`, `TiB` / `Pi`, `PiB` / `Ei`, `EiB` | 1024, 1024², ..., 1024⁶ |
///
/// Suffixes are case-sensitive (`m` would be Kubernetes' "milli", `mb`
/// could mean megabits), except that `K` is accepted as `k`: `KB` already
/// means 1000 here, and an uppercase `K` meaning something else would be a
/// trap.
///
/// The number may have a fractional part (`1.5Gi`, `.5k`), computed exactly,
/// without floating point (`1.1G` is exactly 1 100 000 000 bytes). The result
/// must be a whole number of bytes: `0.1Ki` (102.4 bytes) and `1.5` are
/// rejected rather than silently rounded. The largest size is
/// `u64::MAX` bytes, just under `16Ei`. Surrounding whitespace is ignored.
///
/// [`Display`](fmt::Display) writes the shortest exact form, which parses
/// back to the same size: the largest suffix that divides the size exactly
/// (`512Mi`, `3k`), or plain bytes (`1500`).
///
/// # Example
///
/// ```
/// use envconfig::ByteSize;
///
/// let size: ByteSize = "512Mi".parse()?;
/// assert_eq!(size.bytes(), 512 * 1024 * 1024);
/// assert_eq!(size.to_string(), "512Mi");
///
/// assert_eq!("1.5 GB".parse::<ByteSize>()?, ByteSize::new(1_500_000_000));
/// assert!("1.5".parse::<ByteSize>().is_err()); // not a whole number of bytes
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSize(u64);

impl ByteSize {
    /// A size of `bytes` bytes.
    #[must_use]
    pub const fn new(bytes: u64) -> Self {
        ByteSize(bytes)
    }

    /// The number of bytes.
    #[must_use]
    pub const fn bytes(self) -> u64 {
        self.0
    }
}

impl From<u64> for ByteSize {
    fn from(bytes: u64) -> Self {
        ByteSize(bytes)
    }
}

impl From<ByteSize> for u64 {
    fn from(size: ByteSize) -> u64 {
        size.0
    }
}

impl FromStr for ByteSize {
    type Err = ParseByteSizeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s).map_err(|reason| ParseByteSizeError { reason })
    }
}

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // From the largest multiplier down, binary and decimal interleaved
        // (1024^n lies between 1000^n and 1000^(n+1)).
        const UNITS: [(&str, u64); 12] = [
            ("Ei", 1 << 60),
            ("E", 1_000_000_000_000_000_000),
            ("Pi", 1 << 50),
            ("P", 1_000_000_000_000_000),
            ("Ti", 1 << 40),
            ("T", 1_000_000_000_000),
            ("Gi", 1 << 30),
            ("G", 1_000_000_000),
            ("Mi", 1 << 20),
            ("M", 1_000_000),
            ("Ki", 1 << 10),
            ("k", 1_000),
        ];
        let bytes = self.0;
        let (number, suffix) = UNITS
            .into_iter()
            .find(|&(_, multiplier)| bytes != 0 && bytes.is_multiple_of(multiplier))
            .map_or((bytes, ""), |(suffix, multiplier)| {
                (bytes / multiplier, suffix)
            });
        // Padded as a `str` is (`{:>8}`), like the other values' `Display`.
        if f.width().is_some() {
            return f.pad(&format!("{number}{suffix}"));
        }
        write!(f, "{number}{suffix}")
    }
}

/// Why a string is not a [`ByteSize`].
///
/// Its message never quotes the input, which may come from a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseByteSizeError {
    reason: &'static str,
}

impl fmt::Display for ParseByteSizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason)
    }
}

impl std::error::Error for ParseByteSizeError {}

impl EnvValue for ByteSize {
    fn value_kind() -> super::ValueKind {
        super::ValueKind::of(super::Kind::ByteSize)
    }

    fn to_env(&self) -> Option<String> {
        Some(self.to_string())
    }

    fn parse_env(raw: &str) -> Result<ByteSize, ValueError> {
        parse(raw).map_err(ValueError::new)
    }

    fn noun() -> Noun {
        // Not `Noun::regular`, which would pluralize the first word.
        Noun {
            one: "byte size".into(),
            many: "byte sizes".into(),
        }
    }
}

#[cfg(test)]
pub(super) use envconfig_core::syntax::size::{
    FRACTIONAL, NEGATIVE, NOT_A_SIZE, REASONS, TOO_LARGE, UNKNOWN_SUFFIX,
};

/// The one parser behind both `FromStr` and `EnvValue`.
fn parse(s: &str) -> Result<ByteSize, &'static str> {
    envconfig_core::syntax::size::parse_byte_size(s).map(ByteSize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::proptests::assert_rejects;

    const KI: u64 = 1 << 10;
    const MI: u64 = 1 << 20;
    const GI: u64 = 1 << 30;

    const VALID: &[(&str, u64)] = &[
        ("0", 0),
        ("0B", 0),
        ("0Ei", 0),
        ("1", 1),
        ("1B", 1),
        ("4096", 4096),
        ("+5", 5),
        ("1k", 1_000),
        ("1K", 1_000),
        ("1kB", 1_000),
        ("1KB", 1_000),
        ("1M", 1_000_000),
        ("1MB", 1_000_000),
        ("1G", 1_000_000_000),
        ("1GB", 1_000_000_000),
        ("1T", 1_000_000_000_000),
        ("1TB", 1_000_000_000_000),
        ("1P", 1_000_000_000_000_000),
        ("1PB", 1_000_000_000_000_000),
        ("1E", 1_000_000_000_000_000_000),
        ("1EB", 1_000_000_000_000_000_000),
        ("1Ki", KI),
        ("1KiB", KI),
        ("1Mi", MI),
        ("1MiB", MI),
        ("1Gi", GI),
        ("1GiB", GI),
        ("1Ti", 1 << 40),
        ("1TiB", 1 << 40),
        ("1Pi", 1 << 50),
        ("1PiB", 1 << 50),
        ("1Ei", 1 << 60),
        ("1EiB", 1 << 60),
        ("512Mi", 512 * MI),
        ("512 Mi", 512 * MI),
        ("512\tMiB", 512 * MI),
        ("  512Mi \n", 512 * MI),
        ("1.5Gi", 3 * GI / 2),
        ("1.5k", 1_500),
        (".5k", 500),
        ("5.k", 5_000),
        ("1.0", 1),
        ("1.1G", 1_100_000_000),
        ("0.1k", 100),
        ("2.5Ki", 2_560),
        ("0.5Ki", 512),
        ("0.001M", 1_000),
        ("1.000000000000000000000000000000k", 1_000),
        // 2^-60 Ei, with all of its 60 decimals: exactly one byte.
        (
            "0.000000000000000000867361737988403547205962240695953369140625Ei",
            1,
        ),
        ("00000000000000000000000000000000000000000001Ki", KI),
        // The largest size, in every form that reaches it exactly.
        ("18446744073709551615", u64::MAX),
        ("18446744073709551615B", u64::MAX),
        ("18.446744073709551615E", u64::MAX),
        (
            "15.999999999999999999132638262011596452794037759304046630859375Ei",
            u64::MAX,
        ),
    ];

    const INVALID: &[(&str, &str)] = &[
        ("-1", NEGATIVE),
        ("-0", NEGATIVE),
        ("-1Ki", NEGATIVE),
        ("+", NOT_A_SIZE),
        ("   ", NOT_A_SIZE),
        ("Mi", NOT_A_SIZE),
        (".", NOT_A_SIZE),
        (".Ki", NOT_A_SIZE),
        ("+-1", NOT_A_SIZE),
        ("1 000", NOT_A_SIZE),
        ("1.2.3", NOT_A_SIZE),
        ("1,5Gi", UNKNOWN_SUFFIX),
        ("1_000", UNKNOWN_SUFFIX),
        ("0x10", UNKNOWN_SUFFIX),
        ("1e3", UNKNOWN_SUFFIX),
        ("1m", UNKNOWN_SUFFIX),
        ("1mb", UNKNOWN_SUFFIX),
        ("1kb", UNKNOWN_SUFFIX),
        ("1kiB", UNKNOWN_SUFFIX),
        ("1KIB", UNKNOWN_SUFFIX),
        ("1 bytes", UNKNOWN_SUFFIX),
        ("1Gi\u{0}", UNKNOWN_SUFFIX),
        ("1\u{1f600}", UNKNOWN_SUFFIX),
        ("\u{ff11}\u{ff12}", NOT_A_SIZE),
        ("\u{663}", NOT_A_SIZE),
        ("1.5", FRACTIONAL),
        ("0.5B", FRACTIONAL),
        ("0.1Ki", FRACTIONAL),
        ("1.0001k", FRACTIONAL),
        ("1.1Gi", FRACTIONAL),
        ("18446744073709551616", TOO_LARGE),
        ("17Ei", TOO_LARGE),
        ("16.000000000000000001Ei", TOO_LARGE),
        ("16Ei", TOO_LARGE),
        ("18446744073709551616.5", TOO_LARGE),
        ("18446744073709551615.5", FRACTIONAL),
        ("18446744073709551616k", TOO_LARGE),
        ("340282366920938463463374607431768211456", TOO_LARGE),
    ];

    #[test]
    fn parses_valid_inputs() {
        for &(input, bytes) in VALID {
            let expected = ByteSize::new(bytes);
            assert_eq!(ByteSize::parse_env(input), Ok(expected), "input {input:?}");
            assert_eq!(input.parse(), Ok(expected), "input {input:?}");
        }
    }

    #[test]
    fn rejects_invalid_inputs_without_quoting_them() {
        for &(input, reason) in INVALID {
            assert_rejects::<ByteSize>(input, reason);
            let error = input.parse::<ByteSize>().expect_err(input);
            assert_eq!(error.to_string(), reason);
        }
    }

    #[test]
    fn survives_very_long_inputs() {
        let digits = "9".repeat(100_000);
        assert_rejects::<ByteSize>(&digits, TOO_LARGE);
        let zeros = "0".repeat(100_000);
        assert_eq!(
            ByteSize::parse_env(&format!("{zeros}7.{zeros}Ki")),
            Ok(ByteSize::new(7 * KI))
        );
        assert_rejects::<ByteSize>(&format!("1.{zeros}1"), FRACTIONAL);
        assert_rejects::<ByteSize>(&format!("1{}", "B".repeat(100_000)), UNKNOWN_SUFFIX);
    }

    #[test]
    fn displays_the_shortest_exact_form() {
        let cases: &[(u64, &str)] = &[
            (0, "0"),
            (1, "1"),
            (999, "999"),
            (1_000, "1k"),
            (1_024, "1Ki"),
            (1_500, "1500"),
            (1_536, "1536"),
            (3_000, "3k"),
            (2_048_000, "2000Ki"),
            (512 * MI, "512Mi"),
            (1_100_000_000, "1100M"),
            (GI, "1Gi"),
            (1_000_000_000_000_000_000, "1E"),
            (1 << 60, "1Ei"),
            (15 << 60, "15Ei"),
            (u64::MAX, "18446744073709551615"),
        ];
        for &(bytes, text) in cases {
            let size = ByteSize::new(bytes);
            assert_eq!(size.to_string(), text);
            assert_eq!(text.parse(), Ok(size));
        }
    }

    #[test]
    fn is_padded_as_a_str_is() {
        assert_eq!(format!("[{:>7}]", ByteSize::new(512 * MI)), "[  512Mi]");
        assert_eq!(format!("[{:<5}]", ByteSize::new(1_500)), "[1500 ]");
    }

    #[test]
    fn converts_to_and_from_u64() {
        assert_eq!(u64::from(ByteSize::new(42)), 42);
        assert_eq!(ByteSize::from(42), ByteSize::new(42));
        assert_eq!(ByteSize::default().bytes(), 0);
    }

    #[test]
    fn noun() {
        let noun = <ByteSize as EnvValue>::noun();
        assert_eq!((&*noun.one, &*noun.many), ("byte size", "byte sizes"));
    }
}
