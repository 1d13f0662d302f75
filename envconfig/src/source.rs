//! Where raw values come from: the process environment, given pairs, a dotenv
//! file, and the `NAME_FILE` files that mounted secrets live in.
//!
//! Values are held in [`Zeroizing`] buffers from the moment they are read:
//! which of them are secret is only known once a field asks for them.

use std::collections::HashMap;
use std::collections::hash_map::Entry::{Occupied, Vacant};
use std::ffi::OsString;
use std::fmt;
use std::io::Read;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zeroize::{Zeroize, Zeroizing};

use crate::VarPair;
use crate::shown::Abridged;

/// The largest `NAME_FILE` envconfig reads; a larger file is an error rather
/// than an unbounded read (a misconfigured mount could point at a device).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where a value was found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Origin {
    /// The process environment, or the pairs given to `from_vars`.
    Environment,
    /// A dotenv file.
    EnvFile(Arc<Path>),
    /// The file named by the `NAME_FILE` variable.
    SecretFile(PathBuf),
    /// The field's default.
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Environment => f.write_str("environment"),
            Origin::EnvFile(path) => write!(f, "env file {}", path.display()),
            Origin::SecretFile(path) => write!(f, "file {}", path.display()),
            Origin::Default => f.write_str("default"),
        }
    }
}

enum RawValue {
    Text(Zeroizing<String>),
    NotUnicode,
}

struct Entry {
    value: RawValue,
    origin: Origin,
}

/// A variable's name and the name of its `_FILE` companion, in one buffer
/// (`PORT_FILE`) that a loader reuses from field to field: looking a
/// variable up allocates nothing.
#[derive(Default)]
pub struct VarName {
    file_var: String,
}

impl VarName {
    /// Sets the name to `parts`, concatenated.
    pub fn set(&mut self, parts: &[&str]) {
        self.file_var.clear();
        for part in parts {
            self.file_var.push_str(part);
        }
        self.file_var.push_str(FILE_SUFFIX);
    }

    /// `PORT`.
    pub fn name(&self) -> &str {
        &self.file_var[..self.file_var.len() - FILE_SUFFIX.len()]
    }

    /// `PORT_FILE`.
    pub fn file_var(&self) -> &str {
        &self.file_var
    }
}

const FILE_SUFFIX: &str = "_FILE";

/// How much of the process environment a run reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvScope {
    /// The variables the fields name: what loading needs.
    Fields,
    /// Every variable: what `--check-env` needs to spot variables that
    /// match no field.
    Everything,
}

/// The variables one load reads.
pub struct Source {
    /// Given pairs, a dotenv file's variables, or a snapshot of the process
    /// environment.
    vars: HashMap<String, Entry>,
    /// Whether a name is first looked up in the process environment, at the
    /// moment a field asks for it: `vars` then only holds a dotenv file's
    /// variables, which the real environment overrides.
    live: bool,
    /// What reading dotenv files found that a person should know, for
    /// `--check-env`: a name set twice, a reference to a variable the file
    /// does not set.
    warnings: Vec<String>,
}

/// An entry of `vars`, or one just read from the process environment.
enum Found<'a> {
    Stored(&'a Entry),
    Read(Entry),
}

impl Deref for Found<'_> {
    type Target = Entry;
    fn deref(&self) -> &Entry {
        match self {
            Found::Stored(entry) => entry,
            Found::Read(entry) => entry,
        }
    }
}

/// What a lookup found for one variable name.
pub enum Lookup<'a> {
    /// Neither `NAME` nor `NAME_FILE` is set.
    Unset,
    /// `NAME` (or the file `NAME_FILE` names) is empty.
    Empty(Origin),
    /// A value to parse.
    Value(RawText<'a>, Origin),
    /// Something is set but cannot be used.
    Unusable(Unusable),
}

