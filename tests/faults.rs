//! Untrusted input, written by people at 3 a.m.: secret files that are
//! missing, unreadable or huge, broken `.env` files, crowded environments,
//! huge values and bytes that are not UTF-8. Each gets a clear error that
//! names the variable or the file, or the documented behaviour; none
//! panics or hangs.

mod support;

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use envconfig::{Config, Error, ProblemKind};
use secrecy::{ExposeSecret, SecretString};
use support::{Env, VALID};
use tempfile::TempDir;

#[derive(Config, Debug)]
#[config(prefix = "APP_")]
struct App {
    token: SecretString,
    #[config(default = 8080)]
    port: u16,
    #[config(default = "")]
    name: String,
    hosts: Option<Vec<String>>,
    ports: Option<Vec<u16>>,
    limit: Option<u32>,
    #[config(parse_with = parse_level)]
    level: Option<String>,
}

/// A parser whose error quotes the value as it is, as many do.
fn parse_level(text: &str) -> Result<String, String> {
    match text {
        "info" | "debug" => Ok(text.to_owned()),
        _ => Err(format!("{text} is not a level")),
    }
}

/// The `Display` of an error is a header and one line per problem, each
/// starting with its variable (and where its value came from, when not
/// from the variable itself): no value, path or reason can break a line or
/// forge one.
fn assert_one_line_per_problem(error: &Error) {
    let text = error.to_string();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(lines.len(), error.problems().len(), "{text}");
    for (line, problem) in lines.iter().zip(error.problems()) {
        let var = problem.var();
        assert!(
            line.starts_with(&format!("  {var}: "))
                || line.starts_with(&format!("  {var} (from {var}_FILE): ")),
            "{text}"
        );
    }
}

fn load(vars: &[(&str, &str)]) -> Result<App, Error> {
    App::from_vars(vars.iter().copied())
}

/// The one problem of a failed load.
fn only_problem(vars: &[(&str, &str)]) -> (String, ProblemKind, String) {
    let error = load(vars).expect_err("the load fails");
    assert_eq!(error.problems().len(), 1, "{error}");
    assert_one_line_per_problem(&error);
    let problem = &error.problems()[0];
    (
        problem.var().to_owned(),
        problem.kind().clone(),
        error.to_string(),
    )
}

/// Loads `APP_TOKEN` through `APP_TOKEN_FILE` naming `path`.
fn token_file(path: &Path) -> Result<App, Error> {
    let path = path.to_str().expect("a UTF-8 temporary path");
    load(&[("APP_TOKEN_FILE", path)])
}

fn token_file_problem(path: &Path) -> (String, ProblemKind, String) {
    let path = path.to_str().expect("a UTF-8 temporary path");
    only_problem(&[("APP_TOKEN_FILE", path)])
}

#[test]
fn a_secret_file_that_does_not_exist() {
    let dir = TempDir::new().unwrap();
    // The path of a secret's file is not shown when it may be the secret,
    // pasted there by mistake: when it is not absolute, or its directory
    // does not exist.
    for missing in [
        Path::new("no-such-token").to_owned(),
        dir.path().join("no-such-dir/no-such-token"),
    ] {
        let (var, kind, text) = token_file_problem(&missing);
        assert_eq!(var, "APP_TOKEN");
        assert!(
            matches!(&kind, ProblemKind::FileUnreadable { file_var, path: None, .. }
                if file_var == "APP_TOKEN_FILE"),
            "{kind:?}"
        );
        assert!(
            text.contains(
                "APP_TOKEN: cannot read the file APP_TOKEN_FILE names (<redacted>): \
                 No such file or directory (os error 2)"
            ),
            "{text}"
        );
    }
    // An absolute path in a directory that exists is a path: the operator
    // needs it to fix the mount.
    let missing = dir.path().join("no-such-token");
    let (_, kind, text) = token_file_problem(&missing);
    assert!(
        matches!(&kind, ProblemKind::FileUnreadable { path: Some(path), .. } if *path == missing),
        "{kind:?}"
    );
    assert!(
        text.contains(&format!(
            "APP_TOKEN: cannot read APP_TOKEN_FILE={}: No such file or directory",
            missing.display()
        )),
        "{text}"
    );
    // That of any other variable is shown whatever it is.
    let (var, kind, text) = only_problem(&[("APP_TOKEN", "t"), ("APP_PORT_FILE", "no-such-port")]);
    assert_eq!(var, "APP_PORT");
    assert!(
        matches!(&kind, ProblemKind::FileUnreadable { path: Some(path), .. }
            if path == Path::new("no-such-port")),
        "{kind:?}"
    );
    assert!(
        text.contains("cannot read APP_PORT_FILE=no-such-port"),
        "{text}"
    );
}

