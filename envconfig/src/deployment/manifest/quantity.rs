//! A resource quantity as the API server reads one (`resource.Quantity` of
//! `k8s.io/apimachinery`): whether it is zero, whether Kubernetes writes it
//! back as one of the divisors a `resourceFieldRef` accepts, and its exact
//! value, which container resources compare.

use std::cmp::Ordering;

/// A resource quantity as Kubernetes reads one (`resource.ParseQuantity`):
/// its decimal digits (no leading or trailing zeros), the power of ten
/// they are scaled by, the power of 1024 of a binary suffix, and how
/// Kubernetes would write it back.
pub(super) struct Quantity {
    negative: bool,
    digits: String,
    exponent: i64,
    binary: u32,
    format: Format,
}

#[derive(PartialEq)]
enum Format {
    DecimalSi,
    BinarySi,
    DecimalExponent,
}

/// A quantity's exact value: its decimal digits (no leading or trailing
/// zeros; none for zero) times ten to `exponent`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Amount {
    negative: bool,
    digits: Vec<u8>,
    exponent: i64,
}

impl Amount {
    fn normalize(&mut self) {
        let leading = self.digits.iter().take_while(|&&d| d == 0).count();
        self.digits.drain(..leading);
        while self.digits.last() == Some(&0) {
            self.digits.pop();
            self.exponent += 1;
        }
        if self.digits.is_empty() {
            self.negative = false;
            self.exponent = 0;
        }
    }

    pub(super) fn is_negative(&self) -> bool {
        self.negative
    }

    /// How the absolute values compare.
    fn magnitude(&self, other: &Amount) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            // The place of the first digit, then the digits.
            (false, false) => (self.digits.len() as i64 + self.exponent)
                .cmp(&(other.digits.len() as i64 + other.exponent))
                .then_with(|| self.digits.cmp(&other.digits)),
        }
    }

    /// The value times ten to `up`, rounded up to a whole number, as
    /// `ScaledValue` takes it of a value that is not negative; `None` when
    /// it is negative or too large to hold.
    pub(super) fn ceil_scaled(&self, up: i64) -> Option<u128> {
        if self.negative {
            return None;
        }
        let exponent = self.exponent.checked_add(up)?;
        let whole_len = (self.digits.len() as i64).checked_add(exponent)?;
        let (whole, fraction) = self
            .digits
            .split_at(whole_len.clamp(0, self.digits.len() as i64) as usize);
        let mut value: u128 = 0;
        for &digit in whole {
            value = value.checked_mul(10)?.checked_add(u128::from(digit))?;
        }
        for _ in 0..exponent.max(0) {
            value = value.checked_mul(10)?;
        }
        // The digits are normalized: a fraction left is not zero.
        Some(value + u128::from(!fraction.is_empty()))
    }
}

