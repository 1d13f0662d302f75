//! The `markdown` rendering: a Markdown table for a README.
//!
//! ```markdown
//! | Variable | Type | Default | Secret | Description |
//! | --- | --- | --- | --- | --- |
//! | `BILLING_PORT` | integer 0..=65535 | `8080` | | Port the HTTP server listens on. |
//! ```
//!
//! Two families of renderers read a table differently, and every cell must
//! show its text as written in both:
//!
//! - GitHub's (GFM, and CommonMark renderers with the tables extension)
//!   split a row into cells on every `|` not escaped as `\|`, code spans
//!   included, before anything else;
//! - Python-Markdown (MkDocs) does not split inside a code span, where its
//!   `\|` shows with the backslash, and strips the spaces at both ends of a
//!   code span's content.
//!
//! So a code span never holds a `|` or starts or ends with a space: a value
//! with a `|` is written as code spans joined by `\|` (outside them, both
//! read it as a `|`), and a value that starts or ends with a space is
//! shown in double quotes. Text shown as written (a type) escapes what
//! either could take for syntax, with `\` where both know the escape and as
//! an HTML character reference (`&lt;`) where Python-Markdown does not.
//!
//! Descriptions are doc comments, already written in Markdown: only what
//! would break the table is changed in them. Their lines are joined with
//! spaces, and a `|` is escaped outside code spans and split out of them
//! as above. No inline HTML (markdownlint's MD033) and no empty cell padded
//! with two spaces (MD060): the table passes markdownlint's default rules
//! but line length.

use super::Docs;
use crate::shown::OneLine;

/// The paragraph after the table: the `NAME_FILE` convention.
const FILE_VARS: &str =
    "Any variable `NAME` can also be read from the file that `NAME_FILE` names.";

pub(super) fn render(docs: &Docs) -> String {
    let mut out = String::from(
        "| Variable | Type | Default | Secret | Description |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    let mut group = None;
    for var in docs.vars() {
        // A nested struct's variables: a row with its title first.
        if var.group != group {
            group.clone_from(&var.group);
            if let Some(title) = &var.group {
                out.push_str(&format!("| **{}** | | | | |\n", description(title)));
            }
        }
        let default = match (&var.default, var.required) {
            (Some(default), _) => value(default),
            (None, true) => "*required*".to_owned(),
            (None, false) => format!("*{}*", var.requirement()),
        };
        let mut description = description(&var.description);
        let notes = var.notes();
        if !notes.is_empty() {
            if !description.is_empty() {
                description.push(' ');
            }
            // The `NAME_FILE` a secret's note names is code, like the name.
            let file_var = var.file_var();
            description.push_str(&plain(&notes).replace(&plain(&file_var), &code_spans(&file_var)));
        }
        // Last: a value ends no sentence, so nothing may follow it.
        if let Some(example) = &var.example {
            if !description.is_empty() {
                description.push(' ');
            }
            description.push_str("Example: ");
            description.push_str(&value(example));
        }
        let row = [
            code_spans(&var.name),
            plain(&var.value_type),
            default,
            if var.secret { "yes" } else { "" }.to_owned(),
            description,
        ];
        out.push('|');
        for cell in row {
            // An empty cell is `| |`: markdownlint's compact table style
            // (MD060) takes `|  |` for a cell padded on both sides.
            if !cell.is_empty() {
                out.push(' ');
                out.push_str(&cell);
            }
            out.push_str(" |");
        }
        out.push('\n');
    }
    out.push('\n');
    out.push_str(FILE_VARS);
    if let Some(note) = docs.secrets_dir_note(code_spans) {
        out.push(' ');
        out.push_str(&note);
    }
    out.push('\n');
    out
}

/// A value (a default, an example) as written: code spans, or `*empty*`.
/// A value that starts or ends with whitespace is quoted, since no code
/// span keeps those spaces in every renderer.
fn value(text: &str) -> String {
    let text = format!("{}", OneLine(text));
    if text.is_empty() {
        return "*empty*".to_owned();
    }
    if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
        return code_spans(&format!("\"{text}\""));
    }
    code_spans(&text)
}

