//! A deployment's env file read alone: what each line sets, what stays
//! unchecked or external, and that the file settles it on every machine.

use std::path::Path;

use secrecy::SecretString;
use tempfile::TempDir;

use super::{EnvFile, EnvFormat};
use crate::config::Config;
use crate::provenance::Provenance;
use crate::report::Subject;
use crate::source::{Lookup, Unusable, VarName, Variables};

#[allow(dead_code)]
#[derive(crate::Config)]
struct Q7 {
    secret_q7: SecretString,
}

/// What `name` looks up to, in words.
fn lookup(file: &EnvFile, name: &str) -> String {
    let mut var = VarName::default();
    var.set(&[name]);
    match file.lookup(&var) {
        Lookup::Value(value, origin) => format!("{} at {}", &*value, at(&origin)),
        Lookup::Unchecked(reason, _) => format!("unchecked: {reason}"),
        Lookup::External(from, _) => format!("external: {from}"),
        Lookup::Unusable(Unusable::Malformed { origin, reason }) => {
            format!("malformed at {}: {reason}", at(&origin))
        }
        Lookup::Unusable(Unusable::BothSet { file_var, origin }) => {
            format!("both set: {file_var} and the line at {}", at(&origin))
        }
        Lookup::Unset => "unset".to_owned(),
        _ => "other".to_owned(),
    }
}

/// Where a line is, by the file's name alone.
fn at(origin: &Provenance) -> String {
    match origin {
        Provenance::EnvFile { path, line } => {
            format!("{}:{line}", path.file_name().unwrap_or_default().display())
        }
        other => other.label().to_string(),
    }
}

/// The warnings as an operator reads them.
fn said(file: &EnvFile) -> Vec<String> {
    file.warnings().iter().map(ToString::to_string).collect()
}

/// The warnings, with the file's directory `dir` left out of its path.
fn said_in(dir: &TempDir, file: &EnvFile) -> Vec<String> {
    let in_dir = format!("{}/", dir.path().display());
    said(file)
        .iter()
        .map(|warning| warning.replace(&in_dir, ""))
        .collect()
}

/// `text` as the file `f.env` in `format`, for a configuration whose
/// secret is `SECRET_Q7`.
fn read_as(text: &str, format: EnvFormat) -> (TempDir, EnvFile) {
    let dir = TempDir::new().expect("a temporary directory");
    let path = dir.path().join("f.env");
    std::fs::write(&path, text).expect("the file is written");
    let file = EnvFile::read(&path, format, false, &Q7::docs()).expect("the file is read");
    (dir, file)
}

fn alone(text: &str) -> (TempDir, EnvFile) {
    read_as(text, EnvFormat::Dotenv)
}

#[test]
fn every_malformed_line_is_kept_with_its_line_and_reason() {
    let (_dir, file) = alone("A=1\nB=https://a, https://b\nC D\n\nE='open\nF=2\n");
    assert_eq!(lookup(&file, "A"), "1 at f.env:1");
    assert!(
        lookup(&file, "B").starts_with("malformed at f.env:2: "),
        "{}",
        lookup(&file, "B")
    );
    assert!(
        lookup(&file, "E").starts_with("malformed at f.env:5: "),
        "{}",
        lookup(&file, "E")
    );
    let warnings = said(&file);
    assert!(
        warnings.iter().any(|w| w
            .ends_with("f.env:3: unexpected text between the name and `=`; the line is ignored")),
        "{warnings:?}"
    );
}

/// A secret's value with a `$` in it (a generated password) seems to
/// expand a name, which is part of the secret: the reason and the warning
/// never name it.
#[test]
fn a_secret_value_with_a_dollar_is_never_quoted() {
    let (_dir, file) = alone("SECRET_Q7=pa$sw0rdQ7\nPLAIN=a$b0Q7\n");
    let secret = lookup(&file, "SECRET_Q7");
    assert!(secret.starts_with("unchecked: "), "{secret}");
    assert!(!secret.contains("sw0rd"), "{secret}");
    assert_eq!(
        lookup(&file, "PLAIN"),
        "unchecked: its value expands ${b0Q7}, which the file does not set above it"
    );
    let warnings = said(&file);
    assert!(
        warnings.iter().all(|w| !w.contains("sw0rd")),
        "{warnings:?}"
    );
}