impl Ord for Amount {
    fn cmp(&self, other: &Amount) -> Ordering {
        match (self.negative, other.negative) {
            (false, false) => self.magnitude(other),
            (true, true) => other.magnitude(self),
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
        }
    }
}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Amount) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Quantity {
    pub(super) fn parse(text: &str) -> Option<Quantity> {
        let text = text.trim();
        let (negative, rest) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, suffix) = rest.split_at(number_end);
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        if whole.is_empty() && fraction.is_empty() || fraction.contains('.') {
            return None;
        }
        let (mut exponent, binary, format) = match suffix {
            "" => (0, 0, Format::DecimalSi),
            "n" => (-9, 0, Format::DecimalSi),
            "u" => (-6, 0, Format::DecimalSi),
            "m" => (-3, 0, Format::DecimalSi),
            "k" => (3, 0, Format::DecimalSi),
            "M" => (6, 0, Format::DecimalSi),
            "G" => (9, 0, Format::DecimalSi),
            "T" => (12, 0, Format::DecimalSi),
            "P" => (15, 0, Format::DecimalSi),
            "E" => (18, 0, Format::DecimalSi),
            "Ki" => (0, 1, Format::BinarySi),
            "Mi" => (0, 2, Format::BinarySi),
            "Gi" => (0, 3, Format::BinarySi),
            "Ti" => (0, 4, Format::BinarySi),
            "Pi" => (0, 5, Format::BinarySi),
            "Ei" => (0, 6, Format::BinarySi),
            exponent => {
                let power = exponent.strip_prefix(['e', 'E'])?;
                let digits = power.strip_prefix(['+', '-']).unwrap_or(power);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let power: i64 = power.parse().ok().filter(|p: &i64| p.abs() < 1 << 20)?;
                (power, 0, Format::DecimalExponent)
            }
        };
        let all = format!("{whole}{fraction}");
        exponent -= fraction.len() as i64;
        let trimmed = all.trim_start_matches('0');
        let digits = trimmed.trim_end_matches('0');
        exponent += (trimmed.len() - digits.len()) as i64;
        Some(Quantity {
            negative,
            digits: digits.to_owned(),
            exponent,
            binary,
            format,
        })
    }

    pub(super) fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The value as a whole number, when it is one and not huge.
    fn whole(&self) -> Option<u128> {
        let mut value: u128 = self.digits.parse().ok()?;
        value = value.checked_mul(1024u128.checked_pow(self.binary)?)?;
        match u32::try_from(self.exponent) {
            Ok(up) => value.checked_mul(10u128.checked_pow(up)?),
            Err(_) => {
                let down = 10u128.checked_pow(u32::try_from(-self.exponent).ok()?)?;
                value.is_multiple_of(down).then_some(value / down)
            }
        }
    }

    /// Its value as `ParseQuantity` holds it: a value that is not zero is
    /// rounded away from zero to a whole number of nano units (`1e-10` is
    /// `1n`), and a binary one (`Ki` to `Ei`) is capped at 2^63 - 1.
    pub(super) fn amount(&self) -> Amount {
        let mut digits: Vec<u8> = self.digits.bytes().map(|b| b - b'0').collect();
        for _ in 0..self.binary {
            let mut carry = 0u32;
            for digit in digits.iter_mut().rev() {
                let product = u32::from(*digit) * 1024 + carry;
                *digit = (product % 10) as u8;
                carry = product / 10;
            }
            while carry > 0 {
                digits.insert(0, (carry % 10) as u8);
                carry /= 10;
            }
        }
        let mut amount = Amount {
            negative: self.negative,
            digits,
            exponent: self.exponent,
        };
        amount.normalize();
        if amount.exponent < -9 && !amount.digits.is_empty() {
            // The dropped digits end in one that is not zero: round up.
            let drop = (-9 - amount.exponent) as usize;
            let kept = amount.digits.len().saturating_sub(drop);
            amount.digits.truncate(kept);
            amount.exponent = -9;
            let mut carry = true;
            for digit in amount.digits.iter_mut().rev() {
                *digit = (*digit + 1) % 10;
                carry = *digit == 0;
                if !carry {
                    break;
                }
            }
            if carry {
                amount.digits.insert(0, 1);
            }
            amount.normalize();
        }
        let max = Amount {
            negative: false,
            digits: i64::MAX.to_string().bytes().map(|b| b - b'0').collect(),
            exponent: 0,
        };
        if self.format == Format::BinarySi && amount.magnitude(&max) == Ordering::Greater {
            amount.digits = max.digits;
            amount.exponent = 0;
        }
        amount
    }

    /// Whether Kubernetes writes it back as one of the divisors it accepts:
    /// `1m` and `1` for cpu; `1`, `1k` to `1E` and `1Ki` to `1Ei` for the
    /// others (a `Quantity`'s canonical form, which depends on how it was
    /// written: `1024` is not `1Ki`, `1e3` is not `1k`).
    pub(super) fn is_divisor(&self, cpu: bool) -> bool {
        if self.negative {
            return false;
        }
        let whole = self.whole();
        // Binary quantities under 1024, or not whole, are written in decimal.
        let format = match &self.format {
            Format::BinarySi if whole.is_none_or(|value| value < 1024) => &Format::DecimalSi,
            format => format,
        };
        let power_of_ten = self.digits == "1" && self.binary == 0;
        match format {
            _ if whole == Some(1) => true,
            Format::DecimalExponent => false,
            Format::DecimalSi if cpu => power_of_ten && self.exponent == -3,
            Format::DecimalSi => power_of_ten && [3, 6, 9, 12, 15, 18].contains(&self.exponent),
            Format::BinarySi if cpu => false,
            Format::BinarySi => {
                whole.is_some_and(|value| (1..=6).any(|power| 1024u128.pow(power) == value))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divisors_as_kubernetes_writes_them_back() {
        for (divisor, cpu, accepted) in [
            ("1m", true, true),
            ("1", true, true),
            ("1000m", true, true),
            ("0.001", true, true),
            ("1k", true, false),
            ("2m", true, false),
            ("1Ki", false, true),
            ("1Mi", false, true),
            ("1k", false, true),
            ("1000", false, true),
            ("1024", false, false),
            ("1e3", false, false),
            ("1", false, true),
            ("1E", false, true),
            ("1Ei", false, true),
            ("1m", false, false),
            ("-1", false, false),
            ("0.5Ki", false, false),
            ("1024Ki", false, true),
        ] {
            let quantity = Quantity::parse(divisor).expect("a quantity");
            assert_eq!(quantity.is_divisor(cpu), accepted, "{divisor} (cpu: {cpu})");
        }
        for not_a_quantity in ["", "m", "1.2.3", "1x", "1e", "1Kii", "--1", "1e+"] {
            assert!(
                Quantity::parse(not_a_quantity).is_none(),
                "{not_a_quantity}"
            );
        }
        assert!(Quantity::parse("0").expect("zero").is_zero());
        assert!(Quantity::parse("0.000Mi").expect("zero").is_zero());
    }

    /// Values as `ParseQuantity` holds them, and as `Quantity.Cmp`
    /// compares them.
    #[test]
    fn amounts_are_exact() {
        let amount = |text: &str| Quantity::parse(text).expect("a quantity").amount();
        assert_eq!(amount("1Ki"), amount("1024"));
        assert_eq!(amount("1.5Ki"), amount("1536"));
        assert_eq!(amount("0.5"), amount("500m"));
        assert_eq!(amount("1e3"), amount("1k"));
        assert!(amount("1Gi") > amount("1G"));
        assert!(amount("-1") < amount("0"));
        assert!(amount("-2") < amount("-1"));
        assert_eq!(amount("-0"), amount("0"));
        // `UnmarshalJSON` trims what it parses.
        assert_eq!(amount(" 2\t"), amount("2"));
        assert_eq!(amount("0.0000000001"), amount("1n"));
        assert_eq!(amount("0.9999999991"), amount("1"));
        // A binary quantity is capped at 2^63 - 1; a decimal one is not.
        assert_eq!(amount("9Ei"), amount("9223372036854775807"));
        assert!(amount("10E") > amount("9223372036854775807"));
        assert_eq!(amount("1.5").ceil_scaled(0), Some(2));
        assert_eq!(amount("1.5").ceil_scaled(3), Some(1500));
        assert_eq!(amount("1e40").ceil_scaled(0), None);
        assert_eq!(amount("-1").ceil_scaled(0), None);
    }
}
