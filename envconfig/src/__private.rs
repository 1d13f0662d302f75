//! What generated code calls. Not public API: it changes without notice.
//!
//! The derive names everything here by absolute path
//! (`::envconfig::__private::...`) so that it never depends on what the
//! user's module has in scope.

pub use crate::docs::Docs;
pub use crate::field::{
    DefaultExpr, DefaultValue, Field, FieldName, MaybeDefault, NestedField, NoDefault, RareAttrs,
    default_expr, nested_prefix, no_default,
};
pub use crate::load::{Loader, Switch};
pub use crate::value::{
    Choices, EnvValue, InRange, Limit, List, Noun, Ordered, Parse, Pick, PickBuiltin, PickFromStr,
    PickNone, PickPlainType, PickSecretType, Secret, Validated, ValueError, WithFn,
    choice_from_str,
};
pub use core::fmt::{Display, Formatter, Result as FmtResult};
pub use core::option::Option;
pub use core::panic;
pub use core::primitive::{str, u8, usize};
pub use core::result::Result;
pub use core::str::FromStr;

/// The traits whose methods generated code calls by autoref
/// specialization, brought into scope by one glob import. A glob that
/// brings anything used is not "unused", where a `use Trait as _` of each
/// would be, for every field that picks another, and an `allow` of the lint
/// is an error in a crate that forbids it.
pub mod autoref {
    pub use super::{CheckFits as _, CheckMisfits as _, NotAChoice as _};
    pub use crate::value::{
        PickBuiltin as _, PickFromStr as _, PickNone as _, PickPlainType as _, PickSecretType as _,
    };
}

use core::marker::PhantomData;

use crate::docs::GroupSwitch;

use crate::value::{Slot, ValidatedAs, decode_utf8};

/// What `#[config(parse_with = path)]` takes.
pub type ParseFn<T, E> = fn(&str) -> Result<T, E>;

/// What `#[config(validate = path)]` on a field takes: `C` is the field's
/// value type or what it borrows as.
pub type CheckFn<C, E> = fn(&C) -> Result<(), E>;

/// What `#[config(validate = path)]` on a struct takes.
pub type RuleFn<T> = fn(&T) -> Result<(), crate::Violation>;

/// A field's `validate = check`, for a field of value type `T`:
/// `(&&Check::<T, _, _>::new(check)).__around(inner)` resolves to
/// [`CheckFits`], the field's parser, when the function fits the field,
/// else to [`CheckMisfits`], an error on the function saying what it may
/// take (as [`Pick`](crate::value::Pick) chooses a parser). The error is
/// then the only one: what the misfit returns is a parser all the same.
/// Named `__around` for the reason `Pick`'s methods are.
pub struct Check<T, C: ?Sized, E> {
    check: CheckFn<C, E>,
    value: PhantomData<fn() -> T>,
}

impl<T, C: ?Sized, E> Check<T, C, E> {
    pub const fn new(check: CheckFn<C, E>) -> Check<T, C, E> {
        Check {
            check,
            value: PhantomData,
        }
    }
}

pub trait CheckFits<T, P> {
    type Parser: Parse<Value = T>;
    fn __around(&self, inner: P) -> Self::Parser;
}

impl<T, C, E, P> CheckFits<T, P> for &Check<T, C, E>
where
    T: ValidatedAs<C>,
    C: ?Sized,
    E: Display,
    P: Parse<Value = T>,
{
    type Parser = Validated<P, C, E>;
    fn __around(&self, inner: P) -> Validated<P, C, E> {
        Validated::new(inner, self.check)
    }
}

pub trait CheckMisfits<T, C: ?Sized, E, P> {
    fn __around(&self, inner: P) -> P
    where
        T: ValidatedAs<C>,
        E: CheckError;
}

impl<T, C: ?Sized, E, P> CheckMisfits<T, C, E, P> for Check<T, C, E> {
    fn __around(&self, inner: P) -> P
    where
        T: ValidatedAs<C>,
        E: CheckError,
    {
        inner
    }
}

/// The error type of a `validate` function, whose message the problem
/// carries.
#[diagnostic::on_unimplemented(
    message = "the error of a `validate` function must implement `Display`: `{Self}` does not",
    label = "returns `Result<(), {Self}>`",
    note = "the error's `Display` is the problem's reason; a `String` or `&'static str` will do"
)]
pub trait CheckError: Display {}

impl<E: Display> CheckError for E {}

/// What a type that is not a [`Choice`](crate::Choice) answers for
/// `<T>::__ENVCONFIG_CHOICES`, which generated code asks of the type of a
/// string default: the derive of `Choice` gives each enum an inherent
/// constant of that name, which is found first.
pub trait NotAChoice {
    const __ENVCONFIG_CHOICES: Option<Choices> = None;
}

impl<T: ?Sized> NotAChoice for T {}

/// The longest message of a [`DefaultProblem`]; a longer list of choices
/// ends with `...`.
const PROBLEM_BYTES: usize = 1024;

