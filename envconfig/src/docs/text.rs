//! The `text` rendering: an aligned table for a terminal.
//!
//! ```text
//! NAME                  TYPE               REQUIRED/DEFAULT  SECRET  DESCRIPTION
//! BILLING_PORT          integer 0..=65535  default 8080              Port the HTTP server listens on.
//! BILLING_DATABASE_URL  string             required          yes     Postgres connection URL.
//! ```

use super::Docs;
use crate::shown::OneLine;

const HEADER: [&str; 5] = ["NAME", "TYPE", "REQUIRED/DEFAULT", "SECRET", "DESCRIPTION"];
const GAP: &str = "  ";

pub(super) fn render(docs: &Docs) -> String {
    let rows: Vec<[String; 5]> = docs
        .vars()
        .iter()
        .map(|var| {
            let mut description = var.description.clone();
            if let Some(example) = &var.example {
                if !description.is_empty() {
                    description.push(' ');
                }
                description.push_str("Example: ");
                description.push_str(example);
            }
            [
                OneLine(&var.name).to_string(),
                OneLine(&var.value_type).to_string(),
                OneLine(&var.requirement()).to_string(),
                if var.secret { "yes" } else { "" }.to_owned(),
                OneLine(&description).to_string(),
            ]
        })
        .collect();

    // Widths in chars, not bytes: `café` takes four columns, not five.
    let mut widths = HEADER.map(|title| title.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }

    let mut out = String::new();
    push_row(&mut out, &widths, HEADER.iter().copied());
    for row in &rows {
        push_row(&mut out, &widths, row.iter().map(String::as_str));
    }
    out
}

fn push_row<'a>(out: &mut String, widths: &[usize; 5], cells: impl Iterator<Item = &'a str>) {
    let start = out.len();
    for (i, (cell, width)) in cells.zip(widths).enumerate() {
        if i > 0 {
            out.push_str(GAP);
        }
        out.push_str(cell);
        let padding = width.saturating_sub(cell.chars().count());
        out.extend(std::iter::repeat_n(' ', padding));
    }
    // The last column is padded too; no line should end in spaces.
    let trimmed = out[start..].trim_end().len();
    out.truncate(start + trimmed);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::super::fixtures;
    use super::*;

    #[test]
    fn columns_line_up_by_chars() {
        let docs = fixtures::billing();
        let text = render(&docs);
        let lines: Vec<&str> = text.lines().collect();
        // A column starts at the same char index on every line; the
        // greeting's default holds `café`, which counted in bytes would
        // shift the columns after it on that line.
        let column = |line: &str, title: &str| line[..line.find(title).unwrap()].chars().count();
        let secret_column = column(lines[0], "SECRET");
        let description_column = column(lines[0], "DESCRIPTION");
        for (line, var) in lines[1..].iter().zip(docs.vars()) {
            let chars: Vec<char> = line.chars().collect();
            if var.secret {
                assert_eq!(chars[secret_column - 1], ' ', "{line:?}");
                assert_eq!(
                    chars[secret_column..secret_column + 3],
                    ['y', 'e', 's'],
                    "{line:?}"
                );
            }
            if !var.description.is_empty() {
                let first = var.description.chars().next().unwrap();
                assert_eq!(chars[description_column], first, "{line:?}");
                assert_eq!(chars[description_column - 1], ' ', "{line:?}");
            }
            assert_eq!(line.trim_end(), *line, "trailing spaces: {line:?}");
        }
    }

    #[test]
    fn rows_say_what_each_variable_needs() {
        let text = render(&fixtures::billing());
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
            "BILLING_DATABASE_URL string required yes Postgres connection URL. \
             Example: postgres://user:pass@db:5432/billing"
        );
        assert_eq!(
            row("BILLING_SIGNING_KEY"),
            "BILLING_SIGNING_KEY string default <redacted> yes Signing key; the default is for development."
        );
        assert_eq!(
            row("BILLING_SENTRY_DSN"),
            "BILLING_SENTRY_DSN string optional yes Sentry DSN; errors are not reported when unset."
        );
        assert!(row("BILLING_ALLOWED_HOSTS").contains("comma-separated. Second line. Example:"));
        assert!(row("BILLING_GREETING").contains("with \\u{1} a control char"));
    }

    #[test]
    fn a_description_with_line_breaks_stays_on_its_row() {
        let text = render(&fixtures::billing());
        assert_eq!(text.lines().count(), 1 + fixtures::billing().vars().len());
    }
}
