//! `#[derive(Choice)]` enums: one of a fixed set of words, each naming a
//! unit variant, matched ignoring ASCII case and treating `-` and `_` alike.
//!
//! The derive writes the words down (a [`Choices`] table) and a way from a
//! row of it to a variant; everything else, matching, the "did you mean"
//! and the wording of errors and docs, is here, once for every enum.

use std::fmt;

use super::{EnvValue, Noun, ValueError};

/// An enum of unit variants, each read from a word: a log level, a mode, a
/// backend. Derive it with `#[derive(envconfig::Choice)]`, which also
/// implements [`FromStr`](std::str::FromStr) (with [`ChoiceError`]) and
/// [`Display`](std::fmt::Display) (the canonical spelling).
///
/// Each variant is spelled in kebab-case, its words split where the case
/// changes (`TraceAll` is `trace-all`, `HTTPOnly` is `http-only`,
/// `Ipv6Only` is `ipv6-only`); `#[choice(rename = "...")]` replaces that
/// spelling and `#[choice(alias = "...")]` adds another accepted one. A
/// value matches ignoring ASCII case and surrounding whitespace, with `-`
/// and `_` alike: `TRACE_ALL` is `trace-all`.
///
/// ```
/// use envconfig::Choice;
///
/// #[derive(Choice, Debug, PartialEq)]
/// enum Level {
///     Error,
///     #[choice(alias = "warning")]
///     Warn,
///     Info,
///     #[choice(rename = "trace")]
///     TraceAll,
/// }
///
/// assert_eq!(Level::CHOICES, ["error", "warn", "info", "trace"]);
/// assert_eq!("WARNING".parse(), Ok(Level::Warn));
/// assert_eq!(Level::TraceAll.to_string(), "trace");
/// assert_eq!(Level::Info.as_str(), "info");
///
/// let error = "wran".parse::<Level>().unwrap_err();
/// assert_eq!(error.to_string(), "not one of: error, warn, info, trace (did you mean warn?)");
/// ```
///
/// A field of a `Choice` type is read by envconfig itself (also inside
/// `Option`, `Vec` and `SecretBox`), and its docs list the choices.
pub trait Choice: Sized {
    /// The canonical spelling of every variant, in declaration order: what
    /// `Display` writes and the docs list. Aliases are not among them.
    const CHOICES: &'static [&'static str];

    /// This variant's canonical spelling, one of [`CHOICES`](Self::CHOICES).
    fn as_str(&self) -> &'static str;

    /// Every accepted spelling, in the order of [`CHOICES`](Self::CHOICES).
    #[doc(hidden)]
    const __TABLE: Choices;

    /// The variant of row `index` of the table.
    #[doc(hidden)]
    fn __variant(index: usize) -> Option<Self>;
}

/// The spellings of an enum's variants, one row per variant in declaration
/// order: the canonical spelling and its aliases.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Choices {
    rows: &'static [(&'static str, &'static [&'static str])],
}

impl Choices {
    pub const fn new(rows: &'static [(&'static str, &'static [&'static str])]) -> Choices {
        Choices { rows }
    }

    /// The row `value` spells, ignoring ASCII case and `-` against `_`.
    fn find(&self, value: &str) -> Option<usize> {
        self.rows.iter().position(|(canonical, aliases)| {
            same_choice(value, canonical) || aliases.iter().any(|alias| same_choice(value, alias))
        })
    }

    /// The spelling `value` is most likely a typo of: at most one edit per
    /// three of its characters (and at least one, never more than three),
    /// the first of equally close ones.
    fn closest(&self, value: &str) -> Option<&'static str> {
        let length = value.chars().count();
        self.rows
            .iter()
            .flat_map(|(canonical, aliases)| std::iter::once(canonical).chain(aliases.iter()))
            .filter_map(|spelling| {
                let limit = (spelling.chars().count() / 3).clamp(1, 3);
                // Lengths further apart than the limit are further apart than
                // it; skipping them also bounds the work for a huge value.
                if length.abs_diff(spelling.chars().count()) > limit {
                    return None;
                }
                let distance = envconfig_core::edit_distance(&folded(value), &folded(spelling));
                (distance <= limit).then_some((distance, *spelling))
            })
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, spelling)| spelling)
    }
}

