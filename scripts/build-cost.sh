#!/usr/bin/env bash
# What envconfig costs an application, against the same application loading
# the same 40-field configuration by hand (benches/cost/forty_by_hand.rs).
# A measurement tool, not a test: CI does not run it, and nothing here
# asserts a figure.
#
#   bash scripts/build-cost.sh [STEP...]      # prints Markdown tables
#
# Steps (all of them by default):
#   workload  the 40-field app alone: cold debug build, rebuild after
#             editing the config struct, stripped release binary
#   service   a typical service (serde derive, tokio macros + rt, thiserror)
#             with and without envconfig: the same figures, and the major
#             versions of syn in its tree
#   peers     the service with envy, the cheapest peer to build, next to
#             envconfig and by hand in the same turns
#   bloat     what the growth of the binary is made of (cargo bloat, which
#             is installed from crates.io if missing)
#   expand    the derive's expansion time for a struct of 200 fields
#   instructions
#             instructions per load, envconfig against the hand-written
#             loaders (callgrind; skipped if valgrind is not installed)
#
# RUNS=N (3 by default) runs each timed build N times (the expansion time,
# which takes milliseconds, 5N times) and reports the median. Cold builds
# of the two variants alternate, so that a neighbour's build slows both
# alike, and the marginal cost is the median of the differences of each
# pair. Each build's wall-clock time comes with its CPU time (user + system),
# which a busy machine disturbs much less. Dependencies are fetched first,
# so "cold" means compiling, not downloading. Sizes are deterministic and
# built once.
#
# BEFORE=<revision> adds envconfig as it was at that revision to the
# workload and service steps, built in the same turns, for before/after
# figures that the machine's load moves alike.
#
# Needs cargo, git, coreutils and awk; `expand` reads rustc's own timings
# (`-Z time-passes`, enabled on a stable compiler with RUSTC_BOOTSTRAP=1).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-3}"
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(workload service peers bloat expand instructions)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A wrapper such as sccache would make every "cold" build warm.
unset RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER

now() { date +%s.%N; }
seconds_since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.2f", end - start }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
kib() { awk -v bytes="$1" 'BEGIN { printf "%.0f", bytes / 1024 }'; }
signed_kib() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.0f", (a - b) / 1024 }'; }
cargo_in() { local dir="$1"; shift; (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo "$@"); }

cp "$repo/benches/cost/forty.rs" "$work/forty.rs"
sed 's/super::forty::Forty/crate::forty_by_hand::FortyByHand/' \
    "$repo/benches/cost/forty_by_hand.rs" > "$work/forty_by_hand.rs"

# Writes a crate: $1 = name, $2 = dependency lines, $3 = main.rs,
# $4 = "forty.rs" or "forty_by_hand.rs", the config module it uses.
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

# What cargo bloat reads: the release build with its symbols.
[profile.bloat]
inherits = "release"
strip = false
TOML
    printf '%s\n' "$3" > "$dir/src/main.rs"
    cp "$work/$4" "$dir/src/$4"
    # The same versions as the repository's lock file where they overlap;
    # the service's own dependencies resolve to their newest.
    cp "$repo/Cargo.lock" "$dir/Cargo.lock"
    cargo_in "$dir" fetch -q
}

# Adds a second binary to the crate $1: $2 = its name, $3 = its main.rs.
add_bin() {
    mkdir -p "$work/$1/src/bin"
    printf '%s\n' "$3" | sed 's|^mod forty;|#[path = "../forty.rs"]\nmod forty;|' \
        > "$work/$1/src/bin/$2.rs"
}

# Runs "$@" and prints "wall cpu": seconds of wall-clock time, and of CPU
# time (user + system) of every process it waited for. On a shared machine
# the CPU time is the steadier figure: a neighbour's build lengthens the
# wall-clock time of ours, much less the CPU time it takes.
timed() {
    local TIMEFORMAT='%R %U %S' times
    if ! times=$( { time "$@" > "$work/last.log" 2>&1; } 2>&1); then
        cat "$work/last.log" >&2
        echo "failed: $*" >&2
        return 1
    fi
    awk '{ printf "%.2f %.2f", $1, $2 + $3 }' <<< "$times"
}

