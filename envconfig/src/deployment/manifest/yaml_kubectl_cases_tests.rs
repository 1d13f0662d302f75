//! The streams the reader is compared with kubectl on: scalars of every
//! kind placed where the check reads them (a ConfigMap's `data` value, a
//! key, an `env` entry's `value`), and whole streams.

/// One stream, and its name.
pub(super) struct Case {
    pub name: String,
    pub yaml: String,
    /// The file's bytes, for a file that is no UTF-8 text (`yaml` is then
    /// empty).
    pub bytes: Option<Vec<u8>>,
}

impl Case {
    /// The file kubectl is given.
    pub(super) fn file(&self) -> &[u8] {
        self.bytes.as_deref().unwrap_or(self.yaml.as_bytes())
    }
}

const CONFIG_MAP: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n";

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  \
                   - name: c\n    image: i\n    env:\n    - name: VAR\n";

/// Scalars as written, by kind: each line after the first is indented
/// under its key.
fn scalars() -> Vec<(&'static str, String)> {
    let mut scalars: Vec<(&'static str, String)> = Vec::new();
    let mut add = |kind: &'static str, texts: &[&str]| {
        scalars.extend(texts.iter().map(|text| (kind, (*text).to_owned())));
    };
    add(
        "integer",
        &[
            "0",
            "-0",
            "+0",
            "1",
            "-1",
            "+1",
            "007",
            "08",
            "0777",
            "0o17",
            "0O17",
            "0o",
            "0o8",
            "0x1F",
            "0X1f",
            "0x",
            "0x_1F",
            "-0x1F",
            "+0x1F",
            "0xg",
            "0b101",
            "0B101",
            "-0b101",
            "0b",
            "0b102",
            "1_000",
            "1__000",
            "_1000",
            "1000_",
            "+1_000",
            "-_1",
            "1,000",
            "1 000",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "18446744073709551616",
            "+18446744073709551615",
            "0x7FFFFFFFFFFFFFFF",
            "0x8000000000000000",
            "0xFFFFFFFFFFFFFFFF",
            "0x10000000000000000",
            "-0x8000000000000000",
            "-0x8000000000000001",
            "0xFFFFFFFFFFFFFFFFFF",
            "0x742d35Cc6634C0532925a3b844Bc454e4438f44e",
            "0o1777777777777777777777",
            "0o2000000000000000000000",
            "01777777777777777777777",
            "02000000000000000000000",
            "99999999999999999999999",
            "190:20:30",
            "1:1",
            "02472256",
            "0x_0A_74_AE",
            "0b1010_0111_0100_1010_1110",
            "-0b101010",
            "685230",
            "+685_230",
        ],
    );
    let ones = |n| format!("0b{}", "1".repeat(n));
    for text in [
        ones(63),
        ones(64),
        ones(65),
        ones(70),
        format!("-{}", ones(63)),
    ] {
        scalars.push(("integer", text));
    }
    scalars.push(("integer", "9".repeat(100)));
    let mut add = |kind: &'static str, texts: &[&str]| {
        scalars.extend(texts.iter().map(|text| (kind, (*text).to_owned())));
    };
    add(
        "float",
        &[
            "1.5",
            "-1.5",
            "+1.5",
            "1.",
            "-1.",
            ".5",
            "-.5",
            "+.5",
            ".5_5",
            "._5",
            ".5_",
            "1_0.5",
            "1.5e3",
            "1.5E3",
            "1e3",
            "1E-3",
            "1e+3",
            "1e",
            "1e+",
            ".5e3",
            ".e3",
            "1.5e3.5",
            "6.8523e+5",
            "685.230_15e+03",
            "685_230.15",
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "1e309",
            "1e400",
            "-1e400",
            "1e-400",
            "4.9e-324",
            "0.1",
            "0x1p3",
            "1_000.5e1_0",
            "123456e1",
            "0.",
            "00",
            "1-2",
            "1.2.3",
            ".inf",
            ".Inf",
            ".INF",
            "+.inf",
            "-.inf",
            "-.Inf",
            ".iNf",
            "inf",
            "Infinity",
            ".nan",
            ".NaN",
            ".NAN",
            "nan",
            "NaN",
            "-",
            "+",
            ".",
            "..",
        ],
    );
    add(
        "bool",
        &[
            "y", "Y", "yes", "Yes", "YES", "yEs", "n", "N", "no", "No", "NO", "true", "True",
            "TRUE", "tRUE", "false", "False", "FALSE", "on", "On", "ON", "oN", "off", "Off", "OFF",
        ],
    );
    add("null", &["~", "null", "Null", "NULL", "nULL", ""]);
    add(
        "timestamp",
        &[
            "2001-12-14",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14 21:59:43.10 -5",
            "2001-12-14T21:59:43Z",
            "2015-2-3T3:4:5Z",
            "2001-13-14",
            "2002-02-29",
        ],
    );
    add(
        "plain",
        &[
            "30s",
            "postgres://db/billing",
            "a b",
            "a:b",
            "a#b",
            "a #b",
            "-a",
            ":a",
            "?a",
            "@a",
            "`a",
            "%a",
            "<<",
            "=",
            "a\tb",
            "a\t",
            "a\u{85}b",
            "a\u{2028}b",
            "a\u{2029}b",
            "a\u{feff}b",
            "\u{feff}a",
            "a\u{1}b",
            "a\u{7f}b",
            "a\u{80}b",
            "a\u{9f}b",
            "a\u{a0}b",
            "a\u{fffe}b",
            "a\u{ffff}b",
            "a\u{10ffff}b",
            "é😀",
            "a\rb",
        ],
    );
    add(
        "single-quoted",
        &[
            "'8080'",
            "'yes'",
            "''",
            "'it''s'",
            "'a\\b'",
            "'a\tb'",
            "'a\u{1}b'",
            "'a\u{85}b'",
            "'a\u{2028}b'",
            "'a\u{2029}  b'",
            "'a\u{feff}b'",
            "'a\nb'",
            "'a\n\nb'",
            "'a  \n  b'",
            "'unclosed",
        ],
    );
    add(
        "double-quoted",
        &[
            "\"8080\"",
            "\"yes\"",
            "\"\"",
            "\"0x10\"",
            "\"a\\0b\"",
            "\"a\\ab\"",
            "\"a\\bb\"",
            "\"a\\tb\"",
            "\"a\\\tb\"",
            "\"a\\nb\"",
            "\"a\\vb\"",
            "\"a\\fb\"",
            "\"a\\rb\"",
            "\"a\\eb\"",
            "\"a\\ b\"",
            "\"a\\\"b\"",
            "\"a\\'b\"",
            "\"a\\\\b\"",
            "\"a\\/b\"",
            "\"a\\Nb\"",
            "\"a\\_b\"",
            "\"a\\Lb\"",
            "\"a\\Pb\"",
            "\"\\x41\"",
            "\"\\x4\"",
            "\"\\xZZ\"",
            "\"\\x00\"",
            "\"\\x7f\"",
            "\"\\x85\"",
            "\"\\xff\"",
            "\"\\u00e9\"",
            "\"\\u00E9\"",
            "\"\\u0000\"",
            "\"\\u2028\"",
            "\"\\uD83D\"",
            "\"\\uDE00\"",
            "\"\\uD83D\\uDE00\"",
            "\"\\uFFFE\"",
            "\"\\U0001F600\"",
            "\"\\U0010FFFF\"",
            "\"\\U00110000\"",
            "\"\\UFFFFFFFF\"",
            "\"\\q\"",
            "\"\\c\"",
            "\"\\%\"",
            "\"\\}\"",
            "\"a\u{1}b\"",
            "\"a\u{8}b\"",
            "\"a\u{7f}b\"",
            "\"a\u{80}b\"",
            "\"a\u{85}b\"",
            "\"a\u{2028}b\"",
            "\"a  \u{2028}  b\"",
            "\"a\u{2029}b\"",
            "\"a\u{feff}b\"",
            "\"a\tb\"",
            "\"a\u{fffe}b\"",
            "\"a\nb\"",
            "\"a\n\nb\"",
            "\"a  \n  b\"",
            "\"a\\\nb\"",
            "\"a\\\n  b\"",
            "\"a\rb\"",
            "\"unclosed",
        ],
    );
    add(
        "block",
        &[
            "|\ntext\n",
            "|-\ntext\n",
            "|+\ntext\n\n",
            ">\ntext\nmore\n",
            ">-\ntext\n",
            ">+\ntext\n\n",
            "|\n\nafter a blank line\n",
            ">\na\n\nb\n",
            ">\na\n  more\nb\n",
            "|2\n  two more\n",
            "|0\ntext\n",
            "|+2\n  x\n",
            "|-1\n x\n",
            "|10\nx\n",
            "| # comment\ntext\n",
            "|x\ntext\n",
            "|\n\ttab\n",
            "|\ntext\u{2028}more\n",
            ">\ntext\u{2028}more\n",
            "|\ntext\u{85}more\n",
            "|\na\u{1}b\n",
            "|\n",
        ],
    );
    add(
        "tagged",
        &[
            "!!str 1",
            "!!str yes",
            "!!str ~",
            "!!int \"1\"",
            "!!int 1.5",
            "!!int x",
            "!!int 0x10",
            "!!float 1",
            "!!float \"1e400\"",
            "!!float 0x10",
            "!!float .inf",
            "!!bool yes",
            "!!bool \"True\"",
            "!!bool 1",
            "!!null \"\"",
            "!!null x",
            "!!null ~",
            "!!timestamp 2001-12-14",
            "!!timestamp \"2001-12-14\"",
            "!!timestamp 12",
            "!!binary aGVsbG8=",
            "!!binary \"aGVsbG8\"",
            "!!binary gIGC",
            "!!binary |\naGVs\nbG8=\n",
            "!!seq x",
            "!!map x",
            "!!merge x",
            "!!foo 1",
            "!foo 1",
            "! 1",
            "!<tag:yaml.org,2002:int> 1",
            "!<tag:yaml.org,2002:str> 1",
            "!e!x 1",
            "!!str",
            "!!int",
            "&a 1",
            "&a !!int \"2\"",
            "!!int &a \"2\"",
            "!!str%20x 1",
            "!<> 1",
        ],
    );
    scalars
}

