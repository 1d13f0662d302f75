//! Properties over generated files: the parser, with the process
//! environment outside as at start-up, yields exactly what
//! `dotenvy::from_read_iter` yields on the same bytes; and the facts
//! dotenvy does not give (lines, references and where they resolve, the
//! budget) hold.

use std::collections::HashMap;
use std::fmt::Debug;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

use super::super::entry::name_end;
use super::*;

/// At least `at_least` cases, more if `PROPTEST_CASES` asks.
fn check<S>(at_least: u32, strategy: S, property: impl Fn(S::Value) -> Result<(), String>)
where
    S: Strategy,
    S::Value: Debug,
{
    let property = |value| property(value).map_err(TestCaseError::fail);
    crate::props::run(file!(), at_least, strategy, property);
}

/// Names no process environment has, that a file may set (`export` too),
/// and some it may not.
const NAMES: &[&str] = &["ZQA", "ZQ_B", "zq.c", "_ZQ9", "export", "ZQA.1"];
const BAD_NAMES: &[&str] = &["", "1ZQ", "ZQ-D", "ZQé", "\"ZQA\"", "ZQ A", ".ZQ"];

/// Pieces of a value, and of whatever a line holds: quotes, escapes valid
/// and not, every way to start a name, comments after blank runs of each
/// length, line ends, blanks beyond ASCII, and bytes that are not UTF-8.
const VALUE_PIECES: &[&[u8]] = &[
    b"a",
    b"1",
    b".",
    b"-",
    b"_",
    b"x y",
    "é".as_bytes(),
    "€".as_bytes(),
    "\u{1f600}".as_bytes(),
    b"'",
    b"\"",
    b"\\n",
    b"\\\\",
    b"\\'",
    b"\\\"",
    b"\\$",
    b"\\ ",
    b"\\f",
    b"\\",
    b"$ZQA",
    b"${ZQ_B}",
    b"${zq.c}",
    b"$_ZQ9",
    b"$ZQA_1",
    b"$ZQA.1",
    b"$export",
    b"$",
    b"${",
    b"}",
    b"{",
    b"$$",
    b"${ZQA:-d}",
    b"${ ZQA }",
    b"${}",
    b" ",
    b"\t",
    "\u{a0}".as_bytes(),
    "\u{3000}".as_bytes(),
    b"#",
    b" #",
    b"  #",
    b"   #",
    b"\t#",
    b"\n",
    b"\r\n",
    b"\r",
    "\u{2028}".as_bytes(),
    "\u{85}".as_bytes(),
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xef\xbb\xbf",
    b"\0",
];

/// Pieces that keep a value valid, most of them copying names the file
/// may set: so that values copy earlier lines often.
const REFERENCE_PIECES: &[&[u8]] = &[
    b"a",
    b"$ZQA",
    b"${ZQ_B}",
    b"${zq.c}",
    b"${_ZQ9}",
    b"${ZQA.1}",
    b"$export",
    b"\"<$ZQA ${ZQ_B}>\"",
    b"'$ZQA'",
    b"\\n",
];

/// Files of lines shaped like entries, with or without a byte order mark.
fn generated_file() -> impl Strategy<Value = Vec<u8>> {
    let name = prop_oneof![4 => select(NAMES), 1 => select(BAD_NAMES)];
    let piece = prop_oneof![select(REFERENCE_PIECES), select(VALUE_PIECES)];
    let line = (
        select(&["", "", " ", "\t", "  "][..]),
        select(&["", "", "export ", "export\t"][..]),
        name,
        select(&["=", "=", " = ", "\t=", "", "= "][..]),
        vec(piece, 0..8),
        select(
            &[
                "\n",
                "\n",
                "\r\n",
                "",
                " # c\n",
                "  # it's \"q\n",
                "\n\n",
                "\n# comment ' \"\n",
                "\n  \n",
            ][..],
        ),
    )
        .prop_map(|(blanks, export, name, equals, value, end)| {
            let mut line = [blanks, export, name, equals].concat().into_bytes();
            line.extend(value.concat());
            line.extend(end.as_bytes());
            line
        });
    (any::<bool>(), vec(line, 0..8)).prop_map(|(bom, lines)| {
        let mut file = match bom {
            true => BOM.to_vec(),
            false => Vec::new(),
        };
        file.extend(lines.concat());
        file
    })
}

