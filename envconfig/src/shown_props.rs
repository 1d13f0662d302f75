//! Properties of the URL password masking: it never panics, and no part of
//! a password is left visible.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::mask_url_passwords;

/// 2 000 cases per property, more when `PROPTEST_CASES` asks for more.
fn check<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    crate::props::run(file!(), 2_000, strategy, test);
}

/// Pieces of text around URLs: anything but the marker `Q`.
const PIECES: &[&str] = &[
    "://",
    ":",
    "@",
    "/",
    "//",
    ",",
    ";",
    " ",
    "\t",
    "\n",
    "\u{a0}",
    "\u{3000}",
    "a",
    "h",
    "1",
    "é",
    "\u{1f600}",
    "#",
    "?",
    "%",
    "*",
];

/// Pieces of a password: `Q`, which nothing else holds, and the characters
/// that a password written without percent-encoding may hold.
const PASSWORD_PIECES: &[&str] = &[
    "Q",
    "Q",
    "@",
    "/",
    "//",
    ":",
    "://",
    ",",
    ";",
    "#",
    "?",
    "%",
    "é",
    "Q\u{1f600}",
    "*",
];

fn text(
    pieces: &'static [&'static str],
    len: std::ops::Range<usize>,
) -> impl Strategy<Value = String> {
    vec(select(pieces), len).prop_map(|pieces| pieces.concat())
}

/// Whether `password` reads as the end of one URL and the start of the
/// next in a list: an `@`, then `,` or `;`, a scheme and `://`
/// (`p@h,b://v`). Such a password cannot be told from a list.
fn reads_as_a_list(password: &str) -> bool {
    let Some(at) = password.find('@') else {
        return false;
    };
    let rest = &password[at..];
    rest.match_indices("://").any(|(i, _)| {
        let before =
            rest[..i].trim_end_matches(|c: char| c.is_ascii_alphanumeric() || "+-.".contains(c));
        before.len() < i && before.ends_with([',', ';'])
    })
}

/// A URL with a password: `scheme://user:password@host`, the password
/// holding at least one `Q`, the host no `@` and no blank.
fn url() -> impl Strategy<Value = (String, String, String, String)> {
    let password = text(PASSWORD_PIECES, 0..8)
        .prop_map(|p| format!("Q{p}"))
        .prop_filter("not read as a list", |p| !reads_as_a_list(p));
    (
        select(&["postgres", "a", "redis", "s3", ""][..]),
        select(&["", "u", "app", "a.b-c_d", "%40x"][..]),
        password,
        select(
            &[
                "",
                "h",
                "db:5432/app",
                "h/p?q=1#f",
                "h,b://x",
                "[::1]:6379/0",
                "é",
            ][..],
        ),
    )
        .prop_map(|(scheme, user, password, host)| {
            (
                scheme.to_owned(),
                user.to_owned(),
                password,
                host.to_owned(),
            )
        })
}

#[test]
fn any_text_is_masked_without_panicking() {
    check(any::<String>(), |text| {
        let masked = mask_url_passwords(&text);
        // Without `://@`, nothing is masked.
        if !(text.contains("://") && text.contains('@')) {
            prop_assert_eq!(&*masked, &*text);
        }
        Ok(())
    });
    check(text(PIECES, 0..24), |text| {
        let masked = mask_url_passwords(&text);
        // Masking is idempotent: `***` holds no `://`, `:` or `@`.
        prop_assert_eq!(&*mask_url_passwords(&masked), &*masked);
        Ok(())
    });
}

/// One URL alone, after text with no `://`: the password, all of it up to
/// the last `@`, becomes `***`, and nothing else changes.
#[test]
fn the_password_of_a_url_is_masked() {
    let before = text(PIECES, 0..6).prop_map(|mut before| {
        while before.contains("://") {
            before = before.replace("://", ":");
        }
        before
    });
    check(
        (before, url(), select(&["", " ", "\n", " x y"][..])),
        |(before, url, after)| {
            let (scheme, user, password, host) = url;
            let text = format!("{before}{scheme}://{user}:{password}@{host}{after}");
            let expected = format!("{before}{scheme}://{user}:***@{host}{after}");
            prop_assert_eq!(&*mask_url_passwords(&text), &*expected, "text {:?}", text);
            Ok(())
        },
    );
}

/// URLs in a list, separated by `,`, `;` or blanks, with text around them:
/// no part of any password (its `Q`s) is left.
#[test]
fn no_password_of_a_list_is_left_visible() {
    let list = vec(
        (url(), select(&[",", ";", " ", "\n", ", ", " , "][..])),
        1..4,
    );
    check((text(PIECES, 0..4), list), |(before, list)| {
        let mut text = before;
        for ((scheme, user, password, host), separator) in list {
            text += &format!("{scheme}://{user}:{password}@{host}{separator}");
        }
        let masked = mask_url_passwords(&text);
        prop_assert!(!masked.contains('Q'), "{:?} masked as {:?}", text, masked);
        Ok(())
    });
}
