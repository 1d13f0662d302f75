//! `--check-env --manifest` on manifests of 16 MiB, the most it reads, in
//! every shape of [`cost/manifests.rs`](cost/manifests.rs): the time each
//! check takes, and the most memory it holds (its peak resident set, as
//! GNU time's `%M` reports it).
//!
//! Run with `cargo bench --bench manifest` (`RUNS=n`, 5 by default): the
//! `service` example is built in the bench's profile and run on each
//! manifest; the table gives the median time of the runs and the largest
//! peak. The bound is 2 s and 256 MiB for every shape. `WRITE_TO=DIR`
//! writes the manifests there instead, to profile one.

#[path = "../tests/support/mod.rs"]
mod support;

#[path = "cost/manifests.rs"]
mod manifests;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// What measures a run's peak memory.
const GNU_TIME: &str = "/usr/bin/time";

/// The bound: 2 s and 256 MiB.
const BOUND_TIME: Duration = Duration::from_secs(2);
const BOUND_KIB: u64 = 256 * 1024;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and
    // one run of each shape is enough to know it works.
    let testing = !std::env::args().any(|arg| arg == "--bench");
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(5);
    if let Some(dir) = std::env::var_os("WRITE_TO") {
        for shape in manifests::shapes() {
            let name = format!("{}.yaml", shape.name.replace(' ', "-"));
            std::fs::write(Path::new(&dir).join(name), &shape.text).expect("written");
        }
        return;
    }
    let binary = support::service_binary();
    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let measures_memory = Path::new(GNU_TIME).is_file();
    println!(
        "{:<16} {:>8} {:>5} {:>10} {:>10} {:>10}",
        "shape", "MiB", "exit", "median", "slowest", "peak MiB"
    );
    let mut over: Vec<&str> = Vec::new();
    for shape in manifests::shapes() {
        let path = dir.path().join("manifest.yaml");
        std::fs::write(&path, &shape.text).expect("the manifest is written");
        let mut times: Vec<Duration> = Vec::new();
        let mut peak_kib: u64 = 0;
        let mut code = None;
        let mut verdict = String::new();
        for _ in 0..if testing { 1 } else { runs } {
            let mut command = match measures_memory {
                true => {
                    let mut command = Command::new(GNU_TIME);
                    command.args(["-f", "%M"]).arg(binary);
                    command
                }
                false => Command::new(binary),
            };
            command
                .args(["--check-env", "--manifest"])
                .arg(&path)
                .args(shape.container.iter().flat_map(|c| ["--container", c]))
                .env_clear();
            let start = Instant::now();
            let output = command.output().expect("the service runs");
            times.push(start.elapsed());
            code = output.status.code();
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stdout.lines().last().or(stderr.lines().next());
            verdict = last.unwrap_or("").chars().take(100).collect();
            if measures_memory {
                let stderr = String::from_utf8_lossy(&output.stderr);
                let kib = stderr
                    .lines()
                    .last()
                    .and_then(|line| line.trim().parse().ok());
                peak_kib = peak_kib.max(kib.unwrap_or(0));
            }
        }
        times.sort_unstable();
        let median = times[times.len() / 2];
        let slowest = times[times.len() - 1];
        let peak = match measures_memory {
            true => format!("{:.1}", peak_kib as f64 / 1024.0),
            false => "-".to_owned(),
        };
        println!(
            "{:<16} {:>8.2} {:>5} {:>9.3}s {:>9.3}s {:>10}",
            shape.name,
            shape.text.len() as f64 / (1024.0 * 1024.0),
            code.map_or("signal".to_owned(), |code| code.to_string()),
            median.as_secs_f64(),
            slowest.as_secs_f64(),
            peak
        );
        println!("    {verdict}");
        if median > BOUND_TIME || peak_kib > BOUND_KIB {
            over.push(shape.name);
        }
        assert!(
            matches!(code, Some(0 | 78)),
            "{}: the check ended with {code:?}",
            shape.name
        );
    }
    match over.is_empty() {
        true => println!("within 2 s and 256 MiB: every shape"),
        false => println!("over 2 s or 256 MiB: {}", over.join(", ")),
    }
}
