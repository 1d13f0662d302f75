//! The bounded tree: documents, lines, aliases, merges, and what is refused.

use super::*;

fn parse(text: &str) -> Result<Stream, YamlError> {
    Stream::parse(text, |_, _| true)
}

fn error(text: &str) -> (usize, usize, String) {
    match parse(text) {
        Ok(_) => panic!("{text:?} parsed"),
        Err(YamlError {
            document,
            line,
            reason,
        }) => (document, line, reason),
    }
}

#[test]
fn documents_keys_and_lines() {
    let stream = parse(
        "# Source: chart/a.yaml\n---\nkind: A\nspec:\n  port: \"80\"\n---\n---\nkind: B\n...\n",
    )
    .expect("valid YAML");
    let numbers: Vec<usize> = stream.documents.iter().map(|d| d.number).collect();
    // The empty second document counts, as YAML counts it, but holds
    // nothing, as kubectl reads it.
    assert_eq!(numbers, [1, 3]);
    let root = stream.documents[0].root;
    let spec = stream.get(root, "spec").expect("spec");
    let port = stream.get(spec, "port").expect("port");
    assert_eq!((stream.str(port), stream.line(port)), (Some("80"), 5));
    assert_eq!(stream.get(root, "missing"), None);
    let kinds: Vec<Option<&str>> = stream
        .documents
        .iter()
        .map(|d| stream.get(d.root, "kind").and_then(|k| stream.str(k)))
        .collect();
    assert_eq!(kinds, [Some("A"), Some("B")]);
}

#[test]
fn documents_of_no_interest_are_dropped() {
    let stream = Stream::parse("kind: A\n---\nkind: B\n---\nkind: A\n", |stream, root| {
        stream.get(root, "kind").and_then(|k| stream.str(k)) == Some("A")
    })
    .expect("valid YAML");
    let numbers: Vec<usize> = stream.documents.iter().map(|d| d.number).collect();
    assert_eq!(numbers, [1, 3]);
    assert_eq!(
        stream.nodes.len(),
        6,
        "the second document's nodes are gone"
    );
}

#[test]
fn aliases_are_shared_and_merges_followed() {
    let stream = parse(
        "base: &base {a: \"1\", b: \"2\"}\nmore: &more {c: \"3\"}\n\
         one: {<<: *base, b: \"9\"}\nboth: {<<: [*base, *more]}\nsame: *base\n",
    )
    .expect("valid YAML");
    let root = stream.documents[0].root;
    let value = |map: &str, key: &str| {
        let map = stream.get(root, map).expect("the map");
        stream.get(map, key).and_then(|v| stream.str(v))
    };
    assert_eq!(value("one", "a"), Some("1"));
    assert_eq!(value("one", "b"), Some("9"), "its own key wins");
    assert_eq!(value("both", "c"), Some("3"));
    assert_eq!(value("same", "b"), Some("2"));
    assert_eq!(stream.get(root, "same"), stream.get(root, "base"));
    let one = stream.get(root, "one").expect("one");
    let keys: Vec<&str> = stream.entries(one).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["a", "b"]);
}

/// go-yaml sets the pairs of a mapping in order, a merge setting those of
/// the mappings it names: of two values of a key, the later wins.
#[test]
fn later_pairs_win() {
    let stream = parse(
        "base: &base {a: \"1\"}\ntwice: {a: \"x\", a: \"y\"}\n\
         merged_last: {a: \"own\", <<: *base}\nmerged_first: {<<: *base, a: \"own\"}\n\
         in_order: {<<: [{a: \"first\"}, {a: \"second\"}]}\n",
    )
    .expect("valid YAML");
    let root = stream.documents[0].root;
    let value = |map: &str| {
        let map = stream.get(root, map).expect("the map");
        let entries = stream.entries(map);
        assert_eq!(entries.len(), 1, "{map}");
        let got = stream.get(map, "a").and_then(|v| stream.str(v));
        assert_eq!(got, stream.str(entries[0].1));
        got
    };
    assert_eq!(value("twice"), Some("y"));
    assert_eq!(value("merged_last"), Some("1"));
    assert_eq!(value("merged_first"), Some("own"));
    assert_eq!(value("in_order"), Some("first"));
}