cold_build() { # $1 = crate; prints "wall cpu"
    rm -rf "$work/$1/target"
    timed cargo_in "$work/$1" build -q --offline --bin "$1"
}

# Edits the config struct as a developer would (widens one field, then
# narrows it back on the next run) and rebuilds; prints "wall cpu".
rebuild_after_edit() { # $1 = crate, $2 = config module
    local file="$work/$1/src/$2"
    if grep -q 'pub workers: u8,' "$file"; then
        sed -i 's/pub workers: u8,/pub workers: u16,/' "$file"
    else
        sed -i 's/pub workers: u16,/pub workers: u8,/' "$file"
    fi
    timed cargo_in "$work/$1" build -q --offline --bin "$1"
}

release_size() { # $1 = crate, $2 = binary; prints bytes (stripped)
    cargo_in "$work/$1" build -q --offline --release --bins
    stat -c %s "$work/$1/target/release/$2"
}

syn_majors() { # $1 = crate; prints e.g. "1 (syn v3.0.10)"
    local versions
    versions=$(cargo_in "$work/$1" tree -q --offline -e normal,build --prefix none -f '{p}' \
        | awk '$1 == "syn" { print $2 }' | sort -u)
    if [ -z "$versions" ]; then
        echo "0"
        return
    fi
    printf '%s (syn %s)\n' \
        "$(printf '%s\n' "$versions" | cut -d. -f1 | sort -u | wc -l)" \
        "$(printf '%s\n' "$versions" | paste -sd, - | sed 's/,/, /g')"
}

# The config module of crate $1: `forty_by_hand.rs` for a crate by hand.
config_module() {
    case "$1" in *-by-hand) echo forty_by_hand.rs ;; *-envy) echo forty_envy.rs ;; *) echo forty.rs ;; esac
}

# Times cold builds and rebuilds of the crates "$@", the last one by hand,
# in turns, so that a neighbour's build slows each alike. Sets, for each
# crate, cold[$crate] ("wall s / cpu s CPU") and rebuild[$crate] (wall),
# and for each with envconfig marginal[$crate]: the median of its
# differences from the crate by hand built in the same turn.
declare -A cold rebuild marginal
time_builds() {
    local crates=("$@") by_hand="${!#}" crate w c
    local -A walls cpus diffs diffs_cpu rebuilds turn_wall turn_cpu
    for _ in $(seq "$runs"); do
        for crate in "${crates[@]}"; do
            read -r w c <<< "$(cold_build "$crate")"
            walls[$crate]+="$w " cpus[$crate]+="$c " turn_wall[$crate]=$w turn_cpu[$crate]=$c
        done
        for crate in "${crates[@]}"; do
            [ "$crate" != "$by_hand" ] || continue
            diffs[$crate]+="$(minus "${turn_wall[$crate]}" "${turn_wall[$by_hand]}") "
            diffs_cpu[$crate]+="$(minus "${turn_cpu[$crate]}" "${turn_cpu[$by_hand]}") "
        done
        for crate in "${crates[@]}"; do
            read -r w _ <<< "$(rebuild_after_edit "$crate" "$(config_module "$crate")")"
            rebuilds[$crate]+="$w "
        done
    done
    for crate in "${crates[@]}"; do
        # shellcheck disable=SC2086 # the lists are of numbers
        cold[$crate]="$(median ${walls[$crate]}) s / $(median ${cpus[$crate]}) s CPU"
        # shellcheck disable=SC2086
        rebuild[$crate]="$(median ${rebuilds[$crate]}) s"
        if [ "$crate" != "$by_hand" ]; then
            # shellcheck disable=SC2086
            marginal[$crate]="$(median ${diffs[$crate]} | sed 's/^[0-9]/+&/') s / $(median ${diffs_cpu[$crate]} | sed 's/^[0-9]/+&/') s CPU"
        fi
        {
            echo "  $crate: cold (wall) ${walls[$crate]}; cold (CPU) ${cpus[$crate]}; rebuild (wall) ${rebuilds[$crate]}"
        } >&2
    done
}