/// A malformed line does not change what dotenvy expands its name to: the
/// earlier line's value, which a later line copies, with what that value
/// copied.
#[test]
fn a_malformed_line_keeps_what_its_name_expands_to() {
    let (_dir, file) = alone(
        "TOKEN_Q7=s3cret\nOTHER=${TOKEN_Q7}\nOTHER=a b\nCOPY=${OTHER}\n\
         LATE=${UNSET_Q7}\nLATE=a b\nCOPY2=${LATE}\n",
    );
    assert_eq!(lookup(&file, "COPY"), "s3cret at f.env:4");
    assert!(file.copying_secrets(&["TOKEN_Q7"]).contains("COPY"));
    assert_eq!(
        lookup(&file, "COPY2"),
        "unchecked: its value expands ${LATE}, which is not checked"
    );
    assert!(lookup(&file, "LATE").starts_with("malformed at f.env:6"));
}

/// Alone, a file expands only what it sets above: never the checking
/// machine's variables (`HOME`, `PATH`), so every machine agrees.
#[test]
fn alone_a_file_expands_only_what_it_sets_above() {
    let (_dir, file) = alone(
        "TOKEN_Q7=s3cret\nCOPY=${TOKEN_Q7}\nCOPY2=x${COPY}\n\
         EARLY=${LATER_Q7}\nLATER_Q7=1\nMINE=$HOME\n",
    );
    assert_eq!(lookup(&file, "COPY"), "s3cret at f.env:2");
    let copying = file.copying_secrets(&["TOKEN_Q7"]);
    assert!(copying.contains("COPY") && copying.contains("COPY2"));
    assert_eq!(
        lookup(&file, "EARLY"),
        "unchecked: its value expands ${LATER_Q7}, which the file does not set above it"
    );
    assert_eq!(
        lookup(&file, "MINE"),
        "unchecked: its value expands ${HOME}, which the file does not set above it"
    );
}

/// What is kept of `${NAME}` copies grows with the file, not with the
/// product of its lines.
#[test]
fn copies_stay_in_proportion_to_the_file() {
    let refs: String = (0..1000).map(|i| format!("$n{i}")).collect();
    let mut text = format!("A={refs}\n");
    for k in 0..1000 {
        text += &format!("B{k}=$A\n");
    }
    let (_dir, file) = alone(&text);
    let stored: usize = file
        .entries
        .copies()
        .iter()
        .map(|(_, copies)| copies.len())
        .sum();
    assert!(
        stored <= text.len(),
        "{stored} names kept for a file of {} bytes",
        text.len()
    );
}

/// A 300-byte file whose lines each double the one above: dotenvy would
/// make 32 MiB of values of it (and of 40 such lines, 8 TiB).
#[test]
fn expansions_that_could_exhaust_memory_are_refused() {
    let dir = TempDir::new().expect("a temporary directory");
    let path = dir.path().join("bomb.env");
    let mut text = "X0=xxxxxxxx\n".to_owned();
    for k in 1..22 {
        text += &format!("X{k}=$X{}$X{}\n", k - 1, k - 1);
    }
    std::fs::write(&path, &text).expect("a temporary file");
    let Err(error) = EnvFile::read(&path, EnvFormat::Dotenv, false, &Q7::docs()) else {
        panic!("a {}-byte file was read", text.len());
    };
    assert!(error.to_string().contains("exceed"), "{error}");
}

/// The last line wins: a later line that sets the name to a plain value is
/// what the deployment loads, so it is checked.
#[test]
fn a_later_line_replaces_an_unchecked_one() {
    let (_dir, file) = alone("PORT=${NOT_SET_ANYWHERE_Q9}\nPORT=notaport\n");
    assert_eq!(lookup(&file, "PORT"), "notaport at f.env:2");
}

/// A value that copies a name whose own value is unchecked is unchecked
/// too, and the checking machine's value is never shown.
#[test]
fn a_copy_of_an_unchecked_value_is_unchecked() {
    let (_dir, file) = alone("BASE=${PATH}\nPORT=${BASE}\n");
    assert!(lookup(&file, "BASE").starts_with("unchecked"));
    assert_eq!(
        lookup(&file, "PORT"),
        "unchecked: its value expands ${BASE}, which is not checked"
    );
}