/// `text` as code, where every renderer shows it as written: one code span
/// per run between `|`s, joined by `\|`, with the spaces at the ends of
/// each run outside its span.
fn code_spans(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for (i, part) in text.split('|').enumerate() {
        if i > 0 {
            out.push_str("\\|");
        }
        let core = part.trim_matches(' ');
        let (before, after) = part.split_at(part.len() - part.trim_start_matches(' ').len());
        out.push_str(before);
        if !core.is_empty() {
            push_code_span(&mut out, core);
        }
        out.push_str(&after[core.len()..]);
    }
    out
}

/// One code span holding `text`, which has no `|` and no space at either
/// end. Its fence is one backtick longer than the longest run of backticks
/// inside, and padded with a space when the text starts or ends with a
/// backtick (both renderers strip that space).
fn push_code_span(out: &mut String, text: &str) {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    out.push_str(&format!("{fence}{pad}{text}{pad}{fence}"));
}

/// Text shown as written (a type name): every character either renderer
/// could take for syntax is escaped, with `\` where both know the escape,
/// else as a character reference.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in format!("{}", OneLine(text)).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // GitHub's strikethrough and math.
            '~' => out.push_str("&#126;"),
            '$' => out.push_str("&#36;"),
            c => out.push(c),
        }
    }
    out
}