/// `text` as the value of a key at `column`: its later lines indented two
/// more.
fn under(text: &str, column: usize) -> String {
    let indent = " ".repeat(column + 2);
    let mut lines = text.split('\n');
    let mut out = lines.next().unwrap_or("").to_owned();
    for line in lines {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&indent);
            out.push_str(line);
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Whole streams: documents and separators, anchors, merges, duplicate
/// keys, tabs, BOMs, directives, flow collections, JSON.
fn streams() -> Vec<(&'static str, String)> {
    let cm = CONFIG_MAP;
    let with = |data: &str| format!("{cm}data:\n{data}");
    vec![
        ("two documents", format!("{cm}---\n{cm}")),
        ("leading separator", format!("---\n{cm}")),
        ("comment before separator", format!("# Source: a.yaml\n---\n{cm}")),
        ("separator with comment", format!("{cm}--- # next\n{cm}")),
        ("separator with spaces", format!("{cm}---   \n{cm}")),
        ("separator with text", format!("{cm}--- x\n{cm}")),
        ("separator with block scalar", format!("{cm}--- |\n  x\n")),
        ("separator with flow mapping", format!("{cm}--- {{a: 1}}\n")),
        ("four dashes", format!("{cm}----\n{cm}")),
        ("indented separator", format!("{cm} ---\n{cm}")),
        ("empty documents", format!("---\n---\n{cm}---\n---\n")),
        ("document end", format!("{cm}...\n")),
        ("document end then separator", format!("{cm}...\n---\n{cm}")),
        ("document end then text", format!("{cm}...\n{cm}")),
        ("document end then garbage", format!("{cm}...\n[unclosed\n")),
        ("document end alone", format!("{cm}---\n...\n")),
        ("document end with text", format!("{cm}... x\n")),
        ("crlf", format!("{cm}data:\n  k: v\n").replace('\n', "\r\n")),
        ("cr cr lf", format!("{cm}data:\n  k: v\r\r\n")),
        ("lone cr", format!("{cm}data:\r  k: v\n")),
        ("no final newline", format!("{cm}data:\n  k: v")),
        ("bom", format!("\u{feff}{cm}")),
        ("bom then separator", format!("\u{feff}---\n{cm}")),
        ("bom in second document", format!("{cm}---\n\u{feff}{cm}")),
        ("bom before separator", format!("{cm}\u{feff}---\n{cm}")),
        ("bom mid document", format!("{cm}\u{feff}data: {{}}\n")),
        ("bom in comment", format!("{cm}# a\u{feff}b\n")),
        ("control in comment", format!("{cm}# a\u{1}b\n")),
        ("c1 in comment", format!("{cm}# a\u{80}b\n")),
        ("nel in comment", format!("{cm}# a\u{85}data: {{k: v}}\n")),
        ("ls in comment", format!("{cm}# a\u{2028}data: {{k: v}}\n")),
        ("yaml directive", format!("%YAML 1.1\n---\n{cm}")),
        ("yaml 1.2 directive", format!("%YAML 1.2\n---\n{cm}")),
        ("tag directive", format!("%TAG !e! tag:e.com,2000:\n---\n{cm}")),
        ("directive in second document", format!("{cm}---\n%YAML 1.1\n{cm}")),
        ("directive after document end", format!("{cm}...\n%YAML 1.1\n")),
        ("anchor and alias", with("  a: &x v\n  b: *x\n")),
        ("alias to mapping", format!("{cm}data: &d\n  a: v\nbinaryData: *d\n")),
        ("alias unknown", with("  a: *nowhere\n")),
        ("alias before anchor", with("  a: *x\n  b: &x v\n")),
        ("anchor redefined", with("  a: &x one\n  b: &x two\n  c: *x\n")),
        ("anchor across documents", format!("{cm}data:\n  a: &x v\n---\n{cm}data:\n  b: *x\n")),
        ("anchor inside itself", format!("{cm}data: &d\n  a: *d\n")),
        ("anchor name with dot", with("  a: &x.y v\n")),
        ("anchor name with colon", with("  a: &x: v\n")),
        ("alias in flow", with("  a: &x v\n  b: [*x, *x]\n")),
        ("alias as key", with("  a: &x k\n  *x : v\n")),
        ("two anchors", with("  a: &x &y v\n")),
        ("merge", format!("{cm}base: &b {{a: one, b: two}}\ndata:\n  <<: *b\n  b: own\n")),
        ("merge after own key", format!("{cm}base: &b {{a: one}}\ndata:\n  a: own\n  <<: *b\n")),
        (
            "merge sequence",
            format!("{cm}x: &x {{a: x}}\ny: &y {{a: y, b: y}}\ndata:\n  <<: [*x, *y]\n"),
        ),
        ("merge inline", with("  <<: {a: one}\n  b: two\n")),
        ("merge scalar", with("  <<: x\n")),
        ("merge null", with("  <<:\n")),
        ("merge sequence of scalars", with("  <<: [x]\n")),
        ("merge alias to sequence", format!("{cm}s: &s [{{a: x}}]\ndata:\n  <<: *s\n")),
        ("merge quoted", with("  \"<<\": x\n")),
        ("merge tagged", with("  !!merge <<: {a: x}\n")),
        ("merge nested", format!("{cm}a: &a {{x: a}}\nb: &b {{<<: *a, y: b}}\ndata:\n  <<: *b\n")),
        ("merge value", with("  a: <<\n")),
        ("duplicate key", with("  a: one\n  a: two\n")),
        ("duplicate key flow", format!("{cm}data: {{a: one, a: two}}\n")),
        ("duplicate data", format!("{cm}data:\n  a: one\ndata:\n  b: two\n")),
        ("duplicate number key", with("  1: one\n  0x1: two\n")),
        ("overwritten nan", with("  a: .nan\n  a: ok\n")),
        ("overwritten null key", with("  a: {~: x}\n  a: ok\n")),
        ("null key", with("  ~: v\n")),
        ("empty key", with("  : v\n")),
        ("uint64 key", with("  18446744073709551615: v\n")),
        // Not `1e39`: its key and `.inf`'s are one in kubectl's map, which
        // then keeps either at random.
        ("float keys", with("  1.5: a\n  1e6: b\n  .inf: d\n  -0.0: e\n  0.1: f\n")),
        ("bool and int keys", with("  yes: a\n  off: b\n  0x10: c\n  -0b11: d\n")),
        ("nan in sequence", format!("{cm}data:\n  a: x\nlist: [.nan]\n")),
        ("nan as key", with("  .nan: v\n")),
        ("sequence key", with("  ? [a]\n  : v\n")),
        ("mapping key", with("  ? {a: b}\n  : v\n")),
        ("complex scalar key", with("  ? a\n  : v\n")),
        ("flow sequence key", format!("{cm}data: {{[a]: v}}\n")),
        ("tab indentation", format!("{cm}data:\n\tk: v\n")),
        ("tab after colon", with("  k:\tv\n")),
        ("tab before value", with("  k: \tv\n")),
        ("tab after value", with("  k: v\t\n")),
        ("tab before key", with(" \tk: v\n")),
        ("tab in flow", format!("{cm}data: {{\tk: v}}\n")),
        ("tab in flow continuation", format!("{cm}data: {{k: v,\n\tl: w}}\n")),
        ("tab in quoted continuation", with("  k: \"a\n\tb\"\n")),
        ("tab in plain continuation", with("  k: a\n\tb\n")),
        ("tab in plain continuation indented", with("  k: a\n    \tb\n")),
        ("flow mapping", format!("{cm}data: {{a: x, b: y}}\n")),
        ("flow without spaces", format!("{cm}data: {{a:1}}\n")),
        ("flow colon value", format!("{cm}data: {{a: :x}}\n")),
        ("flow question", format!("{cm}data: {{? a : x}}\n")),
        ("flow trailing comma", format!("{cm}data: {{a: x,}}\n")),
        ("flow double comma", format!("{cm}data: {{a: x,, b: y}}\n")),
        ("flow unclosed", format!("{cm}data: {{a: x\n")),
        ("flow multi-line", format!("{cm}data: {{a: x,\n  b: y}}\n")),
        ("flow less indented", format!("{cm}data: {{a: x,\nb: y}}\n")),
        ("flow pair in sequence", format!("{cm}data:\n  k: [a: b]\n")),
        ("flow empty key in sequence", format!("{cm}data:\n  k: [: b]\n")),
        ("flow tag at end", format!("{cm}data: {{a: !!str}}\n")),
        ("flow quoted then colon", format!("{cm}data: {{\"a\":x}}\n")),
        ("flow nested", format!("{cm}data: {{a: {{b: [c, {{d: e}}]}}}}\n")),
        ("flow at root", "{apiVersion: v1, kind: ConfigMap, metadata: {name: m}}\n".to_owned()),
        ("flow at root after comment", "# x\n{apiVersion: v1, kind: ConfigMap, metadata: {name: m}}\n".to_owned()),
        (
            "json",
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"m\"}, \
             \"data\": {\"a\": \"x\\/y\", \"b\": \"\\ud83d\\ude00\", \"c\": \"\\ud800\"}}\n"
                .to_owned(),
        ),
        (
            "json two objects",
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"m\"}}\n\
             {\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"n\"}}"
                .to_owned(),
        ),
        (
            "json duplicate key",
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"m\"}, \
             \"data\": {\"a\": \"x\", \"a\": \"y\"}}"
                .to_owned(),
        ),
        (
            "json number",
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"m\"}, \
             \"data\": {\"a\": 1e400}}"
                .to_owned(),
        ),
        (
            "json then yaml",
            format!("{{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {{\"name\": \"m\"}}}}\n---\n{cm}"),
        ),
        (
            "json control character",
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"m\u{1}\"}}"
                .to_owned(),
        ),
        ("block sequence", format!("{cm}list:\n- a\n- b\n")),
        ("block sequence indentless", format!("{cm}data:\n  k: v\nlist:\n- [a]\n- {{b: c}}\n")),
        ("nested sequences", format!("{cm}list:\n- - a\n  - b\n- - c\n")),
        ("sequence in mapping wrong", with("  k: - v\n")),
        ("mapping values not allowed", with("  k: a: b\n")),
        ("less indented key", with("  k: v\n l: w\n")),
        ("more indented key", with("  k: v\n   l: w\n")),
        ("plain continuation", with("  k: a\n    b\n")),
        ("plain continuation at key column", with("  k: a\n  b\n")),
        ("plain continuation blank line", with("  k: a\n\n    b\n")),
        ("plain with comment", with("  k: a # c\n")),
        ("quoted then comment without space", with("  k: \"a\"#c\n")),
        ("quoted then text", with("  k: \"a\" b\n")),
        ("long key", with(&format!("  {}: v\n", "k".repeat(1025)))),
        ("key at limit", with(&format!("  {}: v\n", "k".repeat(1000)))),
        ("multi-line key", with("  \"a\n  b\": v\n")),
        ("document marker in quoted", format!("{cm}data:\n  k: \"a\n...\n  b\"\n")),
        ("root scalar after mapping", format!("{cm}]\n")),
        ("unknown character", format!("{cm}@x\n")),
        ("deep flow", format!("{cm}data:\n  k: {}{}\n", "[".repeat(100), "]".repeat(100))),
        ("too deep flow", format!("{cm}data:\n  k: {}{}\n", "[".repeat(10_001), "]".repeat(10_001))),
        ("too deep block", format!("{cm}data:\n  k:\n{}x\n", "- ".repeat(10_001))),
        ("deep block", format!("{cm}data:\n  k:\n{}x\n", "- ".repeat(100))),
        ("root sequence", "- a\n- b\n".to_owned()),
        ("root scalar", "text\n".to_owned()),
        ("comment only", "# nothing\n".to_owned()),
        ("empty", String::new()),
        ("null document", format!("~\n---\n{cm}")),
        ("nel line break", format!("{cm}data:\u{85}  k: v\n")),
        ("ls line break", format!("{cm}data:\u{2028}  k: v\n")),
        ("ls in plain continuation", with("  k: a\u{2028}    b\n")),
        ("nel in plain continuation", with("  k: a\u{85}    b\n")),
        ("ls in plain value", with("  k: a\u{2028}b\n")),
        ("nel in plain value", with("  k: a\u{85}b\n")),
        ("ls in flow plain", format!("{cm}data: {{k: a\u{2028}b}}\n")),
        ("nel in flow plain", format!("{cm}data: {{k: a\u{85}b}}\n")),
        ("cr in plain", with("  k: a\rb\n")),
        ("crlf in quoted", with("  k: \"a\r\n    b\"\n")),
        ("crlf in block", with("  k: |\r\n    a\r\n    b\r\n")),
        ("complex key with value", with("  ? a\n  : v\n  ? b\n")),
        ("complex key in flow", format!("{cm}data: {{? a : v, ? b}}\n")),
        ("complex key in flow sequence", format!("{cm}list: [? a : v]\n")),
        ("empty flow collection as key", format!("{cm}data:\n  k: v\n[]: x\n")),
        ("anchor on key", with("  &k a: v\n  b: *k\n")),
        ("tag on mapping", format!("{cm}data: !!map\n  a: b\n")),
        ("str tag on mapping", format!("{cm}data: !!str\n  a: b\n")),
        ("tag on sequence", format!("{cm}list: !!seq [a]\n")),
        ("value on next line", with("  k:\n    v\n")),
        ("value on next line at key column", with("  k:\n  v\n")),
        ("empty value with comment", with("  k: # c\n")),
        ("key with spaces before colon", with("  k   : v\n")),
        ("sequence of mappings", format!("{cm}list:\n- a: 1\n  b: 2\n- c: 3\n")),
        ("flow sequence at column 0", format!("{cm}list: [a,\nb]\n")),
        ("flow value with colon space", format!("{cm}data: {{a: b: c}}\n")),
        ("quoted key then value below", with("  \"k\":\n    v\n")),
        ("long key in flow", format!("{cm}data: {{{}: v}}\n", "k".repeat(1025))),
        ("merge in sequence item", format!("{cm}b: &b {{a: x}}\nlist:\n- <<: *b\n  c: y\n")),
        ("aliases modest", {
            let items = vec!["*a"; 100].join(", ");
            format!("{cm}base: &a [a, b, c, d, e, f, g, h, i, j]\nlist: [{items}]\n")
        }),
        ("aliases excessive", {
            let mut text = format!("{cm}a0: &a0 [a, b, c, d, e, f, g, h, i, j]\n");
            for level in 1..5 {
                let items = vec![format!("*a{}", level - 1); 10].join(", ");
                text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
            }
            text
        }),
        ("control character after document end", format!("{cm}...\n# \u{1}\n")),
        (
            "control character long after document end",
            format!("{cm}...\n{}# \u{1}\n", "# filler\n".repeat(100)),
        ),
        ("bom at document end", format!("{cm}data: {{}}\n\u{feff}\n")),
        ("control character long after directive", format!("{cm}%YAML 1.1\n{}# \u{1}\n", "# filler\n".repeat(100))),
        ("control character long after error", format!("{cm}k: a: b\n{}# \u{1}\n", "# filler\n".repeat(100))),
        ("control character long before document end", format!("{cm}{}# \u{1}\n...\n", "# filler\n".repeat(100))),
        ("unknown directive after document", format!("{cm}%FOO\n")),
        ("directive with text after document", format!("{cm}%YAML 1.1 x\n")),
        ("directive without version after document", format!("{cm}%YAML\n")),
        ("directive with comment after document", format!("{cm}%YAML 1.1 # c\nignored\n")),
        ("yaml 1.2 directive after document", format!("{cm}%YAML 1.2\n")),
        ("long version after document", format!("{cm}%YAML 123.1\n")),
        ("version of three numbers after document", format!("{cm}%YAML 1.1.1\n")),
        ("directive name with a dot after document", format!("{cm}%YAML.1\n")),
        ("tag directive after document", format!("{cm}%TAG !a! tag:a.com,2000:\n")),
        ("tag directive without second bang after document", format!("{cm}%TAG !a x\n")),
        ("tag directive with text after document", format!("{cm}%TAG !a! x y\n")),
        ("tag directive with bad escape after document", format!("{cm}%TAG !a! %zz\n")),
        ("unknown directive in second document", format!("{cm}---\n%FOO\n{cm}")),
        ("yaml 1.2 directive in second document", format!("{cm}---\n%YAML 1.2\n{cm}")),
        (
            "directive then document after lone cr",
            format!("%YAML 1.1\r--- \r{}data: {{a: !!int \"1\"}}\n", cm.replace('\n', "\r")),
        ),
        (
            "tag directive then document after lone cr",
            format!("%TAG !e! tag:yaml.org,2002:\r--- \r{}data: {{a: !e!int 1, b: !e!str 2}}\n", cm.replace('\n', "\r")),
        ),
        (
            "tag directive for primary handle after lone cr",
            format!("%TAG ! tag:yaml.org,2002:\r--- \r{}data: {{a: !int 1, b: ! 2}}\n", cm.replace('\n', "\r")),
        ),
        (
            "tag directive for secondary handle after lone cr",
            format!("%TAG !! tag:e.com,2000:\r--- \r{}data: {{a: !!int 1}}\n", cm.replace('\n', "\r")),
        ),
        ("undefined tag handle", format!("{cm}data: {{a: !e!int 1}}\n")),
        ("duplicate yaml directive after lone cr", format!("%YAML 1.1\r%YAML 1.1\r--- \r{cm}")),
        ("duplicate tag directive after lone cr", format!("%TAG !a! x\r%TAG !a! y\r--- \r{cm}")),
        ("yaml 1.2 directive after lone cr", format!("%YAML 1.2\r--- \r{cm}")),
        ("directive then document after nel", format!("%YAML 1.1\u{85}--- \u{85}{cm}")),
        ("sequence document after object", format!("{cm}---\n- a\n")),
        ("string document", "\"text\"\n".to_owned()),
        ("number document", "1\n".to_owned()),
        ("boolean document", "yes\n".to_owned()),
        ("empty string document", "''\n".to_owned()),
        ("null documents", "~\n---\nnull\n---\n!!null x\n".to_owned()),
        ("json sequence after object", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"m\"}}\n[1]\n".to_owned()),
        ("json null after object", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"m\"}}\nnull\n".to_owned()),
        // kubectl keeps a separator that starts a part in it: go-yaml
        // counts it among the lines, and reads it as the document's start,
        // so that a `...` or a directive after it ends the part's only
        // document, and what follows is never read.
        ("separator then error", format!("---\n{cm}data:\n  k: a: b\n")),
        ("separator then document end", format!("---\n...\n{cm}")),
        ("separator then directive", format!("---\n%YAML 1.1\n{cm}")),
        ("separator then unknown directive", format!("---\n%FOO\n{cm}")),
        ("separator then directive and separator", format!("---\n%YAML 1.1\n---\n{cm}")),
        ("separator then document end then directive", format!("---\n...\n%YAML 1.1\n---\n{cm}")),
        ("two separators then error", format!("---\n---\n{cm}data: {{a: [}}\n")),
        ("separator after comment then error", format!("# c\n---\n{cm}data: {{a: [}}\n")),
        ("separator after document then document end", format!("{cm}---\n...\n{cm}")),
        // Parser errors, which go-yaml counts from line 0.
        ("duplicate yaml directive", format!("%YAML 1.1\n%YAML 1.1\n---\n{cm}")),
        ("duplicate yaml directive in second document", format!("{cm}---\n%YAML 1.1\n%YAML 1.1\n---\n{cm}")),
        ("duplicate tag directive in second document", format!("{cm}---\n%TAG !a! x\n%TAG !a! y\n---\n{cm}")),
        ("yaml 1.2 directive in third line", format!("# c\n# c\n%YAML 1.2\n---\n{cm}")),
        // go-yaml ends a last line without a line break with one of its
        // own: its line is one past the stream's.
        ("bom at end without line break", format!("{cm}\u{feff}")),
        ("unclosed flow at end without line break", format!("{cm}data: {{a: [b")),
    ]
}

/// Streams that go-yaml stops reading near the end of the first 512
/// bytes its reader decodes (a document ends, or is wrong), with a control
/// character at byte 512 or just after: go-yaml refuses the character when
/// its scanner asks for a character of that block, and only then.
fn block_ends() -> Vec<(String, String)> {
    // What stops go-yaml, and how many characters past it it asks for.
    let stops = [
        ("document end", "...\n", 0),
        ("mapping value error", "k: a: b\n", 0),
        ("directive", "%YAML 1.1\n", 1),
        ("document start after a lone cr", "k: v\r---\n", 0),
        ("character that starts no token", "k: @", 3),
        ("unknown escape", "k: \"\\/", 2),
        ("short escape", "k: \"\\u0g", 2),
    ];
    let mut streams = Vec::new();
    for (what, stop, past) in stops {
        for asked in 511..=513 {
            for bom in [false, true] {
                // The part of the stream go-yaml reads; the second, after a
                // BOM, which counts among its bytes.
                let head = if bom {
                    format!("\u{feff}{CONFIG_MAP}")
                } else {
                    CONFIG_MAP.to_owned()
                };
                let pad = asked - past - stop.len() - head.len() - 2;
                let mut part = format!("{head}#{}\n{stop}#", " ".repeat(pad));
                while part.len() < 512 {
                    part.push(' ');
                }
                part.push_str("\u{1}\n");
                let (yaml, after) = if bom {
                    (format!("{CONFIG_MAP}---\n{part}"), " after a BOM")
                } else {
                    (part, "")
                };
                streams.push((format!("{what}, {asked} bytes asked for{after}"), yaml));
            }
        }
    }
    streams
}

/// Every case.
pub(super) fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for (kind, text) in scalars() {
        let label = format!("{kind} {text:?}");
        cases.push((
            format!("data value: {label}"),
            format!("{CONFIG_MAP}data:\n  k: {}", under(&text, 2)),
        ));
        cases.push((
            format!("env value: {label}"),
            format!("{POD}      value: {}", under(&text, 6)),
        ));
        if !text.contains('\n') && !text.starts_with(['|', '>']) {
            cases.push((
                format!("data key: {label}"),
                format!("{CONFIG_MAP}data:\n  {text}: v\n"),
            ));
        }
    }
    for (name, yaml) in streams() {
        cases.push((format!("stream: {name}"), yaml));
    }
    for (name, yaml) in block_ends() {
        cases.push((format!("block end: {name}"), yaml));
    }
    let mut cases: Vec<Case> = cases
        .into_iter()
        .map(|(name, yaml)| Case {
            name,
            yaml,
            bytes: None,
        })
        .collect();
    for (name, bytes) in encoded() {
        cases.push(Case {
            name: format!("encoding: {name}"),
            yaml: String::new(),
            bytes: Some(bytes),
        });
    }
    cases
}

