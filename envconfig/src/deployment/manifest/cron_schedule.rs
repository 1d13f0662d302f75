//! A CronJob's `schedule` as the API server reads it (`validateScheduleFormat`
//! in `pkg/apis/batch/validation`, Kubernetes v1.32): the standard parser of
//! robfig/cron v3 (`ParseStandard`), which takes five fields (minute, hour,
//! day of month, month, day of week; no seconds field) or a descriptor
//! (`@daily`, `@every 5m`, ...). The grammar is public; this is no copy of
//! its code.

/// The bounds of a field, and the names it also takes (lowercase).
struct Bounds {
    what: &'static str,
    min: u64,
    max: u64,
    names: &'static [&'static str],
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const DAYS: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// The five fields, in order. A day of week is 0 (Sunday) to 6: 7 is
/// refused, as robfig/cron refuses it.
const FIELDS: [Bounds; 5] = [
    Bounds {
        what: "minute",
        min: 0,
        max: 59,
        names: &[],
    },
    Bounds {
        what: "hour",
        min: 0,
        max: 23,
        names: &[],
    },
    Bounds {
        what: "day of month",
        min: 1,
        max: 31,
        names: &[],
    },
    Bounds {
        what: "month",
        min: 1,
        max: 12,
        names: MONTHS,
    },
    Bounds {
        what: "day of week",
        min: 0,
        max: 6,
        names: DAYS,
    },
];

/// The descriptors the parser knows, matched exactly (case and spaces).
const DESCRIPTORS: &[&str] = &[
    "@yearly",
    "@annually",
    "@monthly",
    "@weekly",
    "@daily",
    "@midnight",
    "@hourly",
];

/// Why the standard parser refuses `spec`, or `None` when it takes it.
/// A `TZ=` or `CRON_TZ=` prefix is not read here: the API server refuses
/// any schedule with `TZ` in it before it matters.
pub(super) fn refused(spec: &str) -> Option<String> {
    if spec.is_empty() {
        return Some("it is empty".to_owned());
    }
    if spec.starts_with('@') {
        return descriptor(spec);
    }
    // `strings.Fields`: Unicode white space, as `char::is_whitespace`.
    let fields: Vec<&str> = spec
        .split(char::is_whitespace)
        .filter(|f| !f.is_empty())
        .collect();
    if fields.len() != 5 {
        let hint = match fields.len() {
            6 => " (a seconds field is not taken)",
            _ => "",
        };
        return Some(format!(
            "it has {} fields, where a schedule has exactly 5 (minute, hour, day of month, \
             month, day of week){hint}",
            fields.len()
        ));
    }
    for (field, bounds) in fields.iter().zip(&FIELDS) {
        // `strings.FieldsFunc` on `,`: empty pieces are dropped.
        for expr in field.split(',').filter(|expr| !expr.is_empty()) {
            if let Err(why) = range(expr, bounds) {
                return Some(format!("its {} field {why}", bounds.what));
            }
        }
    }
    None
}

/// `@daily`, `@every 1h30m`, ...
fn descriptor(spec: &str) -> Option<String> {
    if DESCRIPTORS.contains(&spec) {
        return None;
    }
    // `@every` takes any duration Go reads, negative or below a second
    // included (it then runs every second).
    if let Some(duration) = spec.strip_prefix("@every ") {
        return go_duration(duration)
            .err()
            .map(|why| format!("its duration {} {why}", shown(duration)));
    }
    Some(format!(
        "{} is no descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, \
         @hourly, or @every with a duration)",
        shown(spec)
    ))
}