by_hand_main='
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
load_or_exit_main='
#[allow(dead_code)] // VARS is for the benchmark
mod forty;
fn main() {
    let config: forty::Forty = envconfig::load_or_exit();
    println!("{}", config.port);
}'
from_env_main='
#[allow(dead_code)] // VARS is for the benchmark
mod forty;
use envconfig::Config as _;
fn main() {
    match forty::Forty::from_env() {
        Ok(config) => println!("{}", config.port),
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(78);
        }
    }
}'

# The service: serde's derive, tokio's macros and runtime, thiserror; $1 is
# how it loads its configuration.
service_main() {
    cat <<RUST
#![allow(dead_code)]
$(case "$1" in
    by_hand) echo 'mod forty_by_hand;' ;;
    envy) echo 'mod forty_envy;' ;;
    load_or_exit) echo 'mod forty;' ;;
    from_env) echo 'mod forty;'; echo 'use envconfig::Config as _;' ;;
esac)

use serde::{Deserialize, Serialize};

/// What the service answers its health check with.
#[derive(Debug, Serialize, Deserialize)]
struct Health {
    status: String,
    port: u16,
    workers: u8,
}

#[derive(Debug, thiserror::Error)]
enum ServiceError {
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("task failed")]
    Task(#[from] tokio::task::JoinError),
}

async fn health(port: u16, workers: u8) -> Health {
    Health { status: "ok".to_owned(), port, workers }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), ServiceError> {
$(case "$1" in
    by_hand) echo '    let config = forty_by_hand::FortyByHand::from_env().map_err(ServiceError::Config)?;' ;;
    from_env) echo '    let config = forty::Forty::from_env().map_err(|e| ServiceError::Config(e.to_string()))?;' ;;
    envy) echo '    let config: forty_envy::Forty = envy::prefixed("BENCH_").from_env().map_err(|e| ServiceError::Config(e.to_string()))?;' ;;
    load_or_exit) echo '    let config: forty::Forty = envconfig::load_or_exit();' ;;
esac)
    let health = tokio::spawn(health(config.port, config.workers as u8)).await?;
    println!("{health:?}");
    Ok(())
}
RUST
}

envconfig_dep="envconfig = { path = \"$repo/envconfig\" }"
service_deps='serde = { version = "1", features = ["derive"] }
tokio = { version = "1", features = ["macros", "rt"] }
thiserror = "2"'

# BEFORE=<revision>: the same apps with envconfig as it was at that
# revision, cloned from this repository, measured in the same turns.
before="${BEFORE:-}"
if [ -n "$before" ]; then
    git clone -q "$repo" "$work/before-repo"
    git -C "$work/before-repo" checkout -q "$before"
    before="$(git -C "$work/before-repo" log -1 --format=%h)"
fi
before_dep="envconfig = { path = \"$work/before-repo/envconfig\" }"

apps_made=""
make_apps() {
    [ -z "$apps_made" ] || return 0
    apps_made=1
    local variant dep
    for variant in envconfig ${before:+before}; do
        dep="$envconfig_dep"
        [ "$variant" = before ] && dep="$before_dep"
        make_app "app-$variant" "$dep" "$load_or_exit_main" forty.rs
        add_bin "app-$variant" "app-$variant-from-env" "$from_env_main"
        make_app "svc-$variant" "$service_deps
$dep" "$(service_main load_or_exit)" forty.rs
        add_bin "svc-$variant" "svc-$variant-from-env" "$(service_main from_env)"
    done
    make_app app-by-hand "" "$by_hand_main" forty_by_hand.rs
    make_app svc-by-hand "$service_deps" "$(service_main by_hand)" forty_by_hand.rs
}

