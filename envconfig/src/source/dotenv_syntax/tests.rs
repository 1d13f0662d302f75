//! The parser against its oracle, dotenvy 0.15.7: a table of cases, the
//! facts dotenvy does not give (lines, references, where they resolve,
//! shell syntax, the budget), dotenvy's own tests (`upstream`), and
//! properties over generated files (`differential`).

use std::collections::HashMap;

use zeroize::Zeroizing;

use super::lines::{LogicalLine, LogicalLines, Text};
use super::reason::*;
use super::*;

mod differential;
mod upstream;

/// An item of dotenvy's iterator.
#[derive(Debug)]
pub(super) enum Item {
    Pair(String, String),
    /// The text and index of its parse error.
    LineParse(String, usize),
    /// Its reader failed on a line that is not UTF-8.
    NotUtf8,
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// What `dotenvy::from_read_iter` yields on `bytes`, after the byte order
/// mark that its loaders skip.
pub(super) fn dotenvy_items(bytes: &[u8]) -> Vec<Item> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let item = |item: dotenvy::Result<(String, String)>| match item {
        Ok((name, value)) => Item::Pair(name, value),
        Err(dotenvy::Error::LineParse(text, index)) => Item::LineParse(text, index),
        Err(dotenvy::Error::Io(error)) if error.kind() == std::io::ErrorKind::InvalidData => {
            Item::NotUtf8
        }
        Err(other) => panic!("dotenvy fails other than on a line: {other}"),
    };
    dotenvy::from_read_iter(bytes).map(item).collect()
}

/// The entries of `bytes` under the process environment, as at start-up.
pub(super) fn parse_under_environment(bytes: &[u8]) -> Vec<DotenvEntry<'_>> {
    parse(bytes, &process_environment).expect("within the budget")
}

/// The key property: one entry per item of dotenvy's, with the same name
/// and value, malformed exactly where dotenvy fails, with the failure where
/// dotenvy's error points.
pub(super) fn agrees_with_dotenvy(bytes: &[u8]) -> Result<(), String> {
    let items = dotenvy_items(bytes);
    let entries = parse_under_environment(bytes);
    if entries.len() != items.len() {
        return Err(format!("parsed {entries:?}, dotenvy {items:?}"));
    }
    let unmarked = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let logical: HashMap<usize, LogicalLine<'_>> = LogicalLines::new(unmarked)
        .map(|logical| (logical.line, logical))
        .collect();
    for (index, (item, entry)) in items.iter().zip(&entries).enumerate() {
        let disagree = || format!("item {index}: parsed {entry:?}, dotenvy {item:?}");
        let agree = match (item, &entry.value) {
            (Item::Pair(name, dotenvy_value), Ok(value)) => {
                entry.name == Some(name.as_str()) && value.as_str() == dotenvy_value
            }
            (Item::LineParse(text, at), Err(reason)) => {
                let logical = &logical[&entry.line];
                failure_is_where_dotenvy_fails(logical, reason, entry.failure_at, text, *at)
            }
            (Item::NotUtf8, Err(reason)) => *reason == NOT_UTF8,
            _ => false,
        };
        if !agree {
            return Err(format!("{}, at {}", disagree(), entry.failure_at));
        }
    }
    Ok(())
}

/// The reasons, by what dotenvy's error holds and where its index points.
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

/// Whether dotenvy's error is the one the reason stands for, at the same
/// place.
fn failure_is_where_dotenvy_fails(
    logical: &LogicalLine<'_>,
    reason: &str,
    at: usize,
    error_text: &str,
    error_index: usize,
) -> bool {
    let line = match logical.text {
        Text::Unterminated(text, why) => {
            return why == reason && error_text == text && error_index == error_text.len();
        }
        Text::NotUtf8(_) => return false,
        Text::Complete(text) => text,
    };
    if IN_NAME.contains(&reason) {
        return error_text == line && error_index == at;
    }
    // dotenvy reports the value alone, with an index in characters, or its
    // last byte when the value ends too early.
    let line = line.trim_end();
    let value = entry::parse_name(line)
        .ok()
        .map(|(_, start)| &line[start..]);
    if value != Some(error_text) {
        return false;
    }
    let value_start = line.len() - error_text.len();
    if AT_END_OF_VALUE.contains(&reason) {
        return error_index + 1 == error_text.len() && at == line.len();
    }
    let rejected = error_text.char_indices().nth(error_index);
    IN_VALUE.contains(&reason) && rejected.map(|(offset, _)| value_start + offset) == Some(at)
}