#[test]
fn a_secret_file_that_is_a_directory() {
    let dir = TempDir::new().unwrap();
    let (var, _, text) = token_file_problem(dir.path());
    assert_eq!(var, "APP_TOKEN");
    assert!(text.contains("it is a directory"), "{text}");
}

#[test]
fn a_secret_file_without_read_permission() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("token");
    std::fs::write(&path, "s3cret\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root (as in most containers and CI jobs) reads it anyway; then the
    // documented behaviour is that it loads, and the refusal is checked by
    // running the service as `nobody`.
    if std::fs::read(&path).is_ok() {
        let app = token_file(&path).expect("root reads a mode-000 file");
        assert_eq!(app.token.expose_secret(), "s3cret");
        unreadable_as_nobody(dir.path(), &path);
        return;
    }
    let (var, _, text) = token_file_problem(&path);
    assert_eq!(var, "APP_TOKEN");
    assert!(text.contains("ermission denied"), "{text}");
}

/// Runs the service as `nobody` (with `setpriv`, as root) with its
/// database URL in the mode-000 file `path`: a problem naming the variable,
/// the file and the reason.
fn unreadable_as_nobody(dir: &Path, path: &Path) {
    // `nobody` must reach the file for the refusal to be the file's.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let env = Env::new(VALID).set(
        "BILLING_DATABASE_URL_FILE",
        path.to_str().expect("a UTF-8 temporary path"),
    );
    let env = env.unset("BILLING_DATABASE_URL");
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(support::service_binary())
        .env_clear()
        .envs(env.vars.iter().map(|(name, value)| (name, value)))
        .current_dir("/")
        .output();
    let output = match output {
        Ok(output)
            if matches!(output.status.code(), Some(126 | 127))
                || output.status.code().is_none() =>
        {
            eprintln!("skipped: the service cannot be run as nobody here: {output:?}");
            return;
        }
        Ok(output) => output,
        Err(error) => {
            eprintln!("skipped: setpriv is not available: {error}");
            return;
        }
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(78), "{stderr}");
    // The path of a secret's file is shown, since it is surely a path
    // (absolute, in a directory that exists): the operator needs it.
    assert!(
        stderr.contains(&format!(
            "BILLING_DATABASE_URL: cannot read BILLING_DATABASE_URL_FILE={}: Permission denied",
            path.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
}

#[test]
fn an_empty_secret_file_is_set_but_empty() {
    let dir = TempDir::new().unwrap();
    for content in ["", "\n", "\r\n"] {
        let path = dir.path().join("token");
        std::fs::write(&path, content).unwrap();
        let (var, kind, _) = token_file_problem(&path);
        assert_eq!(var, "APP_TOKEN");
        assert_eq!(kind, ProblemKind::Empty, "{content:?}");
    }
}

#[test]
fn one_trailing_newline_is_dropped_from_a_secret_file() {
    let dir = TempDir::new().unwrap();
    let table = [
        ("tok", "tok"),
        ("tok\n", "tok"),
        ("tok\r\n", "tok"),
        ("tok\n\n", "tok\n"),
        (" tok \n", " tok "),
        ("line one\nline two\n", "line one\nline two"),
    ];
    for (content, loaded) in table {
        let path = dir.path().join("token");
        std::fs::write(&path, content).unwrap();
        let app = token_file(&path).unwrap();
        assert_eq!(app.token.expose_secret(), loaded, "{content:?}");
    }
}

#[test]
fn a_huge_secret_file_is_refused_without_reading_it_all() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("token");
    std::fs::write(&path, vec![b'a'; 10 * 1024 * 1024]).unwrap();
    let (var, _, text) = token_file_problem(&path);
    assert_eq!(var, "APP_TOKEN");
    assert!(text.contains("larger than the 1024 KiB limit"), "{text}");

    // At the limit exactly, it loads.
    std::fs::write(&path, vec![b'a'; 1024 * 1024]).unwrap();
    assert_eq!(
        token_file(&path).unwrap().token.expose_secret().len(),
        1 << 20
    );
}

#[test]
fn secret_file_paths_that_lead_nowhere() {
    let dir = TempDir::new().unwrap();
    let dangling = dir.path().join("dangling");
    std::os::unix::fs::symlink(dir.path().join("gone"), &dangling).unwrap();
    let dangling = dangling.to_str().unwrap();
    let long = format!("{}/{}", dir.path().display(), "x".repeat(1 << 20));
    let forging = format!("{}/none\n  APP_FORGED: a problem", dir.path().display());
    // (APP_PORT_FILE, the reason given, how the path is shown)
    let table = [
        (dangling, "No such file or directory", dangling),
        (
            "relative/none",
            "No such file or directory",
            "=relative/none:",
        ),
        (" ", "No such file or directory", "= :"),
        (&long, "File name too long", " bytes in all)"),
        (&forging, "No such file or directory", "none\\n  APP_FORGED"),
    ];
    for (path, reason, shown) in table {
        let (var, kind, text) = only_problem(&[("APP_TOKEN", "t"), ("APP_PORT_FILE", path)]);
        assert_eq!(var, "APP_PORT");
        assert!(
            matches!(&kind, ProblemKind::FileUnreadable { file_var, .. } if file_var == "APP_PORT_FILE"),
            "{kind:?}"
        );
        assert!(text.contains(reason), "{text}");
        assert!(text.contains(shown), "{text}");
        assert!(text.len() < 300, "{} bytes", text.len());
    }
}

#[test]
fn secret_files_that_are_not_plain_files() {
    let dir = TempDir::new().unwrap();
    // A named pipe that nothing writes to would block `open` forever: it is
    // refused before it is opened. A pipe with a writer is refused too, and
    // so is any device, empty or endless.
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let table = [
        (fifo.as_path(), "it is a pipe"),
        (Path::new("/dev/zero"), "it is a device, not a regular file"),
        (Path::new("/dev/null"), "it is a device, not a regular file"),
        (dir.path(), "is a directory"),
    ];
    for (path, reason) in table {
        let (sender, receiver) = std::sync::mpsc::channel();
        let owned = path.to_owned();
        std::thread::spawn(move || sender.send(token_file_problem(&owned)));
        let (var, kind, text) = receiver
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("{} blocks", path.display()));
        assert_eq!(var, "APP_TOKEN");
        assert!(
            matches!(kind, ProblemKind::FileUnreadable { .. }),
            "{kind:?}"
        );
        assert!(text.contains(reason), "{text}");
    }

    // Kubernetes mounts a secret as a symlink through `..data` to a
    // directory named for its version: a regular file after symlinks.
    let version = dir.path().join("..2024_01_01_00_00_00.1");
    std::fs::create_dir(&version).unwrap();
    std::fs::write(version.join("token"), "from-k8s\n").unwrap();
    std::os::unix::fs::symlink(&version, dir.path().join("..data")).unwrap();
    let token = dir.path().join("token");
    std::os::unix::fs::symlink("..data/token", &token).unwrap();
    assert_eq!(
        token_file(&token).unwrap().token.expose_secret(),
        "from-k8s"
    );
}