/// Why a set variable cannot be used; the loader turns it into a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unusable {
    /// The value is not valid UTF-8.
    NotUnicode,
    /// Both `NAME` and `NAME_FILE` are set.
    BothSet { file_var: String },
    /// `NAME_FILE` names a file that cannot be read (or holds no UTF-8).
    FileUnreadable {
        file_var: String,
        path: PathBuf,
        reason: String,
    },
}

/// A raw value: borrowed from the source, or read from a `NAME_FILE`.
pub enum RawText<'a> {
    Borrowed(&'a str),
    Owned(Zeroizing<String>),
}

impl Deref for RawText<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            RawText::Borrowed(text) => text,
            RawText::Owned(text) => text,
        }
    }
}

impl Source {
    /// No variables: what a dotenv file is added to when it is checked alone.
    pub fn empty() -> Source {
        Source::new(HashMap::new(), false)
    }

    fn new(vars: HashMap<String, Entry>, live: bool) -> Source {
        Source {
            vars,
            live,
            warnings: Vec::new(),
        }
    }

    /// The process environment, as much of it as `scope` needs.
    pub fn from_process_env(scope: EnvScope) -> Source {
        match scope {
            // Each variable is read when a field asks for it: nothing is
            // read or copied for the variables no field names, however many
            // the process has.
            EnvScope::Fields => Source::new(HashMap::new(), true),
            EnvScope::Everything => Source::snapshot_process_env(),
        }
    }

    /// The given pairs and nothing else.
    pub fn from_pairs<I>(pairs: I) -> Source
    where
        I: IntoIterator,
        I::Item: VarPair,
    {
        let vars = pairs
            .into_iter()
            .map(|pair| {
                let value = RawValue::Text(Zeroizing::new(pair.value().to_owned()));
                (
                    pair.name().to_owned(),
                    Entry {
                        value,
                        origin: Origin::Environment,
                    },
                )
            })
            .collect();
        Source::new(vars, false)
    }

    /// A copy of the whole process environment, read once. Names that are not UTF-8 cannot
    /// belong to any field and are skipped.
    fn snapshot_process_env() -> Source {
        let vars = std::env::vars_os()
            .filter_map(|(name, value)| {
                let name = name.into_string().ok()?;
                Some((
                    name,
                    Entry {
                        value: raw_value(value),
                        origin: Origin::Environment,
                    },
                ))
            })
            .collect();
        Source::new(vars, false)
    }

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
    pub fn from_env_file(path: &Path) -> Result<Source, EnvFileError> {
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

    /// What reading dotenv files found that a person should know.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The names of every variable, for spotting ones that match no field.
    ///
    /// A live source knows only its dotenv file's names; `--check-env` reads
    /// a snapshot instead.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vars.keys().map(String::as_str)
    }

    fn get(&self, name: &str) -> Option<Found<'_>> {
        if self.live {
            if let Some(value) = std::env::var_os(name) {
                return Some(Found::Read(Entry {
                    value: raw_value(value),
                    origin: Origin::Environment,
                }));
            }
        }
        self.vars.get(name).map(Found::Stored)
    }

    /// Finds the value of `name`, from `name` itself or from the file that
    /// `name_FILE` points at.
    pub fn lookup(&self, var: &VarName) -> Lookup<'_> {
        let direct = self.get(var.name());
        let via_file = self.get(var.file_var()).filter(|entry| !is_empty(entry));
        // `NAME` and `NAME_FILE` split between the real environment and a
        // dotenv file are no conflict: the real environment wins, as it does
        // for one name.
        let (direct, via_file) = match (direct, via_file) {
            (Some(direct), Some(file))
                if !is_empty(&direct) && is_from_env_file(&direct) != is_from_env_file(&file) =>
            {
                if is_from_env_file(&direct) {
                    (None, Some(file))
                } else {
                    (Some(direct), None)
                }
            }
            pair => pair,
        };
        match (direct, via_file) {
            (Some(direct), Some(_)) if !is_empty(&direct) => Lookup::Unusable(Unusable::BothSet {
                file_var: var.file_var().to_owned(),
            }),
            (_, Some(entry)) => read_secret_file(var.file_var().to_owned(), &entry),
            (Some(found), None) => match found {
                Found::Stored(Entry { value, origin }) => match value {
                    RawValue::NotUnicode => Lookup::Unusable(Unusable::NotUnicode),
                    RawValue::Text(text) if text.is_empty() => Lookup::Empty(origin.clone()),
                    RawValue::Text(text) => Lookup::Value(RawText::Borrowed(text), origin.clone()),
                },
                Found::Read(Entry { value, origin }) => match value {
                    RawValue::NotUnicode => Lookup::Unusable(Unusable::NotUnicode),
                    RawValue::Text(text) if text.is_empty() => Lookup::Empty(origin),
                    RawValue::Text(text) => Lookup::Value(RawText::Owned(text), origin),
                },
            },
            (None, None) => Lookup::Unset,
        }
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