/// What the table checks of an entry.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    line: usize,
    name: Option<String>,
    references: Vec<String>,
    malformed: Option<&'static str>,
}

fn summaries(bytes: &[u8]) -> Vec<Summary> {
    let entries = parse(bytes, &nothing_outside).expect("within the budget");
    let summary = |entry: &DotenvEntry<'_>| Summary {
        line: entry.line,
        name: entry.name.map(str::to_owned),
        references: (entry.references.iter())
            .map(|reference| reference.name.to_owned())
            .collect(),
        malformed: entry.value.as_ref().err().copied(),
    };
    entries.iter().map(summary).collect()
}

fn valid(line: usize, name: &str, references: &[&str]) -> Summary {
    Summary {
        line,
        name: Some(name.to_owned()),
        references: references.iter().map(|name| (*name).to_owned()).collect(),
        malformed: None,
    }
}

fn malformed(line: usize, name: Option<&str>, reason: &'static str) -> Summary {
    Summary {
        line,
        name: name.map(str::to_owned),
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
        assert_eq!(summaries(text.as_bytes()), expected, "parsing {text:?}");
        if let Err(disagreement) = agrees_with_dotenvy(text.as_bytes()) {
            panic!("{text:?}: {disagreement}");
        }
    }
}

/// A line that is not UTF-8 is one malformed entry, named when its start
/// tells the name; the lines around it parse as dotenvy parses them.
#[test]
fn a_line_that_is_not_utf8_is_one_malformed_entry() {
    let cases: [(&[u8], Vec<Summary>); 5] = [
        (
            b"A=1\nB=caf\xe9\nC=3\n",
            vec![
                valid(1, "A", &[]),
                malformed(2, Some("B"), NOT_UTF8),
                valid(3, "C", &[]),
            ],
        ),
        // A comment too: dotenvy's reader fails before it sees the `#`.
        (
            b"# caf\xe9\nA=1",
            vec![malformed(1, None, NOT_UTF8), valid(2, "A", &[])],
        ),
        (
            b"caf\xe9=1\nexport B=\xff",
            vec![
                malformed(1, None, NOT_UTF8),
                malformed(2, Some("B"), NOT_UTF8),
            ],
        ),
        // Inside a quote: the entry ends at that line, and what follows
        // starts afresh, as in dotenvy (here, a quote that stays open).
        (
            b"A=\"x\n\xff\ny\"\nB=1\n",
            vec![
                malformed(1, Some("A"), NOT_UTF8),
                malformed(3, None, UNCLOSED_QUOTE_AT_END),
            ],
        ),
        // A sequence that no UTF-8 has: a surrogate, an overlong `/`.
        (
            b"A=\xed\xa0\x80\nB=\xc0\xaf\nC=\xc3",
            vec![
                malformed(1, Some("A"), NOT_UTF8),
                malformed(2, Some("B"), NOT_UTF8),
                malformed(3, Some("C"), NOT_UTF8),
            ],
        ),
    ];
    for (bytes, expected) in cases {
        assert_eq!(summaries(bytes), expected, "parsing {bytes:?}");
        agrees_with_dotenvy(bytes).unwrap();
    }
    let entries = parse(b"A=\"x\n\xff\ny\"\nB=1\n", &nothing_outside).unwrap();
    let lines: Vec<_> = entries.iter().map(|e| (e.line, e.last_line)).collect();
    assert_eq!(lines, [(1, 2), (3, 4)]);
}

