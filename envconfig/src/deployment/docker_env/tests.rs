//! The grammar of `docker run --env-file`: docker/cli's own test cases,
//! then the answers of the real tool (docker 28.2.2) on further files.

use proptest::collection::vec;
use proptest::sample::select;
use proptest::strategy::Strategy;
use proptest::test_runner::TestCaseError;

use super::reason::*;
use super::*;

/// What the parser made of a line.
#[derive(Debug, PartialEq, Eq)]
enum Made {
    Set(usize, String, String),
    FromShell(usize, String),
    Refused(usize, Option<String>, &'static str),
}

fn made(bytes: &[u8]) -> Vec<Made> {
    let made = |entry: DockerEntry<'_>| {
        let name = entry.name.map(str::to_owned);
        match (entry.value, name) {
            (Ok(DockerValue::Literal(value)), Some(name)) => {
                Made::Set(entry.line, name, value.as_str().to_owned())
            }
            (Ok(DockerValue::FromDeployingShell), Some(name)) => Made::FromShell(entry.line, name),
            (Ok(_), None) => panic!("a value with no name at line {}", entry.line),
            (Err(reason), name) => Made::Refused(entry.line, name, reason),
        }
    };
    parse(bytes).into_iter().map(made).collect()
}

fn set(line: usize, name: &str, value: &str) -> Made {
    Made::Set(line, name.to_owned(), value.to_owned())
}

fn from_shell(line: usize, name: &str) -> Made {
    Made::FromShell(line, name.to_owned())
}

fn refused(line: usize, name: Option<&str>, reason: &'static str) -> Made {
    Made::Refused(line, name.map(str::to_owned), reason)
}

/// docker/cli's tests of its parser (`pkg/kvfile/kvfile_test.go`, and
/// `opts/envfile_test.go` before it), by name. docker stops at the first
/// refused line; the parser reports each. The lookup function of the
/// upstream tests is the caller's: a bare name is `FromShell` here. The
/// tests of a file that does not exist are the reader's, not the grammar's.
#[test]
fn docker_cli_tests() {
    let good_file = "foo=bar\n    baz=quux\n# comment\n\n_foobar=foobaz\nwith.dots=working\n\
                     and_underscore=working too\n\n    \t  ";
    let with_lookup = "# comment=\nVAR=VAR_VALUE\nEMPTY_VAR=\nUNDEFINED_VAR\nDEFINED_VAR\n";
    let line_too_long = format!("foo={}", "a".repeat(64 * 1024 + 42));
    let cases: Vec<(&str, &str, Vec<Made>)> = vec![
        (
            "kvfile_test.go TestParseFromReaderGoodFile (opts TestParseEnvFileGoodFile)",
            good_file,
            vec![
                set(1, "foo", "bar"),
                set(2, "baz", "quux"),
                set(5, "_foobar", "foobaz"),
                set(6, "with.dots", "working"),
                set(7, "and_underscore", "working too"),
            ],
        ),
        (
            "kvfile_test.go TestParseFromReaderEmptyFile (opts TestParseEnvFileEmptyFile)",
            "",
            vec![],
        ),
        (
            "kvfile_test.go TestParseFromReaderBadlyFormattedFile \
             (opts TestParseEnvFileBadlyFormattedFile)",
            "foo=bar\n    f   =quux\n",
            vec![set(1, "foo", "bar"), refused(2, None, BLANK_IN_NAME)],
        ),
        (
            "kvfile_test.go TestParseFromReaderLineTooLongFile \
             (opts TestParseEnvFileLineTooLongFile)",
            &line_too_long,
            vec![refused(1, Some("foo"), TOO_LONG)],
        ),
        (
            "kvfile_test.go TestParseFromReaderRandomFile (opts TestParseEnvFileRandomFile)",
            "first line\nanother invalid line",
            vec![
                refused(1, None, BLANK_IN_NAME),
                refused(2, None, BLANK_IN_NAME),
            ],
        ),
        (
            "kvfile_test.go TestParseFromReaderWithLookup, TestParseWithLookup",
            with_lookup,
            vec![
                set(2, "VAR", "VAR_VALUE"),
                set(3, "EMPTY_VAR", ""),
                from_shell(4, "UNDEFINED_VAR"),
                from_shell(5, "DEFINED_VAR"),
            ],
        ),
        (
            "opts/envfile_test.go TestParseEnvVariableDefinitionsFile",
            "# comment=\nUNDEFINED_VAR\nDEFINED_VAR\n",
            vec![from_shell(2, "UNDEFINED_VAR"), from_shell(3, "DEFINED_VAR")],
        ),
        (
            "kvfile_test.go TestParseFromReaderWithNoName (opts TestParseEnvVariableWithNoNameFile)",
            "# comment=\n=blank variable names are an error case\n",
            vec![refused(2, None, NO_NAME)],
        ),
    ];
    for (upstream, file, expected) in cases {
        assert_eq!(made(file.as_bytes()), expected, "{upstream}");
    }
}