/// Why a string default of a `Choice` type is none of its spellings, as
/// the compiler's error says it: written in const evaluation, where there
/// is no `String`. Empty when the default is fine.
pub struct DefaultProblem {
    text: [u8; PROBLEM_BYTES],
    len: usize,
}

impl DefaultProblem {
    pub const fn is_problem(&self) -> bool {
        self.len > 0
    }

    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.text.split_at(self.len).0) {
            Ok(text) => text,
            Err(_) => "",
        }
    }

    /// Appends `text`, whole, if it fits with `reserve` bytes to spare.
    const fn push(&mut self, text: &str, reserve: usize) -> bool {
        let bytes = text.as_bytes();
        if self.len + bytes.len() + reserve > PROBLEM_BYTES {
            return false;
        }
        let mut at = 0;
        while at < bytes.len() {
            self.text[self.len + at] = bytes[at];
            at += 1;
        }
        self.len += bytes.len();
        true
    }

    const fn push_number(&mut self, number: usize) {
        let mut digits = [0u8; 20];
        let (mut count, mut rest) = (0, number);
        loop {
            digits[digits.len() - 1 - count] = b'0' + (rest % 10) as u8;
            count += 1;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        let digits = digits.split_at(digits.len() - count).1;
        if let Ok(digits) = core::str::from_utf8(digits) {
            self.push(digits, 0);
        }
    }
}

/// Checks the string default of a field whose type has `choices` (`None`
/// for a type that is not a `Choice`): `values`, trimmed as the runtime
/// trims them, are one value, or a list's items when `list`. The message
/// is the runtime's, as a compile error words it: "invalid default: not
/// one of: error, warn, info (did you mean `info`?)".
pub const fn choice_default(
    choices: Option<Choices>,
    values: &[&str],
    list: bool,
) -> DefaultProblem {
    let mut problem = DefaultProblem {
        text: [0; PROBLEM_BYTES],
        len: 0,
    };
    let Some(choices) = choices else {
        return problem;
    };
    let mut index = 0;
    while index < values.len() {
        let value = values[index];
        index += 1;
        if choices.find(value).is_some() {
            continue;
        }
        let suggestion = choices.closest(value);
        // Room for the suggestion after the list, and for `, ...`.
        let reserve = match suggestion {
            Some(spelling) => spelling.len() + 32,
            None => 8,
        };
        problem.push("invalid default: ", 0);
        if list {
            problem.push("item ", 0);
            problem.push_number(index);
            problem.push(": ", 0);
        }
        // As the derive says of a built-in type's.
        if value.is_empty() {
            problem.push("an empty default is no value; leave the default out", 0);
            break;
        }
        problem.push("not one of: ", 0);
        let rows = choices.rows();
        let mut row = 0;
        while row < rows.len() {
            let spelling = rows[row].0;
            let fits = if row == 0 {
                problem.push(spelling, reserve)
            } else {
                problem.len + 2 + spelling.len() + reserve <= PROBLEM_BYTES
                    && problem.push(", ", 0)
                    && problem.push(spelling, 0)
            };
            if !fits {
                problem.push(", ...", 0);
                break;
            }
            row += 1;
        }
        if let Some(spelling) = suggestion {
            problem.push(" (did you mean `", 0);
            problem.push(spelling, 0);
            problem.push("`?)", 0);
        }
        break;
    }
    problem
}

/// Writes the description that doc-comment attributes of the texts
/// `parts` make into `out`, as far as it reaches, and returns its length:
/// each text's lines trimmed, a `/** ... */` block's leading `*`s dropped
/// (a text of several lines), empty lines left out, all joined with
/// spaces. The derive joins a doc comment it can read so itself; this is
/// for one whose text only macro expansion gives
/// (`#[doc = include_str!("...")]`), joined by the compiler with
/// [`doc_len`], [`doc_bytes`] and [`doc_text`].
pub const fn doc_write(parts: &[&str], out: &mut [u8]) -> usize {
    let mut len = 0;
    let mut part = 0;
    while part < parts.len() {
        let bytes = parts[part].as_bytes();
        part += 1;
        let mut block = false;
        let mut at = 0;
        while at < bytes.len() {
            block |= bytes[at] == b'\n';
            at += 1;
        }
        let mut start = 0;
        while start < bytes.len() {
            let mut end = start;
            while end < bytes.len() && bytes[end] != b'\n' {
                end += 1;
            }
            let (mut first, last) = trimmed(bytes, start, end);
            if block && first < last && bytes[first] == b'*' {
                first = trimmed(bytes, first + 1, last).0;
            }
            if first < last {
                if len > 0 {
                    len = put(out, len, b' ');
                }
                while first < last {
                    len = put(out, len, bytes[first]);
                    first += 1;
                }
            }
            start = end + 1;
        }
    }
    len
}