/// The key property of the brief: at start-up, the parser is dotenvy.
#[test]
fn agrees_with_dotenvy_on_generated_files() {
    check(5_000, generated_file(), |file| agrees_with_dotenvy(&file));
}

/// Pieces of a dotenv file, for text of any shape.
const TEXT_PIECES: &[&str] = &[
    "A", "b", "_", "1", ".", "é", "-", "n", "export ", "export", "=", " ", "\t", "\u{a0}", "'",
    "\"", "$", "{", "}", "\\", "#", "\n", "\n", "\r\n", "\r",
];

/// Pieces of a value.
const TEXT_VALUE_PIECES: &[&str] = &[
    "a", "é", "1", "_", ".", "-", " ", "\t", "'", "\"", "$", "${", "}", "{", "$A", "${B_1}", "$x1",
    "\\", "\\n", "\\$", "#", "\r", "PATH",
];

fn any_text() -> impl Strategy<Value = String> {
    vec(select(TEXT_PIECES), 0..32).prop_map(|pieces| pieces.concat())
}

fn entry_like_text() -> impl Strategy<Value = String> {
    let value = vec(select(TEXT_VALUE_PIECES), 0..8).prop_map(|pieces| pieces.concat());
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
fn agrees_with_dotenvy_on_any_text() {
    check(10_000, any_text(), |text| {
        agrees_with_dotenvy(text.as_bytes())
    });
}

#[test]
fn agrees_with_dotenvy_on_entry_like_text() {
    check(10_000, entry_like_text(), |text| {
        agrees_with_dotenvy(text.as_bytes())
    });
}

#[test]
fn agrees_with_dotenvy_on_a_wider_alphabet() {
    let text = vec(select(MORE_PIECES), 0..40).prop_map(|pieces| pieces.concat());
    check(10_000, text, |text| agrees_with_dotenvy(text.as_bytes()));
}

/// Entries start where the file has lines, in order, each after the last
/// line of the one before.
#[test]
fn lines_are_within_the_file_and_in_order() {
    check(10_000, generated_file(), |file| {
        let unmarked = file.strip_prefix(BOM).unwrap_or(&file);
        let last_line = unmarked.iter().filter(|&&byte| byte == b'\n').count() + 1;
        let entries = parse_under_environment(&file);
        let spans: Vec<_> = (entries.iter())
            .map(|entry| (entry.line, entry.last_line))
            .collect();
        let within =
            (spans.iter()).all(|&(first, last)| 1 <= first && first <= last && last <= last_line);
        let in_order = spans.windows(2).all(|pair| pair[0].1 < pair[1].0);
        match within && in_order {
            true => Ok(()),
            false => Err(format!("lines {spans:?} in a file of {last_line}")),
        }
    });
}

/// Every name that a value could refer to and the file could define is
/// defined on an earlier line, with a distinct marker for its value: the
/// markers that dotenvy's expansion holds, in order of first appearance,
/// must be the references parsed.
#[test]
fn references_are_what_dotenvy_expands() {
    let value = vec(select(TEXT_VALUE_PIECES), 0..10).prop_map(|pieces| pieces.concat());
    check(10_000, value, |value| {
        let entry_text = format!("V={value}\n");
        agrees_with_dotenvy(entry_text.as_bytes())?;
        let entries = parse_under_environment(entry_text.as_bytes());
        let [entry] = entries.as_slice() else {
            return Err(format!("not one entry: {entries:?}"));
        };
        if entry.value.is_err() {
            return Ok(());
        }
        let names: Vec<&str> = entry.references.iter().map(|r| r.name).collect();
        let candidates = definable_names(&value);
        let definitions: String = (candidates.iter().enumerate())
            .map(|(index, name)| format!("{name}=«{index}»\n"))
            .collect();
        let expanded = match dotenvy_items((definitions + &entry_text).as_bytes()).pop() {
            Some(Item::Pair(_, expanded)) => expanded,
            other => return Err(format!("with definitions: {other:?}")),
        };
        let mut found: Vec<(usize, &str)> = (candidates.iter().enumerate())
            .filter_map(|(index, name)| Some((expanded.find(&format!("«{index}»"))?, *name)))
            .collect();
        found.sort_unstable();
        let found: Vec<&str> = found.into_iter().map(|(_, name)| name).collect();
        let expected: Vec<&str> = (names.iter())
            .filter(|name| candidates.contains(name))
            .copied()
            .collect();
        if found != expected {
            return Err(format!("expands {found:?}, parsed {names:?}"));
        }
        // The others come from the process environment (`$PATH`), or
        // nowhere.
        for reference in &entry.references {
            let from_environment = std::env::var(reference.name).is_ok();
            if from_environment != (reference.resolved == Resolved::Outside) {
                return Err(format!("{reference:?}"));
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
            if definable && std::env::var_os(name).is_none() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// A name resolves from outside when outside has it, else from the latest
/// earlier valid entry of that name, else not at all; each once a value.
#[test]
fn references_resolve_outside_then_to_the_latest_earlier_entry() {
    check(10_000, generated_file(), |file| {
        let outside = |name: &str| (name == "ZQ_B").then(|| Zeroizing::new("«out»".to_owned()));
        let entries = parse(&file, &outside).map_err(|error| error.to_string())?;
        let mut latest: HashMap<&str, usize> = HashMap::new();
        for entry in &entries {
            let mut names: Vec<&str> = entry.references.iter().map(|r| r.name).collect();
            for reference in &entry.references {
                let expected = match latest.get(reference.name) {
                    _ if reference.name == "ZQ_B" => Resolved::Outside,
                    Some(&line) => Resolved::Entry { line },
                    None => Resolved::Unresolved,
                };
                if reference.resolved != expected {
                    return Err(format!("{reference:?} in {entry:?}, expected {expected:?}"));
                }
            }
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            if names.len() != count {
                return Err(format!("a name twice in {entry:?}"));
            }
            if let (Some(name), Ok(_)) = (entry.name, &entry.value) {
                latest.insert(name, entry.line);
            }
        }
        Ok(())
    });
}

/// With a budget, the parse is the unbounded one while the values fit in
/// it, and stops at the entry whose value goes past it.
#[test]
fn the_budget_bounds_the_values() {
    check(10_000, (generated_file(), 0..64usize), |(file, limit)| {
        let unbounded = parse(&file, &nothing_outside).map_err(|error| error.to_string())?;
        let mut total = 0;
        let mut first_over = None;
        for entry in &unbounded {
            if let Ok(value) = &entry.value {
                total += value.len();
                if total > limit && first_over.is_none() {
                    first_over = Some(entry.line);
                }
            }
        }
        match (parse_within(&file, &nothing_outside, limit), first_over) {
            (Ok(bounded), None) => {
                let values = |entries: &[DotenvEntry<'_>]| -> Vec<Result<String, &str>> {
                    let value = |e: &DotenvEntry<'_>| e.value.as_deref().cloned().map_err(|r| *r);
                    entries.iter().map(value).collect()
                };
                match values(&bounded) == values(&unbounded) {
                    true => Ok(()),
                    false => Err("the bounded parse differs".to_owned()),
                }
            }
            (Err(TooLarge { line, .. }), Some(over)) if line == over => Ok(()),
            (bounded, over) => Err(format!("{:?}, first over at {over:?}", bounded.err())),
        }
    });
}
