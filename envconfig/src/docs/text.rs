//! The `text` rendering: an aligned table for a terminal, its description
//! column wrapped to a given width (`COLUMNS` on a terminal).
//!
//! ```text
//! NAME                  TYPE               REQUIRED/DEFAULT  SECRET  DESCRIPTION
//! BILLING_PORT          integer 0..=65535  default 8080              Port the HTTP server listens on;
//!                                                                    below 1024 it needs privileges.
//! BILLING_DATABASE_URL  string             required          yes     Postgres connection URL.
//! ```
//!
//! When the first four columns leave the descriptions less than
//! [`MIN_DESCRIPTION`] columns, each description goes under its row,
//! indented, wrapped to the whole width:
//!
//! ```text
//! NAME                  TYPE               REQUIRED/DEFAULT  SECRET
//! BILLING_PORT          integer 0..=65535  default 8080
//!     Port the HTTP server listens on; below 1024 it needs privileges.
//! ```
//!
//! Widths are counted in the columns a terminal gives each character
//! (Unicode's East Asian Width, as `unicode-width` knows it): `日本` takes
//! four, `é` one, a combining accent none.

use unicode_width::UnicodeWidthStr as _;

use super::{Docs, FILE_VARS};
use crate::shown::OneLine;

const HEADER: [&str; 5] = ["NAME", "TYPE", "REQUIRED/DEFAULT", "SECRET", "DESCRIPTION"];
const GAP: &str = "  ";
/// The narrowest description column worth having; below it, descriptions
/// go under their rows.
const MIN_DESCRIPTION: usize = 30;
/// How far a description under its row is indented.
const INDENT: &str = "    ";

