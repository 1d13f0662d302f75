//! The standard cron parser, ported from robfig/cron v3.0.1 (the version
//! Kubernetes v1.32 vendors): `TestRange` and `TestField`, and the
//! `ParseStandard` cases of `TestStandardSpecSchedule`, and the cases of
//! `TestParseScheduleErrors` adapted to the standard parser, in
//! `parser_test.go`;
//! `TestParseDuration` and `TestParseDurationErrors` of Go's `time` package
//! for `@every`.

use super::*;

fn bounds(min: u64, max: u64) -> Bounds {
    Bounds {
        what: "test",
        min,
        max,
        names: &[],
    }
}

/// `TestRange`: each expression with its bounds, and the error it gives.
#[test]
fn ranges_as_robfig_cron_reads_them() {
    for (expr, min, max) in [
        ("5", 0, 7),
        ("0", 0, 7),
        ("7", 0, 7),
        ("5-5", 0, 7),
        ("5-6", 0, 7),
        ("5-7", 0, 7),
        ("5-6/2", 0, 7),
        ("5-7/2", 0, 7),
        ("5-7/1", 0, 7),
        ("*", 1, 3),
        ("*/2", 1, 3),
    ] {
        assert_eq!(range(expr, &bounds(min, max)), Ok(()), "{expr}");
    }
    for (expr, min, max, why) in [
        ("5--5", 0, 0, "too many hyphens"),
        ("2-x", 1, 5, "no number"),
        ("*/-12", 0, 0, "negative number"),
        ("*//2", 0, 0, "too many slashes"),
        ("1", 3, 5, "starts below 3"),
        ("6", 3, 5, "ends above 5"),
        ("5-3", 3, 5, "starts after it ends"),
        ("*/0", 0, 0, "a step of 0"),
    ] {
        let found = range(expr, &bounds(min, max));
        assert!(
            found.as_ref().is_err_and(|found| found.contains(why)),
            "{expr}: {found:?}"
        );
    }
    // "jan-x": a name is only a name in the month field.
    assert!(refused("0 0 * jan-x *").is_some_and(|why| why.contains("no number")));
}

/// `TestField`: lists of ranges; an empty piece is dropped.
#[test]
fn fields_are_lists_of_ranges() {
    for field in ["5", "5,6", "5,6,7", "1,5-7/2,3", "1,,2", ","] {
        assert_eq!(refused(&format!("{field} * * * *")), None, "{field}");
    }
}

/// `ParseStandard` cases: five fields, names, descriptors and `@every`.
#[test]
fn standard_schedules_are_taken() {
    for spec in [
        // TestStandardSpecSchedule.
        "5 * * * *",
        "@every 5m",
        // TestValidateCronJob ("basic scheduled job", "non-standard
        // scheduled", "correct timeZone value").
        "* * * * ?",
        "@hourly",
        "0 * * * *",
        "@midnight",
        "@every 1h30m",
        // Names in any case, ranges of names, and the day of week 0-6.
        "0 0 * JAN-mar mon-FRI",
        "0 0 1 * sun",
        "*/5 * * * *",
        "0 9-17/2 * * 1-5",
        "5/15 * * * *",
        "+5 * * * *",
        "*-3 * * * *",
        "0\t0  * * *",
        "@yearly",
        "@annually",
        "@monthly",
        "@weekly",
        "@daily",
        "@every 1.5h",
        "@every .5s",
        "@every -5m",
        "@every 0",
        "@every 300ms",
        "@every 1\u{b5}s",
    ] {
        assert_eq!(refused(spec), None, "{spec:?}");
    }
}

#[test]
fn schedules_robfig_cron_refuses() {
    for (spec, why) in [
        // TestStandardSpecSchedule's errors.
        ("5 j * * *", "its hour field has j, which is no number"),
        ("* * * *", "it has 4 fields, where a schedule has exactly 5"),
        // TestValidateCronJob ("spec.schedule: Invalid value").
        ("error", "it has 1 fields"),
        // TestParseScheduleErrors.
        ("@every Xm", "its duration Xm is no duration"),
        ("@unrecognized", "@unrecognized is no descriptor"),
        ("", "it is empty"),
        // What charts write: a seconds field, a day of week 7, a
        // descriptor in another case or with a space after it.
        ("0 */5 * * * *", "(a seconds field is not taken)"),
        ("*/5 * * *", "it has 4 fields"),
        ("0 0 * * 7", "its day of week field 7 ends above 6"),
        ("60 * * * *", "its minute field 60 ends above 59"),
        ("0 24 * * *", "its hour field 24 ends above 23"),
        ("0 0 0 * *", "its day of month field 0 starts below 1"),
        ("0 0 1 13 *", "its month field 13 ends above 12"),
        ("0 0 * * mon-sun", "mon-sun starts after it ends"),
        ("@Daily", "is no descriptor"),
        ("@daily ", "is no descriptor"),
        ("@every 5", "is no duration (a number without a unit)"),
        ("@every 5 m", "is no duration"),
        ("@every 1d", "units are ns, us, ms, s, m and h"),
        ("@every ", "is no duration"),
        ("@every 3000000h", "is too long"),
        ("0 0 L * *", "no number"),
        ("0 0 * * 1#2", "no number"),
    ] {
        let found = refused(spec);
        assert!(
            found.as_ref().is_some_and(|found| found.contains(why)),
            "{spec:?}: {found:?}"
        );
    }
}

/// `TestParseDuration` and `TestParseDurationErrors` (Go's `time`).
#[test]
fn durations_as_go_reads_them() {
    for text in [
        "0",
        "5s",
        "30s",
        "1478s",
        "-5s",
        "+5s",
        "-0",
        "+0",
        "5.0s",
        "5.6s",
        "5.s",
        ".5s",
        "1.0s",
        "1.00s",
        "1.004s",
        "100.00100s",
        "10ns",
        "11us",
        "12\u{3bc}s",
        "13ms",
        "14s",
        "15m",
        "16h",
        "3h30m",
        "10.5s4m",
        "-2m3.4s",
        "1h2m3s4ms5us6ns",
        "39h9m14.425s",
        "52763797000ns",
        "0.3333333333333333333h",
        "9007199254740993ns",
        "9223372036854775807ns",
        "-9223372036854775808ns",
        "0.100000000000000000000h",
    ] {
        assert_eq!(go_duration(text), Ok(()), "{text}");
    }
    for text in [
        "",
        "3",
        "-",
        "s",
        ".",
        "-.",
        ".s",
        "+.s",
        "1d",
        "\u{85}\u{85}",
        "\u{ffff}",
        "9223372036854775810ns",
        "9223372036854775808ns",
        "3000000h",
    ] {
        assert!(go_duration(text).is_err(), "{text:?}");
    }
}