/// Files that are no UTF-8 text: kubectl decodes UTF-16 after its byte
/// order mark, and reads bytes that are not UTF-8 as U+FFFD.
fn encoded() -> Vec<(&'static str, Vec<u8>)> {
    let cm = format!("{CONFIG_MAP}data:\n  k: caf\u{e9}\n");
    let pod = format!("{POD}      value: caf\u{e9}\n");
    let le = |text: &str| -> Vec<u8> {
        let units = text.encode_utf16().flat_map(u16::to_le_bytes);
        [0xff, 0xfe].into_iter().chain(units).collect()
    };
    let be = |text: &str| -> Vec<u8> {
        let units = text.encode_utf16().flat_map(u16::to_be_bytes);
        [0xfe, 0xff].into_iter().chain(units).collect()
    };
    let utf8 = |text: &str, from: &[u8], to: &[u8]| -> Vec<u8> {
        let bytes = text.as_bytes();
        let at = bytes
            .windows(from.len())
            .position(|window| window == from)
            .expect("the text holds it");
        [&bytes[..at], to, &bytes[at + from.len()..]].concat()
    };
    let e9 = "\u{e9}".as_bytes();
    let cut = |text: &str| text.strip_suffix('\n').unwrap_or(text).to_owned();
    vec![
        ("utf-16le", le(&cm)),
        ("utf-16be", be(&cm)),
        ("utf-16le env value", le(&pod)),
        ("utf-16le crlf", le(&cm.replace('\n', "\r\n"))),
        (
            "utf-16le json",
            le(
                "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"m\"}}",
            ),
        ),
        ("utf-16le two documents", le(&format!("{cm}---\n{cm}"))),
        ("utf-16le then utf-8 bom", le(&format!("\u{feff}{cm}"))),
        ("utf-16le without bom", le(&cm)[2..].to_vec()),
        ("utf-16le odd last byte", [le(&cm), vec![b'A']].concat()),
        ("utf-16le pair", le(&format!("{}\u{1f600}\n", cut(&cm)))),
        (
            "utf-16le lone leading surrogate",
            [le(&cut(&cm)), vec![0x00, 0xd8, b'x', 0, b'\n', 0]].concat(),
        ),
        (
            "utf-16le lone trailing surrogate",
            [le(&cut(&cm)), vec![0x00, 0xdc, b'x', 0, b'\n', 0]].concat(),
        ),
        (
            "utf-16le two trailing surrogates",
            [le(&cut(&cm)), vec![0x00, 0xdc, 0x00, 0xdc, b'\n', 0]].concat(),
        ),
        (
            "utf-16le leading surrogate at end",
            [le(&cut(&cm)), vec![0x00, 0xd8]].concat(),
        ),
        ("utf-16be nul", be(&format!("{}\0\n", cut(&cm)))),
        (
            "utf-16le bom in second document",
            [cm.as_bytes(), b"---\n", &le(&cm)].concat(),
        ),
        (
            "two utf-8 boms",
            [b"\xef\xbb\xbf\xef\xbb\xbf", cm.as_bytes()].concat(),
        ),
        ("latin-1 value", utf8(&cm, e9, b"\xe9")),
        ("latin-1 env value", utf8(&pod, e9, b"\xe9")),
        (
            "latin-1 in comment",
            [cm.as_bytes(), b"# caf\xe9\n"].concat(),
        ),
        ("latin-1 in key", utf8(&cm, b"  k:", b"  k\xe9:")),
        ("latin-1 in double quotes", utf8(&cm, e9, b"\"\xe9\"")),
        (
            "latin-1 before the stream",
            [b"\xe9", cm.as_bytes()].concat(),
        ),
        ("truncated sequence", utf8(&cm, e9, b"\xe2\x82x")),
        (
            "truncated sequence at end",
            [cut(&cm).as_bytes(), b"\xe2\x82"].concat(),
        ),
        ("surrogate in utf-8", utf8(&cm, e9, b"\xed\xa0\x80")),
        ("overlong", utf8(&cm, e9, b"\xc0\xaf")),
        ("past U+10FFFF", utf8(&cm, e9, b"\xf4\x90\x80\x80")),
        ("byte f5", utf8(&cm, e9, b"\xf5\x80\x80\x80")),
    ]
}