/// What docker 28.2.2 did with each file: the environment it sent for the
/// container (its `Env`, with `DEFINED_VAR=defined-value` in the shell that
/// ran it), or the line where it refused the file. Recorded by running
/// `docker run --env-file FILE` against a stand-in daemon on a local socket
/// that kept each container-create request.
enum Answer {
    Sent(Vec<String>),
    RefusedAt(usize, &'static str),
}

fn sent(environment: &[&str]) -> Answer {
    Answer::Sent(environment.iter().map(|pair| (*pair).to_owned()).collect())
}

fn recorded() -> Vec<(&'static str, Vec<u8>, Answer)> {
    use Answer::RefusedAt;
    // `A=xx...` whose line, its `\r` and the mark included, is `length`
    // bytes; and the value docker sent for it.
    let long = |length: usize, start: &[u8], end: &[u8]| {
        let mut file = start.to_vec();
        file.extend(b"A=");
        let carriage_return = usize::from(end.starts_with(b"\r"));
        file.resize(length - carriage_return, b'x');
        let value = "x".repeat(file.len() - start.len() - 2);
        file.extend(end);
        (file, format!("A={value}"))
    };
    let (long_newline, long_newline_sent) = long(65535, b"", b"\nB=1\n");
    let (long_end, long_end_sent) = long(65535, b"", b"");
    let (long_crlf, long_crlf_sent) = long(65535, b"", b"\r\nB=1\n");
    let (long_bom, long_bom_sent) = long(65535, b"\xef\xbb\xbf", b"\n");
    let literal = b"Q=\"x y\"\nS='a'\nE=$HOME\nF=${HOME}\nC=a # not a comment\nT=  spaced  \n\
                    U=a=b=c\nV=\\n\\t\n";
    vec![
        (
            "bom",
            b"\xef\xbb\xbfA=1\n\xef\xbb\xbfB=2\n".to_vec(),
            sent(&["A=1", "\u{feff}B=2"]),
        ),
        ("only a bom", b"\xef\xbb\xbf".to_vec(), sent(&[])),
        (
            "quotes, $ and # are text",
            literal.to_vec(),
            sent(&[
                "Q=\"x y\"",
                "S='a'",
                "E=$HOME",
                "F=${HOME}",
                "C=a # not a comment",
                "T=  spaced  ",
                "U=a=b=c",
                "V=\\n\\t",
            ]),
        ),
        (
            "one \\r before the line end",
            b"A=1\r\nB=2\r\r\nC=3\rD=4\r".to_vec(),
            sent(&["A=1", "B=2\r", "C=3\rD=4"]),
        ),
        (
            "leading blanks of any kind, comments",
            b"\t# comment\n \xc2\xa0A=1\nA\xc2\xa0B=2\n\x0b\x0cC=3\n\r\n\r\r\n#\n  #x=1\nD=1#c\n"
                .to_vec(),
            sent(&["A=1", "A\u{a0}B=2", "C=3", "D=1#c"]),
        ),
        (
            "a lone \\r is blank",
            b"A=1\n\rB=2\n".to_vec(),
            sent(&["A=1", "B=2"]),
        ),
        ("trailing newlines", b"A=1\n\n\n".to_vec(), sent(&["A=1"])),
        (
            "names docker takes",
            b"1A=1\nA-B=2\nA.B=3\n\xc3\xa9=4\nA\x0bB=5\n".to_vec(),
            sent(&["1A=1", "A-B=2", "A.B=3", "é=4", "A\u{b}B=5"]),
        ),
        ("a blank after =", b"A= 1\n".to_vec(), sent(&["A= 1"])),
        (
            "text beyond ASCII",
            "A=\u{1f600} \u{2028}x\n".as_bytes().to_vec(),
            sent(&["A=\u{1f600} \u{2028}x"]),
        ),
        ("a bare name unset", b"UNDEFINED_Q7\n".to_vec(), sent(&[])),
        // Below a line that sets it: left out when the shell lacks it, so
        // the line above stands; sent after it when the shell has it.
        (
            "a bare name unset below its line",
            b"UNDEFINED_VAR=a\nUNDEFINED_VAR\n".to_vec(),
            sent(&["UNDEFINED_VAR=a"]),
        ),
        (
            "a bare name set below its line",
            b"DEFINED_VAR=a\nDEFINED_VAR\n".to_vec(),
            sent(&["DEFINED_VAR=a", "DEFINED_VAR=defined-value"]),
        ),
        (
            "a bare name set",
            b"DEFINED_VAR\n".to_vec(),
            sent(&["DEFINED_VAR=defined-value"]),
        ),
        // The name is `DEFINED_VAR\v`, which the shell does not have.
        (
            "a bare name and a \\v",
            b"DEFINED_VAR\x0b\n".to_vec(),
            sent(&[]),
        ),
        (
            "a bare name and a space",
            b"DEFINED_VAR \n".to_vec(),
            RefusedAt(1, BLANK_IN_NAME),
        ),
        (
            "export",
            b"export A=4\n".to_vec(),
            RefusedAt(1, BLANK_IN_NAME),
        ),
        (
            "a space before =",
            b"A =1\n".to_vec(),
            RefusedAt(1, BLANK_IN_NAME),
        ),
        (
            "a tab in the name",
            b"A\tB=1\n".to_vec(),
            RefusedAt(1, BLANK_IN_NAME),
        ),
        (
            "a # after a blank",
            b"A #=1\n".to_vec(),
            RefusedAt(1, BLANK_IN_NAME),
        ),
        ("= alone", b"=\n".to_vec(), RefusedAt(1, NO_NAME)),
        (
            "not UTF-8",
            b"A=1\nB=caf\xe9\nC=3\n".to_vec(),
            RefusedAt(2, NOT_UTF8),
        ),
        (
            "a comment not UTF-8",
            b"# caf\xe9\nA=1\n".to_vec(),
            RefusedAt(1, NOT_UTF8),
        ),
        (
            "a surrogate",
            b"A=\xed\xa0\x80\n".to_vec(),
            RefusedAt(1, NOT_UTF8),
        ),
        (
            "65,535 bytes and \\n",
            long_newline,
            sent(&[&long_newline_sent, "B=1"]),
        ),
        (
            "65,536 bytes and \\n",
            long(65536, b"", b"\nB=1\n").0,
            RefusedAt(1, TOO_LONG),
        ),
        ("65,535 bytes at the end", long_end, sent(&[&long_end_sent])),
        (
            "65,536 bytes at the end",
            long(65536, b"", b"").0,
            RefusedAt(1, TOO_LONG),
        ),
        (
            "65,535 bytes with \\r",
            long_crlf,
            sent(&[&long_crlf_sent, "B=1"]),
        ),
        (
            "65,536 bytes with \\r",
            long(65536, b"", b"\r\nB=1\n").0,
            RefusedAt(1, TOO_LONG),
        ),
        ("65,535 bytes with a bom", long_bom, sent(&[&long_bom_sent])),
        (
            "65,536 bytes with a bom",
            long(65536, b"\xef\xbb\xbf", b"\n").0,
            RefusedAt(1, TOO_LONG),
        ),
    ]
}

#[test]
fn the_answers_of_docker_itself() {
    let shell = |name: &str| (name == "DEFINED_VAR").then_some("defined-value");
    for (case, file, answer) in recorded() {
        let entries = parse(&file);
        match answer {
            Answer::Sent(sent) => {
                let mut environment = Vec::new();
                for entry in &entries {
                    let name = entry.name.unwrap_or_default();
                    match &entry.value {
                        Ok(DockerValue::Literal(value)) => {
                            environment.push(format!("{name}={}", value.as_str()));
                        }
                        Ok(DockerValue::FromDeployingShell) => {
                            if let Some(value) = shell(name) {
                                environment.push(format!("{name}={value}"));
                            }
                        }
                        Err(reason) => panic!("{case}: line {}: {reason}", entry.line),
                    }
                }
                assert_eq!(environment, sent, "{case}");
            }
            Answer::RefusedAt(line, reason) => {
                let first = entries.iter().find(|entry| entry.value.is_err());
                let found = first.map(|entry| (entry.line, entry.value.as_ref().err()));
                assert_eq!(found, Some((line, Some(&reason))), "{case}");
            }
        }
    }
}

/// docker passes a NUL byte on, but no process can be given it: the parser
/// refuses it, in a name or a value.
#[test]
fn a_nul_byte_is_refused() {
    assert_eq!(
        made(b"A=a\0b\nB\0C=1\n# a\0comment\nD=1\n"),
        [
            refused(1, Some("A"), NUL),
            refused(2, None, NUL),
            set(4, "D", "1"),
        ]
    );
}

/// A refused line is named only when what precedes its first `=` is a
/// name: a line of prose, or a secret pasted without its name, is not.
#[test]
fn a_refused_line_is_named_only_by_a_name() {
    assert_eq!(
        made(b"TOKEN=caf\xe9\ns3cr\xe9t\nmy pass=word\n"),
        [
            refused(1, Some("TOKEN"), NOT_UTF8),
            refused(2, None, NOT_UTF8),
            refused(3, None, BLANK_IN_NAME),
        ]
    );
}

/// Any bytes: no panic, lines in order, and each value as the file has it,
/// on its line.
#[test]
fn values_are_the_text_of_their_line() {
    let pieces: &[&[u8]] = &[
        b"A",
        b"=",
        b" ",
        b"\t",
        b"#",
        b"\n",
        b"\r",
        b"\r\n",
        b"'",
        b"\"",
        b"$X",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\0",
        b"\xc2\xa0",
        b"\x0b",
    ];
    let file = vec(select(pieces), 0..40).prop_map(|pieces| pieces.concat());
    crate::props::run(file!(), 10_000, file, |file| {
        let lines: Vec<&[u8]> = file.split(|&byte| byte == b'\n').collect();
        let entries = parse(&file);
        let in_order = entries.windows(2).all(|pair| pair[0].line < pair[1].line);
        if !in_order {
            return Err(TestCaseError::fail("lines out of order"));
        }
        for entry in &entries {
            let Ok(DockerValue::Literal(value)) = &entry.value else {
                continue;
            };
            let line = lines[entry.line - 1];
            if !line.ends_with(value.as_bytes())
                && !line.ends_with(&[value.as_bytes(), b"\r"].concat())
            {
                return Err(TestCaseError::fail(format!("line {}", entry.line)));
            }
        }
        Ok(())
    });
}
