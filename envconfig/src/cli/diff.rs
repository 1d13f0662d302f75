//! A unified diff of two texts, line by line, as `diff -u` prints it: what
//! `--check-docs` shows when a committed reference has drifted.

use crate::shown::OneLine;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The most cells of the table that finds the longest common run of lines;
/// beyond it, the lines that differ are shown as replaced whole, which is
/// still a correct diff, only a longer one.
const MAX_CELLS: usize = 4_000_000;

/// One line of the diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    /// In both: its index in `old`, and in `new`.
    Same(usize, usize),
    /// Only in `old`.
    Removed(usize),
    /// Only in `new`.
    Added(usize),
}

/// The unified diff that turns `old` (named `old_name` in its header) into
/// `new` (`new_name`); empty when they are equal. Each line is escaped as
/// any text from outside is, tabs aside.
pub(super) fn unified(old_name: &str, new_name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let new: Vec<&str> = new.split_inclusive('\n').collect();
    let lines = diff_lines(&old, &new);
    let mut out = format!("--- {}\n+++ {}\n", OneLine(old_name), OneLine(new_name));
    for hunk in hunks(&lines) {
        let hunk = &lines[hunk];
        let (old_start, old_count) = span(hunk, Side::Old);
        let (new_start, new_count) = span(hunk, Side::New);
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(old_start, old_count),
            range(new_start, new_count)
        ));
        for line in hunk {
            let (mark, text) = match *line {
                Line::Same(i, _) => (' ', old[i]),
                Line::Removed(i) => ('-', old[i]),
                Line::Added(j) => ('+', new[j]),
            };
            push_line(&mut out, mark, text);
        }
    }
    out
}

/// Every line of `old` and `new`, in order, as the same, removed or added:
/// the common lines are a longest common run, after the lines both start
/// and end with.
fn diff_lines(old: &[&str], new: &[&str]) -> Vec<Line> {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_mid, new_mid) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    // Loops, not collects and extends of mapped ranges: each of those is
    // its own instance of Vec's code.
    let mut lines = Vec::new();
    for i in 0..head {
        lines.push(Line::Same(i, i));
    }
    push_middle(&mut lines, head, old_mid, new_mid);
    for k in 0..tail {
        lines.push(Line::Same(old.len() - tail + k, new.len() - tail + k));
    }
    lines
}

/// Pushes the lines of two texts that share no first or last line, which
/// start at line `head` of each: a longest common subsequence, by the
/// classic table, when it is small enough.
fn push_middle(lines: &mut Vec<Line>, head: usize, old: &[&str], new: &[&str]) {
    let (n, m) = (old.len(), new.len());
    if (n + 1).saturating_mul(m + 1) > MAX_CELLS {
        for i in head..head + n {
            lines.push(Line::Removed(i));
        }
        for j in head..head + m {
            lines.push(Line::Added(j));
        }
        return;
    }
    // `longest[i][j]`: the longest common run of `old[i..]` and `new[j..]`.
    let width = m + 1;
    let mut longest = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            longest[i * width + j] = if old[i] == new[j] {
                longest[(i + 1) * width + j + 1] + 1
            } else {
                longest[(i + 1) * width + j].max(longest[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            lines.push(Line::Same(head + i, head + j));
            i += 1;
            j += 1;
        } else if j == m || (i < n && longest[(i + 1) * width + j] >= longest[i * width + j + 1]) {
            lines.push(Line::Removed(head + i));
            i += 1;
        } else {
            lines.push(Line::Added(head + j));
            j += 1;
        }
    }
}

/// The ranges of `lines` that make the hunks: each change with up to
/// [`CONTEXT`] lines around it, changes closer than twice that in one hunk.
fn hunks(lines: &[Line]) -> Vec<std::ops::Range<usize>> {
    let mut hunks: Vec<std::ops::Range<usize>> = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        if matches!(line, Line::Same(..)) {
            continue;
        }
        let start = at.saturating_sub(CONTEXT);
        let end = (at + 1 + CONTEXT).min(lines.len());
        match hunks.last_mut() {
            Some(last) if start <= last.end => last.end = end,
            _ => hunks.push(start..end),
        }
    }
    hunks
}

/// A side of the diff.
#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

