#!/usr/bin/env bash
# What envconfig costs an application's build, against the same application
# written by hand (benches/cost/forty_by_hand.rs): the cold debug build with
# dependencies, the incremental rebuild after editing the config struct, and
# the size of the stripped release binary. Uses only cargo and coreutils.
#
#   bash scripts/build-cost.sh            # prints a Markdown table
#
# Dependencies are fetched first, so "cold" means compiling, not downloading.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
seconds_since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'; }

# Writes an application crate: $1 = name, $2 = dependency lines, $3 = main.rs body.
make_app() {
    local dir="$work/$1"
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$2

[profile.release]
strip = true
TOML
    printf '%s\n' "$3" > "$dir/src/main.rs"
    # The same dependency versions as the repository's own lock file.
    cp "$repo/Cargo.lock" "$dir/Cargo.lock" 2>/dev/null || true
}

cp "$repo/benches/cost/forty.rs" "$repo/benches/cost/forty_by_hand.rs" "$work/"

make_app app-envconfig "envconfig = { path = \"$repo/envconfig\" }" '
#[allow(dead_code)] // VARS is for the benchmark
mod forty;
fn main() {
    let config: forty::Forty = envconfig::load_or_exit();
    println!("{}", config.port);
}'
cp "$work/forty.rs" "$work/app-envconfig/src/forty.rs"

make_app app-by-hand "" '
mod forty_by_hand;
fn main() {
    match forty_by_hand::FortyByHand::from_env() {
        Ok(config) => println!("{}", config.port),
        Err(problem) => {
            eprintln!("{problem}");
            std::process::exit(78);
        }
    }
}'
sed 's/super::forty::Forty/crate::forty_by_hand::FortyByHand/' "$work/forty_by_hand.rs" \
    > "$work/app-by-hand/src/forty_by_hand.rs"

measure() {
    local app="$1" struct_file="$2" dir="$work/$1"
    (cd "$dir" && cargo fetch -q 2>/dev/null || cargo fetch -q)
    local start
    start=$(now)
    (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo build -q)
    local cold
    cold=$(seconds_since "$start")

    # Edit the struct: widen one field, as a developer changing the config would.
    sed -i 's/pub workers: u8,/pub workers: u16,/' "$dir/src/$struct_file"
    start=$(now)
    (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo build -q)
    local incremental
    incremental=$(seconds_since "$start")

    (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo build -q --release)
    local size
    size=$(stat -c %s "$dir/target/release/$app")
    echo "| $app | $cold s | $incremental s | $((size / 1024)) KiB |"
}

echo "Measured on $(nproc) cores, $(uname -m), $(rustc --version)"
echo
echo "| app (40-field config) | cold debug build | rebuild after editing the struct | stripped release binary |"
echo "| --- | --- | --- | --- |"
measure app-envconfig forty.rs
measure app-by-hand forty_by_hand.rs
