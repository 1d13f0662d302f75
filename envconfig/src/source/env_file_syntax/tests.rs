//! The scanner against its oracle, dotenvy 0.15.7: a table of cases, then
//! properties over generated files.

use std::env;
use std::fmt::Debug;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

use super::reason::*;
use super::*;

/// An item of dotenvy's iterator: a name and value, or the text and index of
/// its error.
type Item = Result<(String, String), (String, usize)>;

fn dotenvy_items(text: &str) -> Vec<Item> {
    let item = |item: dotenvy::Result<(String, String)>| {
        item.map_err(|error| match error {
            dotenvy::Error::LineParse(text, index) => (text, index),
            other => panic!("dotenvy fails other than on a line: {other}"),
        })
    };
    dotenvy::from_read_iter(text.as_bytes()).map(item).collect()
}

/// The reasons, by what dotenvy's error holds and where its index points.
const AT_END_OF_FILE: [&str; 3] = [UNCLOSED_QUOTE_AT_END, BACKSLASH_AT_END, BLANK_AT_END];
const IN_NAME: [&str; 6] = [
    NO_NAME,
    NAME_START,
    NAME_CHARACTER,
    NO_NAME_AFTER_EXPORT,
    NO_EQUALS,
    TEXT_BEFORE_EQUALS,
];
const IN_VALUE: [&str; 4] = [
    SPACE_IN_UNQUOTED_VALUE,
    TEXT_AFTER_QUOTE,
    DOUBLE_QUOTED_ESCAPE,
    UNQUOTED_ESCAPE,
];
const AT_END_OF_VALUE: [&str; 3] = [UNCLOSED_BRACE, QUOTE_AFTER_NAME, UNCLOSED_QUOTE];

/// The key property: one entry per item of dotenvy's, malformed exactly where
/// dotenvy fails, named as dotenvy names it, with the failure where dotenvy's
/// error points.
fn agrees_with_dotenvy(text: &str) -> Result<(), String> {
    let items = dotenvy_items(text);
    let scanned = scan(text);
    let entries: Vec<_> = entries(text).collect();
    if scanned.len() != items.len() || entries.len() != items.len() {
        return Err(format!("scanned {scanned:?}, dotenvy {items:?}"));
    }
    for (index, (item, (logical, entry))) in items.iter().zip(&entries).enumerate() {
        let disagree = || {
            format!(
                "item {index}: scanned {:?}, dotenvy {item:?}",
                scanned[index]
            )
        };
        match (item, entry) {
            (Ok((name, _)), Entry::Valid { .. }) if scanned[index].name == Some(name) => {}
            (Err((error_text, error_index)), Entry::Malformed { failure, .. }) => {
                if !failure_is_where_dotenvy_fails(logical, failure, error_text, *error_index) {
                    return Err(format!("{}, at {}", disagree(), failure.at));
                }
            }
            _ => return Err(disagree()),
        }
    }
    Ok(())
}

/// Whether dotenvy's error is the one the failure's reason stands for, at the
/// same place.
fn failure_is_where_dotenvy_fails(
    logical: &LogicalLine<'_>,
    failure: &Failure,
    error_text: &str,
    error_index: usize,
) -> bool {
    let reason = failure.reason;
    if AT_END_OF_FILE.contains(&reason) {
        return error_text == logical.text && error_index == error_text.len();
    }
    if IN_NAME.contains(&reason) {
        return error_text == logical.text && error_index == failure.at;
    }
    // dotenvy reports the value alone, with an index in characters, or its
    // last byte when the value ends too early.
    let line = logical.text.trim_end();
    let value = parse_name(line).ok().map(|(_, start)| &line[start..]);
    if value != Some(error_text) {
        return false;
    }
    let value_start = line.len() - error_text.len();
    if AT_END_OF_VALUE.contains(&reason) {
        return error_index + 1 == error_text.len() && failure.at == line.len();
    }
    let rejected = error_text.char_indices().nth(error_index);
    IN_VALUE.contains(&reason) && rejected.map(|(at, _)| value_start + at) == Some(failure.at)
}

fn valid(line: usize, name: &'static str, references: &[&'static str]) -> ScannedEntry<'static> {
    ScannedEntry {
        line,
        name: Some(name),
        references: references.to_vec(),
        malformed: None,
    }
}