/// A secret file of any size up to the limit reads back exactly (the buffer
/// it is read into is sized once, never grown).
#[test]
fn secret_files_up_to_the_limit() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("token");
    for size in [1, 51, 52, 53, 4096, 1 << 20] {
        let content = "k".repeat(size);
        std::fs::write(&path, &content).unwrap();
        let app = token_file(&path).unwrap();
        assert_eq!(app.token.expose_secret().len(), size);
    }
    std::fs::write(&path, "k".repeat((1 << 20) + 1)).unwrap();
    let (_, _, text) = token_file_problem(&path);
    assert!(text.contains("larger than the 1024 KiB limit"), "{text}");
}

/// A `NAME_FILE` whose path is not UTF-8 is still a path: the file is read,
/// and a problem names the variable and its `_FILE`.
#[test]
fn a_secret_file_path_that_is_not_utf8() {
    let dir = TempDir::new().unwrap();
    let name = OsStr::from_bytes(b"tok\xffen");
    let path = dir.path().join(name);
    std::fs::write(&path, "from-odd-path\n").unwrap();
    let run = |args: &[&str]| {
        Command::new(support::service_binary())
            .args(args)
            .env_clear()
            .envs(VALID.iter().copied())
            .env_remove("PAYMENT_TOKEN")
            .env("PAYMENT_TOKEN_FILE", &path)
            .output()
            .expect("the service runs")
    };
    let output = run(&["--check-env"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("PAYMENT_TOKEN_FILE"), "{stdout}");
    std::fs::remove_file(&path).unwrap();
    let output = run(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(78), "{stderr}");
    // An absolute path in a directory that exists is shown, as far as it
    // is text.
    assert!(
        stderr.contains(&format!(
            "PAYMENT_TOKEN: cannot read PAYMENT_TOKEN_FILE={}: No such file",
            path.to_string_lossy()
        )),
        "{stderr}"
    );
}

#[test]
fn a_secret_file_that_is_not_utf8() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("token");
    std::fs::write(&path, b"\xff\xfe binary").unwrap();
    let (var, _, text) = token_file_problem(&path);
    assert_eq!(var, "APP_TOKEN");
    assert!(text.contains("not valid UTF-8"), "{text}");
}

