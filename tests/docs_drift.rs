//! `--check-docs`: a committed reference checked against what the binary
//! prints, end to end through the built `service` example and the
//! reference the repository keeps for it, `examples/service.env.example`.

mod support;

use std::path::Path;

use support::Env;

/// The service's committed reference, a `.env.example`.
fn committed_reference() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/service.env.example");
    std::fs::read_to_string(path).expect("examples/service.env.example")
}

/// The repository's own reference is what the service prints: regenerate
/// it with `cargo run --example service -- --print-env-docs=dotenv >
/// examples/service.env.example` when this fails.
#[test]
fn the_repositorys_reference_matches_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/service.env.example");
    let path = path.to_str().expect("a UTF-8 path");
    let run = Env::new(&[]).run(&["--check-docs", path]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
}

/// A reference committed before one field's doc comment changed fails the
/// check, with a unified diff of the change and nothing else.
#[test]
fn a_reference_that_drifted_fails_with_a_diff() {
    let env = Env::new(&[]);
    let old = committed_reference().replace(
        "# Most connections open at once.\n",
        "# Most connections open.\n",
    );
    assert_ne!(
        old,
        committed_reference(),
        "the doc comment is in the reference"
    );
    env.file(".env.example", &old);
    let run = env.run(&["--check-docs", ".env.example"]);
    assert_eq!(run.code, 1, "{run:?}");
    let changed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with(['-', '+', '@']))
        .collect();
    assert_eq!(changed.len(), 5, "{}", run.stdout);
    assert_eq!(
        changed[..2],
        ["--- .env.example", "+++ --print-env-docs=dotenv"]
    );
    assert!(changed[2].starts_with("@@ -"), "{}", run.stdout);
    assert_eq!(
        changed[3..],
        [
            "-# Most connections open.",
            "+# Most connections open at once."
        ]
    );
    assert_eq!(
        run.stderr,
        "error: .env.example differs from what --print-env-docs=dotenv prints now; \
         regenerate it with --print-env-docs=dotenv > .env.example\n"
    );

    // The format follows the name, or is given.
    let markdown = env.run(&["--print-env-docs=markdown"]).stdout;
    env.file("CONFIG.md", &markdown);
    env.file("config.txt", &markdown);
    assert_eq!(env.run(&["--check-docs", "CONFIG.md"]).code, 0);
    assert_eq!(env.run(&["--check-docs", "config.txt"]).code, 1);
    assert_eq!(env.run(&["--check-docs=md", "config.txt"]).code, 0);
    // A checkout that turned line breaks into CRLF has not drifted.
    env.file("crlf.md", &markdown.replace('\n', "\r\n"));
    assert_eq!(env.run(&["--check-docs", "crlf.md"]).code, 0);
    // A reference that is not there is a bad use of the flag.
    let run = env.run(&["--check-docs", "missing.md"]);
    assert_eq!(run.code, 64, "{run:?}");
    assert!(
        run.stderr.contains("--check-docs missing.md: no such file"),
        "{}",
        run.stderr
    );
}

/// A `.env` or `.yaml` reference whose first line says the other format of
/// its family printed it (`docker-env`, `k8s-files`) is checked as that
/// one, and a drifted one is to be regenerated in that format, not turned
/// into the other.
#[test]
fn a_reference_names_its_own_format() {
    let env = Env::new(&[]);
    for (format, name) in [("docker-env", "ref.docker.env"), ("k8s-files", "env.yaml")] {
        let printed = env.run(&[&format!("--print-env-docs={format}")]);
        assert_eq!(printed.code, 0, "{printed:?}");
        env.file(name, &printed.stdout);
        let run = env.run(&["--check-docs", name]);
        assert_eq!(
            (run.code, run.stderr.as_str()),
            (0, ""),
            "{format}: {run:?}"
        );
        let drifted = printed.stdout.replace("connections", "links");
        env.file(name, &drifted);
        let run = env.run(&["--check-docs", name]);
        assert_eq!(run.code, 1, "{format}: {run:?}");
        let advice = format!("regenerate it with --print-env-docs={format} > {name}\n");
        assert!(run.stderr.ends_with(&advice), "{format}: {}", run.stderr);
    }
}

/// A reference given on stdin (`-`) is checked like a file, in the format
/// `--check-docs=FORMAT` names; when it drifted, the advice to regenerate
/// it does not redirect the docs into a file named `-`.
#[test]
fn a_reference_on_stdin() {
    let env = Env::new(&[]);
    let run = env.run_stdin(&["--check-docs=dotenv", "-"], &committed_reference());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let old = committed_reference().replace("# Most connections open at once.\n", "");
    let run = env.run_stdin(&["--check-docs=dotenv", "-"], &old);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("--- -\n"), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "error: the reference on stdin differs from what --print-env-docs=dotenv prints now; \
         regenerate it with --print-env-docs=dotenv\n"
    );
}

/// A `text` reference printed where `COLUMNS` was exported (by one shell,
/// not by CI's) has not drifted: the check reads it at the width it was
/// printed at, and still fails it once a word in it changed.
#[test]
fn a_text_reference_printed_at_another_width() {
    for columns in ["60", "150", "5000"] {
        let printed = Env::new(&[("COLUMNS", columns)]).run(&["--print-env-docs=text"]);
        assert_eq!(printed.code, 0, "{printed:?}");
        let env = Env::new(&[]);
        env.file("CONFIG.txt", &printed.stdout);
        let run = env.run(&["--check-docs", "CONFIG.txt"]);
        assert_eq!(
            run.code, 0,
            "COLUMNS={columns}: {}{}",
            run.stdout, run.stderr
        );
        let on_a_terminal = env
            .set("COLUMNS", "80")
            .run(&["--check-docs", "CONFIG.txt"]);
        assert_eq!(on_a_terminal.code, 0, "COLUMNS={columns}, checked at 80");
    }
    let printed = Env::new(&[("COLUMNS", "150")]).run(&["--print-env-docs=text"]);
    let edited = Env::new(&[]);
    edited.file("CONFIG.txt", &printed.stdout.replace("listens", "listen"));
    let run = edited.run(&["--check-docs", "CONFIG.txt"]);
    assert_eq!(run.code, 1, "an edit is a drift at any width");
}