#[test]
fn a_byte_order_mark_is_skipped_at_the_start_only() {
    let entries = parse(b"\xef\xbb\xbfA=1\n\xef\xbb\xbfB=2\n", &nothing_outside).unwrap();
    assert_eq!(entries[0].name, Some("A"));
    assert_eq!(entries[0].value.as_deref().map(String::as_str), Ok("1"));
    assert_eq!(entries[1].value.as_ref().err(), Some(&NAME_START));
}

/// Each entry's first and last line: what a malformed entry swallowed.
#[test]
fn an_entry_spans_the_lines_of_its_quotes() {
    let text = b"A=\"one\ntwo\"\nB=1 # c\r\n\n  C='x\r\ny\r\nz' #c\nD=\"open\nE=1\n";
    let entries = parse(text, &nothing_outside).unwrap();
    let spans: Vec<_> = (entries.iter())
        .map(|entry| (entry.name, entry.line, entry.last_line))
        .collect();
    assert_eq!(
        spans,
        [
            (Some("A"), 1, 2),
            (Some("B"), 3, 3),
            (Some("C"), 5, 7),
            (Some("D"), 8, 9),
        ]
    );
}

/// A name takes its value from outside first, then from the latest earlier
/// valid entry; each reference says which, or that it took none.
#[test]
fn a_reference_tells_where_its_value_came_from() {
    let outside = |name: &str| (name == "OUTSIDE").then(|| Zeroizing::new("out".to_owned()));
    let text = b"OUTSIDE=file\nX=${OUTSIDE}\nMINE=1\nY=$MINE$MINE\nMINE=a b\nMINE=2\n\
                 Z=${MINE}-${NOWHERE}-$MINE\nEMPTY=\nW=[$EMPTY]\n";
    let entries = parse(text, &outside).unwrap();
    let facts: Vec<_> = (entries.iter())
        .map(|entry| {
            let value = entry.value.as_deref().map(String::as_str).unwrap_or("?");
            let references: Vec<_> = (entry.references.iter())
                .map(|reference| (reference.name, reference.resolved))
                .collect();
            (entry.name, value, references)
        })
        .collect();
    let at = |line| Resolved::Entry { line };
    assert_eq!(
        facts,
        [
            (Some("OUTSIDE"), "file", vec![]),
            (Some("X"), "out", vec![("OUTSIDE", Resolved::Outside)]),
            (Some("MINE"), "1", vec![]),
            (Some("Y"), "11", vec![("MINE", at(3))]),
            (Some("MINE"), "?", vec![]),
            (Some("MINE"), "2", vec![]),
            (
                Some("Z"),
                "2--2",
                vec![("MINE", at(6)), ("NOWHERE", Resolved::Unresolved)]
            ),
            (Some("EMPTY"), "", vec![]),
            (Some("W"), "[]", vec![("EMPTY", at(8))]),
        ]
    );
}

/// dotenvy itself looks in the process environment first: `PATH`, which
/// the environment of the tests sets, and what the parser gives with it.
#[test]
fn dotenvy_expands_from_the_process_environment_first() {
    let Ok(path) = std::env::var("PATH") else {
        return;
    };
    let value = |text: &str| match dotenvy_items(text.as_bytes()).pop() {
        Some(Item::Pair(_, value)) => value,
        other => panic!("{text:?}: {other:?}"),
    };
    // An unbraced name stops before `_`.
    assert_eq!(value("X=$PATH_DIR"), format!("{path}_DIR"));
    // The process environment wins over an earlier line.
    assert_eq!(value("PATH=from_file\nX=${PATH}"), path);
    assert_eq!(value("Q_7Fz2=from_file\nX=${Q_7Fz2}"), "from_file");
    assert_eq!(value("X=${Q_7Fz2}"), "");
    let entries = parse_under_environment(b"PATH=from_file\nX=${PATH}");
    assert_eq!(entries[1].value.as_deref(), Ok(&path));
    assert_eq!(entries[1].references[0].resolved, Resolved::Outside);
    let alone = parse(b"PATH=from_file\nX=${PATH}", &nothing_outside).unwrap();
    assert_eq!(
        alone[1].value.as_deref().map(String::as_str),
        Ok("from_file")
    );
}