#[test]
fn a_variable_and_its_file_both_set() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("token");
    std::fs::write(&path, "from-file").unwrap();
    let path = path.to_str().unwrap();
    let (var, kind, text) = only_problem(&[("APP_TOKEN", "direct"), ("APP_TOKEN_FILE", path)]);
    assert_eq!(var, "APP_TOKEN");
    assert!(matches!(kind, ProblemKind::BothSet { .. }), "{kind:?}");
    assert!(text.contains("APP_TOKEN_FILE"), "{text}");

    // An empty one counts as unset, so the other one is used.
    let app = load(&[("APP_TOKEN", ""), ("APP_TOKEN_FILE", path)]).unwrap();
    assert_eq!(app.token.expose_secret(), "from-file");
    let app = load(&[("APP_TOKEN", "direct"), ("APP_TOKEN_FILE", "")]).unwrap();
    assert_eq!(app.token.expose_secret(), "direct");
}

#[test]
fn a_one_mebibyte_value() {
    let huge = "x".repeat(1 << 20);
    let app = load(&[("APP_TOKEN", "t"), ("APP_NAME", &huge)]).unwrap();
    assert_eq!(app.name.len(), 1 << 20);

    // Invalid, it is quoted cut short: one bad value cannot flood a log.
    let (var, _, text) = only_problem(&[("APP_TOKEN", "t"), ("APP_PORT", &huge)]);
    assert_eq!(var, "APP_PORT");
    assert!(text.len() < 300, "{} bytes", text.len());
    assert!(text.contains("(1048576 bytes in all)"), "{text}");
}

#[test]
fn a_parser_error_that_quotes_a_huge_or_multi_line_value() {
    let huge = "x".repeat(1 << 20);
    for value in [huge.as_str(), "warn\n  APP_FORGED: a problem"] {
        let (var, kind, text) = only_problem(&[("APP_TOKEN", "t"), ("APP_LEVEL", value)]);
        assert_eq!(var, "APP_LEVEL");
        // The problem keeps the parser's reason whole, for programs; its
        // message shows it cut short, on one line.
        assert!(
            matches!(&kind, ProblemKind::Invalid { reason, .. } if reason.starts_with(value)),
            "{text}"
        );
        assert!(text.len() < 1_000, "{} bytes", text.len());
    }
}

#[test]
fn a_list_of_a_hundred_thousand_items() {
    let hosts = vec!["host.example.com"; 100_000].join(",");
    let app = load(&[("APP_TOKEN", "t"), ("APP_HOSTS", &hosts)]).unwrap();
    assert_eq!(app.hosts.map(|hosts| hosts.len()), Some(100_000));
}