/// Whether `a` and `b` are one choice: equal but for ASCII case, with `-`
/// and `_` alike.
fn same_choice(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(a, b)| fold(a) == fold(b))
}

fn fold(byte: u8) -> u8 {
    match byte {
        b'_' => b'-',
        byte => byte.to_ascii_lowercase(),
    }
}

/// `value` as [`same_choice`] sees it: `Trace_All` is `trace-all`.
fn folded(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Why a value is none of a [`Choice`] enum's spellings: the `Err` of its
/// `FromStr`. Its message lists the choices, with the one the value looks
/// like a typo of, and never quotes the value.
///
/// ```
/// # use envconfig::Choice;
/// #[derive(Choice, Debug)]
/// enum Backend {
///     Postgres,
///     Sqlite,
/// }
///
/// let error = "sqlit".parse::<Backend>().unwrap_err();
/// assert_eq!(error.choices(), ["postgres", "sqlite"]);
/// assert_eq!(error.did_you_mean(), Some("sqlite"));
/// assert_eq!(error.to_string(), "not one of: postgres, sqlite (did you mean sqlite?)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceError {
    choices: &'static [&'static str],
    did_you_mean: Option<&'static str>,
}

impl ChoiceError {
    /// The canonical spellings of the choices.
    pub fn choices(&self) -> &'static [&'static str] {
        self.choices
    }

    /// The accepted spelling (canonical or alias) that the value looks like
    /// a typo of, if any.
    pub fn did_you_mean(&self) -> Option<&'static str> {
        self.did_you_mean
    }
}

impl fmt::Display for ChoiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not one of: {}", self.choices.join(", "))?;
        if let Some(spelling) = self.did_you_mean {
            write!(f, " (did you mean {spelling}?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ChoiceError {}

/// What every derived `FromStr` calls: the variant `value` spells, after
/// trimming, as envconfig reads it.
#[doc(hidden)]
pub fn choice_from_str<T: Choice>(value: &str) -> Result<T, ChoiceError> {
    let value = value.trim();
    match T::__TABLE.find(value).and_then(T::__variant) {
        Some(variant) => Ok(variant),
        None => Err(ChoiceError {
            choices: T::CHOICES,
            did_you_mean: T::__TABLE.closest(value),
        }),
    }
}

/// The problem's reason without the suggestion: the problem's "expected"
/// lists the choices.
const NOT_A_CHOICE: &str = "not one of the choices";

impl<T: Choice> EnvValue for T {
    fn to_env(&self) -> Option<String> {
        Some(self.as_str().to_owned())
    }

    fn parse_env(raw: &str) -> Result<T, ValueError> {
        choice_from_str(raw).map_err(|error| match error.did_you_mean {
            None => ValueError::new(NOT_A_CHOICE),
            // A suggestion tells what the value nearly is: withheld for a
            // secret, as a reason from user code is.
            Some(spelling) => {
                ValueError::hinting(format!("{NOT_A_CHOICE} (did you mean {spelling}?)"))
            }
        })
    }

    fn noun() -> Noun {
        let list = T::CHOICES.join(", ");
        Noun {
            one: format!("one of: {list}").into(),
            many: format!("choices ({list})").into(),
        }
    }

    fn choices() -> Option<&'static [&'static str]> {
        Some(T::CHOICES)
    }

    fn value_kind() -> super::ValueKind {
        super::ValueKind {
            choices: T::CHOICES
                .iter()
                .map(|choice| (*choice).to_owned())
                .collect(),
            ..super::ValueKind::of(super::Kind::Choice)
        }
    }
}

#[cfg(test)]
mod tests {
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
        ];
        for (value, meant) in table {
            assert_eq!(ROWS.closest(value), meant, "{value:?}");
        }
        assert_eq!(ROWS.closest(&"warn".repeat(100_000)), None);
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
        let level = || (&&Pick::<Level>::new()).parser();
        assert_eq!(level().choices(), Some(&["error", "warn"][..]));
        assert_eq!(Secret::new(level()).choices(), Some(&["error", "warn"][..]));
        assert_eq!(List::new(",", level()).choices(), None);
        let number = (&&Pick::<u16>::new()).parser();
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
}