# The rows of one variant of $1 (app or svc): cold build, marginal cost and
# rebuild of its `load_or_exit` binary, and the size of both binaries
# against $2 bytes by hand; $3 adds the syn majors column.
variant_rows() {
    local kind="$1" by_hand="$2" syn_column="$3" variant label crate size syn
    for variant in envconfig ${before:+before}; do
        crate="$kind-$variant"
        label="envconfig"
        [ "$variant" = before ] && label="envconfig at $before"
        size=$(release_size "$crate" "$crate")
        syn=""
        [ -z "$syn_column" ] || syn=" $(syn_majors "$crate") |"
        echo "| $label, \`load_or_exit\` | ${cold[$crate]} | ${marginal[$crate]} | ${rebuild[$crate]} | $(kib "$size") KiB ($(signed_kib "$size" "$by_hand") KiB) |$syn"
        size=$(release_size "$crate" "$crate-from-env")
        [ -z "$syn_column" ] || syn=" |"
        echo "| $label, \`from_env\` | | | | $(kib "$size") KiB ($(signed_kib "$size" "$by_hand") KiB) |$syn"
    done
}

step_workload() {
    make_apps
    echo "## The 40-field app alone"
    echo
    time_builds app-envconfig ${before:+app-before} app-by-hand
    local by_hand
    by_hand=$(release_size app-by-hand app-by-hand)
    echo "| app (40-field config) | cold debug build (wall / CPU) | marginal, over by hand | rebuild after editing the struct | stripped release binary |"
    echo "| --- | --- | --- | --- | --- |"
    variant_rows app "$by_hand" ""
    echo "| by hand | ${cold[app-by-hand]} | | ${rebuild[app-by-hand]} | $(kib "$by_hand") KiB |"
    echo
}

step_service() {
    make_apps
    echo "## A typical service (serde derive, tokio macros + rt, thiserror)"
    echo
    time_builds svc-envconfig ${before:+svc-before} svc-by-hand
    local by_hand
    by_hand=$(release_size svc-by-hand svc-by-hand)
    echo "| service (40-field config) | cold debug build (wall / CPU) | marginal, over by hand | rebuild after editing the struct | stripped release binary | syn major versions |"
    echo "| --- | --- | --- | --- | --- | --- |"
    variant_rows svc "$by_hand" syn
    echo "| by hand | ${cold[svc-by-hand]} | | ${rebuild[svc-by-hand]} | $(kib "$by_hand") KiB | $(syn_majors svc-by-hand) |"
    echo
    echo "Marginal: the median, over $runs turns, of the difference from the service by hand built in the same turn."
    echo
}

# Prints "part bytes" for every function of the `.text` of binary $2 of
# crate $1, the part told by the function's name (cargo bloat's attribution
# of generic code to crates is approximate; names are steadier).
text_by_part() {
    cargo_in "$work/$1" bloat -q --offline --profile bloat --bin "$2" -n 0 -w 2>/dev/null | awk '
        function bytes(size) {
            if (size ~ /KiB$/) return substr(size, 1, length(size) - 3) * 1024
            if (size ~ /MiB$/) return substr(size, 1, length(size) - 3) * 1048576
            return substr(size, 1, length(size) - 1) + 0
        }
        $2 ~ /%$/ && $3 ~ /B$/ && !/section size|smaller methods|data size/ {
            name = $0
            part = "std code linked or instantiated for the rest"
            if (name ~ /envconfig::source::|Variables/) part = "NAME / NAME_FILE lookup, secret files"
            else if (name ~ /envconfig::load|from_env|envconfig::value::erased/) part = "the loader: every problem, defaults, aliases, secrecy"
            else if (name ~ /envconfig::value::|envconfig_core::syntax/) part = "parsers"
            else if (name ~ /envconfig::check::|edit_distance|vars_os/) part = "typo hints of a failed load"
            else if (name ~ /envconfig::error::|envconfig::shown::/) part = "problems and their messages"
            else if (name ~ /forty|app_/) part = "the app: generated or hand-written loader"
            total[part] += bytes($3)
        }
        END { for (part in total) print total[part] "\t" part }'
}