fn is_from_env_file(entry: &Entry) -> bool {
    matches!(entry.origin, Origin::EnvFile(_))
}

fn is_empty(entry: &Entry) -> bool {
    matches!(&entry.value, RawValue::Text(text) if text.is_empty())
}

fn raw_value(value: OsString) -> RawValue {
    match value.into_string() {
        Ok(text) => RawValue::Text(Zeroizing::new(text)),
        Err(not_unicode) => {
            not_unicode.into_encoded_bytes().zeroize();
            RawValue::NotUnicode
        }
    }
}

fn read_secret_file(file_var: String, entry: &Entry) -> Lookup<'static> {
    let path = match &entry.value {
        RawValue::Text(path) => PathBuf::from(path.as_str()),
        RawValue::NotUnicode => return Lookup::Unusable(Unusable::NotUnicode),
    };
    let unreadable = |reason: String| {
        Lookup::Unusable(Unusable::FileUnreadable {
            file_var: file_var.clone(),
            path: path.clone(),
            reason,
        })
    };
    let mut file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) => return unreadable(e.to_string()),
    };
    match file.metadata() {
        Ok(meta) if meta.is_dir() => return unreadable("it is a directory".into()),
        Ok(_) => {}
        Err(e) => return unreadable(e.to_string()),
    }
    let mut bytes = Zeroizing::new(Vec::new());
    if let Err(e) = file
        .by_ref()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
    {
        return unreadable(e.to_string());
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return unreadable(format!(
            "it is larger than the {} KiB limit",
            MAX_FILE_BYTES / 1024
        ));
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(_) => return unreadable("its content is not valid UTF-8".into()),
    };
    // Editors and `echo` end files with a newline that is not part of the secret.
    let text = text
        .strip_suffix('\n')
        .map(|t| t.strip_suffix('\r').unwrap_or(t))
        .unwrap_or(text);
    let origin = Origin::SecretFile(path.clone());
    if text.is_empty() {
        return Lookup::Empty(origin);
    }
    Lookup::Value(RawText::Owned(Zeroizing::new(text.to_owned())), origin)
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
        let path =
            std::env::temp_dir().join(format!("envconfig-source-{}.env", std::process::id()));
        std::fs::write(&path, "\u{feff}A=1\nB=canary secret\n").expect("a temporary file");
        let error = Source::empty()
            .add_env_file(&path)
            .expect_err("line 2 is malformed");
        let _ = std::fs::remove_file(&path);
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
        let dir = std::env::temp_dir().join(format!("envconfig-split-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
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
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(added, Ok(()));
        assert_eq!((a.as_str(), b.as_str()), ("from-file", "from-env"));
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_name() {
        let path = std::env::temp_dir().join(format!("envconfig-bom-{}.env", std::process::id()));
        std::fs::write(&path, "\u{feff}A=1\n").expect("a temporary file");
        let mut source = Source::empty();
        let added = source.add_env_file(&path);
        let _ = std::fs::remove_file(&path);
        assert_eq!(added, Ok(()));
        let mut var = VarName::default();
        var.set(&["A"]);
        assert!(matches!(source.lookup(&var), Lookup::Value(value, _) if &*value == "1"));
    }
}
