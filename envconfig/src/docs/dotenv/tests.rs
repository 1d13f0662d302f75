use super::super::fixtures::{self, var};
use super::*;

fn parse(text: &str) -> Vec<(String, String)> {
    dotenvy::from_read_iter(text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("dotenvy rejects it: {e}\n{text}"))
}

/// Values that are hard to spell, each the default and the example of
/// one variable `AWKWARD_<i>`.
pub(crate) const AWKWARD: &[&str] = &[
    "30s",
    "two words",
    "  padded  ",
    "$HOME ${HOME} $(touch ran-dollar) #not-a-comment",
    "`touch ran-backtick`",
    "it's \"quoted\" `here`",
    "'",
    "''",
    "\\",
    "C:\\dir\\",
    "ends with \\'",
    "a\\'b",
    "tab\there",
    "café, 日本語, emoji 🎉",
    "a|b;c&d<e>f",
    "!bang ~tilde *glob? [x] {a,b}",
    "=leading equals",
    "#leading hash",
    "line\nbreak",
    "carriage\rreturn",
    "bell\u{7}",
    "bidi\u{202e}override",
];

pub(crate) fn awkward_docs() -> Docs {
    let mut docs = Docs::new("AWKWARD_");
    for (i, text) in AWKWARD.iter().enumerate() {
        docs.vars.push(VarDoc {
            default: Some((*text).to_owned()),
            default_is_value: true,
            example: Some((*text).to_owned()),
            ..var(&format!("AWKWARD_{i}"), "string")
        });
    }
    docs
}

