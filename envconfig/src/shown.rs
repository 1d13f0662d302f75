//! How text is shown to a person: every value, name, path, parser message
//! and description that envconfig prints goes through here.
//!
//! Text from outside (the environment, files, user parsers) can hold
//! anything: a secret, a megabyte, a line break that forges another line of
//! a report, a bidi override (U+202E) that makes a terminal show it
//! reversed. So it is cut short, and every character that is not printable
//! as it is (control, format and separator characters) is escaped.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
/// What a secret is shown as, wherever it would be.
pub(crate) const REDACTED: &str = "<redacted>";

/// How many characters of a long value or name a message shows.
pub(crate) const SHOWN_CHARS: usize = 64;

/// How many characters of a parser's reason a message shows: room for a
/// reason from user code that quotes a value as long as [`SHOWN_CHARS`].
pub(crate) const SHOWN_REASON_CHARS: usize = 4 * SHOWN_CHARS;

/// Text from outside in a message or report: cut short when long, so that a
/// 1 MiB value (or name) does not become a 1 MiB log line, and escaped, so
/// that it stays on its line and shows as what it is.
pub(crate) struct Abridged<'a> {
    text: &'a str,
    quoted: bool,
    max_chars: usize,
    /// Whether a URL's password in it is masked: in a parser's reason,
    /// which may quote the value it rejects.
    masked: bool,
}

impl<'a> Abridged<'a> {
    /// A value: in quotes, escaped as Rust's `Debug` escapes a string.
    pub(crate) fn quoted(text: &'a str) -> Abridged<'a> {
        Abridged {
            text,
            quoted: true,
            max_chars: SHOWN_CHARS,
            masked: false,
        }
    }

    /// A variable's name or a path: as it is, but for the characters that
    /// cannot be shown as they are, which are escaped.
    pub(crate) fn name(text: &'a str) -> Abridged<'a> {
        Abridged {
            text,
            quoted: false,
            max_chars: SHOWN_CHARS,
            masked: false,
        }
    }

    /// A parser's reason, which user code may have written to quote the
    /// whole value: as it is, but for the characters that cannot be shown
    /// and a URL's password, masked as in the value.
    pub(crate) fn reason(text: &'a str) -> Abridged<'a> {
        Abridged {
            text,
            quoted: false,
            max_chars: SHOWN_REASON_CHARS,
            masked: true,
        }
    }
}

impl fmt::Display for Abridged<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self.masked {
            true => mask_url_passwords(self.text),
            false => Cow::Borrowed(self.text),
        };
        let cut = text.char_indices().nth(self.max_chars).map(|(at, _)| at);
        let shown = &text[..cut.unwrap_or(text.len())];
        if self.quoted {
            write!(f, "{shown:?}")?;
        } else {
            for c in shown.chars() {
                push_escaped(f, c)?;
            }
        }
        if cut.is_some() {
            write!(f, "... ({} bytes in all)", text.len())?;
        }
        Ok(())
    }
}

/// `Debug` is bounded like `Display`: a value in a derived `Debug` of an
/// error would otherwise be printed whole.
impl fmt::Debug for Abridged<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(
            &Abridged {
                quoted: true,
                ..*self
            },
            f,
        )
    }
}

/// Text that is not secret but must keep to one line of a table or a
/// comment (a description, a default as written in the source): line breaks
/// and tabs become spaces, and what cannot be shown as it is is escaped.
/// Not cut short: it comes from the program, not from outside.
pub(crate) struct OneLine<'a>(pub &'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '\n' | '\r' | '\t' | '\u{85}' | '\u{2028}' | '\u{2029}' => f.write_char(' ')?,
                c => push_escaped(f, c)?,
            }
        }
        Ok(())
    }
}

/// A value in a message: quoted (and cut short when long), a URL's
/// password masked, or [`REDACTED`] when it is secret (`None`).
pub(crate) struct Shown<'a>(pub Option<&'a str>);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(value) => Abridged::quoted(&mask_url_passwords(value)).fmt(f),
            None => f.write_str(REDACTED),
        }
    }
}

/// As `Display`: bounded, escaped and with a URL's password masked, so
/// that a `Debug` of a problem shows no more than its `Display`.
impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Writes `c`, escaped (`\u{202e}`, `\n`) unless it is printable as it is.
fn push_escaped(f: &mut fmt::Formatter<'_>, c: char) -> fmt::Result {
    // As `char::escape_default` writes them, without its iterator's code.
    match c {
        c if is_printable(c) => f.write_char(c),
        '\t' => f.write_str("\\t"),
        '\r' => f.write_str("\\r"),
        '\n' => f.write_str("\\n"),
        c => write!(f, "\\u{{{:x}}}", u32::from(c)),
    }
}

