//! The reader against kubectl: what `kubectl label --local -f FILE x=y -o
//! json` made of each case of [`cases`], recorded in
//! `tests/data/kubectl/yaml-answers.jsonl` (with kubectl's version) by
//! `scripts/kubectl-yaml-answers.sh`, and what the reader makes of it,
//! from the file's bytes decoded as the CLI decodes them.
//!
//! The reader refuses exactly the streams kubectl refuses, at the same
//! document (kubectl printed the documents before it) and line (where
//! kubectl names one); and reads every document kubectl prints into the
//! same tree: the same keys, each value a string of the same text, a
//! number, a boolean or null as kubectl's JSON has it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value as Json, json};

use super::chunks::Chunks;
use super::*;

#[path = "yaml_kubectl_cases_tests.rs"]
mod cases;

/// The command each case was given to.
const COMMAND: &str = "kubectl label --local -f FILE x=y -o json";

fn answers_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kubectl/yaml-answers.jsonl")
}

/// kubectl's answer to one case.
struct Answer {
    /// The objects kubectl printed, before its error if any.
    objects: Vec<Json>,
    /// Its error.
    refused: Option<String>,
}

/// Asks kubectl about every case, and writes its answers to the file that
/// `KUBECTL_YAML_ANSWERS` names; without it, compares them with the
/// recorded answers, kubectl's version aside. `KUBECTL` names kubectl if
/// it is not the one on the path. `scripts/kubectl-yaml-answers.sh` runs
/// it.
#[test]
#[ignore = "runs kubectl; scripts/kubectl-yaml-answers.sh runs it"]
fn ask_kubectl() {
    let kubectl = std::env::var_os("KUBECTL").unwrap_or_else(|| "kubectl".into());
    let header = kubectl_version(&kubectl);
    let cases = cases::cases();
    let answers = kubectl_answers(&kubectl, &cases);
    if let Some(out) = std::env::var_os("KUBECTL_YAML_ANSWERS") {
        let mut lines = vec![header];
        lines.extend(answers);
        lines.push(String::new());
        std::fs::write(out, lines.join("\n")).expect("the answers are written");
        return;
    }
    let recorded = std::fs::read_to_string(answers_path()).expect("the recorded answers");
    let mut recorded = recorded.lines();
    let recorded_header = recorded.next().unwrap_or_default();
    let recorded: Vec<&str> = recorded.collect();
    assert_eq!(
        recorded.len(),
        cases.len(),
        "the cases changed: run scripts/kubectl-yaml-answers.sh"
    );
    let changed: Vec<&str> = cases
        .iter()
        .zip(answers.iter().zip(recorded))
        .filter(|(_, (answer, recorded))| answer != recorded)
        .map(|(case, _)| case.name.as_str())
        .collect();
    let version = |header: &str| {
        let header: Json = serde_json::from_str(header).unwrap_or_default();
        header["kubectl"].as_str().unwrap_or("?").to_owned()
    };
    assert!(
        changed.is_empty(),
        "kubectl {} answers {} of {} cases otherwise than kubectl {} did: {changed:?}; \
         scripts/kubectl-yaml-answers.sh records its answers",
        version(&header),
        changed.len(),
        cases.len(),
        version(recorded_header),
    );
}

/// The first line of the answers: kubectl's version and the command.
fn kubectl_version(kubectl: &OsStr) -> String {
    let version = Command::new(kubectl)
        .args(["version", "--client", "-o", "json"])
        .output()
        .expect("kubectl runs");
    let version: Json = serde_json::from_slice(&version.stdout).expect("kubectl's version");
    let client = &version["clientVersion"];
    json!({
        "kubectl": client["gitVersion"],
        "go": client["goVersion"],
        "command": COMMAND,
    })
    .to_string()
}

