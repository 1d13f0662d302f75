use proptest::prelude::*;

use super::*;
use crate::value::proptests::{check, re};

const ROWS: Choices = Choices::new(&[
    ("error", &[]),
    ("warn", &["warning"]),
    ("info", &[]),
    ("trace-all", &["all"]),
    ("on", &[]),
]);

#[test]
fn values_find_their_row() {
    let table = [
        ("error", Some(0)),
        ("ERROR", Some(0)),
        ("Warning", Some(1)),
        ("trace-all", Some(3)),
        ("TRACE_ALL", Some(3)),
        ("trace_all", Some(3)),
        ("ALL", Some(3)),
        ("traceall", None),
        ("trace--all", None),
        ("warn ", None), // `choice_from_str` trims; the table does not
        ("", None),
        ("\u{212a}", None), // Kelvin sign: not ASCII `k`
    ];
    for (value, row) in table {
        assert_eq!(ROWS.find(value), row, "{value:?}");
    }
}

#[test]
fn typos_find_the_spelling_meant() {
    let table = [
        ("wran", Some("warn")),
        ("eror", Some("error")),
        ("Warnign", Some("warning")),
        ("trace_al", Some("trace-all")),
        ("TRACEALL", Some("trace-all")),
        ("of", Some("on")),
        ("debug", None),
        ("x", None),
        ("", None),
        ("Wärn", Some("warn")),
    ];
    for (value, meant) in table {
        assert_eq!(ROWS.closest(value), meant, "{value:?}");
    }
    assert_eq!(ROWS.closest(&"warn".repeat(100_000)), None);
}

/// The const distance the "did you mean" uses is the one the derive's
/// and the runtime's other suggestions use (`envconfig_core`), on the
/// spellings as matching folds them.
#[test]
fn const_distance_is_the_shared_one() {
    let folded = |text: &str| -> String {
        text.chars()
            .map(|c| match c {
                '_' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    };
    let word = "[a-cA-C_é\u{212a}-]{0,9}";
    check((re(word), re(word)), |(a, b): (String, String)| {
        let shared = envconfig_core::edit_distance(&folded(&a), &folded(&b));
        prop_assert_eq!(folded_distance(&a, &b), Some(shared));
        prop_assert_eq!(char_count(&a), a.chars().count());
        Ok(())
    });
    let long = "a".repeat(MAX_CHARS + 1);
    assert_eq!(folded_distance(&long, "a"), None);
}

#[test]
fn long_spellings_are_matched_but_never_suggested() {
    const LONG: &str =
        "a-choice-spelled-with-far-more-characters-than-anyone-would-ever-type-by-hand-at-all";
    const TABLE: Choices = Choices::new(&[(LONG, &[])]);
    assert!(LONG.chars().count() > MAX_CHARS);
    assert_eq!(TABLE.find(&LONG.to_uppercase()), Some(0));
    assert_eq!(TABLE.closest(&LONG[1..]), None);
}

#[derive(crate::Choice, Debug, PartialEq)]
enum Level {
    Error,
    Warn,
}

// A secret's value is wiped on drop; a unit variant holds nothing.
impl zeroize::Zeroize for Level {
    fn zeroize(&mut self) {}
}

/// The docs learn that a value is a choice, and which, through the
/// parser: `Builtin` and `Secret` pass it on, a list is no choice.
#[test]
fn parsers_tell_the_choices() {
    use crate::value::{List, Parse, Pick, PickBuiltin as _, Secret};
    let level = || (&&Pick::<Level>::new()).__parser();
    assert_eq!(level().choices(), Some(&["error", "warn"][..]));
    assert_eq!(Secret::new(level()).choices(), Some(&["error", "warn"][..]));
    assert_eq!(List::new(",", level()).choices(), None);
    let number = (&&Pick::<u16>::new()).__parser();
    assert_eq!(number.choices(), None);
    assert_eq!(level().parse(" WARN "), Ok(Level::Warn));
}

/// A `Choice` enum on words near its spellings and on anything: never
/// a panic; a reason from a fixed set, so that a "did you mean" names a
/// spelling and never the input; a suggestion marked so that it is
/// withheld for a secret; and what parses, parses back from `Display`.
#[test]
fn choice_alphabet() {
    #[derive(crate::Choice, Debug, PartialEq)]
    enum Level {
        Error,
        #[choice(alias = "warning")]
        Warn,
        Info,
        TraceAll,
    }
    let not_a_choice = "not one of the choices";
    let mut fixed = vec![not_a_choice.to_owned()];
    for spelling in ["error", "warn", "warning", "info", "trace-all"] {
        fixed.push(format!("{not_a_choice} (did you mean {spelling}?)"));
    }
    let near = re("[ \t_a-zA-Z-]{0,12}|(error|warn|info|trace.all)[a-z_-]{0,2}");
    check(prop_oneof![near, any::<String>()], |s| {
        match Level::parse_env(&s) {
            Ok(level) => prop_assert_eq!(level.to_string().parse::<Level>(), Ok(level)),
            Err(error) => {
                prop_assert!(fixed.iter().any(|f| f == error.reason()), "{:?}", error);
                let hints = error.reason().contains("did you mean");
                prop_assert_eq!(error.is_from_user_code(), hints);
            }
        }
        Ok(())
    });
}
