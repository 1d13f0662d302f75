//! The `markdown` rendering: a GitHub-flavoured Markdown table for a README.
//!
//! ```markdown
//! | Variable | Type | Default | Secret | Description |
//! | --- | --- | --- | --- | --- |
//! | `BILLING_PORT` | integer 0..=65535 | `8080` |  | Port the HTTP server listens on. |
//! ```
//!
//! Descriptions are doc comments, already written in Markdown, so only what
//! would break the table is escaped in them: `|` and line breaks.

use super::Docs;

pub(super) fn render(docs: &Docs) -> String {
    let mut out = String::from(
        "| Variable | Type | Default | Secret | Description |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    for var in docs.vars() {
        let default = match (&var.default, var.required) {
            (Some(default), _) => code(default),
            (None, true) => "*required*".to_owned(),
            (None, false) => "*optional*".to_owned(),
        };
        let mut description = cell(&var.description);
        if let Some(example) = &var.example {
            if !description.is_empty() {
                description.push(' ');
            }
            description.push_str("Example: ");
            description.push_str(&code(example));
        }
        let row = [
            code(&var.name),
            plain(&var.value_type),
            default,
            if var.secret { "yes" } else { "" }.to_owned(),
            description,
        ];
        out.push('|');
        for cell in row {
            out.push(' ');
            out.push_str(&cell);
            out.push_str(" |");
        }
        out.push('\n');
    }
    out
}

/// Markdown text that must stay on its row: a line break would end the row,
/// and `|` would end the cell.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(&line.replace('|', "\\|"));
        if lines.peek().is_some() {
            out.push_str("<br>");
        }
    }
    out
}

/// Text shown as written (a type name): every character Markdown could take
/// for syntax is escaped.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code span. Its fence is one backtick longer than the longest run of
/// backticks inside, padded with spaces when the content starts or ends with
/// a backtick (CommonMark strips one space on each side). A `|` is escaped
/// even inside a code span, as GitHub's tables require.
fn code(text: &str) -> String {
    if text.is_empty() {
        return "*empty*".to_owned();
    }
    // A code span cannot hold a line break; `<br>` would show literally.
    let text = text.replace(['\n', '\r'], " ").replace('|', "\\|");
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::super::fixtures;
    use super::*;

    #[test]
    fn a_table_with_one_row_per_variable() {
        let docs = fixtures::billing();
        let text = render(&docs);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2 + docs.vars().len(), "{text}");
        assert_eq!(
            lines[0],
            "| Variable | Type | Default | Secret | Description |"
        );
        assert_eq!(
            lines[2],
            "| `BILLING_PORT` | integer 0..=65535 | `8080` |  | Port the HTTP server listens on. |"
        );
        assert_eq!(
            lines[3],
            "| `BILLING_DATABASE_URL` | string | *required* | yes | Postgres connection URL. \
             Example: `postgres://user:pass@db:5432/billing` |"
        );
        assert_eq!(
            lines[4],
            "| `BILLING_SIGNING_KEY` | string | `<redacted>` | yes | Signing key; the default is for development. |"
        );
        // Every row has exactly six unescaped pipes: five cells.
        for line in &lines {
            let pipes = line.replace("\\|", "").matches('|').count();
            assert_eq!(pipes, 6, "{line}");
        }
    }

    #[test]
    fn cells_escape_what_would_break_the_table() {
        let text = render(&fixtures::billing());
        assert!(
            text.contains(
                "| `BILLING_ALLOWED_HOSTS` | list of strings separated by '\\|' | *required* |  | \
                 Hosts allowed to call us \\| comma-separated.<br>Second line. \
                 Example: `a.example.com,b.example.com` |"
            ),
            "{text}"
        );
    }

    #[test]
    fn code_spans_hold_any_text() {
        let cases = [
            ("8080", "`8080`"),
            ("a`b", "``a`b``"),
            ("`x`", "`` `x` ``"),
            ("a``b", "```a``b```"),
            ("a|b", "`a\\|b`"),
            ("two\nlines", "`two lines`"),
            ("", "*empty*"),
        ];
        for (input, expected) in cases {
            assert_eq!(code(input), expected, "{input:?}");
        }
    }

    #[test]
    fn type_names_are_not_markdown() {
        assert_eq!(plain("Vec<T>"), "Vec\\<T\\>");
        assert_eq!(plain("a_b*c"), "a\\_b\\*c");
    }
}