/// A `NAME_FILE` in the file alone names a path in the container: its
/// value is external, whatever this machine has at that path.
#[test]
fn a_file_path_alone_is_external() {
    let (_dir, file) = alone("SECRET_Q7_FILE=/etc/hostname\n");
    assert!(
        lookup(&file, "SECRET_Q7").starts_with("external: "),
        "{}",
        lookup(&file, "SECRET_Q7")
    );
}

/// A `NAME_FILE` that names a path sets `NAME`, whatever the file holds,
/// as a start finds it set: the loader warns of it as of any set variable
/// (an alias, a deprecation, a group that is off). An empty one sets
/// nothing.
#[test]
fn a_file_path_sets_its_variable() {
    let (_dir, file) = alone("SECRET_Q7_FILE=/etc/hostname\nEMPTY_FILE=\n");
    let var = |name: &str| {
        let mut var = VarName::default();
        var.set(&[name]);
        var
    };
    assert!(file.names_unopened_file(&var("SECRET_Q7")));
    assert!(!file.names_unopened_file(&var("EMPTY")));
    assert!(!file.names_unopened_file(&var("OTHER")));
}

/// `docker run --env-file`: every value literal, a bare name external.
#[test]
fn a_docker_file_takes_values_literally() {
    let (_dir, file) = read_as(
        "A=\"quoted\" $B\n# note\nBARE\n  C = x\n",
        EnvFormat::Docker,
    );
    assert_eq!(lookup(&file, "A"), "\"quoted\" $B at f.env:1");
    assert!(lookup(&file, "BARE").starts_with("external: "));
    assert!(lookup(&file, "B").starts_with("unset"));
}

/// The names after a secret's malformed line (a key pasted without
/// quotes) are part of the secret: never shown, not even as names.
#[test]
fn lines_after_a_pasted_secret_are_hidden() {
    let (_dir, file) = alone("SECRET_Q7=-----BEGIN KEY\nMIIBOgIBAAJBAKj34\nPLAIN=1\n");
    let names: Vec<&str> = Subject::names(&file).into_iter().map(|(n, _)| n).collect();
    assert!(!names.iter().any(|n| n.contains("MIIB")), "{names:?}");
    let _ = Path::new("f.env");
}

/// Warnings are kept about the configuration's names only, and a line that
/// a later one replaces is no longer warned about: a file of a million
/// lines that set one name warns once, not a million times.
#[test]
fn warnings_are_about_the_configurations_names_and_last_lines() {
    let (dir, file) = alone(
        "SECRET_Q7=${A}\nSECRET_Q7=${ B }\nSECRET_Q7=${C}\n\
         OTHER=${A}\nOTHER=${ B }\nOTHER=1\nOTHER=2\n",
    );
    assert_eq!(
        said_in(&dir, &file),
        [
            "f.env:3: SECRET_Q7 is not checked: its value expands ${...}, which the file \
             does not set above it",
            "f.env sets SECRET_Q7 more than once; the last one is used",
        ]
    );
}

/// `docker run --env-file` refuses the whole file at any line it cannot
/// read, whatever the lines after it: one that sets the same name again
/// (to a value, bare, or refused too) does not take the refusal back.
#[test]
fn a_docker_file_keeps_every_refused_line() {
    let long = "x".repeat(64 * 1024);
    let (_dir, file) = read_as(
        &format!("A={long}\nA=1\nB={long}\nB\nC={long}\nC={long}\nD=1\n"),
        EnvFormat::Docker,
    );
    let refused: Vec<String> = file
        .errors()
        .iter()
        .map(|error| error.at.as_ref().map(at).unwrap_or_default())
        .collect();
    assert_eq!(refused, ["f.env:1", "f.env:3", "f.env:5", "f.env:6"]);
    // What a later line sets is still what it sets.
    assert_eq!(lookup(&file, "A"), "1 at f.env:2");
}