# The growth of `from_env`'s binary over the hand-written app: by ELF
# section (of the stripped binaries, with binutils' `size`) and, for the
# code, by part.
breakdown() {
    local from_env="$work/app-envconfig/target/release/app-envconfig-from-env"
    local by_hand="$work/app-by-hand/target/release/app-by-hand"
    release_size app-envconfig app-envconfig-from-env > /dev/null
    release_size app-by-hand app-by-hand > /dev/null
    echo "### What \`from_env\` adds to the hand-written app"
    echo
    if command -v size > /dev/null; then
        echo "| section | growth |"
        echo "| --- | --- |"
        { size -A "$from_env" | awk '{ print "+", $1, $2 }'; size -A "$by_hand" | awk '{ print "-", $1, $2 }'; } | awk '
            $2 ~ /^\./ {
                group = "other"
                if ($2 == ".text") group = "code (.text)"
                else if ($2 ~ /eh_frame|gcc_except/) group = "unwinding tables (.eh_frame, .gcc_except_table)"
                else if ($2 ~ /rel/) group = "pointers and their relocations (.data.rel.ro, .rela.dyn)"
                else if ($2 == ".rodata") group = "constants and strings (.rodata)"
                growth[group] += ($1 == "+" ? $3 : -$3)
            }
            END { for (group in growth) printf "| %s | %+.1f KiB |\n", group, growth[group] / 1024 }' | sort
        echo
    fi
    echo "| part of the code | growth |"
    echo "| --- | --- |"
    { text_by_part app-envconfig app-envconfig-from-env | sed 's/^/+\t/'
      text_by_part app-by-hand app-by-hand | sed 's/^/-\t/'; } | awk -F '\t' '
        { growth[$3] += ($1 == "+" ? $2 : -$2) }
        END { for (part in growth) printf "%.0f\t| %s | %+.1f KiB |\n", -growth[part], part, growth[part] / 1024 }' \
        | sort -n | cut -f 2
    echo
}

step_bloat() {
    make_apps
    command -v cargo-bloat > /dev/null || cargo install --locked -q cargo-bloat
    local bin
    echo "## What the binary is made of (cargo bloat, .text of the release build)"
    echo
    for bin in app-by-hand app-envconfig app-envconfig-from-env; do
        local crate=app-envconfig
        [ "$bin" = app-by-hand ] && crate=app-by-hand
        echo "### $bin, by crate"
        echo
        echo '```'
        cargo_in "$work/$crate" bloat -q --offline --profile bloat --bin "$bin" --crates -n 12 \
            2>/dev/null
        echo '```'
        echo
    done
    breakdown
    for bin in app-envconfig-from-env app-envconfig; do
        echo "### $bin, envconfig's largest functions"
        echo
        echo '```'
        cargo_in "$work/app-envconfig" bloat -q --offline --profile bloat --bin "$bin" \
            --filter envconfig -n 25 2>/dev/null
        echo '```'
        echo
    done
}

# The service loading the same 40 fields with envy (serde's `Deserialize`
# and `envy::prefixed`), built in the same turns as envconfig's and the one
# by hand. envy has no duration syntax: its six durations are seconds
# (`u64`), and it has no `NAME_FILE` rule, no secrets and no docs.
step_peers() {
    make_apps
    sed -e 's/#\[derive(envconfig::Config, Debug)\]/#[derive(serde::Deserialize, Debug)]/' \
        -e '/#\[config(prefix/d' -e '/^use std::time::Duration;/d' -e 's/: Duration,/: u64,/' \
        "$work/forty.rs" > "$work/forty_envy.rs"
    make_app svc-envy "$service_deps
envy = \"0.4\"" "$(service_main envy)" forty_envy.rs
    echo "## Against a peer: envy in the same service"
    echo
    time_builds svc-envconfig svc-envy svc-by-hand
    local by_hand envy size
    by_hand=$(release_size svc-by-hand svc-by-hand)
    envy=$(release_size svc-envy svc-envy)
    echo "| service (40-field config) | cold debug build (wall / CPU) | marginal, over by hand | rebuild after editing the struct | stripped release binary | syn major versions |"
    echo "| --- | --- | --- | --- | --- | --- |"
    size=$(release_size svc-envconfig svc-envconfig)
    echo "| envconfig, \`load_or_exit\` | ${cold[svc-envconfig]} | ${marginal[svc-envconfig]} | ${rebuild[svc-envconfig]} | $(kib "$size") KiB ($(signed_kib "$size" "$by_hand") KiB) | $(syn_majors svc-envconfig) |"
    size=$(release_size svc-envconfig svc-envconfig-from-env)
    echo "| envconfig, \`from_env\` | | | | $(kib "$size") KiB ($(signed_kib "$size" "$by_hand") KiB) | |"
    echo "| envy 0.4 | ${cold[svc-envy]} | ${marginal[svc-envy]} | ${rebuild[svc-envy]} | $(kib "$envy") KiB ($(signed_kib "$envy" "$by_hand") KiB) | $(syn_majors svc-envy) |"
    echo "| by hand | ${cold[svc-by-hand]} | | ${rebuild[svc-by-hand]} | $(kib "$by_hand") KiB | $(syn_majors svc-by-hand) |"
    echo
}