/// The template with every default and every example uncommented: the
/// example of `NAME` as `EXAMPLE_NAME`.
pub(crate) fn uncommented(text: &str) -> String {
    text.lines()
        .map(|line| {
            if let Some(example) = line.strip_prefix("# example: ") {
                format!("EXAMPLE_{example}\n")
            } else if line.starts_with("# AWKWARD_") || line.starts_with("# BILLING_") {
                format!("{}\n", &line[2..])
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

/// What each variable of [`awkward_docs`] reads back as, uncommented:
/// the value, or nothing when it has no spelling.
pub(crate) fn expected(reader: Reader) -> Vec<(String, String)> {
    let mut expected = Vec::new();
    for (i, text) in AWKWARD.iter().enumerate() {
        let value = match reader.spell(text) {
            Some(_) => (*text).to_owned(),
            None => String::new(),
        };
        if reader.spell(text).is_some() {
            expected.push((format!("EXAMPLE_AWKWARD_{i}"), value.clone()));
        }
        expected.push((format!("AWKWARD_{i}"), value));
    }
    expected
}

#[test]
fn only_required_variables_are_set_and_they_are_empty() {
    let text = render(&fixtures::billing(), Reader::DotenvAndShell);
    assert_eq!(
        parse(&text),
        [
            ("BILLING_DATABASE_URL".to_owned(), String::new()),
            ("BILLING_ALLOWED_HOSTS".to_owned(), String::new()),
        ]
    );
}

#[test]
fn uncommented_defaults_read_back_unchanged_in_dotenvy() {
    let docs = fixtures::billing();
    let text = uncommented(&render(&docs, Reader::DotenvAndShell));
    let parsed = parse(&text);
    for var in docs.vars() {
        let (_, value) = parsed
            .iter()
            .find(|(name, _)| *name == var.name)
            .unwrap_or_else(|| panic!("{} missing from\n{text}", var.name));
        // A secret's default and a Rust expression are left out.
        let expected = var.default_value().unwrap_or("");
        assert_eq!(value, expected, "{}", var.name);
    }

    let text = uncommented(&render(&awkward_docs(), Reader::DotenvAndShell));
    let mut parsed = parse(&text);
    let mut expected = expected(Reader::DotenvAndShell);
    parsed.sort();
    expected.sort();
    assert_eq!(parsed, expected, "{text}");
}

/// The variables `shell` sets after sourcing `text`, as `set -a; .
/// ./file` does, in a directory of their own.
fn sourced(shell: &str, text: &str) -> Option<Vec<(String, String)>> {
    let dir = tempfile::TempDir::new().expect("a temporary directory");
    std::fs::write(dir.path().join("template.env"), text).expect("the template");
    let output = std::process::Command::new(shell)
        .args(["-c", "set -a; . ./template.env; set +a; env -0"])
        .env_clear()
        .current_dir(dir.path())
        .output()
        .ok()?;
    assert!(
        output.status.success(),
        "{shell} fails to source it: {}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{shell}");
    // Nothing ran: no `touch` left a file behind.
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the directory")
        .map(|entry| entry.expect("an entry").file_name())
        .collect();
    assert_eq!(files, ["template.env"], "{shell} ran a command");
    let mut vars: Vec<(String, String)> = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .split('\0')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(name, _)| name.starts_with("AWKWARD_") || name.starts_with("EXAMPLE_"))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    vars.sort();
    Some(vars)
}

/// The round trip through real shells, in a subprocess: bash (on every
/// machine this is built on) and, where they are, dash and `sh`.
#[test]
fn sourced_by_a_shell_every_value_reads_back_and_nothing_runs() {
    let text = uncommented(&render(&awkward_docs(), Reader::DotenvAndShell));
    let mut expected = expected(Reader::DotenvAndShell);
    expected.sort();
    let bash = sourced("bash", &text).expect("bash runs");
    assert_eq!(bash, expected, "{text}");
    for shell in ["dash", "sh"] {
        if let Some(vars) = sourced(shell, &text) {
            assert_eq!(vars, expected, "{shell}:\n{text}");
        }
    }
}

/// `docker run --env-file`, as its parser (docker/cli's `kvfile`) reads
/// a file: leading whitespace and `#` lines skipped, the name up to the
/// first `=`, and the rest of the line verbatim.
fn docker_env_file(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(|line| line.trim_start())
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

#[test]
fn docker_reads_every_value_back() {
    let text = uncommented(&render(&awkward_docs(), Reader::Docker));
    let mut vars = docker_env_file(&text);
    let mut expected = expected(Reader::Docker);
    vars.sort();
    expected.sort();
    assert_eq!(vars, expected, "{text}");
}

#[test]
fn a_value_without_a_spelling_says_so() {
    let text = render(&awkward_docs(), Reader::DotenvAndShell);
    let block = |i: usize| {
        let start = text.find(&format!("# AWKWARD_{i}=")).unwrap();
        let block_start = text[..start].rfind("\n\n").unwrap();
        text[block_start..start].to_owned()
    };
    for (i, awkward) in AWKWARD.iter().enumerate() {
        let unwritten = block(i).contains("is not written here");
        assert_eq!(
            unwritten,
            Reader::DotenvAndShell.spell(awkward).is_none(),
            "{awkward:?}:\n{}",
            block(i)
        );
    }
    // Only those with a line break or an invisible character.
    let unwritten = AWKWARD
        .iter()
        .filter(|text| Reader::DotenvAndShell.spell(text).is_none())
        .count();
    assert_eq!(unwritten, 4);
    // No line of the file holds more than the template wrote.
    assert_eq!(
        text.lines().filter(|line| line.is_empty()).count(),
        AWKWARD.len()
    );
    assert!(!text.contains(['\r', '\u{7}', '\u{202e}']), "{text}");
}

#[test]
fn each_variable_is_described_above_its_line() {
    let text = render(&fixtures::billing(), Reader::DotenvAndShell);
    assert!(
        text.contains(
            "\n# Port the HTTP server listens on.\n\
             # type: integer 0..=65535, default: 8080\n\
             # BILLING_PORT=8080\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "\n# Postgres connection URL.\n\
             # type: string, required, secret\n\
             # Or from the file that BILLING_DATABASE_URL_FILE names.\n\
             # example: BILLING_DATABASE_URL=postgres://user:pass@db:5432/billing\n\
             BILLING_DATABASE_URL=\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "# type: string, default: <redacted>, secret\n\
             # Or from the file that BILLING_SIGNING_KEY_FILE names.\n\
             # BILLING_SIGNING_KEY=\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "# Hosts allowed to call us | comma-separated.\n\
             # Second line.\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "# type: duration, default: Duration::from_secs(5)\n\
             # BILLING_IDLE_TIMEOUT=\n"
        ),
        "{text}"
    );
}

#[test]
fn values_are_quoted_only_when_needed() {
    let cases = [
        ("30s", "30s"),
        ("a.example.com,b.example.com", "a.example.com,b.example.com"),
        ("two words", "'two words'"),
        ("$HOME #x", "'$HOME #x'"),
        ("it's", "'it'\\''s'"),
        ("'", "\\'"),
        ("C:\\dir", "'C:\\dir'"),
        ("dir\\", "'dir'\\\\"),
        ("a\\'b", "'a'\\\\\\''b'"),
        ("`x` \"q\"", "'`x` \"q\"'"),
    ];
    for (input, expected) in cases {
        assert_eq!(shell_word(input), expected, "{input:?}");
        let line = format!("X={expected}\n");
        assert_eq!(
            parse(&line),
            [("X".to_owned(), input.to_owned())],
            "{line:?}"
        );
    }
}

#[test]
fn docker_takes_values_verbatim() {
    let text = render(&awkward_docs(), Reader::Docker);
    assert!(text.contains("\n# AWKWARD_1=two words\n"), "{text}");
    assert!(
        text.contains("\n# AWKWARD_5=it's \"quoted\" `here`\n"),
        "{text}"
    );
    assert!(text.contains("\n# AWKWARD_2=  padded  \n"), "{text}");
    assert!(text.contains("# example: AWKWARD_7=''\n"), "{text}");
    assert!(text.contains("--print-env-docs=docker-env"), "{text}");
}