/// Shell syntax inside `${...}` is one name to dotenvy, which nothing sets:
/// the value is what dotenvy makes of it, and the reference says which
/// form a shell would have read, and the name it would have expanded.
#[test]
fn shell_syntax_is_read_as_dotenvy_reads_it_and_named() {
    let cases = [
        ("${X:-a}", "X:-a", Some((ShellForm::Default, "X"))),
        ("${X-a}", "X-a", Some((ShellForm::DefaultIfUnset, "X"))),
        ("${X:=a}", "X:=a", Some((ShellForm::Assign, "X"))),
        ("${X=a}", "X=a", Some((ShellForm::AssignIfUnset, "X"))),
        ("${X:?gone}", "X:?gone", Some((ShellForm::Error, "X"))),
        ("${X?gone}", "X?gone", Some((ShellForm::ErrorIfUnset, "X"))),
        ("${X:+b}", "X:+b", Some((ShellForm::Alternative, "X"))),
        ("${X+b}", "X+b", Some((ShellForm::AlternativeIfSet, "X"))),
        ("${#X}", "#X", Some((ShellForm::Length, "X"))),
        ("${X##*/}", "X##*/", Some((ShellForm::RemovePrefix, "X"))),
        ("${X%.*}", "X%.*", Some((ShellForm::RemoveSuffix, "X"))),
        ("${X/a/b}", "X/a/b", Some((ShellForm::Replace, "X"))),
        ("${X:1:2}", "X:1:2", Some((ShellForm::Substring, "X"))),
        ("${ X }", " X ", Some((ShellForm::Blanks, "X"))),
        ("${\tX_1}", "\tX_1", Some((ShellForm::Blanks, "X_1"))),
        // Names, which the file or the environment may set.
        ("${X}", "X", None),
        ("${X.Y}", "X.Y", None),
        ("${é}", "é", None),
        ("$X", "X", None),
        ("${1:-a}", "1:-a", None),
    ];
    for (value, name, shell) in cases {
        let text = format!("X=set\nV=<{value}>\n");
        let entries = parse(text.as_bytes(), &nothing_outside).unwrap();
        let reference = &entries[1].references[0];
        assert_eq!(reference.name, name, "{value}");
        let found = (reference.shell_syntax).map(|syntax| (syntax.form, syntax.shell_name));
        assert_eq!(found, shell, "{value}");
        agrees_with_dotenvy(text.as_bytes()).unwrap();
    }
    // What dotenvy makes of it: the name `X:-a`, which nothing set.
    let entries = parse(b"X=set\nV=<${X:-a}>", &nothing_outside).unwrap();
    assert_eq!(entries[1].value.as_deref().map(String::as_str), Ok("<>"));
    assert_eq!(ShellForm::Default.written(), "${NAME:-default}");
}

/// Each line doubles the one above: 300 bytes that dotenvy would make
/// 32 MiB of (and of 40 such lines, 8 TiB). Parsing stops at the line
/// that would go past the budget, before making it.
#[test]
fn expansions_past_the_budget_stop_the_parse() {
    let mut text = "X0=xxxxxxxx\n".to_owned();
    for k in 1..40 {
        text += &format!("X{k}=$X{}$X{}\n", k - 1, k - 1);
    }
    let error = parse(text.as_bytes(), &nothing_outside).expect_err("too large");
    // X20 is 8 MiB, and the values up to it take 16 MiB less 8 bytes.
    assert_eq!(
        error,
        TooLarge {
            line: 22,
            limit: MAX_EXPANDED_BYTES
        }
    );
    assert_eq!(
        error.to_string(),
        "its values, with their `${NAME}` expansions, exceed the 16 MiB limit at line 22"
    );
    // From outside too.
    let large = |_: &str| Some(Zeroizing::new("x".repeat(1 << 20)));
    let error = parse(b"A=1\nB=$Q$Q$Q$Q$Q$Q$Q$Q$Q$Q$Q$Q$Q$Q$Q$Q$Q\n", &large).unwrap_err();
    assert_eq!(error.line, 2);
}

