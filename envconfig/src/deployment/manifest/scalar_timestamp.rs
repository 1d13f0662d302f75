//! go-yaml v2's timestamps: a text Go's `time.Parse` reads with one of
//! the layouts `2006-1-2T15:4:5.999999999Z07:00` (`t` too),
//! `2006-1-2 15:4:5.999999999` and `2006-1-2`. kubectl keeps such a
//! scalar's text as a string; only `!!timestamp` needs to know it is one.

/// A cursor over the text, as `time.Parse` walks it.
struct Cursor<'t>(&'t [u8]);

impl Cursor<'_> {
    /// One or two digits (Go's `getnum` of a non-padded field).
    fn number(&mut self) -> Option<u32> {
        let digits = self
            .0
            .iter()
            .take(2)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            return None;
        }
        let (number, rest) = self.0.split_at(digits);
        self.0 = rest;
        std::str::from_utf8(number).ok()?.parse().ok()
    }

    fn literal(&mut self, byte: u8) -> Option<()> {
        let (&first, rest) = self.0.split_first()?;
        (first == byte).then(|| self.0 = rest)
    }

    /// `.` or `,` and digits, if there.
    fn fraction(&mut self) {
        if let [b'.' | b',', second, ..] = self.0
            && second.is_ascii_digit()
        {
            let digits = self.0[1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            self.0 = &self.0[1 + digits..];
        }
    }
}

fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether go-yaml reads `text` as a timestamp.
pub(super) fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 5 || !bytes[..4].iter().all(u8::is_ascii_digit) || bytes[4] != b'-' {
        return false;
    }
    let year: u32 = text[..4].parse().unwrap_or(0);
    let mut cursor = Cursor(&bytes[5..]);
    let Some(month) = cursor.number().filter(|m| (1..=12).contains(m)) else {
        return false;
    };
    if cursor.literal(b'-').is_none() {
        return false;
    }
    let Some(_day) = cursor
        .number()
        .filter(|&d| d >= 1 && d <= days_in(month, year))
    else {
        return false;
    };
    let separator = match cursor.0.first() {
        None => return true,
        Some(&separator) => separator,
    };
    if !matches!(separator, b'T' | b't' | b' ') {
        return false;
    }
    cursor.0 = &cursor.0[1..];
    let time = (|| {
        cursor.number().filter(|&h| h < 24)?;
        cursor.literal(b':')?;
        cursor.number().filter(|&m| m < 60)?;
        cursor.literal(b':')?;
        cursor.number().filter(|&s| s < 60)?;
        cursor.fraction();
        Some(())
    })();
    if time.is_none() {
        return false;
    }
    if separator == b' ' {
        return cursor.0.is_empty();
    }
    match cursor.0 {
        [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit()).then(|| (a - b'0') * 10 + (b - b'0'))
            };
            matches!((two(*h1, *h2), two(*m1, *m2)), (Some(h), Some(m)) if h <= 24 && m <= 60)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_timestamp;

    #[test]
    fn the_layouts_go_yaml_reads() {
        for text in [
            "2001-12-14",
            "2001-1-4",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14T21:59:43Z",
            "2001-12-14 21:59:43.10",
            "2024-02-29",
            "2001-12-14T1:2:3+01:00",
        ] {
            assert!(is_timestamp(text), "{text}");
        }
        for text in [
            "2001-13-14",
            "2023-02-29",
            "2001-12-14 21:59:43.10 -5",
            "2001-12-14T21:59:43",
            "2001-12-14x",
            "201-12-14",
            "2001-12-143",
            "2001-12-14T25:00:00Z",
        ] {
            assert!(!is_timestamp(text), "{text}");
        }
    }
}