/// kubectl's answer to each case, as a line of the answers; a few cases
/// at a time, each in a file of its own.
fn kubectl_answers(kubectl: &OsStr, cases: &[cases::Case]) -> Vec<String> {
    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let share = cases.len().div_ceil(workers).max(1);
    let mut answers = vec![String::new(); cases.len()];
    std::thread::scope(|scope| {
        let shares = cases.chunks(share).zip(answers.chunks_mut(share));
        for (worker, (cases, answers)) in shares.enumerate() {
            let file = dir.path().join(format!("case-{worker}.yaml"));
            scope.spawn(move || {
                for (case, answer) in cases.iter().zip(answers) {
                    *answer = kubectl_answer(kubectl, &file, case);
                }
            });
        }
    });
    answers
}

/// What `kubectl label --local -f FILE x=y -o json` makes of a case
/// written to `file`: the objects it prints, without the label it adds,
/// and its error.
fn kubectl_answer(kubectl: &OsStr, file: &Path, case: &cases::Case) -> String {
    std::fs::write(file, case.file()).expect("the case is written");
    let output = Command::new(kubectl)
        .args(["label", "--local", "-f"])
        .arg(file)
        .args(["x=y", "-o", "json"])
        .output()
        .expect("kubectl runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut objects = Vec::new();
    for object in serde_json::Deserializer::from_str(&stdout).into_iter::<Json>() {
        let mut object = object.expect("kubectl prints JSON");
        if let Some(metadata) = object.get_mut("metadata").and_then(Json::as_object_mut) {
            let labels = metadata.get_mut("labels").and_then(Json::as_object_mut);
            if let Some(labels) = labels {
                labels.remove("x");
                if labels.is_empty() {
                    metadata.remove("labels");
                }
            }
        }
        objects.push(object);
    }
    let refused = (!output.status.success()).then(|| {
        String::from_utf8_lossy(&output.stderr)
            .trim()
            .replace(&*file.to_string_lossy(), "FILE")
    });
    let mut line = json!({
        "name": case.name,
        "objects": objects,
        "refused": refused,
    });
    // A file that is no UTF-8 text is recorded as its bytes, in hex.
    line[if case.bytes.is_some() {
        "bytes"
    } else {
        "yaml"
    }] = match &case.bytes {
        Some(bytes) => bytes.iter().map(|byte| format!("{byte:02x}")).collect(),
        None => case.yaml.clone(),
    }
    .into();
    line.to_string()
}

/// The bytes that `hex` spells.
fn from_hex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&hex[at..at + 2], 16).expect("hex"))
        .collect()
}

/// The recorded cases, with kubectl's answers: each case's name, the file
/// kubectl was given, and its answer.
fn recorded() -> Vec<(String, Vec<u8>, Answer)> {
    let text = std::fs::read_to_string(answers_path()).expect("the recorded answers");
    let mut lines = text.lines();
    let header: Json = serde_json::from_str(lines.next().expect("a header")).expect("JSON");
    assert_eq!(header["command"], COMMAND);
    lines
        .map(|line| {
            let case: Json = serde_json::from_str(line).expect("a recorded case");
            let text = |key: &str| case[key].as_str().map(str::to_owned);
            let answer = Answer {
                objects: case["objects"].as_array().cloned().unwrap_or_default(),
                refused: text("refused"),
            };
            let name = text("name").expect("a name");
            let file = match text("bytes") {
                Some(hex) => from_hex(&hex),
                None => text("yaml").expect("a stream").into_bytes(),
            };
            (name, file, answer)
        })
        .collect()
}

