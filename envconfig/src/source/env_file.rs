//! Dotenv files: `./.env` under the real environment, and the file that
//! `--check-env --env-file` checks alone.

use std::collections::hash_map::Entry::{Occupied, Vacant};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zeroize::Zeroizing;

use super::{Entry, Origin, RawValue, Source};
use crate::shown::Abridged;

impl Source {
    /// Adds the variables of a dotenv file that are not already set: the real
    /// environment always wins. Within the file, the last of two lines that
    /// set one name wins, as when a shell sources it or Docker reads it.
    pub fn add_env_file(&mut self, path: &Path) -> Result<(), EnvFileError> {
        let text = read_env_file(path)?;
        self.add_env_text(path, &text)
    }

    /// The variables of a dotenv file and nothing else: what
    /// `--check-env --env-file` checks.
    ///
    /// dotenvy expands `${NAME}` from the process environment before the
    /// file's own lines, so a file that refers to a variable is not checked
    /// alone: each such reference gets a warning.
    pub fn from_env_file(path: &Path, _read_secret_files: bool) -> Result<Source, EnvFileError> {
        let text = read_env_file(path)?;
        let mut source = Source::empty();
        source.add_env_text(path, &text)?;
        for name in references(&text) {
            let warning = if std::env::var_os(name).is_some() {
                "dotenv expansion takes its value from the environment of this check, \
                 not from the file"
            } else if source.vars.contains_key(name) {
                continue;
            } else {
                "which the file does not set: it expands to nothing"
            };
            source.warnings.push(format!(
                "{} refers to ${{{}}}, {warning}",
                path.display(),
                Abridged::name(name)
            ));
        }
        Ok(source)
    }

    fn add_env_text(&mut self, path: &Path, text: &str) -> Result<(), EnvFileError> {
        let origin = Origin::EnvFile(Arc::from(path));
        let mut repeated = Vec::new();
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            let (name, value) =
                item.map_err(|error| EnvFileError::from_dotenvy(path, text, error))?;
            let entry = Entry {
                value: RawValue::Text(Zeroizing::new(value)),
                origin: origin.clone(),
            };
            match self.vars.entry(name) {
                Vacant(slot) => {
                    slot.insert(entry);
                }
                // An earlier line of this file: the last one wins, and the
                // value it replaces is zeroized as it drops.
                Occupied(mut slot) if slot.get().origin == origin => {
                    repeated.push(slot.key().clone());
                    slot.insert(entry);
                }
                // The real environment wins.
                Occupied(_) => {}
            }
        }
        repeated.sort_unstable();
        repeated.dedup();
        for name in repeated {
            self.warnings.push(format!(
                "{} sets {} more than once; the last one is used",
                path.display(),
                Abridged::name(&name)
            ));
        }
        Ok(())
    }
}