/// A NUL byte is no refusal of docker's: it passes the lines on, and the
/// runtime keeps the last line of each name (runc's `prepareEnv`), failing
/// the start only on a NUL in that one.
#[test]
fn a_nul_byte_fails_the_start_only_in_the_last_line_of_its_name() {
    let (_dir, file) = read_as(
        "A=\0\nA=1\nB=1\nB=\0\nC=\0\nC=\0\n\0D=1\n",
        EnvFormat::Docker,
    );
    let errors: Vec<String> = file
        .errors()
        .iter()
        .map(|error| {
            let at = error.at.as_ref().map(at).unwrap_or_default();
            format!("{at}: {}", error.message)
        })
        .collect();
    let nul = "a NUL byte, which no process environment can hold; the container would not start";
    assert_eq!(
        errors,
        [
            format!("f.env:4: {nul}"),
            format!("f.env:6: {nul}"),
            format!("f.env:7: {nul}")
        ]
    );
}

/// A value that depends on what the file does not settle, but holds text
/// of its own, is set whatever that turns out to be (an expansion only
/// adds text): with its `NAME` or `NAME_FILE` companion set too, both are,
/// which no start accepts. One that may turn out empty leaves its
/// companion unchecked, not checked as if it were alone.
#[test]
fn an_unchecked_companion_that_holds_text_is_set() {
    let (_dir, file) =
        alone("A=1\nA_FILE=${X}/a\nB=${X}b\nB_FILE=/b\nC=1\nC_FILE=${X}\nD=${X}\nD_FILE=/d\n");
    assert_eq!(
        lookup(&file, "A"),
        "both set: A_FILE and the line at f.env:1"
    );
    assert_eq!(
        lookup(&file, "B"),
        "both set: B_FILE and the line at f.env:3"
    );
    assert_eq!(
        lookup(&file, "C"),
        "unchecked: C_FILE may be set too: its value expands ${X}, which the file does not \
         set above it"
    );
    assert_eq!(
        lookup(&file, "D"),
        "unchecked: its value expands ${X}, which the file does not set above it"
    );
}

/// docker keeps a value's quotes, which a dotenv file or a shell would
/// take off: a quoted value of the configuration is a warning, naming the
/// line and never the value. A later line of the name makes it moot;
/// names outside the configuration are not its business.
#[test]
fn a_quoted_value_of_a_docker_file_is_a_warning() {
    let quoted = |text: &str| {
        let (dir, file) = read_as(text, EnvFormat::Docker);
        said_in(&dir, &file)
    };
    assert_eq!(
        quoted("SECRET_Q7=\"canary\"\nOTHER='x'\n"),
        [
            "f.env:1: SECRET_Q7's value is in quotes, which docker run --env-file keeps as \
             part of the value (write it without them)"
        ]
    );
    assert_eq!(
        quoted("SECRET_Q7='canary'\nSECRET_Q7=canary\n"),
        ["f.env sets SECRET_Q7 more than once; the last one is used"]
    );
    for unquoted in ["\"", "'canary\"", "\"canary", "canary\"\"x", ""] {
        assert_eq!(
            quoted(&format!("SECRET_Q7={unquoted}\n")),
            [""; 0],
            "{unquoted}"
        );
    }
    // In a dotenv file, quotes are syntax.
    assert_eq!(said(&alone("SECRET_Q7=\"canary\"\n").1), [""; 0]);
}