#[test]
fn blank_values_lone_separators_and_control_characters() {
    // Only the empty string counts as unset: a value of whitespace is set,
    // and empty once trimmed, which no number is. A list with an empty item
    // names the item.
    // (variable, value, the reason given)
    let table = [
        ("APP_LIMIT", "   ", "not an integer"),
        ("APP_PORT", "\t", "not an integer"),
        ("APP_PORTS", " ", "item 1 is empty"),
        ("APP_PORTS", "1, ,2", "item 2 is empty"),
        ("APP_HOSTS", ",", "item 1 is empty"),
        ("APP_HOSTS", ",,,", "item 1 is empty"),
        ("APP_HOSTS", "a,,b", "item 2 is empty"),
        ("APP_HOSTS", "a,", "item 2 is empty"),
        (
            "APP_PORT",
            "\u{1b}[2J80\n  APP_FORGED: a problem",
            "not an integer",
        ),
    ];
    for (name, value, reason) in table {
        let (var, _, text) = only_problem(&[("APP_TOKEN", "t"), (name, value)]);
        assert_eq!(var, name, "{value:?}");
        assert!(text.contains(reason), "{value:?}: {text}");
        assert!(!text.contains('\u{1b}'), "{value:?}: {text}");
    }

    // Strings are verbatim, control characters and all; list items are
    // trimmed.
    let name = "\u{1b}[31mred\u{7}\r";
    let app = load(&[
        ("APP_TOKEN", "  "),
        ("APP_NAME", name),
        ("APP_PORTS", " 1 , 2 "),
        ("APP_LIMIT", " 7\n"),
        ("APP_LEVEL", "debug"),
    ])
    .unwrap();
    assert_eq!(app.token.expose_secret(), "  ");
    assert_eq!(app.name, name);
    assert_eq!(app.ports, Some(vec![1, 2]));
    assert_eq!(app.limit, Some(7));
    // A parser given with `parse_with` sees the value as it is.
    assert_eq!(app.level.as_deref(), Some("debug"));
}

#[test]
fn awkward_values_are_clear_problems() {
    // Each of these, as APP_PORT, is a problem naming APP_PORT.
    let table = [
        " ",
        "\t\n",
        ",",
        "0x1F",
        "1e3",
        "８０８０", // full-width digits
        "80 80",
        "\u{0}",
        "\u{7}",
        "-0",
        "+65536",
        "99999999999999999999999999999999999999999",
    ];
    for value in table {
        match load(&[("APP_TOKEN", "t"), ("APP_PORT", value)]) {
            // A lone sign on zero is zero.
            Ok(app) if value == "-0" => assert_eq!(app.port, 0),
            Ok(app) => panic!("{value:?} loaded as {}", app.port),
            Err(error) => {
                assert_eq!(error.problems()[0].var(), "APP_PORT", "{value:?}");
            }
        }
    }
}

