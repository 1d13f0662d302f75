#!/usr/bin/env bash
# What kubectl makes of each case of the YAML reader's comparison with it
# (envconfig/src/deployment/manifest/yaml_kubectl_cases_tests.rs): `kubectl label
# --local -f FILE x=y -o json`, which needs no cluster, prints the objects
# as kubectl read them, or its error.
#
#   scripts/kubectl-yaml-answers.sh [OUT]   records the answers, in
#       envconfig/tests/data/kubectl/yaml-answers.jsonl or OUT; the first
#       line is kubectl's version.
#   scripts/kubectl-yaml-answers.sh --check   asks kubectl again and fails
#       if an answer changed (kubectl's version may); passes, saying so,
#       where kubectl is not installed.
#
# `KUBECTL` names kubectl if it is not the one on the path. The test that
# asks kubectl runs in the test build of the whole workspace, which
# `cargo test --workspace` has compiled already.
set -euo pipefail
cd "$(dirname "$0")/.."
kubectl=${KUBECTL:-kubectl}
if ! command -v "$kubectl" >/dev/null; then
  if [ "${1:-}" = --check ]; then
    echo "kubectl is not installed: its YAML answers are not asked again"
    exit 0
  fi
  echo "kubectl is not installed" >&2
  exit 1
fi
ask() {
  cargo test --quiet --workspace --tests -- --ignored --exact \
    deployment::manifest::yaml::kubectl_tests::ask_kubectl 2>&1
}
if [ "${1:-}" = --check ]; then
  if ! output=$(ask); then
    echo "$output" >&2
    exit 1
  fi
  echo "kubectl ($("$kubectl" version --client 2>/dev/null | head -1)) answers as recorded"
  exit 0
fi
out=$(realpath -m "${1:-envconfig/tests/data/kubectl/yaml-answers.jsonl}")
mkdir -p "$(dirname "$out")"
if ! output=$(KUBECTL_YAML_ANSWERS="$out" ask); then
  echo "$output" >&2
  exit 1
fi
echo "kubectl's answers: $out ($(($(wc -l <"$out") - 1)) cases)"