fn malformed(
    line: usize,
    name: Option<&'static str>,
    reason: &'static str,
) -> ScannedEntry<'static> {
    ScannedEntry {
        line,
        name,
        references: Vec::new(),
        malformed: Some(reason),
    }
}

#[test]
fn table() {
    let cases = [
        // Where entries start.
        (
            "A=1\n\n# comment\n  # indented\nB=2",
            vec![valid(1, "A", &[]), valid(5, "B", &[])],
        ),
        (
            "A=\"one\ntwo\nthree\"\nB='x\ny'\nC=\"p\n\\\"q\"\nD=4",
            vec![
                valid(1, "A", &[]),
                valid(4, "B", &[]),
                valid(6, "C", &[]),
                valid(8, "D", &[]),
            ],
        ),
        (
            "A=1\r\nB='x\r\ny'\r\n\r\nC=3\r\n",
            vec![valid(1, "A", &[]), valid(2, "B", &[]), valid(5, "C", &[])],
        ),
        (
            "export A=1\nexport=2\nexport \t B = 3\nexport.C=4\nexportD=5",
            vec![
                valid(1, "A", &[]),
                valid(2, "export", &[]),
                valid(3, "B", &[]),
                valid(4, "export.C", &[]),
                valid(5, "exportD", &[]),
            ],
        ),
        (
            "A=1 # it's\nB=2\t#x\nC=\"a # b\"\nD=#x\nE= \nF=a  #b",
            vec![
                valid(1, "A", &[]),
                valid(2, "B", &[]),
                valid(3, "C", &[]),
                valid(4, "D", &[]),
                valid(5, "E", &[]),
                valid(6, "F", &[]),
            ],
        ),
        // After two blanks, `#` is not cut off by the line splitter: the
        // quote in the comment takes lines up to the next quote.
        (
            "A=1  # it's\nB=2\nC=it's\nD=4\n",
            vec![valid(1, "A", &[]), valid(4, "D", &[])],
        ),
        // A backslash hides the newline from the splitter, not from lines.
        ("A=b\\\nC=1", vec![valid(1, "A", &[]), valid(2, "C", &[])]),
        // dotenvy goes on after an error.
        (
            "A=a b\nB=2\n1C=3\nD=4",
            vec![
                malformed(1, Some("A"), SPACE_IN_UNQUOTED_VALUE),
                valid(2, "B", &[]),
                malformed(3, None, NAME_START),
                valid(4, "D", &[]),
            ],
        ),
        // Each reason.
        (
            "A='x\nB=2\n",
            vec![malformed(1, Some("A"), UNCLOSED_QUOTE_AT_END)],
        ),
        (
            "A=1\nB=b\\",
            vec![
                valid(1, "A", &[]),
                malformed(2, Some("B"), BACKSLASH_AT_END),
            ],
        ),
        ("A=1 ", vec![malformed(1, Some("A"), BLANK_AT_END)]),
        ("A=1  ", vec![valid(1, "A", &[])]),
        (
            "A=1\n ",
            vec![valid(1, "A", &[]), malformed(2, None, BLANK_AT_END)],
        ),
        ("=1", vec![malformed(1, None, NO_NAME)]),
        (
            "1A=1\n\u{feff}B=2\n\"C\"=3",
            vec![
                malformed(1, None, NAME_START),
                malformed(2, None, NAME_START),
                malformed(3, None, NAME_START),
            ],
        ),
        (
            "A-B=1\nexport-C=2\nDé=3",
            vec![
                malformed(1, None, NAME_CHARACTER),
                malformed(2, None, NAME_CHARACTER),
                malformed(3, None, NAME_CHARACTER),
            ],
        ),
        (
            "export\nexport #x\nexport 1A=1",
            vec![
                malformed(1, None, NO_NAME_AFTER_EXPORT),
                malformed(2, None, NO_NAME_AFTER_EXPORT),
                malformed(3, None, NAME_START),
            ],
        ),
        (
            "A\nB  #x\nexport C",
            vec![
                malformed(1, None, NO_EQUALS),
                malformed(2, None, NO_EQUALS),
                malformed(3, None, NO_EQUALS),
            ],
        ),
        (
            "A B=1\nexprot C=2",
            vec![
                malformed(1, None, TEXT_BEFORE_EQUALS),
                malformed(2, None, TEXT_BEFORE_EQUALS),
            ],
        ),
        (
            "A=https://a, https://b\nB=x\t'y'",
            vec![
                malformed(1, Some("A"), SPACE_IN_UNQUOTED_VALUE),
                malformed(2, Some("B"), SPACE_IN_UNQUOTED_VALUE),
            ],
        ),
        (
            "A=\"x\" y\nB='x' \"y\"",
            vec![
                malformed(1, Some("A"), TEXT_AFTER_QUOTE),
                malformed(2, Some("B"), TEXT_AFTER_QUOTE),
            ],
        ),
        (
            "A=\"C:\\path\"\nB=C:\\path",
            vec![
                malformed(1, Some("A"), DOUBLE_QUOTED_ESCAPE),
                malformed(2, Some("B"), UNQUOTED_ESCAPE),
            ],
        ),
        (
            "A=${B\nC=\"${D\"",
            vec![
                malformed(1, Some("A"), UNCLOSED_BRACE),
                malformed(2, Some("C"), UNCLOSED_BRACE),
            ],
        ),
        (
            "A=\"$B\"\nC=$D'x'",
            vec![
                malformed(1, Some("A"), QUOTE_AFTER_NAME),
                malformed(2, Some("C"), QUOTE_AFTER_NAME),
            ],
        ),
        ("A='a\\'b'", vec![malformed(1, Some("A"), UNCLOSED_QUOTE)]),
        // References.
        ("X=$HOME_DIR", vec![valid(1, "X", &["HOME"])]),
        ("X=${A}x$B_1", vec![valid(1, "X", &["A", "B"])]),
        ("X=\"$A ${B}\"", vec![valid(1, "X", &["A", "B"])]),
        ("X='$A ${B}'", vec![valid(1, "X", &[])]),
        (
            "X=\\$A\nY=\"\\$B\"",
            vec![valid(1, "X", &[]), valid(2, "Y", &[])],
        ),
        (
            "X=$\nY=a$ b\nZ=${}",
            vec![valid(1, "X", &[]), valid(2, "Y", &[]), valid(3, "Z", &[])],
        ),
        ("X=$A b", vec![valid(1, "X", &["A"])]),
        ("X=$é1€", vec![valid(1, "X", &["é1"])]),
        ("X=$€", vec![valid(1, "X", &[])]),
        ("X=$A$A${A}$$B", vec![valid(1, "X", &["A", "B"])]),
        ("X=${A.B}$C.D", vec![valid(1, "X", &["A.B", "C"])]),
        ("X=${ A-1 }$1", vec![valid(1, "X", &[" A-1 ", "1"])]),
        ("X=$A{B}", vec![valid(1, "X", &["A"])]),
        (
            "X=1 #$A\nY=a  # ${B}",
            vec![valid(1, "X", &[]), valid(2, "Y", &[])],
        ),
        ("X=\"a\n${B}\"", vec![valid(1, "X", &["B"])]),
    ];
    for (text, expected) in cases {
        assert_eq!(scan(text), expected, "scanning {text:?}");
        if let Err(disagreement) = agrees_with_dotenvy(text) {
            panic!("{text:?}: {disagreement}");
        }
    }
}