# A crate with one struct of $2 fields, deriving `Config` if $3 = derive.
make_expand_crate() {
    local dir="$work/$1" kinds i
    kinds=(
        '#[config(default = 8080)] port_%d: u16'
        '#[config(default = false)] debug_%d: bool'
        '#[config(default = "30s")] timeout_%d: std::time::Duration'
        'name_%d: String'
        'retries_%d: Option<u32>'
        '#[config(separator = ",")] hosts_%d: Vec<String>'
    )
    mkdir -p "$dir/src"
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n[dependencies]\n%s\n' \
        "$1" "$envconfig_dep" > "$dir/Cargo.toml"
    cp "$repo/Cargo.lock" "$dir/Cargo.lock"
    {
        echo '#![allow(dead_code)]'
        [ "$3" = derive ] && echo '#[derive(envconfig::Config)]' && echo '#[config(prefix = "APP_")]'
        echo 'struct Settings {'
        for i in $(seq 0 $(($2 - 1))); do
            echo "    /// Field number $i."
            # shellcheck disable=SC2059
            field=$(printf "${kinds[$((i % 6))]}" "$i")
            [ "$3" = derive ] || field=$(printf '%s' "$field" | sed 's/^#\[config([^]]*)\] //')
            echo "    $field,"
        done
        echo '}'
        echo 'fn main() {}'
    } > "$dir/src/main.rs"
    cargo_in "$dir" fetch -q
    # RUSTC_BOOTSTRAP is part of what cargo fingerprints: build the
    # dependencies with it, so that the timed runs compile this crate only.
    RUSTC_BOOTSTRAP=1 cargo_in "$dir" check -q --offline
}

# rustc's time for macro expansion and for the whole check of crate $1.
expansion_times() {
    local dir="$work/$1" expand=() check=() start out
    for _ in $(seq $((5 * runs))); do
        touch "$dir/src/main.rs"
        start=$(now)
        out=$(cargo_in "$dir" rustc -q --offline --profile check -- -Z time-passes 2>&1 >/dev/null)
        check+=("$(seconds_since "$start")")
        expand+=("$(printf '%s\n' "$out" | awk '$NF == "macro_expand_crate" { sub(";", "", $2); print $2 * 1000 }')")
    done
    echo "  $1: macro expansion ${expand[*]} ms; check ${check[*]} s" >&2
    echo "$(median "${expand[@]}" | awk '{ printf "%.0f", $1 }') $(median "${check[@]}")"
}

step_expand() {
    make_expand_crate plain-200 200 plain
    make_expand_crate derive-1 1 derive
    make_expand_crate derive-200 200 derive
    local plain one two
    plain=$(RUSTC_BOOTSTRAP=1 expansion_times plain-200)
    one=$(RUSTC_BOOTSTRAP=1 expansion_times derive-1)
    two=$(RUSTC_BOOTSTRAP=1 expansion_times derive-200)
    echo "## The derive's expansion time (rustc -Z time-passes, macro_expand_crate)"
    echo
    echo "| struct | macro expansion | \`cargo check\` of the crate |"
    echo "| --- | --- | --- |"
    echo "| 200 fields, no derive | ${plain% *} ms | ${plain#* } s |"
    echo "| 1 field, \`#[derive(Config)]\` | ${one% *} ms | ${one#* } s |"
    echo "| 200 fields, \`#[derive(Config)]\` | ${two% *} ms | ${two#* } s |"
    echo
}