/// Keys are what JSON makes of them: `0x10` is `"16"`, `yes` `"true"`.
#[test]
fn keys_as_json_strings() {
    let stream = parse("0x10: a\nyes: b\n1.5: c\n1e6: d\n\"s\": e\n").expect("valid YAML");
    let root = stream.documents[0].root;
    let keys: Vec<&str> = stream.entries(root).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["16", "true", "1.5", "1e+06", "s"]);
}

#[test]
fn billion_laughs_are_refused() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    let (document, line, reason) = error(&text);
    assert_eq!(document, 1);
    assert!(reason.contains("billion laughs"), "{reason}");
    // The sixth line stands for 1,111,111 nodes, the first past the limit.
    assert_eq!(line, 6, "{reason}");
}

#[test]
fn what_is_refused_names_the_document_and_line() {
    let cases = [
        (
            "a: 1\n---\nb: [1,\n  c: d\n",
            2,
            5,
            "did not find expected ',' or ']'",
        ),
        ("a: &a [*a]\n", 1, 1, "an alias inside the node it names"),
        ("a: *nowhere\n", 1, 1, "unknown anchor"),
        ("a: 1\n b: 2\n", 1, 2, "mapping values are not allowed"),
        ("k: \"v\n", 1, 2, "found unexpected end of stream"),
        ("a: 1\n--- |\nb\n", 1, 2, "document separator"),
        ("a: 1\n---\n%YAML 1.1\nb: 1\n", 2, 4, "<document start>"),
        ("a: \"\x01\"\n", 1, 1, "control characters"),
        ("a: {[b]: c}\n", 1, 1, "a mapping or a sequence as a key"),
        ("a: {~: c}\n", 1, 1, "a null key"),
        ("a: [.inf]\n", 1, 1, "NaN or an infinite number"),
        ("a: !!int x\n", 1, 1, "cannot decode a !!str as a !!int"),
        ("a: {<<: [x]}\n", 1, 1, "map merge requires map"),
        (
            "a: 1\n---\n- x\n",
            2,
            3,
            "the document is a sequence, not an object",
        ),
        ("a: 1\n%FOO\n", 1, 2, "found unknown directive name"),
        ("a: 1\n...\n# \x01\n", 1, 3, "control characters"),
    ];
    for (text, document, line, reason) in cases {
        let (got_document, got_line, got_reason) = error(text);
        assert!(got_reason.contains(reason), "{text:?}: {got_reason}");
        assert_eq!(
            (got_document, got_line),
            (document, line),
            "{text:?}: {got_reason}"
        );
    }
}

/// go-yaml decodes its input in blocks of 512 bytes as its scanner asks
/// for them: a control character in a block past the end of the document
/// is never seen, and one past a syntax error is not either.
#[test]
fn control_characters_in_blocks_go_yaml_never_reads() {
    let filler = "# filler\n".repeat(60);
    let text = format!("a: 1\n...\n{filler}# \x01\n");
    let stream = parse(&text).expect("the control character is never read");
    assert_eq!(stream.documents.len(), 1);
    let (document, line, reason) = error(&format!("a: b: c\n{filler}# \x01\n"));
    assert_eq!((document, line), (1, 1));
    assert!(
        reason.contains("mapping values are not allowed"),
        "{reason}"
    );
    let (_, line, reason) = error(&format!("a: 1\n{filler}# \x01\n"));
    assert_eq!(line, 62);
    assert!(reason.contains("control characters"), "{reason}");
}

/// An empty flow collection as a key at the top: go-yaml loses track of
/// the key it starts, and reads the collection as the whole document.
#[test]
fn an_empty_flow_collection_as_a_key() {
    // (After a comment: a stream that starts with `{` is JSON to kubectl.)
    let stream = parse("#\n{}: x\n").expect("go-yaml reads it");
    let root = stream.documents[0].root;
    assert!(matches!(&stream.node(root).value, Value::Map(pairs) if pairs.is_empty()));
    let (document, line, reason) = error("[]: x\n");
    assert_eq!((document, line), (1, 1));
    assert!(reason.contains("the document is a sequence"), "{reason}");
}

