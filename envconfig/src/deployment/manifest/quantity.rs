//! A resource quantity as the API server reads one (`resource.Quantity` of
//! `k8s.io/apimachinery`), as far as a `resourceFieldRef`'s divisor needs:
//! whether it is zero, and whether Kubernetes writes it back as one of the
//! divisors it accepts.

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

impl Quantity {
    pub(super) fn parse(text: &str) -> Option<Quantity> {
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
}