/// The rules [`parse_value`] follows, shown on dotenvy itself with `PATH`,
/// which the process environment sets.
#[test]
fn dotenvy_expands_from_the_process_environment_first() {
    let Ok(path) = env::var("PATH") else { return };
    let value = |text: &str| match dotenvy_items(text).pop() {
        Some(Ok((_, value))) => value,
        other => panic!("{text:?}: {other:?}"),
    };
    // An unbraced name stops before `_`.
    assert_eq!(value("X=$PATH_DIR"), format!("{path}_DIR"));
    // The process environment wins over an earlier line.
    assert_eq!(value("PATH=from_file\nX=${PATH}"), path);
    assert_eq!(value("Q_7Fz2=from_file\nX=${Q_7Fz2}"), "from_file");
    assert_eq!(value("X=${Q_7Fz2}"), "");
}

/// At least 10,000 cases per property, more if `PROPTEST_CASES` asks.
fn check<S>(strategy: S, property: impl Fn(S::Value) -> Result<(), String>)
where
    S: Strategy,
    S::Value: Debug,
{
    let property = |value| property(value).map_err(TestCaseError::fail);
    crate::props::run(file!(), 10_000, strategy, property);
}

/// Pieces of a dotenv file, for text of any shape.
const TEXT_PIECES: &[&str] = &[
    "A", "b", "_", "1", ".", "é", "-", "n", "export ", "export", "=", " ", "\t", "\u{a0}", "'",
    "\"", "$", "{", "}", "\\", "#", "\n", "\n", "\r\n", "\r",
];

