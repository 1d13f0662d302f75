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

// Matching and the "did you mean" are `const`: the derive of `Config`
// checks a string default of a `Choice` type with them when the program
// compiles (`__private::choice_default`), as the runtime reads it.
impl Choices {
    pub const fn new(rows: &'static [(&'static str, &'static [&'static str])]) -> Choices {
        Choices { rows }
    }

    /// Every row: a canonical spelling and its aliases.
    pub(crate) const fn rows(&self) -> &'static [(&'static str, &'static [&'static str])] {
        self.rows
    }

    /// The row `value` spells, ignoring ASCII case and `-` against `_`.
    pub(crate) const fn find(&self, value: &str) -> Option<usize> {
        let mut row = 0;
        while row < self.rows.len() {
            let (canonical, aliases) = self.rows[row];
            if same_choice(value, canonical) {
                return Some(row);
            }
            let mut alias = 0;
            while alias < aliases.len() {
                if same_choice(value, aliases[alias]) {
                    return Some(row);
                }
                alias += 1;
            }
            row += 1;
        }
        None
    }

    /// The spelling `value` is most likely a typo of: at most one edit per
    /// three of its characters (and at least one, never more than three),
    /// the first of equally close ones. A spelling of more than
    /// [`MAX_CHARS`] characters is never suggested.
    pub(crate) const fn closest(&self, value: &str) -> Option<&'static str> {
        let length = char_count(value);
        let mut best: Option<(usize, &'static str)> = None;
        let mut row = 0;
        while row < self.rows.len() {
            let (canonical, aliases) = self.rows[row];
            // The canonical spelling, then each alias.
            let mut at = 0;
            while at <= aliases.len() {
                let spelling = if at == 0 { canonical } else { aliases[at - 1] };
                at += 1;
                let count = char_count(spelling);
                let limit = if count < 3 {
                    1
                } else if count < 9 {
                    count / 3
                } else {
                    3
                };
                // Lengths further apart than the limit are further apart
                // than it; skipping them also bounds the work for a huge
                // value.
                if length.abs_diff(count) > limit {
                    continue;
                }
                if let Some(distance) = folded_distance(value, spelling)
                    && distance <= limit
                {
                    match best {
                        Some((closest, _)) if closest <= distance => {}
                        _ => best = Some((distance, spelling)),
                    }
                }
            }
            row += 1;
        }
        match best {
            Some((_, spelling)) => Some(spelling),
            None => None,
        }
    }
}

/// Whether `a` and `b` are one choice: equal but for ASCII case, with `-`
/// and `_` alike.
const fn same_choice(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if fold(a[at] as u32) != fold(b[at] as u32) {
            return false;
        }
        at += 1;
    }
    true
}

/// A character as [`same_choice`] sees it: `_` is `-`, ASCII letters are
/// lower case.
const fn fold(c: u32) -> u32 {
    match c {
        0x5F => 0x2D,
        0x41..=0x5A => c + 0x20,
        c => c,
    }
}

/// The most characters of a spelling and a value that [`Choices::closest`]
/// compares.
pub(crate) const MAX_CHARS: usize = 72;

/// The characters of `text`, folded; `None` beyond [`MAX_CHARS`].
const fn folded_chars(text: &str) -> Option<([u32; MAX_CHARS], usize)> {
    let bytes = text.as_bytes();
    let mut chars = [0; MAX_CHARS];
    let (mut count, mut at) = (0, 0);
    while at < bytes.len() {
        if count == MAX_CHARS {
            return None;
        }
        let (c, width) = decode(bytes, at);
        chars[count] = fold(c);
        count += 1;
        at += width;
    }
    Some((chars, count))
}

/// The character that starts at `at` in UTF-8 `bytes`, as a code point,
/// and its width.
pub(crate) const fn decode(bytes: &[u8], at: usize) -> (u32, usize) {
    let first = bytes[at] as u32;
    let (lead, width) = match first {
        0..0x80 => return (first, 1),
        0x80..0xE0 => (first & 0x1F, 2),
        0xE0..0xF0 => (first & 0x0F, 3),
        _ => (first & 0x07, 4),
    };
    let mut c = lead;
    let mut offset = 1;
    while offset < width {
        c = (c << 6) | (bytes[at + offset] as u32 & 0x3F);
        offset += 1;
    }
    (c, width)
}

const fn char_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut at) = (0, 0);
    while at < bytes.len() {
        // Every byte but a continuation byte starts a character.
        if bytes[at] & 0xC0 != 0x80 {
            count += 1;
        }
        at += 1;
    }
    count
}

/// The optimal string alignment distance of `a` and `b` folded, as
/// `envconfig_core::edit_distance` counts it; `None` when either is longer
/// than [`MAX_CHARS`].
const fn folded_distance(a: &str, b: &str) -> Option<usize> {
    let (Some((a, a_len)), Some((b, b_len))) = (folded_chars(a), folded_chars(b)) else {
        return None;
    };
    // Three rows of the classic table: the one before last, last, current.
    let mut before = [0; MAX_CHARS + 1];
    let mut last = [0; MAX_CHARS + 1];
    let mut current = [0; MAX_CHARS + 1];
    let mut j = 0;
    while j <= b_len {
        last[j] = j;
        j += 1;
    }
    let mut i = 1;
    while i <= a_len {
        current[0] = i;
        let mut j = 1;
        while j <= b_len {
            let cost = if a[i - 1] == b[j - 1] { 0 } else { 1 };
            let mut best = last[j] + 1;
            if current[j - 1] + 1 < best {
                best = current[j - 1] + 1;
            }
            if last[j - 1] + cost < best {
                best = last[j - 1] + cost;
            }
            if i > 1
                && j > 1
                && a[i - 1] == b[j - 2]
                && a[i - 2] == b[j - 1]
                && before[j - 2] + 1 < best
            {
                best = before[j - 2] + 1;
            }
            current[j] = best;
            j += 1;
        }
        before = last;
        last = current;
        i += 1;
    }
    Some(last[b_len])
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
mod tests;