/// The first line (0-based) and the number of lines of one side of a hunk.
fn span(hunk: &[Line], side: Side) -> (Option<usize>, usize) {
    let (mut first, mut count) = (None, 0);
    for line in hunk {
        let at = match (side, *line) {
            (Side::Old, Line::Same(i, _) | Line::Removed(i)) => i,
            (Side::New, Line::Same(_, j) | Line::Added(j)) => j,
            _ => continue,
        };
        first.get_or_insert(at);
        count += 1;
    }
    (first, count)
}

/// A side's range in a hunk header, as `diff -u` writes it: `start,count`,
/// 1-based, the count left out when it is 1.
fn range(start: Option<usize>, count: usize) -> String {
    match (start, count) {
        (Some(start), 1) => format!("{}", start + 1),
        (Some(start), count) => format!("{},{count}", start + 1),
        // An empty side: with context around every change, only a text
        // with no lines has one, which `diff -u` writes `0,0`.
        (None, _) => "0,0".to_owned(),
    }
}

/// One line of a hunk, escaped but for its tabs, and the marker `diff`
/// prints after a last line that has no line break.
fn push_line(out: &mut String, mark: char, text: &str) {
    out.push(mark);
    let line = text.strip_suffix('\n').unwrap_or(text);
    for (i, part) in line.split('\t').enumerate() {
        if i > 0 {
            out.push('\t');
        }
        out.push_str(&format!("{}", OneLine(part)));
    }
    out.push('\n');
    if !text.ends_with('\n') {
        out.push_str("\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("a", "b", "x\ny\n", "x\ny\n"), "");
    }

    #[test]
    fn a_changed_line_is_shown_with_its_context() {
        let old: String = (1..=10).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 5\n", "line five\n");
        assert_eq!(
            unified("docs/CONFIG.md", "--print-env-docs=markdown", &old, &new),
            "--- docs/CONFIG.md\n\
             +++ --print-env-docs=markdown\n\
             @@ -2,7 +2,7 @@\n \
             line 2\n \
             line 3\n \
             line 4\n\
             -line 5\n\
             +line five\n \
             line 6\n \
             line 7\n \
             line 8\n"
        );
    }

    #[test]
    fn changes_far_apart_are_hunks_of_their_own() {
        let old: String = (1..=20).map(|i| format!("line {i:02}\n")).collect();
        let new = old.replace("line 02\n", "two\n").replace("line 19\n", "");
        let diff = unified("a", "b", &old, &new);
        let headers: Vec<&str> = diff.lines().filter(|l| l.starts_with("@@")).collect();
        assert_eq!(headers, ["@@ -1,5 +1,5 @@", "@@ -16,5 +16,4 @@"], "{diff}");
    }

    #[test]
    fn added_lines_at_the_end_and_a_missing_last_line_break() {
        let diff = unified("a", "b", "x\n", "x\ny");
        assert_eq!(
            diff,
            "--- a\n+++ b\n@@ -1 +1,2 @@\n x\n+y\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn applying_the_diff_gives_the_new_text() {
        let old = "a\nb\nc\nd\ne\nf\ng\n";
        let new = "a\nc\nd\nX\ne\ng\nh\n";
        let lines = diff_lines(
            &old.split_inclusive('\n').collect::<Vec<_>>(),
            &new.split_inclusive('\n').collect::<Vec<_>>(),
        );
        let olds: Vec<&str> = old.split_inclusive('\n').collect();
        let news: Vec<&str> = new.split_inclusive('\n').collect();
        let rebuilt: String = lines
            .iter()
            .filter_map(|line| match *line {
                Line::Same(i, _) => Some(olds[i]),
                Line::Added(j) => Some(news[j]),
                Line::Removed(_) => None,
            })
            .collect();
        assert_eq!(rebuilt, new);
        let kept = lines.iter().filter(|l| matches!(l, Line::Same(..))).count();
        assert_eq!(kept, 5, "a, c, d, e, g");
    }

    #[test]
    fn control_characters_are_escaped() {
        let diff = unified("a", "b", "x\n", "\u{1b}[31mred\tcell\n");
        assert!(diff.contains("+\\u{1b}[31mred\tcell\n"), "{diff}");
    }
}