#[test]
fn ten_thousand_unrelated_variables() {
    let mut env = Env::new(VALID);
    env.vars
        .extend((0..10_000).map(|i| (format!("UNRELATED_{i}"), format!("value {i}"))));
    let run = env.run(&[]);
    assert_eq!(run.code, 0, "{run:?}");

    let check = env.run(&["--check-env"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(!check.stdout.contains("UNRELATED"), "{}", check.stdout);
}

#[test]
fn many_and_huge_unknown_variables_with_the_prefix() {
    let mut env = Env::new(VALID);
    env.vars
        .extend((0..1_000).map(|i| (format!("BILLING_UNKNOWN_{i}"), "x".to_owned())));
    let huge = format!("BILLING_{}", "P".repeat(100_000));
    env.vars.push((huge, "x".to_owned()));
    env.vars.push(("BILLING_PROT".to_owned(), "80".to_owned()));
    let forging = "BILLING_X\n  ok  BILLING_FORGED  environment  \"forged\"";
    env.vars.push((forging.to_owned(), "x".to_owned()));

    let check = env.run(&["--check-env"]);
    // Unknown variables are warnings: the configuration still loads.
    assert_eq!(check.code, 0, "{check:?}");
    let start = check.stdout.get(..2_000).unwrap_or(&check.stdout);
    let warnings = check
        .stdout
        .lines()
        .filter(|line| line.starts_with("warning:"));
    assert_eq!(warnings.count(), 1_003, "{start}");
    // A name with a newline stays on its warning's line.
    assert!(!check.stdout.contains("\n  ok  BILLING_FORGED"), "{start}");
    assert!(
        check
            .stdout
            .contains("warning: BILLING_X\\n  ok  BILLING_FORGED"),
        "{start}"
    );
    assert!(
        check.stdout.contains(
            "BILLING_PROT is set but is not a variable of this configuration; \
             did you mean BILLING_PORT?"
        ),
        "{start}"
    );
    // The huge name is cut short too.
    let longest = check.stdout.lines().map(str::len).max();
    assert!(longest < Some(300), "a line of {longest:?} bytes");
    assert!(
        check.stdout.contains("... (100008 bytes in all)"),
        "{start}"
    );
}

#[test]
fn bytes_that_are_not_utf8_in_the_process_environment() {
    let env = Env::new(VALID);
    let not_utf8 = OsStr::from_bytes(b"80\xff80");

    // A value: a problem naming the variable.
    let run = env.run_with(&[], &[(OsStr::new("BILLING_PORT"), not_utf8)]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stderr
            .contains("BILLING_PORT: value is not valid UTF-8; expected integer 0..=65535"),
        "{}",
        run.stderr
    );
    let check = env.run_with(&["--check-env"], &[(OsStr::new("BILLING_PORT"), not_utf8)]);
    assert_eq!(check.code, 78, "{check:?}");
    assert!(check.stdout.contains("not valid UTF-8"), "{}", check.stdout);

    // A name: no field can have it, so it is ignored, as any unrelated
    // variable is.
    let name = OsStr::from_bytes(b"BILLING_\xffPORT");
    for args in [&[][..], &["--check-env"]] {
        let run = env.run_with(args, &[(name, OsStr::new("1"))]);
        assert_eq!(run.code, 0, "{args:?}: {run:?}");
    }
}

/// Marks a run of this test binary as a child of
/// `from_env_in_a_real_process_environment`; its value names the case.
const CHILD_CASE: &str = "ENVCONFIG_FAULTS_CHILD_CASE";

/// Runs `from_env_in_a_child` in a new process of this test binary with
/// `vars` as its whole environment: names and values that are not UTF-8
/// cannot be given to `from_vars`, and this process's own environment is
/// not the tests' to change.
fn run_child(case: &str, vars: Vec<(OsString, OsString)>) {
    let output = Command::new(std::env::current_exe().expect("the test binary has a path"))
        .args(["--exact", "from_env_in_a_child", "--nocapture"])
        .env_clear()
        .envs(vars)
        .env(CHILD_CASE, case)
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{case}: {}\n{stdout}{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

fn os_var(name: &[u8], value: &[u8]) -> (OsString, OsString) {
    (
        OsString::from_vec(name.to_vec()),
        OsString::from_vec(value.to_vec()),
    )
}

#[test]
fn from_env_in_a_real_process_environment() {
    // Names that are not UTF-8 belong to no field and are ignored, among
    // 10 000 unrelated variables.
    let mut crowded: Vec<(OsString, OsString)> = (0..10_000)
        .map(|i| os_var(format!("UNRELATED_{i}").as_bytes(), b"value"))
        .collect();
    crowded.extend([
        os_var(b"APP_TOKEN", b"t"),
        os_var(b"APP_\xffPORT", b"1"),
        os_var(b"APP_PORT\xff", b"x"),
        os_var(b"\xff\xfe", b"\xff"),
    ]);
    run_child("loads", crowded);

    // `from_env` reads the process environment through its own source:
    // the `NAME`/`NAME_FILE` rule must be the same as `from_vars`'s.
    let dir = TempDir::new().expect("a temporary directory");
    let secret = dir.path().join("token");
    std::fs::write(&secret, "from-file\n").expect("the secret file is written");
    let secret = secret.as_os_str().as_bytes();
    let missing = dir.path().join("missing");
    for vars in [
        vec![
            os_var(b"APP_TOKEN", b"t"),
            os_var(b"APP_TOKEN_FILE", secret),
        ],
        vec![os_var(b"APP_TOKEN", b""), os_var(b"APP_TOKEN_FILE", secret)],
        vec![os_var(b"APP_TOKEN", b"t"), os_var(b"APP_TOKEN_FILE", b"")],
        vec![os_var(b"APP_TOKEN_FILE", secret), os_var(b"APP_PORT", b"")],
        vec![os_var(b"APP_TOKEN_FILE", missing.as_os_str().as_bytes())],
        vec![os_var(b"APP_TOKEN", b""), os_var(b"APP_PROT", b"80")],
        vec![
            os_var(b"APP_TOKEN", b"t"),
            os_var(b"APP_PORT", b"http"),
            os_var(b"APP_PORT_FILE", secret),
            os_var(b"APP_LIMIT", b""),
            os_var(b"APP_PORTS", b"1,x"),
        ],
    ] {
        run_child("same_as_from_vars", vars);
    }

    run_child(
        "not_utf8",
        vec![
            os_var(b"APP_TOKEN_FILE", b"/run/secrets/\xfftoken"),
            os_var(b"APP_PORT", b"80\xff80"),
            os_var(b"APP_HOSTS", b"a,\xfe"),
            os_var(b"APP_NAME", b"fine"),
        ],
    );
}

/// The child of `from_env_in_a_real_process_environment`: on its own, with
/// no case to check, it does nothing.
#[test]
fn from_env_in_a_child() {
    let Some(case) = std::env::var_os(CHILD_CASE) else {
        return;
    };
    let loaded = App::from_env();
    match case.to_str() {
        Some("loads") => {
            let app = loaded.expect("the environment loads");
            assert_eq!(app.token.expose_secret(), "t");
            assert_eq!(app.port, 8080);
        }
        Some("same_as_from_vars") => {
            let vars: Vec<(String, String)> = std::env::vars().collect();
            let outcome = |loaded: Result<App, Error>| match loaded {
                Ok(app) => format!("{} {app:?}", app.token.expose_secret()),
                Err(error) => error.to_string(),
            };
            assert_eq!(outcome(loaded), outcome(App::from_vars(&vars)));
        }
        Some("not_utf8") => {
            let error = loaded.expect_err("values that are not UTF-8 do not load");
            assert_one_line_per_problem(&error);
            let problems: Vec<(&str, &ProblemKind)> = error
                .problems()
                .iter()
                .map(|problem| (problem.var(), problem.kind()))
                .collect();
            // Every value is read as text, but the path in a `_FILE`
            // variable is a path: one that is not UTF-8 is still opened, and
            // the problem says which `_FILE` could not be read.
            assert!(
                matches!(
                    problems[0],
                    ("APP_TOKEN", ProblemKind::FileUnreadable { file_var, .. })
                        if file_var == "APP_TOKEN_FILE"
                ),
                "{problems:?}"
            );
            assert_eq!(
                problems[1..],
                [
                    ("APP_PORT", &ProblemKind::NotUnicode),
                    ("APP_HOSTS", &ProblemKind::NotUnicode),
                ]
            );
            assert!(
                error
                    .to_string()
                    .contains("APP_PORT: value is not valid UTF-8; expected integer 0..=65535"),
                "{error}"
            );
        }
        other => panic!("unknown case {other:?}"),
    }
}

/// The `--check-env` report line of `var`, with runs of spaces collapsed.
/// The report line of `var` with `dotenv` as `.env`, without the line
/// number of its origin (`.env:3` is `.env`).
fn checked(env: &Env, dotenv: &str, var: &str) -> String {
    env.file(".env", dotenv);
    let run = env.run(&["--check-env"]);
    assert_eq!(run.code, 0, "{dotenv:?}: {run:?}");
    let line = run.report_line(var);
    match line.split_once(" .env:") {
        Some((start, rest)) => {
            let after_number = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            format!("{start} .env{after_number}")
        }
        None => line,
    }
}

#[test]
fn dotenv_syntax() {
    let env = Env::new(&[
        ("BILLING_DATABASE_URL", "postgres://db"),
        ("PAYMENT_TOKEN", "t"),
    ]);
    let hosts = "BILLING_ALLOWED_HOSTS";
    // (the .env file, what --check-env shows as BILLING_ALLOWED_HOSTS)
    let table = [
        ("BILLING_ALLOWED_HOSTS=a,b\n", r#""a,b""#),
        ("\u{feff}BILLING_ALLOWED_HOSTS=a,b\n", r#""a,b""#),
        (
            "BILLING_ALLOWED_HOSTS=a,b\r\nBILLING_DEBUG=true\r\n",
            r#""a,b""#,
        ),
        ("export BILLING_ALLOWED_HOSTS=a,b\n", r#""a,b""#),
        ("BILLING_ALLOWED_HOSTS='a, b'\n", r#""a, b""#),
        ("BILLING_ALLOWED_HOSTS=\"a,\\\"b\\\"\"\n", r#""a,\"b\"""#),
        ("BILLING_ALLOWED_HOSTS=\"a\\nb\"\n", r#""a\nb""#),
        ("BILLING_ALLOWED_HOSTS='a\\nb'\n", r#""a\\nb""#),
        ("BILLING_ALLOWED_HOSTS=a=b,c\n", r#""a=b,c""#),
        (
            "# a comment\n\nBILLING_ALLOWED_HOSTS=a # and another\n",
            r#""a""#,
        ),
        ("BILLING_ALLOWED_HOSTS = a,b\n", r#""a,b""#),
    ];
    for (dotenv, shown) in table {
        assert_eq!(
            checked(&env, dotenv, hosts),
            format!("ok {hosts} .env {shown}"),
            "{dotenv:?}"
        );
    }
    // (the .env file, the variable, its report line)
    let table = [
        // CRLF line ends are not part of the values.
        (
            "BILLING_ALLOWED_HOSTS=a\r\nBILLING_DEBUG=yes\r\n",
            "BILLING_DEBUG",
            r#"ok BILLING_DEBUG .env "yes""#,
        ),
        // The last of two wins, as when a shell sources the file.
        (
            "BILLING_ALLOWED_HOSTS=a\nBILLING_DEBUG=on\nBILLING_DEBUG=off\n",
            "BILLING_DEBUG",
            r#"ok BILLING_DEBUG .env "off""#,
        ),
        // `${NAME}` is expanded from the lines above.
        (
            "HOST=a\nBILLING_ALLOWED_HOSTS=${HOST},b\n",
            hosts,
            r#"ok BILLING_ALLOWED_HOSTS .env "a,b""#,
        ),
        // Empty is unset, here too.
        (
            "BILLING_ALLOWED_HOSTS=a\nBILLING_PORT=\n",
            "BILLING_PORT",
            "default BILLING_PORT default 8080",
        ),
        // The real environment wins.
        (
            "BILLING_ALLOWED_HOSTS=a\nPAYMENT_TOKEN=from-the-file\n",
            "PAYMENT_TOKEN",
            "ok PAYMENT_TOKEN environment <redacted>",
        ),
    ];
    for (dotenv, var, line) in table {
        assert_eq!(checked(&env, dotenv, var), line, "{dotenv:?}");
    }

    // Old Mac line ends (a lone CR) are not line ends to dotenvy: the
    // value runs on, and is invalid rather than silently skipped.
    env.file(
        ".env",
        "BILLING_ALLOWED_HOSTS=a\nBILLING_PORT=1\rBILLING_DEBUG=1\r",
    );
    let run = env.run(&[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stderr.contains(
            r#"BILLING_PORT (from .env:2): invalid value "1\rBILLING_DEBUG=1": not an integer"#
        ),
        "{}",
        run.stderr
    );
}

/// A huge `.env` is read in one pass: a malformed line at its end is found
/// as fast as the file is parsed. (What each malformed line says is the
/// scanner's unit table, and `tests/cli.rs` end to end.)
#[test]
fn a_long_dotenv_file() {
    let env = Env::new(&[]);
    let mut long: String = (0..20_000)
        .map(|i| format!("VAR_{i}=value-{i}\n"))
        .collect();
    long.push_str("# the end\nnot a variable\n");
    env.file(".env", &long);
    let run = env.run(&[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stderr.starts_with(
            "warning: .env:20002: unexpected text between the name and `=`; the line is ignored\n"
        ),
        "{}",
        run.stderr
    );

    // A line that is not UTF-8 is its variable's problem, named with the
    // line, never the text; the rest of the file is read.
    std::fs::write(env.dir.path().join(".env"), b"# ok\nBILLING_PORT=80\xff\n").unwrap();
    let run = env.run(&[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.stderr
            .contains("BILLING_PORT (from .env:2): malformed line: not valid UTF-8"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("80"), "{}", run.stderr);
}