/// Writes `byte` at `at` if `out` reaches there; the length after it.
const fn put(out: &mut [u8], at: usize, byte: u8) -> usize {
    if at < out.len() {
        out[at] = byte;
    }
    at + 1
}

/// `bytes[start..end]`, UTF-8, without the whitespace around it, as
/// `str::trim` sees whitespace.
const fn trimmed(bytes: &[u8], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end {
        let (c, width) = char_at(bytes, start);
        if !c.is_whitespace() {
            break;
        }
        start += width;
    }
    while start < end {
        let mut first = end - 1;
        // Back over continuation bytes to where the last character starts.
        while bytes[first] & 0xC0 == 0x80 {
            first -= 1;
        }
        if !char_at(bytes, first).0.is_whitespace() {
            break;
        }
        end = first;
    }
    (start, end)
}

/// The character that starts at `at` in UTF-8 `bytes`, and its width.
const fn char_at(bytes: &[u8], at: usize) -> (char, usize) {
    let (c, width) = decode_utf8(bytes, at);
    match char::from_u32(c) {
        Some(c) => (c, width),
        None => ('\u{FFFD}', width),
    }
}

/// The length of the description [`doc_write`] writes.
pub const fn doc_len(parts: &[&str]) -> usize {
    doc_write(parts, &mut [])
}

/// The description [`doc_write`] writes, `N` bytes long ([`doc_len`]).
pub const fn doc_bytes<const N: usize>(parts: &[&str]) -> [u8; N] {
    let mut out = [0; N];
    doc_write(parts, &mut out);
    out
}

/// The description [`doc_bytes`] wrote, as text.
pub const fn doc_text(bytes: &'static [u8]) -> &'static str {
    match core::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => "",
    }
}

/// The struct of a nested field, reached through the functions of its
/// `Config` impl. Generated code names them in one function per nested
/// field, so that a type that does not derive `Config` is one error there,
/// not one for each use (loading, describing, naming its variables).
pub struct Nested<N> {
    load: fn(&mut Loader<'_>, &str) -> Option<N>,
    describe: fn(&mut Docs, &str),
}

impl<N> Nested<N> {
    pub const fn new(
        load: fn(&mut Loader<'_>, &str) -> Option<N>,
        describe: fn(&mut Docs, &str),
    ) -> Nested<N> {
        Nested { load, describe }
    }

    pub fn load(&self, loader: &mut Loader<'_>, prefix: &str) -> Option<N> {
        (self.load)(loader, prefix)
    }

    pub fn describe(&self, docs: &mut Docs, prefix: &str) {
        (self.describe)(docs, prefix);
    }

    /// The variables of the struct whose prefix is `prefix`: what a rule
    /// across fields that names its field is about.
    pub fn names(&self, prefix: &str) -> Vec<String> {
        let source = crate::source::ProcessEnv;
        Loader::naming(&source)
            .without_aliases()
            .names(&mut |loader| {
                let _ = (self.load)(loader, prefix);
            })
    }
}

/// Adds the variables `describe` adds to `docs` as a group titled `title`
/// (a nested field's doc comment).
pub fn describe_group(docs: &mut Docs, title: &'static str, describe: impl FnOnce(&mut Docs)) {
    docs.in_group(title, describe);
}

/// Records that the variables described next are read from `dir` too,
/// when unset (`#[config(secrets_dir = "...")]`).
pub fn describe_secrets_dir(docs: &mut Docs, dir: &'static str) {
    docs.set_secrets_dir(dir);
}

/// Adds the variables `describe` adds to `docs` as the optional group
/// titled `title`, whose variables are under `prefix` then `group_prefix`
/// and which `switch` turns on (`None`: any of its variables set).
pub fn describe_optional_group(
    docs: &mut Docs,
    title: &'static str,
    prefix: &str,
    group_prefix: &str,
    switch: Option<&Field>,
    describe: impl FnOnce(&mut Docs, &str),
) {
    let group_prefix = crate::field::nested_prefix(prefix, group_prefix);
    let switch = match switch {
        Some(field) => GroupSwitch::EnabledBy(field.name.resolve(prefix)),
        None => GroupSwitch::AnySet {
            prefix: group_prefix.clone(),
            variables: Vec::new(),
        },
    };
    docs.in_optional_group(title, switch, |docs| describe(docs, &group_prefix));
}

/// Adds the variable of `field`, read with `parser`, to `docs`;
/// `default_expr` is the field's `default = <expr>` if it has one, else
/// [`NoDefault`].
pub fn describe_var<P: Parse, D: MaybeDefault<P::Value>>(
    docs: &mut Docs,
    prefix: &str,
    field: &Field,
    parser: &P,
    optional: bool,
    default_expr: D,
) {
    // One copy of `push_var` for every field type (see `Slot`).
    let slot = Slot::new(parser, default_expr);
    docs.push_var(
        prefix,
        field,
        &slot.described(),
        optional,
        slot.erased_default(),
    );
}