/// Pieces of a value.
const VALUE_PIECES: &[&str] = &[
    "a", "é", "1", "_", ".", "-", " ", "\t", "'", "\"", "$", "${", "}", "{", "$A", "${B_1}", "$x1",
    "\\", "\\n", "\\$", "#", "\r", "PATH",
];

fn any_text() -> impl Strategy<Value = String> {
    vec(select(TEXT_PIECES), 0..32).prop_map(|pieces| pieces.concat())
}

fn entry_like_text() -> impl Strategy<Value = String> {
    let value = vec(select(VALUE_PIECES), 0..8).prop_map(|pieces| pieces.concat());
    let line = (
        select(&["", "", "export ", " "][..]),
        select(&["A", "B_1", "x.y", "export", "1A", "", "A B"][..]),
        select(&["=", "=", " = ", ""][..]),
        value,
        select(&["\n", "\n", "\r\n", "", " #c\n", "  # it's\n", "\n\n"][..]),
    )
        .prop_map(|(export, name, equals, value, end)| {
            format!("{export}{name}{equals}{value}{end}")
        });
    vec(line, 0..6).prop_map(|lines| lines.concat())
}

#[test]
fn agrees_with_dotenvy_on_any_text() {
    check(any_text(), |text| agrees_with_dotenvy(&text));
}

#[test]
fn agrees_with_dotenvy_on_entry_like_text() {
    check(entry_like_text(), |text| agrees_with_dotenvy(&text));
}

#[test]
fn line_numbers_are_within_the_file() {
    check(any_text(), |text| {
        let last_line = text.matches('\n').count() + 1;
        let lines: Vec<usize> = scan(&text).iter().map(|entry| entry.line).collect();
        let within = lines.iter().all(|line| (1..=last_line).contains(line));
        let increasing = lines.windows(2).all(|pair| pair[0] < pair[1]);
        match within && increasing {
            true => Ok(()),
            false => Err(format!("lines {lines:?} in a file of {last_line}")),
        }
    });
}

/// Every name that a value could refer to and the file could define is
/// defined on an earlier line, with a distinct marker for its value: the
/// markers that dotenvy's expansion holds, in order of first appearance, must
/// be the references scanned.
#[test]
fn references_are_what_dotenvy_expands() {
    let value = vec(select(VALUE_PIECES), 0..10).prop_map(|pieces| pieces.concat());
    check(value, |value| {
        let entry_text = format!("V={value}\n");
        agrees_with_dotenvy(&entry_text)?;
        let scanned = scan(&entry_text);
        let [entry] = scanned.as_slice() else {
            return Err(format!("not one entry: {scanned:?}"));
        };
        if entry.malformed.is_some() {
            return Ok(());
        }
        let candidates = definable_names(&value);
        let definitions: String = candidates
            .iter()
            .enumerate()
            .map(|(index, name)| format!("{name}=«{index}»\n"))
            .collect();
        let expanded = match dotenvy_items(&(definitions + &entry_text)).pop() {
            Some(Ok((_, expanded))) => expanded,
            other => return Err(format!("with definitions: {other:?}")),
        };
        let mut found: Vec<(usize, &str)> = candidates
            .iter()
            .enumerate()
            .filter_map(|(index, name)| Some((expanded.find(&format!("«{index}»"))?, *name)))
            .collect();
        found.sort_unstable();
        let found: Vec<&str> = found.into_iter().map(|(_, name)| name).collect();
        let expected: Vec<&str> = (entry.references.iter())
            .filter(|name| candidates.contains(name))
            .copied()
            .collect();
        if found != expected {
            return Err(format!("expands {found:?}, scanned {:?}", entry.references));
        }
        // The others come from the process environment (`$PATH`), or nowhere.
        for name in &entry.references {
            if let Ok(from_environment) = env::var(name)
                && !expanded.contains(&from_environment)
            {
                return Err(format!("{name} not expanded from the environment"));
            }
        }
        Ok(())
    });
}