pub(super) fn render(docs: &Docs, width: usize) -> String {
    let rows: Vec<[String; 5]> = docs
        .vars()
        .iter()
        .map(|var| {
            let mut description = var.description.clone();
            // The condition is a sentence: the column says only that there
            // is one, so that it stays narrow.
            let requirement = match (&var.required_when, &var.default) {
                (Some(when), None) => {
                    if !description.is_empty() {
                        description.push(' ');
                    }
                    description.push_str(&format!("Required when {when}."));
                    "conditional".to_owned()
                }
                _ => var.requirement(),
            };
            let notes = var.notes();
            if !notes.is_empty() {
                if !description.is_empty() {
                    description.push(' ');
                }
                description.push_str(&notes);
            }
            // Last: a value ends no sentence, so nothing may follow it.
            if let Some(example) = &var.example {
                if !description.is_empty() {
                    description.push(' ');
                }
                description.push_str("Example: ");
                description.push_str(example);
            }
            [
                format!("{}", OneLine(&var.name)),
                format!("{}", OneLine(&var.value_type)),
                format!("{}", OneLine(&requirement)),
                if var.secret { "yes" } else { "" }.to_owned(),
                format!("{}", OneLine(&description)),
            ]
        })
        .collect();

    let mut widths = HEADER.map(str::width);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let before_description: usize = widths[..4].iter().sum::<usize>() + 4 * GAP.len();
    let room = width.saturating_sub(before_description);

    let mut out = String::new();
    // A nested struct's variables follow a line with its title.
    let mut group = None;
    let mut group_title = |out: &mut String, index: usize| {
        let var = &docs.vars()[index];
        if var.group != group {
            group.clone_from(&var.group);
            if let Some(title) = &var.group {
                out.push_str(&format!("{}:\n", OneLine(title)));
            }
        }
    };
    if room >= MIN_DESCRIPTION {
        push_row(&mut out, &widths, &HEADER);
        for (index, row) in rows.iter().enumerate() {
            group_title(&mut out, index);
            let lines = wrap(&row[4], room);
            let mut lines = lines.iter().map(String::as_str);
            let first = lines.next().unwrap_or("");
            push_row(
                &mut out,
                &widths,
                &[&row[0], &row[1], &row[2], &row[3], first],
            );
            for line in lines {
                push_spaces(&mut out, before_description);
                out.push_str(line);
                out.push('\n');
            }
        }
    } else {
        push_row(&mut out, &widths, &HEADER[..4]);
        let room = width.saturating_sub(INDENT.len()).max(MIN_DESCRIPTION);
        for (index, row) in rows.iter().enumerate() {
            group_title(&mut out, index);
            push_row(&mut out, &widths, &[&row[0], &row[1], &row[2], &row[3]]);
            for line in &wrap(&row[4], room) {
                out.push_str(INDENT);
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.push('\n');
    let mut file_vars = FILE_VARS.to_owned();
    if let Some(note) = docs.secrets_dir_note(|path| format!("{}", OneLine(path))) {
        file_vars.push(' ');
        file_vars.push_str(&note);
    }
    for line in &wrap(&file_vars, width) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// One line of the table: each cell padded to its column's width.
fn push_row(out: &mut String, widths: &[usize; 5], cells: &[&str]) {
    let start = out.len();
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            out.push_str(GAP);
        }
        out.push_str(cell);
        let padding = width.saturating_sub(cell.width());
        push_spaces(out, padding);
    }
    // The last column is padded too; no line should end in spaces.
    let trimmed = out[start..].trim_end().len();
    out.truncate(start + trimmed);
    out.push('\n');
}

/// `count` spaces: a loop, which takes less code than extending the
/// string with an iterator of them.
fn push_spaces(out: &mut String, count: usize) {
    for _ in 0..count {
        out.push(' ');
    }
}

/// `text` (one line, words separated by spaces) in lines of at most
/// `width` columns, broken between words, and inside a word only when it
/// is wider than a line on its own. No line for empty text.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let needed = if line.is_empty() { 0 } else { 1 } + word.width();
        if line.width() + needed <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than a line: cut it where the line is full. A
        // character of no width (a combining accent) stays with the one
        // before it.
        for c in word.chars() {
            let mut buffer = [0; 4];
            if line.width() + c.encode_utf8(&mut buffer).width() > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{self, var};
    use super::super::{Docs, VarDoc};
    use super::*;

    /// The table of a rendering: its lines up to the note after it.
    fn table(text: &str) -> &str {
        text.split("\n\n").next().unwrap_or(text)
    }

    /// The display column where `title` starts in the header.
    fn column(header: &str, title: &str) -> usize {
        header[..header.find(title).unwrap()].width()
    }

    /// The display column of each line where its text after `column`
    /// starts: the text before it must be exactly that wide.
    fn starts_at(line: &str, column: usize) -> Option<&str> {
        let mut at = 0;
        for (i, c) in line.char_indices() {
            if line[..i].width() == column {
                return Some(&line[i..]);
            }
            at = i + c.len_utf8();
        }
        (line[..at].width() == column).then_some("")
    }

    /// A table whose cells hold wide characters: CJK, emoji, accents.
    fn wide() -> Docs {
        let mut docs = Docs::new("");
        docs.vars = vec![
            VarDoc {
                default: Some("日本語".into()),
                description: "Greeting shown to users; 🎉 on holidays, with a long tail of words \
                              that must wrap onto the next lines of the column."
                    .into(),
                ..var("GREETING", "string")
            },
            VarDoc {
                default: Some("🎉🎉".into()),
                description: "Emoji 🎉 and CJK 中文 in the description too, wrapping 中文中文 \
                              中文中文中文 中文中文中文中文中文中文."
                    .into(),
                ..var("PARTY", "string")
            },
            VarDoc {
                default: Some("cafe\u{301}".into()),
                secret: true,
                description: "A combining accent takes no column.".into(),
                ..var("CAFE", "string")
            },
        ];
        docs
    }

    #[test]
    fn columns_line_up_in_display_columns() {
        for docs in [wide(), fixtures::billing()] {
            for width in [60, 80, 100, 120, 200, 400] {
                let text = render(&docs, width);
                let lines: Vec<&str> = table(&text).lines().collect();
                let header = lines[0];
                let stacked = !header.ends_with("DESCRIPTION");
                for title in ["TYPE", "REQUIRED/DEFAULT", "SECRET"] {
                    let at = column(header, title);
                    for line in &lines[1..] {
                        if line.starts_with(' ') || line.width() <= at {
                            continue; // a description's line, or empty cells
                        }
                        let rest = starts_at(line, at)
                            .unwrap_or_else(|| panic!("{title} at {at} in\n{text}"));
                        assert!(
                            rest.is_empty() || line[..line.len() - rest.len()].ends_with(' '),
                            "{title} at {at} in {line:?}"
                        );
                    }
                }
                if !stacked {
                    let at = column(header, "DESCRIPTION");
                    for line in lines[1..].iter().filter(|line| line.width() > at) {
                        let rest = starts_at(line, at)
                            .unwrap_or_else(|| panic!("DESCRIPTION at {at} in\n{text}"));
                        assert!(!rest.starts_with(' '), "{line:?}");
                    }
                }
                for line in &lines {
                    assert_eq!(line.trim_end(), *line, "trailing spaces: {line:?}");
                }
            }
        }
    }

    #[test]
    fn lines_fit_the_width() {
        for docs in [wide(), fixtures::billing()] {
            for width in [60, 80, 100, 120, 200] {
                let text = render(&docs, width);
                let header = text.lines().next().unwrap();
                let widest_row = column(header, "SECRET") + "SECRET".len();
                for line in text.lines() {
                    // Only the first four columns, never wrapped, may be
                    // wider than the width.
                    assert!(
                        line.width() <= width.max(widest_row),
                        "{} > {width}: {line:?}\n{text}",
                        line.width()
                    );
                }
            }
        }
    }

    #[test]
    fn narrow_tables_put_descriptions_under_their_rows() {
        let text = render(&wide(), 60);
        assert!(
            text.starts_with("NAME      TYPE    REQUIRED/DEFAULT  SECRET\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "GREETING  string  default 日本語\n    \
                 Greeting shown to users; 🎉 on holidays, with a long\n    \
                 tail of words that must wrap onto the next lines of the\n    \
                 column.\n"
            ),
            "{text}"
        );
        let text = render(&wide(), 90);
        assert!(
            text.starts_with("NAME      TYPE    REQUIRED/DEFAULT  SECRET  DESCRIPTION\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "PARTY     string  default 🎉🎉              \
                 Emoji 🎉 and CJK 中文 in the description too,\n\
                 \x20                                           wrapping 中文中文 中文中文中文\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn words_wrap_at_spaces_and_long_words_are_cut() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("", 10, &[]),
            ("one two three", 7, &["one two", "three"]),
            ("one two three", 13, &["one two three"]),
            ("abcdefghij", 4, &["abcd", "efgh", "ij"]),
            ("中文中文中", 4, &["中文", "中文", "中"]),
            ("中文中文中", 5, &["中文", "中文", "中"]),
            (
                "e\u{301}e\u{301}e\u{301}",
                2,
                &["e\u{301}e\u{301}", "e\u{301}"],
            ),
            ("a  b", 10, &["a b"]),
        ];
        for (text, width, expected) in cases {
            assert_eq!(wrap(text, *width), *expected, "{text:?} in {width}");
        }
    }

    #[test]
    fn rows_say_what_each_variable_needs() {
        let text = render(&fixtures::billing(), 400);
        let row = |name: &str| {
            text.lines()
                .find(|line| line.starts_with(&format!("{name} ")))
                .unwrap_or_else(|| panic!("no row for {name} in\n{text}"))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            row("BILLING_PORT"),
            "BILLING_PORT integer 0..=65535 default 8080 Port the HTTP server listens on."
        );
        assert_eq!(
            row("BILLING_DATABASE_URL"),
            "BILLING_DATABASE_URL string required yes Postgres connection URL. Or from the \
             file that BILLING_DATABASE_URL_FILE names. \
             Example: postgres://user:pass@db:5432/billing"
        );
        assert_eq!(
            row("BILLING_SIGNING_KEY"),
            "BILLING_SIGNING_KEY string default <redacted> yes Signing key; the default is for \
             development. Or from the file that BILLING_SIGNING_KEY_FILE names."
        );
        assert_eq!(
            row("BILLING_SENTRY_DSN"),
            "BILLING_SENTRY_DSN string optional yes Sentry DSN; errors are not reported when \
             unset. Or from the file that BILLING_SENTRY_DSN_FILE names."
        );
        assert!(row("BILLING_ALLOWED_HOSTS").contains("comma-separated. Second line. Example:"));
        assert!(row("BILLING_GREETING").contains("with \\u{1} a control char"));
    }

    #[test]
    fn a_description_with_line_breaks_stays_on_its_row() {
        let text = render(&fixtures::billing(), 400);
        let rows = table(&text).lines().count();
        assert_eq!(rows, 1 + fixtures::billing().vars().len());
    }

    /// After the table, once, the `NAME_FILE` convention, wrapped to the
    /// width like the rest.
    #[test]
    fn the_table_is_followed_by_the_name_file_convention() {
        let text = render(&fixtures::billing(), 100);
        assert!(
            text.ends_with(
                "\n\nAny variable NAME can also be read from the file that NAME_FILE names.\n"
            ),
            "{text}"
        );
        let narrow = render(&fixtures::billing(), 40);
        let note: Vec<&str> = narrow.split("\n\n").nth(1).unwrap_or("").lines().collect();
        assert_eq!(
            note,
            [
                "Any variable NAME can also be read from",
                "the file that NAME_FILE names."
            ]
        );
    }
}
