//! `--check-env` against the start it speaks for: for generated
//! environments, the check exits 0 exactly when the program starts, and
//! the variables it fails are those the start's error names.
//!
//! Each case runs a built example twice (a check and a start) in a
//! temporary directory of its own, with its secret files, its secrets
//! directory and its `./.env`. The cases that found a disagreement are a
//! table; the property test adds a bounded number of generated ones.

mod support;

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt as _;
use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config as RunnerConfig, FileFailurePersistence, TestRunner};
use tempfile::TempDir;

use support::{example_binary, release_example_binary};

/// A value: text, or bytes that are not UTF-8.
#[derive(Clone, Debug)]
enum Value {
    Text(&'static str),
    NotUtf8,
}

/// A file of the run's directory, as `NAME_FILE`s and the secrets
/// directory name them.
#[derive(Clone, Copy, Debug)]
enum FileKind {
    Text(&'static str),
    Dir,
}

/// One environment to start in.
#[derive(Clone, Debug, Default)]
struct Case {
    /// The process environment.
    env: Vec<(&'static str, Value)>,
    /// The files of the secrets directory (`./secrets`).
    secrets: Vec<(&'static str, FileKind)>,
    /// `./.env`, if any.
    dotenv: Option<String>,
}

/// The secret files `NAME_FILE` values name, in every run's directory.
const FILES: &[(&str, FileKind)] = &[
    ("tok.txt", FileKind::Text("from-a-file-123\n")),
    ("nl.txt", FileKind::Text("\n")),
    ("empty.txt", FileKind::Text("")),
    ("short.txt", FileKind::Text("short")),
    ("adir", FileKind::Dir),
];

/// What a check and a start said of one case: whether it loads, and the
/// variables that are a problem.
#[derive(Debug, PartialEq, Eq)]
struct Verdict {
    loads: bool,
    problems: BTreeSet<String>,
    /// What a check cannot see: `unchecked` and `external` variables.
    unknown: BTreeSet<String>,
}

/// Writes the case's files in `dir`.
fn lay_out(dir: &Path, case: &Case) {
    for (name, kind) in FILES {
        make(&dir.join(name), *kind);
    }
    if !case.secrets.is_empty() {
        std::fs::create_dir(dir.join("secrets")).expect("a secrets directory");
    }
    for (name, kind) in &case.secrets {
        make(&dir.join("secrets").join(name), *kind);
    }
    if let Some(dotenv) = &case.dotenv {
        // `\u{1}` stands for a byte that is not UTF-8.
        let bytes: Vec<u8> = dotenv
            .bytes()
            .map(|byte| if byte == 1 { 0xff } else { byte })
            .collect();
        std::fs::write(dir.join(".env"), bytes).expect("a .env");
    }
}

fn make(path: &Path, kind: FileKind) {
    match kind {
        FileKind::Text(text) => std::fs::write(path, text).expect("a file"),
        FileKind::Dir => std::fs::create_dir(path).expect("a directory"),
    }
}

fn os(value: &Value) -> OsString {
    match value {
        Value::Text(text) => OsString::from(text),
        Value::NotUtf8 => OsString::from_vec(b"caf\xe9".to_vec()),
    }
}

/// Runs `binary` with `args` in `dir` under the case's environment alone.
fn run(binary: &Path, dir: &Path, case: &Case, args: &[&str]) -> std::process::Output {
    Command::new(binary)
        .args(args)
        .env_clear()
        .envs(case.env.iter().map(|(name, value)| (name, os(value))))
        .current_dir(dir)
        .output()
        .expect("the example runs")
}

/// What the start says: it prints `started` and exits 0, or exits 78 with
/// one indented line per problem, each starting with its variable (a rule
/// across fields: the variables, with commas).
fn start_verdict(output: &std::process::Output) -> Verdict {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().expect("an exit status");
    assert!(code == 0 || code == 78, "the start exits {code}: {stderr}");
    let mut problems = BTreeSet::new();
    let mut listing = false;
    for line in stderr.lines() {
        if line.starts_with("invalid configuration") {
            listing = true;
        } else if let Some(problem) = line.strip_prefix("  ").filter(|_| listing) {
            let names = problem.split(':').next().unwrap_or_default();
            let names = names.split(" (").next().unwrap_or_default();
            problems.extend(names.split(", ").map(str::to_owned));
        } else if line.starts_with("error: ") {
            problems.insert("(error)".to_owned());
        }
    }
    Verdict {
        loads: code == 0,
        problems,
        unknown: BTreeSet::new(),
    }
}

/// What `--check-env --report json` says: its exit status, and the
/// variables it calls `missing` or `invalid`.
fn check_verdict(output: &std::process::Output) -> Verdict {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let code = output.status.code().expect("an exit status");
    assert!(
        code == 0 || code == 78,
        "the check exits {code}: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut problems = BTreeSet::new();
    let mut unknown = BTreeSet::new();
    if stdout.trim().is_empty() {
        problems.insert("(error)".to_owned());
    } else {
        let report: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON report");
        for var in report["variables"].as_array().expect("variables") {
            let status = var["status"].as_str().unwrap_or_default();
            let name = var["name"].as_str().unwrap_or_default().to_owned();
            match status {
                "missing" | "invalid" => {
                    problems.insert(name);
                }
                "unchecked" | "external" => {
                    unknown.insert(name);
                }
                _ => {}
            }
        }
        if report["errors"]
            .as_array()
            .is_some_and(|errors| !errors.is_empty())
        {
            problems.insert("(error)".to_owned());
        }
    }
    Verdict {
        loads: code == 0,
        problems,
        unknown,
    }
}

/// The check's verdict and the start's on `case`, with what each printed
/// when they differ.
fn compare(binary: &Path, case: &Case) -> Result<bool, String> {
    let dir = TempDir::new().expect("a temporary directory");
    lay_out(dir.path(), case);
    let check = run(
        binary,
        dir.path(),
        case,
        &["--check-env", "--report", "json"],
    );
    let start = run(binary, dir.path(), case, &[]);
    let (checked, started) = (check_verdict(&check), start_verdict(&start));
    if checked == started {
        return Ok(started.loads);
    }
    Err(format!(
        "{case:?}\ncheck: {checked:?}\nstart: {started:?}\ncheck said:\n{}{}\nstart said:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr),
        String::from_utf8_lossy(&start.stdout),
        String::from_utf8_lossy(&start.stderr),
    ))
}

/// The variables of the example and the values each may be given.
const VARS: &[(&str, &[Value])] = {
    use Value::{NotUtf8, Text as T};
    &[
        (
            "AG_PORT",
            &[T("8080"), T(" 80 "), T(""), T("70000"), T("x")],
        ),
        ("OLD_PORT", &[T("81"), T(""), T("bad")]),
        ("AG_PORT_FILE", &[T("tok.txt"), T("nl.txt")]),
        ("AG_TOKEN", &[T("tok"), T(""), NotUtf8, T(" ")]),
        (
            "AG_TOKEN_FILE",
            &[
                T("tok.txt"),
                T("empty.txt"),
                T("nl.txt"),
                T("missing.txt"),
                T("adir"),
                T(""),
                NotUtf8,
            ],
        ),
        ("AG_KEY", &[T("long-enough"), T("short"), T("")]),
        ("LEGACY_KEY", &[T("long-enough-2"), T("short"), T("")]),
        (
            "LEGACY_KEY_FILE",
            &[T("tok.txt"), T("short.txt"), T("missing.txt")],
        ),
        (
            "AG_PORTS",
            &[
                T("1;2"),
                T(""),
                T(";"),
                T("1;;2"),
                T("1; 2"),
                T("x"),
                T("70000"),
            ],
        ),
        (
            "AG_TIMEOUT",
            &[
                T("PT30S"),
                T("P1M"),
                T("10"),
                T("0"),
                T("1.5h"),
                T("PT0.5S"),
                T(""),
                T("-1s"),
                T("1d"),
                T("P2D"),
                T("2h 45m"),
                T("P1Y"),
            ],
        ),
        (
            "AG_LIMIT",
            &[
                T("8Mi"),
                T("1.5Gi"),
                T("1KiB"),
                T("x"),
                T(""),
                T("99999999E"),
                NotUtf8,
            ],
        ),
        ("AG_VERBOSE", &[T("true"), T("maybe"), T("")]),
        (
            "AG_DB_PORT",
            &[T("5432"), T("0"), T("10000"), T(""), T("x")],
        ),
        ("AG_TLS_CERT", &[T("/c"), T("")]),
        ("AG_TLS_KEY", &[T("k"), T("")]),
        (
            "AG_TLS_KEY_FILE",
            &[T("tok.txt"), T("missing.txt"), T("empty.txt")],
        ),
        (
            "AG_CACHE_ENABLED",
            &[T("true"), T("false"), T(""), T("yes"), T("maybe")],
        ),
        ("AG_CACHE_URL", &[T("redis://x"), T("")]),
        ("AG_CACHE_TTL", &[T("x"), T("")]),
        ("AG_CACHE_PASSWORD_FILE", &[T("missing.txt"), T("tok.txt")]),
        ("AG_PROT", &[T("1")]),
    ]
};

/// The files the secrets directory may hold.
const SECRETS: &[(&str, &[FileKind])] = &[
    (
        "AG_TOKEN",
        &[
            FileKind::Text("from-the-dir"),
            FileKind::Text(""),
            FileKind::Dir,
        ],
    ),
    (
        "AG_KEY",
        &[FileKind::Text("long-enough-dir\n"), FileKind::Text("short")],
    ),
    ("AG_TLS_KEY", &[FileKind::Text("k")]),
    ("AG_CACHE_URL", &[FileKind::Text("redis://dir")]),
    ("AG_PORTS", &[FileKind::Text("3;4"), FileKind::Text("")]),
];

/// What every case starts from: the required variables, valid.
const BASELINE: &[(&str, Value)] = &[
    ("AG_TOKEN", Value::Text("tok")),
    ("AG_KEY", Value::Text("long-enough")),
    ("AG_PORTS", Value::Text("1;2")),
];

/// A few variables changed from the baseline: set to a value of theirs,
/// or unset; and a few files in the secrets directory.
fn case() -> impl Strategy<Value = Case> {
    let change = (0..VARS.len()).prop_flat_map(|index| {
        let (name, values) = VARS[index];
        proptest::option::weighted(0.9, select(values)).prop_map(move |value| (name, value))
    });
    let secret = (0..SECRETS.len()).prop_flat_map(|index| {
        let (name, kinds) = SECRETS[index];
        select(kinds).prop_map(move |kind| (name, kind))
    });
    (
        proptest::collection::vec(change, 0..5),
        proptest::collection::vec(secret, 0..3),
        proptest::option::weighted(0.5, dotenv()),
    )
        .prop_map(|(changes, secrets, dotenv)| {
            let mut env: Vec<(&'static str, Value)> = BASELINE.to_vec();
            for (name, value) in changes {
                env.retain(|(set, _)| *set != name);
                env.extend(value.map(|value| (name, value)));
            }
            let mut case = Case {
                env,
                secrets: Vec::new(),
                dotenv,
            };
            for (name, kind) in secrets {
                if case.secrets.iter().all(|(set, _)| *set != name) {
                    case.secrets.push((name, kind));
                }
            }
            case
        })
}

/// Lines of a dotenv file: variables of the example, in every way of
/// writing them, with references and lines that cannot be read.
fn dotenv() -> impl Strategy<Value = String> {
    let assignment = (0..VARS.len()).prop_flat_map(|index| {
        let (name, values) = VARS[index];
        let texts: Vec<&'static str> = values
            .iter()
            .filter_map(|value| match value {
                Value::Text(text) => Some(*text),
                Value::NotUtf8 => None,
            })
            .chain([
                "${AG_TOKEN}",
                "${AG_KEY}x",
                "${UNSET}",
                "a b",
                "\"'",
                "${AG_PORTS:-1}",
            ])
            .collect();
        (
            select(texts),
            select(&["", "export ", " "][..]),
            select(&["", "'", "\""][..]),
            select(&["\n", "\r\n", " # note\n"][..]),
        )
            .prop_map(move |(value, export, quote, end)| {
                format!("{export}{name}={quote}{value}{quote}{end}")
            })
    });
    let line = prop_oneof![
        4 => assignment,
        1 => select(&[
            "# comment\n",
            "\n",
            "AG_TIMEOUT\n",
            "AG_TLS_CERT=\"/multi\nline\"\n",
            "AG_KEY=\"unclosed\n",
            "=nameless\n",
            "\u{feff}AG_PORT=82\n",
            "AG_PORT=8\u{1}0\n",
            "AG_CACHE_URL=${AG_CACHE_URL}/x\n",
        ][..])
        .prop_map(str::to_owned),
    ];
    proptest::collection::vec(line, 0..6).prop_map(|lines| lines.concat())
}

/// The runner of each property: 60 cases (a few hundred runs of the
/// example), more when `PROPTEST_CASES` asks for more, and the failures
/// kept beside the other properties' regressions.
fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .map_or(60, |cases: u32| cases.max(60));
    TestRunner::new(RunnerConfig {
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..RunnerConfig::with_cases(cases)
    })
}

#[test]
fn the_check_agrees_with_the_start_on_generated_environments() {
    let debug = example_binary("check_agreement", &[]);
    let release = release_example_binary("check_agreement");
    let loaded = std::cell::Cell::new(0);
    let builds = prop_oneof![3 => Just(false), 1 => Just(true)];
    let result = runner().run(&(case(), builds), |(case, released)| {
        let binary = match released {
            true => &release,
            false => &debug,
        };
        let loads = compare(binary, &case).map_err(TestCaseError::fail)?;
        loaded.set(loaded.get() + usize::from(loads));
        Ok(())
    });
    eprintln!("loaded: {}", loaded.get());
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// How a deployment's env file is read.
#[derive(Clone, Copy, Debug)]
enum Format {
    Dotenv,
    Docker,
}

/// The secrets directory of an env file's runs: what a check of the file
/// alone takes to be there (a required secret it leaves unset). Not the
/// key of the group that is on when any of its variables is set: a file
/// there would switch it on, which a check of the file cannot see.
const DEPLOYED_SECRETS: &[(&str, FileKind)] = &[
    ("AG_TOKEN", FileKind::Text("from-the-dir")),
    ("AG_KEY", FileKind::Text("long-enough-dir")),
];

/// The variables `docker run --env-file` passes for `bytes`, by
/// docker/cli's `parseKeyValueFile` with an empty deploying shell, the
/// last line of a name winning as at the runtime; `None` when docker
/// refuses the file or the runtime the start.
fn docker_environment(bytes: &[u8]) -> Option<Vec<(String, String)>> {
    let mut vars: Vec<(String, String)> = Vec::new();
    for (number, line) in bytes.split(|&byte| byte == b'\n').enumerate() {
        // bufio.ScanLines drops one `\r`; the first line loses its mark.
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = match number {
            0 => line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line),
            _ => line,
        };
        let line = std::str::from_utf8(line).ok()?.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, value) = match line.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (line, None),
        };
        if name.is_empty() || name.contains([' ', '\t']) {
            return None;
        }
        // A bare name: from the deploying shell, which has none.
        let Some(value) = value else { continue };
        vars.retain(|(set, _)| set != name);
        vars.push((name.to_owned(), value.to_owned()));
    }
    // The runtime refuses a NUL byte.
    let nul = vars
        .iter()
        .any(|(name, value)| name.contains('\0') || value.contains('\0'));
    (!nul).then_some(vars)
}

/// The check of the env file `text` in `format` and the start it speaks
/// for: a debug start with the file as `./.env` under an empty
/// environment, or with the variables docker passes. What the check cannot
/// see (`unchecked`, `external`) may go either way at the start; the rest
/// must agree, and `--strict` passes only what starts.
fn compare_env_file(binary: &Path, text: &str, format: Format) -> Result<bool, String> {
    let bytes: Vec<u8> = text
        .bytes()
        .map(|byte| if byte == 1 { 0xff } else { byte })
        .collect();
    let checking = TempDir::new().expect("a temporary directory");
    let starting = TempDir::new().expect("a temporary directory");
    let deployed = Case {
        secrets: DEPLOYED_SECRETS.to_vec(),
        ..Case::default()
    };
    lay_out(checking.path(), &Case::default());
    lay_out(starting.path(), &deployed);
    let file = checking.path().join("deploy.env");
    std::fs::write(&file, &bytes).expect("the env file");
    let file = file.to_str().expect("a UTF-8 path");
    let format_word = match format {
        Format::Dotenv => "dotenv",
        Format::Docker => "docker",
    };
    let args = [
        "--check-env",
        "--env-file",
        file,
        "--env-format",
        format_word,
        "--read-secret-files",
        "--report",
        "json",
    ];
    let check = run(binary, checking.path(), &Case::default(), &args);
    let strict = run(
        binary,
        checking.path(),
        &Case::default(),
        &[&args[..], &["--strict"]].concat(),
    );
    let start = match format {
        Format::Dotenv => {
            std::fs::write(starting.path().join(".env"), &bytes).expect("a .env");
            Some(run(binary, starting.path(), &Case::default(), &[]))
        }
        Format::Docker => docker_environment(&bytes).map(|vars| {
            Command::new(binary)
                .env_clear()
                .envs(vars)
                .current_dir(starting.path())
                .output()
                .expect("the example runs")
        }),
    };
    let checked = check_verdict(&check);
    let strict_passes = strict.status.code() == Some(0);
    let started = match &start {
        Some(start) => start_verdict(start),
        None => Verdict {
            loads: false,
            problems: BTreeSet::from(["(error)".to_owned()]),
            unknown: BTreeSet::new(),
        },
    };
    let mut may_fail: BTreeSet<String> =
        checked.problems.union(&checked.unknown).cloned().collect();
    // A switch set from outside may be true or false: the check fails
    // neither way, and `--strict` fails (see tests/ci_gate.rs).
    if checked.unknown.contains("AG_CACHE_ENABLED") {
        may_fail.extend(["AG_CACHE_URL", "AG_CACHE_TTL"].map(str::to_owned));
    }
    // Docker refuses the file: the check fails on the file itself.
    let refused = start.is_none();
    let agrees = match refused {
        true => !checked.loads && checked.problems.contains("(error)"),
        // What the check fails, every start fails; what a start fails on,
        // the check fails or cannot see; with nothing unseen, they agree.
        false => {
            checked.problems.is_subset(&started.problems)
                && started.problems.is_subset(&may_fail)
                && (checked.loads || !started.loads)
                && (!checked.unknown.is_empty() || checked.loads == started.loads)
                // `--strict` fails on what is unchecked, never on what is
                // external.
                && (!strict_passes
                    || started.loads
                    || started.problems.is_subset(&checked.unknown))
        }
    };
    if agrees {
        return Ok(started.loads);
    }
    Err(format!(
        "{format:?} file {text:?}\ncheck: {checked:?}\nstrict passes: {strict_passes}\nstart: \
         {started:?}\ncheck said:\n{}{}\nstart said:\n{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr),
        start.map_or("(docker refuses)".to_owned(), |start| format!(
            "{}{}",
            String::from_utf8_lossy(&start.stdout),
            String::from_utf8_lossy(&start.stderr)
        )),
    ))
}

/// Lines of a deployment's env file: the example's variables written
/// every way, references above and below, and lines that cannot be read.
fn env_file() -> impl Strategy<Value = String> {
    let base = prop_oneof![
        Just("AG_TOKEN=tok\nAG_KEY=long-enough\nAG_PORTS=1;2\n".to_owned()),
        Just("AG_PORTS=1;2\n".to_owned()),
        Just(String::new()),
    ];
    let extra = select(
        &[
            "AG_PORT=${AG_DB_PORT}\n",
            "AG_DB_PORT=99\n",
            "AG_PORTS=${AG_PORTS};3\n",
            "AG_PORTS=\"1;\n2\"\n",
            "AG_TOKEN=$AG_KEY\n",
            "AG_TOKEN='a\\'b'\n",
            "AG_TOKEN=\"a\\\"b\"\n",
            "AG_TOKEN=a\\ b\n",
            "AG_KEY=\"line\\nline\"\n",
            "AG_KEY=${AG_TOKEN}${AG_TOKEN}${AG_TOKEN}\n",
            "AG_TLS_CERT=${LATER}\nLATER=/c\n",
            "AG_TLS_CERT=$\n",
            "AG_CACHE_ENABLED=${AG_VERBOSE}\n",
            "AG_VERBOSE=true\n",
            "AG_VERBOSE=\n",
            "AG_VERBOSE\n",
            "AG_CACHE_ENABLED\n",
            "AG_TLS_CERT\n",
            "AG_TOKEN\n",
            "AG_TOKEN_FILE=tok.txt\n",
            "AG_TOKEN_FILE=missing.txt\n",
            "AG_TOKEN_FILE=\n",
            "AG_KEY_FILE=short.txt\n",
            "AG_KEY_FILE=${AG_TOKEN}\n",
            "LEGACY_KEY=legacy-long\n",
            "OLD_PORT=${UNDEFINED}\n",
            "OLD_PORT=${UNDEFINED}1\n",
            "OLD_PORT=${UNDEFINED:-1}\n",
            "AG_TIMEOUT=PT1M # one minute\n",
            "AG_TIMEOUT=1m#x\n",
            "AG_TIMEOUT='1m' # x\n",
            "AG_LIMIT=1Gi \n",
            "AG_LIMIT= 1Gi\n",
            "AG_LIMIT=\"1Gi\"\n",
            "export AG_DB_PORT=77\n",
            "export  AG_DB_PORT=78\n",
            "exportAG_DB_PORT=79\n",
            "AG_DB_PORT =80\n",
            " AG_DB_PORT=81\n",
            "AG_DB_PORT=8\u{1}2\n",
            "AG_DB_PORT=83\r\n",
            "\u{feff}AG_DB_PORT=84\n",
            "AG_DB_PORT=85\0\n",
            "AG_DB_PORT='86\n",
            "AG_DB_PORT=\"87\n",
            "AG_TLS_KEY=\"-----BEGIN\nMIIE\n-----END\"\n",
            "AG_TLS_KEY=-----BEGIN\nMIIE\n-----END\n",
            "# AG_CACHE_ENABLED=true\n",
            "=x\n",
            "AG TOKEN=x\n",
            "AG_CACHE_URL=${AG_CACHE_URL}\n",
            "AG_CACHE_URL=redis://x\n",
            "AG_CACHE_ENABLED=true\n",
            "AG_PROT=1\n",
            "\\\n",
        ][..],
    );
    (base, proptest::collection::vec(extra, 0..5), any::<bool>()).prop_map(|(base, extra, crlf)| {
        let text = format!("{base}{}", extra.concat());
        match crlf {
            true => text.replace('\n', "\r\n"),
            false => text,
        }
    })
}

#[test]
fn the_check_of_an_env_file_agrees_with_the_start_it_speaks_for() {
    let binary = example_binary("check_agreement", &[]);
    let loaded = std::cell::Cell::new(0);
    let strategy = (
        env_file(),
        prop_oneof![Just(Format::Dotenv), Just(Format::Docker)],
    );
    let result = runner().run(&strategy, |(text, format)| {
        let loads = compare_env_file(&binary, &text, format).map_err(TestCaseError::fail)?;
        loaded.set(loaded.get() + usize::from(loads));
        Ok(())
    });
    eprintln!("loaded: {}", loaded.get());
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// The files on which the check and the start disagreed, each with why.
#[test]
fn the_check_of_an_env_file_agrees_where_it_once_did_not() {
    let binary = example_binary("check_agreement", &[]);
    let cases = [
        // docker leaves a bare name out when the deploying shell lacks it:
        // the line above stands, so the group it switches on is on, and its
        // key is required (from the secrets directory, if the container
        // has it). The check took the certificate to be maybe unset, the
        // group maybe off, and its key not required.
        (
            Format::Docker,
            "AG_TOKEN=tok\nAG_KEY=long-enough\nAG_PORTS=1;2\nAG_TLS_CERT=/c\nAG_TLS_CERT\n",
        ),
        (Format::Docker, "AG_PORTS=1;2\nAG_TLS_CERT=$\nAG_TLS_CERT\n"),
    ];
    for (format, text) in cases {
        if let Err(disagreement) = compare_env_file(&binary, text, format) {
            panic!("{disagreement}");
        }
    }
}