/// A description, Markdown as written, on one row: its lines joined with
/// spaces, and every `|` kept from ending the cell. Outside code spans a
/// `|` is escaped (one the author escaped stays as it is); inside one, the
/// span is split around it.
fn description(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for line in text.lines() {
        let line = format!("{}", OneLine(line.trim()));
        if !line.is_empty() {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(&line);
        }
    }
    let text = joined;
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        match c {
            '\\' => {
                // An escape the author wrote, `\|` included, stays whole.
                let len = rest[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&rest[..1 + len]);
                rest = &rest[1 + len..];
            }
            '|' => {
                out.push_str("\\|");
                rest = &rest[1..];
            }
            '`' => {
                let fence_len = rest.len() - rest.trim_start_matches('`').len();
                match code_span_end(&rest[fence_len..], fence_len) {
                    Some(end) => {
                        let content = &rest[fence_len..fence_len + end];
                        if content.contains('|') {
                            // CommonMark strips one space at each end
                            // when both are there.
                            let content = match content.strip_prefix(' ') {
                                Some(inner) if content.ends_with(' ') && !inner.is_empty() => {
                                    &inner[..inner.len() - 1]
                                }
                                _ => content,
                            };
                            out.push_str(&code_spans(content));
                        } else {
                            out.push_str(&rest[..2 * fence_len + end]);
                        }
                        rest = &rest[2 * fence_len + end..];
                    }
                    // An unmatched run of backticks is text.
                    None => {
                        out.push_str(&rest[..fence_len]);
                        rest = &rest[fence_len..];
                    }
                }
            }
            c => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// Where the code span that a run of `fence_len` backticks opened ends in
/// `after` (the text after the run): the start of the next run of exactly
/// that many backticks.
fn code_span_end(after: &str, fence_len: usize) -> Option<usize> {
    let mut at = 0;
    while let Some(start) = after[at..].find('`') {
        let start = at + start;
        let run = after[start..].len() - after[start..].trim_start_matches('`').len();
        if run == fence_len {
            return Some(start);
        }
        at = start + run;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::fixtures;
    use super::*;

    /// The table of a rendering: its lines up to the paragraph after it.
    pub(crate) fn table(text: &str) -> &str {
        text.split("\n\n").next().unwrap_or(text)
    }

    /// The cells of a row as GitHub splits it: on every `|` that no
    /// backslash escapes.
    pub(crate) fn gfm_cells(row: &str) -> Vec<String> {
        let inner = row
            .strip_prefix('|')
            .and_then(|row| row.strip_suffix('|'))
            .unwrap_or_else(|| panic!("a row starts and ends with a pipe: {row}"));
        let mut cells = vec![String::new()];
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    let cell = cells.last_mut().unwrap();
                    cell.push(c);
                    cell.extend(chars.next());
                }
                '|' => cells.push(String::new()),
                c => cells.last_mut().unwrap().push(c),
            }
        }
        cells
    }

    #[test]
    fn a_table_with_one_row_per_variable() {
        let docs = fixtures::billing();
        let text = render(&docs);
        let lines: Vec<&str> = table(&text).lines().collect();
        assert_eq!(lines.len(), 2 + docs.vars().len(), "{text}");
        // Then, once, a paragraph on `NAME_FILE`.
        assert!(
            text.ends_with(
                " |\n\nAny variable `NAME` can also be read from the file that `NAME_FILE` \
                 names.\n"
            ),
            "{text}"
        );
        assert_eq!(
            lines[0],
            "| Variable | Type | Default | Secret | Description |"
        );
        assert_eq!(
            lines[2],
            "| `BILLING_PORT` | integer 0..=65535 | `8080` | | Port the HTTP server listens on. |"
        );
        assert_eq!(
            lines[3],
            "| `BILLING_DATABASE_URL` | string | *required* | yes | Postgres connection URL. \
             Or from the file that `BILLING_DATABASE_URL_FILE` names. \
             Example: `postgres://user:pass@db:5432/billing` |"
        );
        assert_eq!(
            lines[4],
            "| `BILLING_SIGNING_KEY` | string | `<redacted>` | yes | Signing key; the default is \
             for development. Or from the file that `BILLING_SIGNING_KEY_FILE` names. |"
        );
    }

    /// What markdownlint's default rules and both renderers ask of a table,
    /// checked on every line: five cells, each padded with one space or
    /// empty as `| |`, no tab, no trailing space, no inline HTML, and no
    /// code span holding a `|` or ending in a space.
    #[test]
    fn every_row_has_five_cells_as_every_renderer_reads_them() {
        let text = render(&fixtures::billing());
        for line in table(&text).lines() {
            let cells = gfm_cells(line);
            assert_eq!(cells.len(), 5, "{line}");
            for cell in &cells {
                assert!(
                    cell == " " || (cell.starts_with(' ') && cell.ends_with(' ')),
                    "{line}"
                );
                assert!(!cell[1..].starts_with(' '), "{cell:?} in {line}");
                assert!(!cell.contains('\t'), "{line}");
            }
            assert_eq!(line.trim_end(), line);
            assert!(!line.contains("<br"), "{line}");
            for span in line.split('`').skip(1).step_by(2) {
                assert!(!span.contains('|'), "{span:?} in {line}");
            }
        }
    }

    #[test]
    fn cells_escape_what_would_break_the_table() {
        let text = render(&fixtures::billing());
        assert!(
            text.contains(
                "| `BILLING_ALLOWED_HOSTS` | list of strings separated by '\\|' | *required* | | \
                 Hosts allowed to call us \\| comma-separated. Second line. \
                 Example: `a.example.com,b.example.com` |"
            ),
            "{text}"
        );
    }

    #[test]
    fn values_are_code_that_every_renderer_shows_as_written() {
        let cases = [
            ("8080", "`8080`"),
            ("a`b", "``a`b``"),
            ("`x`", "`` `x` ``"),
            ("a``b", "```a``b```"),
            ("a|b", "`a`\\|`b`"),
            ("a | b", "`a` \\| `b`"),
            ("|a|", "\\|`a`\\|"),
            (" padded ", "`\" padded \"`"),
            ("two\nlines", "`two lines`"),
            ("", "*empty*"),
        ];
        for (input, expected) in cases {
            assert_eq!(value(input), expected, "{input:?}");
        }
    }

    #[test]
    fn descriptions_keep_their_markdown() {
        let cases = [
            (
                "Plain *emphasis* and `code`.",
                "Plain *emphasis* and `code`.",
            ),
            ("a | b", "a \\| b"),
            ("already \\| escaped", "already \\| escaped"),
            (
                "one of `a|b`, or ``c|`d``",
                "one of `a`\\|`b`, or `c`\\|`` `d ``",
            ),
            ("an ` unmatched | tick", "an ` unmatched \\| tick"),
            (
                "First line\nsecond.\n\nNew paragraph.",
                "First line second. New paragraph.",
            ),
            ("tab\there", "tab here"),
        ];
        for (input, expected) in cases {
            assert_eq!(description(input), expected, "{input:?}");
        }
    }

    #[test]
    fn type_names_are_not_markdown() {
        assert_eq!(plain("Vec<T>"), "Vec&lt;T&gt;");
        assert_eq!(plain("a_b*c"), "a\\_b\\*c");
        assert_eq!(plain("a~b$ & c"), "a&#126;b&#36; &amp; c");
    }
}