/// A bare name of a docker file is the deploying shell's, which may or
/// may not have it: beside a line of its companion (`NAME` and
/// `NAME_FILE`), both are set if it has it, which no start accepts, so
/// the variable is unchecked, not taken from the line.
#[test]
fn a_bare_companion_of_a_docker_file_leaves_the_variable_unchecked() {
    let from = "from the environment of the shell that runs `docker run` (a bare name in the file)";
    let (_dir, file) = read_as("SECRET_Q7=canary\nSECRET_Q7_FILE\n", EnvFormat::Docker);
    assert_eq!(
        lookup(&file, "SECRET_Q7"),
        format!("unchecked: SECRET_Q7_FILE may be set too: {from}")
    );
    let (_dir, file) = read_as("SECRET_Q7\nSECRET_Q7_FILE=/run/k\n", EnvFormat::Docker);
    assert_eq!(
        lookup(&file, "SECRET_Q7"),
        format!("unchecked: SECRET_Q7_FILE is set, and SECRET_Q7 may be too: {from}")
    );
    // Alone, a bare name is external.
    let (_dir, file) = read_as("SECRET_Q7\n", EnvFormat::Docker);
    assert_eq!(lookup(&file, "SECRET_Q7"), format!("external: {from}"));
    // Below a line that sets it, beside its NAME_FILE: both are set,
    // unless the shell has it empty.
    let (_dir, file) = read_as(
        "SECRET_Q7=canary\nSECRET_Q7\nSECRET_Q7_FILE=/run/k\n",
        EnvFormat::Docker,
    );
    assert_eq!(
        lookup(&file, "SECRET_Q7"),
        format!(
            "unchecked: SECRET_Q7_FILE is set, and SECRET_Q7 may be too: {from}, or from line 1 \
             when that shell has none"
        )
    );
    // Below a line that sets it, that line stands when the shell has none,
    // and the warning that it is set twice says so.
    let (dir, file) = read_as("SECRET_Q7=canary\nSECRET_Q7\n", EnvFormat::Docker);
    assert_eq!(
        lookup(&file, "SECRET_Q7"),
        format!("external: {from}, or from line 1 when that shell has none")
    );
    assert_eq!(
        said_in(&dir, &file),
        [
            "f.env sets SECRET_Q7 more than once; the last time as a bare name, which takes \
             the value of the shell that runs `docker run`, or line 1's when that shell has none"
        ]
    );
    // A line after the bare name is the last: it is used.
    let (dir, file) = read_as("SECRET_Q7=a\nSECRET_Q7\nSECRET_Q7=b\n", EnvFormat::Docker);
    assert_eq!(
        said_in(&dir, &file),
        ["f.env sets SECRET_Q7 more than once; the last one is used"]
    );
}

/// Whether a variable set to what the file does not settle may still be
/// unset or empty at a start (a group it alone switches on may be off):
/// a value that may expand to nothing, a bare name of a docker file; not
/// one with text of its own, nor one whose companion is surely set.
#[test]
fn what_may_be_unset_at_a_start() {
    let shell = "it is taken from the environment of the shell that runs `docker run` (a bare \
                 name in the file)";
    let unsettled = "its value expands ${X}, which the file does not set above it";
    let cases: [(&str, EnvFormat, Option<String>); 13] = [
        (
            "A=${X}\n",
            EnvFormat::Dotenv,
            Some(format!("A may be empty: {unsettled}")),
        ),
        (
            "B=${X}\nA=${B}\n",
            EnvFormat::Dotenv,
            Some("A may be empty: its value expands ${B}, which is not checked".to_owned()),
        ),
        ("A=${X}/cert.pem\n", EnvFormat::Dotenv, None),
        ("A=\"${X} \"\n", EnvFormat::Dotenv, None),
        ("A=lit\n", EnvFormat::Dotenv, None),
        (
            "A_FILE=${X}\n",
            EnvFormat::Dotenv,
            Some(format!("A_FILE may be empty: {unsettled}")),
        ),
        ("A=lit\nA_FILE=${X}\n", EnvFormat::Dotenv, None),
        (
            "A\n",
            EnvFormat::Docker,
            Some(format!("A may be unset: {shell}")),
        ),
        (
            "A_FILE\n",
            EnvFormat::Docker,
            Some(format!("A_FILE may be unset: {shell}")),
        ),
        ("A\nA_FILE=/run/a\n", EnvFormat::Docker, None),
        // Docker leaves a bare name out when the shell lacks it: the line
        // above stands, and the variable is set either way.
        ("A=lit\nA\n", EnvFormat::Docker, None),
        (
            "A=\nA\n",
            EnvFormat::Docker,
            Some(format!("A may be unset: {shell}")),
        ),
        ("A=${X}\n", EnvFormat::Docker, None),
    ];
    let mut var = VarName::default();
    var.set(&["A"]);
    for (text, format, expected) in cases {
        let (_dir, file) = read_as(text, format);
        assert_eq!(file.may_be_unset(&var), expected, "{text:?} as {format:?}");
    }
}
