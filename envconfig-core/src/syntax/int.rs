//! Integers of every width: decimal, with an optional sign.
//!
//! Only ASCII digits after an optional `+` or `-`: no whitespace inside, no
//! `_` separators, no `0x` prefixes, no Unicode digits. `-0` is zero for the
//! unsigned types too.

use std::fmt::Display;

/// Why a value is not an integer.
pub const NOT_AN_INTEGER: &str = "not an integer";

/// The reason for a well-formed integer that the type cannot hold.
pub fn out_of_range(min: impl Display, max: impl Display) -> String {
    format!("out of range {min}..={max}")
}

/// Why a value is not an integer of the type asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntError {
    /// Not an integer at all.
    NotAnInteger,
    /// A well-formed integer the type cannot hold, however many digits.
    OutOfRange,
}

/// Parses into any integer type `T`. Every sign and magnitude go through
/// `u128`/`i128`, which hold every value of every narrower type, and the
/// conversion to `T` decides the range.
pub fn parse_int<T>(raw: &str) -> Result<T, IntError>
where
    T: TryFrom<u128> + TryFrom<i128>,
{
    let value = match parse_wide(raw)? {
        Wide::Negative(value) => T::try_from(value).ok(),
        Wide::NonNegative(magnitude) => T::try_from(magnitude).ok(),
    };
    value.ok_or(IntError::OutOfRange)
}

/// An integer as the widest types hold it.
enum Wide {
    Negative(i128),
    NonNegative(u128),
}

/// The part of [`parse_int`] that does not depend on the type: compiled
/// once rather than once per integer width.
fn parse_wide(raw: &str) -> Result<Wide, IntError> {
    let s = raw.trim();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IntError::NotAnInteger);
    }
    // `None` beyond u128::MAX: out of range for every type.
    let magnitude = digits
        .bytes()
        .try_fold(0u128, |acc, digit| {
            acc.checked_mul(10)?
                .checked_add(u128::from(digit.wrapping_sub(b'0')))
        })
        .ok_or(IntError::OutOfRange)?;
    if negative {
        // 0 - 2^127 is i128::MIN; anything larger does not fit.
        let value = 0i128
            .checked_sub_unsigned(magnitude)
            .ok_or(IntError::OutOfRange)?;
        Ok(Wide::Negative(value))
    } else {
        Ok(Wide::NonNegative(magnitude))
    }
}