/// Where our reader and kubectl part, if they do.
fn difference(yaml: &str, answer: &Answer) -> Option<String> {
    let ours = Stream::parse(yaml, |_, _| true);
    let Some(message) = &answer.refused else {
        return match ours {
            Err(error) => Some(format!("kubectl reads it, we refuse it: {error:?}")),
            Ok(stream) => same_documents(&stream, &answer.objects).err(),
        };
    };
    let Err(error) = ours else {
        return Some(format!("kubectl refuses it ({message}), we read it"));
    };
    // The document: kubectl printed those before it.
    let text = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    let mut printed = 0;
    let mut failing = None;
    if super::json::is_json(text) {
        printed = answer.objects.len();
        failing = Some((error.document, 1));
    } else {
        for chunk in Chunks::new(text) {
            let Ok(chunk) = chunk else {
                failing = Some((error.document, 1));
                break;
            };
            let mut stream = Stream {
                nodes: Vec::new(),
                documents: Vec::new(),
            };
            match stream.read_document(&chunk, &|_: &Stream, _| true) {
                Ok(()) => printed += documents(&stream).len(),
                Err(_) => {
                    failing = Some((chunk.document, chunk.first_line));
                    break;
                }
            }
        }
    }
    let Some((document, first_line)) = failing else {
        return Some(format!(
            "we refuse no document alone, but the stream: {error:?}"
        ));
    };
    if printed != answer.objects.len() || document != error.document {
        return Some(format!(
            "kubectl refuses it after {} documents ({message}); we after {printed}, at \
             document {}: {error:?}",
            answer.objects.len(),
            error.document
        ));
    }
    if let Some(line) = kubectl_line(message, yaml, first_line)
        && line != error.line
    {
        return Some(format!(
            "kubectl refuses it at line {line} ({message}); we at {}: {}",
            error.line, error.reason
        ));
    }
    if let Some(problem) = kubectl_problem(message)
        && !error.reason.ends_with(problem)
    {
        return Some(format!(
            "kubectl refuses it for another reason ({message}); we: {}",
            error.reason
        ));
    }
    None
}

/// What go-yaml found wrong, where kubectl's message says it in the words
/// of the reader, scanner or parser, which never quote the stream.
fn kubectl_problem(message: &str) -> Option<&str> {
    let after = message.split("yaml: ").nth(1)?;
    let problem = after
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
        .map_or(after, |(_, problem)| problem);
    (!problem.contains(['`', '\'', '"'])).then_some(problem)
}

/// The line of the stream kubectl's message names, if it names one:
/// go-yaml counts lines from 1 for the scanner's errors, from 0 for the
/// parser's, and ends lines at U+0085, U+2028, U+2029 and a lone `\r` too.
fn kubectl_line(message: &str, yaml: &str, first_line: usize) -> Option<usize> {
    let after = message.split("yaml: line ").nth(1)?;
    let (number, problem) = after.split_once(':')?;
    let number: usize = number.parse().ok()?;
    let parser_problems = [
        "did not find expected <document start>",
        "found undefined tag handle",
        "did not find expected node content",
        "did not find expected '-' indicator",
        "did not find expected key",
        "did not find expected ',' or ']'",
        "did not find expected ',' or '}'",
        "found duplicate %YAML directive",
        "found incompatible YAML document",
        "found duplicate %TAG directive",
    ];
    let parser = parser_problems.iter().any(|p| problem.trim() == *p);
    let go_line = if parser {
        number
    } else {
        number.checked_sub(1)?
    };
    // From go-yaml's lines to the stream's, in the document's text.
    let chunk_text: String = yaml
        .split_inclusive('\n')
        .skip(first_line - 1)
        .map(|line| {
            line.strip_suffix("\r\n")
                .map_or(line.to_owned(), |l| format!("{l}\n"))
        })
        .collect();
    let chars: Vec<char> = chunk_text.chars().collect();
    let (mut go, mut text_line, mut at) = (0, 0, 0);
    while go < go_line && at < chars.len() {
        match chars[at] {
            '\r' if chars.get(at + 1) == Some(&'\n') => {
                at += 1;
                text_line += 1;
                go += 1;
            }
            '\n' => {
                text_line += 1;
                go += 1;
            }
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => go += 1,
            _ => {}
        }
        at += 1;
    }
    // go-yaml ends a last line that has no line break with one of its
    // own, so its line may be one past the stream's.
    Some(first_line + text_line + (go_line - go))
}