/// One range of a field: `*`, `?`, `5`, `1-5`, `*/15`, `10/5`, `mon-fri`.
fn range(expr: &str, bounds: &Bounds) -> Result<(), String> {
    let parts: Vec<&str> = expr.split('/').collect();
    let ends: Vec<&str> = parts[0].split('-').collect();
    let (start, mut end) = if ends[0] == "*" || ends[0] == "?" {
        // What follows `*-` is never read.
        (bounds.min, bounds.max)
    } else {
        let start = number_or_name(ends[0], bounds)?;
        match ends.len() {
            1 => (start, start),
            2 => (start, number_or_name(ends[1], bounds)?),
            _ => return Err(format!("{} has too many hyphens", shown(expr))),
        }
    };
    let step = match parts.len() {
        1 => 1,
        2 => {
            // `N/step` runs from N to the end.
            if ends.len() == 1 {
                end = bounds.max;
            }
            number(parts[1])?
        }
        _ => return Err(format!("{} has too many slashes", shown(expr))),
    };
    let (min, max) = (bounds.min, bounds.max);
    if start < min {
        Err(format!("{} starts below {min}", shown(expr)))
    } else if end > max {
        Err(format!("{} ends above {max}", shown(expr)))
    } else if start > end {
        Err(format!("{} starts after it ends", shown(expr)))
    } else if step == 0 {
        Err(format!("{} has a step of 0", shown(expr)))
    } else {
        Ok(())
    }
}

fn number_or_name(text: &str, bounds: &Bounds) -> Result<u64, String> {
    let lower = text.to_lowercase();
    match bounds.names.iter().position(|name| *name == lower) {
        Some(index) => Ok(index as u64 + bounds.min),
        None => number(text),
    }
}

/// `strconv.Atoi`, then not negative: a sign is taken (`+5`, `-0`).
fn number(text: &str) -> Result<u64, String> {
    match text.parse::<i64>() {
        Ok(n) if n < 0 => Err(format!("has a negative number {n}")),
        Ok(n) => Ok(n.unsigned_abs()),
        Err(_) => Err(format!("has {}, which is no number", shown(text))),
    }
}

/// Whether Go's `time.ParseDuration` reads `text`: a sign, then one or
/// more numbers (`1`, `1.5`, `.5`) each with a unit (`ns`, `us`, `µs`,
/// `μs`, `ms`, `s`, `m`, `h`), or `0` alone; at most 2^63 nanoseconds.
fn go_duration(text: &str) -> Result<(), &'static str> {
    const UNITS: [(&str, u128); 8] = [
        ("ns", 1),
        ("us", 1_000),
        ("\u{b5}s", 1_000),
        ("\u{3bc}s", 1_000),
        ("ms", 1_000_000),
        ("s", 1_000_000_000),
        ("m", 60_000_000_000),
        ("h", 3_600_000_000_000),
    ];
    const LIMIT: u128 = 1 << 63;
    let negative = text.starts_with('-');
    let mut rest = text.strip_prefix(['-', '+']).unwrap_or(text);
    if rest == "0" {
        return Ok(());
    }
    if rest.is_empty() {
        return Err("is no duration");
    }
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (int, after) = rest.split_at(digits(rest));
        let (fraction, after) = match after.strip_prefix('.') {
            Some(after) => after.split_at(digits(after)),
            None => ("", after),
        };
        if int.is_empty() && fraction.is_empty() {
            return Err("is no duration (a number comes before each unit)");
        }
        let unit_len = after
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_len);
        if unit.is_empty() {
            return Err("is no duration (a number without a unit)");
        }
        let Some(&(_, scale)) = UNITS.iter().find(|(name, _)| *name == unit) else {
            return Err("is no duration (units are ns, us, ms, s, m and h)");
        };
        let whole: u128 = match int {
            "" => 0,
            int => int.parse().unwrap_or(u128::MAX),
        };
        if whole > LIMIT / scale {
            return Err("is too long");
        }
        // The fraction's nanoseconds, as Go adds them: through a float.
        let part: f64 = format!("0.{fraction}").parse().unwrap_or(0.0);
        total += whole * scale + (part * scale as f64) as u128;
        if total > LIMIT {
            return Err("is too long");
        }
        rest = after;
    }
    if !negative && total == LIMIT {
        return Err("is too long");
    }
    Ok(())
}

/// A schedule's text, for a message (it is no secret).
fn shown(text: &str) -> crate::shown::Abridged<'_> {
    crate::shown::Abridged::name(text)
}

#[cfg(test)]
#[path = "cron_schedule_tests.rs"]
mod tests;