#[test]
fn deep_nesting_is_no_recursion() {
    let depth = 200_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // The scanner refuses it, or the tree holds it: neither overflows.
    let _ = parse(&text);
    let text = format!("{}x", "- ".repeat(depth));
    let _ = parse(&text);
}

/// 2 000 cases per property, more when `PROPTEST_CASES` asks for more.
fn check<S: proptest::strategy::Strategy>(
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), proptest::test_runner::TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    crate::props::run(file!(), 2_000, strategy, test);
}

/// Pieces of YAML, for streams of any shape: indentation, flow and block
/// collections, anchors, aliases, merges, tags, quotes, scalars of every
/// kind, directives and document markers.
const YAML_PIECES: &[&str] = &[
    "\n",
    "\n",
    "  ",
    " ",
    "- ",
    "-",
    ": ",
    ":",
    "a",
    "env",
    "name",
    "kind",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "&b ",
    "*a",
    "*b",
    "<<: ",
    "<<",
    "? ",
    "!!str ",
    "!!merge ",
    "!t ",
    "!!binary ",
    "'",
    "\"",
    "\\",
    "\"\\u00e9\"",
    "|",
    ">-",
    "#",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "%YAML 1.1\r--- ",
    "%TAG ! x\n",
    "%TAG !e! tag:yaml.org,2002:\r",
    "%FOO\n",
    "!e!int ",
    "\r",
    "\u{1}",
    "\u{2028}",
    "# a comment long enough that a few of them cross the 512 bytes that go-yaml decodes at once\n",
    "1",
    "0x1F",
    ".inf",
    "~",
    "null",
    "yes",
    "é",
    "\u{1f600}",
    "\t",
    "\r\n",
    "\u{feff}",
    "\u{85}",
];

/// Reads `text`; it never panics, what it refuses it refuses at a line of
/// the text, and what it keeps is within its bounds.
fn reads_within_bounds(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
    let lines = text.split(['\n', '\r']).count() + 1;
    let stream = match parse(text) {
        Ok(stream) => stream,
        Err(error) => {
            // What is refused is refused at a place of the text.
            proptest::prop_assert!(error.document >= 1 && !error.reason.is_empty());
            proptest::prop_assert!((1..=lines).contains(&error.line), "{error:?}");
            return Ok(());
        }
    };
    proptest::prop_assert!(stream.nodes.len() <= MAX_NODES);
    proptest::prop_assert!(
        stream
            .documents
            .windows(2)
            .all(|d| d[0].number < d[1].number)
    );
    for id in 0..stream.nodes.len() {
        let node = stream.node(id);
        proptest::prop_assert!(node.line <= lines, "line {} of {lines}", node.line);
        proptest::prop_assert!(node.size <= MAX_EXPANDED_NODES);
        match &node.value {
            Value::Seq(items) => {
                proptest::prop_assert!(items.iter().all(|&item| item < stream.nodes.len()));
            }
            Value::Map(entries) => {
                for (key, value) in entries {
                    proptest::prop_assert!(
                        *key < stream.nodes.len() && *value < stream.nodes.len()
                    );
                }
                // Reading a mapping, merges followed, ends.
                let _ = stream.get(id, "env");
                let _ = stream.is_true(id, "a");
                let _ = stream.entries(id);
            }
            Value::Scalar(..) => {}
        }
    }
    for document in &stream.documents {
        proptest::prop_assert!(document.root < stream.nodes.len());
    }
    Ok(())
}

#[test]
fn any_text_is_read_within_bounds() {
    use proptest::prelude::*;
    check(any::<String>(), |text| reads_within_bounds(&text));
    let pieces = proptest::collection::vec(proptest::sample::select(YAML_PIECES), 0..40)
        .prop_map(|pieces| pieces.concat());
    check(pieces, |text| reads_within_bounds(&text));
}
