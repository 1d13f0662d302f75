//! The README's example outputs are the service's real outputs.
//!
//! The README marks them with comments the reader does not see:
//!
//! - `<!-- readme: file PATH -->`, a fenced block, `<!-- readme: end -->`:
//!   a file written into the working directory of the runs that follow;
//! - `<!-- readme: run STATUS ARGS... -->`, the output (in a fenced block,
//!   or raw for Markdown), `<!-- readme: end -->`: the `service` example run
//!   with ARGS, nothing in its environment and those files around it; its
//!   stdout then stderr must be the output, and its exit status STATUS.
//!
//! After changing the service or a rendering, `UPDATE_README=1 cargo test
//! --test readme` writes the new outputs into the README; review the diff.

mod support;

use std::path::Path;

use support::Env;

const BEGIN: &str = "<!-- readme: ";
const END: &str = "<!-- readme: end -->";

#[test]
fn readme_outputs_are_the_programs_own() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let env = Env::new(&[]);
    let mut updated = String::new();
    let mut stale = Vec::new();
    let mut runs = 0;
    let mut rest = readme.as_str();

    while let Some(start) = rest.find(BEGIN) {
        let marker_end = start + rest[start..].find("-->\n").expect("a closed marker") + 4;
        let marker = rest[start + BEGIN.len()..marker_end - 4].trim();
        let body_len = rest[marker_end..].find(END).expect("an end marker");
        let body = &rest[marker_end..marker_end + body_len];
        let (fence, content) = split_fence(body);
        updated.push_str(&rest[..marker_end]);

        let content = match marker.split_once(' ') {
            Some(("file", file)) => {
                let file = env.dir.path().join(file);
                std::fs::create_dir_all(file.parent().expect("a parent"))
                    .expect("the file's directory");
                std::fs::write(&file, content).expect("the file");
                content.to_owned()
            }
            Some(("run", command)) => {
                runs += 1;
                let mut words = command.split(' ');
                let status: i32 = words.next().and_then(|s| s.parse().ok()).expect("STATUS");
                let args: Vec<&str> = words.collect();
                let run = env.run(&args);
                assert_eq!(run.code, status, "{command}: {run:?}");
                let output = run.stdout + &run.stderr;
                if output != content {
                    stale.push(command.to_owned());
                }
                output
            }
            _ => panic!("unknown README marker {marker:?}"),
        };
        match fence {
            Some(fence) => updated.push_str(&format!("{fence}\n{content}```\n")),
            None => updated.push_str(&content),
        }
        updated.push_str(END);
        rest = &rest[marker_end + body_len + END.len()..];
    }
    updated.push_str(rest);

    assert!(runs >= 3, "the README shows the service's outputs");
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, updated).expect("README.md is writable");
    } else {
        assert!(
            stale.is_empty(),
            "README.md shows stale output of {stale:?}: rerun with UPDATE_README=1 and review"
        );
    }
}

/// Splits a block into its opening fence line (` ```text `) and content, or
/// gives it whole when it is not fenced.
fn split_fence(body: &str) -> (Option<&str>, &str) {
    match body.strip_prefix("```") {
        Some(_) => {
            let line_end = body.find('\n').expect("a fence line");
            let content = &body[line_end + 1..];
            let content = content.strip_suffix("```\n").expect("a closing fence");
            (Some(&body[..line_end]), content)
        }
        None => (None, body),
    }
}