/// The substrings of `value` that a line of the file could define and the
/// process environment does not.
fn definable_names(value: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let boundaries = || value.char_indices().map(|(at, _)| at).chain([value.len()]);
    for start in boundaries() {
        for end in boundaries().filter(|&end| end > start) {
            let name = &value[start..end];
            let definable = name_end(name, 0) == Some(name.len());
            if definable && env::var_os(name).is_none() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// dotenvy yields the same names, values and failures on the unindented
/// text as on the text.
fn unindented_is_the_same_to_dotenvy(text: &str) -> Result<(), String> {
    let same = |item: &Item| item.as_ref().map_err(|_| ()).cloned();
    let before: Vec<_> = dotenvy_items(text).iter().map(same).collect();
    let after: Vec<_> = dotenvy_items(&unindented(text)).iter().map(same).collect();
    match before == after {
        true => Ok(()),
        false => Err(format!("{before:?} became {after:?}")),
    }
}

#[test]
fn dotenvy_reads_the_unindented_text_as_the_text() {
    check(any_text(), |text| unindented_is_the_same_to_dotenvy(&text));
    check(entry_like_text(), |text| {
        unindented_is_the_same_to_dotenvy(&text)
    });
    let indented = "  A=1\n\t B=\"x\n  y\"\n   # c\n \u{a0}C='z' #c\n  \n   ";
    unindented_is_the_same_to_dotenvy(indented).unwrap();
    assert_eq!(
        unindented(indented).as_str(),
        "A=1\nB=\"x\n  y\"\n# c\nC='z' #c\n  \n   "
    );
}

const MORE_PIECES: &[&str] = &[
    "A",
    "b",
    "_",
    "1",
    ".",
    "é",
    "-",
    "n",
    "export ",
    "export\t",
    "export",
    "=",
    " ",
    "\t",
    "\u{a0}",
    "'",
    "\"",
    "$",
    "{",
    "}",
    "\\",
    "#",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\u{2028}",
    "\u{85}",
    "\u{3000}",
    "\u{feff}",
    "\0",
    "٣",
    "${A}",
    "$A",
    "  #",
    " #",
    "\\n",
    "\\ ",
    "\\\"",
    "\\'",
    "\\$",
    "\u{1f600}",
    "\u{b}",
    "\u{c}",
];

#[test]
fn agrees_with_dotenvy_on_a_wider_alphabet() {
    let text = vec(select(MORE_PIECES), 0..40).prop_map(|pieces| pieces.concat());
    check(text, |text| agrees_with_dotenvy(&text));
}

#[test]
fn the_expansion_bound_holds() {
    let bound_holds = |text: String| {
        let from_environment = |name: &str| env::var_os(name).map_or(0, |value| value.len());
        let bound = expanded_size_bound(&text, usize::MAX, from_environment).expect("no limit");
        let made: usize = dotenvy_items(&text)
            .iter()
            .filter_map(|item| item.as_ref().ok())
            .map(|(_, value)| value.len())
            .sum();
        match made <= bound {
            true => Ok(()),
            false => Err(format!("{made} bytes made, bound {bound}")),
        }
    };
    check(any_text(), bound_holds);
    check(entry_like_text(), bound_holds);
    let text = vec(select(MORE_PIECES), 0..40).prop_map(|pieces| pieces.concat());
    check(text, bound_holds);
}

/// A value that expands many names is read in one pass: each name is kept
/// once without searching those found before it, which a value of 300,000
/// names would read once per name (`TOKEN=${H0}${H1}...`, quadratic).
#[test]
fn a_value_of_many_names_is_scanned_in_one_pass() {
    let names = 300_000;
    let mut text = "TOKEN=".to_owned();
    for k in 0..names {
        text += &format!("${{H{k}}}");
    }
    text += "${H0}\n";
    let scanned = scan(&text);
    assert_eq!(scanned.len(), 1);
    let references = &scanned[0].references;
    assert_eq!(references.len(), names);
    assert_eq!((references[0], references[names - 1]), ("H0", "H299999"));
}