/// The text of a dotenv file, without the byte order mark that editors on
/// Windows start files with (dotenvy's own loaders skip it, its iterator
/// does not).
fn read_env_file(path: &Path) -> Result<Zeroizing<String>, EnvFileError> {
    let mut text = std::fs::read_to_string(path).map_err(|e| EnvFileError {
        path: path.to_owned(),
        line: None,
        reason: e.to_string(),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(Zeroizing::new(text))
}

/// The names that `$NAME` and `${NAME}` refer to in a dotenv file, where
/// dotenvy expands them: not in a comment, not in single quotes, not after
/// a backslash. Sorted, each once.
fn references(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let is_name = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let mut names = Vec::new();
    let (mut single, mut double) = (false, false);
    let mut i = 0;
    while i < bytes.len() {
        let quoted = single || double;
        match bytes[i] {
            // A comment starts a line or follows a blank, outside quotes.
            b'#' if !quoted && (i == 0 || bytes[i - 1].is_ascii_whitespace()) => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'\\' if !single => i += 1,
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'$' if !single => {
                let braced = bytes.get(i + 1) == Some(&b'{');
                let start = i + 1 + usize::from(braced);
                let end = start + bytes[start..].iter().take_while(|b| is_name(b)).count();
                if end > start {
                    names.push(&text[start..end]);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// A dotenv file that cannot be read or has a malformed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvFileError {
    pub path: PathBuf,
    /// The 1-based line of a malformed entry.
    pub line: Option<usize>,
    pub reason: String,
}

impl EnvFileError {
    fn from_dotenvy(path: &Path, text: &str, error: dotenvy::Error) -> EnvFileError {
        // dotenvy reports the offending text; we report its line number
        // only, since the text may hold a secret.
        let (line, reason) = match &error {
            dotenvy::Error::LineParse(..) => (
                malformed_line(text),
                "malformed line (expected NAME=value)".to_owned(),
            ),
            _ => (None, "cannot be parsed as a dotenv file".to_owned()),
        };
        EnvFileError {
            path: path.to_owned(),
            line,
            reason,
        }
    }
}

/// The 1-based line where the entry that dotenvy rejects starts.
///
/// dotenvy's error holds some text (the line, its value, or everything from
/// an unclosed quote on) but no position, and the text may occur elsewhere
/// in the file. So the first `n` lines are parsed for a few `n`, found by
/// bisection (trying every `n` took a minute on a 5,000-line file):
///
/// - before any error, they yield the good entries they hold in full, a
///   count that grows with `n`; the smallest `n` that yields all the good
///   entries before the bad one ends with the last of them;
/// - from there on, they hold only lines dotenvy skips (blank, comments)
///   until they reach into the bad entry, and fail from then on: the
///   smallest `n` that fails ends with the bad entry's first line.
fn malformed_line(text: &str) -> Option<usize> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = |n: usize| {
        let end: usize = lines[..n].iter().map(|line| line.len()).sum();
        dotenvy::from_read_iter(&text.as_bytes()[..end])
    };
    let good = first(lines.len()).take_while(Result::is_ok).count();
    let last_good = smallest(0, lines.len(), |n| {
        first(n).take_while(Result::is_ok).count() >= good
    });
    let bad = smallest(last_good, lines.len(), |n| {
        first(n).any(|item| item.is_err())
    });
    (bad > 0).then_some(bad)
}

/// The smallest `n` in `low..=high` for which `holds`, which holds for
/// `high` and for every `n` above one for which it holds.
fn smallest(mut low: usize, mut high: usize, holds: impl Fn(usize) -> bool) -> usize {
    while low < high {
        let middle = low + (high - low) / 2;
        if holds(middle) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    low
}

impl fmt::Display for EnvFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.reason),
            None => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Lookup, VarName};
    use tempfile::TempDir;

    /// The reference model of [`malformed_line`]: every prefix tried, in
    /// order. The bad entry starts after the longest prefix that parses; a
    /// prefix whose error is not its own tail (an unclosed quote that a
    /// later line may close) fails for good, so the scan stops there.
    fn malformed_line_by_scanning(text: &str) -> Option<usize> {
        let mut last_good = 0;
        let mut end = 0;
        for (index, line) in text.split_inclusive('\n').enumerate() {
            end += line.len();
            let prefix = &text[..end];
            match dotenvy::from_read_iter(prefix.as_bytes()).find_map(Result::err) {
                None => last_good = index + 1,
                Some(dotenvy::Error::LineParse(bad, _))
                    if !prefix.ends_with(bad.as_str())
                        && !prefix.trim_end().ends_with(bad.trim_end()) =>
                {
                    break;
                }
                Some(_) => {}
            }
        }
        let lines = text.split_inclusive('\n').count();
        (last_good < lines).then_some(last_good + 1)
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(10_000))]

        /// Whatever a dotenv file holds, a malformed one gets a line number
        /// within the file, the one the reference model finds, and nothing
        /// panics.
        #[test]
        fn any_malformed_dotenv_gets_a_line_in_the_file(
            lines in proptest::collection::vec(
                "(export )?[A-Za-z_0-9 .]{0,4}=?[a-z '\"\\\\#$.{}=\\r]{0,8}",
                0..8,
            )
        ) {
            let text = lines.join("\n");
            if dotenvy::from_read_iter(text.as_bytes()).any(|item| item.is_err()) {
                let line = malformed_line(&text);
                let count = text.split_inclusive('\n').count();
                proptest::prop_assert!(
                    line.is_some_and(|line| (1..=count).contains(&line)),
                    "{:?} in {} lines", line, count
                );
                proptest::prop_assert_eq!(line, malformed_line_by_scanning(&text));
            }
        }
    }

    #[test]
    fn a_malformed_entry_is_found_by_its_first_line() {
        let cases: &[(&str, Option<usize>)] = &[
            ("A=1\nFOO BAR\n", Some(2)),
            ("A=1\nFOO\nB=2", Some(2)),
            ("A=1\nB=a b\n", Some(2)),
            ("A=1\n  B=a b  \n", Some(2)),
            ("A=1\nB=\\q\n", Some(2)),
            ("A=1\n1FOO=x\n", Some(2)),
            ("A=1\nB=${X\n", Some(2)),
            ("A=1\nB=\"never closed\nC=3\n", Some(2)),
            // A quoted value may span lines, comments and blank lines included.
            ("A='x\ny'\nB=a b\n", Some(3)),
            ("A=\"x\n\n# c\ny\"\nB=1\r\nC=a b", Some(6)),
            // A last line of blanks without a newline is an entry to dotenvy.
            (" ", Some(1)),
            ("A=1\n\n# c\n ", Some(4)),
            // The same text on an earlier, valid line does not mislead it.
            ("# B=a b\nX='B=a b'\nB=a b\n", Some(3)),
        ];
        for (text, line) in cases {
            assert!(
                dotenvy::from_read_iter(text.as_bytes()).any(|item| item.is_err()),
                "{text:?} parses"
            );
            assert_eq!(malformed_line(text), *line, "{text:?}");
        }
    }

    #[test]
    fn env_file_errors_name_the_line_never_its_text() {
        let dir = TempDir::new().expect("a temporary directory");
        let path = dir.path().join("source.env");
        std::fs::write(&path, "\u{feff}A=1\nB=canary secret\n").expect("a temporary file");
        let error = Source::empty()
            .add_env_file(&path)
            .expect_err("line 2 is malformed");
        assert_eq!(error.line, Some(2));
        assert_eq!(
            error.to_string(),
            format!("{}:2: malformed line (expected NAME=value)", path.display())
        );
    }

    #[test]
    fn references_are_found_where_dotenvy_expands_them() {
        let table: &[(&str, &[&str])] = &[
            ("A=$B", &["B"]),
            ("A=${B}x$C_1", &["B", "C_1"]),
            ("A=\"${B}\"", &["B"]),
            ("A='${B}'", &[]),
            ("A=\\$B", &[]),
            ("# A=$B\nC=1 # $D", &[]),
            ("A=x#$B", &["B"]),
            ("A='it''s' $B", &["B"]),
            ("A=\"x\n$B\"", &["B"]),
            ("A=$ B=$", &[]),
            ("A=$é", &[]),
        ];
        for (text, names) in table {
            let found = references(text);
            assert_eq!(found, *names, "{text:?}");
        }
    }

    #[test]
    fn a_name_and_its_file_split_between_environment_and_dotenv() {
        let temp = TempDir::new().expect("a temporary directory");
        let dir = temp.path();
        let secret = dir.join("secret");
        std::fs::write(&secret, "from-file\n").expect("a temporary file");
        let dotenv = dir.join(".env");
        let secret_path = secret.to_str().expect("a UTF-8 path");
        std::fs::write(&dotenv, format!("A=from-dotenv\nB_FILE={secret_path}\n"))
            .expect("a temporary file");
        let mut source = Source::from_pairs([("A_FILE", secret_path), ("B", "from-env")]);
        let added = source.add_env_file(&dotenv);
        let mut var = VarName::default();
        let mut value = |name: &str| {
            var.set(&[name]);
            match source.lookup(&var) {
                Lookup::Value(value, _) => value.to_string(),
                _ => "not a value".to_owned(),
            }
        };
        let (a, b) = (value("A"), value("B"));
        assert_eq!(added, Ok(()));
        assert_eq!((a.as_str(), b.as_str()), ("from-file", "from-env"));
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_name() {
        let dir = TempDir::new().expect("a temporary directory");
        let path = dir.path().join("bom.env");
        std::fs::write(&path, "\u{feff}A=1\n").expect("a temporary file");
        let mut source = Source::empty();
        let added = source.add_env_file(&path);
        assert_eq!(added, Ok(()));
        let mut var = VarName::default();
        var.set(&["A"]);
        assert!(matches!(source.lookup(&var), Lookup::Value(value, _) if &*value == "1"));
    }
}
