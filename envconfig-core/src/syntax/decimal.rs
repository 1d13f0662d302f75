//! Decimal numbers with a unit, as durations (`1.5h`) and byte sizes
//! (`1.5Gi`) write them: the number kept as text and scaled by its unit with
//! integer arithmetic only, so no value is ever rounded through floating
//! point.

/// A table of unit names and how many of the smallest unit each is.
pub struct Units(pub &'static [(&'static str, u128)]);

impl Units {
    /// How many of the smallest unit `name` is; `None` for an unknown unit.
    pub fn get(&self, name: &str) -> Option<u128> {
        self.0
            .iter()
            .find(|(unit, _)| *unit == name)
            .map(|(_, size)| *size)
    }
}

/// A non-negative decimal number as written, in Go's syntax: digits, then
/// optionally a point and more digits, with at least one digit in all
/// (`5`, `5.5`, `.5`, `5.`). Shared by durations and byte sizes.
///
/// It is kept as text and scaled by a unit with integer arithmetic only, so
/// no value is ever rounded through floating point.
#[derive(Clone, Copy, Debug)]
pub struct Decimal<'a> {
    whole: &'a str,
    fraction: &'a str,
}

impl<'a> Decimal<'a> {
    /// Splits the number at the start of `s` off the rest; `None` if `s` does
    /// not start with one.
    pub fn split(s: &'a str) -> Option<(Decimal<'a>, &'a str)> {
        let (whole, rest) = split_digits(s);
        let (fraction, rest) = match rest.strip_prefix('.') {
            Some(after_point) => split_digits(after_point),
            None => ("", rest),
        };
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        Some((Decimal { whole, fraction }, rest))
    }

    /// Whether digits follow its point.
    pub fn has_fraction(&self) -> bool {
        !self.fraction.is_empty()
    }

    /// The number times `unit`, rounded down, and whether that was exact;
    /// `None` if it exceeds `u128`.
    pub fn times(self, unit: u128) -> Option<(u128, bool)> {
        let whole = self
            .whole
            .bytes()
            .try_fold(0u128, |acc, digit| {
                acc.checked_mul(10)?.checked_add(digit_value(digit))
            })?
            .checked_mul(unit)?;
        // floor(unit * 0.f1 f2 ... fk), from the last digit back:
        // q = floor((f_i * unit + q) / 10). Flooring at every step gives the
        // same result as flooring once (floor(floor(x) / 10) = floor(x / 10)),
        // q stays below `unit` so nothing overflows however long the fraction
        // is, and the product is an integer exactly when no step has a
        // remainder.
        let mut fraction = 0u128;
        let mut exact = true;
        for digit in self.fraction.bytes().rev() {
            let scaled = digit_value(digit) * unit + fraction;
            exact &= scaled.is_multiple_of(10);
            fraction = scaled / 10;
        }
        Some((whole.checked_add(fraction)?, exact))
    }
}

/// Splits the leading ASCII digits off `s` (at a char boundary: the split is
/// at the first non-digit char).
fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// The value of an ASCII digit (the callers only pass digits).
fn digit_value(digit: u8) -> u128 {
    u128::from(digit.wrapping_sub(b'0'))
}