/// The documents kubectl prints: all but those that are null.
fn documents(stream: &Stream) -> Vec<NodeId> {
    stream
        .documents
        .iter()
        .map(|document| document.root)
        .filter(|&root| !matches!(stream.nodes[root].value, Value::Scalar(_, ScalarKind::Null)))
        .collect()
}

fn same_documents(stream: &Stream, objects: &[Json]) -> Result<(), String> {
    let roots = documents(stream);
    if roots.len() != objects.len() {
        return Err(format!(
            "kubectl prints {} documents, we read {}",
            objects.len(),
            roots.len()
        ));
    }
    for (index, (&root, object)) in roots.iter().zip(objects).enumerate() {
        same(stream, root, object, &format!("document {}", index + 1))?;
    }
    Ok(())
}

/// Whether a node is what kubectl's JSON has.
fn same(stream: &Stream, id: NodeId, json: &Json, path: &str) -> Result<(), String> {
    let node = &stream.nodes[id];
    let differ = |what: &str| Err(format!("{path}: kubectl has {json}, we {what}"));
    match (&node.value, json) {
        (Value::Scalar(text, ScalarKind::String), Json::String(string)) => {
            if text.as_str() == string {
                Ok(())
            } else {
                differ(&format!("the string {:?}", text.as_str()))
            }
        }
        (Value::Scalar(_, ScalarKind::Number), Json::Number(_))
        | (Value::Scalar(_, ScalarKind::Bool), Json::Bool(_))
        | (Value::Scalar(_, ScalarKind::Null), Json::Null) => Ok(()),
        (Value::Seq(items), Json::Array(array)) if items.len() == array.len() => {
            for (index, (&item, json)) in items.iter().zip(array).enumerate() {
                same(stream, item, json, &format!("{path}[{index}]"))?;
            }
            Ok(())
        }
        (Value::Map(_), Json::Object(object)) => {
            let entries = stream.entries(id);
            let mut ours: Vec<&str> = entries.iter().map(|(key, _)| *key).collect();
            let mut theirs: Vec<&str> = object.keys().map(String::as_str).collect();
            ours.sort_unstable();
            theirs.sort_unstable();
            if ours != theirs {
                return differ(&format!("the keys {ours:?}"));
            }
            for (key, value) in entries {
                same(stream, value, &object[key], &format!("{path}.{key}"))?;
            }
            Ok(())
        }
        (Value::Scalar(text, kind), _) => differ(&format!("{} {:?}", kind.noun(), text.as_str())),
        (Value::Seq(items), _) => differ(&format!("a sequence of {}", items.len())),
        (Value::Map(_), _) => differ("a mapping"),
    }
}

/// Every recorded case: the reader agrees with kubectl.
#[test]
fn the_reader_reads_as_kubectl_does() {
    let recorded = recorded();
    assert!(recorded.len() >= 1000, "{} cases", recorded.len());
    let problems: Vec<String> = recorded
        .iter()
        .filter_map(|(name, file, answer)| {
            let text = encoding::decode(file);
            difference(&text, answer).map(|difference| format!("{name}: {difference}"))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{} of {} cases:\n{}",
        problems.len(),
        recorded.len(),
        problems.join("\n")
    );
}

/// The recorded cases are the cases: the data was recorded from them.
#[test]
fn the_recorded_cases_are_the_cases() {
    let recorded: Vec<(String, Vec<u8>)> = recorded()
        .into_iter()
        .map(|(name, file, _)| (name, file))
        .collect();
    let cases: Vec<(String, Vec<u8>)> = cases::cases()
        .into_iter()
        .map(|case| (case.name.clone(), case.file().to_vec()))
        .collect();
    assert!(
        recorded == cases,
        "the cases changed: run scripts/kubectl-yaml-answers.sh"
    );
}
