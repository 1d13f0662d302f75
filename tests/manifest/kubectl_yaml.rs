//! YAML read as kubectl reads it, through the service: a stream kubectl
//! refuses is refused, naming the document and the line; a scalar kubectl
//! reads as a string is a string. (envconfig's unit tests compare the
//! reader with kubectl's recorded answers on more than a thousand streams;
//! these are the answers that decide a check.)

use super::*;

/// The manifest with one more `env` entry, on line 28: `BILLING_ALLOWED_HOSTS`,
/// its `value:` written as given on line 29.
fn with_hosts(value: &str) -> String {
    with_env(&format!(
        "- name: BILLING_ALLOWED_HOSTS\n  value: {value}\n"
    ))
}

/// A control character in a quoted value, a line break that is no `\n`
/// (U+2028, U+0085) inside a plain one, and the escape `\/`: kubectl
/// refuses each stream. After such a line break, `b.example.com` would be
/// a key without `:`, found missing at the end (kubectl, which counts the
/// break as a line, says line 31).
#[test]
fn streams_kubectl_refuses_are_refused() {
    for (value, line, reason) in [
        (
            "\"a.example.com\u{1}\"",
            29,
            "control characters are not allowed",
        ),
        (
            "a.example.com\u{2028}b.example.com",
            30,
            "while scanning a simple key (from line 29), could not find expected ':'",
        ),
        (
            "a.example.com\u{85}b.example.com",
            30,
            "while scanning a simple key (from line 29), could not find expected ':'",
        ),
        (
            "\"a.example.com\\/b.example.com\"",
            29,
            "found unknown escape character",
        ),
    ] {
        let run = check(&with_hosts(value), &[]);
        assert_eq!(run.code, 78, "{value:?}: {run:?}");
        assert_eq!(run.stdout, "", "{value:?}");
        let place = format!("deploy.yaml: document 1, line {line}: not valid YAML: ");
        assert!(
            run.stderr.contains(&place) && run.stderr.contains(reason),
            "{value:?}: {}",
            run.stderr
        );
    }
}

/// Integers wider than 64 bits in hex or binary, and a float past
/// float64's range, are strings to kubectl: the variable is set to the
/// text (a long one shown cut short).
#[test]
fn numbers_kubectl_reads_as_strings_are_strings() {
    let binary = format!("0b{}", "1".repeat(70));
    for value in [
        "0x742d35Cc6634C0532925a3b844Bc454e4438f44e",
        "0xFFFFFFFFFFFFFFFFFF",
        "1e400",
        &binary,
    ] {
        let run = check(&with_hosts(value), &[]);
        assert_eq!(run.code, 0, "{value}: {run:?}");
        let line = run.report_line("BILLING_ALLOWED_HOSTS");
        let shown = value.get(..24).unwrap_or(value);
        assert!(
            line.starts_with("ok ") && line.contains(&format!("deploy.yaml:28 \"{shown}")),
            "{line}"
        );
    }
}

/// A document kubectl decodes into no object (a sequence, a string) makes
/// it refuse the stream: so is it refused, at that document, though it is
/// none the check reads.
#[test]
fn a_document_that_is_no_object_is_refused() {
    for (document, what) in [("- a\n- b\n", "a sequence"), ("just text\n", "a string")] {
        let run = check(&format!("{}---\n{document}", with_env("")), &[]);
        assert_eq!(run.code, 78, "{document:?}: {run:?}");
        assert!(
            run.stderr.contains(&format!(
                "deploy.yaml: document 2, line 29: not valid YAML: the document is {what}, \
                 not an object (a mapping): kubectl refuses it"
            )),
            "{document:?}: {}",
            run.stderr
        );
    }
    // A null document is no document, to kubectl as to the check.
    let run = check(&format!("~\n---\n{}", with_env("")), &[]);
    assert_eq!(run.code, 0, "{run:?}");
}

/// go-yaml reads a document no further than its end (`...`, a directive),
/// and its reader decodes 512 bytes at a time: a control character in a
/// later block is never seen, and kubectl applies the stream. A malformed
/// directive after the document is read, and refused.
#[test]
fn what_go_yaml_reads_after_a_document() {
    let filler = "# filler\n".repeat(60);
    let manifest = format!("{}...\n{filler}# \u{1}\n", with_env(""));
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    let manifest = format!("{}...\n# \u{1}\n", with_env(""));
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stderr
            .contains("deploy.yaml: document 1, line 29: not valid YAML: control characters"),
        "{}",
        run.stderr
    );
    let run = check(&format!("{}%YAML 1.1 extra\n", with_env("")), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stderr.contains(
            "deploy.yaml: document 1, line 28: not valid YAML: while scanning a directive \
             (from line 28), did not find expected comment or line break"
        ),
        "{}",
        run.stderr
    );
}

/// kubectl decodes a manifest before it reads any YAML: UTF-16 after its
/// byte order mark (Windows PowerShell's `>` writes UTF-16LE), and bytes
/// that are not UTF-8 (a comment saved as Latin-1) as U+FFFD. So does the
/// check, from a file and from stdin, and the lines it names are the same.
#[test]
fn a_manifest_is_decoded_as_kubectl_decodes_it() {
    let env = Env::new(&[]);
    let path = env.dir.path().join("deploy.yaml");
    let path_text = path.to_str().expect("a UTF-8 temporary path");
    let utf16 = |text: &str| -> Vec<u8> {
        let units = text.encode_utf16().flat_map(u16::to_le_bytes);
        [0xff, 0xfe].into_iter().chain(units).collect()
    };
    let manifest = with_hosts("a.example.com");
    let latin1 = [b"# Konfiguration f\xfcr billing\n", manifest.as_bytes()].concat();
    for (what, bytes) in [("UTF-16LE", utf16(&manifest)), ("Latin-1", latin1)] {
        std::fs::write(&path, &bytes).expect("the manifest is written");
        let run = env.run(&["--check-env", "--manifest", path_text]);
        assert_eq!(run.code, 0, "{what}: {run:?}");
        let line = run.report_line("BILLING_ALLOWED_HOSTS");
        assert!(
            line.starts_with("ok ") && line.contains("deploy.yaml:"),
            "{what}: {line}"
        );
    }
    // A value: the check sees what kubectl applies, U+FFFD and all.
    let latin1 = with_hosts("caf\u{e9}.example.com").replace('\u{e9}', "\u{1}");
    let latin1: Vec<u8> = latin1
        .bytes()
        .map(|byte| if byte == 1 { 0xe9 } else { byte })
        .collect();
    std::fs::write(&path, &latin1).expect("the manifest is written");
    let run = env.run(&["--check-env", "--manifest", path_text]);
    assert_eq!(run.code, 0, "{run:?}");
    let line = run.report_line("BILLING_ALLOWED_HOSTS");
    assert!(
        line.contains("deploy.yaml:28 \"caf\u{fffd}.example.com\""),
        "{line}"
    );
}
