#!/usr/bin/env bash
# Installs the real readers of the docs formats, for tests/formats.rs to
# check the outputs with: markdownlint-cli from the npm registry, and
# Python-Markdown (which MkDocs uses) and cmark-gfm (GitHub's renderer)
# from PyPI, into target/format-tools. Best effort: where a registry or a
# client is missing, nothing fails here, and the test checks what it can in
# Rust and says which tool it went without.
set -u
cd "$(dirname "$0")/.."
dir=target/format-tools
mkdir -p "$dir"
if [ ! -x "$dir/node/node_modules/.bin/markdownlint" ]; then
  if command -v npm >/dev/null; then
    timeout 300 npm install --silent --no-fund --no-audit --prefix "$dir/node" \
      markdownlint-cli@0.50.0 >/dev/null 2>&1 \
      || echo "format-tools: markdownlint-cli could not be installed"
  else
    echo "format-tools: no npm, so no markdownlint"
  fi
fi
if [ ! -d "$dir/python/markdown" ] || [ ! -d "$dir/python/cmarkgfm" ]; then
  if command -v python3 >/dev/null; then
    timeout 300 python3 -m pip install --quiet --disable-pip-version-check \
      --target "$dir/python" markdown==3.11.3 cmarkgfm==2025.10.22 >/dev/null 2>&1 \
      || echo "format-tools: Python-Markdown and cmark-gfm could not be installed"
  else
    echo "format-tools: no python3, so no Python-Markdown"
  fi
fi
exit 0
