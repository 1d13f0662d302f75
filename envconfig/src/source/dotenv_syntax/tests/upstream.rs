//! dotenvy 0.15.7's own tests, as one table: each row names the upstream
//! test (`src/parse.rs` and its modules, `tests/*.rs`) and gives its file,
//! the environment it sets (passed here as `outside`, never set), and the
//! entries the parser must make of it.
//!
//! dotenvy's tests load the file into the environment, where which of two
//! lines of one name wins (the first for `dotenv()`, the last for the
//! `_override` loaders) and that the real environment wins are the
//! loader's policy: the parser gives every entry, and the rows say so.

use super::*;

/// What the parser must make of an entry.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    Set(String, String),
    Malformed(&'static str),
}

fn set(name: &str, value: &str) -> Expect {
    Expect::Set(name.to_owned(), value.to_owned())
}

struct Row {
    upstream: &'static str,
    file: String,
    /// What the upstream test sets in the environment.
    outside: &'static [(&'static str, &'static str)],
    expected: Vec<Expect>,
}

fn row(upstream: &'static str, file: &str, expected: Vec<Expect>) -> Row {
    Row {
        upstream,
        file: file.to_owned(),
        outside: &[],
        expected,
    }
}

fn rows() -> Vec<Row> {
    let make_test_dotenv = "TESTKEY=test_val\nTESTKEY=test_val_overridden\nEXISTING=from_file";
    let substitutions = [
        "$ZZZ", "$KEY", "$KEY1", "${KEY}1", "$KEY_U", "${KEY_U}", "\\$KEY",
    ]
    .join(">>");
    let multiline_value = "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\\n\\\"QUOTED\\\"";
    vec![
        // src/parse.rs, mod test. Five spaces after `KEY8=`.
        row(
            "parse.rs test::test_parse_line_env",
            "\nKEY=1\nKEY2=\"2\"\nKEY3='3'\nKEY4='fo ur'\nKEY5=\"fi ve\"\nKEY6=s\\ ix\nKEY7=\n\
             KEY8=     \nKEY9=   # foo\nKEY10  =\"whitespace before =\"\n\
             KEY11=    \"whitespace after =\"\nexport=\"export as key\"\nexport   SHELL_LOVER=1\n",
            vec![
                set("KEY", "1"),
                set("KEY2", "2"),
                set("KEY3", "3"),
                set("KEY4", "fo ur"),
                set("KEY5", "fi ve"),
                set("KEY6", "s ix"),
                set("KEY7", ""),
                set("KEY8", ""),
                set("KEY9", ""),
                set("KEY10", "whitespace before ="),
                set("KEY11", "whitespace after ="),
                set("export", "export as key"),
                set("SHELL_LOVER", "1"),
            ],
        ),
        row(
            "parse.rs test::test_parse_line_comment",
            "\n# foo=bar\n#    ",
            vec![],
        ),
        // Four spaces after `invalid`.
        row(
            "parse.rs test::test_parse_line_invalid",
            "\n  invalid    \nvery bacon = yes indeed\n=value",
            vec![
                Expect::Malformed(NO_EQUALS),
                Expect::Malformed(TEXT_BEFORE_EQUALS),
                Expect::Malformed(NO_NAME),
            ],
        ),
        row(
            "parse.rs test::test_parse_value_escapes",
            r#"
KEY=my\ cool\ value
KEY2=\$sweet
KEY3="awesome stuff \"mang\""
KEY4='sweet $\fgs'\''fds'
KEY5="'\"yay\\"\ "stuff"
KEY6="lol" #well you see when I say lol wh
KEY7="line 1\nline 2"
"#,
            vec![
                set("KEY", "my cool value"),
                set("KEY2", "$sweet"),
                set("KEY3", r#"awesome stuff "mang""#),
                set("KEY4", r"sweet $\fgs'fds"),
                set("KEY5", r#"'"yay\ stuff"#),
                set("KEY6", "lol"),
                set("KEY7", "line 1\nline 2"),
            ],
        ),
        // `KEY2="why` opens a quote that the rest of the file never closes.
        row(
            "parse.rs test::test_parse_value_escapes_invalid",
            "\nKEY=my uncool value\nKEY2=\"why\nKEY3='please stop''\nKEY4=h\\8u\n",
            vec![
                Expect::Malformed(SPACE_IN_UNQUOTED_VALUE),
                Expect::Malformed(UNCLOSED_QUOTE_AT_END),
            ],
        ),
        // src/parse.rs, mod variable_substitution_tests.
        row(
            "parse.rs variable_substitution_tests::variable_in_parenthesis_surrounded_by_quotes",
            "\n            KEY=test\n            KEY1=\"${KEY}\"\n            ",
            vec![set("KEY", "test"), set("KEY1", "test")],
        ),
        row(
            "parse.rs variable_substitution_tests::substitute_undefined_variables_to_empty_string",
            r#"KEY=">$KEY1<>${KEY2}<""#,
            vec![set("KEY", "><><")],
        ),
        row(
            "parse.rs variable_substitution_tests::do_not_substitute_variables_with_dollar_escaped",
            "KEY=>\\$KEY1<>\\${KEY2}<",
            vec![set("KEY", ">$KEY1<>${KEY2}<")],
        ),
        row(
            "parse.rs variable_substitution_tests::\
             do_not_substitute_variables_in_weak_quotes_with_dollar_escaped",
            r#"KEY=">\$KEY1<>\${KEY2}<""#,
            vec![set("KEY", ">$KEY1<>${KEY2}<")],
        ),
        row(
            "parse.rs variable_substitution_tests::do_not_substitute_variables_in_strong_quotes",
            "KEY='>${KEY1}<>$KEY2<'",
            vec![set("KEY", ">${KEY1}<>$KEY2<")],
        ),
        row(
            "parse.rs variable_substitution_tests::same_variable_reused",
            "\n    KEY=VALUE\n    KEY1=$KEY$KEY\n    ",
            vec![set("KEY", "VALUE"), set("KEY1", "VALUEVALUE")],
        ),
        row(
            "parse.rs variable_substitution_tests::with_dot",
            "\n    KEY.Value=VALUE\n    ",
            vec![set("KEY.Value", "VALUE")],
        ),
        row(
            "parse.rs variable_substitution_tests::recursive_substitution",
            "\n            KEY=${KEY1}+KEY_VALUE\n            KEY1=${KEY}+KEY1_VALUE\n            ",
            vec![
                set("KEY", "+KEY_VALUE"),
                set("KEY1", "+KEY_VALUE+KEY1_VALUE"),
            ],
        ),
        row(
            "parse.rs variable_substitution_tests::\
             variable_without_parenthesis_is_substituted_before_separators",
            "\n            KEY1=test_user\n            KEY1_1=test_user_with_separator\n            \
             KEY=\">$KEY1_1<>$KEY1}<>$KEY1{<\"\n            ",
            vec![
                set("KEY1", "test_user"),
                set("KEY1_1", "test_user_with_separator"),
                set("KEY", ">test_user_1<>test_user}<>test_user{<"),
            ],
        ),
        Row {
            upstream: "parse.rs variable_substitution_tests::substitute_variable_from_env_variable",
            file: r#"KEY=">${KEY11}<""#.to_owned(),
            outside: &[("KEY11", "test_user_env")],
            expected: vec![set("KEY", ">test_user_env<")],
        },
        Row {
            upstream: "parse.rs variable_substitution_tests::\
                       substitute_variable_env_variable_overrides_dotenv_in_substitution",
            file: "\n    KEY11=test_user\n    KEY=\">${KEY11}<\"\n    ".to_owned(),
            outside: &[("KEY11", "test_user_env")],
            expected: vec![set("KEY11", "test_user"), set("KEY", ">test_user_env<")],
        },
        row(
            "parse.rs variable_substitution_tests::consequent_substitutions",
            "\n    KEY1=test_user\n    KEY2=$KEY1_2\n    KEY=>${KEY1}<>${KEY2}<\n    ",
            vec![
                set("KEY1", "test_user"),
                set("KEY2", "test_user_2"),
                set("KEY", ">test_user<>test_user_2<"),
            ],
        ),
        row(
            "parse.rs variable_substitution_tests::consequent_substitutions_with_one_missing",
            "\n    KEY2=$KEY1_2\n    KEY=>${KEY1}<>${KEY2}<\n    ",
            vec![set("KEY2", "_2"), set("KEY", "><>_2<")],
        ),
        // src/parse.rs, mod error_tests.
        row(
            "parse.rs error_tests::should_not_parse_unfinished_substitutions",
            "\n    KEY=VALUE\n    KEY1=>${KEY{<\n    ",
            vec![set("KEY", "VALUE"), Expect::Malformed(UNCLOSED_BRACE)],
        ),
        row(
            "parse.rs error_tests::should_not_allow_dot_as_first_character_of_key",
            ".Key=VALUE",
            vec![Expect::Malformed(NAME_START)],
        ),
        row(
            "parse.rs error_tests::should_not_parse_illegal_format",
            "<><><>",
            vec![Expect::Malformed(NAME_START)],
        ),
        row(
            "parse.rs error_tests::should_not_parse_illegal_escape",
            "VALUE=>\\f<",
            vec![Expect::Malformed(UNQUOTED_ESCAPE)],
        ),
        // tests/: each loads `make_test_dotenv`'s file with `EXISTING` set
        // in the environment, which the file's own entry does not read.
        Row {
            upstream: "tests/common make_test_dotenv, for test-child-dir test_child_dir, \
                       test-default-location(-override), test-dotenv-iter, \
                       test-from-filename(-iter, -override), test-from-path(-iter, -override), \
                       test-from-read(-override), test-var, test-vars",
            file: make_test_dotenv.to_owned(),
            outside: &[("EXISTING", "from_env")],
            expected: vec![
                set("TESTKEY", "test_val"),
                set("TESTKEY", "test_val_overridden"),
                set("EXISTING", "from_file"),
            ],
        },
        row(
            "tests/test-ignore-bom.rs test_ignore_bom",
            "\u{feff}TESTKEY=test_val",
            vec![set("TESTKEY", "test_val")],
        ),
        row(
            "tests/test-multiline-comment.rs test_issue_12",
            r#"
# Start of .env file
# Comment line with single ' quote
# Comment line with double " quote
 # Comment line with double " quote and starts with a space
TESTKEY1=test_val # 1 '" comment
TESTKEY2=test_val_with_#_hash # 2 '" comment
TESTKEY3="test_val quoted with # hash" # 3 '" comment
TESTKEY4="Line 1
# Line 2
Line 3" # 4 Multiline "' comment
TESTKEY5="Line 4
# Line 5
Line 6
" # 5 Multiline "' comment
# End of .env file
"#,
            vec![
                set("TESTKEY1", "test_val"),
                set("TESTKEY2", "test_val_with_#_hash"),
                set("TESTKEY3", "test_val quoted with # hash"),
                set("TESTKEY4", "Line 1\n# Line 2\nLine 3"),
                set("TESTKEY5", "Line 4\n# Line 5\nLine 6\n"),
            ],
        ),
        row(
            "tests/test-multiline.rs test_multiline",
            &format!(
                r#"
KEY=my\ cool\ value
KEY3="awesome \"stuff\"
more
on other
lines"
KEY4='hello '\''world'"
good ' \'morning"
WEAK="{multiline_value}"
STRONG='{multiline_value}'
"#
            ),
            vec![
                set("KEY", "my cool value"),
                set("KEY3", "awesome \"stuff\"\nmore\non other\nlines"),
                set("KEY4", "hello 'world\ngood ' 'morning"),
                set(
                    "WEAK",
                    "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n\"QUOTED\"",
                ),
                set("STRONG", multiline_value),
            ],
        ),
        // `KEY1` of the file is an entry all the same; the environment's
        // value is what `$KEY1` expands to.
        Row {
            upstream: "tests/test-variable-substitution.rs test_variable_substitutions",
            file: format!(
                "\nKEY1=new_value1\nKEY_U=$KEY+valueU\n\n\
                 SUBSTITUTION_FOR_STRONG_QUOTES='{substitutions}'\n\
                 SUBSTITUTION_FOR_WEAK_QUOTES=\"{substitutions}\"\n\
                 SUBSTITUTION_WITHOUT_QUOTES={substitutions}\n"
            ),
            outside: &[("KEY", "value"), ("KEY1", "value1")],
            expected: {
                let expanded = [
                    "",
                    "value",
                    "value1",
                    "value1",
                    "value_U",
                    "value+valueU",
                    "$KEY",
                ]
                .join(">>");
                vec![
                    set("KEY1", "new_value1"),
                    set("KEY_U", "value+valueU"),
                    set("SUBSTITUTION_FOR_STRONG_QUOTES", &substitutions),
                    set("SUBSTITUTION_FOR_WEAK_QUOTES", &expanded),
                    set("SUBSTITUTION_WITHOUT_QUOTES", &expanded),
                ]
            },
        },
    ]
}

#[test]
fn dotenvy_upstream_tests() {
    for row in rows() {
        let outside = |name: &str| {
            (row.outside.iter())
                .find(|(set, _)| *set == name)
                .map(|(_, value)| Zeroizing::new((*value).to_owned()))
        };
        let entries = parse(row.file.as_bytes(), &outside).expect("within the budget");
        let made: Vec<Expect> = (entries.iter())
            .map(|entry| match (&entry.value, entry.name) {
                (Ok(value), Some(name)) => set(name, value),
                (Ok(_), None) => panic!("{}: a value with no name", row.upstream),
                (Err(reason), _) => Expect::Malformed(reason),
            })
            .collect();
        assert_eq!(made, row.expected, "{}", row.upstream);
        // The rows that set nothing in the environment are dotenvy's
        // answers too: the table is checked against dotenvy itself.
        if row.outside.is_empty() {
            let items = dotenvy_items(row.file.as_bytes());
            let answered: Vec<Expect> = (items.into_iter())
                .zip(&row.expected)
                .map(|(item, expected)| match (item, expected) {
                    (Item::Pair(name, value), _) => Expect::Set(name, value),
                    (_, Expect::Malformed(reason)) => Expect::Malformed(reason),
                    (other, _) => panic!("{}: dotenvy {other:?}", row.upstream),
                })
                .collect();
            assert_eq!(answered, row.expected, "{} (dotenvy)", row.upstream);
            agrees_with_dotenvy(row.file.as_bytes()).unwrap();
        }
    }
}