# Instructions per load of the 40-field config, counted by callgrind: what
# the load benchmark times, in a figure a busy machine does not move. The
# environment is the 40 variables and 60 others, as a container's might be.
step_instructions() {
    if ! command -v valgrind > /dev/null; then
        echo "## Instructions per load: skipped, valgrind is not installed"
        echo
        return
    fi
    local dir="$work/load-counts" vars=() mode a b
    mkdir -p "$dir/src"
    printf '[package]\nname = "load-counts"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n[dependencies]\n%s\n' \
        "$envconfig_dep" > "$dir/Cargo.toml"
    cp "$repo/Cargo.lock" "$dir/Cargo.lock"
    cp "$work/forty.rs" "$work/forty_by_hand.rs" "$dir/src/"
    cat > "$dir/src/main.rs" <<'RUST'
#![allow(dead_code)]
mod forty;
mod forty_by_hand;
use envconfig::Config as _;
use std::hint::black_box;
fn main() {
    let mode = std::env::args().nth(1).expect("a mode");
    let loads: usize = std::env::args().nth(2).expect("a count").parse().expect("a count");
    for _ in 0..loads {
        match mode.as_str() {
            "by-hand" => drop(black_box(forty_by_hand::FortyByHand::from_env().expect("valid"))),
            "by-hand-with-files" => {
                drop(black_box(forty_by_hand::FortyByHand::from_env_with_files().expect("valid")))
            }
            "from-env" => drop(black_box(forty::Forty::from_env().expect("valid"))),
            "from-vars" => drop(black_box(forty::Forty::from_vars(forty::VARS).expect("valid"))),
            _ => panic!("unknown mode {mode}"),
        }
    }
}
RUST
    cargo_in "$dir" build -q --release
    mapfile -t vars < <(grep -o '("BENCH_[A-Z_]*", "[^"]*")' "$work/forty.rs" \
        | sed 's/("\([^"]*\)", "\([^"]*\)")/\1=\2/')
    for i in $(seq 0 59); do vars+=("OTHER_VARIABLE_$i=some value $i"); done
    # The difference of 110 and 10 loads leaves out the process's start.
    count() {
        env -i "${vars[@]}" valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            "$dir/target/release/load-counts" "$1" "$2" 2>&1 \
            | awk '/Collected :/ { print $NF }'
    }
    declare -A per_load
    for mode in by-hand by-hand-with-files from-env from-vars; do
        a=$(count "$mode" 10)
        b=$(count "$mode" 110)
        per_load[$mode]=$(((b - a) / 100))
    done
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
    echo "## Instructions per load of the 40-field config (callgrind, 100 variables in the environment)"
    echo
    echo "| load | instructions | vs by hand | vs by hand with NAME_FILE |"
    echo "| --- | --- | --- | --- |"
    echo "| by hand | ${per_load[by-hand]} | 1.00x | |"
    echo "| by hand, with the NAME_FILE rule | ${per_load[by-hand-with-files]} | $(ratio "${per_load[by-hand-with-files]}" "${per_load[by-hand]}") | 1.00x |"
    echo "| envconfig \`from_env\` | ${per_load[from-env]} | $(ratio "${per_load[from-env]}" "${per_load[by-hand]}") | $(ratio "${per_load[from-env]}" "${per_load[by-hand-with-files]}") |"
    echo "| envconfig \`from_vars\` | ${per_load[from-vars]} | $(ratio "${per_load[from-vars]}" "${per_load[by-hand]}") | |"
    echo
}

echo "Measured on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(uname -m), $(rustc --version), $(date -u +%Y-%m-%d); medians of $runs runs"
echo
for step in "${steps[@]}"; do
    case "$step" in
        workload | service | peers | bloat | expand | instructions) "step_$step" ;;
        *)
            echo "unknown step: $step (workload, service, peers, bloat, expand, instructions)" >&2
            exit 64
            ;;
    esac
done