/// A value that expands many names is read in one pass: each name is kept
/// once without searching those found before it, which a value of 300,000
/// names would read once per name (`TOKEN=${H0}${H1}...`, quadratic).
#[test]
fn a_value_of_many_names_is_parsed_in_one_pass() {
    let names = 300_000;
    let mut text = "TOKEN=".to_owned();
    for k in 0..names {
        text += &format!("${{H{k}}}");
    }
    text += "${H0}\n";
    let entries = parse(text.as_bytes(), &nothing_outside).unwrap();
    assert_eq!(entries.len(), 1);
    let references = &entries[0].references;
    assert_eq!(references.len(), names);
    assert_eq!(
        (references[0].name, references[names - 1].name),
        ("H0", "H299999")
    );
}

/// dotenvy looks through the leading blanks of a logical line again for
/// each of its physical lines: a quote opened after 1 MiB of blanks and
/// closed 500,000 lines later would be read 500,000 times over. The parser
/// reads them once.
#[test]
fn an_indented_quote_over_many_lines_is_parsed_in_one_pass() {
    let lines = 500_000;
    let mut text = " ".repeat(1 << 20);
    text += "A=\"";
    text += &"\n".repeat(lines);
    text += "\"\nB=1\n";
    let entries = parse(text.as_bytes(), &nothing_outside).unwrap();
    let spans: Vec<_> = (entries.iter())
        .map(|entry| (entry.name, entry.line, entry.last_line))
        .collect();
    assert_eq!(
        spans,
        [(Some("A"), 1, lines + 1), (Some("B"), lines + 2, lines + 2)]
    );
    assert_eq!(entries[0].value.as_ref().map(|v| v.len()), Ok(lines));
}

/// A 4 MiB file, the most envconfig reads, of 240,000 names each copied
/// by the next: parsed, with each copy resolved from the line above.
#[test]
fn a_large_file_of_copies_is_parsed_whole() {
    let mut text = "N0=".to_owned() + &"v".repeat(32) + "\n";
    let mut k = 1;
    while text.len() < 4 * 1024 * 1024 - 64 {
        text += &format!("N{k}=${{N{}}}\n", k - 1);
        k += 1;
    }
    let entries = parse(text.as_bytes(), &nothing_outside).unwrap();
    assert_eq!(entries.len(), k);
    assert!(k > 40_000, "{k} entries");
    let last = &entries[k - 1];
    assert_eq!(last.value.as_ref().map(|v| v.len()), Ok(32));
    assert_eq!(last.references[0].resolved, Resolved::Entry { line: k - 1 });
}

/// A value's buffer grows by copying into a larger one, and keeps every
/// byte through each growth.
#[test]
fn a_value_grows_through_expansions_intact() {
    let outside = |name: &str| Some(Zeroizing::new(name.repeat(100)));
    let entries = parse(b"V=a$B$CC${DDD}z", &outside).unwrap();
    let expected = format!(
        "a{}{}{}z",
        "B".repeat(100),
        "CC".repeat(100),
        "DDD".repeat(100)
    );
    assert_eq!(entries[0].value.as_deref(), Ok(&expected));
}

#[test]
fn debug_never_shows_a_value() {
    let entries = parse(b"TOKEN=s3cret\n", &nothing_outside).unwrap();
    let shown = format!("{entries:?}");
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(shown.contains("<6 bytes>"), "{shown}");
}