/// Whether `c` shows as itself: not a control, format (bidi overrides,
/// zero-width characters) or line or paragraph separator character. The
/// standard library's `Debug` knows which characters those are; a
/// combining mark counts as printable after another character, as in a
/// string's `Debug`.
pub(crate) fn is_printable(c: char) -> bool {
    if matches!(c, '"' | '\'' | '\\') {
        return true;
    }
    // `a` then `c`, as a string: its `escape_debug` escapes `c` (into more
    // than one char) only if `c` is not printable.
    let mut buffer = [b'a'; 5];
    let len = 1 + c.encode_utf8(&mut buffer[1..]).len();
    std::str::from_utf8(&buffer[..len]).is_ok_and(|text| text.escape_debug().count() == 2)
}

/// `text` with the password of every URL in it replaced by `***`:
/// `postgres://user:pass@db/app` becomes `postgres://user:***@db/app`, also
/// in a list of URLs. For values that are not secret, but may hold one.
pub(crate) fn mask_url_passwords(text: &str) -> Cow<'_, str> {
    // Searched as bytes: every mark looked for is ASCII, so an index found
    // is where a character starts, which a search of the text checked
    // again, with a panic path, at each of its slices.
    let bytes = text.as_bytes();
    let mut masked = String::new();
    let mut copied = 0;
    let mut from = 0;
    let mut blank = 0;
    while let Some(found) = find_scheme_mark(bytes, from) {
        let start = found + "://".len();
        // The user's part ends at the last `@` before a blank or the next
        // URL of a list, not at the first `/`, `?` or `#`: a password
        // written without percent-encoding may hold any of them (libpq
        // reads `p#ss` and `p/ss` as passwords), and `,` and `;` are
        // RFC 3986's own. An `@` further on (`https://h:443/u/@me`) masks
        // too much, which is harmless.
        // The end of the word (the next blank) is found once per word, not
        // once per URL: a long value of many `://` and no blank would
        // otherwise be read once per URL, quadratic.
        if blank < start {
            blank = text[start..]
                .find(char::is_whitespace)
                .map_or(text.len(), |at| start + at);
        }
        let mut end = next_url(&bytes[start..blank]).map_or(blank, |at| start + at);
        // A `:` and no `@` before what looks like the next URL: that `://`
        // is the password's own (`u:pa://ss@h`, `u:p,s://s@h`), and the
        // URL goes on to the blank. A list of URLs without passwords
        // (`a://h:1,b://u:p@h`) then masks too much, which is harmless.
        if bytes[start..end].contains(&b':') && !bytes[start..end].contains(&b'@') {
            end = blank;
        }
        match bytes[start..end].iter().rposition(|&b| b == b'@') {
            Some(at) => {
                from = start + at;
                if let Some(colon) = bytes[start..from].iter().position(|&b| b == b':') {
                    masked.push_str(&text[copied..start + colon + 1]);
                    masked.push_str("***");
                    copied = from;
                }
            }
            // No `@` up to the blank: no URL of this word has a password.
            None if end == blank => from = blank,
            None => from = start,
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    masked.push_str(&text[copied..]);
    Cow::Owned(masked)
}

/// Where the next `://` in `bytes` is, from `from` on.
fn find_scheme_mark(bytes: &[u8], from: usize) -> Option<usize> {
    let at = bytes.get(from..)?.windows(3).position(|w| w == b"://")?;
    Some(from + at)
}

/// Where the next URL of a list starts in `bytes`, the rest of a URL: at
/// its scheme, after a `,` or `;` (`h1,amqp://...`). Any other `://` may
/// be part of a password written without percent-encoding.
fn next_url(bytes: &[u8]) -> Option<usize> {
    let is_scheme = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.');
    let mut from = 0;
    while let Some(at) = find_scheme_mark(bytes, from) {
        let mut scheme = at;
        while scheme > 0 && is_scheme(bytes[scheme - 1]) {
            scheme -= 1;
        }
        if scheme < at && scheme > 0 && matches!(bytes[scheme - 1], b',' | b';') {
            return Some(scheme);
        }
        from = at + "://".len();
    }
    None
}

#[cfg(test)]
#[path = "shown_props.rs"]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_cannot_be_shown_is_escaped() {
        let table = [
            ("APP_PORT", "APP_PORT"),
            ("/run/a\nB: forged", "/run/a\\nB: forged"),
            ("evil\u{202e}txt.sh", "evil\\u{202e}txt.sh"),
            ("a\u{2028}b\u{2029}c", "a\\u{2028}b\\u{2029}c"),
            ("zero\u{200b}width\u{feff}", "zero\\u{200b}width\\u{feff}"),
            ("\u{1b}[31mred", "\\u{1b}[31mred"),
            ("caf\u{e9} e\u{301} \u{65e5}", "caf\u{e9} e\u{301} \u{65e5}"),
            ("C:\\path \"q\" 'q'", "C:\\path \"q\" 'q'"),
        ];
        for (text, shown) in table {
            assert_eq!(Abridged::name(text).to_string(), shown, "{text:?}");
        }
        assert_eq!(
            Abridged::quoted("a\u{202e}b").to_string(),
            "\"a\\u{202e}b\""
        );
        assert_eq!(
            OneLine("a\nb\u{2028}c\u{202e}").to_string(),
            "a b c\\u{202e}"
        );
    }

    #[test]
    fn passwords_in_urls_are_masked() {
        let table = [
            ("postgres://user:pass@db/app", "postgres://user:***@db/app"),
            ("postgres://user@db/app", "postgres://user@db/app"),
            ("https://db:5432/x", "https://db:5432/x"),
            ("redis://:s3cret@cache:6379", "redis://:***@cache:6379"),
            (
                "amqp://a:1@h1,amqp://b:2@h2/vhost",
                "amqp://a:***@h1,amqp://b:***@h2/vhost",
            ),
            ("u://x:p@ss@h", "u://x:***@h"),
            // RFC 3986 allows `,` and `;` in a password.
            ("postgres://app:p,ss@db/app", "postgres://app:***@db/app"),
            ("postgres://app:p;ss@db/app", "postgres://app:***@db/app"),
            ("a://h1,b://u:p@h2", "a://h1,b://u:***@h2"),
            // libpq reads `#` and `?` before the `@` as part of the password.
            ("postgres://app:p#ss@db/app", "postgres://app:***@db/app"),
            ("postgres://app:p?ss@db/app", "postgres://app:***@db/app"),
            // Nor `/`, which a password written without percent-encoding
            // may hold; an `@` in a path masks too much, harmlessly.
            ("https://u:pw12/x@h/app", "https://u:***@h/app"),
            ("https://h:443/users/@me", "https://h:***@me"),
            ("https://h/search?mail=a@b", "https://h/search?mail=a@b"),
            ("a://u:p@h1 b://v:q/r@h2", "a://u:***@h1 b://v:***@h2"),
            ("a://u:p@h1,b://v:q@h2", "a://u:***@h1,b://v:***@h2"),
            // A password may hold `://` (found by the property tests).
            ("postgres://u:pa://ss@db/app", "postgres://u:***@db/app"),
            ("postgres://u:p,s://s@db/app", "postgres://u:***@db/app"),
            ("postgres://u:p@s://s@db/app", "postgres://u:***@db/app"),
            ("a://u:p@h1;b://v:q@h2", "a://u:***@h1;b://v:***@h2"),
            ("a://h:1,b://u:p@h2", "a://h:***@h2"),
            ("no url here", "no url here"),
            ("://:@", "://:***@"),
        ];
        for (text, shown) in table {
            assert_eq!(mask_url_passwords(text), shown, "{text}");
        }
    }

    #[test]
    fn long_values_and_names_are_cut_short() {
        let long = "x".repeat(100);
        let table = [
            (Abridged::quoted("8080"), "\"8080\"".to_owned()),
            (Abridged::quoted("a\nb"), "\"a\\nb\"".to_owned()),
            (
                Abridged::quoted(&long),
                format!("\"{}\"... (100 bytes in all)", "x".repeat(64)),
            ),
            (Abridged::name("APP_PORT"), "APP_PORT".to_owned()),
            (
                Abridged::name(&long),
                format!("{}... (100 bytes in all)", "x".repeat(64)),
            ),
        ];
        for (abridged, shown) in table {
            assert_eq!(abridged.to_string(), shown);
        }
        let debug = format!("{:?}", Abridged::name(&"y".repeat(100_000)));
        assert!(debug.len() < 100, "{debug}");
    }

    /// Each URL is read up to the next one, not to the end of the text: a
    /// long value of many `://` and no blank is masked in one pass (when
    /// each URL looked for a blank in the whole rest of the text, this
    /// value took minutes; no timing is asserted, a test runner's timeout
    /// catches it).
    #[test]
    fn many_urls_without_a_blank_are_masked_in_one_pass() {
        let text = format!("{}x://u:pw@h", "a://".repeat(200_000));
        let masked = mask_url_passwords(&text);
        // With no list separator, every `://` may be the password's own:
        // masked up to the last `@`, too much, harmlessly.
        assert_eq!(masked, "a://a:***@h");
        // Many URLs of a list, and many that have no `@` at all.
        let list = "a://u:pw@h,".repeat(100_000);
        assert!(!mask_url_passwords(&list).contains("pw"));
        let ports = format!("{}a://u:pw@h", "a://h:1,".repeat(100_000));
        assert!(mask_url_passwords(&ports).ends_with("***@h"));
    }
}
