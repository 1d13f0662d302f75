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
//! - `<!-- readme: ci -->`, a fenced block of shell commands, `<!-- readme:
//!   end -->`: a CI job; each line that starts with `myapp` is run as the
//!   `service` example, on a correct deployment and on a broken one.
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
            None if marker == "ci" => content.to_owned(),
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
    // A landing page: the full guide is the crate docs.
    let lines = readme.lines().count();
    assert!(
        lines <= 400,
        "README.md has {lines} lines; move some to the crate docs"
    );
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

/// The commands of the README's CI job, as the words of each `myapp` line.
fn ci_commands() -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme
        .find("<!-- readme: ci -->")
        .expect("a CI job in the README");
    let block = &readme[start..];
    let block = &block[..block.find(END).expect("its end")];
    let commands: Vec<Vec<String>> = block
        .lines()
        .filter_map(|line| line.strip_prefix("myapp "))
        .map(|args| args.split_whitespace().map(str::to_owned).collect())
        .collect();
    assert!(commands.len() >= 2, "{block}");
    commands
}

/// A deployment of the service: its env file and its rendered manifest.
fn deployment(env: &Env, port: &str) {
    std::fs::create_dir_all(env.dir.path().join("deploy")).expect("deploy/");
    env.file(
        "deploy/prod.env",
        &format!(
            "BILLING_PORT={port}\nBILLING_DATABASE_URL=postgres://billing@db/billing\n\
             PAYMENT_TOKEN_FILE=/run/secrets/payment/token\n\
             BILLING_ALLOWED_HOSTS=shop.example.com\n"
        ),
    );
    env.file(
        "rendered.yaml",
        &format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: billing\nspec:\n  \
             selector:\n    matchLabels:\n      app: billing\n  template:\n    metadata:\n      labels:\n        app: billing\n    spec:\n      enableServiceLinks: false\n      containers:\n      \
             - name: api\n        image: billing:1.4.2\n        env:\n        \
             - name: BILLING_PORT\n          value: \"{port}\"\n        \
             - name: BILLING_DATABASE_URL\n          valueFrom:\n            secretKeyRef:\n              \
             name: billing-secrets\n              key: database-url\n        \
             - name: PAYMENT_TOKEN\n          valueFrom:\n            secretKeyRef:\n              \
             name: billing-secrets\n              key: payment-token\n        \
             - name: BILLING_ALLOWED_HOSTS\n          value: shop.example.com\n"
        ),
    );
}

/// The README's CI job passes a correct deployment and fails a broken one
/// (a port out of range), each step on its own.
#[test]
fn the_ci_job_passes_a_correct_deployment_and_fails_a_broken_one() {
    for (port, status) in [("8080", 0), ("80800", 78)] {
        let env = Env::new(&[]);
        deployment(&env, port);
        for args in ci_commands() {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            if args.contains(&"--manifest") && !cfg!(feature = "k8s") {
                continue;
            }
            let run = env.run(&args);
            assert_eq!(run.code, status, "{args:?}: {run:?}");
            if status != 0 {
                assert!(
                    run.stdout.contains("::error file="),
                    "{args:?}: {}",
                    run.stdout
                );
            }
        }
    }
}
